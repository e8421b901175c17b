/* Durations ("250us", "100ms", "3s", "2m", "1h", "1m30s") and byte sizes
 * ("64MiB", "512KiB", "1GiB", "100B"). */
#ifndef DURATION_H
#define DURATION_H

#include <stddef.h>
#include <stdint.h>

/* Parse a duration string into microseconds. A bare number (as a string)
 * is milliseconds. Returns 0, or -1 with err ("bad duration \"3x\""). */
int	duration_parse(const char *, int64_t *usec, char *err, size_t errlen);

/* Parse a size string into bytes. The unit is required: B, KiB, MiB, GiB
 * (powers of 1024) and KB, MB, GB (powers of 1000). Returns 0, or -1 with
 * err ("bad size \"64Mb\"", "bad size \"64\": missing unit ..."). */
int	size_parse(const char *, uint64_t *bytes, char *err, size_t errlen);

/* A short readable duration into buf; returns buf. */
const char *duration_format(int64_t usec, char *buf, size_t len);

#endif
