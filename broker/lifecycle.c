/*
 * Monitors, links, the registry requests, terminate and cancel: everything
 * that ties one process's end to another's. lifecycle_exit() is where an
 * exit, already turned into one reason by the reaper, fans out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cname.h"
#include "frame.h"
#include "log.h"
#include "remote.h"

/*
 * The destination of request `op` (a pid or a name) into *dest and *t (NULL
 * when not running). 1 to go on; 0 when refused (answered already): a
 * name without registry permission, or an op that needs control over
 * what it names without it; -1 for a protocol error.
 */
static int
lifecycle_dest(struct proc *p, uint64_t ref, json_t *env, const char *op,
    int control, const char **dest, struct proc **t, const char **cause)
{
	if ((*dest = route_str(env, "dest", 1, cause)) == NULL)
		return (-1);
	if ((*dest)[0] != '{' && !perm_registry(p)) {
		perm_refuse(p, ref, "%s by name", op);
		return (0);
	}
	*t = proc_resolve(*dest);
	if (control && !perm_control(p, *t)) {
		perm_refuse(p, ref, "%s", op);
		return (0);
	}
	return (1);
}

/*
 * MONITOR, UNMONITOR, LINK, UNLINK. A monitor lives in the target's
 * monitored_by and the caller's monitoring; a link in both links lists.
 * Monitoring what is not running answers ok and sends EXIT "noproc" at
 * once; linking to it is an error, as nothing could ever come of it.
 */
static int
lifecycle_tie(struct proc *p, const struct frame *f, json_t *env,
    const char **cause)
{
	static const char *const ops[] = {
		[FB_MONITOR - FB_MONITOR] = "monitor",
		[FB_UNMONITOR - FB_MONITOR] = "unmonitor",
		[FB_LINK - FB_MONITOR] = "link",
		[FB_UNLINK - FB_MONITOR] = "unlink",
	};
	int		 link = f->type == FB_LINK || f->type == FB_UNLINK;
	int		 add = f->type == FB_MONITOR || f->type == FB_LINK;
	const char	*dest;
	struct proc	*t;
	struct idset	*ts, *ps;
	int		 r;

	/* Only a new link ties t's fate to ours; undoing one is harmless. */
	if ((r = lifecycle_dest(p, f->ref, env, ops[f->type - FB_MONITOR],
	    f->type == FB_LINK, &dest, &t, cause)) != 1)
		return (r);
	if (add && link && (t == NULL || t->kill_reason != NULL)) {
		route_reply_err(p, f->ref, "noproc: %s is not running", dest);
		return (0);
	}
	if (add && t == NULL) {
		route_reply_ok(p, f->ref, dest[0] == '{' ? dest : NULL);
		route_event(p, FB_EV_EXIT, dest, "noproc", "no such process",
		    NULL, 0, 0, NULL, 0);
		return (0);
	}
	if (t != NULL && t != p) {
		ts = link ? &t->links : &t->monitored_by;
		ps = link ? &p->links : &p->monitoring;
		if (!add) {
			idset_del(ts, p->id);
			idset_del(ps, t->id);
		} else if (idset_add(ts, p->id) != 0 ||
		    idset_add(ps, t->id) != 0)
			fatalx("out of memory");
	}
	route_reply_ok(p, f->ref, t != NULL ? t->pid :
	    dest[0] == '{' ? dest : NULL);
	return (0);
}

static int
lifecycle_terminate(struct proc *p, uint64_t ref, json_t *env,
    const char **cause)
{
	const char	*dest;
	struct proc	*t;
	int		 r;

	if ((r = lifecycle_dest(p, ref, env, "terminate", 1, &dest, &t,
	    cause)) != 1)
		return (r);
	if (t == NULL) {
		route_reply_err(p, ref, "no such process: %s", dest);
		return (0);
	}
	route_reply_ok(p, ref, t->pid);
	/* Who did it goes to the operator's log, not into the EXIT that
	 * t's monitors get: a pid is handed on only on purpose. */
	log_info("%s: terminates %s", p->pid, t->pid);
	proc_kill(t, "terminated", "terminated");
	return (0);
}

static void
lifecycle_cancel_expired(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*t = arg;

	proc_kill(t, "cancelled", "cancelled: did not exit by the deadline");
}

/* A CANCEL event from `from` to t, and t's end with reason "cancelled"
 * if it has not exited ms milliseconds from now. */
void
lifecycle_cancel_at(struct proc *t, const char *from, int64_t ms)
{
	struct timeval	 tv;

	route_event(t, FB_EV_CANCEL, from, NULL, NULL, NULL, 0,
	    route_now() + (double)ms / 1000.0, NULL, 0);
	/* An earlier deadline replaces a later one; a later one is ignored. */
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	if (t->cancel_timer == NULL) {
		t->cancel_timer = evtimer_new(broker->base,
		    lifecycle_cancel_expired, t);
		if (t->cancel_timer == NULL)
			fatalx("out of memory");
	} else if (evtimer_pending(t->cancel_timer, NULL)) {
		struct timeval	now, when, left;

		evtimer_pending(t->cancel_timer, &when);
		event_base_gettimeofday_cached(broker->base, &now);
		timersub(&when, &now, &left);
		if (timercmp(&left, &tv, <))
			return;
	}
	evtimer_add(t->cancel_timer, &tv);
}

static int
lifecycle_cancel(struct proc *p, uint64_t ref, json_t *env,
    const char **cause)
{
	const char	*dest;
	struct proc	*t;
	json_t		*ms = json_object_get(env, "deadline_ms");
	json_int_t	 n;
	int		 r;

	if (!json_is_integer(ms) || (n = json_integer_value(ms)) < 0) {
		*cause = "deadline_ms missing or negative";
		return (-1);
	}
	if ((r = lifecycle_dest(p, ref, env, "cancel", 1, &dest, &t,
	    cause)) != 1)
		return (r);
	if (t == NULL) {
		route_reply_err(p, ref, "no such process: %s", dest);
		return (0);
	}
	route_reply_ok(p, ref, t->pid);
	lifecycle_cancel_at(t, p->pid, n);
	return (0);
}

static int
lifecycle_register(struct proc *p, uint64_t ref, json_t *env,
    const char **cause)
{
	const char	*name, *pid;
	struct proc	*t = p;
	char		 err[512];

	if ((name = route_str(env, "name", 1, cause)) == NULL)
		return (-1);
	pid = route_str(env, "pid", 0, cause);
	if (pid == NULL && *cause != NULL)
		return (-1);
	if (!perm_registry(p)) {
		perm_refuse(p, ref, "register");
		return (0);
	}
	if (pid != NULL && ((t = proc_find_pid(pid)) == NULL ||
	    t->finished || t->kill_reason != NULL)) {
		route_reply_err(p, ref, "no such process: %s", pid);
		return (0);
	}
	if (!perm_control(p, t)) {
		perm_refuse(p, ref, "register for another process");
		return (0);
	}
	if (cname_enabled() && cname_is(name)) {
		cname_register(p, ref, t, name);	/* answered later */
		return (0);
	}
	if (registry_register(p, t, name, err, sizeof err) != 0)
		route_reply_err(p, ref, "%s", err);
	else
		route_reply_ok(p, ref, t->pid);
	return (0);
}

static int
lifecycle_registry(struct proc *p, const struct frame *f, json_t *env,
    const char **cause)
{
	const char	*name;
	struct proc	*t;
	int		 r;

	if ((name = route_str(env, "name", 1, cause)) == NULL)
		return (-1);
	if (!perm_registry(p)) {
		perm_refuse(p, f->ref, "%s", f->type == FB_UNREGISTER ?
		    "unregister" : "lookup");
		return (0);
	}
	if (cname_enabled() && cname_is(name)) {
		if (f->type == FB_UNREGISTER)
			cname_unregister(p, f->ref, name);
		else
			cname_lookup(p, f->ref, name);
		return (0);
	}
	if (f->type == FB_UNREGISTER) {
		if ((r = registry_unregister(p, name)) < 0)
			route_reply_err(p, f->ref, "not yours");
		else
			route_reply_value(p, f->ref, r);
		return (0);
	}
	/* proc_resolve: name@<own node> is a name here too. */
	if (name[0] == '{' || (t = proc_resolve(name)) == NULL)
		route_reply_err(p, f->ref, "name not registered: %s", name);
	else
		route_reply_ok(p, f->ref, t->pid);
	return (0);
}

static int
lifecycle_options(struct proc *p, uint64_t ref, json_t *env,
    const char **cause)
{
	json_t	*trap = json_object_get(env, "trap_links");

	if (!json_is_boolean(trap)) {
		*cause = "trap_links missing or not a boolean";
		return (-1);
	}
	p->trap_links = json_is_true(trap);
	route_reply_ok(p, ref, NULL);
	return (0);
}

/*
 * A request on a cluster name (name@*) acts on its holder's pid, on
 * whichever node: the name is swapped for the pid in env before the
 * request goes on (locally, or to the pid's node). Using a name needs the
 * registry permission, checked here as the pid no longer shows it. An
 * unbound name is left as it is (EXIT noproc, or "no such process"). 1
 * when refused (answered), else 0.
 */
static int
lifecycle_cluster_name(struct proc *p, const struct frame *f, json_t *env)
{
	static const char *const ops[] = {
		[FB_MONITOR] = "monitor", [FB_UNMONITOR] = "unmonitor",
		[FB_LINK] = "link", [FB_UNLINK] = "unlink",
		[FB_TERMINATE] = "terminate", [FB_CANCEL] = "cancel",
	};
	const char	*dest, *pid;

	if (!cname_enabled() || f->type >= sizeof ops / sizeof ops[0] ||
	    ops[f->type] == NULL ||
	    (dest = json_string_value(json_object_get(env, "dest"))) ==
	    NULL || !cname_is(dest))
		return (0);
	if (!perm_registry(p)) {
		perm_refuse(p, f->ref, "%s by name", ops[f->type]);
		return (1);
	}
	if ((pid = cname_resolve(dest)) != NULL &&
	    json_object_set_new(env, "dest", json_string(pid)) != 0)
		fatalx("out of memory");
	return (0);
}

int
lifecycle_frame(struct proc *p, const struct frame *f, json_t *env,
    const char **cause)
{
	if (lifecycle_cluster_name(p, f, env))
		return (0);
	/* A destination on another node: asked there (remote_req.c). */
	if (remote_request(p, f, env))
		return (0);
	switch (f->type) {
	case FB_MONITOR:
	case FB_UNMONITOR:
	case FB_LINK:
	case FB_UNLINK:
		return (lifecycle_tie(p, f, env, cause));
	case FB_TERMINATE:
		return (lifecycle_terminate(p, f->ref, env, cause));
	case FB_CANCEL:
		return (lifecycle_cancel(p, f->ref, env, cause));
	case FB_REGISTER:
		return (lifecycle_register(p, f->ref, env, cause));
	case FB_UNREGISTER:
	case FB_LOOKUP:
		return (lifecycle_registry(p, f, env, cause));
	case FB_SET_OPTIONS:
		return (lifecycle_options(p, f->ref, env, cause));
	}
	*cause = "not a lifecycle frame";
	return (-1);
}

/*
 * A process is over and `reason` says why. Names are already released.
 * Monitors get EXIT; linked processes get LINK_DOWN when they trap links,
 * or die with reason "link" when the exit was abnormal; a normal exit
 * removes links silently. Each id list is emptied as it is walked, so a
 * cascade that comes back here never sees this process again.
 */
void
lifecycle_exit(struct proc *p, const char *reason, const char *error)
{
	struct proc	*w;
	uint64_t	 id;
	int		 normal = strcmp(reason, "normal") == 0;
	size_t		 i, outlen = 0;
	const char	*output = proclog_output(p, &outlen);

	for (i = 0; i < p->monitoring.n; i++) {
		if ((w = proc_find_id(p->monitoring.ids[i])) != NULL)
			idset_del(&w->monitored_by, p->id);
	}
	idset_free(&p->monitoring);

	for (i = 0; i < p->monitored_by.n; i++) {
		if ((w = proc_find_id(p->monitored_by.ids[i])) == NULL ||
		    w->finished)
			continue;
		idset_del(&w->monitoring, p->id);
		route_event(w, FB_EV_EXIT, p->pid, reason, error, p->result,
		    p->result_len, 0, output, outlen);
	}
	idset_free(&p->monitored_by);

	while (p->links.n > 0) {
		id = p->links.ids[0];
		idset_del(&p->links, id);
		if ((w = proc_find_id(id)) == NULL || w->finished)
			continue;
		idset_del(&w->links, p->id);
		if (normal)
			continue;
		if (w->trap_links)
			route_event(w, FB_EV_LINK_DOWN, p->pid, reason, error,
			    NULL, 0, 0, output, outlen);
		else {
			/* Its monitors learn why, not which pid: that was
			 * never theirs to know. The log at -v says it. */
			log_info("%s: killed by its link to %s", w->pid,
			    p->pid);
			proc_kill(w, "link", "linked process exited: %s",
			    error != NULL ? error : reason);
		}
	}
}
