/*
 * Messages in: message objects, process.listen/unlisten/inbox and the
 * delivery of FB_MSG (spec section 2).
 *
 * A message goes to the channel listening to its topic, else to the inbox,
 * else to the pending queue, where it waits in order for a listen or inbox
 * that takes it. Wherever it waits, it carries the size of its frame,
 * its share of the mailbox until it is received or dropped (unread.c).
 */
#include "config.h"

#include <string.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "codec.h"
#include "log.h"
#include "worker.h"

#define LMESSAGE_MT		"forkbox.message"

/* Fields of the process module's state table. */
#define LMESSAGE_LISTEN		"listen"	/* topic -> channel */
#define LMESSAGE_MSGMODE	"msgmode"	/* topic -> message mode */
#define LMESSAGE_PENDING	"pending"	/* messages nobody took yet */
#define LMESSAGE_INBOX		"inbox"

/*
 * A message object: topic, sender and raw payload bytes as user values 1-3;
 * the payload is decoded on first msg:payload() into user value 4 (or the
 * decoding error, when state is -1).
 */
struct lmessage {
	int	state;		/* 0 not decoded, 1 decoded, -1 undecodable */
};

/*
 * The listener the last envelope's topic went to: the channel (in the
 * registry at ref, so it stays alive; chp is it), its mode, and the
 * envelope it was found for. It is used only while the channel is open:
 * unlisten closes it, and listen makes a new channel only when the old
 * one is closed or gone (both forget it too); a channel its owner closed
 * sends the next message the slow way, which removes it.
 */
static struct {
	int		 ref;
	struct channel	*chp;		/* NULL: nothing kept */
	uint64_t	 envgen;
	int		 msgmode;
} lmessage_memo = { LUA_NOREF, NULL, 0, 0 };

/* Push a message object for topic/from/payload. */
static void
lmessage_push(lua_State *L, const char *topic, const char *from,
    const char *payload, size_t plen)
{
	struct lmessage	*m;

	m = lua_newuserdatauv(L, sizeof *m, 4);
	m->state = 0;
	luaL_setmetatable(L, LMESSAGE_MT);
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
lmessage_decode(lua_State *L, int idx)
{
	struct lmessage	*m = luaL_checkudata(L, idx, LMESSAGE_MT);
	char		 err[LPROCESS_ERRLEN];
	const char	*s;
	size_t		 len;

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
lmessage_topic(lua_State *L)
{
	luaL_checkudata(L, 1, LMESSAGE_MT);
	lua_getiuservalue(L, 1, 1);
	return (1);
}

static int
lmessage_from(lua_State *L)
{
	luaL_checkudata(L, 1, LMESSAGE_MT);
	lua_getiuservalue(L, 1, 2);
	return (1);
}

/* msg:payload() -> value, or nil, reason when it cannot be decoded */
static int
lmessage_payload(lua_State *L)
{
	if (lmessage_decode(L, 1) != 0) {
		luaL_pushfail(L);
		lua_insert(L, -2);
		return (2);
	}
	return (1);
}

static int
lmessage_tostring(lua_State *L)
{
	luaL_checkudata(L, 1, LMESSAGE_MT);
	lua_getiuservalue(L, 1, 1);
	lua_getiuservalue(L, 1, 2);
	lua_pushfstring(L, "message: %s from %s", lua_tostring(L, -2),
	    lua_tostring(L, -1));
	return (1);
}

/* The topic of the message at idx. */
static const char *
lmessage_topicstr(lua_State *L, int idx)
{
	const char	*s;

	lua_getiuservalue(L, idx, 1);
	s = lua_tostring(L, -1);
	lua_pop(L, 1);			/* still referenced by the message */
	return (s);
}

/*
 * Deliver the message object on top (popped), which came in a frame of
 * size bytes, into the channel at ch, as itself (message mode) or as its
 * decoded payload. An undecodable payload is logged and dropped: only
 * message mode can show the reason.
 */
static void
lmessage_deliver(lua_State *L, int ch, int msgmode, size_t size)
{
	ch = lua_absindex(L, ch);
	if (!msgmode) {
		if (lmessage_decode(L, -1) != 0) {
			log_warnx("%s: message on topic \"%s\" dropped: %s",
			    worker.pid, lmessage_topicstr(L, -2),
			    lua_tostring(L, -1));
			lua_pop(L, 2);
			unread_take(size, 1);
			return;
		}
		lua_remove(L, -2);		/* message object */
	}
	channel_put(L, ch, size);
}

struct lmessage_move {
	const char	*topic;		/* NULL: every message */
	int		 ch;		/* absolute index of the channel */
	int		 msgmode;
};

static int
lmessage_move_take(lua_State *L, void *arg)
{
	struct lmessage_move	*mv = arg;

	return (mv->topic == NULL ||
	    strcmp(lmessage_topicstr(L, -1), mv->topic) == 0);
}

static void
lmessage_move_put(lua_State *L, void *arg, size_t size)
{
	struct lmessage_move	*mv = arg;

	lmessage_deliver(L, mv->ch, mv->msgmode, size);
}

/* Move the pending messages on topic (NULL: all) into the channel at ch. */
static void
lmessage_move(lua_State *L, const char *topic, int ch, int msgmode)
{
	struct lmessage_move	mv;

	mv.topic = topic;
	mv.ch = ch;
	mv.msgmode = msgmode;
	lprocess_drain(L, LMESSAGE_PENDING, lmessage_move_take,
	    lmessage_move_put, &mv);
}

/*
 * Put the message into the listener's channel at ch (which is chp), as
 * itself or as its decoded payload. An undecodable payload in plain mode
 * is logged and dropped: plain mode has no way to show the reason.
 */
static void
lmessage_listened(lua_State *L, int ch, struct channel *chp, int msgmode,
    const char *topic, const char *from, const char *payload, size_t plen,
    size_t size)
{
	char	err[LPROCESS_ERRLEN];

	ch = lua_absindex(L, ch);
	if (msgmode)
		lmessage_push(L, topic, from, payload, plen);
	else if (codec_decode(L, payload, plen, err, sizeof err) != 0) {
		log_warnx("message on topic \"%s\" from %s dropped: %s",
		    topic, from, err);
		lua_pop(L, 1);
		unread_take(size, 1);
		return;
	}
	channel_put_known(L, ch, chp, size);
}

/* Forget the listener kept for the last envelope (a listen or unlisten
 * changed what a topic goes to). */
static void
lmessage_memo_forget(lua_State *L)
{
	lmessage_memo.chp = NULL;
	if (lmessage_memo.ref != LUA_NOREF) {
		lua_pushboolean(L, 0);
		lua_rawseti(L, LUA_REGISTRYINDEX, lmessage_memo.ref);
	}
}

/* Keep the open listener channel at ch (chp) for the envelope envgen. */
static void
lmessage_memo_keep(lua_State *L, int ch, struct channel *chp,
    uint64_t envgen, int msgmode)
{
	if (lmessage_memo.ref == LUA_NOREF)
		return;
	lua_pushvalue(L, ch);
	lua_rawseti(L, LUA_REGISTRYINDEX, lmessage_memo.ref);
	lmessage_memo.chp = chp;
	lmessage_memo.envgen = envgen;
	lmessage_memo.msgmode = msgmode;
}

/* FB_MSG from the broker, in a frame of size bytes: listener, else
 * inbox, else pending. topic and from are its envelope's (NULL when
 * missing); envgen names that envelope (conn.c): a stream of messages
 * with one envelope finds its listener once. */
void
lmessage_on_msg(lua_State *L, uint64_t envgen, const char *topic,
    const char *from, const char *payload, size_t plen, size_t size)
{
	struct channel	*chp;
	int		 top = lua_gettop(L), msgmode;

	if (topic == NULL || from == NULL) {
		unread_take(size, 1);
		log_warnx("MSG without topic or sender ignored");
		return;
	}
	if (lmessage_memo.chp != NULL && lmessage_memo.envgen == envgen &&
	    !channel_is_closed(lmessage_memo.chp)) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, lmessage_memo.ref);
		lmessage_listened(L, -1, lmessage_memo.chp,
		    lmessage_memo.msgmode, topic, from, payload, plen, size);
		lua_settop(L, top);
		return;
	}
	lprocess_state(L, LMESSAGE_LISTEN);
	if (lua_getfield(L, -1, topic) != LUA_TNIL) {		/* listen ch */
		if (channel_closed(L, -1)) {
			/* closed by its owner: the listener is gone */
			lua_pushnil(L);
			lua_setfield(L, -3, topic);
			lmessage_memo_forget(L);
		} else {
			lprocess_state(L, LMESSAGE_MSGMODE);
			lua_getfield(L, -1, topic);
			msgmode = lua_toboolean(L, -1);
			lua_pop(L, 2);
			chp = channel_at(L, -1);
			lmessage_memo_keep(L, -1, chp, envgen, msgmode);
			lmessage_listened(L, -1, chp, msgmode, topic, from,
			    payload, plen, size);
			lua_settop(L, top);
			return;
		}
	}
	lua_settop(L, top);
	lmessage_push(L, topic, from, payload, plen);		/* msg */
	lprocess_post(L, LMESSAGE_INBOX, LMESSAGE_PENDING, size);
}

/* process.listen(topic [, {message = true}]) -> channel */
static int
lmessage_listen(lua_State *L)
{
	const char	*topic;
	size_t		 len;
	int		 msgmode = 0, old;

	topic = lprocess_checkstring(L, 1, &len);
	luaL_argcheck(L, len > 0, 1, "empty topic");
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		lua_getfield(L, 2, "message");
		msgmode = lua_toboolean(L, -1);
	}
	lua_settop(L, 1);
	lprocess_state(L, LMESSAGE_LISTEN);			/* 2 */
	lprocess_state(L, LMESSAGE_MSGMODE);			/* 3 */
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
	lmessage_memo_forget(L);
	channel_push_mail(L);					/* 4 */
	lua_pushvalue(L, 4);
	lua_setfield(L, 2, topic);
	lua_pushboolean(L, msgmode);
	lua_setfield(L, 3, topic);
	lmessage_move(L, topic, 4, msgmode);
	return (1);
}

/* process.unlisten(ch) -> true; a listener's channel is closed (its
 * buffered messages can still be received). */
static int
lmessage_unlisten(lua_State *L)
{
	channel_closed(L, 1);			/* checks it is a channel */
	lua_settop(L, 1);
	lprocess_state(L, LMESSAGE_LISTEN);			/* 2 */
	lua_pushnil(L);
	while (lua_next(L, 2) != 0) {
		if (lua_rawequal(L, -1, 1)) {
			lmessage_memo_forget(L);
			channel_close_at(L, 1);
			lua_pop(L, 1);			/* topic on top */
			lua_pushvalue(L, -1);
			lua_pushnil(L);
			lua_settable(L, 2);
			lprocess_state(L, LMESSAGE_MSGMODE);
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
lmessage_inbox(lua_State *L)
{
	if (lprocess_channel(L, LMESSAGE_INBOX))
		lmessage_move(L, NULL, lua_gettop(L), 1);
	return (1);
}

static const luaL_Reg lmessage_methods[] = {
	{ "topic", lmessage_topic },
	{ "payload", lmessage_payload },
	{ "from", lmessage_from },
	{ NULL, NULL }
};

static const luaL_Reg lmessage_funcs[] = {
	{ "listen", lmessage_listen },
	{ "unlisten", lmessage_unlisten },
	{ "inbox", lmessage_inbox },
	{ NULL, NULL }
};

/* Add the message functions to the process module table on top. */
void
lmessage_open(lua_State *L)
{
	lua_newtable(L);
	lprocess_setstate(L, LMESSAGE_LISTEN);
	lua_newtable(L);
	lprocess_setstate(L, LMESSAGE_MSGMODE);
	lua_newtable(L);
	lprocess_setstate(L, LMESSAGE_PENDING);
	lua_pushboolean(L, 0);
	lmessage_memo.ref = luaL_ref(L, LUA_REGISTRYINDEX);

	if (luaL_newmetatable(L, LMESSAGE_MT)) {
		lua_pushcfunction(L, lmessage_tostring);
		lua_setfield(L, -2, "__tostring");
		luaL_newlib(L, lmessage_methods);
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);				/* metatable */
	luaL_setfuncs(L, lmessage_funcs, 0);
}
