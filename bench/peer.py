#!/usr/bin/env python3
"""The Python multiprocessing peer of `make bench` (fork context): the same
workloads with OS processes and Pipes. Prints "key value" lines.

    python3 peer.py SECS SPAWNS IDLE
    python3 peer.py calls SECS       (the call rows only)
"""
import concurrent.futures as cf
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import time

ctx = mp.get_context("fork")


def trivial():
    return True


def pct(v, p):
    v = sorted(v)
    return v[max(0, -(-int(p * len(v) * 1000000) // 1000000) - 1)]


def out(k, v):
    print("%s %.4f" % (k, v), flush=True)


def spawn_latency(n):
    lat = []
    for _ in range(n):
        t0 = time.perf_counter()
        p = ctx.Process(target=trivial)
        p.start()
        p.join()
        lat.append((time.perf_counter() - t0) * 1e3)
    return pct(lat, 0.5), pct(lat, 0.99)


def rate_serial(secs):
    n, t0 = 0, time.perf_counter()
    end = t0 + secs
    while time.perf_counter() < end:
        p = ctx.Process(target=trivial)
        p.start()
        p.join()
        n += 1
    return n / (time.perf_counter() - t0)


def rate_pool(secs, conc):
    # A fresh process per task, conc at a time: what ProcessPoolExecutor
    # offers for that (max_tasks_per_child needs a non-fork context).
    ex = cf.ProcessPoolExecutor(max_workers=conc, max_tasks_per_child=1,
                                mp_context=mp.get_context("forkserver"))
    ex.submit(trivial).result()
    n, t0 = 0, time.perf_counter()
    end = t0 + secs
    while time.perf_counter() < end:
        fs = [ex.submit(trivial) for _ in range(conc * 4)]
        for f in fs:
            f.result()
        n += len(fs)
    r = n / (time.perf_counter() - t0)
    ex.shutdown()
    return r


def pool_calls(secs, fresh, n):
    """Calls of trivial through a ProcessPoolExecutor of 2 workers, n in
    flight: fresh, a new process per call (max_tasks_per_child=1, the
    isolation forkbox gives every call), else reused workers (none
    between calls). Returns p50 (us) and calls/s."""
    ex = cf.ProcessPoolExecutor(max_workers=2,
                                max_tasks_per_child=1 if fresh else None,
                                mp_context=mp.get_context("forkserver"))
    ex.submit(trivial).result()
    lat, pending = [], set()
    started = {}
    t0 = time.perf_counter()
    end = t0 + secs
    while True:
        now = time.perf_counter()
        while len(pending) < n and now < end:
            f = ex.submit(trivial)
            started[f] = now
            pending.add(f)
        if not pending:
            break
        done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        now = time.perf_counter()
        for f in done:
            f.result()
            lat.append(now - started.pop(f))
    r = len(lat) / (time.perf_counter() - t0)
    ex.shutdown()
    return pct(lat, 0.5) * 1e6, r


def python_per_job(secs):
    """A new interpreter per job: python3 -c, as a script per job runs."""
    lat = []
    t0 = time.perf_counter()
    end = t0 + secs
    while time.perf_counter() < end:
        t1 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "print(True)"], check=True,
                       stdout=subprocess.DEVNULL)
        lat.append(time.perf_counter() - t1)
    return pct(lat, 0.5) * 1e3, len(lat) / (time.perf_counter() - t0)


def calls(secs):
    """The call rows' peers; the HTTP rows get the same numbers."""
    for n in (1, 8):
        p50, rate = pool_calls(secs, True, n)
        for via in ("sock", "http"):
            out("call_%s_%d_p50_us" % (via, n), p50)
            out("call_%s_%d_per_s" % (via, n), rate)
        p50, rate = pool_calls(secs, False, n)
        out("reused_%d_p50_us" % n, p50)
        out("reused_%d_per_s" % n, rate)
    p50, rate = python_per_job(secs)
    out("run_job_p50_ms", p50)
    out("run_job_per_s", rate)


def counter(conn, res):
    n = 0
    while True:
        b = conn.recv_bytes()
        if not b:
            break
        n += 1
    res.send(n)


def throughput(secs, size):
    r, w = ctx.Pipe(duplex=False)
    rr, rw = ctx.Pipe(duplex=False)
    p = ctx.Process(target=counter, args=(r, rw))
    p.start()
    msg = b"x" * size
    t0 = time.perf_counter()
    end = t0 + secs
    while time.perf_counter() < end:
        for _ in range(500):
            w.send_bytes(msg)
    w.send_bytes(b"")
    n = rr.recv()
    dt = time.perf_counter() - t0
    p.join()
    return n / dt


def ponger(conn):
    while True:
        b = conn.recv_bytes()
        if not b:
            return
        conn.send_bytes(b)


def pingpong(secs):
    a, b = ctx.Pipe()
    p = ctx.Process(target=ponger, args=(b,))
    p.start()
    msg = b"0123456789abcdef"
    lat = []
    end = time.perf_counter() + secs
    while True:
        t1 = time.perf_counter()
        if t1 >= end:
            break
        a.send_bytes(msg)
        a.recv_bytes()
        lat.append((time.perf_counter() - t1) * 1e6)
    a.send_bytes(b"")
    p.join()
    return pct(lat, 0.5), pct(lat, 0.99)


def idler(conn):
    conn.send_bytes(b"u")
    conn.recv_bytes()


def field(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def idle(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    procs, conns = [], []
    t0 = time.perf_counter()
    for _ in range(n):
        a, b = ctx.Pipe()
        p = ctx.Process(target=idler, args=(b,))
        p.start()
        b.close()
        procs.append(p)
        conns.append(a)
    for c in conns:
        c.recv_bytes()
    start = time.perf_counter() - t0
    pss = sum(field("/proc/%d/smaps_rollup" % p.pid, "Pss:") for p in procs)
    out("idle_start_s", start)
    out("idle_pss_kib", pss / n)
    out("idle_rss_mib", field("/proc/self/status", "VmRSS:") / 1024)
    for c in conns:
        c.send_bytes(b"")
    for p in procs:
        p.join()


def main():
    if sys.argv[1] == "calls":
        calls(float(sys.argv[2]))
        return
    secs, n, nidle = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    p50, p99 = spawn_latency(n)
    out("spawn_p50_ms", p50)
    out("spawn_p99_ms", p99)
    out("rate_1", rate_serial(secs))
    out("rate_2", rate_pool(secs, 2))
    out("msgs_16", throughput(secs, 16))
    out("msgs_4096", throughput(secs, 4096))
    p50, p99 = pingpong(secs)
    out("pp_p50_us", p50)
    out("pp_p99_us", p99)
    idle(nidle)
    calls(secs)


if __name__ == "__main__":
    main()
