/* SPDX-License-Identifier: GPL-2.0 */
/* Applying the e820 patch to a real zero page and a spare SETUP_E820_EXT area. Pure. */
#ifndef PURGATORY_ZEROPAGE_H
#define PURGATORY_ZEROPAGE_H
#include <stdint.h>

#include "e820.h"

/* Entries an ext area of ext_size bytes can hold. */
uint32_t zeropage_ext_capacity(uint64_t ext_size);

/*
 * Patch bp's e820 with the staged ranges; entries beyond the zero page go to
 * a SETUP_E820_EXT node built at ext (physical address == pointer: the
 * purgatory runs identity-mapped), linked at the head of hdr.setup_data.
 * On error, bp and ext are left as they were.
 */
int zeropage_patch(uint8_t *bp, const struct table_view *staged,
		   uint8_t *ext, uint64_t ext_size, void *work, size_t work_size,
		   struct e820_counts *counts, struct e820_fault *fault);

#endif
