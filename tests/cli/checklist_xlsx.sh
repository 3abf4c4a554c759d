# The checklist workbook as offices meet it (issue 14): printed, filled in and
# saved by a spreadsheet program, and taken back. With LibreOffice installed
# (soffice, headless) the workbook duban writes is converted to PDF and
# measured, filled in by a Basic macro (tests/tools/lo-fill.xba) and saved
# by LibreOffice, and its CSV opened with "detect special numbers" on; the
# workbook saved so once is kept in tests/fixtures/checklists/ and imported
# everywhere, LibreOffice or not.
. "$(dirname "$0")/../lib.sh"
FIX="$SRC/tests/fixtures/checklists"

duban plans
duban --as zhang user add zhang --role office
duban --as zhang user add li --role liaison --dept 中央宣传部
duban --as zhang indicator add FYP14-I4 --plan FYP14 --dept 商务部
expect_rc "setup" 0

# the same fill-in, once by LibreOffice in this run and once as committed:
# CHECK_IMPORT NAME FILE checks what importing FILE (a fresh database's copy)
# records, and that a second import records nothing.
check_import() {
	name=$1 file=$2
	cp "$DUBAN_DB" "$TMP/before.db"
	before=$(db_dump)
	duban --as zhang checklist import "$file" --dry-run
	expect_rc "$name: dry run" 0
	expect_out "$name: dry run, row by row, with the sheet" "[中央宣传部]:11: 2024-2 中央宣传部 2024Q3 in-progress: 已报送国务院， 待审议 佐证材料：见附件1.pdf"
	expect_out "$name: evidence from the cell" "[中央宣传部]:11:   evidence 文号 国版发〔2024〕3号"
	expect_out "$name: a link" "[中央宣传部]:11:   evidence link https://www.ncac.gov.cn/a.html"
	expect_out "$name: a 文号 typed with [] comes back with 〔〕" "[国家知识产权局]:11:   evidence 文号 国知发保字〔2024〕3号"
	expect_out "$name: a note alone" "[中央宣传部]:14: 2024-12 中央宣传部 2024Q3 note: 正在征求意见 (a note alone: the status stays as it was)"
	expect_out "$name: the indicator row" "FYP14-I4 商务部 2025 = 4100.5"
	expect_out "$name: the summary" "dry run: 4 records, 3 evidence and 1 indicator value for 3 departments, 2024Q3"
	expect_eq "$name: the dry run wrote nothing" "$(db_dump)" "$before"
	duban --as zhang checklist import "$file"
	expect_rc "$name: imported" 0
	expect_out "$name: says what it recorded" "recorded 4 records, 3 evidence and 1 indicator value for 3 departments, 2024Q3"
	expect_out "$name: and the sheet the user added, passed over" "passed over the sheet '备注', which holds no checklist"
	duban history 2024-1 --format tsv
	expect_out "$name: a status typed in the sheet" "2024Q3 behind"
	expect_out "$name: its reason" "审议推迟"
	duban evidence list --task 2024-2 --format tsv
	expect_out "$name: the 文号 is evidence of 2024-2" "docno	国版发〔2024〕3号"
	duban indicator show FYP14-I4 --format json
	expect_out "$name: the indicator value" '"value": 4100.5, "typed": "4100.5", "source_kind": "url", "source": "https://example.org/2025", "dept": "商务部"'
	after=$(db_dump)
	duban --as zhang checklist import "$file"
	expect_rc "$name: imported again" 0
	expect_out "$name: again: each row recorded before" "2024-1 国家知识产权局 2024Q3 behind: 审议推迟 (already recorded"
	expect_out "$name: again: the value too" "FYP14-I4 商务部 2025 = 4100.5 (already recorded; nothing new)"
	expect_out "$name: again: nothing changes" "importing it again changes nothing"
	expect_eq "$name: again: the database is as it was" "$(db_dump)" "$after"
	# the liaison of 中央宣传部: the whole workbook is not its own, its sheet is
	duban --as li checklist import "$file"
	expect_rc "$name: a liaison is refused other departments' filled sheets" 5
	expect_err "$name: and told why" "is the checklist of"
	duban --as li checklist import "$file" --dept 中央宣传部
	expect_rc "$name: its own sheet (--dept)" 0
	expect_out "$name: its own sheet, recorded before" "nothing new from"
	cp "$TMP/before.db" "$DUBAN_DB"
	rm -f "$DUBAN_DB-wal" "$DUBAN_DB-shm"
}

# what departments write (tests/tools/lo-fill.xba's spec), and what a user
# does to the sheet: columns hidden, the id column no longer first
SPEC="$FIX/spec.tsv"

if ! command -v soffice >/dev/null 2>&1; then
	echo "  (no LibreOffice: the workbook it saved, committed, stands in for it)"
else
	LO="$TMP/lo"
	mkdir -p "$LO"
	HOME="$LO" soffice --headless --terminate_after_init >/dev/null 2>&1
	cp "$SRC/tests/tools/lo-fill.xba" "$LO/.config/libreoffice/4/user/basic/Standard/Module1.xba"
	# lo_fill IN OUT SPEC FILTER: open the workbook IN, make the edits of
	# SPEC, save it as OUT with FILTER (OUT.error says why when it fails)
	lo_fill() {
		HOME="$LO" DUBAN_FILL_IN="$1" DUBAN_FILL_OUT="$2" DUBAN_FILL_SPEC="$3" DUBAN_FILL_FILTER="$4" \
			timeout -k 5 120 soffice --headless "macro:///Standard.Module1.Fill" >"$TMP/lo.out" 2>&1
		[ -f "$2.error" ] && cat "$2.error" >>"$TMP/lo.out"
		return 0
	}
	# lo_convert FILE FORMAT [IN_FILTER]: LibreOffice's conversion of FILE
	lo_convert() {
		(cd "$(dirname "$1")" && HOME="$LO" timeout -k 5 120 soffice --headless ${3:+--infilter="$3"} \
			--convert-to "$2" "$(basename "$1")" >>"$TMP/lo.out" 2>&1)
	}

	# ---- printed: the way a user checks it ----
	duban checklist --period 2024Q3 --dept 国家知识产权局 --format xlsx -o "$TMP/cnipa.xlsx"
	lo_convert "$TMP/cnipa.xlsx" pdf
	[ -s "$TMP/cnipa.pdf" ] && ok "LibreOffice prints the workbook" || fail "LibreOffice prints the workbook"
	pdftotext -raw "$TMP/cnipa.pdf" - | tr -d ' \n\f' >"$TMP/printed.txt"
	duban tasks --dept 国家知识产权局 --plan 2024 --format tsv
	printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $1 "\t" $NF "\t" $7 }' >"$TMP/texts"
	missing=$(while IFS='	' read -r id text others; do
		t=$(printf '%s' "$text" | tr -d ' ')
		grep -qF -- "$t" "$TMP/printed.txt" || printf '%s ' "$id"
	done <"$TMP/texts")
	[ "$(wc -l <"$TMP/texts")" -gt 40 ] && [ -z "$missing" ] &&
		ok "every task's text prints whole (LibreOffice leaves out what a row is too short for)" ||
		fail "every task's text prints whole" "cut: $missing"
	# the page's scale: the id column's width in the PDF against the file's
	"$TOOL" unzip "$TMP/cnipa.xlsx" xl/worksheets/sheet1.xml >"$TMP/s.xml"
	wa=$(grep -o '<col min="1" max="1" width="[0-9.]*"' "$TMP/s.xml" | sed 's/.*width="//; s/"//')
	pdftotext -bbox "$TMP/cnipa.pdf" - >"$TMP/bbox"
	xa=$(grep -m1 '>2024-1<' "$TMP/bbox" | sed 's/.*xMin="\([0-9.]*\)".*/\1/')
	xb=$(grep -m1 -A1 '>2024-1<' "$TMP/bbox" | tail -1 | sed 's/.*xMin="\([0-9.]*\)".*/\1/')
	scale=$(awk -v a="$xa" -v b="$xb" -v w="$wa" 'BEGIN { printf "%.2f", (b - a) / (w * 7 * 0.75) }')
	# LibreOffice measures Arial's digit unrounded (7.4 pixels, not 7): a
	# column prints 1.06 times as wide, and the page is not scaled down
	expect_eq "the page prints at full size (id column $wa wide: scale $scale, 1.06 is 100 %)" \
		"$(awk -v s="$scale" 'BEGIN { print (s >= 1.0 && s <= 1.1) }')" 1
	word=$(grep -m1 -A1 '>2024-1<' "$TMP/bbox" | tail -1)
	chars=$(printf '%s' "$word" | sed 's/<[^>]*>//g; s/^ *//' | "$TOOL" measure | awk '{ print $1 / 2 }')
	pt=$(printf '%s' "$word" | awk -v n="$chars" -F'"' '{ printf "%.1f", ($6 - $2) / n }')
	expect_eq "the text prints at ${pt} pt a character (at least 9)" "$(awk -v p="$pt" 'BEGIN { print (p >= 9) }')" 1
	pdftoppm -r 60 -f 1 -l 1 -png "$TMP/cnipa.pdf" "$TMP/page"
	[ "$(stat -c %s "$TMP/page-1.png" 2>/dev/null || echo 0)" -gt 20000 ] && ok "page 1 renders to PNG" ||
		fail "page 1 renders to PNG" "$(ls -l "$TMP"/page* 2>&1)"

	# ---- filled in and saved by LibreOffice ----
	duban checklist --period 2024Q3 --all --format xlsx -o "$TMP/all.xlsx"
	lo_fill "$TMP/all.xlsx" "$TMP/filled-lo.xlsx" "$SPEC" "Calc MS Excel 2007 XML"
	if [ -n "${UPDATE_FIXTURES:-}" ]; then
		cp "$TMP/filled-lo.xlsx" "$FIX/filled-libreoffice.xlsx"
		echo "  wrote $FIX/filled-libreoffice.xlsx"
	fi
	[ -s "$TMP/filled-lo.xlsx" ] && ok "LibreOffice filled in and saved the workbook" ||
		fail "LibreOffice filled in and saved the workbook" "$(cat "$TMP/lo.out")"
	"$TOOL" unzip "$TMP/filled-lo.xlsx" docProps/app.xml | grep -q 'LibreOffice' &&
		ok "the file is LibreOffice's own" || fail "the file is LibreOffice's own"
	check_import "saved by LibreOffice" "$TMP/filled-lo.xlsx"

	# a formula typed in a cell the import reads
	printf '国家知识产权局\t2024-7\t本季度状态（填写）\tf\t="推进"&"中"\n' >"$TMP/formula.tsv"
	lo_fill "$TMP/filled-lo.xlsx" "$TMP/formula.xlsx" "$TMP/formula.tsv" "Calc MS Excel 2007 XML"
	before=$(db_dump)
	duban checklist import "$TMP/formula.xlsx"
	expect_rc "a formula in a cell is refused" 3
	expect_err "naming the cell and the formula" "formula.xlsx[国家知识产权局]:12: cell H12 holds a formula (=\"推进\"&\"中\")"
	expect_eq "and nothing is written" "$(db_dump)" "$before"
	# a row copied by the user: the task twice
	printf '国家知识产权局\t2024-1\t\tdup\t\n' >"$TMP/dup.tsv"
	lo_fill "$TMP/filled-lo.xlsx" "$TMP/dup.xlsx" "$TMP/dup.tsv" "Calc MS Excel 2007 XML"
	duban checklist import "$TMP/dup.xlsx"
	expect_rc "a row copied in the sheet is refused" 3
	expect_err "naming both rows" "dup.xlsx[国家知识产权局]:12: 2024-1: the task is on the checklist twice for 国家知识产权局 (also $TMP/dup.xlsx[国家知识产权局]:11)"

	# ---- the CSV in LibreOffice with "detect special numbers" on ----
	# opened as a Chinese user's Calc would (UTF-8, language 2052), edited,
	# saved as a workbook and, from that, as CSV again
	special='CSV:44,34,76,1,,2052,false,true'
	duban checklist --period 2024Q3 --dept 中央宣传部 --format csv -o "$TMP/ck.csv"
	mkdir -p "$TMP/csv"
	cp "$TMP/ck.csv" "$TMP/csv/ck.csv"
	lo_convert "$TMP/csv/ck.csv" xlsx "$special"
	printf '*\t2024-2\t本季度状态（填写）\ts\t推进中\n*\t2024-2\t本季度进展（填写）\ts\t经LibreOffice\n' >"$TMP/csv.tsv"
	lo_fill "$TMP/csv/ck.xlsx" "$TMP/csv/ck-lo.xlsx" "$TMP/csv.tsv" "Calc MS Excel 2007 XML"
	lo_convert "$TMP/csv/ck-lo.xlsx" "csv:Text - txt - csv (StarCalc):44,34,76,1"
	for f in ck-lo.xlsx ck-lo.csv; do
		duban --as zhang checklist import "$TMP/csv/$f" --dry-run
		expect_rc "the CSV through LibreOffice ($f): taken" 0
		expect_out "the CSV through LibreOffice ($f): the id came back as it was" "2024-2 中央宣传部 2024Q3 in-progress: 经LibreOffice"
		expect_out "the CSV through LibreOffice ($f): the 28 other ids too" "28 rows were left empty"
	done
	"$TOOL" unzip "$TMP/csv/ck.xlsx" xl/worksheets/sheet1.xml | grep -o '<c r="A1[1-9]"[^>]*>' >"$TMP/ids.xml"
	expect_eq "every id is a text cell in LibreOffice" "$(grep -c 't="s"' "$TMP/ids.xml") $(grep -vc 't="s"' "$TMP/ids.xml")" "9 0"
	# the TAB is what keeps such a cell text where a date would be detected
	printf 'a,b\r\n"\t2024-01-15",x\r\n2024-01-15,x\r\n' >"$TMP/csv/tab.csv"
	lo_convert "$TMP/csv/tab.csv" xlsx "$special"
	"$TOOL" unzip "$TMP/csv/tab.xlsx" xl/worksheets/sheet1.xml >"$TMP/tab.xml"
	grep -q '<c r="A2" [^>]*t="s"' "$TMP/tab.xml" && grep -q '<c r="A3" [^>]*t="n"' "$TMP/tab.xml" &&
		ok "LibreOffice keeps a TAB-led date text, and makes the bare one a date" ||
		fail "LibreOffice keeps a TAB-led date text" "$(grep -o '<c r="A[23]"[^>]*>' "$TMP/tab.xml")"
fi

# the workbooks saved from the same spec, committed (see their README): the
# one LibreOffice saved, and any other program's filled-PROGRAM.xlsx beside it
for f in "$FIX"/filled-*.xlsx; do
	check_import "committed, $(basename "$f")" "$f"
done
