/*
 * Word-at-a-time JSON string text (src/jstr.c) against the byte-at-a-time
 * code it replaced, kept here as the reference: every byte value at every
 * offset of a word pair, invalid sequences across word boundaries, and
 * random inputs; and the codec's string fast paths against jansson.
 */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "codec.h"
#include "jstr.h"

/* ---- the reference: the codec's code before jstr.c ---------------- */

static int
ref_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	unsigned char		 lo, hi;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			n = 1;
		else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			n = 2;
			if (p[i] == 0xe0)
				lo = 0xa0;
			else if (p[i] == 0xed)
				hi = 0x9f;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			n = 3;
			if (p[i] == 0xf0)
				lo = 0x90;
			else if (p[i] == 0xf4)
				hi = 0x8f;
		} else
			return (0);
		if (len - i - 1 < n)
			return (0);
		if (p[i + 1] < lo || p[i + 1] > hi)
			return (0);
		for (k = 2; k <= n; k++) {
			if (p[i + k] < 0x80 || p[i + k] > 0xbf)
				return (0);
		}
		i += n + 1;
	}
	return (1);
}

/* The old codec_encode_scalar's string body: escaped text, *np bytes. */
static char *
ref_escape(const char *s0, size_t len, size_t *np)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*s = (const unsigned char *)s0;
	unsigned char		 c;
	size_t			 n, i;
	char			*out, *o;

	for (n = 0, i = 0; i < len; i++) {
		c = s[i];
		if (c == '"' || c == '\\' || c == '\b' || c == '\f' ||
		    c == '\n' || c == '\r' || c == '\t')
			n += 2;
		else if (c < 0x20)
			n += 6;
		else
			n++;
	}
	ck_assert_ptr_nonnull(out = malloc(n + 1));
	o = out;
	for (i = 0; i < len; i++) {
		c = s[i];
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
	*np = n;
	return (out);
}

/* ---- comparing --------------------------------------------------------- */

static void
dump_bytes(const char *s, size_t len, char *out, size_t outlen)
{
	size_t	i, o = 0;

	for (i = 0; i < len && o + 4 < outlen; i++)
		o += (size_t)snprintf(out + o, outlen - o, "%02x ",
		    (unsigned char)s[i]);
	out[o] = '\0';
}

/* jstr_* must say exactly what the reference says about s. */
static void
same_as_ref(const char *s, size_t len)
{
	char	 hex[1024], *want, *got;
	size_t	 extra = 0, n;
	int	 valid = ref_utf8_valid(s, len);

	dump_bytes(s, len, hex, sizeof hex);
	ck_assert_msg(jstr_utf8_valid(s, len) == valid,
	    "utf8_valid %d, reference %d for %s", !valid, valid, hex);
	ck_assert_msg((jstr_scan(s, len, &extra) == 0) == valid,
	    "scan disagrees on validity for %s", hex);
	if (!valid)
		return;
	want = ref_escape(s, len, &n);
	ck_assert_msg(len + extra == n, "scan: %zu extra, reference %zu for %s",
	    extra, n - len, hex);
	ck_assert_ptr_nonnull(got = malloc(n + 1));
	jstr_escape(got, s, len);
	ck_assert_msg(memcmp(got, want, n) == 0, "escape differs for %s", hex);
	free(got);
	free(want);
}

/* Every byte value at every offset 0..15 of a 32-byte string, and at
 * every offset of a 72-byte one (the scan takes 32 bytes a turn, then 8)
 * and of a 168-byte one (with AVX2 64 a turn, then 32, then 8), in plain
 * text and next to a special byte. */
START_TEST(test_every_byte_every_offset)
{
	static const size_t	sizes[] = { 32, 72, 168 };
	char			s[168];
	size_t			len, size, off, k;
	int			c, fill;

	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size = sizes[k];
		for (fill = 0; fill < 3; fill++) {
			for (off = 0; off < (size == 32 ? 16 : size); off++) {
				for (c = 0; c < 256; c++) {
					memset(s, "a\"\x7f"[fill], size);
					s[off] = (char)c;
					same_as_ref(s, size);
					/* and as the last byte of a shorter
					 * string */
					len = off + 1;
					same_as_ref(s, len);
				}
			}
		}
	}
}
END_TEST

/* Two-byte values (a lead and what follows) at every offset: every
 * truncated, overlong and surrogate form of a 2-byte sequence. */
START_TEST(test_every_pair_at_boundaries)
{
	char	s[32];
	int	off, a, b;

	for (off = 5; off < 10; off++) {
		for (a = 0x80; a < 256; a++) {
			for (b = 0; b < 256; b += 3) {
				memset(s, 'x', sizeof s);
				s[off] = (char)a;
				s[off + 1] = (char)b;
				same_as_ref(s, sizeof s);
			}
		}
	}
}
END_TEST

/* Sequences that must be refused (and their valid neighbours), starting
 * on both sides of the 8- and 16-byte boundaries and cut at the end. */
START_TEST(test_invalid_at_boundaries)
{
	static const struct {
		const char	*b;
		int		 valid;
	} seqs[] = {
		{ "\xc0\x80", 0 },		/* overlong NUL */
		{ "\xc1\xbf", 0 },		/* overlong */
		{ "\xe0\x80\x80", 0 },		/* overlong 3-byte */
		{ "\xe0\x9f\xbf", 0 },		/* overlong U+07FF */
		{ "\xe0\xa0\x80", 1 },		/* U+0800 */
		{ "\xf0\x80\x80\x80", 0 },	/* overlong 4-byte */
		{ "\xf0\x8f\xbf\xbf", 0 },	/* overlong U+FFFF */
		{ "\xf0\x90\x80\x80", 1 },	/* U+10000 */
		{ "\xed\xa0\x80", 0 },		/* U+D800 */
		{ "\xed\xbf\xbf", 0 },		/* U+DFFF */
		{ "\xed\x9f\xbf", 1 },		/* U+D7FF */
		{ "\xee\x80\x80", 1 },		/* U+E000 */
		{ "\xf4\x8f\xbf\xbf", 1 },	/* U+10FFFF */
		{ "\xf4\x90\x80\x80", 0 },	/* U+110000 */
		{ "\xf5\x80\x80\x80", 0 },
		{ "\xff", 0 },
		{ "\x80", 0 },			/* lone continuation */
		{ "\xc3", 0 },			/* truncated */
		{ "\xe2\x82", 0 },
		{ "\xf0\x9f\x98", 0 },
		{ "\xc3\x28", 0 },		/* bad continuation */
		{ "\xe2\x28\xa1", 0 },
		{ "\xf0\x9f\x28\x80", 0 },
		{ "\xc3\xa9", 1 },		/* é */
		{ "\xe2\x82\xac", 1 },		/* € */
		{ "\xf0\x9f\x98\x80", 1 },	/* U+1F600 */
	};
	char	s[40], hex[256];
	size_t	i, n, off, len, extra;

	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		n = strlen(seqs[i].b);
		for (off = 3; off <= 17; off++) {
			memset(s, 'y', sizeof s);
			memcpy(s + off, seqs[i].b, n);
			dump_bytes(s, sizeof s, hex, sizeof hex);
			ck_assert_msg(jstr_utf8_valid(s, sizeof s) ==
			    seqs[i].valid, "seq %zu at %zu: %s", i, off, hex);
			ck_assert_msg((jstr_scan(s, sizeof s, &extra) == 0) ==
			    seqs[i].valid, "scan: seq %zu at %zu", i, off);
			same_as_ref(s, sizeof s);
			/* cut: the sequence's last byte is missing */
			len = off + n - 1;
			if (n > 1) {
				ck_assert_msg(!jstr_utf8_valid(s, len),
				    "cut seq %zu at %zu", i, off);
				same_as_ref(s, len);
			}
		}
	}
}
END_TEST

/* One random byte, drawn so that specials and UTF-8 pieces are common. */
static size_t
random_piece(char *p)
{
	static const char *const pieces[] = {
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\x9f\xbf",
		"\xf4\x8f\xbf\xbf", "\xed\xa0\x80", "\xc0\xaf", "\xe0\x80\xaf",
		"\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f",
	};
	const char	*q;
	int		 r = rand() % 100;

	if (r < 60) {
		*p = (char)(0x20 + rand() % 0x5f);
		return (1);
	}
	if (r < 70) {
		*p = (char)(rand() % 256);
		return (1);
	}
	q = pieces[rand() % (int)(sizeof pieces / sizeof pieces[0])];
	memcpy(p, q, strlen(q));
	return (strlen(q));
}

START_TEST(test_random_against_reference)
{
	char	s[600];
	size_t	len, want;
	int	i;

	srand(16);
	for (i = 0; i < 40000; i++) {
		want = (size_t)(rand() % 512);
		for (len = 0; len < want; )
			len += random_piece(s + len);
		same_as_ref(s, len);
		/* mostly plain: long runs with one piece somewhere */
		memset(s, 'p', want + 4);
		len = (size_t)rand() % (want + 1);
		len += random_piece(s + len);
		same_as_ref(s, want > len ? want : len);
	}
}
END_TEST

/* ---- the codec's fast paths, against jansson ------------------------ */

static lua_State	*L;

static void
setup(void)
{
	L = luaL_newstate();
}

static void
teardown(void)
{
	lua_close(L);
}

/* codec_encode of a string is byte for byte what json_dumpb writes, and
 * codec_decode gives it back. */
START_TEST(test_codec_strings_as_jansson)
{
	char	 s[300], err[256], *got, *want;
	size_t	 len, glen, wlen, n;
	json_t	*j;
	int	 i;

	srand(17);
	for (i = 0; i < 20000; i++) {
		n = (size_t)(rand() % 256);
		for (len = 0; len < n; )
			len += random_piece(s + len);
		lua_settop(L, 0);
		lua_pushlstring(L, s, len);
		got = codec_encode(L, 1, "payload", &glen, err, sizeof err);
		if (!ref_utf8_valid(s, len)) {
			ck_assert_msg(got == NULL, "invalid UTF-8 encoded");
			continue;
		}
		ck_assert_msg(got != NULL, "encode: %s", err);
		ck_assert_ptr_nonnull(j = json_stringn_nocheck(s, len));
		wlen = json_dumpb(j, NULL, 0, JSON_ENCODE_ANY | JSON_COMPACT);
		ck_assert_ptr_nonnull(want = malloc(wlen));
		ck_assert_uint_eq(json_dumpb(j, want, wlen, JSON_ENCODE_ANY |
		    JSON_COMPACT), wlen);
		ck_assert_uint_eq(glen, wlen);
		ck_assert_msg(memcmp(got, want, wlen) == 0, "not jansson's");
		ck_assert_int_eq(codec_decode(L, got, glen, err, sizeof err),
		    0);
		ck_assert_int_eq(lua_type(L, -1), LUA_TSTRING);
		ck_assert_uint_eq(lua_rawlen(L, -1), len);
		ck_assert(memcmp(lua_tostring(L, -1), s, len) == 0);
		json_decref(j);
		free(want);
		free(got);
	}
}
END_TEST

static Suite *
jstr_suite(void)
{
	Suite	*s = suite_create("jstr");
	TCase	*tc;

	tc = tcase_create("scan");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_byte_every_offset);
	tcase_add_test(tc, test_every_pair_at_boundaries);
	tcase_add_test(tc, test_invalid_at_boundaries);
	tcase_add_test(tc, test_random_against_reference);
	suite_add_tcase(s, tc);

	tc = tcase_create("codec");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_codec_strings_as_jansson);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(jstr_suite()));
}
