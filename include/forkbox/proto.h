/*
 * forkbox wire protocol between the broker and its workers.
 *
 * Every change to anything in this file (header layout, a message type, an
 * envelope key, a limit) bumps FORKBOX_PROTO_VERSION.
 *
 * Transport: one SOCK_STREAM socketpair per worker, fd 3 in the worker.
 * Both ends are on the same machine, so integers are in host byte order.
 *
 * Frame: a fixed 20-byte header followed by `len` body bytes.
 *
 *	offset	size	field
 *	0	4	len	body length (envelope + payload), <= FB_FRAME_MAX
 *	4	2	type	enum fb_type
 *	6	2	flags	enum fb_flags (only FB_SPAWN uses any)
 *	8	8	ref	request reference: a worker picks it, the broker
 *			echoes it in the FB_REPLY; 0 when unused
 *	16	4	elen	envelope length, <= len and <= FB_ENVELOPE_MAX
 *
 * The body is `elen` bytes of envelope (a compact JSON object, or nothing
 * when elen is 0) followed by `len - elen` payload bytes. The payload is a
 * JSON text (for FB_PRINT: raw bytes) that the broker forwards untouched and
 * never parses, but for FB_EXIT's result, which it checks once (forkbox run
 * prints it). An empty payload means Lua nil.
 *
 * Envelope keys per type are listed next to each type below. A frame from a
 * worker with an unknown type, a bad length, an envelope that is not a JSON
 * object, or a missing/mistyped key gets that worker killed with reason
 * "protocol". Unknown extra keys are ignored.
 */
#ifndef FORKBOX_PROTO_H
#define FORKBOX_PROTO_H

#include <stdint.h>

#define FORKBOX_PROTO_VERSION	13

#define FB_HDR_SIZE		20
#define FB_FRAME_MAX		(64u * 1024 * 1024)	/* body bytes */
#define FB_ENVELOPE_MAX		(64u * 1024)	/* from a worker */
#define FB_WORKER_FD		3
#define FB_NAME_MAX		255	/* registry names, bytes */
#define FB_NODE_ENVELOPE_MAX	(64u * 1024)	/* from another node */

/* A worker stops reading its socket while it holds this many bytes of
 * frames not taken yet (FB_RECEIVED), unless a task waits for a reply or
 * on an empty mailbox channel; it reports what it took at least every
 * FB_RECEIVED_STEP bytes. */
#define FB_UNREAD_WINDOW	(256u * 1024)
#define FB_RECEIVED_STEP	(16u * 1024)

/*
 * A strict worker is exec'd as "forkbox-worker --strict", with an empty
 * environment and fds 0-2 on /dev/null. With "--jail" it also holds, at
 * FB_JAIL_FD onwards, the namespaces to enter before INIT, in this
 * order: user, mnt, net, ipc, uts, cgroup (broker/jail.c). It runs as
 * FB_JAIL_UID/GID: outside too when the broker is root, else inside its
 * user namespace only.
 */
#define FB_WORKER_ARG_STRICT	"--strict"
#define FB_WORKER_ARG_JAIL	"--jail"
#define FB_JAIL_FD		4
#define FB_JAIL_NFDS		6
#define FB_JAIL_UID		65534
#define FB_JAIL_GID		65534
#define FB_JAIL_ID_TEXT		"65534"

/*
 * The zygotes (broker/zygote.c, worker/zygote.c): "forkbox-worker
 * --zygote --strict" (with a jail, "--jail" and its namespaces), which
 * confines itself and forks the workers of strict hosts, and
 * "forkbox-worker --zygote", which forks those of trusted hosts; both
 * exec'd with no environment and fds 0-2 on /dev/null, on a
 * SOCK_SEQPACKET socket at fd 3: one frame per message, the header
 * above, descriptors as SCM_RIGHTS. These types are not enum fb_type's:
 * a worker never sends them.
 *
 * FB_ZYGOTE_START, broker -> zygote, first and once, no body. To the
 *	trusted zygote: ref the broker's personality(2), flags 0, one
 *	descriptor: the broker's stderr (both for its children). To the
 *	strict one: ref 0 and, when flags has FB_ZF_PIDNS, one descriptor:
 *	the PID namespace its children are born in (a root broker's jail).
 * FB_ZYGOTE_FORK, broker -> zygote, no body, ref: the request's number,
 *	flags: the zygote's kind, FB_ZF_STRICT and FB_ZF_JAIL as on its
 *	command line, 0 for the trusted one; one descriptor: the child's
 *	end of its socketpair. The zygote forks a child with CLONE_PARENT
 *	(the broker's child), which becomes a worker waiting for INIT.
 * FB_ZYGOTE_FORKED, zygote -> broker, ref: the request's, in the order
 *	asked; body: an int32 errno, 0 when the child was forked, and then
 *	one descriptor: its pidfd. The broker checks every part of it.
 * FB_ZYGOTE_SOURCE, broker -> zygote, after START and before the first
 *	FORK, one per chunk of the app: body: the chunk name, a NUL, the
 *	Lua text. The zygote compiles it once for every child
 *	(worker/chunkcache.c); a chunk it lacks is compiled by the child.
 *	It keeps every text, compiled or not, numbered from 0 in the order
 *	sent (or exits): INIT's "zchunk" names one by that number.
 */
#define FB_WORKER_ARG_ZYGOTE	"--zygote"
#define FB_ZYGOTE_START		128
#define FB_ZYGOTE_FORK		129
#define FB_ZYGOTE_FORKED	130
#define FB_ZYGOTE_SOURCE	131
#define FB_ZYGOTE_SOURCE_MAX	(128u * 1024)	/* body bytes, one message */
#define FB_ZF_PIDNS		0x1
#define FB_ZF_STRICT		0x1
#define FB_ZF_JAIL		0x2
#define FB_ZYGOTE_EXIT_CONFINE	2	/* the strict one could not confine
					   itself */

enum fb_type {
	/* broker -> worker */

	/* First frame a worker receives.
	 * envelope: {"proto": FORKBOX_PROTO_VERSION, "pid": "{h|e|id}",
	 *            "ospid": the worker's OS pid in the broker's PID
	 *                     namespace,
	 *            "entry": ref, "host": ref, "method": "main",
	 *            "chunk": "file.lua" (chunk name for error positions),
	 *            "source": "lua source text",
	 *               (or "zchunk": n, "source_size": bytes, to a worker
	 *               whose zygote holds the text: see below)
	 *            "limits": {"memory_limit": bytes, "cpu_limit_ms": n,
	 *                       "max_message_size": bytes,
	 *                       "sandbox": "strict"|"none"},
	 *            "imports": {alias: library ref},
	 *            "libs": {library ref: {"chunk": "lib/x.lua",
	 *                                   "imports": {alias: library ref},
	 *                                   "at": offset, "size": bytes}},
	 *                    (or "zchunk": n for "at", to a worker whose
	 *                    zygote holds the text: see below)
	 *            "args_size": bytes,
	 *            "node": the broker's node name (only on a node),
	 *            "node_max": bytes a SEND to another node may hold,
	 *                        envelope, payload and the sender's pid
	 *                        together (only on a node),
	 *            "environ": ["NAME=value", ...]}
	 * payload: JSON array of the arguments for main.
	 *
	 * "environ" is there only for a trusted host's worker forked by the
	 * zygote: the broker's environment, which an exec'd one inherits.
	 *
	 * "imports", "libs" and "args_size" are there only when the entry
	 * imports something. "libs" then holds every library the entry
	 * reaches through imports, each once; every ref named in an
	 * "imports" is a key of "libs". The payload is then the arguments
	 * (the first "args_size" bytes) followed by the library sources,
	 * raw: a library's text is the `size` bytes at `at` bytes after the
	 * arguments. Raw, because escaping the sources into JSON and parsing
	 * them back cost milliseconds a spawn (docs/libraries.md). To a
	 * worker forked by a zygote that was sent every chunk of the app
	 * (FB_ZYGOTE_SOURCE), a library comes as "zchunk": its number among
	 * those, whose chunk name and size must be the library's, and none
	 * of its text is in the payload; the entry's own text likewise
	 * ("zchunk" and "source_size" for "source"). The worker refuses an
	 * INIT that breaks any of this. */
	FB_INIT = 1,

	/* A message. envelope: {"from": pid, "topic": string}; payload: value. */
	FB_MSG = 2,

	/* Answer to a request; `ref` is the request's ref.
	 * envelope: {"ok": true [, "pid": pid] [, "value": bool]}
	 *        or {"ok": false, "error": "readable reason"} */
	FB_REPLY = 3,

	/* A lifecycle event for this process.
	 * envelope: {"kind": "pid.exit"|"pid.link.down"|"pid.cancel",
	 *            "from": pid, "at": unix seconds (float),
	 *            "reason": string, "error": string (absent on normal exit),
	 *            "deadline": unix seconds (float, pid.cancel only),
	 *            "output": string (exit and link down of a process on
	 *                      an "output: capture" host: its print lines,
	 *                      escaped, each ended by a newline)}
	 * payload: the exit's result value (empty when none). */
	FB_EVENT = 4,

	/* worker -> broker */

	/* Start a process. flags: FB_F_MONITOR and/or FB_F_LINK.
	 * envelope: {"entry": ref, "host": ref}; payload: JSON array of args.
	 * reply: {"ok": true, "pid": pid} or {"ok": false, "error": ...} */
	FB_SPAWN = 16,

	/* Send a message; no reply. envelope: {"to": pid or name,
	 * "topic": string}; payload: value. */
	FB_SEND = 17,

	/* print() output; no envelope, payload is the raw text (one or more
	 * lines). A worker cuts it at 60 KiB with a marker, so it fits any
	 * host's frame; the broker does not rely on that. */
	FB_PRINT = 18,

	/* Sent once, just before the worker exits on its own.
	 * envelope: {"status": "normal"|"error"|"memory"|"cpu"|"sandbox",
	 *            "error": string (when status is not "normal"; over 4096
	 *                     bytes it is cut and ends in
	 *                     "... [truncated, N bytes]"),
	 *            "detail": string (optional, normal exit only: tostring
	 *                      of main's second return value, cut the same
	 *                      way; `forkbox test` shows it as the "why")}
	 * payload: main's first return value (empty when none), one compact
	 * JSON text: the broker checks it (anything else is "protocol"). */
	FB_EXIT = 19,

	/* envelope: {"dest": pid or name}; reply {"ok": true, "pid": the
	 * resolved pid when the destination exists} or an error. A monitor of
	 * a dead or unknown pid replies ok and then sends an EXIT event with
	 * reason "noproc". The broker removes the monitor/link before it
	 * replies to UNMONITOR/UNLINK. */
	FB_MONITOR = 20,
	FB_UNMONITOR = 21,
	FB_LINK = 22,
	FB_UNLINK = 23,
	FB_TERMINATE = 24,

	/* envelope: {"dest": pid or name, "deadline_ms": integer >= 0} */
	FB_CANCEL = 25,

	/* envelope: {"name": string [, "pid": pid]}; reply {"ok": true} */
	FB_REGISTER = 26,
	/* envelope: {"name": string}; reply {"ok": true, "value": bool} */
	FB_UNREGISTER = 27,
	/* envelope: {"name": string}; reply {"ok": true, "pid": pid} */
	FB_LOOKUP = 28,

	/* envelope: {"trap_links": bool}; reply {"ok": true} */
	FB_SET_OPTIONS = 29,

	/* How much of what the broker sent the process has taken (its
	 * mailbox is the rest: spec section 6, mailbox_limit). No envelope;
	 * ref: the bytes of the frames taken so far, headers included, INIT
	 * excepted; payload: how many frames, a JSON integer. A frame is
	 * taken when Lua code receives it from a channel, or it is dropped
	 * (undecodable, a closed channel, a purged event), or, for a REPLY,
	 * when it is dispatched. Both only grow and never pass what was
	 * sent (else "protocol"). Sent when they changed: once per
	 * FB_RECEIVED_STEP bytes, and 5ms after the worker went idle. */
	FB_RECEIVED = 30,

	/* The live nodes (process.nodes()). envelope: {}; reply {"ok": true,
	 * "nodes": [name, ...]} (sorted, own included; [] when the broker
	 * is not a node). */
	FB_NODES = 31,

	/*
	 * Node to node (broker/node*.c, spec/cluster.md section 2). A NATS
	 * message holds one or more frames back to back (on
	 * <cluster>.node.<name>, what one loop pass sent that node; one on
	 * the other subjects): each the 20-byte header above, but in
	 * little-endian byte order (nodes may be different machines), then
	 * its body; the message is exactly the sum of its frames, at most
	 * the NATS server's max_payload. flags: 0. ref: the
	 * incarnation of the node the frame is for (a frame for an older
	 * incarnation is dropped), 0 on the subjects every node hears.
	 * The envelope (at most FB_NODE_ENVELOPE_MAX) is a JSON object that
	 * always holds, next to its type's keys:
	 *   "@node": the sender's node name, "@inc": its incarnation,
	 *   16 lowercase hex digits.
	 * Subjects: <cluster>.node.<name> (frames for that node),
	 * <cluster>.hb (heartbeats, byes: every node), <cluster>.claim.<name>
	 * (joining under that name). A frame that breaks any of this, from
	 * a node that is not live, or for an older incarnation is dropped
	 * and counted, never trusted. Types FB_NODE_FIRST..FB_NODE_LAST;
	 * the ones below FB_NODE_FIRST_USER are handled by the node layer
	 * itself, the rest go to its frame handler (REMOTE's types; give
	 * each a name in src/frame.c, or it is refused as unknown).
	 */

	/* On <cluster>.claim.<name>, with a NATS reply subject: "I am
	 * joining as <name>". Answered with FB_NODE_TAKEN by the live
	 * holder of that name, or by a rival claimant with the lower
	 * incarnation. envelope: nothing more. */
	FB_NODE_CLAIM = 64,
	FB_NODE_TAKEN = 65,
	/* On <cluster>.hb every --node-timeout/3 (the first one is the
	 * join). envelope: {"started": unix seconds (float),
	 * "hosts": {host ref: [live, max_processes], ...}} */
	FB_NODE_HEARTBEAT = 66,
	/* On <cluster>.hb: leaving now (a clean stop): lost at once. */
	FB_NODE_BYE = 67,
	/* On <cluster>.node.<name>: "you were lost to me": sent to an
	 * incarnation the sender already gave up that still heartbeats;
	 * the receiver loses every node and takes a new incarnation. */
	FB_NODE_LOST = 68,

	/*
	 * Processes across nodes (broker/remote*.c), on
	 * <cluster>.node.<name>. A pid the sender gives as one of its own
	 * ("from", "by") carries the sender's @node; one it names on the
	 * receiver ("to", "dest") the receiver's @node, or is a name
	 * registered there (without @node). "req" is a number >= 0 the
	 * asking node picks; the FB_NODE_ANSWER echoes it. The receiver
	 * checks every key as it checks a worker's frames; a frame that
	 * breaks any of it is dropped and counted (node_dropped).
	 */

	/* A message. envelope: {"from": pid, "to": pid or name,
	 * "topic": string}; payload: the message, untouched. A node writes
	 * it compact, keys in the order "@node", "@inc", "from", "to",
	 * "topic"; the receiver matches that shape by hand when none of the
	 * strings has an escape or a byte over 0x7e, and parses anything
	 * else as JSON (same checks, same outcome). */
	FB_NODE_MSG = 80,
	/* Spawn here for "by". envelope: {"req": n, "by": pid,
	 * "entry": ref, "host": ref (without @node), "monitor": bool,
	 * "link": bool, "anc": [pid, ...] (by's spawners, nearest first,
	 * at most 32: for control: children)}; payload: the arguments, a
	 * JSON array. The monitor or link is in place before the child
	 * runs. Answered with "pid", or "error" (and "full": true when the
	 * host was at max_processes). */
	FB_NODE_SPAWN = 81,
	/* A request about a process here. envelope: {"req": n,
	 * "op": "monitor"|"unmonitor"|"link"|"unlink"|"terminate"|
	 *       "cancel"|"lookup",
	 * "by": pid, "dest": pid or name, "deadline_ms": n (cancel only),
	 * "children": true (by's host has control: children: it may only
	 * touch what by spawned, here or through other nodes)}. */
	FB_NODE_REQUEST = 82,
	/* envelope: {"req": n, "ok": bool, "pid": pid (of the receiver's
	 * node), "error": string (not ok), "noproc": true (a monitor of
	 * what is not running: the asking node sends the EXIT "noproc"),
	 * "full": true, "monitor": bool, "link": bool (a spawn's, echoed)} */
	FB_NODE_ANSWER = 83,
	/* Forget a monitor or link; no answer. envelope: {"op": "unmonitor"|
	 * "unlink", "by": pid, "dest": pid} */
	FB_NODE_UNTIE = 84,
	/* A process here ended; for each monitor or link of one there.
	 * envelope: {"from": pid, "to": pid, "tie": "monitor"|"link",
	 * "reason": one of api.md's, "error": string (abnormal),
	 * "output": string (output: capture)}; payload: the result (monitor
	 * only), untouched. */
	FB_NODE_EXIT = 85,
	/* Backpressure: "sender" (a pid of the receiving node) sent to
	 * "receiver" (of the sending node), whose mailbox is past half its
	 * limit: stop reading sender for at most its host's send_pause
	 * (again on each PAUSE), until the RESUME for it. Sent once per
	 * sender and receiver, and again only after the receiver took
	 * something. envelope: {"sender": pid, "receiver": pid}. */
	FB_NODE_PAUSE = 86,
	/* The receiver is below a quarter of its limit again, or ended:
	 * read sender again. envelope: as FB_NODE_PAUSE's. */
	FB_NODE_RESUME = 87,
	/* The receiver took that many bytes of the sender's messages
	 * (each its payload's size + 64), for the sender's window of what
	 * is in flight (broker/remote_flow.c). envelope: {"bytes": n > 0}. */
	FB_NODE_ACK = 88,
	/* A message with the envelope of the frame just before it in the
	 * same NATS message, a FB_NODE_MSG or another of these: the same
	 * sender, receiver and topic, written once for a run of messages
	 * (a 16-byte message is then 38 bytes on the wire, not ~210).
	 * envelope: none (elen 0, not even "@node": the frame before's);
	 * payload: the message. One first in a NATS message, or after
	 * any other frame, or after a FB_NODE_MSG that took the JSON way,
	 * is dropped. A node sends it only after a FB_NODE_MSG it wrote
	 * in the shape the receiver matches by hand. */
	FB_NODE_MSG_AGAIN = 89,
	FB_NODE_FIRST = FB_NODE_CLAIM,
	FB_NODE_FIRST_USER = 80,	/* REMOTE's types from here */
	FB_NODE_LAST = 127,
};

enum fb_flags {
	FB_F_MONITOR = 0x1,
	FB_F_LINK = 0x2,
};

/* Event kinds, exactly as Lua sees them in process.event. */
#define FB_EV_EXIT		"pid.exit"
#define FB_EV_LINK_DOWN		"pid.link.down"
#define FB_EV_CANCEL		"pid.cancel"

#endif /* FORKBOX_PROTO_H */
