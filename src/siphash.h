/* SipHash: a keyed 64-bit hash of a byte string (siphash.c). */
#ifndef SIPHASH_H
#define SIPHASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	siphash(uint64_t k0, uint64_t k1, const void *, size_t,
		    int crounds, int drounds);

#endif
