/*
 * render_report — writes the office's resources as XML, CSV and HTML from the same data, one
 * function per format and a table to pick it, so the three never disagree on a figure; and the
 * pieces every renderer shares (CSV fields, the one printable stylesheet, bars). Completeness
 * and the consolidated report are here; recognition, the largest, is in render_ntm.c.
 */
#include <stdio.h>
#include <string.h>

#include "baocao/render.h"
#include "baocao/render_report.h"

static const struct {
	const char *name;
	const char *content_type;
} formats[BC_FORMAT__MAX] = {
	[BC_FORMAT_XML] = { "xml", "application/xml; charset=utf-8" },
	[BC_FORMAT_CSV] = { "csv", "text/csv; charset=utf-8" },
	[BC_FORMAT_HTML] = { "html", "text/html; charset=utf-8" },
};

int
bc_format_from_name(const char *name)
{
	int f;

	if (name[0] == '\0')
		return BC_FORMAT_XML;
	for (f = 0; f < BC_FORMAT__MAX; f++)
		if (strcmp(formats[f].name, name) == 0)
			return f;
	return -1;
}

const char *
bc_format_content_type(enum bc_format f)
{
	return formats[f].content_type;
}

void
bc_render_number(char out[32], double v)
{
	if (v == (double)(long long)v)
		snprintf(out, 32, "%.0f", v);
	else
		snprintf(out, 32, "%.2f", v);
}

/* One stylesheet for every page: states and bars keep their colours on paper too. */
static const char stylesheet[] =
    "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #999;padding:.25em .5em;text-align:left}td.n{text-align:right}"
    ".bar{display:inline-block;width:120px;height:.8em;background:#eee;margin-right:.5em;"
    "vertical-align:middle}.bar div{height:100%;background:#2e7d32}"
    ".yes,.on-time{background:#c8e6c9}.no,.missing{background:#ffcdd2}.late{background:#ffe0b2}"
    ".not-due{background:#eeeeee}.rate{font-weight:bold}.breach{color:#b71c1c}"
    ".src,.doc{font-size:.85em;color:#444}"
    "@media print{body{margin:0;font-size:10pt}a{color:inherit;text-decoration:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}"
    "h2{break-after:avoid}}";

void
bc_render_html_start(struct bc_buf *b, const char *title)
{
	bc_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
	bc_buf_xml(b, title);
	bc_buf_printf(b, "</title><style>%s</style></head><body>\n<h1>", stylesheet);
	bc_buf_xml(b, title);
	bc_buf_puts(b, "</h1>\n");
}

void
bc_render_html_end(struct bc_buf *b)
{
	bc_buf_puts(b, "</body></html>\n");
}

static const char *const rests_on_attrs[BC_SOURCE__MAX] = {
	[BC_SOURCE_NONE] = "restsOnNone", [BC_SOURCE_PROGRESS] = "restsOnProgressReport",
	[BC_SOURCE_SELF] = "restsOnSelfAssessment", [BC_SOURCE_VERIFICATION] = "restsOnVerification",
};

void
bc_render_rests_on_xml(struct bc_buf *b, const unsigned counts[BC_SOURCE__MAX], int with_none)
{
	int s;

	for (s = BC_SOURCE__MAX - 1; s > (with_none ? -1 : BC_SOURCE_NONE); s--)
		bc_buf_printf(b, " %s=\"%u\"", rests_on_attrs[s], counts[s]);
}

void
bc_render_rests_on_html(struct bc_buf *b, const unsigned counts[BC_SOURCE__MAX],
    int with_none)
{
	bc_buf_printf(b, "<td class=\"src\">V %u · S %u · P %u", counts[BC_SOURCE_VERIFICATION],
	    counts[BC_SOURCE_SELF], counts[BC_SOURCE_PROGRESS]);
	if (with_none)
		bc_buf_printf(b, " · — %u", counts[BC_SOURCE_NONE]);
	bc_buf_puts(b, "</td>");
}

void
bc_render_criterion_html(struct bc_buf *b, const struct bc_recognition *r, unsigned k)
{
	bc_buf_printf(b, "<tr><td>%u</td><td>", k);
	bc_render_html_bar(b, r->ncommunes ? 100.0 * r->by_criterion[k] / r->ncommunes : 0);
	bc_buf_printf(b, "%u / %zu</td>", r->by_criterion[k], r->ncommunes);
	bc_render_rests_on_html(b, r->by_criterion_source[k], 0);
}

void
bc_render_html_bar(struct bc_buf *b, double percent)
{
	bc_buf_printf(b, "<div class=\"bar\"><div style=\"width:%.0f%%\"></div></div>",
	    percent < 0 ? 0 : percent > 100 ? 100 : percent);
}

/* A CSV field: quoted, quotes doubled (RFC 4180). */
void
bc_render_csv(struct bc_buf *b, const char *s, int last)
{
	bc_buf_puts(b, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"')
			bc_buf_puts(b, "\"");
		bc_buf_append(b, s, 1);
	}
	bc_buf_puts(b, last ? "\"\r\n" : "\",");
}

static void
received_text(char out[40], const struct bc_completeness_row *row)
{
	if (row->revisions > 0)
		bc_render_vietnam_time(out, row->received_us);
	else
		out[0] = '\0';
}

static void
totals_xml(struct bc_buf *b, const char *kind, const struct bc_completeness_totals *t)
{
	bc_buf_printf(b, "<Totals kind=\"%s\" expected=\"%u\" onTime=\"%u\" late=\"%u\" "
	    "missing=\"%u\" notDue=\"%u\" reportingRate=\"%.1f\" onTimeRate=\"%.1f\"/>\n", kind,
	    t->expected, t->count[BC_FILED_ON_TIME], t->count[BC_FILED_LATE], t->count[BC_MISSING],
	    t->count[BC_NOT_DUE], bc_completeness_reporting_rate(t), bc_completeness_on_time_rate(t));
}

static void
completeness_xml(struct bc_buf *b, const struct bc_completeness_view *v)
{
	char day[11], received[40];
	size_t p, i;
	int k;

	bc_date_format(day, v->as_of);
	bc_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Completeness xmlns=\"urn:baocao:completeness:1\" reportType=\"");
	bc_buf_xml(b, v->nperiods > 0 ? v->periods[0].type->name : "");
	bc_buf_puts(b, "\" under=\"");
	bc_buf_xml(b, v->under);
	bc_buf_printf(b, "\" asOf=\"%s\">\n", day);
	for (p = 0; p < v->nperiods; p++) {
		const struct bc_completeness *c = &v->periods[p];

		bc_buf_printf(b, "<Period name=\"%s\">\n", c->period_name);
		totals_xml(b, "all", &c->all);
		for (k = 0; k < BC_UNIT__MAX; k++)
			if (c->by_kind[k].expected > 0)
				totals_xml(b, bc_unit_kind_name((enum bc_unit_kind)k), &c->by_kind[k]);
		for (i = 0; i < c->nrows; i++) {
			const struct bc_completeness_row *r = &c->rows[i];

			bc_date_format(day, r->deadline);
			bc_buf_printf(b, "<Unit code=\"%s\" kind=\"%s\" name=\"", r->unit->code,
			    bc_unit_kind_name(r->unit->kind));
			bc_buf_xml(b, r->unit->name);
			bc_buf_printf(b, "\" parent=\"%s\" state=\"%s\" deadline=\"%s\" revisions=\"%u\"",
			    r->unit->parent, bc_filing_state_name(r->state), day, r->revisions);
			if (r->revisions > 0) {
				received_text(received, r);
				bc_buf_printf(b, " documentId=\"%s\" filedBy=\"%s\" receivedAt=\"%s\"",
				    r->document_id, r->filed_by, received);
			}
			bc_buf_puts(b, "/>\n");
		}
		bc_buf_puts(b, "</Period>\n");
	}
	bc_buf_puts(b, "</Completeness>\n");
}

static void
completeness_csv(struct bc_buf *b, const struct bc_completeness_view *v)
{
	static const char *const header[] = { "period", "code", "kind", "name", "parent", "state",
	    "deadline", "revisions", "document_id", "filed_by", "received_at" };
	char day[11], revisions[16], received[40];
	size_t p, i, h;

	bc_buf_puts(b, "\xef\xbb\xbf");	/* a byte-order mark: spreadsheets then read UTF-8 */
	for (h = 0; h < sizeof(header) / sizeof(header[0]); h++)
		bc_render_csv(b, header[h], h + 1 == sizeof(header) / sizeof(header[0]));
	for (p = 0; p < v->nperiods; p++) {
		for (i = 0; i < v->periods[p].nrows; i++) {
			const struct bc_completeness_row *r = &v->periods[p].rows[i];

			bc_date_format(day, r->deadline);
			snprintf(revisions, sizeof(revisions), "%u", r->revisions);
			received_text(received, r);
			bc_render_csv(b, v->periods[p].period_name, 0);
			bc_render_csv(b, r->unit->code, 0);
			bc_render_csv(b, bc_unit_kind_name(r->unit->kind), 0);
			bc_render_csv(b, r->unit->name, 0);
			bc_render_csv(b, r->unit->parent, 0);
			bc_render_csv(b, bc_filing_state_name(r->state), 0);
			bc_render_csv(b, day, 0);
			bc_render_csv(b, revisions, 0);
			bc_render_csv(b, r->document_id, 0);
			bc_render_csv(b, r->filed_by, 0);
			bc_render_csv(b, received, 1);
		}
	}
}

static const char *const state_labels[BC_FILING_STATE__MAX] = {
	[BC_FILED_ON_TIME] = "Đúng hạn / on time", [BC_FILED_LATE] = "Trễ hạn / late",
	[BC_MISSING] = "Chưa nộp / missing", [BC_NOT_DUE] = "Chưa đến hạn / not due",
};

static void
totals_html(struct bc_buf *b, const char *kind, const struct bc_completeness_totals *t)
{
	bc_buf_printf(b, "<tr><th>%s</th><td>%u</td><td>%u</td><td>%u</td><td>%u</td><td>%u</td>"
	    "<td class=\"rate\">%.1f%%</td><td class=\"rate\">%.1f%%</td></tr>\n", kind, t->expected,
	    t->count[BC_FILED_ON_TIME], t->count[BC_FILED_LATE], t->count[BC_MISSING],
	    t->count[BC_NOT_DUE], bc_completeness_reporting_rate(t), bc_completeness_on_time_rate(t));
}

/* A district's own page of the same completeness: of the period, or of the ad hoc request,
 * whose period name (adhoc:CODE@DUE) is no value the period parameter takes. */
static void
drill_down_link(struct bc_buf *b, const struct bc_completeness *c, const struct bc_unit *u)
{
	int adhoc = c->period.cadence == BC_CADENCE_ADHOC;

	bc_buf_printf(b, "<a href=\"?type=%s&amp;%s=", c->type->name, adhoc ? "request" : "period");
	bc_buf_xml(b, adhoc ? c->period.request : c->period_name);
	bc_buf_puts(b, "&amp;under=");
	bc_buf_xml(b, u->code);
	bc_buf_puts(b, "&amp;format=html\">");
	bc_buf_xml(b, u->code);
	bc_buf_puts(b, "</a>");
}

static void
completeness_html(struct bc_buf *b, const struct bc_completeness_view *v)
{
	const char *type = v->nperiods > 0 ? v->periods[0].type->name : "";
	char day[11], received[40], title[400];
	size_t p, i;
	int k;

	bc_date_format(day, v->as_of);
	snprintf(title, sizeof(title), "Tình hình nộp báo cáo — %s: %s", type, v->under_name);
	bc_render_html_start(b, title);
	bc_buf_printf(b, "<p>As of %s (Vietnam time).</p>\n", day);
	for (p = 0; p < v->nperiods; p++) {
		const struct bc_completeness *c = &v->periods[p];

		bc_buf_printf(b, "<h2>Kỳ báo cáo / period %s</h2>\n<table class=\"totals\">"
		    "<tr><th>kind</th><th>expected</th><th>on time</th><th>late</th><th>missing</th>"
		    "<th>not due</th><th>reporting rate</th><th>on-time rate</th></tr>\n",
		    c->period_name);
		totals_html(b, "all", &c->all);
		for (k = 0; k < BC_UNIT__MAX; k++)
			if (c->by_kind[k].expected > 0)
				totals_html(b, bc_unit_kind_name((enum bc_unit_kind)k), &c->by_kind[k]);
		bc_buf_puts(b, "</table>\n<table class=\"grid\"><tr><th>code</th><th>unit</th>"
		    "<th>kind</th><th>state</th><th>deadline</th><th>revisions</th><th>filed by</th>"
		    "<th>received</th></tr>\n");
		for (i = 0; i < c->nrows; i++) {
			const struct bc_completeness_row *r = &c->rows[i];
			char deadline[11];

			bc_date_format(deadline, r->deadline);
			received_text(received, r);
			bc_buf_printf(b, "<tr class=\"%s\"><td>", bc_filing_state_name(r->state));
			if (r->unit->kind == BC_UNIT_DISTRICT)	/* drill down the hierarchy */
				drill_down_link(b, c, r->unit);
			else
				bc_buf_xml(b, r->unit->code);
			bc_buf_puts(b, "</td><td>");
			bc_buf_xml(b, r->unit->name);
			bc_buf_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%u</td><td>%s</td>"
			    "<td>%s</td></tr>\n", bc_unit_kind_name(r->unit->kind),
			    state_labels[r->state], deadline, r->revisions, r->filed_by, received);
		}
		bc_buf_puts(b, "</table>\n");
	}
	bc_render_html_end(b);
}

void
bc_render_completeness(struct bc_buf *b, enum bc_format f, const struct bc_completeness_view *v)
{
	static void (*const renderers[BC_FORMAT__MAX])(struct bc_buf *,
	    const struct bc_completeness_view *) = {
		[BC_FORMAT_XML] = completeness_xml,
		[BC_FORMAT_CSV] = completeness_csv,
		[BC_FORMAT_HTML] = completeness_html,
	};

	renderers[f](b, v);
}

/* --- the consolidated report --- */

/* Per criterion, the communes in scope meeting it as of the period's end, by source. */
static void
criteria_xml(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_recognition *r = v->criteria;
	char day[11];
	unsigned k;

	if (r == NULL)
		return;
	bc_date_format(day, v->criteria_as_of);
	bc_buf_printf(b, "<Criteria year=\"%04d\" asOf=\"%s\" criteriaSet=\"%s\" "
	    "communes=\"%zu\">\n", v->criteria_as_of.year, day, r->set->id, r->ncommunes);
	for (k = 1; k < 100; k++) {
		if (!r->set->in_set[k])
			continue;
		bc_buf_printf(b, "<Criterion number=\"%u\" communesMeeting=\"%u\"", k,
		    r->by_criterion[k]);
		bc_render_rests_on_xml(b, r->by_criterion_source[k], 0);
		bc_buf_puts(b, "/>\n");
	}
	bc_buf_puts(b, "</Criteria>\n");
}

/* A unit expected to file the period's report whose amounts are missing: past its deadline
 * with nothing covering the whole period, whether it filed nothing, a report without
 * Resources, or reports of some of its months only (then "in part"). */
static int
data_missing(const struct bc_consolidated_view *v, const struct bc_completeness_row *r)
{
	return r->state != BC_NOT_DUE && !bc_consolidated_covered(v->c, r->unit);
}

static int
missing_in_part(const struct bc_consolidated_view *v, const struct bc_completeness_row *r)
{
	return bc_consolidated_has_data(v->c, r->unit);
}

static void
consolidated_xml(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_consolidated *c = v->c;
	char amount[BC_AMOUNT_DIGITS];
	size_t i;

	/* fromMonths is the published name (schema version 1) of from_shorter: every shorter
	 * period counts there, not only months; units is per source (consolidated-1.xsd) */
	bc_amount_format(amount, c->total);
	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Consolidated xmlns=\""
	    "urn:baocao:consolidated:1\" reportType=\"%s\" period=\"%s\" under=\"%s\">\n"
	    "<Resources total=\"%s\" fromMonths=\"%u\">\n", v->type, v->period, v->under,
	    amount, c->from_shorter);
	for (i = 0; i < c->nsources; i++) {
		bc_amount_format(amount, c->sources[i].amount);
		bc_buf_printf(b, "<Source source=\"%s\" amount=\"%s\" units=\"%u\"/>\n",
		    c->sources[i].source, amount, c->sources[i].units);
	}
	bc_buf_puts(b, "</Resources>\n");
	for (i = 0; i < c->nindicators; i++) {
		const struct bc_indicator_total *t = &c->indicators[i];

		bc_buf_printf(b, "<Indicator code=\"%s\" unit=\"", t->code);
		bc_buf_xml(b, t->unit);
		bc_buf_printf(b, "\" count=\"%u\" sum=\"%.4f\" min=\"%.4f\" max=\"%.4f\" "
		    "mean=\"%.4f\"/>\n", t->count, t->sum, t->min, t->max, t->sum / t->count);
	}
	bc_buf_printf(b, "<Nominations individuals=\"%u\" leaders=\"%u\">\n", c->individuals,
	    c->leaders);
	for (i = 0; i < BC_CONSOLIDATE_CATEGORIES && c->categories[i].category != NULL; i++) {
		bc_buf_printf(b, "<Category category=\"%s\" nominated=\"%u\"",
		    c->categories[i].category, c->categories[i].nominated);
		if (c->categories[i].quota >= 0)
			bc_buf_printf(b, " quota=\"%d\"", c->categories[i].quota);
		bc_buf_puts(b, "/>\n");
	}
	for (i = 0; i < c->nbreaches; i++) {
		bc_buf_puts(b, "<Breach>");
		bc_buf_xml(b, c->breaches[i]);
		bc_buf_puts(b, "</Breach>\n");
	}
	bc_buf_puts(b, "</Nominations>\n");
	criteria_xml(b, v);
	for (i = 0; i < v->completeness->nrows; i++) {
		const struct bc_completeness_row *r = &v->completeness->rows[i];

		if (!data_missing(v, r))
			continue;
		bc_buf_printf(b, "<Missing code=\"%s\" kind=\"%s\" name=\"", r->unit->code,
		    bc_unit_kind_name(r->unit->kind));
		bc_buf_xml(b, r->unit->name);
		bc_buf_puts(b, missing_in_part(v, r) ? "\" inPart=\"true\"/>\n" : "\"/>\n");
	}
	bc_buf_puts(b, "</Consolidated>\n");
}

/* One (section, item, value) row. */
static void
csv_row(struct bc_buf *b, const char *section, const char *item, const char *value)
{
	bc_render_csv(b, section, 0);
	bc_render_csv(b, item, 0);
	bc_render_csv(b, value, 1);
}

static void
criteria_csv(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_recognition *r = v->criteria;
	char item[64], value[64];
	unsigned k;
	int s;

	if (r == NULL)
		return;
	snprintf(value, sizeof(value), "%zu", r->ncommunes);
	csv_row(b, "criteria", "communes", value);
	for (k = 1; k < 100; k++) {
		if (!r->set->in_set[k])
			continue;
		snprintf(item, sizeof(item), "criterion %u", k);
		snprintf(value, sizeof(value), "%u", r->by_criterion[k]);
		csv_row(b, "criteria", item, value);
		for (s = BC_SOURCE__MAX - 1; s > BC_SOURCE_NONE; s--) {	/* the XML's names */
			snprintf(value, sizeof(value), "%u", r->by_criterion_source[k][s]);
			csv_row(b, rests_on_attrs[s], item, value);
		}
	}
}

/* An indicator's aggregates as CSV and HTML show them, in this order, with the figures of
 * the XML (four decimals). */
static const char *const indicator_stats[] = { "count", "sum", "min", "max", "mean" };
#define INDICATOR_STATS (sizeof(indicator_stats) / sizeof(indicator_stats[0]))

static void
indicator_figures(const struct bc_indicator_total *t, char out[INDICATOR_STATS][40])
{
	snprintf(out[0], sizeof(out[0]), "%u", t->count);
	snprintf(out[1], sizeof(out[1]), "%.4f", t->sum);
	snprintf(out[2], sizeof(out[2]), "%.4f", t->min);
	snprintf(out[3], sizeof(out[3]), "%.4f", t->max);
	snprintf(out[4], sizeof(out[4]), "%.4f", t->sum / t->count);
}

/* One table of (section, item, value) rows: what a spreadsheet user filters and pivots. */
static void
consolidated_csv(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_consolidated *c = v->c;
	char value[64];
	size_t i;

	bc_buf_puts(b, "\xef\xbb\xbf");
	csv_row(b, "section", "item", "value");
	for (i = 0; i < c->nsources; i++) {
		bc_amount_format(value, c->sources[i].amount);
		csv_row(b, "resources", c->sources[i].source, value);
		snprintf(value, sizeof(value), "%u", c->sources[i].units);
		csv_row(b, "resources units", c->sources[i].source, value);
	}
	bc_amount_format(value, c->total);
	csv_row(b, "resources", "total", value);
	snprintf(value, sizeof(value), "%u", c->from_shorter);
	csv_row(b, "resources", "units from shorter periods", value);
	for (i = 0; i < c->nindicators; i++) {
		char figures[INDICATOR_STATS][40], section[32], item[128];
		size_t k;

		indicator_figures(&c->indicators[i], figures);
		snprintf(item, sizeof(item), "%s (%s)", c->indicators[i].code, c->indicators[i].unit);
		for (k = 0; k < INDICATOR_STATS; k++) {
			snprintf(section, sizeof(section), "indicator %s", indicator_stats[k]);
			csv_row(b, section, item, figures[k]);
		}
	}
	snprintf(value, sizeof(value), "%u", c->individuals);
	csv_row(b, "nominations", "individuals", value);
	snprintf(value, sizeof(value), "%u", c->leaders);
	csv_row(b, "nominations", "leaders", value);
	for (i = 0; i < BC_CONSOLIDATE_CATEGORIES && c->categories[i].category != NULL; i++) {
		snprintf(value, sizeof(value), "%u", c->categories[i].nominated);
		csv_row(b, "nominations", c->categories[i].category, value);
		if (c->categories[i].quota < 0)
			continue;	/* a category without a quota */
		snprintf(value, sizeof(value), "%d", c->categories[i].quota);
		csv_row(b, "nominations quota", c->categories[i].category, value);
	}
	for (i = 0; i < c->nbreaches; i++)
		csv_row(b, "breach", c->breaches[i], "");
	criteria_csv(b, v);
	for (i = 0; i < v->completeness->nrows; i++)
		if (data_missing(v, &v->completeness->rows[i]))
			csv_row(b, missing_in_part(v, &v->completeness->rows[i]) ? "missing in part" :
			    "missing", v->completeness->rows[i].unit->code,
			    v->completeness->rows[i].unit->name);
}

static void
criteria_html(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_recognition *r = v->criteria;
	char day[11];
	unsigned k;

	if (r == NULL)
		return;
	bc_date_format(day, v->criteria_as_of);
	bc_buf_printf(b, "<h2>Tình trạng tiêu chí / criteria status as of %s</h2>\n<table "
	    "class=\"criteria\"><tr><th>criterion</th><th>communes meeting it</th>"
	    "<th>rests on</th></tr>\n", day);
	for (k = 1; k < 100; k++) {
		if (!r->set->in_set[k])
			continue;
		bc_render_criterion_html(b, r, k);
		bc_buf_puts(b, "</tr>\n");
	}
	bc_buf_puts(b, "</table>\n");
}

static void
indicators_html(struct bc_buf *b, const struct bc_consolidated *c)
{
	char figures[INDICATOR_STATS][40];
	size_t i, k;

	if (c->nindicators == 0)
		return;
	bc_buf_puts(b, "<h2>Chỉ tiêu / indicators</h2>\n<table><tr><th>indicator</th>"
	    "<th>unit</th>");
	for (k = 0; k < INDICATOR_STATS; k++)
		bc_buf_printf(b, "<th>%s</th>", indicator_stats[k]);
	bc_buf_puts(b, "</tr>\n");
	for (i = 0; i < c->nindicators; i++) {
		indicator_figures(&c->indicators[i], figures);
		bc_buf_puts(b, "<tr><td>");
		bc_buf_xml(b, c->indicators[i].code);
		bc_buf_puts(b, "</td><td>");
		bc_buf_xml(b, c->indicators[i].unit);
		bc_buf_puts(b, "</td>");
		for (k = 0; k < INDICATOR_STATS; k++)
			bc_buf_printf(b, "<td class=\"n\">%s</td>", figures[k]);
		bc_buf_puts(b, "</tr>\n");
	}
	bc_buf_puts(b, "</table>\n");
}

static void
consolidated_html(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_consolidated *c = v->c;
	char title[400], amount[BC_AMOUNT_DIGITS];
	size_t i;

	snprintf(title, sizeof(title), "Báo cáo tổng hợp / consolidated report: %s, %s, %s",
	    v->type, v->under_name, v->period);
	bc_render_html_start(b, title);
	bc_buf_puts(b, "<h2>Nguồn lực huy động / resources (VND)</h2>\n<table><tr><th>source</th>"
	    "<th>amount</th><th>units</th></tr>\n");
	for (i = 0; i < c->nsources; i++) {
		bc_amount_format(amount, c->sources[i].amount);
		bc_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%u</td>"
		    "</tr>\n", c->sources[i].source, amount, c->sources[i].units);
	}
	bc_amount_format(amount, c->total);
	bc_buf_printf(b, "<tr><th>total</th><th class=\"n\">%s</th><th></th></tr></table>\n"
	    "<p>%u units' amounts from reports of shorter periods (months or quarters standing in "
	    "for the period).</p>\n", amount, c->from_shorter);
	indicators_html(b, c);
	bc_buf_printf(b, "<h2>Khen thưởng / nominations</h2>\n<p>%u individuals, %u of them "
	    "leaders.</p>\n<table><tr><th>category</th><th>nominated</th><th>quota</th></tr>\n",
	    c->individuals, c->leaders);
	for (i = 0; i < BC_CONSOLIDATE_CATEGORIES && c->categories[i].category != NULL; i++) {
		if (c->categories[i].quota >= 0)
			bc_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%d"
			    "</td></tr>\n", c->categories[i].category, c->categories[i].nominated,
			    c->categories[i].quota);
		else
			bc_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%u</td><td>—</td></tr>\n",
			    c->categories[i].category, c->categories[i].nominated);
	}
	bc_buf_puts(b, "</table>\n");
	for (i = 0; i < c->nbreaches; i++) {
		bc_buf_puts(b, "<p class=\"breach\">");
		bc_buf_xml(b, c->breaches[i]);
		bc_buf_puts(b, "</p>\n");
	}
	criteria_html(b, v);
	bc_buf_puts(b, "<h2>Thiếu số liệu / data missing</h2>\n<ul>");
	for (i = 0; i < v->completeness->nrows; i++)
		if (data_missing(v, &v->completeness->rows[i])) {
			bc_buf_printf(b, "<li>%s ", v->completeness->rows[i].unit->code);
			bc_buf_xml(b, v->completeness->rows[i].unit->name);
			bc_buf_puts(b, missing_in_part(v, &v->completeness->rows[i]) ?
			    " (in part)</li>" : "</li>");
		}
	bc_buf_puts(b, "</ul>\n");
	bc_render_html_end(b);
}

void
bc_render_consolidated(struct bc_buf *b, enum bc_format f, const struct bc_consolidated_view *v)
{
	static void (*const renderers[BC_FORMAT__MAX])(struct bc_buf *,
	    const struct bc_consolidated_view *) = {
		[BC_FORMAT_XML] = consolidated_xml,
		[BC_FORMAT_CSV] = consolidated_csv,
		[BC_FORMAT_HTML] = consolidated_html,
	};

	renderers[f](b, v);
}
