/*
 * log — formats one line (UTC time, pid, level, request id, message) and writes it with a
 * single write(2), so lines from several worker processes never interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "baocao/log.h"

static const char *const level_names[] = {
	[BC_LOG_ERROR] = "error", [BC_LOG_WARN] = "warn", [BC_LOG_INFO] = "info",
};

void
bc_log(enum bc_log_level level, const char *request_id, const char *fmt, ...)
{
	char line[2048], msg[1536];
	const char *p;
	struct timeval tv;
	struct tm tm;
	va_list ap;
	int n, m;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ [%d] %s rid=%s ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long)(tv.tv_usec / 1000), (int)getpid(), level_names[level],
	    request_id != NULL ? request_id : "-");
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	va_start(ap, fmt);
	m = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	/* A request's path or a database message may carry control characters: escaped, so no
	 * request can write a log line of its own choosing. */
	for (p = msg; *p != '\0' && (size_t)n < sizeof(line) - 6; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f)
			n += snprintf(line + n, sizeof(line) - (size_t)n, "\\x%02x", c);
		else
			line[n++] = (char)c;
	}
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}
