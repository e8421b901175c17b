/*
 * One entry of a manifest: its name and kind, then the keys its kind
 * allows (process.lua, library.lua, process.host, process.service), each
 * checked and turned into a field of struct app_entry.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

#include "forkbox/proto.h"
#include "app.h"
#include "app_int.h"
#include "log.h"

/* Keys allowed in each place; the index is the bit in a "seen" mask. */
static const char *const app_entry_keys_process[] = {
	"name", "kind", "meta", "source", "method", "imports", "modules", NULL
};
static const char *const app_entry_keys_library[] = {
	"name", "kind", "meta", "source", "imports", "modules", NULL
};
/* lifecycle is accepted on hosts because every Wippy process.host has one. */
static const char *const app_entry_keys_host[] = {
	"name", "kind", "meta", "host", "lifecycle", NULL
};
static const char *const app_entry_keys_service[] = {
	"name", "kind", "meta", "process", "host", "input", "lifecycle", NULL
};
static const char *const app_entry_keys_limits[] = {
	"max_processes", "memory_limit", "cpu_limit", "wall_limit",
	"max_message_size", "mailbox_limit", "pool", "sandbox", "max_names",
	"permissions", "print_limit", "output", "send_pause", NULL
};
static const char *const app_entry_keys_host_lifecycle[] = {
	"auto_start", NULL
};
static const char *const app_entry_keys_lifecycle[] = {
	"auto_start", "restart", NULL
};
static const char *const app_entry_keys_restart[] = {
	"max_attempts", "initial_delay", "max_delay", NULL
};

static const struct app_entry_kind {
	const char		*name;
	enum app_kind		 kind;
	const char *const	*keys;
} app_entry_kinds[] = {
	{ "process.lua", APP_PROCESS, app_entry_keys_process },
	{ "library.lua", APP_LIBRARY, app_entry_keys_library },
	{ "process.host", APP_HOST, app_entry_keys_host },
	{ "process.service", APP_SERVICE, app_entry_keys_service },
};

const char *
app_kind_name(enum app_kind kind)
{
	size_t	i;

	for (i = 0; i < sizeof app_entry_kinds / sizeof app_entry_kinds[0]; i++)
		if (app_entry_kinds[i].kind == kind)
			return (app_entry_kinds[i].name);
	return ("unknown");
}

/* ---- names -------------------------------------------------------- */

static int
app_entry_isalpha(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
}

static int
app_entry_isalnum(int c)
{
	return (app_entry_isalpha(c) || (c >= '0' && c <= '9'));
}

/* Identifiers joined by single dots: namespaces, and the Lua module names
 * given to require() as import aliases. */
int
app_entry_valid_dotted(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > APP_NAME_MAX)
		return (0);
	for (i = 0; i < n; i++) {
		if (i == 0 || s[i - 1] == '.') {
			if (!app_entry_isalpha((unsigned char)s[i]))
				return (0);
		} else if (s[i] != '.' &&
		    !app_entry_isalnum((unsigned char)s[i]))
			return (0);
	}
	return (s[n - 1] != '.');
}

/* Entry names as Wippy writes them ("relay-service", "create.endpoint"):
 * nothing that could be taken for a ref or pid separator. */
static int
app_entry_valid_name(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > APP_NAME_MAX ||
	    !app_entry_isalnum((unsigned char)s[0]))
		return (0);
	for (i = 1; i < n; i++) {
		if (!app_entry_isalnum((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != '-')
			return (0);
	}
	return (1);
}

/* "namespace:name". */
int
app_entry_valid_ref(const char *s)
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
	return (app_entry_valid_dotted(ns) && app_entry_valid_name(colon + 1));
}

/* ---- keys --------------------------------------------------------- */

/* Join a source path to the directory of its manifest, resolving "." and
 * ".." so the chunk name is a plain path below the app root. */
static char *
app_entry_path(const char *dir, const char *path, char *why, size_t whylen)
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

/*
 * An inline source (a YAML string, not file://). It is kept behind as many
 * newlines as there are manifest lines above its first line, so that the
 * line numbers Lua reports, at load time and at run time, are lines of the
 * _index.yaml. A block scalar ("|", ">") starts on the line after its
 * indicator; in a folded or quoted one the lines are approximate.
 */
static int
app_entry_inline(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	size_t	pad;
	int	first = app_yaml_line(v);

	if (v->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	    v->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
		first++;
	pad = (size_t)first - 1;
	/* The manifest is capped at APP_FILE_MAX, so this is too. */
	e->source_len = pad + v->data.scalar.length;
	if ((e->source = malloc(e->source_len + 1)) == NULL)
		return (app_oom(ld));
	memset(e->source, '\n', pad);
	memcpy(e->source + pad, app_yaml_text(v), v->data.scalar.length + 1);
	e->source_line = first;
	if ((e->chunk = app_printf(ld, "%s:%s", ld->rel, name)) == NULL)
		return (-1);
	return (0);
}

/* A syntax error in an inline source: reported at the manifest line Lua
 * names after the chunk name, with the rest of Lua's message. */
static int
app_entry_inline_fail(struct app_loader *ld, struct app_entry *e,
    const char *name, const char *why)
{
	size_t		 n = strlen(e->chunk);
	const char	*p = why;
	long		 line = 0;

	if (strncmp(p, e->chunk, n) != 0 || p[n] != ':')
		return (app_fail(ld, e->source_line, name, "%s", why));
	for (p += n + 1; *p >= '0' && *p <= '9' && line < INT_MAX; p++)
		line = line * 10 + (*p - '0');
	if (line == 0 || line >= INT_MAX || strncmp(p, ": ", 2) != 0)
		return (app_fail(ld, e->source_line, name, "%s", why));
	return (app_fail(ld, (int)line, name, "%s", p + 2));
}

static int
app_entry_source(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	const char	*s, *path;
	char		*full, why[1024];
	int		 line = app_yaml_line(v);

	if (app_yaml_str(ld, name, "source", v, &s) == -1)
		return (-1);
	if (strncmp(s, "file://", 7) == 0) {
		path = s + 7;
		e->chunk = app_entry_path(ld->reldir, path, why, sizeof why);
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
	} else if (app_entry_inline(ld, e, name, v) == -1)
		return (-1);
	if (app_syntax(ld->L, e, why, sizeof why) == -1) {
		if (e->source_line == 0)
			return (app_fail(ld, line, name, "%s", why));
		/* Lua's "chunk:N: msg", N already a line of the manifest */
		return (app_entry_inline_fail(ld, e, name, why));
	}
	return (0);
}

/* The mapping under key (host, lifecycle, restart, permissions), null for
 * none: each of its keys checked against keys and handed to fn with its
 * value. */
int
app_entry_mapping(struct app_loader *ld, struct app_entry *e,
    const char *name, const char *key, yaml_node_t *m,
    const char *const *keys, app_entry_key_fn fn)
{
	yaml_node_pair_t	*p;
	const char		*k;
	char			 where[32];
	unsigned		 seen = 0;

	if (app_yaml_is_null(m))
		return (0);
	if (m->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_yaml_line(m), name,
		    "'%s' must be a mapping", key));
	snprintf(where, sizeof where, " in %s", key);
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		if (app_yaml_key(ld, name, where, APP_NODE(ld, p->key), keys,
		    &seen, &k) == -1)
			return (-1);
		if (fn(ld, e, name, k, APP_NODE(ld, p->value)) == -1)
			return (-1);
	}
	return (0);
}

/* One key of a host's host mapping. */
static int
app_entry_limit(struct app_loader *ld, struct app_entry *e, const char *name,
    const char *key, yaml_node_t *v)
{
	struct app_host	*h = &e->host;
	const char	*s;

	if (strcmp(key, "max_processes") == 0) {
		if (app_yaml_uint(ld, name, key, v, 1, UINT_MAX,
		    &h->max_processes) == -1)
			return (-1);
	} else if (strcmp(key, "memory_limit") == 0) {
		if (app_yaml_size(ld, name, key, v, &h->memory_limit) == -1)
			return (-1);
	} else if (strcmp(key, "cpu_limit") == 0) {
		if (app_yaml_duration(ld, name, key, v, 1,
		    &h->cpu_limit_us) == -1)
			return (-1);
	} else if (strcmp(key, "wall_limit") == 0) {
		if (app_yaml_duration(ld, name, key, v, 1,
		    &h->wall_limit_us) == -1)
			return (-1);
	} else if (strcmp(key, "max_message_size") == 0) {
		if (app_yaml_size(ld, name, key, v,
		    &h->max_message_size) == -1)
			return (-1);
		/* A message must fit in one frame with its envelope: at
		 * FB_FRAME_MAX itself the broker's frame to the receiver
		 * would be refused by the receiving worker. */
		if (h->max_message_size > FB_FRAME_MAX - FB_ENVELOPE_MAX)
			return (app_fail(ld, app_yaml_line(v), name,
			    "%s: over what a frame holds (%u MiB less %u KiB "
			    "for the envelope)", key, FB_FRAME_MAX /
			    (1024 * 1024), FB_ENVELOPE_MAX / 1024));
	} else if (strcmp(key, "mailbox_limit") == 0) {
		if (app_yaml_size(ld, name, key, v, &h->mailbox_limit) == -1)
			return (-1);
	} else if (strcmp(key, "send_pause") == 0) {
		if (app_yaml_duration(ld, name, key, v, 0,
		    &h->send_pause_us) == -1)
			return (-1);
	} else if (strcmp(key, "pool") == 0) {
		if (app_yaml_uint(ld, name, key, v, 0, APP_POOL_MAX,
		    &h->pool) == -1)
			return (-1);
	} else if (strcmp(key, "max_names") == 0) {
		if (app_yaml_uint(ld, name, key, v, 0, APP_NAMES_MAX,
		    &h->max_names) == -1)
			return (-1);
	} else if (strcmp(key, "print_limit") == 0) {
		if (app_yaml_size(ld, name, key, v, &h->print_limit) == -1)
			return (-1);
		/* Captured, it must fit one EXIT event, escaped. */
		if (h->print_limit > APP_PRINT_LIMIT_MAX)
			return (app_fail(ld, app_yaml_line(v), name,
			    "%s: larger than %u MiB", key,
			    APP_PRINT_LIMIT_MAX / (1024 * 1024)));
	} else if (strcmp(key, "output") == 0) {
		if (app_yaml_str(ld, name, key, v, &s) == -1)
			return (-1);
		if (strcmp(s, "log") == 0 || strcmp(s, "capture") == 0)
			h->output_capture = strcmp(s, "capture") == 0;
		else
			return (app_fail(ld, app_yaml_line(v), name,
			    "'output' must be log or capture, not '%.64s'",
			    s));
	} else if (strcmp(key, "permissions") == 0) {
		if (app_perm_load(ld, e, name, v) == -1)
			return (-1);
	} else if (strcmp(key, "sandbox") == 0) {
		if (app_yaml_str(ld, name, key, v, &s) == -1)
			return (-1);
		if (strcmp(s, "strict") == 0)
			h->sandbox_strict = 1;
		else if (strcmp(s, "none") == 0)
			h->sandbox_strict = 0;
		else
			return (app_fail(ld, app_yaml_line(v), name,
			    "'sandbox' must be strict or none, not '%.64s'",
			    s));
	}
	return (0);
}

/* One key of a service's lifecycle.restart mapping. */
static int
app_entry_restart_key(struct app_loader *ld, struct app_entry *e,
    const char *name, const char *key, yaml_node_t *v)
{
	struct app_service	*svc = &e->service;

	if (strcmp(key, "max_attempts") == 0) {
		if (app_yaml_uint(ld, name, key, v, 0, INT_MAX,
		    &svc->max_attempts) == -1)
			return (-1);
	} else if (strcmp(key, "initial_delay") == 0) {
		if (app_yaml_duration(ld, name, key, v, 0,
		    &svc->initial_delay_us) == -1)
			return (-1);
	} else if (strcmp(key, "max_delay") == 0) {
		if (app_yaml_duration(ld, name, key, v, 0,
		    &svc->max_delay_us) == -1)
			return (-1);
	}
	return (0);
}

static int
app_entry_restart(struct app_loader *ld, struct app_entry *e,
    const char *name, yaml_node_t *m)
{
	struct app_service	*svc = &e->service;

	if (app_entry_mapping(ld, e, name, "restart", m,
	    app_entry_keys_restart, app_entry_restart_key) == -1)
		return (-1);
	/* Null leaves the defaults, which are in order. */
	if (m->type == YAML_MAPPING_NODE &&
	    svc->initial_delay_us > svc->max_delay_us)
		return (app_fail(ld, app_yaml_line(m), name,
		    "restart: initial_delay is longer than max_delay"));
	return (0);
}

/* One key of a host's or a service's lifecycle mapping. */
static int
app_entry_lifecycle_key(struct app_loader *ld, struct app_entry *e,
    const char *name, const char *key, yaml_node_t *v)
{
	int	ignored;

	if (strcmp(key, "auto_start") == 0) {
		/* A host is always there: checked, then ignored. */
		if (app_yaml_bool(ld, name, key, v, e->kind == APP_HOST ?
		    &ignored : &e->service.auto_start) == -1)
			return (-1);
	} else if (strcmp(key, "restart") == 0) {
		if (app_entry_restart(ld, e, name, v) == -1)
			return (-1);
	}
	return (0);
}

static int
app_entry_service_ref(struct app_loader *ld, struct app_entry *e,
    const char *name, const char *key, yaml_node_t *v, enum app_kind want,
    char **out)
{
	const char	*s;

	if (app_yaml_str(ld, name, key, v, &s) == -1)
		return (-1);
	if (!app_entry_valid_ref(s))
		return (app_fail(ld, app_yaml_line(v), name,
		    "%s: bad ref '%.64s' (expected namespace:name)", key, s));
	if ((*out = app_strdup(ld, s)) == NULL)
		return (-1);
	return (app_add_check(ld, e, app_yaml_line(v), want, NULL, key, *out));
}

/* meta (a mapping) or input (a sequence) as JSON, replacing *out; null
 * leaves *out as it is. */
static int
app_entry_json(struct app_loader *ld, const char *name, const char *key,
    yaml_node_t *v, yaml_node_type_t type, json_t **out)
{
	size_t	budget = APP_JSON_NODES;
	json_t	*j;

	if (app_yaml_is_null(v))
		return (0);
	if (v->type != type)
		return (app_fail(ld, app_yaml_line(v), name,
		    "'%s' must be a %s", key, type == YAML_MAPPING_NODE ?
		    "mapping" : "sequence"));
	if ((j = app_yaml_json(ld, name, key, v, 0, &budget)) == NULL)
		return (-1);
	json_decref(*out);
	*out = j;
	return (0);
}

/* ---- entries ------------------------------------------------------ */

static const struct app_entry_kind *
app_entry_kind_def(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof app_entry_kinds / sizeof app_entry_kinds[0]; i++)
		if (strcmp(app_entry_kinds[i].name, s) == 0)
			return (&app_entry_kinds[i]);
	return (NULL);
}

int
app_entry_load(struct app_loader *ld, yaml_node_t *n)
{
	const struct app_entry_kind	*def;
	struct app_entry		*e, *dup;
	yaml_node_pair_t		*p;
	yaml_node_t			*k, *v, *nname = NULL, *nkind = NULL;
	yaml_node_t			*nsource = NULL, *nproc = NULL;
	yaml_node_t			*nhost = NULL;
	const char			*name, *kind, *key, *s;
	char				 where[64];
	unsigned			 seen = 0;
	int				 line = app_yaml_line(n);

	if (n->type != YAML_MAPPING_NODE)
		return (app_fail(ld, line, NULL, "entry must be a mapping"));

	/* Name and kind first: an unknown kind is skipped unread. */
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = APP_NODE(ld, p->key);
		if (k->type != YAML_SCALAR_NODE)
			continue;
		if (strcmp(app_yaml_text(k), "name") == 0 && nname == NULL)
			nname = APP_NODE(ld, p->value);
		else if (strcmp(app_yaml_text(k), "kind") == 0 && nkind == NULL)
			nkind = APP_NODE(ld, p->value);
	}
	if (nname == NULL)
		return (app_fail(ld, line, NULL, "entry has no 'name'"));
	if (app_yaml_str(ld, NULL, "name", nname, &name) == -1)
		return (-1);
	if (nkind == NULL)
		return (app_fail(ld, line, name, "missing 'kind'"));
	if (app_yaml_str(ld, name, "kind", nkind, &kind) == -1)
		return (-1);
	if ((def = app_entry_kind_def(kind)) == NULL) {
		log_warnx("%s:%d: entry '%.128s': unknown kind '%.64s', "
		    "ignored", ld->file, line, name, kind);
		return (0);
	}
	if (!app_entry_valid_name(name))
		return (app_fail(ld, app_yaml_line(nname), NULL,
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
		if (app_yaml_key(ld, name, where, APP_NODE(ld, p->key),
		    def->keys, &seen, &key) == -1)
			return (-1);
		v = APP_NODE(ld, p->value);
		if (strcmp(key, "meta") == 0) {
			if (app_entry_json(ld, name, key, v,
			    YAML_MAPPING_NODE, &e->meta) == -1)
				return (-1);
		} else if (strcmp(key, "source") == 0)
			nsource = v;	/* read once all keys are good */
		else if (strcmp(key, "method") == 0) {
			free(e->method);
			e->method = NULL;
			if (app_yaml_str(ld, name, key, v, &s) == -1)
				return (-1);
			/* A field of the table the file returns. */
			if (!app_entry_valid_dotted(s) ||
			    strchr(s, '.') != NULL)
				return (app_fail(ld, app_yaml_line(v), name,
				    "bad method '%.64s'", s));
			if ((e->method = app_strdup(ld, s)) == NULL)
				return (-1);
		} else if (strcmp(key, "imports") == 0) {
			if (app_import_list(ld, e, name, v) == -1)
				return (-1);
		} else if (strcmp(key, "modules") == 0) {
			if (app_import_modules(ld, e, name, v) == -1)
				return (-1);
		} else if (strcmp(key, "host") == 0) {
			if (e->kind == APP_HOST) {
				if (app_entry_mapping(ld, e, name, key, v,
				    app_entry_keys_limits,
				    app_entry_limit) == -1)
					return (-1);
			} else
				nhost = v;
		} else if (strcmp(key, "process") == 0)
			nproc = v;
		else if (strcmp(key, "input") == 0) {
			if (app_entry_json(ld, name, key, v,
			    YAML_SEQUENCE_NODE, &e->service.input) == -1)
				return (-1);
		} else if (strcmp(key, "lifecycle") == 0) {
			if (app_entry_mapping(ld, e, name, key, v,
			    e->kind == APP_HOST ?
			    app_entry_keys_host_lifecycle :
			    app_entry_keys_lifecycle,
			    app_entry_lifecycle_key) == -1)
				return (-1);
		}
	}

	switch (e->kind) {
	case APP_PROCESS:
	case APP_LIBRARY:
		if (nsource == NULL)
			return (app_fail(ld, line, name, "missing 'source'"));
		return (app_entry_source(ld, e, name, nsource));
	case APP_SERVICE:
		if (nproc == NULL)
			return (app_fail(ld, line, name, "missing 'process'"));
		if (nhost == NULL)
			return (app_fail(ld, line, name, "missing 'host'"));
		if (app_entry_service_ref(ld, e, name, "process", nproc,
		    APP_PROCESS, &e->service.process) == -1)
			return (-1);
		return (app_entry_service_ref(ld, e, name, "host", nhost,
		    APP_HOST, &e->service.host));
	case APP_HOST:
		break;
	}
	return (0);
}

void
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
	app_perm_free(&e->host.perm);
	free(e->service.process);
	free(e->service.host);
	if (e->service.input != NULL)
		json_decref(e->service.input);
	json_decref(e->init_imports);
	json_decref(e->init_libs);
	json_decref(e->init_zlibs);
	free(e->init_closure);
	free(e);
}
