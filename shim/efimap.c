// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "efimap.h"

uint32_t efimap_e820_type(uint32_t efi_type, uint64_t attr)
{
	switch (efi_type) {
	case EFI_RESERVED: case EFI_RUNTIME_CODE: case EFI_RUNTIME_DATA: case EFI_MMIO: case EFI_MMIO_PORT:
	case EFI_PAL_CODE:
		return E820_TYPE_RESERVED;
	case EFI_LOADER_CODE: case EFI_LOADER_DATA: case EFI_BOOT_CODE: case EFI_BOOT_DATA: case EFI_CONVENTIONAL:
		return attr & EFIMAP_ATTR_SP ? E820_TYPE_SOFT_RESERVED : E820_TYPE_RAM;
	case EFI_UNUSABLE:
		return E820_TYPE_UNUSABLE;
	case EFI_ACPI_RECLAIM:
		return E820_TYPE_ACPI;
	case EFI_ACPI_NVS:
		return E820_TYPE_NVS;
	case EFI_PERSISTENT:
		return E820_TYPE_PMEM;
	case EFI_UNACCEPTED:    /* the stub: RAM, with the acceptance table this shim does not build */
		return E820_TYPE_RESERVED;
	default:                /* OEM and unknown types: no e820 entry at all, as the stub */
		return 0;
	}
}

/* Insert in address order, merging with a same-type neighbour that touches it. */
static int add_ram(struct efimap *m, uint64_t start, uint64_t end)
{
	uint32_t i = m->nram;

	while (i && m->ram[i - 1].addr > start)
		i--;
	if (i && m->ram[i - 1].addr + m->ram[i - 1].size >= start) {
		uint64_t e = m->ram[i - 1].addr + m->ram[i - 1].size;

		if (end > e)
			m->ram[i - 1].size = end - m->ram[i - 1].addr;
		return 0;
	}
	if (i < m->nram && m->ram[i].addr <= end) {
		uint64_t e = m->ram[i].addr + m->ram[i].size;

		m->ram[i].addr = start;
		m->ram[i].size = (end > e ? end : e) - start;
		return 0;
	}
	if (m->nram == BP_E820_MAX)
		return -1;
	memmove(&m->ram[i + 1], &m->ram[i], (m->nram - i) * sizeof(m->ram[0]));
	m->ram[i] = (struct e820_entry){ start, end - start, E820_TYPE_RAM };
	m->nram++;
	return 0;
}

static int add_staged(struct efimap *m, uint64_t start, uint64_t end, uint32_t type)
{
	uint32_t i = m->nstaged;

	while (i && m->staged[i - 1].addr > start)
		i--;
	if (i && m->staged[i - 1].type == type && m->staged[i - 1].addr + m->staged[i - 1].size == start &&
	    (i == m->nstaged || m->staged[i].addr >= end)) {
		m->staged[i - 1].size += end - start;
		return 0;
	}
	if (m->nstaged == m->staged_cap)
		return -1;
	memmove(&m->staged[i + 1], &m->staged[i], (m->nstaged - i) * sizeof(m->staged[0]));
	m->staged[i] = (struct staged_range){ start, end - start, type, 0 };
	m->nstaged++;
	return 0;
}

/* The end of the piece of [at, end) that m->sp treats alike (all inside one, or in none); *in: inside. */
static uint64_t sp_piece(const struct efimap *m, uint64_t at, uint64_t end, int *in)
{
	uint64_t stop = end;

	*in = 0;
	for (uint32_t i = 0; i < m->nsp; i++) {
		if (m->sp[i].first <= at && at <= m->sp[i].last) {
			*in = 1;
			return m->sp[i].last + 1 < end ? m->sp[i].last + 1 : end;
		}
		if (m->sp[i].first > at && m->sp[i].first < stop)
			stop = m->sp[i].first;
	}
	return stop;
}

/* One descriptor's [start, end), conventional memory split where m->sp marks it specific-purpose. */
static int add_desc(struct efimap *m, const struct efi_desc *d, uint64_t start, uint64_t end)
{
	for (uint64_t at = start, stop; at < end; at = stop) {
		int in = 0;
		uint32_t type;

		stop = d->type == EFI_CONVENTIONAL ? sp_piece(m, at, end, &in) : end;
		type = efimap_e820_type(d->type, d->attr | (in ? EFIMAP_ATTR_SP : 0));
		if (!type)
			continue;
		if (type == E820_TYPE_RAM ? add_ram(m, at, stop) : add_staged(m, at, stop, type))
			return -1;
		if (d->type == EFI_CONVENTIONAL && type == E820_TYPE_RAM && stop > FREE_MIN_ADDR && m->nfree < m->free_cap)
			m->free[m->nfree++] = (struct range){ at > FREE_MIN_ADDR ? at : FREE_MIN_ADDR, stop - 1 };
	}
	return 0;
}

int efimap_convert(const void *map, uint64_t map_size, uint64_t desc_size, struct efimap *m,
		   char *why, size_t why_size)
{
	m->nram = m->nstaged = m->nfree = 0;
	if (desc_size < sizeof(struct efi_desc) || desc_size % 8) {
		snprintf(why, why_size, "UEFI memory map: descriptor size %llu", (unsigned long long)desc_size);
		return -1;
	}
	for (uint64_t off = 0; off + desc_size <= map_size; off += desc_size) {
		struct efi_desc d;
		uint64_t start, end;

		memcpy(&d, (const uint8_t *)map + off, sizeof(d));
		start = d.phys;
		if (!d.pages)
			continue;
		if (d.pages > (STAGED_PHYS_LIMIT - start) / EFIMAP_PAGE || start >= STAGED_PHYS_LIMIT) {
			snprintf(why, why_size, "UEFI memory map: descriptor at 0x%llx runs past 2^52",
				 (unsigned long long)start);
			return -1;
		}
		end = start + d.pages * EFIMAP_PAGE;
		if (add_desc(m, &d, start, end)) {
			snprintf(why, why_size, "UEFI memory map: more ranges than fit (%u RAM, %u other)",
				 m->nram, m->nstaged);
			return -1;
		}
	}
	return 0;
}
