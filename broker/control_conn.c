/*
 * One connection to the control socket: JSON lines in, JSON lines out
 * (docs/protocol.md). Each line is a request {"op": ..., "id": ...};
 * requests are handed to request.c as they arrive, so a client may
 * pipeline many, and each answer is written when it is ready, with the
 * request's "id", in completion order.
 *
 * Bounds: a line over CONTROL_CONN_LINE_MAX is answered with an error and
 * the connection closed (there is no telling where the next request
 * starts); a client that lets more than CONTROL_CONN_OUT_MAX of answers
 * pile up unread is closed. A client that goes away drops its calls'
 * answers; their processes keep their fate (request_drop).
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/uio.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "broker.h"
#include "log.h"
#include "request.h"

#define CONTROL_CONN_LINE_MAX	(1024 * 1024)		/* a request line */
#define CONTROL_CONN_OUT_MAX	(16 * 1024 * 1024)	/* unread answers */
#define CONTROL_CONN_WRITE_TIMEOUT 60	/* seconds without a byte taken */

struct control_conn;

/* A request whose answer is not written yet. */
struct control_conn_req {
	struct control_conn			*conn;
	struct request_call			*call;	/* a call in flight */
	json_t					*id;	/* echoed; may be NULL */
	TAILQ_ENTRY(control_conn_req)		 entry;
};

struct control_conn {
	struct bufferevent			*bev;
	int					 refused;	/* another uid */
	int					 closing;	/* once written */
	int					 reading;	/* in control_conn_read */
	int					 dead;		/* free after it */
	uint64_t				 sender;	/* 0: none yet */
	TAILQ_HEAD(, control_conn_req)		 reqs;
	TAILQ_ENTRY(control_conn)		 entry;
};
static TAILQ_HEAD(, control_conn) control_conns =
    TAILQ_HEAD_INITIALIZER(control_conns);
static size_t			 control_conn_n;

/* No answer will be written for what c asked: its calls are dropped
 * (request_drop), and forgotten here. */
static void
control_conn_drop(struct control_conn *c)
{
	struct control_conn_req	*r;

	while ((r = TAILQ_FIRST(&c->reqs)) != NULL) {
		TAILQ_REMOVE(&c->reqs, r, entry);
		request_drop(r->call);
		json_decref(r->id);
		free(r);
	}
}

static void
control_conn_free(struct control_conn *c)
{
	control_conn_drop(c);
	TAILQ_REMOVE(&control_conns, c, entry);
	control_conn_n--;
	bufferevent_free(c->bev);
	free(c);
}

/* Close now, or, inside its read callback, once that returns. */
static void
control_conn_close(struct control_conn *c)
{
	if (c->reading)
		c->dead = 1;
	else
		control_conn_free(c);
}

/* Write what is queued, then close; answers still to come are dropped. */
static void
control_conn_linger(struct control_conn *c)
{
	c->closing = 1;
	bufferevent_disable(c->bev, EV_READ);
	control_conn_drop(c);
	if (evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
		control_conn_close(c);
}

/* Queue one answer line. Takes answer. */
static void
control_conn_write(struct control_conn *c, json_t *answer)
{
	struct evbuffer	*out = bufferevent_get_output(c->bev);
	char		*text;
	int		 r;

	if (c->closing || c->dead) {
		json_decref(answer);
		return;
	}
	if (evbuffer_get_length(out) > CONTROL_CONN_OUT_MAX) {
		log_warnx("control socket: a client left over %d MiB of "
		    "answers unread: closed", CONTROL_CONN_OUT_MAX >> 20);
		json_decref(answer);
		control_conn_close(c);
		return;
	}
	text = json_dumps(answer, JSON_COMPACT);
	json_decref(answer);
	r = text != NULL ? evbuffer_add_printf(out, "%s\n", text) : -1;
	free(text);
	if (r == -1) {
		log_warnx("control socket: out of memory for an answer");
		control_conn_close(c);
	}
}

/* request.c's callback: the answer to r, whenever it is ready. */
static void
control_conn_answer(json_t *answer, void *arg)
{
	struct control_conn_req	*r = arg;
	struct control_conn	*c = r->conn;

	TAILQ_REMOVE(&c->reqs, r, entry);
	if (r->id != NULL &&
	    json_object_set_new(answer, "id", r->id) == 0)
		r->id = NULL;
	json_decref(r->id);
	free(r);
	control_conn_write(c, answer);
}

/* A request line that has no answer from request.c. */
static void
control_conn_refuse(struct control_conn *c, json_t *id, const char *kind,
    const char *text)
{
	json_t	*a = request_refusal(kind, "%s", text);

	if (a != NULL && id != NULL)
		json_object_set(a, "id", id);
	if (a != NULL)
		control_conn_write(c, a);
	else
		control_conn_close(c);
}

enum control_conn_op { CONTROL_CONN_CALL, CONTROL_CONN_SEND, CONTROL_CONN_PS,
    CONTROL_CONN_STATS, CONTROL_CONN_NODES };
static const char *const control_conn_ops[] = { "call", "send", "ps",
    "stats", "nodes", NULL };

/* Hand one parsed request to request.c; req is ours. */
static void
control_conn_dispatch(struct control_conn *c, json_t *req)
{
	struct control_conn_req	*r;
	struct request_call	*call;
	json_t			*id = json_object_get(req, "id");
	const char		*op = json_string_value(json_object_get(req,
				    "op"));
	int			 i;

	for (i = 0; op != NULL && control_conn_ops[i] != NULL; i++)
		if (strcmp(op, control_conn_ops[i]) == 0)
			break;
	if (op == NULL || control_conn_ops[i] == NULL) {
		control_conn_refuse(c, id, REQUEST_BAD, op == NULL ? "\"op\" "
		    "missing or not a string (call, send, ps, stats or nodes)" :
		    "unknown op (expected call, send, ps, stats or nodes)");
		return;
	}
	if ((r = calloc(1, sizeof *r)) == NULL) {
		control_conn_refuse(c, id, REQUEST_HOST_FULL, "out of memory");
		return;
	}
	r->conn = c;
	r->id = id != NULL ? json_incref(id) : NULL;
	TAILQ_INSERT_TAIL(&c->reqs, r, entry);
	/* The rest of the object is the request itself. */
	json_object_del(req, "op");
	json_object_del(req, "id");
	switch (i) {
	case CONTROL_CONN_CALL:
		/* r is freed already when the answer came at once. */
		if ((call = request_call(req, control_conn_answer, r)) != NULL)
			r->call = call;
		break;
	case CONTROL_CONN_SEND:
		if (c->sender == 0)
			c->sender = request_sender();
		request_send(req, c->sender, control_conn_answer, r);
		break;
	case CONTROL_CONN_PS:
		request_ps(control_conn_answer, r);
		break;
	case CONTROL_CONN_NODES:
		request_nodes(control_conn_answer, r);
		break;
	default:
		request_stats(control_conn_answer, r);
		break;
	}
}

/* One line: a JSON object, else a bad request. */
static void
control_conn_line(struct control_conn *c, const char *line, size_t len)
{
	json_t		*req;
	json_error_t	 jerr;
	char		 buf[256];

	if (c->refused) {
		control_conn_refuse(c, NULL, REQUEST_NOT_PERMITTED,
		    "permission denied: not the broker's user");
		control_conn_linger(c);
		return;
	}
	if ((req = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL) {
		snprintf(buf, sizeof buf, "malformed JSON: %s (column %d)",
		    jerr.text, jerr.column);
		control_conn_refuse(c, NULL, REQUEST_BAD, buf);
		return;
	}
	if (!json_is_object(req)) {
		json_decref(req);
		control_conn_refuse(c, NULL, REQUEST_BAD, "a request is a JSON "
		    "object");
		return;
	}
	control_conn_dispatch(c, req);
	json_decref(req);
}

static void
control_conn_read(struct bufferevent *bev, void *arg)
{
	struct control_conn	*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);
	struct evbuffer_ptr	 eol;
	size_t			 n;
	char			*line;

	c->reading = 1;
	while (!c->dead && !c->closing) {
		eol = evbuffer_search_eol(in, NULL, NULL, EVBUFFER_EOL_LF);
		n = eol.pos != -1 ? (size_t)eol.pos : evbuffer_get_length(in);
		if (n > CONTROL_CONN_LINE_MAX) {
			control_conn_refuse(c, NULL, REQUEST_BAD, "request "
			    "line over 1 MiB: closing the connection");
			control_conn_linger(c);
			break;
		}
		if (eol.pos == -1)
			break;
		if ((line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF)) ==
		    NULL) {
			control_conn_close(c);
			break;
		}
		/* An empty line is no request: keep-alive for humans. */
		if (n > 0)
			control_conn_line(c, line, n);
		free(line);
	}
	c->reading = 0;
	if (c->dead)
		control_conn_free(c);
}

static void
control_conn_written(struct bufferevent *bev, void *arg)
{
	struct control_conn	*c = arg;

	if (c->closing)
		control_conn_close(c);
}

/* EOF, an error or a write that made no progress: the client is gone. */
static void
control_conn_event(struct bufferevent *bev, short what, void *arg)
{
	control_conn_close(arg);
}

/* Serve a new connection; fd is ours. refused: another user's, answered
 * with a refusal. */
void
control_conn_new(int fd, int refused)
{
	struct control_conn	*c;
	struct timeval		 tv = { CONTROL_CONN_WRITE_TIMEOUT, 0 };

	if ((c = calloc(1, sizeof *c)) == NULL ||
	    (c->bev = bufferevent_socket_new(broker->base, fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL) {
		log_warnx("control socket: out of memory");
		free(c);
		close(fd);
		return;
	}
	c->refused = refused;
	TAILQ_INIT(&c->reqs);
	TAILQ_INSERT_TAIL(&control_conns, c, entry);
	control_conn_n++;
	bufferevent_setcb(c->bev, control_conn_read, control_conn_written,
	    control_conn_event, c);
	/* No read timeout: a client may wait long for its calls. */
	bufferevent_set_timeouts(c->bev, NULL, &tv);
	/* Read no further than one line over the limit. */
	bufferevent_setwatermark(c->bev, EV_READ, 0, CONTROL_CONN_LINE_MAX + 2);
	bufferevent_enable(c->bev, EV_READ);
}

size_t
control_conn_count(void)
{
	return (control_conn_n);
}

/* The broker is going: a last try to write what is queued, then close. */
void
control_conn_close_all(void)
{
	struct control_conn	*c;

	struct evbuffer_iovec	 v[16];
	int			 n;

	while ((c = TAILQ_FIRST(&control_conns)) != NULL) {
		/* The bufferevent owns its buffer's draining: peek, and one
		 * non-blocking write. */
		n = evbuffer_peek(bufferevent_get_output(c->bev), -1, NULL, v,
		    16);
		if (n > 0)
			(void)!writev(bufferevent_getfd(c->bev),
			    (struct iovec *)v, n > 16 ? 16 : n);
		control_conn_free(c);
	}
}
