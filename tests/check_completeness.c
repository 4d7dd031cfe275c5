/*
 * check_completeness — who is expected to file, and in what state, on small registries built
 * here whose answers are worked out by hand: a district with four communes, one of them
 * merged away mid-year, a department that does not file monthly, revisions (the first decides
 * on time, the newest is shown), late against missing against not yet due.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/catalogue.h"
#include "baocao/completeness.h"

static struct bc_catalogue *cat;
static const struct bc_report_type *progress;

static void
setup(void)
{
	const char *repo = getenv("BAOCAO_REPO");
	char dir[1024], err[512];

	snprintf(dir, sizeof(dir), "%s/schemas", repo != NULL ? repo : ".");
	ck_assert_msg(bc_catalogue_load(&cat, dir, err, sizeof(err)) == 0, "%s", err);
	progress = bc_catalogue_type(cat, "urn:baocao:ntm:1", "ProgressReport");
	ck_assert_ptr_nonnull(progress);
}

static void
teardown(void)
{
	bc_catalogue_free(cat);
}

static struct bc_unit
unit(const char *code, enum bc_unit_kind kind, const char *parent)
{
	struct bc_unit u;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.parent, sizeof(u.parent), "%s", parent);
	snprintf(u.province, sizeof(u.province), "96");
	snprintf(u.name, sizeof(u.name), "Unit %s", code);
	u.kind = kind;
	u.valid_from = (struct bc_date){ 1900, 1, 1 };
	return u;
}

static struct bc_filing_row
filing(const char *unit, unsigned revision, int on_time, const char *filed_by)
{
	struct bc_filing_row f;

	memset(&f, 0, sizeof(f));
	snprintf(f.unit, sizeof(f.unit), "%s", unit);
	snprintf(f.document_id, sizeof(f.document_id), "doc-%s-%u", unit, revision);
	snprintf(f.filed_by, sizeof(f.filed_by), "%s", filed_by);
	f.revision = revision;
	f.on_time = on_time;
	f.received_us = 1700000000000000LL + revision;
	return f;
}

/* Every level's deadline is the 16th of the month: enough to tell due from not due. */
static struct bc_date
sixteenth(void *arg, const struct bc_period *p, enum bc_level level)
{
	(void)arg;
	(void)level;
	return (struct bc_date){ p->year, p->index, 16 };
}

static const struct bc_completeness_row *
row_of(const struct bc_completeness *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->nrows; i++)
		if (strcmp(c->rows[i].unit->code, code) == 0)
			return &c->rows[i];
	return NULL;
}

START_TEST(a_district_with_four_communes_one_merged_away)
{
	struct bc_unit units[6];
	struct bc_filing_row filings[4];
	struct bc_period march;
	struct bc_completeness c;
	const struct bc_completeness_row *r;

	units[0] = unit("967", BC_UNIT_DISTRICT, "96");
	units[1] = unit("32065", BC_UNIT_COMMUNE, "967");
	units[2] = unit("32068", BC_UNIT_COMMUNE, "967");
	units[3] = unit("32069", BC_UNIT_COMMUNE, "967");
	units[4] = unit("32071", BC_UNIT_COMMUNE, "967");	/* merged away on 2024-02-29 */
	units[4].has_valid_to = 1;
	units[4].valid_to = (struct bc_date){ 2024, 2, 29 };
	units[5] = unit("000.00.12.H12", BC_UNIT_DEPARTMENT, "96");	/* files no monthly */
	/* 32065: on time, then revised late by its district; 32068: late; 967: on time */
	filings[0] = filing("32065", 2, 0, "967");
	filings[1] = filing("32065", 1, 1, "32065");
	filings[2] = filing("32068", 1, 0, "32068");
	filings[3] = filing("967", 1, 1, "967");
	ck_assert_int_eq(bc_period_parse(&march, BC_CADENCE_MONTH, "2024-03"), 0);
	ck_assert_int_eq(bc_completeness_compute(&c, progress, &march, units, 6, filings, 4,
	    (struct bc_date){ 2024, 4, 1 }, sixteenth, NULL), 0);

	ck_assert_uint_eq(c.nrows, 4);	/* the merged commune and the department are not expected */
	ck_assert_ptr_null(row_of(&c, "32071"));
	ck_assert_ptr_null(row_of(&c, "000.00.12.H12"));
	r = row_of(&c, "32065");
	ck_assert_int_eq(r->state, BC_FILED_ON_TIME);	/* the first revision decides */
	ck_assert_uint_eq(r->revisions, 2);
	ck_assert_str_eq(r->document_id, "doc-32065-2");	/* the newest is shown */
	ck_assert_str_eq(r->filed_by, "967");
	ck_assert_int_eq(row_of(&c, "32068")->state, BC_FILED_LATE);
	ck_assert_int_eq(row_of(&c, "32069")->state, BC_MISSING);
	ck_assert_int_eq(row_of(&c, "967")->state, BC_FILED_ON_TIME);
	/* communes: 3 expected, 1 on time, 1 late, 1 missing → 66.7% reporting, 33.3% on time */
	ck_assert_uint_eq(c.by_kind[BC_UNIT_COMMUNE].expected, 3);
	ck_assert_uint_eq(c.by_kind[BC_UNIT_COMMUNE].count[BC_FILED_ON_TIME], 1);
	ck_assert_uint_eq(c.by_kind[BC_UNIT_COMMUNE].count[BC_FILED_LATE], 1);
	ck_assert_uint_eq(c.by_kind[BC_UNIT_COMMUNE].count[BC_MISSING], 1);
	ck_assert_double_eq_tol(bc_completeness_reporting_rate(&c.by_kind[BC_UNIT_COMMUNE]),
	    200.0 / 3, 0.001);
	ck_assert_double_eq_tol(bc_completeness_on_time_rate(&c.by_kind[BC_UNIT_COMMUNE]),
	    100.0 / 3, 0.001);
	ck_assert_uint_eq(c.all.expected, 4);
	ck_assert_double_eq_tol(bc_completeness_reporting_rate(&c.all), 75.0, 0.001);
	bc_completeness_free(&c);
}
END_TEST

START_TEST(missing_before_the_deadline_is_not_due)
{
	struct bc_unit units[1] = { unit("32065", BC_UNIT_COMMUNE, "967") };
	struct bc_period march;
	struct bc_completeness c;

	bc_period_parse(&march, BC_CADENCE_MONTH, "2024-03");
	ck_assert_int_eq(bc_completeness_compute(&c, progress, &march, units, 1, NULL, 0,
	    (struct bc_date){ 2024, 3, 16 }, sixteenth, NULL), 0);
	ck_assert_int_eq(c.rows[0].state, BC_NOT_DUE);
	bc_completeness_free(&c);
	ck_assert_int_eq(bc_completeness_compute(&c, progress, &march, units, 1, NULL, 0,
	    (struct bc_date){ 2024, 3, 17 }, sixteenth, NULL), 0);
	ck_assert_int_eq(c.rows[0].state, BC_MISSING);
	ck_assert_double_eq(bc_completeness_reporting_rate(&c.all), 0);
	bc_completeness_free(&c);
}
END_TEST

START_TEST(nothing_expected_gives_zero_rates)
{
	struct bc_unit units[1] = { unit("000.00.12.H12", BC_UNIT_DEPARTMENT, "96") };
	struct bc_period march;
	struct bc_completeness c;

	bc_period_parse(&march, BC_CADENCE_MONTH, "2024-03");
	ck_assert_int_eq(bc_completeness_compute(&c, progress, &march, units, 1, NULL, 0,
	    (struct bc_date){ 2024, 4, 1 }, sixteenth, NULL), 0);
	ck_assert_uint_eq(c.nrows, 0);
	ck_assert_double_eq(bc_completeness_on_time_rate(&c.all), 0);
	bc_completeness_free(&c);
}
END_TEST

Suite *
suite_completeness(void)
{
	Suite *s = suite_create("completeness");
	TCase *tc = tcase_create("states");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_district_with_four_communes_one_merged_away);
	tcase_add_test(tc, missing_before_the_deadline_is_not_due);
	tcase_add_test(tc, nothing_expected_gives_zero_rates);
	suite_add_tcase(s, tc);
	return s;
}
