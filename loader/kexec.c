// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kexec.h"
#include "sysinfo.h"

#define KEXEC_ON_CRASH     0x00000001
#define KEXEC_ARCH_X86_64  (62 << 16)
#define LOAD_DISABLED      "/proc/sys/kernel/kexec_load_disabled"
#define LOCKDOWN           "/sys/kernel/security/lockdown"

struct kexec_segment {
	const void *buf;
	size_t bufsz;
	unsigned long mem;
	size_t memsz;
};

/* EPERM has three causes; say which one holds. */
static void explain(int err, char *why, size_t why_size)
{
	size_t n;
	char *t;

	if (err == EPERM && (t = read_whole(LOAD_DISABLED, &n, 64)) && atoi(t) == 1) {
		snprintf(why, why_size, "kexec_load: disabled by kernel.kexec_load_disabled=1 (until reboot)");
		free(t);
		return;
	}
	if (err == EPERM && (t = read_whole(LOCKDOWN, &n, 256)) && !strstr(t, "[none]")) {
		snprintf(why, why_size, "kexec_load: refused by kernel lockdown (%s): unsigned images cannot be "
			 "loaded", strstr(t, "[confidentiality]") ? "confidentiality" : "integrity");
		free(t);
		return;
	}
	if (err == EPERM)
		snprintf(why, why_size, "kexec_load: not permitted (needs CAP_SYS_BOOT: run as root)");
	else if (err == EBUSY)
		snprintf(why, why_size, "kexec_load: busy (EBUSY): another load or unload is in progress");
	else if (err == ENOSYS)
		snprintf(why, why_size, "kexec_load: kernel built without CONFIG_KEXEC");
	else
		snprintf(why, why_size, "kexec_load: %s", strerror(err));
}

int kexec_crash_load(const struct plan *p, char *why, size_t why_size)
{
	struct kexec_segment seg[SEG_COUNT];

	for (int i = 0; i < SEG_COUNT; i++)
		seg[i] = (struct kexec_segment){ p->seg[i].buf, p->seg[i].bufsz, p->seg[i].mem, p->seg[i].memsz };
	if (syscall(SYS_kexec_load, p->entry, (unsigned long)SEG_COUNT, seg,
		    KEXEC_ON_CRASH | KEXEC_ARCH_X86_64) != 0) {
		explain(errno, why, why_size);
		return -1;
	}
	return 0;
}

int kexec_crash_unload(char *why, size_t why_size)
{
	if (syscall(SYS_kexec_load, 0UL, 0UL, NULL, KEXEC_ON_CRASH | KEXEC_ARCH_X86_64) != 0) {
		explain(errno, why, why_size);
		return -1;
	}
	return 0;
}
