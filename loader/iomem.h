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
#define IOMEM_MAX_UNKNOWN 64
/*
 * "Unknown E820 type": firmware types Linux has no name for (9, 16, 20 seen on real machines).
 * /proc/iomem does not say which number; Linux treats every such type as it treats Unusable
 * memory (busy, never RAM, IORES_DESC_NONE, a hole for no PCI window), so it is carried as that.
 */
#define NAME_UNKNOWN      "Unknown E820 type"
#define UNKNOWN_CARRIED_AS E820_TYPE_UNUSABLE

struct iomem_line {
	struct range r;
	uint32_t depth;                /* indentation / 2 */
	uint32_t type;                 /* e820 type its name stands for; 0: none (a device, ...) */
	int crash;                     /* "Crash kernel" */
	int mcfg;                      /* "PCI MMCONFIG ..." (6.12+: "PCI ECAM ..."): an MCFG window */
	int unknown;                   /* NAME_UNKNOWN: type is UNKNOWN_CARRIED_AS */
};

struct iomem_map {
	struct range crash[IOMEM_MAX_CRASH];
	uint32_t ncrash;
	struct range ram[IOMEM_MAX_RAM];        /* System RAM, merged */
	uint32_t nram;
	struct staged_range staged[STAGED_TABLE_MAX_RANGES];
	uint32_t nstaged;
	struct range unknown[IOMEM_MAX_UNKNOWN];    /* NAME_UNKNOWN ranges, staged as UNKNOWN_CARRIED_AS */
	uint32_t nunknown;
};

/* The NAME_UNKNOWN range of map that e (an entry of the kdump kernel's e820) lies in; NULL if none. */
const struct range *iomem_unknown_in(const struct iomem_map *map, struct range e);

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
