#!/bin/sh
# Processes across nodes (docs/cluster.md): spawn, send, monitor, link,
# names, terminate, cancel and permissions between brokers joined over a
# real nats-server of our own (tests/cluster/lib.sh); node loss and
# restart; forged frames of processes. The Lua side is the app in
# tests/fixtures/remote, run on node n1 with n2 up. Skipped (77) only
# when nats-server or python3 is missing, or forkbox was built without
# NATS.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cluster/lib.sh"
cl_need
cl_app="$TEST_SRCDIR/fixtures/remote"
limit_ms=$(($(echo "$CLUSTER_TIMEOUT" | sed 's/s$//') * 1000 + 1000))

# forkbox run ENTRY [ARG...] as node NAME, in the background: $pid; its
# output in $tmp/NAME.out and .err.
node_run() {
	_n=$1
	shift
	"$FORKBOX" -v run --app "$cl_app" --host remote:procs \
	    --socket "$tmp/$_n.sock" --nats "$nats_url" --node "$_n" \
	    --node-timeout "$CLUSTER_TIMEOUT" "$@" \
	    >"$tmp/$_n.out" 2>"$tmp/$_n.err" </dev/null &
	pid=$!
	cl_pids="$cl_pids $pid"
}

# The Lua tests of tests/fixtures/remote, on n1, each its own verdict.
case_lua() {
	timeout 300 "$FORKBOX" test --app "$cl_app" --host remote:procs \
	    --nats "$nats_url" --node n1 --node-timeout "$CLUSTER_TIMEOUT" \
	    --timeout 30s >"$tmp/lua.out" 2>"$tmp/lua.err"
	rc=$?
	grep -E '^(ok|FAIL) ' "$tmp/lua.out"
	passed=$((passed + $(grep -c '^ok ' "$tmp/lua.out")))
	failed=$((failed + $(grep -c '^FAIL ' "$tmp/lua.out")))
	[ $rc -eq 0 ] && has "^14 passed, 0 failed" "$tmp/lua.out"
	check "the remote Lua tests all ran and passed (rc $rc)" $? \
	    "$tmp/lua.out" "$tmp/lua.err" "$tmp/n2.err"
}

said() { grep -qs "$1" "$tmp/$2.err"; }

# kill -9 of a node's broker: on the others, the monitors of its
# processes fire EXIT "noconnection", links LINK_DOWN "noconnection" (or
# end the process, untrapped) within --node-timeout + 1s.
case_lost() {
	node_start k1
	node_run w1 remote:lost_watch k1
	w=$pid
	wait_for 20 said READY w1
	check "node loss: the watcher is ready" $? "$tmp/w1.err" "$tmp/k1.err"
	t0=$(now_ms)
	node_kill k1 KILL
	wait_for 30 stopped "$w"
	wait "$w"
	rc=$?
	[ $rc -eq 0 ]
	check "node loss: EXIT noconnection, LINK_DOWN noconnection, an untrapped link ends (rc $rc)" $? \
	    "$tmp/w1.out" "$tmp/w1.err"
	ms=$(python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
print(int(max(d['exit_at'], d['down_at']) * 1000) - int(sys.argv[2]))" \
	    "$tmp/w1.out" "$t0" 2>/dev/null)
	echo "      kill -9 -> EXIT and LINK_DOWN after ${ms:-?}ms (--node-timeout $CLUSTER_TIMEOUT)"
	[ -n "$ms" ] && [ "$ms" -le "$limit_ms" ]
	check "node loss: both within --node-timeout+1s" $? "$tmp/w1.out"
	has '"error":"lost the connection to node k1"' "$tmp/w1.out"
	check "node loss: the EXIT's error names the node" $? "$tmp/w1.out"
}

# A node restarted under its name is a new incarnation: the old one's
# pids stay dead.
case_restart() {
	node_start k2
	node_run w2 remote:restart_watch k2
	w=$pid
	wait_for 20 said OLD w2
	check "restart: the watcher holds a pid of k2" $? "$tmp/w2.err"
	node_kill k2 KILL
	wait_for 20 node_misses n2 k2
	check "restart: k2 lost" $? "$tmp/n2.err"
	mv "$tmp/k2.err" "$tmp/k2.first.err"
	node_start k2
	wait_for 60 stopped "$w"
	wait "$w"
	rc=$?
	[ $rc -eq 0 ]
	check "restart: the old pid is dead in the new k2 (noproc), a new spawn works (rc $rc)" $? \
	    "$tmp/w2.out" "$tmp/w2.err" "$tmp/k2.err"
}

# Frames a live node could send, forged to break the rules: all dropped
# and counted; only the one that keeps them is delivered.
case_forged() {
	node_run s1 remote:sink
	wait_for 20 said "SINK ready" s1 && wait_for 20 node_sees s1 n2
	check "forged: the sink is up on s1 and sees n2" $? "$tmp/s1.err"
	inc_n2=$(node_inc s1 n2)
	inc_s1=$(node_inc s1 s1)
	before=$(node_field s1 "d['dropped']")
	kinds="msg_other_node msg_bad_from msg_pid_no_node msg_not_ours msg_no_topic msg_empty_topic msg_nul_topic msg_bad_name exit_bad_reason exit_link_result spawn_bad_anc spawn_by_other spawn_no_req answer_foreign_pid answer_no_error request_bad_op request_payload untie_bad_op"
	kinds="$kinds pause_other_node pause_not_ours pause_no_sender pause_payload resume_other_node ack_negative ack_no_bytes"
	# The same in the compact shape the receiver matches without jansson
	# (remote_send.c), and what that shape must not let through.
	kinds="$kinds fast_other_node fast_bad_from fast_pid_no_node fast_not_ours fast_to_other fast_empty_topic fast_bad_name fast_bad_utf8 fast_ctrl_topic fast_dup_topic fast_trailing fast_zero_inc fast_upper_inc fast_no_from"
	# A message's envelope again (FB_NODE_MSG_AGAIN) where there is no
	# message before it to take it from, or a bad one: the message
	# before, when valid, is delivered (4 of them), the AGAIN never.
	kinds="$kinds again_first again_after_bad again_after_json again_after_other again_with_env again_other_inc again_across_1 again_across_2"
	n=$(python3 "$cl_dir/forge_remote.py" "$nats_port" forkbox.node.s1 \
	    n2 "$inc_n2" s1 "$inc_s1" $kinds valid valid_fast valid_escaped \
	    valid_again)
	want=$((before + n - 3 - 4 - 3))
	dropped_all() { [ "$(node_field s1 "d['dropped']")" -ge "$want" ]; }
	mine='{remote:procs|remote:echo|0123456789abcdef@n2}'
	wait_for 20 dropped_all && wait_for 20 said "SINK valid " s1 &&
	    wait_for 20 said "SINK validfast $mine 2" s1 &&
	    wait_for 20 said 'SINK valid"q.* 3' s1 &&
	    wait_for 20 said "SINK validagain $mine 3" s1
	ok=$?	# before the check's $(...), which would set $? itself
	check "forged: $((n - 10)) frames dropped and counted ($(node_field s1 "d['dropped']") >= $want), the valid ones delivered (plain, compact, escaped, a compact one and its envelope twice again)" $ok \
	    "$tmp/s1.err"
	[ "$(grep -c "SINK validagain " "$tmp/s1.err")" -eq 3 ] &&
	    grep "SINK validagain " "$tmp/s1.err" | tr '\n' ' ' |
	    grep -q "validagain $mine 1 .*validagain $mine 2 .*validagain $mine 3"
	check "forged: a message and its envelope again twice: all three delivered, in order" $? \
	    "$tmp/s1.err"
	for t in againjson againenv againinc againacross; do
		[ "$(grep -c "SINK $t " "$tmp/s1.err")" -eq 1 ] || break
	done
	check "forged: the valid message before a dropped AGAIN is delivered once ($t)" $? \
	    "$tmp/s1.err"
	[ "$(node_field s1 "d['dropped']")" -eq "$want" ]
	check "forged: exactly those dropped (none counted twice)" $? "$tmp/s1.err"
	! said "SINK forged" s1
	check "forged: none of them reached the process" $? "$tmp/s1.err"
	! grep -q "spawned for" "$tmp/s1.err"
	check "forged: no process spawned for a forged spawn" $? "$tmp/s1.err"
	running "$pid" && node_sees s1 n2
	check "forged: the node lives on" $? "$tmp/s1.err"
	"$FORKBOX" send --socket "$tmp/n2.sock" sink@s1 outside '"hi"' \
	    >"$tmp/send.out" 2>&1
	wait_for 20 said "SINK outside {forkbox|outside|[0-9]*@n2} hi" s1
	check "an outside send on n2 to sink@s1 arrives, from an outside sender of n2" $? \
	    "$tmp/send.out" "$tmp/s1.err"
	grep -q "dropped a frame from n2: not a pid of the node it must be on" "$tmp/s1.err"
	check "-v logs why a frame was dropped" $? "$tmp/s1.err"
}

# A node that sends its last messages and ends: its goodbye comes right
# behind them, often in the same read of the receiving node, which took
# heartbeats and goodbyes first and dropped the messages as from a node
# that is not live. They must arrive.
# s1 got node $1's last words: its process's 3 messages, and its goodbye,
# not a loss by heartbeat timeout.
last_words_heard() {
	wait_for 20 said "SINK last {remote:procs|remote:last_words|[0-9a-f]*@$1} 3" s1 &&
	    wait_for 20 said "node $1 lost (incarnation [0-9a-f]*): " s1 &&
	    said "node $1 lost (incarnation [0-9a-f]*): left$" s1
}

case_last_words() {
	for i in 1 2 3 4 5; do
		node_run b$i remote:last_words
		wait_for 30 stopped "$pid"
		last_words_heard b$i
		check "last words: node b$i's messages sent as it leaves arrive, then its goodbye (round $i)" $? \
		    "$tmp/b$i.out" "$tmp/s1.err"
	done
	! grep -q "dropped a frame from b[0-9]: from a node that is not live" \
	    "$tmp/s1.err"
	check "last words: none dropped as from a node that left" $? "$tmp/s1.err"
}

# The same through a server slow to read the leaving node: a proxy
# (tests/cluster/proxy.py with HOLD_MS) passes what the node sends on
# 200 ms late and drops what it still holds when the node closes, as
# nats-server does when its write to a node that closed fails before it
# read the node's last bytes. The broker closes only once the server answered a PING
# sent behind them; before, it closed right after writing them, and
# they and its goodbye were lost (also without the proxy, under load).
case_last_words_slow() {
	slowread_start 200
	direct_url=$nats_url
	nats_url=$slow_url
	node_run d1 remote:last_words
	nats_url=$direct_url
	wait_for 30 stopped "$pid"
	last_words_heard d1
	check "last words, slow server: its messages and goodbye arrive" $? \
	    "$tmp/d1.err" "$tmp/s1.err"
	! said "leaving without NATS confirming" d1
	check "last words, slow server: NATS confirmed before the node left" \
	    $? "$tmp/d1.err"
	kill "$slowread" 2>/dev/null
}

# slowread_start HOLD_MS: tests/cluster/proxy.py slow to read, to our
# nats-server, its URL in $slow_url, its pid in $slowread.
slowread_start() {
	_port=$(cl_free_port)
	cl_proxy_start "$_port" slowread "$1"
	check "the slow proxy is up (hold $1 ms)" $? "$tmp/slowread.out"
	slowread=$cl_proxy
	slow_url="nats://127.0.0.1:$_port"
}

# A server that reads nothing more from the leaving node does not hold
# its exit: it waits for the PONG up to its deadline (--node-timeout, at
# least 2s), says so, and leaves. (A test that it does hold it before
# this change could not fail: it did not wait at all.)
case_last_words_wedged() {
	slowread_start 0
	direct_url=$nats_url
	nats_url=$slow_url
	node_run w9 remote:last_words wait
	nats_url=$direct_url
	w=$pid
	wait_for 20 said "LAST_WORDS waiting" w9 &&
	    wait_for 20 said "node w9 joined" s1
	check "last words, wedged server: the node is up" $? "$tmp/w9.err"
	kill -USR1 "$slowread"
	"$FORKBOX" send --socket "$tmp/w9.sock" last_words go true \
	    >"$tmp/send.out" 2>&1
	wait_for 30 stopped "$w"
	check "last words, wedged server: the node still leaves" $? \
	    "$tmp/w9.err" "$tmp/send.out"
	# Why depends on when libnats' own pings give up on the proxy: no
	# PONG in time, or the connection already down.
	said "node w9: leaving without NATS confirming what it sent (.*deadline 2000 ms)" w9
	check "last words, wedged server: it says NATS did not confirm" $? \
	    "$tmp/w9.err"
	kill "$slowread" 2>/dev/null
}

# p1's stats: the senders paused so far.
paused_on() {
	"$FORKBOX" stats --json --socket "$tmp/$1.sock" 2>/dev/null |
	    python3 -c "import json, sys; print(json.load(sys.stdin)['paused'])" \
	    2>/dev/null
}

# A PAUSE right behind what let the sender go (a RESUME, or the ACK that
# opened its window), in one pass of the loop, holds the sender: its
# resume was only scheduled when the PAUSE came. Under load the PAUSE
# was dropped so, and the receiver on the other node flooded past its
# mailbox limit (case_backpressure). The sender's host has a send_pause
# of 1h: only a RESUME lets it go.
case_pause_race() {
	node_run p1 --host remote:patient remote:pauser n2
	wait_for 20 said "PAUSER ready" p1
	check "pause race: the sender is up on p1, its echo on n2" $? \
	    "$tmp/p1.err"
	set -- $(sed -n 's/.*PAUSER ready //p' "$tmp/p1.err")
	# A well-formed PAUSE from a node the sender never sent to (s1, of
	# case_forged) is dropped and counted: a node pauses only what sends
	# to it.
	before=$(node_field p1 "d['dropped']")
	FORGE_SENDER=$1
	FORGE_RECEIVER="{remote:procs|remote:sink|0123456789abcdef@s1}"
	export FORGE_SENDER FORGE_RECEIVER
	python3 "$cl_dir/forge_remote.py" "$nats_port" forkbox.node.p1 s1 \
	    "$(node_inc p1 s1)" p1 "$(node_inc p1 p1)" real_pause >/dev/null
	dropped_one() { [ "$(node_field p1 "d['dropped']")" -gt "$before" ]; }
	wait_for 20 dropped_one && [ "$(paused_on p1)" -eq 0 ]
	check "pause race: a PAUSE from a node it never sent to is dropped, not obeyed" \
	    $? "$tmp/p1.err"
	FORGE_RECEIVER=$2
	python3 "$cl_dir/forge_remote.py" "$nats_port" forkbox.node.p1 n2 \
	    "$(node_inc p1 n2)" p1 "$(node_inc p1 p1)" \
	    real_pause+real_resume+real_pause >/dev/null
	paused_once() { [ "$(paused_on p1)" -ge 1 ] 2>/dev/null; }
	wait_for 20 paused_once
	check "pause race: the forged frames were taken" $? "$tmp/p1.err"
	"$FORKBOX" send --socket "$tmp/p1.sock" pauser go true \
	    >"$tmp/send.out" 2>&1
	# Nothing to wait for but time: its pong must not come while paused.
	! wait_for 3 said "PAUSER pong" p1
	check "pause race: the PAUSE behind the RESUME holds the sender" $? \
	    "$tmp/p1.err"
	python3 "$cl_dir/forge_remote.py" "$nats_port" forkbox.node.p1 n2 \
	    "$(node_inc p1 n2)" p1 "$(node_inc p1 p1)" real_resume >/dev/null
	wait_for 20 said "PAUSER pong" p1
	check "pause race: a RESUME lets it go" $? "$tmp/p1.err"
	"$FORKBOX" send --socket "$tmp/p1.sock" pauser stop true \
	    >"$tmp/send.out" 2>&1
	wait_for 20 stopped "$pid"
	check "pause race: the sender ends" $? "$tmp/p1.err"
}

# A node that has just joined spawns on another at once: it waits for
# that node's heartbeat instead of failing ("unknown node n2").
case_join() {
	for i in 1 2 3; do
		node_run j$i remote:join_spawn
		wait_for 30 stopped "$pid"
		wait "$pid"
		rc=$?
		[ $rc -eq 0 ] && has '^true$' "$tmp/j$i.out"
		check "just joined, spawn on n2 at once (round $i, rc $rc)" $? \
		    "$tmp/j$i.out" "$tmp/j$i.err"
	done
}

# sink_run NODE [MODE]: remote:slow_sink on a small mailbox (slowbox, or
# $sink_host) as node NODE, its broker's pid in $r.
sink_run() {
	"$FORKBOX" -v run --app "$cl_app" --host "${sink_host:-remote:slowbox}" \
	    --socket "$tmp/$1.sock" --nats "$nats_url" --node "$1" \
	    --node-timeout "$CLUSTER_TIMEOUT" --cluster bp \
	    remote:slow_sink ${2:-} \
	    >"$tmp/$1.out" 2>"$tmp/$1.err" </dev/null &
	r=$!
	cl_pids="$cl_pids $r"
	wait_for 20 said "SLOWSINK ready" "$1"
	check "backpressure: the receiver is up on $1 ${2:-}" $? "$tmp/$1.err"
}

# flood_stop FNODE RNODE: stop the flood on FNODE ($f); both ends end.
flood_stop() {
	"$FORKBOX" send --socket "$tmp/$1.sock" flood stop '"x"' \
	    >"$tmp/send.out" 2>&1
	wait_for 20 stopped "$f" && wait_for 20 stopped "$r"
	check "backpressure: both ends finish ($1, $2)" $? "$tmp/$1.err" \
	    "$tmp/$2.err"
}

# Backpressure across nodes (docs/cluster.md): a sender on f1 floods a
# slow receiver on r1 whose mailbox is small. The receiver's node pauses
# the sender's node's reading of it (FB_NODE_PAUSE) instead of killing the
# receiver with reason "mailbox": it gets every message, and f1 counts
# the pause.
case_backpressure() {
	n=4000
	sink_run r1
	node_run f1 --cluster bp remote:flood slowsink@r1 "$n"
	f=$pid
	wait_for 120 said "FLOOD got $n" f1
	check "backpressure: the receiver on r1 got all $n messages of 4 KiB" $? \
	    "$tmp/f1.err" "$tmp/r1.err"
	! grep -q 'mailbox' "$tmp/r1.err"
	check "backpressure: the receiver was not killed for its mailbox" $? \
	    "$tmp/r1.err"
	# (r1 leaves once its sink said how many it got: not a loss.)
	! grep ' lost ' "$tmp/f1.err" "$tmp/r1.err" | grep -qv ': left$'
	check "backpressure: neither node lost the other while it flooded" $? \
	    "$tmp/f1.err" "$tmp/r1.err"
	paused=$("$FORKBOX" stats --json --socket "$tmp/f1.sock" 2>/dev/null |
	    python3 -c "import json, sys; print(json.load(sys.stdin)['paused'])")
	echo "      sender paused ${paused:-?} times on f1"
	[ "${paused:-0}" -gt 0 ]
	check "backpressure: the sender's pauses show in f1's stats" $?
	flood_stop f1 r1
}

# A receiver on r3 that takes a message in 300 ms, far slower than a
# window of messages per send_pause (its mailbox 4 MiB: past half, a
# window and a quarter more at most before the PAUSE holds), flooded by
# a sender on f3 whose send_pause is 500 ms: its node renews the
# sender's pause while it takes, as one broker keeps a sender paused,
# and it is not killed for its mailbox (let go at each send_pause, the
# sender sent more each time before the next PAUSE came, and the
# receiver was killed within seconds).
case_backpressure_crawl() {
	n=4000
	sink_host=remote:crawlbox
	sink_run r3 crawl
	sink_host=
	node_run f3 --cluster bp --host remote:hasty remote:flood slowsink@r3 \
	    "$n"
	f=$pid
	wait_for 60 said "SLOWSINK took 20" r3
	check "crawl: the receiver took 20 messages, one by one" $? \
	    "$tmp/r3.err" "$tmp/f3.err"
	! grep -q 'mailbox' "$tmp/r3.err"
	check "crawl: the receiver was not killed for its mailbox" $? \
	    "$tmp/r3.err"
	"$FORKBOX" send --socket "$tmp/f3.sock" flood stop '"x"' \
	    >"$tmp/send.out" 2>&1
	wait_for 20 stopped "$f" && wait_for 20 stopped "$r"
	check "crawl: both ends finish" $? "$tmp/f3.err" "$tmp/r3.err"
}

# A receiver on r2 that reads nothing is still killed with reason
# "mailbox", and its sender on f2 is paused once, not for good.
case_backpressure_deaf() {
	n=4000
	sink_run r2 deaf
	node_run f2 --cluster bp remote:flood slowsink@r2 "$n"
	f=$pid
	wait_for 60 said "FLOOD sent $n" f2 &&
	    wait_for 20 said "exited: mailbox: mailbox limit exceeded" r2
	check "deaf: the receiver was killed for its mailbox, the sender went on" $? \
	    "$tmp/f2.err" "$tmp/r2.err"
	flood_stop f2 r2
}

nats_start
node_start n2 --host remote:procs
case_join
case_lua
case_lost
case_restart
case_forged
case_last_words
case_last_words_slow
case_last_words_wedged
case_pause_race
case_backpressure
case_backpressure_crawl
case_backpressure_deaf

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
