/*
 * recognition — from criterion facts to communes, districts and provinces meeting the
 * standard, and since when each criterion is met. Pure, so the precedence of sources, the
 * "since" rule and the thresholds are tested on hand-built data; the store supplies the facts
 * (newest revisions only) and render writes them out.
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

static const char *const since_names[BC_SINCE__MAX] = {
	[BC_SINCE_NONE] = "none", [BC_SINCE_STATED] = "stated", [BC_SINCE_PERIOD] = "period",
};

const char *
bc_since_name(enum bc_since s)
{
	return since_names[s];
}

#define NO_FACT ((size_t)-1)

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

/* The slot of a fact's (commune, criterion) in the per-criterion arrays, or NO_FACT. */
static size_t
slot_of(struct bc_recognition *r, const struct bc_criterion_fact *f)
{
	struct bc_commune_status *c = commune_of(r, f->commune);

	if (c == NULL || f->number >= 100)
		return NO_FACT;
	return (size_t)(c - r->communes) * 100 + f->number;
}

/* The facts of each (commune, criterion) chained together, and the one that decides. */
struct fact_index {
	size_t nslots;
	size_t *winner;		/* per slot: the deciding fact, or NO_FACT */
	size_t *head;		/* per slot: its first fact, or NO_FACT */
	size_t *next;		/* per fact: the next fact of its slot, or NO_FACT */
};

static void
index_free(struct fact_index *x)
{
	free(x->winner);
	free(x->head);
	free(x->next);
}

/* A criterion's status comes from the strongest source and, within it, from the report of
 * the latest period: a month filed late does not overturn the month after it. Of periods
 * ending on the same day (a year and its December, two units' verifications of one year) the
 * one received last. */
static int
beats(const struct bc_criterion_fact *f, const struct bc_criterion_fact *held)
{
	int c;

	if (held == NULL)
		return 1;
	if (f->source != held->source)
		return f->source > held->source;
	if ((c = bc_date_cmp(f->last, held->last)) != 0)
		return c > 0;
	return f->received_us >= held->received_us;
}

static int
index_facts(struct fact_index *x, struct bc_recognition *r, const struct bc_criterion_fact *facts,
    size_t n)
{
	size_t i, slot;

	x->nslots = r->ncommunes * 100;
	x->winner = malloc((x->nslots + 1) * sizeof(*x->winner));
	x->head = malloc((x->nslots + 1) * sizeof(*x->head));
	x->next = malloc((n + 1) * sizeof(*x->next));
	if (x->winner == NULL || x->head == NULL || x->next == NULL)
		return -1;
	for (slot = 0; slot < x->nslots; slot++)
		x->winner[slot] = x->head[slot] = NO_FACT;
	for (i = 0; i < n; i++) {
		if ((slot = slot_of(r, &facts[i])) == NO_FACT)
			continue;
		x->next[i] = x->head[slot];
		x->head[slot] = i;
		if (beats(&facts[i], x->winner[slot] == NO_FACT ? NULL : &facts[x->winner[slot]]))
			x->winner[slot] = i;
	}
	return 0;
}

/* Whether period a ends before b (ties: the shorter, more precise one first). */
static int
ends_before(const struct bc_criterion_fact *a, const struct bc_criterion_fact *b)
{
	int c = bc_date_cmp(a->last, b->last);

	return c < 0 || (c == 0 && bc_date_cmp(a->first, b->first) > 0);
}

/*
 * Without a stated date: of the year's reports saying the criterion is met, the one whose
 * period ends first after the last period any report says it was not met; if none does (a
 * report of a period ending as late says not met), the deciding report itself.
 */
static const struct bc_criterion_fact *
since_report(const struct bc_criterion_fact *facts, const struct fact_index *x, size_t slot)
{
	const struct bc_criterion_fact *first = NULL;
	struct bc_date bound = { 0, 0, 0 };
	size_t i;

	for (i = x->head[slot]; i != NO_FACT; i = x->next[i])
		if (!facts[i].met && bc_date_cmp(facts[i].last, bound) > 0)
			bound = facts[i].last;
	for (i = x->head[slot]; i != NO_FACT; i = x->next[i])
		if (facts[i].met && bc_date_cmp(facts[i].last, bound) > 0 &&
		    (first == NULL || ends_before(&facts[i], first)))
			first = &facts[i];
	return first != NULL ? first : &facts[x->winner[slot]];
}

static void
set_since(struct bc_commune_status *c, unsigned k, const struct bc_criterion_fact *facts,
    const struct fact_index *x, size_t slot)
{
	const struct bc_criterion_fact *w = &facts[x->winner[slot]], *p;

	if (w->has_since) {
		c->since_from[k] = BC_SINCE_STATED;
		c->since[k] = w->since;
		c->since_period[k][0] = '\0';
		return;
	}
	p = since_report(facts, x, slot);
	c->since_from[k] = BC_SINCE_PERIOD;
	c->since[k] = p->first;
	memcpy(c->since_period[k], p->period, sizeof(c->since_period[k]));
}

/* Each criterion's status, the submission it comes from and, when met, since when. */
static void
apply_facts(struct bc_recognition *r, const struct bc_criterion_fact *facts,
    const struct fact_index *x)
{
	size_t slot;

	for (slot = 0; slot < x->nslots; slot++) {
		struct bc_commune_status *c = &r->communes[slot / 100];
		const struct bc_criterion_fact *w;
		unsigned k = (unsigned)(slot % 100);

		if (x->winner[slot] == NO_FACT)
			continue;
		w = &facts[x->winner[slot]];
		c->source[k] = (unsigned char)w->source;
		c->met[k] = w->met != 0;
		memcpy(c->document[k], w->document_id, sizeof(c->document[k]));
		if (w->met)
			set_since(c, k, facts, x, slot);
	}
}

/* Whether decision a comes after b: decided later, or the same day and received later. */
static int
later_decision(const struct bc_recognition_fact *a, const struct bc_recognition_fact *b)
{
	int by_day = strcmp(a->decided, b->decided);

	return by_day != 0 ? by_day > 0 : a->received_us >= b->received_us;
}

static void
apply_decisions(struct bc_recognition *r, const struct bc_recognition_fact *d, size_t n)
{
	const struct bc_recognition_fact **held = calloc(r->ncommunes + 1, sizeof(*held));
	size_t i, k;

	if (held == NULL)
		return;
	for (i = 0; i < n; i++) {
		struct bc_commune_status *c = commune_of(r, d[i].commune);

		if (c == NULL)
			continue;
		k = (size_t)(c - r->communes);
		if (held[k] != NULL && !later_decision(&d[i], held[k]))
			continue;
		held[k] = &d[i];
		memcpy(c->tier, d[i].tier, sizeof(c->tier));
		memcpy(c->decision, d[i].decision, sizeof(c->decision));
	}
	free(held);
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
			r->by_criterion_source[k][c->source[k]]++;
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
	a->communes++;
	a->communes_meeting += c->meets_standard != 0;
	a->with_status += c->rests_on != BC_SOURCE_NONE;
	a->rests_on[c->rests_on]++;
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
    struct bc_date day, const struct bc_criterion_fact *facts, size_t nfacts,
    const struct bc_recognition_fact *decisions, size_t ndecisions)
{
	struct bc_area_status communes_of_province = { 0 };
	struct fact_index x = { 0 };
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
		if (!bc_unit_valid_during(&units[i], day, day))
			continue;	/* formed later, or merged into its successor before */
		if (units[i].kind == BC_UNIT_COMMUNE)
			r->communes[r->ncommunes++].unit = &units[i];
		else if (units[i].kind == BC_UNIT_DISTRICT)
			r->districts[r->ndistricts++].unit = &units[i];
		else if (units[i].kind == BC_UNIT_PROVINCE)
			r->province.unit = &units[i];
	}
	if (index_facts(&x, r, facts, nfacts) != 0) {
		index_free(&x);
		bc_recognition_free(r);
		return -1;
	}
	apply_facts(r, facts, &x);
	index_free(&x);
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
	communes_of_province.unit = r->province.unit;
	communes_of_province.members = r->province.members;
	communes_of_province.meeting = r->province.meeting;
	communes_of_province.share = r->province.members > 0 ?
	    100.0 * r->province.meeting / r->province.members : 0;
	communes_of_province.meets_standard = r->province.members > 0 &&
	    communes_of_province.share >= cat->province_percent;
	r->province = communes_of_province;
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

size_t
bc_criterion_facts_until(struct bc_criterion_fact *facts, size_t n, struct bc_date last)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (bc_date_cmp(facts[i].last, last) <= 0)
			facts[k++] = facts[i];
	return k;
}
