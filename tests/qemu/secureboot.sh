#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Secure Boot, in QEMU only, on Debian's real signed chain: OVMF with Secure Boot on and
# Microsoft's keys, shim-signed, grub-efi-amd64-signed, the Debian kernel; the kernel locks
# itself down, kexec_load is refused, and only kexec_file_load of a signed kernel is allowed.
# kexec-e820 then loads through kexec_file_load and puts what the kernel's 128 e820 entries
# lose on the kdump command line. Asserted from both kernels' own output; kexec-tools' kexec -s -p
# recorded beside it in make replay (KEXEC_TOOLS_RECORDS=1).
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

# 2. The package's /sbin/kexec under lockdown, and a failed reload that keeps the dump kernel.
# With nothing loaded: kexec-e820 failing after the syscall (a test hook) leaves kexec-tools to
# load, and --status says so; a kernel whose signature fails is refused by both; load, unload
# and load again through kexec-e820 -s. Then, with that dump kernel loaded, reloads that fail
# (unsigned, an initrd too big for the region, a missing initrd, a syscall failing after the
# kernel dropped it): each leaves it loaded, and the crash saves a dump through it.
n=sb-frontend
boot_sb_crash $n 1024 frontend "$memmap"
if split_ok $n; then
	secure $n
	fe() { grep -q "^===FE $1\$" "$QDIR/$n.first.log"; }
	fe_err() { grep -q "^===FE-ERR $1" "$QDIR/$n.first.log"; }
	one_err() { [ "$(grep -c "^===FE-ERR $1: " "$QDIR/$n.first.log")" = 1 ] && fe_err "$1: $2"; }
	check "$n: kexec-e820 fails after the syscall, nothing was loaded: kexec-tools loads (fallback)" sh -c \
		"grep -q '^===FE broken-frontend rc=0 loaded=1\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-ERR broken-frontend: kexec (e820-purgatory): kexec-e820 failed (exit 1): falling back' $QDIR/$n.first.log"
	check "$n: --status then: loaded by another loader, not kexec-e820, and why kexec-e820's load failed" sh -c \
		"grep -q '^===FE-STATUS broken-frontend: crash kernel: loaded\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-STATUS broken-frontend: loaded by another loader, not kexec-e820; kexec-e820.s record of its last load: failed: kexec_file_load: ' $QDIR/$n.first.log &&
		 ! grep -q '^===FE-STATUS broken-frontend: loaded by kexec-e820' $QDIR/$n.first.log"
	check "$n: /sbin/kexec -p -u unloads what kexec-tools loaded" fe "unload-other rc=0 loaded=0"
	check "$n: through /sbin/kexec a kernel with a broken signature: refused, kexec-tools tried as fallback, nothing loaded" sh -c \
		"grep -q '^===FE bad-frontend rc=[1-9][0-9]* loaded=0\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-ERR bad-frontend: kexec-e820: kexec_file_load: /tmp/bad.vmlinuz: signature rejected (.*): this kernel (lockdown: integrity) takes only kernels signed by a key it trusts\$' $QDIR/$n.first.log &&
		 grep -q '^===FE-ERR bad-frontend: kexec (e820-purgatory): kexec-e820 failed (exit 1): falling back to kexec-tools' $QDIR/$n.first.log"
	check "$n: /sbin/kexec -d -p (kdump-tools' KDUMP_KEXEC_ARGS=-d) loads through kexec-e820 -s" fe "load rc=0 loaded=1"
	check "$n: /sbin/kexec -p -u unloads under lockdown" fe "unload rc=0 loaded=0"
	check "$n: --status after the load: loaded by kexec-e820" grep -q '^===FE-STATUS good: loaded by kexec-e820:$' "$QDIR/$n.first.log"
	check "$n: reload with an unsigned kernel: refused before the drop (the kernel asked), exit 4, still loaded" sh -c \
		"grep -q '^===FE keep-unsigned rc=4 loaded=1\$' $QDIR/$n.first.log"
	check "$n: ... in one line: why, and that the loaded dump kernel is kept" \
		one_err keep-unsigned "kexec-e820: kexec_file_load: /tmp/bad.vmlinuz: signature rejected"
	check "$n: reload with an initrd too big for the crash region: refused, exit 4, still loaded" fe "keep-big-initrd rc=4 loaded=1"
	check "$n: ... in one line" one_err keep-big-initrd "kexec-e820: kernel ("
	check "$n: reload with a missing initrd: refused, still loaded" fe "keep-no-initrd rc=1 loaded=1"
	check "$n: reload failing after the kernel dropped the dump kernel: the previous one is loaded again, exit 4" \
		fe "keep-broken rc=4 loaded=1"
	check "$n: ... in one line saying so" one_err keep-broken "kexec-e820: kexec_file_load: /vmlinuz: invalid"
	check "$n: ... naming the previous kernel, loaded again" sh -c \
		"grep -q '^===FE-ERR keep-broken: .*; the dump kernel loaded before (/vmlinuz) is loaded again\$' $QDIR/$n.first.log"
	check "$n: through /sbin/kexec an unsigned reload: exit 4, no fallback (it would drop the dump kernel), still loaded" sh -c \
		"grep -q '^===FE keep-unsigned-frontend rc=4 loaded=1\$' $QDIR/$n.first.log && ! grep -q '^===FE-ERR keep-unsigned-frontend: .*falling back' $QDIR/$n.first.log"
	check "$n: through /sbin/kexec a command line too long for the kernel: exit 4, no fallback, still loaded" sh -c \
		"grep -q '^===FE keep-long-frontend rc=4 loaded=1\$' $QDIR/$n.first.log && ! grep -q '^===FE-ERR keep-long-frontend: .*falling back' $QDIR/$n.first.log"
	check "$n: ... in one line naming the kernel's limit" one_err keep-long-frontend "kexec-e820: the command line is "
	check "$n: --status after all that: still loaded by kexec-e820, the same kernel" sh -c \
		"grep -q '^===FE-STATUS kept: loaded by kexec-e820:\$' $QDIR/$n.first.log && grep -q '^===FE-STATUS kept: kernel /vmlinuz\$' $QDIR/$n.first.log"
	kdump_file_ok $n
fi

# 3. kexec-tools' kexec -s -p on the same chain: recorded, never failing the test; make
# replay's (KEXEC_TOOLS_RECORDS=1), never make check's time.
if [ "${KEXEC_TOOLS_RECORDS:-0}" != 1 ]; then
	done_tests
	exit 0
fi
n=sb-kexec-s
guest_opts --cpu 120    # its kdump kernel may hang here, halted; a panic stops it at once
boot_sb_crash $n 1024 kexec-s "$memmap"
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
