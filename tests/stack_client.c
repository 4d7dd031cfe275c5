/*
 * stack_client — the supervisor and its workers as /proc shows them, and fresh DocumentIds,
 * for the test programs that run against the test stack.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "stack_client.h"

pid_t
tc_supervisor_pid(const char *run_dir)
{
	char path[1100];
	FILE *f;
	int pid = 0;

	snprintf(path, sizeof(path), "%s/baocao.pid", run_dir);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &pid) != 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

size_t
tc_workers_of(pid_t supervisor, pid_t *out, size_t max)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < max) {
		char path[300], stat[512], *p;
		FILE *f;
		int ppid = 0;
		char state = 0;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(stat, sizeof(stat), f) != NULL && (p = strrchr(stat, ')')) != NULL &&
		    sscanf(p + 2, "%c %d", &state, &ppid) == 2 && ppid == supervisor &&
		    state != 'Z')
			out[n++] = (pid_t)atoi(de->d_name);
		fclose(f);
	}
	closedir(d);
	return n;
}

void
tc_new_uuid(char out[37])
{
	uuid_t u;

	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}
