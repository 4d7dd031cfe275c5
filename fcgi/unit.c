/*
 * unit — the kinds of reporting unit, told apart by the form of their code, and the
 * cadences each may file (seed 002 §IV.3, seed 003 §IV.1.2). One row per kind.
 */
#include <ctype.h>
#include <string.h>

#include "baocao/unit.h"

#define C(x) (1u << (x))

static const struct {
	const char *name;
	enum bc_level level;
	unsigned cadences;	/* bit per enum bc_cadence */
} kinds[BC_UNIT__MAX] = {
	/* The province itself consolidates through its office; it files like the office. */
	[BC_UNIT_PROVINCE] = { "province", BC_LEVEL_OFFICE,
	    C(BC_CADENCE_MONTH) | C(BC_CADENCE_QUARTER) | C(BC_CADENCE_HALF) |
	    C(BC_CADENCE_YEAR) | C(BC_CADENCE_ADHOC) },
	[BC_UNIT_DISTRICT] = { "district", BC_LEVEL_DISTRICT,
	    C(BC_CADENCE_MONTH) | C(BC_CADENCE_QUARTER) | C(BC_CADENCE_HALF) |
	    C(BC_CADENCE_NINE_MONTHS) | C(BC_CADENCE_YEAR) | C(BC_CADENCE_ADHOC) },
	[BC_UNIT_COMMUNE] = { "commune", BC_LEVEL_COMMUNE,
	    C(BC_CADENCE_MONTH) | C(BC_CADENCE_QUARTER) | C(BC_CADENCE_HALF) |
	    C(BC_CADENCE_YEAR) | C(BC_CADENCE_ADHOC) },
	[BC_UNIT_DEPARTMENT] = { "department", BC_LEVEL_DISTRICT,
	    C(BC_CADENCE_QUARTER) | C(BC_CADENCE_HALF) | C(BC_CADENCE_YEAR) |
	    C(BC_CADENCE_ADHOC) },
};

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 000.00.12.H12: three digits, two, two, a capital letter and two digits. */
static int
is_agency_code(const char *s)
{
	return strlen(s) == 13 && all_digits(s, 3) && s[3] == '.' &&
	    all_digits(s + 4, 2) && s[6] == '.' && all_digits(s + 7, 2) &&
	    s[9] == '.' && isupper((unsigned char)s[10]) && all_digits(s + 11, 2);
}

int
bc_unit_kind_of_code(const char *code)
{
	size_t n = strlen(code);

	if (is_agency_code(code))
		return BC_UNIT_DEPARTMENT;
	if (!all_digits(code, n))
		return -1;
	switch (n) {
	case 2: return BC_UNIT_PROVINCE;
	case 3: return BC_UNIT_DISTRICT;
	case 5: return BC_UNIT_COMMUNE;
	default: return -1;
	}
}

const char *
bc_unit_kind_name(enum bc_unit_kind k)
{
	return kinds[k].name;
}

enum bc_level
bc_unit_level(enum bc_unit_kind k)
{
	return kinds[k].level;
}

int
bc_unit_may_use(enum bc_unit_kind k, enum bc_cadence c)
{
	return (kinds[k].cadences & C(c)) != 0;
}
