// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "table_write.h"

size_t table_bytes(uint32_t n)
{
	return sizeof(struct staged_table_header) + (size_t)n * sizeof(struct staged_range);
}

void table_write(void *buf, const struct staged_range *ranges, uint32_t n)
{
	struct staged_table_header h = {
		.magic = STAGED_TABLE_MAGIC,
		.version = STAGED_TABLE_VERSION,
		.header_size = sizeof(h),
		.entry_size = sizeof(struct staged_range),
		.count = n,
	};

	memcpy(buf, &h, sizeof(h));
	memcpy((uint8_t *)buf + sizeof(h), ranges, (size_t)n * sizeof(*ranges));
}
