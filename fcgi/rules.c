/*
 * rules — the checks beyond the schema (PROTOCOL.md: "the rules"), one small function per
 * rule in a table, kcgi-style. Every rule runs, so the sender learns of every problem at
 * once, each in words an official understands. What needs the database (the registry
 * record, the ad hoc request) is looked up by the caller and handed in; Supersedes and
 * revisions are checked inside the storing transaction (store.c).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "baocao/ingest.h"
#include "baocao/xml.h"

typedef void (*rule_fn)(const struct bc_report *, const struct bc_rule_input *,
    struct bc_violations *);

/* Report a violation at the start tag of the header element `name` (or its first child
 * element when child is set: the period form). */
static void
violation_at(const struct bc_report *r, const char *name, int child, const char *rule,
    struct bc_violations *v, const char *msg)
{
	xmlNodePtr n = bc_xml_child(bc_xml_child(xmlDocGetRootElement(r->doc), "Header"), name);

	if (child && n != NULL)
		n = bc_xml_first_element(n);
	bc_ingest_violation(r, n, "", rule, v, "%s", msg);
}

/* A violation at the element a fact was read from. */
static void
violation_at_fact(const struct bc_report *r, const struct bc_fact *f, const char *rule,
    struct bc_violations *v, const char *msg)
{
	bc_ingest_violation(r, f->node, "", rule, v, "%s", msg);
}

struct bc_date
bc_schedule_opens(const struct bc_report_type *t, const struct bc_period *p,
    const struct bc_calendar *cal)
{
	if (t->fixed_schedule && p->cadence != BC_CADENCE_ADHOC)
		return bc_report_type_fixed_date(&t->opens, p);
	return bc_calendar_filing_opens(cal, p);
}

struct bc_date
bc_schedule_deadline(const struct bc_report_type *t, const struct bc_period *p,
    const struct bc_calendar *cal, enum bc_level level)
{
	if (t->fixed_schedule && p->cadence != BC_CADENCE_ADHOC)
		return bc_calendar_next_working_day(cal, bc_report_type_fixed_date(&t->due[level], p));
	return bc_calendar_deadline(cal, p, level);
}

static void
rule_cadence(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	const char *kind = bc_unit_kind_name(in->unit->kind);
	const char *a = kind[0] != '\0' && strchr("aeiou", kind[0]) != NULL ? "an" : "a";
	char msg[512];

	if (bc_report_type_may_use(r->type, in->unit->kind, r->header.period.cadence))
		return;
	snprintf(msg, sizeof(msg), "%s (%s) is %s %s, and %s %s does not file %s %s reports.",
	    in->unit->name, in->unit->code, a, kind, a, kind,
	    bc_cadence_name(r->header.period.cadence), r->type->name);
	violation_at(r, "Period", 1, "cadence", v, msg);
}

static void
rule_filing_window(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	const struct bc_period *p = &r->header.period;
	struct bc_date opens;
	char msg[256], day[11];

	/* an answer to a request may come any day after it is registered, but not before the
	 * day it reports the state of: that state is not known yet */
	opens = p->cadence == BC_CADENCE_ADHOC ? p->as_of :
	    bc_schedule_opens(r->type, p, in->calendar);
	if (bc_date_cmp(in->today, opens) >= 0)
		return;
	bc_date_format(day, opens);
	if (p->cadence == BC_CADENCE_ADHOC)
		snprintf(msg, sizeof(msg), "The answer to request \"%s\" is as of %s, a day that "
		    "has not come yet (Vietnam time); it cannot be filed before then.", p->request,
		    day);
	else
		snprintf(msg, sizeof(msg), "Filing for %s opens on %s (Vietnam time); it cannot "
		    "be filed before then.", r->header.period_name, day);
	violation_at(r, "Period", 1, "filing-window", v, msg);
}

static void
rule_unit_validity(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	const struct bc_unit *u = in->unit;
	struct bc_date first, last;
	char msg[768], from[11], to[11];

	bc_period_presence(&r->header.period, &first, &last);
	if (bc_unit_valid_during(u, first, last))
		return;
	bc_date_format(from, u->valid_from);
	if (u->has_valid_to)
		bc_date_format(to, u->valid_to);
	snprintf(msg, sizeof(msg), "%s (%s) did not exist for the whole of %s: it exists from "
	    "%s%s%s%s%s%s.", u->name, u->code, r->header.period_name, from,
	    u->has_valid_to ? " to " : " on", u->has_valid_to ? to : "",
	    u->successor[0] ? " and was merged into " : "", u->successor,
	    u->successor[0] ? ", which reports for it now" : "");
	violation_at(r, "ReportingUnit", 0, "unit-validity", v, msg);
}

static void
rule_adhoc_request(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	char msg[256];

	if (r->header.period.cadence != BC_CADENCE_ADHOC || in->request_found)
		return;
	snprintf(msg, sizeof(msg), "There is no ad hoc request \"%s\" addressed to %s.",
	    r->header.period.request, in->unit->code);
	violation_at(r, "Period", 1, "adhoc-request", v, msg);
}

static void
rule_supersedes_self(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	(void)in;
	if (strcmp(r->header.supersedes, r->header.document_id) != 0)
		return;
	violation_at(r, "Supersedes", 0, "supersedes", v,
	    "A document cannot supersede itself.");
}

void
bc_ingest_supersedes_elsewhere(const struct bc_report *r, struct bc_violations *v)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "Supersedes names %s, which is no earlier revision of this "
	    "unit's %s for %s.", r->header.supersedes, r->type->name, r->header.period_name);
	violation_at(r, "Supersedes", 0, "supersedes", v, msg);
}

/* --- rules a report type asks for in the catalogue --- */

static const char *
field(const struct bc_fact *f, const char *name)
{
	int i = bc_fact_field(f->kind, name);

	return i >= 0 && f->fields[i] != NULL ? f->fields[i] : "";
}

static int
is_commune_fact(const struct bc_fact *f)
{
	return f->kind == BC_FACT_CRITERION || f->kind == BC_FACT_RECOGNITION;
}

static void
rule_criteria_set(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	const struct bc_criteria_set *set;
	struct bc_date first, last;
	char msg[256];
	size_t i;
	long n;

	(void)in;
	bc_period_span(&r->header.period, &first, &last);
	set = bc_catalogue_criteria_set(bc_ingest_catalogue(), first);
	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *f = &r->facts.v[i];

		if (f->kind != BC_FACT_CRITERION)
			continue;
		n = strtol(field(f, "number"), NULL, 10);
		if (set != NULL && n >= 1 && n < 100 && set->in_set[n])
			continue;
		if (set == NULL)
			snprintf(msg, sizeof(msg), "No criteria set is in force for %s.",
			    r->header.period_name);
		else
			snprintf(msg, sizeof(msg), "Criterion %ld is not in the criteria set %s in "
			    "force for %s (criteria 1–%u).", n, set->id, r->header.period_name,
			    set->count);
		violation_at_fact(r, f, "criteria-set", v, msg);
	}
}

static int
listed(const char (*codes)[33], size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return 1;
	return 0;
}

static void
rule_district_communes(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	const struct bc_unit *u = in->unit;
	const char *reported = "";
	char msg[512];
	size_t i;

	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *f = &r->facts.v[i];
		const char *c = field(f, "commune");

		if (!is_commune_fact(f))
			continue;
		if (u->kind == BC_UNIT_COMMUNE ? strcmp(c, u->code) == 0 :
		    listed(in->communes, in->ncommunes, c))
			continue;
		/* once per commune, not once per criterion of it */
		if (strcmp(c, reported) == 0)
			continue;
		reported = c;
		if (u->kind == BC_UNIT_COMMUNE)
			snprintf(msg, sizeof(msg), "A commune reports on itself: %s (%s) cannot "
			    "report on commune %s.", u->name, u->code, c);
		else if (u->kind == BC_UNIT_DISTRICT)
			snprintf(msg, sizeof(msg), "Commune %s is not a commune of %s (%s) in %s.",
			    c, u->name, u->code, r->header.period_name);
		else
			snprintf(msg, sizeof(msg), "Commune %s is not a commune of province %s, "
			    "which %s (%s) answers for, in %s.", c, u->province, u->name, u->code,
			    r->header.period_name);
		/* at the code that is wrong, not at the commune's first criterion */
		bc_ingest_violation(r, f->node->parent, "/@code", "district-communes", v, "%s",
		    msg);
	}
}

static void
rule_department_criteria(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	char msg[512];
	size_t i, k;
	long n;

	if (in->unit->kind != BC_UNIT_DEPARTMENT)
		return;
	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *f = &r->facts.v[i];

		if (f->kind != BC_FACT_CRITERION)
			continue;
		n = strtol(field(f, "number"), NULL, 10);
		for (k = 0; k < in->ncriteria && in->criteria[k] != (unsigned)n; k++)
			;
		if (k < in->ncriteria)
			continue;
		snprintf(msg, sizeof(msg), "%s (%s) does not answer for criterion %ld.",
		    in->unit->name, in->unit->code, n);
		violation_at_fact(r, f, "department-criteria", v, msg);
	}
}

/* Seed 003 §IV.1: enterprises and cooperatives (1.4) need 300 million VND, or 200 million in
 * an ethnic-minority or disadvantaged area. */
static void
rule_nomination_threshold(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	char msg[256];
	size_t i;

	(void)in;
	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *f = &r->facts.v[i];
		int disadvantaged = strcmp(field(f, "disadvantaged"), "1") == 0;
		unsigned long long need = disadvantaged ? 200000000ULL : 300000000ULL;

		if (f->kind != BC_FACT_NOMINATION || strcmp(field(f, "category"), "1.4") != 0 ||
		    strtoull(field(f, "contribution"), NULL, 10) >= need)
			continue;
		snprintf(msg, sizeof(msg), "A category 1.4 nomination needs a contribution of at "
		    "least %llu VND%s; this one states %s.", need,
		    disadvantaged ? " in a disadvantaged area" : "",
		    field(f, "contribution")[0] ? field(f, "contribution") : "none");
		violation_at_fact(r, f, "nomination-threshold", v, msg);
	}
}

static const rule_fn catalogue_rules[BC_RULE__MAX] = {
	[BC_RULE_CRITERIA_SET] = rule_criteria_set,
	[BC_RULE_DISTRICT_COMMUNES] = rule_district_communes,
	[BC_RULE_DEPARTMENT_CRITERIA] = rule_department_criteria,
	[BC_RULE_NOMINATION_THRESHOLD] = rule_nomination_threshold,
};

static double
eval_number(xmlXPathContextPtr ctx, xmlXPathCompExprPtr expr, xmlNodePtr at)
{
	xmlXPathObjectPtr o;
	double d;

	ctx->node = at;
	if ((o = xmlXPathCompiledEval(expr, ctx)) == NULL)
		return 0;
	d = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return d;
}

/* Stated totals equal the sum of their parts (XPath numbers: exact to 2^53, 9×10^15 VND). */
static void
rule_totals(const struct bc_report *r, const struct bc_rule_input *in, struct bc_violations *v)
{
	xmlXPathContextPtr ctx = bc_ingest_xpath_context(r);
	size_t t;
	int i;

	(void)in;
	for (t = 0; ctx != NULL && t < r->type->ntotals; t++) {
		const struct bc_total *tot = &r->type->totals[t];
		xmlXPathObjectPtr sel;

		ctx->node = xmlDocGetRootElement(r->doc);
		if ((sel = xmlXPathCompiledEval(tot->select, ctx)) == NULL)
			continue;
		for (i = 0; sel->nodesetval != NULL && i < sel->nodesetval->nodeNr; i++) {
			struct bc_fact at = { BC_FACT_AMOUNT, sel->nodesetval->nodeTab[i], { 0 } };
			double total, parts;
			char msg[400];

			total = eval_number(ctx, tot->total, at.node);
			parts = eval_number(ctx, tot->parts, at.node);
			if (total == parts)
				continue;
			snprintf(msg, sizeof(msg), "The stated total %.0f is not the sum of its parts, "
			    "%.0f (%s).", total, parts, tot->text);
			violation_at_fact(r, &at, "totals", v, msg);
		}
		xmlXPathFreeObject(sel);
	}
}

/* PROTOCOL.md: "Percentages are decimals 0–100". An indicator's unit is the sender's words,
 * so the schema cannot bound its value; one stated in % is bounded here. */
static void
rule_percent(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	char msg[256];
	size_t i;

	(void)in;
	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *f = &r->facts.v[i];
		double value;

		if (f->kind != BC_FACT_INDICATOR || strcmp(field(f, "unit"), "%") != 0)
			continue;
		value = strtod(field(f, "value"), NULL);
		if (value >= 0 && value <= 100)
			continue;
		snprintf(msg, sizeof(msg), "Indicator %s is stated in %%, and a percentage is from 0 "
		    "to 100; this one is %s.", field(f, "code"), field(f, "value"));
		violation_at_fact(r, f, "percent", v, msg);
	}
}

/* A criterion met since a day after the period a report covers states what its sender could
 * not know: "since when" is what the office reads it for (DOMAIN.md). */
static void
rule_since(const struct bc_report *r, const struct bc_rule_input *in, struct bc_violations *v)
{
	struct bc_date first, last, since;
	char msg[256], end[11];
	size_t i;

	(void)in;
	bc_period_span(&r->header.period, &first, &last);
	for (i = 0; i < r->facts.n; i++) {
		const struct bc_fact *f = &r->facts.v[i];

		/* a criterion not met has no "since" anyone reads */
		if (f->kind != BC_FACT_CRITERION || strcmp(field(f, "met"), "1") != 0 ||
		    bc_date_parse(&since, field(f, "since")) != 0 || bc_date_cmp(since, last) <= 0)
			continue;
		bc_date_format(end, last);
		snprintf(msg, sizeof(msg), "Criterion %s of commune %s is stated met since %s, after "
		    "%s, the last day %s reports on.", field(f, "number"), field(f, "commune"),
		    field(f, "since"), end, r->header.period_name);
		bc_ingest_violation(r, f->node, "/@since", "since", v, "%s", msg);
	}
}

static const rule_fn rules[] = {
	rule_cadence,
	rule_filing_window,
	rule_unit_validity,
	rule_adhoc_request,
	rule_supersedes_self,
	rule_totals,
	rule_percent,
	rule_since,
};

enum bc_err
bc_ingest_check(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	size_t i, before = v->n + v->dropped;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		rules[i](r, in, v);
	for (i = 0; i < BC_RULE__MAX; i++)
		if (r->type->rules & (1u << i))
			catalogue_rules[i](r, in, v);
	return v->n + v->dropped > before ? BC_E_INVALID : BC_OK;
}
