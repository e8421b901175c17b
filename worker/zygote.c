/*
 * The zygote's side (design.md "Spawning from a zygote"; the broker's
 * side is broker/zygote.c, the frames are in proto.h).
 *
 * A broker execs up to two zygotes, each with no environment and fds 0-2
 * on /dev/null: "forkbox-worker --zygote --strict [--jail]" forks the
 * workers of strict hosts, "forkbox-worker --zygote" (only when the app
 * has a trusted host) those of trusted ones. Each is linked and loaded
 * once; then, for every FB_ZYGOTE_FORK, it forks a child with
 * CLONE_PARENT, so that the broker is the child's parent (SIGCHLD,
 * waitpid and PR_SET_PDEATHSIG as for an exec'd worker), and answers with
 * the child's pidfd, from which the broker learns its pid.
 *
 * The strict zygote holds no privilege: once START is in, it confines
 * itself as a strict worker does (confine.c: the jail's namespaces, and
 * its children's PID namespace, once; no groups, the jail's ids, no
 * capability), and sets no_new_privs. Its children are born confined.
 * The trusted one keeps the broker's ids, which its children have by
 * definition: it holds no more than they do.
 *
 * The child returns from zygote_serve() into the worker's main with
 * its socket on fd 3 and the descriptors an exec'd worker of its host
 * would have, and from there it is an exec'd worker: it creates its own
 * event base, reads its own random seeds and finishes the strict Lua
 * state its zygote built (template.c; a trusted child builds its own). A
 * trusted child gets the broker's personality back (the zygote has the
 * plain one, as a strict worker). The zygote holds none of the others
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
static char	zygote_comm[16];	/* a child's name: the exec'd one's */
static unsigned long zygote_persona;	/* the broker's, for trusted ones */
static pid_t	zygote_parent;		/* the broker */

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

/* FB_ZYGOTE_SOURCE: "chunk\0text", compiled once for every child. A
 * text we cannot keep would shift the numbers the broker names the
 * others by: we go, and the broker starts another zygote. */
static void
zygote_source(const struct frame *h, const unsigned char *body)
{
	const char	*chunk = (const char *)body;
	size_t		 nlen;

	if (h->len == 0 || (nlen = strnlen(chunk, h->len)) == h->len)
		_exit(1);
	if (chunkcache_add(chunk, chunk + nlen + 1, h->len - nlen - 1) != 0)
		_exit(1);
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
static int	zygote_lie_proc = -1;	/* the broker's /proc, once confined */

static void
zygote_lie_read(void)
{
	FILE	*f;

	if ((f = fopen("forkbox-zygote-lie", "re")) == NULL)
		return;
	if (fscanf(f, "%15s", zygote_lie) != 1)
		zygote_lie[0] = '\0';
	fclose(f);
	zygote_lie_proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
	int		 fd;

	if (zygote_lie_proc == -1 || (fd = dup(zygote_lie_proc)) == -1)
		return (-1);
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return (-1);
	}
	rewinddir(dir);
	while (found == -1 && (d = readdir(dir)) != NULL) {
		pid = (pid_t)atol(d->d_name);
		if (pid <= 0 || pid == getpid() || pid == child)
			continue;
		snprintf(path, sizeof path, "%s/stat", d->d_name);
		if ((fd = openat(zygote_lie_proc, path, O_RDONLY |
		    O_CLOEXEC)) == -1 || (f = fdopen(fd, "re")) == NULL) {
			if (fd != -1)
				close(fd);
			continue;
		}
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
 * In the child: what an exec'd worker of its host would show in ps, its
 * name and its command line (the zygote's without "--zygote"), written
 * over the zygote's: the argument area only shrinks, its tail is zeroed.
 */
static void
zygote_child_title(int argc, char **argv)
{
	char	*start = argv[0], *end, *p;
	size_t	 len;
	int	 i;

	(void)prctl(PR_SET_NAME, zygote_comm, 0, 0, 0);
	/* only the area exec laid out: one string after the other */
	for (i = 0, end = start; i < argc; i++) {
		if (argv[i] != end)
			return;
		end += strlen(argv[i]) + 1;
	}
	for (i = 0, p = start; i < argc; i++) {
		if (i > 0 && strcmp(argv[i], FB_WORKER_ARG_ZYGOTE) == 0)
			continue;
		len = strlen(argv[i]) + 1;
		memmove(p, argv[i], len);
		argv[i] = p;
		p += len;
	}
	memset(p, 0, (size_t)(end - p));
}

/*
 * In the child: the socket on fd 3, 0-2 as an exec'd worker of its host
 * has them (a strict one: /dev/null; a trusted one: stdout and stderr on
 * the broker's stderr), nothing else. Returns 0, or -1 (the child then
 * exits).
 */
static int
zygote_child_fds(int sock, int strict)
{
	(void)setsid();
	if (dup2(sock, FB_WORKER_FD) == -1)
		return (-1);
	if (!strict && personality(zygote_persona) == -1)
		return (-1);
	if (!strict && (zygote_stderr == -1 ||
	    dup2(zygote_stderr, STDOUT_FILENO) == -1 ||
	    dup2(zygote_stderr, STDERR_FILENO) == -1))
		return (-1);
	if (close_range(FB_WORKER_FD + 1, ~0U, 0) == -1)
		return (-1);
	/* An exec'd worker is dumpable again after its exec; a strict one
	 * of a root broker is not after its ids change (confine.c). */
	return (prctl(PR_SET_DUMPABLE, strict && !worker.owner_inspects ?
	    0 : 1, 0, 0, 0));
}

/* Fork one child with CLONE_PARENT; returns its pid in the parent (and
 * its pidfd in *pidfdp), 0 in the child, -1 with errno. A strict
 * zygote's children are born in the PID namespace it entered for them. */
static pid_t
zygote_clone(int *pidfdp)
{
	struct clone_args	ca;

	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_PARENT | CLONE_PIDFD;
	ca.pidfd = (uint64_t)(uintptr_t)pidfdp;
	ca.exit_signal = 0;	/* CLONE_PARENT: the kernel gives it ours */
	return ((pid_t)syscall(SYS_clone3, &ca, sizeof ca));
}

/* FB_ZYGOTE_START: for the trusted zygote, the broker's stderr and
 * personality; for the strict one with a root broker's jail, the PID
 * namespace its children are born in (nothing else: it holds nothing of
 * the broker's). */
static void
zygote_start(const struct frame *h, int *fds, int nfds, int strict)
{
	int	want = strict ? (h->flags & FB_ZF_PIDNS) != 0 : 1;

	if (h->type != FB_ZYGOTE_START || nfds != want ||
	    (!strict && h->flags != 0))
		_exit(1);
	if (!strict) {
		zygote_stderr = fds[0];
		zygote_persona = (unsigned long)h->ref;
	} else if (want == 1)
		zygote_jail_pidns = fds[0];
}

/*
 * The strict zygote: confined as a strict worker, once, for good; then
 * back under PR_SET_PDEATHSIG, which the change of ids cleared (a broker
 * that died meanwhile is no longer our parent). The test build keeps the
 * /proc it opened before (zygote_lie_read).
 */
static void
zygote_confine(int jailed)
{
	char	err[256];

	/* the broker says so; its exec'd strict workers then fail with err */
	if (confine_enter(1, jailed, zygote_jail_pidns, err, sizeof err) != 0)
		_exit(FB_ZYGOTE_EXIT_CONFINE);
	if (zygote_jail_pidns != -1)
		(void)close(zygote_jail_pidns);
	zygote_jail_pidns = -1;
	/* Not dumpable, even to a broker's user without root (unlike a
	 * strict worker, whose user may inspect it: isolate.c): strict
	 * workers run as that user too, and the zygote's memory is every
	 * future worker's. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1 ||
	    prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
	    getppid() != zygote_parent)
		_exit(1);
}

/*
 * The zygote's loop; strict and jailed: its own command line. Returns
 * only in a child, with *strictp and *jailedp saying what it is (a strict
 * child is confined already); the zygote itself exits when the broker
 * closes the socket.
 */
void
zygote_serve(int argc, char **argv, int *strictp, int *jailedp)
{
	unsigned char		hdr[FB_HDR_SIZE], *buf;
	struct frame		h;
	pid_t			pid;
	int			fds[2], nfds, r, pidfd, e;
	int			strict = *strictp, jailed = strict && *jailedp;
	uint16_t		flags;

	/* A broker that died before this sees its socket's EOF below. */
	zygote_parent = getppid();
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		_exit(1);
	/* Only root (or, without root, the broker's user from outside its
	 * user namespace) may read our memory: it maps everything every
	 * child will. */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* ps tells it from its children, which take the usual name back */
	(void)prctl(PR_GET_NAME, zygote_comm, 0, 0, 0);
	(void)prctl(PR_SET_NAME, strict ? "forkbox-zygote" :
	    "forkbox-tzygote", 0, 0, 0);
	isolate_prepare();	/* what needs the file system: before */
	if (strict)
		isolate_keep();	/* for isolate_prepare below, confined */
#ifdef FORKBOX_TEST_HOOKS
	zygote_lie_read();
#endif
	if ((buf = malloc(FB_HDR_SIZE + FB_ZYGOTE_SOURCE_MAX)) == NULL)
		_exit(1);
	if ((r = zygote_recv(&h, buf, FB_HDR_SIZE, fds, 2, &nfds)) != 1)
		_exit(r == 0 ? 0 : 1);
	zygote_start(&h, fds, nfds, strict);
	if (strict)
		zygote_confine(jailed);
	isolate_prebuild();	/* the seccomp program, for every child */
	/* the app's chunks, then forks */
	while ((r = zygote_recv(&h, buf, FB_HDR_SIZE + FB_ZYGOTE_SOURCE_MAX,
	    fds, 1, &nfds)) == 1 && h.type == FB_ZYGOTE_SOURCE && nfds == 0)
		zygote_source(&h, buf + FB_HDR_SIZE);
	free(buf);	/* before any child: none carries it */
	/* the strict Lua state, with those chunks (a trusted child builds
	 * its own); the heap sealed, so that children allocate on pages of
	 * their own (heapseal.c); then again: RLIMIT_AS counts what they
	 * map (its tzset reads no file: TZ has not changed) */
	if (strict)
		template_build();
	heapseal_seal();
	isolate_prepare();
	buf = hdr;
	/* every child is of our kind: the broker asks the other zygote for
	 * the other kind */
	flags = strict ? FB_ZF_STRICT | (jailed ? FB_ZF_JAIL : 0) : 0;
	for (;; r = zygote_recv(&h, buf, FB_HDR_SIZE, fds, 1, &nfds)) {
		if (r != 1)
			_exit(r == 0 ? 0 : 1);
		if (h.type != FB_ZYGOTE_FORK || h.len != 0 || nfds != 1 ||
		    h.flags != flags)
			_exit(1);
		pidfd = -1;
		if ((pid = zygote_clone(&pidfd)) == 0) {
			zygote_child_title(argc, argv);
			if (zygote_child_fds(fds[0], strict) != 0)
				_exit(127);
			*strictp = strict;
			*jailedp = 0;	/* entered here already */
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
