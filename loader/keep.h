/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A failed reload keeps the dump kernel. Both syscalls drop the loaded crash image before they
 * check the new one, so what can be checked is checked first (the signature, by asking the
 * kernel: kexec_file_probe), and a load that still fails after the drop loads the previous dump
 * kernel again (keep_failed), from the arguments its record kept.
 */
#ifndef LOADER_KEEP_H
#define LOADER_KEEP_H
#include <stddef.h>

#define EXIT_KEPT 4   /* the new kernel not loaded; the dump kernel loaded before still is */
#define EXIT_DOOMED 5 /* refused: the kdump kernel would die at the crash (its own RAM cannot reach it) */
#define KEEP_RESTORING_ENV  "KEXEC_E820_RESTORING"    /* set in the restoring child: no loop */

/* The record's "arg" lines for argv: one an argument. NULL when an argument holds a newline. */
char *keep_args(int argc, char **argv);

/*
 * A load refused before any syscall (why): one stderr line. Exit 4 when a crash kernel is
 * loaded (it stays), else 1; 1 too when planning (--dry-run, --print-e820), which loads nothing.
 */
int keep_refused(const char *why, int planning);

/*
 * After a load failed (why): if the kernel has no crash kernel left and previous (the record
 * before the attempt) says one was loaded, load it again by running this program with its
 * arguments. One stderr line either way; returns the exit code: 4 when the previous one is
 * loaded again, else 1.
 */
int keep_failed(const char *previous, const char *why);

#endif
