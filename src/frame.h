/* Frame encoding and decoding for the protocol in <forkbox/proto.h>. */
#ifndef FRAME_H
#define FRAME_H

#include <stddef.h>
#include <stdint.h>

struct evbuffer;
struct evbuffer_iovec;

struct frame {
	uint32_t	 len;		/* body bytes */
	uint16_t	 type;
	uint16_t	 flags;
	uint64_t	 ref;
	uint32_t	 elen;		/* envelope bytes, <= len */
	const char	*env;		/* envelope, not NUL-terminated */
	const char	*payload;	/* payload, not NUL-terminated */
	size_t		 plen;		/* len - elen */
};

/* Decode a 20-byte header, checking len against max and elen against
 * envmax and len. Returns 0, or -1 with *cause set. */
int	frame_unpack_header(const unsigned char *, struct frame *, uint32_t max,
	    uint32_t envmax, const char **cause);
void	frame_pack_header(unsigned char *, const struct frame *);
void	frame_header_decode(const unsigned char *, struct frame *);

/* 1 when type is a member of enum fb_type. */
int	frame_type_known(uint16_t);
const char *frame_type_name(uint16_t);

/* Append one frame. Returns 0, or -1 when the body is over FB_FRAME_MAX
 * or the buffer could not grow. */
int	frame_add(struct evbuffer *, uint16_t type, uint16_t flags, uint64_t ref,
	    const char *env, size_t elen, const char *payload, size_t plen);

/*
 * The same in two steps, for a payload written in place: frame_begin
 * reserves the frame at the end of the buffer, writes its header and
 * envelope, and returns where its plen payload bytes go (NULL as
 * frame_add fails); frame_commit adds it, whole, once they are written.
 */
unsigned char *frame_begin(struct evbuffer *, struct evbuffer_iovec *,
	    uint16_t type, uint16_t flags, uint64_t ref, const char *env,
	    size_t elen, size_t plen);
int	frame_commit(struct evbuffer *, struct evbuffer_iovec *);

/*
 * Before adding a frame of size bytes at the end of out: make sure it
 * lands in a chain with room for many more. The state (zeroed at first)
 * is what the last call left in that chain and the buffer's length it
 * expected after its frame: any other addition or drain changes the
 * length, and the room is then taken as unknown. Only a hint to the
 * allocation: the frame is written right whatever it says. 0, or -1
 * when the buffer cannot grow; nothing is allocated for a frame over
 * FB_FRAME_MAX (frame_add refuses it).
 */
struct frame_room {
	size_t	room;
	size_t	len;
};
int	frame_room(struct evbuffer *, struct frame_room *, size_t size);

/*
 * Look at the first frame in an input buffer without removing it.
 * Returns 1 with *f filled (env and payload point into the buffer until
 * frame_drain), 0 when the frame is not complete yet, -1 with *cause when the
 * header is invalid (nothing is allocated for an invalid length).
 */
int	frame_peek(struct evbuffer *, struct frame *, uint32_t max,
	    uint32_t envmax, const char **cause);
void	frame_drain(struct evbuffer *, const struct frame *);

/* The same for the first frame of `have` bytes at p, in memory: 1 with *f
 * pointing into p, 0 when it is not complete there, -1 with *cause. */
int	frame_parse(const unsigned char *p, size_t have, struct frame *,
	    uint32_t max, uint32_t envmax, const char **cause);

#endif
