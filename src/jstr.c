/*
 * JSON string text, word at a time (jstr.h). A 64-bit word answers "is
 * any of these 8 bytes special?" with a few arithmetic operations (the
 * "has a zero byte" and "has a byte less than n" tricks: a borrow can only
 * mark bytes above a byte that really matches, so the answer for the word
 * as a whole is exact). Words that answer no are skipped or copied whole;
 * the others are looked at byte by byte.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "jstr.h"

#define JSTR_ONES	0x0101010101010101ULL
#define JSTR_HIGHS	0x8080808080808080ULL

static inline uint64_t
jstr_load(const unsigned char *p)
{
	uint64_t	w;

	memcpy(&w, p, sizeof w);	/* unaligned, one instruction */
	return (w);
}

/* Non-zero when a byte of w is >= 0x80 (needs the UTF-8 check). */
static inline uint64_t
jstr_high(uint64_t w)
{
	return (w & JSTR_HIGHS);
}

/*
 * Non-zero when a byte of w is < 0x20, '"', '\\' or >= 0x80. For a byte
 * below 0x80, byte - 0x20 sets the high bit only when the byte is < 0x20,
 * and (byte ^ c) - 1 only when the byte is c; a byte from 0x80 up sets it
 * through "| w" whatever the rest says.
 */
static inline uint64_t
jstr_special(uint64_t w)
{
	return (((w - JSTR_ONES * 0x20) |
	    ((w ^ (JSTR_ONES * '"')) - JSTR_ONES) |
	    ((w ^ (JSTR_ONES * '\\')) - JSTR_ONES) | w) & JSTR_HIGHS);
}

/*
 * Non-zero when one of the 32 bytes at p is special (as jstr_special).
 * With SSE2 (every x86-64): 16 bytes a compare; the bytes compared as
 * signed, so one "less than 0x20" catches both < 0x20 and >= 0x80.
 */
#ifdef __SSE2__
static inline int
jstr_special32(const unsigned char *p)
{
	const __m128i	sp = _mm_set1_epi8(0x20);
	const __m128i	qu = _mm_set1_epi8('"');
	const __m128i	bs = _mm_set1_epi8('\\');
	__m128i		a, b;

	a = _mm_loadu_si128((const __m128i *)(const void *)p);
	b = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
	a = _mm_or_si128(_mm_cmplt_epi8(a, sp),
	    _mm_or_si128(_mm_cmpeq_epi8(a, qu), _mm_cmpeq_epi8(a, bs)));
	b = _mm_or_si128(_mm_cmplt_epi8(b, sp),
	    _mm_or_si128(_mm_cmpeq_epi8(b, qu), _mm_cmpeq_epi8(b, bs)));
	return (_mm_movemask_epi8(_mm_or_si128(a, b)));
}
#else
static inline int
jstr_special32(const unsigned char *p)
{
	return ((jstr_special(jstr_load(p)) | jstr_special(jstr_load(p + 8)) |
	    jstr_special(jstr_load(p + 16)) |
	    jstr_special(jstr_load(p + 24))) != 0);
}
#endif

/* Bytes at p in whole 32-byte blocks with nothing special. */
static size_t
jstr_clean_any(const unsigned char *p, size_t n)
{
	size_t	i = 0;

	while (n - i >= 32 && !jstr_special32(p + i))
		i += 32;
	return (i);
}

#if defined(__x86_64__) && defined(__GNUC__)
/*
 * The same with AVX2, 64 bytes a turn: half the compares of SSE2 for a
 * long payload (the scan is a few percent of each worker at 4 KiB).
 */
__attribute__((target("avx2"))) static size_t
jstr_clean_avx2(const unsigned char *p, size_t n)
{
	const __m256i	sp = _mm256_set1_epi8(0x20);
	const __m256i	qu = _mm256_set1_epi8('"');
	const __m256i	bs = _mm256_set1_epi8('\\');
	__m256i		a, b;
	size_t		i = 0;

	while (n - i >= 64) {
		a = _mm256_loadu_si256((const __m256i *)(const void *)
		    (p + i));
		b = _mm256_loadu_si256((const __m256i *)(const void *)
		    (p + i + 32));
		a = _mm256_or_si256(_mm256_cmpgt_epi8(sp, a),
		    _mm256_or_si256(_mm256_cmpeq_epi8(a, qu),
		    _mm256_cmpeq_epi8(a, bs)));
		b = _mm256_or_si256(_mm256_cmpgt_epi8(sp, b),
		    _mm256_or_si256(_mm256_cmpeq_epi8(b, qu),
		    _mm256_cmpeq_epi8(b, bs)));
		if (!_mm256_testz_si256(_mm256_or_si256(a, b),
		    _mm256_or_si256(a, b)))
			break;
		i += 64;
	}
	return (i + jstr_clean_any(p + i, n - i));
}
#endif

static size_t	jstr_clean_first(const unsigned char *, size_t);

/* The clean-block skip for this CPU, chosen at the first scan. */
static size_t	(*jstr_clean)(const unsigned char *, size_t) =
		    jstr_clean_first;

static size_t
jstr_clean_first(const unsigned char *p, size_t n)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx2"))
		jstr_clean = jstr_clean_avx2;
	else
#endif
		jstr_clean = jstr_clean_any;
	return (jstr_clean(p, n));
}

/*
 * Length of the UTF-8 sequence at p (p[0] >= 0x80), at most n bytes
 * available; 0 when it is not a valid one.
 */
static size_t
jstr_utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		k, more;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		more = 1;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		more = 2;
		if (p[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (p[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		more = 3;
		if (p[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else
		return (0);
	if (n - 1 < more || p[1] < lo || p[1] > hi)
		return (0);
	for (k = 2; k <= more; k++)
		if (p[k] < 0x80 || p[k] > 0xbf)
			return (0);
	return (more + 1);
}

int
jstr_utf8_valid(const char *s0, size_t len)
{
	const unsigned char	*s = (const unsigned char *)s0;
	size_t			 i = 0, n;

	while (i < len) {
		if (len - i >= 16 && !jstr_high(jstr_load(s + i) |
		    jstr_load(s + i + 8))) {
			i += 16;
			continue;
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = jstr_utf8_seq(s + i, len - i)) == 0)
			return (0);
		i += n;
	}
	return (1);
}

/* Bytes escaping adds to c (< 0x20, '"' or '\\'). */
static size_t
jstr_extra(unsigned char c)
{
	switch (c) {
	case '"':
	case '\\':
	case '\b':
	case '\f':
	case '\n':
	case '\r':
	case '\t':
		return (1);
	default:
		return (5);
	}
}

int
jstr_scan(const char *s0, size_t len, size_t *extrap)
{
	const unsigned char	*s = (const unsigned char *)s0;
	size_t			 i = 0, extra = 0, n, end;

	while (i < len) {
		/* Clean blocks of 32 bytes or more at once. */
		if (len - i >= 32 && (n = jstr_clean(s + i, len - i)) != 0) {
			i += n;
			continue;
		}
		if (len - i >= 8 && !jstr_special(jstr_load(s + i))) {
			i += 8;
			continue;
		}
		/* A word (or the tail) byte by byte; a UTF-8 sequence may
		 * run past it, and the next word starts after it. */
		end = len - i >= 8 ? i + 8 : len;
		while (i < end) {
			if (s[i] >= 0x80) {
				if ((n = jstr_utf8_seq(s + i, len - i)) == 0)
					return (-1);
				i += n;
			} else if (s[i] < 0x20 || s[i] == '"' || s[i] == '\\')
				extra += jstr_extra(s[i++]);
			else
				i++;
		}
	}
	*extrap = extra;
	return (0);
}

void
jstr_quote(char *out, const char *s, size_t len, size_t jlen)
{
	out[0] = '"';
	if (jlen == len + 2)
		memcpy(out + 1, s, len);
	else
		jstr_escape(out + 1, s, len);
	out[jlen - 1] = '"';
}

void
jstr_escape(char *out, const char *s0, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*s = (const unsigned char *)s0;
	unsigned char		 c;
	size_t			 i = 0;
	char			*o = out;

	while (i < len) {
		if (len - i >= 8 && !jstr_special(jstr_load(s + i))) {
			memcpy(o, s + i, 8);
			o += 8;
			i += 8;
			continue;
		}
		c = s[i++];
		if (c >= 0x20 && c != '"' && c != '\\') {
			*o++ = (char)c;
			continue;
		}
		*o++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*o++ = (char)c;
			break;
		case '\b':
			*o++ = 'b';
			break;
		case '\f':
			*o++ = 'f';
			break;
		case '\n':
			*o++ = 'n';
			break;
		case '\r':
			*o++ = 'r';
			break;
		case '\t':
			*o++ = 't';
			break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 0xf];
			break;
		}
	}
}
