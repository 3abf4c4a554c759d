# Runs the bad-input catalogue tests/bad/cases.tsv: each case must exit with
# its status, say what its line expects, and leave the database dump as it was.
. "$(dirname "$0")/../lib.sh"
BAD="$SRC/tests/bad/files"

duban plans
duban --as zhang user add zhang --role office
duban --as zhang user add li --role liaison --dept 中央宣传部
duban --as zhang user add wang --role viewer
duban --as zhang config evidence.max_bytes 100000
duban --as zhang period open 2024Q4 --due "$(date -d '+60 days' +%F)"
duban --as zhang record 2024-2 --dept 中央宣传部 --status done --note 已完成
expect_rc "setup of the catalogue database" 0
head -c 52428800 /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
head -c 200000 /dev/urandom >"$TMP/over-limit.bin"
mkfifo "$TMP/fifo"
ln -s "$TMP/big.txt" "$TMP/link"
{ printf ab; awk 'BEGIN { for (i = 0; i < 349525; i++) printf "中" }'; } >"$TMP/note-over.txt"

n=0
while IFS='	' read -r name want msg args; do
	case "$name" in ''|'#'*) continue;; esac
	n=$((n + 1))
	before=$(db_dump)
	# cases that do not name who acts run as the office user
	case "$args" in --as*) ;; *) args="--as zhang $args";; esac
	eval "set -- $args"
	duban "$@"
	after=$(db_dump)
	problems=""
	[ "$RC" = "$want" ] || problems="exit $RC, want $want"
	case "$ERR" in *"$msg"*) ;; *) problems="$problems; stderr lacks '$msg'";; esac
	[ "$before" = "$after" ] || problems="$problems; the database changed"
	if [ -z "$problems" ]; then
		ok "bad input $name"
	else
		fail "bad input $name" "$problems" "stderr: $ERR"
	fi
done <"$SRC/tests/bad/cases.tsv"
[ "$n" -ge 40 ] && ok "the catalogue has $n cases (at least 40)" || fail "the catalogue has at least 40 cases" "only $n"
