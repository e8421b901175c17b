/* A string-keyed hash map (chained, power-of-two buckets). Keys are copied;
 * values are borrowed: the map never frees them. */
#ifndef HMAP_H
#define HMAP_H

#include <stddef.h>

struct hmap_node {
	struct hmap_node	*next;
	void			*value;
	size_t			 hash;
	char			 key[];
};

struct hmap {
	struct hmap_node	**buckets;
	size_t			  nbuckets;	/* 0 or a power of two */
	size_t			  count;
};

void	 hmap_init(struct hmap *);
void	 hmap_clear(struct hmap *);		/* frees nodes, not values */
void	*hmap_get(const struct hmap *, const char *);
/* Insert or replace. Returns 0, or -1 when out of memory. */
int	 hmap_put(struct hmap *, const char *, void *);
/* Remove; returns the value that was there, or NULL. */
void	*hmap_del(struct hmap *, const char *);

/* Visit every pair; the callback may not change the map. */
void	 hmap_foreach(const struct hmap *,
	    void (*)(const char *, void *, void *), void *arg);

#endif
