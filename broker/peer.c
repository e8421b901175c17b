/*
 * One worker's connection: frames in, batched frames out, on the socket
 * directly (no bufferevent). Reads take what the socket has in one readv
 * (sockread.h). Frames queued for a peer are written at the end of the
 * loop pass that queued them (peer_flush_cb, activated once per pass),
 * with one writev per peer for all of them, instead of after a round
 * through epoll for writability; only a socket that is full is watched
 * for room.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "frame.h"
#include "log.h"
#include "sockread.h"

struct peer_conn {
	struct proc		*proc;
	int			 fd;
	struct evbuffer		*in;
	struct evbuffer		*out;
	struct event		*rev;		/* added while reading */
	struct event		*wev;		/* added while the socket is full */
	struct frame_room	 room;
	int			 reading;
	int			 flushing;	/* on peer_flush_list */
	TAILQ_ENTRY(peer_conn)	 flush_entry;
};

static TAILQ_HEAD(, peer_conn)	 peer_flush_list =
    TAILQ_HEAD_INITIALIZER(peer_flush_list);
static struct event		*peer_flush_ev;	/* while a peer is open */
static size_t			 peer_count;

static void	peer_read_cb(evutil_socket_t, short, void *);
static void	peer_write_cb(evutil_socket_t, short, void *);
static void	peer_flush_cb(evutil_socket_t, short, void *);
static void	peer_read(struct proc *);

/* No peer is open: nothing is left to flush, and nothing to free at
 * exit. */
static void
peer_flush_release(void)
{
	if (peer_count == 0 && peer_flush_ev != NULL) {
		event_free(peer_flush_ev);
		peer_flush_ev = NULL;
	}
}

int
peer_open(struct proc *p, int fd)
{
	struct peer_conn	*c;

	if (peer_flush_ev == NULL && (peer_flush_ev = event_new(broker->base,
	    -1, 0, peer_flush_cb, NULL)) == NULL)
		return (-1);
	if (evutil_make_socket_nonblocking(fd) != 0 ||
	    (c = calloc(1, sizeof *c)) == NULL) {
		peer_flush_release();
		return (-1);
	}
	c->proc = p;
	c->fd = fd;
	if ((c->in = evbuffer_new()) == NULL ||
	    (c->out = evbuffer_new()) == NULL ||
	    (c->rev = event_new(broker->base, fd, EV_READ | EV_PERSIST,
	    peer_read_cb, p)) == NULL ||
	    (c->wev = event_new(broker->base, fd, EV_WRITE, peer_write_cb,
	    p)) == NULL ||
	    event_add(c->rev, NULL) != 0) {
		if (c->rev != NULL)
			event_free(c->rev);
		if (c->wev != NULL)
			event_free(c->wev);
		if (c->in != NULL)
			evbuffer_free(c->in);
		if (c->out != NULL)
			evbuffer_free(c->out);
		free(c);
		peer_flush_release();
		return (-1);
	}
	c->reading = 1;
	p->conn = c;
	peer_count++;
	mailbox_watch(p);
	return (0);
}

void
peer_close(struct proc *p)
{
	struct peer_conn	*c = p->conn;

	backpressure_free(p);
	mailbox_free(p);
	if (c == NULL)
		return;
	if (c->flushing)
		TAILQ_REMOVE(&peer_flush_list, c, flush_entry);
	event_free(c->rev);
	event_free(c->wev);
	evbuffer_free(c->in);
	evbuffer_free(c->out);
	close(c->fd);
	free(c);
	p->conn = NULL;
	peer_count--;
	peer_flush_release();
}

/* The buffer frames for p are queued in (p has a connection). */
struct evbuffer *
peer_output(struct proc *p)
{
	return (p->conn->out);
}

/* The buffer p's frames are read into (p has a connection). */
struct evbuffer *
peer_input(struct proc *p)
{
	return (p->conn->in);
}

/* Room for a frame of size bytes at the end of p's output, in a chain
 * that takes many more (frame_room). 0, or -1 out of memory. */
int
peer_room(struct proc *p, size_t size)
{
	return (frame_room(p->conn->out, &p->conn->room, size));
}

/* Bytes read from p and not routed yet. */
size_t
peer_unread(struct proc *p)
{
	return (p->conn != NULL ? evbuffer_get_length(p->conn->in) : 0);
}

/* Stop reading p (a pause: backpressure.c); peer_resume reads again. */
int
peer_stop_reading(struct proc *p)
{
	struct peer_conn	*c = p->conn;

	if (c == NULL || (c->reading && event_del(c->rev) != 0))
		return (-1);
	c->reading = 0;
	return (0);
}

/* Its stream ended or failed: read nothing more, write nothing more. */
static void
peer_ended(struct proc *p)
{
	struct peer_conn	*c = p->conn;

	if (c->reading)
		event_del(c->rev);
	c->reading = 0;
	event_del(c->wev);
	p->eof_seen = 1;
	reap_check(p);
}

/*
 * A write failed (EPIPE, ECONNRESET): it takes nothing more. Only the end
 * of what the worker wrote ends its connection: what it wrote before (its
 * last messages, its EXIT) may still wait in the socket, and taking a
 * failed write for the end would lose them and report a normal return as
 * "exited without reporting a result". So everything it sent is read and
 * routed before its EOF, hence before the reaper announces its exit (spec
 * section 2, ordering across kinds). A worker that shut only its reading
 * side is deaf, not gone: messages to it are undeliverable.
 */
static void
peer_write_failed(struct proc *p)
{
	event_del(p->conn->wev);
	p->out_closed = 1;
	peer_discard(p);	/* undeliverable now */
}

/* Write what is queued for p, as far as its socket takes it; watch for
 * room when it is full. */
static void
peer_write(struct proc *p)
{
	struct peer_conn	*c = p->conn;
	int			 n;

	while (evbuffer_get_length(c->out) > 0) {
		n = evbuffer_write(c->out, c->fd);
		if (n >= 0)
			continue;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (event_add(c->wev, NULL) != 0)
				log_warnx("%s: cannot watch its socket", p->pid);
			return;
		}
		peer_write_failed(p);
		return;
	}
}

static void
peer_write_cb(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*p = arg;

	if (!p->out_closed && !p->eof_seen)
		peer_write(p);
}

/* The end of the loop pass: every peer with new frames gets one write. */
static void
peer_flush_cb(evutil_socket_t fd, short what, void *arg)
{
	struct peer_conn	*c;

	while ((c = TAILQ_FIRST(&peer_flush_list)) != NULL) {
		TAILQ_REMOVE(&peer_flush_list, c, flush_entry);
		c->flushing = 0;
		if (!c->proc->out_closed && !c->proc->eof_seen &&
		    !event_pending(c->wev, EV_WRITE, NULL))
			peer_write(c->proc);
	}
}

/* Frames were queued for p: write them at the end of this pass. */
void
peer_flush_later(struct proc *p)
{
	struct peer_conn	*c = p->conn;

	if (c == NULL || c->flushing)
		return;
	c->flushing = 1;
	TAILQ_INSERT_TAIL(&peer_flush_list, c, flush_entry);
	event_active(peer_flush_ev, 0, 0);
}

/*
 * A worker that sent its EXIT ends its stream right after it (worker_exit):
 * one more read finds that end in this pass, where waiting for the socket
 * to say it would cost a pass through the loop on every exit.
 */
static void
peer_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*p = arg;
	ssize_t		 n;
	int		 pass;

	for (pass = 0; pass < 2; pass++) {
		n = sockread(p->conn->in, fd, SOCKREAD_MAX);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n > 0)
			mailbox_check_budget();	/* may kill p: nothing routes */
		if (n == -1 && errno != ECONNRESET)
			log_debug("%s: read: %s", p->pid, strerror(errno));
		/* Frames before the end are routed first; a pause leaves the
		 * end for when it is over (the socket says it again). */
		peer_read(p);
		if (n <= 0) {
			if (!p->pause.active && !p->eof_seen)
				peer_ended(p);	/* may free p */
			return;
		}
		if (p->exit_status == NULL || p->pause.active ||
		    p->eof_seen || p->conn == NULL || !p->conn->reading)
			return;
	}
}

/*
 * 1 when the worker's end of p's socket is closed, not only shut for
 * writing (or when we cannot tell): its process is dying, or something
 * else closed it. A process that exits closes its descriptors after the
 * kernel has set its exit code, so a crash always shows here as a close.
 */
int
peer_hung_up(struct proc *p)
{
	struct pollfd	pfd;

	if (p->conn == NULL)
		return (1);
	pfd.fd = p->conn->fd;
	pfd.events = 0;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) == -1)
		return (1);
	return ((pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0);
}

/* Largest body a worker may send: its host's message size plus room for
 * the envelope. Anything longer is refused before it is buffered. */
static uint32_t
peer_max_frame(struct proc *p)
{
	uint64_t	max = p->host->host.max_message_size + FB_ENVELOPE_MAX;

	return (max > FB_FRAME_MAX ? FB_FRAME_MAX : (uint32_t)max);
}

/*
 * Route the complete frames at the front of p's input. Those that lie in
 * its first chain (after a read, nearly all of them) are routed where they
 * are, and drained in one go; a frame across chains is made contiguous
 * first. 0 when the rest waits (more bytes, a pause), -1 when p broke the
 * protocol (killed) or is going.
 */
static int
peer_route_some(struct proc *p)
{
	struct evbuffer		*in = p->conn->in;
	struct evbuffer_iovec	 v;
	struct frame		 f;
	const char		*cause = NULL;
	size_t			 off = 0;
	int			 r = 0;

	if (evbuffer_peek(in, -1, NULL, &v, 1) < 1)
		return (0);
	while (!p->finished && p->kill_reason == NULL && !p->pause.active) {
		r = frame_parse((unsigned char *)v.iov_base + off,
		    v.iov_len - off, &f, peer_max_frame(p), FB_ENVELOPE_MAX,
		    &cause);
		if (r != 1)
			break;
		if (route_frame(p, &f, &cause) != 0) {
			r = -1;
			break;
		}
		off += FB_HDR_SIZE + (size_t)f.len;
	}
	if (r == -1) {
		proc_kill(p, "protocol", "protocol error: %s", cause);
		return (-1);
	}
	if (off > 0) {
		evbuffer_drain(in, off);
		return (1);
	}
	if (p->finished || p->kill_reason != NULL)
		return (-1);
	if (p->pause.active)
		return (0);
	/* The first frame is not in the first chain alone. */
	if ((r = frame_peek(in, &f, peer_max_frame(p), FB_ENVELOPE_MAX,
	    &cause)) == 0)
		return (0);
	if (r == 1 && route_frame(p, &f, &cause) == 0) {
		frame_drain(in, &f);
		return (1);
	}
	proc_kill(p, "protocol", "protocol error: %s", cause);
	return (-1);
}

static void
peer_read(struct proc *p)
{
	struct evbuffer	*in = p->conn->in;
	int		 r;

	/* Paused (backpressure.c): the rest waits, in order. */
	while ((r = peer_route_some(p)) == 1)
		/* nothing */;
	/* A dead or dying peer's bytes mean nothing any more. */
	if (r == -1 || p->finished || p->kill_reason != NULL)
		evbuffer_drain(in, evbuffer_get_length(in));
}

/* Empty one of p's buffers: what (for the log) is lost. */
static void
peer_drain(struct proc *p, struct evbuffer *buf, const char *what)
{
	if (evbuffer_drain(buf, evbuffer_get_length(buf)) != 0)
		log_warnx("%s: cannot drop its %s", p->pid, what);
}

/* Throw away what is queued for p and not written yet. */
void
peer_discard(struct proc *p)
{
	if (p->conn != NULL)
		peer_drain(p, p->conn->out, "queued frames");
}

/* Throw away what was read from p and not routed (it is being killed). */
void
peer_discard_unread(struct proc *p)
{
	if (p->conn != NULL)
		peer_drain(p, p->conn->in, "unread frames");
}

/* A pause is over: read again, starting with what is buffered. */
void
peer_resume(struct proc *p)
{
	struct peer_conn	*c = p->conn;

	if (c == NULL || p->eof_seen)
		return;
	if (!c->reading) {
		if (event_add(c->rev, NULL) != 0)
			log_warnx("%s: cannot read its socket again", p->pid);
		else
			c->reading = 1;
	}
	peer_read(p);
}

/* Can anything more be queued for p? */
int
peer_writable(struct proc *p)
{
	return (p->conn != NULL && !p->eof_seen && !p->out_closed);
}

/* Queue a frame; env is borrowed. The write happens at the end of the
 * loop pass, so frames queued in one pass go out in one write. */
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
	r = frame_add(p->conn->out, type, 0, ref, env, elen, payload, plen);
	if (r == 0 && type != FB_INIT)
		mailbox_queued(p, size);
	if (r == 0)
		peer_flush_later(p);
	return (r);
}

