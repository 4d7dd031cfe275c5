/*
 * check_error — what the service answers with: the error table (error.c), the bounded list
 * of violations, and the two documents of render.c, the error document and the receipt.
 *
 * Statuses are the literals of PROTOCOL.md, so the table cannot drift from the contract.
 * Rendered documents are parsed back with libxml2 and validated against the published
 * schemas (schemas/error-1.xsd, schemas/receipt-1.xsd under BAOCAO_REPO), because a sender
 * reads them with its own parser: what matters is what that parser sees, including text full
 * of markup characters, and that a receipt rendered again is the same bytes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "baocao/error.h"
#include "baocao/render.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The published namespaces, written out: they must not move even if render.h's macros did. */
#define NS_ERROR "urn:baocao:error:1"
#define NS_RECEIPT "urn:baocao:receipt:1"

static const char *repo(void)
{
	const char *r = getenv("BAOCAO_REPO");

	return r != NULL && r[0] != '\0' ? r : ".";
}

/* ---- reading answers back ----------------------------------------------------------- */

/* Parse an answer and validate it against REPO/schemas/<xsd>; the caller frees the tree. */
static xmlDocPtr parse_valid(const struct bc_buf *b, const char *xsd)
{
	char path[1024];
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaValidCtxtPtr vctxt;
	xmlSchemaPtr schema;
	xmlDocPtr doc;
	int rc;

	ck_assert_msg(b->data != NULL && b->len > 0 && !b->oom, "nothing rendered");
	snprintf(path, sizeof path, "%s/schemas/%s", repo(), xsd);
	pctxt = xmlSchemaNewParserCtxt(path);
	ck_assert_msg(pctxt != NULL, "%s: no schema parser", path);
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	ck_assert_msg(schema != NULL, "%s does not compile (BAOCAO_REPO=%s)", path, repo());
	doc = xmlReadMemory(b->data, (int)b->len, "answer.xml", NULL, XML_PARSE_NONET);
	if (doc == NULL)
		xmlSchemaFree(schema);
	ck_assert_msg(doc != NULL, "answer is not well-formed:\n%s", b->data);
	vctxt = xmlSchemaNewValidCtxt(schema);
	rc = vctxt != NULL ? xmlSchemaValidateDoc(vctxt, doc) : -1;
	if (vctxt != NULL)
		xmlSchemaFreeValidCtxt(vctxt);
	xmlSchemaFree(schema);
	if (rc != 0)
		xmlFreeDoc(doc);
	ck_assert_msg(rc == 0, "answer does not validate against %s (%d):\n%s", xsd, rc, b->data);
	return doc;
}

static int is_element(xmlNodePtr n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL
	    && strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, name) == 0;
}

/* The first child element ns:name, or NULL. */
static xmlNodePtr child(xmlNodePtr parent, const char *ns, const char *name)
{
	for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
		if (is_element(n, ns, name))
			return n;
	return NULL;
}

static size_t count_children(xmlNodePtr parent, const char *ns, const char *name)
{
	size_t k = 0;

	for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
		k += is_element(n, ns, name);
	return k;
}

/* Text content of n into buf ("" for NULL); fails the test if it does not fit. */
static const char *text(xmlNodePtr n, char *buf, size_t size)
{
	xmlChar *s = n != NULL ? xmlNodeGetContent(n) : NULL;
	int fits = s == NULL || strlen((const char *)s) < size;

	snprintf(buf, size, "%s", s != NULL ? (const char *)s : "");
	xmlFree(s);
	ck_assert_msg(fits, "text of <%s> longer than %zu bytes", n != NULL ? (const char *)n->name : "",
		      size);
	return buf;
}

/* Unqualified attribute into buf; NULL when absent. */
static const char *attr(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlChar *s = xmlGetNoNsProp(n, (const xmlChar *)name);

	if (s == NULL)
		return NULL;
	snprintf(buf, size, "%s", (const char *)s);
	xmlFree(s);
	return buf;
}

/* ---- the error table ---------------------------------------------------------------- */

/* PROTOCOL.md, "HTTP": one row per error the service can answer with. */
static const struct {
	enum bc_err e;
	const char *name;
	int status;
} statuses[] = {
	{ BC_E_NOT_FOUND,    "NOT_FOUND",    404 },
	{ BC_E_METHOD,       "METHOD",       405 },
	{ BC_E_UNAUTHORIZED, "UNAUTHORIZED", 401 },
	{ BC_E_FORBIDDEN,    "FORBIDDEN",    403 },
	{ BC_E_MEDIA_TYPE,   "MEDIA_TYPE",   415 },
	{ BC_E_TOO_LARGE,    "TOO_LARGE",    413 },
	{ BC_E_BAD_BODY,     "BAD_BODY",     400 },
	{ BC_E_MALFORMED,    "MALFORMED",    400 },
	{ BC_E_INVALID,      "INVALID",      422 },
	{ BC_E_CONFLICT,     "CONFLICT",     409 },
	{ BC_E_STALE,        "STALE",        409 },
	{ BC_E_DB,           "DB",           503 },
	{ BC_E_INTERNAL,     "INTERNAL",     500 },
};

START_TEST(each_error_answers_with_its_protocol_status)
{
	const struct bc_err_info *info = bc_err_info(statuses[_i].e);

	ck_assert_msg(info != NULL, "BC_E_%s: no entry", statuses[_i].name);
	ck_assert_msg(info->status == statuses[_i].status, "BC_E_%s: status %d, expected %d",
		      statuses[_i].name, info->status, statuses[_i].status);
}
END_TEST

START_TEST(every_error_code_is_listed_above)
{
	/* A new enum value must come with its status in the table above. */
	ck_assert_msg(N(statuses) == BC_E__MAX - 1, "%zu rows for %d error codes", N(statuses),
		      (int)BC_E__MAX - 1);
}
END_TEST

START_TEST(error_codes_are_non_empty_and_distinct_with_a_message)
{
	for (int i = 0; i < BC_E__MAX; i++) {
		const struct bc_err_info *a = bc_err_info((enum bc_err)i);

		ck_assert_msg(a->code != NULL && a->code[0] != '\0', "error %d: empty code", i);
		ck_assert_msg(a->message != NULL && a->message[0] != '\0', "error %d: empty message", i);
		/* Clients switch on <Code>: two errors with one code could not be told apart. */
		for (int j = 0; j < i; j++)
			ck_assert_msg(strcmp(a->code, bc_err_info((enum bc_err)j)->code) != 0,
				      "errors %d and %d share the code \"%s\"", j, i, a->code);
	}
}
END_TEST

START_TEST(out_of_range_error_answers_as_internal_500)
{
	static const int values[] = { BC_E__MAX, BC_E__MAX + 1, 1000, -1 };

	for (size_t i = 0; i < N(values); i++) {
		const struct bc_err_info *info = bc_err_info((enum bc_err)values[i]);

		ck_assert_msg(info != NULL && info->status == 500, "error %d: status %d", values[i],
			      info != NULL ? info->status : 0);
		ck_assert_msg(strcmp(info->code, bc_err_info(BC_E_INTERNAL)->code) == 0,
			      "error %d: code \"%s\"", values[i], info->code);
	}
}
END_TEST

/* ---- the list of violations ---------------------------------------------------------- */

START_TEST(violations_beyond_the_bound_are_counted_not_kept)
{
	struct bc_violations v = { NULL, 0, 0 };
	char expected[32];

	for (size_t i = 0; i < BC_VIOLATIONS_MAX + 50; i++)
		bc_violations_add(&v, i + 1, i + 2, "/ProgressReport", "xsd", "violation %zu", i);
	ck_assert_msg(v.n == BC_VIOLATIONS_MAX && v.dropped == 50, "n %zu dropped %zu, expected %d and 50",
		      v.n, v.dropped, BC_VIOLATIONS_MAX);
	/* The first ones found are kept, in order; they point at the earliest problems. */
	for (size_t i = 0; i < v.n; i++) {
		snprintf(expected, sizeof expected, "violation %zu", i);
		ck_assert_msg(v.v[i].line == i + 1 && v.v[i].column == i + 2
			      && strcmp(v.v[i].message, expected) == 0,
			      "entry %zu: %lu:%lu \"%s\"", i, v.v[i].line, v.v[i].column, v.v[i].message);
	}
	bc_violations_free(&v);
	ck_assert_msg(v.v == NULL && v.n == 0 && v.dropped == 0, "free left n %zu dropped %zu", v.n,
		      v.dropped);
}
END_TEST

START_TEST(violation_keeps_copies_and_empty_strings_for_null)
{
	struct bc_violations v = { NULL, 0, 0 };
	char path[32] = "/ProgressReport/Header[1]", rule[16] = "cadence";

	bc_violations_add(&v, 7, 9, path, rule, "%s %d", "value", 42);
	bc_violations_add(&v, 0, 0, NULL, NULL, "unplaced");
	/* The caller's buffers may be reused at once (libxml2's messages are). */
	memset(path, 'x', sizeof path - 1);
	memset(rule, 'x', sizeof rule - 1);
	ck_assert_uint_eq(v.n, 2);
	ck_assert_str_eq(v.v[0].path, "/ProgressReport/Header[1]");
	ck_assert_str_eq(v.v[0].rule, "cadence");
	ck_assert_str_eq(v.v[0].message, "value 42");
	ck_assert_str_eq(v.v[1].path, "");
	ck_assert_str_eq(v.v[1].rule, "");
	ck_assert_str_eq(v.v[1].message, "unplaced");
	bc_violations_free(&v);
}
END_TEST

/* ---- the error document ------------------------------------------------------------- */

/* Text a sender could have put in a document, which the messages quote back to it. */
static const struct {
	unsigned long line, column;
	const char *path, *rule, *message;
} quoted[] = {	/* in document order, the order the error document lists them in */
	{ 3, 1, "/a[1]/@b=\"<&'>\"", "rule <&\"'>",
	  "line one\nline two\ttabbed\r\nthird: </Violation><![CDATA[ ]]> &amp; &#10;" },
	{ 14, 37, "/ProgressReport/Criteria[1]/Commune[1]/Criterion[1]/@number", "xsd",
	  "Element 'Criterion', attribute 'number': '<0>' & \"0\" aren't in {1..19}" },
};

static void add_quoted(struct bc_violations *v)
{
	for (size_t i = 0; i < N(quoted); i++)
		bc_violations_add(v, quoted[i].line, quoted[i].column, quoted[i].path, quoted[i].rule, "%s",
				  quoted[i].message);
}

/* However the checks found them, the document lists violations top to bottom: by line and
 * column, those of the same place in the order found, those without a place last. */
START_TEST(error_document_lists_violations_in_document_order)
{
	static const struct { unsigned long line, column; const char *message; } found[] = {
		{ 14, 37, "c" }, { 0, 0, "e" }, { 3, 9, "b" }, { 3, 1, "a" }, { 14, 37, "d" },
	};
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_buf b = { NULL, 0, 0, 0 };
	char listed[16] = "", buf[64];
	xmlDocPtr doc;
	xmlNodePtr n;

	for (size_t i = 0; i < N(found); i++)
		bc_violations_add(&v, found[i].line, found[i].column, "", "rule", "%s",
				  found[i].message);
	bc_render_error(&b, BC_E_INVALID, "r", NULL, NULL, &v);
	doc = parse_valid(&b, "error-1.xsd");
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (is_element(n, NS_ERROR, "Violation"))
			strncat(listed, text(n, buf, sizeof buf), sizeof listed - strlen(listed) - 1);
	ck_assert_str_eq(listed, "abcde");
	xmlFreeDoc(doc);
	bc_buf_free(&b);
	bc_violations_free(&v);
}
END_TEST

START_TEST(error_document_is_valid_and_quotes_markup_exactly)
{
	static const char *const message = "Refused <because> \"A & B\" aren't 'C'.";
	static const char *const request_id = "req-<1>&\"'";
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_buf b = { NULL, 0, 0, 0 };
	char buf[1024], want[32];
	xmlDocPtr doc;
	xmlNodePtr root, n;
	size_t i = 0;

	add_quoted(&v);
	bc_render_error(&b, BC_E_INVALID, request_id, message, NULL, &v);
	doc = parse_valid(&b, "error-1.xsd");
	root = xmlDocGetRootElement(doc);
	ck_assert_msg(is_element(root, NS_ERROR, "Error"), "root is not {%s}Error", NS_ERROR);
	ck_assert_str_eq(attr(root, "status", buf, sizeof buf), "422");
	ck_assert_str_eq(attr(root, "requestId", buf, sizeof buf), request_id);
	ck_assert_str_eq(text(child(root, NS_ERROR, "Code"), buf, sizeof buf), bc_err_info(BC_E_INVALID)->code);
	ck_assert_str_eq(text(child(root, NS_ERROR, "Message"), buf, sizeof buf), message);
	ck_assert_msg(child(root, NS_ERROR, "Current") == NULL, "Current without a current revision");
	ck_assert_uint_eq(count_children(root, NS_ERROR, "Violation"), N(quoted));
	for (n = root->children; n != NULL; n = n->next) {
		if (!is_element(n, NS_ERROR, "Violation"))
			continue;
		snprintf(want, sizeof want, "%lu", quoted[i].line);
		ck_assert_str_eq(attr(n, "line", buf, sizeof buf), want);
		snprintf(want, sizeof want, "%lu", quoted[i].column);
		ck_assert_str_eq(attr(n, "column", buf, sizeof buf), want);
		ck_assert_str_eq(attr(n, "path", buf, sizeof buf), quoted[i].path);
		ck_assert_str_eq(attr(n, "rule", buf, sizeof buf), quoted[i].rule);
		ck_assert_str_eq(text(n, buf, sizeof buf), quoted[i].message);
		i++;
	}
	xmlFreeDoc(doc);
	bc_buf_free(&b);
	bc_violations_free(&v);
}
END_TEST

START_TEST(every_error_renders_a_valid_document_with_its_status_and_default_message)
{
	enum bc_err e = (enum bc_err)_i;
	const struct bc_err_info *info = bc_err_info(e);
	struct bc_buf b = { NULL, 0, 0, 0 };
	char buf[1024], want[16];
	xmlDocPtr doc;
	xmlNodePtr root;

	bc_render_error(&b, e, NULL, NULL, NULL, NULL);
	doc = parse_valid(&b, "error-1.xsd");
	root = xmlDocGetRootElement(doc);
	snprintf(want, sizeof want, "%d", info->status);
	ck_assert_msg(strcmp(attr(root, "status", buf, sizeof buf), want) == 0, "error %d: status %s", _i,
		      buf);
	ck_assert_msg(attr(root, "requestId", buf, sizeof buf) == NULL, "error %d: requestId without one",
		      _i);
	ck_assert_str_eq(text(child(root, NS_ERROR, "Code"), buf, sizeof buf), info->code);
	ck_assert_str_eq(text(child(root, NS_ERROR, "Message"), buf, sizeof buf), info->message);
	ck_assert_uint_eq(count_children(root, NS_ERROR, "Violation"), 0);
	xmlFreeDoc(doc);
	bc_buf_free(&b);
}
END_TEST

/* A stale Supersedes answers 409 naming the newest revision; nothing else carries Current. */
static const struct {
	const char *current;	/* as passed */
	const char *element;	/* NULL: no Current element */
} currents[] = {
	{ NULL, NULL },
	{ "5f0c7a52-8a8e-4a7b-b0f4-7d3c2e9a6c01", "5f0c7a52-8a8e-4a7b-b0f4-7d3c2e9a6c01" },
};

START_TEST(current_revision_is_named_when_given)
{
	struct bc_buf b = { NULL, 0, 0, 0 };
	char buf[256];
	xmlDocPtr doc;
	xmlNodePtr cur;

	bc_render_error(&b, BC_E_STALE, "r1", NULL, currents[_i].current, NULL);
	doc = parse_valid(&b, "error-1.xsd");
	cur = child(xmlDocGetRootElement(doc), NS_ERROR, "Current");
	if (currents[_i].element == NULL)
		ck_assert_msg(cur == NULL, "Current rendered for %s", currents[_i].current);
	else
		ck_assert_msg(cur != NULL && strcmp(text(cur, buf, sizeof buf), currents[_i].element) == 0,
			      "Current for %s: %s", currents[_i].current, cur != NULL ? buf : "(none)");
	xmlFreeDoc(doc);
	bc_buf_free(&b);
}
END_TEST

/* The list stops at BC_VIOLATIONS_MAX; the sender must still learn that more were found. */
static const char *const dropped_messages[] = { NULL, "The document breaks the rules." };

START_TEST(dropped_violations_are_mentioned_in_the_message)
{
	const char *given = dropped_messages[_i];
	const char *expected = given != NULL ? given : bc_err_info(BC_E_INVALID)->message;
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_buf b = { NULL, 0, 0, 0 };
	char buf[1024];
	xmlDocPtr doc;
	xmlNodePtr root;

	for (int i = 0; i < BC_VIOLATIONS_MAX + 50; i++)
		bc_violations_add(&v, 1, 1, "", "xsd", "violation %d", i);
	bc_render_error(&b, BC_E_INVALID, NULL, given, NULL, &v);
	doc = parse_valid(&b, "error-1.xsd");
	root = xmlDocGetRootElement(doc);
	text(child(root, NS_ERROR, "Message"), buf, sizeof buf);
	ck_assert_msg(strncmp(buf, expected, strlen(expected)) == 0, "Message \"%s\" does not start with \"%s\"",
		      buf, expected);
	ck_assert_msg(strstr(buf + strlen(expected), "50") != NULL, "Message \"%s\" does not mention the 50 dropped",
		      buf);
	ck_assert_uint_eq(count_children(root, NS_ERROR, "Violation"), BC_VIOLATIONS_MAX);
	xmlFreeDoc(doc);
	bc_buf_free(&b);
	bc_violations_free(&v);
}
END_TEST

/* ---- the receipt ---------------------------------------------------------------------- */

/* Instants (µs since the epoch, UTC) and the same instant in Vietnam's time; by `date -u`. */
static const struct {
	long long us;
	const char *vietnam;
} instants[] = {
	{ 0,                   "1970-01-01T07:00:00.000000+07:00" },
	{ 1795627800000000LL,  "2026-11-26T00:30:00.000000+07:00" },	/* 2026-11-25T17:30:00Z */
	{ 1710469800123456LL,  "2024-03-15T09:30:00.123456+07:00" },	/* 2024-03-15T02:30:00.123456Z */
	{ 1735664399999999LL,  "2024-12-31T23:59:59.999999+07:00" },	/* a microsecond before... */
	{ 1735664400000000LL,  "2025-01-01T00:00:00.000000+07:00" },	/* ...the new year in Hanoi */
};

START_TEST(instants_render_in_vietnam_time)
{
	char out[40];

	bc_render_vietnam_time(out, instants[_i].us);
	ck_assert_msg(strcmp(out, instants[_i].vietnam) == 0, "%lld us: \"%s\", expected \"%s\"",
		      instants[_i].us, out, instants[_i].vietnam);
}
END_TEST

static const struct {
	const char *what;
	struct bc_receipt r;
	const char *number, *form, *period_text, *supersedes, *received_at, *deadline, *on_time;
} receipts[] = {
	{ "monthly, late",
	  { .document_id = "0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11", .receipt_year = 2026, .receipt_seq = 42,
	    .report_type = "ProgressReport", .schema_ns = "urn:baocao:ntm:1", .unit_code = "32072",
	    .filed_by = "32072", .period = { BC_CADENCE_MONTH, 2026, 10, { 0, 0, 0 }, "" },
	    .revision = 1, .supersedes = "", .received_us = 1795627800000000LL,
	    .sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    .deadline = { 2026, 10, 16 }, .on_time = 0 },
	  "2026-000042", "Month", "2026-10", NULL, "2026-11-26T00:30:00.000000+07:00", "2026-10-16", "false" },
	{ "ad hoc, filed on behalf, on time",
	  { .document_id = "a3d5e7f9-1b2c-4d3e-8f4a-5b6c7d8e9f00", .receipt_year = 2024, .receipt_seq = 7,
	    .report_type = "ProgressReport", .schema_ns = "urn:baocao:ntm:1", .unit_code = "32072",
	    .filed_by = "967", .period = { BC_CADENCE_ADHOC, 2024, 0, { 2024, 5, 17 }, "YC-2024-007" },
	    .revision = 1, .supersedes = "", .received_us = 1710469800123456LL,
	    .sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	    .deadline = { 2024, 5, 17 }, .on_time = 1 },
	  "2024-000007", "AdHoc", NULL, NULL, "2024-03-15T09:30:00.123456+07:00", "2024-05-17", "true" },
	{ "quarterly revision superseding another",
	  { .document_id = "5f0c7a52-8a8e-4a7b-b0f4-7d3c2e9a6c01", .receipt_year = 2025, .receipt_seq = 123456,
	    .report_type = "ProgressReport", .schema_ns = "urn:baocao:ntm:1", .unit_code = "000.00.12.H12",
	    .filed_by = "000.00.12.H12", .period = { BC_CADENCE_QUARTER, 2024, 4, { 0, 0, 0 }, "" },
	    .revision = 2, .supersedes = "11111111-1111-4111-8111-111111111111",
	    .received_us = 1735664400000000LL,
	    .sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
	    .deadline = { 2024, 12, 18 }, .on_time = 0 },
	  "2025-123456", "Quarter", "2024-Q4", "11111111-1111-4111-8111-111111111111",
	  "2025-01-01T00:00:00.000000+07:00", "2024-12-18", "false" },
};

START_TEST(receipt_is_valid_and_says_what_was_filed)
{
	const struct bc_receipt *r = &receipts[_i].r;
	const char *what = receipts[_i].what;
	struct bc_buf b = { NULL, 0, 0, 0 };
	char buf[256], want[32];
	xmlDocPtr doc;
	xmlNodePtr root, period, form, sup;

	bc_render_receipt(&b, r);
	doc = parse_valid(&b, "receipt-1.xsd");
	root = xmlDocGetRootElement(doc);
	ck_assert_msg(is_element(root, NS_RECEIPT, "Receipt"), "%s: root is not {%s}Receipt", what, NS_RECEIPT);
#define FIELD(name, expected) \
	ck_assert_msg(strcmp(text(child(root, NS_RECEIPT, name), buf, sizeof buf), expected) == 0, \
		      "%s: %s \"%s\", expected \"%s\"", what, name, buf, expected)
	FIELD("DocumentId", r->document_id);
	FIELD("ReceiptNumber", receipts[_i].number);
	FIELD("ReportType", r->report_type);
	FIELD("SchemaVersion", r->schema_ns);
	FIELD("ReceivedAt", receipts[_i].received_at);
	FIELD("Sha256", r->sha256);
	FIELD("Deadline", receipts[_i].deadline);
	FIELD("OnTime", receipts[_i].on_time);
	snprintf(want, sizeof want, "%u", r->revision);
	FIELD("Revision", want);
#undef FIELD
	ck_assert_str_eq(attr(child(root, NS_RECEIPT, "ReportingUnit"), "code", buf, sizeof buf), r->unit_code);
	ck_assert_str_eq(attr(child(root, NS_RECEIPT, "FiledBy"), "code", buf, sizeof buf), r->filed_by);

	period = child(root, NS_RECEIPT, "Period");
	form = child(period, NS_RECEIPT, receipts[_i].form);
	ck_assert_msg(form != NULL && count_children(period, NS_RECEIPT, receipts[_i].form) == 1,
		      "%s: no single Period/%s", what, receipts[_i].form);
	if (receipts[_i].period_text != NULL) {
		ck_assert_str_eq(text(form, buf, sizeof buf), receipts[_i].period_text);
	} else {
		ck_assert_str_eq(attr(form, "request", buf, sizeof buf), r->period.request);
		ck_assert_str_eq(attr(form, "asOf", buf, sizeof buf), "2024-05-17");
	}

	sup = child(root, NS_RECEIPT, "Supersedes");
	if (receipts[_i].supersedes == NULL)
		ck_assert_msg(sup == NULL, "%s: Supersedes without one", what);
	else
		ck_assert_msg(sup != NULL && strcmp(text(sup, buf, sizeof buf), receipts[_i].supersedes) == 0,
			      "%s: Supersedes \"%s\"", what, sup != NULL ? buf : "(none)");
	xmlFreeDoc(doc);
	bc_buf_free(&b);
}
END_TEST

START_TEST(receipt_rendered_twice_is_the_same_bytes)
{
	/* A replay answers 200 with the receipt rendered again from the stored row. */
	struct bc_buf first = { NULL, 0, 0, 0 }, second = { NULL, 0, 0, 0 };

	bc_render_receipt(&first, &receipts[_i].r);
	bc_render_receipt(&second, &receipts[_i].r);
	ck_assert_msg(first.len > 0 && first.len == second.len && memcmp(first.data, second.data, first.len) == 0,
		      "%s: renderings differ:\n%s\n---\n%s", receipts[_i].what, first.data, second.data);
	bc_buf_free(&first);
	bc_buf_free(&second);
}
END_TEST

Suite *suite_error(void);

Suite *suite_error(void)
{
	Suite *s = suite_create("error");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_loop_test(tc, each_error_answers_with_its_protocol_status, 0, N(statuses));
	tcase_add_test(tc, every_error_code_is_listed_above);
	tcase_add_test(tc, error_codes_are_non_empty_and_distinct_with_a_message);
	tcase_add_test(tc, out_of_range_error_answers_as_internal_500);
	suite_add_tcase(s, tc);

	tc = tcase_create("violations");
	tcase_add_test(tc, violations_beyond_the_bound_are_counted_not_kept);
	tcase_add_test(tc, violation_keeps_copies_and_empty_strings_for_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("error-document");
	tcase_add_test(tc, error_document_is_valid_and_quotes_markup_exactly);
	tcase_add_test(tc, error_document_lists_violations_in_document_order);
	tcase_add_loop_test(tc, every_error_renders_a_valid_document_with_its_status_and_default_message,
			    BC_E_NOT_FOUND, BC_E__MAX);
	tcase_add_loop_test(tc, current_revision_is_named_when_given, 0, N(currents));
	tcase_add_loop_test(tc, dropped_violations_are_mentioned_in_the_message, 0, N(dropped_messages));
	suite_add_tcase(s, tc);

	tc = tcase_create("receipt");
	tcase_add_loop_test(tc, instants_render_in_vietnam_time, 0, N(instants));
	tcase_add_loop_test(tc, receipt_is_valid_and_says_what_was_filed, 0, N(receipts));
	tcase_add_loop_test(tc, receipt_rendered_twice_is_the_same_bytes, 0, N(receipts));
	suite_add_tcase(s, tc);

	return s;
}
