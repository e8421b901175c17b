/*
 * A host's permissions key (spec section 6):
 *
 *	permissions:
 *	  spawn: [app:tight]	# or "*"; default: its own host only
 *	  control: children	# any (default), children or none
 *	  registry: false	# default true
 *
 * Checked like every other key: an unknown key, a bad value or a spawn
 * entry that names no host stops the load with file:line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "app.h"
#include "app_int.h"

static const char *const app_perm_keys[] = {
	"spawn", "control", "registry", NULL
};

static const char *const app_perm_controls[] = {
	[APP_CONTROL_ANY] = "any",
	[APP_CONTROL_CHILDREN] = "children",
	[APP_CONTROL_NONE] = "none",
};

/* spawn: "*", or a list of host refs ("*" among them means any too). */
static int
app_perm_spawn(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	struct app_perm	 *perm = &e->host.perm;
	yaml_node_item_t *it;
	yaml_node_t	 *n;
	const char	 *s;
	size_t		  count;

	if (v->type == YAML_SCALAR_NODE && !app_yaml_is_null(v) &&
	    strcmp(app_yaml_text(v), "*") == 0) {
		perm->spawn = APP_SPAWN_ANY;
		return (0);
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return (app_fail(ld, app_yaml_line(v), name,
		    "'spawn' must be a list of host refs or \"*\""));
	perm->spawn = APP_SPAWN_LIST;
	count = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	if (count == 0)
		return (0);
	perm->spawn_hosts = calloc(count, sizeof *perm->spawn_hosts);
	if (perm->spawn_hosts == NULL)
		return (app_oom(ld));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		n = APP_NODE(ld, *it);
		if (app_yaml_str(ld, name, "spawn", n, &s) == -1)
			return (-1);
		if (strcmp(s, "*") == 0) {
			perm->spawn = APP_SPAWN_ANY;
			continue;
		}
		if (!app_entry_valid_ref(s))
			return (app_fail(ld, app_yaml_line(n), name,
			    "spawn: bad ref '%.64s' (expected namespace:name)",
			    s));
		if ((perm->spawn_hosts[perm->nspawn_hosts] =
		    app_strdup(ld, s)) == NULL)
			return (-1);
		if (app_add_check(ld, e, app_yaml_line(n), APP_HOST, NULL,
		    "spawn", perm->spawn_hosts[perm->nspawn_hosts++]) == -1)
			return (-1);
	}
	return (0);
}

static int
app_perm_key(struct app_loader *ld, struct app_entry *e, const char *name,
    const char *key, yaml_node_t *v)
{
	struct app_perm	*perm = &e->host.perm;
	const char	*s;
	size_t		 i;

	if (strcmp(key, "spawn") == 0)
		return (app_perm_spawn(ld, e, name, v));
	if (strcmp(key, "registry") == 0)
		return (app_yaml_bool(ld, name, key, v, &perm->registry));
	/* control */
	if (app_yaml_str(ld, name, key, v, &s) == -1)
		return (-1);
	for (i = 0; i < sizeof app_perm_controls /
	    sizeof app_perm_controls[0]; i++) {
		if (strcmp(s, app_perm_controls[i]) == 0) {
			perm->control = (enum app_control)i;
			return (0);
		}
	}
	return (app_fail(ld, app_yaml_line(v), name,
	    "'control' must be any, children or none, not '%.64s'", s));
}

int
app_perm_load(struct app_loader *ld, struct app_entry *e, const char *name,
    yaml_node_t *v)
{
	return (app_entry_mapping(ld, e, name, "permissions", v,
	    app_perm_keys, app_perm_key));
}

void
app_perm_free(struct app_perm *perm)
{
	size_t	i;

	for (i = 0; i < perm->nspawn_hosts; i++)
		free(perm->spawn_hosts[i]);
	free(perm->spawn_hosts);
	perm->spawn_hosts = NULL;
	perm->nspawn_hosts = 0;
}
