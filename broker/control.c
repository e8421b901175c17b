/*
 * The control socket: how forkbox ps and forkbox stats see a running
 * broker. A Unix socket, mode 0600, in $XDG_RUNTIME_DIR or else in
 * /tmp/forkbox-UID (a 0700 directory), named forkbox-PID.sock; a peer
 * whose uid (SO_PEERCRED) is not the broker's is refused.
 *
 * Protocol: the client sends one line, "ps" or "stats"; the broker answers
 * with one JSON object and a newline, then closes. A refusal or a bad
 * request is answered with {"error": "..."}.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "broker.h"
#include "log.h"

#define CONTROL_LINE_MAX	64	/* a request line */
#define CONTROL_TIMEOUT		10	/* seconds a client may take */

struct control_client {
	struct bufferevent		*bev;
	int				 refused;	/* another user */
	TAILQ_ENTRY(control_client)	 entry;
};
static TAILQ_HEAD(, control_client) control_clients =
    TAILQ_HEAD_INITIALIZER(control_clients);

static struct evconnlistener	*control_listener;
static char			 control_sockpath[108];	/* sun_path */
static struct timeval		 control_started;

/* Exits by reason, for stats; the reasons of spec section 2. */
static const char *const	 control_reasons[] = {
	"normal", "error", "signal", "memory", "cpu", "timeout", "mailbox",
	"protocol", "sandbox", "terminated", "cancelled", "link", "noproc",
	"shutdown", NULL
};
#define CONTROL_NREASONS	(sizeof control_reasons / sizeof control_reasons[0])
static uint64_t			 control_exits[CONTROL_NREASONS];	/* last: other */

/*
 * The directory sockets live in: $XDG_RUNTIME_DIR (per user already), or
 * /tmp/forkbox-UID, created 0700 when asked and refused unless it is a
 * directory of ours that nobody else can enter.
 */
int
control_dir(char *buf, size_t len, int create, char *err, size_t errlen)
{
	const char	*xdg = getenv("XDG_RUNTIME_DIR");
	struct stat	 sb;

	if (xdg != NULL && *xdg == '/' && stat(xdg, &sb) == 0 &&
	    S_ISDIR(sb.st_mode)) {
		snprintf(buf, len, "%s", xdg);
		return (0);
	}
	snprintf(buf, len, "/tmp/forkbox-%ld", (long)getuid());
	if (create && mkdir(buf, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", buf, strerror(errno));
		return (-1);
	}
	if (lstat(buf, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", buf, strerror(errno));
		return (-1);
	}
	if (!S_ISDIR(sb.st_mode) || sb.st_uid != getuid() ||
	    (sb.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s is not a private directory of this "
		    "user (owner %ld, mode %03o)", buf, (long)sb.st_uid,
		    (unsigned)(sb.st_mode & 0777));
		return (-1);
	}
	return (0);
}

const char *
control_path(void)
{
	return (control_sockpath[0] != '\0' ? control_sockpath : NULL);
}

static void
control_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	size_t	i;

	for (i = 0; control_reasons[i] != NULL; i++)
		if (strcmp(reason, control_reasons[i]) == 0)
			break;
	control_exits[i]++;
}

static double
control_since(const struct timeval *tv, const struct timeval *now)
{
	struct timeval	d;

	timersub(now, tv, &d);
	return ((double)d.tv_sec + (double)d.tv_usec / 1e6);
}

/* Resident memory in bytes from /proc/PID/status, or -1. */
static json_int_t
control_rss(pid_t pid)
{
	char		 path[64], line[256];
	FILE		*f;
	long long	 kb = -1;

	if (pid <= 0)
		return (-1);
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "re")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmRSS: %lld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return (kb < 0 ? -1 : (json_int_t)kb * 1024);
}

static const char *
control_state(const struct proc *p)
{
	if (p->status_seen || p->eof_seen)
		return ("exiting");
	if (p->kill_reason != NULL)
		return ("killed");
	if (broker->stopping || (p->cancel_timer != NULL &&
	    evtimer_pending(p->cancel_timer, NULL)))
		return ("stopping");
	return ("running");
}

static json_t *
control_proc(struct proc *p, const struct timeval *now)
{
	json_t		*o, *c = json_object_get(p->entry->meta, "comment");
	const char	*svc;
	unsigned	 restarts;
	json_int_t	 rss = control_rss(p->ospid);
	char		 id[32];

	svc = service_of(p, &restarts);
	snprintf(id, sizeof id, "%016" PRIx64, p->pubid);
	o = json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:o,s:I,s:I,s:I,s:f,s:s?,"
	    "s:s?}",
	    "pid", p->pid,
	    "id", id,
	    "ospid", (json_int_t)p->ospid,
	    "entry", p->entry->ref,
	    "host", p->host->ref,
	    "state", control_state(p),
	    "memory", rss < 0 ? json_null() : json_integer(rss),
	    "mailbox_messages", (json_int_t)mailbox_count(p),
	    "mailbox_bytes", (json_int_t)mailbox_bytes(p),
	    "restarts", (json_int_t)restarts,
	    "uptime", control_since(&p->started, now),
	    "service", svc,
	    "comment", json_is_string(c) ? json_string_value(c) : NULL);
	return (o);
}

static json_t *
control_ps(void)
{
	struct proc	*p;
	struct timeval	 now;
	json_t		*o, *procs, *svcs;

	gettimeofday(&now, NULL);
	if ((procs = json_array()) == NULL)
		return (NULL);
	TAILQ_FOREACH(p, &broker->procs, entry_all) {
		if (json_array_append_new(procs, control_proc(p, &now)) != 0) {
			json_decref(procs);
			return (NULL);
		}
	}
	if ((svcs = service_json()) == NULL) {
		json_decref(procs);
		return (NULL);
	}
	o = json_pack("{s:{s:I,s:s,s:f,s:b},s:o,s:o}",
	    "broker",
	    "ospid", (json_int_t)getpid(),
	    "app", broker->app->root != NULL ? broker->app->root : "",
	    "uptime", control_since(&control_started, &now),
	    "stopping", broker->stopping,
	    "processes", procs,
	    "services", svcs);
	return (o);
}

static json_t *
control_stats(void)
{
	struct proc	*p;
	struct timeval	 now;
	json_t		*o, *exited;
	json_int_t	 live = 0;
	size_t		 i;

	gettimeofday(&now, NULL);
	TAILQ_FOREACH(p, &broker->procs, entry_all)
		live++;
	if ((exited = json_object()) == NULL)
		return (NULL);
	for (i = 0; control_reasons[i] != NULL; i++) {
		if (json_object_set_new(exited, control_reasons[i],
		    json_integer((json_int_t)control_exits[i])) != 0) {
			json_decref(exited);
			return (NULL);
		}
	}
	if (control_exits[i] != 0 && json_object_set_new(exited, "other",
	    json_integer((json_int_t)control_exits[i])) != 0) {
		json_decref(exited);
		return (NULL);
	}
	o = json_pack("{s:I,s:I,s:o,s:I,s:I,s:I,s:I,s:I,s:f,s:o*}",
	    "spawned", (json_int_t)broker->nspawned,
	    "live", live,
	    "exited", exited,
	    "routed", (json_int_t)broker->nrouted,
	    "undeliverable", (json_int_t)broker->nundeliverable,
	    "refused", (json_int_t)broker->nrefused,
	    "paused", (json_int_t)broker->npaused,
	    "queued", (json_int_t)broker->queued,
	    "uptime", control_since(&control_started, &now),
	    "isolation", jail_stats());
	return (o);
}

static void
control_client_free(struct control_client *c)
{
	TAILQ_REMOVE(&control_clients, c, entry);
	bufferevent_free(c->bev);
	free(c);
}

static void
control_written(struct bufferevent *bev, void *arg)
{
	control_client_free(arg);
}

static void
control_event(struct bufferevent *bev, short what, void *arg)
{
	control_client_free(arg);
}

static void
control_read(struct bufferevent *bev, void *arg)
{
	struct control_client	*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);
	json_t			*reply;
	char			*line, *text;
	size_t			 n;

	if ((line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF)) == NULL) {
		if (evbuffer_get_length(in) > CONTROL_LINE_MAX)
			control_client_free(c);
		return;
	}
	/* A refusal is the answer to the request, not a close under it:
	 * closing with the request unread would reset the connection. */
	if (c->refused)
		reply = json_pack("{s:s}", "error", "permission denied: not "
		    "the broker's user");
	else if (strcmp(line, "ps") == 0)
		reply = control_ps();
	else if (strcmp(line, "stats") == 0)
		reply = control_stats();
	else
		reply = json_pack("{s:s}", "error", "unknown request (expected "
		    "ps or stats)");
	free(line);
	if (reply == NULL ||
	    (text = json_dumps(reply, JSON_COMPACT)) == NULL) {
		json_decref(reply);
		control_client_free(c);
		return;
	}
	json_decref(reply);
	bufferevent_disable(bev, EV_READ);
	if (evbuffer_add_printf(bufferevent_get_output(bev), "%s\n", text) ==
	    -1) {
		free(text);
		control_client_free(c);
		return;
	}
	free(text);
	/* Closed once the answer is written. */
	bufferevent_setcb(bev, NULL, control_written, control_event, c);
}

static void
control_accept(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct control_client	*c;
	struct ucred		 cred;
	socklen_t		 len = sizeof cred;
	struct timeval		 tv = { CONTROL_TIMEOUT, 0 };
	int			 refused = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
	    cred.uid != geteuid()) {
		log_warnx("control socket: refused a client of uid %ld (pid "
		    "%ld)", len == sizeof cred ? (long)cred.uid : -1L,
		    len == sizeof cred ? (long)cred.pid : -1L);
		refused = 1;
	}
	if ((c = calloc(1, sizeof *c)) == NULL ||
	    (c->bev = bufferevent_socket_new(broker->base, fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL) {
		log_warnx("control socket: out of memory");
		free(c);
		close(fd);
		return;
	}
	c->refused = refused;
	TAILQ_INSERT_TAIL(&control_clients, c, entry);
	bufferevent_setcb(c->bev, control_read, NULL, control_event, c);
	bufferevent_set_timeouts(c->bev, &tv, &tv);
	bufferevent_enable(c->bev, EV_READ);
}

/* 1 when a broker answers on path. */
static int
control_live(const struct sockaddr_un *sun)
{
	int	fd, r;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (0);
	r = connect(fd, (const struct sockaddr *)sun, sizeof *sun) == 0;
	close(fd);
	return (r);
}

/* Remove the sockets of brokers that died without cleaning up (killed):
 * their pid is gone and nothing answers. */
static void
control_prune(const char *dir)
{
	struct sockaddr_un	 sun;
	struct dirent		*de;
	DIR			*d;
	char			*end;
	long			 pid;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "forkbox-", 8) != 0)
			continue;
		pid = strtol(de->d_name + 8, &end, 10);
		if (pid <= 0 || strcmp(end, ".sock") != 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		memset(&sun, 0, sizeof sun);
		sun.sun_family = AF_UNIX;
		if ((size_t)snprintf(sun.sun_path, sizeof sun.sun_path,
		    "%s/%s", dir, de->d_name) < sizeof sun.sun_path &&
		    !control_live(&sun))
			(void)unlink(sun.sun_path);
	}
	closedir(d);
}

/*
 * Listen on path, or on the default path when NULL. A socket left there by
 * a broker that died is replaced; one a live broker answers on is not.
 */
int
control_open(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	struct stat		 sb;
	char			 dir[sizeof sun.sun_path];
	mode_t			 old;
	int			 fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (path == NULL) {
		if (control_dir(dir, sizeof dir, 1, err, errlen) != 0)
			return (-1);
		control_prune(dir);
		if ((size_t)snprintf(sun.sun_path, sizeof sun.sun_path,
		    "%s/forkbox-%ld.sock", dir, (long)getpid()) >=
		    sizeof sun.sun_path) {
			snprintf(err, errlen, "socket path too long in %s",
			    dir);
			return (-1);
		}
	} else if ((size_t)snprintf(sun.sun_path, sizeof sun.sun_path, "%s",
	    path) >= sizeof sun.sun_path) {
		snprintf(err, errlen, "socket path too long: %s", path);
		return (-1);
	}
	if (lstat(sun.sun_path, &sb) == 0) {
		if (!S_ISSOCK(sb.st_mode)) {
			snprintf(err, errlen, "%s exists and is not a socket",
			    sun.sun_path);
			return (-1);
		}
		if (control_live(&sun)) {
			snprintf(err, errlen, "%s is in use by a running "
			    "broker", sun.sun_path);
			return (-1);
		}
		(void)unlink(sun.sun_path);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return (-1);
	}
	/* Created 0600, never wider, even for an instant. */
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		umask(old);
		snprintf(err, errlen, "bind %s: %s", sun.sun_path,
		    strerror(errno));
		close(fd);
		return (-1);
	}
	umask(old);
	if (chmod(sun.sun_path, 0600) == -1 || listen(fd, 16) == -1 ||
	    (control_listener = evconnlistener_new(broker->base,
	    control_accept, NULL, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC,
	    -1, fd)) == NULL) {
		snprintf(err, errlen, "listen %s: %s", sun.sun_path,
		    strerror(errno));
		(void)unlink(sun.sun_path);
		close(fd);
		return (-1);
	}
	memcpy(control_sockpath, sun.sun_path, sizeof control_sockpath);
	gettimeofday(&control_started, NULL);
	reap_observe(control_exit, NULL);
	log_info("control socket: %s", control_sockpath);
	return (0);
}

void
control_close(void)
{
	struct control_client	*c;

	while ((c = TAILQ_FIRST(&control_clients)) != NULL)
		control_client_free(c);
	if (control_listener != NULL) {
		evconnlistener_free(control_listener);
		control_listener = NULL;
	}
	if (control_sockpath[0] != '\0') {
		(void)unlink(control_sockpath);
		control_sockpath[0] = '\0';
	}
	memset(control_exits, 0, sizeof control_exits);
}
