#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cppcheck and clang-tidy on the project's own C, shellcheck on its shell; any finding fails.
# Ends "N passed, N failed" (one case per tool) so make check can count it.
set -u
INC="-I."     # the one include root, as the Makefile builds
EFI="-I/usr/include/efi -I/usr/include/efi/x86_64 -DGNU_EFI_USE_MS_ABI -D__GNUC__=12"
# Dropped from bugprone-*: style-only (swappable parameters, reserved identifiers such as the
# kernel's __ASSEMBLER__ spelling, macro parentheses in the SHA round macros, narrowing the
# boot protocol's u8/u16 fields on purpose).
TIDY='-*,clang-analyzer-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,-bugprone-macro-parentheses,-bugprone-narrowing-conversions,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-bugprone-assignment-in-if-condition'
# clang-tidy: the shared pure sources as sources.mk lists them, the loader's I/O, the tools.
# shellcheck disable=SC2046 # the list into words, one file a word
PURE=$(printf "%s\n" $(make -s --no-print-directory sources) loader/*.c tools/purgatory-sha256.c tools/e820-svg.c | sort -u)
. tests/lib/test-lib.sh     # ok, no, check, done_tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# shellcheck disable=SC2086
{ cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --std=c11 -D__x86_64__ $INC \
	--suppress=missingIncludeSystem purgatory bootproto loader tools tests shim/conf.c shim/efimap.c \
	shim/libc.c shim/faults.c &&
  cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --std=c11 -D__x86_64__ $INC $EFI \
	--suppress=missingIncludeSystem shim/main.c; } > "$log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$log" ]; then ok "cppcheck: no findings"
else no "cppcheck:"; cat "$log"; fi

: > "$log"
bad='' nfiles=0
command -v clang-tidy > /dev/null || bad="clang-tidy is not installed"
for f in $PURE; do
	[ -z "$bad" ] || break
	nfiles=$((nfiles + 1))
	# Findings are errors (a non-zero exit); a file it cannot read or compile fails the same way.
	# shellcheck disable=SC2086
	clang-tidy -quiet -checks="$TIDY" -warnings-as-errors='*' "$f" -- -std=gnu11 $INC >> "$log" 2>&1 ||
		bad="$bad $f"
done
if [ -z "$bad" ]; then ok "clang-tidy: no findings in $nfiles files"
else no "clang-tidy: $bad"; grep -E 'warning:|error:' "$log" | head -40; fi
# Every shell script git knows (POSIX sh: Debian's dash runs them), sourced files followed from
# the top of the tree; a finding that is meant stays, with a disable comment saying why.
SHELL_FILES=$(git ls-files '*.sh' '*.inc' packaging/kexec packaging/preinst packaging/postinst packaging/postrm)
# shellcheck disable=SC2086 # one file a word
if ! command -v shellcheck > /dev/null; then no "shellcheck is not installed"
elif shellcheck -x -P . -s sh -f gcc $SHELL_FILES > "$log" 2>&1; then
	ok "shellcheck: no findings in $(echo "$SHELL_FILES" | wc -l) scripts"
else no "shellcheck:"; head -40 "$log"; fi
done_tests
