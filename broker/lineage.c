/*
 * Who spawned whom, for control: children (perm.c). A process's node
 * names its parent's node and keeps it alive, so a grandchild is still
 * known as one after the process in between has exited; a node goes when
 * its process and every descendant's node are gone. Memory is one small
 * node per live process plus its dead ancestors that still have live
 * descendants.
 */
#include "config.h"

#include <stdlib.h>

#include "broker.h"

struct lineage {
	uint64_t	 id;		/* the process's internal id */
	struct lineage	*parent;	/* NULL: started by the broker */
	unsigned	 refs;		/* its process, and each child node */
};

static struct lineage *
lineage_new(uint64_t id, struct lineage *parent)
{
	struct lineage	*l;

	if ((l = malloc(sizeof *l)) == NULL)
		return (NULL);
	l->id = id;
	l->parent = parent;
	l->refs = 1;
	if (parent != NULL)
		parent->refs++;
	return (l);
}

/* Let go of one reference, and of ancestors no one needs any more; a
 * loop, as a chain of spawns can be long. */
static void
lineage_drop(struct lineage *l)
{
	struct lineage	*up;

	while (l != NULL && --l->refs == 0) {
		up = l->parent;
		free(l);
		l = up;
	}
}

/* Record that parent spawned child. Processes the broker starts itself
 * (services, run's and test's own) have no parent and get a node only
 * when they spawn. -1 when out of memory. */
int
lineage_adopt(struct proc *child, struct proc *parent)
{
	if (parent->lineage == NULL &&
	    (parent->lineage = lineage_new(parent->id, NULL)) == NULL)
		return (-1);
	if ((child->lineage = lineage_new(child->id, parent->lineage)) == NULL)
		return (-1);
	return (0);
}

/* Whether t descends from a (spawned by it, or by its descendants). */
int
lineage_descends(const struct proc *t, const struct proc *a)
{
	const struct lineage	*l;

	if (t->lineage == NULL)
		return (0);
	for (l = t->lineage->parent; l != NULL; l = l->parent)
		if (l->id == a->id)
			return (1);
	return (0);
}

void
lineage_free(struct proc *p)
{
	lineage_drop(p->lineage);
	p->lineage = NULL;
}
