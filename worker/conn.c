/*
 * The broker connection: fd 3, one input and one output evbuffer.
 *
 * Frames going out are queued in the output buffer and written in one
 * batch after each scheduler pass (conn_flush). Frames coming in are read
 * until the socket is empty and dispatched as they come, unless Lua code
 * leaves FB_UNREAD_WINDOW bytes of them untaken (unread.c): then reading
 * stops, and what follows waits in the socket and in the broker, which
 * counts it, until some is taken, or a task waits for something only the
 * broker can bring (a reply, a message on an empty mailbox channel),
 * which may be behind it. End of file means the broker is gone: the
 * process ends at once.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <jansson.h>
#include <lua.h>

#include "forkbox/proto.h"
#include "frame.h"
#include "jstr.h"
#include "log.h"
#include "sockread.h"
#include "worker.h"

/* Over this many queued bytes, senders that can wait do (sched_throttle). */
#define CONN_HIGH_WATER	(4u * 1024 * 1024)
#define CONN_LOW_WATER	(1u * 1024 * 1024)

static int		 conn_fd = -1;
static struct evbuffer	*conn_in;
static struct evbuffer	*conn_out;
static struct event	*conn_rev;
static struct event	*conn_wev;
static struct event	*conn_keepalive;
static int		 conn_dead;	/* a write failed: the broker is gone */
static int		 conn_reading;	/* conn_rev is watched */
static struct frame_room conn_room;	/* of conn_out */
static uint64_t		 conn_ref;

int
conn_init(int fd)
{
	conn_fd = fd;
	if ((conn_in = evbuffer_new()) == NULL ||
	    (conn_out = evbuffer_new()) == NULL)
		return (-1);
	return (0);
}

uint64_t
conn_next_ref(void)
{
	return (++conn_ref);
}

int
conn_lost(void)
{
	return (conn_dead);
}

int
conn_congested(void)
{
	return (evbuffer_get_length(conn_out) > CONN_HIGH_WATER);
}

/* The broker went away: nothing is left to do. */
static void __attribute__((noreturn))
conn_eof(void)
{
	log_debug("broker connection closed");
	exit(0);
}

/*
 * Read the INIT frame, blocking. Returns 0 with its envelope in *envp (the
 * caller decrefs) and a malloc'd copy of its payload in *argsp (length *argslenp),
 * or -1 with err set. The frames behind it stay buffered for conn_start.
 */
int
conn_read_init(json_t **envp, char **argsp, size_t *argslenp, char *err,
    size_t errlen)
{
	struct frame	 f;
	json_error_t	 jerr;
	const char	*cause;
	int		 r;

	for (;;) {
		r = frame_peek(conn_in, &f, FB_FRAME_MAX, FB_FRAME_MAX, &cause);
		if (r == -1) {
			snprintf(err, errlen, "bad frame from broker: %s",
			    cause);
			return (-1);
		}
		if (r == 1)
			break;
		r = (int)sockread(conn_in, conn_fd, SOCKREAD_MAX);
		if (r == 0)
			conn_eof();
		if (r == -1 && errno != EINTR) {
			snprintf(err, errlen, "read: %s", strerror(errno));
			return (-1);
		}
	}
	if (f.type != FB_INIT) {
		snprintf(err, errlen, "first frame is %s, not INIT",
		    frame_type_name(f.type));
		return (-1);
	}
	*envp = json_loadb(f.env, f.elen, 0, &jerr);
	if (*envp == NULL || !json_is_object(*envp)) {
		snprintf(err, errlen, "bad INIT envelope: %s", *envp == NULL ?
		    jerr.text : "not an object");
		json_decref(*envp);
		return (-1);
	}
	*argslenp = f.plen;
	if ((*argsp = malloc(f.plen + 1)) == NULL) {
		json_decref(*envp);
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	memcpy(*argsp, f.payload, f.plen);
	(*argsp)[f.plen] = '\0';
	frame_drain(conn_in, &f);
	return (0);
}

/*
 * The envelope of a frame, parsed. The last one is kept and reused when the
 * next frame's envelope has the same bytes, as it has for a stream of
 * messages from one sender on one topic. Returns a borrowed reference, or
 * NULL (logged) when the envelope is not a JSON object.
 */
/* The last envelope's "topic" and "from" strings (NULL when absent),
 * looked up once for a stream of messages with that envelope. */
static const char	*conn_env_topic;
static const char	*conn_env_from;
/* Counts the envelopes parsed: the same number, the same envelope. */
static uint64_t		 conn_env_gen;

static json_t *
conn_envelope(const struct frame *f)
{
	static char	*last;
	static size_t	 lastlen;
	static json_t	*lastenv;
	json_error_t	 jerr;
	json_t		*env;
	char		*copy;

	if (lastenv != NULL && f->elen == lastlen &&
	    memcmp(f->env, last, lastlen) == 0)
		return (lastenv);
	env = json_loadb(f->env, f->elen, 0, &jerr);
	if (env == NULL || !json_is_object(env)) {
		log_warnx("%s frame with a bad envelope ignored: %s",
		    frame_type_name(f->type), env == NULL ? jerr.text :
		    "not an object");
		json_decref(env);
		return (NULL);
	}
	if ((copy = malloc(f->elen)) == NULL) {
		json_decref(env);
		return (NULL);
	}
	memcpy(copy, f->env, f->elen);
	free(last);
	json_decref(lastenv);
	last = copy;
	lastlen = f->elen;
	lastenv = env;
	conn_env_topic = json_string_value(json_object_get(env, "topic"));
	conn_env_from = json_string_value(json_object_get(env, "from"));
	conn_env_gen++;
	return (env);
}

/* Hand one frame to the process module. It is in the mailbox until
 * taken (unread.c); size is its share. */
static void
conn_dispatch_one(lua_State *L, const struct frame *f)
{
	struct task	*t;
	json_t		*env;
	size_t		 size = FB_HDR_SIZE + (size_t)f->len;

	unread_add(size);
	switch (f->type) {
	case FB_MSG:
	case FB_EVENT:
	case FB_REPLY:
		break;
	default:
		unread_take(size, 1);
		log_warnx("unexpected %s frame from broker ignored",
		    frame_type_name(f->type));
		return;
	}
	if ((env = conn_envelope(f)) == NULL) {
		unread_take(size, 1);
		return;
	}
	switch (f->type) {
	case FB_MSG:
		lmessage_on_msg(L, conn_env_gen, conn_env_topic,
		    conn_env_from, f->payload, f->plen, size);
		break;
	case FB_EVENT:
		levent_on_event(L, env, f->payload, f->plen, size);
		break;
	case FB_REPLY:
		unread_take(size, 1);
		if ((t = sched_find_reply(f->ref)) == NULL) {
			log_debug("reply to unknown request %llu ignored",
			    (unsigned long long)f->ref);
			break;
		}
		lprocess_on_reply(L, t, env);
		break;
	}
	lua_settop(L, 1);
}

/*
 * Under worker_pcall: dispatch every complete frame in the input buffer.
 * A Lua error here is a memory error and ends the process.
 */
static int
conn_dispatch_l(lua_State *L)
{
	struct evbuffer_iovec	 v;
	struct frame		 f;
	const char		*cause;
	size_t			 off;
	int			 r;

	for (;;) {
		/* The frames in the first chain where they are, drained in
		 * one go; a frame across chains made contiguous first. */
		off = 0;
		r = 0;
		if (evbuffer_peek(conn_in, -1, NULL, &v, 1) >= 1)
			while ((r = frame_parse((unsigned char *)v.iov_base +
			    off, v.iov_len - off, &f, FB_FRAME_MAX,
			    FB_FRAME_MAX, &cause)) == 1) {
				conn_dispatch_one(L, &f);
				off += FB_HDR_SIZE + (size_t)f.len;
			}
		if (off > 0) {
			evbuffer_drain(conn_in, off);
			continue;
		}
		if (r == -1 || (r = frame_peek(conn_in, &f, FB_FRAME_MAX,
		    FB_FRAME_MAX, &cause)) != 1)
			break;
		conn_dispatch_one(L, &f);
		frame_drain(conn_in, &f);
	}
	if (r == -1) {
		/* The stream cannot be resynchronised. */
		log_warnx("bad frame from broker: %s", cause);
		exit(1);
	}
	return (0);
}

void
conn_dispatch(void)
{
	worker_pcall(conn_dispatch_l, NULL);
}

/* May more be read now? (Over the window, only what a task waits for
 * justifies it.) */
static int
conn_may_read(void)
{
	return (unread_held() < FB_UNREAD_WINDOW || sched_waits_broker());
}

static void
conn_read_cb(evutil_socket_t fd, short what, void *arg)
{
	ssize_t	n;

	while (conn_may_read()) {
		n = sockread(conn_in, fd, SOCKREAD_MAX);
		if (n == 0)
			conn_eof();
		if (n == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == ECONNRESET)
				conn_eof();
			log_warn("read");
			exit(1);
		}
		conn_dispatch();
		/* A short read emptied the socket: no read for EAGAIN. */
		if ((size_t)n < SOCKREAD_MAX && conn_may_read())
			return;
	}
	event_del(conn_rev);
	conn_reading = 0;
}

/* Nothing to do: the loop must still block (on this), not spin, when
 * reading is off and no task waits on a timer. */
static void
conn_keepalive_cb(evutil_socket_t fd, short what, void *arg)
{
}

static void
conn_write_cb(evutil_socket_t fd, short what, void *arg)
{
	conn_flush();
}

/* Go non-blocking and start watching the socket. */
void
conn_start(void)
{
	struct timeval	hour = { 3600, 0 };
	int		flags;

	if ((flags = fcntl(conn_fd, F_GETFL)) == -1 ||
	    fcntl(conn_fd, F_SETFL, flags | O_NONBLOCK) == -1)
		fatal("fcntl");

	conn_rev = event_new(worker.base, conn_fd, EV_READ | EV_PERSIST,
	    conn_read_cb, NULL);
	conn_wev = event_new(worker.base, conn_fd, EV_WRITE, conn_write_cb,
	    NULL);
	conn_keepalive = event_new(worker.base, -1, EV_PERSIST,
	    conn_keepalive_cb, NULL);
	if (conn_rev == NULL || conn_wev == NULL || conn_keepalive == NULL ||
	    event_add(conn_rev, NULL) != 0 ||
	    event_add(conn_keepalive, &hour) != 0)
		fatalx("cannot watch the broker socket");
	conn_reading = 1;
}

/* May a frame with an envelope of elen bytes be queued? 0, or -1 with
 * err set. */
static int
conn_may_send(size_t elen, char *err, size_t errlen)
{
	if (conn_dead) {
		snprintf(err, errlen, "broker connection lost");
		return (-1);
	}
	if (elen > FB_ENVELOPE_MAX) {
		snprintf(err, errlen, "request too large (%zu bytes of "
		    "envelope, limit %u)", elen, FB_ENVELOPE_MAX);
		return (-1);
	}
	return (0);
}

/*
 * Queue one frame with a ready envelope. Returns 0, or -1 with err set
 * ("broker connection lost", an over-size envelope or frame).
 */
int
conn_sendv(uint16_t type, uint16_t flags, uint64_t ref, const char *env,
    size_t elen, const char *payload, size_t plen, char *err, size_t errlen)
{
	if (conn_may_send(elen, err, errlen) != 0)
		return (-1);
	if (frame_room(conn_out, &conn_room, FB_HDR_SIZE + elen + plen) != 0 ||
	    frame_add(conn_out, type, flags, ref, env, elen, payload,
	    plen) != 0) {
		snprintf(err, errlen, "frame too large (%zu bytes, limit %u)",
		    elen + plen, FB_FRAME_MAX);
		return (-1);
	}
	return (0);
}

/*
 * Queue one frame whose payload is the string s as JSON, jlen bytes
 * (jstr_scan): written straight into the output buffer, with no copy of
 * it on the way. As conn_sendv otherwise.
 */
int
conn_send_string(uint16_t type, const char *env, size_t elen, const char *s,
    size_t len, size_t jlen, char *err, size_t errlen)
{
	struct evbuffer_iovec	 v;
	unsigned char		*p;

	if (conn_may_send(elen, err, errlen) != 0)
		return (-1);
	if (frame_room(conn_out, &conn_room, FB_HDR_SIZE + elen + jlen) != 0 ||
	    (p = frame_begin(conn_out, &v, type, 0, 0, env, elen, jlen)) ==
	    NULL) {
		snprintf(err, errlen, "frame too large (%zu bytes, limit %u)",
		    elen + jlen, FB_FRAME_MAX);
		return (-1);
	}
	jstr_quote((char *)p, s, len, jlen);
	return (frame_commit(conn_out, &v));
}

/* Queue one frame; env may be NULL (no envelope). */
int
conn_send(uint16_t type, uint16_t flags, uint64_t ref, json_t *env,
    const char *payload, size_t plen, char *err, size_t errlen)
{
	char	*s = NULL;
	int	 r;

	if (env != NULL && (s = json_dumps(env, JSON_COMPACT)) == NULL) {
		snprintf(err, errlen, "cannot encode the envelope");
		return (-1);
	}
	r = conn_sendv(type, flags, ref, s, s != NULL ? strlen(s) : 0,
	    payload, plen, err, errlen);
	free(s);
	return (r);
}

/* Write what is queued, as far as the socket takes it, with what Lua
 * code took since last time; read again if that reopened the window. */
void
conn_flush(void)
{
	int	n;

	unread_report(sched_idle());
	if (!conn_reading && conn_rev != NULL && conn_may_read()) {
		if (event_add(conn_rev, NULL) != 0)
			fatalx("cannot watch the broker socket");
		conn_reading = 1;
	}
	while (evbuffer_get_length(conn_out) > 0) {
		n = evbuffer_write(conn_out, conn_fd);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				event_add(conn_wev, NULL);
				break;
			}
			/* EPIPE and friends: the read side sees EOF soon. */
			conn_dead = 1;
			evbuffer_drain(conn_out, evbuffer_get_length(conn_out));
		}
	}
	if (evbuffer_get_length(conn_out) < CONN_LOW_WATER)
		sched_wake_output(worker.L);
}

/* Write everything queued, blocking: the process is about to exit. */
void
conn_flush_sync(void)
{
	int	flags, n;

	if ((flags = fcntl(conn_fd, F_GETFL)) != -1)
		(void)fcntl(conn_fd, F_SETFL, flags & ~O_NONBLOCK);
	while (!conn_dead && evbuffer_get_length(conn_out) > 0) {
		n = evbuffer_write(conn_out, conn_fd);
		if (n == -1 && errno != EINTR)
			break;
	}
}

#ifdef FORKBOX_TEST_HOOKS
/* Test hook (testhook.c): queue bytes that are not a frame. */
int
conn_write_raw(const char *s, size_t len)
{
	if (conn_dead)
		return (-1);
	return (evbuffer_add(conn_out, s, len));
}
#endif
