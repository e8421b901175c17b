/*
 * Messages across nodes. A send whose destination is on another node
 * (a pid with its @node, or name@node) goes there as one FB_NODE_MSG,
 * payload bytes untouched; the node layer publishes every frame for one
 * node on one subject over one connection, so messages between one
 * sender and one receiver keep their order, and stay ordered with the
 * sender's EXIT. Fire-and-forget and at most once, as a local send: what
 * cannot go (an unknown or lost node, over the NATS server's
 * max_payload) is counted undeliverable and logged.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "node_int.h"	/* node_conn_max_payload */
#include "remote.h"

/*
 * The most a message to another node may hold, envelope and payload
 * together as a worker sends them (INIT's "node_max"): what one NATS
 * message holds (the server's max_payload, 1 MB by default, less than a
 * local message may be), less the frame header, the node's envelope keys
 * and the sender's pid.
 */
size_t
remote_max_message(void)
{
	size_t	max = node_conn_max_payload();
	size_t	room = FB_HDR_SIZE + 256 + NODE_NAME_MAX;

	return (max > room ? max - room : 0);
}

/* Bytes a JSON string holds as they are: 0x20-0x7e but '"' and '\\'.
 * A worker's sends are so as a rule (relay.c's fast path). A table: the
 * receiver looks at every byte of every message's envelope. */
static unsigned char	remote_send_plain_tab[256];

static void
remote_send_plain_init(void)
{
	int	c;

	if (remote_send_plain_tab['a'])
		return;
	for (c = 0x20; c <= 0x7e; c++)
		remote_send_plain_tab[c] = c != '"' && c != '\\';
}

/* The length of the plain run at s, up to end. */
static size_t
remote_send_plain_run(const char *s, const char *end)
{
	const unsigned char	*q = (const unsigned char *)s;

	remote_send_plain_init();
	while (q < (const unsigned char *)end && remote_send_plain_tab[*q])
		q++;
	return ((size_t)((const char *)q - s));
}

static int
remote_send_plain(const char *s, size_t len)
{
	return (remote_send_plain_run(s, s + len) == len);
}

/* Put s (len bytes) at buf + *n. */
static void
remote_send_put(char *buf, size_t *n, const char *s, size_t len)
{
	memcpy(buf + *n, s, len);
	*n += len;
}

/*
 * The envelope {"from":"…","to":"…","topic":"…"} as json_dumps writes
 * it, written by hand when the three need no escaping and fit in
 * REMOTE_SEND_TEXT_MAX: its length, or 0 (then jansson does it).
 */
#define REMOTE_SEND_TEXT_MAX	(2 * REMOTE_PID_MAX + 64)
static size_t
remote_send_text(char *buf, const char *from, const char *to, size_t tolen,
    const char *topic, size_t topiclen)
{
	size_t	fromlen = strlen(from), n = 0;

	if (fromlen + tolen + topiclen > REMOTE_SEND_TEXT_MAX - 32 ||
	    !remote_send_plain(from, fromlen) ||
	    !remote_send_plain(to, tolen) ||
	    !remote_send_plain(topic, topiclen))
		return (0);
	remote_send_put(buf, &n, "{\"from\":\"", 9);
	remote_send_put(buf, &n, from, fromlen);
	remote_send_put(buf, &n, "\",\"to\":\"", 8);
	remote_send_put(buf, &n, to, tolen);
	remote_send_put(buf, &n, "\",\"topic\":\"", 11);
	remote_send_put(buf, &n, topic, topiclen);
	remote_send_put(buf, &n, "\"}", 2);
	return (n);
}

/* The envelope through jansson; an outside sender ({forkbox|outside|N})
 * is no process of ours, but comes from this node all the same. */
static json_t *
remote_send_env(const char *from, const char *own, const char *to,
    size_t tolen, const char *topic, size_t topiclen)
{
	struct remote_pid	 pid;
	json_t			*env;

	env = json_pack("{s:s,s:s%,s:s%}", "from", from, "to", to, tolen,
	    "topic", topic, topiclen);
	if (env != NULL && remote_pid_parse(from, strlen(from), &pid) == 0 &&
	    pid.node == NULL && json_object_set_new(env, "from",
	    json_sprintf("%.*s@%s}", (int)strlen(from) - 1, from, own)) != 0)
		env = (json_decref(env), NULL);
	return (env);
}

/* Whether from is a pid of this node (ends in "@own}"; no pid without a
 * node does: its id is hex digits). */
static int
remote_send_ours(const char *from, const char *own)
{
	size_t	flen = strlen(from), olen = strlen(own);

	return (flen > olen + 2 && from[flen - 1] == '}' &&
	    from[flen - olen - 2] == '@' &&
	    memcmp(from + flen - olen - 1, own, olen) == 0);
}

/*
 * The last message sent by hand (remote_send_text): its node and text
 * stand for the next one with the same sender, destination and topic,
 * whose checks (the destination's node, no escapes) are of those
 * strings only. A stream of messages then skips them.
 */
static struct {
	int	 valid;
	char	 own[NODE_NAME_MAX + 1];
	char	 from[REMOTE_PID_MAX + 1];
	char	 dest[REMOTE_PID_MAX + 1];
	char	 topic[REMOTE_SEND_TEXT_MAX];
	size_t	 topiclen;
	char	 node[REMOTE_NODE_MAX + 1];
	char	 text[REMOTE_SEND_TEXT_MAX];
	size_t	 tlen;
} rs_out;

static int
remote_send_same(const char *own, const char *from, const char *dest,
    const char *topic, size_t topiclen)
{
	return (rs_out.valid && rs_out.topiclen == topiclen &&
	    memcmp(rs_out.topic, topic, topiclen) == 0 &&
	    strcmp(rs_out.dest, dest) == 0 && strcmp(rs_out.from, from) == 0 &&
	    strcmp(rs_out.own, own) == 0);
}

/* Keep from, dest and topic for remote_send_same (rs_out.node and text
 * hold what they gave: tlen bytes). */
static void
remote_send_keep(const char *own, const char *from, const char *dest,
    const char *topic, size_t topiclen, size_t tlen)
{
	size_t	olen = strlen(own), flen = strlen(from), dlen = strlen(dest);

	if (olen >= sizeof rs_out.own || flen >= sizeof rs_out.from ||
	    dlen >= sizeof rs_out.dest || topiclen > sizeof rs_out.topic)
		return;
	memcpy(rs_out.own, own, olen + 1);
	memcpy(rs_out.from, from, flen + 1);
	memcpy(rs_out.dest, dest, dlen + 1);
	memcpy(rs_out.topic, topic, topiclen);
	rs_out.topiclen = topiclen;
	rs_out.tlen = tlen;
	rs_out.valid = 1;
}

/*
 * Route a message from `from` (a pid of ours, or an outside sender) to
 * dest if dest is on another node: 1 when it was (sent there, or counted
 * undeliverable), 0 when dest is for this broker. topic is topiclen
 * bytes, not ended.
 */
int
remote_send(const char *from, const char *dest, const char *topic,
    size_t topiclen, const char *payload, size_t plen)
{
	struct remote_dest	 d;
	const char		*cause, *own = node_name(), *node;
	size_t			 tlen = 0;
	int			 r;

	if (own == NULL)
		return (0);
	if (remote_send_same(own, from, dest, topic, topiclen)) {
		node = rs_out.node;
		r = node_send_msg(node, rs_out.text, rs_out.tlen, payload,
		    plen, &cause);
		goto sent;
	}
	rs_out.valid = 0;
	if (remote_dest_where(dest, own, &d) != REMOTE_NODE)
		return (0);	/* name@* is EDGE's (names.c) */
	memcpy(rs_out.node, d.node, d.nodelen);
	rs_out.node[d.nodelen] = '\0';
	node = rs_out.node;
	if (remote_send_ours(from, own))
		tlen = remote_send_text(rs_out.text, from, d.name, d.namelen,
		    topic, topiclen);
	if (tlen != 0) {
		remote_send_keep(own, from, dest, topic, topiclen, tlen);
		r = node_send_msg(node, rs_out.text, tlen, payload, plen,
		    &cause);
	} else
		r = remote_send_frame(node, FB_NODE_MSG, remote_send_env(from,
		    own, d.name, d.namelen, topic, topiclen), payload, plen,
		    &cause);
sent:
	if (r != 0) {
		broker->nundeliverable++;
		/* Too large is the sender's mistake to hear of, not a
		 * detail for -v. */
		if (strstr(cause, "too large") != NULL)
			log_warnx("%s: message to %s not sent: %s", from,
			    dest, cause);
		else
			log_info("%s: undeliverable message to %s (topic "
			    "%.*s): %s", from, dest, (int)topiclen, topic,
			    cause);
		return (1);
	}
	broker->nrouted++;
	remote_flow_sent(node, from, plen);
	return (1);
}

/* A message from node's `from` for our `to` with a topic of topiclen
 * bytes, checked as strings: NULL, or why it is dropped. */
static const char *
remote_send_bad(const char *node, const char *from, const char *to,
    size_t topiclen)
{
	const char	*why = NULL;

	if (remote_pid_check(from, node, &why) == NULL ||
	    remote_dest_check(to, &why) == NULL)
		return (why);
	if (topiclen == 0)
		return ("empty topic");
	return (NULL);
}

static struct proc	*remote_send_dst(const char *);

/* That message, checked (remote_send_bad): to `to`, if it is here and
 * takes it. plain: from and topic need no escaping. */
static void
remote_send_deliver(const char *node, const char *from, const char *to,
    const char *topic, size_t topiclen, int plain, const char *payload,
    size_t plen)
{
	struct proc	*dst;

	if ((dst = remote_send_dst(to)) == NULL || dst->kill_reason != NULL ||
	    !peer_writable(dst)) {
		broker->nundeliverable++;
		log_info("%s: undeliverable message to %s (topic %.*s)", from,
		    to, (int)topiclen, topic);
		return;
	}
	if (plain)
		route_message_plain(dst, from, strlen(from), topic, topiclen,
		    payload, plen);
	else
		route_message(dst, from, topic, payload, plen);
	if (dst->mbox.full)
		remote_pause_note(dst, node, from);
}

/* A message from their `from` for our `to`: 0, or -1 with *why. */
static int
remote_send_local(const char *node, const char *from, const char *to,
    const char *topic, size_t topiclen, int plain, const char *payload,
    size_t plen, const char **why)
{
	remote_flow_took(node, plen);
	if ((*why = remote_send_bad(node, from, to, topiclen)) != NULL)
		return (-1);
	remote_send_deliver(node, from, to, topic, topiclen, plain, payload,
	    plen);
	return (0);
}

/* FB_NODE_MSG: a message from their `from` for our `to`. */
int
remote_send_in(const char *node, json_t *env, const char *payload,
    size_t plen, const char **why)
{
	const char	*from, *to, *topic;

	if ((from = remote_str(env, "from", 1, REMOTE_PID_MAX, why)) == NULL ||
	    (to = remote_str(env, "to", 1, REMOTE_PID_MAX, why)) == NULL ||
	    (topic = remote_str(env, "topic", 1, FB_ENVELOPE_MAX,
	    why)) == NULL)
		return (-1);
	return (remote_send_local(node, from, to, topic, strlen(topic), 0,
	    payload, plen, why));
}

/* The plain JSON string at *s (after its opening quote) up to its closing
 * quote, then `next`: its bytes copied into out (max bytes at most, ended)
 * and *s moved past `next`. -1 when anything differs. */
static ssize_t
remote_send_field(const char **s, const char *end, char *out, size_t max,
    const char *next, size_t nextlen)
{
	size_t		 n = remote_send_plain_run(*s, end);
	const char	*q = *s + n;

	if (n > max || (size_t)(end - q) < nextlen ||
	    memcmp(q, next, nextlen) != 0)
		return (-1);
	memcpy(out, *s, n);
	out[n] = '\0';
	*s = q + nextlen;
	return ((ssize_t)n);
}

/*
 * FB_NODE_MSG around jansson (node_on_frame_fast): the rest of the
 * envelope exactly as remote_send_text writes it,
 * `,"from":"…","to":"…","topic":"…"}` to its last byte, none of the three
 * escaped. Checked as remote_send_in checks it; 0 for any other shape.
 */
#define REMOTE_SEND_TOPIC_FAST	1024

/* The envelope of the last FB_NODE_MSG matched by hand, and what its
 * checks said (NULL: passed), for the FB_NODE_MSG_AGAIN frames after it
 * (the node layer hands those on only right after it, from the same
 * node): theirs is the same outcome, without checking the same strings
 * again. */
static struct {
	int		 valid;
	const char	*why;
	char		 node[NODE_NAME_MAX + 1];
	char		 from[REMOTE_PID_MAX + 1], to[REMOTE_PID_MAX + 1];
	char		 topic[REMOTE_SEND_TOPIC_FAST + 1];
	size_t		 topiclen;
	struct proc	*dst;		/* `to`, found at relay_generation gen */
	uint64_t	 gen;
} rs_last;

/* remote_local(to). For the last text message's `to` (a stream of AGAIN
 * frames after it), the process found for it before, while no process
 * has been freed since (relay_generation: a freed one may be it) and it
 * is a pid (a name can move to another process): hashing the pid was a
 * tenth of the receiving broker's CPU at 16 B. */
static struct proc *
remote_send_dst(const char *to)
{
	struct proc	*p;

	if (to != rs_last.to || to[0] != '{')
		return (remote_local(to));
	if (rs_last.dst != NULL && rs_last.gen == relay_generation())
		return (rs_last.dst->finished ? NULL : rs_last.dst);
	p = remote_local(to);
	rs_last.dst = p;
	rs_last.gen = relay_generation();
	return (p);
}

int
remote_send_in_text(const char *node, const char *env, size_t elen,
    const char *payload, size_t plen)
{
	static const char	 k_from[] = ",\"from\":\"";
	const char		*s = env, *end = env + elen, *why = NULL;
	ssize_t			 topiclen;

	rs_last.valid = 0;
	rs_last.dst = NULL;
	if (elen < sizeof k_from - 1 ||
	    memcmp(s, k_from, sizeof k_from - 1) != 0)
		return (0);
	s += sizeof k_from - 1;
	if (remote_send_field(&s, end, rs_last.from, REMOTE_PID_MAX,
	    "\",\"to\":\"", 8) < 0 || remote_send_field(&s, end, rs_last.to,
	    REMOTE_PID_MAX, "\",\"topic\":\"", 11) < 0 ||
	    (topiclen = remote_send_field(&s, end, rs_last.topic,
	    REMOTE_SEND_TOPIC_FAST, "\"}", 2)) < 0 || s != end ||
	    strlen(node) > NODE_NAME_MAX)
		return (0);
	rs_last.topiclen = (size_t)topiclen;
	memcpy(rs_last.node, node, strlen(node) + 1);
	rs_last.valid = 1;
	rs_last.why = NULL;
	if (remote_send_local(node, rs_last.from, rs_last.to, rs_last.topic,
	    rs_last.topiclen, 1, payload, plen, &why) != 0) {
		rs_last.why = why;
		node_dropped(node, why);
	}
	return (1);
}

/* FB_NODE_MSG_AGAIN: one more message with the last one's envelope,
 * checked and handled as that one was. 0 when there is none from node. */
int
remote_send_again(const char *node, const char *payload, size_t plen)
{
	if (!rs_last.valid || strcmp(rs_last.node, node) != 0)
		return (0);
	remote_flow_took(node, plen);
	if (rs_last.why != NULL)
		node_dropped(node, rs_last.why);
	else
		remote_send_deliver(node, rs_last.from, rs_last.to,
		    rs_last.topic, rs_last.topiclen, 1, payload, plen);
	return (1);
}
