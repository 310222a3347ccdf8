#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The readers of what kernels print (tests/lib/maps.inc, tools/e820-svg) on the words of
# 6.1, 6.12 and 7.2, from the kdump kernels' own lines recorded in QEMU (tests/fixtures/): 7.x's
# "System RAM", "device reserved", "persistent RAM (type N)" and "[gap ...]" lines; ECAM (6.12+)
# beside MMCONFIG (6.1) in the PCI verdict. Each reader is also shown to fail on nothing.
set -u
. tests/lib/test-lib.sh
. tests/lib/maps.inc
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
WORDS='usable|reserved|soft reserved|ACPI data|ACPI NVS|unusable|persistent \(type [0-9]+\)'

# same_entries A B: e820_of reads the same entries from both logs
same_entries() { e820_of "$1" > "$dir/a"; e820_of "$2" > "$dir/b"; test -s "$dir/a" && cmp -s "$dir/a" "$dir/b"; }
none_of() { ! grep -Evq "$1" "$2"; }
reads_pm() {
	printf '[    0.000000] BIOS-e820: [mem 0x0000000019000000-0x0000000019ffffff]  persistent RAM (type 12)\n' > "$dir/pm"
	e820_of "$dir/pm" | grep -qx '0x0000000019000000 0x0000000019ffffff persistent (type 12)'
}
reads_nothing() { : > "$dir/empty"; [ -z "$(e820_of "$dir/empty")" ]; }
not_refused() { ! mmconfig_refused "$1"; }
refused_only() { mmconfig_refused "$1" && ! mmconfig_trusted "$1"; }
neither() { ! mmconfig_trusted "$1" && ! mmconfig_refused "$1"; }

for f in tests/fixtures/linux-6.1/*.kdump.dmesg tests/fixtures/linux-6.12/*.kdump.dmesg tests/fixtures/linux-7.2/*.kdump.dmesg; do
	n=${f#tests/fixtures/}
	e820_of "$f" > "$dir/e820"
	check "$n: one entry per '[mem' line ($(grep -c 'BIOS-e820: \[mem ' "$f")), no '[gap' line taken" \
		test "$(wc -l < "$dir/e820")" = "$(grep -c 'BIOS-e820: \[mem ' "$f")"
	check "$n: every type in 6.x's words" none_of "^0x[0-9a-f]{16} 0x[0-9a-f]{16} ($WORDS)\$" "$dir/e820"
	for pair in 'usable:\(System RAM\|usable\)' 'reserved:\(device reserved\|reserved\)' 'ACPI NVS:ACPI NVS'; do
		word=${pair%%:*} printed=${pair#*:}
		check "$n: as many '$word' entries as the kernel printed" \
			test "$(grep -c " $word\$" "$dir/e820")" = "$(grep -c "\]  *$printed\$" "$f")"
	done
	# the same file in 6.x's words: the entries are read the same way
	sed -e 's/  *System RAM$/ usable/' -e 's/  *device reserved$/ reserved/' "$f" > "$dir/as-6x"
	check "$n: the same entries as in 6.x's words" same_entries "$dir/as-6x" "$f"
done
check "7.2 printed its new words and gap lines (the case above is real)" sh -c \
	"grep -q ' System RAM\$' tests/fixtures/linux-7.2/q35-1g.kdump.dmesg && grep -q '\[gap ' tests/fixtures/linux-7.2/q35-1g.kdump.dmesg"
check "7.x's persistent memory word" reads_pm
check "e820_of on an empty log reads nothing" reads_nothing

# The PCI window's verdict: 6.1's MMCONFIG words, 6.12's and 7.2's ECAM words.
for f in tests/fixtures/linux-6.1/q35-1g.kdump.dmesg tests/fixtures/linux-6.12/q35-1g.kdump.dmesg \
	tests/fixtures/linux-7.2/q35-1g.kdump.dmesg; do
	check "${f#tests/fixtures/}: trusted: '$(mmconfig_line "$f")'" mmconfig_trusted "$f"
	check "${f#tests/fixtures/}: not refused" not_refused "$f"
done
printf 'PCI: not using ECAM ([mem 0xb0000000-0xbfffffff] not reserved)\n' > "$dir/refused-ecam"
printf 'PCI: not using MMCONFIG\n' > "$dir/refused-mmconfig"
for f in refused-ecam refused-mmconfig; do
	check "$f: refused, never trusted: '$(mmconfig_line "$dir/$f")'" refused_only "$dir/$f"
done
: > "$dir/empty"
check "an empty log is neither trusted nor refused" neither "$dir/empty"

# The picture reads both vocabularies too (tools/e820-svg through loader/e820words.c).
sed -n 's/.*BIOS-e820: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\]  *\(.*\)/\1 \2 \3/p' tests/fixtures/linux-7.2/q35-1g.kdump.dmesg > "$dir/words72"
check "e820-svg takes 7.2's words as printed" build/host/e820-svg "$dir/x.svg" "7.2" "kdump=$dir/words72"
done_tests
