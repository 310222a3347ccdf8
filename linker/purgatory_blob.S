/* SPDX-License-Identifier: GPL-2.0 */
/* build/purgatory.bin, embedded: the same bytes in e820shim.efi and kexec-e820. */
	.section .rodata, "a"
	.balign 4096
	.globl purgatory_blob, purgatory_blob_end
purgatory_blob:
	.incbin "purgatory.bin"
purgatory_blob_end:
	.section .note.GNU-stack, "", @progbits
