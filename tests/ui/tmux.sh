#!/bin/sh
# The terminal UI in a real terminal: tmux at 80x24, 100x30, 60x20 and 200x50
# with several TERMs. Keys go in with send-keys, screens come back with
# capture-pane (polled, at most ~5 s per wait). tmux is a declared test
# dependency: without it every case here FAILS.
. "$(dirname "$0")/../lib.sh"
# one tmux server per terminal size, each on its own socket
N=0
SOCK="duban-test-$$-0"
T() { tmux -L "$SOCK" "$@"; }
cleanup() {
	i=0
	while [ $i -le $N ]; do tmux -L "duban-test-$$-$i" kill-server 2>/dev/null; i=$((i + 1)); done
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! command -v tmux >/dev/null 2>&1; then
	for c in open navigate jump record note evidence search filter-dept filter-status resize quit; do
		fail "tmux-$c" "tmux is not installed: apt-get install tmux (a declared test dependency)"
	done
	exit 1
fi

"$DUBAN" plans >/dev/null 2>&1   # create the database with the bundled plans

screen() { T capture-pane -p -t ui 2>/dev/null; }
# wait_for TEXT: poll until the screen shows TEXT (5 s at most); 0 if it did
wait_for() {
	i=0
	limit=100   # 10 s: a loaded machine draws late
	[ -n "${DUBAN_WRAP:-}" ] && limit=300   # valgrind is many times slower
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# check NAME TEXT: ok when the screen shows TEXT, else FAIL with the screen
check() {
	if wait_for "$2"; then ok "$1"; else fail "$1" "screen lacks: $2" "$(screen)"; fi
}
# check_esc NAME TEXT: as check, on the screen with its attributes (capture-pane -e)
check_esc() {
	i=0
	while [ $i -lt 50 ]; do
		T capture-pane -e -p -t ui 2>/dev/null | grep -qF -- "$2" && break
		sleep 0.1
		i=$((i + 1))
	done
	if [ $i -lt 50 ]; then ok "$1"; else fail "$1" "screen lacks: $2" "$(T capture-pane -e -p -t ui | cat -v)"; fi
}
# check_no NAME ABSENT PRESENT: ok when one screen shows PRESENT and lacks
# ABSENT (polled as wait_for). A screen without PRESENT (duban gone, or not
# redrawn yet) says nothing about ABSENT: that fails.
check_no() {
	if [ $# -ne 3 ]; then fail "$1" "check_no needs the text that must be on the same screen"; return; fi
	i=0
	limit=100   # 10 s: a loaded machine draws late
	[ -n "${DUBAN_WRAP:-}" ] && limit=300
	while :; do
		s=$(screen)
		case "$s" in *"$3"*) case "$s" in *"$2"*) ;; *) ok "$1"; return;; esac;; esac
		i=$((i + 1))
		[ $i -ge $limit ] && break
		sleep 0.1
	done
	fail "$1" "no screen showed '$3' without '$2'" "$s"
}
# width NAME COLS: no captured line is wider than COLS display columns
# (polled like wait_for: right after a resize tmux shows the old screen cut
# to the new width until duban has redrawn it)
width() {
	i=0
	limit=20
	[ -n "${DUBAN_WRAP:-}" ] && limit=100
	while :; do
		w=$(screen | wc -L)
		[ "$w" -le "$2" ] && break
		i=$((i + 1))
		[ $i -ge $limit ] && break
		sleep 0.1
	done
	if [ "$w" -le "$2" ]; then ok "$1"; else fail "$1" "a line is $w columns wide in a $2-column terminal" "$(screen)"; fi
}
keys() { T send-keys -t ui "$@"; }
text() { T send-keys -t ui -l "$1"; }
# start COLS ROWS TERM: a shell in tmux running duban; DUBAN-DONE marks its end
start() {
	start_with "LC_ALL=C.UTF-8" "$DUBAN_DB" "" "$@"
}
# start_with LOCALE DB ARGS COLS ROWS TERM: start, with env's locale part
# LOCALE ("-u LANG ..." or "LC_ALL=..."), database DB and duban ARGS
start_with() {
	T kill-server 2>/dev/null
	N=$((N + 1))
	SOCK="duban-test-$$-$N"
	T new-session -d -s ui -x "$4" -y "$5" "sh"
	T set-option -t ui status off >/dev/null
	T resize-window -t ui -x "$4" -y "$5" 2>/dev/null
	# under make valgrind the UI runs wrapped too, its reports in files
	wrap=""
	[ -n "${DUBAN_WRAP:-}" ] && wrap="$DUBAN_WRAP --log-file=$TMP/vg.%p"
	text "env $1 TERM=$6 DUBAN_DB='$2' $wrap '$DUBAN' $3; echo DUBAN-DONE rc=\$?"
	keys Enter
	wait_for "? help" || fail "start-$4x$5" "duban did not start" "$(screen)"
}
# raw BYTES...: what a terminal sends, byte by byte in hex (send-keys -H)
raw() { T send-keys -t ui -H "$@"; }
quit() {
	keys q
	wait_for "DUBAN-DONE" || keys q
}

# ---- 80x24, xterm-256color ----
start 80 24 xterm-256color
check open-plans "+ 2024 推进计划"
check open-rollup "0/110 done"
width width-80x24-open 80
keys j Enter
check navigate-unfold "+ 一、完善知识产权"
keys Enter
check_no fold "+ 一、完善知识产权" "+ 2024 推进计划"
text ":2024-105"; keys Enter
check jump-detail "开展《纲要》和《规划》实施情况年度监测评估"
check jump-cursor ">   N 105"
width width-80x24-detail 80
# s: the report form (the office names the department first: Enter takes the lead)
keys s Enter
check record-form "report 2024-105 for"
check record-form-choices "o ongoing"
keys b
check record-behind-asks-why "behind: say why in the note"
text "等待统计数据"; keys C-d
check record-status-msg "reported 2024-105"
# the tree shows the new status at once: the task's letter and its plan's roll-up
check record-tree-letter ">   B 105"
check record-plan-rollup "0/110 1!"
# another officer's record shows within the input timeout, without a key:
# in the tree, and in the detail pane of the task under the cursor
"$DUBAN" record 2024-106 --dept 联席会议办公室 --status ongoing --period 2024Q3 >/dev/null 2>&1
check other-writer-letter "O 106"
"$DUBAN" record 2024-105 --dept 联席会议办公室 --status behind --period 2024Q3 --note "统计口径调整" >/dev/null 2>&1
check other-writer-detail "统计口径调整"
# notes are searched: a search made before a note is written finds it after
text "/初稿"; keys Enter
check search-before-note "no task matches '初稿'"
keys Escape
keys a Enter
check note-editor "note on 2024-105"
text "进展顺利，已完成初稿。"; keys Enter; text "第二行"; keys C-d
check note-saved "进展顺利，已完成初稿。"
text "/初稿"; keys Enter
check search-after-note "/初稿: n next"
keys Escape
keys e Enter; text "国知发保字〔2024〕3号"; keys Enter; text "通知"; keys Enter
check evidence-msg "attached docno"
printf 'scan of the notice\n' >"$TMP/通知扫描件.txt"
keys e Enter; text "$TMP/通知扫描件.txt"; keys Enter; text "扫描件"; keys Enter
check evidence-file-msg "attached file"
text ":2024-110"; keys Enter
keys s Enter d C-d
check review-done-pending "pending review"
keys r a
check review-approved-msg "close-off of 2024-110 approved"
check review-approved-detail "approved"
text ":2024-106"; keys Enter
keys s Enter d C-d
check review-106-pending "close-off requested"
keys r r; text "请补充材料"; keys Enter
check review-returned-msg "close-off of 2024-106 returned"
width width-80x24-recorded 80
keys g; text "/知识产权"; keys Enter
check search-traditional "知識產權"
check search-2025 "2025-"
keys Escape
text ":2024-2"; keys Enter
check filter-dept-before "2024-2  ["
text "d"; keys C-u; text "中央宣传部"; keys Enter
check filter-dept-status "dept:中央宣传部"
check filter-dept-mark "*"
# the filtered department is in bold in the detail pane of the task already shown
check_esc filter-dept-bold-detail "* 中央宣传部"
keys Escape f b
check filter-status "show:behind"
keys Escape
check_no filter-cleared "show:behind" "filters cleared"
keys '?'
check help "move-down"
width width-80x24-help 80
keys q
quit
check quit-restores "DUBAN-DONE rc=0"
cmd=$(T display-message -p -t ui '#{pane_current_command}')
if [ "$cmd" != duban ]; then ok quit-process-gone; else fail quit-process-gone "duban still runs"; fi

duban history 2024-105
expect_out cli-status-stored "behind"
expect_out cli-note-stored "进展顺利，已完成初稿。"
expect_out cli-evidence-stored "国知发保字〔2024〕3号"

# ---- escaped control characters from the database ----
"$DUBAN" record 2024-1 --dept 国家知识产权局 --status in-progress --period 2024Q3 \
	--note "$(printf 'evil\033]0;pwned\007x\033[2Jy')" >/dev/null 2>&1
start 100 30 screen-256color
check open-100x30 "+ 2024 推进计划"
text ":2024-1"; keys Enter
check escape-shown "evil^[]0;pwned^Gx^[[2Jy"
width width-100x30 100
# ---- resize mid-session: the cursor stays on the task ----
text ":2024-105"; keys Enter
check resize-before "2024-105"
T resize-window -t ui -x 60 -y 20
check resize-60x20 ">   B 105"
width width-60x20-resized 60
T resize-window -t ui -x 200 -y 50
check resize-200x50 "2024-105  [behind]"
width width-200x50-resized 200
quit
check quit-after-resize "DUBAN-DONE rc=0"

# ---- 60x20 vt100: one pane, Enter shows the detail full-screen ----
start 60 20 vt100
check open-60x20 "2024"
text ":2024-105"; keys Enter Enter
check single-detail "2024-105  [behind]"
width width-60x20 60
keys h
check single-back ">   B 105"
quit
check quit-vt100 "DUBAN-DONE rc=0"

# ---- 200x50 linux ----
start 200 50 linux
check open-200x50 "+ 2020 推进计划"
text ":FYP14-13.1"; keys Enter
check jump-fyp "积极参与完善知识产权国际规则体系"
width width-200x50 200
# SIGTERM restores the terminal too
# (the shell's child: duban, or valgrind running it under make valgrind)
# (found in /proc: procps, which has pkill, is not on a minimal system)
pane=$(T display-message -p -t ui '#{pane_pid}')
kill -TERM $(cat /proc/[0-9]*/stat 2>/dev/null | sed -n 's/^\([0-9]*\) .*) . \([0-9]*\) .*/\1 \2/p' |
	awk -v p="$pane" '$2 == p { print $1 }') 2>/dev/null
check sigterm-exit "DUBAN-DONE rc=0"

# duban record without a note, on a terminal, opens $EDITOR for the note
printf '#!/bin/sh\nprintf "编辑器里写的进展\\n" >"$1"\n' >"$TMP/editor.sh"
chmod +x "$TMP/editor.sh"
text "env LC_ALL=C.UTF-8 EDITOR='$TMP/editor.sh' DUBAN_DB='$DUBAN_DB' '$DUBAN' record 2024-3 --dept 市场监管总局 --status in-progress --period 2024Q3; echo EDITOR-DONE rc=\$?"
keys Enter
check editor-note-recorded "EDITOR-DONE rc=0"
duban history 2024-3 --format tsv
expect_out "the note written in \$EDITOR is stored" "编辑器里写的进展"

# An editor that exits non-zero: nothing recorded, the note kept, and where.
printf '#!/bin/sh\nprintf "编辑器崩溃前写的\\n" >"$1"\nexit 3\n' >"$TMP/editor-fails.sh"
chmod +x "$TMP/editor-fails.sh"
T send-keys -t ui clear Enter
text "env LC_ALL=C.UTF-8 TMPDIR='$TMP' EDITOR='$TMP/editor-fails.sh' DUBAN_DB='$DUBAN_DB' '$DUBAN' record 2024-4 --dept 农业农村部 --status in-progress --period 2024Q3; echo EDITOR-DONE rc=\$?"
keys Enter
check editor-fails-exit "EDITOR-DONE rc=8"
check editor-fails-says-where "what you wrote is kept in"
kept=$(ls "$TMP"/duban-note-* 2>/dev/null | head -1)
expect_eq "the failed editor's note is kept in the file named" "$(cat "$kept" 2>/dev/null)" "编辑器崩溃前写的"
duban history 2024-4 --format tsv
expect_no_out "nothing recorded when the editor failed" "编辑器崩溃前写的"

# A note whose save is refused stays in the editor with the error shown: here
# the acting user is made a viewer while the note is typed, whom the store
# refuses at the save.
me=$(id -un)
duban --as "$me" user add "$me" --role office
duban --as "$me" user add boss --role office
start 80 24 xterm-256color
text ":2024-12"; keys Enter
keys a Enter
check refused-note-editor "note on 2024-12"
text "这段文字不能丢"
duban --as boss user add "$me" --role viewer
expect_rc "the acting user is now a viewer" 0
keys C-d
check refused-note-error "not saved"
check refused-note-text-kept "这段文字不能丢"
keys Escape y
quit
# A viewer is refused before any prompt or editor opens, and the detail
# pane does not offer what it cannot do.
start 80 24 xterm-256color
text ":2024-12"; keys Enter
check viewer-offered-nothing "(you look, you do not record)"
keys a
check viewer-refused-at-once "is a viewer here: viewers record nothing"
check_no viewer-no-editor "note on 2024-12" "is a viewer here"
keys s
check_no viewer-no-form "report 2024-12" "is a viewer here"
quit
duban --as boss user add "$me" --role office
expect_rc "the acting user is office again" 0

# Ctrl-E in the note editor opens $EDITOR and takes its text back.
T kill-server 2>/dev/null
N=$((N + 1))
SOCK="duban-test-$$-$N"
T new-session -d -s ui -x 80 -y 24 "sh"
T set-option -t ui status off >/dev/null
wrap=""
[ -n "${DUBAN_WRAP:-}" ] && wrap="$DUBAN_WRAP --log-file=$TMP/vg.%p"
text "env LC_ALL=C.UTF-8 TERM=xterm-256color EDITOR='$TMP/editor.sh' DUBAN_DB='$DUBAN_DB' $wrap '$DUBAN'; echo DUBAN-DONE rc=\$?"
keys Enter
wait_for "? help" || fail "start-editor" "duban did not start" "$(screen)"
text ":2024-12"; keys Enter
keys a Enter
check ctrl-e-editor-open "note on 2024-12"
keys C-e
check ctrl-e-text-back "编辑器里写的进展"
keys C-d
# (the detail shows the state, not a note alone: the message says it was saved)
check ctrl-e-saved "note added to 2024-12 for 中央宣传部"
quit
duban history 2024-12 --format tsv
expect_out "the note from Ctrl-E is stored" "编辑器里写的进展"

# ---- the liaison's quarter in a real terminal ----
# A database with the office (the tester), li the liaison of 中央宣传部, and
# 2025Q4 open until three days from now: the deadline lights say so.
L="$TMP/liaison.db"
soon=$(date -d "+3 days" +%F)
duban --db "$L" user add "$me" --role office
duban --db "$L" user add li --role liaison --dept 中央宣传部
duban --db "$L" period open 2025Q4 --due "$soon"
expect_rc "liaison: 2025Q4 opened, due in three days" 0
start_with "LC_ALL=C.UTF-8" "$L" "--as li" 80 24 xterm-256color
check liaison-queue-count "中央宣传部: 46 to report for 2025Q4, due $soon, in 3 days"
check liaison-queue-status-line "2025Q4 due $soon (3 d)"
check liaison-queue-light "3N*2"
check liaison-queue-cursor ">   3N*2"
width width-80x24-queue 80
# the report form: every status choice in full, the saved record moves on
keys s
check liaison-form "report 2025-2 for 中央宣传部"
check liaison-form-choices "o ongoing"
width width-80x24-form 80
keys p; text "已形成修订草案"
# a mistyped path is refused in the form, never stored as a 文号
keys Tab; text "$TMP/报告终稿.docx"; keys Enter
check liaison-missing-path "check the path (a 文号 or link is not a file)"
printf '会议纪要\n' >"$TMP/纪要-2025.txt"
keys C-u; text "$TMP/纪要-2"; keys Tab
check liaison-tab-completes "纪要-2025.txt"
keys Enter C-d
check liaison-form-saved "reported 2025-2 for 中央宣传部: 2025Q4 in-progress, 1 evidence; next to report"
check liaison-next-selected ">   3N.12"
duban --db "$L" history 2025-2 --format tsv
expect_out "liaison: the record is stored" "2025Q4 in-progress"
expect_out "liaison: its evidence is stored with it" "纪要-2025.txt"
expect_no_out "liaison: the missing path is not stored" "报告终稿"
# Home and End as tmux, PuTTY and the linux console send them (ESC [ 1 ~,
# ESC [ 4 ~), rxvt's (ESC [ 7 ~) and xterm's application mode (ESC O F),
# in the note: typed at the start and the end, never as "1~" or "4~"
keys s Enter; text "中间"
raw 1b 5b 31 7e; text "开头"; raw 1b 5b 34 7e; text "结尾"
raw 1b 5b 37 7e; text "H"; raw 1b 4f 46; text "E"
check editor-home-end "H开头中间结尾E"
check_no editor-no-tilde-keys "1~" "H开头中间结尾E"
# Delete (ESC [ 3 ~) after Home takes the first character
raw 1b 5b 31 7e 1b 5b 33 7e
check editor-delete "开头中间结尾E"
check_no editor-delete-took-one "H开头" "开头中间结尾E"
keys Escape y
# in a prompt too
keys d C-u; text "宣传部"; raw 1b 5b 31 7e; text "中央"; raw 1b 5b 34 7e
check prompt-home-end "中央宣传部"
keys Escape
# in the tree: Home goes to the first row and keeps the filters
keys j j; raw 1b 5b 31 7e
check tree-home-first-row ">- 2025 推進計劃"
check_no tree-home-keeps-filter "filters cleared" ">- 2025 推進計劃"
raw 1b 5b 34 7e
check_no tree-end-last-row ">- 2025 推進計劃" "li 中央宣传部"
# evidence: view the item and save it; the file has the bytes, and the umask's mode
text ":2025-2"; keys Enter; keys v
check evidence-list "1 [file] 纪要-2025.txt"
keys 1
check evidence-item-text "会议纪要"
keys w C-u; text "$TMP/saved-纪要.txt"; keys Enter
check evidence-saved "saved to $TMP/saved-纪要.txt"
keys q q
if cmp -s "$TMP/纪要-2025.txt" "$TMP/saved-纪要.txt"; then ok evidence-saved-bytes; else fail evidence-saved-bytes "$(ls -l "$TMP")"; fi
mode=$(stat -c %a "$TMP/saved-纪要.txt" 2>/dev/null)
expect_eq "evidence-saved-mode (0666 less the umask $(umask))" "$mode" "$(printf '%o' $((0666 & ~$(umask))))"
# a task that is not the department's: refused at s, before any form
text ":2025-1"; keys Enter; keys s
check liaison-refused "you report for 中央宣传部, which is not on 2025-1"
check_no liaison-refused-no-form "report 2025-1 for" "you report for 中央宣传部"
width width-80x24-refused 80
quit
check liaison-quit "DUBAN-DONE rc=0"

# ---- the same at 60x20: one pane, nothing cut without '~' ----
start_with "LC_ALL=C.UTF-8" "$L" "--as li" 60 20 xterm-256color
check liaison-60x20-queue "45 to report for 2025Q4"
width width-60x20-queue 60
keys s
check liaison-60x20-form "report 2025-12 for 中央宣传部"
check liaison-60x20-form-choices "o ongoing"
width width-60x20-form 60
keys Tab Tab; text "~/没有这个文件.docx"; keys Enter
check liaison-60x20-missing-path "check the path"
width width-60x20-missing-path 60
keys C-u Escape
check liaison-60x20-form-left "no report"
keys s Enter; text "中间"; raw 1b 5b 31 7e; text "开头"; raw 1b 5b 34 7e; text "结尾"
check editor-60x20-home-end "开头中间结尾"
keys Escape y
keys Escape f
check liaison-60x20-filters "a all"
width width-60x20-filters 60
keys r
check liaison-60x20-filter-returned "only tasks that are returned"
check liaison-60x20-filter-in-status "| show:returned"
keys Escape
text ":2025-2"; keys Enter; keys v
check evidence-60x20-list "1 [file] 纪要-2025.txt"
keys 1
check evidence-60x20-item "会议纪要"
width width-60x20-evidence 60
keys w C-u; text "$TMP/saved-60.txt"; keys Enter
check evidence-60x20-saved "saved to"
keys q q
if cmp -s "$TMP/纪要-2025.txt" "$TMP/saved-60.txt"; then ok evidence-60x20-saved-bytes; else fail evidence-60x20-saved-bytes "$(ls -l "$TMP")"; fi
text ":2025-1"; keys Enter; keys s
check liaison-60x20-refused "you report for 中央宣传部"
check_no liaison-60x20-refused-no-form "report 2025-1 for" "you report for 中央宣传部"
width width-60x20-refused 60
quit

# ---- a login shell with no LANG (POSIX): duban switches to C.UTF-8, says so ----
start_with "-u LC_ALL -u LANG -u LC_CTYPE -u LC_MESSAGES" "$L" "" 80 24 xterm-256color
check posix-locale-said "the locale 'POSIX' (ANSI_X3.4-1968) cannot show Chinese, so duban uses C.UTF-8"
check posix-locale-chinese "+ 2024 推进计划"
quit
check posix-locale-quit "DUBAN-DONE rc=0"
start_with "-u LC_ALL -u LANG -u LC_CTYPE -u LC_MESSAGES" "$L" "" 60 20 xterm-256color
check posix-locale-60x20-said "cannot show Chinese"
check posix-locale-60x20-chinese "+ 2024 推进计划"
width width-60x20-posix 60
quit

# ---- the office: what waits, the review queue ----
duban --as li --db "$L" record 2025-14 --status done --note "已印发实施"
expect_rc "office: a close-off asked for" 0
sqlite3 "$L" "UPDATE periods SET due = '2026-01-10'"   # the deadline has passed
start_with "LC_ALL=C.UTF-8" "$L" "" 80 24 xterm-256color
check office-waiting "waiting for the office: 1 close-off to review (w goes to each)"
check office-overdue "past the 2025Q4 due date (2026-01-10)"
check office-status-line "2025Q4 overdue since 2026-01-10"
keys w
check office-review-queue "2025-14  [pending review]"
check office-overdue-light "!N 1"
keys r a
check office-approved "close-off of 2025-14 approved"
width width-80x24-office 80
quit
duban --as li --db "$L" record 2025-2 --status done --note "已报送"
start_with "LC_ALL=C.UTF-8" "$L" "" 60 20 xterm-256color
check office-60x20-waiting "waiting for the office: 1 close-off"
width width-60x20-office 60
keys w
check office-60x20-review-queue "close-off pending review (1 waiting)"
keys Tab
check office-60x20-pending-detail "2025-2  [pending review]"
width width-60x20-review 60
quit

if [ -n "${DUBAN_WRAP:-}" ]; then
	reports=$(cat "$TMP"/vg.* 2>/dev/null)
	expect_eq "the UI under $(echo "$DUBAN_WRAP" | cut -d' ' -f1) reports nothing" "$reports" ""
fi
