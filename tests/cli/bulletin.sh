# The office's reminders (remind) and bulletin (bulletin), issue 13: a
# scripted history over two reporting periods of a small plan of 2026
# (tests/fixtures/bulletin-plan-2026.txt), each step made at a chosen time
# (DUBAN_NOW, root only) in UTC+8: reports on time, at the last second of
# the due day, a second and a day late, not at all; a return; an approval
# that closes a task; behind; evidence present and missing; a note alone.
# The figures are checked exactly in JSON, the HTML is well-formed XML, the
# XLSX is read back, and the refusals say why.
. "$(dirname "$0")/../lib.sh"
export TZ=Asia/Shanghai
P=k2026
at() { DUBAN_NOW=$(date -d "$1" +%s); export DUBAN_NOW; }
r() { duban --as zhang "$@"; [ "$RC" = 0 ] || fail "history step: $*" "exit $RC" "$ERR"; }

at "2026-07-01 09:00"
duban plans
duban import --key $P "$SRC/tests/fixtures/bulletin-plan-2026.txt"
expect_rc "the plan of 2026 is imported" 0
duban --as zhang user add zhang --role office
r user add li --role liaison --dept 海关总署
r user add wu --role liaison --dept 海关总署
r user add wang --role liaison --dept 中央宣传部
r user add zhao --role viewer

# 2026Q3, due 2026-10-10
r period open 2026Q3 --due 2026-10-10
at "2026-09-20 10:00"; r record $P-1 --dept 国家知识产权局 --status in-progress --note 起草中
at "2026-09-21 10:00"; r record $P-4 --dept 国家知识产权局 --status in-progress --note 调研中
at "2026-09-30 10:00"; r record $P-3 --dept 市场监管总局 --status done --note 已发布
at "2026-10-02 10:00"; r review $P-3 approve
at "2026-10-09 10:00"; r record $P-6 --dept 海关总署 --status done --note 已完成
r attach $P-6 --dept 海关总署 --url https://example.org/notice
# the last second of the due day, and the first second after it
at "2026-10-10 23:59:59"; r record $P-5 --dept 生态环境部 --status behind --note 经费未落实
at "2026-10-11 00:00:01"; r record $P-7 --dept 海关总署 --status in-progress --note 配合开展
at "2026-10-12 10:00"; r record $P-2 --dept 中央宣传部 --status in-progress --note 起草中
at "2026-10-15 10:00"; r review $P-6 return --reason 缺少印发文件
at "2026-10-20 09:00"; r period close 2026Q3

# 2026Q4, due 2027-01-10
r period open 2026Q4 --due 2027-01-10
at "2027-01-05 10:00"; r record $P-1 --dept 国家知识产权局 --status done --note 已完成
r attach $P-1 --dept 国家知识产权局 --docno "国知发〔2027〕1号"
at "2027-01-06 10:00"; r record $P-8 --dept 国家中医药局 --note 只是一条说明
at "2027-01-08 10:00"; r record $P-4 --dept 中央宣传部 --status in-progress --note 配合调研
at "2027-01-10 12:00"; r record $P-4 --dept 国家知识产权局 --status in-progress --note 调研中
at "2027-01-11 09:00"; r record $P-2 --dept 中央宣传部 --status done --note 已印发
at "2027-01-12 09:00"

# ---- the bulletin ----
duban --as zhang bulletin --period 2026Q4 --format json -o "$TMP/b.json"
expect_rc "bulletin --format json" 0
expect_out "the summary says where it went and the totals" "9 tasks due a report: 3 on time, 1 late, 5 not reported"
J="$TMP/b.json"
q() { "$TOOL" json -r "$J" "$@"; }
expect_eq "the plans counted: only the plan of 2026" "$(q '.plans[0]'),$(q '.plans[1]' 2>/dev/null)" "$P,"
expect_eq "the due date and its end in UTC" "$(q .due) $(q .deadline)" "2027-01-10 2027-01-10T16:00:00.000Z"
expect_eq "the ranking: on-time rate, then fewer not reported, late, behind, returned, name" \
	"$(q '.departments[].dept' | tr '\n' ' ')" "国家知识产权局 中央宣传部 国家中医药局 市场监管总局 生态环境部 海关总署 "
# per department, in the JSON's order: lead participant expected reported on_time late
# not_reported on_time_rate behind approved pending returned done done_with_evidence evidence_rate
fig() { q ".departments[dept=$1].figures" | tr -d ' {}"' | tr ',' '\n' | sed 's/^[a-z_]*://' | tr '\n' ' '; }
expect_eq "国家知识产权局: two led, both on time, one done with evidence" "$(fig 国家知识产权局)" "2 0 2 2 2 0 0 1.000 0 0 1 0 1 1 1.000 "
expect_eq "中央宣传部: one on time, one a day late, done without evidence" "$(fig 中央宣传部)" "1 1 2 2 1 1 0 0.500 0 0 1 0 1 0 0.000 "
expect_eq "市场监管总局: the task closed off in Q3 is not due; the other not reported" "$(fig 市场监管总局)" "2 0 1 0 0 0 1 0.000 0 1 0 0 1 0 0.000 "
expect_eq "生态环境部: not reported, behind as of the quarter" "$(fig 生态环境部)" "1 0 1 0 0 0 1 0.000 1 0 0 0 0 0 null "
expect_eq "海关总署: the returned task and its share both silent" "$(fig 海关总署)" "1 1 2 0 0 0 2 0.000 0 0 0 1 0 0 null "
expect_eq "国家中医药局: a note alone is not a report" "$(fig 国家中医药局)" "1 0 1 0 0 0 1 0.000 0 0 0 0 0 0 null "
expect_eq "the totals" "$(q .total | tr -d ' {}"' | tr ',' '\n' | sed 's/^[a-z_]*://' | tr '\n' ' ')" \
	"8 2 9 4 3 1 5 0.333 1 1 2 1 3 1 0.333 "
expect_eq "the ranking text" "$(q .ranking)" \
	"2026年第四季度（报送截止2027-01-10），6个单位应报送9项任务，按时报送3项，按时报送率33.3%；逾期报送1项，未报送5项。1个单位按时报送全部任务：国家知识产权局。4个单位有任务未报送，较多的是海关总署（2项）、国家中医药局（1项）、市场监管总局（1项）等4个单位。1个单位存在逾期报送：中央宣传部（1项）。滞后任务1项，涉及1个单位。退回销号1项，请牵头单位补充材料后重新报送。"
head=$(q .chain)
case "$head" in [0-9]*:[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]*) ok "the bulletin carries the chain's head ($head)";;
	*) fail "the bulletin carries the chain's head" "got '$head'";; esac
duban verify --head "$head"
expect_rc "the printed head verifies" 0
# the trend: Q1 and Q2 never opened (no due date), Q3 and Q4 with theirs
expect_eq "the quarters and their due dates" "$(q '.quarters[].due' | tr '\n' ' ')" "null null 2026-10-10 2027-01-10 "
tr3() { q ".departments[dept=$1].trend[period=2026Q3].figures.$2"; }
expect_eq "Q3: 海关总署 on time by the due day, a second late after it" "$(tr3 海关总署 on_time) $(tr3 海关总署 late)" "1 1"
expect_eq "Q3: 生态环境部 at the due day's last second is on time" "$(tr3 生态环境部 on_time) $(tr3 生态环境部 late)" "1 0"
expect_eq "Q3: 中央宣传部 two days late, its share not reported" "$(tr3 中央宣传部 late) $(tr3 中央宣传部 not_reported)" "1 1"
expect_eq "Q3: the close-off approved and the one returned, as of Q3" "$(tr3 市场监管总局 approved) $(tr3 海关总署 returned)" "1 1"
expect_eq "Q3 totals: on time, late, not reported" \
	"$(q '.total_trend[period=2026Q3].figures.on_time') $(q '.total_trend[period=2026Q3].figures.late') $(q '.total_trend[period=2026Q3].figures.not_reported')" "5 2 3"
expect_eq "Q1, never opened: neither on time nor late, all not reported" \
	"$(q '.total_trend[period=2026Q1].figures.on_time') $(q '.total_trend[period=2026Q1].figures.late') $(q '.total_trend[period=2026Q1].figures.not_reported')" "null null 10"

duban --as zhang bulletin --period 2026Q4 --format md
expect_rc "bulletin --format md" 0
expect_out "md: the title" "# 2026年第四季度任务报送情况通报"
expect_out "md: a ranked row" "| 2 | 中央宣传部 | 1 | 1 | 2 | 1 | 1 | 0 | 50% | 0 | 0 | 1 | 0 | 1 | 0% |"
expect_out "md: the trend row of a department" "| 海关总署 | — | 2 | — | 2 | 50% | 0 | 0% | 2 |"
expect_out "md: the chain's head line" "数据校验码：$head"

duban --as zhang bulletin --period 2026Q4 --format html -o "$TMP/b.html"
expect_rc "bulletin --format html" 0
"$TOOL" xml "$TMP/b.html" >"$TMP/b.txt"
expect_eq "the HTML is well-formed" "$?" 0
OUT=$(cat "$TMP/b.html")
expect_out "html: a chart of the period" "aria-label=\"各单位报送情况\""
expect_out "html: a department's bar of its late reports" "<title>逾期报送 1</title>"
expect_out "html: a small trend chart per department" "<title>2026Q3 按时报送率 50%</title>"
expect_out "html: an unopened quarter is drawn as reported, not on time" "<title>2026Q1 已报送 0%</title>"
expect_out "html: prints on A4" "@page { size: A4 landscape"
expect_no_out "html: nothing loaded from elsewhere" "<script"
expect_no_out "html: no stylesheet from elsewhere" "<link"

duban --as zhang bulletin --period 2026Q4 --format xlsx -o "$TMP/b.xlsx"
expect_rc "bulletin --format xlsx" 0
"$TOOL" unzip "$TMP/b.xlsx" xl/workbook.xml >"$TMP/wb.xml"
OUT=$(cat "$TMP/wb.xml")
expect_out "xlsx: the bulletin's sheet" 'name="情况通报"'
expect_out "xlsx: the trend's sheet" 'name="季度趋势"'
"$TOOL" unzip "$TMP/b.xlsx" xl/worksheets/sheet1.xml >"$TMP/s1.xml"
OUT=$(cat "$TMP/s1.xml")
expect_out "xlsx: A4" '<pageSetup paperSize="9"'
expect_out "xlsx: landscape" 'orientation="landscape"'
expect_out "xlsx: the header row frozen" 'ySplit="5"'
"$TOOL" unzip "$TMP/b.xlsx" xl/sharedStrings.xml >"$TMP/ss.xml"
OUT=$(cat "$TMP/ss.xml")
expect_out "xlsx: the ranking text" "按时报送率33.3%"
expect_out "xlsx: the departments" "海关总署"
OUT=$(cat "$TMP/wb.xml")
expect_out "xlsx: the header row repeats on every printed page" "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'情况通报'!\$5:\$5</definedName>"
duban --as zhang bulletin --period 2026Q4 --format xlsx
expect_rc "xlsx to a pipe is the workbook itself" 0
case "$OUT" in PK*) ok "xlsx on standard output starts as a ZIP";; *) fail "xlsx on standard output starts as a ZIP" "$(printf '%s' "$OUT" | head -c 20)";; esac

# the bulletin of Q3 (closed) ranks on Q3's own figures: 100% (behind last),
# 50% (fewer not reported first), 0% (fewer late first)
duban --as zhang bulletin --period 2026Q3 --format json -o "$TMP/b3.json"
expect_eq "Q3: closed, ranked by its own figures" "$("$TOOL" json -r "$TMP/b3.json" .state '.departments[].dept' | tr '\n' ' ')" \
	"closed 国家知识产权局 生态环境部 海关总署 市场监管总局 国家中医药局 中央宣传部 "
# the default period is the newest open one
duban --as zhang bulletin --format json
expect_eq "no --period: the open one" "$(printf '%s' "$OUT" | "$TOOL" json -r - .period)" "2026Q4"

# ---- the reminders ----
duban --as zhang remind --period 2026Q4 --format json -o "$TMP/r.json"
expect_rc "remind --format json" 0
expect_out "the summary counts who has nothing to chase" "4 reminders for 2026Q4 (json); 2 of 6 departments have nothing to chase"
R="$TMP/r.json"
expect_eq "the departments reminded, most to chase first" \
	"$("$TOOL" json -r "$R" '.departments[].dept' | tr '\n' ' ')" "海关总署 国家中医药局 市场监管总局 生态环境部 "
expect_eq "海关总署: the returned task with its reason, and its share" \
	"$("$TOOL" json -r "$R" '.departments[dept=海关总署].tasks[].id' '.departments[dept=海关总署].tasks[0].why' '.departments[dept=海关总署].tasks[0].reason' | tr '\n' ' ')" \
	"$P-6 $P-7 [\"not_reported\",\"returned\"] 缺少印发文件 "
expect_eq "生态环境部: not reported and behind" "$("$TOOL" json -r "$R" '.departments[dept=生态环境部].tasks[0].why')" '["not_reported","behind"]'
expect_eq "市场监管总局: only the task not closed off" "$("$TOOL" json -r "$R" '.departments[dept=市场监管总局].tasks[].id')" "$P-7"
expect_eq "the liaisons of a department" "$("$TOOL" json -r "$R" '.departments[dept=海关总署].liaisons')" '["li","wu"]'
expect_eq "days past the due date" "$("$TOOL" json -r "$R" .days_left)" "-2"

duban --as zhang remind --period 2026Q4 --format csv -o "$TMP/r.csv"
expect_rc "remind --format csv" 0
expect_eq "csv: a line per department for the mail merge" "$("$TOOL" csv "$TMP/r.csv")" "单位	联络员	季度	截止日期	未报送	销号退回	进展滞后	催办任务数
海关总署	li;wu	2026Q4	2027-01-10	2	1	0	2
国家中医药局		2026Q4	2027-01-10	1	0	0	1
市场监管总局		2026Q4	2027-01-10	1	0	0	1
生态环境部		2026Q4	2027-01-10	1	0	1	1"

duban --as zhang remind --period 2026Q4
expect_rc "remind as Markdown" 0
expect_out "md: a 催办单 with the overdue days" "（已逾期2天）。截至2027-01-12，贵单位有2项任务需抓紧办理：未报送2项，销号退回1项，进展滞后0项。"
expect_out "md: the task and what it is chased for" "| 1 | $P-6 | 牵头 | 未报送；销号退回：缺少印发文件 |"
expect_no_out "md: a department with nothing to chase gets none" "**国家知识产权局**"

duban --as zhang remind --period 2026Q4 --format html -o "$TMP/r.html"
expect_rc "remind --format html" 0
"$TOOL" xml "$TMP/r.html" >/dev/null
expect_eq "html: well-formed" "$?" 0
expect_eq "html: a page per department" "$(grep -c '<section class="sheet">' "$TMP/r.html")" 4
OUT=$(cat "$TMP/r.html")
expect_out "html: a page break after each" "break-after: page"
expect_out "html: paragraphs indented two characters" "text-indent: 2em"

duban --as zhang remind --period 2026Q4 --format html -o "$TMP/rem/"
expect_rc "remind into a folder" 0
expect_out "the folder's summary" "wrote 4 reminders for 2026Q4 into '$TMP/rem/'"
expect_eq "one file per department" "$(ls "$TMP/rem" | tr '\n' ' ')" \
	"remind-2026Q4-国家中医药局.html remind-2026Q4-市场监管总局.html remind-2026Q4-海关总署.html remind-2026Q4-生态环境部.html "
expect_eq "each file a whole page" "$(grep -c '</html>' "$TMP/rem/remind-2026Q4-海关总署.html")" 1

# a liaison sees its own department's, by default and by name; not another's
duban --as li remind --period 2026Q4 --format json
expect_rc "a liaison's own reminder" 0
expect_eq "a liaison: its own department only" "$(printf '%s' "$OUT" | "$TOOL" json -r - '.departments[].dept')" "海关总署"
duban --as wang remind --period 2026Q4 --format json
expect_eq "a liaison with nothing to chase: its department, empty" \
	"$(printf '%s' "$OUT" | "$TOOL" json -r - '.departments[].dept' '.departments[0].counts.tasks' | tr '\n' ' ')" "中央宣传部 0 "
duban --as wang remind --period 2026Q4
expect_out "md: nothing to chase said so" "贵单位本季度任务均已报送，无退回或滞后事项。"

# DUBAN_NOW is root's, for tests: anyone else's is ignored, so no one
# backdates a record to make it on time
duban period open 2099Q1 --due 2099-12-31
expect_err "root's DUBAN_NOW sets the clock" "(it is 2027Q1 now)"
if command -v setpriv >/dev/null 2>&1; then
	chmod 711 "$TMP"; mkdir -m 777 "$TMP/nobody"
	real=$(TZ=Asia/Shanghai date +%Y)
	setpriv --reuid=65534 --regid=65534 --clear-groups env DUBAN_DB="$TMP/nobody/n.db" HOME="$TMP/nobody" \
		"$DUBAN" period open 2099Q1 --due 2099-12-31 >"$TMP/out" 2>"$TMP/err"
	ERR=$(cat "$TMP/err"); RC=1
	expect_err "another user's DUBAN_NOW is ignored: the real clock" "(it is ${real}Q"
	expect_no_err "another user's DUBAN_NOW is ignored: not its time" "(it is 2027Q1 now)"
fi
