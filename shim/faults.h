/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-only fault injection, compiled into build/e820shim-faults.efi alone
 * (-DE820SHIM_FAULTS). The release e820shim.efi has no fault= key and none
 * of this code: nothing here can reach a user's boot.
 */
#ifndef SHIM_FAULTS_H
#define SHIM_FAULTS_H
#include <stdint.h>

#include "conf.h"

/* Before the digests: the purgatory must catch these by validation, not by hash. */
void fault_before_digest(const struct shim_conf *c, uint8_t *table, uint64_t *ext_size);
/* After the digests: the purgatory must catch these by hash. */
void fault_after_digest(const struct shim_conf *c, uint8_t *kernel);

#endif
