/*
 * check_recognition — communes, districts and provinces meeting the standard, on registries
 * and facts built here with answers worked out by hand (DOMAIN.md: a commune meets it with
 * all criteria of its set, a district with at least 75% of its communes, a province with at
 * least 80% of its districts), which source a criterion's status rests on, since when a
 * criterion is met, and the status as of a day (facts of periods ending by then).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/recognition.h"

static struct bc_catalogue *cat;
static const struct bc_criteria_set *set2010;

/* The day the figures are as of: the end of a year of the 2010 set. */
#define AS_OF ((struct bc_date){ 2015, 12, 31 })

static void
setup(void)
{
	const char *repo = getenv("BAOCAO_REPO");
	char dir[1024], err[512];

	snprintf(dir, sizeof(dir), "%s/schemas", repo != NULL ? repo : ".");
	ck_assert_msg(bc_catalogue_load(&cat, dir, err, sizeof(err)) == 0, "%s", err);
	set2010 = bc_catalogue_criteria_set(cat, (struct bc_date){ 2015, 1, 1 });
	ck_assert_ptr_nonnull(set2010);
	ck_assert_uint_eq(set2010->count, 19);
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
	u.kind = kind;
	return u;
}

/* `met` of the 19 criteria met (1..met), from one source. */
static size_t
criteria(struct bc_criterion_fact *out, const char *commune, unsigned met, enum bc_source src,
    long long when)
{
	unsigned k;

	for (k = 1; k <= 19; k++) {
		memset(&out[k - 1], 0, sizeof(out[0]));
		snprintf(out[k - 1].commune, sizeof(out[0].commune), "%s", commune);
		out[k - 1].number = k;
		out[k - 1].met = k <= met;
		out[k - 1].source = src;
		out[k - 1].received_us = when;
	}
	return 19;
}

static struct bc_unit units[8];
static struct bc_criterion_fact facts[19 * 10];

/* District 967 with four communes; district 964 with three. */
static size_t
registry(void)
{
	units[0] = unit("96", BC_UNIT_PROVINCE, "");
	units[1] = unit("967", BC_UNIT_DISTRICT, "96");
	units[2] = unit("32065", BC_UNIT_COMMUNE, "967");
	units[3] = unit("32068", BC_UNIT_COMMUNE, "967");
	units[4] = unit("32069", BC_UNIT_COMMUNE, "967");
	units[5] = unit("32071", BC_UNIT_COMMUNE, "967");
	units[6] = unit("964", BC_UNIT_DISTRICT, "96");
	units[7] = unit("32002", BC_UNIT_COMMUNE, "964");
	return 8;
}

static const struct bc_area_status *
district(const struct bc_recognition *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->ndistricts; i++)
		if (strcmp(r->districts[i].unit->code, code) == 0)
			return &r->districts[i];
	return NULL;
}

START_TEST(three_of_four_communes_at_19_make_a_district_meet_75_percent)
{
	struct bc_recognition r;
	size_t n = 0;
	const struct bc_area_status *d;

	n += criteria(facts + n, "32065", 19, BC_SOURCE_VERIFICATION, 1);
	n += criteria(facts + n, "32068", 19, BC_SOURCE_VERIFICATION, 1);
	n += criteria(facts + n, "32069", 19, BC_SOURCE_SELF, 1);
	n += criteria(facts + n, "32071", 11, BC_SOURCE_PROGRESS, 1);
	n += criteria(facts + n, "32002", 14, BC_SOURCE_PROGRESS, 1);
	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, registry(), AS_OF, facts, n,
	    NULL, 0), 0);
	d = district(&r, "967");
	ck_assert_uint_eq(d->members, 4);
	ck_assert_uint_eq(d->meeting, 3);
	ck_assert_double_eq_tol(d->share, 75.0, 1e-9);
	ck_assert_int_eq(d->meets_standard, 1);
	ck_assert_double_eq_tol(d->average_criteria, (19 + 19 + 19 + 11) / 4.0, 1e-9);
	ck_assert_uint_eq(d->below_15, 1);
	ck_assert_uint_eq(d->below_12, 1);
	d = district(&r, "964");
	ck_assert_int_eq(d->meets_standard, 0);
	ck_assert_uint_eq(d->below_15, 1);
	ck_assert_uint_eq(d->below_12, 0);
	/* one district of two: 50% < 80% */
	ck_assert_uint_eq(r.province.members, 2);
	ck_assert_uint_eq(r.province.meeting, 1);
	ck_assert_int_eq(r.province.meets_standard, 0);
	ck_assert_uint_eq(r.by_criterion[19], 3);	/* met by 32065, 32068, 32069 */
	ck_assert_uint_eq(r.by_criterion[11], 5);
	/* what each figure rests on: 967's communes are two verified, one self-assessed, one
	 * from progress reports; criterion 19 is met by the first three, 11 also by 32071 and
	 * 32002 (progress reports) */
	d = district(&r, "967");
	ck_assert_uint_eq(d->rests_on[BC_SOURCE_VERIFICATION], 2);
	ck_assert_uint_eq(d->rests_on[BC_SOURCE_SELF], 1);
	ck_assert_uint_eq(d->rests_on[BC_SOURCE_PROGRESS], 1);
	ck_assert_uint_eq(d->rests_on[BC_SOURCE_NONE], 0);
	ck_assert_uint_eq(r.by_criterion_source[19][BC_SOURCE_VERIFICATION], 2);
	ck_assert_uint_eq(r.by_criterion_source[19][BC_SOURCE_SELF], 1);
	ck_assert_uint_eq(r.by_criterion_source[19][BC_SOURCE_PROGRESS], 0);
	ck_assert_uint_eq(r.by_criterion_source[11][BC_SOURCE_PROGRESS], 2);
	/* the province counts communes over both districts */
	ck_assert_uint_eq(r.province.communes, 5);
	ck_assert_uint_eq(r.province.communes_meeting, 3);
	ck_assert_uint_eq(r.province.with_status, 5);
	ck_assert_uint_eq(r.province.rests_on[BC_SOURCE_PROGRESS], 2);
	bc_recognition_free(&r);
}
END_TEST

START_TEST(two_of_three_is_not_enough)
{
	struct bc_recognition r;
	size_t n = 0;

	n += criteria(facts + n, "32065", 19, BC_SOURCE_VERIFICATION, 1);
	n += criteria(facts + n, "32068", 19, BC_SOURCE_VERIFICATION, 1);
	n += criteria(facts + n, "32069", 18, BC_SOURCE_VERIFICATION, 1);
	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, registry() - 2, AS_OF, facts,
	    n, NULL, 0), 0);
	/* 32071 has no facts at all: 0 criteria, so 2 of 4 */
	ck_assert_uint_eq(district(&r, "967")->meeting, 2);
	ck_assert_int_eq(district(&r, "967")->meets_standard, 0);
	bc_recognition_free(&r);
}
END_TEST

/* Only the units that exist on the day count: 32069, formed in 2016, is not yet one of the
 * district's in 2015, and 32071, merged away in June, is its successor's; so 967 has two
 * communes, both meeting the standard. */
START_TEST(a_commune_that_does_not_exist_on_the_day_is_left_out)
{
	struct bc_recognition r;
	size_t n = 0, i, nunits = registry();

	units[4].valid_from = (struct bc_date){ 2016, 1, 1 };
	units[5].has_valid_to = 1;
	units[5].valid_to = (struct bc_date){ 2015, 6, 30 };
	n += criteria(facts + n, "32065", 19, BC_SOURCE_VERIFICATION, 1);
	n += criteria(facts + n, "32068", 19, BC_SOURCE_VERIFICATION, 1);
	n += criteria(facts + n, "32069", 5, BC_SOURCE_VERIFICATION, 1);
	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, nunits, AS_OF, facts, n,
	    NULL, 0), 0);
	ck_assert_uint_eq(district(&r, "967")->members, 2);
	ck_assert_uint_eq(district(&r, "967")->meeting, 2);
	ck_assert_int_eq(district(&r, "967")->meets_standard, 1);
	for (i = 0; i < r.ncommunes; i++)
		ck_assert_msg(strcmp(r.communes[i].unit->code, "32069") != 0 &&
		    strcmp(r.communes[i].unit->code, "32071") != 0, "%s listed",
		    r.communes[i].unit->code);
	bc_recognition_free(&r);
	/* as of the end of 2016, 32069 is one of them */
	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, nunits,
	    (struct bc_date){ 2016, 12, 31 }, facts, n, NULL, 0), 0);
	ck_assert_uint_eq(district(&r, "967")->members, 3);
	bc_recognition_free(&r);
}
END_TEST

/* The latest decision holds, whichever verification reached the service last. */
START_TEST(the_latest_decision_gives_the_tier)
{
	struct bc_recognition r;
	struct bc_recognition_fact decisions[] = {
		{ "32065", "advanced", "QĐ 2/QĐ-UBND", 5, "2023-09-12" },
		{ "32065", "standard", "QĐ 1/QĐ-UBND", 9, "2019-09-12" },	/* filed late */
		{ "32068", "standard", "QĐ 3/QĐ-UBND", 1, "2020-09-01" },
		{ "32068", "model", "QĐ 4/QĐ-UBND", 2, "2020-09-01" },	/* same day, newer */
	};
	size_t n = criteria(facts, "32065", 19, BC_SOURCE_VERIFICATION, 10);

	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, registry(), AS_OF, facts, n,
	    decisions, sizeof(decisions) / sizeof(decisions[0])), 0);
	ck_assert_str_eq(r.communes[0].tier, "advanced");
	ck_assert_str_eq(r.communes[0].decision, "QĐ 2/QĐ-UBND");
	ck_assert_str_eq(r.communes[1].tier, "model");
	bc_recognition_free(&r);
}
END_TEST

START_TEST(a_verification_counts_over_a_self_assessment_over_progress)
{
	struct bc_recognition r;
	struct bc_recognition_fact decision = { "32065", "advanced", "QĐ 123/QĐ-UBND", 5, "2016-09-12" };
	size_t n = 0;

	/* the newer self-assessment and progress report say 19, the older verification 17 */
	n += criteria(facts + n, "32065", 19, BC_SOURCE_PROGRESS, 30);
	n += criteria(facts + n, "32065", 19, BC_SOURCE_SELF, 20);
	n += criteria(facts + n, "32065", 17, BC_SOURCE_VERIFICATION, 10);
	/* within one source, the newest counts */
	n += criteria(facts + n, "32068", 12, BC_SOURCE_SELF, 1);
	n += criteria(facts + n, "32068", 16, BC_SOURCE_SELF, 2);
	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, registry(), AS_OF, facts, n,
	    &decision, 1), 0);
	ck_assert_uint_eq(r.communes[0].met_count, 17);
	ck_assert_int_eq(r.communes[0].rests_on, BC_SOURCE_VERIFICATION);
	ck_assert_int_eq(r.communes[0].meets_standard, 0);
	ck_assert_str_eq(r.communes[0].tier, "advanced");
	ck_assert_uint_eq(r.communes[1].met_count, 16);
	ck_assert_int_eq(r.communes[1].rests_on, BC_SOURCE_SELF);
	ck_assert_int_eq(r.communes[2].rests_on, BC_SOURCE_NONE);
	bc_recognition_free(&r);
}
END_TEST

/* One fact of 32065 about criterion `number`, for the period named (a month, a quarter or the
 * year 2019), optionally with a stated since date. */
static struct bc_criterion_fact
fact(unsigned number, int met, enum bc_source src, long long when, const char *period,
    const char *since)
{
	struct bc_criterion_fact f;
	struct bc_period p;

	memset(&f, 0, sizeof(f));
	snprintf(f.commune, sizeof(f.commune), "32065");
	f.number = number;
	f.met = met;
	f.source = src;
	f.received_us = when;
	ck_assert_msg(bc_period_parse_any(&p, period) == 0, "period %s", period);
	bc_period_span(&p, &f.first, &f.last);
	snprintf(f.period, sizeof(f.period), "%s", period);
	snprintf(f.document_id, sizeof(f.document_id), "doc-%u-%s", number, period);
	if (since != NULL) {
		f.has_since = 1;
		ck_assert_int_eq(bc_date_parse(&f.since, since), 0);
	}
	return f;
}

static void
assert_since(const struct bc_commune_status *c, unsigned k, enum bc_since from,
    const char *date, const char *period)
{
	char day[11];

	ck_assert_msg(c->since_from[k] == from, "criterion %u: since from %s, not %s", k,
	    bc_since_name((enum bc_since)c->since_from[k]), bc_since_name(from));
	bc_date_format(day, c->since[k]);
	ck_assert_msg(strcmp(day, date) == 0, "criterion %u: since %s, not %s", k, day, date);
	ck_assert_msg(strcmp(c->since_period[k], period) == 0, "criterion %u: period %s, not %s",
	    k, c->since_period[k], period);
}

/* The recognition of the registry's communes from facts of 32065: its status. */
static const struct bc_commune_status *
status_of_32065(struct bc_recognition *r, const struct bc_criterion_fact *f, size_t n)
{
	ck_assert_int_eq(bc_recognition_compute(r, cat, set2010, units, registry(), AS_OF, f, n, NULL,
	    0), 0);
	ck_assert_str_eq(r->communes[0].unit->code, "32065");
	return &r->communes[0];
}

START_TEST(since_is_the_deciding_date_or_the_first_period_met_after_the_last_not_met)
{
	struct bc_criterion_fact f[] = {
		/* 1: the verification decides, so its date counts over the newer self-assessment's */
		fact(1, 1, BC_SOURCE_VERIFICATION, 10, "2019", "2018-05-01"),
		fact(1, 1, BC_SOURCE_SELF, 20, "2019", "2017-01-01"),
		/* 2: verified without a date; January not met, then met from February: the
		 * period ending first after 31 January is 2019-02 (before 2019-03, Q1, 2019) */
		fact(2, 1, BC_SOURCE_VERIFICATION, 10, "2019", NULL),
		fact(2, 0, BC_SOURCE_PROGRESS, 1, "2019-01", NULL),
		fact(2, 1, BC_SOURCE_PROGRESS, 2, "2019-02", NULL),
		fact(2, 1, BC_SOURCE_PROGRESS, 3, "2019-03", NULL),
		fact(2, 1, BC_SOURCE_PROGRESS, 4, "2019-Q1", NULL),
		/* 3: met, lost in February, met again: March (Q1 ends the same day but is longer) */
		fact(3, 1, BC_SOURCE_PROGRESS, 1, "2019-01", NULL),
		fact(3, 0, BC_SOURCE_PROGRESS, 2, "2019-02", NULL),
		fact(3, 1, BC_SOURCE_PROGRESS, 4, "2019-Q1", NULL),
		fact(3, 1, BC_SOURCE_PROGRESS, 3, "2019-03", NULL),
		/* 4: the verification says not met: no since */
		fact(4, 1, BC_SOURCE_PROGRESS, 1, "2019-01", "2018-01-01"),
		fact(4, 0, BC_SOURCE_VERIFICATION, 10, "2019", NULL),
		/* 5: December's report says not met, ending as late as the verification's year:
		 * no met period ends after it, so the deciding report's own period */
		fact(5, 1, BC_SOURCE_VERIFICATION, 10, "2019", NULL),
		fact(5, 0, BC_SOURCE_PROGRESS, 12, "2019-12", NULL),
		fact(5, 1, BC_SOURCE_PROGRESS, 6, "2019-06", NULL),
	};
	struct bc_recognition r;
	const struct bc_commune_status *c = status_of_32065(&r, f, sizeof(f) / sizeof(f[0]));

	assert_since(c, 1, BC_SINCE_STATED, "2018-05-01", "");
	ck_assert_str_eq(c->document[1], "doc-1-2019");
	ck_assert_int_eq(c->source[1], BC_SOURCE_VERIFICATION);
	assert_since(c, 2, BC_SINCE_PERIOD, "2019-02-01", "2019-02");
	assert_since(c, 3, BC_SINCE_PERIOD, "2019-03-01", "2019-03");
	ck_assert_str_eq(c->document[3], "doc-3-2019-Q1");	/* the newest progress report */
	ck_assert_int_eq(c->met[4], 0);
	assert_since(c, 4, BC_SINCE_NONE, "", "");
	assert_since(c, 5, BC_SINCE_PERIOD, "2019-01-01", "2019");
	ck_assert_uint_eq(c->met_count, 4);
	bc_recognition_free(&r);
}
END_TEST

/* Within a source the latest period decides, whenever each report came: a May filed after
 * June does not overturn June; of a year and its December, the one received last. */
START_TEST(the_latest_period_decides_not_the_report_received_last)
{
	struct bc_criterion_fact f[] = {
		/* 1: June says not met; May, filed afterwards, says met */
		fact(1, 0, BC_SOURCE_PROGRESS, 1, "2019-06", NULL),
		fact(1, 1, BC_SOURCE_PROGRESS, 2, "2019-05", NULL),
		/* 2: the year says met; the first quarter, filed afterwards, not met */
		fact(2, 1, BC_SOURCE_PROGRESS, 1, "2019", NULL),
		fact(2, 0, BC_SOURCE_PROGRESS, 2, "2019-Q1", NULL),
		/* 3: the year and its December end on one day: the one received last */
		fact(3, 1, BC_SOURCE_PROGRESS, 1, "2019", NULL),
		fact(3, 0, BC_SOURCE_PROGRESS, 2, "2019-12", NULL),
	};
	struct bc_recognition r;
	const struct bc_commune_status *c = status_of_32065(&r, f, sizeof(f) / sizeof(f[0]));

	ck_assert_int_eq(c->met[1], 0);
	ck_assert_str_eq(c->document[1], "doc-1-2019-06");
	ck_assert_int_eq(c->met[2], 1);
	ck_assert_str_eq(c->document[2], "doc-2-2019");
	ck_assert_int_eq(c->met[3], 0);
	ck_assert_str_eq(c->document[3], "doc-3-2019-12");
	ck_assert_uint_eq(c->met_count, 1);
	bc_recognition_free(&r);
}
END_TEST

/* The consolidated first quarter sees the status as of 31 March: the April report and the
 * year's verification are left out. */
START_TEST(the_status_as_of_a_day_keeps_the_periods_ending_by_then)
{
	struct bc_criterion_fact f[] = {
		fact(1, 1, BC_SOURCE_PROGRESS, 1, "2019-01", NULL),
		fact(2, 1, BC_SOURCE_PROGRESS, 2, "2019-Q1", NULL),
		fact(3, 1, BC_SOURCE_PROGRESS, 3, "2019-04", NULL),
		fact(1, 0, BC_SOURCE_VERIFICATION, 4, "2019", NULL),
	};
	struct bc_recognition r;
	size_t n;

	n = bc_criterion_facts_until(f, sizeof(f) / sizeof(f[0]), (struct bc_date){ 2019, 3, 31 });
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(f[0].period, "2019-01");
	ck_assert_str_eq(f[1].period, "2019-Q1");
	ck_assert_int_eq(bc_recognition_compute(&r, cat, set2010, units, registry(), AS_OF, f, n, NULL, 0),
	    0);
	ck_assert_uint_eq(r.by_criterion[1], 1);
	ck_assert_uint_eq(r.by_criterion[2], 1);
	ck_assert_uint_eq(r.by_criterion[3], 0);
	ck_assert_uint_eq(r.by_criterion_source[1][BC_SOURCE_PROGRESS], 1);
	bc_recognition_free(&r);
}
END_TEST

Suite *
suite_recognition(void)
{
	Suite *s = suite_create("recognition");
	TCase *tc = tcase_create("thresholds");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, three_of_four_communes_at_19_make_a_district_meet_75_percent);
	tcase_add_test(tc, two_of_three_is_not_enough);
	tcase_add_test(tc, a_commune_that_does_not_exist_on_the_day_is_left_out);
	tcase_add_test(tc, a_verification_counts_over_a_self_assessment_over_progress);
	tcase_add_test(tc, the_latest_decision_gives_the_tier);
	tcase_add_test(tc, since_is_the_deciding_date_or_the_first_period_met_after_the_last_not_met);
	tcase_add_test(tc, the_status_as_of_a_day_keeps_the_periods_ending_by_then);
	tcase_add_test(tc, the_latest_period_decides_not_the_report_received_last);
	suite_add_tcase(s, tc);
	return s;
}
