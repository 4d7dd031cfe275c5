/*
 * check_e2e — the service end to end, as a submitting system meets it: real HTTP through
 * the real nginx to the FastCGI workers and the real MariaDB of the test stack
 * (scripts/test-stack starts them and sets BAOCAO_URL, BAOCAO_DB_SOCKET, BAOCAO_REPO,
 * BAOCAO_MAX_BODY). Answers are read as XML with XPath; what was stored is read back with
 * SQL, so every test checks what the sender sees and what the office will see.
 *
 * Each test makes its own DocumentIds (libuuid) and its own period, so the suite can run
 * against a database that already holds data.
 */
#define _GNU_SOURCE	/* memmem */
#include <dirent.h>
#include <signal.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpathInternals.h>
#include <mysql.h>
#include <openssl/evp.h>
#include <uuid/uuid.h>

#include "baocao/buf.h"
#include "stack_client.h"
#include "baocao/catalogue.h"

static const char *base_url, *repo, *db_socket;
static long max_body;
static const char *tls_url;		/* nginx's TLS listener, client certificates optional */
static char tls_server_cert[1100];	/* what the TLS listener presents, trusted by the tests */

/* Tokens the suite issues for itself at start (baocaoctl), by unit code. */
static struct {
	const char *code;
	char token[80];
} tokens[] = {
	{ "32072", "" },		/* Xã Trí Lực, Huyện Thới Bình, Cà Mau */
	{ "32071", "" },		/* Xã Trí Phải, its neighbour */
	{ "967", "" },			/* Huyện Thới Bình */
	{ "964", "" },			/* Thành phố Cà Mau, another district of Cà Mau */
	{ "000.00.12.H12", "" },	/* Sở Công Thương Cà Mau */
	{ "000.00.30.H12", "" },	/* the coordination office of Cà Mau */
	{ "000.00.30.H59", "" },	/* the coordination office of Trà Vinh */
	{ "000.00.30.H10", "" },	/* Bình Phước's, a national reader in the test stack */
	{ "99902", "" },		/* a commune merged away on 2025-06-30 (fixture) */
	{ "999", "" },			/* its district, with 99901 (fixture) */
	{ "99901", "" },		/* the commune that absorbed 99902 (fixture) */
	{ "000.00.30.H98", "" },	/* the office of the fixture province 98 (the office's view) */
	{ "97901", "" },		/* a commune formed on 2025-07-01 (fixture units-adhoc.csv) */
	{ "000.00.30.H97", "" },	/* the office of its province 97 */
};

static const char *
token_of(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (strcmp(tokens[i].code, code) == 0)
			return tokens[i].token;
	ck_abort_msg("no token for %s", code);
	return NULL;
}

/* --- HTTP --- */

struct reply {
	long status;
	struct bc_buf body;
	struct bc_buf headers;
};

/* How a request reaches the service: nginx's plain listener (base_url, no certificate), or its
 * TLS listener (tls_url) presenting a client certificate or none. */
struct route {
	const char *base;
	const char *cert, *key;	/* PEM files, or NULL */
	const char *const *headers;	/* more request headers, NULL-terminated, or NULL */
};

static void
http_via(struct reply *out, const struct route *via, const char *token, const char *method,
    const char *path, const char *content_type, const char *body, size_t len)
{
	struct curl_slist *hdrs = NULL;
	char url[1024], ct[256], auth[128];
	CURL *c = curl_easy_init();
	CURLcode rc;
	size_t i;

	memset(out, 0, sizeof(*out));
	ck_assert_ptr_nonnull(c);
	snprintf(url, sizeof(url), "%s%s", via->base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (strncmp(via->base, "https:", 6) == 0)
		curl_easy_setopt(c, CURLOPT_CAINFO, tls_server_cert);
	if (via->cert != NULL) {
		curl_easy_setopt(c, CURLOPT_SSLCERT, via->cert);
		curl_easy_setopt(c, CURLOPT_SSLKEY, via->key);
	}
	for (i = 0; via->headers != NULL && via->headers[i] != NULL; i++)
		hdrs = curl_slist_append(hdrs, via->headers[i]);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, tc_curl_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, tc_curl_collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	if (token != NULL) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
		hdrs = curl_slist_append(hdrs, auth);
	}
	if (body != NULL) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", content_type);
		hdrs = curl_slist_append(hdrs, ct);
		hdrs = curl_slist_append(hdrs, "Expect:");
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	rc = curl_easy_perform(c);
	ck_assert_msg(rc == CURLE_OK || rc == CURLE_SEND_ERROR, "%s %s: %s", method, path,
	    curl_easy_strerror(rc));
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	if (out->body.data == NULL)
		bc_buf_puts(&out->body, "");
	if (out->headers.data == NULL)
		bc_buf_puts(&out->headers, "");
}

static void
http_as(struct reply *out, const char *token, const char *method, const char *path,
    const char *content_type, const char *body, size_t len)
{
	const struct route plain = { base_url, NULL, NULL, NULL };

	http_via(out, &plain, token, method, path, content_type, body, len);
}

/* Without a token: only the public resources answer. */
static void
http(struct reply *out, const char *method, const char *path, const char *content_type,
    const char *body, size_t len)
{
	http_as(out, NULL, method, path, content_type, body, len);
}

static void
post_as(struct reply *out, const char *token, const char *doc, size_t len)
{
	http_as(out, token, "POST", "/api/v1/submissions", "application/xml", doc, len);
}

/* Filed by the document's own reporting unit, with its token (the office's for a unit the
 * suite has no token for). */
static void
post(struct reply *out, const char *doc, size_t len)
{
	const char *p = memmem(doc, len, "ReportingUnit code=\"", 20);
	char code[40] = "";
	size_t i;

	if (p != NULL)
		sscanf(p + 20, "%39[^\"]", code);
	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (strcmp(tokens[i].code, code) == 0) {
			post_as(out, tokens[i].token, doc, len);
			return;
		}
	post_as(out, token_of("000.00.30.H12"), doc, len);
}

static void
reply_free(struct reply *r)
{
	bc_buf_free(&r->body);
	bc_buf_free(&r->headers);
}

/* --- XML answers --- */

/* XPath over an answer with prefixes r: (receipt) and e: (error); string value into buf. */
static const char *
xpath(const struct reply *r, const char *expr, char *buf, size_t size)
{
	ck_assert_msg(tc_xpath(&r->body, expr, buf, size) != NULL, "answer is not XML: %s",
	    r->body.data);
	return buf;
}

static long
xpath_num(const struct reply *r, const char *expr)
{
	char buf[64];

	return strtol(xpath(r, expr, buf, sizeof(buf)), NULL, 10);
}

/* --- documents --- */

static char *
example(const char *name, size_t *len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/schemas/examples/%s", repo, name);
	return tc_must_read(path, len);
}


/* Replace the first occurrence of old; returns a new string. */
static char *
replace_once(const char *doc, const char *old, const char *new)
{
	const char *a = strstr(doc, old);
	struct bc_buf out = { 0 };

	ck_assert_msg(a != NULL, "no %s", old);
	bc_buf_append(&out, doc, (size_t)(a - doc));
	bc_buf_puts(&out, new);
	bc_buf_puts(&out, a + strlen(old));
	return out.data;
}

/* Replace the text of the first <tag>…</tag>; returns a new string. */
static char *
replace_element(const char *doc, const char *tag, const char *text)
{
	char open[64], close[64];
	const char *a, *b;
	struct bc_buf out = { 0 };

	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	a = strstr(doc, open);
	ck_assert_msg(a != NULL, "no <%s>", tag);
	a += strlen(open);
	b = strstr(a, close);
	bc_buf_append(&out, doc, (size_t)(a - doc));
	bc_buf_puts(&out, text);
	bc_buf_puts(&out, b);
	return out.data;
}

/* Insert an element right after </Period> (for Supersedes). */
static char *
insert_after_period(const char *doc, const char *xml)
{
	const char *a = strstr(doc, "</Period>");
	struct bc_buf out = { 0 };

	ck_assert_ptr_nonnull(a);
	a += strlen("</Period>");
	bc_buf_append(&out, doc, (size_t)(a - doc));
	bc_buf_puts(&out, xml);
	bc_buf_puts(&out, a);
	return out.data;
}

/* Where the first occurrence of a start tag is, as the error document says it: its line from
 * 1, and its column in characters (not bytes) from 1. */
static long
line_of(const char *doc, const char *tag)
{
	const char *at = strstr(doc, tag), *p;
	long line = 1;

	ck_assert_ptr_nonnull(at);
	for (p = doc; p < at; p++)
		line += *p == '\n';
	return line;
}

static long
column_of(const char *doc, const char *tag)
{
	const char *at = strstr(doc, tag), *p;
	long column = 1;

	ck_assert_ptr_nonnull(at);
	for (p = at; p > doc && p[-1] != '\n'; p--)
		column += ((unsigned char)p[-1] & 0xc0) != 0x80;
	return column;
}

/* A commune monthly report of its own: fresh DocumentId and a month of its own. The example's
 * criteria are met since 2023-12-20, after the months tests move it to (rule since): they are
 * met since 2009-12-20 here, before any of them. */
static char *
fresh_commune_report(char id[37], const char *month)
{
	size_t len;
	char *base = example("commune-monthly.xml", &len), *a, *b, *c;

	tc_new_uuid(id);
	a = replace_element(base, "DocumentId", id);
	b = replace_element(a, "Month", month);
	c = tc_replace_all(b, "since=\"2023-12-20\"", "since=\"2009-12-20\"");
	free(base);
	free(a);
	free(b);
	return c;
}

/* Set once in main, before Check forks a process per test: tests must share it, or two
 * tests' months could collide. */
static long run_salt;

/* A month no other test of this run uses: derived from the run, in 2011–2020 (the criteria
 * set of 2010 is in force then; 13 is prime to 120, so salts up to 120 never collide). */
static void
unique_month(char out[16], int salt)
{
	int n = (int)((run_salt * 7 + salt * 13) % 120);

	snprintf(out, 16, "%04d-%02d", 2011 + n / 12, n % 12 + 1);
}

static void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0, i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* --- database --- */

/* One number from a query whose only parameter is a quoted, safe identifier; -1 for none. */
static long long
db_number(const char *fmt, const char *arg)
{
	MYSQL *m = tc_db_open(NULL);
	char sql[1024];
	long long v;

	snprintf(sql, sizeof(sql), fmt, arg);
	v = tc_db_number(m, sql);
	mysql_close(m);
	return v;
}

/* The same as text, "" for no row or NULL. */
static void
db_string(const char *fmt, const char *arg, char *out, size_t size)
{
	MYSQL *m = tc_db_open(NULL);
	char sql[1024];

	snprintf(sql, sizeof(sql), fmt, arg);
	tc_db_text(m, sql, out, size);
	if (strcmp(out, "NULL") == 0)
		out[0] = '\0';
	mysql_close(m);
}


/* --- tests --- */

/* Every valid example (the .xml files of schemas/examples), listed when the suite is built. */
static char valid_examples[64][256];
static int nvalid;

static void
list_valid_examples(void)
{
	char dir[1024];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/schemas/examples", repo);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && nvalid < 64) {
		size_t n = strlen(de->d_name);

		if (n > 4 && strcmp(de->d_name + n - 4, ".xml") == 0)
			snprintf(valid_examples[nvalid++], sizeof(valid_examples[0]), "%s", de->d_name);
	}
	closedir(d);
}

/* Sums a sidecar names that are no column: a commune's criteria are one row of fact_criteria
 * (criteria_row.h), the criteria it states and meets are characters of its met. */
static const struct {
	const char *name, *expr;
} derived_sums[] = {
	{ "fact_criteria.stated", "LENGTH(REPLACE(met, '-', ''))" },
	{ "fact_criteria.met", "LENGTH(REPLACE(REPLACE(met, '-', ''), '0', ''))" },
};

/* What a sidecar's "TABLE.COLUMN" sums. */
static const char *
sum_expr(const char *what, const char *column)
{
	size_t i;

	for (i = 0; i < sizeof(derived_sums) / sizeof(derived_sums[0]); i++)
		if (strcmp(what, derived_sums[i].name) == 0)
			return derived_sums[i].expr;
	return column;
}

/* The facts an example must leave: its sidecar NAME.facts (see schemas/examples/README.md),
 * lines "TABLE COUNT" and "TABLE.COLUMN SUM", checked for the stored submission. */
static void
assert_facts(const char *name, const char *sid)
{
	char path[1200], line[256], what[128], sql[512];
	long long want, got;
	FILE *f;
	int lines = 0;

	snprintf(path, sizeof(path), "%s/schemas/examples/%.*s.facts", repo,
	    (int)(strlen(name) - 4), name);
	ck_assert_msg((f = fopen(path, "r")) != NULL, "%s has no .facts sidecar", name);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *dot;

		if (line[0] == '#' || sscanf(line, "%127s %lld", what, &want) != 2)
			continue;
		if ((dot = strchr(what, '.')) != NULL) {
			const char *expr = sum_expr(what, dot + 1);

			*dot = '\0';
			snprintf(sql, sizeof(sql), "SELECT IFNULL(SUM(%s), 0) FROM %s WHERE "
			    "submission_id = %%s", expr, what);
			*dot = '.';
		} else
			snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE submission_id = %%s",
			    what);
		got = db_number(sql, sid);
		ck_assert_msg(got == want, "%s: %s is %lld, the sidecar says %lld", name, what, got,
		    want);
		lines++;
	}
	fclose(f);
	ck_assert_msg(lines > 0, "%s: the .facts sidecar states nothing", name);
}

START_TEST(test_valid_example_is_stored_and_read_back_byte_for_byte)
{
	const char *name = valid_examples[_i];
	char id[37], *doc, *base, path[128], sha[65], got[128], hdr[128], sid[32];
	struct reply r, g;
	size_t len;

	base = example(name, &len);
	tc_new_uuid(id);
	doc = replace_element(base, "DocumentId", id);
	post(&r, doc, strlen(doc));
	ck_assert_msg(r.status == 201, "%s: %ld %s", name, r.status, r.body.data);
	snprintf(path, sizeof(path), "/api/v1/submissions/%s", id);
	ck_assert_str_eq(tc_header(&r.headers, "Location", hdr, sizeof(hdr)), path);
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:DocumentId)", got, sizeof(got)), id);
	sha256_hex(doc, strlen(doc), sha);
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:Sha256)", got, sizeof(got)), sha);
	ck_assert_int_ge(xpath_num(&r, "number(/r:Receipt/r:Revision)"), 1);

	http_as(&g, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(g.status, 200);
	ck_assert_msg(g.body.len == strlen(doc) && memcmp(g.body.data, doc, g.body.len) == 0,
	    "%s: stored bytes differ from the bytes sent", name);
	ck_assert_str_eq(tc_header(&g.headers, "X-Content-SHA256", hdr, sizeof(hdr)), sha);

	snprintf(sid, sizeof(sid), "%lld",
	    db_number("SELECT id FROM submissions WHERE document_id = '%s'", id));
	assert_facts(name, sid);
	reply_free(&r);
	reply_free(&g);
	free(doc);
	free(base);
}
END_TEST

static int valid_against(const struct reply *, const char *xsd);

/* The history: every revision's receipt, newest first, as answered when it was filed. */
START_TEST(test_a_units_submissions_are_listed_newest_revision_first)
{
	char month[16], a_id[37], b_id[37], path[256], got[64];
	char *a, *b;
	const char *receipt_a, *receipt_b;
	struct reply ra, rb, list, office, all, neighbour, unknown;

	unique_month(month, 9);
	a = fresh_commune_report(a_id, month);
	post(&ra, a, strlen(a));
	ck_assert_int_eq(ra.status, 201);
	b = fresh_commune_report(b_id, month);
	post(&rb, b, strlen(b));
	ck_assert_int_eq(rb.status, 201);

	snprintf(path, sizeof(path), "/api/v1/submissions?unit=32072&type=ProgressReport&period=%s",
	    month);
	http_as(&list, token_of("32072"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(list.status == 200, "%ld %.1500s", list.status, list.body.data);
	ck_assert_msg(valid_against(&list, "receipt-1.xsd"), "not valid: %.1500s", list.body.data);
	ck_assert_int_eq(xpath_num(&list, "count(/r:Submissions/r:Receipt)"), 2);
	ck_assert_str_eq(xpath(&list, "string(/r:Submissions/r:Receipt[1]/r:DocumentId)", got,
	    sizeof(got)), b_id);
	ck_assert_int_eq(xpath_num(&list, "number(/r:Submissions/r:Receipt[1]/r:Revision)"), 2);
	ck_assert_str_eq(xpath(&list, "string(/r:Submissions/r:Receipt[2]/r:DocumentId)", got,
	    sizeof(got)), a_id);
	ck_assert_str_eq(xpath(&list, "string(/r:Submissions/@complete)", got, sizeof(got)), "true");
	/* each entry is the receipt the sender got, element for element */
	receipt_a = strstr(ra.body.data, "<Receipt");
	receipt_b = strstr(rb.body.data, "<Receipt");
	ck_assert_ptr_nonnull(receipt_a);
	ck_assert_ptr_nonnull(receipt_b);
	ck_assert_ptr_nonnull(strstr(list.body.data, receipt_a));
	ck_assert_ptr_nonnull(strstr(list.body.data, receipt_b));
	ck_assert(strstr(list.body.data, receipt_b) < strstr(list.body.data, receipt_a));

	http_as(&office, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(office.status, 200);
	ck_assert_str_eq(office.body.data, list.body.data);
	http_as(&all, token_of("32072"), "GET", "/api/v1/submissions", NULL, NULL, 0);
	ck_assert_int_eq(all.status, 200);
	ck_assert_str_eq(xpath(&all, "string(/r:Submissions/@unit)", got, sizeof(got)), "32072");
	ck_assert_int_eq(xpath_num(&all, "count(/r:Submissions/r:Receipt)"),
	    db_number("SELECT LEAST(COUNT(*), 1000) FROM submissions WHERE unit_code = '%s'",
	    "32072"));
	http_as(&neighbour, token_of("32071"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(neighbour.status, 403);
	http_as(&unknown, token_of("32072"), "GET", "/api/v1/submissions?unit=77777", NULL,
	    NULL, 0);
	ck_assert_int_eq(unknown.status, 404);
	reply_free(&ra); reply_free(&rb); reply_free(&list); reply_free(&office);
	reply_free(&all); reply_free(&neighbour); reply_free(&unknown);
	free(a); free(b);
}
END_TEST

/* A receipt's period as the list orders it, read by the test itself: its last day as
 * YYYYMMDD and its length in months (an ad hoc report: its as-of date, length 0). */
static void
period_key(const struct reply *list, int i, long *end, int *months)
{
	static const int last_day[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char expr[160], form[32], text[64];
	int year = 0, n = 0, month;

	snprintf(expr, sizeof(expr), "local-name(/r:Submissions/r:Receipt[%d]/r:Period/*)", i);
	xpath(list, expr, form, sizeof(form));
	snprintf(expr, sizeof(expr), "string(/r:Submissions/r:Receipt[%d]/r:Period/*)", i);
	xpath(list, expr, text, sizeof(text));
	if (strcmp(form, "AdHoc") == 0) {
		snprintf(expr, sizeof(expr), "translate(/r:Submissions/r:Receipt[%d]/r:Period/*/@asOf,"
		    " '-', '')", i);
		xpath(list, expr, text, sizeof(text));
		*end = atol(text);
		*months = 0;
		return;
	}
	sscanf(text, "%d-%*c%d", &year, &n);
	*months = strcmp(form, "Year") == 0 ? 12 : strcmp(form, "Quarter") == 0 ? 3 :
	    strcmp(form, "HalfYear") == 0 ? 6 : strcmp(form, "NineMonths") == 0 ? 9 : 1;
	month = *months == 12 ? 12 : *months == 9 ? 9 : *months == 1 ? atoi(text + 5) :
	    n * *months;
	ck_assert_msg(year > 2000 && month >= 1 && month <= 12, "period %s %s", form, text);
	*end = year * 10000L + month * 100 + (month == 2 && year % 4 != 0 ? 28 : last_day[month - 1]);
}

/* Latest period first is by when a period ends, not by its text: 2024 comes before 2024-12
 * and 2024-H1 before 2024-Q2 before 2024-06 (all ending 30 June), which string order puts
 * the other way round. */
START_TEST(test_a_units_submissions_are_listed_latest_period_first)
{
	static const char *const examples[] = { "commune-yearly.xml", "commune-monthly.xml",
	    "commune-six-monthly.xml", "commune-quarterly.xml" };
	char id[37], type[64], prev_type[64] = "", expr[128];
	char *doc, *base;
	long end, prev_end = 0;
	int i, n, months, prev_months = 0, revision, prev_revision = 0, seen[13] = { 0 };
	struct reply r, list;
	size_t k, len;

	for (k = 0; k < sizeof(examples) / sizeof(examples[0]); k++) {
		base = example(examples[k], &len);
		tc_new_uuid(id);
		doc = replace_element(base, "DocumentId", id);
		post(&r, doc, strlen(doc));
		ck_assert_msg(r.status == 201, "%s: %ld %s", examples[k], r.status, r.body.data);
		reply_free(&r);
		free(doc);
		free(base);
	}
	doc = fresh_commune_report(id, "2024-06");
	post(&r, doc, strlen(doc));
	ck_assert_int_eq(r.status, 201);
	reply_free(&r);
	free(doc);

	http_as(&list, token_of("32072"), "GET", "/api/v1/submissions?type=ProgressReport", NULL,
	    NULL, 0);
	ck_assert_int_eq(list.status, 200);
	n = (int)xpath_num(&list, "count(/r:Submissions/r:Receipt)");
	for (i = 1; i <= n; i++) {
		snprintf(expr, sizeof(expr), "string(/r:Submissions/r:Receipt[%d]/r:ReportType)", i);
		xpath(&list, expr, type, sizeof(type));
		snprintf(expr, sizeof(expr), "number(/r:Submissions/r:Receipt[%d]/r:Revision)", i);
		revision = (int)xpath_num(&list, expr);
		period_key(&list, i, &end, &months);
		seen[months]++;
		/* ad hoc answers are placed by their request's latest as-of day (their own test);
		 * the periodic reports between them are in order among themselves */
		if (months == 0)
			continue;
		if (prev_months > 0 && strcmp(type, prev_type) == 0)
			ck_assert_msg(end < prev_end || (end == prev_end && (months < prev_months ||
			    (months == prev_months && revision < prev_revision))),
			    "receipt %d (%ld, %d months, revision %d) after "
			    "(%ld, %d months, revision %d)", i, end, months, revision, prev_end,
			    prev_months, prev_revision);
		snprintf(prev_type, sizeof(prev_type), "%s", type);
		prev_end = end;
		prev_months = months;
		prev_revision = revision;
	}
	ck_assert_msg(seen[12] > 0 && seen[6] > 0 && seen[3] > 0 && seen[1] > 1,
	    "the list lacks a year, a half-year, a quarter or months: %.1500s", list.body.data);
	reply_free(&list);
}
END_TEST

/* The service stores and digests the bytes it receives: a compressed body is not a document
 * it can keep as sent, so it is refused as a media type is, saying which codings it takes. */
START_TEST(test_a_compressed_body_is_415_and_nothing_is_stored)
{
	/* two lines: the coding is on the second (_i 1), which must not go unread */
	const char *const encodings[][2] = { { "Content-Encoding: gzip", NULL },
		{ "Content-Encoding: identity", "Content-Encoding: gzip" } };
	const char *headers[] = { encodings[_i][0], encodings[_i][1] };
	char auth[128], id[37], got[256], *doc = fresh_commune_report(id, "2024-06");
	const char *with_auth[] = { auth, headers[0], headers[1], NULL };
	const struct route gzip = { base_url, NULL, NULL, with_auth };
	struct reply r;

	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token_of("32072"));
	http_via(&r, &gzip, NULL, "POST", "/api/v1/submissions", "application/xml", doc,
	    strlen(doc));
	ck_assert_msg(r.status == 415, "%ld %s", r.status, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", got, sizeof(got)),
	    "unsupported-media-type");
	ck_assert_ptr_nonnull(strstr(xpath(&r, "string(/e:Error/e:Message)", got, sizeof(got)),
	    "Content-Encoding"));
	ck_assert_str_eq(tc_header(&r.headers, "Accept-Encoding", got, sizeof(got)), "identity");
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'",
	    id), 0);
	reply_free(&r);
	free(doc);
}
END_TEST

static void
assert_request_id(const struct reply *r, const char *what)
{
	char id[64], in_body[64];
	size_t i;

	tc_header(&r->headers, "X-Request-Id", id, sizeof(id));
	ck_assert_msg(strlen(id) == 32, "%s: X-Request-Id '%s'", what, id);
	for (i = 0; id[i] != '\0'; i++)
		ck_assert_msg(strchr("0123456789abcdef", id[i]) != NULL, "%s: X-Request-Id %s",
		    what, id);
	if (strstr(r->body.data, "<Error") != NULL)
		ck_assert_str_eq(xpath(r, "string(/e:Error/@requestId)", in_body,
		    sizeof(in_body)), id);
}

/* README, Security: every answer carries nginx's request id, the one both logs write. */
START_TEST(test_every_answer_names_its_request)
{
	char id[37], allow[128], first[64], second[64], *doc = fresh_commune_report(id, "2024-06");
	struct reply stored, read, schema, missing, trace;

	post(&stored, doc, strlen(doc));
	ck_assert_int_eq(stored.status, 201);
	assert_request_id(&stored, "a receipt");
	http_as(&read, token_of("32072"), "GET", "/api/v1/submissions", NULL, NULL, 0);
	ck_assert_int_eq(read.status, 200);
	assert_request_id(&read, "a list");
	ck_assert_str_ne(tc_header(&stored.headers, "X-Request-Id", first, sizeof(first)),
	    tc_header(&read.headers, "X-Request-Id", second, sizeof(second)));
	http(&schema, "GET", "/api/v1/schemas/receipt-1.xsd", NULL, NULL, 0);
	ck_assert_int_eq(schema.status, 200);
	assert_request_id(&schema, "a schema");
	http_as(&missing, token_of("32072"), "GET", "/api/v1/submissions/"
	    "00000000-0000-4000-8000-000000000000", NULL, NULL, 0);
	ck_assert_int_eq(missing.status, 404);
	assert_request_id(&missing, "the service's error");
	/* nginx's own refusal of a method: the same, and what it allows */
	http(&trace, "TRACE", "/api/v1/submissions", NULL, NULL, 0);
	ck_assert_int_eq(trace.status, 405);
	assert_request_id(&trace, "nginx's error");
	ck_assert_ptr_nonnull(strstr(tc_header(&trace.headers, "Allow", allow, sizeof(allow)),
	    "POST"));
	reply_free(&stored); reply_free(&read); reply_free(&schema); reply_free(&missing);
	reply_free(&trace);
	free(doc);
}
END_TEST

/* A token put in the query string (not a way in: 401) is still a credential; nginx's access
 * log keeps the path and says the query was filtered. */
START_TEST(test_a_token_in_the_query_string_is_not_logged)
{
	char dir[512], path[1024], secret[37], url[128];
	struct reply r;
	char *log = NULL;
	int tries;

	tc_new_uuid(secret);
	snprintf(url, sizeof(url), "/api/v1/submissions?unit=32072&access_token=%s", secret);
	http(&r, "GET", url, NULL, NULL, 0);
	ck_assert_int_eq(r.status, 401);
	tc_stack_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/log/nginx-access.log", dir);
	/* nginx writes the line once the answer is sent: give it a moment */
	for (tries = 0; tries < 50; tries++) {
		free(log);
		log = tc_must_read(path, NULL);
		if (strstr(log, "/api/v1/submissions?[filtered]") != NULL)
			break;
		usleep(20000);
	}
	ck_assert_msg(strstr(log, "/api/v1/submissions?[filtered]") != NULL,
	    "no filtered line in %s", path);
	ck_assert_msg(strstr(log, secret) == NULL, "the token is in %s", path);
	free(log);
	reply_free(&r);
}
END_TEST

/* Text facts reach their tables exactly as written: Vietnamese, quotes, backslashes. */
START_TEST(test_fact_text_is_stored_as_written)
{
	char id[37], *base, *doc, *odd, sid[32], expr[96], want[512], got[512];
	struct reply r, sent;
	size_t len;
	int i;

	base = example("emulation-district-yearly.xml", &len);
	odd = replace_once(base, "Lê Văn Tâm", "Lê \"Văn\" \\ Tâm");
	tc_new_uuid(id);
	doc = replace_element(odd, "DocumentId", id);
	post(&r, doc, strlen(doc));
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	snprintf(sid, sizeof(sid), "%lld",
	    db_number("SELECT id FROM submissions WHERE document_id = '%s'", id));
	memset(&sent, 0, sizeof(sent));
	bc_buf_puts(&sent.body, doc);
	for (i = 1; i <= 4; i++) {
		snprintf(expr, sizeof(expr), "string((//*[local-name() = 'Name'])[%d])", i);
		xpath(&sent, expr, want, sizeof(want));
		snprintf(expr, sizeof(expr), "SELECT name FROM fact_nomination WHERE submission_id ="
		    " %%s AND seq = %d", i);
		db_string(expr, sid, got, sizeof(got));
		ck_assert_str_eq(got, want);
	}
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM fact_nomination WHERE submission_id = %s"
	    " AND name LIKE '%%\"Văn\" \\\\\\\\ Tâm%%'", sid), 1);
	reply_free(&r);
	bc_buf_free(&sent.body);
	free(doc);
	free(odd);
	free(base);
}
END_TEST

START_TEST(test_same_document_twice_answers_the_original_receipt)
{
	char id[37], month[16], *doc;
	struct reply a, b;

	unique_month(month, 1);
	doc = fresh_commune_report(id, month);
	post(&a, doc, strlen(doc));
	ck_assert_msg(a.status == 201, "%ld %.1500s", a.status, a.body.data);
	post(&b, doc, strlen(doc));
	ck_assert_int_eq(b.status, 200);
	ck_assert_str_eq(b.body.data, a.body.data);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'", id), 1);
	reply_free(&a);
	reply_free(&b);
	free(doc);
}
END_TEST

START_TEST(test_same_document_id_with_other_bytes_is_a_conflict)
{
	char id[37], month[16], *doc, *changed, code[64], sha[65], stored[65];
	struct reply a, b;

	unique_month(month, 2);
	doc = fresh_commune_report(id, month);
	changed = replace_element(doc, "PreparedBy", "Người khác");
	post(&a, doc, strlen(doc));
	ck_assert_int_eq(a.status, 201);
	post(&b, changed, strlen(changed));
	ck_assert_int_eq(b.status, 409);
	ck_assert_str_eq(xpath(&b, "string(/e:Error/e:Code)", code, sizeof(code)), "conflict");
	sha256_hex(doc, strlen(doc), sha);
	db_string("SELECT sha256 FROM submissions WHERE document_id = '%s'", id, stored,
	    sizeof(stored));
	ck_assert_str_eq(stored, sha);
	reply_free(&a);
	reply_free(&b);
	free(doc);
	free(changed);
}
END_TEST

START_TEST(test_revisions_are_numbered_and_a_stale_supersedes_is_refused)
{
	char month[16], a_id[37], b_id[37], c_id[37], d_id[37], sup[128], got[64];
	char *a, *b0, *b, *c0, *c, *d;
	struct reply ra, rb, rc, rd;
	long first;

	unique_month(month, 3);
	a = fresh_commune_report(a_id, month);
	post(&ra, a, strlen(a));
	ck_assert_int_eq(ra.status, 201);
	first = xpath_num(&ra, "number(/r:Receipt/r:Revision)");

	b0 = fresh_commune_report(b_id, month);
	snprintf(sup, sizeof(sup), "<Supersedes>%s</Supersedes>", a_id);
	b = insert_after_period(b0, sup);
	post(&rb, b, strlen(b));
	ck_assert_msg(rb.status == 201, "%ld %.1500s", rb.status, rb.body.data);
	ck_assert_int_eq(xpath_num(&rb, "number(/r:Receipt/r:Revision)"), first + 1);
	ck_assert_str_eq(xpath(&rb, "string(/r:Receipt/r:Supersedes)", got, sizeof(got)), a_id);

	/* someone still holding revision A tries to replace it: B would be lost */
	c0 = fresh_commune_report(c_id, month);
	c = insert_after_period(c0, sup);
	post(&rc, c, strlen(c));
	ck_assert_int_eq(rc.status, 409);
	ck_assert_str_eq(xpath(&rc, "string(/e:Error/e:Code)", got, sizeof(got)), "stale-supersedes");
	ck_assert_str_eq(xpath(&rc, "string(/e:Error/e:Current)", got, sizeof(got)), b_id);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'",
	    c_id), 0);

	/* a legacy system that cannot say what it replaces: newest revision by itself */
	d = fresh_commune_report(d_id, month);
	post(&rd, d, strlen(d));
	ck_assert_int_eq(rd.status, 201);
	ck_assert_int_eq(xpath_num(&rd, "number(/r:Receipt/r:Revision)"), first + 2);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE unit_code = '32072' "
	    "AND period = '%s'", month), first + 2);
	/* ... and its receipt says what it replaced, as one that names it would, also when
	 * sent again; the first revision replaced nothing */
	ck_assert_str_eq(xpath(&rd, "string(/r:Receipt/r:Supersedes)", got, sizeof(got)), b_id);
	ck_assert_int_eq(xpath_num(&ra, "count(/r:Receipt/r:Supersedes)"), first > 1);
	{
		struct reply again;

		post(&again, d, strlen(d));
		ck_assert_int_eq(again.status, 200);
		ck_assert_str_eq(again.body.data, rd.body.data);
		reply_free(&again);
	}

	/* resending revisions already stored is harmless, whatever came after them */
	reply_free(&rb);
	post(&rb, b, strlen(b));
	ck_assert_msg(rb.status == 200, "%ld %.1500s", rb.status, rb.body.data);
	ck_assert_int_eq(xpath_num(&rb, "number(/r:Receipt/r:Revision)"), first + 1);
	reply_free(&ra);
	post(&ra, a, strlen(a));
	ck_assert_int_eq(ra.status, 200);
	ck_assert_int_eq(xpath_num(&ra, "number(/r:Receipt/r:Revision)"), first);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE unit_code = '32072' "
	    "AND period = '%s'", month), first + 2);
	reply_free(&ra); reply_free(&rb); reply_free(&rc); reply_free(&rd);
	free(a); free(b0); free(b); free(c0); free(c); free(d);
}
END_TEST

START_TEST(test_supersedes_naming_another_report_is_refused)
{
	char month[16], other[16], a_id[37], b_id[37], sup[128], rule[64];
	char *a, *b0, *b;
	struct reply ra, rb, rc;
	int i;

	unique_month(month, 4);
	unique_month(other, 5);
	a = fresh_commune_report(a_id, other);
	post(&ra, a, strlen(a));
	ck_assert_int_eq(ra.status, 201);
	b0 = fresh_commune_report(b_id, month);
	snprintf(sup, sizeof(sup), "<Supersedes>%s</Supersedes>", a_id);
	b = insert_after_period(b0, sup);
	post(&rb, b, strlen(b));
	ck_assert_int_eq(rb.status, 422);
	ck_assert_str_eq(xpath(&rb, "string(/e:Error/e:Violation/@rule)", rule, sizeof(rule)),
	    "supersedes");
	/* where, in the form every violation has: the start tag's line and column, a path of
	 * positions */
	ck_assert_str_eq(xpath(&rb, "string(/e:Error/e:Violation/@path)", rule, sizeof(rule)),
	    "/ProgressReport/Header[1]/Supersedes[1]");
	ck_assert_int_eq(xpath_num(&rb, "number(/e:Error/e:Violation/@line)"),
	    line_of(b, "<Supersedes>"));
	ck_assert_int_eq(xpath_num(&rb, "number(/e:Error/e:Violation/@column)"),
	    column_of(b, "<Supersedes>"));
	/* with another rule broken too, both are listed: the reference to another report, and
	 * one to a document nobody filed */
	for (i = 0; i < 2; i++) {
		char *t = replace_once(b, "<Resources>", "<Resources total=\"1\">"), *u;

		u = i == 0 ? strdup(t) : replace_once(t, a_id, "99999999-0000-4000-8000-000000000001");
		post(&rc, u, strlen(u));
		ck_assert_msg(rc.status == 422, "%ld %.1500s", rc.status, rc.body.data);
		ck_assert_int_eq(xpath_num(&rc, "count(/e:Error/e:Violation)"), 2);
		ck_assert_int_eq(xpath_num(&rc, "count(/e:Error/e:Violation[@rule='supersedes'])"),
		    1);
		ck_assert_int_eq(xpath_num(&rc, "count(/e:Error/e:Violation[@rule='totals'])"), 1);
		reply_free(&rc);
		free(t);
		free(u);
	}
	reply_free(&ra); reply_free(&rb);
	free(a); free(b0); free(b);
}
END_TEST

/* --- the invalid examples: the service and xmllint agree --- */

struct expect {
	int status;
	char rule[32];
	long violations;	/* -1: not stated */
	long line;		/* -1: not stated */
};

static void
read_expect(const char *path, struct expect *e)
{
	FILE *f = fopen(path, "r");
	char line[128];

	e->status = 0;
	e->rule[0] = '\0';
	e->violations = e->line = -1;
	ck_assert_msg(f != NULL, "no sidecar %s", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "status=", 7) == 0)
			e->status = atoi(line + 7);
		else if (strncmp(line, "rule=", 5) == 0)
			snprintf(e->rule, sizeof(e->rule), "%.31s", line + 5);
		else if (strncmp(line, "violations=", 11) == 0)
			e->violations = atol(line + 11);
		else if (strncmp(line, "line=", 5) == 0)
			e->line = atol(line + 5);
	}
	fclose(f);
}

/* xmllint's own verdict against the XSD the catalogue gives the document's report type
 * (the ProgressReport's for a document of no known type). */
static int
xmllint_accepts(const char *file)
{
	const struct bc_report_type *t = NULL;
	struct bc_catalogue *cat = NULL;
	char cmd[2048], dir[1024], err[256];
	xmlDocPtr doc = xmlReadFile(file, NULL, XML_PARSE_NONET);
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	int rc;

	snprintf(dir, sizeof(dir), "%s/schemas", repo);
	ck_assert_msg(bc_catalogue_load(&cat, dir, err, sizeof(err)) == 0, "%s", err);
	if (root != NULL && root->ns != NULL)
		t = bc_catalogue_type(cat, (const char *)root->ns->href, (const char *)root->name);
	snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet --schema '%s/%s' '%s' >/dev/null 2>&1",
	    dir, t != NULL ? t->xsd : "progress-report-1.xsd", file);
	bc_catalogue_free(cat);
	if (doc != NULL)
		xmlFreeDoc(doc);
	rc = system(cmd);
	return WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
}

START_TEST(test_every_invalid_example_is_answered_as_its_sidecar_says)
{
	char dir[1024], file[1300], side[1300], expr[128], got[256];
	struct dirent *de;
	struct expect e;
	struct reply r;
	size_t len;
	DIR *d;
	int seen = 0;
	long n, i;

	snprintf(dir, sizeof(dir), "%s/schemas/examples/invalid", repo);
	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		char *doc;
		size_t nl = strlen(de->d_name);
		int schema_level;

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".xml") != 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
		snprintf(side, sizeof(side), "%s/%.*s.expect", dir, (int)(nl - 4), de->d_name);
		read_expect(side, &e);
		doc = tc_must_read(file, &len);
		post(&r, doc, len);
		ck_assert_msg(r.status == e.status, "%s: %ld, expected %d: %s", de->d_name,
		    r.status, e.status, r.body.data);
		n = xpath_num(&r, "count(/e:Error/e:Violation)");
		ck_assert_msg(n >= 1, "%s: no violation listed", de->d_name);
		if (e.violations >= 0)
			ck_assert_msg(n == e.violations, "%s: %ld violations, expected %ld: %s",
			    de->d_name, n, e.violations, r.body.data);
		for (i = 1; i <= n; i++) {
			snprintf(expr, sizeof(expr), "string(/e:Error/e:Violation[%ld]/@rule)", i);
			ck_assert_msg(strcmp(xpath(&r, expr, got, sizeof(got)), e.rule) == 0,
			    "%s: violation %ld has rule %s, expected %s", de->d_name, i, got, e.rule);
			snprintf(expr, sizeof(expr), "number(/e:Error/e:Violation[%ld]/@line)", i);
			ck_assert_msg(xpath_num(&r, expr) > 0, "%s: violation %ld has no line",
			    de->d_name, i);
			snprintf(expr, sizeof(expr), "number(/e:Error/e:Violation[%ld]/@column)", i);
			ck_assert_msg(xpath_num(&r, expr) > 0, "%s: violation %ld has no column",
			    de->d_name, i);
		}
		if (e.line >= 0)
			ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation[1]/@line)"), e.line);
		/* an unknown report type is answered with the types that are accepted, each with
		 * the address of its schema */
		if (strcmp(e.rule, "report-type") == 0)
			ck_assert_msg(strstr(r.body.data, "ProgressReport in urn:baocao:ntm:1 "
			    "(/api/v1/schemas/progress-report-1.xsd)") != NULL, "%s: %s", de->d_name,
			    r.body.data);
		schema_level = strcmp(e.rule, "xml") == 0 || strcmp(e.rule, "xsd") == 0 ||
		    strcmp(e.rule, "report-type") == 0;
		ck_assert_msg(xmllint_accepts(file) == !schema_level,
		    "%s: xmllint %s it, the service says rule %s", de->d_name,
		    schema_level ? "accepts" : "rejects", e.rule);
		reply_free(&r);
		free(doc);
		seen++;
	}
	closedir(d);
	ck_assert_int_ge(seen, 5);
}
END_TEST

START_TEST(test_valid_examples_pass_xmllint_too)
{
	char file[1024];

	snprintf(file, sizeof(file), "%s/schemas/examples/%s", repo, valid_examples[_i]);
	ck_assert_msg(xmllint_accepts(file), "xmllint rejects %s", file);
}
END_TEST

START_TEST(test_a_refused_document_leaves_nothing_stored)
{
	char id[37], month[16], *doc, *bad;
	struct reply r;

	unique_month(month, 6);
	doc = fresh_commune_report(id, month);
	bad = replace_element(doc, "PreparedAt", "yesterday");	/* one schema violation */
	post(&r, bad, strlen(bad));
	ck_assert_int_eq(r.status, 422);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'", id), 0);
	reply_free(&r);
	free(doc);
	free(bad);
}
END_TEST

START_TEST(test_a_body_over_the_limit_is_413_as_an_xml_error)
{
	size_t len = (size_t)max_body + 1;
	char *big = malloc(len), code[64];
	struct reply r;

	ck_assert_ptr_nonnull(big);
	memset(big, ' ', len);
	memcpy(big, "<?xml version=\"1.0\"?><a>", 24);
	post_as(&r, token_of("32072"), big, len);
	ck_assert_int_eq(r.status, 413);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", code, sizeof(code)), "too-large");
	reply_free(&r);
	free(big);
}
END_TEST

START_TEST(test_a_body_that_is_not_xml_is_415)
{
	char code[64];
	struct reply r;

	http_as(&r, token_of("32072"), "POST", "/api/v1/submissions", "text/plain", "hello", 5);
	ck_assert_int_eq(r.status, 415);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", code, sizeof(code)),
	    "unsupported-media-type");
	reply_free(&r);
}
END_TEST

START_TEST(test_malformed_xml_is_400_with_line_and_column)
{
	const char *doc = "<?xml version=\"1.0\"?>\n<ProgressReport xmlns=\"urn:baocao:ntm:1\">\n"
	    "  <Header>\n</ProgressReport>\n";
	struct reply r;

	post_as(&r, token_of("32072"), doc, strlen(doc));
	ck_assert_int_eq(r.status, 400);
	ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation[1]/@line)"), 4);
	ck_assert_int_gt(xpath_num(&r, "number(/e:Error/e:Violation[1]/@column)"), 0);
	reply_free(&r);
}
END_TEST

/* An empty body is not-well-formed like any other, at the start, saying it is empty. */
START_TEST(test_an_empty_body_is_400_saying_so)
{
	char msg[256];
	struct reply r;

	post_as(&r, token_of("32072"), "", 0);
	ck_assert_int_eq(r.status, 400);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", msg, sizeof(msg)), "not-well-formed");
	ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation[1]/@line)"), 1);
	ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation[1]/@column)"), 1);
	ck_assert_ptr_nonnull(strstr(xpath(&r, "string(/e:Error/e:Violation[1])", msg,
	    sizeof(msg)), "empty"));
	reply_free(&r);
}
END_TEST

/* A legacy system's Windows-1258 document: accepted, kept byte for byte, and its text
 * stored in composed Unicode (CP1258 writes tones as combining marks). */
START_TEST(test_a_windows_1258_document_is_kept_as_sent_and_read_as_nfc)
{
	char id[37], month[16], *base, *utf8, stored[256], *in, *out, *conv;
	size_t inlen, outlen, cap;
	iconv_t cd;
	struct reply r, g;

	unique_month(month, 7);
	base = fresh_commune_report(id, month);
	utf8 = replace_once(base, "encoding=\"UTF-8\"", "encoding=\"windows-1258\"");
	free(base);
	cd = iconv_open("CP1258", "UTF-8");
	ck_assert(cd != (iconv_t)-1);
	inlen = strlen(utf8);
	cap = outlen = inlen * 2;
	conv = out = malloc(cap);
	in = utf8;
	ck_assert_msg(iconv(cd, &in, &inlen, &out, &outlen) != (size_t)-1, "iconv");
	iconv_close(cd);
	post(&r, conv, cap - outlen);
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	{
		char path[128];

		snprintf(path, sizeof(path), "/api/v1/submissions/%s", id);
		http_as(&g, token_of("32072"), "GET", path, NULL, NULL, 0);
		ck_assert(g.body.len == cap - outlen && memcmp(g.body.data, conv, g.body.len) == 0);
	}
	db_string("SELECT prepared_by FROM submissions WHERE document_id = '%s'", id, stored,
	    sizeof(stored));
	ck_assert_str_eq(stored, "Nguy\xe1\xbb\x85n V\xc4\x83n An");	/* NFC "Nguyễn Văn An" */
	reply_free(&r);
	reply_free(&g);
	free(utf8);
	free(conv);
}
END_TEST

START_TEST(test_unknown_submission_is_404_and_schemas_are_published)
{
	char code[64], path[1024];
	struct reply r, s, t;
	size_t len;
	char *xsd;

	http_as(&r, token_of("32072"), "GET", "/api/v1/submissions/00000000-0000-4000-8000-000000000000",
	    NULL, NULL, 0);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", code, sizeof(code)), "not-found");
	http(&s, "GET", "/api/v1/schemas/progress-report-1.xsd", NULL, NULL, 0);
	ck_assert_int_eq(s.status, 200);
	snprintf(path, sizeof(path), "%s/schemas/progress-report-1.xsd", repo);
	xsd = tc_must_read(path, &len);
	ck_assert(s.body.len == len && memcmp(s.body.data, xsd, len) == 0);
	http(&t, "GET", "/api/v1/schemas/..%2f..%2fMakefile", NULL, NULL, 0);
	ck_assert_int_eq(t.status, 404);
	reply_free(&r); reply_free(&s); reply_free(&t);
	free(xsd);
}
END_TEST

START_TEST(test_health_says_the_database_is_up)
{
	struct reply r;

	http(&r, "GET", "/healthz", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body.data, "<Database>up</Database>"));
	ck_assert_msg(valid_against(&r, "health-1.xsd"), "not valid: %s", r.body.data);
	reply_free(&r);
	/* its schema is published with the others */
	http(&r, "GET", "/api/v1/schemas/health-1.xsd", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body.data, "urn:baocao:health:1"));
	reply_free(&r);
}
END_TEST

START_TEST(test_wrong_method_is_405_naming_the_allowed_one)
{
	char allow[64];
	struct reply r;

	http_as(&r, token_of("32072"), "DELETE", "/api/v1/submissions", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 405);
	ck_assert_str_eq(tc_header(&r.headers, "Allow", allow, sizeof(allow)), "POST, GET, HEAD");
	reply_free(&r);
	http_as(&r, token_of("32072"), "PUT", "/api/v1/ntm", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 405);
	ck_assert_str_eq(tc_header(&r.headers, "Allow", allow, sizeof(allow)), "GET, HEAD");
	reply_free(&r);
}
END_TEST


START_TEST(test_a_killed_worker_is_replaced_and_the_service_keeps_answering)
{
	char pidfile[1024], *slash;
	pid_t sup = 0, before[64], after[64];
	size_t nb, na, i;
	FILE *f;
	int k;

	snprintf(pidfile, sizeof(pidfile), "%s", db_socket);
	slash = strrchr(pidfile, '/');
	ck_assert_ptr_nonnull(slash);
	snprintf(slash + 1, sizeof(pidfile) - (size_t)(slash + 1 - pidfile), "baocao.pid");
	ck_assert_ptr_nonnull(f = fopen(pidfile, "r"));
	ck_assert_int_eq(fscanf(f, "%d", &sup), 1);
	fclose(f);
	nb = tc_workers_of(sup, before, 64);
	ck_assert_int_ge(nb, 1);
	ck_assert_int_eq(kill(before[0], SIGKILL), 0);
	for (k = 0; k < 20; k++) {
		struct reply r;

		http(&r, "GET", "/healthz", NULL, NULL, 0);
		ck_assert_msg(r.status == 200, "request %d after the kill: %ld", k, r.status);
		reply_free(&r);
	}
	for (k = 0; k < 50 && (na = tc_workers_of(sup, after, 64)) != nb; k++)
		usleep(100000);
	ck_assert_int_eq(na, nb);
	for (i = 0; i < na; i++)
		ck_assert_msg(after[i] != before[0], "the killed worker %d is still listed",
		    (int)before[0]);
}
END_TEST

/* --- who may file and read for whom (PROTOCOL.md) --- */

/* A commune monthly report for unit `code`, fresh DocumentId, its own month. */
static char *
report_for(const char *code, char id[37], int salt)
{
	char month[16], attr[64], *doc, *mid, *out;

	unique_month(month, salt);
	doc = fresh_commune_report(id, month);
	snprintf(attr, sizeof(attr), "ReportingUnit code=\"%s\"", code);
	mid = replace_once(doc, "ReportingUnit code=\"32072\"", attr);
	/* a commune reports on its own criteria */
	snprintf(attr, sizeof(attr), "<Commune code=\"%s\">", code);
	out = strlen(code) == 5 ? replace_once(mid, "<Commune code=\"32072\">", attr) : strdup(mid);
	free(doc);
	free(mid);
	return out;
}

/* Content-Type is one value: a document also declared as something else on another line is not
 * known to be XML, whichever line says so; the same type twice is only redundant. */
static const struct {
	const char *line, *sent;	/* the extra line, the one http_via adds after it */
	long status;
} content_type_cases[] = {
	{ "Content-Type: text/plain", "application/xml", 415 },
	{ "Content-Type: application/xml", "text/plain", 415 },
	{ "Content-Type: application/xml", "application/xml", 201 },
	/* the same type with a parameter (not read) is still the same type */
	{ "Content-Type: application/xml; charset=utf-8", "application/xml", 201 },
	{ "Content-Type: text/xml", "application/xml", 415 },
};	/* salts 90-94: keep 95 and on for other tests */

START_TEST(test_content_types_that_disagree_are_415_and_nothing_is_stored)
{
	char auth[128], id[37], got[256], *doc = report_for("32072", id, 90 + _i);
	const char *with_auth[] = { auth, content_type_cases[_i].line, NULL };
	const struct route twice = { base_url, NULL, NULL, with_auth };
	struct reply r;

	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token_of("32072"));
	http_via(&r, &twice, NULL, "POST", "/api/v1/submissions", content_type_cases[_i].sent, doc,
	    strlen(doc));
	ck_assert_msg(r.status == content_type_cases[_i].status, "%s then %s: %ld %s", content_type_cases[_i].line,
	    content_type_cases[_i].sent, r.status, r.body.data);
	if (content_type_cases[_i].status == 415)
		ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", got, sizeof(got)),
		    "unsupported-media-type");
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'",
	    id), content_type_cases[_i].status == 201);
	reply_free(&r);
	free(doc);
}
END_TEST

/* Two Authorization lines name two callers at once; nginx refuses such a request itself
 * (400) before it reaches the service, whichever of the two is valid, and nothing is stored. */
START_TEST(test_two_authorization_lines_are_400_and_nothing_is_stored)
{
	char auth[128], other[128], id[37], *doc = report_for("32072", id, 95);
	const char *twice_auth[] = { auth, other, NULL };
	const struct route twice = { base_url, NULL, NULL, twice_auth };
	struct reply r;

	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token_of("32072"));
	snprintf(other, sizeof(other), "Authorization: Bearer %s",
	    _i == 0 ? token_of("32072") : token_of("32071"));
	http_via(&r, &twice, NULL, "POST", "/api/v1/submissions", "application/xml", doc,
	    strlen(doc));
	ck_assert_msg(r.status == 400, "%s then %s: %ld %s", auth, other, r.status, r.body.data);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'",
	    id), 0);
	reply_free(&r);
	free(doc);
}
END_TEST

START_TEST(test_no_or_unknown_credentials_are_401)
{
	char id[37], *doc = report_for("32072", id, 20), www[128];
	struct reply a, b;

	post_as(&a, NULL, doc, strlen(doc));
	ck_assert_int_eq(a.status, 401);
	ck_assert_str_eq(tc_header(&a.headers, "WWW-Authenticate", www, sizeof(www)), "Bearer realm=\"baocao\"");
	post_as(&b, "0000000000000000000000000000000000000000000000000000000000000000", doc,
	    strlen(doc));
	ck_assert_int_eq(b.status, 401);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'", id), 0);
	reply_free(&a);
	reply_free(&b);
	free(doc);
}
END_TEST

START_TEST(test_a_commune_filing_for_its_neighbour_is_403)
{
	char id[37], *doc = report_for("32071", id, 21), code[64];
	struct reply r;

	post_as(&r, token_of("32072"), doc, strlen(doc));
	ck_assert_int_eq(r.status, 403);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", code, sizeof(code)), "forbidden");
	reply_free(&r);
	free(doc);
}
END_TEST

START_TEST(test_a_granted_district_files_for_its_commune_and_the_receipt_names_both)
{
	char id[37], id2[37], *doc, *other, got[64];
	struct reply r, s;

	ck_assert_int_eq(tc_ctl("grant 967 32072", NULL, 0), 0);
	doc = report_for("32072", id, 22);
	post_as(&r, token_of("967"), doc, strlen(doc));
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:ReportingUnit/@code)", got, sizeof(got)), "32072");
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:FiledBy/@code)", got, sizeof(got)), "967");
	db_string("SELECT filed_by FROM submissions WHERE document_id = '%s'", id, got, sizeof(got));
	ck_assert_str_eq(got, "967");
	/* no grant for the neighbour commune */
	other = report_for("32071", id2, 23);
	post_as(&s, token_of("967"), other, strlen(other));
	ck_assert_int_eq(s.status, 403);
	reply_free(&r);
	reply_free(&s);
	free(doc);
	free(other);
}
END_TEST

START_TEST(test_the_office_files_for_its_province_only)
{
	char id[37], id2[37], *doc = report_for("32071", id, 24), *doc2 = report_for("32071", id2, 25);
	char got[64];
	struct reply r, s;

	post_as(&r, token_of("000.00.30.H12"), doc, strlen(doc));
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:FiledBy/@code)", got, sizeof(got)),
	    "000.00.30.H12");
	/* receipts are numbered per province */
	ck_assert_msg(strncmp(xpath(&r, "string(/r:Receipt/r:ReceiptNumber)", got, sizeof(got)),
	    "96-", 3) == 0, "receipt number %s", got);
	post_as(&s, token_of("000.00.30.H59"), doc2, strlen(doc2));	/* Trà Vinh's office */
	ck_assert_int_eq(s.status, 403);
	reply_free(&r);
	reply_free(&s);
	free(doc);
	free(doc2);
}
END_TEST

START_TEST(test_reading_follows_the_same_lines)
{
	char id[37], *doc = report_for("32072", id, 26), path[128];
	static const struct {
		const char *reader;
		long status;
	} cases[] = {
		{ "32072", 200 }, { "967", 200 }, { "000.00.30.H12", 200 },
		{ "32071", 404 }, { "964", 404 }, { "000.00.30.H59", 404 },
	};
	struct reply r;
	size_t i;

	post(&r, doc, strlen(doc));
	ck_assert_int_eq(r.status, 201);
	reply_free(&r);
	snprintf(path, sizeof(path), "/api/v1/submissions/%s", id);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		http_as(&r, token_of(cases[i].reader), "GET", path, NULL, NULL, 0);
		ck_assert_msg(r.status == cases[i].status, "%s reading: %ld, expected %ld",
		    cases[i].reader, r.status, cases[i].status);
		reply_free(&r);
	}
	free(doc);
}
END_TEST

START_TEST(test_a_revoked_token_is_refused)
{
	char token[80], args[128], id[37], id2[37], *doc = report_for("32072", id, 27);
	char *doc2 = report_for("32072", id2, 28);
	struct reply a, b;

	ck_assert_int_eq(tc_ctl("token issue 32072 to-revoke", token, sizeof(token)), 0);
	post_as(&a, token, doc, strlen(doc));
	ck_assert_int_eq(a.status, 201);
	snprintf(args, sizeof(args), "token revoke %s", token);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	post_as(&b, token, doc2, strlen(doc2));
	ck_assert_int_eq(b.status, 401);
	reply_free(&a);
	reply_free(&b);
	free(doc);
	free(doc2);
}
END_TEST

START_TEST(test_an_unknown_unit_is_422_naming_the_code)
{
	char id[37], *doc = report_for("99999", id, 29), rule[32], msg[256];
	struct reply r;

	post_as(&r, token_of("000.00.30.H12"), doc, strlen(doc));
	ck_assert_int_eq(r.status, 422);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@rule)", rule, sizeof(rule)), "unit");
	ck_assert_ptr_nonnull(strstr(xpath(&r, "string(/e:Error/e:Violation)", msg, sizeof(msg)),
	    "99999"));
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@path)", msg, sizeof(msg)),
	    "/ProgressReport/Header[1]/ReportingUnit[1]/@code");
	ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation/@line)"),
	    line_of(doc, "<ReportingUnit"));
	ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation/@column)"),
	    column_of(doc, "<ReportingUnit"));
	reply_free(&r);
	free(doc);
}
END_TEST

START_TEST(test_a_late_report_is_marked_late_and_an_ad_hoc_one_before_its_due_date_on_time)
{
	char id[37], *late = report_for("32072", id, 30), *base, *adhoc, got[32], req[64], args[256];
	char adhoc_id[37];
	struct reply a, b;

	/* the month of any test run is long past its deadline */
	post(&a, late, strlen(late));
	ck_assert_int_eq(a.status, 201);
	ck_assert_str_eq(xpath(&a, "string(/r:Receipt/r:OnTime)", got, sizeof(got)), "false");
	/* an ad hoc request due in 2099 */
	snprintf(req, sizeof(req), "YC-E2E-%d", (int)getpid());
	snprintf(args, sizeof(args), "request add %s 2099-12-31 'Kiểm tra' 000.00.30.H12 32072", req);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	base = fresh_commune_report(adhoc_id, "2024-03");
	snprintf(args, sizeof(args), "<AdHoc request=\"%s\" asOf=\"2025-10-15\"/>", req);
	adhoc = replace_once(base, "<Month>2024-03</Month>", args);
	post(&b, adhoc, strlen(adhoc));
	ck_assert_msg(b.status == 201, "%ld %.1500s", b.status, b.body.data);
	ck_assert_str_eq(xpath(&b, "string(/r:Receipt/r:OnTime)", got, sizeof(got)), "true");
	ck_assert_str_eq(xpath(&b, "string(/r:Receipt/r:Deadline)", got, sizeof(got)), "2099-12-31");
	reply_free(&a);
	reply_free(&b);
	free(late);
	free(base);
	free(adhoc);
}
END_TEST

/* An ad hoc answer of 32072 to request `code`, as of the day given. */
static void
answer_request_as_of(const char *code, const char *as_of, struct reply *r)
{
	char id[37], form[160], *base = fresh_commune_report(id, "2024-03"), *doc;

	snprintf(form, sizeof(form), "<AdHoc request=\"%s\" asOf=\"%s\"/>", code, as_of);
	doc = replace_once(base, "<Month>2024-03</Month>", form);
	post(r, doc, strlen(doc));
	ck_assert_msg(r->status == 201, "%ld %.1500s", r->status, r->body.data);
	free(base);
	free(doc);
}

static void
answer_request(const char *code, struct reply *r)
{
	answer_request_as_of(code, "2025-01-05", r);
}

/* The state of a unit in a completeness answer, "" when it is not listed. */
static const char *
state_of(const struct reply *r, const char *unit)
{
	static char state[32];
	char expr[128];

	snprintf(expr, sizeof(expr), "string(//*[local-name()='Unit'][@code='%s']/@state)", unit);
	return xpath(r, expr, state, sizeof(state));
}

/* Who has answered an ad hoc request: the units it asks, against its due date. */
/* Without under, each caller gets what it may read: a district its own communes, not a 403
 * for the province it may not read. */
START_TEST(test_under_defaults_to_what_the_caller_reads)
{
	char got[64];
	struct reply d, o;

	http_as(&d, token_of("967"), "GET", "/api/v1/completeness?type=ProgressReport&"
	    "period=2024-03", NULL, NULL, 0);
	ck_assert_msg(d.status == 200, "%ld %.1000s", d.status, d.body.data);
	ck_assert_str_eq(xpath(&d, "string(/*/@under)", got, sizeof(got)), "967");
	ck_assert_int_gt(xpath_num(&d, "count(//*[local-name()='Unit'][@parent='967'])"), 0);
	ck_assert_int_eq(xpath_num(&d, "count(//*[local-name()='Unit'][@parent!='967' and "
	    "@code!='967'])"), 0);
	http_as(&o, token_of("000.00.30.H12"), "GET", "/api/v1/completeness?type=ProgressReport&"
	    "period=2024-03", NULL, NULL, 0);
	ck_assert_int_eq(o.status, 200);
	ck_assert_str_eq(xpath(&o, "string(/*/@under)", got, sizeof(got)), "96");
	reply_free(&d);
	reply_free(&o);
}
END_TEST

START_TEST(test_completeness_of_an_ad_hoc_request_lists_the_units_it_asks)
{
	char ahead[64], past[64], args[256], path[256], got[64];
	struct reply a, b, open, closed, unknown, hidden, page, district;
	const char *office = token_of("000.00.30.H12");
	int i;

	snprintf(ahead, sizeof(ahead), "YC-AHEAD-%d", (int)getpid());
	snprintf(past, sizeof(past), "YC-PAST-%d", (int)getpid());
	snprintf(args, sizeof(args), "request add %s 2099-12-31 'Hỏi' 000.00.30.H12 32072 32071 "
	    "967", ahead);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	snprintf(args, sizeof(args), "request add %s 2025-01-10 'Hỏi' 000.00.30.H12 32072 32071",
	    past);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	answer_request(ahead, &a);
	answer_request(past, &b);

	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s", ahead);
	http_as(&open, office, "GET", path, NULL, NULL, 0);
	ck_assert_msg(open.status == 200, "%ld %.1500s", open.status, open.body.data);
	ck_assert_msg(valid_against(&open, "completeness-1.xsd"), "%.1500s", open.body.data);
	ck_assert_int_eq(xpath_num(&open, "count(//*[local-name()='Unit'])"), 3);
	ck_assert_str_eq(state_of(&open, "32072"), "on-time");
	ck_assert_str_eq(state_of(&open, "32071"), "not-due");
	ck_assert_str_eq(state_of(&open, "967"), "not-due");
	ck_assert_str_eq(xpath(&open, "string(//*[local-name()='Unit'][@code='32072']/@deadline)",
	    got, sizeof(got)), "2099-12-31");
	ck_assert_str_eq(xpath(&open, "string(//*[local-name()='Unit'][@code='32072']/@documentId)",
	    got, sizeof(got)), xpath(&a, "string(/r:Receipt/r:DocumentId)", args, sizeof(args)));

	/* a request is its own period, and answered with the types units file ad hoc */
	{
		static const struct {
			const char *query, *path;
		} wrong[] = {
			{ "type=ProgressReport&period=2025-Q1&request=%s", "?period" },
			{ "type=ProgressReport&cadence=monthly&request=%s", "?cadence" },
			{ "type=EmulationReport&request=%s", "?type" },
		};
		struct reply w;
		size_t k;

		for (k = 0; k < sizeof(wrong) / sizeof(wrong[0]); k++) {
			strcpy(path, "/api/v1/completeness?");
			snprintf(path + strlen(path), sizeof(path) - strlen(path), wrong[k].query,
			    ahead);
			http_as(&w, office, "GET", path, NULL, NULL, 0);
			ck_assert_msg(w.status == 422, "%s: %ld %.1500s", path, w.status, w.body.data);
			ck_assert_str_eq(xpath(&w, "string(/e:Error/e:Violation/@path)", got,
			    sizeof(got)), wrong[k].path);
			reply_free(&w);
		}
	}
	/* the page of the request drills down to a district's page of the same request */
	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s"
	    "&format=html", ahead);
	http_as(&page, office, "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(page.status, 200);
	snprintf(args, sizeof(args), "<a href=\"?type=ProgressReport&amp;request=%s&amp;"
	    "under=967&amp;format=html\">", ahead);
	ck_assert_msg(strstr(page.body.data, args) != NULL, "no link %s in %.3000s", args,
	    page.body.data);
	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s"
	    "&under=967&format=html", ahead);
	http_as(&district, office, "GET", path, NULL, NULL, 0);
	ck_assert_msg(district.status == 200, "%ld %.1500s", district.status, district.body.data);
	ck_assert_ptr_nonnull(strstr(district.body.data, "<td>32071</td>"));
	ck_assert_ptr_nonnull(strstr(district.body.data, "<td>32072</td>"));

	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s", past);
	http_as(&closed, office, "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(closed.status, 200);
	ck_assert_int_eq(xpath_num(&closed, "count(//*[local-name()='Unit'])"), 2);
	ck_assert_str_eq(state_of(&closed, "32072"), "late");
	ck_assert_str_eq(state_of(&closed, "32071"), "missing");

	http_as(&unknown, office, "GET", "/api/v1/completeness?type=ProgressReport&request=YC-NONE",
	    NULL, NULL, 0);
	ck_assert_int_eq(unknown.status, 422);
	ck_assert_str_eq(xpath(&unknown, "string(/e:Error/e:Violation/@path)", got, sizeof(got)),
	    "?request");
	/* to another province's office and to a unit not asked, the request does not exist:
	 * the same answer as for YC-NONE, nothing of its due date or its units */
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s",
		    ahead);
		http_as(&hidden, token_of(i == 0 ? "000.00.30.H59" : "000.00.12.H12"), "GET", path,
		    NULL, NULL, 0);
		ck_assert_msg(hidden.status == 422, "%ld %.1500s", hidden.status, hidden.body.data);
		ck_assert_str_eq(xpath(&hidden, "string(/e:Error/e:Violation/@path)", got,
		    sizeof(got)), "?request");
		ck_assert_ptr_null(strstr(hidden.body.data, "2099"));
		reply_free(&hidden);
	}
	reply_free(&a); reply_free(&b); reply_free(&open); reply_free(&closed);
	reply_free(&unknown); reply_free(&page); reply_free(&district);
}
END_TEST

/* A unit's further answers to one request are its revisions, whatever day each is as of. */
START_TEST(test_a_second_answer_to_a_request_is_its_revision)
{
	char code[64], args[160], first[37], second[37], got[64], path[160];
	struct reply a, b, c, r[2];
	int i;

	snprintf(code, sizeof(code), "YC-REV-%d", (int)getpid());
	snprintf(args, sizeof(args), "request add %s 2099-12-31 'Hỏi' 000.00.30.H12 32072", code);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	answer_request_as_of(code, "2025-01-05", &a);
	answer_request_as_of(code, "2025-01-09", &b);
	xpath(&a, "string(/r:Receipt/r:DocumentId)", first, sizeof(first));
	xpath(&b, "string(/r:Receipt/r:DocumentId)", second, sizeof(second));
	ck_assert_str_eq(xpath(&a, "string(/r:Receipt/r:Revision)", got, sizeof(got)), "1");
	ck_assert_str_eq(xpath(&b, "string(/r:Receipt/r:Revision)", got, sizeof(got)), "2");
	ck_assert_str_eq(xpath(&b, "string(/r:Receipt/r:Supersedes)", got, sizeof(got)), first);
	/* an answer as of yet another day may name the newest answer it replaces; naming the
	 * first one instead is stale */
	for (i = 0; i < 2; i++) {
		char id[37], form[160], sup[64], *base = fresh_commune_report(id, "2024-03"), *d0, *d;

		snprintf(form, sizeof(form), "<AdHoc request=\"%s\" asOf=\"2025-01-1%d\"/>", code,
		    (int)i);
		snprintf(sup, sizeof(sup), "<Supersedes>%s</Supersedes>", i == 0 ? first : second);
		d0 = replace_once(base, "<Month>2024-03</Month>", form);
		d = insert_after_period(d0, sup);
		post(&r[i], d, strlen(d));
		free(base); free(d0); free(d);
	}
	ck_assert_msg(r[0].status == 409, "%ld %.1500s", r[0].status, r[0].body.data);
	ck_assert_msg(r[1].status == 201, "%ld %.1500s", r[1].status, r[1].body.data);
	ck_assert_str_eq(xpath(&r[1], "string(/r:Receipt/r:Revision)", got, sizeof(got)), "3");
	xpath(&r[1], "string(/r:Receipt/r:DocumentId)", second, sizeof(second));
	/* completeness shows the newest answer */
	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s", code);
	http_as(&c, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(c.status == 200, "%ld %.1500s", c.status, c.body.data);
	ck_assert_str_eq(xpath(&c, "string(//*[local-name()='Unit'][@code='32072']/@documentId)",
	    got, sizeof(got)), second);
	reply_free(&a); reply_free(&b); reply_free(&c); reply_free(&r[0]); reply_free(&r[1]);
}
END_TEST

START_TEST(test_an_ad_hoc_report_without_a_request_for_its_unit_is_422)
{
	char id[37], *base = fresh_commune_report(id, "2024-03"), *doc, rule[32];
	struct reply r;

	doc = replace_once(base, "<Month>2024-03</Month>",
	    "<AdHoc request=\"YC-NOBODY-ASKED\" asOf=\"2025-10-15\"/>");
	post(&r, doc, strlen(doc));
	ck_assert_int_eq(r.status, 422);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@rule)", rule, sizeof(rule)),
	    "adhoc-request");
	reply_free(&r);
	free(base);
	free(doc);
}
END_TEST

/* A department (as the office and the Front) reports on communes of its own province: one the
 * registry does not know, or of another province, is refused and nothing is stored. */
START_TEST(test_a_department_reports_on_communes_of_its_province_only)
{
	static const struct {
		const char *commune;
		long status;
	} cases[] = {
		{ "99999", 422 },	/* no such commune */
		{ "29236", 422 },	/* a commune of Trà Vinh */
		{ "32065", 201 },	/* Cà Mau's, as the example has it */
	};
	char id[37], attr[64], rule[32], message[512], *base, *a, *doc;
	struct reply r;
	size_t len;

	base = example("department-quarterly.xml", &len);
	tc_new_uuid(id);
	a = replace_element(base, "DocumentId", id);
	snprintf(attr, sizeof(attr), "<Commune code=\"%s\">", cases[_i].commune);
	doc = replace_once(a, "<Commune code=\"32065\">", attr);
	post(&r, doc, strlen(doc));
	ck_assert_msg(r.status == cases[_i].status, "%s: %ld %.1500s", cases[_i].commune,
	    r.status, r.body.data);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'",
	    id), cases[_i].status == 201);
	if (cases[_i].status == 422) {
		ck_assert_int_eq(xpath_num(&r, "count(/e:Error/e:Violation)"), 1);
		ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@rule)", rule,
		    sizeof(rule)), "district-communes");
		xpath(&r, "string(/e:Error/e:Violation)", message, sizeof(message));
		ck_assert_msg(strstr(message, cases[_i].commune) != NULL &&
		    strstr(message, "province 96") != NULL, "%s", message);
		/* at the code that is wrong */
		ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@path)", message,
		    sizeof(message)), "/ProgressReport/Criteria[1]/Commune[1]/@code");
		ck_assert_int_eq(xpath_num(&r, "number(/e:Error/e:Violation/@line)"),
		    line_of(doc, attr));
	}
	reply_free(&r);
	free(base); free(a); free(doc);
}
END_TEST

START_TEST(test_a_unit_merged_away_cannot_file_for_a_period_after_its_end)
{
	char id[37], *base = report_for("99902", id, 31), *doc, *ok, rule[32], id2[37];
	struct reply r, s;

	doc = replace_element(base, "Month", "2025-09");
	post(&r, doc, strlen(doc));
	ck_assert_int_eq(r.status, 422);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@rule)", rule, sizeof(rule)),
	    "unit-validity");
	/* its reports for a period when it still existed are accepted */
	tc_new_uuid(id2);
	ok = replace_element(doc, "Month", "2025-06");
	free(doc);
	doc = replace_element(ok, "DocumentId", id2);
	post(&s, doc, strlen(doc));
	ck_assert_msg(s.status == 201, "%ld %.1500s", s.status, s.body.data);
	reply_free(&r);
	reply_free(&s);
	free(base);
	free(doc);
	free(ok);
}
END_TEST

static const char request_subject[] = "Báo cáo nhanh tiêu chí 17";

static char *
request_doc(const char *code, const char *subject, const char *units)
{
	struct bc_buf b = { 0 };

	bc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<AdHocRequest xmlns=\"urn:baocao:request:1\"><Code>%s</Code>"
	    "<Subject>%s</Subject><Due>2099-06-30</Due>"
	    "<Units>%s</Units></AdHocRequest>\n", code, subject, units);
	return b.data;
}

START_TEST(test_the_office_registers_an_ad_hoc_request_over_http)
{
	char code[32], id[37], *req, *other, *base, *doc, period[128], got[64], loc[2][128];
	struct reply a, b, c, d, e, f;
	/* the same request sent again (a retry after a lost answer), its units in another order,
	 * is a replay; one unit more, one less, another subject or due date is a conflict */
	static const struct {
		const char *units, *subject, *due;
	} changed[] = {
		{ "<Unit code=\"32072\"/><Unit code=\"967\"/><Unit code=\"32071\"/>", request_subject,
		  "2099-06-30" },
		{ "<Unit code=\"32072\"/>", request_subject, "2099-06-30" },
		{ "<Unit code=\"967\"/><Unit code=\"32072\"/>", "Báo cáo nhanh tiêu chí 18",
		  "2099-06-30" },
		{ "<Unit code=\"967\"/><Unit code=\"32072\"/>", request_subject, "2099-06-29" },
	};
	size_t i;

	snprintf(code, sizeof(code), "YC-HTTP-%d", (int)getpid());
	req = request_doc(code, request_subject, "<Unit code=\"32072\"/><Unit code=\"967\"/>");
	http_as(&a, token_of("32072"), "POST", "/api/v1/requests", "application/xml", req,
	    strlen(req));
	ck_assert_int_eq(a.status, 403);
	http_as(&b, token_of("000.00.30.H12"), "POST", "/api/v1/requests", "application/xml",
	    req, strlen(req));
	ck_assert_msg(b.status == 201, "%ld %.1500s", b.status, b.body.data);
	free(req);
	/* the subject decomposed (NFD), as a legacy system may send it: the store keeps NFC */
	req = request_doc(code, "Ba\xcc\x81o ca\xcc\x81o nhanh tie\xcc\x82u chi\xcc\x81 17",
	    "<Unit code=\"967\"/><Unit code=\"32072\"/>");
	http_as(&c, token_of("000.00.30.H12"), "POST", "/api/v1/requests", "application/xml",
	    req, strlen(req));
	ck_assert_msg(c.status == 200, "%ld %.1500s", c.status, c.body.data);
	ck_assert_str_eq(c.body.data, b.body.data);
	ck_assert_str_eq(tc_header(&c.headers, "Location", loc[1], sizeof(loc[1])),
	    tc_header(&b.headers, "Location", loc[0], sizeof(loc[0])));
	for (i = 0; i < sizeof(changed) / sizeof(changed[0]); i++) {
		char *q = request_doc(code, changed[i].subject, changed[i].units);
		char *dated = replace_once(q, "2099-06-30", changed[i].due);

		http_as(&f, token_of("000.00.30.H12"), "POST", "/api/v1/requests",
		    "application/xml", dated, strlen(dated));
		ck_assert_msg(f.status == 409, "change %zu: %ld %.1500s", i, f.status, f.body.data);
		ck_assert_ptr_nonnull(strstr(f.body.data, "Another request is registered"));
		reply_free(&f);
		free(q);
		free(dated);
	}
	/* a unit of Trà Vinh is not the Cà Mau office's to ask */
	snprintf(got, sizeof(got), "%s-TV", code);
	other = request_doc(got, request_subject, "<Unit code=\"84\"/>");
	http_as(&d, token_of("000.00.30.H12"), "POST", "/api/v1/requests", "application/xml",
	    other, strlen(other));
	ck_assert_int_eq(d.status, 422);
	/* and the commune can answer the request it was sent */
	base = fresh_commune_report(id, "2024-03");
	snprintf(period, sizeof(period), "<AdHoc request=\"%s\" asOf=\"2025-10-15\"/>", code);
	doc = replace_once(base, "<Month>2024-03</Month>", period);
	post(&e, doc, strlen(doc));
	ck_assert_msg(e.status == 201, "%ld %.1500s", e.status, e.body.data);
	ck_assert_str_eq(xpath(&e, "string(/r:Receipt/r:Deadline)", got, sizeof(got)), "2099-06-30");
	reply_free(&a); reply_free(&b); reply_free(&c); reply_free(&d); reply_free(&e);
	free(req); free(other); free(base); free(doc);
}
END_TEST

/* Every unit a registration cannot ask is a violation of its own at its code, with its line:
 * the office learns of all at once. */
START_TEST(test_every_unit_a_request_cannot_ask_is_named)
{
	static const char *const bad[] = { "97902", "97", "97999" };	/* merged, province, none */
	char code[64], expr[128], got[128], path[128], *req;
	struct reply r;
	size_t i;

	snprintf(code, sizeof(code), "YC-ALL-%d", (int)getpid());
	req = request_doc(code, request_subject, "<Unit code=\"97902\"/>\n<Unit code=\"97\"/>\n"
	    "<Unit code=\"97999\"/>\n<Unit code=\"97901\"/>");
	http_as(&r, token_of("000.00.30.H97"), "POST", "/api/v1/requests", "application/xml", req,
	    strlen(req));
	ck_assert_msg(r.status == 422, "%ld %.1500s", r.status, r.body.data);
	ck_assert_int_eq(xpath_num(&r, "count(/e:Error/e:Violation)"), 3);
	for (i = 0; i < 3; i++) {
		snprintf(expr, sizeof(expr), "string(/e:Error/e:Violation[%zu]/@path)", i + 1);
		snprintf(got, sizeof(got), "/AdHocRequest/Units[1]/Unit[%zu]/@code", i + 1);
		ck_assert_str_eq(xpath(&r, expr, path, sizeof(path)), got);
		snprintf(expr, sizeof(expr), "number(/e:Error/e:Violation[%zu]/@line)", i + 1);
		snprintf(got, sizeof(got), "<Unit code=\"%s\"/>", bad[i]);
		ck_assert_int_eq(xpath_num(&r, expr), line_of(req, got));
		snprintf(expr, sizeof(expr), "string(/e:Error/e:Violation[%zu])", i + 1);
		ck_assert_ptr_nonnull(strstr(xpath(&r, expr, got, sizeof(got)), bad[i]));
	}
	reply_free(&r);
	free(req);
	/* baocaoctl says the same, each unit in its one line of refusal */
	{
		struct bc_buf out = { 0 };
		char args[256];

		snprintf(args, sizeof(args), "request add %s-CTL 2099-06-30 'Hỏi' 000.00.30.H97 "
		    "97902 97 97999 97901 2>&1", code);
		ck_assert_int_ne(tc_ctl_all(args, &out), 0);
		ck_assert_msg(out.data != NULL && strstr(out.data, "unit 1: unit 97902 does not exist") &&
		    strstr(out.data, "unit 2: 97 is a province") && strstr(out.data, "unit 3: no unit "
		    "97999"), "%s", out.data != NULL ? out.data : "");
		bc_buf_free(&out);
	}
}
END_TEST

/* An ad hoc answer of the fixture commune 97901 (formed on 2025-07-01) to `code`, as of the
 * day given. */
static void
answer_as_new_commune(const char *code, const char *as_of, char id[37], struct reply *r)
{
	char form[160], *base = fresh_commune_report(id, "2024-03"), *a, *b, *doc;

	snprintf(form, sizeof(form), "<AdHoc request=\"%s\" asOf=\"%s\"/>", code, as_of);
	a = replace_once(base, "<Month>2024-03</Month>", form);
	b = replace_once(a, "ReportingUnit code=\"32072\"", "ReportingUnit code=\"97901\"");
	doc = replace_once(b, "<Commune code=\"32072\">", "<Commune code=\"97901\">");
	post(r, doc, strlen(doc));
	free(base); free(a); free(b); free(doc);
}

/* An ad hoc answer states how things stand on its as-of day: a commune formed by a merger on
 * 1 July answers a request as of October (it did not exist on 1 January), and is expected to;
 * as of a day before it existed it cannot answer. */
START_TEST(test_a_commune_formed_mid_year_answers_an_ad_hoc_request)
{
	char code[64], args[200], id[37], got[64], path[200];
	struct reply ok, before, c;

	snprintf(code, sizeof(code), "YC-NEW-%d", (int)getpid());
	snprintf(args, sizeof(args), "request add %s 2099-06-30 'Hỏi' 000.00.30.H97 97901", code);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	answer_as_new_commune(code, "2025-10-15", id, &ok);
	ck_assert_msg(ok.status == 201, "%ld %.1500s", ok.status, ok.body.data);
	answer_as_new_commune(code, "2025-06-15", id, &before);
	ck_assert_msg(before.status == 422, "%ld %.1500s", before.status, before.body.data);
	ck_assert_str_eq(xpath(&before, "string(/e:Error/e:Violation/@rule)", got, sizeof(got)),
	    "unit-validity");
	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&request=%s", code);
	http_as(&c, token_of("000.00.30.H97"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(c.status == 200, "%ld %.1500s", c.status, c.body.data);
	ck_assert_int_eq(xpath_num(&c, "count(//*[local-name()='Unit'])"), 1);
	ck_assert_str_eq(state_of(&c, "97901"), "on-time");
	reply_free(&ok); reply_free(&before); reply_free(&c);
}
END_TEST

/* A request asks units that can answer it: not a province (its office files for it), not a
 * commune merged away before the due date (its successor is the one to ask). Refused as the
 * registration's own violation, and nothing registered. */
START_TEST(test_a_request_to_a_unit_that_cannot_answer_is_refused)
{
	static const struct {
		const char *unit, *said;
	} cases[] = {
		{ "97", "province" },
		{ "97902", "merged into 97901" },
	};
	char code[64], rule[32], message[512], sql[160], count[16], *req;
	struct reply r;

	snprintf(code, sizeof(code), "YC-CANNOT-%d-%d", (int)getpid(), _i);
	snprintf(message, sizeof(message), "<Unit code=\"97901\"/><Unit code=\"%s\"/>",
	    cases[_i].unit);
	req = request_doc(code, request_subject, message);
	http_as(&r, token_of("000.00.30.H97"), "POST", "/api/v1/requests", "application/xml", req,
	    strlen(req));
	ck_assert_msg(r.status == 422, "%s: %ld %.1500s", cases[_i].unit, r.status, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@rule)", rule, sizeof(rule)),
	    "request");
	xpath(&r, "string(/e:Error/e:Violation)", message, sizeof(message));
	ck_assert_msg(strstr(message, cases[_i].said) != NULL, "%s: %s", cases[_i].unit, message);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM adhoc_requests WHERE code = '%s'", code);
	tc_query_text(NULL, sql, count, sizeof(count));
	ck_assert_str_eq(count, "0");
	reply_free(&r);
	free(req);
}
END_TEST

/* A unit's answers to one request are one report in its history: together, the newest revision
 * first, whatever day each is as of, and period=adhoc:CODE lists them all. Here revision 2 is
 * as of an earlier day than revision 1, and another request's answer falls between them. */
START_TEST(test_the_answers_to_one_request_stay_together_in_the_history)
{
	char one[64], other[64], args[200], path[200], expr[128], got[128], id[3][37];
	struct reply a, b, c, all, only;
	int i, n, first = 0;

	snprintf(one, sizeof(one), "YC-HIST-%d", (int)getpid());
	snprintf(other, sizeof(other), "YC-HIST-%d-B", (int)getpid());
	snprintf(args, sizeof(args), "request add %s 2099-06-30 'Hỏi' 000.00.30.H12 32072", one);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	snprintf(args, sizeof(args), "request add %s 2099-06-30 'Hỏi' 000.00.30.H12 32072", other);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	answer_request_as_of(one, "2025-03-10", &a);
	answer_request_as_of(other, "2025-03-05", &b);
	answer_request_as_of(one, "2025-03-01", &c);
	xpath(&a, "string(/r:Receipt/r:DocumentId)", id[0], sizeof(id[0]));
	xpath(&b, "string(/r:Receipt/r:DocumentId)", id[1], sizeof(id[1]));
	xpath(&c, "string(/r:Receipt/r:DocumentId)", id[2], sizeof(id[2]));
	ck_assert_str_eq(xpath(&c, "string(/r:Receipt/r:Revision)", got, sizeof(got)), "2");

	http_as(&all, token_of("32072"), "GET", "/api/v1/submissions?type=ProgressReport", NULL,
	    NULL, 0);
	ck_assert_int_eq(all.status, 200);
	n = (int)xpath_num(&all, "count(/r:Submissions/r:Receipt)");
	for (i = 1; i <= n && first == 0; i++) {
		snprintf(expr, sizeof(expr), "string(/r:Submissions/r:Receipt[%d]/r:DocumentId)", i);
		if (strcmp(xpath(&all, expr, got, sizeof(got)), id[2]) == 0)
			first = i;
	}
	ck_assert_msg(first > 0, "revision 2 not listed: %.2000s", all.body.data);
	snprintf(expr, sizeof(expr), "string(/r:Submissions/r:Receipt[%d]/r:DocumentId)",
	    first + 1);
	ck_assert_msg(strcmp(xpath(&all, expr, got, sizeof(got)), id[0]) == 0,
	    "after revision 2 comes %s, not revision 1 %s", got, id[0]);

	snprintf(path, sizeof(path), "/api/v1/submissions?period=adhoc:%s", one);
	http_as(&only, token_of("32072"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(only.status == 200, "%ld %.1500s", only.status, only.body.data);
	ck_assert_int_eq(xpath_num(&only, "count(/r:Submissions/r:Receipt)"), 2);
	ck_assert_str_eq(xpath(&only, "string(/r:Submissions/r:Receipt[1]/r:DocumentId)", got,
	    sizeof(got)), id[2]);
	ck_assert_str_eq(xpath(&only, "string(/r:Submissions/r:Receipt[2]/r:DocumentId)", got,
	    sizeof(got)), id[0]);
	reply_free(&a); reply_free(&b); reply_free(&c); reply_free(&all); reply_free(&only);
}
END_TEST

/* The office registers a request (its code with a '/', as Vietnamese document numbers have;
 * the subject decomposed, NFD; the units not in order): the 201 into out, its Location. */
static void
register_over_http(struct reply *out, char code[64], char location[128])
{
	char id[37], *req;

	tc_new_uuid(id);
	snprintf(code, 64, "YC-GET/%s", id);
	req = request_doc(code, "Ba\xcc\x81o ca\xcc\x81o nhanh",
	    "<Unit code=\"967\"/><Unit code=\"000.00.12.H12\"/><Unit code=\"32072\"/>");
	http_as(out, token_of("000.00.30.H12"), "POST", "/api/v1/requests", "application/xml", req,
	    strlen(req));
	ck_assert_msg(out->status == 201, "%ld %.1500s", out->status, out->body.data);
	tc_header(&out->headers, "Location", location, 128);
	free(req);
}

#define REQ_PATH(leaf) "/*[local-name()='AdHocRequest']/*[local-name()='" leaf "']"

/* A code is a path segment of its Location: one that the way there would change ("//" merged,
 * "/./" and "/../" resolved, a trailing '/') is refused by the schema, and not registered. */
START_TEST(test_a_request_code_its_url_would_change_is_refused)
{
	static const char *const forms[] = { "YC//%d", "YC/./%d", "YC/../%d", "YC-%d/" };
	char code[64], path[64], rule[16], sql[160], count[16];
	struct reply r;
	size_t i;
	char *req;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(code, sizeof(code), forms[i], (int)getpid());
		req = request_doc(code, request_subject, "<Unit code=\"32072\"/>");
		http_as(&r, token_of("000.00.30.H12"), "POST", "/api/v1/requests",
		    "application/xml", req, strlen(req));
		ck_assert_msg(r.status == 422, "%s: %ld %.1500s", code, r.status, r.body.data);
		ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@rule)", rule,
		    sizeof(rule)), "xsd");
		ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@path)", path,
		    sizeof(path)), "/AdHocRequest/Code[1]");
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM adhoc_requests WHERE code = '%s'",
		    code);
		tc_query_text(NULL, sql, count, sizeof(count));
		ck_assert_str_eq(count, "0");
		reply_free(&r);
		free(req);
	}
}
END_TEST

START_TEST(test_the_office_reads_the_request_it_registered_at_its_location)
{
	char code[64], location[128], want[160], got[256], stored[256], sql[256];
	struct reply post, get;

	register_over_http(&post, code, location);
	snprintf(want, sizeof(want), "/api/v1/requests/%s", code);
	ck_assert_str_eq(location, want);
	http_as(&get, token_of("000.00.30.H12"), "GET", location, NULL, NULL, 0);
	ck_assert_msg(get.status == 200, "%ld %.1500s", get.status, get.body.data);
	ck_assert_msg(get.body.len == post.body.len &&
	    memcmp(get.body.data, post.body.data, post.body.len) == 0,
	    "GET answered\n%s\nPOST answered\n%s", get.body.data, post.body.data);
	ck_assert_msg(valid_against(&get, "request-1.xsd"), "not valid: %.1500s", get.body.data);
	/* both answers show the request as registered: the subject as stored (NFC), the units
	 * by code */
	snprintf(sql, sizeof(sql), "SELECT subject FROM adhoc_requests WHERE code = '%s'", code);
	tc_query_text(NULL, sql, stored, sizeof(stored));
	ck_assert_str_eq(stored, "B\xc3\xa1o c\xc3\xa1o nhanh");
	ck_assert_str_eq(xpath(&get, "string(" REQ_PATH("Subject") ")", got, sizeof(got)), stored);
	ck_assert_str_eq(xpath(&get, "string(" REQ_PATH("Code") ")", got, sizeof(got)), code);
	ck_assert_str_eq(xpath(&get, "string(" REQ_PATH("Due") ")", got, sizeof(got)), "2099-06-30");
	ck_assert_int_eq(xpath_num(&get, "count(" REQ_PATH("Units") "/*)"), 3);
	ck_assert_str_eq(xpath(&get, "string(" REQ_PATH("Units") "/*[1]/@code)", got, sizeof(got)),
	    "000.00.12.H12");
	ck_assert_str_eq(xpath(&get, "string(" REQ_PATH("Units") "/*[3]/@code)", got, sizeof(got)),
	    "967");
	reply_free(&post);
	reply_free(&get);
}
END_TEST

/* Who is not asked, not the office of the request's province and not a national reader (the
 * test stack names Bình Phước's office one), is answered as for a request that does not
 * exist. */
START_TEST(test_a_unit_asked_reads_the_request_and_nobody_else_does)
{
	static const char *const asked[] = { "32072", "967", "000.00.12.H12", "000.00.30.H10" };
	static const char *const not_asked[] = {
		"32071",		/* the neighbour of a commune asked */
		"964",			/* another district of the province */
		"000.00.30.H59",	/* the office of another province */
	};
	char code[64], location[128], unknown[160], errcode[32], www[64];
	struct reply post, r;
	size_t i;

	register_over_http(&post, code, location);
	for (i = 0; i < sizeof(asked) / sizeof(asked[0]); i++) {
		http_as(&r, token_of(asked[i]), "GET", location, NULL, NULL, 0);
		ck_assert_msg(r.status == 200, "%s: %ld %.1500s", asked[i], r.status, r.body.data);
		ck_assert_msg(r.body.len == post.body.len &&
		    memcmp(r.body.data, post.body.data, post.body.len) == 0, "%s read\n%s", asked[i],
		    r.body.data);
		reply_free(&r);
	}
	for (i = 0; i < sizeof(not_asked) / sizeof(not_asked[0]); i++) {
		http_as(&r, token_of(not_asked[i]), "GET", location, NULL, NULL, 0);
		ck_assert_msg(r.status == 404, "%s: %ld %.1500s", not_asked[i], r.status,
		    r.body.data);
		ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", errcode, sizeof(errcode)),
		    "not-found");
		ck_assert_ptr_null(strstr(r.body.data, "nhanh"));
		reply_free(&r);
	}
	/* a code nobody registered, asked by the office */
	snprintf(unknown, sizeof(unknown), "%s-NONE", location);
	http_as(&r, token_of("000.00.30.H12"), "GET", unknown, NULL, NULL, 0);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Code)", errcode, sizeof(errcode)), "not-found");
	reply_free(&r);
	/* no credentials at all */
	http(&r, "GET", location, NULL, NULL, 0);
	ck_assert_int_eq(r.status, 401);
	ck_assert_str_eq(tc_header(&r.headers, "WWW-Authenticate", www, sizeof(www)),
	    "Bearer realm=\"baocao\"");
	reply_free(&r);
	/* the collection lists requests and registers them; nothing else */
	http_as(&r, token_of("000.00.30.H12"), "DELETE", "/api/v1/requests", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 405);
	ck_assert_str_eq(tc_header(&r.headers, "Allow", www, sizeof(www)), "POST, GET, HEAD");
	reply_free(&r);
	reply_free(&post);
}
END_TEST

#define LIST_REQ "/*[local-name()='Requests']/*[local-name()='Request']"

/* The index of the request with that code in a Requests list (from 1), 0 when absent. */
static int
listed_at(const struct reply *r, const char *code)
{
	char expr[256], got[128];
	int i, n = (int)xpath_num(r, "count(" LIST_REQ ")");

	for (i = 1; i <= n; i++) {
		snprintf(expr, sizeof(expr), "string(" LIST_REQ "[%d]/*[local-name()='Code'])", i);
		if (strcmp(xpath(r, expr, got, sizeof(got)), code) == 0)
			return i;
	}
	return 0;
}

/* One attribute of the i-th request of a list: of the Request itself, or of its Units. */
static const char *
listed_attr(const struct reply *r, int i, const char *attr, char *buf, size_t size)
{
	char expr[256];

	if (strcmp(attr, "asked") == 0 || strcmp(attr, "answered") == 0)
		snprintf(expr, sizeof(expr), "string(" LIST_REQ "[%d]/*[local-name()='Units']/@%s)",
		    i, attr);
	else
		snprintf(expr, sizeof(expr), "string(" LIST_REQ "[%d]/@%s)", i, attr);
	return xpath(r, expr, buf, size);
}

/* GET /api/v1/requests: each reader sees what concerns it without a code in hand: the office
 * its province's requests with how many units answered, a unit asked whether it has answered,
 * a national reader everything; nobody else sees the request. The latest due date first. */
START_TEST(test_the_requests_list_shows_each_reader_what_concerns_it)
{
	static const struct {
		const char *reader, *answered_by_caller;	/* NULL: not listed; "": no attribute */
	} readers[] = {
		{ "000.00.30.H12", "" },	/* the office that registered it */
		{ "000.00.30.H10", "" },	/* a national reader */
		{ "32072", "true" },		/* asked, and answered below */
		{ "967", "false" },		/* asked, not yet */
		{ "32071", NULL },		/* the neighbour, not asked */
		{ "000.00.30.H59", NULL },	/* another province's office */
	};
	char code[64], location[128], later[64], id[37], period[160], got[160], prev[16], cur[16];
	char expr[128], *base, *doc, *req, *dated;
	struct reply post_r, answer, late, r;
	size_t k;
	int i, n;

	register_over_http(&post_r, code, location);
	/* 32072 answers it */
	base = fresh_commune_report(id, "2024-03");
	snprintf(period, sizeof(period), "<AdHoc request=\"%s\" asOf=\"2025-10-15\"/>", code);
	doc = replace_once(base, "<Month>2024-03</Month>", period);
	post(&answer, doc, strlen(doc));
	ck_assert_msg(answer.status == 201, "%ld %.1500s", answer.status, answer.body.data);
	/* a request due after the first, so listed before it */
	snprintf(later, sizeof(later), "YC-LIST-%d", (int)getpid());
	req = request_doc(later, request_subject, "<Unit code=\"967\"/>");
	dated = replace_once(req, "2099-06-30", "2099-12-31");
	http_as(&late, token_of("000.00.30.H12"), "POST", "/api/v1/requests", "application/xml",
	    dated, strlen(dated));
	ck_assert_msg(late.status == 201, "%ld %.1500s", late.status, late.body.data);

	for (k = 0; k < sizeof(readers) / sizeof(readers[0]); k++) {
		http_as(&r, token_of(readers[k].reader), "GET", "/api/v1/requests", NULL, NULL, 0);
		ck_assert_msg(r.status == 200, "%s: %ld %.1500s", readers[k].reader, r.status,
		    r.body.data);
		ck_assert_msg(valid_against(&r, "request-1.xsd"), "not valid: %.1500s", r.body.data);
		i = listed_at(&r, code);
		if (readers[k].answered_by_caller == NULL) {
			ck_assert_msg(i == 0, "%s sees %s: %.1500s", readers[k].reader, code,
			    r.body.data);
			ck_assert_ptr_null(strstr(r.body.data, "nhanh"));
			reply_free(&r);
			continue;
		}
		ck_assert_msg(i > 0, "%s does not see %s: %.1500s", readers[k].reader, code,
		    r.body.data);
		ck_assert_str_eq(listed_attr(&r, i, "href", got, sizeof(got)), location);
		ck_assert_str_eq(listed_attr(&r, i, "asked", got, sizeof(got)), "3");
		ck_assert_str_eq(listed_attr(&r, i, "answered", got, sizeof(got)), "1");
		ck_assert_str_eq(listed_attr(&r, i, "answeredByCaller", got, sizeof(got)),
		    readers[k].answered_by_caller);
		snprintf(expr, sizeof(expr), "string(" LIST_REQ "[%d]/*[local-name()='Subject'])", i);
		ck_assert_str_eq(xpath(&r, expr, got, sizeof(got)), "B\xc3\xa1o c\xc3\xa1o nhanh");
		/* the latest due date first */
		n = (int)xpath_num(&r, "count(" LIST_REQ ")");
		for (i = 1; i <= n; i++) {
			snprintf(expr, sizeof(expr), "string(" LIST_REQ "[%d]/*[local-name()='Due'])", i);
			xpath(&r, expr, cur, sizeof(cur));
			ck_assert_msg(i == 1 || strcmp(prev, cur) >= 0, "%s: %s after %s",
			    readers[k].reader, cur, prev);
			snprintf(prev, sizeof(prev), "%s", cur);
		}
		if (strcmp(readers[k].reader, "32072") == 0)
			ck_assert_int_eq(listed_at(&r, later), 0);	/* 967 alone is asked */
		else {	/* due later, so listed before */
			n = listed_at(&r, later);
			ck_assert_msg(n > 0 && n < listed_at(&r, code), "%s: %s at %d, %s at %d",
			    readers[k].reader, later, n, code, listed_at(&r, code));
		}
		ck_assert_str_eq(xpath(&r, "string(/*[local-name()='Requests']/@complete)", got,
		    sizeof(got)), "true");
		reply_free(&r);
	}
	http(&r, "GET", "/api/v1/requests", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
	reply_free(&post_r); reply_free(&answer); reply_free(&late);
	free(base); free(doc); free(req); free(dated);
}
END_TEST

/* --- the coordination office's view --- */

static int
valid_against(const struct reply *r, const char *xsd)
{
	char path[1024];
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaValidCtxtPtr vctxt;
	xmlSchemaPtr schema;
	xmlDocPtr doc;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/schemas/%s", repo, xsd);
	pctxt = xmlSchemaNewParserCtxt(path);
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	doc = xmlReadMemory(r->body.data, (int)r->body.len, NULL, NULL, XML_PARSE_NONET);
	if (schema != NULL && doc != NULL && (vctxt = xmlSchemaNewValidCtxt(schema)) != NULL) {
		rc = xmlSchemaValidateDoc(vctxt, doc);
		xmlSchemaFreeValidCtxt(vctxt);
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (schema != NULL)
		xmlSchemaFree(schema);
	return rc == 0;
}

/*
 * Render an HTML answer in headless Chromium: the page goes to var/test/NAME.html, what the
 * browser made of it (its DOM after rendering) into dom, and a screenshot of it, which must
 * exist and not be empty, to var/test/NAME.png.
 */
static void
browser_render(const struct reply *h, const char *name, struct bc_buf *dom)
{
	static const char browser[] = "chromium --headless --no-sandbox --disable-gpu "
	    "--disable-quic --no-first-run --disable-background-networking "
	    "--disable-component-update --disable-sync";
	char file[1024], shot[1024], cmd[4096], chunk[4096];
	FILE *out, *p;
	size_t n;

	snprintf(file, sizeof(file), "%s/var/test/%s.html", repo, name);
	snprintf(shot, sizeof(shot), "%s/var/test/%s.png", repo, name);
	ck_assert_ptr_nonnull(out = fopen(file, "w"));
	fwrite(h->body.data, 1, h->body.len, out);
	fclose(out);
	unlink(shot);
	snprintf(cmd, sizeof(cmd), "%s --user-data-dir=%s/var/test/chromium --dump-dom 'file://%s' "
	    "2>/dev/null", browser, repo, file);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		bc_buf_append(dom, chunk, n);
	pclose(p);
	ck_assert_msg(dom->data != NULL && strstr(dom->data, "</html>") != NULL,
	    "the browser rendered nothing of %s", file);
	snprintf(cmd, sizeof(cmd), "%s --user-data-dir=%s/var/test/chromium --window-size=1200,900 "
	    "--screenshot='%s' 'file://%s' >/dev/null 2>&1", browser, repo, shot, file);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_ptr_nonnull(out = fopen(shot, "rb"));
	fseek(out, 0, SEEK_END);
	ck_assert_int_gt(ftell(out), 1000);
	fclose(out);
}

/* A bad query parameter is a 422 naming that parameter, and only it; a read says nothing of
 * storing. */
/* 40 characters: longer than any unit code (32) */
#define LONG_CODE "3207232072320723207232072320723207232072"

static const struct {
	const char *path, *param;
} bad_queries[] = {
	{ "/api/v1/completeness?type=ProgressReport&period=2024-Q1&under=96&cadence=weekly",
	  "?cadence" },
	{ "/api/v1/completeness?type=ProgressReport&period=2024-03&under=96&cadence=quarterly",
	  "?cadence" },
	{ "/api/v1/completeness?type=Nope&period=2024-03&under=96", "?type" },
	{ "/api/v1/completeness?type=EmulationReport&period=2024-Q1&under=96", "?period" },
	{ "/api/v1/completeness?type=EmulationReport&period=2024&under=96&cadence=monthly",
	  "?cadence" },
	{ "/api/v1/completeness?type=ProgressReport&period=2024-13&under=96", "?period" },
	{ "/api/v1/ntm?year=2024&under=96&format=xls", "?format" },
	{ "/api/v1/ntm?year=1999&under=96", "?year" },
	{ "/api/v1/consolidated?type=ProgressReport&period=2024-Q5&under=96", "?period" },
	{ "/api/v1/consolidated?type=ProgressReport&period=2024&under=96&format=pdf", "?format" },
	/* given twice, or too long to be read whole: said, not one of them taken or the scope
	 * widened to the caller's default */
	{ "/api/v1/completeness?type=ProgressReport&period=2024-03&type=EmulationReport",
	  "?type" },
	{ "/api/v1/ntm?year=2024&under=" LONG_CODE, "?under" },
	{ "/api/v1/submissions?unit=32072&unit=32071", "?unit" },
	{ "/api/v1/submissions?unit=" LONG_CODE, "?unit" },
	{ "/api/v1/submissions?unit=32072&type=" LONG_CODE LONG_CODE, "?type" },
	{ "/api/v1/submissions?unit=32072&period=2024-13", "?period" },
	{ "/api/v1/submissions?unit=32072&period=garbage", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:@2026-12-01", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:YC-1@", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:YC-1@2026-02-30", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:%2F%2F", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:-x", "?period" },
	{ "/api/v1/submissions?unit=32072&period=adhoc:a%20b", "?period" },
	/* a type the catalogue does not know is no filter that matches nothing */
	{ "/api/v1/submissions?unit=32072&type=Nope", "?type" },
	{ "/api/v1/submissions?unit=32072&type=progressreport", "?type" },
	/* a NUL ends the value for C: "32072%00junk" must not read as 32072 */
	{ "/api/v1/submissions?unit=32072%00junk", "?unit" },
	{ "/api/v1/ntm?year=2024&under=96%00", "?under" },
	/* empty is no value: not the caller's whole scope, not an unfiltered list */
	{ "/api/v1/completeness?type=ProgressReport&period=2024-03&under=", "?under" },
	{ "/api/v1/submissions?unit=32072&type=", "?type" },
	{ "/api/v1/submissions?unit=", "?unit" },
	{ "/api/v1/submissions?unit", "?unit" },
	/* a code of no unit code's form is no unit that might exist (404): it is a wrong value */
	{ "/api/v1/completeness?type=ProgressReport&period=2024-03&under=%20", "?under" },
	{ "/api/v1/submissions?unit=abc", "?unit" },
};

START_TEST(test_a_bad_query_parameter_is_422_naming_it)
{
	char got[512];
	struct reply r;

	http_as(&r, token_of("000.00.30.H12"), "GET", bad_queries[_i].path, NULL, NULL, 0);
	ck_assert_msg(r.status == 422, "%s: %ld", bad_queries[_i].path, r.status);
	ck_assert_msg(xpath_num(&r, "count(/e:Error/e:Violation)") == 1, "%s: %.1000s",
	    bad_queries[_i].path, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/e:Error/e:Violation/@path)", got, sizeof(got)),
	    bad_queries[_i].param);
	ck_assert_msg(strstr(xpath(&r, "string(/e:Error/e:Message)", got, sizeof(got)),
	    "stored") == NULL, "%s: a read says %s", bad_queries[_i].path, got);
	reply_free(&r);
}
END_TEST

/* Thới Bình's twelve communes; one files (late), the rest are missing, the district too. */
START_TEST(test_completeness_of_a_district_in_xml_csv_and_html)
{
	char id[37], month[16], path[256], got[64], *doc;
	struct reply f, x, c, h, forbidden;
	struct bc_buf dom = { 0 };
	const char *row;

	unique_month(month, 40);
	doc = fresh_commune_report(id, month);
	post(&f, doc, strlen(doc));
	ck_assert_int_eq(f.status, 201);
	snprintf(path, sizeof(path), "/api/v1/completeness?type=ProgressReport&period=%s&under=967",
	    month);
	http_as(&x, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(x.status == 200, "%ld %.1500s", x.status, x.body.data);
	ck_assert_msg(valid_against(&x, "completeness-1.xsd"), "not valid: %.1500s", x.body.data);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='32072']/@state)", got,
	    sizeof(got)), "late");
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='32072']/@documentId)",
	    got, sizeof(got)), id);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='32065']/@state)", got,
	    sizeof(got)), "missing");
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='Totals'][@kind='commune']/@expected)"), 12);
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='Totals'][@kind='commune']/@late)"), 1);
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='Totals'][@kind='commune']/@missing)"), 11);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Totals'][@kind='commune']/@reportingRate)",
	    got, sizeof(got)), "8.3");
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='Totals'][@kind='district']/@missing)"), 1);

	/* CSV: a byte-order mark, a header, one row per expected unit, Vietnamese intact */
	strncat(path, "&format=csv", sizeof(path) - strlen(path) - 1);
	http_as(&c, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(c.status, 200);
	ck_assert(strncmp(c.body.data, "\xef\xbb\xbf\"period\"", 11) == 0);
	ck_assert_ptr_nonnull(row = strstr(c.body.data, "\"32072\",\"commune\",\"Xã Trí Lực\",\"967\",\"late\""));
	{
		size_t lines = 0;
		const char *p;

		for (p = c.body.data; (p = strstr(p, "\r\n")) != NULL; p += 2)
			lines++;
		ck_assert_uint_eq(lines, 1 + 13);	/* header, 12 communes, the district */
	}

	/* HTML, rendered by a real browser */
	path[strlen(path) - strlen("csv")] = '\0';
	strncat(path, "html", sizeof(path) - strlen(path) - 1);
	http_as(&h, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(h.status, 200);
	browser_render(&h, "completeness", &dom);
	ck_assert_msg(strstr(dom.data, "Xã Trí Lực") != NULL && strstr(dom.data, "8.3%") != NULL &&
	    strstr(dom.data, "Trễ hạn / late") != NULL, "the browser did not render the figures");
	bc_buf_free(&dom);

	/* the command line prints the same report */
	{
		struct bc_buf cli = { 0 };
		char args[256];

		snprintf(args, sizeof(args), "report completeness type=ProgressReport period=%s "
		    "under=967", month);
		ck_assert_int_eq(tc_ctl_all(args, &cli), 0);
		ck_assert_msg(cli.len == x.body.len && memcmp(cli.data, x.body.data, x.body.len) == 0,
		    "baocaoctl report differs from GET /api/v1/completeness");
		bc_buf_free(&cli);
	}

	/* a commune does not see its district's view */
	http_as(&forbidden, token_of("32072"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(forbidden.status, 403);
	reply_free(&f); reply_free(&x); reply_free(&c); reply_free(&h); reply_free(&forbidden);
	free(doc);
}
END_TEST

/* The whole country (under=VN, here through baocaoctl): the filings of every province, each
 * province's read on its own (sql/011), so one of Cà Mau and one of Trà Vinh must both show. */
START_TEST(test_completeness_of_the_country_has_the_filings_of_every_province)
{
	char id[37], id2[37], month[16], args[160], got[64];
	char *doc = report_for("32072", id, 41), *doc2 = report_for("29236", id2, 41);
	struct reply r, s, h, o, x = { 0 };

	post(&r, doc, strlen(doc));
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	post_as(&s, token_of("000.00.30.H59"), doc2, strlen(doc2));	/* Trà Vinh's office */
	ck_assert_msg(s.status == 201, "%ld %.1500s", s.status, s.body.data);
	unique_month(month, 41);
	snprintf(args, sizeof(args), "report completeness type=ProgressReport period=%s under=VN",
	    month);
	ck_assert_int_eq(tc_ctl_all(args, &x.body), 0);
	ck_assert_msg(valid_against(&x, "completeness-1.xsd"), "not valid: %.1500s", x.body.data);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='32072']/@documentId)",
	    got, sizeof(got)), id);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='32072']/@state)", got,
	    sizeof(got)), "late");
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='29236']/@documentId)",
	    got, sizeof(got)), id2);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='29236']/@state)", got,
	    sizeof(got)), "late");
	/* Bình Phước's communes are expected as well, and this one filed nothing */
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Unit'][@code='25216']/@state)", got,
	    sizeof(got)), "missing");
	/* over HTTP: the same answer for the national reader the test stack names (Bình
	 * Phước's office), 403 for a province's office */
	snprintf(args, sizeof(args), "/api/v1/completeness?type=ProgressReport&period=%s&under=VN",
	    month);
	http_as(&h, token_of("000.00.30.H10"), "GET", args, NULL, NULL, 0);
	ck_assert_msg(h.status == 200, "%ld %.1500s", h.status, h.body.data);
	ck_assert_msg(h.body.len == x.body.len && memcmp(h.body.data, x.body.data, h.body.len) == 0,
	    "HTTP and baocaoctl differ:\n%.800s\n%.800s", h.body.data, x.body.data);
	http_as(&o, token_of("000.00.30.H12"), "GET", args, NULL, NULL, 0);
	ck_assert_int_eq(o.status, 403);
	/* without under, the national reader's completeness is the country's, the same bytes */
	{
		struct reply d;

		snprintf(args, sizeof(args), "/api/v1/completeness?type=ProgressReport&period=%s",
		    month);
		http_as(&d, token_of("000.00.30.H10"), "GET", args, NULL, NULL, 0);
		ck_assert_msg(d.status == 200, "%ld %.1500s", d.status, d.body.data);
		ck_assert_msg(d.body.len == x.body.len && memcmp(d.body.data, x.body.data,
		    d.body.len) == 0, "the default is not the country:\n%.800s", d.body.data);
		reply_free(&d);
	}
	/* the national reader drills down: another province, its district, its commune, each
	 * as that province's office reads it */
	{
		static const char *const parts[] = {
			"/api/v1/completeness?type=ProgressReport&period=%s&under=96",
			"/api/v1/completeness?type=ProgressReport&period=%s&under=967",
			"/api/v1/completeness?type=ProgressReport&period=%s&under=32072",
		};
		struct reply n, p;
		size_t k;

		for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			snprintf(args, sizeof(args), parts[k], month);
			http_as(&n, token_of("000.00.30.H10"), "GET", args, NULL, NULL, 0);
			http_as(&p, token_of("000.00.30.H12"), "GET", args, NULL, NULL, 0);
			ck_assert_msg(n.status == 200, "%s: %ld %.1500s", args, n.status, n.body.data);
			ck_assert_int_eq(p.status, 200);
			ck_assert_int_eq(xpath_num(&n, "count(//*[local-name()='Unit'])"),
			    xpath_num(&p, "count(//*[local-name()='Unit'])"));
			ck_assert_str_eq(xpath(&n, "string(//*[local-name()='Unit'][@code='32072']"
			    "/@documentId)", got, sizeof(got)), id);
			reply_free(&n);
			reply_free(&p);
		}
		http_as(&n, token_of("000.00.30.H10"), "GET", "/api/v1/ntm?year=2024&under=96",
		    NULL, NULL, 0);
		ck_assert_msg(n.status == 200, "%ld %.1500s", n.status, n.body.data);
		reply_free(&n);
	}
	reply_free(&r); reply_free(&s); reply_free(&x); reply_free(&h); reply_free(&o);
	free(doc);
	free(doc2);
}
END_TEST

static const unsigned all_criteria[19] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 17, 18, 19 };

/* A <Commune> of criteria: numbers[0..n), met up to met_upto; criterion 1 states since_1 when
 * given; inner (a Recognition) ends it. assessment: CriteriaAssessment's met="true|false",
 * else ProgressReport's status="met|not-met". */
static void
commune_criteria(struct bc_buf *b, const char *commune, const unsigned *numbers, size_t n,
    unsigned met_upto, int assessment, const char *since_1, const char *inner)
{
	size_t i;

	bc_buf_printf(b, "<Commune code=\"%s\">", commune);
	for (i = 0; i < n; i++) {
		int met = numbers[i] <= met_upto;

		bc_buf_printf(b, "<Criterion number=\"%u\" %s=\"%s\"", numbers[i],
		    assessment ? "met" : "status", assessment ? (met ? "true" : "false") :
		    (met ? "met" : "not-met"));
		if (numbers[i] == 1 && since_1 != NULL)
			bc_buf_printf(b, " since=\"%s\"", since_1);
		bc_buf_puts(b, "/>");
	}
	bc_buf_printf(b, "%s</Commune>", inner != NULL ? inner : "");
}

static void
header_xml(struct bc_buf *b, char id[37], const char *unit, const char *period,
    const char *supersedes)
{
	tc_new_uuid(id);
	bc_buf_printf(b, "<Header><DocumentId>%s</DocumentId><ReportingUnit code=\"%s\"/>"
	    "<Period>%s</Period>", id, unit, period);
	if (supersedes != NULL)
		bc_buf_printf(b, "<Supersedes>%s</Supersedes>", supersedes);
	bc_buf_puts(b, "<PreparedBy>Kiểm tra</PreparedBy><PreparedAt>2019-09-10T08:00:00+07:00"
	    "</PreparedAt></Header>");
}

/* A document of root element `root` in namespace ns: the header, then the communes XML
 * wrapped in the element `wrap`. */
static char *
document(char id[37], const char *root, const char *ns, const char *unit, const char *period,
    const char *supersedes, const char *wrap, const char *communes)
{
	struct bc_buf b = { 0 };

	bc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s xmlns=\"%s\">", root,
	    ns);
	header_xml(&b, id, unit, period, supersedes);
	bc_buf_printf(&b, "<%s>%s</%s></%s>\n", wrap, communes, wrap, root);
	return b.data;
}

/* A district's or department's verification of a year. */
static char *
assessment_doc(char id[37], const char *unit, int year, const char *supersedes,
    const char *communes)
{
	char period[32];

	snprintf(period, sizeof(period), "<Year>%d</Year>", year);
	return document(id, "CriteriaAssessment", "urn:baocao:assessment:1", unit, period,
	    supersedes, "Verification", communes);
}

/* A progress report (version 1) for a period element such as <Month>2019-03</Month>. */
static char *
progress_doc(char id[37], const char *unit, const char *period, const char *communes)
{
	return document(id, "ProgressReport", "urn:baocao:ntm:1", unit, period, NULL, "Criteria",
	    communes);
}

/* The fixture's district 999 verifies its two communes for a year: criteria 1..met met. */
static char *
verification(char id[37], const char *supersedes, int year, int met_99901, int met_99902)
{
	static const char *const communes[] = { "99901", "99902" };
	static const char recognised[] = "<Recognition decision=\"99/QĐ-UBND\" "
	    "date=\"2019-09-12\" tier=\"standard\"/>";
	struct bc_buf body = { 0 };
	char *doc;
	int c, met;

	for (c = 0; c < 2; c++) {
		met = c == 0 ? met_99901 : met_99902;
		commune_criteria(&body, communes[c], all_criteria, 19, (unsigned)met, 1, NULL,
		    met == 19 ? recognised : NULL);
	}
	doc = assessment_doc(id, "999", year, supersedes, body.data);
	bc_buf_free(&body);
	return doc;
}


/* One district, two communes: 19 and 18 criteria → 50% → the district does not meet 75%;
 * a revision of the verification with 19 and 19 → 100% → it does, and so does its province
 * (one district of one). */
START_TEST(test_recognition_follows_the_newest_verification)
{
	char first[37], second[37], got[64], path[128], *a, *b;
	struct reply ra, rb, x, y, h;
	int year = 2011 + (int)(getpid() % 9);	/* a year of the 2010 set no other run used */

	a = verification(first, NULL, year, 19, 18);
	post(&ra, a, strlen(a));
	ck_assert_msg(ra.status == 201, "%ld %.1500s", ra.status, ra.body.data);
	snprintf(path, sizeof(path), "/api/v1/ntm?year=%d&under=99", year);
	http_as(&x, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(x.status, 403);	/* a district does not read its province */
	reply_free(&x);
	http_as(&x, token_of("000.00.30.H12"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(x.status, 403);	/* nor does another province's office */
	reply_free(&x);
	snprintf(path, sizeof(path), "/api/v1/ntm?year=%d&under=999", year);
	http_as(&x, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(x.status == 200, "%ld %.1500s", x.status, x.body.data);
	ck_assert_msg(valid_against(&x, "ntm-1.xsd"), "not valid: %.1500s", x.body.data);
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='District']/@meeting)"), 1);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='District']/@share)", got, sizeof(got)),
	    "50.0");
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='District']/@meetsStandard)", got,
	    sizeof(got)), "false");
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Commune'][@code='99902']/@restsOn)",
	    got, sizeof(got)), "verification");
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='Commune'][@code='99902']/@criteriaMet)"), 18);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Commune'][@code='99901']/@tier)", got,
	    sizeof(got)), "standard");
	reply_free(&x);
	/* recognised is recognised the years after, whatever its criteria say then */
	snprintf(path, sizeof(path), "/api/v1/ntm?year=%d&under=999", year + 1);
	http_as(&x, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(x.status == 200, "%ld %.1500s", x.status, x.body.data);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Commune'][@code='99901']/@tier)", got,
	    sizeof(got)), "standard");
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Commune'][@code='99901']/@decision)",
	    got, sizeof(got)), "99/QĐ-UBND");
	snprintf(path, sizeof(path), "/api/v1/ntm?year=%d&under=999", year);

	b = verification(second, first, year, 19, 19);
	post(&rb, b, strlen(b));
	ck_assert_msg(rb.status == 201, "%ld %.1500s", rb.status, rb.body.data);
	http_as(&y, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_str_eq(xpath(&y, "string(//*[local-name()='District']/@meetsStandard)", got,
	    sizeof(got)), "true");
	ck_assert_int_eq(xpath_num(&y, "number(//*[local-name()='Criterion'][@number='19']/@communesMeeting)"), 2);
	strncat(path, "&format=html", sizeof(path) - strlen(path) - 1);
	http_as(&h, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body.data, "Đạt chuẩn / meets"));
	reply_free(&ra); reply_free(&rb); reply_free(&x); reply_free(&y); reply_free(&h);
	free(a);
	free(b);
}
END_TEST

/* A document without its Criteria section (a district reporting only its own resources). */
static char *
without_criteria(const char *doc)
{
	const char *a = strstr(doc, "<Criteria>"), *b = strstr(doc, "</Criteria>");
	struct bc_buf out = { 0 };

	ck_assert(a != NULL && b != NULL);
	bc_buf_append(&out, doc, (size_t)(a - doc));
	bc_buf_puts(&out, b + strlen("</Criteria>"));
	return out.data;
}

/* The fixture's district 999: its commune 99901 files three months, the district its
 * quarter; the commune merged away (99902) files its quarter without Resources, so its
 * amounts are missing and it is listed so. The quarter's resources are the district's
 * quarter plus the commune's three months. */
START_TEST(test_the_consolidated_quarter_sums_months_and_lists_the_missing)
{
	char id[37], month[32], quarter[32], path[160], got[64], *doc, *base, *d;
	struct reply r, x, c;
	int year = 2012 + (int)(getpid() % 8), m;
	long long per_report = 1250000000LL + 430000000LL + 2100000000LL + 150000000LL +
	    385500000LL;	/* the commune template's five amounts */

	for (m = 1; m <= 3; m++) {
		snprintf(month, sizeof(month), "%d-%02d", year, m);
		base = report_for("99901", id, 50 + m);
		doc = replace_element(base, "Month", month);
		post(&r, doc, strlen(doc));
		ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
		reply_free(&r);
		free(base);
		free(doc);
	}
	snprintf(quarter, sizeof(quarter), "%d-Q1", year);
	{
		char *q = report_for("99902", id, 59), *a, *b;
		struct bc_buf out = { 0 };

		/* its quarter, without Resources */
		a = strstr(q, "<Resources>");
		b = strstr(q, "</Resources>");
		ck_assert(a != NULL && b != NULL);
		bc_buf_append(&out, q, (size_t)(a - q));
		bc_buf_puts(&out, b + strlen("</Resources>"));
		free(q);
		q = replace_once(out.data, "<Month>", "<Quarter>");
		free(out.data);
		d = replace_once(q, "</Month>", "</Quarter>");
		free(q);
		q = replace_element(d, "Quarter", quarter);
		post(&r, q, strlen(q));
		ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
		reply_free(&r);
		free(q);
		free(d);
	}
	base = report_for("999", id, 60);
	doc = without_criteria(base);
	free(base);
	{
		const char *a = strstr(doc, "<Period>"), *b = strstr(doc, "</Period>");
		struct bc_buf out = { 0 };

		bc_buf_append(&out, doc, (size_t)(a - doc));
		bc_buf_printf(&out, "<Period><Quarter>%s</Quarter>", quarter);
		bc_buf_puts(&out, b);
		d = out.data;
	}
	free(doc);
	post(&r, d, strlen(d));
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	snprintf(path, sizeof(path), "/api/v1/consolidated?type=ProgressReport&period=%s&under=999",
	    quarter);
	http_as(&x, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_msg(x.status == 200, "%ld %.1500s", x.status, x.body.data);
	ck_assert_msg(valid_against(&x, "consolidated-1.xsd"), "not valid: %.1500s", x.body.data);
	snprintf(got, sizeof(got), "%lld", 4 * per_report);
	{
		char total[64];

		ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Resources']/@total)", total,
		    sizeof(total)), got);
	}
	ck_assert_int_eq(xpath_num(&x, "number(//*[local-name()='Resources']/@fromMonths)"), 1);
	ck_assert_str_eq(xpath(&x, "string(//*[local-name()='Missing']/@code)", got, sizeof(got)),
	    "99902");
	strncat(path, "&format=csv", sizeof(path) - strlen(path) - 1);
	http_as(&c, token_of("999"), "GET", path, NULL, NULL, 0);
	ck_assert_int_eq(c.status, 200);
	ck_assert_ptr_nonnull(strstr(c.body.data, "\"missing\",\"99902\",\"Xã Cũ, đã sáp nhập\""));
	/* the XML's other figures are the CSV's too */
	ck_assert_ptr_nonnull(strstr(c.body.data,
	    "\"resources\",\"units from shorter periods\",\"1\""));
	{
		char source[64], units[16], row[160];

		xpath(&x, "string((//*[local-name()='Source'])[1]/@source)", source, sizeof(source));
		xpath(&x, "string((//*[local-name()='Source'])[1]/@units)", units, sizeof(units));
		snprintf(row, sizeof(row), "\"resources units\",\"%s\",\"%s\"", source, units);
		ck_assert_msg(source[0] != '\0' && strstr(c.body.data, row) != NULL, "no %s in %s", row,
		    c.body.data);
		xpath(&x, "string(//*[local-name()='Nominations']/@individuals)", units, sizeof(units));
		snprintf(row, sizeof(row), "\"nominations\",\"individuals\",\"%s\"", units);
		ck_assert_msg(strstr(c.body.data, row) != NULL, "no %s in %s", row, c.body.data);
	}
	/* the year: 99901's three months and the district's quarter are amounts for part of it,
	 * counted and listed as missing in part; 99902 gave none */
	{
		struct reply yr, yc;
		char url[200];

		snprintf(url, sizeof(url), "/api/v1/consolidated?type=ProgressReport&period=%d"
		    "&under=999", year);
		http_as(&yr, token_of("999"), "GET", url, NULL, NULL, 0);
		ck_assert_msg(yr.status == 200, "%ld %.1500s", yr.status, yr.body.data);
		ck_assert_msg(valid_against(&yr, "consolidated-1.xsd"), "%.1500s", yr.body.data);
		ck_assert_int_eq(xpath_num(&yr, "count(//*[local-name()='Missing'][@code='99901']"
		    "[@inPart='true'])"), 1);
		ck_assert_int_eq(xpath_num(&yr, "count(//*[local-name()='Missing'][@code='999']"
		    "[@inPart='true'])"), 1);
		ck_assert_int_eq(xpath_num(&yr, "count(//*[local-name()='Missing'][@code='99902']"
		    "[not(@inPart)])"), 1);
		strncat(url, "&format=csv", sizeof(url) - strlen(url) - 1);
		http_as(&yc, token_of("999"), "GET", url, NULL, NULL, 0);
		ck_assert_ptr_nonnull(strstr(yc.body.data, "\"missing in part\",\"99901\""));
		ck_assert_ptr_nonnull(strstr(yc.body.data, "\"missing\",\"99902\""));
		reply_free(&yr);
		reply_free(&yc);
	}
	/* every indicator of the XML, with all its figures, in the CSV and on the page */
	{
		static const char *const stats[] = { "count", "sum", "min", "max", "mean" };
		int n = (int)xpath_num(&x, "count(//*[local-name()='Indicator'])"), i, k;
		char expr[160], code[64], unit[64], value[64], row[256], cells[512];
		struct reply h;

		ck_assert_msg(n >= 1, "no indicators: %.1500s", x.body.data);
		path[strlen(path) - strlen("csv")] = '\0';
		strncat(path, "html", sizeof(path) - strlen(path) - 1);
		http_as(&h, token_of("999"), "GET", path, NULL, NULL, 0);
		ck_assert_int_eq(h.status, 200);
		for (i = 1; i <= n; i++) {
			snprintf(expr, sizeof(expr), "string((//*[local-name()='Indicator'])[%d]/@code)",
			    i);
			xpath(&x, expr, code, sizeof(code));
			snprintf(expr, sizeof(expr), "string((//*[local-name()='Indicator'])[%d]/@unit)",
			    i);
			xpath(&x, expr, unit, sizeof(unit));
			snprintf(cells, sizeof(cells), "<tr><td>%s</td><td>%s</td>", code, unit);
			for (k = 0; k < 5; k++) {
				snprintf(expr, sizeof(expr),
				    "string((//*[local-name()='Indicator'])[%d]/@%s)", i, stats[k]);
				xpath(&x, expr, value, sizeof(value));
				snprintf(row, sizeof(row), "\"indicator %s\",\"%s (%s)\",\"%s\"",
				    stats[k], code, unit, value);
				ck_assert_msg(strstr(c.body.data, row) != NULL, "no %s in %.2000s", row,
				    c.body.data);
				snprintf(cells + strlen(cells), sizeof(cells) - strlen(cells),
				    "<td class=\"n\">%s</td>", value);
			}
			ck_assert_msg(strstr(h.body.data, cells) != NULL, "no %s in the page", cells);
		}
		reply_free(&h);
	}
	reply_free(&r); reply_free(&x); reply_free(&c);
	free(d);
}
END_TEST

/* --- the office's view of a province of its own (fixture province 98) --- */

/* A CSV answer parsed back (RFC 4180: quoted fields, doubled quotes, CRLF rows) after its
 * byte-order mark. */
#define CSV_FIELDS_MAX 12

struct csv_row {
	char *f[CSV_FIELDS_MAX];
	size_t n;
};

struct csv_table {
	struct csv_row *rows;
	size_t n;
};

static void
csv_parse(struct csv_table *t, const char *text)
{
	struct bc_buf field = { 0 };
	struct csv_row row = { { 0 }, 0 };
	const char *p = text;

	memset(t, 0, sizeof(*t));
	ck_assert_msg(strncmp(p, "\xef\xbb\xbf", 3) == 0, "no byte-order mark");
	for (p += 3; *p != '\0';) {
		ck_assert_msg(*p == '"', "an unquoted field at %.40s", p);
		bc_buf_reset(&field);
		bc_buf_puts(&field, "");
		for (p++; !(p[0] == '"' && p[1] != '"'); p++) {
			ck_assert_msg(*p != '\0', "an unterminated field");
			if (p[0] == '"')
				p++;	/* a doubled quote */
			bc_buf_append(&field, p, 1);
		}
		p++;
		ck_assert_uint_lt(row.n, CSV_FIELDS_MAX);
		row.f[row.n++] = strdup(field.data);
		if (*p == ',') {
			p++;
			continue;
		}
		ck_assert_msg(p[0] == '\r' && p[1] == '\n', "a row not ended by CRLF: %.40s", p);
		p += 2;
		t->rows = realloc(t->rows, (t->n + 1) * sizeof(*t->rows));
		t->rows[t->n++] = row;
		memset(&row, 0, sizeof(row));
	}
	bc_buf_free(&field);
}

static void
csv_free(struct csv_table *t)
{
	size_t i, k;

	for (i = 0; i < t->n; i++)
		for (k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].f[k]);
	free(t->rows);
}

/* The one row whose fields equal match[0..n) (NULL: any), or a failure naming the match. */
static const struct csv_row *
csv_find(const struct csv_table *t, const char *const *match, size_t n)
{
	const struct csv_row *found = NULL;
	size_t i, k;

	for (i = 0; i < t->n; i++) {
		for (k = 0; k < n && (match[k] == NULL ||
		    (k < t->rows[i].n && strcmp(t->rows[i].f[k], match[k]) == 0)); k++)
			;
		if (k < n)
			continue;
		ck_assert_msg(found == NULL, "two rows match %s %s %s", match[1], match[2],
		    n > 5 ? match[5] : "");
		found = &t->rows[i];
	}
	ck_assert_msg(found != NULL, "no row matches %s %s %s", match[0] ? match[0] : "*",
	    match[1] ? match[1] : "*", n > 5 && match[5] ? match[5] : "*");
	return found;
}

/* The value and source of an ntm CSV figure: year, section, code, name, parent, item, value,
 * source. */
static const char *
ntm_csv(const struct csv_table *t, const char *section, const char *code, const char *item,
    const char **source)
{
	const char *match[] = { NULL, section, code, NULL, NULL, item };
	const struct csv_row *r = csv_find(t, match, 6);

	ck_assert_uint_eq(r->n, 8);
	if (source != NULL)
		*source = r->f[7];
	return r->f[6];
}

static void
post_ok(const char *token, const char *doc)
{
	struct reply r;

	post_as(&r, token, doc, strlen(doc));
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	reply_free(&r);
}

/* The documents of province 98 the office's view is worked out from (filed by its office). */
struct office_docs {
	char v2018[37], v2019[37], feb[37], mar[37], q1[37], q2[37], h1[37], next[37];
};

/*
 * 2018: district 981 verifies 98101 at 19 criteria and 98102 at 17.
 * 2019: it verifies 98101, 98102, 98103 at 19 (98101's criterion 1 met since 2015-06-01) and
 * 98104 at 14; commune 98201 (district 982) reports February with nothing met and March with
 * criteria 1–11; the department answering for criteria 1 and 9 reports Q1 (criterion 1 of
 * 98101), Q2 (1 and 9 of 98101–98104: 1 met by all, 9 not by 98104), H1 (9 of 98101 and
 * 98102, met), and, last, 2020-Q1 (criterion 1 of 98101), which is another year's.
 */
static void
file_office_docs(struct office_docs *d)
{
	static const unsigned one[] = { 1 }, nine[] = { 9 }, one_nine[] = { 1, 9 };
	const char *office = token_of("000.00.30.H98");
	struct bc_buf c = { 0 };
	char *doc;
	int i;

#define FILE_DOC(expr) do { doc = (expr); post_ok(office, doc); free(doc); bc_buf_reset(&c); } \
	while (0)
	commune_criteria(&c, "98101", all_criteria, 19, 19, 1, NULL, NULL);
	commune_criteria(&c, "98102", all_criteria, 19, 17, 1, NULL, NULL);
	FILE_DOC(assessment_doc(d->v2018, "981", 2018, NULL, c.data));
	commune_criteria(&c, "98101", all_criteria, 19, 19, 1, "2015-06-01", NULL);
	commune_criteria(&c, "98102", all_criteria, 19, 19, 1, NULL, NULL);
	commune_criteria(&c, "98103", all_criteria, 19, 19, 1, NULL, NULL);
	commune_criteria(&c, "98104", all_criteria, 19, 14, 1, NULL, NULL);
	FILE_DOC(assessment_doc(d->v2019, "981", 2019, NULL, c.data));
	commune_criteria(&c, "98201", all_criteria, 19, 0, 0, NULL, NULL);
	FILE_DOC(progress_doc(d->feb, "98201", "<Month>2019-02</Month>", c.data));
	commune_criteria(&c, "98201", all_criteria, 19, 11, 0, NULL, NULL);
	FILE_DOC(progress_doc(d->mar, "98201", "<Month>2019-03</Month>", c.data));
	commune_criteria(&c, "98101", one, 1, 19, 0, NULL, NULL);
	FILE_DOC(progress_doc(d->q1, "000.00.03.H98", "<Quarter>2019-Q1</Quarter>", c.data));
	for (i = 1; i <= 4; i++) {
		char code[16];

		snprintf(code, sizeof(code), "9810%d", i);
		commune_criteria(&c, code, one_nine, 2, i < 4 ? 19 : 1, 0, NULL, NULL);
	}
	FILE_DOC(progress_doc(d->q2, "000.00.03.H98", "<Quarter>2019-Q2</Quarter>", c.data));
	commune_criteria(&c, "98101", nine, 1, 19, 0, NULL, NULL);
	commune_criteria(&c, "98102", nine, 1, 19, 0, NULL, NULL);
	FILE_DOC(progress_doc(d->h1, "000.00.03.H98", "<HalfYear>2019-H1</HalfYear>", c.data));
	commune_criteria(&c, "98101", one, 1, 19, 0, NULL, NULL);
	FILE_DOC(progress_doc(d->next, "000.00.03.H98", "<Quarter>2020-Q1</Quarter>", c.data));
#undef FILE_DOC
	bc_buf_free(&c);
}

/* An XPath expression over an answer and the string it must give. */
struct xpath_want {
	const char *xpath, *want;
};

static void
expect_xpaths(const struct reply *r, const struct xpath_want *e, size_t n)
{
	char got[256];
	size_t i;

	for (i = 0; i < n; i++) {
		xpath(r, e[i].xpath, got, sizeof(got));
		ck_assert_msg(strcmp(got, e[i].want) == 0, "%s: \"%s\", not \"%s\"", e[i].xpath,
		    got, e[i].want);
	}
}

static const char *
xp(const struct reply *r, const char *expr)
{
	static char buf[256];

	return xpath(r, expr, buf, sizeof(buf));
}

/* The figures of 2019 for province 98, worked out in the comments of file_office_docs:
 * district 981 has 3 of 4 communes at 19/19 (75% → meets), average (19·3 + 14) / 4 = 17.75,
 * one below 15; a year before 1 of 4 (98101) with average (19 + 17) / 4 = 9.00. District 982:
 * 98201 at 11 from its progress reports, nothing a year before. The province: 1 of 2 districts
 * (50% < 80%), 3 of 5 communes, average (57 + 14 + 11) / 5 = 16.40, a year before 36 / 5 = 7.20.
 * Targets set for 2020 (the next year with targets): communes 4 → 3 achieved (75.0%), at least
 * 12 criteria 5 → 4 (80.0%), share 100 → 60 (60.0%), average 17 → 16.40 (96.5%). */
START_TEST(test_ntm_of_a_province_with_targets_since_change_and_departments)
{
	struct office_docs d;
	struct reply x, c, h, other;
	struct csv_table t;
	struct bc_buf cli = { 0 }, dom = { 0 };
	const char *office = token_of("000.00.30.H98"), *source;
	char expr[256], out[256];

	file_office_docs(&d);
	ck_assert_int_eq(tc_ctl("target set 98 2015 communes=1", NULL, 0), 0);
	ck_assert_int_eq(tc_ctl("target set 98 2020 communes=4 communes-at-12=5 share=100 "
	    "average=17", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "target: 98 2020 has 4 targets");
	/* a district is no province; a measure it does not know; a share over 100 */
	ck_assert_int_eq(tc_ctl("target set 981 2020 communes=1 2>/dev/null", NULL, 0), 1);
	ck_assert_int_eq(tc_ctl("target set 98 2020 lottery=1 2>/dev/null", NULL, 0), 1);
	ck_assert_int_eq(tc_ctl("target set 98 2020 share=101 2>/dev/null", NULL, 0), 1);
	ck_assert_int_eq(tc_ctl_all("target show 98", &cli), 0);
	ck_assert_msg(strstr(cli.data, "2015   communes") != NULL &&
	    strstr(cli.data, "2020   communes-at-12            5") != NULL &&
	    strstr(cli.data, "2020   average                  17") != NULL, "%s", cli.data);
	bc_buf_reset(&cli);

	http_as(&x, office, "GET", "/api/v1/ntm?year=2019&under=98", NULL, NULL, 0);
	ck_assert_msg(x.status == 200, "%ld %.1500s", x.status, x.body.data);
	ck_assert_msg(valid_against(&x, "ntm-1.xsd"), "not valid: %.3000s", x.body.data);
	{
#define AT(element, rest) "string(//*[local-name()='" element "']" rest ")"
#define CRITERION(n, rest) AT("Criterion", "[@number='" n "']" rest)
		const struct xpath_want want[] = {
			/* districts and the province, with the change on 2018 and what they rest
			 * on; 982 had nothing in 2018, so no change */
			{ AT("District", "[@code='981']/@share"), "75.0" },
			{ AT("District", "[@code='981']/@meetsStandard"), "true" },
			{ AT("District", "[@code='981']/@averageCriteria"), "17.75" },
			{ AT("District", "[@code='981']/@previousMeeting"), "1" },
			{ AT("District", "[@code='981']/@meetingChange"), "2" },
			{ AT("District", "[@code='981']/@previousAverageCriteria"), "9.00" },
			{ AT("District", "[@code='981']/@averageCriteriaChange"), "8.75" },
			{ AT("District", "[@code='981']/@restsOnVerification"), "4" },
			{ AT("District", "[@code='982']/@averageCriteria"), "11.00" },
			{ AT("District", "[@code='982']/@restsOnProgressReport"), "1" },
			{ "count(//*[@code='982']/@meetingChange)", "0" },
			{ AT("Province", "/@share"), "50.0" },
			{ AT("Province", "/@communesMeeting"), "3" },
			{ AT("Province", "/@averageCriteria"), "16.40" },
			{ AT("Province", "/@meetingChange"), "1" },
			{ AT("Province", "/@averageCriteriaChange"), "9.20" },
			{ AT("Province", "/@restsOnVerification"), "4" },
			{ AT("Province", "/@restsOnProgressReport"), "1" },
			/* targets: those of 2020, the next year that has any */
			{ "count(//*[local-name()='Target'])", "4" },
			{ AT("Target", "[1]/@measure"), "communes" },
			{ AT("Target", "[1]/@year"), "2020" },
			{ AT("Target", "[1]/@achieved"), "3" },
			{ AT("Target", "[1]/@progress"), "75.0" },
			{ AT("Target", "[1]/@reached"), "false" },
			{ AT("Target", "[@criteria='12']/@achieved"), "4" },
			{ AT("Target", "[@criteria='12']/@progress"), "80.0" },
			{ AT("Target", "[@measure='share']/@achieved"), "60" },
			{ AT("Target", "[@measure='average']/@achieved"), "16.40" },
			{ AT("Target", "[@measure='average']/@progress"), "96.5" },
			/* since when: the date the verification states, or the first period
			 * reported met */
			{ AT("Commune", "[@code='98101']/*[@number='1']/@since"), "2015-06-01" },
			{ AT("Commune", "[@code='98101']/*[@number='1']/@sinceFrom"), "stated" },
			{ AT("Commune", "[@code='98101']/*[@number='1']/@restsOn"), "verification" },
			{ AT("Commune", "[@code='98101']/*[@number='1']/@documentId"), d.v2019 },
			{ AT("Commune", "[@code='98201']/*[@number='1']/@since"), "2019-03-01" },
			{ AT("Commune", "[@code='98201']/*[@number='1']/@sincePeriod"), "2019-03" },
			{ AT("Commune", "[@code='98201']/*[@number='1']/@documentId"), d.mar },
			{ "count(//*[@code='98201']/*[local-name()='Met'])", "11" },
			{ AT("Commune", "[@code='98102']/@previousCriteriaMet"), "17" },
			{ "count(//*[@code='98103']/@previousCriteriaMet)", "0" },
			/* per criterion: communes meeting it by source, the departments and their
			 * latest report of 2019 stating it (2020-Q1 is another year's; H1 does not
			 * state criterion 1) */
			{ CRITERION("1", "/@communesMeeting"), "5" },
			{ CRITERION("1", "/@restsOnProgressReport"), "1" },
			{ CRITERION("12", "/@communesMeeting"), "4" },
			{ CRITERION("1", "/*[@code='000.00.03.H98']/*/@documentId"), d.q2 },
			{ CRITERION("1", "/*/*/@communesMet"), "4" },
			{ CRITERION("9", "/*/*/@documentId"), d.h1 },
			{ CRITERION("9", "/*/*/@communesStated"), "2" },
			{ CRITERION("9", "/*/*/@period"), "2019-H1" },
			{ CRITERION("4", "/*/@code"), "000.00.12.H98" },
			{ "count(//*[local-name()='Criterion'][@number='4']/*/*)", "0" },
			{ "count(//*[local-name()='Criterion'][@number='5']/*)", "0" },
		};
#undef CRITERION
#undef AT

		expect_xpaths(&x, want, sizeof(want) / sizeof(want[0]));
	}
	ck_assert_int_gt(strlen(xp(&x, "string(//*[local-name()='Target'][1]/@setAt)")), 18);

	/* the command line prints the same bytes */
	ck_assert_int_eq(tc_ctl_all("report ntm year=2019 under=98", &cli), 0);
	ck_assert_msg(cli.len == x.body.len && memcmp(cli.data, x.body.data, x.body.len) == 0,
	    "baocaoctl report ntm differs from GET /api/v1/ntm");

	/* CSV, parsed back: one figure a row, with what it rests on (NULL: not checked) */
	http_as(&c, office, "GET", "/api/v1/ntm?year=2019&under=98&format=csv", NULL, NULL, 0);
	ck_assert_int_eq(c.status, 200);
	csv_parse(&t, c.body.data);
	ck_assert_str_eq(t.rows[0].f[7], "source");
	snprintf(expr, sizeof(expr), "progress-report %s, 2019-03-01 (period 2019-03)", d.mar);
	{
		static const char verified[] = "verification 4, self-assessment 0, "
		    "progress-report 0, none 0";
		const struct { const char *section, *code, *item, *value, *source; } want[] = {
			{ "district", "981", "average_criteria", "17.75", verified },
			{ "district", "981", "meeting_change", "2", "year 2018" },
			{ "province", "98", "average_criteria_change", "9.20", "year 2018" },
			{ "target", "98", "communes:achieved", "3", NULL },
			{ "target", "98", "communes-at-12:progress", "80.0", "achieved / target" },
			{ "target", "98", "average:target", "17", NULL },
			{ "commune", "98201", "criterion 1 since", "2019-03-01", expr },
			{ "commune", "98101", "criterion 1 since", "2015-06-01", NULL },
			{ "commune", "98102", "previous_criteria_met", "17", "year 2018" },
			{ "criterion", "1", "communes_meeting", "5", "verification 4, "
			    "self-assessment 0, progress-report 1, none 0" },
			{ "responsible", "000.00.03.H98", "criterion 9 latest report",
			    "ProgressReport 2019-H1: 2 communes stated, 2 met", NULL },
			{ "responsible", "000.00.12.H98", "criterion 4 latest report", "",
			    "no report of the year states it" },
		};
		size_t i;

		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			const char *value = ntm_csv(&t, want[i].section, want[i].code, want[i].item,
			    &source);

			ck_assert_msg(strcmp(value, want[i].value) == 0 && (want[i].source == NULL ||
			    strcmp(source, want[i].source) == 0), "%s %s %s: \"%s\" from \"%s\"",
			    want[i].section, want[i].code, want[i].item, value, source);
		}
	}
	/* meeting the standard reads yes or no for every unit, as the XML's true or false */
	{
		static const char *const units[][2] = { { "district", "981" },
		    { "province", "98" }, { "commune", "98101" }, { "commune", "98201" } };
		char expr2[160];
		size_t i;

		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			snprintf(expr2, sizeof(expr2), "string(//*[@code='%s']/@meetsStandard)",
			    units[i][1]);
			ck_assert_str_eq(ntm_csv(&t, units[i][0], units[i][1], "meets_standard",
			    NULL), strcmp(xp(&x, expr2), "true") == 0 ? "yes" : "no");
		}
	}
	ntm_csv(&t, "target", "98", "average:target", &source);
	ck_assert_msg(strncmp(source, "target for 2020 set ", 20) == 0, "%s", source);
	ntm_csv(&t, "responsible", "000.00.03.H98", "criterion 9 latest report", &source);
	ck_assert_msg(strncmp(source, d.h1, 36) == 0, "%s", source);
	csv_free(&t);

	/* HTML, rendered by a real browser: the same figures, bars, printable */
	http_as(&h, office, "GET", "/api/v1/ntm?year=2019&under=98&format=html", NULL, NULL, 0);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body.data, "@media print"));
	browser_render(&h, "ntm", &dom);
	ck_assert_msg(strstr(dom.data, "75.0% (≥ 75%)") != NULL, "share of 981");
	ck_assert_msg(strstr(dom.data, "<td>17.75</td>") != NULL, "average of 981");
	ck_assert_msg(strstr(dom.data, "<a href=\"?year=2019&amp;under=981&amp;format=html\">")
	    != NULL, "981 links to its own page");
	ck_assert_msg(strstr(dom.data, "+2 · +8.75") != NULL, "change of 981 on 2018");
	ck_assert_msg(strstr(dom.data, "targets for 2020") != NULL, "targets");
	ck_assert_msg(strstr(dom.data, "<td class=\"n\">16.40</td><td><div class=\"bar\"><div "
	    "style=\"width:96%\"></div></div>96.5%") != NULL, "the average target's progress bar");
	ck_assert_msg(strstr(dom.data, "1: 2019-03-01*") != NULL, "98201 since March");
	ck_assert_msg(strstr(dom.data, "1: 2015-06-01<") != NULL, "98101 since its stated date");
	snprintf(expr, sizeof(expr), "Sở Xây dựng tỉnh Mục Tiêu: ProgressReport 2019-Q2, 4/4 met, "
	    "<span class=\"doc\">%s</span>", d.q2);
	ck_assert_msg(strstr(dom.data, expr) != NULL, "the department's latest report");
	ck_assert_msg(strstr(dom.data, "<div style=\"width:100%\"></div></div>5 / 5") != NULL,
	    "criterion 1's bar");

	/* another year: the targets of the year asked (2015), none after the last (2021) */
	http_as(&other, office, "GET", "/api/v1/ntm?year=2015&under=98", NULL, NULL, 0);
	ck_assert_str_eq(xp(&other, "string(//*[local-name()='Target']/@year)"), "2015");
	ck_assert_str_eq(xp(&other, "count(//*[local-name()='Target'])"), "1");
	reply_free(&other);
	http_as(&other, office, "GET", "/api/v1/ntm?year=2021&under=98", NULL, NULL, 0);
	ck_assert_msg(other.status == 200, "%ld %.1500s", other.status, other.body.data);
	ck_assert_str_eq(xp(&other, "count(//*[local-name()='Target'])"), "0");
	reply_free(&other);
	/* a district's view has no province, so no targets, but its departments */
	http_as(&other, office, "GET", "/api/v1/ntm?year=2019&under=981", NULL, NULL, 0);
	ck_assert_str_eq(xp(&other, "count(//*[local-name()='Province'])"), "0");
	ck_assert_str_eq(xp(&other, "string(//*[local-name()='Criterion'][@number='9']/*/*"
	    "/@documentId)"), d.h1);
	/* the department's report counted within the view: H1 states criterion 9 for 98101 and
	 * 98102 of district 981, Q2 criterion 1 for 98101-98104 (981), none of 982's */
	ck_assert_str_eq(xp(&other, "string(//*[local-name()='Criterion'][@number='9']/*/*"
	    "/@communesStated)"), "2");
	reply_free(&other);
	{
		static const struct {
			const char *under, *stated_9, *met_1;
		} scoped[] = {
			{ "982", "0", "0" }, { "98101", "1", "1" },
			/* a department's own view: its reports are about the whole province */
			{ "000.00.03.H98", "2", "4" },
		};
		char path[96];
		size_t k;

		for (k = 0; k < sizeof(scoped) / sizeof(scoped[0]); k++) {
			snprintf(path, sizeof(path), "/api/v1/ntm?year=2019&under=%s",
			    scoped[k].under);
			http_as(&other, office, "GET", path, NULL, NULL, 0);
			ck_assert_str_eq(xp(&other, "string(//*[local-name()='Criterion']"
			    "[@number='9']/*/*/@communesStated)"), scoped[k].stated_9);
			ck_assert_str_eq(xp(&other, "string(//*[local-name()='Criterion']"
			    "[@number='1']/*[@code='000.00.03.H98']/*/@communesMet)"), scoped[k].met_1);
			reply_free(&other);
		}
	}
	reply_free(&x); reply_free(&c); reply_free(&h);
	bc_buf_free(&cli);
	bc_buf_free(&dom);
}
END_TEST

/* The consolidated first quarter of 2019 sees the criteria as of 31 March: 98201's March
 * report (criteria 1–11) and the department's Q1 report (criterion 1 of 98101), not the
 * year's verification; the whole year's equals the ntm's figures. */
#define CRITERIA(rest) "string(//*[local-name()='Criteria']" rest ")"
#define Q1 "/api/v1/consolidated?type=ProgressReport&period=2019-Q1&under=98"

START_TEST(test_the_consolidated_report_gives_the_criteria_status_as_of_the_periods_end)
{
	static const char *const q1_rows[][3] = {
		{ "criteria", "communes", "5" }, { "criteria", "criterion 1", "2" },
		{ "criteria", "criterion 2", "1" }, { "criteria", "criterion 12", "0" },
		/* what the criteria rest on, under the XML's names */
		{ "restsOnProgressReport", "criterion 1", "2" },
		{ "restsOnVerification", "criterion 1", "0" },
	};
	const char *office = token_of("000.00.30.H98");
	struct office_docs d;
	struct reply x, y, c, h;
	struct csv_table t;
	struct bc_buf dom = { 0 };
	size_t i;

	file_office_docs(&d);
	http_as(&x, office, "GET", Q1, NULL, NULL, 0);
	ck_assert_msg(x.status == 200, "%ld %.1500s", x.status, x.body.data);
	ck_assert_msg(valid_against(&x, "consolidated-1.xsd"), "not valid: %.3000s", x.body.data);
	{
		const struct xpath_want want[] = {
			{ CRITERIA("/@asOf"), "2019-03-31" },
			{ CRITERIA("/@communes"), "5" },
			{ CRITERIA("/*[@number='1']/@communesMeeting"), "2" },
			{ CRITERIA("/*[@number='1']/@restsOnProgressReport"), "2" },
			{ CRITERIA("/*[@number='2']/@communesMeeting"), "1" },
			{ CRITERIA("/*[@number='12']/@communesMeeting"), "0" },
		};

		expect_xpaths(&x, want, sizeof(want) / sizeof(want[0]));
	}
	http_as(&y, office, "GET", "/api/v1/consolidated?type=ProgressReport&period=2019&under=98",
	    NULL, NULL, 0);
	ck_assert_msg(valid_against(&y, "consolidated-1.xsd"), "not valid: %.3000s", y.body.data);
	{
		const struct xpath_want want[] = {
			{ CRITERIA("/*[@number='1']/@communesMeeting"), "5" },
			{ CRITERIA("/*[@number='1']/@restsOnVerification"), "4" },
			{ CRITERIA("/*[@number='12']/@communesMeeting"), "4" },
		};

		expect_xpaths(&y, want, sizeof(want) / sizeof(want[0]));
	}

	http_as(&c, office, "GET", Q1 "&format=csv", NULL, NULL, 0);
	ck_assert_int_eq(c.status, 200);
	csv_parse(&t, c.body.data);
	for (i = 0; i < sizeof(q1_rows) / sizeof(q1_rows[0]); i++) {
		const char *match[] = { q1_rows[i][0], q1_rows[i][1] };
		const struct csv_row *r = csv_find(&t, match, 2);

		ck_assert_uint_eq(r->n, 3);
		ck_assert_msg(strcmp(r->f[2], q1_rows[i][2]) == 0, "%s %s: %s, not %s",
		    q1_rows[i][0], q1_rows[i][1], r->f[2], q1_rows[i][2]);
	}
	csv_free(&t);

	http_as(&h, office, "GET", Q1 "&format=html", NULL, NULL, 0);
	ck_assert_int_eq(h.status, 200);
	ck_assert_ptr_nonnull(strstr(h.body.data, "@media print"));
	ck_assert_ptr_nonnull(strstr(h.body.data, " individuals, "));	/* the XML's figures */
	ck_assert_ptr_nonnull(strstr(h.body.data, "<th>units</th>"));
	browser_render(&h, "consolidated", &dom);
	ck_assert_msg(strstr(dom.data, "criteria status as of 2019-03-31") != NULL, "heading");
	ck_assert_msg(strstr(dom.data, "<td>1</td><td><div class=\"bar\"><div style=\"width:40%\">"
	    "</div></div>2 / 5</td>") != NULL, "criterion 1: 2 of 5 communes, a bar at 40%%");
	ck_assert_msg(strstr(dom.data, "<td>12</td><td><div class=\"bar\"><div style=\"width:0%\">"
	    "</div></div>0 / 5</td>") != NULL, "criterion 12: none");
	reply_free(&x); reply_free(&y); reply_free(&c); reply_free(&h);
	bc_buf_free(&dom);
}
END_TEST

#undef CRITERIA
#undef Q1

/* --- client certificates, through nginx's TLS listener --- */

/* What main makes before the tests: a certificate of the stack's clients' CA registered for
 * 32072 (baocaoctl cert add), one of the same CA registered for nobody, a self-signed one
 * the CA never saw, and one more registered for 32072, for a test to revoke. */
enum { CERT_REGISTERED, CERT_UNREGISTERED, CERT_SELF_SIGNED, CERT_TO_REVOKE };

static struct {
	const char *name;
	int by_ca;
	const char *registered_for;
	char cert[1200], key[1200], fingerprint[41];
} client_certs[] = {
	[CERT_REGISTERED] = { "registered", 1, "32072", "", "", "" },
	[CERT_UNREGISTERED] = { "unregistered", 1, NULL, "", "", "" },
	[CERT_SELF_SIGNED] = { "self-signed", 0, NULL, "", "", "" },
	[CERT_TO_REVOKE] = { "to-revoke", 1, "32072", "", "", "" },
};

/* The certificates under TLS_DIR/clients, with openssl as a province's CA would use it, and
 * their SHA-1 fingerprints as nginx's $ssl_client_fingerprint gives them. 0, or -1. */
static int
make_client_certs(const char *tls_dir)
{
	char cmd[6000], args[256];
	struct bc_buf out = { 0 };
	size_t i;
	int rc = -1;

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/clients'", tls_dir);
	if (system(cmd) != 0)
		goto cleanup;
	for (i = 0; i < sizeof(client_certs) / sizeof(client_certs[0]); i++) {
		const char *name = client_certs[i].name;
		char *crt = client_certs[i].cert, *key = client_certs[i].key;

		snprintf(crt, sizeof(client_certs[i].cert), "%s/clients/%s.crt", tls_dir, name);
		snprintf(key, sizeof(client_certs[i].key), "%s/clients/%s.key", tls_dir, name);
		if (client_certs[i].by_ca)
			snprintf(cmd, sizeof(cmd), "openssl req -new -newkey ec -pkeyopt"
			    " ec_paramgen_curve:prime256v1 -nodes -keyout '%s' -subj /CN=%s 2>/dev/null |"
			    " openssl x509 -req -CA '%s/clients-ca.pem' -CAkey '%s/clients-ca.key'"
			    " -set_serial %ld%zu -days 2 -out '%s' >/dev/null 2>&1", key, name, tls_dir,
			    tls_dir, (long)getpid(), i, crt);
		else
			snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey ec -pkeyopt"
			    " ec_paramgen_curve:prime256v1 -nodes -keyout '%s' -out '%s' -days 2"
			    " -subj /CN=%s >/dev/null 2>&1", key, crt, name);
		if (system(cmd) != 0) {
			fprintf(stderr, "e2e: openssl could not make %s\n", crt);
			goto cleanup;
		}
		/* "SHA1 Fingerprint=AB:CD:…" as nginx writes it: lower case, no colons */
		snprintf(cmd, sizeof(cmd), "openssl x509 -in '%s' -noout -fingerprint -sha1 |"
		    " sed 's/.*=//; s/://g' | tr A-F a-f", crt);
		bc_buf_reset(&out);
		if (tc_command(cmd, &out) != 0 || out.len != 41 || out.data[40] != '\n')
			goto cleanup;
		snprintf(client_certs[i].fingerprint, sizeof(client_certs[i].fingerprint), "%.40s",
		    out.data);
		if (client_certs[i].registered_for != NULL) {
			snprintf(args, sizeof(args), "cert add %s %s", client_certs[i].registered_for,
			    client_certs[i].fingerprint);
			if (tc_ctl(args, NULL, 0) != 0)
				goto cleanup;
		}
	}
	rc = 0;
cleanup:
	bc_buf_free(&out);
	return rc;
}

/* A filing over TLS with client certificate cert (-1: none) and token (NULL: none). */
static void
post_tls(struct reply *out, int cert, const char *token, const char *doc)
{
	const struct route via = { tls_url, cert >= 0 ? client_certs[cert].cert : NULL,
		cert >= 0 ? client_certs[cert].key : NULL, NULL };

	http_via(out, &via, token, "POST", "/api/v1/submissions", "application/xml", doc,
	    strlen(doc));
}

/* A refused filing: the status, the error document's Code, and nothing stored. */
static void
assert_refused(struct reply *r, long status, const char *code, const char *id)
{
	char got[64];

	ck_assert_msg(r->status == status, "%ld, not %ld: %.1500s", r->status, status,
	    r->body.data);
	ck_assert_str_eq(xpath(r, "string(/e:Error/e:Code)", got, sizeof(got)), code);
	ck_assert_int_eq(xpath_num(r, "number(/e:Error/@status)"), status);
	ck_assert_int_eq(db_number("SELECT COUNT(*) FROM submissions WHERE document_id = '%s'", id),
	    0);
}

START_TEST(test_a_registered_client_certificate_files_as_its_unit)
{
	char id[37], *doc = report_for("32072", id, 70), got[80], sha[65];
	struct reply r;

	post_tls(&r, CERT_REGISTERED, NULL, doc);
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:FiledBy/@code)", got, sizeof(got)), "32072");
	db_string("SELECT filed_by FROM submissions WHERE document_id = '%s'", id, got, sizeof(got));
	ck_assert_str_eq(got, "32072");
	sha256_hex(doc, strlen(doc), sha);
	db_string("SELECT SHA2(body, 256) FROM submissions WHERE document_id = '%s'", id, got,
	    sizeof(got));
	ck_assert_str_eq(got, sha);
	reply_free(&r);
	free(doc);
}
END_TEST

START_TEST(test_a_client_certificate_files_only_for_its_unit)
{
	char id[37], *doc = report_for("32071", id, 71);
	struct reply r;

	post_tls(&r, CERT_REGISTERED, NULL, doc);
	assert_refused(&r, 403, "forbidden", id);
	reply_free(&r);
	free(doc);
}
END_TEST

/* One the clients' CA signed but nobody registered (the service refuses it), and one the CA
 * never signed (nginx refuses it before the service sees the request, with the same 401). */
START_TEST(test_a_certificate_that_is_no_credential_is_401)
{
	char id[37], *doc = report_for("32072", id, 76 + _i), www[128];
	struct reply r;

	post_tls(&r, _i, NULL, doc);
	assert_refused(&r, 401, "unauthorized", id);
	ck_assert_str_eq(tc_header(&r.headers, "WWW-Authenticate", www, sizeof(www)),
	    "Bearer realm=\"baocao\"");
	reply_free(&r);
	free(doc);
}
END_TEST

/* What nginx would say about a verified certificate, sent as request headers on the plain
 * listener: they arrive as HTTP_SSL_CLIENT_*, never as nginx's own parameters. */
START_TEST(test_certificate_headers_sent_by_the_client_are_not_credentials)
{
	char id[37], *doc = report_for("32072", id, 74), fp[120];
	const char *headers[] = { "SSL-Client-Verify: SUCCESS", fp, NULL };
	const struct route plain = { base_url, NULL, NULL, headers };
	const struct route tls = { tls_url, NULL, NULL, headers };
	struct reply a, b;

	snprintf(fp, sizeof(fp), "SSL-Client-Fingerprint: %s",
	    client_certs[CERT_REGISTERED].fingerprint);
	http_via(&a, &plain, NULL, "POST", "/api/v1/submissions", "application/xml", doc,
	    strlen(doc));
	assert_refused(&a, 401, "unauthorized", id);
	http_via(&b, &tls, NULL, "POST", "/api/v1/submissions", "application/xml", doc,
	    strlen(doc));
	assert_refused(&b, 401, "unauthorized", id);
	reply_free(&a);
	reply_free(&b);
	free(doc);
}
END_TEST

START_TEST(test_a_revoked_certificate_is_401_from_then_on)
{
	char id[37], id2[37], *doc = report_for("32072", id, 79), *doc2 = report_for("32072", id2, 80);
	char args[128];
	struct reply a, b;

	post_tls(&a, CERT_TO_REVOKE, NULL, doc);
	ck_assert_msg(a.status == 201, "%ld %.1500s", a.status, a.body.data);
	snprintf(args, sizeof(args), "cert revoke %s", client_certs[CERT_TO_REVOKE].fingerprint);
	ck_assert_int_eq(tc_ctl(args, NULL, 0), 0);
	post_tls(&b, CERT_TO_REVOKE, NULL, doc2);
	assert_refused(&b, 401, "unauthorized", id2);
	reply_free(&a);
	reply_free(&b);
	free(doc);
	free(doc2);
}
END_TEST

START_TEST(test_a_token_works_over_tls_as_over_plain_http)
{
	char id[37], *doc = report_for("32072", id, 75), got[80];
	struct reply r;

	post_tls(&r, -1, token_of("32072"), doc);
	ck_assert_msg(r.status == 201, "%ld %.1500s", r.status, r.body.data);
	ck_assert_str_eq(xpath(&r, "string(/r:Receipt/r:FiledBy/@code)", got, sizeof(got)), "32072");
	reply_free(&r);
	free(doc);
}
END_TEST

static Suite *
suite_e2e(void)
{
	Suite *s = suite_create("e2e");
	TCase *tc = tcase_create("http"), *tls = tcase_create("client certificates");

	tcase_set_timeout(tc, 60);
	list_valid_examples();
	tcase_add_loop_test(tc, test_valid_example_is_stored_and_read_back_byte_for_byte, 0, nvalid);
	tcase_add_loop_test(tc, test_valid_examples_pass_xmllint_too, 0, nvalid);
	tcase_add_test(tc, test_same_document_twice_answers_the_original_receipt);
	tcase_add_test(tc, test_same_document_id_with_other_bytes_is_a_conflict);
	tcase_add_test(tc, test_revisions_are_numbered_and_a_stale_supersedes_is_refused);
	tcase_add_test(tc, test_fact_text_is_stored_as_written);
	tcase_add_test(tc, test_a_units_submissions_are_listed_newest_revision_first);
	tcase_add_test(tc, test_a_units_submissions_are_listed_latest_period_first);
	tcase_add_loop_test(tc, test_a_compressed_body_is_415_and_nothing_is_stored, 0, 2);
	tcase_add_loop_test(tc, test_content_types_that_disagree_are_415_and_nothing_is_stored, 0,
	    (int)(sizeof(content_type_cases) / sizeof(content_type_cases[0])));
	tcase_add_loop_test(tc, test_two_authorization_lines_are_400_and_nothing_is_stored, 0, 2);
	tcase_add_test(tc, test_an_empty_body_is_400_saying_so);
	tcase_add_test(tc, test_every_answer_names_its_request);
	tcase_add_test(tc, test_a_token_in_the_query_string_is_not_logged);
	tcase_add_loop_test(tc, test_a_bad_query_parameter_is_422_naming_it, 0,
	    sizeof(bad_queries) / sizeof(bad_queries[0]));
	tcase_add_test(tc, test_supersedes_naming_another_report_is_refused);
	tcase_add_test(tc, test_every_invalid_example_is_answered_as_its_sidecar_says);
	tcase_add_test(tc, test_a_refused_document_leaves_nothing_stored);
	tcase_add_test(tc, test_a_body_over_the_limit_is_413_as_an_xml_error);
	tcase_add_test(tc, test_a_body_that_is_not_xml_is_415);
	tcase_add_test(tc, test_malformed_xml_is_400_with_line_and_column);
	tcase_add_test(tc, test_a_windows_1258_document_is_kept_as_sent_and_read_as_nfc);
	tcase_add_test(tc, test_unknown_submission_is_404_and_schemas_are_published);
	tcase_add_test(tc, test_health_says_the_database_is_up);
	tcase_add_test(tc, test_wrong_method_is_405_naming_the_allowed_one);
	tcase_add_test(tc, test_a_killed_worker_is_replaced_and_the_service_keeps_answering);
	tcase_add_test(tc, test_no_or_unknown_credentials_are_401);
	tcase_add_test(tc, test_a_commune_filing_for_its_neighbour_is_403);
	tcase_add_test(tc, test_a_granted_district_files_for_its_commune_and_the_receipt_names_both);
	tcase_add_test(tc, test_the_office_files_for_its_province_only);
	tcase_add_test(tc, test_reading_follows_the_same_lines);
	tcase_add_test(tc, test_a_revoked_token_is_refused);
	tcase_add_test(tc, test_an_unknown_unit_is_422_naming_the_code);
	tcase_add_test(tc, test_a_late_report_is_marked_late_and_an_ad_hoc_one_before_its_due_date_on_time);
	tcase_add_test(tc, test_an_ad_hoc_report_without_a_request_for_its_unit_is_422);
	tcase_add_test(tc, test_a_second_answer_to_a_request_is_its_revision);
	tcase_add_test(tc, test_completeness_of_an_ad_hoc_request_lists_the_units_it_asks);
	tcase_add_test(tc, test_a_commune_formed_mid_year_answers_an_ad_hoc_request);
	tcase_add_test(tc, test_the_answers_to_one_request_stay_together_in_the_history);
	tcase_add_loop_test(tc, test_a_request_to_a_unit_that_cannot_answer_is_refused, 0, 2);
	tcase_add_test(tc, test_every_unit_a_request_cannot_ask_is_named);
	tcase_add_test(tc, test_under_defaults_to_what_the_caller_reads);
	tcase_add_test(tc, test_a_unit_merged_away_cannot_file_for_a_period_after_its_end);
	tcase_add_loop_test(tc, test_a_department_reports_on_communes_of_its_province_only, 0, 3);
	tcase_add_test(tc, test_the_office_registers_an_ad_hoc_request_over_http);
	tcase_add_test(tc, test_the_office_reads_the_request_it_registered_at_its_location);
	tcase_add_test(tc, test_a_request_code_its_url_would_change_is_refused);
	tcase_add_test(tc, test_a_unit_asked_reads_the_request_and_nobody_else_does);
	tcase_add_test(tc, test_the_requests_list_shows_each_reader_what_concerns_it);
	tcase_add_test(tc, test_completeness_of_a_district_in_xml_csv_and_html);
	tcase_add_test(tc, test_completeness_of_the_country_has_the_filings_of_every_province);
	tcase_add_test(tc, test_recognition_follows_the_newest_verification);
	tcase_add_test(tc, test_the_consolidated_quarter_sums_months_and_lists_the_missing);
	tcase_add_test(tc, test_ntm_of_a_province_with_targets_since_change_and_departments);
	tcase_add_test(tc, test_the_consolidated_report_gives_the_criteria_status_as_of_the_periods_end);
	suite_add_tcase(s, tc);

	tcase_set_timeout(tls, 60);
	tcase_add_test(tls, test_a_registered_client_certificate_files_as_its_unit);
	tcase_add_test(tls, test_a_client_certificate_files_only_for_its_unit);
	tcase_add_loop_test(tls, test_a_certificate_that_is_no_credential_is_401, CERT_UNREGISTERED,
	    CERT_SELF_SIGNED + 1);
	tcase_add_test(tls, test_certificate_headers_sent_by_the_client_are_not_credentials);
	tcase_add_test(tls, test_a_revoked_certificate_is_401_from_then_on);
	tcase_add_test(tls, test_a_token_works_over_tls_as_over_plain_http);
	suite_add_tcase(s, tls);
	return s;
}

/* The suite's own credentials and fixtures, made with the real admin tool. */
static int
issue_tokens(void)
{
	char args[1024];
	size_t i;

	snprintf(args, sizeof(args), "units import '%s/tests/fixtures/units-merged.csv' "
	    "'%s/tests/fixtures/units-office.csv' '%s/tests/fixtures/units-adhoc.csv'", repo, repo,
	    repo);
	if (tc_ctl(args, NULL, 0) != 0) {
		fprintf(stderr, "e2e: cannot import the fixtures\n");
		return -1;
	}
	/* the request the ad hoc example answers (make run registers it too) */
	tc_ctl("request add YC-2024-007 2024-05-31 'Báo cáo đột xuất' 000.00.30.H12 32072 967 "
	    "000.00.12.H12 000.00.30.H12",
	    NULL, 0);
	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
		snprintf(args, sizeof(args), "token issue '%s' e2e", tokens[i].code);
		if (tc_ctl(args, tokens[i].token, sizeof(tokens[i].token)) != 0 ||
		    strlen(tokens[i].token) != 64) {
			fprintf(stderr, "e2e: cannot issue a token for %s\n", tokens[i].code);
			return -1;
		}
	}
	return 0;
}

int
main(void)
{
	const char *tls_dir;
	SRunner *sr;
	int failed;

	run_salt = (long)getpid();
	base_url = tc_env("BAOCAO_URL", "http://127.0.0.1:8081");
	repo = tc_env("BAOCAO_REPO", ".");
	db_socket = tc_env("BAOCAO_DB_SOCKET", "var/test/run/mysqld.sock");
	max_body = strtol(tc_env("BAOCAO_MAX_BODY", "8388608"), NULL, 10);
	tls_url = tc_env("BAOCAO_TLS_URL", "https://127.0.0.1:8082");
	tls_dir = tc_env("BAOCAO_TLS_DIR", "var/test/tls");
	snprintf(tls_server_cert, sizeof(tls_server_cert), "%s/server.crt", tls_dir);
	if (issue_tokens() != 0 || make_client_certs(tls_dir) != 0) {
		fprintf(stderr, "e2e: cannot set up tokens and client certificates\n");
		return EXIT_FAILURE;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	sr = srunner_create(suite_e2e());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	curl_global_cleanup();
	mysql_library_end();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
