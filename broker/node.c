/*
 * This broker as a node of a cluster over NATS (spec/cluster.md section
 * 2): starting and stopping, node-to-node frames in and out, the hooks
 * REMOTE and EDGE register, the counters. The connection is node_conn.c,
 * the membership node_member.c, the frame format node_frame.c.
 */
#include "config.h"

#include <sys/random.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "node_int.h"

struct node_self	 node_self;

static node_frame_fn	 node_frame_handler;
static node_fast_fn	 node_frame_fast;
static node_lost_fn	 node_lost_hooks[NODE_HOOKS_MAX];
static size_t		 node_nlost;
static node_joined_fn	 node_joined_hooks[NODE_HOOKS_MAX];
static size_t		 node_njoined;

uint64_t
node_new_incarnation(void)
{
	uint64_t	inc = 0;

	while (inc == 0 || inc == node_self.inc) {
		if (getrandom(&inc, sizeof inc, 0) != (ssize_t)sizeof inc)
			fatal("getrandom: no node incarnation");
	}
	return (inc);
}

/* Publish one frame of ours; the caller's env is borrowed. */
int
node_publish_frame(const char *subject, const char *reply, uint16_t type,
    uint64_t ref, json_t *env, const char **cause)
{
	char	*buf;
	size_t	 len;
	int	 r;

	buf = node_frame_pack(type, ref, env, node_self.name, node_self.inc,
	    NULL, 0, node_conn_max_payload(), &len, cause);
	if (buf == NULL)
		return (-1);
	r = node_publish(subject, reply, buf, len);
	free(buf);
	if (r != 0)
		*cause = "noconnection";
	return (r);
}

/* Counted always; logged (-v) at most NODE_DROP_LOGS times a second,
 * so a node flooding us with garbage cannot flood the log too. */
#define NODE_DROP_LOGS	50

void
node_dropped(const char *from, const char *why)
{
	static time_t	 second;
	static unsigned	 logged, quiet;
	time_t		 now = time(NULL);
	char		 esc[128];

	node_self.counts.dropped++;
	if (now != second) {
		if (quiet > 0)
			log_info("node: %u more frames dropped", quiet);
		second = now;
		logged = quiet = 0;
	}
	if (logged++ >= NODE_DROP_LOGS) {
		quiet++;
		return;
	}
	log_info("node: dropped a frame from %s: %s",
	    log_escape(esc, sizeof esc, from, strlen(from)), why);
}

/* The sender the last fast frame of the message being read came from,
 * accepted: the frames of a batch are all one node's, so the next ones
 * skip the node table (node_msg_self clears it per message, and the
 * JSON way clears it: a frame handled there may change the table). */
static struct {
	int		 valid;
	char		 from[NODE_NAME_MAX + 1];
	uint64_t	 inc;
} node_fast_last;

/* The frame before, in the message being read, was a FB_NODE_MSG the
 * fast handler took: a FB_NODE_MSG_AGAIN may follow (node_msg_self and
 * every other frame clear it). */
static int	node_prev_msg;

/* The way around jansson (node_on_frame_fast): 1 when the fast handler
 * took the frame, or it was dropped on the way. */
static int
node_frame_self_fast(const char *data, size_t len)
{
	struct node_frame	 nf;
	const char		*rest, *cause;
	size_t			 rlen;

	if (node_frame_fast == NULL || node_frame_handler == NULL ||
	    !node_frame_peek(data, len, &nf, &rest, &rlen) ||
	    nf.type < FB_NODE_FIRST_USER)
		return (0);
	if (!(node_fast_last.valid && nf.inc == node_fast_last.inc &&
	    nf.ref == node_self.inc &&
	    strcmp(nf.from, node_fast_last.from) == 0)) {
		if (!node_member_accepts(&nf, &cause)) {
			node_dropped(nf.from, cause);
			return (1);
		}
		memcpy(node_fast_last.from, nf.from, sizeof nf.from);
		node_fast_last.inc = nf.inc;
		node_fast_last.valid = 1;
	}
	if (!node_frame_fast(nf.from, nf.inc, nf.type, rest, rlen,
	    nf.payload, nf.plen)) {
		node_fast_last.valid = 0;
		return (0);
	}
	node_prev_msg = nf.type == FB_NODE_MSG;
	node_self.counts.received++;
	return (1);
}

/* A FB_NODE_MSG_AGAIN (node_frame_again said r): the message before's
 * sender, receiver and topic again, or dropped. */
static void
node_frame_self_again(int r, const struct node_frame *nf, const char *cause)
{
	const char	*from = node_fast_last.valid ? node_fast_last.from : "?";

	if (r < 0)
		node_dropped(from, cause);
	else if (!node_prev_msg || !node_fast_last.valid)
		node_dropped(from, "NODE_MSG_AGAIN with no NODE_MSG before it");
	else if (nf->ref != node_self.inc)
		node_dropped(from, "NODE_MSG_AGAIN for another incarnation");
	else if (!node_frame_fast(from, node_fast_last.inc, nf->type, NULL, 0,
	    nf->payload, nf->plen))
		node_dropped(from, "NODE_MSG_AGAIN not taken");
	else {
		node_self.counts.received++;
		return;
	}
	node_prev_msg = 0;
}

/* One frame for this node, of a message on <cluster>.node.<us>. */
static void
node_frame_self(const char *data, size_t len)
{
	struct node_frame	 nf;
	const char		*cause = NULL;
	int			 r;

	if ((r = node_frame_again(data, len, &nf, &cause)) != 0) {
		node_frame_self_again(r, &nf, cause);
		return;
	}
	node_prev_msg = 0;
	if (node_frame_self_fast(data, len))
		return;
	if (node_frame_unpack(data, len, &nf, &cause) != 0) {
		node_dropped("?", cause);
		return;
	}
	if (nf.type == FB_NODE_LOST)
		node_member_told_lost(&nf);
	else if (nf.type < FB_NODE_FIRST_USER)
		node_dropped(nf.from, "frame type not sent to one node");
	else if (!node_member_accepts(&nf, &cause))
		node_dropped(nf.from, cause);
	else if (node_frame_handler == NULL)
		node_dropped(nf.from, "no handler for node frames");
	else {
		node_self.counts.received++;
		node_frame_handler(nf.from, nf.inc, nf.type, nf.env,
		    nf.payload, nf.plen);
	}
	node_frame_free(&nf);
}

/* A NATS message on <cluster>.node.<us>: frames back to back
 * (node_batch.c), each checked alone. A length that runs past the
 * message ends it: the rest cannot be framed. */
static void
node_msg_self(natsMsg *msg, void *arg)
{
	const char	*data = natsMsg_GetData(msg);
	size_t		 len = (size_t)natsMsg_GetDataLength(msg), n;

	node_fast_last.valid = 0;
	node_prev_msg = 0;
	if (len == 0)
		node_dropped("?", "an empty message");
	while (len > 0) {
		if ((n = node_frame_size(data, len)) == 0) {
			node_dropped("?", "a frame's length runs past the "
			    "message");
			break;
		}
		node_frame_self(data, n);
		data += n;
		len -= n;
	}
	node_conn_done(msg);	/* destroyed with others */
}

/* A NATS message on <cluster>.hb: a heartbeat or a goodbye. */
static void
node_msg_hb(natsMsg *msg, void *arg)
{
	struct node_frame	 nf;
	const char		*cause;

	if (node_frame_unpack(natsMsg_GetData(msg),
	    (size_t)natsMsg_GetDataLength(msg), &nf, &cause) != 0)
		node_dropped("?", cause);
	else if (nf.type != FB_NODE_HEARTBEAT && nf.type != FB_NODE_BYE)
		node_dropped(nf.from, "not a heartbeat");
	else if (nf.ref != 0)
		node_dropped(nf.from, "heartbeat for one incarnation");
	else
		node_member_frame(&nf, natsMsg_GetReply(msg));
	node_frame_free(&nf);
	natsMsg_Destroy(msg);
}

int
node_start(struct event_base *base, const struct node_opts *o, char *err,
    size_t errlen)
{
	const char	*cluster = o->cluster != NULL ? o->cluster : "forkbox";

	if (o->url == NULL || o->name == NULL) {
		snprintf(err, errlen, "--nats and --node go together");
		return (-1);
	}
	if (!node_name_valid(o->name)) {
		snprintf(err, errlen, "--node: a node name is 1 to %d of "
		    "A-Z a-z 0-9 _ -", NODE_NAME_MAX);
		return (-1);
	}
	if (!node_name_valid(cluster)) {
		snprintf(err, errlen, "--cluster: a cluster name is 1 to %d "
		    "of A-Z a-z 0-9 _ -", NODE_CLUSTER_MAX);
		return (-1);
	}
	node_self.base = base;
	snprintf(node_self.name, sizeof node_self.name, "%s", o->name);
	snprintf(node_self.cluster, sizeof node_self.cluster, "%s", cluster);
	snprintf(node_self.subj_self, sizeof node_self.subj_self,
	    "%s.node.%s", cluster, o->name);
	snprintf(node_self.subj_hb, sizeof node_self.subj_hb, "%s.hb",
	    cluster);
	node_self.timeout_us = o->timeout_us > 0 ? o->timeout_us :
	    NODE_TIMEOUT_DEFAULT;
	node_self.inc = node_new_incarnation();
	node_self.started = route_now();
	if (node_conn_open(base, o, err, errlen) != 0)
		goto fail;
	node_self.enabled = 1;
	/*
	 * Both on the loop, right after the read, heartbeats first (the
	 * last subscribed is pumped first): a newcomer's first frame to us
	 * comes right behind its first heartbeat, and taken before it, it
	 * was dropped as "from a node that is not live" (a spawn on a node
	 * just joined went unanswered). One connection's messages reach us
	 * in the order it sent them; two queues handed over apart did not.
	 * A goodbye, which comes after its node's last frames, takes effect
	 * once the frames of that read are taken (node_member_settle).
	 */
	if (node_subscribe_inline(node_self.subj_self, node_msg_self, NULL)
	    != 0 || node_subscribe_inline(node_self.subj_hb, node_msg_hb,
	    NULL) != 0) {
		snprintf(err, errlen, "cannot subscribe on NATS");
		goto fail;
	}
	if (node_member_join(err, errlen) != 0)
		goto fail;
	return (0);
fail:
	node_self.enabled = 0;
	node_conn_close();
	return (-1);
}

void
node_stop(void)
{
	if (!node_self.enabled)
		return;
	node_member_stop();
	node_conn_close();
	node_self.enabled = 0;
}

int
node_enabled(void)
{
	return (node_self.enabled);
}

const char *
node_name(void)
{
	return (node_self.enabled ? node_self.name : NULL);
}

const char *
node_cluster(void)
{
	return (node_self.enabled ? node_self.cluster : NULL);
}

uint64_t
node_incarnation(void)
{
	return (node_self.enabled ? node_self.inc : 0);
}

void
node_counts(struct node_counts *c)
{
	*c = node_self.counts;
}

int
node_send(const char *to, uint16_t type, json_t *env, const char *payload,
    size_t plen, const char **cause)
{
	char	*text;
	size_t	 tlen;
	int	 r;

	if (node_frame_dump(env, &text, &tlen, cause) != 0)
		return (-1);
	r = node_send_text(to, type, text, tlen, payload, plen, cause);
	free(text);
	return (r);
}

/* The head of our envelopes, for this incarnation (a new one after a
 * loss changes it). */
static void
node_head_update(void)
{
	if (node_self.head_inc == node_self.inc)
		return;
	node_self.headlen = node_frame_head(node_self.head, node_self.name,
	    node_self.inc);
	node_self.head_inc = node_self.inc;
}

/* Written straight into the batch for `to` (node_batch.c): nothing
 * allocated per frame. again: a FB_NODE_MSG that a FB_NODE_MSG_AGAIN
 * may stand for when it repeats the frame before's envelope. */
static int
node_send_frame(const char *to, uint16_t type, const char *env,
    size_t elen, const char *payload, size_t plen, int again,
    const char **cause)
{
	static char	 why[128];
	char		 subj[NODE_SUBJECT_MAX], *w;
	uint64_t	 inc;
	size_t		 len, max, clen, tolen;

	if (type < FB_NODE_FIRST_USER || type > FB_NODE_LAST) {
		*cause = "not a node frame type";
		return (-1);
	}
	if (!node_self.enabled || !node_conn_up()) {
		*cause = "noconnection";
		return (-1);
	}
	if (strcmp(to, node_self.name) == 0) {
		*cause = "a frame for this node itself";
		return (-1);
	}
	if (!node_live(to, &inc)) {
		snprintf(why, sizeof why, "unknown node %.*s", NODE_NAME_MAX,
		    to);
		*cause = why;
		return (-1);
	}
	node_head_update();
	max = node_conn_max_payload();
	if (node_frame_measure(node_self.headlen, elen, plen, max, &len)
	    != 0) {
		snprintf(why, sizeof why, "payload too large for the cluster "
		    "(max %zu bytes)", max - FB_HDR_SIZE);
		*cause = why;
		return (-1);
	}
	/* <cluster>.node.<to>; a live node's name is at most
	 * NODE_NAME_MAX. */
	clen = strlen(node_self.cluster);
	tolen = strlen(to);
	memcpy(subj, node_self.cluster, clen);
	memcpy(subj + clen, ".node.", 6);
	memcpy(subj + clen + 6, to, tolen + 1);
	if (again)
		w = node_batch_reserve_msg(subj, env, elen, node_self.inc, len,
		    FB_HDR_SIZE + plen, max, &again);
	else
		w = node_batch_reserve(subj, len, max);
	if (w == NULL) {
		*cause = "noconnection";
		return (-1);
	}
	if (again)
		node_frame_put_again(w, inc, payload, plen);
	else
		node_frame_put(w, type, inc, node_self.head, node_self.headlen,
		    env, elen, payload, plen);
	node_self.counts.sent++;
	return (0);
}

int
node_send_text(const char *to, uint16_t type, const char *env, size_t elen,
    const char *payload, size_t plen, const char **cause)
{
	return (node_send_frame(to, type, env, elen, payload, plen, 0,
	    cause));
}

int
node_send_msg(const char *to, const char *env, size_t elen,
    const char *payload, size_t plen, const char **cause)
{
	return (node_send_frame(to, FB_NODE_MSG, env, elen, payload, plen, 1,
	    cause));
}

void
node_on_frame(node_frame_fn fn)
{
	node_frame_handler = fn;
}

void
node_on_frame_fast(node_fast_fn fn)
{
	node_frame_fast = fn;
}

void
node_on_lost(node_lost_fn fn)
{
	if (node_nlost >= NODE_HOOKS_MAX)
		fatalx("node: too many node_on_lost hooks");
	node_lost_hooks[node_nlost++] = fn;
}

void
node_on_joined(node_joined_fn fn)
{
	if (node_njoined >= NODE_HOOKS_MAX)
		fatalx("node: too many node_on_joined hooks");
	node_joined_hooks[node_njoined++] = fn;
}

void
node_lost_call(const char *name, uint64_t inc)
{
	size_t	i;

	for (i = 0; i < node_nlost; i++)
		node_lost_hooks[i](name, inc);
}

void
node_joined_call(const char *name, uint64_t inc)
{
	size_t	i;

	for (i = 0; i < node_njoined; i++)
		node_joined_hooks[i](name, inc);
}
