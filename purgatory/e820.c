// SPDX-License-Identifier: GPL-2.0
/*
 * A change-point sweep, like Linux's e820__update_table(), but O(n log n):
 * every entry contributes a start and an end point, the points are sorted by
 * address, and between consecutive addresses the map takes the highest
 * "rank" active there. Ranks are the distinct e820 types in ascending order;
 * the loader's RAM gets a rank above all of them, so no staged range can
 * take a byte of it.
 */
#include <string.h>

#include "e820.h"

struct point {
	uint64_t addr;
	uint32_t rank;
	int32_t delta;          /* +1 opens, -1 closes */
};

struct span {
	uint64_t start, end;
};

/* In-place heapsort: no recursion, no allocation, bounded stack in the purgatory. */
#define DEFINE_HEAPSORT(name, T, LESS)                                          \
	static void name##_sift(T *a, size_t root, size_t n)                    \
	{                                                                       \
		for (;;) {                                                      \
			size_t child = 2 * root + 1;                            \
			T tmp;                                                  \
			if (child >= n)                                         \
				return;                                         \
			if (child + 1 < n && LESS(a[child], a[child + 1]))      \
				child++;                                        \
			if (!LESS(a[root], a[child]))                           \
				return;                                         \
			tmp = a[root]; a[root] = a[child]; a[child] = tmp;      \
			root = child;                                           \
		}                                                               \
	}                                                                       \
	static void name(T *a, size_t n)                                        \
	{                                                                       \
		for (size_t i = n / 2; i-- > 0;)                                \
			name##_sift(a, i, n);                                   \
		while (n > 1) {                                                 \
			T tmp = a[0]; a[0] = a[n - 1]; a[n - 1] = tmp;          \
			name##_sift(a, 0, --n);                                 \
		}                                                               \
	}

#define POINT_LESS(x, y) ((x).addr < (y).addr)
#define SPAN_LESS(x, y)  ((x).start < (y).start)
#define U32_LESS(x, y)   ((x) < (y))
DEFINE_HEAPSORT(sort_points, struct point, POINT_LESS)
DEFINE_HEAPSORT(sort_spans, struct span, SPAN_LESS)
DEFINE_HEAPSORT(sort_u32, uint32_t, U32_LESS)

struct work {
	struct point *points;
	struct span *ram;
	struct e820_entry *merged;
	uint32_t *types;
	uint32_t *active;       /* open entries per rank */
};

static void carve(void *buf, uint32_t nbase, uint32_t n, struct work *w)
{
	uint8_t *p = buf;

	w->points = (struct point *)p;
	p += E820_POINTS(nbase, n) * sizeof(struct point);
	w->ram = (struct span *)p;
	p += (size_t)nbase * sizeof(struct span);
	w->merged = (struct e820_entry *)p;
	p += E820_POINTS(nbase, n) * sizeof(struct e820_entry);
	w->types = (uint32_t *)p;
	p += ((size_t)nbase + n) * sizeof(uint32_t);
	w->active = (uint32_t *)p;
}

/* The loader's RAM as sorted, disjoint, non-adjacent spans. */
static uint32_t ram_spans(const struct e820_entry *base, uint32_t nbase, struct span *ram)
{
	uint32_t n = 0, out = 0;

	for (uint32_t i = 0; i < nbase; i++)
		if (base[i].type == E820_TYPE_RAM && base[i].size)
			ram[n++] = (struct span){ base[i].addr, base[i].addr + base[i].size };
	sort_spans(ram, n);
	for (uint32_t i = 0; i < n; i++) {
		if (out && ram[i].start <= ram[out - 1].end) {
			if (ram[i].end > ram[out - 1].end)
				ram[out - 1].end = ram[i].end;
		} else {
			ram[out++] = ram[i];
		}
	}
	return out;
}

/* How much of [start, end) the RAM spans cover: 0 none, 1 part, 2 all. */
static int ram_cover(const struct span *ram, uint32_t nram, uint64_t start, uint64_t end)
{
	uint32_t lo = 0, hi = nram;

	while (lo < hi) {               /* first span ending after start */
		uint32_t mid = lo + (hi - lo) / 2;

		if (ram[mid].end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == nram || ram[lo].start >= end)
		return 0;
	return ram[lo].start <= start && ram[lo].end >= end ? 2 : 1;
}

static uint32_t rank_of(const uint32_t *types, uint32_t ntypes, uint32_t type)
{
	uint32_t lo = 0, hi = ntypes;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (types[mid] < type)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t collect_types(const struct e820_entry *base, uint32_t nbase,
			      const struct table_view *staged, uint32_t *types)
{
	uint32_t n = 0, out = 0;

	for (uint32_t i = 0; i < nbase; i++)
		if (base[i].type != E820_TYPE_RAM)
			types[n++] = base[i].type;
	for (uint32_t i = 0; i < staged->count; i++) {
		struct staged_range r;

		table_entry(staged, i, &r);
		types[n++] = r.type;
	}
	sort_u32(types, n);
	for (uint32_t i = 0; i < n; i++)
		if (!out || types[i] != types[out - 1])
			types[out++] = types[i];
	return out;
}

static uint32_t add_points(struct point *pt, uint32_t np, uint64_t addr, uint64_t size, uint32_t rank)
{
	pt[np++] = (struct point){ addr, rank, 1 };
	pt[np++] = (struct point){ addr + size, rank, -1 };
	return np;
}

/* Sweep the sorted points into merged, sorted, non-overlapping entries. */
static uint32_t sweep(const struct point *pt, uint32_t np, uint32_t *active, uint32_t nranks,
		      const uint32_t *types, uint32_t ram_rank, struct e820_entry *out)
{
	uint32_t nout = 0, open_rank = 0;
	int64_t top = -1;               /* highest rank with open entries */
	int open = 0;

	memset(active, 0, nranks * sizeof(*active));
	for (uint32_t i = 0; i < np;) {
		uint64_t addr = pt[i].addr;

		for (; i < np && pt[i].addr == addr; i++) {
			active[pt[i].rank] += pt[i].delta;
			if (pt[i].delta > 0 && (int64_t)pt[i].rank > top)
				top = pt[i].rank;
		}
		while (top >= 0 && !active[top])
			top--;
		if (open && (top < 0 || (uint32_t)top != open_rank)) {
			out[nout - 1].size = addr - out[nout - 1].addr;
			open = 0;
		}
		if (!open && top >= 0) {
			open_rank = top;
			out[nout++] = (struct e820_entry){
				addr, 0, open_rank == ram_rank ? E820_TYPE_RAM : types[open_rank] };
			open = 1;
		}
	}
	return nout;
}

static int fault_at(struct e820_fault *f, enum e820_error e, uint32_t index)
{
	f->error = e;
	f->index = index;
	return -1;
}

int e820_patch(const struct e820_entry *base, uint32_t nbase,
	       const struct table_view *staged,
	       struct e820_entry *zp, uint32_t zp_cap,
	       struct e820_entry *ext, uint32_t ext_cap,
	       void *work, size_t work_size,
	       struct e820_counts *c, struct e820_fault *f)
{
	uint32_t n = staged->count, np = 0, nram, ntypes, nmerged, nonram_zp;
	struct work w;

	memset(c, 0, sizeof(*c));
	f->error = E820_OK;
	if (work_size < E820_WORK_BYTES(nbase, n))
		return fault_at(f, E820_WORK_SMALL, 0);
	for (uint32_t i = 0; i < nbase; i++)
		if (base[i].addr + base[i].size < base[i].addr)
			return fault_at(f, E820_BASE_WRAPS, i);
	for (uint32_t i = 0; i < n; i++) {
		struct staged_range r;

		table_entry(staged, i, &r);
		if (r.type == E820_TYPE_RAM)
			return fault_at(f, E820_STAGED_RAM, i);
	}
	carve(work, nbase, n, &w);

	nram = ram_spans(base, nbase, w.ram);
	ntypes = collect_types(base, nbase, staged, w.types);
	for (uint32_t i = 0; i < nbase; i++) {
		uint32_t rank = base[i].type == E820_TYPE_RAM ? ntypes
				: rank_of(w.types, ntypes, base[i].type);

		if (base[i].size)
			np = add_points(w.points, np, base[i].addr, base[i].size, rank);
	}
	c->ranges = n;
	for (uint32_t i = 0; i < n; i++) {
		struct staged_range r;
		int cover;

		table_entry(staged, i, &r);
		cover = ram_cover(w.ram, nram, r.addr, r.addr + r.size);
		c->clipped += cover != 0;
		c->added += cover != 2;
		np = add_points(w.points, np, r.addr, r.size, rank_of(w.types, ntypes, r.type));
	}
	sort_points(w.points, np);
	nmerged = sweep(w.points, np, w.active, ntypes + 1, w.types, ntypes, w.merged);

	/* RAM first into the zero page (KASLR reads only it), then the lowest others. */
	nonram_zp = 0;
	for (uint32_t i = 0; i < nmerged; i++)
		nonram_zp += w.merged[i].type == E820_TYPE_RAM;
	nonram_zp = nonram_zp < zp_cap ? zp_cap - nonram_zp : 0;
	for (uint32_t i = 0; i < nmerged; i++) {
		const struct e820_entry *e = &w.merged[i];

		if (c->zero_page < zp_cap && (e->type == E820_TYPE_RAM || nonram_zp)) {
			nonram_zp -= e->type != E820_TYPE_RAM;
			zp[c->zero_page++] = *e;
		} else if (c->ext < ext_cap) {
			ext[c->ext++] = *e;
		} else {
			c->dropped++;
		}
	}
	return 0;
}
