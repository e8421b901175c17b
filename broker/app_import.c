/*
 * Imports and modules: the imports and modules keys of process.lua and
 * library.lua entries, the check that imports never form a cycle, and the
 * closure of libraries an entry reaches, which the INIT frame carries.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

#include "app.h"
#include "app_int.h"

static const char *const app_import_builtins[] = { "time", "json", NULL };

static int
app_import_builtin(const char *s)
{
	size_t	i;

	for (i = 0; app_import_builtins[i] != NULL; i++)
		if (strcmp(app_import_builtins[i], s) == 0)
			return (1);
	return (0);
}

int
app_import_list(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *r;
	struct app_import	*imp;
	const char		*alias, *ref;
	size_t			 n, i;

	if (app_yaml_is_null(v))
		return (0);
	if (v->type != YAML_MAPPING_NODE)
		return (app_fail(ld, app_yaml_line(v), name,
		    "'imports' must be a mapping of alias: ref"));
	n = v->data.mapping.pairs.top - v->data.mapping.pairs.start;
	if (n > APP_IMPORTS_MAX)
		return (app_fail(ld, app_yaml_line(v), name,
		    "too many imports (%zu, limit %d)", n, APP_IMPORTS_MAX));
	if (n == 0)
		return (0);
	if ((e->imports = calloc(n, sizeof *e->imports)) == NULL)
		return (app_oom(ld));

	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	    p++) {
		k = APP_NODE(ld, p->key);
		r = APP_NODE(ld, p->value);
		if (app_yaml_str(ld, name, "imports", k, &alias) == -1)
			return (-1);
		if (!app_entry_valid_dotted(alias))
			return (app_fail(ld, app_yaml_line(k), name,
			    "import alias '%.64s' is not a valid module name",
			    alias));
		if (app_import_builtin(alias))
			return (app_fail(ld, app_yaml_line(k), name,
			    "import alias '%s' shadows the built-in module",
			    alias));
		for (i = 0; i < e->nimports; i++) {
			if (strcmp(e->imports[i].alias, alias) == 0)
				return (app_fail(ld, app_yaml_line(k), name,
				    "duplicate import alias '%s'", alias));
		}
		if (app_yaml_str(ld, name, "imports", r, &ref) == -1)
			return (-1);
		if (!app_entry_valid_ref(ref))
			return (app_fail(ld, app_yaml_line(r), name,
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
		if (app_add_check(ld, e, app_yaml_line(k), APP_LIBRARY,
		    imp->alias, NULL, imp->ref) == -1)
			return (-1);
	}
	return (0);
}

int
app_import_modules(struct app_loader *ld, struct app_entry *e,
    const char *name, yaml_node_t *v)
{
	yaml_node_item_t	*it;
	yaml_node_t		*m;
	const char		*s;
	size_t			 i, nknown;

	if (app_yaml_is_null(v))
		return (0);
	if (v->type != YAML_SEQUENCE_NODE)
		return (app_fail(ld, app_yaml_line(v), name,
		    "'modules' must be a sequence"));
	for (nknown = 0; app_import_builtins[nknown] != NULL; nknown++)
		;
	/* Known and unique, so never more than nknown of them. */
	if ((e->modules = calloc(nknown, sizeof *e->modules)) == NULL)
		return (app_oom(ld));

	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		m = APP_NODE(ld, *it);
		if (app_yaml_str(ld, name, "modules", m, &s) == -1)
			return (-1);
		if (!app_import_builtin(s))
			return (app_fail(ld, app_yaml_line(m), name,
			    "unknown module '%.64s' (known: time, json)", s));
		for (i = 0; i < e->nmodules; i++) {
			if (strcmp(e->modules[i], s) == 0)
				return (app_fail(ld, app_yaml_line(m), name,
				    "module '%s' listed twice", s));
		}
		if ((e->modules[e->nmodules] = app_strdup(ld, s)) == NULL)
			return (-1);
		e->nmodules++;
	}
	return (0);
}

/* ---- cycles ------------------------------------------------------- */

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
app_import_visit(struct app_loader *ld, size_t i, char *color, size_t *stack,
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
			if (app_import_visit(ld, j, color, stack, depth) == -1)
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

int
app_import_cycles(struct app_loader *ld)
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
			rc = app_import_visit(ld, i, color, stack, &depth);
	}
	free(color);
	free(stack);
	return (rc);
}

/* ---- libraries for INIT ------------------------------------------- */

/* {alias: ref} of e's imports, made once (a library's is shared by every
 * entry that reaches it); NULL when out of memory. */
static json_t *
app_import_json(struct app_entry *e)
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
 * e's libraries named by their numbers among the zygotes' chunks, when
 * each has one: its text is then in every child of a zygote, and a spawn
 * on one moves none of it. Returns 0 (also when some library has no
 * number: then there is no such list) or -1 when out of memory.
 */
static int
app_zlibs(struct app_entry *e)
{
	struct app_entry	*lib;
	json_t			*zlibs, *imports;
	size_t			 i;

	for (i = 0; i < e->init_nclosure; i++) {
		if (e->init_closure[i]->zchunk == 0)
			return (0);
	}
	if ((zlibs = json_object()) == NULL)
		return (-1);
	for (i = 0; i < e->init_nclosure; i++) {
		lib = e->init_closure[i];
		if ((imports = app_import_json(lib)) == NULL ||
		    json_object_set_new(zlibs, lib->ref, json_pack(
		    "{s:s,s:O,s:I,s:I}", "chunk", lib->chunk, "imports",
		    imports, "zchunk", (json_int_t)(lib->zchunk - 1), "size",
		    (json_int_t)lib->source_len)) == -1) {
			json_decref(zlibs);
			return (-1);
		}
	}
	e->init_zlibs = zlibs;
	return (0);
}

/*
 * The sources travel raw after the arguments, not as JSON strings: escaping
 * 100 KiB of Lua on every spawn and parsing it back in the worker cost
 * about 4 ms a spawn (docs/libraries.md).
 */
int
app_libraries(struct app *app, struct app_entry *e, int zchunks,
    json_t **importsp, json_t **libsp, size_t *textp, char *err,
    size_t errlen)
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
		if (zchunks && e->init_zlibs != NULL) {
			*libsp = e->init_zlibs;
			*textp = 0;
		}
		return (0);
	}

	/* Breadth first over imports; each library is queued once. */
	if ((todo = calloc(app->nentries + 1, sizeof *todo)) == NULL ||
	    (imports = app_import_json(e)) == NULL ||
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
			if ((imports = app_import_json(lib)) == NULL)
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
	if (app_zlibs(e) != 0) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	return (app_libraries(app, e, zchunks, importsp, libsp, textp, err,
	    errlen));

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
