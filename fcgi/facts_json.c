/*
 * facts_json — the facts of a kind as one JSON array of rows (facts_json.h has the form). The
 * worker builds these arrays for bc_file, which stores amounts and indicators as they are and
 * unpacks the other kinds into their tables; the national loader of the benchmark writes the
 * same arrays, so what it loads is what a filing would have stored.
 */
#include "baocao/catalogue.h"
#include "baocao/criteria_row.h"
#include "baocao/facts_json.h"

/* One commune's criteria as bc_file takes them: [commune, met, since or null]. */
static int
criteria_row_json(const struct bc_criteria_row *row, void *arg)
{
	struct bc_buf *json = arg;

	bc_buf_puts(json, json->len == 0 ? "[[" : ",[");
	bc_buf_json(json, row->commune);
	/* met and since hold only '0', '1', '-' and digits: nothing to escape (and no printf:
	 * since is up to 990 characters, which vfprintf copies slower than a memcpy) */
	bc_buf_puts(json, ",\"");
	bc_buf_puts(json, row->met);
	if (row->dated) {
		bc_buf_puts(json, "\",\"");
		bc_buf_puts(json, row->since);
		bc_buf_puts(json, "\"]");
	} else
		bc_buf_puts(json, "\",null]");
	return json->oom ? -1 : 0;
}

int
bc_facts_json(struct bc_buf *json, const struct bc_facts *facts, enum bc_fact_kind kind)
{
	size_t nfields = bc_fact_kind(kind)->nfields, i, f;

	bc_buf_reset(json);
	if (kind == BC_FACT_CRITERION) {
		if (bc_criteria_rows(facts, criteria_row_json, json) != 0)
			return -1;
		if (json->len > 0)
			bc_buf_append(json, "]", 1);
		return 0;
	}
	for (i = 0; i < facts->n; i++) {
		const struct bc_fact *fact = &facts->v[i];

		if (fact->kind != kind)
			continue;
		bc_buf_puts(json, json->len == 0 ? "[[" : ",[");
		for (f = 0; f < nfields; f++) {
			if (f > 0)
				bc_buf_append(json, ",", 1);
			if (fact->fields[f] != NULL)
				bc_buf_json(json, fact->fields[f]);
			else
				bc_buf_puts(json, "null");
		}
		bc_buf_append(json, "]", 1);
	}
	if (json->len > 0)
		bc_buf_append(json, "]", 1);
	return 0;
}
