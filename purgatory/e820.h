/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Merging the staged first-kernel ranges into the kdump kernel's e820 map.
 * Pure: arrays in, arrays out, scratch from the caller; no I/O, no globals.
 */
#ifndef PURGATORY_E820_H
#define PURGATORY_E820_H
#include <stddef.h>
#include <stdint.h>

#include "include/purgatory_abi.h"
#include "table.h"

/* What the patch did, for the report; each count is checked against a model in tests. */
struct e820_counts {
	uint32_t ranges;     /* staged ranges read */
	uint32_t added;      /* ranges with at least one byte outside the kdump kernel's RAM */
	uint32_t clipped;    /* ranges that overlapped that RAM and lost the overlap */
	uint32_t dropped;    /* merged entries that fit neither the zero page nor the extension */
	uint32_t zero_page;  /* entries written to the zero page */
	uint32_t ext;        /* entries written to the SETUP_E820_EXT node */
};

enum e820_error {
	E820_OK,
	E820_BASE_WRAPS,     /* a zero-page entry wraps past 2^64 */
	E820_STAGED_RAM,     /* a staged range claims RAM (table_validate rejects this) */
	E820_WORK_SMALL,     /* the caller's scratch is smaller than E820_WORK_BYTES */
	E820_ZP_COUNT,       /* the zero page claims more than 128 entries */
};

struct e820_fault {
	enum e820_error error;
	uint32_t index;
};

/*
 * e820__update_table()'s e820_nomerge(): persistent memory (legacy) and soft reserved ranges
 * may each be a device, a NUMA node or a protection domain of their own: never joined with a
 * neighbour of the same type, and cut at every boundary of any entry inside them, as the kernel
 * cuts them.
 */
static inline int e820_nomerge(uint32_t type)
{
	return type == E820_TYPE_PRAM || type == E820_TYPE_SOFT_RESERVED;
}

/* Scratch for nbase zero-page entries and n staged ranges (see e820.c for the parts). */
#define E820_POINTS(nb, n)       (2 * ((uint64_t)(nb) + (n)))
#define E820_RADIX_DIGITS        6ull    /* 11-bit digits cover 64-bit addresses */
#define E820_RADIX_BUCKETS       2048ull
#define E820_WORK_BYTES(nb, n)   (E820_POINTS(nb, n) * 16 * 2    /* change points, radix copy */ \
				  + (uint64_t)(nb) * 16          /* RAM spans */             \
				  + E820_POINTS(nb, n) * 20      /* merged map */            \
				  + ((uint64_t)(nb) + (n) + 1) * 16 /* types x2, ranks, counts */ \
				  + E820_RADIX_DIGITS * E820_RADIX_BUCKETS * 4)

/*
 * base[0..nbase): the map the loader put in the zero page (its RAM is the
 * kdump kernel's and always wins). Staged ranges come from a validated table.
 * Output: zp[0..counts->zero_page) holds every RAM entry, then the lowest
 * non-RAM entries up to zp_cap; ext[0..counts->ext) the rest, up to ext_cap.
 * Both sorted; together sorted, non-overlapping, same-type neighbours merged
 * (except e820_nomerge() types, split at every entry's boundary as Linux does).
 * Where ranges overlap (except base RAM), the higher e820 type wins, as in
 * Linux's e820__update_table().
 */
int e820_patch(const struct e820_entry *base, uint32_t nbase,
	       const struct table_view *staged,
	       struct e820_entry *zp, uint32_t zp_cap,
	       struct e820_entry *ext, uint32_t ext_cap,
	       void *work, size_t work_size,
	       struct e820_counts *counts, struct e820_fault *fault);

#endif
