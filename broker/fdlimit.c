/*
 * The broker's descriptors. Every process holds one in the broker (its
 * socket) and an idle pool worker two (its socket and its exec report
 * pipe), so RLIMIT_NOFILE bounds how many processes one broker can run.
 * At start the soft limit is raised to the hard one; after that a worker
 * is started only while the descriptors it takes leave FDLIMIT_RESERVE
 * free for the broker itself (control clients, the next spawn's pipes), so
 * running out is a refused spawn with a clear error, never a pool of
 * workers that cannot exec or a broker that cannot accept.
 *
 * Counting /proc/self/fd takes time in proportion to the count, too much
 * for every spawn, so it is counted only near the limit: in between,
 * fdlimit_used is the last count plus what spawns have taken since. Closes
 * are not seen, so it only errs upwards (what else opens descriptors
 * after start, control clients, is covered by FDLIMIT_SLACK).
 */
#include "config.h"

#include <sys/resource.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "broker.h"
#include "log.h"

#define FDLIMIT_RESERVE	16	/* always left for the broker itself */
#define FDLIMIT_SLACK	32	/* below this much room, count exactly */
/*
 * Raised no higher: a child closes every descriptor up to the limit
 * one by one where close_range(2) cannot (kernels before 5.11), and
 * 65536 processes is far beyond what one broker runs.
 */
#define FDLIMIT_CAP	65536

static rlim_t	fdlimit_max;	/* the soft limit in force; 0: unknown */
static rlim_t	fdlimit_used;	/* at least the descriptors open */

/* The descriptors open now, exactly. */
static rlim_t
fdlimit_count(void)
{
	struct dirent	*de;
	DIR		*d;
	rlim_t		 n = 0, fd;

	if ((d = opendir("/proc/self/fd")) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.')
				n++;
		closedir(d);
		return (n > 0 ? n - 1 : 0);	/* not the one reading */
	}
	for (fd = 0; fd < fdlimit_max; fd++)
		if (fcntl((int)fd, F_GETFD) != -1)
			n++;
	return (n);
}

void
fdlimit_init(void)
{
	struct rlimit	rl;
	rlim_t		want;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		log_warn("getrlimit RLIMIT_NOFILE");
		return;
	}
	want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > FDLIMIT_CAP ?
	    FDLIMIT_CAP : rl.rlim_max;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			log_warn("setrlimit RLIMIT_NOFILE %llu",
			    (unsigned long long)want);
		else
			log_debug("descriptors: soft limit raised to %llu",
			    (unsigned long long)want);
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
		fdlimit_max = rl.rlim_cur == RLIM_INFINITY ? FDLIMIT_CAP :
		    rl.rlim_cur;
	fdlimit_used = fdlimit_count();
}

/*
 * A worker is about to be started: it opens `need` descriptors at most
 * (in the broker and, before its exec, in the child) and keeps `keep` in
 * the broker. Returns 0, or -1 with err when that would leave fewer than
 * FDLIMIT_RESERVE.
 */
int
fdlimit_take(unsigned need, unsigned keep, char *err, size_t errlen)
{
	if (fdlimit_max == 0)
		return (0);
	if (fdlimit_used + need + FDLIMIT_RESERVE + FDLIMIT_SLACK >
	    fdlimit_max)
		fdlimit_used = fdlimit_count();
	if (fdlimit_used + need + FDLIMIT_RESERVE > fdlimit_max) {
		snprintf(err, errlen, "out of descriptors: raise ulimit -n "
		    "(%llu open, limit %llu)", (unsigned long long)fdlimit_used,
		    (unsigned long long)fdlimit_max);
		return (-1);
	}
	fdlimit_used += keep;
	return (0);
}

/* An errno of a call that opens descriptors, as the spawner is told. */
int
fdlimit_exhausted(int e)
{
	return (e == EMFILE || e == ENFILE);
}
