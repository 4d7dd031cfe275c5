/*
 * unit — kinds of reporting unit and the registry's record of a unit. Who may file and read
 * for whom (PROTOCOL.md, "Who may do what") are pure functions of two registry records, so
 * they are tested without a database. Cadences are per report type (catalogue.h).
 */
#ifndef BAOCAO_UNIT_H
#define BAOCAO_UNIT_H

#include "baocao/period.h"

enum bc_unit_kind {
	BC_UNIT_PROVINCE = 0,
	BC_UNIT_DISTRICT,
	BC_UNIT_COMMUNE,
	BC_UNIT_DEPARTMENT,
	BC_UNIT_FRONT,		/* a Fatherland Front committee, at any level */
	BC_UNIT_OFFICE,		/* the province's coordination office */
	BC_UNIT__MAX
};

/* A unit as the registry knows it. */
struct bc_unit {
	char code[33];
	enum bc_unit_kind kind;
	char parent[33];	/* "" for a province */
	char province[33];	/* the province's code; its own for a province */
	char name[256];		/* UTF-8 NFC */
	struct bc_date valid_from;
	int has_valid_to;
	struct bc_date valid_to;	/* last day of validity */
	char successor[33];	/* "" unless merged away */
};

/* Kind for a code of one of the accepted forms (2, 3, 5 digits; 000.00.00.H00), or -1.
 * Only a guess for documents read without the registry (tests, fuzzing). */
int bc_unit_kind_of_code(const char *code);
const char *bc_unit_kind_name(enum bc_unit_kind);
/* Kind for its name ("commune", …), or -1. */
int bc_unit_kind_from_name(const char *name);
/* The level whose deadline applies to the kind. */
enum bc_level bc_unit_level(enum bc_unit_kind);

/* Whether the unit exists on every day of [first, last]. */
int bc_unit_valid_during(const struct bc_unit *, struct bc_date first, struct bc_date last);
/* May `filer` file a report for `unit`? granted: an unrevoked grant (filer, unit) exists. */
int bc_unit_may_file(const struct bc_unit *filer, const struct bc_unit *unit, int granted);
/* May `reader` read the submissions and receipts of `unit`? */
int bc_unit_may_read(const struct bc_unit *reader, const struct bc_unit *unit);
/* May `reader` read an ad hoc request of `province`? asked: the request asks reader. */
int bc_unit_may_read_request(const struct bc_unit *reader, const char *province, int asked);

#endif
