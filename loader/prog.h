/* SPDX-License-Identifier: GPL-2.0 */
/* The name every line kexec-e820 prints starts with: one error contract, one spelling. */
#ifndef LOADER_PROG_H
#define LOADER_PROG_H

#define PROG "kexec-e820"

#endif
