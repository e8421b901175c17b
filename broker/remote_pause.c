/*
 * Backpressure across nodes (spec/api.md section 2, cluster.md section
 * 2): the same pauses as on one broker. The receiver's node, when it
 * queues a message from another node's process into a mailbox past half
 * its limit, sends that node FB_NODE_PAUSE {sender, receiver}; there the
 * sender is paused as for a local receiver (backpressure.c), for at most
 * its host's send_pause. The receiver's node remembers each pause it
 * asked for, sends it again only when the receiver took something since
 * (slow, not deaf: another send_pause), and FB_NODE_RESUME when the
 * receiver is below a quarter again or ends. A deaf receiver gets no new
 * PAUSE: its senders go on once their send_pause ran out, it reaches its
 * limit and is killed, as on one broker. The loss of either node ends
 * its pauses.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "remote.h"

/* A pause this node asked another for: its sender, our receiver. */
struct remote_pause {
	uint64_t		 receiver;	/* our process's id */
	char			*sender;	/* their pid */
	char			 node[REMOTE_NODE_MAX + 1];
	uint64_t		 mark;		/* what it had taken at the ask */
	TAILQ_ENTRY(remote_pause) entry;
};
static TAILQ_HEAD(, remote_pause) remote_pauses =
    TAILQ_HEAD_INITIALIZER(remote_pauses);

static void
remote_pause_free(struct remote_pause *rp)
{
	TAILQ_REMOVE(&remote_pauses, rp, entry);
	free(rp->sender);
	free(rp);
}

static void
remote_pause_tell(struct remote_pause *rp, uint16_t type, struct proc *r)
{
	const char	*cause;

	if (remote_send_frame(rp->node, type, json_pack("{s:s,s:s}",
	    "sender", rp->sender, "receiver", r->pid), NULL, 0, &cause) != 0)
		log_info("%s: could not tell node %s to %s %s: %s", r->pid,
		    rp->node, type == FB_NODE_PAUSE ? "pause" : "resume",
		    rp->sender, cause);
}

/* A message from node's `from` was just queued for r. */
void
remote_pause_note(struct proc *r, const char *node, const char *from)
{
	struct remote_pause	*rp;

	if (!r->mbox.full || r->mbox.deaf || r->kill_reason != NULL ||
	    r->host->host.send_pause_us <= 0)
		return;
	TAILQ_FOREACH(rp, &remote_pauses, entry)
		if (rp->receiver == r->id && strcmp(rp->sender, from) == 0)
			break;
	if (rp != NULL) {
		if (r->mbox.taken <= rp->mark)
			return;		/* asked already; deaf so far */
	} else {
		if ((rp = calloc(1, sizeof *rp)) == NULL ||
		    (rp->sender = strdup(from)) == NULL) {
			free(rp);
			return;		/* out of memory: not paused */
		}
		rp->receiver = r->id;
		snprintf(rp->node, sizeof rp->node, "%s", node);
		TAILQ_INSERT_TAIL(&remote_pauses, rp, entry);
	}
	rp->mark = r->mbox.taken;
	remote_pause_tell(rp, FB_NODE_PAUSE, r);
}

/* r is below a quarter again, or ends: its senders elsewhere go on. */
void
remote_pause_release(struct proc *r)
{
	struct remote_pause	*rp, *next;

	for (rp = TAILQ_FIRST(&remote_pauses); rp != NULL; rp = next) {
		next = TAILQ_NEXT(rp, entry);
		if (rp->receiver == r->id) {
			remote_pause_tell(rp, FB_NODE_RESUME, r);
			remote_pause_free(rp);
		}
	}
}

/* FB_NODE_PAUSE, FB_NODE_RESUME: their receiver, our sender. */
int
remote_pause_in(const char *node, uint16_t type, json_t *env,
    const char **why)
{
	const char	*sender;
	struct proc	*s;

	if ((sender = remote_pid_of(env, "sender", node_name(), why)) ==
	    NULL || remote_pid_of(env, "receiver", node, why) == NULL)
		return (-1);
	if ((s = remote_local(sender)) == NULL)
		return (0);	/* it ended meanwhile */
	if (type == FB_NODE_PAUSE)
		backpressure_pause_remote(s, node, 0);
	else
		backpressure_resume_remote(s, node);
	return (0);
}

/* node is lost: what it paused goes on, what we asked of it is void. */
void
remote_pause_lost(const char *node)
{
	struct remote_pause	*rp, *next;
	struct proc		*p;

	TAILQ_FOREACH(p, &broker->procs, entry_all)
		backpressure_resume_remote(p, node);
	for (rp = TAILQ_FIRST(&remote_pauses); rp != NULL; rp = next) {
		next = TAILQ_NEXT(rp, entry);
		if (strcmp(rp->node, node) == 0)
			remote_pause_free(rp);
	}
}

void
remote_pause_clear(void)
{
	while (!TAILQ_EMPTY(&remote_pauses))
		remote_pause_free(TAILQ_FIRST(&remote_pauses));
}
