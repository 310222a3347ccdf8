// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iomem.h"

#define NAME_RAM   "System RAM"
#define NAME_CRASH "Crash kernel"
/* The MCFG window's resource: 6.1 names it "PCI MMCONFIG 0000 [bus 00-ff]", 6.12 on "PCI ECAM ...". */
#define NAME_MCFG  "PCI MMCONFIG "
#define NAME_ECAM  "PCI ECAM "
/* add_memory_driver_managed()'s names: "System RAM (kmem)", "System RAM (virtio_mem)", ... */
#define NAME_MANAGED "System RAM ("
#define NAME_CXL_WINDOW "CXL Window "

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

/* name is a known word but for case, spaces around it or control characters: a copy gone wrong */
static int near_miss(const char *p, const char *end)
{
	static const char *const words[] = { NAME_RAM, NAME_CRASH, "Reserved", "ACPI Tables", "ACPI Non-volatile Storage",
					     "Unusable memory", "Persistent Memory", "Persistent Memory (legacy)",
					     "Soft Reserved", NAME_UNKNOWN };

	while (p < end && (*p == ' ' || (unsigned char)*p < 0x20))
		p++;
	while (end > p && (end[-1] == ' ' || (unsigned char)end[-1] < 0x20))
		end--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == (size_t)(end - p) && !strncasecmp(words[i], p, end - p))
			return 1;
	return 0;
}

/* "  START-END : NAME"; NULL, or what is wrong with it */
static const char *parse_line(const char *s, const char *end, struct iomem_line *l)
{
	const char *p = s;

	while (p < end && *p == ' ')
		p++;
	l->depth = (uint32_t)(p - s) / 2;
	if (hex(&p, end, &l->r.first) || p == end || *p++ != '-' || hex(&p, end, &l->r.last) ||
	    end - p < 3 || memcmp(p, " : ", 3) != 0 || l->r.last < l->r.first)
		return "not \"START-END : NAME\"";
	p += 3;
	l->type = iomem_type(p, end - p);
	l->managed = starts(p, end, NAME_MANAGED) && end[-1] == ')';
	if (l->managed)
		l->type = E820_TYPE_RAM;
	l->crash = end - p == (long)strlen(NAME_CRASH) && !memcmp(p, NAME_CRASH, end - p);
	l->unknown = end - p == (long)strlen(NAME_UNKNOWN) && !memcmp(p, NAME_UNKNOWN, end - p);
	l->mcfg = starts(p, end, NAME_MCFG) || starts(p, end, NAME_ECAM);
	l->cxl = starts(p, end, NAME_CXL_WINDOW);
	if (!l->type && !l->crash && near_miss(p, end))
		return "a name the kernel spells otherwise (case, spaces or a control character): not a saved /proc/iomem";
	for (const char *c = p; c < end; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "a control character in the name";
	return NULL;
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

static int note(struct iomem_map *map, struct range r, uint32_t type, const char *what, const char *why)
{
	if (map->nnotes == IOMEM_MAX_NOTES)
		return -1;
	map->notes[map->nnotes++] = (struct iomem_note){ r, type, what, why };
	return 0;
}

static int overlaps_any(const struct range *s, uint32_t n, struct range r)
{
	for (uint32_t i = 0; i < n; i++)
		if (range_overlap(s[i], r))
			return 1;
	return 0;
}

uint32_t iomem_carried_type(const struct iomem_map *map, const struct iomem_line *l)
{
	if (l->type == E820_TYPE_SOFT_RESERVED)
		return ONLINABLE_CARRIED_AS;
	if ((l->type == E820_TYPE_PMEM || l->type == E820_TYPE_PRAM) &&
	    overlaps_any(map->managed, map->nmanaged, l->r))
		return ONLINABLE_CARRIED_AS;
	return l->type;
}

uint32_t iomem_uncovered(struct range r, const struct range *cover, uint32_t n, struct range *out, uint32_t cap)
{
	uint32_t k = 0;
	uint64_t at = r.first;

	for (uint32_t i = 0; i < n && at <= r.last; i++) {
		if (cover[i].last < at || cover[i].first > r.last)
			continue;
		if (cover[i].first > at && k < cap)
			out[k++] = (struct range){ at, cover[i].first - 1 };
		if (cover[i].last >= r.last)
			return k;
		at = cover[i].last + 1;
	}
	if (at <= r.last && k < cap)
		out[k++] = (struct range){ at, r.last };
	return k;
}

#define WHY_SOFT    "carried as reserved: the kdump kernel must not bring it online (dax_hmem, kmem)"
#define WHY_KMEM    "onlined as System RAM (kmem): carried as reserved, never onlined again by the kdump kernel"
#define WHY_ORPHAN  "in no e820 range of /proc/iomem: carried as reserved, never the kdump kernel's RAM"

/*
 * Driver-managed RAM (kmem, virtio-mem): dumped as RAM; it always sits inside its device's
 * range, never beside the kernel's own RAM or in a crash region. 0, or -1 with why.
 */
static int managed_ram(const struct iomem_line *lines, uint32_t n, struct iomem_map *map, char *why, size_t why_size)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct iomem_line *l = &lines[i];
		const char *bad = NULL;

		if (!l->managed || l->r.last >= STAGED_PHYS_LIMIT)
			continue;
		if (!l->depth)
			bad = "at the top level: driver-managed RAM lies inside its device's range";
		for (uint32_t k = 0; !bad && k < n; k++)
			if (k != i && range_overlap(lines[k].r, l->r) &&
			    (lines[k].crash || (!lines[k].depth && lines[k].type == E820_TYPE_RAM)))
				bad = lines[k].crash ? "overlaps a Crash kernel region" : "overlaps top-level System RAM";
		if (bad) {
			snprintf(why, why_size, "iomem: driver-managed System RAM 0x%llx-0x%llx %s",
				 (unsigned long long)l->r.first, (unsigned long long)l->r.last, bad);
			return -1;
		}
		if (map->nmanaged == IOMEM_MAX_RAM) {
			snprintf(why, why_size, "iomem: more than %u driver-managed System RAM ranges", (unsigned)IOMEM_MAX_RAM);
			return -1;
		}
		map->managed[map->nmanaged++] = l->r;
	}
	return 0;
}

static int all_zero(const struct iomem_line *lines, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (lines[i].r.last)
			return 0;
	return 1;
}

static int by_first(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Driver-managed RAM that no e820-named range holds: staged as reserved, on its own. */
static int orphans(struct iomem_map *map)
{
	static struct range named[STAGED_TABLE_MAX_RANGES];
	uint32_t nnamed = 0;

	if (!map->nmanaged)
		return 0;
	for (uint32_t i = 0; i < map->nstaged; i++)
		named[nnamed++] = (struct range){ map->staged[i].addr, map->staged[i].addr + map->staged[i].size - 1 };
	qsort(named, nnamed, sizeof(named[0]), by_first);       /* staged in file order */
	iomem_merge(named, &nnamed);
	for (uint32_t i = 0; i < map->nmanaged; i++) {
		struct range piece[IOMEM_MAX_NOTES];
		uint32_t np = iomem_uncovered(map->managed[i], named, nnamed, piece, IOMEM_MAX_NOTES);

		for (uint32_t k = 0; k < np; k++) {
			if (np == IOMEM_MAX_NOTES || map->nextra == IOMEM_MAX_NOTES ||
			    map->nstaged == STAGED_TABLE_MAX_RANGES ||
			    note(map, piece[k], ONLINABLE_CARRIED_AS, "driver-managed System RAM", WHY_ORPHAN))
				return -1;
			map->extra[map->nextra++] = (struct iomem_extra){ piece[k], ONLINABLE_CARRIED_AS };
			map->staged[map->nstaged++] = (struct staged_range){ piece[k].first, range_size(piece[k]),
									     ONLINABLE_CARRIED_AS, 0 };
		}
	}
	return 0;
}

int iomem_read(const char *text, size_t len, struct iomem_line *lines, uint32_t cap, uint32_t *n,
	       struct iomem_map *map, char *why, size_t why_size)
{
	const char *p = text, *end = text + len;
	uint32_t lineno = 0;

	*n = 0;
	memset(map, 0, sizeof(*map));
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *e = nl ? nl : end, *bad;
		struct iomem_line l;

		lineno++;
		if (e > p && e[-1] == '\r')   /* a copy saved with CRLF line ends: the same lines */
			e--;
		if (e > p && *p != '#') {      /* '#': a note in a saved copy, never in /proc/iomem */
			if ((bad = parse_line(p, e, &l))) {
				snprintf(why, why_size, "iomem line %u: %s", lineno, bad);
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
	if (*n && all_zero(lines, *n)) {
		snprintf(why, why_size, "iomem: every address is 0: /proc/iomem read without CAP_SYS_ADMIN hides them");
		return -1;
	}
	if (managed_ram(lines, *n, map, why, why_size))
		return -1;
	for (uint32_t i = 0; i < *n; i++)
		map->onlinable |= lines[i].cxl || lines[i].managed || lines[i].type == E820_TYPE_SOFT_RESERVED;
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
		else if (l->type && map->nstaged < STAGED_TABLE_MAX_RANGES) {
			uint32_t t = iomem_carried_type(map, l);

			map->staged[map->nstaged++] = (struct staged_range){ l->r.first, range_size(l->r), t, 0 };
			if (t != l->type && note(map, l->r, t, l->type == E820_TYPE_SOFT_RESERVED ? "Soft Reserved"
						 : "Persistent Memory", l->type == E820_TYPE_SOFT_RESERVED ? WHY_SOFT : WHY_KMEM)) {
				snprintf(why, why_size, "iomem: more than %u ranges carried as another type",
					 (unsigned)IOMEM_MAX_NOTES);
				return -1;
			}
		} else if (l->type)
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
	if (orphans(map)) {
		snprintf(why, why_size, "iomem: more than %u pieces of driver-managed RAM outside any e820 range",
			 (unsigned)IOMEM_MAX_NOTES);
		return -1;
	}
	if (!map->ncrash) {
		snprintf(why, why_size, "no crash kernel region in iomem: boot with crashkernel=256M (or more)");
		return IOMEM_NO_CRASH;
	}
	/* The kdump kernel's RAM: whole pages of the first kernel's RAM, or it would get non-RAM as usable */
	for (uint32_t i = 0; i < map->ncrash; i++) {
		struct range c = map->crash[i];
		int in_ram = 0;

		for (uint32_t k = 0; k < map->nram; k++)
			in_ram |= map->ram[k].first <= c.first && c.last <= map->ram[k].last;
		if ((c.first | (c.last + 1)) & (IOMEM_PAGE - 1) || !in_ram) {
			snprintf(why, why_size, "iomem: Crash kernel region 0x%llx-0x%llx %s", (unsigned long long)c.first,
				 (unsigned long long)c.last, !in_ram ? "does not lie in System RAM" : "is not whole pages");
			return -1;
		}
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

const struct iomem_note *iomem_note_on(const struct iomem_map *map, struct range e, uint32_t type)
{
	for (uint32_t i = 0; i < map->nnotes; i++)
		if (map->notes[i].type == type && range_overlap(map->notes[i].r, e))
			return &map->notes[i];
	return NULL;
}

#define UNKNOWN_WHY "(its number unknown), carried as unusable: Linux treats both alike"

const char *iomem_first_word(const struct iomem_map *map, struct range e, uint32_t type, const char **why)
{
	const struct iomem_note *n = iomem_note_on(map, e, type);

	if (n)
		return *why = n->why, n->what;
	if (type == UNKNOWN_CARRIED_AS && iomem_unknown_in(map, e))
		return *why = UNKNOWN_WHY, NAME_UNKNOWN;
	return *why = NULL, NULL;
}

void iomem_note_text(const struct iomem_map *map, struct range e, uint32_t type, int json, char *buf, size_t size)
{
	const char *why, *was = iomem_first_word(map, e, type, &why);

	if (!was)
		*buf = 0;
	else if (json)
		snprintf(buf, size, ", \"first_kernel\": \"%s\", \"carried\": \"%s\"", was, why);
	else
		snprintf(buf, size, ", first kernel: %s %s", was, why);
}

int iomem_assume_crash(struct iomem_map *map, uint64_t size)
{
	for (uint32_t i = map->nram; i-- > 0;) {
		struct range r = map->ram[i];
		uint64_t top = (r.last < ASSUMED_CRASH_BELOW ? r.last + 1 : ASSUMED_CRASH_BELOW) & ~(ASSUMED_CRASH_ALIGN - 1);

		if (r.first >= ASSUMED_CRASH_BELOW || top < size || top - size < r.first)
			continue;
		map->crash[0] = (struct range){ top - size, top - 1 };
		map->ncrash = 1;
		return 0;
	}
	return -1;
}
