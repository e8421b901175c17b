/* The app loader against the manifests in tests/fixtures/manifests. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "unit.h"
#include <jansson.h>

#include "broker/app.h"

#define FIX	TEST_SRCDIR "/fixtures/manifests/"

static char	errbuf[2048];

static struct app *
load_ok(const char *dir)
{
	struct app	*app;

	errbuf[0] = '\0';
	app = app_load(dir, errbuf, sizeof errbuf);
	ck_assert_msg(app != NULL, "app_load(%s): %s", dir, errbuf);
	return (app);
}

static struct app_entry *
entry(struct app *app, const char *ref, enum app_kind kind)
{
	struct app_entry	*e;

	e = app_find(app, ref, kind);
	ck_assert_msg(e != NULL, "no %s entry %s", app_kind_name(kind), ref);
	ck_assert_str_eq(e->ref, ref);
	ck_assert_int_eq(e->kind, kind);
	return (e);
}

static void
assert_json(json_t *got, const char *want)
{
	json_error_t	 jerr;
	json_t		*w;
	char		*s;

	w = json_loads(want, JSON_DECODE_ANY, &jerr);
	ck_assert_msg(w != NULL, "bad expected JSON %s", want);
	s = json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY);
	ck_assert_msg(json_equal(got, w), "got %s, want %s", s, want);
	free(s);
	json_decref(w);
}

START_TEST(test_valid_app)
{
	struct app		*app;
	struct app_entry	*e;
	struct app_host		 def;
	json_t			*meta;

	app = load_ok(FIX "valid");
	ck_assert_str_eq(app->root, FIX "valid");
	/* .hidden is skipped, gateway (unknown kind) is ignored. */
	ck_assert_uint_eq(app->nentries, 11);
	/* A directory's own manifest first, then subdirectories in order. */
	ck_assert_str_eq(app->entries[0]->ref, "app.test:echo_worker");
	ck_assert_str_eq(app->entries[6]->ref, "app.test:fractional");
	ck_assert_str_eq(app->entries[7]->ref, "app.lib:util");
	ck_assert_str_eq(app->entries[9]->ref, "app.workers:deep");

	e = entry(app, "app.test:echo_worker", APP_PROCESS);
	ck_assert_str_eq(e->file, FIX "valid/_index.yaml");
	ck_assert_int_eq(e->line, 4);
	ck_assert_str_eq(e->chunk, "echo_worker.lua");
	ck_assert_str_eq(e->method, "main");
	ck_assert_ptr_nonnull(strstr(e->source, "util.join({...})"));
	ck_assert_uint_eq(e->source_len, strlen(e->source));
	ck_assert_uint_eq(e->nmodules, 2);
	ck_assert_str_eq(e->modules[0], "time");
	ck_assert_str_eq(e->modules[1], "json");
	ck_assert_uint_eq(e->nimports, 1);
	ck_assert_str_eq(e->imports[0].alias, "util");
	ck_assert_str_eq(e->imports[0].ref, "app.lib:util");
	meta = e->meta;
	ck_assert_ptr_nonnull(meta);
	assert_json(meta, "{\"type\": \"test\", \"comment\": \"echoes what it "
	    "gets\", \"tags\": [\"a\", \"b\"], \"count\": 3, \"ratio\": 0.5, "
	    "\"hex\": 31, \"enabled\": true, \"nothing\": null, "
	    "\"quoted\": \"42\"}");
	ck_assert(json_is_integer(json_object_get(meta, "count")));
	ck_assert(json_is_real(json_object_get(meta, "ratio")));
	ck_assert(json_is_string(json_object_get(meta, "quoted")));

	e = entry(app, "app.test:inline", APP_PROCESS);
	ck_assert_int_eq(e->line, 20);
	ck_assert_str_eq(e->chunk, "_index.yaml:inline");
	ck_assert_str_eq(e->method, "run");
	/* Padded so that Lua's line numbers are the manifest's: the
	 * block starts on line 24. */
	ck_assert_int_eq(e->source_line, 24);
	ck_assert_uint_eq(strspn(e->source, "\n"), 23);
	ck_assert_str_eq(e->source + 23, "local M = {}\n"
	    "function M.run() return 1 end\nreturn M\n");
	ck_assert_uint_eq(e->source_len, strlen(e->source));
	ck_assert_ptr_null(e->meta);
	ck_assert_uint_eq(e->nimports, 0);
	ck_assert_uint_eq(e->nmodules, 0);

	e = entry(app, "app.test:processes", APP_HOST);
	ck_assert_uint_eq(e->host.max_processes, 50);
	ck_assert_uint_eq(e->host.memory_limit, 32u * 1024 * 1024);
	ck_assert_int_eq(e->host.cpu_limit_us, 30 * 1000000LL);
	ck_assert_int_eq(e->host.wall_limit_us, 90 * 1000000LL);
	ck_assert_uint_eq(e->host.max_message_size, 65536);
	ck_assert_uint_eq(e->host.mailbox_limit, 2u * 1024 * 1024);
	ck_assert_uint_eq(e->host.pool, 0);
	ck_assert_int_eq(e->host.send_pause_us, 250000);
	ck_assert_int_eq(e->host.sandbox_strict, 0);

	e = entry(app, "app.test:defaults", APP_HOST);
	app_host_defaults(&def);
	ck_assert_int_eq(memcmp(&e->host, &def, sizeof def), 0);
	ck_assert_uint_eq(e->host.max_processes, 1000);
	ck_assert_uint_eq(e->host.memory_limit, 64u * 1024 * 1024);
	ck_assert_int_eq(e->host.cpu_limit_us, 0);
	ck_assert_int_eq(e->host.wall_limit_us, 0);
	ck_assert_uint_eq(e->host.max_message_size, 1024 * 1024);
	ck_assert_uint_eq(e->host.mailbox_limit, 16u * 1024 * 1024);
	ck_assert_uint_eq(e->host.pool, 8);
	ck_assert_int_eq(e->host.send_pause_us, 1000000);
	ck_assert_int_eq(e->host.sandbox_strict, 1);

	/* A bare number is seconds for these two; integer bytes for sizes. */
	e = entry(app, "app.test:fractional", APP_HOST);
	ck_assert_int_eq(e->host.cpu_limit_us, 1250000);
	ck_assert_int_eq(e->host.wall_limit_us, 0);
	ck_assert_uint_eq(e->host.memory_limit, 1048576);
	ck_assert_uint_eq(e->host.max_message_size, 2048);
	ck_assert_uint_eq(e->host.pool, 8);

	e = entry(app, "app.test:svc", APP_SERVICE);
	ck_assert_str_eq(e->service.process, "app.test:echo_worker");
	ck_assert_str_eq(e->service.host, "app.test:processes");
	assert_json(e->service.input,
	    "[\"arg1\", 2, 2.5, true, null, \"3\", {\"k\": \"v\"}]");
	ck_assert_int_eq(e->service.auto_start, 0);
	ck_assert_uint_eq(e->service.max_attempts, 3);
	ck_assert_int_eq(e->service.initial_delay_us, 250000);
	ck_assert_int_eq(e->service.max_delay_us, 90 * 1000000LL);

	e = entry(app, "app.test:svc_defaults", APP_SERVICE);
	assert_json(e->service.input, "[]");
	ck_assert_int_eq(e->service.auto_start, 1);
	ck_assert_uint_eq(e->service.max_attempts, 10);
	ck_assert_int_eq(e->service.initial_delay_us, 100000);
	ck_assert_int_eq(e->service.max_delay_us, 10000000);

	/* A library that imports a library, from a subdirectory. */
	e = entry(app, "app.lib:util", APP_LIBRARY);
	ck_assert_str_eq(e->file, FIX "valid/lib/_index.yaml");
	ck_assert_str_eq(e->chunk, "lib/util.lua");
	ck_assert_ptr_null(e->method);
	ck_assert_uint_eq(e->nimports, 2);
	ck_assert_str_eq(e->imports[0].alias, "fmt");
	ck_assert_str_eq(e->imports[0].ref, "app.lib:fmt");
	ck_assert_str_eq(e->imports[1].alias, "text.more");
	ck_assert_str_eq(e->imports[1].ref, "app.lib:fmt");
	e = entry(app, "app.lib:fmt", APP_LIBRARY);
	ck_assert_str_eq(e->chunk, "lib/sub/dir/fmt.lua");
	ck_assert_ptr_nonnull(strstr(e->source, "table.concat"));

	/* "." and ".." in a source path resolve to one chunk name. */
	e = entry(app, "app.workers:deep", APP_PROCESS);
	ck_assert_str_eq(e->chunk, "workers/deep/w.lua");
	e = entry(app, "app.workers:up", APP_PROCESS);
	ck_assert_str_eq(e->chunk, "workers/deep/w.lua");
	ck_assert_str_eq(e->method, "start");

	/* Lookups are by kind too. */
	ck_assert_ptr_null(app_find(app, "app.test:processes", APP_PROCESS));
	ck_assert_ptr_null(app_find(app, "app.test:echo_worker", APP_HOST));
	ck_assert_ptr_null(app_find(app, "app.test:gateway", APP_PROCESS));
	ck_assert_ptr_null(app_find(app, "app.test:gateway", APP_SERVICE));
	ck_assert_ptr_null(app_find(app, "app.test:nope", APP_PROCESS));
	ck_assert_ptr_null(app_find(app, NULL, APP_PROCESS));

	app_free(app);
}
END_TEST

/* The permissions key of a host, and max_names, with their defaults. */
START_TEST(test_permissions)
{
	struct app		*app;
	struct app_entry	*e;
	struct app_perm		*perm;

	app = load_ok(FIX "perm");
	perm = &entry(app, "app:open", APP_HOST)->host.perm;
	ck_assert_int_eq(perm->spawn, APP_SPAWN_OWN);
	ck_assert_uint_eq(perm->nspawn_hosts, 0);
	ck_assert_int_eq(perm->control, APP_CONTROL_ANY);
	ck_assert_int_eq(perm->registry, 1);
	ck_assert_uint_eq(entry(app, "app:open", APP_HOST)->host.max_names,
	    64);

	e = entry(app, "app:tight", APP_HOST);
	perm = &e->host.perm;
	ck_assert_uint_eq(e->host.max_names, 3);
	ck_assert_int_eq(perm->spawn, APP_SPAWN_LIST);
	ck_assert_uint_eq(perm->nspawn_hosts, 2);
	ck_assert_str_eq(perm->spawn_hosts[0], "app:tight");
	ck_assert_str_eq(perm->spawn_hosts[1], "app:open");
	ck_assert_int_eq(perm->control, APP_CONTROL_CHILDREN);
	ck_assert_int_eq(perm->registry, 1);

	e = entry(app, "app:judge", APP_HOST);
	perm = &e->host.perm;
	ck_assert_uint_eq(e->host.max_names, 0);
	ck_assert_int_eq(perm->spawn, APP_SPAWN_LIST);
	ck_assert_uint_eq(perm->nspawn_hosts, 0);
	ck_assert_int_eq(perm->control, APP_CONTROL_NONE);
	ck_assert_int_eq(perm->registry, 0);

	perm = &entry(app, "app:anywhere", APP_HOST)->host.perm;
	ck_assert_int_eq(perm->spawn, APP_SPAWN_ANY);
	ck_assert_int_eq(perm->control, APP_CONTROL_ANY);
	perm = &entry(app, "app:star_listed", APP_HOST)->host.perm;
	ck_assert_int_eq(perm->spawn, APP_SPAWN_ANY);
	/* An empty permissions mapping leaves the defaults. */
	perm = &entry(app, "app:empty", APP_HOST)->host.perm;
	ck_assert_int_eq(perm->spawn, APP_SPAWN_OWN);
	ck_assert_int_eq(perm->registry, 1);
	app_free(app);
}
END_TEST

START_TEST(test_trailing_slash)
{
	struct app		*app;
	struct app_entry	*e;

	app = load_ok(FIX "valid//");
	e = entry(app, "app.lib:fmt", APP_LIBRARY);
	ck_assert_str_eq(e->file, FIX "valid/lib/_index.yaml");
	app_free(app);
}
END_TEST

/* Unknown kinds are skipped with a warning naming file, line and kind. */
START_TEST(test_unknown_kind_warns)
{
	struct app	*app;
	char		 path[] = "/tmp/test_app_log.XXXXXX", buf[4096];
	ssize_t		 n;
	int		 fd, saved;

	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	unlink(path);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	app = app_load(FIX "valid", errbuf, sizeof errbuf);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	ck_assert_ptr_nonnull(app);
	app_free(app);

	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_msg(strstr(buf, FIX "valid/_index.yaml:55: entry 'gateway': "
	    "unknown kind 'http.service', ignored") != NULL, "log: %s", buf);
}
END_TEST

/* A manifest written the way Wippy writes them. */
START_TEST(test_wippy)
{
	struct app		*app;
	struct app_entry	*e, *lib;

	app = load_ok(FIX "wippy");
	ck_assert_uint_eq(app->nentries, 3);
	ck_assert_ptr_null(app_find(app, "app:terminal", APP_HOST));
	e = entry(app, "app:processes", APP_HOST);
	ck_assert_uint_eq(e->host.max_processes, 1000);

	e = entry(app, "app:test_assert_works", APP_PROCESS);
	ck_assert_str_eq(json_string_value(json_object_get(e->meta, "type")),
	    "test");
	ck_assert_str_eq(json_string_value(json_object_get(e->meta,
	    "comment")), "Checks the shared assert library");
	ck_assert_uint_eq(e->nmodules, 1);
	ck_assert_str_eq(e->modules[0], "time");
	ck_assert_uint_eq(e->nimports, 1);
	ck_assert_str_eq(e->imports[0].alias, "assert2");
	ck_assert_str_eq(e->imports[0].ref, "app.lib:assert");
	ck_assert_str_eq(e->chunk, "test_assert.lua");

	lib = entry(app, e->imports[0].ref, APP_LIBRARY);
	ck_assert_str_eq(lib->chunk, "lib/assert.lua");
	ck_assert_str_eq(json_string_value(json_object_get(lib->meta,
	    "comment")), "Assertions that return false, \"why\"");
	ck_assert_uint_eq(lib->nmodules, 1);
	ck_assert_str_eq(lib->modules[0], "json");
	app_free(app);
}
END_TEST

/* One fixture per mistake: the exact "file:line: reason". When exact is
 * 0 the reason comes from libyaml, Lua or duration.c and is only checked
 * to contain it. */
static const struct {
	const char	*dir;
	const char	*file;
	int		 line;
	const char	*reason;
	int		 exact;
} errors[] = {
	{ "err_yaml", "_index.yaml", 5,
	  "did not find expected '-' indicator", 0 },
	{ "err_utf8", "_index.yaml", 3, "invalid leading UTF-8 octet", 0 },
	{ "err_multi_doc", "_index.yaml", 3, "more than one YAML document",
	  1 },
	{ "err_version", "_index.yaml", 1,
	  "unsupported version '2.0' (expected \"1.0\")", 1 },
	{ "err_top_key", "_index.yaml", 3, "unknown key 'entires'", 1 },
	{ "err_no_namespace", "_index.yaml", 1, "missing 'namespace'", 1 },
	{ "err_namespace", "_index.yaml", 1,
	  "bad namespace 'app..test' (expected dotted identifiers)", 1 },
	{ "err_entries_type", "_index.yaml", 3,
	  "'entries' must be a sequence", 1 },
	{ "err_name_type", "_index.yaml", 3, "'name' must be a string", 1 },
	{ "err_name_bad", "_index.yaml", 3,
	  "bad entry name 'a:b' (letters, digits, '_', '.', '-')", 1 },
	{ "err_no_name", "_index.yaml", 3, "entry has no 'name'", 1 },
	{ "err_no_kind", "_index.yaml", 3, "entry 'worker': missing 'kind'",
	  1 },
	{ "err_dup_ref", "b/_index.yaml", 5,
	  "duplicate ref 'app:processes' (first at " FIX
	  "err_dup_ref/a/_index.yaml:3)", 1 },
	{ "err_dup_key", "_index.yaml", 6,
	  "entry 'worker': duplicate key 'source' in process.lua", 1 },
	{ "err_missing_source", "_index.yaml", 5,
	  "entry 'worker': cannot read source 'nope.lua': "
	  "No such file or directory", 1 },
	{ "err_no_source", "_index.yaml", 3,
	  "entry 'worker': missing 'source'", 1 },
	{ "err_source_outside", "_index.yaml", 5,
	  "entry 'worker': bad source '../valid/echo_worker.lua': "
	  "outside the app directory", 1 },
	{ "err_lua_syntax", "_index.yaml", 5,
	  "entry 'worker': sub/bad.lua:4: unexpected symbol near 'end'", 0 },
	/* The line in _index.yaml: the block's first line (6) + 2 - 1. */
	{ "err_lua_inline", "_index.yaml", 7,
	  "entry 'inline': <eof> expected near 'end'", 1 },
	{ "err_size", "_index.yaml", 6,
	  "entry 'processes': memory_limit: bad size \"64Mb\"", 0 },
	{ "err_size_bare", "_index.yaml", 7,
	  "entry 'processes': memory_limit: bad size \"64\": missing unit "
	  "(64MiB, 512KiB, 100B)", 1 },
	{ "err_duration", "_index.yaml", 6,
	  "entry 'processes': cpu_limit: bad duration \"3x\"", 0 },
	{ "err_message_size", "_index.yaml", 6,
	  "entry 'processes': max_message_size: over what a frame holds "
	  "(64 MiB less 64 KiB for the envelope)", 1 },
	{ "err_message_size_edge", "_index.yaml", 7,
	  "entry 'processes': max_message_size: over what a frame holds "
	  "(64 MiB less 64 KiB for the envelope)", 1 },
	{ "err_host_key", "_index.yaml", 7,
	  "entry 'processes': unknown key 'max_procs' in host", 1 },
	{ "err_entry_key", "_index.yaml", 6,
	  "entry 'util': unknown key 'method' in library.lua", 1 },
	{ "err_lifecycle_key", "_index.yaml", 8,
	  "entry 'svc': unknown key 'autostart' in lifecycle", 1 },
	{ "err_restart_key", "_index.yaml", 10,
	  "entry 'svc': unknown key 'backoff' in restart", 1 },
	{ "err_restart_delays", "_index.yaml", 8,
	  "entry 'svc': restart: initial_delay is longer than max_delay", 1 },
	{ "err_max_processes", "_index.yaml", 6,
	  "entry 'processes': 'max_processes' must be an integer from 1 to "
	  "4294967295", 1 },
	{ "err_sandbox", "_index.yaml", 6,
	  "entry 'processes': 'sandbox' must be strict or none, not 'loose'",
	  1 },
	{ "err_max_names", "_index.yaml", 6,
	  "entry 'processes': 'max_names' must be an integer from 0 to "
	  "1000000", 1 },
	{ "err_perm_key", "_index.yaml", 8,
	  "entry 'processes': unknown key 'kill' in permissions", 1 },
	{ "err_perm_control", "_index.yaml", 7,
	  "entry 'processes': 'control' must be any, children or none, not "
	  "'kids'", 1 },
	{ "err_perm_registry", "_index.yaml", 7,
	  "entry 'processes': 'registry' must be true or false", 1 },
	{ "err_perm_spawn_type", "_index.yaml", 7,
	  "entry 'processes': 'spawn' must be a list of host refs or \"*\"",
	  1 },
	{ "err_perm_spawn_ref", "_index.yaml", 9,
	  "entry 'processes': spawn: unknown ref 'app:nope'", 1 },
	{ "err_perm_spawn_kind", "_index.yaml", 10,
	  "entry 'processes': spawn: 'app:worker' is a process.lua, not a "
	  "process.host", 1 },
	{ "err_bool", "_index.yaml", 8,
	  "entry 'svc': 'auto_start' must be true or false", 1 },
	{ "err_module", "_index.yaml", 8,
	  "entry 'worker': unknown module 'io' (known: time, json)", 1 },
	{ "err_meta_type", "_index.yaml", 6,
	  "entry 'worker': 'meta' must be a mapping", 1 },
	{ "err_meta_recursive", "_index.yaml", 6,
	  "entry 'worker': meta: nested too deeply", 1 },
	{ "err_input_type", "_index.yaml", 7,
	  "entry 'svc': 'input' must be a sequence", 1 },
	{ "err_import_unknown", "_index.yaml", 7,
	  "entry 'worker': import 'util': unknown ref 'app.lib:nope'", 1 },
	{ "err_import_kind", "_index.yaml", 10,
	  "entry 'worker': import 'helper': 'app:helper' is a process.lua, "
	  "not a library.lua", 1 },
	{ "err_alias_bad", "_index.yaml", 10,
	  "entry 'worker': import alias 'my-lib' is not a valid module name",
	  1 },
	{ "err_alias_builtin", "_index.yaml", 10,
	  "entry 'worker': import alias 'json' shadows the built-in module",
	  1 },
	{ "err_import_cycle", "_index.yaml", 12,
	  "import cycle: app:a -> app:b -> app:c -> app:a", 1 },
	{ "err_import_self", "_index.yaml", 7,
	  "import cycle: app:a -> app:a", 1 },
	{ "err_alias_digit", "_index.yaml", 10,
	  "entry 'worker': import alias 'lib.2' is not a valid module name",
	  1 },
	{ "err_lib_syntax", "_index.yaml", 5,
	  "entry 'broken': lib/broken.lua:3: <name> or '...' expected near "
	  "'return'", 0 },
	{ "err_lib_import_unknown", "_index.yaml", 7,
	  "entry 'util': import 'fmt': unknown ref 'app:nope'", 1 },
	{ "err_lib_module", "_index.yaml", 6,
	  "entry 'util': unknown module 'os' (known: time, json)", 1 },
	{ "err_service_process", "_index.yaml", 7,
	  "entry 'svc': process: unknown ref 'app:nope'", 1 },
	{ "err_service_host", "_index.yaml", 9,
	  "entry 'svc': host: 'app:worker' is a process.lua, not a "
	  "process.host", 1 },
	{ "err_service_no_host", "_index.yaml", 6,
	  "entry 'svc': missing 'host'", 1 },
	{ "err_service_ref", "_index.yaml", 5,
	  "entry 'svc': process: bad ref 'worker' (expected namespace:name)",
	  1 },
};

START_TEST(test_errors)
{
	struct app	*app;
	char		 dir[1024], want[2048];

	snprintf(dir, sizeof dir, FIX "%s", errors[_i].dir);
	snprintf(want, sizeof want, "%s/%s:%d: %s", dir, errors[_i].file,
	    errors[_i].line, errors[_i].reason);
	errbuf[0] = '\0';
	app = app_load(dir, errbuf, sizeof errbuf);
	ck_assert_msg(app == NULL, "%s loaded", errors[_i].dir);
	if (errors[_i].exact) {
		ck_assert_str_eq(errbuf, want);
		return;
	}
	/* The file:line prefix, then the reason somewhere after it. */
	snprintf(want, sizeof want, "%s/%s:%d: ", dir, errors[_i].file,
	    errors[_i].line);
	ck_assert_msg(strncmp(errbuf, want, strlen(want)) == 0,
	    "%s: got \"%s\", want prefix \"%s\"", errors[_i].dir, errbuf, want);
	ck_assert_msg(strstr(errbuf, errors[_i].reason) != NULL,
	    "%s: got \"%s\", want \"%s\"", errors[_i].dir, errbuf,
	    errors[_i].reason);
}
END_TEST

START_TEST(test_missing_dir)
{
	ck_assert_ptr_null(app_load(FIX "nope", errbuf, sizeof errbuf));
	ck_assert_str_eq(errbuf, FIX "nope: No such file or directory");
	ck_assert_ptr_null(app_load(FIX "lone/hello.lua", errbuf,
	    sizeof errbuf));
	ck_assert_str_eq(errbuf, FIX "lone/hello.lua: Not a directory");
}
END_TEST

/* Scratch apps built at run time, for files too big or too odd to keep in
 * the tree. */
static char	tmpdir[64];

static void
tmp_setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_app.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
tmp_write(const char *name, const char *data, size_t len)
{
	char	path[256];
	int	fd;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void
tmp_cleanup(const char *name)
{
	char	path[256];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	unlink(path);
}

static const char manifest_big[] =
	"namespace: app\n"
	"entries:\n"
	"  - name: big\n"
	"    kind: process.lua\n"
	"    source: file://big.lua\n";

START_TEST(test_source_too_large)
{
	char	path[256], want[512];
	int	fd;

	tmp_setup();
	tmp_write("_index.yaml", manifest_big, sizeof manifest_big - 1);
	/* Sparse: refused on its size before a byte is read. */
	snprintf(path, sizeof path, "%s/big.lua", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(ftruncate(fd, 16 * 1024 * 1024 + 1), 0);
	close(fd);

	ck_assert_ptr_null(app_load(tmpdir, errbuf, sizeof errbuf));
	snprintf(want, sizeof want, "%s/_index.yaml:5: entry 'big': cannot "
	    "read source 'big.lua': too large (16777217 bytes, limit 16 MiB)",
	    tmpdir);
	ck_assert_str_eq(errbuf, want);

	/* At the limit it is read, then refused by Lua for its NULs. */
	ck_assert_int_eq(truncate(path, 16 * 1024 * 1024), 0);
	ck_assert_ptr_null(app_load(tmpdir, errbuf, sizeof errbuf));
	ck_assert_ptr_null(strstr(errbuf, "too large"));
	ck_assert_ptr_nonnull(strstr(errbuf, "big.lua:1:"));

	tmp_cleanup("big.lua");
	tmp_cleanup("_index.yaml");
	rmdir(tmpdir);
}
END_TEST

START_TEST(test_binary_chunk)
{
	static const char	bin[] = "\033Lua\x54\x00 not text";
	char			want[512];

	tmp_setup();
	tmp_write("_index.yaml", manifest_big, sizeof manifest_big - 1);
	tmp_write("big.lua", bin, sizeof bin - 1);
	ck_assert_ptr_null(app_load(tmpdir, errbuf, sizeof errbuf));
	snprintf(want, sizeof want, "%s/_index.yaml:5: entry 'big': ", tmpdir);
	ck_assert_int_eq(strncmp(errbuf, want, strlen(want)), 0);
	ck_assert_ptr_nonnull(strstr(errbuf, "binary chunk"));
	tmp_cleanup("big.lua");
	tmp_cleanup("_index.yaml");
	rmdir(tmpdir);
}
END_TEST

/* A symlink back up the tree is refused, not walked forever. */
START_TEST(test_dir_loop)
{
	static const char	manifest[] = "namespace: app\nentries: []\n";
	char			path[256], want[512];

	tmp_setup();
	tmp_write("_index.yaml", manifest, sizeof manifest - 1);
	snprintf(path, sizeof path, "%s/sub", tmpdir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/sub/back", tmpdir);
	ck_assert_int_eq(symlink("..", path), 0);

	ck_assert_ptr_null(app_load(tmpdir, errbuf, sizeof errbuf));
	snprintf(want, sizeof want, "%s/sub/back: directory loop (a link "
	    "back to %s)", tmpdir, tmpdir);
	ck_assert_str_eq(errbuf, want);

	unlink(path);
	snprintf(path, sizeof path, "%s/sub", tmpdir);
	rmdir(path);
	tmp_cleanup("_index.yaml");
	rmdir(tmpdir);
}
END_TEST

START_TEST(test_add_file)
{
	struct app		*app;
	struct app_entry	*e;

	app = app_new("nowhere");
	ck_assert_ptr_nonnull(app);
	ck_assert_uint_eq(app->nentries, 0);

	e = app_add_file(app, FIX "lone/hello.lua", errbuf, sizeof errbuf);
	ck_assert_msg(e != NULL, "%s", errbuf);
	ck_assert_ptr_eq(app_find(app, "file:hello", APP_PROCESS), e);
	ck_assert_int_eq(e->kind, APP_PROCESS);
	ck_assert_str_eq(e->chunk, "hello.lua");
	ck_assert_str_eq(e->method, "main");
	ck_assert_str_eq(e->file, FIX "lone/hello.lua");
	ck_assert_ptr_nonnull(strstr(e->source, "hello "));
	ck_assert_uint_eq(app->nentries, 1);

	ck_assert_ptr_null(app_add_file(app, FIX "lone/hello.lua", errbuf,
	    sizeof errbuf));
	ck_assert_str_eq(errbuf, "duplicate ref 'file:hello' (first at "
	    FIX "lone/hello.lua:0)");

	ck_assert_ptr_null(app_add_file(app, FIX "lone/broken.lua", errbuf,
	    sizeof errbuf));
	ck_assert_str_eq(errbuf, "broken.lua:3: unexpected symbol near 'end'");

	ck_assert_ptr_null(app_add_file(app, FIX "lone/nope.lua", errbuf,
	    sizeof errbuf));
	ck_assert_str_eq(errbuf, "cannot read source '" FIX "lone/nope.lua': "
	    "No such file or directory");
	ck_assert_uint_eq(app->nentries, 1);
	app_free(app);

	/* Next to a loaded app too. */
	app = load_ok(FIX "wippy");
	e = app_add_file(app, FIX "lone/hello.lua", errbuf, sizeof errbuf);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(app->nentries, 4);
	app_free(app);
}
END_TEST

static json_int_t
int_field(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	ck_assert_msg(json_is_integer(v), "no integer %s", key);
	return (json_integer_value(v));
}

/* What INIT carries for an entry's imports: the closure, each library
 * once, its text placed after the arguments; built once, then the same. */
START_TEST(test_libraries)
{
	struct app		*app;
	struct app_entry	*e, *util, *fmt;
	json_t			*imports, *libs, *imports2, *libs2, *lib;
	size_t			 text, text2;
	char			*buf;

	app = load_ok(FIX "valid");
	e = entry(app, "app.test:echo_worker", APP_PROCESS);
	util = entry(app, "app.lib:util", APP_LIBRARY);
	fmt = entry(app, "app.lib:fmt", APP_LIBRARY);
	fmt->zchunk = 1;	/* as broker/zygote.c numbers them */
	ck_assert_int_eq(app_libraries(app, e, 0, &imports, &libs, &text, errbuf,
	    sizeof errbuf), 0);
	assert_json(imports, "{\"util\": \"app.lib:util\"}");
	ck_assert_uint_eq(json_object_size(libs), 2);
	ck_assert_uint_eq(text, util->source_len + fmt->source_len);

	lib = json_object_get(libs, "app.lib:util");
	ck_assert_str_eq(json_string_value(json_object_get(lib, "chunk")),
	    "lib/util.lua");
	assert_json(json_object_get(lib, "imports"), "{\"fmt\": "
	    "\"app.lib:fmt\", \"text.more\": \"app.lib:fmt\"}");
	ck_assert_int_eq(int_field(lib, "at"), 0);
	ck_assert_int_eq(int_field(lib, "size"), util->source_len);
	lib = json_object_get(libs, "app.lib:fmt");
	ck_assert_str_eq(json_string_value(json_object_get(lib, "chunk")),
	    "lib/sub/dir/fmt.lua");
	assert_json(json_object_get(lib, "imports"), "{}");
	ck_assert_int_eq(int_field(lib, "at"), util->source_len);
	ck_assert_int_eq(int_field(lib, "size"), fmt->source_len);

	/* The text is the sources, back to back, at those offsets. */
	buf = malloc(text);
	ck_assert_ptr_nonnull(buf);
	app_library_text(e, buf);
	ck_assert(memcmp(buf, util->source, util->source_len) == 0);
	ck_assert(memcmp(buf + util->source_len, fmt->source,
	    fmt->source_len) == 0);
	free(buf);

	/* Built once. */
	ck_assert_int_eq(app_libraries(app, e, 0, &imports2, &libs2, &text2,
	    errbuf, sizeof errbuf), 0);
	ck_assert_ptr_eq(imports, imports2);
	ck_assert_ptr_eq(libs, libs2);
	ck_assert_uint_eq(text, text2);

	/* For a worker whose zygote holds the app's chunks: the text, as
	 * util is not among them (its number was 0 when this was built). */
	ck_assert_int_eq(app_libraries(app, e, 1, &imports2, &libs2, &text2,
	    errbuf, sizeof errbuf), 0);
	ck_assert_ptr_eq(libs, libs2);
	ck_assert_uint_eq(text, text2);

	/* A library's own closure. */
	ck_assert_int_eq(app_libraries(app, util, 0, &imports2, &libs2, &text2,
	    errbuf, sizeof errbuf), 0);
	ck_assert_uint_eq(json_object_size(libs2), 1);
	ck_assert_int_eq(int_field(json_object_get(libs2, "app.lib:fmt"),
	    "at"), 0);
	ck_assert_uint_eq(text2, fmt->source_len);
	/* fmt is the zygotes' chunk 0 (number + 1 in zchunk): named, not
	 * sent. */
	ck_assert_int_eq(app_libraries(app, util, 1, &imports2, &libs2, &text2,
	    errbuf, sizeof errbuf), 0);
	ck_assert_uint_eq(text2, 0);
	lib = json_object_get(libs2, "app.lib:fmt");
	ck_assert_int_eq(int_field(lib, "zchunk"), 0);
	ck_assert_int_eq(int_field(lib, "size"), fmt->source_len);
	ck_assert_ptr_null(json_object_get(lib, "at"));
	ck_assert_str_eq(json_string_value(json_object_get(lib, "chunk")),
	    "lib/sub/dir/fmt.lua");

	/* Nothing imported, nothing sent. */
	e = entry(app, "app.workers:deep", APP_PROCESS);
	ck_assert_int_eq(app_libraries(app, e, 0, &imports, &libs, &text, errbuf,
	    sizeof errbuf), 0);
	ck_assert_ptr_null(imports);
	ck_assert_ptr_null(libs);
	ck_assert_uint_eq(text, 0);
	app_free(app);
}
END_TEST

START_TEST(test_kind_names)
{
	ck_assert_str_eq(app_kind_name(APP_PROCESS), "process.lua");
	ck_assert_str_eq(app_kind_name(APP_LIBRARY), "library.lua");
	ck_assert_str_eq(app_kind_name(APP_HOST), "process.host");
	ck_assert_str_eq(app_kind_name(APP_SERVICE), "process.service");
	app_free(NULL);
}
END_TEST

static Suite *
app_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("app");
	tc = tcase_create("load");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_valid_app);
	tcase_add_test(tc, test_permissions);
	tcase_add_test(tc, test_trailing_slash);
	tcase_add_test(tc, test_unknown_kind_warns);
	tcase_add_test(tc, test_wippy);
	tcase_add_loop_test(tc, test_errors, 0,
	    sizeof errors / sizeof errors[0]);
	tcase_add_test(tc, test_missing_dir);
	tcase_add_test(tc, test_source_too_large);
	tcase_add_test(tc, test_binary_chunk);
	tcase_add_test(tc, test_dir_loop);
	tcase_add_test(tc, test_add_file);
	tcase_add_test(tc, test_libraries);
	tcase_add_test(tc, test_kind_names);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (unit_run(app_suite()));
}
