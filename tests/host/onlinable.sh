#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Memory a kdump kernel could bring online, through the binary on the host (--iomem, never a
# load): the /proc/iomem shapes posted to linux-cxl (a CXL window with kmem's RAM in it, Soft
# Reserved with dax and kmem below it), 7.x's hole where Soft Reserved was (the firmware map's
# copy given with --firmware-map), and the bad inputs. The expected values are written out by
# hand from those shapes and the kernel's rules (walk_system_ram_res() for the dump).
set -u
bin=build/kexec-e820
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests
. tests/lib/bzimage.inc     # mkbz
mkbz "$dir/bz"

cat > "$dir/cxl.iomem" <<'M'
00001000-0009ffff : System RAM
00100000-7fffffff : System RAM
  2a000000-39ffffff : Crash kernel
b0000000-bfffffff : PCI ECAM 0000 [bus 00-ff]
  b0000000-bfffffff : Reserved
100000000-206fffffff : System RAM
2070000000-606fffffff : CXL Window 0
  2070000000-606fffffff : region0
    2070000000-606fffffff : dax0.0
      2070000000-606fffffff : System RAM (kmem)
68e80000000-70e7fffffff : Soft Reserved
  68e80000000-70e7fffffff : dax1.0
    68e80000000-70e7fffffff : System RAM (kmem)
M
for s in "" -s; do
	# shellcheck disable=SC2086 # -s or nothing
	"$bin" $s -p "$dir/bz" --iomem="$dir/cxl.iomem" --print-e820 > "$dir/out" 2>/dev/null
	check "CXL window's kmem RAM: reserved in the kdump e820, said so${s:+ (-s)}" grep -q \
		'^\[mem 0x0000002070000000-0x000000606fffffff\] reserved .*first kernel: driver-managed System RAM' "$dir/out"
	check "Soft Reserved onlined by kmem: reserved, said so${s:+ (-s)}" grep -q \
		'^\[mem 0x0000068e80000000-0x0000070e7fffffff\] reserved .*first kernel: Soft Reserved carried as reserved' "$dir/out"
	check "nothing soft reserved or usable above 4 GiB${s:+ (-s)}" sh -c \
		"! grep -q '^\[mem 0x00000[0-9a-f]*[1-9a-f][0-9a-f]\{8\}-.*\(usable\|soft reserved\)' $dir/out"
	# shellcheck disable=SC2086
	"$bin" $s -p "$dir/bz" --iomem="$dir/cxl.iomem" --print-e820 --json > "$dir/json" 2>/dev/null
	check "--json lists the dump, kmem RAM in it${s:+ (-s)}" python3 -c "
import json, sys
d = [(int(x['start'], 16), int(x['end'], 16), x['source']) for x in json.load(open('$dir/json'))['dump']]
kmem = lambda a, b: any(s <= a and b <= e and 'driver-managed System RAM' in w for s, e, w in d)
sys.exit(not (kmem(0x2070000000, 0x606fffffff) and kmem(0x68e80000000, 0x70e7fffffff)))"
done
"$bin" -p "$dir/bz" --iomem="$dir/cxl.iomem" --append=root=/dev/vda --dry-run > "$dir/dry" 2>/dev/null
check "--dry-run: the dump's PT_LOADs, kmem's RAM among them (touching RAM joined)" sh -c \
	"grep -qx 'dump \[mem 0x0000000100000000-0x000000606fffffff\] System RAM, driver-managed System RAM (kmem...)' $dir/dry &&
	 grep -qx 'dump \[mem 0x0000068e80000000-0x0000070e7fffffff\] driver-managed System RAM (kmem...)' $dir/dry &&
	 grep -q '^PT_LOAD  *5 ranges' $dir/dry"
check "--dry-run: memhp_default_state=offline added to the kdump command line (a CXL window, kmem RAM)" \
	grep -q '^command line  *root=/dev/vda memhp_default_state=offline elfcorehdr=' "$dir/dry"
"$bin" -p "$dir/bz" --iomem=tests/fixtures/ovmf-q35-1g-crashkernel.iomem --append=root=/dev/vda --dry-run > "$dir/plain" 2>/dev/null
check "... not on a machine with no memory a kdump kernel could online" sh -c \
	"grep -q '^command line  *root=/dev/vda elfcorehdr=' $dir/plain"
"$bin" -p "$dir/bz" --iomem="$dir/cxl.iomem" --append="memhp_default_state=online" --dry-run > "$dir/own" 2>/dev/null
check "... nor where the caller's line sets memhp_default_state itself" \
	grep -q '^command line  *memhp_default_state=online elfcorehdr=' "$dir/own"
"$bin" -s -p "$dir/bz" --iomem="$dir/cxl.iomem" --append=root=/dev/vda --dry-run > "$dir/dry-s" 2>/dev/null
check "-s --dry-run: the same word on the kdump command line" grep -q '^command line  *root=/dev/vda memhp_default_state=offline memmap=' "$dir/dry-s"
"$bin" -s -p "$dir/bz" --iomem="$dir/cxl.iomem" --print-e820 > "$dir/out" 2>/dev/null
check "-s: soft reserved goes as memmap=\$, never %...+0xefffffff" sh -c \
	"grep -q 'memmap=.*512G\\\$6714G' $dir/out && ! grep -q '4026531839' $dir/out"

# 7.x: Soft Reserved kept out of /proc/iomem (a RAM buffer below 4 GiB); the firmware map has it
cat > "$dir/v7.iomem" <<'M'
00000000-00000fff : Reserved
00001000-0009ffff : System RAM
00100000-5fffffff : System RAM
  2a000000-39ffffff : Crash kernel
60000000-6fffffff : RAM buffer
70000000-7fffffff : System RAM
b0000000-bfffffff : PCI ECAM 0000 [bus 00-ff]
  b0000000-bfffffff : Reserved
140000000-17fffffff : System RAM
M
fw() { mkdir -p "$dir/fw/$1"; echo "$2" > "$dir/fw/$1/start"; echo "$3" > "$dir/fw/$1/end"; echo "$4" > "$dir/fw/$1/type"; }
fw 0 0x0 0xfff Reserved; fw 1 0x1000 0x9ffff "System RAM"; fw 2 0x100000 0x5fffffff "System RAM"
fw 3 0x60000000 0x6fffffff "Soft Reserved"; fw 4 0x70000000 0x7fffffff "System RAM"
fw 5 0xb0000000 0xbfffffff Reserved; fw 6 0xfe000000 0xfeffffff Reserved
fw 7 0x140000000 0x17fffffff "System RAM"; fw 8 0x180000000 0x1bfffffff "Soft Reserved"
fw 9 0x1c0000000 0x1c0000fff "Soft Reserved"; fw 10 0x1c0001000 0x1c0001fff "Persistent Memory"
for s in "" -s; do
	# shellcheck disable=SC2086
	"$bin" $s -p "$dir/bz" --iomem="$dir/v7.iomem" --print-e820 > "$dir/no-fw" 2>/dev/null
	# shellcheck disable=SC2086
	"$bin" $s -p "$dir/bz" --iomem="$dir/v7.iomem" --firmware-map="$dir/fw" --print-e820 > "$dir/out" 2>/dev/null
	check "firmware map: soft reserved above 4 GiB carried as reserved, said so${s:+ (-s)}" sh -c \
		"grep -q '^\[mem 0x0000000180000000-0x00000001c0000fff\] reserved .*Soft Reserved (firmware map only)' $dir/out &&
		 ! grep -q '0x0000000180000000' $dir/no-fw"
	check "firmware map: pmem only there keeps its type${s:+ (-s)}" grep -q \
		'^\[mem 0x00000001c0001000-0x00000001c0001fff\] persistent (type 7) ' "$dir/out"
	check "firmware map: the RAM buffer's soft reserved is reserved, never RAM${s:+ (-s)}" sh -c \
		"grep -q '^\[mem 0x0000000039fff000-0x000000007fffffff\] reserved \|^\[mem 0x000000003a000000-0x000000007fffffff\] reserved ' $dir/out"
	check "firmware map: Reserved found only there (EFI MMIO the kernel removed) stays out${s:+ (-s)}" sh -c \
		"! grep -q '0x00000000fe000000' $dir/out"
done
"$bin" --compare --iomem="$dir/v7.iomem" --firmware-map="$dir/fw" > "$dir/cmp" 2>&1
check "--compare says where the firmware map and /proc/iomem disagree" sh -c \
	"grep -q '^fwmap   \[mem 0x0000000060000000-0x000000006fffffff\] soft reserved  in the firmware map, not in /proc/iomem: kexec-e820 carries it' $dir/cmp &&
	 grep -q '^fwmap   \[mem 0x00000000fe000000-0x00000000feffffff\] reserved .*not carried' $dir/cmp &&
	 tail -1 $dir/cmp | grep -q '^verdict: this machine needs kexec-e820'"

bad() { printf '00001000-0009ffff : System RAM\n00100000-7fffffff : System RAM\n  2a000000-39ffffff : Crash kernel\n%s\n' "$1" > "$dir/bad.iomem"; }
bad "140000000-14fffffff : System RAM (kmem)"
refuse "kmem RAM at the top level" "driver-managed System RAM 0x140000000-0x14fffffff at the top level" -- \
	-p "$dir/bz" --iomem="$dir/bad.iomem" --dry-run
bad "  40000000-4fffffff : dax0.0
    40000000-4fffffff : System RAM (kmem)"
refuse "kmem RAM inside top-level System RAM" "0x40000000-0x4fffffff overlaps top-level System RAM" -- \
	-s -p "$dir/bz" --iomem="$dir/bad.iomem" --print-e820
fw 6 0xfe000000 0xfdffffff Reserved
refuse "a firmware map entry whose end lies below its start" "firmware map $dir/fw/6: end lies below start" -- \
	-p "$dir/bz" --iomem="$dir/v7.iomem" --firmware-map="$dir/fw" --print-e820
rm "$dir/fw/6/type"
refuse "a firmware map entry without its type" "$dir/fw/6/type: No such file or directory" -- \
	--compare --iomem="$dir/v7.iomem" --firmware-map="$dir/fw"
refuse "no such firmware map" "firmware map $dir/none: No such file or directory" -- \
	-p "$dir/bz" --iomem="$dir/v7.iomem" --firmware-map="$dir/none" --dry-run
refuse "--firmware-map without --iomem" "--firmware-map is another machine's" -- -p "$dir/bz" --firmware-map="$dir/fw" --dry-run
done_tests
