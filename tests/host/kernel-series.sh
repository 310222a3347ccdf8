#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The quick guard on kernel/patches/ (make kernel-test builds and boots it): every series shipped,
# kernel/patches/BASE/, applies with git am to Debian's linux-source-BASE (a sparse worktree of
# the cached tree, tools/kernel-tree.sh) and leaves the tree with its commits in order; every
# patch passes the newest tree's checkpatch.pl --strict whole. The newest base carries the series
# to post; the older ones (what Debian 12 and 13 run) carry the backports, the same patches each.
# kernel/patches/efi/: the EFI fix, its own posting, applying to every base after its series (the
# builds apply it there). kernel/patches/held/: patches held back from the posting (README.md says
# why), each applying to the newest base on top of its series and passing the same checkpatch.
set -u
. tests/lib/test-lib.sh     # ok, no, check, done_tests

BASES="6.1 6.12 7.3"        # oldest first: the last tree's checkpatch.pl judges them all
NEWEST=7.3
BACKPORT=6.12               # the backports' reference: every other old base has its patches
work=$(mktemp -d)
worktrees=
cleanup() {
	for w in $worktrees; do git -C "${w%%:*}" worktree remove --force "${w#*:}" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
# series DIR: its patches, absolute (checkpatch.pl takes a relative path inside a git
# repository for something else), the cover letter left out
series() { for p in "$PWD/$1"/[0-9][0-9][0-9][0-9]-*.patch; do case $p in */0000-*) ;; *) echo "$p" ;; esac; done; }
# subjects DIR: as git am will write them (header lines unfolded, "[PATCH n/m]" dropped)
subjects() { for p in $(series "$1"); do git mailinfo /dev/null /dev/null < "$p" | sed -n 's/^Subject: //p'; done; }

# Every series directory is one of the bases (or the held patches), so none goes unguarded.
for dir in kernel/patches/*/; do
	dir=${dir%/} base=${dir##*/}
	case " $BASES efi held " in
	*" $base "*) ok "$dir: a directory this guard applies" ;;
	*) no "$dir: not a base this guard applies ($BASES)" ;;
	esac
done

for base in $BASES; do
	dir=kernel/patches/$base
	tree=$(tools/kernel-tree.sh "$base") || { no "$dir: linux-source-$base extracted into the cache"; continue; }
	n=$(series "$dir" | wc -l)
	# Only the touched directories are checked out: the same commit and the same git am, in a second.
	src=$work/src-$base
	git -C "$tree" worktree add -q --no-checkout --detach "$src" HEAD
	worktrees="$worktrees $tree:$src"
	git -C "$src" sparse-checkout set --no-cone /arch/x86/kernel/ /arch/x86/include/asm/ /arch/x86/platform/efi/ 2>/dev/null
	git -C "$src" checkout -q
	# shellcheck disable=SC2046
	check "$dir: $n patches apply with git am to linux-source-$(cat "$tree/.e820-base")" \
		git -C "$src" -c user.name=t -c user.email=t@localhost am -q $(series "$dir")
	git -C "$src" log --reverse --format=%s "HEAD~$n..HEAD" > "$work/log-$base" 2>/dev/null
	subjects "$dir" > "$work/subjects-$base"
	check "$dir: the tree has the $n commits, in order" cmp -s "$work/log-$base" "$work/subjects-$base"
	for p in $(series kernel/patches/efi); do
		check "kernel/patches/efi/${p##*/}: applies with git am on the $base series" \
			git -C "$src" -c user.name=t -c user.email=t@localhost am -q "$p"
	done
	[ "$base" = "$NEWEST" ] || continue
	checkpatch=$tree/scripts/checkpatch.pl
	for p in $(series kernel/patches/held); do
		check "kernel/patches/held/${p##*/}: applies with git am on the $NEWEST series" \
			git -C "$src" -c user.name=t -c user.email=t@localhost am -q "$p"
	done
done

# UNKNOWN_COMMIT_ID: a Fixes: tag names a commit of Linux's history, which the trees here (Debian's
# source packages) do not hold; the ids were checked against the upstream commits' own postings.
for base in $BASES efi held; do
	for p in $(series "kernel/patches/$base"); do
		"${checkpatch:-/nonexistent}" --strict --no-tree --ignore UNKNOWN_COMMIT_ID "$p" > "$work/cp" 2>&1
		check "kernel/patches/$base/${p##*/}: checkpatch --strict ($NEWEST's): $(grep '^total:' "$work/cp")" \
			grep -q '^total: 0 errors, 0 warnings, 0 checks' "$work/cp"
	done
	# One backport on every old base: the same patches, in the same order.
	case $base in "$NEWEST"|"$BACKPORT"|efi|held) continue ;; esac
	check "kernel/patches/$base: the same patches as kernel/patches/$BACKPORT" \
		cmp -s "$work/subjects-$base" "$work/subjects-$BACKPORT"
done
done_tests
