/*
 * JSON string text at memory speed: strict UTF-8 checks and JSON escaping
 * by word-at-a-time scans (8 bytes per step, 16 per loop turn), with the
 * bytes that need a closer look (< 0x20, '"', '\\', >= 0x80) handled one
 * at a time. Exactly the rules of the byte-at-a-time code they replace
 * (tests/unit/test_jstr.c keeps that code and compares).
 */
#ifndef JSTR_H
#define JSTR_H

#include <stddef.h>

/* Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing past
 * U+10FFFF. The same rules jansson applies. 1 when valid, else 0. */
int	jstr_utf8_valid(const char *, size_t);

/*
 * Check s as the body of a JSON string: valid UTF-8, and how many bytes
 * escaping adds ('"', '\\', \b \f \n \r \t: 1 each; other bytes < 0x20:
 * 5 each, as \u00XX). Returns 0 with *extra set, or -1 when s is not valid
 * UTF-8. *extra == 0 means s goes out (and comes in) as it is.
 */
int	jstr_scan(const char *, size_t, size_t *extra);

/* Write s escaped as json_dumpb does (no quotes around it) to out, which
 * has room for len + extra bytes (jstr_scan). */
void	jstr_escape(char *out, const char *, size_t);

/* The JSON string for s, quotes included: jlen = len + extra + 2 bytes
 * (jstr_scan) at out; copied as it is when nothing needs escaping. */
void	jstr_quote(char *out, const char *, size_t len, size_t jlen);

#endif
