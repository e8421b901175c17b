#!/bin/sh
# The relay's cache of the last envelope (broker/relay.c) against freed
# processes: the broker runs test_relay_cache_gone under valgrind, which
# sees any read of a process the cache kept after it was freed (without
# valgrind the stale read goes unnoticed: the Lua test alone passes).
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
. "$(dirname "$0")/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind not installed: the relay cache test needs it"
	exit 77
fi
timeout 300 valgrind -q --error-exitcode=9 "$FORKBOX" test \
    --app "$TEST_SRCDIR/app" test_relay_cache_gone >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && has '^ok .*test_relay_cache_gone'
check "relay cache: a gone destination is dropped, no read of freed memory (rc $rc)" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
