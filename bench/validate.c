/*
 * validate — validation alone, in-process, on one core: the project's own bc_ingest_parse
 * (parse without network or DTD, report type, XSD with the schema compiled once, header,
 * SHA-256) over the documents the load runs send, repeated for a fixed time.
 *
 *   validate SCHEMA_DIR DOCS SECONDS
 *
 * DOCS holds records "LENGTH\n" followed by LENGTH bytes of one document. Every document
 * must pass (else the generator is wrong: the violations are printed and it exits 1).
 * Prints one line: docs/s, the mean document size and the peak RSS in kB.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "baocao/ingest.h"

struct doc {
	char *body;
	size_t len;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct doc *
load(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct doc *docs = NULL, *grown;
	size_t cap = 0, len;

	*n = 0;
	if (f == NULL)
		return NULL;
	while (fscanf(f, "%zu", &len) == 1 && fgetc(f) == '\n') {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(docs, cap * sizeof(*docs))) == NULL)
				break;
			docs = grown;
		}
		if ((docs[*n].body = malloc(len + 1)) == NULL ||
		    fread(docs[*n].body, 1, len, f) != len)
			break;
		docs[*n].body[len] = '\0';
		docs[*n].len = len;
		(*n)++;
	}
	fclose(f);
	return docs;
}

static int
check(const struct doc *d)
{
	struct bc_violations v = { 0 };
	struct bc_report r;
	enum bc_err e = bc_ingest_parse(&r, d->body, d->len, &v);
	size_t i;

	for (i = 0; i < v.n; i++)
		fprintf(stderr, "validate: line %lu column %lu %s [%s]: %s\n", v.v[i].line,
		    v.v[i].column, v.v[i].path, v.v[i].rule, v.v[i].message);
	bc_report_free(&r);
	bc_violations_free(&v);
	return e == BC_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	struct doc *docs;
	size_t n, i, bytes = 0;
	unsigned long count = 0;
	double seconds, t0, t;
	char err[512];

	if (argc != 4 || (seconds = strtod(argv[3], NULL)) <= 0) {
		fprintf(stderr, "usage: validate SCHEMA_DIR DOCS SECONDS\n");
		return 2;
	}
	if (bc_ingest_init(argv[1], err, sizeof(err)) != 0) {
		fprintf(stderr, "validate: %s\n", err);
		return 1;
	}
	if ((docs = load(argv[2], &n)) == NULL || n == 0) {
		fprintf(stderr, "validate: no documents in %s\n", argv[2]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (check(&docs[i]) != 0) {
			fprintf(stderr, "validate: document %zu of %s is refused\n", i, argv[2]);
			return 1;
		}
		bytes += docs[i].len;
	}
	t0 = now();
	do {
		for (i = 0; i < 16; i++, count++) {
			struct bc_violations v = { 0 };
			struct bc_report r;
			const struct doc *d = &docs[count % n];

			if (bc_ingest_parse(&r, d->body, d->len, &v) != BC_OK)
				return 1;
			bc_report_free(&r);
			bc_violations_free(&v);
		}
	} while ((t = now() - t0) < seconds);
	getrusage(RUSAGE_SELF, &ru);
	printf("%.1f docs/s %zu bytes %ld kB\n", (double)count / t, bytes / n, ru.ru_maxrss);
	for (i = 0; i < n; i++)
		free(docs[i].body);
	free(docs);
	bc_ingest_shutdown();
	return 0;
}
