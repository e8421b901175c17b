/*
 * The HTTP transport of the outside requests (cluster.md section 1):
 * http.c listens and routes, http_conn.c owns each connection's life
 * (deadlines, a client that goes away mid-call), metrics.c writes
 * GET /metrics.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>
#include <stdint.h>

struct bufferevent;
struct event_base;
struct evbuffer;
struct evhttp_request;
struct request_call;

/* A request head (and body) must arrive within this many seconds of the
 * connection, or of the previous answer on it: a client sending one byte
 * a second is closed (slow-loris). It is the keep-alive idle limit too. */
#define HTTP_HEAD_DEADLINE	5
#define HTTP_BODY_MAX		(1024 * 1024)
#define HTTP_HEADERS_MAX	(16 * 1024)

/* http.c */
int		 http_check(const char *addr, const char *token_file, char *err,
		    size_t errlen);
int		 http_open(const char *addr, const char *token_file, char *err,
		    size_t errlen);
void		 http_close(void);

/* http_token.c */
int		 http_token_load(const char *file, char *err, size_t errlen);
int		 http_token_check(struct evhttp_request *);
void		 http_token_free(void);

/* http_conn.c: one per connection, from accept to close. */
struct http_conn {
	struct bufferevent		*bev;	/* a reference of ours */
	struct evhttp_connection	*evcon;	/* once a request came */
	struct event			*deadline;
	struct event			*gone;	/* watches a call's client */
	struct evhttp_request		*req;	/* being answered */
	struct request_call		*call;	/* in flight for req */
	int				 ok_status;	/* of req's answer */
	uint64_t			 sender;	/* 0: none yet */
};

struct bufferevent *http_conn_new(struct event_base *, void *);
struct http_conn *http_conn_begin(struct evhttp_request *);
void		 http_conn_watch(struct http_conn *);
void		 http_conn_answered(struct http_conn *);
void		 http_conn_flush_all(void);
void		 http_conn_close_all(void);
size_t		 http_conn_count(void);

/* metrics.c */
int		 metrics_write(struct evbuffer *);

#endif
