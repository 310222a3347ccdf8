// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keep.h"
#include "kexec.h"
#include "prog.h"
#include "record.h"

#define MAX_ARGS  64

char *keep_args(int argc, char **argv)
{
	size_t size = 1;
	char *text, *p;

	for (int i = 1; i < argc; i++) {
		if (strchr(argv[i], '\n'))
			return NULL;
		size += 4 + strlen(argv[i]) + 1;
	}
	if (!(text = malloc(size)))
		return NULL;
	p = text;
	*p = 0;
	for (int i = 1; i < argc; i++)
		p += sprintf(p, "arg %s\n", argv[i]);
	return text;
}

int keep_refused(const char *why, int planning)
{
	if (planning || record_crash_loaded(CRASH_LOADED) != 1) {
		say("%s\n", why);
		return 1;
	}
	say("%s; the loaded dump kernel is kept\n", why);
	return EXIT_KEPT;
}

int keep_failed(const char *previous, const char *why)
{
	char *copy, *line, *save = NULL, *args[MAX_ARGS + 2], kernel[256] = "?";
	int n = 0, found = 0, status;
	pid_t pid;

	if (getenv(KEEP_RESTORING_ENV) || record_crash_loaded(CRASH_LOADED) != 0 ||
	    !record_state_is(previous, RECORD_LOADED) || !(copy = strdup(previous))) {
		say("%s\n", why);
		return 1;
	}
	args[n++] = PROG;
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "arg ", 4) && n < MAX_ARGS)
			args[n++] = line + 4;
		else if (!strncmp(line, "kernel ", 7) && !found++)   /* the first: the plan has "kernel entry" too */
			snprintf(kernel, sizeof(kernel), "%s", line + 7);
	}
	args[n] = NULL;
	if (n == 1) {                     /* a record without arguments: nothing to run */
		free(copy);
		say("%s\n", why);
		return 1;
	}
	fflush(NULL);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0) {        /* its notes are the parent's again: the parent says the outcome */
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		setenv(KEEP_RESTORING_ENV, "1", 1);
		execv("/proc/self/exe", args);
		_exit(127);
	}
	status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (pid > 0 && WIFEXITED(status) && !WEXITSTATUS(status) && record_crash_loaded(CRASH_LOADED) == 1) {
		say("%s; the dump kernel loaded before (%s) is loaded again\n", why, kernel);
		free(copy);
		return EXIT_KEPT;
	}
	say("%s; the dump kernel loaded before (%s) could not be loaded again: no dump "
		"kernel is loaded\n", why, kernel);
	free(copy);
	return 1;
}
