#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kernel-tree.sh BASE: prints the path of a git tree of Debian's linux-source-BASE (6.1 from
# bookworm, 6.12 from trixie, 7.2 from sid, 7.3 from experimental), extracted once into the cache (about 30 s, 1.5 GB)
# and committed as it came, so that `git am` and worktrees start from it. The package is fetched
# with apt-get download (tools/suite-apt.sh reaches the other suites without touching the
# machine's apt sources); keyed by its version: a new upload gets a tree of its own.
set -eu
base=${1:?usage: kernel-tree.sh 6.1|6.12|7.2|7.3}
case $base in
6.1) suite=bookworm ;;
6.12) suite=trixie ;;
7.2) suite=sid ;;
7.3) suite=experimental ;;
*) echo "kernel-tree: no Debian suite known for linux-source-$base" >&2; exit 1 ;;
esac
cache=${E820_CACHE:-/var/cache/e820-purgatory}
pkg=linux-source-$base
apt=$(tools/suite-apt.sh "$suite")
# shellcheck disable=SC2086 # $apt is a list of options
version=$(apt-cache $apt show --no-all-versions "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | head -1)
[ -n "$version" ] || { echo "kernel-tree: apt knows no $pkg in $suite" >&2; exit 1; }
tree=$cache/linux-source-$version
mkdir -p "$cache"
exec 9> "$tree.lock"
flock 9                     # one extraction at a time: make check's runs may share the cache
if [ ! -f "$tree/.e820-base" ]; then
	rm -rf "$tree" "$tree.tmp" "$tree.deb"
	mkdir -p "$tree.tmp" "$tree.deb"
	# shellcheck disable=SC2086
	(cd "$tree.deb" && apt-get $apt download "$pkg=$version" > download.log 2>&1) ||
		{ echo "kernel-tree: apt-get download $pkg=$version failed: $(tail -1 "$tree.deb/download.log")" >&2; exit 1; }
	dpkg -x "$tree.deb"/*.deb "$tree.deb/x"
	tarball=$(echo "$tree.deb/x/usr/src/$pkg".tar.*)
	[ -f "$tarball" ] || { echo "kernel-tree: $pkg $version holds no /usr/src/$pkg.tar.*" >&2; exit 1; }
	tar -xaf "$tarball" -C "$tree.tmp" --strip-components=1
	rm -rf "$tree.deb"
	# Debian's tree ignores everything (.gitignore "/*"): -f adds it all the same.
	git -C "$tree.tmp" init -q
	git -C "$tree.tmp" add -A -f
	git -C "$tree.tmp" -c user.name=e820-purgatory -c user.email=e820-purgatory@localhost \
		commit -q -m "Debian $pkg $version"
	echo "$version" > "$tree.tmp/.e820-base"
	mv "$tree.tmp" "$tree"
fi
echo "$tree"
