/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kexec_file path. Under kexec_file_load the running kernel builds the kdump kernel's
 * e820 itself (arch/x86/kernel/crash.c, crash_setup_memmap_entries, as Linux 6.1 does it;
 * kernels with CRASH_HOTPLUG size the core headers larger, and mainline also adds its CMA
 * crash ranges last): RAM below 1 MiB, then ACPI tables, ACPI NVS, every e820 reserved range,
 * the low crash region, and the kdump kernel's own RAM last; entries past 128 are dropped, and
 * persistent memory is never passed. This predicts that e820 from /proc/iomem and puts what
 * would not arrive on the kdump kernel's command line as memmap= options. Pure.
 */
#ifndef LOADER_KFILE_H
#define LOADER_KFILE_H
#include <stddef.h>
#include <stdint.h>

#include "iomem.h"

#define KFILE_ZEROPAGE_MAX   128     /* E820_MAX_ENTRIES_ZEROPAGE: the kernel's cut */
#define KFILE_MAX            (STAGED_TABLE_MAX_RANGES + 2 * IOMEM_MAX_RAM + 8)
#define KFILE_ELFCOREHDR_ARG 30      /* MAX_ELFCOREHDR_STR_LEN: "elfcorehdr=0x..." the kernel adds */
#define KFILE_PAGE           4096ull
#define KFILE_RAM_ALIGN      (1ull << 20)  /* our memmap=@ keeps clear of the core headers by this */

/* Why an entry matters when the command line cannot carry them all (lower first). */
enum kfile_rank { RANK_KDUMP_RAM, RANK_MCFG, RANK_ACPI, RANK_OTHER, RANK_COUNT };

struct kfile_range {
	uint64_t start, end;           /* inclusive */
	uint32_t type;
	uint32_t rank;                 /* enum kfile_rank */
};

struct kfile_prediction {
	struct kfile_range built[KFILE_MAX];   /* in the kernel's order; the first 128 reach the zero page */
	uint32_t nbuilt;
	struct kfile_range unpassed[IOMEM_MAX_RAM];  /* persistent, soft reserved, unusable: never passed */
	uint32_t nunpassed;
	uint64_t elf_addr, elf_size;   /* the ELF core headers: bottom of the main crash region */
};

/*
 * lines: /proc/iomem as iomem_read parsed it; map: its crash regions; ncpus: possible CPUs
 * (one PT_NOTE each in the kernel's core headers). 0, or -1 with why.
 */
int kfile_predict(const struct iomem_line *lines, uint32_t n, const struct iomem_map *map, uint32_t ncpus,
		  struct kfile_prediction *out, char *why, size_t why_size);

/* What the kdump kernel's command line must carry: ranges the zero page will not. */
struct kfile_memmap {
	struct kfile_range carried[KFILE_MAX + IOMEM_MAX_RAM];  /* merged, address order: on the command line */
	uint32_t ncarried;
	struct kfile_range lost[KFILE_MAX + IOMEM_MAX_RAM];     /* merged, address order: no room left for them */
	uint32_t nlost;
	char text[4096];               /* " memmap=..." or "" when nothing is needed */
};

/*
 * Chooses, by rank then address, the missing ranges that fit in room bytes (the command line
 * the kernel takes, less the caller's own and elfcorehdr=), and writes them as one memmap=
 * list with size suffixes. The kdump RAM starts KFILE_RAM_ALIGN-aligned past the core headers.
 */
void kfile_memmap(const struct kfile_prediction *p, size_t room, struct kfile_memmap *m);

/*
 * The kdump kernel's final e820 (the zero page's 128, sanitized as the kernel does, with the
 * carried ranges added): out[] sorted, merged; returns the count (at most cap).
 */
uint32_t kfile_final_e820(const struct kfile_prediction *p, const struct kfile_memmap *m,
			  struct kfile_range *out, uint32_t cap);

/* memmap=SIZE<op>START for one range ("4K$40M", "255M@673M", "4K%0x1000+4"); length written. */
int kfile_memmap_item(const struct kfile_range *r, char *buf, size_t size);

#endif
