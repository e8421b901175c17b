/*
 * Processes of other nodes (spec/cluster.md section 2): pids with @node,
 * sends, spawns, monitors, links, terminate and cancel across nodes, and
 * what a lost node does to them. Built on the node transport (node.h);
 * every function here is a no-op answer ("not remote") on a broker
 * without --node, so nothing changes for one broker alone.
 *
 *	remote_pid.c	what a pid, destination or host ref points at
 *	remote.c	the frame dispatcher and the checks of a node's frames
 *	remote_send.c	messages across nodes
 *	remote_req.c	requests that wait for another node's answer
 *	remote_spawn.c	spawning on another node (host@node, host@*)
 *	remote_tie.c	monitors and links across nodes, and node loss
 */
#ifndef REMOTE_H
#define REMOTE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct proc;
struct frame;

#define REMOTE_NODE_MAX		64	/* node names, as NODE_NAME_MAX */
#define REMOTE_ID_MAX		20	/* digits of a pid's id */
#define REMOTE_PID_MAX		1024	/* bytes of a pid from a node */
#define REMOTE_ANCESTORS_MAX	32	/* spawners a remote child knows */

/* remote_pid.c */
struct remote_pid {
	const char	*host, *entry, *id, *node;	/* into the string */
	size_t		 hostlen, entrylen, idlen, nodelen;	/* node: 0 none */
};
enum remote_where {
	REMOTE_HERE,		/* this broker */
	REMOTE_NODE,		/* another node: out->node */
	REMOTE_CLUSTER,		/* name@* or host@*: the cluster's */
};
struct remote_dest {
	int		 pid;		/* a pid, else a name or host ref */
	const char	*name;		/* the pid, name or ref without @node */
	size_t		 namelen;
	const char	*node;		/* REMOTE_NODE: the node, else NULL */
	size_t		 nodelen;
};
int		 remote_node_valid(const char *, size_t);
int		 remote_pid_parse(const char *, size_t, struct remote_pid *);
enum remote_where remote_dest_where(const char *dest, const char *own,
		    struct remote_dest *);
enum remote_where remote_host_where(const char *ref, const char *own,
		    struct remote_dest *);

#endif
