// SPDX-License-Identifier: GPL-2.0
/*
 * The bzImage checks, and the whole plan made from whatever they accept (layout, command line,
 * zero page, core headers, digests): a header field that sizes a buffer (cmdline_size, once a
 * heap overflow near 2^32) must be refused before plan_build trusts it. The plan is made for a
 * fixed q35 map with the real purgatory image (build/purgatory.bin), a command line and initrd
 * sized from the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootproto/assemble.h"
#include "bootproto/bzimage.h"
#include "loader/iomem.h"
#include "loader/plan.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)
#define PURGATORY "build/purgatory.bin"
#define MAP       "tests/fixtures/ovmf-q35-1g-crashkernel.iomem"

static uint8_t *purgatory;
static size_t purgatory_size;
static struct iomem_map map;

static void *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(1 << 20);

	if (!f || !buf)
		abort();
	*size = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct iomem_line lines[512];
	char why[200], *text;
	size_t size;
	uint32_t n;

	(void)argc, (void)argv;
	purgatory = slurp(PURGATORY, &purgatory_size);
	text = slurp(MAP, &size);
	if (iomem_read(text, size, lines, 512, &n, &map, why, sizeof(why)))
		abort();
	free(text);
	return 0;
}

/* The plan, whatever the header says that was accepted: in the crash region, elfcorehdr= kept. */
static void plan(const struct bzimage *bz, size_t size)
{
	static char cmdline[4096];
	static struct elf_note_src note = { 0x1000, 0x400 };
	size_t len = size % 2500;
	struct plan p;
	char why[200];

	memset(cmdline, 'x', len);
	cmdline[len] = 0;
	if (plan_build(&(struct plan_input){ .bz = bz, .initrd_size = 0, .cmdline = cmdline, .map = &map,
					     .notes = &note, .nnotes = 1, .page_offset = 0xffff888000000000ull,
					     .serial_port = 0x3f8, .serial_baud = 115200, .purgatory = purgatory,
					     .purgatory_size = purgatory_size }, &p, why, sizeof(why))) {
		CHECK(why[0] && strlen(why) < sizeof(why));
		return;
	}
	CHECK(strlen(p.cmdline) <= bz->cmdline_size && strstr(p.cmdline, "elfcorehdr="));
	for (int i = 0; i < SEG_COUNT; i++) {
		const struct range *c = &map.crash[map.ncrash - 1];

		CHECK(!p.seg[i].memsz || (p.seg[i].mem >= c->first && p.seg[i].mem + p.seg[i].memsz - 1 <= c->last));
		CHECK(p.seg[i].bufsz <= p.seg[i].memsz);
	}
	plan_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t bp[BP_SIZE];
	uint8_t *copy = malloc(size + 1);      /* exactly size bytes readable past the start */
	struct bzimage bz;
	char why[200];

	memcpy(copy, data, size);
	if (!bzimage_parse(copy, size, &bz, why, sizeof(why))) {
		CHECK(bz.pm_offset < size && bz.pm_offset + bz.pm_size == size);
		CHECK(bz.setup_header_end <= size && bz.version >= BZ_MIN_VERSION);
		CHECK(bz.kernel_alignment && !(bz.kernel_alignment & (bz.kernel_alignment - 1)));
		CHECK(bz.init_size >= bz.pm_size && bz.cmdline_size <= BZ_CMDLINE_SIZE_MAX);
		bootparams_fill(bp, &bz, 0x100000, 0, 0, NULL, 0);
		plan(&bz, size);
	} else {
		CHECK(why[0]);
	}
	free(copy);
	return 0;
}
