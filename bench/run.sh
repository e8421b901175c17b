#!/bin/sh
# make bench: every workload for forkbox, the raw C floor, Erlang/OTP and
# Python multiprocessing in one run, printed as one table with forkbox's
# ratio to each peer. A peer that is not installed shows "n/a".
#
# Environment: FORKBOX, BENCH_FLOOR (programs; from the build tree by
# default), BENCH_SECS (seconds per timed workload, 3), BENCH_SPAWNS
# (spawn->EXIT samples, 1000), BENCH_LIB_SPAWNS (samples of each entry
# of the library row, 500), BENCH_IDLE (idle processes, 10000),
# BENCH_PY_IDLE (idle Python processes, 1000: each costs ~2 MiB).
#
# Spawn path: the broker forks workers from its zygote unless
# FORKBOX_ZYGOTE=off is in its environment (or the build has none); the
# header says which path the rows ran, and the "fork+exec path" rows run
# the spawn rows again with FORKBOX_ZYGOTE=off to compare.

srcdir=${srcdir:-$(dirname "$0")/..}
FORKBOX=${FORKBOX:-./forkbox}
FLOOR=${BENCH_FLOOR:-./bench-floor}
APP=$srcdir/bench/app
SECS=${BENCH_SECS:-3}
SPAWNS=${BENCH_SPAWNS:-1000}
LIB_SPAWNS=${BENCH_LIB_SPAWNS:-500}
IDLE=${BENCH_IDLE:-10000}
PY_IDLE=${BENCH_PY_IDLE:-1000}
HOLD=${BENCH_HOLD:-4}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/forkbox-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# 10,000 processes need 10,000 sockets in the broker and in the C floor.
ulimit -n "$(ulimit -Hn)" 2>/dev/null

note() { printf '%s\n' "$*" >&2; }

# forkbox: run ENTRY ARGS..., print one key of its JSON result.
fb() {
	"$FORKBOX" -q run --app "$APP" --host bench:processes "$@" \
	    2>>"$tmp/fb.err"
}
jget() {
	sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"
}

# Which path spawns take: a broker with one idle process, and whether
# one of its children is the zygote ("forkbox-worker --zygote").
spawn_path() {
	"$FORKBOX" -q run --app "$APP" --host bench:processes bench:idle 1 2 \
	    >/dev/null 2>>"$tmp/fb.err" &
	bpid=$!
	path="fork+exec"
	i=0
	while [ $i -lt 40 ] && kill -0 "$bpid" 2>/dev/null; do
		for c in $(cat "/proc/$bpid/task/$bpid/children" \
		    2>/dev/null); do
			if tr '\0' ' ' <"/proc/$c/cmdline" 2>/dev/null |
			    grep -q -- '--zygote'; then
				path="zygote"
			fi
		done
		[ "$path" = zygote ] && break
		sleep 0.05
		i=$((i + 1))
	done
	wait "$bpid"
	case "$path,${FORKBOX_ZYGOTE:-}" in
	fork+exec,off) echo "fork+exec (FORKBOX_ZYGOTE=off)" ;;
	fork+exec,*) echo "fork+exec (no zygote running)" ;;
	*) echo "zygote" ;;
	esac
}

# Average Pss (KiB) of the children of $1, and its own VmRSS (MiB).
mem_of_children() {
	tr ' ' '\n' <"/proc/$1/task/$1/children" | awk -v b="$1" '
	NF {
		f = "/proc/" $1 "/smaps_rollup"
		while ((getline l < f) > 0)
			if (l ~ /^Pss:/) { split(l, a, " "); s += a[2]; n++ }
		close(f)
	}
	END {
		f = "/proc/" b "/status"
		while ((getline l < f) > 0)
			if (l ~ /^VmRSS:/) { split(l, a, " "); r = a[2] }
		printf "idle_pss_kib %.1f\nidle_rss_mib %.1f\n", n ? s / n : 0, \
		    r / 1024
	}'
}

run_forkbox() {
	out=$tmp/fb
	note "forkbox: spawn latency"
	r=$(fb bench:spawn_latency "$SPAWNS")
	echo "spawn_p50_ms $(echo "$r" | jget p50_ms)" >>"$out"
	echo "spawn_p99_ms $(echo "$r" | jget p99_ms)" >>"$out"
	note "forkbox: spawn rate"
	echo "rate_1 $(fb bench:spawn_rate "$SECS" 1 | jget spawns_per_s)" >>"$out"
	echo "rate_2 $(fb bench:spawn_rate "$SECS" 2 | jget spawns_per_s)" >>"$out"
	note "forkbox: the same by fork+exec (FORKBOX_ZYGOTE=off)"
	r=$(FORKBOX_ZYGOTE=off fb bench:spawn_latency "$SPAWNS")
	echo "exec_spawn_p50_ms $(echo "$r" | jget p50_ms)" >>"$out"
	echo "exec_rate_1 $(FORKBOX_ZYGOTE=off fb bench:spawn_rate "$SECS" 1 |
	    jget spawns_per_s)" >>"$out"
	note "forkbox: spawn importing and requiring a 100 KiB library"
	r=$("$FORKBOX" -q run --app "$APP" --host bench.lib:processes \
	    bench.lib:spawn_cost "$LIB_SPAWNS" 2>>"$tmp/fb.err")
	echo "lib_p50_ms $(echo "$r" |
	    sed -n 's/.*"requires_big":{"p50_ms":\([-0-9.eE+]*\).*/\1/p')" \
	    >>"$out"
	echo "lib_plain_p50_ms $(echo "$r" |
	    sed -n 's/.*"plain":{"p50_ms":\([-0-9.eE+]*\).*/\1/p')" >>"$out"
	echo "lib_cost_ms $(echo "$r" | jget p50_cost_require_ms)" >>"$out"
	echo "lib_import_ms $(echo "$r" | jget p50_cost_import_ms)" >>"$out"
	note "forkbox: throughput"
	echo "msgs_16 $(fb bench:throughput "$SECS" 16 | jget msgs_per_s)" >>"$out"
	echo "msgs_4096 $(fb bench:throughput "$SECS" 4096 | jget msgs_per_s)" \
	    >>"$out"
	note "forkbox: ping-pong"
	r=$(fb bench:pingpong "$SECS")
	echo "pp_p50_us $(echo "$r" | jget p50_us)" >>"$out"
	echo "pp_p99_us $(echo "$r" | jget p99_us)" >>"$out"
	note "forkbox: $IDLE idle processes"
	"$FORKBOX" -q run --app "$APP" --host bench:processes bench:idle \
	    "$IDLE" "$HOLD" >"$tmp/fb.idle" 2>>"$tmp/fb.err" &
	bpid=$!
	# Sample once every process is up: the broker has IDLE children.
	# One /proc file per look; a pgrep would read 10,000 and slow the
	# start it waits for.
	i=0
	while [ "$(wc -w <"/proc/$bpid/task/$bpid/children" 2>/dev/null ||
	    echo 0)" -lt "$IDLE" ] && [ $i -lt 300 ] &&
	    kill -0 "$bpid" 2>/dev/null; do
		sleep 0.5
		i=$((i + 1))
	done
	sleep 1
	mem_of_children "$bpid" >>"$out"
	wait "$bpid"
	echo "idle_start_s $(jget start_s <"$tmp/fb.idle")" >>"$out"
}

# Calls from outside into a running broker (the control socket and HTTP
# keep-alive, 1 and 8 in flight), and a new forkbox run per job.
run_calls() {
	out=$tmp/fb
	if ! command -v python3 >/dev/null 2>&1; then
		note "forkbox calls: python3 not found"
		return
	fi
	note "forkbox: calls from outside"
	"$FORKBOX" run --app "$APP" --host bench:processes \
	    --socket "$tmp/calls.sock" --http 127.0.0.1:0 \
	    >/dev/null 2>"$tmp/calls.err" </dev/null &
	bpid=$!
	i=0
	until [ -S "$tmp/calls.sock" ] &&
	    grep -q 'http: listening on' "$tmp/calls.err" ||
	    [ $i -ge 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	addr=$(sed -n 's/.*http: listening on \(.*\)$/\1/p' "$tmp/calls.err")
	for n in 1 8; do
		python3 "$srcdir/bench/calls.py" socket "$tmp/calls.sock" \
		    "$SECS" $n "call_sock_$n" >>"$out" 2>>"$tmp/fb.err"
		python3 "$srcdir/bench/calls.py" http "$addr" "$SECS" $n \
		    "call_http_$n" >>"$out" 2>>"$tmp/fb.err"
	done
	kill -TERM "$bpid"
	wait "$bpid"
	note "forkbox: a forkbox run per job"
	python3 "$srcdir/bench/calls.py" run "$FORKBOX" \
	    "$srcdir/bench/job/trivial.lua" "$SECS" run_job >>"$out" \
	    2>>"$tmp/fb.err"
}

run_floor() {
	out=$tmp/c
	note "C floor"
	"$FLOOR" spawn "$SPAWNS" >>"$out"
	echo "rate_1 $("$FLOOR" rate "$SECS" 1 | awk '{print $2}')" >>"$out"
	echo "rate_2 $("$FLOOR" rate "$SECS" 2 | awk '{print $2}')" >>"$out"
	"$FLOOR" fork "$SPAWNS" >>"$out"
	echo "fork_rate_1 $("$FLOOR" forkrate "$SECS" 1 | awk '{print $2}')" \
	    >>"$out"
	echo "fork_rate_2 $("$FLOOR" forkrate "$SECS" 2 | awk '{print $2}')" \
	    >>"$out"
	echo "msgs_16 $("$FLOOR" relay "$SECS" 16 | awk '{print $2}')" >>"$out"
	echo "msgs_4096 $("$FLOOR" relay "$SECS" 4096 | awk '{print $2}')" \
	    >>"$out"
	"$FLOOR" pingpong "$SECS" >>"$out"
	"$FLOOR" idle "$IDLE" >>"$out"
}

run_erlang() {
	if ! command -v escript >/dev/null 2>&1; then
		note "Erlang: escript not found (apt-get install erlang-base)"
		return
	fi
	note "Erlang/OTP"
	escript "$srcdir/bench/peer.erl" "$SECS" "$SPAWNS" "$IDLE" \
	    >"$tmp/erl" 2>>"$tmp/erl.err"
}

run_python() {
	if ! command -v python3 >/dev/null 2>&1; then
		note "Python: python3 not found"
		return
	fi
	note "Python multiprocessing"
	python3 "$srcdir/bench/peer.py" "$SECS" "$SPAWNS" "$PY_IDLE" \
	    >"$tmp/py" 2>>"$tmp/py.err"
}

# Two nodes over a local nats-server, next to Erlang distribution between
# two local nodes (bench/cluster.sh): forkbox's rows in fb, Erlang's in erl.
run_cluster() {
	sh "$srcdir/bench/cluster.sh" "$FORKBOX" "$srcdir" "$SECS" "$SPAWNS" \
	    "$tmp" "$FLOOR" >"$tmp/cluster" 2>>"$tmp/cluster.err"
	grep -v '^erl\.' "$tmp/cluster" | grep -v '^c\.' >>"$tmp/fb"
	sed -n 's/^erl\.//p' "$tmp/cluster" >>"$tmp/erl.dist"
	sed -n 's/^c\.//p' "$tmp/cluster" >>"$tmp/c.dist"
	sed -n 's/^cluster: //p' "$tmp/cluster.err" >&2
}

note "forkbox: which spawn path"
SPAWN_PATH=$(spawn_path)
run_forkbox
run_calls
run_cluster
if [ -s "$tmp/fb.err" ]; then
	note "forkbox said:"
	tail -5 "$tmp/fb.err" >&2
fi
run_floor
run_erlang
[ -f "$tmp/erl.dist" ] && cat "$tmp/erl.dist" >>"$tmp/erl"
[ -f "$tmp/c.dist" ] && cat "$tmp/c.dist" >>"$tmp/c"
run_python

touch "$tmp/fb" "$tmp/c" "$tmp/erl" "$tmp/py"
awk -v idle="$IDLE" -v pyidle="$PY_IDLE" -v path="$SPAWN_PATH" '
# The column is the file, even when a peer left its file empty.
FILENAME ~ /\/fb$/ { peer = 1 }
FILENAME ~ /\/c$/ { peer = 2 }
FILENAME ~ /\/erl$/ { peer = 3 }
FILENAME ~ /\/py$/ { peer = 4 }
NF == 2 && $2 != "" { v[peer, $1] = $2 }
function cell(p, k) { return ((p, k) in v) ? v[p, k] : "" }
function num(x) {
	if (x == "") return "n/a"
	if (x >= 100000) return sprintf("%.0f", x)
	if (x >= 100) return sprintf("%.0f", x)
	if (x >= 10) return sprintf("%.1f", x)
	return sprintf("%.3g", x)
}
function ratio(k, p,   a, b) {
	a = cell(1, k); b = cell(p, k)
	if (a == "" || b == "" || b + 0 == 0) return "n/a"
	if (a / b < 0.1) return sprintf("%.2gx", a / b)
	return sprintf("%.2fx", a / b)
}
function row(k, label) {
	printf "%-34s %10s %10s %10s %10s  %8s %8s %8s\n", label,
	    num(cell(1, k)), num(cell(2, k)), num(cell(3, k)), num(cell(4, k)),
	    ratio(k, 2), ratio(k, 3), ratio(k, 4)
}
# forkbox key k against the Python key pk alone.
function rowpy(k, pk, label,   a, b, r) {
	a = cell(1, k); b = cell(4, pk); r = "n/a"
	if (a != "" && b != "" && b + 0 != 0)
		r = sprintf("%.2fx", a / b)
	printf "%-34s %10s %10s %10s %10s  %8s %8s %8s\n", label, num(a),
	    "", "", num(b), "", "", r
}
# forkbox key k against the C floor key ck alone.
function rowc(k, ck, label,   a, b, r) {
	a = cell(1, k); b = cell(2, ck); r = "n/a"
	if (a != "" && b != "" && b + 0 != 0)
		r = sprintf("%.2fx", a / b)
	printf "%-34s %10s %10s %10s %10s  %8s %8s %8s\n", label, num(a),
	    num(b), "", "", r, "", ""
}
# A forkbox figure alone.
function rowfb(k, label) {
	printf "%-34s %10s\n", label, num(cell(1, k))
}
# One figure of peer p over another of its own, with the target set
# for forkbox.
function ratio_of(p, k, base, scale, label, target,   a, b) {
	a = cell(p, k); b = cell(p, base) * scale
	if (a != "" && b != "" && b + 0 != 0)
		printf "%s: %.2fx (target %s)\n", label, a / b, target
}
function against(k, base, scale, label, target) {
	ratio_of(1, k, base, scale, label, target)
}
END {
	printf "forkbox spawn path: %s\n\n", path
	printf "%-34s %10s %10s %10s %10s  %8s %8s %8s\n", "workload",
	    "forkbox", "C floor", "Erlang", "Python", "fb/C", "fb/Erl",
	    "fb/Py"
	row("spawn_p50_ms", "spawn->EXIT p50 (ms)")
	row("spawn_p99_ms", "spawn->EXIT p99 (ms)")
	row("rate_1", "spawns/s, 1 spawner")
	row("rate_2", "spawns/s, 2 spawners")
	rowc("spawn_p50_ms", "fork_p50_ms", "  against fork only: p50 (ms)")
	rowc("rate_1", "fork_rate_1", "  against fork only: 1 spawner")
	rowc("rate_2", "fork_rate_2", "  against fork only: 2 spawners")
	rowc("exec_spawn_p50_ms", "spawn_p50_ms",
	    "fork+exec path: spawn p50 (ms)")
	rowc("exec_rate_1", "rate_1", "fork+exec path: spawns/s, 1")
	rowfb("lib_p50_ms", "spawn requiring 100 KiB lib p50")
	rowfb("lib_plain_p50_ms", "  the same entry without it (ms)")
	rowfb("lib_cost_ms", "  cost of the library, p50 (ms)")
	rowfb("lib_import_ms", "  imported, not required (ms)")
	row("msgs_16", "relayed msgs/s, 16 B")
	row("msgs_4096", "relayed msgs/s, 4 KiB")
	row("pp_p50_us", "ping-pong p50 (us)")
	row("pp_p99_us", "ping-pong p99 (us)")
	row("idle_start_s", sprintf("start %d idle (s)", idle))
	row("idle_pss_kib", "Pss per idle process (KiB)")
	row("idle_rss_mib", "broker/VM RSS with them (MiB)")
	row("call_sock_1_p50_us", "call p50 (us), socket, 1 in flight")
	row("call_sock_1_per_s", "calls/s, socket, 1 in flight")
	row("call_sock_8_p50_us", "call p50 (us), socket, 8 in flight")
	row("call_sock_8_per_s", "calls/s, socket, 8 in flight")
	row("call_http_1_p50_us", "call p50 (us), HTTP keep-alive")
	row("call_http_1_per_s", "calls/s, HTTP keep-alive")
	row("call_http_8_per_s", "calls/s, HTTP, 8 connections")
	rowpy("call_sock_1_p50_us", "reused_1_p50_us",
	    "  reused pool: p50 (us), 1")
	rowpy("call_sock_1_per_s", "reused_1_per_s",
	    "  reused pool: calls/s, 1")
	rowpy("call_sock_8_per_s", "reused_8_per_s",
	    "  reused pool: calls/s, 8")
	row("run_job_p50_ms", "a new run per job, p50 (ms)")
	row("run_job_per_s", "jobs/s, a new run per job")
	row("node_msgs_16", "2 nodes: relayed msgs/s, 16 B")
	row("node_msgs_4096", "2 nodes: relayed msgs/s, 4 KiB")
	row("node_pp_p50_us", "2 nodes: ping-pong p50 (us)")
	row("node_pp_p99_us", "2 nodes: ping-pong p99 (us)")
	row("node_spawn_p50_ms", "2 nodes: spawn->EXIT p50 (ms)")
	row("node_spawn_p99_ms", "2 nodes: spawn->EXIT p99 (ms)")
	printf "\nC floor \"against fork only\" rows: fork of this running " \
	    "process, no exec\n(the floor for a zygote); the other C rows " \
	    "fork and exec.\n"
	printf "Lower is better for times and memory, higher for rates. " \
	    "Python idle rows: %d processes.\n", pyidle
	printf "Python call rows: ProcessPoolExecutor, 2 workers, " \
	    "forkserver, a fresh\nprocess per call (max_tasks_per_child=1); " \
	    "reused pool: the same pool reusing\nits workers (no isolation " \
	    "between calls). Python per job: python3 -c per job.\n"
	printf "2 nodes: forkbox over one local nats-server; Erlang: " \
	    "distribution between\ntwo local nodes (-sname); C floor: its " \
	    "relay cut in two, one process per\nnode, over the same " \
	    "nats-server (bench/floor_nats.c).\n"
	if (cell(1, "lib_cost_ms") != "")
		printf "spawn requiring a 100 KiB library: %+.3f ms over " \
		    "plain (target <= +0.3 ms)\n", cell(1, "lib_cost_ms")
	against("call_sock_1_p50_us", "spawn_p50_ms", 1000,
	    "call p50 (socket) / in-app spawn->EXIT p50", "<= 1.2")
	against("call_http_1_p50_us", "spawn_p50_ms", 1000,
	    "call p50 (HTTP) / in-app spawn->EXIT p50", "<= 1.2")
	against("call_sock_8_per_s", "rate_2", 1,
	    "calls/s 8 in flight (socket) / spawns/s 2 spawners", ">= 0.9")
	against("call_http_8_per_s", "rate_2", 1,
	    "calls/s 8 connections (HTTP) / spawns/s 2 spawners", ">= 0.9")
	against("node_msgs_16", "msgs_16", 1,
	    "2 nodes / 1 broker: relayed msgs/s, 16 B", ">= 0.5")
	against("node_msgs_4096", "msgs_4096", 1,
	    "2 nodes / 1 broker: relayed msgs/s, 4 KiB", ">= 0.5")
	against("node_pp_p50_us", "pp_p50_us", 1,
	    "2 nodes / 1 broker: ping-pong p50", "<= 2")
	against("node_spawn_p50_ms", "spawn_p50_ms", 1,
	    "2 nodes / 1 broker: spawn->EXIT p50", "<= 2")
	# The same ratios for the C floor: what two nodes joined through
	# the server cost against one relay with nothing else on the way.
	ratio_of(2, "node_msgs_16", "msgs_16", 1,
	    "C floor, 2 nodes / 1 relay: relayed msgs/s, 16 B",
	    "for forkbox >= 0.5")
	ratio_of(2, "node_msgs_4096", "msgs_4096", 1,
	    "C floor, 2 nodes / 1 relay: relayed msgs/s, 4 KiB",
	    "for forkbox >= 0.5")
	ratio_of(2, "node_pp_p50_us", "pp_p50_us", 1,
	    "C floor, 2 nodes / 1 relay: ping-pong p50", "for forkbox <= 2")
}' "$tmp/fb" "$tmp/c" "$tmp/erl" "$tmp/py"
