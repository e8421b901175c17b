#!/bin/sh
# The control protocol against a live broker (tests/protocol.py: calls,
# sends, pipelining, every bad input), then the broker's own descriptor
# limit. PROTOCOL_VALGRIND="valgrind --leak-check=full ..." runs the
# broker under it and checks its report. Every wait has a deadline.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
: "${EXAMPLES_DIR:?set by make check}"
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
brokers=""
trap 'kill_ours $brokers; rm -rf "$tmp"' EXIT
private_sockets "$tmp"
export EXAMPLES_DIR
app="$TEST_SRCDIR/fixtures/calls"
vg=${PROTOCOL_VALGRIND:-}

if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not installed: the protocol tests need it"
	exit 77
fi

served() { "$FORKBOX" stats --socket "$1" >/dev/null 2>&1; }

# 1,000 idle connections need 2,000 descriptors (the broker keeps half
# for its workers): raise the soft limit where the hard one allows.
(ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null
    exec $vg "$FORKBOX" run --app "$app" --host calls:processes \
    --socket "$tmp/b.sock") >"$tmp/b.out" 2>"$tmp/b.err" </dev/null &
b=$!
brokers="$b"
wait_for 60 served "$tmp/b.sock"
check "protocol: the broker serves" $? "$tmp/b.err"
python3 "$TEST_SRCDIR/protocol.py" "$tmp/b.sock" >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ]
check "protocol: every check of protocol.py" $? "$tmp/py.out" "$tmp/b.err"

# forkbox call and send: output and exit codes.
out="$tmp/cli.out"
err="$tmp/cli.err"
cli() { _c=$1; shift; "$FORKBOX" "$_c" --socket "$tmp/b.sock" "$@" >"$out" 2>"$err"; }
cli call calls:echo a 'b c'
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = '["a","b c"]' ]
check "forkbox call: the result as JSON, exit 0 (rc $rc)" $?
cli call --json calls:echo 1 '{"x":[true,"y"]}' '"s"'
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = '[1,{"x":[true,"y"]},"s"]' ]
check "forkbox call --json: ARGs are JSON values (rc $rc)" $?
cli call calls:fail oops
rc=$?
[ $rc -eq 1 ] && [ ! -s "$out" ] &&
    has_err '^forkbox call: {calls:processes|calls:fail|[0-9a-f]*}: error: oops$'
check "forkbox call: abnormal end, reason and error on stderr, exit 1 (rc $rc)" $?
cli call --timeout 200ms calls:spin
rc=$?
[ $rc -eq 1 ] && has_err ': timeout: call timeout exceeded (200ms)$'
check "forkbox call --timeout: killed with reason timeout, exit 1 (rc $rc)" $?
cli call --host calls:tiny calls:echo x
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = '["x"]' ]
check "forkbox call --host (rc $rc)" $?
cli call calls:nope
rc=$?
[ $rc -eq 2 ] && has_err '^forkbox call: unknown entry: calls:nope (unknown_entry)$'
check "forkbox call: refused, exit 2 (rc $rc)" $?
cli call --timeout -1s calls:echo
rc=$?
[ $rc -eq 2 ] && has_err '(bad_request)$'
check "forkbox call --timeout -1s: refused, exit 2 (rc $rc)" $?
cli call --json calls:echo '{bad'
rc=$?
[ $rc -eq 2 ] && has_err 'not JSON'
check "forkbox call --json: an ARG that is not JSON is a usage error (rc $rc)" $?
cli call
[ $? -eq 2 ] && has_err 'no ENTRY given'
check "forkbox call: no ENTRY is a usage error" $?
cli send nobody topic '{"a":1}'
rc=$?
[ $rc -eq 0 ] && [ ! -s "$out" ] && [ ! -s "$err" ]
check "forkbox send: to an unbound name, exit 0 (rc $rc)" $?
cli send '{bad' topic
rc=$?
[ $rc -eq 2 ] && has_err 'bad destination.*(bad_request)$'
check "forkbox send: a malformed destination, exit 2 (rc $rc)" $?
cli send nobody
[ $? -eq 2 ] && has_err 'expected DEST TOPIC'
check "forkbox send: usage error" $?
"$FORKBOX" call --help >"$out" && has '^usage: forkbox call' &&
    "$FORKBOX" send --help >"$out" && has '^usage: forkbox send'
check "forkbox call --help, send --help" $?

running "$b"
check "protocol: the broker is unharmed" $? "$tmp/b.err"
has 'left over 16 MiB of answers unread: closed' "$tmp/b.err"
check "log: a client that never reads is closed, and said so" $? "$tmp/b.err"
stop "$b" b
vg_check b

# With ulimit -n 128 the broker may keep 64 connections.
(ulimit -n 128 && exec $vg "$FORKBOX" run --app "$app" \
    --host calls:processes --socket "$tmp/l.sock") \
    >"$tmp/l.out" 2>"$tmp/l.err" </dev/null &
l=$!
brokers="$brokers $l"
wait_for 60 served "$tmp/l.sock"
python3 "$TEST_SRCDIR/protocol.py" "$tmp/l.sock" --fd-limit >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ] && has 'closed a new connection: ' "$tmp/l.err"
check "descriptor limit: refused cleanly and said so" $? "$tmp/py.out" "$tmp/l.err"
stop "$l" l
vg_check l

# A call in flight when the broker stops gets its outcome before the
# broker exits.
"$FORKBOX" run --app "$app" --host calls:processes --stop-timeout 3s \
    --socket "$tmp/s.sock" >"$tmp/s.out" 2>"$tmp/s.err" </dev/null &
s=$!
brokers="$brokers $s"
wait_for 60 served "$tmp/s.sock"
"$FORKBOX" call --socket "$tmp/s.sock" calls:sleep 20s >"$tmp/c.out" \
    2>"$tmp/c.err" &
c=$!
live() { "$FORKBOX" stats --socket "$tmp/s.sock" 2>/dev/null | grep -q '^live  *1$'; }
wait_for 20 live
kill -TERM "$s"
stopping() { "$FORKBOX" ps --json --socket "$tmp/s.sock" 2>/dev/null |
    grep -q '"stopping": true'; }
wait_for 20 stopping
"$FORKBOX" call --socket "$tmp/s.sock" calls:echo >"$out" 2>"$err"
rc=$?
[ $rc -eq 2 ] && has_err 'the broker is stopping (host_full)$'
check "stop: a call while the broker stops is refused at once (rc $rc)" $?
wait_for 20 stopped "$c" || kill -9 "$c"
wait "$c"
rc=$?
[ $rc -eq 1 ] && has 'calls:sleep|[0-9a-f]*}: shutdown: did not stop' "$tmp/c.err"
check "stop: a call in flight is answered with its shutdown (rc $rc)" $? \
    "$tmp/c.err" "$tmp/s.err"
# It stops by itself, and had to kill that process: exit 1.
wait_for 20 stopped "$s" || kill -9 "$s"
wait "$s"
rc=$?
[ $rc -eq 1 ]
check "stop: the broker exits 1 once it has killed that process (rc $rc)" $? \
    "$tmp/s.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
