/*
 * rules — the checks beyond the schema (PROTOCOL.md: "the rules"), one small function per
 * rule in a table, kcgi-style. Every rule runs, so the sender learns of every problem at
 * once, each in words an official understands. What needs the database (the registry
 * record, the ad hoc request) is looked up by the caller and handed in; Supersedes and
 * revisions are checked inside the storing transaction (store.c).
 */
#include <string.h>

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
	xmlNodePtr root = xmlDocGetRootElement(r->doc);
	xmlNodePtr n = bc_xml_child(bc_xml_child(root, "Header"), name);
	unsigned long line = 0, column = 0;
	char path[160];

	if (child && n != NULL)
		n = bc_xml_first_element(n);
	if (n != NULL)
		bc_ingest_locate(r, n, &line, &column);
	snprintf(path, sizeof(path), "/%s/Header[1]/%s[1]%s%s%s", (const char *)root->name, name,
	    child && n != NULL ? "/" : "", child && n != NULL ? (const char *)n->name : "",
	    child && n != NULL ? "[1]" : "");
	bc_violations_add(v, line, column, path, rule, "%s", msg);
}

static void
rule_cadence(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	char msg[512];

	if (bc_unit_may_use(in->unit->kind, r->header.period.cadence))
		return;
	snprintf(msg, sizeof(msg), "%s (%s) is a %s, and a %s does not file %s reports.",
	    in->unit->name, in->unit->code, bc_unit_kind_name(in->unit->kind),
	    bc_unit_kind_name(in->unit->kind), bc_cadence_name(r->header.period.cadence));
	violation_at(r, "Period", 1, "cadence", v, msg);
}

static void
rule_filing_window(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	struct bc_date opens = bc_calendar_filing_opens(in->calendar, &r->header.period);
	char msg[256], day[11];

	if (r->header.period.cadence == BC_CADENCE_ADHOC || bc_date_cmp(in->today, opens) >= 0)
		return;
	bc_date_format(day, opens);
	snprintf(msg, sizeof(msg), "Filing for %s opens on %s (Vietnam time); it cannot be "
	    "filed before then.", r->header.period_name, day);
	violation_at(r, "Period", 1, "filing-window", v, msg);
}

static void
rule_unit_validity(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	const struct bc_unit *u = in->unit;
	struct bc_date first, last;
	char msg[768], from[11], to[11];

	bc_period_span(&r->header.period, &first, &last);
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

static const rule_fn rules[] = {
	rule_cadence,
	rule_filing_window,
	rule_unit_validity,
	rule_adhoc_request,
	rule_supersedes_self,
};

enum bc_err
bc_ingest_check(const struct bc_report *r, const struct bc_rule_input *in,
    struct bc_violations *v)
{
	size_t i, before = v->n + v->dropped;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		rules[i](r, in, v);
	return v->n + v->dropped > before ? BC_E_INVALID : BC_OK;
}
