// SPDX-License-Identifier: GPL-2.0
/* bootproto/console.c: the console spelling both loaders take (shim console=, loader --console=). */
#include <string.h>

#include "check.h"
#include "bootproto/console.h"

static const char *parse(const char *s, uint16_t *port, uint32_t *baud)
{
	return console_parse(s, strlen(s), port, baud);
}

static void console_good(void)
{
	uint16_t port = 1;
	uint32_t baud = 1;

	CHECK(!parse("ttyS0", &port, &baud));
	CHECK_EQ(port, 0x3f8);
	CHECK_EQ(baud, 115200);
	CHECK(!parse("ttyS1,9600", &port, &baud));
	CHECK_EQ(port, 0x2f8);
	CHECK_EQ(baud, 9600);
	CHECK(!parse("ttyS0,1", &port, &baud));
	CHECK_EQ(baud, 1);
	CHECK(!parse("ttyS1,115200", &port, &baud));
	CHECK_EQ(baud, 115200);
	CHECK(!parse("off", &port, &baud));
	CHECK_EQ(port, 0);
}

/* Each refusal names what is wrong and leaves port and baud as they were. */
static void console_bad(void)
{
	static const struct { const char *in, *why; } cases[] = {
		{ "ttyS9", "must be ttyS0" }, { "", "must be ttyS0" }, { "ttyS0x", "must be ttyS0" },
		{ "OFF", "must be ttyS0" }, { "off,9600", "must be ttyS0" }, { "ttyS0,0", "baud must be" },
		{ "ttyS0,115201", "baud must be" }, { "ttyS0,", "baud must be" }, { "ttyS0,96OO", "baud must be" },
		{ "ttyS0,0x2580", "baud must be" }, { "ttyS0,-1", "baud must be" },
		{ "ttyS1,99999999999999999999999999", "baud must be" }, { "ttyS0,9600,8n1", "baud must be" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint16_t port = 7;
		uint32_t baud = 7;
		const char *why = parse(cases[i].in, &port, &baud);

		CHECK(why && strstr(why, cases[i].why));
		CHECK(port == 7 && baud == 7);
		if (!why || !strstr(why, cases[i].why))
			fprintf(stderr, "  input \"%s\": %s\n", cases[i].in, why ? why : "(accepted)");
	}
}

int main(void)
{
	RUN(console_good);
	RUN(console_bad);
	return TESTS_DONE();
}
