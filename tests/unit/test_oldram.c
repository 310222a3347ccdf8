// SPDX-License-Identifier: GPL-2.0
/*
 * loader/oldram.c: which pieces of the first kernel's RAM go to the kdump kernel as reserved.
 * The oracle is the kernel's own gap search (e820_search_gap(), 7.3), run here on both maps:
 * the kdump kernel's must find the first kernel's PCI window.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "loader/oldram.h"

#define MIB (1ull << 20)
#define MAX 64

static int by_first(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * The model, written from arch/x86/kernel/e820.c (7.3) and calling nothing under test:
 * e820__setup_pci_gap() takes the largest gap below 4 GiB of at least 4 MiB between the
 * entries (e820_search_gap()), the highest of equal ones. Entries sorted here; overlapping
 * ones leave no gap between them, as the sanitized table has none.
 */
static struct range pci_gap(const struct range *in, uint32_t n)
{
	struct range s[3 * MAX + 1], gap = { 0, 0 };
	uint64_t prev = 0, size = 4 * MIB;

	memcpy(s, in, n * sizeof(*s));
	qsort(s, n, sizeof(*s), by_first);
	s[n++] = (struct range){ OLDRAM_GAP_END, OLDRAM_GAP_END };
	for (uint32_t i = 0; i < n; i++) {
		uint64_t end = s[i].first < OLDRAM_GAP_END ? s[i].first : OLDRAM_GAP_END;

		if (prev < end && end - prev >= size) {
			size = end - prev;
			gap = (struct range){ prev, end - 1 };
		}
		if (s[i].last + 1 > prev)
			prev = s[i].last + 1;
	}
	return gap;
}

/* q35-like: RAM to 2 GiB around two reserved ranges, a crash region in it; MMIO hole above. */
static void fills_what_the_search_could_take(void)
{
	const struct range ram[] = { { 0, 0x9ffff }, { 1 * MIB, 2048 * MIB - 1 } };
	struct range kept[] = {
		{ 0, 0x9ffff },                          /* kdump RAM, low */
		{ 512 * MIB, 768 * MIB - 1 },            /* kdump RAM, the crash region */
		{ 100 * MIB, 100 * MIB + 0xfff },        /* two reserved ranges 1 MiB apart */
		{ 101 * MIB, 101 * MIB + 0xfff },
		{ 3072 * MIB, 3328 * MIB - 1 },          /* ECAM */
	};
	uint32_t nkept = 5, n;
	struct range out[OLDRAM_MAX];

	oldram_kept(kept, &nkept);
	n = oldram_fill(ram, 2, kept, nkept, out);
	CHECK_EQ(n, 3);             /* 1 MiB..100 MiB, 101 MiB..512 MiB, 768 MiB..2 GiB; not the 1 MiB between */
	CHECK(out[0].first == 1 * MIB && out[0].last == 100 * MIB - 1);
	CHECK(out[1].first == 101 * MIB + 0x1000 && out[1].last == 512 * MIB - 1);
	CHECK(out[2].first == 768 * MIB && out[2].last == 2048 * MIB - 1);
	/* joined across the reserved ranges and the small RAM between; never across the kdump RAM */
	const struct range kdump_ram[] = { { 0, 0x9ffff }, { 512 * MIB, 768 * MIB - 1 } };

	n = oldram_bridge(out, n, ram, 2, kept, nkept, kdump_ram, 2);
	CHECK_EQ(n, 2);
	CHECK(out[0].first == 1 * MIB && out[0].last == 512 * MIB - 1);
}

/* A small piece next to a hole of the first kernel's map would widen that hole: carried. */
static void small_piece_next_to_a_hole(void)
{
	const struct range ram[] = { { 1 * MIB, 100 * MIB - 1 }, { 200 * MIB, 201 * MIB - 1 } };
	struct range kept[] = { { 1 * MIB, 100 * MIB - 1 }, { 201 * MIB, 202 * MIB - 1 } };
	uint32_t nkept = 2;
	struct range out[OLDRAM_MAX];

	oldram_kept(kept, &nkept);
	CHECK_EQ(oldram_fill(ram, 2, kept, nkept, out), 1);
	CHECK(out[0].first == 200 * MIB && out[0].last == 201 * MIB - 1);
}

/*
 * RAM up to 4 GiB but for a 5 MiB hole: that hole is the window. A 6 MiB piece of RAM between two
 * reserved ranges would be a larger one: carried, though both its neighbours are.
 */
static void piece_larger_than_the_window(void)
{
	const struct range ram[] = { { 1 * MIB, 3000 * MIB - 1 }, { 3005 * MIB, OLDRAM_GAP_END - 1 } };
	struct range kept[] = {
		{ 1 * MIB, 1000 * MIB - 1 },             /* kdump RAM */
		{ 1000 * MIB, 2000 * MIB - 1 },          /* reserved */
		{ 2006 * MIB, 3000 * MIB - 1 },          /* reserved */
		{ 3005 * MIB, OLDRAM_GAP_END - 1 },      /* reserved */
	}, first[] = { ram[0], ram[1] }, kdump[4 + OLDRAM_MAX];
	uint32_t nkept = 4, n;
	struct range out[OLDRAM_MAX], g1, g2;

	oldram_kept(kept, &nkept);
	n = oldram_fill(ram, 2, kept, nkept, out);
	CHECK_EQ(n, 1);
	CHECK(out[0].first == 2000 * MIB && out[0].last == 2006 * MIB - 1);
	memcpy(kdump, kept, nkept * sizeof(*kept));
	memcpy(kdump + nkept, out, n * sizeof(*out));
	g1 = pci_gap(first, 2);
	g2 = pci_gap(kdump, nkept + n);
	CHECK(g1.first == 3000 * MIB && g1.last == 3005 * MIB - 1 && g2.first == g1.first && g2.last == g1.last);
}

/* Above 4 GiB the search never looks: nothing carried there; a range across 4 GiB is cut at it. */
static void nothing_above_4g(void)
{
	const struct range ram[] = { { 3584 * MIB, 6144 * MIB - 1 } };
	struct range kept[] = { { 5120 * MIB, 5376 * MIB - 1 } };
	uint32_t nkept = 1;
	struct range out[OLDRAM_MAX];

	CHECK_EQ(oldram_fill(ram, 1, kept, nkept, out), 1);
	CHECK(out[0].first == 3584 * MIB && out[0].last == OLDRAM_GAP_END - 1);
}

/*
 * Random first-kernel maps below 4 GiB: RAM ranges, reserved ranges cut out of them, a crash
 * region inside one. The kdump kernel's map (its RAM, the reserved ranges, the pieces carried)
 * has the first kernel's window; without the pieces, it mostly does not.
 */
static void window_is_the_first_kernels(void)
{
	uint64_t seed = 0x5eed0ca7;
	uint32_t differ_without = 0;

	for (int round = 0; round < 2000; round++) {
		struct range ram[8], res[16], first[24], kdump[3 * MAX], kept[24], out[OLDRAM_MAX];
		uint32_t nram = 0, nres = 0, nfirst = 0, nkdump = 0, nkept, n;
		uint64_t at = MIB;

		while (nram < 8 && at < OLDRAM_GAP_END - 64 * MIB) {
			uint64_t len = (1 + rng_below(&seed, 512)) * MIB;

			if (at + len > OLDRAM_GAP_END)
				break;
			ram[nram++] = (struct range){ at, at + len - 1 };
			at += len + rng_below(&seed, 3) * rng_below(&seed, 256) * MIB;   /* a hole, or none */
		}
		if (!nram)
			continue;
		/* the kdump kernel's RAM: the first half of one RAM range */
		uint32_t c = rng_below(&seed, nram);
		struct range crash = { ram[c].first, ram[c].first + range_size(ram[c]) / 2 - 1 };

		for (uint32_t i = 0; i < nram && nres < 16; i++)
			for (int k = rng_below(&seed, 3); k > 0 && nres < 16; k--) {
				uint64_t a = ram[i].first + rng_below(&seed, range_size(ram[i]) / 4096) * 4096;
				uint64_t len = (1 + rng_below(&seed, 2048)) * 4096;
				struct range r = { a, a + len - 1 };

				if (r.last <= ram[i].last && !range_overlap(r, crash))
					res[nres++] = r;
			}
		for (uint32_t i = 0; i < nram; i++)
			first[nfirst++] = ram[i];
		for (uint32_t i = 0; i < nres; i++)
			first[nfirst++] = res[i];
		nkept = 0;
		kept[nkept++] = crash;
		for (uint32_t i = 0; i < nres; i++)
			kept[nkept++] = res[i];
		/* the kdump kernel without the pieces: its RAM and the reserved ranges */
		memcpy(kdump, kept, nkept * sizeof(*kept));
		nkdump = nkept;
		if (pci_gap(first, nfirst).first != pci_gap(kdump, nkdump).first ||
		    pci_gap(first, nfirst).last != pci_gap(kdump, nkdump).last)
			differ_without++;
		oldram_kept(kept, &nkept);
		n = oldram_fill(ram, nram, kept, nkept, out);
		for (uint32_t i = 0; i < n; i++) {
			CHECK(out[i].last < OLDRAM_GAP_END);
			kdump[nkdump++] = out[i];
		}
		struct range g1 = pci_gap(first, nfirst), g2 = pci_gap(kdump, nkdump);

		CHECK(g1.first == g2.first && g1.last == g2.last);
		if (g1.first != g2.first || g1.last != g2.last)
			fprintf(stderr, "  round %d: first %#llx-%#llx, kdump %#llx-%#llx\n", round,
				(unsigned long long)g1.first, (unsigned long long)g1.last,
				(unsigned long long)g2.first, (unsigned long long)g2.last);
	}
	CHECK(differ_without > 100);       /* the maps are ones where it matters */
}

/* oldram_pci_window() against the model, on exact cases and random maps */
static void pci_window_as_the_kernel_finds_it(void)
{
	uint64_t seed = 0x9c1;
	struct range w, s[3 * MAX], m;

	/* RAM to 1 GiB, ECAM at 2.75 GiB: 1..2.75 GiB is larger than 3..4 GiB */
	s[0] = (struct range){ 0, 0x3fffffff };
	s[1] = (struct range){ 0xb0000000, 0xbfffffff };
	CHECK_EQ(oldram_pci_window(s, 2, &w), 0);
	CHECK(w.first == 0x40000000 && w.last == 0xafffffff);
	/* two equal gaps: the higher */
	s[0] = (struct range){ 0, 64 * MIB - 1 };
	s[1] = (struct range){ 128 * MIB, 4096 * MIB - 64 * MIB - 1 };
	CHECK_EQ(oldram_pci_window(s, 2, &w), 0);
	CHECK(w.first == 4096 * MIB - 64 * MIB && w.last == 4096 * MIB - 1);
	/* nothing of 4 MiB or more: none */
	s[0] = (struct range){ 0, 4096 * MIB - 4 * MIB };
	CHECK_EQ(oldram_pci_window(s, 1, &w), -1);
	for (int round = 0; round < 2000; round++) {
		uint32_t n = 1 + rng_below(&seed, 24);

		for (uint32_t i = 0; i < n; i++) {
			uint64_t a = rng_below(&seed, 4608) * MIB, len = (1 + rng_below(&seed, 256)) * MIB;

			s[i] = (struct range){ a, a + len - 1 };
		}
		m = pci_gap(s, n);
		if (oldram_pci_window(s, n, &w))
			CHECK(m.first == 0 && m.last == 0);
		else
			CHECK(w.first == m.first && w.last == m.last);
	}
}

int main(void)
{
	RUN(fills_what_the_search_could_take);
	RUN(small_piece_next_to_a_hole);
	RUN(piece_larger_than_the_window);
	RUN(nothing_above_4g);
	RUN(window_is_the_first_kernels);
	RUN(pci_window_as_the_kernel_finds_it);
	return TESTS_DONE();
}
