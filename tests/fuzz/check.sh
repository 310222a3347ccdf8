#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check's fuzz pass: every harness for FUZZ_SECONDS (10 there), from the committed seeds.
exec tests/fuzz/run.sh e820 iomem bzimage conf
