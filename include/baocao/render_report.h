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
};

struct bc_consolidated_view {
	const char *type, *period, *under, *under_name;
	const struct bc_consolidated *c;
	const struct bc_completeness *completeness;	/* for the missing units */
};

void bc_render_consolidated(struct bc_buf *, enum bc_format, const struct bc_consolidated_view *);

void bc_render_recognition(struct bc_buf *, enum bc_format, const struct bc_recognition_view *);

#endif
