/* forkbox call and forkbox send: hand work to a running broker over its
 * control socket (docs/protocol.md) and report the outcome. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "broker.h"
#include "cli.h"
#include "duration.h"
#include "log.h"

#define CMD_CALL_MARGIN		10	/* seconds past the call's timeout */

static void
cmd_call_usage(FILE *f)
{
	fprintf(f,
"usage: forkbox call [--socket PATH] [--host REF] [--timeout D] [--json]\n"
"                    ENTRY [ARG...]\n"
"\n"
"Spawn ENTRY in a running broker (forkbox run --app DIR) with each ARG as\n"
"an argument of its main function, wait until it ends and print its\n"
"result as JSON (exit 0). An error, crash or limit prints the reason and\n"
"the error on stderr (exit 1); a request the broker refuses before\n"
"anything ran (unknown entry or host, host full, bad request) exits 2.\n"
"With output: capture on its host, what it printed goes to stderr.\n"
"\n"
"  --socket PATH   the broker's control socket (default: the only one\n"
"                  running, as for forkbox ps)\n"
"  --host REF      the host it runs on (default: the broker's --host, else\n"
"                  chosen as forkbox run does)\n"
"  --timeout D     past it the process is killed, reason \"timeout\"\n"
"                  (default 30s)\n"
"  --json          each ARG is a JSON value (default: a string)\n"
"  -h, --help      show this help\n");
}

static void
cmd_send_usage(FILE *f)
{
	fprintf(f,
"usage: forkbox send [--socket PATH] DEST TOPIC [JSON]\n"
"\n"
"Send a message to DEST (a pid or a registered name) of a running broker\n"
"on TOPIC with JSON as its payload (default null). The process sees it\n"
"from {forkbox|outside|N}. A dead pid or an unbound name is not an\n"
"error (sends are fire-and-forget); a malformed destination or topic, or\n"
"a payload over the receiver's max_message_size, exits 2.\n"
"\n"
"  --socket PATH   the broker's control socket\n"
"  -h, --help      show this help\n");
}

/* A JSON value from the command line; exits 2 when it is not one. */
static json_t *
cmd_call_json(const char *cmd, const char *text)
{
	json_t		*v;
	json_error_t	 jerr;

	if ((v = json_loads(text, JSON_DECODE_ANY, &jerr)) == NULL)
		cli_usage_error(cmd, "not JSON: %s: %s", text, jerr.text);
	return (v);
}

/* Seconds to wait for a call's answer: its timeout and a margin. */
static int
cmd_call_wait(const char *timeout)
{
	int64_t	us = 30 * 1000000LL;
	char	err[256];

	if (timeout != NULL && duration_parse(timeout, &us, err,
	    sizeof err) != 0)
		return (CMD_CALL_MARGIN);	/* refused at once */
	if (us <= 0 || us / 1000000 > 86400 * 365)
		return (0);
	return ((int)(us / 1000000) + 1 + CMD_CALL_MARGIN);
}

/* A refusal: its text and kind on stderr; exit 2. */
static int
cmd_call_refused(const char *cmd, json_t *a)
{
	const char	*error = json_string_value(json_object_get(a, "error"));
	const char	*kind = json_string_value(json_object_get(a, "kind"));

	fprintf(stderr, "forkbox %s: %s (%s)\n", cmd,
	    error != NULL ? error : "refused", kind != NULL ? kind :
	    "bad answer");
	return (CLI_EXIT_USAGE);
}

/* Print an answer the way forkbox run prints an outcome; the exit code. */
static int
cmd_call_report(const char *cmd, json_t *a)
{
	const char	*reason = json_string_value(json_object_get(a,
			    "reason"));
	json_t		*out = json_object_get(a, "output");
	char		*text;

	if (json_is_string(out))
		fputs(json_string_value(out), stderr);
	if (json_is_string(json_object_get(a, "kind")) || reason == NULL)
		return (cmd_call_refused(cmd, a));
	if (strcmp(reason, "normal") != 0) {
		fprintf(stderr, "forkbox %s: %s: %s: %s\n", cmd,
		    json_string_value(json_object_get(a, "pid")), reason,
		    json_string_value(json_object_get(a, "error")));
		return (CLI_EXIT_FAIL);
	}
	text = json_dumps(json_object_get(a, "result"),
	    JSON_COMPACT | JSON_ENCODE_ANY);
	printf("%s\n", text != NULL ? text : "null");
	free(text);
	return (fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL);
}

int
cmd_call(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "socket", required_argument, NULL, 'S' },
		{ "host", required_argument, NULL, 'H' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*opt_socket = NULL, *opt_host = NULL, *opt_timeout = NULL;
	json_t		*req, *args, *a;
	int		 ch, i, as_json = 0, rc;

	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			opt_socket = optarg;
			break;
		case 'H':
			opt_host = optarg;
			break;
		case 'T':
			opt_timeout = optarg;
			break;
		case 'j':
			as_json = 1;
			break;
		case 'h':
			cmd_call_usage(stdout);
			return (CLI_EXIT_OK);
		default:
			cmd_call_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage_error("call", "no ENTRY given");
	if ((args = json_array()) == NULL)
		fatalx("out of memory");
	for (i = 1; i < argc; i++) {
		a = as_json ? cmd_call_json("call", argv[i]) :
		    json_string(argv[i]);
		if (a == NULL)
			cli_usage_error("call", "argument %d is not valid "
			    "UTF-8", i);
		if (json_array_append_new(args, a) != 0)
			fatalx("out of memory");
	}
	req = json_pack("{s:s,s:s,s:o,s:s?,s:s?}", "op", "call",
	    "entry", argv[0], "args", args, "host", opt_host,
	    "timeout", opt_timeout);
	if (req == NULL)
		cli_usage_error("call", "ENTRY, --host and --timeout must be "
		    "valid UTF-8");
	a = client_request("call", client_find("call", opt_socket), req,
	    cmd_call_wait(opt_timeout));
	json_decref(req);
	rc = cmd_call_report("call", a);
	json_decref(a);
	return (rc);
}

int
cmd_send(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "socket", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*opt_socket = NULL;
	json_t		*req, *a;
	int		 ch, rc = CLI_EXIT_OK;

	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			opt_socket = optarg;
			break;
		case 'h':
			cmd_send_usage(stdout);
			return (CLI_EXIT_OK);
		default:
			cmd_send_usage(stderr);
			return (CLI_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || argc > 3)
		cli_usage_error("send", "expected DEST TOPIC [JSON]");
	req = json_pack("{s:s,s:s,s:s,s:o}", "op", "send", "to", argv[0],
	    "topic", argv[1], "payload", argc == 3 ?
	    cmd_call_json("send", argv[2]) : json_null());
	if (req == NULL)
		cli_usage_error("send", "DEST and TOPIC must be valid UTF-8");
	a = client_request("send", client_find("send", opt_socket), req,
	    CLIENT_TIMEOUT);
	json_decref(req);
	if (!json_is_true(json_object_get(a, "ok")))
		rc = cmd_call_refused("send", a);
	json_decref(a);
	return (rc);
}
