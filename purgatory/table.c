// SPDX-License-Identifier: GPL-2.0
/*
 * The table arrives from a loader through memory a dying kernel may have
 * scribbled on: every field is checked before the first entry is used, and
 * every size is checked against the segment, never trusted from the header.
 */
#include <string.h>

#include "table.h"

static int fail(struct table_fault *f, enum table_error e, uint32_t index,
		uint64_t value, uint64_t limit)
{
	f->error = e;
	f->index = index;
	f->value = value;
	f->limit = limit;
	return -1;
}

static int entry_ok(const struct staged_range *r, uint32_t i, struct table_fault *f)
{
	if (r->size == 0)
		return fail(f, TABLE_EMPTY_RANGE, i, r->addr, 0);
	if (r->addr + r->size < r->addr)
		return fail(f, TABLE_WRAPS, i, r->addr, r->size);
	if (r->addr + r->size > STAGED_PHYS_LIMIT)
		return fail(f, TABLE_ABOVE_PHYS, i, r->addr + r->size, STAGED_PHYS_LIMIT);
	if (r->type == 0 || r->type == E820_TYPE_RAM)
		return fail(f, TABLE_BAD_TYPE, i, r->type, 0);
	if (r->reserved)
		return fail(f, TABLE_ENTRY_RESERVED, i, r->reserved, 0);
	return 0;
}

int table_validate(const void *segment, uint64_t segment_size,
		   struct table_view *view, struct table_fault *f)
{
	struct staged_table_header h;
	uint64_t need;

	f->error = TABLE_OK;
	if (segment_size < sizeof(h))
		return fail(f, TABLE_SHORT, 0, segment_size, sizeof(h));
	memcpy(&h, segment, sizeof(h));
	if (h.magic != STAGED_TABLE_MAGIC)
		return fail(f, TABLE_MAGIC, 0, h.magic, STAGED_TABLE_MAGIC);
	if (h.version != STAGED_TABLE_VERSION)
		return fail(f, TABLE_VERSION, 0, h.version, STAGED_TABLE_VERSION);
	if (h.header_size < sizeof(h) || h.header_size % 8)
		return fail(f, TABLE_HEADER_SIZE, 0, h.header_size, sizeof(h));
	if (h.entry_size < sizeof(struct staged_range) || h.entry_size % 8)
		return fail(f, TABLE_ENTRY_SIZE, 0, h.entry_size, sizeof(struct staged_range));
	if (h.reserved)
		return fail(f, TABLE_HEADER_RESERVED, 0, h.reserved, 0);
	if (h.count > STAGED_TABLE_MAX_RANGES)
		return fail(f, TABLE_TOO_MANY, 0, h.count, STAGED_TABLE_MAX_RANGES);
	/* count <= 4096 and entry_size < 65536: no overflow in 64 bits. */
	need = h.header_size + (uint64_t)h.count * h.entry_size;
	if (need > segment_size)
		return fail(f, TABLE_TRUNCATED, 0, need, segment_size);

	view->entries = (const uint8_t *)segment + h.header_size;
	view->stride = h.entry_size;
	view->count = h.count;
	for (uint32_t i = 0; i < h.count; i++) {
		struct staged_range r;

		table_entry(view, i, &r);
		if (entry_ok(&r, i, f))
			return -1;
	}
	return 0;
}
