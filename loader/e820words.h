/* SPDX-License-Identifier: GPL-2.0 */
/*
 * e820 types in the words Linux's e820_print_type() prints (dmesg "BIOS-e820:" lines). Pure.
 * Linux 7.x renamed three: "System RAM", "device reserved", "persistent RAM (type N)" (6.x:
 * "usable", "reserved", "persistent (type N)"); the others are unchanged.
 */
#ifndef LOADER_E820WORDS_H
#define LOADER_E820WORDS_H
#include <stddef.h>
#include <stdint.h>

/* The 6.x word: "usable", "ACPI NVS", "persistent (type 12)", ... or "type N"; buf holds built ones. */
const char *e820_type_word(uint32_t type, char *buf, size_t size);

/* The type a kernel prints as word, in either vocabulary; 0 for a word no kernel prints. */
uint32_t e820_word_type(const char *word);

#endif
