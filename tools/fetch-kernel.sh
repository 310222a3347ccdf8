#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fetch-kernel.sh [SUITE]: prints the path of Debian's current amd64 kernel (bzImage) of SUITE
# (default: this machine's, bookworm), downloaded once (never installed) into a cache that
# outlives build/ and fresh clones. Its config and System.map lie beside it (config, for the
# prediction's tests). sid splits the image package: the bzImage is in linux-binary-VER, the
# config in linux-base-VER, both under usr/lib/modules/VER/, its modules in linux-modules-VER;
# older suites keep them all in linux-image-VER, vmlinuz and config in /boot.
# modules/ beside it: the few modules the guests insmod (DAX_MODULES, uncompressed: busybox's
# insmod reads no .xz), the dax drivers that online soft reserved memory (tests/qemu/kmem.sh).
set -eu
suite=${1:-}
apt_opts=
[ -z "$suite" ] || apt_opts=$(tools/suite-apt.sh "$suite")
cache=${E820_CACHE:-/var/cache/e820-purgatory}
mkdir -p "$cache" 2>/dev/null || cache=${XDG_CACHE_HOME:-$HOME/.cache}/e820-purgatory
mkdir -p "$cache"
# one writer at a time (make check runs tests side by side), taken only to write: a reader of
# a warm cache (make unit, as nobody) may not be able to write it
locked=
fetch_lock() { [ -n "$locked" ] || { exec 8>"$cache/.fetch.lock" && flock 8 && locked=1; }; }
# shellcheck disable=SC2086
find_dep() { apt-cache $apt_opts depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -1; }
dep=$(find_dep)
if [ -z "$dep" ] && [ -z "$apt_opts" ]; then
	fetch_lock
	apt-get update -q >/dev/null
	dep=$(find_dep)
fi
[ -n "$dep" ] || { echo "fetch-kernel: apt-cache cannot resolve linux-image-amd64${suite:+ in $suite}" >&2; exit 1; }
ver=${dep#linux-image-}
dir=$cache/$dep
DAX_MODULES='drivers/dax/device_dax drivers/dax/kmem drivers/dax/hmem/dax_hmem'   # load order; no hard deps
cached() { [ -f "$dir/vmlinuz" ] && [ -f "$dir/config" ] && [ -s "$dir/modules/order" ]; }
cached || fetch_lock
if ! cached; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# shellcheck disable=SC2086
	(cd "$tmp" && apt-get $apt_opts download -q "$dep" >/dev/null 2>&1 &&
		{ apt-get $apt_opts download -q "linux-binary-$ver" "linux-base-$ver" "linux-modules-$ver" >/dev/null 2>&1 || true; }) ||
		{ echo "fetch-kernel: apt-get download $dep failed" >&2; exit 1; }
	for d in "$tmp"/*.deb; do dpkg -x "$d" "$tmp/x"; done
	img='' cfg=''
	for f in "$tmp"/x/boot/vmlinuz-* "$tmp/x/usr/lib/modules/$ver/vmlinuz"; do [ -f "$f" ] && img=$f && break; done
	for f in "$tmp"/x/boot/config-* "$tmp/x/usr/lib/modules/$ver/config"; do [ -f "$f" ] && cfg=$f && break; done
	if [ -z "$img" ] || [ -z "$cfg" ]; then echo "fetch-kernel: no vmlinuz or config in $dep's packages" >&2; exit 1; fi
	mkdir -p "$dir/modules"
	: > "$dir/modules/order.tmp"     # the ones found, in load order (a kernel may lack some)
	for m in $DAX_MODULES; do
		ko=$(find "$tmp/x" -path "*/modules/*/kernel/$m.ko*" | head -1)
		[ -n "$ko" ] || continue
		case $ko in
		*.xz) xz -dc "$ko" ;;
		*.zst) zstd -qdc "$ko" ;;
		*) cat "$ko" ;;
		esac > "$dir/modules/${m##*/}.ko"
		echo "${m##*/}.ko" >> "$dir/modules/order.tmp"
	done
	mv "$dir/modules/order.tmp" "$dir/modules/order"
	cp "$cfg" "$dir/config"
	cp "$img" "$dir/vmlinuz.tmp"
	mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
fi
echo "$dir/vmlinuz"
