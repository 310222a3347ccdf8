// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256, FIPS 180-4. Portable C: rounds unrolled by macro, the message
 * schedule kept as a 16-word ring so the working set stays in registers.
 */
#include "sha256.h"

const uint32_t sha256_k[64] __attribute__((aligned(16))) = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t H0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t ror(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

#define S0(x) (ror(x, 2) ^ ror(x, 13) ^ ror(x, 22))
#define S1(x) (ror(x, 6) ^ ror(x, 11) ^ ror(x, 25))
#define s0(x) (ror(x, 7) ^ ror(x, 18) ^ ((x) >> 3))
#define s1(x) (ror(x, 17) ^ ror(x, 19) ^ ((x) >> 10))
#define CH(x, y, z)  ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* W[i] for i >= 16, in place in the 16-word ring. */
#define SCHED(i) (w[(i) & 15] += s1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + s0(w[((i) - 15) & 15]))

/* One round; the caller rotates the roles of a..h instead of moving values. */
#define ROUND(a, b, c, d, e, f, g, h, i, wi) do {                  \
		uint32_t t1 = h + S1(e) + CH(e, f, g) + sha256_k[i] + (wi); \
		d += t1;                                               \
		h = t1 + S0(a) + MAJ(a, b, c);                         \
	} while (0)

#define ROUNDS8(i, W) do {                                     \
		ROUND(a, b, c, d, e, f, g, h, (i) + 0, W((i) + 0)); \
		ROUND(h, a, b, c, d, e, f, g, (i) + 1, W((i) + 1)); \
		ROUND(g, h, a, b, c, d, e, f, (i) + 2, W((i) + 2)); \
		ROUND(f, g, h, a, b, c, d, e, (i) + 3, W((i) + 3)); \
		ROUND(e, f, g, h, a, b, c, d, (i) + 4, W((i) + 4)); \
		ROUND(d, e, f, g, h, a, b, c, (i) + 5, W((i) + 5)); \
		ROUND(c, d, e, f, g, h, a, b, (i) + 6, W((i) + 6)); \
		ROUND(b, c, d, e, f, g, h, a, (i) + 7, W((i) + 7)); \
	} while (0)

#define WLOAD(i) (w[i] = load_be32(data + 4 * (size_t)(i)))

void sha256_blocks_generic(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
	uint32_t w[16];

	for (; nblocks; nblocks--, data += SHA256_BLOCK_SIZE) {
		uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
		uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

		ROUNDS8(0, WLOAD);
		ROUNDS8(8, WLOAD);
		for (unsigned i = 16; i < 64; i += 16) {
			ROUNDS8(i, SCHED);
			ROUNDS8(i + 8, SCHED);
		}
		state[0] += a; state[1] += b; state[2] += c; state[3] += d;
		state[4] += e; state[5] += f; state[6] += g; state[7] += h;
	}
}

static enum sha256_impl impl = SHA256_GENERIC;

void sha256_use(enum sha256_impl which)
{
	impl = which;
}

enum sha256_impl sha256_current(void)
{
	return impl;
}

static void blocks(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
	if (impl == SHA256_NI)
		sha256_blocks_ni(state, data, nblocks);
	else
		sha256_blocks_generic(state, data, nblocks);
}

void sha256_init(struct sha256_ctx *ctx)
{
	for (int i = 0; i < 8; i++)
		ctx->state[i] = H0[i];
	ctx->total = 0;
	ctx->buffered = 0;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;

	ctx->total += len;
	if (ctx->buffered) {
		while (len && ctx->buffered < SHA256_BLOCK_SIZE) {
			ctx->buf[ctx->buffered++] = *p++;
			len--;
		}
		if (ctx->buffered < SHA256_BLOCK_SIZE)
			return;
		blocks(ctx->state, ctx->buf, 1);
		ctx->buffered = 0;
	}
	if (len >= SHA256_BLOCK_SIZE) {
		size_t n = len / SHA256_BLOCK_SIZE;

		blocks(ctx->state, p, n);
		p += n * SHA256_BLOCK_SIZE;
		len -= n * SHA256_BLOCK_SIZE;
	}
	while (len--)
		ctx->buf[ctx->buffered++] = *p++;
}

void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE])
{
	uint64_t bits = ctx->total * 8;
	uint32_t n = ctx->buffered;

	ctx->buf[n++] = 0x80;
	if (n > SHA256_BLOCK_SIZE - 8) {
		while (n < SHA256_BLOCK_SIZE)
			ctx->buf[n++] = 0;
		blocks(ctx->state, ctx->buf, 1);
		n = 0;
	}
	while (n < SHA256_BLOCK_SIZE - 8)
		ctx->buf[n++] = 0;
	store_be32(ctx->buf + 56, bits >> 32);
	store_be32(ctx->buf + 60, (uint32_t)bits);
	blocks(ctx->state, ctx->buf, 1);
	for (int i = 0; i < 8; i++)
		store_be32(digest + 4 * (size_t)i, ctx->state[i]);
}

void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
}
