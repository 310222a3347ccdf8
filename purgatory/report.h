/* SPDX-License-Identifier: GPL-2.0 */
/* The purgatory's words: one line per event, each starting "purgatory: ". Pure. */
#ifndef PURGATORY_REPORT_H
#define PURGATORY_REPORT_H
#include "e820.h"
#include "fmt.h"
#include "params.h"
#include "table.h"

void report_params_fault(struct out *o, const struct params_fault *f);
void report_table_fault(struct out *o, const struct table_fault *f);
void report_e820_fault(struct out *o, const struct e820_fault *f);
void report_counts(struct out *o, const struct e820_counts *c, uint32_t ext_capacity);

#endif
