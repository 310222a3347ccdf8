#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The real use, in QEMU only: the Debian kernel boots with crashkernel=256M, kexec-e820 loads
# the same kernel as kdump kernel, sysrq-c, the purgatory patches e820, the kdump kernel saves a
# dump with makedumpfile. Asserted from both kernels' own output. In make replay
# (KEXEC_TOOLS_RECORDS=1) kexec-tools runs beside it on the 160-range machine, recorded.
set -u
. tests/lib/guest.inc
. tests/lib/crash.inc
guest_setup crash || { done_tests; exit 1; }

# --- q35 + OVMF, 1 GiB ---
boot_crash q35 q35 1024 ours
kdump_ok q35
check "q35: MMCONFIG reserved in the kdump kernel's e820" grep -qx '0x00000000b0000000 0x00000000bfffffff reserved' "$QDIR/q35.kdump.e820"

# --- soak seed 439566: OVMF's boot logo and the EFI Memory Attributes table share one
# boot-services descriptor; the first kernel puts page tables in its free pages, then
# efi_mem_reserve() calls the logo's pages, page tables and all, Reserved (docs/details.md).
# The dump must read them: makedumpfile walks those page tables ---
n=q35-efi-kept
boot_crash $n q35 1024 ours "$MEMMAP_EFI_KEPT"
kdump_ok $n
check "$n: the core headers cover the boot-services memory the kernel kept (--status)" \
	grep -q '^PT_LOAD .* KiB of it EFI boot-services memory the kernel kept$' "$QDIR/$n.first.log"
# the same map through kexec_file_load: the kernel writes the core headers, System RAM only
boot_crash "$n-s" q35 1024 ours-s "$MEMMAP_EFI_KEPT"
KEPT_EFI_KNOWN=$n-s
kdump_file_ok "$n-s"
KEPT_EFI_KNOWN=

# --- a loaded dump kernel kept through reloads that fail (kexec_load); the crash goes through it ---
n=q35-keep
boot_crash $n q35 1024 keep
if split_ok $n; then
	fe() { grep -q "^===FE $1\$" "$QDIR/$n.first.log"; }
	said() { [ "$(grep -c "^===FE-ERR $1: " "$QDIR/$n.first.log")" = 1 ] && grep -q "^===FE-ERR $1: $2" "$QDIR/$n.first.log"; }
	check "$n: an initrd too big for the crash region: refused, exit 4, still loaded" fe "keep-big-initrd rc=4 loaded=1"
	check "$n: ... in one line, the dump kernel kept" said keep-big-initrd "kexec-e820: .*the crash region has .*; the loaded dump kernel is kept\$"
	check "$n: a missing initrd: refused, still loaded" fe "keep-no-initrd rc=1 loaded=1"
	check "$n: kexec_load failing after the kernel dropped the dump kernel: loaded again, exit 4" fe "keep-broken rc=4 loaded=1"
	check "$n: ... in one line saying so" said keep-broken "kexec-e820: .*; the dump kernel loaded before (/vmlinuz) is loaded again\$"
	check "$n: --status: loaded by kexec-e820" grep -q '^loaded by kexec-e820:$' "$QDIR/$n.first.log"
	kdump_ok $n
fi

# --- 160 extra reserved ranges on the first kernel: past 128 entries ---
boot_crash q35-160 q35 1024 ours "$MEMMAP_160"
kdump_ok q35-160
check "q35-160: the kdump kernel read a SETUP_E820_EXT node (its 'extended:' table)" has q35-160.kdump.log "] extended: [mem "
# --- the same through kexec_file_load (kexec-e820 -s): the kernel's own purgatory and e820,
# the ranges past its 128 entries on the kdump command line as memmap= ---
boot_crash q35-160-s q35 1024 ours-s "$MEMMAP_160"
kdump_file_ok q35-160-s
check "q35-160-s: the kdump kernel took memmap= options (its user-defined map)" \
	has q35-160-s.kdump.log "user-defined physical RAM map:"
# pc (SeaBIOS): no EFI memory map for the decompressor, so physical KASLR depends on memmap= alone
boot_crash pc-s pc 1024 ours-s
kdump_file_ok pc-s
# only_old_ram LOG: the kdump kernel's command line has memmap= items, every one reserved ("$"):
# the first kernel's RAM (loader/oldram.h), nothing cut from the kernel's own e820
only_old_ram() {
	items=$(grep -m1 'Command line: ' "$1" | grep -o 'memmap=[^ ]*' | sed 's/^memmap=//' | tr ',' '\n')
	[ -n "$items" ] && ! echo "$items" | grep -qv '^[0-9a-fx]*[KMG]\{0,1\}\$[0-9a-fx]*[KMG]\{0,1\}$'
}
check "pc-s: few ranges: nothing cut; memmap= adds only the first kernel's RAM, as reserved" \
	only_old_ram "$QDIR/pc-s.kdump.log"
check "pc-s: so the kdump kernel kept physical KASLR" kaslr_kept "$QDIR/pc-s.kdump.log"
boot_crash pc-160-s pc 1024 ours-s "$MEMMAP_160"
kdump_file_ok pc-160-s
# A kdump command line of the caller's own that leaves room for little: the kdump RAM and the
# MMCONFIG window go first; what does not arrive is exactly what kexec-e820 named on stderr.
boot_crash q35-160-full q35 1024 ours-s "$MEMMAP_160 e820pad=1850"
n=q35-160-full
if split_ok $n; then
	iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
	e820_of "$QDIR/$n.kdump.log" > "$QDIR/$n.kdump.e820"
	nozeros() { sed 's/0x0*\([0-9a-f]\)/0x\1/g' | sort -u; }
	covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820" | sed 's/^  not in e820: //' | nozeros > "$QDIR/$n.missing"
	sed -n 's/^kexec-e820: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] \(.*\) will not reach the kdump kernel.*/\1 \2 \3/p' \
		"$QDIR/$n.first.log" | nozeros > "$QDIR/$n.named"
	check "$n: kexec-e820 -s loaded" has $n.first.log "===LOADED rc=0 crash_loaded=1"
	check "$n: some ranges did not fit ($(wc -l < "$QDIR/$n.named") named)" test -s "$QDIR/$n.named"
	check "$n: the ranges missing from the kdump e820 are exactly those named" cmp -s "$QDIR/$n.missing" "$QDIR/$n.named"
	check "$n: the MMCONFIG window arrived" mmconfig_trusted "$QDIR/$n.kdump.log"
	check "$n: the kdump kernel saved a dump" sh -c "grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' $QDIR/$n.kdump.log"
fi

# kexec-tools' kdump kernels panic or hang here: each is stopped once its outcome is on the
# line (a panic always; a hang after 45 s of silence: recorded, not asserted). Records only:
# make replay's (KEXEC_TOOLS_RECORDS=1), never make check's time.
for tool in kexec-c kexec-s; do
	[ "${KEXEC_TOOLS_RECORDS:-0}" = 1 ] || break
	guest_opts --kdump-quiet 45
	boot_crash "$tool-160" q35 1024 "$tool" "$MEMMAP_160"
	record_kexec_tools "$tool-160" "kexec -${tool#kexec-} -p, 160 ranges"
done

# --- pc with SeaBIOS: the first kernel is not EFI-booted ---
boot_crash pc pc 1024 ours
kdump_ok pc

# --- 6 GiB: RAM above 4 GiB in the dump ---
boot_crash q35-6g q35 6144 ours
kdump_ok q35-6g

# --- crashkernel=256M,high: the main region above 4 GiB, crashk_low below it ---
CRASHKERNEL=256M,high
boot_crash q35-high q35 6144 ours
unset CRASHKERNEL
kdump_ok q35-high
grep ' : Crash kernel$' "$QDIR/q35-high.first.log" | sed 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) .*/\1 \2/' > "$QDIR/q35-high.crash"
check "q35-high: first kernel has two crash regions, one above 4 GiB" \
	sh -c "[ \$(wc -l < $QDIR/q35-high.crash) = 2 ] && tail -1 $QDIR/q35-high.crash | grep -q '^[1-9a-f][0-9a-f]\{8\} '"
low=$(head -1 "$QDIR/q35-high.crash")
check "q35-high: the low region is usable RAM in the kdump kernel's e820" \
	grep -qx "$(printf '0x%016x 0x%016x usable' "0x${low% *}" "0x${low#* }")" "$QDIR/q35-high.kdump.e820"
check "q35-high: purgatory started the kernel above 4 GiB, in the main region" \
	grep -q 'purgatory: booting kernel at 0x[1-9a-f][0-9a-f]\{8\},' "$QDIR/q35-high.kdump.log"
# ... and through kexec_file_load: the kernel's e820 holds the low region and the main one
CRASHKERNEL=256M,high
boot_crash q35-high-s q35 6144 ours-s
unset CRASHKERNEL
kdump_file_ok q35-high-s
done_tests
