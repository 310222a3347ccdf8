// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "bootproto/console.h"

void conf_defaults(struct shim_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->table = 1;
	c->serial_port = CONSOLE_COM1_PORT;
	c->serial_baud = CONSOLE_DEFAULT_BAUD;
}

/* Decimal or 0x-hex, the whole string, no overflow. */
static int number(const char *s, size_t len, uint64_t *v)
{
	unsigned base = 10;

	*v = 0;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
	}
	if (!len)
		return -1;
	for (; len; s++, len--) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		if (*v > (UINT64_MAX - d) / base)
			return -1;
		*v = *v * base + d;
	}
	return 0;
}

static int is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(s, word, len);
}

static int type_word(const char *s, size_t len, uint32_t *type)
{
	static const struct { const char *word; uint32_t type; } words[] = {
		{ "reserved", E820_TYPE_RESERVED }, { "acpi", E820_TYPE_ACPI }, { "nvs", E820_TYPE_NVS },
		{ "unusable", E820_TYPE_UNUSABLE }, { "pmem", E820_TYPE_PMEM },
	};
	uint64_t v;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(s, len, words[i].word)) {
			*type = words[i].type;
			return 0;
		}
	if (number(s, len, &v) || v == 0 || v == E820_TYPE_RAM || v > UINT32_MAX)
		return -1;
	*type = (uint32_t)v;
	return 0;
}

/* reserve=ADDR,SIZE[,TYPE] */
static const char *reserve(struct shim_conf *c, const char *v, size_t len)
{
	const char *comma = memchr(v, ',', len), *comma2;
	struct staged_range r = { .type = E820_TYPE_RESERVED };

	if (!comma)
		return "reserve= needs ADDR,SIZE[,TYPE]";
	comma2 = memchr(comma + 1, ',', len - (comma + 1 - v));
	if (number(v, comma - v, &r.addr))
		return "reserve= address is not a number";
	if (number(comma + 1, (comma2 ? comma2 : v + len) - (comma + 1), &r.size) || !r.size)
		return "reserve= size is not a positive number";
	if (r.addr + r.size < r.addr || r.addr + r.size > STAGED_PHYS_LIMIT)
		return "reserve= range runs past 52-bit physical space";
	if (comma2 && type_word(comma2 + 1, v + len - (comma2 + 1), &r.type))
		return "reserve= type must be reserved/acpi/nvs/unusable/pmem or a non-RAM number";
	if (c->nreserve == CONF_MAX_RESERVE)
		return "too many reserve= lines";
	c->reserve[c->nreserve++] = r;
	return NULL;
}

/* sp=ADDR,SIZE: page-aligned, as UEFI descriptors are */
static const char *sp(struct shim_conf *c, const char *v, size_t len)
{
	const char *comma = memchr(v, ',', len);
	uint64_t addr, size;

	if (!comma || number(v, comma - v, &addr) || number(comma + 1, v + len - (comma + 1), &size) || !size)
		return "sp= needs ADDR,SIZE (numbers, SIZE above 0)";
	if ((addr | size) & 0xfff)
		return "sp= address and size must be multiples of 4 KiB";
	if (addr + size < addr || addr + size > STAGED_PHYS_LIMIT)
		return "sp= range runs past 52-bit physical space";
	if (c->nsp == CONF_MAX_SP)
		return "too many sp= lines";
	c->sp[c->nsp++] = (struct range){ addr, addr + size - 1 };
	return NULL;
}

static const char *copy(char *dst, size_t cap, const char *v, size_t len)
{
	if (len >= cap)
		return "value too long";
	memcpy(dst, v, len);
	dst[len] = 0;
	return NULL;
}

static const char *line(struct shim_conf *c, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len), *v;
	size_t klen, vlen;

	if (!eq)
		return "expected key=value";
	klen = eq - s;
	v = eq + 1;
	vlen = len - klen - 1;
	if (is(s, klen, "kernel"))
		return vlen ? copy(c->kernel, sizeof(c->kernel), v, vlen) : "kernel= is empty";
	if (is(s, klen, "initrd"))
		return copy(c->initrd, sizeof(c->initrd), v, vlen);
	if (is(s, klen, "cmdline"))
		return copy(c->cmdline, sizeof(c->cmdline), v, vlen);
	if (is(s, klen, "reserve"))
		return reserve(c, v, vlen);
	if (is(s, klen, "sp"))
		return sp(c, v, vlen);
	if (is(s, klen, "console"))
		return console_parse(v, vlen, &c->serial_port, &c->serial_baud);
#ifdef E820SHIM_FAULTS
	if (is(s, klen, "fault"))
		return copy(c->fault, sizeof(c->fault), v, vlen);
	if (is(s, klen, "fault_ext_capacity")) {
		uint64_t n;

		if (number(v, vlen, &n) || n > CONF_MAX_RESERVE)
			return "fault_ext_capacity= must be a number up to 4096";
		c->fault_ext_capacity = (uint32_t)n;
		return NULL;
	}
#endif
	if (is(s, klen, "table")) {
		if (is(v, vlen, "on") || is(v, vlen, "off")) {
			c->table = is(v, vlen, "on");
			return NULL;
		}
		return "table= must be on or off";
	}
	return "unknown key (kernel, initrd, cmdline, reserve, sp, table, console)";
}

static int blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

int conf_parse(struct shim_conf *c, const char *text, size_t len, char *why, size_t why_size)
{
	unsigned lineno = 0;

	while (len) {
		const char *nl = memchr(text, '\n', len), *s = text, *e;
		size_t n = nl ? (size_t)(nl - text) : len, consumed = nl ? n + 1 : n;
		const char *err;

		lineno++;
		e = s + n;
		while (s < e && blank(*s))
			s++;
		while (e > s && blank(e[-1]))
			e--;
		if (memchr(s, 0, e - s)) {
			snprintf(why, why_size, "line %u: NUL byte", lineno);
			return -1;
		}
		if (s < e && *s != '#' && (err = line(c, s, e - s))) {
			snprintf(why, why_size, "line %u: %s", lineno, err);
			return -1;
		}
		text += consumed;
		len -= consumed;
	}
	if (!c->kernel[0]) {
		snprintf(why, why_size, "no kernel= line");
		return -1;
	}
	return 0;
}

size_t conf_options_to_lines(const char *opts, size_t len, char *out, size_t out_size)
{
	size_t n = 0, i = 0;
	int quoted = 0, first = 1;

	if (!out_size)
		return 0;
	while (i < len && opts[i] && n + 1 < out_size) {
		char ch = opts[i++];

		if (ch == '"') {
			quoted = !quoted;
		} else if (ch == ' ' && !quoted) {
			if (n && out[n - 1] != '\n')
				out[n++] = '\n';
			if (first) {            /* argv[0] is the program's own name */
				n = 0;
				first = 0;
			}
		} else {
			out[n++] = ch;
		}
	}
	if (first)                      /* only the program name */
		n = 0;
	out[n] = 0;
	return n;
}
