// SPDX-License-Identifier: GPL-2.0
/*
 * Memory a kdump kernel could bring online (loader/iomem.h): Soft Reserved, persistent memory
 * and driver-managed RAM ("System RAM (kmem)"), in the /proc/iomem shapes real machines and
 * kernels print (posted to linux-cxl; 6.1 nests Soft Reserved under hmem.N, 6.12 lists it at the
 * top, 7.x not at all until dax_hmem claims it). The expected values are the kernel's rules,
 * written out by hand: walk_system_ram_res() takes every IORESOURCE_SYSTEM_RAM resource at any
 * depth (driver-managed RAM included) for the dump; the kdump kernel gets each such range as
 * reserved. The firmware map's rules: drivers/firmware/memmap.c's files, e820_type_to_string().
 */
#include <string.h>

#include "check.h"
#include "loader/elfcore.h"
#include "loader/fwmap.h"
#include "loader/iomem.h"
#include "loader/kfile.h"

#define LINES 64

static struct iomem_line lines[LINES];
static uint32_t nlines;
static struct iomem_map map;
static char why[200];

static int read_text(const char *t)
{
	return iomem_read(t, strlen(t), lines, LINES, &nlines, &map, why, sizeof(why));
}

#define BASE "00001000-0009ffff : System RAM\n" \
	     "00100000-7fffffff : System RAM\n" \
	     "  2a000000-39ffffff : Crash kernel\n" \
	     "b0000000-bfffffff : PCI ECAM 0000 [bus 00-ff]\n" \
	     "  b0000000-bfffffff : Reserved\n"

static const struct staged_range *staged_at(uint64_t addr)
{
	for (uint32_t i = 0; i < map.nstaged; i++)
		if (map.staged[i].addr == addr)
			return &map.staged[i];
	return NULL;
}

static int ram_holds(uint64_t first, uint64_t last)
{
	for (uint32_t i = 0; i < map.nram; i++)
		if (map.ram[i].first <= first && last <= map.ram[i].last)
			return 1;
	return 0;
}

/* linux-cxl: a CXL window, its region, a dax device, kmem's RAM; no Soft Reserved line at all */
static void cxl_window(void)
{
	const struct staged_range *s;
	struct range loads[8];

	CHECK_EQ(read_text(BASE "100000000-206fffffff : System RAM\n"
			   "2070000000-606fffffff : CXL Window 0\n"
			   "  2070000000-606fffffff : region0\n"
			   "    2070000000-606fffffff : dax0.0\n"
			   "      2070000000-606fffffff : System RAM (kmem)\n"), 0);
	CHECK_EQ(map.nmanaged, 1);
	CHECK(ram_holds(0x2070000000ull, 0x606fffffffull));           /* dumped */
	CHECK((s = staged_at(0x2070000000ull)) && s->size == 0x4000000000ull && s->type == E820_TYPE_RESERVED);
	CHECK(map.nextra == 1 && map.extra[0].type == E820_TYPE_RESERVED);
	CHECK(iomem_note_on(&map, (struct range){ 0x2070000000ull, 0x606fffffffull }, E820_TYPE_RESERVED) != NULL);
	/* the core headers' PT_LOADs: low RAM, RAM around the crash region, and 4 GiB on up to the
	 * window's end in one (touching RAM joins) */
	CHECK_EQ(elfcore_loads(map.ram, map.nram, map.crash, map.ncrash, loads, 8), 4);
	CHECK(loads[3].first == 0x100000000ull && loads[3].last == 0x606fffffffull);
}

/* 6.12: Soft Reserved at the top, dax and kmem below it */
static void soft_reserved_top(void)
{
	const struct staged_range *s;
	const struct iomem_note *n;

	CHECK_EQ(read_text(BASE "68e80000000-70e7fffffff : Soft Reserved\n"
			   "  68e80000000-70e7fffffff : dax1.0\n"
			   "    68e80000000-70e7fffffff : System RAM (kmem)\n"), 0);
	CHECK((s = staged_at(0x68e80000000ull)) && s->type == E820_TYPE_RESERVED && s->size == 0x8000000000ull);
	CHECK_EQ(map.nextra, 0);                      /* inside its Soft Reserved: nothing more */
	CHECK(ram_holds(0x68e80000000ull, 0x70e7fffffffull));
	CHECK((n = iomem_note_on(&map, (struct range){ 0x68e80000000ull, 0x68e80000fffull }, E820_TYPE_RESERVED)) &&
	      !strcmp(n->what, "Soft Reserved"));
	/* with no driver on it: reserved all the same, and not dumped (the first kernel never used it) */
	CHECK_EQ(read_text(BASE "140000000-14fffffff : Soft Reserved\n"), 0);
	CHECK((s = staged_at(0x140000000ull)) && s->type == E820_TYPE_RESERVED);
	CHECK(!ram_holds(0x140000000ull, 0x140000fffull));
}

/* 6.1: hmem.N is the parent, Soft Reserved inside it */
static void soft_reserved_under_hmem(void)
{
	const struct staged_range *s;

	CHECK_EQ(read_text(BASE "140000000-14fffffff : hmem.0\n"
			   "  140000000-14fffffff : Soft Reserved\n"
			   "    140000000-14fffffff : dax0.0\n"
			   "      140000000-14fffffff : System RAM (kmem)\n"), 0);
	CHECK((s = staged_at(0x140000000ull)) && s->type == E820_TYPE_RESERVED && s->size == 0x10000000);
	CHECK(ram_holds(0x140000000ull, 0x14fffffffull));
}

/* pmem onlined by kmem goes as reserved; pmem in no driver's hands keeps its type */
static void pmem_onlined(void)
{
	const struct staged_range *s;
	const struct iomem_note *n;

	CHECK_EQ(read_text(BASE "140000000-17fffffff : Persistent Memory\n"
			   "  140000000-17fffffff : namespace0.0\n"
			   "    140000000-17fffffff : dax0.0\n"
			   "      140000000-17fffffff : System RAM (kmem)\n"
			   "180000000-1bfffffff : Persistent Memory\n"
			   "  180000000-1bfffffff : namespace1.0\n"), 0);
	CHECK((s = staged_at(0x140000000ull)) && s->type == E820_TYPE_RESERVED);
	CHECK((n = iomem_note_on(&map, (struct range){ 0x140000000ull, 0x17fffffffull }, E820_TYPE_RESERVED)) &&
	      !strcmp(n->what, "Persistent Memory"));
	CHECK((s = staged_at(0x180000000ull)) && s->type == E820_TYPE_PMEM);
}

/* driver-managed RAM where no kernel puts it: refused, naming the range */
static void managed_refused(void)
{
	CHECK_EQ(read_text(BASE "140000000-14fffffff : System RAM (kmem)\n"), -1);
	CHECK(strstr(why, "0x140000000-0x14fffffff") && strstr(why, "top level"));
	CHECK_EQ(read_text("00001000-0009ffff : System RAM\n"
			   "00100000-7fffffff : System RAM\n"
			   "  2a000000-39ffffff : Crash kernel\n"
			   "  40000000-4fffffff : dax0.0\n"
			   "    40000000-4fffffff : System RAM (kmem)\n"), -1);
	CHECK(strstr(why, "0x40000000-0x4fffffff") && strstr(why, "overlaps top-level System RAM"));
	CHECK_EQ(read_text("00001000-0009ffff : System RAM\n"
			   "00100000-7fffffff : Reserved\n"
			   "  2a000000-39ffffff : Crash kernel\n"
			   "    2a000000-2affffff : System RAM (kmem)\n"), -1);
	CHECK(strstr(why, "Crash kernel"));
	/* a name like it that is not it: a device, not RAM */
	CHECK_EQ(read_text(BASE "140000000-14fffffff : Soft Reserved\n"
			   "  140000000-14fffffff : System RAM (kmem\n"), 0);
	CHECK_EQ(map.nmanaged, 0);
}

static void fwmap_parses(void)
{
	struct fwmap_entry e;

	CHECK_EQ(fwmap_entry_parse("0x60000000\n", "0x6fffffff\n", "Soft Reserved\n", &e, why, sizeof(why)), 0);
	CHECK(e.r.first == 0x60000000 && e.r.last == 0x6fffffff && e.type == E820_TYPE_SOFT_RESERVED);
	CHECK_EQ(fwmap_entry_parse("0x0\n", "0xfff\n", "Unknown E820 type\n", &e, why, sizeof(why)), 0);
	CHECK_EQ(e.type, UNKNOWN_CARRIED_AS);
	CHECK_EQ(fwmap_entry_parse("60000000\n", "0x6fffffff\n", "Reserved\n", &e, why, sizeof(why)), -1);
	CHECK(strstr(why, "start"));
	CHECK_EQ(fwmap_entry_parse("0x60000000\n", "0x5fffffff\n", "Reserved\n", &e, why, sizeof(why)), -1);
	CHECK(strstr(why, "below start"));
	CHECK_EQ(fwmap_entry_parse("0x0\n", "0x10000000000000\n", "Reserved\n", &e, why, sizeof(why)), -1);
	CHECK(strstr(why, "52-bit"));
	CHECK_EQ(fwmap_entry_parse("0x0\n", "0x1\n", "reserved\n", &e, why, sizeof(why)), -1);
	CHECK(strstr(why, "type"));
	CHECK_EQ(fwmap_entry_parse("0x0\n", "0x1\n", "Reserved\nReserved\n", &e, why, sizeof(why)), -1);
	CHECK_EQ(fwmap_entry_parse("0x0\n", "0x1g\n", "Reserved\n", &e, why, sizeof(why)), -1);
	CHECK_EQ(fwmap_entry_parse("0x0\n", "0x11111111111111111\n", "Reserved\n", &e, why, sizeof(why)), -1);
}

/* 7.x: Soft Reserved out of /proc/iomem (a "RAM buffer" below 4 GiB, a hole above); the
 * firmware map has it. Reserved only there (EFI MMIO the kernel removed) stays out. */
static void fwmap_fills_the_hole(void)
{
	static const struct fwmap_entry fw[] = {
		{ { 0x1000, 0x9ffff }, E820_TYPE_RAM }, { { 0x100000, 0x5fffffff }, E820_TYPE_RAM },
		{ { 0x60000000, 0x6fffffff }, E820_TYPE_SOFT_RESERVED }, { { 0x70000000, 0x7fffffff }, E820_TYPE_RAM },
		{ { 0xb0000000, 0xbfffffff }, E820_TYPE_RESERVED }, { { 0xfe000000, 0xfeffffff }, E820_TYPE_RESERVED },
		{ { 0x140000000ull, 0x14fffffffull }, E820_TYPE_SOFT_RESERVED },
		{ { 0x150000000ull, 0x150000fffull }, E820_TYPE_UNUSABLE },
	};
	const struct staged_range *s;

	CHECK_EQ(read_text("00001000-0009ffff : System RAM\n"
			   "00100000-5fffffff : System RAM\n"
			   "  2a000000-39ffffff : Crash kernel\n"
			   "60000000-6fffffff : RAM buffer\n"
			   "70000000-7fffffff : System RAM\n"
			   "b0000000-bfffffff : PCI ECAM 0000 [bus 00-ff]\n"
			   "  b0000000-bfffffff : Reserved\n"
			   "140000000-14fffffff : hmem.0\n"
			   "  140000000-147ffffff : Soft Reserved\n"), 0);
	CHECK(!ram_holds(0x60000000, 0x60000fff));     /* a RAM buffer is never RAM */
	CHECK_EQ(fwmap_carry(fw, sizeof(fw) / sizeof(fw[0]), lines, nlines, &map, why, sizeof(why)), 0);
	CHECK((s = staged_at(0x60000000)) && s->size == 0x10000000 && s->type == E820_TYPE_RESERVED);
	CHECK((s = staged_at(0x148000000ull)) && s->size == 0x8000000 && s->type == E820_TYPE_RESERVED);
	CHECK((s = staged_at(0x150000000ull)) && s->type == E820_TYPE_UNUSABLE);
	CHECK(!staged_at(0xfe000000));
	CHECK_EQ(map.nextra, 3);
	CHECK(strstr(iomem_note_on(&map, (struct range){ 0x60000000, 0x60000fff }, E820_TYPE_RESERVED)->what,
		     "firmware map"));
}

/* kexec_file: the kernel's headers take driver-managed RAM (walk_system_ram_res); what could be
 * onlined goes on the command line as reserved ("$", never "%...+0xefffffff") */
static void kfile_carries_as_reserved(void)
{
	static struct kfile_e820 p;
	static struct kfile_memmap mm;
	struct kfile_kernel k = { .ncpus = 1 };

	CHECK_EQ(read_text(BASE "140000000-14fffffff : Soft Reserved\n"
			   "  140000000-14fffffff : dax0.0\n"
			   "    140000000-14fffffff : System RAM (kmem)\n"
			   "150000000-15fffffff : dax1.0\n"
			   "  150000000-15fffffff : System RAM (kmem)\n"), 0);
	CHECK_EQ(kfile_predict(lines, nlines, &map, &k, &p, why, sizeof(why)), 0);
	CHECK_EQ(p.ndump, 4);              /* 1M-crash, crash-2G, and the two kmem ranges */
	CHECK(p.dump[2].first == 0x140000000ull && p.dump[3].last == 0x15fffffffull);
	kfile_memmap(&p, 2000, &mm);
	/* the two touch and are both reserved now: one item */
	CHECK(!strcmp(mm.text, " memmap=687108K$1M,1120M$928M,512M$5G"));
}

int main(void)
{
	RUN(cxl_window);
	RUN(soft_reserved_top);
	RUN(soft_reserved_under_hmem);
	RUN(pmem_onlined);
	RUN(managed_refused);
	RUN(fwmap_parses);
	RUN(fwmap_fills_the_hole);
	RUN(kfile_carries_as_reserved);
	return TESTS_DONE();
}
