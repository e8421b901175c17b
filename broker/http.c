/*
 * forkbox run --http ADDR: the outside requests over HTTP, with
 * libevent's evhttp (cluster.md section 1, docs/protocol.md). Routes:
 *
 *   POST /v1/call/ENTRY?host=H&timeout=D   body: the args array
 *   POST /v1/send                          body: the send object
 *   GET  /v1/ps, /v1/stats, /metrics
 *
 * Each route turns the HTTP request into request.c's request and the
 * answer into a status: 200 a call's outcome (normal or not), 202 a send
 * accepted, and a refusal by its kind (400, 404, 503 with Retry-After,
 * 403). A call holds nothing but its row in request.c: the answer is sent
 * from request.c's callback. With --http-token-file every request needs
 * "Authorization: Bearer TOKEN" (401 otherwise); without one only a
 * loopback address or a unix socket may be served.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>

#include "broker.h"
#include "http.h"
#include "log.h"
#include "request.h"

#define HTTP_TIMEOUT		60	/* seconds a write may stall */
#define HTTP_BACKLOG		512

static struct evhttp	*http_server;
static char		 http_unix_path[108];	/* sun_path; to unlink */

/* ADDR split: unix:PATH, or HOST:PORT (HOST may be [v6]). */
struct http_addr {
	char	path[108];	/* unix: */
	char	host[256];
	char	port[16];
};

static int
http_addr_parse(const char *addr, struct http_addr *a, char *err,
    size_t errlen)
{
	const char	*colon;
	size_t		 hl;

	memset(a, 0, sizeof *a);
	if (strncmp(addr, "unix:", 5) == 0) {
		if (addr[5] == '\0' || (size_t)snprintf(a->path,
		    sizeof a->path, "%s", addr + 5) >= sizeof a->path) {
			snprintf(err, errlen, "--http %s: an empty or too long "
			    "socket path", addr);
			return (-1);
		}
		return (0);
	}
	if ((colon = strrchr(addr, ':')) == NULL || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    strlen(colon + 1) >= sizeof a->port || atoi(colon + 1) > 65535) {
		snprintf(err, errlen, "--http %s: expected HOST:PORT or "
		    "unix:PATH", addr);
		return (-1);
	}
	hl = (size_t)(colon - addr);
	if (hl >= 2 && addr[0] == '[' && addr[hl - 1] == ']') {
		addr++;
		hl -= 2;
	}
	if (hl == 0 || hl >= sizeof a->host) {
		snprintf(err, errlen, "--http %s: name a host, e.g. "
		    "127.0.0.1:8080", addr);
		return (-1);
	}
	memcpy(a->host, addr, hl);
	memcpy(a->port, colon + 1, strlen(colon + 1));
	return (0);
}

static int
http_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in	*sin = (const void *)sa;
	const struct sockaddr_in6	*sin6 = (const void *)sa;

	if (sa->sa_family == AF_INET)
		return ((ntohl(sin->sin_addr.s_addr) >> 24) == 127);
	if (sa->sa_family == AF_INET6)
		return (IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr));
	return (0);
}

static struct addrinfo *
http_resolve(const struct http_addr *a, char *err, size_t errlen)
{
	struct addrinfo	 hints, *res;
	int		 e;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if ((e = getaddrinfo(a->host, a->port, &hints, &res)) != 0) {
		snprintf(err, errlen, "--http %s:%s: %s", a->host, a->port,
		    gai_strerror(e));
		return (NULL);
	}
	return (res);
}

/* The start-up rule: without a token, loopback or a unix socket only. */
int
http_check(const char *addr, const char *token_file, char *err,
    size_t errlen)
{
	struct http_addr	 a;
	struct addrinfo		*res;
	int			 ok;

	if (http_addr_parse(addr, &a, err, errlen) != 0)
		return (-1);
	if (a.path[0] != '\0' || token_file != NULL)
		return (0);
	if ((res = http_resolve(&a, err, errlen)) == NULL)
		return (-1);
	ok = http_loopback(res->ai_addr);
	freeaddrinfo(res);
	if (!ok) {
		snprintf(err, errlen, "--http %s is not a loopback address: "
		    "serving it needs --http-token-file", addr);
		return (-1);
	}
	return (0);
}

/* Reply with a JSON body (taken). */
static void
http_reply(struct evhttp_request *req, int status, json_t *body)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);
	struct evbuffer		*out = evhttp_request_get_output_buffer(req);
	char			*text;

	text = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (text == NULL) {
		status = 503;
		text = strdup("{\"error\":\"out of memory\",\"kind\":"
		    "\"host_full\"}");
	}
	evhttp_add_header(h, "Content-Type", "application/json");
	if (status == 503)
		evhttp_add_header(h, "Retry-After", "1");
	if (status == 401)
		evhttp_add_header(h, "WWW-Authenticate", "Bearer");
	if (text != NULL)
		evbuffer_add_printf(out, "%s\n", text);
	free(text);
	evhttp_send_reply(req, status, NULL, NULL);
}

static void
http_refuse(struct evhttp_request *req, int status, const char *kind,
    const char *text)
{
	http_reply(req, status, request_refusal(kind, "%s", text));
}

/* The status of request.c's answer: a refusal by its kind. */
static int
http_status(json_t *answer, int ok)
{
	static const struct {
		const char	*kind;
		int		 status;
	} map[] = {
		{ REQUEST_BAD, 400 },
		{ REQUEST_UNKNOWN_ENTRY, 404 },
		{ REQUEST_UNKNOWN_HOST, 404 },
		{ REQUEST_HOST_FULL, 503 },
		{ REQUEST_NOT_PERMITTED, 403 },
	};
	const char	*kind = json_string_value(json_object_get(answer,
			    "kind"));
	size_t		 i;

	if (kind == NULL)
		return (ok);
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(kind, map[i].kind) == 0)
			return (map[i].status);
	return (400);
}

/* request.c's callback, for every route. */
static void
http_answer(json_t *answer, void *arg)
{
	struct http_conn	*c = arg;
	struct evhttp_request	*req = c->req;

	http_conn_answered(c);
	http_reply(req, http_status(answer, c->ok_status), answer);
}

/* The body as JSON, NULL (and *empty) when there is none, or NULL with
 * the reply made. */
static json_t *
http_body(struct evhttp_request *req, int *empty)
{
	struct evbuffer	*in = evhttp_request_get_input_buffer(req);
	size_t		 len = evbuffer_get_length(in);
	json_t		*v;
	json_error_t	 jerr;
	char		 buf[256];

	*empty = len == 0;
	if (len == 0)
		return (NULL);
	v = json_loadb((const char *)evbuffer_pullup(in, -1), len,
	    JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (v == NULL) {
		snprintf(buf, sizeof buf, "malformed JSON body: %s (line %d, "
		    "column %d)", jerr.text, jerr.line, jerr.column);
		http_refuse(req, 400, REQUEST_BAD, buf);
	}
	return (v);
}

/* A query value: a number of milliseconds, else a string. */
static json_t *
http_query_value(const char *v)
{
	if (*v != '\0' && strspn(v, "0123456789") == strlen(v) &&
	    strlen(v) < 15)
		return (json_integer(strtoll(v, NULL, 10)));
	return (json_string(v));
}

/* POST /v1/call/ENTRY?host=H&timeout=D: the call request, or NULL with
 * the reply made. */
static json_t *
http_call_request(struct evhttp_request *req, const char *entry)
{
	const struct evhttp_uri	*uri = evhttp_request_get_evhttp_uri(req);
	const char		*q = evhttp_uri_get_query(uri);
	struct evkeyvalq	 kv;
	struct evkeyval		*p;
	json_t			*call = NULL, *args, *v;
	char			*name;
	size_t			 len;
	int			 empty;

	name = evhttp_uridecode(entry, 0, &len);
	if (name == NULL || len == 0 || strlen(name) != len ||
	    strchr(name, '/') != NULL) {
		free(name);
		http_refuse(req, 400, REQUEST_BAD, "expected "
		    "/v1/call/ENTRY");
		return (NULL);
	}
	v = json_stringn(name, len);
	free(name);
	if (v == NULL || (call = json_object()) == NULL ||
	    json_object_set_new(call, "entry", v) != 0) {
		json_decref(call);
		http_refuse(req, 400, REQUEST_BAD, "the entry is not UTF-8");
		return (NULL);
	}
	TAILQ_INIT(&kv);
	if (q != NULL && evhttp_parse_query_str(q, &kv) != 0) {
		json_decref(call);
		http_refuse(req, 400, REQUEST_BAD, "malformed query");
		return (NULL);
	}
	TAILQ_FOREACH(p, &kv, next) {
		if ((strcmp(p->key, "host") != 0 &&
		    strcmp(p->key, "timeout") != 0) ||
		    json_object_get(call, p->key) != NULL) {
			evhttp_clear_headers(&kv);
			json_decref(call);
			http_refuse(req, 400, REQUEST_BAD, "an unknown or "
			    "repeated query key (host and timeout are known)");
			return (NULL);
		}
		v = strcmp(p->key, "host") == 0 ? json_string(p->value) :
		    http_query_value(p->value);
		if (v == NULL || json_object_set_new(call, p->key, v) != 0) {
			evhttp_clear_headers(&kv);
			json_decref(call);
			http_refuse(req, 400, REQUEST_BAD, "a query value that "
			    "is not UTF-8");
			return (NULL);
		}
	}
	evhttp_clear_headers(&kv);
	args = http_body(req, &empty);
	if (args == NULL && !empty) {
		json_decref(call);
		return (NULL);
	}
	if (args != NULL && call != NULL &&
	    json_object_set_new(call, "args", args) != 0) {
		json_decref(call);
		call = NULL;
	}
	if (call == NULL)
		http_refuse(req, 503, REQUEST_HOST_FULL, "out of memory");
	return (call);
}

static void
http_call(struct evhttp_request *req, struct http_conn *c,
    const char *entry)
{
	json_t	*call;

	if ((call = http_call_request(req, entry)) == NULL)
		return;
	c->ok_status = 200;
	/* A refusal is answered before request_call returns; evhttp writes
	 * it later, so c lives on meanwhile. */
	if ((c->call = request_call(call, http_answer, c)) != NULL)
		http_conn_watch(c);
	json_decref(call);
}

static void
http_send(struct evhttp_request *req, struct http_conn *c)
{
	json_t	*send;
	int	 empty;

	if ((send = http_body(req, &empty)) == NULL) {
		if (empty)
			http_refuse(req, 400, REQUEST_BAD, "the body must be "
			    "the send object {\"to\", \"topic\", \"payload\"}");
		return;
	}
	if (c->sender == 0)
		c->sender = request_sender();
	c->ok_status = 202;
	request_send(send, c->sender, http_answer, c);
	json_decref(send);
}

static void
http_metrics(struct evhttp_request *req)
{
	struct evbuffer	*out = evhttp_request_get_output_buffer(req);

	if (metrics_write(out) != 0) {
		http_refuse(req, 503, REQUEST_HOST_FULL, "out of memory");
		return;
	}
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", NULL);
}

/* Which route, or 404; a route asked with the wrong method is 405. */
static void
http_route(struct evhttp_request *req, struct http_conn *c)
{
	const char	*path = evhttp_uri_get_path(
			    evhttp_request_get_evhttp_uri(req));
	int		 post, m = evhttp_request_get_command(req);

	if (path == NULL)
		path = "";
	post = strncmp(path, "/v1/call/", 9) == 0 ||
	    strcmp(path, "/v1/send") == 0;
	if (!post && strcmp(path, "/v1/ps") != 0 &&
	    strcmp(path, "/v1/stats") != 0 && strcmp(path, "/metrics") != 0) {
		http_refuse(req, 404, REQUEST_BAD, "no such route (POST "
		    "/v1/call/ENTRY, POST /v1/send, GET /v1/ps, /v1/stats, "
		    "/metrics)");
		return;
	}
	if (m != (post ? EVHTTP_REQ_POST : EVHTTP_REQ_GET)) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Allow", post ? "POST" : "GET");
		http_refuse(req, 405, REQUEST_BAD, post ? "use POST" :
		    "use GET");
		return;
	}
	c->ok_status = 200;
	if (strncmp(path, "/v1/call/", 9) == 0)
		http_call(req, c, path + 9);
	else if (strcmp(path, "/v1/send") == 0)
		http_send(req, c);
	else if (strcmp(path, "/v1/ps") == 0)
		request_ps(http_answer, c);
	else if (strcmp(path, "/v1/stats") == 0)
		request_stats(http_answer, c);
	else
		http_metrics(req);
}

/* Every request, once its head and body are read. */
static void
http_request(struct evhttp_request *req, void *arg)
{
	struct http_conn	*c;

	if ((c = http_conn_begin(req)) == NULL) {
		http_refuse(req, 503, REQUEST_HOST_FULL, "out of memory");
		return;
	}
	if (!http_token_check(req)) {
		http_conn_answered(c);
		http_refuse(req, 401, REQUEST_NOT_PERMITTED, "missing or wrong "
		    "token (Authorization: Bearer TOKEN)");
		return;
	}
	http_route(req, c);
	/* Answered at once, but for a call in flight. */
	if (c->req != NULL && c->call == NULL)
		http_conn_answered(c);
}

/* A listening unix socket at path, 0600 (never wider, even briefly). */
static int
http_listen_unix(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	mode_t			 old;
	int			 fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return (-1);
	}
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof sun) == -1 ||
	    listen(fd, HTTP_BACKLOG) == -1) {
		umask(old);
		snprintf(err, errlen, "--http unix:%s: %s", path,
		    strerror(errno));
		close(fd);
		return (-1);
	}
	umask(old);
	snprintf(http_unix_path, sizeof http_unix_path, "%s", path);
	log_info("http: listening on unix:%s", path);
	return (fd);
}

static int
http_listen_tcp(const struct http_addr *a, char *err, size_t errlen)
{
	struct addrinfo		*res;
	struct sockaddr_storage	 ss;
	socklen_t		 sl = sizeof ss;
	char			 host[NI_MAXHOST], port[NI_MAXSERV];
	int			 fd, one = 1;

	if ((res = http_resolve(a, err, errlen)) == NULL)
		return (-1);
	fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, res->ai_protocol);
	if (fd == -1 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof one) == -1 || bind(fd, res->ai_addr, res->ai_addrlen) ==
	    -1 || listen(fd, HTTP_BACKLOG) == -1 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) == -1) {
		snprintf(err, errlen, "--http %s:%s: %s", a->host, a->port,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		freeaddrinfo(res);
		return (-1);
	}
	freeaddrinfo(res);
	/* The port chosen for :0 is news to whoever started us: said
	 * even without -v. */
	if (getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port,
	    sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) == 0)
		(strcmp(a->port, "0") == 0 ? log_warnx : log_info)(
		    "http: listening on %s%s%s:%s",
		    ss.ss_family == AF_INET6 ? "[" : "", host,
		    ss.ss_family == AF_INET6 ? "]" : "", port);
	return (fd);
}

/* accept() failed; out of descriptors is handled (fdlimit.c) and said,
 * once a second at most. */
static void
http_accept_error(struct evconnlistener *l, void *arg)
{
	static time_t	 said;
	static uint64_t	 n;
	int		 e = EVUTIL_SOCKET_ERROR();

	if (!fdlimit_accept_failed(evconnlistener_get_fd(l), e)) {
		log_warnx("http: accept: %s", strerror(e));
		return;
	}
	n++;
	if (time(NULL) != said) {
		said = time(NULL);
		log_warnx("http: closed a new connection: out of descriptors "
		    "(ulimit -n) (%llu so far)", (unsigned long long)n);
	}
}

/* Serve HTTP on addr (checked by http_check). */
int
http_open(const char *addr, const char *token_file, char *err,
    size_t errlen)
{
	struct evhttp_bound_socket	*bound;
	struct http_addr		 a;
	int				 fd;

	if (http_addr_parse(addr, &a, err, errlen) != 0 ||
	    (token_file != NULL && http_token_load(token_file, err,
	    errlen) != 0))
		return (-1);
	if ((http_server = evhttp_new(broker->base)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	evhttp_set_max_body_size(http_server, HTTP_BODY_MAX);
	evhttp_set_max_headers_size(http_server, HTTP_HEADERS_MAX);
	evhttp_set_timeout(http_server, HTTP_TIMEOUT);
	/* Every method reaches the router, which answers 405 (evhttp
	 * itself would say 501). */
	evhttp_set_allowed_methods(http_server, EVHTTP_REQ_GET |
	    EVHTTP_REQ_POST | EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT |
	    EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE |
	    EVHTTP_REQ_CONNECT | EVHTTP_REQ_PATCH);
	evhttp_set_bevcb(http_server, http_conn_new, NULL);
	evhttp_set_gencb(http_server, http_request, NULL);
	fd = a.path[0] != '\0' ? http_listen_unix(a.path, err, errlen) :
	    http_listen_tcp(&a, err, errlen);
	if (fd == -1 || (bound = evhttp_accept_socket_with_handle(http_server,
	    fd)) == NULL) {
		if (fd != -1) {
			snprintf(err, errlen, "--http %s: cannot serve it",
			    addr);
			close(fd);
		}
		http_close();
		return (-1);
	}
	evconnlistener_set_error_cb(evhttp_bound_socket_get_listener(bound),
	    http_accept_error);
	fdlimit_spare_hold();
	return (0);
}

void
http_close(void)
{
	http_conn_flush_all();
	if (http_server != NULL) {
		evhttp_free(http_server);
		http_server = NULL;
	}
	http_conn_close_all();
	if (http_unix_path[0] != '\0') {
		(void)unlink(http_unix_path);
		http_unix_path[0] = '\0';
	}
	http_token_free();
	fdlimit_spare_release();
}
