/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The first kernel's memory a dump reads: its System RAM, and the EFI boot-services memory it
 * kept and /proc/iomem calls "Reserved" (efi_mem_reserve: the BGRT logo, ESRT, the TPM log).
 * That memory is RAM, and the kernel's own pages can live there: a boot-services descriptor
 * that was partly reserved early is never reserved whole, page tables are allocated in its
 * free part, then efi_mem_reserve() marks those pages reserved (docs/details.md, seed 439566).
 * Without them in a PT_LOAD makedumpfile cannot walk the page tables. Pure.
 */
#ifndef LOADER_DUMPRAM_H
#define LOADER_DUMPRAM_H
#include <stdint.h>

#include "iomem.h"

#define EFI_BOOT_SERVICES_CODE 3
#define EFI_BOOT_SERVICES_DATA 4
#define DUMPRAM_MAX_EFI        1024     /* runtime-map entries read; a real map has tens */
#define DUMPRAM_MAX            (2 * IOMEM_MAX_RAM)

/*
 * ram (sorted, merged) united with every top-level "Reserved" line's part inside an efi_kept
 * range, sorted and merged, into out. Returns the count, or -1 when more than cap; *kept_bytes:
 * the bytes added to ram.
 */
int dumpram_build(const struct range *ram, uint32_t nram, const struct iomem_line *lines, uint32_t nlines,
		  const struct range *efi_kept, uint32_t nefi, struct range *out, uint32_t cap,
		  uint64_t *kept_bytes);

/* Where a PT_LOAD range of the dump comes from, in /proc/iomem's words (loader/iomem.h's map). */
const char *dumpram_source(const struct iomem_map *map, struct range load);

#endif
