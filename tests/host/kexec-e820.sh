#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kexec-e820 on the host: only --dry-run and --print-e820, with saved iomem files; never a load.
# Exact expected maps, written out by hand from the fixtures, and every error reachable here.
set -u
bin=build/kexec-e820
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests

. tests/lib/bzimage.inc     # mkbz, poke
mkbz "$dir/bz"
Q35=tests/fixtures/ovmf-q35-1g-crashkernel.iomem
SEED=tests/fixtures/seed-box.iomem

# expect NAME FILE -- ARGS: stdout of kexec-e820 ARGS must equal FILE
expect() {
	name=$1 want=$2
	shift 3
	if "$bin" "$@" > "$dir/out" 2> "$dir/err" && cmp -s "$dir/out" "$want"; then ok "$name"
	else no "$name: $(head -c 300 "$dir/err")"; diff "$want" "$dir/out" | head -10; fi
}

# The first kernel's RAM outside the kdump kernel's is reserved where the kernel's PCI gap search
# could take it (loader/oldram.h); 0x808000-0x80ffff, 32 KiB between two ACPI NVS ranges, stays a hole.
cat > "$dir/q35.want" <<'W'
[mem 0x0000000000000000-0x0000000000000fff] reserved               staged table, zero page
[mem 0x0000000000001000-0x000000000009ffff] usable                 kdump RAM (loader), zero page
[mem 0x0000000000100000-0x0000000000805fff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x0000000000806000-0x0000000000807fff] ACPI NVS               staged table, zero page
[mem 0x0000000000810000-0x00000000008fffff] ACPI NVS               staged table, zero page
[mem 0x0000000000900000-0x000000001cffffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000001d000000-0x000000002cffefff] usable                 kdump RAM (loader), zero page
[mem 0x000000002cfff000-0x000000003f76bfff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000003f76c000-0x000000003f77dfff] ACPI data              staged table, zero page
[mem 0x000000003f77e000-0x000000003f7fdfff] ACPI NVS               staged table, zero page
[mem 0x000000003f7fe000-0x000000003ff6ffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000003ff70000-0x000000003fffffff] ACPI NVS               staged table, zero page
[mem 0x00000000b0000000-0x00000000bfffffff] reserved               staged table, zero page
[mem 0x00000000ffc00000-0x00000000ffffffff] reserved               staged table, zero page
# 12 staged, 12 added, 0 clipped, 0 dropped; 14 in zero page, 0 in SETUP_E820_EXT
W
expect "q35+OVMF iomem: exact map, MMCONFIG (nested under PCI MMCONFIG) staged" "$dir/q35.want" -- \
	-p "$dir/bz" --iomem=$Q35 --print-e820

cat > "$dir/seed.want" <<'W'
[mem 0x0000000000000000-0x00000000000997ff] usable                 kdump RAM (loader), zero page
[mem 0x0000000000099800-0x000000000009ffff] reserved               staged table, zero page
[mem 0x00000000000e0000-0x0000000054ffffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x0000000055000000-0x0000000064ffefff] usable                 kdump RAM (loader), zero page
[mem 0x0000000064fff000-0x0000000067fb8fff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x0000000067fb9000-0x00000000689e8fff] ACPI NVS               staged table, zero page
[mem 0x00000000689e9000-0x0000000068bf5fff] ACPI data              staged table, zero page
[mem 0x0000000068bf6000-0x000000008fffffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x00000000fd000000-0x00000000fe7fffff] reserved               staged table, zero page
[mem 0x00000000fec00000-0x00000000fec00fff] reserved               staged table, zero page
[mem 0x00000000fec80000-0x00000000fed00fff] reserved               staged table, zero page
[mem 0x00000000ff800000-0x00000001007fffff] reserved               staged table, zero page
# 10 staged, 10 added, 0 clipped, 0 dropped; 12 in zero page, 0 in SETUP_E820_EXT
W
expect "the seed's box: exact map, all 8 reserved regions and the ACPI ones" "$dir/seed.want" -- \
	-p "$dir/bz" --iomem=$SEED --print-e820

# 131 extra 4 KiB Reserved ranges at 40, 41, ... MiB, splitting System RAM as memmap=4K$ does.
awk '/^00900000-3da13017 : System RAM/ {
	s = 9437184
	for (i = 0; i < 131; i++) { a = (40 + i) * 1048576
		printf "%08x-%08x : System RAM\n%08x-%08x : Reserved\n", s, a - 1, a, a + 4095; s = a + 4096 }
	printf "%08x-3da13017 : System RAM\n", s; next } { print }' $Q35 > "$dir/q35-131.iomem"
# 140 PT_LOADs now: the core headers take two pages at the top, not one. The first kernel's RAM
# between two extra ranges (1 MiB less 4 KiB) is no window the PCI gap search takes: it stays a
# hole, and the ranges stay apart; the RAM below the first and above the last is carried as
# reserved, and joins them.
OLD_RAM="the first kernel's RAM (loader): no PCI window there"
{
	head -5 "$dir/q35.want"
	echo "[mem 0x0000000000900000-0x0000000002800fff] reserved               $OLD_RAM"
	echo "[mem 0x000000000aa00000-0x000000001cffffff] reserved               $OLD_RAM"
	echo "[mem 0x000000001d000000-0x000000002cffdfff] usable                 kdump RAM (loader), zero page"
	echo "[mem 0x000000002cffe000-0x000000003f76bfff] reserved               $OLD_RAM, zero page"
	sed -n '9,14p' "$dir/q35.want"
} > "$dir/base.lines"
awk 'BEGIN { for (i = 1; i < 130; i++) { a = (40 + i) * 1048576
	printf "[mem 0x%016x-0x%016x] reserved               staged table\n", a, a + 4095 } }' > "$dir/extra.lines"
"$bin" -p "$dir/bz" --iomem="$dir/q35-131.iomem" --print-e820 > "$dir/out" 2>/dev/null
sed 's/, zero page$//; s/, SETUP_E820_EXT$//' "$dir/out" | grep '^\[mem' | sort > "$dir/got.sorted"
{ sed 's/, zero page$//' "$dir/base.lines"; cat "$dir/extra.lines"; } | sort > "$dir/want.sorted"
if cmp -s "$dir/got.sorted" "$dir/want.sorted"; then ok "131 extra ranges: all 144 entries exact"; else no "131 extra ranges"; diff "$dir/want.sorted" "$dir/got.sorted" | head; fi
if [ "$(tail -1 "$dir/out")" = "# 143 staged, 143 added, 0 clipped, 0 dropped; 128 in zero page, 16 in SETUP_E820_EXT" ] &&
   [ "$(grep -c 'usable.*zero page$' "$dir/out")" = 2 ]; then
	ok "131 extra ranges: 128 in the zero page with both RAM entries, 16 in SETUP_E820_EXT"
else no "131 extra ranges split: $(tail -1 "$dir/out")"; fi

"$bin" -p "$dir/bz" --iomem=$Q35 --print-e820 --json > "$dir/json"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["e820"]) == 14 and d["staged"] == 12 and d["e820"][12]["start"] == "0x00000000b0000000" and d["e820"][12]["type"] == 2' "$dir/json"; then
	ok "--json parses and holds the same map"; else no "--json"; fi

"$bin" -p "$dir/bz" --iomem=$Q35 --append="console=ttyS0" --dry-run > "$dir/plan" 2>/dev/null
if grep -q '^ELF core headers     0x000000002cfff000 0x1000' "$dir/plan" && grep -q '^kernel               0x000000001d000000' "$dir/plan" &&
   grep -q '^command line         console=ttyS0 elfcorehdr=737276K$' "$dir/plan" && [ "$(grep -c '^sha256 ' "$dir/plan")" = 4 ]; then
	ok "--dry-run: core headers at the top, kernel at the crash base, elfcorehdr= added, 4 digests (no initrd)"
else no "--dry-run plan"; cat "$dir/plan"; fi

# Overlapping first-kernel ranges are no error: the higher type wins, as in Linux's sanitizer.
{ cat $Q35; echo "3f700000-3f7fffff : ACPI Tables"; } > "$dir/overlap.iomem"
{
	sed -n '1,7p' "$dir/q35.want"
	cat <<'W'
[mem 0x000000002cfff000-0x000000003f6fffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000003f700000-0x000000003f77dfff] ACPI data              staged table, zero page
[mem 0x000000003f77e000-0x000000003f7fdfff] ACPI NVS               staged table, zero page
[mem 0x000000003f7fe000-0x000000003f7fffff] ACPI data              staged table, zero page
[mem 0x000000003f800000-0x000000003ff6ffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
W
	sed -n '12,14p' "$dir/q35.want"
	echo "# 13 staged, 13 added, 0 clipped, 0 dropped; 15 in zero page, 0 in SETUP_E820_EXT"
} > "$dir/overlap.want"
expect "overlapping iomem ranges: higher type wins, exact map" "$dir/overlap.want" -- \
	-p "$dir/bz" --iomem="$dir/overlap.iomem" --print-e820

# --- errors: one line each, non-zero, nothing loaded ---
cp "$dir/bz" "$dir/bad"; poke "$dir/bad" 0x206 0x0209 2
refuse "kernel too old" "boot protocol 2.09 is too old" -- -p "$dir/bad" --iomem=$Q35 --dry-run
cp "$dir/bz" "$dir/bad"; poke "$dir/bad" 0x234 0 1
refuse "kernel not relocatable" "not relocatable" -- -p "$dir/bad" --iomem=$Q35 --dry-run
head -c 20000 "$dir/bz" > "$dir/bad"
refuse "kernel truncated" "truncated" -- -p "$dir/bad" --iomem=$Q35 --dry-run
refuse "kernel not a bzImage (text)" "not a bzImage" -- -p /etc/hostname --iomem=$Q35 --dry-run
head -c 100000 /dev/urandom > "$dir/random"
refuse "kernel not a bzImage (random bytes)" "not a bzImage" -- -p "$dir/random" --iomem=$Q35 --dry-run
refuse "kernel missing" "No such file or directory" -- -p "$dir/none" --iomem=$Q35 --dry-run
refuse "initrd missing" "initrd $dir/none: No such file" -- -p "$dir/bz" --initrd="$dir/none" --iomem=$Q35 --dry-run
truncate -s 300M "$dir/big.initrd"
refuse "initrd larger than the crash region" "MiB missing (raise crashkernel=)" -- -p "$dir/bz" --initrd="$dir/big.initrd" --iomem=$Q35 --dry-run
grep -v 'Crash kernel' $Q35 > "$dir/nocrash.iomem"
refuse "no crash region" "boot with crashkernel=" -- -p "$dir/bz" --iomem="$dir/nocrash.iomem" --dry-run
{ cat $Q35; echo "  2c000000-2dffffff : Crash kernel"; } > "$dir/crash-overlap.iomem"
refuse "overlapping crash regions" "Crash kernel regions 0x1d000000-0x2cffffff and 0x2c000000-0x2dffffff overlap" -- \
	-p "$dir/bz" --iomem="$dir/crash-overlap.iomem" --dry-run
# crashkernel=256M,high on a 6 GiB q35 guest (its own /proc/iomem): the main region above 4 GiB,
# crashk_low below. kexec_load takes crash segments only inside the main one (else EADDRNOTAVAIL);
# the kdump kernel gets both as RAM.
HIGH=tests/fixtures/ovmf-q35-6g-crashkernel-high.iomem
cat > "$dir/high.want" <<'W'
[mem 0x0000000000000000-0x0000000000000fff] reserved               staged table, zero page
[mem 0x0000000000001000-0x000000000009ffff] usable                 kdump RAM (loader), zero page
[mem 0x0000000000100000-0x0000000000805fff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x0000000000806000-0x0000000000807fff] ACPI NVS               staged table, zero page
[mem 0x0000000000810000-0x00000000008fffff] ACPI NVS               staged table, zero page
[mem 0x0000000000900000-0x0000000069ffffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000006a000000-0x0000000079ffffff] usable                 kdump RAM (loader), zero page
[mem 0x000000007a000000-0x000000007f76bfff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000007f76c000-0x000000007f77dfff] ACPI data              staged table, zero page
[mem 0x000000007f77e000-0x000000007f7fdfff] ACPI NVS               staged table, zero page
[mem 0x000000007f7fe000-0x000000007ff6ffff] reserved               the first kernel's RAM (loader): no PCI window there, zero page
[mem 0x000000007ff70000-0x000000007fffffff] ACPI NVS               staged table, zero page
[mem 0x00000000b0000000-0x00000000bfffffff] reserved               staged table, zero page
[mem 0x00000000ffc00000-0x00000000ffffffff] reserved               staged table, zero page
[mem 0x00000001ef000000-0x00000001feffefff] usable                 kdump RAM (loader), zero page
# 12 staged, 12 added, 0 clipped, 0 dropped; 15 in zero page, 0 in SETUP_E820_EXT
W
expect "crashkernel=256M,high iomem: both crash regions are kdump RAM, exact map" "$dir/high.want" -- \
	-p "$dir/bz" --iomem=$HIGH --print-e820
head -c 1000000 /dev/zero > "$dir/initrd"
"$bin" -p "$dir/bz" --initrd="$dir/initrd" --iomem=$HIGH --dry-run 2>/dev/null |
	grep -o '0x[0-9a-f]\{16\} *0x[0-9a-f]*' > "$dir/high.segs"
outside=$(while read -r a n; do [ $((a)) -ge $((0x1ef000000)) ] && [ $((a + n)) -le $((0x1ff000000)) ] || echo "$a+$n"; done < "$dir/high.segs")
if [ "$(wc -l < "$dir/high.segs")" = 7 ] && [ -z "$outside" ]; then ok "crashkernel=256M,high: all 7 segments inside the main region, initrd above 4 GiB"
else no "crashkernel=256M,high: segments outside 0x1ef000000-0x1feffffff: $outside"; fi
cp "$dir/bz" "$dir/bz-below4g"
poke "$dir/bz-below4g" 0x236 0x01 2
refuse "crashkernel=X,high with a kernel that must sit below 4 GiB" "no free memory for the kernel" -- \
	-p "$dir/bz-below4g" --iomem=$HIGH --dry-run
{ head -5 $Q35; echo "this is not iomem"; } > "$dir/garbage.iomem"
refuse "garbage iomem line" "iomem line 6" -- -p "$dir/bz" --iomem="$dir/garbage.iomem" --dry-run
{ cat $Q35; i=0; while [ $i -lt 10000 ]; do printf '%x-%x : Reserved\n' $((0x200000000 + i * 8192)) $((0x200000000 + i * 8192 + 4095)); i=$((i + 1)); done; } > "$dir/many.iomem"
refuse "10,000 reserved ranges" "more reserved ranges than the 4096" -- -p "$dir/bz" --iomem="$dir/many.iomem" --dry-run
refuse "no kernel" "-p needs a KERNEL" -- -p --dry-run
refuse "unknown option" "unknown or incomplete option --bogus" -- -p "$dir/bz" --bogus
refuse "console garbage" "--console=ttyUSB0" -- -p "$dir/bz" --console=ttyUSB0 --dry-run
refuse "two command lines" "choose one" -- -p "$dir/bz" --append=a --reuse-cmdline --dry-run
refuse "--json alone" "--json goes with --print-e820" -- -p "$dir/bz" --json
refuse "-u without -p" "say -u -p" -- -u
refuse "kexec-tools' -t of another type" "-t multiboot-x86: this loader takes bzImage64 kernels only" -- -p -t multiboot-x86 "$dir/bz" --dry-run
refuse "-s with a bad kernel (a device): only the error, no note" "kernel /dev/null: is not a regular file" -- -s -p /dev/null --args-linux --iomem=$Q35 --dry-run
# kdump-config's spelling: -s (secure boot) and --args-linux are taken; --args-linux is said unused.
F160=tests/fixtures/ovmf-q35-1g-160.iomem
# shellcheck disable=SC2016 # memmap='s $ are the kernel's, not the shell's
if "$bin" -s -p --args-linux -c "$dir/bz" --iomem=$F160 --possible-cpus=2 --append="console=ttyS0" --dry-run > "$dir/out" 2> "$dir/err" &&
   grep -qx 'syscall              kexec_file_load (crash), the kernel.s own purgatory' "$dir/out" &&
   grep -qF 'command line         console=ttyS0 memmap=687112K$1M,255M@673M,97200K$928M,' "$dir/out" &&
   [ "$(wc -l < "$dir/err")" = 1 ] && grep -q '^kexec-e820: --args-linux not used' "$dir/err"; then
	ok "-s -p --args-linux -c: kexec_file_load planned, the lost ranges as memmap=, --args-linux said once"
else no "-s -p --args-linux: $(cat "$dir/err") $(cat "$dir/out")"; fi
# --print-e820 -s: the kernel's 128, then what memmap= adds; the MMCONFIG window among them; the
# first kernel's RAM as reserved, joined across the ranges between (the 4 KiB ones inside it).
if "$bin" -s -p "$dir/bz" --iomem=$F160 --possible-cpus=2 --print-e820 > "$dir/out" 2> "$dir/err" &&
   [ ! -s "$dir/err" ] && [ "$(grep -c 'zero page (kernel)$' "$dir/out")" = 7 ] &&
   [ "$(grep -c 'command line (memmap=)$' "$dir/out")" = 3 ] &&
   [ "$(grep -c "command line (memmap=), the first kernel's RAM: no PCI window there\$" "$dir/out")" = 5 ] &&
   grep -qx '\[mem 0x00000000b0000000-0x00000000bfffffff\] reserved *command line (memmap=)' "$dir/out" &&
   grep -qx '# kexec_file: the kernel builds 139 entries, 128 reach the zero page; ELF core headers at 0x2a000000 (8192 bytes, computed for this machine.s CPUs and RAM ranges), never kdump RAM' "$dir/out" &&
   grep -q '^# 6 ranges on the command line, memmap=.*; 0 missing$' "$dir/out"; then
	ok "--print-e820 -s: 128 entries from the kernel, 6 memmap= items (MMCONFIG, the old RAM over the 4 KiB ranges), 15 in the end"
else no "--print-e820 -s: $(cat "$dir/err") $(tail -3 "$dir/out")"; fi
# JSON a program can trust: every key once (a duplicate would leave only its last value), the
# ranges left out read back as a list.
JSON_UNIQUE='import json, sys
def unique(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), "duplicate keys: %s" % keys
    return dict(pairs)
d = json.load(sys.stdin, object_pairs_hook=unique)'
"$bin" -s -p "$dir/bz" --iomem=$F160 --possible-cpus=2 --print-e820 --json > "$dir/json"
# shellcheck disable=SC2016 # Python, not shell: its $ are memmap='s
if python3 -c "$JSON_UNIQUE"'
assert d["built"] == 139 and d["zero_page"] == 128 and d["carried"] == 6 and d["missing_count"] == 0, d
assert d["missing"] == [] and d["elfcorehdr"] == "0x2a000000" and d["memmap"].startswith("memmap=687112K$1M,")
assert len(d["e820"]) == 15' < "$dir/json"; then ok "--print-e820 -s --json: the same, as JSON, every key once"
else no "--print-e820 -s --json"; fi
fill=$(head -c 1985 /dev/zero | tr '\0' x)
"$bin" -s -p "$dir/bz" --iomem=$F160 --possible-cpus=2 --append="$fill" --print-e820 --json > "$dir/json" 2> "$dir/err"
if python3 -c "$JSON_UNIQUE"'
import re
named = re.findall(r"^kexec-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] reserved will not reach", open(sys.argv[1]).read(), re.M)
m = [(r["start"], r["end"]) for r in d["missing"] if r["source"] == "no room on the command line"]
old = [r for r in d["missing"] if r["source"] != "no room on the command line"]
assert d["missing_count"] == 11 == len(d["missing"]) and len(named) == 9 and m == named, (d["missing_count"], m, named)
assert len(old) == 2 and all(r["type"] == 2 and "first kernel" in r["source"] for r in old), old' "$dir/err" \
	< "$dir/json"; then ok "--print-e820 -s --json, little room: the 9 ranges and 2 pieces of old RAM left out read back, the ones named on stderr"
else no "--print-e820 -s --json: the missing list"; fi
# A kernel with CRASH_HOTPLUG (Debian's 6.12 and 7.2): the core headers sized as its sysfs says
# (64 + 917616 bytes, not page-rounded), so its own kdump RAM starts right past them.
if "$bin" -s -p "$dir/bz" --iomem=$F160 --possible-cpus=2 --elfcorehdr-size=917616 --print-e820 > "$dir/out" 2> "$dir/err" &&
   grep -q '^# kexec_file: .* ELF core headers at 0x2a000000 (917680 bytes, sized for hotplug, from /sys/kernel/crash_elfcorehdr_size)' "$dir/out"; then
	ok "--elfcorehdr-size=917616: headers of 917680 bytes at 0x2a000000"
else no "--elfcorehdr-size: $(cat "$dir/err") $(tail -2 "$dir/out")"; fi
refuse "--elfcorehdr-size without --iomem" "give it with --iomem" -- -s -p "$dir/bz" --elfcorehdr-size=917616 --dry-run
# A caller's line with little room: kexec-e820 loads what fits, the kdump RAM first, and names each range left out.
fill=$(head -c 1985 /dev/zero | tr '\0' x)
if "$bin" -s -p "$dir/bz" --iomem=$F160 --possible-cpus=2 --append="$fill" --dry-run > "$dir/out" 2> "$dir/err" &&
   grep -q "^command line         $fill memmap=255M@673M,256M\$2816M\$" "$dir/out" &&
   [ "$(grep -c '^kexec-e820: \[mem 0x[0-9a-f]*-0x[0-9a-f]*\] reserved will not reach the kdump kernel: no room left on its command line$' "$dir/err")" = 9 ] &&
   [ "$(grep -c "^kexec-e820: \[mem 0x[0-9a-f]*-0x[0-9a-f]*\] the first kernel's RAM stays a hole in the kdump kernel's e820 (no room left on its command line): its PCI window may lie there\$" "$dir/err")" = 2 ] &&
   [ "$(wc -l < "$dir/err")" = 11 ]; then
	ok "-s, 31 bytes of room: the kdump RAM and MMCONFIG carried, the 9 others and 2 pieces of old RAM named, one line each"
else no "-s with little room: $(cat "$dir/err") $(tail -1 "$dir/out")"; fi
over=$(head -c 2017 /dev/zero | tr '\0' x)
refuse "-s: a caller's line past 2016 bytes (the kernel adds elfcorehdr=)" "kexec_file_load takes at most 2016" -- \
	-s -p "$dir/bz" --iomem=$F160 --append="$over" --dry-run
refuse "-s with --svg" "not with -s" -- -s -p "$dir/bz" --iomem=$F160 --print-e820 --svg="$dir/x.svg"
refuse "--possible-cpus=0" "--possible-cpus" -- -s -p "$dir/bz" --iomem=$F160 --possible-cpus=0 --dry-run
long=$(head -c 2100 /dev/zero | tr '\0' x)
refuse "command line too long" "the kernel takes at most 2047" -- -p "$dir/bz" --append="$long" --iomem=$Q35 --dry-run
# -s: what would not fit the crash region is refused before the kernel could drop the loaded one
# (240 MiB: beside the kernel it fits, with the core headers and the slack it does not)
truncate -s 240M "$dir/big.img"
refuse "-s, an initrd too big for the 256 MiB crash region" "the crash region has 256 MiB: raise crashkernel=" -- \
	-s -p "$dir/bz" --initrd="$dir/big.img" --iomem=$Q35 --possible-cpus=2 --dry-run
truncate -s 200M "$dir/big.img"
check "-s, an initrd of 200 MiB fits the 256 MiB region" sh -c "$bin -s -p $dir/bz --initrd=$dir/big.img --iomem=$Q35 \
	--possible-cpus=2 --dry-run > /dev/null"
rm -f "$dir/big.img"
# A real load as a user who is not root (nobody, when this test runs as root) is refused first.
if [ "$(id -u)" = 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" -p "$dir/bz" > "$dir/out" 2> "$dir/err"
else
	"$bin" -p "$dir/bz" > "$dir/out" 2> "$dir/err"
fi
rc=$?
if [ $rc -ne 0 ] && grep -qF "must be root" "$dir/err"; then ok "not root: $(cat "$dir/err")"; else no "not root: rc=$rc $(cat "$dir/err")"; fi
# Two pmem devices that touch arrive as two on both paths (Linux's e820_nomerge()), each whole.
cat > "$dir/pmem2.iomem" <<'M'
00001000-0009ffff : System RAM
00100000-3fffffff : System RAM
  2a000000-39ffffff : Crash kernel
40000000-41ffffff : Persistent Memory (legacy)
42000000-43ffffff : Persistent Memory (legacy)
45000000-4500ffff : Unknown E820 type
M
for s in "" -s; do
	# shellcheck disable=SC2086 # -s or nothing
	"$bin" $s -p "$dir/bz" --iomem="$dir/pmem2.iomem" --print-e820 > "$dir/pmem2.out" 2>/dev/null
	check "two touching pmem ranges stay two${s:+ (-s)}" sh -c "grep -q '^\[mem 0x0000000040000000-0x0000000041ffffff\] persistent (type 12) ' $dir/pmem2.out &&
		grep -q '^\[mem 0x0000000042000000-0x0000000043ffffff\] persistent (type 12) ' $dir/pmem2.out"
	check "Unknown E820 type carried as unusable, and said so${s:+ (-s)}" grep -q \
		'^\[mem 0x0000000045000000-0x000000004500ffff\] unusable .*first kernel: Unknown E820 type (its number unknown), carried as unusable' "$dir/pmem2.out"
done
# -s: a command line so long that the kdump kernel's own RAM finds no room is refused on every
# path, one line saying how much to cut: that kdump kernel would panic at the crash
long=$(head -c 2000 /dev/zero | tr '\0' x)
for how in --print-e820 --dry-run; do
	refuse "-s $how: no room for the kdump RAM" "own RAM (1 range) finds no room on its command line, so it would panic at the crash: shorten --append by at least 1 byte," -- \
		-s -p "$dir/bz" --iomem=tests/fixtures/linux-6.12/q35-1g-160.iomem --append="$long" $how
	check "-s $how: that refusal exits 5 (the front end does not hand it to kexec-tools)" sh -c \
		"$bin -s -p $dir/bz --iomem=tests/fixtures/linux-6.12/q35-1g-160.iomem --append=$long $how 2>/dev/null; [ \$? = 5 ]"
done
# --compare: does this machine need kexec-e820? Range by range, then a verdict.
"$bin" --compare --iomem=tests/fixtures/realmaps/7a509138fffe.iomem > "$dir/cmp" 2>&1
check "--compare, a real map with an Unknown E820 type range: that range lost, named, and the verdict" sh -c \
	"grep -q '^lost    \[mem 0x00000000ba609000-0x00000000ba698fff\] unusable .*never passes (first kernel: Unknown E820 type)' $dir/cmp &&
	 [ \$(grep -c '^lost ' $dir/cmp) = 1 ] && tail -1 $dir/cmp | grep -q '^verdict: this machine needs kexec-e820: the stock path loses 1 of'"
check "--compare, the same map: the stock kdump kernel's PCI window in the first kernel's RAM, both windows named" \
	grep -q '^window  \[mem 0x0000000020200000-0x00000000a6000fff\] the stock kdump kernel.s PCI window, not the first kernel.s (\[mem 0x00000000bc000000-0x00000000dfffffff\])' "$dir/cmp"
"$bin" --compare --iomem=tests/fixtures/ovmf-q35-1g-160.iomem > "$dir/cmp" 2>&1
check "--compare, 160 extra ranges: 10 reserved past the 128 and the kdump kernel's own RAM" sh -c \
	"[ \$(grep -c '^lost ' $dir/cmp) = 11 ] && grep -q '^lost .* usable .*the kdump kernel.s own RAM' $dir/cmp &&
	 tail -1 $dir/cmp | grep -q 'loses 10 of the first kernel.s 137 reserved ranges, and the kdump kernel.s own RAM'"
"$bin" --compare --iomem=$SEED > "$dir/cmp" 2>&1
check "--compare, the seed's machine: nothing lost, said so" sh -c \
	"! grep -q '^lost ' $dir/cmp && tail -1 $dir/cmp | grep -q '^verdict: the stock path loses nothing here'"
grep -v ': Crash kernel$' tests/fixtures/realmaps/7a509138fffe.iomem > "$dir/nocrash.iomem"
"$bin" --compare --iomem="$dir/nocrash.iomem" > "$dir/cmp" 2>&1
check "--compare on a machine without crashkernel= yet: answered for the region it would get, said so" sh -c \
	"grep -q '^assumed \[mem 0x00000000a6000000-0x00000000b5ffffff\] Crash kernel: none reserved here yet' $dir/cmp &&
	 tail -1 $dir/cmp | grep -q '^verdict: this machine needs kexec-e820: .*for the crash region the kernel would reserve (no crashkernel= yet)\$'"
refuse "--compare takes no kernel" "--compare takes no kernel" -- --compare "$dir/bz"
done_tests
