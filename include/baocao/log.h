/*
 * log — one call for every log line, with level and request id, nginx-style. Lines go to
 * standard error, which the supervisor's caller points at a file. Credentials never reach
 * this module: callers log unit codes, never tokens.
 */
#ifndef BAOCAO_LOG_H
#define BAOCAO_LOG_H

enum bc_log_level { BC_LOG_ERROR, BC_LOG_WARN, BC_LOG_INFO };

/* request_id may be NULL for lines that belong to no request. */
void bc_log(enum bc_log_level, const char *request_id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
