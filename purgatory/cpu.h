/* SPDX-License-Identifier: GPL-2.0 */
/* What the CPU can do, by CPUID; nothing here touches SIMD state. */
#ifndef PURGATORY_CPU_H
#define PURGATORY_CPU_H
#include <stdint.h>

/* SHA extensions plus the SSSE3 and SSE4.1 instructions sha256_ni.c also uses. */
int cpu_has_sha_ni(void);

/* The time-stamp counter, for the hashing figure on the serial line. */
uint64_t cpu_cycles(void);

#endif
