// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"

/* path holds the parts, one after the other, whole (a new file renamed over it) or not at all. */
static int write_whole(const char *path, const char *const *parts, int n)
{
	char tmp[4096];
	FILE *f;
	int bad;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.new", path) >= sizeof(tmp) || !(f = fopen(tmp, "w")))
		return -1;
	for (int i = 0; i < n; i++)
		if (parts[i])
			fputs(parts[i], f);
	bad = ferror(f);
	if (fclose(f) || bad || rename(tmp, path)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int record_write(const char *path, const char *state, const char *why, const char *body)
{
	const char *parts[] = { "state ", state, why ? ": " : NULL, why, "\n", body };

	return write_whole(path, parts, 6);
}

int record_end(const char *path, int rc, int crash_loaded, const char *previous, const char *why,
	       const char *body)
{
	if (!rc)
		return record_write(path, RECORD_LOADED, NULL, body);
	if (crash_loaded == 1 && previous)      /* refused before the kernel dropped its image */
		return write_whole(path, &previous, 1);
	if (crash_loaded == 1)
		return unlink(path) && errno != ENOENT ? -1 : 0;
	return record_write(path, RECORD_FAILED, why, body);
}

int record_crash_loaded(const char *sysfs_path)
{
	FILE *f = fopen(sysfs_path, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

int record_state_is(const char *record, const char *state)
{
	size_t n = strlen(state);

	return record && !strncmp(record, "state ", 6) && !strncmp(record + 6, state, n) &&
	       (record[6 + n] == '\n' || record[6 + n] == ':');
}

static const char *after_first_line(const char *text)
{
	const char *nl = strchr(text, '\n');

	return nl ? nl + 1 : "";
}

static void first_line(FILE *out, const char *text)
{
	fprintf(out, "%.*s\n", (int)strcspn(text, "\n"), text);
}

void record_describe(FILE *out, int crash_loaded, const char *record)
{
	fprintf(out, "crash kernel: %s\n", crash_loaded == 1 ? "loaded" : "not loaded");
	if (crash_loaded == 1 && record_state_is(record, RECORD_LOADED)) {
		fputs("loaded by kexec-e820:\n", out);
		for (const char *l = after_first_line(record); *l; l = after_first_line(l))
			if (strncmp(l, "arg ", 4) != 0)     /* the arguments are for loading it again (keep.c) */
				first_line(out, l);
	} else if (crash_loaded == 1) {
		fputs("loaded by another loader, not kexec-e820", out);
		if (record) {
			fputs("; kexec-e820's record of its last load: ", out);
			first_line(out, record + (strncmp(record, "state ", 6) ? 0 : 6));
		} else {
			fputc('\n', out);
		}
	} else if (record_state_is(record, RECORD_LOADED)) {
		fputs("kexec-e820's record says it loaded one; something else has unloaded it since\n", out);
	} else if (record_state_is(record, RECORD_FAILED) || record_state_is(record, RECORD_LOADING)) {
		fputs("kexec-e820's last load did not end loaded: ", out);
		first_line(out, record + 6);
	}
}
