/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record of kexec-e820's last crash load (/run/kexec-e820.plan) and what --status makes of
 * it. One writer: this file. The record is written whole (a temporary file renamed over it)
 * before the syscall that drops the loaded image, then says how the load ended. --status names
 * kexec-e820 only when the kernel has a crash kernel and the record says it was loaded.
 */
#ifndef LOADER_RECORD_H
#define LOADER_RECORD_H
#include <stdio.h>

#define RECORD_LOADING  "loading"
#define RECORD_LOADED   "loaded"
#define RECORD_FAILED   "failed"

/* Write "state STATE[: WHY]\n" then body to path, whole or not at all. 0, or -1. */
int record_write(const char *path, const char *state, const char *why, const char *body);

/*
 * After a load attempt ended with rc: the record of a load (rc 0); else, if the kernel still
 * has a crash kernel (the syscall failed before dropping it), the record that was there before
 * the attempt (previous, NULL: none); else a failure with why.
 */
int record_end(const char *path, int rc, int crash_loaded, const char *previous, const char *why,
		const char *body);

/* The kernel's word: 1 when a crash kernel is loaded, 0 when not, -1 when it cannot be read. */
int record_crash_loaded(const char *sysfs_path);

/* record (NULL: none) says state ("loaded", "failed: why", ...). */
int record_state_is(const char *record, const char *state);

/* --status from the kernel's word (crash_loaded: 1 or 0) and the record's text (NULL: none). */
void record_describe(FILE *out, int crash_loaded, const char *record);

#endif
