// SPDX-License-Identifier: GPL-2.0
/* e820shim.conf and load options: whatever they accept is a config the shim can act on. */
#include <stdlib.h>
#include <string.h>

#include "shim/conf.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static struct shim_conf c;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[200], lines[CONF_CMDLINE_MAX * 2];
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	conf_defaults(&c);
	if (!conf_parse(&c, text, size, why, sizeof(why))) {
		CHECK(c.kernel[0] && memchr(c.kernel, 0, sizeof(c.kernel)));
		CHECK(memchr(c.initrd, 0, sizeof(c.initrd)) && memchr(c.cmdline, 0, sizeof(c.cmdline)));
		CHECK(c.nreserve <= CONF_MAX_RESERVE && (c.table == 0 || c.table == 1));
		for (uint32_t i = 0; i < c.nreserve; i++) {
			const struct staged_range *r = &c.reserve[i];

			CHECK(r->size && r->addr + r->size > r->addr && r->addr + r->size <= STAGED_PHYS_LIMIT);
			CHECK(r->type && r->type != E820_TYPE_RAM);
		}
		CHECK(!c.serial_port || (c.serial_baud >= 1 && c.serial_baud <= 115200));
	} else {
		CHECK(why[0]);
	}
	text[size] = 0;
	CHECK(conf_options_to_lines(text, size, lines, sizeof(lines)) < sizeof(lines));
	free(text);
	return 0;
}
