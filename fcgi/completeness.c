/*
 * completeness — from the units in scope and their filings to each unit's state and the
 * totals. Pure, so the rules of who is expected and what counts as on time are tested on
 * small hand-built registries; the store supplies the rows and render writes them out.
 *
 * A unit is expected when the catalogue lets its kind file the type with the period's
 * cadence and it exists for the whole period (for an ad hoc request: on its due date). Its
 * state comes from its first revision (received on or before the deadline: on time; after:
 * late); the newest revision is the one that counts in consolidation, so its DocumentId and
 * filer are shown.
 */
#include <stdlib.h>
#include <string.h>

#include "baocao/completeness.h"

static const char *const state_names[BC_FILING_STATE__MAX] = {
	[BC_FILED_ON_TIME] = "on-time",
	[BC_FILED_LATE] = "late",
	[BC_MISSING] = "missing",
	[BC_NOT_DUE] = "not-due",
};

const char *
bc_filing_state_name(enum bc_filing_state s)
{
	return state_names[s];
}

static int
by_unit(const void *a, const void *b)
{
	const struct bc_filing_row *x = a, *y = b;
	int c = strcmp(x->unit, y->unit);

	return c != 0 ? c : (x->revision > y->revision) - (x->revision < y->revision);
}

/* The filings of one unit, sorted by revision: [*first, *first + *n). */
static void
filings_of(const struct bc_filing_row *sorted, size_t n, const char *unit, size_t *first,
    size_t *count)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(sorted[mid].unit, unit) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (*count = 0; lo + *count < n && strcmp(sorted[lo + *count].unit, unit) == 0; (*count)++)
		;
}

static int
expected(const struct bc_report_type *type, const struct bc_period *p, const struct bc_unit *u)
{
	struct bc_date first, last;

	bc_period_presence(p, &first, &last);
	return bc_report_type_may_use(type, u->kind, p->cadence) &&
	    bc_unit_valid_during(u, first, last);
}

static void
fill_row(struct bc_completeness_row *row, const struct bc_filing_row *f, size_t n,
    struct bc_date today)
{
	if (n == 0) {
		row->state = bc_date_cmp(today, row->deadline) > 0 ? BC_MISSING : BC_NOT_DUE;
		return;
	}
	row->revisions = (unsigned)n;
	row->state = f[0].on_time ? BC_FILED_ON_TIME : BC_FILED_LATE;
	row->received_us = f[0].received_us;
	memcpy(row->document_id, f[n - 1].document_id, sizeof(row->document_id));
	memcpy(row->filed_by, f[n - 1].filed_by, sizeof(row->filed_by));
}

int
bc_completeness_compute(struct bc_completeness *out, const struct bc_report_type *type,
    const struct bc_period *period, const struct bc_unit *units, size_t nunits,
    const struct bc_filing_row *filings, size_t nfilings, struct bc_date today,
    struct bc_date (*deadline_of)(void *, const struct bc_period *, enum bc_level),
    void *deadline_arg)
{
	struct bc_filing_row *sorted = NULL;
	size_t i, first, n;

	memset(out, 0, sizeof(*out));
	out->period = *period;
	out->type = type;
	bc_period_format(out->period_name, sizeof(out->period_name), period);
	if ((out->rows = calloc(nunits + 1, sizeof(*out->rows))) == NULL ||
	    (sorted = malloc((nfilings + 1) * sizeof(*sorted))) == NULL) {
		bc_completeness_free(out);
		return -1;
	}
	if (nfilings > 0)
		memcpy(sorted, filings, nfilings * sizeof(*sorted));
	qsort(sorted, nfilings, sizeof(*sorted), by_unit);
	for (i = 0; i < nunits; i++) {
		struct bc_completeness_row *row;

		if (!expected(type, period, &units[i]))
			continue;
		row = &out->rows[out->nrows++];
		row->unit = &units[i];
		row->deadline = deadline_of(deadline_arg, period, bc_unit_level(units[i].kind));
		filings_of(sorted, nfilings, units[i].code, &first, &n);
		fill_row(row, sorted + first, n, today);
		out->by_kind[units[i].kind].expected++;
		out->by_kind[units[i].kind].count[row->state]++;
		out->all.expected++;
		out->all.count[row->state]++;
	}
	free(sorted);
	return 0;
}

void
bc_completeness_free(struct bc_completeness *c)
{
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

double
bc_completeness_reporting_rate(const struct bc_completeness_totals *t)
{
	return t->expected == 0 ? 0 :
	    100.0 * (t->count[BC_FILED_ON_TIME] + t->count[BC_FILED_LATE]) / t->expected;
}

double
bc_completeness_on_time_rate(const struct bc_completeness_totals *t)
{
	return t->expected == 0 ? 0 : 100.0 * t->count[BC_FILED_ON_TIME] / t->expected;
}
