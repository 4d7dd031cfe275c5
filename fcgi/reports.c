/*
 * reports — the coordination office's resources, read from the registry and the stored
 * filings and facts, never by re-parsing a document; served over HTTP (api_reports.c) and
 * printed by `baocaoctl report`. GET /api/v1/completeness: who has filed
 * a report type for a period under a unit, who is late, who is missing. GET /api/v1/ntm: which
 * communes, districts and the province meet the NTM standard in a year, since when criteria
 * are met, progress against the province's targets, and per criterion the departments
 * answering for it with their latest report. GET /api/v1/consolidated: the period's report
 * with the criteria status as of its end. Every resource answers in XML (its own XSD),
 * ?format=csv and ?format=html.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "baocao/consolidate.h"
#include "baocao/ingest.h"
#include "baocao/render_report.h"
#include "baocao/reports.h"

#define PERIODS_MAX 12

/* The first catalogue version of a report type: completeness counts every version alike. */
static const struct bc_report_type *
type_named(const char *name)
{
	return bc_catalogue_type_named(bc_ingest_catalogue(), name);
}

/* The periods asked for: the period itself, or those of `cadence` within it. */
static size_t
periods_asked(const struct bc_period *p, const char *cadence, struct bc_period *out)
{
	struct bc_period all[PERIODS_MAX];
	size_t n, i, k = 0;
	int c;

	if (cadence[0] == '\0') {
		out[0] = *p;
		return 1;
	}
	for (c = 0; c < BC_CADENCE_ADHOC; c++)
		if (strcmp(bc_cadence_name((enum bc_cadence)c), cadence) == 0)
			break;
	if (c == BC_CADENCE_ADHOC)
		return 0;
	n = bc_period_of_year(p->year, (enum bc_cadence)c, all, PERIODS_MAX);
	for (i = 0; i < n && i < PERIODS_MAX; i++)
		if (bc_period_contains(p, &all[i]))
			out[k++] = all[i];
	return k;
}

static int
by_code(const void *a, const void *b)
{
	return strcmp(((const struct bc_unit *)a)->code, ((const struct bc_unit *)b)->code);
}

/* Keep the units of `under`'s subtree (under itself included); units are sorted by code. */
static size_t
subtree(struct bc_unit *units, size_t n, const char *under)
{
	size_t i, k = 0, depth;

	for (i = 0; i < n; i++) {
		const struct bc_unit *u = &units[i];

		for (depth = 0; u != NULL && depth < 8 && strcmp(u->code, under) != 0; depth++) {
			struct bc_unit key;

			snprintf(key.code, sizeof(key.code), "%s", u->parent);
			u = u->parent[0] ? bsearch(&key, units, n, sizeof(*units), by_code) : NULL;
		}
		if (u != NULL && depth < 8)
			units[k++] = units[i];
	}
	return k;
}

const struct bc_report_param bc_report_params[] = {
#define P(f) { #f, offsetof(struct bc_report_query, f), sizeof(((struct bc_report_query *)0)->f) }
	P(type), P(period), P(cadence), P(under), P(year), P(format), P(request),
#undef P
};
const size_t bc_report_nparams = sizeof(bc_report_params) / sizeof(bc_report_params[0]);

/* The unit a report is asked for, whether the reader may see it, and the units under it.
 * national: the resource answers for the whole country too. */
static enum bc_err
scope(struct bc_store *store, const struct bc_config *cfg, const char *code,
    const struct bc_unit *reader, int national, struct bc_unit *under, struct bc_unit **units,
    size_t *nunits, struct bc_violations *v)
{
	enum bc_err e;

	if (strcmp(code, BC_REPORTS_COUNTRY) == 0) {
		if (!national) {
			bc_violations_add(v, 0, 0, "?under", "query", "under=" BC_REPORTS_COUNTRY
			    " (the whole country) is answered by completeness only; ask for a "
			    "province.");
			return BC_E_INVALID;
		}
		if (reader != NULL && !bc_config_national_reader(cfg, reader->code))
			return BC_E_FORBIDDEN;
		memset(under, 0, sizeof(*under));
		snprintf(under->code, sizeof(under->code), BC_REPORTS_COUNTRY);
		snprintf(under->name, sizeof(under->name), "Việt Nam");
		under->kind = BC_UNIT_PROVINCE;	/* province "": every province (store.h) */
		return bc_store_units_in(store, "", units, nunits);
	}
	if ((e = bc_store_unit(store, code, under)) != BC_OK)
		return e;
	/* who reads the whole country reads any part of it, down to a commune */
	if (reader != NULL && !bc_unit_may_read(reader, under) &&
	    !bc_config_national_reader(cfg, reader->code))
		return BC_E_FORBIDDEN;
	if ((e = bc_store_units_in(store, under->province, units, nunits)) != BC_OK)
		return e;
	*nunits = subtree(*units, *nunits, under->code);
	return BC_OK;
}

struct deadline_arg {
	const struct bc_report_type *type;
	const struct bc_calendar *cal;
};

static struct bc_date
deadline_of(void *arg, const struct bc_period *p, enum bc_level level)
{
	struct deadline_arg *a = arg;

	return bc_schedule_deadline(a->type, p, a->cal, level);
}

static struct bc_date
vietnam_today(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return bc_date_from_days((long)((tv.tv_sec + 7 * 3600) / 86400));
}

static enum bc_err
check_query(const struct bc_report_query *q, struct bc_violations *v)
{
	if (type_named(q->type) == NULL)
		bc_violations_add(v, 0, 0, "?type", "query", "type must name a report type of the "
		    "catalogue, e.g. type=ProgressReport.");
	if (bc_format_from_name(q->format) < 0)
		bc_violations_add(v, 0, 0, "?format", "query", "format is xml, csv or html.");
	return v->n > 0 ? BC_E_INVALID : BC_OK;
}

/* Whether any kind of unit files the type with that cadence: if none, no period of it can
 * be complete or not, and an empty answer would look like a province that filed nothing. */
static int
anyone_files(const struct bc_report_type *type, enum bc_cadence cadence)
{
	int k;

	for (k = 0; k < BC_UNIT__MAX; k++)
		if (bc_report_type_may_use(type, (enum bc_unit_kind)k, cadence))
			return 1;
	return 0;
}

static int
by_code_text(const void *key, const void *code)
{
	return strcmp(key, code);
}

/* The units of the scope the request asks (both sorted by code), in place. */
static size_t
asked_by(struct bc_unit *units, size_t n, const struct bc_adhoc_request *r)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (bsearch(units[i].code, r->units, r->nunits, sizeof(*r->units),
		    by_code_text) != NULL)
			units[k++] = units[i];
	return k;
}

static struct bc_date
request_due(void *arg, const struct bc_period *p, enum bc_level level)
{
	(void)p;
	(void)level;
	return ((const struct bc_adhoc_request *)arg)->due;
}

int
bc_reports_may_read_request(const struct bc_config *cfg, const struct bc_unit *reader,
    const struct bc_adhoc_request *q)
{
	if (reader == NULL || bc_config_national_reader(cfg, reader->code))
		return 1;
	return bc_unit_may_read_request(reader, q->province, bsearch(reader->code, q->units,
	    q->nunits, sizeof(*q->units), by_code_text) != NULL);
}

/* completeness?type=&request=CODE: who of the units an ad hoc request asks has answered it,
 * against the request's due date. */
static enum bc_err
request_completeness(struct bc_store *store, const struct bc_config *cfg,
    const struct bc_report_query *q, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *v)
{
	struct bc_adhoc_request req = { 0 };
	struct bc_completeness done;
	struct bc_completeness_view view;
	struct bc_filing_row *filings = NULL;
	struct bc_unit *units = NULL, under;
	struct bc_period period;
	size_t nunits = 0, nfilings = 0;
	enum bc_err e;

	memset(&done, 0, sizeof(done));
	if ((e = check_query(q, v)) != BC_OK)
		goto cleanup;
	if (q->period[0] != '\0' || q->cadence[0] != '\0')
		bc_violations_add(v, 0, 0, q->period[0] ? "?period" : "?cadence", "query",
		    "request names the period itself (its answers, whatever day each is as of); "
		    "give request or period, not both.");
	else if (!anyone_files(type_named(q->type), BC_CADENCE_ADHOC))
		bc_violations_add(v, 0, 0, "?type", "query", "No unit files %s ad hoc, so no "
		    "request is answered with it.", q->type);
	if (v->n > 0) {
		e = BC_E_INVALID;
		goto cleanup;
	}
	/* a request the reader may not see is answered as one that does not exist */
	if ((e = bc_store_request(store, q->request, &req)) == BC_E_NOT_FOUND ||
	    (e == BC_OK && !bc_reports_may_read_request(cfg, reader, &req))) {
		bc_violations_add(v, 0, 0, "?request", "query", "No ad hoc request \"%s\" is "
		    "registered.", q->request);
		e = BC_E_INVALID;
	}
	if (e != BC_OK ||
	    (e = scope(store, cfg, q->under, reader, 1, &under, &units, &nunits, v)) != BC_OK ||
	    (e = bc_store_request_filings(store, q->type, req.code, req.province, &filings,
	    &nfilings)) != BC_OK)
		goto cleanup;
	nunits = asked_by(units, nunits, &req);
	memset(&period, 0, sizeof(period));
	period.cadence = BC_CADENCE_ADHOC;
	snprintf(period.request, sizeof(period.request), "%s", req.code);
	period.as_of = req.due;
	period.year = req.due.year;
	if (bc_completeness_compute(&done, type_named(q->type), &period, units, nunits, filings,
	    nfilings, vietnam_today(), request_due, &req) != 0) {
		e = BC_E_INTERNAL;
		goto cleanup;
	}
	view = (struct bc_completeness_view){ under.code, under.name, vietnam_today(), &done, 1 };
	*content_type = bc_format_content_type((enum bc_format)bc_format_from_name(q->format));
	bc_render_completeness(out, (enum bc_format)bc_format_from_name(q->format), &view);
cleanup:
	bc_completeness_free(&done);
	free(filings);
	free(units);
	free(req.units);
	return e;
}

enum bc_err
bc_reports_completeness(struct bc_store *store, const struct bc_config *cfg,
    const struct bc_report_query *q, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *v)
{
	struct bc_completeness done[PERIODS_MAX];
	struct bc_period asked, periods[PERIODS_MAX];
	struct bc_filing_row *filings = NULL;
	struct bc_unit *units = NULL, under;
	struct deadline_arg da;
	struct bc_completeness_view view;
	size_t nunits = 0, nfilings, np = 0, i;
	enum bc_err e;

	if (q->request[0] != '\0')
		return request_completeness(store, cfg, q, reader, out, content_type, v);
	memset(done, 0, sizeof(done));
	if ((e = check_query(q, v)) != BC_OK)
		goto cleanup;
	if (bc_period_parse_any(&asked, q->period) != 0) {
		bc_violations_add(v, 0, 0, "?period", "query", "period is a period of PROTOCOL.md "
		    "(2024-03, 2024-Q1, 2024-H1, 2024-9M, 2024), optionally with cadence=monthly "
		    "(or another cadence) for the periods within it.");
		e = BC_E_INVALID;
		goto cleanup;
	}
	if ((np = periods_asked(&asked, q->cadence, periods)) == 0) {
		bc_violations_add(v, 0, 0, "?cadence", "query", "cadence is monthly, quarterly, "
		    "six-monthly, nine-monthly or yearly, and names periods that lie within "
		    "period=%s.", q->period);
		e = BC_E_INVALID;
		goto cleanup;
	}
	if (!anyone_files(type_named(q->type), periods[0].cadence)) {
		bc_violations_add(v, 0, 0, q->cadence[0] ? "?cadence" : "?period", "query",
		    "No unit files %s %s; see the catalogue for its cadences.", q->type,
		    bc_cadence_name(periods[0].cadence));
		e = BC_E_INVALID;
		goto cleanup;
	}
	if ((e = scope(store, cfg, q->under, reader, 1, &under, &units, &nunits, v)) != BC_OK)
		goto cleanup;
	da.type = type_named(q->type);
	da.cal = &cfg->calendar;
	for (i = 0; i < np; i++) {
		char name[97];

		bc_period_format(name, sizeof(name), &periods[i]);
		if ((e = bc_store_filings(store, q->type, name, under.province, &filings,
		    &nfilings)) != BC_OK)
			goto cleanup;
		if (bc_completeness_compute(&done[i], da.type, &periods[i], units, nunits, filings,
		    nfilings, vietnam_today(), deadline_of, &da) != 0)
			e = BC_E_INTERNAL;
		free(filings);
		filings = NULL;
		if (e != BC_OK)
			goto cleanup;
	}
	view = (struct bc_completeness_view){ under.code, under.name, vietnam_today(), done, np };
	*content_type = bc_format_content_type((enum bc_format)bc_format_from_name(q->format));
	bc_render_completeness(out, (enum bc_format)bc_format_from_name(q->format), &view);
	e = BC_OK;
cleanup:
	for (i = 0; i < PERIODS_MAX; i++)
		bc_completeness_free(&done[i]);
	free(units);
	return e;
}

/* --- GET /api/v1/ntm?year=&under= --- */

/* The recognition of a year over the units; as_of: only facts of periods ending by then (the
 * status at the end of a consolidated period), or NULL for the whole year. */
static enum bc_err
recognition_of(struct bc_store *store, const struct bc_unit *under, const struct bc_unit *units,
    size_t nunits, int year, const struct bc_date *as_of, struct bc_recognition *out)
{
	const struct bc_catalogue *cat = bc_ingest_catalogue();
	const struct bc_criteria_set *set = bc_catalogue_criteria_set(cat,
	    (struct bc_date){ year, 12, 31 });
	struct bc_criterion_fact *facts = NULL;
	struct bc_recognition_fact *decisions = NULL;
	size_t nfacts = 0, ndecisions = 0;
	enum bc_err e;

	if (set == NULL)
		return BC_E_NOT_FOUND;
	e = bc_store_year_criteria(store, under->province, year, &facts, &nfacts, &decisions,
	    &ndecisions);
	if (e == BC_OK && as_of != NULL)
		nfacts = bc_criterion_facts_until(facts, nfacts, *as_of);
	if (e == BC_OK && bc_recognition_compute(out, cat, set, units, nunits,
	    as_of != NULL ? *as_of : (struct bc_date){ year, 12, 31 }, facts, nfacts, decisions,
	    ndecisions) != 0)
		e = BC_E_INTERNAL;
	free(facts);
	free(decisions);
	return e;
}

/* The province's progress against its targets, when the province itself is asked. */
static enum bc_err
targets_of(struct bc_store *store, const struct bc_recognition *r, int year,
    struct bc_target_progress **out, size_t *n)
{
	struct bc_target *targets = NULL;
	enum bc_err e;

	*out = NULL;
	*n = 0;
	if (r->province.unit == NULL)
		return BC_OK;
	if ((e = bc_store_targets(store, r->province.unit->code, year, &targets, n)) != BC_OK)
		return e;
	if ((*out = calloc(*n + 1, sizeof(**out))) == NULL)
		e = BC_E_INTERNAL;
	else
		bc_targets_progress(*out, targets, *n, r);
	free(targets);
	return e;
}

/* The communes a view of under counts a department's report over: a district's or a
 * commune's own; the whole province ("") for the province, and for a department, the office
 * or the Front, whose reports are about the province's communes. */
static const char *
area_of(const struct bc_unit *under)
{
	return under->kind == BC_UNIT_DISTRICT || under->kind == BC_UNIT_COMMUNE ? under->code : "";
}

enum bc_err
bc_reports_ntm(struct bc_store *store, const struct bc_config *cfg,
    const struct bc_report_query *q, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *v)
{
	struct bc_recognition now, before;
	struct bc_unit *units = NULL, under;
	struct bc_recognition_view view;
	struct bc_target_progress *progress = NULL;
	struct bc_responsible *responsible = NULL;
	size_t nunits = 0, nprogress = 0, nresponsible = 0;
	int year, f;
	enum bc_err e;

	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	year = atoi(q->year);
	if ((f = bc_format_from_name(q->format)) < 0)
		bc_violations_add(v, 0, 0, "?format", "query", "format is xml, csv or html.");
	if (year < 2000 || year > 9999 ||
	    bc_catalogue_criteria_set(bc_ingest_catalogue(), (struct bc_date){ year, 12, 31 }) == NULL)
		bc_violations_add(v, 0, 0, "?year", "query", "year is a year with a criteria set in "
		    "the catalogue.");
	if (v->n > 0) {
		e = BC_E_INVALID;
		goto cleanup;
	}
	if ((e = scope(store, cfg, q->under, reader, 0, &under, &units, &nunits, v)) != BC_OK)
		goto cleanup;
	if ((e = recognition_of(store, &under, units, nunits, year, NULL, &now)) != BC_OK)
		goto cleanup;
	/* the year before, under the set of that year (or this one's, before any set) */
	if (recognition_of(store, &under, units, nunits, year - 1, NULL, &before) != BC_OK &&
	    bc_recognition_compute(&before, bc_ingest_catalogue(), now.set, units, nunits,
	    (struct bc_date){ year - 1, 12, 31 }, NULL, 0, NULL, 0) != 0) {
		e = BC_E_INTERNAL;
		goto cleanup;
	}
	if ((e = targets_of(store, &now, year, &progress, &nprogress)) != BC_OK ||
	    (e = bc_store_responsible(store, under.province, area_of(&under), year,
	    &responsible, &nresponsible)) != BC_OK)
		goto cleanup;
	view = (struct bc_recognition_view){ year, under.code, &now, &before,
	    bc_ingest_catalogue()->district_percent, bc_ingest_catalogue()->province_percent,
	    progress, nprogress, responsible, nresponsible };
	*content_type = bc_format_content_type((enum bc_format)f);
	bc_render_recognition(out, (enum bc_format)f, &view);
	e = BC_OK;
cleanup:
	bc_recognition_free(&now);
	bc_recognition_free(&before);
	free(progress);
	free(responsible);
	free(units);
	return e;
}

/* --- GET /api/v1/consolidated?type=&period=&under= --- */

enum bc_err
bc_reports_consolidated(struct bc_store *store, const struct bc_config *cfg,
    const struct bc_report_query *q, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *v)
{
	struct bc_fact_row *amounts = NULL, *indicators = NULL, *nominations = NULL;
	size_t namounts = 0, nindicators = 0, nnominations = 0, nunits = 0, nfilings = 0;
	struct bc_filing_row *filings = NULL;
	struct bc_completeness missing;
	struct bc_consolidated *c = NULL;
	struct bc_consolidated_view view;
	struct bc_unit *units = NULL, under;
	struct bc_recognition criteria;
	struct bc_period period;
	struct bc_date first, last;
	struct deadline_arg da;
	char year[8], name[97];
	enum bc_err e;

	memset(&missing, 0, sizeof(missing));
	memset(&criteria, 0, sizeof(criteria));
	if ((e = check_query(q, v)) != BC_OK)
		goto cleanup;
	if (bc_period_parse_any(&period, q->period) != 0) {
		bc_violations_add(v, 0, 0, "?period", "query", "period is a period of PROTOCOL.md "
		    "(2024-03, 2024-Q1, 2024-H1, 2024-9M, 2024).");
		e = BC_E_INVALID;
		goto cleanup;
	}
	/* amounts and nominations: the year's reports (a unit without its report for the period
	 * is covered by those of the period's parts); indicators: the period's own reports only,
	 * which is all consolidation aggregates of them */
	snprintf(year, sizeof(year), "%04d", period.year);
	bc_period_format(name, sizeof(name), &period);
	if ((e = scope(store, cfg, q->under, reader, 0, &under, &units, &nunits, v)) != BC_OK ||
	    (e = bc_store_year_facts(store, BC_YEAR_AMOUNTS, q->type, under.province, year,
	    &amounts, &namounts)) != BC_OK ||
	    (e = bc_store_year_facts(store, BC_YEAR_INDICATORS, q->type, under.province, name,
	    &indicators, &nindicators)) != BC_OK ||
	    (e = bc_store_year_facts(store, BC_YEAR_NOMINATIONS, "EmulationReport",
	    under.province, year, &nominations, &nnominations)) != BC_OK ||
	    (e = bc_store_filings(store, q->type, q->period, under.province, &filings,
	    &nfilings)) != BC_OK)
		goto cleanup;
	da.type = type_named(q->type);
	da.cal = &cfg->calendar;
	if ((c = malloc(sizeof(*c))) == NULL ||
	    bc_completeness_compute(&missing, da.type, &period, units, nunits, filings, nfilings,
	    vietnam_today(), deadline_of, &da) != 0) {
		e = BC_E_INTERNAL;
		goto cleanup;
	}
	/* the criteria status as of the period's end; none for a year without a criteria set */
	bc_period_span(&period, &first, &last);
	e = recognition_of(store, &under, units, nunits, period.year, &last, &criteria);
	if (e != BC_OK && e != BC_E_NOT_FOUND)
		goto cleanup;
	if (bc_consolidate(c, &period, units, nunits, amounts, namounts, indicators, nindicators,
	    nominations, nnominations) != 0) {
		e = BC_E_INTERNAL;
		goto cleanup;
	}
	view = (struct bc_consolidated_view){ q->type, missing.period_name, under.code, under.name,
	    c, &missing, e == BC_OK ? &criteria : NULL, last };
	*content_type = bc_format_content_type((enum bc_format)bc_format_from_name(q->format));
	bc_render_consolidated(out, (enum bc_format)bc_format_from_name(q->format), &view);
	e = BC_OK;
cleanup:
	bc_completeness_free(&missing);
	bc_recognition_free(&criteria);
	if (c != NULL)
		bc_consolidated_free(c);
	free(c);
	free(units);
	free(filings);
	free(amounts);
	free(indicators);
	free(nominations);
	return e;
}
