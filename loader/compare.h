/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kexec-e820 --compare: does this machine need kexec-e820? What the stock path (kexec-tools'
 * default since 2.0.27, and -s: kexec_file_load, the kernel's own e820) would lose, range by
 * range, and how kexec-e820 carries each instead. Pure: prints what it is given.
 */
#ifndef LOADER_COMPARE_H
#define LOADER_COMPARE_H
#include <stdio.h>

#include "kfile.h"

/*
 * map: the first kernel's; p: the kernel's kexec_file e820 for it (kfile_predict). Prints one
 * line per range lost and a verdict line (saying so when the crash region is assumed); returns
 * how many ranges the stock path loses.
 */
uint32_t compare_print(FILE *f, const struct iomem_map *map, const struct kfile_e820 *p, int assumed);

#endif
