# Shell helpers for CLI and UI tests. Source it; each check prints "ok NAME" or
# "FAIL NAME" with the evidence, as tests/run expects. A check that something
# is absent proves nothing on empty output or a crashed program: the helpers
# for absence fail on those, and each sits beside a positive check on the
# same output.
set -u
DUBAN=${DUBAN_BIN:?set DUBAN_BIN to the duban binary}
SRC=${DUBAN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/duban-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export DUBAN_DB="$TMP/test.db"
export XDG_DATA_HOME="$TMP/xdg"
# the host's /etc/duban.conf stays out of the tests (tests/cli/liaison.sh sets its own)
export DUBAN_CONF="$TMP/no-duban.conf"
export LC_ALL=C.UTF-8
unset NO_COLOR
# the reader of CSV, JSON, XML, ZIP and widths (tests/tool.c), built by make
TOOL=${DUBAN_TEST_BIN:-$(dirname "$DUBAN")/tests}/tool

# duban ARGS... : run the binary (under DUBAN_WRAP when set), stdout in $OUT,
# stderr in $ERR, exit status in $RC.
duban() {
	${DUBAN_WRAP:-} "$DUBAN" "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
	return 0
}

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do printf '  %s\n' "$l"; done; }

# expect_rc NAME WANT : the last duban call exited WANT
expect_rc() {
	if [ "$RC" = "$2" ]; then ok "$1"; else fail "$1" "exit $RC, want $2" "stderr: $ERR" "stdout: $(printf '%s' "$OUT" | head -5)"; fi
}
# expect_out NAME STRING : stdout of the last call contains STRING
expect_out() {
	case "$OUT" in *"$2"*) ok "$1";; *) fail "$1" "stdout lacks: $2" "stdout: $(printf '%s' "$OUT" | head -8)" "stderr: $ERR";; esac
}
# expect_no_out NAME STRING : stdout of the last call is not empty, the call
# was not killed by a signal, and stdout lacks STRING
expect_no_out() {
	if [ -z "$OUT" ] || [ "$RC" -ge 128 ]; then
		fail "$1" "nothing to look for '$2' in: exit $RC, stdout empty or cut short" "stderr: $ERR"
	else
		case "$OUT" in *"$2"*) fail "$1" "stdout has: $2" "stdout: $(printf '%s' "$OUT" | grep -F -- "$2" | head -3)";; *) ok "$1";; esac
	fi
}
# expect_err NAME STRING : stderr of the last call contains STRING
expect_err() {
	case "$ERR" in *"$2"*) ok "$1";; *) fail "$1" "stderr lacks: $2" "stderr: $ERR";; esac
}
# expect_no_err NAME STRING : as expect_no_out, on stderr (which must say something)
expect_no_err() {
	if [ -z "$ERR" ] || [ "$RC" -ge 128 ]; then
		fail "$1" "nothing to look for '$2' in: exit $RC, stderr empty or cut short"
	else
		case "$ERR" in *"$2"*) fail "$1" "stderr has: $2" "stderr: $ERR";; *) ok "$1";; esac
	fi
}
# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got: $2" "want: $3"; fi
}
# db_dump: a dump of the test database, to compare before and after a refused action
db_dump() { sqlite3 "$DUBAN_DB" .dump 2>/dev/null; }
