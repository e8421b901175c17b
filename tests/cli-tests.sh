#!/bin/sh
# The command line: forkbox test's verdicts and summary, forkbox run's
# output and exit codes, usage errors.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
app="$TEST_SRCDIR/fixtures/testcmd"
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
. "$(dirname "$0")/lib.sh"


# 5 s per test: the memory bomb must reach its limit before the deadline
# even on a loaded machine (it took up to 1.3 s at a load of 10 on two
# vCPUs: near its limit a process runs full collections).
timeout 60 "$FORKBOX" test --app "$app" --timeout 5s >"$out" 2>"$err"
rc=$?
[ $rc -eq 1 ]; check "test: exit status 1 when a test fails (got $rc)" $?
has '^ok    tc:test_passes ('; check "test: passing test" $?
has '^FAIL  tc:test_returns_false (.*): the why text$'; check "test: false, why" $?
has '^FAIL  tc:test_raises (.*): error: .*raised on purpose'; check "test: error" $?
has '^FAIL  tc:test_memory_bomb (.*): memory: memory limit exceeded (16 MiB)'; check "test: memory limit" $?
has '^FAIL  tc:test_hangs (.*): timeout: test timed out after 5000 ms'; check "test: hung test killed at the deadline" $?
has '^FAIL  tc:test_returns_nil (.*): returned nil instead of true'; check "test: nil result" $?
has '^ok    tc:marked_by_meta ('; check "test: meta.type test is run" $?
! has 'not_a_test'; check "test: other entries are not run" $?
has '^2 passed, 5 failed$'; check "test: summary line" $?

timeout 30 "$FORKBOX" test --app "$app" passes >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && has '^1 passed, 0 failed$'; check "test: PATTERN selects (rc $rc)" $?
timeout 30 "$FORKBOX" test --app "$app" zzz >"$out" 2>"$err"
[ $? -eq 1 ] && has_err 'no test entries match'; check "test: no match is a failure" $?

timeout 30 "$FORKBOX" run --app "$app" tc:not_a_test Ada >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = '"hello Ada"' ]; check "run: result as JSON on stdout, exit 0 (rc $rc)" $?
timeout 30 "$FORKBOX" run --app "$app" tc:fails >"$out" 2>"$err"
rc=$?
[ $rc -eq 1 ] && has_err 'error: .*run fails' && [ ! -s "$out" ]; check "run: error on stderr, exit 1 (rc $rc)" $?
timeout 30 "$FORKBOX" run --app "$app" tc:nope >"$out" 2>"$err"
[ $? -eq 2 ] && has_err "unknown entry 'tc:nope'"; check "run: unknown entry exits 2" $?
# Without ENTRY, even without services, the broker serves outside
# requests until SIGTERM.
sock="$out.sock"
"$FORKBOX" run --app "$app" --socket "$sock" >"$out" 2>"$err" </dev/null &
b=$!
served() { "$FORKBOX" ps --socket "$sock" >/dev/null 2>&1; }
wait_for 10 served &&
    [ "$("$FORKBOX" call --socket "$sock" tc:not_a_test Ada)" = '"hello Ada"' ]
check "run: no entry and no services: serves calls" $?
halt "$b"
[ $rc -eq 0 ] && [ ! -e "$sock" ]
check "run: no entry: SIGTERM stops it, exit 0 (rc $rc)" $?
timeout 30 "$FORKBOX" run --app "$app" --host tc:nowhere tc:not_a_test >"$out" 2>"$err"
[ $? -eq 2 ] && has_err "unknown host"; check "run: unknown host exits 2" $?
timeout 30 "$FORKBOX" run --app "$TEST_SRCDIR/fixtures/manifests/err_host_key" x >"$out" 2>"$err"
[ $? -eq 1 ] && has_err '_index.yaml:[0-9]*: '; check "run: broken manifest: file:line, exit 1" $?
timeout 30 "$FORKBOX" run --app "$app" --max-queued 64 tc:not_a_test >"$out" 2>"$err"
[ $? -eq 2 ] && has_err 'max-queued: a size needs a unit'; check "run: --max-queued without a unit exits 2" $?
timeout 30 "$FORKBOX" test --app "$app" --max-queued 64MiB passes >"$out" 2>"$err"
[ $? -eq 0 ] && has '^1 passed, 0 failed$'; check "test: --max-queued 64MiB" $?
timeout 30 "$FORKBOX" bogus >"$out" 2>"$err"
[ $? -eq 2 ]; check "unknown command exits 2" $?
timeout 30 "$FORKBOX" --help >"$out" 2>"$err"
[ $? -eq 0 ] && has '^usage: forkbox'; check "--help" $?
timeout 30 "$FORKBOX" --version >"$out" 2>"$err"
[ $? -eq 0 ] && has '^forkbox [0-9]'; check "--version" $?
tmp=$(mktemp -d)
printf 'return { main = function(a, b) return { a, b } end }\n' >"$tmp/lone.lua"
timeout 30 "$FORKBOX" run "$tmp/lone.lua" x y >"$out" 2>"$err"
[ $? -eq 0 ] && [ "$(cat "$out")" = '["x","y"]' ]; check "run FILE.lua with arguments" $?

# Global options before or after the command (spec section 8); after
# ENTRY they are the entry's arguments.
timeout 30 "$FORKBOX" run -vv --app "$app" tc:not_a_test Ada >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = '"hello Ada"' ] && has_err 'debug: .*exited normally'; check "run -vv: global option after the command (rc $rc)" $?
timeout 30 "$FORKBOX" test --app "$app" --quiet passes >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && has '^1 passed, 0 failed$'; check "test --quiet: global option after the command (rc $rc)" $?
timeout 30 "$FORKBOX" stats --version >"$out" 2>"$err"
[ $? -eq 0 ] && has '^forkbox [0-9]'; check "stats --version" $?
timeout 30 "$FORKBOX" run "$tmp/lone.lua" -v -q >"$out" 2>"$err"
[ $? -eq 0 ] && [ "$(cat "$out")" = '["-v","-q"]' ]; check "run FILE.lua -v -q: options after ENTRY are its arguments" $?
timeout 30 "$FORKBOX" run --bogus >"$out" 2>"$err"
[ $? -eq 2 ]; check "run --bogus exits 2" $?

# forkbox test starts the app's services first and keeps them between
# tests (spec section 8).
timeout 60 "$FORKBOX" test --app "$TEST_SRCDIR/fixtures/testsvc" --timeout 10s >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && has '^2 passed, 0 failed$'; check "test: the app's services run during the tests (rc $rc)" $?

# Test hooks only in the test build (forkbox-worker-test, FORKBOX_WORKER
# here): the installed worker has no hook code, symbol or name, and no
# variable turns them on.
if [ -n "${INSTALLED_WORKER:-}" ]; then
	n=$(grep -a -c '_test_' "$INSTALLED_WORKER")
	[ "$n" -eq 0 ]; check "installed forkbox-worker holds no test hook ($n lines name _test_)" $?
	n=$(grep -a -c '_test_write_raw' "$FORKBOX_WORKER")
	[ "$n" -gt 0 ]; check "the test build has the hooks ($n)" $?
	printf 'return { main = function() return process._test_write_raw == nil and process._test_syscall == nil end }\n' \
	    >"$tmp/hooks.lua"
	FORKBOX_WORKER="$INSTALLED_WORKER" FORKBOX_TEST_HOOKS=1 timeout 30 \
	    "$FORKBOX" run "$tmp/hooks.lua" >"$out" 2>"$err"
	[ "$(cat "$out")" = true ]; check "no test hook in a process of the installed worker" $?
	env -u FORKBOX_TEST_HOOKS timeout 30 "$FORKBOX" run "$tmp/hooks.lua" >"$out" 2>"$err"
	[ "$(cat "$out")" = false ]; check "the test build's hooks need no variable" $?
fi
rm -rf "$tmp"

# print_limit and output (spec section 6), as run shows them.
oapp="$TEST_SRCDIR/app"
timeout 30 "$FORKBOX" run --app "$oapp" --host app.test.output:logged \
    app.test.output:printer lines 300 limit >"$out" 2>"$err"
rc=$?
n=$(grep -c ': limit [0-9]*$' "$err")
[ $rc -eq 0 ] && [ "$(cat "$out")" = 300 ] && [ "$n" -eq 215 ] &&
    has_err ': 85 lines (850 bytes) of output dropped: print_limit 2KiB$'
check "print_limit: 215 lines logged, one notice for the 85 dropped (rc $rc, $n lines)" $?
timeout 30 "$FORKBOX" run --app "$oapp" --host app.test.output:capture \
    app.test.output:printer lines 3 captured >"$out" 2>"$err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$out")" = 3 ] && ! has_err captured
check "output: capture: run prints the root's result, never its output (rc $rc)" $?

bad=$(mktemp -d)
for kv in "output: loud|'output' must be log or capture, not 'loud'" \
    "print_limit: 9MiB|print_limit: larger than 8 MiB"; do
	printf 'version: "1.0"\nnamespace: b\nentries:\n  - name: h\n    kind: process.host\n    host:\n      %s\n' \
	    "${kv%%|*}" >"$bad/_index.yaml"
	timeout 30 "$FORKBOX" run --app "$bad" b:h >"$out" 2>"$err"
	rc=$?
	[ $rc -eq 1 ] && has_err "${kv#*|}"
	check "host ${kv%%|*} refused at load (rc $rc)" $?
done
rm -rf "$bad"

# A relocated install: make install into another prefix than configure
# was given, without make clean; the installed forkbox finds its worker
# relative to its own executable ($FORKBOX_WORKER unset).
builddir=$(dirname "$FORKBOX")
if [ -n "${EXAMPLES_DIR:-}" ] && [ -f "$builddir/Makefile" ]; then
	inst=$(mktemp -d)
	if ${MAKE:-make} -s -C "$builddir" install prefix="$inst" \
	    >"$out" 2>"$err"; then
		env -u FORKBOX_WORKER timeout 30 "$inst/bin/forkbox" run \
		    --app "$EXAMPLES_DIR/hello" hello:main >"$out" 2>"$err"
		rc=$?
		[ $rc -eq 0 ] && [ -s "$out" ]; check "make install prefix=DIR: the installed forkbox runs examples/hello (rc $rc)" $?
		# Moved after the install: still finds its worker.
		mv "$inst" "$inst.moved"
		env -u FORKBOX_WORKER timeout 30 "$inst.moved/bin/forkbox" \
		    run --app "$EXAMPLES_DIR/hello" hello:main >"$out" 2>"$err"
		rc=$?
		[ $rc -eq 0 ] && [ -s "$out" ]; check "an installed tree moved elsewhere still runs (rc $rc)" $?
		rm -rf "$inst.moved"
	else
		check "make install prefix=DIR" 1
	fi
	rm -rf "$inst"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
