/*
 * Coroutine scheduler. Every concurrent Lua coroutine of the process (main,
 * and each coroutine.spawn) is a task. A blocking operation (a channel, a
 * timer, a broker reply) records what the task waits for, then yields a
 * private key; the scheduler sees the key and parks the task until
 * sched_wake() hands it the operation's results.
 *
 * User coroutines (coroutine.create/wrap) stay plain Lua coroutines: our
 * coroutine.resume passes a block from inside one up to the task and the
 * wake values back down, so ch:receive() works inside a generator too.
 */
#include "config.h"

#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <lauxlib.h>
#include <lua.h>

#include "log.h"
#include "worker.h"

static struct task_list	 sched_runq = TAILQ_HEAD_INITIALIZER(sched_runq);
static struct task_list	 sched_nextq = TAILQ_HEAD_INITIALIZER(sched_nextq);
static struct task_list	 sched_replyq = TAILQ_HEAD_INITIALIZER(sched_replyq);
static struct task_list	 sched_outq = TAILQ_HEAD_INITIALIZER(sched_outq);
static struct task_list	 sched_all = TAILQ_HEAD_INITIALIZER(sched_all);
static struct task	*sched_running;
static lua_State	*sched_L;

/* Yielded by a blocking operation; Lua code cannot get hold of it. */
static char		 sched_block_key;
/* Stored in the extra space of a user coroutine while a block it made is
 * passed up to the task, so nobody else can resume it meanwhile. A task's
 * own thread holds its struct task there. */
static char		 sched_passing_key;

#define SCHED_RESUME	0
#define SCHED_WRAP	1

#define sched_extra(co)	(*(void **)lua_getextraspace(co))

void
sched_init(lua_State *L)
{
	sched_L = L;
	sched_extra(L) = NULL;	/* copied into every new thread */
}

struct task *
sched_current(void)
{
	return (sched_running);
}

/*
 * Start a task running the function below the nargs arguments on top of L
 * (all popped). Raises on memory exhaustion.
 */
struct task *
sched_spawn(lua_State *L, int nargs, int main)
{
	struct task	*t;
	lua_State	*co;
	int		 ref;

	co = lua_newthread(L);
	lua_insert(L, -(nargs + 2));		/* thread below fn and args */
	if (!lua_checkstack(co, nargs + 1))
		luaL_error(L, "too many arguments to coroutine.spawn");
	lua_xmove(L, co, nargs + 1);		/* fn and args to the task */
	ref = luaL_ref(L, LUA_REGISTRYINDEX);	/* pops and anchors co */
	if ((t = calloc(1, sizeof *t)) == NULL) {
		luaL_unref(L, LUA_REGISTRYINDEX, ref);
		luaL_error(L, "not enough memory");
	}
	t->co = co;
	t->ref = ref;
	t->main = main;
	t->nargs = nargs;
	t->state = TASK_RUNNABLE;
	t->wait = TASK_WAIT_NONE;
	sched_extra(co) = t;
	TAILQ_INSERT_TAIL(&sched_all, t, all);
	TAILQ_INSERT_TAIL(&sched_runq, t, entry);
	return (t);
}

static void
sched_free(struct task *t)
{
	TAILQ_REMOVE(&sched_all, t, all);
	lua_settop(t->co, 0);
	sched_extra(t->co) = NULL;
	luaL_unref(sched_L, LUA_REGISTRYINDEX, t->ref);
	free(t->req_dest);
	free(t);
}

/* Raise unless the running code may block: inside a task, yieldable. */
void
sched_check_block(lua_State *L, const char *what)
{
	if (sched_running == NULL || !lua_isyieldable(L))
		luaL_error(L, "%s: cannot block here (attempt to yield across "
		    "a C-call boundary)", what);
}

int
sched_can_block(lua_State *L)
{
	return (sched_running != NULL && lua_isyieldable(L));
}

/*
 * Park the running task. The caller has recorded what it waits for
 * (waiters, timer, request); k runs on wakeup with the wake values on top
 * of the stack, or, without k, those values are the C function's results.
 * Must be the return expression of a C function: it does not return.
 */
int
sched_block(lua_State *L, enum task_wait wait, lua_KContext ctx,
    lua_KFunction k)
{
	struct task	*t = sched_running;

	t->wait = wait;
	t->state = TASK_BLOCKED;
	if (wait == TASK_WAIT_REPLY)
		TAILQ_INSERT_TAIL(&sched_replyq, t, entry);
	else if (wait == TASK_WAIT_OUTPUT)
		TAILQ_INSERT_TAIL(&sched_outq, t, entry);
	lua_pushlightuserdata(L, &sched_block_key);
	return (lua_yieldk(L, 1, ctx, k));
}

/* Forget what a blocked task waits for. */
static void
sched_unwait(struct task *t)
{
	switch (t->wait) {
	case TASK_WAIT_NONE:
		break;
	case TASK_WAIT_CHANNEL:
		channel_unwait(t);
		break;
	case TASK_WAIT_TIMER:
		if (t->timer != NULL)
			event_free(t->timer);
		t->timer = NULL;
		break;
	case TASK_WAIT_REPLY:
		TAILQ_REMOVE(&sched_replyq, t, entry);
		free(t->req_dest);
		t->req_dest = NULL;
		break;
	case TASK_WAIT_OUTPUT:
		TAILQ_REMOVE(&sched_outq, t, entry);
		break;
	}
	t->wait = TASK_WAIT_NONE;
}

/* Make a blocked task runnable with the n values on top of L (popped). */
void
sched_wake(struct task *t, lua_State *L, int n)
{
	if (t->state != TASK_BLOCKED) {
		lua_pop(L, n);
		return;
	}
	sched_unwait(t);
	if (!lua_checkstack(t->co, n))
		luaL_error(L, "stack overflow waking a coroutine");
	lua_xmove(L, t->co, n);
	t->nargs = n;
	t->state = TASK_RUNNABLE;
	TAILQ_INSERT_TAIL(&sched_runq, t, entry);
}

/* Does a task wait for something only the broker can bring: a reply, or
 * a message or event on an empty mailbox channel? */
int
sched_waits_broker(void)
{
	return (!TAILQ_EMPTY(&sched_replyq) || channel_mail_waiting());
}

struct task *
sched_find_reply(uint64_t ref)
{
	struct task	*t;

	TAILQ_FOREACH(t, &sched_replyq, entry) {
		if (t->req_ref == ref)
			return (t);
	}
	return (NULL);
}

/* The output buffer drained: tasks throttled by it go on. */
void
sched_wake_output(lua_State *L)
{
	struct task	*t;

	while ((t = TAILQ_FIRST(&sched_outq)) != NULL)
		sched_wake(t, L, 0);
}

static int
sched_throttle_k(lua_State *L, int status, lua_KContext ctx)
{
	if (ctx != 0)
		lua_pushboolean(L, 1);
	return ((int)ctx);
}

/*
 * After queueing output: when the buffer is over its high-water mark and
 * the caller can block, wait until it drains. Returns nret: 0 (nothing) or
 * 1 (true), like the caller would.
 */
int
sched_throttle(lua_State *L, int nret)
{
	if (conn_congested()) {
		conn_flush();
		if (conn_congested() && sched_can_block(L))
			return (sched_block(L, TASK_WAIT_OUTPUT, nret,
			    sched_throttle_k));
	}
	return (sched_throttle_k(L, LUA_OK, nret));
}

static void
sched_resume(struct task *t)
{
	lua_State	*co = t->co;
	int		 status, nres, nargs = t->nargs;

	t->nargs = 0;
	t->state = TASK_RUNNING;
	sched_running = t;
	status = lua_resume(co, sched_L, nargs, &nres);
	sched_running = NULL;
	switch (status) {
	case LUA_OK:
		if (t->main)
			worker_exit_normal(co, nres);
		sched_free(t);
		break;
	case LUA_YIELD:
		if (nres > 0 && lua_touserdata(co, -nres) == &sched_block_key) {
			lua_pop(co, nres);	/* blocked: sched_block set state */
			break;
		}
		/* A plain coroutine.yield() in a task: run again next pass. */
		lua_pop(co, nres);
		t->state = TASK_RUNNABLE;
		TAILQ_INSERT_TAIL(&sched_nextq, t, entry);
		break;
	case LUA_ERRMEM:
		worker_exit_memory();
	default:
		worker_exit_error(sched_L, co, status);
	}
}

/* One pass: run every runnable task, including those woken meanwhile. */
void
sched_run(void)
{
	struct task	*t;

	TAILQ_CONCAT(&sched_runq, &sched_nextq, entry);
	while ((t = TAILQ_FIRST(&sched_runq)) != NULL) {
		TAILQ_REMOVE(&sched_runq, t, entry);
		sched_resume(t);
		worker_check_limits();
	}
}

/* 1 when no task can run before some event arrives. */
int
sched_idle(void)
{
	return (TAILQ_EMPTY(&sched_runq) && TAILQ_EMPTY(&sched_nextq));
}

/* ---- coroutine library --------------------------------------------- */

static int	sched_co_k(lua_State *, int, lua_KContext);

/* Turn the r results (or -1: error message on top) into what resume or a
 * wrap function returns. */
static int
sched_co_finish(lua_State *L, lua_State *co, int r, lua_KContext ctx)
{
	int	stat;

	if (ctx == SCHED_RESUME) {
		if (r < 0) {
			lua_pushboolean(L, 0);
			lua_insert(L, -2);
			return (2);		/* false, message */
		}
		lua_pushboolean(L, 1);
		lua_insert(L, -(r + 1));
		return (r + 1);			/* true, results */
	}
	if (r >= 0)
		return (r);
	stat = lua_status(co);
	if (stat != LUA_OK && stat != LUA_YIELD) {
		/* close its to-be-closed variables, keep the message */
		lua_pop(L, 1);
		stat = lua_resetthread(co);
		lua_xmove(co, L, 1);
	}
	if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
		luaL_where(L, 1);
		lua_insert(L, -2);
		lua_concat(L, 2);
	}
	return (lua_error(L));
}

/*
 * Resume co with the narg values on top of L. When co blocks, L blocks in
 * turn (the block travels up to the task) and sched_co_k carries the wake
 * values back down into co.
 */
static int
sched_co_pass(lua_State *L, lua_State *co, int narg, lua_KContext ctx)
{
	int	status, nres;

	if (sched_extra(co) != NULL) {
		lua_pop(L, narg);
		lua_pushliteral(L, "cannot resume non-suspended coroutine");
		return (sched_co_finish(L, co, -1, ctx));
	}
	if (!lua_checkstack(co, narg)) {
		lua_pop(L, narg);
		lua_pushliteral(L, "too many arguments to resume");
		return (sched_co_finish(L, co, -1, ctx));
	}
	lua_xmove(L, co, narg);
	status = lua_resume(co, L, narg, &nres);
	if (status == LUA_YIELD && nres > 0 &&
	    lua_touserdata(co, -nres) == &sched_block_key) {
		if (!lua_isyieldable(L)) {
			/* The task cannot be parked from here: undo the
			 * wait; co stays stuck (never resumable again). */
			if (sched_running != NULL &&
			    sched_running->state == TASK_BLOCKED) {
				sched_unwait(sched_running);
				sched_running->state = TASK_RUNNING;
			}
			lua_pop(co, nres);
			sched_extra(co) = &sched_passing_key;
			lua_pushliteral(L, "attempt to block across a C-call "
			    "boundary");
			return (sched_co_finish(L, co, -1, ctx));
		}
		if (!lua_checkstack(L, nres))
			luaL_error(L, "stack overflow");
		sched_extra(co) = &sched_passing_key;
		lua_xmove(co, L, nres);
		return (lua_yieldk(L, nres, ctx, sched_co_k));
	}
	if (status == LUA_OK || status == LUA_YIELD) {
		if (!lua_checkstack(L, nres + 1)) {
			lua_pop(co, nres);
			lua_pushliteral(L, "too many results to resume");
			return (sched_co_finish(L, co, -1, ctx));
		}
		lua_xmove(co, L, nres);
		return (sched_co_finish(L, co, nres, ctx));
	}
	if (status == LUA_ERRMEM)
		worker_exit_memory();
	lua_xmove(co, L, 1);			/* error object */
	return (sched_co_finish(L, co, -1, ctx));
}

/* The task was woken: its values are above the prefix; pass them down. */
static int
sched_co_k(lua_State *L, int status, lua_KContext ctx)
{
	lua_State	*co;
	int		 base;

	if (ctx == SCHED_WRAP) {
		co = lua_tothread(L, lua_upvalueindex(1));
		base = 0;
	} else {
		co = lua_tothread(L, 1);
		base = 1;
	}
	sched_extra(co) = NULL;
	return (sched_co_pass(L, co, lua_gettop(L) - base, ctx));
}

static int
sched_co_resume(lua_State *L)
{
	lua_State	*co = lua_tothread(L, 1);

	luaL_argexpected(L, co != NULL, 1, "coroutine");
	return (sched_co_pass(L, co, lua_gettop(L) - 1, SCHED_RESUME));
}

static int
sched_co_wrapped(lua_State *L)
{
	lua_State	*co = lua_tothread(L, lua_upvalueindex(1));

	return (sched_co_pass(L, co, lua_gettop(L), SCHED_WRAP));
}

static int
sched_co_wrap(lua_State *L)
{
	lua_State	*co;

	luaL_checktype(L, 1, LUA_TFUNCTION);
	co = lua_newthread(L);
	lua_pushvalue(L, 1);
	lua_xmove(L, co, 1);			/* function to the thread */
	lua_pushcclosure(L, sched_co_wrapped, 1);
	return (1);
}

/* coroutine.close, refusing coroutines the scheduler or a block holds. */
static int
sched_co_close(lua_State *L)
{
	lua_State	*co = lua_tothread(L, 1);

	luaL_argexpected(L, co != NULL, 1, "coroutine");
	if (sched_extra(co) != NULL)
		return (luaL_error(L, "cannot close a running coroutine"));
	lua_pushvalue(L, lua_upvalueindex(1));	/* original close */
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return (lua_gettop(L));
}

/* coroutine.spawn(fn, ...): run fn(...) concurrently. */
static int
sched_co_spawn(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	sched_spawn(L, lua_gettop(L) - 1, 0);
	return (0);
}

/* Patch the coroutine library table on top of the stack. */
int
sched_open_coroutine(lua_State *L)
{
	lua_pushcfunction(L, sched_co_resume);
	lua_setfield(L, -2, "resume");
	lua_pushcfunction(L, sched_co_wrap);
	lua_setfield(L, -2, "wrap");
	lua_getfield(L, -1, "close");
	lua_pushcclosure(L, sched_co_close, 1);
	lua_setfield(L, -2, "close");
	lua_pushcfunction(L, sched_co_spawn);
	lua_setfield(L, -2, "spawn");
	return (1);
}
