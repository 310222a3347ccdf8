// SPDX-License-Identifier: GPL-2.0
/*
 * The order matters: nothing loaded is read before its digest matched, and
 * a bad table costs the kdump kernel its reserved ranges, never its boot.
 */
#include "cpu.h"
#include "params.h"
#include "report.h"
#include "sha256.h"
#include "run.h"
#include "table.h"
#include "zeropage.h"

static void say_region(struct out *o, const char *what, uint64_t addr, uint64_t size)
{
	out_str(o, what); out_hex(o, addr); out_str(o, "-"); out_hex(o, addr + size - 1);
}

/* Areas the patch writes or trusts, checked against the verified regions. */
static int areas_ok(const struct purgatory_params *p, struct out *o)
{
	if (!params_covered(p, p->table_addr, p->table_size)) {
		say_region(o, "purgatory: table rejected: ", p->table_addr, p->table_size);
		out_str(o, " is not inside one hashed region; booting with e820 unchanged");
		out_end(o);
		return 0;
	}
	if (p->ext_addr && (p->ext_addr % 8 || p->ext_addr + p->ext_size < p->ext_addr ||
			    params_overlaps(p, p->ext_addr, p->ext_size))) {
		say_region(o, "purgatory: spare area ", p->ext_addr, p->ext_size);
		out_str(o, " is misaligned, wraps or overlaps a loaded segment; booting with e820 unchanged");
		out_end(o);
		return 0;
	}
	return 1;
}

static void patch(const struct purgatory_params *p, void *work, size_t work_size, struct out *o)
{
	struct table_view view;
	struct table_fault tf;
	struct e820_fault ef;
	struct e820_counts counts;

	if (!p->table_addr) {
		out_str(o, "purgatory: no table staged; booting with e820 unchanged");
		out_end(o);
		return;
	}
	if (!areas_ok(p, o))
		return;
	if (table_validate((const void *)(uintptr_t)p->table_addr, p->table_size, &view, &tf)) {
		report_table_fault(o, &tf);
		return;
	}
	if (zeropage_patch((uint8_t *)(uintptr_t)p->boot_params, &view,
			   (uint8_t *)(uintptr_t)p->ext_addr, p->ext_size, work, work_size, &counts, &ef)) {
		report_e820_fault(o, &ef);
		return;
	}
	report_counts(o, &counts, p->ext_addr ? zeropage_ext_capacity(p->ext_size) : 0);
}

enum purgatory_verdict purgatory_run(const struct purgatory_params *p,
				     void *work, size_t work_size, struct out *o)
{
	struct params_fault pf;
	uint64_t bytes = 0, cycles, per_byte_x100;
	int bad;

	if (params_validate(p, &pf)) {
		report_params_fault(o, &pf);
		return PURGATORY_HALT;
	}
	cycles = cpu_cycles();
	bad = verify_regions(p);
	cycles = cpu_cycles() - cycles;
	if (bad >= 0) {
		out_str(o, "purgatory: sha256 mismatch in region "); out_dec(o, bad);
		say_region(o, " ", p->regions[bad].addr, p->regions[bad].size);
		out_str(o, "; not booting");
		out_end(o);
		return PURGATORY_HALT;
	}
	for (uint32_t i = 0; i < p->region_count; i++)
		bytes += p->regions[i].size;
	out_str(o, "purgatory: sha256 ok: "); out_dec(o, p->region_count); out_str(o, " regions, ");
	out_dec(o, bytes); out_str(o, sha256_current() == SHA256_NI ? " bytes (sha-ni) in " : " bytes (generic) in ");
	per_byte_x100 = bytes ? cycles * 100 / bytes : 0;    /* params_validate: no region is empty */
	out_dec(o, cycles); out_str(o, " cycles, "); out_dec(o, per_byte_x100 / 100);
	out_str(o, per_byte_x100 % 100 < 10 ? ".0" : "."); out_dec(o, per_byte_x100 % 100);
	out_str(o, " cycles/byte");
	out_end(o);
	patch(p, work, work_size, o);
	out_str(o, "purgatory: booting kernel at "); out_hex(o, p->kernel_entry);
	out_str(o, ", boot_params at "); out_hex(o, p->boot_params);
	out_end(o);
	return PURGATORY_BOOT;
}
