/* forkbox run: spawn one entry, print how it ended. */
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
#include "log.h"

struct cmd_run_state {
	struct proc	*root;
	int		 done;
	int		 status;
};

static void
cmd_run_usage(FILE *f)
{
	fprintf(f,
"usage: forkbox run [--app DIR] [--host REF] ENTRY|FILE.lua [ARG...]\n"
"\n"
"Load the app in DIR (default: the directory of FILE.lua, else the current\n"
"directory), spawn ENTRY (an entry ref such as app.hello:main) or the Lua\n"
"file on a host, and pass each ARG to its main function as a string.\n"
"Prints main's first return value as JSON and exits 0; on an error, crash\n"
"or limit, prints the error on stderr and exits 1. When it ends, every\n"
"other process is killed with reason \"shutdown\".\n"
"\n"
"  --app DIR    the app directory (every _index.yaml below it)\n"
"  --host REF   the host to run on (default app:processes, else the\n"
"               app's only host, else a built-in default host)\n"
"  -h, --help   show this help\n");
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

	if (p == st->root) {
		st->done = 1;
		if (strcmp(reason, "normal") == 0) {
			cli_print_result(p);
			st->status = CLI_EXIT_OK;
		} else {
			fprintf(stderr, "forkbox: %s: %s: %s\n", p->pid, reason,
			    error != NULL ? error : reason);
			st->status = CLI_EXIT_FAIL;
		}
		st->root = NULL;
		cli_kill_all(p);
	}
	if (st->done && cli_last(p))
		event_base_loopexit(broker->base, NULL);
}

int
cmd_run(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "app", required_argument, NULL, 'a' },
		{ "host", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_run_state	 st = { NULL, 0, CLI_EXIT_FAIL };
	const char		*appdir = NULL, *opt_host = NULL, *target;
	struct app		*app;
	struct app_entry	*entry, *host;
	json_t			*args;
	char			*argtext, *dircopy = NULL, err[1024];
	int			 ch, i;

	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			appdir = optarg;
			break;
		case 'H':
			opt_host = optarg;
			break;
		case 'h':
			cmd_run_usage(stdout);
			return (CLI_EXIT_OK);
		default:
			cmd_run_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage_error("run", "no ENTRY or FILE.lua given (running "
		    "services without an entry is not supported yet)");
	target = argv[0];
	if (appdir == NULL && cmd_run_is_file(target)) {
		if ((dircopy = strdup(target)) == NULL)
			fatal("strdup");
		appdir = dirname(dircopy);
	}
	app = cli_load_app(appdir != NULL ? appdir : ".");
	if (cmd_run_is_file(target)) {
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

	if ((args = json_array()) == NULL)
		fatalx("out of memory");
	for (i = 1; i < argc; i++) {
		if (json_array_append_new(args, json_string(argv[i])) != 0)
			cli_usage_error("run", "argument %d is not valid UTF-8",
			    i);
	}
	if ((argtext = json_dumps(args, JSON_COMPACT)) == NULL)
		fatalx("out of memory");
	json_decref(args);

	cli_start(app);
	host = cli_pick_host(app, opt_host);
	broker->on_exit = cmd_run_exit;
	broker->on_exit_arg = &st;
	st.root = spawn_proc(entry, host, argtext, strlen(argtext), err,
	    sizeof err);
	free(argtext);
	if (st.root == NULL) {
		fprintf(stderr, "forkbox run: cannot spawn %s: %s\n",
		    entry->ref, err);
		cli_stop();
		return (CLI_EXIT_FAIL);
	}
	event_base_dispatch(broker->base);
	cli_stop();
	return (st.status);
}
