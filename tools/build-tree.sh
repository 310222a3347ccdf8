#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# build-tree.sh SUITE: prints the directory of a cached Debian tree (the SUITE guest's tree of
# tools/guest-image.sh, plus the packages the README's build and make unit take), made once.
# Built in a temporary directory and renamed into place only when whole.
set -eu
SUITE=${1:?usage: build-tree.sh SUITE}
# README: gcc make gnu-efi dpkg-dev; make unit: openssl (the SHA-256 oracle), binutils
# (readelf), file, man-db, python3 (JSON), util-linux (setpriv), librsvg2-bin (rsvg-convert)
PACKAGES="gcc make gnu-efi dpkg-dev binutils libc6-dev openssl file man-db python3 util-linux librsvg2-bin"
cache=${E820_CACHE:-/var/cache/e820-purgatory}
exec 8>"$cache/.build-tree.lock"     # one build at a time: tests run side by side
flock 8
guest=$(tools/guest-image.sh "$SUITE")
key=$(printf '%s\n' "$PACKAGES $guest" | cat - "$0" | sha256sum | cut -c1-16)
dir=$cache/build-tree-$SUITE-$key
[ -f "$dir/.done" ] && { echo "$dir"; exit 0; }
tmp=$(mktemp -d "$cache/.build-tree.XXXXXX")
trap 'umount "$tmp/proc" 2>/dev/null; rm -rf "$tmp"' EXIT
cp -a "$guest/root/." "$tmp/"
cp /etc/resolv.conf "$tmp/etc/resolv.conf"
mount -t proc proc "$tmp/proc"
# shellcheck disable=SC2086 # one package a word
if ! chroot "$tmp" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES && apt-get clean" > "$tmp/.log" 2>&1; then
	tail -5 "$tmp/.log" >&2
	echo "build-tree: installing the build packages into the $SUITE tree failed" >&2
	exit 1
fi
umount "$tmp/proc"
touch "$tmp/.done"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "$dir"
