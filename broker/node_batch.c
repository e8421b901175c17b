/*
 * Frames for other nodes, batched: what one pass of the loop sends to a
 * node goes out as one NATS message (frames back to back, each with its
 * own header, up to the server's max_payload), published when the pass
 * ends. A stream of 16-byte messages then costs one publish per read of
 * the sender's socket instead of one per message, and a lone frame
 * leaves at once (libnats writes without its own 1 ms batching delay:
 * SendAsap). Order per destination is kept: anything else published on
 * a subject with frames waiting flushes them first.
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
	struct node_batch	*next;
};

static struct node_batch	*nb_list;
static struct event		*nb_ev;		/* the end of this pass */

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
	return (r);
}

static void
node_batch_pass_end(evutil_socket_t fd, short what, void *arg)
{
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

int
node_batch_add(const char *subject, const char *frame, size_t len,
    size_t max)
{
	struct node_batch	*b;
	size_t			 cap;
	char			*nbuf;

	if (nb_ev == NULL && (nb_ev = event_new(node_self.base, -1, 0,
	    node_batch_pass_end, NULL)) == NULL)
		return (node_conn_publish(subject, NULL, frame, len));
	if ((b = node_batch_find(subject, 1)) == NULL)
		return (-1);
	/* One message stays within max_payload: send what waits first. */
	if (b->len > 0 && b->len + len > max && node_batch_publish(b) != 0)
		return (-1);
	if (b->len + len > b->cap) {
		cap = b->cap > 0 ? b->cap : 4096;
		while (cap < b->len + len)
			cap *= 2;
		if ((nbuf = realloc(b->buf, cap)) == NULL)
			return (-1);
		b->buf = nbuf;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, frame, len);
	b->len += len;
	event_active(nb_ev, EV_TIMEOUT, 0);	/* once, whatever the count */
	return (0);
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
}
