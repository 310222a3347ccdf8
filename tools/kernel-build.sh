#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tools/kernel-build.sh BASE: Debian's linux-source-BASE (tools/kernel-tree.sh) built with
# kernel/test.config (and kernel/test-BASE.config where there is one), first as it is, then
# once per patch of kernel/patches/BASE/, applied one by one with git am on the same tree (only
# the patched files and the link are rebuilt, about 40 s each): every patch builds on its own.
# Prints the unpatched bzImage, then one line per patch, the kernel with the series up to it;
# the last line is the whole series.
# Cached: the build directory is keyed by the source version and the config, the patched images
# by the series, so a changed patch costs incremental builds only. Log: DIR/build.log.
set -eu
. tools/kernel-base.inc     # base, cache, tree, version, patches
key() { cat "$@" | sha256sum | cut -c1-16; }
configs=kernel/test.config     # and what this base adds to it
[ ! -f "kernel/test-$base.config" ] || configs="$configs kernel/test-$base.config"
# shellcheck disable=SC2086
dir=$cache/kernel-build-$version-$(key $configs)
# keyed by the diffs (git patch-id): new words in a commit message cost no build
# shellcheck disable=SC2086
series=$(cat $patches | git patch-id --stable | cut -d' ' -f1 | sha256sum | cut -c1-16)
unpatched=$dir/bzImage-unpatched patched=$dir/series-$series
jobs=$(($(nproc) + 1))
if [ ! -d "$dir" ]; then     # this base's build of another config or source goes: gigabytes each
	for old in "$cache"/kernel-build-"$base"[.~]*-*; do [ -d "$old" ] && rm -rf "$old"; done
	git -C "$tree" worktree prune
fi
mkdir -p "$dir"
exec 9> "$dir/lock"
flock 9                            # one build at a time in this directory
log=$dir/build.log
git="git -C $dir/src -c user.name=e820-purgatory -c user.email=e820-purgatory@localhost"

build() {   # build LABEL OUT: bzImage from $dir/src as it stands, copied to OUT
	echo "== $1: make -j$jobs bzImage ($(date -u +%T))" >> "$log"
	start=$(date +%s)
	make -C "$dir/src" O="$dir/obj" -j"$jobs" bzImage >> "$log" 2>&1 ||
		{ echo "kernel-build: the $1 build failed; see $log" >&2; exit 1; }
	cp "$dir/obj/arch/x86/boot/bzImage" "$2.tmp" && mv "$2.tmp" "$2"
	echo "== $1: $(($(date +%s) - start)) s" >> "$log"
}

worktree_at "$dir/src"
if [ ! -f "$unpatched" ] || [ ! -f "$patched/done" ]; then
	$git am --abort 2>/dev/null || true
	$git checkout -q -f --detach "$(git -C "$tree" rev-parse HEAD)"
fi
if [ ! -f "$unpatched" ]; then
	if [ ! -f "$dir/config-checked" ]; then
		# shellcheck disable=SC2129 # one step a line, each checked by the config check below
		make -C "$dir/src" O="$dir/obj" x86_64_defconfig >> "$log" 2>&1
		# shellcheck disable=SC2086
		"$dir/src/scripts/kconfig/merge_config.sh" -m -O "$dir/obj" "$dir/obj/.config" $configs >> "$log" 2>&1
		make -C "$dir/src" O="$dir/obj" olddefconfig >> "$log" 2>&1
		# Every option asked for is in the result, or the config cannot give what the test needs.
		# shellcheck disable=SC2086
		sed -n 's/^\(CONFIG_[A-Z0-9_]*=.*\)/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set/\1/p' $configs |
		while read -r want; do
			case $want in
			*=*) grep -qx "$want" "$dir/obj/.config" ;;
			*) ! grep -q "^$want=" "$dir/obj/.config" ;;
			esac || { echo "kernel-build: $configs: $want did not hold after olddefconfig" >&2; exit 1; }
		done
		: > "$dir/config-checked"
	fi
	build unpatched "$unpatched"
fi
if [ ! -f "$patched/done" ]; then
	rm -rf "$dir"/series-* "$dir"/bzImage-patched-*
	mkdir -p "$patched"
	i=0
	for p in $patches; do
		i=$((i + 1))
		$git am -q "$PWD/$p" >> "$log" 2>&1 ||
			{ $git am --abort 2>/dev/null; echo "kernel-build: $p does not apply; see $log" >&2; exit 1; }
		build "patch $i" "$patched/bzImage-$i"
	done
	: > "$patched/done"
fi
echo "$unpatched"
i=1
while [ -f "$patched/bzImage-$i" ]; do echo "$patched/bzImage-$i"; i=$((i + 1)); done
