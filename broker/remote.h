/*
 * Processes of other nodes (spec/cluster.md section 2): pids with @node,
 * sends, spawns, monitors, links, terminate and cancel across nodes, and
 * what a lost node does to them. Built on the node transport (node.h);
 * every function here is a no-op answer ("not remote") on a broker
 * without --node, so nothing changes for one broker alone.
 *
 *	remote_pid.c	what a pid, destination or host ref points at
 *	remote.c	the frame dispatcher and the checks of a node's frames
 *	remote_send.c	messages across nodes
 *	remote_req.c	requests that wait for another node's answer
 *	remote_spawn.c	spawning on another node (host@node, host@*)
 *	remote_tie.c	monitors and links across nodes, and node loss
 *	remote_lineage.c who spawned whom across nodes (control: children)
 *	remote_pause.c	backpressure across nodes
 *	remote_flow.c	the window of messages in flight to a node
 */
#ifndef REMOTE_H
#define REMOTE_H

#include <stddef.h>
#include <stdint.h>

#include <sys/queue.h>

#include <jansson.h>

#include "node.h"

struct proc;
struct frame;

#define REMOTE_NODE_MAX		NODE_NAME_MAX
#define REMOTE_ID_MAX		20	/* digits of a pid's id */
#define REMOTE_PID_MAX		1024	/* bytes of a pid from a node */
#define REMOTE_ANCESTORS_MAX	32	/* spawners a remote child knows */
#define REMOTE_ERROR_MAX	8192	/* bytes of an error text */

/* remote_pid.c */
struct remote_pid {
	const char	*host, *entry, *id, *node;	/* into the string */
	size_t		 hostlen, entrylen, idlen, nodelen;	/* node: 0 none */
};
enum remote_where {
	REMOTE_HERE,		/* this broker */
	REMOTE_NODE,		/* another node: out->node */
	REMOTE_CLUSTER,		/* name@* or host@*: the cluster's */
};
struct remote_dest {
	int		 pid;		/* a pid, else a name or host ref */
	const char	*name;		/* the pid, name or ref without @node */
	size_t		 namelen;
	const char	*node;		/* REMOTE_NODE: the node, else NULL */
	size_t		 nodelen;
};
int		 remote_node_valid(const char *, size_t);
int		 remote_pid_parse(const char *, size_t, struct remote_pid *);
enum remote_where remote_dest_where(const char *dest, const char *own,
		    struct remote_dest *);
enum remote_where remote_host_where(const char *ref, const char *own,
		    struct remote_dest *);


/* remote.c */
void		 remote_init(void);
void		 remote_done(void);
const char	*remote_str(json_t *, const char *key, int required, size_t max,
		    const char **why);
int		 remote_bool(json_t *, const char *key, int *, const char **why);
int		 remote_req_id(json_t *, uint64_t *, const char **why);
const char	*remote_pid_check(const char *, const char *node,
		    const char **why);
const char	*remote_dest_check(const char *, const char **why);
const char	*remote_pid_of(json_t *, const char *key, const char *node,
		    const char **why);
const char	*remote_dest_of(json_t *, const char *key, const char **why);
struct proc	*remote_local(const char *dest);
int		 remote_send_frame(const char *node, uint16_t type, json_t *env,
		    const char *payload, size_t plen, const char **cause);

/* remote_send.c */
size_t		 remote_max_message(void);
int		 remote_send(const char *from, const char *dest,
		    const char *topic, size_t topiclen, const char *payload,
		    size_t plen);
int		 remote_send_in(const char *node, json_t *, const char *payload,
		    size_t plen, const char **why);
int		 remote_send_again(const char *node, const char *payload,
		    size_t plen);
int		 remote_send_in_text(const char *node, const char *env,
		    size_t elen, const char *payload, size_t plen);

/* remote_req.c: a request waiting for another node's answer. */
struct remote_spawn;
struct remote_pending {
	uint64_t		 req;		/* 0 until sent */
	uint16_t		 type;		/* the worker's: FB_MONITOR.. */
	uint64_t		 local;		/* the asker's id */
	char			*by;		/* its pid */
	uint64_t		 ref;		/* its request's */
	char			*dest;		/* as it gave it; NULL: spawn */
	char			 node[REMOTE_NODE_MAX + 1];	/* asked */
	int			 undone;	/* unmonitored/unlinked meanwhile */
	char			*gone_reason;	/* the asker ended so */
	char			*gone_error;
	struct event		*timer;		/* --node-timeout */
	struct remote_spawn	*spawn;		/* FB_SPAWN's */
	/* Held for a node not heard of yet, just after we joined. */
	json_t			*held_env;
	char			*held_payload;
	size_t			 held_plen;
	uint16_t		 held_type;
	TAILQ_ENTRY(remote_pending) entry;
};
void		 remote_req_init(void);
void		 remote_req_done(void);
void		 remote_req_start(int64_t timeout_us);
void		 remote_req_joined(const char *node);
struct remote_pending *remote_req_new(struct proc *, uint16_t type,
		    uint64_t ref, const char *dest);
int		 remote_req_send(struct remote_pending *, const char *node,
		    uint16_t type, json_t *env, const char *payload, size_t plen,
		    const char **cause);
void		 remote_req_fail(struct remote_pending *, const char *cause);
void		 remote_req_free(struct remote_pending *);
struct proc	*remote_req_asker(struct remote_pending *);
void		 remote_req_reply(const char *node, json_t *env);
int		 remote_request(struct proc *, const struct frame *, json_t *);
int		 remote_req_answer(const char *node, json_t *,
		    const char **why);
int		 remote_req_in(const char *node, json_t *, const char **why);
void		 remote_req_lost(const char *node);
void		 remote_req_exit(struct proc *, const char *reason,
		    const char *error);

/* remote_spawn.c */
int		 remote_spawn(struct proc *, const struct frame *,
		    const char *eref, const char *href);
void		 remote_spawn_failed(struct remote_pending *, struct proc *,
		    const char *cause);
int		 remote_spawn_answer(struct remote_pending *, const char *node,
		    json_t *, int ok, const char *pid, const char *error,
		    int full, const char **why);
void		 remote_spawn_free(struct remote_pending *);
int		 remote_spawn_in(const char *node, json_t *,
		    const char *payload, size_t plen, const char **why);

/* remote_tie.c */
enum remote_tie_kind {
	REMOTE_MONITORING,	/* ours watches theirs */
	REMOTE_MONITORED,	/* theirs watches ours */
	REMOTE_LINK,
};
void		 remote_tie_add(enum remote_tie_kind, struct proc *,
		    const char *pid, const char *node);
int		 remote_tie_del(enum remote_tie_kind, uint64_t local,
		    const char *pid);
void		 remote_tie_untie(const char *node, const char *op,
		    const char *by, const char *dest);
void		 remote_tie_send_exit(const char *node, const char *from,
		    const char *to, int link, const char *reason,
		    const char *error, const char *result, size_t rlen,
		    const char *output, size_t outlen);
void		 remote_tie_exit(struct proc *, const char *reason,
		    const char *error);
void		 remote_tie_lost(const char *node);
int		 remote_tie_exit_in(const char *node, json_t *,
		    const char *payload, size_t plen, const char **why);
int		 remote_tie_untie_in(const char *node, json_t *,
		    const char **why);
void		 remote_tie_clear(void);

/* remote_pause.c */
void		 remote_pause_note(struct proc *, const char *node,
		    const char *from);
void		 remote_pause_release(struct proc *);
int		 remote_pause_in(const char *node, uint16_t type, json_t *,
		    const char **why);
void		 remote_pause_lost(const char *node);
void		 remote_pause_clear(void);

/* remote_flow.c */
void		 remote_flow_sent(const char *node, const char *from,
		    size_t plen);
void		 remote_flow_took(const char *node, size_t plen);
int		 remote_flow_sent_by(const char *node, const char *pid);
void		 remote_flow_expired(const char *node);
int		 remote_flow_ack_in(const char *node, json_t *,
		    const char **why);
void		 remote_flow_reset(const char *node);
void		 remote_flow_clear(void);

/* remote_lineage.c */
void		 remote_lineage_set(struct proc *, const char *by, json_t *anc);
json_t		*remote_lineage_of(struct proc *);
int		 remote_lineage_descends(const struct proc *, const char *pid);
void		 remote_lineage_exit(struct proc *);
void		 remote_lineage_clear(void);

#endif
