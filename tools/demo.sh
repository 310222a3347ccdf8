#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo: q35+OVMF guests with 160 extra reserved ranges (past the zero page's 128) crash,
# each kdump kernel loaded by another loader. Debian 13's path first: Linux 6.12 and kexec-tools
# 2.0.29, whose plain `kexec -p` goes through kexec_file_load (its -a default); then Debian 12's:
# 6.1 and kexec-tools 2.0.25 (kexec -c -p, kexec -s -p). Each also on Debian's signed Secure Boot
# chain, where only kexec_file_load is allowed. The two releases' guests run side by side, one
# stream each, and every guest stops at its outcome. For each: whether the kdump kernel came up,
# kept KASLR, could save a dump, and which first-kernel reserved ranges its e820 lacks.
set -u
. tests/lib/guest.inc
D13=build/qemu-demo-13 D12=build/qemu-demo-12    # each release's guests and logs
RECORDED='--kdump-quiet 45'               # kexec-tools' kdump kernels may hang: recorded, not judged

# cycle NAME MODE [sb SUITE] [OPTION...]: one crash cycle in $QDIR; NAME.first.ranges, NAME.kdump.e820
cycle() {
	name=$1 mode=$2
	shift 2
	chain=
	[ "${1:-}" != sb ] || { chain=$2; shift 2; }
	[ $# = 0 ] || guest_opts "$@"
	if [ -n "$chain" ]; then boot_sb_crash --chain "$chain" "$name" 1024 "$mode" "$MEMMAP_160"
	else boot_crash "$name" q35 1024 "$mode" "$MEMMAP_160"; fi
	iomem_e820_of "$QDIR/$name.first.log" > "$QDIR/$name.first.ranges"
	e820_of "$QDIR/$name.kdump.log" > "$QDIR/$name.kdump.e820"
	echo "   $name: done, $(sed 's/.*wall=\([0-9]*\).*/\1/' "$QDIR/$name.usage") s"
}

# The streams: each in its own directory, its own kernel; a part that cannot be made leaves
# DIR/setup-failed, and guest_setup's line says which.
stream13() {
	QDIR=$D13
	mkdir -p "$QDIR" && rm -f "$QDIR/setup-failed"
	if ! { VMLINUZ=$(tools/fetch-kernel.sh trixie) && kt=$(tools/fetch-kexec-tools.sh trixie) &&
	       guest_setup crash "$kt"; }; then
		echo "Debian 13's kernel, kexec-tools or initramfs could not be made" > "$QDIR/setup-failed"
		return 1
	fi
	cycle ours ours
	# shellcheck disable=SC2086
	cycle kexec-p kexec-release $RECORDED
	cycle sb-ours ours-s sb trixie
	# shellcheck disable=SC2086
	cycle sb-kexec-s kexec-release-s sb trixie $RECORDED
}
stream12() {
	QDIR=$D12
	mkdir -p "$QDIR" && rm -f "$QDIR/setup-failed"
	guest_setup crash || { echo "Debian 12's kernel or initramfs could not be made" > "$QDIR/setup-failed"; return 1; }
	cycle ours ours
	# shellcheck disable=SC2086
	cycle kexec-c kexec-c $RECORDED
	# shellcheck disable=SC2086
	cycle kexec-s kexec-s $RECORDED
	cycle sb-ours ours-s sb bookworm
	# shellcheck disable=SC2086
	cycle sb-kexec-s kexec-s sb bookworm $RECORDED
}

echo "== 9 crash cycles under TCG, two at a time (Debian 13 and 12 side by side): about 3 minutes"
t0=$(date +%s)
stream13 2>&1 | sed -u 's/^/[13] /' &
s13=$!
stream12 2>&1 | sed -u 's/^/[12] /'
wait $s13
for d in $D13 $D12; do
	[ ! -f "$d/setup-failed" ] || { echo "make demo: $(cat "$d/setup-failed"); see the lines above"; exit 1; }
done
echo "   the guests took $(($(date +%s) - t0)) s"

# One row per first-kernel range: is it in this kdump kernel's e820, with its type?
column() {
	if [ ! -s "$1" ]; then          # the kdump kernel died before printing its e820
		sed 's/.*/no-e820/' "$2"
		return
	fi
	awk "$AWK_HEX"'
	BEGIN { n = 0 }
	FILENAME == ARGV[1] { s[n] = h($1); e[n] = h($2); t[n] = substr($0, index($0, $3)); n++; next }
	{ a = h($1); b = h($2); want = substr($0, index($0, $3)); hit = "MISSING"
	  for (i = 0; i < n; i++) if (s[i] <= a && e[i] >= b && t[i] == want) hit = "ok"
	  print hit }' "$1" "$2"
}

# table DIR FIRST NAME=TITLE...: the first kernel's reserved ranges (of DIR/FIRST) that some
# kdump kernel lacks, a column per kdump kernel, and how many arrived in all of them
table() {
	dir=$1 first=$1/$2.first.ranges
	shift 2
	head='' files=
	for c; do
		column "$dir/${c%%=*}.kdump.e820" "$first" > "$dir/${c%%=*}.col"
		head="$head$(printf ' %-16s' "${c#*=}")" files="$files $dir/${c%%=*}.col"
	done
	printf '    %-40s %-20s%s\n' "range" "type" "$head"
	# shellcheck disable=SC2086
	paste -d'|' "$first" $files |
		awk -F'|' '{ split($1, f, " "); t = substr($1, length(f[1]) + length(f[2]) + 3); all = 1
			     for (i = 2; i <= NF; i++) if ($i != "ok") all = 0
			     if (all) { same++; next }
			     printf "    %-40s %-20s", f[1] "-" f[2], t
			     for (i = 2; i <= NF; i++) printf " %-16s", $i; print "" }
		     END { printf "    ... and %d more ranges that every kdump kernel here has\n", same }'
}

# verdict DIR NAME LABEL: one loader's outcome, read from its guest's serial line (the
# missing ranges counted against its own first kernel's map)
verdict() {
	log=$1/$2.kdump.log
	if ! grep -q '===CRASHING' "$1/$2.log"; then
		printf '  %-20s no ===CRASHING marker: the first kernel'\''s report was cut; run make demo again\n' "$3"
		return
	fi
	panic=$(grep -e 'Kernel panic' -e 'PANIC: early exception' "$log" | grep -v 'sysrq triggered' |
		sed 's/.*not syncing: //; s/^.*PANIC: /PANIC: /' | head -1)
	if grep -q '===KDUMP-UP' "$log"; then fate="up"
	elif [ -n "$panic" ]; then fate="PANICKED ($panic)"
	else fate="HUNG (stopped: $(grep -o '===STOPPED: .*\|===TIMEOUT: .*' "$1/$2.log" | head -1 | cut -d' ' -f2-))"; fi
	if grep -q 'Physical KASLR disabled' "$log"; then kaslr=DISABLED
	elif grep -q '===KDUMP-UP' "$log"; then kaslr=kept
	else kaslr=unknown; fi
	dump=no; grep -q '===MAKEDUMPFILE rc=0 size=[1-9]' "$log" && dump=yes
	column "$1/$2.kdump.e820" "$1/$2.first.ranges" > "$1/$2.col"
	printf '  %-20s kdump kernel: %s\n' "$3" "$fate"
	printf '  %-20s physical KASLR: %-9s dump saved: %-4s reserved ranges missing: %s of %s\n' "" "$kaslr" "$dump" \
		"$(grep -vc '^ok$' "$1/$2.col")" "$(wc -l < "$1/$2.first.ranges")"
	printf '  %-20s the PCI window: %s\n' "" "$(mmconfig_line "$log" | grep . || echo '(no verdict printed)')"
}

# release DIR TITLE NAME=LABEL...: a release's verdicts, then its maps side by side
release() {
	dir=$1 title=$2
	shift 2
	echo
	echo "== $title"
	for c; do verdict "$dir" "${c%%=*}" "${c#*=}"; done
}

# the kdump kernel is the first one again, and prints its banner (the first boots quiet)
v13=$(grep -m1 -o 'Linux version [0-9][^ ]*' "$D13/ours.kdump.log" | cut -d' ' -f3)
kt13=$(grep -m1 -o '^kexec-tools [0-9.]*' "$D13/kexec-p.first.log" || echo 'kexec-tools (version not printed)')
v12=$(grep -m1 -o 'Linux version [0-9][^ ]*' "$D12/ours.kdump.log" | cut -d' ' -f3)
kt12=$(kexec --version 2>/dev/null | grep -o '^kexec-tools [0-9.]*')
release "$D13" "Debian 13: Linux $v13 (first and kdump kernel), $kt13" \
	"ours=kexec-e820 -p" "kexec-p=kexec -p" "sb-ours=SB: kexec-e820 -s" "sb-kexec-s=SB: kexec -s -p"
release "$D12" "Debian 12: Linux $v12, $kt12" \
	"ours=kexec-e820 -p" "kexec-c=kexec -c -p" "kexec-s=kexec -s -p" "sb-ours=SB: kexec-e820 -s" \
	"sb-kexec-s=SB: kexec -s -p"

echo
echo "The purgatory's report on the serial line (Debian 13), between the panic and the kdump kernel:"
grep '^purgatory: ' "$D13/ours.kdump.log" | sed 's/^/    /'
echo
echo "The first kernel's reserved ranges (/proc/iomem) that a kdump kernel's e820 lacks. With"
echo "kexec-e820 every one arrives: through the purgatory's staged table or, through kexec_file_load"
echo "(-s, Secure Boot), as memmap= on the kdump command line for what the kernel's 128 entries lose."
echo "Debian 13:"
table "$D13" ours "ours=kexec-e820 -p" "kexec-p=kexec -p"
echo "Debian 13 under Secure Boot (its firmware map differs a little):"
table "$D13" sb-ours "sb-ours=kexec-e820 -s -p" "sb-kexec-s=kexec -s -p"
echo "Debian 12:"
table "$D12" ours "ours=kexec-e820 -p" "kexec-c=kexec -c -p" "kexec-s=kexec -s -p"
echo "Debian 12 under Secure Boot:"
table "$D12" sb-ours "sb-ours=kexec-e820 -s -p" "sb-kexec-s=kexec -s -p"
mkdir -p build/demo
map_svg build/demo/map.svg "make demo, Debian 13: the first kernel's map and each kdump kernel's e820 (160 extra ranges)" \
	"$D13/ours.first.log" "kdump kernel: kexec-e820 -p=$D13/ours.kdump.e820" "kdump kernel: kexec -p=$D13/kexec-p.kdump.e820" \
	"kdump kernel: SB kexec-e820 -s=$D13/sb-ours.kdump.e820" "kdump kernel: SB kexec -s -p=$D13/sb-kexec-s.kdump.e820"
map_svg build/demo/map-12.svg "make demo, Debian 12: the first kernel's map and each kdump kernel's e820 (160 extra ranges)" \
	"$D12/ours.first.log" "kdump kernel: kexec-e820=$D12/ours.kdump.e820" \
	"kdump kernel: kexec -c -p=$D12/kexec-c.kdump.e820" "kdump kernel: kexec -s -p=$D12/kexec-s.kdump.e820"
echo
echo "The maps as pictures (ranges a kdump kernel lacks outlined in red): build/demo/map.svg, build/demo/map-12.svg"
echo "Logs: $D13/*.log and $D12/*.log (whole serial line), *.first.log (before the crash), *.kdump.log (after)."
