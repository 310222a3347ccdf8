#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make kernel-test: Debian's linux-source of each base in $KERNEL_BASES (7.3, experimental's, the
# base of the posting; 6.12, Debian 13's; 6.1, Debian 12's) built with and without
# kernel/patches/BASE/ (tools/kernel-build.sh), each booted in QEMU (q35, OVMF, 1 GiB, crashkernel=256M) and driven by Debian's unchanged
# kexec-tools through kexec_file_load:
#   kdump-160: kexec -s -p with the demo's 160 memmap= ranges and memmap=16M!400M, persistent
#     memory (e820 type 12), then sysrq-c;
#   kdump-pmem: the persistent memory alone, a map that fits the zero page; on q35 (OVMF) the
#     kdump kernel gets the EFI runtime map, where only the KASLR patch (held back:
#     kernel/patches/held/) would keep its physical KASLR;
#   kdump-160-pc: the 160 ranges on pc (SeaBIOS): no EFI map, so physical KASLR can be kept;
#   kexec-160: kexec -s -l + kexec -e on a kernel booted through e820shim.efi with 160 reserve=
#     ranges, so that its firmware map itself has more than 128 entries;
#   kdump-efi-kept: soak seed 439566's map, where the unpatched first kernel's page tables lie
#     in boot services memory that efi_mem_reserve() calls reserved: with the EFI fix
#     (kernel/patches/efi/) makedumpfile reads them, through kexec -s -p and, as
#     kdump-efi-kept-load, kexec-tools' kexec_load;
#   kdump-load: kexec-tools' kexec_load (kexec -c -p), which passes the same EFI runtime map:
#     physical KASLR kept with the KASLR patch, lost without it;
#   kdump-gap4g-pc: pc (SeaBIOS), 4 GiB, 3 of it below 4 GiB: unpatched, the kdump kernel's
#     "available for PCI devices" gap lies in the first kernel's RAM; patched (the first kernel's
#     RAM passed as reserved), it is the first kernel's gap;
#   kdump-cma (where the config has CMA: 7.3): crashkernel=128M,cma, the CMA ranges in the kdump
#     kernel's e820 as RAM;
#   kdump-kmem (where the config has dax_hmem and kmem built in: 7.3, 6.12): kmem.sh's shape
#     (crash.inc: 2 GiB in two NUMA nodes, 256 MiB of node 1 soft reserved); the first kernel onlines it as System RAM
#     (kmem) and plants a marker there; the dump holds the marker, and the kdump kernel, the
#     same kernel with the same drivers, gets the range as reserved and onlines none of it;
#   kdump-types: the e820 types crash.c walked no resource for, as real machines have them
#     (types 20, 9 and 16, which /proc/iomem calls "Unknown E820 type"; unusable; soft reserved),
#     re-typed from RAM with memmap=%: each in the kdump kernel's e820 with its bounds and type,
#     soft reserved as reserved (patch 2, and every prefix of the series from it), its PCI gap
#     the first kernel's.
# The cases a series fixes run where it carries the patch (carries): the v3 series and its
# backports alike. What a base's series does not carry (the KASLR patch, held back) is an
# expected failure there (xfail), asserted where a series carries it.
# "Read through SETUP_E820_EXT" means the kernel printed its "extended:" table: the line
# "extended physical RAM map:" alone also heads the table of setup_data reservations.
# The patched kernel is asserted on; the unpatched one is asserted to lose what the patched
# one delivers, and what happens to it is recorded. Then each patch on its own: the kernel with
# the series up to it builds, boots and saves a dump; the 160 ranges on pc are recorded beside.
# Every verdict reads the kernels' own output.
set -u
t0=$(date +%s)
KERNEL_BASES=${KERNEL_BASES:-7.3 6.12 6.1}
QDIR=build/kernel-test
. tests/lib/guest.inc
. tests/lib/crash.inc
PMEM=0x0000000019000000 PMEM_END=0x0000000019ffffff   # memmap=16M!400M
# RAM re-typed (memmap=SIZE%ADDR-1+TYPE) to what real machines' firmware gives (the PowerEdge
# R7425 in tests/fixtures/realmaps has two "Unknown E820 type" ranges, a ThinkPad five unusable)
MEMMAP_TYPES='memmap=4K%100M-1+20,64K%200M-1+9,8K%300M-1+16,16K%120M-1+5,1M%140M-1+0xefffffff'
# The held patch (kernel/patches/held/, README.md): what it fixes is expected to fail here
HELD_KASLR="physical KASLR under OVMF: held/0001, not in this series"
TYPES_RE='^0x[0-9a-f]* 0x[0-9a-f]* \(type 20\|type 9\|type 16\|unusable\|soft reserved\)$'
NTYPES=5

# first_types LOG: the re-typed ranges of the first kernel's final e820 (its "user:" map, from
# mkcrashrd's ===FIRST-E820 lines), "START END TYPE"
first_types() { sed -n 's/^===FIRST-E820 user //p' "$1" | grep -e "$TYPES_RE"; }

# carries BASE WORDS: kernel/patches/BASE has a patch whose subject holds WORDS
carries() { grep -qs "^Subject: .*$2" kernel/patches/"$1"/[0-9]*.patch; }
# configured BASE OPTION: make kernel-test's kernel for BASE is built with OPTION=y
configured() { grep -qsx "$2=y" kernel/test.config kernel/test-"$1".config; }
# the patches the cases below judge, by their subjects
TYPES_PATCH='Pass every non-RAM e820 type' OLD_RAM_PATCH="Pass the first kernel's RAM"
# kmem_case BASE: its series passes soft reserved memory, its kernel has dax_hmem and kmem
kmem_case() { carries "$1" "$TYPES_PATCH" && configured "$1" CONFIG_DEV_DAX_KMEM; }

# kmem_delivered NAME: the first kernel onlined the soft reserved range and marked a page there;
# the dump holds the mark; the kdump kernel has the range as reserved and onlined none of it
kmem_delivered() {
	n=$1
	split_ok "$n" || return 0
	mark=$(kmem_mark "$QDIR/$n.first.log")
	check "$K $n: the first kernel onlined the soft reserved range as System RAM (kmem)" \
		kmem_onlined "$QDIR/$n.first.log" FIRST-IOMEM
	check "$K $n: a marker was planted there (${mark:-none})" test -n "$mark"
	check "$K $n: the dump holds it: read back from /proc/vmcore through its ELF headers" \
		grep -q "^===MARK-FOUND $mark " "$QDIR/$n.kdump.log"
	echo "$KMEM_FIRST $KMEM_LAST reserved" > "$QDIR/$n.soft"
	check "$K $n: the kdump kernel's e820 has the range as reserved" covered "$QDIR/$n.soft" "$QDIR/$n.kdump.e820"
	check "$K $n: ... and it onlined none of it (System RAM, but no System RAM (kmem), in its /proc/iomem)" \
		kmem_kept_offline "$QDIR/$n.kdump.log"
	check "$K $n: makedumpfile saved a dump" grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' "$QDIR/$n.kdump.log"
}

# covered_some RANGES E820: RANGES has a line, and every one is covered (maps.inc)
covered_some() { test -s "$1" && covered "$1" "$2" > /dev/null; }

# gap_in_ram NAME: the kdump kernel's PCI gap overlaps the first kernel's System RAM
# (/proc/iomem, top level), which the dump is read from
gap_in_ram() {
	w=$(pci_gap "$QDIR/$1.kdump.log" | window_bounds)
	[ -n "$w" ] || return 1
	section "$QDIR/$1.first.log" FIRST-IOMEM | grep '^[0-9a-f]*-[0-9a-f]* : System RAM$' |
		sed 's/^\([0-9a-f]*\)-\([0-9a-f]*\) .*/0x\1 0x\2/' |
		awk -v w="$w" "$AWK_HEX"'BEGIN { split(w, b, "-"); a = h(b[1]); z = h(b[2]) }
		     { if (h($1) <= z && h($2) >= a) hit = 1 } END { exit !hit }'
}

# same_gap A B: both kernels printed a PCI gap, the same one
same_gap() { test -n "$1" && test "$1" = "$2"; }

# types_delivered NAME LABEL: the first kernel has the NTYPES ranges, the kdump kernel each of
# them exactly, soft reserved memory as reserved (where it joins the first kernel's RAM, also
# reserved: so covered, not exact; with its own type, kmem would online it), its PCI gap the
# first kernel's, and the dump saved
types_delivered() {
	split_ok "$1" || return 0
	first_types "$QDIR/$1.first.log" > "$QDIR/$1.types"
	grep -v ' soft reserved$' "$QDIR/$1.types" > "$QDIR/$1.exact"
	sed -n 's/ soft reserved$/ reserved/p' "$QDIR/$1.types" > "$QDIR/$1.as-reserved"
	grep -e "$TYPES_RE" "$QDIR/$1.kdump.e820" > "$QDIR/$1.kdump.types"
	check "$2 $1: the first kernel's e820 has the $NTYPES re-typed ranges ($(wc -l < "$QDIR/$1.types"))" \
		test "$(wc -l < "$QDIR/$1.types")" -eq "$NTYPES"
	check "$2 $1: each but soft reserved is in the kdump kernel's e820 with its bounds and type" \
		cmp -s "$QDIR/$1.exact" "$QDIR/$1.kdump.types"
	check "$2 $1: the soft reserved range is reserved there" \
		covered_some "$QDIR/$1.as-reserved" "$QDIR/$1.kdump.e820"
	check "$2 $1: the kdump kernel's PCI gap is the first kernel's ($(pci_gap "$QDIR/$1.kdump.log"))" \
		same_gap "$(sed -n 's/^===PCI-GAP //p' "$QDIR/$1.first.log")" "$(pci_gap "$QDIR/$1.kdump.log")"
	check "$2 $1: makedumpfile saved a dump" grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' "$QDIR/$1.kdump.log"
}

# /sys/firmware/memmap ("START END TYPE") in the words of the kernel's e820 printout, sorted;
# a type without a word keeps its name, and so cannot match
fwmap_as_e820() {
	awk "$AWK_E820_WORD"'{ s = substr($1, 3); e = substr($2, 3); name = substr($0, index($0, $3))
	       while (length(s) < 16) s = "0" s
	       while (length(e) < 16) e = "0" e
	       t = name == "System RAM" ? "usable" : e820_word(name)
	       print "0x" s, "0x" e, (t != "" ? t : name) }' | sort
}

# first_panic LOG: why a kernel in LOG stopped (the first kernel's own sysrq-c panic aside)
first_panic() {
	grep -e 'Kernel panic' -e 'BUG:' "$1" | grep -v 'sysrq triggered crash' | sed 's/^\[[ 0-9.]*\] //' | head -1 |
		grep . || echo "no init within ${CYCLE_CPU}s of CPU time"
}

# kdump NAME KERNEL_LABEL MACHINE CMDLINE...: one crash cycle, kexec -s -p (or $KDUMP_MODE, a
# mkcrashrd.sh mode, in $KDUMP_MEM MiB), CYCLE_CPU s of CPU time at most, and its record line;
# NAME.missing counts the first kernel's ranges its e820 lacks
CYCLE_CPU=180
kdump() {
	n=$1 k=$2 machine=$3
	shift 3
	guest_opts --cpu "$CYCLE_CPU"
	boot_crash "$n" "$machine" "${KDUMP_MEM:-1024}" "${KDUMP_MODE:-kexec-s}" "$@"
	iomem_e820_of "$QDIR/$n.first.log" > "$QDIR/$n.first.ranges"
	e820_of "$QDIR/$n.kdump.log" > "$QDIR/$n.kdump.e820"
	missing=$(covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820" | wc -l)
	echo "$missing" > "$QDIR/$n.missing"
	ranges=$(wc -l < "$QDIR/$n.first.ranges")
	if ! grep -q '===CRASHING' "$QDIR/$n.log"; then fate="never started: the first kernel did not reach sysrq-c"
	elif grep -q '===KDUMP-UP' "$QDIR/$n.kdump.log"; then fate="up"
	else fate="not up: $(first_panic "$QDIR/$n.kdump.log")"; fi
	echo "   $k $n: kdump kernel $fate; first-kernel ranges missing from its e820: $missing of $ranges;" \
		"physical KASLR: $(kaslr_word "$QDIR/$n.kdump.log"); MMCONFIG: $(mmconfig_line "$QDIR/$n.kdump.log" | grep . || echo 'no verdict printed')"
}

# kdump_delivered NAME [ext]: the patched kernel's kdump cycle, every range there (checks named
# after $K); with ext, more than the zero page holds, through SETUP_E820_EXT
kdump_delivered() {
	n=$1
	split_ok "$n" || return 0
	ranges=$(wc -l < "$QDIR/$n.first.ranges")
	check "$K $n: kexec -s -p loaded" has "$n.first.log" "===LOADED rc=0 crash_loaded=1"
	check "$K $n: kdump kernel reached init" has "$n.kdump.log" "===KDUMP-UP"
	if [ "${2:-}" = ext ]; then
		check "$K $n: first kernel has e820-named ranges, past 128 ($ranges)" test "$ranges" -gt 128
		check "$K $n: the kdump kernel read a SETUP_E820_EXT node (its 'extended:' table)" \
			has "$n.kdump.log" "] extended: [mem "
	fi
	check "$K $n: first kernel has e820-named ranges ($ranges)" test "$ranges" -gt 0
	check "$K $n: every one is in the kdump kernel's e820 with its type" \
		covered "$QDIR/$n.first.ranges" "$QDIR/$n.kdump.e820"
	case $n in *-pc) ;; *)
		check "$K $n: kdump kernel trusts MMCONFIG ('reserved in E820', never 'not using MMCONFIG')" \
			mmconfig_trusted "$QDIR/$n.kdump.log" ;;
	esac
	check "$K $n: kdump kernel did not land outside RAM" ran_without "$QDIR/$n.kdump.log" 'are not marked as E820_TYPE_RAM'
	check "$K $n: /proc/vmcore exists" sh -c "grep -q '^===VMCORE size=[1-9]' $QDIR/$n.kdump.log"
	check "$K $n: makedumpfile -l -d 31 read /proc/vmcore whole and saved a dump" \
		sh -c "grep -q '^makedumpfile Completed' $QDIR/$n.kdump.log && grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' $QDIR/$n.kdump.log"
}

# kexec_cycle NAME KERNEL_LABEL: the first kernel through e820shim.efi with 160 reserve= ranges,
# then kexec -s -l and kexec -e; NAME.fw is the first kernel's /sys/firmware/memmap, NAME.new the
# next kernel's e820, both as the kernel prints e820, neighbouring RAM joined
kexec_cycle() {
	n=$1 k=$2
	esp=$QDIR/$n.esp
	rm -rf "$esp" && mkdir -p "$esp/EFI/BOOT"
	cp build/e820shim.efi "$esp/EFI/BOOT/BOOTX64.EFI"
	cp "$VMLINUZ" "$esp/vmlinuz"
	cp "$QDIR/first.gz" "$esp/first.gz"
	{
		printf 'kernel=\\vmlinuz\ninitrd=\\first.gz\ncmdline=console=ttyS0 quiet e820test=kexec-s-l\n'
		# Above the RAM (the shim keeps RAM whole): 4 KiB every 8 KiB from 4 GiB on
		i=0; while [ $i -lt 160 ]; do printf 'reserve=0x%x,0x1000\n' $((0x100000000 + i * 0x2000)); i=$((i + 1)); done
	} > "$esp/EFI/BOOT/e820shim.conf"
	boot_esp "$n" q35 1024 "$esp"
	sed '/===KEXECING/q' "$QDIR/$n.log" > "$QDIR/$n.first.log"
	sed '1,/===KEXECING/d' "$QDIR/$n.log" > "$QDIR/$n.next.log"
	section "$QDIR/$n.first.log" FIRMWARE-MEMMAP | fwmap_as_e820 | join_usable > "$QDIR/$n.fw"
	e820_of "$QDIR/$n.next.log" | sort | join_usable > "$QDIR/$n.new"
	if ! grep -q '===KEXECING' "$QDIR/$n.log"; then fate="never started: the first kernel did not reach kexec -e"
	elif grep -q '===AFTER-KEXEC-UP' "$QDIR/$n.next.log"; then fate="up"
	else fate="not up: $(first_panic "$QDIR/$n.next.log")"; fi
	echo "   $k $n: first kernel's firmware map: $(wc -l < "$QDIR/$n.fw") entries; next kernel $fate;" \
		"its e820: $(wc -l < "$QDIR/$n.new") entries, $(comm -23 "$QDIR/$n.fw" "$QDIR/$n.new" | wc -l) of the map's missing or changed;" \
		"MMCONFIG: $(mmconfig_line "$QDIR/$n.next.log" | grep . || echo 'no verdict printed')"
}

# cma_ranges LOG: the first kernel's crashkernel=,cma ranges (/sys/kernel/kexec_crash_cma_ranges)
# as e820 lines of RAM
cma_ranges() {
	sed -n 's/^kexec_crash_cma_ranges: //p' "$1" | tr ' ' '\n' | grep . |
		sed 's/^\([0-9a-f]*\)-\([0-9a-f]*\)$/\1 \2/' | while read -r a b; do
		printf '0x%016x 0x%016x usable\n' "0x$a" "0x$b"
	done
}

# test_base BASE: the cycles above on linux-source-BASE, unpatched and patched, then each patch
test_base() {
	base=$1 t1=$(date +%s)
	kernels=$(tools/kernel-build.sh "$base" 2> "$TOP/build-$base.err") ||
		{ no "$base: the kernels build: $(tail -1 "$TOP/build-$base.err")"; return; }
	# the unpatched kernel, then one per patch: the series up to it; the last is the whole series
	UNPATCHED=$(echo "$kernels" | sed -n 1p) PATCHED=$(echo "$kernels" | sed -n '$p')
	PREFIXES=$(echo "$kernels" | sed '1d;$d') N=$(($(echo "$kernels" | wc -l) - 1))
	echo "   $base: kernels built or cached in $(($(date +%s) - t1)) s: $UNPATCHED, ${PATCHED%/*}/bzImage-1..$N"
	for kind in patched unpatched; do     # not k: kdump() and kexec_cycle() set it
		QDIR=$TOP/$base/$kind K="$base $kind"
		# The unpatched kdump kernels may hang there: 120 s is three times a good cycle.
		if [ "$kind" = patched ]; then VMLINUZ=$PATCHED CYCLE_CPU=180; else VMLINUZ=$UNPATCHED CYCLE_CPU=120; fi
		guest_setup crash || continue
		kdump kdump-160 "$K" q35 "$MEMMAP_160 memmap=16M!400M"
		kdump kdump-pmem "$K" q35 "memmap=16M!400M"
		kdump kdump-160-pc "$K" pc "$MEMMAP_160"
		kexec_cycle kexec-160 "$K"
		kdump kdump-efi-kept "$K" q35 "$MEMMAP_EFI_KEPT"
		KDUMP_MODE=kexec-c kdump kdump-efi-kept-load "$K (kexec_load)" q35 "$MEMMAP_EFI_KEPT"
		for n in kdump-efi-kept kdump-efi-kept-load; do
			echo "   $K $n: $(grep -o '^===MAKEDUMPFILE rc=[0-9]*' "$QDIR/$n.kdump.log" ||
				echo 'no makedumpfile verdict printed') $(grep -o -m1 'Attempt to read non-existent page at 0x[0-9a-f]*' \
				"$QDIR/$n.kdump.log")"
		done
		KDUMP_MODE=kexec-c kdump kdump-load "$K (kexec_load)" q35
		echo "   $K kexec-160: the next kernel's physical KASLR: $(kaslr_word "$QDIR/kexec-160.next.log")"
		if carries "$base" "$OLD_RAM_PATCH"; then
			# 4 GiB on pc: 3 GiB of RAM below 4 GiB, more than the MMIO hole there
			KDUMP_MEM=4096 kdump kdump-gap4g-pc "$K" pc
			echo "   $K kdump-gap4g-pc: PCI gap: first kernel $(sed -n 's/^===PCI-GAP //p' "$QDIR/kdump-gap4g-pc.first.log" | window_bounds)," \
				"kdump kernel $(pci_gap "$QDIR/kdump-gap4g-pc.kdump.log" | window_bounds)"
		fi
		carries "$base" "$TYPES_PATCH" && kdump kdump-types "$K" q35 "$MEMMAP_TYPES"
		if kmem_case "$base"; then
			guest_opts --qemu "$KMEM_NUMA"
			# shellcheck disable=SC2086 # the shape's words
			KDUMP_MEM=2048 kdump kdump-kmem "$K" q35 $KMEM_SHAPE
			echo "   $K kdump-kmem: the kdump kernel onlined kmem: $(kmem_onlined "$QDIR/kdump-kmem.kdump.log" KDUMP-IOMEM && echo yes || echo no)"
		fi
		if configured "$base" CONFIG_CMA; then
			KDUMP_MEM=2048 kdump kdump-cma "$K" q35 crashkernel=128M,cma
			cma_ranges "$QDIR/kdump-cma.first.log" > "$QDIR/kdump-cma.cma"
			sort "$QDIR/kdump-cma.kdump.e820" | join_usable > "$QDIR/kdump-cma.kdump.joined"
			echo "   $K kdump-cma: CMA ranges $(tr '\n' ' ' < "$QDIR/kdump-cma.cma"); in the kdump kernel's e820 as RAM:" \
				"$(covered "$QDIR/kdump-cma.cma" "$QDIR/kdump-cma.kdump.joined" > /dev/null && echo yes || echo no)"
		fi
		if [ "$kind" = patched ]; then
			kdump_delivered kdump-160 ext
			kdump_delivered kdump-pmem
			kdump_delivered kdump-160-pc ext
			# pc has no EFI memory map: the decompressor picks its place from the zero page's 128
			# entries, where the kdump kernel's RAM now comes first
			check "$K kdump-160-pc: the kdump kernel kept physical KASLR" kaslr_kept "$QDIR/kdump-160-pc.kdump.log"
			for n in kdump-160 kdump-pmem; do
				check "$K $n: the persistent memory reached the kdump kernel as type 12" \
					grep -qx "$PMEM $PMEM_END persistent (type 12)" "$QDIR/$n.kdump.e820"
			done
			# The EFI fix (kernel/patches/efi/, every base): the first kernel's page tables stay
			# out of the boot logo's pages, so the dump holds them, whichever loader
			kdump_delivered kdump-efi-kept
			check "$K kdump-efi-kept-load: kexec-tools' kexec_load too: makedumpfile saved a dump" \
				grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' "$QDIR/kdump-efi-kept-load.kdump.log"
			# Physical KASLR under OVMF: held back (kernel/patches/README.md)
			if carries "$base" 'Use the e820 table when the EFI'; then
				for n in kdump-160 kdump-pmem kdump-load; do
					check "$K $n: the kdump kernel kept physical KASLR under OVMF" kaslr_kept "$QDIR/$n.kdump.log"
				done
				check "$K kexec-160: the next kernel kept physical KASLR under OVMF" kaslr_kept "$QDIR/kexec-160.next.log"
			else xfail "$K kdump-pmem: the kdump kernel kept physical KASLR under OVMF" "$HELD_KASLR" \
				kaslr_kept "$QDIR/kdump-pmem.kdump.log"; fi
			n=kexec-160
			check "$K $n: the first kernel's firmware map has more than 128 entries ($(wc -l < "$QDIR/$n.fw"))" \
				test "$(wc -l < "$QDIR/$n.fw")" -gt 128
			check "$K $n: kexec -s -l loaded" has "$n.first.log" "===LOADED rc=0 kexec_loaded=1"
			check "$K $n: kexec -e started the next kernel, which reached init" has "$n.next.log" "===AFTER-KEXEC-UP"
			check "$K $n: it read a SETUP_E820_EXT node (its 'extended:' table)" has "$n.next.log" "] extended: [mem "
			check "$K $n: its e820 is the first kernel's /sys/firmware/memmap" \
				sh -c "test -s $QDIR/$n.fw && cmp -s $QDIR/$n.fw $QDIR/$n.new"
			check "$K $n: it trusts MMCONFIG" mmconfig_trusted "$QDIR/$n.next.log"
			if carries "$base" "$OLD_RAM_PATCH"; then
				n=kdump-gap4g-pc
				kdump_delivered $n
				check "$K $n: the kdump kernel's PCI gap is the first kernel's" same_window "$n"
			fi
			carries "$base" "$TYPES_PATCH" && types_delivered kdump-types "$K"
			! kmem_case "$base" || kmem_delivered kdump-kmem
			if configured "$base" CONFIG_CMA; then
				kdump_delivered kdump-cma
				check "$K kdump-cma: the first kernel has a CMA crash range" test -s "$QDIR/kdump-cma.cma"
				check "$K kdump-cma: every CMA range is RAM in the kdump kernel's e820" \
					covered "$QDIR/kdump-cma.cma" "$QDIR/kdump-cma.kdump.joined"
			fi
		else
			# What the series fixes must be broken without it, or the test proves nothing; and the
			# first kernel must have crashed, or a kdump kernel that "never came up" proves nothing.
			split_ok kdump-160 && check "$K kdump-160: the kdump kernel loses first-kernel ranges (or never comes up)" sh -c \
				"! grep -q '===KDUMP-UP' $QDIR/kdump-160.kdump.log || [ \$(cat $QDIR/kdump-160.missing) -gt 0 ]"
			split_ok kdump-pmem && check "$K kdump-pmem: the kdump kernel came up without the persistent memory in its e820" sh -c \
				"grep -q '===KDUMP-UP' $QDIR/kdump-pmem.kdump.log && ! grep -q '^$PMEM ' $QDIR/kdump-pmem.kdump.e820"
			for n in kdump-pmem kdump-load; do
				split_ok $n && check "$K $n: the kdump kernel's decompressor said 'Physical KASLR disabled'" \
					grep -q 'Physical KASLR disabled' "$QDIR/$n.kdump.log"
			done
			check "$K kexec-160: the next kernel's e820 is not the firmware map" \
				sh -c "! cmp -s $QDIR/kexec-160.fw $QDIR/kexec-160.new"
			check "$K kexec-160: the next kernel's decompressor said 'Physical KASLR disabled'" \
				grep -q 'Physical KASLR disabled' "$QDIR/kexec-160.next.log"
			for n in kdump-efi-kept kdump-efi-kept-load; do
				split_ok $n && check "$K $n: makedumpfile cannot read a page of the first kernel" \
					grep -q 'Attempt to read non-existent page' "$QDIR/$n.kdump.log"
			done
			carries "$base" "$OLD_RAM_PATCH" && split_ok kdump-gap4g-pc &&
				check "$K kdump-gap4g-pc: the kdump kernel's PCI gap lies in the first kernel's RAM" gap_in_ram kdump-gap4g-pc
			carries "$base" "$TYPES_PATCH" && split_ok kdump-types && check "$K kdump-types: none of the $NTYPES re-typed ranges is in the kdump kernel's e820" \
				sh -c "! grep -q -e '$TYPES_RE' $QDIR/kdump-types.kdump.e820"
		fi
	done
	# Each patch builds (tools/kernel-build.sh built the series one patch at a time) and boots.
	i=0
	for img in $PREFIXES; do
		i=$((i + 1))
		QDIR=$TOP/$base/patch-$i VMLINUZ=$img
		guest_setup crash || continue
		if [ $i = 1 ]; then label="$base patch 1 of $N"; else label="$base patches 1-$i of $N"; fi
		CYCLE_CPU=180
		if [ $i = 1 ] && carries "$base" "RAM to its e820 first"; then     # it comes up past 128
			kdump kdump "$label:" q35 "$MEMMAP_160"
			split_ok kdump && check "$label: 160 ranges: the kdump kernel comes up and saves a dump" \
				sh -c "grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' $QDIR/kdump.kdump.log"
		elif carries "$base" "$TYPES_PATCH"; then     # patch 2 passes the types: so must every prefix from it
			kdump kdump "$label:" q35 "$MEMMAP_TYPES"
			types_delivered kdump "$label"
		else
			kdump kdump "$label:" q35
			split_ok kdump && check "$label: the kernel boots, loads with kexec -s -p, its kdump kernel saves a dump" \
				sh -c "grep -q '^===MAKEDUMPFILE rc=0 size=[1-9]' $QDIR/kdump.kdump.log"
		fi
		CYCLE_CPU=120        # a record: on 6.12 and 6.1, patch 1 alone still panics here
		kdump kdump-160-pc "$label:" pc "$MEMMAP_160"
	done
	echo "   $base took $(($(date +%s) - t1)) s"
}

TOP=$QDIR
mkdir -p "$TOP"
for base in $KERNEL_BASES; do test_base "$base"; done
echo "   make kernel-test took $(($(date +%s) - t0)) s"
done_tests
