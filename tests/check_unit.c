/*
 * check_unit — the runner of the unit tests: every suite that needs neither the database nor
 * the network, in one binary built against the sanitized library (make build/test/check_unit).
 *
 * Each suite lives in its own file with one entry point; they are declared here rather than in
 * a shared header because this runner is their only caller. libxml2 is initialised once for
 * the whole process (the header and error suites parse documents) and cleaned up at the end,
 * so LeakSanitizer sees no global state of libxml2 left over at exit.
 */
#include <check.h>
#include <stdlib.h>

#include <libxml/parser.h>

Suite *suite_period(void);
Suite *suite_calendar(void);
Suite *suite_unit(void);
Suite *suite_completeness(void);
Suite *suite_recognition(void);
Suite *suite_consolidate(void);
Suite *suite_targets(void);
Suite *suite_criteria_row(void);
Suite *suite_digest(void);
Suite *suite_facts_json(void);
Suite *suite_catalogue(void);
Suite *suite_header(void);
Suite *suite_error(void);
Suite *suite_config(void);
Suite *suite_query(void);
Suite *suite_nfc(void);

int main(void)
{
	SRunner *sr;
	int failed;

	xmlInitParser();
	sr = srunner_create(suite_period());
	srunner_add_suite(sr, suite_calendar());
	srunner_add_suite(sr, suite_unit());
	srunner_add_suite(sr, suite_completeness());
	srunner_add_suite(sr, suite_recognition());
	srunner_add_suite(sr, suite_consolidate());
	srunner_add_suite(sr, suite_targets());
	srunner_add_suite(sr, suite_criteria_row());
	srunner_add_suite(sr, suite_digest());
	srunner_add_suite(sr, suite_facts_json());
	srunner_add_suite(sr, suite_catalogue());
	srunner_add_suite(sr, suite_header());
	srunner_add_suite(sr, suite_error());
	srunner_add_suite(sr, suite_config());
	srunner_add_suite(sr, suite_query());
	srunner_add_suite(sr, suite_nfc());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
