/*
 * store — the only module that speaks SQL. One connection per worker, every statement
 * prepared once per connection from one table (re-prepared after a reconnect), typed
 * wrappers around them, and one transaction per submission.
 *
 * A lost connection is retried once within the call (the server may have restarted);
 * after that the call answers BC_E_DB, which the client sees as 503 with Retry-After.
 */
#ifndef BAOCAO_STORE_H
#define BAOCAO_STORE_H

#include "baocao/buf.h"
#include "baocao/completeness.h"
#include "baocao/recognition.h"
#include "baocao/config.h"
#include "baocao/error.h"
#include "baocao/receipt.h"
#include "baocao/report.h"
#include "baocao/targets.h"
#include "baocao/unit.h"

struct bc_store;

/* Never fails for an unreachable database: the store connects lazily. */
struct bc_store *bc_store_new(const struct bc_config *);
void bc_store_free(struct bc_store *);
/* The request id its log lines name until the next call (NULL: none). */
void bc_store_set_request(struct bc_store *, const char *request_id);

/* BC_OK when the database answers. */
enum bc_err bc_store_ping(struct bc_store *);

/* Whether the stored document of a receipt is a revision of r's report: the same unit, report
 * type and period (for an ad hoc answer, request), so that r may name it in Supersedes. */
int bc_receipt_of_report(const struct bc_receipt *, const struct bc_report *);

/* The receipt of a stored document and the SHA-256 of its bytes; BC_E_NOT_FOUND if none. */
enum bc_err bc_store_find(struct bc_store *, const char *document_id,
    struct bc_receipt *out);

/* A unit's submissions, optionally of one report type, of one period and of the answers to one
 * ad hoc request ("" for any), each report's newest revision first; at most max. The caller
 * frees *out. */
enum bc_err bc_store_submissions(struct bc_store *, const char *unit, const char *type,
    const char *period, const char *request, size_t max, struct bc_receipt **out, size_t *n);

/* What the handler decided about a filing before it is stored. */
struct bc_filing {
	const char *filed_by;	/* the unit whose credential filed it */
	const char *province;	/* the reporting unit's province: receipts are numbered per province */
	long long received_us;
	struct bc_date deadline;
	int on_time;
};

/*
 * Store a checked report as the newest revision of its (unit, type, period), with its
 * facts, in one transaction, and fill the receipt. Answers:
 *   BC_OK          stored; out is the new receipt
 *   BC_E_CONFLICT  the DocumentId was stored meanwhile with other bytes
 *   BC_E_NOT_FOUND never; a replay that raced in is answered as BC_OK with replayed = 1
 *   BC_E_STALE     Supersedes is not the newest revision; current names the newest
 *   BC_E_INVALID   Supersedes names no earlier revision of this report (violation added)
 *   BC_E_DB        the database failed; nothing was stored
 */
enum bc_err bc_store_submit(struct bc_store *, const struct bc_report *,
    const struct bc_filing *, struct bc_receipt *out, int *replayed, char current[37],
    struct bc_violations *);

/* The bytes of a stored document, exactly as received, their SHA-256 and its unit. */
enum bc_err bc_store_body(struct bc_store *, const char *document_id, struct bc_buf *body,
    char sha256[65], char unit[33]);

/* A unit of the registry; BC_E_NOT_FOUND if there is none with that code. */
enum bc_err bc_store_unit(struct bc_store *, const char *code, struct bc_unit *out);

/* The unit an unrevoked credential belongs to, by the credential's digest (the SHA-256 of a
 * token, or a certificate's fingerprint), compared in constant time; BC_E_NOT_FOUND if none. */
enum bc_err bc_store_credential(struct bc_store *, const char *digest, struct bc_unit *out);

/* Whether an unrevoked grant lets grantee file for unit. */
enum bc_err bc_store_granted(struct bc_store *, const char *grantee, const char *unit,
    int *granted);

/* The due date of an ad hoc request addressed to unit; BC_E_NOT_FOUND when the request does
 * not exist or is not addressed to that unit. */
enum bc_err bc_store_adhoc_request(struct bc_store *, const char *request, const char *unit,
    struct bc_date *due);

/* An ad hoc request as registered (store_admin.c writes it), the units it asks by code. */
struct bc_adhoc_request {
	char code[65];
	char province[33];
	char subject[2001];	/* at most 500 characters, NFC */
	struct bc_date due;
	char (*units)[33];
	size_t nunits;
};

/* The request with that code; BC_E_NOT_FOUND if there is none. free() out->units. */
enum bc_err bc_store_request(struct bc_store *, const char *code, struct bc_adhoc_request *out);

/* A registered request as GET /api/v1/requests lists it, with how far it is answered. */
struct bc_adhoc_listed {
	char code[65];
	char subject[2001];
	struct bc_date due;
	unsigned units;			/* the units it asks */
	unsigned answered;		/* of them, those with an answer stored */
	signed char reader_asked;	/* the reader is one of the units asked */
	signed char reader_answered;	/* and has an answer stored */
};

/* The requests a reader sees, the latest due date first: every one when all is set, else
 * those of province (an office's own; "" for none) and those asking the unit reader; at most
 * max. free() *out. */
enum bc_err bc_store_requests(struct bc_store *, int all, const char *province,
    const char *reader, size_t max, struct bc_adhoc_listed **out, size_t *n);

/* The communes whose parent is the district and that exist on every day of [first, last];
 * at most max codes. */
enum bc_err bc_store_communes_of(struct bc_store *, const char *district, struct bc_date first,
    struct bc_date last, char (*codes)[33], size_t max, size_t *n);
/* The same for every commune of a province. */
enum bc_err bc_store_province_communes(struct bc_store *, const char *province,
    struct bc_date first, struct bc_date last, char (*codes)[33], size_t max, size_t *n);

/* The criteria a unit (a department) answers for; at most max. */
enum bc_err bc_store_criteria_of(struct bc_store *, const char *unit, unsigned *numbers,
    size_t max, size_t *n);

/* The units of a province ("" for the whole country), sorted by code; free() *units. */
enum bc_err bc_store_units_in(struct bc_store *, const char *province, struct bc_unit **units,
    size_t *n);

/* Every revision filed of a report type for a period in a province ("" for all); free() *rows. */
enum bc_err bc_store_filings(struct bc_store *, const char *type, const char *period,
    const char *province, struct bc_filing_row **rows, size_t *n);

/* Every revision filed of a report type in answer to an ad hoc request, in its province. */
enum bc_err bc_store_request_filings(struct bc_store *, const char *type, const char *request,
    const char *province, struct bc_filing_row **rows, size_t *n);

/* The criterion facts and recognition decisions of a province's year (every period of it),
 * newest revisions only, with the source each rests on; free() both arrays. */
enum bc_err bc_store_year_criteria(struct bc_store *, const char *province, int year,
    struct bc_criterion_fact **facts, size_t *nfacts, struct bc_recognition_fact **decisions,
    size_t *ndecisions);

/* Facts of a report type in a province, newest revisions, as text: amounts (source,
 * amount), indicators (code, value, unit), nominations (category, subject, leader,
 * contribution, name). `within` is a period name: its own reports and, for a year or a
 * quarter, those of the periods named after it (the year "2024" holds "2024-03" and
 * "2024-Q1"). The rows and their text are one block: free() *rows. */
enum bc_year_facts { BC_YEAR_AMOUNTS = 0, BC_YEAR_INDICATORS, BC_YEAR_NOMINATIONS };

struct bc_fact_row {
	const char *unit;
	const char *period;
	const char *field[5];
};

enum bc_err bc_store_year_facts(struct bc_store *, enum bc_year_facts, const char *type,
    const char *province, const char *within, struct bc_fact_row **rows, size_t *n);

/* The targets of a province for the year, or else for the next year that has any (none
 * after it: no rows), by measure; free() *targets. */
enum bc_err bc_store_targets(struct bc_store *, const char *province, int year,
    struct bc_target **targets, size_t *n);

/* A department answering for a criterion (unit_criteria) and its latest report of the year
 * stating that criterion, from the submissions and their facts. */
struct bc_responsible {
	unsigned criterion;
	char unit[33];
	char name[256];
	int has_report;			/* 0: it stated the criterion in no report of the year */
	char report_type[65];
	char period[97];
	char document_id[37];
	long long received_us;
	unsigned communes_stated;	/* communes the report states the criterion for */
	unsigned communes_met;		/* of them, met */
};

/* Per criterion (ascending), the departments of the province valid in the year that answer
 * for it, their reports' communes counted within under (a district or a commune; "" for the
 * whole province); free() *rows. */
enum bc_err bc_store_responsible(struct bc_store *, const char *province, const char *under,
    int year, struct bc_responsible **rows, size_t *n);

#endif
