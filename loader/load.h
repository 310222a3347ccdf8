/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One crash load, as both syscalls take it: the record says "loading" before the syscall that
 * drops the loaded dump kernel and, after it, what came of it (record.c); a load that failed
 * after that drop loads the previous dump kernel again (keep.c). The one copy of the sequence.
 */
#ifndef LOADER_LOAD_H
#define LOADER_LOAD_H
#include <stddef.h>

/* The syscall: 0, or -1 with errno as the kernel left it and why filled. */
typedef int (*load_call)(const void *what, char *why, size_t why_size);

#define LOAD_REFUSED_BY_POLICY (-1)

/*
 * Runs call(what) between the records, body the record's text. Returns 0 when loaded; else
 * the exit code keep_failed() gives (EXIT_KEPT or 1), the error said on stderr. With
 * may_refuse (kexec_load), a refusal by policy (lockdown, IMA) comes before the kernel drops
 * anything: the previous record stands, nothing is said, *policy names what refused, and the
 * return is LOAD_REFUSED_BY_POLICY for the caller to turn to kexec_file_load.
 */
int load_recorded(const char *body, load_call call, const void *what, int may_refuse, const char **policy);

#endif
