/*
 * buf — growable byte buffers. Every answer the service writes is assembled in one of
 * these before it is sent, so a failure half-way never leaves half an answer on the wire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baocao/buf.h"

void
bc_buf_free(struct bc_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void
bc_buf_reset(struct bc_buf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
bc_buf_reserve(struct bc_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void
bc_buf_append(struct bc_buf *b, const void *data, size_t len)
{
	if (bc_buf_reserve(b, len) != 0)
		return;
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
bc_buf_puts(struct bc_buf *b, const char *s)
{
	bc_buf_append(b, s, strlen(s));
}

void
bc_buf_vprintf(struct bc_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || bc_buf_reserve(b, (size_t)n) != 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
bc_buf_printf(struct bc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
bc_buf_xml(struct bc_buf *b, const char *s)
{
	const char *run = s;

	/* Copy unescaped runs in one go; only the five special characters and the
	 * whitespace that attribute normalisation would eat need entities. */
	for (; *s != '\0'; s++) {
		const char *ent = NULL;

		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&apos;"; break;
		case '\n': ent = "&#10;"; break;
		case '\r': ent = "&#13;"; break;
		case '\t': ent = "&#9;"; break;
		default: continue;
		}
		bc_buf_append(b, run, (size_t)(s - run));
		bc_buf_puts(b, ent);
		run = s + 1;
	}
	bc_buf_append(b, run, (size_t)(s - run));
}

/* Append a JSON string literal (RFC 8259): the text is UTF-8 already (libxml2 hands out
 * nothing else), so only the quote, the backslash and control characters are escaped. */
void
bc_buf_json(struct bc_buf *b, const char *s)
{
	const char *run = s;

	bc_buf_append(b, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		bc_buf_append(b, run, (size_t)(s - run));
		if (c == '"' || c == '\\')
			bc_buf_printf(b, "\\%c", c);
		else
			bc_buf_printf(b, "\\u%04x", c);
		run = s + 1;
	}
	bc_buf_append(b, run, (size_t)(s - run));
	bc_buf_append(b, "\"", 1);
}
