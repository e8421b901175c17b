/*
 * What processes say: print() lines go to the broker's log tagged with the
 * pid (which names the host and the entry), and the last few are kept so a
 * crash can be shown with the lines that led to it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker.h"
#include "log.h"

#define PROCLOG_LINES		10	/* kept per process */
#define PROCLOG_LINE_MAX	512	/* bytes kept of each, escaped */

struct proclog {
	char	*lines[PROCLOG_LINES];	/* a ring, oldest at next when full */
	size_t	 next;
	size_t	 n;
	int	 foreground;	/* the command reports this exit itself */
};

static struct proclog *
proclog_get(struct proc *p)
{
	if (p->log == NULL && (p->log = calloc(1, sizeof *p->log)) == NULL)
		fatal("calloc");
	return (p->log);
}

static void
proclog_keep(struct proc *p, const char *line)
{
	struct proclog	*l = proclog_get(p);

	free(l->lines[l->next]);
	if ((l->lines[l->next] = strdup(line)) == NULL)
		fatal("strdup");
	l->next = (l->next + 1) % PROCLOG_LINES;
	if (l->n < PROCLOG_LINES)
		l->n++;
}

/* One print() call: each of its lines is logged and kept. Shown unless
 * -q; the tag is the pid, "{host|entry|id}". */
void
proclog_print(struct proc *p, const char *text, size_t len)
{
	char		 line[PROCLOG_LINE_MAX];
	const char	*nl, *end = text + len;

	for (;;) {
		nl = memchr(text, '\n', (size_t)(end - text));
		log_escape(line, sizeof line, text, (size_t)((nl != NULL ?
		    nl : end) - text));
		proclog_keep(p, line);
		if (log_get_level() >= LOG_LEVEL_WARN)
			fprintf(stderr, "%s: %s\n", p->pid, line);
		if (nl == NULL)
			break;
		text = nl + 1;
	}
}

/* The process failed by itself, as opposed to being ended by another
 * process, a link, a cancel or the shutdown. */
static int
proclog_is_crash(const char *reason)
{
	static const char *const	crashes[] = { "error", "signal",
	    "memory", "cpu", "timeout", "mailbox", "protocol", "sandbox",
	    NULL };
	size_t				i;

	for (i = 0; crashes[i] != NULL; i++)
		if (strcmp(reason, crashes[i]) == 0)
			return (1);
	return (0);
}

/*
 * Log an exit: a crash as a warning with the process's last lines, any
 * other abnormal exit at -v, a normal one at -vv. A foreground process's
 * exit is reported by its command instead.
 */
void
proclog_exit(struct proc *p, const char *reason, const char *error)
{
	struct proclog	*l = p->log;
	size_t		 i;

	if (strcmp(reason, "normal") == 0) {
		log_debug("%s: exited normally", p->pid);
		return;
	}
	if (!proclog_is_crash(reason) || (l != NULL && l->foreground)) {
		log_info("%s: exited: %s: %s", p->pid, reason,
		    error != NULL ? error : reason);
		return;
	}
	log_warnx("%s: crashed: %s: %s", p->pid, reason,
	    error != NULL ? error : reason);
	if (l == NULL || l->n == 0)
		return;
	log_warnx("%s: its last %zu line%s:", p->pid, l->n,
	    l->n == 1 ? "" : "s");
	for (i = 0; i < l->n; i++)
		log_warnx("%s: | %s", p->pid, l->lines[(l->next +
		    PROCLOG_LINES - l->n + i) % PROCLOG_LINES]);
}

void
proclog_foreground(struct proc *p)
{
	proclog_get(p)->foreground = 1;
}

void
proclog_free(struct proc *p)
{
	size_t	i;

	if (p->log == NULL)
		return;
	for (i = 0; i < PROCLOG_LINES; i++)
		free(p->log->lines[i]);
	free(p->log);
	p->log = NULL;
}
