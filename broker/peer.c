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
	backpressure_free(p);
	mailbox_free(p);
	if (p->bev != NULL) {
		bufferevent_free(p->bev);
		p->bev = NULL;
	}
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
		/* Paused (backpressure.c): the rest waits, in order. */
		if (p->pause.active)
			return;
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
		peer_discard(p);	/* undeliverable now */
	} else if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		bufferevent_disable(bev, EV_READ | EV_WRITE);
		p->eof_seen = 1;
		reap_check(p);
	}
}

/* Throw away what is queued for p and not written yet. The bufferevent
 * keeps the front of its output buffer frozen (only its own writes drain
 * it), so it is thawed for this. */
void
peer_discard(struct proc *p)
{
	struct evbuffer	*out;

	if (p->bev == NULL)
		return;
	out = bufferevent_get_output(p->bev);
	evbuffer_unfreeze(out, 1);
	if (evbuffer_drain(out, evbuffer_get_length(out)) != 0)
		log_warnx("%s: cannot drop its queued frames", p->pid);
	evbuffer_freeze(out, 1);
}

/* A pause is over: read again, starting with what is buffered. */
void
peer_resume(struct proc *p)
{
	if (p->bev == NULL || p->eof_seen)
		return;
	if (bufferevent_enable(p->bev, EV_READ) != 0)
		log_warnx("%s: cannot read its socket again", p->pid);
	peer_read(p->bev, p);
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
	r = peer_send_text(p, type, ref, text, elen, payload, plen);
	free(text);
	return (r);
}

/* peer_send with the envelope already as text (elen bytes, 0: none). */
int
peer_send_text(struct proc *p, uint16_t type, uint64_t ref, const char *env,
    size_t elen, const char *payload, size_t plen)
{
	size_t	size;
	int	r;

	if (!peer_writable(p))
		return (-1);
	/* Everything after INIT is in its mailbox, replies too. */
	size = FB_HDR_SIZE + elen + plen;
	if (type != FB_INIT && mailbox_admit(p, size) != 0)
		return (-1);
	r = frame_add(bufferevent_get_output(p->bev), type, 0, ref, env, elen,
	    payload, plen);
	if (r == 0 && type != FB_INIT)
		mailbox_queued(p, size);
	return (r);
}

