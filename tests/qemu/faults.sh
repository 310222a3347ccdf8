#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The fault matrix (docs/faults.md): the purgatory under bad input, booted from OVMF through the
# test-only build/e820shim-faults.efi. Asserts the purgatory's own lines and the kernel's e820.
set -u
. tests/lib/guest.inc
guest_setup shim || { done_tests; exit 1; }
SHIM_EFI=build/e820shim-faults.efi

CMDLINE="console=ttyS0 earlyprintk=serial,ttyS0"
MARKER="0x00000000d0000000 0x00000000d0000fff reserved"
conf() { printf 'kernel=\\vmlinuz\ninitrd=\\initrd.gz\ncmdline=%s\nreserve=0xd0000000,0x1000\n' "$CMDLINE"; }

# 1. A segment corrupted after its digest was taken: named, no jump, a halt that says so. The
# halted guest never exits: QEMU is stopped once the refusal is on the line (or at the timeout).
{ conf; echo "fault=corrupt-kernel"; } | boot_shim fault-digest q35 1024 "; not booting"
check "digest: purgatory names region 0 (the kernel) and refuses" has fault-digest.log "purgatory: sha256 mismatch in region 0 "
check "digest: the refusal is on serial, ending '; not booting'" has fault-digest.log "; not booting"
# Absences count only once the purgatory has spoken: an empty log lacks everything.
refused() { has fault-digest.log "; not booting" && ! has fault-digest.log "$1"; }
check "digest: no jump: no 'booting kernel' line" refused "purgatory: booting kernel"
check "digest: no kernel ran" refused "Linux version"

# 2. Bad tables: boot with e820 unchanged (RAM only), and say why.
unpatched() {
	n=$1 fault=$2 words=$3
	{ conf; echo "fault=$fault"; } | boot_shim "$n" q35 1024
	check "$fault: purgatory says why: '$words'" has "$n.log" "purgatory: table rejected: $words"
	check "$fault: says it boots unchanged" has "$n.log" "; booting with e820 unchanged"
	check "$fault: kernel booted to init" has "$n.log" "===IOMEM-END"
	e820_of "$QDIR/$n.log" > "$QDIR/$n.e820"
	check "$fault: kernel's e820 is the shim's RAM only: nothing staged arrived" \
		sh -c "test -s $QDIR/$n.e820 && ! grep -qv ' usable$' $QDIR/$n.e820"
	check "$fault: so the kernel says 'not using MMCONFIG'" mmconfig_refused "$QDIR/$n.log"
}
unpatched fault-magic table-magic "bad magic 0x545232ba"
unpatched fault-version table-version "unknown version 2"
unpatched fault-count table-count "count needs"
unpatched fault-wrap table-wrap "entry 0: 0xfffffffffffff000 + 0x2000 wraps past 2^64"

# 3. A staged range over the kernel's RAM: RAM kept, the range clipped, and counted.
{ conf; echo "reserve=0x2000000,0x100000,reserved"; } | boot_shim fault-overlap q35 1024
e820_of "$QDIR/fault-overlap.log" > "$QDIR/fault-overlap.e820"
check "overlap: purgatory reports one range clipped" sh -c "grep -q 'purgatory: table: [0-9]* ranges, [0-9]* added, 1 clipped to keep kdump RAM' $QDIR/fault-overlap.log"
echo "0x0000000002000000 0x00000000020fffff usable" > "$QDIR/fault-overlap.want"
check "overlap: the kernel sees that range as usable RAM" covered "$QDIR/fault-overlap.want" "$QDIR/fault-overlap.e820"
check "overlap: the rest still arrived (marker)" grep -qx "$MARKER" "$QDIR/fault-overlap.e820"
check "overlap: kernel trusts MMCONFIG" mmconfig_trusted "$QDIR/fault-overlap.log"

# 4. More ranges than the spare area holds: boots, delivers up to capacity, counts the rest.
{ conf; echo "fault_ext_capacity=100"; i=0; while [ $i -lt 300 ]; do printf 'reserve=0x%x,0x1000\n' $((0x100000000 + i * 0x2000)); i=$((i + 1)); done; } |
	boot_shim fault-capacity q35 1024
e820_of "$QDIR/fault-capacity.log" > "$QDIR/fault-capacity.e820"
line=$(grep -o 'purgatory: table: .*' "$QDIR/fault-capacity.log")
dropped=$(echo "$line" | sed -n 's/.* \([0-9]*\) entries dropped.*/\1/p')
check "capacity: 128 in the zero page, 100 in SETUP_E820_EXT" has fault-capacity.log "purgatory: e820: 128 entries in zero page, 100 in SETUP_E820_EXT (room for 100)"
check "capacity: dropped entries counted (${dropped:-none})" test "${dropped:-0}" -gt 0
check "capacity: the kernel has exactly 228 entries" test "$(wc -l < "$QDIR/fault-capacity.e820")" = 228
check "capacity: kernel booted to init" has fault-capacity.log "===IOMEM-END"
done_tests
