#!/bin/sh
# The examples, run with the commands README.md shows (from the source
# directory, with this build's forkbox): hello, worker_pool, supervisor,
# untrusted. Every wait has a deadline.
set -u
: "${FORKBOX:?set by make check}"
: "${EXAMPLES_DIR:?set by make check}"
. "$(dirname "$0")/lib.sh"	# before the cd: $0 may be a relative path
cd "$EXAMPLES_DIR/.." || exit 1
tmp=$(mktemp -d)
sup=""
XDG_RUNTIME_DIR="$tmp/xdg"	# forkbox ps sees only this test's broker
mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
trap '[ -n "$sup" ] && kill -9 "$sup" 2>/dev/null; rm -rf "$tmp"' EXIT
out="$tmp/out"
err="$tmp/err"

# hello
timeout 30 "$FORKBOX" run --app examples/hello hello:main Ada >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && has '^"hello, Ada, from {hello:processes|hello:greeter|[0-9a-f]*}"$' &&
    has_err 'greeting Ada for {hello:processes|hello:main|'
check "hello (rc $rc)" $?

# worker_pool: the seed's monitored pool
timeout 30 "$FORKBOX" run --app examples/worker_pool worker_pool:main \
    >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = true ] &&
    [ "$(grep -c 'Worker [1-5] completed:' "$err")" -eq 5 ] &&
    has_err 'Worker 3 completed:.60$'
check "worker_pool (rc $rc)" $?

# supervisor: runs until Ctrl-C
"$FORKBOX" run --app examples/supervisor >"$out" 2>"$err" </dev/null &
sup=$!
wait_for 30 has_err 'gave up after 6 consecutive failures'
check "supervisor: flaky is restarted until given up" $?
delays=$(grep -o 'restart in [0-9]*m*s' "$err" | sed 's/restart in //' | tr '\n' ' ')
[ "$delays" = "100ms 200ms 400ms 800ms 1s " ] &&
    [ "$(grep -c 'crashed on purpose after 3 jobs' "$err")" -ge 6 ]
check "supervisor: crashes every 3 jobs, backoff $delays" $?
"$FORKBOX" ps >"$out" 2>&1
has '^supervisor:flaky_service  *supervisor:flaky  *failed  *-  *5  *6' &&
    has 'supervisor:feeder .*running'
check "supervisor: forkbox ps shows the service given up, the feeder running" $?
"$FORKBOX" stats >"$out" 2>&1
has '^  error  *6$' && has '^undeliverable  *[1-9]'
check "supervisor: forkbox stats counts the crashes and the lost jobs" $?
kill -INT "$sup"
wait_for 10 stopped "$sup" || kill -9 "$sup"
wait "$sup"
rc=$?
sup=""
[ $rc -eq 0 ] && has_err 'interrupted: stopping 1 process'
check "supervisor: Ctrl-C stops it cleanly, exit 0 (rc $rc)" $?

# untrusted: one submission per outcome
judge() {
	timeout 30 "$FORKBOX" run --app examples/untrusted \
	    --host untrusted:processes untrusted:judge \
	    "$(cat "examples/untrusted/samples/$1.lua")" >"$out" 2>"$err"
}
judge primes
rc=$?
[ $rc -eq 0 ] &&
    has '^{"outcome":"result","result":{"primes_below_10000":1229}}$'
check "untrusted: a result (rc $rc)" $?
judge crash
has '"error":"user:3: attempt to index a nil value (local .config.)"' &&
    has '"outcome":"error"'
check "untrusted: an error" $?
judge escape
has "global 'io'" && has '"outcome":"error"'
check "untrusted: no io in the sandbox" $?
judge breakout
has '"outcome":"result"' &&
    has 'spawn: not permitted: spawn on untrusted:processes (host untrusted:tight)' &&
    has 'terminate: not permitted: terminate (host untrusted:tight)' &&
    has 'link: not permitted: link (host untrusted:tight)' &&
    has 'lookup: not permitted: lookup (host untrusted:tight)' &&
    has 'register: not permitted: register (host untrusted:tight)'
check "untrusted: no way out through the process API" $?
judge memory
has '"outcome":"limit","reason":"memory"'
check "untrusted: the memory limit" $?
judge spin
has '"outcome":"limit","reason":"cpu"'
check "untrusted: the cpu limit" $?
judge hang
has '"outcome":"limit","reason":"timeout"'
check "untrusted: the wall-clock limit" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
