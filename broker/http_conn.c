/*
 * One HTTP connection's life, around what evhttp does with it.
 *
 * evhttp reads a request with no limit on how long it takes, and stops
 * reading while a request is being answered, so on its own it neither
 * closes a client that sends one byte a second nor notices a client that
 * goes away during a long call. So each connection gets, from accept:
 *
 *  - a deadline (HTTP_HEAD_DEADLINE): a whole request must arrive within
 *    it, counted from the accept or from the previous answer; past it the
 *    connection is closed. Disarmed while a request is being answered.
 *  - while a call runs, a watch on its socket: readable with nothing to
 *    read means the client left; its call is dropped (request_drop: the
 *    process keeps its fate) and the connection freed.
 *
 * Ownership: we create each connection's bufferevent (evhttp_set_bevcb)
 * and keep a reference to it until the connection is ours no more, so it
 * cannot be freed under us before its first request tells us its
 * evhttp_connection. From then on evhttp's close callback is when the
 * connection ends; before, a connection evhttp freed (the client left)
 * is found at its deadline, by its callbacks being gone.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include "broker.h"
#include "http.h"
#include "log.h"
#include "request.h"

static struct hmap	 http_conns;	/* bufferevent address -> conn */
static int		 http_conns_init;
static time_t		 http_conns_full_said;

static void
http_conn_key(char *buf, size_t len, const struct bufferevent *bev)
{
	snprintf(buf, len, "%p", (const void *)bev);
}

/* Let go of c: its call's answer is dropped, our reference to its
 * bufferevent released (the last one closes the socket). */
static void
http_conn_release(struct http_conn *c)
{
	request_drop(c->call);
	if (c->gone != NULL)
		event_free(c->gone);
	event_free(c->deadline);
	bufferevent_decref(c->bev);
	free(c);
}

static void
http_conn_free(struct http_conn *c)
{
	char	key[32];

	http_conn_key(key, sizeof key, c->bev);
	hmap_del(&http_conns, key);
	http_conn_release(c);
}

static void
http_conn_arm(struct http_conn *c, int secs)
{
	struct timeval	tv = { secs, 0 };

	evtimer_add(c->deadline, &tv);
}

/*
 * Past the deadline: close. Before its first request we know only the
 * bufferevent: evhttp's callbacks on it say whether evhttp still has it,
 * and its argument is the connection.
 */
static void
http_conn_expired(evutil_socket_t fd, short what, void *arg)
{
	struct http_conn	*c = arg;
	bufferevent_data_cb	 rd;
	bufferevent_event_cb	 ev;
	void			*evcon;

	if (c->evcon != NULL) {
		log_debug("http: a connection sent no whole request within "
		    "%ds: closed", HTTP_HEAD_DEADLINE);
		/* Its close callback frees c. */
		evhttp_connection_free(c->evcon);
		return;
	}
	bufferevent_getcb(c->bev, &rd, NULL, &ev, &evcon);
	if (rd != NULL && evcon != NULL) {
		log_debug("http: a connection sent no request within %ds: "
		    "closed", HTTP_HEAD_DEADLINE);
		evhttp_connection_free(evcon);
	}
	http_conn_free(c);
}

/* evhttp closes the connection, for whatever reason. */
static void
http_conn_closed(struct evhttp_connection *evcon, void *arg)
{
	http_conn_free(arg);
}

/* evhttp's bufferevent callback: a new connection. One past the limit
 * is given a deadline of now. NULL lets evhttp make an untracked one;
 * only out of memory. */
struct bufferevent *
http_conn_new(struct event_base *base, void *arg)
{
	struct http_conn	*c;
	char			 key[32];
	size_t			 limit;
	int			 full;

	if (!http_conns_init) {
		hmap_init(&http_conns);
		http_conns_init = 1;
	}
	/* A quarter of the descriptor limit: workers and the control
	 * socket need the rest. */
	limit = fdlimit_share(4);
	full = http_conns.count >= limit;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return (NULL);
	c->bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	c->deadline = evtimer_new(base, http_conn_expired, c);
	if (c->bev != NULL)
		http_conn_key(key, sizeof key, c->bev);
	if (c->bev == NULL || c->deadline == NULL ||
	    hmap_put(&http_conns, key, c) != 0) {
		log_warnx("http: out of memory for a connection");
		if (c->deadline != NULL)
			event_free(c->deadline);
		if (c->bev != NULL)
			bufferevent_free(c->bev);
		free(c);
		return (NULL);
	}
	if (full && time(NULL) != http_conns_full_said) {
		/* Once a second at most: a flood must not flood the log. */
		http_conns_full_said = time(NULL);
		log_warnx("http: a quarter of the descriptor limit in "
		    "connections (%zu): closing new ones", limit);
	}
	/* One for evhttp, one for us. */
	bufferevent_incref(c->bev);
	http_conn_arm(c, full ? 0 : HTTP_HEAD_DEADLINE);
	return (c->bev);
}

/* A whole request came: it is being answered, no deadline meanwhile.
 * NULL for a connection we do not track. */
struct http_conn *
http_conn_begin(struct evhttp_request *req)
{
	struct evhttp_connection	*evcon;
	struct http_conn		*c;
	char				 key[32];

	if ((evcon = evhttp_request_get_connection(req)) == NULL ||
	    !http_conns_init)
		return (NULL);
	http_conn_key(key, sizeof key, evhttp_connection_get_bufferevent(evcon));
	if ((c = hmap_get(&http_conns, key)) == NULL)
		return (NULL);
	if (c->evcon == NULL) {
		c->evcon = evcon;
		evhttp_connection_set_closecb(evcon, http_conn_closed, c);
	}
	evtimer_del(c->deadline);
	c->req = req;
	return (c);
}

/* While a call runs the client may leave: readable with nothing to read
 * (or an error) says so. Data instead is a pipelined request, which
 * evhttp reads once this one is answered; we stop watching. */
static void
http_conn_gone(evutil_socket_t fd, short what, void *arg)
{
	struct http_conn	*c = arg;
	char			 b;
	ssize_t			 n;

	n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	if (n > 0 || (n == -1 && (errno == EAGAIN || errno == EINTR))) {
		if (n == -1)
			event_add(c->gone, NULL);
		return;
	}
	log_debug("http: a client left during its call: its answer is "
	    "dropped");
	/* Frees the request and, through the close callback, c and its
	 * call's answer. */
	evhttp_connection_free(c->evcon);
}

/* A call is in flight for c's request. */
void
http_conn_watch(struct http_conn *c)
{
	evutil_socket_t	fd = bufferevent_getfd(c->bev);

	if (c->gone == NULL && fd != -1)
		c->gone = event_new(bufferevent_get_base(c->bev), fd, EV_READ,
		    http_conn_gone, c);
	if (c->gone != NULL)
		event_add(c->gone, NULL);
}

/* evhttp has written the answer: the next request has its deadline. */
static void
http_conn_sent(struct evhttp_request *req, void *arg)
{
	http_conn_arm(arg, HTTP_HEAD_DEADLINE);
}

/* c's request is about to be answered. */
void
http_conn_answered(struct http_conn *c)
{
	if (c->gone != NULL)
		event_del(c->gone);
	c->call = NULL;
	evhttp_request_set_on_complete_cb(c->req, http_conn_sent, c);
	c->req = NULL;
}

size_t
http_conn_count(void)
{
	return (http_conns_init ? http_conns.count : 0);
}

static void
http_conn_flush_one(const char *key, void *value, void *arg)
{
	struct http_conn	*c = value;
	struct evbuffer_iovec	 v[16];
	int			 n;

	if (c->evcon == NULL)
		return;
	n = evbuffer_peek(bufferevent_get_output(c->bev), -1, NULL, v, 16);
	if (n > 0)
		(void)!writev(bufferevent_getfd(c->bev), (struct iovec *)v,
		    n > 16 ? 16 : n);
}

/* The broker is going: answers written by evhttp but not yet sent (the
 * outcomes of calls cut short by the stop) get one non-blocking try. The
 * bufferevent owns its buffer's draining: peek, do not drain. */
void
http_conn_flush_all(void)
{
	if (http_conns_init)
		hmap_foreach(&http_conns, http_conn_flush_one, NULL);
}

static void
http_conn_free_one(const char *key, void *value, void *arg)
{
	http_conn_release(value);
}

/* After evhttp_free: what is left are connections that never sent a
 * request (evhttp freed them without a word to us). */
void
http_conn_close_all(void)
{
	if (!http_conns_init)
		return;
	hmap_foreach(&http_conns, http_conn_free_one, NULL);
	hmap_clear(&http_conns);
	http_conns_init = 0;
}
