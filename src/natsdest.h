/*
 * {nats|SUBJECT} destinations (cluster.md, outside programs over NATS):
 * the only NATS subjects a process may send to are the reply subjects of
 * outside requests. Both sides check them: the worker to answer nil, err,
 * the broker because it trusts no worker.
 */
#ifndef NATSDEST_H
#define NATSDEST_H

#include <stddef.h>

#define NATSDEST_PREFIX		"{nats|"
#define NATSDEST_INBOX		"_INBOX."
#define NATSDEST_SUBJECT_MAX	255	/* bytes of a reply subject */

/* 1 when s (len bytes) starts as a {nats|…} destination, valid or not. */
int	natsdest_is(const char *s, size_t len);
/* 1 for a reply subject as libnats makes them: _INBOX. then tokens of
 * A-Za-z0-9_- separated by single dots. */
int	natsdest_subject_valid(const char *s, size_t len);
/* 1 for {nats|SUBJECT} with a valid SUBJECT; *subject, *slen point at it. */
int	natsdest_valid(const char *s, size_t len, const char **subject,
	    size_t *slen);

#endif
