/* SPDX-License-Identifier: GPL-2.0 */
/* e820shim.conf: one key=value per line, '#' comments. Pure. */
#ifndef SHIM_CONF_H
#define SHIM_CONF_H
#include <stddef.h>
#include <stdint.h>

#include "bootproto/range.h"
#include "include/purgatory_abi.h"

#define CONF_PATH_MAX    256
#define CONF_CMDLINE_MAX 2048
#define CONF_MAX_RESERVE STAGED_TABLE_MAX_RANGES
#define CONF_MAX_SP      16

struct shim_conf {
	char kernel[CONF_PATH_MAX];
	char initrd[CONF_PATH_MAX];
	char cmdline[CONF_CMDLINE_MAX];
	int table;                       /* table=on (default) or off */
	uint16_t serial_port;            /* console=, bootproto/console.h */
	uint32_t serial_baud;
	uint32_t nreserve;
	struct staged_range reserve[CONF_MAX_RESERVE];
	uint32_t nsp;                    /* sp=ADDR,SIZE: conventional memory there is specific-purpose */
	struct range sp[CONF_MAX_SP];    /* (EFI_MEMORY_SP), as firmware marks CXL or HBM memory */
#ifdef E820SHIM_FAULTS
	char fault[32];                  /* test build only: see shim/faults.h */
	uint32_t fault_ext_capacity;
#endif
};

void conf_defaults(struct shim_conf *c);

/*
 * Apply text (a file, or load options split into lines) on top of c.
 * 0, or -1 with why holding "line N: ..." naming the line and what is wrong.
 */
int conf_parse(struct shim_conf *c, const char *text, size_t len, char *why, size_t why_size);

/* Load options from the UEFI shell ("prog kernel=\a cmdline="x y"") as lines, quotes removed. */
size_t conf_options_to_lines(const char *opts, size_t len, char *out, size_t out_size);

#endif
