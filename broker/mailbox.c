/*
 * Mailbox depth for forkbox ps: how many messages the broker holds for a
 * worker and has not written to it yet (the bytes are what mailbox_limit
 * limits, peer_queued()). The output buffer's callback counts every byte
 * queued and written; each MSG frame's end offset goes in a ring, and the
 * frames whose end was written are no longer queued.
 */
#include "config.h"

#include <stdlib.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>

#include "broker.h"
#include "log.h"

static void
mailbox_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	struct mailbox	*m = arg;

	m->added += info->n_added;
	m->drained += info->n_deleted;
}

/* Forget the messages written out since last time. */
static void
mailbox_trim(struct mailbox *m)
{
	while (m->n > 0 && m->ends[m->head] <= m->drained) {
		m->head = (m->head + 1) % m->cap;
		m->n--;
	}
}

/* Called once the peer's buffer exists. */
void
mailbox_watch(struct proc *p)
{
	if (evbuffer_add_cb(bufferevent_get_output(p->bev), mailbox_cb,
	    &p->mbox) == NULL)
		fatalx("out of memory");
}

/* A MSG frame was just queued, whole, for p. */
void
mailbox_msg(struct proc *p)
{
	struct mailbox	*m = &p->mbox;
	uint64_t	*n;
	size_t		 i, ncap;

	mailbox_trim(m);
	if (m->n == m->cap) {
		ncap = m->cap == 0 ? 16 : m->cap * 2;
		if ((n = reallocarray(NULL, ncap, sizeof *n)) == NULL)
			fatal("reallocarray");
		for (i = 0; i < m->n; i++)
			n[i] = m->ends[(m->head + i) % m->cap];
		free(m->ends);
		m->ends = n;
		m->cap = ncap;
		m->head = 0;
	}
	m->ends[(m->head + m->n) % m->cap] = m->added;
	m->n++;
}

size_t
mailbox_count(struct proc *p)
{
	mailbox_trim(&p->mbox);
	return (p->mbox.n);
}

/* The buffer (and with it the callback) is gone or about to be. */
void
mailbox_free(struct proc *p)
{
	free(p->mbox.ends);
	p->mbox.ends = NULL;
	p->mbox.head = p->mbox.n = p->mbox.cap = 0;
}
