#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The test library's own checks: every helper that reads a log says no on an empty or cut one,
# and yes on a real one (saved kernel output in tests/fixtures/); sourcing does no work; the
# guest launcher, run on a stand-in for QEMU, passes each firmware its arguments and stops.
set -u
. tests/lib/test-lib.sh
. tests/lib/maps.inc
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

# xfail: a known failure counts as passed and says so; the day it passes, it fails
check "xfail: still failing: counted as passed, said as xfail" sh -c \
	". tests/lib/test-lib.sh; xfail known 'its cause' false > $dir/x; [ \$passed = 1 ] && [ \"\$(cat $dir/x)\" = 'xfail known: its cause' ]"
check "xfail: passing now: a failure that says to drop it" sh -c \
	". tests/lib/test-lib.sh; xfail known 'its cause' true | grep -q '^FAIL known: passes now' && xfail known c true > /dev/null; [ \$failed = 1 ]"

# the kdump kernel's fate and loader, from its own log (tests/lib/maps.inc)
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

# Sourcing the guest library creates nothing, prints nothing, fetches nothing.
check "guest.inc: sourcing it does no work" sh -c \
	"out=\$(QDIR=$dir/q; . tests/lib/guest.inc 2>&1); [ -z \"\$out\" ] && [ ! -e $dir/q ]"

# has and split_ok on logs of this test's making
QDIR=$dir
. tests/lib/guest.inc
check "has: an empty log has nothing" not has empty "Linux version"
printf 'first\n===CRASHING\nkdump\n' > "$dir/whole.log"
check "has: a fixed string in the log" has whole.log "===CRASHING"
: > "$dir/empty.log"
check "split_ok: a log without the marker is one failure" sh -c \
	"QDIR=$dir; . tests/lib/guest.inc; split_ok empty > /dev/null; [ \$failed = 1 ]"
split_log "$dir/whole"
check "split_log: the kdump half is what follows the marker" test "$(cat "$dir/whole.kdump.log")" = kdump

# guest_boot on a stand-in QEMU that records its arguments, prints, and waits to be stopped;
# stand-in firmware files too (make unit needs no OVMF package)
for fw in OVMF_CODE OVMF_VARS OVMF_SB_CODE OVMF_SB_VARS; do
	echo "$fw" > "$dir/$fw.fd"
	eval "$fw=\$dir/\$fw.fd"
done
mkdir -p "$dir/bin"
# sleeping_qemu: the stand-in that prints one line, then sleeps (uses no CPU) until stopped
sleeping_qemu() {
	cat > "$dir/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/sh
echo "$@" > "${0%/*}/args"
while [ $# -gt 0 ]; do [ "$1" != -pidfile ] || echo $$ > "$2"; shift; done
echo 'purgatory: sha256 mismatch; not booting'
exec sleep 120
FAKE
	chmod +x "$dir/bin/qemu-system-x86_64"
}
sleeping_qemu
args=$dir/bin/args
t0=$(date +%s)
PATH=$dir/bin:$PATH
guest_opts --stop-at '; not booting' --smp 1
guest_boot fake 60 sb q35 512 -kernel k
took=$(($(date +%s) - t0))
check "guest_boot: --stop-at stops the guest once the text is on the line (${took} s of a 60 s limit)" \
	sh -c "[ $took -lt 30 ] && grep -q 'not booting' $dir/fake.log && ! grep -q STOPPED $dir/fake.log"
check "guest_boot sb: Secure Boot firmware, SMM, its own variables" sh -c \
	"grep -q -- '-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on' $args &&
	 grep -qF -- 'file=$OVMF_SB_CODE' $args && grep -qF -- 'file=$dir/fake.vars' $args &&
	 cmp -s $dir/fake.vars $OVMF_SB_VARS"
check "guest_boot: guest_opts --smp reached QEMU" grep -q -- '-m 512 -smp 1 ' "$args"
guest_opts --stop-at '; not booting' --cpu 50
guest_boot fake 60 bios pc 512 -kernel k
check "guest_boot bios: no firmware drive, the machine and memory given; the last call's --smp gone" sh -c \
	"grep -q -- '-m 512 -smp 2 .*-machine pc ' $args && ! grep -q pflash $args"
opts_cleared() { [ -z "$go_stop_at" ] && [ "$go_smp" = 2 ] && [ -z "$go_cpu" ]; }
check "guest_opts: consumed by one guest_boot (no --stop-at, --cpu left for the next)" opts_cleared
check "guest_opts: an unknown option is one failure" sh -c \
	"QDIR=$dir; . tests/lib/guest.inc; guest_opts --stop-on x > /dev/null; [ \$? != 0 ] && [ \$failed = 1 ]"
check "qemu_run: QEMU's arguments must follow --" sh -c \
	"QDIR=$dir; . tests/lib/guest.inc; qemu_run x --cpu 1 -m 512 > /dev/null; [ \$? != 0 ] && [ \$failed = 1 ]"
# a guest that sleeps uses no CPU: the wall-clock backstop, SECONDS x --wall-factor
guest_opts --wall-factor 2
guest_boot slow 3 ovmf q35 512 -kernel k
check "qemu_run: a guest killed at its wall-clock backstop says so on its log" \
	test "$(tail -1 "$dir/slow.log")" = "===TIMEOUT: QEMU killed after 6 s of wall time (3 s of CPU time not used up)"
check "split_ok: a cut log is one failure that shows its last lines" sh -c \
	"QDIR=$dir; . tests/lib/guest.inc; split_ok slow | grep -q '| ===TIMEOUT: QEMU killed after 6 s of wall time'"
# a guest that computes for ever: stopped once it has used its CPU time, however long that took
cat > "$dir/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" != -pidfile ] || echo $$ > "$2"; shift; done
echo 'spinning'
while :; do :; done
FAKE
t0=$(date +%s)
guest_opts --wall-factor 100    # a busy host may give it a tenth of a core
guest_boot spin 2 ovmf q35 512 -kernel k
took=$(($(date +%s) - t0))
check "qemu_run: a guest that used its CPU time is stopped, saying so ($took s of wall time)" sh -c \
	"tail -1 $dir/spin.log | grep -qx '===TIMEOUT: QEMU used its 2 s of CPU time, in [0-9]* s' && [ $took -lt 100 ]"
sleeping_qemu
t0=$(date +%s)
guest_opts --quiet 2
guest_boot hung 60 ovmf q35 512 -kernel k
took=$(($(date +%s) - t0))
check "qemu_run: a guest whose line stays quiet --quiet s is stopped, saying so ($took s of a 60 s limit)" \
	sh -c "[ $took -lt 30 ] && [ \"\$(tail -1 $dir/hung.log)\" = '===STOPPED: its serial line was quiet for 2 s' ]"
# a kdump kernel that panics, then halts (no CPU used): stopped at its panic without being asked,
# its trace kept, far inside the 600 s (x 5 wall) it would otherwise have waited
cat > "$dir/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" != -pidfile ] || echo $$ > "$2"; shift; done
printf '===E820TEST-UP\n===CRASHING\n[    5.1] Kernel panic - not syncing: sysrq triggered crash\n'
printf '[    0.000000] Linux version 6.12.117+deb13-amd64\n'
printf '[    0.000000] Kernel panic - not syncing: alloc_low_pages: can not alloc memory\n'
sleep 1
printf '[    0.000000]  ? alloc_low_pages+0x11e/0x160\nPANIC: early exception 0x0d IP 10:ffffffff94001d30\n'
exec sleep 120
FAKE
t0=$(date +%s)
guest_boot panics 600 ovmf q35 512 -kernel k
took=$(($(date +%s) - t0))
check "qemu_run: a kdump kernel's panic stops its guest within seconds, unasked ($took s), its trace kept" \
	sh -c "[ $took -lt 60 ] && grep -q 'PANIC: early exception' $dir/panics.log && ! grep -q '===TIMEOUT' $dir/panics.log"
# the first kernel's own sysrq panic is no outcome: the guest runs on (here, to its --quiet stop)
cat > "$dir/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" != -pidfile ] || echo $$ > "$2"; shift; done
printf '===E820TEST-UP\n===CRASHING\n[    5.1] Kernel panic - not syncing: sysrq triggered crash\n'
exec sleep 120
FAKE
guest_opts --quiet 4
guest_boot sysrq 60 ovmf q35 512 -kernel k
check "qemu_run: the first kernel's sysrq panic does not stop the guest" \
	test "$(tail -1 "$dir/sysrq.log")" = '===STOPPED: its serial line was quiet for 4 s'
# a first kernel that dies before init: stopped at once, booted once more, said
cat > "$dir/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/sh
echo run >> "${0%/*}/runs"
while [ $# -gt 0 ]; do [ "$1" != -pidfile ] || echo $$ > "$2"; shift; done
printf '[    3.142460] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI\n[    3.144767] Kernel panic - not syncing: Fatal exception in interrupt\n'
exec sleep 120
FAKE
t0=$(date +%s)
said=$(guest_boot early 60 ovmf q35 512 -kernel k)
took=$(($(date +%s) - t0))
check "guest_boot: a first kernel dead before init is booted once more, and it says so ($took s)" sh -c \
	"[ \$(wc -l < $dir/bin/runs) = 2 ] && [ $took -lt 30 ] && test -s $dir/early.died-early.log &&
	 echo '$said' | grep -q 'its first kernel panicked before init (Oops: int3'"
check "qemu_run: the dead guest is stopped, saying why" grep -q '===STOPPED: the first kernel panicked before init' "$dir/early.log"
# a guest whose kernel stalls: stopped at the third report, prepared afresh and booted once more
cat > "$dir/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/sh
echo run >> "${0%/*}/stall-runs"
while [ $# -gt 0 ]; do [ "$1" != -pidfile ] || echo $$ > "$2"; shift; done
printf '===INSTALL-BEGIN\n'
for t in 95 116 137; do printf '[  %s.1] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n' $t; done
exec sleep 120
FAKE
t0=$(date +%s)
guest_opts --prepare "echo prepared >> $dir/prepared"
said=$(guest_boot stall 60 ovmf q35 512 -kernel k)
took=$(($(date +%s) - t0))
check "guest_boot: a stalled guest is stopped, prepared again and booted once more, and says so ($took s)" sh -c \
	"[ \$(wc -l < $dir/bin/stall-runs) = 2 ] && [ \$(wc -l < $dir/prepared) = 2 ] && [ $took -lt 30 ] &&
	 test -s $dir/stall.stalled.log && echo '$said' | grep -q 'its kernel stalled (RCU reported stalled CPUs three times): booted once more'"
check "qemu_run: the stalled guest's log says why it was stopped" grep -q '===STOPPED: its kernel stalled' "$dir/stall.log"
printf '[ 95.1] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n[ 99.0] ok\n' > "$dir/one-stall.log"
check "stalled: one report is not a stall" not stalled "$dir/one-stall.log"
printf '===CRASHING\n[ 9.1] Kernel panic - not syncing: sysrq triggered crash\n' > "$dir/late.log"
check "died_early: a panic after our init spoke is not early" not died_early "$dir/late.log"
printf '[ 9.1] Kernel panic - not syncing: sysrq triggered crash\n' > "$dir/sysrq.log"
check "died_early: sysrq's panic is not early" not died_early "$dir/sysrq.log"
check "died_early: an empty log is not a panic" not died_early "$dir/empty"
check "guest_boot: an unknown firmware is refused before QEMU starts" sh -c \
	"QDIR=$dir; . tests/lib/guest.inc; rm -f $args; guest_boot fake 60 coreboot q35 512 > /dev/null; [ \$? != 0 ] && [ ! -e $args ]"
# realmap_memmap: one memmap= word per top-level non-RAM e820 range of a real map; from 1 MiB
# on packed from 256 MiB, touching ranges kept touching (the Dell R7425's first two)
words=$(realmap_memmap tests/fixtures/realmaps/0e443a4e1548.iomem)
want=$(grep -v '^#' tests/fixtures/realmaps/0e443a4e1548.iomem | grep -v '^ ' | grep -vc ' : System RAM$')
# shellcheck disable=SC2086 # counted as words
check "realmap_memmap: a word per non-RAM range ($want)" test "$(echo $words | wc -w)" = "$want"
check "realmap_memmap: types and packing (reserved at 256 MiB, the unknown type touching it)" sh -c \
	"echo '$words' | grep -q 'memmap=0x100000\\\$0x10000000 memmap=0x200000%0x10100000+20 '"
done_tests
