/* SPDX-License-Identifier: GPL-2.0 */
/* gcc's xmmintrin.h includes this for _mm_malloc, which needs stdlib.h; the purgatory never allocates. */
#ifndef PURGATORY_FREESTANDING_MM_MALLOC_H
#define PURGATORY_FREESTANDING_MM_MALLOC_H
#endif
