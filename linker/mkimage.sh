#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkimage.sh OUT.bin LDS OBJ...: link the purgatory and prove the image is
# what a loader can copy anywhere and run: no relocations, no undefined or
# weak symbols, no SIMD outside .text.simd, header consistent with the file.
# Every check fails the build with one line naming what it found.
set -eu
out=$1 lds=$2
shift 2
elf=${out%.bin}.elf
: "${LD:=ld}" "${OBJCOPY:=objcopy}" "${OBJDUMP:=objdump}" "${NM:=nm}" "${READELF:=readelf}"

die() { echo "mkimage: $*" >&2; rm -f "$out" "$elf"; exit 1; }

# Static link at 0 with --emit-relocs: the relocations stay visible for the check below.
# --orphan-handling=error: a section the script does not place (.ltext, .text.hot from a
# new compiler) is a surprise, not something to put somewhere by default.
# One RWX segment is intended: the image patches its own GDT descriptor and keeps its
# data beside its code; no loader maps it with permissions.
$LD -nostdlib -static -T "$lds" --emit-relocs --orphan-handling=error \
	-z noexecstack -z max-page-size=4096 --build-id=none \
	--no-warn-rwx-segments -o "$elf" "$@" || die "link failed"

undef=$($NM "$elf" | awk '$1 ~ /^[UwvV]$/ { print $2 } $2 ~ /^[UwvV]$/ { print $3 }')
[ -z "$undef" ] || die "undefined or weak symbol(s): $(echo "$undef" | tr '\n' ' ')"

# PC-relative relocations are resolved at link time and hold at any load address;
# anything else bakes in the link address 0.
bad=$($READELF -rW "$elf" | awk '
	/^Relocation section/ { sec = $3; gsub("\047", "", sec); next }
	sec ~ /^\.rela\.debug/ { next }
	$3 ~ /^R_X86_64_/ && $3 !~ /^R_X86_64_(PC32|PLT32|PC64|NONE)$/ { print $3 " in " sec " against " $5; exit }')
[ -z "$bad" ] || die "absolute relocation $bad: the image must run at any address"

simd=$($OBJDUMP -d --no-show-raw-insn -j .text "$elf" | grep -E '%([xyz]mm[0-9]|mm[0-7]|st\b|st\()' | head -1 || true)
[ -z "$simd" ] || die "SIMD/x87 register outside .text.simd:$simd"

$OBJCOPY -O binary -R .bss "$elf" "$out" || die "objcopy failed"
# header: magic, version, header_size, entry, params, params_size, file_size, mem_size
# shellcheck disable=SC2046 # od's words, split on purpose
set -- $(od -An -tu4 -N32 -v "$out")
magic=$1 entry=$3 params=$4 file_size=$6 mem_size=$7
want=$(sed -n 's/^#define PURGATORY_IMAGE_MAGIC *\(0x[0-9a-f]*\).*/\1/p' "$(dirname "$0")/../include/purgatory_abi.h")
[ "$magic" = "$(printf '%u' "$want")" ] || die "no image magic at offset 0"
size=$(wc -c < "$out")
[ "$size" = "$file_size" ] || die "file is $size bytes, header says $file_size"
{ [ "$entry" -lt "$file_size" ] && [ "$params" -lt "$file_size" ]; } || die "entry or params outside the file"
[ "$mem_size" -ge "$file_size" ] || die "mem_size $mem_size below file_size $file_size"
exit 0
