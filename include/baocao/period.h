/*
 * period — the reporting calendar as pure functions.
 *
 * A report names its period in one of the forms of PROTOCOL.md ("2024-03", "2024-Q1",
 * "2024-H1", "2024-9M", "2024", or an ad hoc request with an as-of date). Everything the
 * service needs to know about a period — its span, the day filing opens under the Decree
 * 09/2019 cut-offs, the deadline for each level, the period before it and the periods it
 * contains — is computed here, without I/O, so that it can be tested exhaustively and
 * shared by ingest, the receipt and later consolidation.
 * Dates are civil dates in Vietnam's time (UTC+07:00, no daylight saving).
 */
#ifndef BAOCAO_PERIOD_H
#define BAOCAO_PERIOD_H

#include <stddef.h>

enum bc_cadence {
	BC_CADENCE_MONTH = 0,
	BC_CADENCE_QUARTER,
	BC_CADENCE_HALF,
	BC_CADENCE_NINE_MONTHS,
	BC_CADENCE_YEAR,
	BC_CADENCE_ADHOC,
	BC_CADENCE__MAX
};

/* The level of the filing unit, which picks the deadline (PROTOCOL.md). */
enum bc_level {
	BC_LEVEL_COMMUNE = 0,
	BC_LEVEL_DISTRICT,	/* also departments and Front committees */
	BC_LEVEL_OFFICE,
	BC_LEVEL__MAX
};

struct bc_date {
	int year;
	int month;		/* 1..12 */
	int day;		/* 1..31 */
};

struct bc_period {
	enum bc_cadence cadence;
	int year;
	int index;		/* month 1..12, quarter 1..4, half 1..2; 0 for 9M and year */
	struct bc_date as_of;	/* ad hoc only */
	char request[65];	/* ad hoc only: the request code, NUL-terminated */
};

/* Element name of the cadence in the XML header ("Month", "Quarter", ...). */
const char *bc_cadence_element(enum bc_cadence);
/* Stable lower-case name ("monthly", "quarterly", "six-monthly", "nine-monthly",
 * "yearly", "ad-hoc"), as stored in the database. */
const char *bc_cadence_name(enum bc_cadence);
/* Cadence for an element name, or -1 when the name is none of them. */
int bc_cadence_from_element(const char *element);

/*
 * Parse the text of a period element of the given cadence ("2024-03" for a month, ...).
 * Ad hoc periods are not parsed from text: fill request and as_of directly.
 * Returns 0, or -1 when the text is not of the cadence's form (year 1900..9999).
 */
int bc_period_parse(struct bc_period *out, enum bc_cadence, const char *text);
/* Whether two periods are those of one report's revisions: the same period, or answers to
 * the same ad hoc request whatever day each is as of. */
int bc_period_same_report(const struct bc_period *, const struct bc_period *);
/* The same for a text of whichever cadence it is written in ("2024-03", "2024-Q1", ...). */
int bc_period_parse_any(struct bc_period *out, const char *text);

/* The canonical name ("2024-03", "2024-Q1", "2024-H2", "2024-9M", "2024",
 * "adhoc:REQUEST@2024-05-17") into buf; returns the length or -1 if it does not fit. */
int bc_period_format(char *buf, size_t size, const struct bc_period *);

/* Whether s is a request code: RequestCodeType of common-1.xsd, up to 64 letters, digits and
 * "._-", in parts joined by '/' that each begin with a letter or digit (a code is a path
 * segment of its URL, where "//" or "/./" would not survive). */
int bc_request_code_valid(const char *s);

/* First and last calendar day of the period (ad hoc: 1 January of as_of's year .. as_of). */
void bc_period_span(const struct bc_period *, struct bc_date *first, struct bc_date *last);
/* The days a unit must exist on to report for the period: its span, except that an ad hoc
 * answer states how things stand on its as-of day, so a unit that exists on that day answers
 * (a commune formed by a merger in July answers a request of October). */
void bc_period_presence(const struct bc_period *, struct bc_date *first, struct bc_date *last);

/* The period before, of the same cadence: 2024-01 -> 2023-12, 2024-Q1 -> 2023-Q4, 2024-H1 ->
 * 2023-H2, 2024-9M -> 2023-9M, 2024 -> 2023. out may be p itself and is written only on
 * success, with the ad hoc fields cleared. Returns 0, or -1 for ad hoc (which has no
 * sequence), an invalid period, or a year before 1900. */
int bc_period_prev(struct bc_period *out, const struct bc_period *p);

/* 1 when outer's span covers inner's: 2024-Q1 contains 2024-01..03, 2024-H1 contains Q1, Q2
 * and their months, 2024-9M contains Q1..Q3, H1 and months 1..9, a year everything of that
 * year, and every period itself. 0 otherwise, and always 0 when either is ad hoc or invalid
 * (an ad hoc report is a snapshot, never part of a sequence that could be consolidated). */
int bc_period_contains(const struct bc_period *outer, const struct bc_period *inner);

/* The periods of the cadence in the year, in order (12 months, 4 quarters, 2 halves, one 9M,
 * one year), ad hoc fields cleared. Like snprintf, writes at most max of them and returns how
 * many there are, so a result above max means out was too small (out may be NULL when max is
 * 0). Returns 0 for ad hoc, an unknown cadence or a year outside 1900..9999. */
size_t bc_period_of_year(int year, enum bc_cadence, struct bc_period *out, size_t max);

/* The periods a period is made of, in order, none overlapping another and together its whole
 * span: a year its two halves, a half its two quarters, nine months the first half and the
 * third quarter, a quarter its three months. Applied again to each part it reaches the months,
 * so it is how consolidation covers a period a unit filed no report for. Writes them to out
 * and returns how many; 0 for a month (it has no parts), ad hoc, or an invalid period. */
#define BC_PERIOD_PARTS_MAX 3
size_t bc_period_parts(const struct bc_period *p, struct bc_period out[BC_PERIOD_PARTS_MAX]);

/* -1, 0, 1 like strcmp. */
int bc_date_cmp(struct bc_date, struct bc_date);
/* Days since 1970-01-01 (may be negative) and back. */
long bc_date_to_days(struct bc_date);
struct bc_date bc_date_from_days(long days);
int bc_date_valid(struct bc_date);
/* Day of the week, 0 = Monday .. 6 = Sunday (ISO 8601 order, less one); -1 for an invalid
 * date. */
int bc_date_weekday(struct bc_date);
/* "YYYY-MM-DD"; returns 0 or -1. */
int bc_date_parse(struct bc_date *out, const char *text);
void bc_date_format(char buf[11], struct bc_date);

#endif
