/*
 * The zygote, the broker's side (design.md "Spawning from a zygote"; the
 * zygote itself is worker/zygote.c, the frames are in proto.h).
 *
 * One zygote per broker, exec'd like a strict worker. A worker from it
 * costs a fork of a small, already linked process instead of the broker's
 * fork and an exec, and the broker's loop does not stop for either: the
 * pool asks (zygote_request) and the answer comes on the loop. A spawn
 * with an empty pool asks and waits for the answer (zygote_spawn).
 *
 * The zygote is as untrusted as a worker. Every answer is checked: its
 * frame, its order, and the child it names (by pidfd, which also gives
 * its pid in our PID namespace, wherever it was born) must be a child of
 * the broker that is no process, pool worker, jail holder or zygote:
 * otherwise a zygote could make the broker take some other child of its
 * for the new process and signal that. A zygote that breaks any of this,
 * hangs, or dies, is killed and restarted after a delay that doubles up
 * to ZYGOTE_BACKOFF_MAX; meanwhile workers are forked and exec'd as
 * before, so no spawn fails because the zygote is gone.
 *
 * FORKBOX_ZYGOTE=off in the broker's environment turns it off (every
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
	uint64_t		 ref;
	zygote_cb		 cb;	/* NULL: cancelled, or waited for */
	void			*arg;
	int			 waited;	/* zygote_wait frees it */
	int			 answered;
	pid_t			 pid;	/* the answer: -1 when none */
	TAILQ_ENTRY(zygote_req)	 entry;
};
TAILQ_HEAD(zygote_reqs, zygote_req);

static struct {
	int			 off;		/* FORKBOX_ZYGOTE=off */
	pid_t			 pid;		/* -1: none */
	int			 fd;
	struct event		*ev;		/* answers to read */
	struct event		*restart;
	unsigned		 backoff_ms;
	time_t			 started;
	uint64_t		 next_ref;
	struct zygote_reqs	 reqs;		/* asked, in order */
	uint64_t		 forked;	/* workers it forked */
	uint64_t		 fallbacks;	/* spawns forked+exec'd instead */
	uint64_t		 restarts;
} zyg = { .pid = -1, .fd = -1, .reqs = TAILQ_HEAD_INITIALIZER(zyg.reqs) };

static void	zygote_readable(evutil_socket_t, short, void *);
static void	zygote_schedule(void);

/* Close our end and fail every open request; the zygote itself is
 * killed and, once reaped, restarted. */
static void
zygote_lost(void)
{
	struct zygote_req	*r;

	if (zyg.ev != NULL)
		event_free(zyg.ev);
	zyg.ev = NULL;
	if (zyg.fd != -1)
		close(zyg.fd);
	zyg.fd = -1;
	if (zyg.pid != -1)
		(void)kill(zyg.pid, SIGKILL);
	while ((r = TAILQ_FIRST(&zyg.reqs)) != NULL) {
		TAILQ_REMOVE(&zyg.reqs, r, entry);
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
zygote_bad(const char *what)
{
	log_warnx("zygote %ld: %s; killing it", (long)zyg.pid, what);
	zygote_lost();
}

/*
 * After START: every chunk of the app, for the zygote to compile once
 * (worker/chunkcache.c). A chunk too long for one message, or a zygote
 * that does not take them within a second, only costs its children a
 * compile each: nothing here fails the start.
 */
static void
zygote_send_sources(int fd)
{
	struct app_entry	*e;
	struct timeval		 tv = { 1, 0 }, none = { 0, 0 };
	struct frame		 f;
	unsigned char		*buf;
	size_t			 i, nlen, len;

	if (broker->app == NULL || (buf = malloc(FB_HDR_SIZE +
	    FB_ZYGOTE_SOURCE_MAX)) == NULL)
		return;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	for (i = 0; i < broker->app->nentries; i++) {
		e = broker->app->entries[i];
		if (e->source == NULL || e->chunk == NULL)
			continue;
		nlen = strlen(e->chunk) + 1;
		if (e->source_len > FB_ZYGOTE_SOURCE_MAX ||
		    nlen > FB_ZYGOTE_SOURCE_MAX - e->source_len)
			continue;
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
			break;
		}
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &none, sizeof none);
	free(buf);
}

/* Start the zygote and send it START. Returns 0 or -1 (logged). */
static int
zygote_start(void)
{
	unsigned char	 h[FB_HDR_SIZE];
	struct frame	 f;
	char		 err[512];
	int		 fd, errfd, fds[2], nfds = 1;
	pid_t		 pid;

	if ((pid = spawn_start_zygote(&fd, &errfd, err, sizeof err)) == -1 ||
	    spawn_exec_wait(errfd, err, sizeof err) != 0) {
		if (pid != -1)
			close(fd);
		log_warnx("zygote: cannot start it: %s", err);
		return (-1);
	}
	zyg.pid = pid;
	zyg.fd = fd;
	memset(&f, 0, sizeof f);
	f.type = FB_ZYGOTE_START;
	f.ref = (uint64_t)personality(0xffffffff);	/* trusted children's */
	fds[0] = STDERR_FILENO;
	if ((fds[1] = jail_pidns_fd()) != -1) {
		f.flags = FB_ZF_PIDNS;
		nfds = 2;
	}
	frame_pack_header(h, &f);
	if (fdpass_send(fd, h, sizeof h, fds, nfds, 0) != (ssize_t)sizeof h)
		nfds = -1;
	else
		zygote_send_sources(fd);
	if (nfds == -1 || fcntl(fd, F_SETFL, O_NONBLOCK) == -1 ||
	    (zyg.ev = event_new(broker->base, fd, EV_READ | EV_PERSIST,
	    zygote_readable, NULL)) == NULL || event_add(zyg.ev, NULL) != 0) {
		log_warn("zygote: cannot talk to it");
		zygote_lost();
		return (-1);
	}
	zyg.started = time(NULL);
	log_debug("zygote: started as OS pid %ld", (long)pid);
	return (0);
}

static void
zygote_restart(evutil_socket_t fd, short what, void *arg)
{
	if (zyg.pid != -1 || broker->stopping)
		return;
	zyg.restarts++;
	/* If it started, it was killed: tried again once it is reaped. */
	if (zygote_start() != 0 && zyg.pid == -1)
		zygote_schedule();
}

/* After the zygote died: a new one, soon (later each time it dies young). */
static void
zygote_schedule(void)
{
	struct timeval	tv;

	if (zyg.off || broker->stopping)
		return;
	if (time(NULL) - zyg.started >= ZYGOTE_STABLE_S)
		zyg.backoff_ms = 0;
	zyg.backoff_ms = zyg.backoff_ms == 0 ? ZYGOTE_BACKOFF_MIN_MS :
	    zyg.backoff_ms * 2;
	if (zyg.backoff_ms > ZYGOTE_BACKOFF_MAX_MS)
		zyg.backoff_ms = ZYGOTE_BACKOFF_MAX_MS;
	if (zyg.restart == NULL && (zyg.restart = evtimer_new(broker->base,
	    zygote_restart, NULL)) == NULL)
		return;
	tv.tv_sec = zyg.backoff_ms / 1000;
	tv.tv_usec = (zyg.backoff_ms % 1000) * 1000;
	evtimer_add(zyg.restart, &tv);
}

/* Once at start, after the jail and the reaper. */
void
zygote_init(void)
{
	const char	*v = getenv("FORKBOX_ZYGOTE");

	if (v != NULL && strcmp(v, "off") == 0) {
		zyg.off = 1;
		return;
	}
	if (zygote_start() != 0 && zyg.pid == -1)
		zygote_schedule();
}

void
zygote_done(void)
{
	pid_t	pid = zyg.pid;

	zygote_lost();
	if (zyg.restart != NULL)
		event_free(zyg.restart);
	zyg.restart = NULL;
	if (pid != -1)
		(void)waitpid(pid, NULL, 0);
	zyg.pid = -1;
}

/* The reaper's: returns 1 when pid was the zygote. */
int
zygote_reaped(pid_t pid, int status)
{
	char	buf[32];

	if (zyg.pid == -1 || pid != zyg.pid)
		return (0);
	if (!broker->stopping) {
		if (WIFSIGNALED(status))
			log_warnx("zygote %ld killed by %s; forking and "
			    "exec'ing workers until it is back", (long)pid,
			    reap_signal_text(WTERMSIG(status), buf,
			    sizeof buf));
		else
			log_warnx("zygote %ld exited with status %d; forking "
			    "and exec'ing workers until it is back",
			    (long)pid, WEXITSTATUS(status));
	}
	zyg.pid = -1;
	zygote_lost();
	zygote_schedule();
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
	if (child == 0 || pid == zyg.pid || proc_find_ospid(pid) != NULL ||
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
zygote_read_one(void)
{
	unsigned char		 in[FB_HDR_SIZE + sizeof(int32_t) + 1];
	struct zygote_req	*r;
	struct frame		 f;
	const char		*what = NULL;
	ssize_t			 n;
	int32_t			 e;
	int			 fds[FDPASS_MAX], nfds = 0, i;
	pid_t			 pid;

	n = fdpass_recv(zyg.fd, in, sizeof in, fds, FDPASS_MAX, &nfds,
	    MSG_DONTWAIT);
	if (n == -1 && errno == EAGAIN)
		return (0);
	if (n == -1 && errno == EMSGSIZE)
		n = 0;		/* and the size check below refuses it */
	else if (n <= 0) {
		if (!broker->stopping)
			log_warnx("zygote %ld: its socket %s", (long)zyg.pid,
			    n == 0 ? "closed" : strerror(errno));
		zygote_lost();
		return (-1);
	}
	r = TAILQ_FIRST(&zyg.reqs);
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
		zygote_bad(what);
		return (-1);
	}
	TAILQ_REMOVE(&zyg.reqs, r, entry);
	r->answered = 1;
	r->pid = pid > 0 ? pid : -1;
	if (pid > 0)
		zyg.forked++;
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
	while (zyg.fd != -1 && zygote_read_one() == 1)
		/* nothing */;
}

/* Send a FORK request with the child's socket. Returns 0 or -1. */
static int
zygote_send(uint64_t ref, uint16_t flags, int childfd)
{
	unsigned char	h[FB_HDR_SIZE];
	struct frame	f;

	memset(&f, 0, sizeof f);
	f.type = FB_ZYGOTE_FORK;
	f.flags = flags;
	f.ref = ref;
	frame_pack_header(h, &f);
	return (fdpass_send(zyg.fd, h, sizeof h, &childfd, 1, MSG_DONTWAIT) ==
	    (ssize_t)sizeof h ? 0 : -1);
}

/*
 * Ask the zygote for a worker of host, without waiting: the broker's end
 * of its socket in *fdp now, its OS pid later through cb(arg, pid), or
 * -1 (then the socket is useless). Returns 0, or -1 when there is no
 * zygote to ask (the caller forks and execs instead).
 */
int
zygote_request(const struct app_host *host, int *fdp, zygote_cb cb,
    void *arg, uint64_t *refp)
{
	struct zygote_req	*r;
	uint16_t		 flags = 0;
	char			 err[256];
	int			 sv[2];

	if (zyg.fd == -1) {
		zyg.fallbacks++;
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
	r->ref = ++zyg.next_ref;
	r->cb = cb;
	r->arg = arg;
	if (zygote_send(r->ref, flags, sv[1]) != 0) {
		/* full (it hangs) or gone: either way, another one */
		log_warn("zygote %ld: cannot send", (long)zyg.pid);
		close(sv[0]);
		close(sv[1]);
		free(r);
		zygote_lost();
		zyg.fallbacks++;
		return (-1);
	}
	close(sv[1]);
	TAILQ_INSERT_TAIL(&zyg.reqs, r, entry);
	*fdp = sv[0];
	*refp = r->ref;
	return (0);
}

static struct zygote_req *
zygote_find(uint64_t ref)
{
	struct zygote_req	*r;

	TAILQ_FOREACH(r, &zyg.reqs, entry) {
		if (r->ref == ref)
			return (r);
	}
	return (NULL);
}

/* Nobody wants the answer to ref any more. */
void
zygote_cancel(uint64_t ref)
{
	struct zygote_req	*r;

	if ((r = zygote_find(ref)) != NULL) {
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
	struct pollfd		 pfd;
	pid_t			 pid;
	int			 n;

	if ((r = zygote_find(ref)) == NULL)
		return (-1);
	r->waited = 1;
	while (!r->answered) {
		pfd.fd = zyg.fd;
		pfd.events = POLLIN;
		n = poll(&pfd, 1, ZYGOTE_WAIT_MS);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			zygote_bad("no answer in time");
		else
			(void)zygote_read_one();
	}
	pid = r->pid;
	free(r);
	return (pid);
}

/* A worker of host from the zygote, now. Returns its OS pid and the
 * broker's end of its socket, or -1 (fork and exec instead). */
pid_t
zygote_spawn(const struct app_host *host, int *fdp)
{
	uint64_t	ref;
	pid_t		pid;

	if (zygote_request(host, fdp, NULL, NULL, &ref) != 0)
		return (-1);
	if ((pid = zygote_wait(ref)) == -1) {
		close(*fdp);
		zyg.fallbacks++;
	}
	return (pid);
}

/* For forkbox stats. */
json_t *
zygote_stats(void)
{
	return (json_pack("{s:s,s:I,s:I,s:I,s:I}",
	    "state", zyg.off ? "off" : zyg.fd != -1 ? "up" : "down",
	    "ospid", (json_int_t)(zyg.fd != -1 ? zyg.pid : 0),
	    "forked", (json_int_t)zyg.forked,
	    "fallbacks", (json_int_t)zyg.fallbacks,
	    "restarts", (json_int_t)zyg.restarts));
}
