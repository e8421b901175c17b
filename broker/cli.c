/* Set-up and tear-down shared by the forkbox subcommands. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "broker.h"
#include "cli.h"
#include "log.h"

int			 cli_verbosity = LOG_LEVEL_WARN;
static struct event	*cli_sigint, *cli_sigterm;

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
	struct app_entry	*h, *only = NULL;
	size_t			 i, n = 0;

	if (opt_host != NULL) {
		if ((h = app_find(app, opt_host, APP_HOST)) == NULL &&
		    strcmp(opt_host, DEFAULT_HOST_REF) != 0) {
			fprintf(stderr, "forkbox: unknown host '%s'\n",
			    opt_host);
			exit(CLI_EXIT_USAGE);
		}
		return (h != NULL ? h : &broker->default_host);
	}
	if ((h = app_find(app, "app:processes", APP_HOST)) != NULL)
		return (h);
	for (i = 0; i < app->nentries; i++) {
		if (app->entries[i]->kind == APP_HOST) {
			only = app->entries[i];
			n++;
		}
	}
	if (n == 0)
		return (&broker->default_host);
	if (n == 1)
		return (only);
	fprintf(stderr, "forkbox: the app has %zu hosts; choose one with "
	    "--host:\n", n);
	for (i = 0; i < app->nentries; i++)
		if (app->entries[i]->kind == APP_HOST)
			fprintf(stderr, "  %s\n", app->entries[i]->ref);
	exit(CLI_EXIT_USAGE);
}

static void
cli_signal(evutil_socket_t sig, short what, void *arg)
{
	log_warnx("%s: stopping every process",
	    sig == SIGINT ? "interrupted" : "terminated");
	cli_kill_all(NULL);
}

void
cli_start(struct app *app)
{
	struct event_base	*base;

	signal(SIGPIPE, SIG_IGN);
	if ((base = event_base_new()) == NULL)
		fatalx("cannot create the event loop");
	proc_init(base, app);
	reap_init();
	cli_sigint = evsignal_new(base, SIGINT, cli_signal, NULL);
	cli_sigterm = evsignal_new(base, SIGTERM, cli_signal, NULL);
	if (cli_sigint == NULL || cli_sigterm == NULL ||
	    evsignal_add(cli_sigint, NULL) != 0 ||
	    evsignal_add(cli_sigterm, NULL) != 0)
		fatalx("cannot watch SIGINT/SIGTERM");
}

void
cli_stop(void)
{
	struct event_base	*base = broker->base;
	struct app		*app = broker->app;

	event_free(cli_sigint);
	event_free(cli_sigterm);
	reap_done();
	pool_shutdown();
	proc_shutdown();
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

void
cli_print_result(const struct proc *p)
{
	if (p->result_len == 0)
		fputs("null\n", stdout);
	else
		printf("%.*s\n", (int)p->result_len, p->result);
	fflush(stdout);
}
