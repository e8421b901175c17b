#!/bin/sh
# The test scripts themselves: a verdict must be able to fail. In
#   check "name ($(cmd))" $?
# the command substitution runs before $? is expanded, so $? is cmd's
# status, nearly always 0, and the check passes whatever happened (four
# checks were so). The status must be saved first (ok=$?). This finds a
# check or verdict whose arguments take $? after a $(...).
set -u
: "${TEST_SRCDIR:?set by make check}"
top="$TEST_SRCDIR/.."
python3 - "$top" <<'PY'
import glob, os, re, sys
top = sys.argv[1]
files = sorted(glob.glob(os.path.join(top, "tests", "*.sh")) +
               glob.glob(os.path.join(top, "tests", "cluster", "*.sh")) +
               glob.glob(os.path.join(top, "bench", "*.sh")))
bad = 0
for path in files:
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        start, text = i, lines[i]
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + lines[i]
        i += 1
        code = text.lstrip()
        if code.startswith("#"):
            continue
        # the last simple command on the line: what $? is read in
        cmd = re.split(r";\s|&&|\|\|", code)[-1]
        at = cmd.find("$?")
        # $((...)) is arithmetic and leaves $? alone
        if at > 0 and re.search(r"\$\((?!\()", cmd[:at]):
            rel = os.path.relpath(path, top)
            print("FAIL  %s:%d: $? read after a $(...) in the same command"
                  % (rel, start + 1))
            bad += 1
print("ok    %d scripts: no $? read after a $(...) in one command" % len(files)
      if bad == 0 else "%d found" % bad)
sys.exit(1 if bad else 0)
PY
