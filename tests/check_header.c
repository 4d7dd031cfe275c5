/*
 * check_header — reading the common header (header.c) and the whole ingest path (ingest.c,
 * rules.c) on the project's own example documents.
 *
 * The header is what a receipt, the store and every rule rely on, and what the schema cannot
 * check (a real calendar year, one spelling of a UUID, one Unicode form of a name) is done
 * here, so it is tested on small documents written for each case, whose expected values are
 * literals of PROTOCOL.md. The ingest tests run on schemas/examples, the documents the README
 * shows to senders: every valid one must be accepted with the digest of its exact bytes, and
 * every invalid one refused the way its sidecar .expect file says, so examples and service
 * cannot drift apart. The example files are listed when the suite is built, so a new example
 * is tested without editing this file.
 */
#include <check.h>
#include <glob.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpathInternals.h>
#include <openssl/evp.h>
#include <uninorm.h>

#include "baocao/buf.h"
#include "baocao/ingest.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The tests run from the repository root unless BAOCAO_REPO says where it is. */
static const char *repo(void)
{
	const char *r = getenv("BAOCAO_REPO");

	return r != NULL && r[0] != '\0' ? r : ".";
}

/* "line:column path [rule] message" for every violation, for failure messages. */
static const char *describe(const struct bc_violations *v, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < v->n && n < size; i++) {
		int w = snprintf(buf + n, size - n, "\n  %lu:%lu %s [%s] %s", v->v[i].line,
				 v->v[i].column, v->v[i].path, v->v[i].rule, v->v[i].message);

		if (w < 0)
			break;
		n += (size_t)w;
	}
	return buf;
}

/* ---- bc_header_read on documents written for each case ------------------------------- */

/*
 * One header per test document, one element per line, so that the line of each element is
 * known: with no padding ReportingUnit stands on line 5, the period on line 6 (Period and its
 * form on one line, as in PROTOCOL.md), Supersedes — or a comment in its place — on line 7.
 * The pads insert comment lines before ReportingUnit and before Period.
 */
struct doc {
	const char *document_id;
	const char *unit;
	const char *period;		/* the form element, e.g. "<Month>2024-03</Month>" */
	const char *supersedes;		/* NULL: no Supersedes element */
	const char *prepared_by;
	const char *prepared_at;
	int pad_unit, pad_period;
};

static struct doc plain(void)
{
	struct doc d = {
		"0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11", "32072", "<Month>2024-03</Month>", NULL,
		"Nguy\xe1\xbb\x85n V\xc4\x83n An", "2024-04-12T09:30:00+07:00", 0, 0,
	};

	return d;
}

static unsigned long unit_line(const struct doc *d)
{
	return 5 + (unsigned long)d->pad_unit;
}

static unsigned long period_line(const struct doc *d)
{
	return 6 + (unsigned long)(d->pad_unit + d->pad_period);
}

static unsigned long supersedes_line(const struct doc *d)
{
	return 7 + (unsigned long)(d->pad_unit + d->pad_period);
}

static void put(char *buf, size_t size, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	ck_assert_msg(w >= 0 && (size_t)w < size - *n, "test document does not fit its buffer");
	*n += (size_t)w;
}

static void pad(char *buf, size_t size, size_t *n, int lines)
{
	for (int i = 0; i < lines; i++)
		put(buf, size, n, "    <!-- padding -->\n");
}

/* Parse d the way a test of the tree would (no network), read its header into h. */
static enum bc_err read_doc(const struct doc *d, struct bc_header *h, struct bc_violations *v)
{
	char xml[8192];
	size_t n = 0;
	struct bc_report r;
	enum bc_err e;

	put(xml, sizeof xml, &n, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ProgressReport xmlns=\"urn:baocao:ntm:1\">\n"
	    "  <Header>\n"
	    "    <DocumentId>%s</DocumentId>\n", d->document_id);
	pad(xml, sizeof xml, &n, d->pad_unit);
	put(xml, sizeof xml, &n, "    <ReportingUnit code=\"%s\"/>\n", d->unit);
	pad(xml, sizeof xml, &n, d->pad_period);
	put(xml, sizeof xml, &n, "    <Period>%s</Period>\n", d->period);
	if (d->supersedes != NULL)
		put(xml, sizeof xml, &n, "    <Supersedes>%s</Supersedes>\n", d->supersedes);
	else
		put(xml, sizeof xml, &n, "    <!-- no Supersedes -->\n");
	put(xml, sizeof xml, &n, "    <PreparedBy>%s</PreparedBy>\n"
	    "    <PreparedAt>%s</PreparedAt>\n"
	    "  </Header>\n"
	    "</ProgressReport>\n", d->prepared_by, d->prepared_at);

	memset(&r, 0, sizeof(r));
	r.body = xml;
	r.body_len = n;
	r.doc = xmlReadMemory(xml, (int)n, "header.xml", NULL, XML_PARSE_NONET);
	ck_assert_msg(r.doc != NULL, "test document is not well-formed:\n%s", xml);
	e = bc_header_read(&r, v);
	*h = r.header;
	xmlFreeDoc(r.doc);
	return e;
}

/* Read a header that must be accepted with no violation. */
static void read_ok(const struct doc *d, struct bc_header *h, const char *what)
{
	struct bc_violations v = { NULL, 0, 0 };
	char desc[2048];
	enum bc_err e = read_doc(d, h, &v);

	ck_assert_msg(e == BC_OK && v.n == 0 && v.dropped == 0,
		      "%s: bc_header_read gave %d with %zu violations:%s", what, (int)e, v.n,
		      describe(&v, desc, sizeof desc));
	bc_violations_free(&v);
}

START_TEST(header_of_the_protocol_example_reads_field_by_field)
{
	struct doc d = plain();
	struct bc_header h;

	read_ok(&d, &h, "PROTOCOL.md header");
	ck_assert_str_eq(h.document_id, "0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11");
	ck_assert_str_eq(h.unit_code, "32072");
	ck_assert_int_eq(h.period.cadence, BC_CADENCE_MONTH);
	ck_assert_int_eq(h.period.year, 2024);
	ck_assert_int_eq(h.period.index, 3);
	ck_assert_str_eq(h.period_name, "2024-03");
	ck_assert_str_eq(h.supersedes, "");
	ck_assert_str_eq(h.prepared_by, "Nguy\xe1\xbb\x85n V\xc4\x83n An");
	ck_assert_str_eq(h.prepared_at, "2024-04-12T09:30:00+07:00");
}
END_TEST

/* The sender may write a UUID in either case; it is stored and addressed in lower case. */
static const struct {
	const char *written, *stored;
} document_ids[] = {
	{ "0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11", "0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11" },
	{ "0B9E2C1E-4D4F-4A8E-9A57-2F1C6A0D9B11", "0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11" },
	{ "0b9E2c1E-4D4f-4a8E-9A57-2f1C6a0D9b11", "0b9e2c1e-4d4f-4a8e-9a57-2f1c6a0d9b11" },
	{ "ABCDEF01-2345-4789-ABCD-EF0123456789", "abcdef01-2345-4789-abcd-ef0123456789" },
};

START_TEST(document_id_is_lower_cased)
{
	struct doc d = plain();
	struct bc_header h;

	d.document_id = document_ids[_i].written;
	read_ok(&d, &h, document_ids[_i].written);
	ck_assert_msg(strcmp(h.document_id, document_ids[_i].stored) == 0,
		      "DocumentId %s: read as %s, expected %s", document_ids[_i].written,
		      h.document_id, document_ids[_i].stored);
}
END_TEST

/* Every form of UnitCodeType: province, district, commune, agency identifier. */
static const char *const unit_codes[] = { "96", "967", "32072", "000.00.12.H12" };

START_TEST(reporting_unit_code_is_read_as_written)
{
	struct doc d = plain();
	struct bc_header h;

	d.unit = unit_codes[_i];
	read_ok(&d, &h, unit_codes[_i]);
	ck_assert_msg(strcmp(h.unit_code, unit_codes[_i]) == 0, "code=\"%s\": read as \"%s\"",
		      unit_codes[_i], h.unit_code);
}
END_TEST

static const struct {
	const char *form;
	enum bc_cadence cadence;
	int year, index;
	const char *name;
} period_forms[] = {
	{ "<Month>2024-03</Month>",           BC_CADENCE_MONTH,       2024, 3,  "2024-03" },
	{ "<Month>2024-12</Month>",           BC_CADENCE_MONTH,       2024, 12, "2024-12" },
	{ "<Quarter>2024-Q1</Quarter>",       BC_CADENCE_QUARTER,     2024, 1,  "2024-Q1" },
	{ "<Quarter>2024-Q4</Quarter>",       BC_CADENCE_QUARTER,     2024, 4,  "2024-Q4" },
	{ "<HalfYear>2024-H1</HalfYear>",     BC_CADENCE_HALF,        2024, 1,  "2024-H1" },
	{ "<HalfYear>2024-H2</HalfYear>",     BC_CADENCE_HALF,        2024, 2,  "2024-H2" },
	{ "<NineMonths>2024-9M</NineMonths>", BC_CADENCE_NINE_MONTHS, 2024, 0,  "2024-9M" },
	{ "<Year>2024</Year>",                BC_CADENCE_YEAR,        2024, 0,  "2024" },
	{ "<Year>1900</Year>",                BC_CADENCE_YEAR,        1900, 0,  "1900" },
	{ "<Year>9999</Year>",                BC_CADENCE_YEAR,        9999, 0,  "9999" },
};

START_TEST(every_period_form_gives_its_cadence_and_canonical_name)
{
	struct doc d = plain();
	struct bc_header h;

	d.period = period_forms[_i].form;
	read_ok(&d, &h, period_forms[_i].form);
	ck_assert_msg(h.period.cadence == period_forms[_i].cadence && h.period.year == period_forms[_i].year
		      && h.period.index == period_forms[_i].index,
		      "%s: cadence %d year %d index %d, expected %d %d %d", period_forms[_i].form,
		      (int)h.period.cadence, h.period.year, h.period.index,
		      (int)period_forms[_i].cadence, period_forms[_i].year, period_forms[_i].index);
	ck_assert_msg(strcmp(h.period_name, period_forms[_i].name) == 0, "%s: period_name \"%s\", expected \"%s\"",
		      period_forms[_i].form, h.period_name, period_forms[_i].name);
	/* The ad hoc fields would end up in the database: they must be empty here. */
	ck_assert_msg(h.period.request[0] == '\0' && h.period.as_of.year == 0, "%s: ad hoc fields set",
		      period_forms[_i].form);
}
END_TEST

/* Names are bc_period_format's canonical "adhoc:REQUEST@AS-OF" (pinned in check_period). */
static const struct {
	const char *form;
	const char *request;
	struct bc_date as_of;
	const char *name;
} ad_hoc_forms[] = {
	{ "<AdHoc request=\"YC-2024-007\" asOf=\"2024-05-17\"/>", "YC-2024-007", { 2024, 5, 17 },
	  "adhoc:YC-2024-007@2024-05-17" },
	/* attribute order is not significant in XML */
	{ "<AdHoc asOf=\"2024-12-31\" request=\"QD/2024.01-b\"/>", "QD/2024.01-b", { 2024, 12, 31 },
	  "adhoc:QD/2024.01-b@2024-12-31" },
	{ "<AdHoc request=\"X\" asOf=\"2024-02-29\"/>", "X", { 2024, 2, 29 }, "adhoc:X@2024-02-29" },
};

START_TEST(ad_hoc_period_gives_its_request_and_as_of_date)
{
	struct doc d = plain();
	struct bc_header h;

	d.period = ad_hoc_forms[_i].form;
	read_ok(&d, &h, ad_hoc_forms[_i].form);
	ck_assert_msg(h.period.cadence == BC_CADENCE_ADHOC, "%s: cadence %d", ad_hoc_forms[_i].form,
		      (int)h.period.cadence);
	ck_assert_msg(strcmp(h.period.request, ad_hoc_forms[_i].request) == 0, "%s: request \"%s\"",
		      ad_hoc_forms[_i].form, h.period.request);
	ck_assert_msg(h.period.as_of.year == ad_hoc_forms[_i].as_of.year
		      && h.period.as_of.month == ad_hoc_forms[_i].as_of.month
		      && h.period.as_of.day == ad_hoc_forms[_i].as_of.day,
		      "%s: as_of %04d-%02d-%02d", ad_hoc_forms[_i].form, h.period.as_of.year,
		      h.period.as_of.month, h.period.as_of.day);
	ck_assert_msg(strcmp(h.period_name, ad_hoc_forms[_i].name) == 0, "%s: period_name \"%s\", expected \"%s\"",
		      ad_hoc_forms[_i].form, h.period_name, ad_hoc_forms[_i].name);
}
END_TEST

/* Supersedes is compared with stored DocumentIds, so it is lower-cased the same way. */
static const struct {
	const char *written;	/* NULL: no Supersedes element */
	const char *stored;
} supersedes[] = {
	{ NULL, "" },
	{ "11111111-1111-4111-8111-111111111111", "11111111-1111-4111-8111-111111111111" },
	{ "ABCDEF01-2345-4789-ABCD-EF0123456789", "abcdef01-2345-4789-abcd-ef0123456789" },
};

START_TEST(supersedes_is_lower_cased_when_present_and_empty_when_absent)
{
	struct doc d = plain();
	struct bc_header h;
	const char *what = supersedes[_i].written != NULL ? supersedes[_i].written : "(absent)";

	d.supersedes = supersedes[_i].written;
	read_ok(&d, &h, what);
	ck_assert_msg(strcmp(h.supersedes, supersedes[_i].stored) == 0, "Supersedes %s: read as \"%s\"",
		      what, h.supersedes);
	if (supersedes[_i].written != NULL)
		ck_assert_msg(h.supersedes_line == supersedes_line(&d), "Supersedes %s: line %lu, expected %lu",
			      what, h.supersedes_line, supersedes_line(&d));
}
END_TEST

/*
 * Vietnamese names typed on some systems arrive decomposed (NFD: base letter + combining
 * marks); the same name must be stored as one string, the composed NFC form.
 */
static const struct {
	const char *what, *written, *stored;
} names[] = {
	/* e + U+0302 circumflex + U+0303 tilde -> U+1EC5 */
	{ "Nguyen, NFD", "Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n" },
	{ "Nguyen Van An, NFD", "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An",
	  "Nguy\xe1\xbb\x85n V\xc4\x83n An" },
	/* a + circumflex + grave, i + dot below, u + hook above: "Trần Thị Thủy" */
	{ "Tran Thi Thuy, NFD", "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 Thu\xcc\x89y",
	  "Tr\xe1\xba\xa7n Th\xe1\xbb\x8b Th\xe1\xbb\xa7y" },
	{ "already NFC", "Nguy\xe1\xbb\x85n V\xc4\x83n An", "Nguy\xe1\xbb\x85n V\xc4\x83n An" },
	{ "ASCII", "Nguyen Van An", "Nguyen Van An" },
	/* a character entity is text like any other once parsed */
	{ "NFD through character references", "Nguye&#x302;&#x303;n", "Nguy\xe1\xbb\x85n" },
};

START_TEST(prepared_by_is_stored_composed)
{
	struct doc d = plain();
	struct bc_header h;

	d.prepared_by = names[_i].written;
	read_ok(&d, &h, names[_i].what);
	ck_assert_msg(strcmp(h.prepared_by, names[_i].stored) == 0, "%s: \"%s\" read as \"%s\", expected \"%s\"",
		      names[_i].what, names[_i].written, h.prepared_by, names[_i].stored);
}
END_TEST

/* Forms the XSD pattern lets through ([0-9]{4}, xs:date) but the calendar cannot file. */
static const char *const unfileable_periods[] = {
	"<Year>0000</Year>",
	"<Year>1899</Year>",
	"<Month>0000-01</Month>",
	"<Quarter>1899-Q4</Quarter>",
	"<HalfYear>0001-H1</HalfYear>",
	"<NineMonths>1899-9M</NineMonths>",
	"<AdHoc request=\"YC-1899\" asOf=\"1899-12-31\"/>",
};

START_TEST(period_outside_the_calendar_is_refused_with_one_period_violation)
{
	struct doc d = plain();
	struct bc_header h;
	struct bc_violations v = { NULL, 0, 0 };
	char desc[2048];
	enum bc_err e;

	d.period = unfileable_periods[_i];
	e = read_doc(&d, &h, &v);
	ck_assert_msg(e == BC_E_INVALID, "%s: bc_header_read gave %d, expected BC_E_INVALID",
		      unfileable_periods[_i], (int)e);
	ck_assert_msg(v.n == 1 && v.dropped == 0, "%s: %zu violations (%zu dropped), expected one:%s",
		      unfileable_periods[_i], v.n, v.dropped, describe(&v, desc, sizeof desc));
	ck_assert_msg(strcmp(v.v[0].rule, "period") == 0, "%s: rule \"%s\", expected \"period\"",
		      unfileable_periods[_i], v.v[0].rule);
	/* The sender needs to know where: the line of the period. */
	ck_assert_msg(v.v[0].line == period_line(&d), "%s: violation on line %lu, expected %lu",
		      unfileable_periods[_i], v.v[0].line, period_line(&d));
	/* ... the column of the period's form, after "    <Period>", and its path */
	ck_assert_msg(v.v[0].column == 13, "%s: column %lu, expected 13", unfileable_periods[_i],
		      v.v[0].column);
	ck_assert_msg(strncmp(v.v[0].path, "/ProgressReport/Header[1]/Period[1]/", 36) == 0 &&
		      strchr(v.v[0].path + 36, '[') != NULL, "%s: path %s", unfileable_periods[_i],
		      v.v[0].path);
	ck_assert_msg(v.v[0].message[0] != '\0', "%s: empty message", unfileable_periods[_i]);
	bc_violations_free(&v);
}
END_TEST

/* Rule violations point at the header fields by these lines; comments must not shift them. */
static const struct {
	int pad_unit, pad_period;
} paddings[] = {
	{ 0, 0 }, { 1, 0 }, { 0, 1 }, { 3, 7 }, { 40, 100 },
};

START_TEST(lines_of_the_unit_and_the_period_are_recorded)
{
	struct doc d = plain();
	struct bc_header h;

	d.pad_unit = paddings[_i].pad_unit;
	d.pad_period = paddings[_i].pad_period;
	d.supersedes = "11111111-1111-4111-8111-111111111111";
	read_ok(&d, &h, "padded header");
	ck_assert_msg(h.unit_line == unit_line(&d) && h.period_line == period_line(&d)
		      && h.supersedes_line == supersedes_line(&d),
		      "padding %d/%d: unit line %lu, period line %lu, supersedes line %lu; "
		      "expected %lu, %lu, %lu", d.pad_unit, d.pad_period, h.unit_line, h.period_line,
		      h.supersedes_line, unit_line(&d), period_line(&d), supersedes_line(&d));
}
END_TEST

/* ---- bc_ingest_parse and bc_ingest_check on schemas/examples ------------------------- */

#define MAX_FILES 64
#define PATH_SIZE 1024

static char valid_files[MAX_FILES][PATH_SIZE];
static int nvalid_files, valid_overflow;
static char invalid_files[MAX_FILES][PATH_SIZE];
static int ninvalid_files, invalid_overflow;

/* Fills out with the sorted matches of REPO/rel; sets *overflow when more than MAX_FILES. */
static int list_files(const char *rel, char out[][PATH_SIZE], int *overflow)
{
	char pattern[PATH_SIZE];
	glob_t g;
	int n = 0;

	snprintf(pattern, sizeof pattern, "%s/%s", repo(), rel);
	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		if (n == MAX_FILES || strlen(g.gl_pathv[i]) >= PATH_SIZE) {
			*overflow = 1;
			continue;
		}
		snprintf(out[n++], PATH_SIZE, "%s", g.gl_pathv[i]);
	}
	globfree(&g);
	return n;
}

/* The whole file in a malloc'd buffer (NUL-terminated for messages; len excludes it). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	ck_assert_msg(f != NULL, "%s: cannot open", path);
	ck_assert_msg(fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0,
		      "%s: cannot size", path);
	buf = malloc((size_t)size + 1);
	ck_assert_msg(buf != NULL, "%s: out of memory", path);
	ck_assert_msg(fread(buf, 1, (size_t)size, f) == (size_t)size, "%s: short read", path);
	fclose(f);
	buf[size] = '\0';
	*len = (size_t)size;
	return buf;
}

/* SHA-256 as lower-case hex, computed here rather than trusted from ingest. */
static void sha256_hex(const char *data, size_t len, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	ck_assert_msg(EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) == 1 && mdlen == 32,
		      "EVP_Digest failed");
	for (unsigned int i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[64] = '\0';
}

/* bc_ingest_init installs a loader that refuses every external entity, for the rest of the
 * process; the error suite needs the default one back to read receipt-1.xsd's include. */
static xmlExternalEntityLoader saved_loader;

static void ingest_setup(void)
{
	char dir[PATH_SIZE], err[512] = "";

	snprintf(dir, sizeof dir, "%s/schemas", repo());
	saved_loader = xmlGetExternalEntityLoader();
	ck_assert_msg(bc_ingest_init(dir, err, sizeof err) == 0, "bc_ingest_init(%s): %s", dir, err);
}

static void ingest_teardown(void)
{
	bc_ingest_shutdown();
	xmlSetExternalEntityLoader(saved_loader);
}

/* A day by which every example's filing window is open and 2099-12's is not. */
static const struct bc_date today = { 2026, 11, 25 };

/* Without a database, the rules get a registry record made from the code's form (valid
 * forever), the Decree 09 calendar, and any ad hoc request counts as addressed. */
/* The registry's answers the rules need for the examples' units: Huyện Thới Bình's communes
 * (DOMAIN.md's data file) and Sở Công Thương's criteria (seed 002: 4 and 7). */
static const char thoi_binh[][33] = {
	"32065", "32068", "32069", "32071", "32072", "32074", "32077", "32080", "32083", "32086",
	"32089", "32092",
};
static const unsigned cong_thuong[] = { 4, 7 };

/* Agency codes all look alike, so the code's form says "department" for every one of them;
 * the examples' agencies that are of another kind (sql/units/agencies-96.csv). */
static const struct {
	const char *code;
	enum bc_unit_kind kind;
} agency_kinds[] = {
	{ "000.00.30.H12", BC_UNIT_OFFICE },	/* Văn phòng Điều phối nông thôn mới tỉnh Cà Mau */
	{ "000.00.31.H12", BC_UNIT_FRONT },	/* Ủy ban MTTQ Việt Nam tỉnh Cà Mau */
};

static void
rule_input(const struct bc_report *r, struct bc_unit *u, struct bc_calendar *cal,
    struct bc_rule_input *in)
{
	memset(in, 0, sizeof(*in));
	in->communes = thoi_binh;
	in->ncommunes = sizeof(thoi_binh) / sizeof(thoi_binh[0]);
	in->criteria = cong_thuong;
	in->ncriteria = sizeof(cong_thuong) / sizeof(cong_thuong[0]);
	memset(u, 0, sizeof(*u));
	snprintf(u->code, sizeof(u->code), "%s", r->header.unit_code);
	snprintf(u->name, sizeof(u->name), "Unit %s", r->header.unit_code);
	u->kind = (enum bc_unit_kind)bc_unit_kind_of_code(r->header.unit_code);
	for (size_t i = 0; i < N(agency_kinds); i++)
		if (strcmp(agency_kinds[i].code, r->header.unit_code) == 0)
			u->kind = agency_kinds[i].kind;
	u->valid_from = (struct bc_date){ 1900, 1, 1 };
	bc_calendar_defaults(cal, BC_CUTOFF_DECREE09);
	in->today = today;
	in->unit = u;
	in->calendar = cal;
	in->request_found = 1;
}

START_TEST(example_directories_hold_documents)
{
	/* Without this, a wrong BAOCAO_REPO would run no example test and pass. */
	ck_assert_msg(nvalid_files > 0, "no %s/schemas/examples/*.xml", repo());
	ck_assert_msg(ninvalid_files > 0, "no %s/schemas/examples/invalid/*.xml", repo());
	ck_assert_msg(!valid_overflow && !invalid_overflow, "more than %d examples: raise MAX_FILES",
		      MAX_FILES);
}
END_TEST

START_TEST(valid_example_is_accepted_with_the_digest_of_its_bytes)
{
	const char *path = valid_files[_i];
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	char desc[4096], hex[65];
	size_t len;
	char *body = slurp(path, &len);
	enum bc_err e = bc_ingest_parse(&r, body, len, &v);

	ck_assert_msg(e == BC_OK && v.n == 0, "%s: bc_ingest_parse gave %d:%s", path, (int)e,
		      describe(&v, desc, sizeof desc));
	/* the catalogue's type for the document's (namespace, root element) */
	ck_assert_msg(r.type != NULL && strcmp(r.type->name, (const char *)xmlDocGetRootElement(r.doc)->name) == 0,
		      "%s: report type %s", path, r.type != NULL ? r.type->name : "(none)");
	ck_assert_msg(strlen(r.sha256) == 64 && strspn(r.sha256, "0123456789abcdef") == 64,
		      "%s: sha256 \"%s\" is not 64 lower-case hex digits", path, r.sha256);
	sha256_hex(body, len, hex);
	ck_assert_msg(strcmp(r.sha256, hex) == 0, "%s: sha256 %s, the file's is %s", path, r.sha256, hex);
	bc_report_free(&r);
	bc_violations_free(&v);
	free(body);
}
END_TEST

START_TEST(valid_example_passes_the_rules)
{
	const char *path = valid_files[_i];
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_rule_input in;
	struct bc_calendar cal;
	struct bc_unit unit;
	struct bc_report r;
	char desc[4096];
	size_t len;
	char *body = slurp(path, &len);
	enum bc_err e = bc_ingest_parse(&r, body, len, &v);

	ck_assert_msg(e == BC_OK, "%s: bc_ingest_parse gave %d:%s", path, (int)e,
		      describe(&v, desc, sizeof desc));
	ck_assert_int_eq(bc_ingest_extract(&r), BC_OK);
	rule_input(&r, &unit, &cal, &in);
	e = bc_ingest_check(&r, &in, &v);
	ck_assert_msg(e == BC_OK && v.n == 0, "%s: bc_ingest_check gave %d:%s", path, (int)e,
		      describe(&v, desc, sizeof desc));
	bc_report_free(&r);
	bc_violations_free(&v);
	free(body);
}
END_TEST

/* A field as its XPath expression says, evaluated the plain way: the oracle for the fields
 * extract.c reads straight from the tree. "1"/"0" for a boolean; the string trimmed and in
 * NFC; NULL for an empty node set. */
static char *xpath_value(xmlXPathContextPtr ctx, xmlXPathCompExprPtr expr, enum bc_field_type type)
{
	xmlXPathObjectPtr o = xmlXPathCompiledEval(expr, ctx);
	char *out = NULL;

	ck_assert(o != NULL);
	if (type == BC_FIELD_BOOLEAN)
		out = strdup(xmlXPathCastToBoolean(o) ? "1" : "0");
	else if (o->type != XPATH_NODESET || !xmlXPathNodeSetIsEmpty(o->nodesetval)) {
		xmlChar *s = xmlXPathCastToString(o);
		const char *t = (const char *)s;
		size_t n, len = 0;
		uint8_t *nfc;

		t += strspn(t, " \t\r\n");
		for (n = strlen(t); n > 0 && strchr(" \t\r\n", t[n - 1]) != NULL; n--)
			;
		nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)t, n, NULL, &len);
		ck_assert(nfc != NULL);
		out = strndup((const char *)nfc, len);
		free(nfc);
		xmlFree(s);
	}
	xmlXPathFreeObject(o);
	return out;
}

/* Every field that extract.c reads from the tree (@name, ../@name, ., @name = '…') has the
 * value its XPath expression gives. */
START_TEST(fields_read_from_the_tree_equal_their_xpath)
{
	const char *path = valid_files[_i];
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	xmlXPathContextPtr ctx;
	size_t len, x, i, f, checked = 0;
	char *body = slurp(path, &len);

	ck_assert_int_eq(bc_ingest_parse(&r, body, len, &v), BC_OK);
	ck_assert_int_eq(bc_ingest_extract(&r), BC_OK);
	ctx = bc_ingest_xpath_context(&r);
	ck_assert(ctx != NULL);
	for (x = 0; x < r.type->nextractions; x++) {
		const struct bc_extraction *e = &r.type->extractions[x];
		const struct bc_fact_kind_def *def = bc_fact_kind(e->kind);
		xmlXPathObjectPtr sel;

		ctx->node = xmlDocGetRootElement(r.doc);
		sel = xmlXPathCompiledEval(e->select, ctx);
		ck_assert(sel != NULL);
		for (i = 0; i < r.facts.n; i++) {
			const struct bc_fact *fact = &r.facts.v[i];

			/* a kind may come from several extractions, each with its own fields */
			if (fact->kind != e->kind || sel->nodesetval == NULL ||
			    !xmlXPathNodeSetContains(sel->nodesetval, fact->node))
				continue;
			for (f = 0; f < def->nfields; f++) {
				char *want;

				if (e->fields[f] == NULL || e->paths[f] == BC_PATH_XPATH)
					continue;
				ctx->node = fact->node;
				want = xpath_value(ctx, e->fields[f], def->fields[f].type);
				ck_assert_msg((want == NULL) == (fact->fields[f] == NULL) &&
				    (want == NULL || strcmp(want, fact->fields[f]) == 0),
				    "%s: %s field %s is \"%s\", its XPath gives \"%s\"", path, def->name,
				    def->fields[f].name, fact->fields[f] ? fact->fields[f] : "(null)",
				    want ? want : "(null)");
				free(want);
				checked++;
			}
		}
		xmlXPathFreeObject(sel);
	}
	ck_assert_msg(r.facts.n == 0 || checked > 0, "%s: no field read from the tree", path);
	bc_report_free(&r);
	bc_violations_free(&v);
	free(body);
}
END_TEST

/* The sidecar of schemas/examples/invalid/README.md; -1 for the optional keys not given. */
struct expect {
	int status;
	char rule[32];
	long violations;
	long line;
};

static void read_expect(const char *xml_path, struct expect *x)
{
	char path[PATH_SIZE + 8], line[256];
	size_t stem = strlen(xml_path) - strlen(".xml");
	FILE *f;

	snprintf(path, sizeof path, "%.*s.expect", (int)stem, xml_path);
	memset(x, 0, sizeof *x);
	x->violations = -1;
	x->line = -1;
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: no sidecar %s", xml_path, path);
	while (fgets(line, sizeof line, f) != NULL) {
		char *eq, *value;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		eq = strchr(line, '=');
		ck_assert_msg(eq != NULL, "%s: line \"%s\" is not key=value", path, line);
		*eq = '\0';
		value = eq + 1;
		if (strcmp(line, "status") == 0)
			x->status = atoi(value);
		else if (strcmp(line, "rule") == 0)
			snprintf(x->rule, sizeof x->rule, "%s", value);
		else if (strcmp(line, "violations") == 0)
			x->violations = atol(value);
		else if (strcmp(line, "line") == 0)
			x->line = atol(value);
		else
			ck_abort_msg("%s: unknown key \"%s\" (see invalid/README.md)", path, line);
	}
	fclose(f);
	ck_assert_msg(x->status != 0 && x->rule[0] != '\0', "%s: status or rule missing", path);
}

static int rule_is(const struct expect *x, const char *const *rules, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(x->rule, rules[i]) == 0)
			return 1;
	return 0;
}

/* Rules that bc_ingest_parse applies (parse, DTD, report type, schema)... */
static const char *const parse_rules[] = { "xml", "dtd", "xsd", "report-type" };
/* ...and those beyond the schema that bc_ingest_check applies. */
static const char *const check_rules[] = {
	"cadence", "filing-window", "criteria-set", "district-communes", "department-criteria",
	"nomination-threshold", "totals", "percent", "since",
};

START_TEST(invalid_example_is_refused_as_its_sidecar_says)
{
	const char *path = invalid_files[_i];
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_rule_input in;
	struct bc_calendar cal;
	struct bc_unit unit;
	struct bc_report r;
	struct expect x;
	char desc[8192];
	size_t len;
	char *body;
	enum bc_err e, want;
	int at_parse;

	read_expect(path, &x);
	at_parse = rule_is(&x, parse_rules, N(parse_rules));
	ck_assert_msg(at_parse || rule_is(&x, check_rules, N(check_rules)),
		      "%s: rule=%s is none this test knows", path, x.rule);
	want = x.status == 400 ? BC_E_MALFORMED : x.status == 422 ? BC_E_INVALID : BC_E__MAX;
	ck_assert_msg(want != BC_E__MAX, "%s: status=%d is none of 400, 422", path, x.status);

	body = slurp(path, &len);
	e = bc_ingest_parse(&r, body, len, &v);
	if (!at_parse) {
		/* The schema accepts these: only the rules may refuse them. */
		ck_assert_msg(e == BC_OK, "%s: bc_ingest_parse gave %d, expected BC_OK:%s", path, (int)e,
			      describe(&v, desc, sizeof desc));
		ck_assert_int_eq(bc_ingest_extract(&r), BC_OK);
		rule_input(&r, &unit, &cal, &in);
		e = bc_ingest_check(&r, &in, &v);
	}
	ck_assert_msg(e == want, "%s: %s gave %d, expected %d (status %d):%s", path,
		      at_parse ? "bc_ingest_parse" : "bc_ingest_check", (int)e, (int)want, x.status,
		      describe(&v, desc, sizeof desc));
	ck_assert_msg(v.n > 0, "%s: refused without a violation", path);
	for (size_t i = 0; i < v.n; i++) {
		ck_assert_msg(strcmp(v.v[i].rule, x.rule) == 0, "%s: violation %zu has rule \"%s\", expected \"%s\":%s",
			      path, i, v.v[i].rule, x.rule, describe(&v, desc, sizeof desc));
		ck_assert_msg(v.v[i].line > 0, "%s: violation %zu has no line:%s", path, i,
			      describe(&v, desc, sizeof desc));
		/* A DOCTYPE is refused where the parser stands, which has no column to promise. */
		if (strcmp(x.rule, "dtd") != 0)
			ck_assert_msg(v.v[i].column > 0, "%s: violation %zu has no column:%s", path, i,
				      describe(&v, desc, sizeof desc));
		ck_assert_msg(v.v[i].message[0] != '\0', "%s: violation %zu has no message", path, i);
	}
	if (x.violations >= 0)
		ck_assert_msg(v.n == (size_t)x.violations && v.dropped == 0,
			      "%s: %zu violations (%zu dropped), expected %ld:%s", path, v.n, v.dropped,
			      x.violations, describe(&v, desc, sizeof desc));
	if (x.line >= 0)
		ck_assert_msg(v.v[0].line == (unsigned long)x.line, "%s: first violation on line %lu, expected %ld",
			      path, v.v[0].line, x.line);
	bc_report_free(&r);
	bc_violations_free(&v);
	free(body);
}
END_TEST

/* A refused attribute's violation goes on to the attribute (error-1.xsd's example); an
 * element's text stays at the element. */
START_TEST(a_refused_attribute_is_named_in_the_path)
{
	static const char *const want[] = {
		"/ProgressReport/Header[1]/DocumentId[1]",
		"/ProgressReport/Criteria[1]/Commune[1]/Criterion[1]/@number",
		"/ProgressReport/Resources[1]/Amount[1]/@source",
	};
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	char path[1024];
	size_t len, i;
	char *body;

	snprintf(path, sizeof(path), "%s/schemas/examples/invalid/several-violations.xml", repo());
	body = slurp(path, &len);
	ck_assert_int_eq(bc_ingest_parse(&r, body, len, &v), BC_E_INVALID);
	ck_assert_uint_eq(v.n, N(want));
	for (i = 0; i < N(want); i++)
		ck_assert_str_eq(v.v[i].path, want[i]);
	bc_report_free(&r);
	bc_violations_free(&v);
	free(body);
}
END_TEST

/* text with its first `old` replaced by `new`, into out (which the test frees). */
static void
with_replaced(const char *text, const char *old, const char *new, struct bc_buf *out)
{
	const char *at = strstr(text, old);

	ck_assert_msg(at != NULL, "no %s", old);
	bc_buf_append(out, text, (size_t)(at - text));
	bc_buf_puts(out, new);
	bc_buf_puts(out, at + strlen(old));
}

/* The attribute comes from where libxml2 names it, not from the document's text quoted later
 * in the message: a value that reads like an attribute's error stays the element's. */
START_TEST(a_value_that_reads_like_an_attribute_error_names_no_attribute)
{
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	char path[1024], *body;
	struct bc_buf doc = { 0 };
	size_t len;

	snprintf(path, sizeof(path), "%s/schemas/examples/commune-monthly.xml", repo());
	body = slurp(path, &len);
	with_replaced(body, ">3.42<", ">&apos;, attribute &apos;evil&apos;: x<", &doc);
	ck_assert_int_eq(bc_ingest_parse(&r, doc.data, doc.len, &v), BC_E_INVALID);
	ck_assert_uint_ge(v.n, 1);
	ck_assert_str_eq(v.v[0].path, "/ProgressReport/Indicators[1]/Indicator[1]");
	bc_report_free(&r);
	bc_violations_free(&v);
	bc_buf_free(&doc);
	free(body);
}
END_TEST

/* ---- where a violation is, whatever the layout and the encoding ------------------------- */

/* commune-monthly.xml with criteria 18 and 19 renumbered 20 and 21 (no criteria set has them),
 * on one line when one_line: machine-written XML often is. */
static char *
two_criteria_outside_the_set(int one_line, size_t *len)
{
	char path[PATH_SIZE];
	char *body, *p;

	snprintf(path, sizeof(path), "%s/schemas/examples/commune-monthly.xml", repo());
	body = slurp(path, len);
	ck_assert_ptr_nonnull(p = strstr(body, "number=\"18\""));
	p[9] = '0', p[8] = '2';
	ck_assert_ptr_nonnull(p = strstr(body, "number=\"19\""));
	p[9] = '1', p[8] = '2';
	for (p = body; one_line && (p = strchr(p, '\n')) != NULL; p++)
		*p = ' ';
	return body;
}

/* The same with what could pass for a start tag before the real ones: a comment quoting one,
 * and a '>' in an attribute value (text only in a comment here: the schema has no free-text
 * attribute before the criteria). */
static char *
with_a_decoy(char *body, size_t *len)
{
	struct bc_buf out = { 0 };

	with_replaced(body, "<Criteria>", "<Criteria><!-- was <Criterion number=\"20\"/> and "
	    "<Commune code=\"1\"> -->", &out);
	free(body);
	*len = out.len;
	return out.data;
}

/* The line and the column (in characters, from 1) of the '<' of the start tag whose text
 * has `attr`. */
static unsigned long
place_of_tag_with(const char *doc, const char *attr, unsigned long *line)
{
	const char *at = strstr(doc, attr), *p;
	unsigned long column = 1;

	ck_assert_ptr_nonnull(at);
	while (at > doc && *at != '<')
		at--;
	for (*line = 1, p = doc; p < at; p++)
		if (*p == '\n')
			(*line)++, column = 1;
		else
			column += ((unsigned char)*p & 0xc0) != 0x80;
	return column;
}

static unsigned long
column_of_tag_with(const char *doc, const char *attr)
{
	unsigned long line;

	return place_of_tag_with(doc, attr, &line);
}

/* bc_ingest_parse, extract and check with the examples' rule input; the violations in v. */
static enum bc_err
ingest_and_check(struct bc_report *r, const char *body, size_t len, struct bc_violations *v)
{
	struct bc_rule_input in;
	struct bc_calendar cal;
	struct bc_unit unit;
	enum bc_err e;

	if ((e = bc_ingest_parse(r, body, len, v)) != BC_OK)
		return e;
	ck_assert_int_eq(bc_ingest_extract(r), BC_OK);
	rule_input(r, &unit, &cal, &in);
	return bc_ingest_check(r, &in, v);
}

START_TEST(violations_on_one_line_are_each_at_their_own_start_tag)
{
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	char desc[4096];
	size_t len;
	char *body = two_criteria_outside_the_set(1, &len);

	body = with_a_decoy(body, &len);
	ck_assert_int_eq(ingest_and_check(&r, body, len, &v), BC_E_INVALID);
	ck_assert_msg(v.n == 2, "%zu violations:%s", v.n, describe(&v, desc, sizeof desc));
	ck_assert_str_eq(v.v[0].rule, "criteria-set");
	ck_assert_uint_eq(v.v[0].line, 1);
	ck_assert_uint_eq(v.v[1].line, 1);
	ck_assert_uint_eq(v.v[0].column, column_of_tag_with(body, "number=\"20\" status"));
	ck_assert_uint_eq(v.v[1].column, column_of_tag_with(body, "number=\"21\" status"));
	ck_assert_uint_gt(v.v[1].column, v.v[0].column);
	bc_report_free(&r);
	bc_violations_free(&v);
	free(body);
}
END_TEST

/* libxml2 keeps the line where a start tag ends; the violation is where it begins. */
START_TEST(a_start_tag_over_several_lines_is_placed_at_its_beginning)
{
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	struct bc_buf doc = { 0 };
	unsigned long line;
	char desc[4096], *body;
	size_t len;

	body = two_criteria_outside_the_set(0, &len);
	with_replaced(body, " number=\"20\"", "\n        number=\"20\"\n       ", &doc);
	ck_assert_int_eq(ingest_and_check(&r, doc.data, doc.len, &v), BC_E_INVALID);
	ck_assert_msg(v.n == 2, "%zu violations:%s", v.n, describe(&v, desc, sizeof desc));
	ck_assert_uint_eq(v.v[0].column, place_of_tag_with(doc.data, "number=\"20\"", &line));
	ck_assert_uint_eq(v.v[0].line, line);
	ck_assert_uint_eq(v.v[1].column, place_of_tag_with(doc.data, "number=\"21\"", &line));
	ck_assert_uint_eq(v.v[1].line, line);
	bc_report_free(&r);
	bc_violations_free(&v);
	bc_buf_free(&doc);
	free(body);
}
END_TEST

/* The body re-encoded from UTF-8 to enc (with its encoding declaration changed to match). */
static char *
reencoded(const char *utf8, size_t len, const char *enc, const char *declared, size_t *out_len)
{
	struct bc_buf decl = { 0 };
	char *in, *out, *buf;
	size_t inleft, outleft;
	const char *rest = strstr(utf8, "?>");
	iconv_t cd = iconv_open(enc, "UTF-8");

	ck_assert(cd != (iconv_t)-1 && rest != NULL);
	bc_buf_printf(&decl, "<?xml version=\"1.0\" encoding=\"%s\"", declared);
	bc_buf_append(&decl, rest, len - (size_t)(rest - utf8));
	buf = malloc(decl.len * 4 + 4);
	ck_assert_ptr_nonnull(buf);
	in = decl.data;
	inleft = decl.len;
	out = buf;
	outleft = decl.len * 4 + 4;
	ck_assert(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
	iconv_close(cd);
	*out_len = (size_t)(out - buf);
	bc_buf_free(&decl);
	return buf;
}

/* Encodings libxml2 reads (README): a violation is where it is in the characters. */
static const struct {
	const char *iconv_name, *declared;
} encodings[] = {
	{ "UTF-16LE", "UTF-16" }, { "UTF-16BE", "UTF-16" }, { "WINDOWS-1258", "windows-1258" },
};

START_TEST(violations_are_placed_alike_in_every_encoding)
{
	struct bc_violations u = { NULL, 0, 0 }, v = { NULL, 0, 0 };
	struct bc_report a, b;
	char desc[4096];
	size_t len, wide_len, i, shift;
	int one_line;

	for (one_line = 0; one_line <= 1; one_line++) {
		char *body = two_criteria_outside_the_set(one_line, &len);
		char *wide = reencoded(body, len, encodings[_i].iconv_name, encodings[_i].declared,
		    &wide_len);

		ck_assert_int_eq(ingest_and_check(&a, body, len, &u), BC_E_INVALID);
		ck_assert_msg(ingest_and_check(&b, wide, wide_len, &v) == BC_E_INVALID,
		    "%s:%s", encodings[_i].iconv_name, describe(&v, desc, sizeof desc));
		ck_assert_uint_eq(v.n, u.n);
		/* on one line, the declaration's encoding name comes before the violations */
		shift = one_line ? strlen(encodings[_i].declared) - strlen("UTF-8") : 0;
		for (i = 0; i < v.n; i++) {
			ck_assert_uint_eq(v.v[i].line, u.v[i].line);
			ck_assert_uint_eq(v.v[i].column, u.v[i].column + shift);
			ck_assert_uint_gt(v.v[i].column, 0);
		}
		bc_report_free(&a);
		bc_report_free(&b);
		bc_violations_free(&u);
		bc_violations_free(&v);
		free(body);
		free(wide);
	}
}
END_TEST

/* XML has no NUL character anywhere; libxml2 2.9 ends the input at one after the root
 * element, so what follows it would be stored as part of a "well-formed" document. */
START_TEST(a_nul_after_the_root_element_is_not_well_formed)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n<a/>\n\0<junk>not xml at all";
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;

	ck_assert_int_eq(bc_ingest_parse(&r, doc, sizeof(doc) - 1, &v), BC_E_MALFORMED);
	ck_assert_uint_eq(v.n, 1);
	ck_assert_str_eq(v.v[0].rule, "xml");
	ck_assert_uint_eq(v.v[0].line, 3);
	ck_assert_uint_eq(v.v[0].column, 1);
	bc_report_free(&r);
	bc_violations_free(&v);
}
END_TEST

/* "Since" is read for a criterion met; one not met may say anything there. */
START_TEST(a_criterion_not_met_since_a_later_day_is_no_violation)
{
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	struct bc_buf doc = { 0 };
	char path[PATH_SIZE], desc[4096], *body;
	const char *old = "<Criterion number=\"6\" status=\"not-met\"/>";
	size_t len;

	snprintf(path, sizeof(path), "%s/schemas/examples/commune-monthly.xml", repo());
	body = slurp(path, &len);
	with_replaced(body, old, "<Criterion number=\"6\" status=\"not-met\" since=\"2024-04-01\"/>",
	    &doc);
	ck_assert_msg(ingest_and_check(&r, doc.data, doc.len, &v) == BC_OK, "%s",
	    describe(&v, desc, sizeof desc));
	bc_report_free(&r);
	bc_violations_free(&v);
	bc_buf_free(&doc);
	free(body);
}
END_TEST

/* U+0000 in UTF-16 is two zero bytes where a character goes: no character of XML either. */
START_TEST(a_nul_character_in_utf16_is_not_well_formed)
{
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>x\xc3\xa9"
	    "\x01</a>\n";
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;
	size_t len, i;
	char *wide = reencoded(doc, sizeof(doc) - 1, "UTF-16LE", "UTF-16", &len);

	for (i = 0; i + 1 < len; i += 2)	/* the \x01 placeholder becomes U+0000 */
		if (wide[i] == 1 && wide[i + 1] == 0)
			wide[i] = 0;
	ck_assert_int_eq(bc_ingest_parse(&r, wide, len, &v), BC_E_MALFORMED);
	ck_assert_uint_eq(v.n, 1);
	ck_assert_str_eq(v.v[0].rule, "xml");
	ck_assert_uint_eq(v.v[0].line, 2);
	ck_assert_uint_eq(v.v[0].column, 6);	/* <a>xé then the NUL */
	bc_report_free(&r);
	bc_violations_free(&v);
	free(wide);
}
END_TEST

/* In a single-byte encoding the column counts its characters, not UTF-8's bytes. */
START_TEST(a_nul_in_windows_1258_is_placed_in_its_characters)
{
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"windows-1258\"?>\n"
	    "<a>\xd0\xc2\xe2\x80\0</a>\n";	/* Đ Â â € then the NUL */
	struct bc_violations v = { NULL, 0, 0 };
	struct bc_report r;

	/* a letter windows-1258 holds back for a tone mark that never comes is still one */
	static const char held[] = "<?xml version=\"1.0\" encoding=\"windows-1258\"?>\n"
	    "<a>\xe0\xe0\xe0\0</a>\n";	/* à à à then the NUL */
	/* a declaration of UTF-16 in an ASCII body says nothing of its characters */
	static const char lying[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
	    "<a>aaaaaa\0</a>\n";

	ck_assert_int_eq(bc_ingest_parse(&r, doc, sizeof(doc) - 1, &v), BC_E_MALFORMED);
	ck_assert_uint_eq(v.n, 1);
	ck_assert_uint_eq(v.v[0].line, 2);
	ck_assert_uint_eq(v.v[0].column, 8);
	bc_report_free(&r);
	bc_violations_free(&v);
	ck_assert_int_eq(bc_ingest_parse(&r, held, sizeof(held) - 1, &v), BC_E_MALFORMED);
	ck_assert_uint_eq(v.v[0].column, 7);
	bc_report_free(&r);
	bc_violations_free(&v);
	ck_assert_int_eq(bc_ingest_parse(&r, lying, sizeof(lying) - 1, &v), BC_E_MALFORMED);
	ck_assert_uint_eq(v.v[0].column, 10);
	bc_report_free(&r);
	bc_violations_free(&v);
}
END_TEST

/* A byte of windows-1258 can be three of UTF-8 ('€' is 0x80): a body of them still decodes
 * whole, and what comes after them is placed. */
START_TEST(violations_after_many_wide_characters_are_placed)
{
	struct bc_violations u = { NULL, 0, 0 }, v = { NULL, 0, 0 };
	struct bc_report a, b;
	struct bc_buf doc = { 0 };
	size_t len, wide_len, i;
	char *body = two_criteria_outside_the_set(0, &len), *at, *wide;

	ck_assert_ptr_nonnull(at = strstr(body, "<Criteria>"));
	bc_buf_append(&doc, body, (size_t)(at - body));
	bc_buf_puts(&doc, "<!-- ");
	for (i = 0; i < 20000; i++)
		bc_buf_puts(&doc, "\xe2\x82\xac");	/* € */
	bc_buf_puts(&doc, " -->\n  ");
	bc_buf_puts(&doc, at);
	wide = reencoded(doc.data, doc.len, "WINDOWS-1258", "windows-1258", &wide_len);
	ck_assert_int_eq(ingest_and_check(&a, doc.data, doc.len, &u), BC_E_INVALID);
	ck_assert_int_eq(ingest_and_check(&b, wide, wide_len, &v), BC_E_INVALID);
	ck_assert_uint_eq(v.n, 2);
	ck_assert_uint_eq(u.n, 2);
	for (i = 0; i < v.n; i++) {
		ck_assert_uint_eq(v.v[i].line, u.v[i].line);
		ck_assert_uint_eq(v.v[i].column, u.v[i].column);
		ck_assert_uint_gt(v.v[i].column, 0);
	}
	bc_report_free(&a);
	bc_report_free(&b);
	bc_violations_free(&u);
	bc_violations_free(&v);
	bc_buf_free(&doc);
	free(body);
	free(wide);
}
END_TEST

Suite *suite_header(void);

Suite *suite_header(void)
{
	Suite *s = suite_create("header");
	TCase *tc;

	tc = tcase_create("read");
	tcase_add_test(tc, header_of_the_protocol_example_reads_field_by_field);
	tcase_add_loop_test(tc, document_id_is_lower_cased, 0, N(document_ids));
	tcase_add_loop_test(tc, reporting_unit_code_is_read_as_written, 0, N(unit_codes));
	tcase_add_loop_test(tc, every_period_form_gives_its_cadence_and_canonical_name, 0, N(period_forms));
	tcase_add_loop_test(tc, ad_hoc_period_gives_its_request_and_as_of_date, 0, N(ad_hoc_forms));
	tcase_add_loop_test(tc, supersedes_is_lower_cased_when_present_and_empty_when_absent, 0,
			    N(supersedes));
	tcase_add_loop_test(tc, prepared_by_is_stored_composed, 0, N(names));
	tcase_add_loop_test(tc, period_outside_the_calendar_is_refused_with_one_period_violation, 0,
			    N(unfileable_periods));
	tcase_add_loop_test(tc, lines_of_the_unit_and_the_period_are_recorded, 0, N(paddings));
	suite_add_tcase(s, tc);

	nvalid_files = list_files("schemas/examples/*.xml", valid_files, &valid_overflow);
	ninvalid_files = list_files("schemas/examples/invalid/*.xml", invalid_files, &invalid_overflow);

	tc = tcase_create("ingest");
	/* Compiling the XSD takes a moment; allow for a slow sanitized build. */
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, ingest_setup, ingest_teardown);
	tcase_add_test(tc, example_directories_hold_documents);
	tcase_add_loop_test(tc, valid_example_is_accepted_with_the_digest_of_its_bytes, 0, nvalid_files);
	tcase_add_loop_test(tc, valid_example_passes_the_rules, 0, nvalid_files);
	tcase_add_loop_test(tc, fields_read_from_the_tree_equal_their_xpath, 0, nvalid_files);
	tcase_add_loop_test(tc, invalid_example_is_refused_as_its_sidecar_says, 0, ninvalid_files);
	tcase_add_test(tc, a_refused_attribute_is_named_in_the_path);
	tcase_add_test(tc, a_value_that_reads_like_an_attribute_error_names_no_attribute);
	tcase_add_test(tc, violations_on_one_line_are_each_at_their_own_start_tag);
	tcase_add_test(tc, a_start_tag_over_several_lines_is_placed_at_its_beginning);
	tcase_add_loop_test(tc, violations_are_placed_alike_in_every_encoding, 0, N(encodings));
	tcase_add_test(tc, a_nul_after_the_root_element_is_not_well_formed);
	tcase_add_test(tc, a_criterion_not_met_since_a_later_day_is_no_violation);
	tcase_add_test(tc, a_nul_character_in_utf16_is_not_well_formed);
	tcase_add_test(tc, a_nul_in_windows_1258_is_placed_in_its_characters);
	tcase_add_test(tc, violations_after_many_wide_characters_are_placed);
	suite_add_tcase(s, tc);

	return s;
}
