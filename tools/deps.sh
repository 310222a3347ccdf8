#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Installs the Debian packages the build and tests need; as non-root, says the exact command.
set -eu
# build: gcc binutils libc6-dev make gnu-efi; host tests: openssl coreutils;
# QEMU tests: qemu-system-x86 ovmf busybox-static cpio (the kernel comes from tools/fetch-kernel.sh)
PACKAGES="gcc binutils libc6-dev make gnu-efi openssl coreutils qemu-system-x86 ovmf busybox-static cpio"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" != 0 ]; then
	echo "make deps: missing packages; as root run: apt-get install -y$missing" >&2
	exit 1
fi
echo "make deps: installing$missing"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
