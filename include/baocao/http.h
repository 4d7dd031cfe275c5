/*
 * http — a FastCGI request as the handlers see it (method, path, query, headers, a bounded
 * body) and the response they build (status, headers, body), sent in one piece. Handlers
 * never touch libfcgi; the dispatcher and the route table live in route.c.
 */
#ifndef BAOCAO_HTTP_H
#define BAOCAO_HTTP_H

#include <fcgiapp.h>

#include "baocao/buf.h"
#include "baocao/config.h"
#include "baocao/error.h"
#include "baocao/unit.h"

struct bc_request {
	FCGX_Request *fcgi;
	const char *method;
	char path[1024];	/* without the query string */
	const char *query;	/* "" when none */
	const char *content_type;	/* "" when none */
	int content_encoded;		/* a Content-Encoding other than identity */
	int content_type_ambiguous;	/* Content-Type lines that disagree */
	long long content_length;	/* -1 when not sent */
	const char *request_id;
	const char *authorization;	/* "" when none; never logged */
	const char *ssl_verify;		/* nginx's $ssl_client_verify, "" when none */
	const char *ssl_fingerprint;	/* nginx's $ssl_client_fingerprint */
	struct bc_buf body;
	struct bc_unit caller;		/* set by the dispatcher for routes that are not public */
};

struct bc_response {
	int status;
	const char *content_type;
	struct bc_buf headers;	/* extra "Name: value\r\n" lines */
	struct bc_buf body;
	/* for the request's log line */
	char log_caller[33];
	char log_unit[33];
	const char *log_outcome;
};

void bc_request_init(struct bc_request *, FCGX_Request *);
void bc_request_free(struct bc_request *);
/* Read the body, at most max bytes: BC_E_TOO_LARGE, BC_E_BAD_BODY or BC_OK. */
enum bc_err bc_request_read_body(struct bc_request *, long max);

/* Whether the body is an XML document as sent: NULL when it is (application/xml or
 * text/xml, no content coding), else the message of the 415 that refuses it. */
const char *bc_request_not_xml(const struct bc_request *);

/* What bc_query_get found; buf holds "" unless BC_QUERY_FOUND. */
enum bc_query_found {
	BC_QUERY_FOUND = 0,	/* present, and it fits */
	BC_QUERY_ABSENT,
	BC_QUERY_TOO_LONG,	/* longer than buf can hold */
	BC_QUERY_NUL		/* holds an encoded NUL (%00) */
};

/* The value of a query parameter, percent- and '+'-decoded, into buf. */
enum bc_query_found bc_query_get(const char *query, const char *name, char *buf, size_t size);
/* The same for a parameter of a resource: one given twice, empty, too long for buf or
 * holding a NUL is a violation at "?name" (rule query) rather than a value silently dropped,
 * cut or read as absent, which would widen a list or a scope. 0, or -1 with the violation
 * added; absent is 0 with "". */
int bc_query_read(const char *query, const char *name, char *buf, size_t size,
    struct bc_violations *);

/* A unit code a query names (unit=, under=) must have a unit code's form (PROTOCOL.md: 2, 3
 * or 5 digits, or an agency code), or be country (when not NULL: under=VN); else a violation
 * at "?name". Any code of that form may still be unknown: a 404, as for an unknown unit. */
void bc_query_unit_code(const char *name, const char *code, const char *country,
    struct bc_violations *);

void bc_response_init(struct bc_response *);
void bc_response_free(struct bc_response *);
void bc_response_header(struct bc_response *, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An error document for e (status from the error table; 503s get Retry-After). */
void bc_response_error(struct bc_response *, const struct bc_request *, enum bc_err,
    const char *message, const char *current, const struct bc_violations *,
    long retry_after);
void bc_response_send(struct bc_response *, FCGX_Request *);

#endif
