// SPDX-License-Identifier: GPL-2.0
/* The bzImage checks, and the zero page filled from whatever they accept. */
#include <stdlib.h>
#include <string.h>

#include "bootproto/assemble.h"
#include "bootproto/bzimage.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t bp[BP_SIZE];
	uint8_t *copy = malloc(size + 1);      /* exactly size bytes readable past the start */
	struct bzimage bz;
	char why[200];

	memcpy(copy, data, size);
	if (!bzimage_parse(copy, size, &bz, why, sizeof(why))) {
		CHECK(bz.pm_offset < size && bz.pm_offset + bz.pm_size == size);
		CHECK(bz.setup_header_end <= size && bz.version >= BZ_MIN_VERSION);
		CHECK(bz.kernel_alignment && !(bz.kernel_alignment & (bz.kernel_alignment - 1)));
		CHECK(bz.init_size >= bz.pm_size);
		bootparams_fill(bp, &bz, 0x100000, 0, 0, NULL, 0);
	} else {
		CHECK(why[0]);
	}
	free(copy);
	return 0;
}
