/*
 * Who spawned whom, for control: children (perm.c). Each process points
 * at its parent and lists its children. When a process ends, its
 * children move up to its own parent, so a grandchild is still known as
 * one after the process in between has exited, and the tree holds live
 * processes only: nothing grows with a chain of spawns that exit, and a
 * check walks at most the live ancestors of its target. Processes the
 * broker starts itself (services, run's and test's own) have no parent.
 */
#include "config.h"

#include "broker.h"

void
lineage_init(struct proc *p)
{
	p->parent = NULL;
	TAILQ_INIT(&p->children);
}

void
lineage_adopt(struct proc *child, struct proc *parent)
{
	child->parent = parent;
	TAILQ_INSERT_TAIL(&parent->children, child, sibling);
}

/* Whether t descends from a (spawned by it, or by its descendants). */
int
lineage_descends(const struct proc *t, const struct proc *a)
{
	const struct proc	*q;

	for (q = t->parent; q != NULL; q = q->parent)
		if (q == a)
			return (1);
	return (0);
}

/* p is going: its children become its parent's. */
void
lineage_free(struct proc *p)
{
	struct proc	*c;

	while ((c = TAILQ_FIRST(&p->children)) != NULL) {
		TAILQ_REMOVE(&p->children, c, sibling);
		c->parent = p->parent;
		if (p->parent != NULL)
			TAILQ_INSERT_TAIL(&p->parent->children, c, sibling);
	}
	if (p->parent != NULL)
		TAILQ_REMOVE(&p->parent->children, p, sibling);
	p->parent = NULL;
}
