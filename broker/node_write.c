/*
 * How what libnats holds reaches the NATS socket. libnats buffers every
 * publish and then asks for the loop's write event (SendAsap: no flusher
 * thread), or, without SendAsap, wakes its flusher thread, which sleeps
 * 1 ms, takes the connection's lock and asks for it then: two futex
 * wakes and a thread switch or three per few frames, with the loop
 * contending for that lock. And each write event asked for and then
 * removed is two epoll_ctl calls.
 *
 * So a request from the loop thread itself only marks that something
 * waits, and the pass of the loop ends by writing it without blocking
 * (node_write_now): a lone frame leaves in the pass that made it, with
 * no system call but the send. Only what the socket did not take waits
 * for a real write event. Requests from libnats' own threads (its pings,
 * a reconnect's pending data) go straight to the write event, which
 * wakes the loop as before. A publish never writes inside itself, so a
 * full socket never blocks the loop.
 */
#include "config.h"

#include <pthread.h>

#include <event2/event.h>

#include "log.h"
#include "node.h"
#include "node_int.h"

static struct {
	pthread_t	 loop;		/* the thread that runs the base */
	struct event	*soon;		/* the end of this pass */
	int		 soon_active;

	/* libnats attaches a new socket from its reconnect thread. */
	pthread_mutex_t	 lock;
	struct event	*ev;		/* the socket's write event */
} nw_g = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* Write what libnats holds, as far as the socket takes it now. Never
 * with nothing held: libnats takes a write of 0 bytes for a closed
 * socket. */
void
node_write_now(void)
{
	natsConnection	*nc = node_conn();

	if (nc != NULL && natsConnection_Buffered(nc) > 0)
		natsConnection_ProcessWriteEvent(nc);
}

/* Watch the socket for writing (add), or stop. */
static void
node_write_watch(int add)
{
	pthread_mutex_lock(&nw_g.lock);
	if (nw_g.ev != NULL && add && event_add(nw_g.ev, NULL) != 0)
		log_warnx("node: cannot watch the NATS socket for writing");
	if (nw_g.ev != NULL && !add)
		event_del_noblock(nw_g.ev);
	pthread_mutex_unlock(&nw_g.lock);
}

/* Connected: not when a write just failed, libnats stopped watching
 * that socket and a new one is to come (its reconnect asks again). */
static int
node_write_connected(natsConnection *nc)
{
	return (nc != NULL &&
	    natsConnection_Status(nc) == NATS_CONN_STATUS_CONNECTED);
}

/* The pass's end: write; the rest on the write event. */
static void
node_write_pass_end(evutil_socket_t fd, short what, void *arg)
{
	natsConnection	*nc = node_conn();

	nw_g.soon_active = 0;
	node_write_now();
	if (nc != NULL && natsConnection_Buffered(nc) > 0 &&
	    node_write_connected(nc))
		node_write_watch(1);
}

/* The socket takes more. */
static void
node_write_ready(evutil_socket_t fd, short what, void *arg)
{
	if (node_write_connected(node_conn()))
		node_write_now();
	else
		node_write_watch(0);	/* an old socket */
}

int
node_write_open(struct event_base *base)
{
	nw_g.loop = pthread_self();
	nw_g.soon_active = 0;
	nw_g.soon = event_new(base, -1, 0, node_write_pass_end, NULL);
	return (nw_g.soon == NULL ? -1 : 0);
}

/* A new socket (on connect and each reconnect, under libnats' lock). */
int
node_write_attach(struct event_base *base, int sock)
{
	struct event	*ev;

	if ((ev = event_new(base, sock, EV_WRITE | EV_PERSIST,
	    node_write_ready, NULL)) == NULL)
		return (-1);
	pthread_mutex_lock(&nw_g.lock);
	if (nw_g.ev != NULL)
		event_free(nw_g.ev);
	nw_g.ev = ev;
	pthread_mutex_unlock(&nw_g.lock);
	return (0);
}

void
node_write_detach(void)
{
	pthread_mutex_lock(&nw_g.lock);
	if (nw_g.ev != NULL)
		event_free(nw_g.ev);
	nw_g.ev = NULL;
	pthread_mutex_unlock(&nw_g.lock);
}

/* libnats' write callback (natsOptions_SetEventLoop), called under its
 * connection's lock, from any of its threads. */
natsStatus
node_write_event(void *data, bool add)
{
	int	r = 0;

	if (add && pthread_equal(pthread_self(), nw_g.loop) &&
	    nw_g.soon != NULL) {
		if (!nw_g.soon_active) {
			nw_g.soon_active = 1;
			event_active(nw_g.soon, EV_TIMEOUT, 0);
		}
		return (NATS_OK);
	}
	pthread_mutex_lock(&nw_g.lock);
	if (nw_g.ev != NULL)
		r = add ? event_add(nw_g.ev, NULL) : event_del_noblock(nw_g.ev);
	pthread_mutex_unlock(&nw_g.lock);
	return (r == 0 ? NATS_OK : NATS_ERR);
}

void
node_write_close(void)
{
	node_write_detach();
	if (nw_g.soon != NULL)
		event_free(nw_g.soon);
	nw_g.soon = NULL;
	nw_g.soon_active = 0;
}
