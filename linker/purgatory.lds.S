/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The purgatory image: one flat, position-independent blob with the header
 * of include/purgatory_abi.h at offset 0. Linked at 0 so every symbol value
 * is an offset; linker/mkimage.sh then proves it needs no relocation.
 * Run through cpp with the ABI header: the constants exist once.
 */
#include "include/purgatory_abi.h"

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(purgatory_start)

SECTIONS
{
	. = 0;
	__image_start = .;
	.header : {
		LONG(PURGATORY_IMAGE_MAGIC)
		SHORT(PURGATORY_IMAGE_VERSION)
		SHORT(__header_end - __image_start)
		LONG(purgatory_start - __image_start)
		LONG(purgatory_params - __image_start)
		LONG(SIZEOF(.params))
		LONG(__file_end - __image_start)
		LONG(__mem_end - __image_start)
		LONG(0)
		__header_end = .;
	}
	.params : ALIGN(16) { KEEP(*(.params)) }
	/*
	 * Only the SHA-NI file may hold SIMD code; mkimage.sh checks every other byte of .text.
	 * This rule comes first: the first rule matching an input section takes it, and .text.*
	 * below would otherwise swallow .text.simd.
	 */
	.text.simd : ALIGN(16) { *(.text.simd) }
	.text : ALIGN(16) { *(.text.entry) *(.text .text.*) }
	.rodata : ALIGN(16) { *(.rodata .rodata.*) }
	.data : ALIGN(16) { *(.data .data.*) }

	/* Present only if something needs them; then the link fails below. */
	.got : { *(.got) *(.igot.*) }
	.got.plt : { *(.got.plt) *(.igot.plt) }
	.plt : { *(.plt) *(.plt.*) *(.iplt) }
	.rela.dyn : { *(.rela.*) }
	__file_end = .;         /* objcopy -O binary ends at the last loaded byte */

	.bss (NOLOAD) : ALIGN(16) { *(.bss .bss.*) *(COMMON) }
	. = ALIGN(16);
	__mem_end = .;

	/DISCARD/ : {
		*(.note.*) *(.comment) *(.eh_frame) *(.eh_frame_hdr)
		*(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash) *(.interp)
	}
}

ASSERT(SIZEOF(.header) == 32, "purgatory: image header is not 32 bytes")
ASSERT(SIZEOF(.got) == 0, "purgatory: GOT entries: a symbol is not hidden or not defined")
ASSERT(SIZEOF(.got.plt) == 0, "purgatory: PLT GOT entries")
ASSERT(SIZEOF(.plt) == 0, "purgatory: PLT entries")
ASSERT(SIZEOF(.rela.dyn) == 0, "purgatory: run-time relocations")
ASSERT(__image_start == 0, "purgatory: must be linked at 0")
