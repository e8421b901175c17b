/*
 * The process module: pids, spawning, messages, events, monitors, links,
 * the registry and options (spec section 2).
 *
 * Requests to the broker (spawn, monitor, register, ...) carry a fresh ref
 * and park the calling coroutine until the FB_REPLY with that ref; the
 * reply envelope, as a Lua table, is the wake value that lprocess_reply_k
 * turns into the call's results. process.send needs no reply.
 *
 * Messages and events that arrive before there is a channel for them are
 * kept in order in pending queues (Lua tables, so they count against the
 * memory limit) and moved into the channel when it is created.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "forkbox/proto.h"
#include "codec.h"
#include "log.h"
#include "worker.h"

#define LPROCESS_MSG_MT	"forkbox.message"
#define LPROCESS_ERRLEN	512

/* Registry table of the module's state, fields below. */
static char	lprocess_key;
#define LP_LISTEN	"listen"	/* topic -> channel */
#define LP_MSGMODE	"msgmode"	/* topic -> true when message mode */
#define LP_PENDING	"pending"	/* message objects nobody took yet */
#define LP_PENDEV	"pendev"	/* events before process.events() */
#define LP_INBOX	"inbox"
#define LP_EVENTS	"events"

static int	lprocess_trap_links;

/* Push the state table's field. */
static void
lprocess_state(lua_State *L, const char *field)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &lprocess_key);
	lua_getfield(L, -1, field);
	lua_remove(L, -2);
}

/* Set the state table's field to the value on top (popped). */
static void
lprocess_setstate(lua_State *L, const char *field)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &lprocess_key);
	lua_insert(L, -2);
	lua_setfield(L, -2, field);
	lua_pop(L, 1);
}

/* Push nil, message: an expected failure. */
static int
lprocess_fail(lua_State *L, const char *msg)
{
	luaL_pushfail(L);
	lua_pushstring(L, msg);
	return (2);
}

/* ---- messages ------------------------------------------------------ */

/*
 * A message object: topic, sender and raw payload bytes as user values 1-3;
 * the payload is decoded on first msg:payload() into user value 4 (or the
 * decoding error, when state is -1).
 */
struct lprocess_msg {
	int	state;		/* 0 not decoded, 1 decoded, -1 undecodable */
};

/* Push a message object for topic/from/payload. */
static void
lprocess_push_msg(lua_State *L, const char *topic, const char *from,
    const char *payload, size_t plen)
{
	struct lprocess_msg	*m;

	m = lua_newuserdatauv(L, sizeof *m, 4);
	m->state = 0;
	luaL_setmetatable(L, LPROCESS_MSG_MT);
	lua_pushstring(L, topic);
	lua_setiuservalue(L, -2, 1);
	lua_pushstring(L, from);
	lua_setiuservalue(L, -2, 2);
	if (plen > 0) {
		lua_pushlstring(L, payload, plen);
		lua_setiuservalue(L, -2, 3);
	}
}

/* Push the decoded payload of the message at idx; 0, or -1 with the
 * reason pushed instead. Never raises for a bad payload. */
static int
lprocess_msg_decode(lua_State *L, int idx)
{
	struct lprocess_msg	*m = luaL_checkudata(L, idx, LPROCESS_MSG_MT);
	char			 err[LPROCESS_ERRLEN];
	const char		*s;
	size_t			 len;

	idx = lua_absindex(L, idx);
	if (m->state == 0) {
		lua_getiuservalue(L, idx, 3);
		s = lua_tolstring(L, -1, &len);
		if (codec_decode(L, s, s != NULL ? len : 0, err,
		    sizeof err) == 0)
			m->state = 1;
		else {
			m->state = -1;
			lua_pushstring(L, err);
		}
		lua_setiuservalue(L, idx, 4);
		lua_pop(L, 1);			/* raw payload */
	}
	lua_getiuservalue(L, idx, 4);
	return (m->state == 1 ? 0 : -1);
}

static int
lprocess_msg_topic(lua_State *L)
{
	luaL_checkudata(L, 1, LPROCESS_MSG_MT);
	lua_getiuservalue(L, 1, 1);
	return (1);
}

static int
lprocess_msg_from(lua_State *L)
{
	luaL_checkudata(L, 1, LPROCESS_MSG_MT);
	lua_getiuservalue(L, 1, 2);
	return (1);
}

/* msg:payload() -> value, or nil, reason when it cannot be decoded */
static int
lprocess_msg_payload(lua_State *L)
{
	if (lprocess_msg_decode(L, 1) != 0) {
		luaL_pushfail(L);
		lua_insert(L, -2);
		return (2);
	}
	return (1);
}

static int
lprocess_msg_tostring(lua_State *L)
{
	luaL_checkudata(L, 1, LPROCESS_MSG_MT);
	lua_getiuservalue(L, 1, 1);
	lua_getiuservalue(L, 1, 2);
	lua_pushfstring(L, "message: %s from %s", lua_tostring(L, -2),
	    lua_tostring(L, -1));
	return (1);
}

/* Push the topic of the message on top. */
static const char *
lprocess_msg_topicstr(lua_State *L, int idx)
{
	const char	*s;

	lua_getiuservalue(L, idx, 1);
	s = lua_tostring(L, -1);
	lua_pop(L, 1);			/* still referenced by the message */
	return (s);
}

/*
 * Deliver the message object on top (popped) into the channel at ch, as
 * itself (message mode) or as its decoded payload. An undecodable payload
 * is logged and dropped: only message mode can show the reason.
 */
static void
lprocess_deliver(lua_State *L, int ch, int msgmode)
{
	ch = lua_absindex(L, ch);
	if (!msgmode) {
		if (lprocess_msg_decode(L, -1) != 0) {
			log_warnx("%s: message on topic \"%s\" dropped: %s",
			    worker.pid, lprocess_msg_topicstr(L, -2),
			    lua_tostring(L, -1));
			lua_pop(L, 2);
			return;
		}
		lua_remove(L, -2);		/* message object */
	}
	channel_put(L, ch);
}

/* Append the value on top (popped) to the pending queue `field`. */
static void
lprocess_queue(lua_State *L, const char *field)
{
	lprocess_state(L, field);
	lua_insert(L, -2);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 1);
}

/*
 * Walk the queue `field`: entries for which take(L, arg) (entry on top,
 * stack left as found) returns 1 are passed to put(L, arg) (entry on top,
 * popped), the others stay, in order.
 */
static void
lprocess_drain(lua_State *L, const char *field,
    int (*take)(lua_State *, void *), void (*put)(lua_State *, void *),
    void *arg)
{
	lua_Integer	i, j, n;

	lprocess_state(L, field);
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = j = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		if (take(L, arg)) {
			put(L, arg);
			continue;
		}
		lua_rawseti(L, -2, j++);
	}
	for (; j <= n; j++) {
		lua_pushnil(L);
		lua_rawseti(L, -2, j);
	}
	lua_pop(L, 1);
}

struct lprocess_move {
	const char	*topic;		/* NULL: every message */
	int		 ch;		/* absolute index of the channel */
	int		 msgmode;
};

static int
lprocess_move_take(lua_State *L, void *arg)
{
	struct lprocess_move	*mv = arg;

	return (mv->topic == NULL ||
	    strcmp(lprocess_msg_topicstr(L, -1), mv->topic) == 0);
}

static void
lprocess_move_put(lua_State *L, void *arg)
{
	struct lprocess_move	*mv = arg;

	lprocess_deliver(L, mv->ch, mv->msgmode);
}

static int
lprocess_take_all(lua_State *L, void *arg)
{
	return (1);
}

static void
lprocess_put_channel(lua_State *L, void *arg)
{
	channel_put(L, *(int *)arg);
}

/* Push the channel in state field `field`, or nothing (returns 0) when
 * there is none or it was closed by its owner. */
static int
lprocess_open_channel(lua_State *L, const char *field)
{
	lprocess_state(L, field);
	if (lua_isnil(L, -1) || channel_closed(L, -1)) {
		lua_pop(L, 1);
		return (0);
	}
	return (1);
}

/* FB_MSG from the broker: listener, else inbox, else pending. */
void
lprocess_on_msg(lua_State *L, json_t *env, const char *payload, size_t plen)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*topic, *from;
	int		 top = lua_gettop(L);

	topic = json_string_value(json_object_get(env, "topic"));
	from = json_string_value(json_object_get(env, "from"));
	if (topic == NULL || from == NULL) {
		log_warnx("MSG without topic or sender ignored");
		return;
	}
	lprocess_state(L, LP_LISTEN);
	if (lua_getfield(L, -1, topic) != LUA_TNIL) {		/* listen ch */
		if (channel_closed(L, -1)) {
			/* closed by its owner: the listener is gone */
			lua_pushnil(L);
			lua_setfield(L, -3, topic);
		} else {
			lprocess_state(L, LP_MSGMODE);
			lua_getfield(L, -1, topic);
			if (lua_toboolean(L, -1))
				lprocess_push_msg(L, topic, from, payload,
				    plen);
			else if (codec_decode(L, payload, plen, err,
			    sizeof err) != 0) {
				/* plain mode has no way to show the reason */
				log_warnx("message on topic \"%s\" from %s "
				    "dropped: %s", topic, from, err);
				lua_settop(L, top);
				return;
			}
			channel_put(L, -4);
			lua_settop(L, top);
			return;
		}
	}
	lua_settop(L, top);
	lprocess_push_msg(L, topic, from, payload, plen);	/* msg */
	if (lprocess_open_channel(L, LP_INBOX)) {
		lua_insert(L, -2);
		channel_put(L, -2);
		lua_settop(L, top);
		return;
	}
	lprocess_queue(L, LP_PENDING);
}

/* Push an event table built from an FB_EVENT. */
static void
lprocess_push_event(lua_State *L, json_t *env, const char *payload,
    size_t plen)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*keys[] = { "kind", "from", "reason", "error" };
	json_t		*v;
	size_t		 i;

	lua_createtable(L, 0, 7);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if ((v = json_object_get(env, keys[i])) != NULL &&
		    json_is_string(v)) {
			lua_pushstring(L, json_string_value(v));
			lua_setfield(L, -2, keys[i]);
		}
	}
	if ((v = json_object_get(env, "at")) != NULL && json_is_number(v)) {
		lua_pushnumber(L, json_number_value(v));
		lua_setfield(L, -2, "at");
	}
	if ((v = json_object_get(env, "deadline")) != NULL &&
	    json_is_number(v)) {
		lua_pushnumber(L, json_number_value(v));
		lua_setfield(L, -2, "deadline");
	}
	if (plen > 0) {
		if (codec_decode(L, payload, plen, err, sizeof err) == 0)
			lua_setfield(L, -2, "result");
		else
			log_warnx("%s: event result dropped: %s", worker.pid,
			    err);
	}
}

/* FB_EVENT from the broker: the events channel, else pending. */
void
lprocess_on_event(lua_State *L, json_t *env, const char *payload,
    size_t plen)
{
	lprocess_push_event(L, env, payload, plen);
	if (lprocess_open_channel(L, LP_EVENTS)) {
		lua_insert(L, -2);
		channel_put(L, -2);
		lua_pop(L, 1);
		return;
	}
	lprocess_queue(L, LP_PENDEV);
}

struct lprocess_purge {
	const char	*kind;
	const char	*from;
};

/* Keep an event unless it is `kind` from `from`. */
static int
lprocess_purge_keep(lua_State *L, void *arg)
{
	struct lprocess_purge	*p = arg;
	const char		*kind, *from;
	int			 keep;

	if (!lua_istable(L, -1))
		return (1);
	lua_getfield(L, -1, "kind");
	lua_getfield(L, -2, "from");
	kind = lua_tostring(L, -2);
	from = lua_tostring(L, -1);
	keep = kind == NULL || from == NULL || strcmp(kind, p->kind) != 0 ||
	    strcmp(from, p->from) != 0;
	lua_pop(L, 2);
	return (keep);
}

static int
lprocess_purge_take(lua_State *L, void *arg)
{
	return (!lprocess_purge_keep(L, arg));
}

static void
lprocess_purge_drop(lua_State *L, void *arg)
{
	lua_pop(L, 1);
}

/* Remove every queued, not yet received event `kind` from pid `from`. */
static void
lprocess_purge(lua_State *L, const char *kind, const char *from)
{
	struct lprocess_purge	p = { kind, from };

	lprocess_drain(L, LP_PENDEV, lprocess_purge_take, lprocess_purge_drop,
	    &p);
	lprocess_state(L, LP_EVENTS);
	if (!lua_isnil(L, -1))
		channel_filter(L, lua_gettop(L), lprocess_purge_keep, &p);
	lua_pop(L, 1);
}

/*
 * FB_REPLY for task t. After UNMONITOR/UNLINK, queued EXIT/LINK_DOWN
 * events from that pid are purged before the caller goes on, so none is
 * received after unmonitor/unlink returns.
 */
void
lprocess_on_reply(lua_State *L, struct task *t, json_t *env)
{
	const char	*pid;

	if (json_is_true(json_object_get(env, "ok")) &&
	    (t->req_type == FB_UNMONITOR || t->req_type == FB_UNLINK)) {
		const char *kind = t->req_type == FB_UNMONITOR ? FB_EV_EXIT :
		    FB_EV_LINK_DOWN;

		if ((pid = json_string_value(json_object_get(env, "pid"))) !=
		    NULL)
			lprocess_purge(L, kind, pid);
		if (t->req_dest != NULL && (pid == NULL ||
		    strcmp(pid, t->req_dest) != 0))
			lprocess_purge(L, kind, t->req_dest);
	}
	codec_push(L, env);
	sched_wake(t, L, 1);
}

/* ---- argument checks ----------------------------------------------- */

/* A string argument, strictly (no number coercion); raises otherwise. */
static const char *
lprocess_checkstring(lua_State *L, int idx, size_t *lenp)
{
	if (lua_type(L, idx) != LUA_TSTRING)
		luaL_typeerror(L, idx, "string");
	return (lua_tolstring(L, idx, lenp));
}

/* A pid: "{...}". */
static int
lprocess_ispid(const char *s, size_t len)
{
	return (len >= 2 && s[0] == '{' && s[len - 1] == '}' &&
	    memchr(s, '\0', len) == NULL);
}

/*
 * Check a destination (pid or registered name) at idx. Returns it, or NULL
 * with the reason in err.
 */
static const char *
lprocess_dest(lua_State *L, int idx, char *err, size_t errlen)
{
	const char	*s;
	size_t		 len;

	if (lua_type(L, idx) != LUA_TSTRING) {
		snprintf(err, errlen, "bad destination: pid or name expected, "
		    "got %s", luaL_typename(L, idx));
		return (NULL);
	}
	s = lua_tolstring(L, idx, &len);
	if (len == 0) {
		snprintf(err, errlen, "bad destination: empty string");
		return (NULL);
	}
	if (s[0] == '{') {
		if (!lprocess_ispid(s, len)) {
			snprintf(err, errlen, "bad destination: malformed "
			    "pid \"%.200s\"", s);
			return (NULL);
		}
		return (s);
	}
	if (len > FB_NAME_MAX || memchr(s, '\0', len) != NULL) {
		snprintf(err, errlen, "bad destination: name longer than %d "
		    "bytes or with a NUL byte", FB_NAME_MAX);
		return (NULL);
	}
	return (s);
}

/* Check a registry name at idx: NULL with err when bad. */
static const char *
lprocess_name(lua_State *L, int idx, char *err, size_t errlen)
{
	const char	*s;
	size_t		 len;

	if (lua_type(L, idx) != LUA_TSTRING) {
		snprintf(err, errlen, "bad name: string expected, got %s",
		    luaL_typename(L, idx));
		return (NULL);
	}
	s = lua_tolstring(L, idx, &len);
	if (len == 0)
		snprintf(err, errlen, "bad name: empty string");
	else if (len > FB_NAME_MAX)
		snprintf(err, errlen, "bad name: longer than %d bytes",
		    FB_NAME_MAX);
	else if (s[0] == '{')
		snprintf(err, errlen, "bad name: must not start with '{'");
	else if (memchr(s, '\0', len) != NULL)
		snprintf(err, errlen, "bad name: contains a NUL byte");
	else
		return (s);
	return (NULL);
}

/* ---- requests ------------------------------------------------------ */

/* ctx of lprocess_reply_k: request type, plus the option asked for. */
#define LP_CTX(type, opt)	((lua_KContext)(type) | ((lua_KContext)(opt) << 16))

static int
lprocess_reply_k(lua_State *L, int status, lua_KContext ctx)
{
	int	type = (int)(ctx & 0xffff);

	/* top: the reply envelope as a table */
	lua_getfield(L, -1, "ok");
	if (!lua_toboolean(L, -1)) {
		if (type == FB_UNREGISTER)
			lua_pushboolean(L, 0);
		else
			luaL_pushfail(L);
		lua_getfield(L, -3, "error");
		if (!lua_isstring(L, -1)) {
			lua_pop(L, 1);
			lua_pushliteral(L, "request refused by the broker");
		}
		return (2);
	}
	lua_pop(L, 1);
	switch (type) {
	case FB_SPAWN:
	case FB_LOOKUP:
		lua_getfield(L, -1, "pid");
		if (!lua_isstring(L, -1))
			return (lprocess_fail(L, "bad reply from the broker: "
			    "no pid"));
		return (1);
	case FB_UNREGISTER:
		lua_getfield(L, -1, "value");
		lua_pushboolean(L, lua_toboolean(L, -1));
		return (1);
	case FB_SET_OPTIONS:
		lprocess_trap_links = (int)(ctx >> 16);
		break;
	}
	lua_pushboolean(L, 1);
	return (1);
}

/*
 * Send a request and park until its reply. env and payload (malloc'd, may
 * be NULL) are consumed here, before the coroutine parks: sched_block does
 * not return. dest (a pid, or NULL) is remembered for the unmonitor/unlink
 * purge. Must be the return expression of a Lua C function.
 */
static int
lprocess_request(lua_State *L, uint16_t type, uint16_t flags, json_t *env,
    char *payload, size_t plen, const char *dest, lua_KContext ctx)
{
	struct task	*t = sched_current();
	char		 err[LPROCESS_ERRLEN];
	uint64_t	 ref = conn_next_ref();
	int		 r;

	if (env == NULL) {
		/* json_pack refuses strings that are not UTF-8 */
		free(payload);
		return (lprocess_fail(L, "bad argument: not a valid UTF-8 "
		    "string"));
	}
	r = conn_send(type, flags, ref, env, payload, plen, err, sizeof err);
	json_decref(env);
	free(payload);
	if (r != 0)
		return (lprocess_fail(L, err));
	t->req_ref = ref;
	t->req_type = type;
	free(t->req_dest);
	t->req_dest = NULL;
	if (dest != NULL && dest[0] == '{')
		t->req_dest = strdup(dest);	/* NULL is fine: no purge */
	return (sched_block(L, TASK_WAIT_REPLY, ctx, lprocess_reply_k));
}

/* spawn, spawn_monitored, spawn_linked: pid, or nil, err */
static int
lprocess_spawn_flags(lua_State *L, uint16_t flags, const char *what)
{
	char		 err[LPROCESS_ERRLEN], *args;
	const char	*entry, *host;
	size_t		 elen, hlen, alen;
	uint64_t	 max = worker.limits.max_message_size;

	entry = lprocess_checkstring(L, 1, &elen);
	host = lprocess_checkstring(L, 2, &hlen);
	sched_check_block(L, what);
	args = codec_encode_list(L, 3, lua_gettop(L) - 2, "argument", &alen,
	    err, sizeof err);
	if (args == NULL)
		return (lprocess_fail(L, err));
	if (max != 0 && alen > max) {
		free(args);
		snprintf(err, sizeof err, "arguments too large (%zu bytes, "
		    "limit %llu)", alen, (unsigned long long)max);
		return (lprocess_fail(L, err));
	}
	return (lprocess_request(L, FB_SPAWN, flags, json_pack("{s:s%,s:s%}",
	    "entry", entry, elen, "host", host, hlen), args, alen, NULL,
	    LP_CTX(FB_SPAWN, 0)));
}

static int
lprocess_spawn(lua_State *L)
{
	return (lprocess_spawn_flags(L, 0, "process.spawn"));
}

static int
lprocess_spawn_monitored(lua_State *L)
{
	return (lprocess_spawn_flags(L, FB_F_MONITOR,
	    "process.spawn_monitored"));
}

static int
lprocess_spawn_linked(lua_State *L)
{
	return (lprocess_spawn_flags(L, FB_F_LINK, "process.spawn_linked"));
}

/* monitor, unmonitor, link, unlink, terminate: true, or nil, err */
static int
lprocess_dest_request(lua_State *L, uint16_t type, const char *what)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*dest;
	size_t		 len;

	if ((dest = lprocess_dest(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	sched_check_block(L, what);
	lua_tolstring(L, 1, &len);
	return (lprocess_request(L, type, 0, json_pack("{s:s%}", "dest", dest,
	    len), NULL, 0, dest, LP_CTX(type, 0)));
}

static int
lprocess_monitor(lua_State *L)
{
	return (lprocess_dest_request(L, FB_MONITOR, "process.monitor"));
}

static int
lprocess_unmonitor(lua_State *L)
{
	return (lprocess_dest_request(L, FB_UNMONITOR, "process.unmonitor"));
}

static int
lprocess_link(lua_State *L)
{
	return (lprocess_dest_request(L, FB_LINK, "process.link"));
}

static int
lprocess_unlink(lua_State *L)
{
	return (lprocess_dest_request(L, FB_UNLINK, "process.unlink"));
}

static int
lprocess_terminate(lua_State *L)
{
	return (lprocess_dest_request(L, FB_TERMINATE, "process.terminate"));
}

/* process.cancel(dest [, deadline]): deadline "5s" or ms, default 5s */
static int
lprocess_cancel(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*dest;
	size_t		 len;
	int64_t		 usec = 5 * 1000000;

	if (!lua_isnoneornil(L, 2))
		usec = ltime_checkduration(L, 2);
	if ((dest = lprocess_dest(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	sched_check_block(L, "process.cancel");
	lua_tolstring(L, 1, &len);
	return (lprocess_request(L, FB_CANCEL, 0, json_pack("{s:s%,s:I}",
	    "dest", dest, len, "deadline_ms", (json_int_t)((usec + 999) /
	    1000)), NULL, 0, NULL, LP_CTX(FB_CANCEL, 0)));
}

/* process.registry.register(name [, pid]): true, or nil, err */
static int
lprocess_register(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*name, *pid;
	size_t		 len;
	json_t		*env;

	if ((name = lprocess_name(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	if (!lua_isnoneornil(L, 2)) {
		if (lua_type(L, 2) != LUA_TSTRING ||
		    !lprocess_ispid(lua_tostring(L, 2), lua_rawlen(L, 2)))
			return (lprocess_fail(L, "bad pid: not a pid"));
		pid = lua_tolstring(L, 2, &len);
	} else
		pid = NULL;
	sched_check_block(L, "process.registry.register");
	if (pid != NULL)
		env = json_pack("{s:s,s:s%}", "name", name, "pid", pid, len);
	else
		env = json_pack("{s:s}", "name", name);
	return (lprocess_request(L, FB_REGISTER, 0, env, NULL, 0, NULL,
	    LP_CTX(FB_REGISTER, 0)));
}

/* process.registry.lookup(name): pid, or nil, err */
static int
lprocess_lookup(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*name;

	if ((name = lprocess_name(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	sched_check_block(L, "process.registry.lookup");
	return (lprocess_request(L, FB_LOOKUP, 0, json_pack("{s:s}", "name",
	    name), NULL, 0, NULL, LP_CTX(FB_LOOKUP, 0)));
}

/* process.registry.unregister(name): true, or false when not registered */
static int
lprocess_unregister(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*name;

	if ((name = lprocess_name(L, 1, err, sizeof err)) == NULL) {
		lua_pushboolean(L, 0);
		lua_pushstring(L, err);
		return (2);
	}
	sched_check_block(L, "process.registry.unregister");
	return (lprocess_request(L, FB_UNREGISTER, 0, json_pack("{s:s}",
	    "name", name), NULL, 0, NULL, LP_CTX(FB_UNREGISTER, 0)));
}

/* process.set_options{trap_links = bool}: true, or nil, err */
static int
lprocess_set_options(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	int		 trap = -1;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		if (lua_type(L, -2) != LUA_TSTRING ||
		    strcmp(lua_tostring(L, -2), "trap_links") != 0) {
			snprintf(err, sizeof err, "unknown option %s",
			    lua_type(L, -2) == LUA_TSTRING ?
			    lua_tostring(L, -2) : luaL_typename(L, -2));
			return (lprocess_fail(L, err));
		}
		if (lua_type(L, -1) != LUA_TBOOLEAN) {
			snprintf(err, sizeof err, "option trap_links: boolean "
			    "expected, got %s", luaL_typename(L, -1));
			return (lprocess_fail(L, err));
		}
		trap = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	if (trap == -1) {
		lua_pushboolean(L, 1);
		return (1);
	}
	sched_check_block(L, "process.set_options");
	return (lprocess_request(L, FB_SET_OPTIONS, 0, json_pack("{s:b}",
	    "trap_links", trap), NULL, 0, NULL, LP_CTX(FB_SET_OPTIONS, trap)));
}

static int
lprocess_get_options(lua_State *L)
{
	lua_createtable(L, 0, 1);
	lua_pushboolean(L, lprocess_trap_links);
	lua_setfield(L, -2, "trap_links");
	return (1);
}

/* ---- messages out, channels in ------------------------------------- */

/*
 * The SEND envelope for dest and topic. The last one is kept: a process
 * usually sends many messages to one place, and building the JSON is most
 * of what a send costs. Returns NULL when a string is not valid UTF-8.
 */
static const char *
lprocess_send_env(const char *dest, size_t dlen, const char *topic,
    size_t tlen, size_t *elenp)
{
	static char	*c_dest, *c_topic, *c_env;
	static size_t	 c_dlen, c_tlen, c_elen;
	json_t		*j;
	char		*env, *d, *t;

	if (c_env != NULL && dlen == c_dlen && tlen == c_tlen &&
	    memcmp(dest, c_dest, dlen) == 0 &&
	    memcmp(topic, c_topic, tlen) == 0) {
		*elenp = c_elen;
		return (c_env);
	}
	if ((j = json_pack("{s:s%,s:s%}", "to", dest, dlen, "topic", topic,
	    tlen)) == NULL)
		return (NULL);
	env = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	d = malloc(dlen + 1);
	t = malloc(tlen + 1);
	if (env == NULL || d == NULL || t == NULL) {
		free(env);
		free(d);
		free(t);
		return (NULL);
	}
	memcpy(d, dest, dlen);
	memcpy(t, topic, tlen);
	free(c_env);
	free(c_dest);
	free(c_topic);
	c_env = env;
	c_dest = d;
	c_topic = t;
	c_dlen = dlen;
	c_tlen = tlen;
	c_elen = strlen(env);
	*elenp = c_elen;
	return (c_env);
}

/*
 * process.send(dest, topic, ...): each value one message, none at all one
 * message with a nil payload. All values are encoded and checked before any
 * is queued. true, or nil, err.
 */
static int
lprocess_send(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN], **pl;
	const char	*dest, *topic, *env;
	size_t		 dlen, tlen, elen, *plen;
	uint64_t	 max = worker.limits.max_message_size;
	int		 i, n = lua_gettop(L) - 2, r = 0;

	if ((dest = lprocess_dest(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	lua_tolstring(L, 1, &dlen);
	if (lua_type(L, 2) != LUA_TSTRING || lua_rawlen(L, 2) == 0)
		return (lprocess_fail(L, "bad topic: non-empty string "
		    "expected"));
	topic = lua_tolstring(L, 2, &tlen);
	if (conn_lost())
		return (lprocess_fail(L, "broker connection lost"));
	if ((env = lprocess_send_env(dest, dlen, topic, tlen, &elen)) == NULL)
		return (lprocess_fail(L, "bad destination or topic: not a "
		    "valid UTF-8 string"));

	if (n <= 0)
		r = conn_sendv(FB_SEND, 0, 0, env, elen, NULL, 0, err,
		    sizeof err);
	else if (n == 1) {
		/* the common case, without the arrays */
		char	*p;
		size_t	 len;

		if ((p = codec_encode(L, 3, "payload", &len, err,
		    sizeof err)) == NULL)
			r = -1;
		else if (max != 0 && len > max) {
			snprintf(err, sizeof err, "message too large (%zu "
			    "bytes, limit %llu)", len, (unsigned long long)max);
			r = -1;
		} else
			r = conn_sendv(FB_SEND, 0, 0, env, elen, p, len, err,
			    sizeof err);
		free(p);
	} else {
		if ((pl = calloc(n, sizeof *pl)) == NULL ||
		    (plen = calloc(n, sizeof *plen)) == NULL) {
			free(pl);
			return (lprocess_fail(L, "not enough memory"));
		}
		for (i = 0; i < n && r == 0; i++) {
			if ((pl[i] = codec_encode(L, 3 + i, "payload",
			    &plen[i], err, sizeof err)) == NULL)
				r = -1;
			else if (max != 0 && plen[i] > max) {
				snprintf(err, sizeof err, "message too large "
				    "(%zu bytes, limit %llu)", plen[i],
				    (unsigned long long)max);
				r = -1;
			}
		}
		for (i = 0; i < n && r == 0; i++)
			r = conn_sendv(FB_SEND, 0, 0, env, elen, pl[i],
			    plen[i], err, sizeof err);
		for (i = 0; i < n; i++)
			free(pl[i]);
		free(pl);
		free(plen);
	}
	if (r != 0)
		return (lprocess_fail(L, err));
	return (sched_throttle(L, 1));
}

/* process.listen(topic [, {message = true}]) -> channel */
static int
lprocess_listen(lua_State *L)
{
	struct lprocess_move	 mv;
	const char		*topic;
	size_t			 len;
	int			 msgmode = 0, old;

	topic = lprocess_checkstring(L, 1, &len);
	luaL_argcheck(L, len > 0, 1, "empty topic");
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		lua_getfield(L, 2, "message");
		msgmode = lua_toboolean(L, -1);
	}
	lua_settop(L, 1);
	lprocess_state(L, LP_LISTEN);				/* 2 */
	lprocess_state(L, LP_MSGMODE);				/* 3 */
	lua_getfield(L, 2, topic);				/* 4 */
	if (!lua_isnil(L, -1) && !channel_closed(L, -1)) {
		lua_getfield(L, 3, topic);
		old = lua_toboolean(L, -1);
		lua_pop(L, 1);
		if (old != msgmode)
			return (luaL_error(L, "process.listen: topic \"%s\" "
			    "is already listened to %s {message = true}",
			    topic, old ? "with" : "without"));
		return (1);
	}
	lua_pop(L, 1);
	channel_push_new(L, CHANNEL_UNBOUNDED);			/* 4 */
	lua_pushvalue(L, 4);
	lua_setfield(L, 2, topic);
	lua_pushboolean(L, msgmode);
	lua_setfield(L, 3, topic);

	mv.topic = topic;
	mv.ch = 4;
	mv.msgmode = msgmode;
	lprocess_drain(L, LP_PENDING, lprocess_move_take, lprocess_move_put,
	    &mv);
	return (1);
}

/* process.unlisten(ch) -> true; a listener's channel is closed (its
 * buffered messages can still be received). */
static int
lprocess_unlisten(lua_State *L)
{
	channel_closed(L, 1);			/* checks it is a channel */
	lua_settop(L, 1);
	lprocess_state(L, LP_LISTEN);				/* 2 */
	lua_pushnil(L);
	while (lua_next(L, 2) != 0) {
		if (lua_rawequal(L, -1, 1)) {
			channel_close_at(L, 1);
			lua_pop(L, 1);			/* topic on top */
			lua_pushvalue(L, -1);
			lua_pushnil(L);
			lua_settable(L, 2);
			lprocess_state(L, LP_MSGMODE);
			lua_insert(L, -2);
			lua_pushnil(L);
			lua_settable(L, -3);
			break;
		}
		lua_pop(L, 1);
	}
	lua_pushboolean(L, 1);
	return (1);
}

/* process.inbox() -> the same channel every call */
static int
lprocess_inbox(lua_State *L)
{
	struct lprocess_move	mv;

	lprocess_state(L, LP_INBOX);
	if (!lua_isnil(L, -1))
		return (1);
	lua_pop(L, 1);
	channel_push_new(L, CHANNEL_UNBOUNDED);
	lua_pushvalue(L, -1);
	lprocess_setstate(L, LP_INBOX);
	mv.topic = NULL;
	mv.ch = lua_gettop(L);
	mv.msgmode = 1;
	lprocess_drain(L, LP_PENDING, lprocess_move_take, lprocess_move_put,
	    &mv);
	return (1);
}

/* process.events() -> the same channel every call */
static int
lprocess_events(lua_State *L)
{
	int	ch;

	lprocess_state(L, LP_EVENTS);
	if (!lua_isnil(L, -1))
		return (1);
	lua_pop(L, 1);
	channel_push_new(L, CHANNEL_UNBOUNDED);
	lua_pushvalue(L, -1);
	lprocess_setstate(L, LP_EVENTS);
	ch = lua_gettop(L);
	lprocess_drain(L, LP_PENDEV, lprocess_take_all, lprocess_put_channel,
	    &ch);
	return (1);
}

static int
lprocess_pid(lua_State *L)
{
	lua_pushstring(L, worker.pid);
	return (1);
}

/* Test hook (FORKBOX_TEST_HOOKS=1 only): bytes to the broker, unframed. */
static int
lprocess_test_write_raw(lua_State *L)
{
	size_t		 len;
	const char	*s = luaL_checklstring(L, 1, &len);

	if (conn_write_raw(s, len) != 0)
		return (lprocess_fail(L, "broker connection lost"));
	lua_pushboolean(L, 1);
	return (1);
}

/* Test hook: this worker's OS pid. */
static int
lprocess_test_ospid(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)getpid());
	return (1);
}

/* Test hook: process._test_syscall(name [, a [, b]]) makes one raw system
 * call (isolate_test_call); its result, or nil and the errno text. */
static int
lprocess_test_syscall(lua_State *L)
{
	const char	*name = luaL_checkstring(L, 1);
	long		 r;

	r = isolate_test_call(name, (long)luaL_optinteger(L, 2, 0),
	    (long)luaL_optinteger(L, 3, 0));
	if (r == -1)
		return (lprocess_fail(L, strerror(errno)));
	lua_pushinteger(L, r);
	return (1);
}

static const luaL_Reg lprocess_msg_methods[] = {
	{ "topic", lprocess_msg_topic },
	{ "payload", lprocess_msg_payload },
	{ "from", lprocess_msg_from },
	{ NULL, NULL }
};

static const luaL_Reg lprocess_funcs[] = {
	{ "pid", lprocess_pid },
	{ "spawn", lprocess_spawn },
	{ "spawn_monitored", lprocess_spawn_monitored },
	{ "spawn_linked", lprocess_spawn_linked },
	{ "send", lprocess_send },
	{ "listen", lprocess_listen },
	{ "unlisten", lprocess_unlisten },
	{ "inbox", lprocess_inbox },
	{ "events", lprocess_events },
	{ "monitor", lprocess_monitor },
	{ "unmonitor", lprocess_unmonitor },
	{ "link", lprocess_link },
	{ "unlink", lprocess_unlink },
	{ "terminate", lprocess_terminate },
	{ "cancel", lprocess_cancel },
	{ "set_options", lprocess_set_options },
	{ "get_options", lprocess_get_options },
	{ NULL, NULL }
};

static const luaL_Reg lprocess_registry_funcs[] = {
	{ "register", lprocess_register },
	{ "lookup", lprocess_lookup },
	{ "unregister", lprocess_unregister },
	{ NULL, NULL }
};

int
luaopen_process(lua_State *L)
{
	/* state */
	lua_createtable(L, 0, 6);
	lua_newtable(L);
	lua_setfield(L, -2, LP_LISTEN);
	lua_newtable(L);
	lua_setfield(L, -2, LP_MSGMODE);
	lua_newtable(L);
	lua_setfield(L, -2, LP_PENDING);
	lua_newtable(L);
	lua_setfield(L, -2, LP_PENDEV);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &lprocess_key);

	if (luaL_newmetatable(L, LPROCESS_MSG_MT)) {
		lua_pushcfunction(L, lprocess_msg_tostring);
		lua_setfield(L, -2, "__tostring");
		luaL_newlib(L, lprocess_msg_methods);
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);

	luaL_newlib(L, lprocess_funcs);
	luaL_newlib(L, lprocess_registry_funcs);
	lua_setfield(L, -2, "registry");
	lua_createtable(L, 0, 3);
	lua_pushliteral(L, FB_EV_EXIT);
	lua_setfield(L, -2, "EXIT");
	lua_pushliteral(L, FB_EV_LINK_DOWN);
	lua_setfield(L, -2, "LINK_DOWN");
	lua_pushliteral(L, FB_EV_CANCEL);
	lua_setfield(L, -2, "CANCEL");
	lua_setfield(L, -2, "event");
	if (worker.test_hooks) {
		lua_pushcfunction(L, lprocess_test_write_raw);
		lua_setfield(L, -2, "_test_write_raw");
		lua_pushcfunction(L, lprocess_test_ospid);
		lua_setfield(L, -2, "_test_ospid");
		lua_pushcfunction(L, lprocess_test_syscall);
		lua_setfield(L, -2, "_test_syscall");
	}
	return (1);
}
