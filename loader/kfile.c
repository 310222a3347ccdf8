// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfile.h"
#include "purgatory/e820.h"

#define LOW_1M         (1ull << 20)
#define ELF_EHDR_SIZE  64ull
#define ELF_PHDR_SIZE  56ull

/* Which /proc/iomem resources one of the kernel's walks takes. */
enum walk { WALK_RAM, WALK_ACPI, WALK_NVS, WALK_RESERVED };

static int takes(enum walk w, const struct iomem_line *l)
{
	switch (w) {
	case WALK_RAM: return l->type == E820_TYPE_RAM || l->crash;  /* IORESOURCE_SYSTEM_RAM */
	case WALK_ACPI: return l->type == E820_TYPE_ACPI;
	case WALK_NVS: return l->type == E820_TYPE_NVS;
	default: return l->type == E820_TYPE_RESERVED;
	}
}

static int push(struct kfile_range *a, uint32_t *n, uint32_t cap, struct kfile_range r)
{
	if (*n == cap)
		return -1;
	a[(*n)++] = r;
	return 0;
}

/*
 * walk_iomem_res_desc(): the resource tree depth first (the file's order), each match clipped
 * to [lo, hi], the next search starting past it, so resources nested in a match are skipped.
 */
static int walk(const struct iomem_line *lines, uint32_t n, enum walk w, uint64_t lo, uint64_t hi,
		uint32_t type, uint32_t rank, struct kfile_range *out, uint32_t *nout, uint32_t cap)
{
	uint64_t at = lo;

	for (uint32_t i = 0; i < n; i++) {
		const struct iomem_line *l = &lines[i];
		uint64_t s, e;

		if (l->r.first > hi)
			break;
		if (l->r.last < at || !takes(w, l))
			continue;
		s = l->r.first > at ? l->r.first : at;
		e = l->r.last < hi ? l->r.last : hi;
		if (push(out, nout, cap, (struct kfile_range){ { s, e }, type, rank }))
			return -1;
		if (e == hi)
			break;
		at = e + 1;
	}
	return 0;
}

/* crash_exclude_mem_range(): [s, e] taken out of every range, splitting one it falls inside. */
static int exclude(struct kfile_range *r, uint32_t *n, uint32_t cap, uint64_t s, uint64_t e)
{
	for (uint32_t i = 0; i < *n; i++) {
		struct kfile_range *x = &r[i];

		if (e < x->r.first || s > x->r.last)
			continue;
		if (s <= x->r.first && e >= x->r.last) {             /* covered: gone */
			memmove(x, x + 1, (*n - i - 1) * sizeof(*x));
			(*n)--;
			i--;
		} else if (s > x->r.first && e < x->r.last) {        /* inside: split */
			struct kfile_range tail = { { e + 1, x->r.last }, x->type, x->rank };

			x->r.last = s - 1;
			if (*n == cap)
				return -1;
			memmove(x + 2, x + 1, (*n - i - 1) * sizeof(*x));
			x[1] = tail;
			(*n)++;
			i++;
		} else if (s <= x->r.first) {
			x->r.first = e + 1;
		} else {
			x->r.last = s - 1;
		}
	}
	return 0;
}

/*
 * prepare_elf_headers(): one PT_LOAD per System RAM range left, a note per CPU, two more, the
 * whole rounded up to a page (crash_prepare_elf64_headers()). With CRASH_HOTPLUG
 * crash_load_segments() sizes it instead as sysfs tells (program headers only: the ELF header
 * comes on top), plus one header per RAM range where memory cannot be hotplugged, not rounded:
 * the kdump RAM then starts at that unaligned end (seen on 6.12: elfcorehdr=0x1c000000, RAM
 * from 0x1c0e00b0), while the segment itself takes whole pages.
 */
static int elf_headers_size(const struct iomem_line *lines, uint32_t n, const struct range *main_r,
			    const struct range *low_r, const struct kfile_kernel *k, struct kfile_e820 *p)
{
	static struct kfile_range ram[IOMEM_MAX_RAM + 2 + KFILE_CMA_MAX];
	const uint32_t cap = IOMEM_MAX_RAM + 2 + KFILE_CMA_MAX;
	uint32_t nram = 0;
	uint64_t size;

	if (walk(lines, n, WALK_RAM, 0, UINT64_MAX, E820_TYPE_RAM, 0, ram, &nram, IOMEM_MAX_RAM) ||
	    exclude(ram, &nram, cap, 0, LOW_1M - 1) || exclude(ram, &nram, cap, main_r->first, main_r->last) ||
	    (low_r && exclude(ram, &nram, cap, low_r->first, low_r->last)))
		return -1;
	for (uint32_t i = 0; i < k->ncma; i++)
		if (exclude(ram, &nram, cap, k->cma[i].first, k->cma[i].last))
			return -1;
	for (uint32_t i = 0; i < nram; i++)
		p->dump[i] = ram[i].r;
	p->ndump = nram;
	size = ELF_EHDR_SIZE + ((uint64_t)k->ncpus + 1 + nram + 1) * ELF_PHDR_SIZE;
	size = (size + KFILE_PAGE - 1) & ~(KFILE_PAGE - 1);
	p->elf_size_from = "computed for this machine's CPUs and RAM ranges";
	if (k->hotplug_phdr_bytes) {
		size = ELF_EHDR_SIZE + k->hotplug_phdr_bytes + (k->memory_hotplug ? 0 : nram * ELF_PHDR_SIZE);
		p->elf_size_from = "sized for hotplug, from /sys/kernel/crash_elfcorehdr_size";
	}
	if (k->unknown_version && size < ELF_EHDR_SIZE + KFILE_UNKNOWN_PHDRS * ELF_PHDR_SIZE) {
		size = ELF_EHDR_SIZE + KFILE_UNKNOWN_PHDRS * ELF_PHDR_SIZE;
		p->elf_size_from = "the larger hotplug size: a kernel version not modelled";
	}
	p->elf_size = size;
	return 0;
}

static int overlaps_mcfg(const struct iomem_line *lines, uint32_t n, const struct kfile_range *r)
{
	for (uint32_t i = 0; i < n; i++)
		if (lines[i].mcfg && range_overlap(lines[i].r, r->r))
			return 1;
	return 0;
}

/*
 * The first kernel's RAM that would open a PCI window of its own (oldram.h), joined across the
 * carried ranges between pieces: each a memmap=$ item, and past four the decompressor gives
 * up physical KASLR.
 */
static void old_ram(const struct iomem_map *map, struct kfile_e820 *p)
{
	static struct range kept[KFILE_MAX + IOMEM_MAX_RAM], kram[KFILE_MAX];
	struct range pieces[OLDRAM_MAX];
	uint32_t nkept = 0, nkram = 0, n;

	for (uint32_t i = 0; i < p->nbuilt; i++) {
		kept[nkept++] = p->built[i].r;
		if (p->built[i].type == E820_TYPE_RAM)
			kram[nkram++] = p->built[i].r;
	}
	for (uint32_t i = 0; i < p->nunpassed; i++)
		kept[nkept++] = p->unpassed[i].r;
	oldram_kept(kept, &nkept);
	n = oldram_fill(map->ram, map->nram, kept, nkept, pieces);
	n = oldram_bridge(pieces, n, map->ram, map->nram, kept, nkept, kram, nkram);
	for (uint32_t i = 0; i < n; i++)
		p->old_ram[p->nold_ram++] = (struct kfile_range){ pieces[i], E820_TYPE_RESERVED, RANK_OLD_RAM };
}

int kfile_predict(const struct iomem_line *lines, uint32_t n, const struct iomem_map *map,
		  const struct kfile_kernel *k, struct kfile_e820 *p, char *why, size_t why_size)
{
	static const struct { enum walk w; uint32_t type; uint32_t rank; } order[] = {
		{ WALK_ACPI, E820_TYPE_ACPI, RANK_ACPI }, { WALK_NVS, E820_TYPE_NVS, RANK_ACPI },
		{ WALK_RESERVED, E820_TYPE_RESERVED, RANK_OTHER },
	};
	const struct range *main_r, *low_r;
	struct kfile_range crash;
	uint32_t ncrash = 1;

	memset(p, 0, sizeof(*p));
	if (!map->ncrash || map->ncrash > 2 || !k->ncpus || k->ncma > KFILE_CMA_MAX) {
		snprintf(why, why_size, "kexec_file: %s", !k->ncpus ? "no possible CPUs given" :
			 k->ncma > KFILE_CMA_MAX ? "more CMA crash ranges than the kernel keeps" :
			 map->ncrash ? "more than two Crash kernel regions (the kernel keeps one and a low one)"
				     : "no crash kernel region in iomem: boot with crashkernel=256M (or more)");
		return -1;
	}
	for (uint32_t i = 0; i < k->ncma; i++)
		if (range_size(k->cma[i]) < KFILE_PAGE) {
			snprintf(why, why_size, "kexec_file: CMA crash range %u is smaller than a page", i);
			return -1;
		}
	main_r = &map->crash[map->ncrash - 1];          /* sorted: crashkernel=X,high's is the higher */
	low_r = map->ncrash == 2 ? &map->crash[0] : NULL;

	/* crash_setup_memmap_entries(), in its order */
	if (walk(lines, n, WALK_RAM, 0, LOW_1M - 1, E820_TYPE_RAM, RANK_KDUMP_RAM, p->built, &p->nbuilt, KFILE_MAX))
		goto full;
	for (size_t j = 0; j < sizeof(order) / sizeof(order[0]); j++)
		if (walk(lines, n, order[j].w, 0, UINT64_MAX, order[j].type, order[j].rank, p->built, &p->nbuilt,
			 KFILE_MAX))
			goto full;
	for (uint32_t i = 0; i < p->nbuilt; i++)
		if (p->built[i].type == E820_TYPE_RESERVED && overlaps_mcfg(lines, n, &p->built[i]))
			p->built[i].rank = RANK_MCFG;
	if (low_r && push(p->built, &p->nbuilt, KFILE_MAX,
			  (struct kfile_range){ *low_r, E820_TYPE_RAM, RANK_KDUMP_RAM }))
		goto full;

	/* crash_load_segments(): the core headers are the first buffer, placed bottom-up */
	if (elf_headers_size(lines, n, main_r, low_r, k, p))
		goto full;
	if (p->elf_size >= range_size(*main_r)) {
		snprintf(why, why_size, "kexec_file: the core headers (%llu KiB) fill the %llu KiB crash region: raise "
			 "crashkernel=", (unsigned long long)(p->elf_size >> 10), (unsigned long long)(range_size(*main_r) >> 10));
		return -1;
	}
	p->elf_addr = main_r->first;
	crash = (struct kfile_range){ *main_r, E820_TYPE_RAM, RANK_KDUMP_RAM };
	exclude(&crash, &ncrash, 1, p->elf_addr, p->elf_addr + p->elf_size - 1);
	if (ncrash && range_size(crash.r) >= KFILE_PAGE &&
	    push(p->built, &p->nbuilt, KFILE_MAX, crash))
		goto full;
	for (uint32_t i = 0; i < k->ncma; i++)
		if (push(p->built, &p->nbuilt, KFILE_MAX,
			 (struct kfile_range){ k->cma[i], E820_TYPE_RAM, RANK_KDUMP_RAM }))
			goto full;

	/* Never walked: persistent memory, soft reserved, unusable. The kdump kernel would take them
	 * for holes; what it could bring online goes as reserved (iomem.h). */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t t = lines[i].type;

		if (t && t != E820_TYPE_RAM && t != E820_TYPE_ACPI && t != E820_TYPE_NVS && t != E820_TYPE_RESERVED &&
		    push(p->unpassed, &p->nunpassed, IOMEM_MAX_RAM,
			 (struct kfile_range){ lines[i].r, iomem_carried_type(map, &lines[i]), RANK_OTHER }))
			goto full;
	}
	for (uint32_t i = 0; i < map->nextra; i++)   /* in no iomem line the kernel walks */
		if (push(p->unpassed, &p->nunpassed, IOMEM_MAX_RAM,
			 (struct kfile_range){ map->extra[i].r, map->extra[i].type, RANK_OTHER }))
			goto full;
	old_ram(map, p);
	return 0;
full:
	snprintf(why, why_size, "kexec_file: more ranges than this predictor holds (%u)", (unsigned)KFILE_MAX);
	return -1;
}

uint32_t kfile_version(const char *release)
{
	char *end;
	unsigned long major = strtoul(release, &end, 10), minor;

	if (end == release || *end != '.' || major > 255)
		return 0;
	release = end + 1;
	minor = strtoul(release, &end, 10);
	return end == release || minor > 255 ? 0 : (uint32_t)(major << 8 | minor);
}

int kfile_cma_parse(const char *text, struct kfile_kernel *k, char *why, size_t why_size)
{
	k->ncma = 0;
	while (*text) {
		char *end;
		unsigned long long s, e;

		if (!isxdigit((unsigned char)*text))   /* strtoull would take spaces, signs and 0x */
			goto bad;
		s = strtoull(text, &end, 16);
		if (*end != '-' || !isxdigit((unsigned char)end[1]))
			goto bad;
		text = end + 1;
		e = strtoull(text, &end, 16);
		if ( (*end && *end != '\n') || e < s || e == UINT64_MAX)
			goto bad;
		if (k->ncma == KFILE_CMA_MAX) {
			snprintf(why, why_size, "more than %u CMA crash ranges", (unsigned)KFILE_CMA_MAX);
			return -1;
		}
		k->cma[k->ncma++] = (struct range){ s, e };
		text = *end ? end + 1 : end;
	}
	return 0;
bad:
	snprintf(why, why_size, "a CMA crash range that is not START-END in hex: \"%.40s\"", text);
	return -1;
}

static int by_start(const void *a, const void *b)
{
	const struct kfile_range *x = a, *y = b;

	return x->r.first < y->r.first ? -1 : x->r.first > y->r.first;
}

/* Shortest memparse() spelling: G, M or K suffix where exact, else hex. */
static int number(uint64_t v, char *buf, size_t size)
{
	static const struct { int shift; char suffix; } units[] = { { 30, 'G' }, { 20, 'M' }, { 10, 'K' } };
	char best[24], alt[24];

	snprintf(best, sizeof(best), "0x%llx", (unsigned long long)v);
	for (size_t i = 0; v && i < sizeof(units) / sizeof(units[0]); i++) {
		if (v & ((1ull << units[i].shift) - 1))
			continue;
		snprintf(alt, sizeof(alt), "%llu%c", (unsigned long long)(v >> units[i].shift), units[i].suffix);
		if (strlen(alt) < strlen(best))
			memcpy(best, alt, sizeof(best));
	}
	return snprintf(buf, size, "%s", best);
}

int kfile_memmap_item(const struct kfile_range *r, char *buf, size_t size)
{
	char s[24], a[24];

	number(range_size(r->r), s, sizeof(s));
	number(r->r.first, a, sizeof(a));
	switch (r->type) {
	case E820_TYPE_RAM: return snprintf(buf, size, "%s@%s", s, a);
	case E820_TYPE_ACPI: return snprintf(buf, size, "%s#%s", s, a);
	case E820_TYPE_RESERVED: return snprintf(buf, size, "%s$%s", s, a);
	case E820_TYPE_PRAM: return snprintf(buf, size, "%s!%s", s, a);
	default: return snprintf(buf, size, "%s%%%s+%u", s, a, r->type);   /* parse_memmap_one: add as type */
	}
}

void kfile_memmap_cost(const struct kfile_memmap *m, struct kfile_memmap_cost *c)
{
	char item[64];

	memset(c, 0, sizeof(*c));
	for (uint32_t i = 0; i < m->ncarried; i++) {
		kfile_memmap_item(&m->carried[i], item, sizeof(item));
		c->percent += strchr(item, '%') != NULL;
		c->regions += strpbrk(item, "$#!") != NULL;
	}
	c->kaslr_off = c->percent || c->regions > KFILE_KASLR_REGIONS;
}

/* Sorted, and neighbours of one type joined (one memmap= item each), but for the types the
 * kernel keeps apart (e820_nomerge: two pmem devices stay two), joined only where they overlap. */
static uint32_t merge(struct kfile_range *r, uint32_t n)
{
	uint32_t out = 0;

	qsort(r, n, sizeof(*r), by_start);
	for (uint32_t i = 0; i < n; i++) {
		struct kfile_range *last = out ? &r[out - 1] : NULL;
		uint64_t reach = last && last->r.last != UINT64_MAX && !e820_nomerge(last->type) ? last->r.last + 1
			       : last ? last->r.last : 0;

		/* the first kernel's RAM stays apart: its items are the last to get room, and named apart */
		if (last && last->type == r[i].type && reach >= r[i].r.first &&
		    (last->rank == RANK_OLD_RAM) == (r[i].rank == RANK_OLD_RAM)) {
			if (r[i].r.last > last->r.last)
				last->r.last = r[i].r.last;
			if (r[i].rank < last->rank)
				last->rank = r[i].rank;
		} else {
			r[out++] = r[i];
		}
	}
	return out;
}

void kfile_memmap(const struct kfile_e820 *p, size_t room, struct kfile_memmap *m)
{
	static struct kfile_range want[KFILE_MAX + IOMEM_MAX_RAM];
	static uint8_t chosen[KFILE_MAX + IOMEM_MAX_RAM];
	uint32_t nwant = 0;
	size_t used = 0;
	char item[64];

	memset(m, 0, sizeof(*m));
	for (uint32_t i = KFILE_ZEROPAGE_MAX; i < p->nbuilt; i++) {
		struct kfile_range r = p->built[i];

		if (r.type == E820_TYPE_RAM && r.r.first == p->elf_addr + p->elf_size) {
			/* the main region's RAM: kept clear of the core headers by more than their size */
			r.r.first = (r.r.first + KFILE_RAM_ALIGN - 1) & ~(KFILE_RAM_ALIGN - 1);
			if (r.r.first > r.r.last)
				continue;
		}
		want[nwant++] = r;
	}
	for (uint32_t i = 0; i < p->nunpassed; i++)
		want[nwant++] = p->unpassed[i];
	for (uint32_t i = 0; i < p->nold_ram; i++)
		want[nwant++] = p->old_ram[i];
	nwant = merge(want, nwant);
	memset(chosen, 0, nwant);
	for (uint32_t rank = 0; rank < RANK_COUNT; rank++)
		for (uint32_t i = 0; i < nwant; i++) {
			size_t len;

			if (want[i].rank != rank)
				continue;
			len = (size_t)kfile_memmap_item(&want[i], item, sizeof(item)) + (used ? 1 : strlen(" memmap="));
			if (used + len <= room && used + len < sizeof(m->text)) {
				used += len;
				chosen[i] = 1;
			}
		}
	/* a reserved range inside a carried item of the first kernel's RAM arrives with it: no item */
	for (uint32_t i = 0; i < nwant; i++)
		for (uint32_t j = 0; chosen[i] != 2 && want[i].type == E820_TYPE_RESERVED && want[i].rank != RANK_OLD_RAM &&
		     j < nwant; j++)
			if (chosen[j] && want[j].rank == RANK_OLD_RAM && want[j].r.first <= want[i].r.first &&
			    want[j].r.last >= want[i].r.last)
				chosen[i] = 2;
	used = 0;
	for (uint32_t i = 0; i < nwant; i++) {
		if (chosen[i] == 2)
			continue;
		if (!chosen[i]) {
			m->lost[m->nlost++] = want[i];
			continue;
		}
		kfile_memmap_item(&want[i], item, sizeof(item));
		used += (size_t)snprintf(m->text + used, sizeof(m->text) - used, "%s%s", m->ncarried ? "," : " memmap=", item);
		m->carried[m->ncarried++] = want[i];
	}
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* e820__update_table(): the highest type wins where entries overlap; equal neighbours join. */
uint32_t kfile_final_e820(const struct kfile_e820 *p, const struct kfile_memmap *m,
			  struct kfile_range *out, uint32_t cap)
{
	static uint64_t edge[2 * (KFILE_ZEROPAGE_MAX + KFILE_MAX + IOMEM_MAX_RAM)];
	static struct kfile_range in[KFILE_ZEROPAGE_MAX + KFILE_MAX + IOMEM_MAX_RAM];
	uint32_t nin = 0, nedge = 0, nout = 0;

	for (uint32_t i = 0; i < p->nbuilt && i < KFILE_ZEROPAGE_MAX; i++)
		in[nin++] = p->built[i];
	for (uint32_t i = 0; i < m->ncarried; i++)
		in[nin++] = m->carried[i];
	for (uint32_t i = 0; i < nin; i++) {       /* iomem ends below 2^52: last + 1 cannot wrap */
		edge[nedge++] = in[i].r.first;
		edge[nedge++] = in[i].r.last + 1;
	}
	qsort(edge, nedge, sizeof(edge[0]), by_value);
	for (uint32_t k = 0; k + 1 < nedge; k++) {
		uint32_t type = 0;

		if (edge[k] == edge[k + 1])
			continue;
		for (uint32_t i = 0; i < nin; i++)
			if (in[i].r.first <= edge[k] && in[i].r.last >= edge[k + 1] - 1 && in[i].type > type)
				type = in[i].type;
		if (!type)
			continue;
		if (nout && out[nout - 1].type == type && out[nout - 1].r.last + 1 == edge[k] && !e820_nomerge(type))
			out[nout - 1].r.last = edge[k + 1] - 1;
		else if (nout < cap)
			out[nout++] = (struct kfile_range){ { edge[k], edge[k + 1] - 1 }, type, 0 };
	}
	return nout;
}
