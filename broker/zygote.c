/*
 * The zygote, the broker's side (design.md "Spawning from a zygote"; the
 * zygote itself is worker/zygote.c, the frames are in proto.h).
 *
 * Up to two zygotes per broker, each exec'd like a strict worker (no
 * environment, fds 0-2 on /dev/null): the strict one, which forks the
 * workers of strict hosts, confines itself before it serves (the jail's
 * namespaces, ids and no capability: no process that forks untrusted code
 * holds a privilege); the trusted one, started only when the app has a
 * trusted host, keeps the broker's ids, which its children get anyway.
 * A worker from one costs a fork of a small, already linked process
 * instead of the broker's fork and an exec, and the broker's loop does
 * not stop for either: the pool asks (zygote_request) and the answer
 * comes on the loop. A spawn with an empty pool asks and waits for the
 * answer (zygote_spawn).
 *
 * A zygote is as untrusted as a worker. Every answer is checked: its
 * frame, its order, and the child it names (by pidfd, which also gives
 * its pid in our PID namespace, wherever it was born) must be a child of
 * the broker that is no process, pool worker, jail holder or zygote
 * (either one):
 * otherwise a zygote could make the broker take some other child of its
 * for the new process and signal that. A zygote that breaks any of this,
 * hangs, or dies, is killed and restarted after a delay that doubles up
 * to ZYGOTE_BACKOFF_MAX; meanwhile workers are forked and exec'd as
 * before, so no spawn fails because a zygote is gone.
 *
 * FORKBOX_ZYGOTE=off in the broker's environment turns both off (every
 * worker then is forked and exec'd; make bench compares the two).
 */
#include "config.h"

#include <sys/personality.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "fdpass.h"
#include "frame.h"
#include "log.h"

#define ZYGOTE_WAIT_MS		2000	/* for one answer, then it hangs */
#define ZYGOTE_BACKOFF_MIN_MS	100
#define ZYGOTE_BACKOFF_MAX_MS	30000
#define ZYGOTE_STABLE_S		10	/* up this long: backoff starts over */

struct zygote_req {
	uint64_t		 ref;		/* unique over both zygotes */
	zygote_cb		 cb;	/* NULL: cancelled, or waited for */
	void			*arg;
	int			 waited;	/* zygote_wait frees it */
	int			 answered;
	pid_t			 pid;	/* the answer: -1 when none */
	TAILQ_ENTRY(zygote_req)	 entry;
};
TAILQ_HEAD(zygote_reqs, zygote_req);

struct zygote {
	const char		*name;		/* in the log */
	int			 strict;	/* forks strict workers */
	const char		*off;		/* why not: NULL, "off", "unused" */
	pid_t			 pid;		/* -1: none */
	int			 fd;
	struct event		*ev;		/* answers to read */
	struct event		*restart;
	unsigned		 backoff_ms;
	time_t			 started;
	struct zygote_reqs	 reqs;		/* asked, in order */
	uint64_t		 forked;	/* workers it forked */
	uint64_t		 fallbacks;	/* spawns forked+exec'd instead */
	uint64_t		 restarts;
	int			 zchunks;	/* every chunk went out */
};

#define ZYGOTE_STRICT	0
#define ZYGOTE_TRUSTED	1
#define ZYGOTE_N	2
static struct zygote	zygotes[ZYGOTE_N] = {
	{ .name = "zygote", .strict = 1, .pid = -1, .fd = -1,
	  .reqs = TAILQ_HEAD_INITIALIZER(zygotes[0].reqs) },
	{ .name = "trusted zygote", .pid = -1, .fd = -1,
	  .reqs = TAILQ_HEAD_INITIALIZER(zygotes[1].reqs) },
};
static uint64_t		zygote_next_ref;

static void	zygote_readable(evutil_socket_t, short, void *);
static void	zygote_schedule(struct zygote *);

/* The zygote that forks the workers of a host with this sandbox. */
static struct zygote *
zygote_for(int strict)
{
	return (&zygotes[strict ? ZYGOTE_STRICT : ZYGOTE_TRUSTED]);
}

/* Close our end and fail every open request; the zygote itself is
 * killed and, once reaped, restarted. */
static void
zygote_lost(struct zygote *z)
{
	struct zygote_req	*r;

	if (z->ev != NULL)
		event_free(z->ev);
	z->ev = NULL;
	if (z->fd != -1)
		close(z->fd);
	z->fd = -1;
	if (z->pid != -1)
		(void)kill(z->pid, SIGKILL);
	while ((r = TAILQ_FIRST(&z->reqs)) != NULL) {
		TAILQ_REMOVE(&z->reqs, r, entry);
		r->answered = 1;
		r->pid = -1;
		if (r->waited)
			continue;
		if (r->cb != NULL)
			r->cb(r->arg, -1);
		free(r);
	}
}

/* Something the zygote said breaks the protocol: it goes. */
static void
zygote_bad(struct zygote *z, const char *what)
{
	log_warnx("%s %ld: %s; killing it", z->name, (long)z->pid, what);
	zygote_lost(z);
}

/*
 * Number the app's chunks that fit in a FB_ZYGOTE_SOURCE (e->zchunk),
 * in the order every zygote is sent them, which is the order it keeps
 * them in (worker/chunkcache.c): INIT can name a library by its number
 * (app_libraries).
 */
static void
zygote_number_chunks(void)
{
	struct app_entry	*e;
	size_t			 i, n = 0;

	for (i = 0; broker->app != NULL && i < broker->app->nentries; i++) {
		e = broker->app->entries[i];
		e->zchunk = 0;
		if (e->source == NULL || e->chunk == NULL ||
		    e->source_len > FB_ZYGOTE_SOURCE_MAX ||
		    strlen(e->chunk) + 1 > FB_ZYGOTE_SOURCE_MAX -
		    e->source_len)
			continue;
		e->zchunk = ++n;
	}
}

/*
 * After START: every numbered chunk of the app, for the zygote to
 * compile once and keep (worker/chunkcache.c). A chunk too long for one
 * message only costs its children a compile each. A zygote that does
 * not take them all within a second fails nothing either: its children
 * then get their libraries' text in INIT (z->zchunks stays 0).
 */
static void
zygote_send_sources(struct zygote *z)
{
	struct app_entry	*e;
	struct timeval		 tv = { 1, 0 }, none = { 0, 0 };
	struct frame		 f;
	unsigned char		*buf;
	size_t			 i, nlen, len;
	int			 fd = z->fd;

	z->zchunks = 0;
	if (broker->app == NULL || (buf = malloc(FB_HDR_SIZE +
	    FB_ZYGOTE_SOURCE_MAX)) == NULL)
		return;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	z->zchunks = 1;
	for (i = 0; i < broker->app->nentries; i++) {
		e = broker->app->entries[i];
		if (e->zchunk == 0)
			continue;
		nlen = strlen(e->chunk) + 1;
		len = nlen + e->source_len;
		memset(&f, 0, sizeof f);
		f.type = FB_ZYGOTE_SOURCE;
		f.len = (uint32_t)len;
		frame_pack_header(buf, &f);
		memcpy(buf + FB_HDR_SIZE, e->chunk, nlen);
		memcpy(buf + FB_HDR_SIZE + nlen, e->source, e->source_len);
		if (fdpass_send(fd, buf, FB_HDR_SIZE + len, NULL, 0, 0) !=
		    (ssize_t)(FB_HDR_SIZE + len)) {
			log_debug("zygote: chunk %s not sent: %s", e->chunk,
			    strerror(errno));
			z->zchunks = 0;
			break;
		}
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &none, sizeof none);
	free(buf);
}

/*
 * Send START: the strict zygote gets nothing of the broker's but, with a
 * root broker's jail, the PID namespace its children are born in; the
 * trusted one the broker's stderr and personality, for its children.
 * Returns 0 or -1.
 */
static int
zygote_send_start(struct zygote *z)
{
	unsigned char	 h[FB_HDR_SIZE];
	struct frame	 f;
	int		 fds[1], nfds = 0;

	memset(&f, 0, sizeof f);
	f.type = FB_ZYGOTE_START;
	if (z->strict) {
		if ((fds[0] = jail_pidns_fd()) != -1) {
			f.flags = FB_ZF_PIDNS;
			nfds = 1;
		}
	} else {
		f.ref = (uint64_t)personality(0xffffffff);
		fds[0] = STDERR_FILENO;
		nfds = 1;
	}
	frame_pack_header(h, &f);
	return (fdpass_send(z->fd, h, sizeof h, fds, nfds, 0) ==
	    (ssize_t)sizeof h ? 0 : -1);
}

/* Start the zygote and send it START. Returns 0 or -1 (logged). */
static int
zygote_start(struct zygote *z)
{
	char		 err[512];
	int		 fd, errfd;
	pid_t		 pid;

	if ((pid = spawn_start_zygote(z->strict, &fd, &errfd, err,
	    sizeof err)) == -1 || spawn_exec_wait(errfd, err, sizeof err) != 0) {
		if (pid != -1)
			close(fd);
		log_warnx("%s: cannot start it: %s", z->name, err);
		return (-1);
	}
	z->pid = pid;
	z->fd = fd;
	if (zygote_send_start(z) == 0)
		zygote_send_sources(z);
	else
		fd = -1;
	if (fd == -1 || fcntl(fd, F_SETFL, O_NONBLOCK) == -1 ||
	    (z->ev = event_new(broker->base, fd, EV_READ | EV_PERSIST,
	    zygote_readable, z)) == NULL || event_add(z->ev, NULL) != 0) {
		log_warn("%s: cannot talk to it", z->name);
		zygote_lost(z);
		return (-1);
	}
	z->started = time(NULL);
	log_debug("%s: started as OS pid %ld", z->name, (long)pid);
	return (0);
}

static void
zygote_restart(evutil_socket_t fd, short what, void *arg)
{
	struct zygote	*z = arg;

	if (z->pid != -1 || broker->stopping)
		return;
	z->restarts++;
	/* If it started, it was killed: tried again once it is reaped. */
	if (zygote_start(z) != 0 && z->pid == -1)
		zygote_schedule(z);
}

/* After the zygote died: a new one, soon (later each time it dies young). */
static void
zygote_schedule(struct zygote *z)
{
	struct timeval	tv;

	if (z->off != NULL || broker->stopping)
		return;
	if (time(NULL) - z->started >= ZYGOTE_STABLE_S)
		z->backoff_ms = 0;
	z->backoff_ms = z->backoff_ms == 0 ? ZYGOTE_BACKOFF_MIN_MS :
	    z->backoff_ms * 2;
	if (z->backoff_ms > ZYGOTE_BACKOFF_MAX_MS)
		z->backoff_ms = ZYGOTE_BACKOFF_MAX_MS;
	if (z->restart == NULL && (z->restart = evtimer_new(broker->base,
	    zygote_restart, z)) == NULL)
		return;
	tv.tv_sec = z->backoff_ms / 1000;
	tv.tv_usec = (z->backoff_ms % 1000) * 1000;
	evtimer_add(z->restart, &tv);
}

/* 1 when the app has a host with sandbox "none". */
static int
zygote_trusted_hosts(void)
{
	size_t	i;

	for (i = 0; broker->app != NULL && i < broker->app->nentries; i++) {
		if (broker->app->entries[i]->kind == APP_HOST &&
		    !broker->app->entries[i]->host.sandbox_strict)
			return (1);
	}
	return (0);
}

/* Once at start, after the jail and the reaper. */
void
zygote_init(void)
{
	const char	*v = getenv("FORKBOX_ZYGOTE");
	struct zygote	*z;
	size_t		 i;

	if (v != NULL && strcmp(v, "off") == 0)
		zygotes[ZYGOTE_STRICT].off = zygotes[ZYGOTE_TRUSTED].off =
		    "off";
	else if (!zygote_trusted_hosts())
		zygotes[ZYGOTE_TRUSTED].off = "unused";
	zygote_number_chunks();
	for (i = 0; i < ZYGOTE_N; i++) {
		z = &zygotes[i];
		if (z->off == NULL && zygote_start(z) != 0 && z->pid == -1)
			zygote_schedule(z);
	}
}

void
zygote_done(void)
{
	struct zygote	*z;
	pid_t		 pid;
	size_t		 i;

	for (i = 0; i < ZYGOTE_N; i++) {
		z = &zygotes[i];
		pid = z->pid;
		zygote_lost(z);
		if (z->restart != NULL)
			event_free(z->restart);
		z->restart = NULL;
		if (pid != -1)
			(void)waitpid(pid, NULL, 0);
		z->pid = -1;
	}
}

/* The zygote whose OS pid is pid, or NULL. */
static struct zygote *
zygote_find_pid(pid_t pid)
{
	size_t	i;

	for (i = 0; i < ZYGOTE_N; i++) {
		if (zygotes[i].pid != -1 && zygotes[i].pid == pid)
			return (&zygotes[i]);
	}
	return (NULL);
}

/* The reaper's: returns 1 when pid was a zygote. */
int
zygote_reaped(pid_t pid, int status)
{
	struct zygote	*z;
	char		 buf[32];

	if ((z = zygote_find_pid(pid)) == NULL)
		return (0);
	if (!broker->stopping) {
		if (WIFSIGNALED(status))
			log_warnx("%s %ld killed by %s; forking and "
			    "exec'ing workers until it is back", z->name,
			    (long)pid, reap_signal_text(WTERMSIG(status), buf,
			    sizeof buf));
		else
			log_warnx("%s %ld exited with status %d%s; forking "
			    "and exec'ing workers until it is back", z->name,
			    (long)pid, WEXITSTATUS(status), z->strict &&
			    WEXITSTATUS(status) == FB_ZYGOTE_EXIT_CONFINE ?
			    " (it could not confine itself)" : "");
	}
	z->pid = -1;
	zygote_lost(z);
	zygote_schedule(z);
	return (1);
}

/* The pid a pidfd stands for, in our PID namespace: -1 when it is no
 * pidfd, 0 when the process was reaped already. */
static pid_t
zygote_pidfd_pid(int pidfd)
{
	char	 path[64], line[128];
	FILE	*f;
	long	 pid = -2;

	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pidfd);
	if ((f = fopen(path, "re")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "Pid: %ld", &pid) == 1)
			break;
	}
	fclose(f);
	if (pid == -1)
		return (0);	/* reaped */
	return (pid > 0 && pid <= INT32_MAX ? (pid_t)pid : -1);
}

/* 1 when pid's parent is the broker, 0 when not, -1 when it is gone. */
static int
zygote_is_child(pid_t pid)
{
	char	 path[64], buf[512], *p;
	long	 ppid;
	ssize_t	 n;
	int	 fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	/* "pid (comm) state ppid": comm may hold anything, even ")" */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 1, " %*c %ld", &ppid) != 1)
		return (-1);
	return (ppid == (long)getpid());
}

/*
 * Check a fork's answer: e (0, or the zygote's errno) and the
 * descriptors it came with. Returns the child's pid, 0 when there is no
 * child (the fork failed, or it was reaped already), -1 when the zygote
 * broke the protocol (what in *whatp).
 */
static pid_t
zygote_check(int32_t e, const int *fds, int nfds, const char **whatp)
{
	pid_t	pid;
	int	child;

	if (e != 0) {
		if (nfds != 0 || e < 0) {
			*whatp = "a failed fork with a descriptor";
			return (-1);
		}
		log_warnx("zygote: fork: %s", strerror(e));
		return (0);
	}
	if (nfds != 1) {
		*whatp = "a fork without exactly one pidfd";
		return (-1);
	}
	if ((pid = zygote_pidfd_pid(fds[0])) == -1) {
		*whatp = "a descriptor that is no pidfd";
		return (-1);
	}
	if (pid == 0)
		return (0);
	if ((child = zygote_is_child(pid)) == -1)
		return (0);	/* died and was reaped meanwhile */
	if (child == 0 || zygote_find_pid(pid) != NULL ||
	    proc_find_ospid(pid) != NULL ||
	    pool_has(pid) || jail_holds(pid)) {
		*whatp = "a pid that is not a new child of the broker";
		return (-1);
	}
	return (pid);
}

/*
 * Read and check one answer; it answers the oldest request. Returns 1
 * when one was read, 0 when none is there yet, -1 when the zygote is
 * gone (lost, or killed for breaking the protocol).
 */
static int
zygote_read_one(struct zygote *z)
{
	unsigned char		 in[FB_HDR_SIZE + sizeof(int32_t) + 1];
	struct zygote_req	*r;
	struct frame		 f;
	const char		*what = NULL;
	ssize_t			 n;
	int32_t			 e;
	int			 fds[FDPASS_MAX], nfds = 0, i;
	pid_t			 pid;

	n = fdpass_recv(z->fd, in, sizeof in, fds, FDPASS_MAX, &nfds,
	    MSG_DONTWAIT);
	if (n == -1 && errno == EAGAIN)
		return (0);
	if (n == -1 && errno == EMSGSIZE)
		n = 0;		/* and the size check below refuses it */
	else if (n <= 0) {
		if (!broker->stopping)
			log_warnx("%s %ld: its socket %s", z->name,
			    (long)z->pid, n == 0 ? "closed" : strerror(errno));
		zygote_lost(z);
		return (-1);
	}
	r = TAILQ_FIRST(&z->reqs);
	frame_header_decode(in, &f);
	if (n != FB_HDR_SIZE + (ssize_t)sizeof e)
		what = "an answer of the wrong size";
	else if (f.type != FB_ZYGOTE_FORKED || f.len != sizeof e ||
	    f.elen != 0 || f.flags != 0)
		what = "an answer with a bad header";
	else if (r == NULL || f.ref != r->ref)
		what = "an answer to no open request";
	pid = 0;
	if (what == NULL) {
		memcpy(&e, in + FB_HDR_SIZE, sizeof e);
		pid = zygote_check(e, fds, nfds, &what);
	}
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	if (what != NULL) {
		zygote_bad(z, what);
		return (-1);
	}
	TAILQ_REMOVE(&z->reqs, r, entry);
	r->answered = 1;
	r->pid = pid > 0 ? pid : -1;
	if (pid > 0)
		z->forked++;
	/* Cancelled: nobody wants the child; without the other end of its
	 * socket it exits at once, and the reaper takes it. */
	if (r->waited)
		return (1);
	if (r->cb != NULL)
		r->cb(r->arg, r->pid);
	free(r);
	return (1);
}

static void
zygote_readable(evutil_socket_t fd, short what, void *arg)
{
	struct zygote	*z = arg;

	while (z->fd != -1 && zygote_read_one(z) == 1)
		/* nothing */;
}

/* Send a FORK request with the child's socket. Returns 0 or -1. */
static int
zygote_send(struct zygote *z, uint64_t ref, uint16_t flags, int childfd)
{
	unsigned char	h[FB_HDR_SIZE];
	struct frame	f;

	memset(&f, 0, sizeof f);
	f.type = FB_ZYGOTE_FORK;
	f.flags = flags;
	f.ref = ref;
	frame_pack_header(h, &f);
	return (fdpass_send(z->fd, h, sizeof h, &childfd, 1, MSG_DONTWAIT) ==
	    (ssize_t)sizeof h ? 0 : -1);
}

/*
 * Ask the host's zygote for a worker of host, without waiting: the
 * broker's end of its socket in *fdp now, its OS pid later through
 * cb(arg, pid), or -1 (then the socket is useless). Returns how the
 * worker starts (SPAWN_ZYGOTE, with SPAWN_ZCHUNKS when the zygote holds
 * every numbered chunk of the app), or -1 when there is no zygote to ask
 * (the caller forks and execs instead).
 */
int
zygote_request(const struct app_host *host, int *fdp, zygote_cb cb,
    void *arg, uint64_t *refp)
{
	struct zygote		*z = zygote_for(host->sandbox_strict);
	struct zygote_req	*r;
	uint16_t		 flags = 0;
	char			 err[256];
	int			 sv[2];

	if (z->fd == -1) {
		z->fallbacks++;
		return (-1);
	}
	if (host->sandbox_strict) {
		if (jail_check(err, sizeof err) != 0)
			return (-1);	/* fork+exec says so */
		flags = FB_ZF_STRICT | (jail_active() ? FB_ZF_JAIL : 0);
	}
	if (fdlimit_take(2, 1, err, sizeof err) != 0 ||
	    (r = calloc(1, sizeof *r)) == NULL)
		return (-1);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		free(r);
		return (-1);
	}
	r->ref = ++zygote_next_ref;
	r->cb = cb;
	r->arg = arg;
	if (zygote_send(z, r->ref, flags, sv[1]) != 0) {
		/* full (it hangs) or gone: either way, another one */
		log_warn("%s %ld: cannot send", z->name, (long)z->pid);
		close(sv[0]);
		close(sv[1]);
		free(r);
		zygote_lost(z);
		z->fallbacks++;
		return (-1);
	}
	close(sv[1]);
	TAILQ_INSERT_TAIL(&z->reqs, r, entry);
	*fdp = sv[0];
	*refp = r->ref;
	return (SPAWN_ZYGOTE | (z->zchunks ? SPAWN_ZCHUNKS : 0));
}

/* The open request ref, and in *zp the zygote it went to; or NULL. */
static struct zygote_req *
zygote_find(uint64_t ref, struct zygote **zp)
{
	struct zygote_req	*r;
	size_t			 i;

	for (i = 0; i < ZYGOTE_N; i++) {
		TAILQ_FOREACH(r, &zygotes[i].reqs, entry) {
			if (r->ref == ref) {
				*zp = &zygotes[i];
				return (r);
			}
		}
	}
	return (NULL);
}

/* Nobody wants the answer to ref any more. */
void
zygote_cancel(uint64_t ref)
{
	struct zygote_req	*r;
	struct zygote		*z;

	if ((r = zygote_find(ref, &z)) != NULL) {
		r->cb = NULL;
		r->arg = NULL;
	}
}

/*
 * Wait for the answer to ref (answers before it go to their callbacks;
 * its own callback is not called). Returns the worker's OS pid, or -1:
 * no child, or the zygote is gone or hangs (then it is killed).
 */
pid_t
zygote_wait(uint64_t ref)
{
	struct zygote_req	*r;
	struct zygote		*z;
	struct pollfd		 pfd;
	pid_t			 pid;
	int			 n;

	if ((r = zygote_find(ref, &z)) == NULL)
		return (-1);
	r->waited = 1;
	while (!r->answered) {
		pfd.fd = z->fd;
		pfd.events = POLLIN;
		n = poll(&pfd, 1, ZYGOTE_WAIT_MS);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			zygote_bad(z, "no answer in time");
		else
			(void)zygote_read_one(z);
	}
	pid = r->pid;
	free(r);
	return (pid);
}

/* A worker of host from the zygote, now. Returns its OS pid, the
 * broker's end of its socket and how it started (zygote_request), or -1
 * (fork and exec instead). */
pid_t
zygote_spawn(const struct app_host *host, int *fdp, int *howp)
{
	uint64_t	ref;
	pid_t		pid;

	if ((*howp = zygote_request(host, fdp, NULL, NULL, &ref)) == -1)
		return (-1);
	if ((pid = zygote_wait(ref)) == -1) {
		close(*fdp);
		zygote_for(host->sandbox_strict)->fallbacks++;
	}
	return (pid);
}

static json_t *
zygote_stats_one(const struct zygote *z)
{
	return (json_pack("{s:s,s:I,s:I,s:I,s:I}",
	    "state", z->off != NULL ? z->off : z->fd != -1 ? "up" : "down",
	    "ospid", (json_int_t)(z->fd != -1 ? z->pid : 0),
	    "forked", (json_int_t)z->forked,
	    "fallbacks", (json_int_t)z->fallbacks,
	    "restarts", (json_int_t)z->restarts));
}

/* For forkbox stats: the strict zygote, and the trusted one in it. */
json_t *
zygote_stats(void)
{
	json_t	*o = zygote_stats_one(&zygotes[ZYGOTE_STRICT]);

	if (o != NULL && json_object_set_new(o, "trusted",
	    zygote_stats_one(&zygotes[ZYGOTE_TRUSTED])) != 0) {
		json_decref(o);
		o = NULL;
	}
	return (o);
}
