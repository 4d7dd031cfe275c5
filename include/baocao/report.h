/*
 * report — a submitted document after it has been read: its report type, its header,
 * the facts extracted from it and the digest of its bytes. Ingest fills it, rules read it,
 * store writes it, render answers from it. Owns the parsed tree and the fact arrays.
 */
#ifndef BAOCAO_REPORT_H
#define BAOCAO_REPORT_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "baocao/period.h"
#include "baocao/unit.h"

/* One report type version: (namespace, root element) → XSD. */
struct bc_report_type {
	const char *name;	/* root element, e.g. "ProgressReport" */
	const char *ns;		/* namespace = version, e.g. "urn:baocao:ntm:1" */
	const char *xsd;	/* file in schema_dir */
};

struct bc_header {
	char document_id[37];	/* lower case */
	char unit_code[33];
	struct bc_period period;
	char period_name[97];
	char supersedes[37];	/* "" when absent */
	char prepared_by[1024];	/* UTF-8 NFC */
	char prepared_at[41];
	/* where the fields stand, for rule violations */
	unsigned long unit_line, period_line, supersedes_line;
};

struct bc_fact_criterion {
	char commune[17];
	unsigned number;
	int met;
	int has_since;
	struct bc_date since;
};

struct bc_fact_amount {
	char source[33];
	unsigned long long amount;
};

struct bc_fact_indicator {
	char code[65];
	char value[48];		/* decimal as written, validated by the schema */
	char unit[33];		/* "" when absent */
};

struct bc_facts {
	struct bc_fact_criterion *criteria;
	size_t ncriteria;
	struct bc_fact_amount *amounts;
	size_t namounts;
	struct bc_fact_indicator *indicators;
	size_t nindicators;
};

struct bc_report {
	xmlDocPtr doc;
	const struct bc_report_type *type;
	struct bc_header header;
	enum bc_unit_kind kind;
	char sha256[65];
	const char *body;	/* not owned: the request body */
	size_t body_len;
	struct bc_facts facts;
};

void bc_report_free(struct bc_report *);

#endif
