/*
 * check_unit_kinds — who may file and read for whom (PROTOCOL.md, "Who may do what"), the
 * cadences of each kind of unit (DOMAIN.md, "Cadences", as the catalogue states them) and
 * unit validity, all pure functions of registry records, so every case is a row of a table.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <unistd.h>

#include "baocao/catalogue.h"
#include "baocao/unit.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct bc_unit
unit(const char *code, enum bc_unit_kind kind, const char *parent, const char *province)
{
	struct bc_unit u;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	u.kind = kind;
	snprintf(u.parent, sizeof(u.parent), "%s", parent);
	snprintf(u.province, sizeof(u.province), "%s", province);
	u.valid_from = (struct bc_date){ 1900, 1, 1 };
	return u;
}

static const struct {
	const char *who, *filer, *unit;
	int granted;
	int may_file, may_read;
} access_cases[] = {
	{ "a commune for itself", "32072", "32072", 0, 1, 1 },
	{ "a commune for its neighbour", "32072", "32071", 0, 0, 0 },
	{ "its district, not granted", "967", "32072", 0, 0, 1 },
	{ "its district, granted", "967", "32072", 1, 1, 1 },
	{ "another district, granted", "964", "32072", 1, 0, 0 },
	{ "the office of its province", "000.00.30.H12", "32072", 0, 1, 1 },
	{ "the office of another province", "000.00.30.H59", "32072", 0, 0, 0 },
	{ "a department for a commune", "000.00.12.H12", "32072", 0, 0, 0 },
	{ "a district for itself", "967", "967", 0, 1, 1 },
	{ "a commune for its district", "32072", "967", 1, 0, 0 },
	{ "the office for a department", "000.00.30.H12", "000.00.12.H12", 0, 1, 1 },
};

static struct bc_unit
registry(const char *code)
{
	static const struct {
		const char *code;
		enum bc_unit_kind kind;
		const char *parent, *province;
	} rows[] = {
		{ "32072", BC_UNIT_COMMUNE, "967", "96" },
		{ "32071", BC_UNIT_COMMUNE, "967", "96" },
		{ "967", BC_UNIT_DISTRICT, "96", "96" },
		{ "964", BC_UNIT_DISTRICT, "96", "96" },
		{ "000.00.30.H12", BC_UNIT_OFFICE, "96", "96" },
		{ "000.00.30.H59", BC_UNIT_OFFICE, "84", "84" },
		{ "000.00.12.H12", BC_UNIT_DEPARTMENT, "96", "96" },
	};
	size_t i;

	for (i = 0; i < N(rows); i++)
		if (strcmp(rows[i].code, code) == 0)
			return unit(code, rows[i].kind, rows[i].parent, rows[i].province);
	ck_abort_msg("no unit %s in the test registry", code);
	return unit("", BC_UNIT_COMMUNE, "", "");
}

START_TEST(filing_and_reading_follow_who_may_do_what)
{
	struct bc_unit filer = registry(access_cases[_i].filer);
	struct bc_unit u = registry(access_cases[_i].unit);

	ck_assert_msg(bc_unit_may_file(&filer, &u, access_cases[_i].granted) ==
	    access_cases[_i].may_file, "%s: may file is not %d", access_cases[_i].who,
	    access_cases[_i].may_file);
	ck_assert_msg(bc_unit_may_read(&filer, &u) == access_cases[_i].may_read,
	    "%s: may read is not %d", access_cases[_i].who, access_cases[_i].may_read);
}
END_TEST

/* An ad hoc request of Cà Mau (96): the units it asks, and the office of the province. */
static const struct {
	const char *who, *reader;
	int asked, may_read;
} request_cases[] = {
	{ "the office of its province", "000.00.30.H12", 0, 1 },
	{ "the office of another province", "000.00.30.H59", 0, 0 },
	{ "a commune asked", "32072", 1, 1 },
	{ "a commune of the province not asked", "32071", 0, 0 },
	{ "the district of a commune asked, not asked itself", "967", 0, 0 },
	{ "a department asked", "000.00.12.H12", 1, 1 },
	{ "a department not asked", "000.00.12.H12", 0, 0 },
};

START_TEST(a_request_is_read_by_its_office_and_the_units_it_asks)
{
	struct bc_unit reader = registry(request_cases[_i].reader);

	ck_assert_msg(bc_unit_may_read_request(&reader, "96", request_cases[_i].asked) ==
	    request_cases[_i].may_read, "%s: may read is not %d", request_cases[_i].who,
	    request_cases[_i].may_read);
}
END_TEST

/* DOMAIN.md's cadences, as schemas/catalogue.xml gives them to ProgressReport. */
static const struct {
	enum bc_unit_kind kind;
	enum bc_cadence cadence;
	int allowed;
} cadence_cases[] = {
	{ BC_UNIT_COMMUNE, BC_CADENCE_MONTH, 1 },
	{ BC_UNIT_COMMUNE, BC_CADENCE_NINE_MONTHS, 0 },
	{ BC_UNIT_COMMUNE, BC_CADENCE_ADHOC, 1 },
	{ BC_UNIT_DISTRICT, BC_CADENCE_MONTH, 1 },
	{ BC_UNIT_DISTRICT, BC_CADENCE_NINE_MONTHS, 1 },
	{ BC_UNIT_DEPARTMENT, BC_CADENCE_MONTH, 0 },
	{ BC_UNIT_DEPARTMENT, BC_CADENCE_QUARTER, 1 },
	{ BC_UNIT_DEPARTMENT, BC_CADENCE_YEAR, 1 },
	{ BC_UNIT_FRONT, BC_CADENCE_QUARTER, 0 },
	{ BC_UNIT_FRONT, BC_CADENCE_HALF, 1 },
	{ BC_UNIT_FRONT, BC_CADENCE_YEAR, 1 },
	{ BC_UNIT_OFFICE, BC_CADENCE_MONTH, 1 },
	{ BC_UNIT_OFFICE, BC_CADENCE_NINE_MONTHS, 0 },
};

START_TEST(each_kind_files_only_its_cadences)
{
	const char *repo = getenv("BAOCAO_REPO");
	struct bc_catalogue *cat;
	char dir[1024], err[512];
	const struct bc_report_type *t;

	snprintf(dir, sizeof(dir), "%s/schemas", repo != NULL ? repo : ".");
	ck_assert_msg(bc_catalogue_load(&cat, dir, err, sizeof(err)) == 0, "%s", err);
	t = bc_catalogue_type(cat, "urn:baocao:ntm:1", "ProgressReport");
	ck_assert_ptr_nonnull(t);
	ck_assert_msg(bc_report_type_may_use(t, cadence_cases[_i].kind, cadence_cases[_i].cadence) ==
	    cadence_cases[_i].allowed, "%s %s: expected %d",
	    bc_unit_kind_name(cadence_cases[_i].kind), bc_cadence_name(cadence_cases[_i].cadence),
	    cadence_cases[_i].allowed);
	bc_catalogue_free(cat);
}
END_TEST

START_TEST(kind_names_round_trip)
{
	int k;

	for (k = 0; k < BC_UNIT__MAX; k++)
		ck_assert_int_eq(bc_unit_kind_from_name(bc_unit_kind_name((enum bc_unit_kind)k)), k);
	ck_assert_int_eq(bc_unit_kind_from_name("hamlet"), -1);
}
END_TEST

static const struct {
	struct bc_date first, last;
	int valid;
} validity_cases[] = {
	{ { 2025, 4, 1 }, { 2025, 6, 30 }, 1 },		/* the last quarter it existed */
	{ { 2025, 6, 1 }, { 2025, 6, 30 }, 1 },
	{ { 2025, 7, 1 }, { 2025, 9, 30 }, 0 },		/* after the merge */
	{ { 2025, 1, 1 }, { 2025, 12, 31 }, 0 },	/* a year it did not last */
	{ { 2019, 12, 1 }, { 2019, 12, 31 }, 0 },	/* before it was created */
	{ { 2020, 1, 1 }, { 2020, 1, 31 }, 1 },
};

START_TEST(a_unit_is_valid_only_within_its_interval)
{
	struct bc_unit u = unit("99902", BC_UNIT_COMMUNE, "999", "99");
	char a[11], b[11];

	u.valid_from = (struct bc_date){ 2020, 1, 1 };
	u.has_valid_to = 1;
	u.valid_to = (struct bc_date){ 2025, 6, 30 };
	bc_date_format(a, validity_cases[_i].first);
	bc_date_format(b, validity_cases[_i].last);
	ck_assert_msg(bc_unit_valid_during(&u, validity_cases[_i].first, validity_cases[_i].last) ==
	    validity_cases[_i].valid, "%s..%s: expected %d", a, b, validity_cases[_i].valid);
}
END_TEST

Suite *
suite_unit(void)
{
	Suite *s = suite_create("unit");
	TCase *tc = tcase_create("access");

	tcase_add_loop_test(tc, filing_and_reading_follow_who_may_do_what, 0, N(access_cases));
	tcase_add_loop_test(tc, a_request_is_read_by_its_office_and_the_units_it_asks, 0,
	    N(request_cases));
	tcase_add_loop_test(tc, each_kind_files_only_its_cadences, 0, N(cadence_cases));
	tcase_add_test(tc, kind_names_round_trip);
	tcase_add_loop_test(tc, a_unit_is_valid_only_within_its_interval, 0, N(validity_cases));
	suite_add_tcase(s, tc);
	return s;
}

/* --- the catalogue refuses to load, naming file and line, when an entry is wrong --- */

static const struct {
	const char *what;
	const char *entry;	/* replaces the first ProgressReport's Facts kind="amount" line */
	const char *says;
} broken_entries[] = {
	{ "an unknown fact field", "<Facts kind=\"amount\" select=\"/r:X\" source=\"@s\" amount=\".\" colour=\"@c\"/>",
	  "has no field \"colour\"" },
	{ "a missing required field", "<Facts kind=\"amount\" select=\"/r:X\" source=\"@s\"/>",
	  "needs its field \"amount\"" },
	{ "a broken XPath", "<Facts kind=\"amount\" select=\"/r:X[\" source=\"@s\" amount=\".\"/>",
	  "is not an XPath expression" },
	/* refused by catalogue-1.xsd itself, before the entries are read: libxml2's words */
	{ "an element the catalogue's schema does not know",
	  "<Fact kind=\"amount\" select=\"/r:X\" source=\"@s\" amount=\".\"/>",
	  "This element is not expected" },
};

START_TEST(a_wrong_catalogue_entry_stops_loading_with_file_and_line)
{
	const char *repo = getenv("BAOCAO_REPO");
	char dir[] = "/tmp/baocao-catalogue-XXXXXX", path[1200], src[1200], err[512], *text, *at;
	const char *needle = "<Facts kind=\"amount\" select=\"/r:ProgressReport/r:Resources/r:Amount\"\n"
	    "           source=\"@source\" amount=\".\"/>";
	static const char *const xsds[] = { "catalogue-1.xsd", "common-1.xsd",
	    "progress-report-1.xsd", "progress-report-2.xsd", "criteria-assessment-1.xsd",
	    "emulation-report-1.xsd", "campaign-report-1.xsd" };
	struct bc_catalogue *cat = NULL;
	FILE *f;
	long n;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < sizeof(xsds) / sizeof(xsds[0]); i++) {
		snprintf(src, sizeof(src), "%s/schemas/%s", repo != NULL ? repo : ".", xsds[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, xsds[i]);
		ck_assert_int_eq(symlink(src, path), 0);
	}
	snprintf(src, sizeof(src), "%s/schemas/catalogue.xml", repo != NULL ? repo : ".");
	ck_assert_ptr_nonnull(f = fopen(src, "r"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc((size_t)n + 1, 1);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), n);
	fclose(f);
	ck_assert_ptr_nonnull(at = strstr(text, needle));
	snprintf(path, sizeof(path), "%s/catalogue.xml", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fwrite(text, 1, (size_t)(at - text), f);
	fputs(broken_entries[_i].entry, f);
	fputs(at + strlen(needle), f);
	fclose(f);
	ck_assert_int_ne(bc_catalogue_load(&cat, dir, err, sizeof(err)), 0);
	ck_assert_ptr_null(cat);
	ck_assert_msg(strstr(err, "catalogue.xml:") != NULL && strstr(err, broken_entries[_i].says),
	    "%s: \"%s\"", broken_entries[_i].what, err);
	ck_assert_msg(strstr(err, "catalogue.xml:0:") == NULL, "%s: no line: \"%s\"",
	    broken_entries[_i].what, err);
	for (i = 0; i < sizeof(xsds) / sizeof(xsds[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, xsds[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/catalogue.xml", dir);
	unlink(path);
	rmdir(dir);
	free(text);
}
END_TEST

Suite *
suite_catalogue(void)
{
	Suite *s = suite_create("catalogue");
	TCase *tc = tcase_create("load");

	tcase_add_loop_test(tc, a_wrong_catalogue_entry_stops_loading_with_file_and_line, 0,
	    N(broken_entries));
	suite_add_tcase(s, tc);
	return s;
}
