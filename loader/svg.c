// SPDX-License-Identifier: GPL-2.0
#include <math.h>

#include "e820words.h"
#include "include/purgatory_abi.h"
#include "svg.h"

#define WIDTH        1280
#define LEFT         300             /* band labels */
#define RIGHT        30
#define TOP          70
#define BAND_H       36
#define BAND_GAP     26
#define LEGEND_H     70
#define LEGEND_X     10
#define AXIS_LOW     12              /* log2 of the axis' left end: 4 KiB (page 0 sits there) */
#define AXIS_MIN_TOP 33              /* at least 8 GiB, so 4 GiB is always inside */
#define TICK_STEP    4               /* a tick every 16x: 4K 64K 1M 16M 256M 4G 64G ... */
#define MIN_PX       1.0             /* a 4 KiB range stays visible */
#define FOUR_GIB     (1ull << 32)

/* The legend's types, in its order; the words are e820words.c's. */
static const struct { uint32_t type; const char *colour; } types[] = {
	{ E820_TYPE_RAM, "#4caf50" },
	{ E820_TYPE_RESERVED, "#9e9e9e" },
	{ E820_TYPE_ACPI, "#2196f3" },
	{ E820_TYPE_NVS, "#7e57c2" },
	{ E820_TYPE_UNUSABLE, "#424242" },
	{ E820_TYPE_PMEM, "#ff9800" },
	{ E820_TYPE_PRAM, "#ffc107" },
	{ E820_TYPE_SOFT_RESERVED, "#cddc39" },
};
#define NTYPES (sizeof(types) / sizeof(types[0]))
#define OTHER_COLOUR "#e91e63"
#define WORD_MAX     32

static const char *colour_of(uint32_t type)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == type)
			return types[i].colour;
	return OTHER_COLOUR;
}

/* Text from outside (band labels, a title) with XML's five specials escaped. */
static void text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f);
		}
	}
}

struct axis { double top; };        /* log2 of the right end */

static double x_of(const struct axis *a, uint64_t addr)
{
	double l = addr > (1ull << AXIS_LOW) ? log2((double)addr) : AXIS_LOW;

	return LEFT + (WIDTH - LEFT - RIGHT) * (l - AXIS_LOW) / (a->top - AXIS_LOW);
}

static double band_y(uint32_t i) { return TOP + i * (double)(BAND_H + BAND_GAP); }

/* Inclusive: last + 1 may be 2^64, so the right edge is taken from last itself. */
static void rect(FILE *f, const struct axis *a, double y, const struct map_range *r, const char *cls,
		 const char *style)
{
	double x1 = x_of(a, r->r.first), w = x_of(a, r->r.last) - x1;
	char word[WORD_MAX];

	fprintf(f, "  <rect class=\"%s\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" %s>"
		"<title>0x%016llx-0x%016llx %s</title></rect>\n", cls, x1, y, w < MIN_PX ? MIN_PX : w, BAND_H, style,
		(unsigned long long)r->r.first, (unsigned long long)r->r.last, e820_type_word(r->type, word, sizeof(word)));
}

static int covered(const struct map_band *b, const struct map_range *r)
{
	for (uint32_t i = 0; i < b->n; i++)
		if (b->r[i].type == r->type && b->r[i].r.first <= r->r.first && b->r[i].r.last >= r->r.last)
			return 1;
	return 0;
}

static void axis_and_marks(FILE *f, const struct axis *a, double bottom, const struct range *crash,
			   uint32_t ncrash)
{
	static const char *units[] = { "", "K", "M", "G", "T", "P" };

	for (int k = AXIS_LOW; k <= (int)a->top; k += TICK_STEP) {
		double x = x_of(a, 1ull << k);

		fprintf(f, "  <line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x, TOP - 6, x,
			bottom);
		fprintf(f, "  <text x=\"%.2f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%llu%s</text>\n", x,
			TOP - 10, 1ull << (k % 10), units[k / 10]);
	}
	for (uint32_t i = 0; i < ncrash; i++) {
		double x1 = x_of(a, crash[i].first), x2 = x_of(a, crash[i].last);

		fprintf(f, "  <rect class=\"crash\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%.1f\" fill=\"#ffeb3b\" "
			"fill-opacity=\"0.25\" stroke=\"#f57f17\" stroke-dasharray=\"4 2\"><title>crash kernel region "
			"0x%llx-0x%llx</title></rect>\n", x1, TOP - 4, x2 - x1 < MIN_PX ? MIN_PX : x2 - x1, bottom - TOP + 8,
			(unsigned long long)crash[i].first, (unsigned long long)crash[i].last);
		fprintf(f, "  <text x=\"%.2f\" y=\"%.1f\" font-size=\"11\" fill=\"#f57f17\">crash kernel</text>\n", x1,
			bottom + 16);
	}
	fprintf(f, "  <line class=\"four-gib\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#000\" "
		"stroke-dasharray=\"6 3\"/>\n", x_of(a, FOUR_GIB), TOP - 4, x_of(a, FOUR_GIB), bottom + 4);
	fprintf(f, "  <text x=\"%.2f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">4 GiB</text>\n",
		x_of(a, FOUR_GIB), bottom + 30);
}

static void legend(FILE *f, double y)
{
	double x = LEGEND_X;
	char word[WORD_MAX];

	for (size_t i = 0; i < NTYPES; i++, x += 128) {
		fprintf(f, "  <rect x=\"%.0f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y, types[i].colour);
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\">%s</text>\n", x + 16, y + 10,
			e820_type_word(types[i].type, word, sizeof(word)));
	}
	fprintf(f, "  <rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"none\" stroke=\"red\" "
		"stroke-width=\"2\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\">first-kernel range this kdump kernel "
		"lacks</text>\n", LEGEND_X, y + 22, LEGEND_X + 16, y + 32);
}

void svg_map(FILE *f, const char *title, const struct map_band *bands, uint32_t nbands,
	     const struct range *crash, uint32_t ncrash)
{
	struct axis a = { AXIS_MIN_TOP };
	double bottom = band_y(nbands) - BAND_GAP;
	int height = (int)bottom + 40 + LEGEND_H;

	for (uint32_t b = 0; b < nbands; b++)
		for (uint32_t i = 0; i < bands[b].n; i++)
			if (bands[b].r[i].r.last && log2((double)bands[b].r[i].r.last) > a.top)
				a.top = ceil(log2((double)bands[b].r[i].r.last));
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"sans-serif\">\n  <rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
		"  <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">",
		WIDTH, height, WIDTH, height);
	text(f, title);
	fputs("</text>\n  <text x=\"10\" y=\"40\" font-size=\"11\">physical address, log scale</text>\n", f);
	axis_and_marks(f, &a, bottom, crash, ncrash);
	for (uint32_t b = 0; b < nbands; b++) {
		const struct map_band *band = &bands[b];
		double y = band_y(b);
		uint32_t missing = 0;

		fprintf(f, " <g class=\"band\" id=\"band-%u\" data-label=\"", b);
		text(f, band->label);
		fprintf(f, "\">\n  <text x=\"10\" y=\"%.1f\" font-size=\"12\">", y + BAND_H / 2.0 + 4);
		text(f, band->label);
		fputs("</text>\n", f);
		if (band->died)
			fprintf(f, "  <text class=\"died\" x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"red\">no e820 printed: "
				"this kdump kernel died first</text>\n", LEFT, y + BAND_H / 2.0 + 4);
		for (uint32_t i = 0; i < band->n; i++) {
			char style[64];

			snprintf(style, sizeof(style), "fill=\"%s\"", colour_of(band->r[i].type));
			rect(f, &a, y, &band->r[i], "e820", style);
		}
		for (uint32_t i = 0; b && !band->died && i < bands[0].n; i++)
			if (bands[0].r[i].type != E820_TYPE_RAM && !covered(band, &bands[0].r[i])) {
				rect(f, &a, y, &bands[0].r[i], "missing", "fill=\"none\" stroke=\"red\" stroke-width=\"2\"");
				missing++;
			}
		if (b && !band->died)
			fprintf(f, "  <text x=\"10\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">%u first-kernel ranges missing"
				"</text>\n", y + BAND_H / 2.0 + 17, missing ? "red" : "#2e7d32", missing);
		fprintf(f, " </g>\n");
	}
	legend(f, bottom + 44);
	fprintf(f, "</svg>\n");
}
