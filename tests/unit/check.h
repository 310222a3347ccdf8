/* SPDX-License-Identifier: GPL-2.0 */
/* A test case is a function; it fails if any CHECK in it fails. Ends with "N passed, N failed". */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H
#include <inttypes.h>
#include <stdio.h>

static int tests_passed, tests_failed, case_failed;

#define CHECK(cond) do {                                                              \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
			case_failed = 1;                                              \
		}                                                                     \
	} while (0)

#define CHECK_EQ(a, b) do {                                                           \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                      \
		if (a_ != b_) {                                                       \
			fprintf(stderr, "%s:%d: CHECK failed: %s == %s (0x%" PRIx64 " != 0x%" PRIx64 ")\n", \
				__FILE__, __LINE__, #a, #b, a_, b_);                  \
			case_failed = 1;                                              \
		}                                                                     \
	} while (0)

#define RUN(fn) do {                                                                  \
		case_failed = 0;                                                      \
		fn();                                                                 \
		if (case_failed)                                                      \
			tests_failed++;                                               \
		else                                                                  \
			tests_passed++;                                               \
		printf("%s %s\n", case_failed ? "FAIL" : "ok  ", #fn);               \
	} while (0)

#define TESTS_DONE() (printf("%d passed, %d failed\n", tests_passed, tests_failed), tests_failed != 0)

/* xorshift64*: fixed seeds make every randomised case repeatable. */
static inline uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static inline uint64_t rng_below(uint64_t *s, uint64_t n)
{
	return n ? rng_next(s) % n : 0;
}

#endif
