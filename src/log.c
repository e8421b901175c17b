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

/* The length of the valid UTF-8 character at s (at most n bytes), or 0
 * when s does not start one. Overlong forms and surrogates are invalid. */
static size_t
log_utf8_len(const unsigned char *s, size_t n)
{
	size_t	len, i;

	if (s[0] < 0x80)
		return (1);
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return (0);
	if (n < len)
		return (0);
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return (0);
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return (0);
	return (len);
}

/*
 * Copy len bytes of untrusted text into dst as one safe line: control
 * bytes (but tab), DEL, C1 controls (U+0080-U+009F, which terminals obey
 * too), bytes that are not valid UTF-8, and the backslash itself become
 * \xNN, so the text can neither drive the operator's terminal nor start a
 * line of its own, nor forge what reads as an escaped byte.
 * Valid UTF-8 passes through. Truncated text ends in "...". Returns dst.
 */
char *
log_escape(char *dst, size_t dstlen, const char *src, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*s = (const unsigned char *)src;
	size_t			 i = 0, o = 0, n, k;
	int			 esc;

	if (dstlen == 0)
		return (dst);
	while (i < len) {
		n = log_utf8_len(s + i, len - i);
		esc = n == 0 || (s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f ||
		    s[i] == '\\' || (s[i] == 0xc2 && s[i + 1] < 0xa0);
		if (n == 0)
			n = 1;
		if (o + (esc ? 4 * n : n) + 4 > dstlen)
			break;				/* room for "..." */
		for (k = 0; k < n; k++, i++) {
			if (esc) {
				dst[o++] = '\\';
				dst[o++] = 'x';
				dst[o++] = hex[s[i] >> 4];
				dst[o++] = hex[s[i] & 0xf];
			} else
				dst[o++] = (char)s[i];
		}
	}
	if (i < len && o + 4 <= dstlen) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return (dst);
}

/* Every line is escaped: messages carry text from workers (errors,
 * topics, names), and no caller has to remember it. */
static void
log_vwrite(const char *prefix, const char *fmt, va_list ap, int err)
{
	char	buf[2048], line[2304], safe[4096];
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
	log_escape(safe, sizeof safe, line, (size_t)n);
	if (log_sink != NULL)
		log_sink(safe, strlen(safe));
	else
		fprintf(stderr, "%s: %s\n", log_tag, safe);
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
