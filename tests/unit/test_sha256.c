// SPDX-License-Identifier: GPL-2.0
/* SHA-256 against the NIST vectors and against OpenSSL, the outside oracle. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "purgatory/cpu.h"
#include "purgatory/params.h"
#include "purgatory/sha256.h"

/* Every digest test runs on each path this CPU has. */
static int npaths;
static enum sha256_impl paths[2];
#define EACH_PATH for (int path_ = 0; path_ < npaths && (sha256_use(paths[path_]), 1); path_++)

static void hex(const uint8_t *d, char out[65])
{
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void check_vector(const char *msg, size_t repeat, const char *want)
{
	struct sha256_ctx ctx;
	uint8_t d[32];
	char got[65];

	sha256_init(&ctx);
	for (size_t i = 0; i < repeat; i++)
		sha256_update(&ctx, msg, strlen(msg));
	sha256_final(&ctx, d);
	hex(d, got);
	if (strcmp(got, want))
		fprintf(stderr, "  \"%.20s\" x%zu: got %s want %s\n", msg, repeat, got, want);
	CHECK(!strcmp(got, want));
}

/* FIPS 180-4 examples and the NIST CAVP/long-message vectors. */
static void nist_vectors(void)
{
	EACH_PATH {
	check_vector("", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_vector("abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_vector("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
		     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_vector("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		     1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	check_vector("a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	}
}

/* Digest of buf by `openssl dgst -sha256`, through a temporary file. */
static int openssl_sha256(const uint8_t *buf, size_t len, char out[65])
{
	char path[] = "/tmp/sha256-oracle-XXXXXX", cmd[128];
	int fd = mkstemp(path), ok = 0;
	FILE *p;

	if (fd < 0)
		return 0;
	if (write(fd, buf, len) == (ssize_t)len) {
		snprintf(cmd, sizeof(cmd), "openssl dgst -sha256 -r %s", path);
		p = popen(cmd, "r");
		if (p) {
			ok = fscanf(p, "%64s", out) == 1 && strlen(out) == 64;
			pclose(p);
		}
	}
	close(fd);
	unlink(path);
	return ok;
}

static void against_openssl(void)
{
	static const size_t sizes[] = {
		0, 1, 2, 31, 32, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 1000,
		4095, 4096, 4097, 65535, 65536, 65537, (1 << 20) + 13, (3 << 20) + 7, 5 << 20,
	};
	uint64_t seed = 0x5eed;

	EACH_PATH
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t len = sizes[k];
		uint8_t *buf = malloc(len + 1), d[32];
		char want[65], got[65];

		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rng_next(&seed);
		sha256(buf, len, d);
		hex(d, got);
		CHECK(openssl_sha256(buf, len, want));
		if (strcmp(got, want))
			fprintf(stderr, "  size %zu: got %s openssl %s\n", len, got, want);
		CHECK(!strcmp(got, want));
		free(buf);
	}
}

/* Random split points: the block buffer must carry state across every boundary. */
static void chunked_equals_whole(void)
{
	uint64_t seed = 42;
	size_t len = 300000;
	uint8_t *buf = malloc(len), whole[32], part[32];

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)rng_next(&seed);
	sha256_use(SHA256_GENERIC);
	sha256(buf, len, whole);
	EACH_PATH
	for (int round = 0; round < 200; round++) {
		struct sha256_ctx ctx;
		size_t off = 0;

		sha256_init(&ctx);
		while (off < len) {
			size_t n = rng_below(&seed, round < 100 ? 130 : 70000);

			if (n > len - off)
				n = len - off;
			sha256_update(&ctx, buf + off, n);
			off += n;
		}
		sha256_final(&ctx, part);
		CHECK(!memcmp(whole, part, 32));
	}
	free(buf);
}

/* The purgatory's region check: digests taken by OpenSSL, one region corrupted at a time. */
static void regions_checked_one_by_one(void)
{
	enum { N = 5 };
	static const size_t lens[N] = { 1, 64, 4096, 100003, 2 << 20 };
	struct purgatory_params p = { .region_count = N };
	uint8_t *bufs[N];
	uint64_t seed = 7;

	for (int i = 0; i < N; i++) {
		char want[65];

		bufs[i] = malloc(lens[i]);
		for (size_t j = 0; j < lens[i]; j++)
			bufs[i][j] = (uint8_t)rng_next(&seed);
		p.regions[i].addr = (uintptr_t)bufs[i];
		p.regions[i].size = lens[i];
		CHECK(openssl_sha256(bufs[i], lens[i], want));
		for (int j = 0; j < 32; j++)
			sscanf(want + 2 * j, "%2hhx", &p.regions[i].sha256[j]);
	}
	EACH_PATH {
	CHECK_EQ(verify_regions(&p), -1);
	for (int i = 0; i < N; i++) {
		bufs[i][lens[i] - 1] ^= 0x80;   /* the last byte: the tail block path */
		CHECK_EQ(verify_regions(&p), i);
		bufs[i][lens[i] - 1] ^= 0x80;
		bufs[i][0] ^= 1;
		CHECK_EQ(verify_regions(&p), i);
		bufs[i][0] ^= 1;
	}
	CHECK_EQ(verify_regions(&p), -1);
	}
	for (int i = 0; i < N; i++)
		free(bufs[i]);
}

/* The two block functions directly, on random lengths and alignments: same state after each call. */
static void paths_agree(void)
{
	uint64_t seed = 11;
	uint8_t *buf = malloc(70000);

	if (npaths < 2) {
		printf("note: this CPU has no SHA-NI: only the generic path was tested\n");
		free(buf);
		return;
	}
	for (size_t i = 0; i < 70000; i++)
		buf[i] = (uint8_t)rng_next(&seed);
	for (int round = 0; round < 2000; round++) {
		uint32_t a[8], b[8];
		size_t off = rng_below(&seed, 64), n = rng_below(&seed, 1000);

		for (int i = 0; i < 8; i++)
			a[i] = b[i] = (uint32_t)rng_next(&seed);
		sha256_blocks_generic(a, buf + off, n);
		sha256_blocks_ni(b, buf + off, n);
		CHECK(!memcmp(a, b, sizeof(a)));
		if (case_failed)
			break;
	}
	free(buf);
}

int main(void)
{
	paths[npaths++] = SHA256_GENERIC;
	if (cpu_has_sha_ni())
		paths[npaths++] = SHA256_NI;
	printf("paths: generic%s\n", npaths > 1 ? ", sha-ni" : " (no SHA-NI on this CPU)");
	RUN(nist_vectors);
	RUN(against_openssl);
	RUN(chunked_equals_whole);
	RUN(regions_checked_one_by_one);
	RUN(paths_agree);
	return TESTS_DONE();
}
