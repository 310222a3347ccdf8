#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Real machines' maps replayed in QEMU: a q35+OVMF guest (2 GiB) whose first kernel's e820 is
# shaped like a real machine's (maps.inc realmap_memmap: each non-RAM range of its type, packed
# into the guest's RAM), crashed on Debian 13's 6.12 and sid's 7.2 (each both first and kdump
# kernel). Asserted: kexec-e820 -p and -p -s, every first-kernel range in the kdump kernel's
# e820 with its type (an unknown type as unusable), its "available for PCI devices" window the
# first kernel's, the dump saved (kdump_ok, kdump_file_ok). On these 2 GiB guests the largest
# hole below 4 GiB would be the first kernel's RAM, had kexec-e820 not carried it as reserved.
# Recorded beside (make replay): kexec-tools' kexec -s -p (the stock path) and kexec -c -p, and
# their kdump kernels' PCI windows. Through -s, map 4bb732506947's dump stops on EFI memory the
# first kernel kept (the kernel's own core headers lack it): an expected failure (crash.inc
# KEPT_EFI_CAUSE), red the day it passes.
# make check replays two maps, kexec-e820 only (its 35 minutes); make replay (REPLAY_ALL=1) all
# six, kexec-tools beside.
set -u
. tests/lib/guest.inc
. tests/lib/crash.inc
MAPS=tests/fixtures/realmaps
# The six hardest of the 78: the most entries (HP desktop, 36), an unknown type beside many
# (ASUS PRIME A320, 34), servers with unknown types (Dell PowerEdge R7425, 31; Supermicro
# X11DAi-N, 19), two unknown-type ranges (Lenovo ThinkStation, 24), five Unusable (Lenovo, 21).
ALL='6a269c7e0c71 22938501b9eb 0e443a4e1548 4bb732506947 73244110cb7e 34fa88e8e13d'
CHECKED='0e443a4e1548 34fa88e8e13d'     # make check's: a server with an unknown type; unusable memory
RECORDED='--kdump-quiet 45'             # kexec-tools' kdump kernels may hang: recorded, not judged

# replay ID NAME MODE: one crash cycle of the guest shaped like map ID
replay() {
	# shellcheck disable=SC2046 # the memmap= words
	boot_crash "$2" q35 2048 "$3" $(realmap_memmap "$MAPS/$1.iomem")
}

# gap_record NAME: the kdump kernel's PCI window beside the first kernel's (printed, not judged:
# kexec-tools' kdump kernels; kdump_ok and kdump_file_ok assert it for kexec-e820's)
gap_record() {
	first=$(sed -n 's/^===PCI-GAP //p' "$QDIR/$1.first.log")
	kdump=$(pci_gap "$QDIR/$1.kdump.log")
	if [ -n "$first" ] && [ "$first" = "$kdump" ]; then same=same; else same=DIFFERS; fi
	echo "   record: $1: PCI window: first kernel ${first:-(none printed)}; kdump kernel ${kdump:-(none printed)}: $same"
}

# map_runs SUITE: every chosen map on that release's kernel
map_runs() {
	VMLINUZ=$(tools/fetch-kernel.sh "$1") || { no "$1: fetch the kernel"; return; }
	QDIR=build/qemu-realmaps-$1
	guest_setup crash || return
	maps=$CHECKED
	[ "${REPLAY_ALL:-0}" = 0 ] || maps=$ALL
	for id in $maps; do
		m=$id-q35       # not n: kdump_ok and the records set it
		replay "$id" "$m" ours
		kdump_ok "$m"
		replay "$id" "$m-s" ours-s
		KEPT_EFI_KNOWN=
		[ "$id" != 4bb732506947 ] || KEPT_EFI_KNOWN=$m-s
		kdump_file_ok "$m-s"
		[ "${REPLAY_ALL:-0}" = 0 ] && continue     # make check's time: kexec-tools in make replay
		# shellcheck disable=SC2086 # the options, one word each
		guest_opts $RECORDED
		replay "$id" "$m-kexec-s" kexec-s
		record_kexec_tools "$m-kexec-s" "$id, kexec-tools' kexec -s -p"
		gap_record "$m-kexec-s"
		# shellcheck disable=SC2086
		guest_opts $RECORDED
		replay "$id" "$m-kexec-c" kexec-c
		record_kexec_tools "$m-kexec-c" "$id, kexec-tools' kexec -c -p"
		gap_record "$m-kexec-c"
	done
}

if [ $# -gt 0 ]; then                  # one release
	map_runs "$1"
	done_tests
	exit 0
fi
both_releases "$0" realmaps
done_tests
