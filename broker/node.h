/*
 * The node transport: this broker as one node of a cluster over NATS
 * (spec/cluster.md section 2). NODE owns this header; REMOTE and EDGE code
 * against it. Any change to what is declared here is announced in these
 * comments.
 *
 * Everything here runs on the broker's loop thread: libnats calls back on
 * its own threads, and those callbacks only queue what they got for the
 * loop (node_conn.c).
 *
 * Built without libnats (configure --without-nats), node_start() fails
 * with "built without NATS", node_enabled() is 0 and the rest are inert.
 */
#ifndef NODE_H
#define NODE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct event_base;

#ifdef HAVE_NATS
#include <nats/nats.h>
#else
typedef struct __natsMsg natsMsg;
typedef struct __natsConnection natsConnection;
#endif

#define NODE_NAME_MAX		64	/* bytes, of A-Za-z0-9_- */
#define NODE_CLUSTER_MAX	64	/* same alphabet: a subject token */
#define NODE_TIMEOUT_DEFAULT	(3 * 1000000LL)	/* usec */

struct node_opts {
	const char	*url;		/* --nats URL */
	const char	*name;		/* --node NAME (1..64 of A-Za-z0-9_-) */
	const char	*cluster;	/* --cluster, default "forkbox": the subject prefix */
	const char	*creds;		/* --nats-creds FILE or NULL */
	int64_t		 timeout_us;	/* --node-timeout, default 3 s */
};

/* Call before the event base is created when --nats is given: libnats
 * adds and removes the connection's events from its own threads, so
 * libevent needs its locks (evthread_use_pthreads). */
void		 node_prepare(void);
/* Join: connect, make sure no live node holds our name, subscribe, start
 * heartbeats. -1 with err set: the caller exits 1 with it. */
int		 node_start(struct event_base *, const struct node_opts *,
		    char *err, size_t errlen);
void		 node_stop(void);
int		 node_enabled(void);		/* joined a cluster (--nats given) */
const char	*node_name(void);		/* own name; NULL without --node */
const char	*node_cluster(void);
uint64_t	 node_incarnation(void);	/* own: random per start, never reused */
int		 node_live(const char *name, uint64_t *incarnation);	/* 1 when live (own name too) */
json_t		*node_names(void);		/* sorted array of live node names, own included */
/* 1 when name is 1..NODE_NAME_MAX of A-Za-z0-9_- */
int		 node_name_valid(const char *name);

/* Free room per host of each live node from their last heartbeats (own
 * included), for host@*: fills up to max. `node` points into the node
 * table: valid until the loop runs again. */
struct node_room { const char *node; long room; };	/* room = max_processes - live on that host; -1 unknown host */
size_t		 node_rooms(const char *host_ref, struct node_room *out, size_t max);

/* The live nodes for `forkbox nodes` and the control socket's "nodes"
 * op: [{"name", "incarnation" (16 hex digits), "self": bool,
 * "uptime": seconds, "heartbeat_age": seconds, "hosts": {ref: {"live": n,
 * "max": n}}}] sorted by name. New reference. */
json_t		*node_status(void);

/* Counters for /metrics and stats. */
struct node_counts {
	uint64_t	sent;		/* frames published to other nodes */
	uint64_t	received;	/* frames from other nodes handed on */
	uint64_t	dropped;	/* frames refused (node_dropped) */
	uint64_t	joined;		/* nodes seen joining */
	uint64_t	lost;		/* nodes lost */
};
void		 node_counts(struct node_counts *);

/*
 * Node-to-node frames (types FB_NODE_* in include/forkbox/proto.h; REMOTE
 * adds its own types there). env: a JSON object (borrowed); payload:
 * opaque bytes relayed untouched. Sent on <cluster>.node.<to>; the
 * envelope NODE adds carries the sender's node name and incarnation.
 * Returns 0, or -1 with *cause ("unknown node n9", "noconnection",
 * "payload too large for the cluster (max N bytes)").
 */
int		 node_send(const char *to, uint16_t type, json_t *env,
		    const char *payload, size_t plen, const char **cause);
/* The same with env already as text: a compact JSON object of elen bytes
 * (0: none) whose keys do not start with "@", as json_dumps writes it.
 * For the hot path (REMOTE's messages): nothing is allocated per frame. */
int		 node_send_text(const char *to, uint16_t type, const char *env,
		    size_t elen, const char *payload, size_t plen,
		    const char **cause);
/* A FB_NODE_MSG with env in exactly the shape the receiver matches by
 * hand (remote_send_text's): after the first of a run with one env in a
 * batch, the rest go as FB_NODE_MSG_AGAIN, without it. */
int		 node_send_msg(const char *to, const char *env, size_t elen,
		    const char *payload, size_t plen, const char **cause);

/*
 * Hooks, called on the loop thread only. Frames are handed over already
 * checked for shape (known type, sane sizes, env a JSON object, sender a
 * live node of this cluster with the right incarnation); the handler
 * checks the fields it uses and counts/drops the rest (node_dropped()).
 * env is borrowed (the caller frees it after the handler returns).
 * Frame types below FB_NODE_FIRST_USER are NODE's own and never reach the
 * handler.
 */
typedef void	(*node_frame_fn)(const char *from, uint64_t from_inc,
		    uint16_t type, json_t *env, const char *payload,
		    size_t plen);
typedef void	(*node_lost_fn)(const char *name, uint64_t incarnation);
/* Joined: a node (not this one) became live with that incarnation. */
typedef void	(*node_joined_fn)(const char *name, uint64_t incarnation);
void		 node_on_frame(node_frame_fn);		/* one handler (REMOTE's dispatcher) */
/*
 * A way around jansson for the hot frames: the node layer matches the
 * envelope's own keys by hand, checks the sender as above, and gives the
 * rest of the envelope as text: `,"key":...}` (or `}`), env..env+elen.
 * The handler returns 1 when it took the frame (done, or dropped with
 * node_dropped), having checked the text to its end as strictly as the
 * JSON way would; 0 when the frame must go the JSON way instead
 * (node_on_frame's handler then gets it, as if this one were not there):
 * any shape it does not match exactly, escapes, UTF-8.
 */
typedef int	(*node_fast_fn)(const char *from, uint64_t from_inc,
		    uint16_t type, const char *env, size_t elen,
		    const char *payload, size_t plen);
void		 node_on_frame_fast(node_fast_fn);	/* one (REMOTE's) */
void		 node_on_lost(node_lost_fn);		/* several (REMOTE, EDGE): all called, in order */
void		 node_on_joined(node_joined_fn);	/* several: all called, in order */
void		 node_dropped(const char *from, const char *why);	/* count + log at -v a refused node frame */

/* Raw NATS for EDGE (outside programs, JetStream), once node_start()
 * succeeded (cli_start() returned 0). Messages are delivered on the loop
 * thread; the callback owns msg (natsMsg_Destroy). queue may be NULL.
 * Both return 0 or -1 (not connected, bad subject). Our own publishes
 * never come back to us (the connection is "no echo"). node_conn() is
 * for what the two do not cover (JetStream); its calls that wait for an
 * answer must not run on the loop thread: the loop reads the socket. */
typedef void	(*node_msg_fn)(natsMsg *msg, void *arg);
int		 node_subscribe(const char *subject, const char *queue,
		    node_msg_fn, void *arg);
int		 node_publish(const char *subject, const char *reply,
		    const void *data, size_t len);
natsConnection	*node_conn(void);
/*
 * A blocking libnats call (JetStream: kvStore_Create, js_Publish, ...)
 * deadlocks on the loop thread until its timeout, since the loop reads
 * the answer. Run it here instead: work(arg) runs on a thread of its own
 * (it may use node_conn(), and must not touch broker state), then
 * done(arg) runs on the loop thread, exactly once, also when the node
 * stops meanwhile (node_conn() is then closed: work's calls fail fast).
 * -1 when not a node, or with NODE_OFFLOAD_MAX calls in flight.
 */
#define NODE_OFFLOAD_MAX	64
int		 node_offload(void (*work)(void *), void (*done)(void *),
		    void *arg);
/*
 * The server has read everything this connection sent so far (its PONG
 * to a PING behind it), within ms: then(1, NULL, arg), or then(0, why,
 * arg), on the loop thread, exactly once, also when the node stops
 * meanwhile (node_confirm.c). -1, and then is never called, when not a
 * node or with no thread for it.
 */
typedef void	(*node_confirm_fn)(int ok, const char *why, void *arg);
int		 node_confirm_then(int64_t ms, node_confirm_fn, void *arg);

#endif /* NODE_H */
