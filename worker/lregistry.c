/*
 * process.registry: names for pids, kept by the broker (spec section 2).
 * Each call is a request to the broker (lprocess_request).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "forkbox/proto.h"
#include "worker.h"

/* Check a registry name at idx: NULL with err when bad. */
static const char *
lregistry_name(lua_State *L, int idx, char *err, size_t errlen)
{
	const char	*s;
	size_t		 len;

	if (lua_type(L, idx) != LUA_TSTRING) {
		snprintf(err, errlen, "bad name: string expected, got %s",
		    luaL_typename(L, idx));
		return (NULL);
	}
	s = lua_tolstring(L, idx, &len);
	if (len == 0)
		snprintf(err, errlen, "bad name: empty string");
	else if (len > FB_NAME_MAX)
		snprintf(err, errlen, "bad name: longer than %d bytes",
		    FB_NAME_MAX);
	else if (s[0] == '{')
		snprintf(err, errlen, "bad name: must not start with '{'");
	else if (memchr(s, '\0', len) != NULL)
		snprintf(err, errlen, "bad name: contains a NUL byte");
	else
		return (s);
	return (NULL);
}

/* process.registry.register(name [, pid]): true, or nil, err */
static int
lregistry_register(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*name, *pid;
	size_t		 len;
	json_t		*env;

	if ((name = lregistry_name(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	if (!lua_isnoneornil(L, 2)) {
		if (lua_type(L, 2) != LUA_TSTRING ||
		    !lprocess_ispid(lua_tostring(L, 2), lua_rawlen(L, 2)))
			return (lprocess_fail(L, "bad pid: not a pid"));
		pid = lua_tolstring(L, 2, &len);
	} else
		pid = NULL;
	sched_check_block(L, "process.registry.register");
	if (pid != NULL)
		env = json_pack("{s:s,s:s%}", "name", name, "pid", pid, len);
	else
		env = json_pack("{s:s}", "name", name);
	return (lprocess_request(L, FB_REGISTER, 0, env, NULL, 0, NULL, 0));
}

/* process.registry.lookup(name): pid, or nil, err */
static int
lregistry_lookup(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*name;

	if ((name = lregistry_name(L, 1, err, sizeof err)) == NULL)
		return (lprocess_fail(L, err));
	sched_check_block(L, "process.registry.lookup");
	return (lprocess_request(L, FB_LOOKUP, 0, json_pack("{s:s}", "name",
	    name), NULL, 0, NULL, 0));
}

/* process.registry.unregister(name): true, or false when not registered */
static int
lregistry_unregister(lua_State *L)
{
	char		 err[LPROCESS_ERRLEN];
	const char	*name;

	if ((name = lregistry_name(L, 1, err, sizeof err)) == NULL) {
		lua_pushboolean(L, 0);
		lua_pushstring(L, err);
		return (2);
	}
	sched_check_block(L, "process.registry.unregister");
	return (lprocess_request(L, FB_UNREGISTER, 0, json_pack("{s:s}",
	    "name", name), NULL, 0, NULL, 0));
}

static const luaL_Reg lregistry_funcs[] = {
	{ "register", lregistry_register },
	{ "lookup", lregistry_lookup },
	{ "unregister", lregistry_unregister },
	{ NULL, NULL }
};

/* Add process.registry to the module table on top. */
void
lregistry_open(lua_State *L)
{
	luaL_newlib(L, lregistry_funcs);
	lua_setfield(L, -2, "registry");
}
