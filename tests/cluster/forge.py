"""Publish forged or malformed node frames on a NATS subject, speaking the
NATS protocol with the standard library only (no client package needed).

usage: forge.py PORT SUBJECT KIND...   (one message per KIND, in order)
Prints how many it published. The frame format is in include/forkbox/proto.h
(node-to-node: the header little-endian)."""
import os
import socket
import struct
import sys

HDR = struct.Struct("<IHHQI")  # len, type, flags, ref, elen
INC = "00000000000000aa"
# FB_NODE_LOST: a type every node knows and takes on its own subject, so
# the envelope checks are reached; NODE's user types come with REMOTE.
T = 68


def frame(ftype, env, payload=b"", ref=0, flags=0, length=None):
    body = env + payload
    n = len(body) if length is None else length
    return HDR.pack(n, ftype, flags, ref, len(env)) + body


def env(node="ghost", inc=INC, **extra):
    parts = []
    if node is not None:
        parts.append('"@node":"%s"' % node)
    if inc is not None:
        parts.append('"@inc":"%s"' % inc)
    parts += ['"%s":%s' % (k, v) for k, v in extra.items()]
    return ("{" + ",".join(parts) + "}").encode()


KINDS = {
    "short": lambda: b"xy",
    "garbage": lambda: os.urandom(200),
    "badlen": lambda: frame(T, env(), b"[1]", length=1000),
    "hugelen": lambda: frame(T, env(), b"[1]", length=0xFFFFFFFF),
    "badtype": lambda: frame(200, env(), b"[1]"),
    "workertype": lambda: frame(17, env(), b"[1]"),
    "badflags": lambda: frame(T, env(), b"", flags=3),
    "notjson": lambda: frame(T, b"{not json", b""),
    "notobject": lambda: frame(T, b"[1,2]", b""),
    "noname": lambda: frame(T, env(node=None), b""),
    "badname": lambda: frame(T, env(node="no/such name"), b""),
    "badinc": lambda: frame(T, env(inc="xyz"), b""),
    "dupkey": lambda: frame(T, b'{"@node":"a","@node":"b","@inc":"%s"}'
                            % INC.encode(), b""),
    "notlive": lambda: frame(T, env(), b"[1]", ref=1),
    "badhb": lambda: frame(66, env(node="ghost2", hosts='"lots"',
                                   started="1"), b""),
    "hbhosts": lambda: frame(66, env(node="ghost3", started="1",
                                     hosts='{"h":[1]}'), b""),
}


def publish(port, subject, datas):
    """Publish each of datas (bytes) on subject, then wait for the server
    to have them all (PING/PONG); exit on a server error."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    f = s.makefile("rb")
    if not f.readline().startswith(b"INFO"):
        sys.exit("not a NATS server")
    s.sendall(b'CONNECT {"verbose":false,"pedantic":false}\r\n')
    for data in datas:
        s.sendall(b"PUB %s %d\r\n%s\r\n" % (subject.encode(), len(data),
                                            data))
    s.sendall(b"PING\r\n")
    while True:
        line = f.readline()
        if not line or line.startswith(b"PONG"):
            break
        if line.startswith(b"-ERR"):
            sys.exit(line.decode().strip())


def main():
    port, subject, kinds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    publish(port, subject, [KINDS[kind]() for kind in kinds])
    print(len(kinds))


if __name__ == "__main__":
    main()
