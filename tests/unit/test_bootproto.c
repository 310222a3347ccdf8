// SPDX-License-Identifier: GPL-2.0
/* bootproto/: bzImage checks, layout in given memory, and the filled blocks read back by the purgatory. */
#include <stdlib.h>
#include <string.h>

#include "bootproto/assemble.h"
#include "bootproto/bzimage.h"
#include "check.h"
#include "purgatory/e820.h"
#include "bootproto/layout.h"
#include "purgatory/run.h"

#define PM_SIZE 0x8000
#define SETUP_SECTS 4
static uint8_t kimg[(SETUP_SECTS + 1) * 512 + PM_SIZE];
static char why[200];

static void put(unsigned off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		kimg[off + i] = (uint8_t)(v >> (8 * i));
}

/* A setup header as boot.rst lays it out, with Debian 6.1's values. */
static void good_kernel(void)
{
	memset(kimg, 0, sizeof(kimg));
	kimg[0x1f1] = SETUP_SECTS;
	put(0x1f4, PM_SIZE / 16, 4);
	put(0x1fe, 0xaa55, 2);
	kimg[0x201] = 0x6a;                     /* header ends at 0x26c */
	memcpy(kimg + 0x202, "HdrS", 4);
	put(0x206, 0x020f, 2);
	kimg[0x211] = 1;
	put(0x22c, 0x7fffffff, 4);
	put(0x230, 0x200000, 4);
	kimg[0x234] = 1;
	put(0x236, 0x7f, 2);
	put(0x238, 2047, 4);
	put(0x258, 0x1000000, 8);
	put(0x260, 0x3f98000, 4);
}

static void bad_kernel(uint64_t size, const char *words)
{
	struct bzimage bz;

	CHECK_EQ(bzimage_parse(kimg, size, &bz, why, sizeof(why)), -1);
	if (!strstr(why, words))
		fprintf(stderr, "  \"%s\" lacks \"%s\"\n", why, words);
	CHECK(strstr(why, words) != NULL);
	good_kernel();
}

static void bzimage_checks(void)
{
	struct bzimage bz;

	good_kernel();
	CHECK_EQ(bzimage_parse(kimg, sizeof(kimg), &bz, why, sizeof(why)), 0);
	CHECK_EQ(bz.pm_offset, (SETUP_SECTS + 1) * 512);
	CHECK_EQ(bz.pm_size, PM_SIZE);
	CHECK_EQ(bz.setup_header_end, 0x26c);
	CHECK_EQ(bz.pref_address, 0x1000000);
	CHECK_EQ(bz.kernel_alignment, 0x200000);
	CHECK_EQ(bz.init_size, 0x3f98000);
	CHECK_EQ(bz.cmdline_size, 2047);
	CHECK_EQ(bz.initrd_addr_max, 0x7fffffff);
	bad_kernel(0x100, "too short for a setup header");
	kimg[0x1fe] = 0;
	bad_kernel(sizeof(kimg), "no 0xAA55 boot flag");
	kimg[0x205] = 'X';
	bad_kernel(sizeof(kimg), "HdrS");
	put(0x206, 0x020b, 2);
	bad_kernel(sizeof(kimg), "boot protocol 2.11 is too old");
	kimg[0x211] = 0;
	bad_kernel(sizeof(kimg), "zImage");
	put(0x236, 0x7e, 2);
	bad_kernel(sizeof(kimg), "no 64-bit entry point");
	kimg[0x234] = 0;
	bad_kernel(sizeof(kimg), "not relocatable");
	bad_kernel(sizeof(kimg) - 16, "truncated: kernel has 32752 of its 32768 bytes");
	bad_kernel(SETUP_SECTS * 512 + 512, "truncated");
	put(0x230, 0x300000, 4);
	bad_kernel(sizeof(kimg), "kernel_alignment 0x300000 is not a power of two");
	put(0x260, 0x1000, 4);
	bad_kernel(sizeof(kimg), "init_size 0x1000 is smaller");
}

static void layout_places(void)
{
	struct range free[8] = { { 0x100000, 0x7fffff }, { 0x1200000, 0x8ffffff }, { 0xa0000000, 0xa00fffff } };
	uint32_t nfree = 3;
	struct layout_item it[] = {
		{ .name = "kernel", .size = 0x4000000, .align = 0x200000, .min = 0x1300000 },
		{ .name = "initrd", .size = 0x12345, .align = 0x1000, .max_end = 0x80000000, .highest = 1 },
		{ .name = "purgatory", .size = 0x5a000, .align = 0x1000 },
		{ .name = "table", .size = 0x1000, .align = 0x1000, .highest = 1 },
	};

	CHECK_EQ(layout_place(free, &nfree, 8, it, 4, why, sizeof(why)), 0);
	CHECK_EQ(it[0].addr, 0x1400000);                /* min 0x1300000 rounded up to 2 MiB */
	CHECK_EQ(it[1].addr, 0x9000000 - 0x13000);      /* highest below the limit, 4 KiB aligned */
	CHECK_EQ(it[2].addr, 0x100000);
	CHECK_EQ(it[3].addr, 0xa00ff000);
	CHECK_EQ(nfree, 5);     /* the kernel split a range, and so did the initrd (its end is not page-aligned) */
	for (uint32_t i = 0; i < 4; i++)
		for (uint32_t j = 0; j < nfree; j++)
			CHECK(it[i].addr + it[i].size - 1 < free[j].first || it[i].addr > free[j].last);
	{
		struct layout_item big = { .name = "initrd", .size = 0x10000000, .align = 0x1000, .max_end = 0x80000000 };

		CHECK_EQ(layout_place(free, &nfree, 8, &big, 1, why, sizeof(why)), -1);
		CHECK(strstr(why, "no free memory for the initrd: 268435456 bytes") != NULL);
	}
	{       /* overlapping ranges: refused before anything is placed */
		struct range bad[2] = { { 0x100000, 0x8fffff }, { 0x800000, 0xffffff } };
		struct layout_item x = { .name = "x", .size = 0x1000, .align = 0x1000 };
		uint32_t n = 2;

		CHECK_EQ(layout_place(bad, &n, 2, &x, 1, why, sizeof(why)), -1);
		CHECK(strstr(why, "free memory 0x100000-0x8fffff and 0x800000-0xffffff overlap") != NULL);
		CHECK_EQ(x.addr, 0);
	}
	{       /* the soft limit first; above it only when nothing fits below and the hard limit allows */
		struct range s[4] = { { 0x1000000, 0x1ffffff }, { 0x100000000, 0x10fffffff } };
		struct layout_item a = { .name = "a", .size = 0x800000, .align = 0x1000, .highest = 1,
					 .soft_max_end = 0x80000000 };
		struct layout_item b = { .name = "b", .size = 0x1000000, .align = 0x1000, .highest = 1,
					 .soft_max_end = 0x80000000 };
		struct layout_item c = b;
		uint32_t n = 2;

		CHECK_EQ(layout_place(s, &n, 4, &a, 1, why, sizeof(why)), 0);
		CHECK_EQ(a.addr, 0x1800000);            /* below the soft limit, though higher memory is free */
		CHECK_EQ(layout_place(s, &n, 4, &b, 1, why, sizeof(why)), 0);
		CHECK_EQ(b.addr, 0x10f000000);          /* 8 MiB left below: above it, as high as it goes */
		c.max_end = 0x80000000;
		CHECK_EQ(layout_place(s, &n, 4, &c, 1, why, sizeof(why)), -1);
		CHECK(strstr(why, "below the kernel's limit") != NULL);
	}
	{       /* a range at the top of the address space: aligning must not wrap into a fit */
		struct range top[1] = { { UINT64_MAX - 0x1000, UINT64_MAX } };
		struct layout_item x = { .name = "x", .size = 0x10, .align = 0x200000 };
		uint32_t n = 1;

		CHECK_EQ(layout_place(top, &n, 1, &x, 1, why, sizeof(why)), -1);
	}
	{       /* ending at 2^64 - 1, it still holds what fits: no end one past it is ever formed */
		struct range top[1] = { { 0xffffffffffe00000ull, UINT64_MAX } };
		struct layout_item lo = { .name = "lo", .size = 0x10, .align = 0x200000 };
		struct layout_item hi = { .name = "hi", .size = 0x1000, .align = 0x1000, .highest = 1 };
		uint32_t n = 1;

		CHECK_EQ(layout_place(top, &n, 1, &lo, 1, why, sizeof(why)), 0);
		CHECK_EQ(lo.addr, 0xffffffffffe00000ull);
		CHECK(n == 1 && top[0].first == 0xffffffffffe00010ull && top[0].last == UINT64_MAX);
		CHECK_EQ(layout_place(top, &n, 1, &hi, 1, why, sizeof(why)), 0);
		CHECK_EQ(hi.addr, 0xfffffffffffff000ull);
		CHECK(n == 1 && top[0].last == 0xffffffffffffefffull);
	}
	{       /* an item that takes a whole range removes it */
		struct range one[2] = { { 0x100000, 0x1fffff }, { 0x400000, 0x4fffff } };
		struct layout_item x = { .name = "x", .size = 0x100000, .align = 0x100000 };
		uint32_t n = 2;

		CHECK_EQ(layout_place(one, &n, 2, &x, 1, why, sizeof(why)), 0);
		CHECK(x.addr == 0x100000 && n == 1 && one[0].first == 0x400000 && one[0].last == 0x4fffff);
	}
}

/* Where the boot protocol lets each segment go: above 4 GiB only if the kernel says so. */
static void boot_segments_limits(void)
{
	struct layout_item it[BOOT_SEGS];
	struct bzimage bz;

	good_kernel();                          /* xloadflags 0x7f: CAN_BE_LOADED_ABOVE_4G */
	CHECK_EQ(bzimage_parse(kimg, sizeof(kimg), &bz, why, sizeof(why)), 0);
	boot_segment_items(it, &bz, 0x100000, 0x10000, 0x1000, 0x1000);
	CHECK_EQ(it[BOOT_SEG_KERNEL].max_end, 0);
	CHECK_EQ(it[BOOT_SEG_INITRD].soft_max_end, 0x80000000);
	CHECK_EQ(it[BOOT_SEG_INITRD].max_end, 0);
	CHECK_EQ(it[BOOT_SEG_PARAMS].max_end, 0);
	put(0x236, XLF_KERNEL_64, 2);
	CHECK_EQ(bzimage_parse(kimg, sizeof(kimg), &bz, why, sizeof(why)), 0);
	boot_segment_items(it, &bz, 0x100000, 0x10000, 0x1000, 0x1000);
	CHECK_EQ(it[BOOT_SEG_KERNEL].max_end, 1ull << 32);
	CHECK_EQ(it[BOOT_SEG_INITRD].max_end, 0x80000000);
	CHECK_EQ(it[BOOT_SEG_PARAMS].max_end, 1ull << 32);
	good_kernel();
}

static uint8_t *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*size = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*size);
	if (fread(buf, 1, *size, f) != *size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void discard(void *ctx, const char *line) { (void)ctx; (void)line; }

/* What a loader fills, the real purgatory image's checks accept; a flipped byte they refuse. */
static void fill_then_purgatory_checks(void)
{
	static uint8_t bp[BP_SIZE] __attribute__((aligned(4096)));
	static uint8_t work[E820_WORK_BYTES(BP_E820_MAX, STAGED_TABLE_MAX_RANGES)] __attribute__((aligned(16)));
	static const struct e820_entry ram[] = { { 0, 0xa0000, E820_TYPE_RAM } };
	struct purgatory_image_header h;
	struct purgatory_setup s;
	struct segment seg[2];
	struct bzimage bz;
	size_t size;
	uint8_t *img = read_all("build/purgatory.bin", &size);
	struct out o = { .emit = discard };
	const struct purgatory_params *p;

	CHECK(img != NULL);
	if (!img)
		return;
	good_kernel();
	CHECK_EQ(bzimage_parse(kimg, sizeof(kimg), &bz, why, sizeof(why)), 0);
	bootparams_fill(bp, &bz, 0x12345678900ull, 0x7f000000, 0x1234, ram, 1);
	CHECK_EQ(bp[0x1f1], SETUP_SECTS);
	CHECK_EQ(bp[0x210], 0xff);
	CHECK_EQ(*(uint32_t *)(bp + 0x228), 0x45678900);
	CHECK_EQ(*(uint32_t *)(bp + 0x0c8), 0x123);
	CHECK_EQ(*(uint32_t *)(bp + 0x218), 0x7f000000);
	CHECK_EQ(*(uint32_t *)(bp + 0x21c), 0x1234);
	CHECK_EQ(bp[BP_E820_ENTRIES], 1);
	bootparams_set_efi(bp, 0x3f000000, 0x123456789000ull, 0x1800, 48, 1);
	CHECK(!memcmp(bp + 0x1c0, "EL64", 4));
	CHECK_EQ(*(uint32_t *)(bp + 0x1dc), 0x1234);

	seg[0] = (struct segment){ (uintptr_t)kimg, kimg, sizeof(kimg) };
	seg[1] = (struct segment){ (uintptr_t)bp, bp, sizeof(bp) };
	s = (struct purgatory_setup){ .boot_params = (uintptr_t)bp, .kernel_entry = (uintptr_t)kimg + 0x200 };
	CHECK_EQ(purgatory_fill(img, size, &s, seg, 2, why, sizeof(why)), 0);
	CHECK_EQ(purgatory_image_check(img, size, &h, why, sizeof(why)), 0);
	p = (const struct purgatory_params *)(img + h.params_offset);
	CHECK_EQ(purgatory_run(p, work, sizeof(work), &o), PURGATORY_BOOT);
	kimg[3000] ^= 1;
	CHECK_EQ(purgatory_run(p, work, sizeof(work), &o), PURGATORY_HALT);
	CHECK_EQ(purgatory_fill(img, size - 1, &s, seg, 2, why, sizeof(why)), -1);
	CHECK(strstr(why, "does not match") != NULL);
	CHECK_EQ(purgatory_fill(img, size, &s, seg, 0, why, sizeof(why)), -1);
	free(img);
}

int main(void)
{
	RUN(bzimage_checks);
	RUN(layout_places);
	RUN(boot_segments_limits);
	RUN(fill_then_purgatory_checks);
	return TESTS_DONE();
}
