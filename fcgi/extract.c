/*
 * extract — the facts of a report, as its catalogue entry maps them: every element an
 * extraction's `select` finds is one fact of that kind, and each field is an XPath expression
 * evaluated from that element (prefix r: the report's namespace). Text is normalised to NFC
 * here, the one place document text enters the fact tables. The document has passed its
 * schema, so the values are of their declared forms.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>
#include <uninorm.h>

#include "baocao/ingest.h"

/* ASCII is its own NFC, and most fields are codes, numbers and dates: only other text goes
 * through libunistring. */
static int
is_ascii(const xmlChar *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 0x80)
			return 0;
	return 1;
}

static char *
nfc_dup(const xmlChar *s)
{
	size_t len = 0;
	uint8_t *r;
	char *out;

	if (is_ascii(s))
		return strdup((const char *)s);
	r = u8_normalize(UNINORM_NFC, s, strlen((const char *)s), NULL, &len);
	if (r == NULL)
		return strdup((const char *)s);
	if ((out = malloc(len + 1)) != NULL) {
		memcpy(out, r, len);
		out[len] = '\0';
	}
	free(r);
	return out;
}

/* The column's text of a value: without the white space xs: values may carry around them,
 * in NFC; s is freed. */
static char *
column_text(xmlChar *s)
{
	xmlChar *t = s;
	char *out;
	size_t n;

	while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
		t++;
	n = strlen((const char *)t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n' ||
	    t[n - 1] == '\r'))
		t[--n] = '\0';
	out = nfc_dup(t);
	xmlFree(s);
	return out;
}

/* @name as XPath selects it: the attribute of that name in no namespace; NULL when absent. */
static xmlChar *
attr_value(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return xmlNodeGetContent((xmlNodePtr)a);
	return NULL;
}

static xmlChar *
read_attr(xmlNodePtr n, const struct bc_extraction *x, size_t f)
{
	return attr_value(n, x->attrs[f]);
}

static xmlChar *
read_parent_attr(xmlNodePtr n, const struct bc_extraction *x, size_t f)
{
	return n->parent != NULL && n->parent->type == XML_ELEMENT_NODE ?
	    attr_value(n->parent, x->attrs[f]) : NULL;
}

/* . as a string: the text of the element and its descendants. */
static xmlChar *
read_text(xmlNodePtr n, const struct bc_extraction *x, size_t f)
{
	(void)x;
	(void)f;
	return xmlNodeGetContent(n);
}

/* @name = 'literal' as a boolean: the attribute is there and has exactly that value. */
static xmlChar *
read_attr_equals(xmlNodePtr n, const struct bc_extraction *x, size_t f)
{
	xmlChar *v = attr_value(n, x->attrs[f]);
	int equal = v != NULL && strcmp((const char *)v, x->literals[f]) == 0;

	xmlFree(v);
	return xmlStrdup((const xmlChar *)(equal ? "1" : "0"));
}

/* What a field of each form reads straight from the tree, and for which type of field: the
 * string forms for text fields, the comparison for booleans; anything else is evaluated. */
static const struct {
	xmlChar *(*read)(xmlNodePtr, const struct bc_extraction *, size_t);
	int boolean;
} read_path[BC_PATH__MAX] = {
	[BC_PATH_ATTR] = { read_attr, 0 },
	[BC_PATH_PARENT_ATTR] = { read_parent_attr, 0 },
	[BC_PATH_TEXT] = { read_text, 0 },
	[BC_PATH_ATTR_EQUALS] = { read_attr_equals, 1 },
};

/* A field's value: NULL when the expression yields nothing (an absent optional attribute). */
static int
eval_field(xmlXPathContextPtr ctx, const struct bc_extraction *x, size_t f,
    enum bc_field_type type, char **out)
{
	enum bc_field_path path = x->paths[f];
	xmlXPathObjectPtr o;
	xmlChar *s;
	int rc = 0;

	*out = NULL;
	if (read_path[path].read != NULL && read_path[path].boolean == (type == BC_FIELD_BOOLEAN)) {
		if ((s = read_path[path].read(ctx->node, x, f)) == NULL)
			return 0;
		*out = column_text(s);
		return *out == NULL ? -1 : 0;
	}
	if ((o = xmlXPathCompiledEval(x->fields[f], ctx)) == NULL)
		return -1;
	if (type == BC_FIELD_BOOLEAN) {
		*out = strdup(xmlXPathCastToBoolean(o) ? "1" : "0");
		rc = *out == NULL ? -1 : 0;
	} else if (o->type != XPATH_NODESET || !xmlXPathNodeSetIsEmpty(o->nodesetval)) {
		s = xmlXPathCastToString(o);
		if (s != NULL)
			*out = column_text(s);
		rc = *out == NULL ? -1 : 0;
	}
	xmlXPathFreeObject(o);
	return rc;
}

static enum bc_err
grow(struct bc_facts *f, size_t more)
{
	struct bc_fact *v = realloc(f->v, (f->n + more) * sizeof(*v));

	if (v == NULL)
		return BC_E_INTERNAL;
	f->v = v;
	return BC_OK;
}

static enum bc_err
extract_one(struct bc_report *r, xmlXPathContextPtr ctx, const struct bc_extraction *x)
{
	const struct bc_fact_kind_def *def = bc_fact_kind(x->kind);
	xmlXPathObjectPtr sel;
	xmlNodeSetPtr nodes;
	enum bc_err e = BC_OK;
	int i;
	size_t f;

	ctx->node = xmlDocGetRootElement(r->doc);
	if ((sel = xmlXPathCompiledEval(x->select, ctx)) == NULL)
		return BC_E_INTERNAL;
	nodes = sel->type == XPATH_NODESET ? sel->nodesetval : NULL;
	if (nodes != NULL && nodes->nodeNr > 0 && (e = grow(&r->facts, (size_t)nodes->nodeNr)) == BC_OK) {
		for (i = 0; i < nodes->nodeNr && e == BC_OK; i++) {
			struct bc_fact *fact = &r->facts.v[r->facts.n++];

			memset(fact, 0, sizeof(*fact));
			fact->kind = x->kind;
			fact->node = nodes->nodeTab[i];
			for (f = 0; f < def->nfields && e == BC_OK; f++) {
				if (x->fields[f] == NULL)
					continue;
				ctx->node = fact->node;
				if (eval_field(ctx, x, f, def->fields[f].type, &fact->fields[f]) != 0)
					e = BC_E_INTERNAL;
			}
		}
	}
	xmlXPathFreeObject(sel);
	return e;
}

enum bc_err
bc_ingest_extract(struct bc_report *r)
{
	xmlXPathContextPtr ctx = bc_ingest_xpath_context(r);
	enum bc_err e = BC_OK;
	size_t i;

	if (ctx == NULL)
		return BC_E_INTERNAL;
	for (i = 0; i < r->type->nextractions && e == BC_OK; i++)
		e = extract_one(r, ctx, &r->type->extractions[i]);
	return e;
}

void
bc_facts_free(struct bc_facts *f)
{
	size_t i, k;

	for (i = 0; i < f->n; i++)
		for (k = 0; k < BC_FACT_FIELDS_MAX; k++)
			free(f->v[i].fields[k]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
