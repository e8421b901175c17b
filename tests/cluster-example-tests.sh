#!/bin/sh
# examples/cluster on the cluster harness: a dispatcher on node d spreads
# jobs over cluster:workers@w1 and @w2; w2 is killed (-9) while it runs
# one of them; every job still gets done, the lost ones on w1. Every wait
# has a deadline.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
: "${EXAMPLES_DIR:?set by make check}"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cluster/lib.sh"
cl_need
cl_app="$EXAMPLES_DIR/cluster"

# w2 runs a job now.
w2_busy() {
	"$FORKBOX" ps --socket "$tmp/w2.sock" 2>/dev/null | grep -q 'cluster:job'
}

nats_start
node_start w1
node_start w2
out="$tmp/d.out"
err="$tmp/d.err"
"$FORKBOX" run --app "$cl_app" --host cluster:local --nats "$nats_url" \
    --node d --node-timeout "$CLUSTER_TIMEOUT" cluster:dispatcher 40 4 150 \
    >"$out" 2>"$err" </dev/null &
d=$!
cl_pids="$cl_pids $d"
wait_for 30 w2_busy
check "the dispatcher's jobs run on w2" $? "$err" "$tmp/w2.err"
node_kill w2
wait_for 60 stopped "$d"
wait "$d"
rc=$?
python3 -c "import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r['done'] == 40 and r['resubmitted'] >= 1 and r['per_node']['w1'] >= 1 else 1)" "$out" 2>/dev/null
check "w2 lost mid-job: all 40 jobs done, the lost ones resubmitted (rc $rc)" $?
grep -q 'lost (noconnection), resubmitting' "$err"
check "the dispatcher saw a noconnection EXIT" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
