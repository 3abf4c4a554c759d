# Quarterly checklists: txt, md, csv, xlsx, and the CSV round trip (issue 5).
. "$(dirname "$0")/../lib.sh"

duban plans
duban record 2024-2 --dept 中央宣传部 --status in-progress --period 2024Q2 --note "=HYPERLINK(1)|已形成草案"
duban record 2024-2 --dept 中央宣传部 --status behind --period 2024Q4 --note "later quarter, not shown"

# csv: BOM, header lines, rows, formula cells neutralised
duban checklist --period 2024Q3 --dept 中央宣傳部 --format csv -o "$TMP/ck.csv"
expect_rc "csv checklist exported" 0
expect_out "says where it was written" "$TMP/ck.csv"
head -c 3 "$TMP/ck.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "csv starts with a BOM" || fail "csv starts with a BOM"
# cell KEY COL: field COL (from 1) of the record whose first field is KEY
cell() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c; exit }' "$TMP/ck.tsv"; }
"$TOOL" csv "$TMP/ck.csv" >"$TMP/ck.tsv"
expect_eq "csv parses as RFC 4180" "$?" 0
expect_eq "csv heading: department" "$(cell 单位 2)" 中央宣传部
expect_eq "csv heading: quarter and the one before" "$(cell 季度 2) $(cell 上季度 2)" "2024Q3 2024Q2"
expect_eq "csv column names on line 9" "$(awk -F'\t' 'NR == 9 { print $1 " " $10 }' "$TMP/ck.tsv")" "任务编号 本季度状态（填写）"
expect_eq "csv 2024-2: lead, status at the end of 2024Q2 (not 2024Q4)" "$(cell 2024-2 3) $(cell 2024-2 5)" "牵头 推进中"
expect_eq "csv 2024-2: the formula note neutralised" "$(cell 2024-2 6)" "'=HYPERLINK(1)|已形成草案"
expect_eq "csv 2024-9: participant, nothing reported" "$(cell 2024-9 3) $(cell 2024-9 5)" "参与 未报送"
case "$(cell 2024-9 4)" in *财政部*) ok "csv 2024-9: the other departments";; *) fail "csv 2024-9: the other departments" "$(cell 2024-9 4)";; esac
expect_eq "csv has the department's 29 tasks" "$(awk 'NR > 9' "$TMP/ck.tsv" | wc -l)" 29
expect_eq "csv: no cell starts a formula (=, +, -, @)" \
	"$(awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^[-=+@]/) print NR ": " $i }' "$TMP/ck.tsv")" ""
duban checklist --period 2024Q3 --dept 中央宣传部 --format csv --no-bom
case "$OUT" in 督办清单*) ok "--no-bom drops the BOM";; *) fail "--no-bom drops the BOM" "$(printf '%s' "$OUT" | head -c 20 | od -c | head -2)";; esac

# txt: aligned by display width, wrapped, nothing wider than the page
duban checklist --period 2024Q3 --dept 中央宣传部 --format txt
expect_rc "txt checklist" 0
expect_out "txt has the department" "单位：中央宣传部"
# per table line: its display width and the column of each ' | ' (tests/tool.c measure)
printf '%s\n' "$OUT" | grep -F ' | ' | "$TOOL" measure ' | ' >"$TMP/widths"
expect_eq "txt has more than 40 table lines" "$(awk 'END { print (NR > 40) }' "$TMP/widths")" 1
expect_eq "txt columns line up by display width" "$(cut -d' ' -f3-8 "$TMP/widths" | sort -u | wc -l)" 1
expect_eq "txt fits 150 columns" "$(awk '$1 > 150' "$TMP/widths")" ""
duban record 2024-11 --dept 中央宣传部 --status in-progress --period 2024Q2 --note "$(printf 'esc\033]0;x\007 here')"
duban checklist --period 2024Q3 --dept 中央宣传部
expect_out "txt shows a control character escaped" 'esc^[]0;x^G here'
expect_no_out "txt prints no control character" "$(printf '\033')"

# md
duban checklist --period 2024Q3 --dept 中央宣传部 --format md
expect_out "md is a table" "| 任务编号 | 任务内容 |"
expect_out "md escapes the pipe" '=HYPERLINK(1)\|已形成草案'

# xlsx: one sheet per department, print setup, validation
duban checklist --period 2024Q3 --all --format xlsx -o "$TMP/all.xlsx"
expect_rc "xlsx for all departments" 0
expect_out "xlsx says where" "$TMP/all.xlsx"
"$TOOL" unzip "$TMP/all.xlsx" xl/workbook.xml >"$TMP/wb.xml"
"$TOOL" xml "$TMP/wb.xml" >/dev/null && ok "xlsx workbook is well-formed XML" || fail "xlsx workbook is well-formed XML"
grep -q '<sheet name="中央宣传部"' "$TMP/wb.xml" && ok "xlsx has a sheet per department" || fail "xlsx has a sheet per department"
grep -q '_xlnm.Print_Titles' "$TMP/wb.xml" && ok "xlsx repeats the header row when printed" || fail "xlsx repeats the header row when printed"
grep -o '<sheet name="[^"]*"' "$TMP/wb.xml" | sed 's/^<sheet name="//; s/"$//' >"$TMP/sheets"
bad=$(sort "$TMP/sheets" | uniq -d; "$TOOL" measure <"$TMP/sheets" | awk '$2 > 31'; grep '[]:*?/\\[]' "$TMP/sheets")
if [ "$(wc -l <"$TMP/sheets")" -gt 30 ] && [ -z "$bad" ]; then ok "xlsx sheet names are unique, short and clean"
else fail "xlsx sheet names are unique, short and clean" "$(wc -l <"$TMP/sheets") sheets" "$bad"; fi
n=$(grep -o '<sheet name="[^"]*"' "$TMP/wb.xml" | grep -n '"中央宣传部"' | cut -d: -f1)
"$TOOL" unzip "$TMP/all.xlsx" "xl/worksheets/sheet$n.xml" >"$TMP/s.xml"
grep -q 'orientation="landscape"' "$TMP/s.xml" && grep -q 'paperSize="9"' "$TMP/s.xml" && ok "xlsx is A4 landscape" || fail "xlsx is A4 landscape"
grep -q 'state="frozen"' "$TMP/s.xml" && ok "xlsx header is frozen" || fail "xlsx header is frozen"
grep -q '<dataValidation type="list"' "$TMP/s.xml" && grep -q '未启动,推进中,滞后,已完成,持续推进' "$TMP/s.xml" && ok "xlsx status drop-down" || fail "xlsx status drop-down"
"$TOOL" unzip "$TMP/all.xlsx" xl/sharedStrings.xml | grep -q '推进《中华人民共和国著作权法实施条例》' && ok "xlsx holds the task text" || fail "xlsx holds the task text"

# --all into a folder
duban checklist --period 2024Q3 --all --format csv -o "$TMP/dir"
expect_rc "csv for all departments into a folder" 0
[ -f "$TMP/dir/checklist-2024Q3-中央宣传部.csv" ] && [ "$(ls "$TMP/dir" | wc -l)" -gt 30 ] && ok "one csv per department" || fail "one csv per department" "$(ls "$TMP/dir" | head)"

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

# Round trip: fill in two rows as Excel would save them (UTF-8 BOM, CRLF,
# quoted where needed), and a GB18030 copy; import.
"$TOOL" csv "$TMP/ck.csv" | awk -F'\t' -v OFS='\t' '
	$1 == "2024-2" { $8 = "已报送国务院，\\n待审议"; $9 = "国版发〔2024〕3号"; $10 = "推进中" }
	$1 == "2024-11" { $8 = "已印发"; $10 = "done" }
	{ print }' | "$TOOL" tocsv >"$TMP/filled.csv"
grep -q '"已报送国务院，' "$TMP/filled.csv" && ok "the filled-in csv quotes the two-line cell" || fail "the filled-in csv quotes the two-line cell"
iconv -f UTF-8 -t GB18030 "$TMP/filled.csv" | tail -c +4 >"$TMP/filled-gb.csv"
before=$(db_dump)
duban checklist import "$TMP/filled-gb.csv" --dry-run
expect_rc "dry run" 0
expect_out "dry run previews" "2024-2 中央宣传部 2024Q3 in-progress"
expect_eq "dry run writes nothing" "$(db_dump)" "$before"

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
expect_err "names the column and line" "nocol.csv' line 9: the column '本季度状态（填写）' is missing"
iconv -f UTF-8 -t UTF-16 "$TMP/filled.csv" >"$TMP/u16.csv"
duban checklist import "$TMP/u16.csv"
expect_rc "UTF-16 is refused" 3
expect_err "says how to save it" "CSV UTF-8"
printf '\377,\200\200\n' >"$TMP/junk.csv"
duban checklist import "$TMP/junk.csv"
expect_rc "bytes neither UTF-8 nor GB18030 are refused" 3
expect_err "names the encodings" "neither UTF-8 nor GB18030"
{ "$TOOL" csv "$TMP/filled.csv"
  printf '2024-5\t\t\t\t\t\t\t已完成\t\t已完成\n2024-12\t\t\t\t\t\t\t\t\t还行\n'; } | "$TOOL" tocsv >"$TMP/notours.csv"
duban checklist import "$TMP/notours.csv"
expect_rc "a row for a task that is not the department's refuses the file" 3
expect_err "reports the row's line" "notours.csv:41: 2024-12: unknown status '还行'"
expect_err "reports the other department's task" "notours.csv:40: 中央宣传部 is not on task 2024-5"
expect_err "nothing recorded" "nothing was recorded"
expect_eq "refused imports wrote nothing" "$(db_dump)" "$before"

duban checklist import "$TMP/filled-gb.csv"
expect_rc "GB18030 checklist imported" 0
expect_out "reports what it recorded" "recorded 2 records for 中央宣传部, 2024Q3"
expect_out "names the encoding" "GB18030"
duban history 2024-2 --format json
expect_out "the multi-line progress came back" '已报送国务院，\n待审议\n佐证材料：国版发〔2024〕3号'
duban history 2024-11 --format tsv
expect_out "English status accepted" "2024Q3 done"

# a liaison may import only its own department's checklist
duban --as zhang user add zhang --role office
duban --as zhang user add cai --role liaison --dept 财政部
before=$(db_dump)
duban --as cai checklist import "$TMP/filled.csv"
expect_rc "a liaison of another department is refused" 5
expect_eq "and nothing is written" "$(db_dump)" "$before"
