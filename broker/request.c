/*
 * The requests of outside programs, one function each (request.h): every
 * transport calls these, so what is accepted, refused and answered is the
 * same over the control socket, HTTP and NATS.
 *
 * A call spawns its process as forkbox run spawns its root (spawn_proc,
 * no spawner process) and waits for nothing: the call is a row in a table
 * keyed by the process's id, with a timer for its timeout, and the exit
 * observer answers it when the reaper announces the end. Thousands may be
 * in flight; none holds a thread.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "duration.h"
#include "log.h"
#include "remote.h"
#include "cname.h"
#include "request.h"

#define REQUEST_TOPIC_MAX	4096	/* bytes of a send's topic */
#define REQUEST_DEST_MAX	1024	/* bytes of a send's pid */

struct request_call {
	uint64_t		 proc_id;
	int64_t			 timeout_us;
	struct event		*timer;
	request_done_fn		 done;		/* NULL once dropped */
	void			*arg;
};

static struct hmap		 request_inflight;	/* hex proc id -> call */
static struct app_entry		*request_host;		/* run --host */
static uint64_t			 request_nsenders;

static void	request_exit(struct proc *, const char *, const char *,
		    void *);

void
request_init(struct app_entry *default_host)
{
	hmap_init(&request_inflight);
	request_host = default_host;
	request_nsenders = 0;
	status_init();
	reap_observe(request_exit, NULL);
}

static void
request_key(char *buf, size_t len, uint64_t id)
{
	snprintf(buf, len, "%" PRIx64, id);
}

static void
request_free(struct request_call *c)
{
	char	key[32];

	request_key(key, sizeof key, c->proc_id);
	hmap_del(&request_inflight, key);
	if (c->timer != NULL)
		event_free(c->timer);
	free(c);
}

static void
request_close_one(const char *key, void *value, void *arg)
{
	struct request_call	*c = value;

	if (c->timer != NULL)
		event_free(c->timer);
	free(c);
}

void
request_close(void)
{
	hmap_foreach(&request_inflight, request_close_one, NULL);
	hmap_clear(&request_inflight);
}

size_t
request_calls(void)
{
	return (request_inflight.count);
}

/* A JSON string of text; text a worker gave may be cut mid-character
 * or hold anything, so what is not valid UTF-8 is escaped. */
static json_t *
request_string(const char *text)
{
	char	 buf[8192];
	json_t	*s;

	if ((s = json_string(text)) != NULL)
		return (s);
	return (json_string(log_escape(buf, sizeof buf, text, strlen(text))));
}

json_t *
request_refusal(const char *kind, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return (json_pack("{s:o,s:s}", "error", request_string(buf),
	    "kind", kind));
}

/* Answer and forget: done owns the answer (NULL: out of memory). */
static void
request_answer(request_done_fn done, void *arg, json_t *answer)
{
	if (answer == NULL)
		answer = json_pack("{s:s,s:s}", "error", "out of memory",
		    "kind", REQUEST_HOST_FULL);
	if (done != NULL)
		done(answer, arg);
	else
		json_decref(answer);
}

/* The outcome of a called process, as cluster.md words it; with
 * "output" when its host captures what it prints. */
static json_t *
request_outcome(struct proc *p, const char *reason, const char *error)
{
	json_t		*o, *result;
	const char	*output;
	size_t		 outlen;

	if (strcmp(reason, "normal") != 0)
		o = json_pack("{s:s,s:s,s:o}", "pid", p->pid, "reason", reason,
		    "error", request_string(error != NULL ? error : reason));
	else {
		/* The reaper checked that it is one JSON text (route.c). */
		if (p->result_len == 0)
			result = json_null();
		else
			result = json_loadb(p->result, p->result_len,
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		o = json_pack("{s:s,s:s,s:o}", "pid", p->pid, "reason", reason,
		    "result", result != NULL ? result : json_null());
	}
	/* Escaped at exit (proclog.c): valid UTF-8. */
	if (o != NULL && (output = proclog_output(p, &outlen)) != NULL &&
	    json_object_set_new(o, "output", json_stringn(output, outlen)) !=
	    0) {
		json_decref(o);
		o = NULL;
	}
	return (o);
}

static void
request_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	struct request_call	*c;
	char			 key[32];

	request_key(key, sizeof key, p->id);
	if ((c = hmap_get(&request_inflight, key)) == NULL)
		return;
	if (c->done != NULL)
		request_answer(c->done, c->arg,
		    request_outcome(p, reason, error));
	request_free(c);
}

static void
request_expired(evutil_socket_t fd, short what, void *arg)
{
	struct request_call	*c = arg;
	struct proc		*p;
	char			 d[32];

	if ((p = proc_find_id(c->proc_id)) != NULL)
		proc_kill(p, "timeout", "call timeout exceeded (%s)",
		    duration_format(c->timeout_us, d, sizeof d));
}

/* 1 when every key of req is one of keys; else 0 with the refusal: a
 * misspelt "timout" must not be silently ignored. */
static int
request_keys(json_t *req, const char *const *keys, json_t **refusal)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	json_object_foreach(req, key, v) {
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(key, keys[i]) == 0)
				break;
		if (keys[i] == NULL) {
			*refusal = request_refusal(REQUEST_BAD, "unknown key "
			    "\"%s\"", key);
			return (0);
		}
	}
	return (1);
}

/* "timeout": a duration string or a number of milliseconds, > 0. */
static int
request_timeout(json_t *v, int64_t *us, char *err, size_t errlen)
{
	char	perr[256];

	*us = REQUEST_TIMEOUT_DEFAULT;
	if (v == NULL || json_is_null(v))
		return (0);
	if (json_is_integer(v)) {
		if (json_integer_value(v) <= 0 ||
		    json_integer_value(v) > INT64_MAX / 1000) {
			snprintf(err, errlen, "timeout must be a positive "
			    "number of milliseconds");
			return (-1);
		}
		*us = json_integer_value(v) * 1000;
		return (0);
	}
	if (!json_is_string(v)) {
		snprintf(err, errlen, "timeout must be a duration such as "
		    "\"30s\" or a number of milliseconds");
		return (-1);
	}
	if (duration_parse(json_string_value(v), us, perr, sizeof perr) != 0) {
		snprintf(err, errlen, "timeout: %s", perr);
		return (-1);
	}
	if (*us <= 0) {
		snprintf(err, errlen, "timeout must be positive");
		return (-1);
	}
	return (0);
}

/* The host a call runs on: the one it names, else run --host's, else
 * the one forkbox run would choose. NULL with the refusal in *refusal. */
static struct app_entry *
request_pick_host(json_t *v, json_t **refusal)
{
	struct app_entry	*h;
	size_t			 n;

	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v)) {
			*refusal = request_refusal(REQUEST_BAD,
			    "host must be a string");
			return (NULL);
		}
		if ((h = proc_host(json_string_value(v))) == NULL)
			*refusal = request_refusal(REQUEST_UNKNOWN_HOST,
			    "unknown host: %s", json_string_value(v));
		return (h);
	}
	if (request_host != NULL)
		return (request_host);
	if ((h = proc_default_host(broker->app, &n)) == NULL)
		*refusal = request_refusal(REQUEST_BAD, "the app has %zu "
		    "hosts: name one with \"host\"", n);
	return (h);
}

/* Checks a call's fields; the entry and host, its arguments as JSON text
 * (free it) and its timeout. NULL when refused, *refusal says why. */
static char *
request_call_check(json_t *req, struct app_entry **entry,
    struct app_entry **host, int64_t *timeout_us, json_t **refusal)
{
	static const char *const keys[] = { "entry", "host", "args",
	    "timeout", NULL };
	json_t		*e, *args;
	char		*text, err[512];
	size_t		 len;

	if (!json_is_object(req)) {
		*refusal = request_refusal(REQUEST_BAD, "a call is a JSON "
		    "object");
		return (NULL);
	}
	if (!request_keys(req, keys, refusal))
		return (NULL);
	if (!json_is_string(e = json_object_get(req, "entry"))) {
		*refusal = request_refusal(REQUEST_BAD, "\"entry\" missing or "
		    "not a string");
		return (NULL);
	}
	args = json_object_get(req, "args");
	if (args != NULL && !json_is_array(args)) {
		*refusal = request_refusal(REQUEST_BAD, "\"args\" must be an "
		    "array");
		return (NULL);
	}
	if (request_timeout(json_object_get(req, "timeout"), timeout_us, err,
	    sizeof err) != 0) {
		*refusal = request_refusal(REQUEST_BAD, "%s", err);
		return (NULL);
	}
	if ((*entry = app_find(broker->app, json_string_value(e),
	    APP_PROCESS)) == NULL) {
		*refusal = request_refusal(REQUEST_UNKNOWN_ENTRY,
		    "unknown entry: %s", json_string_value(e));
		return (NULL);
	}
	if ((*host = request_pick_host(json_object_get(req, "host"),
	    refusal)) == NULL)
		return (NULL);
	text = args != NULL ? json_dumps(args, JSON_COMPACT) : strdup("[]");
	if (text == NULL) {
		*refusal = request_refusal(REQUEST_HOST_FULL, "out of memory");
		return (NULL);
	}
	if ((len = strlen(text)) > (*host)->host.max_message_size) {
		*refusal = request_refusal(REQUEST_BAD, "args (%zu bytes) over "
		    "the max_message_size of host %s", len, (*host)->ref);
		free(text);
		return (NULL);
	}
	return (text);
}

/* Spawn for a call; NULL with the refusal. */
static struct proc *
request_spawn(struct app_entry *entry, struct app_entry *host,
    const char *args, json_t **refusal)
{
	struct proc	*p;
	char		 err[512];

	if (broker->stopping) {
		*refusal = request_refusal(REQUEST_HOST_FULL, "the broker is "
		    "stopping");
		return (NULL);
	}
	if (proc_host_state(host)->live >= host->host.max_processes) {
		*refusal = request_refusal(REQUEST_HOST_FULL, "host %s is at "
		    "max_processes (%u)", host->ref, host->host.max_processes);
		return (NULL);
	}
	if ((p = spawn_proc(entry, host, args, strlen(args), err,
	    sizeof err)) == NULL) {
		/* Out of resources or descriptors is worth a retry; arguments
		 * too big for the frame with the libraries are not. */
		*refusal = request_refusal(strstr(err, "do not fit") != NULL ?
		    REQUEST_BAD : REQUEST_HOST_FULL, "%s", err);
		return (NULL);
	}
	/* Its end is reported to its caller, not logged as a crash. */
	proclog_foreground(p);
	return (p);
}

struct request_call *
request_call(json_t *req, request_done_fn done, void *arg)
{
	struct app_entry	*entry, *host;
	struct request_call	*c;
	struct proc		*p;
	struct timeval		 tv;
	json_t			*refusal = NULL;
	int64_t			 timeout_us;
	char			*args, key[32];

	if ((args = request_call_check(req, &entry, &host, &timeout_us,
	    &refusal)) == NULL) {
		request_answer(done, arg, refusal);
		return (NULL);
	}
	if ((c = calloc(1, sizeof *c)) == NULL ||
	    (c->timer = evtimer_new(broker->base, request_expired, c)) ==
	    NULL) {
		free(c);
		free(args);
		request_answer(done, arg, request_refusal(REQUEST_HOST_FULL,
		    "out of memory"));
		return (NULL);
	}
	p = request_spawn(entry, host, args, &refusal);
	free(args);
	if (p == NULL) {
		event_free(c->timer);
		free(c);
		request_answer(done, arg, refusal);
		return (NULL);
	}
	c->proc_id = p->id;
	c->timeout_us = timeout_us;
	c->done = done;
	c->arg = arg;
	request_key(key, sizeof key, p->id);
	tv.tv_sec = timeout_us / 1000000;
	tv.tv_usec = timeout_us % 1000000;
	if (hmap_put(&request_inflight, key, c) != 0 ||
	    evtimer_add(c->timer, &tv) != 0) {
		/* Unanswerable: end it, and say so now. */
		hmap_del(&request_inflight, key);
		proc_kill(p, "error", "out of memory for its call");
		event_free(c->timer);
		free(c);
		request_answer(done, arg, request_refusal(REQUEST_HOST_FULL,
		    "out of memory"));
		return (NULL);
	}
	log_debug("%s: called from outside (timeout %lldms)", p->pid,
	    (long long)(timeout_us / 1000));
	return (c);
}

void
request_drop(struct request_call *c)
{
	if (c != NULL)
		c->done = NULL;
}

uint64_t
request_sender(void)
{
	return (++request_nsenders);
}

/* A pid as section 1 knows them: "{host|entry|id}". */
static int
request_pid_valid(const char *s, size_t len)
{
	size_t	i, bars = 0;

	if (len < 5 || len > REQUEST_DEST_MAX || s[len - 1] != '}')
		return (0);
	for (i = 1; i < len - 1; i++) {
		if (s[i] == '|')
			bars++;
		else if (s[i] == '{' || s[i] == '}')
			return (0);
	}
	return (bars == 2);
}

/* The checks of a send; the payload as JSON text (free it), or NULL with
 * the refusal. */
static char *
request_send_check(json_t *req, const char **to, const char **topic,
    json_t **refusal)
{
	static const char *const keys[] = { "to", "topic", "payload", NULL };
	json_t		*t, *tp, *pl;
	const char	*cause;
	char		*text;

	if (!json_is_object(req)) {
		*refusal = request_refusal(REQUEST_BAD, "a send is a JSON "
		    "object");
		return (NULL);
	}
	if (!request_keys(req, keys, refusal))
		return (NULL);
	t = json_object_get(req, "to");
	tp = json_object_get(req, "topic");
	if (!json_is_string(t) || !json_is_string(tp)) {
		*refusal = request_refusal(REQUEST_BAD, "\"%s\" missing or not "
		    "a string", json_is_string(t) ? "topic" : "to");
		return (NULL);
	}
	*to = json_string_value(t);
	*topic = json_string_value(tp);
	if (strlen(*to) != json_string_length(t) ||
	    strlen(*topic) != json_string_length(tp)) {
		*refusal = request_refusal(REQUEST_BAD, "a NUL byte in \"%s\"",
		    strlen(*to) != json_string_length(t) ? "to" : "topic");
		return (NULL);
	}
	if ((*to)[0] == '{' ? !request_pid_valid(*to, strlen(*to)) :
	    !registry_name_valid(*to, &cause)) {
		*refusal = request_refusal(REQUEST_BAD, "bad destination: %s",
		    (*to)[0] == '{' ? "not a pid {HOST|ENTRY|ID}" : cause);
		return (NULL);
	}
	if (**topic == '\0' || strlen(*topic) > REQUEST_TOPIC_MAX) {
		*refusal = request_refusal(REQUEST_BAD, "the topic must be a "
		    "non-empty string of at most %d bytes", REQUEST_TOPIC_MAX);
		return (NULL);
	}
	pl = json_object_get(req, "payload");
	text = json_dumps(pl != NULL ? pl : json_null(),
	    JSON_COMPACT | JSON_ENCODE_ANY);
	if (text == NULL)
		*refusal = request_refusal(REQUEST_HOST_FULL, "out of memory");
	return (text);
}

/*
 * The router's part of a send from outside, as relay.c does it for a
 * worker's: a receiver that is gone, dying or deaf makes the message
 * undeliverable; one over its mailbox_limit is killed (peer_send).
 */
static json_t *
request_deliver(const char *from, const char *to, const char *topic,
    const char *payload, size_t plen)
{
	struct proc	*dst;

	if (plen > FB_FRAME_MAX - FB_ENVELOPE_MAX)
		return (request_refusal(REQUEST_BAD, "payload of %zu bytes "
		    "over the frame limit", plen));
	/* A cluster name stands for its holder's pid, wherever it is. */
	if (cname_enabled() && cname_is(to) && (to = cname_resolve(to)) ==
	    NULL) {
		broker->nundeliverable++;
		log_info("%s: undeliverable message: no holder of that "
		    "cluster name", from);
		return (json_pack("{s:b}", "ok", 1));
	}
	/* Another node's (remote_send.c): sent there, or counted. */
	if (remote_send(from, to, topic, strlen(topic), payload, plen))
		return (json_pack("{s:b}", "ok", 1));
	if ((dst = proc_resolve(to)) == NULL || dst->kill_reason != NULL ||
	    !peer_writable(dst)) {
		broker->nundeliverable++;
		log_info("%s: undeliverable message to %s", from, to);
		return (json_pack("{s:b}", "ok", 1));
	}
	if (plen > dst->host->host.max_message_size)
		return (request_refusal(REQUEST_BAD, "payload of %zu bytes "
		    "over the max_message_size of host %s", plen,
		    dst->host->ref));
	route_message(dst, from, topic, payload, plen);
	return (json_pack("{s:b}", "ok", 1));
}

/* A send from `from`: to a process here, or over NATS to another
 * node's (remote_send.c), after the same checks. */
void
request_send_from(json_t *req, const char *from, request_done_fn done,
    void *arg)
{
	const char	*to, *topic;
	json_t		*refusal = NULL;
	char		*payload;

	if ((payload = request_send_check(req, &to, &topic, &refusal)) ==
	    NULL) {
		request_answer(done, arg, refusal);
		return;
	}
	request_answer(done, arg, request_deliver(from, to, topic, payload,
	    strlen(payload)));
	free(payload);
}

void
request_send(json_t *req, uint64_t sender, request_done_fn done, void *arg)
{
	char	from[64];

	snprintf(from, sizeof from, "{forkbox|outside|%" PRIu64 "}", sender);
	request_send_from(req, from, done, arg);
}

void
request_ps(request_done_fn done, void *arg)
{
	request_answer(done, arg, status_ps());
}

void
request_stats(request_done_fn done, void *arg)
{
	request_answer(done, arg, status_stats());
}

void
request_nodes(request_done_fn done, void *arg)
{
	request_answer(done, arg, status_nodes());
}
