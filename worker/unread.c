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

#include "forkbox/proto.h"
#include "worker.h"

static uint64_t	unread_in;	/* bytes of frames dispatched */
static uint64_t	unread_taken;	/* of those, taken */
static uint64_t	unread_ntaken;	/* how many frames */
static uint64_t	unread_told;	/* unread_taken as last reported */

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

/* Tell the broker what was taken: after every FB_RECEIVED_STEP bytes,
 * and whenever the process goes idle (then everything is told). */
void
unread_report(int idle)
{
	char	count[24], err[128];
	int	n;

	if (unread_taken == unread_told ||
	    (!idle && unread_taken - unread_told < FB_RECEIVED_STEP))
		return;
	n = snprintf(count, sizeof count, "%" PRIu64, unread_ntaken);
	if (conn_sendv(FB_RECEIVED, 0, unread_taken, NULL, 0, count,
	    (size_t)n, err, sizeof err) == 0)
		unread_told = unread_taken;
}
