#!/bin/sh
# Descriptors: the broker raises its soft RLIMIT_NOFILE to the hard limit
# at start, and refuses a spawn that would exhaust it with a clear error,
# never by breaking the pool, the broker or the processes it runs.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
app="$TEST_SRCDIR/fixtures/fdlimit"
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
. "$(dirname "$0")/lib.sh"

# Hard limit 64: spawns beyond the room get nil, "out of descriptors...";
# the ones before keep answering; after three exit, a spawn works again.
(ulimit -n 64 && exec timeout 120 "$FORKBOX" run --app "$app" fd:main 200) \
    >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ]; check "ulimit -n 64: the broker and the spawner live on (rc $rc)" $?
has '"err":"out of descriptors: raise ulimit -n'; check "ulimit -n 64: spawns beyond the room get 'out of descriptors: raise ulimit -n'" $?
has '"respawned":true'; check "ulimit -n 64: room given back when processes exit" $?
! has_err 'exited with status 127' && ! has_err 'Too many open files'; check "ulimit -n 64: no worker started without room (pool intact)" $?

# Soft limit 64 under a higher hard one: raised at start, so 100 fit.
if [ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 1024 ]; then
	(ulimit -Sn 64 && exec timeout 120 "$FORKBOX" run --app "$app" \
	    fd:main 100) >"$out" 2>"$err"
	rc=$?
	[ $rc -eq 0 ] && has '"spawned":100' && ! has '"err"'; check "ulimit -Sn 64: the soft limit is raised to the hard one (rc $rc)" $?
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
