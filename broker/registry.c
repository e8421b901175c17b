/*
 * Registered names (spec section 2): name -> the process holding it.
 *
 * Every name also has an owner, the process that registered it (the
 * holder itself, or a process that registered it for another pid). Only
 * the owner or the holder may unregister it; the owner is charged for it
 * against its host's max_names, so registering for others cannot get
 * round the quota; and a name goes when either of them exits, so a name
 * registered for a long-lived pid cannot outlive its registrant and pile
 * up.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cname.h"
#include "log.h"
#include "node.h"
#include "remote.h"

struct regname {
	struct proc		*holder;
	struct proc		*owner;
	TAILQ_ENTRY(regname)	 held;		/* in holder->names_held */
	TAILQ_ENTRY(regname)	 owned;		/* in owner->names_owned */
	char			 name[];
};

int
registry_name_valid(const char *name, const char **cause)
{
	size_t	len = strlen(name);

	if (len == 0)
		*cause = "name is empty";
	else if (len > FB_NAME_MAX)
		*cause = "name longer than 255 bytes";
	else if (name[0] == '{')
		*cause = "name may not start with '{'";
	else
		return (1);
	return (0);
}

void
registry_init(struct proc *p)
{
	TAILQ_INIT(&p->names_held);
	TAILQ_INIT(&p->names_owned);
}

/* Register name for t on behalf of by (by == t for a process's own). */
int
registry_register(struct proc *by, struct proc *t, const char *name,
    char *err, size_t errlen)
{
	struct regname		*r;
	struct remote_dest	 d;
	const char		*cause;
	size_t			 len;

	if (!registry_name_valid(name, &cause)) {
		snprintf(err, errlen, "bad name: %s", cause);
		return (-1);
	}
	/* On a node, name@node is an address (remote.h): a name here that
	 * reads as one could never be reached by it. */
	if (remote_dest_where(name, node_name(), &d) != REMOTE_HERE ||
	    d.namelen != strlen(name)) {
		snprintf(err, errlen, "bad name: %s is an address (name@node), "
		    "not a name", name);
		return (-1);
	}
	if ((r = hmap_get(&broker->names, name)) != NULL) {
		if (r->holder == t)
			return (0);
		snprintf(err, errlen, "name taken: %s is registered to %s",
		    name, r->holder->pid);
		return (-1);
	}
	if (by->nowned >= by->host->host.max_names) {
		snprintf(err, errlen, "too many names: host %s allows "
		    "max_names %u per process", by->host->ref,
		    by->host->host.max_names);
		return (-1);
	}
	len = strlen(name);
	if ((r = malloc(sizeof *r + len + 1)) == NULL)
		fatalx("out of memory");
	memcpy(r->name, name, len + 1);
	r->holder = t;
	r->owner = by;
	if (hmap_put(&broker->names, r->name, r) != 0)
		fatalx("out of memory");
	TAILQ_INSERT_TAIL(&t->names_held, r, held);
	TAILQ_INSERT_TAIL(&by->names_owned, r, owned);
	by->nowned++;
	return (0);
}

static void
registry_drop(struct regname *r)
{
	hmap_del(&broker->names, r->name);
	TAILQ_REMOVE(&r->holder->names_held, r, held);
	TAILQ_REMOVE(&r->owner->names_owned, r, owned);
	r->owner->nowned--;
	free(r);
}

/* 1 when by unregistered the name, 0 when it was not registered, -1 when
 * it is neither the name's owner nor its holder. */
int
registry_unregister(struct proc *by, const char *name)
{
	struct regname	*r;

	if ((r = hmap_get(&broker->names, name)) == NULL)
		return (0);
	if (r->owner != by && r->holder != by)
		return (-1);
	registry_drop(r);
	return (1);
}

struct proc *
registry_lookup(const char *name)
{
	struct regname	*r = hmap_get(&broker->names, name);

	return (r != NULL ? r->holder : NULL);
}

/* Drop every name a process holds or registered, cluster names too (at
 * exit, before its events go out). */
void
registry_release(struct proc *p)
{
	struct regname	*r;

	while ((r = TAILQ_FIRST(&p->names_held)) != NULL)
		registry_drop(r);
	while ((r = TAILQ_FIRST(&p->names_owned)) != NULL)
		registry_drop(r);
	cname_release(p);
}
