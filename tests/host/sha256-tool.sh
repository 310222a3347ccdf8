#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# build/host/purgatory-sha256 agrees with coreutils' sha256sum, byte for byte of output.
set -u
tool=build/host/purgatory-sha256
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests

files=
for n in 0 1 55 56 63 64 65 1000 4096 65537 1048576 3145735; do
	head -c "$n" /dev/urandom > "$dir/r$n"
	files="$files $dir/r$n"
done
head -c 20000000 /dev/zero > "$dir/zero20M"
files="$files $dir/zero20M"
# shellcheck disable=SC2086
if [ "$($tool $files)" = "$(sha256sum $files)" ]; then ok "same lines as sha256sum on $(echo $files | wc -w) files"; else no "sha256sum mismatch"; fi
# shellcheck disable=SC2086
if [ "$($tool --generic $files)" = "$(sha256sum $files)" ]; then ok "--generic agrees"; else no "--generic mismatch"; fi
if [ "$($tool - < "$dir/r1000")" = "$(sha256sum - < "$dir/r1000")" ]; then ok "stdin"; else no "stdin"; fi

err=$($tool "$dir/missing" 2>&1 >/dev/null); rc=$?
if [ $rc -ne 0 ] && [ "$err" = "purgatory-sha256: $dir/missing: No such file or directory" ]; then ok "missing file: one line, non-zero"; else no "missing file: rc=$rc '$err'"; fi
err=$($tool --fast "$dir/r1" 2>&1 >/dev/null); rc=$?
if [ $rc -ne 0 ] && [ "$err" = "purgatory-sha256: unknown option --fast" ]; then ok "unknown option refused"; else no "unknown option: rc=$rc '$err'"; fi
if $tool >/dev/null 2>&1; then no "no arguments accepted"; else ok "no arguments: usage, non-zero"; fi
done_tests
