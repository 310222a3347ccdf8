#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The image checks in linker/mkimage.sh must fail the build when broken: link the
# real purgatory objects plus one deliberately bad object, expect the named error.
set -u
# The objects in the order the Makefile links them, so the good link must reproduce the image.
objs=${PURG_OBJS:?run from make unit}
lds=build/purgatory.lds
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests

# bad NAME WORDS SUFFIX < source: builds source into an object, links, expects WORDS in the error.
bad() {
	name=$1 words=$2 suffix=$3 flags=${4:-}
	cat > "$dir/$name.$suffix"
	# shellcheck disable=SC2086
	gcc -c -fpie $flags -o "$dir/$name.o" "$dir/$name.$suffix" || { no "$name: did not build"; return; }
	# shellcheck disable=SC2086
	err=$(linker/mkimage.sh "$dir/$name.bin" "$lds" $objs "$dir/$name.o" 2>&1); rc=$?
	if [ $rc -ne 0 ] && echo "$err" | grep -q -- "$words" && [ ! -e "$dir/$name.bin" ]; then
		ok "$name: $(echo "$err" | grep -- "$words" | head -1)"
	else
		no "$name: rc=$rc, wanted '$words', got: $err"
	fi
}

# shellcheck disable=SC2086
if linker/mkimage.sh "$dir/good.bin" "$lds" $objs && cmp -s "$dir/good.bin" build/purgatory.bin; then
	ok "the real objects link to build/purgatory.bin"
else
	no "the real objects do not link"
fi

bad abs64 "absolute relocation R_X86_64_64 in .rela.data" S <<'A'
	.data
	.quad purgatory_start
A
bad abs32 "absolute relocation R_X86_64_32" S <<'A'
	.text
	movl $purgatory_start, %eax
A
bad undefined "undefined reference to .no_such_function" S <<'A'
	.text
	call no_such_function
A
bad weak "undefined or weak symbol(s): maybe_there" S <<'A'
	.weak maybe_there
	.text
	lea maybe_there(%rip), %rax
A
bad sse "SIMD/x87 register outside .text.simd" S <<'A'
	.text
	pxor %xmm0, %xmm0
A
bad avx "SIMD/x87 register outside .text.simd" S <<'A'
	.text
	vpxor %ymm1, %ymm1, %ymm1
A
bad orphan "unplaced orphan section .\.ltext" S <<'A'
	.section .ltext, "ax"
	nop
A
# C built without the purgatory's flags: the compiler's own surprises.
bad float_c "SIMD/x87 register outside .text.simd" c -O2 <<'A'
double twice(double x) { return 2 * x; }
A
bad stack_protector_c "__stack_chk_fail" c "-O2 -fstack-protector-all" <<'A'
void fill(char *p);
int f(void) { char buf[64]; fill(buf); return buf[3]; }
void fill(char *p) { p[3] = 1; }
A
done_tests
