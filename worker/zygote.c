/*
 * The zygote's side (design.md "Spawning from a zygote"; the broker's
 * side is broker/zygote.c, the frames are in proto.h).
 *
 * "forkbox-worker --zygote" is exec'd once per broker, like a strict
 * worker: no environment, fds 0-2 on /dev/null, the jail's namespaces at
 * FB_JAIL_FD.. when there is a jail, in the broker's own PID namespace.
 * It is linked and loaded once; then, for every FB_ZYGOTE_FORK, it forks
 * a child with CLONE_PARENT, so that the broker is the child's parent
 * (SIGCHLD, waitpid and PR_SET_PDEATHSIG as for an exec'd worker), and
 * answers with the child's pidfd, from which the broker learns its pid.
 *
 * The child returns from zygote_serve() into the worker's main with
 * its socket on fd 3 and the descriptors an exec'd worker of its host
 * would have, and from there it is an exec'd worker: it enters the jail,
 * drops its ids and capabilities, creates its own event base, reads its
 * own random seeds and finishes the strict Lua state the zygote built
 * (template.c; a trusted child builds its own). A trusted child gets the
 * broker's personality back (the zygote has the plain one, as a strict
 * worker). The zygote holds none of the others
 * (no event base, no Lua state of its own beyond the template (it
 * compiles the app's chunks in one it closes again: chunkcache.c), no
 * JSON object: jansson seeds its
 * hash function on first use, and that must happen in each child), and
 * no secret: the broker's environment reaches a trusted child in its own
 * INIT, never the zygote.
 *
 * The zygote trusts the broker (it is its parent and the only other end
 * of its socket); any frame it cannot make sense of ends it, and the
 * broker starts another.
 */
#include "config.h"

#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/sched.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forkbox/proto.h"
#include "fdpass.h"
#include "frame.h"
#include "log.h"
#include "worker.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#endif

/* What FB_ZYGOTE_START handed us. */
static int	zygote_stderr = -1;	/* the broker's, for trusted children */
static int	zygote_jail_pidns = -1;	/* root broker: strict children's */
static int	zygote_own_pidns = -1;	/* and ours, to go back to */
static char	zygote_comm[16];	/* a child's name: the exec'd one's */
static unsigned long zygote_persona;	/* the broker's, for trusted ones */

/* Receive one frame into buf (len bytes: the header, and a body for
 * SOURCE) and up to maxfds descriptors; its body is buf + FB_HDR_SIZE.
 * Returns 1, 0 at EOF, -1 on error or a frame that is not whole. */
static int
zygote_recv(struct frame *f, unsigned char *buf, size_t len, int *fds,
    int maxfds, int *nfds)
{
	ssize_t		n;

	n = fdpass_recv(FB_WORKER_FD, buf, len, fds, maxfds, nfds, 0);
	if (n <= 0)
		return (n == 0 ? 0 : -1);
	if (n < (ssize_t)FB_HDR_SIZE)
		return (-1);
	frame_header_decode(buf, f);
	if ((size_t)n != FB_HDR_SIZE + (size_t)f->len)
		return (-1);
	return (1);
}

/* FB_ZYGOTE_SOURCE: "chunk\0text", compiled once for every child. */
static void
zygote_source(const struct frame *h, const unsigned char *body)
{
	const char	*chunk = (const char *)body;
	size_t		 nlen;

	if (h->len == 0 || (nlen = strnlen(chunk, h->len)) == h->len)
		_exit(1);
	chunkcache_add(chunk, chunk + nlen + 1, h->len - nlen - 1);
}

#ifdef FORKBOX_TEST_HOOKS
/*
 * Test hook (the test build only): a lying zygote, for
 * tests/zygote-tests.sh. When the broker's directory holds a file
 * "forkbox-zygote-lie", every answer lies the way its first word says:
 * "stranger" names the broker itself (not its own child), "self" the
 * zygote, "sibling" another child of the broker (the jail's holder or a
 * worker), "fd" sends a descriptor that is no pidfd, "order" answers a
 * request that was not asked. The child really forked is left alone.
 */
static char	zygote_lie[16];

static void
zygote_lie_read(void)
{
	FILE	*f;

	if ((f = fopen("forkbox-zygote-lie", "re")) == NULL)
		return;
	if (fscanf(f, "%15s", zygote_lie) != 1)
		zygote_lie[0] = '\0';
	fclose(f);
}

/* Another child of our parent than us and than child, or -1. */
static pid_t
zygote_lie_sibling(pid_t child)
{
	char		 path[300], buf[512], *p;
	struct dirent	*d;
	long		 ppid;
	pid_t		 pid, found = -1;
	DIR		*dir;
	FILE		*f;

	if ((dir = opendir("/proc")) == NULL)
		return (-1);
	while (found == -1 && (d = readdir(dir)) != NULL) {
		pid = (pid_t)atol(d->d_name);
		if (pid <= 0 || pid == getpid() || pid == child)
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", d->d_name);
		if ((f = fopen(path, "re")) == NULL)
			continue;
		p = fgets(buf, sizeof buf, f);
		fclose(f);
		if (p != NULL && (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 1, " %*c %ld", &ppid) == 1 &&
		    ppid == (long)getppid())
			found = pid;
	}
	closedir(dir);
	return (found);
}

/* Replace the true answer (*refp, *pidfdp) by the lie. */
static void
zygote_lie_apply(uint64_t *refp, int *pidfdp, pid_t child)
{
	pid_t	target = -1;

	if (zygote_lie[0] == '\0' || *pidfdp == -1)
		return;
	if (strcmp(zygote_lie, "order") == 0) {
		*refp += 1000;
		return;
	}
	if (strcmp(zygote_lie, "stranger") == 0)
		target = getppid();
	else if (strcmp(zygote_lie, "self") == 0)
		target = getpid();
	else if (strcmp(zygote_lie, "sibling") == 0)
		target = zygote_lie_sibling(child);
	(void)close(*pidfdp);
	if (strcmp(zygote_lie, "fd") == 0)
		*pidfdp = open("/dev/null", O_RDONLY | O_CLOEXEC);
	else
		*pidfdp = (int)syscall(SYS_pidfd_open, target, 0);
}
#endif /* FORKBOX_TEST_HOOKS */

/* Answer a fork: errno e (0 when it worked) and the child's pidfd. */
static void
zygote_answer(uint64_t ref, int e, int pidfd)
{
	unsigned char	 out[FB_HDR_SIZE + sizeof(int32_t)];
	struct frame	 f;
	int32_t		 e32 = e;

	memset(&f, 0, sizeof f);
	f.len = sizeof e32;
	f.type = FB_ZYGOTE_FORKED;
	f.ref = ref;
	frame_pack_header(out, &f);
	memcpy(out + FB_HDR_SIZE, &e32, sizeof e32);
	if (fdpass_send(FB_WORKER_FD, out, sizeof out, &pidfd,
	    pidfd != -1 ? 1 : 0, 0) == -1)
		_exit(1);	/* the broker is gone */
}

/*
 * In the child: the socket on fd 3, 0-2 as an exec'd worker of its host
 * has them (a strict one: /dev/null; a trusted one: stdout and stderr on
 * the broker's stderr), the jail's descriptors only for a jailed child,
 * nothing else. Returns 0, or -1 (the child then exits).
 */
static int
zygote_child_fds(int sock, int strict, int jailed)
{
	int	keep = jailed ? FB_JAIL_FD + FB_JAIL_NFDS : FB_WORKER_FD + 1;

	(void)setsid();
	(void)prctl(PR_SET_NAME, zygote_comm, 0, 0, 0);
	if (dup2(sock, FB_WORKER_FD) == -1)
		return (-1);
	if (!strict && personality(zygote_persona) == -1)
		return (-1);
	if (!strict && (zygote_stderr == -1 ||
	    dup2(zygote_stderr, STDOUT_FILENO) == -1 ||
	    dup2(zygote_stderr, STDERR_FILENO) == -1))
		return (-1);
	if (close_range((unsigned)keep, ~0U, 0) == -1)
		return (-1);
	if (!jailed)
		(void)close_range(FB_WORKER_FD + 1, FB_JAIL_FD + FB_JAIL_NFDS,
		    0);
	/* An exec'd worker is dumpable again after its exec. */
	return (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
}

/* Fork one child with CLONE_PARENT; returns its pid in the parent (and
 * its pidfd in *pidfdp), 0 in the child, -1 with errno. */
static pid_t
zygote_clone(int strict, int *pidfdp)
{
	struct clone_args	ca;
	pid_t			pid;
	int			e, into = strict && zygote_jail_pidns != -1;

	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_PARENT | CLONE_PIDFD;
	ca.pidfd = (uint64_t)(uintptr_t)pidfdp;
	ca.exit_signal = 0;	/* CLONE_PARENT: the kernel gives it ours */
	if (into && setns(zygote_jail_pidns, CLONE_NEWPID) == -1)
		return (-1);
	pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (pid == 0)
		return (0);
	e = errno;
	if (into && setns(zygote_own_pidns, CLONE_NEWPID) == -1)
		_exit(1);	/* strict children would land in ours */
	errno = e;
	return (pid);
}

/* FB_ZYGOTE_START: the broker's stderr and personality, and with a root
 * broker's jail the PID namespace strict children are born in. */
static void
zygote_start(const struct frame *h, int *fds, int nfds)
{
	int	want = (h->flags & FB_ZF_PIDNS) ? 2 : 1;

	if (h->type != FB_ZYGOTE_START || nfds != want)
		_exit(1);
	zygote_stderr = fds[0];
	zygote_persona = (unsigned long)h->ref;
	if (want == 2) {
		zygote_jail_pidns = fds[1];
		if ((zygote_own_pidns = open("/proc/self/ns/pid",
		    O_RDONLY | O_CLOEXEC)) == -1)
			_exit(1);
	}
}

/*
 * The zygote's loop. Returns only in a child, with *strictp and *jailedp
 * saying what it is; the zygote itself exits when the broker closes the
 * socket.
 */
void
zygote_serve(int *strictp, int *jailedp)
{
	unsigned char		hdr[FB_HDR_SIZE], *buf;
	struct frame		h;
	pid_t			pid;
	int			fds[2], nfds, r, strict, jailed, pidfd, e;

	/* A broker that died before this sees its socket's EOF below. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		_exit(1);
	/* Only root may read our memory: it maps everything every child
	 * will, and we are the broker's (the jail's) ids. */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* ps tells it from its children, which take the usual name back */
	(void)prctl(PR_GET_NAME, zygote_comm, 0, 0, 0);
	(void)prctl(PR_SET_NAME, "forkbox-zygote", 0, 0, 0);
	isolate_prepare();
	isolate_prebuild();	/* the seccomp program, for every child */
#ifdef FORKBOX_TEST_HOOKS
	zygote_lie_read();
#endif
	if ((buf = malloc(FB_HDR_SIZE + FB_ZYGOTE_SOURCE_MAX)) == NULL)
		_exit(1);
	if ((r = zygote_recv(&h, buf, FB_HDR_SIZE, fds, 2, &nfds)) != 1)
		_exit(r == 0 ? 0 : 1);
	zygote_start(&h, fds, nfds);
	/* the app's chunks, then forks */
	while ((r = zygote_recv(&h, buf, FB_HDR_SIZE + FB_ZYGOTE_SOURCE_MAX,
	    fds, 1, &nfds)) == 1 && h.type == FB_ZYGOTE_SOURCE && nfds == 0)
		zygote_source(&h, buf + FB_HDR_SIZE);
	free(buf);	/* before any child: none carries it */
	template_build();	/* the strict Lua state, with those chunks */
	isolate_prepare();	/* again: RLIMIT_AS counts what they map */
	buf = hdr;
	for (;; r = zygote_recv(&h, buf, FB_HDR_SIZE, fds, 1, &nfds)) {
		if (r != 1)
			_exit(r == 0 ? 0 : 1);
		if (h.type != FB_ZYGOTE_FORK || h.len != 0 || nfds != 1 ||
		    (h.flags & ~(FB_ZF_STRICT | FB_ZF_JAIL)) != 0)
			_exit(1);
		strict = (h.flags & FB_ZF_STRICT) != 0;
		jailed = strict && (h.flags & FB_ZF_JAIL) != 0;
		pidfd = -1;
		if ((pid = zygote_clone(strict, &pidfd)) == 0) {
			if (zygote_child_fds(fds[0], strict, jailed) != 0)
				_exit(127);
			*strictp = strict;
			*jailedp = jailed;
			return;
		}
		(void)close(fds[0]);
		e = pid == -1 ? errno : 0;
#ifdef FORKBOX_TEST_HOOKS
		zygote_lie_apply(&h.ref, &pidfd, pid);
#endif
		zygote_answer(h.ref, e, pidfd);
		if (pidfd != -1)
			(void)close(pidfd);
	}
}
