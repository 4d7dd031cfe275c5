/*
 * render_ntm — GET /api/v1/ntm (recognition and progress) as XML (ntm-1.xsd), CSV and HTML,
 * from one view, so the three never disagree on a figure. Every figure names what it rests on:
 * a commune's criteria the source and document deciding each, an area's figures how many of
 * its communes rest on each source, a change the year before, a target when it was set, a
 * department's report its DocumentId. It has its own file because it is the largest of the
 * office's resources; the formats table and the pieces the renderers share are in
 * render_report.c.
 */
#include <stdio.h>
#include <string.h>

#include "baocao/render.h"
#include "baocao/render_report.h"

/* --- what the three forms share --- */

static const struct bc_area_status *
area_before(const struct bc_recognition_view *v, const struct bc_area_status *a)
{
	size_t i;

	if (a == &v->now->province)
		return v->before->province.with_status > 0 ? &v->before->province : NULL;
	for (i = 0; i < v->before->ndistricts; i++)
		if (strcmp(v->before->districts[i].unit->code, a->unit->code) == 0)
			return v->before->districts[i].with_status > 0 ? &v->before->districts[i] : NULL;
	return NULL;
}

/* The commune's status a year before, or NULL when nothing was reported on it then. */
static const struct bc_commune_status *
commune_before(const struct bc_recognition_view *v, const struct bc_commune_status *c)
{
	size_t i;

	for (i = 0; i < v->before->ncommunes; i++)
		if (strcmp(v->before->communes[i].unit->code, c->unit->code) == 0)
			return v->before->communes[i].rests_on != BC_SOURCE_NONE ?
			    &v->before->communes[i] : NULL;
	return NULL;
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

/* "verification 2, self-assessment 1, progress-report 0, none 1" */
static void
rests_on_text(char *out, size_t size, const unsigned counts[BC_SOURCE__MAX])
{
	snprintf(out, size, "%s %u, %s %u, %s %u, %s %u", bc_source_name(BC_SOURCE_VERIFICATION),
	    counts[BC_SOURCE_VERIFICATION], bc_source_name(BC_SOURCE_SELF), counts[BC_SOURCE_SELF],
	    bc_source_name(BC_SOURCE_PROGRESS), counts[BC_SOURCE_PROGRESS],
	    bc_source_name(BC_SOURCE_NONE), counts[BC_SOURCE_NONE]);
}

/* "since 2018-05-01 (stated)" or "since 2019-02-01 (period 2019-02)" */
static void
since_text(char *out, size_t size, const struct bc_commune_status *c, unsigned k)
{
	char day[11];

	bc_date_format(day, c->since[k]);
	if (c->since_from[k] == BC_SINCE_STATED)
		snprintf(out, size, "%s (stated)", day);
	else
		snprintf(out, size, "%s (period %s)", day, c->since_period[k]);
}

/* The departments answering for criterion k, one after the other: *i starts at 0. */
static const struct bc_responsible *
responsible_for(const struct bc_recognition_view *v, unsigned k, size_t *i)
{
	for (; *i < v->nresponsible; (*i)++)
		if (v->responsible[*i].criterion == k)
			return &v->responsible[(*i)++];
	return NULL;
}

/* --- XML --- */

/* The area's start tag, without its end: the province holds its targets. */
static void
area_xml(struct bc_buf *b, const char *element, const struct bc_recognition_view *v,
    const struct bc_area_status *a, double threshold)
{
	const struct bc_area_status *was = area_before(v, a);

	bc_buf_printf(b, "<%s code=\"%s\" name=\"", element, a->unit->code);
	bc_buf_xml(b, a->unit->name);
	bc_buf_printf(b, "\" members=\"%u\" meeting=\"%u\" share=\"%.1f\" threshold=\"%.1f\" "
	    "meetsStandard=\"%s\" averageCriteria=\"%.2f\" below15=\"%u\" below12=\"%u\" "
	    "communes=\"%u\" communesMeeting=\"%u\"", a->members, a->meeting, a->share, threshold,
	    a->meets_standard ? "true" : "false", a->average_criteria, a->below_15, a->below_12,
	    a->communes, a->communes_meeting);
	if (was != NULL)
		bc_buf_printf(b, " previousMeeting=\"%u\" meetingChange=\"%d\" "
		    "previousAverageCriteria=\"%.2f\" averageCriteriaChange=\"%.2f\"", was->meeting,
		    (int)a->meeting - (int)was->meeting, was->average_criteria,
		    a->average_criteria - was->average_criteria);
	bc_render_rests_on_xml(b, a->rests_on, 1);
}

static void
targets_xml(struct bc_buf *b, const struct bc_recognition_view *v)
{
	char target[32], achieved[32], set_at[40];
	size_t i;

	for (i = 0; i < v->ntargets; i++) {
		const struct bc_target_progress *p = &v->targets[i];

		bc_render_number(target, p->target.value);
		bc_render_number(achieved, p->achieved);
		bc_render_vietnam_time(set_at, p->target.set_us);
		bc_buf_printf(b, "<Target measure=\"%s\"", bc_target_measure_name(p->target.measure));
		if (p->target.criteria > 0)
			bc_buf_printf(b, " criteria=\"%u\"", p->target.criteria);
		bc_buf_printf(b, " year=\"%04d\" target=\"%s\" achieved=\"%s\" progress=\"%.1f\" "
		    "reached=\"%s\" setAt=\"%s\"/>\n", p->target.year, target, achieved, p->progress,
		    p->reached ? "true" : "false", set_at);
	}
}

static void
met_xml(struct bc_buf *b, const struct bc_commune_status *c)
{
	char day[11];
	unsigned k;

	for (k = 1; k < 100; k++) {
		if (!c->met[k])
			continue;
		bc_date_format(day, c->since[k]);
		bc_buf_printf(b, "<Met number=\"%u\" restsOn=\"%s\" documentId=\"", k,
		    bc_source_name((enum bc_source)c->source[k]));
		bc_buf_xml(b, c->document[k]);
		bc_buf_printf(b, "\" since=\"%s\" sinceFrom=\"%s\"", day,
		    bc_since_name((enum bc_since)c->since_from[k]));
		if (c->since_from[k] == BC_SINCE_PERIOD)
			bc_buf_printf(b, " sincePeriod=\"%s\"", c->since_period[k]);
		bc_buf_puts(b, "/>\n");
	}
}

static void
commune_xml(struct bc_buf *b, const struct bc_recognition_view *v,
    const struct bc_commune_status *c)
{
	const struct bc_commune_status *was = commune_before(v, c);

	bc_buf_printf(b, "<Commune code=\"%s\" name=\"", c->unit->code);
	bc_buf_xml(b, c->unit->name);
	bc_buf_printf(b, "\" district=\"%s\" criteriaMet=\"%u\" met=\"", c->unit->parent,
	    c->met_count);
	met_list(b, c, " ");
	bc_buf_printf(b, "\" meetsStandard=\"%s\" restsOn=\"%s\"",
	    c->meets_standard ? "true" : "false", bc_source_name(c->rests_on));
	if (was != NULL)
		bc_buf_printf(b, " previousCriteriaMet=\"%u\"", was->met_count);
	if (c->tier[0] != '\0') {
		bc_buf_puts(b, " tier=\"");
		bc_buf_xml(b, c->tier);
		bc_buf_puts(b, "\" decision=\"");
		bc_buf_xml(b, c->decision);
		bc_buf_puts(b, "\"");
	}
	bc_buf_puts(b, ">\n");
	met_xml(b, c);
	bc_buf_puts(b, "</Commune>\n");
}

static void
responsible_xml(struct bc_buf *b, const struct bc_recognition_view *v, unsigned k)
{
	const struct bc_responsible *d;
	char received[40];
	size_t i = 0;

	while ((d = responsible_for(v, k, &i)) != NULL) {
		bc_buf_printf(b, "<Responsible code=\"%s\" name=\"", d->unit);
		bc_buf_xml(b, d->name);
		bc_buf_puts(b, "\">");
		if (d->has_report) {
			bc_render_vietnam_time(received, d->received_us);
			bc_buf_printf(b, "<LatestReport reportType=\"%s\" period=\"%s\" documentId="
			    "\"%s\" receivedAt=\"%s\" communesStated=\"%u\" communesMet=\"%u\"/>",
			    d->report_type, d->period, d->document_id, received, d->communes_stated,
			    d->communes_met);
		}
		bc_buf_puts(b, "</Responsible>\n");
	}
}

static void
criteria_xml(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	unsigned k;

	for (k = 1; k < 100; k++) {
		if (!r->set->in_set[k])
			continue;
		bc_buf_printf(b, "<Criterion number=\"%u\" communesMeeting=\"%u\"", k,
		    r->by_criterion[k]);
		bc_render_rests_on_xml(b, r->by_criterion_source[k], 0);
		bc_buf_puts(b, ">\n");
		responsible_xml(b, v, k);
		bc_buf_puts(b, "</Criterion>\n");
	}
}

static void
recognition_xml(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	size_t i;

	bc_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Recognition xmlns=\"urn:baocao:ntm-view:1\" year=\"%04d\" under=\"%s\" "
	    "criteriaSet=\"%s\" criteria=\"%u\">\n", v->year, v->under, r->set->id, r->set->count);
	if (r->province.unit != NULL) {
		area_xml(b, "Province", v, &r->province, v->province_threshold);
		bc_buf_puts(b, ">\n");
		targets_xml(b, v);
		bc_buf_puts(b, "</Province>\n");
	}
	for (i = 0; i < r->ndistricts; i++) {
		area_xml(b, "District", v, &r->districts[i], v->district_threshold);
		bc_buf_puts(b, "/>\n");
	}
	for (i = 0; i < r->ncommunes; i++)
		commune_xml(b, v, &r->communes[i]);
	criteria_xml(b, v);
	bc_buf_puts(b, "</Recognition>\n");
}

/* --- CSV: one figure a row, with what it rests on --- */

struct csv_unit {
	const char *section, *code, *name, *parent;
};

static void
csv_figure(struct bc_buf *b, const struct bc_recognition_view *v, const struct csv_unit *u,
    const char *item, const char *value, const char *source)
{
	char year[8];

	snprintf(year, sizeof(year), "%04d", v->year);
	bc_render_csv(b, year, 0);
	bc_render_csv(b, u->section, 0);
	bc_render_csv(b, u->code, 0);
	bc_render_csv(b, u->name, 0);
	bc_render_csv(b, u->parent, 0);
	bc_render_csv(b, item, 0);
	bc_render_csv(b, value, 0);
	bc_render_csv(b, source, 1);
}

static void
area_csv(struct bc_buf *b, const struct bc_recognition_view *v, const char *section,
    const struct bc_area_status *a, double threshold)
{
	const struct bc_area_status *was = area_before(v, a);
	struct csv_unit u = { section, a->unit->code, a->unit->name, a->unit->parent };
	char value[64], source[160], before[32];
	const struct { const char *item; double value; int whole; } figures[] = {
		{ "members", a->members, 1 }, { "meeting", a->meeting, 1 },
		{ "share", a->share, 0 }, { "threshold", threshold, 0 },
		{ "average_criteria", a->average_criteria, 0 }, { "below_15", a->below_15, 1 },
		{ "below_12", a->below_12, 1 }, { "communes", a->communes, 1 },
		{ "communes_meeting", a->communes_meeting, 1 },
	};
	size_t i;

	rests_on_text(source, sizeof(source), a->rests_on);
	for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		snprintf(value, sizeof(value), figures[i].whole ? "%.0f" : "%.2f", figures[i].value);
		csv_figure(b, v, &u, figures[i].item, value, source);
	}
	/* yes/no as a commune's row says it, so one filter finds every unit meeting it */
	csv_figure(b, v, &u, "meets_standard", a->meets_standard ? "yes" : "no", source);
	if (was == NULL)
		return;
	snprintf(before, sizeof(before), "year %04d", v->year - 1);
	snprintf(value, sizeof(value), "%u", was->meeting);
	csv_figure(b, v, &u, "previous_meeting", value, before);
	snprintf(value, sizeof(value), "%d", (int)a->meeting - (int)was->meeting);
	csv_figure(b, v, &u, "meeting_change", value, before);
	snprintf(value, sizeof(value), "%.2f", was->average_criteria);
	csv_figure(b, v, &u, "previous_average_criteria", value, before);
	snprintf(value, sizeof(value), "%.2f", a->average_criteria - was->average_criteria);
	csv_figure(b, v, &u, "average_criteria_change", value, before);
}

static void
targets_csv(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_area_status *a = &v->now->province;
	struct csv_unit u = { "target", a->unit->code, a->unit->name, a->unit->parent };
	char key[BC_TARGET_KEY_MAX], item[64], value[32], set_at[40], source[200], rests[160];
	size_t i;

	rests_on_text(rests, sizeof(rests), a->rests_on);
	for (i = 0; i < v->ntargets; i++) {
		const struct bc_target_progress *p = &v->targets[i];

		bc_target_key(key, &p->target);
		bc_render_vietnam_time(set_at, p->target.set_us);
		snprintf(item, sizeof(item), "%s:target", key);
		bc_render_number(value, p->target.value);
		snprintf(source, sizeof(source), "target for %04d set %.19s", p->target.year, set_at);
		csv_figure(b, v, &u, item, value, source);
		snprintf(item, sizeof(item), "%s:achieved", key);
		bc_render_number(value, p->achieved);
		csv_figure(b, v, &u, item, value, rests);
		snprintf(item, sizeof(item), "%s:progress", key);
		snprintf(value, sizeof(value), "%.1f", p->progress);
		csv_figure(b, v, &u, item, value, "achieved / target");
		snprintf(item, sizeof(item), "%s:reached", key);
		csv_figure(b, v, &u, item, p->reached ? "yes" : "no", "achieved / target");
	}
}

static void
commune_csv(struct bc_buf *b, const struct bc_recognition_view *v,
    const struct bc_commune_status *c, struct bc_buf *scratch)
{
	const struct bc_commune_status *was = commune_before(v, c);
	struct csv_unit u = { "commune", c->unit->code, c->unit->name, c->unit->parent };
	const char *rests = bc_source_name(c->rests_on);
	char value[64], item[32], source[120];
	unsigned k;

	snprintf(value, sizeof(value), "%u", c->met_count);
	csv_figure(b, v, &u, "criteria_met", value, rests);
	bc_buf_reset(scratch);
	met_list(scratch, c, " ");
	csv_figure(b, v, &u, "met", scratch->data != NULL ? scratch->data : "", rests);
	csv_figure(b, v, &u, "meets_standard", c->meets_standard ? "yes" : "no", rests);
	if (c->tier[0] != '\0')
		csv_figure(b, v, &u, "tier", c->tier, c->decision);
	if (was != NULL) {
		snprintf(value, sizeof(value), "%u", was->met_count);
		snprintf(source, sizeof(source), "year %04d", v->year - 1);
		csv_figure(b, v, &u, "previous_criteria_met", value, source);
	}
	for (k = 1; k < 100; k++) {
		if (!c->met[k])
			continue;
		snprintf(item, sizeof(item), "criterion %u since", k);
		bc_date_format(value, c->since[k]);
		snprintf(source, sizeof(source), "%s %s, ",
		    bc_source_name((enum bc_source)c->source[k]), c->document[k]);
		since_text(source + strlen(source), sizeof(source) - strlen(source), c, k);
		csv_figure(b, v, &u, item, value, source);
	}
}

static void
criteria_csv(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	char number[8], value[256], source[160], received[40];
	size_t i;
	unsigned k;

	for (k = 1; k < 100; k++) {
		struct csv_unit u = { "criterion", number, "", "" };

		if (!r->set->in_set[k])
			continue;
		snprintf(number, sizeof(number), "%u", k);
		snprintf(value, sizeof(value), "%u", r->by_criterion[k]);
		rests_on_text(source, sizeof(source), r->by_criterion_source[k]);
		csv_figure(b, v, &u, "communes_meeting", value, source);
	}
	for (i = 0; i < v->nresponsible; i++) {
		const struct bc_responsible *d = &v->responsible[i];
		struct csv_unit u = { "responsible", d->unit, d->name, "" };
		char item[32];

		snprintf(item, sizeof(item), "criterion %u latest report", d->criterion);
		if (!d->has_report) {
			csv_figure(b, v, &u, item, "", "no report of the year states it");
			continue;
		}
		bc_render_vietnam_time(received, d->received_us);
		snprintf(value, sizeof(value), "%s %s: %u communes stated, %u met", d->report_type,
		    d->period, d->communes_stated, d->communes_met);
		snprintf(source, sizeof(source), "%s received %s", d->document_id, received);
		csv_figure(b, v, &u, item, value, source);
	}
}

static void
recognition_csv(struct bc_buf *b, const struct bc_recognition_view *v)
{
	static const char *const header[] = { "year", "section", "code", "name", "parent", "item",
	    "value", "source" };
	const struct bc_recognition *r = v->now;
	struct bc_buf scratch = { 0 };
	size_t i, h;

	bc_buf_puts(b, "\xef\xbb\xbf");
	for (h = 0; h < sizeof(header) / sizeof(header[0]); h++)
		bc_render_csv(b, header[h], h + 1 == sizeof(header) / sizeof(header[0]));
	if (r->province.unit != NULL) {
		area_csv(b, v, "province", &r->province, v->province_threshold);
		targets_csv(b, v);
	}
	for (i = 0; i < r->ndistricts; i++)
		area_csv(b, v, "district", &r->districts[i], v->district_threshold);
	for (i = 0; i < r->ncommunes; i++)
		commune_csv(b, v, &r->communes[i], &scratch);
	criteria_csv(b, v);
	bc_buf_free(&scratch);
}

/* --- HTML --- */

static void
area_html(struct bc_buf *b, const struct bc_recognition_view *v, const struct bc_area_status *a,
    double threshold)
{
	const struct bc_area_status *was = area_before(v, a);

	bc_buf_puts(b, "<tr><td>");
	if (a->unit->kind == BC_UNIT_DISTRICT) {	/* drill down to its communes */
		bc_buf_printf(b, "<a href=\"?year=%d&amp;under=", v->year);
		bc_buf_xml(b, a->unit->code);
		bc_buf_puts(b, "&amp;format=html\">");
		bc_buf_xml(b, a->unit->name);
		bc_buf_puts(b, "</a>");
	} else
		bc_buf_xml(b, a->unit->name);
	bc_buf_printf(b, "</td><td>%u / %u</td><td>", a->meeting, a->members);
	bc_render_html_bar(b, a->share);
	bc_buf_printf(b, "%.1f%% (≥ %.0f%%)</td><td class=\"%s\">%s</td><td>%.2f</td><td>%u</td>"
	    "<td>%u</td>", a->share, threshold, a->meets_standard ? "yes" : "no",
	    a->meets_standard ? "Đạt chuẩn / meets" : "Chưa đạt / not yet", a->average_criteria,
	    a->below_15, a->below_12);
	if (was != NULL)
		bc_buf_printf(b, "<td>%+d · %+.2f</td>", (int)a->meeting - (int)was->meeting,
		    a->average_criteria - was->average_criteria);
	else
		bc_buf_puts(b, "<td>—</td>");
	bc_render_rests_on_html(b, a->rests_on, 1);
	bc_buf_puts(b, "</tr>\n");
}

static void
targets_html(struct bc_buf *b, const struct bc_recognition_view *v)
{
	char target[32], achieved[32];
	size_t i;

	if (v->ntargets == 0)
		return;
	bc_buf_printf(b, "<h2>Mục tiêu / targets for %04d</h2>\n<table class=\"targets\"><tr>"
	    "<th>measure</th><th>target</th><th>achieved</th><th>progress</th><th>reached</th>"
	    "</tr>\n", v->targets[0].target.year);
	for (i = 0; i < v->ntargets; i++) {
		const struct bc_target_progress *p = &v->targets[i];

		bc_render_number(target, p->target.value);
		bc_render_number(achieved, p->achieved);
		bc_buf_puts(b, "<tr><td>");
		bc_buf_xml(b, bc_target_measure_label(p->target.measure));
		if (p->target.criteria > 0)
			bc_buf_printf(b, " (K = %u)", p->target.criteria);
		bc_buf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>", target,
		    achieved);
		bc_render_html_bar(b, p->progress);
		bc_buf_printf(b, "%.1f%%</td><td class=\"%s\">%s</td></tr>\n", p->progress,
		    p->reached ? "yes" : "no", p->reached ? "Đạt / reached" : "Chưa đạt / not yet");
	}
	bc_buf_puts(b, "</table>\n");
}

static void
communes_html(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	size_t i;

	bc_buf_puts(b, "<h2>Xã / communes</h2>\n<table><tr><th>code</th><th>commune</th>"
	    "<th>criteria met</th><th>standard</th><th>rests on</th><th>tier</th>"
	    "<th>previous year</th></tr>\n");
	for (i = 0; i < r->ncommunes; i++) {
		const struct bc_commune_status *c = &r->communes[i], *was = commune_before(v, c);

		bc_buf_printf(b, "<tr><td>%s</td><td>", c->unit->code);
		bc_buf_xml(b, c->unit->name);
		bc_buf_puts(b, "</td><td>");
		bc_render_html_bar(b, r->set->count ? 100.0 * c->met_count / r->set->count : 0);
		bc_buf_printf(b, "%u/%u</td><td class=\"%s\">%s</td><td>%s</td><td>", c->met_count,
		    r->set->count, c->meets_standard ? "yes" : "no",
		    c->meets_standard ? "Đạt / meets" : "Chưa đạt / not yet",
		    bc_source_name(c->rests_on));
		bc_buf_xml(b, c->tier);
		if (was != NULL)
			bc_buf_printf(b, "</td><td>%u (%+d)</td></tr>\n", was->met_count,
			    (int)c->met_count - (int)was->met_count);
		else
			bc_buf_puts(b, "</td><td>—</td></tr>\n");
	}
	bc_buf_puts(b, "</table>\n");
}

/* Per commune, each criterion met and since when; "*" marks a date read from a period. */
static void
since_html(struct bc_buf *b, const struct bc_recognition *r)
{
	char day[11];
	size_t i;
	unsigned k;

	bc_buf_puts(b, "<h2>Tiêu chí đạt từ / criteria met since</h2>\n<p>* the first day of the "
	    "first period reported met, where no report states the date.</p>\n<table class=\"since\">"
	    "<tr><th>commune</th><th>criterion: since</th></tr>\n");
	for (i = 0; i < r->ncommunes; i++) {
		const struct bc_commune_status *c = &r->communes[i];
		const char *sep = "";

		if (c->met_count == 0)
			continue;
		bc_buf_printf(b, "<tr><td>%s ", c->unit->code);
		bc_buf_xml(b, c->unit->name);
		bc_buf_puts(b, "</td><td>");
		for (k = 1; k < 100; k++) {
			if (!c->met[k])
				continue;
			bc_date_format(day, c->since[k]);
			bc_buf_printf(b, "%s<span title=\"%s %s\">%u: %s%s</span>", sep,
			    bc_source_name((enum bc_source)c->source[k]), c->document[k], k, day,
			    c->since_from[k] == BC_SINCE_PERIOD ? "*" : "");
			sep = " · ";
		}
		bc_buf_puts(b, "</td></tr>\n");
	}
	bc_buf_puts(b, "</table>\n");
}

static void
responsible_html(struct bc_buf *b, const struct bc_recognition_view *v, unsigned k)
{
	const struct bc_responsible *d;
	char received[40];
	size_t i = 0;

	while ((d = responsible_for(v, k, &i)) != NULL) {
		bc_buf_puts(b, "<div>");
		bc_buf_xml(b, d->name);
		if (d->has_report) {
			bc_render_vietnam_time(received, d->received_us);
			bc_buf_printf(b, ": %s %s, %u/%u met, <span class=\"doc\">%s</span> "
			    "(%.10s)", d->report_type, d->period, d->communes_met, d->communes_stated,
			    d->document_id, received);
		} else
			bc_buf_puts(b, ": chưa báo cáo / no report this year");
		bc_buf_puts(b, "</div>");
	}
}

static void
criteria_html(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	unsigned k;

	bc_buf_puts(b, "<h2>Theo tiêu chí / by criterion</h2>\n<table class=\"criteria\"><tr>"
	    "<th>criterion</th><th>communes meeting it</th><th>rests on</th>"
	    "<th>responsible department: latest report</th></tr>\n");
	for (k = 1; k < 100; k++) {
		if (!r->set->in_set[k])
			continue;
		bc_render_criterion_html(b, r, k);
		bc_buf_puts(b, "<td>");
		responsible_html(b, v, k);
		bc_buf_puts(b, "</td></tr>\n");
	}
	bc_buf_puts(b, "</table>\n");
}

static void
recognition_html(struct bc_buf *b, const struct bc_recognition_view *v)
{
	const struct bc_recognition *r = v->now;
	char title[64];
	size_t i;

	snprintf(title, sizeof(title), "Xây dựng nông thôn mới %04d", v->year);
	bc_render_html_start(b, title);
	bc_buf_printf(b, "<p>Bộ tiêu chí / criteria set %s (%u tiêu chí). Rests on: V verification, "
	    "S self-assessment, P progress reports, — none.</p>\n", r->set->id, r->set->count);
	targets_html(b, v);
	bc_buf_printf(b, "<h2>Đạt chuẩn / meeting the standard</h2>\n<table><tr><th>area</th>"
	    "<th>meeting the standard</th><th>share</th><th>standard</th><th>average criteria</th>"
	    "<th>below 15</th><th>below 12</th><th>change on %04d</th><th>rests on</th></tr>\n",
	    v->year - 1);
	if (r->province.unit != NULL)
		area_html(b, v, &r->province, v->province_threshold);
	for (i = 0; i < r->ndistricts; i++)
		area_html(b, v, &r->districts[i], v->district_threshold);
	bc_buf_puts(b, "</table>\n");
	communes_html(b, v);
	criteria_html(b, v);
	since_html(b, r);
	bc_render_html_end(b);
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
