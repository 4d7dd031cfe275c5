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

#include "baocao/catalogue.h"
#include "baocao/period.h"
#include "baocao/unit.h"

struct bc_header {
	char document_id[37];	/* lower case */
	char unit_code[33];
	struct bc_period period;
	char period_name[97];
	char supersedes[37];	/* "" when absent */
	char prepared_by[2401];	/* UTF-8 NFC: 200 characters may triple under NFC */
	char prepared_at[41];
	/* where the fields stand, for rule violations */
	unsigned long unit_line, period_line, supersedes_line;
};

/* One fact: a row of its kind's table, fields as text (booleans "1"/"0"), NULL when absent.
 * node is the element it was read from, for violations. */
struct bc_fact {
	enum bc_fact_kind kind;
	xmlNodePtr node;
	char *fields[BC_FACT_FIELDS_MAX];
};

struct bc_facts {
	struct bc_fact *v;
	size_t n;
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
