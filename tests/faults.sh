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
timeout 60 "$FORKBOX" run --app "$app" --host faults:strict faults:liar \
    result >"$tmp/result.out" 2>"$tmp/result.err"
rc=$?
[ $rc -eq 0 ] && ! raw $'\x7f' "$tmp/result.out" &&
    ! raw $'\xc2\x9b' "$tmp/result.out" &&
    [ "$(cat "$tmp/result.out")" = '"\u009b2J\u009b31mFORGED result\u007f"' ]
verdict "untrusted text: run prints a result's C1 and DEL characters as \\u escapes (rc $rc)" $? "$tmp/result.out"

# A print flood into the broker's stderr, a pipe nobody reads: the log
# costs lines, not the loop's time (a bystander's ping-pong p99 under
# 50 ms, spec section 6), and once the reader drains it (only after the
# result is out) one line says how many lines were dropped.
mkfifo "$tmp/stall"
( wait_for 70000 test -s "$tmp/stall.out"; cat ) <"$tmp/stall" \
    >"$tmp/stall.err" &
reader=$!
timeout -k 5 60 "$FORKBOX" run --app "$app" --host faults:trusted \
    faults:log_stall 2 >"$tmp/stall.out" 2>"$tmp/stall"
rc=$?
wait $reader
p99=$(cat "$tmp/stall.out")
[ $rc -eq 0 ] && [ "$p99" -lt 50000 ] 2>/dev/null
verdict "log: a print flood into a stalled stderr: bystander p99 ${p99:-none} us (rc $rc)" $? "$tmp/stall.err"
grep -aq '^forkbox: [0-9]* log lines dropped (log sink too slow)$' \
    "$tmp/stall.err"
verdict "log: the dropped lines are counted once the reader drains" $? "$tmp/stall.err"

# The jail's holder killed from outside: strict spawns are refused after,
# never run without their namespaces. (Without root every worker, the
# trusted test too, lives in the holder's PID namespace, dies with it and
# cannot signal it: root only.)
if [ "$(id -u)" -eq 0 ]; then
	"$FORKBOX" run --app "$app" --host faults:trusted faults:holder_loss \
	    >"$tmp/holder.out" 2>"$tmp/holder.err"
	rc=$?
	grep -q '"spawned": *false' "$tmp/holder.out" &&
	    grep -q 'isolation lost: the namespace holder died' \
	    "$tmp/holder.out" &&
	    grep -q 'isolation: the namespace holder died' "$tmp/holder.err"
	verdict "jail: after the holder dies strict spawns are refused (rc $rc)" $? "$tmp/holder.out"
else
	echo "skip  jail: after the holder dies strict spawns are refused (needs root)"
fi

# A personality inherited from the operator's shell (setarch -R: no
# address space randomisation) does not reach strict workers.
if command -v setarch >/dev/null 2>&1; then
	setarch "$(uname -m)" -R "$FORKBOX" run --app "$app" \
	    --host faults:trusted faults:personality >"$tmp/pers.out" 2>&1
	rc=$?
	grep -q '"self": *"00040000"' "$tmp/pers.out" &&
	    grep -q '"worker": *"00000000"' "$tmp/pers.out"
	verdict "personality: setarch -R reaches trusted code, not a strict worker (rc $rc)" $? "$tmp/pers.out"
else
	echo "skip  personality: setarch -R (setarch is not installed)"
fi

# The kernel refuses namespaces: a root broker in a user namespace that
# maps uids and gids 0-65535 onto themselves and allows no further user
# namespace. It says so, and its strict zygote still takes uid and gid
# 65534, drops every capability and sets no_new_privs; a strict call
# runs. (Root only: mapping ids needs it.)
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1; then
	mkfifo "$tmp/nsgo"
	# The shell exec'd before the id maps were written has no
	# capability; the one exec'd after them is root inside.
	unshare -U sh -c 'read go <"$1" && shift && exec sh -c \
	    "echo 0 >/proc/sys/user/max_user_namespaces && exec \"\$@\"" \
	    sh "$@"' sh "$tmp/nsgo" "$FORKBOX" run --app "$app" \
	    --socket "$tmp/nons.sock" >"$tmp/nons.out" 2>"$tmp/nons.err" &
	nons=$!
	unshared() {
		[ "$(readlink /proc/"$1"/ns/user)" != \
		    "$(readlink /proc/self/ns/user)" ]
	}
	wait_for 5000 unshared "$nons" &&
	    echo "0 0 65536" >/proc/$nons/uid_map &&
	    echo "0 0 65536" >/proc/$nons/gid_map
	echo go >"$tmp/nsgo"
	nons_zygote() {	# sets z
		z=$("$FORKBOX" stats --socket "$tmp/nons.sock" 2>/dev/null |
		    sed -n 's/^zygote  *up (OS pid \([0-9]*\)).*/\1/p')
		[ -n "$z" ]
	}
	# it confines itself once START is in, no_new_privs last
	confined() { grep -q '^NoNewPrivs:	1$' /proc/"$z"/status 2>/dev/null; }
	z=
	wait_for 10000 nons_zygote && wait_for 10000 confined
	st=$(cat /proc/"$z"/status 2>/dev/null)
	[ -n "$z" ] &&
	    echo "$st" | grep -q '^Uid:	65534	65534	65534	65534$' &&
	    echo "$st" | grep -q '^Gid:	65534	65534	65534	65534$' &&
	    echo "$st" | grep -q '^CapPrm:	0000000000000000$' &&
	    echo "$st" | grep -q '^CapEff:	0000000000000000$' &&
	    echo "$st" | grep -q '^CapBnd:	0000000000000000$' &&
	    echo "$st" | grep -q '^NoNewPrivs:	1$' &&
	    grep -q '^forkbox: isolation: strict workers run without namespaces' \
	    "$tmp/nons.err" &&
	    [ "$("$FORKBOX" call --socket "$tmp/nons.sock" --host faults:strict \
	    --json faults:quick 7 2>>"$tmp/nons.err")" = 7 ]
	rc=$?
	[ $rc -eq 0 ] || echo "$st" | grep -E '^(Uid|Gid|Cap|NoNewPrivs)' >>"$tmp/nons.err"
	verdict "no namespaces: the strict zygote ${z:-(none)} still drops its ids and capabilities" $rc "$tmp/nons.err"
	kill -TERM "$nons" 2>/dev/null
	wait "$nons" 2>/dev/null
else
	echo "skip  no namespaces: the strict zygote drops its ids (needs root and unshare)"
fi

# Without root the strict zygote is not dumpable even to the broker's
# user inside the broker's user namespace (test_zygote_confined reads
# its status from there); from outside, the owner of that namespace
# sees that it has a strict worker's namespaces (the
# jail's: user, mnt, net, ipc, uts, cgroup; its children's PID
# namespace), not the broker's, and that its /proc files are root's.
if [ "$(id -u)" -ne 0 ] &&
    [ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)" -gt 0 ]; then
	"$FORKBOX" run --app "$app" --socket "$tmp/own.sock" \
	    >"$tmp/own.out" 2>"$tmp/own.err" &
	own=$!
	# the broker's children: the zygotes, the holder, the strict pool
	strict_child() {	# strict_child COMM: the first one, in $c
		for c in $(cat /proc/$own/task/$own/children 2>/dev/null); do
			grep -q "^$1" /proc/$c/comm 2>/dev/null &&
			    tr '\0' ' ' </proc/$c/cmdline | grep -q -- --strict &&
			    return 0
		done
		return 1
	}
	ns() { readlink /proc/"$1"/ns/"$2" 2>/dev/null; }
	z= w=
	wait_for 10000 "$FORKBOX" call --socket "$tmp/own.sock" \
	    --host faults:strict --json faults:quick 1 >/dev/null 2>&1 &&
	    wait_for 5000 strict_child forkbox-zygote && z=$c &&
	    wait_for 5000 strict_child forkbox-worker && w=$c
	rc=$?
	for n in user mnt net ipc uts cgroup; do
		[ $rc -eq 0 ] && [ -n "$(ns $z $n)" ] &&
		    [ "$(ns $z $n)" != "$(ns $own $n)" ] &&
		    [ "$(ns $z $n)" = "$(ns $w $n)" ] || rc=1
	done
	# not dumpable: its /proc files are root's
	[ $rc -eq 0 ] && [ "$(ns $z pid_for_children)" = "$(ns $w pid)" ] &&
	    ! cat /proc/$z/environ >/dev/null 2>&1
	rc=$?
	[ $rc -eq 0 ] || for p in $own $z $w; do
		echo "$p: $(ns $p user) $(ns $p mnt) $(ns $p pid_for_children)"
	done >>"$tmp/own.err"
	verdict "without root: the strict zygote ${z:-(none)} has a strict worker's namespaces, is not dumpable" $rc "$tmp/own.err"
	kill -TERM "$own" 2>/dev/null
	wait "$own" 2>/dev/null
else
	echo "skip  without root: the strict zygote seen from outside (root, or no user namespaces, here)"
fi

# The global queue budget: 1,500 monitored children return 1 MiB each to
# a parent that does not read (busy in Lua, it never reads its socket
# again); the broker's queues reach --max-queued (64MiB here, to keep it
# quick), the parent is killed with reason "mailbox" and the broker's
# memory stays under the budget. (main: RSS +311 MB for 300 children,
# the parent never killed.)
timeout -s KILL 300 "$FORKBOX" run --max-queued 64MiB --app "$app" \
    --host faults:trusted faults:budget 1500 64 busy >"$tmp/budget.out" \
    2>"$tmp/budget.err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/budget.out")" = true ]
ok=$?	# before the verdict's $(...), which would set $? itself
verdict "the global queue budget: $(sed -n 's/.*budget: //p' "$tmp/budget.err" | cut -c1-100) (rc $rc)" $ok \
    "$tmp/budget.err"

# Unfinished frames count in the budget too: 6 strict victims each send
# 6 MiB of a 7 MiB frame and stall; with --max-queued 16MiB the broker
# kills the largest holders (reason "mailbox") until it is under it.
# (main: nobody killed, 36 MiB held for frames that never end.)
timeout -s KILL 120 "$FORKBOX" run --max-queued 16MiB --app "$app" \
    --host faults:trusted faults:halfsend 6 6 16 >"$tmp/halfsend.out" \
    2>"$tmp/halfsend.err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/halfsend.out")" = true ]
ok=$?
verdict "unfinished frames count in the budget: $(sed -n 's/.*halfsend: //p' "$tmp/halfsend.err" | cut -c1-120) (rc $rc)" $ok \
    "$tmp/halfsend.err"

# kill -9 of the broker: no worker (running or idle in the pool) is left
# after one second.
alive() {	# any of the pids still running (not a zombie, not exiting)?
	local pid stat flags
	for pid in "$@"; do
		stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
		set -- ${stat##*) }
		[ "$1" != Z ] || continue
		# PF_EXITING: killed, on its way out. The jail's holder waits
		# so in the kernel until the zombies of its PID namespace are
		# reaped by init (which some containers' init never does).
		flags=$7
		[ $(( flags & 4 )) -eq 0 ] || continue
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
