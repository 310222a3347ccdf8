#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo: a q35+OVMF guest with 160 extra reserved ranges (past the zero page's 128) crashes
# three times, its kdump kernel loaded by kexec-e820, by kexec -c -p (kexec_load) and by
# kexec -s -p (kexec_file); then twice on Debian's signed Secure Boot chain, where only
# kexec_file_load is allowed: kexec-e820 -s beside kexec -s -p. For each: the first kernel's
# reserved ranges beside the kdump kernel's e820, and whether the kdump kernel came up, kept
# KASLR and could save a dump.
set -u
. tests/lib/guest.inc
guest_setup crash || exit 1          # its FAIL line says what is missing

# run NAME MODE WHAT [sb]
run() {
	name=demo-$1
	took="30 s"; [ -z "${4:-}" ] || took="a minute"
	echo "== crash cycle: first kernel loads its kdump kernel with $3 (about $took under TCG)"
	if [ -n "${4:-}" ]; then boot_sb_crash "$name" 1024 "$2" "$MEMMAP_160"; else boot_crash "$name" q35 1024 "$2" "$MEMMAP_160"; fi
	iomem_e820_of "$QDIR/$name.first.log" > "$QDIR/$name.first.ranges"
	e820_of "$QDIR/$name.kdump.log" > "$QDIR/$name.kdump.e820"
}

# table FIRST OK NAME=TITLE...: one row per range of demo-FIRST's first kernel, a column per
# kdump kernel; OK is what the first column says of a range that arrived
table() {
	first=$QDIR/demo-$1.first.ranges okword=$2
	shift 2
	head='' files=
	for c; do
		column "$QDIR/demo-${c%%=*}.kdump.e820" "$first" > "$QDIR/demo-${c%%=*}.col"
		head="$head$(printf ' %-14s' "${c#*=}")" files="$files $QDIR/demo-${c%%=*}.col"
	done
	printf '%-40s %-20s%s\n' "range" "type" "$head"
	# shellcheck disable=SC2086
	paste -d'|' "$first" $files |
		awk -F'|' -v ok="$okword" '{ split($1, f, " "); t = substr($1, length(f[1]) + length(f[2]) + 3)
			     printf "%-40s %-20s", f[1] "-" f[2], t
			     for (i = 2; i <= NF; i++) printf " %-14s", (i == 2 && $i == "ok" ? ok : $i); print "" }'
}

# One row per first-kernel range: is it in this kdump kernel's e820, with its type?
column() {
	if [ ! -s "$1" ]; then          # the kdump kernel died before printing its e820
		sed 's/.*/-- no e820/' "$2"
		return
	fi
	awk "$AWK_HEX"'
	BEGIN { n = 0 }
	FILENAME == ARGV[1] { s[n] = h($1); e[n] = h($2); t[n] = substr($0, index($0, $3)); n++; next }
	{ a = h($1); b = h($2); want = substr($0, index($0, $3)); hit = "-- missing"
	  for (i = 0; i < n; i++) if (s[i] <= a && e[i] >= b && t[i] == want) hit = "ok"
	  print hit }' "$1" "$2"
}

verdict() {
	log=$QDIR/demo-$1.kdump.log
	if ! grep -q '===CRASHING' "$QDIR/demo-$1.log"; then
		printf '%-13s no ===CRASHING marker: the first kernel'\''s report was cut; run make demo again\n' "$3"
		return
	fi
	panic=$(grep 'Kernel panic' "$log" | grep -v 'sysrq triggered' | sed 's/.*not syncing: //' | head -1)
	if grep -q '===KDUMP-UP' "$log"; then fate="up"
	elif [ -n "$panic" ]; then fate="PANICKED ($panic)"
	else fate="HUNG (no init in ${2}s)"; fi
	if grep -q 'Physical KASLR disabled' "$log"; then kaslr=DISABLED
	elif grep -q '===KDUMP-UP' "$log"; then kaslr=kept
	else kaslr=unknown; fi
	dump=no; grep -q '===MAKEDUMPFILE rc=0 size=[1-9]' "$log" && dump=yes
	missing=$(grep -c -- '--' "$QDIR/demo-$1.col")
	printf '%-13s kdump kernel: %-10s physical KASLR: %-9s dump saved: %-4s reserved ranges missing: %s of %s\n' \
		"$3" "$fate" "$kaslr" "$dump" "$missing" "$(wc -l < "$QDIR/demo-${4:-ours}.first.ranges")"
	printf '%-13s the kdump kernel on MMCONFIG: %s\n' "" "$(mmconfig_line "$log" | grep . || echo '(no verdict printed)')"
}

run ours ours "kexec-e820 (this project)"
ours_timeout=$BOOT_TIMEOUT
BOOT_TIMEOUT=90         # kexec-tools' kdump kernels may hang here; a good cycle takes ~30 s
run kexec-c kexec-c "kexec -c -p (kexec-tools, kexec_load)"
run kexec-s kexec-s "kexec -s -p (kexec-tools, kexec_file)"
BOOT_TIMEOUT=$ours_timeout
run sb-ours ours-s "kexec-e820 -s on the Secure Boot chain (kexec_file_load, memmap= for the rest)" sb
BOOT_TIMEOUT=120
run sb-kexec-s kexec-s "kexec -s -p on the Secure Boot chain" sb

echo
echo "The purgatory's report on the serial line, between the panic and the kdump kernel:"
grep '^purgatory: ' "$QDIR/demo-ours.kdump.log" | sed 's/^/    /'
echo
echo "First kernel's reserved ranges (/proc/iomem) and whether each kdump kernel's e820 has them."
echo "With kexec-e820 every one arrives through the staged table: the purgatory added it."
table ours purgatory "ours=kexec-e820" "kexec-c=kexec -c -p" "kexec-s=kexec -s -p"
echo
echo "Secure Boot (Debian's shim, GRUB and kernel; locked down): only kexec_file_load is allowed."
echo "kexec-e820 -s puts what the kernel's 128 entries lose on the kdump command line:"
section "$QDIR/demo-sb-ours.first.log" PREDICT | grep '^# ' | sed 's/^# /    /'
table sb-ours ok "sb-ours=kexec-e820 -s" "sb-kexec-s=kexec -s -p"
echo
verdict ours "$ours_timeout" "kexec-e820"
verdict kexec-c 90 "kexec -c -p"
verdict kexec-s 90 "kexec -s -p"
verdict sb-ours "$ours_timeout" "SB: e820 -s" sb-ours
verdict sb-kexec-s 120 "SB: kexec -s" sb-ours
mkdir -p build/demo
map_svg build/demo/map.svg "make demo: the first kernel's map and three kdump kernels' e820 (160 extra ranges)" \
	"$QDIR/demo-ours.first.log" "kdump kernel: kexec-e820=$QDIR/demo-ours.kdump.e820" \
	"kdump kernel: kexec -c -p=$QDIR/demo-kexec-c.kdump.e820" "kdump kernel: kexec -s -p=$QDIR/demo-kexec-s.kdump.e820"
map_svg build/demo/map-secureboot.svg "make demo, Secure Boot: the first kernel's map and two kexec_file kdump kernels' e820" \
	"$QDIR/demo-sb-ours.first.log" "kdump kernel: kexec-e820 -s=$QDIR/demo-sb-ours.kdump.e820" \
	"kdump kernel: kexec -s -p=$QDIR/demo-sb-kexec-s.kdump.e820"
echo
echo "The maps as pictures (ranges a kdump kernel lacks outlined in red): build/demo/map.svg, build/demo/map-secureboot.svg"
echo "Logs: $QDIR/demo-*.log (whole serial line), *.first.log (before the crash), *.kdump.log (after)."
