/*
 * Cluster names, `name@*` (cluster.md section 2): one owner at a time in
 * the whole cluster, kept in a NATS JetStream key-value bucket.
 *
 *	cname.c		register, lookup, unregister, release at exit and at
 *			node loss; what the registry and the router call
 *	cname_kv.c	the bucket over raw JetStream subjects, without ever
 *			blocking the loop: requests answered on the loop,
 *			and a watch that keeps a copy of every name here
 *
 * On a broker without --nats/--node, `name@*` is an ordinary name of this
 * broker (a cluster of one): cname_enabled() is 0 and nothing here runs.
 */
#ifndef CNAME_H
#define CNAME_H

#include <stddef.h>
#include <stdint.h>

struct proc;

/* cname.c */
int		 cname_enabled(void);		/* in a cluster with names */
int		 cname_is(const char *);	/* "name@*" */
void		 cname_start(int64_t node_timeout_us);
void		 cname_stop(void);
/* The requests of a process (lifecycle.c): each answers ref itself,
 * register once the bucket has said yes or no. */
void		 cname_register(struct proc *by, uint64_t ref, struct proc *t,
		    const char *name);
void		 cname_unregister(struct proc *by, uint64_t ref,
		    const char *name);
void		 cname_lookup(struct proc *by, uint64_t ref, const char *name);
/*
 * The pid holding name@* (any node's), or NULL when it is unbound, its
 * node is not live (or is another incarnation) or names are not
 * available. Borrowed: valid until the loop runs again. The router calls
 * it and routes the pid as any other (REMOTE's code for another node's).
 */
const char	*cname_resolve(const char *name);
/* A process ended: the names it holds or registered go (registry.c). */
void		 cname_release(struct proc *);

/* Whether an entry holds its name (cname.c, cname_hold). */
struct cname_entry;
enum cname_hold {
	CNAME_FREE,		/* no holder, or a stale one */
	CNAME_HELD,
	CNAME_UNSURE,		/* a node we have not heard of yet */
};
enum cname_hold	 cname_hold(const struct cname_entry *, const char *name);

/* cname_kv.c: one cached entry per name the bucket holds or held. */
struct cname_entry {
	uint64_t	 seq;		/* stream sequence of its last message */
	int		 live;		/* 0: deleted (or a value not ours) */
	char		*pid;
	char		*node;
	uint64_t	 inc;		/* the owner node's incarnation */
	uint64_t	 gen;		/* the watch that last delivered it */
	char		 name[];	/* "name@*" */
};
enum cname_kv_state {
	CNAME_KV_NONE,		/* not asked yet, or asking again */
	CNAME_KV_PENDING,	/* the bucket is being made */
	CNAME_KV_READY,
	CNAME_KV_NOJS,		/* the server has no JetStream */
};
#define CNAME_NOJS	"cluster names need a NATS server with JetStream"

/* Answer of a put or delete: seq of the new message, or 0 with err
 * (taken: the name holds something else already). */
typedef void	(*cname_kv_fn)(uint64_t seq, int taken, const char *err,
		    void *arg);

int		 cname_kv_start(void (*changed)(void));
void		 cname_kv_stop(void);
enum cname_kv_state cname_kv_state(void);
int		 cname_kv_connected(void);	/* our NATS connection is up */
struct cname_entry *cname_kv_get(const char *name);
/* Entries of a node: fn(entry, arg) for each live one. */
void		 cname_kv_foreach(void (*)(struct cname_entry *, void *),
		    void *);
/* Write value for name if the key's last message is still expect_seq (0:
 * never written): create-only, so of two racers exactly one wins. */
int		 cname_kv_put(const char *name, const char *value,
		    uint64_t expect_seq, cname_kv_fn, void *arg);
/* Delete name if its last message is still expect_seq (fn may be NULL). */
int		 cname_kv_del(const char *name, uint64_t expect_seq,
		    cname_kv_fn, void *arg);
/* Tell the owner of a cached entry of this node (cname.c). */
extern void	(*cname_kv_seen)(struct cname_entry *);

#endif
