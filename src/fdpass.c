/* Messages with descriptors (SCM_RIGHTS) on a Unix socket. */
#include "config.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fdpass.h"

union fdpass_cmsg {
	struct cmsghdr	hdr;
	char		buf[CMSG_SPACE(sizeof(int) * FDPASS_MAX)];
};

/* Send len bytes and nfds (<= FDPASS_MAX) descriptors in one message;
 * flags as sendmsg's (MSG_NOSIGNAL is added). Returns what sendmsg did. */
ssize_t
fdpass_send(int sock, const void *buf, size_t len, const int *fds, int nfds,
    int flags)
{
	union fdpass_cmsg	 cbuf;
	struct msghdr		 msg;
	struct iovec		 iov;
	struct cmsghdr		*c;
	ssize_t			 n;

	if (nfds < 0 || nfds > FDPASS_MAX) {
		errno = EINVAL;
		return (-1);
	}
	memset(&msg, 0, sizeof msg);
	iov.iov_base = (void *)buf;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (nfds > 0) {
		memset(&cbuf, 0, sizeof cbuf);
		msg.msg_control = cbuf.buf;
		msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
	}
	do
		n = sendmsg(sock, &msg, flags | MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
	return (n);
}

/*
 * Receive one message of at most len bytes and its descriptors (close on
 * exec): up to maxfds (<= FDPASS_MAX) in fds, their count in *nfdsp, any
 * more closed. Returns its length, 0 at EOF, or -1 with errno (EAGAIN
 * included); a message cut short (bytes or descriptors) returns -1 with
 * EMSGSIZE, its descriptors already in fds for the caller to close.
 */
ssize_t
fdpass_recv(int sock, void *buf, size_t len, int *fds, int maxfds,
    int *nfdsp, int flags)
{
	union fdpass_cmsg	 cbuf;
	struct msghdr		 msg;
	struct iovec		 iov;
	struct cmsghdr		*c;
	ssize_t			 n;
	int			 i, got, fd;

	*nfdsp = 0;
	memset(&msg, 0, sizeof msg);
	iov.iov_base = buf;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf.buf;
	msg.msg_controllen = sizeof cbuf.buf;
	do
		n = recvmsg(sock, &msg, flags | MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return (n);
	for (c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		got = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (i = 0; i < got; i++) {
			memcpy(&fd, CMSG_DATA(c) + (size_t)i * sizeof(int),
			    sizeof fd);
			if (*nfdsp < maxfds)
				fds[(*nfdsp)++] = fd;
			else
				(void)close(fd);
		}
	}
	if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
		errno = EMSGSIZE;
		return (-1);
	}
	return (n);
}
