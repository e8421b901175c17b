/*
 * Unguessable pids (spec section 2): the id a process sees is its internal
 * counter value put through a keyed 64-bit permutation, so ids stay unique
 * and never come back (a permutation of a counter that only grows), yet
 * one pid says nothing about the next. The permutation is a balanced
 * Feistel network on two 32-bit halves whose round function is SipHash-2-4
 * of the round number and the right half; the 128-bit key comes from
 * getrandom() when the broker starts and never leaves it. A guess then
 * hits a live pid with odds of (live processes) / 2^64.
 */
#include "config.h"

#include <sys/random.h>

#include <errno.h>
#include <string.h>

#include "pidperm.h"
#include "siphash.h"

/* SipHash-2-4 of one 8-byte message m (little-endian, as the reference
 * implementation reads it). */
uint64_t
pidperm_siphash(const struct pidperm *k, uint64_t m)
{
	unsigned char	b[8];
	int		i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(m >> (8 * i));
	return (siphash(k->k0, k->k1, b, sizeof b, 2, 4));
}

static uint64_t
pidperm_le64(const unsigned char *p)
{
	uint64_t	x = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		x = (x << 8) | p[i];
	return (x);
}

void
pidperm_key(struct pidperm *k, const unsigned char *key)
{
	k->k0 = pidperm_le64(key);
	k->k1 = pidperm_le64(key + 8);
}

/* A fresh key from the kernel; -1 with errno when it has none to give. */
int
pidperm_random(struct pidperm *k)
{
	unsigned char	key[PIDPERM_KEY_SIZE];
	size_t		have = 0;
	ssize_t		n;

	while (have < sizeof key) {
		n = getrandom(key + have, sizeof key - have, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return (-1);
		have += (size_t)n;
	}
	pidperm_key(k, key);
	explicit_bzero(key, sizeof key);
	return (0);
}

static uint32_t
pidperm_round(const struct pidperm *k, unsigned round, uint32_t half)
{
	return ((uint32_t)pidperm_siphash(k, ((uint64_t)round << 32) | half));
}

uint64_t
pidperm_encode(const struct pidperm *k, uint64_t x)
{
	uint32_t	l = (uint32_t)(x >> 32), r = (uint32_t)x, t;
	unsigned	i;

	for (i = 0; i < PIDPERM_ROUNDS; i++) {
		t = r;
		r = l ^ pidperm_round(k, i, r);
		l = t;
	}
	return (((uint64_t)l << 32) | r);
}

uint64_t
pidperm_decode(const struct pidperm *k, uint64_t y)
{
	uint32_t	l = (uint32_t)(y >> 32), r = (uint32_t)y, t;
	unsigned	i;

	for (i = PIDPERM_ROUNDS; i-- > 0;) {
		t = l;
		l = r ^ pidperm_round(k, i, l);
		r = t;
	}
	return (((uint64_t)l << 32) | r);
}
