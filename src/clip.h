/* Long text cut short with a marker that says how long it was, instead of
 * being refused or lost (print lines, error messages). */
#ifndef CLIP_H
#define CLIP_H

#include <stddef.h>

/* Room the marker "... [truncated, N bytes]" takes at most, with its NUL. */
#define CLIP_MARKER_MAX	48

size_t	clip_utf8(const char *s, size_t len, size_t max);
size_t	clip(char *dst, size_t max, const char *s, size_t len);

#endif
