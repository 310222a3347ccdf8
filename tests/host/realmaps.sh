#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every real machine's map in tests/fixtures/realmaps/ through both of kexec-e820's paths
# (--print-e820 --json: kexec_load with our purgatory, and -s: kexec_file_load plus memmap=).
# The oracle is the iomem file itself, read here on its own: each byte of every non-RAM range it
# names (any depth; "Unknown E820 type" as unusable) takes the highest type over it, as the
# kernel's e820__update_table() decides. Per map and path, one check: that type on every such
# byte outside the kdump RAM (or, with -s, the range listed as missing with its reason),
# nothing else non-RAM but the first kernel's RAM as reserved, entries sorted and disjoint, the
# kdump RAM inside the crash region (and low 640 KiB), the MCFG window reserved, memmap= within
# the command line's room, and the kdump kernel's PCI window (the largest gap below 4 GiB of at
# least 4 MiB, as e820_search_gap() finds it) the first kernel's. Then a record of what the
# stock kexec_file path (the kernel's own 128 entries, no memmap=) loses.
set -u
bin=build/kexec-e820
maps=tests/fixtures/realmaps
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests
. tests/lib/bzimage.inc     # mkbz
mkbz "$dir/bz"
CMDLINE_SIZE=2047 ELFCOREHDR_ARG=30     # mkbz's cmdline_size; the kernel's elfcorehdr= room

# verdicts LIST: each "ID PATH MAP JSON" line of LIST judged: "ok ID PATH DETAIL" or "FAIL ID PATH
# WHY"; for -s also "lost ID N" (what the stock path loses), and "ecam-outside ID" where the
# first kernel's e820 never held the MCFG window (the kernel trusted it through ACPI instead)
verdicts() {
	python3 - "$1" "$CMDLINE_SIZE" "$ELFCOREHDR_ARG" <<'PY'
import json, sys

NAMES = {"Reserved": 2, "ACPI Tables": 3, "ACPI Non-volatile Storage": 4, "Unusable memory": 5,
         "Persistent Memory": 7, "Persistent Memory (legacy)": 12, "Soft Reserved": 2,
         "Unknown E820 type": 5}     # soft reserved: as reserved, never a type the kdump kernel could online
LOW_END = 0x9ffff                   # the loader's kdump RAM below 640 KiB

def read_map(path):
    m = {"named": [], "ram": [], "crash": [], "mcfg": []}
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        span, name = line.strip().split(" : ", 1)
        s, e = (int(x, 16) for x in span.split("-"))
        if name in NAMES:
            m["named"].append((s, e, NAMES[name]))
        elif name == "System RAM":
            m["ram"].append((s, e))
        elif name == "Crash kernel":
            m["crash"].append((s, e))
        elif name.startswith(("PCI MMCONFIG ", "PCI ECAM ")):
            m["mcfg"].append((s, e))
    return m

def runs(spans):
    """Each byte's highest type, as maximal runs of one type."""
    points = sorted({s for s, _, _ in spans} | {e + 1 for _, e, _ in spans})
    out = []
    for a, b in zip(points, points[1:]):
        t = max((t for s, e, t in spans if s <= a and e >= b - 1), default=0)
        if t and out and out[-1][2] == t and out[-1][1] + 1 == a:
            out[-1] = (out[-1][0], b - 1, t)
        elif t:
            out.append((a, b - 1, t))
    return out

def minus(a, b, holes):
    pieces = [(a, b)]
    for hs, he in holes:
        pieces = [q for s, e in pieces for q in
                  ([(s, e)] if he < s or hs > e else [x for x in ((s, hs - 1), (he + 1, e)) if x[0] <= x[1]])]
    return pieces

def within(s, e, spans):
    """Is every byte of [s, e] in the union of spans?"""
    at = s
    for a, b in sorted(spans):
        if a <= at <= b:
            at = b + 1
    return at > e

def pci_gap(spans):
    """e820__setup_pci_gap(): the largest gap below 4 GiB of at least 4 MiB, the highest of equals."""
    best, size, prev = None, 4 << 20, 0
    for s, e in sorted(spans) + [(1 << 32, 1 << 32)]:
        if s > prev and prev < 1 << 32 and min(s, 1 << 32) - prev >= size:
            size, best = min(s, 1 << 32) - prev, (prev, min(s, 1 << 32) - 1)
        prev = max(prev, e + 1)
    return best

def covered(s, e, t, entries):
    at = s
    for es, ee, et in sorted(entries):
        if et == t and es <= at <= ee:
            at = ee + 1
    return at > e

def judge(ident, path, mapf, jsonf, room):
    m = read_map(mapf)
    want = runs(m["named"])
    d = json.load(open(jsonf))
    got = sorted((int(x["start"], 16), int(x["end"], 16), x["type"]) for x in d["e820"])
    missing = [(int(x["start"], 16), int(x["end"], 16), x["type"]) for x in d.get("missing", [])]
    why = []
    if any(b[0] <= a[1] for a, b in zip(got, got[1:])):
        why.append("entries overlap")
    kram = [(s, e) for s, e, t in got if t == 1]
    mine = m["crash"] + [(s, min(e, LOW_END)) for s, e in m["ram"] if s <= LOW_END]
    why += ["RAM 0x%x-0x%x is not the kdump kernel's" % r for r in kram
            if not any(cs <= r[0] and r[1] <= ce for cs, ce in mine)]
    if not any(any(cs <= s <= ce for cs, ce in m["crash"]) for s, e in kram):
        why.append("no kdump RAM in the crash region")
    for s, e, t in want:
        for ps, pe in minus(s, e, kram):
            if not covered(ps, pe, t, got):
                why.append("0x%x-0x%x type %d not carried" % (ps, pe, t))
    # a real map's few ranges fit any command line: one the tool calls missing is not excused
    why += ["0x%x-0x%x type %d listed missing" % x for x in missing]
    # the first kernel's RAM may come as reserved (loader/oldram.h), never as another type
    why += ["0x%x-0x%x type %d is not the first kernel's" % g for g in got if g[2] != 1 and not
            within(g[0], g[1], [(ws, we) for ws, we, wt in want if wt == g[2]] + (m["ram"] if g[2] == 2 else []))]
    first_gap = pci_gap([(s, e) for s, e, _ in m["named"]] + m["ram"])
    kdump_gap = pci_gap([(s, e) for s, e, _ in got])
    if first_gap != kdump_gap:
        why.append("PCI window %s, the first kernel's %s" % tuple(
            "%#x-%#x" % g if g else "none" for g in (kdump_gap, first_gap)))
    for s, e in m["mcfg"]:
        if not covered(s, e, 2, want):
            print("ecam-outside", ident)
        elif not covered(s, e, 2, got):
            why.append("the MCFG window 0x%x-0x%x is not reserved" % (s, e))
    if path == "-s":
        line = " memmap=" + d["memmap"] if d["memmap"] else ""
        if len(line) > room:
            why.append("memmap= of %d bytes, past the %d the command line has" % (len(line), room))
        print("lost", ident, sum(x["source"] == "command line (memmap=)" for x in d["e820"]) + len(missing))
    if why:
        print("FAIL", ident, path, "; ".join(why[:3]))
    else:
        print("ok", ident, path, "%d non-RAM ranges, %d e820 entries%s" % (len(want), len(got),
              ", %d listed missing (no room)" % len(missing) if missing else ""))

room = int(sys.argv[2]) - int(sys.argv[3]) - 1
for row in open(sys.argv[1]):
    judge(*row.split(), room)
PY
}

: > "$dir/list"
nmaps=0
for map in "$maps"/*.iomem; do
	id=$(basename "$map" .iomem)
	cpus=$(awk -F'\t' -v id="$id" '$1 == id { print $6 }' "$maps/index.tsv")
	nmaps=$((nmaps + 1))
	for path in -p -s; do
		s=
		[ $path = -p ] || s=-s
		# shellcheck disable=SC2086 # -s or nothing
		if "$bin" $s -p "$dir/bz" --iomem="$map" --possible-cpus="${cpus:-4}" --print-e820 --json \
			> "$dir/$id$path.json" 2> "$dir/err"; then
			echo "$id $path $map $dir/$id$path.json" >> "$dir/list"
		else
			no "$id $path: kexec-e820 failed: $(head -1 "$dir/err")"
		fi
	done
done
verdicts "$dir/list" > "$dir/verdicts"
while read -r word id path rest; do
	label="kexec_load (purgatory)"
	[ "$path" = -p ] || label="kexec_file (memmap=)"
	case $word in
	ok) ok "$id, $label: $rest" ;;
	FAIL) no "$id, $label: $rest" ;;
	esac
done < "$dir/verdicts"
unknown=$(grep -l ' : Unknown E820 type$' "$maps"/*.iomem | wc -l)
losing=$(awk '$1 == "lost" && $3 > 0' "$dir/verdicts" | wc -l)
lost=$(awk '$1 == "lost" { n += $3 } END { print n + 0 }' "$dir/verdicts")
outside=$(awk '$1 == "ecam-outside"' "$dir/verdicts" | sort -u | wc -l)
echo "   record: $nmaps real maps; $unknown with Unknown E820 type ranges; the stock kexec_file path (the"
echo "   kernel's own e820, no memmap=) loses ranges on $losing of them, $lost in all, every one carried here;"
echo "   on $outside the first kernel's e820 never held the MCFG window (trusted through ACPI instead)"
done_tests
