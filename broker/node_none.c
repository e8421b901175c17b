/* The node transport when forkbox is built without libnats: every way in
 * says so, and the rest is inert (node.h). */
#include "config.h"

#include <stdio.h>

#include "node.h"
#include "node_int.h"	/* node_conn_max_payload */

void
node_prepare(void)
{
}

int
node_start(struct event_base *base, const struct node_opts *o, char *err,
    size_t errlen)
{
	snprintf(err, errlen, "--nats, --node: forkbox was built without "
	    "NATS (configure --with-nats, libnats-dev)");
	return (-1);
}

void		 node_stop(void) { }
int		 node_enabled(void) { return (0); }
const char	*node_name(void) { return (NULL); }
const char	*node_cluster(void) { return (NULL); }
uint64_t	 node_incarnation(void) { return (0); }
int		 node_live(const char *name, uint64_t *inc) { return (0); }
json_t		*node_names(void) { return (json_array()); }
json_t		*node_status(void) { return (json_array()); }
void		 node_on_frame(node_frame_fn fn) { }
void		 node_on_frame_fast(node_fast_fn fn) { }
void		 node_on_lost(node_lost_fn fn) { }
void		 node_on_joined(node_joined_fn fn) { }
void		 node_dropped(const char *from, const char *why) { }
natsConnection	*node_conn(void) { return (NULL); }

size_t
node_rooms(const char *host_ref, struct node_room *out, size_t max)
{
	return (0);
}

void
node_counts(struct node_counts *c)
{
	*c = (struct node_counts){ 0 };
}

int
node_send(const char *to, uint16_t type, json_t *env, const char *payload,
    size_t plen, const char **cause)
{
	*cause = "noconnection";
	return (-1);
}

int
node_send_text(const char *to, uint16_t type, const char *env, size_t elen,
    const char *payload, size_t plen, const char **cause)
{
	*cause = "noconnection";
	return (-1);
}

int
node_send_msg(const char *to, const char *env, size_t elen,
    const char *payload, size_t plen, const char **cause)
{
	*cause = "noconnection";
	return (-1);
}

/* No NATS message to fit in: no message for another node fits. */
size_t		 node_conn_max_payload(void) { return (0); }

int
node_subscribe(const char *subject, const char *queue, node_msg_fn fn,
    void *arg)
{
	return (-1);
}

int
node_offload(void (*work)(void *), void (*done)(void *), void *arg)
{
	return (-1);
}

int
node_publish(const char *subject, const char *reply, const void *data,
    size_t len)
{
	return (-1);
}
