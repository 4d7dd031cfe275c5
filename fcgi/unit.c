/*
 * unit — the kinds of reporting unit and the deadline level of each, one row per kind; and
 * who may file and read for whom (PROTOCOL.md, "Who may do what"). Which cadences a kind may
 * file is per report type, in the catalogue.
 */
#include <ctype.h>
#include <string.h>

#include "baocao/unit.h"

static const struct {
	const char *name;
	enum bc_level level;
} kinds[BC_UNIT__MAX] = {
	/* The province itself consolidates through its office; it files like the office. */
	[BC_UNIT_PROVINCE] = { "province", BC_LEVEL_OFFICE },
	[BC_UNIT_DISTRICT] = { "district", BC_LEVEL_DISTRICT },
	[BC_UNIT_COMMUNE] = { "commune", BC_LEVEL_COMMUNE },
	[BC_UNIT_DEPARTMENT] = { "department", BC_LEVEL_DISTRICT },
	[BC_UNIT_FRONT] = { "front", BC_LEVEL_DISTRICT },
	[BC_UNIT_OFFICE] = { "office", BC_LEVEL_OFFICE },
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

int
bc_unit_kind_from_name(const char *name)
{
	int k;

	for (k = 0; k < BC_UNIT__MAX; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

enum bc_level
bc_unit_level(enum bc_unit_kind k)
{
	return kinds[k].level;
}

int
bc_unit_valid_during(const struct bc_unit *u, struct bc_date first, struct bc_date last)
{
	if (bc_date_cmp(first, u->valid_from) < 0)
		return 0;
	return !u->has_valid_to || bc_date_cmp(last, u->valid_to) <= 0;
}

static int
is_office_of(const struct bc_unit *office, const char *province)
{
	return office->kind == BC_UNIT_OFFICE && strcmp(office->province, province) == 0;
}

int
bc_unit_may_file(const struct bc_unit *filer, const struct bc_unit *unit, int granted)
{
	if (strcmp(filer->code, unit->code) == 0 || is_office_of(filer, unit->province))
		return 1;
	/* a grant counts only for a district and one of its own communes */
	return granted && filer->kind == BC_UNIT_DISTRICT && unit->kind == BC_UNIT_COMMUNE &&
	    strcmp(unit->parent, filer->code) == 0;
}

int
bc_unit_may_read(const struct bc_unit *reader, const struct bc_unit *unit)
{
	if (strcmp(reader->code, unit->code) == 0 || is_office_of(reader, unit->province))
		return 1;
	return reader->kind == BC_UNIT_DISTRICT && strcmp(unit->parent, reader->code) == 0;
}

/* The units asked need to see what they are asked to file and by when; nobody else does. */
int
bc_unit_may_read_request(const struct bc_unit *reader, const char *province, int asked)
{
	return asked || is_office_of(reader, province);
}
