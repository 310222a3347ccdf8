#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The README's layout is the tree's: every folder git holds at the top is in its table and every
# folder the table names is there; every include across folders names its folder (one include
# root); the sources sources.mk lists exist, and no pure source of the loader reads a file.
set -u
. tests/lib/test-lib.sh     # ok, no, check, done_tests
# the tree's files: git's list, or in a copy without git (unit-alone.sh) every file but build/
files() {
	git ls-files 2>/dev/null && return
	find . -path ./build -prune -o -path './.*' -prune -o -type f -print | sed 's|^\./||'
}
# shellcheck disable=SC2016 # the backquotes are the README's, not the shell's
table=$(sed -n '/^## Layout/,/^## /p' README.md | sed -n 's/^| `\([a-z]*\)\/` |.*/\1/p' | sort)
tree=$(files | grep / | cut -d/ -f1 | grep -v '^\.' | sort -u)
check "README's layout names every top-level folder ($(echo "$tree" | wc -l))" test "$table" = "$tree"
# shellcheck disable=SC2086 # one line each
[ "$table" = "$tree" ] || { echo "   table:" $table; echo "   tree: " $tree; }

# an include of a header beside the including file may be bare; any other names its folder
bare=$(files | grep '\.[chS]$' | grep -v '^kernel/' | while read -r f; do
	sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r h; do
		[ -e "$(dirname "$f")/$h" ] || [ -e "$h" ] || echo "$f: \"$h\""
	done
done)
check "every include across folders names its folder, from the one root" test -z "$bare"
[ -z "$bare" ] || echo "$bare" | head -5 | sed 's/^/   /'

srcs=$(make -s --no-print-directory sources)
missing=$(for f in $srcs; do [ -f "$f" ] || echo "$f"; done)
check "sources.mk: every listed source exists ($(echo "$srcs" | wc -w))" test -z "$missing"
# pure: no file or process I/O in the shared sources (record.c reads only the files it is given)
io=$(for f in $srcs; do [ "$f" = loader/record.c ] || grep -lE '(^|[^_a-zA-Z0-9])(fopen|open|read|syscall)\(' "$f"; done 2>/dev/null)
check "sources.mk: the pure sources open, read and call nothing" test -z "$io"
[ -z "$io" ] || echo "   $io"
done_tests
