/* One log module for the broker and the workers. */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>
#include <stddef.h>

enum log_level { LOG_LEVEL_QUIET = 0, LOG_LEVEL_WARN, LOG_LEVEL_INFO,
    LOG_LEVEL_DEBUG };

void	log_init(const char *tag, int level);
/* Send each line ("prefix: message", no tag, no newline) to a sink
 * instead of stderr; NULL restores stderr. */
void	log_set_sink(void (*)(const char *, size_t));
int	log_get_level(void);
/* Untrusted text made one safe line (see log.c); returns dst. */
char	*log_escape(char *dst, size_t dstlen, const char *src, size_t len);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
