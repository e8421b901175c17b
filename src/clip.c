/* Long text cut short with a marker that says how long it was. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clip.h"

/* The longest prefix of s (len bytes) that is at most max bytes and does
 * not end inside a UTF-8 character. */
size_t
clip_utf8(const char *s, size_t len, size_t max)
{
	size_t	n;

	if (len <= max)
		return (len);
	n = max;
	/* s[n] is the first byte left out: back up while it continues a
	 * character, at most the 3 continuation bytes one can have. */
	while (n > 0 && max - n < 3 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	if (((unsigned char)s[n] & 0xc0) == 0x80)
		n = max;	/* not UTF-8 anyway: cut where asked */
	return (n);
}

/*
 * Copy s (len bytes) into dst, which holds max + CLIP_MARKER_MAX bytes:
 * whole when it fits in max, else its first max bytes or fewer (cut at a
 * character) followed by "... [truncated, LEN bytes]". NUL-terminated;
 * returns the length written.
 */
size_t
clip(char *dst, size_t max, const char *s, size_t len)
{
	size_t	n = clip_utf8(s, len, max);
	int	m;

	memcpy(dst, s, n);
	if (n == len) {
		dst[n] = '\0';
		return (n);
	}
	m = snprintf(dst + n, CLIP_MARKER_MAX, "... [truncated, %zu bytes]",
	    len);
	return (n + (m > 0 && m < CLIP_MARKER_MAX ? (size_t)m : 0));
}
