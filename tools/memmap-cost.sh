#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What a memmap= form costs a kdump kernel, measured: on Debian's 6.1, 6.12 and 7.2 (each both
# first and kdump kernel), a pc guest (SeaBIOS: kexec_file keeps physical KASLR there) crashes
# through kexec-tools' kexec -s -p with one form added to the kdump command line
# (mkcrashrd.sh's e820kdump=); the kdump kernel's decompressor says whether physical KASLR
# survived, its e820 how the range arrived. A record for docs/details.md, not a test.
set -u
. tests/lib/guest.inc
# shellcheck disable=SC2016 # literal $ in the forms
FORMS='none memmap=64K%200M+5 memmap=64K#200M memmap=64K$200M memmap=4K$201M,4K$202M,4K$203M,4K$204M,4K$205M'
for suite in bookworm trixie sid; do
	if [ $suite = bookworm ]; then VMLINUZ=$(tools/fetch-kernel.sh); else VMLINUZ=$(tools/fetch-kernel.sh $suite); fi ||
		{ echo "$suite: no kernel"; continue; }
	QDIR=build/qemu-memmap-cost-$suite
	guest_setup crash > /dev/null || { echo "$suite: guest_setup failed"; continue; }
	for form in $FORMS; do
		n=$(echo "$form" | tr -c 'a-zA-Z0-9\n' _)
		extra=
		[ "$form" = none ] || extra="e820kdump=$form"
		guest_opts --stop-at '===KDUMP-END'
		# shellcheck disable=SC2086 # nothing, or one word
		boot_crash "$n" pc 1024 kexec-s earlyprintk=serial $extra > /dev/null 2>&1
		entry=$(e820_of "$QDIR/$n.kdump.log" | grep '^0x000000000c800000 ' | cut -d' ' -f3-)
		printf '%-9s %-58s physical KASLR %-9s the range at 200M: %s\n' "$suite" "$form" \
			"$(kaslr_word "$QDIR/$n.kdump.log")" "${entry:-(none)}"
	done
done
