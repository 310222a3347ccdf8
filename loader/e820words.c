// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "e820words.h"
#include "include/purgatory_abi.h"

static const uint32_t named[] = {
	E820_TYPE_RAM, E820_TYPE_RESERVED, E820_TYPE_SOFT_RESERVED, E820_TYPE_ACPI, E820_TYPE_NVS,
	E820_TYPE_UNUSABLE, E820_TYPE_PMEM, E820_TYPE_PRAM,
};

const char *e820_type_word(uint32_t t, char *buf, size_t size)
{
	switch (t) {
	case E820_TYPE_RAM: return "usable";
	case E820_TYPE_RESERVED: return "reserved";
	case E820_TYPE_SOFT_RESERVED: return "soft reserved";
	case E820_TYPE_ACPI: return "ACPI data";
	case E820_TYPE_NVS: return "ACPI NVS";
	case E820_TYPE_UNUSABLE: return "unusable";
	case E820_TYPE_PMEM: case E820_TYPE_PRAM:
		snprintf(buf, size, "persistent (type %u)", t);
		return buf;
	default:
		snprintf(buf, size, "type %u", t);
		return buf;
	}
}

/* Linux 7.x's words, where they differ from 6.x's */
static const struct { uint32_t type; const char *word; } renamed[] = {
	{ E820_TYPE_RAM, "System RAM" }, { E820_TYPE_RESERVED, "device reserved" },
	{ E820_TYPE_PMEM, "persistent RAM (type 7)" }, { E820_TYPE_PRAM, "persistent RAM (type 12)" },
};

uint32_t e820_word_type(const char *word)
{
	char buf[32];

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(word, e820_type_word(named[i], buf, sizeof(buf))))
			return named[i];
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(word, renamed[i].word))
			return renamed[i].type;
	return 0;
}
