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
	limit=50
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
	limit=50
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
	T kill-server 2>/dev/null
	N=$((N + 1))
	SOCK="duban-test-$$-$N"
	T new-session -d -s ui -x "$1" -y "$2" "sh"
	T set-option -t ui status off >/dev/null
	T resize-window -t ui -x "$1" -y "$2" 2>/dev/null
	# under make valgrind the UI runs wrapped too, its reports in files
	wrap=""
	[ -n "${DUBAN_WRAP:-}" ] && wrap="$DUBAN_WRAP --log-file=$TMP/vg.%p"
	text "env LC_ALL=C.UTF-8 TERM=$3 DUBAN_DB='$DUBAN_DB' $wrap '$DUBAN'; echo DUBAN-DONE rc=\$?"
	keys Enter
	wait_for "? help" || fail "start-$1x$2" "duban did not start" "$(screen)"
}
quit() {
	keys q
	wait_for "DUBAN-DONE" || keys q
}

# ---- 80x24, xterm-256color ----
start 80 24 xterm-256color
check open-plans "+ 2024 2024年知识产"
check open-rollup "0/110 done"
width width-80x24-open 80
keys j Enter
check navigate-unfold "+ 一、完善知识产权"
keys Enter
check_no fold "+ 一、完善知识产权" "+ 2024 2024年知识产"
text ":2024-105"; keys Enter
check jump-detail "开展《纲要》和《规划》实施情况年度监测评估"
check jump-cursor ">   N 105"
width width-80x24-detail 80
keys s Enter b Enter
check record-behind-asks-why "why is it behind"
text "等待统计数据"; keys Enter
check record-status-msg "recorded 2024-105"
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
keys s Enter d Enter
check review-done-pending "pending review"
keys r a
check review-approved-msg "close-off of 2024-110 approved"
check review-approved-detail "approved"
text ":2024-106"; keys Enter
keys s Enter d Enter
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
keys Escape f
check filter-status "status:behind"
keys Escape
check_no filter-cleared "status:behind" "filters cleared"
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
check open-100x30 "+ 2024 2024年知识"
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
check open-200x50 "2020年深入实施国家知识产权战略加快建设知识产权强国推进计划"
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
# the acting user is made a viewer, whom the store refuses.
me=$(id -un)
duban --as "$me" user add "$me" --role office
duban --as "$me" user add boss --role office
duban --as boss user add "$me" --role viewer
expect_rc "the acting user is now a viewer" 0
start 80 24 xterm-256color
text ":2024-12"; keys Enter
keys a Enter
check refused-note-editor "note on 2024-12"
text "这段文字不能丢"; keys C-d
check refused-note-error "not saved"
check refused-note-text-kept "这段文字不能丢"
keys Escape y
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

if [ -n "${DUBAN_WRAP:-}" ]; then
	reports=$(cat "$TMP"/vg.* 2>/dev/null)
	expect_eq "the UI under $(echo "$DUBAN_WRAP" | cut -d' ' -f1) reports nothing" "$reports" ""
fi
