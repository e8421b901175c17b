/*
 * Confinement of a strict worker, before INIT and before any user code
 * (spec section 6; the broker's side is broker/jail.c).
 *
 * The broker exec'd us with no environment and /dev/null on fds 0-2. In
 * the order nsjail and bubblewrap use: the user namespace first (it
 * grants the rights to enter the others), then the mount, network, IPC,
 * UTS and cgroup namespaces the broker's holder built; then the identity:
 * no supplementary groups, FB_JAIL_UID/GID, no capabilities in any set.
 * Rlimits, no_new_privs and seccomp follow once INIT is in (isolate.c).
 *
 * The zygote that forks strict workers (worker/zygote.c) confines itself
 * here once, before it serves, so that no process forking untrusted code
 * holds a privilege: its children are born confined, and only apply
 * their host's limits and seccomp (which need none) after the fork.
 *
 * After this the worker sees an empty read-only root and no network, so
 * whatever it needs from the file system is read before (isolate_prepare).
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/capability.h>

#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "forkbox/proto.h"
#include "worker.h"

/* What each descriptor from FB_JAIL_FD holds (the order of broker/jail.c):
 * setns checks the kind, so a wrong descriptor is refused, not entered. */
static const struct {
	int		 type;
	const char	*name;
} confine_ns[FB_JAIL_NFDS] = {
	{ CLONE_NEWUSER, "user" }, { CLONE_NEWNS, "mnt" },
	{ CLONE_NEWNET, "net" }, { CLONE_NEWIPC, "ipc" },
	{ CLONE_NEWUTS, "uts" }, { CLONE_NEWCGROUP, "cgroup" },
};

static int
confine_fail(char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "sandbox: %s: %s", what, strerror(errno));
	return (-1);
}

/* Enter the jail's namespaces, closing each descriptor once entered. */
static int
confine_namespaces(char *err, size_t errlen)
{
	char	what[64];
	int	i, fd;

	for (i = 0; i < FB_JAIL_NFDS; i++) {
		fd = FB_JAIL_FD + i;
		if (setns(fd, confine_ns[i].type) == -1) {
			snprintf(what, sizeof what, "entering the %s namespace",
			    confine_ns[i].name);
			return (confine_fail(err, errlen, what));
		}
		(void)close(fd);
		if (confine_ns[i].type == CLONE_NEWNS && chdir("/") == -1)
			return (confine_fail(err, errlen, "chdir /"));
	}
	return (0);
}

/* No capability for later: the bounding and ambient sets, emptied while
 * we may still (CAP_SETPCAP). */
static int
confine_bounding(char *err, size_t errlen)
{
	int	cap;

	for (cap = 0; cap < 64; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1) {
			if (errno == EINVAL)
				break;		/* past the last one */
			if (errno != EPERM)
				return (confine_fail(err, errlen,
				    "PR_CAPBSET_DROP"));
			/* EPERM: no CAP_SETPCAP, so nothing to drop */
		}
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1 &&
	    errno != EINVAL)
		return (confine_fail(err, errlen, "PR_CAP_AMBIENT_CLEAR_ALL"));
	return (0);
}

/* No capability now: permitted, effective and inheritable emptied. */
static int
confine_capabilities(char *err, size_t errlen)
{
	struct __user_cap_header_struct	hdr;
	struct __user_cap_data_struct	data[2];

	memset(&hdr, 0, sizeof hdr);
	memset(data, 0, sizeof data);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &hdr, data) == -1)
		return (confine_fail(err, errlen, "capset"));
	return (0);
}

/*
 * strict and jailed: what the broker prepared ("--strict", "--jail" on an
 * exec'd worker's or the strict zygote's command line). pidns: the PID
 * namespace the strict zygote's children are to be born in (a root
 * broker's jail), entered once while we still may (CAP_SYS_ADMIN in the
 * jail's user namespace), or -1. Returns 0 (nothing to do for a trusted
 * worker, or one already confined by its zygote), or -1 with err: the
 * worker must then run no user code.
 */
int
confine_enter(int strict, int jailed, int pidns, char *err, size_t errlen)
{
	int	root = geteuid() == 0;

	if (!strict || worker.confined)
		return (0);
	worker.owner_inspects = !root;
	/* Groups can only be dropped from outside the user namespace;
	 * without root there are none to drop but our own. */
	if (root && setgroups(0, NULL) == -1)
		return (confine_fail(err, errlen, "setgroups"));
	if (jailed && confine_namespaces(err, errlen) != 0)
		return (-1);
	if (pidns != -1 && setns(pidns, CLONE_NEWPID) == -1)
		return (confine_fail(err, errlen, "entering the pid namespace "
		    "for children"));
	if (confine_bounding(err, errlen) != 0)
		return (-1);
	if (root || jailed) {
		if (setresgid(FB_JAIL_GID, FB_JAIL_GID, FB_JAIL_GID) == -1)
			return (confine_fail(err, errlen, "setresgid"));
		if (setresuid(FB_JAIL_UID, FB_JAIL_UID, FB_JAIL_UID) == -1)
			return (confine_fail(err, errlen, "setresuid"));
	}
	if (confine_capabilities(err, errlen) != 0)
		return (-1);
	/* Trust, but verify: there must be no way back. */
	if ((root || jailed) && (getuid() != FB_JAIL_UID ||
	    setresuid(0, 0, 0) != -1)) {
		snprintf(err, errlen, "sandbox: the uid was not dropped");
		return (-1);
	}
	worker.confined = 1;
	return (0);
}
