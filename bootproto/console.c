// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "console.h"

static int is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(s, word, len);
}

const char *console_parse(const char *v, size_t len, uint16_t *port, uint32_t *baud)
{
	const char *comma = memchr(v, ',', len);
	size_t name = comma ? (size_t)(comma - v) : len;
	uint64_t b = CONSOLE_DEFAULT_BAUD;

	if (is(v, len, "off")) {
		*port = 0;
		return NULL;
	}
	if (comma) {                    /* decimal, as the kernel's console= spells it */
		size_t digits = len - name - 1;

		b = 0;
		for (const char *d = comma + 1; d < v + len && b <= CONSOLE_MAX_BAUD; d++) {
			if (*d < '0' || *d > '9')
				return "console baud must be a decimal number from 1 to 115200";
			b = b * 10 + (uint64_t)(*d - '0');
		}
		if (!digits || !b || b > CONSOLE_MAX_BAUD)
			return "console baud must be a decimal number from 1 to 115200";
	}
	if (is(v, name, "ttyS0"))
		*port = CONSOLE_COM1_PORT;
	else if (is(v, name, "ttyS1"))
		*port = CONSOLE_COM2_PORT;
	else
		return "console must be ttyS0[,BAUD], ttyS1[,BAUD] or off";
	*baud = (uint32_t)b;
	return NULL;
}
