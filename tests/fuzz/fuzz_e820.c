// SPDX-License-Identifier: GPL-2.0
/*
 * Table validation + e820 merge. Input: byte 0 = zero-page entries (mod 129), bytes 1-2 =
 * extension capacity, then that many 20-byte zero-page entries, then the table segment.
 * On every input the invariants of tests/unit/test_e820.c hold, checked on byte intervals.
 */
#include <stdlib.h>
#include <string.h>

#include "purgatory/e820.h"
#include "purgatory/table.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static int by_addr(const void *a, const void *b)
{
	const struct e820_entry *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Is [lo, hi) inside the union of out[] entries whose type passes ok()? out is sorted, disjoint. */
static int covered(const struct e820_entry *out, uint32_t n, uint64_t lo, uint64_t hi,
		   int (*ok)(uint32_t type, uint32_t want), uint32_t want)
{
	for (uint32_t i = 0; i < n && lo < hi; i++) {
		uint64_t s = out[i].addr, e = out[i].addr + out[i].size;

		if (e <= lo)
			continue;
		if (s > lo || !ok(out[i].type, want))
			return 0;
		lo = e;
	}
	return lo >= hi;
}

/* Does some zero-page entry or staged range begin or end at addr? */
static int input_edge(const struct e820_entry *base, uint32_t nbase, const struct table_view *v,
		      uint64_t addr)
{
	for (uint32_t i = 0; i < nbase; i++)
		if (base[i].size && (base[i].addr == addr || base[i].addr + base[i].size == addr))
			return 1;
	for (uint32_t i = 0; i < v->count; i++) {
		struct staged_range r;

		table_entry(v, i, &r);
		if (r.addr == addr || r.addr + r.size == addr)
			return 1;
	}
	return 0;
}

static int is_ram(uint32_t type, uint32_t want) { (void)want; return type == E820_TYPE_RAM; }
static int at_least(uint32_t type, uint32_t want) { return type == E820_TYPE_RAM || type >= want; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct e820_entry base[BP_E820_MAX], zp[BP_E820_MAX], *ext, *all;
	uint32_t nbase, ext_cap, total;
	struct table_view v;
	struct table_fault tf;
	struct e820_fault ef;
	struct e820_counts c;
	void *work, *table;
	size_t work_size;

	if (size < 3)
		return 0;
	nbase = data[0] % (BP_E820_MAX + 1);
	ext_cap = data[1] | data[2] << 8;
	data += 3;
	size -= 3;
	if (size < nbase * sizeof(base[0]))
		return 0;
	memcpy(base, data, nbase * sizeof(base[0]));
	data += nbase * sizeof(base[0]);
	size -= nbase * sizeof(base[0]);
	table = malloc(size + 1);               /* the segment exactly as long as the input says */
	memcpy(table, data, size);
	if (table_validate(table, size, &v, &tf)) {
		CHECK(tf.error != TABLE_OK);
		free(table);
		return 0;
	}
	work_size = E820_WORK_BYTES(nbase, v.count);
	work = malloc(work_size);
	ext = malloc((ext_cap + 1) * sizeof(*ext));
	if (e820_patch(base, nbase, &v, zp, BP_E820_MAX, ext, ext_cap, work, work_size, &c, &ef)) {
		CHECK(ef.error == E820_BASE_WRAPS);     /* the table validated: only the zero page can be bad */
		goto out;
	}
	CHECK(c.ranges == v.count && c.added <= c.ranges && c.clipped <= c.ranges);
	CHECK(c.ranges - c.added <= c.clipped);         /* wholly inside RAM implies touched RAM */
	CHECK(c.zero_page <= BP_E820_MAX && c.ext <= ext_cap);
	CHECK(!c.dropped || (c.zero_page == BP_E820_MAX && c.ext == ext_cap));
	total = c.zero_page + c.ext;
	all = malloc((total + 1) * sizeof(*all));
	memcpy(all, zp, c.zero_page * sizeof(*all));
	memcpy(all + c.zero_page, ext, c.ext * sizeof(*all));
	for (uint32_t i = 0; i < c.ext; i++)
		CHECK(ext[i].type != E820_TYPE_RAM || c.zero_page == BP_E820_MAX);
	qsort(all, total, sizeof(*all), by_addr);
	for (uint32_t i = 0; i < total; i++) {
		CHECK(all[i].size && all[i].addr + all[i].size > all[i].addr);
		if (i) {
			uint64_t end = all[i - 1].addr + all[i - 1].size;

			CHECK(end <= all[i].addr);
			/* Same-type neighbours are joined, except the kernel's nomerge types at an input edge. */
			CHECK(end < all[i].addr || all[i - 1].type != all[i].type ||
			      (e820_nomerge(all[i].type) && input_edge(base, nbase, &v, end)));
		}
	}
	/* No RAM lost: only drops could lose it, and RAM is never dropped while the zero page holds it. */
	for (uint32_t i = 0; i < nbase && c.dropped == 0; i++)
		if (base[i].type == E820_TYPE_RAM && base[i].size)
			CHECK(covered(all, total, base[i].addr, base[i].addr + base[i].size, is_ram, 0));
	/* Every staged byte is there, as RAM (the loader's) or as a type at least its own. */
	for (uint32_t i = 0; i < v.count && c.dropped == 0; i++) {
		struct staged_range r;

		table_entry(&v, i, &r);
		CHECK(covered(all, total, r.addr, r.addr + r.size, at_least, r.type));
	}
	free(all);
out:
	free(ext);
	free(work);
	free(table);
	return 0;
}
