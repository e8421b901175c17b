/*
 * The requests of programs outside the broker (cluster.md section 1):
 * call, send, ps, stats. One function each; every transport (the control
 * socket, HTTP, NATS) turns its own framing into the request object and
 * hands the answer back in its own framing.
 *
 * An answer is a JSON object given to the transport's callback, which owns
 * it (json_decref when done; it may add keys, e.g. the control socket's
 * "id"). A refused request is answered {"error": TEXT, "kind": KIND}, KIND
 * one of the REQUEST_* strings below. The callback may run before the
 * request function returns (refusals, send, ps, stats) or much later (a
 * call's outcome); it never runs twice.
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <stdint.h>

#include <jansson.h>

struct app_entry;

#define REQUEST_BAD		"bad_request"	/* HTTP 400 */
#define REQUEST_UNKNOWN_ENTRY	"unknown_entry"	/* 404 */
#define REQUEST_UNKNOWN_HOST	"unknown_host"	/* 404 */
#define REQUEST_HOST_FULL	"host_full"	/* 503 */
#define REQUEST_NOT_PERMITTED	"not_permitted"	/* 403 */

#define REQUEST_TIMEOUT_DEFAULT	(30 * 1000000LL)	/* usec */

typedef void	(*request_done_fn)(json_t *answer, void *arg);

/* A call in flight, for request_drop. */
struct request_call;

/* The host a call runs on when it names none (forkbox run --host), or
 * NULL to choose as forkbox run does. */
void		 request_init(struct app_entry *default_host);
/* The broker is shutting down: calls still in flight are forgotten
 * without an answer (their processes are gone with the table). */
void		 request_close(void);

/*
 * call: {"entry": REF, "host": REF?, "args": [...]?, "timeout": D?}; D a
 * duration string or a number of milliseconds. Spawns the entry, and when
 * the process ends answers {"pid","reason":"normal","result"} or
 * {"pid","reason","error"}. Returns the call in flight, or NULL when it
 * was answered already (refused). req is borrowed.
 */
struct request_call *request_call(json_t *req, request_done_fn, void *arg);
/* The transport's client went away: no answer for this call. Its process
 * keeps its fate (it runs to its end or to the call's timeout). */
void		 request_drop(struct request_call *);
/* Calls in flight. */
size_t		 request_calls(void);

/* A number for a new outside sender: its messages come from
 * {forkbox|outside|N}. */
uint64_t	 request_sender(void);
/* send: {"to": DEST, "topic": T, "payload": V?}; answered {"ok": true}
 * once the message is handed to the router. req is borrowed. */
void		 request_send(json_t *req, uint64_t sender, request_done_fn,
		    void *arg);

/* The same, from a sender the transport names: NATS's
 * {nats|_INBOX.…}, so that the receiver can answer it. Both deliver
 * here, or to another node's process over NATS as a process's message
 * goes (remote_send.c); NATS's own sends are handed on before this
 * (natsapi_forward). */
void		 request_send_from(json_t *req, const char *from,
		    request_done_fn, void *arg);

/* ps and stats: what forkbox ps/stats --json print. */
void		 request_ps(request_done_fn, void *arg);
void		 request_stats(request_done_fn, void *arg);
void		 request_nodes(request_done_fn, void *arg);

/* An answer {"error": TEXT, "kind": KIND} (NULL only out of memory). */
json_t		*request_refusal(const char *kind, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* status.c: the bodies of ps and stats, and the counters behind them. */
void		 status_init(void);
json_t		*status_ps(void);
json_t		*status_stats(void);
json_t		*status_nodes(void);

#endif
