// SPDX-License-Identifier: GPL-2.0
/* The digest check: runs before anything in the loaded segments is read or trusted. */
#include <stdint.h>
#include <string.h>

#include "params.h"
#include "sha256.h"

int verify_regions(const struct purgatory_params *p)
{
	for (uint32_t i = 0; i < p->region_count; i++) {
		const struct purgatory_region *r = &p->regions[i];
		uint8_t digest[SHA256_DIGEST_SIZE];

		sha256((const void *)(uintptr_t)r->addr, r->size, digest);
		if (memcmp(digest, r->sha256, sizeof(digest)) != 0)
			return (int)i;
	}
	return -1;
}
