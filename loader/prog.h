/* SPDX-License-Identifier: GPL-2.0 */
/* The name every line kexec-e820 prints starts with: one error contract, one spelling. */
#ifndef LOADER_PROG_H
#define LOADER_PROG_H

#define PROG "kexec-e820"

/*
 * One line on stderr: PROG ": ", the message (a trailing newline dropped), control characters
 * from echoed input shown as \xNN, so that an error stays one line whatever it quotes.
 */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
