/*
 * national — the national data set of section (6) of `make bench`: every commune of the
 * registry files its monthly ProgressReport for every month of the years asked (2020-01 …
 * 2024-12: about 600,000 reports for the 10,047 communes of units-gso-2025-03.csv), each
 * document generated here in the 4 KB shape of bench/gen.py and put through the service's own
 * ingest code — bc_ingest_parse (parse, report type, XSD, header, SHA-256), bc_ingest_extract
 * and bc_ingest_check (the rules, with the day of receipt as "today") — then written with the
 * columns bc_file writes (submissions with the exact bytes and the amounts and indicators
 * arrays of bc_facts_json, fact_criteria packed by bc_criteria_rows, receipt_counters), in
 * batches: multi-row INSERTs, one transaction per batch, no HTTP. For the benchmark only; the
 * service never loads data this way.
 *
 *   national [-c CONF] [--years FIRST[-LAST]] [--jobs N] [--batch N] [--seed N] [--replace]
 *
 * CONF is the service's configuration (database, schema directory, cut-off calendar); the
 * registry is read from its database, so import it first (baocaoctl units import). --years
 * defaults to 2020-2024; --jobs (default: the number of cores) processes each take a share
 * of the provinces, so receipt numbers (per province and year) never collide; --batch is the
 * number of reports per transaction (default 1000). Without --replace the loader refuses a
 * database that already holds ProgressReports for those periods; with it, it first empties
 * submissions, the fact tables and the receipt counters (the receipts they numbered are gone).
 *
 * What is generated, deterministically from --seed (DocumentIds apart: random UUIDs):
 *   - per commune: the day it reaches all 19 criteria (2013 … 2029, so about 70% meet the
 *     standard by 2024), each criterion met from a day before that; a diligence profile (70%
 *     good: 1% missing, 5% late; 25% average: 5% / 20%; 5% poor: 30% / 40%); its officer;
 *   - per month: missing, or received on a working hour of a day between filing opening and
 *     the deadline (on time) or up to 40 days after it (late), with PreparedAt a little
 *     before; 4–7 amounts by source, 5 of 8 indicators, texts up to ~4 KB;
 *   - 2% of the reports get a second revision (Supersedes the first, other amounts), 1–20
 *     days later;
 *   - receipts numbered per province and Vietnam year in order of receipt, after what
 *     receipt_counters holds, which is then updated.
 * Each job writes its filings in order of receipt, its provinces interleaved, and the jobs go
 * through the months side by side: a province's month lies spread over the tables as the
 * service would have written it, not in one clustered run (which would flatter the reads).
 *
 * Prints "key value" lines: reports, revisions, missing, late, facts per kind (fact_criterion
 * counts the criteria stated, as when each was a row, so the figure compares across versions;
 * fact_criteria_rows the rows that hold them), bytes, seconds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <uuid/uuid.h>

#include "baocao/buf.h"
#include "baocao/config.h"
#include "baocao/criteria_row.h"
#include "baocao/facts_json.h"
#include "baocao/ingest.h"

#define YEARS_MAX 30
#define MONTHS_MAX (YEARS_MAX * 12)
#define JOBS_MAX 16
#define DOC_TARGET 4096

/* --- options and the registry ------------------------------------------------------------ */

static struct {
	const char *conf;
	int first_year, last_year;
	int jobs;
	size_t batch;
	uint64_t seed;
	int replace;
} opt = { NULL, 2020, 2024, 0, 1000, 1, 0 };

static struct bc_config cfg;
static const struct bc_report_type *progress;	/* ProgressReport, urn:baocao:ntm:1 */

struct commune {
	struct bc_unit unit;
	size_t province;	/* index into provinces */
	long since[20];		/* days: criterion k met from since[k] on */
	int profile;		/* 0 good, 1 average, 2 poor */
	char officer[64];
};

struct province {
	char code[33];
	size_t first, n;	/* communes[first .. first + n) */
	int job;
	unsigned last[YEARS_MAX + 1];	/* receipt counters, by year from the first */
};

static struct commune *communes;
static size_t ncommunes;
static struct province *provinces;
static size_t nprovinces;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "national: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- deterministic randomness (splitmix64) ------------------------------------------------ */

static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct rng {
	uint64_t s;
};

static struct rng
rng_for(const char *code, uint64_t a, uint64_t b)
{
	uint64_t h = mix(opt.seed);

	for (; *code; code++)
		h = mix(h ^ (unsigned char)*code);
	return (struct rng){ mix(mix(h ^ a) ^ b) };
}

static uint64_t
next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

/* Uniform in [lo, hi]. */
static long
range(struct rng *r, long lo, long hi)
{
	return lo + (long)(next(r) % (uint64_t)(hi - lo + 1));
}

static double
uniform(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * (double)(next(r) >> 11) / 9007199254740992.0;
}

static int
chance(struct rng *r, double p)
{
	return uniform(r, 0, 1) < p;
}

/* --- what the documents say (the pools of bench/gen.py) ----------------------------------- */

static const char *const family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
	"Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý" };
static const char *const middle[] = { "Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Ngọc",
	"Quốc", "Thu", "Kim" };
static const char *const given[] = { "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải",
	"Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm",
	"Thảo", "Trung", "Tuấn", "Vân", "Yến" };

/* {n} a decimal, {a} a hamlet, {m} a count, {k} a larger count, {c} a criterion */
static const char *const activities[] = {
	"Bê tông hóa {n} km đường giao thông nông thôn ấp {a}.",
	"Vận động {m} hộ hiến {k} m² đất làm đường liên ấp.",
	"Nạo vét {n} km kênh thủy lợi nội đồng phục vụ sản xuất vụ lúa.",
	"Sửa chữa trường mầm non điểm ấp {a}, bổ sung thiết bị dạy học.",
	"Tổ chức {m} lớp tập huấn chuyển giao kỹ thuật nuôi tôm, trồng lúa cho nông dân.",
	"Xây dựng {m} căn nhà đại đoàn kết cho hộ nghèo, hộ cận nghèo.",
	"Lắp đặt {m} bóng đèn chiếu sáng tuyến đường liên xã.",
	"Ra mắt mô hình khu dân cư kiểu mẫu tại ấp {a}.",
	"Hỗ trợ {m} hộ chuyển đổi cơ cấu cây trồng, vật nuôi phù hợp với điều kiện địa phương.",
	"Thu gom, xử lý rác thải sinh hoạt tại {m} điểm tập kết; trồng {k} cây xanh.",
};
static const char *const difficulties[] = {
	"Nguồn vốn ngân sách cấp xã còn hạn chế; huy động nguồn lực xã hội hóa chưa đạt kế hoạch.",
	"Tiêu chí {c} chưa đạt do thiếu kinh phí đầu tư cơ sở vật chất.",
	"Thời tiết diễn biến bất thường, xâm nhập mặn ảnh hưởng đến sản xuất nông nghiệp.",
	"Một số hộ dân chưa đồng thuận hiến đất mở rộng đường giao thông.",
	"Giá vật liệu xây dựng tăng làm chậm tiến độ các công trình.",
	"Cán bộ phụ trách nông thôn mới kiêm nhiệm nhiều việc, thiếu thời gian theo dõi.",
};
static const char *const proposals[] = {
	"Đề nghị huyện hỗ trợ vốn xây dựng chợ xã và nâng cấp trạm y tế.",
	"Đề nghị tỉnh phân bổ sớm nguồn vốn sự nghiệp năm sau để chủ động triển khai.",
	"Kiến nghị bổ sung kinh phí duy tu, bảo dưỡng các tuyến đường đã bê tông hóa.",
	"Đề nghị các sở, ngành hướng dẫn cụ thể cách đánh giá tiêu chí {c}.",
	"Kiến nghị tăng cường tập huấn cho cán bộ cơ sở về công tác báo cáo.",
};
static const char *const sources[] = { "central-budget", "local-budget",
	"integrated-programmes", "credit", "enterprises", "people", "other" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One sentence of a pool with its placeholders filled in. */
static void
sentence(struct bc_buf *b, struct rng *r, const char *const *pool, size_t n)
{
	const char *s = pool[next(r) % n];

	for (; *s; s++) {
		if (s[0] != '{' || s[1] == '\0' || s[2] != '}') {
			bc_buf_append(b, s, 1);
			continue;
		}
		switch (s[1]) {
		case 'n': bc_buf_printf(b, "%.1f", uniform(r, 0.5, 9.5)); break;
		case 'a': bc_buf_printf(b, "%ld", range(r, 1, 11)); break;
		case 'm': bc_buf_printf(b, "%ld", range(r, 2, 119)); break;
		case 'k': bc_buf_printf(b, "%ld", range(r, 100, 8999)); break;
		default: bc_buf_printf(b, "%ld", range(r, 1, 19)); break;
		}
		s += 2;
	}
}

/* <Name>sentences of pool up to about bytes bytes</Name> (none when there is no room). */
static void
text(struct bc_buf *doc, struct rng *r, const char *name, const char *const *pool, size_t n,
    long bytes)
{
	struct bc_buf t = { 0 }, s = { 0 };

	for (;;) {
		bc_buf_reset(&s);
		sentence(&s, r, pool, n);
		if ((long)(t.len + s.len + 1) > bytes)
			break;
		if (t.len > 0)
			bc_buf_puts(&t, " ");
		bc_buf_append(&t, s.data, s.len);
	}
	if (t.len > 0)
		bc_buf_printf(doc, "  <%s>%s</%s>\n", name, t.data, name);
	bc_buf_free(&t);
	bc_buf_free(&s);
}

/* --- the filing plan of a job ---------------------------------------------------------------- */

struct filing {
	long long received_us;
	unsigned commune;	/* index into communes */
	unsigned short month;	/* months since January of the first year */
	unsigned char revision;
	unsigned char late;
	unsigned seq;
	char id[37];
	char supersedes[37];	/* "" for revision 1 */
};

static const double missing_p[3] = { 0.01, 0.05, 0.30 };
static const double late_p[3] = { 0.05, 0.20, 0.40 };

static long
days_of(int y, int m, int d)
{
	return bc_date_to_days((struct bc_date){ y, m, d });
}

/* Who the commune is: when its criteria are met, how diligent it is, who writes its reports. */
static void
describe(struct commune *c)
{
	struct rng r = rng_for(c->unit.code, 0, 0);
	long all = range(&r, days_of(2013, 1, 1), days_of(2029, 12, 31));
	unsigned last = (unsigned)range(&r, 1, 19), k;
	double p = uniform(&r, 0, 1);

	for (k = 1; k <= 19; k++) {
		c->since[k] = k == last ? all : all - range(&r, 0, 6 * 365);
		if (c->since[k] < days_of(2011, 1, 1))
			c->since[k] = days_of(2011, 1, 1) + range(&r, 0, 365);
	}
	c->profile = p < 0.70 ? 0 : p < 0.95 ? 1 : 2;
	snprintf(c->officer, sizeof(c->officer), "%s %s %s", family[next(&r) % N(family)],
	    middle[next(&r) % N(middle)], given[next(&r) % N(given)]);
}

static struct bc_period
month_period(unsigned month)
{
	struct bc_period p;

	memset(&p, 0, sizeof(p));
	p.cadence = BC_CADENCE_MONTH;
	p.year = opt.first_year + (int)(month / 12);
	p.index = (int)(month % 12) + 1;
	return p;
}

/* An instant on a working hour (07:30 … 17:00, Vietnam) of the day. */
static long long
at_office(struct rng *r, long day)
{
	long long local = (long long)day * 86400 + 7 * 3600 + 1800 + range(r, 0, 34200 - 1);

	return (local - 7 * 3600) * 1000000LL + range(r, 0, 999999);
}

static struct bc_date
vietnam_date(long long us)
{
	return bc_date_from_days((long)((us / 1000000 + 7 * 3600) / 86400));
}

static int
vietnam_year(long long us)
{
	return vietnam_date(us).year;
}

static int
by_received(const void *a, const void *b)
{
	const struct filing *x = a, *y = b;

	return (x->received_us > y->received_us) - (x->received_us < y->received_us);
}

static void
new_id(char out[37])
{
	uuid_t u;

	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}

/* Every filing of the job's communes, in order of receipt: the provinces of a job interleave
 * as they would at the service (a province's month is spread over the table, not clustered),
 * and the jobs run side by side through the same months. */
static struct filing *
plan(int job, size_t *n, unsigned long *missing)
{
	unsigned months = (unsigned)(opt.last_year - opt.first_year + 1) * 12, m;
	size_t i, k = 0, mine = 0;
	struct filing *f;

	for (i = 0; i < ncommunes; i++)
		mine += provinces[communes[i].province].job == job;
	if ((f = malloc((mine * months * 2 + 1) * sizeof(*f))) == NULL)
		die("out of memory");
	for (i = 0; i < ncommunes; i++) {
		struct commune *c = &communes[i];

		if (provinces[c->province].job != job)
			continue;
		describe(c);
		for (m = 0; m < months; m++) {
			struct bc_period p = month_period(m);
			struct bc_date first, last;
			struct rng r = rng_for(c->unit.code, 1, m);
			long opens, due, day;

			bc_period_span(&p, &first, &last);
			if (!bc_unit_valid_during(&c->unit, first, last))
				continue;
			if (chance(&r, missing_p[c->profile])) {
				(*missing)++;
				continue;
			}
			opens = bc_date_to_days(bc_schedule_opens(progress, &p, &cfg.calendar));
			due = bc_date_to_days(bc_schedule_deadline(progress, &p, &cfg.calendar,
			    BC_LEVEL_COMMUNE));
			f[k].late = (unsigned char)chance(&r, late_p[c->profile]);
			day = f[k].late ? due + range(&r, 1, 40) : range(&r, opens, due);
			f[k].received_us = at_office(&r, day);
			f[k].commune = (unsigned)i;
			f[k].month = (unsigned short)m;
			f[k].revision = 1;
			f[k].supersedes[0] = '\0';
			new_id(f[k].id);
			k++;
			if (chance(&r, 0.02)) {
				f[k] = f[k - 1];
				f[k].revision = 2;
				f[k].late = 0;
				f[k].received_us = at_office(&r, day + range(&r, 1, 20));
				memcpy(f[k].supersedes, f[k - 1].id, 37);
				new_id(f[k].id);
				k++;
			}
		}
	}
	qsort(f, k, sizeof(*f), by_received);
	/* receipts numbered per province and Vietnam year in order of receipt */
	for (i = 0; i < k; i++)
		f[i].seq = ++provinces[communes[f[i].commune].province].last[
		    vietnam_year(f[i].received_us) - opt.first_year];
	*n = k;
	return f;
}

/* --- one document, through the ingest code -------------------------------------------------- */

static void
document(struct bc_buf *doc, const struct filing *f)
{
	const struct commune *c = &communes[f->commune];
	struct bc_period p = month_period(f->month);
	struct rng r = rng_for(c->unit.code, 2 + f->revision, f->month);
	struct bc_date first, last;
	long end, prepared;
	time_t t;
	struct tm tm;
	int used[N(sources)] = { 0 }, ind[8] = { 0 };
	unsigned k;
	long want, budget;
	size_t i;

	bc_period_span(&p, &first, &last);
	end = bc_date_to_days(last);
	/* prepared 10 minutes to 10 hours before it was received, in Vietnam time */
	prepared = (long)(f->received_us / 1000000) + 7 * 3600 - range(&r, 600, 36000);
	t = (time_t)prepared;
	gmtime_r(&t, &tm);
	bc_buf_reset(doc);
	bc_buf_printf(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ProgressReport xmlns=\"urn:baocao:ntm:1\">\n  <Header>\n"
	    "    <DocumentId>%s</DocumentId>\n    <ReportingUnit code=\"%s\"/>\n"
	    "    <Period><Month>%04d-%02d</Month></Period>\n", f->id, c->unit.code, p.year, p.index);
	if (f->supersedes[0])
		bc_buf_printf(doc, "    <Supersedes>%s</Supersedes>\n", f->supersedes);
	bc_buf_printf(doc, "    <PreparedBy>%s</PreparedBy>\n"
	    "    <PreparedAt>%04d-%02d-%02dT%02d:%02d:%02d+07:00</PreparedAt>\n  </Header>\n",
	    c->officer, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
	bc_buf_printf(doc, "  <Criteria>\n    <Commune code=\"%s\">\n", c->unit.code);
	for (k = 1; k <= 19; k++) {
		char since[11];

		if (c->since[k] <= end) {
			bc_date_format(since, bc_date_from_days(c->since[k]));
			bc_buf_printf(doc, "      <Criterion number=\"%u\" status=\"met\" since=\"%s\"/>\n",
			    k, since);
		} else
			bc_buf_printf(doc, "      <Criterion number=\"%u\" status=\"not-met\"/>\n", k);
	}
	bc_buf_puts(doc, "    </Commune>\n  </Criteria>\n  <Resources>\n");
	for (want = range(&r, 4, 7); want > 0; want--) {
		do
			k = (unsigned)(next(&r) % N(sources));
		while (used[k]);
		used[k] = 1;
	}
	for (i = 0; i < N(sources); i++)
		if (used[i])
			bc_buf_printf(doc, "    <Amount source=\"%s\">%ld000000</Amount>\n", sources[i],
			    range(&r, 1, 4999));
	bc_buf_puts(doc, "  </Resources>\n  <Indicators>\n");
	for (want = 5; want > 0; want--) {
		do
			k = (unsigned)(next(&r) % 8);
		while (ind[k]);
		ind[k] = 1;
	}
	for (k = 0; k < 8; k++) {
		if (!ind[k])
			continue;
		switch (k) {
		case 0: bc_buf_printf(doc, "    <Indicator code=\"poor-household-rate\" unit=\"%%\">%.2f</Indicator>\n", uniform(&r, 0.5, 12)); break;
		case 1: bc_buf_printf(doc, "    <Indicator code=\"near-poor-household-rate\" unit=\"%%\">%.2f</Indicator>\n", uniform(&r, 0.5, 9)); break;
		case 2: bc_buf_printf(doc, "    <Indicator code=\"income-per-capita\" unit=\"VND/person/year\">%ld000000</Indicator>\n", range(&r, 38, 79)); break;
		case 3: bc_buf_printf(doc, "    <Indicator code=\"rural-road-concreted\" unit=\"km\">%.1f</Indicator>\n", uniform(&r, 0.2, 9)); break;
		case 4: bc_buf_printf(doc, "    <Indicator code=\"clean-water-rate\" unit=\"%%\">%.1f</Indicator>\n", uniform(&r, 70, 100)); break;
		case 5: bc_buf_printf(doc, "    <Indicator code=\"health-insurance-rate\" unit=\"%%\">%.1f</Indicator>\n", uniform(&r, 85, 100)); break;
		case 6: bc_buf_printf(doc, "    <Indicator code=\"trained-labour-rate\" unit=\"%%\">%.1f</Indicator>\n", uniform(&r, 40, 85)); break;
		default: bc_buf_printf(doc, "    <Indicator code=\"waste-collected-rate\" unit=\"%%\">%.1f</Indicator>\n", uniform(&r, 50, 98)); break;
		}
	}
	bc_buf_puts(doc, "  </Indicators>\n");
	/* texts fill the rest of ~4 KB: half activities, 30% difficulties, 20% proposals */
	budget = DOC_TARGET - (long)doc->len - 120;
	text(doc, &r, "Activities", activities, N(activities), budget / 2);
	text(doc, &r, "Difficulties", difficulties, N(difficulties), budget * 3 / 10);
	text(doc, &r, "Proposals", proposals, N(proposals), budget / 5);
	bc_buf_puts(doc, "</ProgressReport>\n");
}

static void
refused(const struct filing *f, const char *step, const struct bc_violations *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		fprintf(stderr, "national: line %lu column %lu %s [%s]: %s\n", v->v[i].line,
		    v->v[i].column, v->v[i].path, v->v[i].rule, v->v[i].message);
	die("%s refused the generated report of %s for month %u (a bug in the generator)", step,
	    communes[f->commune].unit.code, f->month);
}

/* --- writing in batches -------------------------------------------------------------------- */

/* The fact tables as bc_file writes them: table, columns after submission_id (with seq first
 * for kinds without a natural key); criteria one row per commune (criteria_row.h), the others
 * one row per fact; amounts and indicators (no table: in the submission's row, sql/013). */
static const struct {
	const char *insert;
	int has_seq;
} fact_sql[BC_FACT__MAX] = {
	[BC_FACT_CRITERION] = { "INSERT INTO fact_criteria (submission_id, commune_code, met,"
	    " met_since) VALUES ", 0 },
	[BC_FACT_RECOGNITION] = { "INSERT INTO fact_recognition (submission_id, commune_code,"
	    " decision_no, decided_on, tier) VALUES ", 0 },
	[BC_FACT_AMOUNT] = { NULL, 0 },
	[BC_FACT_INDICATOR] = { NULL, 0 },
	[BC_FACT_NOMINATION] = { "INSERT INTO fact_nomination (submission_id, seq, category,"
	    " subject, name, leader, contribution, disadvantaged) VALUES ", 1 },
	[BC_FACT_CONTRIBUTION] = { "INSERT INTO fact_contribution (submission_id, seq, area, kind,"
	    " amount) VALUES ", 1 },
};

struct totals {
	unsigned long reports, revisions, missing, late, facts[BC_FACT__MAX], rows[BC_FACT__MAX];
	unsigned long long bytes;
	double ingest_s, db_s;
};

struct batch {
	MYSQL *db;
	struct bc_buf subs, facts[BC_FACT__MAX], esc, json;
	size_t n;		/* reports in it */
	size_t nfacts[BC_FACT__MAX];	/* facts in facts[k] */
	size_t nrows[BC_FACT__MAX];	/* rows of its INSERT: fewer for criteria */
};

static void
sql(MYSQL *db, const char *q, size_t len)
{
	if (mysql_real_query(db, q, (unsigned long)len) != 0)
		die("database: %s", mysql_error(db));
}

static void
sqls(MYSQL *db, const char *q)
{
	sql(db, q, strlen(q));
}

/* 'escaped text' or NULL */
static void
quoted(struct batch *b, struct bc_buf *out, const char *s, size_t len)
{
	if (s == NULL) {
		bc_buf_puts(out, "NULL");
		return;
	}
	bc_buf_reset(&b->esc);
	if (bc_buf_reserve(&b->esc, len * 2 + 1) != 0)
		die("out of memory");
	b->esc.len = mysql_real_escape_string(b->db, b->esc.data, s, (unsigned long)len);
	bc_buf_puts(out, "'");
	bc_buf_append(out, b->esc.data, b->esc.len);
	bc_buf_puts(out, "'");
}

static void
qs(struct batch *b, struct bc_buf *out, const char *s)
{
	quoted(b, out, s, s != NULL ? strlen(s) : 0);
}

static void
flush(struct batch *b, struct totals *t)
{
	unsigned long long first;
	double t0 = now();
	int k;

	if (b->n == 0)
		return;
	sql(b->db, b->subs.data, b->subs.len);
	if (mysql_affected_rows(b->db) != b->n)
		die("database: %llu submissions inserted of %zu",
		    (unsigned long long)mysql_affected_rows(b->db), b->n);
	/* consecutive ids: one multi-row INSERT under innodb_autoinc_lock_mode 0 or 1 */
	first = mysql_insert_id(b->db);
	{
		char set[64];
		int n = snprintf(set, sizeof(set), "SET @b = %llu", first);

		sql(b->db, set, (size_t)n);
	}
	for (k = 0; k < BC_FACT__MAX; k++) {
		t->facts[k] += b->nfacts[k];	/* amounts and indicators have no rows of their own */
		if (b->nrows[k] == 0)
			continue;
		sql(b->db, b->facts[k].data, b->facts[k].len);
		t->rows[k] += b->nrows[k];
	}
	if (mysql_commit(b->db) != 0)
		die("database: commit: %s", mysql_error(b->db));
	t->db_s += now() - t0;
	bc_buf_reset(&b->subs);
	for (k = 0; k < BC_FACT__MAX; k++) {
		bc_buf_reset(&b->facts[k]);
		b->nfacts[k] = 0;
		b->nrows[k] = 0;
	}
	b->n = 0;
}

/* The next row of kind's INSERT: the statement's head before the first, a comma after. */
static struct bc_buf *
fact_row(struct batch *b, enum bc_fact_kind kind)
{
	struct bc_buf *o = &b->facts[kind];

	bc_buf_puts(o, b->nrows[kind]++ == 0 ? fact_sql[kind].insert : ",");
	bc_buf_printf(o, "(@b+%zu", b->n);
	return o;
}

/* One commune's criteria of the report being added (b->n), as bc_file stores them: since
 * only when the row dates a criterion. Counts the criteria stated, not the row, so the
 * totals still say how many criteria the reports hold. */
static int
criteria_row_sql(const struct bc_criteria_row *row, void *arg)
{
	struct batch *b = arg;
	struct bc_buf *o = fact_row(b, BC_FACT_CRITERION);
	size_t i;

	bc_buf_puts(o, ",");
	qs(b, o, row->commune);
	/* met and since are '0', '1', '-' and digits: nothing to escape */
	bc_buf_printf(o, ",'%s',", row->met);
	if (row->dated)
		bc_buf_printf(o, "'%s')", row->since);
	else
		bc_buf_puts(o, "NULL)");
	for (i = 0; row->met[i] != '\0'; i++)
		b->nfacts[BC_FACT_CRITERION] += row->met[i] != '-';
	return o->oom ? -1 : 0;
}

/* ,'the facts of kind as the submission's column holds them' or ,NULL */
static void
row_json(struct batch *b, struct bc_buf *out, const struct bc_report *r, enum bc_fact_kind kind)
{
	if (bc_facts_json(&b->json, &r->facts, kind) != 0 || b->json.oom)
		die("bc_facts_json failed on the report of %s for %s", r->header.unit_code,
		    r->header.period_name);
	bc_buf_puts(out, ",");
	if (b->json.len == 0)
		bc_buf_puts(out, "NULL");
	else
		quoted(b, out, b->json.data, b->json.len);
}

static void
add(struct batch *b, const struct filing *f, const struct bc_report *r, long long deadline_days,
    int on_time, const char *province, struct totals *t)
{
	struct bc_buf *s = &b->subs;
	char received[80], deadline[11];
	time_t sec = (time_t)(f->received_us / 1000000);
	struct tm tm;
	size_t i, k;

	gmtime_r(&sec, &tm);
	snprintf(received, sizeof(received), "%04d-%02d-%02d %02d:%02d:%02d.%06lld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    f->received_us % 1000000);
	bc_date_format(deadline, bc_date_from_days((long)deadline_days));
	bc_buf_puts(s, b->n == 0 ? "INSERT INTO submissions (document_id, report_type, schema_ns,"
	    " unit_code, filed_by, province_code, cadence, period, revision, supersedes, sha256,"
	    " body, prepared_by, prepared_at, received_at, receipt_year, receipt_seq, deadline,"
	    " on_time, amounts, indicators) VALUES (" : ",(");
	qs(b, s, r->header.document_id);
	bc_buf_puts(s, ",");
	qs(b, s, r->type->name);
	bc_buf_puts(s, ",");
	qs(b, s, r->type->ns);
	bc_buf_puts(s, ",");
	qs(b, s, r->header.unit_code);
	bc_buf_puts(s, ",");
	qs(b, s, r->header.unit_code);	/* every commune files for itself */
	bc_buf_puts(s, ",");
	qs(b, s, province);
	bc_buf_printf(s, ",'%s',", bc_cadence_name(r->header.period.cadence));
	qs(b, s, r->header.period_name);
	bc_buf_printf(s, ",%u,", f->revision);
	qs(b, s, r->header.supersedes[0] ? r->header.supersedes : NULL);
	bc_buf_puts(s, ",");
	qs(b, s, r->sha256);
	bc_buf_puts(s, ",");
	quoted(b, s, r->body, r->body_len);
	bc_buf_puts(s, ",");
	qs(b, s, r->header.prepared_by);
	bc_buf_puts(s, ",");
	qs(b, s, r->header.prepared_at);
	bc_buf_printf(s, ",'%s',%d,%u,'%s',%d", received, vietnam_year(f->received_us), f->seq,
	    deadline, on_time);
	row_json(b, s, r, BC_FACT_AMOUNT);
	row_json(b, s, r, BC_FACT_INDICATOR);
	bc_buf_puts(s, ")");
	/* the rules let through no criteria that do not pack: a failure is memory or a bug */
	if (bc_criteria_rows(&r->facts, criteria_row_sql, b) != 0)
		die("bc_criteria_rows failed on the report of %s for %s", r->header.unit_code,
		    r->header.period_name);
	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *fact = &r->facts.v[i];
		struct bc_buf *o;

		if (fact->kind == BC_FACT_CRITERION)
			continue;	/* packed above, and counted there */
		b->nfacts[fact->kind]++;
		if (fact_sql[fact->kind].insert == NULL)
			continue;	/* in the submission's row */
		o = fact_row(b, fact->kind);
		if (fact_sql[fact->kind].has_seq)
			bc_buf_printf(o, ",%zu", i + 1);
		for (k = 0; k < bc_fact_kind(fact->kind)->nfields; k++) {
			bc_buf_puts(o, ",");
			qs(b, o, fact->fields[k]);
		}
		bc_buf_puts(o, ")");
	}
	if (s->oom)
		die("out of memory");
	b->n++;
	t->reports++;
	t->revisions += f->revision > 1;
	t->late += !on_time;
	t->bytes += r->body_len;
}

/* --- a job: its provinces, one after the other ---------------------------------------------- */

static MYSQL *
connect_db(void)
{
	MYSQL *db = mysql_init(NULL);

	if (db == NULL ||
	    mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4") != 0 ||
	    mysql_real_connect(db, NULL, cfg.db_user, cfg.db_password, cfg.db_name, 0,
	    cfg.db_socket, 0) == NULL)
		die("database: %s", db != NULL ? mysql_error(db) : "out of memory");
	return db;
}

/* The receipt counters of the job's provinces, for the years receipts may fall in (those
 * asked and the one after, for late filings of December). */
static void
read_counters(MYSQL *db, int job)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	size_t p;

	sqls(db, "SELECT scope, year, last_seq FROM receipt_counters");
	if ((res = mysql_store_result(db)) == NULL)
		die("database: %s", mysql_error(db));
	while ((row = mysql_fetch_row(res)) != NULL) {
		int y = atoi(row[1]) - opt.first_year;

		for (p = 0; p < nprovinces; p++)
			if (provinces[p].job == job && strcmp(provinces[p].code, row[0]) == 0 &&
			    y >= 0 && y <= opt.last_year - opt.first_year + 1)
				provinces[p].last[y] = (unsigned)strtoul(row[2], NULL, 10);
	}
	mysql_free_result(res);
}

static void
write_counters(MYSQL *db, int job)
{
	struct bc_buf q = { 0 };
	int y, any = 0;
	size_t p;

	bc_buf_puts(&q, "INSERT INTO receipt_counters (scope, year, last_seq) VALUES ");
	for (p = 0; p < nprovinces; p++)
		for (y = 0; y <= opt.last_year - opt.first_year + 1; y++) {
			if (provinces[p].job != job || provinces[p].last[y] == 0)
				continue;
			bc_buf_printf(&q, "%s('%s',%d,%u)", any ? "," : "", provinces[p].code,
			    opt.first_year + y, provinces[p].last[y]);
			any = 1;
		}
	bc_buf_puts(&q, " ON DUPLICATE KEY UPDATE last_seq = GREATEST(last_seq, VALUES(last_seq))");
	if (any) {
		sql(db, q.data, q.len);
		if (mysql_commit(db) != 0)
			die("database: commit: %s", mysql_error(db));
	}
	bc_buf_free(&q);
}

static void
run_job(int job, struct totals *t)
{
	struct bc_buf doc = { 0 };
	struct filing *f;
	struct batch b;
	size_t i, n;

	memset(&b, 0, sizeof(b));
	memset(t, 0, sizeof(*t));
	b.db = connect_db();
	mysql_autocommit(b.db, 0);
	read_counters(b.db, job);
	f = plan(job, &n, &t->missing);
	for (i = 0; i < n; i++) {
		struct commune *c = &communes[f[i].commune];
		struct bc_violations v = { 0 };
		struct bc_report r;
		struct bc_rule_input in;
		long deadline;
		double t0 = now();

		document(&doc, &f[i]);
		if (doc.oom)
			die("out of memory");
		memset(&r, 0, sizeof(r));
		if (bc_ingest_parse(&r, doc.data, doc.len, &v) != BC_OK)
			refused(&f[i], "bc_ingest_parse", &v);
		/* as file_report does: the registry's kind, the facts, the rules */
		r.kind = c->unit.kind;
		memset(&in, 0, sizeof(in));
		in.today = vietnam_date(f[i].received_us);
		in.unit = &c->unit;
		in.calendar = &cfg.calendar;
		if (bc_ingest_extract(&r) != BC_OK)
			die("bc_ingest_extract failed");
		if (bc_ingest_check(&r, &in, &v) != BC_OK)
			refused(&f[i], "bc_ingest_check", &v);
		deadline = bc_date_to_days(bc_schedule_deadline(r.type, &r.header.period,
		    &cfg.calendar, bc_unit_level(c->unit.kind)));
		t->ingest_s += now() - t0;
		add(&b, &f[i], &r, deadline, bc_date_to_days(in.today) <= deadline,
		    provinces[c->province].code, t);
		bc_report_free(&r);
		bc_violations_free(&v);
		if (b.n >= opt.batch)
			flush(&b, t);
	}
	flush(&b, t);
	write_counters(b.db, job);
	free(f);
	mysql_close(b.db);
	bc_buf_free(&doc);
	bc_buf_free(&b.subs);
	bc_buf_free(&b.esc);
	bc_buf_free(&b.json);
	for (i = 0; i < BC_FACT__MAX; i++)
		bc_buf_free(&b.facts[i]);
}

/* --- the parent: registry, checks, jobs ------------------------------------------------------ */

static void
load_registry(MYSQL *db)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	size_t i;

	sqls(db, "SELECT code, IFNULL(parent_code, ''), province_code, name, valid_from,"
	    " valid_to IS NOT NULL, IFNULL(valid_to, '9999-12-31') FROM units"
	    " WHERE kind = 'commune' ORDER BY province_code, code");
	if ((res = mysql_store_result(db)) == NULL)
		die("database: %s", mysql_error(db));
	ncommunes = (size_t)mysql_num_rows(res);
	if (ncommunes == 0)
		die("no communes in the registry (baocaoctl units import first)");
	if ((communes = calloc(ncommunes, sizeof(*communes))) == NULL ||
	    (provinces = calloc(ncommunes, sizeof(*provinces))) == NULL)
		die("out of memory");
	for (i = 0; (row = mysql_fetch_row(res)) != NULL; i++) {
		struct bc_unit *u = &communes[i].unit;

		snprintf(u->code, sizeof(u->code), "%s", row[0]);
		u->kind = BC_UNIT_COMMUNE;
		snprintf(u->parent, sizeof(u->parent), "%s", row[1]);
		snprintf(u->province, sizeof(u->province), "%s", row[2]);
		snprintf(u->name, sizeof(u->name), "%s", row[3]);
		u->has_valid_to = atoi(row[5]);
		if (bc_date_parse(&u->valid_from, row[4]) != 0 ||
		    bc_date_parse(&u->valid_to, row[6]) != 0)
			die("unit %s: validity %s .. %s unreadable", row[0], row[4], row[6]);
		if (nprovinces == 0 || strcmp(provinces[nprovinces - 1].code, u->province) != 0) {
			snprintf(provinces[nprovinces].code, sizeof(provinces[0].code), "%s",
			    u->province);
			provinces[nprovinces++].first = i;
		}
		provinces[nprovinces - 1].n++;
		communes[i].province = nprovinces - 1;
	}
	mysql_free_result(res);
}

/* Largest provinces first, each to the job with the fewest communes so far. */
static int
by_size(const void *a, const void *b)
{
	const struct province *const *x = a, *const *y = b;

	return ((*y)->n > (*x)->n) - ((*y)->n < (*x)->n);
}

static void
share_out(void)
{
	struct province **order = malloc(nprovinces * sizeof(*order));
	size_t load[JOBS_MAX] = { 0 }, i;
	int j, best;

	if (order == NULL)
		die("out of memory");
	for (i = 0; i < nprovinces; i++)
		order[i] = &provinces[i];
	qsort(order, nprovinces, sizeof(*order), by_size);
	for (i = 0; i < nprovinces; i++) {
		for (best = 0, j = 1; j < opt.jobs; j++)
			if (load[j] < load[best])
				best = j;
		order[i]->job = best;
		load[best] += order[i]->n;
	}
	free(order);
}

static unsigned long
count(MYSQL *db, const char *q)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned long n = 0;

	sqls(db, q);
	if ((res = mysql_store_result(db)) == NULL)
		die("database: %s", mysql_error(db));
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL)
		n = strtoul(row[0], NULL, 10);
	mysql_free_result(res);
	return n;
}

static void
prepare_database(MYSQL *db)
{
	char q[300];

	if (count(db, "SELECT @@innodb_autoinc_lock_mode") > 1 ||
	    count(db, "SELECT @@auto_increment_increment") != 1)
		die("the loader needs consecutive ids from a multi-row INSERT "
		    "(innodb_autoinc_lock_mode 0 or 1, auto_increment_increment 1)");
	if (opt.replace) {
		sqls(db, "SET foreign_key_checks = 0");
		sqls(db, "TRUNCATE fact_criteria");
		sqls(db, "TRUNCATE fact_recognition");
		sqls(db, "TRUNCATE fact_nomination");
		sqls(db, "TRUNCATE fact_contribution");
		sqls(db, "TRUNCATE submissions");
		sqls(db, "TRUNCATE receipt_counters");
		sqls(db, "SET foreign_key_checks = 1");
		return;
	}
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM submissions WHERE report_type ="
	    " 'ProgressReport' AND period BETWEEN '%04d-01' AND '%04d-12'", opt.first_year,
	    opt.last_year);
	if (count(db, q) > 0)
		die("the database already holds ProgressReports of %d-01 … %d-12; --replace empties "
		    "submissions and the fact tables first", opt.first_year, opt.last_year);
}

static void
usage(void)
{
	fprintf(stderr, "usage: national [-c CONF] [--years FIRST[-LAST]] [--jobs N] [--batch N]"
	    " [--seed N] [--replace]\n");
	exit(2);
}

static void
parse_args(int argc, char **argv)
{
	int i;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	opt.conf = getenv("BAOCAO_CONF") ? getenv("BAOCAO_CONF") : "var/baocao.conf";
	opt.jobs = n > 0 && n <= JOBS_MAX ? (int)n : 2;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--replace") == 0) {
			opt.replace = 1;
			continue;
		}
		if (v == NULL)
			usage();
		i++;
		if (strcmp(a, "-c") == 0)
			opt.conf = v;
		else if (strcmp(a, "--years") == 0) {
			if (sscanf(v, "%d-%d", &opt.first_year, &opt.last_year) == 1)
				opt.last_year = opt.first_year;
		} else if (strcmp(a, "--jobs") == 0)
			opt.jobs = atoi(v);
		else if (strcmp(a, "--batch") == 0)
			opt.batch = (size_t)atol(v);
		else if (strcmp(a, "--seed") == 0)
			opt.seed = strtoull(v, NULL, 10);
		else
			usage();
	}
	if (opt.first_year < 2000 || opt.last_year < opt.first_year ||
	    opt.last_year - opt.first_year >= YEARS_MAX || opt.last_year > 2099)
		die("--years takes FIRST-LAST within 2000 … 2099, at most %d years", YEARS_MAX);
	if (opt.jobs < 1 || opt.jobs > JOBS_MAX || opt.batch < 1 || opt.batch > 100000)
		die("--jobs 1 … %d, --batch 1 … 100000", JOBS_MAX);
}

int
main(int argc, char **argv)
{
	struct totals sum, t;
	pid_t pids[JOBS_MAX];
	int pipes[JOBS_MAX][2], j, status, failed = 0;
	char err[512];
	double t0 = now(), seconds;
	unsigned long facts = 0;
	size_t i, k;
	MYSQL *db;

	parse_args(argc, argv);
	bc_config_defaults(&cfg);
	if (bc_config_load(&cfg, opt.conf, err, sizeof(err)) != 0)
		die("%s", err);
	if (bc_ingest_init(cfg.schema_dir, err, sizeof(err)) != 0)
		die("%s", err);
	for (i = 0; i < bc_ingest_catalogue()->ntypes; i++) {
		const struct bc_report_type *rt = &bc_ingest_catalogue()->types[i];

		if (strcmp(rt->name, "ProgressReport") == 0 && strcmp(rt->ns, "urn:baocao:ntm:1") == 0)
			progress = rt;
	}
	if (progress == NULL)
		die("the catalogue has no ProgressReport urn:baocao:ntm:1");
	db = connect_db();
	load_registry(db);
	prepare_database(db);
	mysql_close(db);	/* a child must not share (and quit) the parent's connection */
	share_out();
	fprintf(stderr, "national: %zu communes in %zu provinces, %d-01 … %d-12, %d jobs, "
	    "batches of %zu\n", ncommunes, nprovinces, opt.first_year, opt.last_year, opt.jobs,
	    opt.batch);
	fflush(NULL);
	for (j = 0; j < opt.jobs; j++) {
		if (pipe(pipes[j]) != 0 || (pids[j] = fork()) < 0)
			die("fork: %s", strerror(errno));
		if (pids[j] == 0) {
			close(pipes[j][0]);
			run_job(j, &t);
			if (write(pipes[j][1], &t, sizeof(t)) != (ssize_t)sizeof(t))
				_exit(1);
			_exit(0);
		}
		close(pipes[j][1]);
	}
	memset(&sum, 0, sizeof(sum));
	for (j = 0; j < opt.jobs; j++) {
		if (read(pipes[j][0], &t, sizeof(t)) != (ssize_t)sizeof(t))
			failed = 1;
		else {
			sum.reports += t.reports;
			sum.revisions += t.revisions;
			sum.missing += t.missing;
			sum.late += t.late;
			sum.bytes += t.bytes;
			sum.ingest_s += t.ingest_s;
			sum.db_s += t.db_s;
			for (k = 0; k < BC_FACT__MAX; k++) {
				sum.facts[k] += t.facts[k];
				sum.rows[k] += t.rows[k];
			}
		}
		close(pipes[j][0]);
		if (waitpid(pids[j], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed = 1;
	}
	if (failed)
		die("a job failed");
	/* fresh statistics for the optimizer, as a database that grew slowly would have */
	db = connect_db();
	sqls(db, "ANALYZE TABLE submissions, fact_criteria");
	mysql_free_result(mysql_store_result(db));
	mysql_close(db);
	seconds = now() - t0;
	for (k = 0; k < BC_FACT__MAX; k++)
		facts += sum.facts[k];
	printf("communes %zu\nprovinces %zu\nyears %d-%d\njobs %d\n", ncommunes, nprovinces,
	    opt.first_year, opt.last_year, opt.jobs);
	printf("reports %lu\nrevisions %lu\nmissing %lu\nlate %lu\n", sum.reports, sum.revisions,
	    sum.missing, sum.late);
	printf("fact_criterion %lu\nfact_criteria_rows %lu\nfact_amount %lu\n"
	    "fact_indicator %lu\nfacts %lu\n", sum.facts[BC_FACT_CRITERION],
	    sum.rows[BC_FACT_CRITERION], sum.facts[BC_FACT_AMOUNT], sum.facts[BC_FACT_INDICATOR],
	    facts);
	printf("bytes %llu\nseconds %.1f\nreports_per_s %.0f\nfacts_per_s %.0f\n"
	    "ingest_cpu_s %.1f\ndb_wait_s %.1f\n", sum.bytes, seconds,
	    (double)sum.reports / seconds, (double)facts / seconds, sum.ingest_s, sum.db_s);
	bc_ingest_shutdown();
	return 0;
}
