#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make kernel-test, part one: every patch of every series in $KERNEL_BASES compiles W=1-clean
# in the configurations the built kernels do not cover (tools/kernel-objs.sh), one check a line.
set -u
. tests/lib/test-lib.sh     # ok, no, done_tests
KERNEL_BASES=${KERNEL_BASES:-7.3 6.12 6.1}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for base in $KERNEL_BASES; do
	t0=$(date +%s)
	tools/kernel-objs.sh "$base" > "$out" 2>&1
	rc=$?
	while read -r verdict line; do
		case $verdict in
		ok) ok "$base $line" ;;
		FAIL) no "$base $line" ;;
		*) echo "   $base $verdict $line" ;;
		esac
	done < "$out"
	grep -q '^ok ' "$out" || no "$base: tools/kernel-objs.sh checked nothing (exit $rc): $(tail -1 "$out")"
	echo "   $base: $(($(date +%s) - t0)) s"
done
done_tests
