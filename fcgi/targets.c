/*
 * targets — the measures a plan sets targets on, as one table: the name the office types, the
 * bounds of a sensible value, and how the achieved figure comes out of a recognition. Adding a
 * measure is a row here and an enum entry; the store keeps the name, never the number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/targets.h"

typedef double (*achieved_fn)(const struct bc_recognition *, unsigned criteria);

/* Communes of the scope with at least `k` criteria met. */
static unsigned
communes_at(const struct bc_recognition *r, unsigned k)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < r->ncommunes; i++)
		n += r->communes[i].met_count >= k;
	return n;
}

static double
achieved_communes(const struct bc_recognition *r, unsigned criteria)
{
	(void)criteria;
	return r->set->count > 0 ? communes_at(r, r->set->count) : 0;
}

static double
achieved_communes_at(const struct bc_recognition *r, unsigned criteria)
{
	return communes_at(r, criteria);
}

static double
achieved_share(const struct bc_recognition *r, unsigned criteria)
{
	return r->ncommunes > 0 ? 100.0 * achieved_communes(r, criteria) / r->ncommunes : 0;
}

static double
achieved_average(const struct bc_recognition *r, unsigned criteria)
{
	double sum = 0;
	size_t i;

	(void)criteria;
	for (i = 0; i < r->ncommunes; i++)
		sum += r->communes[i].met_count;
	return r->ncommunes > 0 ? sum / r->ncommunes : 0;
}

static double
achieved_minimum(const struct bc_recognition *r, unsigned criteria)
{
	unsigned least = r->ncommunes > 0 ? r->communes[0].met_count : 0;
	size_t i;

	(void)criteria;
	for (i = 1; i < r->ncommunes; i++)
		if (r->communes[i].met_count < least)
			least = r->communes[i].met_count;
	return least;
}

static double
achieved_districts(const struct bc_recognition *r, unsigned criteria)
{
	unsigned n = 0;
	size_t i;

	(void)criteria;
	for (i = 0; i < r->ndistricts; i++)
		n += r->districts[i].meets_standard != 0;
	return n;
}

static const struct {
	const char *name;
	int with_criteria;	/* the key carries K: communes-at-K */
	int whole;		/* a count: whole numbers only */
	double max;
	achieved_fn achieved;
	const char *label;
} measures[BC_TARGET__MAX] = {
	[BC_TARGET_COMMUNES] = { "communes", 0, 1, 100000, achieved_communes,
	    "Xã đạt chuẩn / communes meeting the standard" },
	[BC_TARGET_COMMUNES_AT] = { "communes-at", 1, 1, 100000, achieved_communes_at,
	    "Xã đạt từ K tiêu chí / communes with at least K criteria" },
	[BC_TARGET_SHARE] = { "share", 0, 0, 100, achieved_share,
	    "Tỷ lệ xã đạt chuẩn (%) / share of communes meeting the standard (%)" },
	[BC_TARGET_AVERAGE] = { "average", 0, 0, 99, achieved_average,
	    "Bình quân tiêu chí / average criteria per commune" },
	[BC_TARGET_MINIMUM] = { "minimum", 0, 1, 99, achieved_minimum,
	    "Không xã nào dưới / no commune below" },
	[BC_TARGET_DISTRICTS] = { "districts", 0, 1, 100000, achieved_districts,
	    "Huyện đạt chuẩn / districts meeting the standard" },
};

const char *
bc_target_measure_name(enum bc_target_measure m)
{
	return measures[m].name;
}

const char *
bc_target_measure_label(enum bc_target_measure m)
{
	return measures[m].label;
}

void
bc_target_key(char out[BC_TARGET_KEY_MAX], const struct bc_target *t)
{
	if (measures[t->measure].with_criteria)
		snprintf(out, BC_TARGET_KEY_MAX, "%s-%u", measures[t->measure].name, t->criteria % 100);
	else
		snprintf(out, BC_TARGET_KEY_MAX, "%s", measures[t->measure].name);
}

/* The measure a key names ("communes-at-12": K into *criteria), or -1. */
static int
measure_of_key(const char *key, size_t len, unsigned *criteria)
{
	int m;

	*criteria = 0;
	for (m = 0; m < BC_TARGET__MAX; m++) {
		size_t n = strlen(measures[m].name);
		char *end;
		long k;

		if (strncmp(key, measures[m].name, n) != 0)
			continue;
		if (!measures[m].with_criteria && n == len)
			return m;
		if (!measures[m].with_criteria || len < n + 2 || key[n] != '-')
			continue;
		k = strtol(key + n + 1, &end, 10);
		if (end == key + len && k >= 1 && k <= 99 && key[n + 1] != '+') {
			*criteria = (unsigned)k;
			return m;
		}
	}
	return -1;
}

/* The value within the measure's bounds, whole where it counts something; -1 otherwise. */
static int
value_of(double *out, enum bc_target_measure m, const char *text)
{
	char *end;
	double v;

	if (text[0] == '\0' || text[0] == '+' || text[0] == '-')
		return -1;
	v = strtod(text, &end);
	/* written so that NaN fails too */
	if (*end != '\0' || !(v >= 0 && v <= measures[m].max) ||
	    (measures[m].whole && v != (double)(long long)v))
		return -1;
	*out = v;
	return 0;
}

int
bc_target_parse(struct bc_target *out, const char *arg, char *why, size_t whysize)
{
	const char *eq = strchr(arg, '=');
	int m;

	memset(out, 0, sizeof(*out));
	if (eq == NULL || (m = measure_of_key(arg, (size_t)(eq - arg), &out->criteria)) < 0) {
		snprintf(why, whysize, "\"%.40s\" is not MEASURE=VALUE with MEASURE one of communes, "
		    "communes-at-K (K 1..99), share, average, minimum, districts", arg);
		return -1;
	}
	out->measure = (enum bc_target_measure)m;
	if (value_of(&out->value, out->measure, eq + 1) != 0) {
		snprintf(why, whysize, "%.*s: \"%.20s\" is not %s from 0 to %g", (int)(eq - arg), arg,
		    eq + 1, measures[m].whole ? "a whole number" : "a number", measures[m].max);
		return -1;
	}
	return 0;
}

int
bc_target_from_stored(struct bc_target *out, const char *measure, unsigned criteria,
    const char *value)
{
	int m;

	memset(out, 0, sizeof(*out));
	for (m = 0; m < BC_TARGET__MAX && strcmp(measures[m].name, measure) != 0; m++)
		;
	if (m == BC_TARGET__MAX || (measures[m].with_criteria && (criteria < 1 || criteria > 99)))
		return -1;
	out->measure = (enum bc_target_measure)m;
	out->criteria = measures[m].with_criteria ? criteria : 0;
	return value_of(&out->value, out->measure, value);
}

void
bc_targets_progress(struct bc_target_progress *out, const struct bc_target *targets, size_t n,
    const struct bc_recognition *r)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct bc_target *t = &targets[i];

		out[i].target = *t;
		out[i].achieved = measures[t->measure].achieved(r, t->criteria);
		out[i].progress = t->value > 0 ? 100.0 * out[i].achieved / t->value : 100.0;
		out[i].reached = out[i].achieved >= t->value - 1e-9;
	}
}
