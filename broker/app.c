/*
 * The app loader: every _index.yaml under a directory becomes a list of
 * entries, checked as far as anything can be checked before a process runs
 * (spec section 1). The first mistake stops the load with "file:line:
 * reason"; a bad manifest never crashes the broker.
 *
 * This file walks the directory, reads each manifest's top level and
 * resolves refs once all are read; app_yaml.c reads YAML values,
 * app_entry.c the entries, app_import.c imports, modules and libraries.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <yaml.h>

#include "app.h"
#include "app_int.h"

/* Keys allowed in each place; the index is the bit in a "seen" mask. */
static const char *const app_keys_top[] = {
	"version", "namespace", "entries", NULL
};

static int	app_walk(struct app_loader *, const char *, int);

static int
app_vfailat(struct app_loader *ld, const char *file, int line,
    const char *name, const char *fmt, va_list ap)
{
	char	msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (name != NULL)
		snprintf(ld->err, ld->errlen, "%s:%d: entry '%.128s': %s",
		    file, line, name, msg);
	else
		snprintf(ld->err, ld->errlen, "%s:%d: %s", file, line, msg);
	return (-1);
}

/* Set err to "file:line: [entry 'name': ]reason" and return -1. */
int
app_failat(struct app_loader *ld, const char *file, int line,
    const char *name, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	app_vfailat(ld, file, line, name, fmt, ap);
	va_end(ap);
	return (-1);
}

/* The same, in the manifest being read. */
int
app_fail(struct app_loader *ld, int line, const char *name,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	app_vfailat(ld, ld->file, line, name, fmt, ap);
	va_end(ap);
	return (-1);
}

int
app_oom(struct app_loader *ld)
{
	snprintf(ld->err, ld->errlen, "out of memory");
	return (-1);
}

char *
app_strdup(struct app_loader *ld, const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		app_oom(ld);
	return (p);
}

char *
app_printf(struct app_loader *ld, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n == -1) {
		if (ld != NULL)
			app_oom(ld);
		return (NULL);
	}
	return (p);
}

void
app_host_defaults(struct app_host *h)
{
	memset(h, 0, sizeof *h);
	h->max_processes = 1000;
	h->memory_limit = 64ULL * 1024 * 1024;
	h->cpu_limit_us = 0;
	h->wall_limit_us = 0;
	h->max_message_size = 1024 * 1024;
	h->mailbox_limit = 16ULL * 1024 * 1024;
	h->send_pause_us = 1000000;
	h->pool = 8;
	h->sandbox_strict = 1;
	h->max_names = 64;
	h->print_limit = 1024 * 1024;
	h->perm.spawn = APP_SPAWN_OWN;
	h->perm.control = APP_CONTROL_ANY;
	h->perm.registry = 1;
}

/* ---- entries ------------------------------------------------------ */

int
app_append(struct app *app, struct app_entry *e)
{
	struct app_entry	**p;

	p = reallocarray(app->entries, app->nentries + 1, sizeof *p);
	if (p == NULL)
		return (-1);
	app->entries = p;
	app->entries[app->nentries++] = e;
	return (0);
}

/* The index of the first entry with ref, or nentries when there is none. */
size_t
app_index(struct app *app, const char *ref)
{
	size_t	i;

	for (i = 0; i < app->nentries; i++)
		if (strcmp(app->entries[i]->ref, ref) == 0)
			break;
	return (i);
}

struct app_entry *
app_lookup(struct app *app, const char *ref)
{
	size_t	i;

	if ((i = app_index(app, ref)) == app->nentries)
		return (NULL);
	return (app->entries[i]);
}

struct app_entry *
app_find(struct app *app, const char *ref, enum app_kind kind)
{
	struct app_entry	*e;

	if (app == NULL || ref == NULL)
		return (NULL);
	if ((e = app_lookup(app, ref)) == NULL || e->kind != kind)
		return (NULL);
	return (e);
}

struct app *
app_new(const char *root)
{
	struct app	*app;

	if ((app = calloc(1, sizeof *app)) == NULL)
		return (NULL);
	if ((app->root = strdup(root)) == NULL) {
		free(app);
		return (NULL);
	}
	return (app);
}

void
app_free(struct app *app)
{
	size_t	i;

	if (app == NULL)
		return;
	for (i = 0; i < app->nentries; i++)
		app_entry_free(app->entries[i]);
	free(app->entries);
	free(app->root);
	free(app);
}

/* ---- files and Lua ------------------------------------------------ */

/* Read a whole regular file of at most APP_FILE_MAX bytes, NUL-terminated.
 * On failure why says what went wrong. */
int
app_read_file(const char *path, char **out, size_t *outlen, char *why,
    size_t whylen)
{
	struct stat	 st;
	char		*buf;
	size_t		 len, off;
	ssize_t		 n;
	int		 fd;

	/* O_NONBLOCK so a FIFO cannot hang the load; it is refused below. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		snprintf(why, whylen, "%s", strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1) {
		snprintf(why, whylen, "%s", strerror(errno));
		close(fd);
		return (-1);
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "not a regular file");
		close(fd);
		return (-1);
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > APP_FILE_MAX) {
		snprintf(why, whylen, "too large (%jd bytes, limit %u MiB)",
		    (intmax_t)st.st_size, APP_FILE_MAX / (1024 * 1024));
		close(fd);
		return (-1);
	}
	len = st.st_size;
	if ((buf = malloc(len + 1)) == NULL) {
		snprintf(why, whylen, "out of memory");
		close(fd);
		return (-1);
	}
	/* A file that shrinks while read is taken as it ends. */
	for (off = 0; off < len; off += n) {
		n = read(fd, buf + off, len - off);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n == -1) {
			snprintf(why, whylen, "%s", strerror(errno));
			free(buf);
			close(fd);
			return (-1);
		}
		if (n == 0)
			break;
	}
	close(fd);
	buf[off] = '\0';
	*out = buf;
	*outlen = off;
	return (0);
}

/* Compile the entry's source as a text chunk; why gets Lua's message,
 * which starts with "chunk:line:". */
int
app_syntax(lua_State *L, const struct app_entry *e, char *why, size_t whylen)
{
	char		*name;
	const char	*msg;
	int		 rc;

	if (asprintf(&name, "@%s", e->chunk) == -1) {
		snprintf(why, whylen, "out of memory");
		return (-1);
	}
	rc = luaL_loadbufferx(L, e->source, e->source_len, name, "t");
	free(name);
	if (rc != LUA_OK) {
		msg = lua_tostring(L, -1);
		snprintf(why, whylen, "%s", msg != NULL ? msg : "cannot load");
	}
	lua_settop(L, 0);
	lua_gc(L, LUA_GCCOLLECT);
	return (rc == LUA_OK ? 0 : -1);
}

/* ---- refs --------------------------------------------------------- */

int
app_add_check(struct app_loader *ld, struct app_entry *e, int line,
    enum app_kind want, const char *alias, const char *key, const char *ref)
{
	struct app_check	*c;

	c = reallocarray(ld->checks, ld->nchecks + 1, sizeof *c);
	if (c == NULL)
		return (app_oom(ld));
	ld->checks = c;
	c = &ld->checks[ld->nchecks++];
	c->entry = e;
	c->line = line;
	c->want = want;
	c->alias = alias;
	c->key = key;
	c->ref = ref;
	return (0);
}

static const char *
app_ref_name(const struct app_entry *e)
{
	const char	*colon = strrchr(e->ref, ':');

	return (colon != NULL ? colon + 1 : e->ref);
}

static int
app_check_refs(struct app_loader *ld)
{
	struct app_check	*c;
	struct app_entry	*t;
	char			 what[APP_NAME_MAX + 16];
	size_t			 i;

	for (i = 0; i < ld->nchecks; i++) {
		c = &ld->checks[i];
		if (c->alias != NULL)
			snprintf(what, sizeof what, "import '%s'", c->alias);
		else
			snprintf(what, sizeof what, "%s", c->key);
		if ((t = app_lookup(ld->app, c->ref)) == NULL)
			return (app_failat(ld, c->entry->file, c->line,
			    app_ref_name(c->entry), "%s: unknown ref '%s'",
			    what, c->ref));
		if (t->kind != c->want)
			return (app_failat(ld, c->entry->file, c->line,
			    app_ref_name(c->entry),
			    "%s: '%s' is a %s, not a %s", what, c->ref,
			    app_kind_name(t->kind), app_kind_name(c->want)));
	}
	return (0);
}

/* ---- manifests ---------------------------------------------------- */

static int
app_manifest_root(struct app_loader *ld, yaml_node_t *root)
{
	yaml_node_pair_t	*p;
	yaml_node_item_t	*it;
	yaml_node_t		*v, *nversion = NULL, *nns = NULL;
	yaml_node_t		*nentries = NULL;
	const char		*key, *s;
	unsigned		 seen = 0;

	if (root == NULL)
		return (app_fail(ld, 1, NULL, "missing 'namespace'"));
	if (root->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_yaml_line(root), NULL,
		    "manifest must be a mapping"));
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		if (app_yaml_key(ld, NULL, "", APP_NODE(ld, p->key),
		    app_keys_top, &seen, &key) == -1)
			return (-1);
		v = APP_NODE(ld, p->value);
		if (strcmp(key, "version") == 0)
			nversion = v;
		else if (strcmp(key, "namespace") == 0)
			nns = v;
		else
			nentries = v;
	}

	if (nversion != NULL) {
		if (nversion->type != YAML_SCALAR_NODE ||
		    strcmp(app_yaml_text(nversion), "1.0") != 0)
			return (app_fail(ld, app_yaml_line(nversion), NULL,
			    "unsupported version '%.16s' (expected \"1.0\")",
			    nversion->type == YAML_SCALAR_NODE ?
			    app_yaml_text(nversion) : "?"));
	}
	if (nns == NULL)
		return (app_fail(ld, app_yaml_line(root), NULL,
		    "missing 'namespace'"));
	if (app_yaml_str(ld, NULL, "namespace", nns, &s) == -1)
		return (-1);
	if (!app_entry_valid_dotted(s))
		return (app_fail(ld, app_yaml_line(nns), NULL,
		    "bad namespace '%.64s' (expected dotted identifiers)", s));
	ld->ns = s;

	if (nentries == NULL || app_yaml_is_null(nentries))
		return (0);
	if (nentries->type != YAML_SEQUENCE_NODE)
		return (app_fail(ld, app_yaml_line(nentries), NULL,
		    "'entries' must be a sequence"));
	for (it = nentries->data.sequence.items.start;
	    it < nentries->data.sequence.items.top; it++) {
		if (app_entry_load(ld, APP_NODE(ld, *it)) == -1)
			return (-1);
	}
	return (0);
}

static int
app_manifest(struct app_loader *ld, const char *rel)
{
	yaml_parser_t	 parser;
	yaml_document_t	 extra;
	struct stat	 st;
	FILE		*f;
	const char	*slash;
	int		 rc = -1;

	if ((ld->rel = app_strdup(ld, rel)) == NULL)
		return (-1);
	if ((ld->file = app_printf(ld, "%s/%s", ld->root, rel)) == NULL)
		goto out;
	slash = strrchr(rel, '/');
	if ((ld->reldir = strndup(rel, slash != NULL ? (size_t)(slash - rel) :
	    0)) == NULL) {
		app_oom(ld);
		goto out;
	}

	if ((f = fopen(ld->file, "rbe")) == NULL) {
		snprintf(ld->err, ld->errlen, "%s: %s", ld->file,
		    strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &st) == -1) {
		snprintf(ld->err, ld->errlen, "%s: %s", ld->file,
		    strerror(errno));
		fclose(f);
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > APP_FILE_MAX) {
		snprintf(ld->err, ld->errlen, "%s: %s", ld->file,
		    !S_ISREG(st.st_mode) ? "not a regular file" :
		    "too large (limit 16 MiB)");
		fclose(f);
		goto out;
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		app_oom(ld);
		goto out;
	}
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &ld->doc)) {
		app_yaml_error(ld, &parser, f);
		yaml_parser_delete(&parser);
		fclose(f);
		goto out;
	}

	/* A second document would be silently ignored: refuse it. */
	if (yaml_document_get_root_node(&ld->doc) != NULL) {
		if (!yaml_parser_load(&parser, &extra))
			app_yaml_error(ld, &parser, f);
		else {
			if (yaml_document_get_root_node(&extra) != NULL)
				app_fail(ld, (int)extra.start_mark.line + 1,
				    NULL, "more than one YAML document");
			else
				rc = 0;
			yaml_document_delete(&extra);
		}
	} else
		rc = 0;
	yaml_parser_delete(&parser);
	fclose(f);
	if (rc == 0)
		rc = app_manifest_root(ld,
		    yaml_document_get_root_node(&ld->doc));
	yaml_document_delete(&ld->doc);
	ld->ns = NULL;

out:
	free(ld->rel);
	free(ld->file);
	free(ld->reldir);
	ld->rel = ld->file = ld->reldir = NULL;
	return (rc);
}

static int
app_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* One directory: its own _index.yaml first, then its subdirectories, in
 * byte order so refs and "first at" never depend on readdir. */
static int
app_walk(struct app_loader *ld, const char *rel, int depth)
{
	DIR		 *dp;
	struct dirent	 *de;
	struct stat	  st;
	char		**names = NULL, **p, *path, *child;
	size_t		  n = 0, i, j;
	int		  rc = -1;

	if (*rel == '\0')
		path = app_strdup(ld, ld->root);
	else
		path = app_printf(ld, "%s/%s", ld->root, rel);
	if (path == NULL)
		return (-1);
	if ((dp = opendir(path)) == NULL) {
		snprintf(ld->err, ld->errlen, "%s: %s", path, strerror(errno));
		free(path);
		return (-1);
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((p = reallocarray(names, n + 1, sizeof *names)) == NULL) {
			app_oom(ld);
			closedir(dp);
			goto out;
		}
		names = p;
		if ((names[n] = app_strdup(ld, de->d_name)) == NULL) {
			closedir(dp);
			goto out;
		}
		n++;
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, app_cmp);

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "_index.yaml") != 0)
			continue;
		child = *rel == '\0' ? app_strdup(ld, names[i]) :
		    app_printf(ld, "%s/%s", rel, names[i]);
		if (child == NULL || app_manifest(ld, child) == -1) {
			free(child);
			goto out;
		}
		free(child);
	}
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "_index.yaml") == 0)
			continue;
		child = *rel == '\0' ? app_strdup(ld, names[i]) :
		    app_printf(ld, "%s/%s", rel, names[i]);
		if (child == NULL)
			goto out;
		free(path);
		if ((path = app_printf(ld, "%s/%s", ld->root, child)) == NULL) {
			free(child);
			goto out;
		}
		/* Anything unreadable that is not a directory is not ours. */
		if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode)) {
			free(child);
			continue;
		}
		if (depth + 1 > APP_DIR_DEPTH) {
			snprintf(ld->err, ld->errlen,
			    "%s: directories nested too deeply", path);
			free(child);
			goto out;
		}
		for (j = 0; j <= (size_t)depth; j++) {
			if (ld->dirs[j].dev == st.st_dev &&
			    ld->dirs[j].ino == st.st_ino)
				break;
		}
		if (j <= (size_t)depth) {
			snprintf(ld->err, ld->errlen,
			    "%s: directory loop (a link back to %s)", path,
			    j == 0 ? ld->root : "a parent");
			free(child);
			goto out;
		}
		ld->dirs[depth + 1].dev = st.st_dev;
		ld->dirs[depth + 1].ino = st.st_ino;
		if (app_walk(ld, child, depth + 1) == -1) {
			free(child);
			goto out;
		}
		free(child);
	}
	rc = 0;

out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	return (rc);
}

/* ---- public ------------------------------------------------------- */

struct app *
app_load(const char *dir, char *err, size_t errlen)
{
	struct app_loader	 ld;
	struct app		*app = NULL;
	struct stat		 st;
	size_t			 n;

	memset(&ld, 0, sizeof ld);
	ld.err = err;
	ld.errlen = errlen;
	if (dir == NULL || *dir == '\0') {
		snprintf(err, errlen, "no app directory");
		return (NULL);
	}
	if ((ld.app = app_new(dir)) == NULL ||
	    (ld.root = strdup(dir)) == NULL ||
	    (ld.L = luaL_newstate()) == NULL) {
		app_oom(&ld);
		goto out;
	}
	/* "dir/" and "dir" name the same files, with one way to print them. */
	for (n = strlen(ld.root); n > 1 && ld.root[n - 1] == '/'; n--)
		ld.root[n - 1] = '\0';

	if (stat(ld.root, &st) == -1) {
		snprintf(err, errlen, "%s: %s", ld.root, strerror(errno));
		goto out;
	}
	ld.dirs[0].dev = st.st_dev;
	ld.dirs[0].ino = st.st_ino;
	if (app_walk(&ld, "", 0) == 0 && app_check_refs(&ld) == 0 &&
	    app_import_cycles(&ld) == 0) {
		app = ld.app;
		ld.app = NULL;
	}

out:
	app_free(ld.app);
	if (ld.L != NULL)
		lua_close(ld.L);
	free(ld.checks);
	free(ld.root);
	return (app);
}

struct app_entry *
app_add_file(struct app *app, const char *path, char *err, size_t errlen)
{
	struct app_entry	*e, *dup;
	lua_State		*L;
	const char		*base;
	char			 why[512];
	size_t			 n;

	if ((base = strrchr(path, '/')) != NULL)
		base++;
	else
		base = path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".lua") == 0)
		n -= 4;
	if (n == 0) {
		snprintf(err, errlen, "%s: not a Lua file", path);
		return (NULL);
	}

	if ((e = calloc(1, sizeof *e)) == NULL)
		goto oom;
	e->kind = APP_PROCESS;
	e->line = 0;
	if (asprintf(&e->ref, "file:%.*s", (int)n, base) == -1) {
		e->ref = NULL;
		goto oom;
	}
	if ((dup = app_lookup(app, e->ref)) != NULL) {
		snprintf(err, errlen, "duplicate ref '%s' (first at %s:%d)",
		    e->ref, dup->file, dup->line);
		goto fail;
	}
	if ((e->file = strdup(path)) == NULL ||
	    (e->chunk = strdup(base)) == NULL ||
	    (e->method = strdup("main")) == NULL)
		goto oom;
	if (app_read_file(path, &e->source, &e->source_len, why,
	    sizeof why) == -1) {
		snprintf(err, errlen, "cannot read source '%s': %s", path, why);
		goto fail;
	}
	if ((L = luaL_newstate()) == NULL)
		goto oom;
	if (app_syntax(L, e, err, errlen) == -1) {
		lua_close(L);
		goto fail;
	}
	lua_close(L);
	if (app_append(app, e) == -1)
		goto oom;
	return (e);

oom:
	snprintf(err, errlen, "out of memory");
fail:
	app_entry_free(e);
	return (NULL);
}
