// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

/* Options of the first kernel that would break or mislead the kdump kernel. */
static int dropped(const char *opt, size_t len)
{
	static const char *const drop[] = { "crashkernel=", "BOOT_IMAGE=", "initrd=", "elfcorehdr=", "kexec_jump_back_entry=" };

	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		if (len >= strlen(drop[i]) && !strncmp(opt, drop[i], strlen(drop[i])))
			return 1;
	return 0;
}

int cmdline_reuse(const char *text, char *out, size_t size)
{
	size_t used = 0;

	if (!size)
		return -1;
	out[0] = 0;
	while (*text) {
		size_t len = strcspn(text, " \n");

		if (len && !dropped(text, len)) {
			if (used + !!used + len + 1 > size)
				return -1;
			if (used)
				out[used++] = ' ';
			memcpy(out + used, text, len);
			used += len;
			out[used] = 0;
		}
		text += len + (text[len] != 0);
	}
	return 0;
}

uint32_t cpu_list_count(const char *text, uint32_t max)
{
	uint64_t count = 0;
	const char *p = text;

	while (*p && *p != '\n') {
		char *q;
		unsigned long a = strtoul(p, &q, 10), b = a;

		if (q == p || *p < '0' || *p > '9')
			return 0;
		if (*q == '-') {
			if (q[1] < '0' || q[1] > '9')
				return 0;
			b = strtoul(q + 1, &q, 10);
		}
		if (b < a || b - a >= max || (count += b - a + 1) > max)
			return 0;
		if (*q != ',' && *q != '\n' && *q)
			return 0;
		p = *q == ',' ? q + 1 : q;
	}
	return (uint32_t)count;
}
