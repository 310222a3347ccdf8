// SPDX-License-Identifier: GPL-2.0
/* Every add and align on a guest address is checked: a span near 2^64 must not wrap into a fit. */
#include <stdio.h>

#include "layout.h"

/* The aligned start of a fit for it inside s and below limit (0: none), lowest or highest; 0: none. */
static int fit(const struct mem_span *s, const struct layout_item *it, uint64_t limit, uint64_t *at)
{
	uint64_t lo = s->start > it->min ? s->start : it->min;
	uint64_t hi = s->end, a;

	if (limit && limit < hi)
		hi = limit;
	if (lo >= hi || hi - lo < it->size)
		return 0;
	if (it->highest) {
		a = (hi - it->size) & ~(it->align - 1);
		if (a < lo)
			return 0;
	} else {
		if (lo > UINT64_MAX - (it->align - 1))
			return 0;
		a = (lo + it->align - 1) & ~(it->align - 1);
		if (a >= hi || hi - a < it->size)
			return 0;
	}
	*at = a;
	return 1;
}

/* The best fit for it in free[] below limit: its span's index, or -1. */
static int find(const struct mem_span *free, uint32_t nfree, const struct layout_item *it, uint64_t limit,
		uint64_t *best)
{
	uint64_t at;
	int found = -1;

	for (uint32_t i = 0; i < nfree; i++) {
		if (!fit(&free[i], it, limit, &at))
			continue;
		if (found < 0 || (it->highest ? at > *best : at < *best)) {
			*best = at;
			found = (int)i;
		}
	}
	return found;
}

static int carve(struct mem_span *free, uint32_t *nfree, uint32_t cap, uint32_t i,
		 uint64_t start, uint64_t end)
{
	struct mem_span s = free[i];

	if (start > s.start && end < s.end) {
		if (*nfree == cap)
			return -1;
		free[(*nfree)++] = (struct mem_span){ end, s.end };
		free[i].end = start;
	} else if (start > s.start) {
		free[i].end = start;
	} else {
		free[i].start = end;
	}
	return 0;
}

int layout_place(struct mem_span *free, uint32_t *nfree, uint32_t cap,
		 struct layout_item *items, uint32_t n, char *why, size_t why_size)
{
	/* Overlapping spans (a buggy firmware map, a bad iomem) would let two segments share bytes. */
	for (uint32_t i = 0; i < *nfree; i++)
		for (uint32_t j = i + 1; j < *nfree; j++)
			if (free[i].start < free[j].end && free[j].start < free[i].end) {
				snprintf(why, why_size, "free memory 0x%llx-0x%llx and 0x%llx-0x%llx overlap",
					 (unsigned long long)free[i].start, (unsigned long long)free[i].end - 1,
					 (unsigned long long)free[j].start, (unsigned long long)free[j].end - 1);
				return -1;
			}
	for (uint32_t k = 0; k < n; k++) {
		struct layout_item *it = &items[k];
		uint64_t best = 0;
		int found = -1;

		if (!it->align || (it->align & (it->align - 1)) || !it->size) {
			snprintf(why, why_size, "%s: bad size or alignment", it->name);
			return -1;
		}
		if (it->soft_max_end)           /* never above the hard limit */
			found = find(free, *nfree, it, it->max_end && it->max_end < it->soft_max_end ?
				     it->max_end : it->soft_max_end, &best);
		if (found < 0)
			found = find(free, *nfree, it, it->max_end, &best);
		if (found < 0) {
			snprintf(why, why_size, "no free memory for the %s: %llu bytes, aligned to 0x%llx%s",
				 it->name, (unsigned long long)it->size, (unsigned long long)it->align,
				 it->max_end ? ", below the kernel's limit" : "");
			return -1;
		}
		if (carve(free, nfree, cap, (uint32_t)found, best, best + it->size)) {
			snprintf(why, why_size, "%s: too many free fragments", it->name);
			return -1;
		}
		it->addr = best;
	}
	return 0;
}
