#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check's fuzz pass: every harness from the committed seeds, from one fixed seed for a fixed
# number of executions (about 10 s each on this machine), so the pass is the same on every run:
# a crash it finds is one the committed seeds and harnesses hold, never a draw. make fuzz draws.
set -u
. tests/lib/test-lib.sh     # ok, no, add_report, done_tests
mkdir -p build/fuzz
for spec in e820:300000 iomem:200000 bzimage:300000 conf:1000000; do
	name=${spec%:*}
	FUZZ_RUNS=${spec#*:} FUZZ_SEED=1 tests/fuzz/run.sh "$name" > build/fuzz/check-"$name".txt
	add_report "fuzz_$name" build/fuzz/check-"$name".txt
done
done_tests
