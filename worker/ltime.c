/* The time module: time.now(), time.sleep(d), time.after(d). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <lauxlib.h>
#include <lua.h>

#include "duration.h"
#include "worker.h"

/* A pending time.after: its channel stays anchored until the timer fires. */
struct ltime_after {
	struct event	*ev;
	int		 ref;
};

double
ltime_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* The longest duration a Lua call takes, in ms (about 31 years): any
 * longer is a mistake, and it keeps deadlines computed from it (now +
 * d, rounded up to ms) far from overflowing. */
#define LTIME_MAX_MS	1e12

/*
 * A duration argument: a string per spec section 3 or a number of
 * milliseconds, at most LTIME_MAX_MS. Returns microseconds; raises
 * `bad duration "3x"`.
 */
int64_t
ltime_checkduration(lua_State *L, int idx)
{
	char		 err[128];
	lua_Number	 ms;
	int64_t		 usec;

	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		ms = lua_tonumber(L, idx);
		if (!(ms >= 0 && ms <= LTIME_MAX_MS))	/* also NaN */
			return (luaL_error(L, "bad duration %s",
			    luaL_tolstring(L, idx, NULL)));
		return ((int64_t)(ms * 1000));
	case LUA_TSTRING:
		if (duration_parse(lua_tostring(L, idx), &usec, err,
		    sizeof err) != 0)
			return (luaL_error(L, "%s", err));
		if (usec > (int64_t)LTIME_MAX_MS * 1000) {
			snprintf(err, sizeof err, "bad duration \"%.64s\": "
			    "too large (over %.0f ms)", lua_tostring(L, idx),
			    LTIME_MAX_MS);
			return (luaL_error(L, "%s", err));
		}
		return (usec);
	default:
		return (luaL_typeerror(L, idx, "duration"));
	}
}

static void
ltime_timeval(int64_t usec, struct timeval *tv)
{
	tv->tv_sec = (time_t)(usec / 1000000);
	tv->tv_usec = (suseconds_t)(usec % 1000000);
}

static int
ltime_now_l(lua_State *L)
{
	lua_pushnumber(L, ltime_now());
	return (1);
}

static void
ltime_sleep_cb(evutil_socket_t fd, short what, void *arg)
{
	sched_wake(arg, worker.L, 0);
}

/* time.sleep(d): park the running coroutine for d. */
static int
ltime_sleep(lua_State *L)
{
	struct task	*t;
	struct timeval	 tv;
	int64_t		 usec = ltime_checkduration(L, 1);

	sched_check_block(L, "time.sleep");
	t = sched_current();
	ltime_timeval(usec, &tv);
	if ((t->timer = evtimer_new(worker.base, ltime_sleep_cb, t)) == NULL ||
	    evtimer_add(t->timer, &tv) != 0) {
		if (t->timer != NULL)
			event_free(t->timer);
		t->timer = NULL;
		return (luaL_error(L, "time.sleep: cannot add a timer"));
	}
	return (sched_block(L, TASK_WAIT_TIMER, 0, NULL));
}

/* Under worker_pcall: send time.now() into the channel, drop the anchor. */
static int
ltime_after_fire(lua_State *L)
{
	struct ltime_after	*a = lua_touserdata(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, a->ref);
	luaL_unref(L, LUA_REGISTRYINDEX, a->ref);
	lua_pushnumber(L, ltime_now());
	channel_put(L, -2, 0);
	return (0);
}

static void
ltime_after_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ltime_after	*a = arg;

	worker_pcall(ltime_after_fire, a);
	event_free(a->ev);
	free(a);
}

/* time.after(d) -> channel receiving time.now() once, after d. */
static int
ltime_after(lua_State *L)
{
	struct ltime_after	*a;
	struct timeval		 tv;
	int64_t			 usec = ltime_checkduration(L, 1);

	ltime_timeval(usec, &tv);
	channel_push_new(L, 1);
	lua_pushvalue(L, -1);
	if ((a = malloc(sizeof *a)) == NULL)
		return (luaL_error(L, "not enough memory"));
	a->ref = luaL_ref(L, LUA_REGISTRYINDEX);  /* may raise: a leaks */
	if ((a->ev = evtimer_new(worker.base, ltime_after_cb, a)) == NULL ||
	    evtimer_add(a->ev, &tv) != 0) {
		luaL_unref(L, LUA_REGISTRYINDEX, a->ref);
		if (a->ev != NULL)
			event_free(a->ev);
		free(a);
		return (luaL_error(L, "time.after: cannot add a timer"));
	}
	return (1);
}

static const luaL_Reg ltime_funcs[] = {
	{ "now", ltime_now_l },
	{ "sleep", ltime_sleep },
	{ "after", ltime_after },
	{ NULL, NULL }
};

int
luaopen_time(lua_State *L)
{
	luaL_newlib(L, ltime_funcs);
	return (1);
}
