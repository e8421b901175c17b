/*
 * The Lua state a strict child inherits (issue 16: "the Lua state's
 * libraries and sandbox tables" prepared in the zygote).
 *
 * Before its first fork the zygote builds one Lua state with the strict
 * sandbox's environment (sandbox_open: the allow-list globals, the
 * string/table/math copies, the string metatable, the process, channel
 * and coroutine tables): everything in it is the same for every strict
 * process of every host. Nothing in it depends on a process:
 * no pid, host, argument, permission or seed (math.random is seeded in the
 * child, from the kernel: sandbox_seed). A child of a strict host takes
 * it (template_take) instead of building its own; a trusted child builds
 * its own as before, since its environment (package.path from the
 * broker's environment, which reaches it in INIT) is not the zygote's.
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
 * The child's memory limit counts the inherited bytes as its own: the
 * heap a process starts with is the same as if it had built it, and so
 * are collectgarbage("count") and where the limit stops a memory bomb.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "worker.h"

#define TEMPLATE_ARENA	(4u * 1024 * 1024)	/* reserved; ~40 KiB used */

static struct arena	 template_arena;
static struct arena	 template_strings;
static lua_State	*template_L;
static int		 template_was_taken;

/* The zygote's allocator for the template: new strings in an arena of
 * their own. */
static void *
template_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct arena	*a = &template_arena;

	if (ptr == NULL ? (osize & 0x0f) == LUA_TSTRING :
	    arena_owns(&template_strings, ptr))
		a = &template_strings;
	return (arena_alloc(a, ptr, osize, nsize));
}

/* Under lua_pcall: the strict environment. */
static int
template_open(lua_State *L)
{
	sandbox_open(L);
	return (0);
}

/*
 * In the zygote: build the strict state. On any failure there is none,
 * and every child builds its own.
 */
void
template_build(void)
{
	lua_State	*L;
	int		 strict = worker.limits.sandbox_strict, r;

	if (arena_init(&template_arena, TEMPLATE_ARENA) == -1)
		return;
	if (arena_init(&template_strings, TEMPLATE_ARENA) == -1 ||
	    (L = lua_newstate(template_alloc, NULL)) == NULL) {
		arena_release(&template_arena);
		arena_release(&template_strings);
		return;
	}
	worker.limits.sandbox_strict = 1;
	lua_pushcfunction(L, template_open);
	r = lua_pcall(L, 0, 0, 0);
	worker.limits.sandbox_strict = strict;
	if (r != LUA_OK) {
		lua_close(L);
		arena_release(&template_arena);
		arena_release(&template_strings);
		return;
	}
	/* A full collection: what survives is old, the rest stays behind
	 * as holes in the arena, which no child touches. */
	(void)lua_gc(L, LUA_GCGEN, 0, 0);
	template_L = L;
}

/*
 * In a strict child: the state, now allocating with f (ud NULL), and in
 * *usedp the bytes it holds; NULL when the zygote built none.
 */
lua_State *
template_take(lua_Alloc f, size_t *usedp)
{
	lua_State	*L = template_L;

	if (L == NULL)
		return (NULL);
	template_L = NULL;
	template_was_taken = 1;
	lua_setallocf(L, f, NULL);
	*usedp = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 +
	    (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
	return (L);
}

/* Whether p is a block of the inherited state. */
int
template_owns(const void *p)
{
	return (arena_owns(&template_arena, p) ||
	    arena_owns(&template_strings, p));
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

/* Whether this process took the state (the test hook's). */
int
template_taken(void)
{
	return (template_was_taken);
}
