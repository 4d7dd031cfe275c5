/*
 * route — one table of resources. A path matches a row exactly, or by prefix when the row
 * ends in '/' (the rest is the handler's tail: a DocumentId, a file name). A path that
 * matches with another method is a 405 naming the allowed ones; no match at all is a 404.
 */
#include <string.h>
#include <time.h>

#include "baocao/auth.h"
#include "baocao/log.h"
#include "baocao/route.h"

enum access { PUBLIC, CREDENTIALS };

static const struct route {
	const char *method;
	const char *path;	/* ends in '/': prefix */
	enum access access;
	bc_handler handler;
} routes[] = {
	{ "POST", "/api/v1/submissions", CREDENTIALS, bc_api_submit },
	{ "GET", "/api/v1/submissions/", CREDENTIALS, bc_api_submission },
	{ "GET", "/api/v1/submissions", CREDENTIALS, bc_api_submissions },
	{ "POST", "/api/v1/requests", CREDENTIALS, bc_api_request_add },
	{ "GET", "/api/v1/requests/", CREDENTIALS, bc_api_request },
	{ "GET", "/api/v1/requests", CREDENTIALS, bc_api_requests },
	{ "GET", "/api/v1/completeness", CREDENTIALS, bc_api_completeness },
	{ "GET", "/api/v1/ntm", CREDENTIALS, bc_api_ntm },
	{ "GET", "/api/v1/consolidated", CREDENTIALS, bc_api_consolidated },
	{ "GET", "/api/v1/schemas/", PUBLIC, bc_api_schema },
	{ "GET", "/healthz", PUBLIC, bc_api_health },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* The tail when path matches the route's path, or NULL. */
static const char *
match(const struct route *r, const char *path)
{
	size_t n = strlen(r->path);

	if (r->path[n - 1] == '/')
		return strncmp(path, r->path, n) == 0 && path[n] != '\0' ? path + n : NULL;
	return strcmp(path, r->path) == 0 ? path + n : NULL;
}

/* Credentials come first of all checks (PROTOCOL.md), before the body is even read. */
static void
call(struct bc_worker *w, const struct route *r, struct bc_request *req,
    struct bc_response *res, const char *tail)
{
	enum bc_err e;

	if (r->access == CREDENTIALS &&
	    (e = bc_auth_identify(w->store, req, &req->caller)) != BC_OK) {
		bc_response_error(res, req, e, NULL, NULL, NULL, w->cfg->retry_after);
		if (e == BC_E_UNAUTHORIZED)
			bc_response_header(res, "WWW-Authenticate", "Bearer realm=\"baocao\"");
		return;
	}
	snprintf(res->log_caller, sizeof(res->log_caller), "%s", req->caller.code);
	r->handler(w, req, res, tail);
}

/* Name a route's method in Allow; a GET route answers HEAD as well. */
static void
allow_add(char *allow, size_t size, const char *method)
{
	const char *also = strcmp(method, "GET") == 0 ? ", HEAD" : "";

	if (strlen(allow) + strlen(method) + strlen(also) + 3 > size)
		return;
	if (allow[0] != '\0')
		strcat(allow, ", ");
	strcat(allow, method);
	strcat(allow, also);
}

static void
dispatch(struct bc_worker *w, struct bc_request *req, struct bc_response *res)
{
	char allow[64] = "";
	const char *tail;
	size_t i;

	for (i = 0; i < NROUTES; i++) {
		if ((tail = match(&routes[i], req->path)) == NULL)
			continue;
		if (strcmp(routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			call(w, &routes[i], req, res, tail);
			return;
		}
		allow_add(allow, sizeof(allow), routes[i].method);
	}
	if (allow[0] != '\0') {
		bc_response_error(res, req, BC_E_METHOD, NULL, NULL, NULL, 0);
		bc_response_header(res, "Allow", "%s", allow);
		return;
	}
	bc_response_error(res, req, BC_E_NOT_FOUND, NULL, NULL, NULL, 0);
}

void
bc_route_dispatch(struct bc_worker *w, struct bc_request *req, struct bc_response *res)
{
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	bc_store_set_request(w->store, req->request_id);
	dispatch(w, req, res);
	bc_store_set_request(w->store, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	bc_log(BC_LOG_INFO, req->request_id, "%s %s %d caller=%s unit=%s outcome=%s ms=%.1f",
	    req->method, req->path, res->status, res->log_caller[0] ? res->log_caller : "-",
	    res->log_unit[0] ? res->log_unit : "-", res->log_outcome,
	    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
}
