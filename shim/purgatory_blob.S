/* SPDX-License-Identifier: GPL-2.0 */
/* The same build/purgatory.bin the Linux loader embeds. */
	.section .rodata, "a"
	.balign 4096
	.globl purgatory_blob, purgatory_blob_end
purgatory_blob:
	.incbin "purgatory.bin"
purgatory_blob_end:
	.section .note.GNU-stack, "", @progbits
