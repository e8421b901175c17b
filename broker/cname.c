/*
 * Cluster names, name@* (cname.h): the registry's rules (api.md section 2)
 * for names the whole cluster shares. The bucket (cname_kv.c) decides who
 * holds a name; this node remembers the names its own processes hold, so
 * that it can give them up when they end, and tells who holds any other
 * from its copy of the bucket.
 *
 * A name is held by a pid of a live node: an entry whose node is not live,
 * or is live as another incarnation, holds nothing (it is stale), so a
 * lost node's names are free at once, before anyone deleted them. The
 * survivors delete them too (conditionally: exactly one delete lands),
 * and a node deletes what an earlier incarnation of its own left behind.
 *
 * A node that comes back as a new incarnation (its NATS connection was
 * down longer than --node-timeout, or the others told it it was lost)
 * lost its names for the others; its processes still run and still
 * think they hold them. It registers each again for its process, as a
 * register would (create-only), once it is connected: a name someone
 * else took meanwhile stays theirs, and the process has lost it, as at
 * the node's loss (logged; nothing tells the process).
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cname.h"
#include "log.h"
#include "node.h"

/* A register waiting for the bucket to be made, or for its answer. */
struct cname_reg {
	uint64_t		 by, t, ref;
	int			 again;		/* a name of an earlier
						 * incarnation: logged, not
						 * answered (cname_again) */
	int64_t			 since;		/* waiting since (usec) */
	struct cname_own	*own;		/* NULL once given up */
	TAILQ_ENTRY(cname_reg)	 entry;		/* in cname_waiting */
	char			 name[];
};

/* A name one of our processes holds (seq 0: its put is in flight). */
struct cname_own {
	uint64_t		 holder, owner;	/* process ids */
	uint64_t		 inc;		/* our incarnation then */
	uint64_t		 seq;
	struct cname_reg	*reg;		/* while in flight */
	char			 name[];
};

static struct hmap		 cname_owns;	/* "name@*" -> cname_own */
static struct hmap		 cname_procs;	/* hex proc id -> names it is in */
static TAILQ_HEAD(, cname_reg)	 cname_waiting =
    TAILQ_HEAD_INITIALIZER(cname_waiting);
static struct event		*cname_wait_timer;

#define CNAME_WAIT_MIN		(5 * 1000000LL)	/* usec a register may wait */
static int			 cname_on;
static int64_t			 cname_young_until;	/* usec: see cname_hold */
static int64_t			 cname_wait_max;	/* usec a register waits */
static int			 cname_stopping;
static uint64_t			 cname_inc;	/* our incarnation, last seen */
static int64_t			 cname_timeout_us;	/* --node-timeout */
static int			 cname_up = 1;	/* connected, last seen */

static void	cname_seen(struct cname_entry *);
static struct cname_own *cname_own_get(const char *);
static void	cname_again(struct cname_own *);

int
cname_enabled(void)
{
	return (cname_on);
}

int
cname_is(const char *s)
{
	size_t	len = strlen(s);

	return (len >= 2 && s[len - 2] == '@' && s[len - 1] == '*');
}

/* Microseconds since the epoch. */
static int64_t
cname_now(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return ((int64_t)tv.tv_sec * 1000000 + tv.tv_usec);
}

/* Back from a cut: we lost every other node meanwhile, and hear of them
 * again only at their next heartbeats, so the first --node-timeout is
 * unsure again, as at start (cname_hold). */
static void
cname_conn_look(void)
{
	int	up = cname_kv_connected();

	if (up && !cname_up)
		cname_young_until = cname_now() + cname_timeout_us;
	cname_up = up;
}

/*
 * Whether entry e still holds `name`. It does when its node is live as
 * that incarnation (and, when that is us, it is one of our own
 * processes' names). It does not when its node is live as another
 * incarnation, or is not live while we have been in the cluster for a
 * whole --node-timeout (we would have heard of it). In our first
 * --node-timeout, and in the first after our NATS connection is back, a
 * node we have not heard of may be one whose heartbeat is on its way:
 * unsure, and nobody takes its names over meanwhile (else a node just
 * started, or just back as a new incarnation registering its names
 * again, would overwrite a live holder).
 */
enum cname_hold
cname_hold(const struct cname_entry *e, const char *name)
{
	uint64_t	inc;

	cname_conn_look();

	if (e == NULL || !e->live)
		return (CNAME_FREE);
	if (!node_live(e->node, &inc))
		return (cname_now() < cname_young_until ? CNAME_UNSURE :
		    CNAME_FREE);
	if (inc != e->inc)
		return (CNAME_FREE);
	if (strcmp(e->node, node_name()) == 0 && cname_own_get(name) == NULL)
		return (CNAME_FREE);
	return (CNAME_HELD);
}

static int
cname_valid(const struct cname_entry *e)
{
	return (e != NULL && cname_hold(e, e->name) == CNAME_HELD);
}

const char *
cname_resolve(const char *name)
{
	struct cname_own	*o;
	struct proc		*p;
	struct cname_entry	*e;

	if (!cname_on)
		return (NULL);
	if ((o = cname_own_get(name)) != NULL)
		return (o->seq != 0 && (p = proc_find_id(o->holder)) != NULL &&
		    !p->finished ? p->pid : NULL);
	e = cname_kv_get(name);
	return (cname_valid(e) ? e->pid : NULL);
}

/* Count a process in (+1) or out of (-1) one of our names, so that an
 * exit looks through the names only when it has some. */
static void
cname_proc_ref(uint64_t id, int d)
{
	char		 key[32];
	uintptr_t	 n;

	snprintf(key, sizeof key, "%" PRIx64, id);
	n = (uintptr_t)hmap_get(&cname_procs, key) + (uintptr_t)(intptr_t)d;
	if (n == 0)
		hmap_del(&cname_procs, key);
	else if (hmap_put(&cname_procs, key, (void *)n) != 0)
		fatalx("out of memory");
}

/* Drop our name: delete it from the bucket if it got there. */
static void
cname_drop(struct cname_own *o)
{
	struct proc	*owner;

	hmap_del(&cname_owns, o->name);
	cname_proc_ref(o->holder, -1);
	cname_proc_ref(o->owner, -1);
	if ((owner = proc_find_id(o->owner)) != NULL && owner->nowned > 0)
		owner->nowned--;
	if (o->reg != NULL)
		o->reg->own = NULL;	/* its answer deletes it */
	else if (o->seq != 0 && cname_kv_del(o->name, o->seq, NULL, NULL) !=
	    0)
		log_info("names: cannot delete %s (left to its node's loss)",
		    o->name);
	free(o);
}

/*
 * Our name, if it still is: after this node was lost to the others and
 * came back as a new incarnation, what it held is released for them
 * (cluster.md: nothing of the old one revives), so it is here too.
 */
static struct cname_own *
cname_own_get(const char *name)
{
	struct cname_own	*o;

	if ((o = hmap_get(&cname_owns, name)) == NULL)
		return (NULL);
	if (o->inc == node_incarnation())
		return (o);
	cname_again(o);
	return (NULL);
}

/* Answer a register (the process may have gone meanwhile). */
static void
cname_answer(struct cname_reg *r, const char *pid, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cname_answer(struct cname_reg *r, const char *pid, const char *fmt, ...)
{
	struct proc	*by;
	va_list		 ap;
	char		 buf[1024];

	if (cname_stopping || (by = proc_find_id(r->by)) == NULL ||
	    by->finished)
		return;
	if (r->again) {
		if (pid == NULL) {
			va_start(ap, fmt);
			vsnprintf(buf, sizeof buf, fmt, ap);
			va_end(ap);
		}
		log_info("names: %s %s (this node is a new incarnation)%s%s",
		    r->name, pid != NULL ? "registered again" : "lost",
		    pid != NULL ? "" : ": ", pid != NULL ? "" : buf);
		return;
	}
	if (pid != NULL) {
		route_reply_ok(by, r->ref, pid);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	route_reply_err(by, r->ref, "%s", buf);
}

/* A register waits: for the bucket, or to hear of a node. */
static void
cname_wait(struct cname_reg *r)
{
	if (r->since == 0)
		r->since = cname_now();
	TAILQ_INSERT_TAIL(&cname_waiting, r, entry);
}

/* The bucket's answer to our put. */
static void
cname_put_done(uint64_t seq, int taken, const char *err, void *arg)
{
	struct cname_reg	*r = arg;
	struct cname_own	*o = r->own;
	struct proc		*t;

	if (o == NULL) {
		/* Given up meanwhile (its process ended, or another coroutine
		 * unregistered it): undo it. */
		if (seq != 0)
			cname_kv_del(r->name, seq, NULL, NULL);
		cname_answer(r, NULL, "cluster names: %s was released while "
		    "it was being registered", r->name);
	} else if (seq != 0) {
		o->seq = seq;
		o->reg = NULL;
		t = proc_find_id(o->holder);
		log_info("names: %s registered to %s", r->name,
		    t != NULL ? t->pid : "?");
		cname_answer(r, t != NULL ? t->pid : "", NULL);
	} else if (taken && r->again && cname_now() - r->since <
	    cname_wait_max) {
		/* Our copy of the bucket may be behind (the others deleted
		 * the old entry meanwhile): tried again with what it says
		 * then, and lost only to a live holder. */
		o->reg = NULL;
		cname_drop(o);
		r->own = NULL;
		cname_wait(r);
		return;
	} else {
		o->reg = NULL;
		cname_drop(o);
		if (taken)
			cname_answer(r, NULL, "name taken: %s is registered "
			    "on another node", r->name);
		else
			cname_answer(r, NULL, "cluster names: %s", err);
	}
	free(r);
}

/*
 * Try a register: answered at once when the copy of the bucket already
 * says no, kept waiting while the bucket is being made, else put
 * create-only (or over a stale entry, only if it is still that one).
 */
static void
cname_try(struct cname_reg *r)
{
	struct proc		*by, *t;
	struct cname_own	*o;
	struct cname_entry	*e;
	char			*value;

	if ((by = proc_find_id(r->by)) == NULL || by->finished ||
	    (t = proc_find_id(r->t)) == NULL || t->finished) {
		free(r);
		return;
	}
	switch (cname_kv_state()) {
	case CNAME_KV_NOJS:
		cname_answer(r, NULL, "%s", CNAME_NOJS);
		free(r);
		return;
	case CNAME_KV_NONE:
	case CNAME_KV_PENDING:
		cname_wait(r);
		return;
	case CNAME_KV_READY:
		break;
	}
	if (r->again && !cname_kv_connected()) {
		/* A put now would go on a stale copy: it waits for the
		 * connection, however long. */
		r->since = cname_now();
		cname_wait(r);
		return;
	}
	if ((o = cname_own_get(r->name)) != NULL) {
		if (o->holder == t->id && o->seq != 0)
			cname_answer(r, t->pid, NULL);
		else
			cname_answer(r, NULL, "name taken: %s is registered "
			    "to %s", r->name, o->holder == t->id ?
			    "it already (not yet confirmed)" :
			    proc_find_id(o->holder) != NULL ?
			    proc_find_id(o->holder)->pid : "another process");
		free(r);
		return;
	}
	e = cname_kv_get(r->name);
	switch (cname_hold(e, r->name)) {
	case CNAME_HELD:
		cname_answer(r, NULL, "name taken: %s is registered to %s",
		    r->name, e->pid);
		free(r);
		return;
	case CNAME_UNSURE:
		cname_wait(r);		/* until we know its node */
		return;
	case CNAME_FREE:
		break;
	}
	if (by->nowned >= by->host->host.max_names) {
		cname_answer(r, NULL, "too many names: host %s allows "
		    "max_names %u per process", by->host->ref,
		    by->host->host.max_names);
		free(r);
		return;
	}
	value = NULL;
	if ((o = calloc(1, sizeof *o + strlen(r->name) + 1)) == NULL ||
	    asprintf(&value, "{\"pid\":\"%s\",\"node\":\"%s\",\"inc\":"
	    "\"%016" PRIx64 "\"}", t->pid, node_name(), node_incarnation()) ==
	    -1)
		fatalx("out of memory");
	strcpy(o->name, r->name);
	o->holder = t->id;
	o->owner = by->id;
	o->inc = node_incarnation();
	o->reg = r;
	r->own = o;
	if (hmap_put(&cname_owns, o->name, o) != 0)
		fatalx("out of memory");
	cname_proc_ref(o->holder, 1);
	cname_proc_ref(o->owner, 1);
	by->nowned++;
	/* pids of the JSON value are plain: the broker made them. */
	if (cname_kv_put(r->name, value, e != NULL ? e->seq : 0,
	    cname_put_done, r) != 0) {
		o->reg = NULL;
		cname_drop(o);
		cname_answer(r, NULL, "cluster names: noconnection");
		free(r);
	}
	free(value);
}

void
cname_register(struct proc *by, uint64_t ref, struct proc *t,
    const char *name)
{
	struct cname_reg	*r;
	const char		*cause;

	if (!registry_name_valid(name, &cause) || strlen(name) < 3) {
		route_reply_err(by, ref, "bad name: %s", strlen(name) < 3 ?
		    "nothing before @*" : cause);
		return;
	}
	if ((r = calloc(1, sizeof *r + strlen(name) + 1)) == NULL)
		fatalx("out of memory");
	r->by = by->id;
	r->t = t->id;
	r->ref = ref;
	strcpy(r->name, name);
	cname_try(r);
}

struct cname_match {
	uint64_t		 id;
	struct cname_own	*found[64];
	size_t			 n;
};

/*
 * o was held under an earlier incarnation of this node: it holds nothing
 * now (the others released it), and its process registers it again if it
 * is still there; a register in flight is left to its answer.
 */
static void
cname_again(struct cname_own *o)
{
	struct cname_reg	*r;
	struct proc		*t = proc_find_id(o->holder);
	struct proc		*by = proc_find_id(o->owner);

	if (o->reg != NULL || o->seq == 0 || t == NULL || t->finished ||
	    by == NULL || by->finished) {
		log_info("names: %s released (this node is a new "
		    "incarnation)", o->name);
		cname_drop(o);
		return;
	}
	if ((r = calloc(1, sizeof *r + strlen(o->name) + 1)) == NULL)
		fatalx("out of memory");
	r->by = o->owner;
	r->t = o->holder;
	r->again = 1;
	strcpy(r->name, o->name);
	o->seq = 0;	/* its old entry is left to the others' deletes */
	cname_drop(o);
	cname_wait(r);
}

static void
cname_stale_one(const char *key, void *value, void *arg)
{
	struct cname_own	*o = value;
	struct cname_match	*m = arg;

	if (o->inc != node_incarnation() &&
	    m->n < sizeof m->found / sizeof m->found[0])
		m->found[m->n++] = o;
}

/* Once we are a new incarnation: every name of the old one again. */
static void
cname_again_all(void)
{
	struct cname_match	m;
	size_t			i;

	if (cname_inc == node_incarnation())
		return;
	cname_inc = node_incarnation();
	do {
		m.n = 0;
		hmap_foreach(&cname_owns, cname_stale_one, &m);
		for (i = 0; i < m.n; i++)
			cname_again(m.found[i]);
	} while (m.n == sizeof m.found / sizeof m.found[0]);
}

/* Once a second: the waiting registers are tried again; one that waited
 * too long (NATS may be away) is answered. */
static void
cname_wait_tick(evutil_socket_t fd, short what, void *arg)
{
	struct cname_reg	*r;
	TAILQ_HEAD(, cname_reg)	 todo = TAILQ_HEAD_INITIALIZER(todo);
	int64_t			 now = cname_now();

	cname_conn_look();
	cname_again_all();

	TAILQ_CONCAT(&todo, &cname_waiting, entry);
	while ((r = TAILQ_FIRST(&todo)) != NULL) {
		TAILQ_REMOVE(&todo, r, entry);
		if (now - r->since < cname_wait_max) {
			cname_try(r);
			continue;
		}
		cname_answer(r, NULL, "cluster names: no answer from "
		    "JetStream");
		free(r);
	}
}

/* The bucket became ready or was found missing: the waiting go on. */
static void
cname_changed(void)
{
	struct cname_reg	*r;
	TAILQ_HEAD(, cname_reg)	 todo = TAILQ_HEAD_INITIALIZER(todo);

	if (cname_kv_state() != CNAME_KV_READY &&
	    cname_kv_state() != CNAME_KV_NOJS)
		return;
	TAILQ_CONCAT(&todo, &cname_waiting, entry);
	while ((r = TAILQ_FIRST(&todo)) != NULL) {
		TAILQ_REMOVE(&todo, r, entry);
		cname_try(r);
	}
}

void
cname_unregister(struct proc *by, uint64_t ref, const char *name)
{
	struct cname_own	*o;

	if (cname_kv_state() == CNAME_KV_NOJS) {
		route_reply_err(by, ref, "%s", CNAME_NOJS);
		return;
	}
	if ((o = cname_own_get(name)) != NULL) {
		if (o->owner != by->id && o->holder != by->id) {
			route_reply_err(by, ref, "not yours");
			return;
		}
		cname_drop(o);
		route_reply_value(by, ref, 1);
		return;
	}
	if (cname_valid(cname_kv_get(name)))
		route_reply_err(by, ref, "not yours");
	else
		route_reply_value(by, ref, 0);
}

void
cname_lookup(struct proc *by, uint64_t ref, const char *name)
{
	const char	*pid;

	if (cname_kv_state() == CNAME_KV_NOJS)
		route_reply_err(by, ref, "%s", CNAME_NOJS);
	else if ((pid = cname_resolve(name)) == NULL)
		route_reply_err(by, ref, "name not registered: %s", name);
	else
		route_reply_ok(by, ref, pid);
}

static void
cname_match_proc(const char *key, void *value, void *arg)
{
	struct cname_match	*m = arg;
	struct cname_own	*o = value;

	if ((o->holder == m->id || o->owner == m->id) &&
	    m->n < sizeof m->found / sizeof m->found[0])
		m->found[m->n++] = o;
}

void
cname_release(struct proc *p)
{
	struct cname_match	m;
	size_t			i;
	char			key[32];

	snprintf(key, sizeof key, "%" PRIx64, p->id);
	if (!cname_on || hmap_get(&cname_procs, key) == NULL)
		return;
	m.id = p->id;
	do {
		m.n = 0;
		hmap_foreach(&cname_owns, cname_match_proc, &m);
		for (i = 0; i < m.n; i++) {
			log_info("names: %s released (%s ended)",
			    m.found[i]->name, p->pid);
			cname_drop(m.found[i]);
		}
	} while (m.n == sizeof m.found / sizeof m.found[0]);
}

struct cname_lost_arg {
	const char	*node;
	uint64_t	 inc;
};

static void
cname_lost_one(struct cname_entry *e, void *arg)
{
	struct cname_lost_arg	*l = arg;

	if (strcmp(e->node, l->node) != 0 || e->inc != l->inc)
		return;
	log_info("names: %s released (node %s lost)", e->name, l->node);
	/* Every survivor tries; the first delete lands, the others find
	 * the entry changed and do nothing. */
	cname_kv_del(e->name, e->seq, NULL, NULL);
}

/*
 * A node is lost. When our own connection is down, every other node is
 * lost to us, though they may be well: deleting their names then would
 * only queue deletes that libnats sends when we are back, over names
 * that were never released. Their entries hold nothing for us meanwhile
 * (cname_hold), and the nodes that did lose them delete them.
 */
static void
cname_lost(const char *node, uint64_t inc)
{
	struct cname_lost_arg	l = { node, inc };

	if (!cname_kv_connected()) {
		log_info("names: node %s lost while this node is cut off: "
		    "its names are left to the others", node);
		return;
	}
	cname_kv_foreach(cname_lost_one, &l);
}

/* The watch saw an entry: one that names this node but that it does not
 * hold (an earlier incarnation's, or a put whose answer never came) is
 * deleted. */
static void
cname_seen(struct cname_entry *e)
{
	struct cname_own	*o;

	if (!e->live || strcmp(e->node, node_name()) != 0)
		return;
	o = cname_own_get(e->name);
	if (e->inc == node_incarnation() && o != NULL &&
	    (o->seq == 0 || o->seq == e->seq))
		return;
	if (e->inc == node_incarnation() && o != NULL && o->seq > e->seq)
		return;		/* old news */
	log_info("names: %s: deleting an entry of this node it does not "
	    "hold", e->name);
	cname_kv_del(e->name, e->seq, NULL, NULL);
}

void
cname_start(int64_t timeout_us)
{
	if (!node_enabled() || node_name() == NULL)
		return;
	cname_young_until = cname_now() + timeout_us;
	cname_timeout_us = timeout_us;
	cname_wait_max = timeout_us + 2000000 > CNAME_WAIT_MIN ?
	    timeout_us + 2000000 : CNAME_WAIT_MIN;
	hmap_init(&cname_owns);
	hmap_init(&cname_procs);
	cname_inc = node_incarnation();
	cname_kv_seen = cname_seen;
	if (cname_kv_start(cname_changed) != 0) {
		log_warnx("names: cannot subscribe: name@* is refused");
		return;
	}
	node_on_lost(cname_lost);
	if ((cname_wait_timer = event_new(broker->base, -1, EV_PERSIST,
	    cname_wait_tick, NULL)) == NULL ||
	    event_add(cname_wait_timer, &(struct timeval){ 1, 0 }) != 0)
		fatalx("cannot start the names timer");
	cname_on = 1;
}

static void
cname_free_own(const char *key, void *value, void *arg)
{
	free(value);
}

void
cname_stop(void)
{
	struct cname_reg	*r;

	if (!cname_on)
		return;
	cname_stopping = 1;
	event_free(cname_wait_timer);
	cname_wait_timer = NULL;
	while ((r = TAILQ_FIRST(&cname_waiting)) != NULL) {
		TAILQ_REMOVE(&cname_waiting, r, entry);
		free(r);
	}
	cname_kv_stop();	/* puts in flight: their answers free them */
	hmap_foreach(&cname_owns, cname_free_own, NULL);
	hmap_clear(&cname_owns);
	hmap_clear(&cname_procs);
	cname_on = 0;
}
