// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "e820words.h"
#include "fwmap.h"

#define WHY_FW_SOFT  "carried as reserved: the kdump kernel must not bring it online (dax_hmem, kmem)"
#define WHY_FW       "carried with its type: /proc/iomem does not list it"

/* "0x" and 1 to 16 hex digits, then a newline or nothing. */
static int hex_field(const char *s, uint64_t *v)
{
	int digits = 0;

	if (s[0] != '0' || s[1] != 'x')
		return -1;
	*v = 0;
	for (s += 2; *s && *s != '\n'; s++, digits++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (d < 0 || digits == 16)
			return -1;
		*v = *v << 4 | (uint64_t)d;
	}
	return digits && (!*s || !s[1]) ? 0 : -1;
}

int fwmap_entry_parse(const char *start, const char *end, const char *type, struct fwmap_entry *e,
		      char *why, size_t why_size)
{
	size_t len = strcspn(type, "\n");
	const char *bad = hex_field(start, &e->r.first) ? "start is not 0x and hex digits"
			: hex_field(end, &e->r.last) ? "end is not 0x and hex digits"
			: e->r.last < e->r.first ? "end lies below start"
			: e->r.last >= STAGED_PHYS_LIMIT ? "end lies past 52-bit physical space"
			: type[len] && type[len + 1] ? "type is more than one line"
			: !(e->type = iomem_type(type, len)) ? "type is no e820 type's name" : NULL;

	if (bad)
		snprintf(why, why_size, "%s", bad);
	return bad ? -1 : 0;
}

static int by_first(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Sorted, merged ranges of the lines that pass want(), in out (IOMEM_MAX_LINES). */
static uint32_t cover(const struct iomem_line *lines, uint32_t n, int top_ram, struct range *out)
{
	uint32_t k = 0;

	for (uint32_t i = 0; i < n && k < IOMEM_MAX_LINES; i++) {
		const struct iomem_line *l = &lines[i];
		int take = top_ram ? !l->depth && l->type == E820_TYPE_RAM && !l->managed : l->type || l->crash;

		if (take && l->r.last < STAGED_PHYS_LIMIT)
			out[k++] = l->r;
	}
	qsort(out, k, sizeof(*out), by_first);
	iomem_merge(out, &k);
	return k;
}

static uint32_t carried_as(uint32_t type)
{
	return type == E820_TYPE_SOFT_RESERVED ? ONLINABLE_CARRIED_AS : type;
}

/* Only in the firmware map, and carried: every non-RAM type but Reserved (fwmap.h says why). */
static int carried(uint32_t type)
{
	return type != E820_TYPE_RAM && type != E820_TYPE_RESERVED;
}

int fwmap_carry(const struct fwmap_entry *fw, uint32_t n, const struct iomem_line *lines, uint32_t nlines,
		struct iomem_map *map, char *why, size_t why_size)
{
	static struct range named[IOMEM_MAX_LINES];
	uint32_t nnamed = cover(lines, nlines, 0, named);

	for (uint32_t i = 0; i < n; i++) {
		struct range piece[IOMEM_MAX_NOTES];
		uint32_t np, t = carried_as(fw[i].type);

		map->onlinable |= fw[i].type == E820_TYPE_SOFT_RESERVED;
		if (!carried(fw[i].type))
			continue;
		np = iomem_uncovered(fw[i].r, named, nnamed, piece, IOMEM_MAX_NOTES);
		for (uint32_t k = 0; k < np; k++) {
			if (np == IOMEM_MAX_NOTES || map->nextra == IOMEM_MAX_NOTES || map->nnotes == IOMEM_MAX_NOTES ||
			    map->nstaged == STAGED_TABLE_MAX_RANGES) {
				snprintf(why, why_size, "firmware map: more than %u ranges that /proc/iomem does not list",
					 (unsigned)IOMEM_MAX_NOTES);
				return -1;
			}
			map->extra[map->nextra++] = (struct iomem_extra){ piece[k], t };
			map->staged[map->nstaged++] = (struct staged_range){ piece[k].first, range_size(piece[k]), t, 0 };
			map->notes[map->nnotes++] = (struct iomem_note){
				piece[k], t, fw[i].type == E820_TYPE_SOFT_RESERVED ? "Soft Reserved (firmware map only)"
						: "a firmware map range", t != fw[i].type ? WHY_FW_SOFT : WHY_FW };
		}
	}
	return 0;
}

uint32_t fwmap_compare_print(FILE *f, const struct fwmap_entry *fw, uint32_t n, const struct iomem_line *lines,
			     uint32_t nlines)
{
	static struct range named[IOMEM_MAX_LINES], ram[IOMEM_MAX_LINES];
	uint32_t nnamed = cover(lines, nlines, 0, named), nram = cover(lines, nlines, 1, ram), count = 0;
	char word[32];

	for (uint32_t i = 0; i < n; i++) {
		struct range piece[IOMEM_MAX_NOTES];
		uint32_t np;

		if (fw[i].type == E820_TYPE_RAM)
			continue;
		np = iomem_uncovered(fw[i].r, named, nnamed, piece, IOMEM_MAX_NOTES);
		for (uint32_t k = 0; k < np; k++, count++)
			fprintf(f, "fwmap   [mem 0x%016llx-0x%016llx] %-14s in the firmware map, not in /proc/iomem: %s\n",
				(unsigned long long)piece[k].first, (unsigned long long)piece[k].last,
				e820_type_word(fw[i].type, word, sizeof(word)), carried(fw[i].type) ? "kexec-e820 carries it"
				: "not carried (the kernel removes EFI MMIO from its e820 so PCI may use it)");
		for (uint32_t k = 0; k < nram; k++) {
			if (!range_overlap(ram[k], fw[i].r))
				continue;
			fprintf(f, "fwmap   [mem 0x%016llx-0x%016llx] %-14s in the firmware map, System RAM in /proc/iomem: "
				"the running kernel's word taken (it is dumped as RAM)\n",
				(unsigned long long)(ram[k].first > fw[i].r.first ? ram[k].first : fw[i].r.first),
				(unsigned long long)(ram[k].last < fw[i].r.last ? ram[k].last : fw[i].r.last),
				e820_type_word(fw[i].type, word, sizeof(word)));
			count++;
		}
	}
	return count;
}
