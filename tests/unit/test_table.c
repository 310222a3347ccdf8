// SPDX-License-Identifier: GPL-2.0
/* Every way table_validate can say no, one case each, and the line the purgatory prints for it. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "purgatory/report.h"
#include "purgatory/table.h"
#include "bootproto/table_write.h"

static char last_line[OUT_LINE_MAX];

static void keep_line(void *ctx, const char *line)
{
	(void)ctx;
	snprintf(last_line, sizeof(last_line), "%s", line);
}

static uint64_t buf[1024];       /* 8-byte aligned, like a loader's segment */

static struct staged_table_header *hdr(void) { return (struct staged_table_header *)buf; }
static struct staged_range *entry(int i) { return (struct staged_range *)(hdr() + 1) + i; }

static void good_table(uint32_t n)
{
	struct staged_range r[8];

	for (uint32_t i = 0; i < n; i++)
		r[i] = (struct staged_range){ 0x100000 * (i + 1), 0x1000, E820_TYPE_RESERVED, 0 };
	memset(buf, 0, sizeof(buf));
	table_write(buf, r, n);
}

/* Validate buf; on rejection check the error, its fields, and that the line names it. */
static void expect(uint64_t seg_size, enum table_error want, uint32_t index, uint64_t value,
		   const char *words)
{
	struct table_view v;
	struct table_fault f;
	struct out o = { .emit = keep_line };
	int rc = table_validate(buf, seg_size, &v, &f);

	CHECK_EQ(f.error, want);
	CHECK_EQ(rc, want == TABLE_OK ? 0 : -1);
	if (want == TABLE_OK)
		return;
	CHECK_EQ(f.index, index);
	CHECK_EQ(f.value, value);
	report_table_fault(&o, &f);
	if (!strstr(last_line, words) || !strstr(last_line, "e820 unchanged"))
		fprintf(stderr, "  line \"%s\" lacks \"%s\"\n", last_line, words);
	CHECK(strstr(last_line, words) && strstr(last_line, "e820 unchanged"));
}

static void accepts_valid(void)
{
	struct table_view v;
	struct table_fault f;
	struct staged_range r;

	good_table(3);
	CHECK_EQ(table_validate(buf, table_bytes(3), &v, &f), 0);
	CHECK_EQ(v.count, 3);
	table_entry(&v, 2, &r);
	CHECK_EQ(r.addr, 0x300000);
	good_table(0);
	expect(table_bytes(0), TABLE_OK, 0, 0, "");
}

static void accepts_larger_header_and_stride(void)
{
	struct table_view v;
	struct table_fault f;
	struct staged_range r;

	good_table(0);
	hdr()->header_size = 24;
	hdr()->entry_size = 32;
	hdr()->count = 2;
	memcpy((uint8_t *)buf + 24 + 32, &(struct staged_range){ 0xb0000000, 0x10000000, 2, 0 }, 24);
	memcpy((uint8_t *)buf + 24, &(struct staged_range){ 0x1000, 0x1000, 4, 0 }, 24);
	CHECK_EQ(table_validate(buf, 24 + 64, &v, &f), 0);
	table_entry(&v, 1, &r);
	CHECK_EQ(r.addr, 0xb0000000);
	CHECK_EQ(r.size, 0x10000000);
}

static void rejects_header_faults(void)
{
	good_table(1);
	expect(15, TABLE_SHORT, 0, 15, "smaller than the header");
	hdr()->magic = 0x12345678;
	expect(table_bytes(1), TABLE_MAGIC, 0, 0x12345678, "bad magic 0x12345678");
	good_table(1);
	hdr()->version = 2;
	expect(table_bytes(1), TABLE_VERSION, 0, 2, "unknown version 2");
	good_table(1);
	hdr()->header_size = 8;
	expect(table_bytes(1), TABLE_HEADER_SIZE, 0, 8, "header size 8");
	hdr()->header_size = 20;
	expect(table_bytes(1), TABLE_HEADER_SIZE, 0, 20, "header size 20");
	good_table(1);
	hdr()->entry_size = 20;
	expect(table_bytes(1), TABLE_ENTRY_SIZE, 0, 20, "entry size 20");
	hdr()->entry_size = 28;
	expect(table_bytes(1), TABLE_ENTRY_SIZE, 0, 28, "entry size 28");
	good_table(1);
	hdr()->reserved = 1;
	expect(table_bytes(1), TABLE_HEADER_RESERVED, 0, 1, "reserved header field 0x1");
	good_table(1);
	hdr()->count = STAGED_TABLE_MAX_RANGES + 1;
	expect(1 << 20, TABLE_TOO_MANY, 0, STAGED_TABLE_MAX_RANGES + 1, "4097 ranges, more than 4096");
	good_table(1);
	hdr()->count = 2;
	expect(table_bytes(1), TABLE_TRUNCATED, 0, table_bytes(2), "count needs 64 bytes, segment has 40");
	good_table(1);
	expect(table_bytes(1) - 1, TABLE_TRUNCATED, 0, table_bytes(1), "segment has 39");
}

static void rejects_entry_faults(void)
{
	good_table(3);
	entry(1)->size = 0;
	expect(table_bytes(3), TABLE_EMPTY_RANGE, 1, 0x200000, "entry 1: size 0 at 0x200000");
	good_table(3);
	entry(2)->addr = 0xfffffffffffff000ull;
	entry(2)->size = 0x1000;
	expect(table_bytes(3), TABLE_WRAPS, 2, 0xfffffffffffff000ull, "entry 2: 0xfffffffffffff000 + 0x1000 wraps");
	good_table(3);
	entry(0)->addr = STAGED_PHYS_LIMIT - 0x1000;
	entry(0)->size = 0x2000;
	expect(table_bytes(3), TABLE_ABOVE_PHYS, 0, STAGED_PHYS_LIMIT + 0x1000, "above 52-bit");
	entry(0)->size = 0x1000;        /* ends exactly at the limit: fine */
	expect(table_bytes(3), TABLE_OK, 0, 0, "");
	good_table(3);
	entry(1)->type = E820_TYPE_RAM;
	expect(table_bytes(3), TABLE_BAD_TYPE, 1, 1, "entry 1: type 1 (0 and RAM are not allowed)");
	entry(1)->type = 0;
	expect(table_bytes(3), TABLE_BAD_TYPE, 1, 0, "type 0");
	good_table(3);
	entry(2)->reserved = 0x80;
	expect(table_bytes(3), TABLE_ENTRY_RESERVED, 2, 0x80, "entry 2: reserved field 0x80");
}

int main(void)
{
	RUN(accepts_valid);
	RUN(accepts_larger_header_and_stride);
	RUN(rejects_header_faults);
	RUN(rejects_entry_faults);
	return TESTS_DONE();
}
