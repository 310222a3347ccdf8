#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Debian package: lintian, its contents, and dpkg's whole life cycle in a chroot of the test
# guest's Debian 12 tree (a copy): install, install again, remove, reinstall, a kexec-tools
# upgrade under the diversion, purge. After remove and purge the tree is as it was before, file
# for file, and /sbin/kexec is kexec-tools' own binary again. Nothing here runs a kexec load.
set -u
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
no() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else no "$d"; fi; }

deb=$(tools/mkdeb.sh) || { echo "FAIL make deb"; echo "0 passed, 1 failed"; exit 1; }
guest=$(tools/guest-image.sh) || { echo "FAIL guest image"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d /var/tmp/e820-deb-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root

lintian --no-tag-display-limit "$deb" > "$work/lintian" 2>&1
sed -i '/running with root privileges is not recommended/d' "$work/lintian"
sed 's/^/   lintian: /' "$work/lintian"
check "lintian: no errors, no warnings" sh -c "! grep -q '^[EW]: ' $work/lintian"
dpkg-deb -c "$deb" | awk '{ print $NF }' > "$work/contents"
for f in ./sbin/kexec ./usr/sbin/kexec-e820 ./usr/share/man/man8/kexec-e820.8.gz \
	./usr/lib/e820-purgatory/e820shim.efi ./usr/share/doc/e820-purgatory/copyright; do
	check "package holds $f" grep -qx "$f" "$work/contents"
done
check "package is amd64, depends on kexec-tools" sh -c \
	"dpkg-deb -f $deb Architecture | grep -qx amd64 && dpkg-deb -f $deb Depends | grep -q kexec-tools"

cp -a "$guest/root" "$root"
cp "$deb" "$root/tmp/e820-purgatory.deb"
in_root() { chroot "$root" "$@"; }
# The tree as dpkg leaves it, but for dpkg's own records, logs and the package file itself.
snapshot() {
	(cd "$root" && find . -xdev \( -path ./var/lib/dpkg -o -path ./var/log -o -path ./var/cache -o -path ./tmp \
		-o -path ./proc \) -prune -o -printf '%p %M %s %l\n' | LC_ALL=C sort)
}
kexec_sum=$(sed -n 's|^\([0-9a-f]*\)  sbin/kexec$|\1|p' "$root/var/lib/dpkg/info/kexec-tools.md5sums")
is_kexec_tools() { [ -n "$kexec_sum" ] && [ "$(md5sum < "$root/$1" | cut -d' ' -f1)" = "$kexec_sum" ]; }
diverted() { in_root dpkg-divert --list /sbin/kexec | grep -qx 'diversion of /sbin/kexec to /sbin/kexec.distrib by e820-purgatory'; }
not_diverted() { [ -z "$(in_root dpkg-divert --list /sbin/kexec)" ]; }
installed_right() {
	diverted && cmp -s packaging/kexec "$root/sbin/kexec" && is_kexec_tools /sbin/kexec.distrib &&
		in_root /usr/sbin/kexec-e820 --help | grep -q '^usage: kexec-e820'
}
as_before() {
	snapshot > "$work/now"
	cmp -s "$work/before" "$work/now" && return 0
	diff "$work/before" "$work/now" | head -10
	return 1
}

snapshot > "$work/before"
check "before: /sbin/kexec is kexec-tools' binary (md5 as dpkg recorded it)" is_kexec_tools /sbin/kexec
check "dpkg -i: succeeds" sh -c "chroot $root dpkg -i /tmp/e820-purgatory.deb > $work/log 2>&1"
check "dpkg -i: /sbin/kexec is the front end, kexec-tools' binary diverted to kexec.distrib" installed_right
check "dpkg -i: kexec --version reaches kexec-tools through the front end" \
	sh -c "chroot $root /sbin/kexec --version | grep -q '^kexec-tools '"
check "dpkg -i again: succeeds" sh -c "chroot $root dpkg -i /tmp/e820-purgatory.deb > $work/log 2>&1"
check "dpkg -i again: still one diversion, files in place" installed_right
check "dpkg -r: succeeds" sh -c "chroot $root dpkg -r e820-purgatory > $work/log 2>&1"
check "dpkg -r: diversion gone" not_diverted
check "dpkg -r: /sbin/kexec is kexec-tools' binary again" is_kexec_tools /sbin/kexec
check "dpkg -r: the tree is as before, no stray file" as_before
check "reinstall: succeeds" sh -c "chroot $root dpkg -i /tmp/e820-purgatory.deb > $work/log 2>&1"
check "reinstall: diverted again" installed_right

# kexec-tools upgraded (here: its own version reinstalled) while diverted: its binary lands at
# kexec.distrib.
ktv=$(in_root dpkg-query -W -f='${Version}' kexec-tools)
(cd "$root/tmp" && apt-get download -q "kexec-tools=$ktv" > /dev/null 2>&1)
kt=$(ls "$root"/tmp/kexec-tools_*.deb 2>/dev/null | head -1)
if [ -n "$kt" ]; then
	kexec_sum=$(dpkg-deb --fsys-tarfile "$kt" | tar -xOf - ./sbin/kexec | md5sum | cut -d' ' -f1)
	echo "kexec-tools kexec-tools/load_kexec boolean false" | in_root debconf-set-selections
	check "kexec-tools upgrade under the diversion: succeeds" sh -c \
		"chroot $root dpkg -i /tmp/$(basename "$kt") > $work/log 2>&1"
	check "kexec-tools upgrade: its binary went to kexec.distrib, the front end stayed" installed_right
	rm -f "$kt"
else
	no "apt-get download kexec-tools for the upgrade case"
fi
check "dpkg -P: succeeds" sh -c "chroot $root dpkg -P e820-purgatory > $work/log 2>&1"
check "dpkg -P: diversion gone" not_diverted
check "dpkg -P: /sbin/kexec is kexec-tools' binary" is_kexec_tools /sbin/kexec
check "dpkg -P: the tree is as before, no stray file" as_before
check "dpkg -P: dpkg knows nothing of the package" sh -c "! chroot $root dpkg -s e820-purgatory > /dev/null 2>&1"
echo "$passed passed, $failed failed"
