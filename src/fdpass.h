/* Messages with descriptors (SCM_RIGHTS) on a Unix socket: the broker and
 * its zygote (broker/zygote.c, worker/zygote.c). */
#ifndef FDPASS_H
#define FDPASS_H

#include <sys/types.h>

#include <stddef.h>

#define FDPASS_MAX	4	/* descriptors one message carries at most */

ssize_t	fdpass_send(int, const void *, size_t, const int *, int, int);
ssize_t	fdpass_recv(int, void *, size_t, int *, int, int *, int);

#endif
