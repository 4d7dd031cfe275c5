/*
 * calendar — when a report may be filed and when it is due, under a configurable rule.
 *
 * period.h knows what a period is; this module knows the reporting regime a province
 * configures for it (PROTOCOL.md, "When a report may be filed and when it is due"; DOMAIN.md,
 * "The reporting calendar"). Decree 09/2019 Art. 12 cuts data off on the 14th, but issuing
 * bodies may choose plain calendar spans instead, deadlines differ by level and are
 * configurable, and a deadline is only fair if the office is open that day, so the rule, the
 * deadlines and the holidays travel together in one struct bc_calendar. Everything here is
 * pure (no I/O, no clock, no allocation) so ingest, the receipt and the lateness views agree.
 *
 * Bad input is never trusted: a NULL or unknown calendar, an invalid period, an unknown
 * level or a deadline outside its rule's bounds yields the zero date {0, 0, 0}, which
 * bc_date_valid rejects.
 */
#ifndef BAOCAO_CALENDAR_H
#define BAOCAO_CALENDAR_H

#include <stddef.h>

#include "baocao/period.h"

/* How a period's data window is cut: Decree 09's 15th..14th windows, or plain spans. */
enum bc_cutoff {
	BC_CUTOFF_DECREE09 = 0,
	BC_CUTOFF_CALENDAR,
	BC_CUTOFF__MAX
};

#define BC_CALENDAR_HOLIDAYS_MAX 64

struct bc_calendar {
	enum bc_cutoff cutoff;
	/* decree09: the day of the period's last month (defaults 16, 18, 20 for commune, district,
	 * office; 15..31, a day past the month's end meaning its last day);
	 * calendar: days after the span ends (defaults 5, 7, 10; 1..60). */
	int deadline[BC_LEVEL__MAX];
	struct bc_date holidays[BC_CALENDAR_HOLIDAYS_MAX];
	size_t nholidays;
};

/* The rule, its default deadlines and no holidays. An unknown rule is taken as decree09, the
 * decree being the default of every report type. */
void bc_calendar_defaults(struct bc_calendar *, enum bc_cutoff);

/*
 * Configuration values. Each returns 0, or -1 and leaves the calendar untouched.
 *
 * set_cutoff takes "decree09" or "calendar", exactly. Because a deadline number means a day
 * of the month under one rule and a count of days under the other, changing the rule also
 * resets the deadlines to the new rule's defaults (holidays are kept): set the cut-off first,
 * then any deadlines.
 *
 * set_holidays replaces the list with "2026-01-01 2026-02-16 ..." (YYYY-MM-DD dates separated
 * by any run of spaces, tabs or commas; empty text clears it). -1 for a date that is not
 * valid or more than BC_CALENDAR_HOLIDAYS_MAX of them.
 *
 * set_deadline takes one or two digits within the current rule's bounds (decree09 15..31:
 * never before filing opens on the 15th; calendar 1..60).
 */
int bc_calendar_set_cutoff(struct bc_calendar *, const char *text);
int bc_calendar_set_holidays(struct bc_calendar *, const char *text);
int bc_calendar_set_deadline(struct bc_calendar *, enum bc_level, const char *text);

/*
 * The data window a period covers. decree09 (Art. 12): the 15th of the month before the span
 * to the 14th of its last month, i.e. monthly 15th of the previous month .. 14th of the month;
 * quarterly 15th of the month before the quarter .. 14th of its last month; H1 15 December
 * of the previous year .. 14 June, H2 15 June .. 14 December; yearly 15 December of the
 * previous year .. 14 December; nine months 15 December of the previous year .. 14 September.
 * calendar: the plain span. Ad hoc under either rule: 1 January of as_of's year .. as_of.
 * first or last may be NULL.
 */
void bc_calendar_window(const struct bc_calendar *, const struct bc_period *, struct bc_date *first,
			struct bc_date *last);

/* The day after the window ends: decree09 15 March for 2024-03, 15 June for 2024-H1,
 * 15 September for 2024-9M, 15 December for 2024; calendar 1 April for 2024-03. Ad hoc
 * filing is never closed: the window's first day (1 January of as_of's year). */
struct bc_date bc_calendar_filing_opens(const struct bc_calendar *, const struct bc_period *);

/*
 * The deadline for a level. decree09: day deadline[level] of the period's last month;
 * calendar: the window's last day + deadline[level] days.
 *
 * A deadline that falls on a Saturday, a Sunday or a listed holiday moves to the next working
 * day: a unit cannot be held to a day its office is closed, and moving forward, never back,
 * takes no time away from anyone. Two levels may then share a day (decree09 2024-03: the
 * commune's Saturday 16th and the district's Monday 18th are both 18 March).
 *
 * Ad hoc: the as-of date is not a deadline; the caller uses the request's own due date.
 * as_of is returned unchanged (not moved to a working day) only so the result is defined.
 */
struct bc_date bc_calendar_deadline(const struct bc_calendar *, const struct bc_period *, enum bc_level);

/* Monday to Friday and not a listed holiday (PROTOCOL.md's working days); 0 for an invalid
 * date. */
int bc_calendar_is_working_day(const struct bc_calendar *, struct bc_date);
/* The date itself when it is a working day, else the next one. */
struct bc_date bc_calendar_next_working_day(const struct bc_calendar *, struct bc_date);

#endif
