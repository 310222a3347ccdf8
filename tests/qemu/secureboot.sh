#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Secure Boot, in QEMU only, on Debian's real signed chain: OVMF with Secure Boot on and
# Microsoft's keys, shim-signed, grub-efi-amd64-signed, the Debian kernel; the kernel locks
# itself down, kexec_load is refused, and only kexec_file_load of a signed kernel is allowed.
# kexec-e820 then loads through kexec_file_load and puts what the kernel's 128 e820 entries
# lose on the kdump command line. Asserted from both kernels' own output; kexec-tools' kexec -s -p
# recorded beside it.
set -u
. tests/lib/guest.inc
. tests/lib/crash.inc
guest_setup crash || { done_tests; exit 1; }
# persistent memory too: kexec_file never passes it to a kdump kernel
memmap="$MEMMAP_160,16M!400M,8M!432M"

# The first kernel's own word (dmesg, securityfs), printed by its init between markers.
secure() {
	section "$QDIR/$1.first.log" SECURITY > "$QDIR/$1.security"
	check "$1: shim, GRUB and the kernel booted with Secure Boot on ('secureboot: Secure boot enabled')" \
		grep -q 'secureboot: Secure boot enabled' "$QDIR/$1.security"
	check "$1: the kernel locked itself down (lockdown: integrity)" sh -c \
		"grep -q 'Kernel is locked down from EFI Secure Boot' $QDIR/$1.security &&
		 grep -qx 'lockdown: none \[integrity\] confidentiality' $QDIR/$1.security"
}

# 1. kexec-e820 -p with no -s: kexec_load is refused, kexec-e820 says so and turns to kexec_file_load.
n=sb-160
boot_sb_crash $n 1024 lockdown "$memmap"
if split_ok $n; then
	secure $n
	check "$n: kexec-e820 named the refusal and the syscall it took instead" \
		has $n.first.log "kexec-e820: kexec_load refused (IMA under Secure Boot appraises only kexec_file_load); loading through kexec_file_load"
	kdump_file_ok $n
	check "$n: persistent memory reached the kdump kernel as type 12" \
		grep -qx '0x0000000019000000 0x0000000019ffffff persistent (type 12)' "$QDIR/$n.kdump.e820"
fi

# 2. The package's /sbin/kexec under lockdown: a kernel whose signature fails is refused in one
# line naming it, nothing stays loaded, kexec-tools' fallback fails the same way; then a load,
# an unload (kdump-tools' stop) and a load again, all through kexec-e820 -s.
n=sb-frontend
boot_sb_crash $n 1024 frontend "$memmap"
if split_ok $n; then
	secure $n
	fe() { grep -q "^===FE $1\$" "$QDIR/$n.first.log"; }
	check "$n: --status after kexec-e820 -s loaded: loaded, by kexec-e820" sh -c \
		"grep -q '^===FE good rc=0 loaded=1\$' $QDIR/$n.first.log && grep -q '^===FE-STATUS good: loaded by kexec-e820:\$' $QDIR/$n.first.log"
	check "$n: a kernel with a broken signature: kexec-e820 exits 1, nothing loaded (the kernel dropped the old one)" \
		fe "bad-direct rc=1 loaded=0"
	check "$n: --status then: not loaded, and kexec-e820's last load failed, saying why" sh -c \
		"grep -q '^===FE-STATUS bad-direct: crash kernel: not loaded\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-STATUS bad-direct: kexec-e820.s last load did not end loaded: failed: .*signature rejected' $QDIR/$n.first.log"
	check "$n: kexec-tools then loads: --status says loaded, not by kexec-e820" sh -c \
		"grep -q '^===FE kexec-tools rc=0 loaded=1\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-STATUS kexec-tools: loaded by another loader, not kexec-e820; kexec-e820.s record of its last load: failed' $QDIR/$n.first.log &&
		 ! grep -q '^===FE-STATUS kexec-tools: loaded by kexec-e820' $QDIR/$n.first.log"
	check "$n: kexec-tools unloads it" fe "kexec-tools-unload rc=0 loaded=0"
	check "$n: ... in one line naming the file and why" sh -c \
		"[ \$(grep -c '^===FE-ERR bad-direct: ' $QDIR/$n.first.log) = 1 ] &&
		 grep -q '^===FE-ERR bad-direct: kexec-e820: kexec_file_load: /tmp/bad.vmlinuz: signature rejected (.*): this kernel (lockdown: integrity) takes only kernels signed by a key it trusts\$' $QDIR/$n.first.log"
	check "$n: through /sbin/kexec: refused, kexec-tools' kexec -s tried as fallback, nothing loaded" sh -c \
		"grep -q '^===FE bad-frontend rc=[1-9][0-9]* loaded=0\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-ERR bad-frontend: kexec (e820-purgatory): kexec-e820 failed (exit 1): falling back to kexec-tools' $QDIR/$n.first.log"
	check "$n: /sbin/kexec -p loads through kexec-e820 -s" fe "load rc=0 loaded=1"
	check "$n: /sbin/kexec -p -u unloads under lockdown" fe "unload rc=0 loaded=0"
	kdump_file_ok $n
fi

# 3. kexec-tools' kexec -s -p on the same chain: recorded, never failing the test.
n=sb-kexec-s
BOOT_TIMEOUT=120        # its kdump kernel may hang here
boot_sb_crash $n 1024 kexec-s "$memmap"
BOOT_TIMEOUT=180
if grep -q '===CRASHING' "$QDIR/$n.log"; then
	iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
	e820_of "$QDIR/$n.kdump.log" > "$QDIR/$n.kdump.e820"
	printf '   record: kexec-tools kexec -s -p under Secure Boot, 162 ranges: loaded: %s; kdump kernel %s; ' \
		"$(grep -q '===LOADED rc=0 crash_loaded=1' "$QDIR/$n.first.log" && echo yes || echo no)" \
		"$(grep -q '===KDUMP-UP' "$QDIR/$n.kdump.log" && echo up || echo 'not up (panicked or hung)')"
	printf 'ranges missing from its e820: %s of %s; MMCONFIG: %s\n' \
		"$(covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820" | wc -l)" "$(wc -l < "$QDIR/$n.first.ranges")" \
		"$(mmconfig_line "$QDIR/$n.kdump.log" | grep . || echo 'no verdict printed')"
else
	echo "   record: kexec-tools kexec -s -p under Secure Boot: no ===CRASHING marker, the first kernel's report was cut"
fi
done_tests
