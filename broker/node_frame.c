/*
 * Node-to-node frames: the frame format of <forkbox/proto.h> carried in
 * NATS messages (several back to back on a node's subject), with the header in little-endian byte order because
 * nodes may run on different machines, and an envelope that names the
 * sender ("@node", "@inc"). Everything a node sends is checked here as
 * strictly as a worker's frames are in route.c.
 */
#include "config.h"

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "frame.h"
#include "node.h"
#include "node_int.h"

int
node_name_valid(const char *name)
{
	size_t	i;

	for (i = 0; name[i] != '\0'; i++) {
		if (i >= NODE_NAME_MAX)
			return (0);
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    name[i] == '_' || name[i] == '-'))
			return (0);
	}
	return (i > 0);
}

/* An incarnation as it travels: 16 lowercase hex digits, never 0. */
int
node_frame_inc_parse(const char *s, uint64_t *inc)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < 16; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = v << 4 | (uint64_t)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v = v << 4 | (uint64_t)(s[i] - 'a' + 10);
		else
			return (-1);
	}
	if (s[16] != '\0' || v == 0)
		return (-1);
	*inc = v;
	return (0);
}

/* The wire header is little-endian; struct frame is in host order. */
static void
node_frame_header_le(unsigned char *p, const struct frame *f)
{
	uint32_t	len = htole32(f->len), elen = htole32(f->elen);
	uint16_t	type = htole16(f->type), flags = htole16(f->flags);
	uint64_t	ref = htole64(f->ref);

	memcpy(p, &len, 4);
	memcpy(p + 4, &type, 2);
	memcpy(p + 6, &flags, 2);
	memcpy(p + 8, &ref, 8);
	memcpy(p + 16, &elen, 4);
}

static void
node_frame_header_host(unsigned char *p, const unsigned char *le)
{
	uint32_t	len, elen;
	uint16_t	type, flags;
	uint64_t	ref;

	memcpy(&len, le, 4);
	memcpy(&type, le + 4, 2);
	memcpy(&flags, le + 6, 2);
	memcpy(&ref, le + 8, 8);
	memcpy(&elen, le + 16, 4);
	len = le32toh(len);
	type = le16toh(type);
	flags = le16toh(flags);
	ref = le64toh(ref);
	elen = le32toh(elen);
	memcpy(p, &len, 4);
	memcpy(p + 4, &type, 2);
	memcpy(p + 6, &flags, 2);
	memcpy(p + 8, &ref, 8);
	memcpy(p + 16, &elen, 4);
}

/*
 * {"@node":"<from>","@inc":"<16 hex digits>": how every envelope a node
 * sends begins, before its type's keys. Its length (< NODE_FRAME_HEAD_MAX).
 */
size_t
node_frame_head(char *buf, const char *from, uint64_t inc)
{
	return ((size_t)snprintf(buf, NODE_FRAME_HEAD_MAX,
	    "{\"@node\":\"%s\",\"@inc\":\"%016" PRIx64 "\"", from, inc));
}

/* The bytes of a frame whose envelope is a head of hlen joined with a
 * user object of ulen (0 or 2, "{}": none) and a payload of plen, or -1
 * when it is over the sizes or max. */
int
node_frame_measure(size_t hlen, size_t ulen, size_t plen, size_t max,
    size_t *total)
{
	size_t	elen = hlen + (ulen > 2 ? ulen : 1);

	if (elen > FB_NODE_ENVELOPE_MAX || plen > max ||
	    FB_HDR_SIZE + elen > max - plen)
		return (-1);
	*total = FB_HDR_SIZE + elen + plen;
	return (0);
}

/* Write the frame node_frame_measure measured at buf: the header, the
 * head, the user object's keys after a comma (its '{' dropped), the
 * payload. */
void
node_frame_put(char *buf, uint16_t type, uint64_t ref, const char *head,
    size_t hlen, const char *user, size_t ulen, const char *payload,
    size_t plen)
{
	struct frame	f;
	size_t		elen = hlen + (ulen > 2 ? ulen : 1);

	f.len = (uint32_t)(elen + plen);
	f.type = type;
	f.flags = 0;
	f.ref = ref;
	f.elen = (uint32_t)elen;
	node_frame_header_le((unsigned char *)buf, &f);
	buf += FB_HDR_SIZE;
	memcpy(buf, head, hlen);
	if (ulen > 2) {
		buf[hlen] = ',';
		memcpy(buf + hlen + 1, user + 1, ulen - 1);
	} else
		buf[hlen] = '}';
	if (plen != 0)
		memcpy(buf + elen, payload, plen);
}

/* Write a FB_NODE_MSG_AGAIN of FB_HDR_SIZE + plen bytes at buf. */
void
node_frame_put_again(char *buf, uint64_t ref, const char *payload,
    size_t plen)
{
	struct frame	f;

	f.len = (uint32_t)plen;
	f.type = FB_NODE_MSG_AGAIN;
	f.flags = 0;
	f.ref = ref;
	f.elen = 0;
	node_frame_header_le((unsigned char *)buf, &f);
	if (plen != 0)
		memcpy(buf + FB_HDR_SIZE, payload, plen);
}

/* A handler's envelope as text (compact; NULL and *ulen 0 for none): its
 * keys may not start with "@", which name the sender. -1 with *cause. */
int
node_frame_dump(json_t *env, char **text, size_t *ulen, const char **cause)
{
	const char	*key;
	json_t		*v;

	*text = NULL;
	*ulen = 0;
	if (env == NULL)
		return (0);
	json_object_foreach(env, key, v) {
		if (key[0] == '@') {
			*cause = "envelope key starting with @";
			return (-1);
		}
	}
	if ((*text = json_dumps(env, JSON_COMPACT)) == NULL) {
		*cause = "envelope not encodable";
		return (-1);
	}
	*ulen = strlen(*text);
	return (0);
}

/*
 * One frame from `from` (incarnation inc) for incarnation `ref` of its
 * destination, in a malloc'd buffer the caller frees. env (borrowed, may
 * be NULL) gets "@node" and "@inc" put in front of its keys, which must
 * not start with "@". -1 with *cause when it would be over max bytes.
 */
char *
node_frame_pack(uint16_t type, uint64_t ref, json_t *env, const char *from,
    uint64_t inc, const char *payload, size_t plen, size_t max,
    size_t *outlen, const char **cause)
{
	char		*user, *buf = NULL;
	char		 head[NODE_FRAME_HEAD_MAX];
	size_t		 hlen, ulen;

	if (node_frame_dump(env, &user, &ulen, cause) != 0)
		return (NULL);
	hlen = node_frame_head(head, from, inc);
	if (node_frame_measure(hlen, ulen, plen, max, outlen) != 0)
		*cause = "too large";
	else if ((buf = malloc(*outlen)) == NULL)
		*cause = "out of memory";
	else
		node_frame_put(buf, type, ref, head, hlen, user, ulen,
		    payload, plen);
	free(user);
	return (buf);
}

/* The bytes of the first frame of a message of several: header and body,
 * or 0 when they run past len (or len is short of a header). */
size_t
node_frame_size(const char *data, size_t len)
{
	uint32_t	body;

	if (len < FB_HDR_SIZE)
		return (0);
	memcpy(&body, data, 4);
	body = le32toh(body);
	if (body > len - FB_HDR_SIZE)
		return (0);
	return (FB_HDR_SIZE + (size_t)body);
}

/* The header of a frame of len bytes at data, checked: what a node frame
 * may be, whatever its envelope. */
static int
node_frame_header(const char *data, size_t len, struct frame *f,
    const char **cause)
{
	unsigned char	hdr[FB_HDR_SIZE];

	if (len < FB_HDR_SIZE) {
		*cause = "short frame";
		return (-1);
	}
	node_frame_header_host(hdr, (const unsigned char *)data);
	if (frame_unpack_header(hdr, f, FB_FRAME_MAX, FB_NODE_ENVELOPE_MAX,
	    cause) != 0)
		return (-1);
	if ((size_t)f->len != len - FB_HDR_SIZE) {
		*cause = "length does not match the message";
		return (-1);
	}
	if (f->type < FB_NODE_FIRST || f->type > FB_NODE_LAST) {
		*cause = "not a node frame type";
		return (-1);
	}
	if (f->flags != 0) {
		*cause = "unknown flags";
		return (-1);
	}
	if (f->elen == 0 && f->type != FB_NODE_MSG_AGAIN) {
		*cause = "missing envelope";
		return (-1);
	}
	if (f->elen != 0 && f->type == FB_NODE_MSG_AGAIN) {
		*cause = "an envelope on NODE_MSG_AGAIN";
		return (-1);
	}
	return (0);
}

/*
 * A FB_NODE_MSG_AGAIN, checked as any node frame: 1 with nf's type, ref
 * and payload filled (its sender is the frame before's), 0 when the
 * frame is of another type, -1 with *cause when it is malformed.
 */
int
node_frame_again(const char *data, size_t len, struct node_frame *nf,
    const char **cause)
{
	struct frame	f;
	uint16_t	type;

	if (len < FB_HDR_SIZE)
		return (0);	/* node_frame_unpack says so */
	memcpy(&type, data + 4, 2);
	if (le16toh(type) != FB_NODE_MSG_AGAIN)
		return (0);
	memset(nf, 0, sizeof *nf);
	if (node_frame_header(data, len, &f, cause) != 0)
		return (-1);
	nf->type = f.type;
	nf->ref = f.ref;
	nf->payload = data + FB_HDR_SIZE;
	nf->plen = f.plen;
	return (1);
}

/*
 * Check one frame (a NATS message, or one frame of a batch) and fill
 * *nf: env is a new reference the caller frees with node_frame_free
 * (without the "@" keys), payload points into data. -1 with *cause for anything malformed;
 * nothing is allocated before the sizes were checked.
 */
int
node_frame_unpack(const char *data, size_t len, struct node_frame *nf,
    const char **cause)
{
	struct frame	 f;
	json_error_t	 jerr;
	json_t		*v;
	const char	*s;

	memset(nf, 0, sizeof *nf);
	if (node_frame_header(data, len, &f, cause) != 0)
		return (-1);
	nf->env = json_loadb(data + FB_HDR_SIZE, f.elen,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(nf->env)) {
		*cause = "envelope is not a JSON object";
		goto bad;
	}
	v = json_object_get(nf->env, "@node");
	if ((s = json_string_value(v)) == NULL || !node_name_valid(s)) {
		*cause = "bad @node";
		goto bad;
	}
	memcpy(nf->from, s, strlen(s) + 1);
	v = json_object_get(nf->env, "@inc");
	if ((s = json_string_value(v)) == NULL ||
	    node_frame_inc_parse(s, &nf->inc) != 0) {
		*cause = "bad @inc";
		goto bad;
	}
	json_object_del(nf->env, "@node");
	json_object_del(nf->env, "@inc");
	nf->type = f.type;
	nf->ref = f.ref;
	nf->payload = data + FB_HDR_SIZE + f.elen;
	nf->plen = f.plen;
	return (0);
bad:
	node_frame_free(nf);
	return (-1);
}

/* A byte of a node name. */
static int
node_frame_name_char(char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-');
}

/*
 * The way around jansson for the frames a node sends: 1 when the frame's
 * header is valid and its envelope begins exactly as node_frame_head
 * writes it (a valid name, 16 lowercase hex digits, not 0) followed by
 * ',' or '}'. Then *nf is filled but for env (NULL), and *rest and *rlen are
 * the envelope from that ',' or '}' on, for the type's own matcher, which
 * must check it to its end. 0 for anything else: node_frame_unpack then
 * says what is wrong, if anything is.
 */
int
node_frame_peek(const char *data, size_t len, struct node_frame *nf,
    const char **rest, size_t *rlen)
{
	static const char	 k_node[] = "{\"@node\":\"";
	static const char	 k_inc[] = "\",\"@inc\":\"";
	struct frame		 f;
	const char		*s, *end, *name, *cause;
	char			 inc[17];
	size_t			 n;

	if (node_frame_header(data, len, &f, &cause) != 0)
		return (0);
	s = data + FB_HDR_SIZE;
	end = s + f.elen;
	if (f.elen < sizeof k_node - 1 ||
	    memcmp(s, k_node, sizeof k_node - 1) != 0)
		return (0);
	s += sizeof k_node - 1;
	for (name = s; s < end && node_frame_name_char(*s); s++)
		/* nothing */;
	n = (size_t)(s - name);
	if (n == 0 || n > NODE_NAME_MAX ||
	    (size_t)(end - s) < sizeof k_inc - 1 + 16 + 2 ||
	    memcmp(s, k_inc, sizeof k_inc - 1) != 0)
		return (0);
	s += sizeof k_inc - 1;
	memcpy(inc, s, 16);
	inc[16] = '\0';
	s += 16;
	if (s[0] != '"' || (s[1] != ',' && s[1] != '}') ||
	    node_frame_inc_parse(inc, &nf->inc) != 0)
		return (0);
	memcpy(nf->from, name, n);
	nf->from[n] = '\0';
	nf->env = NULL;
	nf->type = f.type;
	nf->ref = f.ref;
	nf->payload = data + FB_HDR_SIZE + f.elen;
	nf->plen = f.plen;
	*rest = s + 1;
	*rlen = (size_t)(end - *rest);
	return (1);
}

void
node_frame_free(struct node_frame *nf)
{
	json_decref(nf->env);
	nf->env = NULL;
}
