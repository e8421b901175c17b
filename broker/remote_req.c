/*
 * Requests of a process here about a process on another node (monitor,
 * unmonitor, link, unlink, terminate, cancel, lookup; spawn in
 * remote_spawn.c), and the same requests answered for other nodes.
 *
 * The asking side keeps each request pending until its FB_NODE_ANSWER,
 * the node's loss, or --node-timeout without an answer: then the worker
 * gets "noconnection" (a monitor gets its EXIT "noconnection" instead,
 * as a monitor never fails). A ties is made on the asking side when the
 * answer says it was made on the other, in the same loop turn; the other
 * node sends an EXIT only after that answer, on the same subject, so no
 * exit can slip between. An asker that ends before its answer leaves a
 * note of how it ended, and the tie the answer makes is undone at once
 * with that ending (a link's other side then dies if it was abnormal).
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/time.h>

#include <inttypes.h>
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

static TAILQ_HEAD(, remote_pending) remote_req_all =
    TAILQ_HEAD_INITIALIZER(remote_req_all);
static struct hmap	remote_req_map;		/* req (hex) -> pending */
static uint64_t		remote_req_next = 1;
static int64_t		remote_req_timeout = NODE_TIMEOUT_DEFAULT;
static int64_t		remote_req_young_until;	/* usec, see remote_req_young */

/* The op names of FB_NODE_REQUEST, by worker request type. */
static const char *
remote_req_op(uint16_t type)
{
	switch (type) {
	case FB_MONITOR:
		return ("monitor");
	case FB_UNMONITOR:
		return ("unmonitor");
	case FB_LINK:
		return ("link");
	case FB_UNLINK:
		return ("unlink");
	case FB_TERMINATE:
		return ("terminate");
	case FB_CANCEL:
		return ("cancel");
	case FB_LOOKUP:
		return ("lookup");
	case FB_SPAWN:
		return ("spawn");
	}
	return (NULL);
}

static uint16_t
remote_req_type(const char *op)
{
	static const uint16_t	types[] = { FB_MONITOR, FB_UNMONITOR, FB_LINK,
	    FB_UNLINK, FB_TERMINATE, FB_CANCEL, FB_LOOKUP };
	size_t			i;

	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(op, remote_req_op(types[i])) == 0)
			return (types[i]);
	return (0);
}

void
remote_req_init(void)
{
	hmap_init(&remote_req_map);
}

static void
remote_req_key(char *buf, size_t len, uint64_t req)
{
	snprintf(buf, len, "%" PRIx64, req);
}

/* Joined (node_start), with --node-timeout: how long an answer may
 * take, and how long after joining a node not heard of yet may still
 * be one that is there. */
void
remote_req_start(int64_t timeout_us)
{
	struct timeval	now;

	if (timeout_us > 0)
		remote_req_timeout = timeout_us;
	gettimeofday(&now, NULL);
	remote_req_young_until = (int64_t)now.tv_sec * 1000000 +
	    now.tv_usec + remote_req_timeout;
}

/* The time left in our first --node-timeout in the cluster, in which a
 * node we have not heard of yet may be one whose heartbeat is on its
 * way (usec; 0 once it is over). */
static int64_t
remote_req_young(void)
{
	struct timeval	now;
	int64_t		t;

	gettimeofday(&now, NULL);
	t = (int64_t)now.tv_sec * 1000000 + now.tv_usec;
	return (t < remote_req_young_until ? remote_req_young_until - t : 0);
}

static void
remote_req_unhold(struct remote_pending *pd)
{
	json_decref(pd->held_env);
	free(pd->held_payload);
	pd->held_env = NULL;
	pd->held_payload = NULL;
	pd->held_plen = 0;
}

void
remote_req_free(struct remote_pending *pd)
{
	char	key[32];

	remote_req_key(key, sizeof key, pd->req);
	if (pd->req != 0)
		hmap_del(&remote_req_map, key);
	TAILQ_REMOVE(&remote_req_all, pd, entry);
	if (pd->timer != NULL)
		event_free(pd->timer);
	remote_spawn_free(pd);
	remote_req_unhold(pd);
	free(pd->by);
	free(pd->dest);
	free(pd->gone_reason);
	free(pd->gone_error);
	free(pd);
}

void
remote_req_done(void)
{
	struct remote_pending	*pd;

	while ((pd = TAILQ_FIRST(&remote_req_all)) != NULL)
		remote_req_free(pd);
	hmap_clear(&remote_req_map);
}

/* The asker, if it still waits for its answer. */
struct proc *
remote_req_asker(struct remote_pending *pd)
{
	struct proc	*p;

	if (pd->gone_reason != NULL || (p = proc_find_id(pd->local)) == NULL ||
	    p->finished)
		return (NULL);
	return (p);
}

/* No answer came: as if the node were lost. */
static void
remote_req_expired(evutil_socket_t fd, short what, void *arg)
{
	struct remote_pending	*pd = arg;
	char			 cause[64 + REMOTE_NODE_MAX];

	if (pd->held_env != NULL) {
		snprintf(cause, sizeof cause, "unknown node %s", pd->node);
		remote_req_fail(pd, cause);
		return;
	}
	log_info("%s: no answer from node %s to its %s", pd->by, pd->node,
	    remote_req_op(pd->type));
	remote_req_fail(pd, "noconnection");
}

struct remote_pending *
remote_req_new(struct proc *p, uint16_t type, uint64_t ref, const char *dest)
{
	struct remote_pending	*pd;

	if ((pd = calloc(1, sizeof *pd)) == NULL ||
	    (pd->by = strdup(p->pid)) == NULL ||
	    (dest != NULL && (pd->dest = strdup(dest)) == NULL) ||
	    (pd->timer = evtimer_new(broker->base, remote_req_expired,
	    pd)) == NULL)
		fatalx("out of memory");
	pd->type = type;
	pd->local = p->id;
	pd->ref = ref;
	TAILQ_INSERT_TAIL(&remote_req_all, pd, entry);
	return (pd);
}

/*
 * Send pd's frame to node, under a new req number (an answer to an
 * earlier one is then a stranger's), and wait --node-timeout for the
 * answer. env is taken; its "req" is set here. 0, or -1 with *cause.
 */
int
remote_req_send(struct remote_pending *pd, const char *node, uint16_t type,
    json_t *env, const char *payload, size_t plen, const char **cause)
{
	struct timeval	tv;
	int64_t		wait;
	char		key[32];

	snprintf(pd->node, sizeof pd->node, "%s", node);
	remote_req_key(key, sizeof key, pd->req);
	if (pd->req != 0)
		hmap_del(&remote_req_map, key);
	pd->req = remote_req_next++;
	remote_req_key(key, sizeof key, pd->req);
	if (hmap_put(&remote_req_map, key, pd) != 0)
		fatalx("out of memory");
	if (env != NULL && json_object_set_new(env, "req",
	    json_integer((json_int_t)pd->req)) != 0) {
		json_decref(env);
		env = NULL;
	}
	remote_req_unhold(pd);
	if (env == NULL) {
		*cause = "out of memory";
		return (-1);
	}
	wait = remote_req_timeout;
	if (node_send(node, type, env, payload, plen, cause) != 0) {
		if (strncmp(*cause, "unknown node", 12) != 0 ||
		    (wait = remote_req_young()) == 0) {
			json_decref(env);
			return (-1);
		}
		/* Just joined: its heartbeat may be on its way. */
		pd->held_env = json_incref(env);
		pd->held_type = type;
		if (plen > 0 && (pd->held_payload = malloc(plen)) == NULL)
			fatalx("out of memory");
		if (plen > 0)
			memcpy(pd->held_payload, payload, plen);
		pd->held_plen = plen;
	}
	json_decref(env);
	tv.tv_sec = wait / 1000000;
	tv.tv_usec = wait % 1000000;
	evtimer_add(pd->timer, &tv);
	return (0);
}

/* A node joined: what was held for it goes now. */
void
remote_req_joined(const char *node)
{
	struct remote_pending	*pd, *next;
	const char		*cause;
	struct timeval		 tv;

	for (pd = TAILQ_FIRST(&remote_req_all); pd != NULL; pd = next) {
		next = TAILQ_NEXT(pd, entry);
		if (pd->held_env == NULL || strcmp(pd->node, node) != 0)
			continue;
		if (node_send(node, pd->held_type, pd->held_env,
		    pd->held_payload, pd->held_plen, &cause) != 0) {
			remote_req_fail(pd, cause);
			continue;
		}
		remote_req_unhold(pd);
		tv.tv_sec = remote_req_timeout / 1000000;
		tv.tv_usec = remote_req_timeout % 1000000;
		evtimer_add(pd->timer, &tv);
	}
}

/* What a request that got no answer tells its asker; frees pd. */
void
remote_req_fail(struct remote_pending *pd, const char *cause)
{
	struct proc	*p = remote_req_asker(pd);

	if (p != NULL && pd->type == FB_SPAWN)
		remote_spawn_failed(pd, p, cause);
	else if (p != NULL && pd->type == FB_MONITOR) {
		/* A monitor never fails: its EXIT says why. */
		route_reply_ok(p, pd->ref, pd->dest[0] == '{' ? pd->dest :
		    NULL);
		route_event(p, FB_EV_EXIT, pd->dest, "noconnection", cause,
		    NULL, 0, 0, NULL, 0);
	} else if (p != NULL)
		route_reply_err(p, pd->ref, "%s", cause);
	remote_req_free(pd);
}

/* ---- asking ------------------------------------------------------ */

/* An unmonitor or unlink of dest while p's monitor or link of it is
 * still asked (another coroutine's): the other node does both in order,
 * so the answer to come must not make the tie here either. */
static void
remote_req_undo(struct proc *p, uint16_t type, const char *dest)
{
	struct remote_pending	*pd;

	TAILQ_FOREACH(pd, &remote_req_all, entry)
		if (pd->local == p->id && pd->type == type &&
		    strcmp(pd->dest, dest) == 0)
			pd->undone = 1;
}

/*
 * A lifecycle request of p (lifecycle.c) whose destination is on another
 * node: asked there; 1 when so (answered, or pending), 0 when it is for
 * this broker (or malformed: lifecycle.c says so as for any other).
 * Permissions are the asker's host's, checked here as lifecycle.c does.
 */
int
remote_request(struct proc *p, const struct frame *f, json_t *env)
{
	struct remote_dest	 d;
	struct remote_pending	*pd;
	const char		*dest, *op, *own = node_name(), *cause;
	char			 node[REMOTE_NODE_MAX + 1], *target;
	json_t			*ms = NULL, *out;
	int			 control = f->type == FB_LINK ||
				    f->type == FB_TERMINATE ||
				    f->type == FB_CANCEL;
	enum app_control	 mode = p->host->host.perm.control;

	if (own == NULL || (op = remote_req_op(f->type)) == NULL ||
	    f->type == FB_SPAWN)
		return (0);
	dest = json_string_value(json_object_get(env,
	    f->type == FB_LOOKUP ? "name" : "dest"));
	if (dest == NULL || remote_dest_where(dest, own, &d) != REMOTE_NODE)
		return (0);
	if (f->type == FB_CANCEL && (!json_is_integer(ms = json_object_get(env,
	    "deadline_ms")) || json_integer_value(ms) < 0))
		return (0);
	if (f->type == FB_LOOKUP && d.pid)
		return (0);	/* a pid is no name: as lifecycle.c says */
	if (!d.pid && !perm_registry(p)) {
		perm_refuse(p, f->ref, f->type == FB_LOOKUP ? "%s" :
		    "%s by name", op);
		return (1);
	}
	/* Control over a process of another node: "none" holds it over
	 * none; "children" is for that node to judge (remote_lineage.c). */
	if (control && mode == APP_CONTROL_NONE) {
		perm_refuse(p, f->ref, "%s", op);
		return (1);
	}
	memcpy(node, d.node, d.nodelen);
	node[d.nodelen] = '\0';
	if ((f->type == FB_UNMONITOR || f->type == FB_UNLINK) && d.pid) {
		/* Forgotten here first: no EXIT for it gets through after
		 * this answer. The other node is told, not asked. */
		remote_tie_del(f->type == FB_UNLINK ? REMOTE_LINK :
		    REMOTE_MONITORING, p->id, dest);
		remote_req_undo(p, f->type == FB_UNLINK ? FB_LINK : FB_MONITOR,
		    dest);
		remote_tie_untie(node, op, p->pid, dest);
		route_reply_ok(p, f->ref, dest);
		return (1);
	}
	if ((target = strndup(d.name, d.namelen)) == NULL)
		fatalx("out of memory");
	out = json_pack("{s:s,s:s,s:s}", "op", op, "by", p->pid, "dest",
	    target);
	free(target);
	if (out != NULL && ms != NULL && json_object_set(out, "deadline_ms",
	    ms) != 0)
		out = (json_decref(out), NULL);
	if (out != NULL && control && mode == APP_CONTROL_CHILDREN &&
	    json_object_set_new(out, "children", json_true()) != 0)
		out = (json_decref(out), NULL);
	pd = remote_req_new(p, f->type, f->ref, dest);
	if (remote_req_send(pd, node, FB_NODE_REQUEST, out, NULL, 0,
	    &cause) != 0)
		remote_req_fail(pd, cause);
	return (1);
}

/* ---- answers ----------------------------------------------------- */

static struct remote_pending *
remote_req_find(uint64_t req)
{
	char	key[32];

	remote_req_key(key, sizeof key, req);
	return (hmap_get(&remote_req_map, key));
}

/* An answer to a request of p (NULL: it ended meanwhile); all checked. */
static void
remote_req_answered(struct remote_pending *pd, struct proc *p, int ok,
    const char *pid, const char *error, int noproc, int refused)
{
	const char	*op = remote_req_op(pd->type);

	if (p == NULL) {
		/* Undo what was made for an asker that is gone. */
		if (ok && pid != NULL && pd->type == FB_MONITOR && !noproc)
			remote_tie_untie(pd->node, "unmonitor", pd->by, pid);
		else if (ok && pid != NULL && pd->type == FB_LINK)
			remote_tie_send_exit(pd->node, pd->by, pid, 1,
			    pd->gone_reason != NULL ? pd->gone_reason :
			    "noproc", pd->gone_error, NULL, 0, NULL, 0);
		return;
	}
	if (refused) {
		perm_refuse(p, pd->ref, "%s", op);
		return;
	}
	if (!ok) {
		route_reply_err(p, pd->ref, "%s", error);
		return;
	}
	switch (pd->type) {
	case FB_MONITOR:
		if (!noproc && !pd->undone)
			remote_tie_add(REMOTE_MONITORING, p, pid, pd->node);
		break;
	case FB_LINK:
		if (!pd->undone)
			remote_tie_add(REMOTE_LINK, p, pid, pd->node);
		break;
	case FB_UNMONITOR:
	case FB_UNLINK:
		if (pid != NULL)
			remote_tie_del(pd->type == FB_UNLINK ? REMOTE_LINK :
			    REMOTE_MONITORING, p->id, pid);
		break;
	}
	route_reply_ok(p, pd->ref, pid != NULL ? pid : pd->dest[0] == '{' ?
	    pd->dest : NULL);
	if (noproc)
		route_event(p, FB_EV_EXIT, pid != NULL ? pid : pd->dest,
		    "noproc", "no such process", NULL, 0, 0, NULL, 0);
}

/* FB_NODE_ANSWER. An answer nobody waits for (given up on) is dropped,
 * but for a spawn's, whose child must not outlive that. */
int
remote_req_answer(const char *node, json_t *env, const char **why)
{
	struct remote_pending	*pd;
	const char		*pid = NULL, *error = NULL;
	uint64_t		 req;
	int			 ok, noproc, refused, full;

	if (remote_req_id(env, &req, why) != 0 ||
	    remote_bool(env, "ok", &ok, why) != 0 ||
	    remote_bool(env, "noproc", &noproc, why) != 0 ||
	    remote_bool(env, "refused", &refused, why) != 0 ||
	    remote_bool(env, "full", &full, why) != 0)
		return (-1);
	if (json_object_get(env, "pid") != NULL &&
	    (pid = remote_pid_of(env, "pid", node, why)) == NULL)
		return (-1);
	if (!ok && (error = remote_str(env, "error", 1, REMOTE_ERROR_MAX,
	    why)) == NULL)
		return (-1);
	if (ok && (refused || full)) {
		*why = "an answer both ok and refused";
		return (-1);
	}
	pd = remote_req_find(req);
	if (pd != NULL && strcmp(pd->node, node) != 0) {
		*why = "an answer from a node that was not asked";
		return (-1);
	}
	/* Given up on: only a spawn's (it says "by") leaves something to
	 * undo, a child; other late answers change nothing. */
	if (pd == NULL && json_object_get(env, "by") == NULL)
		return (0);
	if (pd == NULL || pd->type == FB_SPAWN)
		return (remote_spawn_answer(pd, node, env, ok, pid, error,
		    full, why));
	if (ok && pid == NULL && pd->type != FB_MONITOR &&
	    pd->type != FB_UNMONITOR && pd->type != FB_UNLINK) {
		*why = "an answer without a pid";
		return (-1);
	}
	remote_req_answered(pd, remote_req_asker(pd), ok, pid, error, noproc,
	    refused);
	remote_req_free(pd);
	return (0);
}

/* A node is lost: what waits for it fails with "noconnection". */
void
remote_req_lost(const char *node)
{
	struct remote_pending	*pd, *next;

	for (pd = TAILQ_FIRST(&remote_req_all); pd != NULL; pd = next) {
		next = TAILQ_NEXT(pd, entry);
		if (strcmp(pd->node, node) == 0)
			remote_req_fail(pd, "noconnection");
	}
}

/* p ended: its requests in flight remember how, for their answers. */
void
remote_req_exit(struct proc *p, const char *reason, const char *error)
{
	struct remote_pending	*pd;

	TAILQ_FOREACH(pd, &remote_req_all, entry) {
		if (pd->local != p->id || pd->gone_reason != NULL)
			continue;
		if ((pd->gone_reason = strdup(reason)) == NULL ||
		    (error != NULL && (pd->gone_error = strdup(error)) ==
		    NULL))
			fatalx("out of memory");
	}
}

/* ---- answering --------------------------------------------------- */

/* Send an answer to node; env is taken. */
void
remote_req_reply(const char *node, json_t *env)
{
	const char	*cause;

	if (remote_send_frame(node, FB_NODE_ANSWER, env, NULL, 0,
	    &cause) != 0)
		log_info("cannot answer node %s: %s", node, cause);
}

/* An answer {"req", "ok": false, "error"}. */
static json_t *
remote_req_error(uint64_t req, const char *fmt, const char *arg)
{
	char	buf[1024];

	snprintf(buf, sizeof buf, fmt, arg);
	return (json_pack("{s:I,s:b,s:s}", "req", (json_int_t)req, "ok", 0,
	    "error", buf));
}

/*
 * Whether `by` (of another node) may terminate, cancel or link t: its
 * host said "any" unless it asked for "children" (the asking node
 * refuses "none" itself). Not running: nothing to protect.
 */
static int
remote_req_control(struct proc *t, const char *by, int children)
{
	return (!children || t == NULL || remote_lineage_descends(t, by));
}

/* FB_NODE_REQUEST: their `by` asks about our `dest`. */
int
remote_req_in(const char *node, json_t *env, const char **why)
{
	const char	*op, *by, *dest;
	struct proc	*t;
	uint64_t	 req;
	uint16_t	 type;
	json_t		*ms = NULL, *ans;
	int		 children;

	if (remote_req_id(env, &req, why) != 0 ||
	    (op = remote_str(env, "op", 1, 16, why)) == NULL ||
	    (by = remote_pid_of(env, "by", node, why)) == NULL ||
	    (dest = remote_dest_of(env, "dest", why)) == NULL ||
	    remote_bool(env, "children", &children, why) != 0)
		return (-1);
	if ((type = remote_req_type(op)) == 0) {
		*why = "unknown op";
		return (-1);
	}
	if (type == FB_CANCEL && (!json_is_integer(ms = json_object_get(env,
	    "deadline_ms")) || json_integer_value(ms) < 0)) {
		*why = "deadline_ms missing or negative";
		return (-1);
	}
	if (type == FB_LOOKUP && dest[0] == '{') {
		*why = "lookup of a pid";
		return (-1);
	}
	t = remote_local(dest);
	if ((type == FB_LINK || type == FB_TERMINATE || type == FB_CANCEL) &&
	    !remote_req_control(t, by, children)) {
		log_info("%s: %s of %s refused: not its child", by, op, dest);
		remote_req_reply(node, json_pack("{s:I,s:b,s:b,s:s}", "req",
		    (json_int_t)req, "ok", 0, "refused", 1, "error",
		    "not permitted"));
		return (0);
	}
	switch (type) {
	case FB_MONITOR:
		if (t != NULL)
			remote_tie_add(REMOTE_MONITORED, t, by, node);
		break;
	case FB_UNMONITOR:
	case FB_UNLINK:
		if (t != NULL)
			remote_tie_del(type == FB_UNLINK ? REMOTE_LINK :
			    REMOTE_MONITORED, t->id, by);
		break;
	case FB_LINK:
		if (t == NULL || t->kill_reason != NULL) {
			remote_req_reply(node, remote_req_error(req,
			    "noproc: %s is not running", dest));
			return (0);
		}
		remote_tie_add(REMOTE_LINK, t, by, node);
		break;
	case FB_TERMINATE:
	case FB_CANCEL:
		if (t == NULL) {
			remote_req_reply(node, remote_req_error(req,
			    "no such process: %s", dest));
			return (0);
		}
		if (type == FB_CANCEL)
			lifecycle_cancel_at(t, by, json_integer_value(ms));
		else {
			log_info("%s: terminates %s", by, t->pid);
			proc_kill(t, "terminated", "terminated");
		}
		break;
	case FB_LOOKUP:
		if (t == NULL) {
			remote_req_reply(node, remote_req_error(req,
			    "name not registered: %s", dest));
			return (0);
		}
		break;
	}
	ans = json_pack("{s:I,s:b}", "req", (json_int_t)req, "ok", 1);
	if (ans != NULL && t != NULL)
		json_object_set_new(ans, "pid", json_string(t->pid));
	else if (ans != NULL && dest[0] == '{')
		json_object_set_new(ans, "pid", json_string(dest));
	if (ans != NULL && t == NULL && type == FB_MONITOR)
		json_object_set_new(ans, "noproc", json_true());
	remote_req_reply(node, ans);
	return (0);
}
