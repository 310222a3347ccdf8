#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tools/guest-image.sh failing half way leaves nothing in its cache: no image, no build
# directory, and says why in one line. Two faults: the mirror unreachable (a closed port on
# loopback) and the disk full (the cache on a 40 MiB tmpfs, real mirror).
set -u
. tests/lib/test-lib.sh     # ok, no, check, done_tests
work=$(mktemp -d)
cleanup() { umount "$work/small" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# fails NAME CACHE: the build exits non-zero, says "guest-image: ...", and CACHE holds no image
fails() {
	name=$1 cache=$2
	shift 2
	if env E820_CACHE="$cache" "$@" tools/guest-image.sh > "$work/out" 2> "$work/err"; then
		no "$name: the build succeeded"
		return
	fi
	sed -n '1,2s/^/   /p' "$work/err"
	left=$(find "$cache" -mindepth 1 -maxdepth 1 ! -name .guest-image.lock | wc -l)
	if grep -q '^guest-image: ' "$work/err" && [ ! -s "$work/out" ] && [ "$left" = 0 ]; then
		ok "$name: fails, says why, leaves no image or build directory in the cache"
	else
		no "$name: $left entries left in the cache: $(ls -A "$cache")"
	fi
}

fails "mirror unreachable" "$work/net" E820_GUEST_MIRROR=http://127.0.0.1:9/debian
mkdir -p "$work/small"
if mount -t tmpfs -o size=40m tmpfs "$work/small"; then
	fails "disk full" "$work/small"
else
	no "disk full: cannot mount a small tmpfs (needs root)"
fi
done_tests
