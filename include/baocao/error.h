/*
 * error — the service's error codes, what each means over HTTP, and the list of violations
 * a refused document carries. Every module returns an enum bc_err; the mapping to a status
 * code and a stable machine-readable code lives in one table (error.c), so an answer never
 * depends on which module noticed the problem.
 */
#ifndef BAOCAO_ERROR_H
#define BAOCAO_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum bc_err {
	BC_OK = 0,
	BC_E_NOT_FOUND,		/* no such resource */
	BC_E_METHOD,		/* the resource exists, not with this method */
	BC_E_UNAUTHORIZED,	/* no or bad credentials */
	BC_E_FORBIDDEN,		/* the credential may not do this */
	BC_E_MEDIA_TYPE,	/* body is not application/xml */
	BC_E_TOO_LARGE,		/* body over max_body */
	BC_E_BAD_BODY,		/* body shorter than announced, or unreadable */
	BC_E_MALFORMED,		/* not well-formed XML, or a DTD */
	BC_E_INVALID,		/* schema or rule violations (the list says which) */
	BC_E_CONFLICT,		/* same DocumentId, other bytes */
	BC_E_STALE,		/* Supersedes names a revision that is no longer the newest */
	BC_E_DB,		/* the database cannot be reached or refused: retry later */
	BC_E_INTERNAL,		/* a bug or resource exhaustion */
	BC_E__MAX
};

struct bc_err_info {
	int status;		/* HTTP status */
	const char *code;	/* stable, in the error document's <Code> */
	const char *message;	/* default <Message>, for a person */
	const char *read;	/* the same said of a request that stores nothing (a GET), or
				 * NULL when message says it already */
};

const struct bc_err_info *bc_err_info(enum bc_err);

/* One thing wrong with a document: where, which rule, what. */
struct bc_violation {
	unsigned long line;	/* 0 when unknown */
	unsigned long column;	/* 0 when unknown */
	char *path;		/* "" when unknown */
	char *rule;		/* "xml", "xsd", or a rule name */
	char *message;
};

/* Bounded: a hostile document with a million errors costs at most BC_VIOLATIONS_MAX
 * entries; the rest are counted in dropped. */
#define BC_VIOLATIONS_MAX 200

struct bc_violations {
	struct bc_violation *v;
	size_t n;
	size_t dropped;
};

void bc_violations_add(struct bc_violations *, unsigned long line, unsigned long column,
    const char *path, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void bc_violations_vadd(struct bc_violations *, unsigned long line, unsigned long column,
    const char *path, const char *rule, const char *fmt, va_list)
	__attribute__((format(printf, 6, 0)));
void bc_violations_free(struct bc_violations *);

#endif
