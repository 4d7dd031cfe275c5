/*
 * config — the service's one configuration file: `key = value` lines, `#` comments.
 * Every key, its default and its bounds are one row of a table in config.c; README.md
 * documents the same keys. An unknown key or a value out of bounds stops the service at
 * start with the file and line, never silently.
 */
#ifndef BAOCAO_CONFIG_H
#define BAOCAO_CONFIG_H

#include <stddef.h>

#include "baocao/calendar.h"

#define BC_CONFIG_PATH_MAX 512

struct bc_config {
	char listen[BC_CONFIG_PATH_MAX];	/* FastCGI unix socket path */
	long workers;				/* worker processes */
	char db_socket[BC_CONFIG_PATH_MAX];	/* MariaDB unix socket */
	char db_name[64];
	char db_user[64];
	char db_password[128];
	char schema_dir[BC_CONFIG_PATH_MAX];	/* XSDs and examples */
	long max_body;				/* bytes; nginx's client_max_body_size too */
	long retry_after;			/* seconds, in a 503's Retry-After */
	char national_readers[512];		/* unit codes that may read under=VN */
	struct bc_calendar calendar;		/* cut-offs, deadlines, holidays */
	int deadline_set[BC_LEVEL__MAX];	/* given in the file: a cut-off keeps them */
};

/* Defaults for every key. */
void bc_config_defaults(struct bc_config *);
/* Read a file over the defaults; on error writes one line into err and returns -1. */
int bc_config_load(struct bc_config *, const char *path, char *err, size_t errsize);
/* Apply one "key = value" line (used by the loader and the tests). */
int bc_config_set(struct bc_config *, const char *key, const char *value,
    char *err, size_t errsize);
/* Whether the unit is one of national_readers (who read the whole country). */
int bc_config_national_reader(const struct bc_config *, const char *unit_code);

#endif
