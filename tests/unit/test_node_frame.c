/* node_frame: node-to-node frames packed and checked (broker/node_frame.c). */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "node.h"
#include "node_int.h"

#define MAX	(1024 * 1024)

static char *
pack(uint16_t type, uint64_t ref, json_t *env, const char *payload,
    size_t *len)
{
	const char	*cause = NULL;
	char		*buf;

	buf = node_frame_pack(type, ref, env, "n1", 0x1234abcdULL, payload,
	    payload != NULL ? strlen(payload) : 0, MAX, len, &cause);
	ck_assert_msg(buf != NULL, "pack: %s", cause);
	return (buf);
}

START_TEST(test_node_frame_roundtrip)
{
	struct node_frame	 nf;
	json_t			*env = json_pack("{s:s,s:i}", "to", "x", "n", 3);
	const char		*cause = NULL;
	char			*buf;
	size_t			 len;

	buf = pack(FB_NODE_HEARTBEAT, 77, env, "[1,2]", &len);
	ck_assert_int_eq(node_frame_unpack(buf, len, &nf, &cause), 0);
	ck_assert_uint_eq(nf.type, FB_NODE_HEARTBEAT);
	ck_assert_uint_eq(nf.ref, 77);
	ck_assert_str_eq(nf.from, "n1");
	ck_assert_uint_eq(nf.inc, 0x1234abcdULL);
	ck_assert_uint_eq(nf.plen, 5);
	ck_assert(memcmp(nf.payload, "[1,2]", 5) == 0);
	/* The handler sees its own keys only. */
	ck_assert_uint_eq(json_object_size(nf.env), 2);
	ck_assert_str_eq(json_string_value(json_object_get(nf.env, "to")), "x");
	node_frame_free(&nf);
	free(buf);
	json_decref(env);

	buf = pack(FB_NODE_BYE, 0, NULL, NULL, &len);	/* no env, no payload */
	ck_assert_int_eq(node_frame_unpack(buf, len, &nf, &cause), 0);
	ck_assert_uint_eq(json_object_size(nf.env), 0);
	ck_assert_uint_eq(nf.plen, 0);
	node_frame_free(&nf);
	free(buf);
}
END_TEST

/* The header is little-endian on the wire, whatever the host. */
START_TEST(test_node_frame_le)
{
	char			*buf;
	size_t			 len;
	const unsigned char	*p;

	buf = pack(FB_NODE_HEARTBEAT, 0x0102030405060708ULL, NULL, "7", &len);
	p = (const unsigned char *)buf;
	ck_assert_uint_eq(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24,
	    len - FB_HDR_SIZE);
	ck_assert_uint_eq(p[4] | p[5] << 8, FB_NODE_HEARTBEAT);
	ck_assert_uint_eq(p[8], 0x08);
	ck_assert_uint_eq(p[15], 0x01);
	free(buf);
}
END_TEST

START_TEST(test_node_frame_refused)
{
	struct node_frame	 nf;
	const char		*cause;
	char			*buf, *bad;
	size_t			 len;
	json_t			*env = json_pack("{s:s}", "@node", "forged");

	/* A handler's env may not carry the keys that name the sender. */
	cause = NULL;
	ck_assert_ptr_null(node_frame_pack(FB_NODE_HEARTBEAT, 0, env, "n1", 1,
	    NULL, 0, MAX, &len, &cause));
	ck_assert_str_eq(cause, "envelope key starting with @");
	json_decref(env);
	/* Over the server's max_payload. */
	ck_assert_ptr_null(node_frame_pack(FB_NODE_HEARTBEAT, 0, NULL, "n1", 1,
	    "12345678", 8, 40, &len, &cause));

	buf = pack(FB_NODE_HEARTBEAT, 0, NULL, "[1]", &len);
	/* Shorter or longer than its header says. */
	ck_assert_int_eq(node_frame_unpack(buf, len - 1, &nf, &cause), -1);
	ck_assert_str_eq(cause, "length does not match the message");
	ck_assert_int_eq(node_frame_unpack(buf, 3, &nf, &cause), -1);
	ck_assert_str_eq(cause, "short frame");
	/* A worker's frame type. */
	bad = malloc(len);
	memcpy(bad, buf, len);
	bad[4] = FB_SEND;
	ck_assert_int_eq(node_frame_unpack(bad, len, &nf, &cause), -1);
	ck_assert_str_eq(cause, "not a node frame type");
	/* Flags. */
	memcpy(bad, buf, len);
	bad[6] = 1;
	ck_assert_int_eq(node_frame_unpack(bad, len, &nf, &cause), -1);
	ck_assert_str_eq(cause, "unknown flags");
	/* A sender name that is not one. */
	memcpy(bad, buf, len);
	memcpy(strstr(bad + FB_HDR_SIZE, "n1"), "n/", 2);
	ck_assert_int_eq(node_frame_unpack(bad, len, &nf, &cause), -1);
	ck_assert_str_eq(cause, "bad @node");
	/* An incarnation that is not 16 hex digits. */
	memcpy(bad, buf, len);
	memcpy(strstr(bad + FB_HDR_SIZE, "00000000"), "0000000g", 8);
	ck_assert_int_eq(node_frame_unpack(bad, len, &nf, &cause), -1);
	ck_assert_str_eq(cause, "bad @inc");
	ck_assert_ptr_null(nf.env);
	free(bad);
	free(buf);
}
END_TEST

/* A batch (node_batch.c): frames back to back, each found by its length;
 * one whose length runs past the message ends it. */
START_TEST(test_node_frame_batch)
{
	json_t		*env = json_pack("{s:s}", "to", "x");
	char		*a, *b, *both;
	size_t		 alen, blen, n;

	a = pack(FB_NODE_HEARTBEAT, 1, env, "[1]", &alen);
	b = pack(FB_NODE_HEARTBEAT, 2, env, "\"a longer payload\"", &blen);
	both = malloc(alen + blen);
	memcpy(both, a, alen);
	memcpy(both + alen, b, blen);
	ck_assert_uint_eq(node_frame_size(both, alen + blen), alen);
	ck_assert_uint_eq(node_frame_size(both + alen, blen), blen);
	/* Cut short: the second frame's length runs past the message. */
	ck_assert_uint_eq(node_frame_size(both + alen, blen - 1), 0);
	ck_assert_uint_eq(node_frame_size(both, FB_HDR_SIZE - 1), 0);
	/* A forged length near 4 GiB does not wrap. */
	memset(both, 0xff, 4);
	n = node_frame_size(both, alen + blen);
	ck_assert_uint_eq(n, 0);
	free(both);
	free(a);
	free(b);
	json_decref(env);
}
END_TEST

/* node_frame_peek of a copy of the frame with its envelope's first
 * `find` made `repl` (as long). */
static int
peek_spoiled(const char *buf, size_t len, const char *find, const char *repl)
{
	struct node_frame	 nf;
	const char		*rest;
	char			*bad = malloc(len + 1);
	size_t			 rlen;
	int			 r;

	memcpy(bad, buf, len);
	bad[len] = '\0';	/* for strstr */
	memcpy(strstr(bad + FB_HDR_SIZE, find), repl, strlen(repl));
	r = node_frame_peek(bad, len, &nf, &rest, &rlen);
	free(bad);
	return (r);
}

/* The way around jansson (node_frame_peek): what node_frame_pack writes
 * is matched, with the rest of the envelope for the type's matcher;
 * anything else is left to node_frame_unpack. */
START_TEST(test_node_frame_peek)
{
	struct node_frame	 nf;
	json_t			*env = json_pack("{s:s}", "to", "x");
	const char		*rest;
	char			*buf;
	size_t			 len, rlen;

	buf = pack(FB_NODE_MSG, 9, env, "[1]", &len);
	ck_assert_int_eq(node_frame_peek(buf, len, &nf, &rest, &rlen), 1);
	ck_assert_str_eq(nf.from, "n1");
	ck_assert_uint_eq(nf.inc, 0x1234abcdULL);
	ck_assert_uint_eq(nf.type, FB_NODE_MSG);
	ck_assert_uint_eq(nf.ref, 9);
	ck_assert_ptr_null(nf.env);
	ck_assert_uint_eq(nf.plen, 3);
	ck_assert_uint_eq(rlen, strlen(",\"to\":\"x\"}"));
	ck_assert(memcmp(rest, ",\"to\":\"x\"}", rlen) == 0);
	/* A bad header is the same refusal as ever (unpack says why). */
	ck_assert_int_eq(node_frame_peek(buf, len - 1, &nf, &rest, &rlen), 0);
	/* An uppercase or zero incarnation, a name with a dot, spaces. */
	ck_assert_int_eq(peek_spoiled(buf, len, "1234abcd", "1234ABCD"), 0);
	ck_assert_int_eq(peek_spoiled(buf, len, "1234abcd", "00000000"), 0);
	ck_assert_int_eq(peek_spoiled(buf, len, "n1", "n."), 0);
	ck_assert_int_eq(peek_spoiled(buf, len, ":\"n1", " \"n1"), 0);
	free(buf);
	/* No keys of its own: the rest is "}". */
	buf = pack(FB_NODE_MSG, 9, NULL, NULL, &len);
	ck_assert_int_eq(node_frame_peek(buf, len, &nf, &rest, &rlen), 1);
	ck_assert_uint_eq(rlen, 1);
	ck_assert_int_eq(rest[0], '}');
	free(buf);
	json_decref(env);
}
END_TEST

/* FB_NODE_MSG_AGAIN: a header and the payload, nothing else. */
START_TEST(test_node_frame_again)
{
	struct node_frame	 nf;
	const char		*cause = NULL;
	char			 buf[FB_HDR_SIZE + 3], *m;
	size_t			 len;

	node_frame_put_again(buf, 9, "[1]", 3);
	ck_assert_int_eq(node_frame_again(buf, sizeof buf, &nf, &cause), 1);
	ck_assert_uint_eq(nf.type, FB_NODE_MSG_AGAIN);
	ck_assert_uint_eq(nf.ref, 9);
	ck_assert_uint_eq(nf.plen, 3);
	ck_assert(memcmp(nf.payload, "[1]", 3) == 0);
	ck_assert_uint_eq(node_frame_size(buf, sizeof buf), sizeof buf);
	/* Cut short, or longer than its message: malformed. */
	ck_assert_int_eq(node_frame_again(buf, sizeof buf - 1, &nf, &cause),
	    -1);
	/* With an envelope: malformed; and no way around jansson. */
	m = pack(FB_NODE_MSG_AGAIN, 9, NULL, "[1]", &len);
	ck_assert_int_eq(node_frame_again(m, len, &nf, &cause), -1);
	ck_assert_str_eq(cause, "an envelope on NODE_MSG_AGAIN");
	free(m);
	/* Another type: not this one's to say. */
	m = pack(FB_NODE_MSG, 9, NULL, "[1]", &len);
	ck_assert_int_eq(node_frame_again(m, len, &nf, &cause), 0);
	free(m);
	/* Any other type without an envelope is still refused. */
	node_frame_put_again(buf, 9, "[1]", 3);
	buf[4] = (char)FB_NODE_MSG;
	ck_assert_int_eq(node_frame_unpack(buf, sizeof buf, &nf, &cause), -1);
	ck_assert_str_eq(cause, "missing envelope");
}
END_TEST

START_TEST(test_node_name_valid)
{
	char	long_name[NODE_NAME_MAX + 2];

	ck_assert(node_name_valid("n1"));
	ck_assert(node_name_valid("A-z_09"));
	ck_assert(!node_name_valid(""));
	ck_assert(!node_name_valid("a.b"));	/* a NATS subject separator */
	ck_assert(!node_name_valid("a*"));
	ck_assert(!node_name_valid("a b"));
	memset(long_name, 'x', NODE_NAME_MAX);
	long_name[NODE_NAME_MAX] = '\0';
	ck_assert(node_name_valid(long_name));
	long_name[NODE_NAME_MAX] = 'x';
	long_name[NODE_NAME_MAX + 1] = '\0';
	ck_assert(!node_name_valid(long_name));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("node_frame");
	TCase	*tc = tcase_create("node_frame");

	tcase_add_test(tc, test_node_frame_roundtrip);
	tcase_add_test(tc, test_node_frame_le);
	tcase_add_test(tc, test_node_frame_refused);
	tcase_add_test(tc, test_node_frame_batch);
	tcase_add_test(tc, test_node_frame_peek);
	tcase_add_test(tc, test_node_frame_again);
	tcase_add_test(tc, test_node_name_valid);
	suite_add_tcase(s, tc);
	return (unit_run(s));
}
