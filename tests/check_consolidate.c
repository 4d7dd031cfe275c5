/*
 * check_consolidate — the consolidated report's sums and quota checks on rows built here:
 * a quarter summed from a unit's months when it filed no quarterly report, a unit's own
 * quarterly report counting instead of its months, units outside the scope left out, and the
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

START_TEST(a_quarter_sums_months_where_no_quarterly_report_exists)
{
	static struct bc_consolidated c;
	struct bc_unit units[2] = { unit("A"), unit("B") };
	struct bc_fact_row rows[] = {
		row("A", "2024-01", "people", "100", ""),
		row("A", "2024-02", "people", "20", ""),
		row("A", "2024-03", "people", "3", ""),
		row("A", "2024-04", "people", "9000", ""),	/* another quarter */
		row("B", "2024-Q1", "people", "1000", ""),	/* its own quarterly report */
		row("B", "2024-02", "people", "7", ""),		/* so its months do not count */
		row("C", "2024-Q1", "people", "50000", ""),	/* not in scope */
	};
	struct bc_period q1;

	ck_assert_int_eq(bc_period_parse(&q1, BC_CADENCE_QUARTER, "2024-Q1"), 0);
	bc_consolidate(&c, &q1, units, 2, rows, sizeof(rows) / sizeof(rows[0]), NULL, 0, NULL, 0);
	ck_assert_uint_eq(c.nsources, 1);
	ck_assert_str_eq(c.sources[0].source, "people");
	ck_assert_uint_eq(c.sources[0].amount, 100 + 20 + 3 + 1000);
	ck_assert_uint_eq(c.total, 1123);
	ck_assert_uint_eq(c.from_months, 1);
	ck_assert(bc_consolidated_has_data(&c, &units[0]) && bc_consolidated_has_data(&c, &units[1]));
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

	tcase_add_test(tc, a_quarter_sums_months_where_no_quarterly_report_exists);
	tcase_add_test(tc, quotas_and_the_leaders_share_are_checked);
	tcase_add_test(tc, within_the_quotas_there_is_no_breach);
	suite_add_tcase(s, tc);
	return s;
}
