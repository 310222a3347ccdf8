#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh [-j N] TEST...: runs each test (a binary or a script), each of which ends with
# "N passed, N failed"; a test that dies before saying so counts as one failure. Prints the sum
# last. -j N: N tests at a time (default 1), each test's output printed whole when it ends.
# Each test gets a QEMU directory of its own, QDIR=build/qemu-NAME, so tests running side by side
# share no guest file. RUN_TIMES=FILE: each test's wall seconds, "SECONDS TEST" a line, and the
# whole run's as "SECONDS (wall)", kept for make bench (make check writes build/check-times);
# with -j, tests start longest first by the times of the file's last run, else in the order given.
set -u
jobs=1
if [ "${1:-}" = -j ]; then jobs=${2:-}; shift 2 || exit 2; fi
case $jobs in ''|*[!0-9]*|0) echo "run.sh: -j needs a positive number, not '$jobs'" >&2; exit 2 ;; esac
times=${RUN_TIMES:-/dev/null}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The order: tests the last run timed, longest first, then those it did not, as given.
: > "$work/order"
if [ "$jobs" -gt 1 ] && [ -s "$times" ]; then
	for t in "$@"; do
		s=$(awk -v t="$t" '$2 == t { print $1; exit }' "$times")
		echo "${s:--1} $t"
	done | sort -s -k1,1 -rn | cut -d' ' -f2- > "$work/order"
else
	for t in "$@"; do echo "$t"; done > "$work/order"
fi
: > "$times"

# start I TEST: TEST in the background; its output to $work/I.out, then its exit code and wall
# seconds to $work/I.end (written last: its presence says the test ended)
start() {
	name=${2##*/}
	(
		t0=$(date +%s)
		QDIR=build/qemu-${name%.sh} "$2" > "$work/$1.out" 2>&1
		rc=$?
		echo "$rc $(($(date +%s) - t0))" > "$work/$1.end.tmp"
		mv "$work/$1.end.tmp" "$work/$1.end"
	) &
}

# report I TEST: prints what TEST said, adds its summary to the sums
report() {
	echo "== $2"
	cat "$work/$1.out"
	read -r rc secs < "$work/$1.end"
	echo "-- $2: $secs s"
	echo "$secs $2" >> "$times"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/$1.out" | tail -1)
	if [ -z "$line" ]; then
		echo "!! $2 exited $rc without a summary"
		failed=$((failed + 1))
		return
	fi
	p=${line%% passed*} f=${line#*passed, }
	f=${f%% failed}
	[ "$rc" = 0 ] || [ "$f" != 0 ] || { echo "!! $2 exited $rc"; f=1; }
	passed=$((passed + p)) failed=$((failed + f))
}

passed=0 failed=0 running=0 i=0 t0=$(date +%s)
exec 3< "$work/order"
more=1
while [ "$more" = 1 ] || [ "$running" -gt 0 ]; do
	while [ "$more" = 1 ] && [ "$running" -lt "$jobs" ]; do
		read -r t <&3 || { more=0; break; }
		i=$((i + 1))
		if [ ! -x "$t" ]; then     # a renamed or lost test must not leave the suite silently
			echo "!! $t: no such test (or not executable)"
			failed=$((failed + 1))
			continue
		fi
		start "$i" "$t"
		echo "$t" > "$work/$i.running"
		running=$((running + 1))
	done
	for r in "$work"/*.running; do
		[ -f "$r" ] || continue
		n=${r##*/}
		n=${n%.running}
		[ -f "$work/$n.end" ] || continue
		report "$n" "$(cat "$r")"
		rm -f "$r"
		running=$((running - 1))
	done
	[ "$running" -lt "$jobs" ] && [ "$more" = 1 ] && continue
	[ "$running" = 0 ] || sleep 0.2
done
wait
echo "$(($(date +%s) - t0)) (wall)" >> "$times"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
