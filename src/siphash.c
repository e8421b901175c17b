/*
 * SipHash (Aumasson and Bernstein), as its reference implementation reads
 * the message (little-endian words): crounds compression and drounds
 * finalization rounds, 2 and 4 for SipHash-2-4, 1 and 3 for the faster
 * SipHash-1-3. For the pid permutation (broker/pidperm.c) and the hash
 * maps (hmap.c), whose keys outsiders choose.
 */
#include "config.h"

#include "siphash.h"

#define SIPHASH_ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))

static void
siphash_round(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = SIPHASH_ROTL(v[1], 13);
	v[1] ^= v[0];
	v[0] = SIPHASH_ROTL(v[0], 32);
	v[2] += v[3];
	v[3] = SIPHASH_ROTL(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = SIPHASH_ROTL(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = SIPHASH_ROTL(v[1], 17);
	v[1] ^= v[2];
	v[2] = SIPHASH_ROTL(v[2], 32);
}

static void
siphash_block(uint64_t v[4], uint64_t m, int crounds)
{
	int	i;

	v[3] ^= m;
	for (i = 0; i < crounds; i++)
		siphash_round(v);
	v[0] ^= m;
}

uint64_t
siphash(uint64_t k0, uint64_t k1, const void *msg, size_t len, int crounds,
    int drounds)
{
	const unsigned char	*p = msg;
	uint64_t		 v[4], m;
	size_t			 i, k;
	int			 r;

	v[0] = k0 ^ 0x736f6d6570736575ULL;
	v[1] = k1 ^ 0x646f72616e646f6dULL;
	v[2] = k0 ^ 0x6c7967656e657261ULL;
	v[3] = k1 ^ 0x7465646279746573ULL;
	for (i = 0; i + 8 <= len; i += 8) {
		for (m = 0, k = 8; k-- > 0;)
			m = (m << 8) | p[i + k];
		siphash_block(v, m, crounds);
	}
	m = (uint64_t)len << 56;
	for (k = 0; i + k < len; k++)
		m |= (uint64_t)p[i + k] << (8 * k);
	siphash_block(v, m, crounds);
	v[2] ^= 0xff;
	for (r = 0; r < drounds; r++)
		siphash_round(v);
	return (v[0] ^ v[1] ^ v[2] ^ v[3]);
}
