/*
 * catalogue — the report types as data (schemas/catalogue.xml, validated by catalogue-1.xsd):
 * for each (namespace, root element) its XSD, the cadences each kind of unit may file, when
 * filing opens and is due, the facts to extract (XPath expressions onto a fixed set of fact
 * kinds), the totals to check and the rules that apply; and the criteria sets and recognition
 * thresholds. Loaded and compiled once, in the supervisor before it forks; read-only after.
 */
#ifndef BAOCAO_CATALOGUE_H
#define BAOCAO_CATALOGUE_H

#include <stddef.h>

#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

#include "baocao/period.h"
#include "baocao/unit.h"

/* The fixed set of fact kinds; each has its own table (sql/) and fields. */
enum bc_fact_kind {
	BC_FACT_CRITERION = 0,	/* commune, number, met, since */
	BC_FACT_RECOGNITION,	/* commune, decision, date, tier */
	BC_FACT_AMOUNT,		/* source, amount */
	BC_FACT_INDICATOR,	/* code, value, unit */
	BC_FACT_NOMINATION,	/* category, subject, name, leader, contribution, disadvantaged */
	BC_FACT_CONTRIBUTION,	/* area, measure (money, land, workdays, households), amount */
	BC_FACT__MAX
};

#define BC_FACT_FIELDS_MAX 6

enum bc_field_type { BC_FIELD_STRING, BC_FIELD_BOOLEAN };

struct bc_field_def {
	const char *name;
	enum bc_field_type type;
	int required;
};

struct bc_fact_kind_def {
	const char *name;
	size_t nfields;
	struct bc_field_def fields[BC_FACT_FIELDS_MAX];
};

const struct bc_fact_kind_def *bc_fact_kind(enum bc_fact_kind);
/* The field's index in its kind, or -1. */
int bc_fact_field(enum bc_fact_kind, const char *name);

/* Rules beyond the schema a report type may ask for (catalogue-1.xsd's Rule names). */
enum bc_rule {
	BC_RULE_CRITERIA_SET = 0,	/* criterion numbers belong to the set of the period */
	BC_RULE_DISTRICT_COMMUNES,	/* the communes reported on are the unit's: a commune
					 * itself, a district its own, any other its province's */
	BC_RULE_DEPARTMENT_CRITERIA,	/* a department reports the criteria it answers for */
	BC_RULE_NOMINATION_THRESHOLD,	/* category 1.4 contributions of 300 (200) million VND */
	BC_RULE__MAX
};

/* The commonest forms of a field's expression, which extract.c reads straight from the tree
 * (the XPath's string value, without evaluating it); anything else is evaluated. */
enum bc_field_path {
	BC_PATH_XPATH,
	BC_PATH_ATTR,		/* @name */
	BC_PATH_PARENT_ATTR,	/* ../@name */
	BC_PATH_TEXT,		/* . */
	BC_PATH_ATTR_EQUALS,	/* @name = 'literal', for a boolean field */
	BC_PATH__MAX
};

struct bc_extraction {
	enum bc_fact_kind kind;
	xmlXPathCompExprPtr select;
	xmlXPathCompExprPtr fields[BC_FACT_FIELDS_MAX];	/* NULL: not mapped (optional field) */
	enum bc_field_path paths[BC_FACT_FIELDS_MAX];
	char attrs[BC_FACT_FIELDS_MAX][32];	/* the name of an @name, ../@name, @name = '…' */
	char literals[BC_FACT_FIELDS_MAX][32];	/* the literal of @name = '…' */
};

struct bc_total {
	xmlXPathCompExprPtr select, total, parts;
	char text[160];		/* the Total element, for messages */
};

/* A date relative to a period's year: year + years_after, month, day. */
struct bc_relative_date {
	int years_after;
	int month, day;
};

struct bc_report_type {
	char *name;		/* root element, e.g. "ProgressReport" */
	char *ns;		/* namespace = version, e.g. "urn:baocao:ntm:1" */
	char *xsd;		/* file in the schema directory */
	xmlSchemaPtr schema;
	unsigned cadences[BC_UNIT__MAX];	/* bit per enum bc_cadence, per kind of unit */
	int fixed_schedule;	/* 0: the configured cut-off calendar; 1: the dates below */
	struct bc_relative_date opens;
	struct bc_relative_date due[BC_LEVEL__MAX];
	struct bc_extraction *extractions;
	size_t nextractions;
	struct bc_total *totals;
	size_t ntotals;
	unsigned rules;		/* bit per enum bc_rule */
};

struct bc_criteria_set {
	char id[32];
	struct bc_date from, to;
	unsigned char in_set[100];	/* by criterion number */
	unsigned count;
};

struct bc_catalogue {
	struct bc_report_type *types;
	size_t ntypes;
	struct bc_criteria_set *sets;
	size_t nsets;
	double district_percent, province_percent;
};

/* Load schema_dir/catalogue.xml; on error one line naming the file and line into err. */
int bc_catalogue_load(struct bc_catalogue **out, const char *schema_dir, char *err,
    size_t errsize);
void bc_catalogue_free(struct bc_catalogue *);

const struct bc_report_type *bc_catalogue_type(const struct bc_catalogue *, const char *ns,
    const char *root);
/* The type of that name (its root element, as the office's queries name it: type=), or NULL;
 * a name shared by two versions' namespaces gives the first, which is enough to know it. */
const struct bc_report_type *bc_catalogue_type_named(const struct bc_catalogue *,
    const char *name);
/* The set in force on a day, or NULL. */
const struct bc_criteria_set *bc_catalogue_criteria_set(const struct bc_catalogue *,
    struct bc_date);

int bc_report_type_may_use(const struct bc_report_type *, enum bc_unit_kind, enum bc_cadence);
/* When filing opens and the deadline for a level, for a type with a fixed schedule. */
struct bc_date bc_report_type_fixed_date(const struct bc_relative_date *, const struct bc_period *);

#endif
