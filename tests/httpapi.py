"""forkbox run --http against a live broker of tests/fixtures/calls: every
route and status code, the token, the body limit, a slow-loris client, a
client leaving mid-call, 1,000 keep-alive calls, and /metrics through a
strict parser of the text format (and prometheus_client's, when it is
installed). Run by tests/http-tests.sh:

    python3 httpapi.py tcp HOST:PORT TOKEN    the broker with a token
    python3 httpapi.py unix PATH              a broker on a unix socket
    python3 httpapi.py metrics HOST:PORT TOKEN
    python3 httpapi.py limit HOST:PORT     a broker with ulimit -n 128
    python3 httpapi.py call HOST:PORT ENTRY ARGS   one call: STATUS BODY

Prints one verdict line per check. Every wait has a deadline."""
import http.client
import json
import re
import socket
import sys
import time

from verdicts import check, finish



class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=20):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


class Api:
    """One keep-alive connection; ask() returns (status, headers, body)."""

    def __init__(self, where, token=None):
        self.where, self.token = where, token
        self.conn = self.new()

    def new(self):
        if self.where.startswith("/"):
            return UnixConnection(self.where)
        host, port = self.where.rsplit(":", 1)
        return http.client.HTTPConnection(host, int(port), timeout=20)

    def ask(self, method, path, body=None, token=None, raw_body=None):
        h = {}
        tok = token if token is not None else self.token
        if tok:
            h["Authorization"] = "Bearer " + tok
        data = raw_body if raw_body is not None else (
            None if body is None else json.dumps(body).encode())
        if data is not None:
            h["Content-Type"] = "application/json"
        try:
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError,
                ConnectionResetError):
            # Idle past the deadline, the broker closed it: again, on
            # a new connection, as HTTP clients do.
            self.conn.close()
            self.conn = self.new()
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
        text = r.read()
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = self.new()
        try:
            b = json.loads(text)
        except ValueError:
            b = text.decode("utf-8", "replace")
        return r.status, r, b


def kind(b):
    return b.get("kind") if isinstance(b, dict) else None


def routes(api):
    s, _, b = api.ask("POST", "/v1/call/calls:echo", ["a", 1])
    check("call: 200 with the result", s == 200 and b.get("result") ==
          ["a", 1] and b.get("reason") == "normal", (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo")
    check("call without a body: args []", s == 200 and b.get("result") ==
          [], (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:fail", ["oops"])
    check("call ending abnormally: 200, the body says which", s == 200 and
          b.get("reason") == "error" and b.get("error") == "oops", (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:spin?timeout=200ms")
    check("call ?timeout=200ms: 200, reason timeout", s == 200 and
          b.get("reason") == "timeout", (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo?host=calls:tiny", ["x"])
    check("call ?host=: runs there", s == 200 and
          b.get("pid", "").startswith("{calls:tiny|"), (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:nope")
    check("call of an unknown entry: 404", s == 404 and
          kind(b) == "unknown_entry", (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo?host=calls:nope")
    check("call on an unknown host: 404", s == 404 and
          kind(b) == "unknown_host", (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo", {"not": "an array"})
    check("call with args not an array: 400", s == 400 and
          kind(b) == "bad_request", (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo", raw_body=b"[1,")
    check("call with malformed JSON: 400", s == 400 and
          "malformed JSON" in b.get("error", ""), (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo?timeout=-1s")
    check("call ?timeout=-1s: 400", s == 400 and kind(b) == "bad_request",
          (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo?timout=1s")
    check("call with an unknown query key: 400", s == 400, (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo?host=%FF")
    check("call ?host= not UTF-8: 400, not the default host", s == 400,
          (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo?timeout=1s&timeout=2s")
    check("call with a repeated query key: 400", s == 400, (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls%FF")
    check("call of an entry that is not UTF-8: 400", s == 400, (s, b))
    s, _, b = api.ask("POST", "/v1/call/")
    check("call without an entry: 400", s == 400, (s, b))
    # calls:tiny has max_processes 1: while one sleeps there, the next
    # is refused at once.
    other = Api(api.where, api.token)
    other.conn.request("POST", "/v1/call/calls:sleep?host=calls:tiny",
                       body=b'["2s"]', headers=auth(api.token))
    wait_live(api, "calls:tiny", 1)
    s, r, b = api.ask("POST", "/v1/call/calls:echo?host=calls:tiny")
    check("call on a host at max_processes: 503 with Retry-After",
          s == 503 and kind(b) == "host_full" and
          r.getheader("Retry-After") is not None, (s, b))
    r = other.conn.getresponse()
    b = json.loads(r.read())
    check("the sleeping call is answered after it", r.status == 200 and
          b.get("result") == "slept 2s", (r.status, b))
    s, _, b = api.ask("POST", "/v1/send", {"to": "nobody", "topic": "t",
                                            "payload": {"a": 1}})
    check("send: 202", s == 202 and b == {"ok": True}, (s, b))
    s, _, b = api.ask("POST", "/v1/send", {"to": "{bad", "topic": "t"})
    check("send to a malformed destination: 400", s == 400 and
          "bad destination" in b.get("error", ""), (s, b))
    s, _, b = api.ask("POST", "/v1/send")
    check("send without a body: 400", s == 400, (s, b))
    s, _, b = api.ask("GET", "/v1/ps")
    check("ps: 200, the process table", s == 200 and
          isinstance(b.get("processes"), list), (s, b))
    s, _, b = api.ask("GET", "/v1/stats")
    check("stats: 200, the counters", s == 200 and "spawned" in b, (s, b))
    s, _, b = api.ask("GET", "/v1/nope")
    check("an unknown route: 404", s == 404, (s, b))
    s, r, b = api.ask("DELETE", "/v1/ps")
    check("a bad method: 405 with Allow", s == 405 and
          r.getheader("Allow") == "GET", (s, b))
    s, r, b = api.ask("TRACE", "/metrics")
    check("TRACE: 405 too", s == 405, (s, b))
    s, r, b = api.ask("GET", "/v1/call/calls:echo")
    check("GET on a call: 405", s == 405 and
          r.getheader("Allow") == "POST", (s, b))
    check("a body over 1 MiB: 413", over_limit(api), "no 413")
    s = raw(api)
    s.sendall(b"GET /v1/ps HTTP/1.1\r\nHost: x\r\n" + head(api.token) +
              b"X-Big: " + b"a" * 20000 + b"\r\n\r\n")
    got = s.recv(100)
    s.close()
    check("a head over 16 KiB: 400", got.startswith(b"HTTP/1.1 400 "), got)


def over_limit(api):
    """A body over the limit is answered 413 before it is all sent (the
    client may see its send cut short)."""
    body = b"[" + b'"x",' * 300000 + b'"x"]'
    s = raw(api)
    try:
        s.sendall(b"POST /v1/call/calls:echo HTTP/1.1\r\nHost: x\r\n" +
                  head(api.token) + b"Content-Length: %d\r\n\r\n" %
                  len(body) + body)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        got = s.recv(100)
    except ConnectionResetError:
        got = b""
    s.close()
    return got.startswith(b"HTTP/1.1 413 ")


def head(token):
    return b"".join(b"%s: %s\r\n" % (k.encode(), v.encode())
                    for k, v in auth(token).items())


def raw(api):
    if api.where.startswith("/"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(20)
        s.connect(api.where)
        return s
    return connect(api.where)


def auth(token):
    return {"Authorization": "Bearer " + token} if token else {}


def wait_live(api, host, n, secs=20):
    end = time.time() + secs
    while time.time() < end:
        _, _, b = api.ask("GET", "/v1/ps")
        if sum(1 for p in b["processes"] if p["host"] == host) >= n:
            return True
        time.sleep(0.05)
    return False


def in_flight(api):
    _, _, text = api.ask("GET", "/metrics")
    m = re.search(r"^forkbox_calls_in_flight (\d+)$", text, re.M)
    return int(m.group(1)) if m else -1


def tokens(api):
    s, r, b = api.ask("GET", "/v1/ps", token="")
    check("no token: 401 with WWW-Authenticate", s == 401 and
          r.getheader("WWW-Authenticate") == "Bearer", (s, b))
    s, _, b = api.ask("GET", "/metrics", token=api.token + "x")
    check("a wrong token (longer): 401", s == 401, (s, b))
    s, _, b = api.ask("POST", "/v1/call/calls:echo", token=api.token[:-1])
    check("a wrong token (a prefix): 401", s == 401, (s, b))
    s, _, b = api.ask("GET", "/v1/ps", token="x" * len(api.token))
    check("a wrong token (same length): 401", s == 401, (s, b))


def connect(where):
    host, port = where.rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=20)


def keepalive(api, n=1000):
    t0 = time.time()
    ok = 0
    sock = None
    for i in range(n):
        s, _, b = api.ask("POST", "/v1/call/calls:echo", [i])
        ok += s == 200 and b.get("result") == [i]
        if sock is None:
            sock = api.conn.sock
    check("%d calls on one keep-alive connection (%.1f s)" %
          (n, time.time() - t0), ok == n and api.conn.sock is sock,
          "%d of %d right" % (ok, n))


def leaves(api, where):
    """A client that leaves (here: shuts its side) while its call runs
    gets no answer: its connection is closed at once, the call dropped,
    and the process keeps its fate."""
    _, _, b = api.ask("GET", "/v1/stats")
    normal = b["exited"]["normal"]
    s = connect(where)
    s.sendall(b"POST /v1/call/calls:sleep HTTP/1.1\r\nHost: x\r\n" +
              head(api.token) + b"Content-Length: 8\r\n\r\n[\"2s\"]  ")
    end = time.time() + 20
    while in_flight(api) < 1 and time.time() < end:
        time.sleep(0.02)
    s.shutdown(socket.SHUT_WR)
    try:
        got = s.recv(100)
    except ConnectionResetError:
        got = b""
    s.close()
    check("a client leaving mid-call: closed with no answer", got == b"",
          got)
    while in_flight(api) > 0 and time.time() < end:
        time.sleep(0.05)
    _, _, b = api.ask("GET", "/v1/stats")
    check("... its process kept its fate (ended normally), the call "
          "forgotten", in_flight(api) == 0 and b["live"] == 0 and
          b["exited"]["normal"] == normal + 1, b)


def silent(where):
    """A connection that sends nothing, then one that goes away before
    sending anything: both cost the broker nothing."""
    s = connect(where)
    s.settimeout(20)
    t0 = time.time()
    try:
        got = s.recv(100)
    except (ConnectionResetError, socket.timeout):
        got = None
    check("a silent connection is closed at the deadline (%.1f s)" %
          (time.time() - t0), got == b"", got)
    s.close()
    for _ in range(20):
        connect(where).close()


def slowloris(api, where):
    s = connect(where)
    s.settimeout(0.5)
    head = b"GET /v1/ps HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    t0 = time.time()
    closed = False
    served = True
    for i, byte in enumerate(head):
        try:
            s.sendall(bytes([byte]))
            if s.recv(100) == b"":
                closed = True
                break
        except socket.timeout:
            pass
        except (BrokenPipeError, ConnectionResetError):
            closed = True
            break
        if time.time() - t0 > 20:
            break
        st, _, _ = api.ask("GET", "/v1/stats")
        served = served and st == 200
        time.sleep(1 - 0.5)
    check("a slow-loris client (a byte a second) is closed at the head "
          "deadline (%.1f s, %d bytes)" % (time.time() - t0, i + 1),
          closed, "still open after %.1f s" % (time.time() - t0))
    check("... the broker serving others meanwhile", served)
    s.close()


NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+)$')
LABEL = re.compile(r'^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"$')


def strict_parse(text):
    """The text format, strictly: HELP then TYPE then the samples of one
    family; names forkbox_*, counters *_total; bounded labels only.
    Returns {family: [(labels, value)]} or raises ValueError."""
    fams, cur = {}, None
    if not text.endswith("\n"):
        raise ValueError("no final newline")
    lines = text[:-1].split("\n")
    i = 0
    while i < len(lines):
        h = lines[i].split(" ", 3)
        if len(h) != 4 or h[:2] != ["#", "HELP"] or not NAME.match(h[2]):
            raise ValueError("expected # HELP at line %d: %r" %
                             (i + 1, lines[i]))
        t = lines[i + 1].split(" ") if i + 1 < len(lines) else []
        if t[:3] != ["#", "TYPE", h[2]] or len(t) != 4 or \
                t[3] not in ("counter", "gauge"):
            raise ValueError("expected # TYPE %s at line %d" % (h[2], i + 2))
        cur = h[2]
        if cur in fams:
            raise ValueError("family %s twice" % cur)
        if not cur.startswith("forkbox_"):
            raise ValueError("%s: not forkbox_*" % cur)
        if (t[3] == "counter") != cur.endswith("_total"):
            raise ValueError("%s: a counter is named *_total" % cur)
        fams[cur] = []
        i += 2
        while i < len(lines) and not lines[i].startswith("#"):
            m = SAMPLE.match(lines[i])
            if not m or m.group(1) != cur:
                raise ValueError("bad sample at line %d: %r" %
                                 (i + 1, lines[i]))
            labels = {}
            for pair in filter(None, (m.group(3) or "").split(",")):
                lm = LABEL.match(pair)
                if not lm or lm.group(1) not in ("host", "reason"):
                    raise ValueError("bad label at line %d: %r" %
                                     (i + 1, pair))
                labels[lm.group(1)] = lm.group(2)
            fams[cur].append((labels, float(m.group(4))))
            i += 1
    return fams


def metrics(api):
    s, r, text = api.ask("GET", "/metrics")
    check("metrics: 200, text/plain version 0.0.4", s == 200 and
          r.getheader("Content-Type", "").startswith(
              "text/plain; version=0.0.4"), (s, r.getheader("Content-Type")))
    try:
        fams = strict_parse(text)
        check("metrics: the strict parser takes it", True)
    except ValueError as e:
        check("metrics: the strict parser takes it", False, e)
        return
    want = ["forkbox_processes_live", "forkbox_spawned_total",
            "forkbox_exits_total", "forkbox_messages_routed_total",
            "forkbox_messages_undeliverable_total", "forkbox_mailbox_bytes",
            "forkbox_service_restarts_total", "forkbox_refused_total",
            "forkbox_log_lines_dropped_total"]
    check("metrics: every family", all(f in fams for f in want),
          [f for f in want if f not in fams])
    hosts = {l["host"] for l, _ in fams.get("forkbox_processes_live", [])}
    check("metrics: live processes per host", {"calls:processes",
          "calls:tiny"} <= hosts, hosts)
    ex = {l["reason"]: v for l, v in fams.get("forkbox_exits_total", [])}
    check("metrics: exits per reason", ex.get("normal", 0) >= 1 and
          ex.get("timeout", 0) >= 1 and ex.get("error", 0) >= 1, ex)
    check("metrics: no pid anywhere", "{calls:" not in text)
    try:
        from prometheus_client.parser import text_string_to_metric_families
    except ImportError:
        print("skip  prometheus_client is not installed for this python")
        return
    got = {f.name: f.type for f in text_string_to_metric_families(text)}
    check("metrics: prometheus_client parses it, every family typed",
          len(got) == len(fams) and all(t in ("counter", "gauge")
                                        for t in got.values()), got)


def fd_limit(api, where):
    """A broker run with ulimit -n 128 takes 32 HTTP connections (a
    quarter): those past it are closed at once, not at the deadline (so
    while the first ones are still open), and it serves again after."""
    import select
    conns = [connect(where) for _ in range(200)]
    shut = set()
    end = time.time() + 20
    while len(shut) < 100 and time.time() < end:
        r, _, _ = select.select([c for c in conns if c not in shut], [], [],
                                0.5)
        shut.update(r)
    conns[0].setblocking(False)
    try:
        conns[0].recv(1)
        first_open = False
    except BlockingIOError:
        first_open = True
    except OSError:
        first_open = False
    check("descriptor limit: connections past a quarter of it are closed "
          "at once (%d of 200), the first ones still open" % len(shut),
          len(shut) >= 100 and first_open)
    for c in conns:
        c.close()
    end = time.time() + 20
    ok = False
    while not ok and time.time() < end:
        try:
            api.conn.close()
            api.conn = api.new()
            ok = api.ask("GET", "/v1/stats")[0] == 200
        except OSError:
            time.sleep(0.05)
    check("descriptor limit: then the broker serves again", ok)


def main():
    mode, where = sys.argv[1], sys.argv[2]
    token = sys.argv[3] if len(sys.argv) > 3 else None
    api = Api(where, token)
    if mode == "metrics":
        metrics(api)
    elif mode == "limit":
        fd_limit(api, where)
    elif mode == "call":
        # One call, its status and body printed: for the shell's checks.
        s, _, b = api.ask("POST", "/v1/call/" + sys.argv[3],
                          json.loads(sys.argv[4]))
        print(s, json.dumps(b))
        return
    elif mode == "unix":
        s, _, b = api.ask("POST", "/v1/call/calls:echo", ["u"])
        check("unix socket: a call, no token needed", s == 200 and
              b.get("result") == ["u"], (s, b))
        s, _, text = api.ask("GET", "/metrics")
        check("unix socket: metrics", s == 200 and
              "forkbox_spawned_total 1" in text, (s, text[:200]))
    else:
        tokens(api)
        routes(api)
        keepalive(api)
        leaves(api, where)
        silent(where)
        slowloris(api, where)
        s, _, b = api.ask("GET", "/v1/stats")
        check("the broker is unharmed", s == 200, (s, b))
    finish()


main()
