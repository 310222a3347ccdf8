// SPDX-License-Identifier: GPL-2.0
/* Every add and align on a guest address is checked: a range near 2^64 must not wrap into a fit. */
#include <stdio.h>

#include "layout.h"

/* The aligned start of a fit for it inside s and below limit (0: none), lowest or highest; 0: none. */
static int fit(const struct range *s, const struct layout_item *it, uint64_t limit, uint64_t *at)
{
	uint64_t lo = s->first > it->min ? s->first : it->min;
	uint64_t hi = s->last, a;         /* the last byte the item may take */

	if (limit && limit - 1 < hi)
		hi = limit - 1;
	if (lo > hi || hi - lo < it->size - 1)
		return 0;
	if (it->highest) {
		a = (hi - (it->size - 1)) & ~(it->align - 1);
		if (a < lo)
			return 0;
	} else {
		if (lo > UINT64_MAX - (it->align - 1))
			return 0;
		a = (lo + it->align - 1) & ~(it->align - 1);
		if (a > hi || hi - a < it->size - 1)
			return 0;
	}
	*at = a;
	return 1;
}

/* The best fit for it in free[] below limit: its range's index, or -1. */
static int find(const struct range *free, uint32_t nfree, const struct layout_item *it, uint64_t limit,
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

/* Take used, which lies inside free[i], out of the free list. */
static int carve(struct range *free, uint32_t *nfree, uint32_t cap, uint32_t i, struct range used)
{
	struct range s = free[i];

	if (used.first > s.first && used.last < s.last) {
		if (*nfree == cap)
			return -1;
		free[(*nfree)++] = (struct range){ used.last + 1, s.last };
		free[i].last = used.first - 1;
	} else if (used.first > s.first) {
		free[i].last = used.first - 1;
	} else if (used.last < s.last) {
		free[i].first = used.last + 1;
	} else {
		free[i] = free[--*nfree];
	}
	return 0;
}

int layout_place(struct range *free, uint32_t *nfree, uint32_t cap,
		 struct layout_item *items, uint32_t n, char *why, size_t why_size)
{
	/* Overlapping ranges (a buggy firmware map, a bad iomem) would let two segments share bytes. */
	for (uint32_t i = 0; i < *nfree; i++)
		for (uint32_t j = i + 1; j < *nfree; j++)
			if (range_overlap(free[i], free[j])) {
				snprintf(why, why_size, "free memory 0x%llx-0x%llx and 0x%llx-0x%llx overlap",
					 (unsigned long long)free[i].first, (unsigned long long)free[i].last,
					 (unsigned long long)free[j].first, (unsigned long long)free[j].last);
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
		if (found < 0) {        /* every constraint named: size, alignment, lowest start, limit */
			int n = snprintf(why, why_size, "no free memory for the %s: %llu bytes, aligned to 0x%llx",
					 it->name, (unsigned long long)it->size, (unsigned long long)it->align);

			if (it->min && n > 0 && (size_t)n < why_size)
				n += snprintf(why + n, why_size - n, ", at or above 0x%llx (its pref_address)",
					      (unsigned long long)it->min);
			if (it->max_end && n > 0 && (size_t)n < why_size)
				snprintf(why + n, why_size - n, ", below the kernel's limit");
			return -1;
		}
		if (carve(free, nfree, cap, (uint32_t)found, (struct range){ best, best + (it->size - 1) })) {
			snprintf(why, why_size, "%s: too many free fragments", it->name);
			return -1;
		}
		it->addr = best;
	}
	return 0;
}
