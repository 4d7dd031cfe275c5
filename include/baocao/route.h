/*
 * route — the table of resources (method + path → handler) and the dispatcher, which alone
 * answers 404 and 405, kcgi-style. Handlers always fill the response; the dispatcher logs
 * one line per request.
 */
#ifndef BAOCAO_ROUTE_H
#define BAOCAO_ROUTE_H

#include "baocao/config.h"
#include "baocao/http.h"
#include "baocao/admin.h"
#include "baocao/store.h"

/* What a worker owns and every handler may use. */
struct bc_worker {
	const struct bc_config *cfg;
	struct bc_store *store;
	struct bc_admin *admin;		/* opened on first use: only the office writes */
};

typedef void (*bc_handler)(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *tail);

void bc_route_dispatch(struct bc_worker *, struct bc_request *, struct bc_response *);

/* Handlers (api_*.c). tail is the part of the path after the route's prefix. */
void bc_api_submit(struct bc_worker *, struct bc_request *, struct bc_response *, const char *);
void bc_api_submission(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *);
void bc_api_submissions(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *);
void bc_api_schema(struct bc_worker *, struct bc_request *, struct bc_response *, const char *);
void bc_api_request_add(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *);
void bc_api_request(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *);
void bc_api_requests(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *tail);
void bc_api_completeness(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *);
void bc_api_ntm(struct bc_worker *, struct bc_request *, struct bc_response *, const char *);
void bc_api_consolidated(struct bc_worker *, struct bc_request *, struct bc_response *,
    const char *);
void bc_api_health(struct bc_worker *, struct bc_request *, struct bc_response *, const char *);

#endif
