/*
 * YAML values in a manifest: scalars typed by the YAML 1.2 core schema,
 * mapping keys checked against the keys allowed there, sizes and
 * durations, YAML to JSON for meta and input, and libyaml's own errors.
 * Every mistake is reported as "file:line: ..." through the loader.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

#include "app.h"
#include "app_int.h"
#include "duration.h"

int
app_yaml_line(const yaml_node_t *n)
{
	if (n->start_mark.line >= INT_MAX)
		return (INT_MAX);
	return ((int)n->start_mark.line + 1);
}

const char *
app_yaml_text(const yaml_node_t *n)
{
	return ((const char *)n->data.scalar.value);
}

static int
app_yaml_plain(const yaml_node_t *n)
{
	return (n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
}

/* YAML 1.2 core schema null, for plain scalars only: quoted is a string. */
int
app_yaml_is_null(const yaml_node_t *n)
{
	const char	*s;

	if (!app_yaml_plain(n))
		return (0);
	s = app_yaml_text(n);
	return (*s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0);
}

static int
app_yaml_is_bool(const yaml_node_t *n, int *b)
{
	const char	*s;

	if (!app_yaml_plain(n))
		return (0);
	s = app_yaml_text(n);
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

enum app_yaml_num {
	APP_YAML_NOTNUM,
	APP_YAML_INT,
	APP_YAML_REAL,
	APP_YAML_RANGE
};

static int
app_yaml_digits(const char *s, const char *set)
{
	if (*s == '\0')
		return (0);
	return (s[strspn(s, set)] == '\0');
}

/* Classify a plain scalar as a core schema integer or float. .inf and .nan
 * stay strings: JSON cannot hold them. */
static enum app_yaml_num
app_yaml_number(const yaml_node_t *n, long long *iv, double *dv)
{
	const char	*s, *p;
	char		*end;
	int		 base = 10;

	if (!app_yaml_plain(n))
		return (APP_YAML_NOTNUM);
	s = app_yaml_text(n);
	if (strncmp(s, "0x", 2) == 0 && app_yaml_digits(s + 2,
	    "0123456789abcdefABCDEF"))
		base = 16;
	else if (strncmp(s, "0o", 2) == 0 && app_yaml_digits(s + 2, "01234567"))
		base = 8;
	p = s + (*s == '-' || *s == '+');
	if (base != 10 || app_yaml_digits(p, "0123456789")) {
		errno = 0;
		*iv = strtoll(base == 10 ? s : s + 2, &end, base);
		return (errno == ERANGE ? APP_YAML_RANGE : APP_YAML_INT);
	}

	/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
	if (*p == '.') {
		if (!(p[1] >= '0' && p[1] <= '9'))
			return (APP_YAML_NOTNUM);
		p += 1 + strspn(p + 1, "0123456789");
	} else {
		if (!(*p >= '0' && *p <= '9'))
			return (APP_YAML_NOTNUM);
		p += strspn(p, "0123456789");
		if (*p == '.')
			p += 1 + strspn(p + 1, "0123456789");
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		p += (*p == '-' || *p == '+');
		if (!(*p >= '0' && *p <= '9'))
			return (APP_YAML_NOTNUM);
		p += strspn(p, "0123456789");
	}
	if (*p != '\0')
		return (APP_YAML_NOTNUM);
	errno = 0;
	*dv = strtod(s, &end);
	if (!isfinite(*dv))
		return (APP_YAML_RANGE);
	return (APP_YAML_REAL);
}

/* Check a mapping key against the keys allowed there. seen catches a key
 * given twice, which libyaml accepts and would make one value vanish. */
int
app_yaml_key(struct app_loader *ld, const char *name, const char *where,
    const yaml_node_t *k, const char *const *keys, unsigned *seen,
    const char **key)
{
	const char	*s;
	int		 i;

	if (k->type != YAML_SCALAR_NODE)
		return (app_fail(ld, app_yaml_line(k), name,
		    "keys must be strings%s", where));
	s = app_yaml_text(k);
	for (i = 0; keys[i] != NULL; i++) {
		if (strlen(s) == k->data.scalar.length &&
		    strcmp(keys[i], s) == 0)
			break;
	}
	if (keys[i] == NULL)
		return (app_fail(ld, app_yaml_line(k), name,
		    "unknown key '%.64s'%s", s, where));
	if (*seen & (1u << i))
		return (app_fail(ld, app_yaml_line(k), name,
		    "duplicate key '%s'%s", keys[i], where));
	*seen |= 1u << i;
	*key = keys[i];
	return (0);
}

int
app_yaml_str(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, const char **out)
{
	if (v->type != YAML_SCALAR_NODE || app_yaml_is_null(v))
		return (app_fail(ld, app_yaml_line(v), name,
		    "'%s' must be a string", key));
	if (strlen(app_yaml_text(v)) != v->data.scalar.length)
		return (app_fail(ld, app_yaml_line(v), name,
		    "'%s' contains a NUL byte", key));
	*out = app_yaml_text(v);
	return (0);
}

int
app_yaml_bool(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, int *out)
{
	if (!app_yaml_is_bool(v, out))
		return (app_fail(ld, app_yaml_line(v), name,
		    "'%s' must be true or false", key));
	return (0);
}

int
app_yaml_uint(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, long long min, long long max, unsigned *out)
{
	long long	iv;
	double		dv;

	if (app_yaml_number(v, &iv, &dv) != APP_YAML_INT || iv < min ||
	    iv > max)
		return (app_fail(ld, app_yaml_line(v), name,
		    "'%s' must be an integer from %lld to %lld", key, min,
		    max));
	*out = (unsigned)iv;
	return (0);
}

/* A size: "64MiB", "100B"; a bare number is an error (spec section 6). */
int
app_yaml_size(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, uint64_t *out)
{
	const char	*s;
	char		 why[256];

	if (app_yaml_str(ld, name, key, v, &s) == -1)
		return (-1);
	if (size_parse(s, out, why, sizeof why) == -1)
		return (app_fail(ld, app_yaml_line(v), name, "%s: %s", key,
		    why));
	if (*out == 0)
		return (app_fail(ld, app_yaml_line(v), name,
		    "%s: must be greater than 0", key));
	return (0);
}

/* A duration: "100ms", "1m30s"; a bare number means milliseconds, as
 * everywhere else, unless secs is set (the host's CPU and wall limits are
 * counted in seconds, spec section 6). */
int
app_yaml_duration(struct app_loader *ld, const char *name, const char *key,
    const yaml_node_t *v, int secs, int64_t *out)
{
	const char	*s, *dot;
	char		 why[256];
	int64_t		 sec, frac = 0, scale = 100000;

	if (app_yaml_str(ld, name, key, v, &s) == -1)
		return (-1);
	dot = strchr(s, '.');
	if (secs && (app_yaml_digits(s, "0123456789") || (dot != NULL &&
	    dot != s && s[strspn(s, "0123456789")] == '.' &&
	    app_yaml_digits(dot + 1, "0123456789")))) {
		errno = 0;
		sec = strtoll(s, NULL, 10);
		if (errno == ERANGE || sec > INT64_MAX / 1000000 - 1)
			return (app_fail(ld, app_yaml_line(v), name,
			    "%s: duration out of range \"%.64s\"", key, s));
		for (; dot != NULL && *++dot != '\0' && scale > 0;
		    scale /= 10)
			frac += (*dot - '0') * scale;
		*out = sec * 1000000 + frac;
		return (0);
	}
	if (duration_parse(s, out, why, sizeof why) == -1)
		return (app_fail(ld, app_yaml_line(v), name, "%s: %s", key,
		    why));
	if (*out < 0)
		return (app_fail(ld, app_yaml_line(v), name,
		    "%s: must not be negative", key));
	return (0);
}

/* YAML to JSON for meta and input. Plain scalars follow the core schema
 * (null, booleans, integers, floats); quoted and block scalars stay
 * strings. budget bounds the work, since aliases can make a small file
 * expand to a huge tree. */
json_t *
app_yaml_json(struct app_loader *ld, const char *name, const char *what,
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
		app_fail(ld, app_yaml_line(n), name, "%s: nested too deeply",
		    what);
		return (NULL);
	}
	if (*budget == 0) {
		app_fail(ld, app_yaml_line(n), name, "%s: too large", what);
		return (NULL);
	}
	(*budget)--;

	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (app_yaml_is_null(n))
			return (json_null());
		if (app_yaml_is_bool(n, &b))
			return (json_boolean(b));
		switch (app_yaml_number(n, &iv, &dv)) {
		case APP_YAML_INT:
			return (json_integer(iv));
		case APP_YAML_REAL:
			return (json_real(dv));
		case APP_YAML_RANGE:
			app_fail(ld, app_yaml_line(n), name,
			    "%s: number out of range '%.64s'", what,
			    app_yaml_text(n));
			return (NULL);
		case APP_YAML_NOTNUM:
			break;
		}
		j = json_stringn(app_yaml_text(n), n->data.scalar.length);
		if (j == NULL)
			app_fail(ld, app_yaml_line(n), name,
			    "%s: string is not valid UTF-8", what);
		return (j);
	case YAML_SEQUENCE_NODE:
		if ((j = json_array()) == NULL) {
			app_oom(ld);
			return (NULL);
		}
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			c = app_yaml_json(ld, name, what, APP_NODE(ld, *it),
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
			    strlen(app_yaml_text(k)) != k->data.scalar.length) {
				app_fail(ld, app_yaml_line(k), name,
				    "%s: keys must be strings", what);
				goto fail;
			}
			if (json_object_get(j, app_yaml_text(k)) != NULL) {
				app_fail(ld, app_yaml_line(k), name,
				    "%s: duplicate key '%.64s'", what,
				    app_yaml_text(k));
				goto fail;
			}
			c = app_yaml_json(ld, name, what, v, depth + 1, budget);
			if (c == NULL)
				goto fail;
			/* set_new takes c even when it fails. */
			if (json_object_set_new(j, app_yaml_text(k), c) == -1) {
				app_fail(ld, app_yaml_line(k), name,
				    "%s: bad key '%.64s'", what,
				    app_yaml_text(k));
				goto fail;
			}
		}
		return (j);
	default:
		app_fail(ld, app_yaml_line(n), name, "%s: unexpected node",
		    what);
		return (NULL);
	}

fail:
	json_decref(j);
	return (NULL);
}

/* libyaml's own words and position for a document it could not read. */
int
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
