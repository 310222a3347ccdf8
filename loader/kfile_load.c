// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-e820 -s, and kexec_load refused by lockdown: the kdump kernel through kexec_file_load.
 * The kernel then runs its own purgatory and builds the e820 itself; what its 128 entries
 * would lose goes on the kdump kernel's command line (kfile.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootproto/assemble.h"
#include "e820words.h"
#include "keep.h"
#include "kexec.h"
#include "kfile_load.h"
#include "kfile_print.h"
#include "load.h"
#include "prog.h"
#include "sysinfo.h"

#define KFILE_SLACK  (1ull << 20)    /* purgatory, boot parameters, command line, setup_data */
#define MIB(x)       ((unsigned long long)((x) >> 20))

static struct kfile_e820 pred;
static struct kfile_memmap memmap;

/*
 * The kernel places the kernel (init_size), the initrd and the core headers in the main crash
 * region, and finds out only after it has dropped the loaded dump kernel that they do not fit.
 */
static int fits(const struct kfile_request *r, char *why, size_t why_size)
{
	uint64_t align = r->bz->kernel_alignment ? r->bz->kernel_alignment : BOOT_SEG_ALIGN;
	uint64_t have = range_size(r->map->crash[r->map->ncrash - 1]);
	uint64_t need = ((r->bz->init_size + align - 1) & ~(align - 1)) + boot_seg_round(r->initrd_size) +
			boot_seg_round(pred.elf_size) + KFILE_SLACK;

	if (need <= have)
		return 0;
	snprintf(why, why_size, "kernel (%llu MiB with its init_size), initrd (%llu MiB) and core headers need "
		 "%llu MiB, the crash region has %llu MiB: raise crashkernel=", MIB(r->bz->init_size),
		 MIB(r->initrd_size), MIB(need + (1 << 20) - 1), MIB(have));
	return -1;
}

struct file_load {
	const char *kernel, *initrd, *cmdline;
};

/*
 * The kdump kernel's own RAM is what its command line must carry first (rank 0): when even
 * that finds no room, the kernel would load a kdump kernel that panics at the crash
 * (alloc_low_pages). 0, or -1 with why saying how much to cut.
 */
static int ram_carried(const struct kfile_memmap *m, size_t room, char *why, size_t why_size)
{
	size_t need = strlen(" memmap=") - 1;      /* then each item and its separator */
	uint32_t lost = 0;
	char item[64];

	for (uint32_t i = 0; i < m->ncarried + m->nlost; i++) {
		const struct kfile_range *x = i < m->ncarried ? &m->carried[i] : &m->lost[i - m->ncarried];

		if (x->type != E820_TYPE_RAM)
			continue;
		need += (size_t)kfile_memmap_item(x, item, sizeof(item)) + 1;
		lost += i >= m->ncarried;
	}
	if (!lost)
		return 0;
	snprintf(why, why_size, "the kdump kernel's own RAM (%u range%s) finds no room on its command line, so it "
		 "would panic at the crash: shorten --append by at least %zu byte%s, or load without -s",
		 lost, lost > 1 ? "s" : "", need > room ? need - room : 1, need > room + 1 ? "s" : "");
	return -1;
}

/*
 * A load that kexec-tools would fail no better (the same line, the same kernel): refused in one
 * line, exit 4 with the loaded dump kernel kept, else 5, so the front end does not hand it on.
 */
static int refused(const char *why, const struct kfile_request *r)
{
	int rc = keep_refused(why, r->print || r->dry_run);

	return rc == EXIT_KEPT ? rc : EXIT_DOOMED;
}

static int file_syscall(const void *what, char *why, size_t why_size)
{
	const struct file_load *l = what;

	return kexec_file_crash_load(l->kernel, l->initrd, l->cmdline, why, why_size);
}

int kfile_load(const struct kfile_request *r)
{
	static char body[2 * sizeof(memmap.text) + 8192];
	char why[512], cmdline[2 * sizeof(memmap.text)], word[32];
	const char *policy;
	size_t own = strlen(r->cmdline);
	size_t max = r->bz->cmdline_size > KFILE_ELFCOREHDR_ARG ? r->bz->cmdline_size - KFILE_ELFCOREHDR_ARG - 1 : 0;

	/* bzImage64_load() refuses a line that leaves no room for its "elfcorehdr=0x... " */
	if (own > max) {      /* the kernel would drop the loaded dump kernel, then refuse: so never tried */
		snprintf(why, sizeof(why), "the command line is %zu bytes; kexec_file_load takes at most %zu for this "
			 "kernel (%u, less %u for the elfcorehdr= the kernel adds)", own, max, r->bz->cmdline_size,
			 (unsigned)KFILE_ELFCOREHDR_ARG + 1);
		return refused(why, r);
	}
	if (kfile_predict(r->lines, r->nlines, r->map, r->running, &pred, why, sizeof(why)))
		return keep_refused(why, r->print || r->dry_run);      /* kexec-tools may do better */
	kfile_memmap(&pred, max - own, &memmap);
	snprintf(cmdline, sizeof(cmdline), "%s%s", r->cmdline, own ? memmap.text : memmap.text + (memmap.text[0] == ' '));
	if (ram_carried(&memmap, max - own, why, sizeof(why)))
		return refused(why, r);
	if (fits(r, why, sizeof(why)))
		return keep_refused(why, r->print || r->dry_run);
	/* said once the load is sure to go ahead: a refusal stays one line */
	if (r->note)
		fputs(r->note, stderr);
	for (uint32_t i = 0; i < memmap.nlost; i++) {
		const struct kfile_range *x = &memmap.lost[i];

		if (x->rank == RANK_OLD_RAM)
			say("[mem 0x%016llx-0x%016llx] the first kernel's RAM stays a hole in the kdump "
				"kernel's e820 (no room left on its command line): its PCI window may lie there\n",
				(unsigned long long)x->r.first, (unsigned long long)x->r.last);
		else
			say("[mem 0x%016llx-0x%016llx] %s will not reach the kdump kernel: no room left "
				"on its command line\n", (unsigned long long)x->r.first, (unsigned long long)x->r.last,
				e820_type_word(x->type, word, sizeof(word)));
	}
	if (r->print) {
		kfile_print(stdout, &pred, &memmap, r->map, r->json);
		return 0;
	}
	if (r->dry_run) {
		printf("syscall              kexec_file_load (crash), the kernel's own purgatory\nkernel               %s\n"
		       "initrd               %s\nmemmap= ranges       %u carried, %u missing\ncommand line         %s\n",
		       r->kernel, r->initrd ? r->initrd : "(none)", memmap.ncarried, memmap.nlost, cmdline);
		return 0;
	}
	/* The kernel drops the loaded dump kernel before it checks the new one: the signature is
	 * checked first, by the kernel itself (the fit was, above). */
	if (kexec_file_probe(r->kernel, why, sizeof(why)))
		return keep_refused(why, 0);
	snprintf(body, sizeof(body), "%skernel %s\ninitrd %s\nsyscall kexec_file_load: the kernel's e820, %u ranges "
		 "added with memmap=, %u missing\ncommand line %s\n", r->args ? r->args : "", r->kernel,
		 r->initrd ? r->initrd : "(none)", memmap.ncarried, memmap.nlost, cmdline);
	return load_recorded(body, file_syscall, &(struct file_load){ r->kernel, r->initrd, cmdline }, 0, &policy);
}
