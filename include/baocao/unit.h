/*
 * unit — kinds of reporting unit and what each may file. Until the unit registry exists,
 * the kind is read off the form of the code (GSO codes of 2, 3 and 5 digits; agency
 * identifiers like 000.00.12.H12 are taken for provincial departments); the cadences each
 * kind may use (DOMAIN.md, "Cadences") are a table.
 */
#ifndef BAOCAO_UNIT_H
#define BAOCAO_UNIT_H

#include "baocao/period.h"

enum bc_unit_kind {
	BC_UNIT_PROVINCE = 0,
	BC_UNIT_DISTRICT,
	BC_UNIT_COMMUNE,
	BC_UNIT_DEPARTMENT,
	BC_UNIT__MAX
};

/* Kind for a code of one of the accepted forms, or -1. */
int bc_unit_kind_of_code(const char *code);
const char *bc_unit_kind_name(enum bc_unit_kind);
/* The level whose deadline applies to the kind. */
enum bc_level bc_unit_level(enum bc_unit_kind);
/* Whether the kind may file with the cadence. */
int bc_unit_may_use(enum bc_unit_kind, enum bc_cadence);

#endif
