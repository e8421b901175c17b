/* The process table: ids, pids, lookups, and the one way to kill. */
#include "config.h"

#include <sys/time.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cname.h"
#include "log.h"
#include "node.h"
#include "remote.h"

struct broker	*broker;

void
proc_init(struct event_base *base, struct app *app)
{
	broker = calloc(1, sizeof *broker);
	if (broker == NULL)
		fatal("calloc");
	broker->base = base;
	broker->app = app;
	broker->next_id = 1;
	broker->max_queued = BROKER_MAX_QUEUED;
	if (pidperm_random(&broker->pidkey) != 0)
		fatal("getrandom: no key for pids");
	TAILQ_INIT(&broker->procs);
	TAILQ_INIT(&broker->reaping);
	hmap_init(&broker->by_pid);
	hmap_init(&broker->by_id);
	hmap_init(&broker->by_ospid);
	hmap_init(&broker->names);
	hmap_init(&broker->hosts);
	broker->default_host.kind = APP_HOST;
	broker->default_host.ref = (char *)DEFAULT_HOST_REF;
	app_host_defaults(&broker->default_host.host);
}

static void
proc_free_host_state(const char *key, void *value, void *arg)
{
	free(value);
}

void
proc_shutdown(void)
{
	struct proc	*p;

	while ((p = TAILQ_FIRST(&broker->procs)) != NULL)
		proc_free(p);
	while ((p = TAILQ_FIRST(&broker->reaping)) != NULL)
		proc_free(p);
	hmap_foreach(&broker->hosts, proc_free_host_state, NULL);
	hmap_clear(&broker->hosts);
	hmap_clear(&broker->by_pid);
	hmap_clear(&broker->by_id);
	hmap_clear(&broker->by_ospid);
	hmap_clear(&broker->names);
	free(broker);
	broker = NULL;
}

static void
proc_key_id(char *buf, size_t len, uint64_t id)
{
	snprintf(buf, len, "%" PRIx64, id);
}

static void
proc_key_ospid(char *buf, size_t len, pid_t pid)
{
	snprintf(buf, len, "%ld", (long)pid);
}

/* A new table entry, not yet running: spawn.c fills in the OS side. */
struct proc *
proc_new(struct app_entry *entry, struct app_entry *host)
{
	struct proc	*p;
	const char	*node = node_name();
	char		 key[32];

	p = calloc(1, sizeof *p);
	if (p == NULL)
		return (NULL);
	do {
		p->id = broker->next_id++;
		p->pubid = pidperm_encode(&broker->pidkey, p->id);
	} while (p->pubid == 0);
	p->entry = entry;
	p->host = host;
	p->ospid = -1;
	registry_init(p);
	lineage_init(p);
	/* On a node, the pid names it (cluster.md section 2). */
	if (asprintf(&p->pid, "{%s|%s|%016" PRIx64 "%s%s}", host->ref,
	    entry->ref, p->pubid, node != NULL ? "@" : "",
	    node != NULL ? node : "") == -1) {
		free(p);
		return (NULL);
	}
	proc_key_id(key, sizeof key, p->id);
	if (hmap_put(&broker->by_pid, p->pid, p) != 0 ||
	    hmap_put(&broker->by_id, key, p) != 0) {
		hmap_del(&broker->by_pid, p->pid);
		free(p->pid);
		free(p);
		return (NULL);
	}
	gettimeofday(&p->started, NULL);
	TAILQ_INSERT_TAIL(&broker->procs, p, entry_all);
	proc_host_state(host)->live++;
	return (p);
}

/* Forget a process. Its OS process must be reaped already (or never
 * started), and its exit must have been announced. */
void
proc_free(struct proc *p)
{
	char	key[32];

	relay_forget(p);
	peer_close(p);
	if (p->cancel_timer != NULL)
		event_free(p->cancel_timer);
	if (p->wall_timer != NULL)
		event_free(p->wall_timer);
	if (p->eof_timer != NULL)
		event_free(p->eof_timer);
	registry_release(p);
	lineage_free(p);
	proc_key_id(key, sizeof key, p->id);
	hmap_del(&broker->by_id, key);
	hmap_del(&broker->by_pid, p->pid);
	if (p->ospid > 0) {
		proc_key_ospid(key, sizeof key, p->ospid);
		if (hmap_get(&broker->by_ospid, key) == p)
			hmap_del(&broker->by_ospid, key);
	}
	TAILQ_REMOVE(p->reaping ? &broker->reaping : &broker->procs, p,
	    entry_all);
	if (!p->reaping)
		proc_host_state(p->host)->live--;
	idset_free(&p->monitored_by);
	idset_free(&p->monitoring);
	idset_free(&p->links);
	free(p->exit_status);
	free(p->exit_error);
	free(p->exit_detail);
	free(p->result);
	free(p->kill_error);
	proclog_free(p);
	free(p->pid);
	free(p);
}

int
proc_set_ospid(struct proc *p, pid_t pid)
{
	char	key[32];

	p->ospid = pid;
	proc_key_ospid(key, sizeof key, pid);
	return (hmap_put(&broker->by_ospid, key, p));
}

struct proc *
proc_find_pid(const char *pid)
{
	return (hmap_get(&broker->by_pid, pid));
}

struct proc *
proc_find_id(uint64_t id)
{
	char	key[32];

	proc_key_id(key, sizeof key, id);
	return (hmap_get(&broker->by_id, key));
}

struct proc *
proc_find_ospid(pid_t pid)
{
	char	key[32];

	proc_key_ospid(key, sizeof key, pid);
	return (hmap_get(&broker->by_ospid, key));
}

/* A destination is a pid ("{...}") or a registered name; on a node also
 * name@node for its own node (remote.h). A process whose exit was
 * already announced is gone. */
struct proc *
proc_resolve(const char *dest)
{
	struct remote_dest	 d;
	struct proc		*p = NULL;
	const char		*pid;
	char			 name[FB_NAME_MAX + 1];

	if (dest[0] == '{')
		p = proc_find_pid(dest);
	else if (cname_enabled() && cname_is(dest))
		p = (pid = cname_resolve(dest)) != NULL ?
		    proc_find_pid(pid) : NULL;	/* ours, or not here */
	else if (remote_dest_where(dest, node_name(), &d) == REMOTE_HERE &&
	    d.namelen < sizeof name) {
		memcpy(name, d.name, d.namelen);
		name[d.namelen] = '\0';
		p = registry_lookup(name);
	}
	if (p != NULL && p->finished)
		return (NULL);
	return (p);
}

/* A host by ref. The built-in one exists only in an app without hosts
 * (spec section 8), so that no spawn list ("*") reaches its defaults. */
struct app_entry *
proc_host(const char *ref)
{
	struct app_entry	*h;
	size_t			 n;

	h = app_find(broker->app, ref, APP_HOST);
	if (h == NULL && strcmp(ref, DEFAULT_HOST_REF) == 0 &&
	    proc_default_host(broker->app, &n) == &broker->default_host)
		h = &broker->default_host;
	return (h);
}

/*
 * The host a top-level process runs on when none is named (spec section
 * 8): app:processes, else the app's only host, else the built-in one when
 * it has none. NULL when it has several; *nhosts says how many.
 */
struct app_entry *
proc_default_host(struct app *app, size_t *nhosts)
{
	struct app_entry	*h, *only = NULL;
	size_t			 i;

	*nhosts = 0;
	if ((h = app_find(app, "app:processes", APP_HOST)) != NULL)
		return (h);
	for (i = 0; i < app->nentries; i++) {
		if (app->entries[i]->kind == APP_HOST) {
			only = app->entries[i];
			(*nhosts)++;
		}
	}
	if (*nhosts == 0)
		return (&broker->default_host);
	return (*nhosts == 1 ? only : NULL);
}

struct host_state *
proc_host_state(struct app_entry *host)
{
	struct host_state	*hs;

	hs = hmap_get(&broker->hosts, host->ref);
	if (hs == NULL) {
		hs = calloc(1, sizeof *hs);
		if (hs == NULL || hmap_put(&broker->hosts, host->ref, hs) != 0)
			fatal("out of memory for host table");
		hs->host = host;
	}
	return (hs);
}

/* p's exit is announced but its wait status has not come (the fast exit,
 * reap.c): it leaves the list of processes, which ps, stop and "the last
 * one" go by, and its host's count (whoever was told it ended may start
 * another at once), and waits on broker->reaping, still found by its OS
 * pid. */
void
proc_retire(struct proc *p)
{
	if (p->reaping)
		return;
	proc_host_state(p->host)->live--;
	TAILQ_REMOVE(&broker->procs, p, entry_all);
	TAILQ_INSERT_TAIL(&broker->reaping, p, entry_all);
	p->reaping = 1;
}

/*
 * The one way the broker ends a process: remember why, then SIGKILL. The
 * reaper turns the reason into the exit event once waitpid reports it. The
 * first reason given wins.
 */
void
proc_kill(struct proc *p, const char *reason, const char *fmt, ...)
{
	va_list	ap;

	if (p->status_seen || p->finished)
		return;
	if (p->kill_reason == NULL) {
		p->kill_reason = reason;
		va_start(ap, fmt);
		if (vasprintf(&p->kill_error, fmt, ap) == -1)
			p->kill_error = NULL;
		va_end(ap);
		log_debug("%s: killing: %s: %s", p->pid, reason,
		    p->kill_error != NULL ? p->kill_error : "");
		mailbox_drop(p);	/* nothing queued for it matters now */
	}
	if (p->ospid > 0 && kill(p->ospid, SIGKILL) != 0 && errno != ESRCH)
		log_warn("%s: kill %ld", p->pid, (long)p->ospid);
}

int
idset_add(struct idset *s, uint64_t id)
{
	uint64_t	*n;
	size_t		 ncap;

	if (idset_has(s, id))
		return (0);
	if (s->n == s->cap) {
		ncap = s->cap == 0 ? 4 : s->cap * 2;
		n = reallocarray(s->ids, ncap, sizeof *n);
		if (n == NULL)
			return (-1);
		s->ids = n;
		s->cap = ncap;
	}
	s->ids[s->n++] = id;
	return (0);
}

int
idset_del(struct idset *s, uint64_t id)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (s->ids[i] == id) {
			/* Keep order: events go out in the order they were
			 * asked for. */
			memmove(&s->ids[i], &s->ids[i + 1],
			    (s->n - i - 1) * sizeof s->ids[0]);
			s->n--;
			return (1);
		}
	}
	return (0);
}

int
idset_has(const struct idset *s, uint64_t id)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return (1);
	return (0);
}

void
idset_free(struct idset *s)
{
	free(s->ids);
	s->ids = NULL;
	s->n = s->cap = 0;
}
