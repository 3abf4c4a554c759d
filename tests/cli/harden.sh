# Hardening (issue 18): what an adversarial pass found, each case failing
# before its fix. Terminal escaping has tests/cli/tty.sh, the carry-over's
# speed tests/bench/carryover.
. "$(dirname "$0")/../lib.sh"

duban plans
duban --as zhang user add zhang --role office
duban --as zhang user add li --role liaison --dept 中央宣传部
expect_rc "setup: users" 0

# checklist --all -o FILE (a file, not a folder): the one real message.
: >"$TMP/a-file"
duban --as zhang checklist --period 2024Q3 --all --format csv -o "$TMP/a-file"
expect_rc "checklist --all -o FILE: exit 8" 8
expect_err "checklist --all -o FILE: says it is not a folder" "'$TMP/a-file' as the folder for the checklists: not a folder"
expect_no_err "checklist --all -o FILE: no 'unknown error' first" "unknown error"

# Logins are what getpwnam could return: no control characters, no invalid
# UTF-8 (then 'user list --format json' stays valid JSON).
for bad in "$(printf 'ev\033]52;c;aGk=\007il')" "$(printf 'bad\200name')" "$(printf 'rlo\342\200\256x')" \
	"a b" "a:b" "-x" ".." "1234" "$(printf 'zw\342\200\213j')"; do
	i=$((${i:-0} + 1))
	before=$(db_dump)
	duban --as zhang user add --role viewer -- "$bad"
	expect_rc "user add refuses bad login $i: exit 2" 2
	expect_err "user add refuses bad login $i: says the login is invalid" "invalid login"
	expect_eq "user add refuses bad login $i: the database as it was" "$(db_dump)" "$before"
done
for good in zhang.san@ipa.gov.cn 'OFFICE\wang' 张三 li_4 u-1; do
	duban --as zhang user add "$good" --role viewer
	expect_rc "user add takes login $good" 0
done
duban user list --format json
expect_rc "user list --format json" 0
printf '%s' "$OUT" >"$TMP/users.json"
"$TOOL" json "$TMP/users.json" >/dev/null 2>&1 && ok "user list is valid JSON" || fail "user list is valid JSON" "$OUT"
expect_out "user list holds the directory login" "zhang.san@ipa.gov.cn"

# Removing the last office user is refused, also when it is the only user
# (an empty users table makes every login the office).
sole="$TMP/sole.db"
DUBAN_DB=$sole duban --as zhang user add zhang --role office
DUBAN_DB=$sole duban --as zhang user remove zhang
expect_rc "removing the only (office) user: refused (exit 5)" 5
expect_err "removing the only (office) user: says why" "last office user (without users, every login would act as the office)"
DUBAN_DB=$sole duban --as li user add li --role office
expect_rc "after the refusal another login is still not the office (exit 5)" 5
DUBAN_DB=$sole duban --as zhang user add wang --role office
DUBAN_DB=$sole duban --as zhang user remove zhang
expect_rc "with another office user, removing one is allowed" 0

# --db '' is not the default database, /dev/null is not a database (and no
# /dev/null-journal is left behind).
duban --db '' --as zhang record 2024-2 --dept 中央宣传部 --status in-progress --note 空路径
expect_rc "--db '': refused (exit 2)" 2
expect_err "--db '': says it names no file" "--db '' names no file"
expect_eq "--db '': nothing written to the default database" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM progress WHERE note = '空路径'")" 0
DUBAN_DB=/dev/null duban plans
expect_rc "DUBAN_DB=/dev/null: refused (exit 7)" 7
expect_err "DUBAN_DB=/dev/null: says it is a device" "DUBAN_DB '/dev/null' is a device, not a database file"
[ -e /dev/null-journal ] && fail "no /dev/null-journal" || ok "no /dev/null-journal"

# Files written with -o: a failed write never costs the file that was there;
# an existing file needs --force; never a device, link or folder; the umask
# is honoured.
head -c 2000000 /dev/urandom >"$TMP/ev.bin"
duban --as zhang config evidence.max_bytes 5000000
duban --as li attach 2024-2 "$TMP/ev.bin" --title 证据
expect_rc "setup: evidence attached" 0
ev=$(sqlite3 "$DUBAN_DB" "SELECT id FROM evidence WHERE title = '证据'")
printf 'precious\n' >"$TMP/keep.bin"
(trap '' XFSZ; ulimit -f 1000; "$DUBAN" evidence get "$ev" -o "$TMP/keep.bin" --force >"$TMP/o" 2>"$TMP/e"; echo $? >"$TMP/rc")
expect_eq "evidence get --force on a full disk: exit 8" "$(cat "$TMP/rc")" 8
grep -q "nothing was written to it" "$TMP/e" && ok "evidence get --force on a full disk: says nothing was written" ||
	fail "evidence get --force on a full disk: says nothing was written" "$(cat "$TMP/e")"
expect_eq "evidence get --force on a full disk: the file that was there is kept" "$(cat "$TMP/keep.bin" 2>&1)" "precious"
expect_eq "evidence get --force on a full disk: no temporary file left" "$(ls "$TMP" | grep -c 'keep.bin.tmp')" 0
duban evidence get "$ev" -o "$TMP/keep.bin"
expect_rc "evidence get onto an existing file without --force: exit 8" 8
expect_err "evidence get onto an existing file: says add --force" "exists; choose another name, or add --force"
expect_eq "evidence get without --force: the file is untouched" "$(cat "$TMP/keep.bin")" "precious"
duban evidence get "$ev" -o "$TMP/keep.bin" --force
expect_rc "evidence get --force replaces" 0
cmp -s "$TMP/ev.bin" "$TMP/keep.bin" && ok "evidence get --force: the file is the evidence, byte for byte" ||
	fail "evidence get --force: the file is the evidence, byte for byte"
duban evidence get "$ev" -o /dev/null --force
expect_rc "evidence get -o /dev/null --force: refused (exit 8)" 8
expect_err "evidence get -o /dev/null: says it is a device" "'/dev/null': it is a device"
[ -c /dev/null ] && ok "/dev/null is still a device" || fail "/dev/null is still a device" "$(ls -l /dev/null)"
printf 'target\n' >"$TMP/target"
ln -s "$TMP/target" "$TMP/link"
duban evidence get "$ev" -o "$TMP/link" --force
expect_rc "evidence get onto a symbolic link: refused (exit 8)" 8
expect_err "evidence get onto a symbolic link: says so" "it is a symbolic link"
expect_eq "evidence get onto a symbolic link: its target untouched" "$(cat "$TMP/target")" "target"
mkfifo "$TMP/pipe"
# (before the fix this waited for a reader for ever: timeout)
DUBAN_WRAP="timeout 10 ${DUBAN_WRAP:-}" duban evidence get "$ev" -o "$TMP/pipe" --force
expect_rc "evidence get onto a pipe: refused (exit 8)" 8
expect_err "evidence get onto a pipe: says so" "it is a pipe"

for verb in "report --year 2024" "checklist --period 2024Q3 --dept 中央宣传部"; do
	set -- $verb
	printf 'old\n' >"$TMP/$1.out"
	duban $verb -o "$TMP/$1.out"
	expect_rc "$1 -o onto an existing file: refused (exit 8)" 8
	expect_err "$1 -o onto an existing file: says add --force" "exists; choose another name, or add --force"
	expect_eq "$1 -o onto an existing file: untouched" "$(cat "$TMP/$1.out")" "old"
	duban $verb -o "$TMP/$1.out" --force
	expect_rc "$1 -o --force replaces" 0
	expect_eq "$1 -o --force: the new content" "$(head -c 1 "$TMP/$1.out" | wc -c)" 1
	[ "$(cat "$TMP/$1.out")" != old ] && ok "$1 -o --force: not the old content" || fail "$1 -o --force: not the old content"
	for mask in 022 027 077; do
		rm -f "$TMP/$1.m"
		(umask $mask; "$DUBAN" $verb -o "$TMP/$1.m" >/dev/null 2>&1)
		want=$(printf '%o' $((0666 & ~0$mask)))
		expect_eq "$1 -o under umask $mask: mode $want" "$(stat -c %a "$TMP/$1.m")" "$want"
	done
done
(umask 077; "$DUBAN" evidence get "$ev" -o "$TMP/private.bin" >/dev/null 2>&1)
expect_eq "evidence get under umask 077: mode 600" "$(stat -c %a "$TMP/private.bin")" 600
(umask 002; "$DUBAN" evidence get "$ev" -o "$TMP/shared.bin" >/dev/null 2>&1)
expect_eq "evidence get under umask 002: mode 664" "$(stat -c %a "$TMP/shared.bin")" 664
mkdir "$TMP/ckdir"
duban checklist --period 2024Q3 --all --format csv -o "$TMP/ckdir"
expect_rc "checklist --all -o DIR" 0
duban checklist --period 2024Q3 --all --format csv -o "$TMP/ckdir"
expect_rc "checklist --all -o DIR again: refused, the files exist (exit 8)" 8
expect_err "checklist --all -o DIR again: says add --force" "add --force"
duban checklist --period 2024Q3 --all --format csv -o "$TMP/ckdir" --force
expect_rc "checklist --all -o DIR --force: replaced" 0
duban checklist --period 2024Q3 --all --format xlsx -o "$TMP/ck.xlsx"
duban checklist --period 2024Q3 --all --format xlsx -o "$TMP/ck.xlsx"
expect_rc "checklist xlsx -o onto an existing file: refused (exit 8)" 8
expect_eq "no temporary files left beside the outputs" "$(ls "$TMP" "$TMP/ckdir" | grep -c 'tmp-')" 0
duban help report
expect_out "help report names --force" "--force              replace the -o file if it exists"

# Output that cannot be written (a full disk, a closed standard output) is
# an error (exit 8) for every verb, not a silent exit 0.
for args in "plans" "tasks --plan 2024" "status --plan 2024" "history 2024-2" "evidence list" "depts" \
	"user list" "carryover --year 2025" "show 2024-2" "report --year 2024" "help" "--version" \
	"tasks --plan 2024 --format json"; do
	"$DUBAN" $args >/dev/full 2>"$TMP/e"; rc=$?
	if [ "$rc" = 8 ] && grep -q "cannot write to standard output: No space left on device" "$TMP/e"; then
		ok "'$args' >/dev/full: exit 8, says why"
	else
		fail "'$args' >/dev/full: exit 8, says why" "exit $rc: $(cat "$TMP/e")"
	fi
	"$DUBAN" $args >&- 2>"$TMP/e"; rc=$?
	if [ "$rc" = 8 ] && grep -q "cannot write to standard output" "$TMP/e"; then
		ok "'$args' with standard output closed: exit 8"
	else
		fail "'$args' with standard output closed: exit 8" "exit $rc: $(cat "$TMP/e")"
	fi
done
"$DUBAN" tasks --plan 2024 >/dev/null 2>"$TMP/e"
expect_eq "to /dev/null: exit 0, nothing said" "$?:$(cat "$TMP/e")" "0:"
# a verb that prints nothing is not failed by a closed standard output
"$DUBAN" --as li record 2024-9 --status in-progress --note 关闭输出 >&- 2>"$TMP/e"
expect_eq "record with standard output closed: the record is kept" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM progress WHERE note = '关闭输出'")" 1

# Every CSV output guards formulas the same way; the checklist import takes
# the guard off again, so a note goes out and back exactly.
duban --as li record 2024-11 --status in-progress --period 2024Q2 --note '=cmd|'"'"' /C calc'"'"'!A0'
duban --as li history 2024-11 --format csv
printf '%s\n' "$OUT" >"$TMP/h.csv"
"$TOOL" csv "$TMP/h.csv" >"$TMP/h.tsv"
expect_eq "history --format csv: the formula is guarded" "$(awk -F'\t' 'NR == 2 { print $NF }' "$TMP/h.tsv")" "'=cmd|' /C calc'!A0"
duban --as li history 2024-11 --format tsv
expect_out "history --format tsv: exact (not a spreadsheet's format)" "	=cmd|' /C calc'!A0"
duban --as li tasks --plan 2024 --format csv
expect_out "tasks --format csv: plain cells untouched" "2024-11,2024,11,"
duban --as li checklist --period 2024Q3 --dept 中央宣传部 --format csv -o "$TMP/rt.csv"
"$TOOL" csv "$TMP/rt.csv" >"$TMP/rt.tsv"
# (the task ids are led by a TAB, which tool csv shows as \t, so Excel keeps
# them text)
expect_eq "checklist csv: the last quarter's note guarded" "$(awk -F'\t' '{ id = $1; sub(/^\\t/, "", id) } id == "2024-11" { print $6 }' "$TMP/rt.tsv")" "'=cmd|' /C calc'!A0"
awk -F'\t' -v OFS='\t' '{ id = $1; sub(/^\\t/, "", id) }
	id == "2024-11" { $8 = "'"''"'引号开头"; $10 = "推进中" }
	id == "2024-12" { $8 = "'"'"'-负责"; $10 = "推进中" }
	id == "2024-2" { $8 = "'"'"'@某人 已推进"; $10 = "推进中" } { print }' "$TMP/rt.tsv" | "$TOOL" tocsv >"$TMP/rt-filled.csv"
duban --as li checklist import "$TMP/rt-filled.csv"
expect_rc "checklist import of guarded cells" 0
expect_eq "checklist import: '-负责 is recorded as -负责" "$(sqlite3 "$DUBAN_DB" "SELECT note FROM progress WHERE task = '2024-12' ORDER BY at DESC LIMIT 1")" "-负责"
expect_eq "checklist import: '@某人 is recorded as @某人" "$(sqlite3 "$DUBAN_DB" "SELECT note FROM progress WHERE task = '2024-2' ORDER BY at DESC LIMIT 1")" "@某人 已推进"
expect_eq "checklist import: ''引号开头 (a guarded quote) is recorded as '引号开头" "$(sqlite3 "$DUBAN_DB" "SELECT note FROM progress WHERE task = '2024-11' ORDER BY at DESC LIMIT 1")" "'引号开头"

# A user who may read but not write (a 0644 file in a folder they cannot
# write, a file they cannot write, a read-only mount) still reads, the UI
# too; a write says the database is read-only for them and why.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$@"; }
else
	as_reader() { "$@"; }
fi
chmod 755 "$TMP"
mkdir -p "$TMP/ro" "$TMP/rw"
chmod 777 "$TMP/rw"
cp "$DUBAN_DB" "$TMP/ro/ro.db"
sqlite3 "$TMP/ro/ro.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$TMP/ro/ro.db-wal" "$TMP/ro/ro.db-shm"
chmod 644 "$TMP/ro/ro.db"
[ "$(id -u)" = 0 ] || chmod 555 "$TMP/ro"
before=$(sqlite3 "$TMP/ro/ro.db" .dump)
reader_case() { # NAME: read, the UI, a refused write, nothing changed
	as_reader "$DUBAN" --db "$TMP/ro/ro.db" history 2024-2 >"$TMP/o" 2>"$TMP/e"; rc=$?
	[ "$rc" = 0 ] && grep -q "2024Q.*in-progress" "$TMP/o" && ok "$1: history reads" || fail "$1: history reads" "exit $rc: $(cat "$TMP/e")"
	as_reader "$DUBAN" --db "$TMP/ro/ro.db" status --plan 2024 --format json >"$TMP/o" 2>"$TMP/e"; rc=$?
	[ "$rc" = 0 ] && "$TOOL" json "$TMP/o" >/dev/null 2>&1 && ok "$1: status --format json reads" ||
		fail "$1: status --format json reads" "exit $rc: $(cat "$TMP/e")"
	printf 'q\n' >"$TMP/q.keys"
	as_reader env COLUMNS=80 LINES=24 TERM=xterm-256color "$DUBAN" --color=never --db "$TMP/ro/ro.db" \
		--script "$TMP/q.keys" --dump "$TMP/rw/ro.screen" >/dev/null 2>"$TMP/e"; rc=$?
	[ "$rc" = 0 ] && grep -q "+ 2024 推进计划" "$TMP/rw/ro.screen" 2>/dev/null && ok "$1: the UI opens and shows the plans" ||
		fail "$1: the UI opens and shows the plans" "exit $rc: $(cat "$TMP/e")"
	as_reader "$DUBAN" --db "$TMP/ro/ro.db" record 2024-2 --dept 中央宣传部 --status done --note 只读 >"$TMP/o" 2>"$TMP/e"; rc=$?
	[ "$rc" = 7 ] && grep -q "is read-only for you ($2): you can read it but not change it" "$TMP/e" &&
		ok "$1: a write is refused, saying why (exit 7)" || fail "$1: a write is refused, saying why (exit 7)" "exit $rc: $(cat "$TMP/e")"
	expect_eq "$1: the database unchanged" "$(sqlite3 "$TMP/ro/ro.db" .dump)" "$before"
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null 2>&1; then
	echo "  (root without setpriv: the reader cases are skipped)"
else
	reader_case "0644 file in a folder the reader cannot write" "the file is not writable by you"
	expect_eq "0644 file: no -wal or -shm made" "$(ls "$TMP/ro")" "ro.db"
	chmod 666 "$TMP/ro/ro.db"
	reader_case "writable file in a folder the reader cannot write" "its folder is not writable by you"
	chmod 644 "$TMP/ro/ro.db"
	# another process holds the WAL open: the reader sees what it wrote
	{ printf 'PRAGMA wal_autocheckpoint=0;\nINSERT OR REPLACE INTO settings(key, value) VALUES ("evidence.max_bytes", "4242");\n'
	  printf '.shell touch %s\n' "$TMP/wal-held"; sleep 3; } | sqlite3 "$TMP/ro/ro.db" >/dev/null &
	walpid=$!
	for i in $(seq 1 50); do [ -f "$TMP/wal-held" ] && break; sleep 0.1; done
	chmod 644 "$TMP/ro/ro.db-shm" "$TMP/ro/ro.db-wal" 2>/dev/null
	as_reader "$DUBAN" --db "$TMP/ro/ro.db" config evidence.max_bytes >"$TMP/o" 2>"$TMP/e"
	expect_eq "a reader sees what a writer holds in the WAL" "$(cat "$TMP/o" "$TMP/e")" "4242"
	wait "$walpid"
fi
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/rom" && mount --bind "$TMP/ro" "$TMP/rom" 2>/dev/null; then
	if mount -o remount,ro,bind "$TMP/rom" 2>/dev/null; then
		duban --db "$TMP/rom/ro.db" tasks --plan 2024 --format tsv
		expect_rc "a read-only mount: tasks reads (even for root)" 0
		expect_out "a read-only mount: the tasks are listed" "2024-105"
		duban --db "$TMP/rom/ro.db" record 2024-2 --dept 中央宣传部 --status done --note 只读
		expect_rc "a read-only mount: a write is refused (exit 7)" 7
		expect_err "a read-only mount: says why" "read-only for you (it is on a read-only file system)"
	fi
	umount "$TMP/rom"
else
	echo "  (no bind mount here: the read-only mount case is skipped)"
fi

# A note from standard input above 1 MiB is refused, never cut; one of
# exactly 1 MiB ending in a multibyte character is taken whole (not
# "invalid UTF-8").
{ printf a; awk 'BEGIN { for (i = 0; i < 349525; i++) printf "中" }'; } >"$TMP/note-max.txt"
{ printf ab; awk 'BEGIN { for (i = 0; i < 349525; i++) printf "中" }'; } >"$TMP/note-over.txt"
expect_eq "the test notes are 1048576 and 1048577 bytes" "$(stat -c %s "$TMP/note-max.txt") $(stat -c %s "$TMP/note-over.txt")" "1048576 1048577"
"$DUBAN" --as li record 2024-11 --status in-progress --note-file - <"$TMP/note-max.txt" >"$TMP/o" 2>"$TMP/e"
expect_eq "a note of exactly 1 MiB ending in 中 from standard input: recorded" "$?:$(cat "$TMP/e")" "0:"
expect_eq "the 1 MiB note is stored whole" "$(sqlite3 "$DUBAN_DB" "SELECT length(note) FROM progress WHERE note LIKE 'a中中中%'")" 349526
for src in - "$TMP/note-over.txt"; do
	before=$(db_dump)
	"$DUBAN" --as li record 2024-11 --status in-progress --note-file "$src" <"$TMP/note-over.txt" >"$TMP/o" 2>"$TMP/e"; rc=$?
	expect_eq "a note of 1 MiB + 1 byte (--note-file $src): refused (exit 3)" "$rc" 3
	grep -q "1048576 bytes" "$TMP/e" && ok "--note-file $src over the limit: says so" ||
		fail "--note-file $src over the limit: says so" "$(cat "$TMP/e")"
	grep -q "UTF-8" "$TMP/e" && fail "--note-file $src over the limit: not called invalid UTF-8" "$(cat "$TMP/e")" ||
		ok "--note-file $src over the limit: not called invalid UTF-8"
	expect_eq "--note-file $src over the limit: the database as it was" "$(db_dump)" "$before"
done

# review: the decision is bound to a record, and says which.
duban --as li record 2024-11 --status done --note 第一次报完成
first=$(sqlite3 "$DUBAN_DB" "SELECT id FROM progress WHERE note = '第一次报完成'")
duban --as li record 2024-11 --status done --note 第二次报完成
second=$(sqlite3 "$DUBAN_DB" "SELECT id FROM progress WHERE note = '第二次报完成'")
duban --as zhang review 2024-11 approve --record "$first"
expect_rc "review --record of a record the close-off is no longer about: refused (exit 6)" 6
expect_err "review --record: says which record it is about now" "is now about record $second, not $first"
duban --as zhang review 2024-11 approve
expect_rc "review without --record" 0
expect_out "review without --record names the record decided on" "approved the close-off of 2024-11 (record $second of 中央宣传部)"
expect_eq "the review is of that record" "$(sqlite3 "$DUBAN_DB" "SELECT progress FROM reviews WHERE task = '2024-11' AND decision = 'approve'")" "$second"
