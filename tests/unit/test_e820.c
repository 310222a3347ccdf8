// SPDX-License-Identifier: GPL-2.0
/*
 * The e820 patch against a model that knows nothing of sweeps: one cell per
 * unit of memory, painted by every range. The expected map is the model's
 * run-length encoding; the expected counts are read off the cells.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "purgatory/e820.h"
#include "bootproto/table_write.h"

static const uint32_t types[] = {
	E820_TYPE_RESERVED, E820_TYPE_ACPI, E820_TYPE_NVS, E820_TYPE_UNUSABLE,
	E820_TYPE_PMEM, E820_TYPE_PRAM, 20, E820_TYPE_SOFT_RESERVED,
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

struct result {
	struct e820_entry zp[BP_E820_MAX];
	struct e820_entry ext[4096];
	struct e820_counts c;
	struct e820_fault f;
	int rc;
};

static void patch(const struct e820_entry *base, uint32_t nbase, const struct staged_range *r,
		  uint32_t n, uint32_t ext_cap, struct result *out)
{
	void *table = malloc(table_bytes(n));
	size_t work_size = E820_WORK_BYTES(nbase, n);
	void *work = malloc(work_size);
	struct table_view view;
	struct table_fault tf;

	table_write(table, r, n);
	CHECK_EQ(table_validate(table, table_bytes(n), &view, &tf), 0);
	out->rc = e820_patch(base, nbase, &view, out->zp, BP_E820_MAX, out->ext, ext_cap,
			     work, work_size, &out->c, &out->f);
	free(work);
	free(table);
}

static int sorted_disjoint(const struct e820_entry *e, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!e[i].size)
			return 0;
		if (i && e[i - 1].addr + e[i - 1].size > e[i].addr)
			return 0;
	}
	return 1;
}

static int by_addr(const void *a, const void *b)
{
	const struct e820_entry *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* --- the per-unit model --- */
struct model {
	uint64_t origin, unit;
	uint32_t cells;
	uint8_t *ram;           /* the loader's RAM covers this cell */
	uint8_t *edge;          /* some range starts here, or ends just before */
	uint32_t *type;         /* highest non-RAM type covering it, 0: none */
};

static void paint(struct model *m, uint64_t addr, uint64_t size, uint32_t type, int is_ram)
{
	uint64_t end = (addr + size - m->origin) / m->unit;

	if (!size)
		return;
	m->edge[(addr - m->origin) / m->unit] = 1;
	if (end < m->cells)
		m->edge[end] = 1;
	for (uint64_t u = (addr - m->origin) / m->unit; u < (addr + size - m->origin) / m->unit; u++) {
		if (is_ram)
			m->ram[u] = 1;
		else if (type > m->type[u])
			m->type[u] = type;
	}
}

static uint32_t cell_type(const struct model *m, uint32_t u)
{
	return m->ram[u] ? E820_TYPE_RAM : m->type[u];
}

static uint32_t model_map(const struct model *m, struct e820_entry *out)
{
	uint32_t n = 0;

	for (uint32_t u = 0; u < m->cells; u++) {
		uint32_t t = cell_type(m, u);
		uint64_t addr = m->origin + u * m->unit;

		if (!t)
			continue;
		/* joined, unless the kernel keeps the type apart at every boundary (e820_nomerge) */
		if (n && out[n - 1].type == t && out[n - 1].addr + out[n - 1].size == addr &&
		    !(e820_nomerge(t) && m->edge[u]))
			out[n - 1].size += m->unit;
		else
			out[n++] = (struct e820_entry){ addr, m->unit, t };
	}
	return n;
}

struct shape {
	uint32_t cells, nbase, nstaged, max_len, ext_cap;
};

static void one_case(uint64_t *seed, const struct shape *s)
{
	static const uint64_t units[] = { 1, 0x400, 0x1000 };
	struct model m = { .unit = units[rng_below(seed, 3)], .cells = s->cells };
	struct e820_entry *base = calloc(s->nbase + 1, sizeof(*base));
	struct staged_range *r = calloc(s->nstaged + 1, sizeof(*r));
	struct e820_entry *want = calloc(2 * m.cells, sizeof(*want)), *got;
	struct result *res = calloc(1, sizeof(*res));
	uint32_t nbase = rng_below(seed, s->nbase + 1), n = rng_below(seed, s->nstaged + 1);
	uint32_t nwant, nram = 0, clipped = 0, added = 0, keep_nonram;
	uint32_t ext_cap = rng_below(seed, s->ext_cap + 1);

	/* low memory, above 4 GiB, or against the 52-bit ceiling */
	switch (rng_below(seed, 3)) {
	case 0: m.origin = 0; break;
	case 1: m.origin = 0x100000000ull + m.unit * rng_below(seed, 1000); break;
	default: m.origin = STAGED_PHYS_LIMIT - m.unit * m.cells; break;
	}
	m.ram = calloc(m.cells, 1);
	m.edge = calloc(m.cells, 1);
	m.type = calloc(m.cells, sizeof(uint32_t));
	for (uint32_t i = 0; i < nbase; i++) {
		uint64_t len = 1 + rng_below(seed, s->max_len * 4);
		uint64_t start = rng_below(seed, m.cells);
		int is_ram = rng_below(seed, 2);

		if (start + len > m.cells)
			len = m.cells - start;
		base[i] = (struct e820_entry){ m.origin + start * m.unit, len * m.unit,
					      is_ram ? E820_TYPE_RAM : types[rng_below(seed, NTYPES)] };
		if (rng_below(seed, 20) == 0)
			base[i].size = 0;       /* loaders do write empty entries */
	}
	for (uint32_t i = 0; i < n; i++) {
		uint64_t len = 1 + rng_below(seed, s->max_len);
		uint64_t start = rng_below(seed, m.cells - 1);

		if (start + len > m.cells)
			len = m.cells - start;
		r[i] = (struct staged_range){ m.origin + start * m.unit, len * m.unit,
					      types[rng_below(seed, NTYPES)], 0 };
	}
	for (uint32_t i = 0; i < nbase; i++)
		paint(&m, base[i].addr, base[i].size, base[i].type, base[i].type == E820_TYPE_RAM);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t first = (r[i].addr - m.origin) / m.unit, cells = r[i].size / m.unit;
		uint64_t on_ram = 0;

		paint(&m, r[i].addr, r[i].size, r[i].type, 0);
		for (uint64_t u = first; u < first + cells; u++)
			on_ram += m.ram[u];
		clipped += on_ram > 0;
		added += on_ram < cells;
	}
	nwant = model_map(&m, want);

	patch(base, nbase, r, n, ext_cap, res);
	CHECK_EQ(res->rc, 0);
	CHECK(sorted_disjoint(res->zp, res->c.zero_page));
	CHECK(sorted_disjoint(res->ext, res->c.ext));
	CHECK(res->c.zero_page <= BP_E820_MAX && res->c.ext <= ext_cap);
	CHECK_EQ(res->c.ranges, n);
	CHECK_EQ(res->c.clipped, clipped);
	CHECK_EQ(res->c.added, added);
	CHECK_EQ(res->c.zero_page + res->c.ext + res->c.dropped, nwant);
	for (uint32_t i = 0; i < nwant; i++)
		nram += want[i].type == E820_TYPE_RAM;
	for (uint32_t i = 0; i < res->c.ext; i++)
		CHECK(res->ext[i].type != E820_TYPE_RAM);       /* every RAM entry is in the zero page */
	/* Drop policy: whole entries, the highest-addressed non-RAM ones, only when both are full. */
	if (res->c.dropped)
		CHECK(res->c.zero_page == BP_E820_MAX && res->c.ext == ext_cap);
	keep_nonram = nwant - nram - res->c.dropped;
	got = calloc(nwant + 1, sizeof(*got));
	memcpy(got, res->zp, res->c.zero_page * sizeof(*got));
	memcpy(got + res->c.zero_page, res->ext, res->c.ext * sizeof(*got));
	qsort(got, res->c.zero_page + res->c.ext, sizeof(*got), by_addr);
	for (uint32_t i = 0, j = 0, nonram = 0; i < nwant; i++) {
		if (want[i].type != E820_TYPE_RAM && nonram++ >= keep_nonram)
			continue;
		if (memcmp(&got[j], &want[i], sizeof(*got))) {
			fprintf(stderr, "  entry %u: got %#llx+%#llx type %u, model %#llx+%#llx type %u\n", i,
				(unsigned long long)got[j].addr, (unsigned long long)got[j].size, got[j].type,
				(unsigned long long)want[i].addr, (unsigned long long)want[i].size, want[i].type);
			CHECK(0);
			break;
		}
		j++;
	}
	free(got); free(res); free(want); free(r); free(base); free(m.ram); free(m.edge); free(m.type);
}

static void run_shape(uint64_t seed, int cases, const struct shape *s)
{
	for (int i = 0; i < cases && !case_failed; i++)
		one_case(&seed, s);
}

static void property_small_maps(void)
{
	run_shape(1, 4000, &(struct shape){ .cells = 64, .nbase = 8, .nstaged = 12, .max_len = 12, .ext_cap = 4 });
}

static void property_dense_overlaps(void)
{
	run_shape(2, 1500, &(struct shape){ .cells = 512, .nbase = 40, .nstaged = 120, .max_len = 64, .ext_cap = 64 });
}

/* Past 128 entries: the extension, and drops when it is full. */
static void property_overflow(void)
{
	run_shape(3, 300, &(struct shape){ .cells = 6000, .nbase = 128, .nstaged = 900, .max_len = 5, .ext_cap = 400 });
}

int main(void)
{
	RUN(property_small_maps);
	RUN(property_dense_overlaps);
	RUN(property_overflow);
	return TESTS_DONE();
}
