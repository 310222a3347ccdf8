/* SPDX-License-Identifier: GPL-2.0 */
/* Validation of the staged reserved-range table (docs/abi.md). Pure: no I/O. */
#ifndef PURGATORY_TABLE_H
#define PURGATORY_TABLE_H
#include <stddef.h>
#include <stdint.h>

#include "include/purgatory_abi.h"

enum table_error {
	TABLE_OK,
	TABLE_SHORT,            /* segment smaller than the header */
	TABLE_MAGIC,
	TABLE_VERSION,
	TABLE_HEADER_SIZE,      /* below the known header, or not a multiple of 8 */
	TABLE_ENTRY_SIZE,       /* below the known entry, or not a multiple of 8 */
	TABLE_HEADER_RESERVED,  /* reserved header field not 0 */
	TABLE_TOO_MANY,         /* count > STAGED_TABLE_MAX_RANGES */
	TABLE_TRUNCATED,        /* entries run past the segment */
	TABLE_EMPTY_RANGE,      /* entry of size 0 */
	TABLE_WRAPS,            /* addr + size overflows 64 bits */
	TABLE_ABOVE_PHYS,       /* ends above STAGED_PHYS_LIMIT */
	TABLE_BAD_TYPE,         /* 0 or RAM: a staged range must never add RAM */
	TABLE_ENTRY_RESERVED,   /* reserved entry field not 0 */
};

/* What validation found wrong, enough to say it in one line. */
struct table_fault {
	enum table_error error;
	uint32_t index;         /* entry number, for the per-entry errors */
	uint64_t value;         /* the offending value */
	uint64_t limit;         /* what it had to stay within */
};

/* A validated table: entries at a stride the header chose. */
struct table_view {
	const uint8_t *entries;
	uint32_t stride;
	uint32_t count;
};

int table_validate(const void *segment, uint64_t segment_size,
		   struct table_view *view, struct table_fault *fault);

/* Entry i, copied out: the stride need not keep entries aligned. Inline: the merge reads each once. */
static inline void table_entry(const struct table_view *view, uint32_t i, struct staged_range *out)
{
	__builtin_memcpy(out, view->entries + (size_t)i * view->stride, sizeof(*out));
}

#endif
