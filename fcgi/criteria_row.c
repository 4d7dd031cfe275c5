/*
 * criteria_row — packs a report's criterion facts into one row per commune and reads a
 * criterion back out of such a row (the format: include/baocao/criteria_row.h). The facts
 * of a commune are usually next to each other in a report, but nothing requires it, so they
 * are grouped by sorting.
 */
#include <stdlib.h>
#include <string.h>

#include "baocao/catalogue.h"
#include "baocao/criteria_row.h"

static const char NO_SINCE[] = "----------";

struct sort_key {
	const char *commune;
	size_t fact;
};

static int
by_commune(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;
	int c = strcmp(x->commune, y->commune);

	return c != 0 ? c : (x->fact > y->fact) - (x->fact < y->fact);
}

/* s begins with YYYY-MM-DD, by its form (the schemas check that it is a day); stops at the
 * first character that does not fit, so never reads past a NUL. */
static int
begins_with_day(const char *s)
{
	size_t i;

	for (i = 0; i < BC_CRITERIA_SINCE_LEN; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static void
row_start(struct bc_criteria_row *row, const char *commune)
{
	row->commune = commune;
	row->top = 0;
	row->dated = 0;
	memset(row->met, '-', sizeof(row->met) - 1);
	row->met[sizeof(row->met) - 1] = '\0';
}

/* The row as stored: met and since cut after the highest criterion stated, the since of a
 * criterion not stated blank (row_add wrote those of the stated ones). */
static void
row_finish(struct bc_criteria_row *row)
{
	size_t n;

	for (n = 0; n < row->top; n++)
		if (row->met[n] == '-')
			memcpy(row->since + n * BC_CRITERIA_SINCE_LEN, NO_SINCE, BC_CRITERIA_SINCE_LEN);
	row->met[row->top] = '\0';
	row->since[row->top * BC_CRITERIA_SINCE_LEN] = '\0';
}

static int
row_add(struct bc_criteria_row *row, const struct bc_fact *f, int number_field, int met_field,
    int since_field)
{
	const char *number = f->fields[number_field], *since = f->fields[since_field];
	char *end;
	long n;

	if (number == NULL || (n = strtol(number, &end, 10)) < 1 || n > BC_CRITERIA_ROW_MAX ||
	    end == number || *end != '\0')
		return -1;
	if (since != NULL && (strlen(since) != BC_CRITERIA_SINCE_LEN || !begins_with_day(since)))
		return -1;
	row->met[n - 1] = f->fields[met_field] != NULL && strcmp(f->fields[met_field], "1") == 0 ?
	    '1' : '0';
	memcpy(row->since + (n - 1) * BC_CRITERIA_SINCE_LEN, since != NULL ? since : NO_SINCE,
	    BC_CRITERIA_SINCE_LEN);
	row->dated |= since != NULL;
	if ((size_t)n > row->top)
		row->top = (size_t)n;
	return 0;
}

int
bc_criteria_rows(const struct bc_facts *facts, int (*each)(const struct bc_criteria_row *,
    void *), void *arg)
{
	int commune = bc_fact_field(BC_FACT_CRITERION, "commune");
	int number = bc_fact_field(BC_FACT_CRITERION, "number");
	int met = bc_fact_field(BC_FACT_CRITERION, "met");
	int since = bc_fact_field(BC_FACT_CRITERION, "since");
	struct bc_criteria_row *row = NULL;
	struct sort_key *keys = NULL;
	size_t i, n = 0;
	int rc = 0;

	for (i = 0; i < facts->n; i++)
		n += facts->v[i].kind == BC_FACT_CRITERION;
	if (n == 0)
		return 0;
	if ((keys = calloc(n, sizeof(*keys))) == NULL || (row = malloc(sizeof(*row))) == NULL) {
		rc = -1;
		goto cleanup;
	}
	for (i = 0, n = 0; i < facts->n; i++) {
		if (facts->v[i].kind != BC_FACT_CRITERION)
			continue;
		if (facts->v[i].fields[commune] == NULL) {
			rc = -1;
			goto cleanup;
		}
		keys[n++] = (struct sort_key){ facts->v[i].fields[commune], i };
	}
	qsort(keys, n, sizeof(*keys), by_commune);
	for (i = 0; i < n && rc == 0; i++) {
		if (i == 0 || strcmp(keys[i].commune, keys[i - 1].commune) != 0)
			row_start(row, keys[i].commune);
		if (row_add(row, &facts->v[keys[i].fact], number, met, since) != 0) {
			rc = -1;
			break;
		}
		if (i + 1 == n || strcmp(keys[i + 1].commune, keys[i].commune) != 0) {
			row_finish(row);
			rc = each(row, arg);
		}
	}
cleanup:
	free(keys);
	free(row);
	return rc;
}

static int
digits(const char *s, size_t len)
{
	int v = 0;

	while (len-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

int
bc_criteria_row_each(const char *met, const char *since, int (*each)(unsigned number,
    int is_met, int has_since, struct bc_date since, void *), void *arg)
{
	size_t n, dated = since != NULL ? strlen(since) / BC_CRITERIA_SINCE_LEN : 0;
	const char *d;
	int rc, has_since;

	for (n = 0; met[n] != '\0'; n++) {
		struct bc_date day = { 0, 0, 0 };

		if (met[n] != '0' && met[n] != '1')
			continue;
		has_since = 0;
		if (n < dated && begins_with_day(d = since + n * BC_CRITERIA_SINCE_LEN)) {
			has_since = 1;
			day = (struct bc_date){ digits(d, 4), digits(d + 5, 2), digits(d + 8, 2) };
		}
		if ((rc = each((unsigned)n + 1, met[n] == '1', has_since, day, arg)) != 0)
			return rc;
	}
	return 0;
}
