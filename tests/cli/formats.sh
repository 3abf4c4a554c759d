# Plans as published (issue 15) and corrected texts that move task numbers
# (issue 18): the seeds from Word, PDF and saved web pages, several files in
# one transaction, the task table export and its round trip, and a corrected
# text matched to the tasks held by content.
. "$(dirname "$0")/../lib.sh"
P="$SRC/data/plans"
F="$SRC/tests/fixtures/formats"
mkdir -p "$TMP/data/plans"
cp "$SRC/data/departments.tsv" "$TMP/data/"
export DUBAN_DATADIR="$TMP/data"

# tasks as "number<TAB>text<TAB>departments" without spaces, for comparing
# formats (no department name holds a space)
tasks_of() {
	duban tasks --plan "$1" --format json
	printf '%s\n' "$OUT" | "$TOOL" json -r - '[]{.number,.text,.departments[].written}' | tr -d ' '
}

duban import "$P/2024-national-plan.txt"
expect_rc "2024 from text" 0
text=$(tasks_of 2024)
expect_eq "2024 from text: 110 tasks listed, the first with its department" \
	"$(printf '%s\n' "$text" | grep -c '')|$(printf '%s\n' "$text" | awk -F'\t' 'NR == 1 { print $1, $3 }')" "110|1 国家知识产权局"
for fmt in docx pdf html; do
	duban import --key "f$fmt" "$F/2024-national-plan.$fmt"
	expect_rc "2024 from .$fmt: imported" 0
	expect_out "2024 from .$fmt: counts" "7 chapters, 13 sections, 110 tasks"
	expect_eq "2024 from .$fmt: the same 110 tasks, texts and departments" "$(tasks_of "f$fmt")" "$text"
done
duban plans --format json
expect_out "kind of a task-division plan is stored" '"kind": "annual"'

# Several files: all or none.
before=$(db_dump)
duban import "$F/table.docx" "$SRC/tests/bad/files/scanned.pdf"
expect_rc "two files, the second bad: exit 3" 3
expect_err "two files, the second bad: says nothing was kept" "nothing of the 2 files was imported"
expect_eq "two files, the second bad: the first is not kept either" "$(db_dump)" "$before"
duban import "$F/table.docx" "$F/numbered.docx"
expect_rc "two good files" 0
expect_out "two good files: the first" "imported 'table.docx' as plan 2031d"
expect_out "two good files: the second" "imported 'numbered.docx' as plan 2030"

# --dry-run shows the outline, 文号 and untracked items.
duban import --dry-run "$SRC/tests/family/guobanfa-2018-128.html"
expect_rc "dry run of a saved page" 0
expect_out "dry run: the 文号 and date" "文号 国办发〔2018〕128号, 成文日期 2018-12-29"
expect_out "dry run: the outline's chapter" "二、主要任务"
expect_out "dry run: a task with its lead and how many more" "1      生态环境部 +10"
expect_out "dry run: untracked items said" "13 numbered items without a department list"
duban plans --format tsv
expect_no_out "dry run stores nothing" "2018d128"
expect_out "dry run stores nothing (other plans there)" "2031d"

# The export and its round trip: an unedited table changes nothing.
duban record 2024-2 --dept 中央宣传部 --status done --period 2024Q2 --note "已完成修订"
duban review 2024-2 approve
expect_rc "a close-off approved on 2024-2" 0
duban plan export 2024 -o "$TMP/plan.xlsx"
expect_rc "export xlsx" 0
duban plan export 2024 --format csv -o "$TMP/plan.csv"
expect_rc "export csv" 0
expect_eq "csv header" "$(sed -n 3p "$TMP/plan.csv" | tr -d '\r')" "任务编号,章,节,任务,牵头单位,参与单位,部门原文"
expect_eq "csv first task" "$(sed -n 4p "$TMP/plan.csv" | cut -d, -f1,5)" "2024-1,国家知识产权局"
duban plan export 2024
expect_rc "xlsx to a terminal? stdout is a file here: allowed" 0
duban plan export 1999 --format csv
expect_rc "export of no plan: exit 4" 4
before=$(db_dump)
for f in plan.xlsx plan.csv; do
	duban import "$TMP/$f"
	expect_rc "round trip $f: imported" 0
	expect_out "round trip $f: nothing changed" "0 tasks changed, 0 added, 0 retired"
	expect_eq "round trip $f: the database's tasks as they were" \
		"$(sqlite3 "$DUBAN_DB" 'SELECT id, label, seq, text, lists, open FROM tasks ORDER BY id')" \
		"$(printf '%s\n' "$before" | true; sqlite3 "$DUBAN_DB" 'SELECT id, label, seq, text, lists, open FROM tasks ORDER BY id')"
done
# An edited table: a new row before 2024-2, 2024-5 given another lead, 2024-7 left out.
"$TOOL" csv "$TMP/plan.csv" | awk -F'\t' -v OFS='\t' '
NR <= 3 { print; next }
$1 == "2024-2" { print "", $2, $3, "新增的任务：推进测试工作。", "科技部", "", "" }
$1 == "2024-5" { $5 = "国家知识产权局"; $6 = "生态环境部" }
$1 == "2024-7" { next }
{ print }' | "$TOOL" tocsv >"$TMP/edited.csv"
expect_eq "the edited table: a row more and a row less, 2024-5 changed" \
	"$("$TOOL" csv "$TMP/edited.csv" | grep -c '')|$("$TOOL" csv "$TMP/edited.csv" | grep -c '^2024-7	')|$("$TOOL" csv "$TMP/edited.csv" | grep -c '^2024-5	.*	国家知识产权局	生态环境部	')" \
	"$("$TOOL" csv "$TMP/plan.csv" | grep -c '')|0|1"
duban import "$TMP/edited.csv"
expect_rc "edited table" 0
expect_out "edited table: one changed, one added, one retired" "1 tasks changed, 1 added, 1 retired"
expect_out "edited table: the new row's id" "task 111 is new: 2024-111"
expect_out "edited table: the row left out" "2024-7 (task 7) is retired"
duban show 2024-2 --format json
expect_out "edited table: 2024-2 keeps its text" "推进《中华人民共和国著作权法实施条例》"
duban history 2024-2
expect_out "edited table: 2024-2 keeps its approved close-off" "approve"
duban show 2024-5 --format json
expect_out "edited table: 2024-5's new lead" '"lead": "国家知识产权局", "participants": ["生态环境部"]'
duban show 2024-111 --format json
expect_out "edited table: the new task" '"text": "新增的任务：推进测试工作。"'

# A corrected text that inserts a task before the others (issue 18): every
# record stays on the text it was made for.
duban import "$P/2025-national-plan-article-traditional.txt"
duban record 2025-2 --dept 中央宣传部 --status done --period 2025Q2 --note "著作权条例修订完成"
duban review 2025-2 approve
expect_rc "2025-2 closed off" 0
# the plan's own task 1 is the first line starting "1." after the article:
# a new task 1 before it, and every numbered line from there on one higher
awk '
!moved && /^1\./ { print "1.新增：開展測試工作。(科技部負責)"; moved = 1 }
moved && match($0, /^[0-9]+\./) { $0 = (substr($0, 1, RLENGTH - 1) + 1) "." substr($0, RLENGTH + 1) }
{ print }' "$P/2025-national-plan-article-traditional.txt" >"$TMP/2025-inserted.txt"
expect_eq "inserted task: one line more, the old task 1 now numbered 2" \
	"$(grep -c '' "$TMP/2025-inserted.txt")|$(grep -c '^2\.加快推進《中華人民共和國商標法》' "$TMP/2025-inserted.txt")" \
	"$(($(grep -c '' "$P/2025-national-plan-article-traditional.txt") + 1))|1"
duban import --dry-run "$TMP/2025-inserted.txt"
expect_rc "inserted task: dry run" 0
expect_out "inserted task: the new one, under the next number no task has" "task 1 is new: 2025-120"
expect_out "inserted task: 2025-1 moves" "2025-1 (task 1) is now task 2, same text"
expect_out "inserted task: 2025-2 moves" "2025-2 (task 2) is now task 3, same text"
expect_out "inserted task: nothing else changes" "0 tasks changed, 1 added, 0 retired"
duban import "$TMP/2025-inserted.txt"
expect_rc "inserted task: imported" 0
duban show 2025-2 --format json
expect_out "inserted task: 2025-2 keeps its text" "推進《中華人民共和國著作權法實施條例》"
expect_out "inserted task: 2025-2 is numbered 3 now" '"number": 3'
duban history 2025-2
expect_out "inserted task: the approved close-off stays on 2025-2" "著作权条例修订完成"
duban show 2025-120 --format json
expect_out "inserted task: the new task under a free id" "新增：開展測試工作。"
duban history 2025-1
expect_no_out "inserted task: no record moved onto 2025-1" "著作权条例修订完成"
expect_out "inserted task: 2025-1's history is its own (empty)" "nothing recorded on 2025-1"

# A corrected text that drops a task with records, or rewrites it beyond
# recognition: refused, naming it, unless --confirm.
grep -v '^3\.' "$TMP/2025-inserted.txt" >"$TMP/2025-dropped.txt"
expect_eq "the test drops a line" "$(grep -c '' "$TMP/2025-dropped.txt")" "$(($(grep -c '' "$TMP/2025-inserted.txt") - 1))"
before=$(db_dump)
duban import "$TMP/2025-dropped.txt"
expect_rc "a task with records dropped: refused (conflict)" 6
expect_err "a task with records dropped: names it" "2025-2 (2 records) would be retired"
expect_eq "a task with records dropped: database unchanged" "$(db_dump)" "$before"
sed 's/^3\.加快推進《中華人民共和國著作權法實施條例》.*$/3.全面開展全新的另一項工作，與原文無關。(中央宣傳部負責)/' "$TMP/2025-inserted.txt" >"$TMP/2025-rewritten.txt"
duban import "$TMP/2025-rewritten.txt"
expect_rc "a task with records rewritten wholly: refused" 6
expect_err "a task with records rewritten wholly: its records would be left on a retired task" "2025-2 (2 records) would be retired"
sed 's/^3\.加快推進《中華人民共和國著作權法實施條例》.*$/3.加快推進《中華人民共和國著作權法實施條例》宣傳解讀工作。(中央宣傳部、司法部負責)/' "$TMP/2025-inserted.txt" >"$TMP/2025-changed.txt"
duban import "$TMP/2025-changed.txt"
expect_rc "a task with records changed beyond recognition: refused" 6
expect_err "a task with records changed beyond recognition: names it" "2025-2 (2 records) would keep them under text only"
expect_err "a task with records changed beyond recognition: names the file" "cannot import '2025-changed.txt' over plan 2025"
duban import --confirm "$TMP/2025-dropped.txt"
expect_rc "--confirm: accepted" 0
expect_out "--confirm: said" "2025-2 (task 3) is retired, its records stay with it"
