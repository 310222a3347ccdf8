#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make install PREFIX=/usr DESTDIR=...: the files land where a package would put them, intact.
set -u
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests
t() { d=$1; shift; if "$@"; then ok "$d"; else no "$d"; fi; }
make -s install PREFIX=/usr DESTDIR="$dest" > /dev/null 2>&1
check "kexec-e820 installed, executable, same bytes" sh -c "test -x $dest/usr/sbin/kexec-e820 && cmp -s $dest/usr/sbin/kexec-e820 build/kexec-e820"
check "installed kexec-e820 is static (runs in any initramfs)" sh -c "file $dest/usr/sbin/kexec-e820 | grep -q 'statically linked'"
check "man page installed and renders" sh -c "man -l $dest/usr/share/man/man8/kexec-e820.8 2>/dev/null | grep -q 'staged in a table'"
# the fault hook lives only in the test build (make's TEST_BINS), which the same grep finds
check "installed kexec-e820 has no fault hook" sh -c "! grep -q KEXEC_E820_TEST_BREAK_LOAD $dest/usr/sbin/kexec-e820"
check "the test build has it (the grep above can see it)" grep -q KEXEC_E820_TEST_BREAK_LOAD build/kexec-e820-faults
check "e820shim.efi installed" cmp -s "$dest/usr/lib/e820-purgatory/e820shim.efi" build/e820shim.efi
done_tests
