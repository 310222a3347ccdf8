#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tools/kernel-objs.sh BASE: the files kernel/patches/BASE/ touches, compiled with the kernel's
# W=1 warnings and checked by sparse (C=2, tools/fetch-sparse.sh) at every patch of the series
# (bisectable), in the configurations a whole build
# does not cover: kernel/objs-*.config, each merged over kernel/test.config. An object is
# compiled where its Makefile line builds it in that configuration; where crash.o is not built
# (CRASH_DUMP=n on 6.12 and later), kexec-bzimage64.o must not call into it, or vmlinux would
# not link. Prints one line per configuration and patch: "ok|FAIL CONFIG N/M: what"; exits
# non-zero on any FAIL. The configured object trees stay in the cache: a rerun compiles only what
# the patches touch.
set -eu
. tools/kernel-base.inc     # base, cache, tree, version, patches
dir=$cache/kernel-objs-$version
n=$(echo "$patches" | wc -l)
# what the series and the EFI fix touch, as objects: DIR/FILE.o and the Makefile that says when
# it is built. Not the decompressor's kaslr.o (the held KASLR patch, v1's patch 6): built alone
# it misses its directory's flags (-ffreestanding).
OBJS="arch/x86/kernel/crash.o arch/x86/kernel/kexec-bzimage64.o arch/x86/realmode/init.o
      arch/x86/platform/efi/quirks.o"
# what crash.c gives kexec-bzimage64.c: called where crash.o is not built, vmlinux cannot link
CRASH_SYMS='crash_setup_memmap_entries|crash_memmap_entries|crash_load_segments'
sparse=$(tools/fetch-sparse.sh)
mkdir -p "$dir"
exec 9> "$dir/lock"
flock 9
git="git -C $dir/src -c user.name=e820-purgatory -c user.email=e820-purgatory@localhost"
worktree_at "$dir/src"
# built OBJ: the CONFIG_ symbol of OBJ's Makefile line holds in .config (obj-y: always)
built() {
	mk=$dir/src/${1%/*}/Makefile obj=${1##*/}
	# shellcheck disable=SC2016 # the $( of a Makefile line, matched as text
	sym=$(grep -E "^(obj|vmlinux-objs)-[^ ]*[[:space:]]*\+=.*[ /]$obj( |\$)" "$mk" | head -1 |
		sed -n 's/^[a-z-]*-\$(\(CONFIG_[A-Z0-9_]*\)).*/\1/p; s/^obj-y.*/y/p')
	[ "$sym" = y ] || grep -qx "$sym=y" "$cfgdir/.config"
}
bad=0
for frag in kernel/objs-*.config; do
	name=${frag#kernel/objs-} name=${name%.config}
	cfgdir=$dir/obj-$name
	key=$(cat kernel/test.config "$frag" | sha256sum | cut -c1-16)
	if [ ! -f "$cfgdir/config-$key" ]; then
		rm -rf "$cfgdir" && mkdir -p "$cfgdir"
		$git checkout -q -f --detach "$(git -C "$tree" rev-parse HEAD)"
		{ make -C "$dir/src" O="$cfgdir" x86_64_defconfig
		  "$dir/src/scripts/kconfig/merge_config.sh" -m -O "$cfgdir" "$cfgdir/.config" kernel/test.config "$frag"
		  make -C "$dir/src" O="$cfgdir" olddefconfig; } > "$cfgdir/config.log" 2>&1 ||
			{ echo "FAIL $name: configuring failed; see $cfgdir/config.log"; bad=1; continue; }
		: > "$cfgdir/config-$key"
	fi
	# Options of the fragment this base's Kconfig lacks (CRASH_HOTPLUG on 6.1) are named, not failed.
	missing=
	while read -r v; do
		case $v in
		"# CONFIG_"*" is not set")
			want=${v#\# } want=${want%% *}
			! grep -q "^$want=" "$cfgdir/.config" || { echo "FAIL $name: $want stayed set"; bad=1; } ;;
		CONFIG_*) grep -qx "$v" "$cfgdir/.config" || missing="$missing ${v%%=*}" ;;
		esac
	done < "$frag"
	[ -z "$missing" ] || echo "   $name: not in linux-source-$version's config:$missing"
	$git am --abort 2>/dev/null || true
	$git checkout -q -f --detach "$(git -C "$tree" rev-parse HEAD)"
	i=0
	for p in $patches; do
		i=$((i + 1))
		$git am -q "$PWD/$p" > "$cfgdir/am.log" 2>&1 ||
			{ $git am --abort 2>/dev/null; echo "FAIL $name $i/$n: ${p##*/} does not apply"; bad=1; break; }
		objs=
		for o in $OBJS; do built "$o" && objs="$objs $o"; done
		# shellcheck disable=SC2086
		if make -C "$dir/src" O="$cfgdir" -j"$(($(nproc) + 1))" W=1 C=2 CHECK="$sparse" $objs > "$cfgdir/make-$i.log" 2>&1; then
			warn=$(grep -c -e 'warning:' -e 'error:' "$cfgdir/make-$i.log" || true)
			link=
			if ! built arch/x86/kernel/crash.o && built arch/x86/kernel/kexec-bzimage64.o; then
				link=$(nm -u "$cfgdir/arch/x86/kernel/kexec-bzimage64.o" | awk '{ print $2 }' |
					grep -E -x "$CRASH_SYMS" | tr '\n' ' ')
			fi
			# sparse said nothing because it ran on each: its CHECK line is in the log
			# (6.12 and older print the source path whole: CHECK /.../src/arch/...)
			unchecked=
			for o in $objs; do grep -q "CHECK  *\(.*/\)\{0,1\}${o%.o}.c\$" "$cfgdir/make-$i.log" || unchecked="$unchecked $o"; done
			if [ "$warn" = 0 ] && [ -z "$link" ] && [ -z "$unchecked" ]; then
				echo "ok   $name $i/$n: W=1 and sparse clean:$objs"
			else
				echo "FAIL $name $i/$n: $warn W=1 or sparse warnings${link:+, calls $link without crash.o}${unchecked:+, sparse never ran on$unchecked}; see $cfgdir/make-$i.log"
				bad=1
			fi
		else
			echo "FAIL $name $i/$n: the build failed: $(grep -m1 -e 'error:' -e '\*\*\*' "$cfgdir/make-$i.log")"
			bad=1
		fi
	done
done
exit $bad
