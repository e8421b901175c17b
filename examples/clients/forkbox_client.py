"""A client of a running forkbox broker, over its control socket.

Python's standard library only; the protocol is docs/protocol.md: one JSON
object per line each way, requests carry an "id" that their answer echoes,
so many requests may be in flight on one connection.

    from forkbox_client import Client
    with Client() as fb:                       # the only broker running
        print(fb.call("app:judge", source))    # its result, or raises
        for i, answer in fb.call_many("app:judge", [[s] for s in sources],
                                      in_flight=8):
            ...                                # answers as they complete
"""
import glob
import itertools
import json
import os
import socket


class Refused(Exception):
    """The broker refused a request before anything ran."""

    def __init__(self, answer):
        super().__init__("%s (%s)" % (answer.get("error"), answer.get("kind")))
        self.kind = answer.get("kind")


class CallFailed(Exception):
    """The called process ended abnormally (error, crash, limit)."""

    def __init__(self, answer):
        super().__init__("%s: %s" % (answer["reason"], answer.get("error")))
        self.reason, self.pid = answer["reason"], answer["pid"]


def default_socket():
    """The socket of the only broker running, as forkbox ps finds it."""
    xdg = os.environ.get("XDG_RUNTIME_DIR", "")
    d = xdg if xdg.startswith("/") and os.path.isdir(xdg) \
        else "/tmp/forkbox-%d" % os.getuid()
    live = []
    for path in glob.glob(os.path.join(d, "forkbox-*.sock")):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            if s.connect_ex(path) == 0:
                live.append(path)
    if len(live) != 1:
        raise ConnectionError("%d brokers running in %s: give the socket"
                              % (len(live), d))
    return live[0]


def outcome(answer):
    """The result of a call's answer, or the exception it stands for."""
    if "kind" in answer:
        raise Refused(answer)
    if answer.get("reason") != "normal":
        raise CallFailed(answer)
    return answer.get("result")


class Client:
    def __init__(self, path=None):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path or default_socket())
        self.rfile = self.sock.makefile("rb")
        self.ids = itertools.count(1)
        self.early = {}         # answers read while waiting for another

    def close(self):
        self.rfile.close()
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def submit(self, op, **fields):
        """Send a request without waiting; returns its id."""
        rid = next(self.ids)
        line = json.dumps(dict(fields, op=op, id=rid)) + "\n"
        self.sock.sendall(line.encode())
        return rid

    def receive(self):
        """The next answer to arrive, whichever request it answers."""
        line = self.rfile.readline()
        if not line:
            raise ConnectionError("the broker closed the connection")
        return json.loads(line)

    def request(self, op, **fields):
        """Send one request and wait for its answer."""
        rid = self.submit(op, **fields)
        while rid not in self.early:
            answer = self.receive()
            self.early[answer.get("id")] = answer
        return self.early.pop(rid)

    def call(self, entry, *args, host=None, timeout=None):
        """Spawn entry with args, wait, return its result (or raise)."""
        opts = {k: v for k, v in (("host", host), ("timeout", timeout)) if v}
        return outcome(self.request("call", entry=entry, args=list(args),
                                    **opts))

    def call_many(self, entry, arglists, in_flight=8, **opts):
        """Call entry once per argument list, at most in_flight at a time;
        yields (index, answer) as each call completes."""
        arglists, pending = iter(enumerate(arglists)), {}
        while True:
            while len(pending) < in_flight:
                nxt = next(arglists, None)
                if nxt is None:
                    break
                rid = self.submit("call", entry=entry, args=list(nxt[1]),
                                  **opts)
                pending[rid] = nxt[0]
            if not pending:
                return
            answer = self.receive()
            yield pending.pop(answer["id"]), answer

    def send(self, to, topic, payload=None):
        answer = self.request("send", to=to, topic=topic, payload=payload)
        if "kind" in answer:
            raise Refused(answer)

    def ps(self):
        return self.request("ps")

    def stats(self):
        return self.request("stats")
