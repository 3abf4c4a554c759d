#!/bin/sh
# The terminal UI without a terminal, in tig's test style: each keystroke
# script tests/ui/screens/X.keys runs with --script/--dump, and each
# <save-screen NAME> step in it is a case: the screen duban saved there must
# be the '|' lines that follow the step in the script (ui/input.c has the
# syntax). A script starts at 80x24 (COLUMNS, LINES); <Resize WxH> changes
# the size, and every saved screen must fit the size of its moment. Each
# script runs on its own copy of a database with the bundled plans, named
# snap.db so the status line is the same everywhere; a script whose first
# line is '# database: schema-v2.sql' runs on that fixture instead (its
# records, notes, dates and logins are fixed). A script whose first line
# is '# database: liaison' runs on the bundled plans with users (the tester
# as office, li as the liaison of 中央宣传部), 2025Q4 open until 2099-01-10
# and a few records and evidence of li's ('liaison-overdue': the same with
# 2025Q4 due on 2026-01-10, past); a second line '# as: li' runs it as li.
# Times these fixtures make read ####-##-## ##:## and their random ids as
# many '#', so the screens do not depend on the day. The login in the
# status line reads USER.
# To take the screens duban draws now as the expected ones:
#   make && DUBAN_BIN=$PWD/build/duban UPDATE_EXPECTED=1 sh tests/ui/screens.sh
# and review the diff of tests/ui/screens/ before committing it.
. "$(dirname "$0")/../lib.sh"
here="$SRC/tests/ui/screens"
cd "$TMP" || exit 1
mkdir bundled v2
(cd bundled && "$DUBAN" --db snap.db plans >/dev/null 2>&1)
(cd v2 && sqlite3 snap.db <"$SRC/tests/fixtures/schema-v2.sql" && "$DUBAN" --db snap.db plans >/dev/null 2>&1)
[ -s bundled/snap.db ] && [ -s v2/snap.db ] && ok "screens: the two databases are ready" ||
	fail "screens: the two databases are ready" "$(ls -l bundled v2)"
login=$(id -un)
# the liaison's quarter: users, an open period, records, a close-off
# pending and one returned, evidence (纪要.txt stays in the folder for Tab)
cp -r bundled liaison
(cd liaison && {
	"$DUBAN" --db snap.db user add "$login" --role office &&
	"$DUBAN" --db snap.db user add li --role liaison --dept 中央宣传部 &&
	"$DUBAN" --db snap.db period open 2025Q4 --due 2099-01-10 &&
	"$DUBAN" --as li --db snap.db record 2025-12 --status in-progress --note "已会同财政部形成方案初稿" &&
	"$DUBAN" --as li --db snap.db record 2025-14 --status done --note "已印发实施" &&
	"$DUBAN" --db snap.db review 2025-14 return --reason "请补充印发文件" &&
	"$DUBAN" --as li --db snap.db record 2025-2 --status done --note "条例修订草案已报送" &&
	printf '会议纪要：方案初稿已形成。\n' >纪要.txt &&
	"$DUBAN" --as li --db snap.db attach 2025-12 纪要.txt --title 会议纪要
} >setup.log 2>&1) && ok "screens: the liaison's database is ready" ||
	fail "screens: the liaison's database is ready" "$(cat liaison/setup.log)"
cp -r liaison liaison-overdue
sqlite3 liaison-overdue/snap.db "UPDATE periods SET due = '2026-01-10'"
today=$(date +%F)

for keys in "$here"/*.keys; do
	file=$(basename "$keys" .keys)
	run="$TMP/run-$file"
	db=bundled
	case "$(head -n 1 "$keys")" in
	"# database: schema-v2.sql") db=v2;;
	"# database: liaison") db=liaison;;
	"# database: liaison-overdue") db=liaison-overdue;;
	esac
	as=""
	case "$(sed -n 2p "$keys")" in "# as: "*) as="--as $(sed -n 2p "$keys" | cut -c7-)";; esac
	cp -r "$TMP/$db" "$run"
	# the expected screens, and each case's size (the last <Resize> before it)
	grep -E '^(<save-screen |\|)' "$keys" >"$run/want"
	awk -v c=80 -v r=24 '
		/^[#|]/ { next }
		/^<save-screen / { n = $2; sub(/>.*/, "", n); print n, c, r; next }
		{ s = $0
		  while (match(s, /<Resize [0-9]+x[0-9]+>/)) {
			t = substr(s, RSTART + 8, RLENGTH - 9); split(t, wh, "x"); c = wh[1]; r = wh[2]
			s = substr(s, RSTART + RLENGTH)
		  } }' "$keys" >"$run/sizes"
	(cd "$run" && COLUMNS=80 LINES=24 TERM=xterm-256color ${DUBAN_WRAP:-} "$DUBAN" --color=never $as --db snap.db \
		--script "$keys" --dump got.raw 2>err)
	rc=$?
	if [ $rc -ne 0 ] || [ ! -f "$run/got.raw" ]; then
		fail "screens-$file" "exit $rc" "$(cat "$run/err")"
		continue
	fi
	# the status line names the login: make it USER and squeeze its padding
	awk -v u="$login" 'index($0, "| " u " (") == 1 { $0 = "| USER (" substr($0, length(u) + 5); gsub(/  +/, " ") } { print }' \
		"$run/got.raw" >"$run/got"
	case "$db" in liaison*)
		sed -E "s/$today [0-9]{2}:[0-9]{2}:[0-9]{2}/####-##-## ##:##:##/g; s/$today [0-9]{2}:[0-9]{2}/####-##-## ##:##/g;
			s/[0-9a-f]{32}/################################/g" "$run/got" >"$run/got.fixed" &&
			mv "$run/got.fixed" "$run/got";;
	esac
	if [ "$(grep -c '^<save-screen ' "$run/want")" -eq 0 ]; then
		fail "screens-$file" "no <save-screen NAME> step in $keys"
		continue
	fi
	dups=$(grep '^<save-screen ' "$run/want" | sort | uniq -d)
	[ -z "$dups" ] || { fail "screens-$file" "a name used twice: $dups"; continue; }
	if [ "${UPDATE_EXPECTED:-}" = 1 ]; then
		awk -v got="$run/got" '
			BEGIN { while ((getline l < got) > 0) { if (l ~ /^<save-screen /) n = l; else shot[n] = shot[n] l "\n" } }
			/^<save-screen / { print; printf "%s", shot[$0]; skip = 1; next }
			skip && /^\|/ { next }
			{ skip = 0; print }' "$keys" >"$run/new" && cp "$run/new" "$keys"
		ok "screens-$file (expected screens updated)"
		continue
	fi
	# one file per case: want/NAME and got/NAME
	mkdir "$run/w" "$run/g"
	awk -v d="$run/w" '/^<save-screen / { n = $2; sub(/>.*/, "", n); f = d "/" n; printf "" >f; next } { print >f }' "$run/want"
	awk -v d="$run/g" '/^<save-screen / { n = $2; sub(/>.*/, "", n); f = d "/" n; printf "" >f; next } { print >f }' "$run/got"
	while read -r name cols rows; do
		case="screen $file: $name"
		if [ ! -f "$run/g/$name" ]; then
			fail "$case" "duban saved no screen here" "$(cat "$run/err")"
		elif [ ! -s "$run/w/$name" ]; then
			fail "$case" "no expected screen after <save-screen $name> (UPDATE_EXPECTED=1 writes it)"
		elif ! diff -u "$run/w/$name" "$run/g/$name" >"$run/diff"; then
			fail "$case" "the screen differs from the one in $file.keys:" "$(tail -n +3 "$run/diff" | head -40)"
		elif [ "$(wc -l <"$run/g/$name")" -ne "$rows" ] || [ "$(sed 's/^|//' "$run/g/$name" | wc -L)" -gt "$cols" ]; then
			fail "$case" "the screen is not ${cols}x$rows: $(wc -l <"$run/g/$name") rows, $(sed 's/^|//' "$run/g/$name" | wc -L) columns"
		else
			ok "$case"
		fi
	done <"$run/sizes"
done

# The reader refuses a save-screen step that shares its line with keys (the
# expected screen after it could not be told apart), naming the line.
printf '# a comment\nj <save-screen here>\n' >"$TMP/bad.keys"
duban --db "$TMP/run-tree/snap.db" --script "$TMP/bad.keys" --dump "$TMP/bad.out"
expect_rc "screens: a save-screen step among keys is refused" 3
expect_err "screens: the refusal names the line" "bad.keys' line 2: write <save-screen NAME> alone on its line"
