/* SPDX-License-Identifier: GPL-2.0 */
/* --print-e820 -s: the kdump kernel's e820 on the kexec_file path, each entry with its source. */
#ifndef LOADER_KFILE_PRINT_H
#define LOADER_KFILE_PRINT_H
#include <stdio.h>

#include "kfile.h"

/* "[mem 0x...-0x...] TYPE SOURCE" as the kernel prints e820, the missing ranges, then counts. */
/* map: the first kernel's, whose NAME_UNKNOWN ranges are said so. */
void kfile_print(FILE *f, const struct kfile_e820 *p, const struct kfile_memmap *m, const struct iomem_map *map,
		 int json);

#endif
