#!/bin/sh
# Lua behaviour tests: the app under tests/app, run by `forkbox test`.
# Each test entry has its own deadline inside forkbox; this script only
# adds an outer bound so a broken broker cannot hang `make check`.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
# FORKBOX_WORKER is the test build (forkbox-worker-test): the hooks
# (process._test_*) some tests need are compiled in.
rc=0
timeout 600 "$FORKBOX" test --app "$TEST_SRCDIR/app" --timeout 30s "$@" || rc=1
# A Wippy-style app (meta.type: test entries, imports of a library.lua)
# must load unchanged and pass; only without patterns.
if [ $# -eq 0 ]; then
	timeout 120 "$FORKBOX" test --app "$TEST_SRCDIR/fixtures/wippy_app" \
	    --timeout 30s || rc=1
	# The libraries again with every worker forked and exec'd: their
	# text then travels in INIT (a zygote's children have its copy).
	FORKBOX_ZYGOTE=off timeout 120 "$FORKBOX" test --app \
	    "$TEST_SRCDIR/app" --timeout 30s app.test.lib: || rc=1
	# The example whose two sides import one protocol library.
	if [ -n "${EXAMPLES_DIR:-}" ]; then
		out=$(timeout 60 "$FORKBOX" run --app \
		    "$EXAMPLES_DIR/worker_pool_lib" pool:main 12 3) || rc=1
		case "$out" in
		*'"jobs":12'*) echo "ok    examples/worker_pool_lib" ;;
		*) echo "FAIL  examples/worker_pool_lib: $out"; rc=1 ;;
		esac
	fi
fi
exit $rc
