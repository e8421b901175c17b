/* The broker's string-keyed hash map. */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"

static struct hmap	m;

static void
setup(void)
{
	hmap_init(&m);
}

static void
teardown(void)
{
	hmap_clear(&m);
}

START_TEST(test_empty)
{
	ck_assert_uint_eq(m.count, 0);
	ck_assert_ptr_null(hmap_get(&m, "x"));
	ck_assert_ptr_null(hmap_del(&m, "x"));
	ck_assert_uint_eq(m.count, 0);
	hmap_clear(&m);
	ck_assert_ptr_null(hmap_get(&m, ""));
}
END_TEST

START_TEST(test_put_get_replace_del)
{
	int	a = 1, b = 2, c = 3;

	ck_assert_int_eq(hmap_put(&m, "a", &a), 0);
	ck_assert_int_eq(hmap_put(&m, "b", &b), 0);
	ck_assert_uint_eq(m.count, 2);
	ck_assert_ptr_eq(hmap_get(&m, "a"), &a);
	ck_assert_ptr_eq(hmap_get(&m, "b"), &b);
	ck_assert_ptr_null(hmap_get(&m, "c"));
	ck_assert_ptr_null(hmap_get(&m, "A"));
	ck_assert_ptr_null(hmap_get(&m, "ab"));

	/* Replace keeps one entry. */
	ck_assert_int_eq(hmap_put(&m, "a", &c), 0);
	ck_assert_uint_eq(m.count, 2);
	ck_assert_ptr_eq(hmap_get(&m, "a"), &c);

	ck_assert_ptr_eq(hmap_del(&m, "a"), &c);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_ptr_null(hmap_get(&m, "a"));
	ck_assert_ptr_null(hmap_del(&m, "a"));
	ck_assert_uint_eq(m.count, 1);
	ck_assert_ptr_eq(hmap_get(&m, "b"), &b);

	/* The empty string is a key like any other. */
	ck_assert_int_eq(hmap_put(&m, "", &a), 0);
	ck_assert_ptr_eq(hmap_get(&m, ""), &a);
	ck_assert_uint_eq(m.count, 2);
}
END_TEST

START_TEST(test_keys_copied)
{
	char	key[16];
	int	v = 7;

	snprintf(key, sizeof key, "name");
	ck_assert_int_eq(hmap_put(&m, key, &v), 0);
	snprintf(key, sizeof key, "other");
	ck_assert_ptr_eq(hmap_get(&m, "name"), &v);
	ck_assert_ptr_null(hmap_get(&m, "other"));
}
END_TEST

START_TEST(test_grow)
{
	static int	 vals[20000];
	char		 key[32];
	int		 i;

	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "{h|e|%d}", i);
		ck_assert_int_eq(hmap_put(&m, key, &vals[i]), 0);
		ck_assert_uint_eq(m.count, (size_t)i + 1);
	}
	ck_assert_uint_ge(m.nbuckets, 16384);
	ck_assert_uint_eq(m.nbuckets & (m.nbuckets - 1), 0);
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "{h|e|%d}", i);
		ck_assert_ptr_eq(hmap_get(&m, key), &vals[i]);
	}
	/* Delete the even ones; the odd ones stay. */
	for (i = 0; i < 20000; i += 2) {
		snprintf(key, sizeof key, "{h|e|%d}", i);
		ck_assert_ptr_eq(hmap_del(&m, key), &vals[i]);
	}
	ck_assert_uint_eq(m.count, 10000);
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "{h|e|%d}", i);
		if (i % 2 == 0)
			ck_assert_ptr_null(hmap_get(&m, key));
		else
			ck_assert_ptr_eq(hmap_get(&m, key), &vals[i]);
	}
}
END_TEST

/* FNV-1a, the broker's old (unkeyed) hash, to find keys an attacker would
 * choose: names a process registers go into the broker's name table. */
static uint64_t
fnv1a(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (h);
}

/*
 * Hash flooding: 64 names whose unkeyed hashes share their low 16 bits
 * (the bucket index of any table up to 65536 buckets) must not share one
 * chain. On the old code they all did: every lookup of such a name
 * walked all of them.
 */
START_TEST(test_flooding)
{
	static int		 vals[64];
	struct hmap_node	*n;
	char			 key[32];
	size_t			 i, longest = 0, len;
	unsigned		 tries = 0;
	int			 found = 0;

	while (found < 64) {
		snprintf(key, sizeof key, "name%u", tries++);
		if ((fnv1a(key) & 0xffff) != 0x1234)
			continue;
		ck_assert_int_eq(hmap_put(&m, key, &vals[found]), 0);
		found++;
	}
	for (i = 0; i < m.nbuckets; i++) {
		len = 0;
		for (n = m.buckets[i]; n != NULL; n = n->next)
			len++;
		if (len > longest)
			longest = len;
	}
	ck_assert_msg(longest <= 8, "%zu of 64 chosen keys in one chain "
	    "of %zu buckets", longest, m.nbuckets);
}
END_TEST

struct visit {
	int	seen[1000];
	int	calls;
	void	*arg;
};

static void
visit_cb(const char *key, void *value, void *arg)
{
	struct visit	*v = arg;
	int		 i = (int)((int *)value - (int *)v->arg);
	char		 want[32];

	ck_assert(i >= 0 && i < 1000);
	snprintf(want, sizeof want, "k%d", i);
	ck_assert_str_eq(key, want);
	v->seen[i]++;
	v->calls++;
}

START_TEST(test_foreach)
{
	static int	 vals[1000];
	struct visit	 v;
	char		 key[32];
	int		 i;

	memset(&v, 0, sizeof v);
	hmap_foreach(&m, visit_cb, &v);
	ck_assert_int_eq(v.calls, 0);

	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		ck_assert_int_eq(hmap_put(&m, key, &vals[i]), 0);
	}
	ck_assert_ptr_eq(hmap_del(&m, "k500"), &vals[500]);
	v.arg = vals;
	hmap_foreach(&m, visit_cb, &v);
	ck_assert_int_eq(v.calls, 999);
	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(v.seen[i], i == 500 ? 0 : 1);
}
END_TEST

START_TEST(test_clear_and_reuse)
{
	int	a = 1;
	char	key[32];
	int	i;

	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "x%d", i);
		ck_assert_int_eq(hmap_put(&m, key, &a), 0);
	}
	hmap_clear(&m);
	ck_assert_uint_eq(m.count, 0);
	ck_assert_uint_eq(m.nbuckets, 0);
	ck_assert_ptr_null(m.buckets);
	ck_assert_ptr_null(hmap_get(&m, "x1"));
	ck_assert_int_eq(hmap_put(&m, "x1", &a), 0);
	ck_assert_ptr_eq(hmap_get(&m, "x1"), &a);
	ck_assert_uint_eq(m.count, 1);
}
END_TEST

static Suite *
hmap_suite(void)
{
	Suite	*s = suite_create("hmap");
	TCase	*tc;

	tc = tcase_create("hmap");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_put_get_replace_del);
	tcase_add_test(tc, test_keys_copied);
	tcase_add_test(tc, test_grow);
	tcase_add_test(tc, test_flooding);
	tcase_add_test(tc, test_foreach);
	tcase_add_test(tc, test_clear_and_reuse);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(hmap_suite()));
}
