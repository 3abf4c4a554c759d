# Recording progress, close-off review, evidence, users and roles (issue 3).
. "$(dirname "$0")/../lib.sh"

duban plans
expect_rc "database with the bundled plans" 0

# With no users, the local user is the office and can record for anyone.
duban record 2024-2 --dept 中央宣传部 --status in-progress --period 2024Q3 --note "已形成修订草案"
expect_rc "office (no users) records" 0
expect_out "record prints the new record" "recorded 2024Q3 in-progress for 中央宣传部 on 2024-2"
duban tasks --plan 2024 --format json
expect_out "tasks json has the lead's status, period and per-department statuses" '"status": "in-progress", "silent": false, "review": "", "shown": "in-progress", "period": "2024Q3"'
expect_out "tasks json has each department's note" '"dept": "中央宣传部", "role": "lead", "status": "in-progress", "period": "2024Q3"'
duban show 2024-2
expect_out "show has the status" "status: in-progress, 2024Q3"
expect_out "show has the note" "已形成修订草案"

# Users and roles.
duban --as li user add li --role liaison --dept 中央宣传部
expect_rc "the first user must be office" 5
expect_err "the first user rule says why" "first user must be an office user"
duban --as zhang user add zhang --role office
expect_rc "add the office user" 0
duban --as zhang user add li --role liaison --dept 中央宣傳部
expect_rc "add a liaison by a traditional department name" 0
duban --as zhang user add wang --role viewer
duban --as zhang user list --format tsv
expect_out "user list shows the liaison's canonical department" "li	liaison	中央宣传部"

before=$(db_dump)
duban --as li record 2024-5 --dept 生态环境部 --status done --period 2024Q3
expect_rc "liaison cannot record for another department" 5
expect_err "the refusal names the rule" "may record only for it"
duban --as li record 2024-5 --status done --period 2024Q3
expect_rc "liaison cannot record on a task its department is not on" 5
expect_err "the refusal lists the task's departments" "生态环境部"
duban --as wang record 2024-2 --dept 中央宣传部 --status done --period 2024Q3
expect_rc "viewer cannot record" 5
duban --as stranger record 2024-2 --dept 中央宣传部 --status done --period 2024Q3
expect_rc "unknown user cannot record" 5
expect_err "unknown user is told whom to ask" "duban user add stranger"
# no environment variable changes who you are: root is not a user here
USER=zhang LOGNAME=zhang SUDO_USER=zhang DUBAN_USER=zhang duban record 2024-2 --dept 中央宣传部 --status done --period 2024Q3
expect_rc "USER/LOGNAME/SUDO_USER do not make root the office" 5
expect_err "the refusal names the real login" "user '$(id -un)'"
duban --as li review 2024-2 approve
expect_rc "liaison cannot approve" 5
duban --as li user add li2 --role office
expect_rc "liaison cannot manage users" 5
duban --as li import "$SRC/data/plans/2024-national-plan.txt"
expect_rc "liaison cannot import" 5
duban --as li config evidence.max_bytes 1
expect_rc "liaison cannot change settings" 5
expect_eq "refusals wrote nothing" "$(db_dump)" "$before"

if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$DUBAN" --as zhang plans >"$TMP/o" 2>"$TMP/e"
	expect_eq "only root may use --as" "$?" 5
	grep -q "only root may act as another user" "$TMP/e" && ok "--as refusal says why" || fail "--as refusal says why" "$(cat "$TMP/e")"
fi

# The liaison records with its own department by default.
duban --as li record 2024-2 --status behind --period 2024Q3
expect_rc "behind without a note is refused" 2
duban --as li record 2024-2 --status behind --period 2024Q4 --note "征求意见延期，预计下季度完成；
第二行说明"
expect_rc "liaison records for its own department" 0
duban show 2024-2
expect_rc "show works" 0
duban history 2024-2 --format json
expect_out "history shows the multi-line note" '征求意见延期，预计下季度完成；\n第二行说明'
expect_out "history shows who" '"who": "li"'

# Close-off: done is a request; the office approves or returns it.
duban --as li record 2024-11 --status done --period 2024Q4 --note "已印发"
expect_out "done by the lead asks for review" "pending review"
duban status --plan 2024 --format json
expect_out "status shows pending review" '"id": "2024-11", "plan": "2024", "chapter": 1, "section": 2, "status": "done", "silent": false, "review": "pending review"'
duban --as zhang review 2024-11 return
expect_rc "return needs a reason" 2
duban --as zhang review 2024-11 return --reason "请补充印发文号"
expect_rc "office returns" 0
duban --as zhang review 2024-11 approve
expect_rc "a returned close-off cannot be approved without a new done" 6
duban status --plan 2024 --format json
expect_out "status shows returned" '"id": "2024-11", "plan": "2024", "chapter": 1, "section": 2, "status": "done", "silent": false, "review": "returned"'
duban --as li history 2024-11 --format tsv
expect_out "the department sees the reason" "请补充印发文号"
duban show 2024-11
expect_out "show gives the lead's returned close-off and its reason" "status: done (returned): 请补充印发文号, 2024Q4, updated "
duban --as li record 2024-11 --status done --period 2024Q4 --note "已印发，文号已补"
duban status --plan 2024 --format json
expect_out "a new done after a return is pending again" '"id": "2024-11", "plan": "2024", "chapter": 1, "section": 2, "status": "done", "silent": false, "review": "pending review"'
duban show 2024-11
expect_out "show gives a new done as pending review" "status: done (pending review), 2024Q4"
expect_no_out "show drops the old return's reason" "请补充印发文号, 2024Q4"
duban --as zhang review 2024-11 approve
expect_rc "office approves the new close-off" 0
duban show 2024-11
expect_out "show gives the approved close-off" "status: done (approved), 2024Q4"
duban status --plan 2024
expect_out "status roll-up counts the approved task" "1/110 done"
duban --as zhang review 2024-12 approve
expect_rc "nothing to approve: conflict" 6

# Evidence: a file round trip, a document number, a link.
head -c 300000 /dev/urandom >"$TMP/证明材料.bin"
duban --as li attach 2024-2 "$TMP/证明材料.bin" --title "修订草案"
expect_rc "attach a file" 0
id=$(printf '%s\n' "$OUT" | sed -n 's/.*(evidence \([0-9a-f]*\)).*/\1/p')
duban evidence get "$id" -o "$TMP/back.bin"
expect_rc "evidence get" 0
expect_eq "evidence round trip: SHA-256 equal" "$(sha256sum <"$TMP/back.bin" | cut -d' ' -f1)" "$(sha256sum <"$TMP/证明材料.bin" | cut -d' ' -f1)"
duban evidence get "$id" -o "$TMP/back.bin"
expect_rc "evidence get refuses to overwrite" 8
duban evidence list --task 2024-2 --format json
expect_out "evidence list has the stored SHA-256" "$(sha256sum <"$TMP/证明材料.bin" | cut -d' ' -f1)"
duban --as li attach 2024-2 "$TMP/证明材料.bin" --title "同一文件再次上传"
expect_eq "the same file is stored once" "$(sqlite3 "$DUBAN_DB" 'SELECT count(*) FROM blobs')" 1
duban --as li attach 2024-2 --docno "国版发〔2024〕3号" --title "报送函"
expect_rc "attach a document number" 0
duban --as li attach 2024-2 --url "https://www.cnipa.gov.cn/x.html"
expect_rc "attach a link" 0
duban --as li attach 2024-2 --url "javascript:alert(1)"
expect_rc "a non-http link is refused" 2
duban history 2024-2
expect_out "history lists the document number" "国版发〔2024〕3号"

# A stored file name with a path in it is just a name: get writes only to -o.
mkdir -p "$TMP/evil/sub"
cp "$TMP/证明材料.bin" "$TMP/evil/sub/passwd"
(cd "$TMP/evil/sub" && ${DUBAN_WRAP:-} "$DUBAN" --as li attach 2024-2 passwd --title "../../etc/passwd" >/dev/null 2>&1)
eid=$(sqlite3 "$DUBAN_DB" "SELECT id FROM evidence WHERE title = '../../etc/passwd'")
mkdir -p "$TMP/getdir"
(cd "$TMP/getdir" && ${DUBAN_WRAP:-} "$DUBAN" evidence get "$eid" -o got.bin >/dev/null 2>&1)
expect_eq "evidence get writes only where -o says" "$(ls "$TMP/getdir")" "got.bin"

# Evidence bad input, each with the database unchanged.
before=$(db_dump)
duban --as li attach 2024-2 "$TMP/nosuch.pdf"
expect_rc "missing file" 8
expect_err "missing file named" "nosuch.pdf"
duban --as li attach 2024-2 "$TMP/evil"
expect_rc "a directory" 8
duban --as zhang config evidence.max_bytes 1000
before=$(db_dump)
duban --as li attach 2024-2 "$TMP/证明材料.bin"
expect_rc "over the size limit" 3
expect_err "over the limit says the limit" "limit"
if [ "$(id -u)" != 0 ]; then
	cp "$TMP/证明材料.bin" "$TMP/unreadable.bin"; chmod 000 "$TMP/unreadable.bin"
	duban --as li attach 2024-2 "$TMP/unreadable.bin"
	expect_rc "unreadable file" 8
fi
expect_eq "refused attachments wrote nothing" "$(db_dump)" "$before"

# Record bad input.
duban --as zhang record 2024-9999 --dept 中央宣传部 --status done
expect_rc "unknown task" 4
expect_err "unknown task named" "2024-9999"
duban --as zhang record 2024-2 --dept 宣传部门 --status done
expect_rc "unknown department" 4
expect_err "unknown department suggests" "did you mean 中央宣传部"
duban --as zhang record 2024-2 --dept 中央宣传部 --status finished
expect_rc "invalid status" 2
duban --as zhang record 2024-2 --dept 中央宣传部 --status done --period 2024Q5
expect_rc "invalid period 2024Q5" 2
duban --as zhang record 2024-2 --dept 中央宣传部 --status done --period 24Q1
expect_rc "invalid period 24Q1" 2
printf '\377\376 bad note' >"$TMP/bad-note.txt"
duban --as zhang record 2024-2 --dept 中央宣传部 --status in-progress --note-file "$TMP/bad-note.txt"
expect_rc "non-UTF-8 note" 3
expect_eq "bad records wrote nothing" "$(db_dump)" "$before"

# Records are append-only in the database itself.
sqlite3 "$DUBAN_DB" "UPDATE progress SET note = 'x'" 2>"$TMP/e"
grep -q "never changed" "$TMP/e" && ok "the database refuses to change a record" || fail "the database refuses to change a record" "$(cat "$TMP/e")"
sqlite3 "$DUBAN_DB" "DELETE FROM progress" 2>"$TMP/e"
grep -q "never deleted" "$TMP/e" && ok "the database refuses to delete a record" || fail "the database refuses to delete a record"

# Optimistic check: a record based on an older view keeps both and warns.
duban --as li record 2024-12 --status in-progress --period 2024Q3 --note "第一次"
first=$(printf '%s\n' "$OUT" | sed -n 's/.*(record \([0-9a-f]*\)).*/\1/p')
duban --as li record 2024-12 --status behind --period 2024Q3 --note "同事记录" --based-on "$first"
expect_out "based on the newest: recorded" "recorded 2024Q3 behind"
expect_eq "based on the newest: no warning" "$ERR" ""
duban --as li record 2024-12 --status done --period 2024Q3 --note "我的记录" --based-on "$first"
expect_rc "a stale view still records" 0
expect_err "a stale view is told the status changed" "status changed while you worked"
expect_eq "both records are kept" "$(sqlite3 "$DUBAN_DB" "SELECT count(*) FROM progress WHERE task = '2024-12'")" 3

# A read-only database file: a clear message and exit 7.
if [ "$(id -u)" != 0 ]; then
	chmod 444 "$DUBAN_DB"
	duban record 2024-2 --dept 中央宣传部 --status done
	expect_rc "read-only database" 7
	chmod 644 "$DUBAN_DB"
fi

# Hostile text: a note with terminal escape sequences is stored verbatim and
# shown escaped; SQL fragments and quotes are stored and found as written.
evil=$(printf 'x\033]0;pwned\007y\033[2Jz')
duban --as zhang record 2024-3 --dept 市场监管总局 --status in-progress --note "$evil"
expect_rc "a note with escape sequences is accepted" 0
duban show 2024-3
case "$OUT" in *"$(printf '\033')"*) fail "show never prints ESC" "$OUT";; *) ok "show never prints ESC";; esac
expect_out "show prints the escape visibly" '^[]0;pwned^Gy^[[2Jz'
expect_eq "the note is stored verbatim" "$(sqlite3 "$DUBAN_DB" "SELECT note FROM progress WHERE task = '2024-3' ORDER BY at DESC LIMIT 1")" "$evil"
sqlish="'; DROP TABLE progress; -- 100% \"quoted\""
duban --as zhang record 2024-3 --dept 市场监管总局 --status in-progress --note "$sqlish"
expect_rc "a note with SQL in it is accepted" 0
duban history 2024-3 --format json
expect_out "the SQL note is stored and shown verbatim" "'; DROP TABLE progress; -- 100% \\\"quoted\\\""
duban tasks --search "%"
expect_rc "search with % works" 0
case "$(printf '%s\n' "$OUT" | head -n 1)" in "id "*" lead "*" text"*) ok "search with %: the listing's header is printed";;
	*) fail "search with %: the listing's header is printed" "stdout: $OUT" "stderr: $ERR";; esac
expect_eq "% is not a wildcard" "$(printf '%s' "$OUT" | tail -n +2 | wc -l)" 0
# tasks --search is the UI's search: it finds a task by a word of its notes
duban --as li record 2024-2 --status in-progress --period 2024Q3 --note "完成青藤调研报告"
expect_rc "the note to search for is recorded" 0
duban tasks --search 青藤调研 --format tsv
expect_out "tasks --search finds a task by its note" "2024-2"
expect_eq "tasks --search finds only that task" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" 1
