"""The judge service (examples/judge_service) fed by the Python client:
N submitted scripts, IN_FLIGHT at a time, a sixth of them each ok, wrong,
error (crash), endless loop, memory bomb and sandbox escape; every verdict
must be right and the broker's resident memory flat. Usage: judge.py
SOCKET BROKER_PID [N [IN_FLIGHT]]; prints verdict lines and the time."""
import os
import random
import sys
import time

sys.path.insert(0, os.environ["EXAMPLES_DIR"] + "/clients")
from forkbox_client import Client  # noqa: E402

sock, broker = sys.argv[1], int(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
in_flight = int(sys.argv[4]) if len(sys.argv) > 4 else 8
subdir = os.environ["EXAMPLES_DIR"] + "/judge_service/submissions"
# submission file -> the verdict it must get
kinds = {"ok": "ok", "wrong": "wrong", "error": "error", "loop": "timeout",
         "bomb": "memory", "escape": "sandbox"}
sources = {k: open(os.path.join(subdir, k + ".lua")).read() for k in kinds}


def rss():
    with open("/proc/%d/status" % broker) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024


rng = random.Random(14)
jobs = []
for i in range(n):
    kind = list(kinds)[i % len(kinds)]
    data = [rng.randint(-100, 100) for _ in range(rng.randint(1, 20))]
    jobs.append((kind, [sources[kind], data, sum(v * v for v in data)]))

wrong = 0
marks = {}
start = time.time()
with Client(sock) as fb:
    for done, (i, answer) in enumerate(fb.call_many(
            "judge_service:judge", [args for _, args in jobs],
            in_flight=in_flight, timeout="20s"), 1):
        kind = jobs[i][0]
        got = (answer.get("result") or {}).get("verdict")
        if got != kinds[kind]:
            wrong += 1
            print("FAIL  submission %d (%s): verdict %s, want %s: %s"
                  % (i, kind, got, kinds[kind], answer))
        if done in (n // 5, n):
            marks[done] = rss()
took = time.time() - start
print("%d submissions, %d in flight: %.1fs (%.0f/s), %d verdicts wrong"
      % (n, in_flight, took, n / took, wrong))
grew = marks[n] - marks[n // 5]
print("broker RSS after %d: %d KiB, after %d: %d KiB (%+d KiB)"
      % (n // 5, marks[n // 5] >> 10, n, marks[n] >> 10, grew >> 10))
flat = grew <= max(1 << 20, marks[n // 5] // 10)
print("%s  every verdict right" % ("ok   " if wrong == 0 else "FAIL "))
print("%s  broker RSS flat" % ("ok   " if flat else "FAIL "))
sys.exit(0 if wrong == 0 and flat else 1)
