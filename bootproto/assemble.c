// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "assemble.h"
#include "purgatory/sha256.h"

#define BP_ACPI_RSDP        0x070
#define BP_EXT_RAMDISK      0x0c0
#define BP_EXT_RAMDISK_SIZE 0x0c4
#define BP_EXT_CMD_LINE     0x0c8
#define BP_EFI_INFO         0x1c0
#define BP_SETUP_HEADER     0x1f1
#define BP_VID_MODE         0x1fa
#define BP_TYPE_OF_LOADER   0x210
#define BP_RAMDISK_IMAGE    0x218
#define BP_RAMDISK_SIZE     0x21c
#define BP_CMD_LINE_PTR     0x228
#define VID_MODE_NORMAL     0xffff
#define EFI_LOADER_EL64     0x34364c45  /* "EL64" */

static void put(uint8_t *bp, unsigned off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		bp[off + i] = (uint8_t)(v >> (8 * i));
}

void boot_segment_items(struct layout_item it[BOOT_SEGS], const struct bzimage *bz, uint64_t initrd_size,
			uint64_t purgatory_mem, uint64_t table_size, uint64_t ext_size)
{
	struct layout_item *k = &it[BOOT_SEG_KERNEL], *r = &it[BOOT_SEG_INITRD];
	uint64_t below_4g = bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G ? 0 : 1ull << 32;
	uint64_t initrd_max = (uint64_t)bz->initrd_addr_max + 1;

	*k = (struct layout_item){ .name = "kernel", .size = boot_seg_round(bz->init_size),
				   .align = bz->kernel_alignment, .min = bz->pref_address, .max_end = below_4g };
	/* Below initrd_addr_max if it fits (as the EFI stub does), else above if the kernel allows. */
	*r = (struct layout_item){ .name = "initrd", .size = boot_seg_round(initrd_size ? initrd_size : 1),
				   .align = BOOT_SEG_ALIGN, .highest = 1, .soft_max_end = initrd_max,
				   .max_end = below_4g ? initrd_max : 0 };
	it[BOOT_SEG_PARAMS] = (struct layout_item){ .name = "boot_params", .align = BOOT_SEG_ALIGN,
						    .size = boot_seg_round(BP_SIZE + (uint64_t)bz->cmdline_size + 1),
						    .max_end = below_4g };
	it[BOOT_SEG_PURGATORY] = (struct layout_item){ .name = "purgatory", .size = boot_seg_round(purgatory_mem),
						       .align = PURGATORY_IMAGE_ALIGN };
	it[BOOT_SEG_TABLE] = (struct layout_item){ .name = "table", .size = boot_seg_round(table_size),
						   .align = BOOT_SEG_ALIGN };
	it[BOOT_SEG_EXT] = (struct layout_item){ .name = "SETUP_E820_EXT area", .size = boot_seg_round(ext_size),
						 .align = BOOT_SEG_ALIGN };
}

void bootparams_fill(uint8_t bp[BP_SIZE], const struct bzimage *bz, uint64_t cmdline_addr,
		     uint64_t initrd_addr, uint64_t initrd_size,
		     const struct e820_entry *ram, uint32_t nram)
{
	memset(bp, 0, BP_SIZE);
	memcpy(bp + BP_SETUP_HEADER, bz->file + BP_SETUP_HEADER, bz->setup_header_end - BP_SETUP_HEADER);
	put(bp, BP_VID_MODE, VID_MODE_NORMAL, 2);
	bp[BP_TYPE_OF_LOADER] = LOADER_TYPE_UNDEFINED;
	put(bp, BP_CMD_LINE_PTR, cmdline_addr, 4);
	put(bp, BP_EXT_CMD_LINE, cmdline_addr >> 32, 4);
	put(bp, BP_RAMDISK_IMAGE, initrd_addr, 4);
	put(bp, BP_EXT_RAMDISK, initrd_addr >> 32, 4);
	put(bp, BP_RAMDISK_SIZE, initrd_size, 4);
	put(bp, BP_EXT_RAMDISK_SIZE, initrd_size >> 32, 4);
	if (nram)
		memcpy(bp + BP_E820_TABLE, ram, nram * sizeof(*ram));
	bp[BP_E820_ENTRIES] = (uint8_t)nram;
}

void bootparams_set_acpi_rsdp(uint8_t bp[BP_SIZE], uint64_t rsdp)
{
	put(bp, BP_ACPI_RSDP, rsdp, 8);
}

/* struct efi_info: signature, systab, desc_size, desc_version, memmap, memmap_size, systab_hi, memmap_hi */
void bootparams_set_efi(uint8_t bp[BP_SIZE], uint64_t systab, uint64_t memmap, uint32_t memmap_size,
			uint32_t desc_size, uint32_t desc_version)
{
	put(bp, BP_EFI_INFO + 0, EFI_LOADER_EL64, 4);
	put(bp, BP_EFI_INFO + 4, systab, 4);
	put(bp, BP_EFI_INFO + 8, desc_size, 4);
	put(bp, BP_EFI_INFO + 12, desc_version, 4);
	put(bp, BP_EFI_INFO + 16, memmap, 4);
	put(bp, BP_EFI_INFO + 20, memmap_size, 4);
	put(bp, BP_EFI_INFO + 24, systab >> 32, 4);
	put(bp, BP_EFI_INFO + 28, memmap >> 32, 4);
}

int purgatory_image_check(const void *image, uint64_t size, struct purgatory_image_header *h,
			  char *why, size_t why_size)
{
	if (size < sizeof(*h)) {
		snprintf(why, why_size, "purgatory image: %llu bytes, no header", (unsigned long long)size);
		return -1;
	}
	memcpy(h, image, sizeof(*h));
	if (h->magic != PURGATORY_IMAGE_MAGIC || h->version != PURGATORY_IMAGE_VERSION ||
	    h->header_size != sizeof(*h) || h->params_size != sizeof(struct purgatory_params) ||
	    h->file_size != size || h->mem_size < size || h->entry_offset >= size ||
	    h->params_offset > size - sizeof(struct purgatory_params)) {
		snprintf(why, why_size, "purgatory image: header does not match this loader's ABI");
		return -1;
	}
	return 0;
}

int purgatory_fill(uint8_t *image, uint64_t size, const struct purgatory_setup *s,
		   const struct segment *seg, uint32_t nseg, char *why, size_t why_size)
{
	struct purgatory_image_header h;
	struct purgatory_params p = {
		.magic = PURGATORY_PARAMS_MAGIC, .version = PURGATORY_PARAMS_VERSION, .size = sizeof(p),
		.boot_params = s->boot_params, .kernel_entry = s->kernel_entry,
		.table_addr = s->table_addr, .table_size = s->table_size,
		.ext_addr = s->ext_addr, .ext_size = s->ext_size,
		.serial_port = s->serial_port, .serial_baud = s->serial_baud, .region_count = nseg,
	};

	if (purgatory_image_check(image, size, &h, why, why_size))
		return -1;
	if (nseg == 0 || nseg > PURGATORY_MAX_REGIONS) {
		snprintf(why, why_size, "%u segments to hash, the purgatory takes 1 to %u", nseg,
			 (unsigned)PURGATORY_MAX_REGIONS);
		return -1;
	}
	for (uint32_t i = 0; i < nseg; i++) {
		p.regions[i].addr = seg[i].addr;
		p.regions[i].size = seg[i].size;
		sha256(seg[i].data, seg[i].size, p.regions[i].sha256);
	}
	memcpy(image + h.params_offset, &p, sizeof(p));
	return 0;
}
