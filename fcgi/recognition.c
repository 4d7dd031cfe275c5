/*
 * recognition — from criterion facts to communes, districts and provinces meeting the
 * standard. Pure, so the precedence of sources and the thresholds are tested on hand-built
 * data; the store supplies the facts (newest revisions only) and render writes them out.
 */
#include <stdlib.h>
#include <string.h>

#include "baocao/recognition.h"

static const char *const source_names[BC_SOURCE__MAX] = {
	[BC_SOURCE_NONE] = "none", [BC_SOURCE_PROGRESS] = "progress-report",
	[BC_SOURCE_SELF] = "self-assessment", [BC_SOURCE_VERIFICATION] = "verification",
};

const char *
bc_source_name(enum bc_source s)
{
	return source_names[s];
}

static int
code_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct bc_commune_status *)elem)->unit->code);
}

/* The scope comes sorted by code (store.h), so a binary search finds a commune among the
 * hundreds of a province for each of its year's hundred thousand facts; units given in
 * another order (tests) are still found by the scan. */
static struct bc_commune_status *
commune_of(struct bc_recognition *r, const char *code)
{
	struct bc_commune_status *c = bsearch(code, r->communes, r->ncommunes,
	    sizeof(*r->communes), code_cmp);
	size_t i;

	if (c != NULL)
		return c;
	for (i = 0; i < r->ncommunes; i++)
		if (strcmp(r->communes[i].unit->code, code) == 0)
			return &r->communes[i];
	return NULL;
}

/* A criterion's status comes from the strongest source, the newest within it. */
static void
apply_facts(struct bc_recognition *r, const struct bc_criterion_fact *facts, size_t n)
{
	long long *when = calloc(r->ncommunes * 100 + 1, sizeof(*when));
	size_t i;

	if (when == NULL)
		return;
	for (i = 0; i < n; i++) {
		const struct bc_criterion_fact *f = &facts[i];
		struct bc_commune_status *c = commune_of(r, f->commune);
		size_t slot;

		if (c == NULL || f->number >= 100)
			continue;
		slot = (size_t)(c - r->communes) * 100 + f->number;
		if (f->source < c->source[f->number] ||
		    (f->source == c->source[f->number] && f->received_us < when[slot]))
			continue;
		c->source[f->number] = (unsigned char)f->source;
		c->met[f->number] = f->met != 0;
		when[slot] = f->received_us;
	}
	free(when);
}

static void
apply_decisions(struct bc_recognition *r, const struct bc_recognition_fact *d, size_t n)
{
	long long *when = calloc(r->ncommunes + 1, sizeof(*when));
	size_t i;

	if (when == NULL)
		return;
	for (i = 0; i < n; i++) {
		struct bc_commune_status *c = commune_of(r, d[i].commune);

		if (c == NULL || d[i].received_us < when[c - r->communes])
			continue;
		when[c - r->communes] = d[i].received_us;
		memcpy(c->tier, d[i].tier, sizeof(c->tier));
		memcpy(c->decision, d[i].decision, sizeof(c->decision));
	}
	free(when);
}

static void
summarise_commune(struct bc_recognition *r, struct bc_commune_status *c)
{
	unsigned k;

	c->met_count = 0;
	c->rests_on = BC_SOURCE_NONE;
	for (k = 1; k < 100; k++) {
		if (!r->set->in_set[k])
			continue;
		if (c->source[k] > c->rests_on)
			c->rests_on = (enum bc_source)c->source[k];
		if (c->met[k]) {
			c->met_count++;
			r->by_criterion[k]++;
		}
	}
	c->meets_standard = c->met_count == r->set->count && r->set->count > 0;
}

static void
add_member(struct bc_area_status *a, const struct bc_commune_status *c)
{
	a->members++;
	a->meeting += c->meets_standard != 0;
	a->average_criteria += c->met_count;	/* a sum until finish_area */
	a->below_15 += c->met_count < 15;
	a->below_12 += c->met_count < 12;
}

static void
finish_area(struct bc_area_status *a, double threshold)
{
	if (a->members > 0) {
		a->share = 100.0 * a->meeting / a->members;
		a->average_criteria /= a->members;
	}
	a->meets_standard = a->members > 0 && a->share >= threshold;
}

int
bc_recognition_compute(struct bc_recognition *r, const struct bc_catalogue *cat,
    const struct bc_criteria_set *set, const struct bc_unit *units, size_t nunits,
    const struct bc_criterion_fact *facts, size_t nfacts,
    const struct bc_recognition_fact *decisions, size_t ndecisions)
{
	struct bc_area_status communes_of_province = { 0 };
	size_t i, d;

	memset(r, 0, sizeof(*r));
	r->set = set;
	r->communes = calloc(nunits + 1, sizeof(*r->communes));
	r->districts = calloc(nunits + 1, sizeof(*r->districts));
	if (r->communes == NULL || r->districts == NULL) {
		bc_recognition_free(r);
		return -1;
	}
	for (i = 0; i < nunits; i++) {
		if (units[i].kind == BC_UNIT_COMMUNE)
			r->communes[r->ncommunes++].unit = &units[i];
		else if (units[i].kind == BC_UNIT_DISTRICT)
			r->districts[r->ndistricts++].unit = &units[i];
		else if (units[i].kind == BC_UNIT_PROVINCE)
			r->province.unit = &units[i];
	}
	apply_facts(r, facts, nfacts);
	apply_decisions(r, decisions, ndecisions);
	for (i = 0; i < r->ncommunes; i++) {
		struct bc_commune_status *c = &r->communes[i];

		summarise_commune(r, c);
		add_member(&communes_of_province, c);
		for (d = 0; d < r->ndistricts; d++)
			if (strcmp(r->districts[d].unit->code, c->unit->parent) == 0)
				add_member(&r->districts[d], c);
	}
	for (d = 0; d < r->ndistricts; d++) {
		finish_area(&r->districts[d], cat->district_percent);
		r->province.members++;
		r->province.meeting += r->districts[d].meets_standard != 0;
	}
	/* a province is judged on its districts; its commune figures are over all communes */
	finish_area(&communes_of_province, 0);
	if (r->province.members > 0)
		r->province.share = 100.0 * r->province.meeting / r->province.members;
	r->province.meets_standard = r->province.members > 0 &&
	    r->province.share >= cat->province_percent;
	r->province.average_criteria = communes_of_province.average_criteria;
	r->province.below_15 = communes_of_province.below_15;
	r->province.below_12 = communes_of_province.below_12;
	return 0;
}

void
bc_recognition_free(struct bc_recognition *r)
{
	free(r->communes);
	free(r->districts);
	r->communes = NULL;
	r->districts = NULL;
}
