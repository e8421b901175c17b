/*
 * Membership: joining under a name no live node holds, the table of the
 * other nodes from their heartbeats, and losing them (spec/cluster.md
 * section 2). Everything here runs on the loop thread.
 *
 * Joining (the claim). A node subscribes to <cluster>.claim.<name>, then
 * publishes FB_NODE_CLAIM there with a reply subject and waits for an
 * answer, at most the node timeout (at once when the server says nobody
 * listens). The live holder of the name answers FB_NODE_TAKEN; so does
 * a rival claimant of the name whose incarnation is lower, and a rival
 * whose incarnation is higher gives up. The server handles one
 * connection's SUB before its PUB, so of two claimants at least one has
 * subscribed before the other's claim arrives: it sees that claim, and
 * both settle on the lower incarnation. No JetStream needed.
 *
 * Loss. A node is lost when no heartbeat came from it for the timeout,
 * when it says goodbye, when another incarnation of it heartbeats, or
 * when our own connection stays down for the timeout (then every node is
 * lost to us, and we take a new incarnation: the others lost us too).
 * A lost incarnation stays dead: if it still heartbeats we tell it
 * (FB_NODE_LOST), and it takes a new incarnation and joins again. A node
 * that takes a new incarnation loses the others without marking them
 * dead: they join it again as they are.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "duration.h"
#include "log.h"
#include "node.h"
#include "node_int.h"

/* Bounds on what other nodes make us keep: names remembered (live or
 * not), lost incarnations per name, hosts per heartbeat. */
#define NODE_PEERS_MAX		256
#define NODE_DEAD_MAX		8
#define NODE_HOSTS_MAX		256

struct node_peer {
	char		 name[NODE_NAME_MAX + 1];
	uint64_t	 inc;		/* live, or the last one seen */
	int		 live;
	double		 started;	/* unix seconds, its own word */
	int64_t		 last_us;	/* monotonic, last heartbeat */
	json_t		*hosts;		/* {ref: [live, max]} */
	uint64_t	 dead[NODE_DEAD_MAX];	/* a ring */
	size_t		 ndead;
	int		 bye;		/* said goodbye in this read: lost
					 * once its frames are taken */
	uint64_t	 bye_inc;
};

static struct {
	struct hmap	 peers;		/* name -> node_peer */
	struct event	*hb_timer;
	struct event	*check_timer;
	int		 down;		/* own connection down */
	int64_t		 down_since;
	int		 down_lost;	/* everyone was lost for it */
	int		 warned_twin;	/* another node heartbeats as us */
	int		 byes;		/* a peer has bye set */

	/* The claim, while joining. */
	int		 claiming;
	int		 claim_done;
	char		 claim_winner[32];	/* who refused us, or "" */
	char		 subj_claim[NODE_SUBJECT_MAX];
	char		 subj_inbox[NODE_SUBJECT_MAX];
} nm;

static int64_t
node_member_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

static struct timeval
node_member_tv(int64_t us)
{
	struct timeval	tv;

	tv.tv_sec = us / 1000000;
	tv.tv_usec = us % 1000000;
	return (tv);
}

static int
node_member_is_dead(const struct node_peer *np, uint64_t inc)
{
	size_t	i;

	for (i = 0; i < np->ndead && i < NODE_DEAD_MAX; i++)
		if (np->dead[i] == inc)
			return (1);
	return (0);
}

/*
 * np is lost to us. dead: its incarnation ended for us, and stays dead.
 * Not when we are the one taking a new incarnation: then the others did
 * not end, they only lose our old self, and join us again as they are
 * (marking them dead would have each side tell the other, forever).
 */
static void
node_member_lose(struct node_peer *np, const char *why, int dead)
{
	uint64_t	inc = np->inc;

	np->live = 0;
	if (dead)
		np->dead[np->ndead++ % NODE_DEAD_MAX] = inc;
	json_decref(np->hosts);
	np->hosts = NULL;
	node_self.counts.lost++;
	log_info("node %s lost (incarnation %016" PRIx64 "): %s", np->name,
	    inc, why);
	node_lost_call(np->name, inc);
}

static void
node_member_lose_each(const char *name, void *value, void *arg)
{
	struct node_peer	*np = value;

	if (np->live)
		node_member_lose(np, arg, 0);
}

/* Every node is lost to us, so we are lost to them: a new incarnation. */
static void
node_member_lose_all(const char *why)
{
	hmap_foreach(&nm.peers, node_member_lose_each, (void *)why);
	node_self.inc = node_new_incarnation();
	log_info("node %s: now incarnation %016" PRIx64, node_self.name,
	    node_self.inc);
}

/* {host ref: [live, max_processes]} of this node's hosts. */
static json_t *
node_member_own_hosts(void)
{
	struct app		*app = broker->app;
	struct app_entry	*h;
	json_t			*hosts = json_object();
	size_t			 i;

	for (i = 0; app != NULL && i <= app->nentries; i++) {
		h = i < app->nentries ? app->entries[i] : &broker->default_host;
		if (h->kind != APP_HOST)
			continue;
		json_object_set_new(hosts, h->ref, json_pack("[I,I]",
		    (json_int_t)proc_host_state(h)->live,
		    (json_int_t)h->host.max_processes));
	}
	return (hosts);
}

static void
node_member_heartbeat(evutil_socket_t fd, short what, void *arg)
{
	json_t		*env;
	const char	*cause;

	if (nm.down)
		return;		/* libnats would only buffer a stale one */
	env = json_pack("{s:f,s:o}", "started", node_self.started, "hosts",
	    node_member_own_hosts());
	if (node_publish_frame(node_self.subj_hb, NULL, FB_NODE_HEARTBEAT, 0,
	    env, &cause) != 0)
		log_debug("node: heartbeat not sent: %s", cause);
	json_decref(env);
}

static void
node_member_check_one(const char *name, void *value, void *arg)
{
	struct node_peer	*np = value;
	int64_t			 now = *(int64_t *)arg;
	char			 d[32], why[64];

	if (np->live && now - np->last_us >= node_self.timeout_us) {
		snprintf(why, sizeof why, "no heartbeat for %s",
		    duration_format(node_self.timeout_us, d, sizeof d));
		node_member_lose(np, why, 1);
	}
}

static void
node_member_check(evutil_socket_t fd, short what, void *arg)
{
	int64_t	now = node_member_now();
	char	d[32], why[96];

	if (nm.down) {
		if (!nm.down_lost &&
		    now - nm.down_since >= node_self.timeout_us) {
			nm.down_lost = 1;
			snprintf(why, sizeof why, "own NATS connection down "
			    "for %s", duration_format(node_self.timeout_us, d,
			    sizeof d));
			node_member_lose_all(why);
		}
		return;
	}
	hmap_foreach(&nm.peers, node_member_check_one, &now);
}

void
node_member_conn(int up)
{
	if (!up) {
		if (!nm.down) {
			nm.down = 1;
			nm.down_since = node_member_now();
			nm.down_lost = 0;
			log_warnx("node %s: NATS connection lost, reconnecting",
			    node_self.name);
		}
		return;
	}
	if (!nm.down)
		return;
	nm.down = 0;
	log_warnx("node %s: NATS connection back%s", node_self.name,
	    nm.down_lost ? " (as a new incarnation)" : "");
	node_member_heartbeat(-1, 0, NULL);
}

static void
node_member_find_gone(const char *name, void *value, void *arg)
{
	struct node_peer	*np = value, **gone = arg;

	if (!np->live && *gone == NULL)
		*gone = np;
}

static struct node_peer *
node_member_peer(const char *name, int create)
{
	struct node_peer	*np, *gone = NULL;

	if ((np = hmap_get(&nm.peers, name)) != NULL || !create)
		return (np);
	if (nm.peers.count >= NODE_PEERS_MAX) {
		/* Full: forget a node that is not live (names a forger
		 * made up must not keep a real node out). */
		hmap_foreach(&nm.peers, node_member_find_gone, &gone);
		if (gone == NULL)
			return (NULL);
		hmap_del(&nm.peers, gone->name);
		json_decref(gone->hosts);
		free(gone);
	}
	if ((np = calloc(1, sizeof *np)) == NULL)
		return (NULL);
	memcpy(np->name, name, strlen(name) + 1);
	if (hmap_put(&nm.peers, name, np) != 0) {
		free(np);
		return (NULL);
	}
	return (np);
}

/* "hosts": at most NODE_HOSTS_MAX of ref: [live, max], 0 <= live. */
static int
node_member_hosts_valid(json_t *hosts)
{
	const char	*ref;
	json_t		*v;

	if (!json_is_object(hosts) || json_object_size(hosts) > NODE_HOSTS_MAX)
		return (0);
	json_object_foreach(hosts, ref, v) {
		if (!json_is_array(v) || json_array_size(v) != 2 ||
		    !json_is_integer(json_array_get(v, 0)) ||
		    !json_is_integer(json_array_get(v, 1)) ||
		    json_integer_value(json_array_get(v, 0)) < 0 ||
		    json_integer_value(json_array_get(v, 1)) < 0 ||
		    strlen(ref) > FB_NAME_MAX)
			return (0);
	}
	return (1);
}

static void
node_member_heartbeat_in(struct node_peer *np, const struct node_frame *nf)
{
	json_t	*hosts = json_object_get(nf->env, "hosts");
	json_t	*started = json_object_get(nf->env, "started");

	if (!json_is_number(started) || !node_member_hosts_valid(hosts)) {
		node_dropped(nf->from, "malformed heartbeat");
		return;
	}
	if (np->live && np->inc != nf->inc)
		node_member_lose(np, "came back as a new incarnation", 1);
	json_decref(np->hosts);
	np->hosts = json_incref(hosts);
	np->started = json_number_value(started);
	np->last_us = node_member_now();
	if (!np->live) {
		np->live = 1;
		np->inc = nf->inc;
		node_self.counts.joined++;
		log_info("node %s joined (incarnation %016" PRIx64 ")",
		    np->name, np->inc);
		node_joined_call(np->name, np->inc);
		/* The newcomer hears of us now, not at our next beat: until
		 * then it drops what we send it (node_member_accepts), and a
		 * request of ours to it would go unanswered. */
		node_member_heartbeat(-1, 0, NULL);
	}
}

/* A heartbeat or a goodbye on <cluster>.hb. */
void
node_member_frame(const struct node_frame *nf, const char *reply)
{
	struct node_peer	*np;
	const char		*cause;

	if (strcmp(nf->from, node_self.name) == 0) {
		if (nf->inc == node_self.inc)
			return;
		if (nm.claiming) {
			snprintf(nm.claim_winner, sizeof nm.claim_winner,
			    "%016" PRIx64, nf->inc);
			nm.claim_done = 1;
		} else if (!nm.warned_twin) {
			nm.warned_twin = 1;
			log_warnx("node %s: another node (incarnation %016"
			    PRIx64 ") uses this name", node_self.name,
			    nf->inc);
		}
		return;
	}
	if ((np = node_member_peer(nf->from, nf->type == FB_NODE_HEARTBEAT))
	    == NULL) {
		if (nf->type == FB_NODE_HEARTBEAT)
			node_dropped(nf->from, "too many nodes");
		return;
	}
	if (node_member_is_dead(np, nf->inc)) {
		/* A lost incarnation still talks: it must start over. */
		if (nf->type == FB_NODE_HEARTBEAT) {
			char	subj[NODE_SUBJECT_MAX];

			snprintf(subj, sizeof subj, "%s.node.%s",
			    node_self.cluster, nf->from);
			if (node_publish_frame(subj, NULL, FB_NODE_LOST,
			    nf->inc, NULL, &cause) != 0)
				log_debug("node: lost notice: %s", cause);
		}
		return;
	}
	if (nf->type == FB_NODE_BYE) {
		/* Its last frames came before it but may be taken after it
		 * (heartbeats are taken first in each read): it leaves once
		 * they are (node_member_settle). */
		if (np->live && np->inc == nf->inc) {
			np->bye = 1;
			np->bye_inc = nf->inc;
			nm.byes = 1;
		}
		return;
	}
	node_member_heartbeat_in(np, nf);
}

static void
node_member_settle_one(const char *name, void *value, void *arg)
{
	struct node_peer	*np = value;

	if (!np->bye)
		return;
	np->bye = 0;
	if (np->live && np->inc == np->bye_inc)
		node_member_lose(np, "left", 1);
}

/* After the frames of a read: the goodbyes in it take effect. */
void
node_member_settle(void)
{
	if (!nm.byes)
		return;
	nm.byes = 0;
	hmap_foreach(&nm.peers, node_member_settle_one, NULL);
}

/* FB_NODE_LOST for us: the sender lost this incarnation. */
void
node_member_told_lost(const struct node_frame *nf)
{
	char	why[128];

	if (nf->ref != node_self.inc) {
		/* An older one of ours (already renewed), or forged. */
		node_dropped(nf->from, "for another incarnation of this node");
		return;
	}
	snprintf(why, sizeof why, "node %s had lost this node", nf->from);
	log_info("node %s: %s", node_self.name, why);
	node_member_lose_all(why);
	node_member_heartbeat(-1, 0, NULL);
}

int
node_member_accepts(const struct node_frame *nf, const char **cause)
{
	struct node_peer	*np = node_member_peer(nf->from, 0);

	if (np == NULL || !np->live || np->inc != nf->inc) {
		*cause = "from a node that is not live";
		return (0);
	}
	if (nf->ref != node_self.inc) {
		*cause = "for another incarnation of this node";
		return (0);
	}
	return (1);
}

/* A claim of our name (on <cluster>.claim.<name>) or an answer to ours. */
static void
node_member_claim_msg(natsMsg *msg, void *arg)
{
	struct node_frame	 nf;
	const char		*cause, *reply = natsMsg_GetReply(msg);
	int			 answer = 0;

	/* Nobody else listens on our name's claim subject: nobody holds or
	 * claims it now, and a later claimant will hear from us. */
	if (arg != NULL && natsMsg_IsNoResponders(msg)) {
		if (nm.claiming)
			nm.claim_done = 1;
		goto out;
	}
	if (node_frame_unpack(natsMsg_GetData(msg),
	    (size_t)natsMsg_GetDataLength(msg), &nf, &cause) != 0) {
		node_dropped("?", cause);
		goto out;
	}
	if (strcmp(nf.from, node_self.name) != 0 || nf.inc == node_self.inc) {
		node_dropped(nf.from, "claim for another name");
		goto done;
	}
	if (arg != NULL) {	/* on our inbox */
		if (nf.type == FB_NODE_TAKEN && nm.claiming) {
			snprintf(nm.claim_winner, sizeof nm.claim_winner,
			    "%016" PRIx64, nf.inc);
			nm.claim_done = 1;
		}
		goto done;
	}
	if (nf.type != FB_NODE_CLAIM || reply == NULL) {
		node_dropped(nf.from, "malformed claim");
		goto done;
	}
	if (!nm.claiming)
		answer = 1;		/* we hold it */
	else if (node_self.inc < nf.inc)
		answer = 1;		/* we win the tie */
	else {
		snprintf(nm.claim_winner, sizeof nm.claim_winner,
		    "%016" PRIx64, nf.inc);
		nm.claim_done = 1;
	}
	if (answer && node_publish_frame(reply, NULL, FB_NODE_TAKEN, nf.inc,
	    NULL, &cause) != 0)
		log_warnx("node %s: cannot answer a claim of its name: %s",
		    node_self.name, cause);
done:
	node_frame_free(&nf);
out:
	natsMsg_Destroy(msg);
}

static void
node_member_claim_window(evutil_socket_t fd, short what, void *arg)
{
	nm.claim_done = 1;
}

static int
node_member_claim(char *err, size_t errlen)
{
	struct event	*ev;
	struct timeval	 tv;
	natsInbox	*inbox = NULL;
	const char	*cause;
	/*
	 * Someone listens on the name (else the server answers at once, no
	 * responders): its holder, or a rival claimant. It may answer late,
	 * its loop stalled on a loaded machine: we wait for it as long as we
	 * would take it for live, not a sixth of that (we joined next to a
	 * live holder that answered 200 ms late). Racing a rival that gave
	 * way in silence costs the winner that wait.
	 */
	int64_t		 window = node_self.timeout_us;

	snprintf(nm.subj_claim, sizeof nm.subj_claim, "%s.claim.%s",
	    node_self.cluster, node_self.name);
	if (natsInbox_Create(&inbox) != NATS_OK) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	snprintf(nm.subj_inbox, sizeof nm.subj_inbox, "%s", inbox);
	natsInbox_Destroy(inbox);
	nm.claiming = 1;
	if (node_subscribe(nm.subj_claim, NULL, node_member_claim_msg, NULL)
	    != 0 || node_subscribe(nm.subj_inbox, NULL, node_member_claim_msg,
	    &nm) != 0 || node_publish_frame(nm.subj_claim, nm.subj_inbox,
	    FB_NODE_CLAIM, 0, NULL, &cause) != 0) {
		snprintf(err, errlen, "cannot claim the node name on NATS");
		return (-1);
	}
	/* The broker runs nothing yet: its loop is ours until decided. */
	tv = node_member_tv(window);
	if ((ev = evtimer_new(node_self.base, node_member_claim_window, NULL))
	    == NULL || evtimer_add(ev, &tv) != 0)
		fatalx("node: cannot set the claim timer");
	while (!nm.claim_done && !event_base_got_exit(node_self.base))
		event_base_loop(node_self.base, EVLOOP_ONCE);
	event_free(ev);
	nm.claiming = 0;
	if (!nm.claim_done) {	/* SIGINT/SIGTERM meanwhile */
		snprintf(err, errlen, "stopped while joining the cluster");
		return (-1);
	}
	if (nm.claim_winner[0] != '\0') {
		snprintf(err, errlen, "node name %s is already taken in "
		    "cluster %s (live incarnation %s)", node_self.name,
		    node_self.cluster, nm.claim_winner);
		return (-1);
	}
	return (0);
}

int
node_member_join(char *err, size_t errlen)
{
	struct timeval	tv;
	int64_t		check = node_self.timeout_us / 10;

	hmap_init(&nm.peers);
	if (node_member_claim(err, errlen) != 0)
		return (-1);
	if (check < 10000)
		check = 10000;
	if (check > 250000)
		check = 250000;
	nm.hb_timer = event_new(node_self.base, -1, EV_PERSIST,
	    node_member_heartbeat, NULL);
	nm.check_timer = event_new(node_self.base, -1, EV_PERSIST,
	    node_member_check, NULL);
	tv = node_member_tv(node_self.timeout_us / 3);
	if (nm.hb_timer == NULL || nm.check_timer == NULL ||
	    evtimer_add(nm.hb_timer, &tv) != 0)
		fatalx("node: cannot set the heartbeat timer");
	tv = node_member_tv(check);
	if (evtimer_add(nm.check_timer, &tv) != 0)
		fatalx("node: cannot set the heartbeat timer");
	node_member_heartbeat(-1, 0, NULL);	/* the join */
	log_info("node %s joined cluster %s (incarnation %016" PRIx64 ")",
	    node_self.name, node_self.cluster, node_self.inc);
	return (0);
}

static void
node_member_free_one(const char *name, void *value, void *arg)
{
	struct node_peer	*np = value;

	json_decref(np->hosts);
	free(np);
}

void
node_member_stop(void)
{
	const char	*cause;

	/* The frames this last pass made (EXITs of processes stopped)
	 * before the goodbye: after it they are from a lost node. */
	node_batch_flush_all();
	if (nm.hb_timer != NULL && !nm.down &&
	    node_publish_frame(node_self.subj_hb, NULL, FB_NODE_BYE, 0, NULL,
	    &cause) != 0)
		log_debug("node: goodbye not sent: %s", cause);
	if (nm.hb_timer != NULL)
		event_free(nm.hb_timer);
	if (nm.check_timer != NULL)
		event_free(nm.check_timer);
	nm.hb_timer = nm.check_timer = NULL;
	hmap_foreach(&nm.peers, node_member_free_one, NULL);
	hmap_clear(&nm.peers);
}

/* ---- what the rest of the broker asks ------------------------------- */

int
node_live(const char *name, uint64_t *incarnation)
{
	struct node_peer	*np;
	uint64_t		 inc;

	if (!node_self.enabled || name == NULL)
		return (0);
	if (strcmp(name, node_self.name) == 0)
		inc = node_self.inc;
	else if ((np = node_member_peer(name, 0)) != NULL && np->live)
		inc = np->inc;
	else
		return (0);
	if (incarnation != NULL)
		*incarnation = inc;
	return (1);
}

struct node_member_list {
	const struct node_peer	**v;
	size_t			  n;
};

static void
node_member_collect(const char *name, void *value, void *arg)
{
	struct node_member_list	*l = arg;
	const struct node_peer	*np = value;

	if (np->live)
		l->v[l->n++] = np;
}

static int
node_member_cmp(const void *a, const void *b)
{
	const struct node_peer	*pa = *(const struct node_peer *const *)a;
	const struct node_peer	*pb = *(const struct node_peer *const *)b;

	return (strcmp(pa->name, pb->name));
}

/* The live nodes, sorted by name, this one included (as a peer made up
 * for the occasion, with its hosts when asked); v is malloc'd, NULL
 * without memory. */
static const struct node_peer **
node_member_sorted(struct node_peer *self, int hosts, size_t *np)
{
	struct node_member_list	l;

	if ((l.v = calloc(nm.peers.count + 1, sizeof *l.v)) == NULL)
		return (NULL);
	l.n = 0;
	memset(self, 0, sizeof *self);
	memcpy(self->name, node_self.name, sizeof self->name);
	self->inc = node_self.inc;
	self->live = 1;
	self->started = node_self.started;
	self->last_us = node_member_now();
	self->hosts = hosts ? node_member_own_hosts() : NULL;
	l.v[l.n++] = self;
	hmap_foreach(&nm.peers, node_member_collect, &l);
	qsort(l.v, l.n, sizeof *l.v, node_member_cmp);
	*np = l.n;
	return (l.v);
}

json_t *
node_names(void)
{
	struct node_peer	  self;
	const struct node_peer	**v;
	json_t			 *a = json_array();
	size_t			  i, n;

	if (!node_self.enabled || (v = node_member_sorted(&self, 0, &n)) == NULL)
		return (a);
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]->name));
	free(v);
	json_decref(self.hosts);
	return (a);
}

json_t *
node_status(void)
{
	struct node_peer	  self;
	const struct node_peer	**v;
	json_t			 *a = json_array(), *hosts, *h;
	const char		 *ref;
	char			  inc[17];
	size_t			  i, n;
	int64_t			  now = node_member_now();
	double			  up;

	if (!node_self.enabled || (v = node_member_sorted(&self, 1, &n)) == NULL)
		return (a);
	for (i = 0; i < n; i++) {
		hosts = json_object();
		json_object_foreach(v[i]->hosts, ref, h) {
			json_object_set_new(hosts, ref, json_pack("{s:O,s:O}",
			    "live", json_array_get(h, 0),
			    "max", json_array_get(h, 1)));
		}
		snprintf(inc, sizeof inc, "%016" PRIx64, v[i]->inc);
		/* Its own clock's word: never below 0 here. */
		if ((up = route_now() - v[i]->started) < 0)
			up = 0;
		json_array_append_new(a, json_pack("{s:s,s:s,s:b,s:f,s:f,s:o}",
		    "name", v[i]->name, "incarnation", inc,
		    "self", v[i] == &self,
		    "uptime", up,
		    "heartbeat_age", (double)(now - v[i]->last_us) / 1e6,
		    "hosts", hosts));
	}
	free(v);
	json_decref(self.hosts);
	return (a);
}

size_t
node_rooms(const char *host_ref, struct node_room *out, size_t max)
{
	struct node_peer	  self;
	const struct node_peer	**v;
	json_t			 *h;
	size_t			  i, n, k = 0;

	if (!node_self.enabled || (v = node_member_sorted(&self, 1, &n)) == NULL)
		return (0);
	for (i = 0; i < n && k < max; i++) {
		h = json_object_get(v[i]->hosts, host_ref);
		out[k].node = v[i] == &self ? node_self.name : v[i]->name;
		out[k].room = -1;
		if (h != NULL) {
			json_int_t	room;

			room = json_integer_value(json_array_get(h, 1)) -
			    json_integer_value(json_array_get(h, 0));
			out[k].room = room < 0 ? 0 : (long)room;
		}
		k++;
	}
	free(v);
	json_decref(self.hosts);
	return (k);
}
