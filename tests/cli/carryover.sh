# The carry-over on generated 《》-heavy plan pairs (issue 18): carryover,
# report and show run cleanly (under `make asan` this is where UBSan once
# caught bsearch(NULL, 0, ...) on a task with titles and no bigram); the
# report says when nothing could be compared, and words states in Chinese;
# the shared terms shown are words. The speed is tests/bench/carryover's.
. "$(dirname "$0")/../lib.sh"

duban plans
expect_rc "setup: the bundled plans" 0

for seed in 1 2 3; do
	mkdir -p "$TMP/p$seed"
	awk -v year=$((2040 + seed * 2)) -v n=300 -v seed=$seed -v out="$TMP/p$seed" -f "$SRC/tests/tools/planpair.awk"
	y=$((2040 + seed * 2))
	duban import --key "gen$((y - 1))" "$TMP/p$seed/early.txt"
	duban import --key "gen$y" "$TMP/p$seed/late.txt"
	expect_rc "seed $seed: the generated pair imports" 0
	grep -q "《TRIPS》。\|《知识产权》。" "$TMP/p$seed/early.txt" &&
		ok "seed $seed: the pair has tasks of titles and common words only" ||
		fail "seed $seed: the pair has tasks of titles and common words only"
	for fmt in table json; do
		duban carryover --year "$y" --format $fmt
		expect_rc "seed $seed: carryover --format $fmt" 0
	done
	n=$(printf '%s\n' "$OUT" | grep -c '"continues"')
	[ "$n" -gt 100 ] && ok "seed $seed: $n links" || fail "seed $seed: more than 100 links" "$n"
	for fmt in md html json; do
		duban report --year "$y" --format $fmt
		expect_rc "seed $seed: report --format $fmt" 0
	done
	link=$("$DUBAN" carryover --year "$y" --format tsv | awk -F'\t' 'NR == 2 { print $1 }')
	duban show "$link"
	expect_rc "seed $seed: show $link" 0
	expect_out "seed $seed: show says what $link continues" "continues gen$((y - 1))-"
done

# No plan of the year before: the report says nothing could be compared.
duban report --year 2024 --format md
expect_out "2024 report (no 2023 plan): says nothing could be compared" "未导入2023年度推进计划，无法比对"
expect_no_out "2024 report (no 2023 plan): not an empty comparison" "延续上年度任务（0）"
duban report --year 2024 --format html
expect_out "2024 html report: says nothing could be compared" "未导入2023年度推进计划，无法比对"
duban report --year 2024 --format json
printf '%s' "$OUT" >"$TMP/r24.json"
expect_eq "2024 json report: carryover_compared false" "$("$TOOL" json "$TMP/r24.json" .carryover_compared)" false
duban report --year 2025 --format json
printf '%s' "$OUT" >"$TMP/r25.json"
expect_eq "2025 json report: carryover_compared true" "$("$TOOL" json "$TMP/r25.json" .carryover_compared)" true

# The Chinese report words the earlier task's state in Chinese.
duban record 2024-1 --dept 国家知识产权局 --status done --note 已完成
duban review 2024-1 approve
duban record 2024-2 --dept 中央宣传部 --status in-progress --note 推进中
for fmt in md html; do
	duban report --year 2025 --format $fmt
	table=$(printf '%s\n' "$OUT" | sed -n '/延续上年度任务/,$p')
	case "$table" in *"2024-1 | 已完成"*|*"2024-1</td><td>已完成"*) ok "$fmt: an approved close-off is 已完成";;
		*) fail "$fmt: an approved close-off is 已完成" "$(printf '%s\n' "$table" | grep 2024-1)";; esac
	case "$table" in *推进中*) ok "$fmt: in progress is 推进中";; *) fail "$fmt: in progress is 推进中";; esac
	case "$table" in *未报送*) ok "$fmt: silent is 未报送";; *) fail "$fmt: silent is 未报送";; esac
	case "$table" in *silent*|*in-progress*|*"done ("*|*approved*) fail "$fmt: no English state in the carry-over table" \
		"$(printf '%s\n' "$table" | grep -E 'silent|in-progress|done \(|approved' | head -3)";;
		*) ok "$fmt: no English state in the carry-over table";; esac
done

# The shared terms are words, never character pairs cut across words.
duban carryover --year 2025 --format tsv
expect_out "2025-4 continues 2024-5 by its words" "2025-4	2024-5	"
words() { printf '%s\n' "$OUT" | awk -F'\t' -v t="$1" '$1 == t { print $6 }'; }
expect_eq "2025-4's shared words" "$(words 2025-4)" "生物遗传资源获取 惠益分享管理条例"
expect_eq "2025-49's shared words" "$(words 2025-49)" "行政执法 司法保护衔接 跨部门 跨区域执法合作"
expect_eq "2025-1's words are in its titles: none of their own" "$(words 2025-1)" ""
expect_no_out "no bigram noise (once: 国商 商标 标法 ...)" "商标 标法"
