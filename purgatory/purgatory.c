// SPDX-License-Identifier: GPL-2.0
/* The purgatory's C entry: everything it decides is in run.c; here is only the hardware. */
#include "cpu.h"
#include "e820.h"
#include "include/purgatory_abi.h"
#include "run.h"
#include "serial.h"
#include "sha256.h"

void purgatory_main(void);
void jump_to_kernel(uint64_t entry, uint64_t boot_params) __attribute__((noreturn));

/* Filled by the loader through the image header's params_offset; zero in the file. */
struct purgatory_params purgatory_params __attribute__((section(".params"), aligned(16)));

static uint8_t work[E820_WORK_BYTES(BP_E820_MAX, STAGED_TABLE_MAX_RANGES)] __attribute__((aligned(16)));

#define CR0_MP          (1ul << 1)
#define CR0_EM          (1ul << 2)
#define CR0_TS          (1ul << 3)
#define CR4_OSFXSR      (1ul << 9)
#define CR4_OSXMMEXCPT  (1ul << 10)

/* After a kexec jump CR4.OSFXSR is off and any SSE instruction raises #UD into no IDT. */
static void enable_sse(void)
{
	unsigned long cr0, cr4;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("mov %0, %%cr0" : : "r"((cr0 & ~(CR0_EM | CR0_TS)) | CR0_MP));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_OSFXSR | CR4_OSXMMEXCPT));
}

static void emit(void *ctx, const char *line)
{
	uint16_t port = *(const uint16_t *)ctx;

	serial_puts(port, line);
	serial_puts(port, "\r\n");
}

void purgatory_main(void)
{
	const struct purgatory_params *p = &purgatory_params;
	/* An unfilled block names no port: stay silent rather than poke a guessed one. */
	uint16_t port = p->magic == PURGATORY_PARAMS_MAGIC ? p->serial_port : 0;
	struct out o = { .emit = emit, .ctx = &port };

	serial_init(port, p->serial_baud);
	if (cpu_has_sha_ni()) {
		enable_sse();
		sha256_use(SHA256_NI);
	}
	if (purgatory_run(p, work, sizeof(work), &o) == PURGATORY_BOOT)
		jump_to_kernel(p->kernel_entry, p->boot_params);
}
