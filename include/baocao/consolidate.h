/*
 * consolidate — the period's consolidated report as the office files it upward (issue 5):
 * resources mobilised by source summed over the units in scope (per unit its report for the
 * period, else the same choice for each of the period's parts: a year's two halves, a half's
 * two quarters, nine months' first half and third quarter, a quarter's three months), the
 * indicators of the period's own reports aggregated (count, sum, minimum, maximum, mean: they
 * are not all additive, so no part can stand in for the whole), and the year's award
 * nominations against the quotas of DOMAIN.md with every breach listed. Pure: the store
 * supplies the rows.
 */
#ifndef BAOCAO_CONSOLIDATE_H
#define BAOCAO_CONSOLIDATE_H

#include <stddef.h>

#include "baocao/period.h"
#include "baocao/store.h"

#define BC_CONSOLIDATE_SOURCES 16
#define BC_CONSOLIDATE_INDICATORS 200
#define BC_CONSOLIDATE_CATEGORIES 8
#define BC_CONSOLIDATE_BREACHES 16

/* Sums of amounts: one amount is below 10^18 VND (AmountType), a province's year of them
 * can pass 2^64, and a sum that wrapped would look like a plausible figure. 128 bits hold
 * 10^20 such amounts. */
__extension__ typedef unsigned __int128 bc_amount_sum;
#define BC_AMOUNT_DIGITS 40	/* 2^128 has 39 decimal digits; and the NUL */
/* v in decimal into out. */
void bc_amount_format(char out[BC_AMOUNT_DIGITS], bc_amount_sum v);

struct bc_source_total {
	char source[33];
	bc_amount_sum amount;
	unsigned units;			/* units in scope giving it more than 0 */
};

/* How far a unit's amounts cover the period asked. */
enum bc_cover {
	BC_COVER_NONE = 0,
	BC_COVER_PART,		/* some of it: a month of the quarter has no report */
	BC_COVER_WHOLE
};

struct bc_indicator_total {
	char code[65];
	char unit[33];
	unsigned count;
	double sum, min, max;
};

struct bc_category_total {
	const char *category;
	int quota;			/* -1: no cap (1.3: all communes that qualify) */
	unsigned nominated;
};

struct bc_consolidated {
	struct bc_source_total sources[BC_CONSOLIDATE_SOURCES];
	size_t nsources;
	bc_amount_sum total;
	unsigned from_shorter;		/* units whose amounts came from reports of shorter
					 * periods than the one asked, for lack of its own */
	struct bc_indicator_total indicators[BC_CONSOLIDATE_INDICATORS];
	size_t nindicators;
	struct bc_category_total categories[BC_CONSOLIDATE_CATEGORIES];
	unsigned individuals, leaders;
	char breaches[BC_CONSOLIDATE_BREACHES][200];
	size_t nbreaches;
	const struct bc_unit *units;	/* the scope given */
	unsigned char *has_data;	/* per unit of the scope: enum bc_cover */
};

/* units: the scope (codes sorted or not); amounts, indicators: rows of the year (any period);
 * nominations: rows of the year's EmulationReports. 0, or -1 when memory ran out. */
int bc_consolidate(struct bc_consolidated *out, const struct bc_period *period,
    const struct bc_unit *units, size_t nunits,
    const struct bc_fact_row *amounts, size_t namounts,
    const struct bc_fact_row *indicators, size_t nindicators,
    const struct bc_fact_row *nominations, size_t nnominations);
void bc_consolidated_free(struct bc_consolidated *);
/* Whether the unit (of the scope given) has data for the period: it is not missing then. */
int bc_consolidated_has_data(const struct bc_consolidated *, const struct bc_unit *);
/* Whether its amounts cover the whole period (every month of a quarter, say): if not, its
 * figures are short of the period's. */
int bc_consolidated_covered(const struct bc_consolidated *, const struct bc_unit *);

#endif
