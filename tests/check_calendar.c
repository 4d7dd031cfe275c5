/*
 * check_calendar — the reporting regime checked against a real calendar.
 *
 * Windows, opening days and deadlines are literals read off Decree 09/2019 Art. 12, PROTOCOL.md
 * and a printed calendar (weekdays cross-checked with Python's datetime), never values
 * produced by calendar.c, so a wrong rule cannot make its own test pass. Each table row names
 * its input, so a failure says which period, rule and level went wrong.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "baocao/calendar.h"

static struct bc_date date(int y, int m, int d)
{
	struct bc_date r = { y, m, d };

	return r;
}

static int same_date(struct bc_date a, struct bc_date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

#define DATE_FMT "%04d-%02d-%02d"
#define DATE_ARGS(d) (d).year, (d).month, (d).day

/* Literal periods for the tables; ad hoc fields stay zero, as a parse leaves them. */
#define P_MONTH(y, m)   { BC_CADENCE_MONTH, (y), (m), { 0, 0, 0 }, "" }
#define P_QUARTER(y, q) { BC_CADENCE_QUARTER, (y), (q), { 0, 0, 0 }, "" }
#define P_HALF(y, h)    { BC_CADENCE_HALF, (y), (h), { 0, 0, 0 }, "" }
#define P_9M(y)         { BC_CADENCE_NINE_MONTHS, (y), 0, { 0, 0, 0 }, "" }
#define P_YEAR(y)       { BC_CADENCE_YEAR, (y), 0, { 0, 0, 0 }, "" }
#define P_ADHOC(y, m, d) { BC_CADENCE_ADHOC, 0, 0, { (y), (m), (d) }, "YC-2024-007" }

#define D09 BC_CUTOFF_DECREE09
#define CAL BC_CUTOFF_CALENDAR

static const char *const level_name[BC_LEVEL__MAX] = { "commune", "district", "office" };
static const char *const cutoff_name[BC_CUTOFF__MAX] = { "decree09", "calendar" };

static struct bc_calendar calendar_of(enum bc_cutoff cutoff)
{
	struct bc_calendar cal;

	bc_calendar_defaults(&cal, cutoff);
	return cal;
}

/* ---- the regime of every cadence under the default deadlines ----------------------- */

static const struct {
	const char *what;
	enum bc_cutoff cutoff;
	struct bc_period p;
	struct bc_date first, last, opens;
	struct bc_date due[BC_LEVEL__MAX];	/* commune, district, office */
} regime[] = {
	/* Decree 09: 15th of the month before .. 14th; due the 16th / 18th / 20th, off weekends */
	{ "decree09 2024-01 (window from the year before; 20 Jan is a Saturday)", D09, P_MONTH(2024, 1),
	  { 2023, 12, 15 }, { 2024, 1, 14 }, { 2024, 1, 15 },
	  { { 2024, 1, 16 }, { 2024, 1, 18 }, { 2024, 1, 22 } } },
	{ "decree09 2024-02 (leap; 18 Feb is a Sunday)", D09, P_MONTH(2024, 2),
	  { 2024, 1, 15 }, { 2024, 2, 14 }, { 2024, 2, 15 },
	  { { 2024, 2, 16 }, { 2024, 2, 19 }, { 2024, 2, 20 } } },
	{ "decree09 2023-02 (18 Feb is a Saturday)", D09, P_MONTH(2023, 2),
	  { 2023, 1, 15 }, { 2023, 2, 14 }, { 2023, 2, 15 },
	  { { 2023, 2, 16 }, { 2023, 2, 20 }, { 2023, 2, 20 } } },
	{ "decree09 2024-03 (16 Mar is a Saturday)", D09, P_MONTH(2024, 3),
	  { 2024, 2, 15 }, { 2024, 3, 14 }, { 2024, 3, 15 },
	  { { 2024, 3, 18 }, { 2024, 3, 18 }, { 2024, 3, 20 } } },
	{ "decree09 2024-06 (16 Jun is a Sunday)", D09, P_MONTH(2024, 6),
	  { 2024, 5, 15 }, { 2024, 6, 14 }, { 2024, 6, 15 },
	  { { 2024, 6, 17 }, { 2024, 6, 18 }, { 2024, 6, 20 } } },
	{ "decree09 2024-12 (all working days)", D09, P_MONTH(2024, 12),
	  { 2024, 11, 15 }, { 2024, 12, 14 }, { 2024, 12, 15 },
	  { { 2024, 12, 16 }, { 2024, 12, 18 }, { 2024, 12, 20 } } },
	{ "decree09 2025-01 (18 Jan is a Saturday)", D09, P_MONTH(2025, 1),
	  { 2024, 12, 15 }, { 2025, 1, 14 }, { 2025, 1, 15 },
	  { { 2025, 1, 16 }, { 2025, 1, 20 }, { 2025, 1, 20 } } },
	{ "decree09 1900-01 (window starts in 1899)", D09, P_MONTH(1900, 1),
	  { 1899, 12, 15 }, { 1900, 1, 14 }, { 1900, 1, 15 },
	  { { 1900, 1, 16 }, { 1900, 1, 18 }, { 1900, 1, 22 } } },
	{ "decree09 2024-Q1", D09, P_QUARTER(2024, 1),
	  { 2023, 12, 15 }, { 2024, 3, 14 }, { 2024, 3, 15 },
	  { { 2024, 3, 18 }, { 2024, 3, 18 }, { 2024, 3, 20 } } },
	{ "decree09 2024-Q2", D09, P_QUARTER(2024, 2),
	  { 2024, 3, 15 }, { 2024, 6, 14 }, { 2024, 6, 15 },
	  { { 2024, 6, 17 }, { 2024, 6, 18 }, { 2024, 6, 20 } } },
	{ "decree09 2024-Q3", D09, P_QUARTER(2024, 3),
	  { 2024, 6, 15 }, { 2024, 9, 14 }, { 2024, 9, 15 },
	  { { 2024, 9, 16 }, { 2024, 9, 18 }, { 2024, 9, 20 } } },
	{ "decree09 2024-Q4", D09, P_QUARTER(2024, 4),
	  { 2024, 9, 15 }, { 2024, 12, 14 }, { 2024, 12, 15 },
	  { { 2024, 12, 16 }, { 2024, 12, 18 }, { 2024, 12, 20 } } },
	{ "decree09 2024-H1", D09, P_HALF(2024, 1),
	  { 2023, 12, 15 }, { 2024, 6, 14 }, { 2024, 6, 15 },
	  { { 2024, 6, 17 }, { 2024, 6, 18 }, { 2024, 6, 20 } } },
	{ "decree09 2024-H2", D09, P_HALF(2024, 2),
	  { 2024, 6, 15 }, { 2024, 12, 14 }, { 2024, 12, 15 },
	  { { 2024, 12, 16 }, { 2024, 12, 18 }, { 2024, 12, 20 } } },
	{ "decree09 2025-H1 (window from the year before)", D09, P_HALF(2025, 1),
	  { 2024, 12, 15 }, { 2025, 6, 14 }, { 2025, 6, 15 },
	  { { 2025, 6, 16 }, { 2025, 6, 18 }, { 2025, 6, 20 } } },
	{ "decree09 2024-9M", D09, P_9M(2024),
	  { 2023, 12, 15 }, { 2024, 9, 14 }, { 2024, 9, 15 },
	  { { 2024, 9, 16 }, { 2024, 9, 18 }, { 2024, 9, 20 } } },
	{ "decree09 2024", D09, P_YEAR(2024),
	  { 2023, 12, 15 }, { 2024, 12, 14 }, { 2024, 12, 15 },
	  { { 2024, 12, 16 }, { 2024, 12, 18 }, { 2024, 12, 20 } } },
	{ "decree09 2023 (16 Dec is a Saturday)", D09, P_YEAR(2023),
	  { 2022, 12, 15 }, { 2023, 12, 14 }, { 2023, 12, 15 },
	  { { 2023, 12, 18 }, { 2023, 12, 18 }, { 2023, 12, 20 } } },
	{ "decree09 9999 (18 Dec is a Saturday)", D09, P_YEAR(9999),
	  { 9998, 12, 15 }, { 9999, 12, 14 }, { 9999, 12, 15 },
	  { { 9999, 12, 16 }, { 9999, 12, 20 }, { 9999, 12, 20 } } },
	/* plain spans: opens the day after, due 5 / 7 / 10 days after the span, off weekends */
	{ "calendar 2024-01 (10 Feb is a Saturday)", CAL, P_MONTH(2024, 1),
	  { 2024, 1, 1 }, { 2024, 1, 31 }, { 2024, 2, 1 },
	  { { 2024, 2, 5 }, { 2024, 2, 7 }, { 2024, 2, 12 } } },
	{ "calendar 2024-02 (leap; 10 Mar is a Sunday)", CAL, P_MONTH(2024, 2),
	  { 2024, 2, 1 }, { 2024, 2, 29 }, { 2024, 3, 1 },
	  { { 2024, 3, 5 }, { 2024, 3, 7 }, { 2024, 3, 11 } } },
	{ "calendar 2023-02 (5 Mar is a Sunday)", CAL, P_MONTH(2023, 2),
	  { 2023, 2, 1 }, { 2023, 2, 28 }, { 2023, 3, 1 },
	  { { 2023, 3, 6 }, { 2023, 3, 7 }, { 2023, 3, 10 } } },
	{ "calendar 2024-03 (7 Apr is a Sunday)", CAL, P_MONTH(2024, 3),
	  { 2024, 3, 1 }, { 2024, 3, 31 }, { 2024, 4, 1 },
	  { { 2024, 4, 5 }, { 2024, 4, 8 }, { 2024, 4, 10 } } },
	{ "calendar 2024-12 (due in 2025; 5 Jan is a Sunday)", CAL, P_MONTH(2024, 12),
	  { 2024, 12, 1 }, { 2024, 12, 31 }, { 2025, 1, 1 },
	  { { 2025, 1, 6 }, { 2025, 1, 7 }, { 2025, 1, 10 } } },
	{ "calendar 2025-01 (all working days)", CAL, P_MONTH(2025, 1),
	  { 2025, 1, 1 }, { 2025, 1, 31 }, { 2025, 2, 1 },
	  { { 2025, 2, 5 }, { 2025, 2, 7 }, { 2025, 2, 10 } } },
	{ "calendar 2024-Q1", CAL, P_QUARTER(2024, 1),
	  { 2024, 1, 1 }, { 2024, 3, 31 }, { 2024, 4, 1 },
	  { { 2024, 4, 5 }, { 2024, 4, 8 }, { 2024, 4, 10 } } },
	{ "calendar 2024-Q2", CAL, P_QUARTER(2024, 2),
	  { 2024, 4, 1 }, { 2024, 6, 30 }, { 2024, 7, 1 },
	  { { 2024, 7, 5 }, { 2024, 7, 8 }, { 2024, 7, 10 } } },
	{ "calendar 2024-Q3 (5 Oct is a Saturday)", CAL, P_QUARTER(2024, 3),
	  { 2024, 7, 1 }, { 2024, 9, 30 }, { 2024, 10, 1 },
	  { { 2024, 10, 7 }, { 2024, 10, 7 }, { 2024, 10, 10 } } },
	{ "calendar 2024-Q4", CAL, P_QUARTER(2024, 4),
	  { 2024, 10, 1 }, { 2024, 12, 31 }, { 2025, 1, 1 },
	  { { 2025, 1, 6 }, { 2025, 1, 7 }, { 2025, 1, 10 } } },
	{ "calendar 2024-H1", CAL, P_HALF(2024, 1),
	  { 2024, 1, 1 }, { 2024, 6, 30 }, { 2024, 7, 1 },
	  { { 2024, 7, 5 }, { 2024, 7, 8 }, { 2024, 7, 10 } } },
	{ "calendar 2024-H2", CAL, P_HALF(2024, 2),
	  { 2024, 7, 1 }, { 2024, 12, 31 }, { 2025, 1, 1 },
	  { { 2025, 1, 6 }, { 2025, 1, 7 }, { 2025, 1, 10 } } },
	{ "calendar 2025-H1 (5 Jul is a Saturday)", CAL, P_HALF(2025, 1),
	  { 2025, 1, 1 }, { 2025, 6, 30 }, { 2025, 7, 1 },
	  { { 2025, 7, 7 }, { 2025, 7, 7 }, { 2025, 7, 10 } } },
	{ "calendar 2024-9M", CAL, P_9M(2024),
	  { 2024, 1, 1 }, { 2024, 9, 30 }, { 2024, 10, 1 },
	  { { 2024, 10, 7 }, { 2024, 10, 7 }, { 2024, 10, 10 } } },
	{ "calendar 2024", CAL, P_YEAR(2024),
	  { 2024, 1, 1 }, { 2024, 12, 31 }, { 2025, 1, 1 },
	  { { 2025, 1, 6 }, { 2025, 1, 7 }, { 2025, 1, 10 } } },
	{ "calendar 2023 (7 Jan 2024 is a Sunday)", CAL, P_YEAR(2023),
	  { 2023, 1, 1 }, { 2023, 12, 31 }, { 2024, 1, 1 },
	  { { 2024, 1, 5 }, { 2024, 1, 8 }, { 2024, 1, 10 } } },
	/* ad hoc: same under both rules, never closed, and as_of is returned as it is */
	{ "decree09 ad hoc as of 2024-05-17", D09, P_ADHOC(2024, 5, 17),
	  { 2024, 1, 1 }, { 2024, 5, 17 }, { 2024, 1, 1 },
	  { { 2024, 5, 17 }, { 2024, 5, 17 }, { 2024, 5, 17 } } },
	{ "calendar ad hoc as of 2024-05-17", CAL, P_ADHOC(2024, 5, 17),
	  { 2024, 1, 1 }, { 2024, 5, 17 }, { 2024, 1, 1 },
	  { { 2024, 5, 17 }, { 2024, 5, 17 }, { 2024, 5, 17 } } },
	{ "decree09 ad hoc as of Saturday 2024-03-16 (not moved)", D09, P_ADHOC(2024, 3, 16),
	  { 2024, 1, 1 }, { 2024, 3, 16 }, { 2024, 1, 1 },
	  { { 2024, 3, 16 }, { 2024, 3, 16 }, { 2024, 3, 16 } } },
};

START_TEST(window_follows_the_cut_off_rule)
{
	struct bc_calendar cal = calendar_of(regime[_i].cutoff);
	struct bc_date first = date(1, 1, 1), last = date(1, 1, 1);

	bc_calendar_window(&cal, &regime[_i].p, &first, &last);
	ck_assert_msg(same_date(first, regime[_i].first) && same_date(last, regime[_i].last),
		      "%s: window " DATE_FMT " .. " DATE_FMT ", expected " DATE_FMT " .. " DATE_FMT,
		      regime[_i].what, DATE_ARGS(first), DATE_ARGS(last), DATE_ARGS(regime[_i].first),
		      DATE_ARGS(regime[_i].last));
}
END_TEST

START_TEST(filing_opens_the_day_after_the_window)
{
	struct bc_calendar cal = calendar_of(regime[_i].cutoff);
	struct bc_date opens = bc_calendar_filing_opens(&cal, &regime[_i].p);

	ck_assert_msg(same_date(opens, regime[_i].opens), "%s: opens " DATE_FMT ", expected " DATE_FMT,
		      regime[_i].what, DATE_ARGS(opens), DATE_ARGS(regime[_i].opens));
}
END_TEST

START_TEST(deadline_of_each_level_lands_on_a_working_day)
{
	struct bc_calendar cal = calendar_of(regime[_i].cutoff);

	for (int level = 0; level < BC_LEVEL__MAX; level++) {
		struct bc_date due = bc_calendar_deadline(&cal, &regime[_i].p, (enum bc_level)level);

		ck_assert_msg(same_date(due, regime[_i].due[level]),
			      "%s, %s: due " DATE_FMT ", expected " DATE_FMT, regime[_i].what,
			      level_name[level], DATE_ARGS(due), DATE_ARGS(regime[_i].due[level]));
	}
}
END_TEST

START_TEST(window_tolerates_null_outputs)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09);
	struct bc_period p = P_QUARTER(2024, 2);
	struct bc_date first = date(1, 1, 1), last = date(1, 1, 1);

	bc_calendar_window(&cal, &p, NULL, &last);
	ck_assert_msg(same_date(last, date(2024, 6, 14)), "2024-Q2 last alone: " DATE_FMT, DATE_ARGS(last));
	bc_calendar_window(&cal, &p, &first, NULL);
	ck_assert_msg(same_date(first, date(2024, 3, 15)), "2024-Q2 first alone: " DATE_FMT,
		      DATE_ARGS(first));
	bc_calendar_window(&cal, &p, NULL, NULL);
}
END_TEST

/* ---- defaults and configuration values --------------------------------------------- */

static const struct {
	enum bc_cutoff asked, cutoff;
	int deadline[BC_LEVEL__MAX];
} defaults[] = {
	{ BC_CUTOFF_DECREE09,          BC_CUTOFF_DECREE09, { 16, 18, 20 } },
	{ BC_CUTOFF_CALENDAR,          BC_CUTOFF_CALENDAR, { 5, 7, 10 } },
	{ BC_CUTOFF__MAX,              BC_CUTOFF_DECREE09, { 16, 18, 20 } },
	{ (enum bc_cutoff)-1,          BC_CUTOFF_DECREE09, { 16, 18, 20 } },
};

START_TEST(defaults_set_the_rule_and_its_deadlines_and_no_holidays)
{
	struct bc_calendar cal;

	memset(&cal, 0x5a, sizeof cal);
	bc_calendar_defaults(&cal, defaults[_i].asked);
	ck_assert_msg(cal.cutoff == defaults[_i].cutoff, "asked %d: cutoff %d, expected %d",
		      (int)defaults[_i].asked, (int)cal.cutoff, (int)defaults[_i].cutoff);
	for (int level = 0; level < BC_LEVEL__MAX; level++)
		ck_assert_msg(cal.deadline[level] == defaults[_i].deadline[level],
			      "asked %d, %s: deadline %d, expected %d", (int)defaults[_i].asked,
			      level_name[level], cal.deadline[level], defaults[_i].deadline[level]);
	ck_assert_msg(cal.nholidays == 0, "asked %d: %zu holidays", (int)defaults[_i].asked, cal.nholidays);
	bc_calendar_defaults(NULL, BC_CUTOFF_CALENDAR);
}
END_TEST

START_TEST(cut_off_names_select_the_rule_reset_deadlines_and_keep_holidays)
{
	static const struct {
		const char *text;
		enum bc_cutoff cutoff;
		int deadline[BC_LEVEL__MAX];
	} cases[] = {
		{ "decree09", BC_CUTOFF_DECREE09, { 16, 18, 20 } },
		{ "calendar", BC_CUTOFF_CALENDAR, { 5, 7, 10 } },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* Start from the other rule with a custom deadline and a holiday. */
		struct bc_calendar cal = calendar_of(cases[i].cutoff == D09 ? CAL : D09);

		cal.deadline[BC_LEVEL_DISTRICT] = 25;
		ck_assert(bc_calendar_set_holidays(&cal, "2024-03-18") == 0);
		ck_assert_msg(bc_calendar_set_cutoff(&cal, cases[i].text) == 0, "\"%s\": rejected",
			      cases[i].text);
		ck_assert_msg(cal.cutoff == cases[i].cutoff, "\"%s\": cutoff %d", cases[i].text,
			      (int)cal.cutoff);
		for (int level = 0; level < BC_LEVEL__MAX; level++)
			ck_assert_msg(cal.deadline[level] == cases[i].deadline[level],
				      "\"%s\", %s: deadline %d, expected %d", cases[i].text,
				      level_name[level], cal.deadline[level], cases[i].deadline[level]);
		ck_assert_msg(cal.nholidays == 1 && same_date(cal.holidays[0], date(2024, 3, 18)),
			      "\"%s\": holidays lost (%zu)", cases[i].text, cal.nholidays);
	}
}
END_TEST

static const char *const bad_cutoffs[] = {
	"", "Decree09", "DECREE09", "decree", "decree 09", "decree-09", "decree09 ", " decree09",
	"decree09\n", "Calendar", "calendar,", "calendars", "09", "plain", "decree09calendar",
};

START_TEST(unknown_cut_off_names_are_rejected_and_change_nothing)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_CALENDAR), before;

	cal.deadline[BC_LEVEL_OFFICE] = 30;
	before = cal;
	ck_assert_msg(bc_calendar_set_cutoff(&cal, bad_cutoffs[_i]) == -1, "\"%s\": accepted",
		      bad_cutoffs[_i]);
	ck_assert_msg(memcmp(&cal, &before, sizeof cal) == 0, "\"%s\": calendar modified", bad_cutoffs[_i]);
}
END_TEST

START_TEST(set_cutoff_rejects_null_arguments)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09);

	ck_assert_msg(bc_calendar_set_cutoff(&cal, NULL) == -1, "NULL text accepted");
	ck_assert_msg(bc_calendar_set_cutoff(NULL, "calendar") == -1, "NULL calendar accepted");
	ck_assert_msg(cal.cutoff == BC_CUTOFF_DECREE09, "cutoff changed");
}
END_TEST

static const struct {
	const char *text;
	size_t n;
	struct bc_date d[3];
} holiday_lists[] = {
	{ "2026-01-01 2026-02-16",         2, { { 2026, 1, 1 }, { 2026, 2, 16 } } },
	{ "2026-01-01,2026-02-16",         2, { { 2026, 1, 1 }, { 2026, 2, 16 } } },
	{ "2026-01-01, 2026-02-16",        2, { { 2026, 1, 1 }, { 2026, 2, 16 } } },
	{ " ,2026-01-01 ,, 2026-02-16, ",  2, { { 2026, 1, 1 }, { 2026, 2, 16 } } },
	{ "2026-01-01\t2026-02-16",        2, { { 2026, 1, 1 }, { 2026, 2, 16 } } },
	{ "2024-02-29",                    1, { { 2024, 2, 29 } } },
	{ "2024-04-30 2024-05-01 2024-09-02", 3, { { 2024, 4, 30 }, { 2024, 5, 1 }, { 2024, 9, 2 } } },
	{ "2024-05-01 2024-05-01",         2, { { 2024, 5, 1 }, { 2024, 5, 1 } } },
	{ "",                              0, { { 0, 0, 0 } } },
	{ "   ",                           0, { { 0, 0, 0 } } },
	{ ",",                             0, { { 0, 0, 0 } } },
};

START_TEST(holiday_lists_are_read_in_order)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09);

	/* A list already in force is replaced, not extended. */
	ck_assert(bc_calendar_set_holidays(&cal, "1999-01-01 1999-01-02 1999-01-03 1999-01-04") == 0);
	ck_assert_msg(bc_calendar_set_holidays(&cal, holiday_lists[_i].text) == 0, "\"%s\": rejected",
		      holiday_lists[_i].text);
	ck_assert_msg(cal.nholidays == holiday_lists[_i].n, "\"%s\": %zu holidays, expected %zu",
		      holiday_lists[_i].text, cal.nholidays, holiday_lists[_i].n);
	for (size_t k = 0; k < holiday_lists[_i].n; k++)
		ck_assert_msg(same_date(cal.holidays[k], holiday_lists[_i].d[k]),
			      "\"%s\" #%zu: " DATE_FMT ", expected " DATE_FMT, holiday_lists[_i].text, k,
			      DATE_ARGS(cal.holidays[k]), DATE_ARGS(holiday_lists[_i].d[k]));
}
END_TEST

static const char *const bad_holiday_lists[] = {
	"2026-02-30",			/* no such day */
	"2023-02-29",			/* not a leap year */
	"2026-13-01",
	"2026-1-1",
	"26-01-01",
	"2026/01/01",
	"20260101",
	"2026-01-01x",
	"2026-01-01;2026-02-16",	/* only spaces, tabs and commas separate */
	"2026-01-01\n2026-02-16",
	"2026-01-01 2026-02-16 tomorrow",
	"tomorrow",
	"2026-01-012026-02-16",
	"1899-12-31",			/* before the years the service knows */
	"2026-01-01 2026-02-31",	/* one bad date spoils the list */
};

START_TEST(malformed_holiday_lists_are_rejected_and_change_nothing)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09), before;

	ck_assert(bc_calendar_set_holidays(&cal, "2024-03-18 2024-03-19") == 0);
	before = cal;
	ck_assert_msg(bc_calendar_set_holidays(&cal, bad_holiday_lists[_i]) == -1, "\"%s\": accepted",
		      bad_holiday_lists[_i]);
	ck_assert_msg(memcmp(&cal, &before, sizeof cal) == 0, "\"%s\": calendar modified",
		      bad_holiday_lists[_i]);
}
END_TEST

/* "2024-01-01 2024-01-02 ..." with n consecutive days from 1 January 2024. */
static void consecutive_days(char *buf, int n)
{
	static const int len[13] = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int month = 1, day = 1;

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		sprintf(buf + strlen(buf), "%s2024-%02d-%02d", i ? " " : "", month, day);
		if (++day > len[month]) {
			day = 1;
			month++;
		}
	}
}

START_TEST(holiday_list_holds_at_most_the_maximum)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09), before;
	char text[11 * (BC_CALENDAR_HOLIDAYS_MAX + 2)];

	consecutive_days(text, BC_CALENDAR_HOLIDAYS_MAX);
	ck_assert_msg(bc_calendar_set_holidays(&cal, text) == 0, "%d holidays rejected",
		      BC_CALENDAR_HOLIDAYS_MAX);
	ck_assert_msg(cal.nholidays == BC_CALENDAR_HOLIDAYS_MAX, "%zu holidays", cal.nholidays);
	/* 1 January + 63 days = 4 March 2024 (31 + 29 days to 1 March). */
	ck_assert_msg(same_date(cal.holidays[BC_CALENDAR_HOLIDAYS_MAX - 1], date(2024, 3, 4)),
		      "last holiday " DATE_FMT, DATE_ARGS(cal.holidays[BC_CALENDAR_HOLIDAYS_MAX - 1]));

	before = cal;
	consecutive_days(text, BC_CALENDAR_HOLIDAYS_MAX + 1);
	ck_assert_msg(bc_calendar_set_holidays(&cal, text) == -1, "%d holidays accepted",
		      BC_CALENDAR_HOLIDAYS_MAX + 1);
	ck_assert_msg(memcmp(&cal, &before, sizeof cal) == 0, "too many holidays: calendar modified");
	ck_assert_msg(bc_calendar_set_holidays(&cal, NULL) == -1, "NULL text accepted");
	ck_assert_msg(bc_calendar_set_holidays(NULL, "2024-01-01") == -1, "NULL calendar accepted");
}
END_TEST

static const struct {
	enum bc_cutoff cutoff;
	const char *text;
	int value;			/* -1: rejected */
} deadline_texts[] = {
	{ D09, "15", 15 },		/* the day filing opens is the earliest */
	{ D09, "16", 16 },
	{ D09, "25", 25 },
	{ D09, "31", 31 },
	{ D09, "14", -1 },		/* before filing opens */
	{ D09, "1", -1 },
	{ D09, "32", -1 },
	{ D09, "60", -1 },
	{ CAL, "1", 1 },
	{ CAL, "01", 1 },
	{ CAL, "5", 5 },
	{ CAL, "30", 30 },
	{ CAL, "60", 60 },
	{ CAL, "0", -1 },
	{ CAL, "00", -1 },
	{ CAL, "61", -1 },
	{ CAL, "99", -1 },
	{ CAL, "060", -1 },
	{ CAL, "100", -1 },
	{ CAL, "", -1 },
	{ CAL, " 5", -1 },
	{ CAL, "5 ", -1 },
	{ CAL, "+5", -1 },
	{ CAL, "-5", -1 },
	{ CAL, "5x", -1 },
	{ CAL, "x", -1 },
	{ CAL, "5.0", -1 },
	{ CAL, "0x5", -1 },
	{ CAL, "99999999999999999999", -1 },
};

START_TEST(deadline_numbers_are_read_within_the_rule_s_bounds)
{
	for (int level = 0; level < BC_LEVEL__MAX; level++) {
		struct bc_calendar cal = calendar_of(deadline_texts[_i].cutoff), before = cal;
		int rc = bc_calendar_set_deadline(&cal, (enum bc_level)level, deadline_texts[_i].text);

		if (deadline_texts[_i].value < 0) {
			ck_assert_msg(rc == -1, "%s \"%s\", %s: accepted", cutoff_name[deadline_texts[_i].cutoff],
				      deadline_texts[_i].text, level_name[level]);
			ck_assert_msg(memcmp(&cal, &before, sizeof cal) == 0, "%s \"%s\", %s: modified",
				      cutoff_name[deadline_texts[_i].cutoff], deadline_texts[_i].text,
				      level_name[level]);
			continue;
		}
		before.deadline[level] = deadline_texts[_i].value;
		ck_assert_msg(rc == 0 && memcmp(&cal, &before, sizeof cal) == 0,
			      "%s \"%s\", %s: rc %d, deadline %d", cutoff_name[deadline_texts[_i].cutoff],
			      deadline_texts[_i].text, level_name[level], rc, cal.deadline[level]);
	}
}
END_TEST

START_TEST(set_deadline_rejects_unknown_levels_and_null_arguments)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_CALENDAR), before = cal;

	ck_assert_msg(bc_calendar_set_deadline(&cal, BC_LEVEL__MAX, "5") == -1, "level __MAX");
	ck_assert_msg(bc_calendar_set_deadline(&cal, (enum bc_level)-1, "5") == -1, "level -1");
	ck_assert_msg(bc_calendar_set_deadline(&cal, BC_LEVEL_COMMUNE, NULL) == -1, "NULL text");
	ck_assert_msg(bc_calendar_set_deadline(NULL, BC_LEVEL_COMMUNE, "5") == -1, "NULL calendar");
	ck_assert_msg(memcmp(&cal, &before, sizeof cal) == 0, "calendar modified");
	cal.cutoff = BC_CUTOFF__MAX;
	ck_assert_msg(bc_calendar_set_deadline(&cal, BC_LEVEL_COMMUNE, "5") == -1, "unknown rule");
}
END_TEST

/* ---- working days, holidays and the deadlines they move ---------------------------- */

/* Holidays of the tables below: Monday 18 and Tuesday 19 March 2024, Wednesday 1 May 2024,
 * Saturday 16 March 2024 (a holiday on a weekend changes nothing). */
static const char test_holidays[] = "2024-03-18, 2024-03-19 2024-05-01 2024-03-16";

static const struct {
	struct bc_date d;
	int working;
	struct bc_date next;
} working_days[] = {
	{ { 2024, 3, 14 }, 1, { 2024, 3, 14 } },	/* Thursday */
	{ { 2024, 3, 15 }, 1, { 2024, 3, 15 } },	/* Friday */
	{ { 2024, 3, 16 }, 0, { 2024, 3, 20 } },	/* Saturday, then Sunday, then two holidays */
	{ { 2024, 3, 17 }, 0, { 2024, 3, 20 } },	/* Sunday */
	{ { 2024, 3, 18 }, 0, { 2024, 3, 20 } },	/* Monday, holiday */
	{ { 2024, 3, 19 }, 0, { 2024, 3, 20 } },	/* Tuesday, holiday */
	{ { 2024, 3, 20 }, 1, { 2024, 3, 20 } },	/* Wednesday */
	{ { 2024, 4, 30 }, 1, { 2024, 4, 30 } },	/* Tuesday, not listed */
	{ { 2024, 5, 1 },  0, { 2024, 5, 2 } },		/* Wednesday, holiday */
	{ { 2024, 5, 4 },  0, { 2024, 5, 6 } },		/* Saturday */
	{ { 2024, 2, 29 }, 1, { 2024, 2, 29 } },	/* Thursday, leap day */
	{ { 2024, 12, 28 }, 0, { 2024, 12, 30 } },	/* Saturday */
	{ { 2023, 12, 30 }, 0, { 2024, 1, 1 } },	/* Saturday, into the next year */
	{ { 2000, 1, 1 },  0, { 2000, 1, 3 } },		/* Saturday */
};

START_TEST(working_days_are_weekdays_that_are_not_holidays)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09);
	struct bc_date d = working_days[_i].d, next;
	int working;

	ck_assert(bc_calendar_set_holidays(&cal, test_holidays) == 0);
	working = bc_calendar_is_working_day(&cal, d) != 0;
	ck_assert_msg(working == working_days[_i].working, DATE_FMT ": working %d, expected %d",
		      DATE_ARGS(d), working, working_days[_i].working);
	next = bc_calendar_next_working_day(&cal, d);
	ck_assert_msg(same_date(next, working_days[_i].next), DATE_FMT ": next working day " DATE_FMT
		      ", expected " DATE_FMT, DATE_ARGS(d), DATE_ARGS(next), DATE_ARGS(working_days[_i].next));
}
END_TEST

START_TEST(invalid_dates_and_calendars_have_no_working_days)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09);
	struct bc_date zero = date(0, 0, 0);

	ck_assert_msg(!bc_calendar_is_working_day(&cal, date(2023, 2, 29)), "29 Feb 2023 working");
	ck_assert_msg(!bc_calendar_is_working_day(&cal, zero), "zero date working");
	ck_assert_msg(!bc_calendar_is_working_day(NULL, date(2024, 3, 14)), "NULL calendar working");
	ck_assert_msg(same_date(bc_calendar_next_working_day(&cal, date(2024, 4, 31)), zero), "31 Apr");
	ck_assert_msg(same_date(bc_calendar_next_working_day(NULL, date(2024, 3, 14)), zero), "NULL cal");
}
END_TEST

START_TEST(a_corrupt_holiday_count_is_bounded_by_the_array)
{
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09);

	ck_assert(bc_calendar_set_holidays(&cal, "2024-03-14") == 0);
	cal.nholidays = (size_t)-1;
	ck_assert_msg(!bc_calendar_is_working_day(&cal, date(2024, 3, 14)), "listed holiday working");
	ck_assert_msg(bc_calendar_is_working_day(&cal, date(2024, 3, 15)), "Friday not working");
}
END_TEST

static const struct {
	const char *what;
	enum bc_cutoff cutoff;
	const char *holidays;
	struct bc_period p;
	enum bc_level level;
	struct bc_date due;
} moved[] = {
	{ "decree09 2024-03 district, Monday 18th a holiday", D09, "2024-03-18",
	  P_MONTH(2024, 3), BC_LEVEL_DISTRICT, { 2024, 3, 19 } },
	{ "decree09 2024-03 commune, Saturday 16th moved onto a holiday Monday", D09, "2024-03-18",
	  P_MONTH(2024, 3), BC_LEVEL_COMMUNE, { 2024, 3, 19 } },
	{ "decree09 2024-03 district, two adjacent holidays 18th and 19th", D09, "2024-03-18 2024-03-19",
	  P_MONTH(2024, 3), BC_LEVEL_DISTRICT, { 2024, 3, 20 } },
	{ "decree09 2024-03 commune, weekend then two holidays", D09, "2024-03-19,2024-03-18",
	  P_MONTH(2024, 3), BC_LEVEL_COMMUNE, { 2024, 3, 20 } },
	{ "decree09 2024-Q1 office, two adjacent holidays 20th and 21st", D09, "2024-03-20 2024-03-21",
	  P_QUARTER(2024, 1), BC_LEVEL_OFFICE, { 2024, 3, 22 } },
	{ "decree09 2024-03 office, holidays elsewhere move nothing", D09, "2024-03-18 2024-03-19",
	  P_MONTH(2024, 3), BC_LEVEL_OFFICE, { 2024, 3, 20 } },
	{ "decree09 2024-03 commune, a holiday on the Saturday changes nothing", D09, "2024-03-16",
	  P_MONTH(2024, 3), BC_LEVEL_COMMUNE, { 2024, 3, 18 } },
	{ "decree09 2024-09 office, holidays on Friday 20th and Monday 23rd", D09, "2024-09-20 2024-09-23",
	  P_MONTH(2024, 9), BC_LEVEL_OFFICE, { 2024, 9, 24 } },
	{ "decree09 2026-02 commune, a Tet week 16..20 Feb", D09,
	  "2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20",
	  P_MONTH(2026, 2), BC_LEVEL_COMMUNE, { 2026, 2, 23 } },
	{ "decree09 2026-02 office, a Tet week 16..20 Feb", D09,
	  "2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20",
	  P_MONTH(2026, 2), BC_LEVEL_OFFICE, { 2026, 2, 23 } },
	{ "calendar 2024-Q4 office, Friday 10 Jan 2025 a holiday", CAL, "2025-01-10",
	  P_QUARTER(2024, 4), BC_LEVEL_OFFICE, { 2025, 1, 13 } },
	{ "calendar 2024-12 commune, New Year's Day is not the deadline", CAL, "2025-01-01",
	  P_MONTH(2024, 12), BC_LEVEL_COMMUNE, { 2025, 1, 6 } },
	{ "calendar 2024-02 commune (leap), 5 and 6 March holidays", CAL, "2024-03-05 2024-03-06",
	  P_MONTH(2024, 2), BC_LEVEL_COMMUNE, { 2024, 3, 7 } },
	{ "calendar ad hoc, a holiday as_of is not moved", CAL, "2024-05-17",
	  P_ADHOC(2024, 5, 17), BC_LEVEL_COMMUNE, { 2024, 5, 17 } },
};

START_TEST(a_holiday_on_the_deadline_moves_it_to_the_next_working_day)
{
	struct bc_calendar cal = calendar_of(moved[_i].cutoff);
	struct bc_date due;

	ck_assert_msg(bc_calendar_set_holidays(&cal, moved[_i].holidays) == 0, "%s: holidays \"%s\"",
		      moved[_i].what, moved[_i].holidays);
	due = bc_calendar_deadline(&cal, &moved[_i].p, moved[_i].level);
	ck_assert_msg(same_date(due, moved[_i].due), "%s: due " DATE_FMT ", expected " DATE_FMT,
		      moved[_i].what, DATE_ARGS(due), DATE_ARGS(moved[_i].due));
}
END_TEST

static const struct {
	const char *what;
	enum bc_cutoff cutoff;
	struct bc_period p;
	int deadline;
	struct bc_date due;
} configured[] = {
	{ "decree09 2024-02, day 31 (leap February ends on Thursday 29th)", D09, P_MONTH(2024, 2), 31,
	  { 2024, 2, 29 } },
	{ "decree09 2023-02, day 31 (ends on Tuesday 28th)", D09, P_MONTH(2023, 2), 31,
	  { 2023, 2, 28 } },
	{ "decree09 2024-H1, day 31 (30 June is a Sunday)", D09, P_HALF(2024, 1), 31, { 2024, 7, 1 } },
	{ "decree09 2024-Q1, day 25", D09, P_QUARTER(2024, 1), 25, { 2024, 3, 25 } },
	{ "decree09 2024-9M, day 15 (a Sunday)", D09, P_9M(2024), 15, { 2024, 9, 16 } },
	{ "calendar 2024-03, 1 day", CAL, P_MONTH(2024, 3), 1, { 2024, 4, 1 } },
	{ "calendar 2024-Q1, 60 days", CAL, P_QUARTER(2024, 1), 60, { 2024, 5, 30 } },
	{ "calendar 2024-12, 31 days (Friday 31 January 2025)", CAL, P_MONTH(2024, 12), 31,
	  { 2025, 1, 31 } },
};

START_TEST(configured_deadlines_are_counted_by_the_rule)
{
	struct bc_calendar cal = calendar_of(configured[_i].cutoff);
	struct bc_date due;
	char text[8];

	snprintf(text, sizeof text, "%d", configured[_i].deadline);
	ck_assert_msg(bc_calendar_set_deadline(&cal, BC_LEVEL_DISTRICT, text) == 0, "%s: rejected",
		      configured[_i].what);
	due = bc_calendar_deadline(&cal, &configured[_i].p, BC_LEVEL_DISTRICT);
	ck_assert_msg(same_date(due, configured[_i].due), "%s: due " DATE_FMT ", expected " DATE_FMT,
		      configured[_i].what, DATE_ARGS(due), DATE_ARGS(configured[_i].due));
}
END_TEST

/* ---- inputs that make no sense ----------------------------------------------------- */

START_TEST(nonsense_inputs_give_the_zero_date)
{
	static const struct bc_period bad_periods[] = {
		P_MONTH(2024, 13), P_QUARTER(2024, 0), P_HALF(2024, 3), P_YEAR(1899),
		{ BC_CADENCE_NINE_MONTHS, 2024, 1, { 0, 0, 0 }, "" },
		{ BC_CADENCE__MAX, 2024, 0, { 0, 0, 0 }, "" },
		{ BC_CADENCE_ADHOC, 0, 0, { 2024, 2, 30 }, "YC-1" },
		{ BC_CADENCE_ADHOC, 0, 0, { 2024, 5, 17 }, "" },
	};
	struct bc_calendar cal = calendar_of(BC_CUTOFF_DECREE09), unknown = cal;
	struct bc_period good = P_MONTH(2024, 3);
	struct bc_date zero = date(0, 0, 0), first, last;

	unknown.cutoff = BC_CUTOFF__MAX;
	for (size_t i = 0; i < sizeof bad_periods / sizeof bad_periods[0]; i++) {
		first = last = date(1, 1, 1);
		bc_calendar_window(&cal, &bad_periods[i], &first, &last);
		ck_assert_msg(same_date(first, zero) && same_date(last, zero), "bad period #%zu: window", i);
		ck_assert_msg(same_date(bc_calendar_filing_opens(&cal, &bad_periods[i]), zero),
			      "bad period #%zu: opens", i);
		ck_assert_msg(same_date(bc_calendar_deadline(&cal, &bad_periods[i], BC_LEVEL_COMMUNE), zero),
			      "bad period #%zu: deadline", i);
	}
	first = last = date(1, 1, 1);
	bc_calendar_window(&unknown, &good, &first, &last);
	ck_assert_msg(same_date(first, zero) && same_date(last, zero), "unknown rule: window");
	ck_assert_msg(same_date(bc_calendar_filing_opens(&unknown, &good), zero), "unknown rule: opens");
	ck_assert_msg(same_date(bc_calendar_deadline(&unknown, &good, BC_LEVEL_COMMUNE), zero),
		      "unknown rule: deadline");
	ck_assert_msg(same_date(bc_calendar_filing_opens(NULL, &good), zero), "NULL calendar: opens");
	ck_assert_msg(same_date(bc_calendar_deadline(NULL, &good, BC_LEVEL_COMMUNE), zero),
		      "NULL calendar: deadline");
	ck_assert_msg(same_date(bc_calendar_filing_opens(&cal, NULL), zero), "NULL period: opens");
	ck_assert_msg(same_date(bc_calendar_deadline(&cal, NULL, BC_LEVEL_COMMUNE), zero),
		      "NULL period: deadline");
	ck_assert_msg(same_date(bc_calendar_deadline(&cal, &good, BC_LEVEL__MAX), zero), "level __MAX");
	ck_assert_msg(same_date(bc_calendar_deadline(&cal, &good, (enum bc_level)-1), zero), "level -1");
}
END_TEST

/* The struct is public: numbers written around the parser are refused, not obeyed. */
static const struct {
	enum bc_cutoff cutoff;
	int deadline;
} unparsed_deadlines[] = {
	{ D09, 0 }, { D09, 14 }, { D09, 32 }, { D09, -16 },
	{ CAL, 0 }, { CAL, 61 }, { CAL, -5 }, { CAL, 1000000 },
};

START_TEST(deadlines_outside_their_bounds_give_the_zero_date)
{
	struct bc_calendar cal = calendar_of(unparsed_deadlines[_i].cutoff);
	struct bc_period p = P_MONTH(2024, 3);
	struct bc_date due;

	cal.deadline[BC_LEVEL_OFFICE] = unparsed_deadlines[_i].deadline;
	due = bc_calendar_deadline(&cal, &p, BC_LEVEL_OFFICE);
	ck_assert_msg(same_date(due, date(0, 0, 0)), "%s deadline %d: due " DATE_FMT,
		      cutoff_name[unparsed_deadlines[_i].cutoff], unparsed_deadlines[_i].deadline,
		      DATE_ARGS(due));
}
END_TEST

/* ---- properties over many years ---------------------------------------------------- */

/*
 * For every period of 1999..2031 under both rules: consecutive windows tile the time line (no
 * gap, no overlap), filing opens the day after the window, and every level's deadline is a
 * working day after the window, with the levels in order.
 */
START_TEST(windows_tile_and_deadlines_follow_them_for_every_period)
{
	static const enum bc_cadence cadences[] = {
		BC_CADENCE_MONTH, BC_CADENCE_QUARTER, BC_CADENCE_HALF, BC_CADENCE_NINE_MONTHS,
		BC_CADENCE_YEAR,
	};

	for (int rule = 0; rule < BC_CUTOFF__MAX; rule++) {
		struct bc_calendar cal = calendar_of((enum bc_cutoff)rule);

		ck_assert(bc_calendar_set_holidays(&cal, test_holidays) == 0);
		for (size_t c = 0; c < sizeof cadences / sizeof cadences[0]; c++) {
			for (int year = 1999; year <= 2031; year++) {
				struct bc_period ps[12];
				size_t n = bc_period_of_year(year, cadences[c], ps, 12);

				for (size_t k = 0; k < n; k++) {
					struct bc_period prev;
					struct bc_date first, last, pfirst, plast, opens, due, before = { 0, 0, 0 };
					long step;

					bc_calendar_window(&cal, &ps[k], &first, &last);
					ck_assert(bc_period_prev(&prev, &ps[k]) == 0);
					bc_calendar_window(&cal, &prev, &pfirst, &plast);
					/* 9M windows recur yearly and overlap by design; the rest tile. */
					step = bc_date_to_days(first) - bc_date_to_days(plast);
					if (cadences[c] != BC_CADENCE_NINE_MONTHS && step != 1)
						ck_abort_msg("%s cadence %d %d #%zu: window starts " DATE_FMT
							     " after the previous one ends " DATE_FMT,
							     cutoff_name[rule], (int)cadences[c], year, k,
							     DATE_ARGS(first), DATE_ARGS(plast));
					opens = bc_calendar_filing_opens(&cal, &ps[k]);
					if (bc_date_to_days(opens) - bc_date_to_days(last) != 1)
						ck_abort_msg("%s cadence %d %d #%zu: opens " DATE_FMT
							     " for window end " DATE_FMT, cutoff_name[rule],
							     (int)cadences[c], year, k, DATE_ARGS(opens),
							     DATE_ARGS(last));
					for (int level = 0; level < BC_LEVEL__MAX; level++) {
						due = bc_calendar_deadline(&cal, &ps[k], (enum bc_level)level);
						if (bc_date_cmp(due, last) <= 0 || !bc_calendar_is_working_day(&cal, due)
						    || bc_date_cmp(due, before) < 0)
							ck_abort_msg("%s cadence %d %d #%zu %s: due " DATE_FMT,
								     cutoff_name[rule], (int)cadences[c], year, k,
								     level_name[level], DATE_ARGS(due));
						before = due;
					}
				}
			}
		}
	}
}
END_TEST

#define N(table) ((int)(sizeof(table) / sizeof((table)[0])))

Suite *suite_calendar(void);

Suite *suite_calendar(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc;

	tc = tcase_create("regime");
	tcase_add_loop_test(tc, window_follows_the_cut_off_rule, 0, N(regime));
	tcase_add_loop_test(tc, filing_opens_the_day_after_the_window, 0, N(regime));
	tcase_add_loop_test(tc, deadline_of_each_level_lands_on_a_working_day, 0, N(regime));
	tcase_add_test(tc, window_tolerates_null_outputs);
	suite_add_tcase(s, tc);

	tc = tcase_create("configuration");
	tcase_add_loop_test(tc, defaults_set_the_rule_and_its_deadlines_and_no_holidays, 0, N(defaults));
	tcase_add_test(tc, cut_off_names_select_the_rule_reset_deadlines_and_keep_holidays);
	tcase_add_loop_test(tc, unknown_cut_off_names_are_rejected_and_change_nothing, 0, N(bad_cutoffs));
	tcase_add_test(tc, set_cutoff_rejects_null_arguments);
	tcase_add_loop_test(tc, holiday_lists_are_read_in_order, 0, N(holiday_lists));
	tcase_add_loop_test(tc, malformed_holiday_lists_are_rejected_and_change_nothing, 0,
			    N(bad_holiday_lists));
	tcase_add_test(tc, holiday_list_holds_at_most_the_maximum);
	tcase_add_loop_test(tc, deadline_numbers_are_read_within_the_rule_s_bounds, 0, N(deadline_texts));
	tcase_add_test(tc, set_deadline_rejects_unknown_levels_and_null_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("working-days");
	tcase_add_loop_test(tc, working_days_are_weekdays_that_are_not_holidays, 0, N(working_days));
	tcase_add_test(tc, invalid_dates_and_calendars_have_no_working_days);
	tcase_add_test(tc, a_corrupt_holiday_count_is_bounded_by_the_array);
	tcase_add_loop_test(tc, a_holiday_on_the_deadline_moves_it_to_the_next_working_day, 0, N(moved));
	tcase_add_loop_test(tc, configured_deadlines_are_counted_by_the_rule, 0, N(configured));
	suite_add_tcase(s, tc);

	tc = tcase_create("nonsense");
	tcase_add_test(tc, nonsense_inputs_give_the_zero_date);
	tcase_add_loop_test(tc, deadlines_outside_their_bounds_give_the_zero_date, 0, N(unparsed_deadlines));
	suite_add_tcase(s, tc);

	tc = tcase_create("properties");
	tcase_add_test(tc, windows_tile_and_deadlines_follow_them_for_every_period);
	suite_add_tcase(s, tc);

	return s;
}
