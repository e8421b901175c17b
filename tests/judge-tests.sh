#!/bin/sh
# examples/judge_service as README.md runs it, fed by the Python client
# (tests/judge.py): 60 submissions, 8 in flight, among them endless loops,
# memory bombs, crashes and sandbox escapes; every verdict right, the
# broker's memory flat. JUDGE_N=1000 for the long run.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
: "${EXAMPLES_DIR:?set by make check}"
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
b=""
trap '[ -n "$b" ] && kill -9 "$b" 2>/dev/null; rm -rf "$tmp"' EXIT
private_sockets "$tmp"
export EXAMPLES_DIR

if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not installed: the judge service test needs it"
	exit 77
fi

"$FORKBOX" run --app "$EXAMPLES_DIR/judge_service" \
    --host judge_service:processes --socket "$tmp/j.sock" \
    >"$tmp/j.out" 2>"$tmp/j.err" </dev/null &
b=$!
served() { "$FORKBOX" stats --socket "$tmp/j.sock" >/dev/null 2>&1; }
wait_for 30 served
check "judge service: serves" $? "$tmp/j.err"

python3 "$TEST_SRCDIR/judge.py" "$tmp/j.sock" "$b" "${JUDGE_N:-60}" 8 \
    >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ]
check "judge service: every verdict right, broker memory flat" $? \
    "$tmp/py.out" "$tmp/j.err"

# As README.md shows it: forkbox call with --json arguments.
src=$(python3 -c 'import json, sys; print(json.dumps(open(sys.argv[1]).read()))' \
    "$EXAMPLES_DIR/judge_service/submissions/ok.lua")
out=$("$FORKBOX" call --socket "$tmp/j.sock" --json judge_service:judge \
    "$src" '[1, 2, 3]' 14 2>&1)
rc=$?
[ $rc -eq 0 ] && [ "$out" = '{"verdict":"ok"}' ]
check "judge service: forkbox call --json (rc $rc: $out)" $?

halt "$b"
b=""
[ $rc -eq 0 ]
check "judge service: SIGTERM stops it, exit 0 (rc $rc)" $? "$tmp/j.err"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
