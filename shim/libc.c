// SPDX-License-Identifier: GPL-2.0
/*
 * The little of libc the shared bootproto/ and shim/ code calls beyond
 * purgatory/string.c (memmove, memcmp) and gnu-efi's libefi (memcpy, memset).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
int snprintf(char *buf, size_t size, const char *fmt, ...);

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

struct sink { char *buf; size_t size, len; };

static void put(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void number(struct sink *s, uint64_t v, unsigned base, int width, char pad)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (width-- > n)
		put(s, pad);
	while (n)
		put(s, d[--n]);
}

/* %s %c %d %u %x with width, 0 padding and l/ll/z: what our messages use. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct sink s = { buf, size, 0 };
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		char pad = ' ';

		if (*fmt != '%') {
			put(&s, *fmt);
			continue;
		}
		if (*++fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l' || *fmt == 'z')
			longs++, fmt++;
		switch (*fmt) {
		case 's': {
			const char *str = va_arg(ap, const char *);

			while (*str)
				put(&s, *str++);
			break;
		}
		case 'c':
			put(&s, (char)va_arg(ap, int));
			break;
		case 'd': {
			int64_t v = longs ? va_arg(ap, long long) : va_arg(ap, int);

			if (v < 0) {
				put(&s, '-');
				v = -v;
			}
			number(&s, (uint64_t)v, 10, width, pad);
			break;
		}
		case 'u':
		case 'x':
			number(&s, longs ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned),
			       *fmt == 'u' ? 10 : 16, width, pad);
			break;
		default:
			put(&s, '%');
			put(&s, *fmt);
		}
	}
	va_end(ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = 0;
	return (int)s.len;
}
