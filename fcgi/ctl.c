/*
 * ctl — main() of baocaoctl, the operator's command for what the service only reads: the
 * unit registry, credentials, grants, ad hoc requests and the provinces' targets. Commands
 * are rows of one table (words, argument counts, function, usage line), so the usage text
 * and the dispatcher can never disagree. The work itself is in store_admin.c; this file only turns arguments into
 * calls and answers into lines.
 *
 * Errors are one line on standard error, "baocaoctl: …", with exit status 1; a command
 * line that does not fit the table exits 2 with the usage. A token is written once, alone
 * on standard output when issued, and never in any message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>
#include <openssl/crypto.h>

#include "baocao/admin.h"
#include "baocao/config.h"
#include "baocao/ingest.h"
#include "baocao/render.h"
#include "baocao/reports.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum { EXIT_USAGE = 2 };

typedef int (*command_fn)(struct bc_admin *, char **args, int nargs);

/* The one line this command writes for any failure. */
static int
fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("baocaoctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAILURE;
}

static int
failed(struct bc_admin *ad)
{
	return fail("%s", bc_admin_error(ad));
}

/* ---- units ------------------------------------------------------------------------------- */

struct progress {
	int shown;
};

/* "units: N/M rows", rewritten in place after each batch. */
static void
show_progress(void *arg, size_t done, size_t total)
{
	struct progress *p = arg;

	fprintf(stderr, "\runits: %zu/%zu rows", done, total);
	fflush(stderr);
	p->shown = 1;
}

/* One file, with its progress line; the answer of bc_admin_import_units. */
static enum bc_err
import_file(struct bc_admin *ad, const char *path)
{
	struct progress p = { 0 };
	size_t rows;
	enum bc_err e;

	e = bc_admin_import_units(ad, path, &rows, show_progress, &p);
	if (p.shown)
		fputc('\n', stderr);
	if (e == BC_OK) {
		printf("units: imported %zu rows from %s\n", rows, path);
		fflush(stdout);
	}
	return e;
}

/*
 * Files go in the order given, each in its own transaction, except that a file naming a
 * parent that is not in the registry yet waits for the others and is tried again after
 * them: importing every file of sql/units with one shell glob works whatever order the
 * shell lists the agencies and the administrative units in.
 */
static int
cmd_units_import(struct bc_admin *ad, char **args, int nargs)
{
	int i, waiting = nargs, kept, progressed = 1;
	enum bc_err e = BC_OK;
	const char *last = NULL;

	while (waiting > 0 && progressed) {
		progressed = 0;
		for (i = kept = 0; i < waiting; i++) {
			if ((e = import_file(ad, args[i])) == BC_OK)
				progressed = 1;
			else if (e == BC_E_NOT_FOUND)
				args[kept++] = args[i];
			else
				return fail("%s (nothing of %s was stored)", bc_admin_error(ad),
				    args[i]);
			last = args[i];
		}
		waiting = kept;
	}
	if (waiting > 0)
		return fail("%s (nothing of %s was stored)", bc_admin_error(ad), last);
	return EXIT_SUCCESS;
}

static void
print_criteria(const struct bc_admin_unit *u)
{
	size_t i;

	printf("%-10s", "criteria");
	for (i = 0; i < u->ncriteria; i++)
		printf(" %u", u->criteria[i]);
	printf("%s\n", u->ncriteria == 0 ? " -" : "");
}

static int
cmd_units_show(struct bc_admin *ad, char **args, int nargs)
{
	struct bc_admin_unit u;
	char from[11], to[11];

	(void)nargs;
	if (bc_admin_unit_get(ad, args[0], &u) != BC_OK)
		return failed(ad);
	bc_date_format(from, u.unit.valid_from);
	if (u.unit.has_valid_to)
		bc_date_format(to, u.unit.valid_to);
	printf("%-10s %s\n", "code", u.unit.code);
	printf("%-10s %s\n", "kind", bc_unit_kind_name(u.unit.kind));
	printf("%-10s %s\n", "name", u.unit.name);
	printf("%-10s %s\n", "type", u.type_name[0] != '\0' ? u.type_name : "-");
	printf("%-10s %s\n", "parent", u.unit.parent[0] != '\0' ? u.unit.parent : "-");
	printf("%-10s %s\n", "province", u.unit.province);
	printf("%-10s %s .. %s\n", "valid", from, u.unit.has_valid_to ? to : "(still valid)");
	printf("%-10s %s\n", "successor", u.unit.successor[0] != '\0' ? u.unit.successor : "-");
	print_criteria(&u);
	return EXIT_SUCCESS;
}

/* ---- credentials ------------------------------------------------------------------------- */

static int
cmd_token_issue(struct bc_admin *ad, char **args, int nargs)
{
	char token[BC_ADMIN_TOKEN_LEN + 1];
	int rc = EXIT_SUCCESS;

	if (bc_admin_token_issue(ad, args[0], nargs > 1 ? args[1] : "", token) != BC_OK)
		return failed(ad);
	if (printf("%s\n", token) < 0 || fflush(stdout) != 0)
		rc = fail("could not write the token to standard output; it is stored, "
		    "so revoke the unit's tokens with token revoke-unit");
	OPENSSL_cleanse(token, sizeof(token));
	return rc;
}

/* The unit codes of standard input, one a line, each NUL-terminated in codes. */
static int
read_codes(struct bc_buf *codes)
{
	char line[64];
	unsigned long n;

	for (n = 1; fgets(line, sizeof(line), stdin) != NULL; n++) {
		if (strchr(line, '\n') == NULL && !feof(stdin))	/* cut: no code is that long */
			return fail("token issue-many: line %lu is longer than any unit code", n);
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '\0')
			bc_buf_append(codes, line, strlen(line) + 1);
	}
	return codes->oom ? fail("out of memory reading the codes") : EXIT_SUCCESS;
}

/* Tokens for many units over one connection: unit codes on standard input, one a line;
 * "code<TAB>token" lines out. For loading a whole registry's credentials (the benchmark's
 * deadline day issues one per unit of the country). Every code is checked before the first
 * token is issued: a batch with a wrong code issues none, rather than leave live tokens the
 * operator meant to run again. */
static int
cmd_token_issue_many(struct bc_admin *ad, char **args, int nargs)
{
	char token[BC_ADMIN_TOKEN_LEN + 1];
	const char *label = nargs > 0 ? args[0] : "", *code;
	struct bc_buf codes = { 0 };
	int rc = read_codes(&codes);
	size_t i;

	for (i = 0; rc == EXIT_SUCCESS && i < codes.len; i += strlen(code) + 1) {
		code = codes.data + i;
		if (bc_admin_credential_holder(ad, code) != BC_OK)
			rc = failed(ad);
	}
	for (i = 0; rc == EXIT_SUCCESS && i < codes.len; i += strlen(code) + 1) {
		code = codes.data + i;
		if (bc_admin_token_issue(ad, code, label, token) != BC_OK)
			rc = failed(ad);
		else if (printf("%s\t%s\n", code, token) < 0)
			rc = fail("could not write a token to standard output");
		OPENSSL_cleanse(token, sizeof(token));
	}
	if (fflush(stdout) != 0)
		rc = fail("could not write the tokens to standard output");
	bc_buf_free(&codes);
	return rc;
}

/* "-" reads the token from standard input, so it need not appear in any process list. */
static int
read_token(const char *arg, char *buf, size_t size)
{
	size_t n;

	if (strcmp(arg, "-") != 0) {
		snprintf(buf, size, "%s", arg);
		return 0;
	}
	if (fgets(buf, (int)size, stdin) == NULL)
		return -1;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return 0;
}

static int
cmd_token_revoke(struct bc_admin *ad, char **args, int nargs)
{
	char token[256];
	enum bc_err e;

	(void)nargs;
	if (read_token(args[0], token, sizeof(token)) != 0)
		return fail("no token on standard input");
	e = bc_admin_token_revoke(ad, token);
	OPENSSL_cleanse(token, sizeof(token));
	if (e != BC_OK)
		return failed(ad);
	printf("token: revoked\n");
	return EXIT_SUCCESS;
}

static int
cmd_token_revoke_unit(struct bc_admin *ad, char **args, int nargs)
{
	size_t revoked;

	(void)nargs;
	if (bc_admin_token_revoke_unit(ad, args[0], &revoked) != BC_OK)
		return failed(ad);
	printf("token: revoked %zu live token%s of %s\n", revoked, revoked == 1 ? "" : "s",
	    args[0]);
	return EXIT_SUCCESS;
}

static int
cmd_cert_add(struct bc_admin *ad, char **args, int nargs)
{
	(void)nargs;
	if (bc_admin_cert_add(ad, args[0], args[1]) != BC_OK)
		return failed(ad);
	printf("cert: added for %s\n", args[0]);
	return EXIT_SUCCESS;
}

static int
cmd_cert_revoke(struct bc_admin *ad, char **args, int nargs)
{
	(void)nargs;
	if (bc_admin_cert_revoke(ad, args[0]) != BC_OK)
		return failed(ad);
	printf("cert: revoked\n");
	return EXIT_SUCCESS;
}

/* ---- grants and requests ----------------------------------------------------------------- */

static int
cmd_grant(struct bc_admin *ad, char **args, int nargs)
{
	(void)nargs;
	if (bc_admin_grant(ad, args[0], args[1]) != BC_OK)
		return failed(ad);
	printf("grant: %s may file for %s\n", args[0], args[1]);
	return EXIT_SUCCESS;
}

static int
cmd_ungrant(struct bc_admin *ad, char **args, int nargs)
{
	(void)nargs;
	if (bc_admin_ungrant(ad, args[0], args[1]) != BC_OK)
		return failed(ad);
	printf("ungrant: %s may no longer file for %s\n", args[0], args[1]);
	return EXIT_SUCCESS;
}

/* Each unit that cannot be asked, numbered as given, all in the one line a refusal is. */
static void
add_unit_problem(void *arg, size_t index, const char *message)
{
	struct bc_buf *b = arg;

	bc_buf_printf(b, "%sunit %zu: %s", b->len > 0 ? "; " : "", index + 1, message);
}

static int
cmd_request_add(struct bc_admin *ad, char **args, int nargs)
{
	struct bc_buf problems = { 0 };
	struct bc_date due;
	int rc;

	if (bc_date_parse(&due, args[1]) != 0)
		return fail("the due date is not a date of the form YYYY-MM-DD");
	if (bc_admin_request_add(ad, args[0], due, args[2], args[3],
	    (const char *const *)(args + 4), (size_t)(nargs - 4), add_unit_problem,
	    &problems) != BC_OK) {
		rc = problems.len > 0 && !problems.oom ? fail("%s", problems.data) : failed(ad);
		bc_buf_free(&problems);
		return rc;
	}
	printf("request: %s registered for %d unit%s\n", args[0], nargs - 4,
	    nargs - 4 == 1 ? "" : "s");
	return EXIT_SUCCESS;
}

/* ---- targets ----------------------------------------------------------------------------- */

static int
year_arg(const char *text, int *year)
{
	char *end;
	long y = strtol(text, &end, 10);

	if (*end != '\0' || y < 2000 || y > 9999)
		return fail("the year is from 2000 to 9999, not \"%.20s\"", text);
	*year = (int)y;
	return 0;
}

/* The targets given replace the year's: what the command line says is the whole plan. */
static int
cmd_target_set(struct bc_admin *ad, char **args, int nargs)
{
	struct bc_target t[BC_ADMIN_TARGETS_MAX];
	char why[256];
	int year = 0, i;

	if (year_arg(args[1], &year) != 0)
		return EXIT_FAILURE;
	if (nargs - 2 > BC_ADMIN_TARGETS_MAX)
		return fail("at most %d targets a year", BC_ADMIN_TARGETS_MAX);
	for (i = 2; i < nargs; i++)
		if (bc_target_parse(&t[i - 2], args[i], why, sizeof(why)) != 0)
			return fail("target: %s", why);
	if (bc_admin_targets_set(ad, args[0], year, t, (size_t)(nargs - 2)) != BC_OK)
		return failed(ad);
	printf("target: %s %d has %d target%s\n", args[0], year, nargs - 2, nargs == 3 ? "" : "s");
	return EXIT_SUCCESS;
}

static int
cmd_target_clear(struct bc_admin *ad, char **args, int nargs)
{
	int year = 0;

	(void)nargs;
	if (year_arg(args[1], &year) != 0)
		return EXIT_FAILURE;
	if (bc_admin_targets_set(ad, args[0], year, NULL, 0) != BC_OK)
		return failed(ad);
	printf("target: %s %d has no targets\n", args[0], year);
	return EXIT_SUCCESS;
}

static int
cmd_target_show(struct bc_admin *ad, char **args, int nargs)
{
	struct bc_target t[BC_ADMIN_TARGETS_MAX * 8];
	char key[BC_TARGET_KEY_MAX], when[40];
	size_t n, i;

	(void)nargs;
	if (bc_admin_targets_get(ad, args[0], t, N(t), &n) != BC_OK)
		return failed(ad);
	printf("%-6s %-16s %10s  %s\n", "year", "measure", "value", "set at");
	for (i = 0; i < n; i++) {
		bc_target_key(key, &t[i]);
		bc_render_vietnam_time(when, t[i].set_us);
		printf("%-6d %-16s %10g  %.19s\n", t[i].year, key, t[i].value, when);
	}
	return EXIT_SUCCESS;
}

/* ---- the command table ------------------------------------------------------------------- */

#define ANY -1

/* ---- reports: the office's resources on the command line -------------------------------- */

static const struct bc_config *loaded;	/* set by run_command: reports read the store, not admin */

static const struct {
	const char *name;
	enum bc_err (*fn)(struct bc_store *, const struct bc_config *,
	    const struct bc_report_query *, const struct bc_unit *, struct bc_buf *,
	    const char **, struct bc_violations *);
} reports[] = {
	{ "completeness", bc_reports_completeness },
	{ "ntm", bc_reports_ntm },
	{ "consolidated", bc_reports_consolidated },
};

/* key=value arguments into the query, as the HTTP resources take them. */
static int
report_query(struct bc_report_query *q, char **args, int nargs)
{
	const struct bc_report_param *keys = bc_report_params;
	int i;
	size_t k;

	memset(q, 0, sizeof(*q));
	for (i = 0; i < nargs; i++) {
		char *eq = strchr(args[i], '=');

		for (k = 0; eq != NULL && k < bc_report_nparams; k++)
			if (strncmp(args[i], keys[k].name, (size_t)(eq - args[i])) == 0 &&
			    strlen(keys[k].name) == (size_t)(eq - args[i]))
				break;
		if (eq == NULL || k == bc_report_nparams || strlen(eq + 1) >= keys[k].size)
			return fail("report: \"%.40s\" is not one of type= period= cadence= under= "
			    "year= format= request=", args[i]);
		if (eq[1] == '\0')	/* as over HTTP: empty is no value, not the widest scope */
			return fail("report: %.40s is given without a value; give one, or leave it "
			    "out", args[i]);
		memcpy((char *)q + keys[k].offset, eq + 1, strlen(eq + 1) + 1);
	}
	return 0;
}

static int
cmd_report(struct bc_admin *ad, char **args, int nargs)
{
	struct bc_violations v = { 0 };
	struct bc_report_query q;
	struct bc_buf out = { 0 };
	struct bc_store *st = NULL;
	const char *content_type = NULL;
	char err[512];
	size_t i, r;
	int rc = EXIT_FAILURE;
	enum bc_err e;

	(void)ad;
	for (r = 0; r < sizeof(reports) / sizeof(reports[0]) && strcmp(reports[r].name, args[0]); r++)
		;
	if (r == sizeof(reports) / sizeof(reports[0]))
		return fail("report: no report \"%.40s\" (completeness, ntm, consolidated)", args[0]);
	if (report_query(&q, args + 1, nargs - 1) != 0)
		return EXIT_FAILURE;
	if (q.under[0] == '\0')
		return fail("report: under=UNIT is required on the command line");
	if (bc_ingest_init(loaded->schema_dir, err, sizeof(err)) != 0)
		return fail("%s", err);
	if ((st = bc_store_new(loaded)) == NULL)
		goto cleanup;
	e = reports[r].fn(st, loaded, &q, NULL, &out, &content_type, &v);
	if (e != BC_OK) {
		/* a report stores nothing: said as of a read, as over HTTP */
		fprintf(stderr, "baocaoctl: %s\n", bc_err_info(e)->read != NULL ?
		    bc_err_info(e)->read : bc_err_info(e)->message);
		for (i = 0; i < v.n; i++)
			fprintf(stderr, "  %s: %s\n", v.v[i].path, v.v[i].message);
		goto cleanup;
	}
	if (fwrite(out.data, 1, out.len, stdout) == out.len)
		rc = EXIT_SUCCESS;
cleanup:
	bc_store_free(st);
	bc_ingest_shutdown();
	bc_buf_free(&out);
	bc_violations_free(&v);
	return rc;
}

static const struct command {
	const char *group;	/* first word */
	const char *verb;	/* second word, or NULL for a one-word command */
	int min, max;		/* arguments after the words; max ANY: no limit */
	command_fn fn;
	const char *usage;
} commands[] = {
	{ "units", "import", 1, ANY, cmd_units_import, "units import FILE..." },
	{ "report", NULL, 1, ANY, cmd_report,
	    "report completeness|ntm|consolidated under=UNIT [type= period= cadence= year= format= "
	    "request=]" },
	{ "units", "show", 1, 1, cmd_units_show, "units show CODE" },
	{ "token", "issue", 1, 2, cmd_token_issue, "token issue UNIT [LABEL]" },
	{ "token", "issue-many", 0, 1, cmd_token_issue_many,
	    "token issue-many [LABEL] < codes   (prints code<TAB>token lines)" },
	{ "token", "revoke", 1, 1, cmd_token_revoke, "token revoke TOKEN|-" },
	{ "token", "revoke-unit", 1, 1, cmd_token_revoke_unit, "token revoke-unit UNIT" },
	{ "cert", "add", 2, 2, cmd_cert_add, "cert add UNIT FINGERPRINT" },
	{ "cert", "revoke", 1, 1, cmd_cert_revoke, "cert revoke FINGERPRINT" },
	{ "grant", NULL, 2, 2, cmd_grant, "grant DISTRICT COMMUNE" },
	{ "ungrant", NULL, 2, 2, cmd_ungrant, "ungrant DISTRICT COMMUNE" },
	{ "request", "add", 5, ANY, cmd_request_add,
	    "request add CODE DUE SUBJECT OFFICE UNIT..." },
	{ "target", "set", 3, ANY, cmd_target_set,
	    "target set PROVINCE YEAR MEASURE=VALUE...   (replaces the year's targets; MEASURE: "
	    "communes communes-at-K share average minimum districts)" },
	{ "target", "clear", 2, 2, cmd_target_clear, "target clear PROVINCE YEAR" },
	{ "target", "show", 1, 1, cmd_target_show, "target show PROVINCE" },
};

static void
usage(FILE *to)
{
	size_t i;

	fprintf(to, "usage: baocaoctl [-c CONF] COMMAND ...\n"
	    "  CONF defaults to $BAOCAO_CONF, else var/baocao.conf\n"
	    "commands:\n");
	for (i = 0; i < N(commands); i++)
		fprintf(to, "  %s\n", commands[i].usage);
}

static int
usage_error(const char *why, const struct command *c)
{
	fprintf(stderr, "baocaoctl: %s\n", why);
	if (c != NULL)
		fprintf(stderr, "usage: baocaoctl [-c CONF] %s\n", c->usage);
	else
		usage(stderr);
	return EXIT_USAGE;
}

/* The command the words name, or NULL; *words: how many words named it. */
static const struct command *
find_command(char **argv, int argc, int *words)
{
	size_t i;

	for (i = 0; i < N(commands); i++) {
		if (strcmp(commands[i].group, argv[0]) != 0)
			continue;
		if (commands[i].verb == NULL) {
			*words = 1;
			return &commands[i];
		}
		if (argc > 1 && strcmp(commands[i].verb, argv[1]) == 0) {
			*words = 2;
			return &commands[i];
		}
	}
	return NULL;
}

static int
run_command(const struct command *c, const char *conf, char **args, int nargs)
{
	struct bc_config cfg;
	struct bc_admin *ad = NULL;
	char err[512];
	int rc;

	bc_config_defaults(&cfg);
	if (bc_config_load(&cfg, conf, err, sizeof(err)) != 0)
		return fail("%s", err);
	loaded = &cfg;
	if (bc_admin_open(&ad, &cfg) != BC_OK)
		rc = failed(ad);
	else
		rc = c->fn(ad, args, nargs);
	bc_admin_close(ad);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *conf = getenv("BAOCAO_CONF");
	const struct command *c;
	char why[128];
	int opt, words = 0, nargs, rc;

	if (conf == NULL || conf[0] == '\0')
		conf = "var/baocao.conf";
	while ((opt = getopt(argc, argv, "+c:h")) != -1) {
		switch (opt) {
		case 'c':
			conf = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argv += optind;
	argc -= optind;
	if (argc == 0)
		return usage_error("no command", NULL);
	if ((c = find_command(argv, argc, &words)) == NULL) {
		snprintf(why, sizeof(why), "no such command: %.40s%s%.40s", argv[0],
		    argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		return usage_error(why, NULL);
	}
	nargs = argc - words;
	if (nargs < c->min || (c->max != ANY && nargs > c->max))
		return usage_error(nargs < c->min ? "too few arguments" : "too many arguments", c);
	rc = run_command(c, conf, argv + words, nargs);
	mysql_library_end();
	return rc;
}
