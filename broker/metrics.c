/*
 * GET /metrics: the broker's numbers in Prometheus' text exposition
 * format (version 0.0.4). Built from what forkbox stats shows
 * (status_stats) plus per-host gauges from the process table. Labels
 * are bounded: host (the app's hosts) and reason (the fixed exit
 * reasons); never a pid.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "broker.h"
#include "http.h"
#include "request.h"

/* A label value, escaped as the format wants (\\, \", \n). */
static int
metrics_label(struct evbuffer *out, const char *v)
{
	int	r = 0;

	for (; *v != '\0' && r == 0; v++) {
		if (*v == '\\' || *v == '"')
			r = evbuffer_add_printf(out, "\\%c", *v) < 0;
		else if (*v == '\n')
			r = evbuffer_add(out, "\\n", 2);
		else
			r = evbuffer_add(out, v, 1);
	}
	return (r == 0 ? 0 : -1);
}

static int
metrics_head(struct evbuffer *out, const char *name, const char *type,
    const char *help)
{
	return (evbuffer_add_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name,
	    help, name, type) < 0 ? -1 : 0);
}

static int
metrics_one(struct evbuffer *out, const char *name, const char *type,
    const char *help, json_t *v)
{
	if (metrics_head(out, name, type, help) != 0)
		return (-1);
	if (json_is_integer(v))
		return (evbuffer_add_printf(out, "%s %" JSON_INTEGER_FORMAT
		    "\n", name, json_integer_value(v)) < 0 ? -1 : 0);
	return (evbuffer_add_printf(out, "%s %.17g\n", name,
	    json_number_value(v)) < 0 ? -1 : 0);
}

/* One sample with one label. */
static int
metrics_labelled(struct evbuffer *out, const char *name, const char *label,
    const char *value, uint64_t n)
{
	if (evbuffer_add_printf(out, "%s{%s=\"", name, label) < 0 ||
	    metrics_label(out, value) != 0 ||
	    evbuffer_add_printf(out, "\"} %" PRIu64 "\n", n) < 0)
		return (-1);
	return (0);
}

/* Live processes and queued mailbox bytes of one host. */
static void
metrics_host_use(const struct app_entry *h, uint64_t *live, uint64_t *bytes)
{
	struct proc	*p;

	*live = *bytes = 0;
	TAILQ_FOREACH(p, &broker->procs, entry_all) {
		if (p->host == h) {
			(*live)++;
			*bytes += mailbox_bytes(p);
		}
	}
}

/* The per-host gauges: every host of the app, and the built-in one
 * when it has been used. */
static int
metrics_hosts(struct evbuffer *out)
{
	struct app		*app = broker->app;
	struct app_entry	*h;
	uint64_t		 live, bytes;
	size_t			 i, pass;
	const char		*name[] = { "forkbox_processes_live",
				    "forkbox_mailbox_bytes" };

	if (metrics_head(out, name[0], "gauge", "Live processes per host.") !=
	    0)
		return (-1);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && metrics_head(out, name[1], "gauge", "Bytes of "
		    "messages queued for processes, per host.") != 0)
			return (-1);
		for (i = 0; i <= app->nentries; i++) {
			h = i < app->nentries ? app->entries[i] :
			    &broker->default_host;
			if (i < app->nentries ? h->kind != APP_HOST :
			    hmap_get(&broker->hosts, h->ref) == NULL)
				continue;
			metrics_host_use(h, &live, &bytes);
			if (metrics_labelled(out, name[pass], "host", h->ref,
			    pass == 0 ? live : bytes) != 0)
				return (-1);
		}
	}
	return (0);
}

static int
metrics_exits(struct evbuffer *out, json_t *exited)
{
	const char	*reason;
	json_t		*n;

	if (metrics_head(out, "forkbox_exits_total", "counter", "Processes "
	    "ended, by exit reason.") != 0)
		return (-1);
	json_object_foreach(exited, reason, n) {
		if (metrics_labelled(out, "forkbox_exits_total", "reason",
		    reason, (uint64_t)json_integer_value(n)) != 0)
			return (-1);
	}
	return (0);
}

/* Samples named by a table: key in a stats object, metric, help. */
struct metrics_plain {
	const char	*key, *name, *type, *help;
};

/* On a node: the live nodes, frames to and from the others. */
static const struct metrics_plain metrics_node_table[] = {
	{ "live", "forkbox_nodes_live", "gauge",
	    "Live nodes of the cluster, this one included." },
	{ "sent", "forkbox_node_messages_sent_total", "counter",
	    "Frames sent to other nodes." },
	{ "received", "forkbox_node_messages_received_total", "counter",
	    "Frames received from other nodes." },
	{ "dropped", "forkbox_node_frames_dropped_total", "counter",
	    "Frames from other nodes dropped as malformed or stale." },
	{ "lost", "forkbox_nodes_lost_total", "counter",
	    "Nodes lost (no heartbeat, left, or own connection down)." },
	{ "nats_refused", "forkbox_nats_requests_refused_total", "counter",
	    "Outside requests over NATS refused." },
	{ "nats_replies", "forkbox_nats_replies_total", "counter",
	    "Messages of processes published on NATS reply subjects." },
};

/* One sample per entry whose key o has (o may be NULL: none). */
static int
metrics_table(struct evbuffer *out, json_t *o, const struct metrics_plain *m,
    size_t n)
{
	json_t	*v;
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((v = json_object_get(o, m[i].key)) != NULL &&
		    metrics_one(out, m[i].name, m[i].type, m[i].help, v) != 0)
			return (-1);
	return (0);
}

/* Restarts of every service, summed: a counter. */
static json_int_t
metrics_restarts(void)
{
	json_t		*svcs = service_json(), *s;
	json_int_t	 n = 0;
	size_t		 i;

	json_array_foreach(svcs, i, s)
		n += json_integer_value(json_object_get(s, "restarts"));
	json_decref(svcs);
	return (n);
}

int
metrics_write(struct evbuffer *out)
{
	static const struct metrics_plain plain[] = {
		{ "spawned", "forkbox_spawned_total", "counter",
		    "Processes spawned." },
		{ "routed", "forkbox_messages_routed_total", "counter",
		    "Messages handed to their receiver." },
		{ "undeliverable", "forkbox_messages_undeliverable_total",
		    "counter", "Messages whose receiver was gone, dying or "
		    "over its mailbox limit." },
		{ "refused", "forkbox_refused_total", "counter",
		    "Requests of processes refused as not permitted." },
		{ "log_dropped", "forkbox_log_lines_dropped_total", "counter",
		    "Log lines dropped for a slow reader of the log." },
		{ "uptime", "forkbox_uptime_seconds", "gauge",
		    "Seconds since the broker started serving." },
	};
	json_t	*st, *v;
	int	 r;

	if ((st = status_stats()) == NULL)
		return (-1);
	r = metrics_table(out, st, plain, sizeof plain / sizeof plain[0]);
	if (r == 0)
		r = metrics_exits(out, json_object_get(st, "exited"));
	if (r == 0)
		r = metrics_table(out, json_object_get(st, "nodes"),
		    metrics_node_table, sizeof metrics_node_table /
		    sizeof metrics_node_table[0]);
	json_decref(st);
	if (r == 0)
		r = metrics_hosts(out);
	if (r == 0 && (v = json_integer(metrics_restarts())) != NULL) {
		r = metrics_one(out, "forkbox_service_restarts_total",
		    "counter", "Restarts of services after an abnormal exit.",
		    v);
		json_decref(v);
	}
	if (r == 0 && (v = json_integer((json_int_t)request_calls())) !=
	    NULL) {
		r = metrics_one(out, "forkbox_calls_in_flight", "gauge",
		    "Calls from outside programs waiting for their process.",
		    v);
		json_decref(v);
	}
	return (r);
}
