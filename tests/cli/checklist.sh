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
python3 - "$TMP/ck.csv" >"$TMP/py" 2>&1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
head = {r[0]: r[1] for r in rows[:6]}
assert head['单位'] == '中央宣传部', head
assert head['季度'] == '2024Q3' and head['上季度'] == '2024Q2', head
hdr = rows[7]
assert hdr[0] == '任务编号' and hdr[9].startswith('本季度状态'), hdr
body = {r[0]: r for r in rows[8:]}
assert body['2024-2'][2] == '牵头', body['2024-2']
assert body['2024-2'][4] == '推进中', body['2024-2']           # status at the end of 2024Q2, not 2024Q4
assert body['2024-2'][5] == "'=HYPERLINK(1)|已形成草案", body['2024-2'][5]
assert body['2024-9'][2] == '参与' and '财政部' in body['2024-9'][3], body['2024-9']
assert body['2024-9'][4] == '未报送'
assert all(not c.startswith(('=', '+', '-', '@')) for r in rows for c in r)
print("rows", len(body))
PY
grep -q "^rows 29" "$TMP/py" && ok "csv parses back with the right cells" || fail "csv parses back with the right cells" "$(cat "$TMP/py")"
duban checklist --period 2024Q3 --dept 中央宣传部 --format csv --no-bom
case "$OUT" in 督办清单*) ok "--no-bom drops the BOM";; *) fail "--no-bom drops the BOM" "$(printf '%s' "$OUT" | head -c 20 | od -c | head -2)";; esac

# txt: aligned by display width, wrapped, nothing wider than the page
duban checklist --period 2024Q3 --dept 中央宣传部 --format txt
expect_rc "txt checklist" 0
expect_out "txt has the department" "单位：中央宣传部"
printf '%s\n' "$OUT" >"$TMP/ck.txt"
python3 - "$TMP/ck.txt" >"$TMP/py" <<'PY'
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n') if ' | ' in l]
seps = set()
for l in lines:
    pos, i = [], l.find(' | ')
    while i >= 0:
        pos.append(w(l[:i])); i = l.find(' | ', i + 1)
    seps.add(tuple(pos[:6]))
print(len(lines) > 40, len(seps), max(w(l) for l in lines) <= 150)
PY
expect_eq "txt columns line up by display width and fit 150 columns" "$(cat "$TMP/py")" "True 1 True"
duban record 2024-11 --dept 中央宣传部 --status in-progress --period 2024Q2 --note "$(printf 'esc\033]0;x\007 here')"
duban checklist --period 2024Q3 --dept 中央宣传部
case "$OUT" in *"$(printf '\033')"*) fail "txt escapes control characters";; *) ok "txt escapes control characters";; esac

# md
duban checklist --period 2024Q3 --dept 中央宣传部 --format md
expect_out "md is a table" "| 任务编号 | 任务内容 |"
expect_out "md escapes the pipe" '=HYPERLINK(1)\|已形成草案'

# xlsx: one sheet per department, print setup, validation
duban checklist --period 2024Q3 --all --format xlsx -o "$TMP/all.xlsx"
expect_rc "xlsx for all departments" 0
expect_out "xlsx says where" "$TMP/all.xlsx"
unzip -p "$TMP/all.xlsx" xl/workbook.xml >"$TMP/wb.xml"
grep -q '<sheet name="中央宣传部"' "$TMP/wb.xml" && ok "xlsx has a sheet per department" || fail "xlsx has a sheet per department"
grep -q '_xlnm.Print_Titles' "$TMP/wb.xml" && ok "xlsx repeats the header row when printed" || fail "xlsx repeats the header row when printed"
python3 - "$TMP/wb.xml" <<'PY' && ok "xlsx sheet names are unique, short and clean" || fail "xlsx sheet names are unique, short and clean"
import re, sys
names = re.findall(r'<sheet name="([^"]*)"', open(sys.argv[1], encoding='utf-8').read())
assert len(names) > 30 and len(set(names)) == len(names)
assert all(len(n) <= 31 and not set(n) & set('[]:*?/\\') for n in names)
PY
n=$(grep -o '<sheet name="[^"]*"' "$TMP/wb.xml" | grep -n '"中央宣传部"' | cut -d: -f1)
unzip -p "$TMP/all.xlsx" "xl/worksheets/sheet$n.xml" >"$TMP/s.xml"
grep -q 'orientation="landscape"' "$TMP/s.xml" && grep -q 'paperSize="9"' "$TMP/s.xml" && ok "xlsx is A4 landscape" || fail "xlsx is A4 landscape"
grep -q 'state="frozen"' "$TMP/s.xml" && ok "xlsx header is frozen" || fail "xlsx header is frozen"
grep -q '<dataValidation type="list"' "$TMP/s.xml" && unzip -p "$TMP/all.xlsx" "xl/worksheets/sheet$n.xml" | grep -q '未启动,推进中,滞后,已完成,持续推进' && ok "xlsx status drop-down" || fail "xlsx status drop-down"
unzip -p "$TMP/all.xlsx" xl/sharedStrings.xml | grep -q '推进《中华人民共和国著作权法实施条例》' && ok "xlsx holds the task text" || fail "xlsx holds the task text"

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

# Round trip: fill in with python, save as UTF-8 BOM and as GB18030, import.
python3 - "$TMP/ck.csv" "$TMP/filled.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
for r in rows[8:]:
    if r[0] == '2024-2': r[7], r[8], r[9] = '已报送国务院，\n待审议', '国版发〔2024〕3号', '推进中'
    if r[0] == '2024-11': r[7], r[9] = '已印发', 'done'
csv.writer(open(sys.argv[2], 'w', encoding='utf-8-sig', newline='')).writerows(rows)
PY
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
python3 -c "
import sys; d=open(sys.argv[1],encoding='utf-8-sig').read().replace('本季度状态（填写）','备注'); open(sys.argv[2],'w',encoding='utf-8-sig').write(d)" "$TMP/filled.csv" "$TMP/nocol.csv"
duban checklist import "$TMP/nocol.csv"
expect_rc "missing column" 3
expect_err "names the column and line" "nocol.csv' line 8: the column '本季度状态（填写）' is missing"
iconv -f UTF-8 -t UTF-16 "$TMP/filled.csv" >"$TMP/u16.csv"
duban checklist import "$TMP/u16.csv"
expect_rc "UTF-16 is refused" 3
expect_err "says how to save it" "CSV UTF-8"
printf '\377,\200\200\n' >"$TMP/junk.csv"
duban checklist import "$TMP/junk.csv"
expect_rc "bytes neither UTF-8 nor GB18030 are refused" 3
expect_err "names the encodings" "neither UTF-8 nor GB18030"
python3 - "$TMP/filled.csv" "$TMP/notours.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
rows.append(['2024-5', '', '', '', '', '', '', '已完成', '', '已完成'])
rows.append(['2024-12', '', '', '', '', '', '', '', '', '还行'])
csv.writer(open(sys.argv[2], 'w', encoding='utf-8-sig', newline='')).writerows(rows)
PY
duban checklist import "$TMP/notours.csv"
expect_rc "a row for a task that is not the department's refuses the file" 3
expect_err "reports the row's line" "notours.csv:40: 2024-12: unknown status '还行'"
expect_err "reports the other department's task" "notours.csv:39: 中央宣传部 is not on task 2024-5"
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
