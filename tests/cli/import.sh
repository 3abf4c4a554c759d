# Importing the five seed documents and every kind of bad input (issue 2).
. "$(dirname "$0")/../lib.sh"
P="$SRC/data/plans"

# A data folder with the department table but no bundled plans, so imports
# start from an empty database.
mkdir -p "$TMP/data/plans"
cp "$SRC/data/departments.tsv" "$TMP/data/"
export DUBAN_DATADIR="$TMP/data"

duban plans
expect_rc "empty database lists no plans" 0
expect_out "empty database says how to import" "duban import"

duban import "$P/2024-national-plan.txt"
expect_rc "import 2024 plan" 0
expect_out "2024: counts in the summary" "7 chapters, 13 sections, 110 tasks"
duban import "$P/2025-national-plan-article-traditional.txt"
expect_out "2025: counts" "7 chapters, 13 sections, 118 tasks"
expect_err "2025: pinyin removal is reported with the line" "warning"
duban import "$P/2020-national-plan-notice-ocr.txt"
expect_out "2020: counts" "5 chapters, 13 sections, 100 tasks"
expect_err "2020: warnings carry line numbers" "2020-national-plan-notice-ocr.txt:"
duban import "$P/fyp14-protection-and-use-excerpt.txt"
expect_out "five-year excerpt: counts" "3 chapters, 9 sections, 14 tasks"
expect_out "five-year excerpt: key FYP14" "as plan FYP14"
duban import "$P/2024-summary-article.txt"
expect_rc "summary: not an error" 0
expect_out "summary: says it is a summary and imports nothing" "skipped '2024-summary-article.txt': it is a summary"
duban plans --format tsv
expect_eq "four plans stored, no empty plan for the summary" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1 | sort | tr '\n' ' ')" "2020 2024 2025 FYP14 "

# Chosen tasks, as a user would check them.
duban show 2024-5 --format json
expect_out "2024-5 text joined across the page break" '"text": "研究起草生物遗传资源获取和惠益分享管理条例。"'
expect_out "2024-5 lead 生态环境部" '"lead": "生态环境部"'
duban show 2020-93 --format json
expect_out "2020-93 lead is 中国科学院 (written 中科院)" '"lead": "中国科学院"'
expect_out "2020-93 keeps the written form" '"written": "中科院"'
expect_out "2020-93 text" '编制《中国科学院“十四五”知识产权发展规划纲要》。'
duban show 2025-1 --format json
expect_out "2025-1 lead 国家知识产权局" '"lead": "国家知识产权局"'
expect_out "2025-1 participant 司法部" '"participants": ["司法部"]'
duban tasks --plan 2024 --format json
n45=$(printf '%s\n' "$OUT" | "$TOOL" json - '[id=2024-45].departments#')
expect_eq "2024-45 has ten departments" "$n45" 10
duban show 2024-45 --format json
expect_out "2024-45 lead first, in document order" '"lead": "中央宣传部", "participants": ["最高人民法院", "最高人民检察院", "公安部", "农业农村部", "文化和旅游部", "海关总署", "市场监管总局", "国家知识产权局", "国家林草局"]'
duban show 2024-31 --format json
expect_out "2024-31 joined without a space" '依法严厉打击各类侵犯知识产权犯罪'
duban show 2020-67 --format json
expect_out "2020-67 银保监会 resolves to its successor" '"name": "金融监管总局", "written": "银保监会"'
duban show FYP14-15.1 --format json
expect_out "five-year task with explicit lead" '"lead": "国家知识产权局", "participants": ["中央宣传部", "农业农村部", "国家林草局"]'
duban tasks --plan 2025 --format json
expect_out "2025: the words that had readings are whole (創造, 規劃)" '打通知識產權創造、運用'
expect_out "2025: the words that had readings are whole (規劃)" '做好“十五五”知識產權規劃編制工作。'
expect_no_out "2025: no pinyin reading left" '(lián)'
expect_no_out "2025: no pinyin reading left (fā)" '(fā)'
duban tasks --plan 2020 --format json
expect_out "2020: the last task ends where the plan does" '在各类知识竞赛中纳入知识产权相关内容。"'
expect_out "2020: words split by OCR spaces are joined" '反不正当竞争等领域的知识产权民事和刑事诉讼'
expect_no_out "2020: web footer not in any task" '内蒙古'
expect_no_out "2020: no space inside Chinese words" '知 识'
duban tasks --format json
ntasks=$(printf '%s\n' "$OUT" | grep -c '"id": ')
expect_eq "342 tasks in all" "$ntasks" 342

# Departments across spellings.
duban tasks --dept 知识产权局 --format tsv
n1=$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)
duban tasks --dept 國家知識產權局 --format tsv
n2=$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)
expect_eq "short, traditional and full names find the same tasks" "$n1" "$n2"
[ "$n1" -gt 150 ] && ok "国家知识产权局 is on more than 150 tasks" || fail "国家知识产权局 is on more than 150 tasks" "got $n1"
duban tasks --dept 中央宣傳部 --role lead --plan 2024 --format tsv
expect_out "traditional --dept finds 2024-2" "2024-2	"
duban tasks --dept 省知识产权局
expect_rc "unknown department: exit 4" 4
expect_err "unknown department: suggests" "did you mean 国家知识产权局"
duban tasks --dept 不存在
expect_rc "a name sharing nothing: exit 4" 4
expect_err "a name sharing nothing: named as unknown" "不存在"
expect_no_err "a name sharing nothing gets no suggestion" "did you mean"
duban tasks --dept 中科
expect_err "a short form's start suggests it" "did you mean 中国科学院"
duban depts --aliases --format tsv
expect_out "depts --aliases lists the predecessor" "^银保监会"
duban depts --format tsv
ndepts=$(printf '%s\n' "$OUT" | grep -c -E '^(国家知识产权局|知识产权局|國家知識產權局)	')
expect_eq "one department for 国家知识产权局 in every spelling" "$ndepts" 1

# Idempotent re-import, then a corrected text.
before=$(db_dump)
duban import "$P/2024-national-plan.txt"
expect_out "re-import: unchanged" "unchanged '2024-national-plan.txt'"
expect_eq "re-import changes nothing in the database" "$(db_dump)" "$before"
sed 's/推进《中华人民共和国商标法》《中华人民共和国商标法实施条例》修改。/推进《中华人民共和国商标法》修改（更正稿）。/' "$P/2024-national-plan.txt" >"$TMP/2024-corrected.txt"
duban record 2024-1 --dept 国家知识产权局 --status in-progress --period 2024Q2 --note "已起草"
expect_rc "a record before the correction" 0
duban import "$TMP/2024-corrected.txt"
expect_out "corrected text updates the plan" "1 tasks changed, 0 added, 0 retired"
duban show 2024-1 --format json
expect_out "corrected text is stored under the same id" '修改（更正稿）'
duban history 2024-1 --format tsv
expect_out "the record made before the correction is kept" "已起草"

# GB18030 and CRLF copies import to the same result.
iconv -f UTF-8 -t GB18030 "$P/2024-national-plan.txt" >"$TMP/2024-gb.txt"
duban import --dry-run --key gb2024 "$TMP/2024-gb.txt"
expect_rc "GB18030 file: accepted" 0
expect_out "GB18030 file: same counts" "7 chapters, 13 sections, 110 tasks"
sed 's/$/\r/' "$P/2025-national-plan-article-traditional.txt" >"$TMP/2025-crlf.txt"
duban import --dry-run --key crlf2025 "$TMP/2025-crlf.txt"
expect_out "CRLF file: same counts" "7 chapters, 13 sections, 118 tasks"
duban plans --format tsv
expect_out "--dry-run: the plans held are listed" "2024	"
expect_no_out "--dry-run stores nothing" "gb2024"

# Bad input: a clear message naming the file, a non-zero exit, the database as it was.
before=$(db_dump)
: >"$TMP/empty.txt"
printf 'abc\000\001\002\003binary' >"$TMP/binary.txt"
printf '这是一段普通的文字，没有任何计划结构。\n第二行也没有。\n' >"$TMP/prose.txt"
head -c 12000 "$P/2024-national-plan.txt" >"$TMP/truncated.txt"
{ head -n 20 "$P/2024-national-plan.txt"; printf '\377\376 bad bytes\n'; tail -n +21 "$P/2024-national-plan.txt"; } >"$TMP/badutf8.txt"
head -c 52428800 /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
mkdir "$TMP/adir"
for f in empty binary prose truncated badutf8 big adir missing; do
	path="$TMP/$f.txt"; [ "$f" = adir ] && path="$TMP/adir"
	duban import "$path"
	if [ "$RC" -ne 0 ]; then ok "bad input $f: non-zero exit ($RC)"; else fail "bad input $f: non-zero exit" "$OUT"; fi
	case "$ERR" in *"$(basename "$path")"*) ok "bad input $f: message names the file";;
		*) fail "bad input $f: message names the file" "$ERR";; esac
	expect_eq "bad input $f: database unchanged" "$(db_dump)" "$before"
done
duban import "$TMP/truncated.txt"
expect_err "truncated plan: says so" "truncated"
duban import "$TMP/badutf8.txt"
expect_err "invalid UTF-8: names the line" "line 21"
duban import "$TMP/big.txt"
expect_err "50 MB file: says the limit" "MB"
duban import --key 'bad key' "$P/2024-national-plan.txt"
expect_rc "invalid --key: usage error" 2

# Another plan under a taken key is refused, with the way out.
sed 's/2024 年知识产权强国建设推进计划/2024年广东省知识产权强省建设推进计划/' "$P/2024-national-plan.txt" >"$TMP/gd2024.txt"
duban import "$TMP/gd2024.txt"
expect_rc "a different plan under key 2024 is refused" 6
expect_err "the refusal suggests --key" "--key"
duban import --key gd2024 "$TMP/gd2024.txt"
expect_rc "a provincial plan under its own key" 0
duban show gd2024-105 --format json
expect_out "provincial task ids use the key" '"id": "gd2024-105"'

# Not a duban database.
printf 'hello, not a database at all, just some text that is long enough\n' >"$TMP/text.db"
duban --db "$TMP/text.db" plans
expect_rc "a text file as database: exit 7" 7
expect_err "a text file as database: says so" "not a duban database"
sqlite3 "$TMP/other.db" 'CREATE TABLE x(a); PRAGMA application_id=1234;'
duban --db "$TMP/other.db" plans
expect_rc "another program's database: exit 7" 7
expect_err "another program's database: says so" "another program"
sqlite3 "$DUBAN_DB" 'PRAGMA user_version=99'
duban plans
expect_rc "a newer schema: exit 7" 7
expect_err "a newer schema: says upgrade" "upgrade duban"
