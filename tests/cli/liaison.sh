#!/bin/sh
# The liaison's quarter outside the screens (issue 12): the keystroke
# benchmark's goals, the system-wide setting that finds the shared database,
# the message a login with no access gets, local time per TZ in the tables
# and the interface, and a GB18030 locale kept: the interface and the tables
# in GB18030, tsv/csv/json in UTF-8.
. "$(dirname "$0")/../lib.sh"

# ---- the benchmark: the 37 tasks of the 2025 plan in at most 150 keys ----
out=$(BENCH_DUBAN="$DUBAN" sh "$SRC/tests/bench/quarter" 2>&1)
rc=$?
expect_eq "quarter: the benchmark meets its goals (exit 0)" "$rc" 0
case "$out" in *"37 recorded, 6 with a 文号"*) ok "quarter: 37 tasks recorded, 6 with a 文号";;
	*) fail "quarter: 37 tasks recorded, 6 with a 文号" "$out";; esac
case "$out" in *"the quarter: "*" keys plus "*"(goal: at most 150 keys)"*) ok "quarter: the keys are counted";;
	*) fail "quarter: the keys are counted" "$out";; esac

# ---- the system-wide setting: read before the per-user default ----
unset DUBAN_DB
mkdir -p "$TMP/srv" "$TMP/home"
printf '# the office shares one database\n  db =  %s/srv/shared.db  \nother = x\n' "$TMP" >"$TMP/duban.conf"
HOME="$TMP/home" XDG_DATA_HOME= DUBAN_CONF="$TMP/duban.conf" duban plans
expect_rc "system setting: plans from the shared database" 0
expect_out "system setting: the bundled plans are there" "2024年知识产权强国建设推进计划"
[ -f "$TMP/srv/shared.db" ] && ok "system setting: the database is the one it names" ||
	fail "system setting: the database is the one it names" "$(ls -R "$TMP/srv" "$TMP/home")"
[ ! -e "$TMP/home/.local/share/duban/duban.db" ] && ok "system setting: no private database made" ||
	fail "system setting: no private database made" "$(ls -R "$TMP/home")"
HOME="$TMP/home" XDG_DATA_HOME= DUBAN_CONF="$TMP/duban.conf" DUBAN_DB="$TMP/own.db" duban plans
[ -f "$TMP/own.db" ] && ok "system setting: DUBAN_DB comes first" || fail "system setting: DUBAN_DB comes first" "$ERR"
printf '# nothing set\n' >"$TMP/empty.conf"
HOME="$TMP/home" XDG_DATA_HOME= DUBAN_CONF="$TMP/empty.conf" duban plans
[ -f "$TMP/home/.local/share/duban/duban.db" ] && ok "system setting: none set, the per-user default" ||
	fail "system setting: none set, the per-user default" "$ERR"
export DUBAN_DB="$TMP/test.db"

# ---- a login the permissions keep out is told which group to join ----
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	grp=$(getent group daemon >/dev/null && echo daemon || echo bin)
	mkdir -p "$TMP/shared/srv"
	chmod 755 "$TMP" "$TMP/shared"
	DUBAN_DB="$TMP/shared/srv/duban.db" duban plans
	chgrp "$grp" "$TMP/shared/srv" "$TMP/shared/srv/duban.db"
	chmod 2770 "$TMP/shared/srv"
	chmod 660 "$TMP/shared/srv/duban.db"
	printf 'db = %s/shared/srv/duban.db\n' "$TMP" >"$TMP/shared/duban.conf"
	chmod 644 "$TMP/shared/duban.conf"
	before=$(sqlite3 "$TMP/shared/srv/duban.db" .dump | md5sum)
	setpriv --reuid=65534 --regid=65534 --clear-groups env -u DUBAN_DB HOME=/nonexistent \
		DUBAN_CONF="$TMP/shared/duban.conf" "$DUBAN" plans >"$TMP/o" 2>"$TMP/e"
	RC=$?
	OUT=$(cat "$TMP/o")
	ERR=$(cat "$TMP/e")
	[ "$RC" -ne 0 ] && ok "no access: refused (exit $RC)" || fail "no access: refused" "exit $RC"
	expect_err "no access: names the group to join" "ask the administrator to add you to the group '$grp' (usermod -aG $grp nobody)"
	expect_no_err "no access: not 'cannot create'" "cannot create"
	expect_eq "no access: the database is as it was" "$(sqlite3 "$TMP/shared/srv/duban.db" .dump | md5sum)" "$before"
	# the same login in the group gets in
	setpriv --reuid=65534 --regid=65534 --groups="$(getent group "$grp" | cut -d: -f3)" env -u DUBAN_DB \
		HOME=/nonexistent DUBAN_CONF="$TMP/shared/duban.conf" "$DUBAN" plans >"$TMP/o" 2>"$TMP/e"
	RC=$?
	OUT=$(cat "$TMP/o")
	ERR=$(cat "$TMP/e")
	expect_rc "no access: in the group, the plans" 0
	expect_out "no access: in the group, the shared database" "2024年知识产权强国建设推进计划"
	chmod 700 "$TMP"
else
	ok "no access: skipped (needs root and setpriv to act as another login)"
fi

# ---- local time per TZ: the table and the interface, stored times UTC ----
duban record 2024-2 --dept 中央宣传部 --status in-progress --note "已印发方案"
duban history 2024-2 --format tsv
utc=$(printf '%s\n' "$OUT" | sed -n '2p' | cut -f1)
case "$utc" in *T*Z) ok "TZ: stored and given to scripts in UTC ($utc)";; *) fail "TZ: stored in UTC" "$OUT";; esac
want=$(TZ=Asia/Shanghai date -d "$(printf '%s' "$utc" | sed 's/T/ /; s/\..*//; s/Z$//') UTC" '+%F %T')
TZ=Asia/Shanghai duban history 2024-2
expect_out "TZ: the table shows Asia/Shanghai's time" "$want"
expect_no_out "TZ: not the UTC form" "$utc"
printf ':2024-2<Enter>' >"$TMP/tz.keys"
TZ=Asia/Shanghai COLUMNS=100 LINES=30 "$DUBAN" --color=never --script "$TMP/tz.keys" --dump "$TMP/tz.screen" 2>"$TMP/e"
case "$(cat "$TMP/tz.screen")" in *"$(printf '%s' "$want" | cut -c1-16)"*) ok "TZ: the interface shows local time";;
	*) fail "TZ: the interface shows local time" "want ${want%:*}" "$(cat "$TMP/tz.screen" "$TMP/e")";; esac
TZ=Asia/Shanghai duban history 2024-2 --format json
expect_out "TZ: json keeps UTC" "$utc"

# ---- a GB18030 locale is kept ----
if localedef -i zh_CN -f GB18030 "$TMP/locale/zh_CN.GB18030" >/dev/null 2>&1 ||
	{ mkdir -p "$TMP/locale" && localedef -i zh_CN -f GB18030 "$TMP/locale/zh_CN.GB18030" >/dev/null 2>&1; }; then
	gb() { LOCPATH="$TMP/locale" LC_ALL=zh_CN.GB18030 "$@"; }
	gb "$DUBAN" plans >"$TMP/gb.table" 2>"$TMP/e"
	if iconv -f UTF-8 -t UTF-8 "$TMP/gb.table" >/dev/null 2>&1; then
		fail "GB18030: the table is in GB18030" "it reads as UTF-8: $(head -3 "$TMP/gb.table")"
	else
		ok "GB18030: the table is in GB18030 (not UTF-8)"
	fi
	case "$(iconv -f GB18030 -t UTF-8 "$TMP/gb.table")" in *"2024年知识产权强国建设推进计划"*) ok "GB18030: the table reads in GB18030";;
		*) fail "GB18030: the table reads in GB18030" "$(cat "$TMP/e")";; esac
	gb "$DUBAN" plans --format tsv >"$TMP/gb.tsv"
	iconv -f UTF-8 -t UTF-8 "$TMP/gb.tsv" >/dev/null 2>&1 && grep -q "2024年知识产权强国建设推进计划" "$TMP/gb.tsv" &&
		ok "GB18030: tsv stays UTF-8" || fail "GB18030: tsv stays UTF-8" "$(head -3 "$TMP/gb.tsv")"
	gb "$DUBAN" plans --format json >"$TMP/gb.json"
	iconv -f UTF-8 -t UTF-8 "$TMP/gb.json" >/dev/null 2>&1 && grep -q "推进计划" "$TMP/gb.json" &&
		ok "GB18030: json stays UTF-8" || fail "GB18030: json stays UTF-8" "$(head -c 300 "$TMP/gb.json")"
	# the interface keeps the locale (no notice of a switch) and draws Chinese
	printf 'q' >"$TMP/q.keys"
	gb env COLUMNS=80 LINES=24 "$DUBAN" --color=never --script "$TMP/q.keys" --dump "$TMP/gb.screen" 2>"$TMP/e"
	grep -q "+ 2024 推进计划" "$TMP/gb.screen" && ok "GB18030: the interface draws Chinese" ||
		fail "GB18030: the interface draws Chinese" "$(cat "$TMP/gb.screen" "$TMP/e")"
	grep -q "cannot show Chinese" "$TMP/gb.screen" && fail "GB18030: the locale is kept" "$(cat "$TMP/gb.screen")" ||
		ok "GB18030: the locale is kept (no switch said)"
	# in a terminal: the bytes it sends are GB18030's
	if command -v script >/dev/null 2>&1; then
		(sleep 1; printf q) | LOCPATH="$TMP/locale" LC_ALL=zh_CN.GB18030 TERM=xterm \
			script -qfec "stty cols 80 rows 24; '$DUBAN'" /dev/null >"$TMP/gb.raw" 2>&1
		if iconv -f GB18030 -t UTF-8 -c "$TMP/gb.raw" | grep -q "推进计划" && ! grep -q "推进计划" "$TMP/gb.raw"; then
			ok "GB18030: the terminal gets GB18030 bytes"
		else
			fail "GB18030: the terminal gets GB18030 bytes" "$(od -c "$TMP/gb.raw" | head -5)"
		fi
		# and what a GBK keyboard types (中文 is D6D0 CEC4) is stored as UTF-8
		"$DUBAN" --db "$TMP/gbin.db" plans >/dev/null 2>&1
		(sleep 1; printf ':2024-2\r'; sleep 0.5; printf 'a'; sleep 0.5; printf '\r'; sleep 0.5
		 printf '\326\320\316\304'; sleep 0.5; printf '\004'; sleep 0.8; printf 'q') |
			LOCPATH="$TMP/locale" LC_ALL=zh_CN.GB18030 TERM=xterm \
			script -qfec "stty cols 80 rows 24; '$DUBAN' --db '$TMP/gbin.db'" /dev/null >"$TMP/gbin.raw" 2>&1
		duban --db "$TMP/gbin.db" history 2024-2 --format tsv
		expect_out "GB18030: a note typed in GBK is stored as UTF-8" "中文"
	else
		ok "GB18030: the terminal bytes skipped (no script(1))"
	fi
else
	fail "GB18030: a zh_CN.GB18030 locale can be made" "localedef -i zh_CN -f GB18030 failed (apt-get install locales)"
fi

# ---- a POSIX locale: the command line switches quietly, output is UTF-8 ----
env -u LC_ALL -u LANG -u LC_CTYPE "$DUBAN" plans >"$TMP/posix.out" 2>"$TMP/posix.err"
grep -q "2024年知识产权强国建设推进计划" "$TMP/posix.out" && ok "POSIX locale: the table in UTF-8" ||
	fail "POSIX locale: the table in UTF-8" "$(cat "$TMP/posix.out" "$TMP/posix.err")"
[ ! -s "$TMP/posix.err" ] && ok "POSIX locale: nothing said to a script (stderr not a terminal)" ||
	fail "POSIX locale: nothing said to a script" "$(cat "$TMP/posix.err")"

# ---- a new private database says so on the first screen, once ----
printf 'q' >"$TMP/q.keys"
COLUMNS=80 LINES=24 "$DUBAN" --db "$TMP/private.db" --color=never --script "$TMP/q.keys" --dump "$TMP/new.screen" 2>/dev/null
grep -q "a new database of your own was made" "$TMP/new.screen" && ok "new database: the first screen says it is your own" ||
	fail "new database: the first screen says it is your own" "$(cat "$TMP/new.screen")"
COLUMNS=80 LINES=24 "$DUBAN" --db "$TMP/private.db" --color=never --script "$TMP/q.keys" --dump "$TMP/again.screen" 2>/dev/null
if grep -q "nothing waits for the office" "$TMP/again.screen"; then
	grep -q "a new database" "$TMP/again.screen" && fail "new database: said only when made" "$(cat "$TMP/again.screen")" ||
		ok "new database: said only when made"
else
	fail "new database: said only when made" "no first screen: $(cat "$TMP/again.screen")"
fi
