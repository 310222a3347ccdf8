#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fixture-from-log.sh LOG OUT WHAT: unit-test fixtures from a crash cycle's serial log
# (tests/lib/guest.inc boot_crash): OUT.iomem, the first kernel's /proc/iomem; OUT.sysfs,
# what it said of kexec_file in /sys/kernel; OUT.kdump.dmesg, the kdump kernel's e820 and PCI
# window lines as it printed them; OUT.kdump.e820, that e820 as "START END TYPE" (6.x words).
# WHAT is the first line of each, saying where it comes from.
set -eu
log=$1 out=$2 what=$3
. tests/lib/maps.inc
first=$(mktemp) kdump=$(mktemp)
trap 'rm -f "$first" "$kdump"' EXIT
sed '/===CRASHING/q' "$log" > "$first"
sed '1,/===CRASHING/d' "$log" > "$kdump"
{ echo "# /proc/iomem: $what"; section "$first" FIRST-IOMEM; } > "$out.iomem"
{ echo "# /sys/kernel: $what"; section "$first" KEXEC-SYSFS; } > "$out.sysfs"
{ echo "# the kdump kernel's e820 and PCI window lines: $what"
  grep -a -e '\] BIOS-e820: \[' -e 'PCI: \(MMCONFIG\|ECAM\|not using\)' "$kdump"; } > "$out.kdump.dmesg"
{ echo "# e820 of the kdump kernel, 6.x words: $what"; e820_of "$kdump"; } > "$out.kdump.e820"
