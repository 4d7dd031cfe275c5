/*
 * check_targets — the plan's targets: `measure=value` as the office types it (table-driven,
 * the input in every failure message), stored rows read back, and progress against a
 * recognition built here, with the answers worked out by hand.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "baocao/targets.h"

static const struct {
	const char *arg;
	int ok;
	enum bc_target_measure measure;
	unsigned criteria;
	double value;
} parses[] = {
	{ "communes=22", 1, BC_TARGET_COMMUNES, 0, 22 },
	{ "communes-at-12=30", 1, BC_TARGET_COMMUNES_AT, 12, 30 },
	{ "communes-at-19=52", 1, BC_TARGET_COMMUNES_AT, 19, 52 },
	{ "share=100", 1, BC_TARGET_SHARE, 0, 100 },
	{ "average=17.5", 1, BC_TARGET_AVERAGE, 0, 17.5 },
	{ "minimum=15", 1, BC_TARGET_MINIMUM, 0, 15 },
	{ "districts=2", 1, BC_TARGET_DISTRICTS, 0, 2 },
	{ "communes=0", 1, BC_TARGET_COMMUNES, 0, 0 },
	{ "share=100.5", 0, 0, 0, 0 },		/* a share is a percentage */
	{ "minimum=15.5", 0, 0, 0, 0 },		/* criteria are counted whole */
	{ "communes=2.5", 0, 0, 0, 0 },
	{ "communes=-1", 0, 0, 0, 0 },
	{ "communes=+1", 0, 0, 0, 0 },
	{ "communes=", 0, 0, 0, 0 },
	{ "communes=nan", 0, 0, 0, 0 },
	{ "communes=22x", 0, 0, 0, 0 },
	{ "communes", 0, 0, 0, 0 },
	{ "communesx=1", 0, 0, 0, 0 },
	{ "communes-at=30", 0, 0, 0, 0 },	/* K is required */
	{ "communes-at-0=30", 0, 0, 0, 0 },
	{ "communes-at-100=30", 0, 0, 0, 0 },
	{ "communes-at-+5=30", 0, 0, 0, 0 },
	{ "communes-at-12x=30", 0, 0, 0, 0 },
	{ "average-at-12=3", 0, 0, 0, 0 },
	{ "lottery=3", 0, 0, 0, 0 },
};

START_TEST(a_target_is_measure_equals_value_within_the_measures_bounds)
{
	struct bc_target t;
	char why[256] = "", key[BC_TARGET_KEY_MAX];
	int rc = bc_target_parse(&t, parses[_i].arg, why, sizeof(why));

	ck_assert_msg((rc == 0) == parses[_i].ok, "%s: rc %d (%s)", parses[_i].arg, rc, why);
	if (!parses[_i].ok) {
		ck_assert_msg(why[0] != '\0', "%s: no reason given", parses[_i].arg);
		return;
	}
	ck_assert_msg(t.measure == parses[_i].measure && t.criteria == parses[_i].criteria &&
	    t.value == parses[_i].value, "%s: %s/%u/%g", parses[_i].arg,
	    bc_target_measure_name(t.measure), t.criteria, t.value);
	/* the key is what was typed before '=' */
	bc_target_key(key, &t);
	ck_assert_msg(strncmp(parses[_i].arg, key, strlen(key)) == 0 &&
	    parses[_i].arg[strlen(key)] == '=', "%s: key %s", parses[_i].arg, key);
}
END_TEST

START_TEST(stored_rows_read_back_and_unknown_ones_are_refused)
{
	struct bc_target t;

	ck_assert_int_eq(bc_target_from_stored(&t, "communes-at", 12, "30.00"), 0);
	ck_assert_int_eq(t.measure, BC_TARGET_COMMUNES_AT);
	ck_assert_uint_eq(t.criteria, 12);
	ck_assert_double_eq(t.value, 30);
	ck_assert_int_eq(bc_target_from_stored(&t, "average", 0, "17.50"), 0);
	ck_assert_double_eq(t.value, 17.5);
	ck_assert_int_eq(bc_target_from_stored(&t, "communes-at", 0, "30.00"), -1);
	ck_assert_int_eq(bc_target_from_stored(&t, "lottery", 0, "1"), -1);
	ck_assert_int_eq(bc_target_from_stored(&t, "share", 0, "120.00"), -1);
}
END_TEST

/* Five communes at 19, 19, 19, 14 and 11 criteria; one district of two meets the standard. */
START_TEST(progress_is_achieved_over_target)
{
	static struct bc_commune_status communes[5];
	static struct bc_area_status districts[2];
	static const unsigned met[5] = { 19, 19, 19, 14, 11 };
	struct bc_criteria_set set = { .count = 19 };
	struct bc_recognition r = { 0 };
	struct bc_target t[7];
	struct bc_target_progress p[7];
	char why[128];
	size_t i;
	static const char *const args[7] = { "communes=22", "communes-at-12=4", "share=50",
	    "average=17", "minimum=15", "districts=2", "communes=0" };

	for (i = 0; i < 5; i++)
		communes[i].met_count = met[i];
	districts[0].meets_standard = 1;
	r.set = &set;
	r.communes = communes;
	r.ncommunes = 5;
	r.districts = districts;
	r.ndistricts = 2;
	for (i = 0; i < 7; i++)
		ck_assert_msg(bc_target_parse(&t[i], args[i], why, sizeof(why)) == 0, "%s", why);
	bc_targets_progress(p, t, 7, &r);
	/* 3 of 22 communes at 19/19 */
	ck_assert_double_eq(p[0].achieved, 3);
	ck_assert_double_eq_tol(p[0].progress, 100.0 * 3 / 22, 1e-9);
	ck_assert_int_eq(p[0].reached, 0);
	/* 4 communes at 12 or more: 19, 19, 19, 14 */
	ck_assert_double_eq(p[1].achieved, 4);
	ck_assert_double_eq(p[1].progress, 100);
	ck_assert_int_eq(p[1].reached, 1);
	/* 3 of 5 communes: 60% of the communes, 120% of a 50% target */
	ck_assert_double_eq_tol(p[2].achieved, 60, 1e-9);
	ck_assert_double_eq_tol(p[2].progress, 120, 1e-9);
	ck_assert_int_eq(p[2].reached, 1);
	/* (19 * 3 + 14 + 11) / 5 = 16.4 of 17 */
	ck_assert_double_eq_tol(p[3].achieved, 16.4, 1e-9);
	ck_assert_double_eq_tol(p[3].progress, 100.0 * 16.4 / 17, 1e-9);
	ck_assert_int_eq(p[3].reached, 0);
	/* the weakest commune meets 11, not 15 */
	ck_assert_double_eq(p[4].achieved, 11);
	ck_assert_int_eq(p[4].reached, 0);
	ck_assert_double_eq(p[5].achieved, 1);
	ck_assert_double_eq(p[5].progress, 50);
	/* a target of nothing is reached */
	ck_assert_double_eq(p[6].progress, 100);
	ck_assert_int_eq(p[6].reached, 1);
}
END_TEST

Suite *
suite_targets(void)
{
	Suite *s = suite_create("targets");
	TCase *tc = tcase_create("targets");

	tcase_add_loop_test(tc, a_target_is_measure_equals_value_within_the_measures_bounds, 0,
	    sizeof(parses) / sizeof(parses[0]));
	tcase_add_test(tc, stored_rows_read_back_and_unknown_ones_are_refused);
	tcase_add_test(tc, progress_is_achieved_over_target);
	suite_add_tcase(s, tc);
	return s;
}
