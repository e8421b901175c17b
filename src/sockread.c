/* Reading a socket into an evbuffer (sockread.h). */
#include "config.h"

#include <sys/uio.h>

#include <errno.h>

#include <event2/buffer.h>

#include "sockread.h"

ssize_t
sockread(struct evbuffer *buf, int fd, size_t max)
{
	struct evbuffer_iovec	v[2];
	struct iovec		iov[2];
	size_t			left;
	ssize_t			n;
	int			nv, i;

	if ((nv = evbuffer_reserve_space(buf, (ev_ssize_t)max, v, 2)) <= 0) {
		errno = ENOMEM;
		return (-1);
	}
	for (i = 0; i < nv; i++) {
		iov[i].iov_base = v[i].iov_base;
		iov[i].iov_len = v[i].iov_len;
	}
	do
		n = readv(fd, iov, nv);
	while (n == -1 && errno == EINTR);
	if (n <= 0) {
		/* Nothing committed: the reservation is dropped. */
		evbuffer_commit_space(buf, v, 0);
		return (n);
	}
	left = (size_t)n;
	for (i = 0; i < nv && left > 0; i++) {
		if (v[i].iov_len > left)
			v[i].iov_len = left;
		left -= v[i].iov_len;
	}
	if (evbuffer_commit_space(buf, v, i) != 0) {
		errno = ENOMEM;
		return (-1);
	}
	return (n);
}
