/* SPDX-License-Identifier: GPL-2.0 */
/* build/purgatory.bin, embedded: the same bytes in e820shim.efi and kexec-e820. */
	.section .rodata, "a"
	.balign 4096
	.globl purgatory_blob, purgatory_blob_size
purgatory_blob:
	.incbin "purgatory.bin"
1:
	.balign 8
/* The assembler knows the size; C may not subtract two distinct objects' addresses. */
purgatory_blob_size:
	.quad 1b - purgatory_blob
	.section .note.GNU-stack, "", @progbits
