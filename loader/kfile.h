/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kexec_file path. Under kexec_file_load the running kernel builds the kdump kernel's
 * e820 itself (arch/x86/kernel/crash.c, crash_setup_memmap_entries(), read in Linux 6.1, 6.12
 * and 7.2): RAM below 1 MiB, then ACPI tables, ACPI NVS, every e820 reserved range, the low
 * crash region, the kdump kernel's own RAM, and (7.x, crashkernel=...,cma) the CMA crash
 * ranges last; entries past 128 are dropped, and persistent memory is never passed. The ELF
 * core headers sit at the bottom of the main crash region; with CRASH_HOTPLUG (6.5+) they are
 * sized for hotplug, not for this machine. This predicts that e820 from /proc/iomem and what the
 * kernel says of itself in sysfs, and puts what would not arrive on the kdump kernel's command
 * line as memmap= options. Not modelled: the dm-crypt key buffer (CRASH_DM_CRYPT, off in
 * Debian's kernels), which 7.x cuts out of the kdump RAM. Pure.
 */
#ifndef LOADER_KFILE_H
#define LOADER_KFILE_H
#include <stddef.h>
#include <stdint.h>

#include "iomem.h"
#include "oldram.h"

#define KFILE_ZEROPAGE_MAX   128     /* E820_MAX_ENTRIES_ZEROPAGE: the kernel's cut */
#define KFILE_MAX            (STAGED_TABLE_MAX_RANGES + 2 * IOMEM_MAX_RAM + 8)
#define KFILE_ELFCOREHDR_ARG 30      /* MAX_ELFCOREHDR_STR_LEN: "elfcorehdr=0x..." the kernel adds */
#define KFILE_PAGE           4096ull
#define KFILE_RAM_ALIGN      (1ull << 20)  /* our memmap=@ keeps clear of the core headers by this */

#define KFILE_CMA_MAX        4       /* CRASHKERNEL_CMA_RANGES_MAX */
#define KFILE_KNOWN_FIRST    0x0601u /* the kernels read for this model: 6.1 ... */
#define KFILE_KNOWN_LAST     0x0702u /* ... to 7.2 */
/* Safe side for a kernel not read: headers as big as Debian's hotplug-sized ones (8192 CPUs and
 * CRASH_MAX_MEMORY_RANGES=8192, 2 more), never smaller than this machine's own need. */
#define KFILE_UNKNOWN_PHDRS  (2ull + 8192 + 8192)

/* What the running kernel says of how it builds the core headers and the kdump e820. */
struct kfile_kernel {
	uint32_t ncpus;                /* possible CPUs: a PT_NOTE each */
	uint64_t hotplug_phdr_bytes;   /* /sys/kernel/crash_elfcorehdr_size (CRASH_HOTPLUG); 0: absent */
	int memory_hotplug;            /* /sys/devices/system/memory: hotplug headers of a fixed size */
	int unknown_version;           /* a kernel outside KFILE_KNOWN_*: take the safe side */
	struct range cma[KFILE_CMA_MAX];     /* /sys/kernel/kexec_crash_cma_ranges */
	uint32_t ncma;
};

/* --print-e820's source of a memmap= entry that holds the first kernel's RAM (oldram.h) */
#define KFILE_OLD_RAM_SOURCE "command line (memmap=), the first kernel's RAM: no PCI window there"

/* Why an entry matters when the command line cannot carry them all (lower first). */
enum kfile_rank { RANK_KDUMP_RAM, RANK_MCFG, RANK_ACPI, RANK_OTHER, RANK_OLD_RAM, RANK_COUNT };

struct kfile_range {
	struct range r;
	uint32_t type;
	uint32_t rank;                 /* enum kfile_rank */
};

struct kfile_e820 {
	struct kfile_range built[KFILE_MAX];   /* in the kernel's order; the first 128 reach the zero page */
	uint32_t nbuilt;
	struct kfile_range unpassed[IOMEM_MAX_RAM];  /* persistent, soft reserved, unusable: never passed */
	uint32_t nunpassed;
	struct kfile_range old_ram[OLDRAM_MAX];  /* the first kernel's RAM to carry as reserved (oldram.h) */
	uint32_t nold_ram;
	uint64_t elf_addr, elf_size;   /* the ELF core headers: bottom of the main crash region; the
					* size the kernel cuts from the kdump RAM (not page-rounded
					* with CRASH_HOTPLUG) */
	const char *elf_size_from;     /* how elf_size was found, for the report */
	struct range dump[IOMEM_MAX_RAM + 2 + KFILE_CMA_MAX];   /* the PT_LOADs the kernel writes */
	uint32_t ndump;
};

/*
 * lines: /proc/iomem as iomem_read parsed it; map: its crash regions; k: the running kernel.
 * 0, or -1 with why.
 */
int kfile_predict(const struct iomem_line *lines, uint32_t n, const struct iomem_map *map,
		  const struct kfile_kernel *k, struct kfile_e820 *out, char *why, size_t why_size);

/* "6.12.117+deb13-amd64" as 0x060c; 0 when not a version. */
uint32_t kfile_version(const char *release);

/* /sys/kernel/kexec_crash_cma_ranges ("start-end" lines, hex, inclusive) into k. 0, or -1 with why. */
int kfile_cma_parse(const char *text, struct kfile_kernel *k, char *why, size_t why_size);

/* What the kdump kernel's command line must carry: ranges the zero page will not. */
struct kfile_memmap {
	struct kfile_range carried[KFILE_MAX + IOMEM_MAX_RAM];  /* merged, address order: on the command line */
	uint32_t ncarried;
	struct kfile_range lost[KFILE_MAX + IOMEM_MAX_RAM];     /* merged, address order: no room left for them */
	uint32_t nlost;
	char text[4096];               /* " memmap=..." or "" when nothing is needed */
};

/*
 * Chooses, by rank then address, the missing ranges that fit in room bytes (the command line
 * the kernel takes, less the caller's own and elfcorehdr=), and writes them as one memmap=
 * list with size suffixes. The kdump RAM starts KFILE_RAM_ALIGN-aligned past the core headers.
 */
void kfile_memmap(const struct kfile_e820 *p, size_t room, struct kfile_memmap *m);

/*
 * The kdump kernel's final e820 (the zero page's 128, sanitized as the kernel does, with the
 * carried ranges added): out[] sorted, merged; returns the count (at most cap).
 */
uint32_t kfile_final_e820(const struct kfile_e820 *p, const struct kfile_memmap *m,
			  struct kfile_range *out, uint32_t cap);

/*
 * What the memmap= list costs the kdump kernel's decompressor (arch/x86/boot/compressed/kaslr.c,
 * mem_avoid_memmap()): it reads a "%" item as mem=SIZE, and past KFILE_KASLR_REGIONS "$", "#"
 * or "!" regions it stops scanning; either way physical KASLR is off. "@" items cost nothing.
 */
#define KFILE_KASLR_REGIONS 4          /* MAX_MEMMAP_REGIONS */
struct kfile_memmap_cost {
	uint32_t percent;              /* "%" items: each a mem= limit to the decompressor */
	uint32_t regions;              /* "$", "#", "!" items */
	int kaslr_off;                 /* percent, or regions past KFILE_KASLR_REGIONS */
};
void kfile_memmap_cost(const struct kfile_memmap *m, struct kfile_memmap_cost *c);

/* memmap=SIZE<op>START for one range ("4K$40M", "255M@673M", "4K%0x1000+4"); length written. */
int kfile_memmap_item(const struct kfile_range *r, char *buf, size_t size);

#endif
