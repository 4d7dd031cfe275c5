/*
 * store — every SQL statement of the service, prepared once per connection from one table
 * (openradtool's habit: a mismatch with the schema stops a worker at its first request,
 * loudly, not at 3 a.m.), with typed wrappers, and the one transaction that files a report.
 *
 * Sessions run at READ COMMITTED: the newest revision is read with FOR UPDATE, and two
 * first filings of one report race on the unique key (unit, type, period, revision) rather
 * than on gap locks, so thousands of units filing at once never deadlock each other; the
 * loser of a race simply runs its transaction again and becomes the next revision (or, if
 * it was the same document, a replay).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <openssl/crypto.h>

#include "baocao/bind.h"
#include "baocao/criteria_row.h"
#include "baocao/facts_json.h"
#include "baocao/ingest.h"
#include "baocao/log.h"
#include "baocao/store.h"
#include "baocao/xml.h"

enum stmt {
	STMT_FIND,
	STMT_SUBMISSIONS_OF,
	STMT_FILE,
	STMT_BODY,
	STMT_UNIT,
	STMT_CREDENTIAL,
	STMT_GRANTED,
	STMT_CHILD_COMMUNES,
	STMT_PROVINCE_COMMUNES,
	STMT_UNIT_CRITERIA,
	STMT_ADHOC_REQUEST,
	STMT_REQUEST,
	STMT_REQUEST_UNITS,
	STMT_REQUESTS,
	STMT_UNITS_IN_SCOPE,
	STMT_FILINGS,
	STMT_FILINGS_COUNTRY,
	STMT_FILINGS_REQUEST,
	STMT_YEAR_CRITERIA,
	STMT_YEAR_RECOGNITIONS,
	STMT_YEAR_AMOUNTS,		/* one per consolidated fact kind, as enum bc_year_facts */
	STMT_YEAR_INDICATORS,
	STMT_YEAR_NOMINATIONS,
	STMT_YEAR_TARGETS,
	STMT_RESPONSIBLE,
	STMT__MAX
};

/* A receipt as stored: read by find_receipt's binding, in this order. */
#define RECEIPT_COLUMNS \
	"sha256, report_type, schema_ns, unit_code, filed_by, cadence, period, revision," \
	" IFNULL(supersedes, ''), received_at, receipt_year, receipt_seq, deadline, on_time," \
	" province_code, document_id"

/* A filing as completeness reads it: read by filings_once's binding, in this order. */
#define FILING_COLUMNS \
	"unit_code, revision, document_id, filed_by, received_at, on_time"

/* A stored period's last day and length in months, for ordering. The forms are period.c's
 * (bc_period_format), fixed by PROTOCOL.md: 2024, 2024-Q1, 2024-H1, 2024-9M, 2024-03 and
 * adhoc:CODE@AS-OF, whose last day is its as-of date and whose length is none. */
#define PERIOD_END \
	"CASE WHEN period LIKE 'adhoc:%' THEN CAST(SUBSTRING_INDEX(period, '@', -1) AS DATE)" \
	" ELSE LAST_DAY(MAKEDATE(LEFT(period, 4), 1) + INTERVAL (CASE" \
	" WHEN LENGTH(period) = 4 THEN 12" \
	" WHEN SUBSTRING(period, 6, 1) = 'Q' THEN 3 * SUBSTRING(period, 7, 1)" \
	" WHEN SUBSTRING(period, 6, 1) = 'H' THEN 6 * SUBSTRING(period, 7, 1)" \
	" WHEN SUBSTRING(period, 6) = '9M' THEN 9" \
	" ELSE SUBSTRING(period, 6, 2) END - 1) MONTH) END"
/* A criterion fact's commune within a scope: '' for the whole province, a district (its
 * communes) or a commune (itself). Three parameters, all the scope's code. */
#define COMMUNE_UNDER \
	"(? = '' OR f.commune_code = ? OR f.commune_code IN" \
	" (SELECT cu.code FROM units cu WHERE cu.parent_code = ?))"

/* The answers to an ad hoc request of code (an SQL expression): stored as adhoc:CODE@AS-OF,
 * whatever day each says it is as of, so the periods from 'adhoc:CODE@' up to 'adhoc:CODEA'
 * ('A' follows '@'), one range of an index on period. */
#define ANSWERS_TO(period, code) \
	period " >= CONCAT('adhoc:', " code ", '@') AND " period " < CONCAT('adhoc:', " code ", 'A')"

/* The report a stored period belongs to: the period, or for an ad hoc answer its request. */
#define REPORT_OF \
	"IF(period LIKE 'adhoc:%', SUBSTRING_INDEX(period, '@', 1), period)"
#define PERIOD_MONTHS \
	"CASE WHEN period LIKE 'adhoc:%' THEN 0 WHEN LENGTH(period) = 4 THEN 12" \
	" WHEN SUBSTRING(period, 6, 1) = 'Q' THEN 3 WHEN SUBSTRING(period, 6, 1) = 'H' THEN 6" \
	" WHEN SUBSTRING(period, 6) = '9M' THEN 9 ELSE 1 END"

static const char *const stmts[STMT__MAX] = {
	[STMT_FIND] =
	    "SELECT " RECEIPT_COLUMNS " FROM submissions WHERE document_id = ?",
	/* a unit's submissions by report type, the latest period first (the one ending last;
	 * of periods ending together, the longer: the year above its December), each report's
	 * newest revision first (PROTOCOL.md). A report is its period, or for ad hoc answers the
	 * request (adhoc:CODE): its revisions stay together, placed by the latest day any of
	 * them is as of. Filtered by one period, or by all answers to one request. */
	[STMT_SUBMISSIONS_OF] =
	    "SELECT " RECEIPT_COLUMNS " FROM submissions WHERE unit_code = ?"
	    " AND (report_type = ? OR ? = '') AND (period = ? OR ? = '')"
	    " AND (? = '' OR (" ANSWERS_TO("period", "?") "))"
	    " ORDER BY report_type, MAX(" PERIOD_END ") OVER (PARTITION BY report_type, "
	    REPORT_OF ") DESC, " PERIOD_MONTHS " DESC, " REPORT_OF " DESC, revision DESC LIMIT ?",
	/* the whole filing transaction, sql/routines/bc_file.sql: the header fields, then
	 * one JSON array of rows per fact kind, in enum bc_fact_kind's order */
	[STMT_FILE] =
	    "CALL bc_file(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_BODY] =
	    "SELECT body, sha256, unit_code FROM submissions WHERE document_id = ?",
	[STMT_UNIT] =
	    "SELECT kind, IFNULL(parent_code, ''), province_code, name, valid_from,"
	    " valid_to IS NOT NULL, IFNULL(valid_to, '9999-12-31'), IFNULL(successor_code, '')"
	    " FROM units WHERE code = ?",
	/* the credential's unit comes with it: one round trip per request for who is asking */
	[STMT_CREDENTIAL] =
	    "SELECT u.kind, IFNULL(u.parent_code, ''), u.province_code, u.name, u.valid_from,"
	    " u.valid_to IS NOT NULL, IFNULL(u.valid_to, '9999-12-31'), IFNULL(u.successor_code, ''),"
	    " c.unit_code, c.digest FROM credentials c JOIN units u ON u.code = c.unit_code"
	    " WHERE c.digest = ? AND c.revoked_at IS NULL",
	[STMT_GRANTED] =
	    "SELECT COUNT(*) FROM grants WHERE grantee_code = ? AND unit_code = ?"
	    " AND revoked_at IS NULL",
	[STMT_CHILD_COMMUNES] =
	    "SELECT code FROM units WHERE parent_code = ? AND kind = 'commune'"
	    " AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
	[STMT_PROVINCE_COMMUNES] =
	    "SELECT code FROM units WHERE province_code = ? AND kind = 'commune'"
	    " AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
	[STMT_UNIT_CRITERIA] =
	    "SELECT criterion_no FROM unit_criteria WHERE unit_code = ?",
	/* completeness: the units of a province ('' for the whole country) and their filings */
	[STMT_UNITS_IN_SCOPE] =
	    "SELECT kind, IFNULL(parent_code, ''), province_code, name, valid_from,"
	    " valid_to IS NOT NULL, IFNULL(valid_to, '9999-12-31'), IFNULL(successor_code, ''),"
	    " code FROM units WHERE province_code = ? OR ? = '' ORDER BY code",
	/* both read submissions_province_period alone (sql/011): a province's filings are one
	 * equality prefix of it, the country's one such prefix per province of the registry
	 * (every unit's province_code is a province's, as the import resolves it, so no filing
	 * is left out) */
	[STMT_FILINGS] =
	    "SELECT " FILING_COLUMNS " FROM submissions"
	    " WHERE province_code = ? AND period = ? AND report_type = ?",
	[STMT_FILINGS_COUNTRY] =
	    "SELECT " FILING_COLUMNS " FROM submissions"
	    " WHERE province_code IN (SELECT code FROM units WHERE kind = 'province')"
	    " AND period = ? AND report_type = ?",
	/* recognition: the criterion facts and decisions of a province's year, newest revisions
	 * only, with the source they rest on (3 verification, 2 self-assessment, 1 progress), the
	 * date they say it is met since, and the period and document that say so. Left to itself,
	 * MariaDB starts from the units and reads each submission's row page (0.25-2.1 s for the
	 * largest province's year, by what the buffer pool holds); the province's year in the
	 * covering index is 0.15-0.35 s. */
	/* the answers to an ad hoc request, within the request's province */
	[STMT_FILINGS_REQUEST] =
	    "SELECT " FILING_COLUMNS " FROM submissions WHERE province_code = ?"
	    " AND " ANSWERS_TO("period", "?")
	    " AND report_type = ?",
	[STMT_YEAR_CRITERIA] =
	    "SELECT f.commune_code, f.met, IFNULL(f.met_since, ''), s.received_at,"
	    " CASE WHEN s.report_type = 'CriteriaAssessment' AND u.kind IN ('district', 'department')"
	    " THEN 3 WHEN s.report_type = 'CriteriaAssessment' THEN 2 ELSE 1 END,"
	    " s.cadence, s.period, s.document_id"
	    " FROM fact_criteria f JOIN submissions s FORCE INDEX (submissions_province_period)"
	    " ON s.id = f.submission_id JOIN units u ON u.code = s.unit_code"
	    " WHERE s.province_code = ? AND (s.period = ? OR s.period LIKE CONCAT(?, '-%'))"
	    " AND s.revision = (SELECT MAX(n.revision) FROM submissions n WHERE n.unit_code ="
	    " s.unit_code AND n.report_type = s.report_type AND n.period = s.period)",
	/* decisions of the year and of every year before it: recognition lasts (verifications
	 * are yearly, so "2019" <= "2024" orders them; the criteria's first two parameters) */
	[STMT_YEAR_RECOGNITIONS] =
	    "SELECT r.commune_code, r.tier, r.decision_no, s.received_at,"
	    " DATE_FORMAT(r.decided_on, '%Y-%m-%d')"
	    " FROM fact_recognition r JOIN submissions s ON s.id = r.submission_id"
	    " WHERE s.province_code = ? AND s.period <= ?"
	    " AND s.revision = (SELECT MAX(n.revision) FROM submissions n WHERE n.unit_code ="
	    " s.unit_code AND n.report_type = s.report_type AND n.period = s.period)",
	/* consolidation: facts of a report type in a province's year, newest revisions, as text:
	 * unit, period, then the fields (fact_amount and fact_indicator are views over their
	 * submission's arrays since sql/013; merged into these queries, they cost what reading the
	 * arrays with JSON_TABLE here did) */
	[STMT_YEAR_AMOUNTS] =
	    "SELECT s.unit_code, s.period, f.source, CAST(f.amount AS CHAR), '', '', ''"
	    " FROM fact_amount f JOIN submissions s ON s.id = f.submission_id"
	    " WHERE s.report_type = ? AND s.province_code = ?"
	    " AND (s.period = ? OR s.period LIKE CONCAT(?, '-%'))"
	    " AND s.revision = (SELECT MAX(n.revision) FROM submissions n WHERE n.unit_code ="
	    " s.unit_code AND n.report_type = s.report_type AND n.period = s.period)",
	[STMT_YEAR_INDICATORS] =
	    "SELECT s.unit_code, s.period, f.code, CAST(f.value AS CHAR), IFNULL(f.unit, ''), '', ''"
	    " FROM fact_indicator f JOIN submissions s ON s.id = f.submission_id"
	    " WHERE s.report_type = ? AND s.province_code = ?"
	    " AND (s.period = ? OR s.period LIKE CONCAT(?, '-%'))"
	    " AND s.revision = (SELECT MAX(n.revision) FROM submissions n WHERE n.unit_code ="
	    " s.unit_code AND n.report_type = s.report_type AND n.period = s.period)",
	[STMT_YEAR_NOMINATIONS] =
	    "SELECT s.unit_code, s.period, f.category, f.subject, CAST(IFNULL(f.leader, 0) AS CHAR),"
	    " CAST(IFNULL(f.contribution, 0) AS CHAR), f.name"
	    " FROM fact_nomination f JOIN submissions s ON s.id = f.submission_id"
	    " WHERE s.report_type = ? AND s.province_code = ?"
	    " AND (s.period = ? OR s.period LIKE CONCAT(?, '-%'))"
	    " AND s.revision = (SELECT MAX(n.revision) FROM submissions n WHERE n.unit_code ="
	    " s.unit_code AND n.report_type = s.report_type AND n.period = s.period)",
	/* the targets of a province for the year asked, or else for the next year that has any */
	[STMT_YEAR_TARGETS] =
	    "SELECT year, measure, criteria, CAST(value AS CHAR), set_at FROM targets"
	    " WHERE province_code = ? AND year = (SELECT MIN(n.year) FROM targets n"
	    " WHERE n.province_code = ? AND n.year >= ?)",
	/* per criterion, the province's departments answering for it (valid in the year) and
	 * the latest report of the year in which each states that criterion, with how many
	 * communes it stated and how many of them met it */
	[STMT_RESPONSIBLE] =
	    "SELECT r.criterion_no, r.code, r.name, IFNULL(s.report_type, ''),"
	    " IFNULL(s.period, ''), IFNULL(s.document_id, ''), s.id IS NOT NULL,"
	    " IFNULL(s.received_at, '1970-01-01'),"
	    " (SELECT COUNT(*) FROM fact_criteria f WHERE f.submission_id = s.id"
	    " AND SUBSTRING(f.met, r.criterion_no, 1) IN ('0', '1') AND " COMMUNE_UNDER "),"
	    " (SELECT COUNT(*) FROM fact_criteria f WHERE f.submission_id = s.id"
	    " AND SUBSTRING(f.met, r.criterion_no, 1) = '1' AND " COMMUNE_UNDER ")"
	    " FROM (SELECT c.criterion_no, u.code, u.name,"
	    " (SELECT l.id FROM submissions l WHERE l.unit_code = u.code"
	    " AND (l.period = ? OR l.period LIKE CONCAT(?, '-%'))"
	    " AND EXISTS (SELECT 1 FROM fact_criteria f WHERE f.submission_id = l.id"
	    " AND SUBSTRING(f.met, c.criterion_no, 1) IN ('0', '1'))"
	    " ORDER BY l.received_at DESC, l.id DESC LIMIT 1) AS latest"
	    " FROM unit_criteria c JOIN units u ON u.code = c.unit_code"
	    " WHERE u.province_code = ? AND u.kind = 'department'"
	    " AND u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to >= ?)) r"
	    " LEFT JOIN submissions s ON s.id = r.latest"
	    " ORDER BY r.criterion_no, r.code",
	[STMT_ADHOC_REQUEST] =
	    "SELECT r.due FROM adhoc_requests r JOIN adhoc_request_units u"
	    " ON u.request_code = r.code WHERE r.code = ? AND u.unit_code = ?",
	/* a request as GET /api/v1/requests/{code} answers it: its row, then the units asked */
	[STMT_REQUEST] =
	    "SELECT code, province_code, subject, due FROM adhoc_requests WHERE code = ?",
	[STMT_REQUEST_UNITS] =
	    "SELECT unit_code FROM adhoc_request_units WHERE request_code = ? ORDER BY unit_code",
	/* the requests a reader sees (all, the office's province, or asking the reader), with
	 * their answers counted: one range of submissions_province_period each, and only units
	 * asked count (the filing rules refuse any other) */
	[STMT_REQUESTS] =
	    "SELECT r.code, r.subject, r.due,"
	    " (SELECT COUNT(*) FROM adhoc_request_units a WHERE a.request_code = r.code),"
	    " (SELECT COUNT(DISTINCT s.unit_code) FROM submissions s JOIN adhoc_request_units a"
	    " ON a.request_code = r.code AND a.unit_code = s.unit_code"
	    " WHERE s.province_code = r.province_code AND " ANSWERS_TO("s.period", "r.code") "),"
	    " EXISTS (SELECT 1 FROM adhoc_request_units a WHERE a.request_code = r.code"
	    " AND a.unit_code = ?),"
	    " EXISTS (SELECT 1 FROM submissions s WHERE s.province_code = r.province_code"
	    " AND " ANSWERS_TO("s.period", "r.code") " AND s.unit_code = ?)"
	    " FROM adhoc_requests r WHERE ? <> 0 OR r.province_code = ?"
	    " OR EXISTS (SELECT 1 FROM adhoc_request_units a WHERE a.request_code = r.code"
	    " AND a.unit_code = ?)"
	    " ORDER BY r.due DESC, r.code LIMIT ?",
};

struct bc_store {
	const struct bc_config *cfg;
	const char *request_id;		/* of the request in hand, for log lines */
	MYSQL *db;
	MYSQL_STMT *stmt[STMT__MAX];
	unsigned last_errno;
};

/* What a failed call means for the transaction it was part of. */
enum outcome { DONE, AGAIN_RECONNECT, AGAIN, FAILED };

/* The server refused a value: retrying cannot help, and it is no outage either. */
static int
is_data_error(unsigned err)
{
	return err == ER_DATA_TOO_LONG || err == ER_TRUNCATED_WRONG_VALUE_FOR_FIELD ||
	    err == ER_WARN_DATA_OUT_OF_RANGE || err == ER_TRUNCATED_WRONG_VALUE ||
	    err == ER_BAD_NULL_ERROR;
}

static enum outcome
classify(unsigned err)
{
	switch (err) {
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case ER_SERVER_SHUTDOWN:
	case ER_CONNECTION_KILLED:
		return AGAIN_RECONNECT;
	case ER_DUP_ENTRY:
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return AGAIN;
	default:
		return FAILED;
	}
}

static void
disconnect(struct bc_store *st)
{
	size_t i;

	for (i = 0; i < STMT__MAX; i++) {
		if (st->stmt[i] != NULL)
			mysql_stmt_close(st->stmt[i]);
		st->stmt[i] = NULL;
	}
	if (st->db != NULL)
		mysql_close(st->db);
	st->db = NULL;
}

static enum bc_err
connect_db(struct bc_store *st)
{
	unsigned timeout = 5;
	size_t i;

	if ((st->db = mysql_init(NULL)) == NULL)
		return BC_E_INTERNAL;
	mysql_options(st->db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(st->db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(st->db, MYSQL_INIT_COMMAND,
	    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
	if (mysql_real_connect(st->db, NULL, st->cfg->db_user, st->cfg->db_password,
	    st->cfg->db_name, 0, st->cfg->db_socket, 0) == NULL) {
		bc_log(BC_LOG_ERROR, st->request_id, "database: %s", mysql_error(st->db));
		goto fail;
	}
	/* Reads run on their own (autocommit); a filing opens its transaction explicitly, so no
	 * read leaves a transaction, its snapshot or its metadata locks open behind it. */
	if (mysql_autocommit(st->db, 1) != 0)
		goto fail;
	for (i = 0; i < STMT__MAX; i++) {
		if ((st->stmt[i] = mysql_stmt_init(st->db)) == NULL ||
		    mysql_stmt_prepare(st->stmt[i], stmts[i], strlen(stmts[i])) != 0) {
			bc_log(BC_LOG_ERROR, st->request_id, "database: preparing statement %zu: %s", i,
			    st->stmt[i] != NULL ? mysql_stmt_error(st->stmt[i]) : "out of memory");
			goto fail;
		}
	}
	return BC_OK;
fail:
	disconnect(st);
	return BC_E_DB;
}

static enum bc_err
ensure_connected(struct bc_store *st)
{
	return st->db != NULL ? BC_OK : connect_db(st);
}

struct bc_store *
bc_store_new(const struct bc_config *cfg)
{
	struct bc_store *st = calloc(1, sizeof(*st));

	if (st != NULL)
		st->cfg = cfg;
	return st;
}

void
bc_store_set_request(struct bc_store *st, const char *request_id)
{
	st->request_id = request_id;
}

void
bc_store_free(struct bc_store *st)
{
	if (st == NULL)
		return;
	disconnect(st);
	free(st);
}

/* --- running statements --- */

static int
fail(struct bc_store *st, MYSQL_STMT *s)
{
	st->last_errno = mysql_stmt_errno(s);
	if (classify(st->last_errno) == FAILED)
		bc_log(BC_LOG_ERROR, st->request_id, "database: %s", mysql_stmt_error(s));
	return -1;
}

/* Execute with parameters; with results bound, fetch the one row: 1 row, 0 none, -1 error. */
static int
run(struct bc_store *st, enum stmt which, MYSQL_BIND *params, MYSQL_BIND *results)
{
	MYSQL_STMT *s = st->stmt[which];
	int rc, got = 0;

	if (params != NULL && mysql_stmt_bind_param(s, params) != 0)
		return fail(st, s);
	if (mysql_stmt_execute(s) != 0)
		return fail(st, s);
	if (results == NULL)
		return 0;
	if (mysql_stmt_bind_result(s, results) != 0 || mysql_stmt_store_result(s) != 0)
		return fail(st, s);
	rc = mysql_stmt_fetch(s);
	if (rc == 0 || rc == MYSQL_DATA_TRUNCATED)
		got = 1;
	else if (rc != MYSQL_NO_DATA) {
		fail(st, s);
		mysql_stmt_free_result(s);
		return -1;
	}
	mysql_stmt_free_result(s);
	return got;
}

/* Run a read-only statement with a retry after a lost connection: 1 row, 0 none, -1 error. */
typedef int (*read_fn)(struct bc_store *, void *);

static enum bc_err
read_with_retry(struct bc_store *st, read_fn fn, void *arg)
{
	int attempt, got;

	for (attempt = 0; attempt < 2; attempt++) {
		if (ensure_connected(st) != BC_OK)
			return BC_E_DB;
		got = fn(st, arg);
		if (got >= 0)
			return got == 1 ? BC_OK : BC_E_NOT_FOUND;
		if (classify(st->last_errno) != AGAIN_RECONNECT)
			return BC_E_DB;
		disconnect(st);
	}
	return BC_E_DB;
}

/* Stored periods are canonical names; ad hoc ones read "adhoc:REQUEST@YYYY-MM-DD". */
static int
period_from_stored(struct bc_period *p, const char *cadence, const char *name)
{
	const char *at;
	int c;

	memset(p, 0, sizeof(*p));
	for (c = 0; c < BC_CADENCE__MAX; c++)
		if (strcmp(bc_cadence_name((enum bc_cadence)c), cadence) == 0)
			break;
	if (c == BC_CADENCE__MAX)
		return -1;
	if (c != BC_CADENCE_ADHOC)
		return bc_period_parse(p, (enum bc_cadence)c, name);
	p->cadence = BC_CADENCE_ADHOC;
	if (strncmp(name, "adhoc:", 6) != 0 || (at = strrchr(name, '@')) == NULL ||
	    (size_t)(at - name - 6) >= sizeof(p->request))
		return -1;
	memcpy(p->request, name + 6, (size_t)(at - name - 6));
	p->request[at - name - 6] = '\0';
	if (bc_date_parse(&p->as_of, at + 1) != 0)
		return -1;
	p->year = p->as_of.year;
	return 0;
}

/* The columns of RECEIPT_COLUMNS, bound to a receipt. */
#define RECEIPT_NCOLUMNS 16

struct receipt_row {
	MYSQL_BIND res[RECEIPT_NCOLUMNS];
	struct bc_out_str o[10];
	char cadence[24], period[97];
	MYSQL_TIME received, deadline;
	signed char on_time;
};

static void
bind_receipt_row(struct receipt_row *row, struct bc_receipt *r)
{
	MYSQL_BIND *res = row->res;

	memset(r, 0, sizeof(*r));
	memset(row, 0, sizeof(*row));
	bc_bind_out_str(&res[0], &row->o[0], r->sha256, sizeof(r->sha256));
	bc_bind_out_str(&res[1], &row->o[1], r->report_type, sizeof(r->report_type));
	bc_bind_out_str(&res[2], &row->o[2], r->schema_ns, sizeof(r->schema_ns));
	bc_bind_out_str(&res[3], &row->o[3], r->unit_code, sizeof(r->unit_code));
	bc_bind_out_str(&res[4], &row->o[4], r->filed_by, sizeof(r->filed_by));
	bc_bind_out_str(&res[5], &row->o[5], row->cadence, sizeof(row->cadence));
	bc_bind_out_str(&res[6], &row->o[6], row->period, sizeof(row->period));
	bc_bind_uint(&res[7], &r->revision);
	bc_bind_out_str(&res[8], &row->o[7], r->supersedes, sizeof(r->supersedes));
	bc_bind_time(&res[9], MYSQL_TYPE_DATETIME, &row->received);
	bc_bind_uint(&res[10], &r->receipt_year);
	bc_bind_uint(&res[11], &r->receipt_seq);
	bc_bind_time(&res[12], MYSQL_TYPE_DATE, &row->deadline);
	res[13].buffer_type = MYSQL_TYPE_TINY;
	res[13].buffer = &row->on_time;
	bc_bind_out_str(&res[14], &row->o[8], r->province, sizeof(r->province));
	bc_bind_out_str(&res[15], &row->o[9], r->document_id, sizeof(r->document_id));
}

/* The fetched row into the receipt: 1, or -1 when its period cannot be read back. */
static int
finish_receipt_row(struct bc_store *st, struct receipt_row *row, struct bc_receipt *r)
{
	bc_finish_out_str(row->o, 10);
	r->received_us = bc_from_mysql_datetime(&row->received);
	r->deadline = (struct bc_date){ (int)row->deadline.year, (int)row->deadline.month,
	    (int)row->deadline.day };
	r->on_time = row->on_time != 0;
	if (period_from_stored(&r->period, row->cadence, row->period) != 0) {
		bc_log(BC_LOG_ERROR, st->request_id, "database: submission %s has period %s/%s",
		    r->document_id, row->cadence, row->period);
		return -1;
	}
	return 1;
}

static int
find_once(struct bc_store *st, const char *document_id, struct bc_receipt *r)
{
	struct receipt_row row;
	MYSQL_BIND param;
	int got;

	bc_bind_str(&param, document_id);
	bind_receipt_row(&row, r);
	if ((got = run(st, STMT_FIND, &param, row.res)) <= 0)
		return got;
	return finish_receipt_row(st, &row, r);
}

struct find_arg {
	const char *document_id;
	struct bc_receipt *out;
};

static int
find_read(struct bc_store *st, void *arg)
{
	struct find_arg *a = arg;

	return find_once(st, a->document_id, a->out);
}

enum bc_err
bc_store_find(struct bc_store *st, const char *document_id, struct bc_receipt *out)
{
	struct find_arg a = { document_id, out };

	return read_with_retry(st, find_read, &a);
}

enum bc_err
bc_store_ping(struct bc_store *st)
{
	if (ensure_connected(st) != BC_OK)
		return BC_E_DB;
	if (mysql_ping(st->db) == 0)
		return BC_OK;
	disconnect(st);
	return ensure_connected(st) == BC_OK ? BC_OK : BC_E_DB;
}

/* --- filing --- */

struct submit_ctx {
	const struct bc_report *r;
	const struct bc_filing *f;
	struct bc_receipt *out;
	int *replayed;
	char *current;
	struct bc_violations *v;
};

/* Vietnam's civil year of a UTC instant: receipts are numbered per local year. */
static unsigned
vietnam_year(long long us)
{
	time_t sec = (time_t)(us / 1000000) + 7 * 3600;
	struct tm tm;

	gmtime_r(&sec, &tm);
	return (unsigned)tm.tm_year + 1900;
}

/* The document is stored already (a concurrent sender won, or this is a resend): the same
 * bytes are a replay, others a conflict. 1 when it answered, 0 when not stored, -1 error. */
static int
stored_already(struct bc_store *st, struct submit_ctx *c, enum bc_err *answer)
{
	struct bc_receipt stored;
	int got;

	if ((got = find_once(st, c->r->header.document_id, &stored)) != 1)
		return got;
	*c->out = stored;
	*c->replayed = strcmp(stored.sha256, c->r->sha256) == 0;
	*answer = *c->replayed ? BC_OK : BC_E_CONFLICT;
	return 1;
}

/* newest: the revision this one became the newest over ("" for the first), which is what it
 * supersedes when the document does not say (a legacy system's revision) */
static void
fill_receipt(struct submit_ctx *c, unsigned revision, const char *newest)
{
	const struct bc_report *r = c->r;
	struct bc_receipt *o = c->out;

	snprintf(o->document_id, sizeof(o->document_id), "%s", r->header.document_id);
	snprintf(o->report_type, sizeof(o->report_type), "%s", r->type->name);
	snprintf(o->schema_ns, sizeof(o->schema_ns), "%s", r->type->ns);
	snprintf(o->unit_code, sizeof(o->unit_code), "%s", r->header.unit_code);
	snprintf(o->filed_by, sizeof(o->filed_by), "%s", c->f->filed_by);
	snprintf(o->supersedes, sizeof(o->supersedes), "%s",
	    r->header.supersedes[0] != '\0' ? r->header.supersedes : newest);
	snprintf(o->sha256, sizeof(o->sha256), "%s", r->sha256);
	o->period = r->header.period;
	o->revision = revision;
	o->received_us = c->f->received_us;
	o->deadline = c->f->deadline;
	o->on_time = c->f->on_time;
}

int
bc_receipt_of_report(const struct bc_receipt *rc, const struct bc_report *r)
{
	return strcmp(rc->unit_code, r->header.unit_code) == 0 &&
	    strcmp(rc->report_type, r->type->name) == 0 &&
	    bc_period_same_report(&rc->period, &r->header.period);
}

/* Supersedes must name the newest revision of this very report; bc_file found it does
 * not. Tell a replay of an older revision, a stale revision and a wrong reference apart:
 * 1 when answered, -1 error. */
static int
refused_supersedes(struct bc_store *st, struct submit_ctx *c, const char *newest_id,
    enum bc_err *answer)
{
	const struct bc_header *h = &c->r->header;
	struct bc_receipt named;
	int got;

	if ((got = stored_already(st, c, answer)) != 0)
		return got;
	if ((got = find_once(st, h->supersedes, &named)) < 0)
		return -1;
	if (got == 1 && bc_receipt_of_report(&named, c->r)) {
		snprintf(c->current, 37, "%s", newest_id);
		*answer = BC_E_STALE;
		return 1;
	}
	bc_ingest_supersedes_elsewhere(c->r, c->v);
	*answer = BC_E_INVALID;
	return 1;
}

/* What bc_file answered. */
struct file_result {
	char outcome[16];
	unsigned revision, seq;
	char newest_id[37];
};

/* Run bc_file with the header fields and the facts; read its one row, then the status that
 * ends a CALL. 0 with the result, -1 error. */
static int
call_file(struct bc_store *st, struct submit_ctx *c, struct bc_buf json[BC_FACT__MAX],
    struct file_result *out)
{
	const struct bc_report *r = c->r;
	MYSQL_STMT *s = st->stmt[STMT_FILE];
	MYSQL_BIND p[17 + BC_FACT__MAX], res[4];
	struct bc_out_str o[2];
	MYSQL_TIME received = bc_to_mysql_datetime(c->f->received_us);
	MYSQL_TIME deadline = bc_to_mysql_date(c->f->deadline);
	unsigned year = c->out->receipt_year, on_time = (unsigned)c->f->on_time;
	int k, rc;

	bc_bind_str(&p[0], r->header.document_id);
	bc_bind_str(&p[1], r->type->name);
	bc_bind_str(&p[2], r->type->ns);
	bc_bind_str(&p[3], r->header.unit_code);
	bc_bind_str(&p[4], c->f->filed_by);
	bc_bind_str(&p[5], c->f->province);
	bc_bind_str(&p[6], bc_cadence_name(r->header.period.cadence));
	bc_bind_str(&p[7], r->header.period_name);
	bc_bind_str(&p[8], r->header.supersedes);
	bc_bind_str(&p[9], r->sha256);
	bc_bind_blob(&p[10], r->body, r->body_len);
	bc_bind_str(&p[11], r->header.prepared_by);
	bc_bind_str(&p[12], r->header.prepared_at);
	bc_bind_time(&p[13], MYSQL_TYPE_DATETIME, &received);
	bc_bind_uint(&p[14], &year);
	bc_bind_time(&p[15], MYSQL_TYPE_DATE, &deadline);
	bc_bind_uint(&p[16], &on_time);
	for (k = 0; k < BC_FACT__MAX; k++) {
		if (json[k].len > 0)
			bc_bind_blob(&p[17 + k], json[k].data, json[k].len);
		else
			bc_bind_null(&p[17 + k]);
	}
	bc_bind_out_str(&res[0], &o[0], out->outcome, sizeof(out->outcome));
	bc_bind_uint(&res[1], &out->revision);
	bc_bind_uint(&res[2], &out->seq);
	bc_bind_out_str(&res[3], &o[1], out->newest_id, sizeof(out->newest_id));
	if (mysql_stmt_bind_param(s, p) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, res) != 0 || mysql_stmt_store_result(s) != 0)
		return fail(st, s);
	rc = mysql_stmt_fetch(s);
	mysql_stmt_free_result(s);
	if (rc != 0 && rc != MYSQL_DATA_TRUNCATED)
		return fail(st, s);
	bc_finish_out_str(o, 2);
	/* A CALL ends with a status of its own; it must be read before the next statement. */
	while ((rc = mysql_stmt_next_result(s)) == 0)
		mysql_stmt_free_result(s);
	return rc > 0 ? fail(st, s) : 0;
}

/* One attempt at the filing. Returns 0 with the answer, or -1 with st->last_errno set.
 * The DocumentId is looked up only when bc_file refuses the document (a replay of a
 * revision names a Supersedes that is no longer the newest; a stored DocumentId makes the
 * insert a duplicate): the common case, a new document, costs one round trip. */
static int
submit_once(struct bc_store *st, struct submit_ctx *c, struct bc_buf json[BC_FACT__MAX],
    enum bc_err *answer)
{
	struct bc_receipt *o = c->out;
	struct file_result fr;
	int got;

	memset(o, 0, sizeof(*o));
	memset(&fr, 0, sizeof(fr));
	snprintf(o->province, sizeof(o->province), "%s", c->f->province);
	o->receipt_year = vietnam_year(c->f->received_us);
	if (call_file(st, c, json, &fr) < 0)
		return -1;
	if (strcmp(fr.outcome, "supersedes") == 0) {
		got = refused_supersedes(st, c, fr.newest_id, answer);
		return got < 0 ? -1 : 0;
	}
	if (strcmp(fr.outcome, "duplicate") == 0) {
		if ((got = stored_already(st, c, answer)) != 0)
			return got < 0 ? -1 : 0;
		st->last_errno = ER_DUP_ENTRY;	/* a concurrent revision won: try again */
		return -1;
	}
	fill_receipt(c, fr.revision, fr.newest_id);
	o->receipt_seq = fr.seq;
	*c->replayed = 0;
	*answer = BC_OK;
	return 0;
}

static enum bc_err
submit_with_retry(struct bc_store *st, struct submit_ctx *c, struct bc_buf json[BC_FACT__MAX])
{
	enum bc_err answer = BC_E_DB;
	int attempt, reconnected = 0;

	for (attempt = 0; attempt < 8; attempt++) {
		if (ensure_connected(st) != BC_OK)
			return BC_E_DB;
		if (submit_once(st, c, json, &answer) == 0)
			return answer;
		mysql_rollback(st->db);	/* an error bc_file did not handle leaves it open */
		switch (classify(st->last_errno)) {
		case AGAIN:
			continue;
		case AGAIN_RECONNECT:
			if (reconnected++)
				return BC_E_DB;
			disconnect(st);
			continue;
		default:
			return is_data_error(st->last_errno) ? BC_E_INTERNAL : BC_E_DB;
		}
	}
	bc_log(BC_LOG_ERROR, st->request_id, "database: gave up on %s after %d attempts",
	    c->r->header.document_id, attempt);
	return BC_E_DB;
}

enum bc_err
bc_store_submit(struct bc_store *st, const struct bc_report *r, const struct bc_filing *f,
    struct bc_receipt *out, int *replayed, char current[37], struct bc_violations *v)
{
	struct submit_ctx c = { r, f, out, replayed, current, v };
	struct bc_buf json[BC_FACT__MAX];
	enum bc_err answer = BC_E_INTERNAL;
	int k, unfit = 0;

	*replayed = 0;
	current[0] = '\0';
	memset(json, 0, sizeof(json));
	for (k = 0; k < BC_FACT__MAX; k++) {
		unfit |= bc_facts_json(&json[k], &r->facts, (enum bc_fact_kind)k) != 0;
		unfit |= json[k].oom;
	}
	if (!unfit)
		answer = submit_with_retry(st, &c, json);
	else
		bc_log(BC_LOG_ERROR, st->request_id, "facts of %s do not fit the fact tables",
		    r->header.document_id);
	for (k = 0; k < BC_FACT__MAX; k++)
		bc_buf_free(&json[k]);
	return answer;
}

static int
body_once(struct bc_store *st, const char *document_id, struct bc_buf *body, char sha256[65],
    char unit[33])
{
	MYSQL_STMT *s = st->stmt[STMT_BODY];
	MYSQL_BIND param, res[3], col;
	struct bc_out_str o[2];
	unsigned long len = 0;
	int rc, got = 0;

	bc_bind_str(&param, document_id);
	memset(&res[0], 0, sizeof(res[0]));
	res[0].buffer_type = MYSQL_TYPE_BLOB;
	res[0].length = &len;
	bc_bind_out_str(&res[1], &o[0], sha256, 65);
	bc_bind_out_str(&res[2], &o[1], unit, 33);
	if (mysql_stmt_bind_param(s, &param) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, res) != 0 || mysql_stmt_store_result(s) != 0)
		return fail(st, s);
	rc = mysql_stmt_fetch(s);
	if (rc == 0 || rc == MYSQL_DATA_TRUNCATED) {
		bc_finish_out_str(o, 2);
		bc_buf_reset(body);
		if (bc_buf_reserve(body, len) != 0) {
			mysql_stmt_free_result(s);
			return -1;
		}
		memset(&col, 0, sizeof(col));
		col.buffer_type = MYSQL_TYPE_BLOB;
		col.buffer = body->data;
		col.buffer_length = len;
		if (len > 0 && mysql_stmt_fetch_column(s, &col, 0, 0) != 0) {
			fail(st, s);
			mysql_stmt_free_result(s);
			return -1;
		}
		body->len = len;
		body->data[len] = '\0';
		got = 1;
	} else if (rc != MYSQL_NO_DATA) {
		fail(st, s);
		got = -1;
	}
	mysql_stmt_free_result(s);
	return got;
}

struct body_arg {
	const char *document_id;
	struct bc_buf *body;
	char *sha256, *unit;
};

static int
body_read(struct bc_store *st, void *arg)
{
	struct body_arg *a = arg;

	return body_once(st, a->document_id, a->body, a->sha256, a->unit);
}

enum bc_err
bc_store_body(struct bc_store *st, const char *document_id, struct bc_buf *body,
    char sha256[65], char unit[33])
{
	struct body_arg a = { document_id, body, sha256, unit };

	return read_with_retry(st, body_read, &a);
}

/* --- the registry, read on the request path --- */

/* A unit's registry columns, as STMT_UNIT and STMT_CREDENTIAL both return them first. */
#define UNIT_COLUMNS 8

struct unit_row {
	struct bc_out_str o[5];
	MYSQL_TIME from, to;
	char kind[24];
	signed char has_to;
};

static void
bind_unit_row(MYSQL_BIND res[UNIT_COLUMNS], struct unit_row *row, struct bc_unit *u)
{
	memset(u, 0, sizeof(*u));
	memset(row, 0, sizeof(*row));
	bc_bind_out_str(&res[0], &row->o[0], row->kind, sizeof(row->kind));
	bc_bind_out_str(&res[1], &row->o[1], u->parent, sizeof(u->parent));
	bc_bind_out_str(&res[2], &row->o[2], u->province, sizeof(u->province));
	bc_bind_out_str(&res[3], &row->o[3], u->name, sizeof(u->name));
	bc_bind_time(&res[4], MYSQL_TYPE_DATE, &row->from);
	bc_bind_tiny(&res[5], &row->has_to);
	bc_bind_time(&res[6], MYSQL_TYPE_DATE, &row->to);
	bc_bind_out_str(&res[7], &row->o[4], u->successor, sizeof(u->successor));
}

static int
finish_unit_row(struct bc_store *st, struct unit_row *row, const char *code, struct bc_unit *u)
{
	int k;

	bc_finish_out_str(row->o, 5);
	if ((k = bc_unit_kind_from_name(row->kind)) < 0) {
		bc_log(BC_LOG_ERROR, st->request_id, "registry: unit %s has unknown kind %s", code,
		    row->kind);
		return -1;
	}
	snprintf(u->code, sizeof(u->code), "%s", code);
	u->kind = (enum bc_unit_kind)k;
	u->valid_from = bc_from_mysql_date(&row->from);
	u->has_valid_to = row->has_to != 0;
	u->valid_to = bc_from_mysql_date(&row->to);
	return 1;
}

struct unit_arg {
	const char *code;
	struct bc_unit *u;
};

static int
unit_once(struct bc_store *st, void *arg)
{
	struct unit_arg *a = arg;
	MYSQL_BIND param, res[UNIT_COLUMNS];
	struct unit_row row;
	int got;

	bc_bind_str(&param, a->code);
	bind_unit_row(res, &row, a->u);
	if ((got = run(st, STMT_UNIT, &param, res)) <= 0)
		return got;
	return finish_unit_row(st, &row, a->code, a->u);
}

enum bc_err
bc_store_unit(struct bc_store *st, const char *code, struct bc_unit *out)
{
	struct unit_arg a = { code, out };

	return read_with_retry(st, unit_once, &a);
}

struct credential_arg {
	const char *digest;
	struct bc_unit *u;
};

static int
credential_once(struct bc_store *st, void *arg)
{
	struct credential_arg *a = arg;
	MYSQL_BIND param, res[UNIT_COLUMNS + 2];
	struct bc_out_str o[2];
	struct unit_row row;
	char code[33], digest[65];
	int got;

	bc_bind_str(&param, a->digest);
	bind_unit_row(res, &row, a->u);
	bc_bind_out_str(&res[UNIT_COLUMNS], &o[0], code, sizeof(code));
	bc_bind_out_str(&res[UNIT_COLUMNS + 1], &o[1], digest, sizeof(digest));
	if ((got = run(st, STMT_CREDENTIAL, &param, res)) <= 0)
		return got;
	bc_finish_out_str(o, 2);
	/* The index found the row; comparing the digests again in constant time keeps the
	 * answer independent of how much of a guessed digest matched. */
	if (strlen(digest) != strlen(a->digest) ||
	    CRYPTO_memcmp(digest, a->digest, strlen(digest)) != 0)
		return 0;
	return finish_unit_row(st, &row, code, a->u);
}

enum bc_err
bc_store_credential(struct bc_store *st, const char *digest, struct bc_unit *out)
{
	struct credential_arg a = { digest, out };

	return read_with_retry(st, credential_once, &a);
}

struct pair_arg {
	const char *a, *b;
	unsigned count;
	struct bc_date due;
};

static int
granted_once(struct bc_store *st, void *arg)
{
	struct pair_arg *p = arg;
	MYSQL_BIND params[2], res;

	bc_bind_str(&params[0], p->a);
	bc_bind_str(&params[1], p->b);
	bc_bind_uint(&res, &p->count);
	return run(st, STMT_GRANTED, params, &res);
}

enum bc_err
bc_store_granted(struct bc_store *st, const char *grantee, const char *unit, int *granted)
{
	struct pair_arg p = { grantee, unit, 0, { 0, 0, 0 } };
	enum bc_err e = read_with_retry(st, granted_once, &p);

	*granted = e == BC_OK && p.count > 0;
	return e == BC_E_NOT_FOUND ? BC_OK : e;
}

static int
adhoc_once(struct bc_store *st, void *arg)
{
	struct pair_arg *p = arg;
	MYSQL_BIND params[2], res;
	MYSQL_TIME due;
	int got;

	bc_bind_str(&params[0], p->a);
	bc_bind_str(&params[1], p->b);
	bc_bind_time(&res, MYSQL_TYPE_DATE, &due);
	if ((got = run(st, STMT_ADHOC_REQUEST, params, &res)) == 1)
		p->due = bc_from_mysql_date(&due);
	return got;
}

enum bc_err
bc_store_adhoc_request(struct bc_store *st, const char *request, const char *unit,
    struct bc_date *due)
{
	struct pair_arg p = { request, unit, 0, { 0, 0, 0 } };
	enum bc_err e = read_with_retry(st, adhoc_once, &p);

	*due = p.due;
	return e;
}

/* --- lists the rules need: a district's communes, a department's criteria --- */

struct list_arg {
	enum stmt which;
	MYSQL_BIND *params;
	char (*codes)[33];
	unsigned *numbers;
	size_t n, max;
};

static int
list_once(struct bc_store *st, void *arg)
{
	struct list_arg *a = arg;
	MYSQL_STMT *s = st->stmt[a->which];
	MYSQL_BIND res;
	struct bc_out_str o;
	char code[33];
	unsigned number = 0;
	int rc;

	a->n = 0;
	if (a->codes != NULL)
		bc_bind_out_str(&res, &o, code, sizeof(code));
	else
		bc_bind_uint(&res, &number);
	if (mysql_stmt_bind_param(s, a->params) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, &res) != 0 || mysql_stmt_store_result(s) != 0)
		return fail(st, s);
	while ((rc = mysql_stmt_fetch(s)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		if (a->n >= a->max)
			continue;
		if (a->codes != NULL) {
			bc_finish_out_str(&o, 1);
			memcpy(a->codes[a->n], code, sizeof(code));
		} else
			a->numbers[a->n] = number;
		a->n++;
	}
	mysql_stmt_free_result(s);
	return rc == MYSQL_NO_DATA ? 1 : fail(st, s);
}

static enum bc_err
communes_valid(struct bc_store *st, enum stmt which, const char *scope, struct bc_date first,
    struct bc_date last, char (*codes)[33], size_t max, size_t *n)
{
	MYSQL_TIME from = bc_to_mysql_date(first), to = bc_to_mysql_date(last);
	MYSQL_BIND params[3];
	struct list_arg a = { which, params, codes, NULL, 0, max };
	enum bc_err e;

	bc_bind_str(&params[0], scope);
	bc_bind_time(&params[1], MYSQL_TYPE_DATE, &from);
	bc_bind_time(&params[2], MYSQL_TYPE_DATE, &to);
	e = read_with_retry(st, list_once, &a);
	*n = a.n;
	return e;
}

enum bc_err
bc_store_communes_of(struct bc_store *st, const char *district, struct bc_date first,
    struct bc_date last, char (*codes)[33], size_t max, size_t *n)
{
	return communes_valid(st, STMT_CHILD_COMMUNES, district, first, last, codes, max, n);
}

enum bc_err
bc_store_province_communes(struct bc_store *st, const char *province, struct bc_date first,
    struct bc_date last, char (*codes)[33], size_t max, size_t *n)
{
	return communes_valid(st, STMT_PROVINCE_COMMUNES, province, first, last, codes, max, n);
}

enum bc_err
bc_store_criteria_of(struct bc_store *st, const char *unit, unsigned *numbers, size_t max,
    size_t *n)
{
	MYSQL_BIND param;
	struct list_arg a = { STMT_UNIT_CRITERIA, &param, NULL, numbers, 0, max };
	enum bc_err e;

	bc_bind_str(&param, unit);
	e = read_with_retry(st, list_once, &a);
	*n = a.n;
	return e;
}

/* --- completeness: many rows --- */

/* Room for one more element in a growing array. */
static int
grow_to(void **v, size_t *cap, size_t n, size_t size)
{
	void *grown;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 512;
	if ((grown = realloc(*v, *cap * size)) == NULL)
		return -1;
	*v = grown;
	return 0;
}

/* Append a copy of the row in hand to a growing array. */
static int
append_row(void **v, size_t *cap, size_t *n, const void *row, size_t size)
{
	if (grow_to(v, cap, *n, size) != 0)
		return -1;
	memcpy((char *)*v + *n * size, row, size);
	(*n)++;
	return 0;
}

/* What a many-row read hands back: its rows, or none when it failed ("no rows" is no error). */
static void *
rows_or_none(enum bc_err *e, void *rows, size_t *n)
{
	if (*e == BC_E_NOT_FOUND)
		*e = BC_OK;
	if (*e == BC_OK)
		return rows;
	free(rows);
	*n = 0;
	return NULL;
}

/* Execute, then hand every fetched row to `row` (which copies the bound buffers). */
static int
each_row(struct bc_store *st, enum stmt which, MYSQL_BIND *params, MYSQL_BIND *results,
    int (*row)(void *), void *arg)
{
	MYSQL_STMT *s = st->stmt[which];
	int rc;

	if (mysql_stmt_bind_param(s, params) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, results) != 0 || mysql_stmt_store_result(s) != 0)
		return fail(st, s);
	while ((rc = mysql_stmt_fetch(s)) == 0 || rc == MYSQL_DATA_TRUNCATED)
		if (row(arg) != 0) {
			mysql_stmt_free_result(s);
			st->last_errno = 0;
			return -1;
		}
	mysql_stmt_free_result(s);
	return rc == MYSQL_NO_DATA ? 1 : fail(st, s);
}

struct receipts_arg {
	const char *unit, *type, *period, *answers;
	unsigned limit;
	struct receipt_row row;
	struct bc_receipt cur;
	struct bc_store *st;
	struct bc_receipt *v;
	size_t n, cap;
};

static int
receipt_row(void *arg)
{
	struct receipts_arg *a = arg;

	if (finish_receipt_row(a->st, &a->row, &a->cur) < 0 ||
	    grow_to((void **)&a->v, &a->cap, a->n, sizeof(*a->v)) != 0)
		return -1;
	a->v[a->n++] = a->cur;
	return 0;
}

static int
receipts_once(struct bc_store *st, void *arg)
{
	struct receipts_arg *a = arg;
	MYSQL_BIND params[9];

	a->n = 0;
	a->st = st;
	bc_bind_str(&params[0], a->unit);
	bc_bind_str(&params[1], a->type);
	bc_bind_str(&params[2], a->type);
	bc_bind_str(&params[3], a->period);
	bc_bind_str(&params[4], a->period);
	bc_bind_str(&params[5], a->answers);
	bc_bind_str(&params[6], a->answers);
	bc_bind_str(&params[7], a->answers);
	bc_bind_uint(&params[8], &a->limit);
	bind_receipt_row(&a->row, &a->cur);
	return each_row(st, STMT_SUBMISSIONS_OF, params, a->row.res, receipt_row, a);
}

enum bc_err
bc_store_submissions(struct bc_store *st, const char *unit, const char *type,
    const char *period, const char *request, size_t max, struct bc_receipt **out, size_t *n)
{
	struct receipts_arg a;
	enum bc_err e;

	memset(&a, 0, sizeof(a));
	a.unit = unit;
	a.type = type;
	a.period = period;
	a.answers = request;
	a.limit = (unsigned)max;
	e = read_with_retry(st, receipts_once, &a);
	if (e != BC_OK) {
		free(a.v);
		a.v = NULL;
		a.n = 0;
	}
	*out = a.v;
	*n = a.n;
	return e;
}

/* STMT_UNITS_IN_SCOPE: a unit's columns as STMT_UNIT's, then its code. */
struct units_arg {
	const char *province;
	struct unit_row row;
	struct bc_out_str code_out;
	char code[33];
	struct bc_unit cur;
	struct bc_store *st;
	struct bc_unit *v;
	size_t n, cap;
};

static int
unit_row(void *arg)
{
	struct units_arg *a = arg;

	bc_finish_out_str(&a->code_out, 1);
	if (finish_unit_row(a->st, &a->row, a->code, &a->cur) < 0)
		return 0;	/* a kind this build does not know is no unit it expects */
	return append_row((void **)&a->v, &a->cap, &a->n, &a->cur, sizeof(a->cur));
}

static int
units_once(struct bc_store *st, void *arg)
{
	struct units_arg *a = arg;
	MYSQL_BIND params[2], res[UNIT_COLUMNS + 1];

	a->n = 0;
	a->st = st;
	bc_bind_str(&params[0], a->province);
	bc_bind_str(&params[1], a->province);
	bind_unit_row(res, &a->row, &a->cur);
	bc_bind_out_str(&res[UNIT_COLUMNS], &a->code_out, a->code, sizeof(a->code));
	return each_row(st, STMT_UNITS_IN_SCOPE, params, res, unit_row, a);
}

enum bc_err
bc_store_units_in(struct bc_store *st, const char *province, struct bc_unit **units, size_t *n)
{
	struct units_arg a;
	enum bc_err e;

	memset(&a, 0, sizeof(a));
	a.province = province;
	e = read_with_retry(st, units_once, &a);
	*units = rows_or_none(&e, a.v, &a.n);
	*n = a.n;
	return e;
}

/* --- an ad hoc request, as registered --- */

struct request_arg {
	const char *code;
	struct bc_adhoc_request *q;
	struct bc_out_str unit_out;
	char unit[33];
	size_t cap;
};

static int
request_unit_row(void *arg)
{
	struct request_arg *a = arg;

	bc_finish_out_str(&a->unit_out, 1);
	return append_row((void **)&a->q->units, &a->cap, &a->q->nunits, a->unit, sizeof(a->unit));
}

/* The code is read back rather than copied from the one asked: the column compares with
 * trailing spaces ignored, and the answer names the request as it is registered. */
static int
request_once(struct bc_store *st, void *arg)
{
	struct request_arg *a = arg;
	struct bc_adhoc_request *q = a->q;
	MYSQL_BIND param, res[4];
	struct bc_out_str o[3];
	MYSQL_TIME due;
	int got;

	q->nunits = 0;
	bc_bind_str(&param, a->code);
	bc_bind_out_str(&res[0], &o[0], q->code, sizeof(q->code));
	bc_bind_out_str(&res[1], &o[1], q->province, sizeof(q->province));
	bc_bind_out_str(&res[2], &o[2], q->subject, sizeof(q->subject));
	bc_bind_time(&res[3], MYSQL_TYPE_DATE, &due);
	if ((got = run(st, STMT_REQUEST, &param, res)) <= 0)
		return got;
	bc_finish_out_str(o, 3);
	q->due = bc_from_mysql_date(&due);
	bc_bind_str(&param, q->code);
	bc_bind_out_str(&res[0], &a->unit_out, a->unit, sizeof(a->unit));
	return each_row(st, STMT_REQUEST_UNITS, &param, res, request_unit_row, a);
}

enum bc_err
bc_store_request(struct bc_store *st, const char *code, struct bc_adhoc_request *out)
{
	struct request_arg a;
	enum bc_err e;

	memset(out, 0, sizeof(*out));
	memset(&a, 0, sizeof(a));
	a.code = code;
	a.q = out;
	if ((e = read_with_retry(st, request_once, &a)) != BC_OK) {
		free(out->units);
		out->units = NULL;
		out->nunits = 0;
	}
	return e;
}

/* --- the requests a reader sees --- */

struct requests_arg {
	int all;
	const char *province, *reader;
	unsigned limit;
	struct bc_adhoc_listed cur;
	struct bc_out_str o[2];
	MYSQL_TIME due;
	struct bc_adhoc_listed *v;
	size_t n, cap;
};

static int
listed_request_row(void *arg)
{
	struct requests_arg *a = arg;

	bc_finish_out_str(a->o, 2);
	a->cur.due = bc_from_mysql_date(&a->due);
	return append_row((void **)&a->v, &a->cap, &a->n, &a->cur, sizeof(a->cur));
}

static int
requests_once(struct bc_store *st, void *arg)
{
	struct requests_arg *a = arg;
	struct bc_adhoc_listed *r = &a->cur;
	MYSQL_BIND params[6], res[7];
	signed char all = a->all != 0;

	a->n = 0;
	bc_bind_str(&params[0], a->reader);
	bc_bind_str(&params[1], a->reader);
	bc_bind_tiny(&params[2], &all);
	bc_bind_str(&params[3], a->province);
	bc_bind_str(&params[4], a->reader);
	bc_bind_uint(&params[5], &a->limit);
	bc_bind_out_str(&res[0], &a->o[0], r->code, sizeof(r->code));
	bc_bind_out_str(&res[1], &a->o[1], r->subject, sizeof(r->subject));
	bc_bind_time(&res[2], MYSQL_TYPE_DATE, &a->due);
	bc_bind_uint(&res[3], &r->units);
	bc_bind_uint(&res[4], &r->answered);
	bc_bind_tiny(&res[5], &r->reader_asked);
	bc_bind_tiny(&res[6], &r->reader_answered);
	return each_row(st, STMT_REQUESTS, params, res, listed_request_row, a);
}

enum bc_err
bc_store_requests(struct bc_store *st, int all, const char *province, const char *reader,
    size_t max, struct bc_adhoc_listed **out, size_t *n)
{
	struct requests_arg a;
	enum bc_err e;

	memset(&a, 0, sizeof(a));
	a.all = all;
	a.province = province;
	a.reader = reader;
	a.limit = (unsigned)max;
	e = read_with_retry(st, requests_once, &a);
	*out = rows_or_none(&e, a.v, &a.n);
	*n = a.n;
	return e;
}

struct filings_arg {
	const char *type, *period, *province, *request;
	struct bc_filing_row cur;
	struct bc_out_str o[3];
	MYSQL_TIME received;
	signed char on_time;
	struct bc_filing_row *v;
	size_t n, cap;
};

static int
filing_row(void *arg)
{
	struct filings_arg *a = arg;

	bc_finish_out_str(a->o, 3);
	a->cur.received_us = bc_from_mysql_datetime(&a->received);
	a->cur.on_time = a->on_time != 0;
	return append_row((void **)&a->v, &a->cap, &a->n, &a->cur, sizeof(a->cur));
}

static int
filings_once(struct bc_store *st, void *arg)
{
	struct filings_arg *a = arg;
	MYSQL_BIND params[4], res[6];
	struct bc_filing_row *f = &a->cur;
	enum stmt which = a->request != NULL ? STMT_FILINGS_REQUEST :
	    a->province[0] == '\0' ? STMT_FILINGS_COUNTRY : STMT_FILINGS;
	size_t np = 0;

	a->n = 0;
	if (which != STMT_FILINGS_COUNTRY)
		bc_bind_str(&params[np++], a->province);
	if (which == STMT_FILINGS_REQUEST) {
		bc_bind_str(&params[np++], a->request);
		bc_bind_str(&params[np++], a->request);
	} else
		bc_bind_str(&params[np++], a->period);
	bc_bind_str(&params[np++], a->type);
	bc_bind_out_str(&res[0], &a->o[0], f->unit, sizeof(f->unit));
	bc_bind_uint(&res[1], &f->revision);
	bc_bind_out_str(&res[2], &a->o[1], f->document_id, sizeof(f->document_id));
	bc_bind_out_str(&res[3], &a->o[2], f->filed_by, sizeof(f->filed_by));
	bc_bind_time(&res[4], MYSQL_TYPE_DATETIME, &a->received);
	bc_bind_tiny(&res[5], &a->on_time);
	return each_row(st, which, params, res, filing_row, a);
}

static enum bc_err
read_filings(struct bc_store *st, struct filings_arg *a, struct bc_filing_row **rows,
    size_t *n)
{
	enum bc_err e = read_with_retry(st, filings_once, a);

	*rows = rows_or_none(&e, a->v, &a->n);
	*n = a->n;
	return e;
}

enum bc_err
bc_store_filings(struct bc_store *st, const char *type, const char *period,
    const char *province, struct bc_filing_row **rows, size_t *n)
{
	struct filings_arg a = { .type = type, .period = period, .province = province };

	return read_filings(st, &a, rows, n);
}

enum bc_err
bc_store_request_filings(struct bc_store *st, const char *type, const char *request,
    const char *province, struct bc_filing_row **rows, size_t *n)
{
	struct filings_arg a = { .type = type, .request = request, .province = province };

	return read_filings(st, &a, rows, n);
}

/* --- recognition: a province's year of criteria --- */

struct year_arg {
	const char *province;
	char year[8];
	struct bc_criterion_fact cf;
	struct bc_recognition_fact rf;
	struct bc_out_str o[6];
	MYSQL_TIME received;
	char met[BC_CRITERIA_ROW_MAX + 1];
	char since[BC_CRITERIA_ROW_MAX * BC_CRITERIA_SINCE_LEN + 1];
	char cadence[24], period[97];
	unsigned rank;
	struct bc_criterion_fact *facts;
	size_t nfacts, capfacts;
	struct bc_recognition_fact *decisions;
	size_t ndecisions, capdecisions;
};

/* One criterion of the commune's row in hand, as recognition takes it. */
static int
criterion_fact(unsigned number, int is_met, int has_since, struct bc_date since, void *arg)
{
	struct year_arg *a = arg;

	a->cf.number = number;
	a->cf.met = is_met;
	a->cf.has_since = has_since;
	a->cf.since = since;
	return append_row((void **)&a->facts, &a->capfacts, &a->nfacts, &a->cf, sizeof(a->cf));
}

static int
criterion_row(void *arg)
{
	struct year_arg *a = arg;
	struct bc_period p;

	bc_finish_out_str(a->o, 6);
	a->cf.source = a->rank <= BC_SOURCE_VERIFICATION ? (enum bc_source)a->rank : BC_SOURCE_NONE;
	a->cf.received_us = bc_from_mysql_datetime(&a->received);
	memset(&a->cf.first, 0, sizeof(a->cf.first));
	memset(&a->cf.last, 0, sizeof(a->cf.last));
	if (period_from_stored(&p, a->cadence, a->period) == 0)
		bc_period_span(&p, &a->cf.first, &a->cf.last);
	snprintf(a->cf.period, sizeof(a->cf.period), "%.15s", a->period);
	/* the commune's row holds each criterion the report states */
	return bc_criteria_row_each(a->met, a->since, criterion_fact, a);
}

static int
decision_row(void *arg)
{
	struct year_arg *a = arg;

	bc_finish_out_str(a->o, 4);
	a->rf.received_us = bc_from_mysql_datetime(&a->received);
	return append_row((void **)&a->decisions, &a->capdecisions, &a->ndecisions, &a->rf,
	    sizeof(a->rf));
}

static int
year_once(struct bc_store *st, void *arg)
{
	struct year_arg *a = arg;
	MYSQL_BIND params[3], res[8];

	a->nfacts = a->ndecisions = 0;
	bc_bind_str(&params[0], a->province);
	bc_bind_str(&params[1], a->year);
	bc_bind_str(&params[2], a->year);
	bc_bind_out_str(&res[0], &a->o[0], a->cf.commune, sizeof(a->cf.commune));
	bc_bind_out_str(&res[1], &a->o[1], a->met, sizeof(a->met));
	bc_bind_out_str(&res[2], &a->o[2], a->since, sizeof(a->since));
	bc_bind_time(&res[3], MYSQL_TYPE_DATETIME, &a->received);
	bc_bind_uint(&res[4], &a->rank);
	bc_bind_out_str(&res[5], &a->o[3], a->cadence, sizeof(a->cadence));
	bc_bind_out_str(&res[6], &a->o[4], a->period, sizeof(a->period));
	bc_bind_out_str(&res[7], &a->o[5], a->cf.document_id, sizeof(a->cf.document_id));
	if (each_row(st, STMT_YEAR_CRITERIA, params, res, criterion_row, a) < 0)
		return -1;
	bc_bind_out_str(&res[0], &a->o[0], a->rf.commune, sizeof(a->rf.commune));
	bc_bind_out_str(&res[1], &a->o[1], a->rf.tier, sizeof(a->rf.tier));
	bc_bind_out_str(&res[2], &a->o[2], a->rf.decision, sizeof(a->rf.decision));
	bc_bind_time(&res[3], MYSQL_TYPE_DATETIME, &a->received);
	bc_bind_out_str(&res[4], &a->o[3], a->rf.decided, sizeof(a->rf.decided));
	return each_row(st, STMT_YEAR_RECOGNITIONS, params, res, decision_row, a);
}

enum bc_err
bc_store_year_criteria(struct bc_store *st, const char *province, int year,
    struct bc_criterion_fact **facts, size_t *nfacts, struct bc_recognition_fact **decisions,
    size_t *ndecisions)
{
	struct year_arg a;
	enum bc_err e;

	memset(&a, 0, sizeof(a));
	a.province = province;
	snprintf(a.year, sizeof(a.year), "%04d", year);
	e = read_with_retry(st, year_once, &a);
	*decisions = rows_or_none(&e, a.decisions, &a.ndecisions);
	*ndecisions = a.ndecisions;
	*facts = e == BC_OK ? a.facts : NULL;
	*nfacts = e == BC_OK ? a.nfacts : 0;
	if (e != BC_OK)
		free(a.facts);
	return e;
}

/* --- consolidation: facts of a year as text rows --- */

/* A province's year holds tens of thousands of fact rows of a few dozen bytes each: they are
 * read into fixed buffers, their text appended to one buffer with offsets, and packed at the
 * end into one block of rows followed by their text. */
#define FACT_ROW_STRINGS 7
#define FACT_TEXT_MAX 1204		/* a nomination's name: 300 characters of up to 4 bytes */

struct rows_arg {
	enum stmt which;
	const char *type, *province, *within;
	char text_of[FACT_ROW_STRINGS][FACT_TEXT_MAX];
	struct bc_out_str o[FACT_ROW_STRINGS];
	struct bc_buf text;
	size_t *offsets;		/* FACT_ROW_STRINGS per row */
	size_t n, cap;
};

static int
fact_row(void *arg)
{
	struct rows_arg *a = arg;
	size_t i;

	bc_finish_out_str(a->o, FACT_ROW_STRINGS);
	if (grow_to((void **)&a->offsets, &a->cap, a->n,
	    FACT_ROW_STRINGS * sizeof(*a->offsets)) != 0)
		return -1;
	for (i = 0; i < FACT_ROW_STRINGS; i++) {
		a->offsets[a->n * FACT_ROW_STRINGS + i] = a->text.len;
		bc_buf_append(&a->text, a->text_of[i], strlen(a->text_of[i]) + 1);
	}
	a->n++;
	return a->text.oom ? -1 : 0;
}

static int
rows_once(struct bc_store *st, void *arg)
{
	struct rows_arg *a = arg;
	MYSQL_BIND params[4], res[FACT_ROW_STRINGS];
	size_t i;

	a->n = 0;
	bc_buf_reset(&a->text);
	bc_bind_str(&params[0], a->type);
	bc_bind_str(&params[1], a->province);
	bc_bind_str(&params[2], a->within);
	bc_bind_str(&params[3], a->within);
	for (i = 0; i < FACT_ROW_STRINGS; i++)
		bc_bind_out_str(&res[i], &a->o[i], a->text_of[i], sizeof(a->text_of[i]));
	return each_row(st, a->which, params, res, fact_row, a);
}

/* The rows, then their text, in one allocation; NULL when out of memory. */
static struct bc_fact_row *
pack_rows(const struct rows_arg *a)
{
	struct bc_fact_row *rows = malloc(a->n * sizeof(*rows) + a->text.len + 1);
	const size_t *off = a->offsets;
	char *text;
	size_t r, f;

	if (rows == NULL)
		return NULL;
	text = (char *)(rows + a->n);
	if (a->text.len > 0)
		memcpy(text, a->text.data, a->text.len);
	for (r = 0; r < a->n; r++, off += FACT_ROW_STRINGS) {
		rows[r].unit = text + off[0];
		rows[r].period = text + off[1];
		for (f = 0; f < 5; f++)
			rows[r].field[f] = text + off[2 + f];
	}
	return rows;
}

enum bc_err
bc_store_year_facts(struct bc_store *st, enum bc_year_facts kind, const char *type,
    const char *province, const char *within, struct bc_fact_row **rows, size_t *n)
{
	struct rows_arg *a = calloc(1, sizeof(*a));
	enum bc_err e = BC_E_INTERNAL;

	*rows = NULL;
	*n = 0;
	if (a == NULL)
		return e;
	a->which = (enum stmt)(STMT_YEAR_AMOUNTS + kind);
	a->type = type;
	a->province = province;
	a->within = within;
	e = read_with_retry(st, rows_once, a);
	if (e == BC_E_NOT_FOUND)
		e = BC_OK;
	if (e == BC_OK && (*rows = pack_rows(a)) == NULL)
		e = BC_E_INTERNAL;
	if (e == BC_OK)
		*n = a->n;
	bc_buf_free(&a->text);
	free(a->offsets);
	free(a);
	return e;
}

/* --- recognition: a province's targets and the departments answering for criteria --- */

struct targets_arg {
	const char *province;
	unsigned year, criteria;
	char measure[17], value[32];
	MYSQL_TIME set_at;
	struct bc_out_str o[2];
	struct bc_target *v;
	size_t n, cap;
};

static int
target_row(void *arg)
{
	struct targets_arg *a = arg;
	struct bc_target t;

	bc_finish_out_str(a->o, 2);
	if (bc_target_from_stored(&t, a->measure, a->criteria, a->value) != 0)
		return 0;	/* a measure this build does not know is no target it reads */
	t.year = (int)a->year;
	t.set_us = bc_from_mysql_datetime(&a->set_at);
	return append_row((void **)&a->v, &a->cap, &a->n, &t, sizeof(t));
}

static int
targets_once(struct bc_store *st, void *arg)
{
	struct targets_arg *a = arg;
	MYSQL_BIND params[3], res[5];
	unsigned asked = a->year;

	a->n = 0;
	bc_bind_str(&params[0], a->province);
	bc_bind_str(&params[1], a->province);
	bc_bind_uint(&params[2], &asked);
	bc_bind_uint(&res[0], &a->year);
	bc_bind_out_str(&res[1], &a->o[0], a->measure, sizeof(a->measure));
	bc_bind_uint(&res[2], &a->criteria);
	bc_bind_out_str(&res[3], &a->o[1], a->value, sizeof(a->value));
	bc_bind_time(&res[4], MYSQL_TYPE_DATETIME, &a->set_at);
	return each_row(st, STMT_YEAR_TARGETS, params, res, target_row, a);
}

static int
by_measure(const void *a, const void *b)
{
	const struct bc_target *x = a, *y = b;

	if (x->measure != y->measure)
		return x->measure < y->measure ? -1 : 1;
	return x->criteria < y->criteria ? -1 : x->criteria > y->criteria;
}

enum bc_err
bc_store_targets(struct bc_store *st, const char *province, int year,
    struct bc_target **targets, size_t *n)
{
	struct targets_arg a;
	enum bc_err e;

	memset(&a, 0, sizeof(a));
	a.province = province;
	a.year = (unsigned)year;
	e = read_with_retry(st, targets_once, &a);
	*targets = rows_or_none(&e, a.v, &a.n);
	*n = a.n;
	if (*targets != NULL)
		qsort(*targets, *n, sizeof(**targets), by_measure);
	return e;
}

struct responsible_arg {
	const char *province, *under;
	char year[8], first[11], last[11];
	struct bc_responsible cur;
	struct bc_out_str o[5];
	MYSQL_TIME received;
	signed char has_report;
	struct bc_responsible *v;
	size_t n, cap;
};

static int
responsible_row(void *arg)
{
	struct responsible_arg *a = arg;

	bc_finish_out_str(a->o, 5);
	a->cur.has_report = a->has_report != 0;
	a->cur.received_us = a->cur.has_report ? bc_from_mysql_datetime(&a->received) : 0;
	return append_row((void **)&a->v, &a->cap, &a->n, &a->cur, sizeof(a->cur));
}

static int
responsible_once(struct bc_store *st, void *arg)
{
	struct responsible_arg *a = arg;
	struct bc_responsible *r = &a->cur;
	MYSQL_BIND params[11], res[10];
	int i;

	a->n = 0;
	for (i = 0; i < 6; i++)		/* COMMUNE_UNDER, in each count */
		bc_bind_str(&params[i], a->under);
	bc_bind_str(&params[6], a->year);
	bc_bind_str(&params[7], a->year);
	bc_bind_str(&params[8], a->province);
	bc_bind_str(&params[9], a->last);
	bc_bind_str(&params[10], a->first);
	bc_bind_uint(&res[0], &r->criterion);
	bc_bind_out_str(&res[1], &a->o[0], r->unit, sizeof(r->unit));
	bc_bind_out_str(&res[2], &a->o[1], r->name, sizeof(r->name));
	bc_bind_out_str(&res[3], &a->o[2], r->report_type, sizeof(r->report_type));
	bc_bind_out_str(&res[4], &a->o[3], r->period, sizeof(r->period));
	bc_bind_out_str(&res[5], &a->o[4], r->document_id, sizeof(r->document_id));
	bc_bind_tiny(&res[6], &a->has_report);
	bc_bind_time(&res[7], MYSQL_TYPE_DATETIME, &a->received);
	bc_bind_uint(&res[8], &r->communes_stated);
	bc_bind_uint(&res[9], &r->communes_met);
	return each_row(st, STMT_RESPONSIBLE, params, res, responsible_row, a);
}

enum bc_err
bc_store_responsible(struct bc_store *st, const char *province, const char *under, int year,
    struct bc_responsible **rows, size_t *n)
{
	struct responsible_arg a;
	enum bc_err e;

	memset(&a, 0, sizeof(a));
	a.province = province;
	a.under = under;
	snprintf(a.year, sizeof(a.year), "%04u", (unsigned)year % 10000);
	snprintf(a.first, sizeof(a.first), "%04u-01-01", (unsigned)year % 10000);
	snprintf(a.last, sizeof(a.last), "%04u-12-31", (unsigned)year % 10000);
	e = read_with_retry(st, responsible_once, &a);
	*rows = rows_or_none(&e, a.v, &a.n);
	*n = a.n;
	return e;
}
