// SPDX-License-Identifier: GPL-2.0
#include "compare.h"
#include "e820words.h"

static void lost(FILE *f, const struct iomem_map *map, const struct kfile_range *r, const char *why)
{
	char buf[32];

	fprintf(f, "lost    [mem 0x%016llx-0x%016llx] %-14s %s%s; kexec-e820 carries it (staged table; -s: memmap=)\n",
		(unsigned long long)r->r.first, (unsigned long long)r->r.last, e820_type_word(r->type, buf, sizeof(buf)),
		why, r->type == UNKNOWN_CARRIED_AS && iomem_unknown_in(map, r->r) ? " (first kernel: " NAME_UNKNOWN ")" : "");
}

uint32_t compare_print(FILE *f, const struct iomem_map *map, const struct kfile_e820 *p)
{
	uint32_t n = 0, ram = 0;

	fprintf(f, "stock path: kexec_file_load (kexec-tools' kexec -p since 2.0.27, kexec -s -p, Secure Boot): "
		"the kernel builds %u e820 entries, %u fit its zero page\n", p->nbuilt,
		p->nbuilt < KFILE_ZEROPAGE_MAX ? p->nbuilt : KFILE_ZEROPAGE_MAX);
	for (uint32_t i = 0; i < p->nunpassed; i++, n++)
		lost(f, map, &p->unpassed[i], "a type the kernel's kexec_file never passes");
	for (uint32_t i = KFILE_ZEROPAGE_MAX; i < p->nbuilt; i++, n++) {
		ram += p->built[i].type == E820_TYPE_RAM;
		lost(f, map, &p->built[i], p->built[i].type == E820_TYPE_RAM ? "past the zero page's 128 entries: the kdump "
		     "kernel's own RAM" : "past the zero page's 128 entries");
	}
	if (n)
		fprintf(f, "verdict: this machine needs kexec-e820: the stock path loses %u of the first kernel's %u "
			"reserved ranges%s; kexec-e820 carries every one, on both paths\n", n - ram, map->nstaged,
			ram ? ", and the kdump kernel's own RAM (it would panic at the crash)" : "");
	else
		fprintf(f, "verdict: the stock path loses nothing here: %u reserved ranges, all of types it passes, in %u "
			"entries\n", map->nstaged, p->nbuilt);
	return n;
}
