#!/bin/sh
# Lua behaviour tests: the app under tests/app, run by `forkbox test`.
# Each test entry has its own deadline inside forkbox; this script only
# adds an outer bound so a broken broker cannot hang `make check`.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
FORKBOX_TEST_HOOKS=1
export FORKBOX_TEST_HOOKS
rc=0
timeout 600 "$FORKBOX" test --app "$TEST_SRCDIR/app" --timeout 30s "$@" || rc=1
# A Wippy-style app (meta.type: test entries, imports of a library.lua)
# must load unchanged and pass; only without patterns.
if [ $# -eq 0 ]; then
	timeout 120 "$FORKBOX" test --app "$TEST_SRCDIR/fixtures/wippy_app" \
	    --timeout 30s || rc=1
fi
exit $rc
