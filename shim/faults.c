// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "faults.h"

#define WRAPPING_ADDR 0xfffffffffffff000ull
#define KERNEL_BYTE   0x1000   /* inside the hashed kernel, past its header */

static int is(const struct shim_conf *c, const char *name)
{
	size_t n = strlen(name);

	return !memcmp(c->fault, name, n) && !c->fault[n];
}

void fault_before_digest(const struct shim_conf *c, uint8_t *table, uint64_t *ext_size)
{
	struct staged_table_header *h = (struct staged_table_header *)table;
	struct staged_range *r = (struct staged_range *)(h + 1);

	if (is(c, "table-magic"))
		h->magic ^= 0xff;
	else if (is(c, "table-version"))
		h->version = STAGED_TABLE_VERSION + 1;
	else if (is(c, "table-count"))
		h->count += 100;        /* past the segment: the table's size was set for the real count */
	else if (is(c, "table-wrap") && h->count) {
		r[0].addr = WRAPPING_ADDR;
		r[0].size = 0x2000;
	}
	if (c->fault_ext_capacity)
		*ext_size = E820_EXT_AREA_SIZE(c->fault_ext_capacity);
}

void fault_after_digest(const struct shim_conf *c, uint8_t *kernel)
{
	if (is(c, "corrupt-kernel"))
		kernel[KERNEL_BYTE] ^= 0x40;
}
