/* SPDX-License-Identifier: GPL-2.0 */
/* The UEFI memory map as Linux's EFI stub reads it: e820 RAM, staged non-RAM, free memory. Pure. */
#ifndef SHIM_EFIMAP_H
#define SHIM_EFIMAP_H
#include <stddef.h>
#include <stdint.h>

#include "bootproto/layout.h"
#include "include/purgatory_abi.h"

/* UEFI memory types and attributes in names of our own: gnu-efi 3.0.15 (Debian 12) lacks the
 * last two types and EFI_MEMORY_SP, 3.0.18 (Debian 13) has them; neither may clash. */
enum {
	EFI_RESERVED, EFI_LOADER_CODE, EFI_LOADER_DATA, EFI_BOOT_CODE, EFI_BOOT_DATA,
	EFI_RUNTIME_CODE, EFI_RUNTIME_DATA, EFI_CONVENTIONAL, EFI_UNUSABLE, EFI_ACPI_RECLAIM,
	EFI_ACPI_NVS, EFI_MMIO, EFI_MMIO_PORT, EFI_PAL_CODE, EFI_PERSISTENT, EFI_UNACCEPTED,
};
#define EFIMAP_ATTR_SP 0x40000ull     /* EFI_MEMORY_SP: specific-purpose memory */
#define EFIMAP_PAGE    4096ull        /* UEFI pages are 4 KiB whatever the OS uses */
#define FREE_MIN_ADDR  0x100000ull   /* never place segments in the first MiB */

/* The fixed part of EFI_MEMORY_DESCRIPTOR; the map's stride is desc_size, never sizeof. */
struct efi_desc {
	uint32_t type;
	uint32_t pad;
	uint64_t phys;
	uint64_t virt;
	uint64_t pages;
	uint64_t attr;
};

struct efimap {
	struct e820_entry ram[BP_E820_MAX];
	uint32_t nram;
	struct staged_range *staged;     /* caller's array */
	uint32_t nstaged, staged_cap;
	struct range *free;              /* caller's array: EfiConventionalMemory above 1 MiB */
	uint32_t nfree, free_cap;
	const struct range *sp;          /* caller's: conventional memory taken as EFI_MEMORY_SP */
	uint32_t nsp;
};

/*
 * e820 type for a descriptor, as Linux's EFI stub maps it (setup_e820(), read in 7.3's
 * x86-stub.c): EFI_MEMORY_SP makes loader, boot-services and conventional memory soft reserved;
 * OEM and unknown types get no entry (0). One difference, on purpose: unaccepted memory is
 * reserved here, where the stub makes it RAM and builds the table the kernel accepts it from.
 */
uint32_t efimap_e820_type(uint32_t efi_type, uint64_t attr);

/* Fill m from the map; 0, or -1 with one line in why. Outputs sorted, same-type neighbours merged. */
int efimap_convert(const void *map, uint64_t map_size, uint64_t desc_size, struct efimap *m,
		   char *why, size_t why_size);

#endif
