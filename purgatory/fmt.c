// SPDX-License-Identifier: GPL-2.0
#include "fmt.h"

static void out_char(struct out *o, char c)
{
	if (o->len < OUT_LINE_MAX - 1)          /* a line too long is cut, never overrun */
		o->line[o->len++] = c;
}

void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

void out_dec(struct out *o, uint64_t v)
{
	char digits[20];
	int n = 0;

	do {
		digits[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		out_char(o, digits[--n]);
}

void out_hex(struct out *o, uint64_t v)
{
	int shift = 60;

	out_str(o, "0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		out_char(o, "0123456789abcdef"[(v >> shift) & 15]);
}

void out_end(struct out *o)
{
	o->line[o->len] = 0;
	if (o->emit)
		o->emit(o->ctx, o->line);
	o->len = 0;
}
