/*
 * Test hooks: process._test_write_raw, _test_ospid, _test_syscall,
 * _test_zygote, _test_inherited, _test_compiles, _test_init_code and
 * _test_exit_then_crash, for the tests that play a misbehaving worker. Compiled only into the test
 * build of the worker (forkbox-worker-test, -DFORKBOX_TEST_HOOKS), which
 * make check and make check-faults run through FORKBOX_WORKER; the
 * installed forkbox-worker has none of this code.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "worker.h"

/* process._test_write_raw(bytes): bytes to the broker, unframed. */
static int
testhook_write_raw(lua_State *L)
{
	size_t		 len;
	const char	*s = luaL_checklstring(L, 1, &len);

	if (conn_write_raw(s, len) != 0)
		return (lprocess_fail(L, "broker connection lost"));
	lua_pushboolean(L, 1);
	return (1);
}

/* process._test_ospid(): this worker's OS pid, as the broker sees it (in
 * the jail's PID namespace getpid() says another number). */
static int
testhook_ospid(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)worker.ospid);
	return (1);
}

/* process._test_syscall(name [, a [, b]]) makes one raw system call
 * (isolate_test_call); its result, or nil and the errno text. */
static int
testhook_syscall(lua_State *L)
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

/* process._test_zygote(): true when a zygote forked this worker, false
 * when the broker forked and exec'd it; and which zygote: "strict" (the
 * confined one) or "trusted". */
static int
testhook_zygote(lua_State *L)
{
	lua_pushboolean(L, worker.from_zygote);
	if (!worker.from_zygote)
		return (1);
	lua_pushstring(L, worker.from_zygote == WORKER_ZYGOTE_STRICT ?
	    "strict" : "trusted");
	return (2);
}

/* process._test_inherited(): true when this process's Lua state is the
 * one the zygote built (template.c), and how many of the app's functions
 * the process took from it. */
static int
testhook_inherited(lua_State *L)
{
	unsigned long	n;

	lua_pushboolean(L, template_taken(&n));
	lua_pushinteger(L, (lua_Integer)n);
	return (2);
}

/* process._test_compiles(): how many chunks this process compiled from
 * their text (not the zygote's bytecode: chunkcache.c). */
static int
testhook_compiles(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)chunkcache_compiled());
	return (1);
}

/* process._test_init_code(): how many bytes of Lua text (the entry's
 * and its libraries') came in INIT (none when the zygote holds them:
 * chunkcache.c). */
static int
testhook_init_code(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)worker.init_code);
	return (1);
}

/* process._test_exit_then_crash(): EXIT "normal", then SIGSEGV. */
static int
testhook_exit_then_crash(lua_State *L)
{
	worker_test_exit_then_crash();
	return (0);
}

static const luaL_Reg testhook_funcs[] = {
	{ "_test_compiles", testhook_compiles },
	{ "_test_exit_then_crash", testhook_exit_then_crash },
	{ "_test_inherited", testhook_inherited },
	{ "_test_init_code", testhook_init_code },
	{ "_test_zygote", testhook_zygote },
	{ "_test_write_raw", testhook_write_raw },
	{ "_test_ospid", testhook_ospid },
	{ "_test_syscall", testhook_syscall },
	{ NULL, NULL }
};

/* Add the hooks to the process module table on top. */
void
testhook_open(lua_State *L)
{
	luaL_setfuncs(L, testhook_funcs, 0);
}
