// SPDX-License-Identifier: GPL-2.0
/*
 * e820-svg OUT.svg TITLE [--crash=0xSTART-0xEND]... LABEL=FILE...: the physical map picture of
 * loader/svg.c from text files of "0xSTART 0xEND TYPE" lines in the kernel's words (what the
 * QEMU tests extract from /proc/iomem and dmesg; '#' lines are comments). The first file is the first kernel's view;
 * an empty or missing later file is a kdump kernel that printed no e820.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/e820words.h"
#include "loader/svg.h"

#define MAX_BANDS  8
#define MAX_RANGES 8192
#define MAX_CRASH  4

static void read_band(const char *path, struct map_range *r, uint32_t *n)
{
	char line[256], word[64];
	unsigned long long s, e;
	FILE *f = fopen(path, "r");
	int ln = 0;

	*n = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		int off;

		ln++;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %n", &s, &e, &off) != 2 || e < s ||
		    sscanf(line + off, "%63[^\n]", word) != 1 || !(r[*n].type = e820_word_type(word))) {
			fprintf(stderr, "e820-svg: %s: line %d: want \"0xSTART 0xEND TYPE\" with a kernel type word\n",
				path, ln);
			exit(1);
		}
		if (*n == MAX_RANGES) {
			fprintf(stderr, "e820-svg: %s: more than %d ranges\n", path, MAX_RANGES);
			exit(1);
		}
		r[(*n)++].r = (struct range){ s, e };
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	static struct map_range ranges[MAX_BANDS][MAX_RANGES];
	struct map_band bands[MAX_BANDS] = { { 0 } };
	struct range crash[MAX_CRASH];
	uint32_t nb = 0, nc = 0;
	FILE *out;

	if (argc < 4) {
		fputs("usage: e820-svg OUT.svg TITLE [--crash=0xSTART-0xEND]... LABEL=FILE...\n", stderr);
		return 2;
	}
	for (int i = 3; i < argc; i++) {
		unsigned long long s, e;
		char *eq = strchr(argv[i], '=');

		if (!strncmp(argv[i], "--crash=", 8)) {
			if (nc == MAX_CRASH || sscanf(argv[i] + 8, "%llx-%llx", &s, &e) != 2 || e < s)
				return fprintf(stderr, "e820-svg: %s: want --crash=0xSTART-0xEND\n", argv[i]), 2;
			crash[nc++] = (struct range){ s, e };
		} else if (eq && nb < MAX_BANDS) {
			uint32_t n;

			*eq = 0;
			read_band(eq + 1, ranges[nb], &n);
			bands[nb] = (struct map_band){ argv[i], ranges[nb], n, nb && !n };
			nb++;
		} else {
			return fprintf(stderr, "e820-svg: %s: want LABEL=FILE (at most %d)\n", argv[i], MAX_BANDS), 2;
		}
	}
	if (!nb || !bands[0].n)
		return fprintf(stderr, "e820-svg: the first band (the first kernel's view) is empty\n"), 1;
	if (!(out = fopen(argv[1], "w")))
		return perror(argv[1]), 1;
	svg_map(out, argv[2], bands, nb, crash, nc);
	return fclose(out) ? (perror(argv[1]), 1) : 0;
}
