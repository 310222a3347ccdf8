#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Held under repetition, in QEMU only (make soak: 20 cycles and 1,000 loads; make check: 3 and 100).
# 1. Random crash cycles: each draws a reserved map from a printed seed (up to 400 memmap=
#    ranges, as many as fit the command line; 4 KiB to 64 MiB, reserved, ACPI data, ACPI NVS,
#    persistent; some touching or overlapping; above 4 GiB on 6 GiB guests; q35 for even seeds,
#    pc for odd) and must pass every crash-cycle check.
# 2. Load/unload soak in one guest: SOAK_LOADS x (load, --status, unload), sysfs each time,
#    memory judged on settled samples (MemFree's trend, kernel slab, tmpfs) against bounds
#    that a control guest with a deliberate leak must exceed; then a crash still works.
# 3. Two loads at once: exactly one wins, the other names why; the crash boots the winner's.
set -u
. tests/lib/guest.inc
. tests/lib/crash.inc
guest_setup crash || { done_tests; exit 1; }
CYCLES=${SOAK_CYCLES:-3}
LOADS=${SOAK_LOADS:-100}
SEED=${SOAK_SEED:-$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')}
STEP=${SOAK_STEP:-1}    # 2 from an even seed: q35 (OVMF) maps only
MAX_RANGES=400
CMDLINE_ROOM=1900       # the EFI stub and boot protocol keep 2047 bytes; the rest of ours is short
# The load soak's memory checks (the guest samples every round from round 10 on, each sample
# after dropping the caches, with the per-CPU free lists held to a few pages; mkcrashrd.sh):
# measured over 10 clean runs of 100 rounds (docs/details.md, "Thresholds"), MemFree's trend
# is 0.4 to 2.1 kB per load and each run's samples lie within 0.62 MiB; SUnreclaim grows by
# at most 124 kB, Shmem moves by 4 kB. A leak of 64 KiB per load gives a trend of 66.
MEMFREE_TREND_KB=8          # kB per load, least squares over every sample: 2 pages a load, plus
                            # 3 standard errors of its noise (fewer samples, a wider bound)
SLAB_GROWTH_KB=512          # SUnreclaim, first sample to last
SHMEM_GROWTH_KB=64          # Shmem (tmpfs: the initramfs, /run), first sample to last
LEAK_KB=64                  # the deliberate leak per load of the control guest (e820leak=)
LEAK_LOADS=40

# draw SEED: "MACHINE MEM_MB MEMMAP" for one cycle. Ranges sit in [64M, 512M) below the first
# kernel's initrd and crash region (allocated top-down), and in [4G, 8G) on 6 GiB guests.
draw() {
	awk -v seed="$1" -v max="$MAX_RANGES" -v room="$CMDLINE_ROOM" '
	function hex(v,  d) { d = ""; do { d = substr("0123456789abcdef", v % 16 + 1, 1) d; v = int(v / 16) } while (v); return "0x" d }
	BEGIN {
		srand(seed)
		machine = seed % 2 ? "pc" : "q35"; mem = int(rand() * 2) ? 6144 : 1024    # consecutive seeds alternate
		want = int(rand() * (max + 1)); s = ""; n = 0
		for (i = 0; i < want; i++) {
			size = 2 ^ int(12 + rand() * 15)                        # 4 KiB .. 64 MiB
			if (mem > 4096 && rand() < 0.3) base = 4096 * 1048576 + int(rand() * 4096) * 1048576
			else base = 64 * 1048576 + int(rand() * (448 * 1048576 - size) / 4096) * 4096
			if (n && rand() < 0.15) base = last                      # touching the previous one
			if (n && rand() < 0.1) base = last - int(size / 8192) * 4096   # or overlapping it
			if (base < 64 * 1048576) base = 64 * 1048576
			t = rand(); kind = t < 0.55 ? "$" : t < 0.7 ? "#" : t < 0.85 ? "!" : "%"
			e = sprintf("%dK%s", size / 1024, kind) hex(base) (kind == "%" ? "-1+4" : "")    # mawk: no %x past 2^32
			if (length(s) + length(e) + 10 > room) break
			s = s (n ? "," : "") e; n++; last = base + size
		}
		printf "%s %d %d %d %s\n", machine, mem, want, n, n ? "memmap=" s : ""
	}'
}

# --- 1. random crash cycles ---
echo "   soak: $CYCLES random crash cycles from seed $SEED (cycle i uses seed $SEED+$STEP*i)"
total=0 i=0
while [ $i -lt "$CYCLES" ]; do
	seed=$((SEED + STEP * i))
	# shellcheck disable=SC2046 # draw's words
	set -- $(draw $seed)
	machine=$1 mem=$2 want=$3 got=$4
	shift 4
	n=soak-$seed-$machine
	failed_before=$failed
	t0=$(date +%s)
	boot_crash "$n" "$machine" "$mem" ours "$@"
	secs=$(($(date +%s) - t0))
	total=$((total + secs))
	fit=; [ "$got" = "$want" ] || fit=" of $want drawn; the rest would not fit the command line"
	echo "   cycle $i: seed $seed, $machine, $mem MiB, $got memmap ranges$fit, $secs s"
	kdump_ok "$n"
	[ "$failed" = "$failed_before" ] ||
		echo "   FAILED: seed $seed; reproduce alone: SOAK_SEED=$seed SOAK_CYCLES=1 SOAK_LOADS=0 tests/qemu/soak.sh"
	i=$((i + 1))
done
[ "$CYCLES" = 0 ] || echo "   soak: $CYCLES cycles in $total s, $((total / CYCLES)) s each"

# --- 2. load/unload soak ---
# mem_of NAME FIELD: "ROUND VALUE" per settled sample of the guest's ===SOAK-MEM lines
mem_of() { sed -n "s/^===SOAK-MEM i=\([0-9]*\) .*$2=\([0-9]*\).*/\1 \2/p" "$QDIR/$1.first.log"; }
# trend: the least-squares slope of "X Y" lines, as a loss per X (a positive number is a loss),
# and its standard error from the residuals: "SLOPE SE", or "none" below 5 samples
trend() { awk '{ x[NR] = $1; y[NR] = $2; sx += $1; sy += $2 } END {
	if (NR < 5) { print "none"; exit } mx = sx / NR; my = sy / NR
	for (i = 1; i <= NR; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ^ 2 }
	b = sxy / sxx
	for (i = 1; i <= NR; i++) rss += (y[i] - my - b * (x[i] - mx)) ^ 2
	printf "%.1f %.1f\n", -b, sqrt(rss / (NR - 2) / sxx) }'; }
# judged LOSS_SE: the trend's bound at this sample count, MEMFREE_TREND_KB past 3 standard
# errors of noise; "none" when that bound could not tell the control's LEAK_KB from noise
judged() { echo "$1" | awk -v base="$MEMFREE_TREND_KB" -v leak="$LEAK_KB" '
	NF == 2 { b = base + 3 * $2; if (b < leak) { printf "%.1f\n", b; exit } } { print "none" }'; }
growth() { mem_of "$1" "$2" | awk 'NR == 1 { f = $2 } { l = $2 } END { print NR ? l - f : "none" }'; }
within() { awk -v v="$1" -v max="$2" 'BEGIN { exit !(v != "none" && v <= max) }'; }
# mem_checks NAME LOADS: the memory a guest held across LOADS loads and unloads, judged
mem_checks() {
	samples=$(mem_of "$1" MemFree | wc -l)
	t2=$(mem_of "$1" MemFree | trend) sl=$(growth "$1" SUnreclaim) sh=$(growth "$1" Shmem)
	t=${t2%% *} bound=$(judged "$t2")
	echo "   $1: $samples samples; MemFree $(mem_of "$1" MemFree | awk 'NR == 1 { f = $2; lo = $2; hi = $2 } { if ($2 < lo) lo = $2; if ($2 > hi) hi = $2 } END { printf "%d..%d kB", lo, hi }'), trend $t kB lost per load; SUnreclaim +$sl kB; Shmem +$sh kB"
	want=$(awk -v n="$2" 'BEGIN { e = n > 200 ? int(n / 200) : 1; c = 1; for (i = 10; i < n; i++) c += i % e == 0; print c }')
	check "$1: a settled sample every $((${2} > 200 ? ${2} / 200 : 1)) round(s) from round 10 on, and at the end ($samples of $want)" test "$samples" = "$want"
	# a bound within the noise of few samples judges nothing: refused, not passed at random
	check "$1: enough samples that noise cannot hide a $LEAK_KB KiB leak (bound $bound kB)" test "$bound" != none
	check "$1: MemFree's trend over every sample: $t kB lost per load (± ${t2#* }), at most $bound" within "$t" "$bound"
	check "$1: SUnreclaim (kernel slab) grew by $sl kB, at most $SLAB_GROWTH_KB" within "$sl" "$SLAB_GROWTH_KB"
	check "$1: Shmem (tmpfs, /run) grew by $sh kB, at most $SHMEM_GROWTH_KB" within "$sh" "$SHMEM_GROWTH_KB"
}
if [ "$LOADS" -gt 0 ]; then
	# TCG: about 0.4 s per load and unload on an idle machine; a busy one may take twice that.
	t0=$(date +%s)
	# Beside it, the control: the same soak keeping LEAK_KB in /run each load; the checks that
	# pass on the real soak must fail on it.
	(guest_opts --cpu $((180 + 2 * LEAK_LOADS)); boot_crash soak-leak q35 1024 soak "e820soak=$LEAK_LOADS e820leak=$LEAK_KB") &
	control=$!
	guest_opts --cpu $((180 + 2 * LOADS))
	boot_crash soak-loads q35 1024 soak "e820soak=$LOADS"
	wait $control
	echo "   load soak: $LOADS loads and unloads, $(($(date +%s) - t0)) s with the boot and the crash"
fi
if [ "$LOADS" -gt 0 ] && split_ok soak-loads; then
	line=$(grep '===SOAK-DONE' "$QDIR/soak-loads.first.log")
	echo "   $line"
	grep '===SOAK-FAIL' "$QDIR/soak-loads.first.log" | head -5
	check "load soak: $LOADS rounds ran, none failed (sysfs, --status, exit codes)" \
		sh -c "echo '$line' | grep -q 'n=$LOADS failures=0 '"
	mem_checks soak-loads "$LOADS"
	kdump_ok soak-loads
fi
if [ "$LOADS" -gt 0 ] && split_ok soak-leak; then
	# the control's own report, kept apart: each of its checks must fail, and say so
	(mem_checks soak-leak "$LEAK_LOADS") > "$QDIR/soak-leak.checks"
	sed 's/^/   control: /' "$QDIR/soak-leak.checks"
	check "control: a leak of $LEAK_KB KiB per load fails the MemFree trend check" grep -q '^FAIL soak-leak: MemFree' "$QDIR/soak-leak.checks"
	check "control: and the Shmem check" grep -q '^FAIL soak-leak: Shmem' "$QDIR/soak-leak.checks"
	check "control: its samples were all taken" grep -q '^ok   soak-leak: a settled sample' "$QDIR/soak-leak.checks"
fi

# --- 3. two loads at once ---
boot_crash concurrent q35 1024 concurrent
split_ok concurrent || { done_tests; exit 1; }
line=$(grep '===CONCURRENT' "$QDIR/concurrent.first.log")
ra=$(echo "$line" | sed -n 's/.* a=\([0-9]*\) .*/\1/p') rb=$(echo "$line" | sed -n 's/.* b=\([0-9]*\)$/\1/p')
echo "   concurrent: $line"; grep -E '^===(A|B): ' "$QDIR/concurrent.first.log" | sed 's/^/   /'
if [ "$ra" = 0 ]; then win=a lose=B; else win=b lose=A; fi
other=$(echo "$lose" | tr AB ab)
check "concurrent: exactly one load won (exit codes $ra and $rb)" \
	sh -c "{ [ '$ra' = 0 ] && [ '$rb' != 0 ]; } || { [ '$ra' != 0 ] && [ '$rb' = 0 ]; }"
check "concurrent: the loser said why, in one line (another kexec-e820 is loading)" sh -c \
	"[ \$(grep -c '^===$lose: ' $QDIR/concurrent.first.log) = 1 ] && grep -q '^===$lose: kexec-e820: another kexec-e820 is loading' $QDIR/concurrent.first.log"
check "concurrent: the loser exited 3 (busy), so the kexec front end does not fall back" \
	sh -c "[ '$ra' = 3 ] || [ '$rb' = 3 ]"
check "concurrent: the crash booted the winner's kernel (e820winner=$win on its command line)" \
	sh -c "grep -Eq 'Command line: .* e820winner=$win( |\$)' $QDIR/concurrent.kdump.log && ! grep -q 'e820winner=$other' $QDIR/concurrent.kdump.log"
check "concurrent: kdump kernel reached init" has concurrent.kdump.log "===KDUMP-UP"
done_tests
