/*
 * What processes say: print() lines, up to the host's print_limit, go to
 * the broker's log tagged with the pid (which names the host and the
 * entry), or with output: capture are kept for the EXIT event instead.
 * In the log, the last few are also kept so a crash can be shown with
 * the lines that led to it. Lines past print_limit are dropped and
 * counted; one notice at exit says how many.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker.h"
#include "clip.h"
#include "log.h"

#define PROCLOG_LINES		10	/* kept per process */
#define PROCLOG_LINE_MAX	512	/* bytes kept of each, escaped */
/* Bytes of one line taken whole, before escaping: more than a worker's
 * print carries (sandbox.c), so only a lying worker's lines are cut. */
#define PROCLOG_TEXT_MAX	(64 * 1024)

struct proclog {
	char		*lines[PROCLOG_LINES];	/* a ring, oldest at next
						 * when full */
	size_t		 next;
	size_t		 n;
	int		 foreground;	/* the command reports this exit */
	uint64_t	 printed;	/* bytes taken, against print_limit */
	uint64_t	 dropped_lines;
	uint64_t	 dropped_bytes;
	char		*out;		/* captured output: raw lines, */
	size_t		 outlen;	/* then escaped at exit */
	size_t		 outcap;
	int		 escaped;
};

static struct proclog *
proclog_get(struct proc *p)
{
	if (p->log == NULL && (p->log = calloc(1, sizeof *p->log)) == NULL)
		fatal("calloc");
	return (p->log);
}

static void
proclog_keep(struct proc *p, const char *text, size_t len)
{
	struct proclog	*l = proclog_get(p);
	char		 line[PROCLOG_LINE_MAX];

	log_escape(line, sizeof line, text, len);
	free(l->lines[l->next]);
	if ((l->lines[l->next] = strdup(line)) == NULL)
		fatal("strdup");
	l->next = (l->next + 1) % PROCLOG_LINES;
	if (l->n < PROCLOG_LINES)
		l->n++;
}

/* Make room for need bytes of captured output. What a live process holds
 * is its raw lines, at most print_limit bytes (a cut line is shorter than
 * the one print_limit counted); escaping, up to 4 bytes a byte, waits
 * for its exit. */
static void
proclog_reserve(struct proclog *l, size_t need, size_t limit)
{
	size_t	 cap;
	char	*out;

	if (need > l->outcap) {
		cap = l->outcap != 0 ? l->outcap * 2 : 256;
		if (cap > limit)
			cap = limit;
		if (cap < need)
			cap = need;
		if ((out = realloc(l->out, cap)) == NULL)
			fatal("realloc");
		l->out = out;
		l->outcap = cap;
	}
}

/* Append a line (and its newline) to the captured output. */
static void
proclog_capture(struct proc *p, const char *s, size_t len)
{
	struct proclog	*l = p->log;

	proclog_reserve(l, l->outlen + len + 1, p->host->host.print_limit);
	memcpy(l->out + l->outlen, s, len);
	l->outlen += len;
	l->out[l->outlen++] = '\n';
}

/* At exit: the captured lines escaped one by one, as the log would show
 * them (the newlines between them kept), then the notice, if any. */
static void
proclog_escape_output(struct proclog *l, const char *notice)
{
	const char	*s = l->out, *end = l->out + l->outlen, *nl;
	size_t		 cap, o = 0;
	char		*esc;

	cap = 4 * l->outlen + (notice != NULL ? strlen(notice) + 1 : 0) + 4;
	if ((esc = malloc(cap)) == NULL)
		fatal("malloc");
	while (s < end && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		log_escape(esc + o, cap - o, s, (size_t)(nl - s));
		o += strlen(esc + o);
		esc[o++] = '\n';
		s = nl + 1;
	}
	if (notice != NULL) {
		memcpy(esc + o, notice, strlen(notice));
		o += strlen(notice);
		esc[o++] = '\n';
	}
	free(l->out);
	l->out = esc;
	l->outlen = o;
	l->outcap = cap;
	l->escaped = 1;
}

/* One line of print output, within print_limit or dropped. */
static void
proclog_line(struct proc *p, const char *text, size_t len)
{
	static char	 clipped[PROCLOG_TEXT_MAX + CLIP_MARKER_MAX];
	static char	 safe[4 * (PROCLOG_TEXT_MAX + CLIP_MARKER_MAX) + 4];
	struct proclog	*l = proclog_get(p);
	struct app_host	*h = &p->host->host;
	uint64_t	 cost = (uint64_t)len + 1;	/* with its newline */

	if (!h->output_capture)
		proclog_keep(p, text, len);
	if (l->dropped_lines > 0 || l->printed + cost > h->print_limit) {
		l->dropped_lines++;
		l->dropped_bytes += cost;
		return;
	}
	l->printed += cost;
	if (len > PROCLOG_TEXT_MAX) {
		len = clip(clipped, PROCLOG_TEXT_MAX, text, len);
		text = clipped;
	}
	if (h->output_capture)
		proclog_capture(p, text, len);
	else if (log_get_level() >= LOG_LEVEL_WARN) {
		log_escape(safe, sizeof safe, text, len);
		logsink_line(p->pid, safe, strlen(safe));
	}
}

/* One print() call: each of its lines, logged or captured. Logged lines
 * are shown unless -q; the tag is the pid, "{host|entry|id}". */
void
proclog_print(struct proc *p, const char *text, size_t len)
{
	const char	*nl, *end = text + len;

	for (;;) {
		nl = memchr(text, '\n', (size_t)(end - text));
		proclog_line(p, text, (size_t)((nl != NULL ? nl : end) - text));
		if (nl == NULL)
			break;
		text = nl + 1;
	}
}

/* A size as a host's YAML writes it: "1MiB", "512KiB", "100B". */
static void
proclog_size_text(uint64_t n, char *buf, size_t len)
{
	if (n % (1024 * 1024) == 0)
		snprintf(buf, len, "%lluMiB", (unsigned long long)(n >> 20));
	else if (n % 1024 == 0)
		snprintf(buf, len, "%lluKiB", (unsigned long long)(n >> 10));
	else
		snprintf(buf, len, "%lluB", (unsigned long long)n);
}

/* At exit: the one notice of lines past print_limit, logged or last in
 * the captured output, which is escaped now. */
static void
proclog_finish(struct proc *p)
{
	struct proclog	*l = p->log;
	char		 limit[32], notice[160];
	int		 n = -1;

	if (l == NULL || l->escaped)
		return;
	if (l->dropped_lines > 0) {
		proclog_size_text(p->host->host.print_limit, limit,
		    sizeof limit);
		n = snprintf(notice, sizeof notice, "%llu line%s (%llu bytes) "
		    "of output dropped: print_limit %s",
		    (unsigned long long)l->dropped_lines,
		    l->dropped_lines == 1 ? "" : "s",
		    (unsigned long long)l->dropped_bytes, limit);
	}
	if (p->host->host.output_capture)
		proclog_escape_output(l, n > 0 ? notice : NULL);
	else if (n > 0)
		log_warnx("%s: %s", p->pid, notice);
}

/* With output: capture, what the process printed (escaped, with the
 * notice of dropped lines, if any), for its EXIT and LINK_DOWN events,
 * once proclog_exit ran; else NULL. */
const char *
proclog_output(struct proc *p, size_t *len)
{
	if (!p->host->host.output_capture)
		return (NULL);
	if (p->log == NULL || !p->log->escaped) {
		*len = 0;
		return ("");
	}
	*len = p->log->outlen;
	return (p->log->out);
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
	struct proclog	*l;
	size_t		 i;

	proclog_finish(p);
	l = p->log;
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
	free(p->log->out);
	free(p->log);
	p->log = NULL;
}
