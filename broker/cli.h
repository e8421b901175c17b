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

/* Apply global option ch: 1 when it was one (-V prints the version and
 * exits), 0 when it is not a global option. */
int		 cli_global(int ch);
extern int64_t	cli_stop_timeout;	/* usec, --stop-timeout */
extern uint64_t	cli_max_queued;		/* bytes, --max-queued */

struct app	*cli_load_app(const char *dir);
/* The host for a top-level process (spec section 8); exits 2 when several
 * hosts make it ambiguous or the named one does not exist. */
struct app_entry *cli_pick_host(struct app *, const char *opt_host);
/* Event loop, process table, reaper, signals. */
void		 cli_start(struct app *);
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

#endif
