#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fetch-kexec-tools.sh SUITE: prints a directory holding SUITE's kexec-tools as that release
# runs it: bin/kexec, and in lib/ the libraries it loads, its own C library and loader among
# them (Debian 13's kexec needs glibc 2.38, newer than this machine's). bin/run starts it through
# that loader, so it runs in any initramfs or on this machine. Downloaded once (never installed)
# into the cache beside the kernels.
set -eu
suite=${1:?usage: fetch-kexec-tools.sh SUITE}
apt_opts=$(tools/suite-apt.sh "$suite")
cache=${E820_CACHE:-/var/cache/e820-purgatory}
mkdir -p "$cache"
# shellcheck disable=SC2086
ver=$(apt-cache $apt_opts show kexec-tools 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)
[ -n "$ver" ] || { echo "fetch-kexec-tools: apt-cache knows no kexec-tools in $suite" >&2; exit 1; }
dir=$cache/kexec-tools-$(echo "$ver" | tr ':~' '__')
if [ ! -x "$dir/bin/run" ]; then
	# one writer at a time (tests run side by side); then it may be there already
	exec 8>"$cache/.fetch.lock"
	flock 8
fi
if [ ! -x "$dir/bin/run" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# kexec-tools and the libraries below it (their packages' names start with lib)
	# shellcheck disable=SC2086
	libs=$(apt-cache $apt_opts depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
		--no-replaces --no-enhances --no-pre-depends "kexec-tools=$ver" 2>/dev/null | grep '^lib' | sort -u)
	# shellcheck disable=SC2086
	(cd "$tmp" && apt-get $apt_opts download -q "kexec-tools=$ver" $libs > download.log 2>&1) ||
		{ echo "fetch-kexec-tools: apt-get download for $suite failed: $(tail -1 "$tmp/download.log")" >&2; exit 1; }
	for d in "$tmp"/*.deb; do dpkg -x "$d" "$tmp/x"; done
	kexec=$tmp/x/usr/sbin/kexec
	[ -x "$kexec" ] || kexec=$tmp/x/sbin/kexec
	ldso=$tmp/x/usr/lib64/ld-linux-x86-64.so.2
	[ -e "$ldso" ] || ldso=$tmp/x/lib64/ld-linux-x86-64.so.2
	if [ ! -x "$kexec" ] || [ ! -e "$ldso" ]; then
		echo "fetch-kexec-tools: no kexec or no loader in $suite's packages" >&2
		exit 1
	fi
	libpath=$tmp/x/usr/lib/x86_64-linux-gnu:$tmp/x/lib/x86_64-linux-gnu
	mkdir -p "$tmp/out/bin" "$tmp/out/lib"
	cp "$kexec" "$tmp/out/bin/kexec"
	cp -L "$ldso" "$tmp/out/lib/ld-linux-x86-64.so.2"
	# the loader's own list of what kexec loads, resolved inside the suite's tree only
	"$ldso" --library-path "$libpath" --list "$kexec" | awk '$2 == "=>" { print $3 }' | while read -r lib; do
		case $lib in "$tmp"/x/*) cp -L "$lib" "$tmp/out/lib/" ;;
		*) echo "fetch-kexec-tools: $lib is not from $suite's packages" >&2; exit 1 ;; esac
	done
	cat > "$tmp/out/bin/run" <<'RUN'
#!/bin/sh
# kexec-tools of another release, through its own loader and libraries
here=$(dirname "$0")
exec "$here/../lib/ld-linux-x86-64.so.2" --library-path "$here/../lib" "$here/kexec" "$@"
RUN
	chmod +x "$tmp/out/bin/run"
	"$tmp/out/bin/run" --version > /dev/null 2>&1 || { echo "fetch-kexec-tools: $suite's kexec does not run" >&2; exit 1; }
	mkdir -p "$cache"
	rm -rf "$dir"
	mv "$tmp/out" "$dir"
fi
echo "$dir"
