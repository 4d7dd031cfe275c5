/*
 * store_admin — the SQL of the admin tool (admin.h): the registry of units, credentials,
 * grants, ad hoc requests and the provinces' targets. The service only reads these tables;
 * this file is the one that writes them, with its own connection and its own enum-indexed
 * statement table, prepared at connect so that a mismatch with the schema shows before
 * anything is written.
 *
 * The unit import is the part that has to be fast and safe: a national registry is about
 * 11,000 rows, and a bad line must not leave half a registry behind. So a file is read and
 * checked whole in memory first (CSV with RFC 4180 quoting, names normalised to NFC, each
 * unit's province found by following parents through the file and then the registry), and
 * only then written in one transaction, 1,000 rows per round trip with MariaDB's array
 * binding. The CSV reader lives here because the import is its only user.
 *
 * No statement is ever built from input: every value travels as a bound parameter.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <mysqld_error.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <unistr.h>

#include "baocao/admin.h"
#include "baocao/bind.h"
#include "baocao/digest.h"
#include "baocao/nfc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum stmt {
	STMT_UNIT_GET,
	STMT_UNIT_CRITERIA,
	STMT_UNIT_UPSERT,
	STMT_UNIT_UPSERT_KEEP_VALIDITY,
	STMT_UNIT_KINDS,
	STMT_CRITERIA_DELETE,
	STMT_CRITERIA_INSERT,
	STMT_CREDENTIAL_INSERT,
	STMT_CREDENTIAL_REVOKE,
	STMT_TOKEN_REVOKE_UNIT,
	STMT_GRANT,
	STMT_UNGRANT,
	STMT_REQUEST_INSERT,
	STMT_REQUEST_UNIT_INSERT,
	STMT_TARGETS_DELETE,
	STMT_TARGET_INSERT,
	STMT_TARGETS_OF,
	STMT__MAX
};

/* A unit row of an import, written or updated in place; what an update keeps is the rest. */
#define UNIT_UPSERT \
	"INSERT INTO units (code, kind, parent_code, province_code, name, type_name," \
	" valid_from, valid_to, successor_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" \
	" ON DUPLICATE KEY UPDATE kind = VALUES(kind), parent_code = VALUES(parent_code)," \
	" province_code = VALUES(province_code), name = VALUES(name)," \
	" type_name = VALUES(type_name)"

static const char *const stmts[STMT__MAX] = {
	[STMT_UNIT_GET] =
	    "SELECT kind, IFNULL(parent_code, ''), province_code, name, IFNULL(type_name, ''),"
	    " DATE_FORMAT(valid_from, '%Y-%m-%d'), IFNULL(DATE_FORMAT(valid_to, '%Y-%m-%d'), ''),"
	    " IFNULL(successor_code, '') FROM units WHERE code = ?",
	[STMT_UNIT_CRITERIA] =
	    "SELECT criterion_no FROM unit_criteria WHERE unit_code = ? ORDER BY criterion_no",
	[STMT_UNIT_UPSERT] = UNIT_UPSERT ", valid_from = VALUES(valid_from),"
	    " valid_to = VALUES(valid_to), successor_code = VALUES(successor_code)",
	/* a file that states no validity (GSO's) leaves what the registry recorded: a merge
	 * entered with the full format survives the next import of the GSO list */
	[STMT_UNIT_UPSERT_KEEP_VALIDITY] = UNIT_UPSERT,
	/* every unit's kind, read once per import to check the file's kinds and parents */
	[STMT_UNIT_KINDS] =
	    "SELECT code, kind FROM units",
	[STMT_CRITERIA_DELETE] =
	    "DELETE FROM unit_criteria WHERE unit_code = ?",
	[STMT_CRITERIA_INSERT] =
	    "INSERT INTO unit_criteria (unit_code, criterion_no) VALUES (?, ?)",
	[STMT_CREDENTIAL_INSERT] =
	    "INSERT INTO credentials (unit_code, kind, digest, label) VALUES (?, ?, ?, ?)",
	/* A second revocation keeps the time of the first. */
	[STMT_CREDENTIAL_REVOKE] =
	    "UPDATE credentials SET revoked_at = IFNULL(revoked_at, CURRENT_TIMESTAMP)"
	    " WHERE kind = ? AND digest = ?",
	[STMT_TOKEN_REVOKE_UNIT] =
	    "UPDATE credentials SET revoked_at = CURRENT_TIMESTAMP"
	    " WHERE kind = 'token' AND unit_code = ? AND revoked_at IS NULL",
	/* Assignments run left to right: granted_at looks at revoked_at before it is cleared. */
	[STMT_GRANT] =
	    "INSERT INTO grants (grantee_code, unit_code) VALUES (?, ?) ON DUPLICATE KEY UPDATE"
	    " granted_at = IF(revoked_at IS NULL, granted_at, CURRENT_TIMESTAMP),"
	    " revoked_at = NULL",
	[STMT_UNGRANT] =
	    "UPDATE grants SET revoked_at = IFNULL(revoked_at, CURRENT_TIMESTAMP)"
	    " WHERE grantee_code = ? AND unit_code = ?",
	[STMT_REQUEST_INSERT] =
	    "INSERT INTO adhoc_requests (code, province_code, subject, due, created_by)"
	    " VALUES (?, ?, ?, ?, ?)",
	[STMT_REQUEST_UNIT_INSERT] =
	    "INSERT INTO adhoc_request_units (request_code, unit_code) VALUES (?, ?)",
	[STMT_TARGETS_DELETE] =
	    "DELETE FROM targets WHERE province_code = ? AND year = ?",
	[STMT_TARGET_INSERT] =
	    "INSERT INTO targets (province_code, year, measure, criteria, value, set_at)"
	    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
	[STMT_TARGETS_OF] =
	    "SELECT year, measure, criteria, CAST(value AS CHAR), set_at FROM targets"
	    " WHERE province_code = ? ORDER BY year, measure, criteria",
};

struct bc_admin {
	const struct bc_config *cfg;
	MYSQL *db;
	MYSQL_STMT *stmt[STMT__MAX];
	unsigned last_errno;
	char err[1024];
};

/* Rows per round trip of the import: large enough that round trips stop mattering, small
 * enough that one batch stays far below max_allowed_packet. */
#define IMPORT_BATCH 1000

/* ---- errors ------------------------------------------------------------------------------ */

static enum bc_err
set_err(struct bc_admin *ad, enum bc_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum bc_err
set_err(struct bc_admin *ad, enum bc_err code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ad->err, sizeof(ad->err), fmt, ap);
	va_end(ap);
	return code;
}

/* The statement's failure, kept as the error unless a more specific one was set already. */
static int
stmt_failed(struct bc_admin *ad, MYSQL_STMT *s)
{
	ad->last_errno = mysql_stmt_errno(s);
	set_err(ad, BC_E_DB, "database: %s", mysql_stmt_error(s));
	return -1;
}

const char *
bc_admin_error(const struct bc_admin *ad)
{
	return ad != NULL ? ad->err : "out of memory";
}

/* ---- connection -------------------------------------------------------------------------- */

static void
disconnect(struct bc_admin *ad)
{
	size_t i;

	for (i = 0; i < STMT__MAX; i++) {
		if (ad->stmt[i] != NULL)
			mysql_stmt_close(ad->stmt[i]);
		ad->stmt[i] = NULL;
	}
	if (ad->db != NULL)
		mysql_close(ad->db);
	ad->db = NULL;
}

static enum bc_err
prepare_all(struct bc_admin *ad)
{
	size_t i;

	for (i = 0; i < STMT__MAX; i++) {
		if ((ad->stmt[i] = mysql_stmt_init(ad->db)) == NULL)
			return set_err(ad, BC_E_DB, "database: out of memory");
		if (mysql_stmt_prepare(ad->stmt[i], stmts[i], strlen(stmts[i])) != 0)
			return set_err(ad, BC_E_DB, "database: preparing statement %zu: %s "
			    "(are the migrations applied?)", i, mysql_stmt_error(ad->stmt[i]));
	}
	return BC_OK;
}

enum bc_err
bc_admin_open(struct bc_admin **out, const struct bc_config *cfg)
{
	struct bc_admin *ad;
	unsigned timeout = 5;
	enum bc_err e;

	if ((*out = ad = calloc(1, sizeof(*ad))) == NULL)
		return BC_E_INTERNAL;
	ad->cfg = cfg;
	if ((ad->db = mysql_init(NULL)) == NULL)
		return set_err(ad, BC_E_DB, "database: out of memory");
	mysql_options(ad->db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(ad->db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* CLIENT_FOUND_ROWS: an UPDATE reports the rows it matched, so "no such token" and
	 * "already revoked" are told apart without another query. */
	if (mysql_real_connect(ad->db, NULL, cfg->db_user, cfg->db_password, cfg->db_name, 0,
	    cfg->db_socket, CLIENT_FOUND_ROWS) == NULL) {
		e = set_err(ad, BC_E_DB, "database: cannot connect through %s: %s",
		    cfg->db_socket, mysql_error(ad->db));
		goto fail;
	}
	if (mysql_autocommit(ad->db, 0) != 0) {
		e = set_err(ad, BC_E_DB, "database: %s", mysql_error(ad->db));
		goto fail;
	}
	if ((e = prepare_all(ad)) != BC_OK)
		goto fail;
	return BC_OK;
fail:
	disconnect(ad);
	return e;
}

void
bc_admin_close(struct bc_admin *ad)
{
	if (ad == NULL)
		return;
	disconnect(ad);
	free(ad);
}

/* Every call ends here: commit what succeeded, roll back anything else. */
static enum bc_err
finish(struct bc_admin *ad, enum bc_err e)
{
	if (ad->db == NULL)
		return e != BC_OK ? e : set_err(ad, BC_E_DB, "database: not connected");
	if (e == BC_OK && mysql_commit(ad->db) != 0)
		e = set_err(ad, BC_E_DB, "database: commit: %s", mysql_error(ad->db));
	if (e != BC_OK)
		mysql_rollback(ad->db);
	else
		ad->err[0] = '\0';
	return e;
}

/* ---- binding and running ----------------------------------------------------------------- */





/* Execute with parameters: the rows it matched or changed, or -1. */
static long long
run(struct bc_admin *ad, enum stmt which, MYSQL_BIND *params)
{
	MYSQL_STMT *s = ad->stmt[which];

	if (mysql_stmt_bind_param(s, params) != 0 || mysql_stmt_execute(s) != 0)
		return stmt_failed(ad, s);
	return (long long)mysql_stmt_affected_rows(s);
}

/* Execute once for `rows` rows laid out `row_size` bytes apart (MariaDB array binding). */
static int
run_bulk(struct bc_admin *ad, enum stmt which, MYSQL_BIND *params, unsigned rows,
    size_t row_size)
{
	MYSQL_STMT *s = ad->stmt[which];

	if (rows == 0)
		return 0;
	if (mysql_stmt_attr_set(s, STMT_ATTR_ARRAY_SIZE, &rows) != 0 ||
	    mysql_stmt_attr_set(s, STMT_ATTR_ROW_SIZE, &row_size) != 0)
		return stmt_failed(ad, s);
	return run(ad, which, params) < 0 ? -1 : 0;
}

/* Execute a query whose results are bound and fetch the first row: 1, 0 for none, -1. */
static int
fetch_one(struct bc_admin *ad, enum stmt which, MYSQL_BIND *params, MYSQL_BIND *results)
{
	MYSQL_STMT *s = ad->stmt[which];
	int rc, got = 0;

	if (mysql_stmt_bind_param(s, params) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, results) != 0 || mysql_stmt_store_result(s) != 0)
		return stmt_failed(ad, s);
	rc = mysql_stmt_fetch(s);
	if (rc == 0 || rc == MYSQL_DATA_TRUNCATED)
		got = 1;
	else if (rc != MYSQL_NO_DATA)
		got = stmt_failed(ad, s);
	mysql_stmt_free_result(s);
	return got;
}

/* ---- text checks shared by the import and the commands ----------------------------------- */

/* Unit codes: GSO digits or agency codes like 000.00.12.H12; nothing a shell or a log
 * line could misread. */
static int
is_code(const char *s, size_t max)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '-' && s[i] != '_')
			return 0;
	return 1;
}

static int
is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return s[n] == '\0';
}

/*
 * Valid UTF-8 text of at most max_chars characters, in NFC, into out (size bytes). NULL on
 * success, else what is wrong with it.
 */
static const char *
nfc_text(const char *in, char *out, size_t size, size_t max_chars)
{
	size_t n = strlen(in), i;

	if (u8_check((const uint8_t *)in, n) != NULL)
		return "is not UTF-8";
	for (i = 0; i < n; i++)
		if ((unsigned char)in[i] < 0x20 || in[i] == 0x7f)
			return "contains a control character";
	switch (bc_nfc(in, out, size)) {
	case -1:
		return "cannot be normalised to NFC";
	case -2:
		return "is too long";
	}
	if (u8_mbsnlen((const uint8_t *)out, strlen(out)) > max_chars)
		return "is too long";
	return NULL;
}

/* A value as an error message may show it: one line, valid UTF-8, at most size - 4 bytes
 * ("…" marks a cut); anything else becomes "?". */
static const char *
printable(const char *in, char *out, size_t size)
{
	const uint8_t *p = (const uint8_t *)in, *end = p + strlen(in);
	size_t n = 0;
	ucs4_t uc;
	int len;

	while (p < end) {
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (n + (len > 0 ? (size_t)len : 1) > size - 4) {
			memcpy(out + n, "\xe2\x80\xa6", 3);
			n += 3;
			break;
		}
		if (len <= 0 || uc < 0x20 || uc == 0x7f) {
			out[n++] = '?';
			p += len > 0 ? (size_t)len : 1;
			continue;
		}
		memcpy(out + n, p, (size_t)len);
		n += (size_t)len;
		p += len;
	}
	out[n] = '\0';
	return out;
}

/* ---- reading units ----------------------------------------------------------------------- */

static int
unit_row(struct bc_admin *ad, const char *code, struct bc_admin_unit *u)
{
	MYSQL_BIND param, res[8];
	struct bc_out_str o[8];
	char kind[17], from[11], to[11];
	int got, k;

	memset(u, 0, sizeof(*u));
	bc_bind_str(&param, code);
	bc_bind_out_str(&res[0], &o[0], kind, sizeof(kind));
	bc_bind_out_str(&res[1], &o[1], u->unit.parent, sizeof(u->unit.parent));
	bc_bind_out_str(&res[2], &o[2], u->unit.province, sizeof(u->unit.province));
	bc_bind_out_str(&res[3], &o[3], u->unit.name, sizeof(u->unit.name));
	bc_bind_out_str(&res[4], &o[4], u->type_name, sizeof(u->type_name));
	bc_bind_out_str(&res[5], &o[5], from, sizeof(from));
	bc_bind_out_str(&res[6], &o[6], to, sizeof(to));
	bc_bind_out_str(&res[7], &o[7], u->unit.successor, sizeof(u->unit.successor));
	if ((got = fetch_one(ad, STMT_UNIT_GET, &param, res)) <= 0)
		return got;
	bc_finish_out_str(o, N(o));
	snprintf(u->unit.code, sizeof(u->unit.code), "%s", code);
	if ((k = bc_unit_kind_from_name(kind)) < 0 || bc_date_parse(&u->unit.valid_from, from) != 0 ||
	    (to[0] != '\0' && bc_date_parse(&u->unit.valid_to, to) != 0)) {
		set_err(ad, BC_E_DB, "database: unit %s has kind \"%s\" or dates %s..%s this "
		    "program does not know", code, kind, from, to);
		return -1;
	}
	u->unit.kind = (enum bc_unit_kind)k;
	u->unit.has_valid_to = to[0] != '\0';
	return 1;
}

static int
unit_criteria(struct bc_admin *ad, const char *code, struct bc_admin_unit *u)
{
	MYSQL_STMT *s = ad->stmt[STMT_UNIT_CRITERIA];
	MYSQL_BIND param, res;
	unsigned short no;
	int rc;

	bc_bind_str(&param, code);
	memset(&res, 0, sizeof(res));
	res.buffer_type = MYSQL_TYPE_SHORT;
	res.buffer = &no;
	res.is_unsigned = 1;
	if (mysql_stmt_bind_param(s, &param) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, &res) != 0 || mysql_stmt_store_result(s) != 0)
		return stmt_failed(ad, s);
	while ((rc = mysql_stmt_fetch(s)) == 0)
		if (u->ncriteria < N(u->criteria))
			u->criteria[u->ncriteria++] = no;
	mysql_stmt_free_result(s);
	return rc == MYSQL_NO_DATA ? 0 : stmt_failed(ad, s);
}

/* The unit, or BC_E_NOT_FOUND with "no unit CODE in the registry". What is not a unit code
 * is not echoed: it may be a token given in the wrong place. */
static enum bc_err
need_unit(struct bc_admin *ad, const char *code, struct bc_admin_unit *u)
{
	int got;

	if (!is_code(code, sizeof(u->unit.code) - 1))
		return set_err(ad, BC_E_NOT_FOUND, "no such unit: a unit code is at most 32 letters, "
		    "digits, '.', '-' or '_'");
	if ((got = unit_row(ad, code, u)) < 0)
		return BC_E_DB;
	if (got == 0)
		return set_err(ad, BC_E_NOT_FOUND, "no unit %s in the registry", code);
	return BC_OK;
}

enum bc_err
bc_admin_unit_get(struct bc_admin *ad, const char *code, struct bc_admin_unit *out)
{
	enum bc_err e = need_unit(ad, code, out);

	if (e == BC_OK && unit_criteria(ad, code, out) != 0)
		e = BC_E_DB;
	return finish(ad, e);
}

/* ---- CSV (RFC 4180) ---------------------------------------------------------------------- */

struct csv {
	char *r;		/* next byte to read */
	char *w;		/* next byte to write: fields are unquoted in place */
	char *end;
	unsigned long line;	/* line of r */
};

enum { CSV_END = 0, CSV_BAD = -1 };

/* Ends the field at w; consumes the delimiter at r. Returns 1 at the end of the record. */
static int
csv_delimit(struct csv *c)
{
	int end_of_record = 1;

	if (c->r < c->end && *c->r == ',') {
		c->r++;
		end_of_record = 0;
	} else if (c->r < c->end && *c->r == '\r' && c->r + 1 < c->end && c->r[1] == '\n') {
		c->r += 2;
		c->line++;
	} else if (c->r < c->end && *c->r == '\n') {
		c->r++;
		c->line++;
	} else if (c->r < c->end) {
		return CSV_BAD;
	}
	*c->w++ = '\0';		/* w <= r - 1 here, or w == end of the buffer's spare byte */
	return end_of_record;
}

/* One quoted field after its opening quote: "" stands for ", newlines are kept. */
static int
csv_quoted(struct csv *c)
{
	for (;;) {
		if (c->r == c->end)
			return CSV_BAD;
		if (*c->r == '"') {
			if (c->r + 1 < c->end && c->r[1] == '"') {
				*c->w++ = '"';
				c->r += 2;
				continue;
			}
			c->r++;
			return 0;
		}
		if (*c->r == '\n')
			c->line++;
		*c->w++ = *c->r++;
	}
}

static int
csv_plain(struct csv *c)
{
	while (c->r < c->end && *c->r != ',' && *c->r != '\n' &&
	    !(*c->r == '\r' && c->r + 1 < c->end && c->r[1] == '\n')) {
		if (*c->r == '"')
			return CSV_BAD;
		*c->w++ = *c->r++;
	}
	return 0;
}

/*
 * The next record: its fields (at most max kept, NUL-terminated, pointing into the buffer),
 * and the number of fields; CSV_END at the end of the input, CSV_BAD for a stray or missing
 * quote. *line is the line the record starts on. Empty lines are skipped.
 */
static int
csv_next(struct csv *c, char **fields, int max, unsigned long *line)
{
	int n = 0, rc;

	while (c->r < c->end && (*c->r == '\n' ||
	    (*c->r == '\r' && c->r + 1 < c->end && c->r[1] == '\n'))) {
		c->r += *c->r == '\r' ? 2 : 1;
		c->line++;
	}
	*line = c->line;
	if (c->r == c->end)
		return CSV_END;
	c->w = c->r;
	for (;;) {
		char *start = c->w;

		if (*c->r == '"') {
			c->r++;
			rc = csv_quoted(c);
		} else {
			rc = csv_plain(c);
		}
		if (rc == CSV_BAD || (rc = csv_delimit(c)) == CSV_BAD)
			return CSV_BAD;
		if (n < max)
			fields[n] = start;
		n++;
		if (rc == 1)
			return n;
		if (c->r == c->end) {	/* a trailing comma: one more, empty, field */
			if (n < max)
				fields[n] = c->w;
			*c->w = '\0';
			return n + 1;
		}
	}
}

/* ---- the import: formats and columns ----------------------------------------------------- */

enum column {
	COL_CODE, COL_KIND, COL_PARENT, COL_NAME, COL_TYPE, COL_VALID_FROM, COL_VALID_TO,
	COL_SUCCESSOR, COL_CRITERIA, COL__MAX
};

#define K(x) (1u << (x))

/* The two formats, told apart by their header line; columns are in enum column order. */
static const struct format {
	const char *header;
	const char *kind_column;	/* what the header calls the second column */
	int ncols;
	unsigned kinds;		/* bit per enum bc_unit_kind allowed in the second column */
	int criteria;		/* whether the file states each unit's criteria */
	int validity;		/* whether it states validity and successors */
} formats[] = {
	{ "code,level,parent_code,name,type", "level", 5,
	    K(BC_UNIT_PROVINCE) | K(BC_UNIT_DISTRICT) | K(BC_UNIT_COMMUNE), 0, 0 },
	{ "code,kind,parent_code,name,type,valid_from,valid_to,successor_code,criteria",
	    "kind", 9,
	    K(BC_UNIT_PROVINCE) | K(BC_UNIT_DISTRICT) | K(BC_UNIT_COMMUNE) |
	    K(BC_UNIT_DEPARTMENT) | K(BC_UNIT_FRONT) | K(BC_UNIT_OFFICE), 1, 1 },
};

/* One row of the units statement, bound row-wise (all but `line`). Sizes are the columns'
 * in bytes: 255 characters of up to 4 bytes for a name. */
struct import_row {
	char code[33];
	char code_ind;
	char kind[17];
	char kind_ind;
	char parent[33];
	char parent_ind;
	char province[33];
	char province_ind;
	char name[1021];
	char name_ind;
	char type[257];
	char type_ind;
	char valid_from[11];
	char valid_from_ind;
	char valid_to[11];
	char valid_to_ind;
	char successor[33];
	char successor_ind;
	unsigned long line;
};

/* One row of the criteria statement, bound row-wise. */
struct criterion_row {
	char code[33];
	char code_ind;
	unsigned short no;
};

struct import {
	struct bc_admin *ad;
	const char *path;
	const struct format *format;
	struct import_row *rows;
	size_t nrows, caprows;
	struct criterion_row *criteria;
	size_t ncriteria, capcriteria;
	size_t *slots;		/* hash of codes: row index + 1, 0 for empty */
	size_t nslots;
	char last_parent[33], last_province[33];	/* the registry lookup last made */
	struct known_kind *known;	/* the registry's kinds by code, sorted; read once */
	size_t nknown;
	int known_read;
};

struct known_kind {
	char code[33];
	int kind;
};

/* What is wrong with a column's text, or NULL when it was copied into the row. */
typedef const char *(*column_fn)(struct import *, struct import_row *, const char *);

static const char *
copy_code(char *dst, size_t size, const char *text, int required)
{
	if (text[0] == '\0')
		return required ? "is empty" : NULL;
	if (!is_code(text, size - 1))
		return "is not a unit code (letters, digits . - _, at most 32)";
	memcpy(dst, text, strlen(text) + 1);
	return NULL;
}

static const char *
col_code(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	return copy_code(row->code, sizeof(row->code), text, 1);
}

static const char *
col_kind(struct import *im, struct import_row *row, const char *text)
{
	int k = bc_unit_kind_from_name(text);

	if (k < 0 || (im->format->kinds & K(k)) == 0)
		return im->format->criteria ?
		    "is none of province district commune department front office" :
		    "is none of province district commune";
	memcpy(row->kind, text, strlen(text) + 1);
	return NULL;
}

static const char *
col_parent(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	return copy_code(row->parent, sizeof(row->parent), text, 0);
}

static const char *
col_successor(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	return copy_code(row->successor, sizeof(row->successor), text, 0);
}

static const char *
col_name(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	if (text[0] == '\0')
		return "is empty";
	return nfc_text(text, row->name, sizeof(row->name), 255);
}

static const char *
col_type(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	return nfc_text(text, row->type, sizeof(row->type), 64);
}

static const char *
copy_date(char *dst, const char *text, const char *if_empty)
{
	struct bc_date d;

	if (text[0] == '\0') {
		snprintf(dst, 11, "%s", if_empty);
		return NULL;
	}
	if (bc_date_parse(&d, text) != 0)
		return "is not a date YYYY-MM-DD";
	bc_date_format(dst, d);
	return NULL;
}

static const char *
col_valid_from(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	return copy_date(row->valid_from, text, "1900-01-01");
}

static const char *
col_valid_to(struct import *im, struct import_row *row, const char *text)
{
	(void)im;
	return copy_date(row->valid_to, text, "");
}

static int
add_criterion(struct import *im, const char *code, unsigned no)
{
	struct criterion_row *grown;
	size_t cap;

	if (im->ncriteria == im->capcriteria) {
		cap = im->capcriteria ? im->capcriteria * 2 : 256;
		if ((grown = realloc(im->criteria, cap * sizeof(*grown))) == NULL)
			return -1;
		im->criteria = grown;
		im->capcriteria = cap;
	}
	grown = &im->criteria[im->ncriteria++];
	snprintf(grown->code, sizeof(grown->code), "%s", code);
	grown->code_ind = STMT_INDICATOR_NTS;
	grown->no = (unsigned short)no;
	return 0;
}

/* "4 7": criterion numbers separated by spaces, each once. The code column comes first,
 * so row->code is known here. */
static const char *
col_criteria(struct import *im, struct import_row *row, const char *text)
{
	unsigned seen[BC_ADMIN_CRITERIA_MAX], no;
	size_t nseen = 0, i;
	const char *p = text;
	char *end;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return NULL;
		if (!isdigit((unsigned char)*p))
			return "is not a list of criterion numbers separated by spaces";
		errno = 0;
		no = (unsigned)strtoul(p, &end, 10);
		if (errno != 0 || no < 1 || no > 999 || (*end != ' ' && *end != '\0'))
			return "has a criterion number outside 1..999";
		for (i = 0; i < nseen; i++)
			if (seen[i] == no)
				return "names a criterion twice";
		if (nseen == N(seen))
			return "names too many criteria";
		seen[nseen++] = no;
		if (add_criterion(im, row->code, no) != 0)
			return "could not be stored: out of memory";
		p = end;
	}
}

static const struct {
	const char *name;
	column_fn fn;
} columns[COL__MAX] = {
	[COL_CODE] = { "code", col_code },
	[COL_KIND] = { "kind", col_kind },
	[COL_PARENT] = { "parent_code", col_parent },
	[COL_NAME] = { "name", col_name },
	[COL_TYPE] = { "type", col_type },
	[COL_VALID_FROM] = { "valid_from", col_valid_from },
	[COL_VALID_TO] = { "valid_to", col_valid_to },
	[COL_SUCCESSOR] = { "successor_code", col_successor },
	[COL_CRITERIA] = { "criteria", col_criteria },
};

/* ---- the import: reading and checking the file ------------------------------------------- */

static enum bc_err
row_err(struct import *im, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum bc_err
row_err(struct import *im, unsigned long line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return set_err(im->ad, BC_E_INVALID, "%s:%lu: %s", im->path, line, msg);
}

static enum bc_err
read_file(struct bc_admin *ad, const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t cap = 0, n = 0, got;
	enum bc_err e = BC_OK;

	if (f == NULL)
		return set_err(ad, BC_E_INVALID, "%s: %s", path, strerror(errno));
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			if ((grown = realloc(buf, cap + 1)) == NULL) {
				e = set_err(ad, BC_E_INTERNAL, "%s: out of memory", path);
				goto cleanup;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f))
		e = set_err(ad, BC_E_INVALID, "%s: %s", path, strerror(errno));
cleanup:
	fclose(f);
	if (e != BC_OK) {
		free(buf);
		return e;
	}
	*data = buf;
	*len = n;
	return BC_OK;
}

static enum bc_err
read_header(struct import *im, struct csv *c)
{
	char *fields[COL__MAX + 1], joined[256] = "";
	unsigned long line;
	int n, i;
	size_t f;

	if (c->end - c->r >= 3 && memcmp(c->r, "\xef\xbb\xbf", 3) == 0)
		c->r += 3;	/* a byte order mark, as spreadsheets write */
	if ((n = csv_next(c, fields, (int)N(fields), &line)) <= 0)
		return row_err(im, line, "no header line");
	for (i = 0; i < n && i < (int)N(fields); i++)
		snprintf(joined + strlen(joined), sizeof(joined) - strlen(joined), "%s%s",
		    i > 0 ? "," : "", fields[i]);
	for (f = 0; f < N(formats); f++)
		if (n == formats[f].ncols && strcmp(joined, formats[f].header) == 0) {
			im->format = &formats[f];
			return BC_OK;
		}
	return row_err(im, line, "the header is neither \"%s\" nor \"%s\"", formats[0].header,
	    formats[1].header);
}

static struct import_row *
new_row(struct import *im)
{
	struct import_row *grown;
	size_t cap;

	if (im->nrows == im->caprows) {
		cap = im->caprows ? im->caprows * 2 : 1024;
		if ((grown = realloc(im->rows, cap * sizeof(*grown))) == NULL)
			return NULL;
		im->rows = grown;
		im->caprows = cap;
	}
	grown = &im->rows[im->nrows++];
	memset(grown, 0, sizeof(*grown));
	return grown;
}

/* Rules between the columns of one row. */
static enum bc_err
check_row(struct import *im, const struct import_row *row)
{
	int province = strcmp(row->kind, "province") == 0;

	if (province && row->parent[0] != '\0')
		return row_err(im, row->line, "province %s has a parent_code (%s)", row->code,
		    row->parent);
	if (!province && row->parent[0] == '\0')
		return row_err(im, row->line, "%s %s has no parent_code", row->kind, row->code);
	if (strcmp(row->parent, row->code) == 0)
		return row_err(im, row->line, "unit %s is its own parent", row->code);
	if (strcmp(row->successor, row->code) == 0)
		return row_err(im, row->line, "unit %s is its own successor", row->code);
	if (row->valid_to[0] != '\0' && strcmp(row->valid_to, row->valid_from) < 0)
		return row_err(im, row->line, "valid_to %s is before valid_from %s",
		    row->valid_to, row->valid_from);
	return BC_OK;
}

static enum bc_err
read_row(struct import *im, char **fields, int n, unsigned long line)
{
	struct import_row *row;
	const char *why;
	char shown[80];
	int i;

	if (n != im->format->ncols)
		return row_err(im, line, "expected %d fields, found %d", im->format->ncols, n);
	if ((row = new_row(im)) == NULL)
		return set_err(im->ad, BC_E_INTERNAL, "%s: out of memory", im->path);
	row->line = line;
	snprintf(row->valid_from, sizeof(row->valid_from), "1900-01-01");
	for (i = 0; i < n; i++)
		if ((why = columns[i].fn(im, row, fields[i])) != NULL)
			return row_err(im, line, "%s \"%s\" %s",
			    i == COL_KIND ? im->format->kind_column : columns[i].name,
			    printable(fields[i], shown, sizeof(shown)), why);
	return check_row(im, row);
}

static enum bc_err
read_rows(struct import *im, char *data, size_t len)
{
	struct csv c = { data, data, data + len, 1 };
	char *fields[COL__MAX];
	unsigned long line;
	enum bc_err e;
	int n;

	data[len] = '\0';	/* the spare byte read_file keeps: the last field's end */
	if ((e = read_header(im, &c)) != BC_OK)
		return e;
	while ((n = csv_next(&c, fields, (int)N(fields), &line)) != CSV_END) {
		if (n == CSV_BAD)
			return row_err(im, line, "a double quote out of place (RFC 4180: a quoted "
			    "field is entirely quoted, with \"\" for a quote inside)");
		if ((e = read_row(im, fields, n, line)) != BC_OK)
			return e;
	}
	return BC_OK;
}

/* ---- the import: codes, parents, provinces ----------------------------------------------- */

static size_t
hash_code(const char *s)
{
	size_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The row with this code, or -1. */
static long
find_row(const struct import *im, const char *code)
{
	size_t i = hash_code(code) & (im->nslots - 1);

	for (; im->slots[i] != 0; i = (i + 1) & (im->nslots - 1))
		if (strcmp(im->rows[im->slots[i] - 1].code, code) == 0)
			return (long)(im->slots[i] - 1);
	return -1;
}

/* Index every code; a code twice in one file is an error. */
static enum bc_err
index_rows(struct import *im)
{
	size_t i, slot;
	long other;

	for (im->nslots = 16; im->nslots < im->nrows * 2; im->nslots *= 2)
		;
	if ((im->slots = calloc(im->nslots, sizeof(*im->slots))) == NULL)
		return set_err(im->ad, BC_E_INTERNAL, "%s: out of memory", im->path);
	for (i = 0; i < im->nrows; i++) {
		if ((other = find_row(im, im->rows[i].code)) >= 0)
			return row_err(im, im->rows[i].line, "code %s already on line %lu",
			    im->rows[i].code, im->rows[other].line);
		slot = hash_code(im->rows[i].code) & (im->nslots - 1);
		while (im->slots[slot] != 0)
			slot = (slot + 1) & (im->nslots - 1);
		im->slots[slot] = i + 1;
	}
	return BC_OK;
}

/* The province of a unit of the registry (the last answer is remembered: a file of agencies
 * names the same parent on every row). 1 found, 0 not in the registry, -1 error. */
static int
registry_province(struct import *im, const char *code, char province[33])
{
	struct bc_admin_unit u;
	int got;

	if (strcmp(code, im->last_parent) == 0) {
		memcpy(province, im->last_province, 33);
		return 1;
	}
	if ((got = unit_row(im->ad, code, &u)) != 1)
		return got;
	snprintf(im->last_parent, sizeof(im->last_parent), "%s", code);
	memcpy(im->last_province, u.unit.province, 33);
	memcpy(province, u.unit.province, 33);
	return 1;
}

/* Deeper than any administrative hierarchy; a longer chain is a cycle. */
#define CHAIN_MAX 16

/* Follow parents from row i until a row whose province is known, a province, or a parent
 * outside the file; then give every row on the way that province. */
static enum bc_err
resolve_province(struct import *im, size_t i)
{
	size_t chain[CHAIN_MAX], n = 0, k;
	char province[33];
	struct import_row *r;
	long parent;
	int got;

	for (;;) {
		r = &im->rows[i];
		if (r->province[0] != '\0') {
			memcpy(province, r->province, sizeof(province));
			break;
		}
		if (n == CHAIN_MAX)
			return row_err(im, r->line, "the parents of %s do not reach a province "
			    "(a cycle?)", im->rows[chain[0]].code);
		chain[n++] = i;
		if (strcmp(r->kind, "province") == 0) {
			memcpy(province, r->code, sizeof(province));
			break;
		}
		if ((parent = find_row(im, r->parent)) >= 0) {
			i = (size_t)parent;
			continue;
		}
		if ((got = registry_province(im, r->parent, province)) < 0)
			return BC_E_DB;
		if (got == 0) {
			row_err(im, r->line, "parent_code %s of %s is neither in this file nor in "
			    "the registry", r->parent, r->code);
			return BC_E_NOT_FOUND;
		}
		break;
	}
	for (k = 0; k < n; k++)
		memcpy(im->rows[chain[k]].province, province, sizeof(province));
	return BC_OK;
}

static enum bc_err
check_successor(struct import *im, const struct import_row *r)
{
	struct bc_admin_unit u;
	int got;

	if (r->successor[0] == '\0' || find_row(im, r->successor) >= 0)
		return BC_OK;
	if ((got = unit_row(im->ad, r->successor, &u)) < 0)
		return BC_E_DB;
	if (got == 0) {
		row_err(im, r->line, "successor_code %s of %s is neither in this file nor in the "
		    "registry", r->successor, r->code);
		return BC_E_NOT_FOUND;
	}
	return BC_OK;
}

/* Whose child each kind may be (DOMAIN.md "Units"): a district a province's, a commune a
 * district's or, since the two-tier reform of 1 July 2025, a province's; a Fatherland Front
 * committee is at every level; a department and the office are the province's. */
static const unsigned parent_kinds[BC_UNIT__MAX] = {
	[BC_UNIT_DISTRICT] = K(BC_UNIT_PROVINCE),
	[BC_UNIT_COMMUNE] = K(BC_UNIT_DISTRICT) | K(BC_UNIT_PROVINCE),
	[BC_UNIT_DEPARTMENT] = K(BC_UNIT_PROVINCE),
	[BC_UNIT_FRONT] = K(BC_UNIT_PROVINCE) | K(BC_UNIT_DISTRICT) | K(BC_UNIT_COMMUNE),
	[BC_UNIT_OFFICE] = K(BC_UNIT_PROVINCE),
};

static int
by_known_code(const void *a, const void *b)
{
	return strcmp(((const struct known_kind *)a)->code, ((const struct known_kind *)b)->code);
}

/* The registry's kinds, in one query rather than one per row of a national file. */
static enum bc_err
read_known_kinds(struct import *im)
{
	MYSQL_STMT *s = im->ad->stmt[STMT_UNIT_KINDS];
	struct known_kind k, *grown;
	struct bc_out_str o[2];
	MYSQL_BIND res[2];
	char kind[17];
	size_t cap = 0;
	int rc;

	im->known_read = 1;
	bc_bind_out_str(&res[0], &o[0], k.code, sizeof(k.code));
	bc_bind_out_str(&res[1], &o[1], kind, sizeof(kind));
	if (mysql_stmt_execute(s) != 0 || mysql_stmt_bind_result(s, res) != 0 ||
	    mysql_stmt_store_result(s) != 0) {
		stmt_failed(im->ad, s);
		return BC_E_DB;
	}
	while ((rc = mysql_stmt_fetch(s)) == 0) {
		bc_finish_out_str(o, 2);
		k.kind = bc_unit_kind_from_name(kind);
		if (im->nknown == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((grown = realloc(im->known, cap * sizeof(*grown))) == NULL) {
				mysql_stmt_free_result(s);
				return set_err(im->ad, BC_E_INTERNAL, "out of memory");
			}
			im->known = grown;
		}
		im->known[im->nknown++] = k;
	}
	mysql_stmt_free_result(s);
	if (rc != MYSQL_NO_DATA) {
		stmt_failed(im->ad, s);
		return BC_E_DB;
	}
	if (im->nknown > 0)
		qsort(im->known, im->nknown, sizeof(*im->known), by_known_code);
	return BC_OK;
}

/* The kind of code in the file, else in the registry; -1 for neither. */
static int
kind_of(const struct import *im, const char *code, int in_registry_only)
{
	struct known_kind key, *hit;
	long in_file;

	if (!in_registry_only && (in_file = find_row(im, code)) >= 0)
		return bc_unit_kind_from_name(im->rows[in_file].kind);
	snprintf(key.code, sizeof(key.code), "%s", code);
	hit = im->nknown > 0 ? bsearch(&key, im->known, im->nknown, sizeof(key), by_known_code) :
	    NULL;
	return hit != NULL ? hit->kind : -1;
}

/* A unit keeps its kind (a new kind is a new unit, with a code of its own: its reports,
 * grants and credentials were a commune's, say), and its parent is of a kind that may
 * have it. */
static enum bc_err
check_kinds(struct import *im, const struct import_row *r)
{
	int kind = bc_unit_kind_from_name(r->kind), was, parent_kind;
	enum bc_err e;

	if (!im->known_read && (e = read_known_kinds(im)) != BC_OK)
		return e;
	if ((was = kind_of(im, r->code, 1)) >= 0 && was != kind)
		return row_err(im, r->line, "%s is a %s in the registry, not a %s: a unit does not "
		    "change kind (a new one has a code of its own)", r->code,
		    bc_unit_kind_name((enum bc_unit_kind)was), r->kind);
	if (r->parent[0] == '\0')
		return BC_OK;
	parent_kind = kind_of(im, r->parent, 0);
	if (kind >= 0 && parent_kind >= 0 && !(parent_kinds[kind] & K(parent_kind)))
		return row_err(im, r->line, "%s %s cannot have the %s %s for its parent", r->kind,
		    r->code, bc_unit_kind_name((enum bc_unit_kind)parent_kind), r->parent);
	return BC_OK;
}

static enum bc_err
resolve_rows(struct import *im)
{
	enum bc_err e;
	size_t i;

	if ((e = index_rows(im)) != BC_OK)
		return e;
	for (i = 0; i < im->nrows; i++)
		if ((e = resolve_province(im, i)) != BC_OK ||
		    (e = check_successor(im, &im->rows[i])) != BC_OK ||
		    (e = check_kinds(im, &im->rows[i])) != BC_OK)
			return e;
	return BC_OK;
}

/* ---- the import: writing ----------------------------------------------------------------- */

/* NTS for a value, NULL for an empty optional column. */
static char
indicator(const char *value)
{
	return value[0] != '\0' ? STMT_INDICATOR_NTS : STMT_INDICATOR_NULL;
}

static void
set_indicators(struct import_row *r)
{
	r->code_ind = r->kind_ind = r->province_ind = r->name_ind = STMT_INDICATOR_NTS;
	r->valid_from_ind = STMT_INDICATOR_NTS;
	r->parent_ind = indicator(r->parent);
	r->type_ind = indicator(r->type);
	r->valid_to_ind = indicator(r->valid_to);
	r->successor_ind = indicator(r->successor);
}

static int
upsert_units(struct bc_admin *ad, const struct format *format, struct import_row *r, unsigned n)
{
	MYSQL_BIND p[9];

	bc_bind_row(&p[0], MYSQL_TYPE_STRING, r->code, &r->code_ind);
	bc_bind_row(&p[1], MYSQL_TYPE_STRING, r->kind, &r->kind_ind);
	bc_bind_row(&p[2], MYSQL_TYPE_STRING, r->parent, &r->parent_ind);
	bc_bind_row(&p[3], MYSQL_TYPE_STRING, r->province, &r->province_ind);
	bc_bind_row(&p[4], MYSQL_TYPE_STRING, r->name, &r->name_ind);
	bc_bind_row(&p[5], MYSQL_TYPE_STRING, r->type, &r->type_ind);
	bc_bind_row(&p[6], MYSQL_TYPE_STRING, r->valid_from, &r->valid_from_ind);
	bc_bind_row(&p[7], MYSQL_TYPE_STRING, r->valid_to, &r->valid_to_ind);
	bc_bind_row(&p[8], MYSQL_TYPE_STRING, r->successor, &r->successor_ind);
	return run_bulk(ad, format->validity ? STMT_UNIT_UPSERT : STMT_UNIT_UPSERT_KEEP_VALIDITY, p,
	    n, sizeof(*r));
}

static int
delete_criteria(struct bc_admin *ad, struct import_row *r, unsigned n)
{
	MYSQL_BIND p;

	bc_bind_row(&p, MYSQL_TYPE_STRING, r->code, &r->code_ind);
	return run_bulk(ad, STMT_CRITERIA_DELETE, &p, n, sizeof(*r));
}

static int
insert_criteria(struct bc_admin *ad, struct criterion_row *c, unsigned n)
{
	MYSQL_BIND p[2];

	bc_bind_row(&p[0], MYSQL_TYPE_STRING, c->code, &c->code_ind);
	bc_bind_row(&p[1], MYSQL_TYPE_SHORT, &c->no, NULL);
	return run_bulk(ad, STMT_CRITERIA_INSERT, p, n, sizeof(*c));
}

static unsigned
batch_of(size_t done, size_t total)
{
	return (unsigned)(total - done < IMPORT_BATCH ? total - done : IMPORT_BATCH);
}

static enum bc_err
write_rows(struct import *im, bc_admin_progress progress, void *arg)
{
	size_t done, i;
	unsigned n;

	for (i = 0; i < im->nrows; i++)
		set_indicators(&im->rows[i]);
	for (done = 0; done < im->nrows; done += n) {
		n = batch_of(done, im->nrows);
		if (upsert_units(im->ad, im->format, &im->rows[done], n) != 0 ||
		    (im->format->criteria && delete_criteria(im->ad, &im->rows[done], n) != 0))
			return BC_E_DB;
		if (progress != NULL)
			progress(arg, done + n, im->nrows);
	}
	for (done = 0; done < im->ncriteria; done += n) {
		n = batch_of(done, im->ncriteria);
		if (insert_criteria(im->ad, &im->criteria[done], n) != 0)
			return BC_E_DB;
	}
	return BC_OK;
}

enum bc_err
bc_admin_import_units(struct bc_admin *ad, const char *path, size_t *rows,
    bc_admin_progress progress, void *progress_arg)
{
	struct import im;
	char *data = NULL;
	size_t len = 0;
	enum bc_err e;

	memset(&im, 0, sizeof(im));
	im.ad = ad;
	im.path = path;
	*rows = 0;
	if ((e = read_file(ad, path, &data, &len)) != BC_OK)
		goto cleanup;
	if ((e = read_rows(&im, data, len)) != BC_OK || (e = resolve_rows(&im)) != BC_OK ||
	    (e = write_rows(&im, progress, progress_arg)) != BC_OK)
		goto cleanup;
	*rows = im.nrows;
cleanup:
	if (e == BC_E_DB && strncmp(ad->err, path, strlen(path)) != 0) {
		char inner[sizeof(ad->err)];

		memcpy(inner, ad->err, sizeof(inner));
		set_err(ad, e, "%s: %s", path, inner);
	}
	free(data);
	free(im.rows);
	free(im.known);
	free(im.criteria);
	free(im.slots);
	return finish(ad, e);
}

/* ---- credentials ------------------------------------------------------------------------- */

/* credentials.digest of a token: SHA-256 of its 64 characters, lower-case hex. */
static enum bc_err
token_digest(struct bc_admin *ad, const char *token, char digest[65])
{
	if (bc_sha256_hex(token, strlen(token), digest) != 0)
		return set_err(ad, BC_E_INTERNAL, "SHA-256 failed");
	return BC_OK;
}

static enum bc_err
insert_credential(struct bc_admin *ad, const char *unit, const char *kind, const char *digest,
    const char *label)
{
	MYSQL_BIND p[4];

	bc_bind_str(&p[0], unit);
	bc_bind_str(&p[1], kind);
	bc_bind_str(&p[2], digest);
	bc_bind_str(&p[3], label);
	if (run(ad, STMT_CREDENTIAL_INSERT, p) >= 0)
		return BC_OK;
	if (ad->last_errno == ER_DUP_ENTRY)
		return set_err(ad, BC_E_CONFLICT, "this %s is already registered", kind);
	return BC_E_DB;
}

/* Labels go into an ASCII column and are shown to operators: printable ASCII only. */
static int
is_label(const char *s)
{
	size_t n = strlen(s), i;

	if (n > 200)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

/* A unit a credential may be issued to: any but a province, which files nothing (PROTOCOL.md)
 * and whose reports its coordination office reads; a province's credential would read the
 * whole province yet no district of it. */
static enum bc_err
need_credential_holder(struct bc_admin *ad, const char *code, struct bc_admin_unit *u)
{
	enum bc_err e;

	if ((e = need_unit(ad, code, u)) != BC_OK)
		return e;
	if (u->unit.kind == BC_UNIT_PROVINCE)
		return set_err(ad, BC_E_INVALID, "%s is a province, which files and reads nothing "
		    "itself: issue the credential to its coordination office (000.00.30.H…)", code);
	return BC_OK;
}

enum bc_err
bc_admin_credential_holder(struct bc_admin *ad, const char *unit)
{
	struct bc_admin_unit u;

	return finish(ad, need_credential_holder(ad, unit, &u));
}

enum bc_err
bc_admin_token_issue(struct bc_admin *ad, const char *unit, const char *label,
    char token[BC_ADMIN_TOKEN_LEN + 1])
{
	unsigned char raw[BC_ADMIN_TOKEN_LEN / 2];
	struct bc_admin_unit u;
	char digest[65];
	enum bc_err e;

	token[0] = '\0';
	if (!is_label(label)) {
		e = set_err(ad, BC_E_INVALID, "a label is printable ASCII, at most 200 characters");
		goto cleanup;
	}
	if ((e = need_credential_holder(ad, unit, &u)) != BC_OK)
		goto cleanup;
	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		e = set_err(ad, BC_E_INTERNAL, "OpenSSL gave no random bytes");
		goto cleanup;
	}
	bc_hex(token, raw, sizeof(raw));
	if ((e = token_digest(ad, token, digest)) != BC_OK)
		goto cleanup;
	e = insert_credential(ad, unit, "token", digest, label);
cleanup:
	OPENSSL_cleanse(raw, sizeof(raw));
	e = finish(ad, e);
	if (e != BC_OK)
		OPENSSL_cleanse(token, BC_ADMIN_TOKEN_LEN + 1);
	return e;
}

/* Revoke the credential of this kind and digest; BC_E_NOT_FOUND when there is none. */
static enum bc_err
revoke_credential(struct bc_admin *ad, const char *kind, const char *digest)
{
	MYSQL_BIND p[2];
	long long matched;

	bc_bind_str(&p[0], kind);
	bc_bind_str(&p[1], digest);
	if ((matched = run(ad, STMT_CREDENTIAL_REVOKE, p)) < 0)
		return BC_E_DB;
	if (matched == 0)
		return set_err(ad, BC_E_NOT_FOUND, "no such %s is registered", kind);
	return BC_OK;
}

enum bc_err
bc_admin_token_revoke(struct bc_admin *ad, const char *token)
{
	char lower[BC_ADMIN_TOKEN_LEN + 1], digest[65];
	enum bc_err e;
	size_t i;

	/* Never echo the argument: it may be a live token with a typo. */
	if (strlen(token) != BC_ADMIN_TOKEN_LEN || !is_hex(token, BC_ADMIN_TOKEN_LEN))
		return finish(ad, set_err(ad, BC_E_INVALID,
		    "a token is %d hexadecimal characters", BC_ADMIN_TOKEN_LEN));
	for (i = 0; i <= BC_ADMIN_TOKEN_LEN; i++)
		lower[i] = (char)tolower((unsigned char)token[i]);
	e = token_digest(ad, lower, digest);
	OPENSSL_cleanse(lower, sizeof(lower));
	if (e == BC_OK)
		e = revoke_credential(ad, "token", digest);
	return finish(ad, e);
}

enum bc_err
bc_admin_token_revoke_unit(struct bc_admin *ad, const char *unit, size_t *revoked)
{
	struct bc_admin_unit u;
	MYSQL_BIND p;
	long long matched;
	enum bc_err e;

	*revoked = 0;
	if ((e = need_unit(ad, unit, &u)) == BC_OK) {
		bc_bind_str(&p, unit);
		if ((matched = run(ad, STMT_TOKEN_REVOKE_UNIT, &p)) < 0)
			e = BC_E_DB;
		else
			*revoked = (size_t)matched;
	}
	return finish(ad, e);
}

/* A certificate's credential digest: its fingerprint (40 or 64 hex digits, as nginx's
 * $ssl_client_fingerprint or a SHA-256 one) in lower case, as auth.c looks it up. */
static enum bc_err
fingerprint_digest(struct bc_admin *ad, const char *fingerprint, char digest[65])
{
	size_t n = strlen(fingerprint), i;

	if ((n != 40 && n != 64) || !is_hex(fingerprint, n))
		return set_err(ad, BC_E_INVALID, "a fingerprint is 40 or 64 hexadecimal characters");
	for (i = 0; i <= n; i++)
		digest[i] = (char)tolower((unsigned char)fingerprint[i]);
	return BC_OK;
}

enum bc_err
bc_admin_cert_add(struct bc_admin *ad, const char *unit, const char *fingerprint)
{
	struct bc_admin_unit u;
	char digest[65];
	enum bc_err e;

	if ((e = fingerprint_digest(ad, fingerprint, digest)) == BC_OK &&
	    (e = need_credential_holder(ad, unit, &u)) == BC_OK)
		e = insert_credential(ad, unit, "certificate", digest, "");
	return finish(ad, e);
}

enum bc_err
bc_admin_cert_revoke(struct bc_admin *ad, const char *fingerprint)
{
	char digest[65];
	enum bc_err e;

	if ((e = fingerprint_digest(ad, fingerprint, digest)) == BC_OK)
		e = revoke_credential(ad, "certificate", digest);
	return finish(ad, e);
}

/* ---- grants ------------------------------------------------------------------------------ */

/* The grant rule of bc_unit_may_file, with a reason when it does not hold. */
static enum bc_err
check_grant(struct bc_admin *ad, const struct bc_unit *district, const struct bc_unit *commune)
{
	if (district->kind != BC_UNIT_DISTRICT)
		return set_err(ad, BC_E_FORBIDDEN, "%s is a %s, not a district", district->code,
		    bc_unit_kind_name(district->kind));
	if (commune->kind != BC_UNIT_COMMUNE)
		return set_err(ad, BC_E_FORBIDDEN, "%s is a %s, not a commune", commune->code,
		    bc_unit_kind_name(commune->kind));
	if (strcmp(commune->parent, district->code) != 0)
		return set_err(ad, BC_E_FORBIDDEN, "commune %s belongs to district %s, not to %s",
		    commune->code, commune->parent, district->code);
	return BC_OK;
}

enum bc_err
bc_admin_grant(struct bc_admin *ad, const char *district, const char *commune)
{
	struct bc_admin_unit d, c;
	MYSQL_BIND p[2];
	enum bc_err e;

	if ((e = need_unit(ad, district, &d)) != BC_OK || (e = need_unit(ad, commune, &c)) != BC_OK ||
	    (e = check_grant(ad, &d.unit, &c.unit)) != BC_OK)
		return finish(ad, e);
	bc_bind_str(&p[0], district);
	bc_bind_str(&p[1], commune);
	if (run(ad, STMT_GRANT, p) < 0)
		e = BC_E_DB;
	return finish(ad, e);
}

enum bc_err
bc_admin_ungrant(struct bc_admin *ad, const char *district, const char *commune)
{
	MYSQL_BIND p[2];
	long long matched;
	enum bc_err e = BC_OK;

	if (!is_code(district, 32) || !is_code(commune, 32))
		return finish(ad, set_err(ad, BC_E_NOT_FOUND, "no such unit: a unit code is at most "
		    "32 letters, digits, '.', '-' or '_'"));
	bc_bind_str(&p[0], district);
	bc_bind_str(&p[1], commune);
	if ((matched = run(ad, STMT_UNGRANT, p)) < 0)
		e = BC_E_DB;
	else if (matched == 0)
		e = set_err(ad, BC_E_NOT_FOUND, "%s was never granted %s", district, commune);
	return finish(ad, e);
}

/* ---- ad hoc requests --------------------------------------------------------------------- */

/* One addressed unit exists, in the office's province, and is named once; and it can
 * answer: a province files no report (its office does: catalogue.xml gives the province no
 * cadence), and a unit must exist on the due date, which completeness holds each unit asked
 * to (merged away by then, its successor is the one to ask). */
static enum bc_err
check_addressee(struct bc_admin *ad, const struct bc_unit *office, struct bc_date due,
    const char *const *units, size_t i)
{
	struct bc_admin_unit u;
	char day[11];
	enum bc_err e;
	size_t j;

	if ((e = need_unit(ad, units[i], &u)) != BC_OK)
		return e;
	for (j = 0; j < i; j++)
		if (strcmp(units[i], units[j]) == 0)
			return set_err(ad, BC_E_INVALID, "unit %s is named twice", units[i]);
	if (strcmp(u.unit.province, office->province) != 0)
		return set_err(ad, BC_E_FORBIDDEN, "unit %s is in province %s; office %s asks only "
		    "units of province %s", units[i], u.unit.province, office->code,
		    office->province);
	if (u.unit.kind == BC_UNIT_PROVINCE)
		return set_err(ad, BC_E_INVALID, "%s is a province, which files no report; its "
		    "office %s answers for it", units[i], office->code);
	bc_date_format(day, due);
	if (!bc_unit_valid_during(&u.unit, due, due))
		return set_err(ad, BC_E_INVALID, "unit %s does not exist on the due date %s%s%s",
		    units[i], day, u.unit.successor[0] ? "; it was merged into " : "",
		    u.unit.successor);
	return BC_OK;
}

/* Every addressed unit checked: without problem, up to the first that cannot be asked (its
 * message the admin's); with it, each told to it, so that the sender learns of all at once.
 * The error is the first one's. */
static enum bc_err
check_addressees(struct bc_admin *ad, const struct bc_unit *office, struct bc_date due,
    const char *const *units, size_t n, bc_admin_problem_fn problem, void *arg)
{
	enum bc_err first = BC_OK, e;
	size_t i;

	if (n == 0)
		return set_err(ad, BC_E_INVALID, "a request is addressed to at least one unit");
	for (i = 0; i < n; i++) {
		if ((e = check_addressee(ad, office, due, units, i)) == BC_OK)
			continue;
		if (e == BC_E_DB || problem == NULL)
			return e;
		problem(arg, i, ad->err);
		if (first == BC_OK)
			first = e;
	}
	return first;
}

static enum bc_err
insert_request(struct bc_admin *ad, const char *code, struct bc_date due, const char *subject,
    const struct bc_unit *office, const char *const *units, size_t n)
{
	MYSQL_BIND p[5];
	char day[11];
	size_t i;

	bc_date_format(day, due);
	bc_bind_str(&p[0], code);
	bc_bind_str(&p[1], office->province);
	bc_bind_str(&p[2], subject);
	bc_bind_str(&p[3], day);
	bc_bind_str(&p[4], office->code);
	if (run(ad, STMT_REQUEST_INSERT, p) < 0)
		return ad->last_errno == ER_DUP_ENTRY ?
		    set_err(ad, BC_E_CONFLICT, "request %s is already registered", code) : BC_E_DB;
	for (i = 0; i < n; i++) {
		bc_bind_str(&p[0], code);
		bc_bind_str(&p[1], units[i]);
		if (run(ad, STMT_REQUEST_UNIT_INSERT, p) < 0)
			return BC_E_DB;
	}
	return BC_OK;
}

enum bc_err
bc_admin_request_add(struct bc_admin *ad, const char *code, struct bc_date due,
    const char *subject, const char *office, const char *const *units, size_t nunits,
    bc_admin_problem_fn problem, void *arg)
{
	char text[2001], shown[80];
	struct bc_admin_unit o;
	const char *why = NULL;
	enum bc_err e;

	if (!bc_request_code_valid(code))
		e = set_err(ad, BC_E_INVALID, "request code \"%s\" is not up to 64 letters, "
		    "digits and \"._-\" in parts joined by '/', each beginning with a letter or "
		    "digit", printable(code, shown, sizeof(shown)));
	else if (!bc_date_valid(due))
		e = set_err(ad, BC_E_INVALID, "the due date is not a date");
	else if (subject[0] == '\0' || (why = nfc_text(subject, text, sizeof(text), 500)) != NULL)
		e = set_err(ad, BC_E_INVALID, "the subject %s", subject[0] == '\0' ? "is empty" : why);
	else if ((e = need_unit(ad, office, &o)) == BC_OK && o.unit.kind != BC_UNIT_OFFICE)
		e = set_err(ad, BC_E_FORBIDDEN, "%s is a %s; requests are registered by a "
		    "coordination office", office, bc_unit_kind_name(o.unit.kind));
	if (e == BC_OK &&
	    (e = check_addressees(ad, &o.unit, due, units, nunits, problem, arg)) == BC_OK)
		e = insert_request(ad, code, due, text, &o.unit, units, nunits);
	return finish(ad, e);
}

/* ---- targets ----------------------------------------------------------------------------- */

/* A province of the registry, a year a plan can name, each measure once. */
static enum bc_err
check_targets(struct bc_admin *ad, const char *province, int year, const struct bc_target *t,
    size_t n)
{
	struct bc_admin_unit u;
	char a[BC_TARGET_KEY_MAX], b[BC_TARGET_KEY_MAX];
	enum bc_err e;
	size_t i, j;

	if ((e = need_unit(ad, province, &u)) != BC_OK)
		return e;
	if (u.unit.kind != BC_UNIT_PROVINCE)
		return set_err(ad, BC_E_INVALID, "%s is a %s; targets are set for a province",
		    province, bc_unit_kind_name(u.unit.kind));
	if (year < 2000 || year > 9999)
		return set_err(ad, BC_E_INVALID, "the year is from 2000 to 9999");
	if (n > BC_ADMIN_TARGETS_MAX)
		return set_err(ad, BC_E_INVALID, "at most %d targets a year", BC_ADMIN_TARGETS_MAX);
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++) {
			bc_target_key(a, &t[i]);
			bc_target_key(b, &t[j]);
			if (strcmp(a, b) == 0)
				return set_err(ad, BC_E_INVALID, "%s is named twice", a);
		}
	return BC_OK;
}

static enum bc_err
insert_targets(struct bc_admin *ad, const char *province, int year, const struct bc_target *t,
    size_t n)
{
	unsigned y = (unsigned)year, criteria;
	char value[32];
	MYSQL_BIND p[5];
	size_t i;

	bc_bind_str(&p[0], province);
	bc_bind_uint(&p[1], &y);
	if (run(ad, STMT_TARGETS_DELETE, p) < 0)
		return BC_E_DB;
	for (i = 0; i < n; i++) {
		criteria = t[i].criteria;
		snprintf(value, sizeof(value), "%.2f", t[i].value);
		bc_bind_str(&p[2], bc_target_measure_name(t[i].measure));
		bc_bind_uint(&p[3], &criteria);
		bc_bind_str(&p[4], value);
		if (run(ad, STMT_TARGET_INSERT, p) < 0)
			return BC_E_DB;
	}
	return BC_OK;
}

enum bc_err
bc_admin_targets_set(struct bc_admin *ad, const char *province, int year,
    const struct bc_target *targets, size_t n)
{
	enum bc_err e = check_targets(ad, province, year, targets, n);

	if (e == BC_OK)
		e = insert_targets(ad, province, year, targets, n);
	return finish(ad, e);
}

struct targets_read {
	unsigned year, criteria;
	char measure[17], value[32];
	MYSQL_TIME set_at;
	struct bc_out_str o[2];
};

static int
targets_of(struct bc_admin *ad, const char *province, struct bc_target *out, size_t max,
    size_t *n)
{
	MYSQL_STMT *s = ad->stmt[STMT_TARGETS_OF];
	struct targets_read r;
	MYSQL_BIND param, res[5];
	int rc;

	bc_bind_str(&param, province);
	bc_bind_uint(&res[0], &r.year);
	bc_bind_out_str(&res[1], &r.o[0], r.measure, sizeof(r.measure));
	bc_bind_uint(&res[2], &r.criteria);
	bc_bind_out_str(&res[3], &r.o[1], r.value, sizeof(r.value));
	bc_bind_time(&res[4], MYSQL_TYPE_DATETIME, &r.set_at);
	if (mysql_stmt_bind_param(s, &param) != 0 || mysql_stmt_execute(s) != 0 ||
	    mysql_stmt_bind_result(s, res) != 0 || mysql_stmt_store_result(s) != 0)
		return stmt_failed(ad, s);
	while ((rc = mysql_stmt_fetch(s)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		bc_finish_out_str(r.o, N(r.o));
		if (*n >= max || bc_target_from_stored(&out[*n], r.measure, r.criteria, r.value) != 0)
			continue;	/* a measure this build does not know is not shown */
		out[*n].year = (int)r.year;
		out[*n].set_us = bc_from_mysql_datetime(&r.set_at);
		(*n)++;
	}
	mysql_stmt_free_result(s);
	return rc == MYSQL_NO_DATA ? 0 : stmt_failed(ad, s);
}

enum bc_err
bc_admin_targets_get(struct bc_admin *ad, const char *province, struct bc_target *out,
    size_t max, size_t *n)
{
	struct bc_admin_unit u;
	enum bc_err e;

	*n = 0;
	if ((e = need_unit(ad, province, &u)) == BC_OK && targets_of(ad, province, out, max, n) != 0)
		e = BC_E_DB;
	return finish(ad, e);
}
