/*
 * The command line's side of the control socket (forkbox ps, stats, call,
 * send): find the running broker, send one request line, read its one
 * answer line (docs/protocol.md).
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "broker.h"
#include "cli.h"
#include "log.h"

#define CLIENT_ANSWER_MAX	(64u * 1024 * 1024)

static int
client_connect(const char *path)
{
	struct sockaddr_un	sun;
	int			fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if ((size_t)snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path) >=
	    sizeof sun.sun_path) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (-1);
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		close(fd);
		return (-1);
	}
	return (fd);
}

/* The broker to talk to: the one at --socket, else the only live one in
 * the socket directory. Exits 1 when there is none, 2 when ambiguous. */
int
client_find(const char *cmd, const char *opt_socket)
{
	char		 dir[256], path[512], err[512], **live = NULL;
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0, i;
	int		 fd, first = -1;

	if (opt_socket != NULL) {
		if ((fd = client_connect(opt_socket)) == -1) {
			fprintf(stderr, "forkbox %s: %s: %s\n", cmd, opt_socket,
			    strerror(errno));
			exit(CLI_EXIT_FAIL);
		}
		return (fd);
	}
	if (control_dir(dir, sizeof dir, 0, err, sizeof err) != 0 ||
	    (d = opendir(dir)) == NULL) {
		fprintf(stderr, "forkbox %s: no running broker found (%s)\n",
		    cmd, *err != '\0' ? err : strerror(errno));
		exit(CLI_EXIT_FAIL);
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "forkbox-", 8) != 0 ||
		    strlen(de->d_name) < 13 || strcmp(de->d_name +
		    strlen(de->d_name) - 5, ".sock") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((fd = client_connect(path)) == -1)
			continue;	/* a broker that died */
		if (first == -1)
			first = fd;
		else
			close(fd);
		if ((live = reallocarray(live, n + 1, sizeof *live)) == NULL ||
		    (live[n++] = strdup(path)) == NULL)
			fatal("out of memory");
	}
	closedir(d);
	if (n == 1) {
		free(live[0]);
		free(live);
		return (first);
	}
	if (n == 0) {
		fprintf(stderr, "forkbox %s: no running broker found in %s "
		    "(start one with forkbox run, or give --socket PATH)\n",
		    cmd, dir);
		exit(CLI_EXIT_FAIL);
	}
	fprintf(stderr, "forkbox %s: %zu brokers are running; choose one with "
	    "--socket:\n", cmd, n);
	for (i = 0; i < n; i++)
		fprintf(stderr, "  %s\n", live[i]);
	exit(CLI_EXIT_USAGE);
}

/* Read one line (the answer) from fd, waiting up to secs (0: for ever). */
static char *
client_read_line(const char *cmd, int fd, int secs, size_t *lenp)
{
	struct timeval	 tv = { secs, 0 };
	char		*buf = NULL, *nb, *nl;
	size_t		 len = 0, cap = 0;
	ssize_t		 n;

	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > CLIENT_ANSWER_MAX)
				fatalx("answer from the broker too long");
			if ((nb = realloc(buf, cap)) == NULL)
				fatal("realloc");
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fprintf(stderr, "forkbox %s: read: %s\n", cmd,
			    errno == EAGAIN ? "the broker did not answer" :
			    strerror(errno));
			free(buf);
			exit(CLI_EXIT_FAIL);
		}
		if (n == 0)
			break;
		if ((nl = memchr(buf + len, '\n', (size_t)n)) != NULL) {
			len = (size_t)(nl - buf);
			break;
		}
		len += (size_t)n;
	}
	*lenp = len;
	return (buf);
}

/*
 * Send the request (a JSON object with its "op") and return the broker's answer object, waiting up to secs (0: for ever).
 * Exits 1 when there is no usable answer. Closes fd.
 */
json_t *
client_request(const char *cmd, int fd, json_t *req, int secs)
{
	json_t		*answer;
	json_error_t	 jerr;
	char		*text, *buf;
	size_t		 len;

	if ((text = json_dumps(req, JSON_COMPACT)) == NULL)
		fatalx("out of memory");
	if (dprintf(fd, "%s\n", text) < 0) {
		fprintf(stderr, "forkbox %s: write: %s\n", cmd,
		    strerror(errno));
		exit(CLI_EXIT_FAIL);
	}
	free(text);
	buf = client_read_line(cmd, fd, secs, &len);
	close(fd);
	answer = json_loadb(buf, len, JSON_ALLOW_NUL, &jerr);
	free(buf);
	if (!json_is_object(answer)) {
		fprintf(stderr, "forkbox %s: bad answer from the broker: %s\n",
		    cmd, len == 0 ? "nothing" : jerr.text);
		exit(CLI_EXIT_FAIL);
	}
	return (answer);
}

/* ps, stats: ask for op; an error in the answer ends the command (1). */
json_t *
client_ask(const char *cmd, int fd, const char *op, int secs)
{
	json_t	*req, *answer;

	if ((req = json_pack("{s:s}", "op", op)) == NULL)
		fatalx("out of memory");
	answer = client_request(cmd, fd, req, secs);
	json_decref(req);
	if (json_is_string(json_object_get(answer, "error"))) {
		fprintf(stderr, "forkbox %s: the broker refused: %s\n", cmd,
		    json_string_value(json_object_get(answer, "error")));
		exit(CLI_EXIT_FAIL);
	}
	return (answer);
}
