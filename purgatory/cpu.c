// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>

#include "cpu.h"

#define LEAF1_ECX_SSSE3   (1u << 9)
#define LEAF1_ECX_SSE41   (1u << 19)
#define LEAF7_EBX_SHA     (1u << 29)

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

int cpu_has_sha_ni(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	cpuid(1, 0, r);
	if ((r[2] & (LEAF1_ECX_SSSE3 | LEAF1_ECX_SSE41)) != (LEAF1_ECX_SSSE3 | LEAF1_ECX_SSE41))
		return 0;
	cpuid(7, 0, r);
	return !!(r[1] & LEAF7_EBX_SHA);
}

uint64_t cpu_cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}
