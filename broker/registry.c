/* Registered names: name -> process, released when the process exits. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forkbox/proto.h"
#include "broker.h"
#include "log.h"

int
registry_name_valid(const char *name, const char **cause)
{
	size_t	len = strlen(name);

	if (len == 0)
		*cause = "name is empty";
	else if (len > FB_NAME_MAX)
		*cause = "name longer than 255 bytes";
	else if (name[0] == '{')
		*cause = "name may not start with '{'";
	else
		return (1);
	return (0);
}

int
registry_register(struct proc *p, const char *name, char *err, size_t errlen)
{
	struct proc	 *holder;
	const char	 *cause;
	char		**names;

	if (!registry_name_valid(name, &cause)) {
		snprintf(err, errlen, "bad name: %s", cause);
		return (-1);
	}
	holder = hmap_get(&broker->names, name);
	if (holder == p)
		return (0);
	if (holder != NULL) {
		snprintf(err, errlen, "name taken: %s is registered to %s",
		    name, holder->pid);
		return (-1);
	}
	names = reallocarray(p->names, p->nnames + 1, sizeof *names);
	if (names == NULL)
		fatalx("out of memory");
	p->names = names;
	if ((names[p->nnames] = strdup(name)) == NULL ||
	    hmap_put(&broker->names, name, p) != 0)
		fatalx("out of memory");
	p->nnames++;
	return (0);
}

/* Returns 1 when the name was registered, 0 when it was not. */
int
registry_unregister(const char *name)
{
	struct proc	*p;
	size_t		 i;

	if ((p = hmap_del(&broker->names, name)) == NULL)
		return (0);
	for (i = 0; i < p->nnames; i++) {
		if (strcmp(p->names[i], name) == 0) {
			free(p->names[i]);
			p->names[i] = p->names[--p->nnames];
			break;
		}
	}
	return (1);
}

struct proc *
registry_lookup(const char *name)
{
	return (hmap_get(&broker->names, name));
}

/* Drop every name a process holds (at exit, before its events go out). */
void
registry_release(struct proc *p)
{
	size_t	i;

	for (i = 0; i < p->nnames; i++) {
		if (hmap_get(&broker->names, p->names[i]) == p)
			hmap_del(&broker->names, p->names[i]);
		free(p->names[i]);
	}
	free(p->names);
	p->names = NULL;
	p->nnames = 0;
}
