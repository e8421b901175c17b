/*
 * The jail: the namespaces every strict worker enters (spec section 6,
 * "Isolation under the Lua sandbox"; docs/api.md "Security model").
 *
 * One holder process per broker is cloned into a new user, PID, mount,
 * network, IPC, UTS and cgroup namespace. In its mount namespace it
 * builds an empty, read-only root (a tmpfs pivoted to "/"), in its UTS
 * namespace the host name "forkbox"; its network namespace has no
 * interface but a loopback that is down. It then waits, as the PID
 * namespace's init, until the broker ends (PR_SET_PDEATHSIG), and its
 * death takes every process of the namespace with it.
 *
 * Strict workers are forked into the holder's PID namespace (the broker
 * sets its pid_for_children around the fork) and are handed the holder's
 * other namespaces as descriptors FB_JAIL_FD..; the worker enters them
 * after exec and before INIT (worker/confine.c), so exec still finds the
 * binary and its libraries. Entering shared namespaces costs a few
 * system calls; creating new ones per worker (a network namespace above
 * all) would cost far more than the 10% of spawn latency we allow.
 *
 * The holder's user namespace maps one id, FB_JAIL_UID/GID inside, onto
 * FB_JAIL_UID/GID outside when the broker is root, onto the broker's own
 * uid/gid otherwise. A broker that is not root first moves itself into a
 * user namespace of its own mapping only its ids (nothing changes for its
 * files or its children), so that it may set the PID namespace of its
 * children (setns needs CAP_SYS_ADMIN in the caller's user namespace).
 *
 * When the kernel refuses (user namespaces disabled, a seccomp policy of
 * a container), the broker says so once at start, `forkbox stats` reports
 * it, and strict workers run with the other layers only.
 */
#include "config.h"

#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"

#define JAIL_CLONE_FLAGS	(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | \
				    CLONE_NEWNET | CLONE_NEWIPC | \
				    CLONE_NEWUTS | CLONE_NEWCGROUP)

/* The namespaces a worker enters, in the order it enters them: the user
 * namespace first, which gives the rights to enter the others. */
static const char *const jail_ns_names[FB_JAIL_NFDS] = {
	"user", "mnt", "net", "ipc", "uts", "cgroup"
};

static struct {
	pid_t	 holder;		/* -1: no jail */
	int	 fds[FB_JAIL_NFDS];	/* the holder's namespaces */
	int	 pidns;			/* the holder's PID namespace */
	int	 own_pidns;		/* the broker's; -1: cannot go back */
	char	 why[256];		/* why there is no jail */
	int	 go;			/* the holder waits for its EOF */
	int	 lost;			/* the holder died: no strict spawn */
} jail = { .holder = -1, .go = -1 };

/* Write s to path (a /proc file of the id maps). Returns 0 or -1. */
static int
jail_write(const char *path, const char *s)
{
	ssize_t	n;
	int	fd, e;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = write(fd, s, strlen(s));
	e = errno;
	close(fd);
	errno = e;
	return (n == (ssize_t)strlen(s) ? 0 : -1);
}

/* Map one id inside pid's user namespace ("self" or a pid) onto one
 * outside. Returns 0, or -1 with err. */
static int
jail_map(const char *pid, long inside_uid, long uid, long inside_gid,
    long gid, char *err, size_t errlen)
{
	char	path[64], map[64];

	snprintf(path, sizeof path, "/proc/%s/setgroups", pid);
	if (geteuid() != 0)	/* required to map gids without CAP_SETGID */
		(void)jail_write(path, "deny");
	snprintf(path, sizeof path, "/proc/%s/uid_map", pid);
	snprintf(map, sizeof map, "%ld %ld 1\n", inside_uid, uid);
	if (jail_write(path, map) == -1) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		return (-1);
	}
	snprintf(path, sizeof path, "/proc/%s/gid_map", pid);
	snprintf(map, sizeof map, "%ld %ld 1\n", inside_gid, gid);
	if (jail_write(path, map) == -1) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		return (-1);
	}
	return (0);
}

/* In the holder: an empty read-only root, then wait for the end. Reports
 * 0 or an errno on fd out. Never returns. */
static void __attribute__((noreturn))
jail_holder(int in, int out)
{
	char	c;
	int	e = 0;

	spawn_child_signals();
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		_exit(1);
	/* the broker writes the id maps, then says go */
	if (read(in, &c, 1) != 1)
		_exit(1);
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == -1 ||
	    mount("forkbox", "/tmp", "tmpfs", MS_RDONLY | MS_NOSUID |
	    MS_NODEV | MS_NOEXEC, "size=4k,mode=0555") == -1 ||
	    chdir("/tmp") == -1 ||
	    syscall(SYS_pivot_root, ".", ".") == -1 ||
	    umount2(".", MNT_DETACH) == -1 || chdir("/") == -1 ||
	    sethostname("forkbox", 7) == -1)
		e = errno;
	(void)!write(out, &e, sizeof e);
	if (e != 0)
		_exit(1);
	/* A copy of the broker's memory: once the broker has opened our
	 * namespaces (it closes its end of the pipe), nobody but root may
	 * read it. */
	(void)!read(in, &c, 1);
	if (prctl(PR_SET_DUMPABLE, 0) == -1)
		_exit(1);
	(void)close_range(0, ~0U, 0);
	/* The namespace's init: nothing to do but outlive its workers. */
	for (;;)
		pause();
}

/* Clone the holder and wait until its root is built. Returns 0, or -1
 * with err. */
static int
jail_holder_start(char *err, size_t errlen)
{
	sigset_t	 all, old;
	char		 pidstr[32], c = 1;
	int		 go[2], done[2], e, r;
	long		 uid = geteuid() == 0 ? FB_JAIL_UID : (long)geteuid();
	long		 gid = geteuid() == 0 ? FB_JAIL_GID : (long)getegid();
	pid_t		 pid;
	ssize_t		 n;

	if (pipe2(go, O_CLOEXEC) == -1)
		goto fail_errno;
	if (pipe2(done, O_CLOEXEC) == -1) {
		close(go[0]);
		close(go[1]);
		goto fail_errno;
	}
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = (pid_t)syscall(SYS_clone, JAIL_CLONE_FLAGS | SIGCHLD, NULL,
	    NULL, NULL, NULL);
	if (pid == 0) {
		close(go[1]);
		close(done[0]);
		jail_holder(go[0], done[1]);
	}
	e = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(go[0]);
	close(done[1]);
	if (pid == -1) {
		close(go[1]);
		close(done[0]);
		snprintf(err, errlen, "clone: %s", strerror(e));
		return (-1);
	}
	snprintf(pidstr, sizeof pidstr, "%ld", (long)pid);
	r = jail_map(pidstr, FB_JAIL_UID, uid, FB_JAIL_GID, gid, err, errlen);
	if (r == 0 && write(go[1], &c, 1) != 1)
		r = -1;
	if (r == 0) {
		do
			n = read(done[0], &e, sizeof e);
		while (n == -1 && errno == EINTR);
		if (n != (ssize_t)sizeof e) {
			snprintf(err, errlen, "the holder died");
			r = -1;
		} else if (e != 0) {
			snprintf(err, errlen, "empty root: %s", strerror(e));
			r = -1;
		}
	}
	close(done[0]);
	if (r != 0) {
		close(go[1]);
		kill(pid, SIGKILL);
		(void)waitpid(pid, NULL, 0);
		return (-1);
	}
	jail.holder = pid;
	jail.go = go[1];	/* closed once its namespaces are open */
	return (0);

fail_errno:
	snprintf(err, errlen, "pipe: %s", strerror(errno));
	return (-1);
}

static int
jail_open_ns(pid_t pid, const char *name)
{
	char	path[64];

	snprintf(path, sizeof path, "/proc/%ld/ns/%s", (long)pid, name);
	return (open(path, O_RDONLY | O_CLOEXEC));
}

/* Let the holder make itself undumpable. */
static void
jail_go(void)
{
	if (jail.go != -1)
		close(jail.go);
	jail.go = -1;
}

/* Let go of every descriptor and kill the holder. */
static void
jail_release(void)
{
	pid_t	pid;
	int	i;

	for (i = 0; i < FB_JAIL_NFDS; i++) {
		if (jail.fds[i] != -1)
			close(jail.fds[i]);
		jail.fds[i] = -1;
	}
	if (jail.pidns != -1)
		close(jail.pidns);
	if (jail.own_pidns != -1)
		close(jail.own_pidns);
	jail.pidns = jail.own_pidns = -1;
	jail_go();
	if (jail.holder != -1) {
		/* The holder ends only once every process of its namespace
		 * is gone, zombies included, and they are our children:
		 * reap whatever ends until the holder does. */
		kill(jail.holder, SIGKILL);
		while ((pid = waitpid(-1, NULL, 0)) != jail.holder &&
		    (pid != -1 || errno == EINTR))
			/* nothing */;
	}
	jail.holder = -1;
}

/*
 * Build the jail; on failure, say once why and go on without it. Called
 * once at start, before any worker exists and before the SIGCHLD event
 * (whose waitpid would take the holder's status).
 */
void
jail_init(void)
{
	char	err[200];
	int	i;

	for (i = 0; i < FB_JAIL_NFDS; i++)
		jail.fds[i] = -1;
	jail.pidns = jail.own_pidns = -1;
	if (geteuid() != 0) {
		/* A user namespace of our own, mapping only our ids, where
		 * we may set our children's PID namespace. */
		long	uid = (long)geteuid(), gid = (long)getegid();

		if (unshare(CLONE_NEWUSER) == -1) {
			snprintf(err, sizeof err, "unshare(CLONE_NEWUSER): %s",
			    strerror(errno));
			goto fail;
		}
		if (jail_map("self", uid, uid, gid, gid, err, sizeof err) != 0)
			goto fail;
	}
	if (jail_holder_start(err, sizeof err) != 0)
		goto fail;
	for (i = 0; i < FB_JAIL_NFDS; i++) {
		if ((jail.fds[i] = jail_open_ns(jail.holder,
		    jail_ns_names[i])) == -1)
			break;
	}
	if (i < FB_JAIL_NFDS ||
	    (jail.pidns = jail_open_ns(jail.holder, "pid")) == -1 ||
	    (geteuid() == 0 && (jail.own_pidns = open("/proc/self/ns/pid",
	    O_RDONLY | O_CLOEXEC)) == -1)) {
		snprintf(err, sizeof err, "opening the holder's namespaces: "
		    "%s", strerror(errno));
		jail_release();
		goto fail;
	}
	/* Without root the broker may not set its children's PID namespace
	 * back to its own (owned by the first user namespace): every
	 * worker, trusted ones too, is then born in the jail's. */
	if (jail.own_pidns == -1 && setns(jail.pidns, CLONE_NEWPID) == -1) {
		snprintf(err, sizeof err, "setns into the jail's PID "
		    "namespace: %s", strerror(errno));
		jail_release();
		goto fail;
	}
	jail_go();
	log_debug("jail: namespaces of holder %ld", (long)jail.holder);
	return;
fail:
	snprintf(jail.why, sizeof jail.why, "%s", err);
	log_warnx("isolation: strict workers run without namespaces (%s)%s",
	    jail.why, geteuid() == 0 ? "" : " and with the broker's uid");
}

void
jail_done(void)
{
	jail_release();
}

/* The broker's holder, for the reaper. Returns 1 when pid was it. */
int
jail_reaped(pid_t pid)
{
	if (jail.holder == -1 || pid != jail.holder)
		return (0);
	log_warnx("isolation: the namespace holder died; strict spawns "
	    "will fail");
	jail.holder = -1;
	jail.lost = 1;
	return (1);
}

/* 1 when pid is the holder. */
int
jail_holds(pid_t pid)
{
	return (jail.holder != -1 && pid == jail.holder);
}

/* The PID namespace strict workers are born in, when the broker switches
 * to it around their fork (root); else -1 (all children are born in it,
 * or there is no jail). */
int
jail_pidns_fd(void)
{
	return (jail.holder != -1 && jail.own_pidns != -1 ? jail.pidns : -1);
}

int
jail_active(void)
{
	return (jail.holder != -1);
}

/* Its namespaces are gone with the holder: a strict worker started now
 * would run without them. Returns 0, or -1 with err. */
int
jail_check(char *err, size_t errlen)
{
	if (!jail.lost)
		return (0);
	snprintf(err, errlen, "isolation lost: the namespace holder died");
	return (-1);
}

/* The descriptors a strict worker gets at FB_JAIL_FD.. (-1 without a
 * jail); fds has FB_JAIL_NFDS slots. */
void
jail_worker_fds(int *fds)
{
	memcpy(fds, jail.fds, sizeof jail.fds);
}

/* Fork the next children into the jail's PID namespace (in = 1) or the
 * broker's own (in = 0); without root, always the jail's (jail_init).
 * Returns 0, or -1 with errno. */
int
jail_pidns(int in)
{
	if (jail.holder == -1 || jail.own_pidns == -1)
		return (0);
	return (setns(in ? jail.pidns : jail.own_pidns, CLONE_NEWPID));
}

/* What isolation strict workers have, for forkbox stats. */
json_t *
jail_stats(void)
{
	json_t	*o, *ns;
	int	 i;

	if ((ns = json_array()) == NULL)
		return (NULL);
	if (jail.holder != -1) {
		for (i = 0; i < FB_JAIL_NFDS; i++)
			json_array_append_new(ns,
			    json_string(jail_ns_names[i]));
		json_array_append_new(ns, json_string("pid"));
	}
	/* what worker/confine.c and worker/isolate.c then always do */
	o = json_pack("{s:o,s:s,s:s,s:b,s:b}",
	    "namespaces", ns,
	    "user", geteuid() == 0 ? "uid " FB_JAIL_ID_TEXT :
	    jail.holder != -1 ? "the broker's uid, in a user namespace" :
	    "the broker's uid",
	    "capabilities", "none", "seccomp", 1, "empty_environment", 1);
	if (o != NULL && jail.holder == -1)
		json_object_set_new(o, "unavailable", json_string(jail.why));
	return (o);
}
