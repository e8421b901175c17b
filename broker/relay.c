/*
 * The message relay, the broker's hot path: FB_SEND in, FB_MSG out.
 *
 * A worker always writes the SEND envelope as {"to":"...","topic":"..."},
 * in that order, compact. When both strings are plain printable ASCII with
 * no escapes, that shape is matched by hand and the MSG envelope is put
 * together from a per-sender prefix ({"from":"<pid>","topic":") and the
 * topic bytes; nothing is allocated. Any other envelope (escapes, another
 * key order, extra keys, whitespace, UTF-8) goes through jansson and the
 * same checks, so what is accepted and what kills the sender with reason
 * "protocol" does not change. Payload bytes are copied, never parsed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>

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

/* The last sender's MSG envelope prefix; ids are never reused. */
static uint64_t		relay_prefix_id;
static char		relay_prefix[RELAY_PREFIX_MAX];
static size_t		relay_prefix_len;

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

/* {"from":"<pid>","topic":" for p, or NULL when its pid is not plain. */
static const char *
relay_sender(struct proc *p, size_t *lenp)
{
	size_t	len, i;

	if (relay_prefix_id == p->id) {
		*lenp = relay_prefix_len;
		return (relay_prefix);
	}
	len = strlen(p->pid);
	if (len + 32 > sizeof relay_prefix)
		return (NULL);
	for (i = 0; i < len; i++)
		if (!relay_plain_char(p->pid[i]))
			return (NULL);
	relay_prefix_len = (size_t)snprintf(relay_prefix,
	    sizeof relay_prefix, "{\"from\":\"%s\",\"topic\":\"", p->pid);
	relay_prefix_id = p->id;
	*lenp = relay_prefix_len;
	return (relay_prefix);
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

/* Checks shared by both paths. NULL when the message goes nowhere (not an
 * error of the sender); *cause set when it is a protocol error. */
static struct proc *
relay_dest(struct proc *p, const struct frame *f, const char *to,
    const char *topic, size_t topiclen, const char **cause)
{
	struct proc	*dst;

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
	/* Another node's (remote_send.c): sent there, or counted. */
	if (remote_send(p->pid, to, topic, topiclen, f->payload, f->plen))
		return (NULL);
	if ((dst = proc_resolve(to)) == NULL || dst->kill_reason != NULL ||
	    !peer_writable(dst)) {
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
	dst = relay_dest(p, f, to, topic, strlen(topic), cause);
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

/*
 * Relay one FB_SEND from p. Returns 0 (delivered, or dropped as
 * undeliverable), or -1 with *cause for a protocol error.
 */
int
relay_send(struct proc *p, const struct frame *f, const char **cause)
{
	struct frame		 m;
	struct evbuffer		*out;
	struct evbuffer_iovec	 v;
	struct proc		*dst;
	unsigned char		*w;
	const char		*to, *topic, *prefix;
	char			 dest[RELAY_DEST_MAX];
	size_t			 tolen, topiclen, plen, size;

	*cause = NULL;
	if (f->elen == 0) {
		*cause = "missing envelope";
		return (-1);
	}
	if (!relay_match(f, &to, &tolen, &topic, &topiclen) ||
	    tolen >= sizeof dest || (prefix = relay_sender(p, &plen)) == NULL)
		return (relay_send_json(p, f, cause));
	memcpy(dest, to, tolen);
	dest[tolen] = '\0';
	if ((dst = relay_dest(p, f, dest, topic, topiclen, cause)) == NULL)
		return (*cause != NULL ? -1 : 0);

	m.elen = (uint32_t)(plen + topiclen + sizeof relay_close - 1);
	m.len = m.elen + (uint32_t)f->plen;
	m.type = FB_MSG;
	m.flags = 0;
	m.ref = 0;
	/* Write the frame straight into one contiguous reservation of the
	 * destination's output buffer, committed once. */
	out = bufferevent_get_output(dst->bev);
	size = FB_HDR_SIZE + (size_t)m.len;
	if (mailbox_admit(dst, size) != 0) {
		relay_done(p, dst, 0);
		return (0);
	}
	if (evbuffer_reserve_space(out, (ev_ssize_t)size, &v, 1) != 1 ||
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
	relay_done(p, dst, 1);
	return (0);
}
