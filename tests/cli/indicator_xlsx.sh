# `duban indicator import` of a workbook (issue 16): the tables of indicators
# and of values saved as .xlsx (written here by tests/tool.c with
# libxlsxwriter, numbers as number cells, and by LibreOffice when it is
# installed) make exactly the database the same tables make as CSV; a
# workbook's rows are named by file, sheet and row; the first sheet with a
# table is read; what is not a workbook, a damaged one, a zip bomb, a sheet
# without a table are refused with the database as it was.
. "$(dirname "$0")/../lib.sh"
FIX="$SRC/tests/fixtures"
BAD="$SRC/tests/bad/files"

# db_norm: the database with what two runs of the same imports cannot share
# (random ids, the tamper chain's hashes, times) made equal
db_norm() {
	sqlite3 "$DUBAN_DB" .dump |
		sed -E 's/[0-9a-f]{64}/H/g; s/[0-9a-f]{32}/I/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/T/g'
}
# fresh NAME: a new database NAME with the bundled plans and the office user
fresh() {
	export DUBAN_DB="$TMP/$1.db"
	duban plans
	duban --as zhang user add zhang --role office
	expect_rc "$1: a new database" 0
}

# the two tables as CSV and as workbooks: the table of indicators after a
# sheet of notes (the first sheet with a table is the one read)
mkdir -p "$TMP/csv" "$TMP/xlsx"
cp "$FIX/indicators-fyp14-targets.csv" "$TMP/csv/defs.csv"
cp "$FIX/indicator-values-2023.csv" "$TMP/csv/values.csv"
"$TOOL" csv "$TMP/csv/defs.csv" >"$TMP/defs.tsv"
"$TOOL" csv "$TMP/csv/values.csv" >"$TMP/values.tsv"
printf '填表说明：每个指标一行，数值按统计期填写\n' >"$TMP/notes.tsv"
"$TOOL" toxlsx "$TMP/xlsx/defs.xlsx" 填表说明 "$TMP/notes.tsv" 指标 "$TMP/defs.tsv"
"$TOOL" toxlsx "$TMP/xlsx/values.xlsx" 数值 "$TMP/values.tsv"
"$TOOL" unzip "$TMP/xlsx/values.xlsx" xl/worksheets/sheet1.xml >"$TMP/sheet1.xml"
grep -q '<c r="C3"><v>3765.2</v></c>' "$TMP/sheet1.xml" &&
	ok "the workbook holds the values as number cells" ||
	fail "the workbook holds the values as number cells" "$(head -c 600 "$TMP/sheet1.xml")"

# ---- the same tables from CSV and from XLSX: the same database ----
fresh csv
duban --as zhang indicator import "$TMP/csv/defs.csv"
expect_rc "csv: the table of indicators" 0
duban --as zhang indicator import "$TMP/csv/values.csv"
expect_rc "csv: the table of values" 0
expect_out "csv: the summary names the encoding" "recorded 8 values from '$TMP/csv/values.csv' (UTF-8)"
db_norm >"$TMP/csv.dump"

fresh xlsx
duban --as zhang indicator import "$TMP/xlsx/defs.xlsx" --dry-run
expect_rc "xlsx: dry run of the table of indicators" 0
expect_out "xlsx: a row by its file, sheet and row" "defs.xlsx[指标]:6: FYP14-I4 知识产权使用费年进出口总额: changed"
expect_out "xlsx: the summary names the sheet" "dry run: 8 indicators from '$TMP/xlsx/defs.xlsx' (XLSX, sheet '指标'): 0 new, 8 changed"
expect_no_out "xlsx: the sheet of notes is passed over" "[填表说明]"
duban --as zhang indicator import "$TMP/xlsx/defs.xlsx"
expect_rc "xlsx: the table of indicators" 0
duban --as zhang indicator import "$TMP/xlsx/values.xlsx"
expect_rc "xlsx: the table of values" 0
expect_out "xlsx: a number cell as the number typed" "values.xlsx[数值]:3: FYP14-I4 知识产权使用费年进出口总额 2023 = 3765.2"
expect_out "xlsx: the value with its unit" "values.xlsx[数值]:4: FYP14-I7 知识产权保护社会满意度 2023 = 82.04"
expect_out "xlsx: the summary" "recorded 8 values from '$TMP/xlsx/values.xlsx' (XLSX, sheet '数值'), 0 correcting"
db_norm >"$TMP/xlsx.dump"
grep -q "INSERT INTO indicator_values VALUES('I','FYP14-I4','2023','3765.2','3765.2'" "$TMP/xlsx.dump" &&
	ok "xlsx: the value is in the database" || fail "xlsx: the value is in the database"
if cmp -s "$TMP/csv.dump" "$TMP/xlsx.dump"; then
	ok "both tables from XLSX give exactly the database they give from CSV"
else
	fail "both tables from XLSX give exactly the database they give from CSV" \
		"$(diff "$TMP/csv.dump" "$TMP/xlsx.dump" | head -8)"
fi
duban indicator show FYP14-I4 --format json
expect_out "xlsx: the indicator as the CSV defined it" '"baseline": {"year": 2020, "value": 3194.4'

# ---- refusals: by file, sheet and row; the database as it was ----
printf '指标\t统计期\t数值\t来源\n知识产权使用费年进出口总额\t2024\t3987.1\t新华社 2025-07-17\n不存在的指标\t2024\t1\t\n知识产权保护社会满意度\t2024\t82.36%%\t\n每万人口高价值发明专利拥有量\t\t15\t\n' >"$TMP/bad.tsv"
"$TOOL" toxlsx "$TMP/bad-values.xlsx" Sheet1 "$TMP/bad.tsv"
before=$(db_dump)
duban --as zhang indicator import "$TMP/bad-values.xlsx"
expect_rc "a workbook with bad rows is refused" 3
expect_err "a bad row by file, sheet and row (3)" "bad-values.xlsx[Sheet1]:3: unknown indicator '不存在的指标'"
expect_err "a bad row by file, sheet and row (4)" "bad-values.xlsx[Sheet1]:4: '82.36%' is written in '%'"
expect_err "a bad row by file, sheet and row (5)" "bad-values.xlsx[Sheet1]:5: 每万人口高价值发明专利拥有量: no period"
expect_no_err "the good row is not refused" "bad-values.xlsx[Sheet1]:2:"
expect_eq "a refused workbook changes nothing" "$(db_dump)" "$before"

# a workbook named .csv is read as what it is, and said so
cp "$TMP/xlsx/values.xlsx" "$TMP/values-saved-as.csv"
duban --as zhang indicator import "$TMP/values-saved-as.csv" --dry-run
expect_rc "a workbook named .csv is read" 0
expect_err "and the user is told" "'$TMP/values-saved-as.csv' is an Excel workbook, not CSV text: it was read as a workbook"
expect_out "its rows by sheet" "values-saved-as.csv[数值]:3: FYP14-I4"
expect_eq "a dry run writes nothing" "$(db_dump)" "$before"

# text named .xlsx, a damaged workbook, an empty sheet, no table, a zip bomb
cp "$TMP/csv/values.csv" "$TMP/values-named.xlsx"
duban --as zhang indicator import "$TMP/values-named.xlsx"
expect_rc "a CSV named .xlsx is refused" 3
expect_err "saying what to do" "it is not an Excel workbook, though named like one (a workbook is a ZIP archive, this file is text); if it is a CSV table, name it .csv"
size=$(wc -c <"$TMP/xlsx/values.xlsx")
head -c $((size / 2)) "$TMP/xlsx/values.xlsx" >"$TMP/cut.xlsx"
duban --as zhang indicator import "$TMP/cut.xlsx"
expect_rc "a damaged workbook is refused" 3
expect_err "naming the file" "cannot read '$TMP/cut.xlsx'"
"$TOOL" toxlsx "$TMP/empty.xlsx" Sheet1 /dev/null
duban --as zhang indicator import "$TMP/empty.xlsx"
expect_rc "a workbook with an empty sheet is refused" 3
expect_err "saying the sheet is empty" "none of its 1 sheets has a column header with a column 指标 (or 指标名称, 指标编号) (the sheet is empty)"
"$TOOL" toxlsx "$TMP/notable.xlsx" 填表说明 "$TMP/notes.tsv" 其他 "$TMP/notes.tsv"
duban --as zhang indicator import "$TMP/notable.xlsx"
expect_rc "a workbook without a table is refused" 3
expect_err "naming the headers looked for" "none of its 2 sheets has a column header with a column 指标 (or 指标名称, 指标编号); a table of indicators has the columns 指标, 单位"
"$TOOL" toxlsx "$TMP/hidden.xlsx" 填表说明 "$TMP/notes.tsv" '~数值' "$TMP/values.tsv"
duban --as zhang indicator import "$TMP/hidden.xlsx"
expect_rc "a table on a hidden sheet only is refused" 3
expect_err "saying which sheet to unhide" "the only sheet with a column header, '数值', is hidden"
duban --as zhang indicator import "$BAD/checklist-zip-bomb.xlsx"
expect_rc "a zip bomb is refused" 3
expect_err "as one" "zip bomb"
expect_eq "nothing refused changed the database" "$(db_dump)" "$before"

# ---- as LibreOffice saves it ----
if ! command -v soffice >/dev/null 2>&1; then
	echo "  (no LibreOffice (soffice): the workbooks it saves are not tried)"
else
	mkdir -p "$TMP/lo/home" "$TMP/lo/out"
	# the CSV opened as UTF-8, comma-separated, and saved as .xlsx
	(cd "$TMP/csv" && HOME="$TMP/lo/home" timeout -k 5 120 soffice --headless \
		--infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$TMP/lo/out" defs.csv values.csv \
		>"$TMP/lo.out" 2>&1)
	if [ ! -s "$TMP/lo/out/defs.xlsx" ] || [ ! -s "$TMP/lo/out/values.xlsx" ]; then
		fail "LibreOffice converts the CSV tables to .xlsx" "$(cat "$TMP/lo.out")"
	else
		fresh lo
		duban --as zhang indicator import "$TMP/lo/out/defs.xlsx"
		expect_rc "LibreOffice: the table of indicators" 0
		expect_out "LibreOffice: named by its sheet" "defs.xlsx[defs]:6: FYP14-I4 知识产权使用费年进出口总额: changed"
		duban --as zhang indicator import "$TMP/lo/out/values.xlsx"
		expect_rc "LibreOffice: the table of values" 0
		expect_out "LibreOffice: 91.9% came back as a percentage" "values.xlsx[values]:5: FYP14-I8 知识产权民事一审案件服判息诉率 2023 = 91.9"
		db_norm >"$TMP/lo.dump"
		# LibreOffice makes the text 8,539.9 the number 8539.9: the same value,
		# which is what the workbook holds as typed
		grep -q "VALUES('I','FYP14-I3','2023','8539.9','8539.9'" "$TMP/lo.dump" &&
			ok "LibreOffice: 8,539.9 as the number it made of it" ||
			fail "LibreOffice: 8,539.9 as the number it made of it" "$(grep FYP14-I3 "$TMP/lo.dump" | head -3)"
		sed "s/'8539.9','8,539.9'/'8539.9','8539.9'/" "$TMP/csv.dump" >"$TMP/csv-lo.dump"
		if cmp -s "$TMP/csv-lo.dump" "$TMP/lo.dump"; then
			ok "LibreOffice's workbooks give the database the CSV gives"
		else
			fail "LibreOffice's workbooks give the database the CSV gives" \
				"$(diff "$TMP/csv-lo.dump" "$TMP/lo.dump" | head -8)"
		fi
	fi
fi
