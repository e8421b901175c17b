/* log_escape: untrusted text made one safe log line. */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <string.h>

#include "log.h"

static const struct {
	const char	*in;
	const char	*out;
} log_cases[] = {
	{ "plain text", "plain text" },
	{ "tab\tkept", "tab\tkept" },
	{ "\033[31mred", "\\x1b[31mred" },
	{ "a\r\nforkbox: forged", "a\\x0d\\x0aforkbox: forged" },
	{ "del\177", "del\\x7f" },
	{ "caf\303\251 \360\237\230\200", "caf\303\251 \360\237\230\200" },
	{ "c1 \302\233", "c1 \\xc2\\x9b" },		/* U+009B, CSI */
	{ "nbsp \302\240", "nbsp \302\240" },		/* U+00A0 is text */
	{ "lone \200", "lone \\x80" },
	{ "bad \377\376", "bad \\xff\\xfe" },
	{ "overlong \300\257", "overlong \\xc0\\xaf" },
	{ "surrogate \355\240\200", "surrogate \\xed\\xa0\\x80" },
	{ "overlong3 \340\200\257", "overlong3 \\xe0\\x80\\xaf" },
	{ "too big \364\220\200\200", "too big \\xf4\\x90\\x80\\x80" },
	{ "cut \342\202", "cut \\xe2\\x82" },
	/* A literal backslash is escaped too, or text could forge what
	 * looks like an escaped byte: "\x1b" must not read as ESC. */
	{ "forged \\x1b", "forged \\x5cx1b" },
};

START_TEST(test_log_escape)
{
	char	buf[256];

	log_escape(buf, sizeof buf, log_cases[_i].in, strlen(log_cases[_i].in));
	ck_assert_str_eq(buf, log_cases[_i].out);
}
END_TEST

START_TEST(test_log_escape_nul)
{
	char	buf[32];

	log_escape(buf, sizeof buf, "a\0b", 3);
	ck_assert_str_eq(buf, "a\\x00b");
}
END_TEST

/* Truncation: never past the buffer, never half a character or half an
 * escape, and marked with "...". */
START_TEST(test_log_escape_truncated)
{
	char	buf[16], in[64];
	size_t	i;

	memset(in, 'x', sizeof in);
	memset(buf, '#', sizeof buf);
	log_escape(buf, 12, in, sizeof in);
	ck_assert_str_eq(buf, "xxxxxxxx...");
	ck_assert_int_eq(buf[12], '#');
	for (i = 0; i < sizeof in; i++)
		in[i] = i % 2 ? '\033' : 'y';
	log_escape(buf, 12, in, sizeof in);
	ck_assert_str_eq(buf, "y\\x1by...");
	log_escape(buf, 10, "\303\251\303\251\303\251\303\251", 8);
	ck_assert_str_eq(buf, "\303\251\303\251\303\251...");
	log_escape(buf, 1, "abc", 3);
	ck_assert_str_eq(buf, "");
	log_escape(buf, sizeof buf, "", 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

#define NITEMS(a)	((int)(sizeof (a) / sizeof (a)[0]))

static Suite *
log_suite(void)
{
	Suite	*s = suite_create("log");
	TCase	*tc = tcase_create("escape");

	tcase_add_loop_test(tc, test_log_escape, 0, NITEMS(log_cases));
	tcase_add_test(tc, test_log_escape_nul);
	tcase_add_test(tc, test_log_escape_truncated);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(log_suite()));
}
