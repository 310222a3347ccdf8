/* SPDX-License-Identifier: GPL-2.0 */
/* Filling the kdump kernel's zero page and the purgatory's parameter block. Pure. */
#ifndef LINKER_ASSEMBLE_H
#define LINKER_ASSEMBLE_H
#include <stddef.h>
#include <stdint.h>

#include "bzimage.h"
#include "layout.h"
#include "include/purgatory_abi.h"

#define LOADER_TYPE_UNDEFINED 0xff  /* boot.rst: a loader with no assigned ID */

/* A segment as it will be at addr: the bytes the purgatory will hash there. */
struct segment {
	uint64_t addr;
	const void *data;
	uint64_t size;
};

struct purgatory_setup {
	uint64_t boot_params, kernel_entry;
	uint64_t table_addr, table_size;    /* 0, 0: no table (the shim's table=off) */
	uint64_t ext_addr, ext_size;
	uint16_t serial_port;
	uint32_t serial_baud;
};

/* The segments every loader places, in this order (layout_place takes them in array order). */
enum { BOOT_SEG_KERNEL, BOOT_SEG_INITRD, BOOT_SEG_PARAMS, BOOT_SEG_PURGATORY, BOOT_SEG_TABLE, BOOT_SEG_EXT,
       BOOT_SEGS };
#define BOOT_SEG_ALIGN 4096ull     /* kexec segments and UEFI allocations are whole pages */

static inline uint64_t boot_seg_round(uint64_t bytes)
{
	return (bytes + BOOT_SEG_ALIGN - 1) & ~(BOOT_SEG_ALIGN - 1);
}

/*
 * What each needs, by the boot protocol: the kernel at or above pref_address, aligned to
 * kernel_alignment, with init_size free; the initrd as high as initrd_addr_max allows, or above
 * it when nothing fits there and the kernel can take an initrd above 4 GiB; the zero page with
 * the command line after it; kernel and zero page below 4 GiB unless the kernel says they may be
 * above. Sizes rounded up to whole pages.
 */
void boot_segment_items(struct layout_item it[BOOT_SEGS], const struct bzimage *bz, uint64_t initrd_size,
			uint64_t purgatory_mem, uint64_t table_size, uint64_t ext_size);

/* Zero page: setup header from the bzImage, command line, initrd and RAM (nram <= 128). */
void bootparams_fill(uint8_t bp[BP_SIZE], const struct bzimage *bz, uint64_t cmdline_addr,
		     uint64_t initrd_addr, uint64_t initrd_size,
		     const struct e820_entry *ram, uint32_t nram);
void bootparams_set_acpi_rsdp(uint8_t bp[BP_SIZE], uint64_t rsdp);
void bootparams_set_efi(uint8_t bp[BP_SIZE], uint64_t systab, uint64_t memmap, uint32_t memmap_size,
			uint32_t desc_size, uint32_t desc_version);

/* Check the embedded image's header: 0, or -1 and one line in why. */
int purgatory_image_check(const void *image, uint64_t size, struct purgatory_image_header *h,
			  char *why, size_t why_size);

/* Write the parameter block into a copy of the image, one hashed region per segment. */
int purgatory_fill(uint8_t *image, uint64_t size, const struct purgatory_setup *s,
		   const struct segment *seg, uint32_t nseg, char *why, size_t why_size);

#endif
