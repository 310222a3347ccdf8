/* SPDX-License-Identifier: GPL-2.0 */
/* The kexec_load(2) and kexec_file_load(2) calls in crash mode and what their errors mean. Never run on the host. */
#ifndef LOADER_KEXEC_H
#define LOADER_KEXEC_H
#include <stddef.h>

#include "plan.h"

#define CRASH_LOADED   "/sys/kernel/kexec_crash_loaded"
#define STATUS_FILE    "/run/kexec-e820.plan"      /* what the last load was: for --status */

int kexec_crash_load(const struct plan *p, char *why, size_t why_size);
int kexec_crash_unload(char *why, size_t why_size);
/* The kernel reads the files itself, checks the kernel's signature and runs its own purgatory. */
int kexec_file_crash_load(const char *kernel, const char *initrd, const char *cmdline, char *why, size_t why_size);
int kexec_file_crash_unload(char *why, size_t why_size);
/*
 * Before a kexec_file_load that would drop a loaded crash kernel: the kernel verifies kernel's
 * signature as it would for the crash load, through a normal (not crash) load of the kernel
 * alone, unloaded at once. Skipped (0) when no crash kernel is loaded or a normal kexec image
 * is (systemctl kexec's: never replaced). 0, or -1 with why.
 */
int kexec_file_probe(const char *kernel, char *why, size_t why_size);
/* kexec_file_load's refusal err in one line, naming the kernel file where it is the cause. */
void kexec_file_explain(int err, const char *kernel, char *why, size_t why_size);
/* "integrity" or "confidentiality" when the kernel is locked down; NULL when not (or unknown). */
const char *kexec_lockdown(void);
/*
 * After kexec_load failed with err: NULL, or why root was refused by policy (the lockdown mode,
 * or "lockdown or a security module" where securityfs is not mounted), when kexec_file_load,
 * which checks signatures, may still be allowed.
 */
const char *kexec_policy_refusal(int err);

#endif
