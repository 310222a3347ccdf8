// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>

#include "keep.h"
#include "kexec.h"
#include "load.h"
#include "prog.h"
#include "record.h"
#include "sysinfo.h"

#define RECORD_MAX (1 << 20)

int load_recorded(const char *body, load_call call, const void *what, int may_refuse, const char **policy)
{
	char why[512];
	size_t n;
	char *previous = read_whole(STATUS_FILE, &n, RECORD_MAX);
	int rc, err, refused, unwritten;

	unwritten = record_write(STATUS_FILE, RECORD_LOADING, NULL, body);
	rc = call(what, why, sizeof(why));
	err = rc ? errno : 0;
	*policy = rc && may_refuse ? kexec_policy_refusal(err) : NULL;
	refused = *policy != NULL;
	/* a refusal by policy leaves the loaded dump kernel: the record before stands */
	unwritten |= record_end(STATUS_FILE, rc, refused ? 1 : record_crash_loaded(CRASH_LOADED), previous, why, body);
	if (unwritten && !rc)           /* loaded all the same: said once, after the outcome */
		say("note: %s could not be written: --status cannot say who loaded the dump kernel", STATUS_FILE);
	if (refused)
		rc = LOAD_REFUSED_BY_POLICY;
	else if (rc)
		rc = keep_failed(previous, why);
	free(previous);
	return rc;
}
