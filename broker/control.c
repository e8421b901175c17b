/*
 * The control socket: how programs of the broker's user reach a running
 * broker (forkbox ps, stats, call, send, and any client speaking
 * docs/protocol.md; control_conn.c serves each connection). A Unix
 * socket, mode 0600, in $XDG_RUNTIME_DIR or else in /tmp/forkbox-UID (a
 * 0700 directory), named forkbox-PID.sock; a peer whose uid (SO_PEERCRED)
 * is not the broker's is answered with a refusal.
 *
 * Connections take descriptors the broker needs for its workers: at most
 * half the descriptor limit goes to them, and a connection past that, or
 * one that finds no descriptor left, is closed at once (its client sees
 * the end of the stream) instead of stalling the listener.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/listener.h>

#include "broker.h"
#include "log.h"

#define CONTROL_BACKLOG		512

static struct evconnlistener	*control_listener;
static char			 control_sockpath[108];	/* sun_path */
static int			 control_spare = -1;
static size_t			 control_max;		/* connections */
static time_t			 control_refused_at;
static uint64_t			 control_nrefused;

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

/* Connections allowed: half the descriptor limit. */
static size_t
control_limit(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return (4096);
	return (rl.rlim_cur / 2 > 0 ? (size_t)(rl.rlim_cur / 2) : 1);
}

/* Log a refused connection: the first, then at most once a second with
 * how many there were. */
static void
control_refuse(const char *fmt, ...)
{
	va_list	ap;
	char	why[256];
	time_t	now = time(NULL);

	control_nrefused++;
	if (now == control_refused_at)
		return;
	control_refused_at = now;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	log_warnx("control socket: closed a new connection: %s (%llu so "
	    "far)", why, (unsigned long long)control_nrefused);
}

/* A descriptor held in reserve: with none left, accept() would fail
 * for ever on the same pending connection. */
static int
control_spare_open(void)
{
	if (control_spare == -1)
		control_spare = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return (control_spare);
}

static void
control_accept(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct ucred	cred;
	socklen_t	len = sizeof cred;
	int		refused = 0;

	if (control_conn_count() >= control_max) {
		control_refuse("%zu connections, half the descriptor limit",
		    control_conn_count());
		close(fd);
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
	    cred.uid != geteuid()) {
		log_warnx("control socket: refused a client of uid %ld (pid "
		    "%ld)", len == sizeof cred ? (long)cred.uid : -1L,
		    len == sizeof cred ? (long)cred.pid : -1L);
		refused = 1;
	}
	control_conn_new(fd, refused);
}

/* accept() failed: out of descriptors, take the pending connection with
 * the spare one and close it, so the listener does not spin on it. */
static void
control_accept_error(struct evconnlistener *l, void *arg)
{
	int	e = EVUTIL_SOCKET_ERROR(), fd;

	if (e != EMFILE && e != ENFILE) {
		log_warnx("control socket: accept: %s", strerror(e));
		return;
	}
	if (control_spare != -1) {
		close(control_spare);
		control_spare = -1;
	}
	if ((fd = accept4(evconnlistener_get_fd(l), NULL, NULL,
	    SOCK_CLOEXEC)) != -1)
		close(fd);
	control_refuse("out of descriptors (ulimit -n)");
	(void)control_spare_open();
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
	if (chmod(sun.sun_path, 0600) == -1 ||
	    listen(fd, CONTROL_BACKLOG) == -1 ||
	    (control_listener = evconnlistener_new(broker->base,
	    control_accept, NULL, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC,
	    0, fd)) == NULL) {
		snprintf(err, errlen, "listen %s: %s", sun.sun_path,
		    strerror(errno));
		(void)unlink(sun.sun_path);
		close(fd);
		return (-1);
	}
	evconnlistener_set_error_cb(control_listener, control_accept_error);
	memcpy(control_sockpath, sun.sun_path, sizeof control_sockpath);
	control_max = control_limit();
	(void)control_spare_open();
	log_info("control socket: %s", control_sockpath);
	return (0);
}

void
control_close(void)
{
	control_conn_close_all();
	if (control_listener != NULL) {
		evconnlistener_free(control_listener);
		control_listener = NULL;
	}
	if (control_sockpath[0] != '\0') {
		(void)unlink(control_sockpath);
		control_sockpath[0] = '\0';
	}
	if (control_spare != -1) {
		close(control_spare);
		control_spare = -1;
	}
}
