/* The broker's shared state: process table, peers, routing, reaping. */
#ifndef BROKER_H
#define BROKER_H

#include <sys/types.h>
#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app.h"
#include "hmap.h"
#include "pidperm.h"

struct event_base;
struct evbuffer;
struct peer_conn;
struct relay_memo;
struct event;
struct evbuffer_cb_entry;
struct frame;

/* A process's mailbox (mailbox.c): every frame queued for it (INIT
 * aside) and not taken yet, wherever it waits; the worker says what it
 * took (FB_RECEIVED). */
struct mailbox {
	uint64_t	 in;		/* bytes of frames ever queued for it */
	uint64_t	 nin;		/* how many frames */
	uint64_t	 taken;		/* bytes the worker says it took */
	uint64_t	 ntaken;
	size_t		 held;		/* bytes in the broker's output buffer */
	struct evbuffer_cb_entry *cb;	/* keeps `held` */
	size_t		 unread;	/* bytes read from it, not routed yet
					 * (a frame not yet whole, a pause) */
	struct evbuffer_cb_entry *incb;	/* keeps `unread` */
	int		 full;		/* past half its limit: senders pause */
	int		 deaf;		/* a pause ran out with nothing taken */
	TAILQ_HEAD(, proc) paused;	/* senders paused on it */
};

/* A sender whose frames are not read for a while, because it sent to a
 * full mailbox (backpressure.c), here or on another node. */
struct pause {
	int		 active;	/* its reading is off */
	struct proc	*on;		/* the receiver; NULL once released */
	char		 node[65];	/* paused by that node (FB_NODE_PAUSE),
					 * or ""; NODE_NAME_MAX + 1 */
	int		 window;	/* by that node's window
					 * (remote_flow.c), not a mailbox */
	uint64_t	 mark;		/* what `on` had taken when it began */
	struct event	*timer;		/* send_pause; or 0s to resume */
	TAILQ_ENTRY(proc) entry;	/* in on->mbox.paused */
};

struct proclog;
struct regname;

/* A list of process ids (monitors, links, names use it). */
struct idset {
	uint64_t	*ids;
	size_t		 n;
	size_t		 cap;
};

struct proc {
	uint64_t		 id;		/* internal, from the counter */
	uint64_t		 pubid;		/* the id its pid shows (pidperm.c) */
	char			*pid;		/* "{host|entry|pubid}" */
	pid_t			 ospid;
	struct app_entry	*entry;
	struct app_entry	*host;
	struct peer_conn	*conn;		/* peer.c; NULL when closed */
	struct relay_memo	*relay;		/* relay.c; NULL until it sends */
	struct timeval		 started;

	int			 status;	/* from waitpid */
	int			 status_seen;
	int			 eof_seen;	/* its stream ended: all read */
	int			 out_closed;	/* a write failed: takes no more */
	int			 finished;	/* exit already turned into events */
	int			 reaping;	/* on broker->reaping (proc_retire) */

	/* What the worker said in FB_EXIT, if it said anything. */
	char			*exit_status;
	char			*exit_error;
	char			*exit_detail;	/* main's second value */
	char			*result;	/* JSON text, not parsed */
	size_t			 result_len;

	/* Set when the broker decided this process must die. */
	const char		*kill_reason;
	char			*kill_error;

	int			 trap_links;
	struct idset		 monitored_by;	/* who gets our EXIT */
	struct idset		 monitoring;	/* whose EXIT we get */
	struct idset		 links;
	TAILQ_HEAD(, regname)	 names_held;	/* registry.c */
	TAILQ_HEAD(, regname)	 names_owned;	/* registered by it */
	unsigned		 nowned;
	struct proc		*parent;	/* lineage.c: its live spawner */
	TAILQ_HEAD(, proc)	 children;	/* the live ones it spawned */
	TAILQ_ENTRY(proc)	 sibling;	/* in parent->children */
	struct event		*cancel_timer;
	struct event		*wall_timer;	/* host wall_limit */
	struct event		*eof_timer;	/* socket closed, still alive */
	struct mailbox		 mbox;
	struct pause		 pause;
	struct proclog		*log;		/* last print lines, proclog.c */

	TAILQ_ENTRY(proc)	 entry_all;
};
TAILQ_HEAD(proc_list, proc);

/* Per-host live counts. */
struct host_state {
	struct app_entry	*host;
	unsigned		 live;
};

#define REAP_OBSERVERS_MAX	8

struct broker {
	struct event_base	*base;
	struct app		*app;
	const char		*worker_path;
	uint64_t		 next_id;
	struct pidperm		 pidkey;	/* next_id -> unguessable pubid */
	struct proc_list	 procs;
	struct proc_list	 reaping;	/* announced, not waited for */
	struct hmap		 by_pid;	/* pid string -> proc */
	struct hmap		 by_id;		/* hex id -> proc */
	struct hmap		 by_ospid;	/* decimal OS pid -> proc */
	struct hmap		 names;		/* registered name -> regname */
	struct hmap		 hosts;		/* host ref -> host_state */
	struct app_entry	 default_host;

	/* Told of each finished process, in the order they were added,
	 * after its events went out (reap_observe). */
	struct reap_observer {
		void		(*fn)(struct proc *, const char *reason,
				    const char *error, void *arg);
		void		*arg;
	}			 observers[REAP_OBSERVERS_MAX];
	size_t			 nobservers;

	int			 stopping;	/* SIGINT/SIGTERM received */
	uint64_t		 nspawned;
	uint64_t		 nrouted;
	uint64_t		 nundeliverable;
	uint64_t		 nrefused;	/* requests not permitted */
	uint64_t		 npaused;	/* senders paused (backpressure) */
	uint64_t		 max_queued;	/* --max-queued */
	uint64_t		 queued;	/* bytes in all output buffers */
};

extern struct broker	*broker;

#define DEFAULT_HOST_REF	"forkbox:default"
/* The default of --max-queued: all output buffers together. */
#define BROKER_MAX_QUEUED	(1024ULL * 1024 * 1024)
/* The sender of the CANCEL events of a shutdown: not a process. No
 * process gets id 0 (proc_new skips it). */
#define BROKER_PID		"{forkbox|forkbox:broker|0000000000000000}"

/* proc.c */
void		 proc_init(struct event_base *, struct app *);
void		 proc_shutdown(void);
struct proc	*proc_new(struct app_entry *, struct app_entry *);
void		 proc_free(struct proc *);
void		 proc_retire(struct proc *);
int		 proc_set_ospid(struct proc *, pid_t);
struct proc	*proc_find_pid(const char *);
struct proc	*proc_find_id(uint64_t);
struct proc	*proc_find_ospid(pid_t);
struct proc	*proc_resolve(const char *dest);
struct app_entry *proc_host(const char *ref);
struct app_entry *proc_default_host(struct app *, size_t *nhosts);
struct host_state *proc_host_state(struct app_entry *);
void		 proc_kill(struct proc *, const char *reason, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
int		 idset_add(struct idset *, uint64_t);
int		 idset_del(struct idset *, uint64_t);
int		 idset_has(const struct idset *, uint64_t);
void		 idset_free(struct idset *);

/* spawn.c */
struct proc	*spawn_proc(struct app_entry *, struct app_entry *,
		    const char *args, size_t argslen, char *err, size_t errlen);
pid_t		 spawn_start(const struct app_host *, int *fdp, int *errfdp,
		    char *err, size_t errlen);
int		 spawn_exec_wait(int errfd, char *err, size_t errlen);
void		 spawn_child_signals(void);
pid_t		 spawn_start_zygote(int strict, int *fdp, int *errfdp,
		    char *err, size_t errlen);
pid_t		 spawn_fork(const struct app_host *, int *fdp, int *howp,
		    char *err, size_t errlen);
/* How a worker started (spawn_fork, pool_take, zygote_request): 0 forked
 * and exec'd, else by a zygote, which may hold the app's chunks. */
#define SPAWN_ZYGOTE	0x1
#define SPAWN_ZCHUNKS	0x2	/* the libraries' text: not in INIT */

/* fdlimit.c */
void		 fdlimit_init(void);
int		 fdlimit_take(unsigned need, unsigned keep, char *err,
		    size_t errlen);
int		 fdlimit_exhausted(int errno_value);
size_t		 fdlimit_share(unsigned divisor);
void		 fdlimit_spare_hold(void);
void		 fdlimit_spare_release(void);
int		 fdlimit_accept_failed(int listenfd, int errno_value);

/* jail.c */
void		 jail_init(void);
void		 jail_done(void);
int		 jail_reaped(pid_t);
int		 jail_active(void);
int		 jail_holds(pid_t);
int		 jail_pidns_fd(void);
int		 jail_check(char *, size_t);
void		 jail_worker_fds(int *);
int		 jail_pidns(int);
json_t		*jail_stats(void);

/* pool.c */
pid_t		 pool_take(struct app_entry *host, int *fdp, int *howp,
		    char *err, size_t errlen);
int		 pool_has(pid_t);
int		 pool_reaped(pid_t, int status);
void		 pool_shutdown(void);

/* zygote.c */
typedef void	(*zygote_cb)(void *arg, pid_t pid);
void		 zygote_init(void);
void		 zygote_done(void);
int		 zygote_reaped(pid_t, int status);
int		 zygote_request(const struct app_host *, int *fdp, zygote_cb,
		    void *arg, uint64_t *refp);
pid_t		 zygote_wait(uint64_t ref);
void		 zygote_cancel(uint64_t ref);
pid_t		 zygote_spawn(const struct app_host *, int *fdp, int *howp);
json_t		*zygote_stats(void);

/* peer.c */
int		 peer_open(struct proc *, int fd);
void		 peer_close(struct proc *);
int		 peer_send(struct proc *, uint16_t type, uint64_t ref,
		    json_t *env, const char *payload, size_t plen);
int		 peer_send_text(struct proc *, uint16_t type, uint64_t ref,
		    const char *env, size_t elen, const char *payload,
		    size_t plen);
int		 peer_writable(struct proc *);
void		 peer_resume(struct proc *);
void		 peer_discard(struct proc *);
void		 peer_discard_unread(struct proc *);
struct evbuffer	*peer_input(struct proc *);
struct evbuffer	*peer_output(struct proc *);
int		 peer_room(struct proc *, size_t);
size_t		 peer_unread(struct proc *);
int		 peer_hung_up(struct proc *);
int		 peer_stop_reading(struct proc *);
void		 peer_flush_later(struct proc *);

/* relay.c */
int		 relay_send(struct proc *, const struct frame *,
		    const char **cause);
void		 relay_forget(struct proc *);
uint64_t	 relay_generation(void);

/* route.c */
int		 route_frame(struct proc *, const struct frame *,
		    const char **cause);
int		 route_spawn_here(struct proc *, uint64_t ref, uint16_t flags,
		    const char *eref, const char *href, const char *args,
		    size_t alen, int full_ok);
void		 route_reply_ok(struct proc *, uint64_t ref, const char *pid);
void		 route_reply_err(struct proc *, uint64_t ref, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
void		 route_reply_value(struct proc *, uint64_t ref, int value);
const char	*route_str(json_t *, const char *key, int required,
		    const char **cause);
void		 route_event(struct proc *to, const char *kind,
		    const char *from, const char *reason, const char *error,
		    const char *result, size_t result_len, double deadline,
		    const char *output, size_t outlen);
double		 route_now(void);
/* route_message for a from and topic that need no JSON escaping (bytes
 * 0x20-0x7e but '"' and '\\'; the caller checked), fromlen + topiclen
 * at most ROUTE_PLAIN_MAX: the envelope written without jansson. */
#define ROUTE_PLAIN_MAX		4096
void		 route_message_plain(struct proc *dst, const char *from,
		    size_t fromlen, const char *topic, size_t topiclen,
		    const char *payload, size_t plen);
void		 route_message(struct proc *dst, const char *from,
		    const char *topic, const char *payload, size_t plen);

/* lifecycle.c */
int		 lifecycle_frame(struct proc *, const struct frame *, json_t *,
		    const char **cause);
void		 lifecycle_exit(struct proc *, const char *reason,
		    const char *error);
void		 lifecycle_cancel_at(struct proc *t, const char *from,
		    int64_t ms);

/* reap.c */
void		 reap_init(void);
void		 reap_done(void);
void		 reap_check(struct proc *);
void		 reap_observe(void (*)(struct proc *, const char *,
		    const char *, void *), void *);
const char	*reap_signal_text(int sig, char *buf, size_t len);

/* mailbox.c */
void		 mailbox_watch(struct proc *);
void		 mailbox_check_budget(void);
size_t		 mailbox_bytes(struct proc *);
size_t		 mailbox_count(struct proc *);
int		 mailbox_admit(struct proc *, size_t bytes);
void		 mailbox_queued(struct proc *, size_t bytes);
void		 mailbox_drop(struct proc *);
int		 mailbox_received(struct proc *, const struct frame *,
		    const char **cause);
void		 mailbox_free(struct proc *);

/* backpressure.c */
void		 backpressure_pause(struct proc *sender, struct proc *to);
void		 backpressure_release(struct proc *);
void		 backpressure_end(struct proc *);
void		 backpressure_free(struct proc *);
void		 backpressure_pause_remote(struct proc *sender,
		    const char *node, int window);
void		 backpressure_resume_remote(struct proc *sender,
		    const char *node);

/* proclog.c */
void		 proclog_print(struct proc *, const char *, size_t);
void		 proclog_exit(struct proc *, const char *reason,
		    const char *error);
void		 proclog_foreground(struct proc *);
const char	*proclog_output(struct proc *, size_t *);
void		 proclog_free(struct proc *);

/* logsink.c */
void		 logsink_start(struct event_base *);
void		 logsink_stop(void);
void		 logsink_line(const char *tag, const char *, size_t);
void		 logsink_line_must(const char *tag, const char *, size_t);
uint64_t	 logsink_dropped(void);

/* service.c */
void		 service_init(void);
size_t		 service_start(void);
void		 service_stop(void);
void		 service_free(void);
const char	*service_of(const struct proc *, unsigned *restarts);
json_t		*service_json(void);

/* lineage.c */
void		 lineage_init(struct proc *);
void		 lineage_adopt(struct proc *child, struct proc *parent);
int		 lineage_descends(const struct proc *, const struct proc *);
void		 lineage_free(struct proc *);

/* perm.c */
int		 perm_spawn(struct proc *, struct app_entry *host);
int		 perm_spawn_ref(struct proc *, const char *host_ref);
int		 perm_control(struct proc *, struct proc *target);
int		 perm_registry(struct proc *);
void		 perm_refuse(struct proc *, uint64_t ref, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
void		 perm_note(struct proc *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* control.c */
int		 control_open(const char *path, char *err, size_t errlen);
void		 control_close(void);
const char	*control_path(void);
int		 control_dir(char *buf, size_t len, int create, char *err,
		    size_t errlen);

/* control_conn.c */
void		 control_conn_new(int fd, int refused);
size_t		 control_conn_count(void);
void		 control_conn_close_all(void);

/* registry.c */
void		 registry_init(struct proc *);
int		 registry_register(struct proc *by, struct proc *,
		    const char *name, char *err, size_t errlen);
int		 registry_unregister(struct proc *by, const char *name);
struct proc	*registry_lookup(const char *name);
void		 registry_release(struct proc *);
int		 registry_name_valid(const char *, const char **cause);

#endif
