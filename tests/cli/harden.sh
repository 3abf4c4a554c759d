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
expect_err "checklist --all -o FILE: says it is not a folder" "'$TMP/a-file' as the folder for the checklists: it is not a folder"
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
