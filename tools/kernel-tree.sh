#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Prints the path of a git tree of Debian's linux-source-6.1, extracted once into the cache
# (about 10 s, 1.3 GB) and committed as it came, so that `git am` and worktrees start from it.
# Keyed by the package's version: an upgraded linux-source-6.1 gets a tree of its own.
set -eu
cache=${E820_CACHE:-/var/cache/e820-purgatory}
tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || { echo "kernel-tree: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
tree=$cache/linux-source-$version
if [ ! -f "$tree/.e820-base" ]; then
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	tar -xJf "$tarball" -C "$tree.tmp" --strip-components=1
	# Debian's tree ignores everything (.gitignore "/*"): -f adds it all the same.
	git -C "$tree.tmp" init -q
	git -C "$tree.tmp" add -A -f
	git -C "$tree.tmp" -c user.name=e820-purgatory -c user.email=e820-purgatory@localhost \
		commit -q -m "Debian linux-source-6.1 $version"
	echo "$version" > "$tree.tmp/.e820-base"
	mv "$tree.tmp" "$tree"
fi
echo "$tree"
