// SPDX-License-Identifier: GPL-2.0
/*
 * A change-point sweep, like Linux's e820__update_table(), but linear in
 * practice: every entry contributes a start and an end point, the points are
 * radix-sorted by address, and between consecutive addresses the map takes
 * the highest "rank" active there. Ranks are the distinct e820 types in
 * ascending order; the loader's RAM gets a rank above all of them, so no
 * staged range can take a byte of it. One pass reads the table.
 */
#include <string.h>

#include "e820.h"

#define HOT static inline __attribute__((always_inline))     /* per range: no calls at -Os */

struct point {
	uint64_t addr;
	uint32_t slot;          /* its type's place in the distinct list (note_type) */
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

#define SPAN_LESS(x, y)  ((x).start < (y).start)
#define U32_LESS(x, y)   ((x) < (y))
DEFINE_HEAPSORT(sort_spans, struct span, SPAN_LESS)
DEFINE_HEAPSORT(sort_u32, uint32_t, U32_LESS)

#define DIGIT_BITS 11
#define DIGIT_MASK (E820_RADIX_BUCKETS - 1)
#define COUNTED_DIGITS 3ull     /* bits 0..32, counted as the points are made (count_point) */

HOT void count_point(uint32_t *count, uint64_t addr)
{
	count[addr & DIGIT_MASK]++;
	count[E820_RADIX_BUCKETS + ((addr >> DIGIT_BITS) & DIGIT_MASK)]++;
	count[2 * E820_RADIX_BUCKETS + ((addr >> 2 * DIGIT_BITS) & DIGIT_MASK)]++;
}

/*
 * LSD radix sort by address, 11 bits a pass. varies has a bit set wherever
 * two addresses differ: a digit all points share (the page offset, the bits
 * above 4 GiB) costs nothing. The low digits' histograms arrive filled.
 * Stable, no recursion; the result is in a or b.
 */
static struct point *sort_points(struct point *a, struct point *b, uint32_t n, uint64_t varies,
				 uint32_t *count)
{
	for (unsigned d = 0; d < E820_RADIX_DIGITS; d++) {
		uint32_t *c = count + d * E820_RADIX_BUCKETS, sum = 0;
		unsigned shift = d * DIGIT_BITS;
		struct point *t;

		if (!((varies >> shift) & DIGIT_MASK))
			continue;       /* every point has the same digit here */
		if (d >= COUNTED_DIGITS) {
			memset(c, 0, E820_RADIX_BUCKETS * sizeof(*c));
			for (uint32_t i = 0; i < n; i++)
				c[(a[i].addr >> shift) & DIGIT_MASK]++;
		}
		for (uint32_t k = 0; k < E820_RADIX_BUCKETS; k++) {
			uint32_t v = c[k];

			c[k] = sum;
			sum += v;
		}
		for (uint32_t i = 0; i < n; i++)
			b[c[(a[i].addr >> shift) & DIGIT_MASK]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	return a;
}

struct work {
	struct point *points, *spare;
	struct span *ram;
	struct e820_entry *merged;
	uint32_t *types;        /* distinct types, in the order first seen: slot -> type */
	uint32_t *sorted_types; /* the same, ascending: rank -> type */
	uint32_t *rank_of_slot;
	uint32_t *active;       /* open entries per rank */
	uint32_t *radix;
};

static void carve(void *buf, uint32_t nbase, uint32_t n, struct work *w)
{
	uint8_t *p = buf;

	w->points = (struct point *)p;
	p += E820_POINTS(nbase, n) * sizeof(struct point);
	w->spare = (struct point *)p;
	p += E820_POINTS(nbase, n) * sizeof(struct point);
	w->ram = (struct span *)p;
	p += (size_t)nbase * sizeof(struct span);
	w->merged = (struct e820_entry *)p;
	p += E820_POINTS(nbase, n) * sizeof(struct e820_entry);
	w->types = (uint32_t *)p;
	p += ((size_t)nbase + n + 1) * sizeof(uint32_t);
	w->sorted_types = (uint32_t *)p;
	p += ((size_t)nbase + n + 1) * sizeof(uint32_t);
	w->rank_of_slot = (uint32_t *)p;
	p += ((size_t)nbase + n + 1) * sizeof(uint32_t);
	w->active = (uint32_t *)p;
	p += ((size_t)nbase + n + 1) * sizeof(uint32_t);
	w->radix = (uint32_t *)p;
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

#define RAM_LINEAR 8    /* a loader's RAM is a few spans: a scan beats a search */

/* How much of [start, end) the RAM spans cover: 0 none, 1 part, 2 all. */
HOT int ram_cover(const struct span *ram, uint32_t nram, uint64_t start, uint64_t end)
{
	uint32_t lo = 0, hi = nram;

	if (nram <= RAM_LINEAR) {
		for (uint32_t i = 0; i < nram && ram[i].start < end; i++)      /* sorted: stop past end */
			if (start < ram[i].end)
				return ram[i].start <= start && ram[i].end >= end ? 2 : 1;
		return 0;
	}

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

/* Add type to the distinct list unless it is there; the last one found is tried first. */
HOT uint32_t note_type(uint32_t *types, uint32_t ntypes, uint32_t type, uint32_t *last)
{
	if (ntypes && types[*last] == type)
		return ntypes;
	for (uint32_t i = 0; i < ntypes; i++)
		if (types[i] == type) {
			*last = i;
			return ntypes;
		}
	*last = ntypes;
	types[ntypes] = type;
	return ntypes + 1;
}

/* Start and end of one entry; varies collects every bit in which an address differs from the first. */
HOT uint32_t add_points(struct point *pt, uint32_t np, uint64_t addr, uint64_t size, uint32_t slot,
			uint64_t *varies, uint32_t *count)
{
	uint64_t first = np ? pt[0].addr : addr;

	*varies |= (addr ^ first) | ((addr + size) ^ first);
	count_point(count, addr);
	count_point(count, addr + size);
	pt[np++] = (struct point){ addr, slot, 1 };
	pt[np++] = (struct point){ addr + size, slot, -1 };
	return np;
}

/* Sweep the sorted points into merged, sorted, non-overlapping entries. */
static uint32_t sweep(const struct point *pt, uint32_t np, uint32_t *active, uint32_t nranks,
		      const uint32_t *rank_of_slot, const uint32_t *types, uint32_t ram_rank,
		      struct e820_entry *out)
{
	uint32_t nout = 0, open_rank = 0;
	int64_t top = -1;               /* highest rank with open entries */
	int open = 0;

	memset(active, 0, nranks * sizeof(*active));
	for (uint32_t i = 0; i < np;) {
		uint64_t addr = pt[i].addr;

		for (; i < np && pt[i].addr == addr; i++) {
			uint32_t rank = rank_of_slot[pt[i].slot];

			active[rank] += pt[i].delta;
			if (pt[i].delta > 0 && (int64_t)rank > top)
				top = rank;
		}
		while (top >= 0 && !active[top])
			top--;
		/* every address here is some entry's boundary: a nomerge type is cut at each */
		if (open && (top < 0 || (uint32_t)top != open_rank || e820_nomerge(out[nout - 1].type))) {
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
	uint32_t n = staged->count, np = 0, nram, ntypes = 0, nmerged, ram_entries, zp_spare, last = 0;
	uint32_t ram_slot = nbase + n;  /* past every slot a type can take */
	uint64_t varies = 0;
	struct point *sorted;
	struct work w;

	memset(c, 0, sizeof(*c));
	f->error = E820_OK;
	if (work_size < E820_WORK_BYTES(nbase, n))
		return fault_at(f, E820_WORK_SMALL, 0);
	for (uint32_t i = 0; i < nbase; i++)
		if (base[i].addr + base[i].size < base[i].addr)
			return fault_at(f, E820_BASE_WRAPS, i);
	carve(work, nbase, n, &w);

	/*
	 * Points carry the slot their type took in the distinct list (note_type); the
	 * sweep maps slots to ranks. The loader's RAM has a slot of its own past every
	 * type's, ranked above them all.
	 */
	nram = ram_spans(base, nbase, w.ram);
	memset(w.radix, 0, COUNTED_DIGITS * E820_RADIX_BUCKETS * sizeof(uint32_t));
	for (uint32_t i = 0; i < nbase; i++)
		if (base[i].size) {
			uint32_t slot = ram_slot;

			if (base[i].type != E820_TYPE_RAM) {
				ntypes = note_type(w.types, ntypes, base[i].type, &last);
				slot = last;
			}
			np = add_points(w.points, np, base[i].addr, base[i].size, slot, &varies, w.radix);
		}
	c->ranges = n;
	for (uint32_t i = 0; i < n; i++) {
		struct staged_range r;
		int cover;

		table_entry(staged, i, &r);
		if (r.type == E820_TYPE_RAM)
			return fault_at(f, E820_STAGED_RAM, i);
		cover = ram_cover(w.ram, nram, r.addr, r.addr + r.size);
		c->clipped += cover != 0;
		c->added += cover != 2;
		ntypes = note_type(w.types, ntypes, r.type, &last);
		np = add_points(w.points, np, r.addr, r.size, last, &varies, w.radix);
	}
	memcpy(w.sorted_types, w.types, ntypes * sizeof(uint32_t));
	sort_u32(w.sorted_types, ntypes);
	for (uint32_t i = 0; i < ntypes; i++)
		w.rank_of_slot[i] = rank_of(w.sorted_types, ntypes, w.types[i]);
	w.rank_of_slot[ram_slot] = ntypes;
	sorted = sort_points(w.points, w.spare, np, varies, w.radix);
	nmerged = sweep(sorted, np, w.active, ntypes + 1, w.rank_of_slot, w.sorted_types, ntypes, w.merged);

	/* RAM first into the zero page (KASLR reads only it), then the lowest others. */
	ram_entries = 0;
	for (uint32_t i = 0; i < nmerged; i++)
		ram_entries += w.merged[i].type == E820_TYPE_RAM;
	zp_spare = ram_entries < zp_cap ? zp_cap - ram_entries : 0;   /* zero-page slots for non-RAM */
	for (uint32_t i = 0; i < nmerged; i++) {
		const struct e820_entry *e = &w.merged[i];

		if (c->zero_page < zp_cap && (e->type == E820_TYPE_RAM || zp_spare)) {
			zp_spare -= e->type != E820_TYPE_RAM;
			zp[c->zero_page++] = *e;
		} else if (c->ext < ext_cap) {
			ext[c->ext++] = *e;
		} else {
			c->dropped++;
		}
	}
	return 0;
}
