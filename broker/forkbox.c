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
"  run [--app DIR] [--host REF] ENTRY|FILE.lua [ARG...]\n"
"        spawn ENTRY (or a lone Lua file), print its result as JSON and\n"
"        exit 0, or print its error and exit 1\n"
"  test [--app DIR] [--host REF] [--timeout D] [PATTERN...]\n"
"        run every test entry (name starting with test_, or meta.type\n"
"        test) in its own process; exit 1 if any failed\n"
"\n"
"Options:\n"
"  -v, --verbose   log more (twice for debug output)\n"
"  -q, --quiet     log only what cannot be ignored\n"
"  -h, --help      show this help\n"
"  -V, --version   show the version\n"
"\n"
"'forkbox COMMAND --help' describes a command. Exit status: 0 success,\n"
"1 failure, 2 bad usage.\n");
}

int
main(int argc, char **argv)
{
	static const struct option	opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch, level = LOG_LEVEL_WARN;

	while ((ch = getopt_long(argc, argv, "+vqhV", opts, NULL)) != -1) {
		switch (ch) {
		case 'v':
			if (level < LOG_LEVEL_DEBUG)
				level++;
			break;
		case 'q':
			level = LOG_LEVEL_QUIET;
			break;
		case 'h':
			forkbox_usage(stdout);
			return (CLI_EXIT_OK);
		case 'V':
			printf("forkbox %s (protocol %d)\n", PACKAGE_VERSION,
			    FORKBOX_PROTO_VERSION);
			return (CLI_EXIT_OK);
		default:
			forkbox_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	log_init("forkbox", level);
	cli_verbosity = level;
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
	if (strcmp(argv[0], "help") == 0) {
		forkbox_usage(stdout);
		return (CLI_EXIT_OK);
	}
	fprintf(stderr, "forkbox: unknown command '%s'\n", argv[0]);
	forkbox_usage(stderr);
	return (CLI_EXIT_USAGE);
}
