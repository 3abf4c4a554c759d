#!/bin/sh
# Makes the bad checklist workbooks of the catalogue (tests/bad/cases.tsv,
# ck-xlsx-*), which are committed so the catalogue runs without this: the
# 2024Q3 checklist of 中央宣传部 as duban writes it (a database with the
# bundled plans), then changed part by part as python3's zipfile writes a
# workbook, as another program or a hand would. Needs python3 and a built
# duban (make). Run it from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DUBAN_DB="$work/t.db" XDG_DATA_HOME="$work" "$root/build/duban" plans >/dev/null 2>&1
DUBAN_DB="$work/t.db" XDG_DATA_HOME="$work" "$root/build/duban" checklist --period 2024Q3 \
	--dept 中央宣传部 --format xlsx -o "$work/ck.xlsx" >/dev/null
python3 - "$work/ck.xlsx" "$here/files" <<'EOF'
import re
import sys
import zipfile

SRC, OUT = sys.argv[1], sys.argv[2]
SHEET = 'xl/worksheets/sheet1.xml'
parts = {}
with zipfile.ZipFile(SRC) as z:
    for n in z.namelist():
        parts[n] = z.read(n)
shared = re.findall(rb'<si><t[^>]*>(.*?)</t></si>', parts['xl/sharedStrings.xml'], re.S)
shared = [s.decode() for s in shared]
sheet = parts[SHEET].decode()


def cell_text(ref):
    m = re.search(r'<c r="%s"[^>]*t="s"[^>]*><v>(\d+)</v></c>' % ref, sheet)
    return shared[int(m.group(1))] if m else ''


def col_of(label):
    """The column letter of the header LABEL (row 10)."""
    for col in 'ABCDEFGHIJ':
        if cell_text(col + '10') == label:
            return col
    raise SystemExit('no column ' + label)


def row_of(task):
    for r in range(11, 200):
        if cell_text('A%d' % r) == task:
            return r
    raise SystemExit('no row ' + task)


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def put(xml, ref, inner, t):
    """Cell REF holding INNER (its XML) of type T, as a program writes it."""
    new = '<c r="%s" s="\\1" t="%s">%s</c>' % (ref, t, inner)
    out, n = re.subn(r'<c r="%s" s="(\d+)"(?: t="[a-z]+")?(?:/>|>.*?</c>)' % ref, new, xml, count=1)
    if not n:
        raise SystemExit('no cell ' + ref)
    return out


def text(xml, task, label, value):
    return put(xml, '%s%d' % (col_of(label), row_of(task)), '<is><t>%s</t></is>' % esc(value), 'inlineStr')


def write(name, sheet_xml=None, drop=(), extra=None, keep=True):
    with zipfile.ZipFile('%s/%s' % (OUT, name), 'w', zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            if n in drop:
                continue
            if n == SHEET and sheet_xml is not None:
                data = sheet_xml.encode()
            z.writestr(n, data)
        for n, data in (extra or {}).items():
            z.writestr(n, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


ST, PR, EV = '本季度状态（填写）', '本季度进展（填写）', '本季度佐证材料（填写）'
filled = text(sheet, '2024-2', ST, '推进中')
filled = text(filled, '2024-2', PR, '已形成草案')

# not a zip: a CSV saved under the workbook's name
open(OUT + '/checklist-not-a-zip.xlsx', 'w').write('任务编号,本季度状态（填写）\r\n2024-2,推进中\r\n')
# a ZIP archive that is no workbook
with zipfile.ZipFile(OUT + '/checklist-zip-not-workbook.xlsx', 'w') as z:
    z.writestr('readme.txt', '不是工作簿')
# a zip bomb: its sheet unpacks to 80 MB from about 80 KB
write('checklist-zip-bomb.xlsx', drop=(SHEET,), extra={SHEET: b' ' * (80 * 1024 * 1024)})
# an external entity in the sheet's XML
xxe = filled.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
xxe = text(xxe, '2024-11', PR, 'XXE').replace('<t>XXE</t>', '<t>&xxe;</t>')
write('checklist-xml-entity.xlsx', xxe)
# the header lines kept, the column header row gone
nohead = re.sub(r'<row r="10".*?</row>', '', filled, count=1, flags=re.S)
write('checklist-no-column-header.xlsx', nohead)
# the filled sheet as it should be (for --dept and the liaison's cases)
write('checklist-filled.xlsx', filled)
# a row for another department's task: 2024-11's row made 2024-5's, its text too
other = put(filled, 'A%d' % row_of('2024-11'), '<is><t>2024-5</t></is>', 'inlineStr')
other = put(other, 'B%d' % row_of('2024-11'), '<is><t>研究起草生物遗传资源获取和惠益分享管理条例。</t></is>', 'inlineStr')
other = put(other, '%s%d' % (col_of(ST), row_of('2024-11')), '<is><t>已完成</t></is>', 'inlineStr')
write('checklist-other-departments-task.xlsx', other)
# an id that is not the row's task: 2024-12's row holds 2024-18's id
moved = put(filled, 'A%d' % row_of('2024-12'), '<is><t>2024-18</t></is>', 'inlineStr')
moved = put(moved, '%s%d' % (col_of(ST), row_of('2024-12')), '<is><t>推进中</t></is>', 'inlineStr')
write('checklist-id-text-mismatch.xlsx', moved)
# the same task twice: 2024-11's row, filled in, copied over 2024-12's
def copy_row(xml, src, dst):
    row = re.search(r'<row r="%d".*?</row>' % src, xml, re.S).group(0)
    new = re.sub(r' r="([A-Z]+)%d"' % src, lambda m: ' r="%s%d"' % (m.group(1), dst), row)
    new = new.replace('<row r="%d"' % src, '<row r="%d"' % dst, 1)
    return re.sub(r'<row r="%d".*?</row>' % dst, lambda m: new, xml, count=1, flags=re.S)


write('checklist-duplicate-rows.xlsx', copy_row(text(filled, '2024-11', ST, '已完成'), row_of('2024-11'),
                                                row_of('2024-12')))
# a status no one can take
write('checklist-bad-status.xlsx', text(filled, '2024-11', ST, '差不多了'))
# a formula where the status is typed, with its cached value
formula = put(filled, '%s%d' % (col_of(ST), row_of('2024-11')),
              '<f>"推进"&amp;"中"</f><v>推进中</v>', 'str')
write('checklist-formula-cell.xlsx', formula)
EOF
ls -la "$here"/files/checklist-*.xlsx
