/* SPDX-License-Identifier: GPL-2.0 */
/* The e820 the kdump kernel will boot with: the purgatory's own merge run on the planned segments. */
#ifndef LOADER_PREDICT_H
#define LOADER_PREDICT_H
#include <stdio.h>

#include "purgatory/e820.h"
#include "plan.h"

struct purgatory_e820 {
	uint8_t zero_page[BP_SIZE];            /* the boot segment's zero page, patched */
	struct e820_entry *ext;                /* entries of the SETUP_E820_EXT node */
	struct e820_counts counts;
	struct table_view staged;              /* the planned table, as the purgatory reads it */
	void *ext_area, *work;
};

int predict_e820(const struct plan *p, struct purgatory_e820 *pr, char *why, size_t why_size);
void predict_free(struct purgatory_e820 *pr);
/* Entry i of the patched map: the zero page's first, then SETUP_E820_EXT's (counts.zero_page + counts.ext). */
const struct e820_entry *predict_entry(const struct purgatory_e820 *pr, uint32_t i);
/* "[mem 0x...-0x...] TYPE" lines as the kernel prints them, each marked with where it came from. */
/* map: the first kernel's, whose NAME_UNKNOWN ranges are said so. */
void predict_print(FILE *f, const struct plan *p, const struct purgatory_e820 *pr, const struct iomem_map *map,
		   int json);

#endif
