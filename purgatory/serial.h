/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PURGATORY_SERIAL_H
#define PURGATORY_SERIAL_H
#include <stdint.h>

/* port 0: silent. baud 0: keep the divisor the firmware or first kernel set. */
void serial_init(uint16_t port, uint32_t baud);
void serial_puts(uint16_t port, const char *s);

#endif
