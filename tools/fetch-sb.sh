#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fetch-sb.sh [SUITE]: prints a directory holding Debian's signed boot chain of SUITE (default:
# this machine's) for the Secure Boot tests: shimx64.efi (shim-signed, Microsoft's signature)
# and grubx64.efi (grub-efi-amd64-signed, Debian's), downloaded once (never installed) into the
# cache, keyed by the two package versions.
set -eu
apt_opts=
[ -z "${1:-}" ] || apt_opts=$(tools/suite-apt.sh "$1")
cache=${E820_CACHE:-/var/cache/e820-purgatory}
mkdir -p "$cache"
# shellcheck disable=SC2086
ver() { apt-cache $apt_opts policy "$1" 2>/dev/null | sed -n 's/^  Candidate: //p'; }
[ -n "$(ver shim-signed)" ] || [ -n "$apt_opts" ] || apt-get update -q >/dev/null
shim=$(ver shim-signed) grub=$(ver grub-efi-amd64-signed)
{ [ -n "$shim" ] && [ "$shim" != "(none)" ] && [ -n "$grub" ] && [ "$grub" != "(none)" ]; } ||
	{ echo "fetch-sb: apt knows no shim-signed or grub-efi-amd64-signed" >&2; exit 1; }
dir=$cache/sb-chain-$(echo "$shim $grub" | tr -c 'a-zA-Z0-9.+\n' _)
if [ ! -f "$dir/grubx64.efi" ]; then
	# one writer at a time (tests run side by side); then it may be there already
	exec 8>"$cache/.fetch.lock"
	flock 8
fi
if [ ! -f "$dir/grubx64.efi" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# shellcheck disable=SC2086
	(cd "$tmp" && apt-get $apt_opts download -q shim-signed grub-efi-amd64-signed >/dev/null 2>&1) ||
		{ echo "fetch-sb: apt-get download shim-signed grub-efi-amd64-signed failed" >&2; exit 1; }
	for d in "$tmp"/*.deb; do dpkg -x "$d" "$tmp/x"; done
	mkdir -p "$dir.tmp"
	cp "$tmp/x/usr/lib/shim/shimx64.efi.signed" "$dir.tmp/shimx64.efi"
	cp "$tmp/x/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed" "$dir.tmp/grubx64.efi"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi
echo "$dir"
