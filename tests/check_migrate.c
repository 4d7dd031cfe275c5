/*
 * check_migrate — scripts/migrate against the test stack's real MariaDB, on a scratch database
 * of its own (baocao_migrate_check, dropped and made again by every test, so the stack's
 * database is never touched):
 *
 *   - a new database gets every numbered migration and every routine, recorded with the
 *     routine file's SHA-256, and the bc_file it created files a report and refuses the
 *     same DocumentId again;
 *   - a second run applies nothing: no routine is created again when its file is unchanged;
 *   - an edited routine is applied again and its new digest recorded;
 *   - a routine that does not compile fails the run, is not recorded, and leaves the previous
 *     procedure in place and working (CREATE OR REPLACE);
 *   - a failing migration fails the run and is not recorded, and the routines are not applied
 *     after it; once it is fixed, the next run applies it.
 *
 * Changed files live in a copy of sql/ under the stack's directory (BAOCAO_SQL_DIR). The
 * scratch database is made by the stack's administrator account, the operating-system user
 * the stack runs as (unix_socket authentication, as scripts/stack itself connects), and granted
 * to baocao, as which the script runs.
 */
#include <glob.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <mysql.h>

#include "baocao/buf.h"
#include "baocao/digest.h"
#include "stack_client.h"

#define SCRATCH "baocao_migrate_check"

static const char *repo, *db_socket;
static char sql_copy[1100];	/* the copy of sql/ that tests change */

/* --- the scratch database ---------------------------------------------------------------- */

/* sql as the administrator: 0, or -1 with the reason in why. */
static int
admin_run(const char *sql, char *why, size_t size)
{
	struct passwd *pw = getpwuid(getuid());
	MYSQL *m = mysql_init(NULL);
	int rc = -1;

	if (pw == NULL || m == NULL) {
		snprintf(why, size, "no user or no client");
		goto cleanup;
	}
	if (mysql_real_connect(m, NULL, pw->pw_name, NULL, NULL, 0, db_socket, 0) == NULL ||
	    mysql_query(m, sql) != 0) {
		snprintf(why, size, "%s as %s through %s: %s", sql, pw->pw_name, db_socket,
		    mysql_error(m));
		goto cleanup;
	}
	rc = 0;
cleanup:
	mysql_close(m);
	return rc;
}

static void
admin_exec(const char *sql)
{
	char why[600];

	ck_assert_msg(admin_run(sql, why, sizeof(why)) == 0, "%s", why);
}

static void
scratch_database(void)
{
	admin_exec("DROP DATABASE IF EXISTS " SCRATCH);
	admin_exec("CREATE DATABASE " SCRATCH " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
	admin_exec("GRANT ALL PRIVILEGES ON " SCRATCH ".* TO 'baocao'@'localhost'");
}

/* --- running the script ------------------------------------------------------------------- */

/* scripts/migrate on the scratch database with the migrations of sql_dir (NULL: the
 * repository's); its output and error output in out, its exit status returned. */
static int
migrate(const char *sql_dir, struct bc_buf *out)
{
	char cmd[3500];
	int rc;

	snprintf(cmd, sizeof(cmd), "BAOCAO_DB_NAME=%s %s%s%s '%s/scripts/migrate' '%s' 2>&1",
	    SCRATCH, sql_dir != NULL ? "BAOCAO_SQL_DIR='" : "", sql_dir != NULL ? sql_dir : "",
	    sql_dir != NULL ? "'" : "", repo, db_socket);
	bc_buf_reset(out);
	bc_buf_puts(out, "");	/* data is a string even when the script says nothing */
	rc = tc_command(cmd, out);
	ck_assert(!out->oom);
	return rc;
}

static void
shell(const char *cmd)
{
	int rc = system(cmd);

	ck_assert_msg(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "%s failed", cmd);
}

static void
recorded_digest(char out[65])
{
	tc_query_text(SCRATCH, "SELECT sha256 FROM schema_routines WHERE name = 'bc_file.sql'", out, 65);
}

/* A scratch database migrated from a fresh copy of sql/ (sql_copy), the path of the copy's
 * bc_file.sql in routine, and the digest recorded for it in digest. */
static void
migrated_copy(struct bc_buf *out, char *routine, size_t size, char digest[65])
{
	char cmd[3500];

	scratch_database();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -R '%s/sql' '%s'", sql_copy, repo, sql_copy);
	shell(cmd);
	ck_assert_msg(migrate(sql_copy, out) == 0, "migrate: %s", out->data);
	snprintf(routine, size, "%s/routines/bc_file.sql", sql_copy);
	recorded_digest(digest);
}

/* Dates the routines' record back, so that applying one again shows. */
static void
age_routines(void)
{
	MYSQL *m = tc_db_open(SCRATCH);

	ck_assert(mysql_query(m, "UPDATE schema_routines SET applied_at = '2001-01-01'") == 0);
	mysql_close(m);
}

static void
assert_routines_aged(void)
{
	char at[64];

	tc_query_text(SCRATCH, "SELECT applied_at FROM schema_routines WHERE name = 'bc_file.sql'",
	    at, sizeof(at));
	ck_assert_str_eq(at, "2001-01-01 00:00:00");
}

static void
sha256_of_file(const char *path, char hex[65])
{
	size_t len;
	char *text = tc_must_read(path, &len);

	ck_assert_int_eq(bc_sha256_hex(text, len, hex), 0);
	free(text);
}

static size_t
numbered_migrations(void)
{
	char pattern[1100];
	glob_t g;
	size_t n;

	snprintf(pattern, sizeof(pattern), "%s/sql/[0-9][0-9][0-9]_*.sql", repo);
	ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
	n = g.gl_pathc;
	globfree(&g);
	return n;
}

/* What bc_file answers for a minimal commune report with document id, and the amounts the
 * view fact_amount then shows for it, as "outcome amounts". */
static void
file_report(const char *id, char *out, size_t size)
{
	MYSQL *m = tc_db_open(SCRATCH);
	char sql[1500], outcome[64];

	snprintf(sql, sizeof(sql), "CALL bc_file('%s', 'ProgressReport', 'urn:baocao:ntm:1',"
	    " '32071', '32071', '96', 'month', '2024-01', '', REPEAT('a', 64), '<r/>', 'check',"
	    " '2024-01-20T08:00:00+07:00', '2024-01-20 01:00:00', 2024, '2024-01-25', 1, NULL,"
	    " NULL, '[[\"state\", \"1200\"]]', NULL, NULL, NULL)", id);
	ck_assert_msg(mysql_query(m, sql) == 0, "%s: %s", sql, mysql_error(m));
	{
		MYSQL_RES *res = mysql_store_result(m);
		MYSQL_ROW row;

		ck_assert_ptr_nonnull(res);
		ck_assert_ptr_nonnull(row = mysql_fetch_row(res));
		snprintf(outcome, sizeof(outcome), "%s", row[0]);
		mysql_free_result(res);
		while (mysql_next_result(m) == 0)
			mysql_free_result(mysql_store_result(m));
	}
	mysql_close(m);
	snprintf(sql, sizeof(sql), "SELECT COALESCE(SUM(f.amount), 0) FROM fact_amount f JOIN"
	    " submissions s ON s.id = f.submission_id WHERE s.document_id = '%s'", id);
	snprintf(out, size, "%s %lld", outcome, tc_query_number(SCRATCH, sql));
}

/* --- tests -------------------------------------------------------------------------------- */

START_TEST(test_new_database)
{
	struct bc_buf out = { 0 };
	char path[1100], want[65], got[65], answer[100];

	scratch_database();
	ck_assert_msg(migrate(NULL, &out) == 0, "migrate: %s", out.data);
	ck_assert_msg(strstr(out.data, "migrate: applied routine bc_file.sql") != NULL, "%s",
	    out.data);
	ck_assert_int_eq(tc_query_number(SCRATCH, "SELECT COUNT(*) FROM schema_migrations"),
	    (long long)numbered_migrations());
	snprintf(path, sizeof(path), "%s/sql/routines/bc_file.sql", repo);
	sha256_of_file(path, want);
	recorded_digest(got);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(tc_query_number(SCRATCH, "SELECT COUNT(*) FROM information_schema.ROUTINES"
	    " WHERE ROUTINE_SCHEMA = '" SCRATCH "' AND ROUTINE_NAME = 'bc_file'"), 1);

	file_report("00000000-0000-4000-8000-000000000001", answer, sizeof(answer));
	ck_assert_str_eq(answer, "stored 1200");
	file_report("00000000-0000-4000-8000-000000000001", answer, sizeof(answer));
	ck_assert_str_eq(answer, "duplicate 1200");
	bc_buf_free(&out);
}
END_TEST

START_TEST(test_second_run_applies_nothing)
{
	struct bc_buf out = { 0 };

	scratch_database();
	ck_assert_msg(migrate(NULL, &out) == 0, "migrate: %s", out.data);
	age_routines();
	ck_assert_msg(migrate(NULL, &out) == 0, "migrate: %s", out.data);
	ck_assert_msg(strstr(out.data, "applied") == NULL, "second run: %s", out.data);
	assert_routines_aged();
	bc_buf_free(&out);
}
END_TEST

START_TEST(test_changed_routine_applied_again)
{
	struct bc_buf out = { 0 };
	char routine[1200], cmd[2500], want[65], got[65], before[65];

	migrated_copy(&out, routine, sizeof(routine), before);
	snprintf(cmd, sizeof(cmd), "printf '%%s\\n' '-- changed by check_migrate' >> '%s'", routine);
	shell(cmd);
	sha256_of_file(routine, want);
	ck_assert_str_ne(want, before);

	ck_assert_msg(migrate(sql_copy, &out) == 0, "migrate: %s", out.data);
	ck_assert_msg(strstr(out.data, "migrate: applied routine bc_file.sql") != NULL, "%s",
	    out.data);
	ck_assert_msg(strstr(out.data, "migrate: applied 0") == NULL, "%s", out.data);
	recorded_digest(got);
	ck_assert_str_eq(got, want);
	bc_buf_free(&out);
}
END_TEST

START_TEST(test_broken_routine_keeps_previous)
{
	struct bc_buf out = { 0 };
	char routine[1200], cmd[2600], before[65], after[65], answer[100];

	migrated_copy(&out, routine, sizeof(routine), before);
	snprintf(cmd, sizeof(cmd), "sed -i 's/^  COMMIT;$/  COMMIT NOT A STATEMENT;/' '%s' &&"
	    " grep -q 'COMMIT NOT A STATEMENT' '%s'", routine, routine);
	shell(cmd);

	ck_assert_int_ne(migrate(sql_copy, &out), 0);
	ck_assert_msg(strstr(out.data, "bc_file.sql failed and is not recorded") != NULL, "%s",
	    out.data);
	recorded_digest(after);
	ck_assert_str_eq(after, before);
	file_report("00000000-0000-4000-8000-000000000002", answer, sizeof(answer));
	ck_assert_str_eq(answer, "stored 1200");
	bc_buf_free(&out);
}
END_TEST

START_TEST(test_failing_migration_not_recorded)
{
	struct bc_buf out = { 0 };
	char routine[1200], migration[1200], cmd[2600], before[65];

	migrated_copy(&out, routine, sizeof(routine), before);
	age_routines();
	/* a new migration that fails half way, and a changed routine that must wait for it */
	snprintf(migration, sizeof(migration), "%s/999_check_migrate.sql", sql_copy);
	snprintf(cmd, sizeof(cmd), "printf '%%s\\n' 'CREATE TABLE IF NOT EXISTS check_migrate"
	    " (x INT);' 'SELECT no_such_column FROM check_migrate;' > '%s' &&"
	    " printf '%%s\\n' '-- changed' >> '%s'", migration, routine);
	shell(cmd);

	ck_assert_int_ne(migrate(sql_copy, &out), 0);
	ck_assert_msg(strstr(out.data, "999_check_migrate.sql failed and is not recorded") != NULL,
	    "%s", out.data);
	ck_assert_int_eq(tc_query_number(SCRATCH, "SELECT COUNT(*) FROM schema_migrations"
	    " WHERE version = 999"), 0);
	assert_routines_aged();

	snprintf(cmd, sizeof(cmd), "printf '%%s\\n' 'CREATE TABLE IF NOT EXISTS check_migrate"
	    " (x INT);' > '%s'", migration);
	shell(cmd);
	ck_assert_msg(migrate(sql_copy, &out) == 0, "migrate: %s", out.data);
	ck_assert_msg(strstr(out.data, "migrate: applied 999_check_migrate.sql") != NULL, "%s",
	    out.data);
	ck_assert_msg(strstr(out.data, "migrate: applied routine bc_file.sql") != NULL, "%s",
	    out.data);
	ck_assert_int_eq(tc_query_number(SCRATCH, "SELECT COUNT(*) FROM schema_migrations"
	    " WHERE version = 999"), 1);
	bc_buf_free(&out);
}
END_TEST

static Suite *
suite_migrate(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("scripts/migrate");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_new_database);
	tcase_add_test(tc, test_second_run_applies_nothing);
	tcase_add_test(tc, test_changed_routine_applied_again);
	tcase_add_test(tc, test_broken_routine_keeps_previous);
	tcase_add_test(tc, test_failing_migration_not_recorded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	repo = tc_env("BAOCAO_REPO", ".");
	db_socket = tc_env("BAOCAO_DB_SOCKET", "var/test/run/mysqld.sock");
	tc_stack_dir(sql_copy, sizeof(sql_copy));
	strncat(sql_copy, "/sql-check-migrate", sizeof(sql_copy) - strlen(sql_copy) - 1);

	sr = srunner_create(suite_migrate());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	{
		char cmd[1300], why[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sql_copy);
		if (system(cmd) != 0)
			fprintf(stderr, "migrate: could not remove %s\n", sql_copy);
		if (admin_run("DROP DATABASE IF EXISTS " SCRATCH, why, sizeof(why)) != 0)
			fprintf(stderr, "migrate: %s\n", why);
	}
	mysql_library_end();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
