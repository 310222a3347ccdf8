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
#define IOMEM_PAGE        4096ull  /* the crash regions are whole pages (crashkernel= reserves so) */
/*
 * "Unknown E820 type": firmware types Linux has no name for (9, 16, 20 seen on real machines).
 * /proc/iomem does not say which number; Linux treats every such type as it treats Unusable
 * memory (busy, never RAM, IORES_DESC_NONE, a hole for no PCI window), so it is carried as that.
 */
#define NAME_UNKNOWN      "Unknown E820 type"
#define UNKNOWN_CARRIED_AS E820_TYPE_UNUSABLE
/*
 * Memory the kdump kernel could bring online as its own RAM, over pages the dump is about to
 * read: Soft Reserved (dax_hmem and kmem online it; Debian's 6.12 does by default), persistent
 * memory the first kernel onlined as "System RAM (kmem)", and driver-managed RAM in no e820
 * range. Each goes to the kdump kernel as this: busy, never RAM, never soft reserved.
 */
#define ONLINABLE_CARRIED_AS E820_TYPE_RESERVED
/*
 * And what keeps such memory offline where e820 cannot say (a CXL region the kdump kernel's own
 * drivers assemble from the ACPI CEDT): hot-added memory is left offline, kmem's included
 * (measured on 6.12: its two blocks stay offline). Added to the kdump command line of a
 * machine with any of it, unless the caller's line sets memhp_default_state itself.
 */
#define KDUMP_OFFLINE_ARG  "memhp_default_state=offline"
#define IOMEM_MAX_NOTES   256

struct iomem_line {
	struct range r;
	uint32_t depth;                /* indentation / 2 */
	uint32_t type;                 /* e820 type its name stands for; 0: none (a device, ...) */
	int crash;                     /* "Crash kernel" */
	int mcfg;                      /* "PCI MMCONFIG ..." (6.12+: "PCI ECAM ..."): an MCFG window */
	int unknown;                   /* NAME_UNKNOWN: type is UNKNOWN_CARRIED_AS */
	int cxl;                       /* "CXL Window N": a CXL memory window (ACPI CFMWS) */
	int managed;                   /* "System RAM (kmem)", "(virtio_mem)"...: driver-managed RAM;
					* type is E820_TYPE_RAM, as IORESOURCE_SYSTEM_RAM is set on both */
};

/* A range of the kdump kernel's e820 whose type is not the first kernel's own, and why. */
struct iomem_note {
	struct range r;
	uint32_t type;                 /* what the kdump kernel gets */
	const char *what;              /* the first kernel's word for it */
	const char *why;               /* why it is carried so */
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
	struct range managed[IOMEM_MAX_RAM];        /* driver-managed RAM: also in ram (it is dumped) */
	uint32_t nmanaged;
	/* ranges no e820-named line gives (driver-managed RAM in none, fwmap.h): also in staged */
	struct iomem_extra { struct range r; uint32_t type; } extra[IOMEM_MAX_NOTES];
	uint32_t nextra;
	struct iomem_note notes[IOMEM_MAX_NOTES];   /* every range carried as another type */
	uint32_t nnotes;
	int onlinable;                 /* soft reserved, driver-managed RAM or a CXL window: memory a
					* kdump kernel's drivers could online (KDUMP_OFFLINE_ARG) */
};

/* The note on an entry e of type type in the kdump kernel's e820; NULL when it is the first kernel's own. */
const struct iomem_note *iomem_note_on(const struct iomem_map *map, struct range e, uint32_t type);

/*
 * Where entry e (of type type) of the kdump kernel's e820 is not what the first kernel called
 * it (NAME_UNKNOWN, Soft Reserved...): what it called it and why it is carried so, as
 * ", first kernel: WHAT WHY" or, json, as two more members; "" otherwise.
 */
/* The same parts: the first kernel's word (NULL when type's own), and *why. */
const char *iomem_first_word(const struct iomem_map *map, struct range e, uint32_t type, const char **why);
void iomem_note_text(const struct iomem_map *map, struct range e, uint32_t type, int json, char *buf, size_t size);

/*
 * The type an e820-named line l goes to the kdump kernel as (ONLINABLE_CARRIED_AS for soft
 * reserved, and for persistent memory with driver-managed RAM in it), its own otherwise.
 */
uint32_t iomem_carried_type(const struct iomem_map *map, const struct iomem_line *l);

/* The NAME_UNKNOWN range of map that e (an entry of the kdump kernel's e820) lies in; NULL if none. */
const struct range *iomem_unknown_in(const struct iomem_map *map, struct range e);

/* Sorted ranges, touching or overlapping ones joined, in place. Every last must be below
 * STAGED_PHYS_LIMIT (as iomem_read's are), so last + 1 cannot wrap. */
void iomem_merge(struct range *s, uint32_t *n);

/* The pieces of r that no range of cover (sorted, disjoint) holds, at most cap of them; their
 * count (cap: maybe more). */
uint32_t iomem_uncovered(struct range r, const struct range *cover, uint32_t n, struct range *out, uint32_t cap);

/* e820 type of a resource name ("Reserved", "ACPI Tables", ...); 0 for other names. */
uint32_t iomem_type(const char *name, size_t len);

#define IOMEM_NO_CRASH     (-2)          /* iomem_read: all read, but no Crash kernel line */
#define ASSUMED_CRASH_SIZE  (256ull << 20) /* kdump-tools' crashkernel=384M-:256M */
#define ASSUMED_CRASH_ALIGN (16ull << 20)  /* CRASH_ALIGN */
#define ASSUMED_CRASH_BELOW (1ull << 32)   /* crashkernel=X goes below 4 GiB first */

/*
 * For a machine not yet booted with crashkernel= (--compare): where the kernel would put size
 * bytes, as reserve_crashkernel() does from the top of RAM below 4 GiB, CRASH_ALIGN-aligned
 * (what else it reserved there unseen). map->crash set; 0, or -1 when no RAM range holds it.
 */
int iomem_assume_crash(struct iomem_map *map, uint64_t size);

/*
 * Parse text into lines[0..*n), then fill map: crash regions, System RAM, and every
 * resource named after an e820 type (any depth: the MMCONFIG "Reserved" sits inside
 * "PCI MMCONFIG"). 0, or -1 with why naming the line or the limit; IOMEM_NO_CRASH when all was
 * read but the map has no crash region (map filled but for it).
 */
int iomem_read(const char *text, size_t len, struct iomem_line *lines, uint32_t cap, uint32_t *n,
	       struct iomem_map *map, char *why, size_t why_size);

#endif
