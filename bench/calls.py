#!/usr/bin/env python3
"""The outside-call rows of `make bench`: calls of a trivial entry into a
running broker, over the control socket or HTTP keep-alive, and a
`forkbox run FILE.lua` per job. Prints "key value" lines.

    python3 calls.py socket PATH SECS IN_FLIGHT PREFIX
    python3 calls.py http HOST:PORT SECS IN_FLIGHT PREFIX
    python3 calls.py run FORKBOX FILE.lua SECS PREFIX
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "examples", "clients"))
from forkbox_client import Client  # noqa: E402

ENTRY = "bench:trivial"


def pct(v, p):
    v = sorted(v)
    return v[max(0, -(-int(p * len(v) * 1000000) // 1000000) - 1)] if v else 0


def out(k, v):
    print("%s %.4f" % (k, v), flush=True)


def over_socket(path, secs, n):
    """n calls in flight on one connection (pipelined)."""
    lat = []
    with Client(path) as fb:
        fb.call(ENTRY)
        sent = {}
        t0 = time.perf_counter()
        end = t0 + secs
        while True:
            now = time.perf_counter()
            while len(sent) < n and now < end:
                sent[fb.submit("call", entry=ENTRY)] = now
            if not sent:
                break
            a = fb.receive()
            if a.get("reason") != "normal":
                raise SystemExit("call failed: %r" % a)
            lat.append(time.perf_counter() - sent.pop(a["id"]))
        dt = time.perf_counter() - t0
    return pct(lat, 0.5) * 1e6, len(lat) / dt


def http_worker(addr, end, lat):
    host, port = addr.rsplit(":", 1)
    c = http.client.HTTPConnection(host, int(port), timeout=60)
    while True:
        t1 = time.perf_counter()
        if t1 >= end:
            break
        c.request("POST", "/v1/call/" + ENTRY)
        r = c.getresponse()
        a = json.loads(r.read())
        if r.status != 200 or a.get("reason") != "normal":
            raise SystemExit("call failed: %d %r" % (r.status, a))
        lat.append(time.perf_counter() - t1)
    c.close()


def over_http(addr, secs, n):
    """n keep-alive connections, one call in flight on each."""
    lat = []
    t0 = time.perf_counter()
    end = t0 + secs
    ts = [threading.Thread(target=http_worker, args=(addr, end, lat))
          for _ in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    dt = time.perf_counter() - t0
    return pct(lat, 0.5) * 1e6, len(lat) / dt


def run_per_job(forkbox, lua, secs):
    """What users do without a service: a new broker per job."""
    lat = []
    t0 = time.perf_counter()
    end = t0 + secs
    while time.perf_counter() < end:
        t1 = time.perf_counter()
        subprocess.run([forkbox, "-q", "run", lua], check=True,
                       stdout=subprocess.DEVNULL)
        lat.append(time.perf_counter() - t1)
    return pct(lat, 0.5) * 1e3, len(lat) / (time.perf_counter() - t0)


def main():
    mode = sys.argv[1]
    if mode == "run":
        p50, rate = run_per_job(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        out(sys.argv[5] + "_p50_ms", p50)
        out(sys.argv[5] + "_per_s", rate)
        return
    where, secs, n, prefix = sys.argv[2], float(sys.argv[3]), \
        int(sys.argv[4]), sys.argv[5]
    p50, rate = (over_socket if mode == "socket" else over_http)(
        where, secs, n)
    out(prefix + "_p50_us", p50)
    out(prefix + "_per_s", rate)


if __name__ == "__main__":
    main()
