/*
 * The id part of a pid: a keyed permutation of the broker's process
 * counter (pidperm.c). Its own header so the unit test needs nothing else.
 */
#ifndef PIDPERM_H
#define PIDPERM_H

#include <stdint.h>

#define PIDPERM_KEY_SIZE	16
#define PIDPERM_ROUNDS		8

struct pidperm {
	uint64_t	k0;
	uint64_t	k1;
};

void		pidperm_key(struct pidperm *, const unsigned char *key);
int		pidperm_random(struct pidperm *);
uint64_t	pidperm_encode(const struct pidperm *, uint64_t);
uint64_t	pidperm_decode(const struct pidperm *, uint64_t);
/* The round function, SipHash-2-4 of one 8-byte word (for its test). */
uint64_t	pidperm_siphash(const struct pidperm *, uint64_t);

#endif
