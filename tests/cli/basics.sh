# Help, version, the man page, first run on a fresh machine (issue 2).
. "$(dirname "$0")/../lib.sh"

duban --version
expect_out "--version" "duban 0."
duban --help
expect_rc "--help exits 0" 0
for c in import plans depts tasks show record attach review history evidence status user config; do
	case "$OUT" in *"  $c "*) ok "--help lists $c";; *) fail "--help lists $c" "$OUT";; esac
done
duban help tasks
expect_out "help COMMAND shows its options" "--dept NAME"
duban tasks --help
expect_out "COMMAND --help shows its options" "--role ROLE"
duban help nosuch
expect_rc "help of an unknown command: exit 2" 2
duban nosuch
expect_rc "unknown command: exit 2" 2
expect_err "unknown command: says so" "no command 'nosuch'"
duban tasks --format xml
expect_rc "unknown format: exit 2" 2
expect_err "unknown format: names it" "'xml'"

# First run: the default database is created under XDG_DATA_HOME with the
# bundled plans, its folders 0700 and the file 0660.
unset DUBAN_DB
duban plans --format tsv
expect_rc "first run works" 0
expect_err "first run says it created the database" "created database"
expect_eq "first run: bundled plans" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1 | sort | tr '\n' ' ')" "2020 2024 2025 FYP14 "
[ -f "$XDG_DATA_HOME/duban/duban.db" ] && ok "database under XDG_DATA_HOME" || fail "database under XDG_DATA_HOME"
expect_eq "data folder is 0700" "$(stat -c %a "$XDG_DATA_HOME/duban")" 700
expect_eq "database file is 0660" "$(stat -c %a "$XDG_DATA_HOME/duban/duban.db")" 660
duban plans
expect_eq "second run creates nothing" "$ERR" ""
# -wal and -shm take the database file's mode, whatever the umask
mods=$(umask 022; python3 -c '
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("SELECT count(*) FROM plans").fetchone()
print(" ".join(oct(os.stat(sys.argv[1] + x).st_mode & 0o777) for x in ("-wal", "-shm")))
' "$XDG_DATA_HOME/duban/duban.db")
expect_eq "the -wal and -shm files are 0660 too" "$mods" "0o660 0o660"

if command -v mandoc >/dev/null 2>&1; then
	lint=$(mandoc -Tlint -Wwarning "$SRC/man/duban.1" 2>&1)
	expect_eq "man page is clean under mandoc -Tlint" "$lint" ""
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
		grep -q "^\.Sh $s" "$SRC/man/duban.1" && ok "man page has $s" || fail "man page has $s"
	done
else
	fail "mandoc is installed (needed to lint the man page)"
fi
# Every command in --help is in the man page.
duban --help
for c in $(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	grep -q "^\.It Cm $c" "$SRC/man/duban.1" && ok "man page documents $c" || fail "man page documents $c"
done
