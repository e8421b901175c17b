/*
 * Libraries (spec section 1): require(alias) for the imports of the entry
 * and of the libraries it reaches.
 *
 * Their code comes in the INIT frame ("imports" and "libs" in the
 * envelope, the sources raw after the arguments; proto.h), or, in a child
 * of a zygote the broker sent the app's sources to, INIT names each by
 * its number in the zygote's copy (chunkcache_named): the worker never
 * opens a file, and a generic pre-started worker can take any entry.
 * Nothing is loaded before require asks for it (and what the zygote
 * compiled is not compiled again: chunkcache.c). A library runs at most
 * once per process, however many aliases name it, so its value is cached by ref. Which imports apply is decided by
 * where require is called from: the chunk name of the nearest Lua function
 * on the stack says which library (or the entry) that code belongs to, so
 * a library function that calls require later still sees its own imports.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "log.h"
#include "worker.h"

static json_t	*library_imports;	/* the entry's {alias: ref} */
static json_t	*library_libs;		/* {ref: {"chunk", "imports", "at"
					   or "zchunk", "size", "name"}} */
static json_t	*library_scopes;	/* "@chunk" -> ref; the entry's
					   chunk -> null */
static char	*library_text;		/* the sources, from the payload */
static size_t	 library_text_len;

/* Registry: ref -> the value the library returned, or the loading mark. */
static char	 library_loaded_key;
static char	 library_loading;

/* Every ref an "imports" object names must be one of libs. */
static int
library_check_imports(json_t *imports, json_t *libs, const char *who,
    char *err, size_t errlen)
{
	const char	*alias;
	json_t		*ref;

	if (!json_is_object(imports)) {
		snprintf(err, errlen, "INIT: %s: imports is not an object",
		    who);
		return (-1);
	}
	json_object_foreach(imports, alias, ref) {
		if (!json_is_string(ref) ||
		    json_object_get(libs, json_string_value(ref)) == NULL) {
			snprintf(err, errlen, "INIT: %s: import '%s' names no "
			    "library in libs", who, alias);
			return (-1);
		}
	}
	return (0);
}

/* A non-negative JSON integer of at most max, or -1. */
static json_int_t
library_size(json_t *v, size_t max)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    (uint64_t)json_integer_value(v) > max)
		return (-1);
	return (json_integer_value(v));
}

/* Library lib's text: "size" bytes at "at" in the payload's sources, or
 * the zygote's copy number "zchunk" (NULL when there is none such). */
static const char *
library_text_of(json_t *lib, size_t *lenp)
{
	json_t		*zchunk = json_object_get(lib, "zchunk");
	json_int_t	 i;

	*lenp = (size_t)json_integer_value(json_object_get(lib, "size"));
	if (zchunk == NULL)
		return (library_text + json_integer_value(json_object_get(lib,
		    "at")));
	if ((i = library_size(zchunk, SIZE_MAX)) == -1 ||
	    library_size(json_object_get(lib, "size"), SIZE_MAX) == -1)
		return (NULL);
	return (chunkcache_named((size_t)i, json_string_value(
	    json_object_get(lib, "chunk")), *lenp));
}

/*
 * Take "imports", "libs" and "args_size" from the INIT envelope (all absent
 * when the entry imports nothing), check them so require can trust them,
 * and keep the library sources that follow the arguments in the payload;
 * *plenp becomes the length of the arguments alone. A library whose chunk
 * name is taken already (by the entry, or by another library with the same
 * file) is loaded as "chunk (ref)" so that where require is called from
 * stays unambiguous.
 */
int
library_configure(json_t *env, const char *payload, size_t *plenp,
    char *err, size_t errlen)
{
	json_t		*imports = json_object_get(env, "imports");
	json_t		*libs = json_object_get(env, "libs");
	json_t		*lib, *chunk, *zchunk;
	json_int_t	 args, at, size;
	size_t		 len;
	const char	*ref;
	char		*name;
	int		 r;

	if (imports == NULL && libs == NULL)
		return (0);
	if (!json_is_object(libs) || (args = library_size(json_object_get(env,
	    "args_size"), *plenp)) == -1) {
		snprintf(err, errlen, "INIT: bad libs or args_size");
		return (-1);
	}
	library_text_len = *plenp - (size_t)args;
	if (library_check_imports(imports, libs, "entry", err, errlen) != 0)
		return (-1);
	json_object_foreach(libs, ref, lib) {
		chunk = json_object_get(lib, "chunk");
		zchunk = json_object_get(lib, "zchunk");
		at = library_size(json_object_get(lib, "at"),
		    library_text_len);
		size = at == -1 ? -1 : library_size(json_object_get(lib,
		    "size"), library_text_len - (size_t)at);
		if (!json_is_string(chunk) || (zchunk == NULL ? size == -1 :
		    at != -1 || library_text_of(lib, &len) == NULL)) {
			snprintf(err, errlen, "INIT: library %s: bad chunk, "
			    "at, zchunk or size", ref);
			return (-1);
		}
		if (library_check_imports(json_object_get(lib, "imports"),
		    libs, ref, err, errlen) != 0)
			return (-1);
	}
	/* Our own copy: the payload is freed once main has its arguments. */
	if ((library_text = malloc(library_text_len + 1)) == NULL)
		fatal("malloc");
	memcpy(library_text, payload + args, library_text_len);
	*plenp = (size_t)args;

	if ((library_scopes = json_object()) == NULL)
		fatalx("out of memory");
	if (asprintf(&name, "@%s", worker.chunk) == -1)
		fatalx("out of memory");
	if (json_object_set_new(library_scopes, name, json_null()) == -1)
		fatalx("out of memory");
	free(name);
	json_object_foreach(libs, ref, lib) {
		chunk = json_object_get(lib, "chunk");
		if (asprintf(&name, "@%s", json_string_value(chunk)) == -1)
			fatalx("out of memory");
		if (json_object_get(library_scopes, name) != NULL) {
			free(name);
			if (asprintf(&name, "@%s (%s)",
			    json_string_value(chunk), ref) == -1)
				fatalx("out of memory");
		}
		r = json_object_set_new(library_scopes, name,
		    json_string(ref));
		if (r == 0)
			r = json_object_set_new(lib, "name", json_string(name));
		free(name);
		if (r == -1)
			fatalx("out of memory");
	}
	library_imports = json_incref(imports);
	library_libs = json_incref(libs);
	return (0);
}

/* Whether this process may load a chunk named name ("@chunk"): its
 * entry's or one of its libraries'. */
int
library_wanted(const char *name)
{
	return (json_object_get(library_scopes, name) != NULL ||
	    (name[0] == '@' && strcmp(name + 1, worker.chunk) == 0));
}

/* The library the calling Lua code belongs to, or NULL for the entry (and
 * for code that came from load() or has no Lua caller). */
static const char *
library_scope(lua_State *L)
{
	lua_Debug	ar;
	json_t		*ref;
	int		 level;

	for (level = 1; lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "S", &ar))
			break;
		if (strcmp(ar.what, "C") == 0)
			continue;		/* pcall(require, name) */
		ref = json_object_get(library_scopes, ar.source);
		return (json_is_string(ref) ? json_string_value(ref) : NULL);
	}
	return (NULL);
}

/* The ref that alias name means to the code calling require, or NULL. */
const char *
library_resolve(lua_State *L, const char *name)
{
	const char	*scope;
	json_t		*imports, *ref;

	if (library_libs == NULL)
		return (NULL);
	if ((scope = library_scope(L)) == NULL)
		imports = library_imports;
	else
		imports = json_object_get(json_object_get(library_libs,
		    scope), "imports");
	ref = json_object_get(imports, name);
	return (json_is_string(ref) ? json_string_value(ref) : NULL);
}

/* Raise the error for a name that is neither built in nor imported. */
int
library_not_found(lua_State *L, const char *name)
{
	const char	*scope = library_scope(L);

	if (scope != NULL)
		return (luaL_error(L, "module '%s' not found: not imported by "
		    "library %s (in entry %s)", name, scope, worker.entry));
	return (luaL_error(L, "module '%s' not found: not imported by entry "
	    "%s", name, worker.entry));
}

/* The library's top level returned (status LUA_OK or LUA_YIELD) or
 * raised: stack is 1 alias, 2 ref, 3 loaded table, then the result. */
static int
library_load_k(lua_State *L, int status, lua_KContext ctx)
{
	const char	*ref = lua_tostring(L, 2);

	if (status == LUA_ERRMEM)
		worker_exit_memory();
	if (status != LUA_OK && status != LUA_YIELD) {
		/* Not loaded: a later require (after a pcall) runs it again,
		 * as Lua's require does. The error already names the
		 * library's file:line. */
		lua_pushnil(L);
		lua_setfield(L, 3, ref);
		return (lua_error(L));
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);		/* as Lua's require */
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 3, ref);
	return (1);
}

/*
 * Push the value of library ref, required as alias (argument 1), running
 * its top level first if this process has not yet. Must be the return
 * expression of a C function: the top level may block.
 */
int
library_load(lua_State *L, const char *ref)
{
	json_t		*lib = json_object_get(library_libs, ref);
	const char	*name = json_string_value(json_object_get(lib, "name"));
	const char	*text;
	size_t		 size;
	int		 status;

	lua_settop(L, 1);
	lua_pushstring(L, ref);					/* 2 */
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &library_loaded_key) !=
	    LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &library_loaded_key);
	}							/* 3 */
	if (lua_getfield(L, 3, ref) != LUA_TNIL) {		/* 4 */
		if (lua_touserdata(L, 4) != &library_loading)
			return (1);
		/* Not a cycle (the loader refused those): another
		 * coroutine while the top level blocks, or the entry's
		 * code called back from that top level. */
		return (luaL_error(L, "require '%s': library %s is still "
		    "loading (required again before its top level returned)",
		    lua_tostring(L, 1), ref));
	}
	lua_pop(L, 1);

	lua_pushlightuserdata(L, &library_loading);
	lua_setfield(L, 3, ref);
	text = library_text_of(lib, &size);
	status = chunkcache_load(L, text, size, name);
	if (status != LUA_OK)
		return (library_load_k(L, status, 0));
	lua_pushvalue(L, 1);		/* ... is alias, file as in Lua */
	lua_pushstring(L, json_string_value(json_object_get(lib, "chunk")));
	status = lua_pcallk(L, 2, 1, 0, 0, library_load_k);
	return (library_load_k(L, status, 0));
}

/* How many bytes of library text INIT carried. */
size_t
library_text_bytes(void)
{
	return (library_text_len);
}
