/*
 * fuzz_ingest — a libFuzzer target over the ingest path of a submission without the
 * database: parse → report type → XSD validation → header → extraction of the facts → the
 * rules, as fcgi/api_submissions.c runs them, with the registry's answers made up the way
 * tests/check_header.c makes them (the unit's kind from its code's form, valid forever, a
 * district's communes, a department's criteria, every ad hoc request addressed to it). Each
 * input is also tried as the office's ad hoc request (fcgi/api_requests.c's path).
 *
 * Each input goes through twice, as a worker meets a document its sender retries, with
 * libxml2's freed memory poisoned (libxml2 itself is not instrumented). Beyond the sanitizers
 * (address, undefined behaviour, leaks), it checks what the service promises of every input:
 *   - a document is accepted, or refused as not well-formed (400) or invalid (422) with at
 *     least one violation that names its rule — never an internal error (500);
 *   - the error document listing the violations is well-formed XML (violation messages quote
 *     the input), and so is the receipt rendered from an accepted document's header.
 *
 * Built and run by tests/fuzz/run (`make fuzz`), with clang, from the project's own sources.
 * BAOCAO_SCHEMA_DIR (compiled in, or from the environment) is where the schemas are.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "baocao/ingest.h"
#include "baocao/render.h"

#ifndef BAOCAO_SCHEMA_DIR
#define BAOCAO_SCHEMA_DIR "schemas"
#endif

/* Huyện Thới Bình's communes and Sở Công Thương Cà Mau's criteria, as in check_header.c. */
static const char thoi_binh[][33] = {
	"32065", "32068", "32069", "32071", "32072", "32074", "32077", "32080", "32083", "32086",
	"32089", "32092",
};
static const unsigned cong_thuong[] = { 4, 7 };

/*
 * libxml2 is not built with AddressSanitizer, so its reads of memory it already freed go
 * unnoticed as long as the old bytes are still there. Its allocations go through these
 * instead: a freed block is overwritten with 0xA5 first, so a pointer read from it points
 * nowhere and the read after it crashes at once.
 */
static void
poison_free(void *p)
{
	if (p == NULL)
		return;
	memset(p, 0xa5, malloc_usable_size(p));
	free(p);
}

static void *
poison_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return malloc(n);
	old = malloc_usable_size(p);
	if ((q = malloc(n)) == NULL)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	poison_free(p);
	return q;
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("BAOCAO_SCHEMA_DIR");
	char err[512];

	(void)argc;
	(void)argv;
	if (dir == NULL || *dir == '\0')
		dir = BAOCAO_SCHEMA_DIR;
	xmlMemSetup(poison_free, malloc, poison_realloc, strdup);
	if (bc_ingest_init(dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_ingest: %s\n", err);
		exit(1);
	}
	xmlSetGenericErrorFunc(NULL, quiet);
	return 0;
}

/* The answer must be well-formed XML: parse it as a client would. */
static void
assert_well_formed(const struct bc_buf *b, const char *what)
{
	xmlDocPtr doc;

	if (b->oom)
		return;
	doc = xmlReadMemory(b->data, (int)b->len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		fprintf(stderr, "fuzz_ingest: the %s is not well-formed XML:\n%.*s\n", what,
		    (int)b->len, b->data);
		abort();
	}
	xmlFreeDoc(doc);
}

/* A refusal says why: 400 or 422 with at least one violation, each naming its rule. */
static void
assert_refusal(enum bc_err e, const struct bc_violations *v, const char *step)
{
	struct bc_buf b = { 0 };
	size_t i;

	if (e != BC_E_MALFORMED && e != BC_E_INVALID) {
		fprintf(stderr, "fuzz_ingest: %s answered %d (HTTP %d) for a document\n", step,
		    (int)e, bc_err_info(e)->status);
		abort();
	}
	if (v->n + v->dropped == 0) {
		fprintf(stderr, "fuzz_ingest: %s refused a document without a violation\n", step);
		abort();
	}
	for (i = 0; i < v->n; i++)
		if (v->v[i].rule == NULL || v->v[i].rule[0] == '\0') {
			fprintf(stderr, "fuzz_ingest: %s: a violation without a rule: %s\n", step,
			    v->v[i].message);
			abort();
		}
	bc_render_error(&b, e, "0123456789abcdef0123456789abcdef", NULL, NULL, v);
	assert_well_formed(&b, "error document");
	bc_buf_free(&b);
}

static void
rule_input(const struct bc_report *r, struct bc_unit *u, struct bc_calendar *cal,
    struct bc_rule_input *in)
{
	memset(in, 0, sizeof(*in));
	memset(u, 0, sizeof(*u));
	snprintf(u->code, sizeof(u->code), "%s", r->header.unit_code);
	snprintf(u->name, sizeof(u->name), "Unit %s", r->header.unit_code);
	u->kind = (enum bc_unit_kind)bc_unit_kind_of_code(r->header.unit_code);
	snprintf(u->province, sizeof(u->province), "96");
	u->valid_from = (struct bc_date){ 1900, 1, 1 };
	bc_calendar_defaults(cal, BC_CUTOFF_DECREE09);
	in->today = (struct bc_date){ 2026, 11, 25 };
	in->unit = u;
	in->calendar = cal;
	in->request_found = 1;
	in->communes = thoi_binh;
	in->ncommunes = sizeof(thoi_binh) / sizeof(thoi_binh[0]);
	in->criteria = cong_thuong;
	in->ncriteria = sizeof(cong_thuong) / sizeof(cong_thuong[0]);
}

static void
render_receipt(const struct bc_report *r)
{
	struct bc_receipt rc;
	struct bc_buf b = { 0 };

	memset(&rc, 0, sizeof(rc));
	snprintf(rc.document_id, sizeof(rc.document_id), "%s", r->header.document_id);
	snprintf(rc.province, sizeof(rc.province), "96");
	rc.receipt_year = 2026;
	rc.receipt_seq = 1;
	snprintf(rc.report_type, sizeof(rc.report_type), "%s", r->type->name);
	snprintf(rc.schema_ns, sizeof(rc.schema_ns), "%s", r->type->ns);
	snprintf(rc.unit_code, sizeof(rc.unit_code), "%s", r->header.unit_code);
	snprintf(rc.filed_by, sizeof(rc.filed_by), "%s", r->header.unit_code);
	rc.period = r->header.period;
	rc.revision = 1;
	snprintf(rc.supersedes, sizeof(rc.supersedes), "%s", r->header.supersedes);
	rc.received_us = 1795000000000000LL;
	snprintf(rc.sha256, sizeof(rc.sha256), "%s", r->sha256);
	rc.deadline = (struct bc_date){ 2026, 12, 16 };
	bc_render_receipt(&b, &rc);
	assert_well_formed(&b, "receipt");
	bc_buf_free(&b);
}

static void
submission(const uint8_t *data, size_t size)
{
	struct bc_violations v = { 0 };
	struct bc_rule_input in;
	struct bc_calendar cal;
	struct bc_unit unit;
	struct bc_report r;
	enum bc_err e;

	e = bc_ingest_parse(&r, (const char *)data, size, &v);
	if (e != BC_OK) {
		assert_refusal(e, &v, "bc_ingest_parse");
		goto done;
	}
	render_receipt(&r);
	if ((e = bc_ingest_extract(&r)) != BC_OK) {
		fprintf(stderr, "fuzz_ingest: bc_ingest_extract answered %d for a valid document\n",
		    (int)e);
		abort();
	}
	rule_input(&r, &unit, &cal, &in);
	r.kind = unit.kind;
	if ((e = bc_ingest_check(&r, &in, &v)) != BC_OK)
		assert_refusal(e, &v, "bc_ingest_check");
done:
	bc_report_free(&r);
	bc_violations_free(&v);
}

static void
request(const uint8_t *data, size_t size)
{
	struct bc_violations v = { 0 };
	struct bc_report r;
	enum bc_err e = bc_ingest_request(&r, (const char *)data, size, &v);

	if (e != BC_OK)
		assert_refusal(e, &v, "bc_ingest_request");
	bc_report_free(&r);
	bc_violations_free(&v);
}

/* Twice, as a worker meets a document a sender retries: nothing of the first run may be
 * left behind for the second. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	submission(data, size);
	submission(data, size);
	request(data, size);
	request(data, size);
	return 0;
}
