// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <linux/kexec.h>        /* KEXEC_ON_CRASH, KEXEC_ARCH_X86_64, KEXEC_FILE_*: the kernel's own */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "keep.h"
#include "kexec.h"
#include "record.h"
#include "sysinfo.h"

static int load_disabled(void);

#define KEXEC_LOADED       "/sys/kernel/kexec_loaded"
#define LOAD_DISABLED      "/proc/sys/kernel/kexec_load_disabled"
#define LOCKDOWN           "/sys/kernel/security/lockdown"

/*
 * The test build (build/kexec-e820-faults, -DKEXEC_E820_FAULTS) fails a load after the kernel
 * dropped the loaded dump kernel when KEXEC_E820_TEST_BREAK_LOAD is set: a segment outside the
 * crash region, a command line without its NUL; not in the restoring child (keep.c), whose load
 * must succeed. The installed binary has no such hook.
 */
#ifdef KEXEC_E820_FAULTS
static int break_load(void) { return getenv("KEXEC_E820_TEST_BREAK_LOAD") && !getenv(KEEP_RESTORING_ENV); }
#else
static int break_load(void) { return 0; }
#endif

const char *kexec_lockdown(void)
{
	size_t n;
	char *t = read_whole(LOCKDOWN, &n, 256);
	const char *mode = !t || strstr(t, "[none]") ? NULL :
			   strstr(t, "[confidentiality]") ? "confidentiality" : "integrity";

	free(t);
	return mode;
}

const char *kexec_policy_refusal(int err)
{
	if (err == EACCES && geteuid() == 0)         /* IMA under Secure Boot, before lockdown is asked */
		return "IMA under Secure Boot appraises only kexec_file_load";
	if (err != EPERM || geteuid() != 0 || load_disabled())
		return NULL;
	return kexec_lockdown() ? kexec_lockdown() : "lockdown or a security module";
}

static int load_disabled(void)
{
	size_t n;
	char *t = read_whole(LOAD_DISABLED, &n, 64);
	int on = t && atoi(t) == 1;

	free(t);
	return on;
}

/* EPERM has three causes; say which one holds. */
static void explain(int err, char *why, size_t why_size)
{
	if (err == EPERM && load_disabled()) {
		snprintf(why, why_size, "kexec_load: disabled by kernel.kexec_load_disabled=1 (until reboot)");
		return;
	}
	if (err == EPERM && kexec_lockdown()) {
		snprintf(why, why_size, "kexec_load: refused by kernel lockdown (%s): unsigned images cannot be "
			 "loaded", kexec_lockdown());
		return;
	}
	if (err == EPERM)
		snprintf(why, why_size, "kexec_load: not permitted (needs CAP_SYS_BOOT: run as root)");
	else if (err == EACCES)
		snprintf(why, why_size, "kexec_load: refused (EACCES): IMA under Secure Boot takes only kexec_file_load");
	else if (err == EBUSY)
		snprintf(why, why_size, "kexec_load: busy (EBUSY): another load or unload is in progress");
	else if (err == ENOSYS)
		snprintf(why, why_size, "kexec_load: kernel built without CONFIG_KEXEC");
	else
		snprintf(why, why_size, "kexec_load: %s", strerror(err));
}

/* -1 with why; errno stays the syscall's, so the caller can tell lockdown's EPERM. */
static int failed(int err, char *why, size_t why_size)
{
	explain(err, why, why_size);
	errno = err;
	return -1;
}

int kexec_crash_load(const struct plan *p, char *why, size_t why_size)
{
	struct kexec_segment seg[SEG_COUNT];

	for (int i = 0; i < SEG_COUNT; i++)
		seg[i] = (struct kexec_segment){ p->seg[i].buf, p->seg[i].bufsz, (const void *)(uintptr_t)p->seg[i].mem,
						 p->seg[i].memsz };
	if (break_load())
		seg[0].mem = NULL;
	if (syscall(SYS_kexec_load, p->entry, (unsigned long)SEG_COUNT, seg,
		    KEXEC_ON_CRASH | KEXEC_ARCH_X86_64) != 0)
		return failed(errno, why, why_size);
	return 0;
}

int kexec_crash_unload(char *why, size_t why_size)
{
	if (syscall(SYS_kexec_load, 0UL, 0UL, NULL, KEXEC_ON_CRASH | KEXEC_ARCH_X86_64) != 0)
		return failed(errno, why, why_size);
	return 0;
}

void kexec_file_explain(int err, const char *kernel, char *why, size_t why_size)
{
	if (err == EPERM && kexec_lockdown())
		snprintf(why, why_size, "kexec_file_load: %s refused under kernel lockdown (%s): it is not signed "
			 "by a key this kernel trusts", kernel, kexec_lockdown());
	else if (err == EKEYREJECTED || err == EBADMSG || err == ENOKEY || err == ENODATA || err == ENOPKG)
		snprintf(why, why_size, "kexec_file_load: %s: signature rejected (%s): this kernel%s%s%s takes only "
			 "kernels signed by a key it trusts", kernel, strerror(err), kexec_lockdown() ? " (lockdown: " : "",
			 kexec_lockdown() ? kexec_lockdown() : "", kexec_lockdown() ? ")" : "");
	else if (err == ENOEXEC)
		snprintf(why, why_size, "kexec_file_load: %s: the kernel does not take it as a bzImage", kernel);
	else if (err == EINVAL)
		snprintf(why, why_size, "kexec_file_load: %s: invalid (command line too long for it, or a bad image)",
			 kernel);
	else if (err == ENOSYS)
		snprintf(why, why_size, "kexec_file_load: kernel built without CONFIG_KEXEC_FILE");
	else if (err == EPERM)
		snprintf(why, why_size, "kexec_file_load: not permitted (needs CAP_SYS_BOOT: run as root)");
	else
		snprintf(why, why_size, "kexec_file_load: %s: %s", kernel, strerror(err));
}

int kexec_file_crash_load(const char *kernel, const char *initrd, const char *cmdline, char *why, size_t why_size)
{
	int kfd = open(kernel, O_RDONLY | O_CLOEXEC), ifd = -1, err;
	unsigned long flags = KEXEC_FILE_ON_CRASH;

	if (kfd < 0) {
		snprintf(why, why_size, "kernel %s: %s", kernel, strerror(errno));
		return -1;
	}
	if (initrd && (ifd = open(initrd, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(why, why_size, "initrd %s: %s", initrd, strerror(errno));
		close(kfd);
		return -1;
	}
	if (!initrd)
		flags |= KEXEC_FILE_NO_INITRAMFS;
	err = syscall(SYS_kexec_file_load, kfd, ifd, strlen(cmdline) + !break_load(), cmdline, flags) ? errno : 0;
	close(kfd);
	if (ifd >= 0)
		close(ifd);
	if (err)
		kexec_file_explain(err, kernel, why, why_size);
	return err ? -1 : 0;
}

int kexec_file_crash_unload(char *why, size_t why_size)
{
	if (syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH) != 0) {
		kexec_file_explain(errno, "(unload)", why, why_size);
		return -1;
	}
	return 0;
}

int kexec_file_probe(const char *kernel, char *why, size_t why_size)
{
	static const char empty[] = "";
	int fd, err;

	if (record_crash_loaded(CRASH_LOADED) != 1 || record_crash_loaded(KEXEC_LOADED) != 0)
		return 0;
	if ((fd = open(kernel, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(why, why_size, "kernel %s: %s", kernel, strerror(errno));
		return -1;
	}
	err = syscall(SYS_kexec_file_load, fd, -1, sizeof(empty), empty, KEXEC_FILE_NO_INITRAMFS) ? errno : 0;
	close(fd);
	if (!err) {     /* a normal image left loaded would be what the next kexec -e boots */
		if (!syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, KEXEC_FILE_UNLOAD))
			return 0;
		snprintf(why, why_size, "the kernel loaded to check its signature could not be unloaded (%s): "
			 "run kexec -u", strerror(errno));
		return -1;
	}
	kexec_file_explain(err, kernel, why, why_size);
	return -1;
}
