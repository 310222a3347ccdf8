#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The test library's own checks: every helper that reads a log says no on an empty or cut one,
# and yes on a real one (saved kernel output in tests/fixtures/).
set -u
. tests/lib/test-lib.sh
. tests/qemu/lib/maps.inc
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
: > "$dir/empty"
KDUMP=tests/fixtures/linux-7.2/q35-1g.kdump.dmesg

not() { ! "$@"; }
check "ran_without: an empty log proves nothing absent" not ran_without "$dir/empty" "memmap="
sed -n 1,3p "$KDUMP" > "$dir/cut"
check "ran_without: a log cut before the banner proves nothing absent" not ran_without "$dir/cut" "memmap="
{ echo '[    0.000000] Linux version 7.2.13+deb14-amd64'; cat "$KDUMP"; } > "$dir/kdump"
check "ran_without: a kernel that ran and never said it" ran_without "$dir/kdump" "not using ECAM"
check "ran_without: a kernel that said it" not ran_without "$dir/kdump" "reserved as E820 entry"

# add_report in a shell of its own, so its counts are not mixed with these
printf 'ok   a\nFAIL b\n3 passed, 1 failed\n' > "$dir/whole"
check "add_report: a whole report's counts are added" sh -c "[ \"\$(. tests/lib/test-lib.sh; add_report part $dir/whole; done_tests)\" = \"\$(printf 'ok   a\nFAIL b\n3 passed, 1 failed')\" ]"
printf 'ok   a\nok   b\n' > "$dir/cut-report"
check "add_report: a report cut before its summary is a failure" sh -c ". tests/lib/test-lib.sh; add_report part $dir/cut-report > /dev/null; [ \$failed = 1 ]"
check "add_report: an empty report is a failure" sh -c ". tests/lib/test-lib.sh; add_report part $dir/empty > /dev/null; [ \$failed = 1 ]"

# the kdump kernel's fate and loader, from its own log (tests/qemu/lib/maps.inc)
check "kdump_fate: an empty log is no kdump kernel" test "$(kdump_fate "$dir/empty")" = "never started"
printf '[    0.000000] Linux version 6.12\n[    0.1] Kernel panic - not syncing: alloc_low_pages: can not alloc memory\n' > "$dir/panic"
check "kdump_fate: a panic is named" test "$(kdump_fate "$dir/panic")" = "panicked: alloc_low_pages: can not alloc memory"
printf '[    0.000000] Linux version 6.12\n[    0.000000] Command line: root=/dev/vda systemd.unit=kdump-tools-dump.service\n' > "$dir/cmdline"
check "kdump_fate: the service's name on the command line is not the service starting" \
	test "$(kdump_fate "$dir/cmdline")" = "hung (timed out)"
check "kdump_syscall: an empty log says unknown" test "$(kdump_syscall "$dir/empty")" = unknown
printf '[    0.000000] Command line: elfcorehdr=0x2b000000 root=/dev/vda\n' > "$dir/file"
printf '[    0.000000] Command line: root=/dev/vda elfcorehdr=966004K\n' > "$dir/load"
check "kdump_syscall: kexec_file_load's elfcorehdr= first" test "$(kdump_syscall "$dir/file")" = kexec_file_load
check "kdump_syscall: kexec_load's elfcorehdr= last" test "$(kdump_syscall "$dir/load")" = kexec_load
done_tests
