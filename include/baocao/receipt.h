/*
 * receipt — the fields of a filing receipt (PROTOCOL.md): what the store records for a
 * submission and render turns into the receipt document. A replay renders the same fields
 * from the stored row, so the second answer is byte-identical to the first.
 */
#ifndef BAOCAO_RECEIPT_H
#define BAOCAO_RECEIPT_H

#include "baocao/period.h"

struct bc_receipt {
	char document_id[37];
	char province[33];	/* receipts are numbered per province and year */
	unsigned receipt_year;
	unsigned receipt_seq;
	char report_type[65];
	char schema_ns[129];
	char unit_code[33];
	char filed_by[33];
	struct bc_period period;
	unsigned revision;
	char supersedes[37];	/* "" when none */
	long long received_us;	/* microseconds since the epoch, UTC */
	char sha256[65];
	struct bc_date deadline;
	int on_time;
};

#endif
