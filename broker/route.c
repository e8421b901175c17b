/* Frames from workers: requests answered, messages relayed. */
#include "config.h"

#include <sys/time.h>

#include <stdarg.h>
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

double
route_now(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return ((double)tv.tv_sec + (double)tv.tv_usec / 1e6);
}

/* Queue an FB_REPLY; takes env (NULL when building it failed). A reply
 * counts in the mailbox: one past the limit kills p. */
static void
route_reply(struct proc *p, uint64_t ref, json_t *env)
{
	if ((env == NULL || peer_send(p, FB_REPLY, ref, env, NULL, 0) != 0) &&
	    p->kill_reason == NULL)
		log_warnx("%s: cannot queue reply", p->pid);
	json_decref(env);
}

void
route_reply_ok(struct proc *p, uint64_t ref, const char *pid)
{
	route_reply(p, ref, pid != NULL ?
	    json_pack("{s:b,s:s}", "ok", 1, "pid", pid) :
	    json_pack("{s:b}", "ok", 1));
}

void
route_reply_err(struct proc *p, uint64_t ref, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	route_reply(p, ref, json_pack("{s:b,s:s}", "ok", 0, "error", buf));
}

void
route_reply_value(struct proc *p, uint64_t ref, int value)
{
	route_reply(p, ref, json_pack("{s:b,s:b}", "ok", 1, "value", value));
}

void
route_event(struct proc *to, const char *kind, const char *from,
    const char *reason, const char *error, const char *result,
    size_t result_len, double deadline, const char *output, size_t outlen)
{
	json_t	*env;

	if (!peer_writable(to))
		return;		/* it is exiting (its side is closed) */
	env = json_pack("{s:s,s:s,s:f}", "kind", kind, "from", from,
	    "at", route_now());
	if (env == NULL)
		goto fail;
	if (reason != NULL &&
	    json_object_set_new(env, "reason", json_string(reason)) != 0)
		goto fail;
	if (error != NULL &&
	    json_object_set_new(env, "error", json_string(error)) != 0)
		goto fail;
	if (deadline > 0 &&
	    json_object_set_new(env, "deadline", json_real(deadline)) != 0)
		goto fail;
	if (output != NULL && json_object_set_new(env, "output",
	    json_stringn(output, outlen)) != 0)
		goto fail;
	if (peer_send(to, FB_EVENT, 0, env, result, result_len) != 0)
		goto fail;
	json_decref(env);
	return;
fail:
	json_decref(env);
	if (to->kill_reason == NULL)	/* not: its mailbox was full */
		log_warnx("%s: cannot queue %s event", to->pid, kind);
}

/* A message to dst from a sender that is not one of its workers' frames
 * (outside, another node), counted as routed or undeliverable. */
void
route_message(struct proc *dst, const char *from, const char *topic,
    const char *payload, size_t plen)
{
	json_t	*env;

	env = json_pack("{s:s,s:s}", "from", from, "topic", topic);
	if (env == NULL || peer_send(dst, FB_MSG, 0, env, payload, plen) != 0)
		broker->nundeliverable++;
	else
		broker->nrouted++;
	json_decref(env);
}

void
route_message_plain(struct proc *dst, const char *from, size_t fromlen,
    const char *topic, size_t topiclen, const char *payload, size_t plen)
{
	static const char	 a[] = "{\"from\":\"", b[] = "\",\"topic\":\"";
	char			 env[ROUTE_PLAIN_MAX + sizeof a + sizeof b + 2];
	size_t			 n = 0;

	if (fromlen + topiclen > ROUTE_PLAIN_MAX) {
		broker->nundeliverable++;	/* the caller's mistake */
		return;
	}
	memcpy(env, a, sizeof a - 1);
	n = sizeof a - 1;
	memcpy(env + n, from, fromlen);
	n += fromlen;
	memcpy(env + n, b, sizeof b - 1);
	n += sizeof b - 1;
	memcpy(env + n, topic, topiclen);
	n += topiclen;
	memcpy(env + n, "\"}", 2);
	n += 2;
	if (peer_send_text(dst, FB_MSG, 0, env, n, payload, plen) != 0)
		broker->nundeliverable++;
	else
		broker->nrouted++;
}

/* Envelope accessors: a missing or mistyped key is a protocol error. */
const char *
route_str(json_t *env, const char *key, int required, const char **cause)
{
	json_t	*v = json_object_get(env, key);

	if (v == NULL && !required)
		return (NULL);
	if (!json_is_string(v)) {
		*cause = "envelope key missing or not a string";
		return (NULL);
	}
	return (json_string_value(v));
}

/*
 * Spawn entry eref on host href of this broker for p, monitored and/or
 * linked as flags say, and answer p's request ref. With full_ok, a host
 * at max_processes is not answered but returns 1 (host@* tries another
 * node); otherwise 0.
 */
int
route_spawn_here(struct proc *p, uint64_t ref, uint16_t flags,
    const char *eref, const char *href, const char *args, size_t alen,
    int full_ok)
{
	struct app_entry	*entry, *host;
	struct proc		*child;
	char			 err[512];

	if ((entry = app_find(broker->app, eref, APP_PROCESS)) == NULL) {
		route_reply_err(p, ref, "unknown entry: %s", eref);
		return (0);
	}
	if ((host = proc_host(href)) == NULL) {
		route_reply_err(p, ref, "unknown host: %s", href);
		return (0);
	}
	if (!perm_spawn(p, host)) {
		perm_refuse(p, ref, "spawn on %s", host->ref);
		return (0);
	}
	/* The child would be its own, so only "none" refuses the link. */
	if ((flags & FB_F_LINK) && !perm_control(p, NULL)) {
		perm_refuse(p, ref, "link");
		return (0);
	}
	if (full_ok &&
	    proc_host_state(host)->live >= host->host.max_processes)
		return (1);
	child = spawn_proc(entry, host, args, alen, err, sizeof err);
	if (child == NULL) {
		route_reply_err(p, ref, "%s", err);
		return (0);
	}
	lineage_adopt(child, p);
	/* Monitor and link before the reply: no window for an unseen exit. */
	if ((flags & FB_F_MONITOR) &&
	    (idset_add(&child->monitored_by, p->id) != 0 ||
	    idset_add(&p->monitoring, child->id) != 0))
		fatalx("out of memory");
	if ((flags & FB_F_LINK) &&
	    (idset_add(&child->links, p->id) != 0 ||
	    idset_add(&p->links, child->id) != 0))
		fatalx("out of memory");
	route_reply_ok(p, ref, child->pid);
	return (0);
}

static int
route_spawn(struct proc *p, const struct frame *f, json_t *env,
    const char **cause)
{
	const char	*eref, *href;

	if ((eref = route_str(env, "entry", 1, cause)) == NULL ||
	    (href = route_str(env, "host", 1, cause)) == NULL)
		return (-1);
	/* host@node, host@*: another node's (remote_spawn.c answers). */
	if (remote_spawn(p, f, eref, href))
		return (0);
	route_spawn_here(p, f->ref, f->flags, eref, href, f->payload, f->plen,
	    0);
	return (0);
}

static int
route_print(struct proc *p, const struct frame *f)
{
	proclog_print(p, f->payload, f->plen);
	return (0);
}

/*
 * A result is printed by forkbox run and handed to monitors: it must be
 * one compact JSON text, as the worker's codec writes it (no byte below
 * 0x20 at all: JSON allows them only as whitespace, which compact JSON
 * has none of). Empty is nil.
 */
static int
route_is_json(const char *s, size_t len)
{
	json_t	*j;
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20)
			return (0);
	if (len == 0)
		return (1);
	if ((j = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
	    NULL)) == NULL)
		return (0);
	json_decref(j);
	return (1);
}

static int
route_exit(struct proc *p, const struct frame *f, json_t *env,
    const char **cause)
{
	const char	*status, *error, *detail;

	if (p->exit_status != NULL) {
		*cause = "second EXIT frame";
		return (-1);
	}
	if ((status = route_str(env, "status", 1, cause)) == NULL)
		return (-1);
	if (strcmp(status, "normal") != 0 && strcmp(status, "error") != 0 &&
	    strcmp(status, "memory") != 0 && strcmp(status, "cpu") != 0 &&
	    strcmp(status, "sandbox") != 0) {
		*cause = "bad exit status";
		return (-1);
	}
	if (!route_is_json(f->payload, f->plen)) {
		*cause = "result is not JSON";
		return (-1);
	}
	error = route_str(env, "error", 0, cause);
	if (error == NULL && *cause != NULL)
		return (-1);
	detail = route_str(env, "detail", 0, cause);
	if (detail == NULL && *cause != NULL)
		return (-1);
	if ((p->exit_status = strdup(status)) == NULL ||
	    (error != NULL && (p->exit_error = strdup(error)) == NULL) ||
	    (detail != NULL && (p->exit_detail = strndup(detail, 4096)) ==
	    NULL))
		fatalx("out of memory");
	if (f->plen > 0) {
		if ((p->result = malloc(f->plen)) == NULL)
			fatalx("out of memory");
		memcpy(p->result, f->payload, f->plen);
		p->result_len = f->plen;
	}
	return (0);
}

/* process.nodes(): the live nodes, as this broker knows them. */
static int
route_nodes(struct proc *p, const struct frame *f)
{
	json_t	*env;

	env = json_pack("{s:b,s:o}", "ok", 1, "nodes", node_names());
	if (env == NULL)
		return (-1);
	peer_send(p, FB_REPLY, f->ref, env, NULL, 0);
	json_decref(env);
	return (0);
}

int
route_frame(struct proc *p, const struct frame *f, const char **cause)
{
	json_t		*env = NULL;
	json_error_t	 jerr;
	int		 r;

	*cause = NULL;
	if (f->type == FB_PRINT)
		return (route_print(p, f));
	if (f->type == FB_SEND)
		return (relay_send(p, f, cause));	/* the hot path */
	if (f->type == FB_RECEIVED)
		return (mailbox_received(p, f, cause));
	if (f->elen == 0) {
		*cause = "missing envelope";
		return (-1);
	}
	env = json_loadb(f->env, f->elen, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(env)) {
		json_decref(env);
		*cause = "envelope is not a JSON object";
		return (-1);
	}
	switch (f->type) {
	case FB_SPAWN:
		r = route_spawn(p, f, env, cause);
		break;
	case FB_EXIT:
		r = route_exit(p, f, env, cause);
		break;
	case FB_MONITOR:
	case FB_UNMONITOR:
	case FB_LINK:
	case FB_UNLINK:
	case FB_TERMINATE:
	case FB_CANCEL:
	case FB_REGISTER:
	case FB_UNREGISTER:
	case FB_LOOKUP:
	case FB_SET_OPTIONS:
		r = lifecycle_frame(p, f, env, cause);
		break;
	case FB_NODES:
		r = route_nodes(p, f);
		break;
	default:
		*cause = "frame type not allowed from a worker";
		r = -1;
		break;
	}
	json_decref(env);
	if (r != 0 && *cause == NULL)
		*cause = "bad request";
	return (r);
}
