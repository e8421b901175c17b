/* Who spawned whom (broker/lineage.c), for control: children. */
#include "config.h"

#include <stdlib.h>

#include <check.h>

#include "unit.h"
#include "broker/broker.h"

#define DEPTH	100000

static struct proc *
proc(uint64_t id)
{
	struct proc	*p = calloc(1, sizeof *p);

	ck_assert_ptr_nonnull(p);
	p->id = id;
	lineage_init(p);
	return (p);
}

static void
gone(struct proc *p)
{
	lineage_free(p);
	free(p);
}

START_TEST(test_family)
{
	struct proc	*root = proc(1), *a = proc(2), *b = proc(3);
	struct proc	*a1 = proc(4), *stranger = proc(5);

	lineage_adopt(a, root);
	lineage_adopt(b, root);
	lineage_adopt(a1, a);
	ck_assert(lineage_descends(a, root));
	ck_assert(lineage_descends(a1, root));
	ck_assert(lineage_descends(a1, a));
	ck_assert(!lineage_descends(a1, b));	/* a sibling's child */
	ck_assert(!lineage_descends(root, a));	/* not upwards */
	ck_assert(!lineage_descends(a, a));	/* not itself */
	ck_assert(!lineage_descends(stranger, root));
	ck_assert(!lineage_descends(root, stranger));

	/* The process in between exits: its child is still root's. */
	gone(a);
	ck_assert(lineage_descends(a1, root));
	ck_assert_ptr_eq(a1->parent, root);
	/* root exits: its children are nobody's. */
	gone(root);
	ck_assert_ptr_null(a1->parent);
	ck_assert_ptr_null(b->parent);
	ck_assert(!lineage_descends(a1, b));
	gone(b);
	gone(a1);
	gone(stranger);
}
END_TEST

/* A long chain of spawns, each exiting once it has spawned the next: the
 * survivors stay related and nothing of the dead is kept. */
START_TEST(test_long_chain)
{
	struct proc	*top = proc(1), *prev = top, *p, *mid = NULL;
	uint64_t	 i;

	for (i = 2; i <= DEPTH; i++) {
		p = proc(i);
		lineage_adopt(p, prev);
		if (prev != top && prev != mid)
			gone(prev);
		if (i == DEPTH / 2)
			mid = p;
		prev = p;
	}
	ck_assert(lineage_descends(prev, top));
	ck_assert(lineage_descends(prev, mid));
	ck_assert(!lineage_descends(mid, prev));
	ck_assert_ptr_eq(prev->parent, mid);
	ck_assert_ptr_eq(mid->parent, top);
	gone(top);
	gone(mid);
	gone(prev);
}
END_TEST

static Suite *
lineage_suite(void)
{
	Suite	*s = suite_create("lineage");
	TCase	*tc;

	tc = tcase_create("lineage");
	tcase_add_test(tc, test_family);
	tcase_add_test(tc, test_long_chain);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(lineage_suite()));
}
