/*
 * forkbox-worker: runs one Lua process for the broker.
 *
 * The broker execs us with the socket on fd 3. We read INIT, build a Lua
 * state with a capped allocator, a CPU hook and the sandbox, load the
 * entry's source and run table[method](args...) as the main task; then the
 * scheduler and the libevent loop take turns until main returns, an error
 * or a limit ends the process, or the broker goes away.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "forkbox/proto.h"
#include "clip.h"
#include "codec.h"
#include "log.h"
#include "worker.h"

#define WORKER_HOOK_COUNT	10000	/* instructions between CPU checks */

struct worker	 worker;

static char	*worker_method;
static const char *worker_source;	/* the entry's text: worker_source_buf,
					   or the zygote's copy */
static char	*worker_source_buf;	/* ours, when INIT carried it */
static size_t	 worker_source_len;
static char	*worker_args;		/* INIT payload: JSON array */
static size_t	 worker_args_len;

/* ---- exits --------------------------------------------------------- */

#define WORKER_ERROR_MAX	4096	/* bytes of EXIT "error", then a marker */

/* Send FB_EXIT, write everything out, end the stream, exit. detail: see
 * proto.h. A long error is cut with a marker: whole, it might not fit the
 * envelope, and the process would end without a word. The broker
 * announces the exit once it has EXIT and the stream's end (the fast
 * exit, broker/reap.c), without waiting for the kernel to tear our
 * address space down: so the shutdown comes before the exit. It then
 * kills us to be sure, so nothing after the shutdown ever ran for sure:
 * a trusted worker's stdio is flushed before EXIT, and _exit skips
 * exit()'s handlers and destructors, which on a busy vCPU kept the
 * broker (often woken on it) waiting 20-40 us a spawn. */
static void __attribute__((noreturn))
worker_exit(int code, const char *status, const char *error,
    const char *detail, const char *payload, size_t plen)
{
	static char	 cut[WORKER_ERROR_MAX + CLIP_MARKER_MAX];
	char		 err[256];
	json_t		*env;

	if (error != NULL && strlen(error) > WORKER_ERROR_MAX) {
		clip(cut, WORKER_ERROR_MAX, error, strlen(error));
		error = cut;
	}
	if (error != NULL)
		env = json_pack("{s:s,s:s}", "status", status, "error", error);
	else
		env = json_pack("{s:s}", "status", status);
	if (env == NULL && error != NULL)	/* error text not UTF-8 */
		env = json_pack("{s:s,s:s}", "status", status, "error",
		    "(error message is not valid UTF-8)");
	if (env != NULL && detail != NULL)
		json_object_set_new(env, "detail", json_string(detail));
	/* a trusted host's io.write (a strict one has no stdio to flush;
	 * fflush walks every FILE, writing pages shared with the zygote) */
	if (!worker.limits.sandbox_strict)
		(void)fflush(NULL);
	if (env == NULL ||
	    conn_send(FB_EXIT, 0, 0, env, payload, plen, err, sizeof err) != 0)
		log_warnx("cannot send EXIT");
	json_decref(env);
	conn_flush_sync();
	(void)shutdown(FB_WORKER_FD, SHUT_WR);
	_exit(code);
}

#ifdef FORKBOX_TEST_HOOKS
/* Test hook: EXIT "normal" written out, then a crash before the end of
 * the stream (worker_exit's shutdown): the wait status must decide the
 * reason (broker/reap.c, the fast exit). */
void
worker_test_exit_then_crash(void)
{
	json_t	*env = json_pack("{s:s}", "status", "normal");
	char	 err[128];

	if (env == NULL || conn_send(FB_EXIT, 0, 0, env, NULL, 0, err,
	    sizeof err) != 0)
		fatalx("cannot send EXIT");
	json_decref(env);
	conn_flush_sync();
	raise(SIGSEGV);
	_exit(0);
}
#endif

void
worker_exit_status(const char *status, const char *error)
{
	worker_exit(1, status, error, NULL, NULL, 0);
}

/* "64 MiB", "1536 KiB", "1000 bytes" */
static void
worker_format_size(uint64_t n, char *buf, size_t len)
{
	if (n != 0 && n % (1024ULL * 1024 * 1024) == 0)
		snprintf(buf, len, "%llu GiB", (unsigned long long)(n >> 30));
	else if (n != 0 && n % (1024 * 1024) == 0)
		snprintf(buf, len, "%llu MiB", (unsigned long long)(n >> 20));
	else if (n != 0 && n % 1024 == 0)
		snprintf(buf, len, "%llu KiB", (unsigned long long)(n >> 10));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)n);
}

void
worker_exit_memory(void)
{
	char	size[64], msg[128];

	worker_format_size(worker.limits.memory_limit, size, sizeof size);
	snprintf(msg, sizeof msg, "memory limit exceeded (%s)", size);
	worker_exit_status("memory", msg);
}

static void __attribute__((noreturn))
worker_exit_cpu(void)
{
	char		msg[128];
	uint64_t	ms = worker.limits.cpu_limit_ms;

	if (ms % 1000 == 0)
		snprintf(msg, sizeof msg, "cpu limit exceeded (%llus)",
		    (unsigned long long)(ms / 1000));
	else
		snprintf(msg, sizeof msg, "cpu limit exceeded (%llums)",
		    (unsigned long long)ms);
	worker_exit_status("cpu", msg);
}

#define WORKER_DETAIL_MAX	4096	/* bytes of EXIT "detail" */

/* Under lua_pcall: main's first result (argument 2) encoded for EXIT, and
 * tostring of its second (argument 3, if any) as the detail. */
struct worker_result {
	char	*json;
	size_t	 len;
	char	 err[512];
	char	 detail[WORKER_DETAIL_MAX + CLIP_MARKER_MAX];
	int	 has_detail;
};

static int
worker_encode_result(lua_State *L)
{
	struct worker_result	*r = lua_touserdata(L, 1);
	const char		*s;
	size_t			 len;

	if (!lua_isnoneornil(L, 3)) {
		s = ident_tolstring(L, 3, &len);
		clip(r->detail, WORKER_DETAIL_MAX, s, len);
		r->has_detail = 1;
	}
	if (lua_isnil(L, 2))
		return (0);
	r->json = codec_encode(L, 2, "result", &r->len, r->err,
	    sizeof r->err);
	if (r->json == NULL)
		r->len = (size_t)-1;
	return (0);
}

/* Main returned nres values on co: EXIT normal with the first one. */
void
worker_exit_normal(lua_State *co, int nres)
{
	lua_State		*L = worker.L;
	struct worker_result	*r;
	uint64_t		 max = worker.limits.max_message_size;
	int			 status, n = nres > 2 ? 2 : nres;

	if (nres == 0)
		worker_exit(0, "normal", NULL, NULL, NULL, 0);
	if ((r = calloc(1, sizeof *r)) == NULL)
		fatal("calloc");
	lua_settop(co, lua_gettop(co) - nres + n);	/* first two results */
	lua_pushcfunction(L, worker_encode_result);
	lua_pushlightuserdata(L, r);
	lua_xmove(co, L, n);
	status = lua_pcall(L, 1 + n, 0, 0);
	if (status == LUA_ERRMEM)
		worker_exit_memory();
	if (status != LUA_OK)
		worker_exit_status("error", lua_tostring(L, -1));
	if (r->len == (size_t)-1)
		worker_exit_status("error", r->err);
	if (max != 0 && r->len > max) {
		snprintf(r->err, sizeof r->err, "result too large (%zu bytes, "
		    "limit %llu)", r->len, (unsigned long long)max);
		worker_exit_status("error", r->err);
	}
	worker_exit(0, "normal", NULL, r->has_detail ? r->detail : NULL,
	    r->json, r->json != NULL ? r->len : 0);
}

/* Under lua_pcall: message and traceback of the error on thread co. */
static int
worker_describe_error(lua_State *L)
{
	lua_State	*co = lua_touserdata(L, 1);
	const char	*msg;

	lua_settop(L, 0);
	lua_pushvalue(co, -1);
	lua_xmove(co, L, 1);				/* 1: error object */
	if ((msg = lua_tostring(L, 1)) == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") &&
		    lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s "
			    "value)", luaL_typename(L, 1));
	}
	lua_settop(L, 1);
	lua_pushstring(L, msg);				/* 2: message */
	luaL_traceback(L, co, msg, 0);			/* 3: traceback */
	return (2);
}

/* The error of thread co (an errored task) ends the process. */
void
worker_exit_error(lua_State *L, lua_State *co, int status)
{
	const char	*msg, *tb;
	char		 err[128];
	int		 r;

	lua_pushcfunction(L, worker_describe_error);
	lua_pushlightuserdata(L, co);
	r = lua_pcall(L, 1, 2, 0);
	if (r == LUA_ERRMEM)
		worker_exit_memory();
	if (r != LUA_OK)
		worker_exit_status("error", "(error while describing an "
		    "error)");
	msg = lua_tostring(L, -2);
	tb = lua_tostring(L, -1);
	/* The traceback goes to the broker's log like print(): after the
	 * lines printed before it, tagged, escaped, kept for the crash
	 * report. */
	if (tb != NULL && sandbox_send_print(tb, strlen(tb), err,
	    sizeof err) != 0)
		log_debug("traceback: %s", err);
	/* msg stays on L's stack: no Lua runs again before exit */
	worker_exit_status("error", msg != NULL ? msg : "error");
}

/* ---- limits -------------------------------------------------------- */

/* Lua's allocator, holding the heap under limits.memory_limit. Blocks
 * of the state inherited from the zygote are never freed or resized in
 * place, and count as ours but for the app's code (template.c). */
static void *
worker_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	int	 inherited = ptr != NULL && template_owns(ptr);
	size_t	 old = ptr != NULL && (!inherited || template_counts(ptr)) ?
		    osize : 0;
	uint64_t limit = worker.limits.memory_limit;
	void	*p;

	if (nsize == 0) {
		if (!inherited)
			free(ptr);
		worker.mem_used -= old;
		return (NULL);
	}
	if (limit != 0 && nsize > old &&
	    worker.mem_used - old + nsize > limit) {
		/* Lua collects and retries once, then raises LUA_ERRMEM. */
		worker.oom = nsize;
		return (NULL);
	}
	p = inherited ? template_move(ptr, osize, nsize) :
	    realloc(ptr, nsize);
	if (p == NULL) {
		worker.oom = nsize;
		return (NULL);
	}
	/* The refused block fit after all, as on Lua's retry after a
	 * full collection: no limit is broken. Smaller blocks (an error
	 * message on the way out) say nothing. */
	if (nsize >= worker.oom)
		worker.oom = 0;
	worker.mem_used = worker.mem_used - old + nsize;
	return (p);
}

/*
 * Warnings: Lua's only report of an error in a finalizer. One for a
 * memory error means the limit was broken where nothing can catch it;
 * that ends the process as anywhere else.
 */
static void
worker_warn(void *ud, const char *msg, int tocont)
{
	if (worker.oom)
		worker_exit_memory();
}

static int
worker_panic(lua_State *L)
{
	const char	*msg = lua_tostring(L, -1);

	log_warnx("%s: lua panic: %s", worker.pid, msg != NULL ? msg : "?");
	worker_exit_status("error", msg != NULL ? msg : "lua panic");
}

static uint64_t
worker_cpu_ms(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return (0);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

void
worker_check_limits(void)
{
	if (worker.limits.cpu_limit_ms != 0 &&
	    worker_cpu_ms() >= worker.limits.cpu_limit_ms)
		worker_exit_cpu();
}

/* Count hook, installed only with a CPU limit (hooks slow the VM). */
static void
worker_hook(lua_State *L, lua_Debug *ar)
{
	worker_check_limits();
}

/*
 * Run fn(ud) protected on the main thread, for C code driven by the event
 * loop (frame dispatch, timers). A memory error ends the process like any
 * other; another error is a bug here and ends it too.
 */
int
worker_pcall(lua_CFunction fn, void *ud)
{
	lua_State	*L = worker.L;
	int		 top = lua_gettop(L), status;

	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, ud);
	status = lua_pcall(L, 1, 0, 0);
	if (status == LUA_ERRMEM)
		worker_exit_memory();
	if (status != LUA_OK) {
		log_warnx("%s: internal error: %s", worker.pid,
		    lua_tostring(L, -1));
		worker_exit_status("error", "internal error in the worker");
	}
	lua_settop(L, top);
	return (0);
}

/* ---- start --------------------------------------------------------- */

/* PR_SET_PDEATHSIG, then make sure the broker did not die before it. */
static void
worker_parent_check(void)
{
	struct ucred	cred;
	socklen_t	len = sizeof cred;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		log_warn("prctl(PR_SET_PDEATHSIG)");
	/* The broker made the socketpair: its creator is our parent. A
	 * different parent now means we were orphaned already. */
	if (getsockopt(FB_WORKER_FD, SOL_SOCKET, SO_PEERCRED, &cred,
	    &len) == 0 && cred.pid > 0 && cred.pid != getppid())
		exit(0);
}

static uint64_t
worker_limit(json_t *limits, const char *key, uint64_t dflt)
{
	json_t	*v = json_object_get(limits, key);

	if (v == NULL || !json_is_integer(v) || json_integer_value(v) < 0)
		return (dflt);
	return ((uint64_t)json_integer_value(v));
}

static char *
worker_strdup(json_t *env, const char *key, const char *dflt)
{
	json_t		*v = json_object_get(env, key);
	const char	*s = json_is_string(v) ? json_string_value(v) : dflt;

	if (s == NULL)
		return (NULL);
	if ((s = strdup(s)) == NULL)
		fatal("strdup");
	return ((char *)s);
}

/* A trusted child of the zygote: the broker's environment, from INIT
 * (an exec'd worker inherited it). */
static int
worker_environ(json_t *env, char *err, size_t errlen)
{
	json_t	*list = json_object_get(env, "environ"), *v;
	size_t	 i;
	char	*s;

	if (list == NULL)
		return (0);
	if (!json_is_array(list) || worker.limits.sandbox_strict) {
		snprintf(err, errlen, "INIT: bad environ");
		return (-1);
	}
	if (clearenv() != 0)
		fatalx("clearenv");
	json_array_foreach(list, i, v) {
		if (!json_is_string(v) || strchr(json_string_value(v),
		    '=') == NULL) {
			snprintf(err, errlen, "INIT: bad environ");
			return (-1);
		}
		if ((s = strdup(json_string_value(v))) == NULL ||
		    putenv(s) != 0)
			fatal("putenv");
	}
	return (0);
}

/* The entry's text: INIT's "source", or the zygote's copy of it that
 * "zchunk" names (proto.h), which must be of this chunk and
 * "source_size" bytes long. Returns 0 or -1. */
static int
worker_take_source(json_t *env)
{
	json_t	*src = json_object_get(env, "source");
	json_t	*zchunk = json_object_get(env, "zchunk");
	json_t	*size = json_object_get(env, "source_size");

	if (json_is_string(src)) {
		worker_source_len = json_string_length(src);
		if ((worker_source_buf = malloc(worker_source_len + 1)) ==
		    NULL)
			fatal("malloc");
		memcpy(worker_source_buf, json_string_value(src),
		    worker_source_len + 1);
		worker_source = worker_source_buf;
		return (0);
	}
	if (!json_is_integer(zchunk) || json_integer_value(zchunk) < 0 ||
	    !json_is_integer(size) || json_integer_value(size) < 0)
		return (-1);
	worker_source_len = (size_t)json_integer_value(size);
	worker_source = chunkcache_named((size_t)json_integer_value(zchunk),
	    worker.chunk, worker_source_len);
	return (worker_source != NULL ? 0 : -1);
}

/* Take what we need from the INIT envelope. Returns 0, or -1 with err. */
static int
worker_configure(json_t *env, char *err, size_t errlen)
{
	json_t		*proto = json_object_get(env, "proto");
	json_t		*limits = json_object_get(env, "limits");
	const char	*sandbox;
	size_t		 code;
	int		 r;

	if (!json_is_integer(proto) ||
	    json_integer_value(proto) != FORKBOX_PROTO_VERSION) {
		snprintf(err, errlen, "protocol version mismatch (worker %d, "
		    "broker %lld)", FORKBOX_PROTO_VERSION, json_is_integer(proto) ?
		    (long long)json_integer_value(proto) : -1LL);
		return (-1);
	}
	worker.pid = worker_strdup(env, "pid", NULL);
	worker.node = worker_strdup(env, "node", NULL);
	worker.node_max = worker_limit(env, "node_max", 0);
	worker.entry = worker_strdup(env, "entry", "?");
	worker.chunk = worker_strdup(env, "chunk", "?");
	worker.ospid = json_is_integer(json_object_get(env, "ospid")) ?
	    (long)json_integer_value(json_object_get(env, "ospid")) : -1;
	worker_method = worker_strdup(env, "method", "main");
	if (worker.pid == NULL || worker_take_source(env) != 0) {
		snprintf(err, errlen, "INIT without pid or source");
		return (-1);
	}
	code = worker_source_buf != NULL ? worker_source_len : 0;

	worker.limits.memory_limit = worker_limit(limits, "memory_limit",
	    64ULL * 1024 * 1024);
	worker.limits.cpu_limit_ms = worker_limit(limits, "cpu_limit_ms", 0);
	worker.limits.max_message_size = worker_limit(limits,
	    "max_message_size", 1024 * 1024);
	worker.limits.init_bytes = worker_args_len + code;
	sandbox = json_string_value(json_object_get(limits, "sandbox"));
	worker.limits.sandbox_strict = sandbox == NULL ||
	    strcmp(sandbox, "none") != 0;
	if (worker_environ(env, err, errlen) != 0)
		return (-1);
	/* the library sources follow the arguments in the payload */
	r = library_configure(env, worker_args, &worker_args_len, err, errlen);
	worker.init_code = code + library_text_bytes();
	return (r);
}

static int	worker_main_k(lua_State *, int, lua_KContext);

/* The main task: run the chunk, take table[method], call it with args. */
static int
worker_main_task(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));		/* chunk */
	lua_callk(L, 0, 1, 1, worker_main_k);
	return (worker_main_k(L, LUA_OK, 1));
}

static int
worker_main_k(lua_State *L, int status, lua_KContext ctx)
{
	lua_Integer	i, n;

	if (ctx == 2)
		return (lua_gettop(L));			/* main's results */
	if (!lua_istable(L, -1)) {
		lua_pushfstring(L, "entry %s: source returned %s, not a table",
		    worker.entry, luaL_typename(L, -1));
		return (lua_error(L));
	}
	lua_getfield(L, -1, worker_method);
	if (!lua_isfunction(L, -1)) {
		lua_pushfstring(L, "entry %s: method '%s' is not a function",
		    worker.entry, worker_method);
		return (lua_error(L));
	}
	lua_remove(L, -2);				/* module table */
	n = (lua_Integer)lua_rawlen(L, lua_upvalueindex(2));
	luaL_checkstack(L, (int)n, "too many arguments for main");
	for (i = 1; i <= n; i++)
		lua_rawgeti(L, lua_upvalueindex(2), i);
	lua_callk(L, (int)n, LUA_MULTRET, 2, worker_main_k);
	return (worker_main_k(L, LUA_OK, 2));
}

/* Under lua_pcall: the environment (argument 1 true when the state came
 * with it from the zygote), the chunk, the main task. */
static int
worker_setup(lua_State *L)
{
	char	 err[512], *name;
	size_t	 len;

	sched_init(L);
	if (!lua_toboolean(L, 1))
		sandbox_open(L);
	else
		template_drop_chunks(L, library_wanted);
	lua_settop(L, 0);
	sandbox_seed(L);

	len = strlen(worker.chunk) + 2;
	name = lua_newuserdatauv(L, len, 0);
	snprintf(name, len, "@%s", worker.chunk);
	if (chunkcache_load(L, worker_source, worker_source_len, name) !=
	    LUA_OK)
		return (lua_error(L));		/* "chunk:line: ..." */
	lua_remove(L, -2);				/* name */
	free(worker_source_buf);
	worker_source = worker_source_buf = NULL;

	if (codec_decode(L, worker_args, worker_args_len, err,
	    sizeof err) != 0)
		return (luaL_error(L, "bad INIT arguments: %s", err));
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_newtable(L);
	} else if (!lua_istable(L, -1))
		return (luaL_error(L, "bad INIT arguments: not an array"));
	free(worker_args);
	worker_args = NULL;

	lua_pushcclosure(L, worker_main_task, 2);	/* chunk, args */
	sched_spawn(L, 0, 1);
	return (0);
}

/* Initial failures (bad INIT, syntax error) are reported like errors. */
static void __attribute__((noreturn))
worker_fail(const char *msg)
{
	log_warnx("%s", msg);
	worker_exit_status("error", msg);
}

/*
 * Once INIT is in, the worker's own log lines travel to the broker like
 * print() output (tagged with the pid there, escaped, kept for the crash
 * report), flushed at once since fatal() exits right after. The worker
 * then never writes to a file itself, so RLIMIT_FSIZE 0 costs nothing.
 */
static void
worker_log_sink(const char *line, size_t len)
{
	char	buf[2400], err[128];
	int	n;

	n = snprintf(buf, sizeof buf, "forkbox-worker: %.*s", (int)len, line);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	if (conn_sendv(FB_PRINT, 0, 0, NULL, 0, buf, (size_t)n, err,
	    sizeof err) == 0)
		conn_flush_sync();
}

/* What the broker's command line says: strict, jailed, a zygote. */
static void
worker_cmdline(int argc, char **argv, int *strictp, int *jailedp, int *zygotep)
{
	int	i;

	*strictp = *jailedp = *zygotep = 0;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], FB_WORKER_ARG_STRICT) == 0)
			*strictp = 1;
		else if (strcmp(argv[i], FB_WORKER_ARG_JAIL) == 0)
			*jailedp = 1;
		else if (strcmp(argv[i], FB_WORKER_ARG_ZYGOTE) == 0)
			*zygotep = 1;
	}
}

int
main(int argc, char **argv)
{
	char		 err[512], confined[512] = "", *tag;
	json_t		*env;
	lua_State	*L;
	int		 status, strict, jailed, zygote, templated;

	signal(SIGPIPE, SIG_IGN);
	log_init("forkbox-worker", LOG_LEVEL_WARN);
	worker_cmdline(argc, argv, &strict, &jailed, &zygote);
	/* The zygote returns here only in its children, each with what its
	 * host asks for (a strict one confined already). */
	if (zygote) {
		zygote_serve(argc, argv, &strict, &jailed);
		worker.from_zygote = strict ? WORKER_ZYGOTE_STRICT :
		    WORKER_ZYGOTE_TRUSTED;
	} else
		isolate_prepare();
	/* Confined while idle in the pool, off the spawn's clock; a failure
	 * is reported once INIT says who we are. The credentials change,
	 * which clears PR_SET_PDEATHSIG: the parent check comes after. */
	(void)confine_enter(strict, jailed, -1, confined, sizeof confined);
	worker_parent_check();

	if ((worker.base = event_base_new()) == NULL)
		fatalx("event_base_new");
	/* A busy worker frees its 64 KiB read and write chains each pass;
	 * with glibc's 128 KiB trim threshold the heap's top went back to
	 * the kernel and every pass faulted it in again (0.6 page faults
	 * per 4 KiB message). An idle worker frees nothing there: its Pss
	 * does not change. */
	mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
	if (conn_init(FB_WORKER_FD) != 0)
		fatalx("cannot allocate buffers");
	/* A strict worker takes its seccomp filter while it waits, off the
	 * spawn's clock; the limits from INIT and a second filter follow
	 * (sandbox_harden). A failure is reported as the confinement's. */
	if (strict && confined[0] == '\0')
		(void)sandbox_lock(confined, sizeof confined);
	if (conn_read_init(&env, &worker_args, &worker_args_len, err,
	    sizeof err) != 0)
		fatalx("%s", err);
	if (worker_configure(env, err, sizeof err) != 0) {
		json_decref(env);
		worker_fail(err);
	}
	if (confined[0] != '\0') {
		json_decref(env);
		worker_fail(confined);
	}
	json_decref(env);
	if (asprintf(&tag, "forkbox-worker %s", worker.pid) != -1)
		log_init(tag, LOG_LEVEL_WARN);
	log_set_sink(worker_log_sink);

	if (sandbox_harden(&worker.limits, err, sizeof err) != 0)
		worker_fail(err);

	/* A strict child of the zygote finishes the state it inherited;
	 * any other builds its own. Either collects generationally. */
	L = NULL;
	if (worker.limits.sandbox_strict)
		L = template_take(worker_alloc, &worker.mem_used);
	templated = L != NULL;
	if (L == NULL) {
		if ((L = lua_newstate(worker_alloc, NULL)) == NULL)
			worker_exit_memory();
		(void)lua_gc(L, LUA_GCGEN, 0, 0);
	}
	worker.L = L;
	lua_atpanic(L, worker_panic);
	lua_setwarnf(L, worker_warn, NULL);
	if (worker.limits.cpu_limit_ms != 0)
		lua_sethook(L, worker_hook, LUA_MASKCOUNT, WORKER_HOOK_COUNT);
	lua_pushcfunction(L, worker_setup);
	lua_pushboolean(L, templated);
	status = lua_pcall(L, 1, 0, 0);
	if (status == LUA_ERRMEM)
		worker_exit_memory();
	if (status != LUA_OK)
		worker_fail(lua_tostring(L, -1));

	conn_start();
	conn_dispatch();	/* frames that came right behind INIT */
	for (;;) {
		sched_run();
		conn_flush();
		worker_check_limits();
		if (event_base_loop(worker.base, sched_idle() ?
		    EVLOOP_ONCE : EVLOOP_NONBLOCK) == -1)
			fatalx("event loop failed");
	}
}
