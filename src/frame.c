/* Frame encoding and decoding; the layout is in <forkbox/proto.h>. */
#include "config.h"

#include <string.h>

#include <event2/buffer.h>

#include "forkbox/proto.h"
#include "frame.h"

/* The header's fields as they are, nothing checked (the zygote's
 * frames, whose types are not enum fb_type's, check their own). */
void
frame_header_decode(const unsigned char *p, struct frame *f)
{
	memcpy(&f->len, p, 4);
	memcpy(&f->type, p + 4, 2);
	memcpy(&f->flags, p + 6, 2);
	memcpy(&f->ref, p + 8, 8);
	memcpy(&f->elen, p + 16, 4);
	f->env = f->payload = NULL;
	f->plen = 0;
}

int
frame_unpack_header(const unsigned char *p, struct frame *f, uint32_t max,
    uint32_t envmax, const char **cause)
{
	frame_header_decode(p, f);
	if (f->len > max) {
		*cause = "frame too large";
		return (-1);
	}
	if (f->elen > f->len) {
		*cause = "envelope longer than frame";
		return (-1);
	}
	if (f->elen > envmax) {
		*cause = "envelope too large";
		return (-1);
	}
	if (!frame_type_known(f->type)) {
		*cause = "unknown frame type";
		return (-1);
	}
	f->plen = f->len - f->elen;
	return (0);
}

void
frame_pack_header(unsigned char *p, const struct frame *f)
{
	memcpy(p, &f->len, 4);
	memcpy(p + 4, &f->type, 2);
	memcpy(p + 6, &f->flags, 2);
	memcpy(p + 8, &f->ref, 8);
	memcpy(p + 16, &f->elen, 4);
}

static const char *const frame_names[] = {
	[FB_INIT] = "INIT",
	[FB_MSG] = "MSG",
	[FB_REPLY] = "REPLY",
	[FB_EVENT] = "EVENT",
	[FB_SPAWN] = "SPAWN",
	[FB_SEND] = "SEND",
	[FB_PRINT] = "PRINT",
	[FB_EXIT] = "EXIT",
	[FB_MONITOR] = "MONITOR",
	[FB_UNMONITOR] = "UNMONITOR",
	[FB_LINK] = "LINK",
	[FB_UNLINK] = "UNLINK",
	[FB_TERMINATE] = "TERMINATE",
	[FB_CANCEL] = "CANCEL",
	[FB_REGISTER] = "REGISTER",
	[FB_UNREGISTER] = "UNREGISTER",
	[FB_LOOKUP] = "LOOKUP",
	[FB_SET_OPTIONS] = "SET_OPTIONS",
	[FB_RECEIVED] = "RECEIVED",
	[FB_NODES] = "NODES",
	[FB_NODE_CLAIM] = "NODE_CLAIM",
	[FB_NODE_TAKEN] = "NODE_TAKEN",
	[FB_NODE_HEARTBEAT] = "NODE_HEARTBEAT",
	[FB_NODE_BYE] = "NODE_BYE",
	[FB_NODE_LOST] = "NODE_LOST",
	[FB_NODE_MSG] = "NODE_MSG",
	[FB_NODE_SPAWN] = "NODE_SPAWN",
	[FB_NODE_REQUEST] = "NODE_REQUEST",
	[FB_NODE_ANSWER] = "NODE_ANSWER",
	[FB_NODE_UNTIE] = "NODE_UNTIE",
	[FB_NODE_EXIT] = "NODE_EXIT",
	[FB_NODE_PAUSE] = "NODE_PAUSE",
	[FB_NODE_RESUME] = "NODE_RESUME",
	[FB_NODE_ACK] = "NODE_ACK",
	[FB_NODE_MSG_AGAIN] = "NODE_MSG_AGAIN",
};

int
frame_type_known(uint16_t type)
{
	return (type < sizeof frame_names / sizeof frame_names[0] &&
	    frame_names[type] != NULL);
}

const char *
frame_type_name(uint16_t type)
{
	return (frame_type_known(type) ? frame_names[type] : "unknown");
}

unsigned char *
frame_begin(struct evbuffer *out, struct evbuffer_iovec *v, uint16_t type,
    uint16_t flags, uint64_t ref, const char *env, size_t elen, size_t plen)
{
	struct frame	 f;
	unsigned char	*p;

	if (elen > FB_FRAME_MAX || plen > FB_FRAME_MAX - elen)
		return (NULL);
	f.len = (uint32_t)(elen + plen);
	f.type = type;
	f.flags = flags;
	f.ref = ref;
	f.elen = (uint32_t)elen;
	/* One reservation, one commit: the buffer's callbacks run once. */
	if (evbuffer_reserve_space(out, (ev_ssize_t)(FB_HDR_SIZE + elen + plen),
	    v, 1) != 1 || v->iov_len < FB_HDR_SIZE + elen + plen)
		return (NULL);
	p = v->iov_base;
	frame_pack_header(p, &f);
	if (elen != 0)
		memcpy(p + FB_HDR_SIZE, env, elen);
	v->iov_len = FB_HDR_SIZE + elen + plen;
	return (p + FB_HDR_SIZE + elen);
}

int
frame_commit(struct evbuffer *out, struct evbuffer_iovec *v)
{
	return (evbuffer_commit_space(out, v, 1));
}

/*
 * What an output buffer grows by: libevent gives a new chain just enough
 * room for the frame that needs it (1 KiB for a small one, a chain per
 * frame of 4 KiB), a malloc and a free every few frames. 64 KiB with
 * libevent's chain header, under malloc's mmap threshold (128 KiB).
 */
#define FRAME_CHAIN	(64u * 1024 - 256)

int
frame_room(struct evbuffer *out, struct frame_room *r, size_t size)
{
	size_t	len = evbuffer_get_length(out), n;

	if (len != r->len)
		r->room = 0;		/* written, drained or added to */
	r->len = len + size;
	if (size <= r->room) {
		r->room -= size;
		return (0);
	}
	r->room = 0;
	/* Not for a frame frame_add refuses: nothing allocated for it. */
	if (size > FB_HDR_SIZE + (size_t)FB_FRAME_MAX)
		return (0);
	n = size > FRAME_CHAIN ? size : FRAME_CHAIN;
	if (evbuffer_expand(out, n) != 0)
		return (-1);
	r->room = n - size;
	return (0);
}

int
frame_add(struct evbuffer *out, uint16_t type, uint16_t flags, uint64_t ref,
    const char *env, size_t elen, const char *payload, size_t plen)
{
	struct evbuffer_iovec	 v;
	unsigned char		*p;

	if ((p = frame_begin(out, &v, type, flags, ref, env, elen, plen)) ==
	    NULL)
		return (-1);
	if (plen != 0)
		memcpy(p, payload, plen);
	return (frame_commit(out, &v));
}

int
frame_parse(const unsigned char *p, size_t have, struct frame *f, uint32_t max,
    uint32_t envmax, const char **cause)
{
	if (have < FB_HDR_SIZE)
		return (0);
	if (frame_unpack_header(p, f, max, envmax, cause) != 0)
		return (-1);
	if (have - FB_HDR_SIZE < (size_t)f->len)
		return (0);
	f->env = (const char *)p + FB_HDR_SIZE;
	f->payload = f->env + f->elen;
	return (1);
}

int
frame_peek(struct evbuffer *in, struct frame *f, uint32_t max, uint32_t envmax,
    const char **cause)
{
	unsigned char	 hdr[FB_HDR_SIZE];
	unsigned char	*p;
	size_t		 have = evbuffer_get_length(in);

	if (have < FB_HDR_SIZE)
		return (0);
	if (evbuffer_copyout(in, hdr, sizeof hdr) != (ev_ssize_t)sizeof hdr)
		return (0);
	if (frame_unpack_header(hdr, f, max, envmax, cause) != 0)
		return (-1);
	if (have < FB_HDR_SIZE + (size_t)f->len)
		return (0);
	/* Length was checked above: this contiguous copy is bounded. */
	p = evbuffer_pullup(in, FB_HDR_SIZE + (ev_ssize_t)f->len);
	if (p == NULL) {
		*cause = "out of memory";
		return (-1);
	}
	f->env = (const char *)p + FB_HDR_SIZE;
	f->payload = f->env + f->elen;
	return (1);
}

void
frame_drain(struct evbuffer *in, const struct frame *f)
{
	evbuffer_drain(in, FB_HDR_SIZE + (size_t)f->len);
}
