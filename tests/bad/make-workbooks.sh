#!/bin/sh
# Makes the bad checklist workbooks of the catalogue (tests/bad/cases.tsv,
# ck-xlsx-*), which are committed so the catalogue runs without this: the
# 2024Q3 checklist of 中央宣传部 as duban writes it (a database with the
# bundled plans), then changed part by part as another program or a hand
# would, and zipped again with the tests' tool. Needs a built duban and tool
# (make tests). Run it from anywhere.
#
# The sheet is edited as lines: its XML declaration, then one line for each
# row, cell and row end (duban writes the rest of the part on one line, and
# the lines are joined again when the part is written).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TOOL=$root/build/tests/tool
[ -x "$TOOL" ] && [ -x "$root/build/duban" ] || { echo "make-workbooks.sh: run make tests first" >&2; exit 1; }
OUT=$here/files
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DUBAN_DB="$work/t.db" XDG_DATA_HOME="$work" "$root/build/duban" plans >/dev/null 2>&1
DUBAN_DB="$work/t.db" XDG_DATA_HOME="$work" "$root/build/duban" checklist --period 2024Q3 \
	--dept 中央宣传部 --format xlsx -o "$work/ck.xlsx" >/dev/null
SHEET=xl/worksheets/sheet1.xml
set -f   # part names such as [Content_Types].xml are no patterns
PARTS=$("$TOOL" unzip "$work/ck.xlsx")
for n in $PARTS; do
	mkdir -p "$work/parts/$(dirname "$n")"
	"$TOOL" unzip "$work/ck.xlsx" "$n" >"$work/parts/$n"
done
# the shared strings, the text of item K on line K+1
sed 's/<si>/\n<si>/g' "$work/parts/xl/sharedStrings.xml" | grep '^<si>' |
	sed 's/^<si><t[^>]*>\(.*\)<\/t><\/si>.*$/\1/' >"$work/shared"
# the sheet as lines
sed '2,$ { s/<row /\n<row /g; s/<c /\n<c /g; s/<\/row>/\n<\/row>/g; s/<\/sheetData>/\n<\/sheetData>/g; }' \
	"$work/parts/$SHEET" >"$work/sheet"

die() { echo "make-workbooks.sh: $*" >&2; exit 1; }

# cell_text REF: the shared string the original sheet's cell REF holds
cell_text() {
	k=$(sed -n "s/^<c r=\"$1\"[^>]*t=\"s\"[^>]*><v>\([0-9]*\)<\/v><\/c>\$/\1/p" "$work/sheet")
	[ -z "$k" ] || sed -n "$((k + 1))p" "$work/shared"
}
# col_of LABEL: the column letter of the header LABEL (row 10)
col_of() {
	for col in A B C D E F G H I J; do
		[ "$(cell_text "${col}10")" != "$1" ] || { echo "$col"; return; }
	done
	die "no column $1"
}
# row_of TASK: the row of TASK's id in column A
row_of() {
	r=11
	while [ $r -lt 200 ]; do
		[ "$(cell_text "A$r")" != "$1" ] || { echo "$r"; return; }
		r=$((r + 1))
	done
	die "no row $1"
}
# put FILE REF INNER TYPE: cell REF of the sheet lines FILE holds INNER (its
# XML) of type TYPE, in its own style, as a program writes it
put() {
	REF=$2 INNER=$3 TYPE=$4 awk '
	!done && index($0, "<c r=\"" ENVIRON["REF"] "\" s=\"") == 1 {
		s = substr($0, length(ENVIRON["REF"]) + 12)
		s = substr(s, 1, index(s, "\"") - 1)
		print "<c r=\"" ENVIRON["REF"] "\" s=\"" s "\" t=\"" ENVIRON["TYPE"] "\">" ENVIRON["INNER"] "</c>"
		done = 1
		next
	}
	{ print }
	END { exit !done }' "$1" >"$1.new" || die "no cell $2"
	mv "$1.new" "$1"
}
# text FILE TASK LABEL VALUE: the cell of TASK's row under LABEL holds VALUE
text() {
	v=$(printf '%s' "$4" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
	put "$1" "$(col_of "$3")$(row_of "$2")" "<is><t>$v</t></is>" inlineStr
}
# copy_row FILE SRC DST: row SRC, its references renumbered, in place of row DST
copy_row() {
	sed -n "/^<row r=\"$2\"/,/^<\\/row>\$/p" "$1" |
		sed "s/^<row r=\"$2\"/<row r=\"$3\"/; s/ r=\"\\([A-Z]*\\)$2\"/ r=\"\\1$3\"/" >"$work/row"
	awk -v dst="<row r=\"$3\"" -v rowfile="$work/row" '
	index($0, dst) == 1 && substr($0, length(dst) + 1, 1) ~ /[ >]/ {
		while ((getline l < rowfile) > 0) print l
		skip = 1
		next
	}
	skip { if ($0 == "</row>") skip = 0; next }
	{ print }' "$1" >"$1.new"
	mv "$1.new" "$1"
}
# write NAME [SHEET_LINES] [DROP] [EXTRA_NAME=FILE...]: the workbook OUT/NAME,
# its sheet from SHEET_LINES (- for duban's), without the part DROP (- for
# none), with the extra parts
write() {
	name=$1 lines=${2:--} drop=${3:--}
	shift $(($# < 3 ? $# : 3))
	if [ "$lines" != - ]; then
		{ head -n 1 "$lines"; tail -n +2 "$lines" | tr -d '\n'; } >"$work/sheet.xml"
	fi
	args=
	for n in $PARTS; do
		[ "$n" != "$drop" ] || continue
		if [ "$n" = "$SHEET" ] && [ "$lines" != - ]; then
			args="$args $n=$work/sheet.xml"
		else
			args="$args $n=$work/parts/$n"
		fi
	done
	"$TOOL" zip "$OUT/$name" $args "$@"
}

ST=本季度状态（填写） PR=本季度进展（填写）
cp "$work/sheet" "$work/filled"
text "$work/filled" 2024-2 "$ST" 推进中
text "$work/filled" 2024-2 "$PR" 已形成草案

# not a zip: a CSV saved under the workbook's name
printf '任务编号,本季度状态（填写）\r\n2024-2,推进中\r\n' >"$OUT/checklist-not-a-zip.xlsx"
# a ZIP archive that is no workbook
printf '不是工作簿' >"$work/readme"
"$TOOL" zip "$OUT/checklist-zip-not-workbook.xlsx" "readme.txt=$work/readme"
# a zip bomb: its sheet unpacks to 80 MB from about 80 KB
head -c $((80 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$work/bomb"
write checklist-zip-bomb.xlsx - "$SHEET" "$SHEET=$work/bomb"
rm "$work/bomb"
# an external entity in the sheet's XML
cp "$work/filled" "$work/xxe"
sed -i '1s/?>/?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:\/\/\/etc\/passwd">]>/' "$work/xxe"
text "$work/xxe" 2024-11 "$PR" XXE
sed -i 's/<t>XXE<\/t>/<t>\&xxe;<\/t>/' "$work/xxe"
write checklist-xml-entity.xlsx "$work/xxe"
# the header lines kept, the column header row gone
sed '/^<row r="10"[ >]/,/^<\/row>$/d' "$work/filled" >"$work/nohead"
write checklist-no-column-header.xlsx "$work/nohead"
# the filled sheet as it should be (for --dept and the liaison's cases)
write checklist-filled.xlsx "$work/filled"
# a row for another department's task: 2024-11's row made 2024-5's, its text too
r11=$(row_of 2024-11) r12=$(row_of 2024-12)
cp "$work/filled" "$work/other"
put "$work/other" "A$r11" '<is><t>2024-5</t></is>' inlineStr
put "$work/other" "B$r11" '<is><t>研究起草生物遗传资源获取和惠益分享管理条例。</t></is>' inlineStr
put "$work/other" "$(col_of "$ST")$r11" '<is><t>已完成</t></is>' inlineStr
write checklist-other-departments-task.xlsx "$work/other"
# an id that is not the row's task: 2024-12's row holds 2024-18's id
cp "$work/filled" "$work/moved"
put "$work/moved" "A$r12" '<is><t>2024-18</t></is>' inlineStr
put "$work/moved" "$(col_of "$ST")$r12" '<is><t>推进中</t></is>' inlineStr
write checklist-id-text-mismatch.xlsx "$work/moved"
# the same task twice: 2024-11's row, filled in, copied over 2024-12's
cp "$work/filled" "$work/dup"
text "$work/dup" 2024-11 "$ST" 已完成
copy_row "$work/dup" "$r11" "$r12"
write checklist-duplicate-rows.xlsx "$work/dup"
# a status no one can take
cp "$work/filled" "$work/status"
text "$work/status" 2024-11 "$ST" 差不多了
write checklist-bad-status.xlsx "$work/status"
# a formula where the status is typed, with its cached value
cp "$work/filled" "$work/formula"
put "$work/formula" "$(col_of "$ST")$r11" '<f>"推进"&amp;"中"</f><v>推进中</v>' str
write checklist-formula-cell.xlsx "$work/formula"
set +f
ls -la "$OUT"/checklist-*.xlsx
