#!/bin/sh
# CPU per cross-node message, per process: two forkbox nodes over a local
# nats-server as in cluster.sh, a 6 s bench:throughput row from n1 to
# n2, and `perf stat` on each process (n1's broker, its workers, n2's
# broker, its workers, nats-server) for 2 s in its middle. Prints
# "name us/msg page-faults/msg context-switches/msg" lines, and the row's
# rate. With FLOOR (bench-floor), the same for the C floor over the same
# server (bench/floor_nats.c): its two relays, its two ends (sender and
# receiver) and the server. Needs perf. Throughput on a shared machine
# follows the CPU share the row gets; this is the steadier measure
# (docs/performance.md).
#
#	cluster_cpu.sh FORKBOX SRCDIR SIZE TMPDIR [FLOOR]
FORKBOX=$1
srcdir=$2
SIZE=$3
tmp=$4
FLOOR=$5
APP=$srcdir/bench/app
. "$srcdir/tests/lib.sh"

port=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/js"
gmp=${NATS_GOMAXPROCS-1}	# as cluster.sh (its header says why)
${gmp:+env GOMAXPROCS=$gmp} nats-server -a 127.0.0.1 -p "$port" -js \
    -sd "$tmp/js" >"$tmp/nats.log" 2>&1 &
np=$!
wait_for 10 grep -q 'Server is ready' "$tmp/nats.log" || exit 1
url=nats://127.0.0.1:$port
"$FORKBOX" run --app "$APP" --host bench:processes --nats "$url" --node n2 \
    --socket "$tmp/n2.sock" >/dev/null 2>"$tmp/n2.err" </dev/null &
n2=$!
wait_for 10 test -S "$tmp/n2.sock" || exit 1
"$FORKBOX" -q run --app "$APP" --host bench:processes --nats "$url" \
    --node n1 bench:throughput 6 "$SIZE" bench:processes@n2 \
    >"$tmp/result" 2>>"$tmp/n1.err" &
n1=$!
sleep 2.5	# the row under way: its workers spawned
pids() { ps -o pid= --ppid "$1" | tr -s ' \n' ',' | sed 's/^,//; s/,$//'; }
# stat_all NAME:PIDS...: perf stat on each for 2 s, into $tmp/stat.NAME.
stat_all() {
	stats=
	for x in "$@"; do
		perf stat -x, -e task-clock,page-faults,context-switches \
		    -p "${x#*:}" -o "$tmp/stat.${x%%:*}" -- sleep 2 &
		stats="$stats $!"
	done
	wait $stats
}
# report RATE NAME...: each one's CPU, faults and switches per message.
report() {
	n=$1
	shift
	for x in "$@"; do
		awk -F, -v x=$x -v n="$n" '
		    $3 == "task-clock" { ms = $1 }
		    $3 == "page-faults" { pf = $1 }
		    $3 == "context-switches" { cs = $1 }
		    END { printf "%-6s %.2f us/msg %.3f pf/msg %.3f cs/msg\n",
			x, ms * 1000 / (n * 2), pf / (n * 2), cs / (n * 2) }' \
		    "$tmp/stat.$x"
	done
}
w1=$(pids $n1)
w2=$(pids $n2)
stat_all "n1:$n1" "n1w:$w1" "n2:$n2" "n2w:$w2" "nats:$np"
wait $n1
rate=$(sed -n 's/.*"msgs_per_s":\([0-9.]*\).*/\1/p' "$tmp/result")
echo "rate $rate"
report "$rate" n1 n1w n2 n2w nats
kill $n2; wait $n2
[ -n "$FLOOR" ] || { kill $np; wait $np; exit 0; }

# The C floor over the same server: the sender (this process), its two
# relays (exec'd as nats-relay-main) and the receiver (forked).
"$FLOOR" nats "$port" relay 6 "$SIZE" >"$tmp/floor" &
f=$!
sleep 2.5
relays=$(pgrep -f -P $f nats-relay-main)
ends=$(pgrep -P $f | grep -v -x -F "$relays")
list() { echo "$@" | tr -s ' \n' ',' | sed 's/,$//'; }
relays=$(list $relays)
ends=$(list $f $ends)
stat_all "relays:$relays" "ends:$ends" "fnats:$np"
wait $f
rate=$(awk '{print $2}' "$tmp/floor")
echo "floor rate $rate"
report "$rate" relays ends fnats
kill $np; wait $np
