// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "zeropage.h"

uint32_t zeropage_ext_capacity(uint64_t ext_size)
{
	uint64_t n;

	if (ext_size < SETUP_DATA_HEADER_SIZE)
		return 0;
	n = (ext_size - SETUP_DATA_HEADER_SIZE) / E820_ENTRY_SIZE;
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

int zeropage_patch(uint8_t *bp, const struct table_view *staged,
		   uint8_t *ext, uint64_t ext_size, void *work, size_t work_size,
		   struct e820_counts *c, struct e820_fault *f)
{
	struct e820_entry base[BP_E820_MAX];
	uint32_t nbase = bp[BP_E820_ENTRIES];
	uint32_t ext_cap = ext ? zeropage_ext_capacity(ext_size) : 0;
	struct e820_entry *ext_entries = ext ? (struct e820_entry *)(ext + SETUP_DATA_HEADER_SIZE) : 0;
	uint64_t next;
	uint32_t type = SETUP_E820_EXT, len;

	if (nbase > BP_E820_MAX) {
		f->error = E820_ZP_COUNT;
		f->index = nbase;
		return -1;
	}
	/* The output overwrites the zero page's table, so read it first. */
	memcpy(base, bp + BP_E820_TABLE, nbase * sizeof(base[0]));
	if (e820_patch(base, nbase, staged, (struct e820_entry *)(bp + BP_E820_TABLE), BP_E820_MAX,
		       ext_entries, ext_cap,
		       work, work_size, c, f))
		return -1;
	bp[BP_E820_ENTRIES] = (uint8_t)c->zero_page;
	if (!c->ext || !ext)            /* entries in the extension imply an area */
		return 0;
	len = c->ext * E820_ENTRY_SIZE;
	memcpy(&next, bp + BP_SETUP_DATA, sizeof(next));
	memcpy(ext, &next, sizeof(next));
	memcpy(ext + 8, &type, sizeof(type));
	memcpy(ext + 12, &len, sizeof(len));
	next = (uintptr_t)ext;
	memcpy(bp + BP_SETUP_DATA, &next, sizeof(next));
	return 0;
}
