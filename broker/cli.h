/* What the forkbox subcommands share. */
#ifndef CLI_H
#define CLI_H

#include <stdint.h>

#include <jansson.h>

#include "app.h"

struct proc;

#define CLI_EXIT_OK	0
#define CLI_EXIT_FAIL	1
#define CLI_EXIT_USAGE	2

/*
 * The global options, which every command also takes after its name
 * (`forkbox run -v`, spec section 8): a command puts CLI_GLOBAL_OPTS in
 * its optstring and CLI_GLOBAL_LONGOPTS in its long options, and hands
 * any other option character to cli_global() before calling it bad.
 */
#define CLI_GLOBAL_OPTS		"vqV"
#define CLI_GLOBAL_LONGOPTS						\
	{ "verbose", no_argument, NULL, 'v' },				\
	{ "quiet", no_argument, NULL, 'q' },				\
	{ "version", no_argument, NULL, 'V' }

extern int	cli_verbosity;

/*
 * The node options of run and test (spec/cluster.md section 2): a command
 * puts CLI_NODE_LONGOPTS in its long options and hands other option
 * characters to cli_node_opt() too; cli_start() joins the cluster
 * when --nats was given (node.h).
 */
#define CLI_NODE_LONGOPTS						\
	{ "nats", required_argument, NULL, 0x100 },			\
	{ "node", required_argument, NULL, 0x101 },			\
	{ "cluster", required_argument, NULL, 0x102 },			\
	{ "node-timeout", required_argument, NULL, 0x103 },		\
	{ "nats-creds", required_argument, NULL, 0x104 }
#define CLI_NODE_HELP							\
"  --nats URL          join a cluster through the NATS server at URL\n"	\
"                      (nats://HOST:4222, tls://..., user:pass@ in it)\n" \
"  --node NAME         this broker's node name (1-64 of A-Za-z0-9_-);\n" \
"                      a name a live node holds is refused (exit 1)\n"	\
"  --cluster NAME      the cluster, the NATS subject prefix (default\n"	\
"                      forkbox)\n"					\
"  --node-timeout D    a node is lost after D without its heartbeat, or\n" \
"                      when the own NATS connection is down that long\n" \
"                      (default 3s)\n"					\
"  --nats-creds FILE   a NATS credentials file\n"
/* 1 when ch was a node option (a bad value exits 2), else 0. */
int		 cli_node_opt(const char *cmd, int ch, const char *arg);
/* After the options: exits 2 when they do not go together. */
void		 cli_node_check(const char *cmd);

/* Apply global option ch: 1 when it was one (-V prints the version and
 * exits), 0 when it is not a global option. */
int		 cli_global(int ch);
extern int64_t	cli_stop_timeout;	/* usec, --stop-timeout */
extern uint64_t	cli_max_queued;		/* bytes, --max-queued */

struct app	*cli_load_app(const char *dir);
/* The host for a top-level process (spec section 8); exits 2 when several
 * hosts make it ambiguous or the named one does not exist. */
struct app_entry *cli_pick_host(struct app *, const char *opt_host);
/* Event loop, process table, reaper, signals; then the cluster, when
 * --nats was given: -1 with err when it cannot join (exit 1). */
int		 cli_start(struct app *, char *err, size_t errlen);
void		 cli_stop(void);
/* 1 once SIGINT/SIGTERM started a stop; 1 when it had to kill. */
int		 cli_stopped(void);
int		 cli_stop_forced(void);
/* Kill every process except `keep` with reason "shutdown". */
void		 cli_kill_all(struct proc *keep);
/* 1 when p is the last process in the table. */
int		 cli_last(struct proc *);
void		 cli_print_result(const struct proc *);
void		 cli_usage_error(const char *cmd, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3), noreturn));
/* --max-queued SIZE (a size with a unit) for cmd; exits 2 when bad. */
void		 cli_opt_max_queued(const char *cmd, const char *arg);

/* client.c: the command line's side of the control socket. */
#define CLIENT_TIMEOUT	10	/* seconds for ps and stats */
int		 client_find(const char *cmd, const char *opt_socket);
json_t		*client_request(const char *cmd, int fd, json_t *req,
		    int secs);
json_t		*client_ask(const char *cmd, int fd, const char *op,
		    int secs);

int	cmd_run(int, char **);
int	cmd_call(int, char **);
int	cmd_send(int, char **);
int	cmd_test(int, char **);
int	cmd_ps(int, char **);
int	cmd_stats(int, char **);
int	cmd_nodes(int, char **);

#endif
