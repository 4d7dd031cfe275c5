/*
 * api_reports — GET /api/v1/completeness, /api/v1/ntm and /api/v1/consolidated: the query
 * string into struct bc_report_query (under defaults to the widest
 * scope the caller reads: the country for a national reader's completeness, the office's
 * province, any other unit's own), the caller's
 * reading rights, and the resource from reports.c. One table maps each route to its report.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "baocao/reports.h"
#include "baocao/route.h"

typedef enum bc_err (*report_fn)(struct bc_store *, const struct bc_config *,
    const struct bc_report_query *, const struct bc_unit *, struct bc_buf *, const char **,
    struct bc_violations *);

/* The widest scope the caller reads: the whole country for a national reader where the
 * resource answers for it, else the office's province, else the unit itself. */
static const char *
widest_under(const struct bc_worker *w, const struct bc_unit *caller, int country)
{
	if (country && bc_config_national_reader(w->cfg, caller->code))
		return BC_REPORTS_COUNTRY;
	return caller->kind == BC_UNIT_OFFICE ? caller->province : caller->code;
}

static void
serve(struct bc_worker *w, struct bc_request *req, struct bc_response *res, report_fn report,
    const char *outcome, int country)
{
	struct bc_violations v = { 0 };
	struct bc_report_query q;
	enum bc_err e;
	size_t i;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < bc_report_nparams; i++)
		bc_query_read(req->query, bc_report_params[i].name,
		    (char *)&q + bc_report_params[i].offset, bc_report_params[i].size, &v);
	bc_query_unit_code("under", q.under, BC_REPORTS_COUNTRY, &v);
	if (q.under[0] == '\0')
		snprintf(q.under, sizeof(q.under), "%s", widest_under(w, &req->caller, country));
	if (v.n > 0)
		e = BC_E_INVALID;
	else
		e = report(w->store, w->cfg, &q, &req->caller, &res->body, &res->content_type,
		    &v);
	if (e == BC_OK)
		res->log_outcome = outcome;
	else {
		bc_buf_reset(&res->body);
		bc_response_error(res, req, e, NULL, NULL, &v, w->cfg->retry_after);
	}
	bc_violations_free(&v);
}

void
bc_api_completeness(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	(void)tail;
	serve(w, req, res, bc_reports_completeness, "completeness", 1);
}

void
bc_api_ntm(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	(void)tail;
	serve(w, req, res, bc_reports_ntm, "ntm", 0);
}

void
bc_api_consolidated(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	(void)tail;
	serve(w, req, res, bc_reports_consolidated, "consolidated", 0);
}
