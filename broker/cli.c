/* Set-up and tear-down shared by the forkbox subcommands. */
#include "config.h"

#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "cli.h"
#include "cname.h"
#include "duration.h"
#include "log.h"
#include "node.h"
#include "remote.h"

int			 cli_verbosity = LOG_LEVEL_WARN;
int64_t			 cli_stop_timeout = 5 * 1000000LL;
uint64_t		 cli_max_queued = BROKER_MAX_QUEUED;
static struct node_opts	 cli_node = { .cluster = "forkbox",
			    .timeout_us = NODE_TIMEOUT_DEFAULT };
static struct event	*cli_sigint, *cli_sigterm, *cli_stop_timer;
static int		 cli_stopping;	/* a stop signal was received */
static int		 cli_forced;	/* processes had to be killed */

int
cli_global(int ch)
{
	switch (ch) {
	case 'v':
		if (cli_verbosity < LOG_LEVEL_DEBUG)
			cli_verbosity++;
		break;
	case 'q':
		cli_verbosity = LOG_LEVEL_QUIET;
		break;
	case 'V':
		printf("forkbox %s (protocol %d)\n", PACKAGE_VERSION,
		    FORKBOX_PROTO_VERSION);
		exit(CLI_EXIT_OK);
	default:
		return (0);
	}
	log_init("forkbox", cli_verbosity);
	return (1);
}

void
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "forkbox %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'forkbox %s --help'.\n", cmd);
	exit(CLI_EXIT_USAGE);
}

void
cli_opt_max_queued(const char *cmd, const char *arg)
{
	char	err[256];
	size_t	len = strlen(arg);

	if (len > 0 && arg[len - 1] >= '0' && arg[len - 1] <= '9')
		cli_usage_error(cmd, "--max-queued: a size needs a unit "
		    "(B, KiB, MiB, GiB): \"%.64s\"", arg);
	if (size_parse(arg, &cli_max_queued, err, sizeof err) != 0)
		cli_usage_error(cmd, "--max-queued: %s", err);
	if (cli_max_queued == 0)
		cli_usage_error(cmd, "--max-queued: must be greater than 0");
}

int
cli_node_opt(const char *cmd, int ch, const char *arg)
{
	char	err[256];

	switch (ch) {
	case 0x100:
		cli_node.url = arg;
		break;
	case 0x101:
		if (!node_name_valid(arg))
			cli_usage_error(cmd, "--node: a node name is 1 to %d "
			    "of A-Z a-z 0-9 _ -", NODE_NAME_MAX);
		cli_node.name = arg;
		break;
	case 0x102:
		if (!node_name_valid(arg))
			cli_usage_error(cmd, "--cluster: a cluster name is 1 "
			    "to %d of A-Z a-z 0-9 _ -", NODE_CLUSTER_MAX);
		cli_node.cluster = arg;
		break;
	case 0x103:
		if (duration_parse(arg, &cli_node.timeout_us, err,
		    sizeof err) != 0)
			cli_usage_error(cmd, "--node-timeout: %s", err);
		if (cli_node.timeout_us < 100000)
			cli_usage_error(cmd, "--node-timeout: at least 100ms");
		break;
	case 0x104:
		cli_node.creds = arg;
		break;
	default:
		return (0);
	}
	return (1);
}

void
cli_node_check(const char *cmd)
{
	if (cli_node.url != NULL && cli_node.name == NULL)
		cli_usage_error(cmd, "--nats needs --node NAME");
	if (cli_node.url == NULL && cli_node.name != NULL)
		cli_usage_error(cmd, "--node needs --nats URL");
	if (cli_node.url == NULL && cli_node.creds != NULL)
		cli_usage_error(cmd, "--nats-creds needs --nats URL");
}

struct app *
cli_load_app(const char *dir)
{
	struct app	*app;
	char		 err[2048];

	if ((app = app_load(dir, err, sizeof err)) == NULL) {
		fprintf(stderr, "forkbox: %s\n", err);
		exit(CLI_EXIT_FAIL);
	}
	return (app);
}

struct app_entry *
cli_pick_host(struct app *app, const char *opt_host)
{
	struct app_entry	*h;
	size_t			 i, n;

	if (opt_host != NULL) {
		if ((h = app_find(app, opt_host, APP_HOST)) == NULL &&
		    strcmp(opt_host, DEFAULT_HOST_REF) != 0) {
			fprintf(stderr, "forkbox: unknown host '%s'\n",
			    opt_host);
			exit(CLI_EXIT_USAGE);
		}
		return (h != NULL ? h : &broker->default_host);
	}
	if ((h = proc_default_host(app, &n)) != NULL)
		return (h);
	fprintf(stderr, "forkbox: the app has %zu hosts; choose one with "
	    "--host:\n", n);
	for (i = 0; i < app->nentries; i++)
		if (app->entries[i]->kind == APP_HOST)
			fprintf(stderr, "  %s\n", app->entries[i]->ref);
	exit(CLI_EXIT_USAGE);
}

static void
cli_kill_rest(const char *why)
{
	struct proc	*p;

	TAILQ_FOREACH(p, &broker->procs, entry_all) {
		if (!p->finished && p->kill_reason == NULL) {
			cli_forced = 1;
			proc_kill(p, "shutdown", "%s", why);
		}
	}
}

static void
cli_stop_expired(evutil_socket_t fd, short what, void *arg)
{
	struct proc	*p;
	char		 d[32], why[128];
	size_t		 n = 0;

	TAILQ_FOREACH(p, &broker->procs, entry_all)
		n++;
	duration_format(cli_stop_timeout, d, sizeof d);
	log_warnx("%zu process%s did not stop within %s: killing %s", n,
	    n == 1 ? "" : "es", d, n == 1 ? "it" : "them");
	snprintf(why, sizeof why, "did not stop within %s of the shutdown", d);
	cli_kill_rest(why);
}

/*
 * The first SIGINT or SIGTERM stops the app: no more service restarts,
 * a CANCEL event to every process, and whatever is left at the stop
 * timeout is killed with reason "shutdown". A second signal kills at once.
 */
static void
cli_signal(evutil_socket_t sig, short what, void *arg)
{
	const char	*name = sig == SIGINT ? "interrupted" : "terminated";
	struct proc	*p;
	struct timeval	 tv;
	char		 d[32];
	size_t		 n = 0;

	if (cli_stopping) {
		log_warnx("%s again: killing every process now", name);
		cli_kill_rest("killed by a second stop signal");
		return;
	}
	cli_stopping = broker->stopping = 1;
	service_stop();
	TAILQ_FOREACH(p, &broker->procs, entry_all) {
		if (p->finished || p->kill_reason != NULL)
			continue;
		route_event(p, FB_EV_CANCEL, BROKER_PID, NULL, NULL, NULL, 0,
		    route_now() + (double)cli_stop_timeout / 1e6, NULL, 0);
		n++;
	}
	if (TAILQ_EMPTY(&broker->procs)) {
		log_info("%s: nothing running, stopping", name);
		event_base_loopexit(broker->base, NULL);
		return;
	}
	log_warnx("%s: stopping %zu process%s (up to %s; again to kill now)",
	    name, n, n == 1 ? "" : "es",
	    duration_format(cli_stop_timeout, d, sizeof d));
	tv.tv_sec = cli_stop_timeout / 1000000;
	tv.tv_usec = cli_stop_timeout % 1000000;
	evtimer_add(cli_stop_timer, &tv);
}

/* While stopping, the loop ends with the last process. */
static void
cli_exit(struct proc *p, const char *reason, const char *error, void *arg)
{
	if (cli_stopping && cli_last(p))
		event_base_loopexit(broker->base, NULL);
}

int
cli_stopped(void)
{
	return (cli_stopping);
}

int
cli_stop_forced(void)
{
	return (cli_forced);
}

int
cli_start(struct app *app, char *err, size_t errlen)
{
	struct event_base	*base;

	signal(SIGPIPE, SIG_IGN);
	fdlimit_init();
	/* A relay frees its 64 KiB read chains and the queue it held for a
	 * slow receiver every pass; over glibc's 128 KiB the heap's top went
	 * back to the kernel and the next reads faulted it in again (4 KiB
	 * messages: 0.28-0.35 page faults each, 0.16-0.22 with 4 MiB kept;
	 * docs/performance.md). node_conn.c keeps more when nodes are on. */
	mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
	if (cli_node.url != NULL)
		node_prepare();	/* before the loop exists */
	if ((base = event_base_new()) == NULL)
		fatalx("cannot create the event loop");
	logsink_start(base);
	proc_init(base, app);
	broker->max_queued = cli_max_queued;
	jail_init();	/* before reap_init: the holder is waited for */
	reap_init();
	zygote_init();	/* after reap_init: it is reaped and restarted */
	cli_sigint = evsignal_new(base, SIGINT, cli_signal, NULL);
	cli_sigterm = evsignal_new(base, SIGTERM, cli_signal, NULL);
	cli_stop_timer = evtimer_new(base, cli_stop_expired, NULL);
	if (cli_sigint == NULL || cli_sigterm == NULL ||
	    cli_stop_timer == NULL ||
	    evsignal_add(cli_sigint, NULL) != 0 ||
	    evsignal_add(cli_sigterm, NULL) != 0)
		fatalx("cannot watch SIGINT/SIGTERM");
	reap_observe(cli_exit, NULL);
	remote_init();
	service_init();
	if (cli_node.url != NULL &&
	    node_start(base, &cli_node, err, errlen) != 0)
		return (-1);
	remote_req_start(cli_node.timeout_us);
	cname_start(cli_node.timeout_us);	/* name@*, once joined */
	return (0);
}

void
cli_stop(void)
{
	struct event_base	*base = broker->base;
	struct app		*app = broker->app;

	cname_stop();
	node_stop();	/* its goodbye first, while the loop is whole */
	control_close();
	service_free();
	remote_done();
	event_free(cli_sigint);
	event_free(cli_sigterm);
	event_free(cli_stop_timer);
	reap_done();
	zygote_done();
	pool_shutdown();
	proc_shutdown();
	jail_done();
	logsink_stop();
	event_base_free(base);
	app_free(app);
}

void
cli_kill_all(struct proc *keep)
{
	struct proc	*p;

	TAILQ_FOREACH(p, &broker->procs, entry_all) {
		if (p != keep)
			proc_kill(p, "shutdown", "shut down");
	}
}

int
cli_last(struct proc *p)
{
	return (TAILQ_FIRST(&broker->procs) == p &&
	    TAILQ_NEXT(p, entry_all) == NULL);
}

/*
 * A result is JSON without control bytes (route.c checked), but JSON lets
 * DEL and the C1 controls (U+0080-U+009F: CSI is U+009B) stand raw in a
 * string, and terminals obey them: those are printed as \u escapes, the
 * same JSON value. In valid UTF-8 the bytes C2 80-9F are always one of
 * them.
 */
void
cli_print_result(const struct proc *p)
{
	const unsigned char	*s = (const unsigned char *)p->result;
	size_t			 i;

	if (p->result_len == 0)
		fputs("null", stdout);
	for (i = 0; i < p->result_len; i++) {
		if (s[i] == 0x7f)
			fputs("\\u007f", stdout);
		else if (s[i] == 0xc2 && i + 1 < p->result_len &&
		    s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
			printf("\\u%04x", s[++i]);
		else
			putchar(s[i]);
	}
	putchar('\n');
	fflush(stdout);
}
