/*
 * http — adapts libfcgi's request to struct bc_request and writes struct bc_response back.
 * The body is read with a hard bound (max_body, the same number nginx enforces), so a
 * request that slips past nginx's limit still cannot make a worker allocate more.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "baocao/http.h"
#include "baocao/unit.h"
#include "baocao/render.h"

static const char *
param(FCGX_Request *f, const char *name)
{
	const char *v = FCGX_GetParam(name, f->envp);

	return v != NULL ? v : "";
}

/* The value of the next line of header PARAM ("HTTP_CONTENT_TYPE=") at or after *e, moving *e
 * past it; NULL when there is none. nginx (1.22) passes each line of a repeated header as a
 * parameter of its own, and FCGX_GetParam sees only the first. */
static const char *
header_next(char ***e, const char *param, size_t len)
{
	for (; *e != NULL && **e != NULL; (*e)++)
		if (strncmp(**e, param, len) == 0)
			return *(*e)++ + len;
	return NULL;
}

/* Whether any Content-Encoding line names a coding. */
static int
body_encoded(FCGX_Request *f)
{
	static const char name[] = "HTTP_CONTENT_ENCODING=";
	char **e = f->envp;
	const char *v;

	while ((v = header_next(&e, name, sizeof(name) - 1)) != NULL)
		if (*v != '\0' && strcasecmp(v, "identity") != 0)
			return 1;
	return 0;
}

/* The length of a Content-Type's media type, without its parameters. */
static size_t
media_type_length(const char *v)
{
	return strcspn(v, "; \t");
}

/* Whether two Content-Type lines disagree: nginx's CONTENT_TYPE is the first, and a document
 * that is also declared as something else is not known to be XML. Parameters are not read
 * (README: a charset is not), so the same type with other parameters is the same type. */
static int
content_type_ambiguous(FCGX_Request *f)
{
	static const char name[] = "HTTP_CONTENT_TYPE=";
	char **e = f->envp;
	const char *first = header_next(&e, name, sizeof(name) - 1), *v;
	size_t n = first != NULL ? media_type_length(first) : 0;

	while (first != NULL && (v = header_next(&e, name, sizeof(name) - 1)) != NULL)
		if (media_type_length(v) != n || strncasecmp(v, first, n) != 0)
			return 1;
	return 0;
}

void
bc_request_init(struct bc_request *r, FCGX_Request *f)
{
	const char *uri, *q, *len;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->fcgi = f;
	r->method = param(f, "REQUEST_METHOD");
	uri = param(f, "DOCUMENT_URI");
	if (*uri == '\0')
		uri = param(f, "REQUEST_URI");
	q = strchr(uri, '?');
	n = q != NULL ? (size_t)(q - uri) : strlen(uri);
	if (n >= sizeof(r->path))
		n = sizeof(r->path) - 1;
	memcpy(r->path, uri, n);
	r->path[n] = '\0';
	r->query = param(f, "QUERY_STRING");
	r->content_type = param(f, "CONTENT_TYPE");
	r->content_encoded = body_encoded(f);
	r->content_type_ambiguous = content_type_ambiguous(f);
	len = param(f, "CONTENT_LENGTH");
	r->content_length = *len != '\0' ? strtoll(len, NULL, 10) : -1;
	r->request_id = FCGX_GetParam("REQUEST_ID", f->envp);
	r->authorization = param(f, "HTTP_AUTHORIZATION");
	r->ssl_verify = param(f, "SSL_CLIENT_VERIFY");
	r->ssl_fingerprint = param(f, "SSL_CLIENT_FINGERPRINT");
}

const char *
bc_request_not_xml(const struct bc_request *r)
{
	static const char *const accepted[] = { "application/xml", "text/xml" };
	const char *ct = r->content_type;
	size_t i, n;

	/* the service reads the bytes it stores and digests; a compressed body is not them */
	if (r->content_encoded)
		return "Content-Encoding is not accepted: send the document as it is, "
		    "uncompressed.";
	if (r->content_type_ambiguous)
		return "Content-Type is given more than once with different values: send one.";
	n = media_type_length(ct);
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		if (n == strlen(accepted[i]) && strncasecmp(ct, accepted[i], n) == 0)
			return NULL;
	return bc_err_info(BC_E_MEDIA_TYPE)->message;
}

void
bc_request_free(struct bc_request *r)
{
	bc_buf_free(&r->body);
}

enum bc_err
bc_request_read_body(struct bc_request *r, long max)
{
	size_t want;
	int got;

	if (r->content_length > max)
		return BC_E_TOO_LARGE;
	/* nginx always sends a length for buffered bodies; without one, read to the bound. */
	want = r->content_length >= 0 ? (size_t)r->content_length : (size_t)max + 1;
	bc_buf_reset(&r->body);
	for (;;) {
		size_t chunk = 65536;

		if (r->body.len >= want)
			break;
		if (chunk > want - r->body.len)
			chunk = want - r->body.len;
		if (bc_buf_reserve(&r->body, chunk) != 0)
			return BC_E_INTERNAL;
		got = FCGX_GetStr(r->body.data + r->body.len, (int)chunk, r->fcgi->in);
		if (got <= 0)
			break;
		r->body.len += (size_t)got;
		r->body.data[r->body.len] = '\0';
	}
	if (r->body.len > (size_t)max)
		return BC_E_TOO_LARGE;
	if (r->content_length >= 0 && r->body.len != (size_t)r->content_length)
		return BC_E_BAD_BODY;
	return BC_OK;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum bc_query_found
bc_query_get(const char *query, const char *name, char *buf, size_t size)
{
	size_t nlen = strlen(name), n = 0;
	const char *p = query;

	buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			for (p += nlen + 1; *p != '\0' && *p != '&'; p++) {
				char c = *p;

				if (c == '+')
					c = ' ';
				else if (c == '%' && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
					c = (char)(hex_value(p[1]) * 16 + hex_value(p[2]));
					p += 2;
					/* a NUL would end the value early: the rest silently unread */
					if (c == '\0') {
						buf[0] = '\0';
						return BC_QUERY_NUL;
					}
				}
				if (n + 1 >= size) {
					buf[0] = '\0';
					return BC_QUERY_TOO_LONG;
				}
				buf[n++] = c;
			}
			buf[n] = '\0';
			return BC_QUERY_FOUND;
		}
		if ((p = strchr(p, '&')) != NULL)
			p++;
	}
	return BC_QUERY_ABSENT;
}

/* How many times name= (or name alone, a value left empty) occurs in the query. */
static int
query_count(const char *query, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = query;
	int n = 0;

	while (p != NULL && *p != '\0') {
		n += strncmp(p, name, nlen) == 0 && (p[nlen] == '=' || p[nlen] == '&' ||
		    p[nlen] == '\0');
		if ((p = strchr(p, '&')) != NULL)
			p++;
	}
	return n;
}

/* Where a query parameter's violation is: "?name". */
static const char *
query_path(const char *name, char path[80])
{
	snprintf(path, 80, "?%s", name);
	return path;
}

int
bc_query_read(const char *query, const char *name, char *buf, size_t size,
    struct bc_violations *v)
{
	int n = query_count(query, name);
	char path[80];

	buf[0] = '\0';
	if (n == 0)
		return 0;
	query_path(name, path);
	if (n > 1) {
		bc_violations_add(v, 0, 0, path, "query", "%s is given %d times; give it once.",
		    name, n);
		return -1;
	}
	switch (bc_query_get(query, name, buf, size)) {
	case BC_QUERY_FOUND:
	case BC_QUERY_ABSENT:	/* "name" without "=": given, and empty */
		if (buf[0] != '\0')
			return 0;
		bc_violations_add(v, 0, 0, path, "query", "%s is given without a value; give "
		    "one, or leave %s out.", name, name);
		break;
	case BC_QUERY_NUL:
		bc_violations_add(v, 0, 0, path, "query", "%s contains %%00, a NUL character.",
		    name);
		break;
	case BC_QUERY_TOO_LONG:
		bc_violations_add(v, 0, 0, path, "query", "%s is longer than %zu characters.",
		    name, size - 1);
		break;
	}
	return -1;
}

void
bc_query_unit_code(const char *name, const char *code, const char *country,
    struct bc_violations *v)
{
	char path[80];

	if (code[0] == '\0' || bc_unit_kind_of_code(code) >= 0 ||
	    (country != NULL && strcmp(code, country) == 0))
		return;
	bc_violations_add(v, 0, 0, query_path(name, path), "query", "%s is a unit code: 2, 3 or 5 digits, or an "
	    "agency's like 000.00.30.H12%s.", name,
	    country != NULL ? ", or VN for the whole country" : "");
}

void
bc_response_init(struct bc_response *w)
{
	memset(w, 0, sizeof(*w));
	w->status = 200;
	w->content_type = "application/xml; charset=utf-8";
	w->log_outcome = "ok";
}

void
bc_response_free(struct bc_response *w)
{
	bc_buf_free(&w->headers);
	bc_buf_free(&w->body);
}

void
bc_response_header(struct bc_response *w, const char *name, const char *fmt, ...)
{
	va_list ap;

	bc_buf_printf(&w->headers, "%s: ", name);
	va_start(ap, fmt);
	bc_buf_vprintf(&w->headers, fmt, ap);
	va_end(ap);
	bc_buf_puts(&w->headers, "\r\n");
}

void
bc_response_error(struct bc_response *w, const struct bc_request *r, enum bc_err e,
    const char *message, const char *current, const struct bc_violations *v,
    long retry_after)
{
	const struct bc_err_info *info = bc_err_info(e);

	w->status = info->status;
	w->content_type = "application/xml; charset=utf-8";
	w->log_outcome = info->code;
	if (message == NULL && info->read != NULL && r->method != NULL &&
	    strcmp(r->method, "POST") != 0)
		message = info->read;
	bc_buf_reset(&w->body);
	bc_render_error(&w->body, e, r->request_id, message, current, v);
	if (w->status == 503)
		bc_response_header(w, "Retry-After", "%ld", retry_after);
	if (e == BC_E_MEDIA_TYPE)	/* RFC 9110 15.5.16: the content codings accepted */
		bc_response_header(w, "Accept-Encoding", "identity");
}

static const struct {
	int status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" }, { 201, "Created" }, { 400, "Bad Request" }, { 401, "Unauthorized" },
	{ 403, "Forbidden" }, { 404, "Not Found" }, { 405, "Method Not Allowed" },
	{ 409, "Conflict" }, { 413, "Content Too Large" }, { 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" }, { 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

static const char *
reason(int status)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

void
bc_response_send(struct bc_response *w, FCGX_Request *f)
{
	char head[512];
	int n;

	if (w->body.oom || w->headers.oom) {
		FCGX_PutS("Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain\r\n\r\nout of memory\n", f->out);
		return;
	}
	/* libfcgi's own printf knows no %zu; format here. */
	n = snprintf(head, sizeof(head), "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n", w->status, reason(w->status), w->content_type,
	    w->body.len);
	FCGX_PutStr(head, n, f->out);
	if (w->headers.len > 0)
		FCGX_PutStr(w->headers.data, (int)w->headers.len, f->out);
	FCGX_PutS("\r\n", f->out);
	if (w->body.len > 0)
		FCGX_PutStr(w->body.data, (int)w->body.len, f->out);
}
