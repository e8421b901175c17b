/*
 * Frames from other nodes' brokers (proto.h, FB_NODE_MSG..FB_NODE_EXIT):
 * the dispatcher, and the envelope checks the handlers share. The node
 * layer hands a frame over checked for shape only (a known type, sizes,
 * a live sender of the right incarnation); every key is checked here as
 * strictly as a worker's, and a frame that breaks anything is dropped
 * and counted (node_dropped), never half done: a handler checks all it
 * reads before it changes anything.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "remote.h"

/* A string key: no NUL inside, at most max bytes. NULL with *why when
 * required and missing, or when it is there and wrong. */
const char *
remote_str(json_t *env, const char *key, int required, size_t max,
    const char **why)
{
	json_t		*v = json_object_get(env, key);
	const char	*s;

	if (v == NULL && !required)
		return (NULL);
	if (!json_is_string(v)) {
		*why = "envelope key missing or not a string";
		return (NULL);
	}
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || strlen(s) > max) {
		*why = "envelope string with a NUL byte or too long";
		return (NULL);
	}
	return (s);
}

/* An optional boolean key: 0 when absent; -1 with *why when not a bool. */
int
remote_bool(json_t *env, const char *key, int *value, const char **why)
{
	json_t	*v = json_object_get(env, key);

	*value = 0;
	if (v == NULL)
		return (0);
	if (!json_is_boolean(v)) {
		*why = "envelope key not a boolean";
		return (-1);
	}
	*value = json_is_true(v);
	return (0);
}

/* "req": an integer >= 0. */
int
remote_req_id(json_t *env, uint64_t *req, const char **why)
{
	json_t	*v = json_object_get(env, "req");

	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		*why = "req missing or not an integer >= 0";
		return (-1);
	}
	*req = (uint64_t)json_integer_value(v);
	return (0);
}

/* s, a pid of `node`: one the sender gives as its own (node: the
 * sender), or one it names here (node: ours). s, or NULL with *why. */
const char *
remote_pid_check(const char *s, const char *node, const char **why)
{
	struct remote_pid	 pid;

	if (remote_pid_parse(s, strlen(s), &pid) != 0 || pid.node == NULL ||
	    strlen(node) != pid.nodelen ||
	    memcmp(pid.node, node, pid.nodelen) != 0) {
		*why = "not a pid of the node it must be on";
		return (NULL);
	}
	return (s);
}

/* s, a destination here: a pid of ours, or a name as registry.c takes
 * it. s, or NULL with *why. */
const char *
remote_dest_check(const char *s, const char **why)
{
	const char	*cause;

	if (s[0] == '{')
		return (remote_pid_check(s, node_name(), why));
	if (!registry_name_valid(s, &cause)) {
		*why = "destination neither a pid nor a name";
		return (NULL);
	}
	return (s);
}

/* A pid of `node` at key (remote_pid_check). */
const char *
remote_pid_of(json_t *env, const char *key, const char *node,
    const char **why)
{
	const char	*s;

	if ((s = remote_str(env, key, 1, REMOTE_PID_MAX, why)) == NULL)
		return (NULL);
	return (remote_pid_check(s, node, why));
}

/* A destination here at key (remote_dest_check). */
const char *
remote_dest_of(json_t *env, const char *key, const char **why)
{
	const char	*s;

	if ((s = remote_str(env, key, 1, REMOTE_PID_MAX, why)) == NULL)
		return (NULL);
	return (remote_dest_check(s, why));
}

/* The process here a checked destination names, if it still runs.
 * Names are looked up as they are (the sender took off its @node). */
struct proc *
remote_local(const char *dest)
{
	struct proc	*p;

	p = dest[0] == '{' ? proc_find_pid(dest) : registry_lookup(dest);
	return (p != NULL && !p->finished ? p : NULL);
}

/* Send a frame to node; env is taken. 0, or -1 with *cause. */
int
remote_send_frame(const char *node, uint16_t type, json_t *env,
    const char *payload, size_t plen, const char **cause)
{
	int	r;

	if (env == NULL) {
		*cause = "out of memory";
		return (-1);
	}
	r = node_send(node, type, env, payload, plen, cause);
	json_decref(env);
	return (r);
}

static void
remote_frame(const char *from, uint64_t inc, uint16_t type, json_t *env,
    const char *payload, size_t plen)
{
	const char	*why = NULL;
	int		 r = -1;

	if (plen != 0 && type != FB_NODE_MSG && type != FB_NODE_SPAWN &&
	    type != FB_NODE_EXIT)
		why = "payload on a frame that has none";
	else if (node_name() == NULL)
		why = "this broker has no node name";
	else {
		switch (type) {
		case FB_NODE_MSG:
			r = remote_send_in(from, env, payload, plen, &why);
			break;
		case FB_NODE_SPAWN:
			r = remote_spawn_in(from, env, payload, plen, &why);
			break;
		case FB_NODE_REQUEST:
			r = remote_req_in(from, env, &why);
			break;
		case FB_NODE_ANSWER:
			r = remote_req_answer(from, env, &why);
			break;
		case FB_NODE_UNTIE:
			r = remote_tie_untie_in(from, env, &why);
			break;
		case FB_NODE_EXIT:
			r = remote_tie_exit_in(from, env, payload, plen, &why);
			break;
		case FB_NODE_PAUSE:
		case FB_NODE_RESUME:
			r = remote_pause_in(from, type, env, &why);
			break;
		case FB_NODE_ACK:
			r = remote_flow_ack_in(from, env, &why);
			break;
		default:
			why = "unknown frame type";
			break;
		}
	}
	if (r != 0)
		node_dropped(from, why != NULL ? why : "malformed frame");
}

/* The hot frames around jansson (node_on_frame_fast): a message. */
static int
remote_frame_fast(const char *from, uint64_t inc, uint16_t type,
    const char *env, size_t elen, const char *payload, size_t plen)
{
	if (node_name() == NULL)
		return (0);
	if (type == FB_NODE_MSG)
		return (remote_send_in_text(from, env, elen, payload, plen));
	if (type == FB_NODE_MSG_AGAIN)
		return (remote_send_again(from, payload, plen));
	return (0);
}

static void
remote_lost(const char *node, uint64_t inc)
{
	remote_req_lost(node);
	remote_tie_lost(node);
	remote_pause_lost(node);
	remote_flow_reset(node);
}

static void
remote_joined(const char *node, uint64_t inc)
{
	remote_req_joined(node);
	remote_flow_reset(node);
}

static void
remote_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	if (node_name() == NULL)
		return;
	remote_req_exit(p, reason, error);
	remote_tie_exit(p, reason, error);
	remote_lineage_exit(p);
}

/* Once, after reap_init: take the node layer's frames and losses, and
 * hear of every exit. */
void
remote_init(void)
{
	node_on_frame(remote_frame);
	node_on_frame_fast(remote_frame_fast);
	node_on_lost(remote_lost);
	node_on_joined(remote_joined);
	reap_observe(remote_exit, NULL);
	remote_req_init();
}

void
remote_done(void)
{
	remote_req_done();
	remote_tie_clear();
	remote_lineage_clear();
	remote_pause_clear();
	remote_flow_clear();
}
