/* SPDX-License-Identifier: GPL-2.0 */
/* The physical map as an SVG picture: one band per view on a log-scaled address axis. */
#ifndef LOADER_SVG_H
#define LOADER_SVG_H
#include <stdint.h>
#include <stdio.h>

#include "bootproto/range.h"

struct map_range {
	struct range r;
	uint32_t type;                 /* e820 type */
};

struct map_band {
	const char *label;
	const struct map_range *r;
	uint32_t n;
	int died;                      /* this kdump kernel printed no e820: say so instead of drawing */
};

/*
 * Band 0 is the first kernel's view; every later band is a kdump kernel's e820, in which each
 * non-RAM range of band 0 that it lacks (not inside one of its ranges of the same type) is
 * outlined in red. One <rect> per range, 4 GiB and the crash regions marked, a legend.
 */
void svg_map(FILE *f, const char *title, const struct map_band *bands, uint32_t nbands,
	     const struct range *crash, uint32_t ncrash);

#endif
