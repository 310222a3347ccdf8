/* SPDX-License-Identifier: GPL-2.0 */
/* Placing segments in the free memory a loader was given (UEFI map, crash region). Pure. */
#ifndef LINKER_LAYOUT_H
#define LINKER_LAYOUT_H
#include <stddef.h>
#include <stdint.h>

#include "range.h"

struct layout_item {
	const char *name;            /* for the error line */
	uint64_t size;
	uint64_t align;              /* power of two */
	uint64_t min;                /* lowest start */
	uint64_t max_end;            /* highest end; 0: no limit */
	uint64_t soft_max_end;       /* preferred highest end, tried first; 0: none */
	int highest;                 /* take the highest fit, not the lowest */
	uint64_t addr;               /* out */
};

/*
 * Place items in order, carving each from free[0..*nfree) (capacity cap:
 * carving the middle of a range splits it, taking a whole one removes it); ranges that
 * overlap are refused.
 * 0, or -1 with one line in why.
 */
int layout_place(struct range *free, uint32_t *nfree, uint32_t cap,
		 struct layout_item *items, uint32_t n, char *why, size_t why_size);

#endif
