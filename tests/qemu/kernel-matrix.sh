#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The crash cycles that matter, on the kernels Debian 13 and sid run (6.12, 7.2; 6.1 is
# kdump-crash.sh's), each version both first and kdump kernel, in QEMU only: 160 extra ranges
# and persistent memory through kexec-e820 (kexec_load, our purgatory) and kexec-e820 -s
# (kexec_file_load, memmap=), crashkernel=,high through -s, on 7.2 a crashkernel=,cma region;
# kexec-tools' kexec -s -p beside them, recorded in make replay. Every first-kernel range is
# checked in the kdump kernel's final map, and --print-e820 (-s) must equal that map.
set -u
. tests/lib/guest.inc
. tests/lib/crash.inc
PMEM='memmap=16M!400M'          # legacy persistent memory (type 12), which kexec_file never passes

# kernel_runs SUITE: every case on that release's kernel
kernel_runs() {
	suite=$1
	VMLINUZ=$(tools/fetch-kernel.sh "$suite") || { no "$suite: fetch the kernel"; return; }
	QDIR=build/qemu-$suite
	guest_setup crash || return
	v=$(basename "$(dirname "$VMLINUZ")" | sed 's/^linux-image-\([0-9.]*\).*/\1/')   # 6.12.117

	# The seed's verdict in this kernel's words (6.12+: ECAM): e820shim.efi with and without its table.
	for table in on off; do
		n=$v-q35-shim-$table
		printf 'kernel=\\vmlinuz\ninitrd=\\initrd.gz\ncmdline=console=ttyS0\ntable=%s\n' "$table" | boot_shim "$n" q35 1024
		check "$n: the kernel reached init" grep -q '===IOMEM-END' "$QDIR/$n.log"
		check "$n: /proc/iomem calls the window ECAM (6.1: MMCONFIG)" \
			grep -q '^b0000000-bfffffff : PCI ECAM 0000 \[bus 00-ff\]$' "$QDIR/$n.log"
		if [ "$table" = on ]; then
			check "$n: it trusts the window: '$(mmconfig_line "$QDIR/$n.log")'" mmconfig_trusted "$QDIR/$n.log"
		else
			check "$n: it refuses the window: '$(mmconfig_line "$QDIR/$n.log")'" mmconfig_refused "$QDIR/$n.log"
		fi
	done

	n=$v-q35-160
	boot_crash "$n" q35 1024 ours "$MEMMAP_160" "$PMEM"
	kdump_ok "$n"
	check "$n: persistent memory reached the kdump kernel (type 12)" \
		grep -qx '0x0000000019000000 0x0000000019ffffff persistent (type 12)' "$QDIR/$n.kdump.e820"
	check "$n: the kdump kernel read a SETUP_E820_EXT node (its 'extended:' table)" has "$n.kdump.log" "] extended: [mem "

	n=$v-q35-160-s
	boot_crash "$n" q35 1024 ours-s "$MEMMAP_160" "$PMEM"
	kdump_file_ok "$n"
	check "$n: persistent memory reached the kdump kernel (type 12)" \
		grep -qx '0x0000000019000000 0x0000000019ffffff persistent (type 12)' "$QDIR/$n.kdump.e820"

	n=$v-q35-high-s
	CRASHKERNEL=256M,high
	boot_crash "$n" q35 6144 ours-s
	unset CRASHKERNEL
	kdump_file_ok "$n"

	if [ "$suite" = sid ]; then       # 7.x: crashkernel=,cma, CMA ranges the kernel adds last as RAM
		n=$v-q35-cma-s
		boot_crash "$n" q35 2048 ours-s crashkernel=128M,cma
		check "$n: the first kernel has a CMA crash range" grep -q '^kexec_crash_cma_ranges: [0-9a-f]' "$QDIR/$n.first.log"
		kdump_file_ok "$n"
	fi

	[ "${KEXEC_TOOLS_RECORDS:-0}" = 1 ] || return 0    # make replay's, never make check's time
	n=$v-q35-kexec-s-160
	guest_opts --kdump-quiet 45      # recorded: a hang is stopped after 45 s of silence
	boot_crash "$n" q35 1024 kexec-s "$MEMMAP_160"
	record_kexec_tools "$n" "$v, kexec-tools' kexec -s -p, 160 ranges"
}

if [ $# -gt 0 ]; then                  # one kernel
	kernel_runs "$1"
	done_tests
	exit 0
fi
both_releases "$0" kernel-matrix
done_tests
