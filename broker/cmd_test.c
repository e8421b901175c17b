/* forkbox test: the services, then every test entry in its own process,
 * one line each. */
#include "config.h"

#include <sys/time.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "broker.h"
#include "cli.h"
#include "duration.h"
#include "log.h"

struct cmd_test_state {
	struct app_entry	**tests;
	size_t			  ntests;
	size_t			  next;		/* index of the next to start */
	struct app_entry	 *host;
	struct proc		 *cur;
	struct timeval		  started;
	struct timeval		  timeout;
	struct event		 *deadline;
	struct event		 *advance;
	unsigned		  passed;
	unsigned		  failed;
	int			  ending;	/* all ran: services stop */
};

static void
cmd_test_usage(FILE *f)
{
	fprintf(f,
"usage: forkbox test [--app DIR] [--host REF] [--timeout D]\n"
"                    [--max-queued SIZE] [--nats URL --node NAME\n"
"                    [--cluster NAME] [--node-timeout D] [--nats-creds FILE]]\n"
"                    [PATTERN...]\n"
"\n"
"Start the app's auto_start services, as run does, then run every\n"
"process.lua entry of the app whose name starts with test_ or whose\n"
"meta.type is test (with PATTERNs: whose ref contains one of them), one\n"
"at a time, each in its own process. main returning true passes;\n"
"false, \"why\", an error, a crash or the timeout fails. Prints a line per\n"
"test and 'N passed, N failed'; exits 1 if any failed or none matched.\n"
"\n"
"  --app DIR      the app directory (default: the current directory)\n"
"  --host REF     the host tests run on (chosen as for run)\n"
"  --timeout D    per-test time limit, e.g. 30s or 500ms (default 30s)\n"
"  --max-queued SIZE\n"
"                 the budget of all the broker's message queues, as for\n"
"                 run (default 1GiB)\n"
"The tests may run as a node of a cluster, as for run:\n"
CLI_NODE_HELP
"  -h, --help     show this help\n");
}

static int
cmd_test_is_test(const struct app_entry *e)
{
	const char	*name = strchr(e->ref, ':');
	json_t		*type = json_object_get(e->meta, "type");

	if (e->kind != APP_PROCESS)
		return (0);
	if (name != NULL && strncmp(name + 1, "test_", 5) == 0)
		return (1);
	return (json_is_string(type) &&
	    strcmp(json_string_value(type), "test") == 0);
}

static int
cmd_test_matches(const struct app_entry *e, char **pats, int npats)
{
	int	i;

	if (npats == 0)
		return (1);
	for (i = 0; i < npats; i++)
		if (strstr(e->ref, pats[i]) != NULL)
			return (1);
	return (0);
}

static int
cmd_test_cmp(const void *a, const void *b)
{
	const struct app_entry	*ea = *(struct app_entry *const *)a;
	const struct app_entry	*eb = *(struct app_entry *const *)b;

	return (strcmp(ea->ref, eb->ref));
}

static long
cmd_test_elapsed_ms(const struct timeval *since)
{
	struct timeval	now, d;

	gettimeofday(&now, NULL);
	timersub(&now, since, &d);
	return ((long)d.tv_sec * 1000 + d.tv_usec / 1000);
}

#define CMD_TEST_WHY_MAX	8192	/* bytes of a failure's text, escaped */

/* One verdict line; what the test said is untrusted text, escaped. */
static void
cmd_test_report(struct cmd_test_state *st, struct proc *p, const char *reason,
    const char *error)
{
	const char	*ref = p->entry->ref;
	long		 ms = cmd_test_elapsed_ms(&st->started);
	char		 why[CMD_TEST_WHY_MAX];	/* the test's own words */

	if (strcmp(reason, "normal") == 0 && p->result_len == 4 &&
	    memcmp(p->result, "true", 4) == 0) {
		printf("ok    %s (%ld ms)\n", ref, ms);
		st->passed++;
	} else if (strcmp(reason, "normal") == 0) {
		if (p->result_len == 5 && memcmp(p->result, "false", 5) == 0)
			printf("FAIL  %s (%ld ms): %s\n", ref, ms,
			    p->exit_detail != NULL ? log_escape(why, sizeof why,
			    p->exit_detail, strlen(p->exit_detail)) :
			    "returned false");
		else
			printf("FAIL  %s (%ld ms): returned %s instead of "
			    "true\n", ref, ms, p->result_len == 0 ? "nil" :
			    log_escape(why, sizeof why, p->result,
			    p->result_len > 200 ? 200 : p->result_len));
		st->failed++;
	} else {
		printf("FAIL  %s (%ld ms): %s: %s\n", ref, ms, reason,
		    error != NULL ? log_escape(why, sizeof why, error,
		    strlen(error)) : reason);
		st->failed++;
	}
	fflush(stdout);
}

static void
cmd_test_start_next(evutil_socket_t fd, short what, void *arg)
{
	struct cmd_test_state	*st = arg;
	struct app_entry	*e;
	char			 err[1024];

	while (st->next < st->ntests && !cli_stopped()) {
		e = st->tests[st->next++];
		gettimeofday(&st->started, NULL);
		st->cur = spawn_proc(e, st->host, "[]", 2, err, sizeof err);
		if (st->cur != NULL) {
			proclog_foreground(st->cur);
			evtimer_add(st->deadline, &st->timeout);
			return;
		}
		printf("FAIL  %s (0 ms): cannot spawn: %s\n", e->ref, err);
		st->failed++;
	}
	/* Done: the services stop too, and the loop ends with the last. */
	st->ending = 1;
	service_stop();
	if (TAILQ_EMPTY(&broker->procs))
		event_base_loopexit(broker->base, NULL);
	else
		cli_kill_all(NULL);
}

/* A process of the app's services: one of them, or spawned below one. */
static int
cmd_test_is_service(const struct proc *p)
{
	unsigned	restarts;

	for (; p != NULL; p = p->parent)
		if (service_of(p, &restarts) != NULL)
			return (1);
	return (0);
}

/* Kill what the test that just ended left behind: not the services. */
static void
cmd_test_clean_up(struct proc *test)
{
	struct proc	*p;

	TAILQ_FOREACH(p, &broker->procs, entry_all)
		if (p != test && !cmd_test_is_service(p))
			proc_kill(p, "shutdown", "shut down");
}

/* 1 when nothing but exiting p and the services' processes is left. */
static int
cmd_test_clean(const struct proc *exiting)
{
	struct proc	*p;

	TAILQ_FOREACH(p, &broker->procs, entry_all)
		if (p != exiting && !cmd_test_is_service(p))
			return (0);
	return (1);
}

static void
cmd_test_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct cmd_test_state	*st = arg;

	if (st->cur != NULL)
		proc_kill(st->cur, "timeout", "test timed out after %ld ms",
		    (long)st->timeout.tv_sec * 1000 +
		    st->timeout.tv_usec / 1000);
}

/* A test is over once its own process and everything it left behind are
 * gone; only then does the next one start, on a table that holds only
 * the app's services (started before the first test, as run does). */
static void
cmd_test_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	struct cmd_test_state	*st = arg;

	if (st->ending) {
		if (cli_last(p))
			event_base_loopexit(broker->base, NULL);
		return;
	}
	if (p == st->cur) {
		evtimer_del(st->deadline);
		cmd_test_report(st, p, reason, error);
		st->cur = NULL;
		cmd_test_clean_up(p);
	}
	if (st->cur == NULL && cmd_test_clean(p))
		event_active(st->advance, EV_TIMEOUT, 0);
}

int
cmd_test(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "app", required_argument, NULL, 'a' },
		{ "host", required_argument, NULL, 'H' },
		{ "timeout", required_argument, NULL, 't' },
		{ "max-queued", required_argument, NULL, 'Q' },
		{ "help", no_argument, NULL, 'h' },
		CLI_GLOBAL_LONGOPTS,
		CLI_NODE_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_test_state	 st;
	const char		*appdir = ".", *opt_host = NULL;
	struct app		*app;
	int64_t			 usec = 30 * 1000000LL;
	char			 err[256];
	size_t			 i;
	int			 ch;

	memset(&st, 0, sizeof st);
	while ((ch = getopt_long(argc, argv, "+h" CLI_GLOBAL_OPTS, opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			appdir = optarg;
			break;
		case 'H':
			opt_host = optarg;
			break;
		case 't':
			if (duration_parse(optarg, &usec, err, sizeof err) != 0 ||
			    usec <= 0)
				cli_usage_error("test", "--timeout: %s",
				    usec <= 0 ? "must be positive" : err);
			break;
		case 'Q':
			cli_opt_max_queued("test", optarg);
			break;
		case 'h':
			cmd_test_usage(stdout);
			return (CLI_EXIT_OK);
		default:
			if (cli_global(ch) || cli_node_opt("test", ch, optarg))
				break;
			cmd_test_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	cli_node_check("test");
	app = cli_load_app(appdir);
	if ((st.tests = calloc(app->nentries + 1, sizeof *st.tests)) == NULL)
		fatal("calloc");
	for (i = 0; i < app->nentries; i++) {
		if (cmd_test_is_test(app->entries[i]) &&
		    cmd_test_matches(app->entries[i], argv, argc))
			st.tests[st.ntests++] = app->entries[i];
	}
	qsort(st.tests, st.ntests, sizeof *st.tests, cmd_test_cmp);
	if (st.ntests == 0) {
		fprintf(stderr, "forkbox test: no test entries%s in %s\n",
		    argc > 0 ? " match" : "", appdir);
		free(st.tests);
		app_free(app);
		return (CLI_EXIT_FAIL);
	}
	st.timeout.tv_sec = usec / 1000000;
	st.timeout.tv_usec = usec % 1000000;

	if (cli_start(app, err, sizeof err) != 0) {
		fprintf(stderr, "forkbox test: %s\n", err);
		free(st.tests);
		cli_stop();
		return (CLI_EXIT_FAIL);
	}
	st.host = cli_pick_host(app, opt_host);
	reap_observe(cmd_test_exit, &st);
	service_start();
	st.deadline = evtimer_new(broker->base, cmd_test_timeout, &st);
	st.advance = event_new(broker->base, -1, 0, cmd_test_start_next, &st);
	if (st.deadline == NULL || st.advance == NULL)
		fatalx("out of memory");
	event_active(st.advance, EV_TIMEOUT, 0);
	event_base_dispatch(broker->base);

	/* Interrupted: whatever did not run counts as failed. */
	st.failed += (unsigned)(st.ntests - st.next) + (st.cur != NULL);
	printf("%u passed, %u failed\n", st.passed, st.failed);
	event_free(st.deadline);
	event_free(st.advance);
	free(st.tests);
	cli_stop();
	return (st.failed > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK);
}
