/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/iomem: parsed, then sorted into what kdump needs. Pure. */
#ifndef LOADER_IOMEM_H
#define LOADER_IOMEM_H
#include <stddef.h>
#include <stdint.h>

#include "bootproto/layout.h"
#include "include/purgatory_abi.h"

#define IOMEM_MAX_LINES   20000
#define IOMEM_MAX_CRASH   4        /* crashkernel=X and crashkernel=Y,low, with room */
#define IOMEM_MAX_RAM     1024
#define LOW_RAM_END       0xa0000ull   /* kexec-tools gives the kdump kernel RAM below 640 KiB */

struct iomem_line {
	struct range r;
	uint32_t depth;                /* indentation / 2 */
	uint32_t type;                 /* e820 type its name stands for; 0: none (a device, ...) */
	int crash;                     /* "Crash kernel" */
	int mcfg;                      /* "PCI MMCONFIG ..." (6.12+: "PCI ECAM ..."): an MCFG window */
};

struct iomem_map {
	struct range crash[IOMEM_MAX_CRASH];
	uint32_t ncrash;
	struct range ram[IOMEM_MAX_RAM];        /* System RAM, merged */
	uint32_t nram;
	struct staged_range staged[STAGED_TABLE_MAX_RANGES];
	uint32_t nstaged;
};

/* Sorted ranges, touching or overlapping ones joined, in place. Every last must be below
 * STAGED_PHYS_LIMIT (as iomem_read's are), so last + 1 cannot wrap. */
void iomem_merge(struct range *s, uint32_t *n);

/* e820 type of a resource name ("Reserved", "ACPI Tables", ...); 0 for other names. */
uint32_t iomem_type(const char *name, size_t len);

/*
 * Parse text into lines[0..*n), then fill map: crash regions, System RAM, and every
 * resource named after an e820 type (any depth: the MMCONFIG "Reserved" sits inside
 * "PCI MMCONFIG"). 0, or -1 with why naming the line or the limit.
 */
int iomem_read(const char *text, size_t len, struct iomem_line *lines, uint32_t cap, uint32_t *n,
	       struct iomem_map *map, char *why, size_t why_size);

#endif
