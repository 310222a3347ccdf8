// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE     /* versionsort: cpu2 before cpu10 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdline.h"
#include "dumpram.h"
#include "sysinfo.h"

#define VMCOREINFO "/sys/kernel/vmcoreinfo"
#define CPU_DIR    "/sys/devices/system/cpu"
#define KCORE      "/proc/kcore"
#define SYSTAB     "/sys/firmware/efi/systab"
#define OSRELEASE  "/proc/sys/kernel/osrelease"
#define ELFHDR_SIZE_FILE "/sys/kernel/crash_elfcorehdr_size"
#define CMA_RANGES "/sys/kernel/kexec_crash_cma_ranges"
#define MEMORY_DIR "/sys/devices/system/memory"
#define RUNTIME_MAP "/sys/firmware/efi/runtime-map"
#define EFI_PAGE_SHIFT 12
#define KERNEL_TEXT_MAP 0xffffffff80000000ull   /* __START_KERNEL_map: not the direct map */

char *read_whole(const char *path, size_t *size, size_t limit)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (n + 1 >= cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			if (cap > limit + 1)
				cap = limit + 1;
			if (n + 1 >= cap || !(nb = realloc(buf, cap))) {
				free(buf);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (!got)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*size = n;
	return buf;
}

/* The first one or two numbers of a small sysfs file; how many were read, or -1. */
static int read_numbers(const char *path, int hex, unsigned long long *a, unsigned long long *b)
{
	FILE *f = fopen(path, "r");
	int n;

	if (!f)
		return -1;
	n = hex ? fscanf(f, "%llx %llx", a, b) : fscanf(f, "%llu %llu", a, b);
	fclose(f);
	return n;
}

static int cpu_entry(const struct dirent *d)
{
	return !strncmp(d->d_name, "cpu", 3) && d->d_name[3] >= '0' && d->d_name[3] <= '9';
}

int crash_note_sources(struct elf_note_src *out, uint32_t cap, char *why, size_t why_size)
{
	struct dirent **cpus;
	unsigned long long addr, size;
	int n = scandir(CPU_DIR, &cpus, cpu_entry, versionsort), count = 0;

	if (n < 0) {
		snprintf(why, why_size, "%s: %s", CPU_DIR, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[300];

		snprintf(path, sizeof(path), CPU_DIR "/%s/crash_notes", cpus[i]->d_name);
		if (read_numbers(path, 1, &addr, &size) >= 1) {
			unsigned long long unused;

			snprintf(path, sizeof(path), CPU_DIR "/%s/crash_notes_size", cpus[i]->d_name);
			if (read_numbers(path, 0, &size, &unused) < 1)
				size = 1024;    /* kernels before crash_notes_size: one page fragment */
			if ((uint32_t)count < cap - 1)
				out[count++] = (struct elf_note_src){ addr, size };
		}
		free(cpus[i]);
	}
	free(cpus);
	if (!count) {
		snprintf(why, why_size, "no %s/cpuN/crash_notes: kernel without CONFIG_CRASH_DUMP?", CPU_DIR);
		return -1;
	}
	if (read_numbers(VMCOREINFO, 1, &addr, &size) != 2) {
		snprintf(why, why_size, "%s unreadable: makedumpfile would have nothing to go on", VMCOREINFO);
		return -1;
	}
	out[count++] = (struct elf_note_src){ addr, size };
	return count;
}

static int map_entry(const struct dirent *d)
{
	return d->d_name[0] >= '0' && d->d_name[0] <= '9';
}

/* One runtime-map entry: 1 if boot-services memory (into *r), 0 if not, -1 if unreadable. */
static int efi_entry(const char *name, struct range *r)
{
	unsigned long long type, addr, pages, unused;
	char path[300];

	snprintf(path, sizeof(path), RUNTIME_MAP "/%s/type", name);
	if (read_numbers(path, 1, &type, &unused) < 1)
		return -1;
	snprintf(path, sizeof(path), RUNTIME_MAP "/%s/phys_addr", name);
	if (read_numbers(path, 1, &addr, &unused) < 1)
		return -1;
	snprintf(path, sizeof(path), RUNTIME_MAP "/%s/num_pages", name);
	if (read_numbers(path, 1, &pages, &unused) < 1)
		return -1;
	if (type != EFI_BOOT_SERVICES_CODE && type != EFI_BOOT_SERVICES_DATA)
		return 0;
	if (pages > (UINT64_MAX >> EFI_PAGE_SHIFT) || range_of(addr, pages << EFI_PAGE_SHIFT, r))
		return -1;
	return 1;
}

int efi_boot_services_kept(struct range *out, uint32_t cap, char *note, size_t note_size)
{
	struct dirent **e;
	int n = scandir(RUNTIME_MAP, &e, map_entry, versionsort), count = 0, bad = 0;

	if (n < 0)
		return 0;               /* not EFI-booted, or no CONFIG_EFI_RUNTIME_MAP */
	for (int i = 0; i < n; i++) {
		int got = (uint32_t)count < cap ? efi_entry(e[i]->d_name, &out[count]) : -1;

		count += got > 0;
		bad += got < 0;
		free(e[i]);
	}
	free(e);
	if (bad)
		snprintf(note, note_size, "%s: %d entries unreadable or past %u: boot-services memory the kernel kept "
			 "there may be missing from the dump\n", RUNTIME_MAP, bad, cap);
	return count;
}

/* One firmware map entry's file (start, end or type): its text in buf; 0, or -1 with why. */
static int fwmap_field(const char *dir, const char *name, const char *field, char *buf, char *why, size_t why_size)
{
	char path[PATH_MAX];
	size_t size;
	char *t;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, field);
	if (!(t = read_whole(path, &size, FWMAP_FIELD_MAX - 1)) || strlen(t) != size) {
		snprintf(why, why_size, "%s: %s", path, t ? "holds a NUL byte" : strerror(errno));
		free(t);
		return -1;
	}
	memcpy(buf, t, size + 1);
	free(t);
	return 0;
}

int fwmap_read(const char *dir, struct fwmap_entry *out, uint32_t cap, char *why, size_t why_size)
{
	struct dirent **e;
	int n = scandir(dir, &e, map_entry, versionsort), count = 0;

	if (n < 0) {
		snprintf(why, why_size, "firmware map %s: %s", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char start[FWMAP_FIELD_MAX], end[FWMAP_FIELD_MAX], type[FWMAP_FIELD_MAX], bad[160];

		if (count >= 0 && (uint32_t)count == cap) {
			snprintf(why, why_size, "firmware map %s: more than %u entries", dir, cap);
			count = -1;
		}
		if (count >= 0 && (fwmap_field(dir, e[i]->d_name, "start", start, why, why_size) ||
				   fwmap_field(dir, e[i]->d_name, "end", end, why, why_size) ||
				   fwmap_field(dir, e[i]->d_name, "type", type, why, why_size)))
			count = -1;
		else if (count >= 0 && fwmap_entry_parse(start, end, type, &out[count], bad, sizeof(bad))) {
			snprintf(why, why_size, "firmware map %s/%s: %s", dir, e[i]->d_name, bad);
			count = -1;
		} else if (count >= 0) {
			count++;
		}
		free(e[i]);
	}
	free(e);
	return count;
}

uint64_t direct_map_base(void)
{
	int fd = open(KCORE, O_RDONLY);
	Elf64_Ehdr eh;
	uint64_t base = DEFAULT_PAGE_OFFSET;

	if (fd < 0)
		return base;
	if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_phentsize == sizeof(Elf64_Phdr) && eh.e_phnum < 4096) {
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;

			if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) != sizeof(ph))
				break;
			/* A RAM header: physical address known, virtual in the direct map. */
			if (ph.p_type == PT_LOAD && ph.p_paddr && ph.p_vaddr < KERNEL_TEXT_MAP &&
			    ph.p_vaddr > ph.p_paddr) {
				base = ph.p_vaddr - ph.p_paddr;
				break;
			}
		}
	}
	close(fd);
	return base;
}

uint64_t acpi_rsdp(void)
{
	size_t size;
	char *t = read_whole(SYSTAB, &size, 65536), *p;
	uint64_t v = 0;

	if (t && (p = strstr(t, "ACPI20=")))
		v = strtoull(p + 7, NULL, 0);
	free(t);
	return v;
}

int reuse_cmdline(char *out, size_t size)
{
	size_t n;
	char *t = read_whole("/proc/cmdline", &n, 65536);
	int rc = t ? cmdline_reuse(t, out, size) : -1;

	free(t);
	return rc;
}

uint32_t possible_cpus(void)
{
	size_t n;
	char *t = read_whole("/sys/devices/system/cpu/possible", &n, 4096);
	uint32_t count = t ? cpu_list_count(t, MAX_CPUS) : 0;

	free(t);
	return count;
}

void kfile_kernel_read(struct kfile_kernel *k, uint32_t ncpus, char *note, size_t note_size)
{
	char *t, why[128];
	size_t n, used = 0;
	uint32_t v = 0;

	memset(k, 0, sizeof(*k));
	note[0] = 0;
	k->ncpus = ncpus;
	k->memory_hotplug = access(MEMORY_DIR, F_OK) == 0;
	if ((t = read_whole(OSRELEASE, &n, 256)))
		v = kfile_version(t);
	if (v < KFILE_KNOWN_FIRST || v > KFILE_KNOWN_LAST) {
		k->unknown_version = 1;
		used += (size_t)snprintf(note, note_size, "kexec-e820: note: Linux %.*s: the kexec_file prediction "
			"models %u.%u to %u.%u; planned for the larger core headers, the kdump RAM first\n",
			t ? (int)strcspn(t, "\n") : 7, t ? t : "unknown", KFILE_KNOWN_FIRST >> 8, KFILE_KNOWN_FIRST & 0xff,
			KFILE_KNOWN_LAST >> 8, KFILE_KNOWN_LAST & 0xff);
	}
	free(t);
	if ((t = read_whole(ELFHDR_SIZE_FILE, &n, 64))) {
		char *end;
		unsigned long long b = strtoull(t, &end, 10);

		if (end != t && (*end == '\n' || !*end) && b && b < (1ull << 32))
			k->hotplug_phdr_bytes = b;
		else
			used += (size_t)snprintf(note + used, note_size - used, "kexec-e820: note: %s says \"%.20s\": "
				"core header size computed instead\n", ELFHDR_SIZE_FILE, t);
		free(t);
	} else if (errno != ENOENT && used < note_size) {
		used += (size_t)snprintf(note + used, note_size - used, "kexec-e820: note: %s: %s; core header size "
			"computed instead\n", ELFHDR_SIZE_FILE, strerror(errno));
	}
	if ((t = read_whole(CMA_RANGES, &n, 4096))) {
		if (kfile_cma_parse(t, k, why, sizeof(why)) && used < note_size) {
			k->ncma = 0;
			snprintf(note + used, note_size - used, "kexec-e820: note: %s: %s; CMA ranges left out\n",
				 CMA_RANGES, why);
		}
		free(t);
	}
}
