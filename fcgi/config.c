/*
 * config — reads the one configuration file. Keys are rows of a table (name, kind, place
 * in struct bc_config, bounds), nginx-style, so adding a setting is adding a row.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/config.h"

enum key_kind { KEY_STRING, KEY_LONG, KEY_FUNC };

struct key {
	const char *name;
	enum key_kind kind;
	size_t offset;
	size_t size;		/* strings: capacity */
	long min, max;		/* numbers: bounds */
	int (*set)(struct bc_config *, const char *);	/* KEY_FUNC */
};

#define STR(field) KEY_STRING, offsetof(struct bc_config, field), \
	sizeof(((struct bc_config *)0)->field), 0, 0, NULL
#define NUM(field, lo, hi) KEY_LONG, offsetof(struct bc_config, field), 0, lo, hi, NULL
#define FUNC(fn) KEY_FUNC, 0, 0, 0, 0, fn

/* A cut-off rule comes with its own default deadlines, except those the file gives. */
static int
set_cutoff(struct bc_config *c, const char *value)
{
	struct bc_calendar was = c->calendar;
	int level;

	if (bc_calendar_set_cutoff(&c->calendar, value) != 0)
		return -1;
	for (level = 0; level < BC_LEVEL__MAX; level++)
		if (c->deadline_set[level])
			c->calendar.deadline[level] = was.deadline[level];
	return 0;
}

static int
set_holidays(struct bc_config *c, const char *value)
{
	return bc_calendar_set_holidays(&c->calendar, value);
}

static int
set_deadline(struct bc_config *c, enum bc_level level, const char *value)
{
	if (bc_calendar_set_deadline(&c->calendar, level, value) != 0)
		return -1;
	c->deadline_set[level] = 1;
	return 0;
}

static int set_deadline_commune(struct bc_config *c, const char *v)
{ return set_deadline(c, BC_LEVEL_COMMUNE, v); }
static int set_deadline_district(struct bc_config *c, const char *v)
{ return set_deadline(c, BC_LEVEL_DISTRICT, v); }
static int set_deadline_office(struct bc_config *c, const char *v)
{ return set_deadline(c, BC_LEVEL_OFFICE, v); }

static const struct key keys[] = {
	{ "listen", STR(listen) },
	{ "workers", NUM(workers, 1, 256) },
	{ "db_socket", STR(db_socket) },
	{ "db_name", STR(db_name) },
	{ "db_user", STR(db_user) },
	{ "db_password", STR(db_password) },
	{ "schema_dir", STR(schema_dir) },
	{ "max_body", NUM(max_body, 1024, 1073741824L) },
	{ "retry_after", NUM(retry_after, 1, 3600) },
	{ "national_readers", STR(national_readers) },
	{ "cutoff", FUNC(set_cutoff) },
	{ "holidays", FUNC(set_holidays) },
	{ "deadline_commune", FUNC(set_deadline_commune) },
	{ "deadline_district", FUNC(set_deadline_district) },
	{ "deadline_office", FUNC(set_deadline_office) },
};

void
bc_config_defaults(struct bc_config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->listen, sizeof(c->listen), "var/run/baocao.sock");
	c->workers = 8;
	snprintf(c->db_socket, sizeof(c->db_socket), "var/run/mysqld.sock");
	snprintf(c->db_name, sizeof(c->db_name), "baocao");
	snprintf(c->db_user, sizeof(c->db_user), "baocao");
	snprintf(c->db_password, sizeof(c->db_password), "baocao");
	snprintf(c->schema_dir, sizeof(c->schema_dir), "schemas");
	c->max_body = 8L * 1024 * 1024;
	c->retry_after = 5;
	bc_calendar_defaults(&c->calendar, BC_CUTOFF_DECREE09);
}

int
bc_config_set(struct bc_config *c, const char *name, const char *value,
    char *err, size_t errsize)
{
	const struct key *k;
	char *end;
	long n;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		k = &keys[i];
		if (strcmp(k->name, name) != 0)
			continue;
		if (k->kind == KEY_FUNC) {
			if (k->set(c, value) == 0)
				return 0;
			snprintf(err, errsize, "%s: \"%s\" is not a valid value", name, value);
			return -1;
		}
		if (k->kind == KEY_STRING) {
			if (strlen(value) >= k->size) {
				snprintf(err, errsize, "%s: value longer than %zu bytes",
				    name, k->size - 1);
				return -1;
			}
			memcpy((char *)c + k->offset, value, strlen(value) + 1);
			return 0;
		}
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' || n < k->min || n > k->max) {
			snprintf(err, errsize, "%s: expected a whole number from %ld to %ld, got \"%s\"",
			    name, k->min, k->max, value);
			return -1;
		}
		*(long *)((char *)c + k->offset) = n;
		return 0;
	}
	snprintf(err, errsize, "unknown key \"%s\"", name);
	return -1;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
bc_config_load(struct bc_config *c, const char *path, char *err, size_t errsize)
{
	char line[1024], inner[256], *key, *value, *eq, *hash;
	FILE *f;
	int lineno = 0, rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errsize, "%s:%d: line longer than %zu bytes", path, lineno,
			    sizeof(line) - 2);
			goto cleanup;
		}
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		key = trim(line);
		if (*key == '\0')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(err, errsize, "%s:%d: expected key = value", path, lineno);
			goto cleanup;
		}
		*eq = '\0';
		value = trim(eq + 1);
		key = trim(key);
		if (bc_config_set(c, key, value, inner, sizeof(inner)) != 0) {
			snprintf(err, errsize, "%s:%d: %s", path, lineno, inner);
			goto cleanup;
		}
	}
	rc = 0;
cleanup:
	fclose(f);
	return rc;
}

int
bc_config_national_reader(const struct bc_config *cfg, const char *code)
{
	const char *p = cfg->national_readers;
	size_t n = strlen(code);

	while (*(p += strspn(p, " \t,")) != '\0') {
		size_t len = strcspn(p, " \t,");

		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}
