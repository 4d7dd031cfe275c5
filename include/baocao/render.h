/*
 * render — the XML documents the service answers with: receipts (receipt-1.xsd) and error
 * documents (error-1.xsd). Rendering is deterministic, so a receipt rendered again from the
 * stored row is byte-identical to the first.
 */
#ifndef BAOCAO_RENDER_H
#define BAOCAO_RENDER_H

#include "baocao/buf.h"
#include "baocao/error.h"
#include "baocao/receipt.h"

#define BC_NS_RECEIPT "urn:baocao:receipt:1"
#define BC_NS_ERROR "urn:baocao:error:1"

void bc_render_receipt(struct bc_buf *, const struct bc_receipt *);
/* GET /api/v1/submissions: the receipts of a unit's submissions; more when the list was cut. */
void bc_render_submissions(struct bc_buf *, const char *unit, const struct bc_receipt *,
    size_t n, int more);
/* message NULL: the default of the error code; current: for a stale Supersedes, or NULL. */
void bc_render_error(struct bc_buf *, enum bc_err, const char *request_id,
    const char *message, const char *current, const struct bc_violations *);
/* "2024-03-15T16:30:00.123456+07:00": an instant in Vietnam's time. */
void bc_render_vietnam_time(char out[40], long long us);

#endif
