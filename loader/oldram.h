/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The first kernel's RAM that the kdump kernel does not get. Left out of its e820, it is a hole,
 * and Linux takes the largest hole below 4 GiB of at least 4 MiB as its "available for PCI
 * devices" window (e820__setup_pci_gap(), e820_search_gap()): on a machine with more RAM than
 * MMIO hole below 4 GiB, the kdump kernel's window would lie in the first kernel's memory. So
 * each piece of it that such a search could take (4 MiB or more, or touching a hole of the
 * first kernel's map) is carried as reserved; a smaller piece between two carried ranges can
 * never be taken and stays a hole, which keeps the e820 (and memmap=) short. Pure.
 */
#ifndef LOADER_OLDRAM_H
#define LOADER_OLDRAM_H
#include <stdint.h>

#include "bootproto/range.h"

#define OLDRAM_GAP_END  (1ull << 32)    /* MAX_GAP_END: the search looks below 4 GiB only */
#define OLDRAM_GAP_MIN  (4ull << 20)    /* SZ_4M: the smallest gap it takes */
#define OLDRAM_MAX      64              /* pieces carried; more is a map no machine has */

/*
 * The window the kernel would give PCI devices with these e820 entries (e820__setup_pci_gap():
 * the largest gap below 4 GiB of at least 4 MiB, the highest of equal ones, as 7.3 searches).
 * spans: sorted and joined in place. 0 and *w, or -1: none (the kernel then warns).
 */
int oldram_pci_window(struct range *spans, uint32_t n, struct range *w);

/* kept[0..*n) sorted, touching or overlapping ranges joined, in place: what the others take. */
void oldram_kept(struct range *kept, uint32_t *n);

/*
 * ram[0..nram): the first kernel's System RAM, sorted, joined (iomem_map.ram). kept[0..nkept):
 * what the kdump kernel's e820 holds (its RAM and every range carried), as oldram_kept() left
 * it. Writes the pieces to carry into out (sorted); returns how many, at most OLDRAM_MAX (the
 * lowest: past that the rest stay holes).
 */
uint32_t oldram_fill(const struct range *ram, uint32_t nram, const struct range *kept, uint32_t nkept,
		     struct range *out);

/*
 * The pieces joined where nothing but carried ranges and the first kernel's RAM lies between
 * them: never across a hole of its map or the kdump kernel's RAM (kdump_ram, any order). Fewer
 * memmap= items; the higher types between keep their own (e820__update_table()). ram, kept as
 * for oldram_fill. In place; returns the new count.
 */
uint32_t oldram_bridge(struct range *pieces, uint32_t n, const struct range *ram, uint32_t nram,
		       const struct range *kept, uint32_t nkept, const struct range *kdump_ram, uint32_t nkram);

#endif
