/*
 * check_nfc — bc_nfc, which every text the service keeps in NFC goes through: a legacy
 * system's decomposed text comes out composed, and a text that does not fit is refused
 * rather than cut (a cut subject or name would be stored, or compared, as another).
 */
#include <check.h>
#include <string.h>

#include "baocao/nfc.h"

START_TEST(test_decomposed_text_is_composed)
{
	char out[64];

	/* "Báo cáo" with the tones as combining marks, as windows-1258 writes them */
	ck_assert_int_eq(bc_nfc("Ba\xcc\x81o ca\xcc\x81o", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "B\xc3\xa1o c\xc3\xa1o");
	ck_assert_int_eq(bc_nfc("", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_text_that_does_not_fit_is_refused)
{
	char out[8];

	ck_assert_int_eq(bc_nfc("1234567", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "1234567");
	ck_assert_int_eq(bc_nfc("12345678", out, sizeof(out)), -2);
}
END_TEST

Suite *
suite_nfc(void)
{
	Suite *s = suite_create("nfc");
	TCase *tc = tcase_create("normalise");

	tcase_add_test(tc, test_decomposed_text_is_composed);
	tcase_add_test(tc, test_text_that_does_not_fit_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
