/*
 * check_query — the query string readers of http.c: decoding, and the four ways a parameter
 * is refused rather than read (given twice, empty, too long, holding a NUL).
 *
 * Each refusal matters because the value it would otherwise produce is a narrower or wider
 * one than asked: the first of two units, a code cut at the buffer's end or at an encoded NUL,
 * or "" that falls back to the caller's whole scope. The end-to-end suite checks that these
 * reach the client as a 422 naming the parameter; this one checks the reading itself.
 */
#include <check.h>
#include <string.h>

#include "baocao/error.h"
#include "baocao/http.h"

START_TEST(test_a_value_is_percent_and_plus_decoded)
{
	char buf[64];

	ck_assert_int_eq(bc_query_get("a=1&unit=32%30%37+x&b=2", "unit", buf, sizeof(buf)),
	    BC_QUERY_FOUND);
	ck_assert_str_eq(buf, "3207 x");
	/* a name is matched whole, not as the end of another name */
	ck_assert_int_eq(bc_query_get("subunit=1&unit=2", "unit", buf, sizeof(buf)),
	    BC_QUERY_FOUND);
	ck_assert_str_eq(buf, "2");
	/* a '%' not followed by two hex digits is itself */
	ck_assert_int_eq(bc_query_get("unit=5%z1", "unit", buf, sizeof(buf)),
	    BC_QUERY_FOUND);
	ck_assert_str_eq(buf, "5%z1");
	ck_assert_int_eq(bc_query_get("unit=", "unit", buf, sizeof(buf)),
	    BC_QUERY_FOUND);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_an_absent_parameter_reads_as_nothing)
{
	struct bc_violations v = { 0 };
	char buf[16] = "left over";

	ck_assert_int_eq(bc_query_get("type=X", "unit", buf, sizeof(buf)), BC_QUERY_ABSENT);
	ck_assert_str_eq(buf, "");
	strcpy(buf, "left over");
	ck_assert_int_eq(bc_query_read("type=X", "unit", buf, sizeof(buf), &v), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(v.n, 0);
}
END_TEST

/* The query, and the word the violation's message must contain. */
static const struct {
	const char *query, *said;
} refused[] = {
	{ "unit=32072&unit=32071", "given 2 times" },
	{ "unit=1234567890123456", "longer than 15" },
	{ "unit=32072%00junk", "NUL" },
	{ "unit=%00", "NUL" },
	{ "unit=", "without a value" },
	{ "type=X&unit=&b=1", "without a value" },
	{ "unit", "without a value" },
	{ "unit&type=X", "without a value" },
	{ "unit=&unit=32072", "given 2 times" },
};

START_TEST(test_a_refused_parameter_is_one_violation_naming_it)
{
	struct bc_violations v = { 0 };
	char buf[16];

	ck_assert_int_eq(bc_query_read(refused[_i].query, "unit", buf, sizeof(buf), &v), -1);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(v.n, 1);
	ck_assert_str_eq(v.v[0].path, "?unit");
	ck_assert_str_eq(v.v[0].rule, "query");
	ck_assert_msg(strstr(v.v[0].message, refused[_i].said) != NULL, "%s: %s",
	    refused[_i].query, v.v[0].message);
	bc_violations_free(&v);
}
END_TEST

START_TEST(test_a_value_that_just_fits_is_read)
{
	struct bc_violations v = { 0 };
	char buf[16];

	ck_assert_int_eq(bc_query_read("unit=123456789012345", "unit", buf, sizeof(buf), &v), 0);
	ck_assert_str_eq(buf, "123456789012345");
	ck_assert_uint_eq(v.n, 0);
}
END_TEST

Suite *
suite_query(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, test_a_value_is_percent_and_plus_decoded);
	tcase_add_test(tc, test_an_absent_parameter_reads_as_nothing);
	tcase_add_loop_test(tc, test_a_refused_parameter_is_one_violation_naming_it, 0,
	    sizeof(refused) / sizeof(refused[0]));
	tcase_add_test(tc, test_a_value_that_just_fits_is_read);
	suite_add_tcase(s, tc);
	return s;
}
