#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make unit as a contributor runs it: a copy of the tree as git would clone it, an unprivileged
# user (nobody), no network (a namespace of its own), and stand-ins for QEMU, apt-get and
# sudo that record a call: it must pass with none of them called. Prints its wall time; the
# one-minute target is make bench's.
set -u
. tests/lib/test-lib.sh     # ok, no, check, done_tests
dir=$(mktemp -d)
trap 'cp "$dir/unit.log" /tmp/unit-alone.log 2>/dev/null; rm -rf "$dir"' EXIT
mkdir "$dir/tree" "$dir/bin"
tree_copy "$dir/tree"
for tool in qemu-system-x86_64 apt-get sudo debootstrap; do
	printf '#!/bin/sh\necho "%s $*" >> %s/called\nexit 1\n' "$tool" "$dir" > "$dir/bin/$tool"
	chmod +x "$dir/bin/$tool"
done
chown -R nobody "$dir"
t0=$(date +%s)
unshare -n runuser -u nobody -- env PATH="$dir/bin:$PATH" HOME="$dir" make --no-print-directory -C "$dir/tree" -j2 unit > "$dir/unit.log" 2>&1
rc=$?
took=$(($(date +%s) - t0))
last=$(tail -1 "$dir/unit.log")
echo "   make unit as nobody without a network: exit $rc in $took s, built from clean; its last line: $last"
check "make unit passes as nobody, without a network: $last" \
	sh -c "[ $rc = 0 ] && echo '$last' | grep -Eq '^[1-9][0-9]* passed, 0 failed$'"
check "make unit called none of QEMU, apt-get, sudo, debootstrap" test ! -e "$dir/called"
[ ! -e "$dir/called" ] || sed 's/^/   called: /' "$dir/called"
[ $rc = 0 ] || grep -E '^FAIL|^!!|rror[: ]|\*\*\*' "$dir/unit.log" | head -20
done_tests
