/* Durations and byte sizes as written in manifests and Lua calls. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "duration.h"

/* Largest units first: a duration must name them in this order. */
static const struct {
	const char	*name;
	int64_t		 usec;
} duration_units[] = {
	{ "h", 3600 * INT64_C(1000000) },
	{ "m", 60 * INT64_C(1000000) },
	{ "s", INT64_C(1000000) },
	{ "ms", INT64_C(1000) },
	{ "us", INT64_C(1) },
};

static const struct {
	const char	*name;
	uint64_t	 bytes;
} size_units[] = {
	{ "B", 1 },
	{ "KiB", UINT64_C(1) << 10 },
	{ "MiB", UINT64_C(1) << 20 },
	{ "GiB", UINT64_C(1) << 30 },
	{ "KB", UINT64_C(1000) },
	{ "MB", UINT64_C(1000000) },
	{ "GB", UINT64_C(1000000000) },
};

static void __attribute__((format(printf, 4, 5)))
duration_error(char *err, size_t errlen, const char *what, const char *fmt,
    ...)
{
	va_list	ap;
	char	reason[128];

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s: %s", what, reason);
}

/* Read decimal digits at *sp up to max. Returns 0, -1 when there are no
 * digits, -2 when the number is over max. */
static int
duration_number(const char **sp, uint64_t max, uint64_t *np)
{
	const char	*s = *sp;
	uint64_t	 n = 0, d;

	if (*s < '0' || *s > '9')
		return (-1);
	for (; *s >= '0' && *s <= '9'; s++) {
		d = (uint64_t)(*s - '0');
		if (n > (max - d) / 10)
			return (-2);
		n = n * 10 + d;
	}
	*sp = s;
	*np = n;
	return (0);
}

/*
 * What both parsers check first: name the input for error messages in
 * `what` ("bad duration \"3x\""), refuse an empty or negative one.
 */
static int
duration_start(const char **sp, const char *kind, char *what, size_t whatlen,
    char *err, size_t errlen)
{
	if (*sp == NULL)
		*sp = "";
	snprintf(what, whatlen, "bad %s \"%s\"", kind, *sp);
	if (**sp == '\0') {
		duration_error(err, errlen, what, "empty");
		return (-1);
	}
	if (**sp == '-') {
		duration_error(err, errlen, what, "negative");
		return (-1);
	}
	return (0);
}

int
duration_parse(const char *s, int64_t *usec, char *err, size_t errlen)
{
	const char	*p, *u;
	char		 what[96];
	uint64_t	 n;
	int64_t		 total = 0, v;
	size_t		 i, ulen, nunits = sizeof duration_units /
			    sizeof duration_units[0], last = nunits;
	int		 found;

	if (duration_start(&s, "duration", what, sizeof what, err,
	    errlen) != 0)
		return (-1);

	/* A bare number is milliseconds. */
	p = s;
	if ((found = duration_number(&p, INT64_MAX, &n)) == 0 && *p == '\0') {
		if (n > (uint64_t)(INT64_MAX / 1000)) {
			duration_error(err, errlen, what, "too large");
			return (-1);
		}
		*usec = (int64_t)n * 1000;
		return (0);
	}

	p = s;
	while (*p != '\0') {
		found = duration_number(&p, INT64_MAX, &n);
		if (found == -1) {
			duration_error(err, errlen, what, "expected a number");
			return (-1);
		}
		if (found == -2) {
			duration_error(err, errlen, what, "too large");
			return (-1);
		}
		for (u = p; (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'); p++)
			;
		ulen = (size_t)(p - u);
		if (ulen == 0) {
			duration_error(err, errlen, what, "missing unit");
			return (-1);
		}
		for (i = 0; i < nunits; i++) {
			if (strlen(duration_units[i].name) == ulen &&
			    memcmp(duration_units[i].name, u, ulen) == 0)
				break;
		}
		if (i == nunits) {
			duration_error(err, errlen, what,
			    "unknown unit \"%.*s\"", (int)ulen, u);
			return (-1);
		}
		/* "1m30s", not "30s1m" or "1s1s". */
		if (last != nunits && i <= last) {
			duration_error(err, errlen, what,
			    "unit \"%s\" out of order", duration_units[i].name);
			return (-1);
		}
		last = i;
		if (n > (uint64_t)(INT64_MAX / duration_units[i].usec)) {
			duration_error(err, errlen, what, "too large");
			return (-1);
		}
		v = (int64_t)n * duration_units[i].usec;
		if (total > INT64_MAX - v) {
			duration_error(err, errlen, what, "too large");
			return (-1);
		}
		total += v;
	}
	*usec = total;
	return (0);
}

int
size_parse(const char *s, uint64_t *bytes, char *err, size_t errlen)
{
	const char	*p;
	char		 what[96];
	uint64_t	 n;
	size_t		 i;
	int		 found;

	if (duration_start(&s, "size", what, sizeof what, err, errlen) != 0)
		return (-1);
	p = s;
	found = duration_number(&p, UINT64_MAX, &n);
	if (found == -1) {
		duration_error(err, errlen, what, "expected a number");
		return (-1);
	}
	if (found == -2) {
		duration_error(err, errlen, what, "too large");
		return (-1);
	}
	/* "memory_limit: 64" is almost never meant as 64 bytes. */
	if (*p == '\0') {
		duration_error(err, errlen, what, "missing unit (64MiB, 512KiB, "
		    "100B)");
		return (-1);
	}
	for (i = 0; i < sizeof size_units / sizeof size_units[0]; i++) {
		if (strcmp(size_units[i].name, p) == 0)
			break;
	}
	if (i == sizeof size_units / sizeof size_units[0]) {
		duration_error(err, errlen, what, "unknown unit \"%s\"", p);
		return (-1);
	}
	if (n > UINT64_MAX / size_units[i].bytes) {
		duration_error(err, errlen, what, "too large");
		return (-1);
	}
	*bytes = n * size_units[i].bytes;
	return (0);
}

/* "250us", "100ms", "3s", "1.6s", "2m05s", "1h30m": for log lines. */
const char *
duration_format(int64_t usec, char *buf, size_t len)
{
	int64_t	s = usec / 1000000;

	if (usec < 0)
		usec = s = 0;
	if (usec < 1000 && usec != 0)
		snprintf(buf, len, "%lldus", (long long)usec);
	else if (usec < 1000000)
		snprintf(buf, len, "%lldms", (long long)(usec / 1000));
	else if (usec < 60000000 && usec % 1000000 == 0)
		snprintf(buf, len, "%llds", (long long)s);
	else if (usec < 60000000)
		snprintf(buf, len, "%.1fs", (double)usec / 1e6);
	else if (s < 3600)
		snprintf(buf, len, "%lldm%02llds", (long long)(s / 60),
		    (long long)(s % 60));
	else
		snprintf(buf, len, "%lldh%02lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	return (buf);
}
