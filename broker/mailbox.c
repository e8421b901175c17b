/*
 * Mailboxes (spec section 6, mailbox_limit): everything queued for a
 * process and not yet taken by it, wherever it waits. The broker counts
 * what it queues (every frame after INIT: messages, events, replies); the
 * worker says what it took (FB_RECEIVED); the difference is the mailbox,
 * whether the bytes are still in the broker's output buffer, in the
 * socket, or read by the worker and not yet received by its Lua code. A
 * worker that lies about it only misleads the count of its own mailbox,
 * and only downwards as far as what it really read.
 *
 * Past the limit the process is killed with reason "mailbox"; past half
 * of it its senders are paused (backpressure.c). The broker's own share,
 * the bytes in the output buffers of all processes, has a global budget
 * (--max-queued): past it, the process with the most bytes waiting there
 * is killed, with the same reason. What the broker read from a process
 * and has not routed yet (most of a large frame whose end has not come,
 * or frames a pause holds back) is the broker's memory too: it counts in
 * the budget, as that process's share.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "frame.h"
#include "log.h"

/* A buffer's byte counts, for the global budget: arg is the count of
 * the mailbox it is kept in (held: the output, unread: the input). */
static void
mailbox_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	size_t	*count = arg;

	*count += info->n_added;
	*count -= info->n_deleted;
	broker->queued += info->n_added;
	broker->queued -= info->n_deleted;
}

/* Called once the peer's buffers exist. */
void
mailbox_watch(struct proc *p)
{
	TAILQ_INIT(&p->mbox.paused);
	p->mbox.cb = evbuffer_add_cb(peer_output(p),
	    mailbox_cb, &p->mbox.held);
	p->mbox.incb = evbuffer_add_cb(peer_input(p),
	    mailbox_cb, &p->mbox.unread);
	if (p->mbox.cb == NULL || p->mbox.incb == NULL)
		fatalx("out of memory");
}

/* Bytes queued for p and not taken yet. */
size_t
mailbox_bytes(struct proc *p)
{
	return ((size_t)(p->mbox.in - p->mbox.taken));
}

/* Frames (messages, events, replies) queued for p and not taken yet. */
size_t
mailbox_count(struct proc *p)
{
	return ((size_t)(p->mbox.nin - p->mbox.ntaken));
}

/*
 * May a frame of `bytes` be queued for p? 0, or -1 when it must not: p
 * is being killed (nothing reaches it any more), or the frame would take
 * its mailbox past the limit, and p is killed for it.
 */
int
mailbox_admit(struct proc *p, size_t bytes)
{
	size_t	queued;

	if (p->kill_reason != NULL)
		return (-1);
	queued = mailbox_bytes(p) + bytes;
	if (queued > p->host->host.mailbox_limit) {
		proc_kill(p, "mailbox", "mailbox limit exceeded (%zu bytes "
		    "queued)", queued);
		return (-1);
	}
	return (0);
}

/* What the broker holds for p: queued for it, and read from it. */
static size_t
mailbox_share(const struct proc *p)
{
	return (p->mbox.held + p->mbox.unread);
}

/* The broker's queues are over --max-queued: kill the process holding
 * most of them until they are not. */
static void
mailbox_budget(void)
{
	struct proc	*p, *big;
	size_t		 share;

	while (broker->queued > broker->max_queued) {
		big = NULL;
		TAILQ_FOREACH(p, &broker->procs, entry_all)
			if (big == NULL || mailbox_share(p) > mailbox_share(big))
				big = p;
		if (big == NULL || (share = mailbox_share(big)) == 0)
			return;
		log_warnx("%s: the broker's queues are over --max-queued (%"
		    PRIu64 " bytes): killing the largest mailbox (%zu bytes "
		    "queued for it, %zu read from it and not routed)",
		    big->pid, broker->max_queued, big->mbox.held,
		    big->mbox.unread);
		proc_kill(big, "mailbox", "mailbox limit exceeded: the "
		    "broker's queues are over --max-queued (%" PRIu64 " bytes) "
		    "and this process holds the most of them (%zu bytes: %zu "
		    "queued for it, %zu read from it and not routed)",
		    broker->max_queued, share, big->mbox.held,
		    big->mbox.unread);
		mailbox_drop(big);	/* even if it is dead already */
		peer_discard_unread(big);
		if (mailbox_share(big) != 0)
			return;		/* cannot happen; never loop */
	}
}

/* After a read from a worker: its unrouted bytes may have taken the
 * broker over --max-queued. */
void
mailbox_check_budget(void)
{
	if (broker->queued > broker->max_queued)
		mailbox_budget();
}

/* A frame of `bytes` was just queued, whole, for p. */
void
mailbox_queued(struct proc *p, size_t bytes)
{
	struct mailbox	*m = &p->mbox;

	m->in += bytes;
	m->nin++;
	if (!m->full && mailbox_bytes(p) > p->host->host.mailbox_limit / 2)
		m->full = 1;
	if (broker->queued > broker->max_queued)
		mailbox_budget();
}

/* Nothing queued for p matters any more (it is being killed): free the
 * broker's share at once, and let its senders go on. */
void
mailbox_drop(struct proc *p)
{
	peer_discard(p);
	p->mbox.full = 0;
	backpressure_release(p);
}

/* The count of FB_RECEIVED's payload: a JSON integer. -1 if it is not. */
static int
mailbox_parse_count(const struct frame *f, uint64_t *n)
{
	char	buf[24], *end;

	if (f->elen != 0 || f->plen == 0 || f->plen >= sizeof buf)
		return (-1);
	memcpy(buf, f->payload, f->plen);
	buf[f->plen] = '\0';
	if (buf[0] < '0' || buf[0] > '9' || (buf[0] == '0' && f->plen > 1))
		return (-1);
	errno = 0;
	*n = strtoull(buf, &end, 10);
	return (*end != '\0' || errno != 0 ? -1 : 0);
}

/* FB_RECEIVED: what p took so far. Below a quarter of its limit again,
 * its paused senders go on. */
int
mailbox_received(struct proc *p, const struct frame *f, const char **cause)
{
	struct mailbox	*m = &p->mbox;
	uint64_t	 n;

	if (mailbox_parse_count(f, &n) != 0) {
		*cause = "RECEIVED without a count";
		return (-1);
	}
	if (f->ref < m->taken || f->ref > m->in || n < m->ntaken ||
	    n > m->nin) {
		*cause = "RECEIVED more than was sent, or less than before";
		return (-1);
	}
	m->taken = f->ref;
	m->ntaken = n;
	if (m->full && mailbox_bytes(p) < p->host->host.mailbox_limit / 4) {
		m->full = m->deaf = 0;
		backpressure_release(p);
	}
	return (0);
}

/* Before the buffer goes: its bytes leave the budget's count. */
void
mailbox_free(struct proc *p)
{
	if (p->conn != NULL && p->mbox.cb != NULL)
		evbuffer_remove_cb_entry(peer_output(p), p->mbox.cb);
	if (p->conn != NULL && p->mbox.incb != NULL)
		evbuffer_remove_cb_entry(peer_input(p), p->mbox.incb);
	p->mbox.cb = p->mbox.incb = NULL;
	broker->queued -= p->mbox.held + p->mbox.unread;
	p->mbox.held = p->mbox.unread = 0;
}
