// SPDX-License-Identifier: GPL-2.0
/*
 * purgatory-sha256 [--generic] FILE...: sha256sum's output, computed with the
 * purgatory's own SHA-256 source, so that source can be checked and timed here.
 * The path is chosen as the purgatory chooses it (SHA-NI when the CPU has it);
 * --generic forces the portable C path.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "purgatory/cpu.h"
#include "purgatory/sha256.h"

#define CHUNK (1u << 20)

static unsigned char chunk[CHUNK];

static int hash_file(const char *name)
{
	FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t n;

	if (!f) {
		fprintf(stderr, "purgatory-sha256: %s: %s\n", name, strerror(errno));
		return 1;
	}
	sha256_init(&ctx);
	while ((n = fread(chunk, 1, CHUNK, f)) > 0)
		sha256_update(&ctx, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "purgatory-sha256: %s: read error\n", name);
		if (f != stdin)
			fclose(f);
		return 1;
	}
	if (f != stdin)
		fclose(f);
	sha256_final(&ctx, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		printf("%02x", digest[i]);
	printf("  %s\n", name);
	return 0;
}

int main(int argc, char **argv)
{
	int first = 1, failed = 0;

	if (argc > 1 && !strcmp(argv[1], "--generic"))
		first = 2;
	else if (cpu_has_sha_ni())
		sha256_use(SHA256_NI);
	if (first < argc && argv[first][0] == '-' && argv[first][1] == '-' && argv[first][2]) {
		fprintf(stderr, "purgatory-sha256: unknown option %s\n", argv[first]);
		return 2;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: purgatory-sha256 [--generic] FILE...\n");
		return 2;
	}
	for (int i = first; i < argc; i++)
		failed |= hash_file(argv[i]);
	return failed;
}
