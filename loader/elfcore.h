/* SPDX-License-Identifier: GPL-2.0 */
/* The ELF core headers /proc/vmcore is built from in the kdump kernel. Pure. */
#ifndef LOADER_ELFCORE_H
#define LOADER_ELFCORE_H
#include <stddef.h>
#include <stdint.h>

#include "bootproto/layout.h"

struct elf_note_src {
	uint64_t addr, size;            /* a CPU's crash_notes, or vmcoreinfo */
};

/* Bytes of the headers for nnotes PT_NOTE and nload PT_LOAD. */
size_t elfcore_size(uint32_t nnotes, uint32_t nload);

/*
 * PT_LOAD ranges: RAM with the crash regions cut out (their memory is the kdump
 * kernel's own, not the dump's). Returns how many there are; at most cap written.
 */
uint32_t elfcore_loads(const struct range *ram, uint32_t nram, const struct range *crash,
		       uint32_t ncrash, struct range *out, uint32_t cap);

/* Write the headers into buf (elfcore_size bytes); PT_LOAD p_vaddr = page_offset + p_paddr. */
void elfcore_write(void *buf, const struct elf_note_src *notes, uint32_t nnotes,
		   const struct range *loads, uint32_t nload, uint64_t page_offset);

#endif
