# The real documents of the task-division family (tests/family) against
# their answer keys: title, 文号, year, task count, untracked items, and each
# task's departments as written, lead first. At least 97% of the tasks right
# (issue 15), every title, 文号 and year right.
. "$(dirname "$0")/../lib.sh"
FAM="$SRC/tests/family"
mkdir -p "$TMP/data/plans"
cp "$SRC/data/departments.tsv" "$TMP/data/"
export DUBAN_DATADIR="$TMP/data"

right=0 total=0
for f in $(grep -v '^#' "$FAM/answers.tsv" | cut -f1 | uniq); do
	key() { grep -v '^#' "$FAM/answers.tsv" | awk -F'\t' -v f="$f" -v k="$1" '$1 == f && $2 == k { print $3 }'; }
	duban import "$FAM/$f"
	expect_rc "$f: imported" 0
	plan=$(printf '%s\n' "$OUT" | sed -n "s/^imported '[^']*' as plan \([A-Za-z0-9]*\) (.*/\1/p" | head -1)
	[ -n "$plan" ] || { fail "$f: a plan key" "$OUT"; continue; }
	untracked=$(printf '%s\n' "$OUT" | sed -n 's/^  \([0-9]*\) numbered items\{0,1\} without a department list.*/\1/p')
	expect_eq "$f: untracked numbered items" "${untracked:-0}" "$(key untracked)"
	duban plans --format json
	got=$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
p = [x for x in json.load(sys.stdin) if x["key"] == sys.argv[1]][0]
print("%s\t%s\t%s" % (p["title"], p["docno"] or "-", p["year"]))' "$plan")
	expect_eq "$f: title" "$(printf '%s' "$got" | cut -f1)" "$(key title)"
	expect_eq "$f: 文号" "$(printf '%s' "$got" | cut -f2)" "$(key docno)"
	expect_eq "$f: year" "$(printf '%s' "$got" | cut -f3)" "$(key year)"
	duban tasks --plan "$plan" --format json
	printf '%s\n' "$OUT" >"$TMP/tasks.json"
	expect_eq "$f: task count" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/tasks.json")" "$(key tasks)"
	n=$(key tasks)
	for i in $(seq 1 "$n"); do
		want=$(key "task $i")
		have=$(python3 -c '
import json, sys
t = [x for x in json.load(open(sys.argv[1])) if str(x["number"]) == sys.argv[2]]
print("|".join(d["written"] for d in t[0]["departments"]) if t else "(no task)")' "$TMP/tasks.json" "$i")
		total=$((total + 1))
		if [ "$have" = "$want" ]; then
			right=$((right + 1))
		else
			printf '  %s task %s: got %s, want %s\n' "$f" "$i" "$have" "$want"
		fi
	done
done
echo "  family: $right of $total tasks with the right departments"
if [ "$total" -gt 0 ] && [ $((right * 100)) -ge $((total * 97)) ]; then
	ok "family: at least 97% of tasks right ($right of $total)"
else
	fail "family: at least 97% of tasks right" "$right of $total"
fi
