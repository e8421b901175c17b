/*
 * Permissions (spec section 6): what a host's processes may do to
 * others. Checked by the broker on every request against the host the
 * requester runs on, which the broker chose; nothing the worker says
 * counts. A refusal answers "not permitted: WHAT (host REF)", is logged
 * at -v and counted for forkbox stats.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "broker.h"
#include "log.h"
#include "remote.h"

/* By ref, so that a host of another node (host@node) is judged by the
 * same list (cluster.md: spawn lists host refs, whichever node). */
int
perm_spawn_ref(struct proc *p, const char *ref)
{
	const struct app_perm	*perm = &p->host->host.perm;
	size_t			 i;

	switch (perm->spawn) {
	case APP_SPAWN_ANY:
		return (1);
	case APP_SPAWN_OWN:
		return (strcmp(ref, p->host->ref) == 0);
	case APP_SPAWN_LIST:
		for (i = 0; i < perm->nspawn_hosts; i++)
			if (strcmp(perm->spawn_hosts[i], ref) == 0)
				return (1);
		break;
	}
	return (0);
}

int
perm_spawn(struct proc *p, struct app_entry *host)
{
	return (perm_spawn_ref(p, host->ref));
}

/*
 * terminate, cancel, link, register for: over itself always (nothing is
 * gained), over t as the host's control says. t NULL (not running): only
 * "none" refuses, as the request fails anyway.
 */
int
perm_control(struct proc *p, struct proc *t)
{
	switch (p->host->host.perm.control) {
	case APP_CONTROL_ANY:
		return (1);
	case APP_CONTROL_CHILDREN:
		/* Through another node too: p spawned there, that spawned
		 * t here (remote_lineage.c). */
		return (t == NULL || t == p || lineage_descends(t, p) ||
		    remote_lineage_descends(t, p->pid));
	case APP_CONTROL_NONE:
		return (t == p);
	}
	return (0);
}

int
perm_registry(struct proc *p)
{
	return (p->host->host.perm.registry);
}

static void
perm_vnote(struct proc *p, char *buf, size_t len, const char *fmt,
    va_list ap)
{
	char	what[256];

	vsnprintf(what, sizeof what, fmt, ap);
	snprintf(buf, len, "not permitted: %s (host %s)", what, p->host->ref);
	broker->nrefused++;
	log_info("%s: %s", p->pid, buf);
}

/* Refuse a request: count, log, and answer it. */
void
perm_refuse(struct proc *p, uint64_t ref, const char *fmt, ...)
{
	va_list	ap;
	char	buf[512];

	va_start(ap, fmt);
	perm_vnote(p, buf, sizeof buf, fmt, ap);
	va_end(ap);
	route_reply_err(p, ref, "%s", buf);
}

/* Refuse what has no answer (a send by name): count and log. */
void
perm_note(struct proc *p, const char *fmt, ...)
{
	va_list	ap;
	char	buf[512];

	va_start(ap, fmt);
	perm_vnote(p, buf, sizeof buf, fmt, ap);
	va_end(ap);
}
