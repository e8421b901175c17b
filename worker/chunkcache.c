/*
 * Chunks compiled once, in the zygote (design.md "Spawning from a
 * zygote"; issue 16: a 100 KiB library costs no compile per spawn).
 *
 * The broker sends the zygote the app's sources (FB_ZYGOTE_SOURCE, one
 * chunk each) before its first fork; the zygote compiles each in a Lua
 * state of its own that it closes again, and keeps the bytecode
 * (lua_dump, with its debug information: errors still name chunk:line),
 * which it then also loads into the state strict children inherit
 * (template.c). Its children inherit the cache by fork. When a child
 * loads a chunk whose name and text are exactly a cached one's, it takes
 * that function from its inherited state, or loads the bytecode (mode
 * "b", here only: the sandbox's load stays text-only);
 * anything else (an exec'd worker, a text the broker did not send, a
 * chunk that did not compile) is compiled from its text as before, so a
 * syntax error fails exactly as it did. What a chunk does is unchanged:
 * a library's top level still runs once per process, in that process.
 * The bytecode comes from our own compiler in the zygote, never from the
 * broker or a user: loading it is as safe as compiling the text.
 *
 * The zygote keeps every text it is sent, compiled or not, in the order
 * it was sent, or exits: so the broker, which knows that order, names an
 * entry or a library by its number here instead of sending its text in
 * every INIT (chunkcache_named; proto.h, "zchunk").
 */
#include "config.h"

#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "log.h"
#include "worker.h"

#define CHUNKCACHE_ARENA	(64u * 1024 * 1024)	/* a compile's memory */

struct chunkcache_entry {
	char	*name;		/* "@chunk" */
	char	*text;
	size_t	 text_len;
	char	*code;		/* lua_dump's bytecode; NULL: no compile */
	size_t	 code_len;
	size_t	 map_len;	/* all three in one mapping of this size */
};

static struct chunkcache_entry	*chunkcache;
static size_t			 chunkcache_n;
static unsigned long		 chunkcache_compiles; /* texts compiled here */

struct chunkcache_buf {
	struct arena		*arena;
	char			*p;
	size_t			 len;
};

/* lua_dump's writer: the bytecode, in a block of the arena it grows. */
static int
chunkcache_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
	struct chunkcache_buf	*b = ud;
	char			*np;

	if (sz > CHUNKCACHE_ARENA - b->len || (np = arena_alloc(b->arena,
	    b->p, b->len, b->len + sz)) == NULL)
		return (1);
	memcpy(np + b->len, p, sz);
	b->p = np;
	b->len += sz;
	return (0);
}

/* Keep name, text and code (clen 0: none) in one read-only mapping of
 * their own. Returns 0 or -1. */
static int
chunkcache_keep(const char *name, const char *text, size_t len,
    const char *code, size_t clen)
{
	struct chunkcache_entry	*ne, *e;
	size_t			 nlen = strlen(name) + 1, size;
	char			*m;

	if (len > SIZE_MAX / 4 || clen > SIZE_MAX / 4)
		return (-1);
	size = nlen + len + clen;
	if ((m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		return (-1);
	if ((ne = reallocarray(chunkcache, chunkcache_n + 1,
	    sizeof *chunkcache)) == NULL) {
		(void)munmap(m, size);
		return (-1);
	}
	chunkcache = ne;
	e = &chunkcache[chunkcache_n++];
	e->name = memcpy(m, name, nlen);
	e->text = memcpy(m + nlen, text, len);
	e->text_len = len;
	e->code = clen != 0 ? memcpy(m + nlen + len, code, clen) : NULL;
	e->code_len = clen;
	e->map_len = size;
	(void)mprotect(m, size, PROT_READ);
	return (0);
}

/*
 * In the zygote: compile text under chunk name "@chunk" and keep both.
 * A chunk that does not compile, or memory that runs out for the compile,
 * is kept as text alone (a child then compiles it itself and reports what
 * it says). Returns -1 when the text could not be kept either.
 */
int
chunkcache_add(const char *chunk, const char *text, size_t len)
{
	struct arena		 a;
	struct chunkcache_buf	 b = { &a, NULL, 0 };
	lua_State		*L;
	char			*name;
	int			 r;

	if (asprintf(&name, "@%s", chunk) == -1)
		return (-1);
	/* the compile's memory in a mapping of its own (arena.c) */
	if (arena_init(&a, CHUNKCACHE_ARENA) == -1) {
		r = chunkcache_keep(name, text, len, NULL, 0);
		free(name);
		return (r);
	}
	if ((L = lua_newstate(arena_alloc, &a)) != NULL) {
		if (luaL_loadbufferx(L, text, len, name, "t") != LUA_OK ||
		    lua_dump(L, chunkcache_writer, &b, 0) != 0)
			b.len = 0;
	}
	r = chunkcache_keep(name, text, len, b.p, b.len);
	if (L != NULL)
		lua_close(L);
	arena_release(&a);
	free(name);
	return (r);
}

/*
 * Push the function of chunk text under name ("@chunk"), as
 * luaL_loadbufferx(L, text, len, name, "t") would: the zygote's own
 * (template.c) or one from its bytecode when it compiled this very text
 * under this name, else compiled here. Returns what lua_load does.
 */
int
chunkcache_load(lua_State *L, const char *text, size_t len,
    const char *name)
{
	const struct chunkcache_entry	*e;
	size_t				 i;

	for (i = 0; i < chunkcache_n; i++) {
		e = &chunkcache[i];
		/* text may be e->text itself (chunkcache_named) */
		if (e->text_len != len || strcmp(e->name, name) != 0 ||
		    (e->text != text && memcmp(e->text, text, len) != 0))
			continue;
		if (e->code == NULL)
			break;		/* did not compile in the zygote */
		/* the function itself, in a state from the zygote */
		if (template_push_chunk(L, i))
			return (LUA_OK);
		return (luaL_loadbufferx(L, e->code, e->code_len, name, "b"));
	}
	chunkcache_compiles++;
	return (luaL_loadbufferx(L, text, len, name, "t"));
}

/* Chunk i's name ("@chunk") and bytecode (NULL when it did not
 * compile); 0, or -1 past the last. */
int
chunkcache_get(size_t i, const char **namep, const char **codep,
    size_t *lenp)
{
	if (i >= chunkcache_n)
		return (-1);
	*namep = chunkcache[i].name;
	*codep = chunkcache[i].code;
	*lenp = chunkcache[i].code_len;
	return (0);
}

/* The text of chunk i as the broker sent it to the zygote, when that
 * chunk is named chunk ("@" + chunk here) and is len bytes long; else
 * NULL (always, in an exec'd worker). */
const char *
chunkcache_named(size_t i, const char *chunk, size_t len)
{
	const struct chunkcache_entry	*e;

	if (i >= chunkcache_n || chunk == NULL)
		return (NULL);
	e = &chunkcache[i];
	if (e->text_len != len || e->name[0] != '@' ||
	    strcmp(e->name + 1, chunk) != 0)
		return (NULL);
	return (e->text);
}

/* How many chunks this process compiled from text (the test hook's). */
unsigned long
chunkcache_compiled(void)
{
	return (chunkcache_compiles);
}
