"""One verdict line per check and the closing count, for the Python
helpers of the shell tests (protocol.py, httpapi.py)."""
import sys

counts = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    if ok:
        counts["passed"] += 1
        print("ok    " + name)
    else:
        counts["failed"] += 1
        print("FAIL  %s\n      %s" % (name, detail))


def finish():
    """Print "N passed, N failed" and exit 1 when any failed."""
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    sys.exit(1 if counts["failed"] else 0)
