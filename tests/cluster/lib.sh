# The cluster test harness (sourced after tests/lib.sh): a nats-server of
# our own on a free port with a temporary JetStream store, brokers as
# separate processes joined to it (each with its own control socket), and
# polling with deadlines. Everything started here is killed on exit, also
# on failure. A case is one shell function; tests/cluster-tests.sh runs
# them in order (add yours there).
#
#   nats_start / nats_stop / nats_restart   the server, same port and store
#   node_start NAME [ARG...]   forkbox run as node NAME, waits until joined
#   node_spawn NAME [ARG...]   the same without waiting (pid in $pid)
#   node_kill NAME [SIGNAL]    default KILL; node_halt NAME: TERM, waits
#   node_sees NAME OTHER       NAME's `forkbox nodes` lists OTHER
#   node_converged A B         each sees the other at its own incarnation
#   node_json NAME EXPR        python EXPR true of NAME's nodes --json (d)
#   node_field NAME EXPR       print python EXPR of it
#   nats_pub SUBJECT KIND      publish a forged frame (tests/cluster/forge.py)
#
# Brokers log to $tmp/NAME.err (-v: joins and losses); their pids are
# $node_NAME. CLUSTER_TIMEOUT is their --node-timeout (default 1s).

: "${CLUSTER_TIMEOUT:=1s}"
cl_dir=$(dirname "$0")/cluster
cl_app="$TEST_SRCDIR/fixtures/cluster"
tmp=$(mktemp -d)
cl_pids=""
nats_pid=""
nats_port=""

cl_cleanup() {
	kill_ours $cl_pids $nats_pid
	rm -rf "$tmp"
}
trap cl_cleanup EXIT
trap 'exit 1' INT TERM
private_sockets "$tmp"

# cl_need: skip the suite (77) when what it needs is not installed.
cl_need() {
	if ! command -v nats-server >/dev/null 2>&1; then
		echo "nats-server not installed (apt-get install nats-server):" \
		    "the cluster tests need a real one; skipped"
		exit 77
	fi
	if ! command -v python3 >/dev/null 2>&1; then
		echo "python3 not installed: the cluster tests need it; skipped"
		exit 77
	fi
	if "$FORKBOX" run --app "$cl_app" --nats nats://127.0.0.1:1 --node x \
	    cluster:nodes 2>&1 </dev/null |
	    grep -q 'built without NATS'; then
		echo "forkbox built without NATS (configure --without-nats):" \
		    "skipped"
		exit 77
	fi
}

# cl_free_port: a port free now, below the kernel's ephemeral range. One
# the kernel gave (bind to port 0) is in that range, where it hands the
# same ports to every other bind to port 0 on the machine (a suite
# alongside: --http 127.0.0.1:0, its own nats-server) and, once the even
# ones run out, to connect(): while nats_restart had the server down,
# or proxy_start the proxy, another program could be given the port and
# ours could not listen on it again.
cl_free_port() {
	python3 -c 'import random, socket
lo = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(200):
    port = random.randrange(10000, max(lo, 10001))
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break'
}

nats_ready() { grep -q 'Server is ready' "$tmp/nats.log"; }

# cl_proxy_start PORT NAME [HOLD_MS]: tests/cluster/proxy.py from PORT to
# our nats-server (slow to read with HOLD_MS), its output in
# $tmp/NAME.out, its pid in $cl_proxy; 0 once it listens. The output is
# emptied here: the background job's own redirection may come after the
# first look, which would see an earlier proxy's "ready".
cl_proxy_start() {
	: >"$tmp/$2.out"
	python3 "$cl_dir/proxy.py" "$1" "$nats_port" ${3:+"$3"} \
	    >"$tmp/$2.out" 2>&1 </dev/null &
	cl_proxy=$!
	cl_pids="$cl_pids $cl_proxy"
	wait_for 20 grep -qs '^ready$' "$tmp/$2.out"
}

nats_settled() { nats_ready || stopped "$nats_pid"; }

# nats_up: the server on $nats_port; 0 once it is ready.
nats_up() {
	: >"$tmp/nats.log"
	nats-server -js -sd "$tmp/js" -a 127.0.0.1 -p "$nats_port" \
	    >"$tmp/nats.log" 2>&1 </dev/null &
	nats_pid=$!
	nats_url="nats://127.0.0.1:$nats_port"
	wait_for 20 nats_settled && nats_ready
}

# nats_start: the server, on the port it had (nats_restart: the brokers
# reconnect there), or the first time on a free one, and another if that
# was taken in between (a suite alongside picked it too).
nats_start() {
	_fresh=0
	[ -n "$nats_port" ] || { nats_port=$(cl_free_port); _fresh=1; }
	_try=1
	until nats_up; do
		if [ $_fresh -eq 1 ] && [ $_try -lt 3 ] &&
		    grep -q 'address already in use' "$tmp/nats.log"; then
			wait "$nats_pid" 2>/dev/null
			nats_port=$(cl_free_port)
			_try=$((_try + 1))
			continue
		fi
		echo "nats-server did not start on port $nats_port:"
		cat "$tmp/nats.log"
		exit 1
	done
}

nats_stop() {
	kill -TERM "$nats_pid" 2>/dev/null
	wait_for 20 stopped "$nats_pid" || kill -9 "$nats_pid" 2>/dev/null
	wait "$nats_pid" 2>/dev/null
	nats_pid=""
}

nats_restart() { nats_stop; nats_start; }

# node_spawn NAME [ARG...]: a broker as node NAME, not waited for.
node_spawn() {
	_n=$1
	shift
	"$FORKBOX" -v run --app "$cl_app" --socket "$tmp/$_n.sock" \
	    --nats "$nats_url" --node "$_n" --node-timeout "$CLUSTER_TIMEOUT" \
	    "$@" >"$tmp/$_n.out" 2>"$tmp/$_n.err" </dev/null &
	pid=$!
	cl_pids="$cl_pids $pid"
	eval "node_$_n=$pid"
}

node_joined() { grep -q "node $1 joined cluster" "$tmp/$1.err"; }

# node_start NAME [ARG...]: the broker, and wait until it joined.
node_start() {
	node_spawn "$@"
	wait_for 20 node_joined "$1"
	check "node $1 joins the cluster" $? "$tmp/$1.err"
}

node_pid() { eval "echo \$node_$1"; }

node_kill() {
	_p=$(node_pid "$1")
	kill -"${2:-KILL}" "$_p" 2>/dev/null
	wait_for 20 stopped "$_p"
	wait "$_p" 2>/dev/null
}

node_halt() { node_kill "$1" TERM; }

node_nodes() {
	"$FORKBOX" nodes --json --socket "$tmp/$1.sock" 2>/dev/null
}

# node_json NAME EXPR: EXPR (python, over d = the nodes answer) holds.
node_json() {
	node_nodes "$1" | python3 -c "import json, sys
d = json.load(sys.stdin)
sys.exit(0 if ($2) else 1)" 2>/dev/null
}

node_field() {
	node_nodes "$1" | python3 -c "import json, sys
d = json.load(sys.stdin)
print($2)" 2>/dev/null
}

node_sees() {
	node_json "$1" "'$2' in [n['name'] for n in d['nodes']]"
}
# Not `! node_sees`: that would pass on a broker that does not answer.
node_misses() {
	node_json "$1" "'$2' not in [n['name'] for n in d['nodes']]"
}

# The incarnation NAME's broker has for node OTHER (its own too).
node_inc() {
	node_field "$1" "[n['incarnation'] for n in d['nodes'] if n['name'] == '$2'][0]"
}

# A and B each see the other at the incarnation it says it has.
node_converged() {
	_ab=$(node_inc "$1" "$2") && _bb=$(node_inc "$2" "$2") &&
	    _ba=$(node_inc "$2" "$1") && _aa=$(node_inc "$1" "$1") &&
	    [ -n "$_ab" ] && [ "$_ab" = "$_bb" ] && [ -n "$_ba" ] &&
	    [ "$_ba" = "$_aa" ]
}

nats_pub() { python3 "$cl_dir/forge.py" "$nats_port" "$@"; }

now_ms() { date +%s%3N; }
