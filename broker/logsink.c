/*
 * The broker's log writer: lines go to stderr through a bounded buffer
 * and a descriptor that never blocks, so a slow or stalled log reader
 * (a pipe nobody drains, a terminal on hold) costs lines, never the
 * loop's time. Lines that do not fit are counted; once the buffer has
 * drained, one line says how many were lost, and forkbox stats counts
 * them all.
 *
 * The descriptor: O_NONBLOCK is a property of the open file, which fd 2
 * shares with the parent (the shell, a terminal), so it is never set on
 * fd 2 itself. For a pipe, a FIFO or a terminal the broker opens its own
 * file through /proc/self/fd/2 and sets O_NONBLOCK there; a socket is
 * written with MSG_DONTWAIT; a regular file (which never blocks for
 * long) is written as it is. Where /proc cannot help, fd 2 is written
 * only as far as poll says it takes at once (PIPE_BUF bytes).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "broker.h"
#include "log.h"

#define LOGSINK_BUF_MAX		(1024 * 1024)	/* bytes waiting, at most */
#define LOGSINK_EXIT_WAIT_MS	2000	/* to flush what is left at exit */

enum logsink_mode {
	LOGSINK_OWN,		/* our own O_NONBLOCK open of stderr */
	LOGSINK_SOCKET,		/* fd 2 with MSG_DONTWAIT */
	LOGSINK_FILE,		/* fd 2, a regular file */
	LOGSINK_POLL,		/* fd 2, PIPE_BUF at a time when poll says */
};

static struct {
	int			 fd;
	enum logsink_mode	 mode;
	struct evbuffer		*buf;
	struct event		*wev;
	uint64_t		 dropped;	/* since the last notice */
	uint64_t		 dropped_total;
	int			 broken;	/* the reader is gone */
} logsink = { .fd = -1 };

static void
logsink_open(void)
{
	struct stat	sb;
	int		fd;

	logsink.fd = STDERR_FILENO;
	logsink.mode = LOGSINK_POLL;
	if (fstat(STDERR_FILENO, &sb) == -1)
		return;
	if (S_ISREG(sb.st_mode)) {
		logsink.mode = LOGSINK_FILE;
		return;
	}
	if (S_ISSOCK(sb.st_mode)) {
		logsink.mode = LOGSINK_SOCKET;
		return;
	}
	fd = open("/proc/self/fd/2", O_WRONLY | O_NONBLOCK | O_CLOEXEC |
	    O_NOCTTY);
	if (fd != -1) {
		logsink.fd = fd;
		logsink.mode = LOGSINK_OWN;
	}
}

/* One write of what is buffered, as far as the reader takes it without
 * waiting. Returns bytes written, 0 when it would block, -1 when the
 * reader is gone. */
static ssize_t
logsink_write_some(void)
{
	struct pollfd		 pfd = { logsink.fd, POLLOUT, 0 };
	struct evbuffer_iovec	 v;
	size_t			 len;
	ssize_t			 n;

	/* The first contiguous piece: no copy of the rest. */
	if (evbuffer_peek(logsink.buf, -1, NULL, &v, 1) < 1 ||
	    (len = v.iov_len) == 0)
		return (0);
	if (logsink.mode == LOGSINK_POLL) {
		if (poll(&pfd, 1, 0) != 1 || !(pfd.revents & POLLOUT))
			return (0);
		if (len > PIPE_BUF)
			len = PIPE_BUF;
	}
	if (logsink.mode == LOGSINK_SOCKET)
		n = send(logsink.fd, v.iov_base, len, MSG_DONTWAIT |
		    MSG_NOSIGNAL);
	else
		n = write(logsink.fd, v.iov_base, len);
	if (n > 0) {
		evbuffer_drain(logsink.buf, (size_t)n);
		return (n);
	}
	if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		return (0);
	return (-1);
}

/* The line that says how many were lost, once there is room to say it. */
static void
logsink_notice(void)
{
	if (logsink.dropped == 0 || evbuffer_get_length(logsink.buf) != 0)
		return;
	evbuffer_add_printf(logsink.buf, "forkbox: %llu log line%s dropped "
	    "(log sink too slow)\n", (unsigned long long)logsink.dropped,
	    logsink.dropped == 1 ? "" : "s");
	logsink.dropped = 0;
}

/* Write what the reader takes now; wait for it (the write event) when
 * something is left. */
static void
logsink_flush(void)
{
	ssize_t	n;

	for (;;) {
		while ((n = logsink_write_some()) > 0)
			;
		if (n == -1) {
			/* Nobody reads: nothing more to say, ever. */
			logsink.broken = 1;
			evbuffer_drain(logsink.buf,
			    evbuffer_get_length(logsink.buf));
			return;
		}
		if (evbuffer_get_length(logsink.buf) > 0 ||
		    logsink.dropped == 0)
			break;
		logsink_notice();
	}
	if (evbuffer_get_length(logsink.buf) > 0 && logsink.wev != NULL &&
	    !event_pending(logsink.wev, EV_WRITE, NULL))
		event_add(logsink.wev, NULL);
}

static void
logsink_writable(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	logsink_flush();
}

/* One line, "tag: text\n"; text is already escaped. Dropped, and
 * counted, when the buffer is full, unless must is set. */
static void
logsink_add(const char *tag, const char *text, size_t len, int must)
{
	size_t	need = strlen(tag) + 2 + len + 1;

	if (logsink.buf == NULL) {
		fprintf(stderr, "%s: %.*s\n", tag, (int)len, text);
		return;
	}
	if (logsink.broken)
		return;
	if (!must && evbuffer_get_length(logsink.buf) + need >
	    LOGSINK_BUF_MAX) {
		logsink.dropped++;
		logsink.dropped_total++;
		return;
	}
	if (evbuffer_add_printf(logsink.buf, "%s: %.*s\n", tag, (int)len,
	    text) == -1) {
		logsink.dropped++;
		logsink.dropped_total++;
		return;
	}
	if (logsink.wev == NULL || !event_pending(logsink.wev, EV_WRITE, NULL))
		logsink_flush();
}

void
logsink_line(const char *tag, const char *text, size_t len)
{
	logsink_add(tag, text, len, 0);
}

/* A line the buffer takes even when full, in order after the others:
 * the few a command must not lose (forkbox run's error, once). */
void
logsink_line_must(const char *tag, const char *text, size_t len)
{
	logsink_add(tag, text, len, 1);
}

/* log.c's sink: the broker's own lines. */
static void
logsink_log(const char *text, size_t len)
{
	logsink_line("forkbox", text, len);
}

uint64_t
logsink_dropped(void)
{
	return (logsink.dropped_total);
}

static long long
logsink_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Write what is left, waiting for the reader at most
 * LOGSINK_EXIT_WAIT_MS: a stalled reader must not hold the exit. */
static void
logsink_drain(void)
{
	struct pollfd	 pfd;
	long long	 deadline = logsink_ms() + LOGSINK_EXIT_WAIT_MS, left;
	ssize_t		 n;

	if (logsink.buf == NULL)
		return;
	while (!logsink.broken && (evbuffer_get_length(logsink.buf) > 0 ||
	    logsink.dropped > 0)) {
		logsink_notice();
		if ((n = logsink_write_some()) == -1)
			break;
		if (n > 0)
			continue;
		if ((left = deadline - logsink_ms()) <= 0)
			break;
		pfd.fd = logsink.fd;
		pfd.events = POLLOUT;
		(void)poll(&pfd, 1, (int)left);
	}
}

static void
logsink_atexit(void)
{
	logsink_drain();
}

/* From here on the broker's log (its own lines and print output) goes
 * through the buffer; the loop writes it as the reader takes it. */
void
logsink_start(struct event_base *base)
{
	static int	registered;

	if (logsink.buf != NULL)
		return;
	if ((logsink.buf = evbuffer_new()) == NULL)
		fatalx("cannot buffer the log");
	logsink_open();
	if (logsink.mode != LOGSINK_FILE && (logsink.wev = event_new(base,
	    logsink.fd, EV_WRITE, logsink_writable, NULL)) == NULL)
		fatalx("cannot watch the log");
	log_set_sink(logsink_log);
	if (!registered && atexit(logsink_atexit) == 0)
		registered = 1;	/* fatal() exits without logsink_stop */
}

/* Flush what is left (bounded) and write straight to stderr again. */
void
logsink_stop(void)
{
	if (logsink.buf == NULL)
		return;
	logsink_drain();
	log_set_sink(NULL);
	if (logsink.wev != NULL)
		event_free(logsink.wev);
	logsink.wev = NULL;
	evbuffer_free(logsink.buf);
	logsink.buf = NULL;
	if (logsink.fd != STDERR_FILENO)
		close(logsink.fd);
	logsink.fd = -1;
	logsink.broken = 0;
}
