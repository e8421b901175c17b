/*
 * Payload codec: every rule of spec section 4, every refusal with its exact
 * message, round trips, and no jansson allocation left behind on any path
 * (counted through json_set_alloc_funcs).
 */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "codec.h"

static lua_State	*L;
static long		 jlive;		/* jansson blocks not yet freed */

static void *
test_jmalloc(size_t n)
{
	void	*p = malloc(n);

	if (p != NULL)
		jlive++;
	return (p);
}

static void
test_jfree(void *p)
{
	if (p != NULL) {
		jlive--;
		free(p);
	}
}

/* Deep comparison that also tells integers from floats. */
static const char test_same_lua[] =
    "function same(a, b, path)\n"
    "  path = path or 'v'\n"
    "  if type(a) ~= type(b) then\n"
    "    return false, path .. ': ' .. type(a) .. ' vs ' .. type(b)\n"
    "  end\n"
    "  if type(a) == 'number' then\n"
    "    if math.type(a) ~= math.type(b) then\n"
    "      return false, path .. ': ' .. math.type(a) .. ' vs ' ..\n"
    "          math.type(b)\n"
    "    end\n"
    "    if a ~= b then return false, path .. ': ' .. a .. ' vs ' .. b end\n"
    "    return true\n"
    "  end\n"
    "  if type(a) ~= 'table' then\n"
    "    if a ~= b then return false, path .. ': differ' end\n"
    "    return true\n"
    "  end\n"
    "  for k, v in pairs(a) do\n"
    "    local ok, why = same(v, b[k], path .. '[' .. tostring(k) .. ']')\n"
    "    if not ok then return false, why end\n"
    "  end\n"
    "  for k in pairs(b) do\n"
    "    if a[k] == nil then\n"
    "      return false, path .. ': extra key ' .. tostring(k)\n"
    "    end\n"
    "  end\n"
    "  return true\n"
    "end\n";

static void
setup(void)
{
	L = luaL_newstate();
	ck_assert_ptr_nonnull(L);
	luaL_openlibs(L);
	ck_assert_int_eq(luaL_dostring(L, test_same_lua), LUA_OK);
	jlive = 0;
}

static void
teardown(void)
{
	lua_close(L);
	L = NULL;
}

/* Run a chunk and leave its one result on the stack. */
static void
push_lua(const char *code)
{
	int	rc;

	rc = luaL_loadstring(L, code);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 1, 0);
	ck_assert_msg(rc == LUA_OK, "lua: %s: %s", code, lua_tostring(L, -1));
}

static void
check_encode(const char *code, const char *want)
{
	char	 err[1024];
	char	*s;
	size_t	 len = 0;
	int	 top;

	push_lua(code);
	top = lua_gettop(L);
	err[0] = '\0';
	s = codec_encode(L, -1, "payload", &len, err, sizeof err);
	ck_assert_msg(s != NULL, "%s: refused: %s", code, err);
	ck_assert_msg(strcmp(s, want) == 0, "%s: got %s, want %s", code, s,
	    want);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_int_eq(lua_gettop(L), top);
	ck_assert_int_eq(jlive, 0);
	free(s);
	lua_pop(L, 1);
}

static void
check_refused(const char *code, const char *want)
{
	char	 err[1024];
	char	*s;
	size_t	 len = 12345;
	int	 top;

	push_lua(code);
	top = lua_gettop(L);
	err[0] = '\0';
	s = codec_encode(L, -1, "payload", &len, err, sizeof err);
	ck_assert_msg(s == NULL, "%s: encoded as %s", code, s);
	ck_assert_msg(strcmp(err, want) == 0, "%s: got \"%s\", want \"%s\"",
	    code, err, want);
	ck_assert_int_eq(lua_gettop(L), top);
	ck_assert_msg(jlive == 0, "%s: %ld jansson blocks leaked", code, jlive);
	lua_pop(L, 1);
}

/* Decode, then run check (a chunk given the value as ...) that returns
 * true or false, "why". */
static void
check_decode_len(const char *json, size_t len, const char *check)
{
	char	err[512];
	int	top = lua_gettop(L), rc;

	err[0] = '\0';
	rc = codec_decode(L, json, len, err, sizeof err);
	ck_assert_msg(rc == 0, "%s: %s", json, err);
	ck_assert_int_eq(lua_gettop(L), top + 1);
	ck_assert_int_eq(jlive, 0);
	ck_assert_int_eq(luaL_loadstring(L, check), LUA_OK);
	lua_insert(L, -2);
	rc = lua_pcall(L, 1, 2, 0);
	ck_assert_msg(rc == LUA_OK, "%s: %s", check, lua_tostring(L, -1));
	ck_assert_msg(lua_toboolean(L, -2), "%s: %s: %s", json, check,
	    lua_tostring(L, -1));
	lua_settop(L, top);
}

static void
check_decode(const char *json, const char *check)
{
	check_decode_len(json, strlen(json), check);
}

/* Returns the error text (static) after asserting the decode failed. */
static const char *
check_decode_fails_len(const char *json, size_t len)
{
	static char	err[512];
	int		top = lua_gettop(L);

	err[0] = '\0';
	ck_assert_msg(codec_decode(L, json, len, err, sizeof err) == -1,
	    "%.*s: decoded", (int)len, json);
	ck_assert_int_eq(lua_gettop(L), top);
	ck_assert_int_eq(jlive, 0);
	ck_assert_msg(strncmp(err, "cannot decode: ", 15) == 0 &&
	    strlen(err) > 15, "error \"%s\"", err);
	return (err);
}

static const char *
check_decode_fails(const char *json)
{
	return (check_decode_fails_len(json, strlen(json)));
}

/* Encode, decode, compare deeply, and encode again to the same text. */
static void
check_roundtrip(const char *code)
{
	char	 err[512];
	char	*s1, *s2;
	size_t	 len1, len2;
	int	 top = lua_gettop(L);

	push_lua(code);
	s1 = codec_encode(L, -1, "payload", &len1, err, sizeof err);
	ck_assert_msg(s1 != NULL, "%s: %s", code, err);
	ck_assert_msg(codec_decode(L, s1, len1, err, sizeof err) == 0,
	    "%s: %s: %s", code, s1, err);
	s2 = codec_encode(L, -1, "payload", &len2, err, sizeof err);
	ck_assert_msg(s2 != NULL, "%s: %s", code, err);
	ck_assert_msg(len1 == len2 && memcmp(s1, s2, len1) == 0,
	    "%s: %s then %s", code, s1, s2);
	lua_getglobal(L, "same");
	lua_pushvalue(L, top + 1);
	lua_pushvalue(L, top + 2);
	ck_assert_int_eq(lua_pcall(L, 2, 2, 0), LUA_OK);
	ck_assert_msg(lua_toboolean(L, -2), "%s: %s", code,
	    lua_tostring(L, -1));
	ck_assert_int_eq(jlive, 0);
	free(s1);
	free(s2);
	lua_settop(L, top);
}

/* ---- encoding: what is accepted ------------------------------------ */

START_TEST(test_encode_scalars)
{
	check_encode("return nil", "null");
	check_encode("return true", "true");
	check_encode("return false", "false");
	check_encode("return 42", "42");
	check_encode("return -7", "-7");
	check_encode("return 0", "0");
	check_encode("return math.maxinteger", "9223372036854775807");
	check_encode("return math.mininteger", "-9223372036854775808");
	check_encode("return 3.0", "3.0");
	check_encode("return 0.5", "0.5");
	check_encode("return -0.0", "-0.0");
	check_encode("return 2.0^53", "9007199254740992.0");
	check_encode("return -2.0^-11", "-0.00048828125");
	check_encode("return 2.0^-30", "9.3132257461547852e-10");
	/* Exact, not short: 17 significant digits. */
	check_encode("return 0.1", "0.10000000000000001");
}
END_TEST

START_TEST(test_encode_strings)
{
	check_encode("return 'hi'", "\"hi\"");
	check_encode("return ''", "\"\"");
	check_encode("return 'a\\0b'", "\"a\\u0000b\"");
	check_encode("return 'q\"\\\\\\n'", "\"q\\\"\\\\\\n\"");
	check_encode("return 'h\\u{e9}llo \\u{2603} \\u{1F600}'",
	    "\"h\xc3\xa9llo \xe2\x98\x83 \xf0\x9f\x98\x80\"");
	/* Largest code point and the ones around the surrogates. */
	check_encode("return '\\u{10FFFF}\\u{D7FF}\\u{E000}'",
	    "\"\xf4\x8f\xbf\xbf\xed\x9f\xbf\xee\x80\x80\"");
}
END_TEST

START_TEST(test_encode_tables)
{
	check_encode("return {}", "[]");
	check_encode("return {1, 2, 3}", "[1,2,3]");
	check_encode("return {[1] = 'x', [2] = 'y'}", "[\"x\",\"y\"]");
	check_encode("return {[2] = 'y', [1] = 'x'}", "[\"x\",\"y\"]");
	check_encode("return {1.5, 'a', true}", "[1.5,\"a\",true]");
	check_encode("return {b = 1, a = {true, false}}",
	    "{\"a\":[true,false],\"b\":1}");
	check_encode("return {items = {1, 2, {f = 'g'}}, e = {}}",
	    "{\"e\":[],\"items\":[1,2,{\"f\":\"g\"}]}");
	check_encode("return {['odd key'] = 1, ['a\\0'] = nil}",
	    "{\"odd key\":1}");
	/* Float keys with an integer value are integer keys in Lua. */
	check_encode("return {[1.0] = 'a', [2] = 'b'}", "[\"a\",\"b\"]");
}
END_TEST

START_TEST(test_encode_big_array)
{
	char	want[8192], *p = want;
	int	i;

	*p++ = '[';
	for (i = 1; i <= 1000; i++)
		p += snprintf(p, want + sizeof want - p, "%s%d",
		    i > 1 ? "," : "", i * 3);
	snprintf(p, want + sizeof want - p, "]");
	check_encode("local t = {} for i = 1, 1000 do t[i] = i * 3 end "
	    "return t", want);
}
END_TEST

START_TEST(test_encode_raw_access)
{
	/* Metamethods never run: the raw contents are encoded. */
	check_encode("return setmetatable({}, {__index = function() "
	    "return 1 end, __len = function() return 5 end})", "[]");
	check_encode("return setmetatable({a = 1}, {__pairs = function() "
	    "error('ran') end})", "{\"a\":1}");
	check_encode("return setmetatable({1, 2}, {__index = {3, 4, 5}})",
	    "[1,2]");
}
END_TEST

START_TEST(test_encode_shared_not_cycle)
{
	check_encode("local t = {1} return {t, t, {t}}", "[[1],[1],[[1]]]");
	check_encode("local t = {x = 1} return {a = t, b = t}",
	    "{\"a\":{\"x\":1},\"b\":{\"x\":1}}");
	/* The same table again after its subtree is done, deeper down. */
	check_encode("local t = {} local u = {t} return {u, {u, t}}",
	    "[[[]],[[[]],[]]]");
}
END_TEST

START_TEST(test_encode_depth)
{
	char	 want[1024], *p;
	int	 i;

	/* 128 nested tables are fine. */
	p = want;
	for (i = 0; i < 128; i++)
		*p++ = '[';
	*p++ = '1';
	for (i = 0; i < 128; i++)
		*p++ = ']';
	*p = '\0';
	check_encode("local t = 1 for i = 1, 128 do t = {t} end return t",
	    want);

	/* The 129th is refused, at its own path. */
	p = want + snprintf(want, sizeof want, "cannot encode payload");
	for (i = 0; i < 128; i++)
		p += snprintf(p, want + sizeof want - p, "[1]");
	snprintf(p, want + sizeof want - p, ": nesting deeper than 128");
	check_refused("local t = 1 for i = 1, 129 do t = {t} end return t",
	    want);

	p = want + snprintf(want, sizeof want, "cannot encode payload");
	for (i = 0; i < 128; i++)
		p += snprintf(p, want + sizeof want - p, ".a");
	snprintf(p, want + sizeof want - p, ": nesting deeper than 128");
	check_refused("local t = {} for i = 1, 200 do t = {a = t} end "
	    "return t", want);
}
END_TEST

/* ---- encoding: refusals --------------------------------------------- */

START_TEST(test_refuse_types)
{
	check_refused("return {items = {1, 2, {f = print}}}",
	    "cannot encode payload.items[3].f: function");
	check_refused("return print", "cannot encode payload: function");
	check_refused("return {function() end}",
	    "cannot encode payload[1]: function");
	check_refused("return {co = coroutine.create(print)}",
	    "cannot encode payload.co: thread");
	check_refused("return {x = {y = 0/0}}",
	    "cannot encode payload.x.y: NaN");
	check_refused("return {math.huge}", "cannot encode payload[1]: inf");
	check_refused("return {1, -math.huge}",
	    "cannot encode payload[2]: -inf");
	check_refused("return 0/0", "cannot encode payload: NaN");
}
END_TEST

START_TEST(test_refuse_userdata)
{
	char	err[256];

	lua_createtable(L, 0, 1);
	lua_newuserdatauv(L, 8, 0);
	lua_setfield(L, -2, "u");
	ck_assert_ptr_null(codec_encode(L, -1, "payload", NULL, err,
	    sizeof err));
	ck_assert_str_eq(err, "cannot encode payload.u: userdata");
	lua_pop(L, 1);

	lua_createtable(L, 1, 0);
	lua_pushlightuserdata(L, err);
	lua_rawseti(L, -2, 1);
	ck_assert_ptr_null(codec_encode(L, -1, "payload", NULL, err,
	    sizeof err));
	ck_assert_str_eq(err, "cannot encode payload[1]: userdata");
	lua_pop(L, 1);

	/* A file handle is full userdata with a metatable. */
	check_refused("return {out = io.stdout}",
	    "cannot encode payload.out: userdata");
	ck_assert_int_eq(lua_gettop(L), 0);
}
END_TEST

START_TEST(test_refuse_cycles)
{
	check_refused("local t = {} t.self = t return t",
	    "cannot encode payload.self: cycle");
	check_refused("local t = {} t[1] = t return t",
	    "cannot encode payload[1]: cycle");
	check_refused("local a = {b = {c = {}}} a.b.c.d = a return a",
	    "cannot encode payload.b.c.d: cycle");
	check_refused("local a = {b = {}} a.b.up = a.b return a",
	    "cannot encode payload.b.up: cycle");
}
END_TEST

START_TEST(test_refuse_keys)
{
	check_refused("return {1, 2, x = 3}",
	    "cannot encode payload: mixed table keys");
	check_refused("return {a = {1, x = 3}}",
	    "cannot encode payload.a: mixed table keys");
	check_refused("return {[1] = 1, [3] = 3}",
	    "cannot encode payload: sparse array");
	check_refused("return {[2] = 1}",
	    "cannot encode payload: sparse array");
	check_refused("return {1, nil, 3}",
	    "cannot encode payload: sparse array");
	check_refused("return {[0] = 'z', 'a'}",
	    "cannot encode payload: non-positive key 0");
	check_refused("return {t = {[-1] = 1}}",
	    "cannot encode payload.t: non-positive key -1");
	check_refused("return {[1.5] = 1}",
	    "cannot encode payload: float key 1.5");
	check_refused("return {[math.huge] = 1}",
	    "cannot encode payload: float key inf");
	check_refused("return {[true] = 1}",
	    "cannot encode payload: boolean key");
	check_refused("return {[{}] = 1}", "cannot encode payload: table key");
	check_refused("return {[print] = 1}",
	    "cannot encode payload: function key");
}
END_TEST

START_TEST(test_refuse_utf8)
{
	check_refused("return {s = '\\xff'}",
	    "cannot encode payload.s: invalid UTF-8");
	check_refused("return '\\xc0\\x80'",	/* overlong NUL */
	    "cannot encode payload: invalid UTF-8");
	check_refused("return 'a\\xe0\\x80\\x80'",	/* overlong */
	    "cannot encode payload: invalid UTF-8");
	check_refused("return '\\xed\\xa0\\x80'",	/* surrogate */
	    "cannot encode payload: invalid UTF-8");
	check_refused("return '\\xe2\\x82'",	/* cut short */
	    "cannot encode payload: invalid UTF-8");
	check_refused("return '\\xf4\\x90\\x80\\x80'",	/* past U+10FFFF */
	    "cannot encode payload: invalid UTF-8");
	check_refused("return '\\xf0\\x80\\x80\\x80'",	/* overlong */
	    "cannot encode payload: invalid UTF-8");
	check_refused("return '\\x80'", "cannot encode payload: invalid UTF-8");
	check_refused("return {['\\xfe'] = 1}",
	    "cannot encode payload: invalid UTF-8 in key");
	check_refused("return {a = {['x\\0y'] = 1}}",
	    "cannot encode payload.a: NUL in key");
}
END_TEST

START_TEST(test_refuse_paths)
{
	check_refused("return {['odd key'] = {f = print}}",
	    "cannot encode payload[\"odd key\"].f: function");
	check_refused("return {['a\"b\\\\c'] = print}",
	    "cannot encode payload[\"a\\\"b\\\\c\"]: function");
	check_refused("return {['1x'] = print}",
	    "cannot encode payload[\"1x\"]: function");
	check_refused("return {[''] = print}",
	    "cannot encode payload[\"\"]: function");
	check_refused("return {['a\\nb\\1'] = print}",
	    "cannot encode payload[\"a\\nb\\001\"]: function");
	check_refused("return {_ok9 = {[2] = 1}}",
	    "cannot encode payload._ok9: sparse array");
	check_refused("return {['\\u{e9}t\\u{e9}'] = {print}}",
	    "cannot encode payload[\"\xc3\xa9t\xc3\xa9\"][1]: function");
}
END_TEST

START_TEST(test_refuse_frees_partial)
{
	/* Much has been built when the bad value is found. */
	check_refused("local t = {} for i = 1, 1000 do t[i] = {i, "
	    "tostring(i), {k = i + 0.5}} end t[1001] = print return t",
	    "cannot encode payload[1001]: function");
	check_refused("local t = {} for i = 1, 300 do t['k' .. i] = "
	    "{i, 'v'} end t.k150[3] = coroutine.create(print) return t",
	    "cannot encode payload.k150[3]: thread");
}
END_TEST

START_TEST(test_encode_root_and_err)
{
	char	 err[16], *s;
	size_t	 len;

	push_lua("return {f = print}");
	s = codec_encode(L, 1, "result", &len, err, sizeof err);
	ck_assert_ptr_null(s);
	/* Cut, never overflowed. */
	ck_assert_str_eq(err, "cannot encode r");

	memset(err, 'X', sizeof err);
	ck_assert_ptr_null(codec_encode(L, -1, "result", &len, err, 1));
	ck_assert_int_eq(err[0], '\0');
	ck_assert_int_eq(err[1], 'X');
	ck_assert_ptr_null(codec_encode(L, -1, "result", &len, NULL, 0));

	lua_pushinteger(L, 5);
	s = codec_encode(L, -2, "result", NULL, NULL, 0);
	ck_assert_ptr_null(s);
	s = codec_encode(L, -1, "result", NULL, NULL, 0);
	ck_assert_str_eq(s, "5");
	free(s);
	ck_assert_int_eq(lua_gettop(L), 2);
	ck_assert_int_eq(jlive, 0);
}
END_TEST

START_TEST(test_encode_list)
{
	char	 err[256], *s;
	size_t	 len;

	lua_pushinteger(L, 1);
	lua_pushnil(L);
	lua_pushstring(L, "a");
	push_lua("return {x = 2.0}");
	s = codec_encode_list(L, 1, 4, "argument", &len, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "[1,null,\"a\",{\"x\":2.0}]");
	ck_assert_uint_eq(len, strlen(s));
	free(s);

	/* A sub-range, with a negative index. */
	s = codec_encode_list(L, -2, 2, "argument", &len, err, sizeof err);
	ck_assert_str_eq(s, "[\"a\",{\"x\":2.0}]");
	free(s);

	s = codec_encode_list(L, 1, 0, "argument", &len, err, sizeof err);
	ck_assert_str_eq(s, "[]");
	ck_assert_uint_eq(len, 2);
	free(s);

	push_lua("return {x = print}");
	s = codec_encode_list(L, 4, 2, "argument", &len, err, sizeof err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err, "cannot encode argument 2.x: function");

	push_lua("return coroutine.create(print)");
	s = codec_encode_list(L, 1, 6, "argument", &len, err, sizeof err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err, "cannot encode argument 5.x: function");
	s = codec_encode_list(L, 6, 1, "argument", &len, err, sizeof err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err, "cannot encode argument 1: thread");

	push_lua("return {{1, 2, 0/0}}");
	s = codec_encode_list(L, 7, 1, "result", &len, err, sizeof err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err, "cannot encode result 1[1][3]: NaN");

	ck_assert_int_eq(lua_gettop(L), 7);
	ck_assert_int_eq(jlive, 0);
}
END_TEST

/* ---- decoding ----------------------------------------------------- */

START_TEST(test_decode_scalars)
{
	check_decode("42", "local v = ... return math.type(v) == 'integer' "
	    "and v == 42");
	check_decode("-9223372036854775808", "local v = ... return "
	    "v == math.mininteger");
	check_decode("9223372036854775807", "local v = ... return "
	    "v == math.maxinteger");
	check_decode("3.0", "local v = ... return math.type(v) == 'float' "
	    "and v == 3");
	check_decode("1e2", "local v = ... return math.type(v) == 'float' "
	    "and v == 100");
	check_decode("-0.0", "local v = ... return math.type(v) == 'float' "
	    "and 1 / v == -math.huge");
	check_decode("true", "return ... == true");
	check_decode("false", "return ... == false");
	check_decode("null", "return select('#', ...) == 1 and ... == nil");
	check_decode("\"h\\u00e9\"", "return ... == 'h\\u{e9}'");
	check_decode(" \"x\" ", "return ... == 'x'");
	check_decode("\"a\\u0000b\"", "local v = ... return #v == 3 and "
	    "v == 'a\\0b'");
	/* Nothing at all is nil. */
	check_decode_len("", 0, "return select('#', ...) == 1 and ... == nil");
}
END_TEST

START_TEST(test_decode_containers)
{
	check_decode("[1,null,3]", "local t = ... return t[1] == 1 and "
	    "t[2] == nil and t[3] == 3");
	check_decode("[null,null,\"z\"]", "local t = ... return "
	    "next(t) == 3 and t[3] == 'z'");
	check_decode("[]", "local t = ... return type(t) == 'table' and "
	    "next(t) == nil");
	check_decode("{}", "local t = ... return type(t) == 'table' and "
	    "next(t) == nil");
	check_decode("{\"a\":{\"b\":[1,2.5,\"c\"]},\"n\":null}",
	    "local t = ... return t.a.b[1] == 1 and "
	    "math.type(t.a.b[2]) == 'float' and t.a.b[3] == 'c' and "
	    "t.n == nil and #t.a.b == 3");
	check_decode("{\"1\":\"one\"}", "local t = ... return t['1'] == "
	    "'one' and t[1] == nil");
	check_decode("{\"k\":1,\"k\":2}", "return (...).k == 2");
}
END_TEST

START_TEST(test_decode_errors)
{
	const char	*e;

	e = check_decode_fails("99999999999999999999");
	ck_assert_msg(strstr(e, "too big integer") != NULL, "%s", e);
	e = check_decode_fails("-99999999999999999999");
	ck_assert_msg(strstr(e, "too big negative integer") != NULL, "%s", e);
	e = check_decode_fails("[1, 1e400]");
	ck_assert_msg(strstr(e, "overflow") != NULL, "%s", e);
	check_decode_fails("{");
	check_decode_fails("[1,]");
	check_decode_fails("1 2");
	check_decode_fails("nul");
	check_decode_fails(" ");
	check_decode_fails("\"\xff\"");
	check_decode_fails("\"\\ud800\"");
	check_decode_fails("{\"a\\u0000b\":1}");
	check_decode_fails("{\"a\":1,}");
	check_decode_fails("NaN");
	e = check_decode_fails_len("1\0", 2);
	ck_assert_str_eq(e, "cannot decode: NUL byte in JSON text");
	check_decode_fails_len("[1\0]", 4);
}
END_TEST

START_TEST(test_decode_deep)
{
	const char	*e;
	char		*s;
	size_t		 n = 100000, i;

	/* Far past any limit: an error, not a crash. */
	s = malloc(n);
	ck_assert_ptr_nonnull(s);
	memset(s, '[', n);
	e = check_decode_fails_len(s, n);
	ck_assert_msg(strstr(e, "depth") != NULL, "%s", e);

	/* 2000 levels are within jansson's limit and must come through. */
	n = 2000;
	for (i = 0; i < n; i++) {
		s[i] = '[';
		s[n + 1 + i] = ']';
	}
	s[n] = '7';
	check_decode_len(s, 2 * n + 1, "local t = ... for i = 1, 2000 do "
	    "t = t[1] end return t == 7");
	free(s);
}
END_TEST

static int
test_push_cf(lua_State *LL)
{
	codec_push(LL, lua_touserdata(LL, 1));
	return (1);
}

START_TEST(test_push)
{
	json_t	*root, *a, *cur;
	int	 i;

	codec_push(L, NULL);
	ck_assert_int_eq(lua_gettop(L), 1);
	ck_assert(lua_isnil(L, 1));
	lua_pop(L, 1);

	root = json_pack("{s:i, s:[f, n, s], s:b}", "i", 5, "a", 2.0, "s",
	    "t", 1);
	ck_assert_ptr_nonnull(root);
	codec_push(L, root);
	json_decref(root);
	lua_getglobal(L, "same");
	lua_insert(L, -2);
	push_lua("return {i = 5, a = {2.0, nil, 's'}, t = true}");
	ck_assert_int_eq(lua_pcall(L, 2, 2, 0), LUA_OK);
	ck_assert_msg(lua_toboolean(L, -2), "%s", lua_tostring(L, -1));
	lua_settop(L, 0);

	/* A hand-built tree deeper than the parser allows: a Lua error. */
	root = cur = json_array();
	for (i = 0; i < 3000; i++) {
		a = json_array();
		ck_assert_int_eq(json_array_append_new(cur, a), 0);
		cur = a;
	}
	lua_pushcfunction(L, test_push_cf);
	lua_pushlightuserdata(L, root);
	ck_assert_int_eq(lua_pcall(L, 1, 1, 0), LUA_ERRRUN);
	ck_assert_str_eq(lua_tostring(L, -1),
	    "cannot decode: nesting too deep");
	json_decref(root);
	lua_settop(L, 0);
	ck_assert_int_eq(jlive, 0);
}
END_TEST

/* A Lua allocator with a ceiling, to make Lua fail half way through. */
struct test_lim {
	size_t	used;
	size_t	limit;
};

static void *
test_lim_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct test_lim	*l = ud;
	void		*p;

	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		l->used -= osize;
		return (NULL);
	}
	if (nsize > osize && l->used + (nsize - osize) > l->limit)
		return (NULL);
	if ((p = realloc(ptr, nsize)) == NULL)
		return (NULL);
	l->used = l->used - osize + nsize;
	return (p);
}

static int
test_decode_cf(lua_State *LL)
{
	char		 err[256];
	size_t		 len;
	const char	*s = luaL_checklstring(LL, 1, &len);

	if (codec_decode(LL, s, len, err, sizeof err) != 0)
		return (luaL_error(LL, "%s", err));
	return (1);
}

START_TEST(test_decode_lua_memory_error)
{
	struct test_lim	 lim = { 0, SIZE_MAX };
	lua_State	*M;
	luaL_Buffer	 b;
	int		 i, rc;

	M = lua_newstate(test_lim_alloc, &lim);
	ck_assert_ptr_nonnull(M);
	luaL_openlibs(M);

	luaL_buffinit(M, &b);
	luaL_addchar(&b, '[');
	for (i = 0; i < 20000; i++) {
		lua_pushfstring(M, "%s{\"k\":\"value %d\"}", i ? "," : "", i);
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, ']');
	luaL_pushresult(&b);
	lua_pushcfunction(M, test_decode_cf);
	lua_insert(M, -2);
	lua_gc(M, LUA_GCCOLLECT);
	lua_gc(M, LUA_GCSTOP);

	lim.limit = lim.used + 1024 * 1024;
	rc = lua_pcall(M, 1, 1, 0);
	ck_assert_int_eq(rc, LUA_ERRMEM);
	lim.limit = SIZE_MAX;
	lua_settop(M, 0);
	lua_gc(M, LUA_GCRESTART);
	lua_gc(M, LUA_GCCOLLECT);
	/* The jansson tree went with the garbage. */
	ck_assert_int_eq(jlive, 0);

	/* And the same state still decodes. */
	lua_pushcfunction(M, test_decode_cf);
	lua_pushstring(M, "[1,{\"a\":2}]");
	ck_assert_int_eq(lua_pcall(M, 1, 1, 0), LUA_OK);
	ck_assert_int_eq(jlive, 0);
	lua_close(M);
}
END_TEST

/* ---- round trips ---------------------------------------------------- */

START_TEST(test_roundtrip)
{
	check_roundtrip("return {name = 'x', n = 3, f = 3.0, list = {1, 2.5, "
	    "'three', {a = false}}, empty = {}, nul = 'a\\0b', "
	    "utf = 'h\\u{e9}llo \\u{2603} \\u{1F600}'}");
	check_roundtrip("return {0.1, 1/3, 1e300, -1e-300, 5e-324, 2.0^53, "
	    "2^53, math.pi, 100.0, -2.0}");
	check_roundtrip("return {math.maxinteger, math.mininteger, 0, -1}");
	check_roundtrip("return 3.0");
	check_roundtrip("return 'just a string'");
	check_roundtrip("return true");
	check_roundtrip("local t = {} for i = 1, 128 - 1 do t = {t, i} end "
	    "return t");
	check_roundtrip("local t = {} for i = 1, 500 do t['k' .. i] = "
	    "{i, i + 0.25, tostring(i)} end return t");
}
END_TEST

START_TEST(test_roundtrip_list)
{
	char	 err[256], *s;
	size_t	 len;

	/* Spawn arguments: a list with a nil hole comes back as an array. */
	lua_pushinteger(L, 1);
	lua_pushnil(L);
	lua_pushnumber(L, 3.0);
	s = codec_encode_list(L, 1, 3, "argument", &len, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	lua_settop(L, 0);
	ck_assert_int_eq(codec_decode(L, s, len, err, sizeof err), 0);
	free(s);
	ck_assert_int_eq(luaL_loadstring(L, "local t = ... return "
	    "math.type(t[1]) == 'integer' and t[2] == nil and "
	    "math.type(t[3]) == 'float' and t[3] == 3"), LUA_OK);
	lua_insert(L, 1);
	ck_assert_int_eq(lua_pcall(L, 1, 1, 0), LUA_OK);
	ck_assert(lua_toboolean(L, -1));
	ck_assert_int_eq(jlive, 0);
}
END_TEST

static Suite *
codec_suite(void)
{
	Suite	*s = suite_create("codec");
	TCase	*tc;

	tc = tcase_create("encode");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_encode_scalars);
	tcase_add_test(tc, test_encode_strings);
	tcase_add_test(tc, test_encode_tables);
	tcase_add_test(tc, test_encode_big_array);
	tcase_add_test(tc, test_encode_raw_access);
	tcase_add_test(tc, test_encode_shared_not_cycle);
	tcase_add_test(tc, test_encode_depth);
	tcase_add_test(tc, test_encode_root_and_err);
	tcase_add_test(tc, test_encode_list);
	suite_add_tcase(s, tc);

	tc = tcase_create("refuse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_refuse_types);
	tcase_add_test(tc, test_refuse_userdata);
	tcase_add_test(tc, test_refuse_cycles);
	tcase_add_test(tc, test_refuse_keys);
	tcase_add_test(tc, test_refuse_utf8);
	tcase_add_test(tc, test_refuse_paths);
	tcase_add_test(tc, test_refuse_frees_partial);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_decode_scalars);
	tcase_add_test(tc, test_decode_containers);
	tcase_add_test(tc, test_decode_errors);
	tcase_add_test(tc, test_decode_deep);
	tcase_add_test(tc, test_push);
	tcase_add_test(tc, test_decode_lua_memory_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("roundtrip");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_roundtrip_list);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	/* Before any jansson allocation, so every block is counted. */
	json_set_alloc_funcs(test_jmalloc, test_jfree);
	return (unit_run(codec_suite()));
}
