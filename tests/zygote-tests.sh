#!/bin/sh
# The zygote against live brokers: forkbox stats shows it; kill -9 of it
# loses no call and it comes back; and a lying zygote (the test build's
# hook, worker/zygote.c: a file "forkbox-zygote-lie" in the broker's
# directory) is caught at its first lie, killed, and costs no call: the
# broker never takes another process for the new one. Every wait has a
# deadline. ZYGOTE_VALGRIND="valgrind --leak-check=full" runs the brokers
# under it (the zygote and the workers run outside it).
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
tmp=$(mktemp -d)
brokers=""
cleanup() {
	kill_ours $brokers
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
private_sockets "$tmp"
app="$TEST_SRCDIR/app"
vg=${ZYGOTE_VALGRIND:-}

# start NAME DIR: a broker of the test app, in DIR, whose calls run on a
# host without a pool (every one asks the zygote); pid in $pid.
start() {
	(cd "$2" && exec $vg "$FORKBOX" run --app "$app" \
	    --host app.test.zygote:nopool --socket "$tmp/$1.sock" \
	    >"$tmp/$1.out" 2>"$tmp/$1.err" </dev/null) &
	pid=$!
	brokers="$brokers $pid"
	wait_for 60 "$FORKBOX" ps --socket "$tmp/$1.sock" >/dev/null 2>&1
}

# zygote_pid NAME [LINE]: the OS pid forkbox stats shows on the line
# of LINE ("zygote", the strict one, by default; "  trusted"), or nothing.
zygote_pid() {
	"$FORKBOX" stats --socket "$tmp/$1.sock" 2>/dev/null |
	    sed -n "s/^${2:-zygote}  *up (OS pid \([0-9]*\)).*/\1/p"
}
# zygote_back NAME OLD [LINE]: a zygote is up, and it is not OLD.
zygote_back() {
	_z=$(zygote_pid "$1" "${3:-zygote}")
	[ -n "$_z" ] && [ "$_z" != "$2" ]
}

# child_named PID COMM: PID has a child named COMM.
child_named() {
	for _c in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		grep -qx "$2" "/proc/$_c/comm" 2>/dev/null && return 0
	done
	return 1
}

# calls NAME N [HOST]: N calls of the probe (on the broker's --host, or
# HOST), each must print its result.
calls() {
	_i=0
	while [ $_i -lt "$2" ]; do
		"$FORKBOX" call --socket "$tmp/$1.sock" --timeout 10s \
		    ${3:+--host "$3"} app.test.zygote:probe >"$tmp/$1.call" \
		    2>&1 || return 1
		grep -q '"ospid"' "$tmp/$1.call" || return 1
		_i=$((_i + 1))
	done
}

# ---- stats, kill -9, restart -----------------------------------------
mkdir "$tmp/plain"
start plain "$tmp/plain"
broker=$pid
z=$(zygote_pid plain)
[ -n "$z" ] && "$FORKBOX" stats --socket "$tmp/plain.sock" |
    grep -q '^zygote  *up (OS pid [0-9]*); forked [0-9]*, fork+exec 0, restarts 0$'
check "stats: the zygote is up, forked workers, none by fork+exec" $? \
    "$tmp/plain.err"
calls plain 1 && grep -q '"zygote":true' "$tmp/plain.call" &&
    grep -q '"kind":"strict"' "$tmp/plain.call"
check "call: the process was forked by the strict zygote" $? "$tmp/plain.call"
# The app has trusted hosts: their zygote is up beside it, another process.
tz=$(zygote_pid plain "  trusted")
[ -n "$tz" ] && [ "$tz" != "$z" ]
check "stats: the trusted zygote is up, apart from the strict one" $? \
    "$tmp/plain.err"

kill -9 "$z"
calls plain 5
check "kill -9 of the zygote: every call after it ran" $? "$tmp/plain.call" \
    "$tmp/plain.err"
wait_for 20 zygote_back plain "$z" &&
    "$FORKBOX" stats --socket "$tmp/plain.sock" | grep -q 'restarts 1$' &&
    grep -q "^forkbox: zygote $z killed by SIGKILL; forking and exec'ing workers until it is back$" \
    "$tmp/plain.err"
check "kill -9 of the zygote: logged, restarted" $? "$tmp/plain.err"
wait_for 20 sh -c "'$FORKBOX' call --socket '$tmp/plain.sock' app.test.zygote:probe | grep -q '\"zygote\":true'"
check "the new zygote forks again" $? "$tmp/plain.err"

# The same for the trusted zygote, with calls on a trusted host.
kill -9 "$tz"
calls plain 5 app.test.zygote:trusted
check "kill -9 of the trusted zygote: every call after it ran" $? \
    "$tmp/plain.call" "$tmp/plain.err"
wait_for 20 zygote_back plain "$tz" "  trusted" &&
    grep -q "^forkbox: trusted zygote $tz killed by SIGKILL; forking and exec'ing workers until it is back$" \
    "$tmp/plain.err"
check "kill -9 of the trusted zygote: logged, restarted" $? "$tmp/plain.err"
wait_for 20 sh -c "'$FORKBOX' call --socket '$tmp/plain.sock' --host app.test.zygote:trusted app.test.zygote:probe | grep -q '\"kind\":\"trusted\"'"
check "the new trusted zygote forks again" $? "$tmp/plain.err"
stop "$broker" plain
vg_check plain

# ---- an app without a trusted host: no trusted zygote -----------------
mkdir "$tmp/strict"
(cd "$tmp/strict" && exec $vg "$FORKBOX" run --app "$TEST_SRCDIR/fixtures/calls" \
    --socket "$tmp/strict.sock" >"$tmp/strict.out" 2>"$tmp/strict.err" \
    </dev/null) &
broker=$!
brokers="$brokers $broker"
wait_for 60 "$FORKBOX" ps --socket "$tmp/strict.sock" >/dev/null 2>&1
"$FORKBOX" call --socket "$tmp/strict.sock" --host calls:processes \
    calls:echo 1 >/dev/null &&
    "$FORKBOX" stats --socket "$tmp/strict.sock" >"$tmp/strict.stats" &&
    grep -q '^zygote  *up (OS pid [0-9]*); forked [1-9]' "$tmp/strict.stats" &&
    grep -q '^  trusted  *unused; forked 0, fork+exec 0, restarts 0$' \
    "$tmp/strict.stats" && child_named "$broker" forkbox-zygote &&
    ! child_named "$broker" forkbox-tzygote
check "no trusted host: only the strict zygote runs, the trusted one is unused" $? \
    "$tmp/strict.stats"
stop "$broker" strict
vg_check strict

# ---- a trusted process's stdio ------------------------------------------
# A worker ends with _exit once its EXIT is out (the broker kills it then
# anyway): what a trusted one wrote through stdio, unflushed, is flushed
# before, not lost. Three runs, all must show it.
_n=0
for _i in 1 2 3; do
	timeout 30 "$FORKBOX" -q run --app "$app" \
	    --host app.test.zygote:trusted app.test.zygote:writer \
	    >/dev/null 2>"$tmp/writer.err" &&
	    grep -q '^writer: unflushed line from a trusted process' \
	    "$tmp/writer.err" && _n=$((_n + 1))
done
[ "$_n" -eq 3 ]
check "a trusted process's unflushed stdio output is not lost at its exit" \
    $? "$tmp/writer.err"

# ---- code named by number, to a worker without a zygote's chunks -------
# tests/worker_init.py plays the broker to a bare worker: an INIT that
# names the entry's or a library's text by its number in a zygote's
# chunks (proto.h) is refused with a clear error, never a crash.
if command -v python3 >/dev/null 2>&1; then
	proto=$(sed -n 's/^#define FORKBOX_PROTO_VERSION[^0-9]*\([0-9]*\).*/\1/p' \
	    "$TEST_SRCDIR/../include/forkbox/proto.h")
	timeout 120 python3 "$TEST_SRCDIR/worker_init.py" "$proto" \
	    >"$tmp/init.out" 2>&1
	check "INIT naming code a worker lacks: refused, text still runs" $? \
	    "$tmp/init.out"
fi

# ---- a lying zygote ----------------------------------------------------
for lie in stranger self sibling fd order; do
	mkdir "$tmp/$lie"
	echo "$lie" >"$tmp/$lie/forkbox-zygote-lie"
	start "$lie" "$tmp/$lie"
	broker=$pid
	calls "$lie" 4 && calls "$lie" 2 app.test.zygote:trusted
	check "lie '$lie': every call ran" $? "$tmp/$lie.call" "$tmp/$lie.err"
	grep -q '^forkbox: zygote [0-9]*: a.*; killing it$' "$tmp/$lie.err" &&
	    grep -q '^forkbox: trusted zygote [0-9]*: a.*; killing it$' \
	    "$tmp/$lie.err" && running "$broker"
	check "lie '$lie': caught and both zygotes killed" $? "$tmp/$lie.err"
	stop "$broker" "$lie"
	vg_check "$lie"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
