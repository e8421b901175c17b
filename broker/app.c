/*
 * The app loader: every _index.yaml under a directory becomes a list of
 * entries, checked as far as anything can be checked before a process runs
 * (spec section 1). The first mistake stops the load with "file:line:
 * reason"; a bad manifest never crashes the broker.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>
#include <yaml.h>

#include "forkbox/proto.h"
#include "app.h"
#include "duration.h"
#include "log.h"

#define APP_FILE_MAX	(16u * 1024 * 1024)	/* a source, a manifest */
#define APP_DIR_DEPTH	64	/* directories below the root */
#define APP_JSON_DEPTH	64	/* meta and input nesting */
#define APP_JSON_NODES	100000	/* meta and input nodes, via aliases too */
#define APP_NAME_MAX	128	/* a name, a namespace or an alias */
#define APP_IMPORTS_MAX	1024
#define APP_POOL_MAX	1024	/* pre-started workers per host */

static const char *const app_modules[] = { "time", "json", NULL };

/* Keys allowed in each place; the index is the bit in a "seen" mask. */
static const char *const app_keys_top[] = {
	"version", "namespace", "entries", NULL
};
static const char *const app_keys_process[] = {
	"name", "kind", "meta", "source", "method", "imports", "modules", NULL
};
static const char *const app_keys_library[] = {
	"name", "kind", "meta", "source", "imports", "modules", NULL
};
/* lifecycle is accepted on hosts because every Wippy process.host has one. */
static const char *const app_keys_host[] = {
	"name", "kind", "meta", "host", "lifecycle", NULL
};
static const char *const app_keys_service[] = {
	"name", "kind", "meta", "process", "host", "input", "lifecycle", NULL
};
static const char *const app_keys_limits[] = {
	"max_processes", "memory_limit", "cpu_limit", "wall_limit",
	"max_message_size", "mailbox_limit", "pool", "sandbox", NULL
};
static const char *const app_keys_host_lifecycle[] = { "auto_start", NULL };
static const char *const app_keys_lifecycle[] = {
	"auto_start", "restart", NULL
};
static const char *const app_keys_restart[] = {
	"max_attempts", "initial_delay", "max_delay", NULL
};

static const struct app_kind_def {
	const char		*name;
	enum app_kind		 kind;
	const char *const	*keys;
} app_kinds[] = {
	{ "process.lua", APP_PROCESS, app_keys_process },
	{ "library.lua", APP_LIBRARY, app_keys_library },
	{ "process.host", APP_HOST, app_keys_host },
	{ "process.service", APP_SERVICE, app_keys_service },
};

/* A ref to resolve once every manifest is read: an import or a service's
 * process or host. Strings point into the entry. */
struct app_check {
	struct app_entry	*entry;
	int			 line;
	enum app_kind		 want;
	const char		*alias;		/* import, or NULL */
	const char		*key;		/* "process" or "host" */
	const char		*ref;
};

struct app_loader {
	struct app		*app;
	char			*root;		/* no trailing slash */
	lua_State		*L;		/* for syntax checks */
	struct app_check	*checks;
	size_t			 nchecks;

	/* Directories from the root to the one being walked, to catch a
	 * symlink back up the tree before it makes the walk endless. */
	struct {
		dev_t		 dev;
		ino_t		 ino;
	}			 dirs[APP_DIR_DEPTH + 1];
	char			*err;
	size_t			 errlen;

	/* The manifest being read. */
	char			*file;		/* as in messages */
	char			*rel;		/* below the root */
	char			*reldir;	/* its directory or "" */
	yaml_document_t		 doc;
	const char		*ns;		/* points into doc */
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
static int __attribute__((format(printf, 5, 6)))
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
static int __attribute__((format(printf, 4, 5)))
app_fail(struct app_loader *ld, int line, const char *name,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	app_vfailat(ld, ld->file, line, name, fmt, ap);
	va_end(ap);
	return (-1);
}

static int
app_oom(struct app_loader *ld)
{
	snprintf(ld->err, ld->errlen, "out of memory");
	return (-1);
}

static char *
app_strdup(struct app_loader *ld, const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		app_oom(ld);
	return (p);
}

static char * __attribute__((format(printf, 2, 3)))
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

const char *
app_kind_name(enum app_kind kind)
{
	size_t	i;

	for (i = 0; i < sizeof app_kinds / sizeof app_kinds[0]; i++)
		if (app_kinds[i].kind == kind)
			return (app_kinds[i].name);
	return ("unknown");
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
	h->pool = 8;
	h->sandbox_strict = 1;
}

/* ---- names -------------------------------------------------------- */

static int
app_isalpha(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
}

static int
app_isalnum(int c)
{
	return (app_isalpha(c) || (c >= '0' && c <= '9'));
}

/* Identifiers joined by single dots: namespaces, and the Lua module names
 * given to require() as import aliases. */
static int
app_valid_dotted(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > APP_NAME_MAX)
		return (0);
	for (i = 0; i < n; i++) {
		if (i == 0 || s[i - 1] == '.') {
			if (!app_isalpha((unsigned char)s[i]))
				return (0);
		} else if (s[i] != '.' && !app_isalnum((unsigned char)s[i]))
			return (0);
	}
	return (s[n - 1] != '.');
}

/* Entry names as Wippy writes them ("relay-service", "create.endpoint"):
 * nothing that could be taken for a ref or pid separator. */
static int
app_valid_name(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > APP_NAME_MAX || !app_isalnum((unsigned char)s[0]))
		return (0);
	for (i = 1; i < n; i++) {
		if (!app_isalnum((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != '-')
			return (0);
	}
	return (1);
}

/* "namespace:name". */
static int
app_valid_ref(const char *s)
{
	const char	*colon;
	char		 ns[APP_NAME_MAX + 1];
	size_t		 n;

	if ((colon = strchr(s, ':')) == NULL)
		return (0);
	n = colon - s;
	if (n == 0 || n > APP_NAME_MAX)
		return (0);
	memcpy(ns, s, n);
	ns[n] = '\0';
	return (app_valid_dotted(ns) && app_valid_name(colon + 1));
}

static int
app_builtin(const char *s)
{
	size_t	i;

	for (i = 0; app_modules[i] != NULL; i++)
		if (strcmp(app_modules[i], s) == 0)
			return (1);
	return (0);
}

/* ---- entries ------------------------------------------------------ */

static void
app_entry_free(struct app_entry *e)
{
	size_t	i;

	if (e == NULL)
		return;
	free(e->ref);
	free(e->file);
	if (e->meta != NULL)
		json_decref(e->meta);
	free(e->chunk);
	free(e->source);
	free(e->method);
	for (i = 0; i < e->nimports; i++) {
		free(e->imports[i].alias);
		free(e->imports[i].ref);
	}
	free(e->imports);
	for (i = 0; i < e->nmodules; i++)
		free(e->modules[i]);
	free(e->modules);
	free(e->service.process);
	free(e->service.host);
	if (e->service.input != NULL)
		json_decref(e->service.input);
	json_decref(e->init_imports);
	json_decref(e->init_libs);
	free(e->init_closure);
	free(e);
}

static int
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

static struct app_entry *
app_lookup(struct app *app, const char *ref)
{
	size_t	i;

	for (i = 0; i < app->nentries; i++)
		if (strcmp(app->entries[i]->ref, ref) == 0)
			return (app->entries[i]);
	return (NULL);
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
static int
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
static int
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

/* Join a source path to the directory of its manifest, resolving "." and
 * ".." so the chunk name is a plain path below the app root. */
static char *
app_path_join(const char *dir, const char *path, char *why, size_t whylen)
{
	char	*all, *out, *seg, *next, *slash;
	size_t	 outlen = 0;

	if (*path == '\0') {
		snprintf(why, whylen, "empty path");
		return (NULL);
	}
	if (*path == '/') {
		snprintf(why, whylen, "path must be relative");
		return (NULL);
	}
	if (asprintf(&all, "%s/%s", dir, path) == -1) {
		snprintf(why, whylen, "out of memory");
		return (NULL);
	}
	if ((out = malloc(strlen(all) + 1)) == NULL) {
		free(all);
		snprintf(why, whylen, "out of memory");
		return (NULL);
	}
	out[0] = '\0';
	for (seg = all; seg != NULL; seg = next) {
		if ((next = strchr(seg, '/')) != NULL)
			*next++ = '\0';
		if (*seg == '\0' || strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (outlen == 0)
				goto outside;
			if ((slash = strrchr(out, '/')) != NULL)
				*slash = '\0';
			else
				out[0] = '\0';
			outlen = strlen(out);
			continue;
		}
		if (outlen > 0)
			out[outlen++] = '/';
		memcpy(out + outlen, seg, strlen(seg) + 1);
		outlen += strlen(seg);
	}
	if (outlen == 0)
		goto outside;
	free(all);
	return (out);

outside:
	free(all);
	free(out);
	snprintf(why, whylen, "outside the app directory");
	return (NULL);
}

/* ---- YAML values -------------------------------------------------- */

#define APP_NODE(ld, i)	yaml_document_get_node(&(ld)->doc, (i))

static int
app_line(const yaml_node_t *n)
{
	if (n->start_mark.line >= INT_MAX)
		return (INT_MAX);
	return ((int)n->start_mark.line + 1);
}

static const char *
app_text(const yaml_node_t *n)
{
	return ((const char *)n->data.scalar.value);
}

static int
app_plain(const yaml_node_t *n)
{
	return (n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
}

/* YAML 1.2 core schema null, for plain scalars only: quoted is a string. */
static int
app_is_null(const yaml_node_t *n)
{
	const char	*s;

	if (!app_plain(n))
		return (0);
	s = app_text(n);
	return (*s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0);
}

static int
app_is_bool(const yaml_node_t *n, int *b)
{
	const char	*s;

	if (!app_plain(n))
		return (0);
	s = app_text(n);
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
	    strcmp(s, "TRUE") == 0)
		*b = 1;
	else if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
	    strcmp(s, "FALSE") == 0)
		*b = 0;
	else
		return (0);
	return (1);
}

enum app_num { APP_NOTNUM, APP_INT, APP_REAL, APP_RANGE };

static int
app_digits(const char *s, const char *set)
{
	if (*s == '\0')
		return (0);
	return (s[strspn(s, set)] == '\0');
}

/* Classify a plain scalar as a core schema integer or float. .inf and .nan
 * stay strings: JSON cannot hold them. */
static enum app_num
app_number(const yaml_node_t *n, long long *iv, double *dv)
{
	const char	*s, *p;
	char		*end;
	int		 base = 10;

	if (!app_plain(n))
		return (APP_NOTNUM);
	s = app_text(n);
	if (strncmp(s, "0x", 2) == 0 && app_digits(s + 2,
	    "0123456789abcdefABCDEF"))
		base = 16;
	else if (strncmp(s, "0o", 2) == 0 && app_digits(s + 2, "01234567"))
		base = 8;
	p = s + (*s == '-' || *s == '+');
	if (base != 10 || app_digits(p, "0123456789")) {
		errno = 0;
		*iv = strtoll(base == 10 ? s : s + 2, &end, base);
		return (errno == ERANGE ? APP_RANGE : APP_INT);
	}

	/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
	if (*p == '.') {
		if (!(p[1] >= '0' && p[1] <= '9'))
			return (APP_NOTNUM);
		p += 1 + strspn(p + 1, "0123456789");
	} else {
		if (!(*p >= '0' && *p <= '9'))
			return (APP_NOTNUM);
		p += strspn(p, "0123456789");
		if (*p == '.')
			p += 1 + strspn(p + 1, "0123456789");
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		p += (*p == '-' || *p == '+');
		if (!(*p >= '0' && *p <= '9'))
			return (APP_NOTNUM);
		p += strspn(p, "0123456789");
	}
	if (*p != '\0')
		return (APP_NOTNUM);
	errno = 0;
	*dv = strtod(s, &end);
	if (!isfinite(*dv))
		return (APP_RANGE);
	return (APP_REAL);
}

/* Check a mapping key against the keys allowed there. seen catches a key
 * given twice, which libyaml accepts and would make one value vanish. */
static int
app_key(struct app_loader *ld, const char *name, const char *where,
    const yaml_node_t *k, const char *const *keys, unsigned *seen,
    const char **key)
{
	const char	*s;
	int		 i;

	if (k->type != YAML_SCALAR_NODE)
		return (app_fail(ld, app_line(k), name,
		    "keys must be strings%s", where));
	s = app_text(k);
	for (i = 0; keys[i] != NULL; i++) {
		if (strlen(s) == k->data.scalar.length &&
		    strcmp(keys[i], s) == 0)
			break;
	}
	if (keys[i] == NULL)
		return (app_fail(ld, app_line(k), name,
		    "unknown key '%.64s'%s", s, where));
	if (*seen & (1u << i))
		return (app_fail(ld, app_line(k), name,
		    "duplicate key '%s'%s", keys[i], where));
	*seen |= 1u << i;
	*key = keys[i];
	return (0);
}

static int
app_str(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, const char **out)
{
	if (v->type != YAML_SCALAR_NODE || app_is_null(v))
		return (app_fail(ld, app_line(v), name,
		    "'%s' must be a string", key));
	if (strlen(app_text(v)) != v->data.scalar.length)
		return (app_fail(ld, app_line(v), name,
		    "'%s' contains a NUL byte", key));
	*out = app_text(v);
	return (0);
}

static int
app_bool(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, int *out)
{
	if (!app_is_bool(v, out))
		return (app_fail(ld, app_line(v), name,
		    "'%s' must be true or false", key));
	return (0);
}

static int
app_uint(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, long long min, long long max, unsigned *out)
{
	long long	iv;
	double		dv;

	if (app_number(v, &iv, &dv) != APP_INT || iv < min || iv > max)
		return (app_fail(ld, app_line(v), name,
		    "'%s' must be an integer from %lld to %lld", key, min,
		    max));
	*out = (unsigned)iv;
	return (0);
}

/* A size: "64MiB", or a bare number of bytes. */
static int
app_size(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, uint64_t *out)
{
	const char	*s;
	char		 why[256];

	if (app_str(ld, name, key, v, &s) == -1)
		return (-1);
	if (size_parse(s, out, why, sizeof why) == -1)
		return (app_fail(ld, app_line(v), name, "%s: %s", key, why));
	if (*out == 0)
		return (app_fail(ld, app_line(v), name,
		    "%s: must be greater than 0", key));
	return (0);
}

/* A duration: "100ms", "1m30s"; a bare number means milliseconds, as
 * everywhere else, unless secs is set (the host's CPU and wall limits are
 * counted in seconds, spec section 6). */
static int
app_duration(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, int secs, int64_t *out)
{
	const char	*s, *dot;
	char		 why[256];
	int64_t		 sec, frac = 0, scale = 100000;

	if (app_str(ld, name, key, v, &s) == -1)
		return (-1);
	dot = strchr(s, '.');
	if (secs && (app_digits(s, "0123456789") || (dot != NULL &&
	    dot != s && s[strspn(s, "0123456789")] == '.' &&
	    app_digits(dot + 1, "0123456789")))) {
		errno = 0;
		sec = strtoll(s, NULL, 10);
		if (errno == ERANGE || sec > INT64_MAX / 1000000 - 1)
			return (app_fail(ld, app_line(v), name,
			    "%s: duration out of range \"%.64s\"", key, s));
		for (; dot != NULL && *++dot != '\0' && scale > 0;
		    scale /= 10)
			frac += (*dot - '0') * scale;
		*out = sec * 1000000 + frac;
		return (0);
	}
	if (duration_parse(s, out, why, sizeof why) == -1)
		return (app_fail(ld, app_line(v), name, "%s: %s", key, why));
	if (*out < 0)
		return (app_fail(ld, app_line(v), name,
		    "%s: must not be negative", key));
	return (0);
}

/* YAML to JSON for meta and input. Plain scalars follow the core schema
 * (null, booleans, integers, floats); quoted and block scalars stay
 * strings. budget bounds the work, since aliases can make a small file
 * expand to a huge tree. */
static json_t *
app_json(struct app_loader *ld, const char *name, const char *what,
    yaml_node_t *n, int depth, size_t *budget)
{
	yaml_node_item_t	*it;
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *v;
	json_t			*j, *c;
	long long		 iv;
	double			 dv;
	int			 b;

	if (depth > APP_JSON_DEPTH) {
		app_fail(ld, app_line(n), name, "%s: nested too deeply", what);
		return (NULL);
	}
	if (*budget == 0) {
		app_fail(ld, app_line(n), name, "%s: too large", what);
		return (NULL);
	}
	(*budget)--;

	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (app_is_null(n))
			return (json_null());
		if (app_is_bool(n, &b))
			return (json_boolean(b));
		switch (app_number(n, &iv, &dv)) {
		case APP_INT:
			return (json_integer(iv));
		case APP_REAL:
			return (json_real(dv));
		case APP_RANGE:
			app_fail(ld, app_line(n), name,
			    "%s: number out of range '%.64s'", what,
			    app_text(n));
			return (NULL);
		case APP_NOTNUM:
			break;
		}
		j = json_stringn(app_text(n), n->data.scalar.length);
		if (j == NULL)
			app_fail(ld, app_line(n), name,
			    "%s: string is not valid UTF-8", what);
		return (j);
	case YAML_SEQUENCE_NODE:
		if ((j = json_array()) == NULL) {
			app_oom(ld);
			return (NULL);
		}
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			c = app_json(ld, name, what, APP_NODE(ld, *it),
			    depth + 1, budget);
			if (c == NULL || json_array_append_new(j, c) == -1) {
				if (c != NULL)
					app_oom(ld);
				json_decref(j);
				return (NULL);
			}
		}
		return (j);
	case YAML_MAPPING_NODE:
		if ((j = json_object()) == NULL) {
			app_oom(ld);
			return (NULL);
		}
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			k = APP_NODE(ld, p->key);
			v = APP_NODE(ld, p->value);
			if (k->type != YAML_SCALAR_NODE ||
			    strlen(app_text(k)) != k->data.scalar.length) {
				app_fail(ld, app_line(k), name,
				    "%s: keys must be strings", what);
				goto fail;
			}
			if (json_object_get(j, app_text(k)) != NULL) {
				app_fail(ld, app_line(k), name,
				    "%s: duplicate key '%.64s'", what,
				    app_text(k));
				goto fail;
			}
			c = app_json(ld, name, what, v, depth + 1, budget);
			if (c == NULL)
				goto fail;
			/* set_new takes c even when it fails. */
			if (json_object_set_new(j, app_text(k), c) == -1) {
				app_fail(ld, app_line(k), name,
				    "%s: bad key '%.64s'", what, app_text(k));
				goto fail;
			}
		}
		return (j);
	default:
		app_fail(ld, app_line(n), name, "%s: unexpected node", what);
		return (NULL);
	}

fail:
	json_decref(j);
	return (NULL);
}

/* ---- entry keys --------------------------------------------------- */

static int
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

static int
app_meta(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	size_t	budget = APP_JSON_NODES;

	if (app_is_null(v))
		return (0);
	if (v->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_line(v), name,
		    "'meta' must be a mapping"));
	if ((e->meta = app_json(ld, name, "meta", v, 0, &budget)) == NULL)
		return (-1);
	return (0);
}

static int
app_imports(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *r;
	struct app_import	*imp;
	const char		*alias, *ref;
	size_t			 n, i;

	if (app_is_null(v))
		return (0);
	if (v->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_line(v), name,
		    "'imports' must be a mapping of alias: ref"));
	n = v->data.mapping.pairs.top - v->data.mapping.pairs.start;
	if (n > APP_IMPORTS_MAX)
		return (app_fail(ld, app_line(v), name,
		    "too many imports (%zu, limit %d)", n, APP_IMPORTS_MAX));
	if (n == 0)
		return (0);
	if ((e->imports = calloc(n, sizeof *e->imports)) == NULL)
		return (app_oom(ld));

	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	    p++) {
		k = APP_NODE(ld, p->key);
		r = APP_NODE(ld, p->value);
		if (app_str(ld, name, "imports", k, &alias) == -1)
			return (-1);
		if (!app_valid_dotted(alias))
			return (app_fail(ld, app_line(k), name,
			    "import alias '%.64s' is not a valid module name",
			    alias));
		if (app_builtin(alias))
			return (app_fail(ld, app_line(k), name,
			    "import alias '%s' shadows the built-in module",
			    alias));
		for (i = 0; i < e->nimports; i++) {
			if (strcmp(e->imports[i].alias, alias) == 0)
				return (app_fail(ld, app_line(k), name,
				    "duplicate import alias '%s'", alias));
		}
		if (app_str(ld, name, "imports", r, &ref) == -1)
			return (-1);
		if (!app_valid_ref(ref))
			return (app_fail(ld, app_line(r), name,
			    "import '%s': bad ref '%.64s' (expected "
			    "namespace:name)", alias, ref));

		imp = &e->imports[e->nimports];
		if ((imp->alias = app_strdup(ld, alias)) == NULL ||
		    (imp->ref = app_strdup(ld, ref)) == NULL) {
			free(imp->alias);
			imp->alias = NULL;
			return (-1);
		}
		e->nimports++;
		if (app_add_check(ld, e, app_line(k), APP_LIBRARY, imp->alias,
		    NULL, imp->ref) == -1)
			return (-1);
	}
	return (0);
}

static int
app_modules_key(struct app_loader *ld, struct app_entry *e,
    const char *name, yaml_node_t *v)
{
	yaml_node_item_t	*it;
	yaml_node_t		*m;
	const char		*s;
	size_t			 i, nknown;

	if (app_is_null(v))
		return (0);
	if (v->type != YAML_SEQUENCE_NODE)
		return (app_fail(ld, app_line(v), name,
		    "'modules' must be a sequence"));
	for (nknown = 0; app_modules[nknown] != NULL; nknown++)
		;
	/* Known and unique, so never more than nknown of them. */
	if ((e->modules = calloc(nknown, sizeof *e->modules)) == NULL)
		return (app_oom(ld));

	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		m = APP_NODE(ld, *it);
		if (app_str(ld, name, "modules", m, &s) == -1)
			return (-1);
		if (!app_builtin(s))
			return (app_fail(ld, app_line(m), name,
			    "unknown module '%.64s' (known: time, json)", s));
		for (i = 0; i < e->nmodules; i++) {
			if (strcmp(e->modules[i], s) == 0)
				return (app_fail(ld, app_line(m), name,
				    "module '%s' listed twice", s));
		}
		if ((e->modules[e->nmodules] = app_strdup(ld, s)) == NULL)
			return (-1);
		e->nmodules++;
	}
	return (0);
}

static int
app_source(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	const char	*s, *path;
	char		*full, why[1024];
	int		 line = app_line(v);

	if (app_str(ld, name, "source", v, &s) == -1)
		return (-1);
	if (strncmp(s, "file://", 7) == 0) {
		path = s + 7;
		e->chunk = app_path_join(ld->reldir, path, why, sizeof why);
		if (e->chunk == NULL)
			return (app_fail(ld, line, name,
			    "bad source '%.256s': %s", path, why));
		if ((full = app_printf(ld, "%s/%s", ld->root,
		    e->chunk)) == NULL)
			return (-1);
		if (app_read_file(full, &e->source, &e->source_len, why,
		    sizeof why) == -1) {
			free(full);
			return (app_fail(ld, line, name,
			    "cannot read source '%.256s': %s", path, why));
		}
		free(full);
	} else {
		/* The manifest is capped at APP_FILE_MAX, so this is too. */
		e->source_len = v->data.scalar.length;
		if ((e->source = malloc(e->source_len + 1)) == NULL)
			return (app_oom(ld));
		memcpy(e->source, s, e->source_len + 1);
		if ((e->chunk = app_printf(ld, "%s:%s", ld->rel,
		    name)) == NULL)
			return (-1);
	}
	if (app_syntax(ld->L, e, why, sizeof why) == -1)
		return (app_fail(ld, line, name, "%s", why));
	return (0);
}

static int
app_limits(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *m)
{
	struct app_host		*h = &e->host;
	yaml_node_pair_t	*p;
	yaml_node_t		*v;
	const char		*key, *s;
	unsigned		 seen = 0;

	if (app_is_null(m))
		return (0);
	if (m->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_line(m), name,
		    "'host' must be a mapping"));
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		if (app_key(ld, name, " in host", APP_NODE(ld, p->key),
		    app_keys_limits, &seen, &key) == -1)
			return (-1);
		v = APP_NODE(ld, p->value);
		if (strcmp(key, "max_processes") == 0) {
			if (app_uint(ld, name, key, v, 1, UINT_MAX,
			    &h->max_processes) == -1)
				return (-1);
		} else if (strcmp(key, "memory_limit") == 0) {
			if (app_size(ld, name, key, v, &h->memory_limit) == -1)
				return (-1);
		} else if (strcmp(key, "cpu_limit") == 0) {
			if (app_duration(ld, name, key, v, 1,
			    &h->cpu_limit_us) == -1)
				return (-1);
		} else if (strcmp(key, "wall_limit") == 0) {
			if (app_duration(ld, name, key, v, 1,
			    &h->wall_limit_us) == -1)
				return (-1);
		} else if (strcmp(key, "max_message_size") == 0) {
			if (app_size(ld, name, key, v,
			    &h->max_message_size) == -1)
				return (-1);
			/* A message must fit in one frame. */
			if (h->max_message_size > FB_FRAME_MAX)
				return (app_fail(ld, app_line(v), name,
				    "%s: larger than the frame limit "
				    "(%u MiB)", key,
				    FB_FRAME_MAX / (1024 * 1024)));
		} else if (strcmp(key, "mailbox_limit") == 0) {
			if (app_size(ld, name, key, v, &h->mailbox_limit) == -1)
				return (-1);
		} else if (strcmp(key, "pool") == 0) {
			if (app_uint(ld, name, key, v, 0, APP_POOL_MAX,
			    &h->pool) == -1)
				return (-1);
		} else if (strcmp(key, "sandbox") == 0) {
			if (app_str(ld, name, key, v, &s) == -1)
				return (-1);
			if (strcmp(s, "strict") == 0)
				h->sandbox_strict = 1;
			else if (strcmp(s, "none") == 0)
				h->sandbox_strict = 0;
			else
				return (app_fail(ld, app_line(v), name,
				    "'sandbox' must be strict or none, "
				    "not '%.64s'", s));
		}
	}
	return (0);
}

static int
app_restart(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *m)
{
	struct app_service	*svc = &e->service;
	yaml_node_pair_t	*p;
	yaml_node_t		*v;
	const char		*key;
	unsigned		 seen = 0;

	if (app_is_null(m))
		return (0);
	if (m->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_line(m), name,
		    "'restart' must be a mapping"));
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		if (app_key(ld, name, " in restart", APP_NODE(ld, p->key),
		    app_keys_restart, &seen, &key) == -1)
			return (-1);
		v = APP_NODE(ld, p->value);
		if (strcmp(key, "max_attempts") == 0) {
			if (app_uint(ld, name, key, v, 0, INT_MAX,
			    &svc->max_attempts) == -1)
				return (-1);
		} else if (strcmp(key, "initial_delay") == 0) {
			if (app_duration(ld, name, key, v, 0,
			    &svc->initial_delay_us) == -1)
				return (-1);
		} else if (strcmp(key, "max_delay") == 0) {
			if (app_duration(ld, name, key, v, 0,
			    &svc->max_delay_us) == -1)
				return (-1);
		}
	}
	if (svc->initial_delay_us > svc->max_delay_us)
		return (app_fail(ld, app_line(m), name,
		    "restart: initial_delay is longer than max_delay"));
	return (0);
}

static int
app_lifecycle(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *m)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*v;
	const char		*key;
	const char *const	*keys;
	unsigned		 seen = 0;
	int			 ignored;

	if (app_is_null(m))
		return (0);
	if (m->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_line(m), name,
		    "'lifecycle' must be a mapping"));
	keys = e->kind == APP_HOST ? app_keys_host_lifecycle :
	    app_keys_lifecycle;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		if (app_key(ld, name, " in lifecycle", APP_NODE(ld, p->key),
		    keys, &seen, &key) == -1)
			return (-1);
		v = APP_NODE(ld, p->value);
		if (strcmp(key, "auto_start") == 0) {
			/* A host is always there: checked, then ignored. */
			if (app_bool(ld, name, key, v, e->kind == APP_HOST ?
			    &ignored : &e->service.auto_start) == -1)
				return (-1);
		} else if (strcmp(key, "restart") == 0) {
			if (app_restart(ld, e, name, v) == -1)
				return (-1);
		}
	}
	return (0);
}

static int
app_service_ref(struct app_loader *ld, struct app_entry *e,
    const char *name, const char *key, yaml_node_t *v, enum app_kind want,
    char **out)
{
	const char	*s;

	if (app_str(ld, name, key, v, &s) == -1)
		return (-1);
	if (!app_valid_ref(s))
		return (app_fail(ld, app_line(v), name,
		    "%s: bad ref '%.64s' (expected namespace:name)", key, s));
	if ((*out = app_strdup(ld, s)) == NULL)
		return (-1);
	return (app_add_check(ld, e, app_line(v), want, NULL, key, *out));
}

static int
app_input(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	size_t	budget = APP_JSON_NODES;
	json_t	*j;

	if (app_is_null(v))
		return (0);
	if (v->type != YAML_SEQUENCE_NODE)
		return (app_fail(ld, app_line(v), name,
		    "'input' must be a sequence"));
	if ((j = app_json(ld, name, "input", v, 0, &budget)) == NULL)
		return (-1);
	json_decref(e->service.input);
	e->service.input = j;
	return (0);
}

/* ---- manifests ---------------------------------------------------- */

static const struct app_kind_def *
app_kind_def(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof app_kinds / sizeof app_kinds[0]; i++)
		if (strcmp(app_kinds[i].name, s) == 0)
			return (&app_kinds[i]);
	return (NULL);
}

static int
app_entry_load(struct app_loader *ld, yaml_node_t *n)
{
	const struct app_kind_def	*def;
	struct app_entry		*e, *dup;
	yaml_node_pair_t		*p;
	yaml_node_t			*k, *v, *nname = NULL, *nkind = NULL;
	yaml_node_t			*nsource = NULL, *nproc = NULL;
	yaml_node_t			*nhost = NULL;
	const char			*name, *kind, *key, *s;
	char				 where[64];
	unsigned			 seen = 0;
	int				 line = app_line(n);

	if (n->type != YAML_MAPPING_NODE)
		return (app_fail(ld, line, NULL, "entry must be a mapping"));

	/* Name and kind first: an unknown kind is skipped unread. */
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = APP_NODE(ld, p->key);
		if (k->type != YAML_SCALAR_NODE)
			continue;
		if (strcmp(app_text(k), "name") == 0 && nname == NULL)
			nname = APP_NODE(ld, p->value);
		else if (strcmp(app_text(k), "kind") == 0 && nkind == NULL)
			nkind = APP_NODE(ld, p->value);
	}
	if (nname == NULL)
		return (app_fail(ld, line, NULL, "entry has no 'name'"));
	if (app_str(ld, NULL, "name", nname, &name) == -1)
		return (-1);
	if (nkind == NULL)
		return (app_fail(ld, line, name, "missing 'kind'"));
	if (app_str(ld, name, "kind", nkind, &kind) == -1)
		return (-1);
	if ((def = app_kind_def(kind)) == NULL) {
		log_warnx("%s:%d: entry '%.128s': unknown kind '%.64s', "
		    "ignored", ld->file, line, name, kind);
		return (0);
	}
	if (!app_valid_name(name))
		return (app_fail(ld, app_line(nname), NULL,
		    "bad entry name '%.64s' (letters, digits, '_', '.', '-')",
		    name));

	if ((e = calloc(1, sizeof *e)) == NULL)
		return (app_oom(ld));
	/* Owned by the app from here, so app_free cleans up any failure. */
	if (app_append(ld->app, e) == -1) {
		free(e);
		return (app_oom(ld));
	}
	e->kind = def->kind;
	e->line = line;
	if ((e->ref = app_printf(ld, "%s:%s", ld->ns, name)) == NULL ||
	    (e->file = app_strdup(ld, ld->file)) == NULL)
		return (-1);
	if ((dup = app_lookup(ld->app, e->ref)) != e)
		return (app_fail(ld, line, NULL,
		    "duplicate ref '%s' (first at %s:%d)", e->ref, dup->file,
		    dup->line));
	switch (e->kind) {
	case APP_PROCESS:
		if ((e->method = app_strdup(ld, "main")) == NULL)
			return (-1);
		break;
	case APP_HOST:
		app_host_defaults(&e->host);
		break;
	case APP_SERVICE:
		if ((e->service.input = json_array()) == NULL)
			return (app_oom(ld));
		e->service.auto_start = 1;
		e->service.max_attempts = 10;
		e->service.initial_delay_us = 100 * 1000;
		e->service.max_delay_us = 10 * 1000 * 1000;
		break;
	case APP_LIBRARY:
		break;
	}

	snprintf(where, sizeof where, " in %s", def->name);
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		if (app_key(ld, name, where, APP_NODE(ld, p->key), def->keys,
		    &seen, &key) == -1)
			return (-1);
		v = APP_NODE(ld, p->value);
		if (strcmp(key, "meta") == 0) {
			if (app_meta(ld, e, name, v) == -1)
				return (-1);
		} else if (strcmp(key, "source") == 0)
			nsource = v;	/* read once all keys are good */
		else if (strcmp(key, "method") == 0) {
			free(e->method);
			e->method = NULL;
			if (app_str(ld, name, key, v, &s) == -1)
				return (-1);
			/* A field of the table the file returns. */
			if (!app_valid_dotted(s) || strchr(s, '.') != NULL)
				return (app_fail(ld, app_line(v), name,
				    "bad method '%.64s'", s));
			if ((e->method = app_strdup(ld, s)) == NULL)
				return (-1);
		} else if (strcmp(key, "imports") == 0) {
			if (app_imports(ld, e, name, v) == -1)
				return (-1);
		} else if (strcmp(key, "modules") == 0) {
			if (app_modules_key(ld, e, name, v) == -1)
				return (-1);
		} else if (strcmp(key, "host") == 0) {
			if (e->kind == APP_HOST) {
				if (app_limits(ld, e, name, v) == -1)
					return (-1);
			} else
				nhost = v;
		} else if (strcmp(key, "process") == 0)
			nproc = v;
		else if (strcmp(key, "input") == 0) {
			if (app_input(ld, e, name, v) == -1)
				return (-1);
		} else if (strcmp(key, "lifecycle") == 0) {
			if (app_lifecycle(ld, e, name, v) == -1)
				return (-1);
		}
	}

	switch (e->kind) {
	case APP_PROCESS:
	case APP_LIBRARY:
		if (nsource == NULL)
			return (app_fail(ld, line, name, "missing 'source'"));
		return (app_source(ld, e, name, nsource));
	case APP_SERVICE:
		if (nproc == NULL)
			return (app_fail(ld, line, name, "missing 'process'"));
		if (nhost == NULL)
			return (app_fail(ld, line, name, "missing 'host'"));
		if (app_service_ref(ld, e, name, "process", nproc, APP_PROCESS,
		    &e->service.process) == -1)
			return (-1);
		return (app_service_ref(ld, e, name, "host", nhost, APP_HOST,
		    &e->service.host));
	case APP_HOST:
		break;
	}
	return (0);
}

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
		return (app_fail(ld, app_line(root), NULL,
		    "manifest must be a mapping"));
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		if (app_key(ld, NULL, "", APP_NODE(ld, p->key), app_keys_top,
		    &seen, &key) == -1)
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
		    strcmp(app_text(nversion), "1.0") != 0)
			return (app_fail(ld, app_line(nversion), NULL,
			    "unsupported version '%.16s' (expected \"1.0\")",
			    nversion->type == YAML_SCALAR_NODE ?
			    app_text(nversion) : "?"));
	}
	if (nns == NULL)
		return (app_fail(ld, app_line(root), NULL,
		    "missing 'namespace'"));
	if (app_str(ld, NULL, "namespace", nns, &s) == -1)
		return (-1);
	if (!app_valid_dotted(s))
		return (app_fail(ld, app_line(nns), NULL,
		    "bad namespace '%.64s' (expected dotted identifiers)", s));
	ld->ns = s;

	if (nentries == NULL || app_is_null(nentries))
		return (0);
	if (nentries->type != YAML_SEQUENCE_NODE)
		return (app_fail(ld, app_line(nentries), NULL,
		    "'entries' must be a sequence"));
	for (it = nentries->data.sequence.items.start;
	    it < nentries->data.sequence.items.top; it++) {
		if (app_entry_load(ld, APP_NODE(ld, *it)) == -1)
			return (-1);
	}
	return (0);
}

/* libyaml's own words and position for a document it could not read. */
static int
app_yaml_error(struct app_loader *ld, yaml_parser_t *parser, FILE *f)
{
	const char	*problem;
	size_t		 line, off;
	int		 c;

	problem = parser->problem != NULL ? parser->problem : "malformed YAML";
	switch (parser->error) {
	case YAML_MEMORY_ERROR:
		return (app_oom(ld));
	case YAML_READER_ERROR:
		/* The reader runs ahead of the scanner and only knows the
		 * byte offset: count the lines up to it. */
		line = 1;
		if (fseek(f, 0, SEEK_SET) == 0) {
			for (off = 0; off < parser->problem_offset; off++) {
				if ((c = getc(f)) == EOF)
					break;
				if (c == '\n')
					line++;
			}
		}
		if (line > INT_MAX)
			line = INT_MAX;
		return (app_fail(ld, (int)line, NULL, "%s (at byte %zu)",
		    problem, parser->problem_offset));
	default:
		line = parser->problem_mark.line + 1;
		if (parser->context != NULL)
			return (app_fail(ld, (int)line, NULL,
			    "%s (%s at line %zu)", problem, parser->context,
			    parser->context_mark.line + 1));
		return (app_fail(ld, (int)line, NULL, "%s", problem));
	}
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

/* ---- refs and cycles ---------------------------------------------- */

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

static size_t
app_index(struct app *app, const char *ref)
{
	size_t	i;

	for (i = 0; i < app->nentries; i++)
		if (strcmp(app->entries[i]->ref, ref) == 0)
			break;
	return (i);
}

/* The line where e imports ref. */
static int
app_import_line(struct app_loader *ld, struct app_entry *e, const char *ref)
{
	size_t	i;

	for (i = 0; i < ld->nchecks; i++) {
		if (ld->checks[i].entry == e && ld->checks[i].alias != NULL &&
		    strcmp(ld->checks[i].ref, ref) == 0)
			return (ld->checks[i].line);
	}
	return (e->line);
}

/* Depth-first over imports; color is 0 unseen, 1 on the stack, 2 done.
 * A cycle is reported where its first entry imports the next one. */
static int
app_visit(struct app_loader *ld, size_t i, char *color, size_t *stack,
    size_t *depth)
{
	struct app_entry	*e = ld->app->entries[i], *first, *next;
	char			 msg[1024];
	size_t			 j, k, m, start, len;

	color[i] = 1;
	stack[(*depth)++] = i;
	for (k = 0; k < e->nimports; k++) {
		j = app_index(ld->app, e->imports[k].ref);
		if (j == ld->app->nentries)
			continue;	/* reported by app_check_refs */
		if (color[j] == 0) {
			if (app_visit(ld, j, color, stack, depth) == -1)
				return (-1);
			continue;
		}
		if (color[j] == 2)
			continue;

		for (start = 0; stack[start] != j; start++)
			;
		len = snprintf(msg, sizeof msg, "import cycle:");
		for (m = start; m < *depth && len < sizeof msg; m++)
			len += snprintf(msg + len, sizeof msg - len, " %s ->",
			    ld->app->entries[stack[m]]->ref);
		if (len < sizeof msg)
			snprintf(msg + len, sizeof msg - len, " %s",
			    ld->app->entries[j]->ref);
		first = ld->app->entries[j];
		next = start + 1 < *depth ?
		    ld->app->entries[stack[start + 1]] : first;
		return (app_failat(ld, first->file,
		    app_import_line(ld, first, next->ref), NULL, "%s", msg));
	}
	color[i] = 2;
	(*depth)--;
	return (0);
}

static int
app_check_cycles(struct app_loader *ld)
{
	struct app	*app = ld->app;
	char		*color;
	size_t		*stack, depth = 0, i;
	int		 rc = 0;

	if (app->nentries == 0)
		return (0);
	color = calloc(app->nentries, 1);
	stack = calloc(app->nentries, sizeof *stack);
	if (color == NULL || stack == NULL) {
		free(color);
		free(stack);
		return (app_oom(ld));
	}
	for (i = 0; i < app->nentries && rc == 0; i++) {
		if (app->entries[i]->kind == APP_LIBRARY && color[i] == 0)
			rc = app_visit(ld, i, color, stack, &depth);
	}
	free(color);
	free(stack);
	return (rc);
}

/* ---- libraries for INIT ------------------------------------------- */

/* {alias: ref} of e's imports, made once (a library's is shared by every
 * entry that reaches it); NULL when out of memory. */
static json_t *
app_imports_json(struct app_entry *e)
{
	json_t	*o;
	size_t	 i;

	if (e->init_imports != NULL)
		return (e->init_imports);
	if ((o = json_object()) == NULL)
		return (NULL);
	for (i = 0; i < e->nimports; i++) {
		if (json_object_set_new(o, e->imports[i].alias,
		    json_string(e->imports[i].ref)) == -1) {
			json_decref(o);
			return (NULL);
		}
	}
	return (e->init_imports = o);
}

/*
 * The sources travel raw after the arguments, not as JSON strings: escaping
 * 100 KiB of Lua on every spawn and parsing it back in the worker cost
 * about 4 ms a spawn (docs/libraries.md).
 */
int
app_libraries(struct app *app, struct app_entry *e, json_t **importsp,
    json_t **libsp, size_t *textp, char *err, size_t errlen)
{
	struct app_entry	**todo, *x, *lib;
	json_t			 *imports, *libs = NULL, *lj;
	size_t			  ntodo = 0, next, i, at = 0;

	*importsp = *libsp = NULL;
	*textp = 0;
	if (e->nimports == 0)
		return (0);
	if (e->init_libs != NULL) {
		*importsp = e->init_imports;
		*libsp = e->init_libs;
		*textp = e->init_text;
		return (0);
	}

	/* Breadth first over imports; each library is queued once. */
	if ((todo = calloc(app->nentries + 1, sizeof *todo)) == NULL ||
	    (imports = app_imports_json(e)) == NULL ||
	    (libs = json_object()) == NULL)
		goto oom;
	todo[ntodo++] = e;
	for (next = 0; next < ntodo; next++) {
		x = todo[next];
		for (i = 0; i < x->nimports; i++) {
			if (json_object_get(libs, x->imports[i].ref) != NULL)
				continue;
			lib = app_find(app, x->imports[i].ref, APP_LIBRARY);
			if (lib == NULL || ntodo > app->nentries) {
				/* app_load refused this already */
				snprintf(err, errlen, "%s: import '%s': no "
				    "library %s", x->ref, x->imports[i].alias,
				    x->imports[i].ref);
				goto fail;
			}
			if ((imports = app_imports_json(lib)) == NULL)
				goto oom;
			lj = json_pack("{s:s,s:O,s:I,s:I}", "chunk", lib->chunk,
			    "imports", imports, "at", (json_int_t)at,
			    "size", (json_int_t)lib->source_len);
			if (json_object_set_new(libs, lib->ref, lj) == -1)
				goto oom;
			at += lib->source_len;
			todo[ntodo++] = lib;
		}
	}
	/* todo[1..] are the libraries in the order of their text */
	memmove(todo, todo + 1, (ntodo - 1) * sizeof *todo);
	e->init_closure = todo;
	e->init_nclosure = ntodo - 1;
	e->init_text = at;
	e->init_libs = libs;
	return (app_libraries(app, e, importsp, libsp, textp, err, errlen));

oom:
	snprintf(err, errlen, "out of memory");
fail:
	free(todo);
	json_decref(libs);
	return (-1);
}

void
app_library_text(const struct app_entry *e, char *dst)
{
	size_t	i;

	for (i = 0; i < e->init_nclosure; i++) {
		memcpy(dst, e->init_closure[i]->source,
		    e->init_closure[i]->source_len);
		dst += e->init_closure[i]->source_len;
	}
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
	    app_check_cycles(&ld) == 0) {
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
