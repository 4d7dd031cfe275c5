/*
 * check_config — the configuration file (config.c): defaults, every key, every bound, and
 * the loader's reading of real files.
 *
 * A mistyped key or a value out of bounds must stop the service at start with the file and
 * line, never be ignored or clamped, because a province's operator edits this file by hand
 * and learns of a mistake only from that one line. So every refusal is checked for the
 * message naming the key (or FILE:LINE), and every refusal for leaving the settings as they
 * were. Files are written with mkstemp under /tmp and removed by each test.
 */
#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baocao/config.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- comparing settings --------------------------------------------------------------- */

enum kind { STRING, NUMBER };

/* Every key of the README, where it lands in struct bc_config. */
static const struct {
	const char *key;
	enum kind kind;
	size_t offset;
} fields[] = {
	{ "listen",      STRING, offsetof(struct bc_config, listen) },
	{ "workers",     NUMBER, offsetof(struct bc_config, workers) },
	{ "db_socket",   STRING, offsetof(struct bc_config, db_socket) },
	{ "db_name",     STRING, offsetof(struct bc_config, db_name) },
	{ "db_user",     STRING, offsetof(struct bc_config, db_user) },
	{ "db_password", STRING, offsetof(struct bc_config, db_password) },
	{ "schema_dir",  STRING, offsetof(struct bc_config, schema_dir) },
	{ "max_body",    NUMBER, offsetof(struct bc_config, max_body) },
	{ "retry_after", NUMBER, offsetof(struct bc_config, retry_after) },
};

static const char *str_of(const struct bc_config *c, size_t i)
{
	return (const char *)c + fields[i].offset;
}

static long num_of(const struct bc_config *c, size_t i)
{
	return *(const long *)(const void *)((const char *)c + fields[i].offset);
}

/* Field by field (not memcmp: bytes after a string's terminator mean nothing). Returns the
 * first key that differs, or NULL. */
static const char *differs(const struct bc_config *a, const struct bc_config *b)
{
	for (size_t i = 0; i < N(fields); i++)
		if (fields[i].kind == STRING ? strcmp(str_of(a, i), str_of(b, i)) != 0
					     : num_of(a, i) != num_of(b, i))
			return fields[i].key;
	return NULL;
}

static size_t field_index(const char *key)
{
	for (size_t i = 0; i < N(fields); i++)
		if (strcmp(fields[i].key, key) == 0)
			return i;
	ck_abort_msg("no field %s in the test's table", key);
	return 0;
}

/* c with key set to value the way the test expects it to be, by hand. */
static void put_field(struct bc_config *c, const char *key, const char *value)
{
	size_t i = field_index(key);
	char *p = (char *)c + fields[i].offset;

	if (fields[i].kind == STRING)
		strcpy(p, value);
	else
		*(long *)(void *)p = strtol(value, NULL, 10);
}

/* ---- defaults ------------------------------------------------------------------------- */

START_TEST(defaults_are_eight_workers_and_an_8_mib_body)
{
	struct bc_config c;

	memset(&c, 0x5a, sizeof c);
	bc_config_defaults(&c);
	/* The README, scripts/stack and nginx's client_max_body_size use the same numbers. */
	ck_assert_int_eq(c.workers, 8);
	ck_assert_int_eq(c.max_body, 8388608);
	/* The service must start without a file: every setting has a usable value. */
	for (size_t i = 0; i < N(fields); i++) {
		if (fields[i].kind == STRING)
			ck_assert_msg(str_of(&c, i)[0] != '\0', "%s: empty default", fields[i].key);
		else
			ck_assert_msg(num_of(&c, i) > 0, "%s: default %ld", fields[i].key, num_of(&c, i));
	}
}
END_TEST

START_TEST(default_values_are_accepted_by_their_own_keys)
{
	struct bc_config c, d;
	char value[BC_CONFIG_PATH_MAX], err[256];

	/* Writing the defaults out as a file must give the defaults back. */
	bc_config_defaults(&c);
	bc_config_defaults(&d);
	for (size_t i = 0; i < N(fields); i++) {
		if (fields[i].kind == STRING)
			snprintf(value, sizeof value, "%s", str_of(&c, i));
		else
			snprintf(value, sizeof value, "%ld", num_of(&c, i));
		ck_assert_msg(bc_config_set(&d, fields[i].key, value, err, sizeof err) == 0, "%s = %s: %s",
			      fields[i].key, value, err);
	}
	ck_assert_msg(differs(&c, &d) == NULL, "%s changed", differs(&c, &d));
}
END_TEST

/* ---- bc_config_set -------------------------------------------------------------------- */

#define S63 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"

/* Values each key accepts, bounds included. */
static const struct {
	const char *key, *value;
} accepted[] = {
	{ "listen",      "/run/baocao/fcgi.sock" },
	{ "workers",     "1" },
	{ "workers",     "4" },
	{ "workers",     "256" },
	{ "db_socket",   "/run/mysqld/mysqld.sock" },
	{ "db_name",     "ntm" },
	{ "db_name",     S63 },			/* 63 bytes: db_name's full capacity */
	{ "db_user",     "baocao_rw" },
	{ "db_password", "p@ss word#1 with spaces" },	/* set directly: no comment syntax here */
	{ "schema_dir",  "/srv/baocao/schemas" },
	{ "max_body",    "1024" },
	{ "max_body",    "8388608" },
	{ "max_body",    "1073741824" },
	{ "retry_after", "1" },
	{ "retry_after", "3600" },
};

START_TEST(each_key_sets_its_own_setting_only)
{
	struct bc_config c, expected;
	char err[256] = "";

	bc_config_defaults(&c);
	bc_config_defaults(&expected);
	put_field(&expected, accepted[_i].key, accepted[_i].value);
	ck_assert_msg(bc_config_set(&c, accepted[_i].key, accepted[_i].value, err, sizeof err) == 0,
		      "%s = \"%s\" refused: %s", accepted[_i].key, accepted[_i].value, err);
	ck_assert_msg(differs(&c, &expected) == NULL, "%s = \"%s\": %s is not as expected", accepted[_i].key,
		      accepted[_i].value, differs(&c, &expected));
}
END_TEST

/* Values refused, and what the message must name so the operator finds the mistake. */
static const struct {
	const char *key, *value, *named;
} refused[] = {
	{ "workers",     "0",           "workers" },
	{ "workers",     "257",         "workers" },
	{ "workers",     "-1",          "workers" },
	{ "workers",     "",            "workers" },
	{ "workers",     "eight",       "workers" },
	{ "workers",     "8x",          "workers" },
	{ "workers",     "8.0",         "workers" },
	{ "workers",     "0x8",         "workers" },
	{ "workers",     "99999999999999999999999", "workers" },	/* overflows a long */
	{ "max_body",    "10",          "max_body" },
	{ "max_body",    "1023",        "max_body" },
	{ "max_body",    "1073741825",  "max_body" },
	{ "max_body",    "8M",          "max_body" },
	{ "retry_after", "0",           "retry_after" },
	{ "retry_after", "3601",        "retry_after" },
	{ "db_name",     S63 "l",       "db_name" },		/* 64 bytes: one too many */
	{ "workerz",     "8",           "workerz" },
	{ "Workers",     "8",           "Workers" },		/* keys are case-sensitive */
	{ "max-body",    "8388608",     "max-body" },
	{ "",            "8",           "\"\"" },
};

START_TEST(bad_value_or_unknown_key_is_refused_naming_the_key)
{
	struct bc_config c, before;
	char err[256];

	bc_config_defaults(&c);
	before = c;
	memset(err, 0, sizeof err);
	ck_assert_msg(bc_config_set(&c, refused[_i].key, refused[_i].value, err, sizeof err) == -1,
		      "%s = \"%s\" accepted", refused[_i].key, refused[_i].value);
	ck_assert_msg(strstr(err, refused[_i].named) != NULL, "%s = \"%s\": message \"%s\" does not name %s",
		      refused[_i].key, refused[_i].value, err, refused[_i].named);
	ck_assert_msg(differs(&c, &before) == NULL, "%s = \"%s\" refused but changed %s", refused[_i].key,
		      refused[_i].value, differs(&c, &before));
}
END_TEST

/* ---- bc_config_load -------------------------------------------------------------------- */

/* Writes text to a new file under /tmp; path receives its name. */
static void write_temp(char path[64], const char *text)
{
	int fd;
	size_t len = strlen(text);

	snprintf(path, 64, "/tmp/check_config.XXXXXX");
	fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "mkstemp failed");
	ck_assert_msg(write(fd, text, len) == (ssize_t)len, "%s: short write", path);
	close(fd);
}

START_TEST(file_with_comments_blank_lines_and_spaces_is_read)
{
	static const char text[] =
		"# baocao configuration\n"
		"\n"
		"   \n"
		"listen=/tmp/baocao.sock\n"
		"workers   =   4   \n"
		"\tdb_name\t=\tntm\t# trailing comment\n"
		"  # an indented comment: workers = 99\n"
		"max_body = 1048576\r\n"		/* edited on Windows */
		"retry_after =30";			/* no newline at the end */
	struct bc_config c, expected;
	char path[64], err[256] = "";
	int rc;

	write_temp(path, text);
	bc_config_defaults(&c);
	rc = bc_config_load(&c, path, err, sizeof err);
	unlink(path);
	ck_assert_msg(rc == 0, "refused: %s", err);
	bc_config_defaults(&expected);
	put_field(&expected, "listen", "/tmp/baocao.sock");
	put_field(&expected, "workers", "4");
	put_field(&expected, "db_name", "ntm");
	put_field(&expected, "max_body", "1048576");
	put_field(&expected, "retry_after", "30");
	ck_assert_msg(differs(&c, &expected) == NULL, "%s is not as written", differs(&c, &expected));
}
END_TEST

START_TEST(empty_file_keeps_the_defaults)
{
	struct bc_config c, d;
	char path[64], err[256] = "";
	int rc;

	write_temp(path, "");
	bc_config_defaults(&c);
	bc_config_defaults(&d);
	rc = bc_config_load(&c, path, err, sizeof err);
	unlink(path);
	ck_assert_msg(rc == 0, "refused: %s", err);
	ck_assert_msg(differs(&c, &d) == NULL, "%s changed", differs(&c, &d));
}
END_TEST

/* A bad line stops the load with "FILE:LINE: " and what is wrong there. */
static const struct {
	const char *text;
	int line;
	const char *says;
} bad_files[] = {
	{ "workers = 0\n", 1, "workers" },
	{ "workers = 4\nworkers = 257\n", 2, "workers" },
	{ "# comment\n\n   \nmax_body = 10\n", 4, "max_body" },
	{ "workers = 4\nbogus = 1\n", 2, "bogus" },
	{ "workers 4\n", 1, "key = value" },
	{ "\n\n\n\n\n\n\n\n\n\nretry_after = soon", 11, "retry_after" },
	{ "listen = /tmp/a.sock\r\nworkrs = 4\r\n", 2, "workrs" },
};

START_TEST(bad_line_is_reported_as_file_and_line)
{
	struct bc_config c;
	char path[64], prefix[96], err[512] = "";
	int rc;

	write_temp(path, bad_files[_i].text);
	bc_config_defaults(&c);
	rc = bc_config_load(&c, path, err, sizeof err);
	unlink(path);
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, bad_files[_i].line);
	ck_assert_msg(rc == -1, "file %d accepted", (int)_i);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "file %d: \"%s\", expected it to start \"%s\"",
		      (int)_i, err, prefix);
	ck_assert_msg(strstr(err + strlen(prefix), bad_files[_i].says) != NULL, "file %d: \"%s\" does not say %s",
		      (int)_i, err, bad_files[_i].says);
}
END_TEST

START_TEST(missing_file_is_refused_naming_it)
{
	struct bc_config c;
	char path[64], err[512] = "";

	/* A name mkstemp made unique, then removed: certainly absent. */
	write_temp(path, "");
	unlink(path);
	bc_config_defaults(&c);
	ck_assert_msg(bc_config_load(&c, path, err, sizeof err) == -1, "%s: missing file accepted", path);
	ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "message \"%s\" does not start with %s", err, path);
}
END_TEST

/* ---- national_readers ------------------------------------------------------------------ */

/* Empty by default (nobody reads the whole country over HTTP), so it is not in the table of
 * keys whose defaults must be usable values. */
START_TEST(national_readers_default_to_none_and_take_a_list_of_codes)
{
	struct bc_config c, before;
	char err[256] = "", long_list[600];

	bc_config_defaults(&c);
	ck_assert_str_eq(c.national_readers, "");
	ck_assert_int_eq(bc_config_set(&c, "national_readers", "000.00.30.H01, 000.00.30.H79", err,
				       sizeof err), 0);
	ck_assert_str_eq(c.national_readers, "000.00.30.H01, 000.00.30.H79");
	/* a code of the list, whole: not a prefix or a part of one */
	ck_assert(bc_config_national_reader(&c, "000.00.30.H01"));
	ck_assert(bc_config_national_reader(&c, "000.00.30.H79"));
	ck_assert(!bc_config_national_reader(&c, "000.00.30.H0"));
	ck_assert(!bc_config_national_reader(&c, "000.00.30.H012"));
	ck_assert(!bc_config_national_reader(&c, "H79"));
	ck_assert(!bc_config_national_reader(&c, ""));
	memset(long_list, 'x', sizeof long_list - 1);
	long_list[sizeof long_list - 1] = '\0';
	before = c;
	ck_assert_int_eq(bc_config_set(&c, "national_readers", long_list, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "national_readers") != NULL, "message: %s", err);
	ck_assert_str_eq(c.national_readers, before.national_readers);
}
END_TEST

Suite *suite_config(void);

Suite *suite_config(void)
{
	Suite *s = suite_create("config");
	TCase *tc;

	tc = tcase_create("defaults");
	tcase_add_test(tc, defaults_are_eight_workers_and_an_8_mib_body);
	tcase_add_test(tc, default_values_are_accepted_by_their_own_keys);
	suite_add_tcase(s, tc);

	tc = tcase_create("set");
	tcase_add_loop_test(tc, each_key_sets_its_own_setting_only, 0, N(accepted));
	tcase_add_loop_test(tc, bad_value_or_unknown_key_is_refused_naming_the_key, 0, N(refused));
	tcase_add_test(tc, national_readers_default_to_none_and_take_a_list_of_codes);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_test(tc, file_with_comments_blank_lines_and_spaces_is_read);
	tcase_add_test(tc, empty_file_keeps_the_defaults);
	tcase_add_loop_test(tc, bad_line_is_reported_as_file_and_line, 0, N(bad_files));
	tcase_add_test(tc, missing_file_is_refused_naming_it);
	suite_add_tcase(s, tc);

	return s;
}
