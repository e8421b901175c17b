/*
 * Spawning on another node: process.spawn*(entry, "host@node", ...) and
 * "host@*" (the live node with the most free room on that host, from
 * the nodes' last heartbeats, ties broken at random; the next one when
 * it refuses for lack of room).
 *
 * The spawner's node checks the spawner's permissions (its host's spawn
 * list names host refs, whichever node they are on); the other node
 * does every check of a local spawn, and sets the monitor or link on its
 * side before the child can run. The spawner's side makes its half when
 * the answer comes, in the same loop turn as the reply to the worker;
 * if the spawner ended meanwhile, the child is told at once (a link
 * then ends it, when the spawner's end was abnormal), and a child whose
 * answer came after the spawner gave up is ended as "noconnection".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "frame.h"
#include "log.h"
#include "node.h"
#include "remote.h"

#define REMOTE_SPAWN_NODES	64	/* nodes tried for host@* */

struct remote_spawn {
	uint16_t	 flags;		/* FB_F_MONITOR, FB_F_LINK */
	char		*entry;
	char		*host;		/* without @node */
	char		*args;
	size_t		 alen;
	char		*nodes[REMOTE_SPAWN_NODES];	/* to try, in order */
	size_t		 nnodes;
	size_t		 next;
	int		 any;		/* host@*: the next on lack of room */
	char		*last;		/* the last refusal, for host@* */
};

void
remote_spawn_free(struct remote_pending *pd)
{
	struct remote_spawn	*sp = pd->spawn;
	size_t			 i;

	if (sp == NULL)
		return;
	for (i = 0; i < sp->nnodes; i++)
		free(sp->nodes[i]);
	free(sp->entry);
	free(sp->host);
	free(sp->args);
	free(sp->last);
	free(sp);
	pd->spawn = NULL;
}

static void
remote_spawn_last(struct remote_spawn *sp, const char *fmt, const char *a)
{
	free(sp->last);
	if (asprintf(&sp->last, fmt, a) == -1)
		fatalx("out of memory");
}

/* Order the live nodes with room on host: most room first, ties at
 * random (shuffled, then a stable sort). */
static void
remote_spawn_rank(struct remote_spawn *sp)
{
	struct node_room	 rooms[REMOTE_SPAWN_NODES], r;
	size_t			 n, i, j, known = 0;

	n = node_rooms(sp->host, rooms, REMOTE_SPAWN_NODES);
	for (i = n; i > 1; i--) {
		j = (size_t)arc4random_uniform((uint32_t)i);
		r = rooms[i - 1];
		rooms[i - 1] = rooms[j];
		rooms[j] = r;
	}
	for (i = 1; i < n; i++) {
		r = rooms[i];
		for (j = i; j > 0 && rooms[j - 1].room < r.room; j--)
			rooms[j] = rooms[j - 1];
		rooms[j] = r;
	}
	for (i = 0; i < n; i++) {
		if (rooms[i].room < 0)
			continue;	/* no such host there */
		known++;
		if (rooms[i].room == 0)
			continue;
		if ((sp->nodes[sp->nnodes++] = strdup(rooms[i].node)) == NULL)
			fatalx("out of memory");
	}
	if (known == 0)
		remote_spawn_last(sp, "unknown host: %s@*", sp->host);
	else
		remote_spawn_last(sp, "host %s is at max_processes on every "
		    "live node", sp->host);
}

/* Ask the next node of sp (or spawn here, when it is this one) until
 * one takes it or none is left; frees pd when it is answered. */
static void
remote_spawn_next(struct remote_pending *pd, struct proc *p)
{
	struct remote_spawn	*sp = pd->spawn;
	const char		*node, *cause;
	json_t			*env;
	int			 more;

	while (sp->next < sp->nnodes) {
		node = sp->nodes[sp->next++];
		more = sp->any && sp->next < sp->nnodes;
		if (strcmp(node, node_name()) == 0) {
			if (route_spawn_here(p, pd->ref, sp->flags, sp->entry,
			    sp->host, sp->args, sp->alen, more) == 1)
				continue;	/* full here: the next */
			remote_req_free(pd);
			return;
		}
		env = json_pack("{s:s,s:s,s:s,s:b,s:b,s:o}", "by", p->pid,
		    "entry", sp->entry, "host", sp->host,
		    "monitor", (sp->flags & FB_F_MONITOR) != 0,
		    "link", (sp->flags & FB_F_LINK) != 0,
		    "anc", remote_lineage_of(p));
		if (remote_req_send(pd, node, FB_NODE_SPAWN, env, sp->args,
		    sp->alen, &cause) == 0)
			return;		/* the answer goes on */
		log_info("%s: cannot spawn on node %s: %s", p->pid, node,
		    cause);
		remote_spawn_last(sp, "%s", cause);
	}
	route_reply_err(p, pd->ref, "%s", sp->last);
	remote_req_free(pd);
}

/*
 * A spawn of p (route.c) on host ref href: 1 when href names another
 * node or all of them (host@node, host@*) or our own by name (host@us),
 * and the spawn is answered from here; 0 for a plain host of this
 * broker.
 */
int
remote_spawn(struct proc *p, const struct frame *f, const char *eref,
    const char *href)
{
	struct remote_dest	 d;
	struct remote_pending	*pd;
	struct remote_spawn	*sp;
	enum remote_where	 w;
	char			*host;

	if (node_name() == NULL)
		return (0);
	w = remote_host_where(href, node_name(), &d);
	if (w == REMOTE_HERE && d.namelen == strlen(href))
		return (0);
	if ((host = strndup(d.name, d.namelen)) == NULL)
		fatalx("out of memory");
	if (w == REMOTE_HERE) {
		route_spawn_here(p, f->ref, f->flags, eref, host, f->payload,
		    f->plen, 0);
		free(host);
		return (1);
	}
	if (!perm_spawn_ref(p, host)) {
		perm_refuse(p, f->ref, "spawn on %s", host);
		free(host);
		return (1);
	}
	if ((f->flags & FB_F_LINK) && !perm_control(p, NULL)) {
		perm_refuse(p, f->ref, "link");
		free(host);
		return (1);
	}
	pd = remote_req_new(p, FB_SPAWN, f->ref, NULL);
	if ((sp = calloc(1, sizeof *sp)) == NULL ||
	    (sp->entry = strdup(eref)) == NULL ||
	    (f->plen > 0 && (sp->args = malloc(f->plen)) == NULL))
		fatalx("out of memory");
	pd->spawn = sp;
	sp->host = host;
	sp->flags = f->flags & (FB_F_MONITOR | FB_F_LINK);
	if (f->plen > 0)
		memcpy(sp->args, f->payload, f->plen);
	sp->alen = f->plen;
	if (w == REMOTE_CLUSTER) {
		sp->any = 1;
		remote_spawn_rank(sp);
	} else {
		if ((sp->nodes[0] = strndup(d.node, d.nodelen)) == NULL)
			fatalx("out of memory");
		sp->nnodes = 1;
		remote_spawn_last(sp, "unknown node %s", sp->nodes[0]);
	}
	remote_spawn_next(pd, p);
	return (1);
}

/* No answer, or the node was lost: for host@*, the next node; else the
 * spawner hears why. */
void
remote_spawn_failed(struct remote_pending *pd, struct proc *p,
    const char *cause)
{
	struct remote_spawn	*sp = pd->spawn;

	remote_spawn_last(sp, "%s", cause);
	if (sp->any && sp->next < sp->nnodes) {
		/* remote_req_fail frees pd after this: go on with a copy. */
		struct remote_pending	*again;

		again = remote_req_new(p, FB_SPAWN, pd->ref, NULL);
		again->spawn = sp;
		pd->spawn = NULL;
		remote_spawn_next(again, p);
		return;
	}
	route_reply_err(p, pd->ref, "%s", cause);
}

/* The child was made for a spawner that is gone or gave up: tell it,
 * so that nothing is left tied to a process that is no more. */
static void
remote_spawn_orphan(const char *node, const char *by, const char *pid,
    int monitor, int link, const char *reason, const char *error)
{
	if (link)
		remote_tie_send_exit(node, by, pid, 1, reason, error, NULL, 0,
		    NULL, 0);
	else if (monitor)
		remote_tie_untie(node, "unmonitor", by, pid);
}

/* The answer to a spawn: pd NULL when nobody waits for it any more. */
int
remote_spawn_answer(struct remote_pending *pd, const char *node,
    json_t *env, int ok, const char *pid, const char *error, int full,
    const char **why)
{
	struct remote_spawn	*sp;
	struct proc		*p;
	const char		*by;
	int			 monitor, link;

	if (remote_bool(env, "monitor", &monitor, why) != 0 ||
	    remote_bool(env, "link", &link, why) != 0)
		return (-1);
	if (ok && pid == NULL) {
		*why = "a spawn's answer without a pid";
		return (-1);
	}
	if (pd == NULL) {
		/* Given up on (timeout, spawner gone and forgotten). */
		if (ok && (by = remote_pid_of(env, "by", node_name(),
		    why)) == NULL)
			return (-1);
		if (ok)
			remote_spawn_orphan(node, by, pid, monitor, link,
			    "noconnection", "the spawner gave up waiting for "
			    "this node");
		return (0);
	}
	sp = pd->spawn;
	if ((p = remote_req_asker(pd)) == NULL) {
		if (ok)
			remote_spawn_orphan(node, pd->by, pid,
			    sp->flags & FB_F_MONITOR, sp->flags & FB_F_LINK,
			    pd->gone_reason != NULL ? pd->gone_reason :
			    "noproc", pd->gone_error);
		remote_req_free(pd);
		return (0);
	}
	evtimer_del(pd->timer);
	if (!ok) {
		remote_spawn_last(sp, "%s", error);
		if (full && sp->any)
			remote_spawn_next(pd, p);
		else {
			route_reply_err(p, pd->ref, "%s", error);
			remote_req_free(pd);
		}
		return (0);
	}
	if (sp->flags & FB_F_MONITOR)
		remote_tie_add(REMOTE_MONITORING, p, pid, node);
	if (sp->flags & FB_F_LINK)
		remote_tie_add(REMOTE_LINK, p, pid, node);
	route_reply_ok(p, pd->ref, pid);
	remote_req_free(pd);
	return (0);
}

/* ---- spawning here for another node ------------------------------ */

/* "anc": the spawner's own spawners, pids of any node. */
static json_t *
remote_spawn_anc(json_t *env, const char **why)
{
	json_t			*anc = json_object_get(env, "anc"), *v;
	struct remote_pid	 pid;
	size_t			 i;

	if (anc == NULL)
		return (json_array());
	if (!json_is_array(anc) || json_array_size(anc) >
	    REMOTE_ANCESTORS_MAX) {
		*why = "anc not an array of at most 32 pids";
		return (NULL);
	}
	json_array_foreach(anc, i, v) {
		if (!json_is_string(v) || remote_pid_parse(json_string_value(v),
		    json_string_length(v), &pid) != 0 || pid.node == NULL) {
			*why = "anc holds something that is not a pid";
			return (NULL);
		}
	}
	return (json_incref(anc));
}

/* FB_NODE_SPAWN: their `by` spawns here. */
int
remote_spawn_in(const char *node, json_t *env, const char *payload,
    size_t plen, const char **why)
{
	const char		*by, *eref, *href;
	struct app_entry	*entry, *host;
	struct proc		*child;
	uint64_t		 req;
	int			 monitor, link;
	json_t			*anc, *ans;
	char			 err[512];

	if (remote_req_id(env, &req, why) != 0 ||
	    (by = remote_pid_of(env, "by", node, why)) == NULL ||
	    (eref = remote_str(env, "entry", 1, 512, why)) == NULL ||
	    (href = remote_str(env, "host", 1, 512, why)) == NULL ||
	    remote_bool(env, "monitor", &monitor, why) != 0 ||
	    remote_bool(env, "link", &link, why) != 0 ||
	    (anc = remote_spawn_anc(env, why)) == NULL)
		return (-1);
	ans = json_pack("{s:I,s:s,s:b,s:b}", "req", (json_int_t)req, "by", by,
	    "monitor", monitor, "link", link);
	child = NULL;
	if ((entry = app_find(broker->app, eref, APP_PROCESS)) == NULL)
		snprintf(err, sizeof err, "unknown entry: %s", eref);
	else if ((host = proc_host(href)) == NULL)
		snprintf(err, sizeof err, "unknown host: %s", href);
	else if (proc_host_state(host)->live >= host->host.max_processes) {
		snprintf(err, sizeof err, "host %s is at max_processes (%u)",
		    host->ref, host->host.max_processes);
		if (ans != NULL)
			json_object_set_new(ans, "full", json_true());
	} else
		child = spawn_proc(entry, host, payload, plen, err,
		    sizeof err);
	if (child == NULL) {
		if (ans != NULL)
			json_object_set_new(ans, "error", json_string(err));
		json_object_set_new(ans, "ok", json_false());
		json_decref(anc);
		remote_req_reply(node, ans);
		return (0);
	}
	remote_lineage_set(child, by, anc);
	json_decref(anc);
	/* Before the child can run: no exit of it goes unseen. */
	if (monitor)
		remote_tie_add(REMOTE_MONITORED, child, by, node);
	if (link)
		remote_tie_add(REMOTE_LINK, child, by, node);
	log_info("%s: spawned for %s", child->pid, by);
	json_object_set_new(ans, "ok", json_true());
	json_object_set_new(ans, "pid", json_string(child->pid));
	remote_req_reply(node, ans);
	return (0);
}
