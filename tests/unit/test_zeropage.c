// SPDX-License-Identifier: GPL-2.0
/*
 * The patch applied to a real zero-page layout: maps from real machines
 * (tests/fixtures), the 128/129/1000-entry edges, the SETUP_E820_EXT node
 * and its place in the setup_data chain, and the errors that leave it alone.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "bootproto/table_write.h"
#include "purgatory/zeropage.h"

#define PREVIOUS_SETUP_DATA 0x12345000ull       /* a node the loader linked before us */

static uint8_t bp[BP_SIZE] __attribute__((aligned(4096)));
static uint8_t ext[E820_EXT_AREA_SIZE(2048)] __attribute__((aligned(16)));
static uint8_t work[E820_WORK_BYTES(BP_E820_MAX, STAGED_TABLE_MAX_RANGES)] __attribute__((aligned(16)));
static uint8_t table[sizeof(struct staged_table_header) + STAGED_TABLE_MAX_RANGES * sizeof(struct staged_range)];

static void set_zero_page(const struct e820_entry *e, uint32_t n)
{
	uint64_t prev = PREVIOUS_SETUP_DATA;

	memset(bp, 0, sizeof(bp));
	memset(ext, 0xa5, sizeof(ext));
	memcpy(bp + BP_E820_TABLE, e, n * sizeof(*e));
	bp[BP_E820_ENTRIES] = (uint8_t)n;
	memcpy(bp + BP_SETUP_DATA, &prev, 8);
}

static struct table_view stage(const struct staged_range *r, uint32_t n)
{
	struct table_view v;
	struct table_fault f;

	table_write(table, r, n);
	CHECK_EQ(table_validate(table, table_bytes(n), &v, &f), 0);
	return v;
}

static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static struct e820_entry zp_entry(uint32_t i)
{
	struct e820_entry e;

	memcpy(&e, bp + BP_E820_TABLE + i * E820_ENTRY_SIZE, sizeof(e));
	return e;
}

/* Entries of the form [first-last] as dmesg prints them. */
struct expect { uint64_t first, last; uint32_t type; };

static void check_zero_page(const struct expect *want, uint32_t n)
{
	CHECK_EQ(bp[BP_E820_ENTRIES], n);
	for (uint32_t i = 0; i < n && i < bp[BP_E820_ENTRIES]; i++) {
		struct e820_entry e = zp_entry(i);

		CHECK_EQ(e.addr, want[i].first);
		CHECK_EQ(e.addr + e.size - 1, want[i].last);
		CHECK_EQ(e.type, want[i].type);
	}
	CHECK_EQ(get64(bp + BP_SETUP_DATA), PREVIOUS_SETUP_DATA);       /* nothing went to ext */
}

static uint32_t type_of(const char *word)
{
	if (!strcmp(word, "usable")) return E820_TYPE_RAM;
	if (!strcmp(word, "reserved")) return E820_TYPE_RESERVED;
	if (!strcmp(word, "ACPI data")) return E820_TYPE_ACPI;
	if (!strcmp(word, "ACPI NVS")) return E820_TYPE_NVS;
	if (!strcmp(word, "unusable")) return E820_TYPE_UNUSABLE;
	return 0;
}

/* The first kernel's non-RAM entries from a dmesg capture: what a loader stages. */
static uint32_t stage_from_dmesg(const char *path, struct staged_range *r)
{
	FILE *f = fopen(path, "r");
	char line[256], word[32];
	unsigned long long first, last;
	uint32_t n = 0;

	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "BIOS-e820: [mem ");

		if (!p || sscanf(p, "BIOS-e820: [mem %llx-%llx] %31[^\n]", &first, &last, word) != 3)
			continue;
		CHECK(type_of(word) != 0);
		if (type_of(word) != E820_TYPE_RAM)
			r[n++] = (struct staged_range){ first, last - first + 1, type_of(word), 0 };
	}
	if (f)
		fclose(f);
	return n;
}

static int patch(const struct table_view *v, uint64_t ext_size, struct e820_counts *c, struct e820_fault *f)
{
	return zeropage_patch(bp, v, ext, ext_size, work, sizeof(work), c, f);
}

/* A first kernel's map from dmesg: its non-RAM entries staged, kdump RAM in the zero page. */
static void real_map(const char *path, const struct e820_entry *kdump_ram, uint32_t nram,
		     const struct expect *want, uint32_t nwant)
{
	struct staged_range r[32];
	uint32_t n = stage_from_dmesg(path, r);
	struct table_view v = stage(r, n);
	struct e820_counts c;
	struct e820_fault f;

	set_zero_page(kdump_ram, nram);
	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), 0);
	check_zero_page(want, nwant);
	CHECK(c.ranges == n && c.added == n && c.clipped == 0 && c.dropped == 0 && c.ext == 0);
	CHECK_EQ(c.zero_page, nwant);
}

/* crashkernel=256M on the seed's box: the kdump kernel's RAM is low memory and the crash region. */
static void seed_box(void)
{
	static const struct e820_entry kdump_ram[] = {
		{ 0x55000000, 0x10000000, E820_TYPE_RAM }, { 0, 0x99800, E820_TYPE_RAM },
	};
	static const struct expect want[] = {
		{ 0x0, 0x997ff, 1 }, { 0x99800, 0x9ffff, 2 }, { 0xe0000, 0xfffff, 2 },
		{ 0x55000000, 0x64ffffff, 1 }, { 0x65643000, 0x67fb8fff, 2 }, { 0x67fb9000, 0x689e8fff, 4 },
		{ 0x689e9000, 0x68bf5fff, 3 }, { 0x6f800000, 0x8fffffff, 2 }, { 0xfd000000, 0xfe7fffff, 2 },
		{ 0xfec00000, 0xfec00fff, 2 }, { 0xfec80000, 0xfed00fff, 2 }, { 0xff800000, 0x1007fffff, 2 },
	};

	real_map("tests/fixtures/seed-box.dmesg", kdump_ram, 2, want, 12);
}

/* A staged range reaching into the crash region: RAM kept, the rest merged with its neighbour. */
static void seed_box_clipped(void)
{
	static const struct e820_entry kdump_ram[] = { { 0x55000000, 0x10000000, E820_TYPE_RAM } };
	static const struct expect want[] = {
		{ 0x55000000, 0x64ffffff, 1 }, { 0x65000000, 0x67fb8fff, 2 },
	};
	static const struct staged_range r[] = {
		{ 0x64fff000, 0x645000, E820_TYPE_RESERVED, 0 }, { 0x65643000, 0x2976000, E820_TYPE_RESERVED, 0 },
		{ 0x56000000, 0x1000, E820_TYPE_NVS, 0 },       /* wholly inside RAM: clipped away */
	};
	struct table_view v = stage(r, 3);
	struct e820_counts c;
	struct e820_fault f;

	set_zero_page(kdump_ram, 1);
	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), 0);
	check_zero_page(want, 2);
	CHECK(c.ranges == 3 && c.added == 2 && c.clipped == 2);
}

/* The real OVMF q35 map (MMCONFIG at 0xb0000000 as reserved), crashkernel=256M. */
static void ovmf_q35(void)
{
	static const struct e820_entry kdump_ram[] = {
		{ 0, 0xa0000, E820_TYPE_RAM }, { 0x2e000000, 0x10000000, E820_TYPE_RAM },
	};
	static const struct expect want[] = {
		{ 0x0, 0x9ffff, 1 }, { 0x806000, 0x807fff, 4 }, { 0x810000, 0x8fffff, 4 },
		{ 0x2e000000, 0x3dffffff, 1 }, { 0x3ea8a000, 0x3eb8bfff, 2 }, { 0x3f4ec000, 0x3f76bfff, 2 },
		{ 0x3f76c000, 0x3f77dfff, 3 }, { 0x3f77e000, 0x3f7fdfff, 4 }, { 0x3feec000, 0x3ff6ffff, 2 },
		{ 0x3ff70000, 0x3fffffff, 4 }, { 0xb0000000, 0xbfffffff, 2 }, { 0xffc00000, 0xffffffff, 2 },
	};

	real_map("tests/fixtures/ovmf-q35-1g.dmesg", kdump_ram, 2, want, 12);
}

/* 2 RAM entries + (total - 2) disjoint reserved pages with gaps: total entries, no merging. */
static struct table_view many(uint32_t total)
{
	static const struct e820_entry kdump_ram[] = {
		{ 0, 0xa0000, E820_TYPE_RAM }, { 0x40000000, 0x10000000, E820_TYPE_RAM },
	};
	static struct staged_range r[STAGED_TABLE_MAX_RANGES];

	for (uint32_t i = 0; i < total - 2; i++)        /* stage them in descending order */
		r[i] = (struct staged_range){ 0x100000000ull + 0x2000ull * (total - 3 - i), 0x1000,
					      E820_TYPE_RESERVED, 0 };
	set_zero_page(kdump_ram, 2);
	return stage(r, total - 2);
}

static void check_ext_node(uint32_t n)
{
	uint8_t *node = (uint8_t *)(uintptr_t)get64(bp + BP_SETUP_DATA);

	CHECK(node == ext);
	CHECK_EQ(get64(ext), PREVIOUS_SETUP_DATA);
	CHECK_EQ(get32(ext + 8), SETUP_E820_EXT);
	CHECK_EQ(get32(ext + 12), n * E820_ENTRY_SIZE);
}

static void exactly_128(void)
{
	struct table_view v = many(128);
	struct e820_counts c;
	struct e820_fault f;

	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), 0);
	CHECK(c.zero_page == 128 && c.ext == 0 && c.dropped == 0);
	CHECK_EQ(bp[BP_E820_ENTRIES], 128);
	CHECK_EQ(get64(bp + BP_SETUP_DATA), PREVIOUS_SETUP_DATA);
	CHECK_EQ(ext[0], 0xa5);                         /* the spare area untouched */
}

static void exactly_129(void)
{
	struct table_view v = many(129);
	struct e820_counts c;
	struct e820_fault f;
	struct e820_entry last;

	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), 0);
	CHECK(c.zero_page == 128 && c.ext == 1 && c.dropped == 0);
	check_ext_node(1);
	memcpy(&last, ext + SETUP_DATA_HEADER_SIZE, sizeof(last));
	CHECK_EQ(last.addr, 0x100000000ull + 0x2000ull * 126);  /* the highest one */
	CHECK_EQ(zp_entry(0).type, E820_TYPE_RAM);
	CHECK_EQ(zp_entry(1).addr, 0x40000000);
}

static void thousand(void)
{
	struct table_view v = many(1000);
	struct e820_counts c;
	struct e820_fault f;
	struct e820_entry prev;

	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), 0);
	CHECK(c.zero_page == 128 && c.ext == 872 && c.dropped == 0 && c.added == 998);
	prev = zp_entry(127);
	check_ext_node(872);
	for (uint32_t i = 0; i < 872; i++) {            /* sorted, after every zero-page entry */
		struct e820_entry e;

		memcpy(&e, ext + SETUP_DATA_HEADER_SIZE + i * E820_ENTRY_SIZE, sizeof(e));
		CHECK(e.addr > prev.addr + prev.size);
		prev = e;
	}
	/* A spare area for 500: 372 dropped, the highest addresses, and said so. */
	v = many(1000);
	CHECK_EQ(patch(&v, E820_EXT_AREA_SIZE(500) + 19, &c, &f), 0);
	CHECK(c.zero_page == 128 && c.ext == 500 && c.dropped == 372);
	/* No spare area at all: the zero page only. */
	v = many(1000);
	CHECK_EQ(zeropage_patch(bp, &v, NULL, 0, work, sizeof(work), &c, &f), 0);
	CHECK(c.zero_page == 128 && c.ext == 0 && c.dropped == 872);
	CHECK_EQ(get64(bp + BP_SETUP_DATA), PREVIOUS_SETUP_DATA);
}

static void errors_leave_zero_page_alone(void)
{
	static const struct e820_entry wraps[] = {
		{ 0, 0xa0000, E820_TYPE_RAM }, { 0xfffffffffffff000ull, 0x2000, E820_TYPE_RESERVED },
	};
	static const struct staged_range r[] = { { 0xb0000000, 0x10000000, E820_TYPE_RESERVED, 0 } };
	uint8_t before[BP_SIZE];
	struct table_view v = stage(r, 1);
	struct e820_counts c;
	struct e820_fault f;

	set_zero_page(wraps, 2);
	memcpy(before, bp, sizeof(bp));
	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), -1);
	CHECK(f.error == E820_BASE_WRAPS && f.index == 1);
	CHECK(!memcmp(before, bp, sizeof(bp)));

	bp[BP_E820_ENTRIES] = 129;
	memcpy(before, bp, sizeof(bp));
	CHECK_EQ(patch(&v, sizeof(ext), &c, &f), -1);
	CHECK(f.error == E820_ZP_COUNT && f.index == 129);
	CHECK(!memcmp(before, bp, sizeof(bp)));

	bp[BP_E820_ENTRIES] = 1;
	memcpy(before, bp, sizeof(bp));
	CHECK_EQ(zeropage_patch(bp, &v, ext, sizeof(ext), work, E820_WORK_BYTES(1, 1) - 1, &c, &f), -1);
	CHECK(f.error == E820_WORK_SMALL);
	CHECK(!memcmp(before, bp, sizeof(bp)));
}

static void ext_capacity(void)
{
	CHECK_EQ(zeropage_ext_capacity(0), 0);
	CHECK_EQ(zeropage_ext_capacity(15), 0);
	CHECK_EQ(zeropage_ext_capacity(16), 0);
	CHECK_EQ(zeropage_ext_capacity(35), 0);
	CHECK_EQ(zeropage_ext_capacity(36), 1);
	CHECK_EQ(zeropage_ext_capacity(E820_EXT_AREA_SIZE(872)), 872);
	CHECK_EQ(zeropage_ext_capacity(UINT64_MAX), UINT32_MAX);
}

int main(void)
{
	RUN(seed_box);
	RUN(seed_box_clipped);
	RUN(ovmf_q35);
	RUN(exactly_128);
	RUN(exactly_129);
	RUN(thousand);
	RUN(errors_leave_zero_page_alone);
	RUN(ext_capacity);
	return TESTS_DONE();
}
