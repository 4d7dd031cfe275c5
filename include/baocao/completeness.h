/*
 * completeness — who has filed a report type for a period, who is late, who is missing
 * (issue 5; DOMAIN.md "What the coordination office needs"). Pure: it is given the units in
 * scope and the filings the store found, and works out which units were expected (kind may
 * file that cadence per the catalogue, valid for the whole period), each unit's state, and
 * the totals per kind of unit with DHIS2's reporting rate (filed / expected) and on-time
 * rate (on time / expected).
 */
#ifndef BAOCAO_COMPLETENESS_H
#define BAOCAO_COMPLETENESS_H

#include <stddef.h>

#include "baocao/catalogue.h"
#include "baocao/unit.h"

enum bc_filing_state {
	BC_FILED_ON_TIME = 0,
	BC_FILED_LATE,
	BC_MISSING,		/* not filed, and the deadline has passed */
	BC_NOT_DUE,		/* not filed yet, the deadline has not passed */
	BC_FILING_STATE__MAX
};

/* One stored submission as completeness needs it (one row per revision). */
struct bc_filing_row {
	char unit[33];
	unsigned revision;
	char document_id[37];
	char filed_by[33];
	long long received_us;
	int on_time;
};

struct bc_completeness_row {
	const struct bc_unit *unit;
	enum bc_filing_state state;
	unsigned revisions;		/* 0 when not filed */
	char document_id[37];		/* of the newest revision */
	char filed_by[33];		/* of the newest revision */
	long long received_us;		/* of the first revision, which decides on time */
	struct bc_date deadline;
};

struct bc_completeness_totals {
	unsigned expected;
	unsigned count[BC_FILING_STATE__MAX];
};

struct bc_completeness {
	struct bc_period period;
	char period_name[97];
	const struct bc_report_type *type;
	struct bc_completeness_row *rows;	/* in the order of the units given */
	size_t nrows;
	struct bc_completeness_totals by_kind[BC_UNIT__MAX];
	struct bc_completeness_totals all;
};

const char *bc_filing_state_name(enum bc_filing_state);

/*
 * Work out completeness of `type` for `period` over `units` (the scope; every unit of it
 * that is expected to file counts), from `filings` (any order), as of `today`. Deadlines
 * come from deadline_of(period, level). Returns 0, or -1 when out of memory.
 */
int bc_completeness_compute(struct bc_completeness *out, const struct bc_report_type *type,
    const struct bc_period *period, const struct bc_unit *units, size_t nunits,
    const struct bc_filing_row *filings, size_t nfilings, struct bc_date today,
    struct bc_date (*deadline_of)(void *arg, const struct bc_period *, enum bc_level),
    void *deadline_arg);
void bc_completeness_free(struct bc_completeness *);

/* Rates in percent of the expected (0 when nothing is expected). */
double bc_completeness_reporting_rate(const struct bc_completeness_totals *);
double bc_completeness_on_time_rate(const struct bc_completeness_totals *);

#endif
