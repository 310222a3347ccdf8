// SPDX-License-Identifier: GPL-2.0
/*
 * Layout inside the crash region(s): the core headers at the top (as
 * kexec-tools puts them), the kernel by the boot protocol's rules, the
 * initrd as high as the kernel allows, the rest wherever it fits.
 * The kdump kernel's RAM is the crash regions minus the core headers, plus
 * the low 640 KiB; everything else the first kernel had reserved is staged.
 * Segments go in the main region only: kexec_load refuses a crash segment
 * outside crashk_res (EADDRNOTAVAIL). With crashkernel=X,high the main region
 * is above 4 GiB and crashk_low_res below it, so the main one is the highest;
 * the low one is only RAM for the kdump kernel (DMA, swiotlb).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootproto/assemble.h"
#include "plan.h"
#include "bootproto/table_write.h"

static int fail(struct plan *p, char *why, size_t why_size, const char *msg)
{
	if (msg)
		snprintf(why, why_size, "%s", msg);
	plan_free(p);
	return -1;
}

static void add_ram(struct plan *p, struct range r)
{
	if (p->nram < BP_E820_MAX)
		p->ram[p->nram++] = (struct e820_entry){ r.first, range_size(r), E820_TYPE_RAM };
}

/* Low RAM, then each crash region with the core headers cut out; sorted, as the ranges are. */
static void kdump_ram(const struct iomem_map *m, const struct plan_segment *core, struct plan *p)
{
	for (uint32_t i = 0; i < m->nram && m->ram[i].first < LOW_RAM_END; i++)
		add_ram(p, (struct range){ m->ram[i].first,
					   m->ram[i].last < LOW_RAM_END ? m->ram[i].last : LOW_RAM_END - 1 });
	for (uint32_t i = 0; i < m->ncrash; i++) {
		struct range c = m->crash[i];
		uint64_t core_last = core->mem + (core->memsz - 1);   /* placed inside c by layout_place */

		if (core->mem >= c.first && core->mem <= c.last) {
			if (core->mem > c.first)
				add_ram(p, (struct range){ c.first, core->mem - 1 });
			if (core_last < c.last)
				add_ram(p, (struct range){ core_last + 1, c.last });
		} else {
			add_ram(p, c);
		}
	}
}

/* The first kernel's RAM that would open a PCI window of its own (oldram.h): plan.old_ram. */
static int old_ram(const struct iomem_map *m, struct plan *p)
{
	struct range *kept = malloc(((size_t)p->nram + m->nstaged + 1) * sizeof(*kept));
	uint32_t nkept = 0;

	if (!kept)
		return -1;
	for (uint32_t i = 0; i < p->nram; i++)
		kept[nkept++] = (struct range){ p->ram[i].addr, p->ram[i].addr + p->ram[i].size - 1 };
	for (uint32_t i = 0; i < m->nstaged; i++)
		kept[nkept++] = (struct range){ m->staged[i].addr, m->staged[i].addr + m->staged[i].size - 1 };
	oldram_kept(kept, &nkept);
	p->nold_ram = oldram_fill(m->ram, m->nram, kept, nkept, p->old_ram);
	free(kept);
	return 0;
}

/* The zero page's e820 before the purgatory: the kdump RAM, then the old RAM as reserved (at
 * most OLDRAM_MAX pieces beside at most a handful of RAM entries: within the 128). */
static uint32_t zero_page_map(const struct plan *p, struct e820_entry *out)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < p->nram; i++)
		out[n++] = p->ram[i];
	for (uint32_t i = 0; i < p->nold_ram && n < BP_E820_MAX; i++)
		out[n++] = (struct e820_entry){ p->old_ram[i].first, range_size(p->old_ram[i]), E820_TYPE_RESERVED };
	return n;
}

/* Why the layout failed, in bytes, when the main crash region is simply too small. */
static void explain_shortfall(const struct range *main_region, const struct layout_item *it, char *why,
			      size_t why_size)
{
	uint64_t have = range_size(*main_region), need = 0;

	for (uint32_t i = 0; i < SEG_COUNT; i++)
		need += it[i].size;
	if (need > have)
		snprintf(why, why_size, "kernel, initrd and segments need %llu MiB, the crash region has %llu MiB: "
			 "%llu MiB missing (raise crashkernel=)", (unsigned long long)(need >> 20),
			 (unsigned long long)(have >> 20), (unsigned long long)((need - have + (1 << 20) - 1) >> 20));
}

int plan_build(const struct plan_input *in, struct plan *p, char *why, size_t why_size)
{
	const struct bzimage *bz = in->bz;
	const struct iomem_map *m = in->map;
	const struct range *main_region, *dump = in->dump;
	struct range avail[1 + SEG_COUNT];   /* the main crash region, carved as segments are placed */
	uint32_t navail = 1, nstaged = m->nstaged, ext_cap, nload, ndump = in->ndump;
	struct layout_item it[SEG_COUNT];
	struct range *loads;
	struct purgatory_image_header ph;
	struct purgatory_setup ps;
	struct segment hashed[SEG_COUNT];
	struct e820_entry zp[BP_E820_MAX];
	uint32_t nhashed = 0;
	uint8_t *bp, *table, *core, *img;
	size_t core_size;

	memset(p, 0, sizeof(*p));
	if (!m->ncrash)
		return fail(p, why, why_size, "no crash kernel region");
	main_region = &m->crash[m->ncrash - 1];         /* sorted: the highest */
	if (purgatory_image_check(in->purgatory, in->purgatory_size, &ph, why, why_size))
		return -1;
	if (!dump) {
		dump = m->ram;
		ndump = m->nram;
	}
	nload = elfcore_loads(dump, ndump, m->crash, m->ncrash, NULL, 0);
	if (!(loads = calloc(nload + 1, sizeof(*loads))))
		return fail(p, why, why_size, "out of memory");
	p->owned[0] = loads;
	elfcore_loads(dump, ndump, m->crash, m->ncrash, loads, nload);
	core_size = elfcore_size(in->nnotes, nload);
	/* Enough for every entry the merge can produce beyond the zero page: none is dropped (its
	 * inputs: the staged ranges, the kdump RAM, the first kernel's RAM kept as reserved). */
	ext_cap = 2 * (nstaged + IOMEM_MAX_CRASH + 2 + OLDRAM_MAX);

	avail[0] = *main_region;
	boot_segment_items(it + SEG_KERNEL, bz, in->initrd_size, ph.mem_size, table_bytes(nstaged),
			   E820_EXT_AREA_SIZE(ext_cap));
	it[SEG_ELFCORE] = (struct layout_item){ .name = "ELF core headers", .size = boot_seg_round(core_size),
						.align = BOOT_SEG_ALIGN,
						.highest = 1 };
	if (layout_place(avail, &navail, 1 + SEG_COUNT, it, SEG_COUNT, why, why_size)) {
		explain_shortfall(main_region, it, why, why_size);
		return fail(p, why, why_size, NULL);
	}

	bp = calloc(1, it[SEG_BOOT].size);
	table = calloc(1, it[SEG_TABLE].size);
	core = calloc(1, it[SEG_ELFCORE].size);
	img = malloc(ph.file_size);
	p->owned[1] = bp; p->owned[2] = table; p->owned[3] = core;
	p->cmdline = malloc((size_t)bz->cmdline_size + 64);     /* bounded by bzimage_parse */
	if (!bp || !table || !core || !img || !p->cmdline) {
		free(img);
		return fail(p, why, why_size, "out of memory");
	}
	for (int i = 0; i < SEG_COUNT; i++)
		p->seg[i] = (struct plan_segment){ it[i].name, NULL, 0, it[i].addr, it[i].size };
	p->seg[SEG_KERNEL].buf = bz->file + bz->pm_offset;
	p->seg[SEG_KERNEL].bufsz = bz->pm_size;
	p->seg[SEG_KERNEL].memsz = boot_seg_round(bz->pm_size);   /* the rest of init_size stays free */
	p->seg[SEG_INITRD].buf = in->initrd;
	p->seg[SEG_INITRD].bufsz = in->initrd_size;
	p->seg[SEG_ELFCORE].buf = core;
	p->seg[SEG_ELFCORE].bufsz = core_size;
	elfcore_write(core, in->notes, in->nnotes, loads, nload, in->page_offset);
	p->nload = nload;
	p->loads = loads;
	p->dump_kept = in->dump_kept;

	snprintf(p->cmdline, (size_t)bz->cmdline_size + 64, "%s" ELFCOREHDR_ARG, in->cmdline,
		 (unsigned long long)(p->seg[SEG_ELFCORE].mem >> 10));
	if (strlen(p->cmdline) > bz->cmdline_size) {
		snprintf(why, why_size, "command line is %zu bytes with elfcorehdr=, the kernel takes at most %u",
			 strlen(p->cmdline), bz->cmdline_size);
		free(img);
		return fail(p, why, why_size, NULL);
	}
	kdump_ram(m, &p->seg[SEG_ELFCORE], p);
	if (old_ram(m, p)) {
		free(img);
		return fail(p, why, why_size, "out of memory");
	}
	bootparams_fill(bp, bz, p->seg[SEG_BOOT].mem + BP_SIZE,
			in->initrd_size ? p->seg[SEG_INITRD].mem : 0, in->initrd_size, zp, zero_page_map(p, zp));
	if (in->acpi_rsdp)
		bootparams_set_acpi_rsdp(bp, in->acpi_rsdp);
	memcpy(bp + BP_SIZE, p->cmdline, strlen(p->cmdline) + 1);
	p->seg[SEG_BOOT].buf = bp;
	p->seg[SEG_BOOT].bufsz = BP_SIZE + strlen(p->cmdline) + 1;
	table_write(table, m->staged, nstaged);
	p->seg[SEG_TABLE].buf = table;
	p->seg[SEG_TABLE].bufsz = table_bytes(nstaged);

	for (int i = 0; i < SEG_COUNT; i++)
		if (p->seg[i].bufsz && i != SEG_PURGATORY)
			hashed[nhashed++] = (struct segment){ p->seg[i].mem, p->seg[i].buf, p->seg[i].bufsz };
	ps = (struct purgatory_setup){
		.boot_params = p->seg[SEG_BOOT].mem, .kernel_entry = p->seg[SEG_KERNEL].mem + BZ_PM_ENTRY_OFFSET,
		.table_addr = p->seg[SEG_TABLE].mem, .table_size = p->seg[SEG_TABLE].bufsz,
		.ext_addr = p->seg[SEG_EXT].mem, .ext_size = p->seg[SEG_EXT].memsz,
		.serial_port = in->serial_port, .serial_baud = in->serial_baud,
	};
	memcpy(img, in->purgatory, ph.file_size);
	if (purgatory_fill(img, ph.file_size, &ps, hashed, nhashed, why, why_size)) {
		free(img);
		return fail(p, why, why_size, NULL);
	}
	p->owned[4] = img;
	p->seg[SEG_PURGATORY].buf = img;
	p->seg[SEG_PURGATORY].bufsz = ph.file_size;
	p->entry = p->seg[SEG_PURGATORY].mem + ph.entry_offset;
	return 0;
}

void plan_free(struct plan *p)
{
	for (int i = 0; i < 5; i++)
		free(p->owned[i]);
	free(p->cmdline);
	memset(p, 0, sizeof(*p));
}
