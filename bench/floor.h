/*
 * bench-floor's shared parts: the frame the relays copy and the helpers
 * both relays (floor.c's one process, floor_nats.c's two over NATS) use.
 */
#ifndef FLOOR_H
#define FLOOR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define FLOOR_HDR	20		/* as FB_HDR_SIZE */
#define FLOOR_BUF	(256 * 1024)

extern const char	*floor_self;

void	floor_die(const char *) __attribute__((noreturn));
void	floor_write_all(int, const char *, size_t);
size_t	floor_frames(const char *, size_t, int *);

/* floor_nats.c */
pid_t	floor_nats_start(int, int, int, pid_t *);
void	floor_nats_relay_main(int, const char *, const char *)
	    __attribute__((noreturn));

#endif
