/*
 * Channels (Go-style) and channel.select.
 *
 * A channel is a userdata; its buffered values live in its user value (a
 * table used as a queue, keys first..last-1). Blocked senders and
 * receivers are waiters owned by their task (sched.c): a sender's value is
 * anchored in the registry (waiter.vref) until a receiver takes it.
 *
 * Waking protocol: a waiter is completed by pushing three values onto the
 * waker's stack, (case index, value, ok), and calling sched_wake(); the
 * blocked operation's continuation finds them on top of its stack. For a
 * sender, ok false means the channel was closed under it.
 *
 * Mailbox channels (listen, inbox, events) also keep the size of the
 * frame each buffered value came in, in a ring of integers beside the
 * buffer (a userdata, their second user value): its share of the
 * mailbox, taken (unread.c) when the value is received or dropped.
 * Closing one takes what it holds out of the mailbox: the values stay
 * receivable, but the process gave them up as mail.
 */
#include "config.h"

#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "worker.h"

#define CHANNEL_MT	"forkbox.channel"
#define CHANNEL_CASE_MT	"forkbox.channel.case"

struct channel {
	lua_Integer		 cap;		/* CHANNEL_UNBOUNDED, 0 or > 0 */
	int			 closed;
	int			 mail;		/* a mailbox channel */
	lua_Integer		 first;		/* buffer: uservalue[first..last-1] */
	lua_Integer		 last;
	uint64_t		 held;		/* mail bytes in the buffer */
	uint64_t		 nheld;		/* and how many frames */
	uint32_t		*sizes;		/* slot i's at sizes[i % nsizes] */
	lua_Integer		 nsizes;	/* 0: no ring (yet) */
	struct waiter_list	 recvq;
	struct waiter_list	 sendq;
};

static uint32_t	channel_rng;
static int	channel_mail_waiters;	/* receivers on empty mail channels */

/* The channel metatable (it lives in the registry for good): a channel
 * is checked by comparing pointers, where luaL_checkudata would look its
 * name up in the registry (a strcmp) on every call. */
static const void	*channel_mt;

static struct channel *
channel_check(lua_State *L, int idx)
{
	void		*ud = lua_touserdata(L, idx);
	const void	*mt;

	if (ud != NULL && lua_getmetatable(L, idx)) {
		mt = lua_topointer(L, -1);
		lua_pop(L, 1);
		if (mt == channel_mt && mt != NULL)
			return (ud);
	}
	return (luaL_checkudata(L, idx, CHANNEL_MT));	/* raises */
}

static struct channel *
channel_new_ud(lua_State *L, int cap, int mail)
{
	struct channel	*ch;

	ch = lua_newuserdatauv(L, sizeof *ch, mail ? 2 : 1);
	memset(ch, 0, sizeof *ch);
	ch->cap = cap;
	ch->mail = mail;
	ch->first = ch->last = 1;
	TAILQ_INIT(&ch->recvq);
	TAILQ_INIT(&ch->sendq);
	lua_newtable(L);
	lua_setiuservalue(L, -2, 1);		/* buffer */
	luaL_setmetatable(L, CHANNEL_MT);
	return (ch);
}

/* Push a new channel. */
void
channel_push_new(lua_State *L, int cap)
{
	channel_new_ud(L, cap, 0);
}

/* Push a new, unbounded mailbox channel. */
void
channel_push_mail(lua_State *L)
{
	channel_new_ud(L, CHANNEL_UNBOUNDED, 1);
}

/* Room in the size ring of the mail channel at ud (absolute) for one
 * more slot; the userdata, anchored as its user value, never moves. */
static void
channel_sizes_grow(lua_State *L, int ud, struct channel *ch)
{
	lua_Integer	 n = ch->nsizes == 0 ? 16 : ch->nsizes * 2, i;
	uint32_t	*s;

	if (n > (lua_Integer)(SIZE_MAX / sizeof *s))
		luaL_error(L, "not enough memory");
	s = lua_newuserdatauv(L, (size_t)n * sizeof *s, 0);
	for (i = ch->first; i < ch->last; i++)
		s[i % n] = ch->nsizes == 0 ? 0 : ch->sizes[i % ch->nsizes];
	lua_setiuservalue(L, ud, 2);
	ch->sizes = s;
	ch->nsizes = n;
}

/* The frame size of slot i (0: no mail). */
static size_t
channel_size_at(struct channel *ch, lua_Integer i)
{
	return (ch->nsizes == 0 ? 0 : ch->sizes[i % ch->nsizes]);
}

/* Append the value on top (popped) to the buffer of the channel at ud
 * (absolute); size is the frame it came in (0: not mail). */
static void
channel_buf_push(lua_State *L, int ud, struct channel *ch, size_t size)
{
	if (size > 0 || ch->nsizes > 0) {
		if (ch->last - ch->first >= ch->nsizes)
			channel_sizes_grow(L, ud, ch);
		ch->sizes[ch->last % ch->nsizes] = (uint32_t)size;
		if (size > 0) {
			ch->held += size;
			ch->nheld++;
		}
	}
	lua_getiuservalue(L, ud, 1);
	lua_insert(L, -2);
	lua_rawseti(L, -2, ch->last++);
	lua_pop(L, 1);				/* buffer */
}

/* Push the oldest buffered value, removing it; it is received. */
static void
channel_buf_pop(lua_State *L, int ud, struct channel *ch)
{
	size_t	size = channel_size_at(ch, ch->first);

	if (size > 0) {
		ch->held -= size;
		ch->nheld--;
		unread_take(size, 1);
	}
	lua_getiuservalue(L, ud, 1);
	lua_rawgeti(L, -1, ch->first);
	lua_pushnil(L);
	lua_rawseti(L, -3, ch->first++);
	lua_remove(L, -2);			/* buffer */
	if (ch->first == ch->last)
		ch->first = ch->last = 1;
}

static int
channel_has_room(struct channel *ch)
{
	return (ch->cap == CHANNEL_UNBOUNDED || ch->last - ch->first < ch->cap);
}

/* Complete waiter w with the value on top (popped) and ok. */
static void
channel_complete(lua_State *L, struct waiter *w, int ok)
{
	lua_pushinteger(L, w->index);
	lua_insert(L, -2);
	lua_pushboolean(L, ok);
	sched_wake(w->task, L, 3);		/* frees w */
}

/*
 * Receive without blocking from the channel at ud. Returns 1 with the value
 * pushed, 0 with nil pushed when closed and drained, -1 (nothing pushed)
 * when the caller would have to wait.
 */
static int
channel_try_receive(lua_State *L, int ud, struct channel *ch)
{
	struct waiter	*w;

	if (ch->last > ch->first) {
		channel_buf_pop(L, ud, ch);
		if ((w = TAILQ_FIRST(&ch->sendq)) != NULL) {
			/* room now: move a blocked sender's value in */
			lua_rawgeti(L, LUA_REGISTRYINDEX, w->vref);
			channel_buf_push(L, ud, ch, 0);
			lua_pushnil(L);
			channel_complete(L, w, 1);
		}
		return (1);
	}
	if ((w = TAILQ_FIRST(&ch->sendq)) != NULL) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, w->vref);
		lua_pushnil(L);
		channel_complete(L, w, 1);
		return (1);
	}
	if (ch->closed) {
		lua_pushnil(L);
		return (0);
	}
	return (-1);
}

/* Send the value at v without blocking; size as for channel_buf_push.
 * Returns 1 when it was taken or buffered, 0 when the caller would have
 * to wait. Raises when closed. */
static int
channel_try_send(lua_State *L, int ud, struct channel *ch, int v,
    size_t size)
{
	struct waiter	*w;

	if (ch->closed)
		return (luaL_error(L, "send on closed channel"));
	if ((w = TAILQ_FIRST(&ch->recvq)) != NULL) {
		if (size > 0)
			unread_take(size, 1);
		lua_pushvalue(L, v);
		channel_complete(L, w, 1);
		return (1);
	}
	if (channel_has_room(ch)) {
		lua_pushvalue(L, v);
		channel_buf_push(L, ud, ch, ch->mail ? size : 0);
		return (1);
	}
	return (0);
}

/*
 * Deliver the value on top (popped) into the channel at ud without ever
 * blocking or raising: for values from the broker (size: the frame it
 * came in) and timers (size 0). Returns 0 when the channel is closed or
 * full and the value was dropped.
 */
int
channel_put(lua_State *L, int ud, size_t size)
{
	return (channel_put_known(L, ud, channel_check(L, ud), size));
}

/* The channel at ud, checked, for channel_put_known: the pointer stays
 * good as long as the channel is referenced. */
struct channel *
channel_at(lua_State *L, int ud)
{
	return (channel_check(L, ud));
}

/* Closed by its owner? */
int
channel_is_closed(const struct channel *ch)
{
	return (ch->closed);
}

/* channel_put for a channel at ud that is ch (channel_at): no check. */
int
channel_put_known(lua_State *L, int ud, struct channel *ch, size_t size)
{
	int	v = lua_gettop(L);

	ud = lua_absindex(L, ud);
	if (ch->closed || (TAILQ_EMPTY(&ch->recvq) && !channel_has_room(ch))) {
		if (size > 0)
			unread_take(size, 1);
		lua_pop(L, 1);
		return (0);
	}
	channel_try_send(L, ud, ch, v, size);
	lua_pop(L, 1);
	return (1);
}

int
channel_closed(lua_State *L, int ud)
{
	return (channel_check(L, ud)->closed);
}

/* Close the channel at ud: waiting receivers get nil, false; waiting
 * senders raise. Returns 0 when it was closed already. */
static int
channel_do_close(lua_State *L, int ud)
{
	struct channel	*ch = channel_check(L, ud);
	struct waiter	*w;

	if (ch->closed)
		return (0);
	ch->closed = 1;
	if (ch->nsizes > 0) {
		/* given up as mail: still receivable, no longer counted */
		if (ch->held > 0)
			unread_take(ch->held, ch->nheld);
		ch->held = ch->nheld = 0;
		ch->sizes = NULL;
		ch->nsizes = 0;
		lua_pushnil(L);
		lua_setiuservalue(L, ud, 2);
	}
	while ((w = TAILQ_FIRST(&ch->recvq)) != NULL) {
		lua_pushnil(L);
		channel_complete(L, w, 0);
	}
	while ((w = TAILQ_FIRST(&ch->sendq)) != NULL) {
		lua_pushnil(L);
		channel_complete(L, w, 0);
	}
	return (1);
}

void
channel_close_at(lua_State *L, int ud)
{
	channel_do_close(L, lua_absindex(L, ud));
}

/*
 * Drop buffered values of the channel at ud for which keep(L, arg), called
 * with the value on top (and leaving the stack as it found it), returns 0.
 */
void
channel_filter(lua_State *L, int ud, int (*keep)(lua_State *, void *),
    void *arg)
{
	struct channel	*ch = channel_check(L, ud);
	lua_Integer	 i, j;

	size_t		 size;

	ud = lua_absindex(L, ud);
	lua_getiuservalue(L, ud, 1);
	for (i = j = ch->first; i < ch->last; i++) {
		lua_rawgeti(L, -1, i);
		size = channel_size_at(ch, i);
		if (keep(L, arg)) {
			if (i != j) {
				lua_pushnil(L);
				lua_rawseti(L, -3, i);
			}
			lua_rawseti(L, -2, j);
			/* j <= i: slot j's size was read already */
			if (ch->nsizes > 0)
				ch->sizes[j % ch->nsizes] = (uint32_t)size;
			j++;
		} else {
			if (size > 0) {
				ch->held -= size;
				ch->nheld--;
				unread_take(size, 1);
			}
			lua_pop(L, 1);
			lua_pushnil(L);
			lua_rawseti(L, -2, i);
		}
	}
	ch->last = j;
	lua_pop(L, 1);				/* buffer */
}

/* Take a blocked task off every channel queue it is on. */
void
channel_unwait(struct task *t)
{
	struct waiter	*w;
	int		 i;

	for (i = 0; i < t->nwaiters; i++) {
		w = &t->waiters[i];
		if (w->queued) {
			if (w->send)
				TAILQ_REMOVE(&w->ch->sendq, w, entry);
			else
				TAILQ_REMOVE(&w->ch->recvq, w, entry);
			if (!w->send && w->ch->mail)
				channel_mail_waiters--;
		}
		if (w->vref != LUA_NOREF)
			luaL_unref(worker.L, LUA_REGISTRYINDEX, w->vref);
	}
	free(t->waiters);
	t->waiters = NULL;
	t->nwaiters = 0;
}

/* Give the running task n waiters, raising when out of memory. */
static struct waiter *
channel_waiters(lua_State *L, int n)
{
	struct task	*t = sched_current();
	int		 i;

	if ((t->waiters = calloc(n, sizeof *t->waiters)) == NULL)
		luaL_error(L, "not enough memory");
	t->nwaiters = n;
	for (i = 0; i < n; i++) {
		t->waiters[i].task = t;
		t->waiters[i].vref = LUA_NOREF;
	}
	return (t->waiters);
}

static void
channel_enqueue(struct waiter *w, struct channel *ch, int send, int index)
{
	w->ch = ch;
	w->send = send;
	w->index = index;
	w->queued = 1;
	if (send)
		TAILQ_INSERT_TAIL(&ch->sendq, w, entry);
	else
		TAILQ_INSERT_TAIL(&ch->recvq, w, entry);
	if (!send && ch->mail)
		channel_mail_waiters++;
}

/* Does a task wait to receive from a mailbox channel (which is empty,
 * or it would not wait)? What it waits for can only come from the
 * broker. */
int
channel_mail_waiting(void)
{
	return (channel_mail_waiters > 0);
}

/* ---- methods ------------------------------------------------------- */

static int
channel_new(lua_State *L)
{
	lua_Integer	cap = luaL_optinteger(L, 1, 0);

	luaL_argcheck(L, cap >= 0 && cap <= 0x7fffffff, 1,
	    "capacity must be between 0 and 2^31-1");
	channel_push_new(L, (int)cap);
	return (1);
}

static int
channel_receive_k(lua_State *L, int status, lua_KContext ctx)
{
	return (2);				/* value, ok */
}

/* ch:receive() -> value, ok */
static int
channel_receive(lua_State *L)
{
	struct channel	*ch = channel_check(L, 1);
	struct waiter	*w;
	int		 r;

	lua_settop(L, 1);
	if ((r = channel_try_receive(L, 1, ch)) >= 0) {
		lua_pushboolean(L, r);
		return (2);
	}
	sched_check_block(L, "channel receive");
	w = channel_waiters(L, 1);
	channel_enqueue(w, ch, 0, 1);
	return (sched_block(L, TASK_WAIT_CHANNEL, 0, channel_receive_k));
}

static int
channel_send_k(lua_State *L, int status, lua_KContext ctx)
{
	if (!lua_toboolean(L, -1))
		return (luaL_error(L, "send on closed channel"));
	lua_pushboolean(L, 1);
	return (1);
}

/* ch:send(v) -> true, blocking while nobody can take v. */
static int
channel_send(lua_State *L)
{
	struct channel	*ch = channel_check(L, 1);
	struct waiter	*w;
	int		 vref;

	lua_settop(L, 2);
	if (channel_try_send(L, 1, ch, 2, 0)) {
		lua_pushboolean(L, 1);
		return (1);
	}
	sched_check_block(L, "channel send");
	lua_pushvalue(L, 2);
	vref = luaL_ref(L, LUA_REGISTRYINDEX);
	w = channel_waiters(L, 1);
	w->vref = vref;
	channel_enqueue(w, ch, 1, 1);
	return (sched_block(L, TASK_WAIT_CHANNEL, 0, channel_send_k));
}

static int
channel_close(lua_State *L)
{
	channel_check(L, 1);
	if (!channel_do_close(L, 1))
		return (luaL_error(L, "close of closed channel"));
	return (0);
}

/* Push a select case {channel = ch, send = bool, value = v}. */
static int
channel_case(lua_State *L, int send)
{
	channel_check(L, 1);
	lua_createtable(L, 0, 3);
	lua_pushvalue(L, 1);
	lua_setfield(L, -2, "channel");
	if (send) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "send");
		lua_pushvalue(L, 2);
		lua_setfield(L, -2, "value");
	}
	luaL_setmetatable(L, CHANNEL_CASE_MT);
	return (1);
}

static int
channel_case_receive(lua_State *L)
{
	return (channel_case(L, 0));
}

static int
channel_case_send(lua_State *L)
{
	lua_settop(L, 2);
	return (channel_case(L, 1));
}

static uint32_t
channel_random(void)
{
	/* xorshift32: fairness only, not security */
	if (channel_rng == 0)
		channel_rng = (uint32_t)(uintptr_t)&channel_rng ^ 0x9e3779b9u;
	channel_rng ^= channel_rng << 13;
	channel_rng ^= channel_rng >> 17;
	channel_rng ^= channel_rng << 5;
	return (channel_rng);
}

/* Push the case at cases[i] and its channel; returns the channel. */
static struct channel *
channel_getcase(lua_State *L, int cases, lua_Integer i, int *send)
{
	struct channel	*ch;

	lua_rawgeti(L, cases, i);
	if (!lua_getmetatable(L, -1))
		goto bad;
	luaL_getmetatable(L, CHANNEL_CASE_MT);
	if (!lua_rawequal(L, -1, -2))
		goto bad;
	lua_pop(L, 2);				/* both metatables */
	lua_getfield(L, -1, "channel");
	if ((ch = luaL_testudata(L, -1, CHANNEL_MT)) == NULL)
		goto bad;
	lua_getfield(L, -2, "send");
	*send = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return (ch);				/* case, channel on the stack */
bad:
	luaL_error(L, "channel.select: case %d is not a channel case "
	    "(use ch:case_receive() or ch:case_send(v))", (int)i);
	return (NULL);
}

/* Push the select result {channel, value, ok}; ch at chidx, value on top. */
static int
channel_result(lua_State *L, int chidx, int ok)
{
	lua_createtable(L, 0, 3);
	lua_insert(L, -2);
	lua_setfield(L, -2, "value");
	lua_pushvalue(L, chidx);
	lua_setfield(L, -2, "channel");
	lua_pushboolean(L, ok);
	lua_setfield(L, -2, "ok");
	return (1);
}

/*
 * Woken: the stack is (cases, flags, values, channel of each case...,
 * index, value, ok); the channels were kept there so that none can be
 * collected while a waiter sits in its queue, whatever happens to the
 * case tables.
 */
static int
channel_select_k(lua_State *L, int status, lua_KContext ctx)
{
	lua_Integer	 i = lua_tointeger(L, -3);
	int		*send = lua_touserdata(L, 2);
	int		 ok = lua_toboolean(L, -1);

	lua_pop(L, 1);				/* ok; value on top */
	if (send[i - 1] && !ok)
		return (luaL_error(L, "send on closed channel"));
	return (channel_result(L, 3 + (int)i, ok));
}

/*
 * channel.select{case, ..., default = true}: perform one ready case,
 * picked at random among the ready ones; without one, return the default
 * result or block until a case can proceed.
 */
static int
channel_select(lua_State *L)
{
	struct channel	*ch;
	struct waiter	*w;
	lua_Integer	 n, i, k, j;
	int		*order, dflt, send, r, vref;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	n = (lua_Integer)lua_rawlen(L, 1);
	lua_getfield(L, 1, "default");
	dflt = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (n == 0 && !dflt)
		return (luaL_error(L, "channel.select: no cases"));
	if (n > 0x10000)
		return (luaL_error(L, "channel.select: too many cases"));
	order = lua_newuserdatauv(L, (size_t)n * sizeof *order, 0);  /* 2 */
	for (i = 0; i < n; i++)
		order[i] = (int)i + 1;
	for (i = n - 1; i > 0; i--) {
		j = channel_random() % (uint32_t)(i + 1);
		k = order[i];
		order[i] = order[j];
		order[j] = (int)k;
	}
	for (i = 0; i < n; i++) {
		ch = channel_getcase(L, 1, order[i], &send);  /* case, ch */
		if (send) {
			lua_getfield(L, -2, "value");
			if (channel_try_send(L, lua_gettop(L) - 1, ch,
			    lua_gettop(L), 0)) {
				lua_pushnil(L);
				return (channel_result(L, lua_gettop(L) - 2,
				    1));
			}
			lua_pop(L, 3);
			continue;
		}
		if ((r = channel_try_receive(L, lua_gettop(L), ch)) >= 0)
			return (channel_result(L, lua_gettop(L) - 1, r));
		lua_pop(L, 2);
	}
	if (dflt) {
		lua_createtable(L, 0, 2);
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "default");
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "ok");
		return (1);
	}
	sched_check_block(L, "channel.select");
	luaL_checkstack(L, (int)n + 5, "too many select cases");
	/*
	 * Read every case again before queueing anything: reading one may
	 * run the process's code (a metamethod) or raise, and a waiter
	 * queued before that would stay in its channel's queue, pointing at
	 * a task that is not waiting, or is gone.
	 */
	lua_createtable(L, (int)n, 0);		/* 3: the values sent */
	for (i = 0; i < n; i++) {
		/* order[] now says which cases send (for channel_select_k) */
		channel_getcase(L, 1, i + 1, &send);
		order[i] = send;
		if (send) {
			lua_getfield(L, -2, "value");
			lua_rawseti(L, 3, i + 1);
		}
		lua_remove(L, -2);		/* case; channel stays: 4 + i */
	}
	w = channel_waiters(L, (int)n);
	for (i = 0; i < n; i++) {
		if (order[i]) {
			lua_rawgeti(L, 3, i + 1);
			vref = luaL_ref(L, LUA_REGISTRYINDEX);
			w[i].vref = vref;
		}
		channel_enqueue(&w[i], lua_touserdata(L, 4 + (int)i), order[i],
		    (int)i + 1);
	}
	return (sched_block(L, TASK_WAIT_CHANNEL, 0, channel_select_k));
}

static int
channel_tostring(lua_State *L)
{
	channel_check(L, 1);
	ident_pushid(L, 1);
	lua_pushfstring(L, "channel: %s", lua_tostring(L, -1));
	return (1);
}

static const luaL_Reg channel_methods[] = {
	{ "send", channel_send },
	{ "receive", channel_receive },
	{ "close", channel_close },
	{ "case_receive", channel_case_receive },
	{ "case_send", channel_case_send },
	{ NULL, NULL }
};

static const luaL_Reg channel_meta[] = {
	{ "__index", NULL },
	{ "__tostring", channel_tostring },
	{ NULL, NULL }
};

static const luaL_Reg channel_funcs[] = {
	{ "new", channel_new },
	{ "select", channel_select },
	{ NULL, NULL }
};

int
luaopen_channel(lua_State *L)
{
	if (luaL_newmetatable(L, CHANNEL_MT)) {
		luaL_setfuncs(L, channel_meta, 0);
		luaL_newlib(L, channel_methods);
		lua_setfield(L, -2, "__index");
	}
	channel_mt = lua_topointer(L, -1);
	lua_pop(L, 1);				/* metatable */
	luaL_newmetatable(L, CHANNEL_CASE_MT);
	lua_pop(L, 1);
	luaL_newlib(L, channel_funcs);
	return (1);
}
