// SPDX-License-Identifier: GPL-2.0
/* The checks Linux's boot.rst asks of a 64-bit loader, in the order a truncated file fails them. */
#include <stdio.h>
#include <string.h>

#include "bzimage.h"

#define OFF_SETUP_SECTS     0x1f1
#define OFF_SYSSIZE         0x1f4       /* protected-mode size in 16-byte units */
#define OFF_BOOT_FLAG       0x1fe
#define OFF_JUMP            0x200
#define OFF_HEADER          0x202
#define OFF_VERSION         0x206
#define OFF_LOADFLAGS       0x211
#define OFF_INITRD_MAX      0x22c
#define OFF_KERNEL_ALIGN    0x230
#define OFF_RELOCATABLE     0x234
#define OFF_XLOADFLAGS      0x236
#define OFF_CMDLINE_SIZE    0x238
#define OFF_PREF_ADDRESS    0x258
#define OFF_INIT_SIZE       0x260
#define SETUP_HEADER_MIN    0x268       /* everything read here, as of protocol 2.10 */
#define BOOT_FLAG           0xaa55
#define HDRS                0x53726448  /* "HdrS" */
#define LOADED_HIGH         0x01
#define SECTOR              512
#define DEFAULT_SETUP_SECTS 4

static uint32_t get(const uint8_t *f, unsigned off, unsigned n)
{
	uint32_t v = 0;

	while (n--)
		v = v << 8 | f[off + n];
	return v;
}

#define FAIL(...) do { snprintf(why, why_size, __VA_ARGS__); return -1; } while (0)

int bzimage_parse(const void *file, uint64_t size, struct bzimage *bz, char *why, size_t why_size)
{
	const uint8_t *f = file;
	uint32_t sects;

	if (size < SETUP_HEADER_MIN)
		FAIL("not a bzImage: %llu bytes, too short for a setup header", (unsigned long long)size);
	if (get(f, OFF_BOOT_FLAG, 2) != BOOT_FLAG || get(f, OFF_HEADER, 4) != HDRS)
		FAIL("not a bzImage: no 0xAA55 boot flag and HdrS signature");
	memset(bz, 0, sizeof(*bz));
	bz->file = f;
	bz->file_size = size;
	bz->version = get(f, OFF_VERSION, 2);
	if (bz->version < BZ_MIN_VERSION)
		FAIL("boot protocol %u.%02u is too old: 64-bit entry needs 2.12",
		     (unsigned)(bz->version >> 8), (unsigned)(bz->version & 0xff));
	if (!(f[OFF_LOADFLAGS] & LOADED_HIGH))
		FAIL("not a bzImage: a zImage loaded low");
	bz->xloadflags = get(f, OFF_XLOADFLAGS, 2);
	if (!(bz->xloadflags & XLF_KERNEL_64))
		FAIL("kernel has no 64-bit entry point (xloadflags 0x%x)", bz->xloadflags);
	if (!f[OFF_RELOCATABLE])
		FAIL("kernel is not relocatable (CONFIG_RELOCATABLE=n)");
	bz->setup_header_end = OFF_JUMP + 2 + f[OFF_JUMP + 1];
	if (bz->setup_header_end < SETUP_HEADER_MIN)
		FAIL("setup header ends at 0x%x, before its own fields", bz->setup_header_end);
	sects = f[OFF_SETUP_SECTS] ? f[OFF_SETUP_SECTS] : DEFAULT_SETUP_SECTS;
	bz->pm_offset = (uint64_t)(sects + 1) * SECTOR;
	if (bz->pm_offset >= size)
		FAIL("truncated: %llu bytes, setup alone takes %llu",
		     (unsigned long long)size, (unsigned long long)bz->pm_offset);
	bz->pm_size = size - bz->pm_offset;
	if (bz->pm_size < (uint64_t)get(f, OFF_SYSSIZE, 4) * 16)
		FAIL("truncated: kernel has %llu of its %llu bytes", (unsigned long long)bz->pm_size,
		     (unsigned long long)get(f, OFF_SYSSIZE, 4) * 16);
	bz->initrd_addr_max = get(f, OFF_INITRD_MAX, 4);
	bz->kernel_alignment = get(f, OFF_KERNEL_ALIGN, 4);
	bz->cmdline_size = get(f, OFF_CMDLINE_SIZE, 4);
	bz->pref_address = (uint64_t)get(f, OFF_PREF_ADDRESS + 4, 4) << 32 | get(f, OFF_PREF_ADDRESS, 4);
	bz->init_size = get(f, OFF_INIT_SIZE, 4);
	if (bz->cmdline_size > BZ_CMDLINE_SIZE_MAX)
		FAIL("cmdline_size 0x%x is more than any kernel takes (at most 0x%x)", bz->cmdline_size,
		     BZ_CMDLINE_SIZE_MAX);
	if (!bz->kernel_alignment || (bz->kernel_alignment & (bz->kernel_alignment - 1)))
		FAIL("kernel_alignment 0x%x is not a power of two", bz->kernel_alignment);
	if (bz->init_size < bz->pm_size)
		FAIL("init_size 0x%x is smaller than the kernel's %llu bytes",
		     bz->init_size, (unsigned long long)bz->pm_size);
	return 0;
}
