/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one range type of the loaders: the first and the last byte, both inclusive, as /proc/iomem
 * and the kernel print them, so a range may end at the top of the address space and no end is
 * ever one past it. addr+size only at the ABI (staged_range) and in the kernel's e820_entry.
 */
#ifndef LINKER_RANGE_H
#define LINKER_RANGE_H
#include <stdint.h>

struct range {
	uint64_t first, last;
};

/* Bytes in r; 0 stands for all 2^64 bytes. */
static inline uint64_t range_size(struct range r)
{
	return r.last - r.first + 1;
}

/* [addr, addr + size) as a range: 0, or -1 when size is 0 or the range passes 2^64. */
static inline int range_of(uint64_t addr, uint64_t size, struct range *r)
{
	if (!size || size - 1 > UINT64_MAX - addr)
		return -1;
	*r = (struct range){ addr, addr + size - 1 };
	return 0;
}

static inline int range_overlap(struct range a, struct range b)
{
	return a.first <= b.last && b.first <= a.last;
}
#endif
