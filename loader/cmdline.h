/* SPDX-License-Identifier: GPL-2.0 */
/* What the running kernel's own files say, parsed: its command line reused, its CPU list. Pure. */
#ifndef LOADER_CMDLINE_H
#define LOADER_CMDLINE_H
#include <stddef.h>
#include <stdint.h>

/*
 * --reuse-cmdline: text (/proc/cmdline) into out, its words joined by one space, less those a
 * kdump kernel must not inherit (crashkernel=, BOOT_IMAGE=, initrd=, elfcorehdr=,
 * kexec_jump_back_entry=). 0, or -1 when out is too small.
 */
int cmdline_reuse(const char *text, char *out, size_t size);

/* CPUs in a sysfs CPU list ("0-3,8-11\n"); 0 when it is empty or malformed. */
uint32_t cpu_list_count(const char *text, uint32_t max);

#endif
