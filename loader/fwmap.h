/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The firmware's memory map as the running kernel keeps it (/sys/firmware/memmap: its
 * e820_table_firmware, before memmap= and the kernel's own edits), read beside /proc/iomem.
 * Linux 7.0 keeps Soft Reserved out of /proc/iomem until dax_hmem claims it (upstream
 * bc62f5b3: a hole there, or "RAM buffer" below 4 GiB); this map still names it. What it names
 * and no iomem line does is carried too, but for Reserved: the kernel removes large EFI MMIO
 * ranges from its e820 on purpose (efi_remove_e820_mmio(), so PCI may place windows there),
 * and those stay out, said by --compare. Pure.
 */
#ifndef LOADER_FWMAP_H
#define LOADER_FWMAP_H
#include <stdio.h>

#include "iomem.h"

#define FWMAP_MAX        1024     /* E820_MAX_ENTRIES is 3 * MAX_NUMNODES + 128: far fewer */
#define FWMAP_FIELD_MAX  64       /* one of the files: "0x" and 16 digits, or a type's name */

struct fwmap_entry {
	struct range r;
	uint32_t type;                /* iomem_type() of its name: the same words (e820_type_to_string) */
};

/*
 * One entry from its three files' text: start and end ("0x" hex, end inclusive, as sysfs
 * prints them) and type (a name, newline ended). 0, or -1 with why naming the field.
 */
int fwmap_entry_parse(const char *start, const char *end, const char *type, struct fwmap_entry *e,
		      char *why, size_t why_size);

/*
 * Every part of a non-RAM entry but Reserved that no e820-named iomem line (any depth, RAM
 * included) or crash region covers: staged in map as the type it is carried as (soft reserved
 * as ONLINABLE_CARRIED_AS), kept in map->extra for -s, and noted. 0, or -1 with why.
 */
int fwmap_carry(const struct fwmap_entry *fw, uint32_t n, const struct iomem_line *lines, uint32_t nlines,
		struct iomem_map *map, char *why, size_t why_size);

/*
 * --compare: where the firmware map and /proc/iomem disagree, one line each (named only in
 * the firmware map, and whether carried; non-RAM in the firmware map that the kernel uses as
 * RAM). Returns how many lines.
 */
uint32_t fwmap_compare_print(FILE *f, const struct fwmap_entry *fw, uint32_t n, const struct iomem_line *lines,
			     uint32_t nlines);

#endif
