/*
 * The bucket of cluster names, over raw JetStream subjects (the JetStream
 * key-value layout: stream KV_<bucket>, one subject $KV.<bucket>.<key> per
 * key, at most one message each), because libnats' kvStore calls wait for
 * their answer, and on this loop, which also reads the NATS socket, they
 * would wait for ever. Here nothing waits:
 *
 * - requests (create the bucket, put, delete, watch) are published with a
 *   reply subject of this node's own and answered on the loop, or failed
 *   by a timer after CNAME_KV_TIMEOUT;
 * - a watch (an ephemeral push consumer, last message per key first, then
 *   every new one) keeps a copy of the whole bucket here, so that a
 *   lookup, and a send to name@*, is answered from memory at once. The
 *   copy lags the bucket by one NATS hop; only the bucket decides who
 *   holds a name (create-only writes).
 *
 * Keys are the name's bytes in hex (a key allows few characters); values
 * {"pid": P, "node": N, "inc": "16 hex digits"}, the owner node and its
 * incarnation, so that a name of a lost or restarted node is known stale.
 * Everything read back is checked: a value that is not ours counts as no
 * holder (and may be overwritten).
 *
 * The reply subjects are not _INBOX. ones: a process may publish on
 * _INBOX. subjects ({nats|…}), never on these.
 */
#include "config.h"

#include <sys/queue.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cname.h"
#include "log.h"
#include "node.h"

#define CNAME_KV_TIMEOUT	2	/* seconds for a JetStream answer */
#define CNAME_KV_HB_NS		1000000000LL	/* watch heartbeat, 1 s */
#define CNAME_KV_HB_MISSED	5	/* seconds of silence: watch again */
#define CNAME_KV_NOJS_RETRY	10	/* seconds between bucket retries */
#define CNAME_KV_VALUE_MAX	2048	/* bytes of a value we accept */
/* Seconds a delete marker stays before it is purged: every watch must
 * have delivered it first, or a node would keep the deleted entry in its
 * copy. A watch behind by more than CNAME_KV_HB_MISSED is replaced, and
 * its replay sweeps what it no longer finds (cname_kv_sweep). */
#define CNAME_KV_PURGE_AFTER	(CNAME_KV_HB_MISSED + 1)

#ifdef HAVE_NATS

struct cname_kv_req {
	uint64_t		  n;
	struct event		 *timer;
	void			(*fn)(natsMsg *, void *);	/* NULL: timeout */
	void			 *arg;
	TAILQ_ENTRY(cname_kv_req) entry;
};

/* A delete marker to purge once every watch has had it. */
struct cname_kv_purge {
	time_t			  due;
	uint64_t		  seq;
	TAILQ_ENTRY(cname_kv_purge) entry;
	char			  subject[];
};

static struct {
	enum cname_kv_state	 state;
	char			 bucket[NODE_CLUSTER_MAX + 16];
	char			 stream[NODE_CLUSTER_MAX + 32];
	char			 prefix[NODE_CLUSTER_MAX + NODE_NAME_MAX + 64];
	uint64_t		 nreq;
	TAILQ_HEAD(, cname_kv_req) reqs;
	TAILQ_HEAD(, cname_kv_purge) purges;	/* oldest first */
	struct hmap		 byn;		/* decimal n -> request */
	struct hmap		 cache;		/* "name@*" -> cname_entry */
	struct event		*tick;
	int			 nojs_wait;
	/* the watch */
	int			 watching;	/* a consumer is delivering */
	int			 watch_asked;
	uint64_t		 watch_gen;
	uint64_t		 watch_cseq;	/* last consumer sequence */
	uint64_t		 watch_replay;	/* its replay ends at this cseq;
						   UINT64_MAX: no sweep due */
	time_t			 watch_heard;
	char			 consumer[128];
	void			(*changed)(void);
} kv;

void	(*cname_kv_seen)(struct cname_entry *);

static void	cname_kv_watch(void);
static void	cname_kv_purge_due(time_t);

/* ---- requests -------------------------------------------------------- */

static void
cname_kv_req_free(struct cname_kv_req *r)
{
	char	key[32];

	snprintf(key, sizeof key, "%" PRIu64, r->n);
	hmap_del(&kv.byn, key);
	TAILQ_REMOVE(&kv.reqs, r, entry);
	event_free(r->timer);
	free(r);
}

static void
cname_kv_req_expired(evutil_socket_t fd, short what, void *arg)
{
	struct cname_kv_req	*r = arg;
	void			(*fn)(natsMsg *, void *) = r->fn;
	void			*farg = r->arg;

	cname_kv_req_free(r);
	fn(NULL, farg);
}

/* An answer on <prefix>.r.N. */
static void
cname_kv_answer(natsMsg *m, void *arg)
{
	struct cname_kv_req	*r;
	const char		*subject = natsMsg_GetSubject(m), *dot;

	if ((dot = strrchr(subject, '.')) == NULL) {
		natsMsg_Destroy(m);
		return;
	}
	if ((r = hmap_get(&kv.byn, dot + 1)) != NULL) {
		void	(*fn)(natsMsg *, void *) = r->fn;
		void	*farg = r->arg;

		cname_kv_req_free(r);
		fn(m, farg);
	}
	natsMsg_Destroy(m);
}

/*
 * Publish data on subject, with the headers given as key, value pairs
 * (NULL-terminated), and a reply subject of ours: fn gets the answer, or
 * NULL after CNAME_KV_TIMEOUT (or at once when nothing could be sent).
 * fn does not own the message.
 */
static int
cname_kv_request(const char *subject, const char *const *hdrs,
    const char *data, size_t len, void (*fn)(natsMsg *, void *), void *arg)
{
	struct cname_kv_req	*r;
	struct timeval		 tv = { CNAME_KV_TIMEOUT, 0 };
	natsConnection		*nc = node_conn();
	natsMsg			*m = NULL;
	char			 reply[sizeof kv.prefix + 32];
	int			 ok;

	if ((r = calloc(1, sizeof *r)) == NULL ||
	    (r->timer = evtimer_new(broker->base, cname_kv_req_expired, r)) ==
	    NULL) {
		free(r);
		return (-1);
	}
	r->n = ++kv.nreq;
	r->fn = fn;
	r->arg = arg;
	snprintf(reply, sizeof reply, "%s.r.%" PRIu64, kv.prefix, r->n);
	ok = nc != NULL && natsMsg_Create(&m, subject, reply, data,
	    (int)len) == NATS_OK;
	for (; ok && hdrs != NULL && *hdrs != NULL; hdrs += 2)
		ok = natsMsgHeader_Set(m, hdrs[0], hdrs[1]) == NATS_OK;
	ok = ok && natsConnection_PublishMsg(nc, m) == NATS_OK;
	natsMsg_Destroy(m);
	if (!ok) {
		event_free(r->timer);
		free(r);
		return (-1);
	}
	snprintf(reply, sizeof reply, "%" PRIu64, r->n);
	if (hmap_put(&kv.byn, reply, r) != 0)
		fatalx("out of memory");
	TAILQ_INSERT_TAIL(&kv.reqs, r, entry);
	evtimer_add(r->timer, &tv);
	return (0);
}

/* The JSON of a JetStream API answer, NULL when it is none; *nojs when
 * nobody answered the subject (no JetStream, or no such stream). */
static json_t *
cname_kv_json(natsMsg *m, int *nojs)
{
	json_t	*j;

	*nojs = 0;
	if (m == NULL)
		return (NULL);
	if (natsMsg_IsNoResponders(m)) {
		*nojs = 1;
		return (NULL);
	}
	j = json_loadb(natsMsg_GetData(m), (size_t)natsMsg_GetDataLength(m),
	    0, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		return (NULL);
	}
	return (j);
}

/* The err_code of an API error answer, 0 for none. */
static json_int_t
cname_kv_errcode(json_t *j, const char **desc)
{
	json_t	*e = json_object_get(j, "error");

	*desc = json_string_value(json_object_get(e, "description"));
	if (*desc == NULL)
		*desc = "JetStream error";
	if (!json_is_object(e))
		return (0);
	return (json_integer_value(json_object_get(e, "err_code")) != 0 ?
	    json_integer_value(json_object_get(e, "err_code")) : -1);
}

/* ---- the bucket ------------------------------------------------------ */

static void
cname_kv_set_state(enum cname_kv_state s)
{
	if (kv.state == s)
		return;
	kv.state = s;
	if (s == CNAME_KV_NOJS)
		log_warnx("names: %s (the server answers no JetStream "
		    "request); name@* is refused", CNAME_NOJS);
	else if (s == CNAME_KV_READY)
		log_info("names: bucket %s ready", kv.bucket);
	if (kv.changed != NULL)
		kv.changed();
}

static void
cname_kv_created(natsMsg *m, void *arg)
{
	json_t		*j;
	const char	*desc;
	json_int_t	 code;
	int		 nojs;

	j = cname_kv_json(m, &nojs);
	if (nojs) {
		kv.nojs_wait = CNAME_KV_NOJS_RETRY;
		cname_kv_set_state(CNAME_KV_NOJS);
		return;
	}
	if (j == NULL) {	/* no answer: ask again on the next tick */
		cname_kv_set_state(CNAME_KV_NONE);
		return;
	}
	/* 10058: made already, by another forkbox, with other settings. */
	if ((code = cname_kv_errcode(j, &desc)) != 0 && code != 10058) {
		log_warnx("names: cannot make bucket %s: %s", kv.bucket, desc);
		kv.nojs_wait = CNAME_KV_NOJS_RETRY;
		cname_kv_set_state(CNAME_KV_NOJS);
	} else {
		cname_kv_set_state(CNAME_KV_READY);
		cname_kv_watch();
	}
	json_decref(j);
}

/* Make the bucket, or find it made (the same settings: JetStream answers
 * as for a new one). */
static void
cname_kv_create(void)
{
	char	 subject[sizeof kv.stream + 32], *body;
	json_t	*cfg;

	cfg = json_pack("{s:s,s:[s++],s:s,s:I,s:s,s:s,s:i,s:b,s:b,s:b,s:I}",
	    "name", kv.stream, "subjects", "$KV.", kv.bucket, ".>",
	    "retention", "limits", "max_msgs_per_subject", (json_int_t)1,
	    "storage", "file", "discard", "new", "num_replicas", 1,
	    "deny_delete", 1, "allow_rollup_hdrs", 1, "allow_direct", 1,
	    "duplicate_window", (json_int_t)120000000000LL);
	body = cfg != NULL ? json_dumps(cfg, JSON_COMPACT) : NULL;
	json_decref(cfg);
	snprintf(subject, sizeof subject, "$JS.API.STREAM.CREATE.%s",
	    kv.stream);
	if (body != NULL && cname_kv_request(subject, NULL, body, strlen(body),
	    cname_kv_created, NULL) == 0)
		kv.state = CNAME_KV_PENDING;
	free(body);
}

/* ---- the watch ------------------------------------------------------- */

/* The name of key (hex), into buf; NULL when it is no name of ours. */
static const char *
cname_kv_unhex(const char *key, char *buf, size_t len)
{
	size_t	n = strlen(key), i;
	unsigned int c;

	if (n == 0 || n % 2 != 0 || n / 2 + 3 > len)
		return (NULL);
	for (i = 0; i < n / 2; i++) {
		if (sscanf(key + 2 * i, "%2x", &c) != 1 || c == 0 ||
		    !((key[2 * i] >= '0' && key[2 * i] <= '9') ||
		    (key[2 * i] >= 'a' && key[2 * i] <= 'f')))
			return (NULL);
		buf[i] = (char)c;
	}
	memcpy(buf + n / 2, "@*", 3);
	return (buf);
}

static void
cname_kv_entry_clear(struct cname_entry *e)
{
	free(e->pid);
	free(e->node);
	e->pid = e->node = NULL;
	e->live = 0;
	e->inc = 0;
}

/* The cached entry of name, made empty when there is none. */
static struct cname_entry *
cname_kv_entry(const char *name)
{
	struct cname_entry	*e;
	size_t			 len = strlen(name);

	if ((e = hmap_get(&kv.cache, name)) != NULL)
		return (e);
	if ((e = calloc(1, sizeof *e + len + 1)) == NULL)
		fatalx("out of memory");
	memcpy(e->name, name, len + 1);
	if (hmap_put(&kv.cache, e->name, e) != 0)
		fatalx("out of memory");
	return (e);
}

/* Read a value into e: 1 when it is one of ours. */
static int
cname_kv_value(struct cname_entry *e, const char *data, int len)
{
	json_t		*j;
	const char	*pid, *node, *inc;
	char		*end;
	int		 ok = 0;

	if (len <= 0 || len > CNAME_KV_VALUE_MAX)
		return (0);
	j = json_loadb(data, (size_t)len, JSON_REJECT_DUPLICATES, NULL);
	if (json_unpack(j, "{s:s,s:s,s:s}", "pid", &pid, "node", &node,
	    "inc", &inc) == 0 && pid[0] == '{' && strlen(pid) <= 1024 &&
	    node_name_valid(node) && strlen(inc) == 16) {
		e->inc = strtoull(inc, &end, 16);
		if (*end == '\0' && (e->pid = strdup(pid)) != NULL &&
		    (e->node = strdup(node)) != NULL)
			ok = e->live = 1;
	}
	json_decref(j);
	if (!ok)
		cname_kv_entry_clear(e);
	return (ok);
}

/* From a $JS.ACK reply: v1 $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>
 * .<cseq>.<ts>.<pending>, v2 with <domain>.<hash> after ACK and a token at
 * the end. 0 when the consumer is ours (kv.consumer). */
static int
cname_kv_ack(const char *reply, uint64_t *sseq, uint64_t *cseq)
{
	char	 buf[512], *tok[16], *s, *last;
	int	 n = 0, at;

	if (reply == NULL || strlen(reply) >= sizeof buf ||
	    strncmp(reply, "$JS.ACK.", 8) != 0)
		return (-1);
	snprintf(buf, sizeof buf, "%s", reply);
	for (s = strtok_r(buf, ".", &last); s != NULL && n < 16;
	    s = strtok_r(NULL, ".", &last))
		tok[n++] = s;
	if (n == 9)
		at = 3;
	else if (n >= 11)
		at = 5;
	else
		return (-1);
	if (strcmp(tok[at], kv.consumer) != 0)
		return (-1);	/* an older watch's: no news */
	*sseq = strtoull(tok[at + 2], NULL, 10);
	*cseq = strtoull(tok[at + 3], NULL, 10);
	return (0);
}

struct cname_kv_stale {
	struct cname_entry	**e;
	size_t			  n, cap;
};

/* The copy's entry of name is gone from the bucket. */
static void
cname_kv_forget(const char *name)
{
	struct cname_entry	*e;

	if ((e = hmap_del(&kv.cache, name)) != NULL) {
		cname_kv_entry_clear(e);
		free(e);
	}
}

static void
cname_kv_stale_add(const char *key, void *value, void *arg)
{
	struct cname_kv_stale	*st = arg;
	struct cname_entry	*e = value, **ne;

	if (e->gen == kv.watch_gen)
		return;
	if (st->n == st->cap) {
		st->cap = st->cap != 0 ? 2 * st->cap : 16;
		if ((ne = reallocarray(st->e, st->cap, sizeof *ne)) == NULL)
			fatalx("out of memory");
		st->e = ne;
	}
	st->e[st->n++] = e;
}

/*
 * Once a new watch has replayed the bucket: what the copy holds and the
 * replay did not bring is gone from the bucket (deleted, its marker
 * purged, while the old watch was not delivering), and goes from the
 * copy too. Without this, a name released meanwhile stayed taken here
 * for as long as the broker ran.
 */
static void
cname_kv_sweep(void)
{
	struct cname_kv_stale	 st = { NULL, 0, 0 };
	size_t			 i;

	if (kv.watch_cseq < kv.watch_replay)
		return;
	kv.watch_replay = UINT64_MAX;
	hmap_foreach(&kv.cache, cname_kv_stale_add, &st);
	for (i = 0; i < st.n; i++)
		cname_kv_forget(st.e[i]->name);
	if (st.n > 0)
		log_info("names: %zu gone from bucket %s while it was not "
		    "watched", st.n, kv.bucket);
	free(st.e);
}

/* A message of the watch: the last word on one key. */
static void
cname_kv_watched(natsMsg *m, void *arg)
{
	const char		*subject = natsMsg_GetSubject(m), *op, *st;
	struct cname_entry	*e;
	char			 prefix[sizeof kv.bucket + 8], name[300];
	uint64_t		 sseq, cseq;
	size_t			 plen;

	/* Heartbeats say the watch is alive (only ours come here: the old
	 * consumers are deleted). Messages have the key as subject. */
	if (natsMsgHeader_Get(m, "Status", &st) == NATS_OK) {
		time(&kv.watch_heard);
		goto out;
	}
	if (cname_kv_ack(natsMsg_GetReply(m), &sseq, &cseq) != 0)
		goto out;
	time(&kv.watch_heard);
	if (cseq != kv.watch_cseq + 1) {
		/* A message lost on the way: start the copy again. */
		log_info("names: watch gap (%" PRIu64 " after %" PRIu64 ")",
		    cseq, kv.watch_cseq);
		kv.watching = 0;
		cname_kv_watch();
		goto out;
	}
	kv.watch_cseq = cseq;
	plen = (size_t)snprintf(prefix, sizeof prefix, "$KV.%s.", kv.bucket);
	if (strncmp(subject, prefix, plen) != 0 ||
	    cname_kv_unhex(subject + plen, name, sizeof name) == NULL)
		goto out;
	/* A delete: the copy keeps no marker (the bucket's is purged). */
	if (natsMsgHeader_Get(m, "KV-Operation", &op) == NATS_OK) {
		cname_kv_forget(name);
		goto out;
	}
	e = cname_kv_entry(name);
	cname_kv_entry_clear(e);
	e->seq = sseq;
	e->gen = kv.watch_gen;
	cname_kv_value(e, natsMsg_GetData(m), natsMsg_GetDataLength(m));
	if (cname_kv_seen != NULL)
		cname_kv_seen(e);
out:
	natsMsg_Destroy(m);
	cname_kv_sweep();
}

static void
cname_kv_watch_made(natsMsg *m, void *arg)
{
	json_t		*j, *n, *d;
	const char	*desc;
	int		 nojs;

	kv.watch_asked = 0;
	j = cname_kv_json(m, &nojs);
	if (j == NULL || cname_kv_errcode(j, &desc) != 0) {
		/* The tick asks again. */
		log_info("names: cannot watch bucket %s: %s", kv.bucket,
		    j == NULL ? (nojs ? "no JetStream" : "no answer") : desc);
		if (nojs)
			cname_kv_set_state(CNAME_KV_NONE);
		json_decref(j);
		return;
	}
	kv.watching = 1;
	/* Its replay: what it delivered before this answer, and what was
	 * still to come then. A server that does not say never sweeps. */
	if ((n = json_object_get(j, "num_pending")) != NULL &&
	    json_is_integer(n) && json_integer_value(n) >= 0 &&
	    (d = json_object_get(json_object_get(j, "delivered"),
	    "consumer_seq")) != NULL && json_is_integer(d) &&
	    json_integer_value(d) >= 0) {
		kv.watch_replay = (uint64_t)json_integer_value(n) +
		    (uint64_t)json_integer_value(d);
	}
	json_decref(j);
	cname_kv_sweep();
}

/*
 * Watch the bucket from the start (the last message of every key, then
 * each new one) under a new generation: an ephemeral push consumer with
 * heartbeats, so that a silent one (a server restart, a lost consumer) is
 * noticed and replaced.
 */
static void
cname_kv_watch(void)
{
	char	 subject[sizeof kv.stream + sizeof kv.consumer + 64];
	char	 deliver[sizeof kv.prefix + 32];
	char	 filter[sizeof kv.bucket + 8], *body;
	json_t	*req;

	if (kv.consumer[0] != '\0') {
		snprintf(subject, sizeof subject, "$JS.API.CONSUMER.DELETE."
		    "%s.%s", kv.stream, kv.consumer);
		node_publish(subject, NULL, "", 0);
		kv.consumer[0] = '\0';
	}
	kv.watching = 0;
	kv.watch_gen++;
	kv.watch_cseq = 0;
	kv.watch_replay = UINT64_MAX;	/* until its answer says */
	time(&kv.watch_heard);
	/* Named by us, so that its messages are known from the start. */
	snprintf(kv.consumer, sizeof kv.consumer, "fb_%s_%016" PRIx64 "_%"
	    PRIu64, node_name(), node_incarnation(), kv.watch_gen);
	snprintf(deliver, sizeof deliver, "%s.w", kv.prefix);
	snprintf(filter, sizeof filter, "$KV.%s.>", kv.bucket);
	req = json_pack("{s:s,s:{s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:b,s:i}}",
	    "stream_name", kv.stream, "config", "name", kv.consumer,
	    "deliver_subject", deliver,
	    "deliver_policy", "last_per_subject", "filter_subject", filter,
	    "ack_policy", "none", "replay_policy", "instant",
	    "idle_heartbeat", (json_int_t)CNAME_KV_HB_NS, "mem_storage", 1,
	    "num_replicas", 1);
	body = req != NULL ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	snprintf(subject, sizeof subject, "$JS.API.CONSUMER.CREATE.%s.%s",
	    kv.stream, kv.consumer);
	if (body != NULL && cname_kv_request(subject, NULL, body, strlen(body),
	    cname_kv_watch_made, NULL) == 0)
		kv.watch_asked = 1;
	free(body);
}

/* Once a second: make the bucket if it is not, keep the watch alive. */
static void
cname_kv_tick(evutil_socket_t fd, short what, void *arg)
{
	time_t	now;

	if (node_conn() == NULL)
		return;
	cname_kv_purge_due(time(NULL));
	switch (kv.state) {
	case CNAME_KV_NONE:
		cname_kv_create();
		break;
	case CNAME_KV_NOJS:
		if (--kv.nojs_wait <= 0)
			cname_kv_create();
		break;
	case CNAME_KV_PENDING:
		break;
	case CNAME_KV_READY:
		time(&now);
		if (!kv.watch_asked && (!kv.watching ||
		    now - kv.watch_heard >= CNAME_KV_HB_MISSED)) {
			if (kv.watching)
				log_info("names: watch silent for %llds: "
				    "watching again", (long long)(now -
				    kv.watch_heard));
			cname_kv_watch();
		}
		break;
	}
}

/* ---- puts and deletes ------------------------------------------------ */

struct cname_kv_write {
	char		 name[FB_NAME_MAX + 3];
	char		 subject[NODE_CLUSTER_MAX + 2 * FB_NAME_MAX + 32];
	char		*value;		/* what was written ("" for a delete) */
	cname_kv_fn	 fn;
	void		*arg;
	int		 del;
	int		 tries;		/* puts sent */
	uint64_t	 expect;
};

static int	cname_kv_send(struct cname_kv_write *);

static void
cname_kv_write_done(struct cname_kv_write *w, uint64_t seq, int taken,
    const char *err)
{
	if (w->fn != NULL)
		w->fn(seq, taken, err, w->arg);
	free(w->value);
	free(w);
}

/* A delete landed at seq: purge the key up to it, marker included, so
 * the bucket does not keep one per name ever used. Only messages below
 * seq + 1 go: a register that came after it stays. */
static void
cname_kv_purge(const char *subject, uint64_t seq)
{
	char	 api[sizeof kv.stream + 32];
	json_t	*req;
	char	*body;

	snprintf(api, sizeof api, "$JS.API.STREAM.PURGE.%s", kv.stream);
	req = json_pack("{s:s,s:I}", "filter", subject, "seq",
	    (json_int_t)(seq + 1));
	body = req != NULL ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	if (body != NULL)
		node_publish(api, NULL, body, strlen(body));
	free(body);
}

/* The purge, CNAME_KV_PURGE_AFTER from now: at once, the watches of
 * other nodes still behind would never see the marker. */
static void
cname_kv_purge_later(const char *subject, uint64_t seq)
{
	struct cname_kv_purge	*p;
	size_t			 len = strlen(subject);

	if ((p = malloc(sizeof *p + len + 1)) == NULL)
		return;		/* the marker stays: harmless */
	p->due = time(NULL) + CNAME_KV_PURGE_AFTER;
	p->seq = seq;
	memcpy(p->subject, subject, len + 1);
	TAILQ_INSERT_TAIL(&kv.purges, p, entry);
}

/* On the tick: the purges that are due. */
static void
cname_kv_purge_due(time_t now)
{
	struct cname_kv_purge	*p;

	while ((p = TAILQ_FIRST(&kv.purges)) != NULL && p->due <= now) {
		TAILQ_REMOVE(&kv.purges, p, entry);
		cname_kv_purge(p->subject, p->seq);
		free(p);
	}
}

/*
 * The last message of a key whose put found another last sequence than
 * it expected: a delete marker or a stale holder (a node not live, or
 * another incarnation, or a value that is not ours) is written over, if
 * it is still the last; none at all is a key to create; a live holder
 * has the name.
 */
static void
cname_kv_last(natsMsg *m, void *arg)
{
	struct cname_kv_write	*w = arg;
	struct cname_entry	 e;
	const char		*v, *op;
	int			 stale;

	memset(&e, 0, sizeof e);
	if (m == NULL || natsMsg_IsNoResponders(m)) {
		cname_kv_write_done(w, 0, 0, m == NULL ?
		    "no answer from JetStream" : CNAME_NOJS);
		return;
	}
	if (natsMsgHeader_Get(m, "Status", &v) == NATS_OK) {
		if (strcmp(v, "404") != 0) {
			cname_kv_write_done(w, 0, 0, "JetStream error");
			return;
		}
		w->expect = 0;		/* no message: purged meanwhile */
	} else if (natsMsgHeader_Get(m, "Nats-Sequence", &v) != NATS_OK ||
	    (w->expect = strtoull(v, NULL, 10)) == 0) {
		cname_kv_write_done(w, 0, 0, "a JetStream answer without a "
		    "sequence");
		return;
	} else if (natsMsgHeader_Get(m, "KV-Operation", &op) != NATS_OK) {
		cname_kv_value(&e, natsMsg_GetData(m),
		    natsMsg_GetDataLength(m));
		stale = cname_hold(&e, w->name) == CNAME_FREE;
		cname_kv_entry_clear(&e);
		if (!stale) {
			cname_kv_write_done(w, 0, 1, NULL);
			return;
		}
	}
	if (cname_kv_send(w) != 0)
		cname_kv_write_done(w, 0, 0, "noconnection");
}

static void
cname_kv_written(natsMsg *m, void *arg)
{
	struct cname_kv_write	*w = arg;
	json_t			*j;
	const char		*desc = NULL;
	char			 api[sizeof kv.stream + 32], *body;
	json_int_t		 code, seq = 0;
	int			 nojs, taken = 0;

	j = cname_kv_json(m, &nojs);
	if (nojs)
		cname_kv_set_state(CNAME_KV_NONE);	/* bucket gone? */
	if (j == NULL)
		desc = nojs ? CNAME_NOJS : "no answer from JetStream";
	else if ((code = cname_kv_errcode(j, &desc)) != 0)
		taken = code == 10071;	/* wrong last sequence */
	else if ((seq = json_integer_value(json_object_get(j, "seq"))) <= 0)
		desc = "a JetStream answer without a sequence";
	else
		desc = NULL;
	json_decref(j);
	/* A put that found the key otherwise than the copy said: look at
	 * what is there (a few times: it may change meanwhile). */
	if (taken && !w->del && w->tries < 3) {
		snprintf(api, sizeof api, "$JS.API.DIRECT.GET.%s", kv.stream);
		j = json_pack("{s:s}", "last_by_subj", w->subject);
		body = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		if (body != NULL && cname_kv_request(api, NULL, body,
		    strlen(body), cname_kv_last, w) == 0) {
			free(body);
			return;
		}
		free(body);
	}
	if (desc == NULL && w->del)
		cname_kv_purge_later(w->subject, (uint64_t)seq);
	cname_kv_write_done(w, desc == NULL ? (uint64_t)seq : 0, taken,
	    taken ? NULL : desc);
}

static int
cname_kv_send(struct cname_kv_write *w)
{
	char		 expect[32];
	const char	*hdrs[5];

	w->tries++;
	snprintf(expect, sizeof expect, "%" PRIu64, w->expect);
	hdrs[0] = "Nats-Expected-Last-Subject-Sequence";
	hdrs[1] = expect;
	hdrs[2] = w->del ? "KV-Operation" : NULL;
	hdrs[3] = "DEL";
	hdrs[4] = NULL;
	return (cname_kv_request(w->subject, hdrs, w->value,
	    strlen(w->value), cname_kv_written, w));
}

static int
cname_kv_write(const char *name, const char *value, uint64_t expect_seq,
    int del, cname_kv_fn fn, void *arg)
{
	struct cname_kv_write	*w;
	size_t			 len = strlen(name) - 2, i, n;

	if (kv.state != CNAME_KV_READY || len == 0 || len > FB_NAME_MAX ||
	    (w = calloc(1, sizeof *w)) == NULL)
		return (-1);
	snprintf(w->name, sizeof w->name, "%s", name);
	if ((w->value = strdup(value)) == NULL) {
		free(w);
		return (-1);
	}
	w->fn = fn;
	w->arg = arg;
	w->del = del;
	w->expect = expect_seq;
	n = (size_t)snprintf(w->subject, sizeof w->subject, "$KV.%s.",
	    kv.bucket);
	for (i = 0; i < len; i++)
		n += (size_t)snprintf(w->subject + n, sizeof w->subject - n,
		    "%02x", (unsigned char)name[i]);
	if (cname_kv_send(w) != 0) {
		free(w->value);
		free(w);
		return (-1);
	}
	return (0);
}

int
cname_kv_put(const char *name, const char *value, uint64_t expect_seq,
    cname_kv_fn fn, void *arg)
{
	return (cname_kv_write(name, value, expect_seq, 0, fn, arg));
}

int
cname_kv_del(const char *name, uint64_t expect_seq, cname_kv_fn fn,
    void *arg)
{
	return (cname_kv_write(name, "", expect_seq, 1, fn, arg));
}

/* ---- the rest -------------------------------------------------------- */

int
cname_kv_connected(void)
{
	return (node_conn() != NULL &&
	    natsConnection_Status(node_conn()) == NATS_CONN_STATUS_CONNECTED);
}

enum cname_kv_state
cname_kv_state(void)
{
	return (kv.state);
}

struct cname_entry *
cname_kv_get(const char *name)
{
	return (hmap_get(&kv.cache, name));
}

struct cname_kv_visit {
	void	(*fn)(struct cname_entry *, void *);
	void	*arg;
};

static void
cname_kv_visit(const char *key, void *value, void *arg)
{
	struct cname_kv_visit	*v = arg;
	struct cname_entry	*e = value;

	if (e->live)
		v->fn(e, v->arg);
}

void
cname_kv_foreach(void (*fn)(struct cname_entry *, void *), void *arg)
{
	struct cname_kv_visit	v = { fn, arg };

	hmap_foreach(&kv.cache, cname_kv_visit, &v);
}

int
cname_kv_start(void (*changed)(void))
{
	struct timeval	 tv = { 1, 0 };
	char		 subject[sizeof kv.prefix + 16];

	memset(&kv, 0, sizeof kv);
	TAILQ_INIT(&kv.reqs);
	TAILQ_INIT(&kv.purges);
	kv.watch_replay = UINT64_MAX;
	hmap_init(&kv.byn);
	hmap_init(&kv.cache);
	kv.changed = changed;
	snprintf(kv.bucket, sizeof kv.bucket, "fbnames_%s", node_cluster());
	snprintf(kv.stream, sizeof kv.stream, "KV_%s", kv.bucket);
	/* Ours alone: the node and its incarnation. */
	snprintf(kv.prefix, sizeof kv.prefix, "%s.names.%s.%016" PRIx64,
	    node_cluster(), node_name(), node_incarnation());
	snprintf(subject, sizeof subject, "%s.r.*", kv.prefix);
	if (node_subscribe(subject, NULL, cname_kv_answer, NULL) != 0)
		return (-1);
	/* Exact: JetStream's deliveries do not reach a wildcard one. */
	snprintf(subject, sizeof subject, "%s.w", kv.prefix);
	if (node_subscribe(subject, NULL, cname_kv_watched, NULL) != 0)
		return (-1);
	if ((kv.tick = event_new(broker->base, -1, EV_PERSIST, cname_kv_tick,
	    NULL)) == NULL || event_add(kv.tick, &tv) != 0)
		return (-1);
	cname_kv_create();
	return (0);
}

static void
cname_kv_free_entry(const char *key, void *value, void *arg)
{
	struct cname_entry	*e = value;

	cname_kv_entry_clear(e);
	free(e);
}

void
cname_kv_stop(void)
{
	struct cname_kv_req	*r;
	struct cname_kv_purge	*p;

	if (kv.tick == NULL)
		return;
	/* Each request's owner frees what it gave, as on a timeout. */
	while ((r = TAILQ_FIRST(&kv.reqs)) != NULL) {
		void	(*fn)(natsMsg *, void *) = r->fn;
		void	*arg = r->arg;

		cname_kv_req_free(r);
		fn(NULL, arg);
	}
	/* Markers not yet purged stay in the bucket: a register writes
	 * over one as over no entry. */
	while ((p = TAILQ_FIRST(&kv.purges)) != NULL) {
		TAILQ_REMOVE(&kv.purges, p, entry);
		free(p);
	}
	event_free(kv.tick);
	kv.tick = NULL;
	hmap_foreach(&kv.cache, cname_kv_free_entry, NULL);
	hmap_clear(&kv.cache);
	hmap_clear(&kv.byn);
}

#else /* !HAVE_NATS */

void	(*cname_kv_seen)(struct cname_entry *);

int cname_kv_start(void (*changed)(void)) { return (-1); }
int cname_kv_connected(void) { return (0); }
void cname_kv_stop(void) { }
enum cname_kv_state cname_kv_state(void) { return (CNAME_KV_NOJS); }
struct cname_entry *cname_kv_get(const char *name) { return (NULL); }
void cname_kv_foreach(void (*fn)(struct cname_entry *, void *), void *arg) { }
int cname_kv_put(const char *name, const char *value, uint64_t expect_seq,
    cname_kv_fn fn, void *arg) { return (-1); }
int cname_kv_del(const char *name, uint64_t expect_seq, cname_kv_fn fn,
    void *arg) { return (-1); }

#endif /* HAVE_NATS */
