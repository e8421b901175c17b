/*
 * Framing: encode then peek/drain through an evbuffer, partial input, and
 * every header the broker must refuse before it allocates anything.
 */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "forkbox/proto.h"
#include "frame.h"

static struct evbuffer	*buf;
static size_t		 nallocs;	/* libevent allocations so far */

static void *
test_malloc(size_t n)
{
	nallocs++;
	return (malloc(n));
}

static void *
test_realloc(void *p, size_t n)
{
	nallocs++;
	return (realloc(p, n));
}

static void
setup(void)
{
	buf = evbuffer_new();
	ck_assert_ptr_nonnull(buf);
}

static void
teardown(void)
{
	evbuffer_free(buf);
	buf = NULL;
}

static void
make_header(unsigned char *hdr, uint32_t len, uint16_t type, uint16_t flags,
    uint64_t ref, uint32_t elen)
{
	struct frame	f;

	memset(&f, 0, sizeof f);
	f.len = len;
	f.type = type;
	f.flags = flags;
	f.ref = ref;
	f.elen = elen;
	frame_pack_header(hdr, &f);
}

/* Peek one frame that must be complete and match, then drain it. */
static void
expect_frame(uint16_t type, uint16_t flags, uint64_t ref, const char *env,
    size_t elen, const char *payload, size_t plen)
{
	struct frame	 f;
	const char	*cause = NULL;
	size_t		 before = evbuffer_get_length(buf);

	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), 1);
	ck_assert_ptr_null(cause);
	ck_assert_uint_eq(f.type, type);
	ck_assert_uint_eq(f.flags, flags);
	ck_assert(f.ref == ref);
	ck_assert_uint_eq(f.len, elen + plen);
	ck_assert_uint_eq(f.elen, elen);
	ck_assert_uint_eq(f.plen, plen);
	if (elen != 0)
		ck_assert(memcmp(f.env, env, elen) == 0);
	if (plen != 0)
		ck_assert(memcmp(f.payload, payload, plen) == 0);
	/* Peeking leaves the frame in place. */
	ck_assert_uint_eq(evbuffer_get_length(buf), before);
	frame_drain(buf, &f);
	ck_assert_uint_eq(evbuffer_get_length(buf),
	    before - FB_HDR_SIZE - elen - plen);
}

START_TEST(test_roundtrip)
{
	const char	env[] = "{\"from\":\"{h|e|1}\",\"topic\":\"t\"}";
	const char	pay[] = "[1,2,{\"a\":null}]";

	nallocs = 0;
	ck_assert_int_eq(frame_add(buf, FB_MSG, 0, 42, env, strlen(env), pay,
	    strlen(pay)), 0);
	ck_assert_uint_gt(nallocs, 0);		/* the count is live */
	ck_assert_uint_eq(evbuffer_get_length(buf),
	    FB_HDR_SIZE + strlen(env) + strlen(pay));
	expect_frame(FB_MSG, 0, 42, env, strlen(env), pay, strlen(pay));
	ck_assert_uint_eq(evbuffer_get_length(buf), 0);
}
END_TEST

START_TEST(test_roundtrip_shapes)
{
	const char	bin[] = { 'a', '\0', 'b', '\xff', '\n' };
	const char	env[] = "{\"entry\":\"a:b\",\"host\":\"a:h\"}";

	/* No body at all. */
	ck_assert_int_eq(frame_add(buf, FB_EXIT, 0, 0, NULL, 0, NULL, 0), 0);
	ck_assert_uint_eq(evbuffer_get_length(buf), FB_HDR_SIZE);
	expect_frame(FB_EXIT, 0, 0, NULL, 0, NULL, 0);

	/* Payload only, raw bytes (PRINT). */
	ck_assert_int_eq(frame_add(buf, FB_PRINT, 0, 0, NULL, 0, bin,
	    sizeof bin), 0);
	expect_frame(FB_PRINT, 0, 0, NULL, 0, bin, sizeof bin);

	/* Envelope only, flags and the largest ref. */
	ck_assert_int_eq(frame_add(buf, FB_SPAWN, FB_F_MONITOR | FB_F_LINK,
	    UINT64_MAX, env, strlen(env), NULL, 0), 0);
	expect_frame(FB_SPAWN, FB_F_MONITOR | FB_F_LINK, UINT64_MAX, env,
	    strlen(env), NULL, 0);
	ck_assert_uint_eq(evbuffer_get_length(buf), 0);
}
END_TEST

START_TEST(test_several_in_one_buffer)
{
	char	pay[64];
	int	i;

	for (i = 0; i < 5; i++) {
		snprintf(pay, sizeof pay, "\"message %d\"", i);
		ck_assert_int_eq(frame_add(buf, FB_SEND, 0, (uint64_t)i + 100,
		    "{}", 2, pay, strlen(pay)), 0);
	}
	for (i = 0; i < 5; i++) {
		snprintf(pay, sizeof pay, "\"message %d\"", i);
		expect_frame(FB_SEND, 0, (uint64_t)i + 100, "{}", 2, pay,
		    strlen(pay));
	}
	ck_assert_uint_eq(evbuffer_get_length(buf), 0);
}
END_TEST

START_TEST(test_truncated)
{
	struct evbuffer	*whole;
	struct frame	 f;
	const char	*cause = NULL;
	unsigned char	 bytes[256];
	size_t		 total, i;

	whole = evbuffer_new();
	ck_assert_ptr_nonnull(whole);
	ck_assert_int_eq(frame_add(whole, FB_REPLY, 0, 9, "{\"ok\":true}", 11,
	    "\"v\"", 3), 0);
	total = evbuffer_get_length(whole);
	ck_assert_uint_eq(total, FB_HDR_SIZE + 14);
	ck_assert_int_eq(evbuffer_remove(whole, bytes, total), (int)total);
	evbuffer_free(whole);

	/* Every prefix, header or body, is "need more", never an error. */
	for (i = 0; i < total; i++) {
		ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX,
		    FB_ENVELOPE_MAX, &cause), 0);
		ck_assert_ptr_null(cause);
		ck_assert_uint_eq(evbuffer_get_length(buf), i);
		ck_assert_int_eq(evbuffer_add(buf, bytes + i, 1), 0);
	}
	expect_frame(FB_REPLY, 0, 9, "{\"ok\":true}", 11, "\"v\"", 3);
}
END_TEST

/*
 * A buffer made of two 10-byte chunks that the buffer does not own: if
 * frame_peek pulled it up or grew it, the first chunk would change.
 */
static const unsigned char *
add_split_header(unsigned char *hdr)
{
	ck_assert_int_eq(evbuffer_add_reference(buf, hdr, 10, NULL, NULL), 0);
	ck_assert_int_eq(evbuffer_add_reference(buf, hdr + 10, 10, NULL,
	    NULL), 0);
	ck_assert_uint_eq(evbuffer_get_length(buf), FB_HDR_SIZE);
	ck_assert_int_eq(evbuffer_get_contiguous_space(buf), 10);
	nallocs = 0;
	return (hdr);
}

static void
assert_untouched(const unsigned char *hdr)
{
	struct evbuffer_iovec	v;

	ck_assert_uint_eq(evbuffer_get_length(buf), FB_HDR_SIZE);
	ck_assert_int_eq(evbuffer_get_contiguous_space(buf), 10);
	ck_assert_int_eq(evbuffer_peek(buf, 10, NULL, &v, 1), 1);
	ck_assert_ptr_eq(v.iov_base, hdr);
	/* Not a byte was allocated for the claimed length. */
	ck_assert_uint_eq(nallocs, 0);
}

START_TEST(test_oversized_before_allocation)
{
	unsigned char	 hdr[FB_HDR_SIZE];
	struct frame	 f;
	const char	*cause = NULL;

	/* Claims 1 GiB; only the header is there. */
	make_header(hdr, UINT32_C(1) << 30, FB_MSG, 0, 1, 0);
	add_split_header(hdr);
	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), -1);
	ck_assert_str_eq(cause, "frame too large");
	assert_untouched(hdr);
}
END_TEST

START_TEST(test_length_limits)
{
	unsigned char	 hdr[FB_HDR_SIZE];
	struct frame	 f;
	const char	*cause;

	/* One past the limit. */
	make_header(hdr, FB_FRAME_MAX + 1, FB_MSG, 0, 1, 0);
	add_split_header(hdr);
	cause = NULL;
	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), -1);
	ck_assert_str_eq(cause, "frame too large");
	assert_untouched(hdr);
	evbuffer_drain(buf, FB_HDR_SIZE);

	/* At the limit: fine, and waiting for the body copies nothing. */
	make_header(hdr, FB_FRAME_MAX, FB_MSG, 0, 1, 0);
	add_split_header(hdr);
	cause = NULL;
	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), 0);
	ck_assert_ptr_null(cause);
	assert_untouched(hdr);
	evbuffer_drain(buf, FB_HDR_SIZE);

	/* The caller's max, not only the protocol's. */
	make_header(hdr, 101, FB_MSG, 0, 1, 0);
	add_split_header(hdr);
	ck_assert_int_eq(frame_peek(buf, &f, 100, FB_ENVELOPE_MAX, &cause),
	    -1);
	ck_assert_str_eq(cause, "frame too large");
	assert_untouched(hdr);
}
END_TEST

START_TEST(test_bad_envelope_length)
{
	unsigned char	 hdr[FB_HDR_SIZE];
	struct frame	 f;
	const char	*cause = NULL;

	make_header(hdr, 10, FB_SEND, 0, 1, 11);
	add_split_header(hdr);
	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), -1);
	ck_assert_str_eq(cause, "envelope longer than frame");
	assert_untouched(hdr);
	evbuffer_drain(buf, FB_HDR_SIZE);

	make_header(hdr, FB_ENVELOPE_MAX + 100, FB_SEND, 0, 1,
	    FB_ENVELOPE_MAX + 1);
	add_split_header(hdr);
	cause = NULL;
	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), -1);
	ck_assert_str_eq(cause, "envelope too large");
	assert_untouched(hdr);
	evbuffer_drain(buf, FB_HDR_SIZE);

	/* At envmax exactly it only waits for the body. */
	make_header(hdr, FB_ENVELOPE_MAX, FB_SEND, 0, 1, FB_ENVELOPE_MAX);
	add_split_header(hdr);
	cause = NULL;
	ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX, FB_ENVELOPE_MAX,
	    &cause), 0);
	ck_assert_ptr_null(cause);
}
END_TEST

START_TEST(test_unknown_type)
{
	static const uint16_t	 bad[] = { 0, 5, 15, 32, 63, 79, 0x100, 0xffff };
	unsigned char		 hdr[FB_HDR_SIZE];
	struct frame		 f;
	const char		*cause;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		make_header(hdr, 0, bad[i], 0, 1, 0);
		add_split_header(hdr);
		cause = NULL;
		ck_assert_int_eq(frame_peek(buf, &f, FB_FRAME_MAX,
		    FB_ENVELOPE_MAX, &cause), -1);
		ck_assert_str_eq(cause, "unknown frame type");
		assert_untouched(hdr);
		evbuffer_drain(buf, FB_HDR_SIZE);
		ck_assert(!frame_type_known(bad[i]));
		ck_assert_str_eq(frame_type_name(bad[i]), "unknown");
	}
	ck_assert(frame_type_known(FB_INIT));
	ck_assert(frame_type_known(FB_SET_OPTIONS));
	ck_assert(frame_type_known(FB_RECEIVED));
	ck_assert_str_eq(frame_type_name(FB_MSG), "MSG");
	ck_assert_str_eq(frame_type_name(FB_SET_OPTIONS), "SET_OPTIONS");
}
END_TEST

START_TEST(test_header_pack_unpack)
{
	unsigned char	 hdr[FB_HDR_SIZE];
	struct frame	 f;
	const char	*cause = NULL;

	make_header(hdr, 300, FB_CANCEL, 3, UINT64_C(0x0102030405060708), 200);
	ck_assert_int_eq(frame_unpack_header(hdr, &f, FB_FRAME_MAX,
	    FB_ENVELOPE_MAX, &cause), 0);
	ck_assert_uint_eq(f.len, 300);
	ck_assert_uint_eq(f.type, FB_CANCEL);
	ck_assert_uint_eq(f.flags, 3);
	ck_assert(f.ref == UINT64_C(0x0102030405060708));
	ck_assert_uint_eq(f.elen, 200);
	ck_assert_uint_eq(f.plen, 100);
	ck_assert_ptr_null(f.env);
	ck_assert_ptr_null(f.payload);
	ck_assert_ptr_null(cause);
}
END_TEST

START_TEST(test_add_refuses_oversized)
{
	static const char	b[1];

	ck_assert_int_eq(frame_add(buf, FB_MSG, 0, 0, NULL, 0, b,
	    (size_t)FB_FRAME_MAX + 1), -1);
	ck_assert_int_eq(frame_add(buf, FB_MSG, 0, 0, b, 1, b,
	    FB_FRAME_MAX), -1);
	ck_assert_int_eq(frame_add(buf, FB_MSG, 0, 0, b, SIZE_MAX, b, 2), -1);
	ck_assert_int_eq(frame_add(buf, FB_MSG, 0, 0, b, 2, b, SIZE_MAX), -1);
	/* Nothing half-written. */
	ck_assert_uint_eq(evbuffer_get_length(buf), 0);
}
END_TEST

/* frame_parse on memory: several frames back to back, every prefix
 * "need more", the refusals of frame_peek. */
START_TEST(test_parse_in_memory)
{
	unsigned char	 bytes[512], hdr[FB_HDR_SIZE];
	struct frame	 f;
	const char	*cause = NULL;
	size_t		 total, off, i;
	int		 n;

	for (i = 0; i < 3; i++)
		ck_assert_int_eq(frame_add(buf, FB_SEND, 0, i, "{\"a\":1}", 7,
		    "\"pay\"", 5), 0);
	total = evbuffer_get_length(buf);
	ck_assert_int_eq(evbuffer_remove(buf, bytes, total), (int)total);
	for (off = 0, n = 0; off < total; off += FB_HDR_SIZE + f.len, n++) {
		ck_assert_int_eq(frame_parse(bytes + off, total - off, &f,
		    FB_FRAME_MAX, FB_ENVELOPE_MAX, &cause), 1);
		ck_assert_uint_eq(f.type, FB_SEND);
		ck_assert_uint_eq(f.ref, (uint64_t)n);
		ck_assert(f.elen == 7 && memcmp(f.env, "{\"a\":1}", 7) == 0);
		ck_assert(f.plen == 5 && memcmp(f.payload, "\"pay\"", 5) == 0);
	}
	ck_assert_int_eq(n, 3);
	for (i = 0; i < FB_HDR_SIZE + 12; i++)
		ck_assert_int_eq(frame_parse(bytes, i, &f, FB_FRAME_MAX,
		    FB_ENVELOPE_MAX, &cause), 0);
	ck_assert_ptr_null(cause);

	make_header(hdr, UINT32_C(1) << 30, FB_MSG, 0, 1, 0);
	ck_assert_int_eq(frame_parse(hdr, sizeof hdr, &f, FB_FRAME_MAX,
	    FB_ENVELOPE_MAX, &cause), -1);
	ck_assert_str_eq(cause, "frame too large");
	make_header(hdr, 4, FB_MSG, 0, 1, 5);
	ck_assert_int_eq(frame_parse(hdr, sizeof hdr, &f, FB_FRAME_MAX,
	    FB_ENVELOPE_MAX, &cause), -1);
	ck_assert_str_eq(cause, "envelope longer than frame");
	make_header(hdr, 0, 999, 0, 1, 0);
	ck_assert_int_eq(frame_parse(hdr, sizeof hdr, &f, FB_FRAME_MAX,
	    FB_ENVELOPE_MAX, &cause), -1);
	ck_assert_str_eq(cause, "unknown frame type");
}
END_TEST

/* frame_begin + frame_commit write what frame_add writes. */
START_TEST(test_begin_commit)
{
	struct evbuffer		*other;
	struct evbuffer_iovec	 v;
	unsigned char		*p, a[128], b[128];
	size_t			 n;

	ck_assert_ptr_nonnull(other = evbuffer_new());
	ck_assert_int_eq(frame_add(other, FB_MSG, 3, 77, "{}", 2, "\"xyz\"",
	    5), 0);
	ck_assert_ptr_nonnull(p = frame_begin(buf, &v, FB_MSG, 3, 77, "{}", 2,
	    5));
	memcpy(p, "\"xyz\"", 5);
	ck_assert_int_eq(frame_commit(buf, &v), 0);
	n = evbuffer_get_length(other);
	ck_assert_uint_eq(evbuffer_get_length(buf), n);
	ck_assert_int_eq(evbuffer_remove(other, a, n), (int)n);
	ck_assert_int_eq(evbuffer_remove(buf, b, n), (int)n);
	ck_assert(memcmp(a, b, n) == 0);
	evbuffer_free(other);
	ck_assert_ptr_null(frame_begin(buf, &v, FB_MSG, 0, 0, NULL, 0,
	    (size_t)FB_FRAME_MAX + 1));
	ck_assert_uint_eq(evbuffer_get_length(buf), 0);
}
END_TEST

/* frame_room: many small frames land in one chain (no allocation per
 * few frames), intact; nothing is allocated for an oversized frame. */
START_TEST(test_room)
{
	struct evbuffer_iovec	 v[4];
	struct frame_room	 room = { 0, 0 };
	size_t			 before, i, plain;
	char			 payload[16];

	memset(payload, 'x', sizeof payload);
	/* Without it: libevent's chains of 1 KiB. */
	before = nallocs;
	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(frame_add(buf, FB_MSG, 0, i, "{}", 2, payload,
		    sizeof payload), 0);
	plain = nallocs - before;
	evbuffer_drain(buf, evbuffer_get_length(buf));
	before = nallocs;
	for (i = 0; i < 1000; i++) {
		ck_assert_int_eq(frame_room(buf, &room, FB_HDR_SIZE + 2 +
		    sizeof payload), 0);
		ck_assert_int_eq(frame_add(buf, FB_MSG, 0, i, "{}", 2, payload,
		    sizeof payload), 0);
	}
	ck_assert_uint_le(nallocs - before, 2);
	ck_assert_uint_gt(plain, 10);
	ck_assert_int_eq(evbuffer_peek(buf, -1, NULL, v, 4), 1);
	for (i = 0; i < 1000; i++)
		expect_frame(FB_MSG, 0, i, "{}", 2, payload, sizeof payload);
	ck_assert_uint_eq(evbuffer_get_length(buf), 0);
	/* The buffer was drained: the room is not trusted any more. */
	ck_assert_int_eq(frame_room(buf, &room, 100), 0);
	ck_assert_uint_eq(room.room, 64 * 1024 - 256 - 100);
	/* Added to behind its back: counted afresh, not 200 less. */
	ck_assert_uint_eq(evbuffer_add(buf, "x", 1), 0);
	ck_assert_int_eq(frame_room(buf, &room, 100), 0);
	ck_assert_uint_eq(room.room, 64 * 1024 - 256 - 100);
	before = nallocs;
	ck_assert_int_eq(frame_room(buf, &room, FB_HDR_SIZE +
	    (size_t)FB_FRAME_MAX + 1), 0);
	ck_assert_uint_eq(nallocs, before);
	ck_assert_uint_eq(room.room, 0);
}
END_TEST

static Suite *
frame_suite(void)
{
	Suite	*s = suite_create("frame");
	TCase	*tc;

	tc = tcase_create("frame");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_roundtrip_shapes);
	tcase_add_test(tc, test_several_in_one_buffer);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_oversized_before_allocation);
	tcase_add_test(tc, test_length_limits);
	tcase_add_test(tc, test_bad_envelope_length);
	tcase_add_test(tc, test_unknown_type);
	tcase_add_test(tc, test_header_pack_unpack);
	tcase_add_test(tc, test_add_refuses_oversized);
	tcase_add_test(tc, test_parse_in_memory);
	tcase_add_test(tc, test_begin_commit);
	tcase_add_test(tc, test_room);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	/* Before any libevent allocation. */
	event_set_mem_functions(test_malloc, test_realloc, free);
	return (unit_run(frame_suite()));
}
