/*
 * check_faults — faults under load through the real stack (issue 6): nothing acknowledged is
 * lost, nothing is half-stored, and the service heals by itself.
 *
 *   (a) Several clients file distinct reports for a few seconds while workers are killed
 *       with SIGKILL: the supervisor replaces them, the service keeps answering, and every
 *       report that got a 201 is in the database with the SHA-256 its receipt states.
 *   (b) The same while MariaDB is stopped (scripts/stack db-stop) and started again 3 s later:
 *       meanwhile every answer is a 201 or a 503 with Retry-After (the XML error document),
 *       /healthz says 503, and every error line logged names its request; afterwards the
 *       workers reconnect by themselves, every 201 is stored with its SHA-256, and no
 *       submission lacks its facts.
 *   (c) 50 clients send the same new document at once: exactly one row, one 201, every other
 *       answer a 200, every receipt byte-identical.
 *   (d) Clients send different new revisions of one report at once: all 201, the revision
 *       numbers are exactly base+1 … base+N, in the order of their receipt numbers.
 *   (e) SIGHUP to the supervisor while clients file: every worker is replaced, every answer
 *       meanwhile is a 201 and stored, and the supervisor keeps its pid; a configuration that
 *       does not load is refused (logged, the same workers serve on); a changed one takes
 *       effect (max_body lowered: 413; restored: 201), except `listen`, which keeps the socket
 *       and says so.
 *
 * A request that meets a dying worker is answered by nginx with 502 (the XML error document):
 * its report may or may not have been stored, so it is sent again afterwards and must then be
 * answered 201 or 200 with the same SHA-256. Everything is bounded in time and runs on the
 * loopback only; there are no timing asserts but coarse bounds.
 *
 * Reports are Xã Trí Phải's (32071) for months of 2011–2019 and Huyện U Minh's (966) for
 * 2010 (years of the 2010–2020 criteria set), prepared by "check_faults", so every run adds
 * revisions to reports of its own. Environment as for every stack test (scripts/test-stack).
 */
#define _GNU_SOURCE	/* memmem */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <mysql.h>
#include <openssl/evp.h>
#include <uuid/uuid.h>

#include "baocao/buf.h"
#include "stack_client.h"

#define LOAD_CLIENTS 4
#define SAME_DOCUMENT_CLIENTS 50
#define REVISION_CLIENTS 10

static const char *base_url, *repo, *db_socket, *conf;
static char commune_token[256], district_token[256];
static char stack_dir[1024], run_dir[1100];
static char *commune_template, *district_template;	/* with @ID@ and @MONTH@ */

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
sleep_s(double s)
{
	struct timespec t = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&t, &t) != 0)
		;
}

/* --- documents ------------------------------------------------------------------------------ */

/* The text of the first <tag>…</tag> replaced by `text`. */
static char *
replace_element(const char *doc, const char *tag, const char *text)
{
	char open[64], close[64];
	const char *a, *b;
	struct bc_buf out = { 0 };

	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	if ((a = strstr(doc, open)) == NULL || (b = strstr(a, close)) == NULL)
		return NULL;
	a += strlen(open);
	bc_buf_append(&out, doc, (size_t)(a - doc));
	bc_buf_puts(&out, text);
	bc_buf_puts(&out, b);
	return out.data;
}

/* Who prepared the reports this suite files: it tells them from any other suite's. */
#define PREPARED_BY "check_faults"

/* The commune example (Xã Trí Lực, 32072) as Xã Trí Phải's (32071) report on itself, with
 * DocumentId @ID@ and month @MONTH@: 19 criteria, 5 amounts, 3 indicators. */
static char *
commune_report_template(void)
{
	char path[1200];
	char *raw, *a, *b, *c, *d;

	snprintf(path, sizeof(path), "%s/schemas/examples/commune-monthly.xml", repo);
	if ((raw = tc_read_file(path, NULL)) == NULL)
		return NULL;
	/* the example's criteria are met since 2023-12-20, after the months used here */
	d = tc_replace_all(raw, "since=\"2023-12-20\"", "since=\"2009-12-20\"");
	a = tc_replace_all(d, "code=\"32072\"", "code=\"32071\"");
	free(d);
	b = a != NULL ? replace_element(a, "DocumentId", "@ID@") : NULL;
	c = b != NULL ? replace_element(b, "Month", "@MONTH@") : NULL;
	free(raw);
	free(a);
	a = c != NULL ? replace_element(c, "PreparedBy", PREPARED_BY) : NULL;
	free(b);
	free(c);
	return a;
}

/* A monthly report of Huyện U Minh (966) on two of its communes. */
static char *
district_report_template(void)
{
	return strdup("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ProgressReport xmlns=\"urn:baocao:ntm:1\">\n"
	    "  <Header>\n"
	    "    <DocumentId>@ID@</DocumentId>\n"
	    "    <ReportingUnit code=\"966\"/>\n"
	    "    <Period><Month>@MONTH@</Month></Period>\n"
	    "    <PreparedBy>Lê Văn Tám</PreparedBy>\n"
	    "    <PreparedAt>2011-01-20T08:00:00+07:00</PreparedAt>\n"
	    "  </Header>\n"
	    "  <Criteria>\n"
	    "    <Commune code=\"32044\">\n"
	    "      <Criterion number=\"1\" status=\"met\"/>\n"
	    "      <Criterion number=\"2\" status=\"not-met\"/>\n"
	    "    </Commune>\n"
	    "    <Commune code=\"32047\">\n"
	    "      <Criterion number=\"1\" status=\"met\"/>\n"
	    "    </Commune>\n"
	    "  </Criteria>\n"
	    "  <Resources>\n"
	    "    <Amount source=\"local-budget\">120000000</Amount>\n"
	    "  </Resources>\n"
	    "</ProgressReport>\n");
}

static char *
make_doc(const char *template, const char *id, const char *month)
{
	char *a = tc_replace_all(template, "@ID@", id), *b = tc_replace_all(a, "@MONTH@", month);

	free(a);
	return b;
}


static void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0, i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[64] = '\0';
}

/* --- HTTP ----------------------------------------------------------------------------------- */

struct reply {
	long status;
	CURLcode rc;
	struct bc_buf body;
	struct bc_buf headers;
};

static void
reply_free(struct reply *r)
{
	bc_buf_free(&r->body);
	bc_buf_free(&r->headers);
}

/* One request on handle c (kept between calls, so connections are reused). */
static void
perform(CURL *c, struct reply *out, const char *token, const char *method, const char *path,
    const char *body, size_t len)
{
	struct curl_slist *hdrs = NULL;
	char url[1024], auth[320];

	memset(out, 0, sizeof(*out));
	snprintf(url, sizeof(url), "%s%s", base_url, path);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, tc_curl_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, tc_curl_collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 90L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (token != NULL) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
		hdrs = curl_slist_append(hdrs, auth);
	}
	if (body != NULL) {
		hdrs = curl_slist_append(hdrs, "Content-Type: application/xml");
		hdrs = curl_slist_append(hdrs, "Expect:");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	out->rc = curl_easy_perform(c);
	if (out->rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(hdrs);
	if (out->body.data == NULL)
		bc_buf_puts(&out->body, "");
	if (out->headers.data == NULL)
		bc_buf_puts(&out->headers, "");
}

/* XPath string value over an answer (r: receipt, e: error); "" when it is not XML. */
static const char *
xpath(const struct reply *r, const char *expr, char *buf, size_t size)
{
	tc_xpath(&r->body, expr, buf, size);
	return buf;
}

/* --- the stack -------------------------------------------------------------------------------- */



/* scripts/stack db-stop / db-start on the stack the tests run against. */
static int
stack_command(const char *what)
{
	char cmd[3000];
	int rc;

	snprintf(cmd, sizeof(cmd), "'%s/scripts/stack' %s '%s' >/dev/null 2>&1", repo, what,
	    stack_dir);
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int
database_up(void)
{
	MYSQL *m = mysql_init(NULL);
	unsigned timeout = 2;
	int up;

	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	up = mysql_real_connect(m, NULL, "baocao", "baocao", "baocao", 0, db_socket, 0) != NULL;
	mysql_close(m);
	return up;
}

/* The service's log: its size now, and the lines written since an offset. */
static long
log_size(void)
{
	char path[1100];
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/log/baocao.log", stack_dir);
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

/* Lines written to the service's log since offset that contain needle; the first one into buf
 * (buf may be NULL); -1 when there is no log. */
static long
log_lines(long offset, const char *needle, char *buf, size_t size)
{
	char path[1100], line[4096];
	long n = 0;
	FILE *f;

	if (buf != NULL)
		buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/log/baocao.log", stack_dir);
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	fseek(f, offset, SEEK_SET);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, needle) != NULL && n++ == 0 && buf != NULL)
			snprintf(buf, size, "%s", line);
	fclose(f);
	return n;
}

/* Error lines written since offset that name no request (rid=-); the first one into buf. */
static long
anonymous_error_lines(long offset, char *buf, size_t size)
{
	return log_lines(offset, "] error rid=- ", buf, size);
}

/* --- load: clients filing distinct reports until told to stop -------------------------------- */

struct outcome {
	char id[37];
	char sha[65];		/* of the bytes sent */
	char receipt_sha[65];	/* as the receipt states it */
	char code[48];		/* the error document's Code */
	long status;		/* 0: no HTTP answer */
	int retry_after;	/* the header's value, -1 when absent */
	double at;		/* seconds since the load started, when the answer came */
	char *doc;		/* kept for the answers that must be sent again */
};

struct client {
	pthread_t thread;
	int index;
	const char *token;
	const char *template;
	int first_year;		/* months of first_year … first_year + years - 1 */
	int years;
	double started;
	struct outcome *out;
	size_t n, cap;
};

static volatile int load_stop;

static void
record(struct outcome *o, const struct reply *r, double at)
{
	char buf[128];

	o->status = r->rc == CURLE_OK ? r->status : 0;
	o->at = at;
	o->retry_after = -1;
	if (o->status == 200 || o->status == 201)
		xpath(r, "string(/r:Receipt/r:Sha256)", o->receipt_sha, sizeof(o->receipt_sha));
	else if (o->status >= 400) {
		xpath(r, "string(/e:Error/e:Code)", o->code, sizeof(o->code));
		if (tc_header(&r->headers, "Retry-After", buf, sizeof(buf))[0] != '\0')
			o->retry_after = atoi(buf);
	}
}

static void *
client_main(void *arg)
{
	struct client *cl = arg;
	CURL *c = curl_easy_init();
	unsigned k;

	for (k = 0; !load_stop && c != NULL; k++) {
		int slot = (int)((unsigned)cl->index * 12u + k) % (cl->years * 12);
		char month[16];
		struct outcome *o;
		struct reply r;

		if (cl->n == cl->cap) {
			struct outcome *grown;

			cl->cap = cl->cap ? cl->cap * 2 : 256;
			if ((grown = realloc(cl->out, cl->cap * sizeof(*grown))) == NULL)
				break;
			cl->out = grown;
		}
		o = &cl->out[cl->n];
		memset(o, 0, sizeof(*o));
		snprintf(month, sizeof(month), "%04d-%02d", cl->first_year + slot / 12, slot % 12 + 1);
		tc_new_uuid(o->id);
		o->doc = make_doc(cl->template, o->id, month);
		sha256_hex(o->doc, strlen(o->doc), o->sha);
		perform(c, &r, cl->token, "POST", "/api/v1/submissions", o->doc, strlen(o->doc));
		record(o, &r, now_s() - cl->started);
		reply_free(&r);
		cl->n++;
		/* a refused client waits a little, as one honouring Retry-After would */
		if (o->status != 201)
			sleep_s(0.1);
	}
	if (c != NULL)
		curl_easy_cleanup(c);
	return NULL;
}

static void
start_load(struct client *cl, int n, const char *token, const char *template, int first_year,
    int years)
{
	double t0 = now_s();
	int i;

	load_stop = 0;
	for (i = 0; i < n; i++) {
		memset(&cl[i], 0, sizeof(cl[i]));
		cl[i].index = i;
		cl[i].token = token;
		cl[i].template = template;
		cl[i].first_year = first_year;
		cl[i].years = years;
		cl[i].started = t0;
		ck_assert_int_eq(pthread_create(&cl[i].thread, NULL, client_main, &cl[i]), 0);
	}
}

static void
stop_load(struct client *cl, int n)
{
	int i;

	load_stop = 1;
	for (i = 0; i < n; i++)
		pthread_join(cl[i].thread, NULL);
}

static void
free_load(struct client *cl, int n)
{
	size_t k;
	int i;

	for (i = 0; i < n; i++) {
		for (k = 0; k < cl[i].n; k++)
			free(cl[i].out[k].doc);
		free(cl[i].out);
	}
}

/* Answers with this status, over all clients. */
static size_t
count_status(const struct client *cl, int n, long status)
{
	size_t k, c = 0;
	int i;

	for (i = 0; i < n; i++)
		for (k = 0; k < cl[i].n; k++)
			c += cl[i].out[k].status == status;
	return c;
}

/*
 * What must hold afterwards for every report sent under load: a 201's receipt states the
 * SHA-256 of the bytes sent and the row holds exactly those bytes; a report answered
 * otherwise is sent again (it may have been stored before the answer was lost) and is then
 * answered 201 or 200 with the same SHA-256; each is stored once, with all of its facts.
 */
static void
verify_everything_stored(struct client *cl, int n, const char *what)
{
	MYSQL *m = tc_db_open(NULL);
	CURL *c = curl_easy_init();
	char sql[512], got[256];
	size_t k, resent = 0;
	int i;

	for (i = 0; i < n; i++) {
		for (k = 0; k < cl[i].n; k++) {
			struct outcome *o = &cl[i].out[k];

			if (o->status == 201) {
				ck_assert_msg(strcmp(o->receipt_sha, o->sha) == 0,
				    "%s: the receipt of %s states SHA-256 %s, the bytes sent have %s",
				    what, o->id, o->receipt_sha, o->sha);
			} else {
				struct reply r;

				perform(c, &r, cl[i].token, "POST", "/api/v1/submissions", o->doc,
				    strlen(o->doc));
				ck_assert_msg(r.rc == CURLE_OK && (r.status == 200 || r.status == 201),
				    "%s: %s, first answered %ld, sent again: %ld %s", what, o->id,
				    o->status, r.status, r.body.data);
				xpath(&r, "string(/r:Receipt/r:Sha256)", got, sizeof(got));
				ck_assert_msg(strcmp(got, o->sha) == 0, "%s: %s sent again: receipt "
				    "SHA-256 %s, the bytes have %s", what, o->id, got, o->sha);
				reply_free(&r);
				resent++;
			}
			snprintf(sql, sizeof(sql), "SELECT CONCAT(COUNT(*), ' ', MIN(sha256), ' ',"
			    " MIN(SHA2(body, 256))) FROM submissions WHERE document_id = '%s'", o->id);
			tc_db_text(m, sql, got, sizeof(got));
			{
				char want[200];

				snprintf(want, sizeof(want), "1 %s %s", o->sha, o->sha);
				ck_assert_msg(strcmp(got, want) == 0, "%s: %s (answered %ld): the "
				    "database has '%s', expected '%s'", what, o->id, o->status, got,
				    want);
			}
			/* the commune example states 19 criteria, 5 amounts and 3 indicators */
			snprintf(sql, sizeof(sql), "SELECT CONCAT("
			    "(SELECT IFNULL(SUM(LENGTH(REPLACE(met, '-', ''))), 0) FROM fact_criteria WHERE submission_id = s.id), ' ',"
			    "(SELECT COUNT(*) FROM fact_amount WHERE submission_id = s.id), ' ',"
			    "(SELECT COUNT(*) FROM fact_indicator WHERE submission_id = s.id))"
			    " FROM submissions s WHERE document_id = '%s'", o->id);
			tc_db_text(m, sql, got, sizeof(got));
			ck_assert_msg(strcmp(got, "19 5 3") == 0, "%s: %s has facts '%s', not "
			    "'19 5 3'", what, o->id, got);
		}
	}
	fprintf(stderr, "faults: %s: every report stored once with its SHA-256 and facts "
	    "(%zu sent again)\n", what, resent);
	curl_easy_cleanup(c);
	mysql_close(m);
}

/* No submission this suite filed for unit in [first, last] (periods as stored) without all
 * of its facts, whether its answer arrived or not. */
static void
verify_nothing_half_stored(const char *unit, const char *first, const char *last, int criteria,
    int amounts, int indicators)
{
	MYSQL *m = tc_db_open(NULL);
	char sql[1024];
	long long bad, all;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM submissions s WHERE unit_code = '%s'"
	    " AND period BETWEEN '%s' AND '%s' AND prepared_by = '" PREPARED_BY "'", unit, first,
	    last);
	all = tc_db_number(m, sql);
	ck_assert_msg(all > 0, "no submission of %s in %s…%s", unit, first, last);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM submissions s WHERE unit_code = '%s'"
	    " AND period BETWEEN '%s' AND '%s' AND prepared_by = '" PREPARED_BY "' AND ("
	    "(SELECT IFNULL(SUM(LENGTH(REPLACE(met, '-', ''))), 0) FROM fact_criteria WHERE submission_id = s.id) <> %d OR "
	    "(SELECT COUNT(*) FROM fact_amount WHERE submission_id = s.id) <> %d OR "
	    "(SELECT COUNT(*) FROM fact_indicator WHERE submission_id = s.id) <> %d)",
	    unit, first, last, criteria, amounts, indicators);
	bad = tc_db_number(m, sql);
	ck_assert_msg(bad == 0, "%lld of %lld submissions of %s in %s…%s lack facts", bad, all,
	    unit, first, last);
	/* and no fact without its submission */
	ck_assert_int_eq(tc_db_number(m, "SELECT COUNT(*) FROM fact_criteria f LEFT JOIN submissions s"
	    " ON s.id = f.submission_id WHERE s.id IS NULL"), 0);
	mysql_close(m);
}

/* The service answers /healthz 200 again within `seconds`. */
static int
healthy_within(double seconds)
{
	CURL *c = curl_easy_init();
	double t0 = now_s();
	int ok = 0;

	while (!ok && now_s() - t0 < seconds) {
		struct reply r;

		perform(c, &r, NULL, "GET", "/healthz", NULL, 0);
		ok = r.rc == CURLE_OK && r.status == 200;
		reply_free(&r);
		if (!ok)
			sleep_s(0.2);
	}
	curl_easy_cleanup(c);
	return ok;
}

/* --- (a) workers killed under load ----------------------------------------------------------- */

START_TEST(test_workers_killed_under_load_lose_no_acknowledged_report)
{
	struct client cl[LOAD_CLIENTS];
	pid_t sup = tc_supervisor_pid(run_dir), before[64], now[64], killed[2] = { 0, 0 };
	size_t nb, nn, k, after_kill = 0, total = 0;
	double t0 = now_s(), last_kill = 0;
	int i, j;

	ck_assert_msg(sup > 0, "no baocao.pid in %s", run_dir);
	nb = tc_workers_of(sup, before, 64);
	ck_assert_int_ge(nb, 2);
	start_load(cl, LOAD_CLIENTS, commune_token, commune_template, 2012, 3);
	for (j = 0; j < 2; j++) {
		sleep_s(1.5);
		nn = tc_workers_of(sup, now, 64);
		ck_assert_int_ge(nn, 1);
		killed[j] = now[(size_t)j % nn];
		ck_assert_int_eq(kill(killed[j], SIGKILL), 0);
		last_kill = now_s() - t0;
	}
	sleep_s(2.5);
	stop_load(cl, LOAD_CLIENTS);

	for (i = 0; i < LOAD_CLIENTS; i++)
		for (k = 0; k < cl[i].n; k++) {
			struct outcome *o = &cl[i].out[k];

			total++;
			ck_assert_msg(o->status == 201 || o->status == 502, "%s: answered %ld (%s)",
			    o->id, o->status, o->code);
			if (o->status == 502)
				ck_assert_msg(strcmp(o->code, "service-unavailable") == 0 &&
				    o->retry_after > 0, "a 502 without the XML error document or "
				    "Retry-After (code '%s', Retry-After %d)", o->code, o->retry_after);
			if (o->status == 201 && o->at > last_kill + 0.5)
				after_kill++;
		}
	fprintf(stderr, "faults: kill: %zu answers, %zu × 201, %zu × 502, %zu × 201 after the "
	    "last kill (workers %d and %d)\n", total, count_status(cl, LOAD_CLIENTS, 201),
	    count_status(cl, LOAD_CLIENTS, 502), after_kill, (int)killed[0], (int)killed[1]);
	ck_assert_msg(count_status(cl, LOAD_CLIENTS, 201) >= 20, "too little was filed to say "
	    "anything");
	ck_assert_msg(after_kill >= 5, "only %zu reports filed after the last kill", after_kill);

	/* the supervisor replaced both, and the service answers */
	for (j = 0; j < 100 && (nn = tc_workers_of(sup, now, 64)) != nb; j++)
		sleep_s(0.1);
	ck_assert_int_eq(nn, nb);
	for (k = 0; k < nn; k++)
		ck_assert_msg(now[k] != killed[0] && now[k] != killed[1],
		    "a killed worker is still there");
	ck_assert(healthy_within(10));
	verify_everything_stored(cl, LOAD_CLIENTS, "kill");
	verify_nothing_half_stored("32071", "2012-01", "2014-12", 19, 5, 3);
	free_load(cl, LOAD_CLIENTS);
}
END_TEST

/* --- (b) the database stopped under load ----------------------------------------------------- */

static void
restart_database(void)
{
	if (!database_up())
		stack_command("db-start");
}

START_TEST(test_a_database_outage_under_load_is_503_and_heals_by_itself)
{
	struct client cl[LOAD_CLIENTS];
	double t0, stopped_at, started_at, healed_at = -1;
	size_t k, during = 0, total = 0;
	CURL *c = curl_easy_init();
	struct reply h;
	char ra[32], line[4096], msg[512];
	long log_from, anonymous;
	int i, healed = 0;

	ck_assert(database_up());
	start_load(cl, LOAD_CLIENTS, commune_token, commune_template, 2015, 4);
	t0 = now_s();
	sleep_s(1.5);
	log_from = log_size();
	ck_assert_msg(stack_command("db-stop") == 0, "scripts/stack db-stop %s failed", stack_dir);
	stopped_at = now_s() - t0;
	ck_assert(!database_up());
	/* the health check says so, with Retry-After */
	perform(c, &h, NULL, "GET", "/healthz", NULL, 0);
	ck_assert_msg(h.rc == CURLE_OK && h.status == 503, "healthz during the outage: %ld",
	    h.status);
	ck_assert_msg(atoi(tc_header(&h.headers, "Retry-After", ra, sizeof(ra))) > 0, "healthz: no Retry-After");
	reply_free(&h);
	/* a read is refused the same way, and its message does not speak of storing */
	perform(c, &h, commune_token, "GET", "/api/v1/submissions", NULL, 0);
	ck_assert_msg(h.rc == CURLE_OK && h.status == 503, "a read during the outage: %ld",
	    h.status);
	ck_assert_msg(atoi(tc_header(&h.headers, "Retry-After", ra, sizeof(ra))) > 0,
	    "a read's 503 without Retry-After");
	ck_assert_msg(strstr(xpath(&h, "string(/e:Error/e:Message)", msg, sizeof(msg)), "stored")
	    == NULL, "a read's 503 says: %s", msg);
	reply_free(&h);
	sleep_s(3);
	ck_assert_msg(stack_command("db-start") == 0, "scripts/stack db-start %s failed", stack_dir);
	started_at = now_s() - t0;
	/* load goes on until the service has filed again by itself, at most 60 s */
	while (!healed && now_s() - t0 < started_at + 60) {
		sleep_s(0.5);
		for (i = 0; i < LOAD_CLIENTS && !healed; i++)
			for (k = cl[i].n > 50 ? cl[i].n - 50 : 0; k < cl[i].n; k++)
				if (cl[i].out[k].status == 201 && cl[i].out[k].at > started_at) {
					healed = 1;
					healed_at = cl[i].out[k].at;
					break;
				}
	}
	sleep_s(1);
	stop_load(cl, LOAD_CLIENTS);
	curl_easy_cleanup(c);

	for (i = 0; i < LOAD_CLIENTS; i++)
		for (k = 0; k < cl[i].n; k++) {
			struct outcome *o = &cl[i].out[k];

			total++;
			ck_assert_msg(o->status == 201 || o->status == 503, "%s at %.1f s: answered "
			    "%ld (%s)", o->id, o->at, o->status, o->code);
			if (o->status == 503) {
				ck_assert_msg(strcmp(o->code, "service-unavailable") == 0,
				    "a 503 with Code '%s'", o->code);
				ck_assert_msg(o->retry_after > 0, "a 503 without Retry-After");
				during++;
			}
		}
	fprintf(stderr, "faults: outage: %zu answers, %zu × 201, %zu × 503; stopped at %.1f s, "
	    "started at %.1f s, first 201 after that at %.1f s\n", total,
	    count_status(cl, LOAD_CLIENTS, 201), during, stopped_at, started_at, healed_at);
	ck_assert_msg(during >= 1, "no request met the outage");
	ck_assert_msg(healed, "no report was filed within 60 s after the database came back");
	ck_assert(healthy_within(10));
	verify_everything_stored(cl, LOAD_CLIENTS, "outage");
	verify_nothing_half_stored("32071", "2015-01", "2018-12", 19, 5, 3);
	free_load(cl, LOAD_CLIENTS);
	/* last, as the least of it: what the workers logged about the outage names the request
	 * that met it (the request id of the answer) */
	anonymous = anonymous_error_lines(log_from, line, sizeof(line));
	ck_assert_msg(anonymous == 0, "%ld error lines without a request id during the outage, "
	    "e.g.: %s", anonymous, line);
}
END_TEST

/* --- (c) and (d): many clients at once ----------------------------------------------------------- */

struct burst {
	pthread_t thread;
	pthread_barrier_t *go;
	const char *token;
	const char *doc;
	struct reply r;
};

static void *
burst_main(void *arg)
{
	struct burst *b = arg;
	CURL *c = curl_easy_init();

	/* connect first, so that the requests leave together after the barrier */
	pthread_barrier_wait(b->go);
	perform(c, &b->r, b->token, "POST", "/api/v1/submissions", b->doc, strlen(b->doc));
	curl_easy_cleanup(c);
	return NULL;
}

static void
run_burst(struct burst *b, int n)
{
	pthread_barrier_t go;
	int i;

	ck_assert_int_eq(pthread_barrier_init(&go, NULL, (unsigned)n), 0);
	for (i = 0; i < n; i++) {
		b[i].go = &go;
		ck_assert_int_eq(pthread_create(&b[i].thread, NULL, burst_main, &b[i]), 0);
	}
	for (i = 0; i < n; i++)
		pthread_join(b[i].thread, NULL);
	pthread_barrier_destroy(&go);
}

START_TEST(test_fifty_clients_sending_one_new_document_store_it_once)
{
	struct burst b[SAME_DOCUMENT_CLIENTS];
	char id[37], month[16], sql[256];
	size_t created = 0, replayed = 0;
	char *doc;
	MYSQL *m;
	int i;

	tc_new_uuid(id);
	snprintf(month, sizeof(month), "2019-%02d", (int)(getpid() % 12) + 1);
	doc = make_doc(commune_template, id, month);
	memset(b, 0, sizeof(b));
	for (i = 0; i < SAME_DOCUMENT_CLIENTS; i++) {
		b[i].token = commune_token;
		b[i].doc = doc;
	}
	run_burst(b, SAME_DOCUMENT_CLIENTS);
	for (i = 0; i < SAME_DOCUMENT_CLIENTS; i++) {
		ck_assert_msg(b[i].r.rc == CURLE_OK, "client %d: %s", i, curl_easy_strerror(b[i].r.rc));
		ck_assert_msg(b[i].r.status == 201 || b[i].r.status == 200, "client %d: %ld %s", i,
		    b[i].r.status, b[i].r.body.data);
		created += b[i].r.status == 201;
		replayed += b[i].r.status == 200;
		ck_assert_msg(b[i].r.body.len == b[0].r.body.len &&
		    memcmp(b[i].r.body.data, b[0].r.body.data, b[0].r.body.len) == 0,
		    "client %d got another receipt:\n%s\nthan client 0:\n%s", i, b[i].r.body.data,
		    b[0].r.body.data);
	}
	ck_assert_int_eq(created, 1);
	ck_assert_int_eq(replayed, SAME_DOCUMENT_CLIENTS - 1);
	m = tc_db_open(NULL);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM submissions WHERE document_id = '%s'", id);
	ck_assert_int_eq(tc_db_number(m, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT SUM(LENGTH(REPLACE(f.met, '-', ''))) FROM fact_criteria f JOIN submissions s ON "
	    "s.id = f.submission_id WHERE s.document_id = '%s'", id);
	ck_assert_int_eq(tc_db_number(m, sql), 19);
	mysql_close(m);
	for (i = 0; i < SAME_DOCUMENT_CLIENTS; i++)
		reply_free(&b[i].r);
	free(doc);
}
END_TEST

START_TEST(test_concurrent_revisions_get_distinct_numbers_in_receipt_order)
{
	struct burst b[REVISION_CLIENTS];
	char *docs[REVISION_CLIENTS], ids[REVISION_CLIENTS][37], month[16], sql[512];
	char want[512], got[512], buf[64];
	long rev[REVISION_CLIENTS], seen[REVISION_CLIENTS + 1];
	long long base;
	struct bc_buf w = { 0 };
	MYSQL *m = tc_db_open(NULL);
	int i;

	snprintf(month, sizeof(month), "2010-%02d", (int)(getpid() % 12) + 1);
	snprintf(sql, sizeof(sql), "SELECT IFNULL(MAX(revision), 0) FROM submissions WHERE "
	    "unit_code = '966' AND report_type = 'ProgressReport' AND period = '%s'", month);
	base = tc_db_number(m, sql);
	memset(b, 0, sizeof(b));
	for (i = 0; i < REVISION_CLIENTS; i++) {
		tc_new_uuid(ids[i]);
		docs[i] = make_doc(district_template, ids[i], month);
		b[i].token = district_token;
		b[i].doc = docs[i];
	}
	run_burst(b, REVISION_CLIENTS);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < REVISION_CLIENTS; i++) {
		ck_assert_msg(b[i].r.rc == CURLE_OK && b[i].r.status == 201, "client %d: %ld %s", i,
		    b[i].r.status, b[i].r.body.data);
		rev[i] = strtol(xpath(&b[i].r, "string(/r:Receipt/r:Revision)", buf, sizeof(buf)),
		    NULL, 10);
		ck_assert_msg(rev[i] > base && rev[i] <= base + REVISION_CLIENTS, "client %d: "
		    "revision %ld, expected %lld…%lld", i, rev[i], base + 1, base + REVISION_CLIENTS);
		ck_assert_msg(seen[rev[i] - base] == 0, "revision %ld given twice", rev[i]);
		seen[rev[i] - base] = 1;
	}
	/* in the database: exactly base+1 … base+N more, numbered in the order the service
	 * committed them, which is the order of their receipt numbers */
	for (i = 1; i <= REVISION_CLIENTS; i++)
		bc_buf_printf(&w, "%s%lld", i > 1 ? "," : "", base + i);
	snprintf(want, sizeof(want), "%s", w.data);
	snprintf(sql, sizeof(sql), "SELECT GROUP_CONCAT(revision ORDER BY revision) FROM "
	    "submissions WHERE unit_code = '966' AND period = '%s' AND revision > %lld", month, base);
	tc_db_text(m, sql, got, sizeof(got));
	ck_assert_str_eq(got, want);
	snprintf(sql, sizeof(sql), "SELECT GROUP_CONCAT(revision ORDER BY receipt_year, "
	    "receipt_seq) FROM submissions WHERE unit_code = '966' AND period = '%s' AND "
	    "revision > %lld", month, base);
	tc_db_text(m, sql, got, sizeof(got));
	ck_assert_msg(strcmp(got, want) == 0, "revisions in the order of their receipt numbers: %s",
	    got);
	mysql_close(m);
	for (i = 0; i < REVISION_CLIENTS; i++) {
		reply_free(&b[i].r);
		free(docs[i]);
	}
	bc_buf_free(&w);
}
END_TEST

/* --- (e) a reload under load ------------------------------------------------------------------ */

/* Within `seconds`, the supervisor has nb workers again and none of them is in before[]. */
static int
workers_replaced(pid_t sup, const pid_t *before, size_t nb, double seconds)
{
	double t0 = now_s();
	pid_t now[64];
	size_t n, i, j, old;

	do {
		n = tc_workers_of(sup, now, 64);
		for (old = 0, i = 0; i < n; i++)
			for (j = 0; j < nb; j++)
				old += now[i] == before[j];
		if (n == nb && old == 0)
			return 1;
		sleep_s(0.1);
	} while (now_s() - t0 < seconds);
	return 0;
}

/* The configuration text with the line of `key` replaced by `line` (NULL: appended). */
static char *
conf_with(const char *text, const char *key, const char *line)
{
	struct bc_buf b = { 0 };
	const char *p, *eol;
	size_t klen = key != NULL ? strlen(key) : 0;

	for (p = text; *p != '\0'; p = eol) {
		eol = strchr(p, '\n');
		eol = eol != NULL ? eol + 1 : p + strlen(p);
		if (key != NULL && strncmp(p, key, klen) == 0 && (p[klen] == ' ' || p[klen] == '='))
			bc_buf_printf(&b, "%s\n", line);
		else
			bc_buf_append(&b, p, (size_t)(eol - p));
	}
	if (key == NULL)
		bc_buf_printf(&b, "%s\n", line);
	ck_assert(!b.oom);
	return b.data;
}

static void
write_conf(const char *text)
{
	FILE *f = fopen(conf, "w");

	ck_assert_msg(f != NULL, "cannot write %s", conf);
	ck_assert(fputs(text, f) >= 0);
	ck_assert(fclose(f) == 0);
}

/* conf as text, a SIGHUP, and (when `replaced`) the workers all new within 30 s. */
static void
reload_with(pid_t sup, const char *text, int replaced)
{
	pid_t before[64];
	size_t nb = tc_workers_of(sup, before, 64);

	write_conf(text);
	ck_assert_int_eq(kill(sup, SIGHUP), 0);
	if (replaced)
		ck_assert_msg(workers_replaced(sup, before, nb, 30), "the workers were not replaced");
}

static long
file_one(const char *month, char *code, size_t size)
{
	CURL *c = curl_easy_init();
	char id[37], *doc;
	struct reply r;
	long status;

	tc_new_uuid(id);
	doc = make_doc(commune_template, id, month);
	perform(c, &r, commune_token, "POST", "/api/v1/submissions", doc, strlen(doc));
	status = r.status;
	xpath(&r, "string(/e:Error/e:Code)", code, size);
	reply_free(&r);
	curl_easy_cleanup(c);
	free(doc);
	return status;
}

START_TEST(test_a_reload_under_load_loses_nothing_and_a_broken_one_changes_nothing)
{
	struct client cl[LOAD_CLIENTS];
	pid_t sup = tc_supervisor_pid(run_dir), before[64], after[64];
	size_t nb, na, k, after_reload = 0;
	char *orig, *text, line[4096], code[64];
	double t0, reloaded;
	long from;
	int i;

	ck_assert_msg(sup > 0, "no baocao.pid in %s", run_dir);
	ck_assert_ptr_nonnull(orig = tc_read_file(conf, NULL));
	nb = tc_workers_of(sup, before, 64);
	ck_assert_int_ge(nb, 2);

	/* under load */
	start_load(cl, LOAD_CLIENTS, commune_token, commune_template, 2011, 1);
	t0 = now_s();
	sleep_s(1.5);
	ck_assert_int_eq(kill(sup, SIGHUP), 0);
	ck_assert_msg(workers_replaced(sup, before, nb, 30), "the workers were not replaced");
	reloaded = now_s() - t0;
	sleep_s(2);
	stop_load(cl, LOAD_CLIENTS);
	for (i = 0; i < LOAD_CLIENTS; i++)
		for (k = 0; k < cl[i].n; k++) {
			ck_assert_msg(cl[i].out[k].status == 201, "%s: answered %ld (%s) during a reload",
			    cl[i].out[k].id, cl[i].out[k].status, cl[i].out[k].code);
			after_reload += cl[i].out[k].at > reloaded;
		}
	fprintf(stderr, "faults: reload: %zu answers, all 201, %zu after the new workers were up "
	    "(%.2f s after the signal)\n", count_status(cl, LOAD_CLIENTS, 201), after_reload,
	    reloaded - 1.5);
	ck_assert_msg(count_status(cl, LOAD_CLIENTS, 201) >= 20, "too little was filed to say "
	    "anything");
	ck_assert_msg(after_reload >= 5, "only %zu reports filed after the reload", after_reload);
	ck_assert_int_eq(tc_supervisor_pid(run_dir), sup);
	ck_assert_int_eq(kill(sup, 0), 0);
	verify_everything_stored(cl, LOAD_CLIENTS, "reload");
	verify_nothing_half_stored("32071", "2011-01", "2011-12", 19, 5, 3);
	free_load(cl, LOAD_CLIENTS);

	/* a configuration that does not load: refused, the same workers serve on */
	na = tc_workers_of(sup, after, 64);
	from = log_size();
	text = conf_with(orig, NULL, "no_such_key = 1");
	reload_with(sup, text, 0);
	free(text);
	for (i = 0; i < 150 && anonymous_error_lines(from, line, sizeof(line)) == 0; i++)
		sleep_s(0.1);
	ck_assert_msg(strstr(line, "reload refused") != NULL, "no refusal logged: '%s'", line);
	write_conf(orig);
	ck_assert_msg(!workers_replaced(sup, after, na, 1), "a refused reload replaced workers");
	ck_assert(healthy_within(10));
	ck_assert_int_eq(file_one("2011-06", code, sizeof(code)), 201);

	/* a changed one takes effect, and so does the change back */
	text = conf_with(orig, "max_body", "max_body = 2048");
	reload_with(sup, text, 1);
	free(text);
	ck_assert_int_eq(file_one("2011-07", code, sizeof(code)), 413);
	ck_assert_str_eq(code, "too-large");
	reload_with(sup, orig, 1);
	ck_assert_int_eq(file_one("2011-07", code, sizeof(code)), 201);

	/* the one key a reload cannot change: the socket stays, and the log says so */
	from = log_size();
	text = conf_with(orig, "listen", "listen = /nonexistent/baocao.sock");
	reload_with(sup, text, 1);
	free(text);
	ck_assert_int_eq(file_one("2011-08", code, sizeof(code)), 201);
	ck_assert_msg(log_lines(from, "listen changed to /nonexistent/baocao.sock: that takes a "
	    "restart", NULL, 0) > 0, "no warning about the listen change");
	reload_with(sup, orig, 1);
	ck_assert_int_eq(file_one("2011-08", code, sizeof(code)), 201);
	free(orig);
}
END_TEST

static Suite *
suite_faults(void)
{
	Suite *s = suite_create("faults");
	TCase *kill_tc = tcase_create("worker-killed"), *db_tc = tcase_create("database-outage");
	TCase *burst_tc = tcase_create("at-once"), *reload_tc = tcase_create("reload");

	tcase_set_timeout(kill_tc, 240);
	tcase_add_test(kill_tc, test_workers_killed_under_load_lose_no_acknowledged_report);
	suite_add_tcase(s, kill_tc);

	/* whatever happens in the test, the database is started again afterwards */
	tcase_set_timeout(db_tc, 300);
	tcase_add_unchecked_fixture(db_tc, NULL, restart_database);
	tcase_add_test(db_tc, test_a_database_outage_under_load_is_503_and_heals_by_itself);
	suite_add_tcase(s, db_tc);

	tcase_set_timeout(burst_tc, 180);
	tcase_add_test(burst_tc, test_fifty_clients_sending_one_new_document_store_it_once);
	tcase_add_test(burst_tc, test_concurrent_revisions_get_distinct_numbers_in_receipt_order);
	suite_add_tcase(s, burst_tc);

	tcase_set_timeout(reload_tc, 240);
	tcase_add_test(reload_tc, test_a_reload_under_load_loses_nothing_and_a_broken_one_changes_nothing);
	suite_add_tcase(s, reload_tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	base_url = tc_env("BAOCAO_URL", "http://127.0.0.1:8081");
	repo = tc_env("BAOCAO_REPO", ".");
	db_socket = tc_env("BAOCAO_DB_SOCKET", "var/test/run/mysqld.sock");
	conf = tc_env("BAOCAO_CONF", "var/test/baocao.conf");
	/* DIR/run holds the database socket and baocao.pid; DIR is the stack's directory */
	tc_stack_dir(stack_dir, sizeof(stack_dir));
	snprintf(run_dir, sizeof(run_dir), "%s/run", stack_dir);

	commune_template = commune_report_template();
	district_template = district_report_template();
	if (commune_template == NULL || district_template == NULL) {
		fprintf(stderr, "faults: cannot read the examples under %s/schemas/examples\n", repo);
		return EXIT_FAILURE;
	}
	if (tc_ctl("token issue 32071 faults", commune_token, sizeof(commune_token)) != 0 ||
	    strlen(commune_token) != 64 ||
	    tc_ctl("token issue 966 faults", district_token, sizeof(district_token)) != 0 ||
	    strlen(district_token) != 64) {
		fprintf(stderr, "faults: cannot issue tokens\n");
		return EXIT_FAILURE;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	sr = srunner_create(suite_faults());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	free(commune_template);
	free(district_template);
	xmlCleanupParser();
	curl_global_cleanup();
	mysql_library_end();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
