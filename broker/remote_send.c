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

/*
 * Route a message from `from` (a pid of ours, or an outside sender) to
 * dest if dest is on
 * another node: 1 when it was (sent there, or counted undeliverable), 0
 * when dest is for this broker. topic is topiclen bytes, not ended.
 */
int
remote_send(const char *from, const char *dest, const char *topic,
    size_t topiclen, const char *payload, size_t plen)
{
	struct remote_dest	 d;
	struct remote_pid	 pid;
	const char		*cause, *own = node_name();
	char			 node[REMOTE_NODE_MAX + 1];
	json_t			*env;

	if (own == NULL ||
	    remote_dest_where(dest, own, &d) != REMOTE_NODE)
		return (0);	/* name@* is EDGE's (names.c) */
	memcpy(node, d.node, d.nodelen);
	node[d.nodelen] = '\0';
	env = json_pack("{s:s,s:s%,s:s%}", "from", from, "to", d.name,
	    d.namelen, "topic", topic, topiclen);
	/* An outside sender ({forkbox|outside|N}) is no process of ours,
	 * but comes from this node all the same. */
	if (env != NULL && remote_pid_parse(from, strlen(from), &pid) == 0 &&
	    pid.node == NULL && json_object_set_new(env, "from",
	    json_sprintf("%.*s@%s}", (int)strlen(from) - 1, from, own)) != 0)
		env = (json_decref(env), NULL);
	if (remote_send_frame(node, FB_NODE_MSG, env, payload, plen,
	    &cause) != 0) {
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
	return (1);
}

/* FB_NODE_MSG: a message from their `from` for our `to`. */
int
remote_send_in(const char *node, json_t *env, const char *payload,
    size_t plen, const char **why)
{
	const char	*from, *to, *topic;
	struct proc	*dst;

	if ((from = remote_pid_of(env, "from", node, why)) == NULL ||
	    (to = remote_dest_of(env, "to", why)) == NULL ||
	    (topic = remote_str(env, "topic", 1, FB_ENVELOPE_MAX,
	    why)) == NULL)
		return (-1);
	if (*topic == '\0') {
		*why = "empty topic";
		return (-1);
	}
	if ((dst = remote_local(to)) == NULL || dst->kill_reason != NULL ||
	    !peer_writable(dst)) {
		broker->nundeliverable++;
		log_info("%s: undeliverable message to %s (topic %s)", from,
		    to, topic);
		return (0);
	}
	route_message(dst, from, topic, payload, plen);
	return (0);
}
