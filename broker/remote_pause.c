/*
 * Backpressure across nodes (spec/api.md section 2, cluster.md section
 * 2): the same pauses as on one broker. The receiver's node, when it
 * queues a message from another node's process into a mailbox past half
 * its limit, sends that node FB_NODE_PAUSE {sender, receiver}; there the
 * sender is paused as for a local receiver (backpressure.c), for at most
 * its host's send_pause. The receiver's node remembers each pause it
 * asked for and renews it before it runs out (every quarter of the
 * receiver's send_pause, at most REMOTE_PAUSE_RENEW_US) while the
 * receiver took something within its send_pause (slow, not deaf), as
 * one broker keeps a sender paused on a receiver that takes: were the
 * sender let go at each of its send_pauses, what it sent before the next
 * PAUSE came (up to a window, remote_flow.c) would pass each time, and a
 * receiver slower than that be flooded past its limit (a sender's host
 * with a send_pause shorter than the renewal still is). FB_NODE_RESUME
 * when the receiver is below a quarter again or ends. A receiver that
 * took nothing for a whole send_pause is deaf: no renewal, its senders
 * go on once their send_pause ran out, it reaches its limit and is
 * killed, as on one broker (a message that comes after it took
 * something asks again). The loss of either node ends its pauses.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "remote.h"

#define REMOTE_PAUSE_RENEW_US	250000

/* A pause this node asked another for: its sender, our receiver. */
struct remote_pause {
	uint64_t		 receiver;	/* our process's id */
	char			*sender;	/* their pid */
	char			 node[REMOTE_NODE_MAX + 1];
	uint64_t		 mark;		/* what it had taken, last seen */
	struct event		*renew;		/* the next renewal */
	int			 idle;		/* renewals due with nothing taken */
	TAILQ_ENTRY(remote_pause) entry;
};
static TAILQ_HEAD(, remote_pause) remote_pauses =
    TAILQ_HEAD_INITIALIZER(remote_pauses);

static void
remote_pause_free(struct remote_pause *rp)
{
	TAILQ_REMOVE(&remote_pauses, rp, entry);
	if (rp->renew != NULL)
		event_free(rp->renew);
	free(rp->sender);
	free(rp);
}

static void
remote_pause_tell(struct remote_pause *rp, uint16_t type, struct proc *r)
{
	const char	*cause;

	if (remote_send_frame(rp->node, type, json_pack("{s:s,s:s}",
	    "sender", rp->sender, "receiver", r->pid), NULL, 0, &cause) != 0)
		log_info("%s: could not tell node %s to %s %s: %s", r->pid,
		    rp->node, type == FB_NODE_PAUSE ? "pause" : "resume",
		    rp->sender, cause);
}

/* How often r's pauses are renewed. */
static int64_t
remote_pause_period(struct proc *r)
{
	int64_t	us = r->host->host.send_pause_us / 4;

	return (us < REMOTE_PAUSE_RENEW_US ? us : REMOTE_PAUSE_RENEW_US);
}

static void
remote_pause_arm(struct remote_pause *rp, struct proc *r)
{
	int64_t		us = remote_pause_period(r);
	struct timeval	tv = { us / 1000000, us % 1000000 };

	if (us > 0)
		evtimer_add(rp->renew, &tv);
}

/* Ask node again while r took something within its send_pause (as one
 * broker renews a pause that saw progress); a receiver that took
 * nothing for that long is left to its senders. */
static void
remote_pause_renew(evutil_socket_t fd, short what, void *arg)
{
	struct remote_pause	*rp = arg;
	struct proc		*r = proc_find_id(rp->receiver);

	if (r == NULL || !r->mbox.full || r->mbox.deaf ||
	    r->kill_reason != NULL)
		return;		/* released soon, or already */
	if (r->mbox.taken > rp->mark) {
		rp->mark = r->mbox.taken;
		rp->idle = 0;
	} else if (++rp->idle * remote_pause_period(r) >=
	    r->host->host.send_pause_us)
		return;		/* deaf so far: asked again on progress */
	remote_pause_tell(rp, FB_NODE_PAUSE, r);
	remote_pause_arm(rp, r);
}

/* A message from node's `from` was just queued for r. */
void
remote_pause_note(struct proc *r, const char *node, const char *from)
{
	struct remote_pause	*rp;

	if (!r->mbox.full || r->mbox.deaf || r->kill_reason != NULL ||
	    r->host->host.send_pause_us <= 0)
		return;
	TAILQ_FOREACH(rp, &remote_pauses, entry)
		if (rp->receiver == r->id && strcmp(rp->sender, from) == 0)
			break;
	if (rp != NULL) {
		if (r->mbox.taken <= rp->mark)
			return;		/* asked already; deaf so far */
	} else {
		if ((rp = calloc(1, sizeof *rp)) == NULL ||
		    (rp->sender = strdup(from)) == NULL) {
			free(rp);
			return;		/* out of memory: not paused */
		}
		rp->receiver = r->id;
		snprintf(rp->node, sizeof rp->node, "%s", node);
		TAILQ_INSERT_TAIL(&remote_pauses, rp, entry);
		/* Out of memory: asked once, not renewed. */
		rp->renew = evtimer_new(broker->base, remote_pause_renew, rp);
	}
	rp->mark = r->mbox.taken;
	rp->idle = 0;
	remote_pause_tell(rp, FB_NODE_PAUSE, r);
	if (rp->renew != NULL)
		remote_pause_arm(rp, r);
}

/* r is below a quarter again, or ends: its senders elsewhere go on. */
void
remote_pause_release(struct proc *r)
{
	struct remote_pause	*rp, *next;

	for (rp = TAILQ_FIRST(&remote_pauses); rp != NULL; rp = next) {
		next = TAILQ_NEXT(rp, entry);
		if (rp->receiver == r->id) {
			remote_pause_tell(rp, FB_NODE_RESUME, r);
			remote_pause_free(rp);
		}
	}
}

/* FB_NODE_PAUSE, FB_NODE_RESUME: their receiver, our sender. */
int
remote_pause_in(const char *node, uint16_t type, json_t *env,
    const char **why)
{
	const char	*sender;
	struct proc	*s;

	if ((sender = remote_pid_of(env, "sender", node_name(), why)) ==
	    NULL || remote_pid_of(env, "receiver", node, why) == NULL)
		return (-1);
	if ((s = remote_local(sender)) == NULL)
		return (0);	/* it ended meanwhile */
	if (type == FB_NODE_PAUSE && !remote_flow_sent_by(node, s->pid)) {
		*why = "PAUSE for a process that sent nothing to that node";
		return (-1);
	}
	if (type == FB_NODE_PAUSE)
		backpressure_pause_remote(s, node, 0);
	else
		backpressure_resume_remote(s, node);
	return (0);
}

/* node is lost: what it paused goes on, what we asked of it is void. */
void
remote_pause_lost(const char *node)
{
	struct remote_pause	*rp, *next;
	struct proc		*p;

	TAILQ_FOREACH(p, &broker->procs, entry_all)
		backpressure_resume_remote(p, node);
	for (rp = TAILQ_FIRST(&remote_pauses); rp != NULL; rp = next) {
		next = TAILQ_NEXT(rp, entry);
		if (strcmp(rp->node, node) == 0)
			remote_pause_free(rp);
	}
}

void
remote_pause_clear(void)
{
	while (!TAILQ_EMPTY(&remote_pauses))
		remote_pause_free(TAILQ_FIRST(&remote_pauses));
}
