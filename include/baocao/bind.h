/*
 * bind — typed MYSQL_BIND set-up for the two halves of the store (store.c for the service,
 * store_admin.c for baocaoctl), so both bind parameters and results, and convert dates, the
 * same way. Pure: it only fills structures.
 */
#ifndef BAOCAO_BIND_H
#define BAOCAO_BIND_H

#include <stddef.h>

#include <mysql.h>

#include "baocao/period.h"

void bc_bind_str(MYSQL_BIND *, const char *);
void bc_bind_blob(MYSQL_BIND *, const void *data, size_t len);
void bc_bind_null(MYSQL_BIND *);
void bc_bind_uint(MYSQL_BIND *, unsigned *);
/* A TINYINT result or parameter (booleans). */
void bc_bind_tiny(MYSQL_BIND *, signed char *);
void bc_bind_time(MYSQL_BIND *, enum enum_field_types, MYSQL_TIME *);
/* One column of a row-wise array: the field of the first row and its indicator. */
void bc_bind_row(MYSQL_BIND *, enum enum_field_types, void *field, char *indicator);

/* A string result column into a fixed buffer, NUL-terminated by bc_finish_out_str. */
struct bc_out_str {
	char *buf;
	size_t size;
	unsigned long len;
};

void bc_bind_out_str(MYSQL_BIND *, struct bc_out_str *, char *buf, size_t size);
void bc_finish_out_str(struct bc_out_str *, size_t n);

/* Microseconds since the epoch (UTC) and civil dates, to and from MariaDB's. */
MYSQL_TIME bc_to_mysql_datetime(long long us);
long long bc_from_mysql_datetime(const MYSQL_TIME *);
MYSQL_TIME bc_to_mysql_date(struct bc_date);
struct bc_date bc_from_mysql_date(const MYSQL_TIME *);

#endif
