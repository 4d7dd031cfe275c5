/*
 * rules — the checks beyond the schema that need nothing but the document and today's date
 * (PROTOCOL.md: "the rules"), one small function per rule in a table, kcgi-style. Every
 * rule runs, so the sender learns of every problem at once. Rules that need the database
 * (Supersedes, revisions) live with the transaction in store.c.
 */
#include <string.h>

#include "baocao/ingest.h"
#include "baocao/xml.h"

typedef void (*rule_fn)(const struct bc_report *, struct bc_date today, struct bc_violations *);

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
rule_unit_kind(const struct bc_report *r, struct bc_date today, struct bc_violations *v)
{
	char msg[256];

	(void)today;
	if (bc_unit_kind_of_code(r->header.unit_code) >= 0)
		return;
	snprintf(msg, sizeof(msg), "Unit code \"%s\" is of no known kind.", r->header.unit_code);
	violation_at(r, "ReportingUnit", 0, "unit", v, msg);
}

static void
rule_cadence(const struct bc_report *r, struct bc_date today, struct bc_violations *v)
{
	char msg[256];
	int kind = bc_unit_kind_of_code(r->header.unit_code);

	(void)today;
	if (kind < 0 || bc_unit_may_use((enum bc_unit_kind)kind, r->header.period.cadence))
		return;
	snprintf(msg, sizeof(msg), "A %s (%s) does not file %s reports.",
	    bc_unit_kind_name((enum bc_unit_kind)kind), r->header.unit_code,
	    bc_cadence_name(r->header.period.cadence));
	violation_at(r, "Period", 1, "cadence", v, msg);
}

static void
rule_filing_window(const struct bc_report *r, struct bc_date today, struct bc_violations *v)
{
	struct bc_date opens = bc_period_filing_opens(&r->header.period);
	char msg[256], day[11];

	if (r->header.period.cadence == BC_CADENCE_ADHOC || bc_date_cmp(today, opens) >= 0)
		return;
	bc_date_format(day, opens);
	snprintf(msg, sizeof(msg), "Filing for %s opens on %s (Vietnam time); it cannot be "
	    "filed before then.", r->header.period_name, day);
	violation_at(r, "Period", 1, "filing-window", v, msg);
}

static void
rule_supersedes_self(const struct bc_report *r, struct bc_date today, struct bc_violations *v)
{
	(void)today;
	if (strcmp(r->header.supersedes, r->header.document_id) != 0)
		return;
	violation_at(r, "Supersedes", 0, "supersedes", v,
	    "A document cannot supersede itself.");
}

static const rule_fn rules[] = {
	rule_unit_kind,
	rule_cadence,
	rule_filing_window,
	rule_supersedes_self,
};

enum bc_err
bc_ingest_check(const struct bc_report *r, struct bc_date today, struct bc_violations *v)
{
	size_t i, before = v->n + v->dropped;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		rules[i](r, today, v);
	return v->n + v->dropped > before ? BC_E_INVALID : BC_OK;
}
