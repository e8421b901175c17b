/*
 * The warm pool: per host, up to `pool` workers already forked (by the
 * zygote, else forked and exec'd), each blocked reading its INIT. The
 * zygote's answer (the worker's OS pid) comes later, on the broker's
 * loop; a spawn that takes a worker still waiting for it waits. A spawn takes the oldest one (its OS pid
 * and socket become the new process) and the pool is refilled from an
 * event of its own, after the spawner has its answer, and while the pool
 * is at least half full a millisecond later (pool_schedule). A worker is used for
 * exactly one process; the pool never hands one out twice.
 *
 * Idle workers are not processes: they have no pid, are not counted in
 * max_processes and are not in the process table. The reaper tells
 * pool_reaped() about OS pids it does not know; one of ours dying while idle
 * (exec failed, or it was killed) leaves the pool, and the pool is not
 * refilled until the next spawn, so a worker that cannot start is not
 * restarted in a loop. They die with the broker: PDEATHSIG and EOF on
 * their socket.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "broker.h"
#include "log.h"

struct pool_worker {
	struct pool		*pool;
	pid_t			 ospid;
	int			 fd;		/* broker's end of the socket */
	int			 errfd;		/* exec report pipe, -1 once read */
	int			 pending;	/* the zygote has not answered */
	int			 how;		/* SPAWN_ZYGOTE..., 0: exec'd */
	uint64_t		 zref;		/* its request to the zygote */
	TAILQ_ENTRY(pool_worker) entry;		/* its pool's idle list */
	TAILQ_ENTRY(pool_worker) entry_all;	/* pool_all */
};
TAILQ_HEAD(pool_workers, pool_worker);

struct pool {
	struct app_entry	*host;
	struct pool_workers	 idle;		/* oldest first */
	unsigned		 n;
	time_t			 warned;	/* last refill failure logged */
	struct event		*refill;
};

static struct hmap		pool_hosts;	/* host ref -> struct pool */
static struct pool_workers	pool_all = TAILQ_HEAD_INITIALIZER(pool_all);

static void	pool_refill(evutil_socket_t, short, void *);
static int	pool_add(struct pool *);

static struct pool *
pool_get(struct app_entry *host)
{
	struct pool	*pl;

	if ((pl = hmap_get(&pool_hosts, host->ref)) != NULL)
		return (pl);
	if ((pl = calloc(1, sizeof *pl)) == NULL)
		return (NULL);
	pl->host = host;
	TAILQ_INIT(&pl->idle);
	pl->refill = evtimer_new(broker->base, pool_refill, pl);
	if (pl->refill == NULL || hmap_put(&pool_hosts, host->ref, pl) != 0) {
		if (pl->refill != NULL)
			event_free(pl->refill);
		free(pl);
		return (NULL);
	}
	return (pl);
}

/* Take w off its pool's lists; the caller owns it now. */
static void
pool_unlink(struct pool_worker *w)
{
	TAILQ_REMOVE(&w->pool->idle, w, entry);
	TAILQ_REMOVE(&pool_all, w, entry_all);
	w->pool->n--;
}

static void
pool_worker_free(struct pool_worker *w, int killit)
{
	pool_unlink(w);
	if (w->pending)
		zygote_cancel(w->zref);
	else if (killit && kill(w->ospid, SIGKILL) != 0 && errno != ESRCH)
		log_warn("pool: kill %ld", (long)w->ospid);
	close(w->fd);
	if (w->errfd != -1)
		close(w->errfd);
	free(w);
}

/*
 * Refill on a later pass through the loop, not this one: a timer that is
 * already due runs after the writes that became possible in the same pass,
 * so the spawner's reply and the INIT go out before a fork holds the loop.
 *
 * While at least half the pool is left, the refill waits POOL_REFILL_US
 * and then asks for every missing worker at once. A refill at once forked
 * (and confined) the next worker while the one just taken ran: on two
 * vCPUs that fork and the new worker's setup took the CPU the taken
 * worker and then the broker were waiting for (the timeline in
 * docs/performance.md: INIT to the worker reading it 150-220 us p50, 90
 * us with the refill moved). One spawner at 0.5 ms a spawn, or two at
 * 2,500 spawns/s, take 2-3 workers in that time; a pool below half is
 * refilled at once, so a burst does not run it dry.
 */
#define POOL_REFILL_US	1000

static void
pool_schedule(struct pool *pl)
{
	struct timeval	when = { 0, 0 };

	if (evtimer_pending(pl->refill, NULL))
		return;
	if (pl->n * 2 >= pl->host->host.pool)
		when.tv_usec = POOL_REFILL_US;
	evtimer_add(pl->refill, &when);
}

/* The zygote's answer for an idle worker of ours: its OS pid, or -1 (it
 * could not fork one, or died: the worker leaves the pool). */
static void
pool_forked(void *arg, pid_t pid)
{
	struct pool_worker	*w = arg;

	w->pending = 0;
	if (pid == -1) {
		pool_worker_free(w, 0);
		return;
	}
	w->ospid = pid;
}

/* Start workers until the pool is full: from the zygote up to
 * POOL_BATCH at once (a request is a message, the zygote forks), by fork
 * and exec one per pass through the loop, so that frames waiting in
 * between are not held up by a row of forks. A worker that could not be
 * started is not retried until the next spawn. */
#define POOL_BATCH	8

static void
pool_refill(evutil_socket_t fd, short what, void *arg)
{
	struct pool	*pl = arg;
	int		 i, r = 0;

	for (i = 0; i < POOL_BATCH && pl->n < pl->host->host.pool; i++) {
		if ((r = pool_add(pl)) != 1)
			break;
	}
	if (r != -1 && pl->n < pl->host->host.pool)
		pool_schedule(pl);
}

/* One more worker for pl. Returns 1 when the zygote forks it, 0 when it
 * was forked and exec'd here, -1 when none could be started. */
static int
pool_add(struct pool *pl)
{
	struct pool_worker	*w;
	char			 err[512];
	int			 how;

	if ((w = calloc(1, sizeof *w)) == NULL)
		return (-1);
	/* From the zygote without waiting for its answer; else by fork and
	 * exec, without waiting for the exec. */
	if ((how = zygote_request(&pl->host->host, &w->fd, pool_forked, w,
	    &w->zref)) != -1) {
		w->pending = 1;
		w->how = how;
		w->errfd = -1;
	} else if ((w->ospid = spawn_start(&pl->host->host, &w->fd,
	    &w->errfd, err, sizeof err)) == -1) {
		/* At most once a minute: near the descriptor limit every
		 * spawn tries a refill. */
		if (time(NULL) - pl->warned >= 60) {
			log_warnx("pool %s: %s", pl->host->ref, err);
			pl->warned = time(NULL);
		} else
			log_info("pool %s: %s", pl->host->ref, err);
		free(w);
		return (-1);
	}
	w->pool = pl;
	TAILQ_INSERT_TAIL(&pl->idle, w, entry);
	TAILQ_INSERT_TAIL(&pool_all, w, entry_all);
	pl->n++;
	return (w->how != 0);
}

/*
 * A worker for a new process on host: an idle one from the pool, else a
 * fresh fork and exec. Returns its OS pid and socket, or -1 with err (exec
 * failure included). Either way the pool refills after this pass.
 */
pid_t
pool_take(struct app_entry *host, int *fdp, int *howp, char *err,
    size_t errlen)
{
	struct pool		*pl = NULL;
	struct pool_worker	*w;
	pid_t			 pid;
	int			 errfd;

	if (host->host.pool > 0 && (pl = pool_get(host)) != NULL)
		pool_schedule(pl);
	if (pl == NULL || (w = TAILQ_FIRST(&pl->idle)) == NULL)
		return (spawn_fork(&host->host, fdp, howp, err, errlen));

	pool_unlink(w);
	/* Usually answered long ago, so this does not wait either. */
	if (w->pending && (w->ospid = zygote_wait(w->zref)) == -1) {
		close(w->fd);
		free(w);
		return (spawn_fork(&host->host, fdp, howp, err, errlen));
	}
	pid = w->ospid;
	*fdp = w->fd;
	*howp = w->how;
	errfd = w->errfd;
	free(w);
	/* Usually exec'd long ago, so this does not wait. */
	if (errfd != -1 && spawn_exec_wait(errfd, err, errlen) != 0) {
		close(*fdp);
		return (-1);
	}
	return (pid);
}

/* 1 when pid is an idle worker of a pool. */
int
pool_has(pid_t pid)
{
	struct pool_worker	*w;

	TAILQ_FOREACH(w, &pool_all, entry_all) {
		if (!w->pending && w->ospid == pid)
			return (1);
	}
	return (0);
}

/* The reaper found an OS pid that is no process: if it was an idle worker,
 * it leaves the pool. Returns 1 when it was one of ours. */
int
pool_reaped(pid_t pid, int status)
{
	struct pool_worker	*w;
	char			 buf[32];

	TAILQ_FOREACH(w, &pool_all, entry_all) {
		if (!w->pending && w->ospid == pid)
			break;
	}
	if (w == NULL)
		return (0);
	if (WIFSIGNALED(status))
		log_warnx("pool %s: idle worker %ld killed by %s",
		    w->pool->host->ref, (long)pid, reap_signal_text(
		    WTERMSIG(status), buf, sizeof buf));
	else
		log_warnx("pool %s: idle worker %ld exited with status %d",
		    w->pool->host->ref, (long)pid, WEXITSTATUS(status));
	pool_worker_free(w, 0);
	return (1);
}

static void
pool_free_one(const char *key, void *value, void *arg)
{
	struct pool		*pl = value;
	struct pool_worker	*w;

	while ((w = TAILQ_FIRST(&pl->idle)) != NULL)
		pool_worker_free(w, 1);
	event_free(pl->refill);
	free(pl);
}

/* Kill every idle worker; the broker is stopping. */
void
pool_shutdown(void)
{
	hmap_foreach(&pool_hosts, pool_free_one, NULL);
	hmap_clear(&pool_hosts);
}
