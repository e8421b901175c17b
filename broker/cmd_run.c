/* forkbox run: start the services, spawn one entry, print how it ended. */
#include "config.h"

#include <sys/stat.h>

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "broker.h"
#include "cli.h"
#include "duration.h"
#include "http.h"
#include "log.h"
#include "natsapi.h"
#include "request.h"

struct cmd_run_state {
	struct proc	*root;
	int		 done;
	int		 status;
};

static void
cmd_run_usage(FILE *f)
{
	fprintf(f,
"usage: forkbox run [--app DIR] [--host REF] [--socket PATH]\n"
"                   [--http ADDR [--http-token-file FILE]]\n"
"                   [--stop-timeout D] [--max-queued SIZE]\n"
"                   [--nats URL --node NAME [--cluster NAME]\n"
"                    [--node-timeout D] [--nats-creds FILE]]\n"
"                   [ENTRY|FILE.lua [ARG...]]\n"
"\n"
"Load the app in DIR (default: the directory of FILE.lua, else the current\n"
"directory) and start its auto_start services (process.service entries;\n"
"restarted with backoff after an abnormal exit).\n"
"\n"
"With ENTRY (an entry ref such as app.hello:main) or a Lua file: spawn it\n"
"on a host with each ARG as a string argument of its main function; print\n"
"main's first return value as JSON and exit 0, or on an error, crash or\n"
"limit print the error on stderr and exit 1. When it ends, every other\n"
"process is killed with reason \"shutdown\".\n"
"\n"
"Without ENTRY: run the services, and serve the requests of outside\n"
"programs on the control socket (forkbox call, forkbox send, see\n"
"docs/protocol.md), until SIGINT or SIGTERM.\n"
"\n"
"SIGINT/SIGTERM stop the app: every process gets a CANCEL event, what is\n"
"left after the stop timeout is killed (reason \"shutdown\"); a second\n"
"signal kills at once. Without ENTRY the exit status is 0 when every\n"
"process stopped by itself in time, else 1.\n"
"\n"
"  --app DIR           the app directory (every _index.yaml below it)\n"
"  --host REF          the host ENTRY runs on (default app:processes,\n"
"                      else the app's only host, else a built-in one);\n"
"                      without ENTRY, where calls that name none run\n"
"  --socket PATH       the control socket for forkbox ps, stats, call\n"
"                      and send\n"
"                      (default $XDG_RUNTIME_DIR/forkbox-PID.sock, else\n"
"                      /tmp/forkbox-UID/forkbox-PID.sock)\n"
"  --http ADDR         serve the same requests over HTTP on HOST:PORT\n"
"                      (port 0: any free one, logged) or unix:PATH\n"
"  --http-token-file FILE\n"
"                      every HTTP request needs \"Authorization: Bearer\n"
"                      TOKEN\", TOKEN the file's first line; needed to\n"
"                      serve an address that is not loopback\n"
"  --stop-timeout D    how long a stop waits, e.g. 5s or 500ms (default 5s)\n"
"  --max-queued SIZE   the budget of all the broker's message queues (what\n"
"                      it holds for processes and read from them); past\n"
"                      it the process holding the most is killed with\n"
"                      reason \"mailbox\" (default 1GiB)\n"
CLI_NODE_HELP
"  -h, --help          show this help\n");
}

static int
cmd_run_is_file(const char *target)
{
	struct stat	sb;
	size_t		len = strlen(target);

	return (len > 4 && strcmp(target + len - 4, ".lua") == 0 &&
	    stat(target, &sb) == 0 && S_ISREG(sb.st_mode));
}

static void
cmd_run_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	struct cmd_run_state	*st = arg;
	char			 safe[8192], line[8400];
	int			 n;

	if (p == st->root) {
		st->done = 1;
		if (strcmp(reason, "normal") == 0) {
			cli_print_result(p);
			st->status = CLI_EXIT_OK;
		} else {
			/* After the log lines before it, and never waiting
			 * for a slow reader (logsink.c). */
			n = snprintf(line, sizeof line, "%s: %s: %s", p->pid,
			    reason, error != NULL ? log_escape(safe,
			    sizeof safe, error, strlen(error)) : reason);
			if (n > 0)
				logsink_line_must("forkbox", line,
				    (size_t)n < sizeof line ? (size_t)n :
				    sizeof line - 1);
			st->status = CLI_EXIT_FAIL;
		}
		st->root = NULL;
		/* No more calls from outside: the broker is going. */
		broker->stopping = 1;
		/* During a stop the others keep their time to exit. */
		service_stop();
		if (!cli_stopped())
			cli_kill_all(p);
	}
	if (st->done && cli_last(p))
		event_base_loopexit(broker->base, NULL);
}

/* Connections first (they drop their calls), then the calls still in
 * flight, then the loop and the table. */
static void
cmd_run_stop(void)
{
	control_close();
	http_close();
	natsapi_stop();
	request_close();
	cli_stop();
}

int
cmd_run(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "app", required_argument, NULL, 'a' },
		{ "host", required_argument, NULL, 'H' },
		{ "socket", required_argument, NULL, 'S' },
		{ "http", required_argument, NULL, 'W' },
		{ "http-token-file", required_argument, NULL, 'K' },
		{ "stop-timeout", required_argument, NULL, 'T' },
		{ "max-queued", required_argument, NULL, 'Q' },
		{ "help", no_argument, NULL, 'h' },
		CLI_GLOBAL_LONGOPTS,
		CLI_NODE_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_run_state	 st = { NULL, 0, CLI_EXIT_FAIL };
	const char		*appdir = NULL, *opt_host = NULL, *target = NULL;
	const char		*opt_socket = NULL, *opt_http = NULL;
	const char		*opt_token = NULL;
	struct app		*app;
	struct app_entry	*entry, *host;
	json_t			*args;
	char			*argtext = NULL, *dircopy = NULL, err[1024];
	int64_t			 usec;
	int			 ch, i;

	while ((ch = getopt_long(argc, argv, "+h" CLI_GLOBAL_OPTS, opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			appdir = optarg;
			break;
		case 'H':
			opt_host = optarg;
			break;
		case 'S':
			opt_socket = optarg;
			break;
		case 'W':
			opt_http = optarg;
			break;
		case 'K':
			opt_token = optarg;
			break;
		case 'T':
			if (duration_parse(optarg, &usec, err, sizeof err) != 0)
				cli_usage_error("run", "--stop-timeout: %s", err);
			cli_stop_timeout = usec;
			break;
		case 'Q':
			cli_opt_max_queued("run", optarg);
			break;
		case 'h':
			cmd_run_usage(stdout);
			return (CLI_EXIT_OK);
		default:
			if (cli_global(ch) || cli_node_opt("run", ch, optarg))
				break;
			cmd_run_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	cli_node_check("run");
	if (opt_token != NULL && opt_http == NULL)
		cli_usage_error("run", "--http-token-file needs --http");
	if (opt_http != NULL && http_check(opt_http, opt_token, err,
	    sizeof err) != 0)
		cli_usage_error("run", "%s", err);
	if (argc > 0)
		target = argv[0];
	if (target != NULL && appdir == NULL && cmd_run_is_file(target)) {
		if ((dircopy = strdup(target)) == NULL)
			fatal("strdup");
		appdir = dirname(dircopy);
	}
	app = cli_load_app(appdir != NULL ? appdir : ".");
	if (target == NULL)
		entry = NULL;
	else if (cmd_run_is_file(target)) {
		if ((entry = app_add_file(app, target, err, sizeof err)) ==
		    NULL) {
			fprintf(stderr, "forkbox: %s\n", err);
			app_free(app);
			free(dircopy);
			return (CLI_EXIT_FAIL);
		}
	} else if ((entry = app_find(app, target, APP_PROCESS)) == NULL) {
		fprintf(stderr, "forkbox run: unknown entry '%s' (not a "
		    "process.lua entry of the app, nor a .lua file)\n", target);
		app_free(app);
		free(dircopy);
		return (CLI_EXIT_USAGE);
	}
	free(dircopy);

	if (entry != NULL) {
		if ((args = json_array()) == NULL)
			fatalx("out of memory");
		for (i = 1; i < argc; i++) {
			if (json_array_append_new(args,
			    json_string(argv[i])) != 0)
				cli_usage_error("run", "argument %d is not "
				    "valid UTF-8", i);
		}
		if ((argtext = json_dumps(args, JSON_COMPACT)) == NULL)
			fatalx("out of memory");
		json_decref(args);
	}

	if (cli_start(app, err, sizeof err) != 0) {
		fprintf(stderr, "forkbox run: %s\n", err);
		free(argtext);
		cmd_run_stop();
		return (CLI_EXIT_FAIL);
	}
	/* Without ENTRY, --host is where calls run that name no host. */
	host = entry != NULL || opt_host != NULL ?
	    cli_pick_host(app, opt_host) : NULL;
	request_init(entry == NULL ? host : NULL);
	if (control_open(opt_socket, err, sizeof err) != 0) {
		if (opt_socket != NULL) {
			fprintf(stderr, "forkbox run: %s\n", err);
			free(argtext);
			cmd_run_stop();
			return (CLI_EXIT_FAIL);
		}
		log_warnx("no control socket (forkbox ps will not see this "
		    "broker): %s", err);
	}
	if (natsapi_start(err, sizeof err) != 0 || (opt_http != NULL &&
	    http_open(opt_http, opt_token, err, sizeof err) != 0)) {
		fprintf(stderr, "forkbox run: %s\n", err);
		free(argtext);
		cmd_run_stop();
		return (CLI_EXIT_FAIL);
	}
	reap_observe(cmd_run_exit, &st);
	service_start();
	if (entry != NULL) {
		st.root = spawn_proc(entry, host, argtext, strlen(argtext),
		    err, sizeof err);
		free(argtext);
		if (st.root == NULL) {
			fprintf(stderr, "forkbox run: cannot spawn %s: %s\n",
			    entry->ref, err);
			service_stop();
			cli_kill_all(NULL);
			st.done = 1;
			if (!TAILQ_EMPTY(&broker->procs))
				event_base_dispatch(broker->base);
			cmd_run_stop();
			return (CLI_EXIT_FAIL);
		}
		proclog_foreground(st.root);
	}
	event_base_dispatch(broker->base);
	if (entry == NULL)
		st.status = cli_stop_forced() ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	cmd_run_stop();
	return (st.status);
}
