#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Debian package: lintian, its contents, and dpkg's whole life cycle in chroots of the test
# guests' trees (copies): Debian 12 (kexec-tools ships /sbin/kexec) and Debian 13 (it ships
# /usr/sbin/kexec; merged /usr). Install, install again, kexec-tools reinstalled, upgraded from
# 12's to 13's with apt, remove, reinstall, purge; and the upgrade from 0.1.0 (built from its
# release commit) in the states 0.1.0 left: intact, overwritten by a kexec-tools reinstall on 13,
# kexec-tools' binary deleted by the 12 to 13 upgrade. After each step dpkg --verify is clean,
# dpkg-divert --list is as expected, and kexec --version and a crash-mode call (--dry-run on a
# saved iomem: nothing is loaded) reach the right program by both names.
set -u
. tests/lib/test-lib.sh
OLD_RELEASE=95e1b27            # the commit that made e820-purgatory 0.1.0
OLD_SOURCE_NOTE="0.1.0's packaging from commit $OLD_RELEASE"
IOMEM=tests/fixtures/ovmf-q35-1g-crashkernel.iomem

deb=$(tools/mkdeb.sh) || { no "make deb"; done_tests; exit 1; }
work=$(mktemp -d /var/tmp/e820-deb-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

lintian --tag-display-limit 0 "$deb" > "$work/lintian" 2>&1
sed -i -e '/running with root privileges is not recommended/d' -e '/will drop --no-tag-display-limit/d' "$work/lintian"
sed 's/^/   lintian: /' "$work/lintian"
check "lintian: no errors, no warnings" sh -c "! grep -q '^[EW]: ' $work/lintian"
dpkg-deb -c "$deb" | awk '{ print $NF }' > "$work/contents"
for f in ./usr/sbin/kexec ./usr/sbin/kexec-e820 ./usr/share/man/man8/kexec-e820.8.gz \
	./usr/lib/e820-purgatory/e820shim.efi ./usr/share/doc/e820-purgatory/copyright; do
	check "package holds $f" grep -qx "$f" "$work/contents"
done
check "package ships nothing under /sbin (merged /usr: its files are under /usr)" sh -c "! grep -q '^\./sbin' $work/contents"
check "package is amd64, depends on kexec-tools, pre-depends on usr-is-merged" sh -c \
	"dpkg-deb -f $deb Architecture | grep -qx amd64 && dpkg-deb -f $deb Depends | grep -q kexec-tools &&
	 dpkg-deb -f $deb Pre-Depends | grep -q usr-is-merged"

# 0.1.0, as released: its packaging files with today's binaries (the diversion is what matters).
old=$work/old
mkdir -p "$old"
if git archive "$OLD_RELEASE" packaging tools/mkdeb.sh docs/kexec-e820.8 2>/dev/null | tar -x -C "$old"; then
	ln -s "$PWD/build" "$old/build"
	old_deb=$(cd "$old" && tools/mkdeb.sh) && old_deb=$old/$old_deb
fi
check "$OLD_SOURCE_NOTE: built" test -f "${old_deb:-/nonexistent}"

in_root() { chroot "$root" "$@"; }
dpkg_do() { chroot "$root" "$@" > "$work/log" 2>&1 || { sed 's/^/     /' "$work/log" | tail -8; return 1; }; }
# The tree as dpkg leaves it, but for dpkg's own records, logs and the package files themselves.
snapshot() {
	(cd "$root" && find . -xdev \( -path ./var/lib/dpkg -o -path ./var/log -o -path ./var/cache -o -path ./tmp \
		-o -path ./proc -o -path ./var/lib/apt -o -path ./etc/apt \) -prune -o -printf '%p %M %s %l\n' | LC_ALL=C sort)
}
as_before() {
	snapshot > "$work/now"
	cmp -s "$work/before" "$work/now" && return 0
	diff "$work/before" "$work/now" | head -10
	return 1
}
# kexec_name: the name kexec-tools' package ships (/sbin/kexec on 12, /usr/sbin/kexec on 13)
kexec_name() { in_root dpkg-query -L kexec-tools | grep -x '\(/usr\)\{0,1\}/sbin/kexec'; }
verify() {
	if in_root dpkg --verify "$@" > "$work/verify" 2>&1 && [ ! -s "$work/verify" ]; then return 0; fi
	cat "$work/verify"
	return 1
}
# Exactly what this package's version diverts (0.2.0: both names; none: nothing).
diversions_are() {
	in_root dpkg-divert --list | grep -F kexec | LC_ALL=C sort > "$work/div"
	case $1 in
	both) printf '%s\n' "diversion of /sbin/kexec to /sbin/kexec.distrib.usr-is-merged by e820-purgatory" \
		"diversion of /usr/sbin/kexec to /usr/sbin/kexec.distrib by e820-purgatory" ;;
	none) ;;
	esac | LC_ALL=C sort | cmp -s - "$work/div" || { sed 's/^/     has: /' "$work/div"; return 1; }
}
# Both names reach the front end, and through it kexec-tools (--version) and kexec-e820 (-p).
reaches() {
	for vmlinuz in "$root"/boot/vmlinuz-*; do break; done
	for k in /sbin/kexec /usr/sbin/kexec; do
		in_root "$k" --version 2>&1 | grep -q '^kexec-tools ' || { echo "     $k --version: not kexec-tools"; return 1; }
		in_root "$k" -p "/boot/${vmlinuz##*/}" --iomem=/tmp/iomem --dry-run > "$work/p" 2>&1
		grep -q '^purgatory  *0x[0-9a-f]' "$work/p" || { echo "     $k -p: $(head -3 "$work/p")"; return 1; }
	done
}
installed_right() {
	cmp -s packaging/kexec "$root/usr/sbin/kexec" || { echo "     /usr/sbin/kexec is not the front end"; return 1; }
	diversions_are both && verify kexec-tools && verify e820-purgatory && reaches
}
removed_right() {
	diversions_are none && verify kexec-tools && ! cmp -s packaging/kexec "$root/usr/sbin/kexec" &&
		in_root /sbin/kexec --version | grep -q '^kexec-tools ' && [ ! -e "$root/usr/sbin/kexec-e820" ]
}
# kexec_tools_deb SUITE: kexec-tools' package of SUITE, downloaded into the root's /tmp
kexec_tools_deb() {
	apt_opts=$(tools/suite-apt.sh "$1") || return 1
	# shellcheck disable=SC2086
	(cd "$root/tmp" && apt-get $apt_opts download -q kexec-tools > /dev/null 2>&1) || return 1
	for kt in "$root"/tmp/kexec-tools_*.deb; do [ -f "$kt" ] && echo "$kt"; break; done
}
# upgrade_to_trixie: kexec-tools and what it needs from Debian 13, by apt in the chroot, as
# the release upgrade does it (the trixie archive beside the bookworm one, then apt).
upgrade_to_trixie() {
	sed 's/ bookworm / trixie /' "$root/etc/apt/sources.list" > "$root/etc/apt/sources.list.d/trixie.list"
	echo "kexec-tools kexec-tools/load_kexec boolean false" | in_root debconf-set-selections
	dpkg_do apt-get update -q && dpkg_do env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		-o Dpkg::Options::=--force-confold -t trixie kexec-tools
}

# fresh SUITE: a new copy of that guest's tree in $root, the package files in its /tmp
fresh() {
	guest=$(tools/guest-image.sh "$1") || return 1
	root=$work/root-$1
	rm -rf "$root"
	cp -a "$guest/root" "$root"
	mount -t proc proc "$root/proc"
	cp "$deb" "$root/tmp/e820-purgatory.deb"
	[ -n "${old_deb:-}" ] && cp "$old_deb" "$root/tmp/e820-purgatory-0.1.0.deb"
	cp "$IOMEM" "$root/tmp/iomem"
	echo "kexec-tools kexec-tools/load_kexec boolean false" | in_root debconf-set-selections
}
unfresh() { umount "$root/proc" 2>/dev/null; rm -rf "$root"; }

for suite in bookworm trixie; do
	fresh $suite || { no "$suite: guest tree"; continue; }
	s=$suite
	snapshot > "$work/before"
	check "$s: before: kexec-tools ships $(kexec_name), dpkg --verify kexec-tools clean" verify kexec-tools
	check "$s: dpkg -i: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
	check "$s: dpkg -i: both names diverted, front end at /usr/sbin/kexec, verify clean, both names reach both programs" installed_right
	check "$s: dpkg -i again: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
	check "$s: dpkg -i again: as before" installed_right
	kt=$(kexec_tools_deb $suite)
	check "$s: kexec-tools reinstalled under the diversions: succeeds" dpkg_do dpkg -i "/tmp/$(basename "${kt:-none}")"
	check "$s: kexec-tools reinstalled: the front end stayed, its binary went aside" installed_right
	rm -f "$root"/tmp/kexec-tools_*.deb
	if [ $suite = bookworm ]; then
		check "$s: kexec-tools upgraded to Debian 13's by apt: succeeds" upgrade_to_trixie
		check "$s: after the upgrade kexec-tools ships $(kexec_name)" sh -c "[ '$(kexec_name)' = /usr/sbin/kexec ]"
		check "$s: after the upgrade: the front end and kexec-tools' binary both in place" installed_right
	fi
	check "$s: dpkg -r: succeeds" dpkg_do dpkg -r e820-purgatory
	check "$s: dpkg -r: no diversion, kexec-tools' own kexec back, verify clean" removed_right
	[ $suite = trixie ] && check "$s: dpkg -r: the tree is as before, no stray file" as_before
	check "$s: reinstall: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
	check "$s: reinstall: as installed" installed_right
	check "$s: dpkg -P: succeeds" dpkg_do dpkg -P e820-purgatory
	check "$s: dpkg -P: no diversion, kexec-tools' own kexec back, verify clean" removed_right
	[ $suite = trixie ] && check "$s: dpkg -P: the tree is as before, no stray file" as_before
	check "$s: dpkg -P: dpkg knows nothing of the package" sh -c "! chroot $root dpkg -s e820-purgatory > /dev/null 2>&1"
	unfresh
done

# Upgrades from 0.1.0, from the states it leaves.
if [ -n "${old_deb:-}" ]; then
	fresh bookworm && {
		s="0.1.0 on 12, intact"
		check "$s: 0.1.0 installs" dpkg_do dpkg -i /tmp/e820-purgatory-0.1.0.deb
		check "$s: upgrade to 0.2.0: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
		check "$s: upgraded: 0.1.0's kexec.distrib gone" sh -c "[ ! -e $root/sbin/kexec.distrib ]"
		check "$s: upgraded: as installed" installed_right
		unfresh
	}
	fresh bookworm && {
		s="0.1.0 on 12, an upgrade that fails after the preinst"
		check "$s: 0.1.0 installs" dpkg_do dpkg -i /tmp/e820-purgatory-0.1.0.deb
		in_root dpkg-divert --list | grep -F kexec | LC_ALL=C sort > "$work/div-0.1.0"
		md5=$(md5sum < "$root/sbin/kexec.distrib")
		# another package owns a file the upgrade unpacks: dpkg stops after the preinst, and
		# calls postrm abort-upgrade
		fake=$work/in-the-way
		mkdir -p "$fake/DEBIAN" "$fake/usr/share/doc/e820-purgatory"
		printf 'Package: e820-in-the-way\nVersion: 1\nArchitecture: all\nMaintainer: test <test@localhost>\nDescription: test\n test\n' \
			> "$fake/DEBIAN/control"
		cp "$root/usr/share/doc/e820-purgatory/copyright" "$fake/usr/share/doc/e820-purgatory/"
		dpkg-deb -b "$fake" "$root/tmp/in-the-way.deb" > /dev/null 2>&1
		check "$s: a package that takes over one of its files installs" \
			dpkg_do dpkg -i --force-overwrite /tmp/in-the-way.deb
		check "$s: the upgrade fails" sh -c "! chroot $root dpkg -i /tmp/e820-purgatory.deb > $work/log 2>&1"
		grep -q 'trying to overwrite' "$work/log" || sed 's/^/     /' "$work/log" | tail -5
		check "$s: after it: 0.1.0's diversion, and only it, as before" sh -c \
			"chroot $root dpkg-divert --list | grep -F kexec | LC_ALL=C sort | cmp -s - $work/div-0.1.0"
		check "$s: after it: kexec-tools' binary where 0.1.0's front end looks (/sbin/kexec.distrib)" sh -c \
			"[ \"\$(md5sum < $root/sbin/kexec.distrib)\" = '$md5' ] && chroot $root /sbin/kexec.distrib --version | grep -q '^kexec-tools '"
		check "$s: after it: /sbin/kexec is 0.1.0's front end and reaches kexec-tools" sh -c \
			"cmp -s $root/sbin/kexec $old/packaging/kexec && chroot $root /sbin/kexec --version | grep -q '^kexec-tools '"
		check "$s: that package removed" dpkg_do dpkg -r e820-in-the-way
		check "$s: then the upgrade, unobstructed: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
		check "$s: then: as installed" installed_right
		unfresh
	}
	fresh bookworm && {
		s="0.1.0 on 12, then kexec-tools upgraded to 13's"
		check "$s: 0.1.0 installs" dpkg_do dpkg -i /tmp/e820-purgatory-0.1.0.deb
		check "$s: kexec-tools upgraded" upgrade_to_trixie
		check "$s: (the damage: kexec-tools' binary over the front end, its saved copy deleted)" sh -c \
			"! cmp -s $root/usr/sbin/kexec $old/packaging/kexec && [ ! -e $root/sbin/kexec.distrib ]"
		check "$s: upgrade to 0.2.0: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
		check "$s: upgraded: repaired, as installed" installed_right
		check "$s: then removed: kexec-tools' own kexec back" sh -c "chroot $root dpkg -r e820-purgatory > $work/log 2>&1"
		check "$s: removed right" removed_right
		unfresh
	}
	fresh trixie && {
		s="0.1.0 on 13, then kexec-tools reinstalled"
		check "$s: 0.1.0 installs" dpkg_do dpkg -i /tmp/e820-purgatory-0.1.0.deb
		kt=$(kexec_tools_deb trixie)
		check "$s: kexec-tools reinstalled" dpkg_do dpkg -i "/tmp/$(basename "${kt:-none}")"
		check "$s: (the damage: /usr/sbin/kexec is kexec-tools' binary again)" sh -c "! cmp -s $root/usr/sbin/kexec $old/packaging/kexec"
		check "$s: upgrade to 0.2.0: succeeds" dpkg_do dpkg -i /tmp/e820-purgatory.deb
		check "$s: upgraded: repaired, as installed" installed_right
		unfresh
	}
fi
done_tests
