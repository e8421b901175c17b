/*
 * Chunks compiled once, in the zygote (design.md "Spawning from a
 * zygote"; issue 16: a 100 KiB library costs no compile per spawn).
 *
 * The broker sends the zygote the app's sources (FB_ZYGOTE_SOURCE, one
 * chunk each) before its first fork; the zygote compiles each in a Lua
 * state of its own that it closes again (it keeps no Lua state), and
 * keeps the bytecode (lua_dump, with its debug information: errors still
 * name chunk:line). Its children inherit the cache by fork. When a child
 * loads a chunk whose name and text are exactly a cached one's, it loads
 * the bytecode (mode "b", here only: the sandbox's load stays text-only);
 * anything else (an exec'd worker, a text the broker did not send, a
 * chunk that did not compile) is compiled from its text as before, so a
 * syntax error fails exactly as it did. What a chunk does is unchanged:
 * a library's top level still runs once per process, in that process.
 * The bytecode comes from our own compiler in the zygote, never from the
 * broker or a user: loading it is as safe as compiling the text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "log.h"
#include "worker.h"

struct chunkcache_entry {
	char	*name;		/* "@chunk" */
	char	*text;
	size_t	 text_len;
	char	*code;		/* lua_dump's bytecode */
	size_t	 code_len;
};

static struct chunkcache_entry	*chunkcache;
static size_t			 chunkcache_n;
static unsigned long		 chunkcache_compiles; /* texts compiled here */

struct chunkcache_buf {
	char	*p;
	size_t	 len, cap;
};

static int
chunkcache_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
	struct chunkcache_buf	*b = ud;
	size_t			 cap;
	char			*np;

	if (sz > SIZE_MAX / 2 - b->len)
		return (1);
	if (b->len + sz > b->cap) {
		cap = b->cap == 0 ? 4096 : b->cap;
		while (cap < b->len + sz)
			cap *= 2;
		if ((np = realloc(b->p, cap)) == NULL)
			return (1);
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, sz);
	b->len += sz;
	return (0);
}

/*
 * In the zygote: compile text under chunk name "@chunk" and keep it.
 * A chunk that does not compile, or memory that runs out, is not kept
 * (a child then compiles the text itself and reports what it says).
 */
void
chunkcache_add(const char *chunk, const char *text, size_t len)
{
	struct chunkcache_entry	*e, *ne;
	struct chunkcache_buf	 b = { NULL, 0, 0 };
	lua_State		*L;
	char			*name = NULL, *copy = NULL;
	int			 ok;

	if ((L = luaL_newstate()) == NULL)
		return;
	if (asprintf(&name, "@%s", chunk) == -1) {
		lua_close(L);
		return;
	}
	ok = luaL_loadbufferx(L, text, len, name, "t") == LUA_OK &&
	    lua_dump(L, chunkcache_writer, &b, 0) == 0;
	lua_close(L);
	if (ok && (copy = malloc(len + 1)) != NULL &&
	    (ne = reallocarray(chunkcache, chunkcache_n + 1,
	    sizeof *chunkcache)) != NULL) {
		memcpy(copy, text, len);
		copy[len] = '\0';
		chunkcache = ne;
		e = &chunkcache[chunkcache_n++];
		e->name = name;
		e->text = copy;
		e->text_len = len;
		e->code = b.p;
		e->code_len = b.len;
		return;
	}
	free(copy);
	free(name);
	free(b.p);
}

/*
 * Push the function of chunk text under name ("@chunk"), as
 * luaL_loadbufferx(L, text, len, name, "t") would: from the zygote's
 * bytecode when it compiled this very text under this name, else
 * compiled here. Returns what lua_load does.
 */
int
chunkcache_load(lua_State *L, const char *text, size_t len,
    const char *name)
{
	const struct chunkcache_entry	*e;
	size_t				 i;

	for (i = 0; i < chunkcache_n; i++) {
		e = &chunkcache[i];
		if (e->text_len == len && strcmp(e->name, name) == 0 &&
		    memcmp(e->text, text, len) == 0)
			return (luaL_loadbufferx(L, e->code, e->code_len,
			    name, "b"));
	}
	chunkcache_compiles++;
	return (luaL_loadbufferx(L, text, len, name, "t"));
}

/* How many chunks this process compiled from text (the test hook's). */
unsigned long
chunkcache_compiled(void)
{
	return (chunkcache_compiles);
}
