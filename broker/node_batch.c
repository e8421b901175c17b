/*
 * Frames for other nodes, batched: what one pass of the loop sends to a
 * node goes out as one NATS message (frames back to back, each with its
 * own header, up to NODE_BATCH_FILL), published when the pass
 * ends. A stream of 16-byte messages then costs one publish per read of
 * the sender's socket instead of one per message, and a lone frame
 * leaves at once: the pass ends by writing what libnats holds
 * (node_write.c), without its flusher's 1 ms wait and without blocking
 * the loop while the socket is full. Order per destination is kept:
 * anything else published on a subject with frames waiting flushes them
 * first. A run of messages with one envelope (one sender, receiver and
 * topic) writes it once: the frames after the first are
 * FB_NODE_MSG_AGAIN.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "log.h"
#include "node.h"
#include "node_int.h"

/* A destination with frames waiting. Few nodes: a short list. */
struct node_batch {
	char			 subject[NODE_SUBJECT_MAX];
	char			*buf;
	size_t			 len;
	size_t			 cap;
	/* The last frame in buf, when a FB_NODE_MSG_AGAIN may follow it:
	 * a FB_NODE_MSG (or one of those) with this envelope, sent by our
	 * incarnation lastinc. */
	int			 lastset;
	uint64_t		 lastinc;
	size_t			 lastlen;
	char			 last[NODE_AGAIN_ENV_MAX];
	struct node_batch	*next;
};

/*
 * A batch is sent before a frame would take it past this (or past
 * max_payload, if lower); a larger frame goes alone. The NATS server
 * copies a message that spans two of its reads (at most 64 KiB) into
 * one first: at 4 KiB messages, batches of up to 16 KiB cost it 8-10 us
 * of CPU per message where batches of ~60 KiB cost 10.5-13 us (perf stat
 * in bench/cluster.sh's setup), and what one loop pass reads from a
 * worker is 64 KiB.
 */
#define NODE_BATCH_FILL	(16u * 1024)

static struct node_batch	*nb_list;
static struct event		*nb_ev;		/* the end of this pass */
static int			 nb_active;	/* nb_ev made active */

static struct node_batch *
node_batch_find(const char *subject, int create)
{
	struct node_batch	*b;

	for (b = nb_list; b != NULL; b = b->next)
		if (strcmp(b->subject, subject) == 0)
			return (b);
	if (!create || (b = calloc(1, sizeof *b)) == NULL)
		return (NULL);
	snprintf(b->subject, sizeof b->subject, "%s", subject);
	b->next = nb_list;
	nb_list = b;
	return (b);
}

/* Publish what waits for b; 0, or -1 when NATS refused it (lost: the
 * frames are at most once). */
static int
node_batch_publish(struct node_batch *b)
{
	int	r;

	if (b->len == 0)
		return (0);
	r = node_conn_publish(b->subject, NULL, b->buf, b->len);
	b->len = 0;
	b->lastset = 0;
	return (r);
}

static void
node_batch_pass_end(evutil_socket_t fd, short what, void *arg)
{
	nb_active = 0;
	node_batch_flush_all();
}

void
node_batch_flush_all(void)
{
	struct node_batch	*b;

	for (b = nb_list; b != NULL; b = b->next)
		if (node_batch_publish(b) != 0)
			log_info("node: frames for %s lost: NATS refused "
			    "the publish", b->subject);
}

void
node_batch_flush(const char *subject)
{
	struct node_batch	*b;

	if ((b = node_batch_find(subject, 0)) != NULL &&
	    node_batch_publish(b) != 0)
		log_info("node: frames for %s lost: NATS refused the publish",
		    subject);
}

/* Whether len more bytes go in b's NATS message (max: max_payload). */
static int
node_batch_fits(const struct node_batch *b, size_t len, size_t max)
{
	return (b->len + len <= (max < NODE_BATCH_FILL ? max :
	    NODE_BATCH_FILL));
}

/* Room for len bytes at the end of what waits in b (what waits is sent
 * first when len does not fit). */
static char *
node_batch_room(struct node_batch *b, size_t len, size_t max)
{
	size_t	 cap;
	char	*nbuf, *w;

	if (b->len > 0 && !node_batch_fits(b, len, max) &&
	    node_batch_publish(b) != 0)
		return (NULL);
	if (b->len + len > b->cap) {
		cap = b->cap > 0 ? b->cap : 4096;
		while (cap < b->len + len)
			cap *= 2;
		if ((nbuf = realloc(b->buf, cap)) == NULL)
			return (NULL);
		b->buf = nbuf;
		b->cap = cap;
	}
	w = b->buf + b->len;
	b->len += len;
	/* Once a pass, whatever the count (event_active takes the base's
	 * lock: libnats' threads use the base too). */
	if (!nb_active) {
		nb_active = 1;
		event_active(nb_ev, EV_TIMEOUT, 0);
	}
	return (w);
}

static struct node_batch *
node_batch_get(const char *subject)
{
	if (nb_ev == NULL && (nb_ev = event_new(node_self.base, -1, 0,
	    node_batch_pass_end, NULL)) == NULL)
		return (NULL);
	return (node_batch_find(subject, 1));
}

/*
 * Room for len bytes of frames for subject, at the end of what waits for
 * it: the caller writes them there before the loop runs again. What
 * waits is sent first when len would take it over max (one NATS message
 * stays within max_payload, len <= max) or NODE_BATCH_FILL. NULL when
 * that failed or out of memory.
 */
char *
node_batch_reserve(const char *subject, size_t len, size_t max)
{
	struct node_batch	*b;
	char			*w;

	if ((b = node_batch_get(subject)) == NULL)
		return (NULL);
	if ((w = node_batch_room(b, len, max)) != NULL)
		b->lastset = 0;
	return (w);
}

/*
 * node_batch_reserve for a FB_NODE_MSG whose envelope (the keys after
 * "@node" and "@inc") is env, from our incarnation inc: when the frame
 * before it in the batch was one with the same envelope, *again is set
 * and the room is for again_len bytes, a FB_NODE_MSG_AGAIN; else for
 * len bytes, the FB_NODE_MSG.
 */
char *
node_batch_reserve_msg(const char *subject, const char *env, size_t elen,
    uint64_t inc, size_t len, size_t again_len, size_t max, int *again)
{
	struct node_batch	*b;
	char			*w;

	if ((b = node_batch_get(subject)) == NULL)
		return (NULL);
	*again = b->lastset && b->lastinc == inc && b->lastlen == elen &&
	    node_batch_fits(b, again_len, max) &&
	    memcmp(b->last, env, elen) == 0;
	if (*again)
		return (node_batch_room(b, again_len, max));
	if ((w = node_batch_room(b, len, max)) == NULL)
		return (NULL);
	b->lastset = elen <= sizeof b->last;
	if (b->lastset) {
		memcpy(b->last, env, elen);
		b->lastlen = elen;
		b->lastinc = inc;
	}
	return (w);
}

void
node_batch_free(void)
{
	struct node_batch	*b;

	while ((b = nb_list) != NULL) {
		nb_list = b->next;
		free(b->buf);
		free(b);
	}
	if (nb_ev != NULL)
		event_free(nb_ev);
	nb_ev = NULL;
	nb_active = 0;
}
