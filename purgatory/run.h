/* SPDX-License-Identifier: GPL-2.0 */
/* Everything the purgatory decides, as a pure function: host tests run it on host memory. */
#ifndef PURGATORY_RUN_H
#define PURGATORY_RUN_H
#include <stddef.h>

#include "fmt.h"
#include "include/purgatory_abi.h"

enum purgatory_verdict { PURGATORY_HALT, PURGATORY_BOOT };

/* Verify, patch the zero page, report through o; addresses in p are pointers (identity map). */
enum purgatory_verdict purgatory_run(const struct purgatory_params *p,
				     void *work, size_t work_size, struct out *o);

#endif
