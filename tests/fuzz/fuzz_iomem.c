// SPDX-License-Identifier: GPL-2.0
/* The /proc/iomem parser (kexec-e820 --iomem reads files from anywhere), and the kexec_file
 * prediction and memmap= list made from what it accepts. */
#include <stdlib.h>
#include <string.h>

#include "loader/iomem.h"
#include "loader/kfile.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static struct iomem_line lines[IOMEM_MAX_LINES];
static struct iomem_map map;
static struct kfile_e820 pred;
static struct kfile_memmap mm;
static struct kfile_range final[KFILE_ZEROPAGE_MAX + KFILE_MAX + IOMEM_MAX_RAM];

/* The memmap= list fits its room; the final e820 is sorted and never overlaps. */
static void kexec_file_path(uint32_t n, size_t size)
{
	char why[200];
	size_t room = size % 2100;
	uint32_t nf;

	struct kfile_kernel k = { .ncpus = 1 + (uint32_t)(size % 64), .hotplug_phdr_bytes = size % 3 ? 0 : 917616,
				  .memory_hotplug = (int)(size & 1) };

	if (kfile_predict(lines, n, &map, &k, &pred, why, sizeof(why))) {
		CHECK(why[0] && strlen(why) < sizeof(why));
		return;
	}
	/* the first kernel's RAM carried as reserved: below 4 GiB, sorted, starting and ending in
	 * that RAM, never on the kdump kernel's */
	for (uint32_t i = 0; i < pred.nunpassed; i++)
		CHECK(pred.unpassed[i].type != E820_TYPE_SOFT_RESERVED);
	for (uint32_t i = 0; i < pred.nold_ram; i++) {
		const struct kfile_range *o = &pred.old_ram[i];
		int starts = 0, ends = 0;

		CHECK(o->type == E820_TYPE_RESERVED && o->r.first <= o->r.last && o->r.last < OLDRAM_GAP_END);
		CHECK(!i || pred.old_ram[i - 1].r.last < o->r.first);
		for (uint32_t j = 0; j < map.nram; j++) {
			starts |= map.ram[j].first <= o->r.first && o->r.first <= map.ram[j].last;
			ends |= map.ram[j].first <= o->r.last && o->r.last <= map.ram[j].last;
		}
		CHECK(starts && ends);
		for (uint32_t j = 0; j < pred.nbuilt; j++)
			CHECK(pred.built[j].type != E820_TYPE_RAM || !range_overlap(pred.built[j].r, o->r));
	}
	kfile_memmap(&pred, room, &mm);
	CHECK(strlen(mm.text) <= room);
	CHECK(!mm.ncarried == !mm.text[0]);
	nf = kfile_final_e820(&pred, &mm, final, sizeof(final) / sizeof(final[0]));
	for (uint32_t i = 0; i < nf; i++)
		CHECK(final[i].r.first <= final[i].r.last && (!i || final[i - 1].r.last < final[i].r.first) && final[i].type);
}

/* Every byte of driver-managed RAM is dumped (in ram) and staged as reserved, pmem or alike. */
static void onlinable_carried(void)
{
	static struct range staged[STAGED_TABLE_MAX_RANGES];
	uint32_t n = 0;

	for (uint32_t i = 0; i < map.nstaged; i++) {
		uint32_t k = n++;

		for (; k && staged[k - 1].first > map.staged[i].addr; k--)
			staged[k] = staged[k - 1];
		staged[k] = (struct range){ map.staged[i].addr, map.staged[i].addr + map.staged[i].size - 1 };
	}
	iomem_merge(staged, &n);
	for (uint32_t i = 0; i < map.nmanaged; i++) {
		struct range piece[1];
		int dumped = 0;

		CHECK(iomem_uncovered(map.managed[i], staged, n, piece, 1) == 0);
		for (uint32_t k = 0; k < map.nram; k++)
			dumped |= map.ram[k].first <= map.managed[i].first && map.managed[i].last <= map.ram[k].last;
		CHECK(dumped);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[200], *text = malloc(size + 1);
	uint32_t n;

	memcpy(text, data, size);
	text[size] = 0;
	if (!iomem_read(text, size, lines, IOMEM_MAX_LINES, &n, &map, why, sizeof(why))) {
		CHECK(map.ncrash >= 1 && map.ncrash <= IOMEM_MAX_CRASH);
		CHECK(map.nstaged <= STAGED_TABLE_MAX_RANGES && map.nram <= IOMEM_MAX_RAM);
		for (uint32_t i = 0; i < map.ncrash; i++)       /* sorted, never sharing a byte */
			CHECK(map.crash[i].first <= map.crash[i].last && (!i || map.crash[i - 1].last < map.crash[i].first));
		for (uint32_t i = 0; i < map.nram; i++) {
			CHECK(map.ram[i].first <= map.ram[i].last && map.ram[i].last < STAGED_PHYS_LIMIT);
			CHECK(!i || map.ram[i - 1].last + 1 < map.ram[i].first);     /* sorted, merged */
		}
		for (uint32_t i = 0; i < map.nstaged; i++) {
			const struct staged_range *r = &map.staged[i];

			CHECK(r->size && r->addr + r->size <= STAGED_PHYS_LIMIT);
			/* never anything the kdump kernel could online (iomem.h) */
			CHECK(r->type != 0 && r->type != E820_TYPE_RAM && r->type != E820_TYPE_SOFT_RESERVED);
		}
		onlinable_carried();
		kexec_file_path(n, size);
	} else {
		CHECK(why[0] && strlen(why) < sizeof(why));
	}
	free(text);
	return 0;
}
