/*
 * check_facts_json — the JSON arrays a filing hands to bc_file and, for amounts and
 * indicators, stores as they are (sql/013): one array per kind holding only that kind's facts
 * in document order, each field a JSON string or null, text that would end a string or the
 * document escaped, and nothing at all for a kind the report does not have (bound as NULL).
 */
#include <check.h>
#include <string.h>

#include "baocao/catalogue.h"
#include "baocao/facts_json.h"

/* One fact of kind with its fields given in catalogue order (NULL: absent). */
static void
set_fact(struct bc_fact *f, enum bc_fact_kind kind, const char *a, const char *b, const char *c)
{
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->fields[0] = (char *)a;
	f->fields[1] = (char *)b;
	f->fields[2] = (char *)c;
}

START_TEST(each_kind_gets_only_its_own_facts_in_document_order)
{
	struct bc_fact v[4];
	struct bc_facts facts = { v, 4 };
	struct bc_buf json = { 0 };

	set_fact(&v[0], BC_FACT_AMOUNT, "people", "1250000000", NULL);
	set_fact(&v[1], BC_FACT_INDICATOR, "clean-water-rate", "79.9", "%");
	set_fact(&v[2], BC_FACT_AMOUNT, "credit", "0004300", NULL);
	set_fact(&v[3], BC_FACT_INDICATOR, "roads-km", "12.5", NULL);
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_AMOUNT), 0);
	ck_assert_str_eq(json.data,
	    "[[\"people\",\"1250000000\"],[\"credit\",\"0004300\"]]");
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_INDICATOR), 0);
	ck_assert_str_eq(json.data,
	    "[[\"clean-water-rate\",\"79.9\",\"%\"],[\"roads-km\",\"12.5\",null]]");
	ck_assert(!json.oom);
	bc_buf_free(&json);
}
END_TEST

START_TEST(text_that_would_end_the_string_is_escaped)
{
	struct bc_fact v[1];
	struct bc_facts facts = { v, 1 };
	struct bc_buf json = { 0 };

	set_fact(&v[0], BC_FACT_INDICATOR, "income", "52400000",
	    "\"); DROP TABLE x; --\\\n\x01đồng");
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_INDICATOR), 0);
	ck_assert_str_eq(json.data,
	    "[[\"income\",\"52400000\",\"\\\"); DROP TABLE x; --\\\\\\u000a\\u0001đồng\"]]");
	bc_buf_free(&json);
}
END_TEST

START_TEST(a_kind_the_report_lacks_leaves_nothing)
{
	struct bc_fact v[1];
	struct bc_facts facts = { v, 1 };
	struct bc_buf json = { 0 };

	set_fact(&v[0], BC_FACT_AMOUNT, "people", "1", NULL);
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_AMOUNT), 0);
	ck_assert_uint_gt(json.len, 0);
	/* the buffer is reused from one kind to the next: what the last one wrote goes */
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_INDICATOR), 0);
	ck_assert_uint_eq(json.len, 0);
	facts.n = 0;
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_AMOUNT), 0);
	ck_assert_uint_eq(json.len, 0);
	bc_buf_free(&json);
}
END_TEST

START_TEST(criteria_are_one_row_per_commune)
{
	struct bc_fact v[3];
	struct bc_facts facts = { v, 3 };
	struct bc_buf json = { 0 };

	memset(v, 0, sizeof(v));
	v[0].kind = v[1].kind = v[2].kind = BC_FACT_CRITERION;
	v[0].fields[bc_fact_field(BC_FACT_CRITERION, "commune")] = "00004";
	v[0].fields[bc_fact_field(BC_FACT_CRITERION, "number")] = "2";
	v[0].fields[bc_fact_field(BC_FACT_CRITERION, "met")] = "1";
	v[1].fields[bc_fact_field(BC_FACT_CRITERION, "commune")] = "00004";
	v[1].fields[bc_fact_field(BC_FACT_CRITERION, "number")] = "1";
	v[1].fields[bc_fact_field(BC_FACT_CRITERION, "met")] = "0";
	v[2].fields[bc_fact_field(BC_FACT_CRITERION, "commune")] = "00001";
	v[2].fields[bc_fact_field(BC_FACT_CRITERION, "number")] = "3";
	v[2].fields[bc_fact_field(BC_FACT_CRITERION, "met")] = "1";
	ck_assert_int_eq(bc_facts_json(&json, &facts, BC_FACT_CRITERION), 0);
	ck_assert_str_eq(json.data,
	    "[[\"00001\",\"--1\",null],[\"00004\",\"01\",null]]");
	bc_buf_free(&json);
}
END_TEST

Suite *
suite_facts_json(void)
{
	Suite *s = suite_create("facts_json");
	TCase *tc = tcase_create("arrays");

	tcase_add_test(tc, each_kind_gets_only_its_own_facts_in_document_order);
	tcase_add_test(tc, text_that_would_end_the_string_is_escaped);
	tcase_add_test(tc, a_kind_the_report_lacks_leaves_nothing);
	tcase_add_test(tc, criteria_are_one_row_per_commune);
	suite_add_tcase(s, tc);
	return s;
}
