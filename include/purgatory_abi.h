/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ABI between the loaders (loader/, shim/, via bootproto/) and the purgatory.
 * Documented in docs/abi.md; every number here is part of the contract.
 * All structures are little-endian, naturally aligned, with no implicit padding.
 * This header is also run through cpp for the linker script: keep the
 * constants plain and the C under !__ASSEMBLER__.
 */
#ifndef PURGATORY_ABI_H
#define PURGATORY_ABI_H

/* --- Purgatory image (build/purgatory.bin), header at file offset 0 --- */
#define PURGATORY_IMAGE_MAGIC    0x59544750      /* "PGTY" */
#define PURGATORY_IMAGE_VERSION  1
#define PURGATORY_IMAGE_ALIGN    4096            /* load address alignment */

/* --- Parameter block, inside the image at params_offset --- */
#define PURGATORY_PARAMS_MAGIC   0x4d524150      /* "PARM" */
#define PURGATORY_PARAMS_VERSION 1
#define PURGATORY_MAX_REGIONS    16              /* = KEXEC_SEGMENT_MAX */
#define PURGATORY_SERIAL_OFF     0

/* --- Staged reserved-range table, a segment of its own --- */
#define STAGED_TABLE_MAGIC       0x54523245      /* "E2RT" */
#define STAGED_TABLE_VERSION     1
#define STAGED_TABLE_MAX_RANGES  4096            /* the purgatory's work area is sized for this */
#define STAGED_PHYS_LIMIT        (1ull << 52)    /* x86-64 MAXPHYADDR ceiling */

/* --- boot_params ("zero page") offsets and Linux boot-protocol numbers --- */
#define BP_E820_ENTRIES          0x1e8           /* u8 */
#define BP_SETUP_DATA            0x250           /* u64, hdr.setup_data */
#define BP_E820_TABLE            0x2d0           /* struct e820_entry[128] */
#define BP_E820_MAX              128
#define BP_SIZE                  4096
#define SETUP_E820_EXT           1
#define SETUP_DATA_HEADER_SIZE   16              /* next (u64), type (u32), len (u32) */
#define E820_ENTRY_SIZE          20              /* packed addr, size, type */

#define E820_TYPE_RAM            1
#define E820_TYPE_RESERVED       2
#define E820_TYPE_ACPI           3
#define E820_TYPE_NVS            4
#define E820_TYPE_UNUSABLE       5
#define E820_TYPE_PMEM           7
#define E820_TYPE_PRAM           12
#define E820_TYPE_SOFT_RESERVED  0xefffffffu

/* Bytes a spare SETUP_E820_EXT area needs to hold n entries. */
#define E820_EXT_AREA_SIZE(n)    (SETUP_DATA_HEADER_SIZE + (n) * E820_ENTRY_SIZE)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct purgatory_image_header {
	uint32_t magic;          /* PURGATORY_IMAGE_MAGIC */
	uint16_t version;        /* PURGATORY_IMAGE_VERSION */
	uint16_t header_size;    /* sizeof(struct purgatory_image_header) */
	uint32_t entry_offset;   /* 64-bit entry point, from the image start */
	uint32_t params_offset;  /* struct purgatory_params, from the image start */
	uint32_t params_size;    /* sizeof(struct purgatory_params) as built */
	uint32_t file_size;      /* bytes of build/purgatory.bin */
	uint32_t mem_size;       /* bytes to reserve at the load address; past file_size: zero */
	uint32_t reserved;       /* 0 */
};

/* A loaded segment and its SHA-256, checked before anything else runs. */
struct purgatory_region {
	uint64_t addr;
	uint64_t size;
	uint8_t  sha256[32];
};

struct purgatory_params {
	uint32_t magic;          /* PURGATORY_PARAMS_MAGIC: the loader filled this block */
	uint16_t version;        /* PURGATORY_PARAMS_VERSION */
	uint16_t size;           /* sizeof(struct purgatory_params) */
	uint64_t boot_params;    /* physical address of the kdump kernel's zero page */
	uint64_t kernel_entry;   /* its 64-bit entry: load address + 0x200 */
	uint64_t table_addr;     /* staged table segment; 0: none staged */
	uint64_t table_size;     /* bytes of that segment: the table must fit inside */
	uint64_t ext_addr;       /* spare area for one SETUP_E820_EXT node; 0: none */
	uint64_t ext_size;       /* its bytes; capacity = (size - 16) / 20 entries */
	uint16_t serial_port;    /* 8250 I/O port for the report; 0: silent */
	uint16_t reserved0;      /* 0 */
	uint32_t serial_baud;    /* e.g. 115200; 0: leave the UART as firmware set it */
	uint32_t region_count;   /* 1 .. PURGATORY_MAX_REGIONS */
	uint32_t reserved1;      /* 0 */
	struct purgatory_region regions[PURGATORY_MAX_REGIONS];
};

struct staged_table_header {
	uint32_t magic;          /* STAGED_TABLE_MAGIC */
	uint16_t version;        /* STAGED_TABLE_VERSION */
	uint16_t header_size;    /* >= sizeof(struct staged_table_header); entries follow */
	uint16_t entry_size;     /* >= sizeof(struct staged_range); stride between entries */
	uint16_t reserved;       /* 0 */
	uint32_t count;          /* number of entries */
};

/* One first-kernel range the kdump kernel must see as non-RAM. */
struct staged_range {
	uint64_t addr;
	uint64_t size;           /* > 0; addr + size <= STAGED_PHYS_LIMIT */
	uint32_t type;           /* e820 type; never 0 or E820_TYPE_RAM */
	uint32_t reserved;       /* 0 */
};

/* The boot protocol's packed e820 entry (zero page and SETUP_E820_EXT). */
struct e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

_Static_assert(sizeof(struct purgatory_image_header) == 32, "image header layout");
_Static_assert(sizeof(struct purgatory_region) == 48, "region layout");
_Static_assert(sizeof(struct purgatory_params) == 72 + 48 * PURGATORY_MAX_REGIONS, "params layout");
_Static_assert(sizeof(struct staged_table_header) == 16, "table header layout");
_Static_assert(sizeof(struct staged_range) == 24, "table entry layout");
_Static_assert(sizeof(struct e820_entry) == E820_ENTRY_SIZE, "e820 entry layout");
#endif /* !__ASSEMBLER__ */

#endif /* PURGATORY_ABI_H */
