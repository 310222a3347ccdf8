/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entered in 64-bit mode on an identity map, from relocate_kernel (CS from
 * the dying kernel) or from the EFI shim (CS=0x38 in OVMF). Neither GDT is
 * one the kernel's entry expects (0x10 code, 0x18 data), and neither stack
 * is ours to use, so both are replaced before any C runs.
 */
	.code64
	.section .text.entry, "ax"
	.globl purgatory_start
purgatory_start:
	cli
	cld
	lea	stack_top(%rip), %rsp
	/* lgdt takes an absolute base: patch it in, the image runs where it was loaded. */
	lea	gdt(%rip), %rax
	mov	%rax, gdt_desc + 2(%rip)
	lgdt	gdt_desc(%rip)
	lea	1f(%rip), %rax
	pushq	$0x10
	pushq	%rax
	lretq
1:	mov	$0x18, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs
	call	purgatory_main
	/* fall through: purgatory_main returns only when it must not boot */

	.globl purgatory_halt
purgatory_halt:
	cli
2:	hlt
	jmp	2b

/* void jump_to_kernel(uint64_t entry, uint64_t boot_params): %rsi is already boot_params. */
	.globl jump_to_kernel
jump_to_kernel:
	mov	%rdi, %rax
	xor	%ebx, %ebx
	xor	%ecx, %ecx
	xor	%edx, %edx
	xor	%edi, %edi
	xor	%ebp, %ebp
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	jmp	*%rax

	.section .data
	.balign 16
gdt:
	.quad	0
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x10: flat 64-bit code */
	.quad	0x00cf92000000ffff	/* 0x18: flat data */
gdt_end:
gdt_desc:
	.word	gdt_end - gdt - 1
	.quad	0			/* base, set at run time */

	.section .bss
	.balign 16
	.skip	16384
stack_top:

	.section .note.GNU-stack, "", @progbits
