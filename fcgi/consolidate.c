/*
 * consolidate — sums and checks for the consolidated report. Amounts are for the period at
 * the reporting unit's own level (PROTOCOL.md), so summing over the units in scope counts
 * nothing twice; within one unit they come from reports that cover the period once, none
 * overlapping another: its report for the period, else the same choice for each of the
 * period's parts (bc_period_parts), down to the months, which have no parts. Quotas
 * are seed 003's yearly provincial quotas; leaders may be at most 40% of all individuals
 * nominated (DOMAIN.md reads the seed that way, and so do we).
 */
#include <stdint.h>
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

/* Each period of the year asked has a bit: months 0–11, quarters 12–15, halves 16–17, nine
 * months 18, the year 19. So what a unit filed is one word and the reports that cover the
 * period for it are another, and choosing them is bit arithmetic on a handful of periods. */
static const int first_bit[BC_CADENCE_ADHOC] = {
	[BC_CADENCE_MONTH] = 0, [BC_CADENCE_QUARTER] = 12, [BC_CADENCE_HALF] = 16,
	[BC_CADENCE_NINE_MONTHS] = 18, [BC_CADENCE_YEAR] = 19,
};

static uint32_t
bit_of(const struct bc_period *p)
{
	if ((unsigned)p->cadence >= BC_CADENCE_ADHOC)
		return 0;
	return UINT32_C(1) << (first_bit[p->cadence] + (p->index > 0 ? p->index - 1 : 0));
}

/* The bit of a row's period, 0 when it is of another year or no period of a cadence. */
static uint32_t
row_bit(const struct bc_fact_row *row, int year)
{
	struct bc_period p;

	return bc_period_parse_any(&p, row->period) == 0 && p.year == year ? bit_of(&p) : 0;
}

/* The months (bits 0-11) a period's bit spans. */
static uint32_t
months_of_bit(int b)
{
	if (b < 12)
		return UINT32_C(1) << b;
	if (b < 16)
		return UINT32_C(7) << (3 * (b - 12));
	if (b < 18)
		return UINT32_C(0x3f) << (6 * (b - 16));
	return b == 18 ? UINT32_C(0x1ff) : UINT32_C(0xfff);
}

/* The months the reports of `bits` span together. */
static uint32_t
months_of(uint32_t bits)
{
	uint32_t months = 0;
	int b;

	for (b = 0; b < 20; b++)
		if (bits & (UINT32_C(1) << b))
			months |= months_of_bit(b);
	return months;
}

/* The reports that cover p for a unit that filed those of `filed`: its report for p if it
 * filed one, else the cover of each of p's parts; a month without its report stays empty. */
static uint32_t
cover(uint32_t filed, const struct bc_period *p)
{
	struct bc_period part[BC_PERIOD_PARTS_MAX];
	uint32_t chosen = 0;
	size_t i, n;

	if ((filed & bit_of(p)) != 0)
		return bit_of(p);
	n = bc_period_parts(p, part);
	for (i = 0; i < n; i++)
		chosen |= cover(filed, &part[i]);
	return chosen;
}

/* The index of the source in c->sources, added if new; -1 when the table is full. */
static long
source_of(struct bc_consolidated *c, const char *source)
{
	size_t i;

	for (i = 0; i < c->nsources && strcmp(c->sources[i].source, source) != 0; i++)
		;
	if (i == c->nsources) {
		if (c->nsources == BC_CONSOLIDATE_SOURCES)
			return -1;
		/* a source is a short enumerated word; a longer one is cut, never overflowed */
		snprintf(c->sources[c->nsources++].source, sizeof(c->sources[0].source), "%.*s",
		    (int)sizeof(c->sources[0].source) - 1, source);
	}
	return (long)i;
}

/* The rows in scope grouped by unit, each with the bit of its period: unit u's are
 * at[first[u]] .. at[first[u + 1] - 1], in their order (a counting sort on the unit). */
struct by_unit {
	size_t *first, *at;
	uint32_t *bit;
};

static int
group_by_unit(struct by_unit *g, const struct scope_index *x, int year,
    const struct bc_fact_row *rows, size_t n)
{
	size_t *fill = malloc((x->n + 1) * sizeof(*fill)), u, i;
	long *unit = malloc((n + 1) * sizeof(*unit));
	int rc = -1;

	g->first = calloc(x->n + 2, sizeof(*g->first));
	g->at = malloc((n + 1) * sizeof(*g->at));
	g->bit = malloc((n + 1) * sizeof(*g->bit));
	if (fill == NULL || unit == NULL || g->first == NULL || g->at == NULL || g->bit == NULL)
		goto cleanup;
	for (i = 0; i < n; i++)
		if ((unit[i] = unit_of(x, rows[i].unit)) >= 0)
			g->first[unit[i] + 1]++;
	for (u = 0; u < x->n; u++) {
		g->first[u + 1] += g->first[u];
		fill[u] = g->first[u];
	}
	for (i = 0; i < n; i++)
		if (unit[i] >= 0) {
			g->bit[fill[unit[i]]] = row_bit(&rows[i], year);
			g->at[fill[unit[i]]++] = i;
		}
	rc = 0;
cleanup:
	free(fill);
	free(unit);
	return rc;
}

/* One unit's amounts, from the reports that cover the period for it, into the totals. A
 * source counts the unit when the unit's amounts for it add up to more than nothing. */
static void
add_unit(struct bc_consolidated *c, const struct bc_period *period, const struct by_unit *g,
    const struct bc_fact_row *rows, size_t u)
{
	bc_amount_sum mine[BC_CONSOLIDATE_SOURCES] = { 0 };
	uint32_t filed = 0, chosen;
	size_t i;
	long s;

	for (i = g->first[u]; i < g->first[u + 1]; i++)
		filed |= g->bit[i];
	chosen = cover(filed, period);
	for (i = g->first[u]; i < g->first[u + 1]; i++)
		if ((g->bit[i] & chosen) != 0 && (s = source_of(c, rows[g->at[i]].field[0])) >= 0)
			mine[s] += strtoull(rows[g->at[i]].field[1], NULL, 10);
	for (s = 0; s < (long)c->nsources; s++) {
		c->sources[s].amount += mine[s];
		c->sources[s].units += mine[s] > 0;
		c->total += mine[s];
	}
	c->has_data[u] = chosen == 0 ? BC_COVER_NONE :
	    months_of(chosen) == months_of(bit_of(period)) ? BC_COVER_WHOLE : BC_COVER_PART;
	c->from_shorter += chosen != 0 && chosen != bit_of(period);
}

static int
sum_amounts(struct bc_consolidated *c, const struct bc_period *period,
    const struct scope_index *x, const struct bc_fact_row *rows, size_t n)
{
	struct by_unit g = { NULL, NULL, NULL };
	size_t u;
	int rc = -1;

	if (group_by_unit(&g, x, period->year, rows, n) != 0)
		goto cleanup;
	for (u = 0; u < x->n; u++)
		add_unit(c, period, &g, rows, u);
	rc = 0;
cleanup:
	free(g.first);
	free(g.at);
	free(g.bit);
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
		/* one figure per code and unit: 3 km and 3 % are not 6 of anything */
		for (k = 0; k < c->nindicators; k++)
			if (strcmp(c->indicators[k].code, rows[i].field[0]) == 0 &&
			    strcmp(c->indicators[k].unit, rows[i].field[2]) == 0)
				break;
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
	return c->has_data != NULL && c->has_data[u - c->units] != BC_COVER_NONE;
}

int
bc_consolidated_covered(const struct bc_consolidated *c, const struct bc_unit *u)
{
	return c->has_data != NULL && c->has_data[u - c->units] == BC_COVER_WHOLE;
}

void
bc_amount_format(char out[BC_AMOUNT_DIGITS], bc_amount_sum v)
{
	char digits[BC_AMOUNT_DIGITS];
	size_t n = 0, i;

	do {
		digits[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		out[i] = digits[n - 1 - i];
	out[n] = '\0';
}
