// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "iomem.h"
#include "oldram.h"

static int by_first(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

void oldram_kept(struct range *kept, uint32_t *n)
{
	qsort(kept, *n, sizeof(*kept), by_first);
	iomem_merge(kept, n);
}

int oldram_pci_window(struct range *spans, uint32_t n, struct range *w)
{
	uint64_t prev = 0, size = OLDRAM_GAP_MIN;
	int found = 0;

	oldram_kept(spans, &n);
	for (uint32_t i = 0; i <= n && prev < OLDRAM_GAP_END; i++) {
		uint64_t end = i < n && spans[i].first < OLDRAM_GAP_END ? spans[i].first : OLDRAM_GAP_END;

		if (end > prev && end - prev >= size) {
			size = end - prev;
			*w = (struct range){ prev, end - 1 };
			found = 1;
		}
		if (i < n && spans[i].last + 1 > prev)
			prev = spans[i].last + 1;
	}
	return found ? 0 : -1;
}

/* Index of the first kept range that ends at or past addr; n if none. kept: sorted, disjoint. */
static uint32_t at_or_after(const struct range *kept, uint32_t n, uint64_t addr)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (kept[mid].last < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The kept range holding addr, or NULL. */
static const struct range *holding(const struct range *kept, uint32_t n, uint64_t addr)
{
	uint32_t i = at_or_after(kept, n, addr);

	return i < n && kept[i].first <= addr ? &kept[i] : NULL;
}

/* Could the kernel's gap search take the hole p leaves? Big enough, or next to a hole already. */
static int opens_gap(struct range p, const struct range *kept, uint32_t nkept)
{
	if (range_size(p) >= OLDRAM_GAP_MIN)
		return 1;
	if (p.first && !holding(kept, nkept, p.first - 1))
		return 1;
	return p.last + 1 < OLDRAM_GAP_END && !holding(kept, nkept, p.last + 1);
}

uint32_t oldram_fill(const struct range *ram, uint32_t nram, const struct range *kept, uint32_t nkept,
		     struct range *out)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < nram && ram[i].first < OLDRAM_GAP_END; i++) {
		uint64_t end = ram[i].last < OLDRAM_GAP_END ? ram[i].last : OLDRAM_GAP_END - 1;
		uint64_t a = ram[i].first;

		while (a <= end && n < OLDRAM_MAX) {
			uint32_t j = at_or_after(kept, nkept, a);
			struct range p;

			if (j < nkept && kept[j].first <= a) {  /* joined: the byte past it is free */
				if (kept[j].last >= end)
					break;
				a = kept[j].last + 1;
				j++;
			}
			p = (struct range){ a, j < nkept && kept[j].first <= end ? kept[j].first - 1 : end };
			if (opens_gap(p, kept, nkept))
				out[n++] = p;
			if (p.last == end)
				break;
			a = p.last + 1;
		}
	}
	return n;
}

/* Is all of [a, b] kept or the first kernel's RAM: no hole of its map? */
static int no_hole(const struct range *kept, uint32_t nkept, const struct range *ram, uint32_t nram, uint64_t a,
		   uint64_t b)
{
	while (a <= b) {
		const struct range *k = holding(kept, nkept, a);

		if (!k)
			k = holding(ram, nram, a);
		if (!k)
			return 0;
		if (k->last >= b)
			return 1;
		a = k->last + 1;
	}
	return 1;
}

uint32_t oldram_bridge(struct range *pieces, uint32_t n, const struct range *ram, uint32_t nram,
		       const struct range *kept, uint32_t nkept, const struct range *kdump_ram, uint32_t nkram)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < n; i++) {
		struct range *last = out ? &pieces[out - 1] : NULL;
		int join = last && no_hole(kept, nkept, ram, nram, last->last + 1, pieces[i].first - 1);

		for (uint32_t j = 0; join && j < nkram; j++)
			join = !range_overlap(kdump_ram[j], (struct range){ last->last + 1, pieces[i].first - 1 });
		if (join)
			last->last = pieces[i].last;
		else
			pieces[out++] = pieces[i];
	}
	return out;
}
