# Quarterly checklists: txt, md, csv, xlsx, and the CSV round trip (issues 5
# and 14). The workbook filled in by a spreadsheet program, printed pages
# and the bad workbooks are tests/cli/checklist_xlsx.sh and the catalogue.
. "$(dirname "$0")/../lib.sh"

duban plans
duban record 2024-2 --dept 中央宣传部 --status in-progress --period 2024Q2 --note "=HYPERLINK(1)|已形成草案"
duban record 2024-2 --dept 中央宣传部 --status behind --period 2024Q4 --note "later quarter, not shown"

# csv: BOM, header lines, rows, formula cells neutralised, ids kept text
duban checklist --period 2024Q3 --dept 中央宣傳部 --format csv -o "$TMP/ck.csv"
expect_rc "csv checklist exported" 0
expect_out "says where it was written" "$TMP/ck.csv"
head -c 3 "$TMP/ck.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "csv starts with a BOM" || fail "csv starts with a BOM"
# cell KEY COL: field COL (from 1) of the record whose first field is KEY
# (an id's leading TAB, which tool csv shows as \t, dropped)
cell() { awk -F'\t' -v k="$1" -v c="$2" '{ id = $1; sub(/^\\t/, "", id) } id == k { print $c; exit }' "$TMP/ck.tsv"; }
"$TOOL" csv "$TMP/ck.csv" >"$TMP/ck.tsv"
expect_eq "csv parses as RFC 4180" "$?" 0
expect_eq "csv heading: department" "$(cell 单位 2)" 中央宣传部
expect_eq "csv heading: quarter and the one before" "$(cell 季度 2) $(cell 上季度 2)" "2024Q3 2024Q2"
case "$(cell 填写说明 2)" in *未启动、推进中、滞后*已完成、持续推进*文号*) ok "csv heading: the statuses to give and how to write evidence";;
	*) fail "csv heading: the statuses to give and how to write evidence" "$(cell 填写说明 2)";; esac
expect_eq "csv column names on line 10" "$(awk -F'\t' 'NR == 10 { print $1 " " $10 }' "$TMP/ck.tsv")" "任务编号 本季度状态（填写）"
expect_eq "csv ids Excel would take for dates are led by a TAB, in quotes" \
	"$(grep -c '^"	2024-[0-9]*",' "$TMP/ck.csv")" 29
expect_eq "csv 2024-2: lead, status at the end of 2024Q2 (not 2024Q4)" "$(cell 2024-2 3) $(cell 2024-2 5)" "牵头 推进中"
expect_eq "csv 2024-2: the formula note neutralised" "$(cell 2024-2 6)" "'=HYPERLINK(1)|已形成草案"
expect_eq "csv 2024-9: participant, nothing reported" "$(cell 2024-9 3) $(cell 2024-9 5)" "参与 未报送"
case "$(cell 2024-9 4)" in *财政部*) ok "csv 2024-9: the other departments";; *) fail "csv 2024-9: the other departments" "$(cell 2024-9 4)";; esac
expect_eq "csv has the department's 29 tasks" "$(awk 'NR > 10' "$TMP/ck.tsv" | wc -l)" 29
expect_eq "csv: no cell starts a formula (=, +, -, @)" \
	"$(awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^[-=+@]/) print NR ": " $i }' "$TMP/ck.tsv")" ""
duban checklist --period 2024Q3 --dept 中央宣传部 --format csv --no-bom
case "$OUT" in 督办清单*) ok "--no-bom drops the BOM";; *) fail "--no-bom drops the BOM" "$(printf '%s' "$OUT" | head -c 20 | od -c | head -2)";; esac

# txt: task by task, wrapped by display width, nothing wider than 100 columns
duban checklist --period 2024Q3 --dept 中央宣传部 --format txt
expect_rc "txt checklist" 0
expect_out "txt has the department" "单位：中央宣传部"
expect_out "txt has each task on its own, with its state" "1. 2024-2  牵头  上季度末状态：推进中"
expect_out "txt gives the statuses to tick" "[ ]未启动  [ ]推进中  [ ]滞后  [ ]已完成  [ ]持续推进"
expect_out "txt says how many" "共 29 项任务"
printf '%s\n' "$OUT" | "$TOOL" measure >"$TMP/widths"
expect_eq "txt has more than 200 lines" "$(awk 'END { print (NR > 200) }' "$TMP/widths")" 1
expect_eq "txt fits 100 columns" "$(awk '$1 > 100' "$TMP/widths")" ""
expect_eq "txt: a task's long text wraps under itself" \
	"$(printf '%s\n' "$OUT" | grep -A1 '任务内容：推进《中华人民共和国著作权法' | tail -1 | sed 's/[^ ].*//' | wc -c)" 15
duban record 2024-11 --dept 中央宣传部 --status in-progress --period 2024Q2 --note "$(printf 'esc\033]0;x\007 here')"
duban checklist --period 2024Q3 --dept 中央宣传部
expect_out "txt shows a control character escaped" 'esc^[]0;x^G here'
expect_no_out "txt prints no control character" "$(printf '\033')"

# md
duban checklist --period 2024Q3 --dept 中央宣传部 --format md
expect_out "md is a table" "| 任务编号 | 任务内容 |"
expect_out "md escapes the pipe" '=HYPERLINK(1)\|已形成草案'
expect_out "md says how to fill it in" "- 填写说明：本季度状态填写"

# xlsx: one sheet per department (no pseudo-unit), print setup, validation
duban checklist --period 2024Q3 --all --format xlsx -o "$TMP/all.xlsx"
expect_rc "xlsx for all departments" 0
expect_out "xlsx says where" "$TMP/all.xlsx"
expect_err "and which pseudo-units it left out" "left out the pseudo-units 联席会议办公室、联席会议成员单位"
"$TOOL" unzip "$TMP/all.xlsx" xl/workbook.xml >"$TMP/wb.xml"
"$TOOL" xml "$TMP/wb.xml" >/dev/null && ok "xlsx workbook is well-formed XML" || fail "xlsx workbook is well-formed XML"
grep -q '<sheet name="中央宣传部"' "$TMP/wb.xml" && ok "xlsx has a sheet per department" || fail "xlsx has a sheet per department"
grep -q '<sheet name="联席会议' "$TMP/wb.xml" && fail "xlsx has no sheet for a pseudo-unit" || ok "xlsx has no sheet for a pseudo-unit"
grep -q '_xlnm.Print_Titles' "$TMP/wb.xml" && ok "xlsx repeats the header row when printed" || fail "xlsx repeats the header row when printed"
grep -o '<sheet name="[^"]*"' "$TMP/wb.xml" | sed 's/^<sheet name="//; s/"$//' >"$TMP/sheets"
bad=$(sort "$TMP/sheets" | uniq -d; "$TOOL" measure <"$TMP/sheets" | awk '$2 > 31'; grep '[]:*?/\\[]' "$TMP/sheets")
if [ "$(wc -l <"$TMP/sheets")" -gt 30 ] && [ -z "$bad" ]; then ok "xlsx sheet names are unique, short and clean"
else fail "xlsx sheet names are unique, short and clean" "$(wc -l <"$TMP/sheets") sheets" "$bad"; fi
n=$(grep -o '<sheet name="[^"]*"' "$TMP/wb.xml" | grep -n '"中央宣传部"' | cut -d: -f1)
"$TOOL" unzip "$TMP/all.xlsx" "xl/worksheets/sheet$n.xml" >"$TMP/s.xml"
grep -q 'orientation="landscape"' "$TMP/s.xml" && grep -q 'paperSize="9"' "$TMP/s.xml" && ok "xlsx is A4 landscape" || fail "xlsx is A4 landscape"
grep -q '<pane xSplit="1" ySplit="10" topLeftCell="B11" activePane="bottomRight" state="frozen"/>' "$TMP/s.xml" &&
	ok "xlsx header row and id column are frozen" || fail "xlsx header row and id column are frozen" "$(grep -o '<pane[^>]*>' "$TMP/s.xml")"
grep -q '<dataValidation type="list"' "$TMP/s.xml" && grep -q '未启动,推进中,滞后,已完成,持续推进' "$TMP/s.xml" && ok "xlsx status drop-down" || fail "xlsx status drop-down"
"$TOOL" unzip "$TMP/all.xlsx" xl/sharedStrings.xml | grep -q '推进《中华人民共和国著作权法实施条例》' && ok "xlsx holds the task text" || fail "xlsx holds the task text"
# every task row has its own height, at least the three lines left to write on
expect_eq "xlsx: every task row of 中央宣传部 has a height of its own" \
	"$(grep -o '<row r="[0-9]*"[^>]*>' "$TMP/s.xml" | awk -F'"' '$2 > 10 && $2 <= 39' | grep -c 'customHeight="1"')" 29
expect_eq "xlsx: none is shorter than three lines" \
	"$(grep -o '<row r="[0-9]*"[^>]*ht="[0-9.]*"' "$TMP/s.xml" | awk -F'"' '$2 > 10 && $2 <= 39 { split($0, a, "ht=\""); if (a[2] + 0 < 3 * 14.5) print $2 }')" ""
# the page: the columns of the default font's 7-pixel digits fit A4 landscape
# less its margins (0.4 inch each side) at 100 %, so 10 pt prints at 10 pt
grep -q '<pageMargins left="0.4" right="0.4"' "$TMP/s.xml" && ok "xlsx margins" || fail "xlsx margins" "$(grep -o '<pageMargins[^>]*>' "$TMP/s.xml")"
px=$(grep -o '<col [^>]*width="[0-9.]*"' "$TMP/s.xml" | sed 's/.*width="//; s/"//' | awk '{ s += $1 * 7 } END { printf "%d", s }')
expect_eq "xlsx columns fit the page: $px of $(( (842 - 58) * 4 / 3 )) pixels" "$(awk -v px="$px" 'BEGIN { print (px * 0.75 <= 842 - 57.6) }')" 1
"$TOOL" unzip "$TMP/all.xlsx" xl/styles.xml | grep -q '<font><sz val="10"/><color theme="1"/><name val="Arial"/>' &&
	ok "xlsx: the workbook's font is Arial 10 (the unit of every column's width)" ||
	fail "xlsx: the workbook's font is Arial 10" "$("$TOOL" unzip "$TMP/all.xlsx" xl/styles.xml | grep -o '<fonts.*</fonts>')"

# --all into a folder, given with a trailing slash: paths without '//'
duban checklist --period 2024Q3 --all --format csv -o "$TMP/dir/"
expect_rc "csv for all departments into a folder" 0
expect_out "the folder as given, without a doubled slash" "into '$TMP/dir' ("
expect_no_out "no doubled slash" "//"
[ -f "$TMP/dir/checklist-2024Q3-中央宣传部.csv" ] && [ "$(ls "$TMP/dir" | wc -l)" -gt 30 ] && ok "one csv per department" || fail "one csv per department" "$(ls "$TMP/dir" | head)"
[ -e "$TMP/dir/checklist-2024Q3-联席会议成员单位.csv" ] && fail "no csv for a pseudo-unit" || ok "no csv for a pseudo-unit"
duban checklist --period 2024Q3 --dept 联席会议成员单位 --format csv
expect_rc "a pseudo-unit's checklist when asked by name" 0

# bad input
duban checklist --period 2024Q5 --dept 中央宣传部
expect_rc "invalid period" 2
duban checklist --period 2023Q3 --dept 中央宣传部
expect_rc "a year without a plan" 4
expect_err "says there is no plan" "no plan for the year 2023"
duban checklist --period 2024Q3 --dept 不存在部
expect_rc "unknown department" 4
duban checklist --period 2024Q3 --dept 中央宣传部 --format csv -o /nonexistent/dir/x.csv
expect_rc "unwritable output" 8
duban checklist --period 2024Q3 --dept 中央宣传部 --format xlsx -o /nonexistent/x.xlsx
expect_rc "unwritable xlsx" 8
expect_err "names the path" "/nonexistent/x.xlsx"
duban checklist --period 2024Q3 --dept 中央宣传部 --backfill
expect_rc "--backfill is for import" 2

# Round trip: fill in rows as Excel would save them (UTF-8 BOM, CRLF, quoted
# where needed), and a GB18030 copy; import.
"$TOOL" csv "$TMP/ck.csv" | awk -F'\t' -v OFS='\t' '
	$1 == "\\t2024-2" { $8 = "已报送国务院，\\n待审议"; $9 = "国版发〔2024〕3号；https://www.ncac.gov.cn/a.html\\n见附件1.pdf；国版发[2024]3号"; $10 = "推进中" }
	$1 == "\\t2024-11" { $8 = "已印发"; $10 = "done" }
	$1 == "\\t2024-12" { $8 = "正在征求意见" }
	{ print }' | "$TOOL" tocsv >"$TMP/filled.csv"
grep -q '"已报送国务院，' "$TMP/filled.csv" && ok "the filled-in csv quotes the two-line cell" || fail "the filled-in csv quotes the two-line cell"
iconv -f UTF-8 -t GB18030 "$TMP/filled.csv" | tail -c +4 >"$TMP/filled-gb.csv"
before=$(db_dump)
duban checklist import "$TMP/filled-gb.csv" --dry-run
expect_rc "dry run" 0
expect_out "dry run previews the record" "filled-gb.csv:11: 2024-2 中央宣传部 2024Q3 in-progress: 已报送国务院， 待审议 佐证材料：见附件1.pdf"
expect_out "and each evidence item" "filled-gb.csv:11:   evidence 文号 国版发〔2024〕3号"
expect_out "and what is kept in the note" "filled-gb.csv:11:   kept in the note (neither a 文号 nor a link): 见附件1.pdf"
expect_eq "a 文号 written twice (〔〕 and []) is one item" "$(printf '%s\n' "$OUT" | grep -c 'evidence 文号 国版发〔2024〕3号')" 1
expect_out "a row with no status is a note" "filled-gb.csv:16: 2024-12 中央宣传部 2024Q3 note: 正在征求意见 (a note alone: the status stays as it was)"
expect_out "dry run says nothing is written" "would be recorded; nothing written"
expect_eq "dry run writes nothing" "$(db_dump)" "$before"

# a cell that would move the cursor comes back escaped in the message
printf '督办清单,x\n单位,\033]0;x\007部\n季度,2024Q3\n\n任务编号,本季度进展（填写）,本季度佐证材料（填写）,本季度状态（填写）\n2024-2,x,,推进中\n' >"$TMP/esc.csv"
duban checklist import "$TMP/esc.csv"
expect_rc "an unknown department in the header" 3
# (to a pipe exactly as written; tests/cli/tty.sh sees it escaped on a terminal)
expect_err "is named as written" "its department '$(printf '\033]0;x\007')部' is unknown here"

# refusals write nothing
sed 's/^单位,中央宣传部/单位,财政部/' "$TMP/filled.csv" >"$TMP/other.csv"
duban checklist import "$TMP/other.csv" --dept 中央宣传部
expect_rc "another department's checklist is refused" 3
expect_err "names the department" "is the checklist of 财政部"
duban checklist import "$TMP/filled.csv" --period 2024Q4
expect_rc "another quarter's checklist is refused" 3
sed 's/本季度状态（填写）/备注/g' "$TMP/filled.csv" >"$TMP/nocol.csv"
duban checklist import "$TMP/nocol.csv"
expect_rc "missing column" 3
expect_err "names the column and line" "nocol.csv' line 10: the column '本季度状态（填写）' is missing"
iconv -f UTF-8 -t UTF-16 "$TMP/filled.csv" >"$TMP/u16.csv"
duban checklist import "$TMP/u16.csv"
expect_rc "UTF-16 is refused" 3
expect_err "says how to save it" "CSV UTF-8"
printf '\377,\200\200\n' >"$TMP/junk.csv"
duban checklist import "$TMP/junk.csv"
expect_rc "bytes neither UTF-8 nor GB18030 are refused" 3
expect_err "names the encodings" "neither UTF-8 nor GB18030"
{ "$TOOL" csv "$TMP/filled.csv"
  printf '2024-5\t\t\t\t\t\t\t已完成\t\t已完成\n2024-17\t\t\t\t\t\t\t\t\t还行\n'; } | "$TOOL" tocsv >"$TMP/notours.csv"
duban checklist import "$TMP/notours.csv"
expect_rc "a row for a task that is not the department's refuses the file" 3
expect_err "reports the row's line (the two-line cell above counted)" "notours.csv:43: 2024-17: unknown status '还行'"
expect_err "reports the other department's task" "notours.csv:42: 中央宣传部 is not on task 2024-5"
expect_err "nothing recorded" "nothing was recorded"
# an id changed to another task of the department: the text says otherwise
"$TOOL" csv "$TMP/filled.csv" | sed 's/^\\t2024-11\t/\\t2024-18\t/' | "$TOOL" tocsv >"$TMP/moved.csv"
duban checklist import "$TMP/moved.csv"
expect_rc "an id that is not the row's task is refused" 3
expect_err "with both texts shown" "moved.csv:15: 2024-18: the id and the text disagree: task 2024-18 is '完善互联网领域知识产权保护规则。' but the row's 任务内容 is '制定出台《推动版权产业高质量发展指导意见》。' (the text of task 2024-11)"
"$TOOL" csv "$TMP/filled.csv" | sed 's/推动版权产业高质量发展指导意见/推动版权产业发展意见/' | "$TOOL" tocsv >"$TMP/edited.csv"
duban checklist import "$TMP/edited.csv"
expect_rc "an edited 任务内容 is refused" 3
expect_err "names it" "edited.csv:15: 2024-11: the id and the text disagree"
{ "$TOOL" csv "$TMP/filled.csv"; "$TOOL" csv "$TMP/filled.csv" | grep '^\\t2024-11	'; } | "$TOOL" tocsv >"$TMP/twice.csv"
duban checklist import "$TMP/twice.csv"
expect_rc "a duplicated row is refused" 3
expect_err "naming both lines" "twice.csv:42: 2024-11: the task is on the checklist twice for 中央宣传部 (also $TMP/twice.csv:15)"
expect_eq "refused imports wrote nothing" "$(db_dump)" "$before"

duban checklist import "$TMP/filled-gb.csv"
expect_rc "GB18030 checklist imported" 0
expect_out "reports what it recorded" "recorded 3 records and 2 evidence for 中央宣传部, 2024Q3"
expect_out "names the encoding" "GB18030"
expect_out "and the line kept in the note" "1 evidence line is neither a 文号 nor a link, kept in the notes"
duban history 2024-2 --format json
expect_out "the multi-line progress came back, the unknown evidence line in it" '已报送国务院，\n待审议\n佐证材料：见附件1.pdf'
expect_no_out "the 文号 is not in the note" '佐证材料：国版发'
duban evidence list --task 2024-2 --format tsv
expect_out "the 文号 is evidence" "docno	国版发〔2024〕3号"
expect_out "the link is evidence" "url	https://www.ncac.gov.cn/a.html"
rec=$(sqlite3 "$DUBAN_DB" "SELECT id FROM progress WHERE task = '2024-2' AND period = '2024Q3'")
expect_eq "both document the record" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM evidence WHERE task = '2024-2' AND progress = '$rec'")" 2
duban tasks --search 已报送国务院 --format tsv
expect_out "the imported note is found by a search (indexed at the end of the write)" "2024-2	2024"
duban history 2024-11 --format tsv
expect_out "English status accepted" "2024Q3 done"
duban status --plan 2024 --format tsv
expect_out "the note alone changed no state" "2024-12"
expect_eq "2024-12 has a note and no status" "$(sqlite3 "$DUBAN_DB" "SELECT note_only FROM progress WHERE task = '2024-12' AND period = '2024Q3'")" 1
after=$(db_dump)

# the same file again: nothing new, said row by row
duban checklist import "$TMP/filled.csv"
expect_rc "the same file again" 0
expect_out "says the row was recorded before" "filled.csv:11: 2024-2 中央宣传部 2024Q3 in-progress: 已报送国务院， 待审议 佐证材料：见附件1.pdf (already recorded: record"
expect_out "and its evidence" "filled.csv:11:   evidence 文号 国版发〔2024〕3号 (attached before)"
expect_out "and that nothing changes" "its 3 filled-in rows were recorded before; importing it again changes nothing"
expect_eq "importing again wrote nothing" "$(db_dump)" "$after"

# an approved close-off stays closed when 已完成 is reported again
duban review 2024-11 approve
"$TOOL" csv "$TMP/filled.csv" | sed 's/\t已印发\t/\t已印发，已转发各地\t/' | "$TOOL" tocsv >"$TMP/again.csv"
duban checklist import "$TMP/again.csv"
expect_rc "a new note on an approved task" 0
expect_out "is recorded, and the report says it stays closed" "2024-11 中央宣传部 2024Q3 done: 已印发，已转发各地 (its close-off was approved and stays closed; only the office reopens it)"
duban show 2024-11 --format json
expect_out "the close-off is still approved" '"review": "approved"'

# the next quarter's checklist says what the office decided
duban record 2024-12 --dept 中央宣传部 --status done --period 2024Q3 --note 已印发
duban review 2024-12 return --reason "请补充印发文件"
duban record 2024-34 --dept 中央宣传部 --status done --period 2024Q3 --note 已完成
duban checklist --period 2024Q4 --dept 中央宣传部 --format csv -o "$TMP/q4.csv"
"$TOOL" csv "$TMP/q4.csv" >"$TMP/ck.tsv"
expect_eq "approved: 已完成（已销号）" "$(cell 2024-11 5)" "已完成（已销号）"
expect_eq "returned: with the reason" "$(cell 2024-12 5)" "退回：请补充印发文件"
expect_eq "pending: 已完成（待审核）" "$(cell 2024-34 5)" "已完成（待审核）"
duban checklist --period 2024Q4 --dept 中央宣传部 --format xlsx -o "$TMP/q4.xlsx"
"$TOOL" unzip "$TMP/q4.xlsx" xl/comments1.xml >"$TMP/comments.xml"
grep -q '上季度的销号申请被退回：请补充印发文件' "$TMP/comments.xml" &&
	ok "xlsx: the reason where the department writes (a comment)" || fail "xlsx: the reason where the department writes" "$(head -c 300 "$TMP/comments.xml")"

# a liaison may import only its own department's checklist
duban --as zhang user add zhang --role office
duban --as zhang user add cai --role liaison --dept 财政部
before=$(db_dump)
duban --as cai checklist import "$TMP/filled.csv"
expect_rc "a liaison of another department is refused" 5
expect_eq "and nothing is written" "$(db_dump)" "$before"
