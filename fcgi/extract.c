/*
 * extract — the facts of a ProgressReport (urn:baocao:ntm:1) as rows for the fact tables:
 * criterion status by commune, amounts by source, indicators. The document has passed its
 * schema, so every value is of its declared form here. The catalogue (issue 4) will turn
 * this walk into data; the fact kinds and their rows stay as they are.
 */
#include <stdlib.h>
#include <string.h>

#include "baocao/ingest.h"
#include "baocao/xml.h"

static size_t
count_named(xmlNodePtr first)
{
	size_t n = 0;

	for (; first != NULL; first = bc_xml_next(first))
		n++;
	return n;
}

static enum bc_err
extract_criteria(struct bc_facts *f, xmlNodePtr criteria)
{
	xmlNodePtr commune, c;
	size_t n = 0;
	char buf[32];

	for (commune = bc_xml_child(criteria, "Commune"); commune != NULL;
	    commune = bc_xml_next(commune))
		n += count_named(bc_xml_child(commune, "Criterion"));
	if (n == 0)
		return BC_OK;
	if ((f->criteria = calloc(n, sizeof(*f->criteria))) == NULL)
		return BC_E_INTERNAL;
	for (commune = bc_xml_child(criteria, "Commune"); commune != NULL;
	    commune = bc_xml_next(commune)) {
		for (c = bc_xml_child(commune, "Criterion"); c != NULL; c = bc_xml_next(c)) {
			struct bc_fact_criterion *row = &f->criteria[f->ncriteria++];

			bc_xml_attr(commune, "code", row->commune, sizeof(row->commune));
			bc_xml_attr(c, "number", buf, sizeof(buf));
			row->number = (unsigned)strtoul(buf, NULL, 10);
			bc_xml_attr(c, "status", buf, sizeof(buf));
			row->met = strcmp(buf, "met") == 0;
			if (bc_xml_attr(c, "since", buf, sizeof(buf)) == 0)
				row->has_since = bc_date_parse(&row->since, buf) == 0;
		}
	}
	return BC_OK;
}

static enum bc_err
extract_amounts(struct bc_facts *f, xmlNodePtr resources)
{
	xmlNodePtr a = bc_xml_child(resources, "Amount");
	size_t n = count_named(a);
	char buf[32];

	if (n == 0)
		return BC_OK;
	if ((f->amounts = calloc(n, sizeof(*f->amounts))) == NULL)
		return BC_E_INTERNAL;
	for (; a != NULL; a = bc_xml_next(a)) {
		struct bc_fact_amount *row = &f->amounts[f->namounts++];

		bc_xml_attr(a, "source", row->source, sizeof(row->source));
		bc_xml_text(a, buf, sizeof(buf));
		row->amount = strtoull(buf, NULL, 10);
	}
	return BC_OK;
}

static enum bc_err
extract_indicators(struct bc_facts *f, xmlNodePtr indicators)
{
	xmlNodePtr i = bc_xml_child(indicators, "Indicator");
	size_t n = count_named(i);

	if (n == 0)
		return BC_OK;
	if ((f->indicators = calloc(n, sizeof(*f->indicators))) == NULL)
		return BC_E_INTERNAL;
	for (; i != NULL; i = bc_xml_next(i)) {
		struct bc_fact_indicator *row = &f->indicators[f->nindicators++];
		char *s, *e;

		bc_xml_attr(i, "code", row->code, sizeof(row->code));
		bc_xml_attr(i, "unit", row->unit, sizeof(row->unit));
		bc_xml_text(i, row->value, sizeof(row->value));
		/* xs:decimal allows surrounding white space; the database does not. */
		for (s = row->value; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
			;
		memmove(row->value, s, strlen(s) + 1);
		e = row->value + strlen(row->value);
		while (e > row->value && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
		    e[-1] == '\r'))
			*--e = '\0';
	}
	return BC_OK;
}

enum bc_err
bc_ingest_extract(struct bc_report *r)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc);
	enum bc_err e;

	if ((e = extract_criteria(&r->facts, bc_xml_child(root, "Criteria"))) != BC_OK)
		return e;
	if ((e = extract_amounts(&r->facts, bc_xml_child(root, "Resources"))) != BC_OK)
		return e;
	return extract_indicators(&r->facts, bc_xml_child(root, "Indicators"));
}
