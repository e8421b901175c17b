#!/bin/sh
# CPU per cross-node message, per process: two forkbox nodes over a local
# nats-server as in cluster.sh, a 6 s bench:throughput row from n1 to
# n2, and `perf stat` on each process (n1's broker, its workers, n2's
# broker, its workers, nats-server) for 2 s in its middle. Prints
# "name us/msg page-faults/msg context-switches/msg" lines, and the row's
# rate. Needs perf. Throughput on a shared machine follows the CPU share
# the row gets; this is the steadier measure (docs/performance.md).
#
#	cluster_cpu.sh FORKBOX SRCDIR SIZE TMPDIR
FORKBOX=$1
srcdir=$2
SIZE=$3
tmp=$4
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
w1=$(pids $n1)
w2=$(pids $n2)
stats=
for x in "n1:$n1" "n1w:$w1" "n2:$n2" "n2w:$w2" "nats:$np"; do
	perf stat -x, -e task-clock,page-faults,context-switches \
	    -p "${x#*:}" -o "$tmp/stat.${x%%:*}" -- sleep 2 &
	stats="$stats $!"
done
wait $stats
wait $n1
rate=$(sed -n 's/.*"msgs_per_s":\([0-9.]*\).*/\1/p' "$tmp/result")
echo "rate $rate"
for x in n1 n1w n2 n2w nats; do
	awk -F, -v x=$x -v n="$rate" '
	    $3 == "task-clock" { ms = $1 }
	    $3 == "page-faults" { pf = $1 }
	    $3 == "context-switches" { cs = $1 }
	    END { printf "%-5s %.2f us/msg %.3f pf/msg %.3f cs/msg\n", x,
		ms * 1000 / (n * 2), pf / (n * 2), cs / (n * 2) }' "$tmp/stat.$x"
done
kill $n2; wait $n2
kill $np; wait $np
