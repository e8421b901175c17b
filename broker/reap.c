/*
 * Reaping in one place: a SIGCHLD event loops waitpid, and reap_check()
 * turns the wait status plus whatever the worker said before dying into
 * one exit reason, once both the status and the socket EOF were seen.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "broker.h"
#include "log.h"

#define REAP_EOF_GRACE_MS	1000

static struct event	*reap_ev;

static void
reap_sigchld(evutil_socket_t sig, short what, void *arg)
{
	struct proc	*p;
	pid_t		 pid;
	int		 status;

	for (;;) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid == 0 || (pid == -1 && errno == ECHILD))
			break;
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			log_warn("waitpid");
			break;
		}
		if ((p = proc_find_ospid(pid)) == NULL) {
			if (!jail_reaped(pid) && !zygote_reaped(pid, status))
				(void)pool_reaped(pid, status);	/* or nobody's */
			continue;
		}
		p->status = status;
		p->status_seen = 1;
		backpressure_end(p);	/* its last frames are read */
		reap_check(p);
	}
}

void
reap_init(void)
{
	reap_ev = evsignal_new(broker->base, SIGCHLD, reap_sigchld, NULL);
	if (reap_ev == NULL || evsignal_add(reap_ev, NULL) != 0)
		fatalx("cannot watch SIGCHLD");
}

void
reap_done(void)
{
	if (reap_ev != NULL)
		event_free(reap_ev);
	reap_ev = NULL;
}

/* "SIGSEGV" for 11; falls back to the number. */
const char *
reap_signal_text(int sig, char *buf, size_t len)
{
	const char	*abbrev = sigabbrev_np(sig);

	if (abbrev != NULL)
		snprintf(buf, len, "SIG%s", abbrev);
	else
		snprintf(buf, len, "signal %d", sig);
	return (buf);
}

/* Signals that mean the program itself went wrong. */
static int
reap_is_crash(int sig)
{
	return (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	    sig == SIGFPE || sig == SIGABRT || sig == SIGSYS || sig == SIGTRAP);
}

/* "30s" or "1500ms", as the worker words its own limits. */
static void
reap_limit_text(int64_t us, char *buf, size_t len)
{
	if (us % 1000000 == 0)
		snprintf(buf, len, "%llds", (long long)(us / 1000000));
	else
		snprintf(buf, len, "%lldms", (long long)(us / 1000));
}

/* Combine status, FB_EXIT and the broker's own kill into one reason. */
static const char *
reap_reason(struct proc *p, char *error, size_t errlen)
{
	char	name[32];
	int	sig;

	*error = '\0';
	if (p->kill_reason != NULL && p->exit_status == NULL) {
		snprintf(error, errlen, "%s", p->kill_error != NULL ?
		    p->kill_error : p->kill_reason);
		return (p->kill_reason);
	}
	/* It said main returned: normal, whether it then left by itself or
	 * the broker's SIGKILL (a shutdown, a link) caught it on its way out. */
	if (p->exit_status != NULL && strcmp(p->exit_status, "normal") == 0 &&
	    ((WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0) ||
	    (p->kill_reason != NULL && WIFSIGNALED(p->status) &&
	    WTERMSIG(p->status) == SIGKILL)))
		return ("normal");
	if (p->exit_status != NULL && strcmp(p->exit_status, "normal") != 0) {
		snprintf(error, errlen, "%s", p->exit_error != NULL ?
		    p->exit_error : p->exit_status);
		return (p->exit_status);
	}
	/* RLIMIT_CPU, the backstop of the worker's count hook. */
	if (WIFSIGNALED(p->status) && WTERMSIG(p->status) == SIGXCPU &&
	    p->host->host.cpu_limit_us != 0) {
		reap_limit_text(p->host->host.cpu_limit_us, name, sizeof name);
		snprintf(error, errlen, "cpu limit exceeded (%s; killed by "
		    "SIGXCPU)", name);
		return ("cpu");
	}
	/* The filter's SIGSYS, where the worker's handler could not run
	 * (native code blocked it): a refused call all the same. */
	if (WIFSIGNALED(p->status) && WTERMSIG(p->status) == SIGSYS &&
	    p->host->host.sandbox_strict) {
		snprintf(error, errlen, "sandbox: killed by SIGSYS (a refused "
		    "system call)");
		return ("sandbox");
	}
	if (WIFSIGNALED(p->status)) {
		sig = WTERMSIG(p->status);
		reap_signal_text(sig, name, sizeof name);
		snprintf(error, errlen, "%s signal %d (%s)",
		    reap_is_crash(sig) ? "crashed with" : "killed by", sig,
		    name);
		return ("signal");
	}
	if (WIFEXITED(p->status))
		snprintf(error, errlen, "exited with status %d%s",
		    WEXITSTATUS(p->status), p->exit_status == NULL ?
		    " without reporting a result" : "");
	return ("error");
}

static void
reap_eof_expired(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*p = arg;
	size_t		 left;

	/* Reading stopped at EOF: what is left is the start of a frame. */
	if ((left = peer_unread(p)) > 0)
		proc_kill(p, "protocol", "protocol error: truncated frame (%zu "
		    "bytes) at the end of its stream, and did not exit", left);
	else
		proc_kill(p, "protocol", "closed its connection but did not "
		    "exit");
}

/* A worker whose socket is closed can do nothing useful: give it a moment
 * to exit on its own, then kill it. */
static void
reap_eof_grace(struct proc *p)
{
	struct timeval	tv = { REAP_EOF_GRACE_MS / 1000,
			    (REAP_EOF_GRACE_MS % 1000) * 1000 };

	if (p->eof_timer != NULL)
		return;
	if ((p->eof_timer = evtimer_new(broker->base, reap_eof_expired,
	    p)) == NULL || evtimer_add(p->eof_timer, &tv) != 0)
		proc_kill(p, "protocol", "closed its connection");
}

/*
 * The wait status of a process that is exiting, without reaping it: from
 * waitid when it is a zombie, else the exit code /proc shows (set before
 * its address space is torn down and its descriptors closed). Returns 0
 * when it ended by exit() or is still running (or we may not read it: the
 * broker is its parent, root or its owner, so we may), else the signal
 * that is ending it.
 */
static int
reap_dying_signal(pid_t pid)
{
	siginfo_t	 si;
	char		 path[64], buf[1024], *p;
	long		 code = 0;
	ssize_t		 n;
	int		 fd, field;

	/* Usually it is a zombie already: its status, left for the reaper,
	 * costs one call where /proc costs three and a formatted page. */
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
	    si.si_pid == pid)
		return (si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED ?
		    si.si_status : 0);
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (0);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0 || (p = strrchr((buf[n] = '\0', buf), ')')) == NULL)
		return (0);
	/* exit_code is field 52; field 3 (state) follows the comm */
	for (field = 2; field < 52 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p + 1, "%ld", &code) != 1)
		return (0);
	return ((int)(code & 0x7f));
}

/* Turn the end of p into its exit events, once: reason, log, registry,
 * monitors and links, observers. */
static void
reap_announce(struct proc *p)
{
	char		 error[8192];	/* a worker's error is cut at 4 KiB */
	const char	*reason;
	size_t		 i;

	p->finished = 1;
	reason = reap_reason(p, error, sizeof error);
	proclog_exit(p, reason, *error != '\0' ? error : NULL);
	registry_release(p);
	lifecycle_exit(p, reason, *error != '\0' ? error : NULL);
	for (i = 0; i < broker->nobservers; i++)
		broker->observers[i].fn(p, reason, *error != '\0' ? error :
		    NULL, broker->observers[i].arg);
}

/*
 * The fast exit: a worker that is done sends EXIT, shuts its socket down
 * and exits, and its exit is announced then, not after the kernel has torn
 * its address space down (docs/api.md "Exit reasons"). Unless /proc
 * already shows it dying of a signal (a crash after EXIT, before the
 * shutdown: the kernel closed the socket): then the wait status decides,
 * as for every other exit. The status is looked at only when the
 * socket shows the worker's end closed (peer_hung_up): a crash closes it,
 * after the kernel set the exit code, while the worker's own shutdown
 * leaves it open; a worker still on its way to exit_group costs no call.
 * The entry stays in the table, finished, until waitpid; it has nothing
 * left to do, so it is killed now, which only hurries one that lingers.
 */
static int
reap_fast_exit(struct proc *p)
{
	if (p->exit_status == NULL || p->kill_reason != NULL ||
	    p->ospid <= 0 || (peer_hung_up(p) &&
	    reap_dying_signal(p->ospid) != 0))
		return (0);
	backpressure_end(p);
	reap_announce(p);
	proc_retire(p);
	if (kill(p->ospid, SIGKILL) != 0 && errno != ESRCH)
		log_warn("%s: kill %ld", p->pid, (long)p->ospid);
	return (1);
}

/* After a fast exit: a status that is not what the process said (a crash
 * or a signal from elsewhere after it shut its socket) is only logged. */
static void
reap_late_status(struct proc *p)
{
	char	name[32];

	if (WIFSIGNALED(p->status) && WTERMSIG(p->status) != SIGKILL)
		log_warnx("%s: killed by %s after its exit (%s) was announced",
		    p->pid, reap_signal_text(WTERMSIG(p->status), name,
		    sizeof name), p->exit_status);
}

void
reap_check(struct proc *p)
{
	if (p->eof_seen && !p->status_seen && !p->finished &&
	    !reap_fast_exit(p))
		reap_eof_grace(p);
	if (!p->status_seen || !p->eof_seen)
		return;
	if (p->finished)
		reap_late_status(p);
	else
		reap_announce(p);
	proc_free(p);
}

/* Be told of every exit (services, commands, counters), in this order. */
void
reap_observe(void (*fn)(struct proc *, const char *, const char *, void *),
    void *arg)
{
	if (broker->nobservers == REAP_OBSERVERS_MAX)
		fatalx("too many exit observers");
	broker->observers[broker->nobservers].fn = fn;
	broker->observers[broker->nobservers].arg = arg;
	broker->nobservers++;
}
