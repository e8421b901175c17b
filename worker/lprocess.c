/*
 * The process module: the module table, pids, spawning, sending, monitors,
 * links, termination and options (spec section 2); the state table and
 * pending queues the rest of the module shares; the requests to the
 * broker. Messages in are lmessage.c, events levent.c, the registry
 * lregistry.c.
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
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "forkbox/proto.h"
#include "codec.h"
#include "jstr.h"
#include "natsdest.h"
#include "worker.h"

/*
 * Registry table of the module's state: each file keeps its own fields
 * (listen, inbox, pending queues, ...) in it.
 */
static char	lprocess_key;

static int	lprocess_trap_links;

/* Push the state table's field. */
void
lprocess_state(lua_State *L, const char *field)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &lprocess_key);
	lua_getfield(L, -1, field);
	lua_remove(L, -2);
}

/* Set the state table's field to the value on top (popped). */
void
lprocess_setstate(lua_State *L, const char *field)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &lprocess_key);
	lua_insert(L, -2);
	lua_setfield(L, -2, field);
	lua_pop(L, 1);
}

/* Push nil, message: an expected failure. */
int
lprocess_fail(lua_State *L, const char *msg)
{
	luaL_pushfail(L);
	lua_pushstring(L, msg);
	return (2);
}

/* ---- pending queues ------------------------------------------------ */

/*
 * Put the value on top (popped), which came in a frame of `size` bytes
 * (unread.c), into the channel in state field chfield; when there is
 * none, or its owner closed it, append it to the pending queue qfield
 * instead. A queue holds pairs: value, size.
 */
void
lprocess_post(lua_State *L, const char *chfield, const char *qfield,
    size_t size)
{
	lua_Integer	n;

	lprocess_state(L, chfield);
	if (!lua_isnil(L, -1) && !channel_closed(L, -1)) {
		lua_insert(L, -2);
		channel_put(L, -2, size);
		lua_pop(L, 1);			/* channel */
		return;
	}
	lua_pop(L, 1);
	lprocess_state(L, qfield);
	lua_insert(L, -2);
	n = (lua_Integer)lua_rawlen(L, -2);
	lua_rawseti(L, -2, n + 1);
	lua_pushinteger(L, (lua_Integer)size);
	lua_rawseti(L, -2, n + 2);
	lua_pop(L, 1);				/* queue */
}

/*
 * Walk the queue `field`: entries for which take(L, arg) (entry on top,
 * stack left as found) returns 1 are passed to put(L, arg, size) (entry
 * on top, popped; size its frame's), the others stay, in order.
 */
void
lprocess_drain(lua_State *L, const char *field,
    int (*take)(lua_State *, void *),
    void (*put)(lua_State *, void *, size_t), void *arg)
{
	lua_Integer	i, j, n;
	size_t		size;

	lprocess_state(L, field);
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = j = 1; i + 1 <= n; i += 2) {
		lua_rawgeti(L, -1, i + 1);
		size = (size_t)lua_tointeger(L, -1);
		lua_pop(L, 1);
		lua_rawgeti(L, -1, i);
		if (take(L, arg)) {
			put(L, arg, size);
			continue;
		}
		lua_rawseti(L, -2, j);
		lua_pushinteger(L, (lua_Integer)size);
		lua_rawseti(L, -2, j + 1);
		j += 2;
	}
	for (; j <= n; j++) {
		lua_pushnil(L);
		lua_rawseti(L, -2, j);
	}
	lua_pop(L, 1);
}

/*
 * Push the channel in state field `field`, made on first use. Returns 1
 * when it was just made (the caller moves its pending queue in), else 0.
 */
int
lprocess_channel(lua_State *L, const char *field)
{
	lprocess_state(L, field);
	if (!lua_isnil(L, -1))
		return (0);
	lua_pop(L, 1);
	channel_push_mail(L);
	lua_pushvalue(L, -1);
	lprocess_setstate(L, field);
	return (1);
}

/* ---- frames from the broker (conn.c) ------------------------------- */

/* FB_REPLY for task t: wake it with the reply envelope. */
void
lprocess_on_reply(lua_State *L, struct task *t, json_t *env)
{
	if (json_is_true(json_object_get(env, "ok")) &&
	    (t->req_type == FB_UNMONITOR || t->req_type == FB_UNLINK))
		levent_purge_reply(L, t->req_type, env, t->req_dest);
	codec_push(L, env);
	sched_wake(t, L, 1);
}

/* ---- argument checks ----------------------------------------------- */

/* A string argument, strictly (no number coercion); raises otherwise. */
const char *
lprocess_checkstring(lua_State *L, int idx, size_t *lenp)
{
	if (lua_type(L, idx) != LUA_TSTRING)
		luaL_typeerror(L, idx, "string");
	return (lua_tolstring(L, idx, lenp));
}

/*
 * A string the broker looks up by name (a spawn's entry or host, a topic):
 * NULL with the reason in err when it holds a NUL byte, which no name can
 * and the envelope must not carry.
 */
static const char *
lprocess_nonul(const char *s, size_t len, const char *what, char *err,
    size_t errlen)
{
	if (memchr(s, '\0', len) != NULL) {
		snprintf(err, errlen, "bad %s: contains a NUL byte", what);
		return (NULL);
	}
	return (s);
}

/* A pid: "{...}". */
int
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
	const char	*s, *subject;
	size_t		 len, slen;

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
	if (natsdest_is(s, len) && !natsdest_valid(s, len, &subject,
	    &slen)) {
		snprintf(err, errlen, "bad destination: a process may send to "
		    "NATS only on a reply subject {nats|_INBOX.…}, not "
		    "\"%.200s\"", s);
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

/* ---- requests ------------------------------------------------------ */

/* ctx of lprocess_reply_k: request type, plus the option asked for. */
#define LPROCESS_CTX(type, opt) \
	((lua_KContext)(type) | ((lua_KContext)(opt) << 16))

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
	case FB_NODES:
		lua_getfield(L, -1, "nodes");
		if (!lua_istable(L, -1))
			return (lprocess_fail(L, "bad reply from the broker: "
			    "no nodes"));
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
 * purge; opt is the option asked for (set_options), 0 otherwise. Must be
 * the return expression of a Lua C function.
 */
int
lprocess_request(lua_State *L, uint16_t type, uint16_t flags, json_t *env,
    char *payload, size_t plen, const char *dest, int opt)
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
	return (sched_block(L, TASK_WAIT_REPLY, LPROCESS_CTX(type, opt),
	    lprocess_reply_k));
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
	if (lprocess_nonul(entry, elen, "entry", err, sizeof err) == NULL ||
	    lprocess_nonul(host, hlen, "host", err, sizeof err) == NULL)
		return (lprocess_fail(L, err));
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
	    "entry", entry, elen, "host", host, hlen), args, alen, NULL, 0));
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
	    len), NULL, 0, dest, 0));
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
	    1000)), NULL, 0, NULL, 0));
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
	    "trap_links", trap), NULL, 0, NULL, trap));
}

static int
lprocess_get_options(lua_State *L)
{
	lua_createtable(L, 0, 1);
	lua_pushboolean(L, lprocess_trap_links);
	lua_setfield(L, -2, "trap_links");
	return (1);
}

/* ---- messages out -------------------------------------------------- */

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
 * Encode the value at idx as a message payload within the size limit:
 * malloc'd bytes, or NULL with the reason in err.
 */
/* A payload of len bytes is over the host's max_message_size: 1 with
 * err set, else 0. */
static int
lprocess_too_large(size_t len, char *err, size_t errlen)
{
	uint64_t	max = worker.limits.max_message_size;

	if (max == 0 || len <= max)
		return (0);
	snprintf(err, errlen, "message too large (%zu bytes, limit %llu)",
	    len, (unsigned long long)max);
	return (1);
}

static char *
lprocess_encode(lua_State *L, int idx, size_t *lenp, char *err,
    size_t errlen)
{
	char	*p;

	if ((p = codec_encode(L, idx, "payload", lenp, err, errlen)) == NULL)
		return (NULL);
	if (lprocess_too_large(*lenp, err, errlen)) {
		free(p);
		return (NULL);
	}
	return (p);
}

/*
 * Whether dest is on another node than ours (a pid with its @node, or
 * name@node or name@*): what crosses nodes must fit in one NATS message
 * (worker.node_max), less than a local message may hold.
 */
static int
lprocess_dest_remote(const char *dest, size_t len)
{
	const char	*at, *end = dest + len;
	size_t		 i, nlen;

	if (worker.node == NULL || len < 3)
		return (0);
	if (dest[0] == '{')
		end--;				/* the closing brace */
	for (at = end - 1; at > dest && *at != '@'; at--)
		/* nothing */;
	if (at <= dest)
		return (0);
	nlen = (size_t)(end - at - 1);
	if (nlen == 1 && at[1] == '*')
		return (1);
	if (nlen == 0 || nlen > 64)
		return (0);
	for (i = 1; i <= nlen; i++)
		if (!isalnum((unsigned char)at[i]) && at[i] != '_' &&
		    at[i] != '-')
			return (0);
	return (nlen != strlen(worker.node) ||
	    memcmp(at + 1, worker.node, nlen) != 0);
}

/* A message to another node that could not cross: refused here, with
 * the reason, rather than dropped on the way. */
static int
lprocess_too_far(const char *dest, size_t dlen, size_t elen, size_t plen,
    char *err, size_t errlen)
{
	size_t	size = elen + plen + strlen(worker.pid);

	if (worker.node_max == 0 || size <= worker.node_max ||
	    !lprocess_dest_remote(dest, dlen))
		return (0);
	snprintf(err, errlen, "message too large for another node (%zu "
	    "bytes; the cluster's NATS max_payload allows %llu)", size,
	    (unsigned long long)worker.node_max);
	return (1);
}

/* Is the value at idx a string that is valid UTF-8? 1 with it, its
 * length and its JSON's length (quotes and escapes), else 0: then
 * codec_encode takes it, and says what is wrong. */
static int
lprocess_string(lua_State *L, int idx, const char **sp, size_t *lenp,
    size_t *jlenp)
{
	size_t	extra;

	if (lua_type(L, idx) != LUA_TSTRING)
		return (0);
	*sp = lua_tolstring(L, idx, lenp);
	if (*lenp > (SIZE_MAX - 3) / 6 || jstr_scan(*sp, *lenp, &extra) != 0)
		return (0);
	*jlenp = *lenp + extra + 2;
	return (1);
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
	const char	*dest, *topic, *env, *s;
	size_t		 dlen, tlen, elen, *plen, len, jlen;
	int		 i, n = lua_gettop(L) - 2, r = 0;

	if ((dest = lprocess_dest(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	lua_tolstring(L, 1, &dlen);
	if (lua_type(L, 2) != LUA_TSTRING || lua_rawlen(L, 2) == 0)
		return (lprocess_fail(L, "bad topic: non-empty string "
		    "expected"));
	topic = lua_tolstring(L, 2, &tlen);
	if (lprocess_nonul(topic, tlen, "topic", err, sizeof err) == NULL)
		return (lprocess_fail(L, err));
	if (conn_lost())
		return (lprocess_fail(L, "broker connection lost"));
	if ((env = lprocess_send_env(dest, dlen, topic, tlen, &elen)) == NULL)
		return (lprocess_fail(L, "bad destination or topic: not a "
		    "valid UTF-8 string"));

	if (n <= 0)
		r = conn_sendv(FB_SEND, 0, 0, env, elen, NULL, 0, err,
		    sizeof err);
	else if (n == 1 && lprocess_string(L, 3, &s, &len, &jlen)) {
		/* a string: its JSON written straight into the output */
		if (lprocess_too_large(jlen, err, sizeof err) ||
		    lprocess_too_far(dest, dlen, elen, jlen, err, sizeof err))
			r = -1;
		else
			r = conn_send_string(FB_SEND, env, elen, s, len, jlen,
			    err, sizeof err);
	} else if (n == 1) {
		/* the common case, without the arrays */
		char	*p;

		if ((p = lprocess_encode(L, 3, &len, err, sizeof err)) == NULL ||
		    lprocess_too_far(dest, dlen, elen, len, err, sizeof err))
			r = -1;
		else
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
			if ((pl[i] = lprocess_encode(L, 3 + i, &plen[i], err,
			    sizeof err)) == NULL ||
			    lprocess_too_far(dest, dlen, elen, plen[i], err,
			    sizeof err))
				r = -1;
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

static int
lprocess_pid(lua_State *L)
{
	lua_pushstring(L, worker.pid);
	return (1);
}

/* The node's name, nil when the broker is not a node. */
static int
lprocess_node(lua_State *L)
{
	if (worker.node == NULL)
		lua_pushnil(L);
	else
		lua_pushstring(L, worker.node);
	return (1);
}

/* The live nodes, own included, sorted: the broker knows them. Not a
 * node: an empty table, without asking. */
static int
lprocess_nodes(lua_State *L)
{
	if (worker.node == NULL) {
		lua_newtable(L);
		return (1);
	}
	return (lprocess_request(L, FB_NODES, 0, json_object(), NULL, 0,
	    NULL, 0));
}

static const luaL_Reg lprocess_funcs[] = {
	{ "pid", lprocess_pid },
	{ "node", lprocess_node },
	{ "nodes", lprocess_nodes },
	{ "spawn", lprocess_spawn },
	{ "spawn_monitored", lprocess_spawn_monitored },
	{ "spawn_linked", lprocess_spawn_linked },
	{ "send", lprocess_send },
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

int
luaopen_process(lua_State *L)
{
	lua_createtable(L, 0, 6);			/* state */
	lua_rawsetp(L, LUA_REGISTRYINDEX, &lprocess_key);

	luaL_newlib(L, lprocess_funcs);
	lmessage_open(L);
	levent_open(L);
	lregistry_open(L);
#ifdef FORKBOX_TEST_HOOKS
	testhook_open(L);		/* the test build only */
#endif
	return (1);
}
