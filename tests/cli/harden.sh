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
