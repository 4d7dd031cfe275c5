/*
 * stack_client — what the test programs that run against the test stack (check_e2e,
 * check_hostile, check_faults, check_migrate) share to look at it from outside: the
 * supervisor and its workers, fresh DocumentIds, answers' headers, the environment that points
 * at the stack and its database, its baocaoctl.
 */
#ifndef BAOCAO_TESTS_STACK_CLIENT_H
#define BAOCAO_TESTS_STACK_CLIENT_H

#include <stddef.h>

#include <mysql.h>
#include <sys/types.h>

#include "baocao/buf.h"

/* The supervisor's pid from RUN_DIR/baocao.pid, or 0. */
pid_t tc_supervisor_pid(const char *run_dir);
/* The live (not zombie) children of the supervisor, at most max. */
size_t tc_workers_of(pid_t supervisor, pid_t *out, size_t max);
/* A random UUID in lower case. */
void tc_new_uuid(char out[37]);
/* The value of a header (name case-insensitive) among raw response headers, or "", in buf. */
const char *tc_header(const struct bc_buf *headers, const char *name, char *buf, size_t size);
/* An environment variable, or fallback when it is unset or empty. */
const char *tc_env(const char *name, const char *fallback);

/* A connection to the stack's MariaDB (BAOCAO_DB_SOCKET) as user baocao, in utf8mb4, to
 * database (NULL: baocao); the test fails when there is none. */
MYSQL *tc_db_open(const char *database);
/* The first column of the first row of sql, as text ("NULL" for NULL, "" for no row). */
void tc_db_text(MYSQL *m, const char *sql, char *out, size_t size);
/* The same as a number; -1 for no row or NULL. */
long long tc_db_number(MYSQL *m, const char *sql);
/* tc_db_text and tc_db_number on a connection of their own to database (NULL: baocao). */
void tc_query_text(const char *database, const char *sql, char *out, size_t size);
long long tc_query_number(const char *database, const char *sql);
/* The whole file, NUL-terminated ("" when empty), its length in *len (len may be NULL);
 * NULL when it cannot be opened. tc_must_read fails the test instead. */
char *tc_read_file(const char *path, size_t *len);
char *tc_must_read(const char *path, size_t *len);
/* Runs cmd with the shell and appends what it prints to out: its exit status, or -1. */
int tc_command(const char *cmd, struct bc_buf *out);
/* Runs the stack's baocaoctl (BAOCAO_CTL) with its configuration (BAOCAO_CONF) and args, a
 * shell-quoted tail: tc_ctl keeps the first line it prints in out (out may be NULL),
 * tc_ctl_all appends all of it; either returns the exit status, or -1. */
int tc_ctl(const char *args, char *out, size_t size);
int tc_ctl_all(const char *args, struct bc_buf *out);
/* A libcurl CURLOPT_WRITEFUNCTION appending to the struct bc_buf of its CURLOPT_WRITEDATA. */
size_t tc_curl_collect(char *data, size_t size, size_t n, void *buf);
/* s with every occurrence of old replaced by new, newly allocated. */
char *tc_replace_all(const char *s, const char *old, const char *new);
/* An XPath expression over an XML answer (prefixes r: the receipt's namespace, e: the error
 * document's) as text in buf: a number without decimals, a boolean as true or false, else the
 * string value. NULL, and buf "", when the answer is not XML; a bad expression fails the test. */
const char *tc_xpath(const struct bc_buf *xml, const char *expr, char *buf, size_t size);
/* The directory of the stack under test: DIR of BAOCAO_DB_SOCKET's DIR/run/mysqld.sock. */
void tc_stack_dir(char *out, size_t size);

#endif
