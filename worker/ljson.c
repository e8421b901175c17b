/* The json module: the payload codec (spec section 4) for Lua code. */
#include "config.h"

#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>

#include "codec.h"
#include "worker.h"

/* json.encode(v) -> string, or nil, "cannot encode value.x: function" */
static int
ljson_encode(lua_State *L)
{
	char	 err[256], *s;
	size_t	 len;

	luaL_checkany(L, 1);
	if ((s = codec_encode(L, 1, "value", &len, err, sizeof err)) == NULL) {
		luaL_pushfail(L);
		lua_pushstring(L, err);
		return (2);
	}
	lua_pushlstring(L, s, len);	/* on a memory error the process ends */
	free(s);
	return (1);
}

/* json.decode(s) -> value, or nil, reason */
static int
ljson_decode(lua_State *L)
{
	char		 err[256];
	size_t		 len;
	const char	*s = luaL_checklstring(L, 1, &len);

	if (len == 0) {
		luaL_pushfail(L);
		lua_pushliteral(L, "cannot decode: empty input");
		return (2);
	}
	if (codec_decode(L, s, len, err, sizeof err) != 0) {
		luaL_pushfail(L);
		lua_pushstring(L, err);
		return (2);
	}
	return (1);
}

static const luaL_Reg ljson_funcs[] = {
	{ "encode", ljson_encode },
	{ "decode", ljson_decode },
	{ NULL, NULL }
};

int
luaopen_json(lua_State *L)
{
	luaL_newlib(L, ljson_funcs);
	return (1);
}
