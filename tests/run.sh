#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh TEST...: runs each test (a binary or a script), each of which ends with
# "N passed, N failed"; a test that dies before saying so counts as one failure.
# Prints the sum last. RUN_TIMES=FILE: each test's wall seconds, "SECONDS TEST" a line, kept
# there for make bench (make check writes build/check-times).
set -u
times=${RUN_TIMES:-/dev/null}
: > "$times"
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
	echo "== $t"
	if [ ! -x "$t" ]; then         # a renamed or lost test must not leave the suite silently
		echo "!! $t: no such test (or not executable)"
		failed=$((failed + 1))
		continue
	fi
	t0=$(date +%s)
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	echo "-- $t: $(($(date +%s) - t0)) s"
	echo "$(($(date +%s) - t0)) $t" >> "$times"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	if [ -z "$line" ]; then
		echo "!! $t exited $rc without a summary"
		failed=$((failed + 1))
		continue
	fi
	# shellcheck disable=SC2086 # "P passed, F failed" into words
	set -- $line "$@"
	p=$1 f=$3
	shift 4
	[ "$rc" = 0 ] || [ "$f" != 0 ] || { echo "!! $t exited $rc"; f=1; }
	passed=$((passed + p)) failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
