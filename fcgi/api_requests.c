/*
 * api_requests — the coordination office registers ad hoc requests over HTTP, as it can with
 * `baocaoctl request add`. Both go through the admin store (store_admin.c), so the rules of
 * a request (its code's form, units of the office's own province, one registration per code)
 * live in one place; a worker opens that connection only when the office first needs it.
 *
 * A registered request is read back at the Location the registration answers with, by the
 * office of its province and by the units it asks (they need to know what to file and by
 * when). It is read on the service's own connection (store.c), as the filing of an ad hoc
 * report reads it, and both answers render what the store holds, so they are the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "baocao/admin.h"
#include "baocao/ingest.h"
#include "baocao/nfc.h"
#include "baocao/reports.h"
#include "baocao/route.h"
#include "baocao/xml.h"

#define REQUEST_UNITS_MAX 20000

struct request {
	char code[65];
	char subject[2048];
	char due_text[16];
	struct bc_date due;
	char (*units)[33];
	const char **unit_ptrs;
	xmlNodePtr *unit_nodes;		/* where each is named, for its violations */
	size_t nunits;
};

static enum bc_err
read_request(struct request *q, xmlNodePtr root)
{
	xmlNodePtr u;
	size_t n = 0;

	bc_xml_text(bc_xml_child(root, "Code"), q->code, sizeof(q->code));
	bc_xml_text(bc_xml_child(root, "Subject"), q->subject, sizeof(q->subject));
	bc_xml_text(bc_xml_child(root, "Due"), q->due_text, sizeof(q->due_text));
	if (bc_date_parse(&q->due, q->due_text) != 0)
		return BC_E_INVALID;
	for (u = bc_xml_child(bc_xml_child(root, "Units"), "Unit"); u != NULL; u = bc_xml_next(u))
		n++;
	if ((q->units = calloc(n, sizeof(*q->units))) == NULL ||
	    (q->unit_ptrs = calloc(n, sizeof(*q->unit_ptrs))) == NULL ||
	    (q->unit_nodes = calloc(n, sizeof(*q->unit_nodes))) == NULL)
		return BC_E_INTERNAL;
	for (u = bc_xml_child(bc_xml_child(root, "Units"), "Unit"); u != NULL; u = bc_xml_next(u)) {
		bc_xml_attr(u, "code", q->units[q->nunits], sizeof(q->units[0]));
		q->unit_ptrs[q->nunits] = q->units[q->nunits];
		q->unit_nodes[q->nunits] = u;
		q->nunits++;
	}
	return BC_OK;
}

/* The request as the store holds it: the subject in NFC, the units by code. */
static void
render_request(struct bc_buf *b, const struct bc_adhoc_request *q)
{
	char due[11];
	size_t i;

	bc_date_format(due, q->due);
	bc_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<AdHocRequest xmlns=\"urn:baocao:request:1\">\n<Code>");
	bc_buf_xml(b, q->code);
	bc_buf_puts(b, "</Code>\n<Subject>");
	bc_buf_xml(b, q->subject);
	bc_buf_printf(b, "</Subject>\n<Due>%s</Due>\n<Units>\n", due);
	for (i = 0; i < q->nunits; i++) {
		bc_buf_puts(b, "<Unit code=\"");
		bc_buf_xml(b, q->units[i]);
		bc_buf_puts(b, "\"/>\n");
	}
	bc_buf_puts(b, "</Units>\n</AdHocRequest>\n");
}

/* Each unit the admin store will not ask, as a violation at its Unit's code. */
struct unit_problems {
	const struct bc_report *doc;
	const struct request *q;
	struct bc_violations *v;
};

static void
unit_problem(void *arg, size_t index, const char *message)
{
	struct unit_problems *p = arg;

	bc_ingest_violation(p->doc, p->q->unit_nodes[index], "/@code", "request", p->v, "%s",
	    message);
}

/* The admin store's answers, as the HTTP client should see them. */
static enum bc_err
register_request(struct bc_worker *w, const struct bc_request *req, const struct bc_report *doc,
    const struct request *q, struct bc_violations *v)
{
	struct unit_problems problems = { doc, q, v };
	enum bc_err e;

	if (w->admin == NULL && (e = bc_admin_open(&w->admin, w->cfg)) != BC_OK) {
		bc_admin_close(w->admin);
		w->admin = NULL;
		return e;
	}
	e = bc_admin_request_add(w->admin, q->code, q->due, q->subject, req->caller.code,
	    q->unit_ptrs, q->nunits, unit_problem, &problems);
	switch (e) {
	case BC_OK:
	case BC_E_CONFLICT:
	case BC_E_DB:
		return e;
	default:
		if (v->n == 0)	/* not about one unit: the code, the subject, the office */
			bc_violations_add(v, 0, 0, "/AdHocRequest", "request", "%s",
			    bc_admin_error(w->admin));
		return BC_E_INVALID;
	}
}

/* The answer is what was registered, read as GET reads it (the store keeps the subject in
 * NFC and does not keep the units' order), not the document as sent. If this read fails, the
 * request is registered all the same: sent again, it is answered 200 as registered. */
static enum bc_err
read_registered(struct bc_worker *w, const char *code, struct bc_adhoc_request *out)
{
	enum bc_err e = bc_store_request(w->store, code, out);

	return e == BC_E_NOT_FOUND ? BC_E_INTERNAL : e;	/* it was committed a moment ago */
}

static int
compare_codes(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Whether the registration sent is the request registered under its code: the same code as
 * written, office's province, due date, subject (the store keeps it in NFC) and set of units.
 * A retry after a lost answer or a 503 is then answered as the first was, as a report sent
 * twice is; any difference is a conflict. Sorts q's units. */
static int
same_request(struct request *q, const struct bc_unit *caller, const struct bc_adhoc_request *reg)
{
	char subject[sizeof(reg->subject)];
	size_t i, distinct = 0;

	if (strcmp(reg->code, q->code) != 0 || strcmp(reg->province, caller->province) != 0 ||
	    bc_date_cmp(reg->due, q->due) != 0 ||
	    bc_nfc(q->subject, subject, sizeof(subject)) != 0 ||	/* too long to be the one stored */
	    strcmp(subject, reg->subject) != 0)
		return 0;
	qsort(q->units, q->nunits, sizeof(q->units[0]), compare_codes);
	for (i = 0; i < q->nunits; i++)
		distinct += i == 0 || strcmp(q->units[i - 1], q->units[i]) != 0;
	if (distinct != reg->nunits)
		return 0;
	for (i = 0; i < reg->nunits; i++)
		if (bsearch(reg->units[i], q->units, q->nunits, sizeof(q->units[0]),
		    compare_codes) == NULL)
			return 0;
	return 1;
}

void
bc_api_request_add(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	struct bc_violations v = { 0 };
	struct bc_adhoc_request reg = { 0 };
	struct request q;
	struct bc_report doc;
	const char *not_xml;
	enum bc_err e;
	int replay;

	(void)tail;
	memset(&q, 0, sizeof(q));
	memset(&doc, 0, sizeof(doc));
	if (req->caller.kind != BC_UNIT_OFFICE) {
		e = BC_E_FORBIDDEN;
		goto fail;
	}
	if ((not_xml = bc_request_not_xml(req)) != NULL) {
		bc_response_error(res, req, BC_E_MEDIA_TYPE, not_xml, NULL, NULL, 0);
		goto cleanup;
	}
	if ((e = bc_request_read_body(req, w->cfg->max_body)) != BC_OK ||
	    (e = bc_ingest_request(&doc, req->body.data, req->body.len, &v)) != BC_OK ||
	    (e = read_request(&q, xmlDocGetRootElement(doc.doc))) != BC_OK)
		goto fail;
	e = register_request(w, req, &doc, &q, &v);
	replay = e == BC_E_CONFLICT;
	if ((e != BC_OK && !replay) || (e = read_registered(w, q.code, &reg)) != BC_OK)
		goto fail;
	if (replay && !same_request(&q, &req->caller, &reg)) {
		e = BC_E_CONFLICT;
		goto fail;
	}
	res->status = replay ? 200 : 201;
	res->log_outcome = replay ? "request-replayed" : "request-registered";
	render_request(&res->body, &reg);
	bc_response_header(res, "Location", "/api/v1/requests/%s", reg.code);
	goto cleanup;
fail:
	bc_response_error(res, req, e, e == BC_E_CONFLICT ? "Another request is registered under "
	    "this code; sent again, a request must be the same (subject, due date, units)." : NULL,
	    NULL, &v, w->cfg->retry_after);
cleanup:
	free(reg.units);
	free(q.units);
	free(q.unit_ptrs);
	free(q.unit_nodes);
	bc_report_free(&doc);
	bc_violations_free(&v);
}

void
bc_api_request(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	struct bc_adhoc_request q;
	enum bc_err e;

	if ((e = bc_store_request(w->store, tail, &q)) == BC_OK &&
	    !bc_reports_may_read_request(w->cfg, &req->caller, &q))
		e = BC_E_NOT_FOUND;	/* not yours: as if it did not exist */
	if (e != BC_OK)
		bc_response_error(res, req, e, NULL, NULL, NULL, w->cfg->retry_after);
	else {
		render_request(&res->body, &q);
		res->log_outcome = "request-read";
	}
	free(q.units);
}

/* Years of a province's requests; a national reader's list stops here, saying so. */
#define REQUESTS_LIST_MAX 1000

static void
render_requests(struct bc_buf *b, const struct bc_adhoc_listed *v, size_t n, int complete)
{
	char due[11];
	size_t i;

	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Requests xmlns=\"urn:baocao:request:1\" complete=\"%s\">\n",
	    complete ? "true" : "false");
	for (i = 0; i < n; i++) {
		bc_date_format(due, v[i].due);
		bc_buf_puts(b, "<Request href=\"/api/v1/requests/");
		bc_buf_xml(b, v[i].code);
		bc_buf_puts(b, "\"");
		if (v[i].reader_asked)
			bc_buf_printf(b, " answeredByCaller=\"%s\"",
			    v[i].reader_answered ? "true" : "false");
		bc_buf_puts(b, ">\n<Code>");
		bc_buf_xml(b, v[i].code);
		bc_buf_puts(b, "</Code>\n<Subject>");
		bc_buf_xml(b, v[i].subject);
		bc_buf_printf(b, "</Subject>\n<Due>%s</Due>\n"
		    "<Units asked=\"%u\" answered=\"%u\"/>\n</Request>\n", due, v[i].units,
		    v[i].answered);
	}
	bc_buf_puts(b, "</Requests>\n");
}

void
bc_api_requests(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	const struct bc_unit *caller = &req->caller;
	struct bc_adhoc_listed *v = NULL;
	size_t n = 0;
	enum bc_err e;

	(void)tail;
	e = bc_store_requests(w->store, bc_config_national_reader(w->cfg, caller->code),
	    caller->kind == BC_UNIT_OFFICE ? caller->province : "", caller->code,
	    REQUESTS_LIST_MAX + 1, &v, &n);
	if (e != BC_OK)
		bc_response_error(res, req, e, NULL, NULL, NULL, w->cfg->retry_after);
	else {
		render_requests(&res->body, v, n > REQUESTS_LIST_MAX ? REQUESTS_LIST_MAX : n,
		    n <= REQUESTS_LIST_MAX);
		res->log_outcome = "requests-list";
	}
	free(v);
}
