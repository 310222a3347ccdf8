// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-e820: loads a kdump kernel with the e820 purgatory, kexec-tools' spelling.
 * Reads files and /proc, asks plan.c for the segments, and only then, unless
 * --dry-run or --print-e820 was given, calls kexec_load. With -s, or when lockdown
 * refuses kexec_load, kexec_file_load instead (kfile_load.c). Every error is one
 * line on stderr and a non-zero exit, with nothing loaded.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bootproto/console.h"
#include "compare.h"
#include "dumpram.h"
#include "keep.h"
#include "kexec.h"
#include "kfile_load.h"
#include "load.h"
#include "plan.h"
#include "predict.h"
#include "prog.h"
#include "record.h"
#include "svg.h"
#include "sysinfo.h"

#define KERNEL_MAX     (512ull << 20)
#define INITRD_MAX     (4ull << 30)
#define IOMEM_MAX      (64ull << 20)
#define CMDLINE_MAX    4096
#define ELFCOREHDR_SIZE_MAX (16ul << 20)
#define EXIT_USAGE     2
#define EXIT_BUSY      3       /* another kexec-e820 is loading or unloading: its work stands */

extern const uint8_t purgatory_blob[];
extern const uint64_t purgatory_blob_size;

static const char usage[] =
	"usage: " PROG " -p [-s] KERNEL [--initrd=FILE] [--append=STRING | --command-line=STRING | --reuse-cmdline]\n"
	"                  [--console=ttyS0[,BAUD]|ttyS1[,BAUD]|off] [--dry-run] [--print-e820 [--json]]\n"
	"                  [--svg=FILE] [--iomem=FILE [--firmware-map=DIR] [--possible-cpus=N] [--elfcorehdr-size=N]]\n"
	"       -s: through kexec_file_load (signed kernels, lockdown): the kernel's e820, and memmap= for\n"
	"           what its 128 entries lose\n"
	"       " PROG " -u -p [-s]   unload the crash kernel\n"
	"       " PROG " --status     is a crash kernel loaded, and with what\n"
	"       " PROG " --compare [--iomem=FILE [--firmware-map=DIR]]   what the stock kexec_file path loses here, range by range\n";

struct options {
	int load, unload, status, compare, dry_run, print_e820, json, reuse, file_syscall, args_linux;
	int debug, auto_syscall, elf64, no_checks;     /* kexec-tools' options: taken, said to change nothing */
	const char *kernel, *initrd, *append, *iomem, *svg, *fwmap;
	uint16_t port;
	uint32_t baud;
	uint32_t cpus;                 /* --possible-cpus: planning -s for another machine's iomem */
	uint32_t hdr_bytes;            /* --elfcorehdr-size: its /sys/kernel/crash_elfcorehdr_size */
};

static char why[512];

static int die(const char *fmt, const char *arg)
{
	char msg[sizeof(why) + 256];

	snprintf(msg, sizeof(msg), fmt, arg);
	say("%s", msg);
	return 1;
}

/* A decimal count from 1 to max; 0, or -1 for anything else. */
static int count_arg(const char *arg, unsigned long max, uint32_t *out)
{
	char *end = NULL;
	unsigned long v = arg && isdigit((unsigned char)*arg) ? strtoul(arg, &end, 10) : 0;

	if (!end || *end || !v || v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int parse(int argc, char **argv, struct options *o)
{
	enum { OPT_INITRD = 256, OPT_APPEND, OPT_REUSE, OPT_CONSOLE, OPT_DRY, OPT_PRINT, OPT_JSON, OPT_IOMEM, OPT_STATUS, OPT_COMPARE,
	       OPT_ARGS_LINUX, OPT_SVG, OPT_CPUS, OPT_HDR, OPT_FWMAP, OPT_ELF64 };
	static const struct option longs[] = {
		{ "load-panic", no_argument, NULL, 'p' }, { "unload", no_argument, NULL, 'u' },
		{ "initrd", required_argument, NULL, OPT_INITRD }, { "ramdisk", required_argument, NULL, OPT_INITRD },
		{ "append", required_argument, NULL, OPT_APPEND }, { "command-line", required_argument, NULL, OPT_APPEND },
		{ "reuse-cmdline", no_argument, NULL, OPT_REUSE }, { "console", required_argument, NULL, OPT_CONSOLE },
		{ "dry-run", no_argument, NULL, OPT_DRY }, { "print-e820", no_argument, NULL, OPT_PRINT },
		{ "json", no_argument, NULL, OPT_JSON }, { "iomem", required_argument, NULL, OPT_IOMEM },
		{ "svg", required_argument, NULL, OPT_SVG },
		{ "firmware-map", required_argument, NULL, OPT_FWMAP },
		{ "possible-cpus", required_argument, NULL, OPT_CPUS },
		{ "elfcorehdr-size", required_argument, NULL, OPT_HDR },
		{ "status", no_argument, NULL, OPT_STATUS }, { "help", no_argument, NULL, 'h' },
		{ "compare", no_argument, NULL, OPT_COMPARE },
		/* kexec-tools' loader choice and ELF flag, as kdump-config passes them */
		{ "kexec-file-syscall", no_argument, NULL, 's' }, { "kexec-syscall", no_argument, NULL, 'c' },
		{ "args-linux", no_argument, NULL, OPT_ARGS_LINUX },
		/* more of kexec-tools' that mean something for a crash load (say_unused) */
		{ "debug", no_argument, NULL, 'd' }, { "kexec-syscall-auto", no_argument, NULL, 'a' },
		{ "elf64-core-headers", no_argument, NULL, OPT_ELF64 }, { "no-checks", no_argument, NULL, 'i' },
		{ "type", required_argument, NULL, 't' }, { 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->port = CONSOLE_COM1_PORT;
	o->baud = CONSOLE_DEFAULT_BAUD;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "puhSscdait:", longs, NULL)) != -1) {
		switch (c) {
		case 'p': o->load = 1; break;
		case 's': o->file_syscall = 1; break;
		case 'c': break;                /* kexec_load: what kexec-e820 always uses */
		case OPT_ARGS_LINUX: o->args_linux = 1; break;
		case 'd': o->debug = 1; break;
		case 'a': o->auto_syscall = 1; break;
		case OPT_ELF64: o->elf64 = 1; break;
		case 'i': o->no_checks = 1; break;
		case 't':
			if (strcmp(optarg, "bzImage64") != 0 && strcmp(optarg, "bzImage") != 0)
				return die("-t %s: this loader takes bzImage64 kernels only", optarg), -1;
			break;
		case 'u': o->unload = 1; break;
		case 'S': case OPT_STATUS: o->status = 1; break;
		case OPT_COMPARE: o->compare = 1; break;
		case OPT_INITRD: o->initrd = optarg; break;
		case OPT_APPEND:
			if (o->append)
				return die("%s", "give the command line once (--append or --command-line)"), -1;
			o->append = optarg;
			break;
		case OPT_REUSE: o->reuse = 1; break;
		case OPT_CONSOLE: {
			const char *err = optarg ? console_parse(optarg, strlen(optarg), &o->port, &o->baud) : "needs a value";

			if (err) {
				say("--console=%s: %s\n", optarg, err);
				return -1;
			}
			break;
		}
		case OPT_DRY: o->dry_run = 1; break;
		case OPT_PRINT: o->print_e820 = 1; break;
		case OPT_JSON: o->json = 1; break;
		case OPT_IOMEM: o->iomem = optarg; break;
		case OPT_SVG: o->svg = optarg; break;
		case OPT_FWMAP: o->fwmap = optarg; break;
		case OPT_CPUS:
			if (count_arg(optarg, MAX_CPUS, &o->cpus))
				return die("--possible-cpus=%s: want 1 to 8192", optarg), -1;
			break;
		case OPT_HDR:
			if (count_arg(optarg, ELFCOREHDR_SIZE_MAX, &o->hdr_bytes))
				return die("--elfcorehdr-size=%s: want bytes, 1 to 16 MiB", optarg), -1;
			break;
		case 'h': fputs(usage, stdout); exit(0);
		default:
			return die("unknown or incomplete option %s (see --help)", argv[optind - 1]), -1;
		}
	}
	if (o->hdr_bytes && !o->iomem)
		return die("%s", "--elfcorehdr-size describes another machine: give it with --iomem"), -1;
	if (o->fwmap && !o->iomem)
		return die("%s", "--firmware-map is another machine's: give it with --iomem (this one's is read anyway)"), -1;
	if (o->compare)
		return optind == argc ? 0 : (die("%s", "--compare takes no kernel: it reads only the memory map"), -1);
	if (o->unload && (o->print_e820 || o->status))
		return die("%s", o->status ? "-u and --status: choose one" : "-u -p prints no e820: it loads nothing"), -1;
	if (o->status || (o->unload && o->load))
		return optind == argc ? 0 : (die("%s", "--status and -u -p take no kernel"), -1);
	if (o->unload)
		return die("%s", "-u unloads only the crash kernel: say -u -p"), -1;
	if (!o->load)
		return die("%s", "only crash loads (-p) are supported; see --help"), -1;
	if (optind + 1 != argc)
		return die("%s", optind == argc ? "-p needs a KERNEL file" : "more than one KERNEL given"), -1;
	if (o->reuse && o->append)
		return die("%s", "--reuse-cmdline and --append both give the command line; choose one"), -1;
	if ((o->json || o->svg) && !o->print_e820)
		return die("%s", o->json ? "--json goes with --print-e820" : "--svg goes with --print-e820"), -1;
	if (o->svg && o->file_syscall)
		return die("%s", "--svg draws the purgatory's map: not with -s"), -1;
	o->kernel = argv[optind];
	return 0;
}

/* kexec-tools' options that change nothing here, said once the work is sure to go ahead. */
static void unused_note(const struct options *o, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s", o->args_linux ? PROG ": --args-linux not used: the kernel is taken as a bzImage, "
		 "its own format\n" : "", o->debug ? PROG ": -d: no debug output here; --dry-run and --print-e820 print "
		 "the plan\n" : "", o->auto_syscall ? PROG ": -a: kexec_load with this loader's purgatory, kexec_file_load "
		 "where policy refuses it (-s: always)\n" : "", o->no_checks ? PROG ": -i: the checks stay (they cost "
		 "nothing at the crash)\n" : "");
	(void)o->elf64;                 /* the core headers are ELF64 always: nothing to say */
}

static void say_unused(const struct options *o)
{
	char note[512];

	unused_note(o, note, sizeof(note));
	fputs(note, stderr);
}

/*
 * One load or unload at a time, machine-wide: the loser of two started at once says so and
 * loads nothing, rather than the kernel keeping whichever came second. The lock is on the
 * sysfs file every crash load is about (flock works on any file); it goes with the process.
 */
static int lock_crash_kernel(void)
{
	int fd = open(CRASH_LOADED, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return die("%s: cannot open (kernel without kexec?)", CRASH_LOADED), 1;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		return die("%s", "another kexec-e820 is loading or unloading the crash kernel now; nothing done"),
		       EXIT_BUSY;
	return die("flock " CRASH_LOADED ": %s", strerror(errno)), 1;
}

static int status(void)
{
	size_t n;
	int loaded = record_crash_loaded(CRASH_LOADED);
	char *record;

	if (loaded < 0)
		return die("%s: cannot read (kernel without kexec?)", CRASH_LOADED);
	record = read_whole(STATUS_FILE, &n, 1 << 20);
	record_describe(stdout, loaded, record);
	free(record);
	return 0;
}

static void print_plan(FILE *f, const struct plan *p, const struct iomem_map *map)
{
	const struct purgatory_params *pp = (const void *)((const uint8_t *)p->seg[SEG_PURGATORY].buf +
						     ((const struct purgatory_image_header *)p->seg[SEG_PURGATORY].buf)->params_offset);

	fprintf(f, "%-20s %-18s %-10s %-10s\n", "segment", "address", "memsz", "bufsz");
	for (int i = 0; i < SEG_COUNT; i++)
		fprintf(f, "%-20s 0x%016llx 0x%-8llx 0x%-8llx\n", p->seg[i].name, (unsigned long long)p->seg[i].mem,
			(unsigned long long)p->seg[i].memsz, (unsigned long long)p->seg[i].bufsz);
	fprintf(f, "entry (purgatory)    0x%016llx\n", (unsigned long long)p->entry);
	fprintf(f, "kernel entry         0x%016llx\n", (unsigned long long)pp->kernel_entry);
	for (uint32_t i = 0; i < pp->region_count; i++) {
		fprintf(f, "sha256 0x%016llx+0x%-8llx ", (unsigned long long)pp->regions[i].addr,
			(unsigned long long)pp->regions[i].size);
		for (int k = 0; k < 32; k++)
			fprintf(f, "%02x", pp->regions[i].sha256[k]);
		fputc('\n', f);
	}
	fprintf(f, "PT_LOAD              %u ranges of first-kernel RAM", p->nload);
	if (p->dump_kept)
		fprintf(f, ", %llu KiB of it EFI boot-services memory the kernel kept", (unsigned long long)(p->dump_kept >> 10));
	fputc('\n', f);
	for (uint32_t i = 0; i < p->nload; i++)
		fprintf(f, "dump [mem 0x%016llx-0x%016llx] %s\n", (unsigned long long)p->loads[i].first,
			(unsigned long long)p->loads[i].last, dumpram_source(map, p->loads[i]));
	fprintf(f, "command line         %s\n", p->cmdline);
}

/* The record's body for a kexec_load: the files and the plan, as --status shows them. */
static char *plan_text(const struct options *o, const char *args, const struct plan *p, const struct iomem_map *map)
{
	char *text = NULL;
	size_t size;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	fprintf(f, "%skernel %s\ninitrd %s\n", args ? args : "", o->kernel, o->initrd ? o->initrd : "(none)");
	print_plan(f, p, map);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

static int by_start(const void *a, const void *b)
{
	const struct map_range *x = a, *y = b;

	return x->r.first < y->r.first ? -1 : x->r.first > y->r.first;
}

/* --svg: the first kernel's RAM and e820-named ranges beside the predicted kdump e820. */
static int write_svg(const char *path, const struct iomem_map *m, const struct purgatory_e820 *pr)
{
	static struct map_range first[IOMEM_MAX_RAM + STAGED_TABLE_MAX_RANGES];
	uint32_t nf = 0, nk = pr->counts.zero_page + pr->counts.ext;
	struct map_range *kdump = calloc(nk, sizeof(*kdump));
	FILE *f;
	int rc = 0;

	for (uint32_t i = 0; i < m->nram; i++)
		first[nf++] = (struct map_range){ m->ram[i], E820_TYPE_RAM };
	for (uint32_t i = 0; i < m->nstaged; i++)
		first[nf++] = (struct map_range){ { m->staged[i].addr, m->staged[i].addr + m->staged[i].size - 1 },
						  m->staged[i].type };   /* iomem_read made each from a range */
	qsort(first, nf, sizeof(first[0]), by_start);
	if (!kdump)
		return die("%s", "--svg: out of memory"), 1;
	for (uint32_t i = 0; i < nk; i++) {
		const struct e820_entry *e = predict_entry(pr, i);

		kdump[i] = (struct map_range){ { e->addr, e->addr + e->size - 1 }, e->type };
	}
	if ((f = fopen(path, "w"))) {
		svg_map(f, "kexec-e820 --print-e820: the first kernel's map and the kdump kernel's e820",
			(const struct map_band[]){ { "first kernel (/proc/iomem)", first, nf, 0 },
						   { "kdump kernel e820 (kexec-e820, predicted)", kdump, nk, 0 } }, 2,
			m->crash, m->ncrash);
		rc = fclose(f) ? -1 : 0;
	}
	if (!f || rc) {
		say("--svg=%s: %s\n", path, strerror(errno));
		rc = 1;
	}
	free(kdump);
	return rc;
}

/* Another machine's iomem: its kernel is what the options say (6.1's model without them; with
 * --elfcorehdr-size, a kernel with CRASH_HOTPLUG and MEMORY_HOTPLUG, as Debian's). */
static void running_kernel(const struct options *o, struct kfile_kernel *k, char *note, size_t note_size)
{
	uint32_t cpus = o->cpus ? o->cpus : possible_cpus();
	size_t used;

	*note = 0;
	if (!cpus) {            /* a PT_NOTE a CPU in kexec_file's core headers: said, not guessed in silence */
		snprintf(note, note_size, PROG ": note: /sys/devices/system/cpu/possible unreadable: planned for one "
			 "CPU (--possible-cpus=N says otherwise)\n");
		cpus = 1;
	}
	used = strlen(note);
	if (o->iomem)
		*k = (struct kfile_kernel){ .ncpus = cpus, .hotplug_phdr_bytes = o->hdr_bytes, .memory_hotplug = 1 };
	else
		kfile_kernel_read(k, cpus, note + used, note_size - used);
}

/*
 * The firmware map beside /proc/iomem (fwmap.h): this machine's, or with --iomem the saved one
 * given, or none. Its ranges missing from iomem go into map. 0, or 1 with the error said.
 */
static int firmware_map(const struct options *o, const struct iomem_line *lines, uint32_t nlines,
			struct iomem_map *map, struct fwmap_entry *fw, uint32_t *nfw)
{
	const char *dir = o->iomem ? o->fwmap : FWMAP_DIR;
	int n;

	*nfw = 0;
	if (!dir || (!o->iomem && access(FWMAP_DIR, F_OK)))   /* a kernel without FIRMWARE_MEMMAP */
		return 0;
	if ((n = fwmap_read(dir, fw, FWMAP_MAX, why, sizeof(why))) < 0 ||
	    fwmap_carry(fw, (uint32_t)n, lines, nlines, map, why, sizeof(why)))
		return die("%s", why);
	*nfw = (uint32_t)n;
	return 0;
}

static char *read_input(const char *what, const char *path, uint64_t limit, const char *limit_is, size_t *size);

/* --compare: the first kernel's map and the kexec_file model of the running kernel (or, for a
 * saved iomem, the options'), through compare_print. A machine not yet booted with
 * crashkernel= (deciding whether to set up kdump) is answered for the region it would get. */
static int compare(const struct options *o, struct iomem_line *lines, struct iomem_map *map, struct kfile_kernel *k)
{
	static struct kfile_e820 pred;
	static struct fwmap_entry fw[FWMAP_MAX];
	const char *path = o->iomem ? o->iomem : "/proc/iomem";
	uint32_t nlines, nfw;
	size_t size;
	char *text = read_input("iomem", path, IOMEM_MAX, "an iomem file ever holds", &size);
	int rc, assumed;

	if (!text)
		return 1;
	rc = iomem_read(text, size, lines, IOMEM_MAX_LINES, &nlines, map, why, sizeof(why));
	free(text);
	assumed = rc == IOMEM_NO_CRASH && !iomem_assume_crash(map, ASSUMED_CRASH_SIZE);
	if (rc && !assumed)
		return say("%s: %s%s\n", path, why,
			   !o->iomem && geteuid() ? " (as non-root /proc/iomem hides addresses: use --iomem=FILE)" : ""), 1;
	if (firmware_map(o, lines, nlines, map, fw, &nfw))
		return 1;
	if (kfile_predict(lines, nlines, map, k, &pred, why, sizeof(why)))
		return say("%s: %s\n", path, why), 1;
	if (assumed)
		printf("assumed [mem 0x%016llx-0x%016llx] Crash kernel: none reserved here yet; %llu MiB where the kernel "
		       "would put kdump-tools' crashkernel=384M-:256M\n", (unsigned long long)map->crash[0].first,
		       (unsigned long long)map->crash[0].last, (unsigned long long)(ASSUMED_CRASH_SIZE >> 20));
	fwmap_compare_print(stdout, fw, nfw, lines, nlines);
	compare_print(stdout, map, &pred, assumed);
	return 0;
}

/* -u -p: through kexec_load, or kexec_file_load where asked (-s) or where policy refuses the first. */
static int unload(const struct options *o)
{
	const char *policy;
	int rc;

	say_unused(o);
	rc = o->file_syscall ? kexec_file_crash_unload(why, sizeof(why)) : kexec_crash_unload(why, sizeof(why));
	if (rc && !o->file_syscall && (policy = kexec_policy_refusal(errno))) {
		say("kexec_load refused (%s); unloading through kexec_file_load\n", policy);
		rc = kexec_file_crash_unload(why, sizeof(why));
	}
	if (rc)
		return die("%s", why);
	unlink(STATUS_FILE);
	return 0;
}

/* What a load reads before it plans: the files, the first kernel's map, the command line. */
struct inputs {
	char *kernel, *initrd, *iomem;
	size_t ksize, isize, msize;
	struct bzimage bz;
	struct iomem_line *lines;
	uint32_t nlines;
	struct iomem_map *map;
	struct fwmap_entry *fw;
	uint32_t nfw;
	char cmdline[CMDLINE_MAX];
};

/*
 * A file named on the command line, looked at before it is read: a regular file (never a FIFO
 * that would block, a device or a directory), at most limit bytes (procfs files say 0 and are
 * read up to it). NULL after one line on stderr; its text, NUL-terminated, with *size.
 */
static char *read_input(const char *what, const char *path, uint64_t limit, const char *limit_is, size_t *size)
{
	struct stat st;
	char *text;

	if (!*path)
		return say("%s: no file named\n", what), NULL;
	if (stat(path, &st))
		return say("%s %s: %s\n", what, path, strerror(errno)), NULL;
	if (!S_ISREG(st.st_mode))
		return say("%s %s: %s\n", what, path, S_ISDIR(st.st_mode) ? "is a directory" :
			       S_ISFIFO(st.st_mode) ? "is a FIFO, not a file" : "is not a regular file"), NULL;
	if ((uint64_t)st.st_size > limit)
		return say("%s %s: %llu MiB, more than %s (%llu MiB)\n", what, path,
			       (unsigned long long)st.st_size >> 20, limit_is, (unsigned long long)limit >> 20), NULL;
	if (!(text = read_whole(path, size, limit)))
		say("%s %s: %s\n", what, path, errno == EFBIG ? "grew past its limit while read" :
			strerror(errno));
	return text;
}

/* Memory a kdump kernel's drivers could online (iomem.h KDUMP_OFFLINE_ARG): kept offline by its
 * command line too, unless the caller's line says otherwise. 0, or 1 with the error said. */
static int offline_arg(struct inputs *in)
{
	size_t len = strlen(in->cmdline);

	if (!in->map->onlinable || strstr(in->cmdline, "memhp_default_state="))
		return 0;
	if (len + 1 + strlen(KDUMP_OFFLINE_ARG) >= sizeof(in->cmdline))
		return say("the command line leaves no room for " KDUMP_OFFLINE_ARG " (%zu bytes)", len), 1;
	snprintf(in->cmdline + len, sizeof(in->cmdline) - len, "%s" KDUMP_OFFLINE_ARG, len ? " " : "");
	return 0;
}

static int read_inputs(const struct options *o, struct inputs *in)
{
	const char *iomem_path = o->iomem ? o->iomem : "/proc/iomem";
	int planning = o->dry_run || o->print_e820;
	uint64_t region;

	if (!(in->iomem = read_input("iomem", iomem_path, IOMEM_MAX, "an iomem file ever holds", &in->msize)))
		return 1;
	if (iomem_read(in->iomem, in->msize, in->lines, IOMEM_MAX_LINES, &in->nlines, in->map, why, sizeof(why)))
		return say("%s: %s%s\n", iomem_path, why,
			       !o->iomem && geteuid() ? " (as non-root /proc/iomem hides addresses: use --iomem=FILE)" : ""), 1;
	if (!(in->kernel = read_input("kernel", o->kernel, KERNEL_MAX, "any kernel", &in->ksize)))
		return 1;
	if (bzimage_parse(in->kernel, in->ksize, &in->bz, why, sizeof(why)))
		return say("%s: %s\n", o->kernel, why), 1;
	region = range_size(in->map->crash[in->map->ncrash - 1]);   /* every segment goes there */
	if (o->initrd) {
		struct stat st;

		uint64_t need;

		/* with the kernel, more than the region: refused before it is read, the dump kernel kept */
		if (!stat(o->initrd, &st) && S_ISREG(st.st_mode) && (uint64_t)st.st_size <= INITRD_MAX &&
		    (need = (uint64_t)in->bz.init_size + (uint64_t)st.st_size) > region) {
			snprintf(why, sizeof(why), "kernel (%u MiB with its init_size) and initrd %s (%llu MiB) need %llu MiB, "
				 "the crash region has %llu MiB: %llu MiB missing (raise crashkernel=)",
				 in->bz.init_size >> 20, o->initrd, (unsigned long long)st.st_size >> 20,
				 (unsigned long long)need >> 20, (unsigned long long)region >> 20,
				 (unsigned long long)((need - region + (1 << 20) - 1) >> 20));
			return keep_refused(why, planning);
		}
		if (!(in->initrd = read_input("initrd", o->initrd, INITRD_MAX, "any initrd", &in->isize)))
			return 1;
	}
	if (firmware_map(o, in->lines, in->nlines, in->map, in->fw, &in->nfw))
		return 1;
	if (o->reuse && reuse_cmdline(in->cmdline, sizeof(in->cmdline)))
		return die("%s", "/proc/cmdline unreadable or too long for --reuse-cmdline");
	if (o->append && strlen(o->append) >= sizeof(in->cmdline))
		return say("--append is %zu bytes; this loader takes at most %zu (x86 kernels take "
			       "at most 2047)\n", strlen(o->append), sizeof(in->cmdline) - 1), 1;
	if (o->append)
		memcpy(in->cmdline, o->append, strlen(o->append) + 1);
	return offline_arg(in);
}

static int purgatory_syscall(const void *what, char *why_out, size_t why_size)
{
	return kexec_crash_load(what, why_out, why_size);
}

/*
 * The plan's e820 (--print-e820), its segments (--dry-run), or the load through kexec_load
 * with our purgatory; where policy refuses kexec_load, through kexec_file_load (file) instead.
 */
static int purgatory_load(const struct options *o, struct inputs *in, const struct kfile_request *file,
			  const char *args, const char *knote)
{
	static struct elf_note_src notes[MAX_CPUS + 1];
	static struct range efi_kept[DUMPRAM_MAX_EFI], dump[DUMPRAM_MAX];
	char efinote[256] = "", note[sizeof(why) + 64] = "";
	int planning = o->dry_run || o->print_e820, nnotes, nefi, ndump, rc = 0;
	const char *policy;
	struct kfile_request fallback;
	struct plan plan;
	uint64_t kept;
	char *body;

	nnotes = crash_note_sources(notes, MAX_CPUS + 1, why, sizeof(why));
	if (nnotes < 0 && !planning)
		return die("%s", why);
	if (nnotes < 0) {               /* planning only: the layout does not depend on note contents */
		snprintf(note, sizeof(note), PROG ": note: %s; planned with one placeholder note\n", why);
		notes[0] = (struct elf_note_src){ 0, 0 };
		nnotes = 1;
	}
	/* another machine's iomem: this one's EFI memory says nothing of it */
	nefi = o->iomem ? 0 : efi_boot_services_kept(efi_kept, DUMPRAM_MAX_EFI, efinote, sizeof(efinote));
	ndump = dumpram_build(in->map->ram, in->map->nram, in->lines, in->nlines, efi_kept, (uint32_t)nefi, dump,
			      DUMPRAM_MAX, &kept);
	if (ndump < 0)
		return keep_refused("more RAM ranges to dump than this loader holds", planning);
	if (plan_build(&(struct plan_input){
			.bz = &in->bz, .initrd = in->initrd, .initrd_size = in->isize, .cmdline = in->cmdline,
			.map = in->map, .dump = dump, .ndump = (uint32_t)ndump, .dump_kept = kept,
			.notes = notes, .nnotes = (uint32_t)nnotes, .page_offset = direct_map_base(),
			.acpi_rsdp = acpi_rsdp(), .serial_port = o->port, .serial_baud = o->baud,
			.purgatory = purgatory_blob, .purgatory_size = purgatory_blob_size,
		       }, &plan, why, sizeof(why)))
		return keep_refused(why, planning);
	fputs(note, stderr);            /* said only once the plan stands: an error stays one line */
	fputs(efinote, stderr);
	say_unused(o);
	if (o->print_e820) {
		struct purgatory_e820 pr;

		if (predict_e820(&plan, &pr, why, sizeof(why)))
			return plan_free(&plan), die("%s", why);
		predict_print(stdout, &plan, &pr, in->map, o->json);
		rc = o->svg ? write_svg(o->svg, in->map, &pr) : 0;
		predict_free(&pr);
	} else if (o->dry_run) {
		print_plan(stdout, &plan, in->map);
	} else if (!(body = plan_text(o, args, &plan, in->map))) {
		rc = die("%s", "out of memory");
	} else {
		rc = load_recorded(body, purgatory_syscall, &plan, 1, &policy);
		free(body);
	}
	plan_free(&plan);
	if (rc != LOAD_REFUSED_BY_POLICY)
		return rc;
	say("kexec_load refused (%s); loading through kexec_file_load: the kernel's "
		"e820, and memmap= for what its 128 entries lose\n", policy);
	fallback = *file;
	fallback.note = knote;          /* the options' notes were said with the plan */
	return kfile_load(&fallback);
}

int main(int argc, char **argv)
{
	static struct iomem_line lines[IOMEM_MAX_LINES];
	static struct iomem_map map;
	static struct kfile_kernel running;
	static struct fwmap_entry fw[FWMAP_MAX];
	static struct inputs in = { .lines = lines, .map = &map, .fw = fw };
	char knote[512] = "", unused[512], notes[1024];
	struct options o;
	struct kfile_request file;
	char *args;
	int rc;

	if (parse(argc, argv, &o))
		return EXIT_USAGE;
	if (o.status)
		return status();
	if (o.compare)
		return running_kernel(&o, &running, knote, sizeof(knote)), compare(&o, lines, &map, &running);
	if (o.unload && o.dry_run)      /* a dry run touches nothing, an unload included */
		return printf("would unload the crash kernel through %s; nothing done (--dry-run)\n",
			      o.file_syscall ? "kexec_file_load" : "kexec_load"), 0;
	if (!o.dry_run && !o.print_e820 && geteuid() != 0)
		return die("%s", "must be root to load or unload a crash kernel (or use --dry-run)");
	/* the restoring child runs under its parent's lock (keep.c) */
	if (!o.dry_run && !o.print_e820 && !getenv(KEEP_RESTORING_ENV) && (rc = lock_crash_kernel()))
		return rc;
	if (o.unload)
		return unload(&o);
	if ((rc = read_inputs(&o, &in)))
		return rc;
	running_kernel(&o, &running, knote, sizeof(knote));
	args = o.dry_run || o.print_e820 ? NULL : keep_args(argc, argv);
	unused_note(&o, unused, sizeof(unused));
	snprintf(notes, sizeof(notes), "%s%s", unused, knote);
	file = (struct kfile_request){
		.kernel = o.kernel, .initrd = o.initrd, .cmdline = in.cmdline, .bz = &in.bz, .lines = lines,
		.nlines = in.nlines, .map = &map, .running = &running,
		.print = o.print_e820, .json = o.json, .dry_run = o.dry_run, .args = args,
		.initrd_size = in.isize, .note = notes,
	};
	if (o.file_syscall)
		return kfile_load(&file);
	return purgatory_load(&o, &in, &file, args, knote);
}
