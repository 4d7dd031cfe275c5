/*
 * facts_json — a report's facts of one kind as one JSON array of rows, the form bc_file takes
 * them in and, for amounts and indicators, the form they are stored in: the submission's own
 * `amounts` and `indicators` columns (sql/013), read back through the views fact_amount and
 * fact_indicator, which type them as the tables did. Both the filing (store.c) and the national
 * loader (bench/national.c) write through here, so the stored form is made in one place.
 *
 *   criteria      [[commune, met, since or null], …], one row per commune (criteria_row.h)
 *   other kinds   [[field1, field2, …], …], one row per fact, the fields in the order of
 *                 bc_fact_kind(kind)->fields, each a string or null
 */
#ifndef BAOCAO_FACTS_JSON_H
#define BAOCAO_FACTS_JSON_H

#include "baocao/buf.h"
#include "baocao/report.h"

/* Replaces json's content with the facts of kind; leaves it empty when the report has none
 * (bind NULL then). -1 when the criteria do not pack (the rules let no such report through);
 * out of memory shows in json->oom. */
int bc_facts_json(struct bc_buf *json, const struct bc_facts *facts, enum bc_fact_kind kind);

#endif
