#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Prints the path of Debian's current amd64 kernel (bzImage), downloaded once (never installed)
# into a cache that outlives build/ and fresh clones.
set -eu
cache=${E820_CACHE:-/var/cache/e820-purgatory}
mkdir -p "$cache" 2>/dev/null || cache=${XDG_CACHE_HOME:-$HOME/.cache}/e820-purgatory
mkdir -p "$cache"
find_dep() { apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -1; }
dep=$(find_dep)
if [ -z "$dep" ]; then
	apt-get update -q >/dev/null
	dep=$(find_dep)
fi
[ -n "$dep" ] || { echo "fetch-kernel: apt-cache cannot resolve linux-image-amd64" >&2; exit 1; }
dir=$cache/$dep
if [ ! -f "$dir/vmlinuz" ]; then
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -q "$dep" >/dev/null 2>&1) || { echo "fetch-kernel: apt-get download $dep failed" >&2; exit 1; }
	dpkg -x "$tmp"/linux-image-*.deb "$tmp/x"
	mkdir -p "$dir"
	cp "$tmp"/x/boot/vmlinuz-* "$dir/vmlinuz"
	rm -rf "$tmp"
fi
echo "$dir/vmlinuz"
