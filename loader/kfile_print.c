// SPDX-License-Identifier: GPL-2.0
#include "dumpram.h"
#include "e820words.h"
#include "kfile_print.h"

/* Where a final entry comes from: the kernel's zero page, or our memmap= options. */
static const char *source(const struct kfile_e820 *p, const struct kfile_range *e)
{
	for (uint32_t i = 0; i < p->nold_ram; i++)
		if (e->type == E820_TYPE_RESERVED && range_overlap(p->old_ram[i].r, e->r))
			return KFILE_OLD_RAM_SOURCE;
	for (uint32_t i = 0; i < p->nbuilt && i < KFILE_ZEROPAGE_MAX; i++)
		if (p->built[i].type == e->type && range_overlap(p->built[i].r, e->r))
			return "zero page (kernel)";
	return "command line (memmap=)";
}

/* ", first kernel: WHAT WHY" where the kdump kernel gets another type than the first kernel's */

static void line(FILE *f, const struct kfile_range *e, const struct iomem_map *map, const char *where, int json,
		 int *first)
{
	char buf[32];
	const char *name = e820_type_word(e->type, buf, sizeof(buf));
	unsigned long long s = e->r.first, l = e->r.last;
	char note[256];

	iomem_note_text(map, e->r, e->type, json, note, sizeof(note));
	if (json)
		fprintf(f, "%s\n    {\"start\": \"0x%016llx\", \"end\": \"0x%016llx\", \"type\": %u, \"name\": \"%s\", "
			"\"source\": \"%s\"%s}", *first ? "" : ",", s, l, e->type, name, where,
			note);
	else
		fprintf(f, "[mem 0x%016llx-0x%016llx] %-22s %s%s\n", s, l, name, where, note);
	*first = 0;
}

void kfile_print(FILE *f, const struct kfile_e820 *p, const struct kfile_memmap *m, const struct iomem_map *map,
		 int json)
{
	static struct kfile_range e820[KFILE_ZEROPAGE_MAX + KFILE_MAX + IOMEM_MAX_RAM];
	uint32_t n = kfile_final_e820(p, m, e820, sizeof(e820) / sizeof(e820[0]));
	uint32_t zp = p->nbuilt < KFILE_ZEROPAGE_MAX ? p->nbuilt : KFILE_ZEROPAGE_MAX;
	struct kfile_memmap_cost cost;
	int first = 1;

	kfile_memmap_cost(m, &cost);
	if (json)
		fprintf(f, "{\n  \"e820\": [");
	for (uint32_t i = 0; i < n; i++)
		line(f, &e820[i], map, source(p, &e820[i]), json, &first);
	if (json)
		fprintf(f, "\n  ],\n  \"missing\": [");
	first = 1;
	for (uint32_t i = 0; i < m->nlost; i++) {
		if (!json)
			fputs("# missing ", f);  /* not an e820 line: the kdump kernel will not have it */
		line(f, &m->lost[i], map, m->lost[i].rank == RANK_OLD_RAM ? "no room on the command line, the first "
		     "kernel's RAM: stays a hole" : "no room on the command line", json, &first);
	}
	if (json)        /* what the dump holds: the kernel's own core headers (walk_system_ram_res()) */
		fprintf(f, "\n  ],\n  \"dump\": [");
	for (uint32_t i = 0; json && i < p->ndump; i++)
		fprintf(f, "%s\n    {\"start\": \"0x%016llx\", \"end\": \"0x%016llx\", \"source\": \"%s\"}", i ? "," : "",
			(unsigned long long)p->dump[i].first, (unsigned long long)p->dump[i].last,
			dumpram_source(map, p->dump[i]));
	if (json) {
		fprintf(f, "\n  ],\n  \"built\": %u, \"zero_page\": %u, \"carried\": %u, \"missing_count\": %u, "
			"\"elfcorehdr\": \"0x%llx\", \"elfcorehdr_size\": %llu, \"elfcorehdr_size_from\": \"%s\", "
			"\"memmap\": \"%s\", \"memmap_percent_items\": %u, \"memmap_regions\": %u, "
			"\"kaslr_off_by_memmap\": %s\n}\n", p->nbuilt, zp, m->ncarried, m->nlost, (unsigned long long)p->elf_addr,
			(unsigned long long)p->elf_size, p->elf_size_from, m->text[0] ? m->text + 1 : "", cost.percent,
			cost.regions, cost.kaslr_off ? "true" : "false");
		return;
	}
	fprintf(f, "# kexec_file: the kernel builds %u entries, %u reach the zero page; ELF core headers at "
		"0x%llx (%llu bytes, %s), never kdump RAM\n", p->nbuilt, zp, (unsigned long long)p->elf_addr,
		(unsigned long long)p->elf_size, p->elf_size_from);
	fprintf(f, "# %u ranges on the command line,%s%s; %u missing\n", m->ncarried, m->text[0] ? "" : " none",
		m->text, m->nlost);
	if (cost.kaslr_off)
		fprintf(f, "# cost: the kdump kernel's decompressor gives up physical KASLR here (%u %%-items, each read "
			"as mem=SIZE; %u memmap regions, at most %u are scanned)\n", cost.percent, cost.regions,
			(unsigned)KFILE_KASLR_REGIONS);
}
