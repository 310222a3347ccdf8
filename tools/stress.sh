#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make stress: the crash cycle on a machine kept busy on purpose, where the serial line's races
# show. STRESS_CYCLES random crash cycles (tests/qemu/soak.sh, no load soak) run pinned to core 0
# while every core runs STRESS_HOGS busy loops: QEMU is starved unevenly, as on a loaded CI
# machine. Prints soak's own lines, then how many reports lost their tail on the way out.
set -u
CYCLES=${STRESS_CYCLES:-30}
HOGS=${STRESS_HOGS:-3}
log=build/stress.log
mkdir -p build
hogs=
cpu=0
while [ $cpu -lt "$(nproc)" ]; do
	h=0
	while [ $h -lt "$HOGS" ]; do
		taskset -c $cpu sh -c 'while :; do :; done' &
		hogs="$hogs $!"
		h=$((h + 1))
	done
	cpu=$((cpu + 1))
done
# shellcheck disable=SC2086
trap 'kill $hogs 2>/dev/null' EXIT INT TERM
echo "stress: $CYCLES crash cycles on core 0, $HOGS busy loops on each of $(nproc) cores; log: $log"
t0=$(date +%s)
SOAK_CYCLES=$CYCLES SOAK_LOADS=0 taskset -c 0 tests/qemu/soak.sh > "$log" 2>&1
grep -v '^ok ' "$log"
first=$(grep -c 'no ===CRASHING marker' "$log")
kdump=$(grep -c 'FAIL .*(===KDUMP-END)' "$log")
echo "stress: $((CYCLES + 1)) crash cycles in $(($(date +%s) - t0)) s;" \
	"first kernel's report cut: $first; kdump kernel's report cut: $kdump"
tail -1 "$log" | grep -q ' 0 failed$'
