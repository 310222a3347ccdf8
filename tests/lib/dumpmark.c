// SPDX-License-Identifier: GPL-2.0
/*
 * dumpmark: a page the first kernel used, found again in its dump. Test-only, static, run in
 * the guests (tests/qemu/kmem.sh); the oracle is the dump's own ELF headers, read here, never
 * kexec-e820's code.
 *
 *   dumpmark plant NODE FIRST LAST   fills anonymous pages bound to NUMA node NODE until one
 *                                    lies at a physical address in [FIRST, LAST] (/proc/self/
 *                                    pagemap), writes its marker there, prints "===MARK ADDR",
 *                                    then keeps every page until killed (the crash)
 *   dumpmark find VMCORE ADDR        the PT_LOAD of VMCORE holding ADDR, the marker read at
 *                                    its offset: "===MARK-FOUND ADDR", or "===MARK-MISSING why"
 */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE          4096ul
#define CHUNK         (16ul << 20)
#define MAX_BYTES     (1536ul << 20)     /* give up past this much: nothing landed there */
#define MPOL_BIND     2
#define PFN_PRESENT   (1ull << 63)
#define PFN_MASK      ((1ull << 55) - 1)

static void marker(uint64_t addr, char *buf, size_t size)
{
	snprintf(buf, size, "kexec-e820 dump marker at 0x%016llx", (unsigned long long)addr);
}

static int plant(int node, uint64_t first, uint64_t last)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long mask = 1ul << node;
	char text[64];

	if (fd < 0)
		return perror("pagemap"), 1;
	for (size_t used = 0; used < MAX_BYTES; used += CHUNK) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return perror("mmap"), 1;
		if (syscall(SYS_mbind, p, CHUNK, MPOL_BIND, &mask, 8 * sizeof(mask), 0))
			return perror("mbind"), 1;
		madvise(p, CHUNK, MADV_NOHUGEPAGE);       /* khugepaged would move it */
		for (size_t off = 0; off < CHUNK; off += PAGE) {
			uint64_t e, addr;

			p[off] = 1;                               /* faulted in on the node */
			if (pread(fd, &e, sizeof(e), (off_t)((uintptr_t)(p + off) / PAGE * 8)) != sizeof(e) ||
			    !(e & PFN_PRESENT) || !(e & PFN_MASK))
				return fprintf(stderr, "dumpmark: pagemap shows no frame (not root?)\n"), 1;
			addr = (e & PFN_MASK) * PAGE;
			if (addr < first || addr + PAGE - 1 > last)
				continue;
			marker(addr, text, sizeof(text));
			memcpy(p + off, text, strlen(text) + 1);
			/* locked, with compact_unevictable_allowed=0 (the init's), compaction leaves it */
			if (mlock(p + off, PAGE))
				return perror("mlock"), 1;
			printf("===MARK 0x%llx\n", (unsigned long long)addr);
			fflush(stdout);
			for (;;)
				pause();
		}
	}
	fprintf(stderr, "dumpmark: no page of node %d in 0x%llx-0x%llx after %lu MiB\n", node,
		(unsigned long long)first, (unsigned long long)last, MAX_BYTES >> 20);
	return 1;
}

static int find(const char *path, uint64_t addr)
{
	int fd = open(path, O_RDONLY);
	char want[64], got[64] = "";
	Elf64_Ehdr eh;

	marker(addr, want, sizeof(want));
	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_phentsize != sizeof(Elf64_Phdr))
		return printf("===MARK-MISSING %s is no ELF64 core\n", path), 1;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;

		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * sizeof(ph))) != sizeof(ph))
			return printf("===MARK-MISSING program header %u unreadable\n", i), 1;
		if (ph.p_type != PT_LOAD || addr < ph.p_paddr || addr - ph.p_paddr >= ph.p_filesz)
			continue;
		if (pread(fd, got, strlen(want) + 1, (off_t)(ph.p_offset + (addr - ph.p_paddr))) != (ssize_t)strlen(want) + 1)
			return printf("===MARK-MISSING unreadable at 0x%llx\n", (unsigned long long)addr), 1;
		if (memcmp(got, want, strlen(want) + 1))
			return printf("===MARK-MISSING PT_LOAD %u holds 0x%llx, not the marker\n", i,
				      (unsigned long long)addr), 1;
		return printf("===MARK-FOUND 0x%llx in PT_LOAD %u [0x%llx-0x%llx]\n", (unsigned long long)addr, i,
			      (unsigned long long)ph.p_paddr, (unsigned long long)(ph.p_paddr + ph.p_filesz - 1)), 0;
	}
	return printf("===MARK-MISSING no PT_LOAD holds 0x%llx\n", (unsigned long long)addr), 1;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "plant"))
		return plant(atoi(argv[2]), strtoull(argv[3], NULL, 0), strtoull(argv[4], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "find"))
		return find(argv[2], strtoull(argv[3], NULL, 0));
	fprintf(stderr, "usage: dumpmark plant NODE FIRST LAST | dumpmark find VMCORE ADDR\n");
	return 2;
}
