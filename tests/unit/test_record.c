// SPDX-License-Identifier: GPL-2.0
/* The record of the last crash load and --status: what is said for each state the kernel and
 * the record can be in, and that a failed load never leaves a record claiming the image. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "loader/record.h"

static char path[] = "/tmp/record-XXXXXX";

static char *slurp(void)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static const char *said(int crash_loaded, const char *record)
{
	static char out[4096];
	FILE *f = fmemopen(out, sizeof(out), "w");

	record_describe(f, crash_loaded, record);
	fclose(f);
	return out;
}

static void load_ends(void)
{
	const char *old = "state loaded\nkernel /old\n";

	CHECK_EQ(record_write(path, RECORD_LOADING, NULL, "kernel /new\n"), 0);
	CHECK(!strcmp(slurp(), "state loading\nkernel /new\n"));
	record_end(path, 0, 1, old, NULL, "kernel /new\n");
	CHECK(!strcmp(slurp(), "state loaded\nkernel /new\n"));
	/* refused before the kernel dropped its image: the record of that image stands */
	record_end(path, -1, 1, old, "Operation not permitted", "kernel /new\n");
	CHECK(!strcmp(slurp(), old));
	record_end(path, -1, 1, NULL, "Operation not permitted", "kernel /new\n");
	CHECK(slurp() == NULL);
	/* failed after: nothing is loaded, and the record says why */
	record_end(path, -1, 0, old, "Key was rejected by service", "kernel /new\n");
	CHECK(!strcmp(slurp(), "state failed: Key was rejected by service\nkernel /new\n"));
	CHECK_EQ(record_write("/nonexistent/dir/record", RECORD_LOADING, NULL, ""), (uint64_t)-1);
}

static void status_words(void)
{
	CHECK(!strcmp(said(1, "state loaded\nkernel /k\n"), "crash kernel: loaded\nloaded by kexec-e820:\nkernel /k\n"));
	/* the front end's fallback: kexec-e820 failed, kexec-tools loaded */
	CHECK(!strcmp(said(1, "state failed: Key was rejected by service\nkernel /k\n"),
		      "crash kernel: loaded\nloaded by another loader, not kexec-e820; kexec-e820's record of its "
		      "last load: failed: Key was rejected by service\n"));
	CHECK(!strcmp(said(1, "state loading\nkernel /k\n"),
		      "crash kernel: loaded\nloaded by another loader, not kexec-e820; kexec-e820's record of its "
		      "last load: loading\n"));
	CHECK(!strcmp(said(1, NULL), "crash kernel: loaded\nloaded by another loader, not kexec-e820\n"));
	CHECK(!strcmp(said(0, NULL), "crash kernel: not loaded\n"));
	CHECK(!strcmp(said(0, "state failed: No such file\nkernel /k\n"),
		      "crash kernel: not loaded\nkexec-e820's last load did not end loaded: failed: No such file\n"));
	CHECK(!strcmp(said(0, "state loaded\nkernel /k\n"), "crash kernel: not loaded\nkexec-e820's record says it "
		      "loaded one; something else has unloaded it since\n"));
	/* the arguments kept for loading it again are not shown */
	CHECK(!strcmp(said(1, "state loaded\narg -p\narg /k\nkernel /k\n"),
		      "crash kernel: loaded\nloaded by kexec-e820:\nkernel /k\n"));
	/* a record that is not ours in form is never taken for a load */
	CHECK(strstr(said(1, "loaded by kexec-e820\n"), "another loader") != NULL);
}

static void crash_loaded_read(void)
{
	FILE *f = fopen(path, "w");

	fputs("1\n", f);
	fclose(f);
	CHECK_EQ(record_crash_loaded(path), 1);
	f = fopen(path, "w");
	fputs("x\n", f);
	fclose(f);
	CHECK_EQ(record_crash_loaded(path), (uint64_t)-1);
	CHECK_EQ(record_crash_loaded("/nonexistent"), (uint64_t)-1);
}

int main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 1;
	close(fd);
	RUN(load_ends);
	RUN(status_words);
	RUN(crash_loaded_read);
	unlink(path);
	return TESTS_DONE();
}
