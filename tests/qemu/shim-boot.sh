#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Debian kernel booted from OVMF through e820shim.efi and the purgatory. Every assertion
# reads the kernel's own output: its e820 (dmesg), its reading of the firmware's map
# (efi=debug), /proc/iomem, all on its serial console; and the purgatory's report on the same line.
set -u
. tests/lib/guest.inc
guest_setup shim || { done_tests; exit 1; }

MARKER_START=0x00000000d0000000 MARKER_END=0x00000000d0000fff   # staged only by reserve=
MMCONFIG="0x00000000b0000000 0x00000000bfffffff reserved"
CMDLINE="console=ttyS0 earlyprintk=serial,ttyS0 efi=debug"
conf() {
	printf 'kernel=\\vmlinuz\ninitrd=\\initrd.gz\ncmdline=%s\n' "$CMDLINE"
	printf '# a marker range nobody but this file stages\nreserve=%s,0x1000\n' "$MARKER_START"
}
has() { grep -qF -- "$2" "$QDIR/$1.log"; }
in_e820() { e820_of "$QDIR/$1.log" | grep -qx -- "$2"; }

# What every boot through the purgatory must show.
common() {
	n=$1
	check "$n: kernel reached init and printed its view" has "$n" "===IOMEM-END"
	check "$n: purgatory verified the segments" has "$n" "purgatory: sha256 ok: "
	check "$n: kernel did not land outside RAM" ran_without "$QDIR/$n.log" 'are not marked as E820_TYPE_RAM'
	check "$n: decompressor kept physical KASLR" kaslr_kept "$QDIR/$n.log"
	case $n in q35*|shell)
		check "$n: kernel trusts MMCONFIG ('reserved in E820', never 'not using MMCONFIG')" \
			mmconfig_trusted "$QDIR/$n.log" ;;
	esac
}

# Every non-RAM range of the firmware's map (as the kernel read it) is in the kernel's e820.
firmware_map_kept() {
	n=$1
	efi_nonram_of "$QDIR/$n.log" > "$QDIR/$n.fw"
	e820_of "$QDIR/$n.log" > "$QDIR/$n.e820"
	check "$n: firmware map has non-RAM ranges ($(wc -l < "$QDIR/$n.fw"))" test -s "$QDIR/$n.fw"
	check "$n: every one of them is in the kernel's e820 with its type" covered "$QDIR/$n.fw" "$QDIR/$n.e820"
}

# --- q35, the table on ---
conf | boot_shim q35 q35 1024
common q35
firmware_map_kept q35
check "q35: purgatory reported the merge" has q35 "purgatory: e820: "
check "q35: MMCONFIG reserved in e820" in_e820 q35 "$MMCONFIG"
check "q35: reserve= marker in e820" in_e820 q35 "$MARKER_START $MARKER_END reserved"

# --- q35, table=off: the seed's failure, on purpose ---
{ conf; echo "table=off"; } | boot_shim q35-off q35 1024
check "q35-off: kernel reached init" has q35-off "===IOMEM-END"
check "q35-off: purgatory says no table" has q35-off "purgatory: no table staged; booting with e820 unchanged"
e820_of "$QDIR/q35-off.log" > "$QDIR/q35-off.e820"
check "q35-off: kernel printed its e820" test -s "$QDIR/q35-off.e820"
check "q35-off: marker absent from e820" sh -c "test -s $QDIR/q35-off.e820 && ! grep -qF '$MARKER_START' $QDIR/q35-off.e820"
check "q35-off: MMCONFIG absent from e820" sh -c "test -s $QDIR/q35-off.e820 && ! grep -qF 0x00000000b0000000 $QDIR/q35-off.e820"
check "q35-off: kernel refuses MMCONFIG ('not using MMCONFIG', the seed's failure)" mmconfig_refused "$QDIR/q35-off.log"
echo "   q35-off: the kernel's MMCONFIG lines without the table:"
grep -E 'MMCONFIG|MMCFG|ECAM' "$QDIR/q35-off.log" | sed 's/^/     /'

# --- from the UEFI shell: load options override the file's cmdline and add to its ranges ---
NVS_MARK=0x00000000d0010000
printf 'kernel=\\vmlinuz\ninitrd=\\initrd.gz\ncmdline=quiet from-the-file\nreserve=%s,0x1000\n' "$MARKER_START" |
	boot_shell shell "\"cmdline=$CMDLINE\" reserve=$NVS_MARK,0x1000,nvs"
common shell
check "shell: kernel's command line is the load options' cmdline=" has shell "Command line: $CMDLINE"
check "shell: the file's reserve= marker in e820" in_e820 shell "$MARKER_START $MARKER_END reserved"
check "shell: the load options' reserve=,nvs in e820 as ACPI NVS" in_e820 shell "$NVS_MARK 0x00000000d0010fff ACPI NVS"

# --- 1,000 reserve= lines: through SETUP_E820_EXT ---
i=0
while [ $i -lt 1000 ]; do
	a=$((0x100000000 + i * 0x2000))
	printf '0x%016x 0x%016x reserved\n' $a $((a + 0xfff))
	i=$((i + 1))
done > "$QDIR/thousand.ranges"
{ conf; awk '{ printf "reserve=%s,0x1000\n", $1 }' "$QDIR/thousand.ranges"; } | boot_shim q35-1000 q35 1024
common q35-1000
e820_of "$QDIR/q35-1000.log" > "$QDIR/q35-1000.e820"
total=$(wc -l < "$QDIR/q35-1000.e820")
check "q35-1000: purgatory put 128 in the zero page, the kernel's other $((total - 128)) in the extension" \
	has q35-1000 "purgatory: e820: 128 entries in zero page, $((total - 128)) in SETUP_E820_EXT"
check "q35-1000: kernel read the extension (its 'extended:' table)" has q35-1000 "] extended: [mem "
# The first one touches the firmware's flash range (ends at 4 GiB): merged with it, still covered.
check "q35-1000: all 1000 ranges in the kernel's e820" covered "$QDIR/thousand.ranges" "$QDIR/q35-1000.e820"
firmware_map_kept q35-1000
kbase=$(sed -n '/===IOMEM-BEGIN/,/===IOMEM-END/p' "$QDIR/q35-1000.log" | sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Kernel code/\1/p')
check "q35-1000: kernel placed by physical KASLR, not at 0x1000000 (at 0x$kbase)" sh -c "[ -n '$kbase' ] && [ '$kbase' != 01000000 ]"

# --- pc (i440fx): no MMCONFIG there ---
conf | boot_shim pc pc 1024
common pc
firmware_map_kept pc
check "pc: reserve= marker in e820" in_e820 pc "$MARKER_START $MARKER_END reserved"
check "pc: no MMCONFIG range in e820" sh -c "test -s $QDIR/pc.e820 && ! grep -qF 0x00000000b0000000 $QDIR/pc.e820"

# --- 6 GiB: RAM above 4 GiB ---
conf | boot_shim q35-6g q35 6144
common q35-6g
firmware_map_kept q35-6g
check "q35-6g: RAM above 4 GiB in e820" grep -q '^0x0000000100000000 0x[0-9a-f]* usable$' "$QDIR/q35-6g.e820"
check "q35-6g: MMCONFIG reserved in e820" in_e820 q35-6g "$MMCONFIG"
check "q35-6g: reserve= marker in e820" in_e820 q35-6g "$MARKER_START $MARKER_END reserved"
done_tests
