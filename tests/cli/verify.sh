# Tamper evidence (issue 18): the hash chain over every append-only row, its
# triggers, duban verify and the printed head. Each tampering is done the way
# someone with the file would do it, with the sqlite3 shell, on a copy of a
# clean database.
. "$(dirname "$0")/../lib.sh"

due=$(date -d '+60 days' +%F)
duban --as zhang user add zhang --role office
duban --as zhang user add li --role liaison --dept 中央宣传部
duban --as zhang user add wang --role viewer
duban --as zhang user add wang --role liaison --dept 财政部
duban --as zhang user add zhao --role viewer
duban --as zhang user remove zhao
duban --as zhang period open 2024Q4 --due "$due"
duban --as li record 2024-2 --status in-progress --note "已形成修订草案"
# a checklist sent to the department now: its printed head covers the first record
duban --as zhang checklist --period 2024Q4 --dept 中央宣传部 --format txt
PRINTED=$(printf '%s\n' "$OUT" | sed -n 's/^数据校验码：//p')
duban --as li record 2024-2 --note "补充说明：征求意见中"
duban --as li attach 2024-2 --docno "国版发〔2024〕3号" --title "修订草案报送函"
printf '会议纪要\n' >"$TMP/纪要.txt"
duban --as li attach 2024-2 "$TMP/纪要.txt"
duban --as li record 2024-2 --status done --note "已印发"
duban --as zhang review 2024-2 approve
duban --as zhang review 2024-2 reopen --reason "材料不全"
duban --as zhang record 2024-3 --dept 市场监管总局 --status done --note "已提请审议"
duban --as zhang review 2024-3 return --reason "缺少佐证材料"
duban --as zhang task lead 2024-87 --dept 国家知识产权局 --reason "牵头单位调整"
duban --as zhang record 2024-87 --dept 国家知识产权局 --period 2024Q2 --backfill --status in-progress --note "补录"
duban --as zhang period close 2024Q4
expect_rc "the clean database is made through duban" 0
CLEAN=$TMP/clean.db
sqlite3 "$DUBAN_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$DUBAN_DB" "$CLEAN"
q() { sqlite3 "$DUBAN_DB" "$1"; }

# ---- a clean database verifies ----
duban verify
expect_rc "a clean database verifies" 0
expect_out "says it verified" "verified '$DUBAN_DB': the chain of 19 links is whole"
expect_eq "every kind of row has its links" \
	"$(q "SELECT tbl || ' ' || count(*) FROM chain GROUP BY tbl ORDER BY tbl" | tr '\n' ',')" \
	"evidence 2,lead_changes 1,periods 1,periods_closed 1,progress 5,reviews 3,user_changes 6,"
expect_eq "the links are numbered 1 to 19" "$(q 'SELECT min(seq), max(seq), count(*) FROM chain')" "1|19|19"
expect_eq "user changes are logged: adds, a change, a removal" \
	"$(q "SELECT change, count(*) FROM user_changes GROUP BY change ORDER BY change" | tr '\n' ',')" \
	"add|4,change|1,remove|1,"
HEAD=$(q "SELECT seq || ':' || substr(hash, 1, 16) FROM chain ORDER BY seq DESC LIMIT 1")
expect_out "prints the head" "head $HEAD"
duban verify --format json
expect_rc "json: verifies" 0
expect_eq "json: verified, 19 links, the head" \
	"$(printf '%s' "$OUT" | "$TOOL" json - .verified .links .head .problems | tr '\n' ' ')" "true 19 \"$HEAD\" 0 "

# The formula in store/store_chain.c, checked with another SHA-256 (coreutils):
# link 1 from 64 zeros and the first user change; the first record's link
# from the hash before it and the record's columns.
# t VALUE: a text value's encoding; enc_progress PREV ID: a progress link's input
t() { printf 't%s:%s' "$(printf '%s' "$1" | wc -c | tr -d ' ')" "$1"; }
US=$(printf '\037')
enc_progress() {
	row=$(sqlite3 -separator "$US" "$DUBAN_DB" "SELECT id, task, dept, period, status, note, note_key, who, at,
		coalesce(based_on, 'NULL'), note_only, backfill FROM progress WHERE id = '$2'")
	IFS=$US read -r id task dept period status note key who at based nonly bfill <<EOF
$row
EOF
	printf '%s' "$1"
	t progress; t "$id"; t "$task"; t "$dept"; t "$period"; t "$status"; t "$note"; t "$key"; t "$who"; t "$at"
	if [ "$based" = NULL ]; then printf 'n;'; else t "$based"; fi
	printf 'i%s;i%s;' "$nonly" "$bfill"
}
ZERO=0000000000000000000000000000000000000000000000000000000000000000
expect_eq "link 1 is the first user added" "$(q "SELECT c.tbl, u.login FROM chain c JOIN user_changes u ON u.id = c.key WHERE c.seq = 1")" "user_changes|zhang"
expect_eq "link 1 is SHA-256(64 zeros, the user change) as documented" \
	"$(q "SELECT id, login, change, role, who, at FROM user_changes u JOIN chain c ON c.key = u.id WHERE c.seq = 1" |
	   { IFS='|' read -r id login change role who at; printf '%s' "$ZERO"; t user_changes; t "$id"; t "$login"; t "$change"
	     t "$role"; printf 'n;'; t "$who"; t "$at"; } | sha256sum | cut -c1-64)" "$(q 'SELECT hash FROM chain WHERE seq = 1')"
pseq=$(q "SELECT min(seq) FROM chain WHERE tbl = 'progress'")
expect_eq "the first record's link is SHA-256(the link before, the record) as documented" \
	"$(enc_progress "$(q "SELECT hash FROM chain WHERE seq = $pseq - 1")" "$(q "SELECT key FROM chain WHERE seq = $pseq")" |
	   sha256sum | cut -c1-64)" "$(q "SELECT hash FROM chain WHERE seq = $pseq")"

# ---- the printed head: report, checklists ----
duban report --year 2024
expect_out "the report prints the head" "数据校验码：$HEAD"
expect_out "the report says how to check it" "duban verify --head $HEAD"
duban report --year 2024 --format json -o "$TMP/r.json"
expect_eq "the report's JSON has the head" "$("$TOOL" json "$TMP/r.json" .chain_head)" "\"$HEAD\""
duban report --year 2024 --format html -o "$TMP/r.html"
grep -q "数据校验码：<code>$HEAD</code>" "$TMP/r.html" && ok "the HTML report prints the head" ||
	fail "the HTML report prints the head" "$(grep -o '数据校验码[^<]*<code>[^<]*' "$TMP/r.html")"
duban checklist --period 2024Q4 --dept 中央宣传部 --format txt
expect_out "the txt checklist prints the head" "数据校验码：$HEAD"
expect_out "the txt checklist still has its rows" "2024-2"
duban checklist --period 2024Q4 --dept 中央宣传部 --format md
expect_out "the md checklist prints the head" "- 数据校验码：$HEAD"
duban checklist --period 2024Q4 --dept 中央宣传部 --format csv -o "$TMP/ck.csv"
expect_eq "the csv checklist has the head as a header line" \
	"$("$TOOL" csv "$TMP/ck.csv" | awk -F'\t' '$1 == "数据校验码" { print $2 }')" "$HEAD"
duban checklist --period 2024Q4 --dept 中央宣传部 --format xlsx -o "$TMP/ck.xlsx"
"$TOOL" unzip "$TMP/ck.xlsx" xl/sharedStrings.xml >"$TMP/ss.xml"
grep -q "数据校验码" "$TMP/ss.xml" && grep -q ">$HEAD<" "$TMP/ss.xml" && ok "the xlsx checklist prints the head" ||
	fail "the xlsx checklist prints the head" "$(grep -o '数据校验码' "$TMP/ss.xml")"
duban verify --head "$HEAD"
expect_rc "the printed head checks" 0
expect_out "says what the head proves" "the printed head $HEAD is a link of the chain"
duban verify --head "$PRINTED"
expect_rc "the head printed on the checklist sent earlier checks" 0
case "$PRINTED" in 8:????????????????) ok "that checklist's head is link 8";; *) fail "that checklist's head is link 8" "$PRINTED";; esac
duban verify --head 99:0123456789abcdef
expect_rc "a head beyond the chain" 9
expect_out "says links were removed" "the printed head 99:0123456789abcdef is not in the chain, which has 19 links"
duban verify --head "${HEAD%%:*}:0123456789abcdef"
expect_rc "a head whose hash differs" 9
expect_out "says the chain was rewritten" "the chain up to it was rewritten since the copy was made"
duban verify --head "#$(echo "$HEAD" | cut -c1-12 | tr a-f A-F)"
expect_rc "a head in capitals, with '#', cut to 8 digits, checks" 0

# ---- plain sqlite3 writes fail: the function exists on duban's connection only ----
before=$(db_dump)
out=$(q "INSERT INTO progress(id, task, dept, period, status, note, who, at)
	VALUES ('x', '2024-2', '中央宣传部', '2024Q4', 'done', 'x', 'li', '2024-01-01T00:00:00.000Z')" 2>&1)
case "$out" in *"no such function: duban_chain"*) ok "sqlite3: inserting a record fails";; *) fail "sqlite3: inserting a record fails" "$out";; esac
out=$(q "INSERT INTO user_changes VALUES ('u', 'li', 'change', 'office', NULL, 'zhang', '2030-01-01')" 2>&1)
case "$out" in *"no such function: duban_chain"*) ok "sqlite3: logging a user change fails";; *) fail "sqlite3: logging a user change fails" "$out";; esac
expect_eq "sqlite3: the database is as it was" "$(db_dump)" "$before"

# ---- each tampering, on a copy of the clean database ----
# tamper NAME SQL: a fresh copy, SQL run on it in the sqlite3 shell, then verify
tamper() {
	cp "$CLEAN" "$DUBAN_DB"
	rm -f "$DUBAN_DB-wal" "$DUBAN_DB-shm"
	out=$(sqlite3 "$DUBAN_DB" "$2" 2>&1) || fail "$1: the sqlite3 edit runs" "$out"
	duban verify
	expect_rc "$1: exit status 9" 9
	expect_err "$1: says it does not verify" "does not verify"
}
id_of() { sqlite3 "$CLEAN" "$1"; }
seq_of() { sqlite3 "$CLEAN" "SELECT seq FROM chain WHERE key = '$1' AND tbl = '${2:-progress}'"; }
GUARD_P=$(id_of "SELECT sql FROM sqlite_schema WHERE name = 'progress_no_update'")
note=$(id_of "SELECT id FROM progress WHERE note = '已形成修订草案'")
tamper "edited note" "DROP TRIGGER progress_no_update; UPDATE progress SET note = '已全部完成' WHERE id = '$note'; $GUARD_P"
expect_out "edited note: names the record and its link" "link $(seq_of "$note"): the progress record $note (2024-2) was changed after it was written"
expect_no_out "edited note: no other row is named" "link 1:"
gone=$(id_of "SELECT id FROM progress WHERE note = '补录'")
tamper "deleted record" "DROP TRIGGER progress_no_delete; DELETE FROM progress WHERE id = '$gone'"
expect_out "deleted record: names it" "link $(seq_of "$gone"): the progress record $gone was deleted"
expect_out "deleted record: the missing guard too" "BEFORE DELETE ON progress) is missing"
tamper "deleted record and link" "DROP TRIGGER progress_no_delete; DROP TRIGGER chain_no_delete;
	DELETE FROM progress WHERE id = '$gone'; DELETE FROM chain WHERE key = '$gone'"
expect_out "deleted link: the gap is named" "link $(seq_of "$gone") is missing from the chain"
tamper "dropped trigger" "DROP TRIGGER chain_progress"
expect_out "dropped trigger: names it" "the trigger chain_progress is missing"
expect_no_out "dropped trigger: no row is named" "link "
tamper "replaced trigger" "DROP TRIGGER chain_reviews; CREATE TRIGGER chain_reviews AFTER INSERT ON reviews BEGIN SELECT 1; END"
expect_out "replaced trigger: names it" "the trigger chain_reviews is not the one duban writes"
tamper "insert with the trigger dropped" "DROP TRIGGER chain_progress;
	INSERT INTO progress(id, task, dept, period, status, note, who, at)
	VALUES ('forged1', '2024-2', '中央宣传部', '2024Q2', 'done', '早已完成', 'li', '2024-05-01T00:00:00.000Z')"
expect_out "unchained insert: names the row" "the progress record forged1 (2024-2), written 2024-05-01T00:00:00.000Z, has no link"
expect_out "unchained insert: and the trigger" "the trigger chain_progress is missing"
rev=$(id_of "SELECT id FROM reviews WHERE decision = 'return'")
tamper "edited review" "DROP TRIGGER reviews_no_update; UPDATE reviews SET decision = 'approve', reason = '' WHERE id = '$rev';
	CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'no'); END"
expect_out "edited review: names it" "link $(seq_of "$rev" reviews): the review $rev (2024-3) was changed after it was written"
ev=$(id_of "SELECT id FROM evidence WHERE kind = 'docno'")
tamper "edited evidence" "DROP TRIGGER evidence_no_update; UPDATE evidence SET value = '国版发〔2024〕9号' WHERE id = '$ev';
	CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN SELECT RAISE(ABORT, 'no'); END"
expect_out "edited evidence: names it" "link $(seq_of "$ev" evidence): the evidence $ev (2024-2) was changed after it was written"
tamper "edited evidence file" "UPDATE blobs SET data = CAST('会议纪要（改）' AS BLOB)"
expect_out "edited file: names it" "the stored file $(id_of "SELECT sha256 FROM evidence WHERE kind = 'file'") (13 bytes) was changed"
tamper "role changed by hand" "UPDATE users SET role = 'office', dept = NULL WHERE login = 'li'"
expect_out "role changed: names the user, both roles" "user 'li' is office (added by zhang"
expect_out "role changed: what the log says" "made them liaison of 中央宣传部: changed by hand"
tamper "user added by hand" "INSERT INTO users VALUES ('mallory', 'office', NULL, 'zhang', '2024-01-01T00:00:00Z')"
expect_out "user added: names them" "user 'mallory' is office in the users table, but no change in the log made them a user"
tamper "removed user back" "INSERT INTO users VALUES ('zhao', 'viewer', NULL, 'zhang', '2024-01-01T00:00:00Z')"
expect_out "removed user back: names them" "user 'zhao' is viewer in the users table, but was removed"
tamper "every user deleted (everyone becomes office)" "DELETE FROM users"
expect_out "users deleted: names them" "user 'zhang' is office by their last change"
per=$(id_of "SELECT seq FROM chain WHERE tbl = 'periods_closed'")
out=$(q "DROP TRIGGER periods_no_update; UPDATE periods SET closed_by = NULL, closed_at = NULL" 2>&1)
case "$out" in *"no such function: duban_chain"*) ok "sqlite3: even the update of a period needs the trigger dropped";;
	*) fail "sqlite3: even the update of a period needs the trigger dropped" "$out";; esac
tamper "closed period opened again" "DROP TRIGGER periods_no_update; DROP TRIGGER chain_periods_closed;
	UPDATE periods SET closed_by = NULL, closed_at = NULL"
expect_out "reopened period: names the closing" "link $per: the closing of period 2024Q4 was changed after it was written"
expect_out "reopened period: and the guard" "the trigger refusing to change rows of periods (BEFORE UPDATE ON periods) is missing"
tamper "links swapped" "DROP TRIGGER chain_no_update; UPDATE chain SET seq = -seq WHERE seq IN (8, 9);
	UPDATE chain SET seq = 9 WHERE seq = -8; UPDATE chain SET seq = 8 WHERE seq = -9"
expect_out "swapped links: the first is named" "link 8: "
tamper "stray link" "DROP TRIGGER chain_no_update; UPDATE chain SET tbl = 'notes' WHERE seq = 5"
expect_out "stray link: named" "link 5 names 'notes', which duban does not chain"
tamper "chain dropped" "DROP TABLE chain"
expect_out "chain dropped: said" "the table chain is missing"

# A re-ordered insert by someone who computes the link (here with sha256sum):
# the chain fits, the trigger is back as it was, but the record is dated
# before the row chained before it.
cp "$CLEAN" "$DUBAN_DB"
rm -f "$DUBAN_DB-wal" "$DUBAN_DB-shm"
TRIG=$(q "SELECT sql FROM sqlite_schema WHERE name = 'chain_progress'")
q "DROP TRIGGER chain_progress; INSERT INTO progress(id, task, dept, period, status, note, note_key, who, at, note_only, backfill)
	VALUES ('backdated', '2024-2', '中央宣传部', '2024Q2', 'done', '二季度已完成', '', 'li', '2024-06-30T09:00:00.000Z', 0, 0)"
prev=$(q "SELECT hash FROM chain ORDER BY seq DESC LIMIT 1")
link=$(enc_progress "$prev" backdated | sha256sum | cut -c1-64)
q "INSERT INTO chain(tbl, key, hash) VALUES ('progress', 'backdated', '$link'); $TRIG"
expect_eq "the forger's trigger is the one duban wrote" "$(q "SELECT sql FROM sqlite_schema WHERE name = 'chain_progress'")" "$TRIG"
duban verify
expect_rc "re-ordered insert: exit status 9" 9
expect_out "re-ordered insert: names the record, when it says it was written" \
	"link 20: the progress record backdated (2024-2), written 2024-06-30T09:00:00, is chained after a row written"
expect_out "re-ordered insert: says so" "it was inserted out of order"
expect_no_out "re-ordered insert: the link itself fits" "was changed after it was written"

# Someone who rewrites the whole chain after an edit (here by making duban
# link everything again, as a migration would) is caught only by a head
# printed before.
cp "$CLEAN" "$DUBAN_DB"
rm -f "$DUBAN_DB-wal" "$DUBAN_DB-shm"
drops=$(q "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'chain_%' AND tbl_name != 'chain'")
# (the chain's migration is the last one: going back one version makes duban
# run it again, linking the edited rows anew)
before_chain=$(( $(q 'PRAGMA user_version') - 1 ))
q "DROP TRIGGER progress_no_update; UPDATE progress SET note = '已全部完成' WHERE id = '$note'; $GUARD_P; $drops
	DROP TABLE chain; DROP TABLE user_changes; PRAGMA user_version = $before_chain"
duban verify
expect_rc "a rewritten chain verifies by itself" 0
duban verify --head "$PRINTED"
expect_rc "a rewritten chain fails the head printed before" 9
expect_out "says the chain was rewritten since the copy" "link ${PRINTED%%:*} is ${PRINTED%%:*}:"
expect_out "names the printed head" "not $PRINTED as printed: the chain up to it was rewritten"

# ---- the migration links the rows of schemas 1, 2 and 4 ----
for v in 1 2 4; do
	rm -f "$TMP/v$v.db"
	sqlite3 "$TMP/v$v.db" <"$SRC/tests/fixtures/schema-v$v.sql"
	duban --db "$TMP/v$v.db" verify
	expect_rc "schema $v: migrated and verifies" 0
done
expect_eq "schema 1: nothing to chain" "$(sqlite3 "$TMP/v1.db" 'SELECT count(*) FROM chain')" 0
expect_eq "schema 2: records, reviews, evidence and users chained" \
	"$(sqlite3 "$TMP/v2.db" "SELECT tbl || ' ' || count(*) FROM chain GROUP BY tbl ORDER BY tbl" | tr '\n' ',')" \
	"evidence 2,progress 4,reviews 2,user_changes 2,"
expect_eq "schema 4: every kind chained" \
	"$(sqlite3 "$TMP/v4.db" "SELECT tbl || ' ' || count(*) FROM chain GROUP BY tbl ORDER BY tbl" | tr '\n' ',')" \
	"evidence 3,lead_changes 1,periods 1,periods_closed 1,progress 7,reviews 4,user_changes 3,"
expect_eq "schema 4: linked in the order written" \
	"$(sqlite3 "$TMP/v4.db" "SELECT count(*) FROM chain a JOIN chain b ON b.seq = a.seq + 1
		JOIN progress p ON p.id = a.key JOIN progress q ON q.id = b.key WHERE q.at < p.at")" 0
duban --db "$TMP/v4.db" --as root record 2024-105 --dept 联席会议办公室 --period 2024Q4 --backfill --status in-progress --note "迁移后"
duban --db "$TMP/v4.db" task lead 2024-87 --dept 中央宣传部 --reason "调回"
duban --db "$TMP/v4.db" user add liaison1 --role viewer
duban --db "$TMP/v4.db" verify
expect_rc "schema 4: writes after the migration keep it verifying" 0
expect_out "schema 4: the new links are there" "the chain of 23 links is whole"

# ---- usage and the database ----
duban verify --head 12
expect_rc "a head without its hash is a usage error" 2
expect_err "says what a head looks like" "like 1234:9f3ab2c4d5e6f708"
duban verify --format xml
expect_rc "an unknown format" 2
duban --db "$TMP/none.db" verify
expect_rc "a database that does not exist" 7
[ ! -e "$TMP/none.db" ] && ok "verify does not create a database" || fail "verify does not create a database"

# ---- indicator values are chained too ----
cp "$CLEAN" "$DUBAN_DB"
rm -f "$DUBAN_DB-wal" "$DUBAN_DB-shm"
duban --as zhang indicator record FYP14-I4 --period 2024 --value 3987.1 --source "https://www.gov.cn/x.html"
expect_rc "an indicator value recorded" 0
duban verify
expect_rc "an indicator value and its source verify" 0
expect_eq "the value and its source are linked" \
	"$(q "SELECT tbl FROM chain WHERE tbl LIKE 'indicator%' ORDER BY seq" | tr '\n' ' ')" \
	"indicator_values indicator_sources "
q "DROP TRIGGER indicator_values_no_update; UPDATE indicator_values SET value = '4987.1', typed = '4987.1';
	CREATE TRIGGER indicator_values_no_update BEFORE UPDATE ON indicator_values
	BEGIN SELECT RAISE(ABORT, 'indicator values are never changed: record a correction'); END"
duban verify
expect_rc "an edited indicator value: exit status 9" 9
expect_out "an edited indicator value: named" "indicator value"
