/*
 * api_public — the resources anyone may read without credentials: the published schemas
 * (so a sender can validate before sending) and the health check nginx and operators poll.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "baocao/route.h"

/* Only plain names like progress-report-1.xsd: no path may leave the schema directory. */
static int
is_schema_name(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 5 || n > 64 || strcmp(name + n - 4, ".xsd") != 0)
		return 0;
	for (i = 0; i < n - 4; i++)
		if (!islower((unsigned char)name[i]) && !isdigit((unsigned char)name[i]) &&
		    name[i] != '-')
			return 0;
	return 1;
}

void
bc_api_schema(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	char path[BC_CONFIG_PATH_MAX + 80], chunk[8192];
	FILE *f;
	size_t n;

	if (!is_schema_name(tail)) {
		bc_response_error(res, req, BC_E_NOT_FOUND, NULL, NULL, NULL, 0);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", w->cfg->schema_dir, tail);
	if ((f = fopen(path, "rb")) == NULL) {
		bc_response_error(res, req, BC_E_NOT_FOUND, NULL, NULL, NULL, 0);
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		bc_buf_append(&res->body, chunk, n);
	fclose(f);
	bc_response_header(res, "Cache-Control", "public, max-age=3600");
	res->log_outcome = "schema";
}

void
bc_api_health(struct bc_worker *w, struct bc_request *req, struct bc_response *res,
    const char *tail)
{
	int up = bc_store_ping(w->store) == BC_OK;

	(void)tail;
	(void)req;
	res->status = up ? 200 : 503;
	res->log_outcome = up ? "healthy" : "database-down";
	if (!up)
		bc_response_header(res, "Retry-After", "%ld", w->cfg->retry_after);
	bc_buf_printf(&res->body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Health xmlns=\"urn:baocao:health:1\"><Database>%s</Database></Health>\n",
	    up ? "up" : "down");
}
