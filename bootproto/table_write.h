/* SPDX-License-Identifier: GPL-2.0 */
/* Writing the staged reserved-range table (docs/abi.md), for both loaders. Pure. */
#ifndef LINKER_TABLE_WRITE_H
#define LINKER_TABLE_WRITE_H
#include <stddef.h>
#include <stdint.h>

#include "include/purgatory_abi.h"

/* Bytes a table of n ranges takes. */
size_t table_bytes(uint32_t n);

/* Write header and n ranges into buf (table_bytes(n) bytes). */
void table_write(void *buf, const struct staged_range *ranges, uint32_t n);

#endif
