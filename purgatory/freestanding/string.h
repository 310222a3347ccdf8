/* SPDX-License-Identifier: GPL-2.0 */
/* The purgatory has no libc: these come from purgatory/string.c. */
#ifndef PURGATORY_FREESTANDING_STRING_H
#define PURGATORY_FREESTANDING_STRING_H
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
