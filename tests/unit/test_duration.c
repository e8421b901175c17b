/* Durations and sizes: every unit, combinations, and every refusal. */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <stdint.h>
#include <string.h>

#include "duration.h"

static const struct {
	const char	*in;
	int64_t		 usec;
} duration_good[] = {
	{ "250us", 250 },
	{ "100ms", 100 * INT64_C(1000) },
	{ "3s", 3 * INT64_C(1000000) },
	{ "2m", 120 * INT64_C(1000000) },
	{ "1h", 3600 * INT64_C(1000000) },
	{ "1m30s", 90 * INT64_C(1000000) },
	{ "1h2m3s4ms", INT64_C(3723004000) },
	{ "1h2m3s4ms5us", INT64_C(3723004005) },
	{ "1h30s", INT64_C(3630000000) },
	{ "2s500ms", INT64_C(2500000) },
	{ "0", 0 },
	{ "0s", 0 },
	{ "0us", 0 },
	{ "1500", INT64_C(1500000) },		/* bare number: ms */
	{ "007s", INT64_C(7000000) },
	{ "90m", INT64_C(5400000000) },
	{ "9223372036854775807us", INT64_MAX },
	{ "9223372036854775ms", INT64_C(9223372036854775000) },
	{ "9223372036854775", INT64_C(9223372036854775000) },
	{ "2562047788h", INT64_C(9223372036800000000) },
};

static const struct {
	const char	*in;
	const char	*err;
} duration_bad[] = {
	{ "", "bad duration \"\": empty" },
	{ "3x", "bad duration \"3x\": unknown unit \"x\"" },
	{ "-1s", "bad duration \"-1s\": negative" },
	{ "-5", "bad duration \"-5\": negative" },
	{ "1m30", "bad duration \"1m30\": missing unit" },
	{ "s", "bad duration \"s\": expected a number" },
	{ "1.5s", "bad duration \"1.5s\": missing unit" },
	{ " 1s", "bad duration \" 1s\": expected a number" },
	{ "1s ", "bad duration \"1s \": expected a number" },
	{ "+1s", "bad duration \"+1s\": expected a number" },
	{ "1S", "bad duration \"1S\": unknown unit \"S\"" },
	{ "1sec", "bad duration \"1sec\": unknown unit \"sec\"" },
	{ "1ns", "bad duration \"1ns\": unknown unit \"ns\"" },
	{ "1d", "bad duration \"1d\": unknown unit \"d\"" },
	{ "30s1m", "bad duration \"30s1m\": unit \"m\" out of order" },
	{ "1s1s", "bad duration \"1s1s\": unit \"s\" out of order" },
	{ "1ms1s", "bad duration \"1ms1s\": unit \"s\" out of order" },
	{ "9223372036854775808us", "bad duration \"9223372036854775808us\": "
	    "too large" },
	{ "9223372036854775808", "bad duration \"9223372036854775808\": "
	    "too large" },
	{ "9223372036854776", "bad duration \"9223372036854776\": too large" },
	{ "2562047789h", "bad duration \"2562047789h\": too large" },
	/* Each part fits; the sum does not. */
	{ "2562047788h1m", "bad duration \"2562047788h1m\": too large" },
	{ "99999999999999999999999s", "bad duration "
	    "\"99999999999999999999999s\": too large" },
};

START_TEST(test_duration_good)
{
	int64_t	usec = -1;
	char	err[128] = "";

	ck_assert_msg(duration_parse(duration_good[_i].in, &usec, err,
	    sizeof err) == 0, "%s: %s", duration_good[_i].in, err);
	ck_assert_msg(usec == duration_good[_i].usec, "%s: %jd, want %jd",
	    duration_good[_i].in, (intmax_t)usec,
	    (intmax_t)duration_good[_i].usec);
}
END_TEST

START_TEST(test_duration_bad)
{
	int64_t	usec = 12345;
	char	err[128] = "";

	ck_assert_msg(duration_parse(duration_bad[_i].in, &usec, err,
	    sizeof err) == -1, "%s: accepted", duration_bad[_i].in);
	ck_assert_str_eq(err, duration_bad[_i].err);
	ck_assert_int_eq(usec, 12345);		/* untouched */
}
END_TEST

START_TEST(test_duration_edges)
{
	int64_t	usec = 7;
	char	err[8];

	ck_assert_int_eq(duration_parse(NULL, &usec, err, sizeof err), -1);
	ck_assert_int_eq(usec, 7);
	/* The error is cut to the buffer. */
	ck_assert_str_eq(err, "bad dur");
	ck_assert_int_eq(duration_parse("3x", &usec, NULL, 0), -1);
	ck_assert_int_eq(duration_parse("3s", &usec, NULL, 0), 0);
	ck_assert_int_eq(usec, 3000000);
}
END_TEST

static const struct {
	const char	*in;
	uint64_t	 bytes;
} size_good[] = {
	{ "64MiB", UINT64_C(64) << 20 },
	{ "512KiB", UINT64_C(512) << 10 },
	{ "1GiB", UINT64_C(1) << 30 },
	{ "100B", 100 },
	{ "0B", 0 },
	{ "1KB", 1000 },
	{ "2MB", 2000000 },
	{ "3GB", UINT64_C(3000000000) },
	{ "18446744073709551615B", UINT64_MAX },
	{ "17179869183GiB", UINT64_C(17179869183) << 30 },
};

static const struct {
	const char	*in;
	const char	*err;
} size_bad[] = {
	{ "", "bad size \"\": empty" },
	{ "64Mb", "bad size \"64Mb\": unknown unit \"Mb\"" },
	/* A bare number is a mistake (64 bytes meant as 64MiB), not bytes. */
	{ "64", "bad size \"64\": missing unit (64MiB, 512KiB, 100B)" },
	{ "0", "bad size \"0\": missing unit (64MiB, 512KiB, 100B)" },
	{ "1024", "bad size \"1024\": missing unit (64MiB, 512KiB, 100B)" },
	{ "64mib", "bad size \"64mib\": unknown unit \"mib\"" },
	{ "64 MiB", "bad size \"64 MiB\": unknown unit \" MiB\"" },
	{ "1TiB", "bad size \"1TiB\": unknown unit \"TiB\"" },
	{ "1.5MiB", "bad size \"1.5MiB\": unknown unit \".5MiB\"" },
	{ "-1", "bad size \"-1\": negative" },
	{ "MiB", "bad size \"MiB\": expected a number" },
	{ "1MiB1KiB", "bad size \"1MiB1KiB\": unknown unit \"MiB1KiB\"" },
	{ "18446744073709551616B", "bad size \"18446744073709551616B\": "
	    "too large" },
	{ "17179869184GiB", "bad size \"17179869184GiB\": too large" },
	{ "18446744073709552KB", "bad size \"18446744073709552KB\": "
	    "too large" },
};

START_TEST(test_size_good)
{
	uint64_t	bytes = 1;
	char		err[128] = "";

	ck_assert_msg(size_parse(size_good[_i].in, &bytes, err,
	    sizeof err) == 0, "%s: %s", size_good[_i].in, err);
	ck_assert_msg(bytes == size_good[_i].bytes, "%s: %ju, want %ju",
	    size_good[_i].in, (uintmax_t)bytes,
	    (uintmax_t)size_good[_i].bytes);
}
END_TEST

START_TEST(test_size_bad)
{
	uint64_t	bytes = 12345;
	char		err[128] = "";

	ck_assert_msg(size_parse(size_bad[_i].in, &bytes, err,
	    sizeof err) == -1, "%s: accepted", size_bad[_i].in);
	ck_assert_str_eq(err, size_bad[_i].err);
	ck_assert_uint_eq(bytes, 12345);
}
END_TEST

START_TEST(test_size_edges)
{
	uint64_t	bytes = 7;
	char		err[64];

	ck_assert_int_eq(size_parse(NULL, &bytes, err, sizeof err), -1);
	ck_assert_str_eq(err, "bad size \"\": empty");
	ck_assert_uint_eq(bytes, 7);
	ck_assert_int_eq(size_parse("1x", &bytes, NULL, 0), -1);
}
END_TEST

#define NITEMS(a)	((int)(sizeof (a) / sizeof (a)[0]))

static Suite *
duration_suite(void)
{
	Suite	*s = suite_create("duration");
	TCase	*tc;

	tc = tcase_create("duration");
	tcase_add_loop_test(tc, test_duration_good, 0, NITEMS(duration_good));
	tcase_add_loop_test(tc, test_duration_bad, 0, NITEMS(duration_bad));
	tcase_add_test(tc, test_duration_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("size");
	tcase_add_loop_test(tc, test_size_good, 0, NITEMS(size_good));
	tcase_add_loop_test(tc, test_size_bad, 0, NITEMS(size_bad));
	tcase_add_test(tc, test_size_edges);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(duration_suite()));
}
