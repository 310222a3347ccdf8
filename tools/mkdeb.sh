#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkdeb.sh: build/e820-purgatory_VERSION_amd64.deb from the built tree, with dpkg-deb.
# The version is the first entry of packaging/changelog. Prints the path of the package.
set -eu
ver=$(dpkg-parsechangelog -l packaging/changelog -S Version)
deb=build/e820-purgatory_${ver}_amd64.deb
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
doc=$root/usr/share/doc/e820-purgatory

install -D -m 0755 packaging/kexec "$root/usr/sbin/kexec"       # kexec-tools' path (both names diverted)
install -D -m 0755 build/kexec-e820 "$root/usr/sbin/kexec-e820"
strip --strip-unneeded --remove-section=.comment "$root/usr/sbin/kexec-e820"
install -D -m 0644 build/e820shim.efi "$root/usr/lib/e820-purgatory/e820shim.efi"
mkdir -p "$root/usr/share/man/man8" "$doc" "$root/usr/share/lintian/overrides" "$root/DEBIAN"
gzip -9n < docs/kexec-e820.8 > "$root/usr/share/man/man8/kexec-e820.8.gz"
gzip -9n < packaging/changelog > "$doc/changelog.gz"     # a native package
install -m 0644 packaging/copyright "$doc/copyright"
install -m 0644 packaging/lintian-overrides "$root/usr/share/lintian/overrides/e820-purgatory"
install -m 0755 packaging/preinst packaging/postinst packaging/postrm "$root/DEBIAN/"
size=$(du -k -s --apparent-size "$root" | cut -f1)
sed -e "s/@VERSION@/$ver/" -e "s/@SIZE@/$size/" packaging/control > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort | xargs md5sum) \
	> "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
# built aside, then renamed: two tests may build it at once, and neither may read it half-written
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb.$$" >/dev/null || { rm -f "$deb.$$"; exit 1; }
mv "$deb.$$" "$deb"
echo "$deb"
