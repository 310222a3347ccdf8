# SPDX-License-Identifier: GPL-2.0
# The pure sources, by folder: no I/O, no allocation they do not hand back; given memory, they
# compute. Each is built into more than one program (the purgatory, kexec-e820, e820shim.efi)
# and for the host tests, so these lists are the one place that says which: the Makefile, the
# fuzz harnesses and tools/lint.sh (`make -s sources`) all read them.

# Freestanding: run in the purgatory; the loader runs the same merge for its prediction.
PURGATORY_PURE := purgatory/sha256.c purgatory/sha256_ni.c purgatory/cpu.c purgatory/table.c \
	purgatory/e820.c purgatory/zeropage.c purgatory/params.c purgatory/verify.c purgatory/fmt.c \
	purgatory/report.c purgatory/run.c
# The x86 boot protocol both loaders speak: bzImage checks, segments, zero page, staged table.
BOOTPROTO := bootproto/table_write.c bootproto/bzimage.c bootproto/layout.c bootproto/assemble.c \
	bootproto/console.c
# The shim's parsers: its conf file, the firmware memory map.
SHIM_PURE := shim/conf.c shim/efimap.c
# The loader's planning: /proc/iomem, core headers, the plan, both predictions, the map picture.
LOADER_PURE := loader/iomem.c loader/elfcore.c loader/dumpram.c loader/plan.c loader/predict.c \
	loader/svg.c loader/e820words.c loader/kfile.c loader/kfile_print.c loader/compare.c \
	loader/oldram.c loader/fwmap.c loader/cmdline.c
# Reads and writes only the files it is given: unit-tested with temporary ones.
LOADER_FILES := loader/record.c

SHARED_SRCS := $(PURGATORY_PURE) $(BOOTPROTO) $(SHIM_PURE) $(LOADER_PURE) $(LOADER_FILES)
