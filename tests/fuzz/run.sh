#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh NAME...: each fuzzer for FUZZ_SECONDS from its committed seeds (read-only; the iomem one
# also from the real machines' maps) into a scratch corpus; a harness passes when libFuzzer ends
# without a crash. Prints executions.
set -u
seconds=${FUZZ_SECONDS:-60}
. tests/lib/test-lib.sh     # ok, no, check, done_tests
for name in "$@"; do
	work=build/fuzz/corpus-$name
	mkdir -p "$work"
	seeds=tests/fuzz/corpus/$name
	[ "$name" != iomem ] || seeds="$seeds tests/fixtures/realmaps"     # 78 real machines' maps too
	# shellcheck disable=SC2086 # one directory a word
	build/fuzz/fuzz_"$name" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=build/fuzz/crash-"$name"- \
		"$work" $seeds > build/fuzz/"$name".log 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/"$name".log)
	if [ $rc -eq 0 ]; then
		ok "fuzz_$name: ${execs:-?} executions in ${seconds}s, no crash"
	else
		no "fuzz_$name: exit $rc after ${execs:-?} executions; see build/fuzz/$name.log"
		grep -m3 -E 'ERROR|runtime error|Test unit written' build/fuzz/"$name".log
	fi
done
done_tests
