/*
 * The C floor of the "2 nodes" rows: floor.c's relay cut in two, one
 * process per node, joined through a local nats-server as forkbox's
 * nodes are. Each relay has its endpoint on fd 3 and one TCP connection
 * to the server, speaking NATS' text protocol by hand (no libnats, no
 * threads, no event library): the complete frames it reads from its
 * endpoint go out as PUBs of up to FLOOR_NATS_PUB bytes, as forkbox's
 * batches do (broker/node_batch.c), and the payloads of the MSGs it
 * reads go to its endpoint. So a message takes the path a cross-node
 * message takes (process -> relay -> server -> relay -> process) with
 * nothing on the way but the copies: what forkbox's nodes cost on top of
 * this is the price of their features, and what this costs over the
 * one-process relay is the price of the server.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "floor.h"

#define FLOOR_NATS_PUB	(16 * 1024)
#define FLOOR_NATS_IN	(FLOOR_BUF * 2)

/* Connected, subscribed to `sub`, and the server's PONG read: from here
 * on, what is published on `sub` reaches this connection. */
static int
floor_nats_connect(int port, const char *sub)
{
	struct sockaddr_in	 sin;
	char			 buf[4096], cmd[256];
	size_t			 have = 0;
	ssize_t			 n;
	int			 fd, one = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		floor_die("socket");
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sin, sizeof sin) == -1)
		floor_die("connect to nats-server");
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	snprintf(cmd, sizeof cmd, "CONNECT {\"verbose\":false,"
	    "\"pedantic\":false,\"echo\":false}\r\nSUB %s 1\r\nPING\r\n", sub);
	floor_write_all(fd, cmd, strlen(cmd));
	for (;;) {	/* INFO first, then the PONG */
		if ((n = read(fd, buf + have, sizeof buf - 1 - have)) <= 0)
			floor_die("read from nats-server");
		have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, "-ERR") != NULL) {
			fprintf(stderr, "nats-server: %s", strstr(buf, "-ERR"));
			exit(1);
		}
		if (strstr(buf, "PONG\r\n") != NULL)
			return (fd);
		if (have == sizeof buf - 1)
			have = 0;	/* a long INFO: keep reading */
	}
}

/* What the server sent: each MSG's payload to `out`, a PONG for each
 * PING to `nout`. Returns the bytes taken; sets *end on a type 1 frame. */
static size_t
floor_nats_parse(int nfd, const char *in, size_t have, char *out,
    size_t *olen, int *end)
{
	const char	*eol, *sp;
	size_t		 off = 0, line, size;

	while ((eol = memchr(in + off, '\n', have - off)) != NULL) {
		line = (size_t)(eol - (in + off)) + 1;
		if (strncmp(in + off, "MSG ", 4) == 0) {
			/* MSG <subject> <sid> [reply] <size>\r\n */
			for (sp = eol; sp > in + off && sp[-1] != ' '; sp--)
				/* back to the last field */;
			size = (size_t)strtoul(sp, NULL, 10);
			if (size > FLOOR_BUF)
				floor_die("MSG larger than a relay's read");
			if (have - off < line + size + 2)
				break;
			memcpy(out + *olen, in + off + line, size);
			(void)floor_frames(out + *olen, size, end);
			*olen += size;
			off += line + size + 2;
			continue;
		}
		if (strncmp(in + off, "PING", 4) == 0)
			floor_write_all(nfd, "PONG\r\n", 6);
		else if (strncmp(in + off, "-ERR", 4) == 0) {
			fprintf(stderr, "nats-server: %.*s", (int)line,
			    in + off);
			exit(1);
		}
		off += line;	/* INFO, +OK, PONG */
	}
	return (off);
}

/*
 * One node's relay: endpoint on fd 3, "ready" written to fd 4 once
 * subscribed. Ends after passing on a type 1 frame, either way.
 */
void
floor_nats_relay_main(int port, const char *sub, const char *pub)
{
	static char	 in[FLOOR_BUF], nin[FLOOR_NATS_IN], out[FLOOR_NATS_IN],
			 nout[FLOOR_BUF + 64 * (FLOOR_BUF / FLOOR_HDR)];
	struct pollfd	 pfd[2];
	size_t		 have = 0, nhave = 0, olen, nlen, off, chunk, taken;
	uint32_t	 len;
	ssize_t		 n;
	int		 nfd, end = 0;

	nfd = floor_nats_connect(port, sub);
	if (write(4, "r", 1) != 1)
		floor_die("write");
	close(4);
	while (!end) {
		pfd[0].fd = 3;
		pfd[1].fd = nfd;
		pfd[0].events = pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			floor_die("poll");
		}
		nlen = olen = 0;
		if (pfd[0].revents & (POLLIN | POLLHUP)) {
			if ((n = read(3, in + have, sizeof in - have)) <= 0)
				exit(0);
			have += (size_t)n;
			taken = floor_frames(in, have, &end);
			/* PUBs of whole frames, each up to FLOOR_NATS_PUB */
			for (off = 0; off < taken; off += chunk) {
				chunk = floor_frames(in + off, taken - off >
				    FLOOR_NATS_PUB ? FLOOR_NATS_PUB : taken - off,
				    NULL);
				if (chunk == 0) {	/* one frame over it */
					memcpy(&len, in + off, 4);
					chunk = FLOOR_HDR + len;
				}
				nlen += (size_t)snprintf(nout + nlen, 64,
				    "PUB %s %zu\r\n", pub, chunk);
				memcpy(nout + nlen, in + off, chunk);
				nlen += chunk;
				memcpy(nout + nlen, "\r\n", 2);
				nlen += 2;
			}
			memmove(in, in + taken, have - taken);
			have -= taken;
		}
		if (pfd[1].revents & (POLLIN | POLLHUP)) {
			if ((n = read(nfd, nin + nhave, sizeof nin - nhave)) <=
			    0)
				floor_die("nats-server closed");
			nhave += (size_t)n;
			taken = floor_nats_parse(nfd, nin, nhave, out, &olen,
			    &end);
			memmove(nin, nin + taken, nhave - taken);
			nhave -= taken;
		}
		floor_write_all(nfd, nout, nlen);
		floor_write_all(3, out, olen);
	}
	exit(0);
}

/*
 * The two relays, `a` and `b` their endpoints' far ends, on subjects of
 * this run's own. Returns a's pid once both are subscribed; b's in *bpid.
 */
pid_t
floor_nats_start(int port, int a, int b, pid_t *bpid)
{
	char	 sa[64], sb[64], ps[16], c[2];
	int	 rp[2], i;
	pid_t	 pid[2];

	snprintf(sa, sizeof sa, "floor.%ld.a", (long)getpid());
	snprintf(sb, sizeof sb, "floor.%ld.b", (long)getpid());
	snprintf(ps, sizeof ps, "%d", port);
	if (pipe(rp) == -1)
		floor_die("pipe");
	for (i = 0; i < 2; i++) {
		if ((pid[i] = fork()) == -1)
			floor_die("fork");
		if (pid[i] == 0) {
			if (dup2(i == 0 ? a : b, 3) == -1 ||
			    dup2(rp[1], 4) == -1)
				_exit(127);
			execl(floor_self, floor_self, "nats-relay-main", ps,
			    i == 0 ? sa : sb, i == 0 ? sb : sa, (char *)NULL);
			_exit(127);
		}
	}
	close(rp[1]);
	if (read(rp[0], c, 1) != 1 || read(rp[0], c + 1, 1) != 1) {
		fprintf(stderr, "bench-floor: a relay could not join "
		    "nats-server on port %d\n", port);
		exit(1);
	}
	close(rp[0]);
	*bpid = pid[1];
	return (pid[0]);
}
