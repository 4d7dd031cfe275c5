/*
 * consolidate — sums and checks for the consolidated report. Amounts are for the period at
 * the reporting unit's own level (PROTOCOL.md), so summing over the units in scope counts
 * nothing twice. Quotas are seed 003's yearly provincial quotas; leaders may be at most 40% of
 * all individuals nominated (DOMAIN.md reads the seed that way, and so do we).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/consolidate.h"

static const struct { const char *category; int quota; } quotas[] = {
	{ "1.1", 3 }, { "1.2", 2 }, { "1.3", -1 }, { "1.4", 10 }, { "1.5.1", 5 }, { "1.5.2", 5 },
	{ "1.6", 15 },
};

#define LEADERS_PERCENT_MAX 40

/* The scope's codes sorted, each with its index in units, so that a row finds its unit by a
 * binary search: a province's year holds tens of thousands of rows and hundreds of units. */
struct scope_entry {
	const char *code;
	size_t unit;
};

struct scope_index {
	struct scope_entry *v;
	size_t n;
};

static int
by_code(const void *a, const void *b)
{
	return strcmp(((const struct scope_entry *)a)->code, ((const struct scope_entry *)b)->code);
}

/* The index in units of the unit with that code, or -1 when it is outside the scope. */
static long
unit_of(const struct scope_index *x, const char *code)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(x->v[mid].code, code);

		if (c == 0)
			return (long)x->v[mid].unit;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
period_of(struct bc_period *p, const char *name)
{
	int c;

	for (c = 0; c < BC_CADENCE_ADHOC; c++)
		if (bc_period_parse(p, (enum bc_cadence)c, name) == 0)
			return 0;
	return -1;
}

static void
add_amount(struct bc_consolidated *c, const char *source, unsigned long long amount)
{
	size_t i;

	for (i = 0; i < c->nsources && strcmp(c->sources[i].source, source) != 0; i++)
		;
	if (i == c->nsources) {
		if (c->nsources == BC_CONSOLIDATE_SOURCES)
			return;
		/* a source is a short enumerated word; a longer one is cut, never overflowed */
		snprintf(c->sources[c->nsources++].source, sizeof(c->sources[0].source), "%.*s",
		    (int)sizeof(c->sources[0].source) - 1, source);
	}
	c->sources[i].amount += amount;
	c->sources[i].units++;
	c->total += amount;
}

/* Per unit: its report for the period itself, or else its months within the period. The rows
 * are grouped by unit first (a counting sort on the unit's index, keeping their order). */
static int
sum_amounts(struct bc_consolidated *c, const struct bc_period *period,
    const struct scope_index *x, const struct bc_fact_row *rows, size_t n)
{
	size_t *first = calloc(x->n + 2, sizeof(*first)), *fill = malloc((x->n + 1) * sizeof(*fill));
	size_t *grouped = malloc((n + 1) * sizeof(*grouped));
	long *unit = malloc((n + 1) * sizeof(*unit));
	char name[97];
	size_t u, i;
	int rc = -1;

	if (first == NULL || fill == NULL || grouped == NULL || unit == NULL)
		goto cleanup;
	for (i = 0; i < n; i++)
		if ((unit[i] = unit_of(x, rows[i].unit)) >= 0)
			first[unit[i] + 1]++;
	for (u = 0; u < x->n; u++) {
		first[u + 1] += first[u];
		fill[u] = first[u];
	}
	for (i = 0; i < n; i++)
		if (unit[i] >= 0)
			grouped[fill[unit[i]]++] = i;
	bc_period_format(name, sizeof(name), period);
	for (u = 0; u < x->n; u++) {
		int own = 0, months = 0;

		for (i = first[u]; i < first[u + 1]; i++)
			own |= strcmp(rows[grouped[i]].period, name) == 0;
		for (i = first[u]; i < first[u + 1]; i++) {
			const struct bc_fact_row *row = &rows[grouped[i]];
			struct bc_period p;

			if (period_of(&p, row->period) != 0)
				continue;
			if (own ? strcmp(row->period, name) == 0 :
			    p.cadence == BC_CADENCE_MONTH && period->cadence != BC_CADENCE_MONTH &&
			    bc_period_contains(period, &p)) {
				add_amount(c, row->field[0], strtoull(row->field[1], NULL, 10));
				months |= !own;
				c->has_data[u] = 1;
			}
		}
		c->from_months += months;
	}
	rc = 0;
cleanup:
	free(first);
	free(fill);
	free(grouped);
	free(unit);
	return rc;
}

static void
sum_indicators(struct bc_consolidated *c, const struct bc_period *period,
    const struct scope_index *x, const struct bc_fact_row *rows, size_t n)
{
	char name[97];
	size_t i, k;

	bc_period_format(name, sizeof(name), period);
	for (i = 0; i < n; i++) {
		struct bc_indicator_total *t;
		double v = strtod(rows[i].field[1], NULL);

		if (strcmp(rows[i].period, name) != 0 || unit_of(x, rows[i].unit) < 0)
			continue;
		for (k = 0; k < c->nindicators && strcmp(c->indicators[k].code, rows[i].field[0]) != 0;
		    k++)
			;
		if (k == c->nindicators) {
			if (k == BC_CONSOLIDATE_INDICATORS)
				continue;
			t = &c->indicators[c->nindicators++];
			snprintf(t->code, sizeof(t->code), "%s", rows[i].field[0]);
			snprintf(t->unit, sizeof(t->unit), "%s", rows[i].field[2]);
			t->min = t->max = v;
		}
		t = &c->indicators[k];
		t->count++;
		t->sum += v;
		if (v < t->min)
			t->min = v;
		if (v > t->max)
			t->max = v;
	}
}

static void
breach(struct bc_consolidated *c, const char *fmt, unsigned a, int b)
{
	if (c->nbreaches < BC_CONSOLIDATE_BREACHES)
		snprintf(c->breaches[c->nbreaches++], sizeof(c->breaches[0]), fmt, a, b);
}

static void
count_nominations(struct bc_consolidated *c, const struct scope_index *x,
    const struct bc_fact_row *rows, size_t n)
{
	size_t i, k, ncat = sizeof(quotas) / sizeof(quotas[0]);

	for (k = 0; k < ncat; k++) {
		c->categories[k].category = quotas[k].category;
		c->categories[k].quota = quotas[k].quota;
	}
	for (i = 0; i < n; i++) {
		if (unit_of(x, rows[i].unit) < 0)
			continue;
		for (k = 0; k < ncat && strcmp(quotas[k].category, rows[i].field[0]) != 0; k++)
			;
		if (k < ncat)
			c->categories[k].nominated++;
		if (strcmp(rows[i].field[1], "individual") == 0) {
			c->individuals++;
			c->leaders += strcmp(rows[i].field[2], "1") == 0;
		}
	}
	for (k = 0; k < ncat; k++)
		if (quotas[k].quota >= 0 && c->categories[k].nominated > (unsigned)quotas[k].quota) {
			char fmt[160];

			snprintf(fmt, sizeof(fmt), "category %s: %%u nominated, the quota is %%d",
			    quotas[k].category);
			breach(c, fmt, c->categories[k].nominated, quotas[k].quota);
		}
	if (c->individuals > 0 && c->leaders * 100 > LEADERS_PERCENT_MAX * c->individuals)
		breach(c, "leaders: %u of the individuals nominated, more than %d%%", c->leaders,
		    LEADERS_PERCENT_MAX);
}

int
bc_consolidate(struct bc_consolidated *c, const struct bc_period *period,
    const struct bc_unit *units, size_t nunits,
    const struct bc_fact_row *amounts, size_t namounts,
    const struct bc_fact_row *indicators, size_t nindicators,
    const struct bc_fact_row *nominations, size_t nnominations)
{
	struct scope_index x = { malloc((nunits + 1) * sizeof(*x.v)), nunits };
	size_t i;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	c->units = units;
	c->has_data = calloc(nunits + 1, 1);
	if (x.v == NULL || c->has_data == NULL)
		goto cleanup;
	for (i = 0; i < nunits; i++)
		x.v[i] = (struct scope_entry){ units[i].code, i };
	qsort(x.v, nunits, sizeof(*x.v), by_code);
	if (sum_amounts(c, period, &x, amounts, namounts) != 0)
		goto cleanup;
	sum_indicators(c, period, &x, indicators, nindicators);
	count_nominations(c, &x, nominations, nnominations);
	rc = 0;
cleanup:
	free(x.v);
	return rc;
}

void
bc_consolidated_free(struct bc_consolidated *c)
{
	free(c->has_data);
	c->has_data = NULL;
}

int
bc_consolidated_has_data(const struct bc_consolidated *c, const struct bc_unit *u)
{
	return c->has_data != NULL && c->has_data[u - c->units];
}
