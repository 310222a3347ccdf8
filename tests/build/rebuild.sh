#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every kind of target is rebuilt when one of its sources or headers changes: an object (its
# .d file), a program linked from several sources in one command (e820-svg, purgatory-sha256),
# a fuzzer (the parser sources it links), the purgatory image. In a copy of the tree, built
# once; then for each pair (target, input) the input is touched and `make -q` must say stale.
set -u
. tests/lib/test-lib.sh
src=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git -C "$src" ls-files -z --cached --others --exclude-standard | (cd "$src" && xargs -0 cp --parents -t "$dir")
# Each line: TARGET INPUT
PAIRS='build/loader/loader/kfile.o loader/iomem.h
build/host/e820-svg loader/e820words.h
build/host/e820-svg include/purgatory_abi.h
build/host/e820-svg bootproto/range.h
build/host/purgatory-sha256 purgatory/cpu.h
build/fuzz/fuzz_iomem loader/kfile.c
build/fuzz/fuzz_e820 purgatory/table.c
build/purgatory.bin purgatory/e820.h'
targets=$(echo "$PAIRS" | cut -d' ' -f1 | sort -u)
# shellcheck disable=SC2086
make -C "$dir" -j2 $targets > "$dir/make.log" 2>&1 || { no "the first build"; tail -5 "$dir/make.log"; done_tests; exit 1; }
stale() { make -C "$dir" -q "$1" > /dev/null 2>&1; [ $? = 1 ]; }
echo "$PAIRS" | while read -r target input; do
	# shellcheck disable=SC2086
	make -C "$dir" -j2 $targets > /dev/null 2>&1     # all fresh again before each touch
	if stale "$target"; then echo "FAIL $target: stale before anything changed"; continue; fi
	sleep 1                                   # a newer mtime than the target's, at 1 s granularity
	touch "$dir/$input"
	if stale "$target"; then echo "ok   $target is rebuilt when $input changes"
	else echo "FAIL $target is not rebuilt when $input changes"; fi
done > "$dir/out"
cat "$dir/out"
passed=$(grep -c '^ok' "$dir/out") failed=$(grep -c '^FAIL' "$dir/out")
done_tests
