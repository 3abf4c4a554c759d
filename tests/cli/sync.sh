# Offices off the network (issue 17): a centre and three offices, each its own
# database speaking for some departments, exchange signed change files over
# scripted rounds, with files delivered twice, out of order, one lost and
# sent again, one damaged, one signed with a key not trusted and one from an
# office writing for another department; every database ends holding the
# same rows (compared as canonical dumps), nothing doubled, every bad file
# refused whole. Then kill -9 during an apply.
. "$(dirname "$0")/../lib.sh"
# every site's clock: mid-2024Q3, so the 2024 plan's quarters are open
export DUBAN_NOW=$(date -d '2024-08-15 09:00:00' +%s)
C=$TMP/centre.db A=$TMP/xuanchuan.db B=$TMP/fayuan.db S=$TMP/shangwu.db
F=$TMP/files
mkdir -p "$F"
# at SITE ARGS...: duban on SITE's database
at() { db=$1; shift; duban --db "$db" "$@"; }
# records SITE: how many records SITE holds
records() { sqlite3 "$1" "SELECT count(*) FROM progress"; }
# dump SITE: the rows that travel, in a canonical order (what every site must
# hold alike), and the states folded from them
dump() {
	sqlite3 "$1" "SELECT 'progress', id, task, dept, period, status, note, note_key, who, at, coalesce(based_on, '-'),
			note_only, backfill FROM progress ORDER BY id;
		SELECT 'review', * FROM reviews ORDER BY id;
		SELECT 'evidence', id, task, dept, kind, title, coalesce(file_name, '-'), coalesce(sha256, '-'),
			coalesce(size, '-'), coalesce(value, '-'), coalesce(progress, '-'), who, at FROM evidence ORDER BY id;
		SELECT 'file', sha256, size, length(data) FROM blobs ORDER BY sha256;
		SELECT 'lead', * FROM lead_changes ORDER BY id;
		SELECT 'period', period, due, opened_by, opened_at, coalesce(closed_by, '-'), coalesce(closed_at, '-')
			FROM periods ORDER BY period;
		SELECT 'value', id, indicator, period, value, coalesce(dept, '-'), who, at FROM indicator_values ORDER BY id;
		SELECT 'plan', key, title, source_sha256, imported_at FROM plans ORDER BY key;
		SELECT 'task', id, plan, seq, text, retired, lead FROM tasks ORDER BY id;
		SELECT 'role', task, dept, position, role FROM task_depts ORDER BY task, dept;
		SELECT 'state', task, dept, progress, status, shown, closeoff, coalesce(closeoff_progress, '-'), reason
			FROM current ORDER BY task, dept;"
}

# ---- four sites: the offices' databases made later, so their bundled plans differ from the centre's ----
at "$C" sync init --site centre
expect_rc "the centre's database becomes a site" 0
expect_out "sync init names the site" "this database is now the site 'centre'"
DUBAN_NOW=$((DUBAN_NOW + 60)) at "$A" sync init --site xuanchuan
DUBAN_NOW=$((DUBAN_NOW + 60)) at "$B" sync init --site fayuan
DUBAN_NOW=$((DUBAN_NOW + 60)) at "$S" sync init --site shangwu
expect_rc "the offices' databases become sites" 0
at "$C" sync init --site again
expect_rc "a site is made once" 6
expect_err "a site keeps its name" "this database is the site 'centre' (id"
for s in centre xuanchuan fayuan shangwu; do at "$TMP/$s.db" sync keygen -o "$F/$s.pub"; done
expect_rc "each site makes its key" 0
expect_out "keygen says where the public key went" "wrote its public key to $F/shangwu.pub"
expect_eq "a public key file is three lines" "$(sed -n 1p "$F/centre.pub"; wc -l <"$F/centre.pub")" "duban sync key 1
3"
at "$S" sync keygen -o "$F/shangwu.pub"
expect_rc "keygen does not replace a file" 8
at "$S" sync keygen -o "$F/shangwu2.pub"
expect_out "keygen again keeps the key" "has a key already"
expect_eq "the same key written again" "$(cmp "$F/shangwu.pub" "$F/shangwu2.pub" && echo same)" "same"
at "$C" sync trust "$F/xuanchuan.pub" --dept 中央宣传部
expect_out "the centre trusts an office for its departments" "as an office speaking for 中央宣传部"
at "$C" sync trust "$F/fayuan.pub" --dept "最高人民法院、最高检"
expect_out "departments by any of their names" "最高人民法院、最高人民检察院"
at "$C" sync trust "$F/shangwu.pub" --dept 商务部
for s in "$A" "$B" "$S"; do at "$s" sync trust "$F/centre.pub"; done
expect_out "an office trusts the centre" "as this site's centre"
at "$A" sync trust "$F/fayuan.pub"
expect_rc "a site has one centre" 6
at "$A" sync trust "$F/xuanchuan.pub"
expect_rc "a site does not trust itself" 2
at "$C" sync trust "$F/nosuch.pub"
expect_rc "a missing key file" 8
printf 'duban sync key 1\nsite zz centre\nkey 00\n' >"$F/bad.pub"
at "$C" sync trust "$F/bad.pub"
expect_rc "a key file that is not one" 3
expect_err "a bad key file says what it should be" "is not a site's public key"

# ---- round 1: the offices record, the centre applies (one file twice) ----
at "$A" record 2024-2 --dept 中央宣传部 --status in-progress --note "宣传部：修订草案已形成"
head -c 3000 /dev/urandom >"$F/材料.bin"
at "$A" attach 2024-2 --dept 中央宣传部 "$F/材料.bin" --title "修订草案"
at "$A" attach 2024-2 --dept 中央宣传部 --docno "中宣发〔2024〕3号" --title "报送函"
at "$B" record 2024-22 --dept 最高人民法院 --status done --note "法院：已完成"
at "$S" record 2024-52 --dept 商务部 --status in-progress --note "商务部：推进中"
expect_rc "the offices record" 0
made=3
at "$A" sync export --to centre -o "$F/a1.duban"
expect_out "an office's file: its records and evidence" "1 record, 1 stored file, 2 evidence"
expect_eq "the file says where it comes from" "$(sed -n 3p "$F/a1.duban" | cut -d' ' -f3)" "xuanchuan"
at "$B" sync export --to centre -o "$F/b1.duban"
at "$S" sync export --to centre -o "$F/s1.duban"
at "$A" sync export --to centre -o "$F/a1.duban"
expect_rc "export does not replace a file" 8
at "$C" sync apply "$F/a1.duban" --dry-run
expect_out "a dry run says what would be applied" "would apply"
expect_eq "a dry run applies nothing" "$(records "$C")" 0
# a receipt's -o that cannot be written is refused before the file is
# applied (it was applied, and then the receipt refused)
echo "a file of the user's" >"$TMP/taken.duban"
before=$(sqlite3 "$C" .dump)
at "$C" sync apply "$F/a1.duban" -o "$TMP/taken.duban"
expect_rc "apply -o an existing file: refused" 8
expect_err "apply -o an existing file: says so" "'$TMP/taken.duban' exists; choose another name, or add --force"
expect_eq "apply -o an existing file: the database as it was" "$(sqlite3 "$C" .dump)" "$before"
expect_eq "apply -o an existing file: the file as it was" "$(cat "$TMP/taken.duban")" "a file of the user's"
at "$C" sync apply "$F/a1.duban" -o "$TMP/no-such-folder/r.duban"
expect_rc "apply -o into a missing folder: refused" 8
expect_eq "apply -o into a missing folder: the database as it was" "$(sqlite3 "$C" .dump)" "$before"
at "$A" sync keygen -o "$TMP/taken.duban"
expect_rc "keygen -o an existing file: refused" 8
at "$C" sync apply "$F/a1.duban"
expect_rc "the centre applies an office's file" 0
expect_out "apply says what was new" "1 record, 1 stored file, 2 evidence"
expect_out "apply writes a receipt beside the file" "receipt written to $F/receipt-centre-for-xuanchuan-"
before=$(dump "$C")
at "$C" sync apply "$F/a1.duban"
expect_rc "a file delivered twice is no error" 0
expect_out "a file delivered twice changes nothing" "holds nothing new here"
expect_eq "a file delivered twice: the database as it was" "$(dump "$C")" "$before"
at "$C" sync apply "$F/b1.duban"
at "$C" sync apply "$F/s1.duban"
expect_eq "the centre holds the offices' records" "$(records "$C")" "$made"
expect_eq "the centre's state of 2024-22: the court's close-off pending" \
	"$(sqlite3 "$C" "SELECT shown || ' ' || closeoff FROM current WHERE task = '2024-22' AND dept = '最高人民法院'")" "done pending"
at "$C" history 2024-2
expect_out "the history shows the office's record at the centre" "宣传部：修订草案已形成"
expect_out "the history shows the office's evidence at the centre" "中宣发〔2024〕3号"

# ---- the centre's work goes out: a period, a review, a lead change ----
at "$C" period open 2024Q3 --due 2024-10-10
at "$C" review 2024-22 approve
at "$C" task lead 2024-26 --dept 最高人民检察院 --reason "按职责分工，由最高检牵头"
at "$C" indicator add FYP14-I8 --plan FYP14 --dept 最高人民法院 --target 2025:95
expect_rc "the centre opens a period, reviews, changes a lead and names who reports an indicator" 0
for s in xuanchuan fayuan shangwu; do
	at "$C" sync export --to $s -o "$F/c-$s-1.duban"
	cp "$TMP/$s.db" "$TMP/$s-backup.db"
	at "$TMP/$s.db" sync apply "$F/c-$s-1.duban"
	expect_rc "$s applies the centre's first file" 0
done
expect_out "the centre's copies of the plans replace the office's" "4 plans"
expect_eq "an office holds the other offices' records" "$(records "$S")" "$made"
expect_eq "the review reached the office" "$(sqlite3 "$B" "SELECT shown || ' ' || closeoff FROM current WHERE task = '2024-22' AND dept = '最高人民法院'")" "done approved"
expect_eq "the indicator's definition reached the office" "$(sqlite3 "$B" "SELECT dept FROM indicator_depts WHERE indicator = 'FYP14-I8'")" "最高人民法院"
expect_eq "the period reached the office" "$(sqlite3 "$B" "SELECT period || ' ' || due FROM periods")" "2024Q3 2024-10-10"
expect_eq "the lead change reached the office" "$(sqlite3 "$B" "SELECT lead FROM tasks WHERE id = '2024-26'")" "最高人民检察院"
# receipts back to the centre, and the centre's receipts to the offices
for s in xuanchuan fayuan shangwu; do
	at "$C" sync apply "$(ls "$F"/receipt-$s-for-centre-*.duban | tail -1)"
	expect_out "the centre takes $s's receipt" "receipt from '$s'"
	at "$TMP/$s.db" sync apply "$(ls "$F"/receipt-centre-for-$s-*.duban | tail -1)"
	expect_out "$s takes the centre's receipt" "receipt from 'centre'"
done
at "$C" sync apply "$(ls "$F"/receipt-xuanchuan-for-centre-*.duban | tail -1)"
expect_out "a receipt twice changes nothing" "holds nothing new"
at "$A" sync export --to centre -o "$F/a-empty.duban"
expect_out "nothing new since the receipt: the file only acknowledges" "nothing new for it since its last receipt"

# ---- round 2: out of order, lost and sent again ----
at "$B" indicator record FYP14-I8 --period 2024Q2 --value 96.5 --dept 最高人民法院 --source "法发〔2024〕1号"
at "$B" record 2024-23 --status in-progress --note "法院：第一稿" --dept 最高人民法院
at "$B" sync export --to centre -o "$F/b2.duban"
at "$B" record 2024-24 --status behind --note "法院：待协调" --dept 最高人民法院
at "$B" sync export --to centre -o "$F/b3.duban"
made=$((made + 2))
at "$C" sync apply "$F/b3.duban"
expect_out "the later file first" "2 records"
expect_out "the later file carries the value and its source" "1 indicator value, 1 indicator source"
at "$C" sync apply "$F/b2.duban"
expect_rc "the earlier file after it is no error" 0
expect_out "the earlier file after the later one holds nothing new" "holds nothing new here"
expect_eq "out of order: the centre holds every record once" "$(records "$C")" "$made"
at "$S" record 2024-73 --status in-progress --note "商务部：调研" --dept 商务部
at "$S" sync export --to centre -o "$F/s2.duban"
rm "$F/s2.duban"   # lost on the way
at "$S" record 2024-96 --status not-started --note "商务部：待启动" --dept 商务部
made=$((made + 2))
at "$S" sync export --to centre -o "$F/s3.duban"
expect_out "the next file carries what the lost one did: from the last receipt" "2 records"
at "$C" sync apply "$F/s3.duban"
expect_eq "lost and sent again: the centre holds both records" \
	"$(sqlite3 "$C" "SELECT count(*) FROM progress WHERE task IN ('2024-73', '2024-96')")" 2

# ---- bad files, each refused whole ----
at "$A" record 2024-11 --status in-progress --note "宣传部：第二季度" --dept 中央宣传部
at "$A" sync export --to centre -o "$F/a2.duban"
made=$((made + 1))
size=$(wc -c <"$F/a2.duban")
before=$(dump "$C")
# a byte of the content changed
cp "$F/a2.duban" "$F/a2-damaged.duban"
printf 'X' | dd of="$F/a2-damaged.duban" bs=1 seek=$((size - 5)) conv=notrunc 2>/dev/null
at "$C" sync apply "$F/a2-damaged.duban"
expect_rc "a damaged file is refused" 3
expect_err "a damaged file: said so" "it is damaged (its content does not have the SHA-256 it was signed with)"
# a byte of the header changed
sed 's/^rows \([0-9]*\)$/rows 9\1/' "$F/a2.duban" >"$F/a2-forged.duban"
at "$C" sync apply "$F/a2-forged.duban"
expect_rc "a file changed after signing is refused" 5
expect_err "a changed header: the signature says so" "its signature does not verify with the key trusted for 'xuanchuan'"
# cut short
head -c $((size - 100)) "$F/a2.duban" >"$F/a2-short.duban"
at "$C" sync apply "$F/a2-short.duban"
expect_rc "a file cut short is refused" 3
printf 'not a change file\n' >"$F/junk.duban"
at "$C" sync apply "$F/junk.duban"
expect_rc "a file that is no change file is refused" 3
expect_err "a file that is no change file: said so" "is not a duban change file"
# signed with a key the centre does not trust: a copy of the office's database with a new key
cp "$A" "$TMP/rogue.db"
at "$TMP/rogue.db" sync keygen --new -o "$F/rogue.pub"
at "$TMP/rogue.db" record 2024-12 --status done --note "伪造" --dept 中央宣传部
at "$TMP/rogue.db" sync export --to centre -o "$F/rogue.duban"
at "$C" sync apply "$F/rogue.duban"
expect_rc "a file signed with a key not trusted is refused" 5
expect_err "the untrusted key is named" "is signed with the key"
# a site the centre never trusted
at "$TMP/stranger.db" sync init --site stranger
at "$TMP/stranger.db" sync keygen -o "$F/stranger.pub"
at "$TMP/stranger.db" sync trust "$F/centre.pub"
at "$TMP/stranger.db" record 2024-12 --status done --note "陌生" --dept 中央宣传部
at "$TMP/stranger.db" sync export --to centre -o "$F/stranger.duban"
at "$C" sync apply "$F/stranger.duban"
expect_rc "a file from a site not trusted is refused" 5
expect_err "the stranger is named" "signed as the site 'stranger'"
# an office writing for another department: a copy of its database (same key) records for 商务部
cp "$A" "$TMP/evil.db"
at "$TMP/evil.db" record 2024-52 --status done --note "越权" --dept 商务部
at "$TMP/evil.db" sync export --to centre -o "$F/evil.duban"
at "$C" sync apply "$F/evil.duban"
expect_rc "a file writing for another department is refused" 5
expect_err "the refusal names the row and the rule" "(2024-52, 商务部): an office's file carries only records of the departments it speaks for, and 'xuanchuan' speaks for 中央宣传部"
# a file for another site
at "$C" sync export --to xuanchuan -o "$F/c-for-xuanchuan.duban"
at "$S" sync apply "$F/c-for-xuanchuan.duban"
expect_rc "a file for another site is refused" 3
expect_err "a file for another site: said so" "it is for the site 'xuanchuan'"
expect_eq "every bad file left the centre as it was" "$(dump "$C")" "$before"
at "$C" sync apply "$F/a2.duban"
expect_out "the good file after the bad ones" "1 record"
expect_eq "the record the evil copy and the rogue made is nowhere at the centre" \
	"$(sqlite3 "$C" "SELECT count(*) FROM progress WHERE note IN ('越权', '伪造', '陌生')")" 0

# ---- an office's database put back from a backup: refused until it is made anew ----
at "$C" record 2024-2 --note "中心：请加快" --dept 中央宣传部
made=$((made + 1))
at "$C" sync export --to shangwu -o "$F/c-shangwu-2.duban"
at "$S" sync apply "$F/c-shangwu-2.duban"
cp "$S" "$TMP/shangwu-now.db"
cp "$TMP/shangwu-backup.db" "$S"     # shangwu's disk failed; last week's backup is put back
at "$S" sync apply "$F/c-shangwu-2.duban"
expect_rc "a database put back from a backup: the centre's file is refused" 6
expect_err "it says what happened and what to do" "this database was put back from a backup (or copied); make it anew with 'duban sync init --site shangwu --again'"
at "$S" sync init --site shangwu --again
expect_out "the site takes a new id" "writes its key with the new id"
at "$S" sync keygen -o "$F/shangwu-again.pub"
at "$C" sync trust "$F/shangwu-again.pub" --dept 商务部
expect_out "the centre trusts the site made again in place of the old" "trusted the site made again as 'shangwu'"
at "$C" sync export --to shangwu -o "$F/c-shangwu-again.duban"
at "$S" sync apply "$F/c-shangwu-again.duban"
expect_rc "the site made again applies the centre's file" 0
expect_eq "it holds again what it had lost, its own records too" "$(records "$S")" "$(records "$C")"

# ---- rows arrive later than they were made: chained in arrival order, and verify knows ----
at "$B" record 2024-25 --status in-progress --note "法院：前一日" --dept 最高人民法院
export DUBAN_NOW=$((DUBAN_NOW + 86400))   # the next day, everywhere
at "$A" record 2024-17 --status in-progress --note "宣传部：次日" --dept 中央宣传部
made=$((made + 2))
at "$B" sync export --to centre -o "$F/b4.duban"
at "$C" sync apply "$F/b4.duban"
at "$C" sync export --to xuanchuan -o "$F/c-xuanchuan-late.duban"
at "$A" sync apply "$F/c-xuanchuan-late.duban"
expect_eq "the court's record, made a day before, is chained after the office's own" \
	"$(sqlite3 "$A" "SELECT (SELECT c.seq FROM chain c JOIN progress p ON p.id = c.key WHERE p.note = '法院：前一日') >
		(SELECT c.seq FROM chain c JOIN progress p ON p.id = c.key WHERE p.note = '宣传部：次日')")" 1
at "$A" verify
expect_rc "verify holds rows applied from a file to their sender's times, not to the order here" 0
expect_out "verify counts them all" "the chain of"

# ---- the last rounds: everything everywhere ----
for round in 1 2; do
	for s in xuanchuan fayuan shangwu; do
		at "$TMP/$s.db" sync export --to centre -o "$F/final-$s-$round.duban"
		at "$C" sync apply "$F/final-$s-$round.duban"
	done
	for s in xuanchuan fayuan shangwu; do
		at "$C" sync export --to $s -o "$F/final-c-$s-$round.duban"
		at "$TMP/$s.db" sync apply "$F/final-c-$s-$round.duban"
		at "$C" sync apply "$(ls -t "$F"/receipt-$s-for-centre-*.duban | head -1)"
		at "$TMP/$s.db" sync apply "$(ls -t "$F"/receipt-centre-for-$s-*.duban | head -1)"
	done
done
expect_eq "the centre holds every record made, once" "$(records "$C")" "$made"
want=$(dump "$C")
[ "$(printf '%s\n' "$want" | grep -c '^progress|')" = "$made" ] && ok "the centre's dump has every record" ||
	fail "the centre's dump has every record"
for s in xuanchuan fayuan shangwu; do
	expect_eq "$s holds the same records, reviews, evidence, periods and plans as the centre" "$(dump "$TMP/$s.db")" "$want"
done
for s in centre xuanchuan fayuan shangwu; do
	at "$TMP/$s.db" verify
	expect_rc "$s verifies: every row applied is chained" 0
done
at "$C" sync status
expect_out "status: each peer" "xuanchuan: an office for 中央宣传部"
expect_out "status: the last file received" "last received: file"
expect_out "status: nothing unacknowledged after the last receipts" "unacknowledged: nothing"
at "$A" sync status --format json
expect_rc "status as json" 0
expect_eq "status json: the office's one peer is its centre" "$(printf '%s' "$OUT" | "$TOOL" json -r - '.peers[].name' '.peers[].role' | tr '\n' ' ')" "centre centre "
expect_eq "status json: nothing unacknowledged" "$(printf '%s' "$OUT" | "$TOOL" json -r - '.peers[0].acked' '.site')" "$(sqlite3 "$C" "SELECT received FROM sync_peers WHERE name = 'xuanchuan'")
xuanchuan"

# ---- kill -9 during an apply: the receiver as it was, or the file wholly applied ----
for i in 1 2 3 4 5 6; do
	head -c 1500000 /dev/urandom >"$F/big-$i.bin"
	at "$A" attach 2024-18 --dept 中央宣传部 "$F/big-$i.bin" --title "附件 $i"
	at "$A" record 2024-18 --status in-progress --note "宣传部：第 $i 批材料" --dept 中央宣传部
done
at "$A" sync export --to centre -o "$F/big.duban"
cp "$C" "$TMP/victim.db"
before=$(dump "$TMP/victim.db")
t0=$(date +%s%N)
at "$TMP/victim.db" sync apply "$F/big.duban" -o "$F/victim-receipt.duban" --force
t1=$(date +%s%N)
expect_rc "the big file applies" 0
after=$(dump "$TMP/victim.db")
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -lt 20 ] && ms=20
[ "$before" != "$after" ] && ok "the big file changes the centre" || fail "the big file changes the centre"
whole=0 untouched=0 torn=0
for i in $(seq 1 12); do
	cp "$C" "$TMP/victim.db"
	rm -f "$TMP/victim.db-wal" "$TMP/victim.db-shm"
	"$DUBAN" --db "$TMP/victim.db" sync apply "$F/big.duban" -o "$F/victim-receipt.duban" --force >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$(od -An -N2 -tu2 /dev/urandom)" -v ms="$ms" 'BEGIN { printf "%.3f", (s % ms) / 1000 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	now=$(dump "$TMP/victim.db")
	if [ "$now" = "$before" ]; then untouched=$((untouched + 1))
	elif [ "$now" = "$after" ]; then whole=$((whole + 1))
	else torn=$((torn + 1)); fi
	[ "$(sqlite3 "$TMP/victim.db" 'PRAGMA integrity_check')" = ok ] || torn=$((torn + 100))
	at "$TMP/victim.db" sync apply "$F/big.duban" -o "$F/victim-receipt.duban" --force
	[ "$RC" = 0 ] && [ "$(dump "$TMP/victim.db")" = "$after" ] || torn=$((torn + 1000))
done
expect_eq "12 applies killed at random (within ${ms} ms): none left half a file, each applied again whole" \
	"$torn" 0
[ "$untouched" -gt 0 ] && ok "some kills left the receiver as it was ($untouched; $whole had finished)" ||
	ok "every kill came after the commit ($whole): the file was whole each time"

# ---- the terminal's status line says when the last exchange was ----
printf '<save-screen start>\nq\n' >"$TMP/status.keys"
(cd "$TMP" && COLUMNS=100 LINES=24 TERM=xterm-256color "$DUBAN" --color=never --db "$C" --script status.keys \
	--dump "$TMP/screen.txt" >/dev/null 2>&1)
expect_eq "the status line shows the last exchange's date" \
	"$(grep -c "| synced $(date -u -d @"$DUBAN_NOW" +%Y-%m-%d) |" "$TMP/screen.txt")" 1
(cd "$TMP" && COLUMNS=100 LINES=24 TERM=xterm-256color "$DUBAN" --color=never --db "$TMP/plain.db" --script status.keys \
	--dump "$TMP/screen2.txt" >/dev/null 2>&1)
expect_eq "a database that is no site: the status line as before" \
	"$(grep -c '^| .* | .*plain.db' "$TMP/screen2.txt") $(grep -c 'synced' "$TMP/screen2.txt")" "1 0"
