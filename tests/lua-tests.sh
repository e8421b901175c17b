#!/bin/sh
# Lua behaviour tests: the app under tests/app, run by `forkbox test`.
# Each test entry has its own deadline inside forkbox; this script only
# adds an outer bound so a broken broker cannot hang `make check`.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
FORKBOX_TEST_HOOKS=1
export FORKBOX_TEST_HOOKS
exec timeout 600 "$FORKBOX" test --app "$TEST_SRCDIR/app" --timeout 30s "$@"
