/*
 * api_submissions — filing a report and reading it back.
 *
 * POST runs the checks in PROTOCOL.md's order, and the first that fails answers:
 * credentials (the dispatcher) → content type and size → well-formed → report type and
 * schema → a unit of the registry → may this credential file for it → replay or conflict on
 * the DocumentId → the rules → stored. Nothing is written before the single transaction at
 * the end, so a refused document leaves no trace but its log line.
 *
 * GET answers a stored document byte for byte, or lists a unit's submissions (every
 * revision's receipt, each report's newest first: the history PROTOCOL.md promises).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "baocao/ingest.h"
#include "baocao/render.h"
#include "baocao/route.h"
#include "baocao/xml.h"

static long long
now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

/* The civil date in Vietnam (UTC+07:00) of an instant. */
static struct bc_date
vietnam_date(long long us)
{
	return bc_date_from_days((long)((us / 1000000 + 7 * 3600) / 86400));
}

static void
answer_receipt(struct bc_response *res, const struct bc_receipt *rc, int status,
    const char *outcome)
{
	res->status = status;
	res->log_outcome = outcome;
	bc_buf_reset(&res->body);
	bc_render_receipt(&res->body, rc);
	bc_response_header(res, "Location", "/api/v1/submissions/%s", rc->document_id);
}

/* A document the rules refuse may be one stored already (a resend after its window closed,
 * say): PROTOCOL.md puts replay and conflict before the rules, so that answer wins. The
 * lookup is made only then; a new document is checked for its DocumentId inside the
 * filing's transaction. BC_OK when it answered, BC_E_NOT_FOUND when not stored. */
static enum bc_err
answer_if_stored(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const struct bc_report *r)
{
	struct bc_receipt stored;
	enum bc_err e;

	if ((e = bc_store_find(w->store, r->header.document_id, &stored)) != BC_OK)
		return e;
	if (strcmp(stored.sha256, r->sha256) == 0)
		answer_receipt(res, &stored, 200, "replay");
	else
		bc_response_error(res, req, BC_E_CONFLICT, NULL, NULL, NULL, w->cfg->retry_after);
	return BC_OK;
}

/* A document other rules refuse does not reach the filing transaction, which finds a wrong
 * Supersedes otherwise: look it up, so that it is listed with the rest. One naming an earlier
 * revision of this report, the newest or not, is no violation (a stale one is a conflict,
 * answered once the document is valid). */
static enum bc_err
check_supersedes(struct bc_worker *w, const struct bc_report *r, struct bc_violations *v)
{
	const struct bc_header *h = &r->header;
	struct bc_receipt named;
	enum bc_err e;

	if (h->supersedes[0] == '\0' || strcmp(h->supersedes, h->document_id) == 0)
		return BC_OK;	/* none, or rule supersedes said so */
	if ((e = bc_store_find(w->store, h->supersedes, &named)) == BC_OK &&
	    bc_receipt_of_report(&named, r))
		return BC_OK;
	if (e != BC_OK && e != BC_E_NOT_FOUND)
		return e;
	bc_ingest_supersedes_elsewhere(r, v);
	return BC_OK;
}

/* The registry's record of the reporting unit; an unknown code is a violation naming it.
 * Most units file for themselves: then the caller's record, read with the credential, is it. */
static enum bc_err
reporting_unit(struct bc_worker *w, const struct bc_report *r, const struct bc_unit *caller,
    struct bc_unit *unit, struct bc_violations *v)
{
	enum bc_err e;
	xmlNodePtr hdr;

	if (strcmp(caller->code, r->header.unit_code) == 0) {
		*unit = *caller;
		return BC_OK;
	}
	if ((e = bc_store_unit(w->store, r->header.unit_code, unit)) != BC_E_NOT_FOUND)
		return e;
	hdr = bc_xml_child(xmlDocGetRootElement(r->doc), "Header");
	bc_ingest_violation(r, bc_xml_child(hdr, "ReportingUnit"), "/@code", "unit", v,
	    "No unit has the code \"%s\" in the registry.", r->header.unit_code);
	return BC_E_INVALID;
}

/* PROTOCOL.md, "Who may do what": itself, the office for its province, a district for a
 * commune it was granted. */
static enum bc_err
may_file(struct bc_worker *w, const struct bc_unit *caller, const struct bc_unit *unit)
{
	int granted = 0;
	enum bc_err e;

	if (bc_unit_may_file(caller, unit, 0))
		return BC_OK;
	if ((e = bc_store_granted(w->store, caller->code, unit->code, &granted)) != BC_OK)
		return e;
	return bc_unit_may_file(caller, unit, granted) ? BC_OK : BC_E_FORBIDDEN;
}

/* What the rules the report type asks for need from the registry: the communes of a
 * district, or of a province for a department, the office or the Front (the largest had 579
 * before the merger of 2025). */
#define COMMUNES_MAX 2048
#define CRITERIA_MAX 100

struct registry_lists {
	char communes[COMMUNES_MAX][33];
	unsigned criteria[CRITERIA_MAX];
};

static enum bc_err
load_lists(struct bc_worker *w, const struct bc_report *r, struct bc_rule_input *in,
    struct registry_lists *l)
{
	struct bc_date first, last;
	enum bc_err e = BC_OK;

	if ((r->type->rules & (1u << BC_RULE_DISTRICT_COMMUNES)) &&
	    in->unit->kind != BC_UNIT_COMMUNE) {
		bc_period_presence(&r->header.period, &first, &last);
		e = in->unit->kind == BC_UNIT_DISTRICT ?
		    bc_store_communes_of(w->store, in->unit->code, first, last, l->communes,
		    COMMUNES_MAX, &in->ncommunes) :
		    bc_store_province_communes(w->store, in->unit->province, first, last,
		    l->communes, COMMUNES_MAX, &in->ncommunes);
		in->communes = (const char (*)[33])l->communes;
	}
	if (e == BC_OK && (r->type->rules & (1u << BC_RULE_DEPARTMENT_CRITERIA)) &&
	    in->unit->kind == BC_UNIT_DEPARTMENT) {
		e = bc_store_criteria_of(w->store, in->unit->code, l->criteria, CRITERIA_MAX,
		    &in->ncriteria);
		in->criteria = l->criteria;
	}
	return e;
}

static void
file_report(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    struct bc_report *r, struct bc_violations *v)
{
	static struct registry_lists lists;	/* one request at a time per worker */
	struct bc_filing f = { req->caller.code, "", now_us(), { 0, 0, 0 }, 0 };
	struct bc_rule_input in = { vietnam_date(f.received_us), NULL, &w->cfg->calendar, 0,
	    NULL, 0, NULL, 0 };
	struct bc_receipt rc;
	struct bc_unit unit;
	char current[37] = "";
	int replayed;
	enum bc_err e;

	snprintf(res->log_unit, sizeof(res->log_unit), "%s", r->header.unit_code);
	if ((e = reporting_unit(w, r, &req->caller, &unit, v)) != BC_OK)
		goto fail;
	if ((e = may_file(w, &req->caller, &unit)) != BC_OK)
		goto fail;
	r->kind = unit.kind;
	in.unit = &unit;
	f.province = unit.province;
	f.deadline = bc_schedule_deadline(r->type, &r->header.period, &w->cfg->calendar,
	    bc_unit_level(unit.kind));
	if (r->header.period.cadence == BC_CADENCE_ADHOC) {
		e = bc_store_adhoc_request(w->store, r->header.period.request, unit.code,
		    &f.deadline);
		if (e != BC_OK && e != BC_E_NOT_FOUND)
			goto fail;
		in.request_found = e == BC_OK;
	}
	if ((e = bc_ingest_extract(r)) != BC_OK || (e = load_lists(w, r, &in, &lists)) != BC_OK)
		goto fail;
	if ((e = bc_ingest_check(r, &in, v)) != BC_OK) {
		enum bc_err stored = answer_if_stored(w, req, res, r);

		if (stored == BC_OK)
			return;
		if (stored != BC_E_NOT_FOUND || (stored = check_supersedes(w, r, v)) != BC_OK)
			e = stored;
		goto fail;
	}
	f.on_time = bc_date_cmp(in.today, f.deadline) <= 0;
	e = bc_store_submit(w->store, r, &f, &rc, &replayed, current, v);
	if (e == BC_OK) {
		answer_receipt(res, &rc, replayed ? 200 : 201, replayed ? "replay" : "stored");
		return;
	}
fail:
	bc_response_error(res, req, e, NULL, current[0] ? current : NULL, v,
	    w->cfg->retry_after);
}

void
bc_api_submit(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	struct bc_violations v = { 0 };
	struct bc_report r;
	const char *not_xml;
	enum bc_err e;

	(void)tail;
	memset(&r, 0, sizeof(r));
	if ((not_xml = bc_request_not_xml(req)) != NULL) {
		bc_response_error(res, req, BC_E_MEDIA_TYPE, not_xml, NULL, NULL, 0);
		return;
	}
	if ((e = bc_request_read_body(req, w->cfg->max_body)) != BC_OK)
		goto fail;
	if ((e = bc_ingest_parse(&r, req->body.data, req->body.len, &v)) != BC_OK)
		goto fail;
	file_report(w, req, res, &r, &v);
	goto cleanup;
fail:
	bc_response_error(res, req, e, NULL, NULL, &v, w->cfg->retry_after);
cleanup:
	bc_report_free(&r);
	bc_violations_free(&v);
}

/* DocumentIds are addressed in lower case, as stored. */
static int
normalise_document_id(char out[37], const char *in)
{
	size_t i;

	if (strlen(in) != 36)
		return -1;
	for (i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? in[i] != '-' : !isxdigit((unsigned char)in[i]))
			return -1;
		out[i] = (char)tolower((unsigned char)in[i]);
	}
	out[36] = '\0';
	return 0;
}

void
bc_api_submission(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	char id[37], sha[65], code[33];
	struct bc_unit unit;
	enum bc_err e;

	if (normalise_document_id(id, tail) != 0) {
		bc_response_error(res, req, BC_E_NOT_FOUND, NULL, NULL, NULL, 0);
		return;
	}
	if ((e = bc_store_body(w->store, id, &res->body, sha, code)) == BC_OK &&
	    (e = bc_store_unit(w->store, code, &unit)) == BC_OK &&
	    !bc_unit_may_read(&req->caller, &unit))
		e = BC_E_NOT_FOUND;	/* not yours: as if it did not exist */
	if (e != BC_OK) {
		bc_buf_reset(&res->body);
		bc_response_error(res, req, e, NULL, NULL, NULL, w->cfg->retry_after);
		return;
	}
	/* The bytes as received, whatever their declared encoding: no charset is claimed. */
	res->content_type = "application/xml";
	bc_response_header(res, "X-Content-SHA256", "%s", sha);
	res->log_outcome = "read";
}

/* A period the history can be asked for: a periodic one, an ad hoc answer's adhoc:CODE@DAY,
 * or adhoc:CODE for all of a request's answers, whose code goes into request (else ""). */
static int
listable_period(const char *text, char request[65])
{
	const char *code = text + 6, *at;
	struct bc_period p;
	struct bc_date day;
	char part[65];
	size_t n;

	request[0] = '\0';
	if (strncmp(text, "adhoc:", 6) != 0)
		return bc_period_parse_any(&p, text) == 0;
	n = (at = strchr(code, '@')) != NULL ? (size_t)(at - code) : strlen(code);
	if (n >= sizeof(part))
		return 0;
	memcpy(part, code, n);
	part[n] = '\0';
	if (!bc_request_code_valid(part))
		return 0;
	if (at != NULL)		/* one answer: the period says which */
		return bc_date_parse(&day, at + 1) == 0;
	memcpy(request, part, n + 1);	/* every answer to the request */
	return 1;
}

/* Enough for years of a unit's reports; a longer history is asked for by type or period. */
#define LIST_MAX 1000

void
bc_api_submissions(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	char unit_code[33], type[65], period[97], request[65] = "";
	struct bc_violations bad = { 0 };
	struct bc_receipt *v = NULL;
	struct bc_unit unit;
	size_t n = 0;
	enum bc_err e;

	(void)tail;
	if (bc_query_read(req->query, "unit", unit_code, sizeof(unit_code), &bad) == 0)
		bc_query_unit_code("unit", unit_code, NULL, &bad);
	if (bc_query_read(req->query, "type", type, sizeof(type), &bad) == 0 && type[0] != '\0' &&
	    bc_catalogue_type_named(bc_ingest_catalogue(), type) == NULL)
		bc_violations_add(&bad, 0, 0, "?type", "query", "type must name a report type of "
		    "the catalogue, e.g. type=ProgressReport.");
	if (bc_query_read(req->query, "period", period, sizeof(period), &bad) == 0 &&
	    period[0] != '\0' && !listable_period(period, request))
		bc_violations_add(&bad, 0, 0, "?period", "query", "period is a period of "
		    "PROTOCOL.md (2024-03, 2024-Q1, 2024-H1, 2024-9M, 2024, adhoc:CODE@2024-05-17), "
		    "or adhoc:CODE for every answer to a request.");
	if (bad.n > 0) {
		e = BC_E_INVALID;
		goto fail;
	}
	if (unit_code[0] == '\0')
		snprintf(unit_code, sizeof(unit_code), "%s", req->caller.code);
	if ((e = bc_store_unit(w->store, unit_code, &unit)) != BC_OK)
		goto fail;
	if (!bc_unit_may_read(&req->caller, &unit)) {
		e = BC_E_FORBIDDEN;
		goto fail;
	}
	if ((e = bc_store_submissions(w->store, unit.code, type, request[0] ? "" : period,
	    request, LIST_MAX + 1, &v, &n)) != BC_OK)
		goto fail;
	bc_render_submissions(&res->body, unit.code, v, n > LIST_MAX ? LIST_MAX : n,
	    n > LIST_MAX);
	res->log_outcome = "list";
	snprintf(res->log_unit, sizeof(res->log_unit), "%s", unit.code);
	goto cleanup;
fail:
	bc_response_error(res, req, e, NULL, NULL, &bad, w->cfg->retry_after);
cleanup:
	bc_violations_free(&bad);
	free(v);
}
