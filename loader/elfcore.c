// SPDX-License-Identifier: GPL-2.0
#include <elf.h>
#include <string.h>

#include "elfcore.h"

size_t elfcore_size(uint32_t nnotes, uint32_t nload)
{
	return sizeof(Elf64_Ehdr) + ((size_t)nnotes + nload) * sizeof(Elf64_Phdr);
}

static void emit(struct range *out, uint32_t *n, uint32_t cap, uint64_t first, uint64_t last)
{
	if (*n < cap)
		out[*n] = (struct range){ first, last };
	(*n)++;
}

uint32_t elfcore_loads(const struct range *ram, uint32_t nram, const struct range *crash,
		       uint32_t ncrash, struct range *out, uint32_t cap)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < nram; i++) {
		uint64_t first = ram[i].first;
		int left = 1;                         /* bytes of ram[i] from first on are not yet out */

		for (uint32_t c = 0; c < ncrash && left; c++) {      /* sorted, disjoint */
			if (crash[c].last < first || crash[c].first > ram[i].last)
				continue;
			if (crash[c].first > first)
				emit(out, &n, cap, first, crash[c].first - 1);
			if (crash[c].last >= ram[i].last)
				left = 0;
			else
				first = crash[c].last + 1;
		}
		if (left)
			emit(out, &n, cap, first, ram[i].last);
	}
	return n;
}

void elfcore_write(void *buf, const struct elf_note_src *notes, uint32_t nnotes,
		   const struct range *loads, uint32_t nload, uint64_t page_offset)
{
	Elf64_Ehdr eh = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB, EV_CURRENT,
			     ELFOSABI_NONE },
		.e_type = ET_CORE, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
		.e_phoff = sizeof(Elf64_Ehdr), .e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr), .e_phnum = (Elf64_Half)(nnotes + nload),
	};
	Elf64_Phdr *ph = (Elf64_Phdr *)((uint8_t *)buf + sizeof(eh));

	memcpy(buf, &eh, sizeof(eh));
	for (uint32_t i = 0; i < nnotes; i++)
		ph[i] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = notes[i].addr, .p_paddr = notes[i].addr,
				      .p_filesz = notes[i].size, .p_memsz = notes[i].size };
	for (uint32_t i = 0; i < nload; i++) {
		uint64_t len = range_size(loads[i]);

		ph[nnotes + i] = (Elf64_Phdr){
			.p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X, .p_offset = loads[i].first,
			.p_paddr = loads[i].first, .p_vaddr = page_offset + loads[i].first,
			.p_filesz = len, .p_memsz = len, .p_align = 0 };
	}
}
