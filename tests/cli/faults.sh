# Faults (issue 6): writers killed at random moments, a full disk, and databases
# that are read-only, locked, truncated, another program's or an older schema.
# Every time: a clear message and exit status, never a crash, nothing lost.
. "$(dirname "$0")/../lib.sh"
P="$SRC/data/plans"

duban plans
expect_rc "database with the bundled plans" 0

# rand_delay: 0 to 40 ms, different each call
rand_delay() { awk -v s="$(od -An -N2 -tu2 /dev/urandom)" 'BEGIN { printf "%.3f", (s % 40) / 1000 }'; }
# kill_at_random CMD...: start CMD, SIGKILL it after a random delay
kill_at_random() {
	"$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(rand_delay)"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	KILLS=$((KILLS + 1))
}
KILLS=0

# Import: each plan is wholly there (110 tasks) or wholly absent.
for i in $(seq 1 30); do kill_at_random "$DUBAN" import --key "k$i" "$P/2024-national-plan.txt"; done
roles=$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM task_depts d JOIN tasks t ON t.id = d.task WHERE t.plan = '2024'" 2>&1)
[ "$roles" -gt 100 ] 2>/dev/null && ok "killed imports: the bundled 2024 plan has its $roles department roles" ||
	fail "killed imports: the bundled 2024 plan has its department roles" "$roles"
partial=$(sqlite3 "$DUBAN_DB" 2>&1 "SELECT key FROM plans p WHERE key LIKE 'k%' AND ((SELECT count(*) FROM tasks t WHERE t.plan = p.key) != 110
	OR (SELECT count(*) FROM task_depts d JOIN tasks t ON t.id = d.task WHERE t.plan = p.key) != $roles)")
expect_eq "killed imports: no plan half-imported" "$partial" ""
expect_eq "killed imports: no orphan tasks" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM tasks WHERE plan NOT IN (SELECT key FROM plans)")" 0

# Record: every record whole, the current status always its newest record.
for i in $(seq 1 30); do kill_at_random "$DUBAN" record 2024-2 --dept 中央宣传部 --status in-progress --period 2024Q3 --note "记录 $i"; done
expect_eq "killed records: every record whole" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM progress WHERE note NOT LIKE '记录 %' OR status != 'in-progress'")" 0
expect_eq "killed records: current status is the newest record" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM current c WHERE c.progress != (SELECT id FROM progress p WHERE p.task = c.task AND p.dept = c.dept ORDER BY at DESC, rowid DESC LIMIT 1)")" 0

# Attach: every evidence row has its whole file.
head -c 2000000 /dev/urandom >"$TMP/big.bin"
for i in $(seq 1 30); do kill_at_random "$DUBAN" attach 2024-2 --dept 中央宣传部 "$TMP/big.bin" --title "材料 $i"; done
expect_eq "killed attaches: every file whole" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM evidence e LEFT JOIN blobs b ON b.sha256 = e.sha256 WHERE b.sha256 IS NULL OR length(b.data) != 2000000")" 0

# Checklist import: every filled-in row of a file is recorded, or none is.
duban checklist --period 2024Q3 --dept 中央宣传部 --format csv -o "$TMP/ck.csv"
"$TOOL" csv "$TMP/ck.csv" >"$TMP/ck.tsv"
nrows=$(awk 'NR > 8' "$TMP/ck.tsv" | wc -l)
[ "$nrows" -gt 20 ] && ok "the checklist to fill in has $nrows rows" || fail "the checklist to fill in has rows" "$nrows"
for i in $(seq 1 20); do
	awk -F'\t' -v OFS='\t' -v i="$i" 'NR > 8 { $8 = "批次" i " 已推进"; $10 = "推进中" } { print }' "$TMP/ck.tsv" |
		"$TOOL" tocsv >"$TMP/ck-$i.csv"
	kill_at_random "$DUBAN" checklist import "$TMP/ck-$i.csv"
done
torn=$(sqlite3 "$DUBAN_DB" 2>&1 "SELECT substr(note, 1, instr(note, ' ') - 1) AS batch, count(*) FROM progress WHERE note LIKE '批次%' GROUP BY batch HAVING count(*) != $nrows")
expect_eq "killed checklist imports: each file wholly recorded or not at all" "$torn" ""

# killed_migrations FIXTURE RUNS QUERY WHOLE NAME: load FIXTURE, kill the
# migration at random RUNS times; each time "user_version:QUERY's answer" must
# match one of the case patterns WHOLE (the old schema whole, or the new one)
# and the file must be sound.
killed_migrations() {
	bad=0
	for i in $(seq 1 "$2"); do
		rm -f "$TMP/mig.db" "$TMP/mig.db-wal" "$TMP/mig.db-shm"
		sqlite3 "$TMP/mig.db" <"$SRC/tests/fixtures/$1"
		kill_at_random "$DUBAN" --db "$TMP/mig.db" plans
		got="$(sqlite3 "$TMP/mig.db" 'PRAGMA user_version'):$(sqlite3 "$TMP/mig.db" "$3")"
		eval "case \"\$got\" in $4) ;; *) bad=1; fail \"killed migration \$i: \$5\" \"user_version:answer \$got\";; esac"
		[ "$(sqlite3 "$TMP/mig.db" 'PRAGMA integrity_check')" = ok ] || { bad=1; fail "killed migration $i from $1: integrity"; }
	done
	[ "$bad" = 0 ] && ok "$5"
}
# the schema this duban writes: the version of a database it has just made
rm -f "$TMP/now.db"
"$DUBAN" --db "$TMP/now.db" plans >/dev/null 2>&1
NOW=$(sqlite3 "$TMP/now.db" 'PRAGMA user_version')
case "$NOW" in [4-9]|[1-9][0-9]) ok "the schema now is $NOW";; *) fail "the schema now is 4 or later" "got '$NOW'";; esac
# from schema 1: still 1 with no new tables, or the new schema complete
killed_migrations schema-v1.sql 20 \
	"SELECT count(*) FROM sqlite_schema WHERE name IN ('progress','evidence','users','reviews','blobs','current','settings','periods','lead_changes')" \
	"1:0|$NOW:9" "killed migrations leave schema 1 or the new one whole"
# from schema 2: still 2 with the tasks in the search index, or the new one with only the notes there
killed_migrations schema-v2.sql 10 "SELECT count(*) FROM search" \
	"2:114|$NOW:4" "killed migrations leave schema 2 or the new one whole"
# from schema 4: still 4 without the chain, or the new one with every row chained
killed_migrations schema-v4.sql 6 \
	"SELECT (SELECT count(*) FROM sqlite_schema WHERE name IN ('chain', 'user_changes')) || '/' ||
		(SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'chain%') || '/' ||
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE 'sync%')" \
	"4:0/0/0|$NOW:2/13/5" "killed migrations leave schema 4 or the new one with its chain and sync tables whole"
duban --db "$TMP/mig.db" verify
expect_rc "after the last killed migration the chain verifies" 0
expect_out "all 20 rows of schema 4 are chained" "the chain of 20 links is whole"
[ "$KILLS" -ge 100 ] && ok "$KILLS writers killed at random moments" || fail "at least 100 kills" "$KILLS"
expect_eq "integrity after every kill" "$(sqlite3 "$DUBAN_DB" 'PRAGMA integrity_check')" ok
expect_eq "foreign keys after every kill" "$(sqlite3 "$DUBAN_DB" 'PRAGMA foreign_key_check' 2>&1)" ""
duban record 2024-2 --dept 中央宣传部 --status in-progress --note "之后仍可用"
expect_rc "the database is usable after the kills" 0
duban verify
expect_rc "the chain verifies after every kill" 0

# The schema-1 fixture migrates with its data intact.
rm -f "$TMP/old.db"
sqlite3 "$TMP/old.db" <"$SRC/tests/fixtures/schema-v1.sql"
duban --db "$TMP/old.db" show 2024-105 --format json
expect_rc "schema 1 database opens (migrated)" 0
expect_out "schema 1 data intact after migration" "开展《纲要》和《规划》实施情况年度监测评估"
expect_eq "schema 1 migrated to the new one" "$(sqlite3 "$TMP/old.db" 'PRAGMA user_version')" "$NOW"
duban --db "$TMP/old.db" record 2024-2 --dept 中央宣传部 --status done --note "迁移后记录"
expect_rc "a migrated database records" 0

# The schema-2 fixture (the first release) migrates with its records, notes,
# evidence and users intact, and its notes are still found by a search.
rm -f "$TMP/v2.db"
sqlite3 "$TMP/v2.db" <"$SRC/tests/fixtures/schema-v2.sql"
duban --db "$TMP/v2.db" history 2024-105
expect_rc "schema 2 database opens (migrated)" 0
expect_out "schema 2: a note intact after migration" "监测评估指标体系修订滞后"
expect_eq "schema 2 migrated to the new one" "$(sqlite3 "$TMP/v2.db" 'PRAGMA user_version')" "$NOW"
expect_eq "schema 2: records, evidence, users, reviews kept" \
	"$(sqlite3 "$TMP/v2.db" 'SELECT (SELECT count(*) FROM progress) || " " || (SELECT count(*) FROM evidence) || " " || (SELECT count(*) FROM users) || " " || (SELECT count(*) FROM reviews)')" "4 2 2 2"
expect_eq "schema 2: the search index holds the four notes only" \
	"$(sqlite3 "$TMP/v2.db" 'SELECT count(*) FROM search; SELECT count(*) FROM sqlite_schema WHERE name = "search_tasks"')" "4
0"
expect_eq "schema 2: search index sound" "$(sqlite3 "$TMP/v2.db" "INSERT INTO search(search) VALUES ('integrity-check')" 2>&1)" ""
duban --db "$TMP/v2.db" status --plan 2024
expect_out "schema 2: an approved close-off is still approved" "2024-1       done    "
expect_out "schema 2: a returned close-off is still returned" "2024-3       done (returned)"
expect_out "schema 2: the lead still reports the status" "2024-105     behind                       联席会议办公室"
printf '/宣传周活动<Enter>\nq\n' >"$TMP/find.keys"
COLUMNS=80 LINES=24 TERM=xterm-256color "$DUBAN" --color=never --db "$TMP/v2.db" --script "$TMP/find.keys" --dump "$TMP/find.screen" >/dev/null 2>&1
if grep -qF "2024-2  [in-progress]" "$TMP/find.screen" && grep -qF "/宣传周活动: n next" "$TMP/find.screen"; then
	ok "schema 2: a note's words find its task after migration"
else
	fail "schema 2: a note's words find its task after migration" "$(cat "$TMP/find.screen")"
fi
grep -q "2024-87" "$TMP/find.screen" && fail "schema 2: only the task whose note matches" "$(cat "$TMP/find.screen")" ||
	ok "schema 2: only the task whose note matches"
duban --db "$TMP/v2.db" record 2024-2 --dept 中央宣传部 --status done --note "迁移后记录"
expect_rc "a database migrated from schema 2 records" 0

# A full disk: during attach and import, a clear message and the database as it was.
full_disk_case() { # NAME DB-PATH
	before=$(sqlite3 "$2" .dump)
	DUBAN_DB=$2 duban attach 2024-2 --dept 中央宣传部 "$TMP/big.bin" --title "装不下"
	if [ "$RC" = 7 ] || [ "$RC" = 8 ]; then ok "$1: attach refused (exit $RC)"; else fail "$1: attach refused" "exit $RC: $ERR"; fi
	expect_err "$1: attach says the disk is full" "full"
	DUBAN_DB=$2 duban import --key full1 "$P/2025-national-plan-article-traditional.txt"
	if [ "$RC" -ne 0 ]; then ok "$1: import refused (exit $RC)"; else fail "$1: import refused"; fi
	expect_err "$1: import says the disk is full" "full"
	expect_eq "$1: database unchanged" "$(sqlite3 "$2" .dump)" "$before"
	expect_eq "$1: database sound" "$(sqlite3 "$2" 'PRAGMA integrity_check')" ok
}
mkdir -p "$TMP/small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1200k tmpfs "$TMP/small" 2>/dev/null; then
	cp "$SRC/tests/fixtures/schema-v1.sql" "$TMP/fix.sql"
	sqlite3 "$TMP/small/db" <"$TMP/fix.sql"
	DUBAN_DB="$TMP/small/db" duban plans
	# leave about 40 KB free: less than the plan or the file needs
	free_kb=$(df -k "$TMP/small" | awk 'NR == 2 { print $4 }')
	[ "$free_kb" -gt 40 ] && dd if=/dev/zero of="$TMP/small/filler" bs=1024 count=$((free_kb - 40)) 2>/dev/null
	full_disk_case "small filesystem" "$TMP/small/db"
	umount "$TMP/small"
else
	echo "  (no tmpfs mount here: the file-size limit case below stands for a full disk)"
fi
# A file-size limit: SIGXFSZ ignored, so writes fail with EFBIG.
cp "$DUBAN_DB" "$TMP/limited.db"
sqlite3 "$TMP/limited.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
# no file may grow past 1 MB: the 2 MB file cannot reach the WAL
head -c 2000000 /dev/urandom >"$TMP/fresh.bin"
(trap "" XFSZ; ulimit -f 1024; DUBAN_DB="$TMP/limited.db" "$DUBAN" attach 2024-2 --dept 中央宣传部 "$TMP/fresh.bin" --title 装不下 >"$TMP/o" 2>"$TMP/e"; echo $? >"$TMP/rc")
rc=$(cat "$TMP/rc")
[ "$rc" = 7 ] && ok "file-size limit: attach refused (exit 7)" || fail "file-size limit: attach refused" "exit $rc: $(cat "$TMP/e")"
grep -q full "$TMP/e" && ok "file-size limit: says the disk is full" || fail "file-size limit: says full" "$(cat "$TMP/e")"
expect_eq "file-size limit: database sound" "$(sqlite3 "$TMP/limited.db" 'PRAGMA integrity_check')" ok
expect_eq "file-size limit: nothing half-written" "$(sqlite3 "$TMP/limited.db" "SELECT count(*) FROM evidence WHERE title = '装不下'")" 0

# Locked by another process past the busy timeout.
{ echo 'BEGIN IMMEDIATE;'; echo ".shell touch '$TMP/locked'"; sleep 6; echo 'COMMIT;'; } | sqlite3 "$DUBAN_DB" &
lockpid=$!
for i in $(seq 1 50); do [ -f "$TMP/locked" ] && break; sleep 0.1; done
before=$(sqlite3 "$DUBAN_DB" 'SELECT count(*) FROM progress')
DUBAN_BUSY_TIMEOUT_MS=1000 duban record 2024-2 --dept 中央宣传部 --status done --note 等待
expect_rc "locked past the timeout: exit 7" 7
expect_err "locked past the timeout: says so" "locked by another process"
duban tasks --plan 2024 --format tsv
expect_rc "locked for writing: reading still works" 0
wait "$lockpid"
expect_eq "locked: nothing written" "$(sqlite3 "$DUBAN_DB" 'SELECT count(*) FROM progress')" "$before"

# Truncated database.
cp "$DUBAN_DB" "$TMP/trunc.db"
sqlite3 "$TMP/trunc.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
truncate -s $(( $(stat -c %s "$TMP/trunc.db") / 2 )) "$TMP/trunc.db"
for args in "plans" "tasks --format json" "status" "record 2024-2 --dept 中央宣传部 --status done"; do
	DUBAN_DB="$TMP/trunc.db" duban $args
	if [ "$RC" -ne 0 ] && [ "$RC" -lt 128 ]; then ok "truncated database: '$args' fails cleanly (exit $RC)"
	else fail "truncated database: '$args' fails cleanly" "exit $RC"; fi
done
expect_err "truncated database: says damaged" "damaged"

# Read-only for the user: reading works, writing says why.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir -p "$TMP/ro" && cp "$DUBAN_DB" "$TMP/ro/ro.db" && sqlite3 "$TMP/ro/ro.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	rm -f "$TMP/ro/ro.db-wal" "$TMP/ro/ro.db-shm"
	chmod 755 "$TMP" "$TMP/ro"; chmod 644 "$TMP/ro/ro.db"
	before=$(sqlite3 "$TMP/ro/ro.db" .dump)
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$DUBAN" --db "$TMP/ro/ro.db" record 2024-2 --dept 中央宣传部 --status done >"$TMP/o" 2>"$TMP/e"
	rc=$?
	[ "$rc" = 7 ] && ok "read-only database: write refused with exit 7" || fail "read-only database: exit 7" "exit $rc: $(cat "$TMP/e")"
	grep -q "read-only" "$TMP/e" && ok "read-only database: says read-only" || fail "read-only database: says read-only" "$(cat "$TMP/e")"
	expect_eq "read-only database: unchanged" "$(sqlite3 "$TMP/ro/ro.db" .dump)" "$before"
	# an older schema that the user cannot write: not migrated, not changed
	rm -f "$TMP/ro/old.db"
	sqlite3 "$TMP/ro/old.db" <"$SRC/tests/fixtures/schema-v2.sql"
	chmod 644 "$TMP/ro/old.db"
	before=$(sqlite3 "$TMP/ro/old.db" .dump)
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$DUBAN" --db "$TMP/ro/old.db" plans >"$TMP/o" 2>"$TMP/e"
	rc=$?
	[ "$rc" = 7 ] && grep -q "read-only" "$TMP/e" && ok "schema 2 read-only for the user: says read-only (exit 7)" ||
		fail "schema 2 read-only for the user: says read-only (exit 7)" "exit $rc: $(cat "$TMP/e")"
	expect_eq "schema 2 read-only for the user: unchanged" "$(sqlite3 "$TMP/ro/old.db" .dump)" "$before"
fi

# A schema-2 file from a development build made before schema 2 was final.
rm -f "$TMP/dev.db"
sqlite3 "$TMP/dev.db" <"$SRC/tests/fixtures/schema-v2.sql"
sqlite3 "$TMP/dev.db" 'DROP TABLE search_tasks' >/dev/null
DUBAN_DB="$TMP/dev.db" duban plans
expect_rc "a pre-release schema-2 file: exit 7" 7
expect_err "a pre-release schema-2 file: says to make a new database" "development build"
