// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "iomem.h"

#define NAME_RAM   "System RAM"
#define NAME_CRASH "Crash kernel"
/* The MCFG window's resource: 6.1 names it "PCI MMCONFIG 0000 [bus 00-ff]", 6.12 on "PCI ECAM ...". */
#define NAME_MCFG  "PCI MMCONFIG "
#define NAME_ECAM  "PCI ECAM "

uint32_t iomem_type(const char *name, size_t len)
{
	static const struct { const char *name; uint32_t type; } names[] = {
		{ NAME_RAM, E820_TYPE_RAM },
		{ "Reserved", E820_TYPE_RESERVED },
		{ "ACPI Tables", E820_TYPE_ACPI },
		{ "ACPI Non-volatile Storage", E820_TYPE_NVS },
		{ "Unusable memory", E820_TYPE_UNUSABLE },
		{ "Persistent Memory", E820_TYPE_PMEM },
		{ "Persistent Memory (legacy)", E820_TYPE_PRAM },
		{ "Soft Reserved", E820_TYPE_SOFT_RESERVED },
		{ NAME_UNKNOWN, UNKNOWN_CARRIED_AS },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && !memcmp(names[i].name, name, len))
			return names[i].type;
	return 0;
}

static int hex(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	for (; *p < end; (*p)++) {
		char c = **p;
		unsigned d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			break;
		if (*v >> 60)
			return -1;
		*v = *v << 4 | d;
	}
	return *p > s ? 0 : -1;
}

static int starts(const char *p, const char *end, const char *word)
{
	size_t len = strlen(word);

	return end - p >= (long)len && !memcmp(p, word, len);
}

/* "  START-END : NAME" */
static int parse_line(const char *s, const char *end, struct iomem_line *l)
{
	const char *p = s;

	while (p < end && *p == ' ')
		p++;
	l->depth = (uint32_t)(p - s) / 2;
	if (hex(&p, end, &l->r.first) || p == end || *p++ != '-' || hex(&p, end, &l->r.last) ||
	    end - p < 3 || memcmp(p, " : ", 3) != 0 || l->r.last < l->r.first)
		return -1;
	p += 3;
	l->type = iomem_type(p, end - p);
	l->crash = end - p == (long)strlen(NAME_CRASH) && !memcmp(p, NAME_CRASH, end - p);
	l->unknown = end - p == (long)strlen(NAME_UNKNOWN) && !memcmp(p, NAME_UNKNOWN, end - p);
	l->mcfg = starts(p, end, NAME_MCFG) || starts(p, end, NAME_ECAM);
	return 0;
}

static int add_range(struct range *s, uint32_t *n, uint32_t cap, struct range r)
{
	uint32_t i = *n;

	if (i == cap)
		return -1;
	while (i && s[i - 1].first > r.first) {
		s[i] = s[i - 1];
		i--;
	}
	s[i] = r;
	(*n)++;
	return 0;
}

void iomem_merge(struct range *s, uint32_t *n)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < *n; i++) {
		if (out && s[i].first <= s[out - 1].last + 1) {
			if (s[i].last > s[out - 1].last)
				s[out - 1].last = s[i].last;
		} else {
			s[out++] = s[i];
		}
	}
	*n = out;
}

int iomem_read(const char *text, size_t len, struct iomem_line *lines, uint32_t cap, uint32_t *n,
	       struct iomem_map *map, char *why, size_t why_size)
{
	const char *p = text, *end = text + len;
	uint32_t lineno = 0;

	*n = 0;
	memset(map, 0, sizeof(*map));
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *e = nl ? nl : end;
		struct iomem_line l;

		lineno++;
		if (e > p && *p != '#') {      /* '#': a note in a saved copy, never in /proc/iomem */
			if (parse_line(p, e, &l)) {
				snprintf(why, why_size, "iomem line %u: not \"START-END : NAME\"", lineno);
				return -1;
			}
			if (*n == cap) {
				snprintf(why, why_size, "iomem: more than %u lines", cap);
				return -1;
			}
			lines[(*n)++] = l;
		}
		p = nl ? nl + 1 : end;
	}
	for (uint32_t i = 0; i < *n; i++) {
		const struct iomem_line *l = &lines[i];
		int full = 0;

		if (l->r.last >= STAGED_PHYS_LIMIT) {
			if (l->type || l->crash) {
				snprintf(why, why_size, "iomem: range 0x%llx-0x%llx runs past 52-bit physical space",
					 (unsigned long long)l->r.first, (unsigned long long)l->r.last);
				return -1;
			}
			continue;
		}
		if (l->unknown && add_range(map->unknown, &map->nunknown, IOMEM_MAX_UNKNOWN, l->r)) {
			snprintf(why, why_size, "iomem: more than %u \"" NAME_UNKNOWN "\" ranges", (unsigned)IOMEM_MAX_UNKNOWN);
			return -1;
		}
		if (l->crash)
			full = add_range(map->crash, &map->ncrash, IOMEM_MAX_CRASH, l->r);
		else if (l->type == E820_TYPE_RAM)
			full = add_range(map->ram, &map->nram, IOMEM_MAX_RAM, l->r);
		else if (l->type && map->nstaged < STAGED_TABLE_MAX_RANGES)
			map->staged[map->nstaged++] = (struct staged_range){ l->r.first, range_size(l->r), l->type, 0 };
		else if (l->type)
			full = -1;
		else
			continue;
		if (full) {
			snprintf(why, why_size, "iomem: more %s ranges than the %u this loader stages",
				 l->crash ? "Crash kernel" : l->type == E820_TYPE_RAM ? "System RAM" : "reserved",
				 (unsigned)(l->crash ? IOMEM_MAX_CRASH : l->type == E820_TYPE_RAM ? IOMEM_MAX_RAM
					    : STAGED_TABLE_MAX_RANGES));
			return -1;
		}
	}
	iomem_merge(map->ram, &map->nram);   /* System RAM split where setup_data sits: one range */
	if (!map->ncrash) {
		snprintf(why, why_size, "no crash kernel region in iomem: boot with crashkernel=256M (or more)");
		return -1;
	}
	/* Segments are laid out in these regions: two claiming the same bytes would overlap. */
	for (uint32_t i = 1; i < map->ncrash; i++)
		if (range_overlap(map->crash[i], map->crash[i - 1])) {
			snprintf(why, why_size, "iomem: Crash kernel regions 0x%llx-0x%llx and 0x%llx-0x%llx overlap",
				 (unsigned long long)map->crash[i - 1].first, (unsigned long long)map->crash[i - 1].last,
				 (unsigned long long)map->crash[i].first, (unsigned long long)map->crash[i].last);
			return -1;
		}
	return 0;
}

const struct range *iomem_unknown_in(const struct iomem_map *map, struct range e)
{
	for (uint32_t i = 0; i < map->nunknown; i++)
		if (range_overlap(map->unknown[i], e))
			return &map->unknown[i];
	return NULL;
}
