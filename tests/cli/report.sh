# The annual evaluation and carry-over links (issue 5): exact figures on a
# database the test fills in, and the links between the 2024 and 2025 seeds.
. "$(dirname "$0")/../lib.sh"

duban plans
duban attach 2024-1 --dept 国家知识产权局 --docno "国知发〔2024〕1号" --title "修改说明"
duban record 2024-1 --dept 国家知识产权局 --status done --period 2024Q4 --note "已完成"
duban review 2024-1 approve
expect_rc "close-off approved" 0
duban record 2024-2 --dept 中央宣传部 --status behind --period 2024Q3 --note "<b>征求意见延期</b> & 待定"
duban record 2024-3 --dept 市场监管总局 --status done --period 2024Q4 --note "已印发"
duban record 2024-4 --dept 农业农村部 --status in-progress --period 2024Q2 --note "起草中"
duban record 2024-4 --dept 国家林草局 --status done --period 2024Q3 --note "林草部分完成"
duban record 2024-5 --dept 生态环境部 --status ongoing --period 2024Q1 --note "常态化"
duban record 2024-6 --dept 海关总署 --status not-started --period 2024Q1 --note "未启动"
expect_rc "records made" 0
duban record 2024-7 --dept 国家中医药局 --status in-progress --period 2023Q4 --note "去年的记录"
expect_rc "a record for a quarter before the plan's year is refused" 2
expect_err "the refusal names the plan's quarters" "reports on 2024Q1–2024Q4; 2023Q4 is before it"

duban report --year 2024 --format json -o "$TMP/r.json"
expect_rc "json report" 0
expect_out "says where it was written" "$TMP/r.json"
lead=$(DUBAN_WRAP= "$DUBAN" tasks --plan 2024 --dept 国家知识产权局 --role lead --format tsv | tail -n +2 | wc -l)
# j EXPR...: values in the JSON report (tests/tool.c json; -r: strings bare)
j() { "$TOOL" json -r "$TMP/r.json" "$@" 2>&1; }
all='"ongoing":1,"in_progress":1,"behind":1,"not_started":1'
expect_eq "report overall figures" "$(j .overall)" \
	"{\"total\":110,\"done\":1,\"pending\":1,\"returned\":0,$all,\"silent\":104}"
expect_eq "report section 1.1 figures" "$(j '.sections[chapter=1][section=1].rollup')" \
	"{\"total\":8,\"done\":1,\"pending\":1,\"returned\":0,$all,\"silent\":2}"
expect_eq "report chapter 1 has the section's figures" "$(j '.chapters[chapter=1].rollup.done' '.chapters[chapter=1].rollup.behind' | tr '\n' ' ')" "1 1 "
expect_eq "chapters add up" "$(j '.chapters[].rollup.total' | awk '{ n += $1 } END { print n }')" 110
none='"ongoing":0,"in_progress":0,"behind":0,"not_started":0'
expect_eq "report department as lead" "$(j '.departments[dept=国家知识产权局].lead')" \
	"{\"total\":$lead,\"done\":1,\"pending\":0,\"returned\":0,$none,\"silent\":$((lead - 1))}"
expect_eq "report department as participant" \
	"$(j '.departments[dept=国家林草局].participant.done' '.departments[dept=农业农村部].participant.done' | tr '\n' ' ')" "1 0 "
expect_eq "behind list" "$(j '.follow_up.behind#' '.follow_up.behind[0].id' '.follow_up.behind[0].lead' '.follow_up.behind[0].note')" \
	"1
2024-2
中央宣传部
<b>征求意见延期</b> & 待定"
expect_eq "silent list" "$(j '.follow_up.silent#')" 104
expect_eq "last year's record leaves a task silent" "$(j '.follow_up.silent[id=2024-7].id')" 2024-7
expect_eq "done without evidence" "$(j '.follow_up.done_without_evidence[].id')" 2024-3
expect_eq "pending review" "$(j '.follow_up.pending_review[].id')" 2024-3
expect_eq "no carry-over into 2024 from 2023 (no plan)" "$(j .carryover)" "[]"

duban report --year 2025 --format json
printf '%s' "$OUT" >"$TMP/r25.json"
c=$("$TOOL" json -r "$TMP/r25.json" '.carryover[task=2025-1].continues' '.carryover[task=2025-1].previous_status' \
	'.carryover[task=2025-1].shared_titles' '.carryover[task=2025-1].score' 2>&1)
case "$(printf '%s\n' "$c" | sed -n 3p)" in *商标法*) titles=ok;; *) titles=;; esac
if [ "$(printf '%s\n' "$c" | sed -n 1,2p)" = "2024-1
done (approved)" ] && [ "$titles" = ok ] && printf '%s\n' "$c" | sed -n 4p | awk '{ exit !($1 > 0.4) }'; then
	ok "2025 report carries 2024-1 over with its final status"
else
	fail "2025 report carries 2024-1 over with its final status" "$c"
fi

# carry-over links on the seed plans
duban carryover --year 2025 --format tsv
expect_rc "carryover listing" 0
for pair in "2025-1	2024-1" "2025-2	2024-2" "2025-7	2024-8" "2025-3	2024-4" "2025-5	2024-6"; do
	expect_out "carry-over $pair" "$pair	"
done
expect_out "carry-over explains the 商标法 link" "《商标法》"
for t in 2025-8 2025-9 2025-10 2025-11; do
	case "$OUT" in *"
$t	"*) fail "no carry-over for unrelated $t" "$(printf '%s\n' "$OUT" | grep "^$t	")";; *) ok "no carry-over for unrelated $t";; esac
done
duban carryover --year 2025 --format json
expect_out "carryover json has the score" '"score": '
duban carryover --year 2023
expect_rc "carryover of a year with no plan" 4

# markdown and html
duban report --year 2024 --format md
expect_rc "markdown report" 0
expect_out "md overall table" "| 全部任务 | 110 | 1 | 1 | 0 | 1 | 1 | 1 | 1 | 104 |"
expect_out "md escapes markup in notes" '&lt;b>征求意见延期&lt;/b> & 待定'
duban report --year 2024 --format html -o "$TMP/r.html"
expect_rc "html report" 0
"$TOOL" xml "$TMP/r.html" >"$TMP/r.txt" && ok "html is well-formed" || fail "html is well-formed" "$(cat "$TMP/r.txt")"
grep -q '<html[^>]* lang="zh-CN"' "$TMP/r.html" && grep -q 'charset="utf-8"' "$TMP/r.html" &&
	ok "html is Chinese utf-8" || fail "html is Chinese utf-8"
[ "$(grep -o '<svg [^>]*xmlns="http://www.w3.org/2000/svg"' "$TMP/r.html" | wc -l)" -ge 2 ] &&
	ok "html has the svg charts" || fail "html has the svg charts"
grep -qF '@page { size: A4' "$TMP/r.html" && ok "html prints on A4" || fail "html prints on A4"
bad=$(grep -oF -e '<script' -e '<link' -e 'src=' -e 'url(' -e '@import' "$TMP/r.html" | sort -u | tr '\n' ' ')
expect_eq "html is self-contained (no script, link, src=, url(, @import)" "$bad" ""
grep -qF '&lt;b&gt;征求意见延期&lt;/b&gt; &amp; 待定' "$TMP/r.html" && ok "html escapes notes" || fail "html escapes notes"
grep -qF '未报送任务（104）' "$TMP/r.txt" && grep -qF '滞后任务（1）' "$TMP/r.txt" &&
	ok "html has the follow-up figures" || fail "html has the follow-up figures" "$(head -c 600 "$TMP/r.txt")"

duban report --year 2023 --format html -o "$TMP/none.html"
expect_rc "a year with no plan" 4
expect_err "says so" "no plan for the year 2023"
[ ! -e "$TMP/none.html" ] && ok "nothing written for a year with no plan" || fail "nothing written for a year with no plan"
duban report --year 2024 --format pdf
expect_rc "unknown report format" 2
duban report --year 2024 -o /nonexistent/r.md
expect_rc "unwritable report path" 8

# Carry-over stays within a plan line: a provincial 2024 plan whose task 1 is
# worded exactly like 2025-1 (so it would score higher than the national
# 2024-1) is never what a 2025 national task continues.
sed -e 's/2024 年知识产权强国建设推进计划/2024年广东省知识产权强省建设推进计划/' \
    -e 's/^1\. 推进《中华人民共和国商标法》.*/1. 加快推进《中华人民共和国商标法》《集成电路布图设计保护条例》修改。（国家知识产权局、司法部负责）/' \
    "$SRC/data/plans/2024-national-plan.txt" >"$TMP/gd2024.txt"
duban import --key gd2024 "$TMP/gd2024.txt"
expect_rc "a provincial plan of 2024 imports" 0
duban carryover --year 2025 --format tsv
expect_out "2025-1 still continues the national 2024-1" "2025-1	2024-1	"
expect_no_out "no 2025 national task continues a provincial task" "gd2024-"
