/* SPDX-License-Identifier: GPL-2.0 */
/* e820 types in the words Linux's e820_print_type() prints (dmesg "BIOS-e820:" lines). Pure. */
#ifndef LOADER_E820WORDS_H
#define LOADER_E820WORDS_H
#include <stddef.h>
#include <stdint.h>

/* "usable", "ACPI NVS", "persistent (type 12)", ... or "type N"; buf holds the built ones. */
const char *e820_type_word(uint32_t type, char *buf, size_t size);

/* The type the kernel prints as word; 0 for a word it never prints. */
uint32_t e820_word_type(const char *word);

#endif
