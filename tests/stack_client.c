/*
 * stack_client — the supervisor and its workers as /proc shows them, fresh DocumentIds,
 * answers' headers, the environment and the database, for the test programs that run against
 * the test stack.
 */
#include <dirent.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
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

const char *
tc_header(const struct bc_buf *headers, const char *name, char *buf, size_t size)
{
	const char *p = headers->data;
	size_t n = strlen(name);

	buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1, *e;

			while (*v == ' ')
				v++;
			e = strpbrk(v, "\r\n");
			snprintf(buf, size, "%.*s", (int)(e != NULL ? e - v : (long)strlen(v)), v);
			return buf;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return buf;
}

const char *
tc_env(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : fallback;
}

MYSQL *
tc_db_open(const char *database)
{
	const char *socket = tc_env("BAOCAO_DB_SOCKET", "var/test/run/mysqld.sock");
	MYSQL *m = mysql_init(NULL);

	ck_assert_ptr_nonnull(m);
	ck_assert_msg(mysql_real_connect(m, NULL, "baocao", "baocao",
	    database != NULL ? database : "baocao", 0, socket, 0) != NULL,
	    "database through %s: %s", socket, mysql_error(m));
	mysql_set_character_set(m, "utf8mb4");
	return m;
}

void
tc_db_text(MYSQL *m, const char *sql, char *out, size_t size)
{
	MYSQL_RES *res;
	MYSQL_ROW row;

	ck_assert_msg(mysql_query(m, sql) == 0, "%s: %s", sql, mysql_error(m));
	res = mysql_store_result(m);
	out[0] = '\0';
	if (res != NULL && (row = mysql_fetch_row(res)) != NULL)
		snprintf(out, size, "%s", row[0] != NULL ? row[0] : "NULL");
	if (res != NULL)
		mysql_free_result(res);
}

long long
tc_db_number(MYSQL *m, const char *sql)
{
	char buf[64];

	tc_db_text(m, sql, buf, sizeof(buf));
	return buf[0] != '\0' && strcmp(buf, "NULL") != 0 ? strtoll(buf, NULL, 10) : -1;
}

void
tc_query_text(const char *database, const char *sql, char *out, size_t size)
{
	MYSQL *m = tc_db_open(database);

	tc_db_text(m, sql, out, size);
	mysql_close(m);
}

long long
tc_query_number(const char *database, const char *sql)
{
	MYSQL *m = tc_db_open(database);
	long long v = tc_db_number(m, sql);

	mysql_close(m);
	return v;
}

char *
tc_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct bc_buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	bc_buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		bc_buf_append(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return b.data;
}

char *
tc_must_read(const char *path, size_t *len)
{
	char *s = tc_read_file(path, len);

	ck_assert_msg(s != NULL, "cannot open %s", path);
	return s;
}

int
tc_command(const char *cmd, struct bc_buf *out)
{
	char chunk[4096];
	FILE *p;
	size_t n;
	int rc;

	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		bc_buf_append(out, chunk, n);
	rc = pclose(p);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void
ctl_command(const char *args, char *cmd, size_t size)
{
	snprintf(cmd, size, "'%s' -c '%s' %s", tc_env("BAOCAO_CTL", "build/test/baocaoctl"),
	    tc_env("BAOCAO_CONF", "var/test/baocao.conf"), args);
}

int
tc_ctl(const char *args, char *out, size_t size)
{
	char cmd[2048], line[256] = "";
	FILE *p;
	int rc;

	ctl_command(args, cmd, sizeof(cmd));
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	if (fgets(line, sizeof(line), p) == NULL)
		line[0] = '\0';
	while (fgetc(p) != EOF)
		;
	rc = pclose(p);
	line[strcspn(line, "\n")] = '\0';
	if (out != NULL)
		snprintf(out, size, "%s", line);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int
tc_ctl_all(const char *args, struct bc_buf *out)
{
	char cmd[2048];

	ctl_command(args, cmd, sizeof(cmd));
	return tc_command(cmd, out);
}

size_t
tc_curl_collect(char *data, size_t size, size_t n, void *buf)
{
	bc_buf_append(buf, data, size * n);
	return size * n;
}

char *
tc_replace_all(const char *s, const char *old, const char *new)
{
	struct bc_buf out = { 0 };
	const char *p = s, *hit;

	while ((hit = strstr(p, old)) != NULL) {
		bc_buf_append(&out, p, (size_t)(hit - p));
		bc_buf_puts(&out, new);
		p = hit + strlen(old);
	}
	bc_buf_puts(&out, p);
	return out.data;
}

const char *
tc_xpath(const struct bc_buf *xml, const char *expr, char *buf, size_t size)
{
	xmlDocPtr doc = xmlReadMemory(xml->data != NULL ? xml->data : "", (int)xml->len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj;

	buf[0] = '\0';
	if (doc == NULL)
		return NULL;
	ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST "urn:baocao:receipt:1");
	xmlXPathRegisterNs(ctx, BAD_CAST "e", BAD_CAST "urn:baocao:error:1");
	obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	ck_assert_msg(obj != NULL, "bad xpath %s", expr);
	if (obj->type == XPATH_NUMBER)
		snprintf(buf, size, "%.0f", obj->floatval);
	else if (obj->type == XPATH_BOOLEAN)
		snprintf(buf, size, "%s", obj->boolval ? "true" : "false");
	else
		snprintf(buf, size, "%s", obj->stringval != NULL ? (const char *)obj->stringval : "");
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return buf;
}

void
tc_stack_dir(char *out, size_t size)
{
	char *slash;
	int up;

	snprintf(out, size, "%s", tc_env("BAOCAO_DB_SOCKET", "var/test/run/mysqld.sock"));
	for (up = 0; up < 2; up++)
		if ((slash = strrchr(out, '/')) != NULL)
			*slash = '\0';
}
