/* Pids, destinations and host refs with @node (broker/remote_pid.c). */
#include "config.h"

#include <string.h>

#include <check.h>

#include "unit.h"
#include "broker/remote.h"

#define PID	"{app:processes|app:worker|1f2e3d4c5b6a7988"

static int
parses(const char *s)
{
	struct remote_pid	p;

	return (remote_pid_parse(s, strlen(s), &p) == 0);
}

START_TEST(test_pid_parts)
{
	struct remote_pid	p;
	const char		*s = PID "@n2}";

	ck_assert_int_eq(remote_pid_parse(s, strlen(s), &p), 0);
	ck_assert_uint_eq(p.hostlen, strlen("app:processes"));
	ck_assert_int_eq(memcmp(p.host, "app:processes", p.hostlen), 0);
	ck_assert_uint_eq(p.entrylen, strlen("app:worker"));
	ck_assert_int_eq(memcmp(p.entry, "app:worker", p.entrylen), 0);
	ck_assert_uint_eq(p.idlen, 16);
	ck_assert_uint_eq(p.nodelen, 2);
	ck_assert_int_eq(memcmp(p.node, "n2", 2), 0);

	s = PID "}";
	ck_assert_int_eq(remote_pid_parse(s, strlen(s), &p), 0);
	ck_assert_ptr_null(p.node);
	ck_assert_uint_eq(p.nodelen, 0);
}
END_TEST

START_TEST(test_pid_valid)
{
	ck_assert(parses(PID "@n-2_X}"));
	ck_assert(parses("{forkbox|outside|12@n1}"));
	ck_assert(parses("{h|e|0}"));
	/* 64 bytes of node name are fine, 65 are not. */
	ck_assert(parses(PID "@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}"));
	ck_assert(!parses(PID "@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}"));
}
END_TEST

START_TEST(test_pid_malformed)
{
	ck_assert(!parses(""));
	ck_assert(!parses("{}"));
	ck_assert(!parses(PID));			/* no closing brace */
	ck_assert(!parses(PID "@}"));			/* empty node */
	ck_assert(!parses(PID "@n.2}"));		/* not a node name */
	ck_assert(!parses(PID "@n2@n3}"));
	ck_assert(!parses(PID "@n 2}"));
	ck_assert(!parses("{app:processes|app:worker|XYZ@n2}"));	/* not hex */
	ck_assert(!parses("{app:processes|app:worker|1F@n2}"));	/* upper */
	ck_assert(!parses("{app:processes|app:worker|@n2}"));	/* no id */
	ck_assert(!parses("{app:processes|app:worker|123456789012345678901@n2}"));
	ck_assert(!parses("{|app:worker|1f@n2}"));		/* no host */
	ck_assert(!parses("{h||1f@n2}"));			/* no entry */
	ck_assert(!parses("{h|e|1f|x@n2}"));			/* three bars */
	ck_assert(!parses("{h|e}"));
	ck_assert(!parses("{h|{e|1f@n2}"));
	ck_assert(!parses("{h|e\"|1f@n2}"));
	ck_assert(!parses("{h|e\\|1f@n2}"));
	ck_assert(!parses("{h|e x|1f@n2}"));
	ck_assert(!parses("{h@n1|e|1f@n2}"));
	ck_assert(!parses("x{h|e|1f@n2}"));
}
END_TEST

START_TEST(test_pid_nul)
{
	struct remote_pid	p;
	const char		s[] = "{h|e|1f@n\0002}";

	ck_assert_int_eq(remote_pid_parse(s, sizeof s - 1, &p), -1);
}
END_TEST

/* Where dest points from node own; name and node: what is looked up where. */
static enum remote_where
where(const char *dest, const char *own, char *name, char *node)
{
	struct remote_dest	d;
	enum remote_where	w = remote_dest_where(dest, own, &d);

	memcpy(name, d.name, d.namelen);
	name[d.namelen] = '\0';
	if (d.node != NULL)
		memcpy(node, d.node, d.nodelen);
	node[d.node != NULL ? d.nodelen : 0] = '\0';
	return (w);
}

START_TEST(test_dest_pids)
{
	char	name[512], node[128];

	ck_assert_int_eq(where(PID "@n2}", "n1", name, node), REMOTE_NODE);
	ck_assert_str_eq(node, "n2");
	ck_assert_str_eq(name, PID "@n2}");	/* a pid travels whole */
	/* Our own node's pid, and one without a node, are looked up here. */
	ck_assert_int_eq(where(PID "@n1}", "n1", name, node), REMOTE_HERE);
	ck_assert_str_eq(name, PID "@n1}");
	ck_assert_int_eq(where(PID "}", "n1", name, node), REMOTE_HERE);
	/* A malformed pid names nothing anywhere: here, not found. */
	ck_assert_int_eq(where("{x@n2}", "n1", name, node), REMOTE_HERE);
	ck_assert_int_eq(where("{h|e|zz@n2}", "n1", name, node),
	    REMOTE_HERE);
	/* Without --node nothing is remote. */
	ck_assert_int_eq(where(PID "@n2}", NULL, name, node), REMOTE_HERE);
	/* A node whose name starts like ours is another node. */
	ck_assert_int_eq(where(PID "@n12}", "n1", name, node), REMOTE_NODE);
	ck_assert_str_eq(node, "n12");
}
END_TEST

START_TEST(test_dest_names)
{
	char	name[512], node[128];

	ck_assert_int_eq(where("cache", "n1", name, node), REMOTE_HERE);
	ck_assert_str_eq(name, "cache");
	ck_assert_int_eq(where("cache@n2", "n1", name, node), REMOTE_NODE);
	ck_assert_str_eq(name, "cache");
	ck_assert_str_eq(node, "n2");
	ck_assert_int_eq(where("cache@n1", "n1", name, node), REMOTE_HERE);
	ck_assert_str_eq(name, "cache");
	ck_assert_int_eq(where("cache@*", "n1", name, node), REMOTE_CLUSTER);
	ck_assert_str_eq(name, "cache");
	/* The last '@' separates: a name may hold '@' itself. */
	ck_assert_int_eq(where("a@b@n2", "n1", name, node), REMOTE_NODE);
	ck_assert_str_eq(name, "a@b");
	ck_assert_str_eq(node, "n2");
	/* What follows '@' is no node name: all of it is a local name. */
	ck_assert_int_eq(where("me@example.com", "n1", name, node),
	    REMOTE_HERE);
	ck_assert_str_eq(name, "me@example.com");
	ck_assert_int_eq(where("@n2", "n1", name, node), REMOTE_HERE);
	ck_assert_str_eq(name, "@n2");
	ck_assert_int_eq(where("x@", "n1", name, node), REMOTE_HERE);
	/* Without --node a name is a name, '@' or not. */
	ck_assert_int_eq(where("cache@n2", NULL, name, node), REMOTE_HERE);
	ck_assert_str_eq(name, "cache@n2");
	ck_assert_int_eq(where("cache@*", NULL, name, node), REMOTE_HERE);
}
END_TEST

START_TEST(test_host_refs)
{
	struct remote_dest	d;

	ck_assert_int_eq(remote_host_where("app:procs@n2", "n1", &d),
	    REMOTE_NODE);
	ck_assert_uint_eq(d.namelen, strlen("app:procs"));
	ck_assert_int_eq(memcmp(d.node, "n2", 2), 0);
	ck_assert_int_eq(remote_host_where("app:procs@n1", "n1", &d),
	    REMOTE_HERE);
	ck_assert_uint_eq(d.namelen, strlen("app:procs"));
	ck_assert_int_eq(remote_host_where("app:procs@*", "n1", &d),
	    REMOTE_CLUSTER);
	ck_assert_uint_eq(d.namelen, strlen("app:procs"));
	ck_assert_int_eq(remote_host_where("app:procs", "n1", &d),
	    REMOTE_HERE);
	ck_assert_uint_eq(d.namelen, strlen("app:procs"));
	/* Not a node name after '@': the whole ref, an unknown host. */
	ck_assert_int_eq(remote_host_where("app:procs@n.2", "n1", &d),
	    REMOTE_HERE);
	ck_assert_uint_eq(d.namelen, strlen("app:procs@n.2"));
	ck_assert_int_eq(remote_host_where("app:procs@n2", NULL, &d),
	    REMOTE_HERE);
	ck_assert_uint_eq(d.namelen, strlen("app:procs@n2"));
}
END_TEST

START_TEST(test_node_names)
{
	ck_assert(remote_node_valid("n1", 2));
	ck_assert(remote_node_valid("A-z_9", 5));
	ck_assert(!remote_node_valid("", 0));
	ck_assert(!remote_node_valid("n.1", 3));
	ck_assert(!remote_node_valid("n*", 2));
	ck_assert(!remote_node_valid("n\xc3\xa9", 3));
}
END_TEST

static Suite *
remote_pid_suite(void)
{
	Suite	*s = suite_create("remote_pid");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_pid_parts);
	tcase_add_test(tc, test_pid_valid);
	tcase_add_test(tc, test_pid_malformed);
	tcase_add_test(tc, test_pid_nul);
	tcase_add_test(tc, test_dest_pids);
	tcase_add_test(tc, test_dest_names);
	tcase_add_test(tc, test_host_refs);
	tcase_add_test(tc, test_node_names);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(remote_pid_suite()));
}
