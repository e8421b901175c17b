/*
 * Who spawned whom across nodes, for control: children (perm.c,
 * api.md section 6): a process spawned here for another node's process
 * remembers its spawner and that one's own spawners (the "anc" of
 * FB_NODE_SPAWN, at most REMOTE_ANCESTORS_MAX, nearest first), so that a
 * process on any node may terminate, cancel and link what it spawned,
 * wherever that runs, and its descendants. lineage.c keeps the local
 * tree; this keeps, per process, the spawners beyond it, and hands them
 * down to its children when it ends, as lineage.c moves them up.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker.h"
#include "log.h"
#include "remote.h"

static struct hmap	remote_lineage_map;	/* our id -> json array */
static int		remote_lineage_ready;

static void
remote_lineage_key(char *buf, size_t len, uint64_t id)
{
	snprintf(buf, len, "%" PRIx64, id);
}

static json_t *
remote_lineage_get(const struct proc *p)
{
	char	key[32];

	if (!remote_lineage_ready)
		return (NULL);
	remote_lineage_key(key, sizeof key, p->id);
	return (hmap_get(&remote_lineage_map, key));
}

/* p's spawners beyond this node; takes anc. */
static void
remote_lineage_put(struct proc *p, json_t *anc)
{
	char	key[32];

	if (!remote_lineage_ready) {
		hmap_init(&remote_lineage_map);
		remote_lineage_ready = 1;
	}
	remote_lineage_key(key, sizeof key, p->id);
	json_decref(hmap_del(&remote_lineage_map, key));
	if (hmap_put(&remote_lineage_map, key, anc) != 0)
		fatalx("out of memory");
}

/* child was spawned here by `by` of another node, whose spawners are
 * anc (borrowed). */
void
remote_lineage_set(struct proc *child, const char *by, json_t *anc)
{
	json_t	*list;
	size_t	 i;

	if ((list = json_array()) == NULL ||
	    json_array_append_new(list, json_string(by)) != 0)
		fatalx("out of memory");
	for (i = 0; i < json_array_size(anc) &&
	    json_array_size(list) < REMOTE_ANCESTORS_MAX; i++)
		if (json_array_append(list, json_array_get(anc, i)) != 0)
			fatalx("out of memory");
	remote_lineage_put(child, list);
}

/* p's spawners, nearest first, on every node: what a child it spawns on
 * another node is told. New reference (NULL out of memory). */
json_t *
remote_lineage_of(struct proc *p)
{
	const struct proc	*q;
	json_t			*list = json_array(), *anc;
	size_t			 i;

	for (q = p; q != NULL && list != NULL; q = q->parent) {
		if (q != p && json_array_size(list) < REMOTE_ANCESTORS_MAX &&
		    json_array_append_new(list, json_string(q->pid)) != 0)
			return (json_decref(list), NULL);
		if ((anc = remote_lineage_get(q)) == NULL)
			continue;
		for (i = 0; i < json_array_size(anc) &&
		    json_array_size(list) < REMOTE_ANCESTORS_MAX; i++)
			if (json_array_append(list,
			    json_array_get(anc, i)) != 0)
				return (json_decref(list), NULL);
	}
	return (list);
}

/* Whether t descends from pid, a process of another node (or of this
 * one, through another node). */
int
remote_lineage_descends(const struct proc *t, const char *pid)
{
	const struct proc	*q;
	json_t			*anc, *v;
	size_t			 i;

	for (q = t; q != NULL; q = q->parent) {
		if ((anc = remote_lineage_get(q)) == NULL)
			continue;
		json_array_foreach(anc, i, v)
			if (strcmp(json_string_value(v), pid) == 0)
				return (1);
	}
	return (0);
}

/* p is ending: its children (lineage.c moves them up) keep its
 * spawners beyond this node. */
void
remote_lineage_exit(struct proc *p)
{
	struct proc	*c;
	json_t		*anc;
	char		 key[32];

	if ((anc = remote_lineage_get(p)) == NULL)
		return;
	TAILQ_FOREACH(c, &p->children, sibling)
		if (remote_lineage_get(c) == NULL)
			remote_lineage_put(c, json_incref(anc));
	remote_lineage_key(key, sizeof key, p->id);
	json_decref(hmap_del(&remote_lineage_map, key));
}

static void
remote_lineage_clear_one(const char *key, void *value, void *arg)
{
	json_decref(value);
}

void
remote_lineage_clear(void)
{
	if (!remote_lineage_ready)
		return;
	hmap_foreach(&remote_lineage_map, remote_lineage_clear_one, NULL);
	hmap_clear(&remote_lineage_map);
	remote_lineage_ready = 0;
}
