/*
 * render_report — writes the office's resources as XML, CSV and HTML from the same data, one
 * function per format and a table to pick it, so the three never disagree on a figure.
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

/* A CSV field: quoted, quotes doubled (RFC 4180). */
static void
csv(struct bc_buf *b, const char *s, int last)
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
		csv(b, header[h], h + 1 == sizeof(header) / sizeof(header[0]));
	for (p = 0; p < v->nperiods; p++) {
		for (i = 0; i < v->periods[p].nrows; i++) {
			const struct bc_completeness_row *r = &v->periods[p].rows[i];

			bc_date_format(day, r->deadline);
			snprintf(revisions, sizeof(revisions), "%u", r->revisions);
			received_text(received, r);
			csv(b, v->periods[p].period_name, 0);
			csv(b, r->unit->code, 0);
			csv(b, bc_unit_kind_name(r->unit->kind), 0);
			csv(b, r->unit->name, 0);
			csv(b, r->unit->parent, 0);
			csv(b, bc_filing_state_name(r->state), 0);
			csv(b, day, 0);
			csv(b, revisions, 0);
			csv(b, r->document_id, 0);
			csv(b, r->filed_by, 0);
			csv(b, received, 1);
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

static void
completeness_html(struct bc_buf *b, const struct bc_completeness_view *v)
{
	const char *type = v->nperiods > 0 ? v->periods[0].type->name : "";
	char day[11], received[40];
	size_t p, i;
	int k;

	bc_date_format(day, v->as_of);
	bc_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	    "<title>Tình hình nộp báo cáo — ");
	bc_buf_xml(b, type);
	bc_buf_puts(b, "</title><style>"
	    "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:1em 0}"
	    "th,td{border:1px solid #999;padding:.25em .5em;text-align:left}"
	    ".on-time{background:#c8e6c9}.late{background:#ffe0b2}.missing{background:#ffcdd2}"
	    ".not-due{background:#eeeeee}.rate{font-weight:bold}"
	    "@media print{a{color:inherit;text-decoration:none}}</style></head><body>\n<h1>");
	bc_buf_xml(b, type);
	bc_buf_puts(b, ": ");
	bc_buf_xml(b, v->under_name);
	bc_buf_printf(b, "</h1>\n<p>As of %s (Vietnam time).</p>\n", day);
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
				bc_buf_printf(b, "<a href=\"?type=%s&amp;period=%s&amp;under=%s&amp;"
				    "format=html\">%s</a>", c->type->name, c->period_name, r->unit->code,
				    r->unit->code);
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
	bc_buf_puts(b, "</body></html>\n");
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

/* --- recognition --- */

static const struct bc_area_status *
area_before(const struct bc_recognition_view *v, const struct bc_area_status *a)
{
	size_t i;

	if (a == &v->now->province)
		return &v->before->province;
	for (i = 0; i < v->before->ndistricts; i++)
		if (strcmp(v->before->districts[i].unit->code, a->unit->code) == 0)
			return &v->before->districts[i];
	return NULL;
}

static unsigned
criteria_before(const struct bc_recognition_view *v, const struct bc_commune_status *c)
{
	size_t i;

	for (i = 0; i < v->before->ncommunes; i++)
		if (strcmp(v->before->communes[i].unit->code, c->unit->code) == 0)
			return v->before->communes[i].met_count;
	return 0;
}

static void
met_list(struct bc_buf *b, const struct bc_commune_status *c, const char *sep)
{
	const char *s = "";
	unsigned k;

	for (k = 1; k < 100; k++)
		if (c->met[k]) {
			bc_buf_printf(b, "%s%u", s, k);
			s = sep;
		}
}

static void
area_xml(struct bc_buf *b, const char *element, const struct bc_recognition_view *v,
    const struct bc_area_status *a, double threshold)
{
	const struct bc_area_status *was = area_before(v, a);

	bc_buf_printf(b, "<%s code=\"%s\" name=\"", element, a->unit->code);
	bc_buf_xml(b, a->unit->name);
	bc_buf_printf(b, "\" members=\"%u\" meeting=\"%u\" share=\"%.1f\" threshold=\"%.1f\" "
	    "meetsStandard=\"%s\" averageCriteria=\"%.2f\" below15=\"%u\" below12=\"%u\" "
	    "averageCriteriaChange=\"%.2f\" meetingChange=\"%d\"/>\n", a->members, a->meeting,
	    a->share, threshold, a->meets_standard ? "true" : "false", a->average_criteria,
	    a->below_15, a->below_12, a->average_criteria - (was != NULL ? was->average_criteria : 0),
	    (int)a->meeting - (int)(was != NULL ? was->meeting : 0));
}

static void
recognition_xml(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	size_t i;
	unsigned k;

	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Recognition xmlns=\"urn:baocao:ntm-view:1\" year=\"%04d\" under=\"%s\" "
	    "criteriaSet=\"%s\" criteria=\"%u\">\n", v->year, v->under, r->set->id, r->set->count);
	if (r->province.unit != NULL)
		area_xml(b, "Province", v, &r->province, v->province_threshold);
	for (i = 0; i < r->ndistricts; i++)
		area_xml(b, "District", v, &r->districts[i], v->district_threshold);
	for (i = 0; i < r->ncommunes; i++) {
		const struct bc_commune_status *c = &r->communes[i];

		bc_buf_printf(b, "<Commune code=\"%s\" name=\"", c->unit->code);
		bc_buf_xml(b, c->unit->name);
		bc_buf_printf(b, "\" district=\"%s\" criteriaMet=\"%u\" met=\"", c->unit->parent,
		    c->met_count);
		met_list(b, c, " ");
		bc_buf_printf(b, "\" meetsStandard=\"%s\" restsOn=\"%s\" previousCriteriaMet=\"%u\"",
		    c->meets_standard ? "true" : "false", bc_source_name(c->rests_on),
		    criteria_before(v, c));
		if (c->tier[0] != '\0') {
			bc_buf_puts(b, " tier=\"");
			bc_buf_xml(b, c->tier);
			bc_buf_puts(b, "\" decision=\"");
			bc_buf_xml(b, c->decision);
			bc_buf_puts(b, "\"");
		}
		bc_buf_puts(b, "/>\n");
	}
	for (k = 1; k < 100; k++)
		if (r->set->in_set[k])
			bc_buf_printf(b, "<Criterion number=\"%u\" communesMeeting=\"%u\"/>\n", k,
			    r->by_criterion[k]);
	bc_buf_puts(b, "</Recognition>\n");
}

static void
recognition_csv(struct bc_buf *b, const struct bc_recognition_view *v)
{
	static const char *const header[] = { "year", "code", "name", "district", "criteria_met",
	    "met", "meets_standard", "rests_on", "tier", "previous_criteria_met" };
	const struct bc_recognition *r = v->now;
	char year[8], count[16], before[16];
	struct bc_buf met = { 0 };
	size_t i, h;

	bc_buf_puts(b, "\xef\xbb\xbf");
	for (h = 0; h < sizeof(header) / sizeof(header[0]); h++)
		csv(b, header[h], h + 1 == sizeof(header) / sizeof(header[0]));
	snprintf(year, sizeof(year), "%04d", v->year);
	for (i = 0; i < r->ncommunes; i++) {
		const struct bc_commune_status *c = &r->communes[i];

		bc_buf_reset(&met);
		met_list(&met, c, " ");
		snprintf(count, sizeof(count), "%u", c->met_count);
		snprintf(before, sizeof(before), "%u", criteria_before(v, c));
		csv(b, year, 0);
		csv(b, c->unit->code, 0);
		csv(b, c->unit->name, 0);
		csv(b, c->unit->parent, 0);
		csv(b, count, 0);
		csv(b, met.data != NULL ? met.data : "", 0);
		csv(b, c->meets_standard ? "yes" : "no", 0);
		csv(b, bc_source_name(c->rests_on), 0);
		csv(b, c->tier, 0);
		csv(b, before, 1);
	}
	bc_buf_free(&met);
}

static void
area_html(struct bc_buf *b, const struct bc_area_status *a, double threshold)
{
	bc_buf_puts(b, "<tr><td>");
	bc_buf_xml(b, a->unit->name);
	bc_buf_printf(b, "</td><td>%u / %u</td><td><div class=\"bar\"><div style=\"width:%.0f%%\">"
	    "</div></div>%.1f%% (≥ %.0f%%)</td><td class=\"%s\">%s</td><td>%.2f</td><td>%u</td>"
	    "<td>%u</td></tr>\n", a->meeting, a->members, a->share, a->share, threshold,
	    a->meets_standard ? "yes" : "no", a->meets_standard ? "Đạt chuẩn / meets" :
	    "Chưa đạt / not yet", a->average_criteria, a->below_15, a->below_12);
}

static void
recognition_html(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	size_t i;

	bc_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	    "<title>Nông thôn mới %04d</title><style>body{font-family:sans-serif;margin:1.5em}"
	    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;"
	    "padding:.25em .5em;text-align:left}.bar{display:inline-block;width:120px;height:.8em;"
	    "background:#eee;margin-right:.5em}.bar div{height:100%%;background:#2e7d32}"
	    ".yes{background:#c8e6c9}.no{background:#ffcdd2}</style></head><body>\n"
	    "<h1>Xây dựng nông thôn mới %04d</h1>\n<p>Bộ tiêu chí / criteria set %s (%u tiêu chí)."
	    "</p>\n<table><tr><th>area</th><th>meeting the standard</th><th>share</th>"
	    "<th>standard</th><th>average criteria</th><th>below 15</th><th>below 12</th></tr>\n",
	    v->year, v->year, r->set->id, r->set->count);
	if (r->province.unit != NULL)
		area_html(b, &r->province, v->province_threshold);
	for (i = 0; i < r->ndistricts; i++)
		area_html(b, &r->districts[i], v->district_threshold);
	bc_buf_puts(b, "</table>\n<table><tr><th>code</th><th>commune</th><th>criteria met</th>"
	    "<th>standard</th><th>rests on</th><th>tier</th></tr>\n");
	for (i = 0; i < r->ncommunes; i++) {
		const struct bc_commune_status *c = &r->communes[i];

		bc_buf_printf(b, "<tr><td>%s</td><td>", c->unit->code);
		bc_buf_xml(b, c->unit->name);
		bc_buf_printf(b, "</td><td><div class=\"bar\"><div style=\"width:%.0f%%\"></div>"
		    "</div>%u/%u</td><td class=\"%s\">%s</td><td>%s</td><td>",
		    r->set->count ? 100.0 * c->met_count / r->set->count : 0, c->met_count,
		    r->set->count, c->meets_standard ? "yes" : "no",
		    c->meets_standard ? "Đạt / meets" : "Chưa đạt / not yet",
		    bc_source_name(c->rests_on));
		bc_buf_xml(b, c->tier);
		bc_buf_puts(b, "</td></tr>\n");
	}
	bc_buf_puts(b, "</table>\n</body></html>\n");
}

void
bc_render_recognition(struct bc_buf *b, enum bc_format f, const struct bc_recognition_view *v)
{
	static void (*const renderers[BC_FORMAT__MAX])(struct bc_buf *,
	    const struct bc_recognition_view *) = {
		[BC_FORMAT_XML] = recognition_xml,
		[BC_FORMAT_CSV] = recognition_csv,
		[BC_FORMAT_HTML] = recognition_html,
	};

	renderers[f](b, v);
}

/* --- the consolidated report --- */

static void
consolidated_xml(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_consolidated *c = v->c;
	size_t i;

	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Consolidated xmlns=\""
	    "urn:baocao:consolidated:1\" reportType=\"%s\" period=\"%s\" under=\"%s\">\n"
	    "<Resources total=\"%llu\" fromMonths=\"%u\">\n", v->type, v->period, v->under,
	    c->total, c->from_months);
	for (i = 0; i < c->nsources; i++)
		bc_buf_printf(b, "<Source source=\"%s\" amount=\"%llu\" units=\"%u\"/>\n",
		    c->sources[i].source, c->sources[i].amount, c->sources[i].units);
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
	for (i = 0; i < v->completeness->nrows; i++) {
		const struct bc_completeness_row *r = &v->completeness->rows[i];

		if (r->state != BC_MISSING || bc_consolidated_has_data(c, r->unit))
			continue;
		bc_buf_printf(b, "<Missing code=\"%s\" kind=\"%s\" name=\"", r->unit->code,
		    bc_unit_kind_name(r->unit->kind));
		bc_buf_xml(b, r->unit->name);
		bc_buf_puts(b, "\"/>\n");
	}
	bc_buf_puts(b, "</Consolidated>\n");
}

/* One table of (section, item, value) rows: what a spreadsheet user filters and pivots. */
static void
consolidated_csv(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_consolidated *c = v->c;
	char value[64];
	size_t i;

	bc_buf_puts(b, "\xef\xbb\xbf");
	csv(b, "section", 0);
	csv(b, "item", 0);
	csv(b, "value", 1);
	for (i = 0; i < c->nsources; i++) {
		snprintf(value, sizeof(value), "%llu", c->sources[i].amount);
		csv(b, "resources", 0);
		csv(b, c->sources[i].source, 0);
		csv(b, value, 1);
	}
	snprintf(value, sizeof(value), "%llu", c->total);
	csv(b, "resources", 0);
	csv(b, "total", 0);
	csv(b, value, 1);
	for (i = 0; i < c->nindicators; i++) {
		snprintf(value, sizeof(value), "%.4f", c->indicators[i].sum / c->indicators[i].count);
		csv(b, "indicator mean", 0);
		csv(b, c->indicators[i].code, 0);
		csv(b, value, 1);
	}
	for (i = 0; i < BC_CONSOLIDATE_CATEGORIES && c->categories[i].category != NULL; i++) {
		snprintf(value, sizeof(value), "%u", c->categories[i].nominated);
		csv(b, "nominations", 0);
		csv(b, c->categories[i].category, 0);
		csv(b, value, 1);
	}
	for (i = 0; i < c->nbreaches; i++) {
		csv(b, "breach", 0);
		csv(b, c->breaches[i], 0);
		csv(b, "", 1);
	}
	for (i = 0; i < v->completeness->nrows; i++)
		if (v->completeness->rows[i].state == BC_MISSING &&
		    !bc_consolidated_has_data(c, v->completeness->rows[i].unit)) {
			csv(b, "missing", 0);
			csv(b, v->completeness->rows[i].unit->code, 0);
			csv(b, v->completeness->rows[i].unit->name, 1);
		}
}

static void
consolidated_html(struct bc_buf *b, const struct bc_consolidated_view *v)
{
	const struct bc_consolidated *c = v->c;
	size_t i;

	bc_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	    "<title>Báo cáo tổng hợp %s</title><style>body{font-family:sans-serif;margin:1.5em}"
	    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;"
	    "padding:.25em .5em}td.n{text-align:right}.breach{color:#b71c1c}</style></head><body>\n"
	    "<h1>Báo cáo tổng hợp / consolidated report: %s, ", v->period, v->type);
	bc_buf_xml(b, v->under_name);
	bc_buf_printf(b, ", %s</h1>\n<h2>Nguồn lực huy động / resources (VND)</h2>\n<table>", v->period);
	for (i = 0; i < c->nsources; i++)
		bc_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%llu</td></tr>\n",
		    c->sources[i].source, c->sources[i].amount);
	bc_buf_printf(b, "<tr><th>total</th><th class=\"n\">%llu</th></tr></table>\n"
	    "<h2>Khen thưởng / nominations</h2>\n<table><tr><th>category</th><th>nominated</th>"
	    "<th>quota</th></tr>\n", c->total);
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
	bc_buf_puts(b, "<h2>Chưa nộp / missing</h2>\n<ul>");
	for (i = 0; i < v->completeness->nrows; i++)
		if (v->completeness->rows[i].state == BC_MISSING &&
		    !bc_consolidated_has_data(c, v->completeness->rows[i].unit)) {
			bc_buf_printf(b, "<li>%s ", v->completeness->rows[i].unit->code);
			bc_buf_xml(b, v->completeness->rows[i].unit->name);
			bc_buf_puts(b, "</li>");
		}
	bc_buf_puts(b, "</ul>\n</body></html>\n");
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
