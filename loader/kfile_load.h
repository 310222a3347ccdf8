/* SPDX-License-Identifier: GPL-2.0 */
/* A crash load through kexec_file_load, every range the kernel would drop on the command line. */
#ifndef LOADER_KFILE_LOAD_H
#define LOADER_KFILE_LOAD_H
#include <stdint.h>

#include "bootproto/bzimage.h"
#include "iomem.h"
#include "kfile.h"

struct kfile_request {
	const char *kernel, *initrd;   /* paths: the kernel reads the files itself */
	const char *cmdline;           /* the caller's */
	const struct bzimage *bz;      /* the kernel, validated: its cmdline_size */
	const struct iomem_line *lines;
	uint32_t nlines;
	const struct iomem_map *map;
	const struct kfile_kernel *running;  /* how the running kernel builds it */
	int print, json, dry_run;
	const char *args;              /* the record's "arg" lines (keep.h) */
	uint64_t initrd_size;
	const char *note;              /* lines to say once the load is sure to go ahead, or "" */
};

/* Loads (or prints, or plans); every error one stderr line. Returns the exit code. */
int kfile_load(const struct kfile_request *r);

#endif
