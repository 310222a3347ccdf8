#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Soft reserved memory onlined by dax/kmem (CXL expanders, HBM): the dump holds it, the kdump
# kernel never brings it online. q35+OVMF, 2 GiB in two NUMA nodes, crashkernel=256M, the first
# 256 MiB of node 1 re-typed soft reserved (memmap=%); the first kernel loads Debian's own
# device_dax, kmem and dax_hmem (from the kernel's package), which online that memory as
# "System RAM (kmem)"; a marker is planted in a page there (tests/lib/dumpmark.c); the kdump
# kernel loads the same modules. Asserted from the kernels' own output: the marker read back from
# /proc/vmcore at its physical address through the dump's own ELF headers, no System RAM (kmem) in
# the kdump kernel's /proc/iomem, the range reserved in its e820, and kdump_ok/kdump_file_ok.
# Debian 13's 6.12 and sid's 7.2, each as both kernels, through kexec-e820 -p and -p -s.
# Then the same range reported by the firmware itself (e820shim.efi's sp=, as firmware marks CXL
# or HBM memory EFI_MEMORY_SP), no modules: 7.x keeps it out of /proc/iomem, the firmware map
# (/sys/firmware/memmap) still has it, and the kdump kernel's e820 must too, as reserved.
# KEXEC_TOOLS_RECORDS=1 (make replay): kexec-tools' kexec -c -p and -s -p recorded beside, never judged.
set -u
. tests/lib/guest.inc
. tests/lib/crash.inc

# kmem_cycle NAME MODE: one crash cycle of the shaped guest
kmem_cycle() {
	guest_opts --qemu "$KMEM_NUMA"
	# shellcheck disable=SC2086 # the shape's words
	boot_crash "$1" q35 2048 "$2" $KMEM_SHAPE
}


# kmem_ok NAME: what this test adds to kdump_ok / kdump_file_ok
kmem_ok() {
	n=$1
	split_ok "$n" || return 0
	check "$n: the first kernel onlined the soft reserved range as System RAM (kmem)" \
		kmem_onlined "$QDIR/$n.first.log" FIRST-IOMEM
	check "$n: a marker was planted there ($(kmem_mark "$QDIR/$n.first.log"))" \
		sh -c "grep -q '===MARK 0x' $QDIR/$n.first.log"
	check "$n: the dump holds it: read back from /proc/vmcore at its address through its ELF headers" \
		grep -q "^===MARK-FOUND $(kmem_mark "$QDIR/$n.first.log") " "$QDIR/$n.kdump.log"
	check "$n: the kdump kernel loaded the same modules" ran_without "$QDIR/$n.kdump.log" '===INSMOD-FAILED'
	check "$n: ... and brought none of that memory online (no System RAM (kmem) in its /proc/iomem)" \
		kmem_kept_offline "$QDIR/$n.kdump.log"
	echo "$KMEM_FIRST $KMEM_LAST reserved" > "$QDIR/$n.soft"
	check "$n: its e820 has the range as reserved" covered "$QDIR/$n.soft" "$QDIR/$n.kdump.e820"
	check "$n: its command line keeps hot-added memory offline (memhp_default_state=offline)" \
		grep -q 'Command line: .* memhp_default_state=offline' "$QDIR/$n.kdump.log"
	echo "   $n: $(grep -m1 '^===VMCORE' "$QDIR/$n.kdump.log")"
}

# fw_cycle NAME MODE: a crash cycle whose first kernel e820shim.efi boots, the range soft
# reserved by the firmware's map (sp=)
fw_cycle() {
	esp_fill "$QDIR/$1.esp" EFI/BOOT/BOOTX64.EFI <<CONF
kernel=vmlinuz
initrd=first.gz
cmdline=console=ttyS0 crashkernel=256M quiet e820test=$2
sp=$KMEM_FIRST,0x10000000
CONF
	cp "$QDIR/first.gz" "$QDIR/$1.esp/"
	boot_esp "$1" q35 2048 "$QDIR/$1.esp"
	split_log "$QDIR/$1"
}

# fw_soft LOG: the first kernel's firmware map lists the range as Soft Reserved
fw_soft() { section "$1" FIRST-FWMAP | grep -qx "$KMEM_FIRST $KMEM_LAST Soft Reserved"; }
# only_reserved E820: no entry of another type than reserved touches the range
only_reserved() {
	awk "$AWK_HEX"'h($1) <= h(b) && h($2) >= h(a) && $3 != "reserved" { bad = 1 } END { exit bad }' \
		a="$KMEM_FIRST" b="$KMEM_LAST" "$1"
}

# fw_ok NAME: the firmware's soft reserved range reached the kdump kernel as reserved
fw_ok() {
	n=$1
	split_ok "$n" || return 0
	check "$n: the first kernel's firmware map has the range as Soft Reserved" fw_soft "$QDIR/$n.first.log"
	echo "$KMEM_FIRST $KMEM_LAST reserved" > "$QDIR/$n.soft"
	check "$n: the kdump kernel's e820 has it as reserved" covered "$QDIR/$n.soft" "$QDIR/$n.kdump.e820"
	check "$n: ... never as RAM or soft reserved" only_reserved "$QDIR/$n.kdump.e820"
	echo "   $n: the first kernel's /proc/iomem at $KMEM_FIRST: $(section "$QDIR/$n.first.log" FIRST-IOMEM |
		grep -m1 '^ *6[0-9a-f]\{7\}-' || echo 'nothing (a hole)')"
}

# record NAME WHAT: a kexec-tools cycle, printed, never judged
record() {
	record_kexec_tools "$1" "$2"
	echo "   record: $2: marker in the dump: $(grep -o -m1 '^===MARK-[A-Z]*.*' "$QDIR/$1.kdump.log" | cut -c1-80 ||
		echo 'no verdict printed'); kdump kernel onlined kmem: $(kmem_onlined "$QDIR/$1.kdump.log" KDUMP-IOMEM && echo yes || echo no);" \
		"$(grep -m1 '^===VMCORE' "$QDIR/$1.kdump.log")"
}

# kmem_runs SUITE: every cycle on that release's kernel
kmem_runs() {
	VMLINUZ=$(tools/fetch-kernel.sh "$1") || { no "$1: fetch the kernel"; return; }
	QDIR=build/qemu-kmem-$1
	[ -s "$(dirname "$VMLINUZ")/modules/order" ] || { no "$1: the kernel's dax modules (tools/fetch-kernel.sh)"; return; }
	guest_setup crash || return
	kmem_cycle kmem ours
	kdump_ok kmem
	kmem_ok kmem
	kmem_cycle kmem-s ours-s
	kdump_file_ok kmem-s
	kmem_ok kmem-s
	fw_cycle kmem-fw ours
	kdump_ok kmem-fw
	fw_ok kmem-fw
	fw_cycle kmem-fw-s ours-s
	kdump_file_ok kmem-fw-s
	fw_ok kmem-fw-s
	[ "${KEXEC_TOOLS_RECORDS:-0}" = 1 ] || return 0
	for tool in kexec-c kexec-s; do
		guest_opts --kdump-quiet 45
		kmem_cycle "kmem-$tool" "$tool"
		record "kmem-$tool" "$1, kexec-tools' kexec -${tool#kexec-} -p"
	done
}

if [ $# -gt 0 ]; then                  # one release
	kmem_runs "$1"
	done_tests
	exit 0
fi
both_releases "$0" kmem
done_tests
