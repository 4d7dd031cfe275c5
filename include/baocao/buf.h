/*
 * buf — a growable byte buffer, the one way this project builds text: request bodies,
 * XML answers, log lines. Growth failures are remembered in the buffer (oom) so callers
 * can append freely and check once, the way a FILE's error flag works.
 */
#ifndef BAOCAO_BUF_H
#define BAOCAO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct bc_buf {
	char *data;		/* NUL-terminated whenever len > 0 or data != NULL */
	size_t len;
	size_t cap;
	int oom;
};

void bc_buf_free(struct bc_buf *);
void bc_buf_reset(struct bc_buf *);
int bc_buf_reserve(struct bc_buf *, size_t extra);
void bc_buf_append(struct bc_buf *, const void *data, size_t len);
void bc_buf_puts(struct bc_buf *, const char *s);
void bc_buf_printf(struct bc_buf *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bc_buf_vprintf(struct bc_buf *, const char *fmt, va_list);
/* Append text escaped for XML character data and attribute values. */
void bc_buf_xml(struct bc_buf *, const char *s);
/* Append a JSON string literal, quotes included. */
void bc_buf_json(struct bc_buf *, const char *s);

#endif
