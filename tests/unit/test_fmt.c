// SPDX-License-Identifier: GPL-2.0
/* The purgatory's number printing against printf, and its bound on line length. */
#include <string.h>

#include "check.h"
#include "purgatory/fmt.h"

static char got[OUT_LINE_MAX];

static void keep(void *ctx, const char *line)
{
	(void)ctx;
	strcpy(got, line);
}

static void numbers_match_printf(void)
{
	uint64_t seed = 3, edge[] = { 0, 1, 9, 10, 15, 16, UINT32_MAX, (uint64_t)UINT32_MAX + 1, UINT64_MAX };

	for (int i = 0; i < 20000; i++) {
		uint64_t v = i < 9 ? edge[i] : rng_next(&seed) >> rng_below(&seed, 64);
		struct out o = { .emit = keep };
		char want[64];

		out_dec(&o, v); out_str(&o, " "); out_hex(&o, v);
		out_end(&o);
		snprintf(want, sizeof(want), "%llu 0x%llx", (unsigned long long)v, (unsigned long long)v);
		CHECK(!strcmp(got, want));
		if (case_failed)
			break;
	}
}

static void long_lines_cut(void)
{
	struct out o = { .emit = keep };

	for (int i = 0; i < 100; i++)
		out_str(&o, "0123456789");
	out_end(&o);
	CHECK_EQ(strlen(got), OUT_LINE_MAX - 1);
	out_str(&o, "next");
	out_end(&o);
	CHECK(!strcmp(got, "next"));
}

int main(void)
{
	RUN(numbers_match_printf);
	RUN(long_lines_cut);
	return TESTS_DONE();
}
