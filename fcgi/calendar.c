/*
 * calendar.c — the reporting regime of a report type: cut-off rule, deadlines, holidays.
 *
 * period.c answers what a period spans; this file answers, for a configured regime, which
 * days of data it covers, when filing opens and when each level is due. Each cut-off rule is
 * one row of a table (its name in configuration, its default deadlines and their bounds, how
 * it cuts the window and how it counts to the deadline), so a province's own rule would be
 * one new row, not a new branch in every function.
 *
 * Ad hoc periods are the same under every rule and are handled before the table is consulted.
 */
#include "baocao/calendar.h"

#include <string.h>

/* Decree 09 Art. 12 cuts data off on the 14th; the next window starts the day after. */
enum { CUTOFF_LAST_DAY = 14, CUTOFF_FIRST_DAY = 15 };

/* bc_date_weekday counts from Monday = 0, so Saturday (5) and Sunday (6) are the weekend. */
enum { SATURDAY = 5 };

/*
 * A run of days off is at most a weekend plus the holidays, each holiday adding at most one
 * day to it, so a week per holiday is far more than any run can last. The bound only keeps a
 * corrupt calendar from looping forever.
 */
enum { SEARCH_DAYS = 7 * (BC_CALENDAR_HOLIDAYS_MAX + 1) };

/* Holiday lists separate dates by any run of these. */
static const char separators[] = " \t,";

struct cutoff_info {
	const char *name;
	int deadline[BC_LEVEL__MAX];	/* defaults */
	int deadline_min, deadline_max;
	void (*window)(const struct bc_period *, struct bc_date *first, struct bc_date *last);
	struct bc_date (*due)(struct bc_date window_last, int deadline);
};

static const struct bc_date no_date = { 0, 0, 0 };

static struct bc_date add_days(struct bc_date d, long n)
{
	return bc_date_from_days(bc_date_to_days(d) + n);
}

/* The Art. 12 window: the span shifted back to the day after the previous month's cut-off.
 * Stepping back one day from the span's 1st finds that month across a year boundary too. */
static void window_decree09(const struct bc_period *p, struct bc_date *first, struct bc_date *last)
{
	struct bc_date f, l, before;

	bc_period_span(p, &f, &l);
	before = add_days(f, -1);
	*first = (struct bc_date){ before.year, before.month, CUTOFF_FIRST_DAY };
	*last = (struct bc_date){ l.year, l.month, CUTOFF_LAST_DAY };
}

static void window_calendar(const struct bc_period *p, struct bc_date *first, struct bc_date *last)
{
	bc_period_span(p, first, last);
}

/* The window ends in the period's last month, so its month is the one the decree's deadline
 * day belongs to. Bounds allow day 31 in any month: it means the month's last day. */
static struct bc_date due_decree09(struct bc_date window_last, int day)
{
	struct bc_date d = { window_last.year, window_last.month, day };

	while (!bc_date_valid(d))
		d.day--;
	return d;
}

static struct bc_date due_calendar(struct bc_date window_last, int days)
{
	return add_days(window_last, days);
}

/* A decree09 deadline before the 15th would fall before filing opens. 60 days after a plain
 * span is longer than any regime of the seeds allows, so a slip like "600" is caught. */
static const struct cutoff_info cutoffs[BC_CUTOFF__MAX] = {
	[BC_CUTOFF_DECREE09] = { "decree09", { 16, 18, 20 }, CUTOFF_FIRST_DAY, 31,
				 window_decree09, due_decree09 },
	[BC_CUTOFF_CALENDAR] = { "calendar", { 5, 7, 10 }, 1, 60,
				 window_calendar, due_calendar },
};

static const struct cutoff_info *cutoff_info(const struct bc_calendar *cal)
{
	/* An enum may carry any int value; unsigned comparison also rejects negatives. */
	if (cal == NULL || (unsigned)cal->cutoff >= BC_CUTOFF__MAX)
		return NULL;
	return &cutoffs[cal->cutoff];
}

static void set_default_deadlines(struct bc_calendar *cal)
{
	memcpy(cal->deadline, cutoffs[cal->cutoff].deadline, sizeof cal->deadline);
}

void bc_calendar_defaults(struct bc_calendar *cal, enum bc_cutoff cutoff)
{
	if (cal == NULL)
		return;
	memset(cal, 0, sizeof *cal);
	cal->cutoff = (unsigned)cutoff < BC_CUTOFF__MAX ? cutoff : BC_CUTOFF_DECREE09;
	set_default_deadlines(cal);
}

int bc_calendar_set_cutoff(struct bc_calendar *cal, const char *text)
{
	if (cal == NULL || text == NULL)
		return -1;
	for (int c = 0; c < BC_CUTOFF__MAX; c++) {
		if (strcmp(cutoffs[c].name, text) != 0)
			continue;
		cal->cutoff = (enum bc_cutoff)c;
		set_default_deadlines(cal);
		return 0;
	}
	return -1;
}

/* One token of a holiday list, which must be a whole YYYY-MM-DD date. */
static int parse_holiday(struct bc_date *out, const char *text, size_t len)
{
	char token[11];

	if (len >= sizeof token)
		return -1;
	memcpy(token, text, len);
	token[len] = '\0';
	return bc_date_parse(out, token);
}

int bc_calendar_set_holidays(struct bc_calendar *cal, const char *text)
{
	struct bc_date list[BC_CALENDAR_HOLIDAYS_MAX];
	size_t n = 0;

	if (cal == NULL || text == NULL)
		return -1;
	for (text += strspn(text, separators); *text != '\0'; text += strspn(text, separators)) {
		size_t len = strcspn(text, separators);

		if (n == BC_CALENDAR_HOLIDAYS_MAX || parse_holiday(&list[n], text, len) != 0)
			return -1;
		n++;
		text += len;
	}
	/* Parsed into a copy first so a bad list leaves the configured one in force. */
	memset(cal->holidays, 0, sizeof cal->holidays);
	memcpy(cal->holidays, list, n * sizeof list[0]);
	cal->nholidays = n;
	return 0;
}

static int deadline_in_bounds(const struct cutoff_info *ci, int n)
{
	return n >= ci->deadline_min && n <= ci->deadline_max;
}

int bc_calendar_set_deadline(struct bc_calendar *cal, enum bc_level level, const char *text)
{
	const struct cutoff_info *ci = cutoff_info(cal);
	size_t len;
	int n = 0;

	if (ci == NULL || text == NULL || (unsigned)level >= BC_LEVEL__MAX)
		return -1;
	/* Digits only: no sign, no spaces, and at most two, so the value cannot overflow. */
	len = strspn(text, "0123456789");
	if (len == 0 || len > 2 || text[len] != '\0')
		return -1;
	for (size_t i = 0; i < len; i++)
		n = n * 10 + (text[i] - '0');
	if (!deadline_in_bounds(ci, n))
		return -1;
	cal->deadline[level] = n;
	return 0;
}

/* The window, or 0 when the calendar or the period is not one we can compute with. An
 * invalid period is recognised by its zero span. */
static int window_of(const struct bc_calendar *cal, const struct bc_period *p, struct bc_date *first,
		     struct bc_date *last)
{
	const struct cutoff_info *ci = cutoff_info(cal);

	bc_period_span(p, first, last);
	if (ci == NULL || !bc_date_valid(*first))
		return 0;
	/* Ad hoc data runs from the start of the year to the day asked for, under any rule. */
	if (p->cadence != BC_CADENCE_ADHOC)
		ci->window(p, first, last);
	return 1;
}

void bc_calendar_window(const struct bc_calendar *cal, const struct bc_period *p, struct bc_date *first,
			struct bc_date *last)
{
	struct bc_date f, l;

	if (!window_of(cal, p, &f, &l))
		f = l = no_date;
	if (first != NULL)
		*first = f;
	if (last != NULL)
		*last = l;
}

struct bc_date bc_calendar_filing_opens(const struct bc_calendar *cal, const struct bc_period *p)
{
	struct bc_date first, last;

	if (!window_of(cal, p, &first, &last))
		return no_date;
	/* An ad hoc request may be answered at any time after it is registered. */
	if (p->cadence == BC_CADENCE_ADHOC)
		return first;
	return add_days(last, 1);
}

struct bc_date bc_calendar_deadline(const struct bc_calendar *cal, const struct bc_period *p,
				    enum bc_level level)
{
	struct bc_date first, last;
	const struct cutoff_info *ci;
	int n;

	if ((unsigned)level >= BC_LEVEL__MAX || !window_of(cal, p, &first, &last))
		return no_date;
	if (p->cadence == BC_CADENCE_ADHOC)
		return p->as_of;
	ci = cutoff_info(cal);
	n = cal->deadline[level];
	/* The struct is public; a number set around the parser is refused, not obeyed. */
	if (!deadline_in_bounds(ci, n))
		return no_date;
	return bc_calendar_next_working_day(cal, ci->due(last, n));
}

static int is_holiday(const struct bc_calendar *cal, struct bc_date d)
{
	size_t n = cal->nholidays < BC_CALENDAR_HOLIDAYS_MAX ? cal->nholidays : BC_CALENDAR_HOLIDAYS_MAX;

	for (size_t i = 0; i < n; i++)
		if (bc_date_cmp(cal->holidays[i], d) == 0)
			return 1;
	return 0;
}

int bc_calendar_is_working_day(const struct bc_calendar *cal, struct bc_date d)
{
	int weekday = bc_date_weekday(d);

	if (cal == NULL || weekday < 0)
		return 0;
	return weekday < SATURDAY && !is_holiday(cal, d);
}

struct bc_date bc_calendar_next_working_day(const struct bc_calendar *cal, struct bc_date d)
{
	if (cal == NULL || !bc_date_valid(d))
		return no_date;
	for (int i = 0; i < SEARCH_DAYS; i++, d = add_days(d, 1))
		if (bc_calendar_is_working_day(cal, d))
			return d;
	return no_date;
}
