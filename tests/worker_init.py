#!/usr/bin/env python3
"""INIT frames that name code by its number in a zygote's chunks
(proto.h, "zchunk"), played against a bare forkbox-worker, exec'd by
this script as a broker would (socketpair at fd 3): it has no zygote's
chunks, so it must refuse them with a clear EXIT error, never crash;
and the same INIT carrying the text still runs. Every wait has a
deadline. Prints a line per case; exits 1 if any failed."""
import json
import os
import socket
import struct
import subprocess
import sys

WORKER = os.environ["FORKBOX_WORKER"]
PROTO = int(sys.argv[1])
FB_INIT, FB_EXIT = 1, 19
HDR = "=IHHQI"


def frame(ftype, env, payload=b""):
    e = json.dumps(env, separators=(",", ":")).encode()
    body = e + payload
    return struct.pack(HDR, len(body), ftype, 0, 0, len(e)) + body


def exit_of(env, payload=b"[]"):
    """Send INIT, return the EXIT envelope (or why there is none)."""
    a, b = socket.socketpair()
    fd = b.fileno()
    p = subprocess.Popen([WORKER], preexec_fn=lambda: os.dup2(fd, 3),
                         close_fds=False, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    b.close()
    a.settimeout(10)
    a.sendall(frame(FB_INIT, env, payload))
    buf = b""
    try:
        while True:
            while len(buf) >= 20:
                n, t, _, _, el = struct.unpack(HDR, buf[:20])
                if len(buf) < 20 + n:
                    break
                if t == FB_EXIT:
                    return json.loads(buf[20:20 + el])
                buf = buf[20 + n:]
            d = a.recv(65536)
            if not d:
                return {"none": "end of stream without EXIT"}
            buf += d
    except socket.timeout:
        return {"none": "no EXIT in 10 s"}
    finally:
        a.close()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def base(**kw):
    env = {"proto": PROTO, "pid": "{h|e|1}", "ospid": os.getpid(),
           "entry": "t:e", "host": "t:h", "method": "main",
           "chunk": "e.lua",
           "limits": {"memory_limit": 64 << 20, "cpu_limit_ms": 0,
                      "max_message_size": 1 << 20, "sandbox": "none"}}
    env.update(kw)
    return env


MAIN = "return { main = function() return 7 end }"
LIB = "return { x = 1 }"
failed = 0


def case(name, got, want_status, want_error=""):
    global failed
    ok = got.get("status") == want_status and \
        want_error in got.get("error", "")
    print(("ok    " if ok else "FAIL  ") + name +
          ("" if ok else ": " + json.dumps(got)))
    failed += not ok


case("the entry's text in INIT runs", exit_of(base(source=MAIN)),
     "normal")
case("an entry named by a chunk number the worker lacks is refused",
     exit_of(base(zchunk=0, source_size=len(MAIN))), "error",
     "INIT without pid or source")
case("a negative chunk number is refused",
     exit_of(base(zchunk=-1, source_size=len(MAIN))), "error",
     "INIT without pid or source")
case("a chunk number without a size is refused",
     exit_of(base(zchunk=0)), "error", "INIT without pid or source")
libs = {"t:lib": {"chunk": "lib.lua", "imports": {}, "zchunk": 0,
                  "size": len(LIB)}}
case("a library named by a chunk number the worker lacks is refused",
     exit_of(base(source=MAIN, imports={"lib": "t:lib"}, libs=libs,
                  args_size=2)), "error", "bad chunk, at, zchunk or size")
libs = {"t:lib": {"chunk": "lib.lua", "imports": {}, "at": 0, "zchunk": 0,
                  "size": len(LIB)}}
case("a library with both at and zchunk is refused",
     exit_of(base(source=MAIN, imports={"lib": "t:lib"}, libs=libs,
                  args_size=2), b"[]" + LIB.encode()), "error",
     "bad chunk, at, zchunk or size")
libs = {"t:lib": {"chunk": "lib.lua", "imports": {}, "at": 0,
                  "size": len(LIB)}}
case("a library's text in the payload still loads",
     exit_of(base(source="return { main = function() "
                  "return require('lib').x end }",
                  imports={"lib": "t:lib"}, libs=libs, args_size=2),
             b"[]" + LIB.encode()), "normal")
print("%d failed" % failed)
sys.exit(1 if failed else 0)
