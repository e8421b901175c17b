/*
 * Lua value <-> JSON, exactly the payload rules of spec section 4.
 * Used by the worker (payloads, spawn arguments, results, the json module)
 * and by the unit tests; the broker never decodes payloads it forwards.
 */
#ifndef CODEC_H
#define CODEC_H

#include <stddef.h>

#include <jansson.h>
#include <lua.h>

#define CODEC_MAX_DEPTH	128

/*
 * Encode the Lua value at stack index idx as compact JSON text. `root` names
 * the value in error messages ("payload", "argument 2", "result").
 * Returns a malloc'd NUL-terminated string (the caller frees it) and its
 * length in *lenp, or NULL with err set to e.g.
 * "cannot encode payload.items[3].f: function". Never raises a Lua error
 * except on memory exhaustion inside Lua itself.
 */
char	*codec_encode(lua_State *, int idx, const char *root, size_t *lenp,
	    char *err, size_t errlen);

/*
 * Encode the n values starting at stack index first as one JSON array; an
 * error names the failing value as "<root> <i>" (1-based), e.g.
 * "cannot encode argument 2.x: function".
 */
char	*codec_encode_list(lua_State *, int first, int n, const char *root,
	    size_t *lenp, char *err, size_t errlen);

/*
 * Decode len bytes of JSON text and push the Lua value (len 0 pushes nil).
 * Returns 0, or -1 with err set and nothing pushed.
 */
int	 codec_decode(lua_State *, const char *, size_t, char *err,
	    size_t errlen);

/* Push the Lua value for a jansson value (NULL or json null -> nil). */
void	 codec_push(lua_State *, json_t *);

#endif
