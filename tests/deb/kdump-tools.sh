#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Debian's own kdump service end to end, in QEMU only: a Debian 12 guest (tools/guest-image.sh)
# with kdump-tools, on q35+OVMF, 1 GiB, crashkernel=256M and 160 extra reserved ranges. At boot
# the guest installs build/e820-purgatory_*.deb with apt, kdump-tools.service loads the kdump
# kernel through /sbin/kexec (now kexec-e820), then sysrq-c. The kdump kernel boots
# kdump-tools' initramfs and kdump-tools-dump.service saves /var/crash/<stamp>/dump.<stamp> and
# reboots. The test then reads the guest's disk with debugfs (no mount). The same guest without
# the package (kexec-tools' kexec -p) is recorded beside it, never failing the test.
set -u
. tests/qemu/lib/common.inc
deb=$(tools/mkdeb.sh) || { no "make deb"; done_tests; exit 1; }
guest=$(tools/guest-image.sh) || { no "guest image"; done_tests; exit 1; }
GUEST_TIMEOUT=600       # TCG: boot, install, load, crash, dump, reboot take ~2 minutes
memmap=$(i=40; while [ $i -lt 200 ]; do printf '4K$%dM,' $i; i=$((i + 1)); done)
memmap=memmap=${memmap%,}

# run_guest NAME [DEB]: a fresh copy of the guest disk (with DEB at /var/tmp for the install
# unit), booted until the kdump kernel reboots it. $QDIR/NAME.log, .first.log, .kdump.log.
run_guest() {
	img=$QDIR/$1.img
	cp --sparse=always "$guest/disk.img" "$img"
	[ -z "${2:-}" ] || debugfs -w -R "write $2 /var/tmp/e820-purgatory.deb" "$img" >/dev/null 2>&1
	cp "$OVMF_VARS" "$QDIR/$1.vars"
	start=$(date +%s)
	timeout "$GUEST_TIMEOUT" qemu-system-x86_64 -machine q35 -m 1024 -smp 2 -nographic -no-reboot -net none \
		-drive if=pflash,format=raw,readonly=on,file="$OVMF_CODE" \
		-drive if=pflash,format=raw,file="$QDIR/$1.vars" \
		-drive file="$img",format=raw,if=virtio \
		-kernel "$guest/vmlinuz" -initrd "$guest/initrd.img" \
		-append "root=/dev/vda ro console=ttyS0 crashkernel=256M quiet e820test=crash $memmap" \
		</dev/null 2>&1 | tr -d '\r' > "$QDIR/$1.log"
	echo "   $1: guest ran $(($(date +%s) - start)) s"
	split_log "$QDIR/$1"
}
has() { grep -qF -- "$2" "$QDIR/$1"; }
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

# --- with the package ---
n=ours
run_guest $n "$deb"
ours_checks() {
	check "$n: apt installed the package at boot" has $n.first.log "===INSTALL-END rc=0"
	check "$n: dpkg diverted kexec-tools' /sbin/kexec" has $n.first.log "Adding 'diversion of /sbin/kexec to /sbin/kexec.distrib by e820-purgatory'"
	check "$n: kdump-tools.service ran and loaded (systemctl status)" \
		shows $n.first.log SERVICE 'Active: active (exited)' 'loaded kdump kernel'
	check "$n: kdump-config status: ready to kdump" shows $n.first.log KDUMP-STATUS 'current state *: ready to kdump'
	check "$n: kdump-config loaded with /sbin/kexec -p" shows $n.first.log KEXEC-CMD '^/sbin/kexec -p '
	check "$n: kexec-e820 --status shows its load" \
		shows $n.first.log E820-STATUS '^crash kernel: loaded' '^loaded by kexec-e820:' '^kernel /var/lib/kdump/vmlinuz'
	check "$n: purgatory verified and patched" has $n.kdump.log "purgatory: sha256 ok: "
	sed -n 's/^purgatory: /   purgatory: /p' "$QDIR/$n.kdump.log"
	check "$n: kdump kernel started kdump-tools-dump.service" has $n.kdump.log "kdump-tools-dump"
	check "$n: kdump-tools saved the vmcore" has $n.kdump.log "kdump-tools: saved vmcore in /var/crash/"
	check "$n: the guest rebooted by itself after the dump" has $n.kdump.log "reboot: Restarting system"

	stamp=$(stamp_of $n)
	check "$n: /var/crash/<stamp>/ on the guest's disk (${stamp:-none})" test -n "$stamp"
	dump=$QDIR/$n.dump
	check "$n: dump.$stamp read from the disk" disk_get $n "/var/crash/$stamp/dump.$stamp" "$dump"
	check "$n: it is a makedumpfile file (flattened header 'makedumpfile', as kdump-tools' -F writes)" \
		sh -c "[ \"\$(head -c 12 $dump)\" = makedumpfile ]"
	rm -f "$dump.kdump"
	makedumpfile -R "$dump.kdump" < "$dump" >/dev/null 2>&1
	check "$n: makedumpfile -R turns it into a kdump-compressed dump ('KDUMP   ' header)" \
		sh -c "[ \"\$(head -c 8 $dump.kdump 2>/dev/null)\" = 'KDUMP   ' ]"
	echo "   $n: dump $(stat -c %s "$dump" 2>/dev/null) bytes flattened, $(stat -c %s "$dump.kdump" 2>/dev/null) rearranged"
	rm -f "$dump" "$dump.kdump"
	check "$n: the kdump kernel's dmesg saved beside it" disk_get $n /var/crash/kdump-kernel.dmesg "$QDIR/$n.kdump.dmesg"

	iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
	e820_of "$QDIR/$n.kdump.dmesg" > "$QDIR/$n.kdump.e820"
	check "$n: first kernel has e820-named ranges ($(wc -l < "$QDIR/$n.first.ranges"), past 128)" \
		test "$(wc -l < "$QDIR/$n.first.ranges")" -gt 128
	check "$n: every one is in the saved kdump dmesg's e820 with its type" covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820"
	check "$n: saved kdump dmesg: the kernel read a SETUP_E820_EXT node" grep -q 'extended physical RAM map:' "$QDIR/$n.kdump.dmesg"
	check "$n: saved kdump dmesg: MMCONFIG reserved in E820, never 'not using MMCONFIG'" mmconfig_trusted "$QDIR/$n.kdump.dmesg"
	check "$n: the same on the serial line" mmconfig_trusted "$QDIR/$n.kdump.log"
	check "$n: kdump kernel kept physical KASLR (earlyprintk lets its decompressor say otherwise)" \
		kaslr_kept "$QDIR/$n.kdump.log"
}
! split_ok $n || ours_checks
rm -f "$QDIR/$n.img"

# --- the same guest without the package: kexec-tools' own kexec -p, recorded ---
n=kexec-tools
run_guest $n
grep -q '===CRASHING' "$QDIR/$n.log" ||
	echo "   record: kdump-tools through kexec-tools: no ===CRASHING marker, the first kernel's report was cut"
iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
if disk_get $n /var/crash/kdump-kernel.dmesg "$QDIR/$n.kdump.dmesg"; then src=$QDIR/$n.kdump.dmesg; else src=$QDIR/$n.kdump.log; fi
e820_of "$src" > "$QDIR/$n.kdump.e820"
missing=$(covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820" | wc -l)
stamp=$(stamp_of $n)
printf '   record: kdump-tools through kexec-tools'\'' %s: loaded: %s; dump saved: %s; rebooted: %s; ' \
	"$(section "$QDIR/$n.first.log" KEXEC-CMD | cut -d" " -f1-2)" \
	"$(section "$QDIR/$n.first.log" KDUMP-STATUS | grep -q 'ready to kdump' && echo yes || echo no)" \
	"$([ -n "$stamp" ] && disk_ls $n "/var/crash/$stamp" | grep -q "dump.$stamp" && echo yes || echo no)" \
	"$(has $n.kdump.log 'reboot: Restarting system' && echo yes || echo no)"
printf 'physical KASLR: %s; reserved ranges missing from its e820: %s of %s; MMCONFIG: %s\n' \
	"$(kaslr_word "$QDIR/$n.kdump.log")" "$missing" \
	"$(wc -l < "$QDIR/$n.first.ranges")" "$(mmconfig_line "$src" | grep . || echo 'no verdict printed')"
rm -f "$QDIR/$n.img"
done_tests
