// SPDX-License-Identifier: GPL-2.0
/*
 * Nothing is booted unless its bytes were hashed: the entry point and the
 * zero page must lie inside regions the digest check covers.
 */
#include "params.h"

static int fail(struct params_fault *f, enum params_error e, uint32_t index, uint64_t value)
{
	f->error = e;
	f->index = index;
	f->value = value;
	return -1;
}

int params_covered(const struct purgatory_params *p, uint64_t addr, uint64_t size)
{
	if (addr + size < addr)
		return 0;
	for (uint32_t i = 0; i < p->region_count && i < PURGATORY_MAX_REGIONS; i++) {
		const struct purgatory_region *r = &p->regions[i];

		if (addr >= r->addr && addr + size <= r->addr + r->size)
			return 1;
	}
	return 0;
}

int params_overlaps(const struct purgatory_params *p, uint64_t addr, uint64_t size)
{
	for (uint32_t i = 0; i < p->region_count && i < PURGATORY_MAX_REGIONS; i++) {
		const struct purgatory_region *r = &p->regions[i];

		if (addr < r->addr + r->size && r->addr < addr + size)
			return 1;
	}
	return 0;
}

int params_validate(const struct purgatory_params *p, struct params_fault *f)
{
	f->error = PARAMS_OK;
	if (p->magic != PURGATORY_PARAMS_MAGIC)
		return fail(f, PARAMS_MAGIC, 0, p->magic);
	if (p->version != PURGATORY_PARAMS_VERSION)
		return fail(f, PARAMS_VERSION, 0, p->version);
	if (p->size != sizeof(*p))
		return fail(f, PARAMS_SIZE, 0, p->size);
	if (p->reserved0 || p->reserved1)
		return fail(f, PARAMS_RESERVED, 0, p->reserved0 | (uint64_t)p->reserved1 << 16);
	if (p->region_count == 0 || p->region_count > PURGATORY_MAX_REGIONS)
		return fail(f, PARAMS_REGION_COUNT, 0, p->region_count);
	for (uint32_t i = 0; i < p->region_count; i++) {
		const struct purgatory_region *r = &p->regions[i];

		if (r->size == 0)
			return fail(f, PARAMS_REGION_EMPTY, i, r->addr);
		if (r->addr + r->size < r->addr)
			return fail(f, PARAMS_REGION_WRAPS, i, r->addr);
	}
	if (!params_covered(p, p->kernel_entry, 1))
		return fail(f, PARAMS_ENTRY_UNVERIFIED, 0, p->kernel_entry);
	if (!params_covered(p, p->boot_params, BP_SIZE))
		return fail(f, PARAMS_BOOT_PARAMS_UNVERIFIED, 0, p->boot_params);
	return 0;
}
