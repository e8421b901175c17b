/*
 * Reading a socket into an evbuffer, one system call per read: libevent
 * 2.1's evbuffer_read asks FIONREAD first and reads at most 4 KiB, so a
 * 4 KiB message took two ioctl+readv pairs per hop.
 */
#ifndef SOCKREAD_H
#define SOCKREAD_H

#include <stddef.h>
#include <sys/types.h>

struct evbuffer;

/* Bytes per read: a big message or a burst of small ones in one go. Just
 * under 64 KiB, so that the evbuffer chain for it (rounded up to a power
 * of two with its header) is 64 KiB, not 128 KiB: that would be at
 * malloc's mmap threshold, mapped and unmapped around every read. */
#define SOCKREAD_MAX	(64 * 1024 - 512)

/*
 * One readv of up to max bytes straight into buf's own space. Returns the
 * bytes read, 0 at end of file, or -1 with errno (EAGAIN: nothing there).
 * A read shorter than max took everything the socket had.
 */
ssize_t	sockread(struct evbuffer *, int fd, size_t max);

#endif
