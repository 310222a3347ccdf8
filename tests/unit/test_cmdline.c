// SPDX-License-Identifier: GPL-2.0
/*
 * loader/cmdline.c: --reuse-cmdline's filter and the sysfs CPU list. Expected values written out
 * from what the kernel prints (/proc/cmdline: the words as given; cpu/possible: cpulist_print's
 * "0-3,8-11").
 */
#include <string.h>

#include "check.h"
#include "loader/cmdline.h"

static void reuse_drops_what_kdump_must_not_inherit(void)
{
	char out[128];

	CHECK_EQ(cmdline_reuse("BOOT_IMAGE=/vmlinuz-6.12 root=UUID=ab ro  crashkernel=256M quiet initrd=/x\n", out,
			       sizeof(out)), 0);
	CHECK(!strcmp(out, "root=UUID=ab ro quiet"));
	CHECK_EQ(cmdline_reuse("elfcorehdr=0x1000 kexec_jump_back_entry=0x2 console=ttyS0\n", out, sizeof(out)), 0);
	CHECK(!strcmp(out, "console=ttyS0"));
	/* a word that only starts like one is kept: crashkernelx= is no crashkernel= */
	CHECK_EQ(cmdline_reuse("crashkernelx=1 initrdx\n", out, sizeof(out)), 0);
	CHECK(!strcmp(out, "crashkernelx=1 initrdx"));
	CHECK_EQ(cmdline_reuse("\n", out, sizeof(out)), 0);
	CHECK(!strcmp(out, ""));
	CHECK_EQ(cmdline_reuse("root=/dev/vda console=ttyS0\n", out, 12), -1);    /* no room: refused, not cut */
	CHECK_EQ(cmdline_reuse("root=/dev/vda\n", out, 14), 0);
	CHECK(!strcmp(out, "root=/dev/vda"));
}

static void cpu_list(void)
{
	CHECK_EQ(cpu_list_count("0-3,8-11\n", 8192), 8);
	CHECK_EQ(cpu_list_count("0\n", 8192), 1);
	CHECK_EQ(cpu_list_count("0-8191\n", 8192), 8192);
	CHECK_EQ(cpu_list_count("0-8192\n", 8192), 0);          /* past the limit: unknown, said */
	CHECK_EQ(cpu_list_count("", 8192), 0);
	CHECK_EQ(cpu_list_count("0-\n", 8192), 0);
	CHECK_EQ(cpu_list_count("3-1\n", 8192), 0);
	CHECK_EQ(cpu_list_count("a\n", 8192), 0);
	CHECK_EQ(cpu_list_count("0-3;5\n", 8192), 0);
	CHECK_EQ(cpu_list_count("-1\n", 8192), 0);
}

int main(void)
{
	RUN(reuse_drops_what_kdump_must_not_inherit);
	RUN(cpu_list);
	return TESTS_DONE();
}
