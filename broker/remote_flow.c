/*
 * The window of messages in flight to each node. A PAUSE
 * (remote_pause.c) takes a round trip, and behind it may wait everything
 * a fast sender already handed to the NATS server and the receiving
 * node's subscription: many times a mailbox. So at most
 * REMOTE_FLOW_WINDOW bytes of messages go to one node unacknowledged:
 * the receiving node acknowledges what it took (FB_NODE_ACK, every
 * quarter window), and a process whose message takes the window past it
 * is paused (backpressure.c, as for a full mailbox there) until the
 * acknowledgement, or its host's send_pause runs out (then the window
 * starts afresh: frames the node layer dropped are never acknowledged).
 * The loss or return of a node starts its window afresh too.
 *
 * It also remembers which of our processes sent to each node: a PAUSE
 * (remote_pause.c) holds only a process that did, so that a node cannot
 * stall processes that never had to do with it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "hmap.h"
#include "log.h"
#include "node.h"
#include "remote.h"

#define REMOTE_FLOW_WINDOW	(1024 * 1024)
#define REMOTE_FLOW_COST(plen)	((uint64_t)(plen) + 64)
#define REMOTE_FLOW_SENDERS_MIN	64	/* then ended ones are forgotten */

struct remote_flow {
	char		 node[REMOTE_NODE_MAX + 1];
	uint64_t	 out;		/* sent there, not acknowledged */
	uint64_t	 in;		/* taken from there, not acknowledged */
	int		 held;		/* it paused a sender of ours */
	struct hmap	 senders;	/* pids of ours that sent there */
	char		 last[REMOTE_PID_MAX + 1];	/* in senders */
	size_t		 purge_at;	/* senders' count for the next purge */
	TAILQ_ENTRY(remote_flow) entry;
};
static TAILQ_HEAD(, remote_flow) remote_flows =
    TAILQ_HEAD_INITIALIZER(remote_flows);

static struct remote_flow *
remote_flow_get(const char *node)
{
	struct remote_flow	*f;

	TAILQ_FOREACH(f, &remote_flows, entry)
		if (strcmp(f->node, node) == 0)
			return (f);
	if ((f = calloc(1, sizeof *f)) == NULL)
		return (NULL);	/* out of memory: no window */
	snprintf(f->node, sizeof f->node, "%s", node);
	hmap_init(&f->senders);
	f->purge_at = REMOTE_FLOW_SENDERS_MIN;
	TAILQ_INSERT_HEAD(&remote_flows, f, entry);
	return (f);
}

static void
remote_flow_free(struct remote_flow *f)
{
	TAILQ_REMOVE(&remote_flows, f, entry);
	hmap_clear(&f->senders);
	free(f);
}

static void
remote_flow_keep_live(const char *pid, void *value, void *arg)
{
	struct proc	*p = proc_find_pid(pid);

	if (p != NULL && !p->finished && hmap_put(arg, pid, value) != 0)
		fatalx("out of memory");
}

/* from sent to f's node: remembered; ended senders are forgotten now and
 * then (pids are never reused, so a stale one only takes room). The last
 * one is kept aside: a stream from one sender skips hashing its pid for
 * each message (a tenth of the sending broker's CPU at 16 B). It is in
 * senders: only a purge takes one out, on the way to a new last. */
static void
remote_flow_sender(struct remote_flow *f, const char *from)
{
	struct hmap	live;
	size_t		len;

	if (f->last[0] != '\0' && strcmp(f->last, from) == 0)
		return;
	len = strlen(from);
	if (len < sizeof f->last)
		memcpy(f->last, from, len + 1);
	else
		f->last[0] = '\0';
	if (hmap_get(&f->senders, from) != NULL)
		return;
	if (f->senders.count >= f->purge_at) {
		hmap_init(&live);
		hmap_foreach(&f->senders, remote_flow_keep_live, &live);
		hmap_clear(&f->senders);
		f->senders = live;
		f->purge_at = 2 * f->senders.count > REMOTE_FLOW_SENDERS_MIN ?
		    2 * f->senders.count : REMOTE_FLOW_SENDERS_MIN;
	}
	if (hmap_put(&f->senders, from, f) != 0)
		fatalx("out of memory");
}

/* Whether our process `pid` sent anything to node (since it is live). */
int
remote_flow_sent_by(const char *node, const char *pid)
{
	struct remote_flow	*f;

	TAILQ_FOREACH(f, &remote_flows, entry)
		if (strcmp(f->node, node) == 0)
			return (hmap_get(&f->senders, pid) != NULL);
	return (0);
}

/* `from` sent a message of plen bytes to node. */
void
remote_flow_sent(const char *node, const char *from, size_t plen)
{
	struct remote_flow	*f;
	struct proc		*s;

	if ((f = remote_flow_get(node)) == NULL)
		return;
	remote_flow_sender(f, from);
	f->out += REMOTE_FLOW_COST(plen);
	if (f->out > REMOTE_FLOW_WINDOW && (s = proc_find_pid(from)) != NULL &&
	    !s->finished) {
		backpressure_pause_remote(s, node, 1);
		f->held = 1;
	}
}

/* A message of plen bytes came from node. */
void
remote_flow_took(const char *node, size_t plen)
{
	struct remote_flow	*f;
	const char		*cause;

	if ((f = remote_flow_get(node)) == NULL)
		return;
	f->in += REMOTE_FLOW_COST(plen);
	if (f->in < REMOTE_FLOW_WINDOW / 4)
		return;
	if (remote_send_frame(node, FB_NODE_ACK, json_pack("{s:I}", "bytes",
	    (json_int_t)f->in), NULL, 0, &cause) != 0)
		log_info("could not acknowledge messages to node %s: %s", node,
		    cause);
	f->in = 0;
}

/* s's window pause on node ran out. */
void
remote_flow_expired(const char *node)
{
	struct remote_flow	*f;

	if ((f = remote_flow_get(node)) != NULL)
		f->out = 0;
}

/* FB_NODE_ACK: node took that many bytes of our messages. */
int
remote_flow_ack_in(const char *node, json_t *env, const char **why)
{
	json_t			*v = json_object_get(env, "bytes");
	struct remote_flow	*f;
	struct proc		*p;
	json_int_t		 n;

	if (!json_is_integer(v) || (n = json_integer_value(v)) <= 0 ||
	    n > (json_int_t)1 << 53) {
		*why = "ACK without a byte count";
		return (-1);
	}
	if ((f = remote_flow_get(node)) == NULL)
		return (0);
	/* Less than it says when the window started afresh meanwhile. */
	f->out -= (uint64_t)n < f->out ? (uint64_t)n : f->out;
	if (f->held && f->out <= REMOTE_FLOW_WINDOW) {
		f->held = 0;
		TAILQ_FOREACH(p, &broker->procs, entry_all)
			if (p->pause.window)
				backpressure_resume_remote(p, node);
	}
	return (0);
}

/* node is lost, or back: its window starts afresh. */
void
remote_flow_reset(const char *node)
{
	struct remote_flow	*f;

	TAILQ_FOREACH(f, &remote_flows, entry)
		if (strcmp(f->node, node) == 0) {
			remote_flow_free(f);
			return;
		}
}

void
remote_flow_clear(void)
{
	struct remote_flow	*f;

	while ((f = TAILQ_FIRST(&remote_flows)) != NULL)
		remote_flow_free(f);
}
