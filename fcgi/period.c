/*
 * period.c — the reporting calendar, and nothing else.
 *
 * Ingest, the receipt and consolidation must all agree on what "2024-Q1" means: its name,
 * its calendar days, the period before it, which periods it contains; keeping that knowledge
 * in one module of pure functions (no I/O, no allocation, no clock) lets it be tested
 * exhaustively and shared without drift. When a period may be filed and when it is due is
 * calendar.c's, which is configurable and starts from the spans given here. Everything a
 * cadence implies is read from two tables, what it is and what it is made of, so a new
 * cadence is one new row in each.
 *
 * Inputs that do not make sense are never trusted: a period or date that is not valid yields
 * -1, an empty string or the zero date {0, 0, 0} (which bc_date_valid rejects), never
 * undefined behaviour.
 */
#include "baocao/period.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* The protocol only speaks of four-digit years; 1900 keeps out typing slips like "0024". */
enum { YEAR_MIN = 1900, YEAR_MAX = 9999 };

/*
 * What a cadence implies. The text pattern drives both parsing and formatting so the two
 * cannot disagree: 'Y' is a digit of the year, 'N' a digit of the index, anything else
 * stands for itself. Ad hoc has no pattern because it is never parsed from text.
 */
struct cadence_info {
	const char *element;
	const char *name;
	const char *pattern;
	int months;		/* length of the period; 0 when it is not fixed */
	int index_min, index_max;
};

static const struct cadence_info cadences[BC_CADENCE__MAX] = {
	[BC_CADENCE_MONTH]       = { "Month",      "monthly",      "YYYY-NN",  1, 1, 12 },
	[BC_CADENCE_QUARTER]     = { "Quarter",    "quarterly",    "YYYY-QN",  3, 1, 4 },
	[BC_CADENCE_HALF]        = { "HalfYear",   "six-monthly",  "YYYY-HN",  6, 1, 2 },
	[BC_CADENCE_NINE_MONTHS] = { "NineMonths", "nine-monthly", "YYYY-9M",  9, 0, 0 },
	[BC_CADENCE_YEAR]        = { "Year",       "yearly",       "YYYY",    12, 0, 0 },
	[BC_CADENCE_ADHOC]       = { "AdHoc",      "ad-hoc",       NULL,       0, 0, 0 },
};

/*
 * What a period is made of (bc_period_parts). The parts listed are those of the cadence's first
 * period; the k-th period's are shifted by k - 1 times their number (Q2 is months 4–6, H2 is
 * Q3 and Q4). The year and nine months have one period a year, so theirs are as listed: nine
 * months are the first half and the third quarter, not three quarters, so that a unit's
 * half-year report counts in them.
 */
static const struct {
	size_t n;
	struct { enum bc_cadence cadence; int index; } part[BC_PERIOD_PARTS_MAX];
} parts_of[BC_CADENCE__MAX] = {
	[BC_CADENCE_QUARTER]     = { 3, { { BC_CADENCE_MONTH, 1 }, { BC_CADENCE_MONTH, 2 },
	                                  { BC_CADENCE_MONTH, 3 } } },
	[BC_CADENCE_HALF]        = { 2, { { BC_CADENCE_QUARTER, 1 }, { BC_CADENCE_QUARTER, 2 } } },
	[BC_CADENCE_NINE_MONTHS] = { 2, { { BC_CADENCE_HALF, 1 }, { BC_CADENCE_QUARTER, 3 } } },
	[BC_CADENCE_YEAR]        = { 2, { { BC_CADENCE_HALF, 1 }, { BC_CADENCE_HALF, 2 } } },
};

static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

/* Same slot convention as the cadence patterns, with 'D' for the day. */
static const char date_pattern[] = "YYYY-NN-DD";

/* Slots of a pattern, in the order their letters are looked up. */
enum { SLOT_YEAR, SLOT_INDEX, SLOT_DAY, SLOT__MAX };
static const char slot_letter[SLOT__MAX] = { 'Y', 'N', 'D' };

static const struct bc_date no_date = { 0, 0, 0 };

/* 1970-01-01, day 0 of bc_date_to_days, was a Thursday (0 = Monday). */
enum { EPOCH_WEEKDAY = 3, WEEK_DAYS = 7 };

static const struct cadence_info *cadence_info(enum bc_cadence c)
{
	/* An enum may carry any int value; unsigned comparison also rejects negatives. */
	if ((unsigned)c >= BC_CADENCE__MAX)
		return NULL;
	return &cadences[c];
}

static int slot_of(char letter)
{
	for (int s = 0; s < SLOT__MAX; s++)
		if (slot_letter[s] == letter)
			return s;
	return -1;
}

/* Whole-text match: no sign, no spaces, exactly the pattern's digits. Slot widths are at
 * most four digits, so the sums cannot overflow. */
static int match_pattern(const char *pattern, const char *text, int value[SLOT__MAX])
{
	for (int s = 0; s < SLOT__MAX; s++)
		value[s] = 0;
	for (; *pattern; pattern++, text++) {
		int s = slot_of(*pattern);

		if (s < 0) {
			if (*text != *pattern)
				return -1;
			continue;
		}
		if (*text < '0' || *text > '9')
			return -1;
		value[s] = value[s] * 10 + (*text - '0');
	}
	return *text == '\0' ? 0 : -1;
}

/* Fills each slot right to left so a value is zero-padded to the slot's width. The caller
 * guarantees every value fits its width and out has room for the pattern. */
static void render_pattern(const char *pattern, const int value[SLOT__MAX], char *out)
{
	int rest[SLOT__MAX];
	size_t len = strlen(pattern);

	memcpy(rest, value, sizeof rest);
	out[len] = '\0';
	while (len-- > 0) {
		int s = slot_of(pattern[len]);

		if (s < 0) {
			out[len] = pattern[len];
			continue;
		}
		out[len] = (char)('0' + rest[s] % 10);
		rest[s] /= 10;
	}
}

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	return month_days[month - 1] + (month == 2 && is_leap(year));
}

static int year_in_range(int year)
{
	return year >= YEAR_MIN && year <= YEAR_MAX;
}

static int adhoc_valid(const struct bc_period *p)
{
	/* request may come from anywhere: it must end inside its array and name something. */
	return memchr(p->request, '\0', sizeof p->request) != NULL && p->request[0] != '\0'
	       && bc_date_valid(p->as_of) && year_in_range(p->as_of.year);
}

static int period_valid(const struct bc_period *p)
{
	const struct cadence_info *ci;

	if (p == NULL || (ci = cadence_info(p->cadence)) == NULL)
		return 0;
	if (p->cadence == BC_CADENCE_ADHOC)
		return adhoc_valid(p);
	return year_in_range(p->year) && p->index >= ci->index_min && p->index <= ci->index_max;
}

/* 9M and the year carry index 0 and end in their own length's month; the others end in
 * index * length. Only for valid, non-ad-hoc periods. */
static int last_month(const struct bc_period *p)
{
	const struct cadence_info *ci = &cadences[p->cadence];

	return (p->index == 0 ? 1 : p->index) * ci->months;
}

const char *bc_cadence_element(enum bc_cadence c)
{
	const struct cadence_info *ci = cadence_info(c);

	return ci ? ci->element : NULL;
}

const char *bc_cadence_name(enum bc_cadence c)
{
	const struct cadence_info *ci = cadence_info(c);

	return ci ? ci->name : NULL;
}

int bc_cadence_from_element(const char *element)
{
	if (element == NULL)
		return -1;
	for (int c = 0; c < BC_CADENCE__MAX; c++)
		if (strcmp(cadences[c].element, element) == 0)
			return c;
	return -1;
}

int
bc_period_same_report(const struct bc_period *a, const struct bc_period *b)
{
	if (a->cadence != b->cadence)
		return 0;
	if (a->cadence == BC_CADENCE_ADHOC)
		return strcmp(a->request, b->request) == 0;
	return a->year == b->year && a->index == b->index;
}

int
bc_period_parse_any(struct bc_period *out, const char *text)
{
	int c;

	for (c = 0; c < BC_CADENCE_ADHOC; c++)	/* the forms differ, so at most one matches */
		if (bc_period_parse(out, (enum bc_cadence)c, text) == 0)
			return 0;
	return -1;
}

int bc_period_parse(struct bc_period *out, enum bc_cadence cadence, const char *text)
{
	const struct cadence_info *ci = cadence_info(cadence);
	struct bc_period p;
	int value[SLOT__MAX];

	if (out == NULL || text == NULL || ci == NULL || ci->pattern == NULL)
		return -1;
	if (match_pattern(ci->pattern, text, value) != 0)
		return -1;
	memset(&p, 0, sizeof p);
	p.cadence = cadence;
	p.year = value[SLOT_YEAR];
	p.index = value[SLOT_INDEX];
	if (!period_valid(&p))
		return -1;
	/* Written only on success, so a failed parse never leaves a half-filled period. */
	*out = p;
	return 0;
}

/* Copies like snprintf but refuses to truncate: a cut period name would name another one. */
static int put(char *buf, size_t size, const char *text, int len)
{
	if (len < 0 || (size_t)len >= size) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	memcpy(buf, text, (size_t)len + 1);
	return len;
}

static int format_adhoc(char *buf, size_t size, const struct bc_period *p)
{
	/* "adhoc:" + 64-byte request + "@" + date; sized so snprintf never truncates here. */
	char text[6 + sizeof p->request + 1 + 11];
	char date[11];
	int len;

	bc_date_format(date, p->as_of);
	len = snprintf(text, sizeof text, "adhoc:%s@%s", p->request, date);
	return put(buf, size, text, len);
}

int bc_period_format(char *buf, size_t size, const struct bc_period *p)
{
	char text[16];
	int value[SLOT__MAX];

	if (buf == NULL || !period_valid(p)) {
		if (buf != NULL && size > 0)
			buf[0] = '\0';
		return -1;
	}
	if (p->cadence == BC_CADENCE_ADHOC)
		return format_adhoc(buf, size, p);
	value[SLOT_YEAR] = p->year;
	value[SLOT_INDEX] = p->index;
	value[SLOT_DAY] = 0;
	render_pattern(cadences[p->cadence].pattern, value, text);
	return put(buf, size, text, (int)strlen(text));
}

/* Ad hoc reports are cumulative from the start of the year up to the day asked for. */
static void span_of(const struct bc_period *p, struct bc_date *first, struct bc_date *last)
{
	int end;

	if (p->cadence == BC_CADENCE_ADHOC) {
		*first = (struct bc_date){ p->as_of.year, 1, 1 };
		*last = p->as_of;
		return;
	}
	end = last_month(p);
	*first = (struct bc_date){ p->year, end - cadences[p->cadence].months + 1, 1 };
	*last = (struct bc_date){ p->year, end, days_in_month(p->year, end) };
}

void bc_period_span(const struct bc_period *p, struct bc_date *first, struct bc_date *last)
{
	struct bc_date f = no_date, l = no_date;

	if (period_valid(p))
		span_of(p, &f, &l);
	if (first != NULL)
		*first = f;
	if (last != NULL)
		*last = l;
}

void bc_period_presence(const struct bc_period *p, struct bc_date *first, struct bc_date *last)
{
	struct bc_date f, l;

	bc_period_span(p, &f, &l);
	if (p != NULL && p->cadence == BC_CADENCE_ADHOC)
		f = l;
	if (first != NULL)
		*first = f;
	if (last != NULL)
		*last = l;
}

/* Only periods of a fixed cadence form a sequence that can be stepped through or nested. */
static int fixed_valid(const struct bc_period *p)
{
	return period_valid(p) && cadences[p->cadence].months != 0;
}

/* A fresh period, so no ad hoc field of a caller's struct leaks into a computed one. */
static struct bc_period make_period(enum bc_cadence cadence, int year, int index)
{
	struct bc_period p;

	memset(&p, 0, sizeof p);
	p.cadence = cadence;
	p.year = year;
	p.index = index;
	return p;
}

int bc_period_prev(struct bc_period *out, const struct bc_period *p)
{
	const struct cadence_info *ci;
	struct bc_period q;

	if (out == NULL || !fixed_valid(p))
		return -1;
	ci = &cadences[p->cadence];
	q = make_period(p->cadence, p->year, p->index - 1);
	/* Stepping below the first index lands on the last one of the year before; 9M and the
	 * year have only index 0, so for them every step is a whole year. */
	if (q.index < ci->index_min) {
		q.index = ci->index_max;
		q.year--;
	}
	if (!year_in_range(q.year))
		return -1;
	*out = q;
	return 0;
}

/* Spans start on a 1st and end on a month's last day, so comparing the two ends is the
 * whole of containment, with no table of which cadence nests in which. */
int bc_period_contains(const struct bc_period *outer, const struct bc_period *inner)
{
	struct bc_date of, ol, inf, inl;

	if (!fixed_valid(outer) || !fixed_valid(inner))
		return 0;
	span_of(outer, &of, &ol);
	span_of(inner, &inf, &inl);
	return bc_date_cmp(of, inf) <= 0 && bc_date_cmp(inl, ol) <= 0;
}

size_t bc_period_of_year(int year, enum bc_cadence cadence, struct bc_period *out, size_t max)
{
	const struct cadence_info *ci = cadence_info(cadence);
	size_t n = 0;

	if (ci == NULL || ci->months == 0 || !year_in_range(year))
		return 0;
	for (int i = ci->index_min; i <= ci->index_max; i++, n++)
		if (out != NULL && n < max)
			out[n] = make_period(cadence, year, i);
	return n;
}

size_t bc_period_parts(const struct bc_period *p, struct bc_period out[BC_PERIOD_PARTS_MAX])
{
	int shift;

	if (out == NULL || !fixed_valid(p))
		return 0;
	shift = p->index > 0 ? (p->index - 1) * (int)parts_of[p->cadence].n : 0;
	for (size_t i = 0; i < parts_of[p->cadence].n; i++) {
		enum bc_cadence c = parts_of[p->cadence].part[i].cadence;

		out[i] = make_period(c, p->year, parts_of[p->cadence].part[i].index + shift);
	}
	return parts_of[p->cadence].n;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int bc_date_cmp(struct bc_date a, struct bc_date b)
{
	int c = cmp_int(a.year, b.year);

	if (c == 0)
		c = cmp_int(a.month, b.month);
	if (c == 0)
		c = cmp_int(a.day, b.day);
	return c;
}

/*
 * Howard Hinnant's days_from_civil / civil_from_days
 * (https://howardhinnant.github.io/date_algorithms.html): branch-light, exact over the
 * proleptic Gregorian calendar. Computed in long long so no int field, however wrong, can
 * overflow; the result for an invalid date is meaningless but defined.
 */
long bc_date_to_days(struct bc_date d)
{
	long long y = (long long)d.year - (d.month <= 2);
	long long m = d.month;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;				/* [0, 399] */
	long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (long)(era * 146097 + doe - 719468);
}

/* Enough eras for any plausible date, few enough that the year still fits an int after
 * the shift to the March-based era (which adds about five eras). */
#define DAYS_LIMIT (146097LL * (INT_MAX / 400 - 10))

struct bc_date bc_date_from_days(long days)
{
	long long z = days;
	long long era, doe, yoe, doy, mp;
	struct bc_date d;

	if (z > DAYS_LIMIT)
		z = DAYS_LIMIT;
	if (z < -DAYS_LIMIT)
		z = -DAYS_LIMIT;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;					/* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;	/* [0, 399] */
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		/* [0, 365] */
	mp = (5 * doy + 2) / 153;				/* [0, 11], March first */
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int bc_date_valid(struct bc_date d)
{
	return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

int bc_date_weekday(struct bc_date d)
{
	long r;

	if (!bc_date_valid(d))
		return -1;
	/* Reduced before the shift so no day number, however far out, can overflow; C's % keeps
	 * the sign of negative days, hence the second reduction. */
	r = bc_date_to_days(d) % WEEK_DAYS;
	return (int)((r + WEEK_DAYS + EPOCH_WEEKDAY) % WEEK_DAYS);
}

int bc_date_parse(struct bc_date *out, const char *text)
{
	int value[SLOT__MAX];
	struct bc_date d;

	if (out == NULL || text == NULL || match_pattern(date_pattern, text, value) != 0)
		return -1;
	d = (struct bc_date){ value[SLOT_YEAR], value[SLOT_INDEX], value[SLOT_DAY] };
	if (!bc_date_valid(d) || !year_in_range(d.year))
		return -1;
	*out = d;
	return 0;
}

/* Only dates that fit the four-digit form are written; anything else gives "", which no
 * reader can mistake for a date. */
void bc_date_format(char buf[11], struct bc_date d)
{
	int value[SLOT__MAX];

	if (buf == NULL)
		return;
	if (!bc_date_valid(d) || d.year < 0 || d.year > YEAR_MAX) {
		buf[0] = '\0';
		return;
	}
	value[SLOT_YEAR] = d.year;
	value[SLOT_INDEX] = d.month;
	value[SLOT_DAY] = d.day;
	render_pattern(date_pattern, value, buf);
}

int bc_request_code_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 64 || s[n - 1] == '/')
		return 0;
	for (i = 0; i < n; i++) {
		int part_starts = i == 0 || s[i - 1] == '/';
		int alnum = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z');

		if (!alnum && (part_starts || strchr("._/-", s[i]) == NULL))
			return 0;
	}
	return 1;
}
