/*
 * check_consolidate — the consolidated report's sums and quota checks on rows built here:
 * a quarter summed from a unit's months when it filed no quarterly report, a unit's own
 * quarterly report counting instead of its months, units outside the scope left out; every
 * period covered per unit by its own report or else, part by part, by those of its halves,
 * quarters and months, never two that overlap; a source's units counted once each; and the
 * award quotas of DOMAIN.md (at most 2 districts under 1.2; leaders at most 40% of all
 * individuals nominated).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "baocao/consolidate.h"

static struct bc_fact_row
row(const char *unit, const char *period, const char *a, const char *b, const char *c)
{
	struct bc_fact_row r;

	memset(&r, 0, sizeof(r));
	r.unit = unit;
	r.period = period;
	r.field[0] = a;
	r.field[1] = b;
	r.field[2] = c;
	r.field[3] = r.field[4] = "";
	return r;
}

static struct bc_unit
unit(const char *code)
{
	struct bc_unit u;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	return u;
}

static struct bc_period
period_named(const char *name)
{
	struct bc_period p;

	ck_assert_msg(bc_period_parse_any(&p, name) == 0, "no period %s", name);
	return p;
}

/* The amounts of rows for the period named, over the scope of units. */
static void
consolidate(struct bc_consolidated *c, const char *period, const struct bc_unit *units,
    size_t nunits, const struct bc_fact_row *rows, size_t nrows)
{
	struct bc_period p = period_named(period);

	ck_assert_int_eq(bc_consolidate(c, &p, units, nunits, rows, nrows, NULL, 0, NULL, 0), 0);
}

#define N(table) (sizeof(table) / sizeof((table)[0]))

/* Scenarios over a scope of up to three units, each unit of which has data. */
#define R(u, p, source, a) { (u), (p), { (source), (a), "", "", "" } }

static const struct {
	const char *what, *period, *units[3];
	struct bc_fact_row rows[8];
	struct { const char *source; unsigned long long amount; unsigned units; } want[3];
	unsigned long long total;
	unsigned from_shorter;
} scenarios[] = {
	{ "a quarter sums the months where no quarterly report exists", "2024-Q1", { "A", "B" },
	  { R("A", "2024-01", "people", "100"), R("A", "2024-02", "people", "20"),
	    R("A", "2024-03", "people", "3"),
	    R("A", "2024-04", "people", "9000"),	/* another quarter */
	    R("B", "2024-Q1", "people", "1000"),	/* its own quarterly report */
	    R("B", "2024-02", "people", "7"),		/* so its months do not count */
	    R("C", "2024-Q1", "people", "50000") },	/* not in scope */
	  { { "people", 1123, 2 } }, 1123, 1 },
	/* the audit's: three reports, but two units giving central-budget money */
	{ "a source counts each unit once however many reports", "2025-Q1", { "29512", "29515" },
	  { R("29512", "2025-01", "central-budget", "1"),
	    R("29512", "2025-02", "central-budget", "1"), R("29512", "2025-02", "people", "40"),
	    R("29515", "2025-Q1", "central-budget", "5") },
	  { { "central-budget", 7, 2 }, { "people", 40, 1 } }, 47, 1 },
	/* a stated 0 is data (the unit is not missing) but no contribution to the source */
	{ "a unit stating 0 for a source is not among its units", "2025-Q1", { "A", "B" },
	  { R("A", "2025-Q1", "credit", "0"), R("B", "2025-Q1", "credit", "30") },
	  { { "credit", 30, 1 } }, 30, 0 },
};

START_TEST(sources_sum_the_units_amounts_and_count_the_units_giving_them)
{
	static struct bc_consolidated c;
	struct bc_unit units[3];
	size_t nunits, nrows, k;

	for (nunits = 0; nunits < 3 && scenarios[_i].units[nunits] != NULL; nunits++)
		units[nunits] = unit(scenarios[_i].units[nunits]);
	for (nrows = 0; nrows < N(scenarios[_i].rows) && scenarios[_i].rows[nrows].unit != NULL;
	    nrows++)
		;
	consolidate(&c, scenarios[_i].period, units, nunits, scenarios[_i].rows, nrows);
	for (k = 0; k < N(scenarios[_i].want) && scenarios[_i].want[k].source != NULL; k++) {
		ck_assert_msg(k < c.nsources, "%s: no source %s", scenarios[_i].what,
		    scenarios[_i].want[k].source);
		ck_assert_msg(strcmp(c.sources[k].source, scenarios[_i].want[k].source) == 0 &&
		    c.sources[k].amount == scenarios[_i].want[k].amount &&
		    c.sources[k].units == scenarios[_i].want[k].units,
		    "%s: source %s: %s %llu from %u units", scenarios[_i].what,
		    scenarios[_i].want[k].source, c.sources[k].source,
		    (unsigned long long)c.sources[k].amount,
		    c.sources[k].units);
	}
	ck_assert_msg(c.nsources == k && c.total == scenarios[_i].total &&
	    c.from_shorter == scenarios[_i].from_shorter, "%s: %zu sources, total %llu, "
	    "from shorter %u", scenarios[_i].what, c.nsources, (unsigned long long)c.total,
	    c.from_shorter);
	for (k = 0; k < nunits; k++)
		ck_assert_msg(bc_consolidated_has_data(&c, &units[k]), "%s: %s has no data",
		    scenarios[_i].what, units[k].code);
	bc_consolidated_free(&c);
}
END_TEST

/*
 * A year of five units, each amount a different figure so that a total says which reports
 * were counted: Q filed only quarters; M its first quarter and also that quarter's months and
 * the second quarter's months; H its first half, a first quarter inside it, and the months of
 * the second half; Y its year and a quarter and a month of it; N its nine months and Q4.
 * Q's December of the year before belongs to no period of 2025.
 */
#define AMOUNT(u, p, a) R((u), (p), "people", (a))

static const struct bc_fact_row year_rows[] = {
	AMOUNT("Q", "2024-12", "77777"),
	AMOUNT("Q", "2025-Q1", "1"), AMOUNT("Q", "2025-Q2", "10"),
	AMOUNT("Q", "2025-Q3", "100"), AMOUNT("Q", "2025-Q4", "1000"),
	AMOUNT("M", "2025-Q1", "5000"),
	AMOUNT("M", "2025-01", "1"), AMOUNT("M", "2025-02", "2"), AMOUNT("M", "2025-03", "4"),
	AMOUNT("M", "2025-04", "10"), AMOUNT("M", "2025-05", "20"), AMOUNT("M", "2025-06", "40"),
	AMOUNT("H", "2025-H1", "700000"), AMOUNT("H", "2025-Q1", "90000"),
	AMOUNT("H", "2025-07", "1"), AMOUNT("H", "2025-08", "2"), AMOUNT("H", "2025-09", "4"),
	AMOUNT("H", "2025-10", "8"), AMOUNT("H", "2025-11", "16"), AMOUNT("H", "2025-12", "32"),
	AMOUNT("Y", "2025", "3"), AMOUNT("Y", "2025-Q2", "300"), AMOUNT("Y", "2025-05", "30000"),
	AMOUNT("N", "2025-9M", "9"), AMOUNT("N", "2025-Q4", "90"),
};

static const struct {
	const char *unit, *period;
	unsigned long long total;
	unsigned from_shorter;
} covers[] = {
	/* the year: the yearly report, else per half the half-year's, else its quarters' */
	{ "Q", "2025", 1111, 1 },
	{ "M", "2025", 5000 + 10 + 20 + 40, 1 },	/* Q1 by its report, Q2 by its months */
	{ "H", "2025", 700000 + 63, 1 },		/* H1's report, not its Q1's */
	{ "Y", "2025", 3, 0 },
	{ "N", "2025", 90, 1 },				/* 9M overlaps H2: no part */
	/* halves and nine months */
	{ "Q", "2025-H2", 1100, 1 },
	{ "M", "2025-H1", 5070, 1 },
	{ "H", "2025-H1", 700000, 0 },
	{ "H", "2025-H2", 63, 1 },
	{ "Q", "2025-9M", 111, 1 },
	{ "M", "2025-9M", 5070, 1 },
	{ "H", "2025-9M", 700000 + 7, 1 },		/* the first half and Q3's months */
	{ "N", "2025-9M", 9, 0 },
	/* quarters and months, as before */
	{ "M", "2025-Q1", 5000, 0 },
	{ "M", "2025-Q2", 70, 1 },
	{ "M", "2025-Q3", 0, 0 },
	{ "H", "2025-Q1", 90000, 0 },
	{ "Y", "2025-Q2", 300, 0 },
	{ "Y", "2025-05", 30000, 0 },
	{ "Q", "2025-04", 0, 0 },			/* a month has no parts */
};

START_TEST(a_period_is_covered_by_its_own_report_or_else_by_its_parts)
{
	static struct bc_consolidated c;
	struct bc_unit scope[1] = { unit(covers[_i].unit) };

	consolidate(&c, covers[_i].period, scope, 1, year_rows, N(year_rows));
	ck_assert_msg(c.total == covers[_i].total && c.from_shorter == covers[_i].from_shorter,
	    "unit %s, %s: total %llu from shorter %u, expected %llu and %u", covers[_i].unit,
	    covers[_i].period, (unsigned long long)c.total, c.from_shorter, covers[_i].total,
	    covers[_i].from_shorter);
	ck_assert_msg(bc_consolidated_has_data(&c, &scope[0]) == (covers[_i].total > 0),
	    "unit %s, %s: has data %d", covers[_i].unit, covers[_i].period,
	    bc_consolidated_has_data(&c, &scope[0]));
	bc_consolidated_free(&c);
}
END_TEST

/* The five together: the sum of their covers, and per unit counted once. */
START_TEST(the_year_of_a_scope_sums_each_units_cover)
{
	static struct bc_consolidated c;
	struct bc_unit units[5] = { unit("Y"), unit("Q"), unit("M"), unit("H"), unit("N") };

	consolidate(&c, "2025", units, 5, year_rows, N(year_rows));
	ck_assert_uint_eq((unsigned long long)c.total, 3 + 1111 + 5070 + 700063 + 90);
	ck_assert_uint_eq(c.sources[0].units, 5);
	ck_assert_uint_eq(c.from_shorter, 4);
	bc_consolidated_free(&c);
}
END_TEST

/* Amounts as large as the schema lets through, from enough reports to pass 2^64: the sums
 * stay exact, where 64 bits would wrap to a small, plausible figure. */
START_TEST(sums_past_2_to_the_64_stay_exact)
{
	static const char *const codes[] = { "A", "B", "C" };
	static const char *const months[] = { "2024-01", "2024-02", "2024-03", "2024-04",
		"2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11",
		"2024-12" };
	static struct bc_fact_row rows[3 * 12];
	static struct bc_consolidated c;
	struct bc_unit units[3] = { unit("A"), unit("B"), unit("C") };
	char text[BC_AMOUNT_DIGITS];
	size_t u, m;

	for (u = 0; u < 3; u++)
		for (m = 0; m < 12; m++)
			rows[u * 12 + m] = row(codes[u], months[m], "people", "999999999999999999",
			    "");
	consolidate(&c, "2024", units, 3, rows, N(rows));
	bc_amount_format(text, c.total);
	ck_assert_str_eq(text, "35999999999999999964");	/* 36 x (10^18 - 1) */
	bc_amount_format(text, c.sources[0].amount);
	ck_assert_str_eq(text, "35999999999999999964");
	ck_assert_uint_eq(c.sources[0].units, 3);
	bc_amount_format(text, 0);
	ck_assert_str_eq(text, "0");
	bc_amount_format(text, ~(bc_amount_sum)0);
	ck_assert_str_eq(text, "340282366920938463463374607431768211455");
	bc_consolidated_free(&c);
}
END_TEST

/* A unit's amounts cover the period, or only part of it: two months of a quarter are counted
 * but short of the quarter; three months, the quarterly report or a half with the other
 * half's quarters are the whole. */
START_TEST(amounts_that_cover_part_of_the_period_are_told_apart)
{
	const struct bc_unit units[] = { unit("A"), unit("B"), unit("C"), unit("D"), unit("E") };
	const struct bc_fact_row rows[] = {
		row("A", "2024-01", "people", "1", ""), row("A", "2024-02", "people", "1", ""),
		row("B", "2024-Q1", "people", "1", ""),
		row("C", "2024-01", "people", "1", ""), row("C", "2024-02", "people", "1", ""),
		row("C", "2024-03", "people", "1", ""),
		row("D", "2024-H1", "people", "1", ""), row("D", "2024-Q3", "people", "1", ""),
		row("D", "2024-10", "people", "1", ""), row("D", "2024-11", "people", "1", ""),
		row("D", "2024-12", "people", "1", ""),
		row("E", "2024-9M", "people", "1", ""),
	};
	struct bc_consolidated c;

	consolidate(&c, "2024-Q1", units, N(units), rows, N(rows));
	ck_assert(bc_consolidated_has_data(&c, &units[0]) && !bc_consolidated_covered(&c, &units[0]));
	ck_assert(bc_consolidated_covered(&c, &units[1]));
	ck_assert(bc_consolidated_covered(&c, &units[2]));
	ck_assert(!bc_consolidated_has_data(&c, &units[3]));	/* a half is no part of Q1 */
	bc_consolidated_free(&c);
	consolidate(&c, "2024", units, N(units), rows, N(rows));
	ck_assert(bc_consolidated_covered(&c, &units[3]));	/* H1 + Q3 + three months */
	ck_assert(bc_consolidated_has_data(&c, &units[0]) && !bc_consolidated_covered(&c, &units[0]));
	ck_assert(!bc_consolidated_has_data(&c, &units[4]));	/* nine months never stand in */
	bc_consolidated_free(&c);
}
END_TEST

/* Indicators are aggregated per code and unit: the same code reported in two units is two
 * figures, not a sum of both under the first one's unit. */
START_TEST(an_indicator_in_two_units_is_two_figures)
{
	const struct bc_unit units[] = { unit("A"), unit("B"), unit("C") };
	const struct bc_fact_row rows[] = {
		row("A", "2024-Q1", "road", "3", "km"),
		row("B", "2024-Q1", "road", "40", "%"),
		row("C", "2024-Q1", "road", "5", "km"),
		row("C", "2024-01", "road", "900", "km"),	/* another period */
	};
	struct bc_period p = period_named("2024-Q1");
	struct bc_consolidated c;

	ck_assert_int_eq(bc_consolidate(&c, &p, units, N(units), NULL, 0, rows, N(rows), NULL, 0),
	    0);
	ck_assert_uint_eq(c.nindicators, 2);
	ck_assert_str_eq(c.indicators[0].unit, "km");
	ck_assert_uint_eq(c.indicators[0].count, 2);
	ck_assert(c.indicators[0].sum == 8.0 && c.indicators[0].min == 3.0 &&
	    c.indicators[0].max == 5.0);
	ck_assert_str_eq(c.indicators[1].unit, "%");
	ck_assert_uint_eq(c.indicators[1].count, 1);
	ck_assert(c.indicators[1].sum == 40.0);
	bc_consolidated_free(&c);
}
END_TEST

START_TEST(quotas_and_the_leaders_share_are_checked)
{
	static struct bc_consolidated c;
	struct bc_unit units[1] = { unit("A") };
	struct bc_fact_row rows[] = {
		row("A", "2024", "1.2", "collective", "0"),
		row("A", "2024", "1.2", "collective", "0"),
		row("A", "2024", "1.2", "collective", "0"),	/* a third district: quota 2 */
		row("A", "2024", "1.5.1", "individual", "1"),
		row("A", "2024", "1.5.1", "individual", "1"),
		row("A", "2024", "1.5.2", "individual", "0"),	/* 2 leaders of 3 individuals: 67% */
	};
	struct bc_period y;
	size_t i;
	int quota_breach = 0, leaders_breach = 0;

	ck_assert_int_eq(bc_period_parse(&y, BC_CADENCE_YEAR, "2024"), 0);
	bc_consolidate(&c, &y, units, 1, NULL, 0, NULL, 0, rows, sizeof(rows) / sizeof(rows[0]));
	ck_assert_uint_eq(c.individuals, 3);
	ck_assert_uint_eq(c.leaders, 2);
	for (i = 0; i < c.nbreaches; i++) {
		quota_breach |= strstr(c.breaches[i], "category 1.2: 3 nominated, the quota is 2") != NULL;
		leaders_breach |= strstr(c.breaches[i], "leaders: 2") != NULL;
	}
	ck_assert_msg(quota_breach && leaders_breach && c.nbreaches == 2, "breaches: %zu",
	    c.nbreaches);
	ck_assert(!bc_consolidated_has_data(&c, &units[0]));
	bc_consolidated_free(&c);
}
END_TEST

START_TEST(within_the_quotas_there_is_no_breach)
{
	static struct bc_consolidated c;
	struct bc_unit units[1] = { unit("A") };
	struct bc_fact_row rows[] = {
		row("A", "2024", "1.2", "collective", "0"),
		row("A", "2024", "1.5.1", "individual", "1"),
		row("A", "2024", "1.5.2", "individual", "0"),
		row("A", "2024", "1.6", "individual", "0"),
		row("A", "2024", "1.6", "individual", "0"),	/* 1 leader of 4: 25% */
	};
	struct bc_period y;

	bc_period_parse(&y, BC_CADENCE_YEAR, "2024");
	bc_consolidate(&c, &y, units, 1, NULL, 0, NULL, 0, rows, sizeof(rows) / sizeof(rows[0]));
	ck_assert_uint_eq(c.nbreaches, 0);
	bc_consolidated_free(&c);
}
END_TEST

Suite *
suite_consolidate(void)
{
	Suite *s = suite_create("consolidate");
	TCase *tc = tcase_create("sums");

	tcase_add_loop_test(tc, sources_sum_the_units_amounts_and_count_the_units_giving_them, 0,
	    (int)N(scenarios));
	tcase_add_loop_test(tc, a_period_is_covered_by_its_own_report_or_else_by_its_parts, 0,
	    (int)N(covers));
	tcase_add_test(tc, the_year_of_a_scope_sums_each_units_cover);
	tcase_add_test(tc, sums_past_2_to_the_64_stay_exact);
	tcase_add_test(tc, an_indicator_in_two_units_is_two_figures);
	tcase_add_test(tc, amounts_that_cover_part_of_the_period_are_told_apart);
	tcase_add_test(tc, quotas_and_the_leaders_share_are_checked);
	tcase_add_test(tc, within_the_quotas_there_is_no_breach);
	suite_add_tcase(s, tc);
	return s;
}
