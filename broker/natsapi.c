/*
 * Outside programs over NATS (cluster.md section 2, "Outside programs over
 * NATS"): the call and send requests of request.c on two subjects,
 * answered by one node of the cluster (a queue group):
 *
 *   <cluster>.api.call.ENTRY   body: the args array (empty: []); headers
 *                              Forkbox-Host, Forkbox-Timeout; the answer,
 *                              published to the reply subject, is the
 *                              control socket's answer object
 *   <cluster>.api.send         body: the send object
 *
 * A send that carries a reply subject reaches its receiver from
 * {nats|REPLY}, and process.send to that string publishes there (the
 * receiver's answer is the request's reply: a send accepted is not
 * acknowledged on it, a refused one is answered with the refusal). A
 * process may publish nowhere else: only reply subjects of the shape
 * libnats gives them (_INBOX. and plain tokens) are accepted, on the way
 * in and on the way out, so no one can make the broker publish on a
 * subject of the cluster's own (a node's, the names bucket's).
 *
 * Everything from NATS is hostile input: malformed JSON, wrong types,
 * repeated, unknown or huge headers, non-UTF-8 subjects get a refusal
 * (when there is a reply subject to give it to) and a line at -v.
 */
#include "config.h"

#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "broker.h"
#include "cname.h"
#include "log.h"
#include "natsapi.h"
#include "natsdest.h"
#include "node.h"
#include "remote.h"
#include "request.h"

#define NATSAPI_BODY_MAX	(1024 * 1024)	/* as a control socket line */
#define NATSAPI_HEADER_MAX	1024		/* bytes of a Forkbox-* value */

/* A call in flight: where its answer goes. */
struct natsapi_call {
	TAILQ_ENTRY(natsapi_call)	 entry;
	struct request_call		*call;
	char				 reply[];	/* "" when none */
};

static TAILQ_HEAD(, natsapi_call) natsapi_calls =
    TAILQ_HEAD_INITIALIZER(natsapi_calls);
static int		natsapi_started;
static uint64_t		natsapi_nrefused;	/* requests refused */
static uint64_t		natsapi_npublished;	/* replies of processes */

int
natsapi_is_dest(const char *to)
{
	return (natsdest_is(to, strlen(to)));
}

void
natsapi_counts(uint64_t *refused, uint64_t *published)
{
	*refused = natsapi_nrefused;
	*published = natsapi_npublished;
}

#ifdef HAVE_NATS

static char		natsapi_call_prefix[NODE_CLUSTER_MAX + 16];
static uint64_t		natsapi_sender;		/* {forkbox|outside|N} */
static int		natsapi_direct;		/* marks the node's own subject */

/* Publish an answer (taken) on reply; nothing when there is no reply. */
static void
natsapi_answer(const char *reply, json_t *answer)
{
	json_t	*small;
	int64_t	 max;
	char	*text;

	if (reply == NULL || *reply == '\0') {
		json_decref(answer);
		return;
	}
	text = answer != NULL ? json_dumps(answer, JSON_COMPACT) : NULL;
	/* An outcome too big for the server: its pid and reason, and why
	 * the rest is missing, rather than no answer at all. */
	if (text != NULL && (int64_t)strlen(text) + 256 >
	    natsConnection_GetMaxPayload(node_conn())) {
		max = natsConnection_GetMaxPayload(node_conn());
		small = json_pack("{s:O?,s:O?}", "pid",
		    json_object_get(answer, "pid"), "reason",
		    json_object_get(answer, "reason"));
		if (small != NULL && json_object_set_new(small, "error",
		    json_sprintf("the answer (%zu bytes) is over the NATS "
		    "server's max_payload (%lld bytes)", strlen(text),
		    (long long)max)) == 0) {
			free(text);
			text = json_dumps(small, JSON_COMPACT);
		}
		json_decref(small);
	}
	json_decref(answer);
	if (text == NULL)
		text = strdup("{\"error\":\"out of memory\",\"kind\":"
		    "\"host_full\"}");
	if (text == NULL || node_publish(reply, NULL, text, strlen(text)) !=
	    0)
		log_info("nats: cannot answer on %s", reply);
	free(text);
}

/* Refuse a request: counted, logged at -v, answered when it can be. */
static void
natsapi_refuse(const char *reply, const char *subject, const char *kind,
    const char *text)
{
	char	buf[128];

	natsapi_nrefused++;
	log_info("nats: %s refused: %s", log_escape(buf, sizeof buf, subject,
	    strlen(subject)), text);
	natsapi_answer(reply, request_refusal(kind, "%s", text));
}

/* The reply subject of m: "" for none, NULL (refused, logged) when it is
 * not an inbox; nothing would let the answer be published there. */
static const char *
natsapi_reply_of(natsMsg *m)
{
	const char	*reply = natsMsg_GetReply(m);

	if (reply == NULL || *reply == '\0')
		return ("");
	if (natsdest_subject_valid(reply, strlen(reply)))
		return (reply);
	natsapi_refuse(NULL, natsMsg_GetSubject(m), REQUEST_BAD, "the reply "
	    "subject is not an _INBOX. subject: not answered");
	return (NULL);
}

/* The body of m as JSON: NULL for an empty one (*empty set) or, with
 * the refusal answered, for one that is too big or not JSON. */
static json_t *
natsapi_body(natsMsg *m, const char *reply, int *empty)
{
	int		 len = natsMsg_GetDataLength(m);
	json_t		*v;
	json_error_t	 jerr;
	char		 buf[256];

	*empty = len <= 0;
	if (len <= 0)
		return (NULL);
	if (len > NATSAPI_BODY_MAX) {
		snprintf(buf, sizeof buf, "a body of %d bytes (at most %d)",
		    len, NATSAPI_BODY_MAX);
		natsapi_refuse(reply, natsMsg_GetSubject(m), REQUEST_BAD, buf);
		return (NULL);
	}
	v = json_loadb(natsMsg_GetData(m), (size_t)len, JSON_DECODE_ANY |
	    JSON_REJECT_DUPLICATES, &jerr);
	if (v == NULL) {
		snprintf(buf, sizeof buf, "malformed JSON body: %s (line %d, "
		    "column %d)", jerr.text, jerr.line, jerr.column);
		natsapi_refuse(reply, natsMsg_GetSubject(m), REQUEST_BAD, buf);
	}
	return (v);
}

/* A header value: a number of milliseconds, else a string (NULL when it
 * is not UTF-8). */
static json_t *
natsapi_header_value(const char *key, const char *v)
{
	if (strcasecmp(key, "Forkbox-Timeout") == 0 && *v != '\0' &&
	    strspn(v, "0123456789") == strlen(v) && strlen(v) < 15)
		return (json_integer(strtoll(v, NULL, 10)));
	return (json_string(v));
}

/*
 * The Forkbox-* headers of a call into call: Forkbox-Host -> "host",
 * Forkbox-Timeout -> "timeout". Any other Forkbox-* header, a repeated
 * one or one over NATSAPI_HEADER_MAX is refused: a misspelt
 * Forkbox-Timout must not be silently ignored. Other headers (tracing)
 * are left alone. 0, or -1 with the refusal text in err.
 */
static int
natsapi_headers(natsMsg *m, json_t *call, char *err, size_t errlen)
{
	const char	**keys = NULL, **vals = NULL;
	const char	 *field;
	natsStatus	  s;
	json_t		 *v;
	int		  n = 0, nv = 0, i, r = -1;

	if ((s = natsMsgHeader_Keys(m, &keys, &n)) == NATS_NOT_FOUND)
		return (0);
	if (s != NATS_OK) {
		snprintf(err, errlen, "malformed headers");
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (strncasecmp(keys[i], "Forkbox-", 8) != 0)
			continue;
		if (strcasecmp(keys[i], "Forkbox-Host") == 0)
			field = "host";
		else if (strcasecmp(keys[i], "Forkbox-Timeout") == 0)
			field = "timeout";
		else {
			snprintf(err, errlen, "unknown header %.64s (known: "
			    "Forkbox-Host, Forkbox-Timeout)", keys[i]);
			goto out;
		}
		if (natsMsgHeader_Values(m, keys[i], &vals, &nv) != NATS_OK ||
		    nv != 1 || json_object_get(call, field) != NULL) {
			snprintf(err, errlen, "header %s repeated", keys[i]);
			goto out;
		}
		if (strlen(vals[0]) > NATSAPI_HEADER_MAX) {
			snprintf(err, errlen, "header %s over %d bytes",
			    keys[i], NATSAPI_HEADER_MAX);
			goto out;
		}
		if ((v = natsapi_header_value(keys[i], vals[0])) == NULL ||
		    json_object_set_new(call, field, v) != 0) {
			snprintf(err, errlen, "header %s is not UTF-8",
			    keys[i]);
			goto out;
		}
		free((void *)vals);
		vals = NULL;
	}
	r = 0;
out:
	free((void *)vals);
	free((void *)keys);
	return (r);
}

/* request.c's answer to a call: publish it and forget the call. */
static void
natsapi_called(json_t *answer, void *arg)
{
	struct natsapi_call	*c = arg;

	natsapi_answer(c->reply, answer);
	TAILQ_REMOVE(&natsapi_calls, c, entry);
	free(c);
}

/* <cluster>.api.call.ENTRY */
static void
natsapi_on_call(natsMsg *m, void *arg)
{
	const char		*subject = natsMsg_GetSubject(m);
	const char		*reply, *entry;
	struct natsapi_call	*c;
	struct request_call	*rc;
	json_t			*call = NULL, *args, *e;
	char			 err[256];
	size_t			 rlen;
	int			 empty;

	if ((reply = natsapi_reply_of(m)) == NULL)
		goto out;
	entry = subject + strlen(natsapi_call_prefix);
	if ((e = json_string(entry)) == NULL) {
		natsapi_refuse(reply, subject, REQUEST_BAD, "the entry is not "
		    "UTF-8");
		goto out;
	}
	if ((call = json_pack("{s:o}", "entry", e)) == NULL) {
		natsapi_refuse(reply, subject, REQUEST_HOST_FULL, "out of "
		    "memory");
		goto out;
	}
	if (natsapi_headers(m, call, err, sizeof err) != 0) {
		natsapi_refuse(reply, subject, REQUEST_BAD, err);
		goto out;
	}
	if ((args = natsapi_body(m, reply, &empty)) == NULL && !empty)
		goto out;
	if (args != NULL && json_object_set_new(call, "args", args) != 0) {
		natsapi_refuse(reply, subject, REQUEST_HOST_FULL, "out of "
		    "memory");
		goto out;
	}
	rlen = strlen(reply);
	if ((c = calloc(1, sizeof *c + rlen + 1)) == NULL) {
		natsapi_refuse(reply, subject, REQUEST_HOST_FULL, "out of "
		    "memory");
		goto out;
	}
	memcpy(c->reply, reply, rlen + 1);
	TAILQ_INSERT_TAIL(&natsapi_calls, c, entry);
	/* A refusal is answered (and c freed) before request_call returns
	 * NULL; an outcome comes later, so c is still there to take it. */
	if ((rc = request_call(call, natsapi_called, c)) != NULL)
		c->call = rc;
out:
	json_decref(call);
	natsMsg_Destroy(m);
}

/* request.c's answer to a send: with a reply subject only a refusal is
 * published there (the receiver's answer is the reply); without one a
 * refusal is only counted and logged. */
static void
natsapi_sent(json_t *answer, void *arg)
{
	const char	*reply = arg;

	if (json_object_get(answer, "error") == NULL) {
		json_decref(answer);
		return;
	}
	natsapi_nrefused++;
	log_info("nats: send refused: %s", json_string_value(
	    json_object_get(answer, "error")));
	natsapi_answer(reply, answer);
}

/*
 * A send for a process of another node (a pid with its @node, or a
 * cluster name held there), taken by this one (the queue group picks one,
 * and the owning node checks it and answers it): handed, as body (NULL: send
 * as JSON) with its reply subject (NULL: none), to that node's own
 * <cluster>.api.node.NODE.send, which delivers it as if it had taken it
 * and never hands it on again. 1 when handed on; 0 to deliver here (an
 * unbound name or a dead pid included).
 */
int
natsapi_forward(json_t *send, const char *body, size_t len,
    const char *reply)
{
	struct remote_dest	 d;
	const char		*to, *own = node_name();
	char			 node[NODE_NAME_MAX + 1], *text = NULL;
	char			 subject[NODE_CLUSTER_MAX + NODE_NAME_MAX + 32];
	natsMsg			*fw = NULL;
	int			 ok;

	if (!natsapi_started || own == NULL ||
	    (to = json_string_value(json_object_get(send, "to"))) == NULL)
		return (0);
	if (cname_enabled() && cname_is(to) &&
	    (to = cname_resolve(to)) == NULL)
		return (0);
	if (remote_dest_where(to, own, &d) != REMOTE_NODE ||
	    d.nodelen >= sizeof node)
		return (0);
	memcpy(node, d.node, d.nodelen);
	node[d.nodelen] = '\0';
	if (!node_live(node, NULL))
		return (0);
	if (body == NULL) {
		if ((text = json_dumps(send, JSON_COMPACT)) == NULL)
			return (0);
		body = text;
		len = strlen(text);
	}
	snprintf(subject, sizeof subject, "%s.api.node.%s.send",
	    node_cluster(), node);
	ok = natsMsg_Create(&fw, subject, reply != NULL && *reply != '\0' ?
	    reply : NULL, body, (int)len) == NATS_OK &&
	    natsConnection_PublishMsg(node_conn(), fw) == NATS_OK;
	natsMsg_Destroy(fw);
	free(text);
	if (!ok)
		log_info("nats: cannot hand a send on to node %s", node);
	return (ok);
}

/* <cluster>.api.send, and <cluster>.api.node.OWN.send (arg non-NULL:
 * handed on by another node, or sent for this one). */
static void
natsapi_on_send(natsMsg *m, void *arg)
{
	const char	*subject = natsMsg_GetSubject(m);
	const char	*reply;
	json_t		*send;
	char		 from[NATSDEST_SUBJECT_MAX + 16];
	int		 empty;

	if ((reply = natsapi_reply_of(m)) == NULL)
		goto out;
	if ((send = natsapi_body(m, reply, &empty)) == NULL) {
		if (empty)
			natsapi_refuse(reply, subject, REQUEST_BAD, "the body "
			    "must be the send object {\"to\", \"topic\", "
			    "\"payload\"}");
		goto out;
	}
	if (arg == NULL && natsapi_forward(send, natsMsg_GetData(m),
	    (size_t)natsMsg_GetDataLength(m), reply))
		goto done;
	if (*reply != '\0')
		snprintf(from, sizeof from, NATSDEST_PREFIX "%s}", reply);
	else {
		if (natsapi_sender == 0)
			natsapi_sender = request_sender();
		snprintf(from, sizeof from, "{forkbox|outside|%llu}",
		    (unsigned long long)natsapi_sender);
	}
	request_send_from(send, from, natsapi_sent, (void *)reply);
done:
	json_decref(send);
out:
	natsMsg_Destroy(m);
}

/*
 * "Serving" is said once the server has read the subscriptions: its PONG
 * to a PING behind them (node_confirm_then). A node says it joined before
 * it subscribes here (its hosts start in between), so a request sent on
 * that line alone could find no responder; this line is the one to wait
 * for.
 */
#define NATSAPI_READY_MS	5000

static void
natsapi_ready(int ok, const char *why, void *arg)
{
	if (!natsapi_started)
		return;		/* stopped meanwhile: nothing to announce */
	if (ok)
		log_info("node %s serves outside programs on %s.api.call.> "
		    "and %s.api.send", node_name(), node_cluster(),
		    node_cluster());
	else
		log_warnx("node %s: NATS did not confirm the subscriptions "
		    "for outside programs (%s); they may not be served yet",
		    node_name(), why);
}

int
natsapi_start(char *err, size_t errlen)
{
	char	subject[NODE_CLUSTER_MAX + NODE_NAME_MAX + 32];
	char	queue[NODE_CLUSTER_MAX + 16];

	if (!node_enabled())
		return (0);
	snprintf(natsapi_call_prefix, sizeof natsapi_call_prefix,
	    "%s.api.call.", node_cluster());
	snprintf(subject, sizeof subject, "%s>", natsapi_call_prefix);
	snprintf(queue, sizeof queue, "%s.api", node_cluster());
	if (node_subscribe(subject, queue, natsapi_on_call, NULL) != 0) {
		snprintf(err, errlen, "cannot subscribe to %s", subject);
		return (-1);
	}
	snprintf(subject, sizeof subject, "%s.api.send", node_cluster());
	if (node_subscribe(subject, queue, natsapi_on_send, NULL) != 0) {
		snprintf(err, errlen, "cannot subscribe to %s", subject);
		return (-1);
	}
	snprintf(subject, sizeof subject, "%s.api.node.%s.send",
	    node_cluster(), node_name());
	if (node_subscribe(subject, NULL, natsapi_on_send, &natsapi_direct) !=
	    0) {
		snprintf(err, errlen, "cannot subscribe to %s", subject);
		return (-1);
	}
	natsapi_started = 1;
	if (node_confirm_then(NATSAPI_READY_MS, natsapi_ready, NULL) != 0)
		log_warnx("node %s: cannot confirm the subscriptions for "
		    "outside programs (no thread)", node_name());
	return (0);
}

/*
 * A process sent to {nats|SUBJECT}: publish the payload bytes (one JSON
 * text, untouched) there, with the topic and the sender in the headers
 * Forkbox-Topic and Forkbox-From. 0 when published; -1 with *cause when
 * refused (nothing is published).
 */
int
natsapi_publish(const char *from, const char *to, const char *topic,
    size_t topiclen, const char *payload, size_t plen, const char **cause)
{
	natsMsg		*m = NULL;
	char		 subject[NATSDEST_SUBJECT_MAX + 1], *t = NULL;
	const char	*subj;
	size_t		 slen, i;

	if (!natsdest_valid(to, strlen(to), &subj, &slen)) {
		*cause = "only {nats|_INBOX.…} reply subjects may be sent to";
		return (-1);
	}
	if (!natsapi_started) {
		*cause = "not in a cluster (no --nats)";
		return (-1);
	}
	/* A header value ends at CR LF: no control byte may get there. */
	for (i = 0; i < topiclen; i++)
		if ((unsigned char)topic[i] < 0x20 || topic[i] == 0x7f) {
			*cause = "a control character in the topic";
			return (-1);
		}
	if ((int64_t)plen + 1024 > natsConnection_GetMaxPayload(node_conn())) {
		*cause = "payload over the NATS server's max_payload";
		return (-1);
	}
	memcpy(subject, subj, slen);
	subject[slen] = '\0';
	if ((t = strndup(topic, topiclen)) == NULL ||
	    natsMsg_Create(&m, subject, NULL, payload, (int)plen) != NATS_OK ||
	    natsMsgHeader_Set(m, "Forkbox-Topic", t) != NATS_OK ||
	    natsMsgHeader_Set(m, "Forkbox-From", from) != NATS_OK ||
	    natsConnection_PublishMsg(node_conn(), m) != NATS_OK) {
		*cause = "noconnection";
		natsMsg_Destroy(m);
		free(t);
		return (-1);
	}
	natsMsg_Destroy(m);
	free(t);
	natsapi_npublished++;
	return (0);
}

#else /* !HAVE_NATS */

int
natsapi_forward(json_t *send, const char *body, size_t len,
    const char *reply)
{
	return (0);
}

int
natsapi_start(char *err, size_t errlen)
{
	return (0);
}

int
natsapi_publish(const char *from, const char *to, const char *topic,
    size_t topiclen, const char *payload, size_t plen, const char **cause)
{
	*cause = "built without NATS";
	return (-1);
}

#endif /* HAVE_NATS */

/* The broker stops: calls in flight get no answer (before
 * request_close, which frees them). */
void
natsapi_stop(void)
{
	struct natsapi_call	*c;

	while ((c = TAILQ_FIRST(&natsapi_calls)) != NULL) {
		TAILQ_REMOVE(&natsapi_calls, c, entry);
		request_drop(c->call);
		free(c);
	}
	natsapi_started = 0;
}
