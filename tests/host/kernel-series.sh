#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The quick guard on kernel/patches/ (make kernel-test boots it): the series applies with git am
# to Debian's linux-source-6.1 (a sparse worktree of the cached tree, tools/kernel-tree.sh), and
# every patch of it and of its mainline port passes the tree's checkpatch.pl --strict whole.
set -u
. tests/lib/test-lib.sh     # ok, no, check, done_tests

tree=$(tools/kernel-tree.sh) || { no "linux-source-6.1 extracted into the cache"; done_tests; exit 1; }
work=$(mktemp -d)
trap 'git -C "$tree" worktree remove --force "$work/src" 2>/dev/null; rm -rf "$work"' EXIT
# series DIR: its patches, absolute (checkpatch.pl takes a relative path inside a git
# repository for something else), the cover letter left out
series() { for p in "$PWD/$1"/[0-9][0-9][0-9][0-9]-*.patch; do case $p in */0000-*) ;; *) echo "$p" ;; esac; done; }
# subjects DIR: as git am will write them (header lines unfolded, "[PATCH n/m]" dropped)
subjects() { for p in $(series "$1"); do git mailinfo /dev/null /dev/null < "$p" | sed -n 's/^Subject: //p'; done; }
n=$(series kernel/patches | wc -l)

# Only the touched directories are checked out: the same commit and the same git am, in a second.
git -C "$tree" worktree add -q --no-checkout --detach "$work/src" HEAD
git -C "$work/src" sparse-checkout set --no-cone /arch/x86/kernel/ /arch/x86/include/asm/ 2>/dev/null
git -C "$work/src" checkout -q
# shellcheck disable=SC2046
check "kernel/patches: $n patches apply with git am to linux-source-$(cat "$tree/.e820-base")" \
	git -C "$work/src" -c user.name=t -c user.email=t@localhost am -q $(series kernel/patches)
git -C "$work/src" log --reverse --format=%s "HEAD~$n..HEAD" > "$work/log" 2>/dev/null
subjects kernel/patches > "$work/subjects"
check "kernel/patches: the tree has the $n commits, in order" cmp -s "$work/log" "$work/subjects"

for dir in kernel/patches kernel/patches/mainline; do
	for p in $(series $dir); do
		"$tree/scripts/checkpatch.pl" --strict --no-tree "$p" > "$work/cp" 2>&1
		check "$dir/${p##*/}: checkpatch --strict: $(grep '^total:' "$work/cp")" \
			grep -q '^total: 0 errors, 0 warnings, 0 checks' "$work/cp"
	done
done
# The port and the tested series are one change: the same patches, in the same order.
subjects kernel/patches/mainline > "$work/mainline"
check "kernel/patches/mainline: the same $n patches as kernel/patches" cmp -s "$work/subjects" "$work/mainline"
done_tests
