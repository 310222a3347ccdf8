#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# suite-apt.sh SUITE: prints apt-get/apt-cache options that see SUITE (trixie, sid, ...) from
# the archive this machine already uses, without touching its own sources or lists: a private
# sources file and lists under the cache, refreshed when older than a day. bookworm prints
# nothing (the machine's own apt). experimental is seen beside sid, which it only adds to (its
# packages need sid's, and apt prefers none of them unless asked by version or suite).
# Usage: apt-get $(tools/suite-apt.sh trixie) download PKG
#        apt-get $(tools/suite-apt.sh sid src) source --download-only PKG (the suite's sources)
set -eu
suite=${1:?usage: suite-apt.sh SUITE [src]}
types=deb
[ "${2:-}" != src ] || types=deb-src
REFRESH_MINUTES=1440
. /etc/os-release
[ "$suite" = "$VERSION_CODENAME" ] && [ "$types" = deb ] && exit 0
cache=${E820_CACHE:-/var/cache/e820-purgatory}
dir=$cache/apt-$suite
[ "$types" = deb ] || dir=$dir-src
uri=$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/* *$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$uri" ] || uri=$(sed -n 's/^deb \(http[^ ]*debian\)\/* .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
[ -n "$uri" ] || { echo "suite-apt: no Debian archive URI in this machine's apt sources" >&2; exit 1; }
opts="-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts=$dir -o Dir::State::Lists=$dir/lists"
opts="$opts -o Dir::Cache=$dir/cache -o APT::Sandbox::User=root"
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
exec 9>"$dir/.lock"
flock 9
suites=$suite
[ "$suite" != experimental ] || suites="sid experimental"
if [ -z "$(find "$dir/lists" -maxdepth 1 \( -name '*_Packages*' -o -name '*_Sources*' \) -mmin -$REFRESH_MINUTES 2>/dev/null)" ]; then
	cat > "$dir/suite.sources" <<EOF
Types: $types
URIs: $uri
Suites: $suites
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	# shellcheck disable=SC2086
	apt-get $opts update > "$dir/update.log" 2>&1 ||
		{ echo "suite-apt: apt-get update for $suite failed: $(tail -1 "$dir/update.log")" >&2; exit 1; }
fi
echo "$opts"
