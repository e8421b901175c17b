/* forkbox: the broker and its command line. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "cli.h"
#include "log.h"

static void
forkbox_usage(FILE *f)
{
	fprintf(f,
"usage: forkbox [-v | -q] COMMAND [OPTIONS] [ARGS]\n"
"\n"
"Run Lua processes, each in its own sandboxed OS process, with Erlang's\n"
"process model: spawn, messages, monitors, links, a name registry.\n"
"\n"
"Commands:\n"
"  run [--app DIR] [--host REF] [--socket PATH] [--stop-timeout D]\n"
"      [ENTRY|FILE.lua [ARG...]]\n"
"        start the app's services; spawn ENTRY (or a lone Lua file),\n"
"        print its result as JSON and exit 0, or print its error and\n"
"        exit 1; without ENTRY, run the services and serve calls until\n"
"        SIGINT/SIGTERM\n"
"  test [--app DIR] [--host REF] [--timeout D] [PATTERN...]\n"
"        start the app's services, then run every test entry (name\n"
"        starting with test_, or meta.type test) in its own process;\n"
"        exit 1 if any failed\n"
"  call [--socket PATH] [--host REF] [--timeout D] [--json] ENTRY [ARG...]\n"
"        spawn ENTRY in a running broker, print its result as JSON (exit\n"
"        0), or its error (exit 1); refused before it ran: exit 2\n"
"  send [--socket PATH] DEST TOPIC [JSON]\n"
"        send a message to a process of a running broker\n"
"  ps [--json] [--socket PATH]\n"
"        list the processes and services of a running broker\n"
"  stats [--json] [--socket PATH]\n"
"        a running broker's counters: spawned, exited by reason,\n"
"        messages routed and undeliverable\n"
"  nodes [--json] [--socket PATH]\n"
"        the live nodes of a running broker's cluster (run --nats URL\n"
"        --node NAME), with their incarnation, uptime, heartbeat age and\n"
"        live processes per host\n"
"\n"
"call, send, ps, stats and nodes find the broker by its control socket,\n"
"forkbox-PID.sock in $XDG_RUNTIME_DIR (else /tmp/forkbox-UID); when\n"
"several brokers run, choose one with --socket.\n"
"\n"
"Options (before or after COMMAND):\n"
"  -v, --verbose   log more: every exit, service starts (twice: debug)\n"
"  -q, --quiet     log only fatal errors: no print() lines or crashes\n"
"  -h, --help      show this help\n"
"  -V, --version   show the version\n"
"\n"
"print() lines are logged on stderr tagged with the pid {HOST|ENTRY|ID};\n"
"a process that crashes is reported with its last lines.\n"
"'forkbox COMMAND --help' describes a command. Exit status: 0 success,\n"
"1 failure, 2 bad usage. See forkbox(1) and forkbox-lua(7).\n");
}

int
main(int argc, char **argv)
{
	static const struct option	opts[] = {
		CLI_GLOBAL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	log_init("forkbox", cli_verbosity);
	while ((ch = getopt_long(argc, argv, "+h" CLI_GLOBAL_OPTS, opts,
	    NULL)) != -1) {
		if (ch == 'h') {
			forkbox_usage(stdout);
			return (CLI_EXIT_OK);
		}
		if (!cli_global(ch)) {
			forkbox_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		forkbox_usage(stderr);
		return (CLI_EXIT_USAGE);
	}
	optind = 0;	/* reset getopt for the subcommand (GNU) */
	if (strcmp(argv[0], "run") == 0)
		return (cmd_run(argc, argv));
	if (strcmp(argv[0], "test") == 0)
		return (cmd_test(argc, argv));
	if (strcmp(argv[0], "call") == 0)
		return (cmd_call(argc, argv));
	if (strcmp(argv[0], "send") == 0)
		return (cmd_send(argc, argv));
	if (strcmp(argv[0], "ps") == 0)
		return (cmd_ps(argc, argv));
	if (strcmp(argv[0], "stats") == 0)
		return (cmd_stats(argc, argv));
	if (strcmp(argv[0], "nodes") == 0)
		return (cmd_nodes(argc, argv));
	if (strcmp(argv[0], "help") == 0) {
		forkbox_usage(stdout);
		return (CLI_EXIT_OK);
	}
	fprintf(stderr, "forkbox: unknown command '%s'\n", argv[0]);
	forkbox_usage(stderr);
	return (CLI_EXIT_USAGE);
}
