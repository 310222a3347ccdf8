#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Installs the Debian packages the build and tests need; as non-root, says the exact command.
set -eu
# build: gcc binutils libc6-dev make gnu-efi; host tests: openssl coreutils;
# QEMU tests: qemu-system-x86 ovmf busybox-static cpio (the kernel comes from tools/fetch-kernel.sh),
# and inside the guests makedumpfile, and kexec-tools for the side-by-side comparison;
# host tests read with file, man and python3 (JSON), and trace with strace (a dry run makes no
# kexec syscall); the guests' dax modules come out of .xz or .zst (zstd); fuzzing: clang, libclang-rt-14-dev; lint:
# cppcheck, clang-tidy, shellcheck; bench: valgrind (callgrind), perl (timestamps); the package: dpkg-dev,
# lintian; its kdump-tools guest: debootstrap, e2fsprogs (mkfs.ext4 -d, debugfs); the map
# picture: librsvg2-bin (rsvg-convert); the kernel series' guard: git, xz-utils (the trees of
# linux-source-6.1, 6.12 and 7.3 come by apt-get download into the cache, tools/kernel-tree.sh).
# `tools/deps.sh kernel` (make kernel-test) adds what building those kernels takes: flex, bison,
# bc, libelf-dev, libssl-dev; sparse for its `make C=1`.
PACKAGES="gcc binutils libc6-dev make gnu-efi openssl coreutils qemu-system-x86 ovmf busybox-static cpio
clang libclang-rt-14-dev cppcheck clang-tidy shellcheck valgrind perl
makedumpfile kexec-tools file man-db python3 strace zstd
dpkg-dev lintian debootstrap e2fsprogs librsvg2-bin
git xz-utils"
[ "${1:-}" = kernel ] && PACKAGES="$PACKAGES flex bison bc libelf-dev libssl-dev sparse"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
# Keep kexec-tools' boot-time loader off, whoever installed the package.
no_host_kexec() {
	[ -f /etc/default/kexec ] && sed -i 's/^LOAD_KEXEC=.*/LOAD_KEXEC=false/' /etc/default/kexec
	command -v systemctl >/dev/null && systemctl mask kexec-load.service >/dev/null 2>&1
	return 0
}
if [ -z "$missing" ]; then
	[ "$(id -u)" != 0 ] || no_host_kexec
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "make deps: missing packages; as root run: apt-get install -y$missing" >&2
	exit 1
fi
echo "make deps: installing$missing"
# kexec-tools is only copied into test guests: it must never load a kernel on this machine.
echo "kexec-tools kexec-tools/load_kexec boolean false" | debconf-set-selections
apt-get update -q
# shellcheck disable=SC2086 # one package a word
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
no_host_kexec
