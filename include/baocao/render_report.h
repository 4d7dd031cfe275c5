/*
 * render_report — the coordination office's resources in their three forms: XML with its own
 * schema (for the legacy systems), CSV (UTF-8 with a byte-order mark, so a spreadsheet opens the
 * Vietnamese text intact) and HTML (a printable page an official reads, states coloured).
 */
#ifndef BAOCAO_RENDER_REPORT_H
#define BAOCAO_RENDER_REPORT_H

#include "baocao/buf.h"
#include "baocao/completeness.h"
#include "baocao/consolidate.h"
#include "baocao/recognition.h"
#include "baocao/store.h"
#include "baocao/targets.h"

enum bc_format { BC_FORMAT_XML = 0, BC_FORMAT_CSV, BC_FORMAT_HTML, BC_FORMAT__MAX };

/* The format named in ?format= ("" is XML), or -1. */
int bc_format_from_name(const char *);
const char *bc_format_content_type(enum bc_format);

struct bc_completeness_view {
	const char *under;		/* code, "" for the whole country */
	const char *under_name;
	struct bc_date as_of;
	const struct bc_completeness *periods;
	size_t nperiods;
};

void bc_render_completeness(struct bc_buf *, enum bc_format, const struct bc_completeness_view *);

struct bc_recognition_view {
	int year;
	const char *under;
	const struct bc_recognition *now, *before;	/* before: the previous year */
	double district_threshold, province_threshold;
	const struct bc_target_progress *targets;	/* the province's, when it is asked */
	size_t ntargets;
	const struct bc_responsible *responsible;	/* by criterion */
	size_t nresponsible;
};

struct bc_consolidated_view {
	const char *type, *period, *under, *under_name;
	const struct bc_consolidated *c;
	const struct bc_completeness *completeness;	/* for the missing units */
	const struct bc_recognition *criteria;		/* NULL: the year has no criteria set */
	struct bc_date criteria_as_of;			/* the period's last day */
};

void bc_render_consolidated(struct bc_buf *, enum bc_format, const struct bc_consolidated_view *);

void bc_render_recognition(struct bc_buf *, enum bc_format, const struct bc_recognition_view *);

/* What the renderers share. A CSV field, quoted (RFC 4180), then "," or, last, CRLF. */
void bc_render_csv(struct bc_buf *, const char *field, int last);
/* A figure as xs:decimal and a person read it: whole numbers bare, else two decimals. */
void bc_render_number(char out[32], double);
/* A page: doctype, the printable stylesheet, the title also as its heading; and its end. */
void bc_render_html_start(struct bc_buf *, const char *title);
void bc_render_html_end(struct bc_buf *);
/* Communes by the source their figure rests on: XML attributes restsOnVerification, …, and
 * an HTML cell "V 2 · S 1 · P 0 · — 1"; the count resting on none only when with_none (a
 * criterion met always rests on something). */
void bc_render_rests_on_xml(struct bc_buf *, const unsigned counts[BC_SOURCE__MAX],
    int with_none);
void bc_render_rests_on_html(struct bc_buf *, const unsigned counts[BC_SOURCE__MAX],
    int with_none);
/* The start of a criterion's table row: its number, a bar of the communes meeting it out of
 * all, and what they rest on; the caller ends the row. */
void bc_render_criterion_html(struct bc_buf *, const struct bc_recognition *, unsigned k);
/* A horizontal bar filled to percent (clamped to 0..100). */
void bc_render_html_bar(struct bc_buf *, double percent);

#endif
