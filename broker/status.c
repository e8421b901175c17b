/*
 * What forkbox ps and forkbox stats show, for every transport (request.c):
 * the process table and services, and the broker's counters, among them
 * exits by reason, counted here as each exit is reaped.
 */
#include "config.h"

#include <sys/time.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "broker.h"
#include "request.h"
#include "log.h"
#include "natsapi.h"
#include "node.h"

static struct timeval		 status_started;

/* Exits by reason, for stats; the reasons of spec section 2. */
static const char *const	 status_reasons[] = {
	"normal", "error", "signal", "memory", "cpu", "timeout", "mailbox",
	"protocol", "sandbox", "terminated", "cancelled", "link", "noproc",
	"shutdown", NULL
};
#define STATUS_NREASONS	(sizeof status_reasons / sizeof status_reasons[0])
static uint64_t			 status_exits[STATUS_NREASONS];	/* last: other */

static void
status_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	size_t	i;

	for (i = 0; status_reasons[i] != NULL; i++)
		if (strcmp(reason, status_reasons[i]) == 0)
			break;
	status_exits[i]++;
}

/* Start counting: once, when the broker starts serving requests. */
void
status_init(void)
{
	memset(status_exits, 0, sizeof status_exits);
	gettimeofday(&status_started, NULL);
	reap_observe(status_exit, NULL);
}

static double
status_since(const struct timeval *tv, const struct timeval *now)
{
	struct timeval	d;

	timersub(now, tv, &d);
	return ((double)d.tv_sec + (double)d.tv_usec / 1e6);
}

/* Resident memory in bytes from /proc/PID/status, or -1. */
static json_int_t
status_rss(pid_t pid)
{
	char		 path[64], line[256];
	FILE		*f;
	long long	 kb = -1;

	if (pid <= 0)
		return (-1);
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "re")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmRSS: %lld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return (kb < 0 ? -1 : (json_int_t)kb * 1024);
}

static const char *
status_state(const struct proc *p)
{
	if (p->status_seen || p->eof_seen)
		return ("exiting");
	if (p->kill_reason != NULL)
		return ("killed");
	if (broker->stopping || (p->cancel_timer != NULL &&
	    evtimer_pending(p->cancel_timer, NULL)))
		return ("stopping");
	return ("running");
}

static json_t *
status_proc(struct proc *p, const struct timeval *now)
{
	json_t		*o, *c = json_object_get(p->entry->meta, "comment");
	const char	*svc;
	unsigned	 restarts;
	json_int_t	 rss = status_rss(p->ospid);
	char		 id[32];

	svc = service_of(p, &restarts);
	snprintf(id, sizeof id, "%016" PRIx64, p->pubid);
	o = json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:o,s:I,s:I,s:I,s:f,s:s?,"
	    "s:s?}",
	    "pid", p->pid,
	    "id", id,
	    "ospid", (json_int_t)p->ospid,
	    "entry", p->entry->ref,
	    "host", p->host->ref,
	    "state", status_state(p),
	    "memory", rss < 0 ? json_null() : json_integer(rss),
	    "mailbox_messages", (json_int_t)mailbox_count(p),
	    "mailbox_bytes", (json_int_t)mailbox_bytes(p),
	    "restarts", (json_int_t)restarts,
	    "uptime", status_since(&p->started, now),
	    "service", svc,
	    "comment", json_is_string(c) ? json_string_value(c) : NULL);
	return (o);
}

json_t *
status_ps(void)
{
	struct proc	*p;
	struct timeval	 now;
	json_t		*o, *procs, *svcs;

	gettimeofday(&now, NULL);
	if ((procs = json_array()) == NULL)
		return (NULL);
	TAILQ_FOREACH(p, &broker->procs, entry_all) {
		if (json_array_append_new(procs, status_proc(p, &now)) != 0) {
			json_decref(procs);
			return (NULL);
		}
	}
	if ((svcs = service_json()) == NULL) {
		json_decref(procs);
		return (NULL);
	}
	o = json_pack("{s:{s:I,s:s,s:f,s:b},s:o,s:o}",
	    "broker",
	    "ospid", (json_int_t)getpid(),
	    "app", broker->app->root != NULL ? broker->app->root : "",
	    "uptime", status_since(&status_started, &now),
	    "stopping", broker->stopping,
	    "processes", procs,
	    "services", svcs);
	return (o);
}

/* The node counters for stats and /metrics; NULL when not a node. */
static json_t *
status_node_counts(void)
{
	struct node_counts	 c;
	json_t			*names;
	size_t			 live;
	uint64_t		 refused, replies;

	if (!node_enabled())
		return (NULL);
	node_counts(&c);
	natsapi_counts(&refused, &replies);
	names = node_names();
	live = json_array_size(names);
	json_decref(names);
	return (json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
	    "live", (json_int_t)live,
	    "sent", (json_int_t)c.sent,
	    "received", (json_int_t)c.received,
	    "dropped", (json_int_t)c.dropped,
	    "joined", (json_int_t)c.joined,
	    "lost", (json_int_t)c.lost,
	    "nats_refused", (json_int_t)refused,
	    "nats_replies", (json_int_t)replies));
}

json_t *
status_stats(void)
{
	struct proc	*p;
	struct timeval	 now;
	json_t		*o, *exited;
	json_int_t	 live = 0;
	size_t		 i;

	gettimeofday(&now, NULL);
	TAILQ_FOREACH(p, &broker->procs, entry_all)
		live++;
	if ((exited = json_object()) == NULL)
		return (NULL);
	for (i = 0; status_reasons[i] != NULL; i++) {
		if (json_object_set_new(exited, status_reasons[i],
		    json_integer((json_int_t)status_exits[i])) != 0) {
			json_decref(exited);
			return (NULL);
		}
	}
	if (status_exits[i] != 0 && json_object_set_new(exited, "other",
	    json_integer((json_int_t)status_exits[i])) != 0) {
		json_decref(exited);
		return (NULL);
	}
	o = json_pack("{s:I,s:I,s:o,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:o*,s:o*,"
	    "s:o*}",
	    "spawned", (json_int_t)broker->nspawned,
	    "live", live,
	    "exited", exited,
	    "routed", (json_int_t)broker->nrouted,
	    "undeliverable", (json_int_t)broker->nundeliverable,
	    "refused", (json_int_t)broker->nrefused,
	    "paused", (json_int_t)broker->npaused,
	    "queued", (json_int_t)broker->queued,
	    "log_dropped", (json_int_t)logsink_dropped(),
	    "uptime", status_since(&status_started, &now),
	    "isolation", jail_stats(),
	    "zygote", zygote_stats(),
	    "nodes", status_node_counts());
	return (o);
}

/* forkbox nodes: the live nodes and this node's counters. */
json_t *
status_nodes(void)
{
	json_t	*o = status_node_counts();
	char	 inc[17];

	if (o == NULL)
		return (json_pack("{s:n,s:[]}", "node", "nodes"));
	snprintf(inc, sizeof inc, "%016" PRIx64, node_incarnation());
	if (json_object_set_new(o, "node", json_string(node_name())) != 0 ||
	    json_object_set_new(o, "cluster", json_string(node_cluster()))
	    != 0 ||
	    json_object_set_new(o, "incarnation", json_string(inc)) != 0 ||
	    json_object_set_new(o, "nodes", node_status()) != 0) {
		json_decref(o);
		return (NULL);
	}
	return (o);
}

