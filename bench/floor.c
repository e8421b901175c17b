/*
 * bench-floor: the raw C floor for `make bench`. The same workloads as the
 * forkbox rows with nothing but fork/exec, socketpairs and a relay process
 * copying 20-byte-header frames: no Lua, no JSON, no event library. What
 * forkbox costs on top of this is the price of its features.
 *
 *	bench-floor spawn N		spawn->exit round trips, one at a time
 *	bench-floor rate SECS C		sustained spawns/s with C spawners
 *	bench-floor fork N		the same with fork alone: a child of
 *					this running process, no exec
 *	bench-floor forkrate SECS C	sustained forks/s with C forkers
 *	bench-floor relay SECS SIZE	one-way relayed messages/s
 *	bench-floor pingpong SECS	round trips through the relay
 *	bench-floor idle N		N idle children: start time, Pss, RSS
 *	bench-floor nats PORT relay SECS SIZE
 *	bench-floor nats PORT pingpong SECS
 *					relay and pingpong with the relay
 *					cut in two, one per node, joined
 *					by the nats-server on PORT
 *					(floor_nats.c): the floor of the
 *					"2 nodes" rows
 *
 * Each prints "key value" lines.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"

const char	*floor_self;
static int	 floor_nats_port;	/* "nats PORT": relays over NATS */
static pid_t	 floor_relay_b;		/* then the second relay */

static double
floor_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

void
floor_die(const char *what)
{
	perror(what);
	exit(1);
}

static int
floor_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static double
floor_pct(double *v, size_t n, double p)
{
	size_t	i = (size_t)(p * (double)n + 0.999999);

	qsort(v, n, sizeof *v, floor_cmp);
	return (v[i == 0 ? 0 : i - 1]);
}

/* fork and exec ourselves as `mode`, fd on 3 when fd != -1. */
static pid_t
floor_spawn(const char *mode, int fd)
{
	char	*argv[] = { (char *)floor_self, (char *)mode, NULL };
	pid_t	 pid;

	if ((pid = fork()) == -1)
		floor_die("fork");
	if (pid == 0) {
		if (fd != -1 && dup2(fd, 3) == -1)
			_exit(127);
		execv(floor_self, argv);
		_exit(127);
	}
	return (pid);
}

/* The floor for a zygote: a child of this small, running process that
 * exits at once; no exec, no dynamic linking. */
static pid_t
floor_fork(const char *mode, int fd)
{
	pid_t	pid;

	(void)mode;
	(void)fd;
	if ((pid = fork()) == -1)
		floor_die("fork");
	if (pid == 0)
		_exit(0);
	return (pid);
}

/* How the spawn rows make a child: floor_spawn or floor_fork. */
static pid_t	(*floor_child)(const char *, int) = floor_spawn;

static void
floor_reap(pid_t pid)
{
	int	status;

	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			floor_die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "child failed\n");
		exit(1);
	}
}

static void
floor_spawn_latency(int n)
{
	double	*lat, t0, t;
	int	 i;

	if ((lat = calloc(n, sizeof *lat)) == NULL)
		floor_die("calloc");
	t = floor_now();
	for (i = 0; i < n; i++) {
		t0 = floor_now();
		floor_reap(floor_child("trivial", -1));
		lat[i] = (floor_now() - t0) * 1e3;
	}
	t = floor_now() - t;
	printf("%s_p50_ms %.4f\n", floor_child == floor_fork ? "fork" :
	    "spawn", floor_pct(lat, n, 0.5));
	printf("%s_p99_ms %.4f\n", floor_child == floor_fork ? "fork" :
	    "spawn", floor_pct(lat, n, 0.99));
	free(lat);
}

static void
floor_rate(double secs, int conc)
{
	double	 t0 = floor_now(), end = t0 + secs;
	long	 total = 0, n;
	int	 p[2], i;
	pid_t	 pid;

	if (pipe(p) == -1)
		floor_die("pipe");
	for (i = 0; i < conc; i++) {
		if ((pid = fork()) == -1)
			floor_die("fork");
		if (pid == 0) {
			for (n = 0; floor_now() < end; n++)
				floor_reap(floor_child("trivial", -1));
			if (write(p[1], &n, sizeof n) != sizeof n)
				_exit(1);
			_exit(0);
		}
	}
	for (i = 0; i < conc; i++) {
		if (read(p[0], &n, sizeof n) != sizeof n)
			floor_die("read");
		total += n;
	}
	while (wait(NULL) > 0)
		/* nothing */;
	printf("rate %.1f\n", (double)total / (floor_now() - t0));
}

void
floor_write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			floor_die("write");
		}
		p += n;
		len -= (size_t)n;
	}
}

static void
floor_frame(char *p, uint32_t len, uint16_t type)
{
	memset(p, 0, FLOOR_HDR);
	memcpy(p, &len, 4);
	memcpy(p + 4, &type, 2);
}

/* The length of the complete frames at the start of p; *end set (when
 * end is not NULL) if one of them is of type 1. */
size_t
floor_frames(const char *p, size_t have, int *end)
{
	size_t		off;
	uint32_t	len;
	uint16_t	type;

	for (off = 0; have - off >= FLOOR_HDR; off += FLOOR_HDR + len) {
		memcpy(&len, p + off, 4);
		memcpy(&type, p + off + 4, 2);
		if (have - off - FLOOR_HDR < len)
			break;
		if (type == 1 && end != NULL)
			*end = 1;
	}
	return (off);
}

/*
 * The relay, on fd 3 (side a) and fd 4 (side b): read what is there, copy
 * the complete frames to the other side's output, write in batches. Type 1
 * frames end the relay after being passed on.
 */
static void
floor_relay_main(void)
{
	struct pollfd	 pfd[2];
	static char	 in[2][FLOOR_BUF], out[2][FLOOR_BUF * 2];
	size_t		 have[2] = { 0, 0 }, olen[2] = { 0, 0 }, off;
	ssize_t		 n;
	int		 i, done = 0;

	for (;;) {
		for (i = 0; i < 2; i++) {
			pfd[i].fd = 3 + i;
			pfd[i].events = POLLIN;
		}
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			floor_die("poll");
		}
		for (i = 0; i < 2; i++) {
			if (!(pfd[i].revents & (POLLIN | POLLHUP)))
				continue;
			n = read(3 + i, in[i] + have[i],
			    sizeof in[i] - have[i]);
			if (n <= 0)
				exit(0);
			have[i] += (size_t)n;
			/* route on the headers, copy the payloads */
			off = floor_frames(in[i], have[i], &done);
			memcpy(out[!i] + olen[!i], in[i], off);
			olen[!i] += off;
			memmove(in[i], in[i] + off, have[i] - off);
			have[i] -= off;
		}
		for (i = 0; i < 2; i++) {
			floor_write_all(3 + i, out[i], olen[i]);
			olen[i] = 0;
		}
		if (done)
			exit(0);
	}
}

/* Two socketpairs and the relay process between them, exec'd on fd 3
 * (the a side) and fd 4 (the b side); returns its pid. With "nats
 * PORT", two relays over NATS instead (floor_nats.c), the second's pid
 * in floor_relay_b. */
static pid_t
floor_relay_start(int a[2], int b[2])
{
	pid_t	relay;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, a) == -1 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, b) == -1)
		floor_die("socketpair");
	if (floor_nats_port != 0) {
		relay = floor_nats_start(floor_nats_port, a[1], b[1],
		    &floor_relay_b);
		close(a[1]);
		close(b[1]);
		return (relay);
	}
	if ((relay = fork()) == 0) {
		if (dup2(a[1], 3) == -1 || dup2(b[1], 4) == -1)
			_exit(127);
		execl(floor_self, floor_self, "relay-main", (char *)NULL);
		_exit(127);
	}
	if (relay == -1)
		floor_die("fork");
	return (relay);
}

/* The relay (or both over NATS) sent `sig` (0: none), then reaped. */
static void
floor_relay_end(pid_t relay, int sig)
{
	pid_t	pid[2] = { relay, floor_relay_b };
	int	i;

	for (i = 0; i < 2 && pid[i] > 0; i++) {
		if (sig != 0)
			kill(pid[i], sig);
		waitpid(pid[i], NULL, 0);
	}
	floor_relay_b = 0;
}

/* sender -> relay -> receiver; counts at the receiver. */
static void
floor_relay(double secs, size_t size)
{
	static char	 buf[FLOOR_BUF];
	int		 a[2], b[2], rp[2];
	size_t		 fl = FLOOR_HDR + size, per = sizeof buf / fl, i,
			 have = 0, off;
	double		 t0, end;
	long		 sent = 0, got = 0;
	pid_t		 relay, recv;
	uint32_t	 len;
	uint16_t	 type;
	ssize_t		 n;

	if (pipe(rp) == -1)
		floor_die("pipe");
	relay = floor_relay_start(a, b);
	if ((recv = fork()) == 0) {
		for (;;) {
			n = read(b[0], buf + have, sizeof buf - have);
			if (n <= 0)
				_exit(1);
			have += (size_t)n;
			for (off = 0; have - off >= FLOOR_HDR; off +=
			    FLOOR_HDR + len) {
				memcpy(&len, buf + off, 4);
				memcpy(&type, buf + off + 4, 2);
				if (have - off < FLOOR_HDR + len)
					break;
				if (type == 1) {
					(void)!write(rp[1], &got, sizeof got);
					_exit(0);
				}
				got++;
			}
			memmove(buf, buf + off, have - off);
			have -= off;
		}
	}
	for (i = 0; i < per; i++) {
		floor_frame(buf + i * fl, (uint32_t)size, 2);
		memset(buf + i * fl + FLOOR_HDR, 'x', size);
	}
	t0 = floor_now();
	end = t0 + secs;
	while (floor_now() < end) {
		floor_write_all(a[0], buf, per * fl);
		sent += (long)per;
	}
	floor_frame(buf, 0, 1);
	floor_write_all(a[0], buf, FLOOR_HDR);
	if (read(rp[0], &got, sizeof got) != sizeof got)
		floor_die("read");
	printf("msgs %.1f\n", (double)got / (floor_now() - t0));
	floor_relay_end(relay, 0);
	waitpid(recv, NULL, 0);
}

static void
floor_read_frame(int fd, char *buf)
{
	size_t	have = 0;
	ssize_t	n;
	uint32_t len;

	while (have < FLOOR_HDR || (memcpy(&len, buf, 4), have < FLOOR_HDR +
	    len)) {
		if ((n = read(fd, buf + have, FLOOR_BUF - have)) <= 0)
			exit(1);
		have += (size_t)n;
	}
}

/* A -> relay -> B -> relay -> A with a 16-byte payload. */
static void
floor_pingpong(double secs)
{
	static char	 buf[FLOOR_BUF];
	double		*lat, t0, t1, end;
	size_t		 n = 0, cap = 1 << 20;
	int		 a[2], b[2];
	pid_t		 relay, pong;

	relay = floor_relay_start(a, b);
	if ((pong = fork()) == 0) {
		for (;;) {
			floor_read_frame(b[0], buf);
			floor_write_all(b[0], buf, FLOOR_HDR + 16);
		}
	}
	if ((lat = calloc(cap, sizeof *lat)) == NULL)
		floor_die("calloc");
	floor_frame(buf, 16, 2);
	t0 = floor_now();
	end = t0 + secs;
	while ((t1 = floor_now()) < end && n < cap) {
		floor_write_all(a[0], buf, FLOOR_HDR + 16);
		floor_read_frame(a[0], buf);
		lat[n++] = (floor_now() - t1) * 1e6;
	}
	printf("pp_p50_us %.2f\n", floor_pct(lat, n, 0.5));
	printf("pp_p99_us %.2f\n", floor_pct(lat, n, 0.99));
	kill(pong, SIGKILL);
	floor_relay_end(relay, SIGKILL);
	waitpid(pong, NULL, 0);
	free(lat);
}

/* N children exec'd, each blocked reading its socket; Pss and RSS. */
static void
floor_idle(int n)
{
	char		 path[64], line[256], c;
	int		*fds, sv[2], i;
	pid_t		*pids;
	double		 t0, start;
	long		 pss = 0, v, rss = 0;
	FILE		*f;

	if ((fds = calloc(n, sizeof *fds)) == NULL ||
	    (pids = calloc(n, sizeof *pids)) == NULL)
		floor_die("calloc");
	t0 = floor_now();
	for (i = 0; i < n; i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) ==
		    -1)
			floor_die("socketpair");
		pids[i] = floor_spawn("idle-main", sv[1]);
		close(sv[1]);
		fds[i] = sv[0];
	}
	for (i = 0; i < n; i++)
		if (read(fds[i], &c, 1) != 1)
			floor_die("read");
	start = floor_now() - t0;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "/proc/%ld/smaps_rollup",
		    (long)pids[i]);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		while (fgets(line, sizeof line, f) != NULL)
			if (sscanf(line, "Pss: %ld", &v) == 1)
				pss += v;
		fclose(f);
	}
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL)
			if (sscanf(line, "VmRSS: %ld", &v) == 1)
				rss = v;
		fclose(f);
	}
	printf("idle_start_s %.3f\n", start);
	printf("idle_pss_kib %.1f\n", (double)pss / n);
	printf("idle_rss_mib %.1f\n", (double)rss / 1024);
	for (i = 0; i < n; i++)
		close(fds[i]);
	while (wait(NULL) > 0)
		/* nothing */;
}

int
main(int argc, char **argv)
{
	char	c = 'u';

	floor_self = argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && strcmp(argv[1], "trivial") == 0)
		return (0);
	if (argc >= 2 && strcmp(argv[1], "relay-main") == 0)
		floor_relay_main();
	if (argc == 5 && strcmp(argv[1], "nats-relay-main") == 0)
		floor_nats_relay_main(atoi(argv[2]), argv[3], argv[4]);
	if (argc >= 4 && strcmp(argv[1], "nats") == 0) {
		if ((floor_nats_port = atoi(argv[2])) <= 0 ||
		    floor_nats_port > 65535 || (strcmp(argv[3], "relay") != 0 &&
		    strcmp(argv[3], "pingpong") != 0)) {
			fprintf(stderr, "usage: bench-floor nats PORT "
			    "relay SECS SIZE | nats PORT pingpong SECS\n");
			return (2);
		}
		argc -= 2;
		argv += 2;
	}
	if (argc >= 2 && strcmp(argv[1], "idle-main") == 0) {
		/* up, then wait for EOF from the parent */
		if (write(3, &c, 1) != 1)
			return (1);
		while (read(3, &c, 1) > 0)
			/* nothing */;
		return (0);
	}
	if (argc >= 2 && strncmp(argv[1], "fork", 4) == 0) {
		floor_child = floor_fork;
		argv[1] += 4;
		if (argv[1][0] == '\0')
			argv[1] = "spawn";
	}
	if (argc == 3 && strcmp(argv[1], "spawn") == 0)
		floor_spawn_latency(atoi(argv[2]));
	else if (argc == 4 && strcmp(argv[1], "rate") == 0)
		floor_rate(atof(argv[2]), atoi(argv[3]));
	else if (argc == 4 && strcmp(argv[1], "relay") == 0)
		floor_relay(atof(argv[2]), (size_t)atol(argv[3]));
	else if (argc == 3 && strcmp(argv[1], "pingpong") == 0)
		floor_pingpong(atof(argv[2]));
	else if (argc == 3 && strcmp(argv[1], "idle") == 0)
		floor_idle(atoi(argv[2]));
	else {
		fprintf(stderr, "usage: bench-floor spawn N | rate SECS C | "
		    "fork N | forkrate SECS C | relay SECS SIZE | "
		    "pingpong SECS | idle N | nats PORT relay SECS SIZE | "
		    "nats PORT pingpong SECS\n");
		return (2);
	}
	return (0);
}
