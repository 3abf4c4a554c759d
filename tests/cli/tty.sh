# Nothing raw to a terminal (issue 18): text from notes, plans, file names
# and checklists holding OSC 52 (the clipboard), CSI, C1 controls and bidi
# controls reaches a terminal escaped — every verb's standard output and its
# messages on standard error — while to a pipe or a file machine formats
# stay exact. `script` gives the commands a terminal (a pty) and records
# every byte the terminal would have received.
. "$(dirname "$0")/../lib.sh"

if ! command -v script >/dev/null 2>&1; then
	echo "  (no 'script' here: the terminal cases are skipped)"
	exit 0
fi

OSC=$(printf '\033]52;c;ZWNobyBwd25lZA==\007')   # sets the clipboard to "echo pwned"
CSI=$(printf '\033[2J\033[31m')                  # clears the screen, red
C1=$(printf '\302\233')                          # U+009B, the one-byte CSI
RLO=$(printf '\342\200\256')                     # U+202E
LRI=$(printf '\342\201\246')                     # U+2066
ALM=$(printf '\330\234')                         # U+061C
ZW=$(printf '\342\200\213')                      # U+200B
N="进展${OSC}一${CSI}二${C1}三${RLO}四${LRI}五${ALM}六${ZW}尾"

# on_tty NAME ARGS...: duban ARGS with stdout and stderr on a terminal; what
# the terminal received in $TMP/NAME.tty
on_tty() {
	name=$1; shift
	printf '%s\n' "$@" >"$TMP/args"
	# the arguments go through a file, never through the shell's parsing again
	timeout 60 script -qec "xargs -d '\n' -a '$TMP/args' ${DUBAN_WRAP:-} '$DUBAN'; echo \"[exit \$?]\"" /dev/null \
		</dev/null >"$TMP/$name.tty" 2>&1
}
# no_raw NAME: the terminal of on_tty NAME received no ESC, no C1 control
# and no bidi or format character, and received something
no_raw() {
	f="$TMP/$1.tty"
	if [ ! -s "$f" ]; then
		fail "$1: nothing raw on the terminal" "the terminal received nothing"
	elif LC_ALL=C grep -qaP '\x1b|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xaf]|\xd8\x9c|\xef\xbb\xbf' "$f"; then
		fail "$1: nothing raw on the terminal" "$(LC_ALL=C grep -aP '\x1b|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xaf]|\xd8\x9c' "$f" | od -c | head -5)"
	else
		ok "$1: nothing raw on the terminal"
	fi
}
# tty_has NAME STRING: the terminal of on_tty NAME received STRING
tty_has() {
	if grep -qaF -- "$2" "$TMP/$1.tty"; then ok "$1: the terminal shows $3"
	else fail "$1: the terminal shows $3" "lacks: $2" "got: $(head -c 600 "$TMP/$1.tty" | od -c | head -8)"; fi
}

duban plans
duban --as zhang user add zhang --role office
duban --as zhang user add li --role liaison --dept 中央宣传部
duban --as li record 2024-2 --status in-progress --note "$N"
expect_rc "setup: a note holding OSC 52, CSI, C1 and bidi controls is recorded" 0

# The escaped forms every case below looks for.
ESC_OSC='^[]52;c;ZWNobyBwd25lZA==^G'
ESC_BIDI='\u202e四\u2066五\u061c六\u200b尾'

for fmt in table tsv csv json; do
	on_tty "history-$fmt" --as li history 2024-2 --format "$fmt"
	no_raw "history-$fmt"
done
for fmt in table tsv csv; do tty_has "history-$fmt" "$ESC_OSC" "the OSC 52 escaped"; done
tty_has history-json '\u001b]52;c;ZWNobyBwd25lZA==\u0007' "JSON's own escapes"
tty_has history-json '\u001b[31m二\u009b三\u202e四' "the C1 and bidi controls JSON keeps raw escaped"
tty_has history-tsv "$ESC_BIDI" "the bidi controls escaped"
tty_has history-tsv '^[[2J^[[31m二\u009b三' "CSI and C1 escaped"

# to a pipe: exact
duban --as li history 2024-2 --format tsv
expect_out "history --format tsv to a pipe: the note exactly as recorded" "$N"
duban --as li history 2024-2 --format json
"$TOOL" json -r - '[0].detail' <"$TMP/out" >"$TMP/note.json" 2>&1
expect_eq "history --format json to a pipe: the note exactly as recorded" "$(cat "$TMP/note.json")" "$N"

for args in "tasks --plan 2024 --format tsv" "status --plan 2024" "status --plan 2024 --format csv" \
	"show 2024-2" "show 2024-2 --format json"; do
	set -- $args
	on_tty "$1-$#" --as li $args
	no_raw "$1-$#"
done
tty_has show-2 "$ESC_OSC" "the note's OSC 52 escaped"

# evidence: a file whose name holds CSI, a title holding OSC 52, a 文号 and a URL holding both
EVF="$TMP/ev${CSI}il.txt"
printf 'evidence\n' >"$EVF"
on_tty attach-file --as li attach 2024-2 "$EVF"
no_raw attach-file
tty_has attach-file 'ev^[[2J^[[31mil.txt' "the file name escaped"
on_tty attach-title --as li attach 2024-2 "$EVF" --title "材料$OSC"
no_raw attach-title
tty_has attach-title "材料$ESC_OSC" "the title escaped"
on_tty attach-docno --as li attach 2024-2 --docno "国知发${OSC}${RLO}1号"
no_raw attach-docno
on_tty attach-url --as li attach 2024-2 --url "https://example.org/${RLO}${C1}x"
no_raw attach-url
for fmt in table tsv csv json; do
	on_tty "evidence-list-$fmt" --as li evidence list --format "$fmt"
	no_raw "evidence-list-$fmt"
done
tty_has evidence-list-tsv '\u202e' "the bidi control escaped"
duban --as li evidence list --format tsv
expect_out "evidence list --format tsv to a pipe: the file name exactly" "ev${CSI}il.txt"
for id in $(sqlite3 "$DUBAN_DB" "SELECT id FROM evidence ORDER BY at"); do
	kind=$(sqlite3 "$DUBAN_DB" "SELECT kind FROM evidence WHERE id = '$id'")
	on_tty "evidence-get-$kind" --as li evidence get "$id" --force -o "$TMP/got-$kind"
	no_raw "evidence-get-$kind"
done
tty_has evidence-get-file 'ev^[[2J^[[31mil.txt' "the stored file name escaped"
tty_has evidence-get-docno "国知发$ESC_OSC" "the 文号 escaped"
# a stored file written to a terminal is escaped too (a pipe gets it byte for byte)
printf 'bin\033]52;c;eA==\007ary' >"$TMP/raw.bin"
duban --as li attach 2024-2 "$TMP/raw.bin" --title 原样
rid=$(sqlite3 "$DUBAN_DB" "SELECT id FROM evidence WHERE title = '原样'")
on_tty evidence-get-stdout --as li evidence get "$rid" -o -
no_raw evidence-get-stdout
tty_has evidence-get-stdout 'bin^[]52;c;eA==^Gary' "the file's bytes escaped"
duban --as li evidence get "$rid" -o -
printf '%s' "$OUT" | cmp -s - "$TMP/raw.bin" && ok "evidence get -o - to a pipe: byte for byte" ||
	fail "evidence get -o - to a pipe: byte for byte" "$(printf '%s' "$OUT" | od -c | head -3)"

# a plan whose name holds OSC 52, whose text and departments hold C1, bidi
# and zero-width characters (C0 controls make a file binary: refused)
PLAN="$TMP/plan${OSC}.txt"
cat >"$PLAN" <<EOF
2030年某省知识产权推进计划

一、完善知识产权制度

（一）完善法规

1. 推进《商标法》修改${RLO}。（国家知识产权局负责）

2. 研究起草${C1}条例${LRI}反向。（恶意${RLO}局${C1}、国家知识产权局负责）

3. 开展宣传${ZW}。（中央宣传部负责）
EOF
on_tty import --as zhang import --key evil2030 "$PLAN"
no_raw import
tty_has import "plan^[]52;c;ZWNobyBwd25lZA==^G.txt" "the plan file's name escaped"
# (the bidi control is no part of a department's name: the importer drops
# every default-ignorable character from names, and says so; the C1 stays)
tty_has import 'new department: 恶意局\u009b' "the new department escaped"
on_tty plans-tsv plans --format tsv
no_raw plans-tsv
on_tty status-evil --as zhang status --plan evil2030
no_raw status-evil
tty_has status-evil '恶意局\u009b' "the department escaped in the status table"
duban --as zhang status --plan evil2030 --format tsv
expect_out "status --format tsv to a pipe: the department exactly" "恶意局${C1}"

# refusals and "did you mean" that echo plan text and arguments
on_tty refusal --as zhang record evil2030-2 --dept 中央宣传部 --status done --note 不应记录
no_raw refusal
tty_has refusal '恶意局\u009b' "the refusal's department list escaped"
on_tty did-you-mean --as zhang record evil2030-2 --dept "恶意局${OSC}" --status done --note 不应记录
no_raw did-you-mean
tty_has did-you-mean "恶意局$ESC_OSC" "the argument escaped"
on_tty usage --as zhang record 2024-2 --status "done${OSC}" --note 不应记录
no_raw usage
tty_has usage "done$ESC_OSC" "the usage error escaped"
on_tty unknown-option --as zhang "--bad${CSI}"
no_raw unknown-option

# a checklist sent in by a department: its cells are echoed in the errors
duban --as li checklist --period 2024Q3 --dept 中央宣传部 --format csv -o "$TMP/ck.csv"
"$TOOL" csv "$TMP/ck.csv" | awk -F'\t' -v OFS='\t' -v s="快完成${OSC}了${RLO}" 'NR == 11 { $10 = s } { print }' |
	"$TOOL" tocsv >"$TMP/ck-bad.csv"
on_tty checklist-import --as li checklist import "$TMP/ck-bad.csv"
no_raw checklist-import
tty_has checklist-import "快完成$ESC_OSC了\\u202e" "the cell escaped in the error"
duban --as li checklist import "$TMP/ck-bad.csv"
expect_rc "the bad checklist is refused (exit 3)" 3
expect_err "to a pipe (not a terminal) the message is exact" "快完成${OSC}了${RLO}"

# stderr alone on a terminal: the messages escaped, stdout (a file) exact
timeout 60 script -qec "'$DUBAN' --as li history 2024-2 --format tsv >'$TMP/hist.tsv'; '$DUBAN' --as zhang record evil2030-2 --dept 中央宣传部 --status done --note 不应记录" /dev/null </dev/null >"$TMP/stderr-only.tty" 2>&1
no_raw stderr-only
tty_has stderr-only '恶意局\u009b' "stderr's message escaped"
grep -qaF "$N" "$TMP/hist.tsv" && ok "stdout to a file while stderr is a terminal: exact" ||
	fail "stdout to a file while stderr is a terminal: exact" "$(od -c "$TMP/hist.tsv" | head -5)"

# a character cut between two writes of the stream is whole on the terminal
long=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "知"; }')
duban --as li record 2024-9 --status in-progress --note "$long"
on_tty long-note --as li history 2024-9 --format tsv
no_raw long-note
n=$(grep -aoF 知 "$TMP/long-note.tty" | wc -l)
expect_eq "a long note reaches the terminal whole (every 知, none cut into '?')" "$n" 3000
