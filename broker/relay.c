/*
 * The message relay, the broker's hot path: FB_SEND in, FB_MSG out.
 *
 * A worker always writes the SEND envelope as {"to":"...","topic":"..."},
 * in that order, compact. When both strings are plain printable ASCII with
 * no escapes, that shape is matched by hand and the MSG envelope is put
 * together from a per-sender prefix ({"from":"<pid>","topic":") and the
 * topic bytes; nothing is allocated per message. Any other envelope
 * (escapes, another key order, extra keys, whitespace, UTF-8) goes through
 * jansson and the same checks, so what is accepted and what kills the
 * sender with reason "protocol" does not change. Payload bytes are copied,
 * never parsed.
 *
 * Each sender has a memo (proc->relay, made on its first message): its
 * MSG envelope prefix, and the last envelope it sent to a pid through the
 * fast path with the process that pid is. A stream of messages from one
 * sender to one pid on one topic repeats that envelope byte for byte, so
 * the next one skips the match and the lookup; every check that can
 * change between messages (size, the destination's state) is still made
 * for each. Only pids are kept, never names (a name can move to another
 * process). The destination is trusted only while no process has been
 * freed since it was found (relay_gen, counted by relay_forget): a freed
 * one may be it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cname.h"
#include "frame.h"
#include "log.h"
#include "natsapi.h"
#include "remote.h"

#define RELAY_DEST_MAX		512	/* longer destinations take the slow path */
#define RELAY_PREFIX_MAX	512

static const char	relay_to[] = "{\"to\":\"";
static const char	relay_topic[] = "\",\"topic\":\"";
static const char	relay_close[] = "\"}";

struct relay_memo {
	struct proc	*dst;		/* NULL: no envelope kept */
	uint64_t	 gen;		/* relay_gen when dst was found */
	char		*env;		/* elen bytes, then dest and a NUL */
	size_t		 cap;		/* bytes at env */
	size_t		 elen;
	size_t		 topic_off;	/* in env */
	size_t		 topiclen;
	size_t		 prefixlen;
	char		 prefix[];	/* {"from":"<pid>","topic":" */
};

/* Processes freed so far: a memo's destination found before the last
 * free may be gone. */
static uint64_t	relay_gen;

/* A byte that stands for itself inside a JSON string. */
static int
relay_plain_char(unsigned char c)
{
	return (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\');
}

/* Length of the plain JSON string at s (after its opening quote), up to
 * its closing quote; -1 when it holds anything else. */
static ssize_t
relay_plain(const char *s, const char *end)
{
	const char	*q;

	for (q = s; q < end && relay_plain_char(*q); q++)
		/* nothing */;
	if (q == end || *q != '"')
		return (-1);
	return (q - s);
}

/* Match the envelope a worker writes. 1 with to and topic set, else 0. */
static int
relay_match(const struct frame *f, const char **to, size_t *tolen,
    const char **topic, size_t *topiclen)
{
	const char	*s = f->env, *end = f->env + f->elen;
	ssize_t		 n;

	if (f->elen < sizeof relay_to - 1 ||
	    memcmp(s, relay_to, sizeof relay_to - 1) != 0)
		return (0);
	s += sizeof relay_to - 1;
	if ((n = relay_plain(s, end)) < 0)
		return (0);
	*to = s;
	*tolen = (size_t)n;
	s += n;
	if ((size_t)(end - s) < sizeof relay_topic - 1 ||
	    memcmp(s, relay_topic, sizeof relay_topic - 1) != 0)
		return (0);
	s += sizeof relay_topic - 1;
	if ((n = relay_plain(s, end)) < 0)
		return (0);
	*topic = s;
	*topiclen = (size_t)n;
	s += n;
	if ((size_t)(end - s) != sizeof relay_close - 1 ||
	    memcmp(s, relay_close, sizeof relay_close - 1) != 0)
		return (0);
	return (1);
}

/* p's memo, made on its first message; NULL when its pid is not plain
 * (or out of memory): the slow path then builds its envelope. */
static struct relay_memo *
relay_sender(struct proc *p)
{
	struct relay_memo	*m;
	size_t			 len, i;

	if (p->relay != NULL)
		return (p->relay);
	len = strlen(p->pid);
	if (len + 32 > RELAY_PREFIX_MAX)
		return (NULL);
	for (i = 0; i < len; i++)
		if (!relay_plain_char(p->pid[i]))
			return (NULL);
	if ((m = calloc(1, sizeof *m + len + 32)) == NULL)
		return (NULL);
	m->prefixlen = (size_t)snprintf(m->prefix, len + 32,
	    "{\"from\":\"%s\",\"topic\":\"", p->pid);
	p->relay = m;
	return (m);
}

/* Keep the envelope f (to dest, a pid) and the process dst it went to. */
static void
relay_remember(struct relay_memo *m, const struct frame *f, const char *dest,
    size_t tolen, const char *topic, size_t topiclen, struct proc *dst)
{
	char	*env;

	m->dst = NULL;
	if (f->elen + tolen + 1 > m->cap) {
		if ((env = realloc(m->env, f->elen + tolen + 1)) == NULL)
			return;
		m->env = env;
		m->cap = f->elen + tolen + 1;
	}
	memcpy(m->env, f->env, f->elen);
	memcpy(m->env + f->elen, dest, tolen + 1);
	m->elen = f->elen;
	m->topic_off = (size_t)(topic - f->env);
	m->topiclen = topiclen;
	m->gen = relay_gen;
	m->dst = dst;
}

/* A send to {nats|…}: published on an outside client's reply subject,
 * or refused (the worker refuses what is not one before sending; a
 * worker that does not is dropped, counted and logged). */
static void
relay_nats(struct proc *p, const struct frame *f, const char *to,
    const char *topic, size_t topiclen)
{
	const char	*cause;

	if (natsapi_publish(p->pid, to, topic, topiclen, f->payload, f->plen,
	    &cause) == 0) {
		broker->nrouted++;
		return;
	}
	broker->nundeliverable++;
	log_info("%s: message to %s refused: %s", p->pid, to, cause);
}

/* Counts the processes freed: a process found while it is unchanged is
 * still that process (remote_send.c keeps one so too). */
uint64_t
relay_generation(void)
{
	return (relay_gen);
}

/* p is freed: its memo goes, and no memo trusts its destination any
 * more (it may be p). */
void
relay_forget(struct proc *p)
{
	relay_gen++;
	if (p->relay != NULL) {
		free(p->relay->env);
		free(p->relay);
		p->relay = NULL;
	}
}

/*
 * The local process `to` names, or NULL. For a {nats|…} destination, an
 * unbound cluster name or another node's process, the message was taken
 * care of there (sent, or counted and logged): *gone is set. A bound
 * cluster name is its holder's pid: *top is changed to that.
 */
static struct proc *
relay_lookup(struct proc *p, const struct frame *f, const char **top,
    const char *topic, size_t topiclen, int *gone)
{
	const char	*to = *top;

	*gone = 1;
	if (natsapi_is_dest(to)) {
		relay_nats(p, f, to, topic, topiclen);
		return (NULL);
	}
	/* A cluster name is its holder's pid, wherever that runs. */
	if (cname_enabled() && cname_is(to) &&
	    (to = cname_resolve(to)) == NULL) {
		broker->nundeliverable++;
		log_info("%s: undeliverable message to an unbound cluster "
		    "name (topic %.*s)", p->pid, (int)topiclen, topic);
		return (NULL);
	}
	*top = to;
	/* Another node's (remote_send.c): sent there, or counted. */
	if (remote_send(p->pid, to, topic, topiclen, f->payload, f->plen))
		return (NULL);
	*gone = 0;
	return (proc_resolve(to));
}

/* Checks shared by every path. known is the local process the cache found
 * for `to`, or NULL to look it up. NULL when the message goes nowhere (not
 * an error of the sender); *cause set when it is a protocol error. */
static struct proc *
relay_dest(struct proc *p, const struct frame *f, const char *to,
    const char *topic, size_t topiclen, struct proc *known,
    const char **cause)
{
	struct proc	*dst;
	int		 gone;

	if (topiclen == 0) {
		*cause = "empty topic";
		return (NULL);
	}
	if (f->plen > p->host->host.max_message_size) {
		*cause = "message over max_message_size";
		return (NULL);
	}
	/* No answer to refuse with: counted and logged, as undeliverable. */
	if (to[0] != '{' && !perm_registry(p)) {
		perm_note(p, "send by name");
		return (NULL);
	}
	if (known != NULL)
		dst = known->finished ? NULL : known;	/* as proc_resolve */
	else if ((dst = relay_lookup(p, f, &to, topic, topiclen, &gone)) ==
	    NULL && gone)
		return (NULL);
	if (dst == NULL || dst->kill_reason != NULL || !peer_writable(dst)) {
		broker->nundeliverable++;
		log_info("%s: undeliverable message to %s (topic %.*s)",
		    p->pid, to, (int)topiclen, topic);
		return (NULL);
	}
	return (dst);
}

/* A message for dst was queued, or refused by its mailbox. */
static void
relay_done(struct proc *p, struct proc *dst, int queued)
{
	if (!queued) {
		broker->nundeliverable++;
		return;
	}
	broker->nrouted++;
	if (dst->mbox.full)
		backpressure_pause(p, dst);
}

/* The slow path: any valid envelope, through jansson. */
static int
relay_send_json(struct proc *p, const struct frame *f, const char **cause)
{
	json_t		*env, *out;
	json_error_t	 jerr;
	const char	*to, *topic;
	struct proc	*dst;
	int		 r = -1;

	env = json_loadb(f->env, f->elen, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(env)) {
		*cause = "envelope is not a JSON object";
		goto out;
	}
	if ((to = route_str(env, "to", 1, cause)) == NULL ||
	    (topic = route_str(env, "topic", 1, cause)) == NULL)
		goto out;
	r = 0;
	dst = relay_dest(p, f, to, topic, strlen(topic), NULL, cause);
	if (dst == NULL) {
		if (*cause != NULL)
			r = -1;
		goto out;
	}
	out = json_pack("{s:s,s:s}", "from", p->pid, "topic", topic);
	relay_done(p, dst, out != NULL && peer_send(dst, FB_MSG, 0, out,
	    f->payload, f->plen) == 0);
	json_decref(out);
out:
	json_decref(env);
	return (r);
}

/* Queue the MSG frame for dst: the envelope from the sender's prefix and
 * the topic, the payload as it came. */
static int
relay_write(struct proc *p, const struct frame *f, struct proc *dst,
    const char *prefix, size_t plen, const char *topic, size_t topiclen)
{
	struct frame		 m;
	struct evbuffer		*out;
	struct evbuffer_iovec	 v;
	unsigned char		*w;
	size_t			 size;

	m.elen = (uint32_t)(plen + topiclen + sizeof relay_close - 1);
	m.len = m.elen + (uint32_t)f->plen;
	m.type = FB_MSG;
	m.flags = 0;
	m.ref = 0;
	/* Write the frame straight into one contiguous reservation of the
	 * destination's output buffer, committed once. */
	out = peer_output(dst);
	size = FB_HDR_SIZE + (size_t)m.len;
	if (mailbox_admit(dst, size) != 0) {
		relay_done(p, dst, 0);
		return (0);
	}
	if (peer_room(dst, size) != 0 ||
	    evbuffer_reserve_space(out, (ev_ssize_t)size, &v, 1) != 1 ||
	    v.iov_len < size) {
		/* Only out of memory gets here. */
		proc_kill(dst, "error", "out of memory relaying a message");
		broker->nundeliverable++;
		return (0);
	}
	w = v.iov_base;
	frame_pack_header(w, &m);
	w += FB_HDR_SIZE;
	memcpy(w, prefix, plen);
	w += plen;
	memcpy(w, topic, topiclen);
	w += topiclen;
	memcpy(w, relay_close, sizeof relay_close - 1);
	w += sizeof relay_close - 1;
	if (f->plen != 0)
		memcpy(w, f->payload, f->plen);
	v.iov_len = size;
	if (evbuffer_commit_space(out, &v, 1) != 0)
		fatalx("evbuffer_commit_space");
	mailbox_queued(dst, size);
	peer_flush_later(dst);
	relay_done(p, dst, 1);
	return (0);
}

/*
 * Relay one FB_SEND from p. Returns 0 (delivered, or dropped as
 * undeliverable), or -1 with *cause for a protocol error.
 */
int
relay_send(struct proc *p, const struct frame *f, const char **cause)
{
	struct relay_memo	*m;
	struct proc		*dst;
	const char		*to, *topic;
	char			 dest[RELAY_DEST_MAX];
	size_t			 tolen, topiclen;

	*cause = NULL;
	if (f->elen == 0) {
		*cause = "missing envelope";
		return (-1);
	}
	if ((m = relay_sender(p)) != NULL && m->dst != NULL &&
	    m->gen == relay_gen && f->elen == m->elen &&
	    memcmp(f->env, m->env, f->elen) == 0) {
		topic = m->env + m->topic_off;
		dst = relay_dest(p, f, m->env + m->elen, topic, m->topiclen,
		    m->dst, cause);
		if (dst == NULL)
			return (*cause != NULL ? -1 : 0);
		return (relay_write(p, f, dst, m->prefix, m->prefixlen, topic,
		    m->topiclen));
	}
	if (m == NULL || !relay_match(f, &to, &tolen, &topic, &topiclen) ||
	    tolen >= sizeof dest)
		return (relay_send_json(p, f, cause));
	memcpy(dest, to, tolen);
	dest[tolen] = '\0';
	if ((dst = relay_dest(p, f, dest, topic, topiclen, NULL, cause)) ==
	    NULL)
		return (*cause != NULL ? -1 : 0);
	if (dest[0] == '{')
		relay_remember(m, f, dest, tolen, topic, topiclen, dst);
	return (relay_write(p, f, dst, m->prefix, m->prefixlen, topic,
	    topiclen));
}
