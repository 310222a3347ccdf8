// SPDX-License-Identifier: GPL-2.0
/*
 * The purgatory's whole decision on host memory: segments, digests and a
 * zero page laid out as a loader would, then every way it must refuse to
 * boot, every way it boots with e820 unchanged, and the lines it says.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "purgatory/e820.h"
#include "purgatory/run.h"
#include "purgatory/sha256.h"
#include "bootproto/table_write.h"

static char log_buf[8192];

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	strncat(log_buf, line, sizeof(log_buf) - strlen(log_buf) - 2);
	strcat(log_buf, "\n");
}

static uint8_t kernel[65536] __attribute__((aligned(4096)));
static uint8_t bp[BP_SIZE] __attribute__((aligned(4096)));
static uint8_t table[4096] __attribute__((aligned(16)));
static uint8_t ext[E820_EXT_AREA_SIZE(16)] __attribute__((aligned(16)));
static uint8_t work[E820_WORK_BYTES(BP_E820_MAX, STAGED_TABLE_MAX_RANGES)] __attribute__((aligned(16)));
static struct purgatory_params p;

static uint64_t addr(const void *x) { return (uintptr_t)x; }

static void seal(int i, const void *data, size_t size)
{
	p.regions[i].addr = addr(data);
	p.regions[i].size = size;
	sha256(data, size, p.regions[i].sha256);
}

/* Kernel, zero page and table loaded and hashed; the spare area apart. */
static void load(void)
{
	static const struct e820_entry ram[] = {
		{ 0, 0xa0000, E820_TYPE_RAM }, { 0x2e000000, 0x10000000, E820_TYPE_RAM },
	};
	static const struct staged_range r[] = {
		{ 0xb0000000, 0x10000000, E820_TYPE_RESERVED, 0 }, { 0x3f77e000, 0x80000, E820_TYPE_NVS, 0 },
	};
	uint64_t seed = 99;

	for (size_t i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)rng_next(&seed);
	memset(bp, 0, sizeof(bp));
	memcpy(bp + BP_E820_TABLE, ram, sizeof(ram));
	bp[BP_E820_ENTRIES] = 2;
	memset(table, 0, sizeof(table));
	table_write(table, r, 2);
	memset(&p, 0, sizeof(p));
	p.magic = PURGATORY_PARAMS_MAGIC;
	p.version = PURGATORY_PARAMS_VERSION;
	p.size = sizeof(p);
	p.boot_params = addr(bp);
	p.kernel_entry = addr(kernel) + 0x200;
	p.table_addr = addr(table);
	p.table_size = sizeof(table);
	p.ext_addr = addr(ext);
	p.ext_size = sizeof(ext);
	p.region_count = 3;
	seal(0, kernel, sizeof(kernel));
	seal(1, bp, sizeof(bp));
	seal(2, table, sizeof(table));
	log_buf[0] = 0;
}

static enum purgatory_verdict run(void)
{
	struct out o = { .emit = collect };

	return purgatory_run(&p, work, sizeof(work), &o);
}

static void check_log_has(const char *want)
{
	if (!strstr(log_buf, want))
		fprintf(stderr, "  log lacks \"%s\":\n%s", want, log_buf);
	CHECK(strstr(log_buf, want) != NULL);
}

static void every_line_prefixed(void)
{
	for (const char *l = log_buf; *l; l = strchr(l, '\n') + 1)
		CHECK(!strncmp(l, "purgatory: ", 11));
}

static void boots_and_patches(void)
{
	char want[160];

	load();
	CHECK_EQ(run(), PURGATORY_BOOT);
	snprintf(want, sizeof(want), "purgatory: sha256 ok: 3 regions, %zu bytes (generic) in ",
		 sizeof(kernel) + sizeof(bp) + sizeof(table));
	check_log_has(want);
	{       /* the TSC figure: C cycles, and C / B to two decimals, truncated */
		const char *at = strstr(log_buf, want);
		unsigned long long cycles = 0;
		unsigned whole = 0, hundredths = 0;
		int n = 0;

		CHECK(at && sscanf(at + strlen(want), "%llu cycles, %u.%2u cycles/byte\n%n", &cycles, &whole,
				   &hundredths, &n) == 3 && n > 0);
		CHECK(cycles > 0);
		CHECK_EQ((uint64_t)whole * 100 + hundredths,
			 cycles * 100 / (sizeof(kernel) + sizeof(bp) + sizeof(table)));
	}
	check_log_has("purgatory: table: 2 ranges, 2 added, 0 clipped to keep kdump RAM, 0 entries dropped for lack of space\n");
	check_log_has("purgatory: e820: 4 entries in zero page, 0 in SETUP_E820_EXT (room for 16)\n");
	snprintf(want, sizeof(want), "purgatory: booting kernel at 0x%llx, boot_params at 0x%llx\n",
		 (unsigned long long)p.kernel_entry, (unsigned long long)p.boot_params);
	check_log_has(want);
	every_line_prefixed();
	CHECK_EQ(bp[BP_E820_ENTRIES], 4);
}

/*
 * Each case spoils one thing after load(). HALT: refuses, says why, never says "booting".
 * BOOT: boots all the same, says why. Either way the zero page is as the loader left it.
 */
static void spoiled_case(void (*spoil)(void), enum purgatory_verdict verdict, const char *words)
{
	uint8_t before[BP_SIZE];

	load();
	spoil();
	memcpy(before, bp, sizeof(bp));
	CHECK_EQ(run(), verdict);
	check_log_has(words);
	if (verdict == PURGATORY_HALT) {
		check_log_has("; not booting\n");
		CHECK(!strstr(log_buf, "booting kernel"));
	} else {
		check_log_has("purgatory: booting kernel at ");
	}
	CHECK(!memcmp(before, bp, sizeof(bp)));
	every_line_prefixed();
}

static void halt_case(void (*spoil)(void), const char *words)
{
	spoiled_case(spoil, PURGATORY_HALT, words);
}

static void unpatched_case(void (*spoil)(void), const char *words)
{
	spoiled_case(spoil, PURGATORY_BOOT, words);
}

static void corrupt_kernel(void) { kernel[40000] ^= 4; }
static void corrupt_table(void) { table[20] ^= 1; }
static void no_magic(void) { p.magic = 0; }
static void new_version(void) { p.version = 2; }
static void other_size(void) { p.size -= 48; }
static void reserved_set(void) { p.reserved1 = 1; }
static void no_regions(void) { p.region_count = 0; }
static void too_many_regions(void) { p.region_count = PURGATORY_MAX_REGIONS + 1; }
static void empty_region(void) { p.regions[1].size = 0; }
static void wrapping_region(void) { p.regions[2].addr = UINT64_MAX - 10; }
static void entry_elsewhere(void) { p.kernel_entry = addr(ext); }
static void boot_params_elsewhere(void) { p.boot_params = addr(kernel) + sizeof(kernel) - 100; }

static void refuses_to_boot(void)
{
	char want[120];

	load();
	snprintf(want, sizeof(want), "sha256 mismatch in region 0 0x%llx-0x%llx",
		 (unsigned long long)addr(kernel), (unsigned long long)addr(kernel) + sizeof(kernel) - 1);
	halt_case(corrupt_kernel, want);
	halt_case(corrupt_table, "sha256 mismatch in region 2 ");
	halt_case(no_magic, "parameter block: bad magic 0x0 (not filled by a loader)");
	halt_case(new_version, "version 2 unknown");
	halt_case(other_size, "does not match this purgatory");
	halt_case(reserved_set, "reserved fields not 0");
	halt_case(no_regions, "0 regions (1 to 16 allowed)");
	halt_case(too_many_regions, "17 regions");
	halt_case(empty_region, "region 1 has size 0");
	halt_case(wrapping_region, "region 2 wraps past 2^64");
	halt_case(entry_elsewhere, "is in no hashed region");
	halt_case(boot_params_elsewhere, "is not inside one hashed region");
}

static void reseal_table(void) { seal(2, table, sizeof(table)); }
static void no_table(void) { p.table_addr = 0; }
static void table_bad_magic(void) { table[0] ^= 0xff; reseal_table(); }
static void table_count_past_segment(void) { table[12] = 200; reseal_table(); }
static void table_entry_wraps(void)
{
	uint64_t a = UINT64_MAX - 0xfff;

	memcpy(table + 16 + 24, &a, 8);
	reseal_table();
}
static void table_unhashed(void) { p.table_size = sizeof(table) + 1; }
static void table_outside(void) { p.table_addr = addr(ext); p.table_size = 64; }
static void ext_overlaps_kernel(void) { p.ext_addr = addr(kernel) + 4096; }
static void ext_misaligned(void) { p.ext_addr += 4; p.ext_size -= 4; }
static void ext_wraps(void) { p.ext_size = UINT64_MAX; }

static void boots_unpatched(void)
{
	unpatched_case(no_table, "purgatory: no table staged; booting with e820 unchanged\n");
	unpatched_case(table_bad_magic, "purgatory: table rejected: bad magic 0x545232ba; booting with e820 unchanged\n");
	unpatched_case(table_count_past_segment, "table rejected: count needs 4816 bytes, segment has 4096;");
	unpatched_case(table_entry_wraps, "table rejected: entry 1: 0xfffffffffffff000 + 0x80000 wraps past 2^64;");
	unpatched_case(table_unhashed, "is not inside one hashed region; booting with e820 unchanged");
	unpatched_case(table_outside, "is not inside one hashed region; booting with e820 unchanged");
	unpatched_case(ext_overlaps_kernel, "purgatory: spare area 0x");
	unpatched_case(ext_misaligned, "is misaligned, wraps or overlaps a loaded segment");
	unpatched_case(ext_wraps, "is misaligned, wraps or overlaps a loaded segment");
}

int main(void)
{
	RUN(boots_and_patches);
	RUN(refuses_to_boot);
	RUN(boots_unpatched);
	return TESTS_DONE();
}
