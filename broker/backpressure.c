/*
 * Backpressure (spec section 2): a process that sends to a mailbox past
 * half its limit is paused, the broker reads no more of its frames, until
 * the mailbox is below a quarter again, for at most the receiver's host's
 * send_pause at a time. Its worker keeps queueing what it sends; once its
 * socket and its output buffer are full, the sending coroutine waits.
 *
 * A pause that runs out while the receiver took nothing at all marks the
 * receiver deaf: its senders go on and are not paused on it again until
 * it reads (below a quarter), so it reaches its limit and is killed, and
 * no sender is stalled for good. A receiver that took something during
 * the pause is slow, not deaf: its senders wait another send_pause.
 *
 * A paused sender's frames wait in its socket, in order; its messages to
 * other processes wait with them. A sender that exits is let go at once,
 * so that its last frames (and its EXIT) are read.
 *
 * Across nodes the receiver's node says when (remote_pause.c): the
 * sender is paused the same way on FB_NODE_PAUSE, for at most its own
 * host's send_pause (another one on each PAUSE while the receiver takes),
 * until FB_NODE_RESUME or the loss of that node.
 */
#include "config.h"

#include <sys/time.h>

#include <stdio.h>
#include <string.h>

#include <event2/event.h>

#include "broker.h"
#include "log.h"
#include "node.h"
#include "remote.h"

_Static_assert(sizeof(((struct pause *)0)->node) == NODE_NAME_MAX + 1,
    "struct pause: a node name");

/* s waits on nobody any more; its reading stays off until it resumes. */
static void
backpressure_unlink(struct proc *s)
{
	if (s->pause.on != NULL) {
		TAILQ_REMOVE(&s->pause.on->mbox.paused, s, pause.entry);
		s->pause.on = NULL;
	}
}

/* Read s again, and what it sent while paused. */
static void
backpressure_resume(struct proc *s)
{
	backpressure_unlink(s);
	if (s->pause.timer != NULL)
		evtimer_del(s->pause.timer);
	s->pause.node[0] = '\0';
	s->pause.window = 0;
	if (s->pause.active) {
		s->pause.active = 0;
		peer_resume(s);
	}
}

/* Resume s from the loop, not from inside whatever frame let it go. */
static void
backpressure_later(struct proc *s)
{
	struct timeval	now = { 0, 0 };

	backpressure_unlink(s);
	s->pause.node[0] = '\0';	/* no node's PAUSE holds it again */
	s->pause.window = 0;
	if (s->pause.timer == NULL || evtimer_add(s->pause.timer, &now) != 0)
		backpressure_resume(s);
}

static void
backpressure_arm_us(struct proc *s, int64_t us)
{
	struct timeval	tv = { us / 1000000, us % 1000000 };

	if (evtimer_add(s->pause.timer, &tv) != 0)
		backpressure_later(s);
}

static void
backpressure_arm(struct proc *s, struct proc *r)
{
	s->pause.mark = r->mbox.taken;
	backpressure_arm_us(s, r->host->host.send_pause_us);
}

static void
backpressure_expired(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*s = arg, *r = s->pause.on;

	if (r != NULL && r->mbox.full) {
		if (r->mbox.taken > s->pause.mark) {
			backpressure_arm(s, r);		/* slow, not deaf */
			return;
		}
		r->mbox.deaf = 1;
		log_info("%s: took nothing from its mailbox while its senders "
		    "were paused: they go on", r->pid);
		backpressure_release(r);
	}
	if (s->pause.window)
		remote_flow_expired(s->pause.node);
	backpressure_resume(s);
}

/* Whether s may be paused (again) for us: it lives and is read. */
static int
backpressure_may(struct proc *s, int64_t us)
{
	return (us > 0 && s->conn != NULL && !s->status_seen &&
	    !s->eof_seen && s->kill_reason == NULL);
}

/* Stop reading s, if it may be paused at all. 0 when it is now. */
static int
backpressure_stop(struct proc *s, int64_t us)
{
	if (s->pause.active || !backpressure_may(s, us))
		return (-1);
	if (s->pause.timer == NULL && (s->pause.timer = evtimer_new(
	    broker->base, backpressure_expired, s)) == NULL)
		return (-1);	/* out of memory: not paused, still counted */
	if (peer_stop_reading(s) != 0)
		return (-1);
	s->pause.active = 1;
	broker->npaused++;
	return (0);
}

/* s just queued a message for r: pause s if r's mailbox is full. */
void
backpressure_pause(struct proc *s, struct proc *r)
{
	if (!r->mbox.full || r->mbox.deaf || s == r ||
	    backpressure_stop(s, r->host->host.send_pause_us) != 0)
		return;
	s->pause.on = r;
	TAILQ_INSERT_TAIL(&r->mbox.paused, s, pause.entry);
	backpressure_arm(s, r);
}

/* node says s sent to a full mailbox there (FB_NODE_PAUSE), or s filled
 * node's window (remote_flow.c): pause s for its host's send_pause;
 * again while paused by node: that long again. */
void
backpressure_pause_remote(struct proc *s, const char *node, int window)
{
	int64_t	us = s->host->host.send_pause_us;

	if (s->pause.active && s->pause.on == NULL &&
	    s->pause.node[0] == '\0' && backpressure_may(s, us)) {
		/*
		 * Let go, but not read again yet (backpressure_later): an
		 * ACK or a RESUME came in this same pass of the loop, and
		 * this PAUSE behind it. It holds, as it would a moment
		 * later; dropped, the receiver's node would not ask again
		 * before its receiver took something, and the sender
		 * flooded it past its limit meanwhile.
		 */
		snprintf(s->pause.node, sizeof s->pause.node, "%s", node);
		s->pause.window = window;
		broker->npaused++;
		backpressure_arm_us(s, us);
		return;
	}
	if (s->pause.active) {
		if (s->pause.on == NULL && strcmp(s->pause.node, node) == 0) {
			s->pause.window = s->pause.window && window;
			backpressure_arm_us(s, us);
		}
		return;
	}
	if (backpressure_stop(s, us) != 0)
		return;
	snprintf(s->pause.node, sizeof s->pause.node, "%s", node);
	s->pause.window = window;
	backpressure_arm_us(s, us);
}

/* node lets s go on (FB_NODE_RESUME, or node is lost), if it is the
 * one that paused it. */
void
backpressure_resume_remote(struct proc *s, const char *node)
{
	if (s->pause.active && s->pause.on == NULL &&
	    s->pause.node[0] != '\0' && strcmp(s->pause.node, node) == 0)
		backpressure_later(s);
}

/* r's senders go on: it is below a quarter again, or dying. */
void
backpressure_release(struct proc *r)
{
	struct proc	*s;

	while ((s = TAILQ_FIRST(&r->mbox.paused)) != NULL)
		backpressure_later(s);
	remote_pause_release(r);	/* its senders on other nodes */
}

/* p exited: nobody waits on it, and its own last frames are read. */
void
backpressure_end(struct proc *p)
{
	backpressure_release(p);
	if (p->pause.active)
		backpressure_later(p);
}

/* p is freed. */
void
backpressure_free(struct proc *p)
{
	backpressure_release(p);
	backpressure_unlink(p);
	if (p->pause.timer != NULL)
		event_free(p->pause.timer);
	p->pause.timer = NULL;
	p->pause.active = 0;
}
