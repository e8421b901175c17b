/* The keyed permutation behind unguessable pids (broker/pidperm.c). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <check.h>

#include "unit.h"
#include "broker/pidperm.h"

#define N	200000

static struct pidperm	k;

static void
setup(void)
{
	unsigned char	key[PIDPERM_KEY_SIZE];
	int		i;

	for (i = 0; i < PIDPERM_KEY_SIZE; i++)
		key[i] = (unsigned char)i;
	pidperm_key(&k, key);
}

static int
popcount(uint64_t x)
{
	return (__builtin_popcountll(x));
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* The reference implementation's vector: key 00..0f, message 00..07. */
START_TEST(test_siphash_vector)
{
	ck_assert_uint_eq(pidperm_siphash(&k, 0x0706050403020100ULL),
	    0x93f5f5799a932462ULL);
}
END_TEST

START_TEST(test_round_trip)
{
	uint64_t	x, y;

	for (x = 0; x < N; x++)
		ck_assert_uint_eq(pidperm_decode(&k, pidperm_encode(&k, x)), x);
	/* Spread over the whole range too. */
	for (x = 1, y = 0; y < N; y++, x = x * 6364136223846793005ULL +
	    1442695040888963407ULL)
		ck_assert_uint_eq(pidperm_encode(&k, pidperm_decode(&k, x)), x);
}
END_TEST

/* A permutation: N counters give N different ids. */
START_TEST(test_unique)
{
	uint64_t	*ids;
	size_t		 i;

	ids = calloc(N, sizeof *ids);
	ck_assert_ptr_nonnull(ids);
	for (i = 0; i < N; i++)
		ids[i] = pidperm_encode(&k, i + 1);
	qsort(ids, N, sizeof *ids, cmp_u64);
	for (i = 1; i < N; i++)
		ck_assert_uint_ne(ids[i - 1], ids[i]);
	free(ids);
}
END_TEST

/*
 * Not predictable from earlier ids, as far as cheap statistics can tell:
 * consecutive ids differ in about half their bits, their difference is
 * never the same twice in a row, and every bit is set about half the time.
 */
START_TEST(test_no_pattern)
{
	uint64_t	prev, cur, d, dprev = 0;
	long		flips = 0, ones[64] = { 0 };
	int		b;
	size_t		i;

	prev = pidperm_encode(&k, 1);
	for (i = 2; i <= N + 1; i++) {
		cur = pidperm_encode(&k, i);
		flips += popcount(prev ^ cur);
		d = cur - prev;
		ck_assert_uint_ne(d, dprev);
		for (b = 0; b < 64; b++)
			ones[b] += (cur >> b) & 1;
		dprev = d;
		prev = cur;
	}
	/* 32 bits on average; N * 64 trials keep it well within 0.1. */
	ck_assert_msg(flips > (long)N * 319 / 10 && flips < (long)N * 321 / 10,
	    "consecutive ids differ in %.3f bits on average",
	    (double)flips / N);
	for (b = 0; b < 64; b++)
		ck_assert_msg(ones[b] > N * 49 / 100 && ones[b] < N * 51 / 100,
		    "bit %d set in %ld of %d ids", b, ones[b], N);
}
END_TEST

/* The key is what makes it unguessable: one key bit changes every id. */
START_TEST(test_key_matters)
{
	unsigned char	key[PIDPERM_KEY_SIZE] = { 0 };
	struct pidperm	a, b, r1, r2;
	long		flips = 0;
	uint64_t	i;

	pidperm_key(&a, key);
	key[15] ^= 0x80;
	pidperm_key(&b, key);
	for (i = 1; i <= 10000; i++) {
		ck_assert_uint_ne(pidperm_encode(&a, i), pidperm_encode(&b, i));
		flips += popcount(pidperm_encode(&a, i) ^
		    pidperm_encode(&b, i));
	}
	ck_assert_msg(flips > 10000 * 31 && flips < 10000 * 33,
	    "a key bit changes %.3f bits of an id", flips / 10000.0);
	ck_assert_int_eq(pidperm_random(&r1), 0);
	ck_assert_int_eq(pidperm_random(&r2), 0);
	ck_assert(r1.k0 != r2.k0 || r1.k1 != r2.k1);
	ck_assert_uint_ne(pidperm_encode(&r1, 1), pidperm_encode(&r2, 1));
}
END_TEST

static Suite *
pidperm_suite(void)
{
	Suite	*s = suite_create("pidperm");
	TCase	*tc;

	tc = tcase_create("pidperm");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_siphash_vector);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_unique);
	tcase_add_test(tc, test_no_pattern);
	tcase_add_test(tc, test_key_matters);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(pidperm_suite()));
}
