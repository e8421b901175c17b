/* Node-to-node frames: the frame format of <forkbox/proto.h> carried in
 * one NATS message, with the header in little-endian byte order because
 * nodes may run on different machines. */
#include "config.h"

#include <string.h>

#include "forkbox/proto.h"
#include "node.h"

int
node_name_valid(const char *name)
{
	size_t	i;

	for (i = 0; name[i] != '\0'; i++) {
		if (i >= NODE_NAME_MAX)
			return (0);
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    name[i] == '_' || name[i] == '-'))
			return (0);
	}
	return (i > 0);
}
