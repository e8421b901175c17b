/*
 * Where a pid, a destination or a host ref points in a cluster
 * (cluster.md section 2): `{host|entry|id@node}`, `name@node`, `name@*`,
 * `host@node`, `host@*`. Pure string work, so the unit tests need no
 * broker: the caller passes its own node's name (NULL without --node,
 * and then nothing here changes what a string means).
 */
#include "config.h"

#include <string.h>

#include "forkbox/proto.h"
#include "node.h"
#include "remote.h"

/* A node name at s, len bytes (node_name_valid wants it ended). */
int
remote_node_valid(const char *s, size_t len)
{
	char	name[REMOTE_NODE_MAX + 1];

	if (len == 0 || len > REMOTE_NODE_MAX)
		return (0);
	memcpy(name, s, len);
	name[len] = '\0';
	return (node_name_valid(name));
}

/* A part of a pid between separators: non-empty, printable ASCII, none of
 * the separators. A table: every message from another node has two pids
 * to check. */
static int
remote_pid_part(const char *s, size_t len)
{
	static unsigned char	 ok[256];
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;
	int			 c;

	if (!ok['a'])
		for (c = 0x21; c <= 0x7e; c++)
			ok[c] = c != '|' && c != '{' && c != '}' && c != '@' &&
			    c != '"' && c != '\\';
	if (len == 0)
		return (0);
	for (i = 0; i < len; i++)
		if (!ok[p[i]])
			return (0);
	return (1);
}

/*
 * Check a pid `{host|entry|id}` or `{host|entry|id@node}` strictly: host
 * and entry non-empty and plain, id 1..REMOTE_ID_MAX lowercase hex or
 * decimal digits (outside senders count in decimal), node a node name.
 * Fills *out (pointers into s). 0, or -1 when it is not such a pid.
 */
int
remote_pid_parse(const char *s, size_t len, struct remote_pid *out)
{
	const char	*bar1, *bar2, *end = s + len - 1, *at, *id;
	size_t		 i;

	memset(out, 0, sizeof *out);
	if (len < 7 || len > REMOTE_PID_MAX || s[0] != '{' || *end != '}' ||
	    memchr(s, '\0', len) != NULL)
		return (-1);
	if ((bar1 = memchr(s + 1, '|', len - 2)) == NULL ||
	    (bar2 = memchr(bar1 + 1, '|', end - bar1 - 1)) == NULL)
		return (-1);
	if (!remote_pid_part(s + 1, bar1 - s - 1) ||
	    !remote_pid_part(bar1 + 1, bar2 - bar1 - 1))
		return (-1);
	id = bar2 + 1;
	at = memchr(id, '@', end - id);
	out->idlen = (size_t)((at != NULL ? at : end) - id);
	if (out->idlen == 0 || out->idlen > REMOTE_ID_MAX)
		return (-1);
	for (i = 0; i < out->idlen; i++)
		if (!((id[i] >= '0' && id[i] <= '9') ||
		    (id[i] >= 'a' && id[i] <= 'f')))
			return (-1);
	if (at != NULL) {
		out->node = at + 1;
		out->nodelen = (size_t)(end - at - 1);
		if (!remote_node_valid(out->node, out->nodelen))
			return (-1);
	}
	out->host = s + 1;
	out->hostlen = (size_t)(bar1 - s - 1);
	out->entry = bar1 + 1;
	out->entrylen = (size_t)(bar2 - bar1 - 1);
	out->id = id;
	return (0);
}

/* Whether node (len bytes, may be NULL) is own. */
static int
remote_is_own(const char *node, size_t len, const char *own)
{
	return (node == NULL || (own != NULL && strlen(own) == len &&
	    memcmp(node, own, len) == 0));
}

/* Split s at its last '@' when what follows is a node name or "*" (and
 * what comes before is not empty): REMOTE_NODE or REMOTE_CLUSTER with
 * out->name/node set, else REMOTE_HERE. */
static enum remote_where
remote_split_at(const char *s, struct remote_dest *out)
{
	const char	*at = strrchr(s, '@');
	size_t		 nlen;

	if (at == NULL || at == s)
		return (REMOTE_HERE);
	nlen = strlen(at + 1);
	if (nlen == 1 && at[1] == '*') {
		out->namelen = (size_t)(at - s);
		return (REMOTE_CLUSTER);
	}
	if (!remote_node_valid(at + 1, nlen))
		return (REMOTE_HERE);
	out->namelen = (size_t)(at - s);
	out->node = at + 1;
	out->nodelen = nlen;
	return (REMOTE_NODE);
}

/* REMOTE_NODE for another node than own; for own, REMOTE_HERE (and no
 * node in out). */
static enum remote_where
remote_unless_own(struct remote_dest *out, const char *own)
{
	if (!remote_is_own(out->node, out->nodelen, own))
		return (REMOTE_NODE);
	out->node = NULL;
	out->nodelen = 0;
	return (REMOTE_HERE);
}

/* A name or host ref s on a broker whose node is own: name@node,
 * name@*, or one of here. */
static enum remote_where
remote_name_where(const char *s, const char *own, struct remote_dest *out)
{
	enum remote_where	w;

	if (own == NULL)
		return (REMOTE_HERE);
	w = remote_split_at(s, out);
	return (w == REMOTE_NODE ? remote_unless_own(out, own) : w);
}

/*
 * Where destination dest points, for a broker whose node is own (NULL
 * without --node: everything is here, as before clusters):
 * - a pid: REMOTE_NODE when it is well formed with another node's name,
 *   else REMOTE_HERE (a pid of ours, or one that names no process);
 * - `name@node`: REMOTE_NODE, or REMOTE_HERE for our own node (out->name
 *   is then the name without it);
 * - `name@*`: REMOTE_CLUSTER;
 * - any other name (one whose part after '@' is no node name, such as
 *   "a@b.c", included): REMOTE_HERE, the whole of it the name.
 * out->name/namelen is the name or pid to look up on the node it names.
 */
enum remote_where
remote_dest_where(const char *dest, const char *own, struct remote_dest *out)
{
	struct remote_pid	pid;

	memset(out, 0, sizeof *out);
	out->name = dest;
	out->namelen = strlen(dest);
	if (dest[0] != '{')
		return (remote_name_where(dest, own, out));
	out->pid = 1;
	if (own == NULL || remote_pid_parse(dest, out->namelen, &pid) != 0 ||
	    pid.node == NULL)
		return (REMOTE_HERE);
	out->node = pid.node;
	out->nodelen = pid.nodelen;
	return (remote_unless_own(out, own));
}

/*
 * A host ref as spawn takes it: `host`, `host@node` or `host@*`. Refs
 * never hold '@' (app_entry.c), so the last '@' is the separator. Same
 * answers as remote_dest_where, out->name the ref without the node.
 */
enum remote_where
remote_host_where(const char *ref, const char *own, struct remote_dest *out)
{
	memset(out, 0, sizeof *out);
	out->name = ref;
	out->namelen = strlen(ref);
	return (remote_name_where(ref, own, out));
}
