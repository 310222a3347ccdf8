#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: its figures, each measured in this run, medians of several runs; the
# table goes to stdout and build/bench/report.md. Targets are marked, never asserted by tests.
set -u
out=build/bench
mkdir -p "$out"
RUNS=${BENCH_RUNS:-3}
rows=

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mark() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? v >= t : v <= t; print ok ? "PASS" : "FAIL" }'; }
row() { rows="$rows| $1 | $2 | $3 | $4 |
"; printf '%-58s %-44s %-10s %s\n' "$1" "$2" "$3" "$4"; }

# OpenSSL's own speed on a 256 MiB buffer, kB/s -> MB/s.
openssl_speed() {
	openssl speed -evp sha256 -bytes 268435456 -seconds 2 2>/dev/null |
		awk '$1 == "sha256" { sub(/k$/, "", $2); print $2 * 1.024 / 1000 }'
}

# openssl_mbps MASK: median over RUNS with OPENSSL_ia32cap=MASK; no MASK: the variable unset
# (an empty value would mask every capability).
openssl_mbps() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		if [ -n "$1" ]; then (export OPENSSL_ia32cap="$1"; openssl_speed); else (unset OPENSSL_ia32cap; openssl_speed); fi
		i=$((i + 1))
	done | median
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores; medians of $RUNS runs"
printf '%-58s %-44s %-10s %s\n' figure measured target result

# 1. SHA-NI path vs OpenSSL (which uses SHA-NI too).
ni=$(build/host/sha256-bench ni 256 "$RUNS")
if [ "$ni" = no-sha-ni ]; then
	row "1. SHA-NI SHA-256 vs openssl speed" "skipped: this CPU has no SHA-NI" ">= 0.95x" "n/a"
else
	ossl=$(openssl_mbps "")
	r=$(ratio "$ni" "$ossl")
	row "1. SHA-NI SHA-256 vs openssl speed -evp sha256" "${r}x ($ni vs $ossl MB/s)" ">= 0.95x" "$(mark "$r" 0.95 '>=')"
fi

# 2. Generic C vs OpenSSL with the SHA bit masked (it then uses its AVX2/SSSE3 code), and,
#    for context, vs OpenSSL's scalar x86-64 code (SSSE3, AVX, AVX2 and SHA masked too).
gen=$(build/host/sha256-bench generic 256 "$RUNS")
masked=$(openssl_mbps ":~0x20000000")
scalar=$(openssl_mbps "~0x1000020000000000:~0x20000020")
r=$(ratio "$gen" "$masked")
row "2. generic C vs OpenSSL, SHA-NI masked" "${r}x ($gen vs $masked MB/s)" ">= 1.0x" "$(mark "$r" 1.0 '>=')"
row "   (context) generic C vs OpenSSL scalar asm" "$(ratio "$gen" "$scalar")x ($gen vs $scalar MB/s)" "-" "-"

# 6. (first, beside the same OpenSSL figures) The objects linked into the image, not a host build.
img_ni=$(build/host/sha256-bench-image ni 256 "$RUNS")
img_gen=$(build/host/sha256-bench-image generic 256 "$RUNS")
if [ "$img_ni" != no-sha-ni ] && [ "$ni" != no-sha-ni ]; then
	r=$(ratio "$img_ni" "$ossl")
	rows6="6. the image's own sha256.o, SHA-NI, vs openssl speed|${r}x ($img_ni vs $ossl MB/s)|>= 0.95x|$(mark "$r" 0.95 '>=')"
fi
r=$(ratio "$img_gen" "$masked")
rows6b="   the image's own sha256.o, generic, vs OpenSSL SHA-NI masked|${r}x ($img_gen vs $masked MB/s)|>= 1.0x|$(mark "$r" 1.0 '>=')"

# 3. The e820 merge: instructions per staged range, callgrind, as the purgatory compiles it.
per() {
	valgrind --tool=callgrind --toggle-collect=e820_patch --callgrind-out-file="$out/cg.$1" \
		build/host/e820-bench "$1" >/dev/null 2>&1
	sed -n 's/^totals: \([0-9]*\).*/\1/p' "$out/cg.$1" | awk -v n="$1" '{ printf "%.0f", $1 / n }'
}
p128=$(per 128) p1k=$(per 1024) p4k=$(per 4096) p16k=$(per 16384)
row "3. e820 merge, instructions per range at 4096" "$p4k (128: $p128, 1024: $p1k, 16384: $p16k)" "<= 300" "$(mark "$p4k" 300 '<=')"
growth=$(ratio "$p16k" "$p128")
row "   growth per range, 128 -> 16384 (n log n allows 2.0)" "${growth}x" "<= 2.0x" "$(mark "$growth" 2.0 '<=')"

# 4. Image size.
size=$(stat -c %s build/purgatory.bin)
row "4. purgatory image (build/purgatory.bin)" "$size bytes" "<= 16384" "$(mark "$size" 16384 '<=')"

# 7. make unit, what a contributor runs on every change, on the tree as built (median).
unit_s=$(i=0; while [ $i -lt "$RUNS" ]; do
	t0=$(date +%s.%N); make --no-print-directory unit > "$out/unit.log" 2>&1; t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }'; i=$((i + 1)); done | median)
row "7. make unit, wall time (built tree; $(tail -1 "$out/unit.log"))" "$unit_s s" "<= 60 s" "$(mark "$unit_s" 60 '<=')"

# 9. Planning on the real machines' maps (tests/fixtures/realmaps): one kexec-e820 --print-e820
#    per map and path, process start included; the median and the worst map.
. tests/lib/bzimage.inc
mkbz "$out/bz"
for s in "" -s; do
	for map in tests/fixtures/realmaps/*.iomem; do
		t0=$(date +%s%N)
		# shellcheck disable=SC2086 # -s or nothing
		build/kexec-e820 $s -p "$out/bz" --iomem="$map" --print-e820 > /dev/null 2>&1
		echo $((($(date +%s%N) - t0) / 1000))
	done | sort -n > "$out/plan$s.us"
	med=$(median < "$out/plan$s.us") worst=$(tail -1 "$out/plan$s.us")
	row "9. --print-e820${s:+ -s} on $(wc -l < "$out/plan$s.us") real maps: median, worst" "$med us, $worst us" "<= 100000 us" \
		"$(mark "$worst" 100000 '<=')"
done

# 8. make demo, once (its nine crash cycles are the figure's noise already), caches warm: a
#    first run downloads the kernels, the Secure Boot chains and Debian 13's kexec-tools too.
t0=$(date +%s)
make --no-print-directory demo > "$out/demo.log" 2>&1
demo_rc=$? demo_s=$(($(date +%s) - t0))
row "8. make demo, wall time (cached; exit $demo_rc)" "$demo_s s" "<= 360 s" "$(mark "$demo_s" 360 '<=')"
# every demo guest stopped at its outcome: none killed at a limit, the longest one's wall time
longest=$(cat build/qemu-demo-1[23]/*.usage 2>/dev/null | sed 's/.*wall=\([0-9]*\).*/\1/' | sort -n | tail -1)
guests=$(find build/qemu-demo-12 build/qemu-demo-13 -name "*.usage" 2>/dev/null | wc -l)
limited=$(grep -l '===TIMEOUT' build/qemu-demo-1[23]/*.log 2>/dev/null | grep -vc '\.\(first\|kdump\)\.log$')
row "   demo guests killed at a limit (of $guests; longest ran ${longest:-?} s)" "$limited" "0" "$(mark "$limited" 0 '<=')"

# 5. Crash cycles under TCG: panic to kdump init, and the loader's wall time in the guest.
. tests/lib/guest.inc
guest_setup crash || exit 1
for t in ours kexec-c kexec-s ours-s; do
	i=0
	: > "$out/$t.panic" ; : > "$out/$t.load"
	while [ $i -lt "$RUNS" ]; do
		guest_opts --stamp --cpu 120
		boot_crash "bench-$t-$i" q35 1024 "$t"
		log=$QDIR/bench-$t-$i.log
		awk '/sysrq triggered crash/ && !p { p = $1 } /===KDUMP-UP/ && p { print $1 - p; exit }' "$log" >> "$out/$t.panic"
		sed -n 's/.*===LOAD-SECONDS \([0-9.]*\) \([0-9.]*\).*/\1 \2/p' "$log" | awk '{ print $2 - $1 }' >> "$out/$t.load"
		i=$((i + 1))
	done
done
cycle() { if [ -s "$out/$1.panic" ]; then median < "$out/$1.panic"; else echo none; fi; }
ours=$(cycle ours) kc=$(cycle kexec-c) ks=$(cycle kexec-s)
lo=$(median < "$out/ours.load") lc=$(median < "$out/kexec-c.load")
lfs=$(median < "$out/ours-s.load") lks=$(median < "$out/kexec-s.load")
if [ "$ours" != none ] && [ "$kc" != none ]; then
	row "5. panic -> kdump init, ours vs kexec -c -p (TCG)" "$(ratio "$ours" "$kc")x (${ours} vs ${kc} s)" "<= 1.0x" "$(mark "$(ratio "$ours" "$kc")" 1.0 '<=')"
fi
if [ "$ours" != none ] && [ "$ks" != none ]; then
	row "   panic -> kdump init, ours vs kexec -s -p (TCG)" "$(ratio "$ours" "$ks")x (${ours} vs ${ks} s)" "<= 1.0x" "$(mark "$(ratio "$ours" "$ks")" 1.0 '<=')"
fi
row "   loader wall time in the guest, ours vs kexec -c -p" "$(ratio "$lo" "$lc")x (${lo} vs ${lc} s)" "<= 1.0x" "$(mark "$(ratio "$lo" "$lc")" 1.0 '<=')"
row "   kexec_file_load: kexec-e820 -s vs kexec -s -p, wall time" "$(ratio "$lfs" "$lks")x (${lfs} vs ${lks} s)" "<= 1.0x" "$(mark "$(ratio "$lfs" "$lks")" 1.0 '<=')"
for r6 in "${rows6:-}" "$rows6b"; do
	[ -n "$r6" ] || continue
	IFS='|'
	# shellcheck disable=SC2086
	set -- $r6
	unset IFS
	row "$1" "$2" "$3" "$4"
done

# 10. make check by part, from its last run here (build/check-times, tests/run.sh): too long to
#     run for a figure; where its time goes shows growth. Target: 30 minutes with caches warm.
#     Two tests run at a time (tests/run.sh -j 2): the total is the run's wall time, and the parts
#     add up to more than it; their sum over the wall time shows how well the two lanes fill.
if [ -s build/check-times ]; then
	total=$(awk '$2 == "(wall)" { print $1 }' build/check-times)
	sum=$(awk '$2 != "(wall)" { s += $1 } END { print s }' build/check-times)
	top=$(grep -v ' (wall)$' build/check-times | sort -rn | head -5 |
		awk '{ sub(".*/", "", $2); printf "%s%s %d s", (NR > 1 ? ", " : ""), $2, $1 }')
	row "10. make check, its last run ($(date -u -r build/check-times +%Y-%m-%d)): wall time (parts' sum); the five longest parts" \
		"${total:-?} s (${sum} s); $top" "<= 1800 s (warm)" "$(mark "${total:-99999}" 1800 '<=')"
else
	row "10. make check by part" "no run yet (build/check-times)" "<= 1800 s (warm)" "n/a"
fi

{
	echo "# make bench, $(date -u +%Y-%m-%d)"
	echo
	echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores; medians of $RUNS runs."
	echo
	echo "| figure | measured | target | result |"
	echo "|---|---|---|---|"
	printf '%s' "$rows"
} > "$out/report.md"
echo "report: $out/report.md"
