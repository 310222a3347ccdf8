/* SPDX-License-Identifier: GPL-2.0 */
/* Every segment of a crash load, composed from bootproto/ pieces. Pure (allocates, no I/O). */
#ifndef LOADER_PLAN_H
#define LOADER_PLAN_H
#include <stddef.h>
#include <stdint.h>

#include "bootproto/assemble.h"
#include "bootproto/bzimage.h"
#include "elfcore.h"
#include "iomem.h"
#include "oldram.h"

#define ELFCOREHDR_ARG " elfcorehdr=%lluK"
/* --print-e820's source of an entry that holds the first kernel's RAM (oldram.h) */
#define PLAN_OLD_RAM_SOURCE "the first kernel's RAM (loader): no PCI window there"

/*
 * Placed in this order: the core headers first, at the top, so the kdump RAM they split is
 * stable; then bootproto/'s boot segments (boot_segment_items) in their own order.
 */
enum { SEG_ELFCORE, SEG_KERNEL, SEG_INITRD, SEG_BOOT, SEG_PURGATORY, SEG_TABLE, SEG_EXT, SEG_COUNT };
_Static_assert(SEG_INITRD - SEG_KERNEL == BOOT_SEG_INITRD && SEG_BOOT - SEG_KERNEL == BOOT_SEG_PARAMS &&
	       SEG_PURGATORY - SEG_KERNEL == BOOT_SEG_PURGATORY && SEG_TABLE - SEG_KERNEL == BOOT_SEG_TABLE &&
	       SEG_EXT - SEG_KERNEL == BOOT_SEG_EXT && SEG_COUNT - SEG_KERNEL == BOOT_SEGS,
	       "loader segments follow bootproto/'s boot segments");

struct plan_input {
	const struct bzimage *bz;
	const void *initrd;
	uint64_t initrd_size;          /* 0: no initrd */
	const char *cmdline;           /* what the user asked for; elfcorehdr= is added */
	const struct iomem_map *map;
	const struct range *dump;      /* what the core headers cover (dumpram.h); NULL: map's System RAM */
	uint32_t ndump;
	uint64_t dump_kept;            /* bytes of dump that iomem calls Reserved */
	const struct elf_note_src *notes;
	uint32_t nnotes;
	uint64_t page_offset;          /* for PT_LOAD p_vaddr */
	uint64_t acpi_rsdp;            /* 0: unknown */
	uint16_t serial_port;
	uint32_t serial_baud;
	const void *purgatory;
	uint64_t purgatory_size;
};

struct plan_segment {
	const char *name;
	const void *buf;               /* NULL with bufsz 0: memory the kernel zero-fills */
	uint64_t bufsz;
	uint64_t mem, memsz;           /* page-aligned, inside a crash region */
};

struct plan {
	struct plan_segment seg[SEG_COUNT];
	uint64_t entry;                /* the purgatory's entry: kexec_load's entry */
	struct e820_entry ram[BP_E820_MAX];  /* the kdump kernel's RAM: the zero page before the purgatory */
	uint32_t nram;
	struct range old_ram[OLDRAM_MAX];    /* the first kernel's RAM in the zero page as reserved (oldram.h) */
	uint32_t nold_ram;
	uint32_t nload;                /* PT_LOADs in the core headers */
	const struct range *loads;     /* their ranges: what the dump holds */
	uint64_t dump_kept;            /* bytes of them that iomem calls Reserved: kept EFI memory */
	char *cmdline;
	void *owned[5];                /* buffers plan_free releases */
};

int plan_build(const struct plan_input *in, struct plan *p, char *why, size_t why_size);
void plan_free(struct plan *p);

#endif
