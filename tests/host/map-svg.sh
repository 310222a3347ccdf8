#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The map picture (loader/svg.c), drawn by kexec-e820 --print-e820 --svg and by the demo's
# build/host/e820-svg, from real maps saved from QEMU runs: it parses as XML, holds one <rect>
# per range, and a first-kernel range a kdump kernel lacks (kexec -s -p's view on the
# 160-range machine lacks the MMCONFIG window) is outlined red; rsvg-convert renders it.
set -u
. tests/lib/maps.inc
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests
IOMEM=tests/fixtures/ovmf-q35-1g-160.iomem
KEXEC_S=tests/fixtures/kexec-s-160.kdump.e820

# rects SVG BAND CLASS: "START END TYPE" of each <rect class=CLASS> in <g id=band-BAND>, from its <title>
rects() {
	python3 - "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {'s': 'http://www.w3.org/2000/svg'}
svg, band, cls = sys.argv[1], sys.argv[2], sys.argv[3]
g = ET.parse(svg).getroot().find(f"s:g[@id='band-{band}']", ns)
for r in g.findall('s:rect', ns):
    if r.get('class') != cls:
        continue
    if cls == 'missing' and (r.get('stroke') != 'red' or r.get('fill') != 'none'):
        print('not outlined red:', r.find('s:title', ns).text); continue
    start, end, typ = r.find('s:title', ns).text.split(' ', 2)[0].split('-') + [r.find('s:title', ns).text.split(' ', 1)[1]]
    print('0x%x 0x%x %s' % (int(start, 16), int(end, 16), typ))
PY
}
# The oracle's lines in the same spelling (numbers as python prints them).
norm() { grep -v '^#' "$1" | awk "$AWK_HEX"'{ t = substr($0, index($0, $3)); printf "0x%x 0x%x %s\n", h($1), h($2), t }' | sort; }

# The first kernel's view, from the saved iomem by the tests' own reading (not the loader's).
{ echo '===FIRST-IOMEM-BEGIN'; cat "$IOMEM"; echo '===FIRST-IOMEM-END'; } > "$dir/first.log"
iomem_map_of "$dir/first.log" > "$dir/first.map"
iomem_e820_of "$dir/first.log" > "$dir/first.ranges"
covered "$dir/first.ranges" "$KEXEC_S" | sed -n 's/^  not in e820: //p' > "$dir/lacks"

# --- the demo's renderer on kexec -s -p's real view ---
check "e820-svg: draws" map_svg "$dir/demo.svg" "test" "$dir/first.log" "kexec -s -p=$KEXEC_S"
check "the SVG parses as XML" python3 -c "import xml.etree.ElementTree as E; E.parse('$dir/demo.svg')"
rects "$dir/demo.svg" 0 e820 | sort > "$dir/band0"
norm "$dir/first.map" > "$dir/want0"
check "band 0: one rect per first-kernel range, RAM and e820-named ($(wc -l < "$dir/want0")), each with its type" \
	sh -c "[ -s $dir/want0 ] && cmp -s $dir/want0 $dir/band0"
rects "$dir/demo.svg" 1 e820 | sort > "$dir/band1"
norm "$KEXEC_S" > "$dir/want1"
check "band 1: one rect per entry of kexec -s -p's e820 ($(wc -l < "$dir/want1"))" cmp -s "$dir/want1" "$dir/band1"
rects "$dir/demo.svg" 1 missing | sort > "$dir/red"
norm "$dir/lacks" > "$dir/want-red"
check "band 1: exactly the $(wc -l < "$dir/lacks") ranges kexec -s -p lacks are outlined red" \
	sh -c "[ -s $dir/want-red ] && cmp -s $dir/want-red $dir/red"
check "band 1: among them the MMCONFIG window (the seed's failure)" grep -qx '0xb0000000 0xbfffffff reserved' "$dir/red"
check "4 GiB and the crash region are marked" sh -c \
	"grep -q 'class=\"four-gib\"' $dir/demo.svg && [ \$(grep -c 'class=\"crash\"' $dir/demo.svg) = \$(grep -c ': Crash kernel\$' $IOMEM) ]"
check "rsvg-convert renders it to PNG" sh -c \
	"rsvg-convert -o $dir/demo.png $dir/demo.svg && [ \"\$(head -c 8 $dir/demo.png | od -An -tx1 | tr -d ' ')\" = 89504e470d0a1a0a ]"
: > "$dir/empty"
check "a kdump kernel that printed no e820: said in its band, nothing drawn" sh -c \
	"build/host/e820-svg $dir/died.svg t first=$dir/first.map died=$dir/empty && grep -q 'class=\"died\"' $dir/died.svg"
check "bad input: one line naming the file and line, exit 1" sh -c \
	"printf '0x10 0x0 usable\n' > $dir/bad; ! build/host/e820-svg $dir/x.svg t a=$dir/bad 2> $dir/err && grep -q 'bad: line 1: want' $dir/err && [ \$(wc -l < $dir/err) = 1 ]"

# --- kexec-e820 --print-e820 --svg: the same first kernel, and its kdump kernel lacks nothing ---
bz=$(tools/fetch-kernel.sh)
check "kexec-e820 --print-e820 --svg draws" sh -c \
	"build/kexec-e820 -p $bz --iomem=$IOMEM --print-e820 --svg=$dir/ours.svg > $dir/predicted 2>/dev/null"
rects "$dir/ours.svg" 0 e820 | sort > "$dir/ours0"
# The loader takes System RAM merged where one line ends as the next begins (3d04c017/3d04c018).
grep ' usable$' "$dir/first.map" | awk "$AWK_HEX"'
	NR > 1 && h($1) == e + 1 { e = h($2); next }
	NR > 1 { printf "0x%x 0x%x usable\n", s, e }
	{ s = h($1); e = h($2) }
	END { printf "0x%x 0x%x usable\n", s, e }' > "$dir/ram-merged"
{ cat "$dir/ram-merged"; norm "$dir/first.ranges"; } | sort > "$dir/want-ours0"
check "kexec-e820 --svg: band 0 is the first kernel's map as the tests read it, RAM merged ($(wc -l < "$dir/want-ours0"))" \
	cmp -s "$dir/want-ours0" "$dir/ours0"
sed -n 's/^\[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] \(.\{22\}\).*/\1 \2 \3/p' "$dir/predicted" | sed 's/ *$//' > "$dir/pred"
norm "$dir/pred" > "$dir/want-ours1"
rects "$dir/ours.svg" 1 e820 | sort > "$dir/ours1"
check "kexec-e820 --svg: band 1 is the predicted e820 ($(wc -l < "$dir/pred") entries)" \
	sh -c "[ -s $dir/pred ] && cmp -s $dir/want-ours1 $dir/ours1"
rects "$dir/ours.svg" 1 missing > "$dir/ours-red"
check "kexec-e820 --svg: nothing outlined red" test ! -s "$dir/ours-red"
check "kexec-e820 --svg without --print-e820: refused" sh -c \
	"! build/kexec-e820 -p $bz --iomem=$IOMEM --dry-run --svg=$dir/y.svg 2> $dir/err && grep -q 'goes with --print-e820' $dir/err"
done_tests
