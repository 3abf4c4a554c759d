#!/bin/sh
# Script-mode snapshots (tig's test harness): run each tests/ui/scripts/X.keys
# with --script/--dump at 80x24 and compare the dumped screen with
# tests/ui/expected/X.txt. The database is a fresh one with the bundled plans,
# named 'snap.db' relative to the temp dir so the status line is stable.
# To regenerate after an intended change of the screen:
#   make && DUBAN_BIN=$PWD/build/duban UPDATE_EXPECTED=1 sh tests/ui/snapshot.sh
# and review the diff of tests/ui/expected/ before committing it.
. "$(dirname "$0")/../lib.sh"
here="$SRC/tests/ui"
cd "$TMP" || exit 1
"$DUBAN" --db snap.db plans >/dev/null 2>&1
for keys in "$here"/scripts/*.keys; do
	name=$(basename "$keys" .keys)
	want="$here/expected/$name.txt"
	got="$TMP/$name.txt"
	COLUMNS=80 LINES=24 ${DUBAN_WRAP:-} "$DUBAN" --color=never --db snap.db --script "$keys" --dump "$got" 2>"$TMP/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "snapshot-$name" "exit $rc" "$(cat "$TMP/err")"
		continue
	fi
	# the status line names the login: make it USER and squeeze its padding
	awk -v u="$(id -un)" 'NR==rows-1 { sub("^ " u " \\(", " USER ("); gsub(/  +/, " ") } { print }' \
		rows="$(wc -l <"$got")" "$got" >"$got.n" && mv "$got.n" "$got"
	if [ "${UPDATE_EXPECTED:-}" = 1 ]; then
		cp "$got" "$want"
		ok "snapshot-$name (updated)"
	elif [ ! -f "$want" ]; then
		fail "snapshot-$name" "no expected screen $want (UPDATE_EXPECTED=1 writes it)"
	elif diff -u "$want" "$got" >"$TMP/diff"; then
		ok "snapshot-$name"
	else
		fail "snapshot-$name" "screen differs from $want:" "$(head -30 "$TMP/diff")"
	fi
	# no dumped line is wider than the screen
	w=$(wc -L <"$got")
	cols=80
	[ "$name" = search-traditional ] && cols=60
	if [ "$w" -le $cols ]; then ok "snapshot-$name-width"; else fail "snapshot-$name-width" "a line is $w columns wide, screen $cols"; fi
done
