/*
 * bare-fcgi — the bare path of `make bench`: what any service that stores validated XML
 * durably must do at the least, and nothing else. Each request: read the body, parse it
 * with libxml2 (no network), validate it against the XSD compiled once before forking,
 * take its SHA-256 and INSERT the bytes into one table with a prepared statement in
 * autocommit (innodb_flush_log_at_trx_commit = 1: the 201 means committed), answer 201.
 * No credentials, no registry, no rules, no facts, no receipt.
 *
 *   bare-fcgi SOCKET WORKERS XSD DB_SOCKET
 *
 * The table is bench_bare(id BIGINT AUTO_INCREMENT PRIMARY KEY, body MEDIUMBLOB,
 * sha CHAR(64)) in database baocao (user baocao, password baocao), made by bench/run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <mysql.h>
#include <errmsg.h>
#include <openssl/evp.h>

#define MAX_BODY (8L << 20)

static const char insert_sql[] = "INSERT INTO bench_bare (body, sha) VALUES (?, ?)";

static volatile sig_atomic_t stopping;
static xmlSchemaPtr schema;
static const char *db_socket;

struct db {
	MYSQL *conn;
	MYSQL_STMT *insert;
};

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static void
db_close(struct db *d)
{
	if (d->insert != NULL)
		mysql_stmt_close(d->insert);
	if (d->conn != NULL)
		mysql_close(d->conn);
	d->insert = NULL;
	d->conn = NULL;
}

static int
db_open(struct db *d)
{
	if ((d->conn = mysql_init(NULL)) == NULL)
		return -1;
	if (mysql_real_connect(d->conn, NULL, "baocao", "baocao", "baocao", 0, db_socket,
	    0) == NULL || mysql_autocommit(d->conn, 1) != 0 ||
	    (d->insert = mysql_stmt_init(d->conn)) == NULL ||
	    mysql_stmt_prepare(d->insert, insert_sql, sizeof(insert_sql) - 1) != 0) {
		fprintf(stderr, "bare-fcgi: database: %s\n", mysql_error(d->conn));
		db_close(d);
		return -1;
	}
	return 0;
}

/* One durable row; retried once on a new connection if the old one was lost. */
static int
store(struct db *d, const char *body, size_t len, const char sha[65])
{
	MYSQL_BIND p[2];
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (d->conn == NULL && db_open(d) != 0)
			return -1;
		memset(p, 0, sizeof(p));
		p[0].buffer_type = MYSQL_TYPE_BLOB;
		p[0].buffer = (void *)body;
		p[0].buffer_length = len;
		p[1].buffer_type = MYSQL_TYPE_STRING;
		p[1].buffer = (void *)sha;
		p[1].buffer_length = 64;
		if (mysql_stmt_bind_param(d->insert, p) == 0 &&
		    mysql_stmt_execute(d->insert) == 0)
			return 0;
		fprintf(stderr, "bare-fcgi: insert: %s\n", mysql_stmt_error(d->insert));
		db_close(d);
	}
	return -1;
}

static void
sha256_hex(char hex[65], const char *body, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	EVP_Digest(body, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
}

static void
answer(FCGX_Request *r, int status, const char *reason)
{
	char head[160];
	int n = snprintf(head, sizeof(head), "Status: %d %s\r\nContent-Type: application/xml\r\n"
	    "Content-Length: 6\r\n\r\n<%s/>\n", status, reason, status == 201 ? "ok" : "no");

	FCGX_PutStr(head, n, r->out);
}

static void
serve(FCGX_Request *r, struct db *d, xmlSchemaValidCtxtPtr vctxt, char **buf, size_t *cap)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", r->envp);
	long want = cl != NULL ? strtol(cl, NULL, 10) : -1;
	size_t len = 0;
	xmlDocPtr doc;
	char sha[65];
	int got, valid;

	if (want < 0 || want > MAX_BODY) {
		answer(r, 413, "Content Too Large");
		return;
	}
	if ((size_t)want + 1 > *cap) {
		char *grown = realloc(*buf, (size_t)want + 1);

		if (grown == NULL) {
			answer(r, 500, "Internal Server Error");
			return;
		}
		*buf = grown;
		*cap = (size_t)want + 1;
	}
	while (len < (size_t)want &&
	    (got = FCGX_GetStr(*buf + len, (int)((size_t)want - len), r->in)) > 0)
		len += (size_t)got;
	if (len != (size_t)want) {
		answer(r, 400, "Bad Request");
		return;
	}
	doc = xmlReadMemory(*buf, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (doc == NULL) {
		answer(r, 400, "Bad Request");
		return;
	}
	valid = xmlSchemaValidateDoc(vctxt, doc) == 0;
	xmlFreeDoc(doc);
	if (!valid) {
		answer(r, 422, "Unprocessable Content");
		return;
	}
	sha256_hex(sha, *buf, len);
	if (store(d, *buf, len, sha) != 0) {
		answer(r, 503, "Service Unavailable");
		return;
	}
	answer(r, 201, "Created");
}

static int
worker(int sock)
{
	struct db d = { NULL, NULL };
	xmlSchemaValidCtxtPtr vctxt;
	FCGX_Request r;
	char *buf = NULL;
	size_t cap = 0;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	handle(SIGTERM, on_stop);
	handle(SIGINT, SIG_IGN);
	if (mysql_thread_init() != 0 || (vctxt = xmlSchemaNewValidCtxt(schema)) == NULL)
		return 1;
	xmlSchemaSetValidStructuredErrors(vctxt, quiet, NULL);
	db_open(&d);	/* lazily again if the database is not there yet */
	FCGX_InitRequest(&r, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping && FCGX_Accept_r(&r) >= 0) {
		serve(&r, &d, vctxt, &buf, &cap);
		FCGX_Finish_r(&r);
	}
	db_close(&d);
	xmlSchemaFreeValidCtxt(vctxt);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	xmlSchemaParserCtxtPtr pctxt;
	pid_t *pids;
	long n, i;
	int sock;
	mode_t old;

	if (argc != 5 || (n = strtol(argv[2], NULL, 10)) < 1 || n > 1024) {
		fprintf(stderr, "usage: bare-fcgi SOCKET WORKERS XSD DB_SOCKET\n");
		return 2;
	}
	db_socket = argv[4];
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, quiet);
	if ((pctxt = xmlSchemaNewParserCtxt(argv[3])) == NULL ||
	    (schema = xmlSchemaParse(pctxt)) == NULL) {
		fprintf(stderr, "bare-fcgi: %s does not compile\n", argv[3]);
		return 1;
	}
	xmlSchemaFreeParserCtxt(pctxt);
	if (mysql_library_init(0, NULL, NULL) != 0 || FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	old = umask(0);
	sock = FCGX_OpenSocket(argv[1], 1024);
	umask(old);
	if (sock < 0) {
		fprintf(stderr, "bare-fcgi: cannot listen on %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if ((pids = calloc((size_t)n, sizeof(*pids))) == NULL)
		return 1;
	handle(SIGTERM, on_stop);
	handle(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < n; i++)
		if ((pids[i] = fork()) == 0)
			exit(worker(sock));
	while (!stopping)
		sleep(1);	/* a signal cuts it short; no race with the check */
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
	unlink(argv[1]);
	free(pids);
	xmlSchemaFree(schema);
	mysql_library_end();
	return 0;
}
