/* SPDX-License-Identifier: GPL-2.0 */
/* Checks on the loader's parameter block, and the digest check of its regions. Pure. */
#ifndef PURGATORY_PARAMS_H
#define PURGATORY_PARAMS_H
#include <stdint.h>

#include "include/purgatory_abi.h"

enum params_error {
	PARAMS_OK,
	PARAMS_MAGIC,           /* the loader never filled the block */
	PARAMS_VERSION,
	PARAMS_SIZE,
	PARAMS_RESERVED,
	PARAMS_REGION_COUNT,    /* 0 or above PURGATORY_MAX_REGIONS */
	PARAMS_REGION_EMPTY,
	PARAMS_REGION_WRAPS,
	PARAMS_ENTRY_UNVERIFIED,        /* kernel entry outside every hashed region */
	PARAMS_BOOT_PARAMS_UNVERIFIED,  /* zero page not inside one hashed region */
};

struct params_fault {
	enum params_error error;
	uint32_t index;
	uint64_t value;
};

int params_validate(const struct purgatory_params *p, struct params_fault *f);

/* Whether [addr, addr + size) lies inside one region (1) or touches any (overlaps). */
int params_covered(const struct purgatory_params *p, uint64_t addr, uint64_t size);
int params_overlaps(const struct purgatory_params *p, uint64_t addr, uint64_t size);

/* Index of the first region whose SHA-256 does not match, or -1: all match. */
int verify_regions(const struct purgatory_params *p);

#endif
