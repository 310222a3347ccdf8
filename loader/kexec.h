/* SPDX-License-Identifier: GPL-2.0 */
/* The kexec_load(2) call in crash mode and what its errors mean. Never run on the host. */
#ifndef LOADER_KEXEC_H
#define LOADER_KEXEC_H
#include <stddef.h>

#include "plan.h"

#define CRASH_LOADED   "/sys/kernel/kexec_crash_loaded"

int kexec_crash_load(const struct plan *p, char *why, size_t why_size);
int kexec_crash_unload(char *why, size_t why_size);

#endif
