/* SPDX-License-Identifier: GPL-2.0 */
/* Validating a bzImage for the 64-bit boot protocol (Linux boot.rst). Pure. */
#ifndef LINKER_BZIMAGE_H
#define LINKER_BZIMAGE_H
#include <stddef.h>
#include <stdint.h>

#define BZ_MIN_VERSION       0x020c      /* xloadflags, 64-bit entry */
/* x86 kernels say 2047 (COMMAND_LINE_SIZE - 1); far above, no header field sizes a buffer past
 * what a loader can allocate, and every sum of it stays in 32 bits */
#define BZ_CMDLINE_SIZE_MAX (1u << 20)
#define BZ_PM_ENTRY_OFFSET   0x200       /* 64-bit entry from the protected-mode load address */
#define XLF_KERNEL_64              0x01
#define XLF_CAN_BE_LOADED_ABOVE_4G 0x02  /* kernel, zero page, command line and initrd */

struct bzimage {
	const uint8_t *file;
	uint64_t file_size;
	uint64_t pm_offset;          /* protected-mode code in the file */
	uint64_t pm_size;
	uint32_t setup_header_end;   /* copy file[0x1f1, end) into boot_params */
	uint16_t version;
	uint16_t xloadflags;
	uint64_t pref_address;
	uint32_t kernel_alignment;
	uint32_t init_size;          /* bytes the kernel needs from its load address */
	uint32_t cmdline_size;       /* longest command line, without the NUL */
	uint32_t initrd_addr_max;    /* last byte an initrd may occupy */
};

/* 0 and *bz filled, or -1 and why[] holds one line naming what is wrong. */
int bzimage_parse(const void *file, uint64_t size, struct bzimage *bz, char *why, size_t why_size);

#endif
