/*
 * forkbox-worker internals: one OS process running one Lua process.
 *
 * worker.c	main: INIT, the Lua state and its limits, exits
 * conn.c	the broker socket on fd 3: frames in and out
 * sched.c	coroutine scheduler: run queue, blocking and waking
 * channel.c	channels and select (the channel module)
 * ltime.c	the time module and timers
 * lprocess.c	the process module: spawn, send, requests, options
 * lmessage.c	messages in: listen, unlisten, inbox
 * levent.c	events in: process.events, the unmonitor/unlink purge
 * unread.c	the worker's share of the mailbox: frames not taken yet
 * lregistry.c	process.registry
 * ljson.c	the json module
 * library.c	require() of imported libraries (code from INIT)
 * sandbox.c	the allow-list environment
 * template.c	the strict Lua state the zygote builds for its children
 * arena.c	memory of the zygote's Lua states, apart from malloc's
 * chunkcache.c	chunks the zygote compiled
 * isolate.c	the OS layer: rlimits, no_new_privs, seccomp
 * confine.c	the jail: namespaces, ids, capabilities
 * zygote.c	forkbox-worker --zygote: forks workers for the broker
 */
#ifndef WORKER_H
#define WORKER_H

#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <lua.h>

struct event;
struct event_base;

/* Limits from the INIT envelope; 0 means none. */
struct worker_limits {
	uint64_t		 memory_limit;	/* bytes of Lua heap */
	uint64_t		 cpu_limit_ms;
	uint64_t		 max_message_size;	/* encoded payload bytes */
	uint64_t		 init_bytes;	/* INIT's payload: args, libraries */
	int			 sandbox_strict;
};

/* worker.from_zygote: which zygote forked this worker. */
#define WORKER_ZYGOTE_TRUSTED	1
#define WORKER_ZYGOTE_STRICT	2

struct worker {
	lua_State		*L;
	struct event_base	*base;
	char			*pid;		/* own pid, "{host|entry|id}" */
	char			*node;		/* own node's name, or NULL */
	uint64_t		 node_max;	/* bytes of a message to another
						   node, envelope included */
	char			*entry;
	char			*chunk;
	long			 ospid;		/* as the broker sees it */
	int			 owner_inspects; /* the broker is not root */
	int			 from_zygote;	/* forked by a zygote: 0 or
						 * WORKER_ZYGOTE_* */
	int			 confined;	/* by confine_enter, here or
						 * in our zygote */
	struct worker_limits	 limits;
	size_t			 mem_used;	/* bytes the Lua allocator holds */
	size_t			 oom;		/* bytes of a block the allocator
						   refused, until one as large
						   fits: the limit is broken */
	size_t			 init_code;	/* bytes of Lua text INIT
						   carried (the test hook's) */
};
extern struct worker	 worker;

/* worker.c */
void	worker_check_limits(void);
void	worker_exit_normal(lua_State *, int) __attribute__((noreturn));
void	worker_exit_error(lua_State *, lua_State *, int)
	    __attribute__((noreturn));
void	worker_exit_status(const char *, const char *)
	    __attribute__((noreturn));
void	worker_exit_memory(void) __attribute__((noreturn));
void	worker_test_exit_then_crash(void);	/* test build only */
int	worker_pcall(lua_CFunction, void *);

/* conn.c */
int	conn_init(int);
int	conn_read_init(json_t **, char **, size_t *, char *, size_t);
void	conn_start(void);
void	conn_dispatch(void);
int	conn_send(uint16_t, uint16_t, uint64_t, json_t *, const char *,
	    size_t, char *, size_t);
int	conn_sendv(uint16_t, uint16_t, uint64_t, const char *, size_t,
	    const char *, size_t, char *, size_t);
int	conn_send_string(uint16_t, const char *, size_t, const char *, size_t,
	    size_t, char *, size_t);
int	conn_lost(void);
int	conn_congested(void);
void	conn_flush(void);
void	conn_flush_sync(void);
int	conn_write_raw(const char *, size_t);	/* test build only */
uint64_t conn_next_ref(void);

/* sched.c */
enum task_wait {
	TASK_WAIT_NONE,
	TASK_WAIT_CHANNEL,	/* waiters on one or more channels */
	TASK_WAIT_TIMER,	/* time.sleep */
	TASK_WAIT_REPLY,	/* a request to the broker */
	TASK_WAIT_OUTPUT,	/* output buffer over its high-water mark */
};

struct channel;

/* One pending operation of a blocked task on one channel. */
struct waiter {
	struct task		*task;
	struct channel		*ch;
	int			 send;		/* 1 send, 0 receive */
	int			 index;		/* case index in a select */
	int			 vref;		/* registry ref of the sent value */
	int			 queued;
	TAILQ_ENTRY(waiter)	 entry;
};
TAILQ_HEAD(waiter_list, waiter);

struct task {
	lua_State		*co;
	int			 ref;		/* registry ref anchoring co */
	int			 main;		/* runs the entry's method */
	int			 state;
#define TASK_RUNNABLE	1
#define TASK_RUNNING	2
#define TASK_BLOCKED	3
	int			 nargs;		/* values on co for resume */

	enum task_wait		 wait;
	struct waiter		*waiters;	/* TASK_WAIT_CHANNEL */
	int			 nwaiters;
	struct event		*timer;		/* TASK_WAIT_TIMER */
	uint64_t		 req_ref;	/* TASK_WAIT_REPLY */
	uint16_t		 req_type;
	char			*req_dest;	/* pid asked about, or NULL */

	TAILQ_ENTRY(task)	 entry;		/* run queue or wait list */
	TAILQ_ENTRY(task)	 all;
};
TAILQ_HEAD(task_list, task);

void	sched_init(lua_State *);
struct task *sched_spawn(lua_State *, int, int);
struct task *sched_current(void);
void	sched_check_block(lua_State *, const char *);
int	sched_can_block(lua_State *);
int	sched_throttle(lua_State *, int);
int	sched_block(lua_State *, enum task_wait, lua_KContext, lua_KFunction);
void	sched_wake(struct task *, lua_State *, int);
void	sched_run(void);
int	sched_idle(void);
struct task *sched_find_reply(uint64_t);
int	sched_waits_broker(void);
void	sched_wake_output(lua_State *);
int	sched_open_coroutine(lua_State *);

/* channel.c */
#define CHANNEL_UNBOUNDED	(-1)
int	luaopen_channel(lua_State *);
void	channel_push_new(lua_State *, int);
void	channel_push_mail(lua_State *);
int	channel_put(lua_State *, int, size_t);
struct channel *channel_at(lua_State *, int);
int	channel_is_closed(const struct channel *);
int	channel_put_known(lua_State *, int, struct channel *, size_t);
int	channel_mail_waiting(void);
int	channel_closed(lua_State *, int);
void	channel_close_at(lua_State *, int);
void	channel_filter(lua_State *, int, int (*)(lua_State *, void *), void *);
void	channel_unwait(struct task *);

/* ltime.c */
int	luaopen_time(lua_State *);
int64_t	ltime_checkduration(lua_State *, int);
double	ltime_now(void);

/* lprocess.c */
#define LPROCESS_ERRLEN	512
int	luaopen_process(lua_State *);
void	lprocess_on_reply(lua_State *, struct task *, json_t *);
void	lprocess_state(lua_State *, const char *);
void	lprocess_setstate(lua_State *, const char *);
int	lprocess_fail(lua_State *, const char *);
void	lprocess_post(lua_State *, const char *, const char *, size_t);
void	lprocess_drain(lua_State *, const char *,
	    int (*)(lua_State *, void *),
	    void (*)(lua_State *, void *, size_t), void *);
int	lprocess_channel(lua_State *, const char *);
const char *lprocess_checkstring(lua_State *, int, size_t *);
int	lprocess_ispid(const char *, size_t);
int	lprocess_request(lua_State *, uint16_t, uint16_t, json_t *, char *,
	    size_t, const char *, int);

/* lmessage.c */
void	lmessage_open(lua_State *);
void	lmessage_on_msg(lua_State *, uint64_t envgen, const char *topic,
	    const char *from, const char *payload, size_t plen, size_t size);

/* levent.c */
void	levent_open(lua_State *);
void	levent_on_event(lua_State *, json_t *, const char *, size_t,
	    size_t);
void	levent_purge_reply(lua_State *, uint16_t, json_t *, const char *);

/* lregistry.c */
void	lregistry_open(lua_State *);

/* unread.c */
void	unread_add(size_t);
void	unread_take(uint64_t, uint64_t);
uint64_t unread_held(void);
void	unread_report(int);

/* ljson.c */
int	luaopen_json(lua_State *);

/* arena.c */
struct arena {
	char			*base;
	size_t			 used, size;
};
int	arena_init(struct arena *, size_t);
void	arena_release(struct arena *);
void	arena_trim(struct arena *);
int	arena_owns(const struct arena *, const void *);
void	*arena_alloc(void *, void *, size_t, size_t);

/* heapseal.c */
void	heapseal_seal(void);

/* template.c */
void	template_build(void);
lua_State *template_take(lua_Alloc, size_t *);
int	template_owns(const void *);
void	*template_move(void *, size_t, size_t);
int	template_push_chunk(lua_State *, size_t);
void	template_drop_chunks(lua_State *, int (*)(const char *));
int	template_counts(const void *);
int	template_taken(unsigned long *);

/* chunkcache.c */
int	chunkcache_add(const char *, const char *, size_t);
int	chunkcache_load(lua_State *, const char *, size_t, const char *);
int	chunkcache_get(size_t, const char **, const char **, size_t *);
const char *chunkcache_named(size_t, const char *, size_t);
unsigned long chunkcache_compiled(void);

/* library.c */
int	library_configure(json_t *, const char *, size_t *, char *, size_t);
const char *library_resolve(lua_State *, const char *);
int	library_load(lua_State *, const char *);
int	library_not_found(lua_State *, const char *);
int	library_wanted(const char *);
size_t	library_text_bytes(void);

/* isolate.c */
int	isolate_apply(const struct worker_limits *, char *, size_t);
int	isolate_lock(char *, size_t);
long	isolate_test_call(const char *, long, long);	/* test build only */
void	isolate_prepare(void);
void	isolate_prebuild(void);
void	isolate_keep(void);

/* confine.c */
int	confine_enter(int, int, int, char *, size_t);

/* zygote.c */
void	zygote_serve(int, char **, int *, int *);

/* testhook.c (the test build only) */
void	testhook_open(lua_State *);

/* ident.c */
void	ident_pushid(lua_State *, int);
const char *ident_tolstring(lua_State *, int, size_t *);
void	ident_open(lua_State *, int);

/* sandbox.c */
int	sandbox_harden(const struct worker_limits *, char *, size_t);
int	sandbox_lock(char *, size_t);
void	sandbox_open(lua_State *);
void	sandbox_seed(lua_State *);
int	sandbox_send_print(const char *, size_t, char *, size_t);

#endif /* WORKER_H */
