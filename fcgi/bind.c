/*
 * bind — fills MYSQL_BIND structures and converts times, for every statement of the store.
 */
#include <string.h>
#include <time.h>

#include "baocao/bind.h"

void
bc_bind_str(MYSQL_BIND *b, const char *s)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_STRING;
	b->buffer = (void *)s;
	b->buffer_length = strlen(s);
}

void
bc_bind_blob(MYSQL_BIND *b, const void *data, size_t len)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_BLOB;
	b->buffer = (void *)data;
	b->buffer_length = len;
}

void
bc_bind_null(MYSQL_BIND *b)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_NULL;
}

void
bc_bind_uint(MYSQL_BIND *b, unsigned *v)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_LONG;
	b->buffer = v;
	b->is_unsigned = 1;
}

void
bc_bind_tiny(MYSQL_BIND *b, signed char *v)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_TINY;
	b->buffer = v;
}

void
bc_bind_time(MYSQL_BIND *b, enum enum_field_types type, MYSQL_TIME *t)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = type;
	b->buffer = t;
}

void
bc_bind_row(MYSQL_BIND *b, enum enum_field_types type, void *field, char *ind)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = type;
	b->buffer = field;
	b->is_unsigned = 1;
	b->u.indicator = ind;
}

void
bc_bind_out_str(MYSQL_BIND *b, struct bc_out_str *o, char *buf, size_t size)
{
	memset(b, 0, sizeof(*b));
	o->buf = buf;
	o->size = size;
	b->buffer_type = MYSQL_TYPE_STRING;
	b->buffer = buf;
	b->buffer_length = size - 1;
	b->length = &o->len;
}

void
bc_finish_out_str(struct bc_out_str *o, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		o[i].buf[o[i].len < o[i].size - 1 ? o[i].len : o[i].size - 1] = '\0';
}

MYSQL_TIME
bc_to_mysql_datetime(long long us)
{
	MYSQL_TIME t;
	time_t sec = (time_t)(us / 1000000);
	struct tm tm;

	gmtime_r(&sec, &tm);
	memset(&t, 0, sizeof(t));
	t.year = (unsigned)tm.tm_year + 1900;
	t.month = (unsigned)tm.tm_mon + 1;
	t.day = (unsigned)tm.tm_mday;
	t.hour = (unsigned)tm.tm_hour;
	t.minute = (unsigned)tm.tm_min;
	t.second = (unsigned)tm.tm_sec;
	t.second_part = (unsigned long)(us % 1000000);
	t.time_type = MYSQL_TIMESTAMP_DATETIME;
	return t;
}

long long
bc_from_mysql_datetime(const MYSQL_TIME *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)t->year - 1900;
	tm.tm_mon = (int)t->month - 1;
	tm.tm_mday = (int)t->day;
	tm.tm_hour = (int)t->hour;
	tm.tm_min = (int)t->minute;
	tm.tm_sec = (int)t->second;
	return (long long)timegm(&tm) * 1000000 + (long long)t->second_part;
}

MYSQL_TIME
bc_to_mysql_date(struct bc_date d)
{
	MYSQL_TIME t;

	memset(&t, 0, sizeof(t));
	t.year = (unsigned)d.year;
	t.month = (unsigned)d.month;
	t.day = (unsigned)d.day;
	t.time_type = MYSQL_TIMESTAMP_DATE;
	return t;
}

struct bc_date
bc_from_mysql_date(const MYSQL_TIME *t)
{
	return (struct bc_date){ (int)t->year, (int)t->month, (int)t->day };
}
