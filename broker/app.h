/*
 * The app: every _index.yaml under a directory, loaded and checked before
 * anything runs (spec section 1). All strings are owned by the app and
 * freed by app_free().
 */
#ifndef APP_H
#define APP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

enum app_kind {
	APP_PROCESS,		/* process.lua */
	APP_LIBRARY,		/* library.lua */
	APP_HOST,		/* process.host */
	APP_SERVICE,		/* process.service */
};

/* A host's permissions (spec section 6): what its processes may do to
 * others. The broker checks them on every request (perm.c). */
enum app_spawn {
	APP_SPAWN_OWN,		/* its own host only (the default) */
	APP_SPAWN_LIST,		/* the hosts listed, maybe none */
	APP_SPAWN_ANY,		/* "*" */
};

enum app_control {
	APP_CONTROL_ANY,	/* the default */
	APP_CONTROL_CHILDREN,	/* what it spawned, and their descendants */
	APP_CONTROL_NONE,
};

struct app_perm {
	enum app_spawn	  spawn;
	char		**spawn_hosts;	/* APP_SPAWN_LIST: host refs */
	size_t		  nspawn_hosts;
	enum app_control  control;	/* terminate, cancel, link, register
					   for another pid */
	int		  registry;	/* register, unregister, lookup, and
					   anything by name */
};

struct app_import {
	char		*alias;		/* name given to require() */
	char		*ref;		/* library entry ref */
};

struct app_entry {
	enum app_kind	 kind;
	char		*ref;		/* "namespace:name" */
	char		*file;		/* the _index.yaml that defines it */
	int		 line;		/* line of the entry in that file */
	json_t		*meta;		/* the meta mapping, or NULL */

	/* APP_PROCESS and APP_LIBRARY */
	char		*chunk;		/* chunk name: source path relative to
					   the app root, or "<file>:<name>"
					   for inline source */
	char		*source;	/* Lua text */
	size_t		 source_len;
	int		 source_line;	/* inline: its first line in file
					   (the text is padded to start
					   there), else 0 */
	char		*method;	/* APP_PROCESS: default "main" */
	size_t		 zchunk;	/* its number + 1 among the chunks
					   every zygote is sent (zygote.c),
					   0: not among them */
	struct app_import *imports;
	size_t		 nimports;
	char		**modules;	/* validated built-in module names */
	size_t		 nmodules;
	/* Built on first spawn by app_libraries(), freed with the entry. */
	json_t		*init_imports;	/* {alias: ref} */
	json_t		*init_libs;	/* {ref: {chunk, imports, at, size}} */
	json_t		*init_zlibs;	/* {ref: {chunk, imports, zchunk,
					   size}}, or NULL: a library is not
					   among the zygotes' chunks */
	struct app_entry **init_closure;	/* those libraries, text order */
	size_t		 init_nclosure;
	size_t		 init_text;	/* bytes of their sources */

	/* APP_HOST: limits, with spec section 6 defaults */
	struct app_host {
		unsigned	 max_processes;
		uint64_t	 memory_limit;		/* bytes */
		int64_t		 cpu_limit_us;		/* 0 = none */
		int64_t		 wall_limit_us;		/* 0 = none */
		uint64_t	 max_message_size;	/* bytes */
		uint64_t	 mailbox_limit;		/* bytes */
		int64_t		 send_pause_us;	/* backpressure; 0 = none */
		unsigned	 pool;
		int		 sandbox_strict;	/* 1 strict, 0 none */
		unsigned	 max_names;	/* names one process registers */
		uint64_t	 print_limit;	/* bytes of print per process */
		int		 output_capture; /* 1 capture, 0 log */
		struct app_perm	 perm;
	} host;

	/* APP_SERVICE */
	struct app_service {
		char		*process;	/* process.lua ref */
		char		*host;		/* host ref */
		json_t		*input;		/* JSON array of arguments */
		int		 auto_start;
		unsigned	 max_attempts;
		int64_t		 initial_delay_us;
		int64_t		 max_delay_us;
	} service;
};

struct app {
	char		 *root;		/* directory given to app_load */
	struct app_entry **entries;
	size_t		  nentries;
};

/*
 * Load every _index.yaml below dir (recursively, in a stable sorted order)
 * and check it: duplicate refs, missing files, Lua syntax errors, bad keys
 * and values, unknown imports and import cycles. Returns NULL with err set
 * to "file:line: reason" on the first mistake.
 */
struct app	*app_load(const char *dir, char *err, size_t errlen);
void		 app_free(struct app *);

/* Add a process.lua entry for a lone Lua file (forkbox run FILE.lua); its
 * ref is "file:<basename without .lua>". Returns NULL with err. */
struct app_entry *app_add_file(struct app *, const char *path, char *err,
		    size_t errlen);

/* An app with no entries, for running a lone file without --app; NULL
 * when out of memory. */
struct app	*app_new(const char *root);

/* Find an entry by ref and kind; NULL when absent. */
struct app_entry *app_find(struct app *, const char *ref, enum app_kind);

/*
 * What the INIT frame carries for e's imports (proto.h): *imports is
 * {alias: ref}, *libs {ref: {"chunk", "imports", "at", "size"}} for every
 * library e reaches, and *text the bytes of their sources, which follow the
 * arguments in the payload (app_library_text writes them). Both NULL and
 * *text 0 when e imports nothing. For a worker whose zygote holds the
 * app's chunks (zchunks 1), each library is named by its number there
 * instead ("zchunk" for "at") and *text is 0, when every one of them is
 * among those chunks. Built once per entry and kept; the caller borrows
 * them. Returns -1 with err when out of memory.
 */
int		 app_libraries(struct app *, struct app_entry *, int zchunks,
		    json_t **, json_t **, size_t *, char *, size_t);
/* Write the library sources of e (*text bytes, after app_libraries). */
void		 app_library_text(const struct app_entry *, char *);

/* "process.lua", "library.lua", "process.host" or "process.service". */
const char	*app_kind_name(enum app_kind);

/* Fill a host with the defaults of spec section 6. */
void		 app_host_defaults(struct app_host *);

#endif
