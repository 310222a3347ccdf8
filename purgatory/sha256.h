/* SPDX-License-Identifier: GPL-2.0 */
/* SHA-256 (FIPS 180-4), freestanding; the same source is built for the host tools and tests. */
#ifndef PURGATORY_SHA256_H
#define PURGATORY_SHA256_H
#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE  64

struct sha256_ctx {
	uint32_t state[8];
	uint64_t total;                 /* bytes fed so far */
	uint8_t  buf[SHA256_BLOCK_SIZE];
	uint32_t buffered;              /* bytes waiting in buf */
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

/* FIPS 180-4's round constants, 16-byte aligned for the SHA-NI loads; one copy for both paths. */
extern const uint32_t sha256_k[64];

/* Compress nblocks whole 64-byte blocks into state: the portable C path, and SHA-NI. */
void sha256_blocks_generic(uint32_t state[8], const uint8_t *data, size_t nblocks);
void sha256_blocks_ni(uint32_t state[8], const uint8_t *data, size_t nblocks)
	__attribute__((target("sha,sse4.1,ssse3")));

enum sha256_impl { SHA256_GENERIC, SHA256_NI };

/* Which path every later sha256_* call takes. SHA256_NI only after cpu_has_sha_ni() said yes
 * (and, in the purgatory, after SSE state was enabled). */
void sha256_use(enum sha256_impl impl);
enum sha256_impl sha256_current(void);

#endif
