/*
 * Object identities without memory addresses (spec section 6): in a
 * strict process tostring, print, string.format("%s") and
 * string.format("%p") name a table, function, coroutine or userdata by a
 * per-process number ("table: #12", "#12") instead of its address, which
 * would tell native code where the heap is. The number is kept in a
 * weak-keyed registry table, so it stays the same for the object's whole
 * life and goes with it.
 */
#include "config.h"

#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "worker.h"

/* Registry: object -> its number (weak keys). */
static char		ident_key;
static lua_Integer	ident_last;

/* The number of the object at idx, given on first sight. */
static lua_Integer
ident_number(lua_State *L, int idx)
{
	lua_Integer	id;

	idx = lua_absindex(L, idx);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &ident_key) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_createtable(L, 0, 1);		/* its metatable */
		lua_pushliteral(L, "k");
		lua_setfield(L, -2, "__mode");
		lua_setmetatable(L, -2);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &ident_key);
	}
	lua_pushvalue(L, idx);
	if (lua_rawget(L, -2) == LUA_TNUMBER) {
		id = lua_tointeger(L, -1);
		lua_pop(L, 2);				/* number, table */
		return (id);
	}
	lua_pop(L, 1);
	id = ++ident_last;
	lua_pushvalue(L, idx);
	lua_pushinteger(L, id);
	lua_rawset(L, -3);
	lua_pop(L, 1);					/* table */
	return (id);
}

/*
 * Push what %p shows for the value at idx: "#N" for an object; for a
 * string (a value, which a weak table would keep for ever) a hash of its
 * bytes; "(null)" for nil, booleans and numbers, as Lua does.
 */
void
ident_pushid(lua_State *L, int idx)
{
	const unsigned char	*s;
	size_t			 len, i;
	unsigned int		 h = 2166136261u;	/* FNV-1a */

	switch (lua_type(L, idx)) {
	case LUA_TNIL:
	case LUA_TBOOLEAN:
	case LUA_TNUMBER:
		lua_pushliteral(L, "(null)");
		return;
	case LUA_TSTRING:
		s = (const unsigned char *)lua_tolstring(L, idx, &len);
		for (i = 0; i < len; i++)
			h = (h ^ s[i]) * 16777619u;
		lua_pushfstring(L, "#s%d", (int)(h & 0x7fffffff));
		return;
	default:
		lua_pushfstring(L, "#%I", (LUAI_UACINT)ident_number(L, idx));
	}
}

/*
 * luaL_tolstring as a process sees it: __tostring when there is one, the
 * usual text of a plain value, "KIND: #N" for an object (KIND its
 * __name, as lauxlib does, or its type). Trusted processes (sandbox none)
 * keep Lua's own. Pushes the string.
 */
const char *
ident_tolstring(lua_State *L, int idx, size_t *len)
{
	const char	*kind;
	int		 tt;

	if (!worker.limits.sandbox_strict || lua_type(L, idx) <= LUA_TBOOLEAN ||
	    lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TSTRING)
		return (luaL_tolstring(L, idx, len));
	idx = lua_absindex(L, idx);
	if (luaL_callmeta(L, idx, "__tostring")) {
		if (!lua_isstring(L, -1))
			luaL_error(L, "'__tostring' must return a string");
		return (lua_tolstring(L, -1, len));
	}
	tt = luaL_getmetafield(L, idx, "__name");
	kind = tt == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, idx);
	lua_pushfstring(L, "%s: #%I", kind, (LUAI_UACINT)ident_number(L, idx));
	if (tt != LUA_TNIL)
		lua_remove(L, -2);			/* __name */
	return (lua_tolstring(L, -1, len));
}

static int
ident_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	ident_tolstring(L, 1, NULL);
	return (1);
}

/*
 * The offset of the next conversion character of fmt at or after *i
 * (flags, width and precision skipped, "%%" passed over), or -1 at the
 * end; *i moves past it. string.format reads one argument per conversion.
 */
static long
ident_conversion(const char *fmt, size_t len, size_t *i)
{
	while (*i < len) {
		if (fmt[(*i)++] != '%')
			continue;
		if (*i < len && fmt[*i] == '%') {
			(*i)++;
			continue;
		}
		while (*i < len && fmt[*i] != '\0' &&
		    strchr("-+ #0123456789.", fmt[*i]) != NULL)
			(*i)++;
		if (*i >= len)
			return (-1);	/* the base format reports it */
		return ((long)(*i)++);
	}
	return (-1);
}

/*
 * string.format with the base one as upvalue 1: the arguments of %s that
 * are objects become their ident_tolstring text, those of %p their
 * ident_pushid text (the %p becoming %s, its width kept); everything
 * else, errors included, is the base format's.
 */
static int
ident_format(lua_State *L)
{
	luaL_Buffer	 b;
	const char	*fmt;
	size_t		 len, i = 0, from = 0;
	long		 c;
	int		 arg = 1, top = lua_gettop(L), percent_p = 0;

	fmt = luaL_checklstring(L, 1, &len);
	while ((c = ident_conversion(fmt, len, &i)) != -1 && ++arg <= top) {
		if (fmt[c] == 'p') {
			ident_pushid(L, arg);
			lua_replace(L, arg);
			percent_p = 1;
		} else if (fmt[c] == 's' && lua_type(L, arg) != LUA_TSTRING &&
		    lua_type(L, arg) != LUA_TNUMBER) {
			ident_tolstring(L, arg, NULL);
			lua_replace(L, arg);
		}
	}
	if (percent_p) {
		luaL_buffinit(L, &b);
		for (i = 0; (c = ident_conversion(fmt, len, &i)) != -1;) {
			if (fmt[c] != 'p')
				continue;
			luaL_addlstring(&b, fmt + from, (size_t)c - from);
			luaL_addchar(&b, 's');
			from = (size_t)c + 1;
		}
		luaL_addlstring(&b, fmt + from, len - from);
		luaL_pushresult(&b);
		lua_replace(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, top, 1);
	return (1);
}

/*
 * In the strict environment env: tostring and string.format without
 * addresses. Pushes the base string.format, for the caller to name.
 */
void
ident_open(lua_State *L, int env)
{
	env = lua_absindex(L, env);
	lua_pushcfunction(L, ident_tostring);
	lua_setfield(L, env, "tostring");
	lua_getfield(L, env, "string");
	lua_getfield(L, -1, "format");			/* base format */
	lua_pushvalue(L, -1);
	lua_pushcclosure(L, ident_format, 1);
	lua_setfield(L, -3, "format");
	lua_remove(L, -2);				/* string */
}
