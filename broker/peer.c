/* One worker's connection: frames in, batched frames out. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "frame.h"
#include "log.h"

static void	peer_read(struct bufferevent *, void *);
static void	peer_event(struct bufferevent *, short, void *);

int
peer_open(struct proc *p, int fd)
{
	if (evutil_make_socket_nonblocking(fd) != 0)
		return (-1);
	p->bev = bufferevent_socket_new(broker->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (p->bev == NULL)
		return (-1);
	bufferevent_setcb(p->bev, peer_read, NULL, peer_event, p);
	mailbox_watch(p);
	if (bufferevent_enable(p->bev, EV_READ | EV_WRITE) != 0) {
		bufferevent_free(p->bev);
		p->bev = NULL;
		return (-1);
	}
	return (0);
}

void
peer_close(struct proc *p)
{
	if (p->bev != NULL) {
		bufferevent_free(p->bev);
		p->bev = NULL;
	}
	mailbox_free(p);
}

/* Largest body a worker may send: its host's message size plus room for
 * the envelope. Anything longer is refused before it is buffered. */
static uint32_t
peer_max_frame(struct proc *p)
{
	uint64_t	max = p->host->host.max_message_size + FB_ENVELOPE_MAX;

	return (max > FB_FRAME_MAX ? FB_FRAME_MAX : (uint32_t)max);
}

static void
peer_read(struct bufferevent *bev, void *arg)
{
	struct proc	*p = arg;
	struct evbuffer	*in = bufferevent_get_input(bev);
	struct frame	 f;
	const char	*cause = NULL;
	int		 r;

	while (!p->finished && p->kill_reason == NULL) {
		r = frame_peek(in, &f, peer_max_frame(p), FB_ENVELOPE_MAX,
		    &cause);
		if (r == 0)
			return;
		if (r == 1 && route_frame(p, &f, &cause) == 0) {
			frame_drain(in, &f);
			continue;
		}
		proc_kill(p, "protocol", "protocol error: %s", cause);
		break;
	}
	/* A dead or dying peer's bytes mean nothing any more. */
	evbuffer_drain(in, evbuffer_get_length(in));
}

/*
 * Only the end of what the worker wrote ends its connection. A failed
 * write (EPIPE, ECONNRESET: it is exiting, or shut its reading side)
 * means it takes nothing more, but what it wrote before (its last
 * messages, its EXIT) may still wait in the socket: taking a failed write
 * for the end would lose them and report a normal return as "exited
 * without reporting a result". So everything it sent is read and routed
 * before its EOF, hence before the reaper announces its exit (spec
 * section 2, ordering across kinds). A worker that shut only its reading
 * side is deaf, not gone: messages to it are undeliverable.
 */
static void
peer_event(struct bufferevent *bev, short what, void *arg)
{
	struct proc	*p = arg;

	if (what & BEV_EVENT_WRITING) {
		bufferevent_disable(bev, EV_WRITE);
		p->out_closed = 1;
		/* Undeliverable now; the mailbox counters see it drained. */
		evbuffer_drain(bufferevent_get_output(bev),
		    evbuffer_get_length(bufferevent_get_output(bev)));
	} else if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		bufferevent_disable(bev, EV_READ | EV_WRITE);
		p->eof_seen = 1;
		reap_check(p);
	}
}

/* Can anything more be queued for p? */
int
peer_writable(struct proc *p)
{
	return (p->bev != NULL && !p->eof_seen && !p->out_closed);
}

/* Queue a frame; env is borrowed. The write happens when the loop next
 * runs, so frames queued in one pass go out in one write. */
int
peer_send(struct proc *p, uint16_t type, uint64_t ref, json_t *env,
    const char *payload, size_t plen)
{
	char	*text = NULL;
	size_t	 elen = 0;
	int	 r;

	if (!peer_writable(p))
		return (-1);
	if (env != NULL) {
		text = json_dumps(env, JSON_COMPACT);
		if (text == NULL)
			return (-1);
		elen = strlen(text);
	}
	r = frame_add(bufferevent_get_output(p->bev), type, 0, ref, text, elen,
	    payload, plen);
	free(text);
	if (r == 0 && type == FB_MSG)
		mailbox_msg(p);
	/* Replies and events wait here too: a worker that asks and never
	 * reads must not make the broker hold without bound (spec 6). Its
	 * INIT (its code and arguments) is no mailbox. */
	if (r == 0 && type != FB_INIT &&
	    peer_queued(p) > p->host->host.mailbox_limit)
		proc_kill(p, "mailbox", "mailbox limit exceeded (%zu bytes "
		    "queued)", peer_queued(p));
	return (r);
}

/* Bytes queued for the worker and not yet written: its mailbox. */
size_t
peer_queued(struct proc *p)
{
	return (p->bev == NULL ? 0 :
	    evbuffer_get_length(bufferevent_get_output(p->bev)));
}
