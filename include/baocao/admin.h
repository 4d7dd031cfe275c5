/*
 * admin — the registry's administrative half of the store, for the baocaoctl command: loading
 * units from CSV files, issuing and revoking credentials, grants, ad hoc requests, and the
 * targets a province's progress is read against. It has
 * its own MariaDB connection and statement table (fcgi/store_admin.c) because the service's
 * workers never write the registry; keeping these statements out of store.c means a worker
 * prepares none of them.
 *
 * Every call is one transaction: it commits when it answers BC_OK and leaves nothing behind
 * otherwise. On any other answer, bc_admin_error() holds one line saying what went wrong,
 * for a person; it never contains a token.
 */
#ifndef BAOCAO_ADMIN_H
#define BAOCAO_ADMIN_H

#include <stddef.h>

#include "baocao/config.h"
#include "baocao/error.h"
#include "baocao/period.h"
#include "baocao/targets.h"
#include "baocao/unit.h"

struct bc_admin;

/* The length of an issued token: 32 random bytes as lower-case hex. */
#define BC_ADMIN_TOKEN_LEN 64
/* Most criteria one unit may answer for, in a CSV file and in bc_admin_unit. */
#define BC_ADMIN_CRITERIA_MAX 64

/* A unit as `units show` prints it. */
struct bc_admin_unit {
	struct bc_unit unit;
	char type_name[257];	/* "Xã", "Sở", … ; "" when none */
	unsigned criteria[BC_ADMIN_CRITERIA_MAX];	/* ascending */
	size_t ncriteria;
};

/* Told after each batch of an import: rows stored so far of the file's total. */
typedef void (*bc_admin_progress)(void *arg, size_t done, size_t total);

/* Connects through cfg->db_socket; on BC_E_DB the error line says why. *out is always set
 * (to free with bc_admin_close) unless memory runs out, when it is NULL. */
enum bc_err bc_admin_open(struct bc_admin **out, const struct bc_config *cfg);
void bc_admin_close(struct bc_admin *);
/* The last error, one line; "" after success. */
const char *bc_admin_error(const struct bc_admin *);

/*
 * Import one CSV file of units: either the GSO registry (`code,level,parent_code,name,type`)
 * or the full format (`code,kind,parent_code,name,type,valid_from,valid_to,successor_code,
 * criteria`), told apart by the header. Every row is inserted or, when its code exists,
 * updated in every column; the full format also replaces the unit's criteria. All of the
 * file or nothing. BC_E_INVALID for a file that cannot be read or a malformed row (the
 * error names file and line); BC_E_NOT_FOUND when a row names a parent or successor that is
 * neither in the file nor in the registry (importing another file first may bring it).
 * progress may be NULL.
 */
enum bc_err bc_admin_import_units(struct bc_admin *, const char *path, size_t *rows,
    bc_admin_progress progress, void *progress_arg);

/* One unit; BC_E_NOT_FOUND if the registry has none with this code. */
enum bc_err bc_admin_unit_get(struct bc_admin *, const char *code, struct bc_admin_unit *out);

/* Whether the unit may hold a credential (a token or a certificate): it exists and is no
 * province. BC_OK, or the refusal with its message, as bc_admin_token_issue would give it. */
enum bc_err bc_admin_credential_holder(struct bc_admin *, const char *unit);
/* A new bearer token for the unit, into token (NUL-terminated); only its SHA-256 is stored.
 * label: printable ASCII, may be "". BC_E_NOT_FOUND for an unknown unit. */
enum bc_err bc_admin_token_issue(struct bc_admin *, const char *unit, const char *label,
    char token[BC_ADMIN_TOKEN_LEN + 1]);
/* Revoke the token (given in clear); BC_E_NOT_FOUND if no such token was issued.
 * Revoking a revoked token is no error and keeps its first revocation time. */
enum bc_err bc_admin_token_revoke(struct bc_admin *, const char *token);
/* Revoke every token of the unit; *revoked: how many were live. */
enum bc_err bc_admin_token_revoke_unit(struct bc_admin *, const char *unit, size_t *revoked);

/* A TLS client certificate credential: fingerprint of 40 or 64 hex digits, stored in lower
 * case. BC_E_CONFLICT if that fingerprint is already registered. */
enum bc_err bc_admin_cert_add(struct bc_admin *, const char *unit, const char *fingerprint);
/* Revoke that certificate for good: BC_E_NOT_FOUND if it was never registered; revoking it
 * again is no error. Its fingerprint stays registered, so it cannot be added back. */
enum bc_err bc_admin_cert_revoke(struct bc_admin *, const char *fingerprint);

/* Let a district file on behalf of one of its own communes (BC_E_FORBIDDEN otherwise);
 * granting again after an ungrant makes the grant live again. */
enum bc_err bc_admin_grant(struct bc_admin *, const char *district, const char *commune);
/* BC_E_NOT_FOUND if the district was never granted the commune. */
enum bc_err bc_admin_ungrant(struct bc_admin *, const char *district, const char *commune);

/* A problem with the unit units[index] of a registration, in words. */
typedef void (*bc_admin_problem_fn)(void *arg, size_t index, const char *message);

/* Register an ad hoc request of an office, addressed to units of the office's province.
 * BC_E_CONFLICT if the code is already registered. With problem given, every unit that
 * cannot be asked is told to it, not only the first (the error is the first one's, and
 * bc_admin_error says the last's); without, bc_admin_error says the first. */
enum bc_err bc_admin_request_add(struct bc_admin *, const char *code, struct bc_date due,
    const char *subject, const char *office, const char *const *units, size_t nunits,
    bc_admin_problem_fn problem, void *arg);

/* Most targets of one province's year. */
#define BC_ADMIN_TARGETS_MAX 32

/* Replace the targets of a province's year with these (n 0: the year has none any more).
 * BC_E_NOT_FOUND for a unit the registry does not know; BC_E_INVALID for a unit that is no
 * province, a year outside 2000..9999, or a measure named twice. */
enum bc_err bc_admin_targets_set(struct bc_admin *, const char *province, int year,
    const struct bc_target *, size_t n);
/* Every target of a province, by year then measure, with when it was set; at most max. */
enum bc_err bc_admin_targets_get(struct bc_admin *, const char *province, struct bc_target *out,
    size_t max, size_t *n);

#endif
