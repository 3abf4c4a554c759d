# One meaning of status (issue 13): a scripted history of records in several
# periods, returns, approvals, a reopening, a backfill, a note alone, a lead
# change and a withdrawn request; then the terminal UI, show --format json,
# status (json and tsv), the checklist and the report must say the same of
# every task, and that must be what src/state.h's rule says.
. "$(dirname "$0")/../lib.sh"

duban plans
due=$(date -d '+30 days' +%F)
duban period open 2024Q3 --due "$due"
expect_rc "2024Q3 opened" 0
duban period open 2024Q4 --due "$due"
expect_rc "2024Q4 opened" 0
r() { duban "$@"; [ "$RC" = 0 ] || fail "history step: $*" "exit $RC" "$ERR"; }
# 2024-1: approved, then an in-progress record: stays done
r record 2024-1 --dept 国家知识产权局 --status done --period 2024Q3 --note "已完成"
r review 2024-1 approve
r record 2024-1 --dept 国家知识产权局 --status in-progress --period 2024Q4 --note "后续工作"
# 2024-2: returned
r record 2024-2 --dept 中央宣传部 --status done --period 2024Q3 --note "已完成"
r review 2024-2 return --reason "缺少印发文件"
# 2024-3: pending
r record 2024-3 --dept 市场监管总局 --status done --period 2024Q4 --note "已印发"
# 2024-9: a done withdrawn by a later in-progress
lead9=$("$DUBAN" show 2024-9 --format json | "$TOOL" json -r - '.departments[0].name')
r record 2024-9 --dept "$lead9" --status done --period 2024Q3 --note "以为完成"
r record 2024-9 --dept "$lead9" --status in-progress --period 2024Q4 --note "尚有收尾"
# 2024-5: behind in Q4; an in-progress backfilled for Q3 after it closed does not hide it
r record 2024-5 --dept 生态环境部 --status behind --period 2024Q4 --note "延期"
r period close 2024Q3
duban record 2024-5 --dept 生态环境部 --status in-progress --period 2024Q3 --note "补记"
expect_rc "a closed period is refused" 6
expect_err "the refusal says how the office backfills" "with --backfill"
r record 2024-5 --dept 生态环境部 --status in-progress --period 2024Q3 --note "补记" --backfill
# 2024-6: approved, then reopened: returned
r record 2024-6 --dept 海关总署 --status done --period 2024Q4 --note "已完成"
r review 2024-6 approve
r review 2024-6 reopen --reason "复核发现未完成"
# 2024-7: in progress, then a note alone
r record 2024-7 --dept 国家中医药局 --status in-progress --period 2024Q4 --note "起草中"
r record 2024-7 --dept 国家中医药局 --note "补充说明"
# 2024-4: the office makes the second department lead; its done is pending
r task lead 2024-4 --dept 国家林草局 --reason "按职责分工"
r record 2024-4 --dept 国家林草局 --status done --period 2024Q4 --note "完成"
# 2024-8: silent

tasks="2024-1 2024-2 2024-3 2024-4 2024-5 2024-6 2024-7 2024-8 2024-9"
want="2024-1 done
2024-2 returned
2024-3 pending review
2024-4 pending review
2024-5 behind
2024-6 returned
2024-7 in-progress
2024-8 silent
2024-9 in-progress"

# show --format json
got=""
for t in $tasks; do
	s=$("$DUBAN" show "$t" --format json | "$TOOL" json -r - .shown)
	got="$got$t $s
"
done
expect_eq "show --format json says what the rule says" "${got%
}" "$want"

# status --format json and tsv
"$DUBAN" status --plan 2024 --format json >"$TMP/st.json"
got=""
for t in $tasks; do
	got="$got$t $("$TOOL" json -r "$TMP/st.json" ".tasks[id=$t].shown")
"
done
expect_eq "status --format json agrees" "${got%
}" "$want"
"$DUBAN" status --plan 2024 --format tsv >"$TMP/st.tsv"
got=$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 ~ /^2024-[1-9]$/ { print $1, $c["shown"] }' "$TMP/st.tsv")
expect_eq "status --format tsv agrees" "$got" "$want"

# the report
"$DUBAN" report --year 2024 --format json -o "$TMP/r.json"
got=""
for t in $tasks; do
	got="$got$t $("$TOOL" json -r "$TMP/r.json" ".tasks[id=$t].shown")
"
done
expect_eq "report --format json agrees" "${got%
}" "$want"

# the checklist of 2025Q1 shows each department's state at the end of 2024Q4
zh() { case "$1" in
	"done") echo "已完成（已销号）";; "returned") echo "退回";; "pending review") echo "已完成（待审核）";;
	"behind") echo "滞后";; "in-progress") echo "推进中";; "silent") echo "未报送";; esac; }
bad=""
for t in $tasks; do
	lead=$("$DUBAN" show "$t" --format json | "$TOOL" json -r - '.departments[role=lead].name')
	"$DUBAN" checklist --period 2025Q1 --plan 2024 --dept "$lead" --format csv --force -o "$TMP/ck.csv" 2>/dev/null
	cell=$("$TOOL" csv "$TMP/ck.csv" | awk -F '\t' -v t="$t" '{ id = $1; sub(/^\\t/, "", id) } id == t { print $5 }')
	w=$(printf '%s\n' "$want" | awk -v t="$t" '$1 == t { sub(/^[^ ]* /, ""); print }')
	case "$cell" in "$(zh "$w")"*) ;; *) bad="$bad $t: '$cell' for '$w';";; esac
done
expect_eq "the checklist agrees" "$bad" ""

# the terminal UI: each task's detail and its letter in the tree
{
	for t in $tasks; do
		printf ':%s<Enter>\n<save-screen %s>\n' "$t" "$t"
	done
	echo q
} >"$TMP/keys"
COLUMNS=100 LINES=30 "$DUBAN" --color=never --script "$TMP/keys" --dump "$TMP/screens" 2>"$TMP/ui.err"
expect_eq "the UI ran the script" "$?" 0
letters=""
bad=""
for t in $tasks; do
	w=$(printf '%s\n' "$want" | awk -v t="$t" '$1 == t { sub(/^[^ ]* /, ""); print }')
	screen=$(awk -v t="$t" '/^<save-screen / { on = ($2 == t ">") ; next } on' "$TMP/screens")
	case "$screen" in *"$t  [$w]"*) ;; *) bad="$bad $t: detail lacks [$w];";; esac
	n=${t#2024-}
	l=$(printf '%s\n' "$screen" | grep -m1 "^|> *[NPBODWR][ *.]$n " | sed 's/^|> *\(.\).*/\1/')
	letters="$letters$t $l
"
done
expect_eq "the UI's detail agrees" "$bad" ""
expect_eq "the UI's tree letters agree" "${letters%
}" "2024-1 D
2024-2 R
2024-3 W
2024-4 W
2024-5 B
2024-6 R
2024-7 P
2024-8 N
2024-9 P"

# The office's review key offers only what applies: approve or return a
# pending close-off, reopen an approved one, nothing on a returned one.
printf ':2024-3<Enter>\nr\n<save-screen pending>\n<Esc>\n:2024-1<Enter>\nr\n<save-screen approved>\n<Esc>\n:2024-2<Enter>\nr\n<save-screen returned>\nq\n' >"$TMP/keys"
COLUMNS=100 LINES=30 "$DUBAN" --color=never --script "$TMP/keys" --dump "$TMP/screens" 2>"$TMP/ui.err"
scr() { awk -v n="$1" '/^<save-screen / { on = ($2 == n ">"); next } on' "$TMP/screens"; }
OUT=$(scr pending); expect_out "a pending close-off: approve or return" "a approve, r return"
expect_no_out "a pending close-off: no reopen" "o reopen"
OUT=$(scr approved); expect_out "an approved close-off: reopen" "o reopen"
expect_no_out "an approved close-off: no approve" "a approve"
OUT=$(scr returned); expect_out "a returned close-off: nothing to review, and why" "it was returned"
expect_no_out "a returned close-off: no approve" "a approve"
