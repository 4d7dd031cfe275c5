/*
 * ingest — from the bytes of a request body to a checked report: parse (no network, no
 * DTD, bounded depth), pick the report type by namespace and root element, validate
 * against its compiled XSD, read the header, check the rules, extract the facts. Each step
 * either succeeds or fills the violation list with every problem it found.
 *
 * The XSDs are compiled once, by bc_ingest_init in the supervisor before it forks, and
 * shared read-only by the workers; each worker creates its validation contexts lazily.
 */
#ifndef BAOCAO_INGEST_H
#define BAOCAO_INGEST_H

#include <stddef.h>

#include "baocao/calendar.h"
#include "baocao/error.h"
#include "baocao/report.h"
#include "baocao/unit.h"

/* What the rules need besides the document: the day, the registry's record of the reporting
 * unit, the calendar, and (for an ad hoc report) whether its request is addressed to it. */
struct bc_rule_input {
	struct bc_date today;		/* in Vietnam */
	const struct bc_unit *unit;
	const struct bc_calendar *calendar;
	int request_found;
	/* for a district: its communes valid in the period (district-communes) */
	const char (*communes)[33];
	size_t ncommunes;
	/* for a department: the criteria it answers for (department-criteria) */
	const unsigned *criteria;
	size_t ncriteria;
};

int bc_ingest_init(const char *schema_dir, char *err, size_t errsize);
void bc_ingest_shutdown(void);

/* Parse, validate, read the header and digest the bytes. BC_E_MALFORMED (400) or
 * BC_E_INVALID (422) with violations; on success out owns a tree to be freed with
 * bc_report_free. */
enum bc_err bc_ingest_parse(struct bc_report *out, const char *body, size_t len,
    struct bc_violations *);

/* Parse and validate an ad hoc request (request-1.xsd); out->doc holds its tree. */
enum bc_err bc_ingest_request(struct bc_report *out, const char *body, size_t len,
    struct bc_violations *);

/* When filing opens and when it is due for a level: the report type's fixed schedule, or the
 * configured cut-off calendar (rules.c). For ad hoc reports the caller uses the request's
 * due date instead. */
struct bc_date bc_schedule_opens(const struct bc_report_type *, const struct bc_period *,
    const struct bc_calendar *);
struct bc_date bc_schedule_deadline(const struct bc_report_type *, const struct bc_period *,
    const struct bc_calendar *, enum bc_level);

/* The rules beyond the schema (rules.c); every rule runs, every violation is listed. */
enum bc_err bc_ingest_check(const struct bc_report *, const struct bc_rule_input *,
    struct bc_violations *);
/* The violation of a Supersedes that names no earlier revision of the report (rule
 * supersedes): a document of another unit, type or period, or none. The registry and the
 * stored revisions decide it, so the store and the handler call it, not bc_ingest_check. */
void bc_ingest_supersedes_elsewhere(const struct bc_report *, struct bc_violations *);

/* Fill report->facts from the tree as the report type's catalogue entry says (extract.c). */
enum bc_err bc_ingest_extract(struct bc_report *);
void bc_facts_free(struct bc_facts *);
/* An XPath context on the report's tree with prefix r bound to its namespace: the process's
 * one, valid until the next call; not to be freed. */
xmlXPathContextPtr bc_ingest_xpath_context(const struct bc_report *);
/* The catalogue loaded by bc_ingest_init. */
const struct bc_catalogue *bc_ingest_catalogue(void);

/* report->header from the tree of a document that passed its schema (header.c). */
enum bc_err bc_header_read(struct bc_report *, struct bc_violations *);

/* Line and column of an element's start tag in the body, for violations found on the tree. */
void bc_ingest_locate(const struct bc_report *, xmlNodePtr node,
    unsigned long *line, unsigned long *column);
/* A violation found on the tree, at node: where its start tag is, its path (then suffix, an
 * attribute such as "/@code", or ""), the rule and the message. Every violation that is not
 * libxml2's own goes through here, so all of them say where in the same form. */
void bc_ingest_violation(const struct bc_report *, xmlNodePtr node, const char *suffix,
    const char *rule, struct bc_violations *, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));


#endif
