/*
 * natsclient: an outside program on libnats, as any user would write one,
 * for the cluster tests (make check builds it; it is not installed).
 *
 *   natsclient [-t MS] [-H KEY:VALUE]... [-h] URL request SUBJECT [BODY]
 *	request-reply: print the reply's body (with -h, its headers first,
 *	one "KEY: VALUE" line each); exit 3 when no reply came within MS
 *	(default 5000), 4 when nobody listens on SUBJECT
 *   natsclient -n COUNT [-t MS] [-H KEY:VALUE]... URL request SUBJECT [BODY]
 *	the same request COUNT times in a row, one at a time: prints the last
 *	reply, and on stderr the round trips' p50, p99 and the rate
 *   natsclient [-H KEY:VALUE]... [-r REPLY] URL publish SUBJECT [BODY]
 *	publish once (with REPLY as its reply subject), no reply awaited
 *   natsclient [-t MS] URL listen SUBJECT...
 *	subscribe to each SUBJECT, print "ready", then print the subject and
 *	body ("SUBJECT BODY") of every message that comes until 500 ms after
 *	the first, and exit 0; exit 3 when none came by the deadline
 *   natsclient [-t MS] [-H KEY:VALUE]... URL ask SUBJECT BODY
 *	request-reply where the reply subject is also printed first on its
 *	own line ("inbox _INBOX...."), then the reply as for request: lets a
 *	test see the {nats|…} string a process gets
 *
 * Exit 2 on bad usage, 1 on any other failure (the status text on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include <nats/nats.h>

/* listen: how long after the first message the others are still taken. */
#define NATSCLIENT_GRACE_MS	500

static void
natsclient_usage(void)
{
	fprintf(stderr, "usage: natsclient [-t MS] [-H KEY:VALUE]... [-h] URL "
	    "[-r REPLY] request|publish|ask SUBJECT [BODY]\n"
	    "       natsclient [-t MS] URL listen SUBJECT...\n");
	exit(2);
}

static void
natsclient_fail(const char *what, natsStatus s)
{
	fprintf(stderr, "natsclient: %s: %s\n", what, natsStatus_GetText(s));
	exit(s == NATS_TIMEOUT ? 3 : s == NATS_NO_RESPONDERS ? 4 : 1);
}

/* The message to send, with each -H header set. */
static natsMsg *
natsclient_msg(const char *subject, const char *reply, const char *body,
    char **hdrs, int nhdrs)
{
	natsMsg		*m;
	natsStatus	 s;
	char		*colon;
	int		 i;

	if ((s = natsMsg_Create(&m, subject, reply, body, (int)strlen(body))) !=
	    NATS_OK)
		natsclient_fail("message", s);
	for (i = 0; i < nhdrs; i++) {
		if ((colon = strchr(hdrs[i], ':')) == NULL)
			natsclient_usage();
		*colon = '\0';
		if ((s = natsMsgHeader_Add(m, hdrs[i], colon + 1)) != NATS_OK)
			natsclient_fail("header", s);
	}
	return (m);
}

static double
natsclient_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static int
natsclient_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static void
natsclient_print(natsMsg *reply, int headers)
{
	const char	**keys = NULL, *v;
	int		  n = 0, i;

	if (natsMsg_IsNoResponders(reply))
		natsclient_fail("request", NATS_NO_RESPONDERS);
	if (headers && natsMsgHeader_Keys(reply, &keys, &n) == NATS_OK) {
		for (i = 0; i < n; i++)
			if (natsMsgHeader_Get(reply, keys[i], &v) == NATS_OK)
				printf("%s: %s\n", keys[i], v);
		free((void *)keys);
	}
	printf("%.*s\n", natsMsg_GetDataLength(reply), natsMsg_GetData(reply));
}

int
main(int argc, char **argv)
{
	natsConnection	*nc = NULL;
	natsSubscription *sub = NULL, *subs[16];
	natsMsg		*m, *reply = NULL;
	natsInbox	*inbox = NULL;
	natsStatus	 s;
	char		*hdrs[16];
	int64_t		 timeout = 5000;
	int		 nhdrs = 0, headers = 0, c, i, n, count = 1, got;
	double		*rtt, t0, start;
	const char	*url, *cmd, *body, *replyto = NULL;

	while ((c = getopt(argc, argv, "t:H:hr:n:")) != -1) {
		switch (c) {
		case 'n':
			if ((count = atoi(optarg)) < 1)
				natsclient_usage();
			break;
		case 't':
			timeout = strtoll(optarg, NULL, 10);
			break;
		case 'H':
			if (nhdrs == 16)
				natsclient_usage();
			hdrs[nhdrs++] = optarg;
			break;
		case 'h':
			headers = 1;
			break;
		case 'r':
			replyto = optarg;
			break;
		default:
			natsclient_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 3)
		natsclient_usage();
	url = argv[0];
	cmd = argv[1];
	body = argc > 3 ? argv[3] : "";
	if ((s = natsConnection_ConnectTo(&nc, url)) != NATS_OK)
		natsclient_fail("connect", s);

	if (strcmp(cmd, "request") == 0 && argc <= 4) {
		m = natsclient_msg(argv[2], NULL, body, hdrs, nhdrs);
		if ((rtt = calloc((size_t)count, sizeof *rtt)) == NULL)
			natsclient_fail("request", NATS_NO_MEMORY);
		start = natsclient_now();
		for (i = 0; i < count; i++) {
			natsMsg_Destroy(reply);
			t0 = natsclient_now();
			if ((s = natsConnection_RequestMsg(&reply, nc, m,
			    timeout)) != NATS_OK)
				natsclient_fail("request", s);
			rtt[i] = natsclient_now() - t0;
		}
		if (count > 1) {
			t0 = natsclient_now() - start;
			qsort(rtt, (size_t)count, sizeof *rtt, natsclient_cmp);
			fprintf(stderr, "%d requests in %.3fs: %.0f/s, p50 %.3fms, "
			    "p99 %.3fms\n", count, t0, count / t0,
			    rtt[count / 2] * 1e3, rtt[count * 99 / 100] * 1e3);
		}
		free(rtt);
		natsclient_print(reply, headers);
	} else if (strcmp(cmd, "ask") == 0 && argc == 4) {
		/* A reply subject of our own, so that it can be printed. */
		if ((s = natsInbox_Create(&inbox)) != NATS_OK ||
		    (s = natsConnection_SubscribeSync(&sub, nc, inbox)) !=
		    NATS_OK || (s = natsConnection_Flush(nc)) != NATS_OK)
			natsclient_fail("subscribe", s);
		printf("inbox %s\n", inbox);
		fflush(stdout);
		m = natsclient_msg(argv[2], inbox, body, hdrs, nhdrs);
		if ((s = natsConnection_PublishMsg(nc, m)) != NATS_OK ||
		    (s = natsSubscription_NextMsg(&reply, sub, timeout)) !=
		    NATS_OK)
			natsclient_fail("ask", s);
		natsclient_print(reply, headers);
	} else if (strcmp(cmd, "publish") == 0 && argc <= 4) {
		m = natsclient_msg(argv[2], replyto, body, hdrs, nhdrs);
		if ((s = natsConnection_PublishMsg(nc, m)) != NATS_OK ||
		    (s = natsConnection_Flush(nc)) != NATS_OK)
			natsclient_fail("publish", s);
	} else if (strcmp(cmd, "listen") == 0 && argc - 2 <= 16) {
		n = argc - 2;
		/* One subscription per subject, polled in turn: which one is
		 * polled first says nothing of which message came first, so
		 * after the first message every subscription is drained for
		 * a grace period, and each message is printed. */
		for (i = 0; i < n; i++)
			if ((s = natsConnection_SubscribeSync(&subs[i], nc,
			    argv[2 + i])) != NATS_OK)
				natsclient_fail("subscribe", s);
		if ((s = natsConnection_Flush(nc)) != NATS_OK)
			natsclient_fail("flush", s);
		printf("ready\n");
		fflush(stdout);
		for (got = 0;;) {
			for (i = 0; i < n; i++) {
				if (natsSubscription_NextMsg(&reply, subs[i],
				    10) != NATS_OK)
					continue;
				printf("%s %.*s\n", natsMsg_GetSubject(reply),
				    natsMsg_GetDataLength(reply),
				    natsMsg_GetData(reply));
				fflush(stdout);
				natsMsg_Destroy(reply);
				if (!got) {
					got = 1;
					timeout = NATSCLIENT_GRACE_MS;
				}
			}
			if ((timeout -= 10 * n) <= 0) {
				if (got)
					return (0);
				natsclient_fail("listen", NATS_TIMEOUT);
			}
		}
	} else
		natsclient_usage();
	natsConnection_Destroy(nc);
	return (0);
}
