// SPDX-License-Identifier: GPL-2.0
/* Messages are switch-selected literals: a table of string pointers would need relocations. */
#include "report.h"

#define UNCHANGED "; booting with e820 unchanged"

static void entry_prefix(struct out *o, uint32_t index)
{
	out_str(o, "entry ");
	out_dec(o, index);
	out_str(o, ": ");
}

void report_params_fault(struct out *o, const struct params_fault *f)
{
	out_str(o, "purgatory: parameter block: ");
	switch (f->error) {
	case PARAMS_MAGIC:
		out_str(o, "bad magic "); out_hex(o, f->value); out_str(o, " (not filled by a loader)");
		break;
	case PARAMS_VERSION:
		out_str(o, "version "); out_dec(o, f->value); out_str(o, " unknown");
		break;
	case PARAMS_SIZE:
		out_str(o, "size "); out_dec(o, f->value); out_str(o, " does not match this purgatory");
		break;
	case PARAMS_RESERVED:
		out_str(o, "reserved fields not 0: "); out_hex(o, f->value);
		break;
	case PARAMS_REGION_COUNT:
		out_dec(o, f->value); out_str(o, " regions (1 to 16 allowed)");
		break;
	case PARAMS_REGION_EMPTY:
		out_str(o, "region "); out_dec(o, f->index); out_str(o, " has size 0");
		break;
	case PARAMS_REGION_WRAPS:
		out_str(o, "region "); out_dec(o, f->index); out_str(o, " wraps past 2^64");
		break;
	case PARAMS_ENTRY_UNVERIFIED:
		out_str(o, "kernel entry "); out_hex(o, f->value); out_str(o, " is in no hashed region");
		break;
	case PARAMS_BOOT_PARAMS_UNVERIFIED:
		out_str(o, "boot_params "); out_hex(o, f->value); out_str(o, " is not inside one hashed region");
		break;
	case PARAMS_OK:
		break;
	}
	out_str(o, "; not booting");
	out_end(o);
}

void report_table_fault(struct out *o, const struct table_fault *f)
{
	out_str(o, "purgatory: table rejected: ");
	switch (f->error) {
	case TABLE_SHORT:
		out_str(o, "segment of "); out_dec(o, f->value);
		out_str(o, " bytes is smaller than the header");
		break;
	case TABLE_MAGIC:
		out_str(o, "bad magic "); out_hex(o, f->value);
		break;
	case TABLE_VERSION:
		out_str(o, "unknown version "); out_dec(o, f->value);
		break;
	case TABLE_HEADER_SIZE:
		out_str(o, "header size "); out_dec(o, f->value);
		break;
	case TABLE_ENTRY_SIZE:
		out_str(o, "entry size "); out_dec(o, f->value);
		break;
	case TABLE_HEADER_RESERVED:
		out_str(o, "reserved header field "); out_hex(o, f->value);
		break;
	case TABLE_TOO_MANY:
		out_dec(o, f->value); out_str(o, " ranges, more than "); out_dec(o, f->limit);
		break;
	case TABLE_TRUNCATED:
		out_str(o, "count needs "); out_dec(o, f->value); out_str(o, " bytes, segment has ");
		out_dec(o, f->limit);
		break;
	case TABLE_EMPTY_RANGE:
		entry_prefix(o, f->index); out_str(o, "size 0 at "); out_hex(o, f->value);
		break;
	case TABLE_WRAPS:
		entry_prefix(o, f->index); out_hex(o, f->value); out_str(o, " + ");
		out_hex(o, f->limit); out_str(o, " wraps past 2^64");
		break;
	case TABLE_ABOVE_PHYS:
		entry_prefix(o, f->index); out_str(o, "ends at "); out_hex(o, f->value);
		out_str(o, ", above 52-bit physical space");
		break;
	case TABLE_BAD_TYPE:
		entry_prefix(o, f->index); out_str(o, "type "); out_dec(o, f->value);
		out_str(o, " (0 and RAM are not allowed)");
		break;
	case TABLE_ENTRY_RESERVED:
		entry_prefix(o, f->index); out_str(o, "reserved field "); out_hex(o, f->value);
		break;
	case TABLE_OK:
		break;
	}
	out_str(o, UNCHANGED);
	out_end(o);
}

void report_e820_fault(struct out *o, const struct e820_fault *f)
{
	out_str(o, "purgatory: e820 not patched: ");
	switch (f->error) {
	case E820_BASE_WRAPS:
		out_str(o, "zero-page entry "); out_dec(o, f->index); out_str(o, " wraps past 2^64");
		break;
	case E820_STAGED_RAM:
		out_str(o, "staged range "); out_dec(o, f->index); out_str(o, " is RAM");
		break;
	case E820_WORK_SMALL:
		out_str(o, "work area too small");
		break;
	case E820_ZP_COUNT:
		out_str(o, "zero page claims "); out_dec(o, f->index); out_str(o, " entries");
		break;
	case E820_OK:
		break;
	}
	out_str(o, UNCHANGED);
	out_end(o);
}

void report_counts(struct out *o, const struct e820_counts *c, uint32_t ext_capacity)
{
	out_str(o, "purgatory: table: "); out_dec(o, c->ranges); out_str(o, " ranges, ");
	out_dec(o, c->added); out_str(o, " added, "); out_dec(o, c->clipped);
	out_str(o, " clipped to keep kdump RAM, "); out_dec(o, c->dropped);
	out_str(o, " entries dropped for lack of space");
	out_end(o);
	out_str(o, "purgatory: e820: "); out_dec(o, c->zero_page); out_str(o, " entries in zero page, ");
	out_dec(o, c->ext); out_str(o, " in SETUP_E820_EXT (room for "); out_dec(o, ext_capacity);
	out_str(o, ")");
	out_end(o);
}
