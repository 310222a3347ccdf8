#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cppcheck and clang-tidy on the project's own C; any finding fails. Ends "N passed, N failed"
# (one case per tool) so make check can count it.
set -u
INC="-Iinclude -Ipurgatory -Ilinker -Ishim -Iloader"
EFI="-I/usr/include/efi -I/usr/include/efi/x86_64 -DGNU_EFI_USE_MS_ABI -D__GNUC__=12"
# Dropped from bugprone-*: style-only (swappable parameters, reserved identifiers such as the
# kernel's __ASSEMBLER__ spelling, macro parentheses in the SHA round macros, narrowing the
# boot protocol's u8/u16 fields on purpose).
TIDY='-*,clang-analyzer-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,-bugprone-macro-parentheses,-bugprone-narrowing-conversions,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-bugprone-assignment-in-if-condition'
PURE="purgatory/sha256.c purgatory/table.c purgatory/e820.c purgatory/zeropage.c purgatory/params.c
purgatory/verify.c purgatory/fmt.c purgatory/report.c purgatory/run.c purgatory/cpu.c linker/*.c loader/*.c
shim/conf.c shim/efimap.c tools/purgatory-sha256.c"
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# shellcheck disable=SC2086
{ cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --std=c11 -D__x86_64__ $INC \
	--suppress=missingIncludeSystem purgatory linker loader tools tests shim/conf.c shim/efimap.c \
	shim/libc.c shim/faults.c &&
  cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --std=c11 -D__x86_64__ $INC $EFI \
	--suppress=missingIncludeSystem shim/main.c; } > "$log" 2>&1
if [ $? -eq 0 ] && [ ! -s "$log" ]; then passed=$((passed + 1)); echo "ok   cppcheck: no findings"
else failed=$((failed + 1)); echo "FAIL cppcheck:"; cat "$log"; fi

: > "$log"
for f in $PURE; do
	# shellcheck disable=SC2086
	clang-tidy -quiet -checks="$TIDY" "$f" -- -std=gnu11 $INC >> "$log" 2>/dev/null
done
if ! grep -qE 'warning:|error:' "$log"; then passed=$((passed + 1)); echo "ok   clang-tidy: no findings"
else failed=$((failed + 1)); echo "FAIL clang-tidy:"; grep -E 'warning:|error:' "$log"; fi
echo "$passed passed, $failed failed"
