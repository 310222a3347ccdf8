// SPDX-License-Identifier: GPL-2.0
/*
 * e820-bench N: one e820_patch call with N staged ranges against a 2-entry RAM map, for
 * callgrind --toggle-collect=e820_patch. The ranges look like a real table: mostly disjoint
 * 4 KiB-64 KiB reservations, a tenth overlapping a neighbour, a few touching the RAM.
 */
#include <stdio.h>
#include <stdlib.h>

#include "purgatory/e820.h"

int main(int argc, char **argv)
{
	uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 4096;
	static const struct e820_entry base[] = {
		{ 0x1000, 0x9f000, E820_TYPE_RAM }, { 0x2a000000, 0x10000000, E820_TYPE_RAM },
	};
	static const uint32_t types[] = { E820_TYPE_RESERVED, E820_TYPE_ACPI, E820_TYPE_NVS, E820_TYPE_RESERVED };
	struct staged_range *r = calloc(n + 1, sizeof(*r));
	struct e820_entry *zp = calloc(BP_E820_MAX, sizeof(*zp)), *ext = calloc(2 * (n + 2), sizeof(*ext));
	size_t work_size = E820_WORK_BYTES(2, n);
	void *work = malloc(work_size);
	struct table_view v = { (const uint8_t *)r, sizeof(*r), n };
	struct e820_counts c;
	struct e820_fault f;
	uint64_t seed = 1, addr = 0x100000;

	for (uint32_t i = 0; i < n; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		addr += 0x1000 * (1 + (seed >> 60));
		r[i] = (struct staged_range){ addr, 0x1000 * (1 + ((seed >> 40) & 15)), types[(seed >> 20) & 3], 0 };
		if ((seed >> 32) % 10 == 0)
			r[i].size += 0x4000;            /* overlaps the next one */
	}
	for (uint32_t i = 0; i < n; i++) {      /* shuffle: loaders need not stage in order */
		uint32_t j = (uint32_t)((i * 2654435761u) % n);
		struct staged_range t = r[i];

		r[i] = r[j];
		r[j] = t;
	}
	if (e820_patch(base, 2, &v, zp, BP_E820_MAX, ext, 2 * (n + 2), work, work_size, &c, &f))
		return 1;
	printf("%u ranges: %u zero page, %u ext, %u dropped\n", n, c.zero_page, c.ext, c.dropped);
	return 0;
}
