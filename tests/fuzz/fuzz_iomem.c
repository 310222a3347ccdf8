// SPDX-License-Identifier: GPL-2.0
/* The /proc/iomem parser (kexec-e820 --iomem reads files from anywhere). */
#include <stdlib.h>
#include <string.h>

#include "iomem.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static struct iomem_line lines[IOMEM_MAX_LINES];
static struct iomem_map map;

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
			CHECK(map.crash[i].start < map.crash[i].end && (!i || map.crash[i - 1].end <= map.crash[i].start));
		for (uint32_t i = 0; i < map.nram; i++) {
			CHECK(map.ram[i].start < map.ram[i].end);
			CHECK(!i || map.ram[i - 1].end < map.ram[i].start);     /* sorted, merged */
		}
		for (uint32_t i = 0; i < map.nstaged; i++) {
			const struct staged_range *r = &map.staged[i];

			CHECK(r->size && r->addr + r->size <= STAGED_PHYS_LIMIT);
			CHECK(r->type != 0 && r->type != E820_TYPE_RAM);
		}
	} else {
		CHECK(why[0] && strlen(why) < sizeof(why));
	}
	free(text);
	return 0;
}
