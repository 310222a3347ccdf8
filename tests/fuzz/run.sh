#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh NAME...: each fuzzer from its committed seeds (read-only; the iomem one also from the
# real machines' maps) into a scratch corpus; a harness passes when libFuzzer ends without a crash.
# FUZZ_RUNS set: that many executions from seed FUZZ_SEED into an empty scratch corpus, with no
# address randomisation (libFuzzer's compare tracing records pointers) and no timed corpus
# reload, so the run is the same every time (make check must not fail at random). Else
# FUZZ_SECONDS each from a new seed, the scratch corpus kept (make fuzz). Prints executions, seed.
set -u
seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
. tests/lib/test-lib.sh     # ok, no, check, done_tests
for name in "$@"; do
	work=build/fuzz/corpus-$name
	if [ -n "$runs" ]; then
		rm -rf "$work"
		fixed="setarch $(uname -m) -R" limit="-runs=$runs -seed=${FUZZ_SEED:-1} -reload=0"
	else
		fixed="" limit="-max_total_time=$seconds"
	fi
	mkdir -p "$work"
	seeds=tests/fuzz/corpus/$name
	[ "$name" != iomem ] || seeds="$seeds tests/fixtures/realmaps"     # 78 real machines' maps too
	# shellcheck disable=SC2086 # one directory or option a word
	$fixed build/fuzz/fuzz_"$name" $limit -print_final_stats=1 -artifact_prefix=build/fuzz/crash-"$name"- \
		"$work" $seeds > build/fuzz/"$name".log 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/"$name".log)
	seed=$(sed -n 's/.*Seed: \([0-9]*\).*/\1/p' build/fuzz/"$name".log | head -1)
	if [ $rc -eq 0 ]; then
		ok "fuzz_$name: ${execs:-?} executions from seed ${seed:-?}, no crash"
	else
		no "fuzz_$name: exit $rc after ${execs:-?} executions from seed ${seed:-?}; see build/fuzz/$name.log"
		grep -m3 -E 'ERROR|runtime error|Test unit written' build/fuzz/"$name".log
	fi
done
done_tests
