/*
 * The Lua state a strict child inherits (issue 16: "the Lua state's
 * libraries and sandbox tables" prepared in the zygote).
 *
 * Before its first fork, once it has compiled the app's chunks
 * (chunkcache.c), the zygote builds one Lua state with the strict
 * sandbox's environment (sandbox_open: the allow-list globals, the
 * string/table/math copies, the string metatable, the process, channel
 * and coroutine tables) and every compiled chunk loaded as a function:
 * everything in it is the same for every strict process of every host.
 * Nothing in it depends on a process: no pid, host, argument, permission
 * or seed (math.random is seeded in the child, from the kernel:
 * sandbox_seed). A child of a strict host takes it (template_take)
 * instead of building its own, takes its entry's and its libraries'
 * functions from it (template_push_chunk: the top level still runs in
 * the child, once) and drops the others (template_drop_chunks); a
 * trusted child builds its own state as before, since its environment
 * (package.path from the broker's environment, which reaches it in
 * INIT) is not the zygote's.
 *
 * The state lives in an arena (arena.c) the zygote never touches again,
 * so the pages stay shared until a child writes them. The child's
 * allocator (worker.c) takes over: a block of the arena is never given
 * to free() or realloc(): freeing it only counts, growing it moves it to
 * the child's malloc heap (template_move). The state collects in
 * generational mode: the zygote's switch to it is a full collection that
 * leaves every inherited object old, and a young collection in a child
 * neither marks nor sweeps old objects, so it does not write (copy) their
 * pages; a major collection, once the child's own heap has grown past
 * what it inherited, does.
 *
 * The child's memory limit counts the inherited bytes as its own, but
 * for the app's code (the functions, in an arena of their own, shared by
 * every process as the bytecode is): the heap a process starts with
 * counts as if it had built it, and so the limit stops a memory bomb
 * where it did. collectgarbage("count") is Lua's count: code included.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "worker.h"

#define TEMPLATE_ARENA	(4u * 1024 * 1024)	/* reserved; ~30 KiB used */
#define TEMPLATE_CODE_ARENA	(256u * 1024 * 1024)	/* the app's code */

static struct arena	 template_arena;
static struct arena	 template_strings;
static struct arena	 template_code;	/* the app's functions */
static size_t		 template_code_bytes;	/* live in template_code */
static int		 template_loading;	/* the app's chunks: code */
static lua_State	*template_L;
static int		 template_was_taken;
static unsigned long	 template_chunks_taken;	/* the test hook's */

/* Registry: the app's chunks as functions, by chunkcache index + 1. */
static char		 template_chunks_key;

/* The zygote's allocator for the template: what loading the app's
 * chunks allocates in the code arena, new strings in an arena of their
 * own, the rest in the main one. */
static void *
template_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct arena	*a = &template_arena;
	void		*p;

	if (ptr != NULL && arena_owns(&template_code, ptr)) {
		template_code_bytes -= osize;
		a = &template_code;
	} else if (ptr != NULL ? arena_owns(&template_strings, ptr) :
	    (osize & 0x0f) == LUA_TSTRING)
		a = &template_strings;
	if (template_loading && (ptr == NULL || a == &template_code))
		a = &template_code;
	p = arena_alloc(a, ptr, osize, nsize);
	if (a == &template_code)
		template_code_bytes += p != NULL ? nsize : (ptr != NULL &&
		    nsize != 0 ? osize : 0);
	return (p);
}

/* Under lua_pcall: the strict environment. */
static int
template_open(lua_State *L)
{
	sandbox_open(L);
	return (0);
}

/* Under lua_pcall: every chunk the zygote compiled, loaded from its
 * bytecode as luaL_loadbufferx would in the child, in the registry. */
static int
template_load_chunks(lua_State *L)
{
	const char	*name, *code;
	size_t		 i, len;

	/* The table outside the code arena, sized now: a child writes it
	 * (template_push_chunk, template_drop_chunks), not the code. */
	for (i = 0; chunkcache_get(i, &name, &code, &len) == 0; i++)
		;
	lua_createtable(L, i > INT_MAX ? INT_MAX : (int)i, 0);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &template_chunks_key);
	template_loading = 1;
	for (i = 0; chunkcache_get(i, &name, &code, &len) == 0; i++) {
		if (code == NULL)
			continue;	/* did not compile: a child says why */
		if (luaL_loadbufferx(L, code, len, name, "b") != LUA_OK)
			return (lua_error(L));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	template_loading = 0;
	return (0);
}

static void
template_release(void)
{
	arena_release(&template_arena);
	arena_release(&template_strings);
	arena_release(&template_code);
}

/*
 * In the zygote, once the app's chunks are compiled (chunkcache.c):
 * build the strict state with them. On any failure there is none, and
 * every child builds its own.
 */
void
template_build(void)
{
	lua_State	*L;
	int		 strict = worker.limits.sandbox_strict, r;

	if (arena_init(&template_arena, TEMPLATE_ARENA) == -1 ||
	    arena_init(&template_strings, TEMPLATE_ARENA) == -1 ||
	    arena_init(&template_code, TEMPLATE_CODE_ARENA) == -1 ||
	    (L = lua_newstate(template_alloc, NULL)) == NULL) {
		template_release();
		return;
	}
	worker.limits.sandbox_strict = 1;
	lua_pushcfunction(L, template_open);
	r = lua_pcall(L, 0, 0, 0);
	worker.limits.sandbox_strict = strict;
	if (r == LUA_OK) {
		lua_pushcfunction(L, template_load_chunks);
		r = lua_pcall(L, 0, 0, 0);
		template_loading = 0;
	}
	if (r != LUA_OK) {
		lua_close(L);
		template_release();
		return;
	}
	/* A full collection: what survives is old, the rest stays behind
	 * as holes in the arena, which no child touches. */
	(void)lua_gc(L, LUA_GCGEN, 0, 0);
	arena_trim(&template_arena);
	arena_trim(&template_strings);
	arena_trim(&template_code);
	template_L = L;
}

/*
 * In a strict child: the state, now allocating with f (ud NULL), and in
 * *usedp the bytes it holds that count against its memory limit: all
 * but the app's code, which (as the zygote's bytecode) the process
 * shares with every other one. NULL when the zygote built none.
 */
lua_State *
template_take(lua_Alloc f, size_t *usedp)
{
	lua_State	*L = template_L;
	size_t		 total;

	if (L == NULL)
		return (NULL);
	template_L = NULL;
	template_was_taken = 1;
	lua_setallocf(L, f, NULL);
	total = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 +
	    (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
	*usedp = total > template_code_bytes ? total - template_code_bytes : 0;
	return (L);
}

/*
 * Push chunk i of chunkcache.c as a function, the one the zygote loaded,
 * and forget it (a process loads a chunk once: its entry, each library
 * on its first require). Returns 1, or 0 (nothing pushed) in a state
 * that is not the template or when it was taken already.
 */
int
template_push_chunk(lua_State *L, size_t i)
{
	if (!template_was_taken)
		return (0);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &template_chunks_key) !=
	    LUA_TTABLE) {
		lua_pop(L, 1);
		return (0);
	}
	if (lua_rawgeti(L, -1, (lua_Integer)i + 1) != LUA_TFUNCTION) {
		lua_pop(L, 2);
		return (0);
	}
	lua_pushnil(L);
	lua_rawseti(L, -3, (lua_Integer)i + 1);
	lua_remove(L, -2);				/* the table */
	template_chunks_taken++;
	return (1);
}

/*
 * In a child that took the state: drop the app's functions whose chunk
 * name ("@chunk") wanted says this process will not load, so that its
 * collector neither marks them (which would copy their pages) nor keeps
 * them. Does not allocate.
 */
void
template_drop_chunks(lua_State *L, int (*wanted)(const char *))
{
	const char	*name, *code;
	size_t		 i, len;

	if (!template_was_taken)
		return;
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &template_chunks_key) ==
	    LUA_TTABLE) {
		for (i = 0; chunkcache_get(i, &name, &code, &len) == 0; i++) {
			if (wanted(name))
				continue;
			lua_pushnil(L);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
	}
	lua_pop(L, 1);
}

/* Whether p is a block of the inherited state. */
int
template_owns(const void *p)
{
	return (arena_owns(&template_arena, p) ||
	    arena_owns(&template_strings, p) ||
	    arena_owns(&template_code, p));
}

/* Whether the memory limit counts inherited block p (template_take). */
int
template_counts(const void *p)
{
	return (!arena_owns(&template_code, p));
}

/* A block of the inherited state grown or shrunk to nsize: a copy on
 * the malloc heap (the old block stays where it is), or NULL. */
void *
template_move(void *ptr, size_t osize, size_t nsize)
{
	void	*p;

	if ((p = malloc(nsize)) == NULL)
		return (NULL);
	memcpy(p, ptr, osize < nsize ? osize : nsize);
	return (p);
}

/* Whether this process took the state, and how many of the app's
 * functions with it (the test hook's). */
int
template_taken(unsigned long *chunksp)
{
	*chunksp = template_chunks_taken;
	return (template_was_taken);
}
