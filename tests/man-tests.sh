#!/bin/sh
# The manual pages: groff finds nothing to warn about, and they keep up
# with the program and docs/api.md (every command and option of --help in
# forkbox(1), every process.* call of docs/api.md in forkbox-lua(7)).
set -u
: "${FORKBOX:?set by make check}"
: "${TEST_SRCDIR:?set by make check}"
doc="$TEST_SRCDIR/../doc"
api="$TEST_SRCDIR/../docs/api.md"
passed=0
failed=0

check() {	# check NAME STATUS [DETAIL]
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok    $1"
	else
		failed=$((failed + 1))
		echo "FAIL  $1${3:+: $3}"
	fi
}

if ! command -v groff >/dev/null; then
	echo "groff not found (apt-get install groff-base): skipped"
	exit 77
fi
for page in forkbox.1 forkbox-lua.7; do
	out=$(groff -ww -man -z "$doc/$page" 2>&1)
	[ -z "$out" ]
	check "groff -ww -man -z doc/$page prints nothing" $? "$out"
done

# Options as the page writes them: \-\-stop\-timeout.
inpage() { sed 's/\\-/-/g' "$doc/$1" | grep -q -- "$2"; }
for cmd in run test call send ps stats nodes; do
	inpage forkbox.1 "^\.B $cmd\$"
	check "forkbox(1) describes '$cmd'" $?
	for opt in $("$FORKBOX" "$cmd" --help | grep -o -- '--[a-z-]*' | sort -u); do
		inpage forkbox.1 "$opt"
		check "forkbox(1) has forkbox $cmd $opt" $?
	done
done
for opt in $("$FORKBOX" --help | grep -o -- '--[a-z-]*' | sort -u); do
	inpage forkbox.1 "$opt"
	check "forkbox(1) has $opt" $?
done

for call in $(grep -o 'process\.[a-z_.]*(' "$api" | sort -u); do
	grep -q -- "$call" "$doc/forkbox-lua.7" ||
	    grep -q -- "$(echo "$call" | sed 's/($//')" "$doc/forkbox-lua.7"
	check "forkbox-lua(7) has $call" $?
done
for call in channel.new channel.select time.now time.sleep time.after \
    json.encode json.decode coroutine.spawn; do
	grep -q "$call" "$api" && grep -q "$call" "$doc/forkbox-lua.7"
	check "docs/api.md and forkbox-lua(7) both have $call" $?
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
