/*
 * recognition — which communes meet the NTM standard in a year, and which districts and
 * provinces do (DOMAIN.md "Recognition"; issue 5). Pure: given the units in scope, the
 * criterion facts of the year's newest revisions with the source each rests on, the
 * recognition decisions, the criteria set and the thresholds, it works out per commune the
 * criteria met (a verification by a district or department counts over the commune's
 * self-assessment, which counts over its progress reports; the newest of a rank wins), per
 * district and province the communes (districts) meeting the standard against the
 * thresholds, averages and the counts below 15 and below 12 criteria.
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
};

struct bc_recognition_fact {
	char commune[17];
	char tier[17];			/* standard | advanced | model */
	char decision[65];
	long long received_us;
};

struct bc_commune_status {
	const struct bc_unit *unit;
	unsigned char met[100];		/* by criterion number */
	unsigned char source[100];	/* enum bc_source of each criterion's status */
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
};

struct bc_recognition {
	const struct bc_criteria_set *set;
	struct bc_commune_status *communes;
	size_t ncommunes;
	struct bc_area_status *districts;
	size_t ndistricts;
	struct bc_area_status province;	/* unit NULL when the scope holds no province */
	unsigned by_criterion[100];	/* communes meeting each criterion */
};

int bc_recognition_compute(struct bc_recognition *out, const struct bc_catalogue *,
    const struct bc_criteria_set *, const struct bc_unit *units, size_t nunits,
    const struct bc_criterion_fact *facts, size_t nfacts,
    const struct bc_recognition_fact *decisions, size_t ndecisions);
void bc_recognition_free(struct bc_recognition *);

#endif
