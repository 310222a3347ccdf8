#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Debian's own kdump service end to end, in QEMU only: a Debian 12 guest and a Debian 13 guest
# (tools/guest-image.sh; their own kernels, 6.1 and 6.12, kdump-tools and kexec-tools) on q35+OVMF, 1 GiB, crashkernel=256M and 160 extra reserved ranges. At boot
# the guest installs build/e820-purgatory_*.deb with apt, kdump-tools.service loads the kdump
# kernel through /sbin/kexec (now kexec-e820), then sysrq-c. The kdump kernel boots
# kdump-tools' initramfs and kdump-tools-dump.service saves /var/crash/<stamp>/dump.<stamp> and
# reboots. The test then reads the guest's disk with debugfs (no mount). The same guest without
# the package (kexec-tools' kexec -p) is recorded beside it in make replay (KEXEC_TOOLS_RECORDS=1),
# never failing the test. Then both
# again under Secure Boot on Debian's signed chain: the kernel locks itself down, kdump-config
# passes -s, the package's front end sends it to kexec-e820 -s (kexec_file_load).
set -u
. tests/lib/guest.inc
mkdir -p "$QDIR"
deb=${E820_DEB:-$(tools/mkdeb.sh)} || { no "make deb"; done_tests; exit 1; }
# TCG: boot, install, load, crash, dump, reboot take 2 to 4 minutes alone, and more than 15 with
# five other guests on the two cores (three make checks at once: both Secure Boot guests were
# killed at the 900 s this was). A guest is judged by progress: stopped once its serial line has
# been quiet for QUIET_LIMIT s (guest_opts --quiet; it hangs: the longest silence seen was 46 s,
# the dump being written with two busy loops beside); the hour is only a backstop.
GUEST_TIMEOUT=3600
QUIET_LIMIT=600

CMDLINE="root=/dev/vda ro console=ttyS0 crashkernel=256M e820test=crash $MEMMAP_160"

# run_guest NAME [DEB] [sb]: a fresh copy of the guest disk (with DEB at /var/tmp for the install
# unit), booted until the kdump kernel reboots it. $QDIR/NAME.log, .first.log, .kdump.log.
# With sb, Debian's signed chain boots it (OVMF with Secure Boot on and Microsoft's keys, shim,
# GRUB, the guest's own signed kernel, from an ESP directory), without quiet: the kernel's own
# Secure Boot and lockdown lines are on the serial line.
# fresh_disk IMG [DEB]: IMG a copy of the guest's disk, DEB on it at /var/tmp (before each boot)
fresh_disk() {
	cp --sparse=always "$guest/disk.img" "$1" || return 1
	[ -z "${2:-}" ] || debugfs -w -R "write $2 /var/tmp/e820-purgatory.deb" "$1" >/dev/null 2>&1
}
run_guest() {
	img=$QDIR/$1.img
	# no file of an earlier run may stand in for this one's, whatever happens below
	rm -f "$QDIR/$1.log" "$QDIR/$1.first.log" "$QDIR/$1.kdump.log" "$QDIR/$1.kdump.dmesg" "$QDIR/$1.kdump.e820"
	start=$(date +%s)
	if [ "${3:-}" = sb ]; then
		chain=$(tools/fetch-sb.sh "$SB_SUITE") || return 1
		# shellcheck disable=SC2086 # the command line into words
		sb_esp "$QDIR/$1.esp" "$chain" "$guest/vmlinuz" "$guest/initrd.img" $CMDLINE
		guest_opts --quiet "$QUIET_LIMIT" --prepare "fresh_disk $img ${2:-}"
		guest_boot "$1" "$GUEST_TIMEOUT" sb q35 1024 -drive file="$img",format=raw,if=virtio \
			-drive file=fat:"$QDIR/$1.esp",format=raw,if=virtio,readonly=on
	else
		guest_opts --quiet "$QUIET_LIMIT" --prepare "fresh_disk $img ${2:-}"
		guest_boot "$1" "$GUEST_TIMEOUT" ovmf q35 1024 -drive file="$img",format=raw,if=virtio \
			-kernel "$guest/vmlinuz" -initrd "$guest/initrd.img" -append "$CMDLINE quiet"
	fi
	echo "   $1: guest ran $(($(date +%s) - start)) s"
	split_log "$QDIR/$1"
}
# shows LOG SECTION REGEX...: every REGEX matches a line between the section's markers
shows() {
	log=$1 sec=$2
	shift 2
	for re; do section "$QDIR/$log" "$sec" | grep -q -- "$re" || return 1; done
}
# On the guest's disk, after the run (debugfs reads the image; nothing is mounted).
disk_ls() { debugfs -R "ls $2" "$QDIR/$1.img" 2>/dev/null; }
disk_get() { debugfs -R "dump $2 $3" "$QDIR/$1.img" >/dev/null 2>&1 && [ -s "$3" ]; }
stamp_of() { disk_ls "$1" /var/crash | grep -o '\b2[0-9]\{11\}\b' | head -1; }

# What kdump-tools must have done after the crash, read from the serial line and the disk.
dump_checks() {
	check "$n: kdump kernel started kdump-tools-dump.service" grep -q 'Starting .*kdump-tools-dump' "$QDIR/$n.kdump.log"
	check "$n: kdump-tools saved the vmcore" has "$n.kdump.log" "kdump-tools: saved vmcore in /var/crash/"
	check "$n: the guest rebooted by itself after the dump" has "$n.kdump.log" "reboot: Restarting system"

	stamp=$(stamp_of "$n")
	check "$n: /var/crash/<stamp>/ on the guest's disk (${stamp:-none})" test -n "$stamp"
	dump=$QDIR/$n.dump
	check "$n: dump.$stamp read from the disk" disk_get "$n" "/var/crash/$stamp/dump.$stamp" "$dump"
	check "$n: it is a makedumpfile file (flattened header 'makedumpfile', as kdump-tools' -F writes)" \
		sh -c "[ \"\$(head -c 12 $dump)\" = makedumpfile ]"
	rm -f "$dump.kdump"
	makedumpfile -R "$dump.kdump" < "$dump" >/dev/null 2>&1
	check "$n: makedumpfile -R turns it into a kdump-compressed dump ('KDUMP   ' header)" \
		sh -c "[ \"\$(head -c 8 $dump.kdump 2>/dev/null)\" = 'KDUMP   ' ]"
	echo "   $n: dump $(stat -c %s "$dump" 2>/dev/null) bytes flattened, $(stat -c %s "$dump.kdump" 2>/dev/null) rearranged"
	rm -f "$dump" "$dump.kdump"
	check "$n: the kdump kernel's dmesg saved beside it" disk_get "$n" /var/crash/kdump-kernel.dmesg "$QDIR/$n.kdump.dmesg"

	iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
	e820_of "$QDIR/$n.kdump.dmesg" > "$QDIR/$n.kdump.e820"
	check "$n: first kernel has e820-named ranges ($(wc -l < "$QDIR/$n.first.ranges"), past 128)" \
		test "$(wc -l < "$QDIR/$n.first.ranges")" -gt 128
	check "$n: every one is in the saved kdump dmesg's e820 with its type" covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820"
	check "$n: saved kdump dmesg: MMCONFIG reserved in E820, never 'not using MMCONFIG'" mmconfig_trusted "$QDIR/$n.kdump.dmesg"
	check "$n: the same on the serial line" mmconfig_trusted "$QDIR/$n.kdump.log"
}

ours_checks() {
	check "$n: apt installed the package at boot" has "$n.first.log" "===INSTALL-END rc=0"
	check "$n: dpkg diverted both of kexec-tools' names" sh -c \
		"grep -qF \"Adding 'diversion of /sbin/kexec to /sbin/kexec.distrib.usr-is-merged by e820-purgatory'\" $QDIR/$n.first.log && grep -qF \"Adding 'diversion of /usr/sbin/kexec to /usr/sbin/kexec.distrib by e820-purgatory'\" $QDIR/$n.first.log"
	# its start's exit status, from the unit: the journal's "loaded kdump kernel" line may not
	# have reached journald when the guest prints the status on a busy machine (seen beside a
	# busy loop); that the load holds, kdump-config status and kexec-e820 --status say below
	check "$n: kdump-tools.service ran and its start succeeded (systemctl status)" \
		shows "$n.first.log" SERVICE 'Active: active (exited)' 'ExecStart=/etc/init.d/kdump-tools start (code=exited, status=0/SUCCESS)'
	check "$n: kdump-config status: ready to kdump" shows "$n.first.log" KDUMP-STATUS 'current state *: ready to kdump'
	check "$n: kdump-config loaded with /sbin/kexec -p" shows "$n.first.log" KEXEC-CMD '^/sbin/kexec -p '
	check "$n: kexec-e820 --status shows its load" \
		shows "$n.first.log" E820-STATUS '^crash kernel: loaded' '^loaded by kexec-e820:' '^kernel /var/lib/kdump/vmlinuz'
	check "$n: purgatory verified and patched" has "$n.kdump.log" "purgatory: sha256 ok: "
	sed -n 's/^purgatory: /   purgatory: /p' "$QDIR/$n.kdump.log"
	dump_checks
	check "$n: saved kdump dmesg: the kernel read a SETUP_E820_EXT node (its 'extended:' table)" grep -q '] extended: \[mem ' "$QDIR/$n.kdump.dmesg"
	check "$n: kdump kernel kept physical KASLR (earlyprintk lets its decompressor say otherwise)" \
		kaslr_kept "$QDIR/$n.kdump.log"
}

sb_checks() {
	check "$n: Secure Boot on: the kernel says 'secureboot: Secure boot enabled'" has "$n.first.log" "secureboot: Secure boot enabled"
	check "$n: the kernel locked itself down" has "$n.first.log" "Kernel is locked down from EFI Secure Boot"
	check "$n: apt installed the package at boot" has "$n.first.log" "===INSTALL-END rc=0"
	check "$n: kdump-config chose -s by itself (SecureBoot=1, SetupMode=0)" shows "$n.first.log" KEXEC-CMD '^/sbin/kexec -p -s '
	check "$n: kdump-config status: ready to kdump" shows "$n.first.log" KDUMP-STATUS 'current state *: ready to kdump'
	check "$n: kexec-e820 loaded it through kexec_file_load" \
		shows "$n.first.log" E820-STATUS '^crash kernel: loaded' '^loaded by kexec-e820:' '^syscall kexec_file_load: '
	check "$n: the kernel's own purgatory ran" ran_without "$QDIR/$n.kdump.log" "purgatory: "
	dump_checks
	check "$n: saved kdump dmesg: the kdump kernel took memmap= (its user-defined map)" \
		grep -q 'user-defined physical RAM map:' "$QDIR/$n.kdump.dmesg"
	echo "   $n: kdump kernel's physical KASLR: $(kaslr_word "$QDIR/$n.kdump.log")"
}

# record NAME WHAT: what kdump-tools did through kexec-tools, never failing the test. The
# command is the section's first line that is a path: systemd's console status can come before it.
record() {
	n=$1
	grep -q '===CRASHING' "$QDIR/$n.log" ||
		echo "   record: $2: no ===CRASHING marker, the first kernel's report was cut"
	iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
	if disk_get "$n" /var/crash/kdump-kernel.dmesg "$QDIR/$n.kdump.dmesg"; then src=$QDIR/$n.kdump.dmesg; else src=$QDIR/$n.kdump.log; fi
	e820_of "$src" > "$QDIR/$n.kdump.e820"
	missing=$(covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820" | wc -l)
	stamp=$(stamp_of "$n")
	printf '   record: %s, %s: loaded: %s (%s); kdump kernel %s; dump saved: %s; rebooted: %s; ' "$2" \
		"$(section "$QDIR/$n.first.log" KEXEC-CMD | grep -a -m1 '^/' | cut -d" " -f1-3)" \
		"$(section "$QDIR/$n.first.log" KDUMP-STATUS | grep -q 'ready to kdump' && echo yes || echo no)" \
		"$(kdump_syscall "$QDIR/$n.kdump.log")" "$(kdump_fate "$QDIR/$n.kdump.log")" \
		"$([ -n "$stamp" ] && disk_ls "$n" "/var/crash/$stamp" | grep -q "dump.$stamp" && echo yes || echo no)" \
		"$(has "$n.kdump.log" 'reboot: Restarting system' && echo yes || echo no)"
	printf 'physical KASLR: %s; reserved ranges missing from its e820: %s of %s; MMCONFIG: %s\n' \
		"$(kaslr_word "$QDIR/$n.kdump.log")" "$missing" \
		"$(wc -l < "$QDIR/$n.first.ranges")" "$(mmconfig_line "$src" | grep . || echo 'no verdict printed')"
	rm -f "$QDIR/$n.img"
}

# suite_runs SUITE PREFIX: the guests of one Debian release (names PREFIX...): with the
# package, without it (recorded, make replay only), and both again on that release's signed
# boot chain.
suite_runs() {
	guest=$(tools/guest-image.sh "$1") || { no "$1: guest image"; return; }
	SB_SUITE=$1
	n=${2}ours
	run_guest "$n" "$deb"
	! split_ok "$n" || ours_checks
	rm -f "$QDIR/$n.img"

	# the same guest without the package: kexec-tools' own kexec -p (13: kexec_file first),
	# recorded in make replay (KEXEC_TOOLS_RECORDS=1), never make check's time
	if [ "${KEXEC_TOOLS_RECORDS:-0}" = 1 ]; then
		run_guest "${2}kexec-tools"
		record "${2}kexec-tools" "$1: kdump-tools through kexec-tools"
	fi

	# Secure Boot: the signed chain, the kernel locked down; kdump-config picks -s itself
	n=${2}sb-ours
	run_guest "$n" "$deb" sb
	! split_ok "$n" || sb_checks
	rm -f "$QDIR/$n.img"

	# Secure Boot without the package: kdump-config's kexec -p -s through kexec-tools, recorded
	[ "${KEXEC_TOOLS_RECORDS:-0}" = 1 ] || return 0
	run_guest "${2}sb-kexec-tools" "" sb
	record "${2}sb-kexec-tools" "$1: Secure Boot, kdump-tools through kexec-tools"
}

if [ $# -gt 0 ]; then                  # one release: SUITE PREFIX
	suite_runs "$1" "${2:-}"
	done_tests
	exit 0
fi
# Both releases at once, one guest each: a TCG guest keeps about one core busy, and the two
# chains take 6 and 11 minutes one after the other. Each part's report is printed whole.
for s in bookworm trixie; do tools/guest-image.sh $s > /dev/null || no "$s: guest image"; done
E820_DEB=$deb "$0" bookworm "" > "$QDIR/kdump-tools-bookworm.out" 2>&1 &
one=$!
E820_DEB=$deb "$0" trixie trixie- > "$QDIR/kdump-tools-trixie.out" 2>&1 &
two=$!
wait $one
wait $two
add_report "Debian 12" "$QDIR/kdump-tools-bookworm.out"
add_report "Debian 13" "$QDIR/kdump-tools-trixie.out"
done_tests
