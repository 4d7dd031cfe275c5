/*
 * check_registry — the unit registry and baocaoctl as an operator meets them: the real binary
 * (BAOCAO_CTL, default build/test/baocaoctl) run against the real test database, and what it
 * did read back with SQL. scripts/test-stack sets BAOCAO_REPO, BAOCAO_DB_SOCKET, BAOCAO_CTL
 * and BAOCAO_CONF; without BAOCAO_CONF the test writes a configuration for BAOCAO_DB_SOCKET.
 *
 * Expected numbers are counted from the data files by this test, not copied from them, so
 * the checks stay true of whatever registry file the repository is given. The national file
 * is read from BAOCAO_REPO/../shared/data (DOMAIN.md: the repository ships only the demo
 * provinces).
 *
 * Every test can run again against the same database: tokens, fingerprints and request codes
 * are new on each run, units are upserted, and a refused import leaves nothing behind.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "stack_client.h"
#include <mysql.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "baocao/buf.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *repo, *db_socket, *ctl_path, *conf_path;
static char conf_buf[512], ctl_buf[1024], national[1024];

/* ---- running baocaoctl ------------------------------------------------------------------- */

struct run {
	int status;		/* exit status; -1 when killed by a signal */
	struct bc_buf out;
	struct bc_buf err;
};

static void
slurp_fd(int fd, struct bc_buf *b)
{
	char chunk[8192];
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		bc_buf_append(b, chunk, (size_t)n);
	if (b->data == NULL)
		bc_buf_puts(b, "");
	close(fd);
}

static int
temp_fd(void)
{
	char path[] = "/tmp/check_registry.XXXXXX";
	int fd = mkstemp(path);

	ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
	unlink(path);
	return fd;
}

/* baocaoctl -c CONF args…, with standard input from `in` (may be NULL), output captured. */
static void
ctl_argv(struct run *r, const char *in, const char *const *args)
{
	const char *argv[32];
	int out = temp_fd(), err = temp_fd(), input = temp_fd(), st;
	size_t n = 0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	argv[n++] = ctl_path;
	argv[n++] = "-c";
	argv[n++] = conf_path;
	for (; *args != NULL && n < N(argv) - 1; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	if (in != NULL)
		ck_assert_int_eq(write(input, in, strlen(in)), (ssize_t)strlen(in));
	lseek(input, 0, SEEK_SET);
	fflush(NULL);
	pid = fork();
	ck_assert_msg(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(input, 0);
		dup2(out, 1);
		dup2(err, 2);
		execv(ctl_path, (char *const *)argv);
		_exit(127);
	}
	close(input);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	slurp_fd(out, &r->out);
	slurp_fd(err, &r->err);
}

/* ctl(&r, "token", "issue", "32072", NULL) */
static void
ctl(struct run *r, ...)
{
	const char *args[28];
	size_t n = 0;
	va_list ap;

	va_start(ap, r);
	while (n < N(args) - 1 && (args[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	args[n] = NULL;
	ctl_argv(r, NULL, args);
}

static void
run_free(struct run *r)
{
	bc_buf_free(&r->out);
	bc_buf_free(&r->err);
}

/* Import files (NULL-terminated) and insist that it worked. */
static void
import_ok(const char *what, ...)
{
	const char *args[16] = { "units", "import" };
	struct run r;
	size_t n = 2;
	va_list ap;

	va_start(ap, what);
	while (n < N(args) - 1 && (args[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	args[n] = NULL;
	ctl_argv(&r, NULL, args);
	ck_assert_msg(r.status == 0, "importing %s: exit %d, stderr: %s", what, r.status,
	    r.err.data);
	run_free(&r);
}

static const char *
repo_path(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", repo, rel);
	return buf;
}

/* ---- SQL --------------------------------------------------------------------------------- */

static MYSQL *db;

static void
db_open(void)
{
	db = mysql_init(NULL);
	ck_assert_ptr_nonnull(db);
	mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	ck_assert_msg(mysql_real_connect(db, NULL, "baocao", "baocao", "baocao", 0, db_socket, 0)
	    != NULL, "connecting to %s: %s", db_socket, mysql_error(db));
}

static void
db_close(void)
{
	if (db != NULL)
		mysql_close(db);
	db = NULL;
}

/* Run a query with string parameters (NULL-terminated) and keep its whole result. */
static MYSQL_STMT *
query_v(const char *sql, va_list ap)
{
	MYSQL_STMT *s = mysql_stmt_init(db);
	MYSQL_BIND p[8];
	const char *v;
	unsigned n = 0;

	ck_assert_ptr_nonnull(s);
	ck_assert_msg(mysql_stmt_prepare(s, sql, strlen(sql)) == 0, "%s: %s", sql,
	    mysql_stmt_error(s));
	memset(p, 0, sizeof(p));
	while (n < N(p) && (v = va_arg(ap, const char *)) != NULL) {
		p[n].buffer_type = MYSQL_TYPE_STRING;
		p[n].buffer = (void *)v;
		p[n].buffer_length = strlen(v);
		n++;
	}
	ck_assert_uint_eq(n, mysql_stmt_param_count(s));
	ck_assert_msg((n == 0 || mysql_stmt_bind_param(s, p) == 0) && mysql_stmt_execute(s) == 0,
	    "%s: %s", sql, mysql_stmt_error(s));
	return s;
}

/* The first column of every row as text, each followed by "\n"; NULL reads "NULL". */
static char *
sql_text(const char *sql, ...)
{
	MYSQL_STMT *s;
	MYSQL_BIND res;
	struct bc_buf out = { 0 };
	char val[1024];
	unsigned long len;
	my_bool is_null;
	va_list ap;

	va_start(ap, sql);
	s = query_v(sql, ap);
	va_end(ap);
	memset(&res, 0, sizeof(res));
	res.buffer_type = MYSQL_TYPE_STRING;
	res.buffer = val;
	res.buffer_length = sizeof(val) - 1;
	res.length = &len;
	res.is_null = &is_null;
	ck_assert(mysql_stmt_bind_result(s, &res) == 0 && mysql_stmt_store_result(s) == 0);
	while (mysql_stmt_fetch(s) == 0) {
		val[len < sizeof(val) ? len : sizeof(val) - 1] = '\0';
		bc_buf_printf(&out, "%s\n", is_null ? "NULL" : val);
	}
	mysql_stmt_close(s);
	if (out.data == NULL)
		bc_buf_puts(&out, "");
	return out.data;
}

/* The single value of a query as text without the newline ("" when no row). */
static void
sql_value(char *buf, size_t size, const char *sql, const char *a, const char *b)
{
	char *t = a == NULL ? sql_text(sql, NULL) : b == NULL ? sql_text(sql, a, NULL) :
	    sql_text(sql, a, b, NULL);

	t[strcspn(t, "\n")] = '\0';
	snprintf(buf, size, "%s", t);
	free(t);
}

static long
sql_long(const char *sql, const char *a, const char *b)
{
	char buf[64];

	sql_value(buf, sizeof(buf), sql, a, b);
	return strtol(buf, NULL, 10);
}

/* ---- the national file, counted here ----------------------------------------------------- */

/* One row of a GSO file: the file has no quoted fields (checked), so splitting on commas is
 * an independent reading of it. */
struct gso_row {
	char code[16];
	char level[16];
	char parent[16];
	char name[256];
};

struct gso {
	struct gso_row *rows;
	size_t n;
};

static int
by_code(const void *a, const void *b)
{
	return strcmp(((const struct gso_row *)a)->code, ((const struct gso_row *)b)->code);
}

static void
gso_read(struct gso *g, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t cap = 0;

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	memset(g, 0, sizeof(*g));
	ck_assert_msg(fgets(line, sizeof(line), f) != NULL, "%s is empty", path);
	ck_assert_str_eq(line, "code,level,parent_code,name,type\n");
	while (fgets(line, sizeof(line), f) != NULL) {
		struct gso_row *r;
		char *save = NULL, *field[5];
		int i;

		ck_assert_msg(strchr(line, '"') == NULL, "%s has quoting; this reading is too "
		    "simple for it: %s", path, line);
		if (g->n == cap) {
			cap = cap ? cap * 2 : 16384;
			g->rows = realloc(g->rows, cap * sizeof(*g->rows));
			ck_assert_ptr_nonnull(g->rows);
		}
		r = &g->rows[g->n++];
		line[strcspn(line, "\n")] = '\0';
		/* strtok would merge the empty parent of a province into the next field */
		for (i = 0, field[0] = line; i < 4; i++) {
			save = strchr(field[i], ',');
			ck_assert_msg(save != NULL, "%s: short line %s", path, line);
			*save = '\0';
			field[i + 1] = save + 1;
		}
		snprintf(r->code, sizeof(r->code), "%s", field[0]);
		snprintf(r->level, sizeof(r->level), "%s", field[1]);
		snprintf(r->parent, sizeof(r->parent), "%s", field[2]);
		snprintf(r->name, sizeof(r->name), "%s", field[3]);
	}
	fclose(f);
	qsort(g->rows, g->n, sizeof(*g->rows), by_code);
}

static const struct gso_row *
gso_find(const struct gso *g, const char *code)
{
	struct gso_row key;

	snprintf(key.code, sizeof(key.code), "%s", code);
	return bsearch(&key, g->rows, g->n, sizeof(*g->rows), by_code);
}

static size_t
gso_count(const struct gso *g, const char *level)
{
	size_t i, n = 0;

	for (i = 0; i < g->n; i++)
		n += strcmp(g->rows[i].level, level) == 0;
	return n;
}

/* The province a row of the file belongs to, by its parents in the file. */
static const char *
gso_province(const struct gso *g, const struct gso_row *r)
{
	int depth;

	for (depth = 0; r != NULL && strcmp(r->level, "province") != 0 && depth < 8; depth++)
		r = gso_find(g, r->parent);
	ck_assert_msg(r != NULL && depth < 8, "the file's own hierarchy is broken");
	return r->code;
}

/* ---- fixtures ---------------------------------------------------------------------------- */

static void
import_national(void)
{
	import_ok(national, national, NULL);
}

static void
import_merged(void)
{
	char path[1024];

	import_ok("the merged fixture", repo_path(path, sizeof(path),
	    "tests/fixtures/units-merged.csv"), NULL);
}

/* The demo registry the repository ships, in an order where agencies come first: the
 * import waits for their provinces by itself. */
static void
import_demo(void)
{
	char a[1024], b[1024], c[1024], d[1024], m[1024];

	import_ok("the demo registry", repo_path(a, sizeof(a), "sql/units/agencies-96.csv"),
	    repo_path(b, sizeof(b), "sql/units/agencies-84.csv"),
	    repo_path(c, sizeof(c), "sql/units/agencies-70.csv"),
	    repo_path(d, sizeof(d), "sql/units/gso-demo.csv"),
	    repo_path(m, sizeof(m), "tests/fixtures/units-merged.csv"), NULL);
}


/* ---- importing the national registry ----------------------------------------------------- */

static double
now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

START_TEST(test_import_reports_every_row_of_the_national_file)
{
	struct gso g;
	struct run r;
	char expect[1200];
	double t0, t;

	gso_read(&g, national);
	t0 = now();
	ctl(&r, "units", "import", national, NULL);
	t = now() - t0;
	ck_assert_msg(r.status == 0, "import %s: exit %d: %s", national, r.status, r.err.data);
	snprintf(expect, sizeof(expect), "units: imported %zu rows from %s\n", g.n, national);
	ck_assert_str_eq(r.out.data, expect);
	ck_assert_msg(strstr(r.err.data, "units: 1000/") != NULL &&
	    r.err.data[r.err.len - 1] == '\n', "no progress line: %s", r.err.data);
	printf("check_registry: imported %zu rows of %s in %.2f s\n", g.n, national, t);
	ck_assert_msg(t < 60, "the national import took %.1f s", t);
	run_free(&r);
	free(g.rows);
}
END_TEST

/* A unit of the registry as "code\tkind\tparent\tprovince\tname". */
struct db_unit {
	char *code, *kind, *parent, *province, *name;
};

/* Every unit of the registry; *text owns the strings. */
static struct db_unit *
db_units(size_t *n, char **text)
{
	struct db_unit *u = NULL;
	char *line, *next, **f;
	size_t cap = 0;
	int i;

	*n = 0;
	*text = sql_text("SELECT CONCAT_WS('\\t', code, kind, IFNULL(parent_code, ''),"
	    " province_code, name) FROM units", NULL);
	for (line = *text; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 16384;
			u = realloc(u, cap * sizeof(*u));
			ck_assert_ptr_nonnull(u);
		}
		f = &u[*n].code;
		for (i = 0; i < 5; i++) {
			f[i] = line;
			if (i < 4) {
				line = strchr(line, '\t');
				ck_assert_ptr_nonnull(line);
				*line++ = '\0';
			}
		}
		(*n)++;
	}
	return u;
}

/* Per level, the registry holds exactly the file's count of units within the file's
 * provinces (other tests add invented provinces; they are not counted). */
START_TEST(test_import_gives_the_file_counts_per_level)
{
	static const char *const levels[] = { "province", "district", "commune" };
	const struct gso_row *p;
	struct db_unit *u;
	struct gso g;
	size_t n, i, k, in_db;
	char *text;

	gso_read(&g, national);
	u = db_units(&n, &text);
	for (k = 0; k < N(levels); k++) {
		for (i = in_db = 0; i < n; i++)
			in_db += strcmp(u[i].kind, levels[k]) == 0 &&
			    (p = gso_find(&g, u[i].province)) != NULL &&
			    strcmp(p->level, "province") == 0;
		ck_assert_msg(in_db == gso_count(&g, levels[k]),
		    "%ss: %zu in %s, %zu in the registry", levels[k], gso_count(&g, levels[k]),
		    national, in_db);
	}
	free(u);
	free(text);
	free(g.rows);
}
END_TEST

/* Every row of the file is in the registry as written: level, parent, name, and the province
 * its parents lead to. */
START_TEST(test_import_stores_every_row_as_written)
{
	const struct gso_row *f;
	struct db_unit *u;
	struct gso g;
	size_t n, i, seen = 0;
	char *text;

	gso_read(&g, national);
	u = db_units(&n, &text);
	for (i = 0; i < n; i++) {
		if ((f = gso_find(&g, u[i].code)) == NULL)
			continue;
		seen++;
		ck_assert_msg(strcmp(u[i].kind, f->level) == 0 && strcmp(u[i].parent, f->parent) == 0 &&
		    strcmp(u[i].name, f->name) == 0 &&
		    strcmp(u[i].province, gso_province(&g, f)) == 0,
		    "unit %s: file %s/%s/%s/%s, registry %s/%s/%s/%s", f->code, f->level, f->parent,
		    f->name, gso_province(&g, f), u[i].kind, u[i].parent, u[i].name, u[i].province);
	}
	ck_assert_uint_eq(seen, g.n);
	free(u);
	free(text);
	free(g.rows);
}
END_TEST

START_TEST(test_import_hangs_every_commune_under_a_district_of_a_province)
{
	struct gso g;
	char *bad, *line, *next;

	gso_read(&g, national);
	bad = sql_text("SELECT c.code FROM units c"
	    " LEFT JOIN units d ON d.code = c.parent_code LEFT JOIN units p ON p.code = d.parent_code"
	    " WHERE c.kind = 'commune' AND NOT (d.kind <=> 'district' AND p.kind <=> 'province'"
	    " AND c.province_code <=> p.code)", NULL);
	for (line = bad; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		ck_assert_msg(gso_find(&g, line) == NULL, "commune %s is not under a district of "
		    "its province", line);
	}
	free(bad);
	free(g.rows);
}
END_TEST

static const struct {
	const char *code;
	const char *province;
} provinces_of[] = {
	{ "32072", "96" },	/* Xã Trí Lực, Huyện Thới Bình, Cà Mau */
	{ "967", "96" },
	{ "96", "96" },
	{ "00001", "01" },	/* Phường Phúc Xá, Quận Ba Đình, Hà Nội */
	{ "001", "01" },
	{ "29236", "84" },
	{ "25195", "70" },
};

START_TEST(test_import_finds_the_province_through_the_parents)
{
	char got[64];

	sql_value(got, sizeof(got), "SELECT province_code FROM units WHERE code = ?",
	    provinces_of[_i].code, NULL);
	ck_assert_msg(strcmp(got, provinces_of[_i].province) == 0,
	    "province_code of %s: expected %s, got \"%s\"", provinces_of[_i].code,
	    provinces_of[_i].province, got);
}
END_TEST

START_TEST(test_reimport_changes_no_count)
{
	static const char *const counts =
	    "SELECT CONCAT((SELECT COUNT(*) FROM units), ' units, ',"
	    " (SELECT COUNT(*) FROM units WHERE kind = 'commune'), ' communes, ',"
	    " (SELECT COUNT(*) FROM unit_criteria), ' criteria')";
	char before[128], after[128];
	struct run r;

	sql_value(before, sizeof(before), counts, NULL, NULL);
	ctl(&r, "units", "import", national, NULL);
	ck_assert_msg(r.status == 0, "re-import: exit %d: %s", r.status, r.err.data);
	sql_value(after, sizeof(after), counts, NULL, NULL);
	ck_assert_msg(strcmp(before, after) == 0, "before: %s, after: %s", before, after);
	run_free(&r);
}
END_TEST

/* ---- files of the full format ------------------------------------------------------------ */

static const struct {
	const char *code;
	const char *expect;	/* kind|parent|province|valid_from|valid_to|successor */
} merged[] = {
	{ "99902", "commune|999|99|2004-01-01|2025-06-30|99901" },
	{ "99901", "commune|999|99|1900-01-01|-|-" },
	{ "999", "district|99|99|1900-01-01|-|-" },
	{ "99", "province|-|99|1900-01-01|-|-" },
};

START_TEST(test_merged_fixture_keeps_validity_and_successor)
{
	char got[256];

	sql_value(got, sizeof(got), "SELECT CONCAT_WS('|', kind, IFNULL(parent_code, '-'),"
	    " province_code, valid_from, IFNULL(valid_to, '-'), IFNULL(successor_code, '-'))"
	    " FROM units WHERE code = ?", merged[_i].code, NULL);
	ck_assert_msg(strcmp(got, merged[_i].expect) == 0, "unit %s: expected %s, got \"%s\"",
	    merged[_i].code, merged[_i].expect, got);
}
END_TEST

static void write_temp(char *path, size_t size, const char *text);

/* The GSO list says nothing of validity: importing it again keeps a merge recorded with the
 * full format (make run imports the demo's GSO file at every start). */
START_TEST(test_a_gso_import_keeps_the_validity_recorded)
{
	char path[64], got[256];
	struct run r;

	write_temp(path, sizeof(path), "code,level,parent_code,name,type\n"
	    "99902,commune,999,\"X\xc3\xa3 C\xc5\xa9, \xc4\x91\xc3\xa3 s\xc3\xa1p nh\xe1\xba\xadp\",X\xc3\xa3\n");
	ctl(&r, "units", "import", path, NULL);
	unlink(path);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err.data);
	sql_value(got, sizeof(got), "SELECT CONCAT_WS('|', kind, IFNULL(parent_code, '-'),"
	    " province_code, valid_from, IFNULL(valid_to, '-'), IFNULL(successor_code, '-'))"
	    " FROM units WHERE code = ?", "99902", NULL);
	ck_assert_str_eq(got, merged[0].expect);
	run_free(&r);
}
END_TEST

/* The fixture writes 99902's name decomposed (NFD) on purpose. */
START_TEST(test_import_stores_names_in_nfc)
{
	static const char nfc[] = "X\xc3\xa3 C\xc5\xa9, \xc4\x91\xc3\xa3 s\xc3\xa1p nh\xe1\xba\xadp";
	char path[1024], got[256];
	struct bc_buf file = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f = fopen(repo_path(path, sizeof(path), "tests/fixtures/units-merged.csv"), "rb");

	ck_assert_ptr_nonnull(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		bc_buf_append(&file, chunk, n);
	fclose(f);
	ck_assert_msg(strstr(file.data, "Xa\xcc\x83") != NULL, "%s no longer holds an NFD name",
	    path);
	sql_value(got, sizeof(got), "SELECT name FROM units WHERE code = '99902'", NULL, NULL);
	ck_assert_str_eq(got, nfc);
	bc_buf_free(&file);
}
END_TEST

#define FULL "code,kind,parent_code,name,type,valid_from,valid_to,successor_code,criteria\n"
#define GOOD "99811,commune,999,X\xc3\xa3 A,X\xc3\xa3,,,,\n"

/* Each file's line 2 is a good row (99811): a refused file must not leave it behind. */
static const struct {
	const char *what;
	const char *text;
	unsigned line;
	const char *says;
} bad_files[] = {
	{ "a field too few", FULL GOOD "99812,commune,999,B,Xa,,,\n", 3,
	    "expected 9 fields, found 8" },
	{ "an unknown kind", FULL GOOD "99812,hamlet,999,B,Xa,,,,\n", 3, "kind \"hamlet\"" },
	{ "a day that does not exist", FULL GOOD "99812,commune,999,B,Xa,2025-02-30,,,\n", 3,
	    "valid_from \"2025-02-30\"" },
	{ "validity ending before it starts", FULL GOOD
	    "99812,commune,999,B,Xa,2025-02-01,2025-01-31,,\n", 3, "before valid_from" },
	{ "a quote inside an unquoted field", FULL GOOD "99812,commune,999,B \"x\",Xa,,,,\n", 3,
	    "double quote" },
	{ "a quote never closed", FULL GOOD "99812,commune,999,\"B,Xa,,,,\n", 3, "double quote" },
	{ "a parent neither in the file nor in the registry", FULL GOOD
	    "99812,commune,99899,B,Xa,,,,\n", 3, "parent_code 99899" },
	{ "a successor neither in the file nor in the registry", FULL GOOD
	    "99812,commune,999,B,Xa,,2025-06-30,99898,\n", 3, "successor_code 99898" },
	{ "a code twice", FULL GOOD "99811,commune,999,B,Xa,,,,\n", 3, "already on line 2" },
	{ "a criterion out of range", FULL GOOD "99812,department,99,B,So,,,,4 0\n", 3,
	    "criteria \"4 0\"" },
	{ "a name that is not UTF-8", FULL GOOD "99812,commune,999,B\xff,Xa,,,,\n", 3,
	    "not UTF-8" },
	{ "a province with a parent", FULL GOOD "99812,province,99,B,Xa,,,,\n", 3,
	    "has a parent_code" },
	{ "a district under a commune", FULL GOOD "99812,district,99811,B,Huyen,,,,\n", 3,
	    "cannot have the commune 99811" },
	{ "a department under a district", FULL GOOD "99812,department,999,B,So,,,,4\n", 3,
	    "cannot have the district 999" },
	{ "a commune of the registry made a district", FULL GOOD "99901,district,99,B,Huyen,,,,\n",
	    3, "99901 is a commune in the registry" },
	{ "an agency kind in the GSO format", "code,level,parent_code,name,type\n"
	    "99811,commune,999,A,Xa\n99812,department,99,B,So\n", 3, "level \"department\"" },
	{ "an unknown header", "code,name\n99811,A\n", 1, "header" },
};

static void
write_temp(char *path, size_t size, const char *text)
{
	int fd;

	snprintf(path, size, "/tmp/check_registry-XXXXXX.csv");
	fd = mkstemps(path, 4);
	ck_assert_msg(fd >= 0, "mkstemps: %s", strerror(errno));
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

START_TEST(test_import_refuses_a_malformed_file_whole)
{
	char path[64], where[128];
	struct run r;

	write_temp(path, sizeof(path), bad_files[_i].text);
	ctl(&r, "units", "import", path, NULL);
	unlink(path);
	snprintf(where, sizeof(where), "baocaoctl: %s:%u: ", path, bad_files[_i].line);
	ck_assert_msg(r.status == 1, "%s: exit %d", bad_files[_i].what, r.status);
	ck_assert_msg(strncmp(r.err.data, where, strlen(where)) == 0 &&
	    strstr(r.err.data, bad_files[_i].says) != NULL,
	    "%s: expected \"%s…%s\", got: %s", bad_files[_i].what, where, bad_files[_i].says,
	    r.err.data);
	ck_assert_msg(strchr(r.err.data, '\n') == r.err.data + r.err.len - 1,
	    "%s: the error is not one line: %s", bad_files[_i].what, r.err.data);
	ck_assert_msg(r.out.len == 0, "%s: stdout: %s", bad_files[_i].what, r.out.data);
	ck_assert_msg(sql_long("SELECT COUNT(*) FROM units WHERE code IN ('99811', '99812')",
	    NULL, NULL) == 0, "%s: rows of the refused file were stored", bad_files[_i].what);
	run_free(&r);
}
END_TEST

/* ---- the demo registry of the repository ------------------------------------------------- */

static const struct {
	const char *province;
	const char *suffix;	/* of the agency codes */
} demo[] = {
	{ "96", "H12" },	/* Cà Mau */
	{ "84", "H59" },	/* Trà Vinh */
	{ "70", "H10" },	/* Bình Phước */
};

START_TEST(test_demo_agencies_answer_for_every_criterion)
{
	char office[32], front[32], got[128];

	ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT c.criterion_no) FROM unit_criteria c"
	    " JOIN units u ON u.code = c.unit_code WHERE u.province_code = ?"
	    " AND u.kind = 'department' AND c.criterion_no BETWEEN 1 AND 19",
	    demo[_i].province, NULL), 19);
	snprintf(office, sizeof(office), "000.00.30.%s", demo[_i].suffix);
	snprintf(front, sizeof(front), "000.00.31.%s", demo[_i].suffix);
	sql_value(got, sizeof(got), "SELECT CONCAT_WS('|', kind, parent_code, province_code)"
	    " FROM units WHERE code = ?", office, NULL);
	ck_assert_msg(strncmp(got, "office|", 7) == 0 && strstr(got, demo[_i].province) != NULL,
	    "office %s: %s", office, got);
	sql_value(got, sizeof(got), "SELECT CONCAT_WS('|', kind, parent_code, province_code)"
	    " FROM units WHERE code = ?", front, NULL);
	ck_assert_msg(strncmp(got, "front|", 6) == 0 && strstr(got, demo[_i].province) != NULL,
	    "front %s: %s", front, got);
}
END_TEST

/* The example documents file as 000.00.12.H12. */
START_TEST(test_so_cong_thuong_of_ca_mau_answers_for_criteria_4_and_7)
{
	char *criteria = sql_text("SELECT criterion_no FROM unit_criteria WHERE unit_code ="
	    " '000.00.12.H12' ORDER BY criterion_no", NULL);
	char got[256];

	ck_assert_str_eq(criteria, "4\n7\n");
	sql_value(got, sizeof(got), "SELECT CONCAT_WS('|', kind, province_code, name) FROM units"
	    " WHERE code = '000.00.12.H12'", NULL, NULL);
	ck_assert_msg(strncmp(got, "department|96|S\xe1\xbb\x9f C\xc3\xb4ng Th\xc6\xb0\xc6\xa1ng",
	    strlen("department|96|S\xe1\xbb\x9f C\xc3\xb4ng Th\xc6\xb0\xc6\xa1ng")) == 0,
	    "000.00.12.H12: %s", got);
	free(criteria);
}
END_TEST

/* sql/units/gso-demo.csv is the national file's rows of the demo provinces, all and only. */
START_TEST(test_demo_file_holds_the_demo_provinces_whole)
{
	struct gso all, part;
	const struct gso_row *p;
	size_t i, k, expected = 0;
	char path[1024];
	int wanted;

	gso_read(&all, national);
	gso_read(&part, repo_path(path, sizeof(path), "sql/units/gso-demo.csv"));
	for (i = 0; i < all.n; i++) {
		for (k = 0, wanted = 0; k < N(demo); k++)
			wanted |= strcmp(gso_province(&all, &all.rows[i]), demo[k].province) == 0;
		if (!wanted)
			continue;
		expected++;
		p = gso_find(&part, all.rows[i].code);
		ck_assert_msg(p != NULL && strcmp(p->name, all.rows[i].name) == 0 &&
		    strcmp(p->parent, all.rows[i].parent) == 0 &&
		    strcmp(p->level, all.rows[i].level) == 0,
		    "unit %s of the national file is missing or differs in %s", all.rows[i].code,
		    path);
	}
	ck_assert_msg(part.n == expected, "%s: %zu rows, expected %zu", path, part.n, expected);
	free(all.rows);
	free(part.rows);
}
END_TEST

/* ---- credentials ------------------------------------------------------------------------- */

static void
sha256_hex(const char *s, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	ck_assert(EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL) == 1 && n == 32);
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void
random_hex(char *out, size_t bytes, int upper)
{
	unsigned char raw[64];
	size_t i;

	ck_assert(bytes <= sizeof(raw) && RAND_bytes(raw, (int)bytes) == 1);
	for (i = 0; i < bytes; i++)
		snprintf(out + 2 * i, 3, upper ? "%02X" : "%02x", raw[i]);
}

static int
is_token_line(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\n' && s[65] == '\0';
}

/* Issue a token for the unit; returns it without its newline. */
static void
issue(char token[65], const char *unit, const char *label)
{
	struct run r;

	ctl(&r, "token", "issue", unit, label, NULL);
	ck_assert_msg(r.status == 0, "token issue %s: exit %d: %s", unit, r.status, r.err.data);
	ck_assert_msg(is_token_line(r.out.data), "token issue %s printed \"%s\"", unit,
	    r.out.data);
	memcpy(token, r.out.data, 64);
	token[64] = '\0';
	ck_assert_msg(strstr(r.err.data, token) == NULL, "the token is on stderr");
	run_free(&r);
}

START_TEST(test_token_issue_prints_64_hex_and_stores_only_its_digest)
{
	char token[65], digest[65], half[33];

	issue(token, "99901", "check_registry");
	sha256_hex(token, digest);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE digest = ? AND"
	    " unit_code = '99901' AND kind = 'token' AND label = 'check_registry'"
	    " AND revoked_at IS NULL", digest, NULL), 1);
	memcpy(half, token, 32);
	half[32] = '\0';
	ck_assert_msg(sql_long("SELECT COUNT(*) FROM credentials WHERE LOCATE(?, CONCAT_WS(' ',"
	    " unit_code, kind, digest, label)) > 0 OR LOCATE(?, CONCAT_WS(' ', unit_code, kind,"
	    " digest, label)) > 0", token, half) == 0, "the token %s is stored in clear", token);
}
END_TEST

static char *
revoked_at(const char *token)
{
	char digest[65];

	sha256_hex(token, digest);
	return sql_text("SELECT IFNULL(revoked_at, 'NULL') FROM credentials WHERE digest = ?",
	    digest, NULL);
}

START_TEST(test_token_revoke_sets_revoked_at_once)
{
	char token[65], *first, *second;
	struct run r;

	issue(token, "99901", "");
	ctl(&r, "token", "revoke", token, NULL);
	ck_assert_msg(r.status == 0, "token revoke: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	first = revoked_at(token);
	ck_assert_msg(strcmp(first, "NULL\n") != 0 && first[0] != '\0', "revoked_at: %s", first);
	sleep(1);
	ctl(&r, "token", "revoke", token, NULL);
	ck_assert_msg(r.status == 0, "second revoke: exit %d: %s", r.status, r.err.data);
	second = revoked_at(token);
	ck_assert_str_eq(first, second);
	run_free(&r);
	free(first);
	free(second);
}
END_TEST

START_TEST(test_token_revoke_reads_the_token_from_stdin)
{
	const char *args[] = { "token", "revoke", "-", NULL };
	char token[65], line[66], *at;
	struct run r;

	issue(token, "99901", "");
	snprintf(line, sizeof(line), "%s\n", token);
	ctl_argv(&r, line, args);
	ck_assert_msg(r.status == 0, "token revoke -: exit %d: %s", r.status, r.err.data);
	at = revoked_at(token);
	ck_assert_msg(strcmp(at, "NULL\n") != 0, "not revoked");
	free(at);
	run_free(&r);
}
END_TEST

/* One token per code read, code<TAB>token out; a batch with a code that cannot hold one
 * issues none, so running it again after the fix leaves no stray live token. */
START_TEST(test_token_issue_many_issues_all_or_none)
{
	const char *args[] = { "token", "issue-many", "batch", NULL };
	static const char live[] = "SELECT COUNT(*) FROM credentials WHERE label = 'batch'"
	    " AND revoked_at IS NULL";
	long before = sql_long(live, NULL, NULL);
	struct run r;

	ctl_argv(&r, "99901\n96\n999\n", args);
	ck_assert_msg(r.status == 1, "a batch naming a province: exit %d", r.status);
	ck_assert_msg(r.out.len == 0, "stdout: %s", r.out.data);
	ck_assert_msg(strstr(r.err.data, "96 is a province") != NULL, "%s", r.err.data);
	ck_assert_int_eq(sql_long(live, NULL, NULL), before);
	run_free(&r);
	ctl_argv(&r, "99901\n" "0123456789012345678901234567890123456789012345678901234567890123456789"
	    "\n999\n", args);	/* a line no code fits: said, and refused whole */
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "line 2 is longer") != NULL,
	    "exit %d: %s", r.status, r.err.data);
	ck_assert_int_eq(sql_long(live, NULL, NULL), before);
	run_free(&r);
	ctl_argv(&r, "99901\n\n999\n", args);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err.data);
	ck_assert_msg(strncmp(r.out.data, "99901\t", 6) == 0 && strstr(r.out.data, "\n999\t") != NULL,
	    "%s", r.out.data);
	ck_assert_int_eq(sql_long(live, NULL, NULL), before + 2);
	run_free(&r);
}
END_TEST

START_TEST(test_token_revoke_unit_revokes_every_token_and_no_certificate)
{
	char a[65], b[65], fp[41];
	struct run r;

	issue(a, "99902", "");
	issue(b, "99902", "");
	random_hex(fp, 20, 0);
	ctl(&r, "cert", "add", "99902", fp, NULL);
	ck_assert_msg(r.status == 0, "cert add: %s", r.err.data);
	run_free(&r);
	ctl(&r, "token", "revoke-unit", "99902", NULL);
	ck_assert_msg(r.status == 0, "token revoke-unit: exit %d: %s", r.status, r.err.data);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE unit_code = '99902'"
	    " AND kind = 'token' AND revoked_at IS NULL", NULL, NULL), 0);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE digest = ?"
	    " AND revoked_at IS NULL", fp, NULL), 1);
	run_free(&r);
}
END_TEST

/* Whatever is passed as a token never comes back in a message: a mistyped one or a live
 * one that was never issued here. */
START_TEST(test_token_revoke_never_echoes_the_token)
{
	char token[65];
	const char *tokens[] = { "secret-with-a-typo", token };
	struct run r;
	size_t i;

	random_hex(token, 32, 0);
	for (i = 0; i < N(tokens); i++) {
		ctl(&r, "token", "revoke", tokens[i], NULL);
		ck_assert_msg(r.status == 1, "token revoke %s: exit %d", tokens[i], r.status);
		ck_assert_msg(strstr(r.err.data, tokens[i]) == NULL, "echoed: %s", r.err.data);
		ck_assert_msg(r.out.len == 0, "stdout: %s", r.out.data);
		run_free(&r);
	}
}
END_TEST

START_TEST(test_token_issue_refuses_an_unknown_unit)
{
	struct run r;

	ctl(&r, "token", "issue", "99999", NULL);
	ck_assert_msg(r.status != 0, "token issue 99999 succeeded");
	ck_assert_msg(r.out.len == 0, "stdout: %s", r.out.data);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE unit_code = '99999'",
	    NULL, NULL), 0);
	run_free(&r);
}
END_TEST

/* A province files nothing and its office reads for it: no credential of its own. */
START_TEST(test_token_issue_refuses_a_province)
{
	struct run r;

	ctl(&r, "token", "issue", "96", NULL);
	ck_assert_msg(r.status == 1, "token issue 96: exit %d", r.status);
	ck_assert_msg(r.out.len == 0, "stdout: %s", r.out.data);
	ck_assert_msg(strstr(r.err.data, "96 is a province") != NULL, "%s", r.err.data);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE unit_code = '96'",
	    NULL, NULL), 0);
	run_free(&r);
}
END_TEST

START_TEST(test_cert_add_stores_the_fingerprint_lower_cased_once)
{
	char fp[65], lower[65];
	struct run r;
	size_t i;

	random_hex(fp, 32, 1);
	for (i = 0; i <= 64; i++)
		lower[i] = (char)(fp[i] >= 'A' && fp[i] <= 'F' ? fp[i] - 'A' + 'a' : fp[i]);
	ctl(&r, "cert", "add", "99901", fp, NULL);
	ck_assert_msg(r.status == 0, "cert add: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE digest = ?"
	    " AND kind = 'certificate' AND unit_code = '99901'", lower, NULL), 1);
	ctl(&r, "cert", "add", "99901", lower, NULL);
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "already registered") != NULL,
	    "second cert add: exit %d: %s", r.status, r.err.data);
	run_free(&r);
}
END_TEST

START_TEST(test_cert_revoke_revokes_for_good_and_refuses_the_unknown)
{
	char fp[41], upper[41], other[41];
	struct run r;
	size_t i;

	random_hex(fp, 20, 0);
	random_hex(other, 20, 0);
	for (i = 0; i <= 40; i++)
		upper[i] = (char)toupper((unsigned char)fp[i]);
	ctl(&r, "cert", "add", "99901", fp, NULL);
	ck_assert_msg(r.status == 0, "cert add: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	/* the fingerprint in either case, as cert add takes it */
	ctl(&r, "cert", "revoke", upper, NULL);
	ck_assert_msg(r.status == 0 && strstr(r.out.data, "revoked") != NULL,
	    "cert revoke: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE digest = ?"
	    " AND kind = 'certificate' AND revoked_at IS NOT NULL", fp, NULL), 1);
	ctl(&r, "cert", "revoke", fp, NULL);
	ck_assert_msg(r.status == 0, "second cert revoke: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	/* a revoked certificate cannot come back: a unit gets a new one */
	ctl(&r, "cert", "add", "99901", fp, NULL);
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "already registered") != NULL,
	    "cert add after revoke: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM credentials WHERE digest = ?"
	    " AND revoked_at IS NULL", fp, NULL), 0);
	ctl(&r, "cert", "revoke", other, NULL);
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "no such certificate") != NULL,
	    "unknown cert revoke: exit %d: %s", r.status, r.err.data);
	run_free(&r);
	ctl(&r, "cert", "revoke", "xyz", NULL);
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "40 or 64") != NULL,
	    "bad fingerprint: exit %d: %s", r.status, r.err.data);
	run_free(&r);
}
END_TEST

/* ---- grants ------------------------------------------------------------------------------ */

/* Grants are made between the fixture's own units (district 999, commune 99901) and left
 * revoked, so the end-to-end tests find the demo units' grants as they were. */

START_TEST(test_grant_refuses_a_commune_of_another_district)
{
	struct run r;

	ctl(&r, "grant", "999", "32072", NULL);
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "belongs to district 967") != NULL,
	    "grant 999 32072: exit %d: %s", r.status, r.err.data);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM grants WHERE grantee_code = '999'"
	    " AND unit_code = '32072'", NULL, NULL), 0);
	run_free(&r);
}
END_TEST

static const char *
grant_state(char *buf, size_t size)
{
	sql_value(buf, size, "SELECT IF(revoked_at IS NULL, 'live', 'revoked') FROM grants"
	    " WHERE grantee_code = '999' AND unit_code = '99901'", NULL, NULL);
	return buf;
}

START_TEST(test_grant_ungrant_and_grant_again)
{
	static const struct {
		const char *command;
		const char *state;
	} steps[] = { { "grant", "live" }, { "ungrant", "revoked" }, { "ungrant", "revoked" },
		      { "grant", "live" }, { "grant", "live" }, { "ungrant", "revoked" } };
	char state[16];
	struct run r;
	size_t i;

	for (i = 0; i < N(steps); i++) {
		ctl(&r, steps[i].command, "999", "99901", NULL);
		ck_assert_msg(r.status == 0, "step %zu, %s 999 99901: exit %d: %s", i,
		    steps[i].command, r.status, r.err.data);
		ck_assert_msg(strcmp(grant_state(state, sizeof(state)), steps[i].state) == 0,
		    "step %zu, %s 999 99901: the grant is \"%s\", expected %s", i,
		    steps[i].command, state, steps[i].state);
		run_free(&r);
	}
}
END_TEST

/* ---- ad hoc requests --------------------------------------------------------------------- */

static void
new_request_code(char *buf, size_t size)
{
	char r[9];

	random_hex(r, 4, 1);
	snprintf(buf, size, "YC-TEST-%ld-%s", (long)time(NULL), r);
}

START_TEST(test_request_add_stores_the_request_and_its_units)
{
	static const char subject[] = "B\xc3\xa1o c\xc3\xa1o nhanh thi\xe1\xbb\x87t h\xe1\xba\xa1i "
	    "do h\xe1\xba\xa1n m\xe1\xba\xb7n";
	char code[64], got[512], expect[512], *units;
	struct run r;

	new_request_code(code, sizeof(code));
	ctl(&r, "request", "add", code, "2025-05-20", subject, "000.00.30.H12", "32072", "967",
	    "000.00.12.H12", NULL);
	ck_assert_msg(r.status == 0, "request add %s: exit %d: %s", code, r.status, r.err.data);
	sql_value(got, sizeof(got), "SELECT CONCAT_WS('|', province_code, subject, due, created_by)"
	    " FROM adhoc_requests WHERE code = ?", code, NULL);
	snprintf(expect, sizeof(expect), "96|%s|2025-05-20|000.00.30.H12", subject);
	ck_assert_str_eq(got, expect);
	units = sql_text("SELECT unit_code FROM adhoc_request_units WHERE request_code = ?"
	    " ORDER BY unit_code", code, NULL);
	ck_assert_str_eq(units, "000.00.12.H12\n32072\n967\n");
	free(units);
	run_free(&r);
}
END_TEST

START_TEST(test_request_add_refuses_a_code_already_registered)
{
	char code[64];
	struct run r;

	new_request_code(code, sizeof(code));
	ctl(&r, "request", "add", code, "2025-05-20", "first", "000.00.30.H12", "32072", NULL);
	ck_assert_msg(r.status == 0, "request add %s: exit %d: %s", code, r.status, r.err.data);
	run_free(&r);
	ctl(&r, "request", "add", code, "2025-06-20", "second", "000.00.30.H12", "967", NULL);
	ck_assert_msg(r.status == 1 && strstr(r.err.data, "already registered") != NULL,
	    "second request add %s: exit %d: %s", code, r.status, r.err.data);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM adhoc_request_units WHERE"
	    " request_code = ?", code, NULL), 1);
	run_free(&r);
}
END_TEST

/* ---- the command line -------------------------------------------------------------------- */

static const struct {
	const char *args[9];
	int status;
	const char *says;
} refusals[] = {
	{ { "token", "issue", "99999" }, 1, "no unit 99999" },
	/* a token pasted where the unit goes */
	{ { "token", "issue", "3f5c8043a01bb7daf952bcffedd1299b591e13739672df730b9d701453a8b3ff" }, 1,
	    "no such unit" },
	{ { "token", "issue", "99901", "nh\xc3\xa3n" }, 1, "ASCII" },
	{ { "token", "revoke-unit", "99999" }, 1, "no unit 99999" },
	{ { "cert", "add", "99901", "xyz" }, 1, "40 or 64" },
	{ { "cert", "add", "99999", "0123456789012345678901234567890123456789" }, 1,
	    "no unit 99999" },
	{ { "grant", "32072", "967" }, 1, "not a district" },
	{ { "grant", "967", "99901" }, 1, "belongs to district 999" },
	{ { "grant", "99", "99901" }, 1, "not a district" },
	{ { "ungrant", "968", "99901" }, 1, "never granted" },
	{ { "request", "add", "YC-REFUSED", "2025-13-01", "s", "000.00.30.H12", "32072" }, 1,
	    "due date" },
	{ { "request", "add", "YC-REFUSED", "2025-12-01", "s", "000.00.12.H12", "32072" }, 1,
	    "coordination office" },
	{ { "request", "add", "YC-REFUSED", "2025-12-01", "s", "000.00.30.H12", "99999" }, 1,
	    "no unit 99999" },
	{ { "request", "add", "YC-REFUSED", "2025-12-01", "s", "000.00.30.H12", "000.00.12.H59" },
	    1, "province" },
	{ { "request", "add", "YC REFUSED", "2025-12-01", "s", "000.00.30.H12", "32072" }, 1,
	    "request code" },
	/* a code is a path segment of its URL: nothing there may merge it into another */
	{ { "request", "add", "YC//REFUSED", "2025-12-01", "s", "000.00.30.H12", "32072" }, 1,
	    "parts joined by '/'" },
	{ { "request", "add", "YC/./REFUSED", "2025-12-01", "s", "000.00.30.H12", "32072" }, 1,
	    "parts joined by '/'" },
	{ { "request", "add", "YC/../REFUSED", "2025-12-01", "s", "000.00.30.H12", "32072" }, 1,
	    "parts joined by '/'" },
	{ { "request", "add", "YC-REFUSED/", "2025-12-01", "s", "000.00.30.H12", "32072" }, 1,
	    "parts joined by '/'" },
	{ { "units", "show", "99999" }, 1, "no unit 99999" },
	{ { "units", "import", "/nonexistent/units.csv" }, 1, "No such file" },
	{ { NULL }, 2, "no command" },
	{ { "units", "destroy" }, 2, "no such command" },
	{ { "token", "issue" }, 2, "too few arguments" },
	{ { "grant", "967" }, 2, "too few arguments" },
	{ { "token", "issue", "99901", "label", "more" }, 2, "too many arguments" },
};

START_TEST(test_refusals_say_why_on_stderr)
{
	struct run r;
	char shown[256] = "";
	size_t i;

	for (i = 0; refusals[_i].args[i] != NULL; i++)
		snprintf(shown + strlen(shown), sizeof(shown) - strlen(shown), " %s",
		    refusals[_i].args[i]);
	ctl_argv(&r, NULL, refusals[_i].args);
	ck_assert_msg(r.status == refusals[_i].status, "baocaoctl%s: exit %d, expected %d: %s",
	    shown, r.status, refusals[_i].status, r.err.data);
	ck_assert_msg(strncmp(r.err.data, "baocaoctl: ", 11) == 0 &&
	    strstr(r.err.data, refusals[_i].says) != NULL, "baocaoctl%s: expected \"%s\", got: %s",
	    shown, refusals[_i].says, r.err.data);
	ck_assert_msg(r.status != 1 || strchr(r.err.data, '\n') == r.err.data + r.err.len - 1,
	    "baocaoctl%s: the error is not one line: %s", shown, r.err.data);
	ck_assert_msg(r.out.len == 0, "baocaoctl%s: stdout: %s", shown, r.out.data);
	for (i = 0; refusals[_i].args[i] != NULL; i++)
		ck_assert_msg(strlen(refusals[_i].args[i]) < 64 ||
		    strstr(r.err.data, refusals[_i].args[i]) == NULL,
		    "baocaoctl%s: a token-sized argument is echoed: %s", shown, r.err.data);
	ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM adhoc_requests WHERE code LIKE"
	    " 'YC_REFUSED'", NULL, NULL), 0);
	run_free(&r);
}
END_TEST

static const struct {
	const char *code;
	const char *line;
} shows[] = {
	{ "99902", "kind       commune\n" },
	{ "99902", "valid      2004-01-01 .. 2025-06-30\n" },
	{ "99902", "successor  99901\n" },
	{ "32072", "province   96\n" },
	{ "32072", "parent     967\n" },
	{ "000.00.12.H12", "criteria   4 7\n" },
	{ "000.00.30.H12", "kind       office\n" },
};

START_TEST(test_units_show_prints_the_registry_record)
{
	struct run r;

	ctl(&r, "units", "show", shows[_i].code, NULL);
	ck_assert_msg(r.status == 0, "units show %s: exit %d: %s", shows[_i].code, r.status,
	    r.err.data);
	ck_assert_msg(strstr(r.out.data, shows[_i].line) != NULL, "units show %s: no \"%.*s\" in\n%s",
	    shows[_i].code, (int)strlen(shows[_i].line) - 1, shows[_i].line, r.out.data);
	run_free(&r);
}
END_TEST

/* ---- the suite --------------------------------------------------------------------------- */

static TCase *
tcase(const char *name, void (*load)(void))
{
	TCase *tc = tcase_create(name);

	tcase_add_unchecked_fixture(tc, load, NULL);
	tcase_add_checked_fixture(tc, db_open, db_close);
	tcase_set_timeout(tc, 120);
	return tc;
}

static Suite *
suite_registry(void)
{
	Suite *s = suite_create("registry");
	TCase *tc;

	tc = tcase("national", import_national);
	tcase_add_test(tc, test_import_reports_every_row_of_the_national_file);
	tcase_add_test(tc, test_import_gives_the_file_counts_per_level);
	tcase_add_test(tc, test_import_stores_every_row_as_written);
	tcase_add_test(tc, test_import_hangs_every_commune_under_a_district_of_a_province);
	tcase_add_loop_test(tc, test_import_finds_the_province_through_the_parents, 0,
	    N(provinces_of));
	tcase_add_test(tc, test_reimport_changes_no_count);
	suite_add_tcase(s, tc);

	tc = tcase("files", import_merged);
	tcase_add_loop_test(tc, test_merged_fixture_keeps_validity_and_successor, 0, N(merged));
	tcase_add_test(tc, test_a_gso_import_keeps_the_validity_recorded);
	tcase_add_test(tc, test_import_stores_names_in_nfc);
	tcase_add_loop_test(tc, test_import_refuses_a_malformed_file_whole, 0, N(bad_files));
	suite_add_tcase(s, tc);

	tc = tcase("demo", import_demo);
	tcase_add_loop_test(tc, test_demo_agencies_answer_for_every_criterion, 0, N(demo));
	tcase_add_test(tc, test_so_cong_thuong_of_ca_mau_answers_for_criteria_4_and_7);
	tcase_add_test(tc, test_demo_file_holds_the_demo_provinces_whole);
	suite_add_tcase(s, tc);

	tc = tcase("commands", import_demo);
	tcase_add_test(tc, test_token_issue_prints_64_hex_and_stores_only_its_digest);
	tcase_add_test(tc, test_token_revoke_sets_revoked_at_once);
	tcase_add_test(tc, test_token_revoke_reads_the_token_from_stdin);
	tcase_add_test(tc, test_token_issue_many_issues_all_or_none);
	tcase_add_test(tc, test_token_revoke_unit_revokes_every_token_and_no_certificate);
	tcase_add_test(tc, test_token_revoke_never_echoes_the_token);
	tcase_add_test(tc, test_token_issue_refuses_an_unknown_unit);
	tcase_add_test(tc, test_token_issue_refuses_a_province);
	tcase_add_test(tc, test_cert_add_stores_the_fingerprint_lower_cased_once);
	tcase_add_test(tc, test_cert_revoke_revokes_for_good_and_refuses_the_unknown);
	tcase_add_test(tc, test_grant_refuses_a_commune_of_another_district);
	tcase_add_test(tc, test_grant_ungrant_and_grant_again);
	tcase_add_test(tc, test_request_add_stores_the_request_and_its_units);
	tcase_add_test(tc, test_request_add_refuses_a_code_already_registered);
	tcase_add_loop_test(tc, test_refusals_say_why_on_stderr, 0, N(refusals));
	tcase_add_loop_test(tc, test_units_show_prints_the_registry_record, 0, N(shows));
	suite_add_tcase(s, tc);
	return s;
}

/* Without BAOCAO_CONF, a configuration naming BAOCAO_DB_SOCKET, removed at exit. */
static void
write_conf(void)
{
	FILE *f;
	int fd;

	snprintf(conf_buf, sizeof(conf_buf), "/tmp/check_registry-XXXXXX.conf");
	if ((fd = mkstemps(conf_buf, 5)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		perror(conf_buf);
		exit(EXIT_FAILURE);
	}
	fprintf(f, "db_socket = %s\ndb_name = baocao\ndb_user = baocao\ndb_password = baocao\n",
	    db_socket);
	fclose(f);
	conf_path = conf_buf;
}

int
main(void)
{
	static char socket_buf[1024];
	SRunner *sr;
	int failed;

	repo = tc_env("BAOCAO_REPO", ".");
	snprintf(socket_buf, sizeof(socket_buf), "%s/var/test/run/mysqld.sock", repo);
	db_socket = tc_env("BAOCAO_DB_SOCKET", socket_buf);
	ctl_path = tc_env("BAOCAO_CTL", repo_path(ctl_buf, sizeof(ctl_buf), "build/test/baocaoctl"));
	conf_path = getenv("BAOCAO_CONF");
	repo_path(national, sizeof(national), "../shared/data/units-gso-2025-03.csv");
	if (access(ctl_path, X_OK) != 0) {
		fprintf(stderr, "check_registry: %s is not executable (set BAOCAO_CTL)\n", ctl_path);
		return EXIT_FAILURE;
	}
	if (conf_path == NULL || conf_path[0] == '\0')
		write_conf();
	sr = srunner_create(suite_registry());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (conf_path == conf_buf)
		unlink(conf_buf);
	mysql_library_end();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
