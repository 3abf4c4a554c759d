# Indicators (issue 16): the bundled FYP14 indicators, indicator add, record,
# list, show and import with their role rules and the values users type;
# values append-only with corrections; the checklist rows of a reporting
# department and their way back; the annual report's indicators in JSON,
# Markdown and the HTML charts' data, with the office's summary sentence.
. "$(dirname "$0")/../lib.sh"
FIX="$SRC/tests/fixtures"

duban plans
expect_err "a new database says it holds the bundled indicators" "FYP14 and 8 indicators"

# ---- the bundled indicators: only the figures INDICATORS.md states ----
duban indicator list --plan FYP14 --format json
expect_rc "indicator list as json" 0
printf '%s' "$OUT" >"$TMP/list.json"
j() { "$TOOL" json -r "$TMP/list.json" "$@" 2>&1 | tr '\n' ' '; }
expect_eq "eight bundled indicators" "$(j '#')" "8 "
expect_eq "their ids in the plan's order" "$(j '[].id')" \
	"FYP14-I1 FYP14-I2 FYP14-I3 FYP14-I4 FYP14-I5 FYP14-I6 FYP14-I7 FYP14-I8 "
expect_eq "their names" "$(j '[].name')" \
	"每万人口高价值发明专利拥有量 海外发明专利授权量 知识产权质押融资登记金额 知识产权使用费年进出口总额 专利密集型产业增加值占GDP比重 版权产业增加值占GDP比重 知识产权保护社会满意度 知识产权民事一审案件服判息诉率 "
expect_eq "their units" "$(j '[].unit')" "件 万件 亿元 亿元 % % 分 % "
expect_eq "all expected (预期性), higher is better" "$("$TOOL" json -r "$TMP/list.json" '[].kind' '[].direction' | sort -u | tr '\n' ' ')" \
	"expected higher "
expect_eq "the published baselines, the others left empty" "$("$TOOL" json -r "$TMP/list.json" '[].baseline' | tr '\n' '|')" \
	"|||3194.4|11.97||80.05||"
expect_eq "the one published target (12 by 2025)" "$(j '[id=FYP14-I1].target_year' '[id=FYP14-I1].target')" "2025 12 "
expect_eq "no other target is invented" "$(j '[].target' | tr -s ' ')" "12 "
expect_eq "nothing reported yet" "$("$TOOL" json -r "$TMP/list.json" '[].judgement' | sort -u)" "no-data"
duban indicator show FYP14-I2
expect_out "the note says what is missing" "2020年基期值和2025年目标值未见于已核对的发布材料"
expect_out "the show names the plan" "“十四五”国家知识产权保护和运用规划"

# ---- users ----
duban --as zhang user add zhang --role office
duban --as zhang user add li --role liaison --dept 中央宣传部
duban --as zhang user add sun --role liaison --dept 商务部
duban --as zhang user add wang --role viewer
expect_rc "users added" 0

# ---- add: the office defines, others may not ----
before=$(db_dump)
duban --as li indicator add 测试指标 --plan FYP14 --unit 件
expect_rc "a liaison may not define an indicator" 5
expect_err "says only the office defines" "only the joint conference office may define indicators"
duban --as wang indicator import --plan FYP14 "$FIX/indicators-fyp14-targets.csv"
expect_rc "a viewer may not import definitions" 5
expect_eq "refused definitions change nothing" "$(db_dump)" "$before"
duban --as zhang indicator import "$FIX/indicators-fyp14-targets.csv" --dry-run
expect_rc "dry run of the definitions" 0
expect_out "dry run says what would change" "8 indicators from"
expect_eq "a dry run writes nothing" "$(db_dump)" "$before"
duban --as zhang indicator import "$FIX/indicators-fyp14-targets.csv"
expect_rc "the office imports targets and departments" 0
expect_out "each row is reported" "FYP14-I4 知识产权使用费年进出口总额: changed"
expect_out "the count" "0 new, 8 changed, 0 unchanged"
duban --as zhang indicator import "$FIX/indicators-fyp14-targets.csv"
expect_out "importing the same table again changes nothing" "0 new, 0 changed, 8 unchanged"
duban --as zhang indicator add 每万人口高价值发明专利拥有量 --plan FYP14 --baseline 2020:6.3
expect_out "adding what is there is reported unchanged" "unchanged: FYP14-I1"
duban --as zhang indicator add 专利审查周期 --plan FYP14 --unit 月 --direction lower --kind 约束性 \
	--baseline 2020:20 --target "2025:16;2035:12" --dept 国家知识产权局 --note "发明专利平均审查周期"
expect_rc "a new lower-is-better binding indicator" 0
expect_out "it gets the next id" "defined FYP14-I9 专利审查周期"
duban indicator show FYP14-I9 --format json
printf '%s' "$OUT" >"$TMP/i9.json"
expect_eq "its definition" "$("$TOOL" json -r "$TMP/i9.json" .direction .kind .baseline.year .baseline.value '.targets[].year' '.targets[].value' '.depts[0]' | tr '\n' ' ')" \
	"lower binding 2020 20 2025 2035 16 12 国家知识产权局 "
duban --as zhang indicator add 專利審查週期 --plan FYP14 --target "2025:15"
expect_out "a traditional spelling names the same indicator" "changed FYP14-I9 专利审查周期"
duban --as zhang indicator add FYP14-I9 --plan FYP14 --target "2019:1"
expect_rc "a target year not after the baseline is refused" 2
expect_err "says why" "the target year 2019 of '专利审查周期' is not after its baseline year 2020"
duban --as zhang indicator add 新指标 --plan FYP14
expect_rc "a new indicator without a unit is refused" 2
expect_err "asks for the unit" "needs a unit"
duban --as zhang indicator add 新指标 --plan NOPLAN --unit 件
expect_rc "an unknown plan" 4
duban --as zhang indicator add 新指标 --plan FYP14 --unit 件 --dept 知产局局
expect_rc "an unknown reporting department" 4
expect_err "with a suggestion" "did you mean"
duban --as zhang indicator add 新指标 --plan FYP14 --unit 件 --target 2025
expect_rc "a target without its value is a usage error" 2

# ---- record: the role rules ----
before=$(db_dump)
duban --as wang indicator record FYP14-I4 --period 2023 --value 3765.2
expect_rc "a viewer may not record" 5
duban --as stranger indicator record FYP14-I4 --period 2023 --value 3765.2
expect_rc "a stranger may not record" 5
duban --as li indicator record FYP14-I4 --period 2023 --value 3765.2
expect_rc "a liaison of a department that does not report it is refused" 5
expect_err "names who reports it" "中央宣传部 does not report FYP14-I4 知识产权使用费年进出口总额 (国家知识产权局、商务部)"
duban --as sun indicator record FYP14-I4 --period 2023 --value 3765.2 --dept 国家知识产权局
expect_rc "a liaison may not record for another department" 5
duban --as zhang indicator record FYP14-I4 --period 2023 --value 3765.2 --dept 中央宣传部
expect_rc "the office names a department that does not report it: refused" 5
expect_eq "refused values change nothing" "$(db_dump)" "$before"
duban --as sun indicator record 知识产权使用费年进出口总额 --period 2023 --value 3,765.2 --source "光明日报 2024-03-30"
expect_rc "the liaison of a reporting department records, by the indicator's name" 0
expect_out "what was recorded, for its department" "recorded FYP14-I4 知识产权使用费年进出口总额 2023 = 3765.2 亿元 for 商务部"
expect_out "and the judgement" "judgement: 已提前实现"
duban --as li indicator record 版权产业增加值占GDP比重 --period 2022 --value "７．４３％"
expect_rc "full-width digits and percent sign" 0
expect_out "read as a number" "2022 = 7.43 %"

# values as typed, and refused
duban --as zhang indicator record FYP14-I7 --period 2023 --value 82.04分 --source https://example.org/gmrb
expect_rc "a value with its unit" 0
expect_out "the number alone is kept" "2023 = 82.04 分"
duban --as zhang indicator record FYP14-I3 --period 2023 --value "８，５３９．９"
expect_rc "full-width with a thousands separator" 0
expect_out "8539.9" "2023 = 8539.9 亿元"
before=$(db_dump)
duban --as zhang indicator record FYP14-I7 --period 2024 --value 82.36%
expect_rc "another unit is refused" 3
expect_err "names both units" "is written in '%', but the indicator is measured in '分'"
duban --as zhang indicator record FYP14-I4 --period 2024 --value 三千九百
expect_rc "not a number" 3
duban --as zhang indicator record FYP14-I4 --period 2024 --value 39,87.1
expect_rc "a misplaced separator" 3
duban --as zhang indicator record FYP14-I4 --period 2019 --value 3000
expect_rc "a period before the baseline" 2
expect_err "says so" "2019 is before the baseline year 2020"
duban --as zhang indicator record FYP14-I4 --period 2020 --value 3194.4
expect_rc "the baseline year itself" 2
duban --as zhang indicator record FYP14-I4 --period 2099 --value 1
expect_rc "a period that has not begun" 2
duban --as zhang indicator record FYP14-I4 --period 2024-06 --value 1
expect_rc "a period that is no year or quarter" 2
duban --as zhang indicator record 知识产权使用费 --period 2024 --value 1
expect_rc "an unknown indicator" 4
expect_err "did you mean" "did you mean 知识产权使用费年进出口总额 (FYP14-I4),"
duban --as zhang indicator record FYP14-I4 --period 2024 --value 1 --source 'javascript:alert(1)'
expect_rc "a javascript: source is refused" 2
expect_eq "refused values change nothing" "$(db_dump)" "$before"

# a correction is a new record; both are kept, the newest counts
duban --as zhang indicator record FYP14-I9 --period 2023 --value 18.5
duban --as zhang indicator record FYP14-I9 --period 2023 --value 17 --note "更正"
expect_out "a correction says what it corrects" "it corrects 18.5 recorded before for 2023"
duban indicator show FYP14-I9 --format json
printf '%s' "$OUT" >"$TMP/i9.json"
expect_eq "both values are kept" "$("$TOOL" json -r "$TMP/i9.json" '.values[].value' '.values[].superseded' | tr '\n' ' ')" \
	"18.5 17 true false "
expect_eq "lower is better: 17 of 20 -> 15 by 2025 in 2023 (60% of both) is on track" "$("$TOOL" json -r "$TMP/i9.json" .judgement)" "on-track"
duban indicator show FYP14-I9
expect_out "the text shows the correction" "[corrected later]"
sqlite3 "$DUBAN_DB" "UPDATE indicator_values SET value = '1'" 2>"$TMP/sq.err"
expect_eq "values cannot be updated" "$(cat "$TMP/sq.err")" "Error: stepping, indicator values are never changed: record a correction (19)"
sqlite3 "$DUBAN_DB" "DELETE FROM indicator_sources" 2>"$TMP/sq.err"
case "$(cat "$TMP/sq.err")" in *"indicator sources are never deleted"*) ok "sources cannot be deleted";; *) fail "sources cannot be deleted" "$(cat "$TMP/sq.err")";; esac
duban --as zhang indicator add FYP14-I9 --plan FYP14 --unit 天
expect_rc "the unit of an indicator with values cannot change" 6

# ---- list ----
duban indicator list --dept 商务部 --format tsv
expect_out "tsv header" "id	plan	name	unit	kind	direction	baseline_year	baseline	latest_period	latest	target_year	target	judgement	judgement_zh	depts"
expect_out "a department's indicators" "FYP14-I4	FYP14	知识产权使用费年进出口总额	亿元	expected	higher	2020	3194.4	2023	3765.2	2025	3500	achieved	已提前实现"
expect_no_out "only that department's" "FYP14-I1	"
duban indicator list --plan FYP14 --format csv
"$TOOL" csv /dev/stdin <<EOF >"$TMP/list.tsv"
$OUT
EOF
expect_eq "csv parses, a header and nine rows" "$(wc -l <"$TMP/list.tsv")" 10
duban indicator list --plan FYP14
expect_out "the table shows the judgement in Chinese" "已提前实现"
duban indicator list --plan FYP14 --year 2022 --format json
printf '%s' "$OUT" >"$TMP/y.json"
expect_eq "as of 2022 the 2023 values do not count" "$("$TOOL" json -r "$TMP/y.json" '[id=FYP14-I4].judgement' '[id=FYP14-I6].judgement' | tr '\n' ' ')" \
	"no-data on-track "
duban indicator list --format xml
expect_rc "an unknown format" 2
duban indicator list --plan NOPLAN
expect_rc "an unknown plan" 4
duban indicator frobnicate
expect_rc "an unknown subcommand" 2
duban indicator show
expect_rc "show needs an indicator" 2

# ---- import of values: all rows or none ----
printf '指标,统计期,数值,来源\n知识产权使用费年进出口总额,2024,3987.1,新华社 2025-07-17\n不存在的指标,2024,1,\n知识产权保护社会满意度,2024,82.36%%,\n每万人口高价值发明专利拥有量,,15,\n' >"$TMP/bad-values.csv"
before=$(db_dump)
duban --as zhang indicator import "$TMP/bad-values.csv"
expect_rc "a table with bad rows is refused" 3
expect_err "each bad row by its line (3)" "bad-values.csv:3: unknown indicator '不存在的指标'"
expect_err "each bad row by its line (4)" "bad-values.csv:4: '82.36%' is written in '%'"
expect_err "each bad row by its line (5)" "bad-values.csv:5: 每万人口高价值发明专利拥有量: no period"
expect_err "the count" "3 of 4 rows of"
expect_no_err "the good row is not reported as refused" "bad-values.csv:2:"
expect_eq "nothing was recorded" "$(db_dump)" "$before"
duban --as zhang indicator import "$FIX/indicator-values-2023.csv"
expect_rc "the values of the office's March 2024 evaluation" 0
expect_out "a corrected period says so" "(corrects 3765.2)"
iconv -f UTF-8 -t GB18030 >"$TMP/gb.csv" <<EOF
指标,统计期,数值,单位,来源
知识产权使用费年进出口总额,2024,3987.1,亿元,新华社 2025-07-17
EOF
duban --as sun indicator import "$TMP/gb.csv"
expect_rc "a GB18030 table with a unit column, by a reporting liaison" 0
expect_out "the encoding is named" "(GB18030)"
duban --as li indicator import "$TMP/gb.csv"
expect_rc "another department's liaison may not import it" 5

# ---- the annual report ----
duban report --year 2024 --format json -o "$TMP/r.json"
expect_rc "json report" 0
r() { "$TOOL" json -r "$TMP/r.json" "$@" 2>&1 | tr '\n' ' '; }
expect_eq "the indicators of the plans in force in 2024" "$(r '.indicators#')" "9 "
expect_eq "each with its judgement" "$(r '.indicators[].judgement')" \
	"ahead on-track achieved achieved ahead on-track achieved achieved on-track "
expect_eq "achieved early" "$(r '.indicators[id=FYP14-I3].judgement_zh' '.indicators[id=FYP14-I3].early')" "已提前实现 true "
expect_eq "the latest value and its source" "$(r '.indicators[id=FYP14-I4].latest.period' '.indicators[id=FYP14-I4].latest.value' '.indicators[id=FYP14-I4].latest.source')" \
	"2024 3987.1 新华社 2025-07-17 "
expect_eq "the pace of an indicator ahead" "$(r '.indicators[id=FYP14-I5].progress' '.indicators[id=FYP14-I5].time' '.indicators[id=FYP14-I5].expected')" \
	"0.7087 0.4 12.382 "
expect_eq "the office's sentence" "$(r .indicator_summary)" \
	"9项指标（预期性8项、约束性1项）中，知识产权质押融资登记金额、知识产权使用费年进出口总额、知识产权保护社会满意度和知识产权民事一审案件服判息诉率4项指标已提前实现，每万人口高价值发明专利拥有量和专利密集型产业增加值占GDP比重2项指标进展快于预期，海外发明专利授权量、版权产业增加值占GDP比重和专利审查周期3项指标进展符合预期。 "
case "$(r .indicator_rule)" in *"5个百分点"*) ok "the report explains the rule";; *) fail "the report explains the rule" "$(r .indicator_rule)";; esac
duban report --year 2020 --format json -o "$TMP/r20.json"
expect_eq "no plan in force in 2020 has indicators" "$("$TOOL" json -r "$TMP/r20.json" '.indicators#')" 0
duban report --year 2024 --format md
expect_out "md: the section" "## 主要指标监测情况"
expect_out "md: a row" "| FYP14-I4 | 知识产权使用费年进出口总额 | 亿元 | 预期性 | 2020年 3194.4 | 2024年 3987.1 | 2025年 3500 | 已提前实现 |"
md_ind=$(printf '%s\n' "$OUT" | grep -n '^## 主要指标监测情况' | cut -d: -f1)
md_tasks=$(printf '%s\n' "$OUT" | grep -n '^## 总体完成情况' | cut -d: -f1)
[ -n "$md_ind" ] && [ -n "$md_tasks" ] && [ "$md_ind" -lt "$md_tasks" ] && ok "md: the indicators come before the tasks" ||
	fail "md: the indicators come before the tasks" "$md_ind $md_tasks"
duban report --year 2020 --format md
expect_out "md of 2020 still has its tasks" "## 总体完成情况"
expect_no_out "md of 2020 has no indicator section" "主要指标监测情况"

duban report --year 2024 --format html -o "$TMP/r.html"
"$TOOL" xml "$TMP/r.html" >"$TMP/r.txt" && ok "html with the charts is well-formed" || fail "html is well-formed" "$(cat "$TMP/r.txt")"
grep -qF '4项指标已提前实现' "$TMP/r.txt" && ok "html has the sentence" || fail "html has the sentence"
expect_eq "one chart per indicator" "$(grep -o 'class="indicator-chart"' "$TMP/r.html" | wc -l)" 9
# the chart of FYP14-I4: its svg element, then its data
awk '/data-indicator="FYP14-I4"/,/<\/svg>/' "$TMP/r.html" >"$TMP/i4.svg"
attr() { grep -o "<$1 class=\"$2\"[^>]*" "$TMP/i4.svg" | grep -o " $3=\"[^\"]*\"" | sed 's/.*="\(.*\)"/\1/' | tr '\n' ' '; }
expect_eq "the chart's baseline" "$(attr circle baseline data-period) $(attr circle baseline data-value)" "2020  3194.4 "
expect_eq "the chart's actuals: the values counted up to 2024" "$(attr circle actual data-period)/$(attr circle actual data-value)" \
	"2023 2024 /3765.2 3987.1 "
expect_eq "the chart's target line" "$(attr line target data-year) $(attr line target data-value)" "2025  3500 "
by=$(attr circle baseline cy); ay=$(attr circle actual cy); ty=$(attr line target y1)
set -- $ay
if awk -v b="$by" -v a1="$1" -v a2="$2" -v t="$ty" 'BEGIN { exit !(b > t && t > a1 && a1 > a2) }'; then
	ok "the chart draws higher values higher (baseline below the target, both values above it)"
else
	fail "the chart draws higher values higher" "baseline $by target $ty values $ay"
fi
ax=$(attr circle actual cx); bx=$(attr circle baseline cx)
set -- $ax
awk -v b="$bx" -v a1="$1" -v a2="$2" 'BEGIN { exit !(b < a1 && a1 < a2) }' && ok "the chart's years run left to right" ||
	fail "the chart's years run left to right" "$bx $ax"
grep -q 'data-indicator="FYP14-I4" data-judgement="achieved"' "$TMP/r.html" && ok "the chart carries its judgement" ||
	fail "the chart carries its judgement"

# ---- the checklist of a reporting department ----
duban checklist --period 2024Q4 --dept 商务部 --format csv -o "$TMP/ck.csv"
expect_rc "checklist of a reporting department" 0
"$TOOL" csv "$TMP/ck.csv" >"$TMP/ck.tsv"
grep -q '^指标编号	指标名称	单位	基期	目标	最新值	判断	统计期（填写）	本期数值（填写）	数据来源（填写）$' "$TMP/ck.tsv" &&
	ok "the checklist has the indicator columns" || fail "the checklist has the indicator columns" "$(tail -3 "$TMP/ck.tsv")"
grep -q '^FYP14-I4	知识产权使用费年进出口总额	亿元	2020年 3194.4	2025年 3500	2024年 3987.1	已提前实现			$' "$TMP/ck.tsv" &&
	ok "its indicator row to fill in" || fail "its indicator row to fill in" "$(tail -2 "$TMP/ck.tsv")"
expect_eq "rows for its own indicators only (FYP14-I4, not the others)" "$(grep -o '^FYP14-I[0-9]*' "$TMP/ck.tsv" | tr '\n' ' ')" "FYP14-I4 "
duban --as zhang indicator add FYP14-I6 --plan FYP14 --dept 中央宣传部、中央组织部
expect_out "a second reporting department" "changed FYP14-I6"
duban checklist --period 2024Q4 --dept 中央组织部 --format txt
expect_rc "a department with indicators and no task in the year's plan gets a checklist" 0
expect_out "with its indicators" "FYP14-I6"
expect_out "and no task" "共 0 项任务"
duban checklist --period 2020Q4 --dept 中央组织部 --format txt
expect_out "in 2020 (FYP14 not yet in force) its task" "共 1 项任务"
expect_no_out "and no indicator row" "FYP14-I6"
# filled in and taken back: a new 2025 value with its source
sed 's/^\(FYP14-I4	.*\)			$/\1	2025	4,100.5	https:\/\/example.org\/2025/' "$TMP/ck.tsv" | "$TOOL" tocsv >"$TMP/filled.csv"
before=$(db_dump)
duban --as sun checklist import "$TMP/filled.csv" --dry-run
expect_rc "dry run of the filled checklist" 0
expect_out "the indicator value previewed" "FYP14-I4 商务部 2025 = 4100.5"
expect_eq "dry run writes nothing" "$(db_dump)" "$before"
sed 's/^\(FYP14-I4	.*\)			$/\1	2025	4100.5%	/' "$TMP/ck.tsv" | "$TOOL" tocsv >"$TMP/wrong-unit.csv"
duban --as sun checklist import "$TMP/wrong-unit.csv"
expect_rc "a value in another unit refuses the file" 3
expect_err "names its line" "wrong-unit.csv:"
expect_eq "nothing was recorded" "$(db_dump)" "$before"
sed 's/^\(FYP14-I4	.*\)			$/\1		4100.5	/' "$TMP/ck.tsv" | "$TOOL" tocsv >"$TMP/no-period.csv"
duban --as sun checklist import "$TMP/no-period.csv"
expect_rc "a value without its period refuses the file" 3
expect_err "says the period is missing" "needs its period"
duban --as sun checklist import "$TMP/filled.csv"
expect_rc "the filled checklist is taken" 0
expect_out "and says so" "recorded 1 indicator value for 商务部, 2024Q4"
duban indicator show FYP14-I4 --format json
printf '%s' "$OUT" >"$TMP/i4.json"
expect_eq "the value came in for 商务部 with its source" "$("$TOOL" json -r "$TMP/i4.json" '.values[period=2025].value' '.values[period=2025].dept' '.values[period=2025].source' | tr '\n' ' ')" \
	"4100.5 商务部 https://example.org/2025 "
duban checklist --period 2024Q4 --dept 商务部 --format xlsx -o "$TMP/ck.xlsx"
"$TOOL" unzip "$TMP/ck.xlsx" xl/sharedStrings.xml >"$TMP/ss.xml" && "$TOOL" xml "$TMP/ss.xml" >"$TMP/ss.txt"
grep -qF '指标编号指标名称' "$TMP/ss.txt" && grep -qF 'FYP14-I4知识产权使用费年进出口总额亿元2020年 3194.4' "$TMP/ss.txt" &&
	grep -qF '本期数值（填写）' "$TMP/ss.txt" &&
	ok "the xlsx checklist has the indicator rows" || fail "the xlsx checklist has the indicator rows" "$(head -c 300 "$TMP/ss.txt")"
duban checklist --period 2024Q4 --all --format csv -o "$TMP/all"
[ -f "$TMP/all/checklist-2024Q4-中央组织部.csv" ] && ok "--all includes a department that only reports indicators" ||
	fail "--all includes a department that only reports indicators" "$(ls "$TMP/all" | head -3)"
