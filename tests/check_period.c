/*
 * check_period — the reporting calendar checked against the calendar itself.
 *
 * Expected values are literals read off the calendar, Decree 09/2019 and PROTOCOL.md (or
 * computed by the small independent calendar below), never values produced by the code under
 * test, so a wrong table in period.c cannot make its own test pass.
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "baocao/period.h"

static struct bc_date date(int y, int m, int d)
{
	struct bc_date r = { y, m, d };

	return r;
}

static struct bc_period period(enum bc_cadence c, int year, int index)
{
	struct bc_period p;

	memset(&p, 0, sizeof p);
	p.cadence = c;
	p.year = year;
	p.index = index;
	return p;
}

static struct bc_period adhoc(const char *request, struct bc_date as_of)
{
	struct bc_period p = period(BC_CADENCE_ADHOC, 0, 0);

	strncpy(p.request, request, sizeof p.request - 1);
	p.as_of = as_of;
	return p;
}

static int same_date(struct bc_date a, struct bc_date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

#define DATE_FMT "%04d-%02d-%02d"
#define DATE_ARGS(d) (d).year, (d).month, (d).day

/* ---- cadences ---------------------------------------------------------------------- */

static const struct {
	enum bc_cadence cadence;
	const char *element;
	const char *name;
} cadence_names[] = {
	{ BC_CADENCE_MONTH,       "Month",      "monthly" },
	{ BC_CADENCE_QUARTER,     "Quarter",    "quarterly" },
	{ BC_CADENCE_HALF,        "HalfYear",   "six-monthly" },
	{ BC_CADENCE_NINE_MONTHS, "NineMonths", "nine-monthly" },
	{ BC_CADENCE_YEAR,        "Year",       "yearly" },
	{ BC_CADENCE_ADHOC,       "AdHoc",      "ad-hoc" },
};

/* One report's revisions: one period, or answers to one request whatever their as-of day. */
START_TEST(answers_to_one_request_are_one_report)
{
	struct bc_period a = adhoc("YC-1", (struct bc_date){ 2025, 1, 5 });
	struct bc_period b = adhoc("YC-1", (struct bc_date){ 2025, 1, 9 });
	struct bc_period c = adhoc("YC-2", (struct bc_date){ 2025, 1, 5 });
	struct bc_period m = period(BC_CADENCE_MONTH, 2025, 1);
	struct bc_period m2 = period(BC_CADENCE_MONTH, 2025, 2);
	struct bc_period q = period(BC_CADENCE_QUARTER, 2025, 1);

	ck_assert(bc_period_same_report(&a, &b));
	ck_assert(!bc_period_same_report(&a, &c));
	ck_assert(bc_period_same_report(&m, &m));
	ck_assert(!bc_period_same_report(&m, &m2));
	ck_assert(!bc_period_same_report(&m, &q));
	ck_assert(!bc_period_same_report(&m, &a));
}
END_TEST

START_TEST(each_cadence_has_its_protocol_element_and_stored_name)
{
	const char *element = bc_cadence_element(cadence_names[_i].cadence);
	const char *name = bc_cadence_name(cadence_names[_i].cadence);

	ck_assert_msg(element && strcmp(element, cadence_names[_i].element) == 0,
		      "cadence %d: element %s, expected %s", (int)cadence_names[_i].cadence,
		      element ? element : "(null)", cadence_names[_i].element);
	ck_assert_msg(name && strcmp(name, cadence_names[_i].name) == 0,
		      "cadence %d: name %s, expected %s", (int)cadence_names[_i].cadence,
		      name ? name : "(null)", cadence_names[_i].name);
}
END_TEST

START_TEST(element_name_maps_back_to_its_cadence)
{
	int c = bc_cadence_from_element(cadence_names[_i].element);

	ck_assert_msg(c == (int)cadence_names[_i].cadence, "element \"%s\": got %d, expected %d",
		      cadence_names[_i].element, c, (int)cadence_names[_i].cadence);
}
END_TEST

START_TEST(unknown_element_names_are_no_cadence)
{
	static const char *const unknown[] = {
		"", "month", "MONTH", "Months", "Month ", " Month", "Half", "Halfyear",
		"monthly", "Adhoc", "9M", "Period",
	};

	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		ck_assert_msg(bc_cadence_from_element(unknown[i]) == -1,
			      "element \"%s\" was taken for a cadence", unknown[i]);
	ck_assert_msg(bc_cadence_from_element(NULL) == -1, "NULL element was taken for a cadence");
}
END_TEST

START_TEST(out_of_range_cadence_has_no_names)
{
	ck_assert_msg(bc_cadence_element(BC_CADENCE__MAX) == NULL, "element for BC_CADENCE__MAX");
	ck_assert_msg(bc_cadence_name(BC_CADENCE__MAX) == NULL, "name for BC_CADENCE__MAX");
	ck_assert_msg(bc_cadence_element((enum bc_cadence)-1) == NULL, "element for -1");
	ck_assert_msg(bc_cadence_name((enum bc_cadence)-1) == NULL, "name for -1");
}
END_TEST

/* ---- parsing and formatting periods ------------------------------------------------ */

static const struct {
	enum bc_cadence cadence;
	const char *text;
	int year, index;
} valid_periods[] = {
	{ BC_CADENCE_MONTH,       "2024-01", 2024, 1 },
	{ BC_CADENCE_MONTH,       "2024-03", 2024, 3 },
	{ BC_CADENCE_MONTH,       "2024-09", 2024, 9 },
	{ BC_CADENCE_MONTH,       "2024-10", 2024, 10 },
	{ BC_CADENCE_MONTH,       "2024-12", 2024, 12 },
	{ BC_CADENCE_MONTH,       "1900-01", 1900, 1 },
	{ BC_CADENCE_MONTH,       "9999-12", 9999, 12 },
	{ BC_CADENCE_QUARTER,     "2024-Q1", 2024, 1 },
	{ BC_CADENCE_QUARTER,     "2024-Q2", 2024, 2 },
	{ BC_CADENCE_QUARTER,     "2024-Q3", 2024, 3 },
	{ BC_CADENCE_QUARTER,     "2024-Q4", 2024, 4 },
	{ BC_CADENCE_QUARTER,     "1900-Q1", 1900, 1 },
	{ BC_CADENCE_QUARTER,     "9999-Q4", 9999, 4 },
	{ BC_CADENCE_HALF,        "2024-H1", 2024, 1 },
	{ BC_CADENCE_HALF,        "2024-H2", 2024, 2 },
	{ BC_CADENCE_HALF,        "1900-H1", 1900, 1 },
	{ BC_CADENCE_HALF,        "9999-H2", 9999, 2 },
	{ BC_CADENCE_NINE_MONTHS, "2024-9M", 2024, 0 },
	{ BC_CADENCE_NINE_MONTHS, "1900-9M", 1900, 0 },
	{ BC_CADENCE_NINE_MONTHS, "9999-9M", 9999, 0 },
	{ BC_CADENCE_YEAR,        "2024",    2024, 0 },
	{ BC_CADENCE_YEAR,        "1900",    1900, 0 },
	{ BC_CADENCE_YEAR,        "9999",    9999, 0 },
};

START_TEST(every_period_form_parses_to_its_year_and_index)
{
	struct bc_period p;
	int rc;

	memset(&p, 0x5a, sizeof p);
	rc = bc_period_parse(&p, valid_periods[_i].cadence, valid_periods[_i].text);
	ck_assert_msg(rc == 0, "cadence %d \"%s\": rejected", (int)valid_periods[_i].cadence,
		      valid_periods[_i].text);
	ck_assert_msg(p.cadence == valid_periods[_i].cadence && p.year == valid_periods[_i].year
		      && p.index == valid_periods[_i].index,
		      "\"%s\": got cadence %d year %d index %d, expected %d %d %d",
		      valid_periods[_i].text, (int)p.cadence, p.year, p.index,
		      (int)valid_periods[_i].cadence, valid_periods[_i].year, valid_periods[_i].index);
	/* Fields of other cadences must not carry garbage into the database. */
	ck_assert_msg(p.request[0] == '\0' && same_date(p.as_of, date(0, 0, 0)),
		      "\"%s\": ad hoc fields not cleared", valid_periods[_i].text);
}
END_TEST

START_TEST(every_period_form_formats_back_to_the_same_text)
{
	struct bc_period p;
	char buf[32];
	int len;

	ck_assert_msg(bc_period_parse(&p, valid_periods[_i].cadence, valid_periods[_i].text) == 0,
		      "\"%s\": rejected", valid_periods[_i].text);
	len = bc_period_format(buf, sizeof buf, &p);
	ck_assert_msg(len == (int)strlen(valid_periods[_i].text) && strcmp(buf, valid_periods[_i].text) == 0,
		      "\"%s\": formatted as \"%s\" (%d)", valid_periods[_i].text, buf, len);
}
END_TEST

static const struct {
	enum bc_cadence cadence;
	const char *text;
} invalid_periods[] = {
	/* out-of-range indexes */
	{ BC_CADENCE_MONTH,       "2024-13" },
	{ BC_CADENCE_MONTH,       "2024-00" },
	{ BC_CADENCE_MONTH,       "2024-99" },
	{ BC_CADENCE_QUARTER,     "2024-Q5" },
	{ BC_CADENCE_QUARTER,     "2024-Q0" },
	{ BC_CADENCE_QUARTER,     "2024-Q9" },
	{ BC_CADENCE_HALF,        "2024-H3" },
	{ BC_CADENCE_HALF,        "2024-H0" },
	/* wrong shape */
	{ BC_CADENCE_MONTH,       "24-03" },
	{ BC_CADENCE_MONTH,       "2024-3" },
	{ BC_CADENCE_MONTH,       "2024-003" },
	{ BC_CADENCE_MONTH,       "2024-03x" },
	{ BC_CADENCE_MONTH,       "2024/03" },
	{ BC_CADENCE_MONTH,       "2024-03-01" },
	{ BC_CADENCE_MONTH,       "202403" },
	{ BC_CADENCE_MONTH,       "2024-+3" },
	{ BC_CADENCE_MONTH,       "2024- 3" },
	{ BC_CADENCE_QUARTER,     "2024-q1" },
	{ BC_CADENCE_QUARTER,     "2024Q1" },
	{ BC_CADENCE_QUARTER,     "2024-Q01" },
	{ BC_CADENCE_QUARTER,     "2024-Q" },
	{ BC_CADENCE_HALF,        "2024-h1" },
	{ BC_CADENCE_HALF,        "2024-H1x" },
	{ BC_CADENCE_NINE_MONTHS, "2024-9m" },
	{ BC_CADENCE_NINE_MONTHS, "2024-09M" },
	{ BC_CADENCE_NINE_MONTHS, "2024-M9" },
	{ BC_CADENCE_YEAR,        "24" },
	{ BC_CADENCE_YEAR,        "02024" },
	{ BC_CADENCE_YEAR,        "+2024" },
	{ BC_CADENCE_YEAR,        "-2024" },
	{ BC_CADENCE_YEAR,        "2024x" },
	{ BC_CADENCE_YEAR,        "20x4" },
	/* empty, and surrounding spaces */
	{ BC_CADENCE_MONTH,       "" },
	{ BC_CADENCE_QUARTER,     "" },
	{ BC_CADENCE_HALF,        "" },
	{ BC_CADENCE_NINE_MONTHS, "" },
	{ BC_CADENCE_YEAR,        "" },
	{ BC_CADENCE_MONTH,       " 2024-03" },
	{ BC_CADENCE_MONTH,       "2024-03 " },
	{ BC_CADENCE_QUARTER,     " 2024-Q1" },
	{ BC_CADENCE_QUARTER,     "2024-Q1\n" },
	{ BC_CADENCE_HALF,        "\t2024-H1" },
	{ BC_CADENCE_NINE_MONTHS, "2024-9M " },
	{ BC_CADENCE_YEAR,        " 2024" },
	{ BC_CADENCE_YEAR,        "2024 " },
	/* year bounds */
	{ BC_CADENCE_MONTH,       "1899-12" },
	{ BC_CADENCE_MONTH,       "0000-01" },
	{ BC_CADENCE_MONTH,       "10000-01" },
	{ BC_CADENCE_QUARTER,     "1899-Q4" },
	{ BC_CADENCE_HALF,        "1899-H2" },
	{ BC_CADENCE_NINE_MONTHS, "1899-9M" },
	{ BC_CADENCE_YEAR,        "1899" },
	{ BC_CADENCE_YEAR,        "0000" },
	{ BC_CADENCE_YEAR,        "10000" },
	/* the form of another cadence */
	{ BC_CADENCE_MONTH,       "2024-Q1" },
	{ BC_CADENCE_MONTH,       "2024" },
	{ BC_CADENCE_QUARTER,     "2024-03" },
	{ BC_CADENCE_QUARTER,     "2024-H1" },
	{ BC_CADENCE_HALF,        "2024-Q1" },
	{ BC_CADENCE_NINE_MONTHS, "2024" },
	{ BC_CADENCE_YEAR,        "2024-03" },
	{ BC_CADENCE_YEAR,        "2024-9M" },
	/* ad hoc periods are never parsed from text */
	{ BC_CADENCE_ADHOC,       "2024" },
	{ BC_CADENCE_ADHOC,       "adhoc:YC-2024-007@2024-05-17" },
	{ BC_CADENCE_ADHOC,       "" },
};

START_TEST(malformed_period_text_is_rejected_and_leaves_output_untouched)
{
	struct bc_period p, before;
	int rc;

	memset(&p, 0x5a, sizeof p);
	before = p;
	rc = bc_period_parse(&p, invalid_periods[_i].cadence, invalid_periods[_i].text);
	ck_assert_msg(rc == -1, "cadence %d \"%s\": accepted (rc %d)", (int)invalid_periods[_i].cadence,
		      invalid_periods[_i].text, rc);
	ck_assert_msg(memcmp(&p, &before, sizeof p) == 0, "cadence %d \"%s\": output modified",
		      (int)invalid_periods[_i].cadence, invalid_periods[_i].text);
}
END_TEST

START_TEST(parse_rejects_null_arguments_and_unknown_cadences)
{
	struct bc_period p;

	ck_assert_msg(bc_period_parse(&p, BC_CADENCE_MONTH, NULL) == -1, "NULL text accepted");
	ck_assert_msg(bc_period_parse(NULL, BC_CADENCE_MONTH, "2024-03") == -1, "NULL out accepted");
	ck_assert_msg(bc_period_parse(&p, BC_CADENCE__MAX, "2024") == -1, "cadence __MAX accepted");
	ck_assert_msg(bc_period_parse(&p, (enum bc_cadence)-1, "2024") == -1, "cadence -1 accepted");
}
END_TEST

START_TEST(hand_built_periods_format_to_their_canonical_names)
{
	static const struct {
		enum bc_cadence cadence;
		int year, index;
		const char *expected;
	} cases[] = {
		{ BC_CADENCE_MONTH,       2024, 3,  "2024-03" },
		{ BC_CADENCE_MONTH,       1999, 11, "1999-11" },
		{ BC_CADENCE_QUARTER,     2024, 1,  "2024-Q1" },
		{ BC_CADENCE_HALF,        2024, 2,  "2024-H2" },
		{ BC_CADENCE_NINE_MONTHS, 2024, 0,  "2024-9M" },
		{ BC_CADENCE_YEAR,        2024, 0,  "2024" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bc_period p = period(cases[i].cadence, cases[i].year, cases[i].index);
		int len = bc_period_format(buf, sizeof buf, &p);

		ck_assert_msg(len == (int)strlen(cases[i].expected) && strcmp(buf, cases[i].expected) == 0,
			      "cadence %d year %d index %d: \"%s\" (%d), expected \"%s\"",
			      (int)cases[i].cadence, cases[i].year, cases[i].index, buf, len,
			      cases[i].expected);
	}
}
END_TEST

START_TEST(ad_hoc_period_formats_as_request_and_as_of_date)
{
	static const struct {
		const char *request;
		struct bc_date as_of;
		const char *expected;
	} cases[] = {
		{ "YC-2024-007", { 2024, 5, 17 }, "adhoc:YC-2024-007@2024-05-17" },
		{ "X",           { 1900, 1, 1 },  "adhoc:X@1900-01-01" },
		{ "YC-2024-100", { 2024, 12, 31 }, "adhoc:YC-2024-100@2024-12-31" },
	};
	char buf[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bc_period p = adhoc(cases[i].request, cases[i].as_of);
		int len = bc_period_format(buf, sizeof buf, &p);

		ck_assert_msg(len == (int)strlen(cases[i].expected) && strcmp(buf, cases[i].expected) == 0,
			      "request %s: \"%s\" (%d), expected \"%s\"", cases[i].request, buf, len,
			      cases[i].expected);
	}
}
END_TEST

START_TEST(ad_hoc_request_of_the_full_64_bytes_formats_whole)
{
	struct bc_period p = adhoc("", date(2024, 5, 17));
	char buf[128], expected[128];
	int len;

	memset(p.request, 'R', 64);
	p.request[64] = '\0';
	strcpy(expected, "adhoc:");
	memset(expected + 6, 'R', 64);
	strcpy(expected + 70, "@2024-05-17");
	len = bc_period_format(buf, sizeof buf, &p);
	ck_assert_msg(len == 81 && strcmp(buf, expected) == 0, "64-byte request: \"%s\" (%d)", buf, len);
}
END_TEST

START_TEST(format_fails_rather_than_truncate)
{
	static const struct {
		const char *expected;
		struct bc_period p;
	} cases[] = {
		{ "2024-03", { BC_CADENCE_MONTH, 2024, 3, { 0, 0, 0 }, "" } },
		{ "2024", { BC_CADENCE_YEAR, 2024, 0, { 0, 0, 0 }, "" } },
		{ "adhoc:YC-1@2024-05-17", { BC_CADENCE_ADHOC, 0, 0, { 2024, 5, 17 }, "YC-1" } },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t need = strlen(cases[i].expected) + 1;
		char buf[64];
		int len;

		memset(buf, 'z', sizeof buf);
		len = bc_period_format(buf, need, &cases[i].p);
		ck_assert_msg(len == (int)need - 1 && strcmp(buf, cases[i].expected) == 0,
			      "%s with size %zu: \"%s\" (%d)", cases[i].expected, need, buf, len);

		memset(buf, 'z', sizeof buf);
		len = bc_period_format(buf, need - 1, &cases[i].p);
		ck_assert_msg(len == -1, "%s with size %zu: returned %d", cases[i].expected, need - 1, len);
		ck_assert_msg(buf[0] == '\0', "%s with size %zu: buffer not emptied", cases[i].expected,
			      need - 1);
		ck_assert_msg(buf[need - 1] == 'z', "%s with size %zu: wrote past the buffer",
			      cases[i].expected, need - 1);

		buf[0] = 'z';
		len = bc_period_format(buf, 0, &cases[i].p);
		ck_assert_msg(len == -1 && buf[0] == 'z', "%s with size 0: returned %d or wrote",
			      cases[i].expected, len);
	}
}
END_TEST

/* Periods no parse could produce; every computation refuses them. */
static const struct {
	const char *what;
	struct bc_period p;
} invalid_built[] = {
	{ "month 13",           { BC_CADENCE_MONTH,       2024, 13, { 0, 0, 0 }, "" } },
	{ "month 0",            { BC_CADENCE_MONTH,       2024, 0,  { 0, 0, 0 }, "" } },
	{ "quarter 5",          { BC_CADENCE_QUARTER,     2024, 5,  { 0, 0, 0 }, "" } },
	{ "half 3",             { BC_CADENCE_HALF,        2024, 3,  { 0, 0, 0 }, "" } },
	{ "half -1",            { BC_CADENCE_HALF,        2024, -1, { 0, 0, 0 }, "" } },
	{ "9M with an index",   { BC_CADENCE_NINE_MONTHS, 2024, 1,  { 0, 0, 0 }, "" } },
	{ "year with an index", { BC_CADENCE_YEAR,        2024, 1,  { 0, 0, 0 }, "" } },
	{ "year 1899",          { BC_CADENCE_YEAR,        1899, 0,  { 0, 0, 0 }, "" } },
	{ "year 10000",         { BC_CADENCE_MONTH,       10000, 1, { 0, 0, 0 }, "" } },
	{ "cadence __MAX",      { BC_CADENCE__MAX,        2024, 0,  { 0, 0, 0 }, "" } },
	{ "ad hoc, no request", { BC_CADENCE_ADHOC,       0, 0,     { 2024, 5, 17 }, "" } },
	{ "ad hoc, 30 Feb",     { BC_CADENCE_ADHOC,       0, 0,     { 2024, 2, 30 }, "YC-1" } },
	{ "ad hoc, no date",    { BC_CADENCE_ADHOC,       0, 0,     { 0, 0, 0 }, "YC-1" } },
	{ "ad hoc, year 1899",  { BC_CADENCE_ADHOC,       0, 0,     { 1899, 12, 31 }, "YC-1" } },
};

START_TEST(invalid_period_cannot_be_formatted)
{
	char buf[128];
	int len;

	memset(buf, 'z', sizeof buf);
	len = bc_period_format(buf, sizeof buf, &invalid_built[_i].p);
	ck_assert_msg(len == -1 && buf[0] == '\0', "%s: formatted as \"%.20s\" (%d)",
		      invalid_built[_i].what, buf, len);
}
END_TEST

START_TEST(invalid_period_has_no_span)
{
	const struct bc_period *p = &invalid_built[_i].p;
	struct bc_date first = date(1, 1, 1), last = date(1, 1, 1), zero = date(0, 0, 0);

	bc_period_span(p, &first, &last);
	ck_assert_msg(same_date(first, zero) && same_date(last, zero), "%s: span " DATE_FMT
		      " .. " DATE_FMT, invalid_built[_i].what, DATE_ARGS(first), DATE_ARGS(last));
}
END_TEST

START_TEST(ad_hoc_request_without_terminator_is_refused)
{
	struct bc_period p = adhoc("", date(2024, 5, 17));
	char buf[256];

	memset(p.request, 'R', sizeof p.request);
	ck_assert_msg(bc_period_format(buf, sizeof buf, &p) == -1, "unterminated request formatted");
}
END_TEST

/* ---- spans (filing windows and deadlines: check_calendar.c) ------------------------ */

static const struct {
	const char *what;
	struct bc_period p;
	struct bc_date first, last;
} calendar[] = {
	{ "2024-02 (leap)", { BC_CADENCE_MONTH, 2024, 2, { 0, 0, 0 }, "" },
	  { 2024, 2, 1 }, { 2024, 2, 29 } },
	{ "2023-02", { BC_CADENCE_MONTH, 2023, 2, { 0, 0, 0 }, "" },
	  { 2023, 2, 1 }, { 2023, 2, 28 } },
	{ "1900-02 (century, not leap)", { BC_CADENCE_MONTH, 1900, 2, { 0, 0, 0 }, "" },
	  { 1900, 2, 1 }, { 1900, 2, 28 } },
	{ "2000-02 (400th year, leap)", { BC_CADENCE_MONTH, 2000, 2, { 0, 0, 0 }, "" },
	  { 2000, 2, 1 }, { 2000, 2, 29 } },
	{ "2024-01", { BC_CADENCE_MONTH, 2024, 1, { 0, 0, 0 }, "" },
	  { 2024, 1, 1 }, { 2024, 1, 31 } },
	{ "2024-03", { BC_CADENCE_MONTH, 2024, 3, { 0, 0, 0 }, "" },
	  { 2024, 3, 1 }, { 2024, 3, 31 } },
	{ "2024-04", { BC_CADENCE_MONTH, 2024, 4, { 0, 0, 0 }, "" },
	  { 2024, 4, 1 }, { 2024, 4, 30 } },
	{ "2024-12", { BC_CADENCE_MONTH, 2024, 12, { 0, 0, 0 }, "" },
	  { 2024, 12, 1 }, { 2024, 12, 31 } },
	{ "2024-Q1", { BC_CADENCE_QUARTER, 2024, 1, { 0, 0, 0 }, "" },
	  { 2024, 1, 1 }, { 2024, 3, 31 } },
	{ "2024-Q2", { BC_CADENCE_QUARTER, 2024, 2, { 0, 0, 0 }, "" },
	  { 2024, 4, 1 }, { 2024, 6, 30 } },
	{ "2024-Q3", { BC_CADENCE_QUARTER, 2024, 3, { 0, 0, 0 }, "" },
	  { 2024, 7, 1 }, { 2024, 9, 30 } },
	{ "2024-Q4", { BC_CADENCE_QUARTER, 2024, 4, { 0, 0, 0 }, "" },
	  { 2024, 10, 1 }, { 2024, 12, 31 } },
	{ "2024-H1", { BC_CADENCE_HALF, 2024, 1, { 0, 0, 0 }, "" },
	  { 2024, 1, 1 }, { 2024, 6, 30 } },
	{ "2024-H2", { BC_CADENCE_HALF, 2024, 2, { 0, 0, 0 }, "" },
	  { 2024, 7, 1 }, { 2024, 12, 31 } },
	{ "2024-9M", { BC_CADENCE_NINE_MONTHS, 2024, 0, { 0, 0, 0 }, "" },
	  { 2024, 1, 1 }, { 2024, 9, 30 } },
	{ "2024", { BC_CADENCE_YEAR, 2024, 0, { 0, 0, 0 }, "" },
	  { 2024, 1, 1 }, { 2024, 12, 31 } },
	{ "9999", { BC_CADENCE_YEAR, 9999, 0, { 0, 0, 0 }, "" },
	  { 9999, 1, 1 }, { 9999, 12, 31 } },
	{ "adhoc:YC-2024-007@2024-05-17", { BC_CADENCE_ADHOC, 0, 0, { 2024, 5, 17 }, "YC-2024-007" },
	  { 2024, 1, 1 }, { 2024, 5, 17 } },
	/* The period's own year and index mean nothing for ad hoc; as_of decides. */
	{ "ad hoc with a stray year", { BC_CADENCE_ADHOC, 1999, 7, { 2023, 1, 1 }, "YC-1" },
	  { 2023, 1, 1 }, { 2023, 1, 1 } },
};

START_TEST(period_spans_its_calendar_days)
{
	struct bc_date first, last;

	bc_period_span(&calendar[_i].p, &first, &last);
	ck_assert_msg(same_date(first, calendar[_i].first) && same_date(last, calendar[_i].last),
		      "%s: span " DATE_FMT " .. " DATE_FMT ", expected " DATE_FMT " .. " DATE_FMT,
		      calendar[_i].what, DATE_ARGS(first), DATE_ARGS(last),
		      DATE_ARGS(calendar[_i].first), DATE_ARGS(calendar[_i].last));
}
END_TEST

/* A unit reports for a period when it exists on all of its days; an ad hoc answer, on its
 * as-of day alone. */
START_TEST(presence_is_the_span_or_the_as_of_day)
{
	struct bc_date first, last, want_first;

	bc_period_presence(&calendar[_i].p, &first, &last);
	want_first = calendar[_i].p.cadence == BC_CADENCE_ADHOC ? calendar[_i].last :
	    calendar[_i].first;
	ck_assert_msg(same_date(first, want_first) && same_date(last, calendar[_i].last),
		      "%s: presence " DATE_FMT " .. " DATE_FMT, calendar[_i].what, DATE_ARGS(first),
		      DATE_ARGS(last));
}
END_TEST

START_TEST(span_tolerates_null_outputs_and_null_period)
{
	struct bc_period p = period(BC_CADENCE_QUARTER, 2024, 2);
	struct bc_date first = date(1, 1, 1), last = date(1, 1, 1);

	bc_period_span(&p, NULL, &last);
	ck_assert_msg(same_date(last, date(2024, 6, 30)), "2024-Q2 last alone: " DATE_FMT, DATE_ARGS(last));
	bc_period_span(&p, &first, NULL);
	ck_assert_msg(same_date(first, date(2024, 4, 1)), "2024-Q2 first alone: " DATE_FMT, DATE_ARGS(first));
	bc_period_span(NULL, &first, &last);
	ck_assert_msg(same_date(first, date(0, 0, 0)) && same_date(last, date(0, 0, 0)), "NULL period");
}
END_TEST

/* ---- day numbers ------------------------------------------------------------------- */

/* Day numbers from an independent source (Python's datetime.date ordinals - 719163). */
static const struct {
	struct bc_date d;
	long days;
} known_days[] = {
	{ { 1970, 1, 1 },   0 },
	{ { 1969, 12, 31 }, -1 },
	{ { 1970, 1, 2 },   1 },
	{ { 1900, 1, 1 },   -25567 },
	{ { 1900, 2, 28 },  -25509 },
	{ { 1900, 3, 1 },   -25508 },
	{ { 1600, 1, 1 },   -135140 },
	{ { 1, 1, 1 },      -719162 },
	{ { 2000, 1, 1 },   10957 },
	{ { 2000, 2, 29 },  11016 },
	{ { 2024, 2, 29 },  19782 },
	{ { 2024, 5, 17 },  19860 },
	{ { 2100, 2, 28 },  47540 },
	{ { 2100, 3, 1 },   47541 },
	{ { 2200, 12, 31 }, 84370 },
	{ { 9999, 12, 31 }, 2932896 },
};

START_TEST(known_dates_have_their_day_numbers_both_ways)
{
	struct bc_date d = known_days[_i].d, back;
	long days = bc_date_to_days(d);

	ck_assert_msg(days == known_days[_i].days, DATE_FMT ": %ld days, expected %ld", DATE_ARGS(d),
		      days, known_days[_i].days);
	back = bc_date_from_days(known_days[_i].days);
	ck_assert_msg(same_date(back, d), "%ld days: " DATE_FMT ", expected " DATE_FMT,
		      known_days[_i].days, DATE_ARGS(back), DATE_ARGS(d));
}
END_TEST

/* The test's own calendar, deliberately naive, to walk day by day. */
static int test_leap(int y)
{
	return y % 400 == 0 || (y % 100 != 0 && y % 4 == 0);
}

static struct bc_date next_day(struct bc_date d)
{
	static const int len[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int last = len[d.month] + (d.month == 2 && test_leap(d.year));

	if (++d.day > last) {
		d.day = 1;
		if (++d.month > 12) {
			d.month = 1;
			d.year++;
		}
	}
	return d;
}

START_TEST(day_numbers_follow_the_calendar_day_by_day_for_two_400_year_cycles)
{
	struct bc_date d = date(1600, 1, 1);
	long days = -135140;			/* 1600-01-01, see known_days */
	int seen_1900_03_01 = 0, seen_2000_02_29 = 0, seen_2100_02_28 = 0;

	for (; d.year < 2400; d = next_day(d), days++) {
		long got = bc_date_to_days(d);
		struct bc_date back = bc_date_from_days(days);

		if (got != days || !same_date(back, d))
			ck_abort_msg(DATE_FMT ": to_days %ld (expected %ld), from_days " DATE_FMT,
				     DATE_ARGS(d), got, days, DATE_ARGS(back));
		seen_1900_03_01 |= same_date(d, date(1900, 3, 1)) && days == -25508;
		seen_2000_02_29 |= same_date(d, date(2000, 2, 29)) && days == 11016;
		seen_2100_02_28 |= same_date(d, date(2100, 2, 28)) && days == 47540;
	}
	/* The walk stops on 2400-01-01: two 400-year cycles of 146097 days after 1600-01-01. */
	ck_assert_msg(days == -135140 + 2 * 146097, "walk ended at %ld", days);
	ck_assert_msg(seen_1900_03_01 && seen_2000_02_29 && seen_2100_02_28,
		      "walk missed a landmark: 1900-03-01 %d, 2000-02-29 %d, 2100-02-28 %d",
		      seen_1900_03_01, seen_2000_02_29, seen_2100_02_28);
}
END_TEST

START_TEST(day_numbers_round_trip_far_before_and_after_the_epoch)
{
	/* Every 97th day across ±4 million days (about ±11,000 years), negative years included. */
	for (long days = -4000000; days <= 4000000; days += 97) {
		struct bc_date d = bc_date_from_days(days);

		if (!bc_date_valid(d) || bc_date_to_days(d) != days)
			ck_abort_msg("%ld days: " DATE_FMT " -> %ld", days, DATE_ARGS(d),
				     bc_date_to_days(d));
		if (!same_date(bc_date_from_days(days + 1), next_day(d)))
			ck_abort_msg("%ld days: the next day is not " DATE_FMT, days, DATE_ARGS(next_day(d)));
	}
}
END_TEST

START_TEST(extreme_day_numbers_still_give_a_valid_date)
{
	static const long extremes[] = { LONG_MIN, LONG_MIN + 1, -2000000000L, 2000000000L, LONG_MAX - 1,
					 LONG_MAX };

	for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++) {
		struct bc_date d = bc_date_from_days(extremes[i]);

		ck_assert_msg(bc_date_valid(d), "%ld days: " DATE_FMT, extremes[i], DATE_ARGS(d));
	}
	/* Nonsense fields must not crash or trip the sanitizer either. */
	(void)bc_date_to_days(date(INT_MAX, INT_MAX, INT_MAX));
	(void)bc_date_to_days(date(INT_MIN, INT_MIN, INT_MIN));
}
END_TEST

/* ---- dates ------------------------------------------------------------------------- */

static const struct {
	struct bc_date d;
	int valid;
} validity[] = {
	{ { 2024, 2, 29 }, 1 },
	{ { 2023, 2, 29 }, 0 },
	{ { 1900, 2, 29 }, 0 },
	{ { 2000, 2, 29 }, 1 },
	{ { 2100, 2, 29 }, 0 },
	{ { 2400, 2, 29 }, 1 },
	{ { 2024, 2, 30 }, 0 },
	{ { 2023, 2, 28 }, 1 },
	{ { 2024, 1, 31 }, 1 },
	{ { 2024, 1, 32 }, 0 },
	{ { 2024, 4, 30 }, 1 },
	{ { 2024, 4, 31 }, 0 },
	{ { 2024, 6, 31 }, 0 },
	{ { 2024, 9, 31 }, 0 },
	{ { 2024, 11, 31 }, 0 },
	{ { 2024, 12, 31 }, 1 },
	{ { 2024, 1, 1 }, 1 },
	{ { 2024, 1, 0 }, 0 },
	{ { 2024, 1, -1 }, 0 },
	{ { 2024, 0, 10 }, 0 },
	{ { 2024, 13, 1 }, 0 },
	{ { 2024, -1, 1 }, 0 },
	{ { 0, 0, 0 }, 0 },
};

START_TEST(date_validity_follows_the_gregorian_calendar)
{
	struct bc_date d = validity[_i].d;
	int got = bc_date_valid(d) != 0;

	ck_assert_msg(got == validity[_i].valid, DATE_FMT ": valid %d, expected %d", DATE_ARGS(d), got,
		      validity[_i].valid);
}
END_TEST

static const struct {
	const char *text;
	struct bc_date d;
} valid_dates[] = {
	{ "2024-05-17", { 2024, 5, 17 } },
	{ "2024-02-29", { 2024, 2, 29 } },
	{ "2000-02-29", { 2000, 2, 29 } },
	{ "1900-01-01", { 1900, 1, 1 } },
	{ "1900-03-01", { 1900, 3, 1 } },
	{ "9999-12-31", { 9999, 12, 31 } },
	{ "2024-10-09", { 2024, 10, 9 } },
};

START_TEST(iso_dates_parse_and_format_back)
{
	struct bc_date d;
	char buf[11];

	memset(&d, 0x5a, sizeof d);
	ck_assert_msg(bc_date_parse(&d, valid_dates[_i].text) == 0, "\"%s\": rejected", valid_dates[_i].text);
	ck_assert_msg(same_date(d, valid_dates[_i].d), "\"%s\": parsed as " DATE_FMT,
		      valid_dates[_i].text, DATE_ARGS(d));
	memset(buf, 'z', sizeof buf);
	bc_date_format(buf, valid_dates[_i].d);
	ck_assert_msg(strcmp(buf, valid_dates[_i].text) == 0, DATE_FMT ": formatted as \"%.11s\"",
		      DATE_ARGS(valid_dates[_i].d), buf);
}
END_TEST

START_TEST(malformed_or_impossible_dates_are_rejected_and_leave_output_untouched)
{
	static const char *const bad[] = {
		"", "2024-05-1", "2024-5-17", "24-05-17", "2024-05-170", "2024-05-17 ", " 2024-05-17",
		"2024/05/17", "20240517", "2024-05-17T00:00", "2024-05-17Z", "2024-13-01",
		"2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31", "2023-02-29", "1900-02-29",
		"2100-02-29", "1899-12-31", "0000-01-01", "10000-01-01", "+024-05-17", "-024-05-17",
		"2024-+5-17", "2024-05--1", "2024-O5-17", "2024-05-17\n",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct bc_date d = date(7, 7, 7);

		ck_assert_msg(bc_date_parse(&d, bad[i]) == -1, "\"%s\": accepted", bad[i]);
		ck_assert_msg(same_date(d, date(7, 7, 7)), "\"%s\": output modified", bad[i]);
	}
	ck_assert_msg(bc_date_parse(NULL, "2024-05-17") == -1, "NULL out accepted");
	ck_assert_msg(bc_date_parse(&(struct bc_date){ 0, 0, 0 }, NULL) == -1, "NULL text accepted");
}
END_TEST

START_TEST(dates_outside_the_four_digit_form_format_as_empty)
{
	static const struct bc_date bad[] = {
		{ 2023, 2, 29 }, { 2024, 13, 1 }, { 2024, 0, 1 }, { 10000, 1, 1 }, { -1, 12, 31 },
		{ 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char buf[11];

		memset(buf, 'z', sizeof buf);
		bc_date_format(buf, bad[i]);
		ck_assert_msg(buf[0] == '\0', DATE_FMT ": formatted as \"%.11s\"", DATE_ARGS(bad[i]), buf);
	}
}
END_TEST

START_TEST(dates_compare_by_year_then_month_then_day)
{
	static const struct {
		struct bc_date a, b;
		int expected;
	} cases[] = {
		{ { 2024, 5, 17 }, { 2024, 5, 17 }, 0 },
		{ { 2024, 5, 16 }, { 2024, 5, 17 }, -1 },
		{ { 2024, 5, 18 }, { 2024, 5, 17 }, 1 },
		{ { 2024, 4, 30 }, { 2024, 5, 1 }, -1 },
		{ { 2024, 6, 1 }, { 2024, 5, 31 }, 1 },
		{ { 2023, 12, 31 }, { 2024, 1, 1 }, -1 },
		{ { 2025, 1, 1 }, { 2024, 12, 31 }, 1 },
		{ { 1900, 3, 1 }, { 2100, 2, 28 }, -1 },
		{ { 2024, 1, 31 }, { 2024, 2, 1 }, -1 },
		{ { INT_MIN, 1, 1 }, { INT_MAX, 1, 1 }, -1 },
		{ { INT_MAX, 1, 1 }, { INT_MIN, 1, 1 }, 1 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = bc_date_cmp(cases[i].a, cases[i].b);

		ck_assert_msg(got == cases[i].expected, DATE_FMT " vs " DATE_FMT ": %d, expected %d",
			      DATE_ARGS(cases[i].a), DATE_ARGS(cases[i].b), got, cases[i].expected);
	}
}
END_TEST

/* Weekdays read off a printed calendar (and Python's date.weekday(), Monday = 0). */
static const struct {
	struct bc_date d;
	int weekday;
} known_weekdays[] = {
	{ { 1970, 1, 1 },   3 },	/* Thursday */
	{ { 1969, 12, 31 }, 2 },	/* Wednesday */
	{ { 1900, 1, 1 },   0 },	/* Monday */
	{ { 1600, 1, 1 },   5 },	/* Saturday */
	{ { 2000, 1, 1 },   5 },	/* Saturday */
	{ { 2024, 2, 29 },  3 },	/* Thursday */
	{ { 2024, 3, 16 },  5 },	/* Saturday */
	{ { 2024, 3, 17 },  6 },	/* Sunday */
	{ { 2024, 3, 18 },  0 },	/* Monday */
	{ { 2025, 1, 1 },   2 },	/* Wednesday */
	{ { 2026, 2, 16 },  0 },	/* Monday */
	{ { 2100, 3, 1 },   0 },	/* Monday */
	{ { 9999, 12, 31 }, 4 },	/* Friday */
	{ { 1, 1, 1 },      0 },	/* Monday, proleptic Gregorian */
};

START_TEST(known_dates_fall_on_their_weekdays)
{
	int got = bc_date_weekday(known_weekdays[_i].d);

	ck_assert_msg(got == known_weekdays[_i].weekday, DATE_FMT ": weekday %d, expected %d",
		      DATE_ARGS(known_weekdays[_i].d), got, known_weekdays[_i].weekday);
}
END_TEST

START_TEST(weekdays_follow_one_another_day_by_day)
{
	struct bc_date d = date(1899, 1, 1);
	int expected = 6;			/* 1899-01-01 was a Sunday */

	for (; d.year < 2101; d = next_day(d), expected = (expected + 1) % 7)
		if (bc_date_weekday(d) != expected)
			ck_abort_msg(DATE_FMT ": weekday %d, expected %d", DATE_ARGS(d), bc_date_weekday(d),
				     expected);
}
END_TEST

START_TEST(invalid_dates_have_no_weekday)
{
	static const struct bc_date bad[] = {
		{ 2023, 2, 29 }, { 2024, 13, 1 }, { 2024, 0, 1 }, { 2024, 4, 31 }, { 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(bc_date_weekday(bad[i]) == -1, DATE_FMT ": weekday %d", DATE_ARGS(bad[i]),
			      bc_date_weekday(bad[i]));
}
END_TEST

/* ---- sequences: the period before, containment, the periods of a year ------------- */

/* Literal periods for the tables below; ad hoc fields stay zero, as a parse leaves them. */
#define P_MONTH(y, m)   { BC_CADENCE_MONTH, (y), (m), { 0, 0, 0 }, "" }
#define P_QUARTER(y, q) { BC_CADENCE_QUARTER, (y), (q), { 0, 0, 0 }, "" }
#define P_HALF(y, h)    { BC_CADENCE_HALF, (y), (h), { 0, 0, 0 }, "" }
#define P_9M(y)         { BC_CADENCE_NINE_MONTHS, (y), 0, { 0, 0, 0 }, "" }
#define P_YEAR(y)       { BC_CADENCE_YEAR, (y), 0, { 0, 0, 0 }, "" }
#define P_ADHOC(y, m, d) { BC_CADENCE_ADHOC, 0, 0, { (y), (m), (d) }, "YC-2024-007" }

static int same_period(const struct bc_period *a, const struct bc_period *b)
{
	return a->cadence == b->cadence && a->year == b->year && a->index == b->index
	       && same_date(a->as_of, b->as_of) && strcmp(a->request, b->request) == 0;
}

static const struct {
	const char *what;
	struct bc_period p, prev;
} previous[] = {
	{ "2024-01 -> 2023-12", P_MONTH(2024, 1),   P_MONTH(2023, 12) },
	{ "2024-02 -> 2024-01", P_MONTH(2024, 2),   P_MONTH(2024, 1) },
	{ "2024-03 -> 2024-02", P_MONTH(2024, 3),   P_MONTH(2024, 2) },
	{ "2024-10 -> 2024-09", P_MONTH(2024, 10),  P_MONTH(2024, 9) },
	{ "2024-12 -> 2024-11", P_MONTH(2024, 12),  P_MONTH(2024, 11) },
	{ "1900-02 -> 1900-01", P_MONTH(1900, 2),   P_MONTH(1900, 1) },
	{ "9999-01 -> 9998-12", P_MONTH(9999, 1),   P_MONTH(9998, 12) },
	{ "2024-Q1 -> 2023-Q4", P_QUARTER(2024, 1), P_QUARTER(2023, 4) },
	{ "2024-Q2 -> 2024-Q1", P_QUARTER(2024, 2), P_QUARTER(2024, 1) },
	{ "2024-Q3 -> 2024-Q2", P_QUARTER(2024, 3), P_QUARTER(2024, 2) },
	{ "2024-Q4 -> 2024-Q3", P_QUARTER(2024, 4), P_QUARTER(2024, 3) },
	{ "2024-H1 -> 2023-H2", P_HALF(2024, 1),    P_HALF(2023, 2) },
	{ "2024-H2 -> 2024-H1", P_HALF(2024, 2),    P_HALF(2024, 1) },
	{ "2024-9M -> 2023-9M", P_9M(2024),         P_9M(2023) },
	{ "1901-9M -> 1900-9M", P_9M(1901),         P_9M(1900) },
	{ "2024 -> 2023",       P_YEAR(2024),       P_YEAR(2023) },
	{ "2000 -> 1999",       P_YEAR(2000),       P_YEAR(1999) },
	{ "1901 -> 1900",       P_YEAR(1901),       P_YEAR(1900) },
};

START_TEST(each_period_steps_back_to_the_one_before_of_its_cadence)
{
	struct bc_period out;
	int rc;

	memset(&out, 0x5a, sizeof out);
	rc = bc_period_prev(&out, &previous[_i].p);
	ck_assert_msg(rc == 0, "%s: rc %d", previous[_i].what, rc);
	ck_assert_msg(same_period(&out, &previous[_i].prev),
		      "%s: got cadence %d year %d index %d (as_of " DATE_FMT ", request \"%.8s\")",
		      previous[_i].what, (int)out.cadence, out.year, out.index, DATE_ARGS(out.as_of),
		      out.request);
}
END_TEST

START_TEST(prev_may_overwrite_its_own_input)
{
	struct bc_period p = P_QUARTER(2024, 1), expected = P_QUARTER(2023, 4);

	ck_assert_msg(bc_period_prev(&p, &p) == 0 && same_period(&p, &expected),
		      "2024-Q1 in place: year %d index %d", p.year, p.index);
}
END_TEST

START_TEST(prev_clears_stray_ad_hoc_fields)
{
	struct bc_period p = P_MONTH(2024, 3), out, expected = P_MONTH(2024, 2);

	strcpy(p.request, "stray");
	p.as_of = date(2024, 3, 9);
	ck_assert_msg(bc_period_prev(&out, &p) == 0 && same_period(&out, &expected),
		      "2024-03 with stray fields: request \"%.8s\" as_of " DATE_FMT, out.request,
		      DATE_ARGS(out.as_of));
}
END_TEST

static const struct {
	const char *what;
	struct bc_period p;
} no_previous[] = {
	{ "1900-01 (1899-12 is out of range)", P_MONTH(1900, 1) },
	{ "1900-Q1",                           P_QUARTER(1900, 1) },
	{ "1900-H1",                           P_HALF(1900, 1) },
	{ "1900-9M",                           P_9M(1900) },
	{ "1900",                              P_YEAR(1900) },
	{ "ad hoc",                            P_ADHOC(2024, 5, 17) },
	{ "month 13",                          P_MONTH(2024, 13) },
	{ "month 0",                           P_MONTH(2024, 0) },
	{ "quarter 0",                         P_QUARTER(2024, 0) },
	{ "half 3",                            P_HALF(2024, 3) },
	{ "year 10000",                        P_YEAR(10000) },
	{ "9M with an index",                  { BC_CADENCE_NINE_MONTHS, 2024, 1, { 0, 0, 0 }, "" } },
	{ "cadence __MAX",                     { BC_CADENCE__MAX, 2024, 0, { 0, 0, 0 }, "" } },
};

START_TEST(prev_refuses_ad_hoc_invalid_and_first_periods_and_leaves_output_untouched)
{
	struct bc_period out, before;
	int rc;

	memset(&out, 0x5a, sizeof out);
	before = out;
	rc = bc_period_prev(&out, &no_previous[_i].p);
	ck_assert_msg(rc == -1, "%s: rc %d", no_previous[_i].what, rc);
	ck_assert_msg(memcmp(&out, &before, sizeof out) == 0, "%s: output modified", no_previous[_i].what);
}
END_TEST

START_TEST(prev_rejects_null_arguments)
{
	struct bc_period p = P_MONTH(2024, 3), out;

	ck_assert_msg(bc_period_prev(NULL, &p) == -1, "NULL out accepted");
	ck_assert_msg(bc_period_prev(&out, NULL) == -1, "NULL period accepted");
}
END_TEST

static const struct {
	const char *what;
	struct bc_period outer, inner;
	int expected;
} containment[] = {
	/* a quarter holds its three months and no other */
	{ "2024-Q1 > 2024-01",  P_QUARTER(2024, 1), P_MONTH(2024, 1),   1 },
	{ "2024-Q1 > 2024-02",  P_QUARTER(2024, 1), P_MONTH(2024, 2),   1 },
	{ "2024-Q1 > 2024-03",  P_QUARTER(2024, 1), P_MONTH(2024, 3),   1 },
	{ "2024-Q1 > 2024-04",  P_QUARTER(2024, 1), P_MONTH(2024, 4),   0 },
	{ "2024-Q1 > 2023-12",  P_QUARTER(2024, 1), P_MONTH(2023, 12),  0 },
	{ "2023-Q1 > 2024-03",  P_QUARTER(2023, 1), P_MONTH(2024, 3),   0 },
	{ "2024-Q2 > 2024-04",  P_QUARTER(2024, 2), P_MONTH(2024, 4),   1 },
	{ "2024-Q2 > 2024-06",  P_QUARTER(2024, 2), P_MONTH(2024, 6),   1 },
	{ "2024-Q2 > 2024-03",  P_QUARTER(2024, 2), P_MONTH(2024, 3),   0 },
	{ "2024-Q3 > 2024-09",  P_QUARTER(2024, 3), P_MONTH(2024, 9),   1 },
	{ "2024-Q4 > 2024-10",  P_QUARTER(2024, 4), P_MONTH(2024, 10),  1 },
	{ "2024-Q4 > 2024-12",  P_QUARTER(2024, 4), P_MONTH(2024, 12),  1 },
	{ "2024-Q4 > 2025-01",  P_QUARTER(2024, 4), P_MONTH(2025, 1),   0 },
	/* halves */
	{ "2024-H1 > 2024-Q1",  P_HALF(2024, 1),    P_QUARTER(2024, 1), 1 },
	{ "2024-H1 > 2024-Q2",  P_HALF(2024, 1),    P_QUARTER(2024, 2), 1 },
	{ "2024-H1 > 2024-Q3",  P_HALF(2024, 1),    P_QUARTER(2024, 3), 0 },
	{ "2024-H1 > 2024-01",  P_HALF(2024, 1),    P_MONTH(2024, 1),   1 },
	{ "2024-H1 > 2024-06",  P_HALF(2024, 1),    P_MONTH(2024, 6),   1 },
	{ "2024-H1 > 2024-07",  P_HALF(2024, 1),    P_MONTH(2024, 7),   0 },
	{ "2024-H2 > 2024-Q3",  P_HALF(2024, 2),    P_QUARTER(2024, 3), 1 },
	{ "2024-H2 > 2024-Q4",  P_HALF(2024, 2),    P_QUARTER(2024, 4), 1 },
	{ "2024-H2 > 2024-Q2",  P_HALF(2024, 2),    P_QUARTER(2024, 2), 0 },
	{ "2024-H2 > 2024-07",  P_HALF(2024, 2),    P_MONTH(2024, 7),   1 },
	{ "2024-H2 > 2024-12",  P_HALF(2024, 2),    P_MONTH(2024, 12),  1 },
	{ "2024-H2 > 2024-H1",  P_HALF(2024, 2),    P_HALF(2024, 1),    0 },
	{ "2024-H1 > 2023-H1",  P_HALF(2024, 1),    P_HALF(2023, 1),    0 },
	/* nine months: January to September */
	{ "2024-9M > 2024-Q1",  P_9M(2024),         P_QUARTER(2024, 1), 1 },
	{ "2024-9M > 2024-Q2",  P_9M(2024),         P_QUARTER(2024, 2), 1 },
	{ "2024-9M > 2024-Q3",  P_9M(2024),         P_QUARTER(2024, 3), 1 },
	{ "2024-9M > 2024-Q4",  P_9M(2024),         P_QUARTER(2024, 4), 0 },
	{ "2024-9M > 2024-H1",  P_9M(2024),         P_HALF(2024, 1),    1 },
	{ "2024-9M > 2024-H2",  P_9M(2024),         P_HALF(2024, 2),    0 },
	{ "2024-9M > 2024-01",  P_9M(2024),         P_MONTH(2024, 1),   1 },
	{ "2024-9M > 2024-09",  P_9M(2024),         P_MONTH(2024, 9),   1 },
	{ "2024-9M > 2024-10",  P_9M(2024),         P_MONTH(2024, 10),  0 },
	{ "2024-9M > 2024",     P_9M(2024),         P_YEAR(2024),       0 },
	{ "2024-9M > 2023-9M",  P_9M(2024),         P_9M(2023),         0 },
	/* a year holds everything of that year and nothing of another */
	{ "2024 > 2024-01",     P_YEAR(2024),       P_MONTH(2024, 1),   1 },
	{ "2024 > 2024-12",     P_YEAR(2024),       P_MONTH(2024, 12),  1 },
	{ "2024 > 2024-Q1",     P_YEAR(2024),       P_QUARTER(2024, 1), 1 },
	{ "2024 > 2024-Q4",     P_YEAR(2024),       P_QUARTER(2024, 4), 1 },
	{ "2024 > 2024-H1",     P_YEAR(2024),       P_HALF(2024, 1),    1 },
	{ "2024 > 2024-H2",     P_YEAR(2024),       P_HALF(2024, 2),    1 },
	{ "2024 > 2024-9M",     P_YEAR(2024),       P_9M(2024),         1 },
	{ "2024 > 2023-12",     P_YEAR(2024),       P_MONTH(2023, 12),  0 },
	{ "2024 > 2025-01",     P_YEAR(2024),       P_MONTH(2025, 1),   0 },
	{ "2024 > 2023",        P_YEAR(2024),       P_YEAR(2023),       0 },
	{ "2024 > 2025-H1",     P_YEAR(2024),       P_HALF(2025, 1),    0 },
	/* every period contains itself */
	{ "2024-03 > itself",   P_MONTH(2024, 3),   P_MONTH(2024, 3),   1 },
	{ "2024-Q2 > itself",   P_QUARTER(2024, 2), P_QUARTER(2024, 2), 1 },
	{ "2024-H2 > itself",   P_HALF(2024, 2),    P_HALF(2024, 2),    1 },
	{ "2024-9M > itself",   P_9M(2024),         P_9M(2024),         1 },
	{ "2024 > itself",      P_YEAR(2024),       P_YEAR(2024),       1 },
	/* the smaller never contains the larger */
	{ "2024-01 > 2024-Q1",  P_MONTH(2024, 1),   P_QUARTER(2024, 1), 0 },
	{ "2024-03 > 2024-04",  P_MONTH(2024, 3),   P_MONTH(2024, 4),   0 },
	{ "2024-Q1 > 2024-H1",  P_QUARTER(2024, 1), P_HALF(2024, 1),    0 },
	{ "2024-Q3 > 2024-9M",  P_QUARTER(2024, 3), P_9M(2024),         0 },
	{ "2024-H1 > 2024-9M",  P_HALF(2024, 1),    P_9M(2024),         0 },
	{ "2024-H2 > 2024",     P_HALF(2024, 2),    P_YEAR(2024),       0 },
	/* ad hoc contains nothing and is contained by nothing */
	{ "ad hoc > 2024-01",   P_ADHOC(2024, 5, 17), P_MONTH(2024, 1), 0 },
	{ "ad hoc > itself",    P_ADHOC(2024, 5, 17), P_ADHOC(2024, 5, 17), 0 },
	{ "2024 > ad hoc",      P_YEAR(2024),       P_ADHOC(2024, 5, 17), 0 },
	{ "2024-05 > ad hoc",   P_MONTH(2024, 5),   P_ADHOC(2024, 5, 17), 0 },
	/* invalid periods take part in nothing */
	{ "2024 > month 13",    P_YEAR(2024),       P_MONTH(2024, 13),  0 },
	{ "quarter 5 > 2024-01", P_QUARTER(2024, 5), P_MONTH(2024, 1),  0 },
	{ "year 1899 > itself", P_YEAR(1899),       P_YEAR(1899),       0 },
};

START_TEST(containment_follows_the_spans)
{
	int got = bc_period_contains(&containment[_i].outer, &containment[_i].inner);

	ck_assert_msg(got == containment[_i].expected, "%s: %d, expected %d", containment[_i].what, got,
		      containment[_i].expected);
}
END_TEST

START_TEST(containment_of_null_is_false)
{
	struct bc_period p = P_YEAR(2024);

	ck_assert_msg(bc_period_contains(NULL, &p) == 0, "NULL outer");
	ck_assert_msg(bc_period_contains(&p, NULL) == 0, "NULL inner");
	ck_assert_msg(bc_period_contains(NULL, NULL) == 0, "both NULL");
}
END_TEST

static const struct {
	enum bc_cadence cadence;
	size_t count;
	int index[12];
} year_periods[] = {
	{ BC_CADENCE_MONTH,       12, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 } },
	{ BC_CADENCE_QUARTER,     4,  { 1, 2, 3, 4 } },
	{ BC_CADENCE_HALF,        2,  { 1, 2 } },
	{ BC_CADENCE_NINE_MONTHS, 1,  { 0 } },
	{ BC_CADENCE_YEAR,        1,  { 0 } },
	{ BC_CADENCE_ADHOC,       0,  { 0 } },
};

START_TEST(a_year_holds_every_period_of_the_cadence_in_order)
{
	struct bc_period out[16];
	size_t n;

	memset(out, 0x5a, sizeof out);
	n = bc_period_of_year(2024, year_periods[_i].cadence, out, 16);
	ck_assert_msg(n == year_periods[_i].count, "cadence %d: %zu periods, expected %zu",
		      (int)year_periods[_i].cadence, n, year_periods[_i].count);
	for (size_t k = 0; k < n; k++) {
		struct bc_period expected = period(year_periods[_i].cadence, 2024, year_periods[_i].index[k]);

		ck_assert_msg(same_period(&out[k], &expected),
			      "cadence %d, #%zu: cadence %d year %d index %d, expected index %d",
			      (int)year_periods[_i].cadence, k, (int)out[k].cadence, out[k].year,
			      out[k].index, year_periods[_i].index[k]);
	}
	ck_assert_msg(out[n].year == 0x5a5a5a5a, "cadence %d: wrote past the %zu periods",
		      (int)year_periods[_i].cadence, n);
}
END_TEST

START_TEST(of_year_counts_all_but_writes_only_max)
{
	struct bc_period out[16], expected = period(BC_CADENCE_MONTH, 2024, 5);

	memset(out, 0x5a, sizeof out);
	ck_assert_msg(bc_period_of_year(2024, BC_CADENCE_MONTH, out, 5) == 12, "months with max 5");
	ck_assert_msg(same_period(&out[4], &expected), "months with max 5: #4 is index %d", out[4].index);
	ck_assert_msg(out[5].year == 0x5a5a5a5a, "months with max 5: wrote a sixth");
	ck_assert_msg(bc_period_of_year(2024, BC_CADENCE_QUARTER, NULL, 0) == 4, "quarters into NULL");
	ck_assert_msg(bc_period_of_year(2024, BC_CADENCE_HALF, out, 0) == 2, "halves with max 0");
}
END_TEST

START_TEST(of_year_refuses_years_out_of_range_and_unknown_cadences)
{
	struct bc_period out[16];

	memset(out, 0x5a, sizeof out);
	ck_assert_msg(bc_period_of_year(1899, BC_CADENCE_MONTH, out, 16) == 0, "year 1899");
	ck_assert_msg(bc_period_of_year(10000, BC_CADENCE_YEAR, out, 16) == 0, "year 10000");
	ck_assert_msg(bc_period_of_year(2024, BC_CADENCE__MAX, out, 16) == 0, "cadence __MAX");
	ck_assert_msg(bc_period_of_year(2024, (enum bc_cadence)-1, out, 16) == 0, "cadence -1");
	ck_assert_msg(out[0].year == 0x5a5a5a5a, "output written for a refused year");
	ck_assert_msg(bc_period_of_year(1900, BC_CADENCE_YEAR, out, 16) == 1
		      && bc_period_of_year(9999, BC_CADENCE_QUARTER, out, 16) == 4, "bounding years");
}
END_TEST

/* The three agree: each period of a year is in the year, and stepping back from the first
 * one of a year lands on the last one of the year before. */
START_TEST(of_year_prev_and_contains_agree_for_every_cadence)
{
	struct bc_period year = P_YEAR(2024);

	for (size_t c = 0; c < sizeof year_periods / sizeof year_periods[0]; c++) {
		enum bc_cadence cadence = year_periods[c].cadence;
		struct bc_period now[12], before[12], prev;
		size_t n = bc_period_of_year(2024, cadence, now, 12);

		if (n == 0)
			continue;
		ck_assert(bc_period_of_year(2023, cadence, before, 12) == n);
		for (size_t k = 0; k < n; k++) {
			ck_assert_msg(bc_period_contains(&year, &now[k]), "cadence %d #%zu not in 2024",
				      (int)cadence, k);
			ck_assert_msg(!bc_period_contains(&year, &before[k]), "cadence %d #%zu of 2023 in 2024",
				      (int)cadence, k);
			ck_assert_msg(bc_period_prev(&prev, &now[k]) == 0
				      && same_period(&prev, k == 0 ? &before[n - 1] : &now[k - 1]),
				      "cadence %d #%zu: prev is year %d index %d", (int)cadence, k, prev.year,
				      prev.index);
		}
	}
}
END_TEST

static const struct {
	struct bc_period p;
	const char *parts;	/* their names, space-separated */
} parts[] = {
	{ P_YEAR(2024),       "2024-H1 2024-H2" },
	{ P_HALF(2024, 1),    "2024-Q1 2024-Q2" },
	{ P_HALF(2024, 2),    "2024-Q3 2024-Q4" },
	{ P_9M(2024),         "2024-H1 2024-Q3" },
	{ P_QUARTER(2024, 1), "2024-01 2024-02 2024-03" },
	{ P_QUARTER(2024, 4), "2024-10 2024-11 2024-12" },
	{ P_MONTH(2024, 7),   "" },
	{ P_ADHOC(2024, 5, 17), "" },
	{ P_QUARTER(2024, 5), "" },
	{ P_YEAR(1899),       "" },
};

START_TEST(a_period_is_made_of_its_halves_quarters_or_months)
{
	struct bc_period out[BC_PERIOD_PARTS_MAX + 1];
	char got[128] = "", name[16];
	size_t n;

	memset(out, 0x5a, sizeof out);
	n = bc_period_parts(&parts[_i].p, out);
	for (size_t k = 0; k < n; k++) {
		ck_assert(bc_period_format(name, sizeof name, &out[k]) > 0);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? " " : "", name);
	}
	ck_assert_msg(strcmp(got, parts[_i].parts) == 0, "#%d: \"%s\", expected \"%s\"", _i, got,
		      parts[_i].parts);
	ck_assert_msg(out[n].year == 0x5a5a5a5a, "#%d: wrote past its %zu parts", _i, n);
}
END_TEST

/* For every period of every cadence: the parts lie in it, one after another with no gap or
 * overlap, from its first day to its last. */
START_TEST(the_parts_of_a_period_tile_its_span)
{
	for (int c = 0; c < BC_CADENCE_ADHOC; c++) {
		struct bc_period all[12], part[BC_PERIOD_PARTS_MAX];
		size_t n = bc_period_of_year(2024, (enum bc_cadence)c, all, 12);

		for (size_t k = 0; k < n; k++) {
			struct bc_date first, last, pf, pl;
			size_t np = bc_period_parts(&all[k], part);
			long next;

			bc_period_span(&all[k], &first, &last);
			/* the first day no part has covered yet */
			next = bc_date_to_days(first);
			for (size_t i = 0; i < np; i++) {
				bc_period_span(&part[i], &pf, &pl);
				ck_assert_msg(bc_period_contains(&all[k], &part[i])
					      && bc_date_to_days(pf) == next,
					      "cadence %d #%zu, part %zu: outside, a gap or an overlap",
					      c, k, i);
				next = bc_date_to_days(pl) + 1;
			}
			ck_assert_msg(np == 0 || next == bc_date_to_days(last) + 1,
				      "cadence %d #%zu: the parts end before the period", c, k);
		}
	}
}
END_TEST

#define N(table) ((int)(sizeof(table) / sizeof((table)[0])))

Suite *suite_period(void);

Suite *suite_period(void)
{
	Suite *s = suite_create("period");
	TCase *tc;

	tc = tcase_create("cadence");
	tcase_add_loop_test(tc, each_cadence_has_its_protocol_element_and_stored_name, 0, N(cadence_names));
	tcase_add_loop_test(tc, element_name_maps_back_to_its_cadence, 0, N(cadence_names));
	tcase_add_test(tc, unknown_element_names_are_no_cadence);
	tcase_add_test(tc, out_of_range_cadence_has_no_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse-format");
	tcase_add_loop_test(tc, every_period_form_parses_to_its_year_and_index, 0, N(valid_periods));
	tcase_add_loop_test(tc, every_period_form_formats_back_to_the_same_text, 0, N(valid_periods));
	tcase_add_loop_test(tc, malformed_period_text_is_rejected_and_leaves_output_untouched, 0,
			    N(invalid_periods));
	tcase_add_test(tc, parse_rejects_null_arguments_and_unknown_cadences);
	tcase_add_test(tc, hand_built_periods_format_to_their_canonical_names);
	tcase_add_test(tc, ad_hoc_period_formats_as_request_and_as_of_date);
	tcase_add_test(tc, ad_hoc_request_of_the_full_64_bytes_formats_whole);
	tcase_add_test(tc, format_fails_rather_than_truncate);
	tcase_add_loop_test(tc, invalid_period_cannot_be_formatted, 0, N(invalid_built));
	tcase_add_test(tc, ad_hoc_request_without_terminator_is_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_loop_test(tc, period_spans_its_calendar_days, 0, N(calendar));
	tcase_add_loop_test(tc, presence_is_the_span_or_the_as_of_day, 0, N(calendar));
	tcase_add_loop_test(tc, invalid_period_has_no_span, 0, N(invalid_built));
	tcase_add_test(tc, span_tolerates_null_outputs_and_null_period);
	suite_add_tcase(s, tc);

	tc = tcase_create("days");
	tcase_add_loop_test(tc, known_dates_have_their_day_numbers_both_ways, 0, N(known_days));
	tcase_add_test(tc, day_numbers_follow_the_calendar_day_by_day_for_two_400_year_cycles);
	tcase_add_test(tc, day_numbers_round_trip_far_before_and_after_the_epoch);
	tcase_add_test(tc, extreme_day_numbers_still_give_a_valid_date);
	suite_add_tcase(s, tc);

	tc = tcase_create("date");
	tcase_add_loop_test(tc, date_validity_follows_the_gregorian_calendar, 0, N(validity));
	tcase_add_loop_test(tc, iso_dates_parse_and_format_back, 0, N(valid_dates));
	tcase_add_test(tc, malformed_or_impossible_dates_are_rejected_and_leave_output_untouched);
	tcase_add_test(tc, dates_outside_the_four_digit_form_format_as_empty);
	tcase_add_test(tc, dates_compare_by_year_then_month_then_day);
	tcase_add_loop_test(tc, known_dates_fall_on_their_weekdays, 0, N(known_weekdays));
	tcase_add_test(tc, weekdays_follow_one_another_day_by_day);
	tcase_add_test(tc, invalid_dates_have_no_weekday);
	suite_add_tcase(s, tc);

	tc = tcase_create("sequence");
	tcase_add_loop_test(tc, each_period_steps_back_to_the_one_before_of_its_cadence, 0, N(previous));
	tcase_add_test(tc, prev_may_overwrite_its_own_input);
	tcase_add_test(tc, prev_clears_stray_ad_hoc_fields);
	tcase_add_loop_test(tc, prev_refuses_ad_hoc_invalid_and_first_periods_and_leaves_output_untouched,
			    0, N(no_previous));
	tcase_add_test(tc, prev_rejects_null_arguments);
	tcase_add_loop_test(tc, containment_follows_the_spans, 0, N(containment));
	tcase_add_test(tc, containment_of_null_is_false);
	tcase_add_loop_test(tc, a_year_holds_every_period_of_the_cadence_in_order, 0, N(year_periods));
	tcase_add_test(tc, of_year_counts_all_but_writes_only_max);
	tcase_add_test(tc, of_year_refuses_years_out_of_range_and_unknown_cadences);
	tcase_add_test(tc, of_year_prev_and_contains_agree_for_every_cadence);
	tcase_add_loop_test(tc, a_period_is_made_of_its_halves_quarters_or_months, 0, N(parts));
	tcase_add_test(tc, the_parts_of_a_period_tile_its_span);
	tcase_add_test(tc, answers_to_one_request_are_one_report);
	suite_add_tcase(s, tc);

	return s;
}
