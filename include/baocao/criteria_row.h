/*
 * criteria_row — a commune's criteria as one row: how fact_criteria stores a report's
 * criterion facts (sql/012). A commune's monthly report states 19 criteria and a district's
 * 19 for each of its communes; as one row per criterion they were two thirds of the rows a
 * filing wrote, and each row costs the database more than its few bytes. Both the filing
 * (store.c) and the national loader (bench/national.c) pack through here, and the readers
 * unpack through here, so the format is written down once.
 *
 * The format, for criteria numbered 1 … BC_CRITERIA_ROW_MAX:
 *   met    one character per criterion up to the highest one stated, criterion n at
 *          position n: '1' met, '0' not met, '-' not stated in this report
 *   since  NULL when the row states no date; else 10 characters per position of met,
 *          YYYY-MM-DD for a criterion with a stated "since", "----------" otherwise
 */
#ifndef BAOCAO_CRITERIA_ROW_H
#define BAOCAO_CRITERIA_ROW_H

#include <stddef.h>

#include "baocao/period.h"
#include "baocao/report.h"

#define BC_CRITERIA_ROW_MAX 99
#define BC_CRITERIA_SINCE_LEN 10

struct bc_criteria_row {
	const char *commune;				/* the facts' own string */
	size_t top;					/* highest criterion stated */
	int dated;					/* since holds a date */
	char met[BC_CRITERIA_ROW_MAX + 1];
	char since[BC_CRITERIA_ROW_MAX * BC_CRITERIA_SINCE_LEN + 1];
};

/*
 * Calls each() with one row per commune of the report's criterion facts, communes in byte
 * order; stops at the first non-zero answer of each() and returns it. -1 when a fact has
 * a number outside 1 … BC_CRITERIA_ROW_MAX, a since that is not YYYY-MM-DD, or memory runs out
 * (the rules and the schemas let none of them through).
 */
int bc_criteria_rows(const struct bc_facts *, int (*each)(const struct bc_criteria_row *,
    void *), void *arg);

/*
 * Calls each() for every criterion a stored row states, in order of number: whether it is
 * met and, when the row dates it, since when (has_since 0: since is to be ignored). since may
 * be NULL. Stops at the first non-zero answer of each() and returns it; 0 otherwise.
 */
int bc_criteria_row_each(const char *met, const char *since, int (*each)(unsigned number,
    int is_met, int has_since, struct bc_date since, void *), void *arg);

#endif
