#!/bin/sh
# Operating forkbox against live brokers: services (restart, backoff growth,
# give-up, stable reset), the stop on SIGINT/SIGTERM (clean, at the stop
# timeout, second signal), forkbox ps and stats, the control socket's
# permissions and peer check, and crash reports in the log. Every wait has
# a deadline; the fixtures are in tests/fixtures/ops.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
fix="$TEST_SRCDIR/fixtures/ops"
tmp=$(mktemp -d)
open=""
brokers=""
# A private socket directory: other brokers on this machine stay unseen.
XDG_RUNTIME_DIR="$tmp/xdg"
mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
cleanup() {
	kill_ours $brokers
	rm -rf "$tmp" $open
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"


now_ms() { date +%s%3N; }



# start NAME ARG...: a broker in the background; pid in $pid, output in
# $tmp/NAME.out and $tmp/NAME.err.
start() {
	_n=$1
	shift
	"$FORKBOX" "$@" >"$tmp/$_n.out" 2>"$tmp/$_n.err" </dev/null &
	pid=$!
	brokers="$brokers $pid"
}

# finish PID SECONDS: wait for the broker to exit (killed at the deadline);
# its status in $rc.
finish() {
	wait_for "$2" stopped "$1" || kill -9 "$1" 2>/dev/null
	wait "$1"
	rc=$?
}

count() { grep -c -- "$1" "$2"; }
atleast() { [ "$(grep -c -- "$2" "$3")" -ge "$1" ]; }
ps_ok() { "$FORKBOX" ps --socket "$1" >/dev/null 2>&1; }

# ---- restart, backoff growth, give-up ---------------------------------

start backoff run --app "$fix/backoff" --socket "$tmp/backoff.sock"
b=$pid
wait_for 20 has 'gave up after 5 consecutive failures' "$tmp/backoff.err"
check "services: given up after max_attempts (5) consecutive failures" $? \
    "$tmp/backoff.err"
n=$(count '^{[^}]*}: started at' "$tmp/backoff.err")
[ "$n" -eq 5 ]
check "services: restarted after each abnormal exit until given up (5 runs, got $n)" $? \
    "$tmp/backoff.err"
delays=$(grep -o 'restart in [0-9]*ms' "$tmp/backoff.err" | tr '\n' ' ')
[ "$delays" = "restart in 100ms restart in 200ms restart in 400ms restart in 400ms " ]
check "services: backoff doubles from initial_delay up to max_delay ($delays)" $? \
    "$tmp/backoff.err"
gaps=$(awk '/^{[^}]*}: started at/ { t = $NF; if (p) printf "%d ", (t - p) * 1000; p = t }' \
    "$tmp/backoff.err")
echo "$gaps" | awk '{ exit !($1 >= 95 && $2 >= 195 && $3 >= 395 &&
    $4 >= 395 && $2 > $1 && $3 > $2) }'
check "services: the real waits between starts grow ($gaps ms)" $? \
    "$tmp/backoff.err"
"$FORKBOX" ps --socket "$tmp/backoff.sock" >"$tmp/backoff.ps" 2>&1
grep -q '^backoff:crasher_service  *backoff:crasher  *failed  *-  *4  *5' \
    "$tmp/backoff.ps"
check "ps: a given-up service is shown failed, 4 restarts, 5 failures" $? \
    "$tmp/backoff.ps"
running "$b"
check "services: the app keeps running after a give-up" $? "$tmp/backoff.err"
kill -TERM "$b"
finish "$b" 10
[ "$rc" -eq 0 ]
check "shutdown: SIGTERM with nothing running exits 0 (rc $rc)" $? \
    "$tmp/backoff.err"

# ---- a stable run resets the count ------------------------------------

start stable run --app "$fix/stable" --socket "$tmp/stable.sock" \
    --stop-timeout 200ms
s=$pid
wait_for 20 atleast 3 'restart in 50ms (failure 1 of 2)' "$tmp/stable.err"
check "services: a run of max_delay or more resets the count and the delay" $? \
    "$tmp/stable.err"
! has 'gave up' "$tmp/stable.err" && ! has 'failure 2 of 2' "$tmp/stable.err"
check "services: after stable runs it is never given up" $? "$tmp/stable.err"
kill -TERM "$s"
finish "$s" 10

# ---- clean stop -------------------------------------------------------

start stop run --app "$fix/stop" --socket "$tmp/stop.sock"
s=$pid
wait_for 10 ps_ok "$tmp/stop.sock"
check "control socket: a broker answers on --socket" $? "$tmp/stop.err"
mode=$(stat -c %a "$tmp/stop.sock")
[ "$mode" = 600 ]
check "control socket: mode 0600 (got $mode)" $?
t0=$(now_ms)
kill -TERM "$s"
finish "$s" 10
took=$(( $(now_ms) - t0 ))
[ "$rc" -eq 0 ] && [ "$took" -lt 3000 ]
check "shutdown: every process exits on CANCEL, exit 0 (rc $rc, ${took}ms)" $? \
    "$tmp/stop.err"
has 'one got pid.cancel from {forkbox|forkbox:broker|0000000000000000}' "$tmp/stop.err" &&
    has 'two got pid.cancel from' "$tmp/stop.err"
check "shutdown: each process got a CANCEL event from the broker" $? \
    "$tmp/stop.err"
! has 'killing' "$tmp/stop.err" && [ ! -e "$tmp/stop.sock" ]
check "shutdown: nothing killed, control socket removed" $? "$tmp/stop.err"

timeout 30 "$FORKBOX" -v run --app "$fix/stop" --socket "$tmp/entry.sock" \
    stop:check >"$tmp/entry.out" 2>"$tmp/entry.err"
rc=$?
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/entry.out")" = true ] &&
    [ "$(count 'exited: shutdown' "$tmp/entry.err")" -eq 2 ] &&
    ! has 'restart in' "$tmp/entry.err"
check "run ENTRY: services start first, are shut down (not restarted) when it ends (rc $rc)" $? \
    "$tmp/entry.out" "$tmp/entry.err"

# ---- stop timeout, second signal --------------------------------------

start stubborn -v run --app "$fix/stubborn" --socket "$tmp/stubborn.sock" \
    --stop-timeout 300ms
s=$pid
wait_for 10 ps_ok "$tmp/stubborn.sock"
t0=$(now_ms)
kill -TERM "$s"
finish "$s" 10
took=$(( $(now_ms) - t0 ))
[ "$rc" -eq 1 ] && [ "$took" -ge 300 ] && [ "$took" -lt 3000 ] &&
    has 'ignoring pid.cancel' "$tmp/stubborn.err" &&
    has 'did not stop within 300ms: killing it' "$tmp/stubborn.err" &&
    has 'exited: shutdown: did not stop within 300ms' "$tmp/stubborn.err"
check "shutdown: what ignores CANCEL is killed at --stop-timeout (reason shutdown), exit 1 (rc $rc, ${took}ms)" $? \
    "$tmp/stubborn.err"

start second run --app "$fix/stubborn" --socket "$tmp/second.sock" \
    --stop-timeout 60s
s=$pid
wait_for 10 ps_ok "$tmp/second.sock"
kill -INT "$s"
wait_for 10 has 'interrupted: stopping 1 process' "$tmp/second.err"
check "shutdown: SIGINT starts the stop" $? "$tmp/second.err"
running "$s"
check "shutdown: the broker waits for the stop timeout" $? "$tmp/second.err"
t0=$(now_ms)
kill -INT "$s"
finish "$s" 10
took=$(( $(now_ms) - t0 ))
[ "$rc" -eq 1 ] && [ "$took" -lt 3000 ] &&
    has 'interrupted again: killing every process now' "$tmp/second.err"
check "shutdown: a second SIGINT kills at once (rc $rc, ${took}ms)" $? \
    "$tmp/second.err"

# ---- a service is nobody's child -----------------------------------------

timeout 30 "$FORKBOX" run --app "$fix/guard" --host guard:tight guard:main \
    >"$tmp/guard.out" 2>"$tmp/guard.err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/guard.out")" = \
    '["not permitted: terminate (host guard:tight)","not permitted: cancel (host guard:tight)",true]' ] &&
    ! has 'keeper_service: failed' "$tmp/guard.err"
check "services: control: children cannot terminate or cancel a service (rc $rc)" $? \
    "$tmp/guard.out" "$tmp/guard.err"

# ---- ps and stats -------------------------------------------------------

start ps -v run --app "$fix/ps" --socket "$tmp/ps.sock" --stop-timeout 200ms
s=$pid
wait_for 20 has 'sent 3000' "$tmp/ps.err"
check "ps fixture: the mailbox is filled" $? "$tmp/ps.err"
"$FORKBOX" ps --socket "$tmp/ps.sock" >"$tmp/ps.txt" 2>&1
rc=$?
[ $rc -eq 0 ] && head -1 "$tmp/ps.txt" | grep -q \
    '^ID  *OSPID  *ENTRY  *HOST  *STATE  *RSS  *MAILBOX  *RESTARTS  *UPTIME  *COMMENT$'
check "ps: header (rc $rc)" $? "$tmp/ps.txt"
grep -q '^[0-9a-f]*  *[0-9][0-9]*  *ps:busy  *ps:processes  *running  *[0-9.]*[KMG]iB  *[0-9]*/[0-9.]*[KMG]*i*B  *0  *[0-9.]*[mu]*s  *never reads its mailbox$' \
    "$tmp/ps.txt"
check "ps: a row per process with OS pid, entry, host, state, memory, mailbox, restarts, uptime, comment" $? \
    "$tmp/ps.txt"
ospid=$(awk '$3 == "ps:busy" { print $2 }' "$tmp/ps.txt")
tr '\0' ' ' <"/proc/$ospid/cmdline" 2>/dev/null | grep -q forkbox-worker
check "ps: the OS pid is the worker's ($ospid)" $? "$tmp/ps.txt"
msgs=$(awk '$3 == "ps:busy" { split($7, a, "/"); print a[1] }' "$tmp/ps.txt")
# All 3000 count, wherever they wait; and the reply to its register,
# which it took but, never idle, has not said so.
[ "${msgs:-0}" -ge 3000 ] && [ "$msgs" -le 3001 ]
check "ps: mailbox depth of a process that does not read (${msgs:-?} messages)" $? \
    "$tmp/ps.txt"
! grep -q 'ps:oneshot  *ps:processes' "$tmp/ps.txt" &&
    grep -q '^ps:oneshot_service  *ps:oneshot  *exited  *-  *0  *0' "$tmp/ps.txt" &&
    grep -q '^ps:flood_service  *ps:flood  *running  *[0-9a-f]*  *0  *0' "$tmp/ps.txt"
check "ps: services, a normal exit is not restarted" $? "$tmp/ps.txt"
"$FORKBOX" ps --json --socket "$tmp/ps.sock" >"$tmp/ps.json" 2>&1
has '"entry": "ps:busy"' "$tmp/ps.json" &&
    has '"pid": "{ps:processes|ps:busy|[0-9a-f]*}"' "$tmp/ps.json" &&
    has '"mailbox_messages": [1-9]' "$tmp/ps.json" &&
    has '"mailbox_bytes": [1-9]' "$tmp/ps.json" &&
    has '"memory": [1-9]' "$tmp/ps.json" &&
    has '"comment": "fills busy' "$tmp/ps.json" &&
    has '"uptime": [0-9]' "$tmp/ps.json"
check "ps --json" $? "$tmp/ps.json"
"$FORKBOX" stats --socket "$tmp/ps.sock" >"$tmp/stats.txt" 2>&1
has '^spawned  *3$' "$tmp/stats.txt" && has '^live  *2$' "$tmp/stats.txt" &&
    has '^exited  *1$' "$tmp/stats.txt" && has '^  normal  *1$' "$tmp/stats.txt" &&
    has '^routed  *3000$' "$tmp/stats.txt" &&
    has '^undeliverable  *1$' "$tmp/stats.txt" &&
    has '^refused  *1$' "$tmp/stats.txt" &&
    has '^log dropped  *0$' "$tmp/stats.txt"
check "stats: spawned, live, exited by reason, routed, undeliverable, refused, log dropped" $? \
    "$tmp/stats.txt"
has '^forkbox: {ps:processes|ps:flood|[0-9a-f]\{16\}}: not permitted: spawn on ps:elsewhere (host ps:processes)$' \
    "$tmp/ps.err"
check "log: a refused request is logged at -v" $? "$tmp/ps.err"
# The isolation in force: every namespace where the kernel gives them
# (it does to us, when it does to unshare), or why not where it does not.
if unshare -U true 2>/dev/null; then
	has '^isolation  *namespaces: user mnt net ipc uts cgroup pid; user: ' \
	    "$tmp/stats.txt" && ! has '^  unavailable' "$tmp/stats.txt"
	check "stats: the isolation of strict workers: every namespace" $? \
	    "$tmp/stats.txt"
else
	has '^  unavailable  ' "$tmp/stats.txt"
	check "stats: the isolation of strict workers: why namespaces are unavailable (unshare -U refused here)" $? \
	    "$tmp/stats.txt"
fi
"$FORKBOX" stats --json --socket "$tmp/ps.sock" >"$tmp/stats.json" 2>&1
has '"routed": 3000' "$tmp/stats.json" && has '"normal": 1' "$tmp/stats.json" &&
    has '"error": 0' "$tmp/stats.json" && has '"refused": 1' "$tmp/stats.json"
check "stats --json" $? "$tmp/stats.json"
kill -TERM "$s"
finish "$s" 10

# ---- isolation the kernel refuses ---------------------------------------
# In a user namespace that maps no id the broker may create no other:
# it must say so once at start and in stats, and run all the same.
if command -v unshare >/dev/null 2>&1 && unshare -U true 2>/dev/null; then
	unshare -U "$FORKBOX" run --app "$fix/stop" --socket "$tmp/iso.sock" \
	    >"$tmp/iso.out" 2>"$tmp/iso.err" </dev/null &
	s=$!
	brokers="$brokers $s"
	wait_for 10 ps_ok "$tmp/iso.sock"
	"$FORKBOX" stats --socket "$tmp/iso.sock" >"$tmp/iso.stats" 2>&1
	has '^isolation  *namespaces: none; user: the broker.s uid' \
	    "$tmp/iso.stats" &&
	    has '^  unavailable  unshare(CLONE_NEWUSER): ' "$tmp/iso.stats"
	check "stats: isolation unavailable, and why" $? "$tmp/iso.stats"
	[ "$(grep -c '^forkbox: isolation: strict workers run without namespaces (unshare(CLONE_NEWUSER): .*) and with the broker.s uid$' \
	    "$tmp/iso.err")" -eq 1 ]
	check "log: isolation unavailable, said once at start" $? "$tmp/iso.err"
	kill -TERM "$s"
	finish "$s" 10
	has 'one got pid.cancel' "$tmp/iso.err"
	check "without namespaces the strict services still ran" $? "$tmp/iso.err"
else
	echo "unshare -U not available: isolation fallback not checked"
fi

# ---- finding the broker -------------------------------------------------

start find1 run --app "$fix/stop"
s1=$pid
sock="$XDG_RUNTIME_DIR/forkbox-$s1.sock"
wait_for 10 ps_ok "$sock"
check "control socket: default path \$XDG_RUNTIME_DIR/forkbox-PID.sock" $? \
    "$tmp/find1.err"
"$FORKBOX" ps >"$tmp/find.txt" 2>&1
rc=$?
[ $rc -eq 0 ] && has 'stop:obedient' "$tmp/find.txt"
check "ps: finds the only running broker without --socket (rc $rc)" $? \
    "$tmp/find.txt"
start find2 run --app "$fix/stop"
s2=$pid
wait_for 10 ps_ok "$XDG_RUNTIME_DIR/forkbox-$s2.sock"
"$FORKBOX" ps >"$tmp/find.txt" 2>&1
rc=$?
[ $rc -eq 2 ] && has 'choose one with --socket' "$tmp/find.txt" &&
    has "forkbox-$s1.sock" "$tmp/find.txt"
check "ps: several brokers need --socket, exit 2 (rc $rc)" $? "$tmp/find.txt"
kill -TERM "$s1" "$s2"
finish "$s1" 10
finish "$s2" 10
"$FORKBOX" ps >"$tmp/find.txt" 2>&1
rc=$?
[ $rc -eq 1 ] && has 'no running broker' "$tmp/find.txt"
check "ps: no broker, exit 1 (rc $rc)" $? "$tmp/find.txt"

# ---- another user is refused ------------------------------------------

nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
    $nobody "$FORKBOX" --version >/dev/null 2>&1; then
	open=$(mktemp -d /tmp/forkbox-ops-open.XXXXXX)
	chmod 755 "$open"
	start peer run --app "$fix/stop" --socket "$open/ctl.sock"
	s=$pid
	wait_for 10 ps_ok "$open/ctl.sock"
	$nobody "$FORKBOX" ps --socket "$open/ctl.sock" >"$tmp/nobody.txt" 2>&1
	rc=$?
	[ $rc -eq 1 ] && has 'Permission denied' "$tmp/nobody.txt"
	check "control socket: another user cannot connect (mode 0600; rc $rc)" $? \
	    "$tmp/nobody.txt"
	# Open the file mode: the broker's own peer check must refuse.
	chmod 666 "$open/ctl.sock"
	$nobody "$FORKBOX" ps --socket "$open/ctl.sock" >"$tmp/nobody.txt" 2>&1
	rc=$?
	[ $rc -eq 1 ] && has 'the broker refused: permission denied' "$tmp/nobody.txt" &&
	    has 'refused a client of uid 65534' "$tmp/peer.err"
	check "control socket: SO_PEERCRED refuses another user (rc $rc)" $? \
	    "$tmp/nobody.txt" "$tmp/peer.err"
	ps_ok "$open/ctl.sock"
	check "control socket: the broker's user is still served" $?
	kill -TERM "$s"
	finish "$s" 10
else
	echo "skip  control socket: refusing another user (needs root and setpriv)"
fi

# ---- the log -------------------------------------------------------------

timeout 30 "$FORKBOX" run --app "$fix/crash" crash:main >"$tmp/crash.out" \
    2>"$tmp/crash.err"
tag='{crash:processes|crash:chatty|[0-9a-f]\{16\}}'
has "^$tag: line 1\$" "$tmp/crash.err" &&
    has "^forkbox: $tag: crashed: error: .*chatty crashed\$" "$tmp/crash.err" &&
    has "^forkbox: $tag: its last 10 lines:\$" "$tmp/crash.err" &&
    [ "$(grep -c "^forkbox: $tag: | " "$tmp/crash.err")" -eq 10 ] &&
    has "^forkbox: $tag: | line 15\$" "$tmp/crash.err" &&
    has "^forkbox: $tag: | stack traceback:" "$tmp/crash.err"
check "log: print lines tagged with the pid; a crash shows its reason and last 10 lines" $? \
    "$tmp/crash.err"
has 'bell \\x07 escape \\x1b\[31m' "$tmp/crash.err" &&
    ! grep -q "$(printf '\033')" "$tmp/crash.err"
check "log: control characters from a process are escaped" $? "$tmp/crash.err"
timeout 30 "$FORKBOX" -q run --app "$fix/crash" crash:main >"$tmp/crash.out" \
    2>"$tmp/crash.err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/crash.err" ] &&
    [ "$(cat "$tmp/crash.out")" = '"error"' ]
check "log: -q shows neither print lines nor crash reports (rc $rc)" $? \
    "$tmp/crash.err"
timeout 30 "$FORKBOX" -v run --app "$fix/stop" --socket "$tmp/v.sock" \
    stop:check >"$tmp/v.out" 2>"$tmp/v.err"
has 'service stop:one: started' "$tmp/v.err" &&
    has 'exited: shutdown: shut down' "$tmp/v.err"
check "log: -v shows service starts and every exit" $? "$tmp/v.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
