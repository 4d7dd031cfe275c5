/*
 * recognition — which communes meet the NTM standard in a year, and which districts and
 * provinces do (DOMAIN.md "Recognition"; issue 5). Pure: given the units in scope, the
 * criterion facts of the year's newest revisions with the source each rests on, the
 * recognition decisions, the criteria set and the thresholds, it works out per commune the
 * criteria met (a verification by a district or department counts over the commune's
 * self-assessment, which counts over its progress reports; the newest of a rank wins), per
 * district and province the communes (districts) meeting the standard against the
 * thresholds, averages and the counts below 15 and below 12 criteria; per criterion met, since
 * when; and how many communes each figure rests on by source.
 *
 * Since when a criterion is met: the date the deciding fact states (met_since); or else the
 * period of the year's report saying it is met whose period ends first after the last period
 * any report says it was not met (the deciding report's own period when none does), and that
 * period's first day. The answer says which of the two it is.
 */
#ifndef BAOCAO_RECOGNITION_H
#define BAOCAO_RECOGNITION_H

#include <stddef.h>

#include "baocao/catalogue.h"
#include "baocao/unit.h"

enum bc_source {
	BC_SOURCE_NONE = 0,
	BC_SOURCE_PROGRESS,		/* the commune's or its district's progress reports */
	BC_SOURCE_SELF,			/* the commune's self-assessment */
	BC_SOURCE_VERIFICATION,		/* a district's or department's verification */
	BC_SOURCE__MAX
};

const char *bc_source_name(enum bc_source);

struct bc_criterion_fact {
	char commune[17];
	unsigned number;
	int met;
	enum bc_source source;
	long long received_us;
	int has_since;
	struct bc_date since;		/* met_since as the report states it */
	struct bc_date first, last;	/* the span of the report's period */
	char period[16];		/* its name: 2024-03, 2024-Q1, 2024 */
	char document_id[37];		/* the submission that states it */
};

/* How a criterion's "since" was found. */
enum bc_since {
	BC_SINCE_NONE = 0,		/* not met */
	BC_SINCE_STATED,		/* the deciding fact's met_since */
	BC_SINCE_PERIOD,		/* the first period of the year reported met since */
	BC_SINCE__MAX
};

const char *bc_since_name(enum bc_since);

/* A recognition decision, from a verification of this year or an earlier one: a commune
 * keeps its tier until a later decision says otherwise. */
struct bc_recognition_fact {
	char commune[17];
	char tier[17];			/* standard | advanced | model */
	char decision[65];
	long long received_us;
	char decided[11];		/* YYYY-MM-DD: the latest decision counts, then the newest */
};

struct bc_commune_status {
	const struct bc_unit *unit;
	unsigned char met[100];		/* by criterion number */
	unsigned char source[100];	/* enum bc_source of each criterion's status */
	unsigned char since_from[100];	/* enum bc_since */
	struct bc_date since[100];	/* of each criterion met */
	char since_period[100][16];	/* BC_SINCE_PERIOD: the period it rests on */
	char document[100][37];		/* the submission each criterion's status comes from */
	unsigned met_count;
	int meets_standard;		/* every criterion of the set met */
	enum bc_source rests_on;	/* the strongest source behind any criterion */
	char tier[17];			/* "" without a recognition decision */
	char decision[65];
};

struct bc_area_status {			/* a district, or the province */
	const struct bc_unit *unit;
	unsigned members;		/* communes (district) or districts (province) */
	unsigned meeting;		/* members meeting the standard */
	double share;			/* percent */
	int meets_standard;
	double average_criteria;	/* over its communes */
	unsigned below_15, below_12;
	unsigned communes;		/* its communes (a province's: all of them) */
	unsigned communes_meeting;	/* of them, meeting the standard */
	unsigned with_status;		/* of them, with any criterion status in the year */
	unsigned rests_on[BC_SOURCE__MAX];	/* its communes by the source they rest on */
};

struct bc_recognition {
	const struct bc_criteria_set *set;
	struct bc_commune_status *communes;
	size_t ncommunes;
	struct bc_area_status *districts;
	size_t ndistricts;
	struct bc_area_status province;	/* unit NULL when the scope holds no province */
	unsigned by_criterion[100];	/* communes meeting each criterion */
	unsigned by_criterion_source[100][BC_SOURCE__MAX];	/* the same, by source */
};

/* Over the units that exist on day (the figures' as-of day: a commune formed later is not yet
 * one of the area's, one merged away before counts as its successor). */
int bc_recognition_compute(struct bc_recognition *out, const struct bc_catalogue *,
    const struct bc_criteria_set *, const struct bc_unit *units, size_t nunits,
    struct bc_date day, const struct bc_criterion_fact *facts, size_t nfacts,
    const struct bc_recognition_fact *decisions, size_t ndecisions);
void bc_recognition_free(struct bc_recognition *);

/* Keep the facts of periods ending on or before `last` (the status as of that day, for a
 * consolidated period); returns how many are left, compacted in place. */
size_t bc_criterion_facts_until(struct bc_criterion_fact *facts, size_t n, struct bc_date last);

#endif
