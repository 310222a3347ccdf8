// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "e820words.h"
#include "dumpram.h"
#include "predict.h"
#include "purgatory/table.h"
#include "purgatory/zeropage.h"

int predict_e820(const struct plan *p, struct purgatory_e820 *pr, char *why, size_t why_size)
{
	const struct plan_segment *t = &p->seg[SEG_TABLE], *x = &p->seg[SEG_EXT];
	struct table_view *view = &pr->staged;
	struct table_fault tf;
	struct e820_fault ef;
	size_t work_size;

	memset(pr, 0, sizeof(*pr));
	memcpy(pr->zero_page, p->seg[SEG_BOOT].buf, BP_SIZE);
	if (table_validate(t->buf, t->bufsz, view, &tf)) {
		snprintf(why, why_size, "the planned table does not validate (error %d)", tf.error);
		return -1;
	}
	work_size = E820_WORK_BYTES(BP_E820_MAX, view->count);
	pr->work = malloc(work_size);
	pr->ext_area = calloc(1, x->memsz);
	if (!pr->work || !pr->ext_area) {
		predict_free(pr);
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	if (zeropage_patch(pr->zero_page, view, pr->ext_area, x->memsz, pr->work, work_size,
			   &pr->counts, &ef)) {
		predict_free(pr);
		snprintf(why, why_size, "the purgatory would not patch this e820 (error %d)", ef.error);
		return -1;
	}
	pr->ext = (struct e820_entry *)((uint8_t *)pr->ext_area + SETUP_DATA_HEADER_SIZE);
	return 0;
}

void predict_free(struct purgatory_e820 *pr)
{
	free(pr->work);
	free(pr->ext_area);
	pr->work = pr->ext_area = NULL;
}

const struct e820_entry *predict_entry(const struct purgatory_e820 *pr, uint32_t i)
{
	const struct e820_entry *zp = (const void *)(pr->zero_page + BP_E820_TABLE);

	return i < pr->counts.zero_page ? &zp[i] : &pr->ext[i - pr->counts.zero_page];
}

/* RAM is the loader's; other entries are staged, "clipped" where a staged range lost bytes to RAM. */
static const char *source(const struct plan *p, const struct table_view *staged, const struct e820_entry *e)
{
	if (e->type == E820_TYPE_RAM)
		return "kdump RAM (loader)";
	for (uint32_t k = 0; k < p->nold_ram; k++)
		if (e->type == E820_TYPE_RESERVED && p->old_ram[k].first < e->addr + e->size &&
		    e->addr <= p->old_ram[k].last)
			return PLAN_OLD_RAM_SOURCE;
	for (uint32_t i = 0; i < staged->count; i++) {
		struct staged_range r;

		table_entry(staged, i, &r);
		if (r.addr >= e->addr + e->size || r.addr + r.size <= e->addr)
			continue;
		for (uint32_t k = 0; k < p->nram; k++)
			if (r.addr < p->ram[k].addr + p->ram[k].size && p->ram[k].addr < r.addr + r.size)
				return "staged table, clipped";
	}
	return "staged table";
}

/* ", first kernel: WHAT WHY" where the kdump kernel gets another type than the first kernel's */

static void line(FILE *f, const struct plan *p, const struct purgatory_e820 *pr, const struct iomem_map *map,
		 const struct e820_entry *e, const char *where, int json, int *first)
{
	char buf[32];
	const char *name = e820_type_word(e->type, buf, sizeof(buf));
	unsigned long long s = e->addr, l = e->addr + e->size - 1;
	char note[256];

	iomem_note_text(map, (struct range){ s, l }, e->type, json, note, sizeof(note));
	if (json)
		fprintf(f, "%s\n    {\"start\": \"0x%016llx\", \"end\": \"0x%016llx\", \"type\": %u, \"name\": \"%s\", "
			"\"source\": \"%s\", \"table\": \"%s\"%s}", *first ? "" : ",", s, l, e->type, name,
			source(p, &pr->staged, e), where, note);
	else
		fprintf(f, "[mem 0x%016llx-0x%016llx] %-22s %s, %s%s\n", s, l, name, source(p, &pr->staged, e), where,
			note);
	*first = 0;
}

void predict_print(FILE *f, const struct plan *p, const struct purgatory_e820 *pr, const struct iomem_map *map,
		   int json)
{
	const struct e820_counts *c = &pr->counts;
	int first = 1;

	if (json)
		fprintf(f, "{\n  \"e820\": [");
	for (uint32_t i = 0; i < c->zero_page + c->ext; i++)
		line(f, p, pr, map, predict_entry(pr, i), i < c->zero_page ? "zero page" : "SETUP_E820_EXT", json, &first);
	if (json)                        /* what the dump holds: --dry-run's "dump" lines */
		fprintf(f, "\n  ],\n  \"dump\": [");
	for (uint32_t i = 0; json && i < p->nload; i++)
		fprintf(f, "%s\n    {\"start\": \"0x%016llx\", \"end\": \"0x%016llx\", \"source\": \"%s\"}", i ? "," : "",
			(unsigned long long)p->loads[i].first, (unsigned long long)p->loads[i].last,
			dumpram_source(map, p->loads[i]));
	if (json)
		fprintf(f, "\n  ],\n  \"staged\": %u, \"added\": %u, \"clipped\": %u, \"dropped\": %u, "
			"\"zero_page\": %u, \"ext\": %u\n}\n", c->ranges, c->added, c->clipped, c->dropped,
			c->zero_page, c->ext);
	else
		fprintf(f, "# %u staged, %u added, %u clipped, %u dropped; %u in zero page, %u in SETUP_E820_EXT\n",
			c->ranges, c->added, c->clipped, c->dropped, c->zero_page, c->ext);
}
