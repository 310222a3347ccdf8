// SPDX-License-Identifier: GPL-2.0
/* sha256-bench generic|ni MIB RUNS: the purgatory's SHA-256 on an in-memory buffer, median MB/s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "purgatory/cpu.h"
#include "purgatory/sha256.h"

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	size_t mib = argc > 2 ? strtoul(argv[2], NULL, 0) : 256, size = mib << 20;
	int runs = argc > 3 ? atoi(argv[3]) : 5;
	double mbps[64];
	uint8_t *buf, d[32];

	if (argc < 2 || (strcmp(argv[1], "generic") && strcmp(argv[1], "ni")) || runs < 1 || runs > 64) {
		fprintf(stderr, "usage: sha256-bench generic|ni [MIB] [RUNS]\n");
		return 2;
	}
	if (!strcmp(argv[1], "ni")) {
		if (!cpu_has_sha_ni()) {
			printf("no-sha-ni\n");
			return 3;
		}
		sha256_use(SHA256_NI);
	}
	buf = malloc(size);
	for (size_t i = 0; i < size; i++)
		buf[i] = (uint8_t)(i * 2654435761u >> 13);
	sha256(buf, size, d);           /* warm: page faults out of the timing */
	for (int r = 0; r < runs; r++) {
		struct timespec a, b;

		clock_gettime(CLOCK_MONOTONIC, &a);
		sha256(buf, size, d);
		clock_gettime(CLOCK_MONOTONIC, &b);
		mbps[r] = size / 1e6 / ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	}
	qsort(mbps, runs, sizeof(mbps[0]), by_value);
	printf("%.1f\n", mbps[runs / 2]);
	free(buf);
	return 0;
}
