/*
 * The worker's share of its mailbox (spec section 6, mailbox_limit): the
 * frames read from the broker (messages, events, replies) that Lua code
 * has not taken yet. A frame is counted when it is dispatched and taken
 * when it is received from its channel, dropped, or (a reply) handed to
 * the task that asked. The broker learns what was taken (FB_RECEIVED),
 * so what waits here counts in the mailbox as what waits in the broker
 * does; and conn.c stops reading the socket while too much waits here,
 * so that the rest stays with the broker.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "log.h"
#include "worker.h"

/* An idle process tells this long after it took something, not at once:
 * a ping-pong would otherwise add a frame to every round trip. */
#define UNREAD_IDLE_DELAY_US	5000

static uint64_t		 unread_in;	/* bytes of frames dispatched */
static uint64_t		 unread_taken;	/* of those, taken */
static uint64_t		 unread_ntaken;	/* how many frames */
static uint64_t		 unread_told;	/* unread_taken as last reported */
static struct event	*unread_timer;

/* A frame of `size` bytes (header included) was dispatched. */
void
unread_add(size_t size)
{
	unread_in += size;
}

/* n frames, size bytes in all, were taken. */
void
unread_take(uint64_t size, uint64_t n)
{
	unread_taken += size;
	unread_ntaken += n;
}

/* Bytes dispatched and not taken yet. */
uint64_t
unread_held(void)
{
	return (unread_in - unread_taken);
}

/* Queue an FB_RECEIVED with everything taken so far. */
static void
unread_tell(void)
{
	char	count[24], err[128];
	int	n;

	if (unread_taken == unread_told)
		return;
	n = snprintf(count, sizeof count, "%" PRIu64, unread_ntaken);
	if (conn_sendv(FB_RECEIVED, 0, unread_taken, NULL, 0, count,
	    (size_t)n, err, sizeof err) == 0)
		unread_told = unread_taken;
}

static void
unread_idle_cb(evutil_socket_t fd, short what, void *arg)
{
	unread_tell();
	conn_flush();
}

/* Tell the broker what was taken: after every FB_RECEIVED_STEP bytes,
 * and soon after the process goes idle (then everything is told). */
void
unread_report(int idle)
{
	struct timeval	tv = { 0, UNREAD_IDLE_DELAY_US };

	if (unread_taken == unread_told)
		return;
	if (unread_taken - unread_told >= FB_RECEIVED_STEP) {
		unread_tell();
		return;
	}
	if (!idle)
		return;
	if (unread_timer == NULL && (unread_timer = evtimer_new(worker.base,
	    unread_idle_cb, NULL)) == NULL)
		fatalx("out of memory");
	if (!evtimer_pending(unread_timer, NULL) &&
	    evtimer_add(unread_timer, &tv) != 0)
		fatalx("cannot add a timer");
}
