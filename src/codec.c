/*
 * Lua value <-> JSON (spec section 4). Encoding walks the Lua value with raw
 * accesses only (no metamethods run, so no Lua code and no Lua error) and
 * builds a jansson tree; decoding builds Lua values from a jansson tree.
 */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "codec.h"
#include "jstr.h"

/*
 * Deepest jansson tree codec_push descends into. The parser already stops at
 * JSON_PARSER_MAX_DEPTH; this also bounds trees built by hand.
 */
#ifdef JSON_PARSER_MAX_DEPTH
#define CODEC_PUSH_MAX_DEPTH	JSON_PARSER_MAX_DEPTH
#else
#define CODEC_PUSH_MAX_DEPTH	2048
#endif

/* 17 significant digits: every double comes back exactly. */
#define CODEC_DUMP_FLAGS	(JSON_COMPACT | JSON_ENCODE_ANY | \
	JSON_SORT_KEYS | JSON_REAL_PRECISION(17))

/* Metatable of the box that owns a jansson tree while Lua values are made. */
#define CODEC_BOX	"forkbox.codec.box"

/* One step of the path from the root to the value being encoded. */
enum codec_step_kind {
	CODEC_STEP_ARG,		/* " 2": element of codec_encode_list */
	CODEC_STEP_INDEX,	/* "[3]" */
	CODEC_STEP_KEY,		/* ".name" or ["odd key"] */
};

struct codec_step {
	enum codec_step_kind	 kind;
	lua_Integer		 index;
	const char		*key;	/* a string on the Lua stack */
	size_t			 klen;
};

struct codec_enc {
	lua_State		*L;
	const char		*root;
	char			*err;
	size_t			 errlen;

	/* Tables being encoded, outermost first: a cycle is a repeat. */
	const void		*ancestors[CODEC_MAX_DEPTH];
	int			 depth;

	struct codec_step	 path[CODEC_MAX_DEPTH + 2];
	int			 npath;
};

/* Appending to a fixed error buffer; output is cut, never overflowed. */
struct codec_buf {
	char	*p;
	size_t	 size;
	size_t	 len;
};

static void
codec_buf_add(struct codec_buf *b, const char *s, size_t n)
{
	size_t	room;

	if (b->size == 0 || b->len >= b->size - 1)
		return;
	room = b->size - 1 - b->len;
	if (n > room)
		n = room;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void __attribute__((format(printf, 2, 3)))
codec_buf_printf(struct codec_buf *b, const char *fmt, ...)
{
	char	tmp[256];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		codec_buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n :
		    sizeof tmp - 1);
}

static int
codec_is_identifier(const char *s, size_t len)
{
	size_t	i;
	char	c;

	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return (0);
	for (i = 0; i < len; i++) {
		c = s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return (0);
	}
	return (1);
}

/* A key as a Lua string literal; keys here are already valid UTF-8. */
static void
codec_buf_quote(struct codec_buf *b, const char *s, size_t len)
{
	unsigned char	c;
	size_t		i;

	codec_buf_add(b, "\"", 1);
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			codec_buf_add(b, "\\", 1);
			codec_buf_add(b, s + i, 1);
		} else if (c == '\n')
			codec_buf_add(b, "\\n", 2);
		else if (c == '\r')
			codec_buf_add(b, "\\r", 2);
		else if (c == '\t')
			codec_buf_add(b, "\\t", 2);
		else if (c < 0x20 || c == 0x7f)
			codec_buf_printf(b, "\\%03u", c);
		else
			codec_buf_add(b, s + i, 1);
	}
	codec_buf_add(b, "\"", 1);
}

/* Set the error: "cannot encode <root><path>: <reason>". */
static void __attribute__((format(printf, 2, 3)))
codec_fail(struct codec_enc *e, const char *fmt, ...)
{
	struct codec_buf	 b = { e->err, e->errlen, 0 };
	struct codec_step	*st;
	char			 reason[128];
	va_list			 ap;
	int			 i;

	if (e->err == NULL || e->errlen == 0)
		return;
	e->err[0] = '\0';
	codec_buf_add(&b, "cannot encode ", 14);
	codec_buf_add(&b, e->root, strlen(e->root));
	for (i = 0; i < e->npath; i++) {
		st = &e->path[i];
		switch (st->kind) {
		case CODEC_STEP_ARG:
			codec_buf_printf(&b, " %" PRId64, (int64_t)st->index);
			break;
		case CODEC_STEP_INDEX:
			codec_buf_printf(&b, "[%" PRId64 "]",
			    (int64_t)st->index);
			break;
		case CODEC_STEP_KEY:
			if (codec_is_identifier(st->key, st->klen)) {
				codec_buf_add(&b, ".", 1);
				codec_buf_add(&b, st->key, st->klen);
			} else {
				codec_buf_add(&b, "[", 1);
				codec_buf_quote(&b, st->key, st->klen);
				codec_buf_add(&b, "]", 1);
			}
			break;
		}
	}
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	codec_buf_add(&b, ": ", 2);
	codec_buf_add(&b, reason, strlen(reason));
}

static void
codec_errorf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
codec_errorf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static json_t	*codec_enc_value(struct codec_enc *, int);

/*
 * Look at every key first, so a table is an array or an object before any
 * value is encoded. Returns 1 for an array of *np elements, 0 for an
 * object, -1 on error (stack as on entry).
 */
static int
codec_enc_shape(struct codec_enc *e, int idx, lua_Integer *np)
{
	lua_State	*L = e->L;
	lua_Integer	 k, max = 0, nint = 0, nstr = 0;
	const char	*s;
	size_t		 len;

	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		switch (lua_type(L, -2)) {
		case LUA_TSTRING:
			s = lua_tolstring(L, -2, &len);
			if (!jstr_utf8_valid(s, len)) {
				lua_pop(L, 2);
				codec_fail(e, "invalid UTF-8 in key");
				return (-1);
			}
			/* jansson refuses to decode these. */
			if (memchr(s, '\0', len) != NULL) {
				lua_pop(L, 2);
				codec_fail(e, "NUL in key");
				return (-1);
			}
			nstr++;
			break;
		case LUA_TNUMBER:
			if (!lua_isinteger(L, -2)) {
				codec_fail(e, "float key %.14g",
				    (double)lua_tonumber(L, -2));
				lua_pop(L, 2);
				return (-1);
			}
			k = lua_tointeger(L, -2);
			if (k <= 0) {
				lua_pop(L, 2);
				codec_fail(e, "non-positive key %" PRId64,
				    (int64_t)k);
				return (-1);
			}
			if (k > max)
				max = k;
			nint++;
			break;
		default:
			codec_fail(e, "%s key", luaL_typename(L, -2));
			lua_pop(L, 2);
			return (-1);
		}
		lua_pop(L, 1);		/* pop value, keep key for lua_next */
	}
	if (nstr != 0 && nint != 0) {
		codec_fail(e, "mixed table keys");
		return (-1);
	}
	if (nstr != 0)
		return (0);
	if (max != nint) {
		codec_fail(e, "sparse array");
		return (-1);
	}
	*np = nint;
	return (1);
}

static json_t *
codec_enc_array(struct codec_enc *e, int idx, lua_Integer n)
{
	lua_State		*L = e->L;
	json_t			*a, *v;
	struct codec_step	*st;
	lua_Integer		 i;

	if ((a = json_array()) == NULL) {
		codec_fail(e, "out of memory");
		return (NULL);
	}
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, i);
		st = &e->path[e->npath++];
		st->kind = CODEC_STEP_INDEX;
		st->index = i;
		v = codec_enc_value(e, lua_gettop(L));
		e->npath--;
		lua_pop(L, 1);
		if (v == NULL)
			goto fail;
		/* _new takes v even when it fails. */
		if (json_array_append_new(a, v) != 0) {
			codec_fail(e, "out of memory");
			goto fail;
		}
	}
	return (a);

fail:
	json_decref(a);
	return (NULL);
}

static json_t *
codec_enc_object(struct codec_enc *e, int idx)
{
	lua_State		*L = e->L;
	json_t			*o, *v;
	struct codec_step	*st;
	const char		*k;
	size_t			 klen;

	if ((o = json_object()) == NULL) {
		codec_fail(e, "out of memory");
		return (NULL);
	}
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		k = lua_tolstring(L, -2, &klen);	/* a string: checked */
		st = &e->path[e->npath++];
		st->kind = CODEC_STEP_KEY;
		st->key = k;
		st->klen = klen;
		v = codec_enc_value(e, lua_gettop(L));
		if (v == NULL) {
			e->npath--;
			lua_pop(L, 2);
			goto fail;
		}
		if (json_object_setn_new_nocheck(o, k, klen, v) != 0) {
			codec_fail(e, "out of memory");
			e->npath--;
			lua_pop(L, 2);
			goto fail;
		}
		e->npath--;
		lua_pop(L, 1);
	}
	return (o);

fail:
	json_decref(o);
	return (NULL);
}

static json_t *
codec_enc_table(struct codec_enc *e, int idx)
{
	const void	*p = lua_topointer(e->L, idx);
	json_t		*j;
	lua_Integer	 n;
	int		 i, shape;

	for (i = 0; i < e->depth; i++) {
		if (e->ancestors[i] == p) {
			codec_fail(e, "cycle");
			return (NULL);
		}
	}
	if (e->depth >= CODEC_MAX_DEPTH) {
		codec_fail(e, "nesting deeper than %d", CODEC_MAX_DEPTH);
		return (NULL);
	}
	if ((shape = codec_enc_shape(e, idx, &n)) == -1)
		return (NULL);
	e->ancestors[e->depth++] = p;
	if (shape == 1)
		j = codec_enc_array(e, idx, n);
	else
		j = codec_enc_object(e, idx);
	e->depth--;
	return (j);
}

/* A new reference to the JSON for the value at idx (absolute), or NULL. */
static json_t *
codec_enc_value(struct codec_enc *e, int idx)
{
	lua_State	*L = e->L;
	json_t		*j = NULL;
	const char	*s;
	size_t		 len;
	lua_Number	 d;

	switch (lua_type(L, idx)) {
	case LUA_TNONE:
	case LUA_TNIL:
		j = json_null();
		break;
	case LUA_TBOOLEAN:
		j = json_boolean(lua_toboolean(L, idx));
		break;
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx)) {
			j = json_integer((json_int_t)lua_tointeger(L, idx));
			break;
		}
		d = lua_tonumber(L, idx);
		if (isnan(d)) {
			codec_fail(e, "NaN");
			return (NULL);
		}
		if (isinf(d)) {
			codec_fail(e, d > 0 ? "inf" : "-inf");
			return (NULL);
		}
		j = json_real(d);
		break;
	case LUA_TSTRING:
		s = lua_tolstring(L, idx, &len);
		if (!jstr_utf8_valid(s, len)) {
			codec_fail(e, "invalid UTF-8");
			return (NULL);
		}
		j = json_stringn_nocheck(s, len);
		break;
	case LUA_TTABLE:
		return (codec_enc_table(e, idx));
	case LUA_TFUNCTION:
		codec_fail(e, "function");
		return (NULL);
	case LUA_TUSERDATA:
	case LUA_TLIGHTUSERDATA:
		codec_fail(e, "userdata");
		return (NULL);
	case LUA_TTHREAD:
		codec_fail(e, "thread");
		return (NULL);
	default:
		codec_fail(e, "%s", luaL_typename(L, idx));
		return (NULL);
	}
	if (j == NULL)
		codec_fail(e, "out of memory");
	return (j);
}

/*
 * Dump into a buffer from malloc, whatever allocator jansson was given,
 * because the caller frees it with free().
 */
static char *
codec_dump(struct codec_enc *e, json_t *j, size_t *lenp)
{
	char	*s;
	size_t	 n;

	n = json_dumpb(j, NULL, 0, CODEC_DUMP_FLAGS);
	if (n == 0 || n == SIZE_MAX || (s = malloc(n + 1)) == NULL) {
		codec_fail(e, "out of memory");
		return (NULL);
	}
	if (json_dumpb(j, s, n, CODEC_DUMP_FLAGS) != n) {
		free(s);
		codec_fail(e, "out of memory");
		return (NULL);
	}
	s[n] = '\0';
	if (lenp != NULL)
		*lenp = n;
	return (s);
}

/*
 * Reserve every Lua stack slot the walk can use up front: later steps then
 * never allocate in Lua, so no Lua error can leave a jansson tree behind.
 */
static int
codec_enc_init(struct codec_enc *e, lua_State *L, const char *root,
    char *err, size_t errlen)
{
	memset(e, 0, sizeof *e);
	e->L = L;
	e->root = root != NULL ? root : "value";
	e->err = err;
	e->errlen = errlen;
	if (!lua_checkstack(L, 2 * CODEC_MAX_DEPTH + 8)) {
		codec_fail(e, "Lua stack overflow");
		return (-1);
	}
	return (0);
}

/*
 * The common payloads, a lone string or integer, without a jansson tree:
 * byte for byte what json_dumpb writes with CODEC_DUMP_FLAGS. NULL (and
 * nothing to report) when the value is not one of those or the string is
 * not valid UTF-8; the general path then encodes it or says what is wrong.
 */
static char *
codec_encode_scalar(lua_State *L, int idx, size_t *lenp)
{
	const char	*s;
	size_t		 len, extra, n;
	char		*out;

	if (lua_type(L, idx) == LUA_TNUMBER && lua_isinteger(L, idx)) {
		if ((out = malloc(24)) == NULL)
			return (NULL);
		n = (size_t)snprintf(out, 24, "%lld",
		    (long long)lua_tointeger(L, idx));
		if (lenp != NULL)
			*lenp = n;
		return (out);
	}
	if (lua_type(L, idx) != LUA_TSTRING)
		return (NULL);
	s = lua_tolstring(L, idx, &len);
	if (len > (SIZE_MAX - 3) / 6 || jstr_scan(s, len, &extra) != 0)
		return (NULL);
	n = len + extra + 2;
	if ((out = malloc(n + 1)) == NULL)
		return (NULL);
	jstr_quote(out, s, len, n);
	out[n] = '\0';
	if (lenp != NULL)
		*lenp = n;
	return (out);
}

char *
codec_encode(lua_State *L, int idx, const char *root, size_t *lenp,
    char *err, size_t errlen)
{
	struct codec_enc	 e;
	json_t			*j;
	char			*s;

	idx = lua_absindex(L, idx);
	if ((s = codec_encode_scalar(L, idx, lenp)) != NULL)
		return (s);
	if (codec_enc_init(&e, L, root, err, errlen) != 0)
		return (NULL);
	if ((j = codec_enc_value(&e, idx)) == NULL)
		return (NULL);
	s = codec_dump(&e, j, lenp);
	json_decref(j);
	return (s);
}

char *
codec_encode_list(lua_State *L, int first, int n, const char *root,
    size_t *lenp, char *err, size_t errlen)
{
	struct codec_enc	 e;
	json_t			*a, *v;
	char			*s;
	int			 i;

	if (n > 0)
		first = lua_absindex(L, first);
	if (codec_enc_init(&e, L, root, err, errlen) != 0)
		return (NULL);
	if ((a = json_array()) == NULL) {
		codec_fail(&e, "out of memory");
		return (NULL);
	}
	for (i = 0; i < n; i++) {
		e.path[0].kind = CODEC_STEP_ARG;
		e.path[0].index = i + 1;
		e.npath = 1;
		v = codec_enc_value(&e, first + i);
		e.npath = 0;
		if (v == NULL) {
			json_decref(a);
			return (NULL);
		}
		if (json_array_append_new(a, v) != 0) {
			codec_fail(&e, "out of memory");
			json_decref(a);
			return (NULL);
		}
	}
	s = codec_dump(&e, a, lenp);
	json_decref(a);
	return (s);
}

/*
 * Push the Lua value for j; depth counts the arrays and objects around it.
 * Returns -1, with the stack possibly higher than on entry, when j is
 * nested too deeply or the Lua stack cannot grow.
 */
static int
codec_push_value(lua_State *L, json_t *j, int depth)
{
	const char	*k;
	size_t		 i, n, klen;
	json_t		*v;

	if (!lua_checkstack(L, 3))
		return (-1);
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if (depth > CODEC_PUSH_MAX_DEPTH)
			return (-1);
		n = json_object_size(j);
		lua_createtable(L, 0, n > INT_MAX ? INT_MAX : (int)n);
		json_object_keylen_foreach(j, k, klen, v) {
			if (json_is_null(v))
				continue;
			lua_pushlstring(L, k, klen);
			if (codec_push_value(L, v, depth + 1) != 0)
				return (-1);
			lua_rawset(L, -3);
		}
		break;
	case JSON_ARRAY:
		if (depth > CODEC_PUSH_MAX_DEPTH)
			return (-1);
		n = json_array_size(j);
		lua_createtable(L, n > INT_MAX ? INT_MAX : (int)n, 0);
		for (i = 0; i < n; i++) {
			v = json_array_get(j, i);
			if (json_is_null(v))
				continue;	/* a hole */
			if (codec_push_value(L, v, depth + 1) != 0)
				return (-1);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case JSON_STRING:
		lua_pushlstring(L, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		lua_pushinteger(L, (lua_Integer)json_integer_value(j));
		break;
	case JSON_REAL:
		lua_pushnumber(L, (lua_Number)json_real_value(j));
		break;
	case JSON_TRUE:
		lua_pushboolean(L, 1);
		break;
	case JSON_FALSE:
		lua_pushboolean(L, 0);
		break;
	case JSON_NULL:
	default:
		lua_pushnil(L);
		break;
	}
	return (0);
}

void
codec_push(lua_State *L, json_t *j)
{
	int	top = lua_gettop(L);

	if (j == NULL) {
		luaL_checkstack(L, 1, NULL);
		lua_pushnil(L);
		return;
	}
	if (codec_push_value(L, j, 1) != 0) {
		lua_settop(L, top);
		luaL_error(L, "cannot decode: nesting too deep");
	}
}

static int
codec_box_gc(lua_State *L)
{
	json_t	**bp = lua_touserdata(L, 1);

	if (bp != NULL && *bp != NULL) {
		json_decref(*bp);
		*bp = NULL;
	}
	return (0);
}

/*
 * The common payloads without a jansson tree: a string with no escapes, or
 * an integer of at most 18 digits. Returns 1 with the value pushed, or 0
 * when the text is anything else (jansson then decodes it, or says why
 * it is not JSON).
 */
static int
codec_decode_scalar(lua_State *L, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	lua_Integer		 v = 0;
	size_t			 i = 0, extra;
	int			 neg = 0;

	if (p[0] == '"') {
		if (len < 2 || p[len - 1] != '"' ||
		    jstr_scan(s + 1, len - 2, &extra) != 0 || extra != 0)
			return (0);
		lua_pushlstring(L, s + 1, len - 2);
		return (1);
	}
	if (p[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (len - i == 0 || len - i > 18 || (p[i] == '0' && len - i > 1))
		return (0);
	for (; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return (0);
		v = v * 10 + (p[i] - '0');
	}
	lua_pushinteger(L, neg ? -v : v);
	return (1);
}

int
codec_decode(lua_State *L, const char *s, size_t len, char *err,
    size_t errlen)
{
	json_error_t	  je;
	json_t		 *j, **bp;
	int		  top = lua_gettop(L);

	if (!lua_checkstack(L, 4)) {
		codec_errorf(err, errlen, "cannot decode: Lua stack overflow");
		return (-1);
	}
	if (len == 0) {
		lua_pushnil(L);
		return (0);
	}
	if (codec_decode_scalar(L, s, len))
		return (0);
	/* jansson skips a raw NUL byte; JSON text never holds one. */
	if (memchr(s, '\0', len) != NULL) {
		codec_errorf(err, errlen,
		    "cannot decode: NUL byte in JSON text");
		return (-1);
	}

	/*
	 * The tree is owned by a box with a __gc while Lua values are made
	 * from it: a Lua memory error then cannot leak it.
	 */
	bp = lua_newuserdatauv(L, sizeof *bp, 0);
	*bp = NULL;
	if (luaL_newmetatable(L, CODEC_BOX)) {
		lua_pushcfunction(L, codec_box_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);

	j = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (j == NULL) {
		lua_settop(L, top);
		codec_errorf(err, errlen, "cannot decode: %s", je.text);
		return (-1);
	}
	*bp = j;
	if (codec_push_value(L, j, 1) != 0) {
		*bp = NULL;
		json_decref(j);
		lua_settop(L, top);
		codec_errorf(err, errlen, "cannot decode: nesting too deep");
		return (-1);
	}
	*bp = NULL;
	json_decref(j);
	lua_remove(L, -2);	/* the box */
	return (0);
}
