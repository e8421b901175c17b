/*
 * The sandbox (spec section 5), in two layers:
 *
 * - the Lua environment: an allow-list of globals, built fresh, made the
 *   state's global table (so load and every C function see it too); what is
 *   not listed here does not exist for the process;
 * - the OS layer (sandbox_lock before INIT, sandbox_harden after; isolate.c):
 *   rlimits, no_new_privs, seccomp. It must run after the event loop and
 *   the socket are set up and before any user code is loaded.
 */
#include "config.h"

#include <sys/random.h>

#include <string.h>
#include <time.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "forkbox/proto.h"
#include "clip.h"
#include "log.h"
#include "worker.h"

/* Base library functions a process may use as they are. */
static const char *const sandbox_base[] = {
	"assert", "error", "ipairs", "next", "pairs", "rawequal", "rawget",
	"rawlen", "rawset", "select", "setmetatable", "getmetatable",
	"tonumber", "tostring", "type", NULL
};

static const char *const sandbox_os[] = {
	"time", "clock", "date", "difftime", NULL
};

/* Built-in modules for require(), for every entry and library. Imports
 * (library.c) are looked up after these. */
static const luaL_Reg sandbox_modules[] = {
	{ "time", luaopen_time },
	{ "json", luaopen_json },
	{ NULL, NULL }
};

/* require(name) caches what each module returned, per process. */
static char	sandbox_loaded_key;

/* Seeds for math.random, read while getrandom is still allowed. */
static uint64_t	sandbox_entropy[2];
static int	sandbox_entropy_read;
static uint64_t	sandbox_reseeds;

/* What needs calls the filter refuses, before it: the seeds, of
 * math.random and of jansson's hash tables (it opens /dev/urandom on its
 * first object otherwise, in INIT). Per process, each its own. */
static void
sandbox_entropy_take(void)
{
	struct timespec	ts;

	if (sandbox_entropy_read)
		return;
	sandbox_entropy_read = 1;
	if (getrandom(sandbox_entropy, sizeof sandbox_entropy,
	    GRND_NONBLOCK) != (ssize_t)sizeof sandbox_entropy) {
		clock_gettime(CLOCK_REALTIME, &ts);
		sandbox_entropy[0] ^= (uint64_t)ts.tv_sec * 1000000000ULL +
		    (uint64_t)ts.tv_nsec;
	}
	json_object_seed((size_t)(sandbox_entropy[0] ^ sandbox_entropy[1]));
}

/* A strict worker, before INIT: the OS layer's first part (isolate_lock).
 * Returns 0, or -1 with err. */
int
sandbox_lock(char *err, size_t errlen)
{
	sandbox_entropy_take();
	return (isolate_lock(err, errlen));
}

/* The OS layer (isolate.c). Returns 0, or -1 with err. */
int
sandbox_harden(const struct worker_limits *limits, char *err, size_t errlen)
{
	sandbox_entropy_take();
	return (isolate_apply(limits, err, errlen));
}

/*
 * math.randomseed with Lua's as upvalue 1. Without arguments Lua's seeds
 * from the time and the address of the interpreter's state, and returns
 * both: here the seeds come from the entropy read at start (and the
 * clock), so no address shows. With arguments it is Lua's.
 */
static int
sandbox_randomseed(lua_State *L)
{
	struct timespec	ts;

	if (lua_isnone(L, 1)) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		sandbox_reseeds++;
		lua_pushinteger(L, (lua_Integer)(sandbox_entropy[0] ^
		    ((uint64_t)ts.tv_nsec << 32 | (uint64_t)ts.tv_sec)));
		lua_pushinteger(L, (lua_Integer)(sandbox_entropy[1] +
		    sandbox_reseeds * 0x9e3779b97f4a7c15ULL));
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return (lua_gettop(L));
}

/*
 * Seed math.random from the entropy read at start, in either sandbox:
 * Lua's own first seed is the time in seconds and the state's address,
 * which children of one zygote share (the same heap, the same layout),
 * and a strict child's state comes from the zygote (template.c): a seed
 * drawn there would be every child's.
 * Raises on memory exhaustion.
 */
void
sandbox_seed(lua_State *L)
{
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_getfield(L, -1, LUA_MATHLIBNAME);
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, (lua_Integer)sandbox_entropy[0]);
	lua_pushinteger(L, (lua_Integer)sandbox_entropy[1]);
	lua_call(L, 2, 0);
	lua_pop(L, 2);
}

/* pcall/xpcall result, as in lbaselib.c; a memory error ends the process
 * here so user code cannot catch its way past the memory limit. */
static int
sandbox_finishpcall(lua_State *L, int status, lua_KContext extra)
{
	if (status == LUA_ERRMEM)
		worker_exit_memory();
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return (2);			/* false, message */
	}
	return (lua_gettop(L) - (int)extra);	/* all results */
}

static int
sandbox_pcall(lua_State *L)
{
	int	status;

	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);			/* first result if no error */
	lua_insert(L, 1);
	status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0,
	    sandbox_finishpcall);
	return (sandbox_finishpcall(L, status, 0));
}

static int
sandbox_xpcall(lua_State *L)
{
	int	status, n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);			/* below the arguments */
	status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, sandbox_finishpcall);
	return (sandbox_finishpcall(L, status, 2));
}

/* The longest text one FB_PRINT carries: it fits the smallest frame a
 * broker takes from a worker (max_message_size + FB_ENVELOPE_MAX), marker
 * included, so a long print is cut, never a protocol error. */
#define SANDBOX_PRINT_MAX	(60u * 1024)

/* Queue text as one FB_PRINT, cut with a marker when longer than
 * SANDBOX_PRINT_MAX. 0, or -1 with err set (as conn_sendv). */
int
sandbox_send_print(const char *s, size_t len, char *err, size_t errlen)
{
	static char	buf[SANDBOX_PRINT_MAX + CLIP_MARKER_MAX];

	if (len > SANDBOX_PRINT_MAX) {
		len = clip(buf, SANDBOX_PRINT_MAX, s, len);
		s = buf;
	}
	return (conn_sendv(FB_PRINT, 0, 0, NULL, 0, s, len, err, errlen));
}

/* print(...): one FB_PRINT, arguments tostring'ed and joined by tabs. */
static int
sandbox_print(lua_State *L)
{
	luaL_Buffer	 b;
	char		 err[128];
	const char	*s;
	size_t		 len;
	int		 i, n = lua_gettop(L);

	luaL_buffinit(L, &b);
	for (i = 1; i <= n; i++) {
		s = ident_tolstring(L, i, &len);
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_addvalue(&b);
		(void)s;
	}
	luaL_pushresult(&b);
	s = lua_tolstring(L, -1, &len);
	if (sandbox_send_print(s, len, err, sizeof err) != 0)
		log_debug("print: %s", err);
	return (sched_throttle(L, 0));
}

/*
 * load(chunk [, name [, mode [, env]]]): text chunks only, by
 * construction: whatever the caller passed, the base load (upvalue 1) is
 * called on a fresh stack top with exactly chunk, name, "t" and the
 * environment (the caller's fourth argument when given, else the sandbox,
 * which is the global table), and only its results are returned. The mode
 * argument is ignored; extra arguments are dropped.
 */
static int
sandbox_load(lua_State *L)
{
	int	given_env = lua_gettop(L) >= 4;

	lua_settop(L, 4);			/* chunk, name, mode, env */
	lua_pushvalue(L, lua_upvalueindex(1));	/* 5: the base library's load */
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_pushliteral(L, "t");
	if (given_env)
		lua_pushvalue(L, 4);
	else
		lua_pushglobaltable(L);
	lua_call(L, 4, LUA_MULTRET);
	/* A memory error in the reader or the parser comes back as
	 * nil, "not enough memory": the limit is broken all the same. */
	if (worker.oom)
		worker_exit_memory();
	return (lua_gettop(L) - 4);		/* the base load's results */
}

/* collectgarbage("count") only. */
static int
sandbox_collectgarbage(lua_State *L)
{
	const char	*opt = luaL_optstring(L, 1, "collect");

	if (strcmp(opt, "count") != 0)
		return (luaL_error(L, "collectgarbage: only \"count\" is "
		    "allowed"));
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) +
	    (lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024);
	return (1);
}

/*
 * require(name): a built-in module or an imported library, each loaded
 * once per process. With sandbox "none" the standard require (upvalue 1)
 * takes every other name.
 */
static int
sandbox_require(lua_State *L)
{
	const char	*name = luaL_checkstring(L, 1);
	const char	*ref;
	const luaL_Reg	*m;

	lua_settop(L, 1);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox_loaded_key);	/* 2 */
	if (lua_getfield(L, 2, name) != LUA_TNIL)
		return (1);
	lua_pop(L, 1);
	for (m = sandbox_modules; m->name != NULL; m++) {
		if (strcmp(m->name, name) != 0)
			continue;
		lua_pushcfunction(L, m->func);
		lua_pushvalue(L, 1);
		lua_call(L, 1, 1);
		lua_pushvalue(L, -1);
		lua_setfield(L, 2, name);
		return (1);
	}
	lua_settop(L, 1);
	/* the caller's imports: the entry's, or in a library its own */
	if ((ref = library_resolve(L, name)) != NULL)
		return (library_load(L, ref));
	if (lua_isfunction(L, lua_upvalueindex(1))) {
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_insert(L, 1);
		lua_call(L, 1, LUA_MULTRET);
		return (lua_gettop(L));
	}
	return (library_not_found(L, name));
}

/* Open one standard library without touching the globals; pushes it. */
static void
sandbox_lib(lua_State *L, const char *name, lua_CFunction open)
{
	luaL_requiref(L, name, open, 0);
}

/* Copy the listed fields of the table at src into the table at dst. */
static void
sandbox_copy(lua_State *L, int src, int dst, const char *const *names)
{
	for (; *names != NULL; names++) {
		lua_getfield(L, src, *names);
		lua_setfield(L, dst, *names);
	}
}

/* Our functions, in both modes. */
static void
sandbox_common(lua_State *L, int env)
{
	lua_pushcfunction(L, sandbox_print);
	lua_setfield(L, env, "print");
	lua_pushcfunction(L, sandbox_pcall);
	lua_setfield(L, env, "pcall");
	lua_pushcfunction(L, sandbox_xpcall);
	lua_setfield(L, env, "xpcall");
	luaopen_process(L);
	lua_setfield(L, env, "process");
	luaopen_channel(L);
	lua_setfield(L, env, "channel");
	lua_getfield(L, env, "coroutine");
	sched_open_coroutine(L);
	lua_pop(L, 1);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &sandbox_loaded_key);
}

/*
 * Build the environment for limits.sandbox "strict" (the allow-list) or
 * "none" (trusted code: the standard libraries too). It becomes the global
 * table. Raises on memory exhaustion.
 */
void
sandbox_open(lua_State *L)
{
	const luaL_Reg	*m;
	int		 base, env, names;

	if (!worker.limits.sandbox_strict) {
		luaL_openlibs(L);
		lua_pushglobaltable(L);
		env = lua_gettop(L);
		sandbox_common(L, env);
		lua_getfield(L, env, "require");
		lua_pushcclosure(L, sandbox_require, 1);
		lua_setfield(L, env, "require");
		/* require finds our modules through package.preload */
		lua_getfield(L, env, "package");
		lua_getfield(L, -1, "preload");
		for (m = sandbox_modules; m->name != NULL; m++) {
			lua_pushcfunction(L, m->func);
			lua_setfield(L, -2, m->name);
		}
		lua_pop(L, 3);
		return;
	}

	sandbox_lib(L, LUA_GNAME, luaopen_base);		/* old globals */
	base = lua_gettop(L);
	lua_newtable(L);
	env = lua_gettop(L);
	lua_newtable(L);
	names = lua_gettop(L);
	sandbox_copy(L, base, env, sandbox_base);

	lua_getfield(L, base, "load");
	lua_pushvalue(L, -1);
	lua_pushcclosure(L, sandbox_load, 1);
	lua_setfield(L, env, "load");
	lua_setfield(L, names, "load");
	lua_pushcfunction(L, sandbox_collectgarbage);
	lua_setfield(L, env, "collectgarbage");
	lua_pushcfunction(L, sandbox_require);
	lua_setfield(L, env, "require");

	sandbox_lib(L, LUA_STRLIBNAME, luaopen_string);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");	/* from the table strings index too */
	lua_setfield(L, env, "string");
	ident_open(L, env);
	lua_setfield(L, names, "format");
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushliteral(L, "protected");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	sandbox_lib(L, LUA_TABLIBNAME, luaopen_table);
	lua_setfield(L, env, "table");
	sandbox_lib(L, LUA_MATHLIBNAME, luaopen_math);
	lua_getfield(L, -1, "randomseed");
	lua_pushcclosure(L, sandbox_randomseed, 1);
	lua_setfield(L, -2, "randomseed");
	lua_setfield(L, env, "math");
	sandbox_lib(L, LUA_UTF8LIBNAME, luaopen_utf8);
	lua_setfield(L, env, "utf8");
	sandbox_lib(L, LUA_COLIBNAME, luaopen_coroutine);
	lua_setfield(L, env, "coroutine");
	sandbox_lib(L, LUA_OSLIBNAME, luaopen_os);
	lua_newtable(L);
	sandbox_copy(L, lua_gettop(L) - 1, lua_gettop(L), sandbox_os);
	lua_setfield(L, env, "os");
	lua_pop(L, 1);				/* full os library */

	sandbox_common(L, env);
	lua_pushvalue(L, env);
	lua_setfield(L, env, LUA_GNAME);	/* _G: the sandbox itself */

	/* The environment becomes the global table; the old one (with
	 * dofile, loadfile, ...) is dropped from the loaded table, where
	 * the base functions our wrappers call take its place: error
	 * messages find their names there ("bad argument #2 to 'format'"). */
	lua_pushvalue(L, env);
	lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_pushvalue(L, names);
	lua_setfield(L, -2, LUA_GNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, LUA_OSLIBNAME);
	lua_pop(L, 1);
	lua_settop(L, base - 1);
}
