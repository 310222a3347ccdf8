#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The README's build on Debian 13 (gcc 14, gnu-efi 3.0.18), as a newcomer there runs it: in a
# copy of a trixie tree with the README's packages (tools/build-tree.sh), a copy of this
# source: make deb, then make unit. Nothing is installed or loaded on this machine.
set -u
. tests/lib/test-lib.sh
tree=$(tools/build-tree.sh trixie) || { no "a Debian 13 tree with the build packages (tools/build-tree.sh trixie)"; done_tests; exit 1; }
work=$(mktemp -d /var/tmp/e820-build-13.XXXXXX)
root=$work/root
cleanup() { umount "$root/proc" "$root/dev" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp -a "$tree" "$root"
mkdir -p "$root/root/src"
tree_copy "$root/root/src"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
in_tree() { chroot "$root" sh -c "cd /root/src && $*"; }
echo "   Debian $(cat "$root/etc/debian_version"), $(in_tree gcc --version | head -1), gnu-efi $(in_tree "dpkg-query -W -f='\${Version}' gnu-efi")"

in_tree make deb > "$work/deb.log" 2>&1
rc=$?
check "make deb on Debian 13 (exit $rc): $(tail -1 "$work/deb.log")" \
	sh -c "[ $rc = 0 ] && test -s $root/root/src/build/e820-purgatory_*_amd64.deb"
[ $rc = 0 ] || grep -E 'error:|\*\*\*' "$work/deb.log" | head -5 | sed 's/^/     | /'
in_tree make --no-print-directory unit > "$work/unit.log" 2>&1
rc=$?
last=$(tail -1 "$work/unit.log")
check "make unit on Debian 13 (exit $rc): $last" sh -c "[ $rc = 0 ] && echo '$last' | grep -Eq '^[1-9][0-9]* passed, 0 failed$'"
[ $rc = 0 ] || grep -E '^FAIL|^!!|error:|\*\*\*' "$work/unit.log" | head -10 | sed 's/^/     | /'
done_tests
