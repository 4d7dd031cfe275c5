/*
 * ingest — parse and validate a submitted document.
 *
 * Valid documents, the common case, cost one parse and one validation of the tree with the
 * schema compiled at start. Only a document that fails validation is validated a second
 * time, streaming over its bytes: libxml2 knows the column of an error only while it is
 * parsing, and a SAX handler alongside the validator keeps the element path, so every
 * violation comes with line, column and path at no cost to the documents that pass.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpathInternals.h>

#include "baocao/buf.h"
#include "baocao/digest.h"
#include "baocao/ingest.h"
#include "baocao/xml.h"

/* The catalogue and the schema of the service's own input document (ad hoc requests),
 * loaded once before the workers fork; validation contexts per process, lazily. */
static struct bc_catalogue *catalogue;
static struct bc_report_type request_type = {
	.name = "AdHocRequest", .ns = "urn:baocao:request:1", .xsd = "request-1.xsd",
};
static xmlSchemaValidCtxtPtr *valid_ctxts;	/* one per catalogue type, then the request's */
/* One XPath context, pointed at each report in turn: a new one registers libxml2's XPath
 * functions in a hash table, 3% of a filing's instructions when made twice per filing. */
static xmlXPathContextPtr xpath_ctxt;

/* Libxml2 reports errors through callbacks; while one document is parsed they land here. */
struct collect {
	struct bc_violations *v;
	const char *rule;
	int doctype_seen;
	unsigned long doctype_line, doctype_column;
};

static xmlParserInputPtr
refuse_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

const struct bc_catalogue *
bc_ingest_catalogue(void)
{
	return catalogue;
}

static size_t
type_index(const struct bc_report_type *t)
{
	return t == &request_type ? catalogue->ntypes : (size_t)(t - catalogue->types);
}

int
bc_ingest_init(const char *schema_dir, char *err, size_t errsize)
{
	xmlSchemaParserCtxtPtr pctxt;
	char path[1024];

	xmlInitParser();
	if (bc_catalogue_load(&catalogue, schema_dir, err, errsize) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", schema_dir, request_type.xsd);
	if ((pctxt = xmlSchemaNewParserCtxt(path)) != NULL) {
		request_type.schema = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
	}
	if (request_type.schema == NULL) {
		snprintf(err, errsize, "%s: the schema does not compile", path);
		return -1;
	}
	/* Schemas are in; from now on no document may make libxml2 load anything. */
	xmlSetExternalEntityLoader(refuse_entity_loader);
	return 0;
}

void
bc_ingest_shutdown(void)
{
	size_t i;

	for (i = 0; valid_ctxts != NULL && catalogue != NULL && i <= catalogue->ntypes; i++)
		if (valid_ctxts[i] != NULL)
			xmlSchemaFreeValidCtxt(valid_ctxts[i]);
	free(valid_ctxts);
	valid_ctxts = NULL;
	if (xpath_ctxt != NULL)
		xmlXPathFreeContext(xpath_ctxt);
	xpath_ctxt = NULL;
	bc_catalogue_free(catalogue);
	catalogue = NULL;
	if (request_type.schema != NULL)
		xmlSchemaFree(request_type.schema);
	request_type.schema = NULL;
	xmlCleanupParser();
}

void
bc_report_free(struct bc_report *r)
{
	bc_facts_free(&r->facts);
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	memset(r, 0, sizeof(*r));
}

/* libxml2's messages end in a newline and sometimes carry the schema's namespace in
 * braces; the newline goes, the rest is kept verbatim. */
static void
add_libxml_error(struct collect *c, const xmlError *e, unsigned long line,
    unsigned long column, const char *path)
{
	const char *msg = e->message != NULL ? e->message : "error";
	size_t n = strlen(msg);

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	bc_violations_add(c->v, line, column, path, c->rule, "%.*s", (int)n, msg);
}

static void
collect_parse_error(void *ctx, xmlErrorPtr e)
{
	struct collect *c = ctx;

	if (e->level < XML_ERR_ERROR)
		return;
	add_libxml_error(c, e, (unsigned long)e->line, (unsigned long)e->int2, "");
}

/* A DTD is where entity bombs and external loads live; a report never needs one. The
 * parser is stopped at the DOCTYPE, before its internal subset is read. */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr pctxt = ctx;
	struct collect *c = pctxt->_private;

	(void)name;
	(void)public_id;
	(void)system_id;
	c->doctype_seen = 1;
	c->doctype_line = (unsigned long)xmlSAX2GetLineNumber(ctx);
	c->doctype_column = (unsigned long)xmlSAX2GetColumnNumber(ctx);
	xmlStopParser(pctxt);
}

/* libxml2 2.9's checks for duplicate attributes and namespaces are quadratic: a start tag
 * with 60,000 attributes costs seconds, a megabyte of them minutes. Reports have a handful per
 * element, so a linear scan refuses the rest before the parser sees them. */
#define ATTRIBUTES_PER_ELEMENT_MAX 256
#define NAMESPACES_PER_DOCUMENT_MAX 256

enum scan_state { SCAN_TEXT, SCAN_TAG, SCAN_QUOTE, SCAN_SKIP };

static int
starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* The first occurrence of s at or after p, or NULL. */
static const char *
find(const char *p, const char *end, const char *s)
{
	while (p < end && (p = memchr(p, s[0], (size_t)(end - p))) != NULL) {
		if (starts(p, end, s))
			return p;
		p++;
	}
	return NULL;
}

/* line and column moved on over [p, to): a newline starts a line, a UTF-8 sequence is one
 * character, as the error document counts them. */
static void
advance(const char *p, const char *to, unsigned long *line, unsigned long *column)
{
	for (; p < to; p++)
		if (*p == '\n') {
			(*line)++;
			*column = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80)
			(*column)++;
}

/* The start of text, past a byte-order mark: it is no character of line 1. */
static const char *
first_character(const char *text, const char *end)
{
	return end - text >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text;
}

/* Where p is in text: the line from 1, the column in characters from 1. */
static void
position(const char *text, const char *p, unsigned long *line, unsigned long *column)
{
	*line = 1;
	*column = 1;
	advance(first_character(text, p), p, line, column);
}

/* NULL, or where a start tag has too many attributes or the document too many namespace
 * declarations. The text must be ASCII-compatible (UTF-8, TCVN3, CP1258, …). */
static const char *
count_attributes(const char *p, const char *end)
{
	enum scan_state state = SCAN_TEXT;
	const char *until = NULL, *name = NULL;
	unsigned attrs = 0, namespaces = 0;
	char quote[2] = "";

	while (p < end) {
		switch (state) {
		case SCAN_TEXT:
			if ((p = memchr(p, '<', (size_t)(end - p))) == NULL)
				return NULL;
			until = starts(p, end, "<!--") ? "-->" : starts(p, end, "<![CDATA[") ? "]]>" :
			    starts(p, end, "<?") ? "?>" : (p + 1 < end && (p[1] == '!' || p[1] == '/')) ?
			    ">" : NULL;
			state = until != NULL ? SCAN_SKIP : SCAN_TAG;
			attrs = 0;
			name = NULL;
			p++;
			break;
		case SCAN_TAG:
			if (*p == '"' || *p == '\'') {
				quote[0] = *p;
				state = SCAN_QUOTE;
			} else if (*p == '>')
				state = SCAN_TEXT;
			else if (*p == '=') {
				if (++attrs > ATTRIBUTES_PER_ELEMENT_MAX)
					return p;
				if (name != NULL && (size_t)(end - name) >= 5 && memcmp(name, "xmlns", 5) == 0 &&
				    ++namespaces > NAMESPACES_PER_DOCUMENT_MAX)
					return p;
				name = NULL;
			} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				name = NULL;
			else if (name == NULL)
				name = p;
			p++;
			break;
		case SCAN_QUOTE:
			if ((p = find(p, end, quote)) == NULL)
				return NULL;
			state = SCAN_TAG;
			p++;
			break;
		case SCAN_SKIP:
			if ((p = find(p, end, until)) == NULL)
				return NULL;
			p += strlen(until);
			state = SCAN_TEXT;
			break;
		}
	}
	return NULL;
}

/* UTF-16 and UTF-32 documents are scanned as UTF-8: the encoding from the byte-order mark or
 * the first characters, as XML 1.0 Appendix F detects it. */
static const char *
wide_encoding(const unsigned char *b, size_t len)
{
	if (len >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xfe && b[3] == 0xff) ||
	    (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<')))
		return "UTF-32BE";
	if (len >= 4 && ((b[0] == 0xff && b[1] == 0xfe && b[2] == 0 && b[3] == 0) ||
	    (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0)))
		return "UTF-32LE";
	if (len >= 2 && ((b[0] == 0xfe && b[1] == 0xff) || (b[0] == 0 && b[1] == '<')))
		return "UTF-16BE";
	if (len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == '<' && b[1] == 0)))
		return "UTF-16LE";
	return NULL;
}

/* text converted from enc to UTF-8 (NUL-terminated, *outlen bytes), or NULL. iconv stops at
 * the first byte that does not decode: the text up to it is converted, the parser judges the
 * rest. The buffer grows while iconv asks for room (a byte of some encodings is a dozen of
 * UTF-8), and the end is flushed: windows-1258 holds a letter back for a tone mark. */
static char *
to_utf8(const char *enc, const char *text, size_t len, size_t *outlen)
{
	char *utf8 = NULL, *grown, *in = (char *)text, *out;
	size_t inleft = len, size = len * 3 + 16, used = 0, outleft;
	iconv_t cd;
	size_t rc;

	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return NULL;
	for (;;) {
		if ((grown = realloc(utf8, size + 1)) == NULL) {
			free(utf8);
			utf8 = NULL;
			goto cleanup;
		}
		utf8 = grown;
		out = utf8 + used;
		outleft = size - used;
		rc = iconv(cd, &in, &inleft, &out, &outleft);
		if (rc != (size_t)-1 || errno != E2BIG)
			rc = iconv(cd, NULL, NULL, &out, &outleft);
		used = (size_t)(out - utf8);
		if (rc != (size_t)-1 || errno != E2BIG)
			break;
		size *= 2;
	}
	utf8[used] = '\0';
	*outlen = used;
cleanup:
	iconv_close(cd);
	return utf8;
}

/* The body as UTF-8: a decoded copy (in *copy, to be freed) when it is UTF-16 or UTF-32, or
 * declared (declared may be NULL) in an encoding other than UTF-8; else the body itself. */
static const char *
as_utf8(const char *body, size_t len, const char *declared, size_t *n, char **copy)
{
	const char *enc = wide_encoding((const unsigned char *)body, len);

	if (enc == NULL && declared != NULL && strcasecmp(declared, "UTF-8") != 0)
		enc = declared;
	*copy = enc != NULL ? to_utf8(enc, body, len, n) : NULL;
	if (*copy != NULL)
		return *copy;
	*n = len;
	return body;
}

/* The encoding an ASCII-compatible document's XML declaration names, into buf; "" for none
 * (UTF-8). Only for a document refused before it is parsed, to count its columns. */
static void
declared_encoding(const char *text, size_t len, char *buf, size_t size)
{
	const char *end = text + (len < 256 ? len : 256), *p, *close;
	size_t n;

	buf[0] = '\0';
	text = first_character(text, end);
	if (!starts(text, end, "<?xml") || (close = find(text, end, "?>")) == NULL ||
	    (p = find(text, close, "encoding")) == NULL)
		return;
	for (p += strlen("encoding"); p < close && strchr(" \t\r\n=", *p) != NULL; p++)
		;
	if (p >= close || (*p != '"' && *p != '\''))
		return;
	n = strcspn(p + 1, *p == '"' ? "\"?" : "'?");
	if (n < size && p + 1 + n < close)
		snprintf(buf, size, "%.*s", (int)n, p + 1);
}

/* Whether enc writes "<?xml" as ASCII does: a declaration of UTF-16 in an ASCII body is no
 * guide to its characters. */
static int
ascii_compatible(const char *enc)
{
	size_t n;
	char *probe = to_utf8(enc, "<?xml", 5, &n);
	int same = probe != NULL && n == 5 && memcmp(probe, "<?xml", 5) == 0;

	free(probe);
	return same;
}

/* Where p is in a document before it is parsed: lines counted in its bytes (ASCII-compatible,
 * or decoded already), characters in the encoding it declares unless decoded. */
static void
place_in_body(const char *text, size_t len, int decoded, const char *p, unsigned long *line,
    unsigned long *column)
{
	const char *start = p;
	char enc[64], *utf8;
	size_t n;

	position(text, p, line, column);
	if (decoded)
		return;
	declared_encoding(text, len, enc, sizeof(enc));
	if (enc[0] == '\0' || strcasecmp(enc, "UTF-8") == 0 || !ascii_compatible(enc))
		return;
	while (start > text && start[-1] != '\n')
		start--;
	if ((utf8 = to_utf8(enc, start, (size_t)(p - start), &n)) == NULL)
		return;
	*column = 1;
	advance(utf8, utf8 + n, line, column);	/* no newline in it: the line stays */
	free(utf8);
}

/* What libxml2 does not refuse, or not in time: a NUL character (XML has none; libxml2 takes
 * one after the root element for the end of the input, and the bytes after it would be
 * stored), and start tags it would spend seconds on. */
static enum bc_err
prescan(const char *body, size_t len, struct bc_violations *v)
{
	const char *text, *at;
	char *utf8;
	unsigned long line, column;
	size_t n;
	enum bc_err e = BC_OK;

	text = as_utf8(body, len, NULL, &n, &utf8);	/* the declaration is not read yet */
	if ((at = memchr(text, '\0', n)) != NULL) {
		place_in_body(text, n, utf8 != NULL, at, &line, &column);
		bc_violations_add(v, line, column, "", "xml", "The document contains a NUL "
		    "character, which XML does not allow anywhere.");
		e = BC_E_MALFORMED;
	} else if ((at = count_attributes(text, text + n)) != NULL) {
		place_in_body(text, n, utf8 != NULL, at, &line, &column);
		bc_violations_add(v, line, column, "", "xml", "An element has more than %d "
		    "attributes, or the document more than %d namespace declarations; reports need "
		    "a handful.", ATTRIBUTES_PER_ELEMENT_MAX, NAMESPACES_PER_DOCUMENT_MAX);
		e = BC_E_MALFORMED;
	}
	free(utf8);
	return e;
}

static enum bc_err
parse_tree(xmlDocPtr *out, const char *body, size_t len, struct bc_violations *v)
{
	struct collect c = { v, "xml", 0, 0, 0 };
	xmlParserCtxtPtr pctxt;
	xmlDocPtr doc;

	*out = NULL;
	if (len > (size_t)INT_MAX)
		return BC_E_TOO_LARGE;
	if (len == 0) {	/* libxml2 gives up on no input without saying why */
		bc_violations_add(v, 1, 1, "", "xml", "The body is empty: send the report's XML "
		    "document.");
		return BC_E_MALFORMED;
	}
	if (prescan(body, len, v) != BC_OK)
		return BC_E_MALFORMED;
	if ((pctxt = xmlNewParserCtxt()) == NULL)
		return BC_E_INTERNAL;
	pctxt->_private = &c;
	pctxt->sax->internalSubset = refuse_doctype;
	xmlSetStructuredErrorFunc(&c, collect_parse_error);
	doc = xmlCtxtReadMemory(pctxt, body, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (c.doctype_seen) {
		bc_violations_free(v);
		bc_violations_add(v, c.doctype_line, c.doctype_column, "", "dtd",
		    "A document type declaration (<!DOCTYPE …>) is not accepted: "
		    "reports carry no DTD and no entities.");
	}
	if (doc == NULL || !pctxt->wellFormed || c.doctype_seen) {
		if (v->n == 0)
			bc_violations_add(v, 0, 0, "", "xml", "The document could not be parsed.");
		if (doc != NULL)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(pctxt);
		return BC_E_MALFORMED;
	}
	xmlFreeParserCtxt(pctxt);
	*out = doc;
	return BC_OK;
}

/* --- the second, streaming validation that locates every error --- */

struct step {
	const xmlChar *name;	/* from the parser's dictionary, valid during the parse */
	unsigned index;		/* position among same-named siblings, from 1 */
	struct child_count *children;
	size_t nchildren;
};

struct child_count {
	const xmlChar *name;
	unsigned count;
};

struct tracker {
	struct collect c;
	struct step stack[300];	/* the parser refuses depth over 256 */
	int depth;
	int pop_pending;	/* the validator reports an end tag's errors after we saw it */
};

static void
tracker_pop(struct tracker *t)
{
	if (t->depth > 0) {
		t->depth--;
		free(t->stack[t->depth].children);
	}
	t->pop_pending = 0;
}

static unsigned
count_child(struct step *parent, const xmlChar *name)
{
	struct child_count *grown;
	size_t i;

	for (i = 0; i < parent->nchildren; i++)
		if (xmlStrEqual(parent->children[i].name, name))
			return ++parent->children[i].count;
	grown = realloc(parent->children, (parent->nchildren + 1) * sizeof(*grown));
	if (grown == NULL)
		return 0;
	parent->children = grown;
	parent->children[parent->nchildren].name = name;
	parent->children[parent->nchildren].count = 1;
	parent->nchildren++;
	return 1;
}

static void
track_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct tracker *t = ctx;
	struct step *s;

	(void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
	(void)nb_attributes; (void)nb_defaulted; (void)attributes;
	if (t->pop_pending)
		tracker_pop(t);
	if (t->depth >= (int)(sizeof(t->stack) / sizeof(t->stack[0])))
		return;
	s = &t->stack[t->depth];
	s->name = localname;
	s->index = t->depth > 0 ? count_child(&t->stack[t->depth - 1], localname) : 1;
	s->children = NULL;
	s->nchildren = 0;
	t->depth++;
}

static void
track_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct tracker *t = ctx;

	(void)localname; (void)prefix; (void)uri;
	if (t->pop_pending)
		tracker_pop(t);
	t->pop_pending = 1;
}

static void
tracker_path(const struct tracker *t, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < t->depth && n < size; i++) {
		int w = i == 0
		    ? snprintf(buf + n, size - n, "/%s", (const char *)t->stack[i].name)
		    : snprintf(buf + n, size - n, "/%s[%u]", (const char *)t->stack[i].name,
			t->stack[i].index);
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/* libxml2 names a refused attribute only in its message, right after the element's name
 * ("Element '{ns}Criterion', attribute 'number': …"): the path then goes on to the
 * attribute, as error-1.xsd's example has it. Only there: the rest of the message quotes the
 * document's own text, which may say anything. Names hold no quote, values may. */
static void
append_attribute(char *path, size_t size, const char *message)
{
	static const char element[] = "Element '", mark[] = "', attribute '";
	const char *a, *end, *ns;
	size_t n = strlen(path);

	if (message == NULL || strncmp(message, element, strlen(element)) != 0 ||
	    (a = strchr(message + strlen(element), '\'')) == NULL ||
	    strncmp(a, mark, strlen(mark)) != 0 ||
	    (end = strchr(a += strlen(mark), '\'')) == NULL)
		return;
	if (*a == '{' && (ns = memchr(a, '}', (size_t)(end - a))) != NULL)
		a = ns + 1;	/* {namespace}name */
	if (n < size)
		snprintf(path + n, size - n, "/@%.*s", (int)(end - a), a);
}

static void
collect_stream_error(void *ctx, xmlErrorPtr e)
{
	struct tracker *t = ctx;
	char path[1024];

	/* In streaming mode libxml2 follows a bad attribute value with a second, internal
	 * "no precomputed value" message about the same value; the first one says it all. */
	if (e->level < XML_ERR_ERROR ||
	    (e->message != NULL && strstr(e->message, "No precomputed value") != NULL))
		return;
	tracker_path(t, path, sizeof(path));
	append_attribute(path, sizeof(path), e->message);
	add_libxml_error(&t->c, e, (unsigned long)e->line, (unsigned long)e->int2, path);
}

static void
locate_violations(xmlSchemaValidCtxtPtr vctxt, const char *body, size_t len,
    struct bc_violations *v)
{
	struct tracker *t;
	xmlSAXHandler sax;
	xmlParserInputBufferPtr input;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return;
	t->c.v = v;
	t->c.rule = "xsd";
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = track_start;
	sax.endElementNs = track_end;
	input = xmlParserInputBufferCreateMem(body, (int)len, XML_CHAR_ENCODING_NONE);
	if (input != NULL) {
		xmlSchemaSetValidStructuredErrors(vctxt, collect_stream_error, t);
		/* takes ownership of input */
		xmlSchemaValidateStream(vctxt, input, XML_CHAR_ENCODING_NONE, &sax, t);
		/* The stream's parser context is gone, but libxml2 leaves the reused validation
		 * context pointing at it (and at our tracker): forget both before the next use. */
		xmlSchemaValidateSetLocator(vctxt, NULL, NULL);
		xmlSchemaSetValidStructuredErrors(vctxt, NULL, NULL);
	}
	while (t->depth > 0)
		tracker_pop(t);
	free(t);
}

static void
ignore_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static enum bc_err
validate(const struct bc_report *r, struct bc_violations *v)
{
	size_t i = type_index(r->type);
	int rc;

	if (valid_ctxts == NULL &&
	    (valid_ctxts = calloc(catalogue->ntypes + 1, sizeof(*valid_ctxts))) == NULL)
		return BC_E_INTERNAL;
	if (valid_ctxts[i] == NULL &&
	    (valid_ctxts[i] = xmlSchemaNewValidCtxt(r->type->schema)) == NULL)
		return BC_E_INTERNAL;
	xmlSchemaSetValidStructuredErrors(valid_ctxts[i], ignore_error, NULL);
	rc = xmlSchemaValidateDoc(valid_ctxts[i], r->doc);
	if (rc == 0)
		return BC_OK;
	if (rc < 0)
		return BC_E_INTERNAL;
	locate_violations(valid_ctxts[i], r->body, r->body_len, v);
	if (v->n == 0)
		bc_violations_add(v, 0, 0, "", "xsd",
		    "The document does not match its schema (%s).", r->type->xsd);
	return BC_E_INVALID;
}

static enum bc_err
pick_type(struct bc_report *r, struct bc_violations *v)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc);
	const char *ns = root->ns != NULL ? (const char *)root->ns->href : "";
	struct bc_buf known = { 0 };
	size_t i;

	if ((r->type = bc_catalogue_type(catalogue, ns, (const char *)root->name)) != NULL)
		return BC_OK;
	/* the sender learns what is accepted from the answer itself */
	for (i = 0; i < catalogue->ntypes; i++)
		bc_buf_printf(&known, "%s%s in %s (/api/v1/schemas/%s)", i > 0 ? ", " : "",
		    catalogue->types[i].name, catalogue->types[i].ns, catalogue->types[i].xsd);
	bc_ingest_violation(r, root, "", "report-type", v,
	    "No report type has root element %s in namespace \"%s\". Accepted: %s.",
	    (const char *)root->name, ns, known.data != NULL ? known.data : "none");
	bc_buf_free(&known);
	return BC_E_INVALID;
}

xmlXPathContextPtr
bc_ingest_xpath_context(const struct bc_report *r)
{
	if (xpath_ctxt == NULL && (xpath_ctxt = xmlXPathNewContext(r->doc)) == NULL)
		return NULL;
	xpath_ctxt->doc = r->doc;
	xpath_ctxt->node = xmlDocGetRootElement(r->doc);
	if (xmlXPathRegisterNs(xpath_ctxt, (const xmlChar *)"r", (const xmlChar *)r->type->ns) != 0)
		return NULL;
	return xpath_ctxt;
}

enum bc_err
bc_ingest_parse(struct bc_report *r, const char *body, size_t len, struct bc_violations *v)
{
	enum bc_err e;

	memset(r, 0, sizeof(*r));
	r->body = body;
	r->body_len = len;
	if ((e = parse_tree(&r->doc, body, len, v)) != BC_OK)
		return e;
	if ((e = pick_type(r, v)) != BC_OK)
		return e;
	if ((e = validate(r, v)) != BC_OK)
		return e;
	if ((e = bc_header_read(r, v)) != BC_OK)
		return e;
	r->kind = (enum bc_unit_kind)bc_unit_kind_of_code(r->header.unit_code);
	if (bc_sha256_hex(body, len, r->sha256) != 0)
		return BC_E_INTERNAL;
	return BC_OK;
}

enum bc_err
bc_ingest_request(struct bc_report *r, const char *body, size_t len, struct bc_violations *v)
{
	xmlNodePtr root;
	enum bc_err e;

	memset(r, 0, sizeof(*r));
	r->body = body;
	r->body_len = len;
	r->type = &request_type;
	if ((e = parse_tree(&r->doc, body, len, v)) != BC_OK)
		return e;
	root = xmlDocGetRootElement(r->doc);
	if (root->ns == NULL || strcmp((const char *)root->ns->href, r->type->ns) != 0 ||
	    strcmp((const char *)root->name, r->type->name) != 0) {
		bc_violations_add(v, (unsigned long)xmlGetLineNo(root), 0, "/", "report-type",
		    "Expected an %s in namespace \"%s\".", r->type->name, r->type->ns);
		return BC_E_INVALID;
	}
	return validate(r, v);
}

/* The next start tag's '<' at or after p, past comments, CDATA sections, processing
 * instructions and end tags; NULL when none is left. */
static const char *
next_start_tag(const char *p, const char *end)
{
	const char *until;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		until = starts(p, end, "<!--") ? "-->" : starts(p, end, "<![CDATA[") ? "]]>" :
		    starts(p, end, "<?") ? "?>" : (p + 1 < end && (p[1] == '/' || p[1] == '!')) ?
		    ">" : NULL;
		if (until == NULL)
			return p;
		if ((p = find(p, end, until)) == NULL)
			return NULL;
		p += strlen(until);
	}
	return NULL;
}

/* Past the '>' of the start tag at p: a '>' in a quoted value is no end of it. */
static const char *
past_start_tag(const char *p, const char *end)
{
	char quote = 0;

	for (p++; p < end; p++)
		if (quote != 0)
			quote = *p == quote ? 0 : quote;
		else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '>')
			return p + 1;
	return end;
}

/* The next element after n in document order, or NULL. */
static xmlNodePtr
next_in_order(xmlNodePtr n)
{
	if (n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n->next == NULL)
		n = n->parent;
	return n != NULL ? n->next : NULL;
}

/* libxml2 keeps an element's line (where its start tag ends) and no column. Only for a
 * document refused, each element's _private gets the line and column of its '<', packed as
 * line << 32 | column: the well-formed text has its start tags in the order of the elements,
 * so one pass over the characters (as libxml2 decoded them) and the tree places them all,
 * however many share a line and whatever the encoding. */
_Static_assert(sizeof(uintptr_t) >= 8, "a line and a column fit in a pointer");

static void
place_start_tags(const struct bc_report *r)
{
	const char *text, *end, *p, *lt;
	unsigned long line = 1, column = 1;
	char *utf8;
	size_t len;
	xmlNodePtr n;

	text = as_utf8(r->body, r->body_len, (const char *)r->doc->encoding, &len, &utf8);
	end = text + len;
	p = first_character(text, end);
	for (n = xmlDocGetRootElement(r->doc); n != NULL; n = next_in_order(n)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((lt = next_start_tag(p, end)) == NULL)
			break;
		advance(p, lt, &line, &column);
		n->_private = (void *)(uintptr_t)((uint64_t)line << 32 | column);
		p = past_start_tag(lt, end);
		advance(lt, p, &line, &column);
	}
	free(utf8);
}

void
bc_ingest_locate(const struct bc_report *r, xmlNodePtr node, unsigned long *line,
    unsigned long *column)
{
	xmlNodePtr root = xmlDocGetRootElement(node->doc);
	uintptr_t at;

	if (root != NULL && root->_private == NULL && r->doc == node->doc && r->body != NULL)
		place_start_tags(r);
	at = (uintptr_t)node->_private;
	*line = at != 0 ? (unsigned long)(at >> 32) : (unsigned long)xmlGetLineNo(node);
	*column = at != 0 ? (unsigned long)(at & 0xffffffffu) : 0;
}

void
bc_ingest_violation(const struct bc_report *r, xmlNodePtr node, const char *suffix,
    const char *rule, struct bc_violations *v, const char *fmt, ...)
{
	unsigned long line = 0, column = 0;
	char path[1100] = "";
	va_list ap;

	/* past the listed ones it is only counted (by bc_violations_vadd): not worth locating */
	if (node != NULL && v->n < BC_VIOLATIONS_MAX) {
		bc_ingest_locate(r, node, &line, &column);
		bc_xml_path(node, path, sizeof(path) - 64);
		strncat(path, suffix, 63);
	}
	va_start(ap, fmt);
	bc_violations_vadd(v, line, column, path, rule, fmt, ap);
	va_end(ap);
}
