#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A fresh clone's plain `make` (no target) builds the three artefacts the README names.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests
tree_copy "$dir"
make -C "$dir" -j2 > "$dir/make.log" 2>&1
echo "make exited $?"
for f in build/kexec-e820 build/purgatory.bin build/e820shim.efi; do
	if [ -s "$dir/$f" ]; then ok "plain make built $f"
	else no "plain make did not build $f"; tail -5 "$dir/make.log"; fi
done
done_tests
