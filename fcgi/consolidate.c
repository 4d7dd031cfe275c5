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

static int
in_scope(const struct bc_unit *units, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(units[i].code, code) == 0)
			return 1;
	return 0;
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
		snprintf(c->sources[c->nsources++].source, sizeof(c->sources[0].source), "%s", source);
	}
	c->sources[i].amount += amount;
	c->sources[i].units++;
	c->total += amount;
}

/* Per unit: its report for the period itself, or else its months within the period. */
static void
sum_amounts(struct bc_consolidated *c, const struct bc_period *period,
    const struct bc_unit *units, size_t nunits, const struct bc_fact_row *rows, size_t n)
{
	char name[97];
	size_t u, i;

	bc_period_format(name, sizeof(name), period);
	for (u = 0; u < nunits; u++) {
		int own = 0, months = 0;

		for (i = 0; i < n; i++)
			own |= strcmp(rows[i].unit, units[u].code) == 0 &&
			    strcmp(rows[i].period, name) == 0;
		for (i = 0; i < n; i++) {
			struct bc_period p;

			if (strcmp(rows[i].unit, units[u].code) != 0 || period_of(&p, rows[i].period) != 0)
				continue;
			if (own ? strcmp(rows[i].period, name) == 0 :
			    p.cadence == BC_CADENCE_MONTH && period->cadence != BC_CADENCE_MONTH &&
			    bc_period_contains(period, &p)) {
				add_amount(c, rows[i].field[0], strtoull(rows[i].field[1], NULL, 10));
				months |= !own;
				if (c->has_data != NULL)
					c->has_data[u] = 1;
			}
		}
		c->from_months += months;
	}
}

static void
sum_indicators(struct bc_consolidated *c, const struct bc_period *period,
    const struct bc_unit *units, size_t nunits, const struct bc_fact_row *rows, size_t n)
{
	char name[97];
	size_t i, k;

	bc_period_format(name, sizeof(name), period);
	for (i = 0; i < n; i++) {
		struct bc_indicator_total *t;
		double v = strtod(rows[i].field[1], NULL);

		if (strcmp(rows[i].period, name) != 0 || !in_scope(units, nunits, rows[i].unit))
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
count_nominations(struct bc_consolidated *c, const struct bc_unit *units, size_t nunits,
    const struct bc_fact_row *rows, size_t n)
{
	size_t i, k, ncat = sizeof(quotas) / sizeof(quotas[0]);

	for (k = 0; k < ncat; k++) {
		c->categories[k].category = quotas[k].category;
		c->categories[k].quota = quotas[k].quota;
	}
	for (i = 0; i < n; i++) {
		if (!in_scope(units, nunits, rows[i].unit))
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

void
bc_consolidate(struct bc_consolidated *c, const struct bc_period *period,
    const struct bc_unit *units, size_t nunits,
    const struct bc_fact_row *amounts, size_t namounts,
    const struct bc_fact_row *indicators, size_t nindicators,
    const struct bc_fact_row *nominations, size_t nnominations)
{
	memset(c, 0, sizeof(*c));
	c->units = units;
	c->has_data = calloc(nunits + 1, 1);
	sum_amounts(c, period, units, nunits, amounts, namounts);
	sum_indicators(c, period, units, nunits, indicators, nindicators);
	count_nominations(c, units, nunits, nominations, nnominations);
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
