/*
 * render — writes receipts and error documents. Namespaces and element names here are the
 * published ones of schemas/receipt-1.xsd and schemas/error-1.xsd; they do not move.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "baocao/render.h"

void
bc_render_vietnam_time(char out[40], long long us)
{
	time_t sec = (time_t)(us / 1000000) + 7 * 3600;
	struct tm tm;

	gmtime_r(&sec, &tm);
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d.%06d+07:00",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100,
	    tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100, (int)(us % 1000000));
}

static void
render_period(struct bc_buf *b, const struct bc_period *p)
{
	char name[97], as_of[11];

	if (p->cadence == BC_CADENCE_ADHOC) {
		bc_date_format(as_of, p->as_of);
		bc_buf_puts(b, "<Period><AdHoc request=\"");
		bc_buf_xml(b, p->request);
		bc_buf_printf(b, "\" asOf=\"%s\"/></Period>\n", as_of);
		return;
	}
	bc_period_format(name, sizeof(name), p);
	bc_buf_printf(b, "<Period><%s>%s</%s></Period>\n", bc_cadence_element(p->cadence),
	    name, bc_cadence_element(p->cadence));
}

static void
receipt_element(struct bc_buf *b, const struct bc_receipt *r)
{
	char received[40], deadline[11];

	bc_render_vietnam_time(received, r->received_us);
	bc_date_format(deadline, r->deadline);
	bc_buf_printf(b, "<Receipt xmlns=\"%s\">\n"
	    "<DocumentId>%s</DocumentId>\n"
	    "<ReceiptNumber>%s%s%u-%06u</ReceiptNumber>\n",
	    BC_NS_RECEIPT, r->document_id, r->province, r->province[0] ? "-" : "",
	    r->receipt_year, r->receipt_seq);
	bc_buf_puts(b, "<ReportType>");
	bc_buf_xml(b, r->report_type);
	bc_buf_puts(b, "</ReportType>\n<SchemaVersion>");
	bc_buf_xml(b, r->schema_ns);
	bc_buf_puts(b, "</SchemaVersion>\n<ReportingUnit code=\"");
	bc_buf_xml(b, r->unit_code);
	bc_buf_puts(b, "\"/>\n<FiledBy code=\"");
	bc_buf_xml(b, r->filed_by);
	bc_buf_puts(b, "\"/>\n");
	render_period(b, &r->period);
	bc_buf_printf(b, "<Revision>%u</Revision>\n", r->revision);
	if (r->supersedes[0] != '\0')
		bc_buf_printf(b, "<Supersedes>%s</Supersedes>\n", r->supersedes);
	bc_buf_printf(b, "<ReceivedAt>%s</ReceivedAt>\n"
	    "<Sha256>%s</Sha256>\n"
	    "<Deadline>%s</Deadline>\n"
	    "<OnTime>%s</OnTime>\n"
	    "</Receipt>\n",
	    received, r->sha256, deadline, r->on_time ? "true" : "false");
}

void
bc_render_receipt(struct bc_buf *b, const struct bc_receipt *r)
{
	bc_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	receipt_element(b, r);
}

/* A unit's submissions: every revision's receipt, as it was answered when it was filed. */
void
bc_render_submissions(struct bc_buf *b, const char *unit, const struct bc_receipt *v, size_t n,
    int more)
{
	size_t i;

	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Submissions xmlns=\"%s\" unit=\"", BC_NS_RECEIPT);
	bc_buf_xml(b, unit);
	bc_buf_printf(b, "\" count=\"%zu\" complete=\"%s\">\n", n, more ? "false" : "true");
	for (i = 0; i < n; i++)
		receipt_element(b, &v[i]);
	bc_buf_puts(b, "</Submissions>\n");
}

/* Violations in the order of the document, so a person reads them top to bottom: by line
 * and column (the schema's come first from libxml2, the rules' after them), those without a
 * place last, ties in the order found. */
static int
by_place(const void *a, const void *b)
{
	const struct bc_violation *x = *(const struct bc_violation *const *)a;
	const struct bc_violation *y = *(const struct bc_violation *const *)b;

	if ((x->line == 0) != (y->line == 0))
		return x->line == 0 ? 1 : -1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x < y ? -1 : x > y;	/* the array's order: found first, listed first */
}

static void
violation_element(struct bc_buf *b, const struct bc_violation *v)
{
	bc_buf_printf(b, "<Violation line=\"%lu\" column=\"%lu\" path=\"", v->line, v->column);
	bc_buf_xml(b, v->path);
	bc_buf_puts(b, "\" rule=\"");
	bc_buf_xml(b, v->rule);
	bc_buf_puts(b, "\">");
	bc_buf_xml(b, v->message);
	bc_buf_puts(b, "</Violation>\n");
}

void
bc_render_error(struct bc_buf *b, enum bc_err e, const char *request_id, const char *message,
    const char *current, const struct bc_violations *v)
{
	const struct bc_err_info *info = bc_err_info(e);
	const struct bc_violation **order = NULL;
	size_t i, n = v != NULL ? v->n : 0;

	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Error xmlns=\"%s\" status=\"%d\"", BC_NS_ERROR, info->status);
	if (request_id != NULL) {
		bc_buf_puts(b, " requestId=\"");
		bc_buf_xml(b, request_id);
		bc_buf_puts(b, "\"");
	}
	bc_buf_printf(b, ">\n<Code>%s</Code>\n<Message>", info->code);
	bc_buf_xml(b, message != NULL ? message : info->message);
	if (v != NULL && v->dropped > 0)
		bc_buf_printf(b, " (%zu further violations not listed.)", v->dropped);
	bc_buf_puts(b, "</Message>\n");
	if (current != NULL && current[0] != '\0') {
		bc_buf_puts(b, "<Current>");
		bc_buf_xml(b, current);
		bc_buf_puts(b, "</Current>\n");
	}
	if (n > 0 && (order = malloc(n * sizeof(*order))) != NULL) {
		for (i = 0; i < n; i++)
			order[i] = &v->v[i];
		qsort(order, n, sizeof(*order), by_place);
	}
	for (i = 0; i < n; i++)	/* without memory to sort: as found */
		violation_element(b, order != NULL ? order[i] : &v->v[i]);
	free(order);
	bc_buf_puts(b, "</Error>\n");
}
