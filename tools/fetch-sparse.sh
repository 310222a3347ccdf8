#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fetch-sparse.sh: prints the path of a sparse that the newest kernel tree accepts for make C=1
# (its scripts/checker-valid.sh: 7.3 needs __typeof_unqual__, which Debian 12's 0.6.4 lacks),
# built once from sid's source package into the cache (about 10 s). sid's binary package needs a
# newer glibc than this machine's, so the source is fetched (apt-get source, through
# tools/suite-apt.sh's private sources) and built here, without its optional parts.
set -eu
cache=${E820_CACHE:-/var/cache/e820-purgatory}
apt=$(tools/suite-apt.sh sid src)
# shellcheck disable=SC2086 # $apt is a list of options
version=$(apt-cache $apt showsrc sparse 2>/dev/null | sed -n 's/^Version: //p' | head -1)
[ -n "$version" ] || { echo "fetch-sparse: apt knows no sparse source in sid" >&2; exit 1; }
dir=$cache/sparse-$version
mkdir -p "$cache"
exec 9> "$dir.lock"
flock 9
if [ ! -x "$dir/sparse" ]; then
	rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
	# shellcheck disable=SC2086
	(cd "$dir.tmp" && apt-get $apt source --download-only "sparse=$version" > fetch.log 2>&1) ||
		{ echo "fetch-sparse: apt-get source sparse=$version failed: $(tail -1 "$dir.tmp/fetch.log")" >&2; exit 1; }
	tar -xzf "$dir.tmp"/sparse_*.orig.tar.* -C "$dir.tmp"
	src=$(find "$dir.tmp" -mindepth 1 -maxdepth 1 -type d | head -1)
	make -C "$src" -j"$(nproc)" sparse HAVE_LLVM=no HAVE_SQLITE=no HAVE_GTK=no > "$dir.tmp/build.log" 2>&1 ||
		{ echo "fetch-sparse: building sparse $version failed; see $dir.tmp/build.log" >&2; exit 1; }
	mkdir -p "$dir" && cp "$src/sparse" "$dir/sparse.tmp" && mv "$dir/sparse.tmp" "$dir/sparse"
	rm -rf "$dir.tmp"
fi
echo "$dir/sparse"
