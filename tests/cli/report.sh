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
duban record 2024-7 --dept 国家中医药局 --status in-progress --period 2023Q4 --note "去年的记录"
expect_rc "records made" 0

duban report --year 2024 --format json -o "$TMP/r.json"
expect_rc "json report" 0
expect_out "says where it was written" "$TMP/r.json"
lead=$(DUBAN_WRAP= "$DUBAN" tasks --plan 2024 --dept 国家知识产权局 --role lead --format tsv | tail -n +2 | wc -l)
python3 - "$TMP/r.json" "$lead" >"$TMP/py" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
lead = int(sys.argv[2])
def check(name, got, want):
    print(('ok ' if got == want else 'FAIL ') + name + ('' if got == want else ': got %r want %r' % (got, want)))
check("report overall figures", d['overall'], {'total': 110, 'done': 1, 'pending': 1, 'returned': 0,
      'ongoing': 1, 'in_progress': 1, 'behind': 1, 'not_started': 1, 'silent': 104})
sec = [s for s in d['sections'] if s['chapter'] == 1 and s['section'] == 1][0]
check("report section 1.1 figures", sec['rollup'], {'total': 8, 'done': 1, 'pending': 1, 'returned': 0,
      'ongoing': 1, 'in_progress': 1, 'behind': 1, 'not_started': 1, 'silent': 2})
ch = [c for c in d['chapters'] if c['chapter'] == 1][0]
check("report chapter 1 has the section's figures", (ch['rollup']['done'], ch['rollup']['behind']), (1, 1))
check("chapters add up", sum(c['rollup']['total'] for c in d['chapters']), 110)
dep = {x['dept']: x for x in d['departments']}
check("report department as lead", dep['国家知识产权局']['lead'], {'total': lead, 'done': 1, 'pending': 0,
      'returned': 0, 'ongoing': 0, 'in_progress': 0, 'behind': 0, 'not_started': 0, 'silent': lead - 1})
check("report department as participant", (dep['国家林草局']['participant']['done'], dep['农业农村部']['participant']['done']), (1, 0))
fu = d['follow_up']
check("behind list", [(t['id'], t['lead'], t['note']) for t in fu['behind']], [('2024-2', '中央宣传部', '<b>征求意见延期</b> & 待定')])
check("silent list", len(fu['silent']), 104)
check("last year's record leaves a task silent", '2024-7' in [t['id'] for t in fu['silent']], True)
check("done without evidence", [t['id'] for t in fu['done_without_evidence']], ['2024-3'])
check("pending review", [t['id'] for t in fu['pending_review']], ['2024-3'])
check("no carry-over into 2024 from 2023 (no plan)", d['carryover'], [])
PY
cat "$TMP/py"

duban report --year 2025 --format json
printf '%s' "$OUT" >"$TMP/r25.json"
python3 - "$TMP/r25.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
c = {x['task']: x for x in d['carryover']}
ok = c['2025-1']['continues'] == '2024-1' and c['2025-1']['previous_status'] == 'done (approved)' \
     and '商标法' in c['2025-1']['shared_titles'] and c['2025-1']['score'] > 0.4
print(('ok' if ok else 'FAIL') + ' 2025 report carries 2024-1 over with its final status')
PY

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
python3 - "$TMP/r.html" >"$TMP/py" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
src = open(sys.argv[1], encoding='utf-8').read()
root = ET.fromstring(src.replace('<!DOCTYPE html>', ''))
ns = '{http://www.w3.org/2000/svg}'
print('ok html is well-formed' )
print(('ok' if root.get('lang') == 'zh-CN' and 'charset="utf-8"' in src else 'FAIL') + ' html is Chinese utf-8')
print(('ok' if len(root.findall('.//' + ns + 'svg')) >= 2 else 'FAIL') + ' html has the svg charts')
print(('ok' if '@page { size: A4' in src else 'FAIL') + ' html prints on A4')
bad = [t for t in ('<script', '<link', 'src=', 'url(', '@import') if t in src]
print(('ok' if not bad else 'FAIL') + ' html is self-contained ' + ' '.join(bad))
print(('ok' if '&lt;b&gt;征求意见延期&lt;/b&gt; &amp; 待定' in src else 'FAIL') + ' html escapes notes')
txt = ''.join(root.itertext())
print(('ok' if '未报送任务（104）' in txt and '滞后任务（1）' in txt else 'FAIL') + ' html has the follow-up figures')
PY
cat "$TMP/py"

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
