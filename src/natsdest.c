/* {nats|_INBOX.…} destinations: their one shape (natsdest.h). */
#include "config.h"

#include <string.h>

#include "natsdest.h"

int
natsdest_is(const char *s, size_t len)
{
	return (len >= sizeof NATSDEST_PREFIX - 1 &&
	    memcmp(s, NATSDEST_PREFIX, sizeof NATSDEST_PREFIX - 1) == 0);
}

/*
 * No wildcard, no '|' or '}' that would end the {nats|…} string early,
 * no byte a header line could not carry: nothing but what libnats' own
 * inboxes hold.
 */
int
natsdest_subject_valid(const char *s, size_t len)
{
	size_t	i;

	if (len <= sizeof NATSDEST_INBOX - 1 || len > NATSDEST_SUBJECT_MAX ||
	    memcmp(s, NATSDEST_INBOX, sizeof NATSDEST_INBOX - 1) != 0)
		return (0);
	for (i = sizeof NATSDEST_INBOX - 1; i < len; i++) {
		if (s[i] == '.') {
			if (s[i - 1] == '.' || i == len - 1)
				return (0);
		} else if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-'))
			return (0);
	}
	return (1);
}

int
natsdest_valid(const char *s, size_t len, const char **subject,
    size_t *slen)
{
	size_t	plen = sizeof NATSDEST_PREFIX - 1;

	if (!natsdest_is(s, len) || len < plen + 1 || s[len - 1] != '}')
		return (0);
	*subject = s + plen;
	*slen = len - plen - 1;
	return (natsdest_subject_valid(*subject, *slen));
}
