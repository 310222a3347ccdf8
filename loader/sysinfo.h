/* SPDX-License-Identifier: GPL-2.0 */
/* What the running kernel tells about itself, from /proc and /sys. */
#ifndef LOADER_SYSINFO_H
#define LOADER_SYSINFO_H
#include <stddef.h>
#include <stdint.h>

#include "elfcore.h"
#include "fwmap.h"
#include "kfile.h"

#define FWMAP_DIR "/sys/firmware/memmap"

#define MAX_CPUS 8192
#define DEFAULT_PAGE_OFFSET 0xffff888000000000ull   /* x86-64 4-level, without KASLR */

/* A whole file (NUL-terminated, size without the NUL); NULL with errno set. */
char *read_whole(const char *path, size_t *size, size_t limit);

/* PT_NOTE sources: each CPU's crash_notes, then vmcoreinfo. Returns the count, -1 with why. */
int crash_note_sources(struct elf_note_src *out, uint32_t cap, char *why, size_t why_size);

/* The direct map's base, from /proc/kcore's RAM headers; DEFAULT_PAGE_OFFSET if unreadable. */
uint64_t direct_map_base(void);

/*
 * The EFI boot-services memory the running kernel kept (the runtime map's boot-services code
 * and data: dumpram.h says why a dump reads it). The count; 0 without a runtime map. note: ""
 * or one line when entries were unreadable or more than cap.
 */
int efi_boot_services_kept(struct range *out, uint32_t cap, char *note, size_t note_size);

/*
 * The firmware map in dir (FWMAP_DIR, or a saved copy: its numbered entries, each with start,
 * end and type), in entry order. The count, or -1 with why naming the entry and the file.
 */
int fwmap_read(const char *dir, struct fwmap_entry *out, uint32_t cap, char *why, size_t why_size);

/* ACPI20= from /sys/firmware/efi/systab; 0 when not EFI-booted (the kdump kernel scans for it). */
uint64_t acpi_rsdp(void);

/* CPUs the kernel may ever bring up (a PT_NOTE each in kexec_file's core headers); 0 if unknown. */
uint32_t possible_cpus(void);

/*
 * How the running kernel builds kexec_file's core headers and kdump e820 (kfile.h), for ncpus
 * possible CPUs. note: "" or one line to print (a version not modelled, a file unreadable).
 */
void kfile_kernel_read(struct kfile_kernel *k, uint32_t ncpus, char *note, size_t note_size);

/* /proc/cmdline without the options a kdump kernel must not inherit. */
int reuse_cmdline(char *out, size_t size);

#endif
