/* clip: long text cut at a character, with a marker saying how long. */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <string.h>

#include "clip.h"

START_TEST(test_clip_fits)
{
	char	buf[8 + CLIP_MARKER_MAX];

	ck_assert_uint_eq(clip(buf, 8, "12345678", 8), 8);
	ck_assert_str_eq(buf, "12345678");
	ck_assert_uint_eq(clip(buf, 8, "", 0), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_clip_marker)
{
	char	buf[8 + CLIP_MARKER_MAX];
	size_t	n;

	n = clip(buf, 8, "123456789", 9);
	ck_assert_str_eq(buf, "12345678... [truncated, 9 bytes]");
	ck_assert_uint_eq(n, strlen(buf));
}
END_TEST

/* Never half a UTF-8 character: "é" is 2 bytes, the emoji 4. */
START_TEST(test_clip_utf8)
{
	char	buf[8 + CLIP_MARKER_MAX];

	clip(buf, 8, "1234567\303\251", 9);
	ck_assert_str_eq(buf, "1234567... [truncated, 9 bytes]");
	clip(buf, 8, "123456\360\237\230\200", 10);
	ck_assert_str_eq(buf, "123456... [truncated, 10 bytes]");
	ck_assert_uint_eq(clip_utf8("12345\360\237\230\200", 9, 8), 5);
	/* not UTF-8 at all: cut where asked */
	ck_assert_uint_eq(clip_utf8("\200\200\200\200\200\200\200\200\200",
	    9, 8), 8);
}
END_TEST

START_TEST(test_clip_marker_max)
{
	char	buf[4 + CLIP_MARKER_MAX];
	char	big[64];

	memset(big, 'x', sizeof big);
	/* the longest count a size_t makes still fits the marker room */
	ck_assert_uint_le(strlen("... [truncated, 18446744073709551615 "
	    "bytes]") + 1, CLIP_MARKER_MAX);
	clip(buf, 4, big, sizeof big);
	ck_assert_str_eq(buf, "xxxx... [truncated, 64 bytes]");
}
END_TEST

static Suite *
clip_suite(void)
{
	Suite	*s = suite_create("clip");
	TCase	*tc = tcase_create("clip");

	tcase_add_test(tc, test_clip_fits);
	tcase_add_test(tc, test_clip_marker);
	tcase_add_test(tc, test_clip_utf8);
	tcase_add_test(tc, test_clip_marker_max);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(clip_suite()));
}
