"""The control protocol (docs/protocol.md) against a live broker of
tests/fixtures/calls: calls, sends, ps/stats, pipelining, and every bad
input with its answer, the broker unharmed. Run by tests/protocol-tests.sh
with the socket as argv[1]; prints one verdict line per check. Every wait
has a deadline."""
import json
import os
import resource
import socket
import sys
import time

sys.path.insert(0, os.environ["EXAMPLES_DIR"] + "/clients")
from forkbox_client import Client, CallFailed, Refused  # noqa: E402

SOCK = sys.argv[1]
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    " + name)
    else:
        failed += 1
        print("FAIL  %s\n      %s" % (name, detail))


def raw(timeout=20):
    """A new connection; a full backlog (EAGAIN) is waited out."""
    end = time.time() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        try:
            s.connect(SOCK)
            return s
        except BlockingIOError:
            s.close()
            if time.time() > end:
                raise
            time.sleep(0.01)


def ask(s, data):
    """Send bytes, read one answer line."""
    s.sendall(data)
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = s.recv(65536)
        if not chunk:
            return None
        buf += chunk
    return json.loads(buf)


def closed(s):
    """The broker closes s (EOF or reset) before the deadline."""
    try:
        while s.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def refused(a, kind, text=""):
    return a is not None and a.get("kind") == kind and text in a.get("error", "")


def answer_of(client, rid):
    """The answer to request rid, read or already stashed."""
    while rid not in client.early:
        a = client.receive()
        client.early[a.get("id")] = a
    return client.early.pop(rid)


def wait_until(cond, secs=10):
    end = time.time() + secs
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


if len(sys.argv) > 2 and sys.argv[2] == "--fd-limit":
    # A broker run with ulimit -n 128: connections past half of it are
    # closed at once, and it serves again once they are gone.
    conns, shut = [], 0
    for _ in range(200):
        c = raw(timeout=5)
        conns.append(c)
    for c in conns:
        try:
            c.sendall(b'{"op":"stats"}\n')
            line = c.makefile("rb").readline()
        except (BrokenPipeError, ConnectionResetError):
            line = b""
        except socket.timeout:
            line = b"hung"
        shut += not line
    check("descriptor limit: connections past half of it are closed at "
          "once (%d of 200)" % shut, 100 <= shut < 200)
    for c in conns:
        c.close()

    def served():
        try:
            with Client(SOCK) as c:
                return c.call("calls:echo", 1) == [1]
        except (OSError, ValueError):
            return False
    check("descriptor limit: then the broker serves again", wait_until(served))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)

fb = Client(SOCK)

# ---- calls ----------------------------------------------------------------
a = fb.request("call", entry="calls:echo", args=["a", 1, {"b": [True, 2.5]}])
check("call: normal exit answers pid, reason normal and the result",
      a.get("reason") == "normal" and a.get("result") == ["a", 1, {"b": [True, 2.5]}]
      and a.get("pid", "").startswith("{calls:processes|calls:echo|"), a)
a = fb.request("call", entry="calls:echo")
check("call: args default to []", a.get("result") == [], a)
a = fb.request("call", entry="calls:fail", args=["boom"])
check("call: abnormal exit answers reason and error",
      a.get("reason") == "error" and a.get("error") == "boom" and "result" not in a, a)
a = fb.request("call", entry="calls:crash")
check("call: a memory bomb ends with reason memory", a.get("reason") == "memory", a)
a = fb.request("call", entry="calls:spin", timeout="300ms")
check("call: past its timeout the process is killed, reason timeout",
      a.get("reason") == "timeout" and "300ms" in a.get("error", ""), a)
a = fb.request("call", entry="calls:spin", timeout=200)
check("call: a timeout in milliseconds", a.get("reason") == "timeout", a)
a = fb.request("call", entry="calls:echo", host="calls:tiny", args=[1])
check("call: on the host it names", a.get("pid", "").startswith("{calls:tiny|"), a)
a = fb.request("call", entry="calls:chatty", host="calls:captured")
check("call: with output: capture, the answer carries what it printed",
      a.get("result") == "said it" and a.get("output") == "line one\nline two\n", a)
a = fb.request("call", entry="calls:chatty", host="calls:captured", args=[True])
check("call: ... on an abnormal end too", a.get("reason") == "error" and
      a.get("output", "").startswith("line one\nline two\nchatty failed"), a)
a = fb.request("call", entry="calls:chatty")
check("call: without capture, no output key", "output" not in a and
      a.get("result") == "said it", a)
try:
    fb.call("calls:fail")
    check("client: CallFailed for an abnormal exit", False)
except CallFailed as e:
    check("client: CallFailed for an abnormal exit", e.reason == "error", e)

# ---- pipelining: answers in completion order, ids echoed -----------------
slow = fb.submit("call", entry="calls:sleep", args=["500ms"])
s2 = raw()
s2.sendall(b'{"op":"call","entry":"calls:sleep","args":["400ms"],"id":"slow"}\n'
           b'{"op":"call","entry":"calls:echo","args":["fast"],"id":"fast"}\n'
           b'{"op":"stats","id":[1,2]}\n')
f = s2.makefile("rb")
order = [json.loads(f.readline()) for _ in range(3)]
ids = [x.get("id") for x in order]
check("pipelining: answers in completion order, any id echoed (%s)" % ids,
      ids[2] == "slow" and set(map(json.dumps, ids[:2])) ==
      {'"fast"', "[1, 2]"} and order[2].get("result") == "slept 400ms", order)
a = fb.receive()
check("pipelining: the client's own id comes back", a.get("id") == slow and
      a.get("result") == "slept 500ms", a)
s2.close()

# ---- bad input ------------------------------------------------------------
s = raw()
a = ask(s, b'{"op":"call",\n')
check("bad input: malformed JSON is a bad_request", refused(a, "bad_request", "malformed JSON"), a)
a = ask(s, b'[1,2]\n')
check("bad input: not an object", refused(a, "bad_request", "JSON object"), a)
a = ask(s, b'{"op":"launch","id":7}\n')
check("bad input: unknown op, id echoed", refused(a, "bad_request", "unknown op") and a.get("id") == 7, a)
a = ask(s, b'{"entry":"calls:echo"}\n')
check("bad input: missing op", refused(a, "bad_request", '"op" missing'), a)
a = ask(s, b'{"op":"call","id":1}\n')
check("bad input: call without entry", refused(a, "bad_request", '"entry" missing'), a)
a = ask(s, b'{"op":"call","entry":"calls:echo","args":"x"}\n')
check("bad input: args not an array", refused(a, "bad_request", '"args" must be an array'), a)
a = ask(s, b'{"op":"call","entry":"calls:echo","timout":"1s"}\n')
check("bad input: a misspelt key", refused(a, "bad_request", 'unknown key "timout"'), a)
a = ask(s, b'{"op":"call","entry":"calls:nope"}\n')
check("bad input: an entry that does not exist", refused(a, "unknown_entry", "calls:nope"), a)
a = ask(s, b'{"op":"call","entry":"calls:processes"}\n')
check("bad input: a host is not an entry", refused(a, "unknown_entry"), a)
a = ask(s, b'{"op":"call","entry":"calls:echo","host":"calls:nope"}\n')
check("bad input: a host that does not exist", refused(a, "unknown_host", "calls:nope"), a)
for t in ('"-1s"', '0', '-5', '"soon"', 'true', '"0s"'):
    a = ask(s, b'{"op":"call","entry":"calls:echo","timeout":%s}\n' % t.encode())
    check("bad input: timeout %s" % t, refused(a, "bad_request", "timeout"), a)
a = ask(s, b'{"op":"call","entry":"calls:echo","host":"calls:tiny","args":["%s"]}\n'
        % (b"x" * 2000))
check("bad input: args over the host's max_message_size", refused(a, "bad_request", "max_message_size"), a)
a = ask(s, b'{"op":"stats"}\n')
check("bad input: the connection still serves after bad requests", "spawned" in a, a)
s.close()

# A line over 1 MiB: answered, then the connection closed.
s = raw()
try:
    s.sendall(b'{"op":"call","entry":"' + b"x" * (1024 * 1024 + 10))
except (BrokenPipeError, ConnectionResetError):
    pass
f = s.makefile("rb")
try:
    line = f.readline()
except socket.timeout:
    line = b""
a = json.loads(line) if line else None
check("bad input: a line over 1 MiB is refused", refused(a, "bad_request", "over 1 MiB"), line[:200])
check("bad input: ... and its connection closed", closed(s))
s.close()

# host_full: calls:tiny holds one process.
busy = fb.submit("call", entry="calls:spin", host="calls:tiny", timeout="1s")
a = fb.request("call", entry="calls:echo", host="calls:tiny")
check("call: a host at max_processes refuses at once", refused(a, "host_full", "max_processes"), a)
a = answer_of(fb, busy)
check("call: ... while the call that fills it runs to its timeout",
      a.get("id") == busy and a.get("reason") == "timeout", a)

# ---- send -------------------------------------------------------------
rid = fb.submit("call", entry="calls:receive", args=["box"])
sent = 0
answer = None
end = time.time() + 10
while answer is None and time.time() < end:
    sent += 1
    fb.sock.sendall(b'{"op":"send","to":"box","topic":"greet","payload":{"n":[1,2.5,"x"]},"id":"s"}\n')
    a = fb.receive()
    if a.get("id") == rid:
        answer = a
    else:
        time.sleep(0.05)
# drain the answers of sends after the one that arrived
check("send: to a registered name; msg:from() is {forkbox|outside|N}",
      answer is not None and answer.get("result", {}).get("topic") == "greet" and
      answer["result"].get("payload") == {"n": [1, 2.5, "x"]} and
      answer["result"].get("from", "").startswith("{forkbox|outside|"), answer)
fb.close()
fb = Client(SOCK)
for to, topic, want in (("{bad", "t", "bad destination"), ("", "t", "bad destination"),
                        ("box", "", "topic"), (None, "t", '"to" missing')):
    req = {"op": "send", "topic": topic}
    if to is not None:
        req["to"] = to
    a = fb.request("send", **{k: v for k, v in req.items() if k != "op"})
    check("send: refused %r/%r" % (to, topic), refused(a, "bad_request", want), a)
a = fb.request("send", to="{calls:processes|calls:echo|0123456789abcdef}", topic="t", payload=1)
check("send: to a dead pid is no error", a.get("ok") is True, a)
a = fb.request("send", to="nobody", topic="t")
check("send: to an unbound name is no error", a.get("ok") is True, a)
a = fb.request("send", to="nobody", topic="t", extra=1)
check("send: unknown key refused", refused(a, "bad_request", "unknown key"), a)

# Over the receiver's max_message_size (calls:tiny: 1KiB).
rid = fb.submit("call", entry="calls:receive", host="calls:tiny", args=["tinybox"])
ok = wait_until(lambda: refused(fb.request("send", to="tinybox", topic="t", payload="x" * 2000),
                                "bad_request", "max_message_size"))
check("send: a payload over the receiver's max_message_size", ok)
fb.request("send", to="tinybox", topic="small", payload="x")
a = answer_of(fb, rid)
check("send: ... and a small one arrives", a.get("id") == rid and
      a.get("result", {}).get("topic") == "small", a)

# Sending back to {forkbox|outside|N} is undeliverable.
before = fb.stats()["undeliverable"]
rid = fb.submit("call", entry="calls:bounce", args=["bouncer"])
answer = None
end = time.time() + 10
while answer is None and time.time() < end:
    a = fb.request("send", to="bouncer", topic="t", payload=1)
    while rid in fb.early:
        answer = fb.early.pop(rid)
    time.sleep(0.05) if answer is None else None
after = fb.stats()["undeliverable"]
check("send: msg:from() of an outside sender is undeliverable (%d -> %d)" % (before, after),
      answer is not None and answer.get("result") is True and after > before, answer)

# ---- ps, stats ------------------------------------------------------------
a = fb.ps()
check("ps: the broker and its processes", "broker" in a and "processes" in a, a)
a = fb.stats()
check("stats: counters", a.get("spawned", 0) > 10 and "exited" in a, a)

# ---- a client that disconnects while its call runs ----------------------
st = fb.stats()
s = raw()
s.sendall(b'{"op":"call","entry":"calls:sleep","args":["300ms"],"id":1}\n'
          b'{"op":"call","entry":"calls:spin","timeout":"300ms","id":2}\n')
wait_until(lambda: fb.stats()["live"] >= 2)
s.close()
ok = wait_until(lambda: fb.stats()["exited"]["normal"] > st["exited"]["normal"] and
                fb.stats()["exited"]["timeout"] > st["exited"]["timeout"] and
                fb.stats()["live"] == 0)
check("disconnect: its processes keep their fate (normal end, timeout)", ok, fb.stats())
a = fb.request("call", entry="calls:echo", args=[1])
check("disconnect: the broker still serves", a.get("result") == [1], a)

# ---- a client that never reads its answers -------------------------------
s = raw(timeout=60)
req = b'{"op":"stats"}\n' * 2000
n = 0
try:
    for n in range(1, 200):
        s.sendall(req)
except (BrokenPipeError, ConnectionResetError):
    pass
got = 0
f = s.makefile("rb")
try:
    while f.readline():
        got += 1
except ConnectionResetError:
    pass
except socket.timeout:
    got = n * 2000      # never closed
check("never reads: closed once its unread answers pass the bound "
      "(%d of %d answered)" % (got, n * 2000), got < n * 2000)
s.close()
a = fb.request("call", entry="calls:echo", args=[2])
check("never reads: the broker still serves", a.get("result") == [2], a)

# ---- closed for a bad line while its call runs, answers unread -----------
# The connection lingers until its answers are written; its call ends
# meanwhile: the broker must forget the call once, not twice.
st = fb.stats()
s = raw(timeout=60)
s.sendall(b'{"op":"call","entry":"calls:sleep","args":["2s"],"id":"c"}\n' +
          b'{"op":"stats"}\n' * 1000)
try:
    s.sendall(b"x" * (1024 * 1024 + 10))
except (BrokenPipeError, ConnectionResetError):
    pass
ok = wait_until(lambda: fb.stats()["exited"]["normal"] > st["exited"]["normal"],
                20)
got = []
try:
    for line in s.makefile("rb"):
        got.append(json.loads(line))
except (ConnectionResetError, socket.timeout):
    pass
s.close()
check("linger: a connection closed for a bad line with a call in flight "
      "(%d answers, then closed)" % len(got),
      ok and len(got) >= 1001 and
      refused(got[-1] if got else None, "bad_request", "over 1 MiB"), got[-1:])
a = fb.request("call", entry="calls:echo", args=[6])
check("linger: the broker still serves", a.get("result") == [6], a)

# ---- 1,000 connections opened and left idle -------------------------------
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < 4096:
    resource.setrlimit(resource.RLIMIT_NOFILE, (
        4096 if hard == resource.RLIM_INFINITY else min(4096, hard), hard))
soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
# The broker's side: it may keep half its descriptors for connections.
with open("/proc/%s/limits" % fb.ps()["broker"]["ospid"]) as f:
    lim = [int(line.split()[3]) for line in f if line.startswith("Max open files")]
nidle = min(1000, soft - 64, lim[0] // 2 - 64)
if nidle < 1000:
    print("      (descriptor limits allow %d idle connections here, not 1000)" % nidle)
idle = []
try:
    for _ in range(nidle):
        idle.append(raw())
    a = fb.request("call", entry="calls:echo", args=[3])
    check("%d idle connections: the broker still serves" % nidle, a.get("result") == [3], a)
    b = raw()
    a = ask(b, b'{"op":"call","entry":"calls:echo","args":[4]}\n')
    check("%d idle connections: and one more" % nidle, a is not None and a.get("result") == [4], a)
    b.close()
except OSError as e:
    check("%d idle connections" % nidle, False, "%s after %d" % (e, len(idle)))
for c in idle:
    c.close()
a = fb.request("call", entry="calls:echo", args=[5])
check("after the idle connections close", a.get("result") == [5], a)
fb.close()

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
