/* What the node transport's files share (node.h is the outside's view). */
#ifndef NODE_INT_H
#define NODE_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "node.h"

struct event_base;

#define NODE_HOOKS_MAX	8
#define NODE_SUBJECT_MAX (NODE_CLUSTER_MAX + NODE_NAME_MAX + 16)
/* The longest FB_NODE_MSG envelope a FB_NODE_MSG_AGAIN may repeat (the
 * "from", "to" and "topic" remote_send writes by hand). */
#define NODE_AGAIN_ENV_MAX	2304
#define NODE_FRAME_HEAD_MAX (NODE_NAME_MAX + 48)	/* node_frame_head */

/* One checked frame from another node (node_frame.c). */
struct node_frame {
	uint16_t	 type;
	uint64_t	 ref;		/* the incarnation it is for, or 0 */
	char		 from[NODE_NAME_MAX + 1];
	uint64_t	 inc;		/* the sender's incarnation */
	json_t		*env;		/* without "@node", "@inc" */
	const char	*payload;	/* into the message */
	size_t		 plen;
};

/* This node (node.c). */
struct node_self {
	struct event_base	*base;
	int			 enabled;
	char			 name[NODE_NAME_MAX + 1];
	char			 cluster[NODE_CLUSTER_MAX + 1];
	char			 subj_self[NODE_SUBJECT_MAX];	/* <c>.node.<name> */
	char			 subj_hb[NODE_SUBJECT_MAX];	/* <c>.hb */
	int64_t			 timeout_us;
	uint64_t		 inc;
	char			 head[NODE_FRAME_HEAD_MAX];	/* of inc */
	size_t			 headlen;
	uint64_t		 head_inc;	/* what head was written for */
	double			 started;	/* unix seconds */
	struct node_counts	 counts;
};
extern struct node_self	node_self;

/* node.c */
void		 node_lost_call(const char *name, uint64_t inc);
void		 node_joined_call(const char *name, uint64_t inc);
uint64_t	 node_new_incarnation(void);
int		 node_publish_frame(const char *subject, const char *reply,
		    uint16_t type, uint64_t ref, json_t *env,
		    const char **cause);

/* node_frame.c */
int		 node_frame_inc_parse(const char *, uint64_t *);
size_t		 node_frame_head(char *buf, const char *from, uint64_t inc);
int		 node_frame_measure(size_t hlen, size_t ulen, size_t plen,
		    size_t max, size_t *total);
void		 node_frame_put(char *buf, uint16_t type, uint64_t ref,
		    const char *head, size_t hlen, const char *user,
		    size_t ulen, const char *payload, size_t plen);
int		 node_frame_dump(json_t *env, char **text, size_t *ulen,
		    const char **cause);
char		*node_frame_pack(uint16_t type, uint64_t ref, json_t *env,
		    const char *from, uint64_t inc, const char *payload,
		    size_t plen, size_t max, size_t *outlen,
		    const char **cause);
int		 node_frame_unpack(const char *data, size_t len,
		    struct node_frame *, const char **cause);
int		 node_frame_peek(const char *data, size_t len,
		    struct node_frame *, const char **rest, size_t *rlen);
int		 node_frame_again(const char *data, size_t len,
		    struct node_frame *, const char **cause);
void		 node_frame_put_again(char *buf, uint64_t ref,
		    const char *payload, size_t plen);
void		 node_frame_free(struct node_frame *);
size_t		 node_frame_size(const char *data, size_t len);

/* node_conn.c: the libnats connection on the loop. */
int		 node_conn_open(struct event_base *, const struct node_opts *,
		    char *err, size_t errlen);
void		 node_conn_close(void);
int		 node_conn_up(void);
int		 node_conn_publish(const char *subject, const char *reply,
		    const void *data, size_t len);
void		 node_conn_done(natsMsg *);
int		 node_subscribe_inline(const char *subject, node_msg_fn,
		    void *arg);

/* node_write.c: what libnats holds, written at the end of a pass. */
int		 node_write_open(struct event_base *);
int		 node_write_attach(struct event_base *, int sock);
void		 node_write_detach(void);
#ifdef HAVE_NATS
natsStatus	 node_write_event(void *data, bool add);
#endif
void		 node_write_now(void);
void		 node_write_close(void);

/* node_confirm.c: the server has read what we sent. */
int		 node_confirm(int64_t ms, const char **cause);

/* node_batch.c: frames for a node, one NATS message per loop pass. */
char		*node_batch_reserve(const char *subject, size_t len,
		    size_t max);
char		*node_batch_reserve_msg(const char *subject, const char *env,
		    size_t elen, uint64_t inc, size_t len, size_t again_len,
		    size_t max, int *again);
void		 node_batch_flush(const char *subject);
void		 node_batch_flush_all(void);
void		 node_batch_free(void);
size_t		 node_conn_max_payload(void);

/* node_member.c: the node table, joining, heartbeats, loss. */
int		 node_member_join(char *err, size_t errlen);
void		 node_member_stop(void);
void		 node_member_frame(const struct node_frame *, const char *reply);
void		 node_member_settle(void);
void		 node_member_conn(int up);
void		 node_member_told_lost(const struct node_frame *);
int		 node_member_accepts(const struct node_frame *,
		    const char **cause);

#endif
