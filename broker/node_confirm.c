/*
 * A node's last words: what it published before it closes its NATS
 * connection must have been read by the server first. Written to the
 * socket is not enough. nats-server reads a client's socket when it gets
 * to it; when a write to that client fails first (the client closed,
 * and its kernel answered with a reset), the server drops the
 * connection on the spot, and the bytes it had not read yet are gone:
 * the last messages of the node's processes and its goodbye with them,
 * so the other nodes lost it by heartbeat timeout instead ("Client
 * connection closed: Write Error" in nats-server -D; ~1 exit in 10 with
 * the server short of CPU, tests/remote-tests.sh case_last_words).
 *
 * The proof the server has read everything: a PING behind it, and its
 * PONG, which the server sends only once it handled what came before
 * the PING. natsConnection_FlushTimeout does that round trip, but waits
 * for the PONG on a condition variable, and the PONG is read by the
 * loop: called on the loop thread, it would wait out its whole timeout.
 * So it runs on a thread of its own (node_offload) while the loop goes
 * on reading and writing the socket, bounded: a wedged server does not
 * hold the exit for longer than the deadline.
 *
 * node_confirm_then is the same round trip without the wait: its answer
 * comes to a callback on the loop (a node says it serves outside
 * programs once the server has read its subscriptions, natsapi.c).
 */
#include "config.h"

#include <stdlib.h>

#include <event2/event.h>

#include "log.h"
#include "node.h"
#include "node_int.h"

struct node_confirm {
	natsConnection	*nc;
	int64_t		 ms;
	natsStatus	 st;	/* of the round trip, set by the thread */
	int		 done;	/* node_confirm_done ran */
	int		 left;	/* the waiter is gone: done frees it */
	node_confirm_fn	 then;	/* node_confirm_then's: done calls, frees */
	void		*arg;
};

/* Why a round trip that ended did not confirm. */
static const char *
node_confirm_cause(natsStatus st)
{
	return (st == NATS_TIMEOUT ? "no PONG in time" :
	    natsStatus_GetText(st));
}

/* On the offload thread: the PING, and the wait for its PONG. */
static void
node_confirm_work(void *arg)
{
	struct node_confirm	*c = arg;

	c->st = natsConnection_FlushTimeout(c->nc, c->ms);
}

/* On the loop: the round trip is over. */
static void
node_confirm_done(void *arg)
{
	struct node_confirm	*c = arg;

	c->done = 1;
	if (c->then != NULL)
		c->then(c->st == NATS_OK, c->st == NATS_OK ? NULL :
		    node_confirm_cause(c->st), c->arg);
	if (c->then != NULL || c->left)
		free(c);
}

/* The round trip started on an offload thread; NULL and why not. */
static struct node_confirm *
node_confirm_start(int64_t ms, node_confirm_fn then, void *arg,
    const char **cause)
{
	struct node_confirm	*c;

	*cause = "no connection";
	if (node_conn() == NULL || ms <= 0)
		return (NULL);
	*cause = "out of memory";
	if ((c = calloc(1, sizeof *c)) == NULL)
		return (NULL);
	c->nc = node_conn();
	c->ms = ms;
	c->then = then;
	c->arg = arg;
	if (node_offload(node_confirm_work, node_confirm_done, c) != 0) {
		free(c);
		*cause = "no thread for the round trip";
		return (NULL);
	}
	return (c);
}

int
node_confirm_then(int64_t ms, node_confirm_fn then, void *arg)
{
	const char	*cause;

	return (node_confirm_start(ms, then, arg, &cause) != NULL ? 0 : -1);
}

/* On the loop: the second bound passed. */
static void
node_confirm_expired(evutil_socket_t fd, short what, void *arg)
{
	*(int *)arg = 1;
}

/*
 * 0 when the server confirmed within ms that it read everything this
 * connection sent so far; -1 and why not. The loop runs meanwhile: the
 * caller keeps what it hands on from NATS to itself (node_conn_close).
 */
int
node_confirm(int64_t ms, const char **cause)
{
	struct node_confirm	*c;
	struct event		*deadline;
	struct timeval		 tv;
	int			 expired = 0, r;

	if ((c = node_confirm_start(ms, NULL, NULL, cause)) == NULL)
		return (-1);
	/* The thread's own timeout ends it; this is a second bound, a
	 * second later, should its answer not come back. A time, not a
	 * count of loop passes: what arrives from NATS meanwhile wakes the
	 * loop too. */
	tv.tv_sec = (time_t)(ms / 1000) + 1;
	tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
	if ((deadline = evtimer_new(node_self.base, node_confirm_expired,
	    &expired)) == NULL || evtimer_add(deadline, &tv) != 0) {
		if (deadline != NULL)
			event_free(deadline);
		c->left = 1;	/* done frees it */
		*cause = "out of memory";
		return (-1);
	}
	while (!c->done && !expired)
		event_base_loop(node_self.base, EVLOOP_ONCE);
	event_free(deadline);
	if (!c->done) {
		c->left = 1;	/* node_conn_close calls done, which frees */
		*cause = "the round trip did not end";
		return (-1);
	}
	r = c->st == NATS_OK ? 0 : -1;
	*cause = node_confirm_cause(c->st);
	free(c);
	return (r);
}
