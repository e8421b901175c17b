# Shared by the shell tests (sourced): one verdict line per check, the
# counters behind the closing "N passed, N failed", and polling with a
# deadline instead of bare sleeps.
passed=0
failed=0

# check NAME STATUS [FILE...]: count and print a verdict; on failure show
# the end of each FILE (default: $out and $err, when the script sets them).
check() {
	_name=$1
	_st=$2
	shift 2
	if [ "$_st" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok    $_name"
		return 0
	fi
	failed=$((failed + 1))
	echo "FAIL  $_name"
	[ $# -gt 0 ] || set -- ${out:+"$out"} ${err:+"$err"}
	for _f in "$@"; do
		[ -f "$_f" ] || continue
		echo "      --- $_f"
		tail -n 40 "$_f" | sed 's/^/      | /'
	done
	return 0
}

# has PATTERN [FILE]: FILE (default $out) has a line matching PATTERN.
has() { grep -q -- "$1" "${2:-$out}"; }
has_err() { grep -q -- "$1" "$err"; }

# kill_ours PID...: kill -9 each PID that is still this script's child. A
# pid that ended and was waited for may be another program's by now (pids
# wrap at 32768, and make check runs suites side by side that spawn
# thousands): a cleanup's kill -9 of one took down another suite's process.
kill_ours() {
	for _p in "$@"; do
		[ "$(ps -o ppid= -p "$_p" 2>/dev/null | tr -d ' ')" = "$$" ] &&
		    kill -9 "$_p" 2>/dev/null
	done
	return 0
}

# wait_for SECONDS COMMAND...: poll COMMAND until it succeeds; 1 at the
# deadline.
wait_for() {
	_end=$(( $(date +%s) + $1 ))
	shift
	until "$@"; do
		[ "$(date +%s)" -ge "$_end" ] && return 1
		sleep 0.05
	done
}

# running PID: the process exists and is not a zombie.
running() {
	_s=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) &&
	    [ -n "$_s" ] && [ "$_s" != Z ]
}
stopped() { ! running "$1"; }

# private_sockets DIR: a private control socket directory under DIR, so
# forkbox ps/call see only this test's brokers.
private_sockets() {
	XDG_RUNTIME_DIR="$1/xdg"
	mkdir -m 700 "$XDG_RUNTIME_DIR"
	export XDG_RUNTIME_DIR
}

# halt PID [SIGNAL]: signal a broker (default TERM) and wait for its exit,
# killing it at a 60 s deadline; its status in $rc.
halt() {
	kill -"${2:-TERM}" "$1"
	wait_for 60 stopped "$1" || kill -9 "$1"
	wait "$1"
	rc=$?
}

# stop PID NAME: SIGTERM a broker; it must exit 0 before the deadline.
# Its stderr is $tmp/NAME.err.
stop() {
	halt "$1"
	[ $rc -eq 0 ]
	check "$2: SIGTERM stops the broker, exit 0 (rc $rc)" $? "$tmp/$2.err"
}

# vg_check NAME: when $vg runs the brokers under valgrind, the report in
# $tmp/NAME.err shows no error and no leak.
vg_check() {
	[ -n "$vg" ] || return 0
	grep -E 'ERROR SUMMARY|in use at exit|definitely lost|indirectly lost' "$tmp/$1.err" |
	    sed 's/^/  /'
	has 'ERROR SUMMARY: 0 errors' "$tmp/$1.err" &&
	    ! grep -q 'definitely lost: [1-9]' "$tmp/$1.err" &&
	    ! grep -q 'indirectly lost: [1-9]' "$tmp/$1.err"
	check "valgrind ($1): no error, nothing lost" $? "$tmp/$1.err"
}
