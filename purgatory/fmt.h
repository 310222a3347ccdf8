/* SPDX-License-Identifier: GPL-2.0 */
/* Line-at-a-time text output without libc: the purgatory's serial report, and the same text in host tests. */
#ifndef PURGATORY_FMT_H
#define PURGATORY_FMT_H
#include <stddef.h>
#include <stdint.h>

#define OUT_LINE_MAX 160

struct out {
	void (*emit)(void *ctx, const char *line);   /* called with each finished line */
	void *ctx;
	size_t len;
	char line[OUT_LINE_MAX];
};

void out_str(struct out *o, const char *s);
void out_dec(struct out *o, uint64_t v);
void out_hex(struct out *o, uint64_t v);          /* 0x-prefixed, lowercase */
void out_end(struct out *o);                      /* finish the line and emit it */

#endif
