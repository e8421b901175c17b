/* forkbox ps, forkbox stats and forkbox nodes: ask a running broker over
 * its control socket (control.c) and print what it says. */
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

#define CMD_PS_COLS		10

static void
cmd_ps_usage(FILE *f, const char *cmd)
{
	if (strcmp(cmd, "ps") == 0)
		fprintf(f,
"usage: forkbox ps [--json] [--socket PATH]\n"
"\n"
"List the processes of a running broker: ID (the last part of the pid\n"
"{HOST|ENTRY|ID}), OS pid, entry, host, state, resident memory, mailbox\n"
"(messages/bytes sent to it and not yet received), restarts (of its service),\n"
"uptime and the entry's meta.comment; then the app's services.\n");
	else if (strcmp(cmd, "nodes") == 0)
		fprintf(f,
"usage: forkbox nodes [--json] [--socket PATH]\n"
"\n"
"The live nodes of the cluster a running broker is a node of (run --nats\n"
"--node), itself included and marked *: name, incarnation, uptime, age of\n"
"its last heartbeat, and live/max_processes per host; then the frames\n"
"sent to and received from other nodes, dropped, and nodes joined and lost.\n"
"Exits 1 when the broker is not a node.\n");
	else
		fprintf(f,
"usage: forkbox stats [--json] [--socket PATH]\n"
"\n"
"Counters of a running broker: processes spawned, live, exited by reason,\n"
"messages routed and undeliverable, requests refused, senders paused by\n"
"backpressure, bytes queued in the broker.\n");
	fprintf(f,
"\n"
"The broker is found through its control socket: PATH, else the only\n"
"forkbox-PID.sock in $XDG_RUNTIME_DIR (or /tmp/forkbox-UID) that a broker\n"
"answers on. When several brokers run, --socket is required.\n"
"\n"
"  --json          print the broker's JSON answer\n"
"  --socket PATH   the broker's control socket\n"
"  -h, --help      show this help\n");
}

static const char *
cmd_ps_bytes(json_int_t n, char *buf, size_t len)
{
	if (n < 0)
		snprintf(buf, len, "-");
	else if (n < 1024)
		snprintf(buf, len, "%lldB", (long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%.1fKiB", (double)n / 1024);
	else if (n < 1024LL * 1024 * 1024)
		snprintf(buf, len, "%.1fMiB", (double)n / (1024 * 1024));
	else
		snprintf(buf, len, "%.1fGiB", (double)n / (1024 * 1024 * 1024));
	return (buf);
}

static const char *
cmd_ps_secs(json_t *v, char *buf, size_t len)
{
	if (!json_is_number(v))
		return ("-");
	return (duration_format((int64_t)(json_number_value(v) * 1e6), buf,
	    len));
}

/* A table: rows of cells, columns padded to their widest cell. */
struct cmd_ps_table {
	char	**cells;
	size_t	  ncols;
	size_t	  nrows;
};

static void
cmd_ps_row(struct cmd_ps_table *t, const char *const *cols)
{
	size_t	i;

	t->cells = reallocarray(t->cells, (t->nrows + 1) * t->ncols,
	    sizeof *t->cells);
	if (t->cells == NULL)
		fatal("reallocarray");
	for (i = 0; i < t->ncols; i++)
		if ((t->cells[t->nrows * t->ncols + i] = strdup(cols[i])) ==
		    NULL)
			fatal("strdup");
	t->nrows++;
}

static void
cmd_ps_print_table(struct cmd_ps_table *t)
{
	size_t	w[CMD_PS_COLS] = { 0 }, r, c, l;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			if ((l = strlen(t->cells[r * t->ncols + c])) > w[c])
				w[c] = l;
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c + 1 == t->ncols)
				printf("%s\n", t->cells[r * t->ncols + c]);
			else
				printf("%-*s  ", (int)w[c],
				    t->cells[r * t->ncols + c]);
		}
	}
	for (r = 0; r < t->nrows * t->ncols; r++)
		free(t->cells[r]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

static const char *
cmd_ps_str(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	return (json_is_string(v) ? json_string_value(v) : "-");
}

static void
cmd_ps_text(json_t *reply)
{
	static const char *const	 phead[CMD_PS_COLS] = { "ID", "OSPID",
	    "ENTRY", "HOST", "STATE", "RSS", "MAILBOX", "RESTARTS", "UPTIME",
	    "COMMENT" };
	static const char *const	 shead[] = { "SERVICE", "PROCESS",
	    "STATE", "ID", "RESTARTS", "FAILURES", "RETRY IN" };
	struct cmd_ps_table		 t = { NULL, CMD_PS_COLS, 0 };
	const char			*cols[CMD_PS_COLS];
	char				 ospid[32], rss[32], mbox[64];
	char				 restarts[32], up[32], failures[32];
	json_t				*a, *o;
	size_t				 i;

	a = json_object_get(reply, "processes");
	cmd_ps_row(&t, phead);
	json_array_foreach(a, i, o) {
		snprintf(ospid, sizeof ospid, "%lld", (long long)
		    json_integer_value(json_object_get(o, "ospid")));
		cmd_ps_bytes(json_is_integer(json_object_get(o, "memory")) ?
		    json_integer_value(json_object_get(o, "memory")) : -1,
		    rss, sizeof rss);
		snprintf(mbox, sizeof mbox, "%lld/", (long long)
		    json_integer_value(json_object_get(o,
		    "mailbox_messages")));
		cmd_ps_bytes(json_integer_value(json_object_get(o,
		    "mailbox_bytes")), mbox + strlen(mbox),
		    sizeof mbox - strlen(mbox));
		snprintf(restarts, sizeof restarts, "%lld", (long long)
		    json_integer_value(json_object_get(o, "restarts")));
		cols[0] = cmd_ps_str(o, "id");
		cols[1] = ospid;
		cols[2] = cmd_ps_str(o, "entry");
		cols[3] = cmd_ps_str(o, "host");
		cols[4] = cmd_ps_str(o, "state");
		cols[5] = rss;
		cols[6] = mbox;
		cols[7] = restarts;
		cols[8] = cmd_ps_secs(json_object_get(o, "uptime"), up,
		    sizeof up);
		cols[9] = json_is_string(json_object_get(o, "comment")) ?
		    cmd_ps_str(o, "comment") : "";
		cmd_ps_row(&t, cols);
	}
	cmd_ps_print_table(&t);

	a = json_object_get(reply, "services");
	if (json_array_size(a) == 0)
		return;
	printf("\n");
	t.ncols = sizeof shead / sizeof shead[0];
	cmd_ps_row(&t, shead);
	json_array_foreach(a, i, o) {
		snprintf(restarts, sizeof restarts, "%lld", (long long)
		    json_integer_value(json_object_get(o, "restarts")));
		snprintf(failures, sizeof failures, "%lld", (long long)
		    json_integer_value(json_object_get(o, "failures")));
		cols[0] = cmd_ps_str(o, "service");
		cols[1] = cmd_ps_str(o, "process");
		cols[2] = cmd_ps_str(o, "state");
		cols[3] = cmd_ps_str(o, "id");
		cols[4] = restarts;
		cols[5] = failures;
		cols[6] = cmd_ps_secs(json_object_get(o, "retry_in"), up,
		    sizeof up);
		cmd_ps_row(&t, cols);
	}
	cmd_ps_print_table(&t);
}

/* What strict workers are isolated by; what is missing, and why. */
static void
cmd_ps_isolation_text(json_t *iso)
{
	json_t		*v;
	const char	*why;
	size_t		 i;

	if (!json_is_object(iso))
		return;
	printf("isolation      namespaces:");
	json_array_foreach(json_object_get(iso, "namespaces"), i, v)
		printf(" %s", json_string_value(v));
	if (json_array_size(json_object_get(iso, "namespaces")) == 0)
		printf(" none");
	printf("; user: %s; seccomp\n", json_is_string(json_object_get(iso,
	    "user")) ? json_string_value(json_object_get(iso, "user")) : "?");
	if ((why = json_string_value(json_object_get(iso, "unavailable"))) !=
	    NULL)
		printf("  unavailable  %s\n", why);
}

/* How workers are forked: by the zygote (label: of strict hosts, or of
 * trusted ones), and how often not. */
static void
cmd_ps_zygote_text(const char *label, json_t *z)
{
	if (!json_is_object(z))
		return;
	printf("%-14s %s", label, json_string_value(json_object_get(z,
	    "state")));
	if (json_integer_value(json_object_get(z, "ospid")) > 0)
		printf(" (OS pid %lld)", (long long)json_integer_value(
		    json_object_get(z, "ospid")));
	printf("; forked %lld, fork+exec %lld, restarts %lld\n",
	    (long long)json_integer_value(json_object_get(z, "forked")),
	    (long long)json_integer_value(json_object_get(z, "fallbacks")),
	    (long long)json_integer_value(json_object_get(z, "restarts")));
}

/* The counters after "exited", in order: label, key of the reply. */
static const char *const cmd_ps_counters[][2] = {
	{ "routed", "routed" }, { "undeliverable", "undeliverable" },
	{ "refused", "refused" }, { "log dropped", "log_dropped" },
	{ "paused", "paused" }, { "queued", "queued" },
};

static void
cmd_ps_stats_text(json_t *reply)
{
	json_t		*exited = json_object_get(reply, "exited"), *v;
	const char	*key;
	json_int_t	 total = 0;
	char		 up[32];
	size_t		 i;

	json_object_foreach(exited, key, v)
		total += json_integer_value(v);
	printf("spawned        %lld\n", (long long)json_integer_value(
	    json_object_get(reply, "spawned")));
	printf("live           %lld\n", (long long)json_integer_value(
	    json_object_get(reply, "live")));
	printf("exited         %lld\n", (long long)total);
	json_object_foreach(exited, key, v) {
		if (json_integer_value(v) != 0)
			printf("  %-12s %lld\n", key,
			    (long long)json_integer_value(v));
	}
	for (i = 0; i < sizeof cmd_ps_counters / sizeof cmd_ps_counters[0];
	    i++)
		printf("%-14s %lld\n", cmd_ps_counters[i][0],
		    (long long)json_integer_value(json_object_get(reply,
		    cmd_ps_counters[i][1])));
	printf("uptime         %s\n", cmd_ps_secs(json_object_get(reply,
	    "uptime"), up, sizeof up));
	cmd_ps_isolation_text(json_object_get(reply, "isolation"));
	v = json_object_get(reply, "zygote");
	cmd_ps_zygote_text("zygote", v);
	cmd_ps_zygote_text("  trusted", json_object_get(v, "trusted"));
	if ((v = json_object_get(reply, "nodes")) != NULL)
		printf("nodes          %lld live; frames sent %lld, received "
		    "%lld, dropped %lld\n",
		    (long long)json_integer_value(json_object_get(v, "live")),
		    (long long)json_integer_value(json_object_get(v, "sent")),
		    (long long)json_integer_value(json_object_get(v,
		    "received")),
		    (long long)json_integer_value(json_object_get(v,
		    "dropped")));
}

static void
cmd_ps_nodes_text(json_t *reply)
{
	static const char *const	 head[] = { "NODE", "INCARNATION",
	    "UPTIME", "HEARTBEAT", "HOSTS (live/max)" };
	struct cmd_ps_table		 t = { NULL, 5, 0 };
	const char			*cols[5], *ref;
	char				 name[80], up[32], age[32], hosts[1024];
	json_t				*o, *h;
	size_t				 i, len;

	cmd_ps_row(&t, head);
	json_array_foreach(json_object_get(reply, "nodes"), i, o) {
		snprintf(name, sizeof name, "%s%s", cmd_ps_str(o, "name"),
		    json_is_true(json_object_get(o, "self")) ? " *" : "");
		hosts[0] = '\0';
		json_object_foreach(json_object_get(o, "hosts"), ref, h) {
			len = strlen(hosts);
			snprintf(hosts + len, sizeof hosts - len, "%s%s %lld/%lld",
			    len > 0 ? ", " : "", ref, (long long)
			    json_integer_value(json_object_get(h, "live")),
			    (long long)json_integer_value(json_object_get(h,
			    "max")));
		}
		cols[0] = name;
		cols[1] = cmd_ps_str(o, "incarnation");
		cols[2] = cmd_ps_secs(json_object_get(o, "uptime"), up,
		    sizeof up);
		cols[3] = json_is_true(json_object_get(o, "self")) ? "-" :
		    cmd_ps_secs(json_object_get(o, "heartbeat_age"), age,
		    sizeof age);
		cols[4] = hosts;
		cmd_ps_row(&t, cols);
	}
	cmd_ps_print_table(&t);
	printf("\nframes sent %lld, received %lld, dropped %lld; nodes joined "
	    "%lld, lost %lld\n",
	    (long long)json_integer_value(json_object_get(reply, "sent")),
	    (long long)json_integer_value(json_object_get(reply, "received")),
	    (long long)json_integer_value(json_object_get(reply, "dropped")),
	    (long long)json_integer_value(json_object_get(reply, "joined")),
	    (long long)json_integer_value(json_object_get(reply, "lost")));
}

static int
cmd_ps_main(const char *cmd, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "socket", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char			*opt_socket = NULL;
	json_t				*reply;
	int				 ch, as_json = 0;

	while ((ch = getopt_long(argc, argv, "+h" CLI_GLOBAL_OPTS, opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'j':
			as_json = 1;
			break;
		case 'S':
			opt_socket = optarg;
			break;
		case 'h':
			cmd_ps_usage(stdout, cmd);
			return (CLI_EXIT_OK);
		default:
			if (cli_global(ch))
				break;
			cmd_ps_usage(stderr, cmd);
			return (CLI_EXIT_USAGE);
		}
	}
	if (optind != argc)
		cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	reply = client_ask(cmd, client_find(cmd, opt_socket), cmd,
	    CLIENT_TIMEOUT);
	if (strcmp(cmd, "nodes") == 0 &&
	    !json_is_string(json_object_get(reply, "node"))) {
		fprintf(stderr, "forkbox nodes: the broker is not a node "
		    "(started without --nats and --node)\n");
		json_decref(reply);
		return (CLI_EXIT_FAIL);
	}
	if (as_json) {
		json_dumpf(reply, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("\n");
	} else if (strcmp(cmd, "ps") == 0)
		cmd_ps_text(reply);
	else if (strcmp(cmd, "nodes") == 0)
		cmd_ps_nodes_text(reply);
	else
		cmd_ps_stats_text(reply);
	json_decref(reply);
	return (fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL);
}

int
cmd_ps(int argc, char **argv)
{
	return (cmd_ps_main("ps", argc, argv));
}

int
cmd_nodes(int argc, char **argv)
{
	return (cmd_ps_main("nodes", argc, argv));
}

int
cmd_stats(int argc, char **argv)
{
	return (cmd_ps_main("stats", argc, argv));
}
