/* String-keyed hash map for the broker's tables (pids, names, entries). */
#include "config.h"

#include <sys/random.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hmap.h"
#include "siphash.h"

/*
 * Keys are hashed with SipHash-1-3 under a key drawn once per program
 * (at the first hash; the worker, which uses no map, never gets here
 * under its seccomp filter), so nobody can choose keys
 * (registered names) that pile up in one chain: an unkeyed hash let a
 * process fill one bucket with every name it registered, and make each
 * lookup walk them all.
 */
static uint64_t	hmap_k0, hmap_k1;
static int	hmap_keyed;

static void
hmap_key(void)
{
	uint64_t	key[2];
	struct timespec	ts;

	if (getrandom(key, sizeof key, GRND_NONBLOCK) != (ssize_t)sizeof key) {
		clock_gettime(CLOCK_REALTIME, &ts);
		key[0] = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL;
		key[1] = (uint64_t)ts.tv_sec ^ (uint64_t)(uintptr_t)&ts;
	}
	hmap_k0 = key[0];
	hmap_k1 = key[1];
	hmap_keyed = 1;
}

static size_t
hmap_hash(const char *s)
{
	if (!hmap_keyed)
		hmap_key();
	return ((size_t)siphash(hmap_k0, hmap_k1, s, strlen(s), 1, 3));
}

void
hmap_init(struct hmap *m)
{
	m->buckets = NULL;
	m->nbuckets = 0;
	m->count = 0;
}

void
hmap_clear(struct hmap *m)
{
	struct hmap_node	*n, *next;
	size_t			 i;

	for (i = 0; i < m->nbuckets; i++) {
		for (n = m->buckets[i]; n != NULL; n = next) {
			next = n->next;
			free(n);
		}
	}
	free(m->buckets);
	hmap_init(m);
}

static struct hmap_node **
hmap_slot(const struct hmap *m, const char *key, size_t hash)
{
	struct hmap_node	**np;

	if (m->nbuckets == 0)
		return (NULL);
	np = &m->buckets[hash & (m->nbuckets - 1)];
	for (; *np != NULL; np = &(*np)->next) {
		if ((*np)->hash == hash && strcmp((*np)->key, key) == 0)
			break;
	}
	return (np);
}

void *
hmap_get(const struct hmap *m, const char *key)
{
	struct hmap_node	**np = hmap_slot(m, key, hmap_hash(key));

	return (np != NULL && *np != NULL ? (*np)->value : NULL);
}

static int
hmap_grow(struct hmap *m)
{
	struct hmap_node	**nb, *n, *next;
	size_t			  nn = m->nbuckets == 0 ? 16 : m->nbuckets * 2;
	size_t			  i;

	nb = calloc(nn, sizeof *nb);
	if (nb == NULL)
		return (-1);
	for (i = 0; i < m->nbuckets; i++) {
		for (n = m->buckets[i]; n != NULL; n = next) {
			next = n->next;
			n->next = nb[n->hash & (nn - 1)];
			nb[n->hash & (nn - 1)] = n;
		}
	}
	free(m->buckets);
	m->buckets = nb;
	m->nbuckets = nn;
	return (0);
}

int
hmap_put(struct hmap *m, const char *key, void *value)
{
	struct hmap_node	**np, *n;
	size_t			  hash = hmap_hash(key), klen;

	if (m->count >= m->nbuckets && hmap_grow(m) != 0)
		return (-1);
	np = hmap_slot(m, key, hash);
	if (*np != NULL) {
		(*np)->value = value;
		return (0);
	}
	klen = strlen(key);
	n = malloc(sizeof *n + klen + 1);
	if (n == NULL)
		return (-1);
	memcpy(n->key, key, klen + 1);
	n->hash = hash;
	n->value = value;
	n->next = NULL;
	*np = n;
	m->count++;
	return (0);
}

void *
hmap_del(struct hmap *m, const char *key)
{
	struct hmap_node	**np = hmap_slot(m, key, hmap_hash(key)), *n;
	void			 *value;

	if (np == NULL || *np == NULL)
		return (NULL);
	n = *np;
	*np = n->next;
	value = n->value;
	free(n);
	m->count--;
	return (value);
}

void
hmap_foreach(const struct hmap *m, void (*cb)(const char *, void *, void *),
    void *arg)
{
	struct hmap_node	*n;
	size_t			 i;

	for (i = 0; i < m->nbuckets; i++)
		for (n = m->buckets[i]; n != NULL; n = n->next)
			cb(n->key, n->value, arg);
}
