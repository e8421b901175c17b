/*
 * Outside programs over NATS: <cluster>.api.call.ENTRY, <cluster>.api.send
 * and the {nats|_INBOX.…} destinations of processes (natsapi.c).
 */
#ifndef NATSAPI_H
#define NATSAPI_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* Subscribe, once the node has joined (nothing without --nats). 0, or -1
 * with err. */
int		 natsapi_start(char *err, size_t errlen);
/* Forget the calls in flight; before request_close(). */
void		 natsapi_stop(void);
/* 1 when `to` is a {nats|…} destination (valid or not). */
int		 natsapi_is_dest(const char *to);
/* A process's send to {nats|_INBOX.…}: published with the headers
 * Forkbox-Topic and Forkbox-From, 0; or -1 with *cause, not published. */
int		 natsapi_publish(const char *from, const char *to,
		    const char *topic, size_t topiclen, const char *payload,
		    size_t plen, const char **cause);
/* A send for a process of another node: handed on to that node over
 * NATS (1), or 0 to deliver here. body NULL: send as JSON. */
int		 natsapi_forward(json_t *send, const char *body, size_t len,
		    const char *reply);
/* Requests refused, replies published (for stats). */
void		 natsapi_counts(uint64_t *refused, uint64_t *published);

#endif
