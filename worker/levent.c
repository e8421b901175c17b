/*
 * Events in: process.events, the process.event kinds and the delivery of
 * FB_EVENT (spec section 2).
 *
 * An event goes to the events channel, else to the pending queue until
 * process.events() creates the channel. After unmonitor/unlink the events
 * from that pid not yet received are purged from both.
 */
#include "config.h"

#include <string.h>

#include <jansson.h>
#include <lua.h>

#include "forkbox/proto.h"
#include "codec.h"
#include "log.h"
#include "worker.h"

/* Fields of the process module's state table. */
#define LEVENT_PENDING	"pendev"	/* events before process.events() */
#define LEVENT_CHANNEL	"events"

/* Push an event table built from an FB_EVENT. */
static void
levent_push(lua_State *L, json_t *env, const char *payload, size_t plen)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*keys[] = { "kind", "from", "reason", "error", "output" };
	json_t		*v;
	size_t		 i;

	lua_createtable(L, 0, 8);
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

/* FB_EVENT from the broker, in a frame of size bytes: the events
 * channel, else pending. */
void
levent_on_event(lua_State *L, json_t *env, const char *payload, size_t plen,
    size_t size)
{
	levent_push(L, env, payload, plen);
	lprocess_post(L, LEVENT_CHANNEL, LEVENT_PENDING, size);
}

struct levent_purge {
	const char	*kind;
	const char	*from;
};

/* Keep an event unless it is `kind` from `from`. */
static int
levent_purge_keep(lua_State *L, void *arg)
{
	struct levent_purge	*p = arg;
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
levent_purge_take(lua_State *L, void *arg)
{
	return (!levent_purge_keep(L, arg));
}

static void
levent_purge_drop(lua_State *L, void *arg, size_t size)
{
	lua_pop(L, 1);
	unread_take(size, 1);
}

/* Remove every queued, not yet received event `kind` from pid `from`. */
static void
levent_purge(lua_State *L, const char *kind, const char *from)
{
	struct levent_purge	p = { kind, from };

	lprocess_drain(L, LEVENT_PENDING, levent_purge_take, levent_purge_drop,
	    &p);
	lprocess_state(L, LEVENT_CHANNEL);
	if (!lua_isnil(L, -1))
		channel_filter(L, lua_gettop(L), levent_purge_keep, &p);
	lua_pop(L, 1);
}

/*
 * The broker granted UNMONITOR or UNLINK (type), whose reply is env, for
 * dest (a pid, or NULL): purge the queued EXIT or LINK_DOWN events from
 * that pid, so none is received after unmonitor/unlink returns.
 */
void
levent_purge_reply(lua_State *L, uint16_t type, json_t *env,
    const char *dest)
{
	const char	*kind, *pid;

	kind = type == FB_UNMONITOR ? FB_EV_EXIT : FB_EV_LINK_DOWN;
	if ((pid = json_string_value(json_object_get(env, "pid"))) != NULL)
		levent_purge(L, kind, pid);
	if (dest != NULL && (pid == NULL || strcmp(pid, dest) != 0))
		levent_purge(L, kind, dest);
}

static int
levent_take_all(lua_State *L, void *arg)
{
	return (1);
}

static void
levent_put_channel(lua_State *L, void *arg, size_t size)
{
	channel_put(L, *(int *)arg, size);
}

/* process.events() -> the same channel every call */
static int
levent_events(lua_State *L)
{
	int	ch;

	if (lprocess_channel(L, LEVENT_CHANNEL)) {
		ch = lua_gettop(L);
		lprocess_drain(L, LEVENT_PENDING, levent_take_all,
		    levent_put_channel, &ch);
	}
	return (1);
}

/* Add process.events and process.event to the module table on top. */
void
levent_open(lua_State *L)
{
	lua_newtable(L);
	lprocess_setstate(L, LEVENT_PENDING);

	lua_pushcfunction(L, levent_events);
	lua_setfield(L, -2, "events");
	lua_createtable(L, 0, 3);
	lua_pushliteral(L, FB_EV_EXIT);
	lua_setfield(L, -2, "EXIT");
	lua_pushliteral(L, FB_EV_LINK_DOWN);
	lua_setfield(L, -2, "LINK_DOWN");
	lua_pushliteral(L, FB_EV_CANCEL);
	lua_setfield(L, -2, "CANCEL");
	lua_setfield(L, -2, "event");
}
