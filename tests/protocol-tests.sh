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
trap 'for p in $brokers; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
XDG_RUNTIME_DIR="$tmp/xdg"
mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR EXAMPLES_DIR
app="$TEST_SRCDIR/fixtures/calls"
vg=${PROTOCOL_VALGRIND:-}

if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not installed: the protocol tests need it"
	exit 77
fi

served() { "$FORKBOX" stats --socket "$1" >/dev/null 2>&1; }

# stop PID NAME: SIGTERM, then it must exit 0 before the deadline.
stop() {
	kill -TERM "$1"
	wait_for 60 stopped "$1" || kill -9 "$1"
	wait "$1"
	rc=$?
	[ $rc -eq 0 ]
	check "$2: SIGTERM stops the broker, exit 0 (rc $rc)" $? "$tmp/$2.err"
}

# vg_check NAME: under valgrind, its report shows no error and no leak.
vg_check() {
	[ -n "$vg" ] || return 0
	grep -E 'ERROR SUMMARY|in use at exit|definitely lost|indirectly lost' "$tmp/$1.err" |
	    sed 's/^/  /'
	has 'ERROR SUMMARY: 0 errors' "$tmp/$1.err" &&
	    ! grep -q 'definitely lost: [1-9]' "$tmp/$1.err" &&
	    ! grep -q 'indirectly lost: [1-9]' "$tmp/$1.err"
	check "valgrind ($1): no error, nothing lost" $? "$tmp/$1.err"
}

$vg "$FORKBOX" run --app "$app" --host calls:processes \
    --socket "$tmp/b.sock" >"$tmp/b.out" 2>"$tmp/b.err" </dev/null &
b=$!
brokers="$b"
wait_for 60 served "$tmp/b.sock"
check "protocol: the broker serves" $? "$tmp/b.err"
python3 "$TEST_SRCDIR/protocol.py" "$tmp/b.sock" >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ]
check "protocol: every check of protocol.py" $? "$tmp/py.out" "$tmp/b.err"
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
