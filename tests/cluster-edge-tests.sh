#!/bin/sh
# Outside programs over NATS and cluster names (docs/cluster.md), with the
# cluster harness (tests/cluster/lib.sh: our own nats-server, brokers as
# processes) and tests/natsclient, an outside program on libnats. One
# function per case, run in order at the end. Every wait has a deadline.
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
: "${EXAMPLES_DIR:?set by make check}"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cluster/lib.sh"
cl_need
cl_app="$TEST_SRCDIR/fixtures/edge"
natsclient="$(dirname "$FORKBOX")/tests/natsclient"
if [ ! -x "$natsclient" ]; then
	echo "tests/natsclient not built (make check builds it): skipped"
	exit 77
fi
out="$tmp/edge.out"
err="$tmp/edge.err"

# nc ARG...: natsclient against our server, output in $out.
nc() { "$natsclient" "$@" >"$out" 2>"$err"; }
ncall() {
	_e=$1
	shift
	"$natsclient" "$@" "$nats_url" request "forkbox.api.call.$_e" \
	    "${body-}" >"$out" 2>"$err"
}
# The node logs that it joined before it subscribes to the call
# subjects (the app and its hosts are loaded in between): a call before
# that finds no responders. Served: a call is answered.
served() { body='[1,2]' ncall edge:add && has '"result":3'; }
fcall() {
	_n=$1
	shift
	"$FORKBOX" call --socket "$tmp/$_n.sock" "$@" >"$out" 2>"$err"
}
listening() { grep -q '^ready$' "$1"; }

# An entry called over NATS: the same answers as the control socket's.
case_call() {
	body='[1,2]' ncall edge:add
	has '^{"pid":"{edge:processes|edge:add|[0-9a-f]*\(@a\)*}","reason":"normal","result":3}$'
	check "NATS call: the outcome on the reply subject" $?
	body='["5s"]' ncall edge:sleep -H Forkbox-Timeout:100ms
	has '"reason":"timeout"' && has '"error":"call timeout exceeded (100ms)"'
	check "NATS call: Forkbox-Timeout kills it at its timeout" $?
	body='["5s"]' ncall edge:sleep -H Forkbox-Timeout:150
	has '"reason":"timeout"' && has '(150ms)'
	check "NATS call: Forkbox-Timeout in milliseconds" $?
	body='[1,2]' ncall edge:add -H Forkbox-Host:edge:processes
	has '"result":3'
	check "NATS call: Forkbox-Host names the host" $?
	body='[1,2]' ncall edge:add -H Forkbox-Host:edge:nope
	has '"kind":"unknown_host"' && has 'unknown host: edge:nope'
	check "NATS call: an unknown host is refused (unknown_host)" $?
	body='' ncall edge:nope
	has '"kind":"unknown_entry"' && has 'unknown entry: edge:nope'
	check "NATS call: an unknown entry is refused (unknown_entry)" $?
}

# Hostile input: a clear answer each time, and the broker lives on.
case_call_garbage() {
	body='nope' ncall edge:add
	has '"kind":"bad_request"' && has 'malformed JSON body'
	check "NATS call: a body that is not JSON: bad_request" $?
	body='{"a":1}' ncall edge:add
	has '"kind":"bad_request"' && has '\\"args\\" must be an array'
	check "NATS call: args not an array: bad_request" $?
	body='[1,2]' ncall edge:add -H Forkbox-Timout:1s
	has '"kind":"bad_request"' && has 'unknown header Forkbox-Timout'
	check "NATS call: a misspelt Forkbox-* header is refused" $?
	body='[1,2]' ncall edge:add -H Forkbox-Host:x -H Forkbox-Host:y
	has '"kind":"bad_request"' && has 'header Forkbox-Host repeated'
	check "NATS call: a repeated header is refused" $?
	big=$(head -c 3000 /dev/zero | tr '\0' x)
	body='[1,2]' ncall edge:add -H "Forkbox-Host:$big"
	has '"kind":"bad_request"' && has 'over 1024 bytes'
	check "NATS call: a header over 1024 bytes is refused" $?
	body='[1,2]' ncall edge:add -H Forkbox-Timeout:-1s
	has '"kind":"bad_request"' && has 'timeout'
	check "NATS call: a bad timeout is refused" $?
	body='[1,2]' ncall "$(printf 'edge:\377')"
	has '"kind":"bad_request"' && has 'not UTF-8'
	check "NATS call: an entry that is not UTF-8 is refused" $?
	body='[1,2]' ncall edge:add -H Forkbox-Host:"$(printf '\377')"
	has '"kind":"bad_request"' && has 'not UTF-8'
	check "NATS call: a header value that is not UTF-8 is refused" $?
	nc "$nats_url" request forkbox.api.send '[1]'
	has '"kind":"bad_request"' && has 'a send is a JSON object'
	check "NATS send: a body that is no object: bad_request" $?
	nc "$nats_url" request forkbox.api.send ''
	has '"kind":"bad_request"' && has 'the send object'
	check "NATS send: an empty body: bad_request" $?
	nc "$nats_url" request forkbox.api.send '{"to":"x","topic":""}'
	has '"kind":"bad_request"' && has 'topic must be'
	check "NATS send: an empty topic: bad_request" $?
	nc "$nats_url" request forkbox.api.send \
	    '{"to":"{nats|_INBOX.x}","topic":"t"}'
	has '"kind":"bad_request"' && has 'bad destination'
	check "NATS send: a {nats|…} destination from outside: bad_request" $?
	# A reply subject that is not an inbox gets nothing published on it
	# (the listener prints all that comes until 500 ms after the first).
	"$natsclient" -t 10000 "$nats_url" listen foo.bar _INBOX.probe.2 \
	    >"$tmp/listen2" 2>&1 &
	lp=$!
	wait_for 20 listening "$tmp/listen2"
	nc -r foo.bar "$nats_url" publish forkbox.api.call.edge:nope ''
	nc -r _INBOX.probe.2 "$nats_url" publish forkbox.api.call.edge:nope ''
	wait_for 20 stopped "$lp"
	grep -q '^_INBOX.probe.2 .*unknown_entry' "$tmp/listen2" &&
	    ! grep -q '^foo\.bar ' "$tmp/listen2"
	check "NATS call: a reply subject outside _INBOX. is not answered" $? \
	    "$tmp/listen2"
	grep -q 'reply subject is not an _INBOX. subject' "$tmp/a.err"
	check "-v logs the refused reply subject" $? "$tmp/a.err"
	python3 "$cl_dir/rawheaders.py" "$nats_port" forkbox.api.call.edge:add \
	    >"$out" 2>"$err"
	[ "$(grep -c '"error":"malformed headers","kind":"bad_request"' "$out")" -ge 2 ] &&
	    has 'over 1024 bytes' && [ "$(grep -c . "$out")" -eq 4 ]
	check "NATS call: malformed header blocks (raw protocol): bad_request" $?
	body='["1048400"]' ncall edge:big
	has '"reason":"normal"' && has "over the NATS server's max_payload"
	check "NATS call: an outcome over max_payload still gets an answer" $?
	body='[2,2]' ncall edge:add
	running "$node_a" && has '"result":4'
	check "NATS garbage: the broker lives on and answers" $? "$tmp/a.err"
}

# Request-reply with a registered process: it answers msg:from().
case_request_reply() {
	"$FORKBOX" call --socket "$tmp/a.sock" --timeout 120s edge:echo \
	    echo >/dev/null 2>&1 &
	echo_call=$!
	fcall a edge:lookup echo true 10
	nc -h "$nats_url" ask forkbox.api.send \
	    '{"to":"echo","topic":"ping","payload":{"n":5}}'
	inbox=$(sed -n 's/^inbox //p' "$out")
	has '^Forkbox-Topic: pong$' && has '^Forkbox-From: {edge:processes|edge:echo|[0-9a-f]*\(@a\)*}$' &&
	    has "^{\"from\":\"{nats|$inbox}\",\"got\":{\"n\":5},\"topic\":\"ping\"}\$"
	check "request-reply: the process sees {nats|_INBOX.…} and answers it" $?
	kill "$echo_call" 2>/dev/null
}

# A process may publish on reply subjects only.
case_nats_refused() {
	fcall a edge:nats_refused foo.bar
	has '"ok":false' && has 'a process may send to NATS only on a reply subject'
	check "process.send to {nats|foo.bar}: nil, err" $?
	fcall a edge:nats_refused '_INBOX.a}b'
	has '"ok":false'
	check "process.send to {nats|_INBOX.a}b}: nil, err" $?
	fcall a edge:nats_refused '_INBOX.*'
	has '"ok":false'
	check "process.send to {nats|_INBOX.*} (a wildcard): nil, err" $?
	# Past the worker's check (raw frames): the broker refuses too.
	"$natsclient" -t 10000 "$nats_url" listen foo.bar _INBOX.probe.1 \
	    >"$tmp/listen1" 2>&1 &
	lp=$!
	wait_for 20 listening "$tmp/listen1"
	fcall a edge:nats_raw foo.bar _INBOX.probe.1
	wait_for 20 stopped "$lp"
	grep -q '^_INBOX.probe.1 "forged"$' "$tmp/listen1" &&
	    ! grep -q '^foo\.bar ' "$tmp/listen1"
	check "a forged SEND to {nats|foo.bar} is not published" $? \
	    "$tmp/listen1"
	grep -q 'message to {nats|foo.bar} refused' "$tmp/a.err"
	check "-v logs the refused {nats|…} send" $? "$tmp/a.err"
	"$FORKBOX" stats --json --socket "$tmp/a.sock" | python3 -c '
import json, sys
n = json.load(sys.stdin)["nodes"]
sys.exit(0 if n["nats_refused"] >= 10 and n["nats_replies"] >= 2 else 1)'
	check "forkbox stats counts NATS refusals and replies" $?
}

# A queue group: each request is answered by exactly one node.
case_queue_group() {
	node_start b --host edge:processes
	wait_for 20 node_sees a b
	i=0
	while [ $i -lt 6 ]; do
		body='[1,1]' ncall edge:add || break
		i=$((i + 1))
	done
	na=$("$FORKBOX" stats --json --socket "$tmp/a.sock" |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["exited"]["normal"])')
	nb=$("$FORKBOX" stats --json --socket "$tmp/b.sock" |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["exited"]["normal"])')
	base=${calls_a:-0}
	[ $i -eq 6 ] && [ $((na + nb - base)) -eq 6 ]
	check "two nodes: 6 calls run 6 processes (a: $((na - base)), b: $nb)" $?
}

# name@*: two nodes racing for one name, exactly one wins.
case_names_race() {
	fcall a edge:claim 'race@*' 3s &
	ra=$!
	"$FORKBOX" call --socket "$tmp/b.sock" edge:claim 'race@*' 3s \
	    >"$tmp/race_b" 2>&1
	wait "$ra"
	cat "$out" "$tmp/race_b" >"$tmp/race"
	[ "$(grep -c '"ok":true' "$tmp/race")" -eq 1 ] &&
	    [ "$(grep -c 'name taken: race@\*' "$tmp/race")" -eq 1 ]
	check "name@*: two nodes race for it, exactly one wins" $? "$tmp/race"
}

# Lookup from another node, release at exit, unregister rules.
case_names() {
	"$FORKBOX" call --socket "$tmp/a.sock" --timeout 120s edge:holder \
	    'svc@*' >"$tmp/holder" 2>&1 &
	hp=$!
	fcall b edge:lookup 'svc@*' true 10
	has '"pid":"{edge:processes|edge:holder|[0-9a-f]*\(@a\)*}"'
	check "name@*: another node looks it up" $?
	fcall a edge:ask 'svc@*' 7
	has '"got":"7"'
	check "name@*: a send to it reaches its holder" $?
	fcall b edge:claim 'svc@*'
	has 'name taken: svc@\* is registered to {edge:processes|edge:holder'
	check "name@*: taken, with its holder" $?
	fcall b edge:unregister 'svc@*'
	has '"err":"not yours"'
	check "name@*: another node's process may not unregister it" $?
	fcall a edge:unregister 'svc@*'
	has '"err":"not yours"'
	check "name@*: another process may not unregister it" $?
	fcall a edge:unregister 'free@*'
	has '"r":false'
	check "name@*: unregister of an unbound name: false" $?
	fcall a --host edge:locked edge:claim 'x@*'
	has 'not permitted: register'
	check "name@*: registry permission applies" $?
	fcall a edge:claim '@*'
	has 'bad name'
	check "name@*: nothing before @*: bad name" $?
	"$FORKBOX" call --socket "$tmp/a.sock" --timeout 10s edge:racer \
	    'co@*' >"$out" 2>"$err"
	has '"err":"cluster names: co@\* was released while it was being registered"' &&
	    has '"un":true'
	check "name@*: unregistered by another coroutine while in flight: answered" $?
	fcall b edge:ask 'svc@*' 8
	has '"got":"8"'
	check "name@*: a send from another node reaches its holder" $?
	i=0
	# 8 tries: the queue group hands some to node b, which hands them
	# on to a (all 8 to a: 1 in 256).
	while [ $i -lt 8 ]; do
		nc "$nats_url" request forkbox.api.send \
		    '{"to":"svc@*","topic":"ping","payload":9}' || break
		has '"got":9' || break
		i=$((i + 1))
	done
	[ $i -eq 8 ]
	check "name@*: request-reply from outside, whichever node takes it" $?
	"$FORKBOX" call --socket "$tmp/a.sock" --timeout 120s edge:holder \
	    'fw@*' >/dev/null 2>&1 &
	hp2=$!
	fcall b edge:lookup 'fw@*' true 10
	"$FORKBOX" send --socket "$tmp/b.sock" 'fw@*' stop null
	wait_for 20 stopped "$hp2"
	check "name@*: forkbox send on another node's socket reaches it" $?
	"$FORKBOX" call --socket "$tmp/a.sock" --timeout 120s edge:holder \
	    'lk@*' >/dev/null 2>&1 &
	fcall b edge:lookup 'lk@*' true 10
	fcall b edge:linkkill 'lk@*'
	has '"kind":"pid.link.down"' && has '"reason":"terminated"'
	check "name@*: link and terminate by name from another node" $?
	fcall b edge:watch 'svc@*'
	has '"kind":"pid.exit"' && has '"reason":"normal"'
	check "name@*: monitor by name from another node, EXIT at its end" $?
	wait_for 20 stopped "$hp"
	fcall b edge:lookup 'svc@*' false 10
	has '"err":"name not registered: svc@\*"'
	check "name@*: released when its process ends" $? "$out" "$tmp/a.err" \
	    "$tmp/b.err"
	fcall b edge:claim 'svc@*'
	has '"ok":true'
	check "name@*: free again for another node" $?
}

# A lost node's names are free at once on the others.
case_names_lost() {
	node_start c --host edge:processes
	wait_for 20 node_sees b c
	"$FORKBOX" call --socket "$tmp/c.sock" --timeout 120s edge:holder \
	    'lost@*' >/dev/null 2>&1 &
	fcall b edge:lookup 'lost@*' true 10
	has '"pid":"{edge:processes|edge:holder|'
	check "name@*: held on node c" $?
	node_kill c
	fcall b edge:lookup 'lost@*' false 10
	has 'name not registered: lost@\*'
	check "name@*: node c lost (kill -9): its name is released" $? \
	    "$tmp/b.err"
	fcall b edge:claim 'lost@*'
	has '"ok":true'
	check "name@*: a lost node's name can be taken" $?
}

# A released name leaves nothing in the bucket (its delete marker is
# purged, a few seconds later), so the bucket does not grow with every
# name ever used. purged [HEXKEY]: "purge" by default. The filter selects
# what "subjects" lists; num_subjects counts the whole bucket's.
purged() {
	"$natsclient" "$nats_url" request \
	    '$JS.API.STREAM.INFO.KV_fbnames_forkbox' \
	    "{\"subjects_filter\":\"\$KV.fbnames_forkbox.${1:-7075726765}\"}" |
	    python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(0 if "state" in d and not d["state"].get("subjects") else 1)'
}
case_names_purged() {
	fcall a edge:claim 'purge@*'
	has '"ok":true' && wait_for 20 purged
	check "name@*: released, it leaves no marker in the bucket" $?
	fcall b edge:claim 'purge@*'
	has '"ok":true'
	check "name@*: and is registered again from scratch" $?
}

# What is in the bucket is checked: a value that is not ours holds no
# name, a key that is no name of ours is ignored, the broker lives on.
case_names_hostile() {
	b="\$KV.fbnames_forkbox"
	for v in 'garbage' '{"pid":"x","node":"a","inc":"1"}' \
	    '{"pid":"{a|b|1}","node":"no such node","inc":"0000000000000001"}' \
	    '{"pid":"{a|b|1}","node":"b","inc":"zzzzzzzzzzzzzzzz"}'; do
		nc "$nats_url" request "$b.6a756e6b" "$v"
	done
	nc "$nats_url" request "$b.not-hex" '{}'
	nc "$nats_url" request "$b.00" '{}'
	fcall b edge:lookup 'junk@*' true 1
	has 'name not registered: junk@\*'
	check "name@*: a forged value in the bucket holds nothing" $?
	fcall b edge:claim 'junk@*'
	has '"ok":true'
	check "name@*: and is taken over by a register" $?
	running "$node_a" && running "$node_b"
	check "name@*: forged bucket entries harm no broker" $?
}

claimed() { fcall "$1" edge:claim "$2" && has '"ok":true'; }

# One node cut off from NATS (through a proxy) while the others stay:
# it loses them all, but must not delete their names (the deletes would
# wait in libnats' buffer and land when it is back, over live holders).
proxy_start() {
	cl_proxy_start "$pport" proxy
	_rc=$?
	proxy=$cl_proxy
	return $_rc
}
# proxied_start NAME: node NAME joined through a proxy of its own.
proxied_start() {
	pport=$(cl_free_port)
	proxy_start
	url_was=$nats_url
	nats_url="nats://127.0.0.1:$pport"
	node_start "$1" --host edge:processes
	nats_url=$url_was
}
# hold NODE NAME: edge:holder registers NAME on NODE and keeps it.
hold() {
	"$FORKBOX" call --socket "$tmp/$1.sock" --timeout 120s edge:holder \
	    "$2" >/dev/null 2>&1 &
}
case_names_partition() {
	hold b 'part@*'
	proxied_start p
	fcall p edge:lookup 'part@*' true 10
	has '"pid":"{edge:processes|edge:holder|'
	check "partition: node p sees b's part@*" $?
	kill -9 "$proxy"
	wait "$proxy" 2>/dev/null
	wait_for 20 grep -qs 'node b lost' "$tmp/p.err"
	check "partition: p, cut off, loses b" $? "$tmp/p.err"
	proxy_start
	wait_for 20 node_sees b p
	check "partition: p is back" $? "$tmp/p.err"
	# A register of p's goes after anything p queued while cut off.
	wait_for 20 claimed p 'after@*'
	fcall b edge:lookup 'after@*' true 10
	fcall b edge:lookup 'part@*' true 1
	has '"pid":"{edge:processes|edge:holder|'
	check "partition: b's part@* is still held after p is back" $? \
	    "$tmp/p.err"
}

# A name released while a node was cut off, its delete marker purged
# before the node is back, is free there too: the node's new watch of the
# bucket does not bring it, and its copy drops it. Before, the copy kept
# it, and a register on that node was answered "name taken" for as long as
# the broker ran (seen under load, without a cut: the marker purged before
# the watch delivered it).
case_names_released_away() {
	proxied_start r
	wait_for 20 node_sees b r
	"$FORKBOX" call --socket "$tmp/b.sock" --timeout 120s edge:holder \
	    'away@*' >/dev/null 2>&1 &
	hp=$!
	fcall r edge:lookup 'away@*' true 10
	has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@b}"'
	check "released away: node r sees b's away@*" $? "$tmp/r.err"
	kill -9 "$proxy"
	wait "$proxy" 2>/dev/null
	"$FORKBOX" send --socket "$tmp/b.sock" 'away@*' stop null
	wait_for 20 stopped "$hp" && wait_for 30 purged 61776179
	check "released away: released on b while r is cut off, its marker purged" \
	    $? "$tmp/b.err"
	proxy_start
	wait_for 20 node_sees b r && wait_for 20 node_sees r b
	check "released away: r is back" $? "$tmp/r.err"
	fcall r edge:lookup 'away@*' false 20
	has 'name not registered: away@\*'
	check "released away: free on r too" $? "$out" "$tmp/r.err"
	fcall r edge:claim 'away@*'
	has '"ok":true'
	check "released away: r registers it" $? "$out" "$tmp/r.err"
}

# A node cut off from NATS longer than --node-timeout comes back as a new
# incarnation: the others released its names meanwhile, and it registers
# them again for its processes, which still run and hold them; one that
# another node took meanwhile stays theirs (the process lost it).
case_names_again() {
	proxied_start q
	wait_for 20 node_sees b q
	hold q 'again@*'
	hold q 'stolen@*'
	fcall b edge:lookup 'again@*' true 10 &&
	    has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@q}"' &&
	    fcall b edge:lookup 'stolen@*' true 10 &&
	    has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@q}"'
	check "again: q's processes hold again@* and stolen@*" $? "$tmp/q.err"
	kill -9 "$proxy"
	wait "$proxy" 2>/dev/null
	wait_for 20 grep -qs 'node q lost' "$tmp/b.err" &&
	    wait_for 20 grep -qs 'node q: now incarnation' "$tmp/q.err"
	check "again: q, cut off, is lost to b and takes a new incarnation" $? \
	    "$tmp/b.err" "$tmp/q.err"
	fcall b edge:lookup 'again@*' false 10
	has 'name not registered'
	check "again: b released q's names" $? "$tmp/b.err"
	hold b 'stolen@*'
	fcall b edge:lookup 'stolen@*' true 10 &&
	    has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@b}"'
	check "again: b takes stolen@* while q is away" $? "$tmp/b.err"
	proxy_start
	wait_for 20 node_sees b q
	check "again: q is back" $? "$tmp/q.err"
	fcall b edge:lookup 'again@*' true 20 &&
	    has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@q}"'
	check "again: q's process holds again@* again, for the whole cluster" \
	    $? "$tmp/q.err" "$tmp/b.err"
	wait_for 20 grep -qs 'names: stolen@\* lost (this node is a new incarnation)' \
	    "$tmp/q.err" &&
	    fcall b edge:lookup 'stolen@*' true 1 &&
	    has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@b}"' &&
	    fcall q edge:lookup 'stolen@*' true 1 &&
	    has '"pid":"{edge:processes|edge:holder|[0-9a-f]*@b}"'
	check "again: stolen@* stays b's; q says its process lost it" $? \
	    "$tmp/q.err"
}

# The NATS server goes away: a register is answered (an error), not left
# waiting; once the server is back, names work again.
case_names_nats_down() {
	nats_stop
	t0=$(now_ms)
	fcall b edge:claim 'down@*'
	t1=$(now_ms)
	has '"err":"cluster names: ' && [ $((t1 - t0)) -lt 15000 ]
	check "NATS down: register answers an error ($((t1 - t0)) ms)" $?
	nats_start
	wait_for 30 claimed b 'down@*'
	check "NATS back: name@* can be registered again" $? "$tmp/b.err"
	running "$node_b"
	check "NATS down and back: the node lives on" $?
}

# Without JetStream on the server: the documented refusal.
case_names_nojs() {
	port=$(cl_free_port)
	nats-server -a 127.0.0.1 -p "$port" >"$tmp/nojs.log" 2>&1 </dev/null &
	np=$!
	cl_pids="$cl_pids $np"
	wait_for 20 grep -qs 'Server is ready' "$tmp/nojs.log"
	"$FORKBOX" -v run --app "$cl_app" --socket "$tmp/nojs.sock" \
	    --host edge:processes --nats "nats://127.0.0.1:$port" --node z \
	    >"$tmp/z.out" \
	    2>"$tmp/z.err" </dev/null &
	zp=$!
	cl_pids="$cl_pids $zp"
	wait_for 20 grep -qs 'node z joined' "$tmp/z.err"
	"$FORKBOX" call --socket "$tmp/nojs.sock" edge:claim 'x@*' \
	    >"$out" 2>"$err"
	has '"err":"cluster names need a NATS server with JetStream"'
	check "no JetStream: register name@* is refused, saying why" $? \
	    "$tmp/z.err"
	"$FORKBOX" call --socket "$tmp/nojs.sock" edge:lookup 'x@*' true 0 \
	    >"$out" 2>"$err"
	has 'cluster names need a NATS server with JetStream'
	check "no JetStream: lookup says the same" $?
	"$FORKBOX" call --socket "$tmp/nojs.sock" edge:claim 'x' \
	    >"$out" 2>"$err"
	has '"ok":true'
	check "no JetStream: plain names still work" $?
	kill -9 "$zp" "$np" 2>/dev/null
}

# examples/leader: one leader among three nodes through leader@*; when
# its node is lost (kill -9) a standby on another takes over.
case_example_leader() {
	app_was=$cl_app
	cl_app="$EXAMPLES_DIR/leader"
	node_start l1
	node_start l2
	node_start l3
	wait_for 20 node_sees l1 l3
	fcall l3 leader:ask
	first=$(sed -n 's/.*"node":"\(l[123]\)".*/\1/p' "$out")
	[ -n "$first" ]
	check "examples/leader: leader@* answers from one node ($first)" $?
	n=$(cat "$tmp/l1.err" "$tmp/l2.err" "$tmp/l3.err" | grep -c 'leading on')
	[ "$n" -eq 1 ]
	check "examples/leader: exactly one of three leads ($n)" $?
	node_kill "$first"
	for other in l1 l2 l3; do [ "$other" != "$first" ] && break; done
	fcall "$other" leader:ask
	second=$(sed -n 's/.*"node":"\(l[123]\)".*/\1/p' "$out")
	[ -n "$second" ] && [ "$second" != "$first" ]
	check "examples/leader: $first killed, $second took over" $? \
	    "$tmp/l1.err" "$tmp/l2.err" "$tmp/l3.err"
	cl_app=$app_was
}

# Without --nats, name@* is a name of this broker (a cluster of one).
case_names_solo() {
	"$FORKBOX" run --app "$cl_app" --host edge:processes edge:claim \
	    'solo@*' >"$out" 2>"$err"
	has '"ok":true'
	check "no cluster: name@* is a local name" $?
}

# secure_server NAME ARG...: a nats-server of its own (no JetStream) with
# ARGs, on a free port in $sport; waits until it is ready.
secure_server() {
	sport=$(cl_free_port)
	_l="$tmp/$1.log"
	shift
	nats-server -a 127.0.0.1 -p "$sport" "$@" >"$_l" 2>&1 </dev/null &
	cl_pids="$cl_pids $!"
	wait_for 20 grep -qs 'Server is ready' "$_l"
}
# hello_on URL: examples/hello run as node s through URL (exit status
# theirs, output in $out and $err).
hello_on() {
	timeout 30 "$FORKBOX" run --app "$EXAMPLES_DIR/hello" --nats "$1" \
	    --node s hello:main >"$out" 2>"$err" </dev/null
}

# The server's authentication (docs/cluster.md): a node with the wrong
# password is refused, saying why and without printing the password; TLS
# with a certificate the node does not trust is refused, and is joined
# with the CA given by OpenSSL's SSL_CERT_FILE.
case_secure() {
	secure_server auth --user fb --pass s3cret
	hello_on "nats://fb:wrong@127.0.0.1:$sport"
	rc=$?
	[ "$rc" -ne 0 ] && has 'Authorization Violation' "$err" &&
	    ! grep -q 'wrong' "$err"
	check "auth: a wrong password is refused (exit $rc), password not shown" \
	    $? "$err"
	hello_on "nats://fb:s3cret@127.0.0.1:$sport"
	rc=$?
	[ "$rc" -eq 0 ] && has '"hello, world, from {hello:processes|hello:greeter|[0-9a-f]*@s}"'
	check "auth: the right password joins (exit $rc)" $? "$out" "$err"
	if ! command -v openssl >/dev/null 2>&1; then
		echo "skip: openssl not installed (apt-get install openssl): TLS not checked"
		return
	fi
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
	    -addext subjectAltName=IP:127.0.0.1 -keyout "$tmp/key.pem" \
	    -out "$tmp/cert.pem" >"$tmp/openssl.log" 2>&1
	check "TLS: a self-signed certificate made" $? "$tmp/openssl.log"
	secure_server tls --tls --tlscert "$tmp/cert.pem" --tlskey "$tmp/key.pem"
	hello_on "tls://127.0.0.1:$sport"
	rc=$?
	[ "$rc" -ne 0 ] && has 'SSL handshake error' "$err"
	check "TLS: an untrusted certificate is refused (exit $rc)" $? "$err"
	SSL_CERT_FILE="$tmp/cert.pem" hello_on "tls://127.0.0.1:$sport"
	rc=$?
	[ "$rc" -eq 0 ] && has '"hello, world, from {hello:processes|hello:greeter|[0-9a-f]*@s}"'
	check "TLS: joined with the CA in SSL_CERT_FILE (exit $rc)" $? "$out" "$err"
}

nats_start
node_start a --host edge:processes
# Its "serves" line says the server has its subscriptions: one call
# right after it must be answered, with no retry.
wait_for 20 grep -q 'node a serves outside programs on forkbox.api.call.>' \
    "$tmp/a.err" && served
check "node a serves calls over NATS once it says so" $? "$err" "$tmp/a.err"
case_call
case_call_garbage
case_request_reply
case_nats_refused
calls_a=$("$FORKBOX" stats --json --socket "$tmp/a.sock" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["exited"]["normal"])')
case_queue_group
case_names_race
case_names
case_names_purged
case_names_hostile
case_names_lost
case_names_partition
case_names_released_away
case_names_again
case_names_nats_down
case_names_nojs
case_names_solo
case_example_leader
case_secure

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
