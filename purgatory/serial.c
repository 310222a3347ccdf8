// SPDX-License-Identifier: GPL-2.0
/* 8250/16550 UART, polled: the purgatory has no interrupts. */
#include "serial.h"

#define UART_CLOCK_BAUD 115200
#define REG_DATA 0      /* DLL when DLAB is set */
#define REG_IER  1      /* DLM when DLAB is set */
#define REG_FCR  2
#define REG_LCR  3
#define REG_MCR  4
#define REG_LSR  5
#define LCR_DLAB 0x80
#define LCR_8N1  0x03
#define FCR_FIFO_ON_CLEAR 0x07
#define MCR_DTR_RTS 0x03
#define LSR_THRE 0x20
/* A missing UART reads 0xff or hangs THRE low: give up on a byte rather than the boot. */
#define THRE_SPINS 1000000

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void serial_init(uint16_t port, uint32_t baud)
{
	uint32_t div;

	if (!port || !baud)
		return;
	div = baud > UART_CLOCK_BAUD ? 1 : UART_CLOCK_BAUD / baud;
	outb(port + REG_IER, 0);
	outb(port + REG_LCR, LCR_DLAB);
	outb(port + REG_DATA, div & 0xff);
	outb(port + REG_IER, (div >> 8) & 0xff);
	outb(port + REG_LCR, LCR_8N1);
	outb(port + REG_FCR, FCR_FIFO_ON_CLEAR);
	outb(port + REG_MCR, MCR_DTR_RTS);
}

void serial_puts(uint16_t port, const char *s)
{
	if (!port)
		return;
	for (; *s; s++) {
		for (int spin = 0; spin < THRE_SPINS && !(inb(port + REG_LSR) & LSR_THRE); spin++)
			;
		outb(port + REG_DATA, (uint8_t)*s);
	}
}
