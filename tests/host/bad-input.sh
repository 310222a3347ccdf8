#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad input, as a tester tried it (unprivileged, --iomem with --dry-run or --print-e820): each
# case once failed in a way named beside it, and must now end in one line on stderr naming what
# was wrong and a non-zero exit, never a signal, a hang, a silent wrong plan, or a syscall.
set -u
bin=build/kexec-e820
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, refuse, done_tests
. tests/lib/bzimage.inc     # mkbz, poke
mkbz "$dir/bz"
Q35=tests/fixtures/ovmf-q35-1g-crashkernel.iomem

# a heap overflow (exit 134) and plans without elfcorehdr=: cmdline_size near 2^32 wrapped
for size in 0xfffff000 0xffffffc0 0xffffffc1; do
	cp "$dir/bz" "$dir/bz-cl"
	poke "$dir/bz-cl" 0x238 $((size)) 4
	refuse "cmdline_size $size: refused, named" "cmdline_size $size is more than any kernel takes" -- \
		-p "$dir/bz-cl" --iomem=$Q35 --dry-run
done
# cut silently at 4095 bytes
long=$(head -c 5000 /dev/zero | tr '\0' x)
refuse "--append of 5000 bytes: refused, the limit named" "--append is 5000 bytes; this loader takes at most 4095" -- \
	-p "$dir/bz" --iomem=$Q35 --append="$long" --dry-run
# a dry run that unloaded for real
if command -v strace > /dev/null; then
	strace -f -o "$dir/trace" -e trace=kexec_load,kexec_file_load,flock "$bin" -u -p --dry-run > "$dir/out" 2>&1
	rc=$?
	check "-u -p --dry-run: says what it would do, exit 0, no kexec syscall (strace)" sh -c \
		"[ $rc = 0 ] && grep -q '^would unload the crash kernel through kexec_load; nothing done' $dir/out &&
		 ! grep -q 'kexec_load(\|kexec_file_load(\|flock(' $dir/trace"
else                        # make unit on a bare build tree (tests/deb/build-13.sh); make check installs it
	echo "   skipped: strace is not installed, so no trace of the dry run's syscalls"
fi
refuse "-u -p --print-e820: refused" "-u -p prints no e820" -- -u -p --print-e820

# hangs and whole reads before a size check
mkfifo "$dir/fifo"
for what in iomem kernel initrd; do
	case $what in
	iomem) set -- -p "$dir/bz" --iomem="$dir/fifo" ;;
	kernel) set -- -p "$dir/fifo" --iomem=$Q35 ;;
	initrd) set -- -p "$dir/bz" --initrd="$dir/fifo" --iomem=$Q35 ;;
	esac
	# shellcheck disable=SC2068 # the words set above
	refuse "a FIFO as $what: refused at once, never opened" "$what $dir/fifo: is a FIFO, not a file" -- $@ --dry-run
done
truncate -s 8G "$dir/sparse"
refuse "an 8 GiB initrd: refused before it is read, the limit named" "initrd $dir/sparse: 8192 MiB, more than any initrd (4096 MiB)" -- \
	-p "$dir/bz" --initrd="$dir/sparse" --iomem=$Q35 --dry-run
truncate -s 300M "$dir/big"
refuse "an initrd larger than the crash region: refused before it is read" \
	"kernel (16 MiB with its init_size) and initrd $dir/big (300 MiB) need 316 MiB, the crash region has 256 MiB: 60 MiB missing" -- \
	-p "$dir/bz" --initrd="$dir/big" --iomem=$Q35 --dry-run
truncate -s 245M "$dir/b245"
refuse "an initrd that fits the region but not beside the kernel: refused before it is read" \
	"kernel (16 MiB with its init_size) and initrd $dir/b245 (245 MiB) need 261 MiB" -- \
	-p "$dir/bz" --initrd="$dir/b245" --iomem=$Q35 --dry-run
refuse "a directory as kernel: said so (not 'Input/output error')" "kernel $dir: is a directory" -- -p "$dir" --iomem=$Q35 --dry-run
refuse "--iomem= with no file" "iomem: no file named" -- -p "$dir/bz" --iomem= --dry-run

# input with a newline was echoed into the message: two lines
refuse "a kernel path with a newline: echoed escaped, one line" 'kernel /nonexistent\x0ax: No such file' -- \
	-p "$(printf '/nonexistent\nx')" --iomem=$Q35 --dry-run
refuse "an option with a newline: one line" '--console=tty\x0aS0: console must be' -- -p "$dir/bz" --console="$(printf 'tty\nS0')"

# non-RAM as kdump RAM: the crash region never checked against System RAM
map() { printf '00000000-00000fff : Reserved\n00001000-0009ffff : System RAM\n00100000-3fffffff : System RAM\n%s\n' "$1" > "$dir/m.iomem"; }
map "  00000000-0fffffff : Crash kernel"
refuse "a crash region over Reserved" "Crash kernel region 0x0-0xfffffff does not lie in System RAM" -- \
	-p "$dir/bz" --iomem="$dir/m.iomem" --dry-run
map "b0000000-bfffffff : Crash kernel"
refuse "a crash region in the PCI hole" "Crash kernel region 0xb0000000-0xbfffffff does not lie in System RAM" -- \
	-s -p "$dir/bz" --iomem="$dir/m.iomem" --print-e820
map "  20000000-2ffff7ff : Crash kernel"
printf '  20000000-2fffefff : Crash kernel\n' > "$dir/noram.iomem"
refuse "a crash region ending mid-page" "Crash kernel region 0x20000000-0x2ffff7ff is not whole pages" -- \
	-p "$dir/bz" --iomem="$dir/m.iomem" --dry-run
refuse "a map with no System RAM" "does not lie in System RAM" -- -p "$dir/bz" --iomem="$dir/noram.iomem" --dry-run

# a name that almost matches was dropped in silence; CRLF is a saved copy's line end
sed 's/$/\r/' $Q35 > "$dir/crlf.iomem"
"$bin" -p "$dir/bz" --iomem=$Q35 --print-e820 > "$dir/lf.out" 2>/dev/null
"$bin" -p "$dir/bz" --iomem="$dir/crlf.iomem" --print-e820 > "$dir/crlf.out" 2>/dev/null
check "a copy with CRLF line ends: the same plan as with LF" sh -c "test -s $dir/lf.out && cmp -s $dir/lf.out $dir/crlf.out"
for name in 'reserved' 'Reserved ' 'RESERVED' 'soft reserved'; do
	map "  20000000-2fffffff : Crash kernel
b0000000-bfffffff : $name"
	refuse "'$name': refused, the line named" "iomem line 5: a name the kernel spells otherwise" -- \
		-p "$dir/bz" --iomem="$dir/m.iomem" --dry-run
done
map "  20000000-2fffffff : Crash kernel"
printf 'b0000000-bfffffff : Res\001erved\n' >> "$dir/m.iomem"
refuse "a control character in a name" "iomem line 5: a control character in the name" -- \
	-p "$dir/bz" --iomem="$dir/m.iomem" --dry-run

# -s: warnings a refusal makes moot came first (thousands of lines), then the refusal
truncate -s 240M "$dir/b250"
refuse "-s: lost ranges and a crash region too small: the refusal alone" "the crash region has 256 MiB" -- \
	-s -p "$dir/bz" --iomem=tests/fixtures/linux-6.12/q35-1g-160.iomem --initrd="$dir/b250" \
	--append="$(head -c 1800 /dev/zero | tr '\0' x)" --print-e820
map "  20000000-20000fff : Crash kernel"
refuse "-s: a crash region the core headers fill: said so (not 'more ranges than this predictor holds')" \
	"the core headers (4 KiB) fill the 4 KiB crash region" -- -s -p "$dir/bz" --iomem="$dir/m.iomem" --print-e820
done_tests
