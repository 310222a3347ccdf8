// SPDX-License-Identifier: GPL-2.0
/* shim/'s pure parts: e820shim.conf and the UEFI memory map as Linux's EFI stub reads it. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "shim/conf.h"
#include "bootproto/console.h"
#include "shim/efimap.h"

static struct shim_conf c;
static char why[200];

static int parse(const char *text)
{
	conf_defaults(&c);
	return conf_parse(&c, text, strlen(text), why, sizeof(why));
}

static void bad(const char *text, const char *words)
{
	CHECK_EQ(parse(text), -1);
	if (!strstr(why, words))
		fprintf(stderr, "  \"%s\" lacks \"%s\"\n", why, words);
	CHECK(strstr(why, words) != NULL);
}

static void conf_good(void)
{
	CHECK_EQ(parse("# boot through the purgatory\r\n"
		       "kernel=\\vmlinuz\n"
		       "  initrd=\\initrd.gz  \n"
		       "\n"
		       "cmdline=console=ttyS0 quiet\n"
		       "reserve=0xd0000000,0x1000\n"
		       "reserve=4096,8192,nvs\n"
		       "reserve=0x100000000,0x1000,12\n"
		       "console=ttyS1,9600\n"
		       "table=off"), 0);
	CHECK(!strcmp(c.kernel, "\\vmlinuz") && !strcmp(c.initrd, "\\initrd.gz"));
	CHECK(!strcmp(c.cmdline, "console=ttyS0 quiet"));
	CHECK_EQ(c.nreserve, 3);
	CHECK(c.reserve[0].addr == 0xd0000000 && c.reserve[0].size == 0x1000 && c.reserve[0].type == E820_TYPE_RESERVED);
	CHECK(c.reserve[1].addr == 4096 && c.reserve[1].size == 8192 && c.reserve[1].type == E820_TYPE_NVS);
	CHECK_EQ(c.reserve[2].type, 12);
	CHECK(c.serial_port == CONSOLE_COM2_PORT && c.serial_baud == 9600 && c.table == 0);
	CHECK_EQ(parse("kernel=\\k\nconsole=off\n"), 0);
	CHECK(c.serial_port == 0 && c.table == 1);
}

static void conf_bad(void)
{
	bad("kernel=\\k\nfoo=bar\n", "line 2: unknown key");
	bad("kernel=\\k\n\nnonsense\n", "line 3: expected key=value");
	bad("kernel=\\k\nreserve=0x1000\n", "line 2: reserve= needs ADDR,SIZE");
	bad("kernel=\\k\nreserve=zz,0x1000\n", "address is not a number");
	bad("kernel=\\k\nreserve=0x1000,0\n", "size is not a positive number");
	bad("kernel=\\k\nreserve=0xffffffffffffffff,2\n", "past 52-bit");
	bad("kernel=\\k\nreserve=0x1000,0x1000,ram\n", "type must be");
	bad("kernel=\\k\nreserve=0x1000,0x1000,1\n", "type must be");
	bad("kernel=\\k\nreserve=0x1000,0x1000000000000000000000\n", "size is not");
	bad("kernel=\\k\ntable=maybe\n", "line 2: table= must be on or off");
	bad("kernel=\\k\nconsole=ttyS9\n", "console must be");
	bad("kernel=\\k\nconsole=ttyS0,0\n", "baud must be");
	bad("kernel=\n", "line 1: kernel= is empty");
	bad("initrd=\\i\n", "no kernel= line");
	{
		char *big = malloc(CONF_CMDLINE_MAX + 32);

		strcpy(big, "kernel=\\k\ncmdline=");
		memset(big + strlen(big), 'x', CONF_CMDLINE_MAX);
		big[18 + CONF_CMDLINE_MAX] = 0;
		bad(big, "line 2: value too long");
		free(big);
	}
	{
		static const char nul[] = "kernel=\\k\nin\0trd=x\n";

		conf_defaults(&c);
		CHECK_EQ(conf_parse(&c, nul, sizeof(nul) - 1, why, sizeof(why)), -1);
		CHECK(strstr(why, "line 2: NUL byte") != NULL);
	}
}

static void conf_options(void)
{
	char out[256];
	const char *opts = "e820shim.efi kernel=\\vmlinuz \"cmdline=console=ttyS0 quiet\" table=off";
	size_t n = conf_options_to_lines(opts, strlen(opts), out, sizeof(out));

	CHECK(!strcmp(out, "kernel=\\vmlinuz\ncmdline=console=ttyS0 quiet\ntable=off"));
	CHECK_EQ(n, strlen(out));
	CHECK_EQ(conf_options_to_lines("e820shim.efi", 12, out, sizeof(out)), 0);
}

/* An OVMF-like map: 48-byte descriptors, unsorted tail, adjacent RAM of several kinds. */
static void efimap_ovmf_like(void)
{
	static const struct { uint32_t type; uint64_t phys, pages, attr; } d[] = {
		{ EFI_BOOT_CODE, 0x0, 0xa0, 0 },
		{ EFI_CONVENTIONAL, 0x100000, 0x706, 0 },
		{ EFI_ACPI_NVS, 0x806000, 2, 0 },
		{ EFI_CONVENTIONAL, 0x808000, 8, 0 },
		{ EFI_LOADER_DATA, 0x810000, 0xf0, 0 },
		{ EFI_RUNTIME_DATA, 0x3f4ec000, 0x100, 0x8000000000000000ull },
		{ EFI_RUNTIME_CODE, 0x3f5ec000, 0x100, 0x8000000000000000ull },
		{ EFI_RESERVED, 0x3f6ec000, 0x80, 0 },
		{ EFI_ACPI_RECLAIM, 0x3f76c000, 0x12, 0 },
		{ EFI_RESERVED, 0xb0000000, 0x10000, 0 },
		{ EFI_MMIO, 0xffc00000, 0x400, 0x8000000000000000ull },
		{ EFI_CONVENTIONAL, 0x140000000, 0x1000, EFIMAP_ATTR_SP },
		{ EFI_PERSISTENT, 0x180000000, 0x1000, 0 },
		{ EFI_UNUSABLE, 0x1c0000000, 1, 0 },
		{ EFI_CONVENTIONAL, 0x100000000, 0x40000, 0 },
		{ EFI_BOOT_DATA, 0x900000, 0x100, 0 },
		{ EFI_UNACCEPTED, 0x200000000, 1, 0 },
		{ EFI_BOOT_DATA, 0x300000000, 0x10, EFIMAP_ATTR_SP },   /* the stub: SP on boot data too */
		{ 0x70000000, 0x400000000, 0x10, 0 },                   /* an OEM type: no entry */
	};
	enum { DESC = 48, N = sizeof(d) / sizeof(d[0]) };
	static uint8_t map[N * DESC];
	struct staged_range staged[32];
	struct range free[32];
	struct efimap m = { .staged = staged, .staged_cap = 32, .free = free, .free_cap = 32 };

	memset(map, 0xee, sizeof(map));         /* the bytes past each descriptor are not ours to read */
	for (int i = 0; i < N; i++) {
		struct efi_desc e = { d[i].type, 0, d[i].phys, 0, d[i].pages, d[i].attr };

		memcpy(map + i * DESC, &e, sizeof(e));
	}
	CHECK_EQ(efimap_convert(map, sizeof(map), DESC, &m, why, sizeof(why)), 0);
	CHECK_EQ(m.nram, 4);
	CHECK(m.ram[0].addr == 0 && m.ram[0].size == 0xa0000);
	CHECK(m.ram[1].addr == 0x100000 && m.ram[1].size == 0x706000);
	CHECK(m.ram[2].addr == 0x808000 && m.ram[2].size == 0x900000 + 0x100000 - 0x808000);
	CHECK(m.ram[3].addr == 0x100000000 && m.ram[3].size == 0x40000000);
	CHECK_EQ(m.nstaged, 10);
	CHECK(m.staged[0].addr == 0x806000 && m.staged[0].type == E820_TYPE_NVS);
	CHECK(m.staged[1].addr == 0x3f4ec000 && m.staged[1].size == 0x280000 && m.staged[1].type == E820_TYPE_RESERVED);
	CHECK(m.staged[2].addr == 0x3f76c000 && m.staged[2].type == E820_TYPE_ACPI);
	CHECK(m.staged[3].addr == 0xb0000000 && m.staged[3].size == 0x10000000 && m.staged[3].type == E820_TYPE_RESERVED);
	CHECK(m.staged[4].addr == 0xffc00000 && m.staged[4].type == E820_TYPE_RESERVED);
	CHECK(m.staged[5].addr == 0x140000000 && m.staged[5].type == E820_TYPE_SOFT_RESERVED);
	CHECK(m.staged[6].addr == 0x180000000 && m.staged[6].type == E820_TYPE_PMEM);
	CHECK(m.staged[7].addr == 0x1c0000000 && m.staged[7].type == E820_TYPE_UNUSABLE);
	CHECK(m.staged[8].addr == 0x200000000 && m.staged[8].type == E820_TYPE_RESERVED);   /* unaccepted */
	CHECK(m.staged[9].addr == 0x300000000 && m.staged[9].type == E820_TYPE_SOFT_RESERVED);
	for (uint32_t i = 0; i < m.nram; i++)                 /* the OEM range is in neither list */
		CHECK(m.ram[i].addr + m.ram[i].size <= 0x400000000 || m.ram[i].addr > 0x400010000);
	CHECK_EQ(m.nfree, 3);                   /* conventional above 1 MiB, never soft-reserved */
	CHECK(m.free[0].first == 0x100000 && m.free[2].first == 0x100000000 && m.free[2].last == 0x13fffffff);
	CHECK_EQ(efimap_convert(map, sizeof(map), 36, &m, why, sizeof(why)), -1);
	CHECK(strstr(why, "descriptor size 36") != NULL);
}

/* sp=: conventional memory there is specific-purpose, as firmware marks CXL and HBM memory: the
 * kernel gets soft reserved (the stub's EFI_MEMORY_SP rule), never RAM, never a free range */
static void efimap_sp(void)
{
	static const struct efi_desc d[] = {
		{ EFI_CONVENTIONAL, 0, 0x100000, 0, 0x7ff00, 0 },          /* 1 MiB - 2 GiB */
		{ EFI_BOOT_DATA, 0, 0x80000000, 0, 0x100, 0 },
	};
	static const struct range sp[] = { { 0x60000000, 0x6fffffff }, { 0x7ffff000, 0x80000fff } };
	struct staged_range staged[8];
	struct range free[8];
	struct efimap m = { .staged = staged, .staged_cap = 8, .free = free, .free_cap = 8, .sp = sp, .nsp = 2 };
	struct shim_conf c;

	CHECK_EQ(efimap_convert(d, sizeof(d), sizeof(d[0]), &m, why, sizeof(why)), 0);
	CHECK_EQ(m.nram, 3);                    /* the page at 0x7ffff000 keeps the last two apart */
	CHECK(m.ram[0].addr == 0x100000 && m.ram[0].size == 0x5ff00000);
	CHECK(m.ram[1].addr == 0x70000000 && m.ram[1].size == 0xffff000);
	CHECK(m.ram[2].addr == 0x80000000 && m.ram[2].size == 0x100000);
	CHECK_EQ(m.nstaged, 2);                 /* boot data is no conventional memory: RAM still */
	CHECK(m.staged[0].addr == 0x60000000 && m.staged[0].size == 0x10000000 &&
	      m.staged[0].type == E820_TYPE_SOFT_RESERVED);
	CHECK(m.staged[1].addr == 0x7ffff000 && m.staged[1].size == 0x1000 && m.staged[1].type == E820_TYPE_SOFT_RESERVED);
	CHECK_EQ(m.nfree, 2);
	CHECK(m.free[0].last == 0x5fffffff && m.free[1].first == 0x70000000 && m.free[1].last == 0x7fffefff);
	conf_defaults(&c);
	CHECK_EQ(conf_parse(&c, "kernel=k\nsp=0x60000000,0x10000000\n", 34, why, sizeof(why)), 0);
	CHECK(c.nsp == 1 && c.sp[0].first == 0x60000000 && c.sp[0].last == 0x6fffffff);
	CHECK_EQ(conf_parse(&c, "kernel=k\nsp=0x60000800,0x1000\n", 29, why, sizeof(why)), -1);
	CHECK(strstr(why, "line 2: sp= address and size must be multiples of 4 KiB") != NULL);
	CHECK_EQ(conf_parse(&c, "kernel=k\nsp=0x60000000\n", 23, why, sizeof(why)), -1);
	CHECK(strstr(why, "line 2: sp= needs ADDR,SIZE") != NULL);
}

int main(void)
{
	RUN(conf_good);
	RUN(conf_bad);
	RUN(conf_options);
	RUN(efimap_ovmf_like);
	RUN(efimap_sp);
	return TESTS_DONE();
}
