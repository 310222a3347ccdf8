// SPDX-License-Identifier: GPL-2.0
/*
 * loader/kfile.c: the kexec_file path. The prediction against the e820 a real kexec_file
 * load gave a kdump kernel (tests/fixtures, recorded in QEMU), the memmap= items read back
 * by a parser written after the kernel's parse_memmap_one(), and the choice under a full line.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "loader/e820words.h"
#include "loader/kfile.h"

#define LINES 20000
static struct iomem_line lines[LINES];
static uint32_t nlines;
static struct iomem_map map;
static struct kfile_e820 pred;
static struct kfile_memmap mm;
static struct kfile_range final[KFILE_ZEROPAGE_MAX + KFILE_MAX + IOMEM_MAX_RAM];
static char why[256];

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *t = calloc(1, 1 << 20);

	if (!f || !t || !fread(t, 1, (1 << 20) - 1, f)) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	return t;
}

/* The kernel as 6.1 is: no CRASH_HOTPLUG, no CMA ranges; tests change it. */
static struct kfile_kernel kern;

static int predict_text(const char *t, uint32_t ncpus)
{
	if (iomem_read(t, strlen(t), lines, LINES, &nlines, &map, why, sizeof(why)))
		return -1;
	kern.ncpus = ncpus;
	return kfile_predict(lines, nlines, &map, &kern, &pred, why, sizeof(why));
}

static int predict_file(const char *path, uint32_t ncpus)
{
	char *t = slurp(path);
	int rc = predict_text(t, ncpus);

	free(t);
	return rc;
}

/* memparse(): a number (0x for hex), then an optional K, M or G. */
static uint64_t memparse(const char **p)
{
	char *end;
	uint64_t v = strtoull(*p, &end, 0);

	switch (*end) {
	case 'G': v <<= 10; /* fall through */
	case 'M': v <<= 10; /* fall through */
	case 'K': v <<= 10; end++; break;
	default: break;
	}
	*p = end;
	return v;
}

/* parse_memmap_one(), for the spellings kfile writes: SIZE@START, #, $, !, %START+TYPE. */
static int parse_item(const char *s, struct kfile_range *r)
{
	const char *p = s;
	uint64_t size = memparse(&p), start;
	char op = *p++;

	start = memparse(&p);
	r->r.first = start;
	r->r.last = start + size - 1;
	switch (op) {
	case '@': r->type = E820_TYPE_RAM; break;
	case '#': r->type = E820_TYPE_ACPI; break;
	case '$': r->type = E820_TYPE_RESERVED; break;
	case '!': r->type = E820_TYPE_PRAM; break;
	case '%':
		if (*p != '+')
			return -1;
		r->type = (uint32_t)strtoul(p + 1, (char **)&p, 0);
		break;
	default: return -1;
	}
	return *p == 0 && size ? 0 : -1;
}

/* Each item of the " memmap=a,b,c" text read back equals carried[i], in order. */
static void text_reads_back(const struct kfile_memmap *m)
{
	char buf[sizeof(m->text)], *item, *save = NULL;
	uint32_t i = 0;

	if (!m->ncarried) {
		CHECK_EQ(m->text[0], 0);
		return;
	}
	CHECK(!strncmp(m->text, " memmap=", 8));
	strcpy(buf, m->text + 8);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save), i++) {
		struct kfile_range r;

		CHECK_EQ(parse_item(item, &r), 0);
		CHECK(i < m->ncarried && r.r.first == m->carried[i].r.first && r.r.last == m->carried[i].r.last &&
		      r.type == m->carried[i].type);
	}
	CHECK_EQ(i, m->ncarried);
}

static int covered(const struct kfile_range *e, uint32_t n, uint64_t s, uint64_t l, uint32_t type)
{
	for (uint32_t i = 0; i < n; i++)
		if (e[i].r.first <= s && e[i].r.last >= l && e[i].type == type)
			return 1;
	return 0;
}

/* The predicted zero page, sanitized as a kdump kernel prints it, equals the recorded e820 file. */
static void zero_page_equals(const char *recorded)
{
	char *want = slurp(recorded), *line, *save = NULL, got[96], word[32];
	struct kfile_memmap none = { 0 };
	uint32_t n, i = 0;

	n = kfile_final_e820(&pred, &none, final, sizeof(final) / sizeof(final[0]));
	for (line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		CHECK(i < n);
		if (i >= n)
			break;
		snprintf(got, sizeof(got), "0x%016llx 0x%016llx %s", (unsigned long long)final[i].r.first,
			 (unsigned long long)final[i].r.last, e820_type_word(final[i].type, word, sizeof(word)));
		if (strcmp(got, line))
			fprintf(stderr, "entry %u: predicted '%s', kdump kernel had '%s'\n", i, got, line);
		CHECK(!strcmp(got, line));
		i++;
	}
	CHECK_EQ(i, n);
	free(want);
}

/* Real kexec -s -p loads in QEMU: the 160-range q35 machine (past 128: the last 11 cut), and
 * crashkernel=256M,high (the low region, then the main one past its 4 KiB of core headers). */
static void zero_page_is_what_kexec_file_gave(void)
{
	CHECK_EQ(predict_file("tests/fixtures/ovmf-q35-1g-160.iomem", 2), 0);
	CHECK_EQ(pred.nbuilt, 139);
	zero_page_equals("tests/fixtures/kexec-s-160.kdump.e820");
	CHECK_EQ(predict_file("tests/fixtures/ovmf-q35-6g-high-kexec-s.iomem", 2), 0);
	CHECK(pred.elf_addr == 0x1e6000000ull && pred.elf_size == 4096);
	zero_page_equals("tests/fixtures/kexec-s-high.kdump.e820");
}

/* The running kernel as a recorded guest's /sys/kernel said (fixture NAME.sysfs). */
static void kernel_from_sysfs(const char *path, uint32_t ncpus)
{
	char *t = slurp(path), *line, *save = NULL, cma[512] = "";

	kern = (struct kfile_kernel){ .ncpus = ncpus, .memory_hotplug = 1 };   /* Debian: MEMORY_HOTPLUG=y */
	for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "crash_elfcorehdr_size: ", 23))
			kern.hotplug_phdr_bytes = strtoull(line + 23, NULL, 10);
		else if (!strncmp(line, "kexec_crash_cma_ranges: ", 24))
			snprintf(cma, sizeof(cma), "%s", line + 24);
	}
	for (char *c = cma; *c; c++)            /* the recording joined its lines with spaces */
		if (*c == ' ')
			*c = c[1] ? '\n' : 0;
	CHECK_EQ(kfile_cma_parse(cma, &kern, why, sizeof(why)), 0);
	free(t);
}

/* Real kexec -s -p loads (kexec-tools 2.0.25) on Debian's 6.12 and 7.2 in QEMU: CRASH_HOTPLUG's
 * core headers, 160 ranges cut at 128, crashkernel=,high, and 7.2's crashkernel=,cma. */
static void zero_page_on_612_and_72(void)
{
	static const struct { const char *dir; } k[] = { { "tests/fixtures/linux-6.12" }, { "tests/fixtures/linux-7.2" } };
	static const char *const machines[] = { "q35-1g", "q35-1g-160", "q35-6g-high" };
	char a[128], b[128];

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		for (size_t j = 0; j < sizeof(machines) / sizeof(machines[0]); j++) {
			snprintf(a, sizeof(a), "%s/%s.sysfs", k[i].dir, machines[j]);
			kernel_from_sysfs(a, 2);
			CHECK_EQ(kern.hotplug_phdr_bytes, 917616);
			snprintf(a, sizeof(a), "%s/%s.iomem", k[i].dir, machines[j]);
			CHECK_EQ(predict_file(a, 2), 0);
			CHECK_EQ(pred.elf_size, 917680);
			snprintf(b, sizeof(b), "%s/%s.kdump.e820", k[i].dir, machines[j]);
			zero_page_equals(b);
		}
	CHECK_EQ(predict_file("tests/fixtures/linux-7.2/q35-1g-160.iomem", 2), 0);
	CHECK(pred.nbuilt > KFILE_ZEROPAGE_MAX);
	kernel_from_sysfs("tests/fixtures/linux-7.2/q35-2g-cma.sysfs", 2);
	CHECK(kern.ncma == 1 && kern.cma[0].first == 0x60000000 && kern.cma[0].last == 0x67ffffff);
	CHECK_EQ(predict_file("tests/fixtures/linux-7.2/q35-2g-cma.iomem", 2), 0);
	zero_page_equals("tests/fixtures/linux-7.2/q35-2g-cma.kdump.e820");
	kern = (struct kfile_kernel){ 0 };
}

/* With the memmap= options every first-kernel range is in the final e820, the kdump RAM too. */
static void memmap_delivers_every_range(void)
{
	uint32_t n;

	CHECK_EQ(predict_file("tests/fixtures/ovmf-q35-1g-160.iomem", 2), 0);
	CHECK(pred.elf_addr == 0x2a000000 && pred.elf_size == 8192);   /* elfcorehdr=0x2a000000 measured */
	kfile_memmap(&pred, 2016 - 60, &mm);
	CHECK_EQ(mm.nlost, 0);
	CHECK(strstr(mm.text, "255M@673M") != NULL);    /* the crash region from 1 MiB in, clear of the headers */
	CHECK(strstr(mm.text, "256M$2816M") != NULL);   /* the MMCONFIG window */
	text_reads_back(&mm);
	n = kfile_final_e820(&pred, &mm, final, sizeof(final) / sizeof(final[0]));
	for (uint32_t i = 0; i < map.nstaged; i++) {
		const struct staged_range *r = &map.staged[i];

		CHECK(covered(final, n, r->addr, r->addr + r->size - 1, r->type));
	}
	CHECK(covered(final, n, 0x2a100000, 0x39ffffff, E820_TYPE_RAM));
	for (uint32_t i = 0; i < n; i++)        /* the core headers are never RAM */
		CHECK(!(final[i].type == E820_TYPE_RAM && final[i].r.first < pred.elf_addr + pred.elf_size &&
			final[i].r.last >= pred.elf_addr));
}

/* A short line: the kdump RAM first, then the MCFG window, then ACPI/NVS, then the rest; lost ones named. */
static void full_line_keeps_what_matters(void)
{
	size_t room = strlen(" memmap=255M@673M,256M$2816M");

	CHECK_EQ(predict_file("tests/fixtures/ovmf-q35-1g-160.iomem", 2), 0);
	kfile_memmap(&pred, room, &mm);
	CHECK_EQ(mm.ncarried, 2);
	CHECK(!strcmp(mm.text, " memmap=255M@673M,256M$2816M"));
	CHECK_EQ(mm.nlost, 11);         /* 9 reserved ranges, 2 pieces of the first kernel's RAM */
	for (uint32_t i = 0; i < mm.nlost; i++)
		CHECK(mm.lost[i].type == E820_TYPE_RESERVED && mm.lost[i].r.first != 0xb0000000);
	CHECK(mm.lost[0].rank == RANK_OLD_RAM && mm.lost[0].r.first == 0x100000 && mm.lost[0].r.last == 0x2a001fff);
	kfile_memmap(&pred, 0, &mm);
	CHECK(mm.ncarried == 0 && mm.nlost == 13 && mm.text[0] == 0);
	for (size_t r = 0; r < 400; r += 7) {   /* never longer than the room */
		kfile_memmap(&pred, r, &mm);
		CHECK(strlen(mm.text) <= r);
		/* a reserved range inside a carried piece of the old RAM is neither item nor lost: with
		 * room for all, 6 items carry everything */
		CHECK(mm.ncarried + mm.nlost <= 13 && mm.ncarried + mm.nlost >= 6);
		text_reads_back(&mm);
	}
}

/* Few ranges: nothing is cut; only the first kernel's RAM below and above the crash region is
 * added, as reserved (oldram.h), joined across the small ACPI NVS pieces: no KASLR cost. */
static void small_map_needs_only_old_ram(void)
{
	struct kfile_memmap_cost cost;

	CHECK_EQ(predict_file("tests/fixtures/ovmf-q35-1g-crashkernel.iomem", 2), 0);
	CHECK(pred.nbuilt < KFILE_ZEROPAGE_MAX);
	kfile_memmap(&pred, 2000, &mm);
	CHECK(!strcmp(mm.text, " memmap=474116K$1M,310192K$720M"));
	CHECK(mm.ncarried == 2 && mm.nlost == 0);
	kfile_memmap_cost(&mm, &cost);
	CHECK(cost.percent == 0 && cost.regions == 2 && !cost.kaslr_off);
}

/* crashkernel=X,high: the low region is RAM before the main one; headers at the main region's bottom. */
static void high_and_low_regions(void)
{
	CHECK_EQ(predict_file("tests/fixtures/ovmf-q35-6g-crashkernel-high.iomem", 2), 0);
	CHECK_EQ(map.ncrash, 2);
	CHECK_EQ(pred.elf_addr, map.crash[1].first);
	CHECK(pred.built[pred.nbuilt - 2].type == E820_TYPE_RAM && pred.built[pred.nbuilt - 2].r.first == map.crash[0].first &&
	      pred.built[pred.nbuilt - 2].r.last == map.crash[0].last);
	CHECK(pred.built[pred.nbuilt - 1].r.first == map.crash[1].first + pred.elf_size &&
	      pred.built[pred.nbuilt - 1].r.last == map.crash[1].last);
}

/* Persistent memory, unusable and soft reserved are never in the kernel's list: they travel on
 * the command line. */
static void persistent_memory_travels(void)
{
	CHECK_EQ(predict_text("00001000-0009ffff : System RAM\n"
			      "00100000-3fffffff : System RAM\n"
			      "  2a000000-39ffffff : Crash kernel\n"
			      "40000000-43ffffff : Persistent Memory (legacy)\n"
			      "44000000-44000fff : Persistent Memory\n"
			      "45000000-45000fff : Unusable memory\n"
			      "46000000-46000fff : Soft Reserved\n"
			      "b0000000-bfffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
			      "  b0000000-bfffffff : Reserved\n", 1), 0);
	CHECK_EQ(pred.nbuilt, 3);        /* low RAM, MMCONFIG, crash RAM */
	CHECK_EQ(pred.built[1].rank, RANK_MCFG);
	CHECK_EQ(pred.nunpassed, 4);
	kfile_memmap(&pred, 2000, &mm);
	/* soft reserved goes as reserved: a kdump kernel with dax_hmem and kmem would online it */
	CHECK(!strcmp(mm.text, " memmap=687108K$1M,96M$928M,64M!1G,4K%1088M+7,4K%1104M+5,4K$1120M"));
	text_reads_back(&mm);
}

/* Two pmem devices that touch stay two (e820_nomerge); soft reserved ranges travel as reserved,
 * so two touching ones become one item. "Unknown E820 type" travels as unusable, and is listed. */
static void nomerge_and_unknown(void)
{
	struct kfile_memmap_cost cost;

	CHECK_EQ(predict_text("00001000-0009ffff : System RAM\n"
			      "00100000-3fffffff : System RAM\n"
			      "  2a000000-39ffffff : Crash kernel\n"
			      "40000000-41ffffff : Persistent Memory (legacy)\n"
			      "42000000-43ffffff : Persistent Memory (legacy)\n"
			      "44000000-44000fff : Soft Reserved\n"
			      "44001000-44001fff : Soft Reserved\n"
			      "45000000-4500ffff : Unknown E820 type\n", 1), 0);
	CHECK_EQ(map.nunknown, 1);
	CHECK(map.unknown[0].first == 0x45000000 && map.unknown[0].last == 0x4500ffff);
	CHECK(iomem_unknown_in(&map, (struct range){ 0x45000000, 0x45000fff }) != NULL);
	CHECK(iomem_unknown_in(&map, (struct range){ 0x44000000, 0x44000fff }) == NULL);
	CHECK_EQ(pred.nunpassed, 5);
	kfile_memmap(&pred, 2000, &mm);
	CHECK(!strcmp(mm.text, " memmap=687108K$1M,96M$928M,32M!1G,32M!1056M,8K$1088M,64K%1104M+5"));
	text_reads_back(&mm);
	kfile_memmap_cost(&mm, &cost);
	CHECK(cost.percent == 1 && cost.regions == 5 && cost.kaslr_off);
	CHECK(map.nnotes == 2 && map.notes[0].type == E820_TYPE_RESERVED && !strcmp(map.notes[0].what, "Soft Reserved"));
	/* the kdump kernel's map: low and crash RAM, the old RAM twice, two pmem, the soft reserved
	 * as one reserved entry, one unusable */
	CHECK_EQ(kfile_final_e820(&pred, &mm, final, sizeof(final) / sizeof(final[0])), 8);
	CHECK(final[4].type == E820_TYPE_PRAM && final[4].r.last == 0x41ffffff && final[5].type == E820_TYPE_PRAM);
}

/* Only "$", "#" and "!" regions count toward the decompressor's four; "@" costs nothing. */
static void memmap_cost_counts(void)
{
	struct kfile_memmap m = { .ncarried = 5 };
	struct kfile_memmap_cost cost;
	const uint32_t types[] = { E820_TYPE_RAM, E820_TYPE_RESERVED, E820_TYPE_ACPI, E820_TYPE_PRAM, E820_TYPE_RESERVED };

	for (uint32_t i = 0; i < m.ncarried; i++)
		m.carried[i] = (struct kfile_range){ { 0x100000ull * (i + 1), 0x100000ull * (i + 1) + 0xfff }, types[i], 0 };
	kfile_memmap_cost(&m, &cost);
	CHECK(cost.percent == 0 && cost.regions == 4 && !cost.kaslr_off);
	m.carried[0].type = E820_TYPE_NVS;              /* a %-item: mem= to the decompressor */
	kfile_memmap_cost(&m, &cost);
	CHECK(cost.percent == 1 && cost.regions == 4 && cost.kaslr_off);
	m.carried[0].type = E820_TYPE_RESERVED;         /* a fifth region */
	kfile_memmap_cost(&m, &cost);
	CHECK(cost.percent == 0 && cost.regions == 5 && cost.kaslr_off);
}

static void refusals(void)
{
	CHECK_EQ(predict_text("00001000-0009ffff : System RAM\n"
			      "00100000-3fffffff : System RAM\n"
			      "  2a000000-2bffffff : Crash kernel\n"
			      "  2c000000-2dffffff : Crash kernel\n"
			      "  2e000000-2fffffff : Crash kernel\n", 1), -1);
	CHECK(strstr(why, "more than two Crash kernel regions") != NULL);
	CHECK_EQ(predict_text("00100000-3fffffff : System RAM\n  2a000000-2bffffff : Crash kernel\n", 0), -1);
	CHECK(strstr(why, "no possible CPUs") != NULL);
}

static void items_spell_shortest(void)
{
	char b[64];

	kfile_memmap_item(&(struct kfile_range){ { 0x2a100000, 0x39ffffff }, E820_TYPE_RAM, 0 }, b, sizeof(b));
	CHECK(!strcmp(b, "255M@673M"));
	kfile_memmap_item(&(struct kfile_range){ { 0x3f76c000, 0x3f77dfff }, E820_TYPE_ACPI, 0 }, b, sizeof(b));
	CHECK(!strcmp(b, "72K#1039792K"));
	kfile_memmap_item(&(struct kfile_range){ { 0x100000000ull, 0x13fffffffull }, E820_TYPE_NVS, 0 }, b, sizeof(b));
	CHECK(!strcmp(b, "1G%4G+4"));
	kfile_memmap_item(&(struct kfile_range){ { 0x1234, 0x1234 }, E820_TYPE_RESERVED, 0 }, b, sizeof(b));
	CHECK(!strcmp(b, "0x1$0x1234"));
}

/* The kernel's release string, as /proc/sys/kernel/osrelease has it. */
static void versions_read(void)
{
	CHECK_EQ(kfile_version("6.1.0-57-amd64\n"), 0x0601);
	CHECK_EQ(kfile_version("6.12.117+deb13-amd64"), 0x060c);
	CHECK_EQ(kfile_version("7.2.13+deb14-amd64"), 0x0702);
	CHECK_EQ(kfile_version("6.18.44-fc-v782"), 0x0612);
	CHECK_EQ(kfile_version(""), 0);
	CHECK_EQ(kfile_version("six"), 0);
	CHECK_EQ(kfile_version("6"), 0);
	CHECK_EQ(kfile_version("6."), 0);
	CHECK_EQ(kfile_version("300.1"), 0);
}

/* /sys/kernel/kexec_crash_cma_ranges: "%08llx-%08llx\n" lines (kexec_core.c), inclusive. */
static void cma_ranges_read(void)
{
	struct kfile_kernel k = { 0 };

	CHECK_EQ(kfile_cma_parse("", &k, why, sizeof(why)), 0);
	CHECK_EQ(k.ncma, 0);
	CHECK_EQ(kfile_cma_parse("38000000-3fffffff\n100000000-107ffffff\n", &k, why, sizeof(why)), 0);
	CHECK(k.ncma == 2 && k.cma[0].first == 0x38000000 && k.cma[0].last == 0x3fffffff &&
	      k.cma[1].first == 0x100000000ull && k.cma[1].last == 0x107ffffffull);
	CHECK_EQ(kfile_cma_parse("38000000-3fffffff", &k, why, sizeof(why)), 0);   /* no last newline */
	CHECK_EQ(k.ncma, 1);
	CHECK_EQ(kfile_cma_parse(" 38000000-3fffffff\n", &k, why, sizeof(why)), -1);
	CHECK(strstr(why, "not START-END") != NULL);
	CHECK_EQ(kfile_cma_parse("3fffffff-38000000\n", &k, why, sizeof(why)), -1);
	CHECK_EQ(kfile_cma_parse("38000000-+3fffffff\n", &k, why, sizeof(why)), -1);
	CHECK_EQ(kfile_cma_parse("38000000\n", &k, why, sizeof(why)), -1);
	CHECK_EQ(kfile_cma_parse("1-2\n3-4\n5-6\n7-8\n9-a\n", &k, why, sizeof(why)), -1);
	CHECK(strstr(why, "more than 4") != NULL);
}

/* CRASH_HOTPLUG: the segment is 64 + what sysfs says (program headers), in pages; without
 * MEMORY_HOTPLUG one more header per RAM range; a kernel not modelled: at least Debian's size. */
static void hotplug_sized_headers(void)
{
	const char *box = "00001000-0009ffff : System RAM\n"
			  "00100000-3fffffff : System RAM\n"
			  "  1c000000-2bffffff : Crash kernel\n";

	kern = (struct kfile_kernel){ .hotplug_phdr_bytes = 917616, .memory_hotplug = 1 };
	CHECK_EQ(predict_text(box, 2), 0);
	CHECK_EQ(pred.elf_size, 917680);           /* 64 + 16386 * 56 (Debian 6.12, 7.2), not rounded */
	CHECK(strstr(pred.elf_size_from, "crash_elfcorehdr_size") != NULL);
	CHECK(pred.built[pred.nbuilt - 1].r.first == 0x1c0e00b0 && pred.built[pred.nbuilt - 1].r.last == 0x2bffffff);
	kern = (struct kfile_kernel){ .hotplug_phdr_bytes = 4096 - 64 - 2 * 56, .memory_hotplug = 0 };
	CHECK_EQ(predict_text(box, 2), 0);
	CHECK_EQ(pred.elf_size, 4096);             /* two RAM ranges left: a header each */
	kern = (struct kfile_kernel){ .hotplug_phdr_bytes = 4096 - 64 - 2 * 56 + 1, .memory_hotplug = 0 };
	CHECK_EQ(predict_text(box, 2), 0);
	CHECK_EQ(pred.elf_size, 4097);
	kern = (struct kfile_kernel){ .unknown_version = 1 };
	CHECK_EQ(predict_text(box, 2), 0);
	CHECK_EQ(pred.elf_size, 917680);
	CHECK(strstr(pred.elf_size_from, "not modelled") != NULL);
	kern = (struct kfile_kernel){ 0 };
	CHECK_EQ(predict_text(box, 2), 0);
	CHECK_EQ(pred.elf_size, 4096);
	CHECK(strstr(pred.elf_size_from, "computed") != NULL);
}

/* 7.x crashkernel=...,cma: its ranges are RAM, last, and no PT_LOAD covers them. */
static void cma_ranges_last(void)
{
	const char *box = "00001000-0009ffff : System RAM\n"
			  "00100000-7fffffff : System RAM\n"
			  "  1c000000-2bffffff : Crash kernel\n";

	kern = (struct kfile_kernel){ .ncma = 1, .cma = { { 0x70000000, 0x77ffffff } } };
	CHECK_EQ(predict_text(box, 1), 0);
	CHECK(pred.built[pred.nbuilt - 1].r.first == 0x70000000 && pred.built[pred.nbuilt - 1].r.last == 0x77ffffff &&
	      pred.built[pred.nbuilt - 1].type == E820_TYPE_RAM && pred.built[pred.nbuilt - 1].rank == RANK_KDUMP_RAM);
	/* PT_LOADs: [1M, crash) [crash end, cma) [cma end, 2G): 3, a note, vmcoreinfo, kernel text */
	CHECK_EQ(pred.elf_size, 4096);
	kern = (struct kfile_kernel){ .ncma = 1, .cma = { { 0x70000000, 0x70000fff - 1 } } };
	CHECK_EQ(predict_text(box, 1), -1);
	CHECK(strstr(why, "CMA crash range 0") != NULL);
	kern = (struct kfile_kernel){ 0 };
}

/* 6.12 and later name the MCFG window "PCI ECAM": it keeps its rank. */
static void ecam_is_the_mcfg_window(void)
{
	CHECK_EQ(predict_text("00001000-0009ffff : System RAM\n"
			      "00100000-3fffffff : System RAM\n"
			      "  2a000000-39ffffff : Crash kernel\n"
			      "b0000000-bfffffff : PCI ECAM 0000 [bus 00-ff]\n"
			      "  b0000000-bfffffff : Reserved\n", 1), 0);
	CHECK_EQ(pred.nbuilt, 3);
	CHECK_EQ(pred.built[1].rank, RANK_MCFG);
	CHECK_EQ(predict_text("00001000-0009ffff : System RAM\n"
			      "00100000-3fffffff : System RAM\n"
			      "  2a000000-39ffffff : Crash kernel\n"
			      "b0000000-bfffffff : PCI ECAMX\n"     /* not the name */
			      "  b0000000-bfffffff : Reserved\n", 1), 0);
	CHECK_EQ(pred.built[1].rank, RANK_OTHER);
}

/* Both vocabularies read back to one type; 6.x's words are what we print. */
static void kernel_words(void)
{
	char b[32];

	CHECK_EQ(e820_word_type("usable"), E820_TYPE_RAM);
	CHECK_EQ(e820_word_type("System RAM"), E820_TYPE_RAM);
	CHECK_EQ(e820_word_type("reserved"), E820_TYPE_RESERVED);
	CHECK_EQ(e820_word_type("device reserved"), E820_TYPE_RESERVED);
	CHECK_EQ(e820_word_type("persistent (type 12)"), E820_TYPE_PRAM);
	CHECK_EQ(e820_word_type("persistent RAM (type 12)"), E820_TYPE_PRAM);
	CHECK_EQ(e820_word_type("persistent RAM (type 7)"), E820_TYPE_PMEM);
	CHECK_EQ(e820_word_type("ACPI data"), E820_TYPE_ACPI);
	CHECK_EQ(e820_word_type("soft reserved"), E820_TYPE_SOFT_RESERVED);
	CHECK_EQ(e820_word_type("RAM"), 0);
	CHECK(!strcmp(e820_type_word(E820_TYPE_PRAM, b, sizeof(b)), "persistent (type 12)"));
}

int main(void)
{
	RUN(versions_read);
	RUN(cma_ranges_read);
	RUN(hotplug_sized_headers);
	RUN(cma_ranges_last);
	RUN(ecam_is_the_mcfg_window);
	RUN(kernel_words);
	RUN(zero_page_is_what_kexec_file_gave);
	RUN(zero_page_on_612_and_72);
	RUN(memmap_delivers_every_range);
	RUN(full_line_keeps_what_matters);
	RUN(small_map_needs_only_old_ram);
	RUN(high_and_low_regions);
	RUN(persistent_memory_travels);
	RUN(nomerge_and_unknown);
	RUN(memmap_cost_counts);
	RUN(refusals);
	RUN(items_spell_shortest);
	return TESTS_DONE();
}
