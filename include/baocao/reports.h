/*
 * reports — the coordination office's three resources (issue 5) as functions of the store:
 * completeness, recognition (ntm) and the consolidated report, each rendered as XML, CSV or
 * HTML into a buffer. The HTTP handlers and `baocaoctl report` call the same functions.
 */
#ifndef BAOCAO_REPORTS_H
#define BAOCAO_REPORTS_H

#include "baocao/buf.h"
#include "baocao/config.h"
#include "baocao/error.h"
#include "baocao/store.h"

/* The whole country is no unit of the registry: under=VN asks for every province's units, for
 * the command line and for the credentials of the units named by national_readers. */
#define BC_REPORTS_COUNTRY "VN"

/* The parameters, as in the query string: type, period, cadence, under, year, format. */
struct bc_report_query {
	char type[65], period[32], cadence[16], under[33], year[8], format[8], request[65];
};

/* The query's parameters by name, for the HTTP resources and the command line alike. */
struct bc_report_param {
	const char *name;
	size_t offset, size;
};
extern const struct bc_report_param bc_report_params[];
extern const size_t bc_report_nparams;

/* reader: the unit asking, whose reading rights apply; NULL for the command line, which
 * reads everything. BC_E_INVALID with violations for bad parameters. */
/* Whether the reader may see the ad hoc request: the office of its province, a unit it asks,
 * a national reader; NULL (the command line) may. */
int bc_reports_may_read_request(const struct bc_config *, const struct bc_unit *reader,
    const struct bc_adhoc_request *);

enum bc_err bc_reports_completeness(struct bc_store *, const struct bc_config *,
    const struct bc_report_query *, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *);
enum bc_err bc_reports_ntm(struct bc_store *, const struct bc_config *,
    const struct bc_report_query *, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *);
enum bc_err bc_reports_consolidated(struct bc_store *, const struct bc_config *,
    const struct bc_report_query *, const struct bc_unit *reader, struct bc_buf *out,
    const char **content_type, struct bc_violations *);

#endif
