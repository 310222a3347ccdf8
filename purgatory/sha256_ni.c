// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 with the SHA extensions (SHA-NI): two rounds per sha256rnds2,
 * the schedule by sha256msg1/msg2, as in Intel's reference flow. The only
 * SIMD in the purgatory: the Makefile moves this file's code to .text.simd
 * and linker/mkimage.sh rejects SIMD anywhere else. Callers must have
 * checked the CPU (cpu.c) and, in the purgatory, enabled SSE state.
 */
#include <immintrin.h>

#include "sha256.h"

void sha256_blocks_ni(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
	__m128i s0, s1, tmp, msg, w[4];

	/* state a..h into the ABEF / CDGH halves the instructions take */
	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xb1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1b);
	s0 = _mm_alignr_epi8(tmp, s1, 8);
	s1 = _mm_blend_epi16(s1, tmp, 0xf0);

	for (; nblocks; nblocks--, data += SHA256_BLOCK_SIZE) {
		const __m128i abef = s0, cdgh = s1;

#pragma GCC unroll 16
		for (int g = 0; g < 16; g++) {          /* four rounds each */
			if (g < 4)
				w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + (size_t)16 * g)), bswap);
			msg = _mm_add_epi32(w[g % 4], _mm_load_si128((const __m128i *)&sha256_k[(size_t)4 * g]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			if (g >= 3 && g < 15) {
				tmp = _mm_alignr_epi8(w[g % 4], w[(g + 3) % 4], 4);
				w[(g + 1) % 4] = _mm_sha256msg2_epu32(_mm_add_epi32(w[(g + 1) % 4], tmp), w[g % 4]);
			}
			s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(msg, 0x0e));
			if (g >= 1 && g < 13)
				w[(g + 3) % 4] = _mm_sha256msg1_epu32(w[(g + 3) % 4], w[g % 4]);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	tmp = _mm_shuffle_epi32(s0, 0x1b);
	s1 = _mm_shuffle_epi32(s1, 0xb1);
	_mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(tmp, s1, 0xf0));
	_mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(s1, tmp, 8));
}
