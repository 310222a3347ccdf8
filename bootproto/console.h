/* SPDX-License-Identifier: GPL-2.0 */
/* Where the purgatory reports, as both loaders spell it: ttyS0[,BAUD] | ttyS1[,BAUD] | off. Pure. */
#ifndef LINKER_CONSOLE_H
#define LINKER_CONSOLE_H
#include <stddef.h>
#include <stdint.h>

#define CONSOLE_COM1_PORT    0x3f8
#define CONSOLE_COM2_PORT    0x2f8
#define CONSOLE_DEFAULT_BAUD 115200
#define CONSOLE_MAX_BAUD     115200   /* the 8250's base clock / 16: divisor 1 */

/* NULL with *port (0 for off) and *baud set, or what is wrong with v (nothing is set then). */
const char *console_parse(const char *v, size_t len, uint16_t *port, uint32_t *baud);

#endif
