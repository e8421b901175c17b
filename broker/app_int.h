/*
 * Inside the app loader: what app.c, app_yaml.c, app_entry.c and
 * app_import.c share while app_load() runs. Not for the rest of the broker,
 * which uses app.h.
 */
#ifndef APP_INT_H
#define APP_INT_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <lua.h>
#include <yaml.h>

#include "app.h"

#define APP_FILE_MAX	(16u * 1024 * 1024)	/* a source, a manifest */
#define APP_DIR_DEPTH	64	/* directories below the root */
#define APP_JSON_DEPTH	64	/* meta and input nesting */
#define APP_JSON_NODES	100000	/* meta and input nodes, via aliases too */
#define APP_NAME_MAX	128	/* a name, a namespace or an alias */
#define APP_IMPORTS_MAX	1024
#define APP_POOL_MAX	1024	/* pre-started workers per host */
#define APP_NAMES_MAX	1000000	/* max_names */
#define APP_PRINT_LIMIT_MAX	(8u * 1024 * 1024)	/* print_limit */

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

#define APP_NODE(ld, i)	yaml_document_get_node(&(ld)->doc, (i))

/* app.c */
int		 app_failat(struct app_loader *, const char *, int,
		    const char *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));
int		 app_fail(struct app_loader *, int, const char *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
int		 app_oom(struct app_loader *);
char		*app_strdup(struct app_loader *, const char *);
char		*app_printf(struct app_loader *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 app_append(struct app *, struct app_entry *);
struct app_entry *app_lookup(struct app *, const char *);
size_t		 app_index(struct app *, const char *);
int		 app_read_file(const char *, char **, size_t *, char *,
		    size_t);
int		 app_syntax(lua_State *, const struct app_entry *, char *,
		    size_t);
int		 app_add_check(struct app_loader *, struct app_entry *, int,
		    enum app_kind, const char *, const char *, const char *);

/* app_yaml.c */
int		 app_yaml_line(const yaml_node_t *);
const char	*app_yaml_text(const yaml_node_t *);
int		 app_yaml_is_null(const yaml_node_t *);
int		 app_yaml_key(struct app_loader *, const char *, const char *,
		    const yaml_node_t *, const char *const *, unsigned *,
		    const char **);
int		 app_yaml_str(struct app_loader *, const char *, const char *,
		    const yaml_node_t *, const char **);
int		 app_yaml_bool(struct app_loader *, const char *, const char *,
		    const yaml_node_t *, int *);
int		 app_yaml_uint(struct app_loader *, const char *, const char *,
		    const yaml_node_t *, long long, long long, unsigned *);
int		 app_yaml_size(struct app_loader *, const char *, const char *,
		    const yaml_node_t *, uint64_t *);
int		 app_yaml_duration(struct app_loader *, const char *,
		    const char *, const yaml_node_t *, int, int64_t *);
json_t		*app_yaml_json(struct app_loader *, const char *, const char *,
		    yaml_node_t *, int, size_t *);
int		 app_yaml_error(struct app_loader *, yaml_parser_t *, FILE *);

/* app_entry.c */
/* Per key of a mapping read by app_entry_mapping; key is the allowed key
 * as spelled in the list, v its value. */
typedef int (*app_entry_key_fn)(struct app_loader *, struct app_entry *,
    const char *, const char *, yaml_node_t *);
int		 app_entry_mapping(struct app_loader *, struct app_entry *,
		    const char *, const char *, yaml_node_t *,
		    const char *const *, app_entry_key_fn);
int		 app_entry_valid_dotted(const char *);
int		 app_entry_valid_ref(const char *);
int		 app_entry_load(struct app_loader *, yaml_node_t *);
void		 app_entry_free(struct app_entry *);

/* app_perm.c */
int		 app_perm_load(struct app_loader *, struct app_entry *,
		    const char *, yaml_node_t *);
void		 app_perm_free(struct app_perm *);

/* app_import.c */
int		 app_import_list(struct app_loader *, struct app_entry *,
		    const char *, yaml_node_t *);
int		 app_import_modules(struct app_loader *, struct app_entry *,
		    const char *, yaml_node_t *);
int		 app_import_cycles(struct app_loader *);

#endif
