/*
 * targets — the plan's targets a province's progress is read against (DOMAIN.md
 * "Recognition"): Cà Mau by 2015, 22 communes at 19/19 and at least 30 at 12/19; Trà Vinh
 * 2020, an average of 17 criteria per commune and no commune below 15; Bình Phước, every
 * commune by 2025. A target is one measure of the province's recognition, the value the plan
 * sets for it, and the year it is set for ("by 2015"). The office sets them with `baocaoctl
 * target set` (sql/008_targets.sql keeps them); GET /api/v1/ntm reads the province's progress
 * against the targets of the year asked, or of the next year that has any.
 *
 * Pure: the measures are a table (name, bounds, how the achieved figure is worked out from a
 * recognition), so parsing `measure=value` and progress are tested on hand-built data.
 */
#ifndef BAOCAO_TARGETS_H
#define BAOCAO_TARGETS_H

#include <stddef.h>

#include "baocao/recognition.h"

enum bc_target_measure {
	BC_TARGET_COMMUNES = 0,		/* communes meeting the standard (all criteria) */
	BC_TARGET_COMMUNES_AT,		/* communes with at least K criteria met */
	BC_TARGET_SHARE,		/* percent of the communes meeting the standard */
	BC_TARGET_AVERAGE,		/* average criteria met per commune */
	BC_TARGET_MINIMUM,		/* the fewest criteria any commune meets */
	BC_TARGET_DISTRICTS,		/* districts meeting the standard */
	BC_TARGET__MAX
};

struct bc_target {
	enum bc_target_measure measure;
	unsigned criteria;		/* K of communes-at-K; 0 for the other measures */
	double value;
	int year;			/* the year it is set for */
	long long set_us;		/* when it was set (UTC microseconds); 0 when not stored */
};

struct bc_target_progress {
	struct bc_target target;
	double achieved;
	double progress;		/* percent of the target achieved (100 for a target of 0) */
	int reached;			/* achieved >= target */
};

/* Longest key: "communes-at-99". */
#define BC_TARGET_KEY_MAX 24

const char *bc_target_measure_name(enum bc_target_measure);
/* What the measure counts, for a person (Vietnamese / English). */
const char *bc_target_measure_label(enum bc_target_measure);
/* The key as baocaoctl and the CSV write it: "communes", "communes-at-12", … */
void bc_target_key(char out[BC_TARGET_KEY_MAX], const struct bc_target *);

/* "communes=22", "communes-at-12=30", "share=100", "average=17", "minimum=15",
 * "districts=2" into *out (year and set_us left 0). Returns 0, or -1 with one line in why. */
int bc_target_parse(struct bc_target *out, const char *arg, char *why, size_t whysize);
/* A stored row (measure name, criteria, value as text) into *out; -1 for a measure or value
 * this build does not know. */
int bc_target_from_stored(struct bc_target *out, const char *measure, unsigned criteria,
    const char *value);

/* Progress of each target against the recognition of the province's communes. */
void bc_targets_progress(struct bc_target_progress *out, const struct bc_target *targets,
    size_t n, const struct bc_recognition *);

#endif
