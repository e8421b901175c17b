#!/bin/sh
# make bench's cluster rows: two forkbox nodes on this machine over one
# local nats-server (started here, on a free port, with a temporary
# store), and Erlang distribution between two local nodes (peer_dist.erl)
# for the same workloads. Prints "key value" lines on stdout: forkbox's
# with no prefix, Erlang's prefixed "erl.", and with FLOOR (bench-floor)
# the C floor's over the same server prefixed "c.": its relay cut in two,
# one process per node (bench/floor_nats.c), the bound of any two nodes
# joined through NATS on this machine.
#
#	cluster.sh FORKBOX SRCDIR SECS SPAWNS TMPDIR [FLOOR]
# Nothing is printed for a peer that is missing (nats-server, escript).
#
# nats-server runs with GOMAXPROCS=1 (NATS_GOMAXPROCS=N for another
# value, NATS_GOMAXPROCS= for Go's default, one per CPU): Go's documented
# setting, set as a deployment sets it to the CPUs the server gets (a
# container's CPU quota, as automaxprocs does). Here it shares 2 vCPUs
# with both brokers and their workers; with Go's default it woke an idle
# thread of its own for every message read, which then took the CPU from
# the reader or a broker (perf sched trace, docs/performance.md "Between
# nodes"): 52-94 us of its CPU per cross-node round trip, 32-56 with 1.

FORKBOX=$1
srcdir=$2
SECS=$3
SPAWNS=$4
tmp=$5
FLOOR=$6
APP=$srcdir/bench/app

note() { printf '%s\n' "$*" >&2; }
jget() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"; }

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for SECONDS COMMAND...: the tests' polling with a deadline.
. "$srcdir/tests/lib.sh"

nats_pid=
n2_pid=
cluster_stop() {
	[ -n "$n2_pid" ] && kill -TERM "$n2_pid" 2>/dev/null && wait "$n2_pid"
	[ -n "$nats_pid" ] && kill -TERM "$nats_pid" 2>/dev/null &&
	    wait "$nats_pid"
	n2_pid=
	nats_pid=
}

run_forkbox_nodes() {
	if ! command -v nats-server >/dev/null 2>&1; then
		note "cluster: nats-server not found (apt-get install nats-server)"
		return
	fi
	port=$(free_port)
	mkdir -p "$tmp/js"
	gmp=${NATS_GOMAXPROCS-1}
	note "cluster: nats-server with GOMAXPROCS=${gmp:-(Go's default)}"
	${gmp:+env GOMAXPROCS=$gmp} nats-server -a 127.0.0.1 -p "$port" -js \
	    -sd "$tmp/js" >"$tmp/nats.log" 2>&1 &
	nats_pid=$!
	if ! wait_for 10 grep -q 'Server is ready' "$tmp/nats.log"; then
		note "cluster: nats-server did not start:"
		tail -5 "$tmp/nats.log" >&2
		cluster_stop
		return
	fi
	url=nats://127.0.0.1:$port
	# n2 serves (no entry); n1 runs each workload with its peers on n2.
	"$FORKBOX" run --app "$APP" --host bench:processes --nats "$url" \
	    --node n2 --socket "$tmp/n2.sock" >/dev/null 2>"$tmp/n2.err" \
	    </dev/null &
	n2_pid=$!
	if ! wait_for 10 test -S "$tmp/n2.sock"; then
		note "cluster: node n2 did not start:"
		tail -5 "$tmp/n2.err" >&2
		cluster_stop
		return
	fi
	# A row that hangs (a receiver killed for its mailbox leaves its
	# sender waiting for a count) is cut off and left empty.
	n1() {
		timeout 120 "$FORKBOX" -q run --app "$APP" \
		    --host bench:processes --nats "$url" --node n1 "$@" \
		    2>>"$tmp/n1.err"
	}
	note "cluster: cross-node throughput"
	echo "node_msgs_16 $(n1 bench:throughput "$SECS" 16 \
	    bench:processes@n2 | jget msgs_per_s)"
	echo "node_msgs_4096 $(n1 bench:throughput "$SECS" 4096 \
	    bench:processes@n2 | jget msgs_per_s)"
	note "cluster: cross-node ping-pong"
	r=$(n1 bench:pingpong "$SECS" bench:processes@n2)
	echo "node_pp_p50_us $(echo "$r" | jget p50_us)"
	echo "node_pp_p99_us $(echo "$r" | jget p99_us)"
	note "cluster: remote spawn latency"
	r=$(n1 bench:spawn_latency "$SPAWNS" bench:processes@n2)
	echo "node_spawn_p50_ms $(echo "$r" | jget p50_ms)"
	echo "node_spawn_p99_ms $(echo "$r" | jget p99_ms)"
	run_floor_nats
	cluster_stop
	# Anything but n2's own stop is news; each line "cluster: " as the
	# rest, which is what make bench shows.
	grep -v -e '^forkbox: terminated: stopping' -e '^$' "$tmp/n1.err" \
	    "$tmp/n2.err" >"$tmp/nodes.said" 2>/dev/null
	if [ -s "$tmp/nodes.said" ]; then
		note "cluster: the nodes said:"
		tail -n 10 "$tmp/nodes.said" | sed "s|^$tmp/|cluster:   |" >&2
	fi
}

# The C floor over the same server, while it is up.
run_floor_nats() {
	[ -n "$FLOOR" ] && [ -x "$FLOOR" ] || return
	note "cluster: the C floor over the same nats-server"
	echo "c.node_msgs_16 $("$FLOOR" nats "$port" relay "$SECS" 16 |
	    awk '{print $2}')"
	echo "c.node_msgs_4096 $("$FLOOR" nats "$port" relay "$SECS" 4096 |
	    awk '{print $2}')"
	"$FLOOR" nats "$port" pingpong "$SECS" | sed 's/^pp_/c.node_pp_/'
}

run_erlang_dist() {
	if ! command -v escript >/dev/null 2>&1; then
		note "cluster: escript not found (apt-get install erlang-base)"
		return
	fi
	note "cluster: Erlang distribution"
	escript "$srcdir/bench/peer_dist.erl" "$SECS" "$SPAWNS" \
	    2>>"$tmp/erl_dist.err" | sed 's/^/erl./'
}

trap cluster_stop EXIT
trap 'cluster_stop; exit 1' INT TERM
run_forkbox_nodes
run_erlang_dist
