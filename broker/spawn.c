/* Starting a worker: fork, exec, INIT. */
#include "config.h"

#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"
#include "node.h"
#include "remote.h"

/*
 * The descriptors a worker start opens at most: a socketpair and a pipe
 * in the broker; in the child, before its exec, those two moved up, the
 * jail's and /dev/null. The broker keeps two (socket, exec report pipe).
 */
#define SPAWN_FDS	(4 + 2 + FB_JAIL_NFDS + 1)
#define SPAWN_FDS_KEPT	2

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#endif

/* In a child of the broker (fork blocked every signal): every signal
 * back to its default, none blocked. Async-signal-safe. */
void
spawn_child_signals(void)
{
	struct sigaction	sa;
	sigset_t		set;
	int			sig;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &sa, NULL);
	sigemptyset(&set);
	(void)sigprocmask(SIG_SETMASK, &set, NULL);
}

/*
 * In the child: reset signals, leave the broker's session, put the socket
 * on fd 3, stdin on /dev/null, stdout onto stderr (the broker's stdout
 * carries results), mark every other fd close-on-exec, exec. A bare one
 * (a strict worker, a zygote) gets /dev/null on 0-2 too (it logs over fd
 * 3) and the plain personality; a strict one the jail's namespaces at
 * FB_JAIL_FD.. (jailfds, or NULL). Only async-signal-safe calls here.
 */
static void __attribute__((noreturn))
spawn_child(int sock, int errfd, const char *path, char **argv, char **envp,
    int bare, const int *jailfds)
{
	int	null, e, i, fd, high[FB_JAIL_NFDS];

	spawn_child_signals();
	/* Out of the terminal's process group: a Ctrl-C reaches only the
	 * broker, which stops the workers in order (CANCEL first). */
	(void)setsid();
	/* Nothing of the operator's personality (setarch -R would turn
	 * address space randomisation off, -X make reads executable). */
	if (bare && personality(PER_LINUX) == -1)
		goto fail;

	/* Everything out of the way of the fixed fds (3, FB_JAIL_FD..)
	 * first, so that no dup2 below lands on a descriptor still to
	 * be moved. */
	fd = FB_JAIL_FD + FB_JAIL_NFDS;
	if ((sock = fcntl(sock, F_DUPFD_CLOEXEC, fd)) == -1 ||
	    (errfd = fcntl(errfd, F_DUPFD_CLOEXEC, fd)) == -1)
		goto fail;
	for (i = 0; jailfds != NULL && i < FB_JAIL_NFDS; i++) {
		if ((high[i] = fcntl(jailfds[i], F_DUPFD_CLOEXEC, fd)) == -1)
			goto fail;
	}
	if (dup2(sock, FB_WORKER_FD) == -1)
		goto fail;
	for (i = 0; jailfds != NULL && i < FB_JAIL_NFDS; i++) {
		if (dup2(high[i], FB_JAIL_FD + i) == -1)
			goto fail;
	}
	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1 ||
	    dup2(null, STDIN_FILENO) == -1 ||
	    dup2(bare ? null : STDERR_FILENO, STDOUT_FILENO) == -1 ||
	    (bare && dup2(null, STDERR_FILENO) == -1))
		goto fail;
	fd = jailfds != NULL ? FB_JAIL_FD + FB_JAIL_NFDS : FB_WORKER_FD + 1;
	if (close_range(fd, ~0U, CLOSE_RANGE_CLOEXEC) == -1) {
		int	max = (int)sysconf(_SC_OPEN_MAX);

		for (; fd < max; fd++)
			if (fd != errfd)
				(void)close(fd);
	}
	execve(path, argv, envp);
fail:
	e = errno;
	(void)!write(errfd, &e, sizeof e);
	_exit(127);
}

/* A trusted worker's environment: the broker's. A strict worker (and a
 * zygote) gets none at all: nothing of the broker's may reach untrusted
 * code. */
static char **
spawn_environ(int bare)
{
	static char	*empty[] = { NULL };

	return (bare ? empty : environ);
}

/*
 * The next path component of *sp ("" and "." skipped): its start, its
 * length in *lenp; NULL at the end, or at ".." (which a plain relative
 * path cannot follow).
 */
static const char *
spawn_component(const char **sp, size_t *lenp)
{
	const char	*s = *sp, *c;

	for (;;) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			return (NULL);
		c = s;
		s += strcspn(s, "/");
		*sp = s;
		*lenp = (size_t)(s - c);
		if (*lenp == 1 && c[0] == '.')
			continue;
		if (*lenp == 2 && c[0] == '.' && c[1] == '.')
			return (NULL);
		return (c);
	}
}

/*
 * The configured worker directory relative to the configured bindir
 * ("../libexec/forkbox"): an install moved as a whole, or made with
 * another prefix than configure's (make install prefix=...), keeps it.
 * Returns 0, or -1 when the paths do not allow one.
 */
static int
spawn_relpath(const char *from, const char *to, char *buf, size_t len)
{
	const char	*f, *t, *fc, *tc;
	size_t		 flen = 0, tlen = 0, n = 0;
	int		 w;

	if (from[0] != '/' || to[0] != '/' || strstr(from, "/..") != NULL ||
	    strstr(to, "/..") != NULL)
		return (-1);
	/* Skip the components both share. */
	for (;;) {
		f = from;
		t = to;
		fc = spawn_component(&f, &flen);
		tc = spawn_component(&t, &tlen);
		if (fc == NULL || tc == NULL || flen != tlen ||
		    memcmp(fc, tc, flen) != 0)
			break;
		from = f;
		to = t;
	}
	buf[0] = '\0';
	while (spawn_component(&from, &flen) != NULL) {
		if ((w = snprintf(buf + n, len - n, "../")) < 0 ||
		    (size_t)w >= len - n)
			return (-1);
		n += (size_t)w;
	}
	while ((tc = spawn_component(&to, &tlen)) != NULL) {
		if ((w = snprintf(buf + n, len - n, "%.*s/", (int)tlen,
		    tc)) < 0 || (size_t)w >= len - n)
			return (-1);
		n += (size_t)w;
	}
	return (0);
}

/*
 * The worker binary: $FORKBOX_WORKER if set; else forkbox-worker next to
 * this forkbox (an uninstalled build tree must not pick up an older
 * installed worker); else where the install put it relative to this
 * forkbox (a relocated install); else the configured libexecdir.
 */
static const char *
spawn_worker_path(void)
{
	static char	 path[PATH_MAX];
	const char	*env = getenv("FORKBOX_WORKER");
	char		 self[PATH_MAX], rel[PATH_MAX], *slash;
	ssize_t		 n;

	if (env != NULL && *env != '\0')
		return (env);
	if (path[0] != '\0')
		return (path);
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(path, sizeof path,
			    "%s/forkbox-worker", self) < sizeof path &&
			    access(path, X_OK) == 0)
				return (path);
			if (spawn_relpath(FORKBOX_BINDIR, FORKBOX_LIBEXECDIR,
			    rel, sizeof rel) == 0 &&
			    (size_t)snprintf(path, sizeof path,
			    "%s/%sforkbox-worker", self, rel) < sizeof path &&
			    access(path, X_OK) == 0)
				return (path);
		}
	}
	snprintf(path, sizeof path, "%s/forkbox-worker", FORKBOX_LIBEXECDIR);
	return (path);
}

/* What the spawner is told when `call` failed with errno e. */
static void
spawn_error(char *err, size_t errlen, const char *call, int e)
{
	if (fdlimit_exhausted(e))
		snprintf(err, errlen, "out of descriptors: raise ulimit -n "
		    "(%s: %s)", call, strerror(e));
	else
		snprintf(err, errlen, "out of resources: %s: %s", call,
		    strerror(e));
}

/* What spawn_exec_start gives the process it execs. */
#define SPAWN_BARE	0x1	/* no environment, /dev/null on 0-2, the
				   plain personality */
#define SPAWN_STRICT	0x2	/* "--strict", and the jail's namespaces
				   ("--jail", as descriptors) */
#define SPAWN_PIDNS	0x4	/* born in the jail's PID namespace */

/*
 * Fork and exec forkbox-worker without waiting for the exec: returns its OS
 * pid, the broker's end of a socket of type sotype in *fdp and, in *errfdp,
 * the read end of a close-on-exec pipe that spawn_exec_wait() reads; or -1
 * with err. what: SPAWN_* (a strict worker has them all, a trusted one
 * none). role: an argument before the others, or NULL.
 */
static pid_t
spawn_exec_start(int what, int sotype, const char *role, int *fdp,
    int *errfdp, char *err, size_t errlen)
{
	sigset_t	 all, old;
	const char	*path = spawn_worker_path();
	int		 strict = (what & SPAWN_STRICT) != 0;
	int		 jailed = strict && jail_active();
	int		 pidns = (what & SPAWN_PIDNS) && jailed;
	char		**envp = spawn_environ(what & SPAWN_BARE);
	char		*argv[] = { (char *)"forkbox-worker", NULL, NULL, NULL,
			    NULL };
	int		 sv[2], ep[2], e, jailfds[FB_JAIL_NFDS], argc = 1;
	pid_t		 pid;

	if (strict && jail_check(err, errlen) != 0)
		return (-1);
	if (role != NULL)
		argv[argc++] = (char *)role;
	if (strict)
		argv[argc++] = (char *)FB_WORKER_ARG_STRICT;
	if (jailed) {
		argv[argc++] = (char *)FB_WORKER_ARG_JAIL;
		jail_worker_fds(jailfds);
	}

	if (fdlimit_take(SPAWN_FDS, SPAWN_FDS_KEPT, err, errlen) != 0)
		return (-1);
	if (socketpair(AF_UNIX, sotype | SOCK_CLOEXEC, 0, sv) == -1) {
		spawn_error(err, errlen, "socketpair", errno);
		return (-1);
	}
	if (pipe2(ep, O_CLOEXEC) == -1) {
		spawn_error(err, errlen, "pipe", errno);
		close(sv[0]);
		close(sv[1]);
		return (-1);
	}
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	if (pidns && jail_pidns(1) == -1) {
		pid = -1;
		e = errno;
	} else {
		pid = fork();
		if (pid == 0) {
			close(sv[0]);
			close(ep[0]);
			spawn_child(sv[1], ep[1], path, argv, envp,
			    what & SPAWN_BARE, jailed ? jailfds : NULL);
		}
		e = errno;
		if (pidns && jail_pidns(0) == -1)
			fatal("setns back into the broker's PID namespace");
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(sv[1]);
	close(ep[1]);
	if (pid == -1) {
		spawn_error(err, errlen, "fork", e);
		close(sv[0]);
		close(ep[0]);
		return (-1);
	}
	*fdp = sv[0];
	*errfdp = ep[0];
	return (pid);
}

/* Fork and exec one worker for host without waiting for the exec (see
 * spawn_exec_start). */
pid_t
spawn_start(const struct app_host *host, int *fdp, int *errfdp, char *err,
    size_t errlen)
{
	return (spawn_exec_start(host->sandbox_strict ? SPAWN_BARE |
	    SPAWN_STRICT | SPAWN_PIDNS : 0, SOCK_STREAM, NULL, fdp, errfdp,
	    err, errlen));
}

/* Fork and exec a zygote (broker/zygote.c) on a SOCK_SEQPACKET socket,
 * bare as a strict worker, in the broker's own PID namespace: the strict
 * one with "--strict" and the jail (it confines itself, and forks its
 * children into the jail's PID namespace), the trusted one without. */
pid_t
spawn_start_zygote(int strict, int *fdp, int *errfdp, char *err,
    size_t errlen)
{
	return (spawn_exec_start(SPAWN_BARE | (strict ? SPAWN_STRICT : 0),
	    SOCK_SEQPACKET, FB_WORKER_ARG_ZYGOTE, fdp, errfdp, err, errlen));
}

/* Wait until a worker from spawn_start has exec'd, and close errfd. Returns
 * 0, or -1 with err when the exec failed (the reaper collects the child):
 * a missing binary is an error for the spawner, not a mystery exit later. */
int
spawn_exec_wait(int errfd, char *err, size_t errlen)
{
	ssize_t	n;
	int	e;

	do
		n = read(errfd, &e, sizeof e);
	while (n == -1 && errno == EINTR);
	close(errfd);
	if (n == (ssize_t)sizeof e) {
		if (fdlimit_exhausted(e))
			spawn_error(err, errlen, "exec", e);
		else
			snprintf(err, errlen, "out of resources: exec %s: %s",
			    spawn_worker_path(), strerror(e));
		log_warnx("%s", err);
		return (-1);
	}
	return (0);
}

/*
 * A worker for host, now: from the zygote when there is one, else by fork
 * and exec, waiting for the exec. Returns its OS pid and the broker's end
 * of the socket (*howp: SPAWN_ZYGOTE... or 0), or -1 with err.
 */
pid_t
spawn_fork(const struct app_host *host, int *fdp, int *howp, char *err,
    size_t errlen)
{
	pid_t	pid;
	int	errfd;

	if ((pid = zygote_spawn(host, fdp, howp)) != -1)
		return (pid);
	*howp = 0;
	if ((pid = spawn_start(host, fdp, &errfd, err, errlen)) == -1)
		return (-1);
	if (spawn_exec_wait(errfd, err, errlen) != 0) {
		close(*fdp);
		return (-1);
	}
	return (pid);
}

/* The entry's text in INIT; or, to a worker whose zygote holds it, its
 * number there: escaping 100 KiB into JSON and parsing it back cost
 * ~2.5 ms a spawn (docs/performance.md). Returns 0 or -1. */
static int
spawn_init_source(json_t *env, const struct app_entry *entry, int how)
{
	if ((how & SPAWN_ZCHUNKS) && entry->zchunk != 0)
		return (json_object_set_new(env, "zchunk",
		    json_integer((json_int_t)(entry->zchunk - 1))) == -1 ||
		    json_object_set_new(env, "source_size",
		    json_integer((json_int_t)entry->source_len)) == -1 ?
		    -1 : 0);
	return (json_object_set_new(env, "source", json_stringn(entry->source,
	    entry->source_len)));
}

/* A trusted worker forked by the zygote has none of the environment an
 * exec'd one inherits: it comes in INIT. Returns 0 or -1. */
static int
spawn_init_environ(json_t *env)
{
	json_t	*list;
	char	**e;

	if ((list = json_array()) == NULL)
		return (-1);
	for (e = environ; *e != NULL; e++) {
		/* what is not UTF-8 cannot travel in JSON: left out */
		(void)json_array_append_new(list, json_string(*e));
	}
	return (json_object_set_new(env, "environ", list));
}

static json_t *
spawn_limits(const struct app_host *h)
{
	return (json_pack("{s:I,s:I,s:I,s:s}",
	    "memory_limit", (json_int_t)h->memory_limit,
	    "cpu_limit_ms", (json_int_t)(h->cpu_limit_us / 1000),
	    "max_message_size", (json_int_t)h->max_message_size,
	    "sandbox", h->sandbox_strict ? "strict" : "none"));
}

static void
spawn_wall_expired(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*p = arg;
	int64_t		 us = p->host->host.wall_limit_us;

	if (us % 1000000 == 0)
		proc_kill(p, "timeout", "wall time limit exceeded (%llds)",
		    (long long)(us / 1000000));
	else
		proc_kill(p, "timeout", "wall time limit exceeded (%lldms)",
		    (long long)(us / 1000));
}

/* The broker's own clock on the process: hooks do not run inside one long
 * C call (string.rep, a catastrophic pattern), SIGKILL always works. */
static int
spawn_wall_limit(struct proc *p)
{
	int64_t		us = p->host->host.wall_limit_us;
	struct timeval	tv;

	if (us <= 0)
		return (0);
	p->wall_timer = evtimer_new(broker->base, spawn_wall_expired, p);
	if (p->wall_timer == NULL)
		return (-1);
	tv.tv_sec = us / 1000000;
	tv.tv_usec = us % 1000000;
	return (evtimer_add(p->wall_timer, &tv));
}

/*
 * Start a process of `entry` on `host` with args (a JSON array, forwarded
 * untouched). Returns the new table entry, or NULL with err set to what the
 * spawner is told.
 */
struct proc *
spawn_proc(struct app_entry *entry, struct app_entry *host, const char *args,
    size_t argslen, char *err, size_t errlen)
{
	struct host_state	*hs = proc_host_state(host);
	struct proc		*p;
	json_t			*env, *imports, *libs;
	char			*payload = NULL;
	size_t			 text;
	pid_t			 pid;
	int			 fd = -1, how = 0;

	if (hs->live >= host->host.max_processes) {
		snprintf(err, errlen, "host %s is at max_processes (%u)",
		    host->ref, host->host.max_processes);
		return (NULL);
	}
	/* Library code travels in INIT (the worker cannot open files), or
	 * is named there when the worker's zygote holds it. Whether it fits
	 * is checked for the text, wherever the worker comes from. */
	if (app_libraries(broker->app, entry, 0, &imports, &libs, &text, err,
	    errlen) == -1)
		return (NULL);
	if (text > 0 && (argslen > FB_FRAME_MAX - FB_ENVELOPE_MAX ||
	    text > FB_FRAME_MAX - FB_ENVELOPE_MAX - argslen)) {
		snprintf(err, errlen, "%s: its libraries (%zu bytes) and "
		    "arguments do not fit in a frame", entry->ref, text);
		return (NULL);
	}
	if ((pid = pool_take(host, &fd, &how, err, errlen)) == -1)
		return (NULL);
	if ((how & SPAWN_ZCHUNKS) && app_libraries(broker->app, entry, 1,
	    &imports, &libs, &text, err, errlen) == -1) {
		kill(pid, SIGKILL);
		close(fd);
		return (NULL);
	}
	if ((p = proc_new(entry, host)) == NULL) {
		snprintf(err, errlen, "out of resources: out of memory");
		kill(pid, SIGKILL);
		close(fd);
		return (NULL);
	}
	if (proc_set_ospid(p, pid) != 0 || peer_open(p, fd) != 0) {
		/* The reaper collects it like any other death. */
		snprintf(err, errlen, "out of resources: out of memory");
		if (p->conn == NULL) {
			close(fd);
			p->eof_seen = 1;
		}
		proc_kill(p, "error", "spawn failed: out of memory");
		return (NULL);
	}
	env = json_pack("{s:i,s:s,s:I,s:s,s:s,s:s,s:s,s:o}",
	    "proto", FORKBOX_PROTO_VERSION,
	    "pid", p->pid,
	    "ospid", (json_int_t)pid,
	    "entry", entry->ref,
	    "host", host->ref,
	    "method", entry->method != NULL ? entry->method : "main",
	    "chunk", entry->chunk,
	    "limits", spawn_limits(&host->host));
	if (env != NULL && spawn_init_source(env, entry, how) != 0) {
		json_decref(env);
		env = NULL;
	}
	if (env != NULL && node_name() != NULL && (json_object_set_new(env,
	    "node", json_string(node_name())) == -1 ||
	    json_object_set_new(env, "node_max",
	    json_integer((json_int_t)remote_max_message())) == -1)) {
		json_decref(env);
		env = NULL;
	}
	if (env != NULL && imports != NULL &&
	    (json_object_set(env, "imports", imports) == -1 ||
	    json_object_set(env, "libs", libs) == -1 ||
	    json_object_set_new(env, "args_size",
	    json_integer((json_int_t)argslen)) == -1)) {
		json_decref(env);
		env = NULL;
	}
	if (env != NULL && text > 0) {
		/* payload: the arguments, then the library sources */
		if ((payload = malloc(argslen + text)) == NULL) {
			json_decref(env);
			env = NULL;
		} else {
			memcpy(payload, args, argslen);
			app_library_text(entry, payload + argslen);
			args = payload;
			argslen += text;
		}
	}
	if (env != NULL && how != 0 && !host->host.sandbox_strict &&
	    spawn_init_environ(env) != 0) {
		json_decref(env);
		env = NULL;
	}
	if (env == NULL || spawn_wall_limit(p) != 0 ||
	    peer_send(p, FB_INIT, 0, env, args, argslen) != 0) {
		free(payload);
		json_decref(env);
		snprintf(err, errlen, "out of resources: cannot build INIT");
		proc_kill(p, "error", "spawn failed");
		return (NULL);
	}
	free(payload);
	json_decref(env);
	broker->nspawned++;
	log_debug("%s: started as OS pid %ld", p->pid, (long)pid);
	return (p);
}
