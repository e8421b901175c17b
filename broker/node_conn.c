/*
 * The libnats connection on the broker's loop (design.md, "Beyond one
 * machine"). libnats reads and writes its socket from the loop through
 * its libevent adapter, but delivers messages and connection events on
 * its own threads: those callbacks only queue what they got (a mutex and
 * an eventfd the loop watches) and the loop thread does everything else,
 * so the process table has one thread. The queue has a byte cap: past
 * it messages are dropped and counted (node traffic is at most once).
 *
 * The frames for this node are the hot path: they skip those threads.
 * Their subscription is synchronous (node_subscribe_inline), and the
 * loop takes its messages right after libnats read the socket (our read
 * callback in place of the adapter's), so a frame costs no thread
 * switch; writes skip libnats' flusher thread (node_write.c).
 * Heartbeats are synchronous too, and pumped first: a newcomer's first
 * frame, right behind its first heartbeat, must not be taken before it
 * (node.c); a goodbye takes effect only after the frames read with it
 * (node_member_settle, at the end of each pump).
 */
#include "config.h"

#include <sys/eventfd.h>

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

/* The adapter defines its functions in the header, without prototypes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <nats/adapters/libevent.h>
#pragma GCC diagnostic pop

#include "log.h"
#include "node.h"
#include "node_int.h"

#define NODE_QUEUE_MAX	(64u * 1024 * 1024)	/* bytes waiting for the loop */
#define NODE_DONE_MAX	256		/* messages kept for one destroy */
#define NODE_DONE_BYTES	(4u * 1024 * 1024)
#define NODE_DONE_USEC	10000		/* at the latest */
/* libnats reads this much at a time (default 32 KiB): a batch of 4 KiB
 * messages (~60 KiB) then fits one read, and is not first copied
 * together from two. */
#define NODE_IOBUF	(256 * 1024)
/* Free heap kept rather than given back: a lot of messages destroyed
 * (NODE_DONE_BYTES) shrank the heap and the next lot faulted every page
 * in again, ~1 page fault per 4 KiB message received. */
#define NODE_TRIM	(2 * NODE_DONE_BYTES)

struct node_sub {
	natsSubscription	*sub;
	node_msg_fn		 fn;
	void			*arg;
	int			 inline_;	/* synchronous: node_conn_pump */
	struct node_sub		*next;
};

enum node_item_kind { NODE_ITEM_MSG, NODE_ITEM_DOWN, NODE_ITEM_UP,
    NODE_ITEM_DONE };

struct node_item {
	enum node_item_kind	 kind;
	struct node_sub		*sub;
	natsMsg			*msg;
	void			(*work)(void *);	/* NODE_ITEM_DONE */
	void			(*done)(void *);
	void			*arg;
	size_t			 bytes;
	struct node_item	*next;
};

static struct {
	natsConnection		*nc;
	natsOptions		*opts;
	struct node_sub		*subs;		/* freed at close only */
	int			 up;
	int			 closing;	/* node_conn_close: hand on no more */
	uint64_t		 unconfirmed;	/* published since NATS confirmed */
	int			 efd;
	struct event		*ev;

	pthread_mutex_t		 lock;		/* guards the rest */
	struct node_item	*head, **tail;
	size_t			 queued;	/* bytes */
	uint64_t		 overflow;	/* dropped over NODE_QUEUE_MAX */
	unsigned		 offloaded;	/* node_offload threads running */

	/* Taken messages waiting for natsMsg_Destroy (node_conn_done). */
	natsMsg			*done[NODE_DONE_MAX];
	int			 ndone;
	size_t			 done_bytes;
	struct event		*done_ev;
} nc_g = { .lock = PTHREAD_MUTEX_INITIALIZER, .efd = -1 };

void
node_prepare(void)
{
	natsLibevent_Init();	/* evthread_use_pthreads() */
}

/* Append it, under the lock; wake the loop when the queue was empty. */
static void
node_conn_push_locked(struct node_item *it)
{
	uint64_t	one = 1;
	int		wake = nc_g.head == NULL;

	*nc_g.tail = it;
	nc_g.tail = &it->next;
	nc_g.queued += it->bytes;
	if (wake && write(nc_g.efd, &one, sizeof one) < 0 && errno != EAGAIN)
		return;	/* the loop drains whenever it wakes anyway */
}

/* On a libnats thread: queue it for the loop; nothing else. */
static void
node_conn_queue(enum node_item_kind kind, struct node_sub *sub, natsMsg *msg)
{
	struct node_item	*it;
	size_t			 bytes = 0;

	if (msg != NULL)
		bytes = (size_t)natsMsg_GetDataLength(msg) + 256;
	pthread_mutex_lock(&nc_g.lock);
	if (msg != NULL && nc_g.queued + bytes > NODE_QUEUE_MAX)
		it = NULL;
	else
		it = calloc(1, sizeof *it);
	if (it == NULL) {
		nc_g.overflow++;
		pthread_mutex_unlock(&nc_g.lock);
		if (msg != NULL)
			natsMsg_Destroy(msg);
		return;
	}
	it->kind = kind;
	it->sub = sub;
	it->msg = msg;
	it->bytes = bytes;
	node_conn_push_locked(it);
	pthread_mutex_unlock(&nc_g.lock);
}

/* An offload thread: the work, then its item goes back to the loop. */
static void *
node_conn_offload_main(void *arg)
{
	struct node_item	*it = arg;

	it->work(it->arg);
	pthread_mutex_lock(&nc_g.lock);
	nc_g.offloaded--;
	node_conn_push_locked(it);
	pthread_mutex_unlock(&nc_g.lock);
	return (NULL);
}

int
node_offload(void (*work)(void *), void (*done)(void *), void *arg)
{
	struct node_item	*it;
	pthread_attr_t		 attr;
	pthread_t		 t;
	int			 r = -1;

	if (nc_g.nc == NULL || (it = calloc(1, sizeof *it)) == NULL)
		return (-1);
	it->kind = NODE_ITEM_DONE;
	it->work = work;
	it->done = done;
	it->arg = arg;
	pthread_mutex_lock(&nc_g.lock);
	if (nc_g.offloaded < NODE_OFFLOAD_MAX &&
	    pthread_attr_init(&attr) == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if ((r = pthread_create(&t, &attr, node_conn_offload_main, it))
		    == 0)
			nc_g.offloaded++;
		pthread_attr_destroy(&attr);
	}
	pthread_mutex_unlock(&nc_g.lock);
	if (r != 0) {
		free(it);
		return (-1);
	}
	return (0);
}

static void
node_conn_msg(natsConnection *nc, natsSubscription *sub, natsMsg *msg,
    void *closure)
{
	node_conn_queue(NODE_ITEM_MSG, closure, msg);
}

static void
node_conn_down_cb(natsConnection *nc, void *closure)
{
	node_conn_queue(NODE_ITEM_DOWN, NULL, NULL);
}

static void
node_conn_up_cb(natsConnection *nc, void *closure)
{
	node_conn_queue(NODE_ITEM_UP, NULL, NULL);
}

/* Destroy the messages kept by node_conn_done. */
static void
node_conn_done_flush(evutil_socket_t fd, short what, void *arg)
{
	int	i;

	for (i = 0; i < nc_g.ndone; i++)
		natsMsg_Destroy(nc_g.done[i]);
	nc_g.ndone = 0;
	nc_g.done_bytes = 0;
}

#ifdef HAVE_NATSMSG_FREE
/* libnats' own free of a message (msg.c): what its garbage collector
 * thread calls for each message handed to it. Exported, not declared. */
void	natsMsg_free(void *);
#endif

/*
 * A message of a hot subscription, handled. natsMsg_Destroy hands it to
 * libnats' garbage collector thread and wakes that thread when it is
 * idle: at a frame every so often (ping-pong), one more thread switch
 * per frame. Kept and destroyed together (NODE_DONE_MAX of them, or
 * NODE_DONE_BYTES, or after NODE_DONE_USEC), that thread wakes once per
 * lot, but then takes the collector's lock against the loop once per
 * message of the lot: at ping-pong 1.3 futex calls per frame, ~10,000
 * a second on the two brokers (perf stat -e syscalls:sys_enter_futex).
 * So where libnats exports its free, the loop frees the message itself,
 * at once: what that thread would do, with no lock and no thread. (A
 * message of a subscription is never libnats' "no destroy" kind, the
 * one natsMsg_Destroy leaves alone.)
 */
void
node_conn_done(natsMsg *msg)
{
#ifdef HAVE_NATSMSG_FREE
	natsMsg_free(msg);
#else
	struct timeval	tv = { 0, NODE_DONE_USEC };
	size_t		len = (size_t)natsMsg_GetDataLength(msg);

	if (nc_g.done_ev == NULL && (nc_g.done_ev = evtimer_new(
	    node_self.base, node_conn_done_flush, NULL)) == NULL) {
		natsMsg_Destroy(msg);
		return;
	}
	if (nc_g.ndone == NODE_DONE_MAX ||
	    nc_g.done_bytes + len > NODE_DONE_BYTES)
		node_conn_done_flush(-1, 0, NULL);
	nc_g.done[nc_g.ndone++] = msg;
	nc_g.done_bytes += len;
	if (nc_g.ndone == 1)
		evtimer_add(nc_g.done_ev, &tv);
#endif
}

/* On the loop: hand on what the synchronous subscriptions hold. */
static void
node_conn_pump(void)
{
	struct node_sub	*sub;
	natsMsg		*msg;
	natsStatus	 st;
	int		 n, dropped;
	int64_t		 lost;

	for (sub = nc_g.subs; sub != NULL; sub = sub->next) {
		if (!sub->inline_)
			continue;
		/* What is there now; a frame handled may not read more. */
		if (natsSubscription_GetPending(sub->sub, &n, NULL) != NATS_OK)
			continue;
		for (dropped = 0; n > 0; n--) {
			st = natsSubscription_NextMsg(&msg, sub->sub, 0);
			if (st == NATS_SLOW_CONSUMER && !dropped) {
				dropped = 1;	/* said once; then go on */
				n++;
				continue;
			}
			if (st != NATS_OK)
				break;
			if (nc_g.closing)
				natsMsg_Destroy(msg);
			else
				sub->fn(msg, sub->arg);	/* owns msg */
		}
		if (dropped && natsSubscription_GetDropped(sub->sub, &lost) ==
		    NATS_OK) {
			log_info("node: NATS messages dropped: the loop is "
			    "behind (%lld so far)", (long long)lost);
			node_self.counts.dropped++;
		}
	}
	if (!nc_g.closing)
		node_member_settle();
}

/* The adapter's read and write callback, and then the synchronous
 * subscriptions drained. */
static void
node_conn_io(evutil_socket_t fd, short what, void *arg)
{
	natsLibeventEvents	*nle = arg;

	if (what & EV_READ) {
		natsConnection_ProcessReadEvent(nle->nc);
		node_conn_pump();
	}
	if (what & EV_WRITE)
		natsConnection_ProcessWriteEvent(nle->nc);
}

/* libevent's adapter, with our read callback (libnats calls this on
 * connect and again on each reconnect, from its own thread then). */
static natsStatus
node_conn_attach(void **data, void *loop, natsConnection *nc,
    natsSock sock)
{
	natsLibeventEvents	*nle;
	natsStatus		 s;

	if ((s = natsLibevent_Attach(data, loop, nc, sock)) != NATS_OK)
		return (s);
	nle = *data;
	event_free(nle->read);
	nle->read = event_new(nle->loop, sock, EV_READ | EV_PERSIST,
	    node_conn_io, nle);
	if (nle->read == NULL || event_add(nle->read, NULL) != 0 ||
	    node_write_attach(nle->loop, sock) != 0)
		return (NATS_NO_MEMORY);
	return (NATS_OK);
}

static natsStatus
node_conn_detach(void *data)
{
	node_write_detach();
	return (natsLibevent_Detach(data));
}

/* On the loop: take everything queued and hand it on, in order. */
static void
node_conn_drain(evutil_socket_t fd, short what, void *arg)
{
	struct node_item	*it, *next;
	uint64_t		 n, overflow;

	if (read(nc_g.efd, &n, sizeof n) < 0 && errno != EAGAIN)
		log_warn("node: eventfd");
	pthread_mutex_lock(&nc_g.lock);
	it = nc_g.head;
	nc_g.head = NULL;
	nc_g.tail = &nc_g.head;
	nc_g.queued = 0;
	overflow = nc_g.overflow;
	nc_g.overflow = 0;
	pthread_mutex_unlock(&nc_g.lock);
	node_conn_pump();	/* also after a reconnect, whoever read */
	if (overflow != 0) {
		node_self.counts.dropped += overflow;
		log_info("node: %llu NATS messages dropped: the loop is %u "
		    "MiB behind", (unsigned long long)overflow,
		    NODE_QUEUE_MAX >> 20);
	}
	for (; it != NULL; it = next) {
		next = it->next;
		switch (it->kind) {
		case NODE_ITEM_MSG:
			if (nc_g.closing)
				natsMsg_Destroy(it->msg);
			else
				it->sub->fn(it->msg, it->sub->arg); /* owns msg */
			break;
		case NODE_ITEM_DOWN:
		case NODE_ITEM_UP:
			nc_g.up = it->kind == NODE_ITEM_UP;
			if (!nc_g.closing)
				node_member_conn(nc_g.up);
			break;
		case NODE_ITEM_DONE:
			it->done(it->arg);
			break;
		}
		free(it);
	}
}

/* The URL without a user or password in it, for messages. */
static const char *
node_conn_url_shown(const char *url, char *buf, size_t len)
{
	const char	*scheme = strstr(url, "://"), *at = strrchr(url, '@');

	if (at == NULL)
		return (url);
	if (scheme == NULL || scheme > at)
		snprintf(buf, len, "%s", at + 1);
	else
		snprintf(buf, len, "%.*s%s", (int)(scheme + 3 - url), url,
		    at + 1);
	return (buf);
}

static int
node_conn_fail(natsStatus s, const char *what, char *err, size_t errlen)
{
	natsStatus	 ls;
	const char	*last = nats_GetLastError(&ls);

	snprintf(err, errlen, "%s: %s", what,
	    last != NULL && *last != '\0' ? last : natsStatus_GetText(s));
	return (-1);
}

int
node_conn_open(struct event_base *base, const struct node_opts *o,
    char *err, size_t errlen)
{
	natsStatus	 s;
	int64_t		 ms = o->timeout_us / 1000;
	char		 shown[512], name[256], what[600];

	nc_g.head = NULL;
	nc_g.tail = &nc_g.head;
	if ((nc_g.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		return (-1);
	}
	nc_g.ev = event_new(base, nc_g.efd, EV_READ | EV_PERSIST,
	    node_conn_drain, NULL);
	if (nc_g.ev == NULL || event_add(nc_g.ev, NULL) != 0 ||
	    node_write_open(base) != 0) {
		snprintf(err, errlen, "cannot watch the NATS queue");
		return (-1);
	}
#ifdef M_TRIM_THRESHOLD
	mallopt(M_TRIM_THRESHOLD, NODE_TRIM);
#endif
	snprintf(name, sizeof name, "forkbox %s/%s", o->cluster, o->name);
	/* Pings every third of the timeout, so a silent server is noticed
	 * in time; reconnects retried forever, a few times a timeout. One
	 * delivery thread per subscription: libnats' global delivery pool
	 * leaks a subscription's close message at exit (valgrind). SendAsap
	 * on an event loop only asks for the write event (node_write.c). */
	if ((s = natsOptions_Create(&nc_g.opts)) != NATS_OK ||
	    (s = natsOptions_SetURL(nc_g.opts, o->url)) != NATS_OK ||
	    (s = natsOptions_SetName(nc_g.opts, name)) != NATS_OK ||
	    (s = natsOptions_SetNoEcho(nc_g.opts, true)) != NATS_OK ||
	    (s = natsOptions_SetSendAsap(nc_g.opts, true)) != NATS_OK ||
	    (s = natsOptions_SetIOBufSize(nc_g.opts, NODE_IOBUF)) != NATS_OK ||
	    (s = natsOptions_SetTimeout(nc_g.opts, ms < 2000 ? 2000 : ms))
	    != NATS_OK ||
	    (s = natsOptions_SetAllowReconnect(nc_g.opts, true)) != NATS_OK ||
	    (s = natsOptions_SetMaxReconnect(nc_g.opts, -1)) != NATS_OK ||
	    (s = natsOptions_SetReconnectWait(nc_g.opts,
	    ms / 6 < 50 ? 50 : ms / 6 > 1000 ? 1000 : ms / 6)) != NATS_OK ||
	    (s = natsOptions_SetPingInterval(nc_g.opts,
	    ms / 3 < 100 ? 100 : ms / 3)) != NATS_OK ||
	    (s = natsOptions_SetMaxPingsOut(nc_g.opts, 2)) != NATS_OK ||
	    (s = natsOptions_SetDisconnectedCB(nc_g.opts, node_conn_down_cb,
	    NULL)) != NATS_OK ||
	    (s = natsOptions_SetReconnectedCB(nc_g.opts, node_conn_up_cb,
	    NULL)) != NATS_OK ||
	    (s = natsOptions_SetEventLoop(nc_g.opts, base, node_conn_attach,
	    natsLibevent_Read, node_write_event, node_conn_detach))
	    != NATS_OK)
		return (node_conn_fail(s, "NATS options", err, errlen));
	if (o->creds != NULL && (s = natsOptions_SetUserCredentialsFromFiles(
	    nc_g.opts, o->creds, NULL)) != NATS_OK) {
		snprintf(what, sizeof what, "--nats-creds %s", o->creds);
		return (node_conn_fail(s, what, err, errlen));
	}
	if ((s = natsConnection_Connect(&nc_g.nc, nc_g.opts)) != NATS_OK) {
		snprintf(what, sizeof what, "cannot connect to NATS at %s",
		    node_conn_url_shown(o->url, shown, sizeof shown));
		return (node_conn_fail(s, what, err, errlen));
	}
	nc_g.up = 1;
	return (0);
}

/* The deadline of the last round trip: a wedged server holds the exit
 * no longer, and one that answers nothing in --node-timeout is lost to
 * the others anyway. */
#define NODE_CONFIRM_MIN_MS	2000

static void
node_conn_tick(evutil_socket_t fd, short what, void *arg)
{
}

/* Without the round trip: what libnats holds goes to the socket, up to
 * 20 rounds of 10 ms. What is written then may still be lost (see
 * node_confirm.c). */
static void
node_conn_write_out(void)
{
	struct timeval	 tv = { 0, 10000 };
	struct event	*tick;
	int		 i;

	if ((tick = evtimer_new(node_self.base, node_conn_tick, NULL)) == NULL)
		return;
	/* What libnats holds is written at the end of a loop pass
	 * (node_write.c); at close there may be no pass to come: write it
	 * now, then let the loop take what the socket did not. */
	node_write_now();
	for (i = 0; i < 20 && nc_g.up && natsConnection_Buffered(nc_g.nc) > 0;
	    i++) {
		evtimer_add(tick, &tv);
		event_base_loop(node_self.base, EVLOOP_ONCE);
		node_write_now();
	}
	event_free(tick);
}

/*
 * What was published reaches the server before the connection closes:
 * its processes' last messages and the goodbye (node_confirm.c). Close
 * does neither: it does not write (node_write.c) and its own flush waits
 * for a PONG the loop, blocked in it, cannot read.
 */
static void
node_conn_flush(void)
{
	int64_t		 ms = node_self.timeout_us / 1000;
	const char	*cause;

	if (ms < NODE_CONFIRM_MIN_MS)
		ms = NODE_CONFIRM_MIN_MS;
	if (!nc_g.up)
		cause = "the connection is down";
	else if (node_confirm(ms, &cause) == 0) {
		nc_g.unconfirmed = 0;
		return;
	}
	log_warnx("node %s: leaving without NATS confirming what it sent "
	    "(%s, deadline %lld ms): up to %llu NATS messages published "
	    "since it connected may be lost", node_self.name, cause,
	    (long long)ms, (unsigned long long)nc_g.unconfirmed);
	node_conn_write_out();
}

static unsigned
node_conn_offloaded(void)
{
	unsigned	n;

	pthread_mutex_lock(&nc_g.lock);
	n = nc_g.offloaded;
	pthread_mutex_unlock(&nc_g.lock);
	return (n);
}

/* Empty the handover queue at close: done callbacks called, messages
 * destroyed when the library is still open (`destroy`). */
static void
node_conn_drain_queue(int destroy)
{
	struct node_item	*it;

	pthread_mutex_lock(&nc_g.lock);
	while ((it = nc_g.head) != NULL) {
		nc_g.head = it->next;
		pthread_mutex_unlock(&nc_g.lock);
		if (it->msg != NULL && destroy)
			natsMsg_Destroy(it->msg);
		if (it->kind == NODE_ITEM_DONE)
			it->done(it->arg);
		free(it);
		pthread_mutex_lock(&nc_g.lock);
	}
	nc_g.tail = &nc_g.head;
	pthread_mutex_unlock(&nc_g.lock);
}

void
node_conn_close(void)
{
	struct node_sub		*sub;
	int			 i;

	if (nc_g.nc != NULL) {
		node_batch_flush_all();
		nc_g.closing = 1;
		node_conn_flush();
		natsConnection_Close(nc_g.nc);
	}
	node_conn_done_flush(-1, 0, NULL);
	if (nc_g.done_ev != NULL)
		event_free(nc_g.done_ev);
	nc_g.done_ev = NULL;
	node_batch_free();
	while ((sub = nc_g.subs) != NULL) {
		nc_g.subs = sub->next;
		natsSubscription_Destroy(sub->sub);
		free(sub);
	}
	natsConnection_Destroy(nc_g.nc);
	node_write_close();
	natsOptions_Destroy(nc_g.opts);
	nc_g.nc = NULL;
	nc_g.opts = NULL;
	nc_g.up = 0;
	nc_g.closing = 0;
	nc_g.unconfirmed = 0;
	/* The messages still queued are destroyed while the library is
	 * open: natsMsg_Destroy after nats_CloseAndWait reaches its freed
	 * garbage collector (a crash at exit, 1 run in ~20). */
	node_conn_drain_queue(1);
	/* libnats' threads end here, and the offloaded calls (theirs fail
	 * fast on a closed connection): nothing queues after this. */
	if (nats_CloseAndWait(2000) != NATS_OK)
		log_debug("node: libnats threads still running at exit");
	for (i = 0; i < 200 && node_conn_offloaded() > 0; i++)
		usleep(10000);
	/* What a thread queued meanwhile: its message can no longer be
	 * handed back to the closed library (left to the exit). */
	node_conn_drain_queue(0);
	if (nc_g.ev != NULL)
		event_free(nc_g.ev);
	nc_g.ev = NULL;
	if (nc_g.efd != -1)
		close(nc_g.efd);
	nc_g.efd = -1;
}

int
node_conn_up(void)
{
	return (nc_g.nc != NULL && nc_g.up);
}

size_t
node_conn_max_payload(void)
{
	int64_t	max;

	if (nc_g.nc == NULL || (max = natsConnection_GetMaxPayload(nc_g.nc)) <= 0)
		return (1024 * 1024);	/* the server's default */
	return ((size_t)max);
}

natsConnection *
node_conn(void)
{
	return (nc_g.nc);
}

static int
node_conn_subscribe(const char *subject, const char *queue, node_msg_fn fn,
    void *arg, int inline_)
{
	struct node_sub	*sub;
	natsStatus	 s;

	if (nc_g.nc == NULL || (sub = calloc(1, sizeof *sub)) == NULL)
		return (-1);
	sub->fn = fn;
	sub->arg = arg;
	sub->inline_ = inline_;
	if (inline_)
		s = natsConnection_SubscribeSync(&sub->sub, nc_g.nc, subject);
	else if (queue != NULL)
		s = natsConnection_QueueSubscribe(&sub->sub, nc_g.nc, subject,
		    queue, node_conn_msg, sub);
	else
		s = natsConnection_Subscribe(&sub->sub, nc_g.nc, subject,
		    node_conn_msg, sub);
	if (s != NATS_OK) {
		log_warnx("node: cannot subscribe to %s: %s", subject,
		    natsStatus_GetText(s));
		free(sub);
		return (-1);
	}
	sub->next = nc_g.subs;
	nc_g.subs = sub;
	return (0);
}

int
node_subscribe(const char *subject, const char *queue, node_msg_fn fn,
    void *arg)
{
	return (node_conn_subscribe(subject, queue, fn, arg, 0));
}

/* The hot subscription: its messages are handed on by the loop right
 * after it read them (node_conn_pump), in order, with no thread between. */
int
node_subscribe_inline(const char *subject, node_msg_fn fn, void *arg)
{
	return (node_conn_subscribe(subject, NULL, fn, arg, 1));
}

/* Anything published on a subject goes after the frames waiting for it
 * (node_batch.c). */
int
node_publish(const char *subject, const char *reply, const void *data,
    size_t len)
{
	node_batch_flush(subject);
	return (node_conn_publish(subject, reply, data, len));
}

int
node_conn_publish(const char *subject, const char *reply, const void *data,
    size_t len)
{
	natsStatus	s;

	if (nc_g.nc == NULL || len > (size_t)INT32_MAX)
		return (-1);
	if (reply != NULL)
		s = natsConnection_PublishRequest(nc_g.nc, subject, reply, data,
		    (int)len);
	else
		s = natsConnection_Publish(nc_g.nc, subject, data, (int)len);
	if (s != NATS_OK)
		return (-1);
	nc_g.unconfirmed++;
	return (0);
}
