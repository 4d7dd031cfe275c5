/*
 * catalogue — reads schemas/catalogue.xml into struct bc_catalogue: validates it against
 * catalogue-1.xsd, compiles every report type's XSD and every XPath expression, and checks
 * what a schema cannot (fields a fact kind requires, known criteria). Any mistake stops the
 * service at start with the file and line, never at the first report that needs it.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "baocao/catalogue.h"
#include "baocao/xml.h"

#define CATALOGUE_NS "urn:baocao:catalogue:1"

static const struct bc_fact_kind_def kinds[BC_FACT__MAX] = {
	[BC_FACT_CRITERION] = { "criterion", 4, {
	    { "commune", BC_FIELD_STRING, 1 }, { "number", BC_FIELD_STRING, 1 },
	    { "met", BC_FIELD_BOOLEAN, 1 }, { "since", BC_FIELD_STRING, 0 } } },
	[BC_FACT_RECOGNITION] = { "recognition", 4, {
	    { "commune", BC_FIELD_STRING, 1 }, { "decision", BC_FIELD_STRING, 1 },
	    { "date", BC_FIELD_STRING, 1 }, { "tier", BC_FIELD_STRING, 1 } } },
	[BC_FACT_AMOUNT] = { "amount", 2, {
	    { "source", BC_FIELD_STRING, 1 }, { "amount", BC_FIELD_STRING, 1 } } },
	[BC_FACT_INDICATOR] = { "indicator", 3, {
	    { "code", BC_FIELD_STRING, 1 }, { "value", BC_FIELD_STRING, 1 },
	    { "unit", BC_FIELD_STRING, 0 } } },
	[BC_FACT_NOMINATION] = { "nomination", 6, {
	    { "category", BC_FIELD_STRING, 1 }, { "subject", BC_FIELD_STRING, 1 },
	    { "name", BC_FIELD_STRING, 1 }, { "leader", BC_FIELD_BOOLEAN, 0 },
	    { "contribution", BC_FIELD_STRING, 0 },
	    { "disadvantaged", BC_FIELD_BOOLEAN, 0 } } },
	[BC_FACT_CONTRIBUTION] = { "contribution", 3, {
	    { "area", BC_FIELD_STRING, 1 }, { "measure", BC_FIELD_STRING, 1 },
	    { "amount", BC_FIELD_STRING, 1 } } },
};

static const char *const rule_names[BC_RULE__MAX] = {
	[BC_RULE_CRITERIA_SET] = "criteria-set",
	[BC_RULE_DISTRICT_COMMUNES] = "district-communes",
	[BC_RULE_DEPARTMENT_CRITERIA] = "department-criteria",
	[BC_RULE_NOMINATION_THRESHOLD] = "nomination-threshold",
};

static const char *const level_names[BC_LEVEL__MAX] = {
	[BC_LEVEL_COMMUNE] = "commune", [BC_LEVEL_DISTRICT] = "district",
	[BC_LEVEL_OFFICE] = "office",
};

const struct bc_fact_kind_def *
bc_fact_kind(enum bc_fact_kind k)
{
	return &kinds[k];
}

int
bc_fact_field(enum bc_fact_kind k, const char *name)
{
	size_t i;

	for (i = 0; i < kinds[k].nfields; i++)
		if (strcmp(kinds[k].fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Loading state: where we are, for messages. */
struct loader {
	const char *path;
	char *err;
	size_t errsize;
	struct bc_catalogue *cat;
	const char *schema_dir;
};

static int
fail(struct loader *l, xmlNodePtr at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct loader *l, xmlNodePtr at, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(l->err, l->errsize, "%s:%ld: %s", l->path, at != NULL ? xmlGetLineNo(at) : 0L,
	    msg);
	return -1;
}

static int
lookup(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static int
parse_relative(struct bc_relative_date *d, const char *text)
{
	return sscanf(text, "+%d-%d-%d", &d->years_after, &d->month, &d->day) == 3 ? 0 : -1;
}

static int
load_cadences(struct loader *l, struct bc_report_type *t, xmlNodePtr n)
{
	char kind[32], list[256], *word, *save = NULL;
	int k, c;

	bc_xml_attr(n, "kind", kind, sizeof(kind));
	bc_xml_text(n, list, sizeof(list));
	if ((k = bc_unit_kind_from_name(kind)) < 0)
		return fail(l, n, "unknown kind of unit \"%s\"", kind);
	for (word = strtok_r(list, " \t\n", &save); word != NULL;
	    word = strtok_r(NULL, " \t\n", &save)) {
		for (c = 0; c < BC_CADENCE__MAX; c++)
			if (strcmp(bc_cadence_name((enum bc_cadence)c), word) == 0)
				break;
		if (c == BC_CADENCE__MAX)
			return fail(l, n, "unknown cadence \"%s\"", word);
		t->cadences[k] |= 1u << c;
	}
	return 0;
}

static int
load_schedule(struct loader *l, struct bc_report_type *t, xmlNodePtr n)
{
	char rule[16], text[32];
	xmlNodePtr due;
	int level;

	bc_xml_attr(n, "rule", rule, sizeof(rule));
	if (strcmp(rule, "cutoff") == 0)
		return 0;
	t->fixed_schedule = 1;
	if (bc_xml_attr(n, "opens", text, sizeof(text)) != 0 || parse_relative(&t->opens, text) != 0)
		return fail(l, n, "a fixed schedule needs opens=\"+Y-MM-DD\"");
	for (level = 0; level < BC_LEVEL__MAX; level++)
		t->due[level].month = 0;
	for (due = bc_xml_child(n, "Due"); due != NULL; due = bc_xml_next(due)) {
		bc_xml_attr(due, "level", text, sizeof(text));
		level = lookup(level_names, BC_LEVEL__MAX, text);
		bc_xml_attr(due, "date", text, sizeof(text));
		if (level < 0 || parse_relative(&t->due[level], text) != 0)
			return fail(l, due, "bad Due");
	}
	for (level = 0; level < BC_LEVEL__MAX; level++)
		if (t->due[level].month == 0)
			return fail(l, n, "a fixed schedule needs a Due for the %s level",
			    level_names[level]);
	return 0;
}

static xmlXPathCompExprPtr
compile(struct loader *l, xmlNodePtr at, const char *attr, const char *expr)
{
	xmlXPathCompExprPtr c = xmlXPathCompile((const xmlChar *)expr);

	if (c == NULL)
		fail(l, at, "%s=\"%s\" is not an XPath expression", attr, expr);
	return c;
}

/* An XML name without a prefix: what @name and ../@name may carry to be read directly. */
static int
is_plain_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n >= sizeof(((struct bc_extraction *)0)->attrs[0]) ||
	    !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return 0;
	return 1;
}

/* @name = 'literal' (or "literal"): 1 with the name and the literal, else 0. */
static int
attr_equals(const char *expr, char name[32], char literal[32])
{
	char quote[2], rest;

	return (sscanf(expr, "@%31[A-Za-z0-9_.-] = '%31[^']%1[']%c", name, literal, quote,
	    &rest) == 3 || sscanf(expr, "@%31[A-Za-z0-9_.-] = \"%31[^\"]%1[\"]%c", name, literal,
	    quote, &rest) == 3) && is_plain_name(name);
}

static void
classify_path(struct bc_extraction *x, int f, const char *expr)
{
	static const struct {
		const char *prefix;
		enum bc_field_path path;
	} forms[] = {
		{ "@", BC_PATH_ATTR },
		{ "../@", BC_PATH_PARENT_ATTR },
	};
	size_t i;

	x->paths[f] = BC_PATH_XPATH;
	if (strcmp(expr, ".") == 0) {
		x->paths[f] = BC_PATH_TEXT;
		return;
	}
	if (attr_equals(expr, x->attrs[f], x->literals[f])) {
		x->paths[f] = BC_PATH_ATTR_EQUALS;
		return;
	}
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *name = expr + strlen(forms[i].prefix);

		if (strncmp(expr, forms[i].prefix, strlen(forms[i].prefix)) == 0 &&
		    is_plain_name(name)) {
			x->paths[f] = forms[i].path;
			snprintf(x->attrs[f], sizeof(x->attrs[f]), "%.31s", name);
			return;
		}
	}
}

static int
load_facts(struct loader *l, struct bc_extraction *x, xmlNodePtr n)
{
	char kind[32], expr[512];
	const struct bc_fact_kind_def *def;
	xmlAttrPtr a;
	int k, f;

	bc_xml_attr(n, "kind", kind, sizeof(kind));
	for (k = 0; k < BC_FACT__MAX && strcmp(kinds[k].name, kind) != 0; k++)
		;
	if (k == BC_FACT__MAX)
		return fail(l, n, "unknown fact kind \"%s\"", kind);
	x->kind = (enum bc_fact_kind)k;
	def = &kinds[k];
	for (a = n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		if (strcmp(name, "kind") == 0)
			continue;
		bc_xml_attr(n, name, expr, sizeof(expr));
		if (strcmp(name, "select") == 0) {
			if ((x->select = compile(l, n, name, expr)) == NULL)
				return -1;
			continue;
		}
		if ((f = bc_fact_field(x->kind, name)) < 0)
			return fail(l, n, "a %s fact has no field \"%s\"", kind, name);
		if ((x->fields[f] = compile(l, n, name, expr)) == NULL)
			return -1;
		classify_path(x, f, expr);
	}
	for (f = 0; f < (int)def->nfields; f++)
		if (def->fields[f].required && x->fields[f] == NULL)
			return fail(l, n, "a %s fact needs its field \"%s\"", kind,
			    def->fields[f].name);
	return 0;
}

static int
load_total(struct loader *l, struct bc_total *t, xmlNodePtr n)
{
	char select[512], total[512], parts[512];

	bc_xml_attr(n, "select", select, sizeof(select));
	bc_xml_attr(n, "total", total, sizeof(total));
	bc_xml_attr(n, "parts", parts, sizeof(parts));
	snprintf(t->text, sizeof(t->text), "%.70s = %.70s", total, parts);
	if ((t->select = compile(l, n, "select", select)) == NULL ||
	    (t->total = compile(l, n, "total", total)) == NULL ||
	    (t->parts = compile(l, n, "parts", parts)) == NULL)
		return -1;
	return 0;
}

static int
load_schema(struct loader *l, struct bc_report_type *t, xmlNodePtr n)
{
	xmlSchemaParserCtxtPtr pctxt;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", l->schema_dir, t->xsd);
	if ((pctxt = xmlSchemaNewParserCtxt(path)) == NULL)
		return fail(l, n, "cannot read %s", path);
	t->schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	return t->schema != NULL ? 0 : fail(l, n, "%s does not compile", path);
}

static size_t
count_children(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;
	size_t count = 0;

	for (n = bc_xml_child(parent, name); n != NULL; n = bc_xml_next(n))
		count++;
	return count;
}

static int
load_type(struct loader *l, struct bc_report_type *t, xmlNodePtr n)
{
	char buf[512];
	xmlNodePtr c;
	int r;

	bc_xml_attr(n, "name", buf, sizeof(buf));
	t->name = strdup(buf);
	bc_xml_attr(n, "namespace", buf, sizeof(buf));
	t->ns = strdup(buf);
	bc_xml_attr(n, "schema", buf, sizeof(buf));
	t->xsd = strdup(buf);
	t->extractions = calloc(count_children(n, "Facts") + 1, sizeof(*t->extractions));
	t->totals = calloc(count_children(n, "Total") + 1, sizeof(*t->totals));
	if (t->name == NULL || t->ns == NULL || t->xsd == NULL || t->extractions == NULL ||
	    t->totals == NULL)
		return fail(l, n, "out of memory");
	if (load_schema(l, t, n) != 0)
		return -1;
	for (c = bc_xml_child(n, "Cadences"); c != NULL; c = bc_xml_next(c))
		if (load_cadences(l, t, c) != 0)
			return -1;
	if (load_schedule(l, t, bc_xml_child(n, "Schedule")) != 0)
		return -1;
	/* counted as they are loaded, so a failure half-way frees what was compiled */
	for (c = bc_xml_child(n, "Facts"); c != NULL; c = bc_xml_next(c))
		if (load_facts(l, &t->extractions[t->nextractions++], c) != 0)
			return -1;
	for (c = bc_xml_child(n, "Total"); c != NULL; c = bc_xml_next(c))
		if (load_total(l, &t->totals[t->ntotals++], c) != 0)
			return -1;
	for (c = bc_xml_child(n, "Rule"); c != NULL; c = bc_xml_next(c)) {
		bc_xml_attr(c, "name", buf, sizeof(buf));
		if ((r = lookup(rule_names, BC_RULE__MAX, buf)) < 0)
			return fail(l, c, "unknown rule \"%s\"", buf);
		t->rules |= 1u << r;
	}
	return 0;
}

static int
load_set(struct loader *l, struct bc_criteria_set *s, xmlNodePtr n)
{
	char buf[32];
	xmlNodePtr c;
	long number;

	bc_xml_attr(n, "id", s->id, sizeof(s->id));
	bc_xml_attr(n, "from", buf, sizeof(buf));
	bc_date_parse(&s->from, buf);
	bc_xml_attr(n, "to", buf, sizeof(buf));
	bc_date_parse(&s->to, buf);
	if (bc_date_cmp(s->from, s->to) > 0)
		return fail(l, n, "criteria set %s ends before it begins", s->id);
	for (c = bc_xml_child(n, "Criterion"); c != NULL; c = bc_xml_next(c)) {
		bc_xml_attr(c, "number", buf, sizeof(buf));
		number = strtol(buf, NULL, 10);
		if (number < 1 || number > 99 || s->in_set[number])
			return fail(l, c, "criterion %s is out of range or repeated", buf);
		s->in_set[number] = 1;
		s->count++;
	}
	return 0;
}

/* The first of libxml2's schema errors about the catalogue: where, and what. */
struct first_error {
	xmlNodePtr node;
	int line;		/* libxml2's, when the error names no node */
	char message[300];
};

static void
keep_first_error(void *arg, xmlErrorPtr e)
{
	struct first_error *f = arg;

	if (f->message[0] != '\0' || e == NULL || e->message == NULL)
		return;
	f->node = e->node;
	f->line = e->line;
	snprintf(f->message, sizeof(f->message), "%.*s", (int)strcspn(e->message, "\n"),
	    e->message);
}

/* Validate the catalogue file itself against its schema before reading it. */
static xmlDocPtr
read_valid(struct loader *l)
{
	char xsd[1024];
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaValidCtxtPtr vctxt;
	xmlSchemaPtr schema = NULL;
	struct first_error first = { NULL, 0, "" };
	xmlDocPtr doc;
	int rc = -1;

	if ((doc = xmlReadFile(l->path, NULL, XML_PARSE_NONET)) == NULL) {
		fail(l, NULL, "not well-formed XML (or missing)");
		return NULL;
	}
	snprintf(xsd, sizeof(xsd), "%s/catalogue-1.xsd", l->schema_dir);
	if ((pctxt = xmlSchemaNewParserCtxt(xsd)) != NULL) {
		schema = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
	}
	if (schema != NULL && (vctxt = xmlSchemaNewValidCtxt(schema)) != NULL) {
		xmlSchemaSetValidStructuredErrors(vctxt, keep_first_error, &first);
		rc = xmlSchemaValidateDoc(vctxt, doc);
		xmlSchemaFreeValidCtxt(vctxt);
	}
	if (schema != NULL)
		xmlSchemaFree(schema);
	if (rc != 0) {
		fail(l, first.node, "does not match %s: %s", xsd, first.message[0] != '\0' ?
		    first.message : "(run xmllint --schema on it to see where)");
		if (first.node == NULL && first.line > 0)	/* the line libxml2 had, then */
			snprintf(l->err, l->errsize, "%s:%d: does not match %s: %s", l->path,
			    first.line, xsd, first.message);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static int
load(struct loader *l, xmlNodePtr root)
{
	struct bc_catalogue *cat = l->cat;
	xmlNodePtr n;
	char buf[32];
	size_t i, j;

	n = bc_xml_child(root, "Thresholds");
	bc_xml_attr(n, "districtPercent", buf, sizeof(buf));
	cat->district_percent = strtod(buf, NULL);
	bc_xml_attr(n, "provincePercent", buf, sizeof(buf));
	cat->province_percent = strtod(buf, NULL);
	cat->sets = calloc(count_children(root, "CriteriaSet"), sizeof(*cat->sets));
	cat->types = calloc(count_children(root, "ReportType"), sizeof(*cat->types));
	if (cat->sets == NULL || cat->types == NULL)
		return fail(l, root, "out of memory");
	for (n = bc_xml_child(root, "CriteriaSet"); n != NULL; n = bc_xml_next(n))
		if (load_set(l, &cat->sets[cat->nsets++], n) != 0)
			return -1;
	for (n = bc_xml_child(root, "ReportType"); n != NULL; n = bc_xml_next(n))
		if (load_type(l, &cat->types[cat->ntypes++], n) != 0)
			return -1;
	for (i = 0; i < cat->nsets; i++)
		for (j = i + 1; j < cat->nsets; j++)
			if (bc_date_cmp(cat->sets[i].from, cat->sets[j].to) <= 0 &&
			    bc_date_cmp(cat->sets[j].from, cat->sets[i].to) <= 0)
				return fail(l, root, "criteria sets %s and %s overlap",
				    cat->sets[i].id, cat->sets[j].id);
	return 0;
}

int
bc_catalogue_load(struct bc_catalogue **out, const char *schema_dir, char *err, size_t errsize)
{
	char path[1024];
	struct loader l = { path, err, errsize, NULL, schema_dir };
	xmlDocPtr doc;
	int rc;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/catalogue.xml", schema_dir);
	if ((l.cat = calloc(1, sizeof(*l.cat))) == NULL)
		return fail(&l, NULL, "out of memory");
	if ((doc = read_valid(&l)) == NULL) {
		bc_catalogue_free(l.cat);
		return -1;
	}
	rc = load(&l, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	if (rc != 0) {
		bc_catalogue_free(l.cat);
		return -1;
	}
	*out = l.cat;
	return 0;
}

static void
free_type(struct bc_report_type *t)
{
	size_t i, f;

	for (i = 0; i < t->nextractions; i++) {
		xmlXPathFreeCompExpr(t->extractions[i].select);
		for (f = 0; f < BC_FACT_FIELDS_MAX; f++)
			if (t->extractions[i].fields[f] != NULL)
				xmlXPathFreeCompExpr(t->extractions[i].fields[f]);
	}
	for (i = 0; i < t->ntotals; i++) {
		xmlXPathFreeCompExpr(t->totals[i].select);
		xmlXPathFreeCompExpr(t->totals[i].total);
		xmlXPathFreeCompExpr(t->totals[i].parts);
	}
	if (t->schema != NULL)
		xmlSchemaFree(t->schema);
	free(t->extractions);
	free(t->totals);
	free(t->name);
	free(t->ns);
	free(t->xsd);
}

void
bc_catalogue_free(struct bc_catalogue *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->ntypes; i++)
		free_type(&cat->types[i]);
	free(cat->types);
	free(cat->sets);
	free(cat);
}

const struct bc_report_type *
bc_catalogue_type(const struct bc_catalogue *cat, const char *ns, const char *root)
{
	size_t i;

	for (i = 0; i < cat->ntypes; i++)
		if (strcmp(cat->types[i].ns, ns) == 0 && strcmp(cat->types[i].name, root) == 0)
			return &cat->types[i];
	return NULL;
}

const struct bc_report_type *
bc_catalogue_type_named(const struct bc_catalogue *cat, const char *name)
{
	size_t i;

	for (i = 0; i < cat->ntypes; i++)
		if (strcmp(cat->types[i].name, name) == 0)
			return &cat->types[i];
	return NULL;
}

const struct bc_criteria_set *
bc_catalogue_criteria_set(const struct bc_catalogue *cat, struct bc_date day)
{
	size_t i;

	for (i = 0; i < cat->nsets; i++)
		if (bc_date_cmp(cat->sets[i].from, day) <= 0 && bc_date_cmp(day, cat->sets[i].to) <= 0)
			return &cat->sets[i];
	return NULL;
}

int
bc_report_type_may_use(const struct bc_report_type *t, enum bc_unit_kind k, enum bc_cadence c)
{
	return (t->cadences[k] & (1u << c)) != 0;
}

struct bc_date
bc_report_type_fixed_date(const struct bc_relative_date *d, const struct bc_period *p)
{
	struct bc_date out = { p->year + d->years_after, d->month, d->day };

	return out;
}
