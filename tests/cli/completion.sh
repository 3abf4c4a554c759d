# Bash completion (completion/duban.bash over `duban __complete`): verbs,
# options, task ids and departments, file names where a usage says FILE, and
# no database made by completing.
. "$(dirname "$0")/../lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	fail "bash is installed (to test the completion)"
	exit 0
fi
# complete WORD... : COMPREPLY for the last word, one candidate a line, in $OUT
complete_words() {
	OUT=$(bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _duban
		printf "%s\n" "${COMPREPLY[@]}"' complete "$SRC/completion/duban.bash" "$DUBAN" "$@" 2>&1)
}
has_line() { printf '%s\n' "$OUT" | grep -qx -- "$1"; }
check_has() { # NAME LINE
	if has_line "$2"; then ok "$1"; else fail "$1" "no line '$2' in:" "$(printf '%s' "$OUT" | head -8)"; fi
}
check_lacks() { # NAME LINE
	if has_line "$2"; then fail "$1" "line '$2' is there"; else ok "$1"; fi
}

# Before any database exists: verbs complete, nothing is created.
complete_words re
check_has "a verb completes: re -> record" record
check_has "a verb completes: re -> report" report
check_lacks "re does not offer tasks" tasks
complete_words show 2024-1
[ -z "$OUT" ] && ok "no database: no task ids" || fail "no database: no task ids" "$OUT"
[ ! -e "$DUBAN_DB" ] && ok "completing creates no database" || fail "completing creates no database"

duban plans
expect_rc "the database with the bundled plans" 0

complete_words record --no
check_has "an option completes: --no -> --note" --note
check_has "an option completes: --no -> --note-file" --note-file
check_lacks "record's options do not include tasks' --role" --role
complete_words show 2024-10
check_has "a task id completes: 2024-10 -> 2024-105" 2024-105
check_lacks "2024-10 does not offer 2024-2" 2024-2
complete_words history 202
check_has "a plan key waits for its number: 202 -> 2024-" 2024-
complete_words tasks --dept 中央宣
check_has "a department completes: 中央宣 -> 中央宣传部" 中央宣传部
check_lacks "中央宣 does not offer 科技部" 科技部
complete_words --db "$DUBAN_DB" tasks --plan 20
check_has "--plan completes a plan key, with --db before the verb" 2024
complete_words review 2024-1 ""
check_has "review's second word: approve" approve
check_has "review's second word: return" return
complete_words tasks --format ""
check_has "a listing's --format: json" json
complete_words user add zhang --role o
check_has "--role's choices from the usage: office" office
check_lacks "--role o does not offer viewer" viewer
: >"$TMP/plan-draft.txt"
complete_words import "$TMP/plan-d"
check_has "import completes file names" "$TMP/plan-draft.txt"
