#!/bin/bash
# The fault-injection suite (make check-faults): the cases under
# tests/faults, run by forkbox test on the trusted host, then what a Lua
# process cannot do from inside the broker: kill -9 the broker itself.
set -u
: "${FORKBOX:?set by make check-faults}"
: "${TEST_SRCDIR:?set by make check-faults}"
# FORKBOX_WORKER is the test build (forkbox-worker-test), with the hooks.
unset TZ	# the worker must cope with the default time zone (isolate.c)
app="$TEST_SRCDIR/faults"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# Poll for a condition with a deadline in ms; never a bare sleep.
wait_for() {	# wait_for MS COMMAND...
	local deadline=$(( $(date +%s%3N) + $1 ))
	shift
	until "$@"; do
		[ "$(date +%s%3N)" -lt "$deadline" ] || return 1
		sleep 0.02
	done
}

# The broker's log (and the workers', which it carries) goes with the
# verdicts through one pipe, so they stay in order.
set -o pipefail
timeout 900 "$FORKBOX" test --app "$app" --host faults:trusted \
    --timeout 120s "$@" 2>&1 | cat
rc=$?
set +o pipefail
if [ $rc -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

verdict() {	# verdict NAME STATUS [FILE]: count and print; show FILE on failure
	if [ "$2" -eq 0 ]; then
		echo "ok    $1"
		passed=$((passed + 1))
	else
		echo "FAIL  $1"
		[ -n "${3:-}" ] && sed 's/^/      | /' "$3" | cat -v | tail -n 20
		failed=$((failed + 1))
	fi
}

# What a strict worker says (print lines, a crash message, a name and a
# topic, a result) reaches the broker's log and run's output escaped:
# no ESC, CR or invalid UTF-8 byte gets through, and no line it wrote
# starts with "forkbox:".
raw() { LC_ALL=C grep -q "$1" "$2"; }
timeout 60 "$FORKBOX" -v run --app "$app" --host faults:strict faults:liar \
    parent >"$tmp/liar.out" 2>"$tmp/liar.err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/liar.out")" = '"error"' ]
verdict "untrusted text: the liar ran (rc $rc)" $? "$tmp/liar.err"
! raw $'\x1b' "$tmp/liar.err" && ! raw $'\r' "$tmp/liar.err" &&
    ! raw $'\xff' "$tmp/liar.err" && ! raw $'\xc2\x9b' "$tmp/liar.err"
verdict "untrusted text: no ESC, CR, C1 or invalid UTF-8 byte in the log" $? "$tmp/liar.err"
! grep -q '^forkbox: FORGED' "$tmp/liar.err"
verdict "untrusted text: no forged forkbox: line" $? "$tmp/liar.err"
all=1
for what in print crash name topic; do
	grep -F 'FORGED '"$what"' line\x0d\x1b]0;title\x07 \xc2\x9b' \
	    "$tmp/liar.err" >/dev/null || { echo "      no escaped $what line"; all=0; }
done
[ $all -eq 1 ]
verdict "untrusted text: print, crash, name and topic lines logged escaped" $? "$tmp/liar.err"
timeout 60 "$FORKBOX" run --app "$app" --host faults:strict faults:liar \
    fake_exit >"$tmp/fake.out" 2>"$tmp/fake.err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/fake.out" ] &&
    grep -q 'protocol: protocol error: result is not JSON' "$tmp/fake.err" &&
    ! raw $'\x1b' "$tmp/fake.err"
verdict "untrusted text: run refuses a forged EXIT result that is not JSON (rc $rc)" $? "$tmp/fake.out"

# The global queue budget: 1,500 monitored children return 1 MiB each to
# a parent that does not read; the broker's queues reach --max-queued
# (64MiB here, to keep it quick), the parent is killed with reason
# "mailbox" and the broker's memory stays under the budget.
timeout -s KILL 300 "$FORKBOX" run --max-queued 64MiB --app "$app" \
    --host faults:trusted faults:budget 1500 64 >"$tmp/budget.out" \
    2>"$tmp/budget.err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/budget.out")" = true ]
verdict "the global queue budget: $(sed -n 's/.*budget: //p' "$tmp/budget.err" | cut -c1-100) (rc $rc)" $? \
    "$tmp/budget.err"

# kill -9 of the broker: no worker (running or idle in the pool) is left
# after one second.
alive() {	# any of the pids still running (not a zombie)?
	local pid state
	for pid in "$@"; do
		state=$(sed -n 's/^[0-9]* (.*) \(.\) .*/\1/p' /proc/"$pid"/stat \
		    2>/dev/null) || continue
		[ -n "$state" ] && [ "$state" != Z ] || continue
		# The jail's holder, killed, waits in the kernel until the
		# zombies of its PID namespace are reaped by init (which
		# some containers' init never does): it runs nothing.
		[ "$(cat /proc/"$pid"/wchan 2>/dev/null)" = \
		    zap_pid_ns_processes ] && continue
		return 0
	done
	return 1
}
none_alive() { ! alive "$@"; }
running() {	# all of the pids on a CPU or runnable?
	local pid
	for pid in "$@"; do
		grep -q '^[0-9]* (.*) R ' /proc/"$pid"/stat 2>/dev/null ||
		    return 1
	done
}
"$FORKBOX" run --app "$app" --host faults:trusted faults:spawner \
    "$tmp/pids" 5 2>"$tmp/broker.err" &
broker=$!
# The busy ones must be in their loop, deaf to their socket: only
# PR_SET_PDEATHSIG ends those.
if wait_for 10000 test -s "$tmp/pids" &&
    busy=$(sed -n 's/^busy //p' "$tmp/pids") &&
    wait_for 5000 running $busy; then
	workers="$(sed 's/^busy //' "$tmp/pids") $(cat /proc/$broker/task/$broker/children)"
	kill -9 "$broker"
	wait "$broker" 2>/dev/null
	start=$(date +%s%3N)
	if wait_for 1000 none_alive $workers; then
		echo "ok    kill -9 of the broker: $(echo $workers | wc -w) workers gone in $(( $(date +%s%3N) - start )) ms"
		passed=$((passed + 1))
	else
		echo "FAIL  kill -9 of the broker: still running after 1s:"
		for pid in $workers; do
			alive "$pid" && ps -o pid=,stat=,args= -p "$pid" &&
			    kill -9 "$pid"
		done
		failed=$((failed + 1))
	fi
else
	echo "FAIL  kill -9 of the broker: the spawner did not start"
	cat "$tmp/broker.err"
	kill -9 "$broker" 2>/dev/null
	failed=$((failed + 1))
fi

echo "faults: $passed passed, $failed failed"
[ $failed -eq 0 ]
