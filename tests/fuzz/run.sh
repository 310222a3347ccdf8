#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh NAME...: each fuzzer for FUZZ_SECONDS from its committed seeds (read-only) into a
# scratch corpus; a harness passes when libFuzzer ends without a crash. Prints executions.
set -u
seconds=${FUZZ_SECONDS:-60}
. tests/lib/test-lib.sh     # ok, no, check, done_tests
for name in "$@"; do
	work=build/fuzz/corpus-$name
	mkdir -p "$work"
	build/fuzz/fuzz_"$name" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=build/fuzz/crash-"$name"- \
		"$work" tests/fuzz/corpus/"$name" > build/fuzz/"$name".log 2>&1
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
