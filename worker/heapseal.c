/*
 * The zygote's malloc heap, sealed before the first fork (issue 16:
 * Pss per idle process).
 *
 * Every child inherits the zygote's brk heap copy-on-write. What the
 * zygote freed there (libseccomp's work in isolate_prebuild, the frame
 * buffer, tzset's, the chunks' sources) stays behind as free chunks in
 * pages that also hold live blocks, and glibc hands those chunks out
 * first: the event base, the connection's buffers and INIT's JSON that
 * every child allocates landed in them, and each such malloc (and
 * mallopt's consolidation in worker.c) copied one more page. Measured
 * on 1000 idle processes: every inherited heap page was private in
 * every child (88 KiB of a 147 KiB Pss).
 *
 * So the zygote takes every free chunk for itself (they are never
 * freed: a child does not know them) and gives the wholly free pages
 * back (malloc_trim): what a child allocates then comes from the top of
 * the heap, from pages of its own, and the inherited ones stay shared.
 * The top chunk's first page is the one a child's first block shares.
 * It needs glibc's mallinfo2 (configure checks for it).
 */
#include "config.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "worker.h"

#define HEAPSEAL_TCACHE_MAX	1032	/* glibc's largest tcache size */
#define HEAPSEAL_TCACHE_COUNT	7	/* and how many it keeps of each */
#define HEAPSEAL_ROUNDS		64	/* a bound: each round takes some */

#ifdef HAVE_MALLINFO2
/* The blocks taken, each holding the one taken before: the zygote owns
 * them and frees none (nor may the compiler drop an unused malloc). */
static void	*heapseal_kept;

/* Take one block of size bytes; whether it came from below top. */
static int
heapseal_take(size_t size, uintptr_t top)
{
	void	*p;

	if ((p = malloc(size)) == NULL)
		return (0);
	*(void **)p = heapseal_kept;
	heapseal_kept = p;
	return ((uintptr_t)p < top);
}

/* Where the top chunk starts now: a block at or above it is new. */
static uintptr_t
heapseal_top(void)
{
	struct mallinfo2	mi = mallinfo2();
	void			*brk = sbrk(0);

	if (brk == (void *)-1)
		return (0);
	return ((uintptr_t)brk - mi.keepcost);
}

/* Take the blocks glibc's per-thread cache holds, size by size, until
 * one comes from the top (kept too: given back, it would be in the
 * cache again, and a child's block of its size would write its page). */
static void
heapseal_tcache(uintptr_t top)
{
	size_t	 size;
	int	 i;

	for (size = 16; size <= HEAPSEAL_TCACHE_MAX; size += 16)
		for (i = 0; i < HEAPSEAL_TCACHE_COUNT; i++)
			if (!heapseal_take(size, top))
				break;
}

/* Take the free chunks of the arena, the smallest blocks at a time, until
 * what is free is the top alone. */
static void
heapseal_holes(uintptr_t top)
{
	struct mallinfo2	mi;

	for (;;) {
		mi = mallinfo2();
		if (mi.fordblks <= mi.keepcost || !heapseal_take(16, top))
			return;
	}
}

#endif /* HAVE_MALLINFO2 */

/* In the zygote, after its last free and before its first fork.
 * Without mallinfo2 (glibc before 2.33) it does nothing. */
void
heapseal_seal(void)
{
#ifdef HAVE_MALLINFO2
	uintptr_t	top;
	int		i;

	malloc_trim(0);		/* the fast bins merged, free pages back */
	if ((top = heapseal_top()) == 0)
		return;
	/* taking a chunk from a bin may move its like into the cache */
	for (i = 0; i < HEAPSEAL_ROUNDS; i++) {
		heapseal_tcache(top);
		heapseal_holes(top);
		if (mallinfo2().fordblks <= mallinfo2().keepcost)
			break;
	}
	heapseal_tcache(top);
#endif
}
