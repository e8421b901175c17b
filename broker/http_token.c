/*
 * --http-token-file: the bearer token every HTTP request must carry.
 * Compared in a time that depends on the token's length only, so a
 * client cannot find it a byte at a time by timing refusals.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "http.h"

#define HTTP_TOKEN_MAX		4096

static char	*http_token;		/* NULL: none needed */

/* The token: the file's first line, 1 to HTTP_TOKEN_MAX printable
 * bytes. */
int
http_token_load(const char *file, char *err, size_t errlen)
{
	char	buf[HTTP_TOKEN_MAX + 2];
	size_t	n, i;
	FILE	*f;

	if ((f = fopen(file, "re")) == NULL) {
		snprintf(err, errlen, "--http-token-file %s: %s", file,
		    strerror(errno));
		return (-1);
	}
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (!isgraph((unsigned char)buf[i]))
			break;
	if (n == 0 || n > HTTP_TOKEN_MAX || i < n)
		snprintf(err, errlen, "--http-token-file %s: the first line "
		    "must be a token of 1 to %d printable characters", file,
		    HTTP_TOKEN_MAX);
	else if ((http_token = strdup(buf)) == NULL)
		snprintf(err, errlen, "out of memory");
	explicit_bzero(buf, sizeof buf);
	if (http_token == NULL)
		return (-1);
	return (0);
}

/* Whether the request carries the token; in time that depends on the
 * token's length only, not on how much of it a guess got right. */
int
http_token_check(struct evhttp_request *req)
{
	const char	*h, *given;
	size_t		 glen, tlen, i;
	unsigned char	 diff;

	if (http_token == NULL)
		return (1);
	h = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Authorization");
	if (h == NULL || strncmp(h, "Bearer ", 7) != 0)
		return (0);
	given = h + 7;
	glen = strlen(given);
	tlen = strlen(http_token);
	diff = glen != tlen;
	for (i = 0; i < tlen; i++)
		diff |= (unsigned char)http_token[i] ^
		    (unsigned char)(i < glen ? given[i] : 0);
	return (diff == 0);
}

void
http_token_free(void)
{
	if (http_token != NULL) {
		explicit_bzero(http_token, strlen(http_token));
		free(http_token);
		http_token = NULL;
	}
}
