// SPDX-License-Identifier: GPL-2.0
#include "compare.h"
#include "e820words.h"

static void lost(FILE *f, const struct iomem_map *map, const struct kfile_range *r, const char *why)
{
	char buf[32];
	const char *how, *was = iomem_first_word(map, r->r, r->type, &how);

	fprintf(f, "lost    [mem 0x%016llx-0x%016llx] %-14s %s%s%s%s; kexec-e820 carries it (staged table; -s: memmap=)\n",
		(unsigned long long)r->r.first, (unsigned long long)r->r.last, e820_type_word(r->type, buf, sizeof(buf)),
		why, was ? " (first kernel: " : "", was ? was : "", was ? ")" : "");
}

/*
 * The stock kdump kernel's PCI window against the first kernel's: where they differ, it takes in
 * what the stock path leaves a hole (the first kernel's RAM, ranges it loses). 1 if they differ.
 */
static int window(FILE *f, const struct iomem_map *map, const struct kfile_e820 *p)
{
	static struct range first[IOMEM_MAX_RAM + STAGED_TABLE_MAX_RANGES], stock[KFILE_ZEROPAGE_MAX];
	uint32_t nfirst = 0, nstock = 0;
	struct range a = { 0, 0 }, b = { 0, 0 };
	int fa, fb;

	for (uint32_t i = 0; i < map->nram; i++)
		first[nfirst++] = map->ram[i];
	for (uint32_t i = 0; i < map->nstaged; i++)
		first[nfirst++] = (struct range){ map->staged[i].addr, map->staged[i].addr + map->staged[i].size - 1 };
	for (uint32_t i = 0; i < p->nbuilt && i < KFILE_ZEROPAGE_MAX; i++)
		stock[nstock++] = p->built[i].r;
	fa = oldram_pci_window(first, nfirst, &a);
	fb = oldram_pci_window(stock, nstock, &b);
	if (fa == fb && (fa || (a.first == b.first && a.last == b.last)))
		return 0;
	fprintf(f, "window  [mem 0x%016llx-0x%016llx] the stock kdump kernel's PCI window, not the first kernel's (",
		(unsigned long long)b.first, (unsigned long long)b.last);
	if (fa)
		fprintf(f, "none");
	else
		fprintf(f, "[mem 0x%016llx-0x%016llx]", (unsigned long long)a.first, (unsigned long long)a.last);
	fprintf(f, "): it takes in what the stock path leaves a hole, the first kernel's RAM or its ranges; "
		"kexec-e820 keeps the first kernel's window\n");
	return 1;
}

#define ASSUMED ", for the crash region the kernel would reserve (no crashkernel= yet)"

uint32_t compare_print(FILE *f, const struct iomem_map *map, const struct kfile_e820 *p, int assumed)
{
	uint32_t n = 0, ram = 0;
	int moved;

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
	moved = window(f, map, p);
	if (n || moved)
		fprintf(f, "verdict: this machine needs kexec-e820: the stock path loses %u of the first kernel's %u "
			"reserved ranges%s%s; kexec-e820 carries every one, on both paths%s\n", n - ram, map->nstaged,
			ram ? ", and the kdump kernel's own RAM (it would panic at the crash)" : "",
			moved ? ", and moves the kdump kernel's PCI window onto what the first kernel uses" : "",
			assumed ? ASSUMED : "");
	else
		fprintf(f, "verdict: the stock path loses nothing here: %u reserved ranges, all of types it passes, in %u "
			"entries%s\n", map->nstaged, p->nbuilt, assumed ? ASSUMED : "");
	return n + (uint32_t)moved;
}
