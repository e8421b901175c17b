/*
 * Monitors and links between a process here and one on another node,
 * and what ends them: an exit on either side (FB_NODE_EXIT), an
 * unmonitor or unlink (FB_NODE_UNTIE), the loss of the node.
 *
 * Each side keeps its own half, as a tie: a monitor is REMOTE_MONITORING
 * on the watcher's node and REMOTE_MONITORED on the target's; a link is
 * REMOTE_LINK on both. A tie is found by (kind, our process, their pid),
 * and listed under our process, so an exit walks only its own. An EXIT
 * that finds no tie here (it was unmonitored, or the process is gone) is
 * dropped: that is what makes "unmonitor: no EXIT afterwards" hold
 * across nodes, as the watcher's node forgets the tie before it answers.
 */
#include "config.h"

#include <sys/queue.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "remote.h"

struct remote_tie {
	enum remote_tie_kind	 kind;
	uint64_t		 local;		/* our process's id */
	char			*pid;		/* theirs */
	char			 node[REMOTE_NODE_MAX + 1];
	TAILQ_ENTRY(remote_tie)	 mine;		/* in its remote_ties */
	char			*key;		/* in remote_tie_map */
};
TAILQ_HEAD(remote_tie_list, remote_tie);

/* One process's ties, in the order they were made. */
struct remote_ties {
	struct remote_tie_list	 list;
};

static struct hmap	remote_tie_map;		/* key -> tie */
static struct hmap	remote_tie_procs;	/* our id -> remote_ties */
static int		remote_tie_ready;

static const char *const remote_tie_names[] = {
	[REMOTE_MONITORING] = "monitoring",
	[REMOTE_MONITORED] = "monitored",
	[REMOTE_LINK] = "link",
};

static void
remote_tie_init(void)
{
	if (remote_tie_ready)
		return;
	hmap_init(&remote_tie_map);
	hmap_init(&remote_tie_procs);
	remote_tie_ready = 1;
}

static void
remote_tie_idkey(char *buf, size_t len, uint64_t id)
{
	snprintf(buf, len, "%" PRIx64, id);
}

static char *
remote_tie_key(enum remote_tie_kind kind, uint64_t local, const char *pid)
{
	char	*key;

	if (asprintf(&key, "%d|%" PRIx64 "|%s", (int)kind, local, pid) == -1)
		fatalx("out of memory");
	return (key);
}

static struct remote_tie *
remote_tie_find(enum remote_tie_kind kind, uint64_t local, const char *pid)
{
	struct remote_tie	*t;
	char			*key;

	remote_tie_init();
	key = remote_tie_key(kind, local, pid);
	t = hmap_get(&remote_tie_map, key);
	free(key);
	return (t);
}

/* Tie p to the process pid of node; a second time changes nothing, as
 * a second local monitor does not. */
void
remote_tie_add(enum remote_tie_kind kind, struct proc *p, const char *pid,
    const char *node)
{
	struct remote_ties	*ts;
	struct remote_tie	*t;
	char			 id[32];

	if (remote_tie_find(kind, p->id, pid) != NULL)
		return;
	remote_tie_idkey(id, sizeof id, p->id);
	if ((ts = hmap_get(&remote_tie_procs, id)) == NULL) {
		if ((ts = calloc(1, sizeof *ts)) == NULL)
			fatalx("out of memory");
		TAILQ_INIT(&ts->list);
		if (hmap_put(&remote_tie_procs, id, ts) != 0)
			fatalx("out of memory");
	}
	if ((t = calloc(1, sizeof *t)) == NULL ||
	    (t->pid = strdup(pid)) == NULL)
		fatalx("out of memory");
	t->kind = kind;
	t->local = p->id;
	snprintf(t->node, sizeof t->node, "%s", node);
	t->key = remote_tie_key(kind, p->id, pid);
	if (hmap_put(&remote_tie_map, t->key, t) != 0)
		fatalx("out of memory");
	TAILQ_INSERT_TAIL(&ts->list, t, mine);
	log_debug("%s: %s %s", p->pid, remote_tie_names[kind], pid);
}

static void
remote_tie_free(struct remote_tie *t)
{
	struct remote_ties	*ts;
	char			 id[32];

	remote_tie_idkey(id, sizeof id, t->local);
	ts = hmap_get(&remote_tie_procs, id);
	TAILQ_REMOVE(&ts->list, t, mine);
	if (TAILQ_EMPTY(&ts->list)) {
		hmap_del(&remote_tie_procs, id);
		free(ts);
	}
	hmap_del(&remote_tie_map, t->key);
	free(t->key);
	free(t->pid);
	free(t);
}

/* Undo a tie; 1 when there was one. */
int
remote_tie_del(enum remote_tie_kind kind, uint64_t local, const char *pid)
{
	struct remote_tie	*t;

	if ((t = remote_tie_find(kind, local, pid)) == NULL)
		return (0);
	remote_tie_free(t);
	return (1);
}

/* Tell node that `by` forgets its monitor of or link with dest. */
void
remote_tie_untie(const char *node, const char *op, const char *by,
    const char *dest)
{
	const char	*cause;

	if (remote_send_frame(node, FB_NODE_UNTIE, json_pack("{s:s,s:s,s:s}",
	    "op", op, "by", by, "dest", dest), NULL, 0, &cause) != 0)
		log_info("%s: cannot tell node %s of its %s %s: %s", by, node,
		    op, dest, cause);
}

/* Tell node that `from` (ours) ended, for the tie of `to` (theirs). */
void
remote_tie_send_exit(const char *node, const char *from, const char *to,
    int link, const char *reason, const char *error, const char *result,
    size_t rlen, const char *output, size_t outlen)
{
	json_t		*env;
	const char	*cause = "out of memory";
	int		 r = -1;

	if (link) {
		result = NULL;	/* a link's end carries no result */
		rlen = 0;
	}
	env = json_pack("{s:s,s:s,s:s,s:s}", "from", from, "to", to,
	    "tie", link ? "link" : "monitor", "reason", reason);
	if (env != NULL && (error == NULL || json_object_set_new(env, "error",
	    json_string(error)) == 0) && (output == NULL ||
	    json_object_set_new(env, "output", json_stringn(output,
	    outlen)) == 0)) {
		r = node_send(node, FB_NODE_EXIT, env, result, rlen, &cause);
		/* Over what one NATS message holds (a big result or
		 * output): the exit itself must still arrive. */
		if (r != 0 && (rlen > 0 || output != NULL)) {
			json_object_del(env, "output");
			r = node_send(node, FB_NODE_EXIT, env, NULL, 0, &cause);
		}
	}
	json_decref(env);
	if (r != 0)
		log_info("%s: cannot tell node %s of its exit (for %s): %s",
		    from, node, to, cause);
}

/*
 * What an exit of their process does to ours at the end of a tie, as
 * lifecycle_exit does it for two processes here: a monitor gets EXIT; a
 * link LINK_DOWN (trap_links) or, on an abnormal exit, its end with
 * reason "link".
 */
static void
remote_tie_fire(struct proc *w, int link, const char *from,
    const char *reason, const char *error, const char *result, size_t rlen,
    const char *output, size_t outlen)
{
	if (w->finished)
		return;
	if (!link) {
		route_event(w, FB_EV_EXIT, from, reason, error, result, rlen,
		    0, output, outlen);
		return;
	}
	if (strcmp(reason, "normal") == 0)
		return;
	if (w->trap_links)
		route_event(w, FB_EV_LINK_DOWN, from, reason, error, NULL, 0,
		    0, output, outlen);
	else {
		log_info("%s: killed by its link to %s", w->pid, from);
		proc_kill(w, "link", "linked process exited: %s",
		    error != NULL ? error : reason);
	}
}

/* p ended: the other side of each of its ties learns it. */
void
remote_tie_exit(struct proc *p, const char *reason, const char *error)
{
	struct remote_ties	*ts;
	struct remote_tie	*t;
	const char		*output;
	size_t			 outlen = 0;
	char			 id[32];

	if (!remote_tie_ready)
		return;
	remote_tie_idkey(id, sizeof id, p->id);
	if ((ts = hmap_get(&remote_tie_procs, id)) == NULL)
		return;
	output = proclog_output(p, &outlen);
	while ((t = TAILQ_FIRST(&ts->list)) != NULL) {
		switch (t->kind) {
		case REMOTE_MONITORING:
			remote_tie_untie(t->node, "unmonitor", p->pid, t->pid);
			break;
		case REMOTE_MONITORED:
		case REMOTE_LINK:
			remote_tie_send_exit(t->node, p->pid, t->pid,
			    t->kind == REMOTE_LINK, reason, error, p->result,
			    p->result_len, output, outlen);
			break;
		}
		if (TAILQ_NEXT(t, mine) == NULL) {
			remote_tie_free(t);	/* frees ts too */
			break;
		}
		remote_tie_free(t);
	}
}

struct remote_tie_walk {
	const char		 *node;
	struct remote_tie	**ties;
	size_t			  n;
};

static void
remote_tie_collect(const char *key, void *value, void *arg)
{
	struct remote_tie	*t = value;
	struct remote_tie_walk	*l = arg;

	if (strcmp(t->node, l->node) == 0)
		l->ties[l->n++] = t;
}

/*
 * A node is lost: every monitor of one of its processes fires EXIT
 * "noconnection", every link acts as that process's abnormal exit with
 * "noconnection", and what its processes watched here is forgotten.
 */
void
remote_tie_lost(const char *node)
{
	struct remote_tie_walk	 l = { node, NULL, 0 };
	struct remote_tie	*t;
	struct proc		*w;
	size_t			 i;
	char			 error[128];

	if (!remote_tie_ready)
		return;
	snprintf(error, sizeof error, "lost the connection to node %s",
	    node);
	/* Collected first: firing may kill processes, never free them, but
	 * the map must not change while it is walked. */
	if (remote_tie_map.count == 0)
		return;
	if ((l.ties = calloc(remote_tie_map.count, sizeof *l.ties)) == NULL)
		fatalx("out of memory");
	hmap_foreach(&remote_tie_map, remote_tie_collect, &l);
	for (i = 0; i < l.n; i++) {
		t = l.ties[i];
		if (t->kind != REMOTE_MONITORED &&
		    (w = proc_find_id(t->local)) != NULL)
			remote_tie_fire(w, t->kind == REMOTE_LINK, t->pid,
			    "noconnection", error, NULL, 0, NULL, 0);
		remote_tie_free(t);
	}
	free(l.ties);
}

/* The reasons an exit may carry (api.md section 2, cluster.md). */
static int
remote_tie_reason_known(const char *reason)
{
	static const char *const known[] = {
		"normal", "error", "signal", "memory", "cpu", "timeout",
		"mailbox", "protocol", "sandbox", "terminated", "cancelled",
		"link", "noproc", "shutdown", "noconnection", NULL
	};
	size_t	i;

	for (i = 0; known[i] != NULL; i++)
		if (strcmp(reason, known[i]) == 0)
			return (1);
	return (0);
}

/* FB_NODE_EXIT: their process `from` ended, and our `to` was tied to
 * it. No tie here (unmonitored, unlinked, or `to` is gone): dropped,
 * which is no fault of the sender. */
int
remote_tie_exit_in(const char *node, json_t *env, const char *payload,
    size_t plen, const char **why)
{
	const char	*from, *to, *tie, *reason, *error, *output;
	struct proc	*w;
	int		 link;

	if ((from = remote_pid_of(env, "from", node, why)) == NULL ||
	    (to = remote_pid_of(env, "to", node_name(), why)) == NULL ||
	    (tie = remote_str(env, "tie", 1, 16, why)) == NULL ||
	    (reason = remote_str(env, "reason", 1, 32, why)) == NULL)
		return (-1);
	if ((error = remote_str(env, "error", 0, REMOTE_ERROR_MAX,
	    why)) == NULL && *why != NULL)
		return (-1);
	if ((output = remote_str(env, "output", 0, FB_NODE_ENVELOPE_MAX,
	    why)) == NULL && *why != NULL)
		return (-1);
	if (strcmp(tie, "monitor") != 0 && strcmp(tie, "link") != 0) {
		*why = "tie neither monitor nor link";
		return (-1);
	}
	if (!remote_tie_reason_known(reason)) {
		*why = "unknown exit reason";
		return (-1);
	}
	link = strcmp(tie, "link") == 0;
	if (link && plen > 0) {
		*why = "a result on a link's exit";
		return (-1);
	}
	if ((w = proc_find_pid(to)) == NULL ||
	    !remote_tie_del(link ? REMOTE_LINK : REMOTE_MONITORING, w->id,
	    from))
		return (0);
	remote_tie_fire(w, link, from, reason, error, payload, plen, output,
	    output != NULL ? strlen(output) : 0);
	return (0);
}

/* FB_NODE_UNTIE: their `by` forgets its monitor of or link with our
 * `dest`. */
int
remote_tie_untie_in(const char *node, json_t *env, const char **why)
{
	const char	*op, *by, *dest;
	struct proc	*t;
	int		 link;

	if ((op = remote_str(env, "op", 1, 16, why)) == NULL ||
	    (by = remote_pid_of(env, "by", node, why)) == NULL ||
	    (dest = remote_pid_of(env, "dest", node_name(), why)) == NULL)
		return (-1);
	if (strcmp(op, "unmonitor") != 0 && strcmp(op, "unlink") != 0) {
		*why = "op neither unmonitor nor unlink";
		return (-1);
	}
	link = strcmp(op, "unlink") == 0;
	if ((t = proc_find_pid(dest)) != NULL)
		remote_tie_del(link ? REMOTE_LINK : REMOTE_MONITORED, t->id,
		    by);
	return (0);
}

static void
remote_tie_clear_one(const char *key, void *value, void *arg)
{
	struct remote_tie	*t = value;

	free(t->key);
	free(t->pid);
	free(t);
}

static void
remote_tie_clear_list(const char *key, void *value, void *arg)
{
	free(value);
}

/* The broker stops: every tie goes, told to nobody. */
void
remote_tie_clear(void)
{
	if (!remote_tie_ready)
		return;
	hmap_foreach(&remote_tie_map, remote_tie_clear_one, NULL);
	hmap_foreach(&remote_tie_procs, remote_tie_clear_list, NULL);
	hmap_clear(&remote_tie_map);
	hmap_clear(&remote_tie_procs);
	remote_tie_ready = 0;
}
