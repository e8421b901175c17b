/* Logging to stderr, each line tagged with the program that wrote it. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static const char	*log_tag = "forkbox";
static int		 log_level = LOG_LEVEL_WARN;
static void		(*log_sink)(const char *, size_t);

void
log_init(const char *tag, int level)
{
	log_tag = tag;
	log_level = level;
}

void
log_set_sink(void (*sink)(const char *, size_t))
{
	log_sink = sink;
}

int
log_get_level(void)
{
	return (log_level);
}

static void
log_vwrite(const char *prefix, const char *fmt, va_list ap, int err)
{
	char	buf[2048], line[2304];
	int	n;

	vsnprintf(buf, sizeof buf, fmt, ap);
	if (err != 0)
		n = snprintf(line, sizeof line, "%s%s: %s", prefix, buf,
		    strerror(err));
	else
		n = snprintf(line, sizeof line, "%s%s", prefix, buf);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = sizeof line - 1;
	if (log_sink != NULL)
		log_sink(line, (size_t)n);
	else
		fprintf(stderr, "%s: %s\n", log_tag, line);
}

#define LOG_BODY(level, prefix, err) do {				\
	va_list	ap;							\
	int	saved = (err);						\
	if (log_level < (level))					\
		return;							\
	va_start(ap, fmt);						\
	log_vwrite((prefix), fmt, ap, saved);				\
	va_end(ap);							\
} while (0)

void
log_warn(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_WARN, "", errno);
}

void
log_warnx(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_WARN, "", 0);
}

void
log_info(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_INFO, "", 0);
}

void
log_debug(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_DEBUG, "debug: ", 0);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_vwrite("fatal: ", fmt, ap, saved);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("fatal: ", fmt, ap, 0);
	va_end(ap);
	exit(1);
}
