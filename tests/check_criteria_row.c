/*
 * check_criteria_row — a report's criterion facts packed into one row per commune and read
 * back: every fact stated comes back as stated, every criterion not stated comes back as
 * absent, communes come in byte order whatever the order of the facts, and the facts no row
 * can hold are refused rather than stored as something else.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/catalogue.h"
#include "baocao/criteria_row.h"

struct stated {
	const char *commune, *number, *met, *since;	/* since NULL: none stated */
};

/* Facts of kind criterion in the fields' catalogue order, with an amount between them so
 * that other kinds are seen to be skipped. */
static void
make_facts(struct bc_facts *facts, struct bc_fact *v, const struct stated *s, size_t n)
{
	size_t i, k = 0;

	memset(v, 0, sizeof(*v) * (n + 1));
	for (i = 0; i < n; i++) {
		if (i == 1)
			v[k++].kind = BC_FACT_AMOUNT;
		v[k].kind = BC_FACT_CRITERION;
		v[k].fields[bc_fact_field(BC_FACT_CRITERION, "commune")] = (char *)s[i].commune;
		v[k].fields[bc_fact_field(BC_FACT_CRITERION, "number")] = (char *)s[i].number;
		v[k].fields[bc_fact_field(BC_FACT_CRITERION, "met")] = (char *)s[i].met;
		v[k].fields[bc_fact_field(BC_FACT_CRITERION, "since")] = (char *)s[i].since;
		k++;
	}
	facts->v = v;
	facts->n = k;
}

struct collected {
	size_t n;
	char commune[4][16];
	char met[4][BC_CRITERIA_ROW_MAX + 1];
	char since[4][BC_CRITERIA_ROW_MAX * BC_CRITERIA_SINCE_LEN + 1];
	int dated[4];
	int stop_after;		/* answer 7 after this many rows; 0: never */
};

static int
collect(const struct bc_criteria_row *row, void *arg)
{
	struct collected *c = arg;

	ck_assert_uint_lt(c->n, 4);
	snprintf(c->commune[c->n], sizeof(c->commune[0]), "%s", row->commune);
	snprintf(c->met[c->n], sizeof(c->met[0]), "%s", row->met);
	snprintf(c->since[c->n], sizeof(c->since[0]), "%s", row->since);
	c->dated[c->n] = row->dated;
	c->n++;
	return c->stop_after != 0 && c->n == (size_t)c->stop_after ? 7 : 0;
}

/* Commune 20 before 10, and 10's facts on either side of 20's. */
static const struct stated interleaved[] = {
	{ "10", "3", "1", "2019-05-01" },
	{ "20", "1", "0", NULL },
	{ "10", "1", "0", NULL },
	{ "20", "19", "1", NULL },
	{ "10", "2", "1", "2021-12-31" },
};

START_TEST(rows_are_one_per_commune_in_byte_order)
{
	struct bc_fact v[8];
	struct bc_facts facts;
	struct collected c = { 0 };

	make_facts(&facts, v, interleaved, 5);
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), 0);
	ck_assert_uint_eq(c.n, 2);
	ck_assert_str_eq(c.commune[0], "10");
	ck_assert_str_eq(c.met[0], "011");
	ck_assert_int_eq(c.dated[0], 1);
	ck_assert_str_eq(c.since[0], "----------2021-12-312019-05-01");
	ck_assert_str_eq(c.commune[1], "20");
	ck_assert_str_eq(c.met[1], "0-----------------1");
	ck_assert_int_eq(c.dated[1], 0);
}
END_TEST

/* The criteria bc_criteria_row_each gives back for one stored row. */
struct unpacked {
	size_t n;
	unsigned number[BC_CRITERIA_ROW_MAX];
	int met[BC_CRITERIA_ROW_MAX], has_since[BC_CRITERIA_ROW_MAX];
	struct bc_date since[BC_CRITERIA_ROW_MAX];
	int stop_after;		/* answer 9 after this many criteria; 0: never */
};

static int
unpack(unsigned number, int is_met, int has_since, struct bc_date since, void *arg)
{
	struct unpacked *u = arg;

	ck_assert_uint_lt(u->n, BC_CRITERIA_ROW_MAX);
	u->number[u->n] = number;
	u->met[u->n] = is_met;
	u->has_since[u->n] = has_since;
	u->since[u->n] = since;
	u->n++;
	return u->stop_after != 0 && u->n == (size_t)u->stop_after ? 9 : 0;
}

START_TEST(every_stated_criterion_reads_back_and_no_other)
{
	struct bc_fact v[8];
	struct bc_facts facts;
	struct collected c = { 0 };
	size_t i, k, row, stated;
	char day[11];

	make_facts(&facts, v, interleaved, 5);
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), 0);
	for (row = 0; row < c.n; row++) {
		struct unpacked u = { 0 };

		ck_assert_int_eq(bc_criteria_row_each(c.met[row], c.dated[row] ? c.since[row] : NULL,
		    unpack, &u), 0);
		for (i = 0, stated = 0; i < 5; i++) {
			const struct stated *want = &interleaved[i];

			if (strcmp(want->commune, c.commune[row]) != 0)
				continue;
			stated++;
			for (k = 0; k < u.n && u.number[k] != (unsigned)atoi(want->number); k++)
				;
			ck_assert_msg(k < u.n, "commune %s criterion %s: not read back",
			    c.commune[row], want->number);
			ck_assert_int_eq(u.met[k], strcmp(want->met, "1") == 0);
			ck_assert_int_eq(u.has_since[k], want->since != NULL);
			if (want->since != NULL) {
				bc_date_format(day, u.since[k]);
				ck_assert_str_eq(day, want->since);
			}
		}
		ck_assert_msg(u.n == stated, "commune %s: %zu criteria read back, %zu stated",
		    c.commune[row], u.n, stated);
		for (k = 1; k < u.n; k++)
			ck_assert_uint_lt(u.number[k - 1], u.number[k]);
	}
}
END_TEST

/* What no row can hold, or what the schemas would have refused: the whole report is refused. */
static const struct stated unfit[] = {
	{ "10", "0", "1", NULL },
	{ "10", "100", "1", NULL },
	{ "10", "-3", "1", NULL },
	{ "10", "3a", "1", NULL },
	{ "10", "", "1", NULL },
	{ "10", "3", "1", "2019-5-01" },
	{ "10", "3", "1", "2019-05-01T00:00" },
	{ "10", "3", "1", "" },
	{ NULL, "3", "1", NULL },
};

START_TEST(a_fact_no_row_can_hold_is_refused)
{
	struct stated s[2] = { { "10", "1", "1", NULL }, unfit[_i] };
	struct bc_fact v[8];
	struct bc_facts facts;
	struct collected c = { 0 };

	make_facts(&facts, v, s, 2);
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), -1);
}
END_TEST

START_TEST(the_highest_number_and_padded_numbers_fit)
{
	static const struct stated s[] = { { "7", "99", "1", "2020-01-02" }, { "7", "0005", "0", NULL } };
	struct bc_fact v[8];
	struct bc_facts facts;
	struct collected c = { 0 };
	struct unpacked u = { 0 };

	make_facts(&facts, v, s, 2);
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), 0);
	ck_assert_uint_eq(strlen(c.met[0]), 99);
	ck_assert_uint_eq(strlen(c.since[0]), 990);
	ck_assert_int_eq(bc_criteria_row_each(c.met[0], c.since[0], unpack, &u), 0);
	ck_assert_uint_eq(u.n, 2);
	ck_assert(u.number[0] == 5 && !u.met[0] && !u.has_since[0]);
	ck_assert(u.number[1] == 99 && u.met[1] && u.has_since[1] && u.since[1].year == 2020 &&
	    u.since[1].month == 1 && u.since[1].day == 2);
}
END_TEST

START_TEST(an_answer_of_each_stops_the_rows)
{
	struct bc_fact v[8];
	struct bc_facts facts;
	struct collected c = { 0 };
	struct unpacked u = { 0 };

	c.stop_after = 1;
	make_facts(&facts, v, interleaved, 5);
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), 7);
	ck_assert_uint_eq(c.n, 1);
	u.stop_after = 2;
	ck_assert_int_eq(bc_criteria_row_each(c.met[0], c.since[0], unpack, &u), 9);
	ck_assert_uint_eq(u.n, 2);
}
END_TEST

START_TEST(a_report_without_criteria_has_no_rows)
{
	struct bc_fact v[2];
	struct bc_facts facts = { v, 1 };
	struct collected c = { 0 };

	memset(v, 0, sizeof(v));
	v[0].kind = BC_FACT_AMOUNT;
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), 0);
	ck_assert_uint_eq(c.n, 0);
	facts.n = 0;
	ck_assert_int_eq(bc_criteria_rows(&facts, collect, &c), 0);
}
END_TEST

Suite *
suite_criteria_row(void)
{
	Suite *s = suite_create("criteria_row");
	TCase *tc = tcase_create("pack");

	tcase_add_test(tc, rows_are_one_per_commune_in_byte_order);
	tcase_add_test(tc, every_stated_criterion_reads_back_and_no_other);
	tcase_add_loop_test(tc, a_fact_no_row_can_hold_is_refused, 0,
	    sizeof(unfit) / sizeof(unfit[0]));
	tcase_add_test(tc, the_highest_number_and_padded_numbers_fit);
	tcase_add_test(tc, an_answer_of_each_stops_the_rows);
	tcase_add_test(tc, a_report_without_criteria_has_no_rows);
	suite_add_tcase(s, tc);
	return s;
}
