# SPDX-License-Identifier: GPL-2.0
# make            everything into build/
# make unit       host tests (ASan + UBSan)
# make qemu-test  the QEMU tests: the shim under OVMF, crash cycles on Debian's 6.1, 6.12, 7.2
# make check      installs what is missing, then every test; last line "N passed, N failed"
# make deps       installs missing Debian packages (as root), or prints the apt-get line
# make fuzz       libFuzzer on the four parsers, FUZZ_SECONDS each (default 60) from a new seed
# make lint       cppcheck and clang-tidy on the C, shellcheck on the shell (also part of make check)
# make bench      speed and size figures against OpenSSL and kexec-tools (build/bench/report.md)
# make soak       random crash cycles (SOAK_CYCLES, default 20), 1,000 loads, two loads at once
# make stress     crash cycles (STRESS_CYCLES, default 30) with every core kept busy on purpose
# make replay     the six hardest real machines' maps crashed in QEMU on 6.12 and 7.2, kexec-tools
#                  beside (make check replays two of them)
# make demo       nine guests crash: kexec-e820 beside kexec-tools, on Debian 13 and 12, Secure Boot too
# make install    kexec-e820, its man page and e820shim.efi under $(DESTDIR)$(PREFIX)
# make deb        build/e820-purgatory_VERSION_amd64.deb (dpkg-deb), for apt install
# make kdump-tools-test  the package's life cycle in Debian 12 and 13 chroots, and under Debian's
#                  kdump-tools in Debian 12 and 13 QEMU guests (part of make check)
# make kernel-test  Linux 7.3, 6.12, 6.1 built with and without kernel/patches/BASE, booted in QEMU

BUILD   ?= build
# Plain `make` builds everything (the first rule below would otherwise be one object).
.DEFAULT_GOAL := all
# gcc unless the caller names another (make CC=clang); make's own default, cc, is not a choice
ifeq ($(origin CC),default)
CC      := gcc
endif
HOST    := $(BUILD)/host

# --- The purgatory: freestanding x86-64, run with no OS, no libc, no SSE state ---
PURG_CFLAGS := -std=gnu11 -Os -Wall -Wextra -Werror -MMD -MP
# No libc: only the compiler's own headers (stdint.h, stddef.h) and ours.
PURG_CFLAGS += -ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include)
# One include root, the top of the tree: every include across folders names its folder.
PURG_CFLAGS += -Ipurgatory/freestanding -I.
# Runs wherever the loader put it: RIP-relative addressing, every symbol hidden (no GOT).
PURG_CFLAGS += -fpie -include purgatory/hidden.h
# After a kexec jump CR4.OSFXSR is off: any SSE/x87 instruction would fault into no IDT.
PURG_CFLAGS += -mgeneral-regs-only -march=x86-64 -mtune=generic
# Kernel-style code; nothing may rely on the 128 bytes below %rsp.
PURG_CFLAGS += -mno-red-zone
# Canaries, stack probes and CET notes reference symbols or sections the image cannot have.
PURG_CFLAGS += -fno-stack-protector -fno-stack-clash-protection -fcf-protection=none
# No .eh_frame: nothing unwinds here.
PURG_CFLAGS += -fno-asynchronous-unwind-tables -fno-unwind-tables
# gcc turns copy loops into memcpy calls, including the loop inside memcpy itself.
PURG_CFLAGS += -fno-tree-loop-distribute-patterns
PURG_CFLAGS += -fno-common

# The lists of shared pure sources, by folder (PURGATORY_PURE, BOOTPROTO, SHIM_PURE, ...).
include sources.mk
# Objects mirror their sources' paths under each program's own tree (build/loader/purgatory/e820.o).
objs = $(patsubst %.c,$(1)/%.o,$(2))
PURG_SRCS := $(PURGATORY_PURE) $(addprefix purgatory/,purgatory.c serial.c string.c memcpy.c)
PURG_OBJS := $(BUILD)/purgatory/entry.o $(patsubst purgatory/%.c,$(BUILD)/purgatory/%.o,$(PURG_SRCS))

# --- Host builds of the same pure sources ---
HOST_CFLAGS := -std=gnu11 -g -Wall -Wextra -Werror -MMD -MP -I.
SANITIZE    := -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_OBJS   := $(call objs,$(HOST)/obj,$(SHARED_SRCS))
UNIT_TESTS  := $(patsubst tests/unit/%.c,$(HOST)/%,$(wildcard tests/unit/test_*.c))

# --- The UEFI shim: a gnu-efi application embedding build/purgatory.bin ---
EFI_INC    := /usr/include/efi
EFI_LIB    := /usr/lib
SHIM_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -MMD -MP -I.
SHIM_CFLAGS += -I$(EFI_INC) -I$(EFI_INC)/x86_64
# Firmware calls use the Microsoft ABI; gcc emits it directly, no call wrapper.
SHIM_CFLAGS += -DGNU_EFI_USE_MS_ABI -maccumulate-outgoing-args
# A PE image relocated by the firmware: PIC, linked -shared, converted by objcopy.
SHIM_CFLAGS += -fpic -fshort-wchar
# No libc, no canary symbol, firmware interrupts may use the stack below %rsp.
SHIM_CFLAGS += -ffreestanding -fno-stack-protector -fno-stack-clash-protection -mno-red-zone
SHIM_SRCS := shim/main.c shim/libc.c purgatory/string.c $(SHIM_PURE) $(BOOTPROTO) purgatory/sha256.c \
	     purgatory/sha256_ni.c
SHIM_OBJS := $(call objs,$(BUILD)/efi,$(SHIM_SRCS)) $(BUILD)/efi/purgatory_blob.o

$(BUILD)/efi/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(SHIM_CFLAGS) -c $< -o $@

$(BUILD)/efi/purgatory_blob.o: linker/purgatory_blob.S $(BUILD)/purgatory.bin
	@mkdir -p $(@D)
	$(CC) -I$(BUILD) -c $< -o $@

# --no-undefined: a -shared link would leave a PLT call that the PE conversion drops.
EFI_LINK = ld -nostdlib -znocombreloc -T $(EFI_LIB)/elf_x86_64_efi.lds -shared -Bsymbolic --no-undefined \
	$(EFI_LIB)/crt0-efi-x86_64.o $^ -L$(EFI_LIB) -lefi -lgnuefi -o $@
PE_CONVERT = objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym -j .rel -j .rela \
	-j .rel.* -j .rela.* -j .reloc --target efi-app-x86_64 --subsystem=10 $< $@

$(BUILD)/e820shim.so: $(SHIM_OBJS)
	$(EFI_LINK)

$(BUILD)/%.efi: $(BUILD)/%.so
	$(PE_CONVERT)

# Test-only: the same shim with fault= keys (shim/faults.h), for tests/qemu/faults.sh.
FAULT_OBJS := $(patsubst $(BUILD)/efi/%,$(BUILD)/efi-faults/%,$(SHIM_OBJS)) $(BUILD)/efi-faults/shim/faults.o
$(BUILD)/efi-faults/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(SHIM_CFLAGS) -DE820SHIM_FAULTS -c $< -o $@

$(BUILD)/efi-faults/purgatory_blob.o: $(BUILD)/efi/purgatory_blob.o
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/e820shim-faults.so: $(FAULT_OBJS)
	$(EFI_LINK)

.PHONY: all unit qemu-test check deps demo bench fuzz lint install clean deb kdump-tools-test soak stress \
	kernel-test sources replay
# Keep intermediate objects: make's clean-up would print after the test summary line.
.SECONDARY:
all: $(BUILD)/purgatory.bin $(HOST)/purgatory-sha256 $(BUILD)/e820shim.efi $(BUILD)/kexec-e820 $(HOST)/e820-svg

$(BUILD)/purgatory/%.o: purgatory/%.c
	@mkdir -p $(@D)
	$(CC) $(PURG_CFLAGS) -c $< -o $@

# The one SIMD file: SSE/SHA allowed, its code moved to .text.simd where mkimage.sh permits it.
$(BUILD)/purgatory/sha256_ni.o: purgatory/sha256_ni.c
	@mkdir -p $(@D)
	$(CC) $(filter-out -mgeneral-regs-only,$(PURG_CFLAGS)) -msse4.1 -mssse3 -msha -c $< -o $@.tmp
	objcopy --rename-section .text=.text.simd $@.tmp $@
	@rm -f $@.tmp

$(BUILD)/purgatory/entry.o: purgatory/entry.S
	@mkdir -p $(@D)
	$(CC) -I. -c $< -o $@

$(BUILD)/purgatory.lds: linker/purgatory.lds.S include/purgatory_abi.h
	@mkdir -p $(@D)
	$(CC) -E -P -x c -D__ASSEMBLER__ -I. $< -o $@

$(BUILD)/purgatory.bin: $(PURG_OBJS) $(BUILD)/purgatory.lds linker/mkimage.sh
	linker/mkimage.sh $@ $(BUILD)/purgatory.lds $(PURG_OBJS)

$(HOST)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(SANITIZE) -c $< -o $@

# --- kexec-e820: one static binary, the purgatory inside, droppable into any initramfs ---
# Its I/O (files, syscalls), then the pure planning and the purgatory's own merge for the prediction.
LOADER_SRCS := $(addprefix loader/,main.c say.c sysinfo.c kexec.c keep.c load.c kfile_load.c) $(LOADER_PURE) \
	       $(LOADER_FILES) $(BOOTPROTO) $(PURGATORY_PURE)
LOADER_OBJS := $(call objs,$(BUILD)/loader,$(LOADER_SRCS)) $(BUILD)/loader/purgatory_blob.o

$(BUILD)/loader/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O2 -c $< -o $@

$(BUILD)/loader/purgatory_blob.o: linker/purgatory_blob.S $(BUILD)/purgatory.bin
	@mkdir -p $(@D)
	$(CC) -I$(BUILD) -c $< -o $@

$(BUILD)/kexec-e820: $(LOADER_OBJS)
	$(CC) -static -o $@ $(LOADER_OBJS) -lm

# Test-only, as the shim's fault build: kexec-e820 whose load fails after the kernel dropped the
# loaded dump kernel when KEXEC_E820_TEST_BREAK_LOAD is set (loader/kexec.c), for the guests'
# keep tests. Never installed: the installed binary has no such hook.
LOADER_FAULT_OBJS := $(patsubst $(BUILD)/loader/loader/kexec.o,$(BUILD)/loader-faults/loader/kexec.o,$(LOADER_OBJS))
$(BUILD)/loader-faults/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O2 -DKEXEC_E820_FAULTS -c $< -o $@

$(BUILD)/kexec-e820-faults: $(LOADER_FAULT_OBJS)
	$(CC) -static -o $@ $(LOADER_FAULT_OBJS) -lm

# Test-only: plants a marker in the first kernel's memory and finds it in the dump (tests/qemu/kmem.sh).
$(BUILD)/dumpmark: tests/lib/dumpmark.c
	$(CC) $(HOST_CFLAGS) -O2 -static $< -o $@

# What the guests' tests need beside `all`: the fault builds, the dump's marker.
TEST_BINS := $(BUILD)/e820shim-faults.efi $(BUILD)/kexec-e820-faults $(BUILD)/dumpmark

$(HOST)/test_%: tests/unit/test_%.c tests/unit/check.h $(HOST_OBJS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(SANITIZE) -Itests/unit $< $(HOST_OBJS) -lm -o $@

# Timed and compared with sha256sum/openssl: optimised, not sanitised.
SHA_SRCS := purgatory/sha256.c purgatory/sha256_ni.c purgatory/cpu.c
# Host tools, optimised, not sanitised, from objects whose dependencies -MMD lists.
$(HOST)/tool/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O2 -c $< -o $@

SHA_TOOL_OBJS := $(call objs,$(HOST)/tool,tools/purgatory-sha256.c $(SHA_SRCS))
$(HOST)/purgatory-sha256: $(SHA_TOOL_OBJS)
	$(CC) -o $@ $(SHA_TOOL_OBJS)

# The map picture from text files, for the demo and tests: loader/svg.c, as kexec-e820 --svg draws.
E820_SVG_SRCS := tools/e820-svg.c loader/svg.c loader/e820words.c
SVG_TOOL_OBJS := $(call objs,$(HOST)/tool,$(E820_SVG_SRCS))
$(HOST)/e820-svg: $(SVG_TOOL_OBJS)
	$(CC) -o $@ $(SVG_TOOL_OBJS) -lm

# make unit: what a contributor runs on every change: under a minute, no root, no network, no
# QEMU (tests/build/unit-alone.sh proves it). make check adds the slow host checks: a clean
# build in a copy, the rebuild rules, the lint, the kernel series against linux-source.
SLOW_HOST_TESTS := tests/host/kernel-series.sh tests/build/make-default.sh tests/build/rebuild.sh \
	tests/build/unit-alone.sh tools/lint.sh
UNIT_SCRIPTS := $(filter-out $(SLOW_HOST_TESTS),$(wildcard tests/host/*.sh tests/build/*.sh))
HOST_TESTS := $(UNIT_TESTS) $(UNIT_SCRIPTS) $(SLOW_HOST_TESTS)

QEMU_TESTS := $(wildcard tests/qemu/*.sh)
DEB_TESTS  := $(wildcard tests/deb/*.sh)
RUN_TESTS  := PURG_OBJS="$(PURG_OBJS)" tests/run.sh

unit: all $(UNIT_TESTS) $(BUILD)/kexec-e820-faults
	@$(RUN_TESTS) -j 2 $(UNIT_TESTS) $(UNIT_SCRIPTS)

qemu-test: all $(TEST_BINS)
	@$(RUN_TESTS) $(QEMU_TESTS)

deps:
	@tools/deps.sh

lint: deps
	@tools/lint.sh

# The package, its life cycle in a chroot, and Debian's kdump service through it in a guest.
kdump-tools-test: deps all $(TEST_BINS)
	@$(RUN_TESTS) $(DEB_TESTS)

deb: all
	@tools/mkdeb.sh

# Not part of make check: for each base in KERNEL_BASES (7.3 6.12 6.1) the first run fetches and
# builds Linux (7.3: 10 minutes on 2 cores, then about 20 s a patch), cached under
# /var/cache/e820-purgatory/; then each patch on its own (about a minute each);
# the touched files with W=1 in the other configurations (tools/kernel-objs.sh); its QEMU runs.
kernel-test:
	@tools/deps.sh kernel
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@$(RUN_TESTS) tests/kernel/kernel-objs.sh tests/kernel/kernel-test.sh

# make check runs tests/qemu/soak.sh too, with 3 cycles and 100 loads, from a fixed seed: the
# gate must not fail at random. make soak and make stress draw new seeds.
SOAK_CYCLES ?= 20
SOAK_LOADS  ?= 1000
soak: deps all $(TEST_BINS)
	@SOAK_CYCLES=$(SOAK_CYCLES) SOAK_LOADS=$(SOAK_LOADS) $(RUN_TESTS) tests/qemu/soak.sh

# Real machines' maps in QEMU: all six of tests/qemu/realmaps.sh, kexec -c -p recorded too; and
# kexec-tools recorded beside kexec-e820 wherever make check crashes kexec-e820 alone (the kmem
# guests, 160 ranges on 6.1, 6.12 and 7.2, Secure Boot, Debian's kdump-tools): records, never judged.
REPLAY_TESTS := tests/qemu/realmaps.sh tests/qemu/kmem.sh tests/qemu/kdump-crash.sh tests/qemu/kernel-matrix.sh \
	tests/qemu/secureboot.sh tests/deb/kdump-tools.sh
replay: deps all $(TEST_BINS)
	@REPLAY_ALL=1 KEXEC_TOOLS_RECORDS=1 $(RUN_TESTS) $(REPLAY_TESTS)

# The serial line's races show on a busy machine: crash cycles beside busy loops on every core.
STRESS_CYCLES ?= 30
stress: deps all $(TEST_BINS)
	@STRESS_CYCLES=$(STRESS_CYCLES) tools/stress.sh

# One run, so the last line counts every test.
# Cycles pc 1 GiB, q35 6 GiB, pc 6 GiB, with 36, 115 and 113 memmap= ranges.
CHECK_SOAK_SEED ?= 4816783
# Two tests at a time: a guest keeps about one core busy (TCG), and this machine has two. Every
# limit a test sets is CPU time, never wall time, so a neighbour slows a test but cannot fail it.
# On a first run the long tests go first (the Debian and QEMU ones); later, tests/run.sh orders
# by build/check-times.
CHECK_JOBS ?= 2
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_TESTS) $(TEST_BINS) $(FUZZ_BINS)
	@SOAK_SEED=$(CHECK_SOAK_SEED) RUN_TIMES=$(BUILD)/check-times $(RUN_TESTS) -j $(CHECK_JOBS) \
		$(DEB_TESTS) $(QEMU_TESTS) $(HOST_TESTS) tests/fuzz/check.sh

# --- Fuzzing: libFuzzer with ASan and UBSan, one harness per parser of outside input ---
FUZZERS := e820 iomem bzimage conf
FUZZ_BINS := $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_CFLAGS := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -MMD -MP -I.
FUZZ_OBJS := $(call objs,$(BUILD)/fuzz/obj,$(SHARED_SRCS))
FUZZ_SECONDS ?= 60

# Every harness links the same shared pure sources (sources.mk), instrumented for coverage once.
$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_OBJS) -lm -o $@

fuzz: deps $(FUZZ_BINS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZERS)

# Speed and size, measured, never asserted in tests: see tools/bench.sh.
BENCH_BINS := $(HOST)/sha256-bench $(HOST)/sha256-bench-image $(HOST)/e820-bench
$(HOST)/sha256-bench: tests/bench/sha256_bench.c $(SHA_SRCS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O2 $< $(SHA_SRCS) -o $@

# The same harness on the very objects linked into build/purgatory.bin (freestanding, -Os),
# not a host rebuild of their source; libc's memcpy stands in for the purgatory's.
IMAGE_SHA_OBJS := $(BUILD)/purgatory/sha256.o $(BUILD)/purgatory/sha256_ni.o $(BUILD)/purgatory/cpu.o
$(HOST)/sha256-bench-image: tests/bench/sha256_bench.c $(IMAGE_SHA_OBJS) $(BUILD)/purgatory.bin
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O2 $< $(IMAGE_SHA_OBJS) -o $@

# The merge as the purgatory compiles it (-Os), so callgrind counts the image's instructions.
$(HOST)/e820-bench: tests/bench/e820_bench.c purgatory/e820.c purgatory/table.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Os $< purgatory/e820.c purgatory/table.c -o $@

bench: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS) $(BENCH_BINS)
	@tools/bench.sh

# The shared pure sources (sources.mk) on one line, for tools/lint.sh.
sources:
	@echo $(SHARED_SRCS)

demo: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@tools/demo.sh

PREFIX  ?= /usr/local
install: all
	install -D -m 0755 $(BUILD)/kexec-e820 $(DESTDIR)$(PREFIX)/sbin/kexec-e820
	install -D -m 0644 docs/kexec-e820.8 $(DESTDIR)$(PREFIX)/share/man/man8/kexec-e820.8
	install -D -m 0644 $(BUILD)/e820shim.efi $(DESTDIR)$(PREFIX)/lib/e820-purgatory/e820shim.efi

clean:
	rm -rf $(BUILD)

# Every object's and harness's .d file, at whatever depth its source sits.
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
