// SPDX-License-Identifier: GPL-2.0
/* loader/: /proc/iomem parsing and the ELF core headers (read back by readelf, the outside oracle). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "loader/dumpram.h"
#include "loader/elfcore.h"
#include "loader/iomem.h"

static struct iomem_line lines[64];
static struct iomem_map map;
static char why[200];

static int read_text(const char *t)
{
	uint32_t n;

	return iomem_read(t, strlen(t), lines, 64, &n, &map, why, sizeof(why));
}

static void iomem_sorts_what_kdump_needs(void)
{
	CHECK_EQ(read_text("# saved from a q35 guest\n"
			   "00000000-00000fff : Reserved\n"
			   "00001000-0009ffff : System RAM\n"
			   "00100000-3da13017 : System RAM\n"
			   "  1d000000-2cffffff : Crash kernel\n"
			   "  2d600000-2e401d31 : Kernel code\n"
			   "3da13018-3da50057 : System RAM\n"
			   "3f76c000-3f77dfff : ACPI Tables\n"
			   "3f77e000-3f7fdfff : ACPI Non-volatile Storage\n"
			   "b0000000-bfffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
			   "  b0000000-bfffffff : Reserved\n"
			   "    b0000000-bfffffff : pnp 00:05\n"
			   "c0000000-c0000fff : Persistent Memory (legacy)\n"
			   "c0001000-c0001fff : Persistent Memory\n"
			   "c0002000-c0002fff : Soft Reserved\n"
			   "c0003000-c0003fff : Unusable memory\n"
			   "fec00000-fec003ff : IOAPIC 0\n"
			   "100000000-13fffffff : System RAM\n"), 0);
	CHECK_EQ(map.ncrash, 1);
	CHECK(map.crash[0].first == 0x1d000000 && map.crash[0].last == 0x2cffffff);
	CHECK_EQ(map.nram, 3);          /* the split at 3da13018 merged back */
	CHECK(map.ram[1].first == 0x100000 && map.ram[1].last == 0x3da50057);
	CHECK(map.ram[2].first == 0x100000000ull && map.ram[2].last == 0x13fffffffull);
	CHECK_EQ(map.nstaged, 8);
	CHECK(map.staged[0].addr == 0 && map.staged[0].size == 0x1000 && map.staged[0].type == E820_TYPE_RESERVED);
	CHECK(map.staged[1].type == E820_TYPE_ACPI && map.staged[2].type == E820_TYPE_NVS);
	CHECK(map.staged[3].addr == 0xb0000000 && map.staged[3].size == 0x10000000);   /* nested: still staged */
	CHECK(map.staged[4].type == E820_TYPE_PRAM && map.staged[5].type == E820_TYPE_PMEM);
	/* soft reserved: as reserved, said so (a kdump kernel with dax_hmem and kmem would online it) */
	CHECK(map.staged[6].type == E820_TYPE_RESERVED && map.staged[7].type == E820_TYPE_UNUSABLE);
	CHECK(map.nnotes == 1 && map.notes[0].r.first == 0xc0002000 && !strcmp(map.notes[0].what, "Soft Reserved"));
}

static void iomem_refuses(void)
{
	CHECK_EQ(read_text("00001000-0009ffff : System RAM\n"), IOMEM_NO_CRASH);   /* all read, no region */
	CHECK(strstr(why, "no crash kernel region") && strstr(why, "crashkernel="));
	CHECK_EQ(read_text("00001000-0009ffff : System RAM\nhello\n"), -1);
	CHECK(strstr(why, "iomem line 2") != NULL);
	CHECK_EQ(read_text("0009ffff-00001000 : System RAM\n"), -1);      /* end before start */
	CHECK(strstr(why, "iomem line 1") != NULL);
	CHECK_EQ(read_text("00001000-0009ffff: System RAM\n"), -1);
	CHECK_EQ(read_text("10000000000000000-1 : Reserved\n"), -1);       /* 65 bits */
	CHECK_EQ(read_text("  1d000000-2cffffff : Crash kernel\nfffffffffffff000-ffffffffffffffff : Reserved\n"), -1);
	CHECK(strstr(why, "past 52-bit") != NULL);
	/* Non-root sees zeros, on every line, the crash region's too: refused as that, by name */
	CHECK_EQ(read_text("00000000-00000000 : Reserved\n00000000-00000000 : System RAM\n"
			   "  00000000-00000000 : Crash kernel\n00000000-00000000 : System RAM\n"), -1);
	CHECK(strstr(why, "every address is 0") != NULL);
}

static void loads_cut_out_crash(void)
{
	const struct range ram[] = { { 0x1000, 0x9ffff }, { 0x100000, 0x3fffffff }, { 0x100000000ull, 0x13fffffffull } };
	const struct range crash[] = { { 0x1d000000, 0x2cffffff }, { 0x100000000ull, 0x107ffffffull } };
	const struct range at_end[] = { { 0x30000000, 0x3fffffff } };
	struct range out[8];
	uint32_t n = elfcore_loads(ram, 3, crash, 2, out, 8);

	CHECK_EQ(n, 4);
	CHECK(out[0].first == 0x1000 && out[0].last == 0x9ffff);
	CHECK(out[1].first == 0x100000 && out[1].last == 0x1cffffff);
	CHECK(out[2].first == 0x2d000000 && out[2].last == 0x3fffffff);
	CHECK(out[3].first == 0x108000000ull && out[3].last == 0x13fffffffull);
	CHECK_EQ(elfcore_loads(ram, 3, crash, 2, NULL, 0), 4);     /* counting alone */
	/* a crash region that ends where the RAM ends leaves nothing after it */
	CHECK_EQ(elfcore_loads(&ram[1], 1, at_end, 1, out, 8), 1);
	CHECK(out[0].first == 0x100000 && out[0].last == 0x2fffffff);
}

/*
 * Seed 439566's map: OVMF's boot-services descriptor 3cf51000-3cf5cfff, its logo pages marked
 * Reserved by efi_mem_reserve() and a page table among them, is dumped; a memmap=$ range and
 * the MMCONFIG window, Reserved too, are not.
 */
static void dump_reads_kept_efi_memory(void)
{
	const struct range efi[] = { { 0xbf000000, 0xbf0fffff },     /* nested Reserved: never RAM */
				     { 0x3cf51000, 0x3cf5cfff },     /* the logo's descriptor */
				     { 0x3e000000, 0x3e00ffff } };   /* half over a Reserved line */
	struct range out[8];
	uint64_t kept = 1;
	int n;

	CHECK_EQ(read_text("00001000-0009ffff : System RAM\n"
			   "00100000-3cf50fff : System RAM\n"
			   "  1d000000-2cffffff : Crash kernel\n"
			   "3cf51000-3cf59fff : Reserved\n"
			   "3cf5a000-3cf5cfff : System RAM\n"
			   "3cf5d000-3dffffff : System RAM\n"
			   "3e008000-3e01ffff : Reserved\n"
			   "3f000000-3f3fffff : Reserved\n"
			   "b0000000-bfffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
			   "  b0000000-bfffffff : Reserved\n"), 0);
	CHECK_EQ(map.nram, 3);
	n = dumpram_build(map.ram, map.nram, lines, 10, efi, 3, out, 8, &kept);
	CHECK_EQ(n, 3);
	CHECK(out[0].first == 0x1000 && out[0].last == 0x9ffff);
	CHECK(out[1].first == 0x100000 && out[1].last == 0x3dffffff);     /* the logo's gap filled */
	CHECK(out[2].first == 0x3e008000 && out[2].last == 0x3e00ffff);   /* only the EFI part */
	CHECK_EQ(kept, 0x9000 + 0x8000);
	/* no runtime map (BIOS boot): System RAM alone */
	CHECK_EQ(dumpram_build(map.ram, map.nram, lines, 10, NULL, 0, out, 8, &kept), 3);
	CHECK_EQ(kept, 0);
	CHECK(out[1].first == 0x100000 && out[1].last == 0x3cf50fff);
	CHECK_EQ(dumpram_build(map.ram, map.nram, lines, 10, efi, 3, out, 3, &kept), -1);   /* no room */
}

/* readelf -l on the written headers: the program headers it lists are the ones meant. */
static void headers_read_by_readelf(void)
{
	const struct elf_note_src notes[] = { { 0x3c83a400, 368 }, { 0x3c85a400, 368 }, { 0x3de26000, 1024 } };
	const struct range loads[] = { { 0x1000, 0x9ffff }, { 0x2d000000, 0x3fffffff } };
	size_t size = elfcore_size(3, 2);
	void *buf = calloc(1, size);
	char path[] = "/tmp/elfcore-XXXXXX", cmd[128], line[256];
	int fd = mkstemp(path), notes_seen = 0, loads_seen = 0;
	FILE *p;

	CHECK_EQ(size, 64 + 5 * 56);
	elfcore_write(buf, notes, 3, loads, 2, 0xffff888000000000ull);
	CHECK(fd >= 0 && write(fd, buf, size) == (ssize_t)size);
	close(fd);
	snprintf(cmd, sizeof(cmd), "readelf -lW %s 2>&1", path);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		unsigned long long off, va, pa, fs, ms;
		char type[16];

		if (strstr(line, "Elf file type is CORE"))
			notes_seen += 100;
		if (sscanf(line, " %15s 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx", type, &off, &va, &pa, &fs, &ms) != 6)
			continue;
		if (!strcmp(type, "NOTE") && off == notes[notes_seen % 100].addr && fs == notes[notes_seen % 100].size)
			notes_seen++;
		if (!strcmp(type, "LOAD") && pa == loads[loads_seen].first && off == pa &&
		    va == 0xffff888000000000ull + pa && fs == loads[loads_seen].last + 1 - pa && ms == fs)
			loads_seen++;
	}
	if (p)
		pclose(p);
	unlink(path);
	CHECK_EQ(notes_seen, 103);
	CHECK_EQ(loads_seen, 2);
	free(buf);
}

int main(void)
{
	RUN(iomem_sorts_what_kdump_needs);
	RUN(iomem_refuses);
	RUN(loads_cut_out_crash);
	RUN(dump_reads_kept_efi_memory);
	RUN(headers_read_by_readelf);
	return TESTS_DONE();
}
