#!/bin/sh
# forkbox run --http against live brokers (tests/httpapi.py: every route and
# status code, the token, limits, slow-loris, a client leaving mid-call,
# keep-alive, /metrics parsed), and the start-up rule: no token, loopback
# only. HTTP_VALGRIND="valgrind --leak-check=full ..." runs the brokers
# under it and checks their reports. Every wait has a deadline.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
brokers=""
trap 'kill_ours $brokers; rm -rf "$tmp"' EXIT
private_sockets "$tmp"
app="$TEST_SRCDIR/fixtures/calls"
vg=${HTTP_VALGRIND:-}

if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not installed: the HTTP tests need it"
	exit 77
fi

# A python that has prometheus_client (python3-prometheus-client), if
# any: /metrics goes through its parser too.
prom_py=python3
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import prometheus_client.parser' 2>/dev/null; then
		prom_py=$py
		break
	fi
done

# The address a broker logged for --http 127.0.0.1:0.
bound() { sed -n 's/.*http: listening on \(127\.0\.0\.1:[0-9]*\)$/\1/p' "$1"; }
listening() { [ -n "$(bound "$1")" ]; }

out="$tmp/cli.out"
err="$tmp/cli.err"

# Without a token only loopback or a unix socket: exit 2 at start.
"$FORKBOX" run --app "$app" --http 0.0.0.0:0 >"$out" 2>"$err" </dev/null
rc=$?
[ $rc -eq 2 ] && has_err 'not a loopback address: serving it needs --http-token-file'
check "--http 0.0.0.0:PORT without a token: refused, exit 2 (rc $rc)" $?
"$FORKBOX" run --app "$app" --http localhost >"$out" 2>"$err" </dev/null
rc=$?
[ $rc -eq 2 ] && has_err 'expected HOST:PORT or unix:PATH'
check "--http without a port: usage error (rc $rc)" $?
"$FORKBOX" run --app "$app" --http-token-file /nonexistent >"$out" \
    2>"$err" </dev/null
[ $? -eq 2 ] && has_err 'needs --http'
check "--http-token-file without --http: usage error" $?
printf '' >"$tmp/empty"
"$FORKBOX" run --app "$app" --http 127.0.0.1:0 --http-token-file \
    "$tmp/empty" >"$out" 2>"$err" </dev/null
rc=$?
[ $rc -eq 1 ] && has_err 'must be a token'
check "an empty token file: refused at start (rc $rc)" $?

# The broker with a token, on a free port.
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$token" >"$tmp/token"
$vg "$FORKBOX" run --app "$app" --host calls:processes --http 127.0.0.1:0 \
    --http-token-file "$tmp/token" >"$tmp/t.out" 2>"$tmp/t.err" </dev/null &
t=$!
brokers="$t"
wait_for 60 listening "$tmp/t.err"
check "--http 127.0.0.1:0: the bound address is logged" $? "$tmp/t.err"
addr=$(bound "$tmp/t.err")
python3 "$TEST_SRCDIR/httpapi.py" tcp "$addr" "$token" >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ]
check "http: every check of http.py" $? "$tmp/py.out" "$tmp/t.err"
"$prom_py" "$TEST_SRCDIR/httpapi.py" metrics "$addr" "$token" >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ]
check "http: /metrics parses" $? "$tmp/py.out" "$tmp/t.err"
running "$t"
check "http: the broker is unharmed" $? "$tmp/t.err"
stop "$t" t
vg_check t

# A unix socket needs no token.
$vg "$FORKBOX" run --app "$app" --host calls:processes \
    --http "unix:$tmp/http.sock" >"$tmp/u.out" 2>"$tmp/u.err" </dev/null &
u=$!
brokers="$brokers $u"
wait_for 60 test -S "$tmp/http.sock"
check "--http unix:PATH: the socket exists" $? "$tmp/u.err"
mode=$(stat -c %a "$tmp/http.sock")
[ "$mode" = 600 ]
check "--http unix:PATH: mode 0600 ($mode)" $?
python3 "$TEST_SRCDIR/httpapi.py" unix "$tmp/http.sock" >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
[ $st -eq 0 ]
check "http over a unix socket" $? "$tmp/py.out" "$tmp/u.err"
stop "$u" u
[ ! -e "$tmp/http.sock" ]
check "--http unix:PATH: removed at exit" $?
vg_check u

# With ulimit -n 128 the broker takes 32 HTTP connections.
(ulimit -n 128 && exec $vg "$FORKBOX" run --app "$app" \
    --host calls:processes --http 127.0.0.1:0) \
    >"$tmp/l.out" 2>"$tmp/l.err" </dev/null &
l=$!
brokers="$brokers $l"
wait_for 60 listening "$tmp/l.err"
python3 "$TEST_SRCDIR/httpapi.py" limit "$(bound "$tmp/l.err")" \
    >"$tmp/py.out" 2>&1
st=$?
sed 's/^/  /' "$tmp/py.out"
# Out of descriptors (the burst may get there), accept() is not retried
# in a loop: libevent would log each failure.
[ $st -eq 0 ] && has 'http: .*closing new ones' "$tmp/l.err" &&
    ! has 'Error from accept' "$tmp/l.err"
check "descriptor limit: refused cleanly and said so" $? "$tmp/py.out" \
    "$tmp/l.err"
stop "$l" l
vg_check l

# A call in flight when the broker stops gets its outcome before the
# broker exits.
"$FORKBOX" run --app "$app" --host calls:processes --stop-timeout 1s \
    --socket "$tmp/s.sock" --http 127.0.0.1:0 >"$tmp/s.out" 2>"$tmp/s.err" \
    </dev/null &
s=$!
brokers="$brokers $s"
wait_for 60 listening "$tmp/s.err"
python3 "$TEST_SRCDIR/httpapi.py" call "$(bound "$tmp/s.err")" calls:sleep \
    '["20s"]' >"$tmp/c.out" 2>&1 &
c=$!
live() { "$FORKBOX" stats --socket "$tmp/s.sock" 2>/dev/null | grep -q '^live  *1$'; }
wait_for 20 live
kill -TERM "$s"
wait_for 20 stopped "$c" || kill -9 "$c"
wait "$c"
grep -q '^200 .*"reason": "shutdown"' "$tmp/c.out"
check "stop: a call in flight over HTTP is answered with its shutdown" $? \
    "$tmp/c.out" "$tmp/s.err"
wait_for 20 stopped "$s" || kill -9 "$s"
wait "$s"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
