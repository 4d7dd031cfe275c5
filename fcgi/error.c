/*
 * error — one table from error code to HTTP status and stable code, and the bounded list
 * of violations a refused document carries. Handlers never pick a status themselves.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/error.h"

static const struct bc_err_info errs[BC_E__MAX] = {
	[BC_OK] = { 200, "ok", "OK." },
	[BC_E_NOT_FOUND] = { 404, "not-found", "There is no such resource." },
	[BC_E_METHOD] = { 405, "method-not-allowed",
	    "The resource does not answer this method." },
	[BC_E_UNAUTHORIZED] = { 401, "unauthorized",
	    "Credentials are missing or not valid." },
	[BC_E_FORBIDDEN] = { 403, "forbidden",
	    "These credentials may not do this." },
	[BC_E_MEDIA_TYPE] = { 415, "unsupported-media-type",
	    "Reports are sent as application/xml (or text/xml)." },
	[BC_E_TOO_LARGE] = { 413, "too-large",
	    "The request body is larger than the limit of this service." },
	[BC_E_BAD_BODY] = { 400, "bad-request",
	    "The request body could not be read completely." },
	[BC_E_MALFORMED] = { 400, "not-well-formed",
	    "The document is not well-formed XML." },
	[BC_E_INVALID] = { 422, "invalid",
	    "The document breaks the rules listed below; nothing was stored.",
	    "The request breaks the rules listed below." },
	[BC_E_CONFLICT] = { 409, "conflict",
	    "A different document was already filed with this DocumentId." },
	[BC_E_STALE] = { 409, "stale-supersedes",
	    "Supersedes names a revision that is no longer the newest; "
	    "the current one is named in Current." },
	[BC_E_DB] = { 503, "service-unavailable",
	    "The database is not available; nothing was stored. Retry later.",
	    "The database is not available. Retry later." },
	[BC_E_INTERNAL] = { 500, "internal",
	    "An internal error occurred; nothing was stored.",
	    "An internal error occurred." },
};

const struct bc_err_info *
bc_err_info(enum bc_err e)
{
	if ((unsigned)e >= BC_E__MAX)
		e = BC_E_INTERNAL;
	return &errs[e];
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s != NULL ? s : "");
}

/* A message cut to its buffer must not end inside a UTF-8 sequence: the error document
 * that carries it would not be well-formed. */
static void
clip_utf8(char *s)
{
	size_t n = strlen(s), lead = n, need;
	unsigned char c;

	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)s[lead - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (n - (lead - 1) < need)
		s[lead - 1] = '\0';
}

/* libxml2 quotes the bytes it could not decode: every byte that is not well-formed UTF-8,
 * and every character XML 1.0 forbids, becomes '?', so the error document stays XML. */
static void
xml_safe(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p != '\0') {
		unsigned c = *p, cp, need, i;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				*p = '?';
			p++;
			continue;
		}
		need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : 0;
		cp = need == 3 ? c & 0x07 : need == 2 ? c & 0x0f : c & 0x1f;
		for (i = 1; need > 0 && i <= need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				break;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if (need == 0 || i <= need || (need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
		    (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp == 0xfffe || cp == 0xffff) {
			*p++ = '?';
			continue;
		}
		p += need + 1;
	}
}

void
bc_violations_add(struct bc_violations *vs, unsigned long line, unsigned long column,
    const char *path, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bc_violations_vadd(vs, line, column, path, rule, fmt, ap);
	va_end(ap);
}

void
bc_violations_vadd(struct bc_violations *vs, unsigned long line, unsigned long column,
    const char *path, const char *rule, const char *fmt, va_list ap)
{
	struct bc_violation *v, *grown;
	char msg[1024];

	if (vs->n >= BC_VIOLATIONS_MAX) {
		vs->dropped++;
		return;
	}
	if ((grown = realloc(vs->v, (vs->n + 1) * sizeof(*vs->v))) == NULL) {
		vs->dropped++;
		return;
	}
	vs->v = grown;
	if (vsnprintf(msg, sizeof(msg), fmt, ap) >= (int)sizeof(msg))
		clip_utf8(msg);
	xml_safe(msg);
	v = &vs->v[vs->n];
	v->line = line;
	v->column = column;
	v->path = dup_or_empty(path);
	v->rule = dup_or_empty(rule);
	v->message = strdup(msg);
	if (v->path == NULL || v->rule == NULL || v->message == NULL) {
		free(v->path);
		free(v->rule);
		free(v->message);
		vs->dropped++;
		return;
	}
	vs->n++;
}

void
bc_violations_free(struct bc_violations *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		free(vs->v[i].path);
		free(vs->v[i].rule);
		free(vs->v[i].message);
	}
	free(vs->v);
	memset(vs, 0, sizeof(*vs));
}
