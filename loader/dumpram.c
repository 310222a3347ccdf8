// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "dumpram.h"

static int by_first(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

static uint64_t bytes(const struct range *r, uint32_t n)
{
	uint64_t sum = 0;

	for (uint32_t i = 0; i < n; i++)
		sum += range_size(r[i]);
	return sum;
}

int dumpram_build(const struct range *ram, uint32_t nram, const struct iomem_line *lines, uint32_t nlines,
		  const struct range *efi_kept, uint32_t nefi, struct range *out, uint32_t cap,
		  uint64_t *kept_bytes)
{
	uint32_t n = 0;

	if (nram > cap)
		return -1;
	for (; n < nram; n++)
		out[n] = ram[n];
	for (uint32_t i = 0; i < nlines; i++) {
		const struct iomem_line *l = &lines[i];

		/* depth 0: a "Reserved" nested in a device (the MMCONFIG window) is never RAM */
		if (l->depth || l->type != E820_TYPE_RESERVED)
			continue;
		for (uint32_t k = 0; k < nefi; k++) {
			if (!range_overlap(l->r, efi_kept[k]))
				continue;
			if (n == cap)
				return -1;
			out[n++] = (struct range){ l->r.first > efi_kept[k].first ? l->r.first : efi_kept[k].first,
						   l->r.last < efi_kept[k].last ? l->r.last : efi_kept[k].last };
		}
	}
	qsort(out, n, sizeof(*out), by_first);
	iomem_merge(out, &n);                    /* lasts are below 2^52 (iomem_read) */
	*kept_bytes = bytes(out, n) - bytes(ram, nram);
	return (int)n;
}

const char *dumpram_source(const struct iomem_map *map, struct range load)
{
	uint64_t managed = 0;
	int in_ram = 0;

	for (uint32_t i = 0; i < map->nmanaged; i++)
		if (range_overlap(map->managed[i], load))
			managed += range_size((struct range){
				map->managed[i].first > load.first ? map->managed[i].first : load.first,
				map->managed[i].last < load.last ? map->managed[i].last : load.last });
	for (uint32_t i = 0; i < map->nram; i++)
		in_ram |= map->ram[i].first <= load.first && load.last <= map->ram[i].last;
	if (!in_ram)
		return managed ? "System RAM, driver-managed System RAM (kmem...), kept EFI boot-services memory"
			       : "System RAM, kept EFI boot-services memory";
	return managed == range_size(load) ? "driver-managed System RAM (kmem...)"
	       : managed ? "System RAM, driver-managed System RAM (kmem...)" : "System RAM";
}
